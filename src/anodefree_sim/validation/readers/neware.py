"""Neware ``.nda``/``.ndax`` binaries through NewareNDA."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from anodefree_sim.validation._columns import CURRENT, CYCLE, STEP, TEMPERATURE, TIME, VOLTAGE, Options
from anodefree_sim.validation._raw import ArrayTable, MeasurementFileError, optional_module
from anodefree_sim.validation._tidy import tidy

_NEWARE_SIGN = "flipped from Neware's (positive = charge) to PyBaMM's (positive = discharge)"


# ---------------------------------------------------------------- Neware (.nda/.ndax, NewareNDA)
def read_neware(path, area: float | None = None) -> tuple[dict, dict]:
    """Read a Neware ``.nda``/``.ndax`` file through ``NewareNDA`` (optional: ``anodefree_sim[readers]``).

    NewareNDA gives the time within each step; ``"Time [s]"`` is rebuilt as the test time by adding
    up the step durations. ``"Step index"`` counts the steps run (NewareNDA's ``Step``), ``"Cycle index"``
    is NewareNDA's cycle number, the first auxiliary temperature (``T1``) gives
    ``"Surface temperature [K]"``. Current is turned to PyBaMM's sign (positive = discharge).
    """
    path = Path(path)
    neware = optional_module("NewareNDA", "Neware .nda/.ndax", "NewareNDA")
    try:
        frame = neware.read(str(path))
    except Exception as err:  # deliberate: any failure of the third-party parser on this file is "not readable"
        raise MeasurementFileError(
            path, f"not readable as a Neware file (NewareNDA: {type(err).__name__}: {err})"
        ) from err
    meta: dict = {"NewareNDA version": getattr(neware, "__version__", None)}
    try:
        meta["header"] = neware.read_metadata(str(path))
    except Exception as err:  # metadata is optional: keep the data, say why there is none
        meta["header"] = {}
        meta["header error"] = f"{type(err).__name__}: {err}"
    fmt = f"Neware {path.suffix.lower()} (NewareNDA)"
    return from_neware_frame(frame, path, area=area, metadata=meta, fmt=fmt)


def from_neware_frame(
    frame, source="Neware data", area=None, metadata=None, fmt="Neware data"
) -> tuple[dict, dict]:
    """``(table, metadata)`` from NewareNDA's table (a DataFrame or a dict of columns).

    Needs the columns ``Time`` (s, within the step, or test time), ``Voltage`` (V) and
    ``Current(mA)``; uses ``Step``, ``Cycle`` and ``T1`` (°C) when present.
    """
    cols = {str(c): np.asarray(frame[c]) for c in getattr(frame, "columns", frame)}
    missing = [c for c in ("Time", "Voltage", "Current(mA)") if c not in cols]
    if missing:
        raise MeasurementFileError(source, f"NewareNDA table has no column {missing}; columns are {list(cols)}")
    notes = []
    t = np.asarray(cols.pop("Time"), dtype=float)
    if len(t) > 1 and np.any(np.diff(t) < 0):
        step = cols.get("Step")
        new = (step[1:] != step[:-1]) if step is not None else (np.diff(t) < 0)
        t = t + np.concatenate([[0.0], np.cumsum(np.where(new, t[:-1], 0.0))])
        notes.append("NewareNDA's 'Time' restarts every step: test time = sum of the previous steps' "
                     "durations + time in step")
    data = {"Test time(s)": t}
    data.update(cols)
    mapping = {"Test time(s)": TIME, "Voltage": VOLTAGE, "Current(mA)": CURRENT}
    units = {"Voltage": "V"}
    if "Step" in cols:
        mapping["Step"] = STEP
    if "Cycle" in cols:
        mapping["Cycle"] = CYCLE
    if "T1" in cols:
        mapping["T1"] = TEMPERATURE
        units["T1"] = "°C"
    raw = ArrayTable(source, data)
    opts = Options(
        format=fmt, mapping=mapping, units=units, area=area, current_sign=-1.0, sign_note=_NEWARE_SIGN,
        metadata=dict(metadata or {}), notes=notes,
    )
    return tidy(raw, opts)


