"""Areal (per electrode area) cycling protocols translated to :class:`pybamm.Experiment`.

Solid-state battery protocols are usually written with current densities and areal
capacities, e.g. ``"Charge at 1 mA.cm-2 for 1 mA.h.cm-2"``, whereas PyBaMM steps
accept only A, C-rates, V, W and Ohm. The functions here rewrite such steps for a
given electrode area [m2] into native PyBaMM step strings (currents in A, durations
in seconds). Native PyBaMM steps (``"Rest for 1 hour"``, ``"Charge at C/10 for 10
hours"``, ``"Hold at 4.2 V until 50 mA"``, ...) are passed through unchanged.

Accepted grammar (case-insensitive verbs and units, flexible spaces)::

    <Verb> [at <value>] [for <duration>] [[or] until [<|>] <value>] [(<modifier>)]
    Verb              Discharge | Charge | Hold | Rest
    current density   A.m-2, A.cm-2, mA.cm-2, uA.cm-2 (µA), also mA/cm2, mA cm-2, mA.cm^-2
    areal capacity    A.h.m-2, mA.h.cm-2, uA.h.cm-2, also mAh.cm-2, mAh/cm2, mA h cm-2
    A capacity after "for" needs a current density after "at": t = capacity / density.
"""

import dataclasses
import math
import numbers
import re

import pybamm

__all__ = ["areal_experiment", "current_density_of_step", "rewrite_step", "translate_step", "with_current_density"]

_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_QUANTITY = re.compile(rf"(?P<op>[<>]\s*)?(?P<num>{_NUMBER})\s*(?P<unit>[^\s()][^()]*)")
_STEP = re.compile(
    r"(?P<verb>[A-Za-z]+)"
    r"(?:\s+at\s+(?P<at>.+?))?"
    r"(?:\s+for\s+(?P<for>.+?))?"
    r"(?:\s+(?P<conn>(?:or\s+)?until)\s+(?P<until>.+?))?",
    re.IGNORECASE,
)
_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$")
# Native PyBaMM units (A, mA, V, W, Ohm, C, hours, ...) never contain these.
_AREAL_HINT = re.compile(r"cm|[\d/²]", re.IGNORECASE)

#: Current-density units -> factor to A.m-2.
_CURRENT_DENSITY = {"a.m-2": 1.0, "a.cm-2": 1e4, "ma.cm-2": 10.0, "ua.cm-2": 1e-2}
#: Areal-capacity units -> factor to A.s.m-2.
_CAPACITY = {"a.h.m-2": 3600.0, "ma.h.cm-2": 3.6e4, "ua.h.cm-2": 36.0}
_SIGN = {"discharge": 1.0, "hold": 1.0, "charge": -1.0}


def _fmt(x: float) -> str:
    """Format a float so that PyBaMM's step parser reads it back (no ``e+``)."""
    return f"{x:.12g}".replace("e+", "e")


def _normalise_unit(unit: str) -> str:
    """Map spellings such as ``"mAh/cm2"`` or ``"µA cm^-2"`` to ``"ma.h.cm-2"``."""
    u = unit.strip().lower().replace("µ", "u").replace("μ", "u").replace("²", "2")
    u = u.replace("^", "").replace("·", ".").replace("*", ".")
    u = re.sub(r"\s*/\s*(c?m)2\b", r".\1-2", u)
    u = re.sub(r"\s*\.\s*|\s+", ".", u)
    return re.sub(r"ah\b", "a.h", u)


def _quantity(text: str | None, step: str) -> tuple[str, float, str]:
    """Classify ``"<number> <unit>"`` as native, current density or areal capacity.

    Returns ``(kind, value, operator)`` with ``kind`` in ``{"native", "current
    density", "capacity"}`` and ``value`` in A.m-2 or A.s.m-2 (0 for native).
    """
    m = _QUANTITY.fullmatch(text.strip()) if text else None
    if m is None or not _AREAL_HINT.search(m["unit"]):
        return "native", 0.0, ""
    unit = _normalise_unit(m["unit"])
    for kind, table in (("current density", _CURRENT_DENSITY), ("capacity", _CAPACITY)):
        if unit in table:
            value = float(m["num"]) * table[unit]
            if not value > 0:
                raise ValueError(f"Step {step!r}: {kind} must be > 0, got {text.strip()!r}")
            return kind, value, (m["op"] or "").strip()
    raise ValueError(
        f"Step {step!r}: unknown areal unit {m['unit'].strip()!r} (current density: "
        "A.m-2, mA.cm-2, uA.cm-2; areal capacity: A.h.m-2, mA.h.cm-2, uA.h.cm-2)"
    )


def _analyse(step: str) -> dict | None:
    """Parse and validate ``step``; None if it contains no areal quantity.

    The returned dict holds the step parts plus ``j`` (current density, A.m-2,
    unsigned), ``duration`` (s) and ``j_until`` (current cut-off, A.m-2).
    """
    if not isinstance(step, str):
        raise TypeError(f"Step must be a string, got {type(step).__name__}")
    suffix_match = _SUFFIX.search(step)
    suffix = suffix_match.group(0) if suffix_match else ""
    body = step[: len(step) - len(suffix)].strip()
    m = _STEP.fullmatch(body)
    if m is None:
        if re.search(r"cm|m\s*\^?-?2", body):
            raise ValueError(
                f"Step {step!r}: cannot parse; expected '<Discharge|Charge|Hold|Rest> "
                "[at <value>] [for <duration>] [or until <value>]'"
            )
        return None
    parts = m.groupdict()
    kind_at, j, _ = _quantity(parts["at"], step)
    kind_for, capacity, _ = _quantity(parts["for"], step)
    kind_until, j_until, op = _quantity(parts["until"], step)
    if kind_at == kind_for == kind_until == "native":
        return None

    verb = parts["verb"].lower()
    if verb not in ("discharge", "charge", "hold", "rest"):
        raise ValueError(
            f"Step {step!r}: unknown instruction {parts['verb']!r} "
            "(expected Discharge, Charge, Hold or Rest)"
        )
    if kind_at == "capacity":
        raise ValueError(f"Step {step!r}: 'at' needs a current density, not an areal capacity")
    if kind_at == "current density" and verb == "rest":
        raise ValueError(f"Step {step!r}: a Rest step cannot have a current density")
    if kind_for == "current density":
        raise ValueError(f"Step {step!r}: 'for' needs a time or an areal capacity")
    if kind_for == "capacity" and kind_at != "current density":
        raise ValueError(
            f"Step {step!r}: areal capacity given without a current density "
            "(use e.g. 'Charge at 1 mA.cm-2 for 1 mA.h.cm-2')"
        )
    if kind_until == "capacity":
        raise ValueError(f"Step {step!r}: 'until' cannot take an areal capacity; use 'for'")
    return {
        **parts,
        "verb": verb,
        "suffix": suffix,
        "j": j if kind_at == "current density" else None,
        "duration": capacity / j if kind_for == "capacity" else None,
        "j_until": j_until if kind_until == "current density" else None,
        "op": op,
    }


def _check_area(area: float) -> float:
    """Return ``area`` as float or raise if it is not a positive finite number."""
    ok = isinstance(area, numbers.Real) and not isinstance(area, bool)
    if not (ok and math.isfinite(area) and area > 0):
        raise ValueError(
            f"Electrode area [m2] must be a positive finite number (valid range: > 0), got {area!r}"
        )
    return float(area)


def translate_step(step: str, area: float) -> str:
    """Translate one areal step into a native PyBaMM step string.

    Parameters
    ----------
    step : str
        Step text, e.g. ``"Charge at 0.5 mA.cm-2 for 2 mA.h.cm-2 or until 0.1 V"``.
        Current densities (A.m-2, mA.cm-2, uA.cm-2, ...) after ``at`` / ``until``
        become currents [A]; an areal capacity (mA.h.cm-2, A.h.m-2, ...) after
        ``for`` becomes a duration [s] = capacity / current density. Trailing
        modifiers such as ``" (1 minute period)"`` are kept.
    area : float
        Electrode area [m2], > 0.

    Returns
    -------
    str
        PyBaMM step string with currents in A and durations in seconds, e.g.
        ``"Charge at 6.635e-05 A for 14400 seconds or until 0.1 V"``. Steps with
        no areal quantity are returned unchanged.

    Raises
    ------
    ValueError
        If ``area`` is not a positive finite number, or the step has an unknown
        areal unit, a non-positive current density / capacity, or an areal capacity
        without a current density.
    """
    area = _check_area(area)
    p = _analyse(step)
    if p is None:
        return step
    out = p["verb"].capitalize()
    if p["at"] is not None:
        out += f" at {_fmt(p['j'] * area)} A" if p["j"] is not None else f" at {p['at']}"
    if p["for"] is not None:
        out += f" for {_fmt(p['duration'])} seconds" if p["duration"] else f" for {p['for']}"
    if p["until"] is not None:
        conn = "or until" if p["for"] is not None else "until"
        if p["j_until"] is not None:
            op = f"{p['op']} " if p["op"] else ""
            out += f" {conn} {op}{_fmt(p['j_until'] * area)} A"
        else:
            out += f" {conn} {p['until']}"
    return out + p["suffix"]


def areal_experiment(steps, area: float, **experiment_kwargs) -> pybamm.Experiment:
    """Build a :class:`pybamm.Experiment` from areal (per electrode area) steps.

    Parameters
    ----------
    steps : list of (str or tuple of str)
        Operating conditions as for :class:`pybamm.Experiment`; a tuple is one cycle.
        Strings are translated with :func:`translate_step`; other items (e.g.
        ``pybamm.step`` objects) are passed through. A single string is accepted.
    area : float
        Electrode area [m2], > 0.
    **experiment_kwargs
        Passed to :class:`pybamm.Experiment` (e.g. ``period``, ``temperature``,
        ``termination``).

    Returns
    -------
    pybamm.Experiment
        Experiment with currents in A and durations in seconds.
    """
    area = _check_area(area)
    if isinstance(steps, str):
        steps = [steps]

    def one(item):
        return translate_step(item, area) if isinstance(item, str) else item

    conditions = [
        tuple(one(s) for s in item) if isinstance(item, tuple) else one(item) for item in steps
    ]
    return pybamm.Experiment(conditions, **experiment_kwargs)


def current_density_of_step(step: str) -> float | None:
    """Signed areal current density of a step.

    Parameters
    ----------
    step : str
        Step text, e.g. ``"Charge at 1 mA.cm-2 for 1 mA.h.cm-2"``.

    Returns
    -------
    float or None
        Current density [A.m-2], positive for discharge (and hold), negative for
        charge; divide by 10 for mA.cm-2. None for rest steps, voltage / power /
        C-rate steps and currents not given per area (e.g. ``"at 1 A"``).

    Raises
    ------
    ValueError
        For the same malformed areal steps as :func:`translate_step`.
    """
    p = _analyse(step)
    if p is None or p["j"] is None:
        return None
    return _SIGN[p["verb"]] * p["j"]


def rewrite_step(step: str, current_density: float | None = None, capacity: float | None = None) -> str:
    """The step with its areal current density and/or areal capacity replaced (same grammar as
    :func:`translate_step`; the step's other parts, cut-offs and modifiers are kept).

    Parameters
    ----------
    step : str
        Areal step, e.g. ``"Charge at 1 mA/cm2 for 1 mA.h.cm-2 or until 0.1 V"``.
    current_density : float, optional
        New current density after ``at`` [mA.cm-2], > 0. Steps without an areal ``at`` are unchanged.
    capacity : float, optional
        New areal capacity after ``for`` [mA.h.cm-2], > 0. Steps without an areal ``for`` are unchanged.

    Returns
    -------
    str
        The rewritten step, in canonical units (``mA.cm-2``, ``mA.h.cm-2``).
    """
    for name, value in (("current density [mA.cm-2]", current_density), ("capacity [mA.h.cm-2]", capacity)):
        if value is not None and not (isinstance(value, numbers.Real) and math.isfinite(value) and value > 0):
            raise ValueError(f"areal {name} must be > 0 (a finite number), got {value!r}")
    p = _analyse(step)
    if p is None:
        return step
    out = p["verb"].capitalize()
    if p["at"] is not None:
        new_at = current_density is not None and p["j"] is not None
        out += f" at {_fmt(current_density)} mA.cm-2" if new_at else f" at {p['at']}"
    if p["for"] is not None:
        new_for = capacity is not None and p["duration"] is not None
        out += f" for {_fmt(capacity)} mA.h.cm-2" if new_for else f" for {p['for']}"
    if p["until"] is not None:
        out += f" {p['conn']} {p['until']}"
    return out + p["suffix"]


def with_current_density(case, current_density: float):
    """The case (:class:`anodefree_sim.cases.Case`) with every areal current density of its protocol set to
    ``current_density`` [mA.cm-2] (capacities and cut-offs kept; :func:`rewrite_step`)."""
    flat = [x for st in case.steps for x in (st if isinstance(st, tuple) else (st,))]
    if not any(current_density_of_step(x) is not None for x in flat):
        raise ValueError(f"case '{case.name}' has no 'at ... mA.cm-2' step whose current density could be swept")

    def sub(step):
        if isinstance(step, tuple):
            return tuple(sub(x) for x in step)
        return rewrite_step(step, current_density=current_density)

    return dataclasses.replace(case, steps=tuple(sub(st) for st in case.steps))
