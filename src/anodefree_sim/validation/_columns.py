"""Column recognition shared by the measurement readers: output names, header grammar, units per role,
and which file column plays which role (:func:`assign`).

A reader hands :func:`~anodefree_sim.validation._tidy.tidy` a :class:`~anodefree_sim.validation._raw.RawTable`
(the file's column headers and a way to get each column as floats, with the file line or record of every row
for error messages). ``tidy`` picks the time, voltage, current, capacity, temperature, step and cycle columns
(:func:`assign`), converts their units to PyBaMM's, checks them and returns ``(table, metadata)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from anodefree_sim import names as n
from anodefree_sim import units
from anodefree_sim.validation._raw import MeasurementFileError, RawTable

# ---------------------------------------------------------------- output names (PyBaMM grammar)
TIME = n.TIME_S
VOLTAGE = n.VOLTAGE
CURRENT = n.CURRENT
CURRENT_DENSITY = n.CURRENT_DENSITY
DISCHARGE_CAPACITY = n.DISCHARGE_CAPACITY
TEMPERATURE = n.MEASURED_TEMPERATURE
STEP = n.STEP_INDEX
CYCLE = n.CYCLE_INDEX
AREA = n.P_AREA
ACTIVE_MASS = n.ACTIVE_MASS
AMBIENT_TEMPERATURE = n.P_TEMPERATURE

#: the columns a table can have besides kept (pass-through) ones, in output order
OUTPUT_NAMES = (TIME, VOLTAGE, CURRENT, CURRENT_DENSITY, DISCHARGE_CAPACITY, TEMPERATURE, STEP, CYCLE)

#: role of each mapping target
_TARGET_ROLE = {
    TIME: "time",
    VOLTAGE: "voltage",
    CURRENT: "current",
    CURRENT_DENSITY: "current",
    DISCHARGE_CAPACITY: "capacity",
    TEMPERATURE: "temperature",
    STEP: "step",
    CYCLE: "cycle",
}

#: header names (normalised: lower case, "_" -> " ") recognised for each role, best first.
#: ``"[]"`` after a name: only in PyBaMM's bracket grammar ("Discharge capacity [A.h]"), because
#: cyclers use the same words for unsigned per-step quantities. ``"?"``: skipped (not an error)
#: when its unit does not fit (BioLogic's "control/V/mA" mixes volts and milliamps).
_ROLE_NAMES = {
    "time": ("time", "test time", "total time", "elapsed time"),
    "voltage": (
        "voltage", "ecell", "ewe", "<ewe>", "cell voltage", "terminal voltage", "cell potential", "potential",
    ),
    "current": ("current", "i", "<i>", "current density", "j", "control current", "control?"),
    "capacity": ("discharge capacity[]", "(q-qo)"),
    "temperature": ("surface temperature", "temperature", "cell temperature"),
    "step": ("step index", "ns", "step number", "step"),
    "cycle": ("cycle index", "cycle number", "cycle"),
}

# ---------------------------------------------------------------- units (one module: anodefree_sim.units)
_TIME_UNITS = units.TIME
_VOLTAGE_UNITS = units.VOLTAGE
_CURRENT_UNITS = units.CURRENT
_CURRENT_DENSITY_UNITS = units.CURRENT_DENSITY
_CAPACITY_UNITS = units.CAPACITY
_TEMPERATURE_UNITS = units.TEMPERATURE
normalise_unit = units.normalise_unit
quantity = units.quantity

_BRACKET = re.compile(r"^(?P<name>.*?)\s*\[(?P<unit>[^\[\]]*)\]\s*$")
_PAREN = re.compile(r"^(?P<name>.*[^\s(])\s*\((?P<unit>[^()]*)\)\s*$")


def parse_header(header: str) -> tuple[str, str | None, str]:
    """``(normalised name, unit or None, style)`` of a column header.

    Styles: ``"bracket"`` (PyBaMM, ``"Time [h]"``), ``"paren"`` (Arbin/Neware, ``"Voltage(V)"``),
    ``"slash"`` (BioLogic, ``"Ewe/V"``) and ``"plain"`` (no unit).
    """
    text = header.strip()
    style, name, unit = "plain", text, None
    if m := _BRACKET.match(text):
        style, name, unit = "bracket", m["name"], m["unit"]
    elif "/" in text and not text.startswith("/"):
        style, (name, unit) = "slash", text.split("/", 1)
    elif m := _PAREN.match(text):
        style, name, unit = "paren", m["name"], m["unit"]
    name = re.sub(r"[\s_]+", " ", name.strip().lower())
    return name, (unit.strip() or None) if unit is not None else None, style


def _role_units(role: str, unit: str) -> tuple[str, float, float] | None:
    """``(kind, scale, offset)`` converting ``unit`` to SI for ``role``, or None if it does not fit."""
    u = normalise_unit(unit)
    if role == "time" and u in _TIME_UNITS:
        return "time", _TIME_UNITS[u], 0.0
    if role == "voltage" and u in _VOLTAGE_UNITS:
        return "voltage", _VOLTAGE_UNITS[u], 0.0
    if role == "current" and u in _CURRENT_UNITS:
        return "current", _CURRENT_UNITS[u], 0.0
    if role == "current" and u in _CURRENT_DENSITY_UNITS:
        return "current density", _CURRENT_DENSITY_UNITS[u], 0.0
    if role == "capacity" and u in _CAPACITY_UNITS:
        return "capacity", _CAPACITY_UNITS[u], 0.0
    if role == "temperature" and u in _TEMPERATURE_UNITS:
        return ("temperature", *_TEMPERATURE_UNITS[u])
    return None


_KNOWN_UNITS = {
    "time": ["s", "min", "h", "ms"],
    "voltage": ["V", "mV", "uV"],
    "current": ["A", "mA", "uA", "nA", "A.m-2", "mA.cm-2", "uA.cm-2"],
    "capacity": ["A.h", "mA.h", "uA.h", "C"],
    "temperature": ["K", "°C"],
}


def area_m2(text: str) -> float | None:
    return quantity(text, units.AREA)


def mass_kg(text: str) -> float | None:
    return quantity(text, units.MASS)


def temperature_k(text: str) -> float | None:
    return quantity(text, _TEMPERATURE_UNITS)


# ---------------------------------------------------------------- column assignment
@dataclass
class _Pick:
    index: int
    role: str
    kind: str
    scale: float = 1.0
    offset: float = 0.0
    pybamm_sign: bool = False  # written in PyBaMM's bracket grammar: PyBaMM's sign convention
    unit: str | None = None  # the file's unit, as used


@dataclass
class Options:
    """What a reader knows about a file beyond its columns."""

    format: str
    mapping: dict | None = None
    units: dict | None = None
    area: float | None = None
    current_sign: float | None = None
    sign_note: str = ""
    keep_unmapped: bool = False  # keep every unrecognised column (our own CSV)
    metadata: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)


def _locate(raw: RawTable, key) -> int:
    """Index of a column named in ``mapping``/``units`` by header text or 0-based position."""
    if isinstance(key, (int, np.integer)) and not isinstance(key, bool):
        if 0 <= key < len(raw.headers):
            return int(key)
        raise MeasurementFileError(
            raw.path, f"column {key} does not exist: the file has {len(raw.headers)} columns", raw.header_where
        )
    hits = [i for i, h in enumerate(raw.headers) if h.strip() == str(key).strip()]
    if not hits:
        raise MeasurementFileError(
            raw.path, f"no column '{key}'; columns are {[h.strip() for h in raw.headers]}", raw.header_where
        )
    if len(hits) > 1:
        raise MeasurementFileError(
            raw.path, f"column '{key}' appears {len(hits)} times (positions {hits}); map it by position",
            raw.header_where,
        )
    return hits[0]


def _pick(raw: RawTable, i: int, role: str, unit: str | None, style: str, strict: bool) -> _Pick | None:
    header = raw.headers[i].strip()
    if role in ("step", "cycle"):
        return _Pick(i, role, role)
    if unit is None:
        if not strict:
            return None
        raise MeasurementFileError(
            raw.path, f"column '{header}' ({role}) has no unit; give it, e.g. units={{{header!r}: "
            f"{_KNOWN_UNITS[role][0]!r}}}", raw.header_where,
        )
    conv = _role_units(role, unit)
    if conv is None:
        if not strict:
            return None
        raise MeasurementFileError(
            raw.path, f"column '{header}': unknown {role} unit '{unit}' (known: {', '.join(_KNOWN_UNITS[role])}); "
            f"give it with units=", raw.header_where,
        )
    return _Pick(i, role, *conv, pybamm_sign=style == "bracket", unit=unit)


def assign(raw: RawTable, opts: Options) -> dict[str, _Pick]:
    """Role -> column: the explicit ``mapping`` first, then recognised headers for the other roles."""
    given = {_locate(raw, k): v for k, v in (opts.units or {}).items()}
    picks: dict[str, _Pick] = {}
    taken: set[int] = set()
    for key, target in (opts.mapping or {}).items():
        i = _locate(raw, key)
        if target not in _TARGET_ROLE:
            raise ValueError(
                f"{raw.path}: mapping target {target!r} for column {key!r} is not one of {list(OUTPUT_NAMES)}"
            )
        role = _TARGET_ROLE[target]
        if role in picks:
            first = raw.headers[picks[role].index]
            raise ValueError(f"{raw.path}: mapping gives two columns for {role}: {first!r} and {key!r}")
        _, unit, style = parse_header(raw.headers[i])
        if i in given:
            unit = given[i]
        elif unit is None:
            unit = parse_header(target)[1]  # the mapping's own unit: {"t": "Time [s]"} says seconds
        picks[role] = _pick(raw, i, role, unit, style, strict=True)
        if target == CURRENT_DENSITY and picks[role].kind != "current density":
            raise MeasurementFileError(raw.path, f"column '{raw.headers[i]}' is mapped to {target!r} but its unit "
                                       f"'{unit}' is a current", raw.header_where)
        taken.add(i)
    parsed = [parse_header(h) for h in raw.headers]
    for role, names in _ROLE_NAMES.items():
        if role in picks:
            continue
        for entry in names:
            name, weak, bracket_only = entry.rstrip("?[]"), entry.endswith("?"), entry.endswith("[]")
            hits = [i for i, p in enumerate(parsed) if p[0] == name and i not in taken
                    and (not bracket_only or p[2] == "bracket")]
            pick = None
            for i in hits:
                unit = given.get(i, parsed[i][1])
                pick = _pick(raw, i, role, unit, parsed[i][2], strict=not weak)
                if pick is not None:
                    break
            if pick is not None:
                picks[role] = pick
                taken.add(pick.index)
                break
    return picks


