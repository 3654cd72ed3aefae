"""Column recognition, unit conversion and checks shared by the measurement readers.

A reader hands :func:`tidy` a :class:`RawTable` (the file's column headers and a way to get each
column as floats, with the file line or record of every row for error messages). :func:`tidy`
picks the time, voltage, current, capacity, temperature, step and cycle columns, converts their
units to PyBaMM's, checks them and returns ``(table, metadata)``.
"""

from __future__ import annotations

import abc
import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from anodefree_sim import names as n
from anodefree_sim import units

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


class MeasurementFileError(ValueError):
    """A measurement file that cannot be read as it is; the message names the file and the line."""

    def __init__(self, path, message: str, where: str | None = None):
        self.path = str(path)
        self.where = where
        super().__init__(f"{path}, {where}: {message}" if where else f"{path}: {message}")


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


def optional_module(module: str, what: str, package: str, extra: str = "readers"):
    """Import an optional reader library, or say which package (and extra) to install."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise ImportError(
            f"reading {what} files needs the optional package '{package}': "
            f"pip install 'anodefree_sim[{extra}]' (or pip install {package})"
        ) from err


def area_m2(text: str) -> float | None:
    return quantity(text, units.AREA)


def mass_kg(text: str) -> float | None:
    return quantity(text, units.MASS)


def temperature_k(text: str) -> float | None:
    return quantity(text, _TEMPERATURE_UNITS)


# ---------------------------------------------------------------- raw tables
class RawTable(abc.ABC):
    """Headers plus float columns of one file; ``where(k)`` locates row ``k`` for error messages."""

    path: Path
    headers: list[str]
    header_where: str | None = None

    @abc.abstractmethod
    def values(self, i: int, finite: bool) -> np.ndarray:
        """Column ``i`` as floats (``finite``: reject NaN/inf)."""

    @abc.abstractmethod
    def where(self, k: int) -> str:
        """Where row ``k`` is in the file, for error messages."""

    @abc.abstractmethod
    def __len__(self) -> int:
        """Number of data rows."""


class TextTable(RawTable):
    """Rows of strings from a text file with their 1-based line numbers."""

    def __init__(self, path, headers, rows, lines, decimal=".", header_line=None):
        self.path, self.headers, self.rows, self.lines, self.decimal = Path(path), headers, rows, lines, decimal
        self.header_where = f"line {header_line}" if header_line else None

    def __len__(self):
        return len(self.rows)

    def where(self, k):
        return f"line {self.lines[k]}"

    def values(self, i, finite):
        cells = [row[i].strip() for row in self.rows]
        if self.decimal != ".":
            cells = [c.replace(self.decimal, ".") for c in cells]
        if not finite:
            cells = [c if c else "nan" for c in cells]
        try:
            out = np.asarray(cells, dtype=float)
        except ValueError:
            out = None
        if out is None or out.shape != (len(cells),):
            for k, c in enumerate(cells):
                try:
                    float(c)
                except ValueError:
                    cell = self.rows[k][i].strip()
                    what = " is empty" if not cell else f": {cell!r} is not a number"
                    raise MeasurementFileError(
                        self.path, f"column '{self.headers[i].strip()}'{what}", self.where(k)
                    ) from None
        return out


class ArrayTable(RawTable):
    """Columns already decoded by a binary reader (galvani, NewareNDA); rows are called records."""

    def __init__(self, path, columns: dict):
        self.path, self.columns = Path(path), {str(k): np.asarray(v) for k, v in columns.items()}
        self.headers = list(self.columns)

    def __len__(self):
        return len(next(iter(self.columns.values()))) if self.columns else 0

    def where(self, k):
        return f"record {k + 1}"

    def values(self, i, finite):
        column = self.columns[self.headers[i]]
        try:
            return np.asarray(column, dtype=float)
        except (TypeError, ValueError):
            raise MeasurementFileError(self.path, f"column '{self.headers[i]}' is not numeric") from None


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


# ---------------------------------------------------------------- the tidy table
def tidy(raw: RawTable, opts: Options) -> tuple[dict, dict]:
    """``(table, metadata)`` of a raw table: PyBaMM names and units, checked."""
    if len(raw) == 0:
        raise MeasurementFileError(raw.path, "no data rows after the header", raw.header_where)
    picks = assign(raw, opts)
    for role in ("time", "voltage"):
        if role not in picks:
            raise MeasurementFileError(
                raw.path, f"no {role} column among {[h.strip() for h in raw.headers]}; name it with "
                f"mapping={{<column>: {TIME if role == 'time' else VOLTAGE!r}}}", raw.header_where,
            )
    meta = {
        "source": str(raw.path),
        "format": opts.format,
        AREA: None,
        ACTIVE_MASS: None,
        AMBIENT_TEMPERATURE: None,
        **opts.metadata,
        "columns": {},
        "units": {},
    }
    notes = list(opts.notes)
    table: dict[str, np.ndarray] = {}

    def column(p: _Pick, finite=True) -> np.ndarray:
        v = raw.values(p.index, finite=finite)
        if finite and not np.all(np.isfinite(v)):
            k = int(np.flatnonzero(~np.isfinite(v))[0])
            header = raw.headers[p.index].strip()
            raise MeasurementFileError(raw.path, f"column '{header}' is empty or not finite", raw.where(k))
        return v * p.scale + p.offset

    def record(p: _Pick, target: str):
        header = raw.headers[p.index].strip()
        meta["columns"][header] = target
        if p.unit is not None:
            meta["units"][header] = p.unit

    t = column(picks["time"])
    if np.any(np.diff(t) < 0):
        k = int(np.flatnonzero(np.diff(t) < 0)[0]) + 1
        raise MeasurementFileError(
            raw.path, f"time decreases from {t[k - 1]:.6g} s ({raw.where(k - 1)}) to {t[k]:.6g} s; times must "
            "not decrease (several runs in one file? read them separately)", raw.where(k),
        )
    table[TIME] = t
    record(picks["time"], TIME)
    table[VOLTAGE] = column(picks["voltage"])
    record(picks["voltage"], VOLTAGE)

    sign = _current_sign(raw, opts, picks, meta, notes)
    area = opts.area if opts.area is not None else meta[AREA]
    if opts.area is not None and meta[AREA] is not None and not np.isclose(opts.area, meta[AREA]):
        notes.append(f"area={opts.area:g} m2 given; it replaces the file's {meta[AREA]:g} m2")
    if area is not None and not area > 0:
        raise ValueError(f"{raw.path}: electrode area must be > 0 m2, got {area}")
    meta[AREA] = area
    if (p := picks.get("current")) is not None:
        values = sign * column(p) + 0.0  # no -0.0 from the sign flip
        if p.kind == "current":
            table[CURRENT] = values
            record(p, CURRENT)
            if area is not None:
                table[CURRENT_DENSITY] = values / area
        else:
            table[CURRENT_DENSITY] = values
            record(p, CURRENT_DENSITY)
            if area is not None:
                table[CURRENT] = values * area
            else:
                notes.append(f"no electrode area: the current is given as '{CURRENT_DENSITY}' only; "
                             f"pass area= [m2] to get '{CURRENT}'")
    if (p := picks.get("capacity")) is not None:
        table[DISCHARGE_CAPACITY] = sign * column(p, finite=False) + 0.0
        record(p, DISCHARGE_CAPACITY)
    if (p := picks.get("temperature")) is not None:
        table[TEMPERATURE] = column(p, finite=False)
        record(p, TEMPERATURE)
    for role, target in (("step", STEP), ("cycle", CYCLE)):
        if (p := picks.get(role)) is not None:
            v = column(p)
            if np.any(v != np.round(v)):
                k = int(np.flatnonzero(v != np.round(v))[0])
                raise MeasurementFileError(
                    raw.path, f"column '{raw.headers[p.index].strip()}' ({role} index) is not a whole number",
                    raw.where(k),
                )
            table[target] = v.astype(np.int64)
            record(p, target)

    used = {p.index for p in picks.values()}
    unmapped = []
    for i, header in enumerate(raw.headers):
        h = header.strip()
        if i in used or not h:
            continue
        if (opts.keep_unmapped or parse_header(h)[2] == "bracket") and h not in table:
            table[h] = raw.values(i, finite=False)
            meta["columns"][h] = h
        else:
            unmapped.append(h)
    meta["unmapped columns"] = unmapped
    meta["notes"] = notes
    return table, meta


def _current_sign(raw, opts, picks, meta, notes) -> float:
    signed = [p for r, p in picks.items() if r in ("current", "capacity")]
    if not signed:
        meta["current sign"] = None
        return 1.0
    if opts.current_sign is not None:
        if opts.current_sign not in (1, -1):
            raise ValueError(f"current_sign must be +1 or -1, got {opts.current_sign!r}")
        meta["current sign"] = opts.sign_note or (
            "PyBaMM (positive = discharge)" if opts.current_sign == 1
            else "flipped from the file's (positive = charge) to PyBaMM's (positive = discharge)"
        )
        return float(opts.current_sign)
    if all(p.pybamm_sign for p in signed):
        meta["current sign"] = "PyBaMM (positive = discharge), as the PyBaMM-style column names say"
        return 1.0
    names = [raw.headers[p.index].strip() for p in signed if not p.pybamm_sign]
    raise MeasurementFileError(
        raw.path, f"the sign convention of {names} is not known; pass current_sign=-1 if positive current "
        "means charge (cyclers: BioLogic, Neware, Arbin) or current_sign=+1 if it means discharge (PyBaMM)",
        raw.header_where,
    )
