"""The provenance ledger of the shipped parameter sets: what is measured, taken, derived, assumed or fitted.

Every parameter of every set registered under the ``pybamm_parameter_sets`` entry point carries a value,
unit, kind (``paper``, ``literature``, ``derived``, ``assumed``, ``calibrated``), source (figure / table,
reference, or for ``calibrated`` the target it was fitted to) and physical valid range, declared once in
the parameter-set files (:mod:`anodefree_sim.parameter_sets._ledger`).

Example::

    from anodefree_sim.provenance import ledger
    fitted = ledger(kind="calibrated")          # rows: dicts with the keys of ROW_KEYS
"""

from __future__ import annotations

import functools
import importlib
import math

from anodefree_sim.parameter_sets._ledger import KINDS, Entry, unit_of

#: Shipped parameter set -> function returning its ledger entries (same names as the entry points)
SETS = {
    "Choi2025": "anodefree_sim.parameter_sets.choi2025:get_parameter_entries",
    "Huang2024": "anodefree_sim.parameter_sets.huang2024:get_parameter_entries",
    "Choi2025Pouch": "anodefree_sim.parameter_sets.choi2025:get_pouch_parameter_entries",
    "Huang2024Full": "anodefree_sim.parameter_sets.huang2024:get_full_cell_parameter_entries",
}
#: Keys of a ledger row (the JSON schema of ``anodefree-sim provenance --json``)
ROW_KEYS = ("parameter set", "parameter", "value", "unit", "kind", "source", "range")


def _load(target: str):
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


def set_entries(name: str | None = None) -> dict:
    """``{set name: {parameter: Entry}}`` of the shipped sets (or of one, ``name``)."""
    names = list(SETS) if name is None else [name]
    unknown = [s for s in names if s not in SETS]
    if unknown:
        raise ValueError(f"unknown parameter set '{unknown[0]}'; shipped sets: {list(SETS)}")
    return {s: _load(SETS[s])() for s in names}


def describe(value) -> str | float:
    """A JSON-safe value: numbers as floats (finite), functions as a readable string."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        v = float(value)
        return v if math.isfinite(v) else str(v)
    if isinstance(value, functools.partial):
        kwargs = ", ".join(f"{k}={v!r}" for k, v in value.keywords.items())
        return f"function {getattr(value.func, '__name__', type(value.func).__name__)}({kwargs})"
    if callable(value) and not hasattr(value, "__name__"):
        return f"function {type(value).__name__}: {value}"
    if callable(value):
        return f"function {value.__name__}"
    return str(value)


def ledger(parameter_set: str | None = None, kind: str | None = None) -> list[dict]:
    """Rows of the provenance ledger, one per parameter of each shipped set.

    Parameters
    ----------
    parameter_set : str, optional
        One of :data:`SETS`; default all.
    kind : str, optional
        Keep only rows of this kind (one of ``paper``, ``literature``, ``derived``, ``assumed``,
        ``calibrated``).

    Returns
    -------
    list of dict
        Keys :data:`ROW_KEYS`; ``value`` a float or, for a function parameter, a string; ``range`` the
        valid range as text, e.g. ``"(0, 1e+09]"``.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind '{kind}' is not one of {list(KINDS)}")
    rows = []
    for set_name, entries in set_entries(parameter_set).items():
        for name, e in entries.items():
            if not isinstance(e, Entry) or (kind is not None and e.kind != kind):
                continue
            rows.append({"parameter set": set_name, "parameter": name, "value": describe(e.value),
                         "unit": unit_of(name), "kind": e.kind, "source": e.source, "range": str(e.range)})
    return rows


def format_table(rows: list[dict]) -> str:
    """The ledger rows as a plain-text table (one line per row, then counts per kind)."""
    lines = []
    for r in rows:
        value = f"{r['value']:.6g}" if isinstance(r["value"], float) else r["value"]
        lines.append(f"{r['parameter set']:<14} {r['kind']:<10} {r['parameter']} = {value} "
                     f"{r['unit']} {r['range']}  | {r['source']}")
    counts = {k: sum(r["kind"] == k for r in rows) for k in KINDS}
    lines.append(f"{len(rows)} rows: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    return "\n".join(lines)
