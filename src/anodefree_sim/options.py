"""Validated model options of anodefree_sim (PyBaMM rejects unknown option keys, so we keep our own).

Every option has a ``"none"`` value (or, for the layer count, a plain number); the first value listed
is the default.
"""

from __future__ import annotations

OPTIONS: dict[str, tuple[str, ...]] = {
    "silver exsolution": ("lumped", "none", "resolved", "mixed conductor"),
    "lithium-silver alloy": ("staged", "none"),
    "alloy hysteresis": ("none", "one-state"),
    "nucleation": ("coverage", "none"),
    "lithium plating": ("partially reversible", "none"),
    "solid electrolyte": ("ohmic", "none"),
    "electrode potential": ("capacitive", "algebraic"),
    "cathode model": ("SPMe", "SPM", "DFN"),
    "stack pressure": ("none", "contact", "mechanics"),
    "interphase growth": ("none", "throughput"),
    "number of solid electrolyte layers": ("1", "2", "3", "4", "5", "6"),
}


def validate_options(
    options: dict | None = None, defaults: dict | None = None, unused: dict | None = None
) -> dict:
    """Complete ``options`` with defaults and check every key and value.

    Parameters
    ----------
    options : dict, optional
        User choices, e.g. ``{"silver exsolution": "resolved"}``.
    defaults : dict, optional
        Model-specific defaults that override the table's first values.
    unused : dict, optional
        ``{option: reason}`` of options the model does not read: setting one to anything but its default is
        an error (e.g. ``"cathode model"`` on a half cell, which has no cathode), never silently ignored.

    Raises
    ------
    ValueError
        For an unknown key or a value outside the allowed list (both are named in the message).
    """
    out = {k: v[0] for k, v in OPTIONS.items()}
    for key, reason in (unused or {}).items():
        if key in (options or {}) and str(options[key]) != out[key]:
            raise ValueError(f"option '{key}' is not used by this model ({reason})")
    for source in (defaults or {}, options or {}):
        for key, value in source.items():
            if key not in OPTIONS:
                raise ValueError(f"unknown option '{key}'; valid options: {sorted(OPTIONS)}")
            value = str(value)
            if value not in OPTIONS[key]:
                raise ValueError(f"option '{key}' = '{value}' is not one of {list(OPTIONS[key])}")
            out[key] = value
    return out
