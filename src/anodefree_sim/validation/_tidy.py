"""The tidy table of a measurement: the picked columns (:func:`~anodefree_sim.validation._columns.assign`)
converted to PyBaMM's units and names, checked, with the file's metadata."""

from __future__ import annotations

import numpy as np

from anodefree_sim.validation._columns import (
    ACTIVE_MASS,
    AMBIENT_TEMPERATURE,
    AREA,
    CURRENT,
    CURRENT_DENSITY,
    CYCLE,
    DISCHARGE_CAPACITY,
    STEP,
    TEMPERATURE,
    TIME,
    VOLTAGE,
    Options,
    _Pick,
    assign,
    parse_header,
)
from anodefree_sim.validation._raw import MeasurementFileError, RawTable


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
