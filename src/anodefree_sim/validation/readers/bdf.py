"""Battery Data Format (BDF) of the Battery Data Alliance: read and write ``.bdf.csv`` / ``.bdf.parquet``.

The column spec is the format's own (github.com/battery-data-alliance/battery-data-format; the Python
package ``batterydf`` 0.1.0, ``bdf/normalize/spec.py``): each quantity has a machine-readable name
(``test_time_second``) and a human label (``Test Time / s``); both are read, machine names are written.
Only the columns below are implemented here (``batterydf`` itself pulls in rdflib, pydantic, plotly,
typer and pint, too heavy for a reader of a dozen columns); its spec is the reference.

Sign convention: BDF currents are positive on **charge** (the SINTEF Landt reference has its
"discharge CC" steps at negative current, the DLR BaSyTec pseudo-OCV discharges at negative current
as the voltage falls), so reading flips them to PyBaMM's (positive = discharge) and writing flips back.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from anodefree_sim import names as n
from anodefree_sim.files import atomic_write
from anodefree_sim.validation._columns import (
    CURRENT,
    CURRENT_DENSITY,
    CYCLE,
    STEP,
    TEMPERATURE,
    TIME,
    VOLTAGE,
    Options,
)
from anodefree_sim.validation._raw import ArrayTable, MeasurementFileError
from anodefree_sim.validation._tidy import tidy

#: BDF machine name -> (human label, our table name or None (kept under its BDF name), unit the reader
#: understands); the order is the order written
BDF_COLUMNS = {
    "test_time_second": ("Test Time / s", TIME, "s"),
    "voltage_volt": ("Voltage / V", VOLTAGE, "V"),
    "current_ampere": ("Current / A", CURRENT, "A"),
    "unix_time_second": ("Unix Time / s", None, None),
    "cycle_count": ("Cycle Count / 1", CYCLE, None),
    "step_index": ("Step Index / 1", STEP, None),
    "step_count": ("Step Count / 1", None, None),
    "temperature_t1_celsius": ("Surface Temperature T1 / degC", TEMPERATURE, "degC"),
    "ambient_temperature_celsius": ("Ambient Temperature / degC", n.P_TEMPERATURE, "degC"),
    "applied_pressure_pa": ("Applied Pressure / Pa", n.P_STACK_PRESSURE, "Pa"),
    "ambient_pressure_pa": ("Ambient Pressure / Pa", None, None),
    "charging_capacity_ah": ("Charging Capacity / Ah", None, None),
    "discharging_capacity_ah": ("Discharging Capacity / Ah", None, None),
    "charging_energy_wh": ("Charging Energy / Wh", None, None),
    "discharging_energy_wh": ("Discharging Energy / Wh", None, None),
}
REQUIRED = ("test_time_second", "voltage_volt", "current_ampere")
_LABELS = {label.lower(): name for name, (label, _, _) in BDF_COLUMNS.items()}
_SIGN_NOTE = "flipped from BDF's (positive = charge) to PyBaMM's (positive = discharge)"
_CELSIUS = 273.15


def is_bdf_path(path) -> bool:
    """True for ``*.bdf.csv``, ``*.bdf.parquet`` (and ``.gz`` compressed CSV)."""
    name = Path(path).name.lower()
    return any(name.endswith(s) for s in (".bdf.csv", ".bdf.csv.gz", ".bdf.parquet"))


def looks_like_bdf(columns) -> bool:
    """True when the columns include BDF's required three (machine names or human labels)."""
    names = {_machine(c) for c in columns}
    return all(r in names for r in REQUIRED)


def _machine(column: str) -> str:
    c = str(column).strip()
    return c if c in BDF_COLUMNS else _LABELS.get(c.lower(), c)


def read_bdf(path, area: float | None = None) -> tuple[dict, dict]:
    """Read a BDF file (``.bdf.csv``, ``.bdf.parquet``, or a CSV with BDF columns).

    ``test_time_second``, ``voltage_volt`` and ``current_ampere`` (required) give ``"Time [s]"``,
    ``"Voltage [V]"`` and ``"Current [A]"`` (sign flipped to PyBaMM's); ``step_index``, ``cycle_count``,
    ``temperature_t1_celsius`` (``"Surface temperature [K]"``), ``ambient_temperature_celsius``
    (``"Ambient temperature [K]"``) and ``applied_pressure_pa`` (``"Stack pressure [Pa]"``) are read when
    present; other columns are listed in ``metadata["unmapped columns"]``. ``area`` [m2] adds
    ``"Current density [A.m-2]"``.
    """
    path = Path(path)
    try:
        if path.name.lower().endswith(".parquet"):
            frame = pd.read_parquet(path)
        else:
            frame = pd.read_csv(path, low_memory=False)
    except (OSError, ValueError, pd.errors.ParserError) as err:
        if isinstance(err, FileNotFoundError):
            raise
        raise MeasurementFileError(path, f"not readable as BDF ({type(err).__name__}: {err})") from None
    except ImportError as err:
        raise ImportError(f"reading {path.name} needs pyarrow: pip install 'anodefree_sim[bdf]'") from err
    return from_bdf_frame(frame, path, area=area)


def from_bdf_frame(frame: pd.DataFrame, source="BDF data", area: float | None = None) -> tuple[dict, dict]:
    """``(table, metadata)`` from a DataFrame with BDF columns (machine names or human labels)."""
    renamed = {c: _machine(c) for c in frame.columns}
    missing = [r for r in REQUIRED if r not in renamed.values()]
    if missing:
        raise MeasurementFileError(
            source, f"not a BDF table: no column {missing} (BDF needs {list(REQUIRED)} or their labels "
            f"{[BDF_COLUMNS[r][0] for r in REQUIRED]}); columns are {[str(c) for c in frame.columns]}"
        )
    columns, mapping, units, extra = {}, {}, {}, {}
    for original, name in renamed.items():
        values = frame[original].to_numpy()
        target = BDF_COLUMNS.get(name, (None, None, None))[1]
        if target in (n.P_TEMPERATURE, n.P_STACK_PRESSURE):  # kept columns in SI, converted here
            scale, offset = (1.0, _CELSIUS) if target == n.P_TEMPERATURE else (1.0, 0.0)
            extra[target] = np.asarray(values, dtype=float) * scale + offset
            continue
        columns[name] = values
        if target is not None:
            mapping[name] = target
            if (unit := BDF_COLUMNS[name][2]) is not None:
                units[name] = unit
    opts = Options(format="BDF", mapping=mapping, units=units, area=area, current_sign=-1.0,
                   sign_note=_SIGN_NOTE, metadata={})
    table, meta = tidy(ArrayTable(source, columns), opts)
    table.update(extra)
    meta["columns"].update({BDF_COLUMNS_REVERSE[k]: k for k in extra})
    return table, meta


BDF_COLUMNS_REVERSE = {target: name for name, (_, target, _) in BDF_COLUMNS.items() if target is not None}


def bdf_frame(table: dict, area: float | None = None, temperature: float | None = None,
              pressure: float | None = None) -> pd.DataFrame:
    """BDF columns (machine names) of a table: measured (``"Time [s]"``, ``"Current [A]"``) or this tool's
    output (``"Time [h]"``, ``"Current density [mA.cm-2]"``, which needs ``area`` [m2]).

    ``temperature`` [K] and ``pressure`` [Pa] fill ``ambient_temperature_celsius`` and
    ``applied_pressure_pa`` when the table has no such column (a simulation at one temperature and
    stack pressure).
    """
    length = len(next(iter(table.values())))
    if TIME in table:
        t = np.asarray(table[TIME], dtype=float)
    elif n.TIME_H in table:
        t = 3600.0 * np.asarray(table[n.TIME_H], dtype=float)
    else:
        raise ValueError(f"the table has no '{TIME}' or '{n.TIME_H}' column: cannot write BDF")
    if CURRENT in table:
        current = np.asarray(table[CURRENT], dtype=float)
    elif area is None and (CURRENT_DENSITY in table or n.CURRENT_DENSITY_MA in table):
        raise ValueError("the table gives a current density: the electrode area (area= [m2], --area) is needed "
                         "for BDF's current_ampere")
    elif CURRENT_DENSITY in table:
        current = np.asarray(table[CURRENT_DENSITY], dtype=float) * area
    elif n.CURRENT_DENSITY_MA in table:
        current = np.asarray(table[n.CURRENT_DENSITY_MA], dtype=float) * 10.0 * area
    else:
        raise ValueError("the table has no current: cannot write BDF (current_ampere is required)")
    out = {"test_time_second": t, "voltage_volt": np.asarray(table[VOLTAGE], dtype=float),
           "current_ampere": -current + 0.0}
    if CYCLE in table:
        out["cycle_count"] = np.asarray(table[CYCLE]).astype(np.int64)
    if STEP in table:
        out["step_index"] = np.asarray(table[STEP]).astype(np.int64)
    if TEMPERATURE in table:
        out["temperature_t1_celsius"] = np.asarray(table[TEMPERATURE], dtype=float) - _CELSIUS
    if n.P_TEMPERATURE in table:
        out["ambient_temperature_celsius"] = np.asarray(table[n.P_TEMPERATURE], dtype=float) - _CELSIUS
    elif temperature is not None:
        if not temperature > 0:
            raise ValueError(f"temperature must be > 0 K, got {temperature}")
        out["ambient_temperature_celsius"] = np.full(length, temperature - _CELSIUS)
    if n.P_STACK_PRESSURE in table:
        out["applied_pressure_pa"] = np.asarray(table[n.P_STACK_PRESSURE], dtype=float)
    elif pressure is not None:
        if not pressure >= 0:
            raise ValueError(f"pressure must be >= 0 Pa, got {pressure}")
        out["applied_pressure_pa"] = np.full(length, float(pressure))
    return pd.DataFrame(out)


def write_bdf(table: dict, path, area: float | None = None, temperature: float | None = None,
              pressure: float | None = None) -> Path:
    """Write a table as BDF (``.bdf.csv`` or ``.bdf.parquet``, by the name), atomically; see :func:`bdf_frame`."""
    path = Path(path)
    if not is_bdf_path(path) or path.name.lower().endswith(".gz"):
        raise ValueError(f"BDF output must end in .bdf.csv or .bdf.parquet, got '{path.name}'")
    frame = bdf_frame(table, area, temperature, pressure)
    if path.name.lower().endswith(".parquet"):
        return atomic_write(path, lambda tmp: frame.to_parquet(tmp, index=False))
    return atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False, float_format="%.10g"))


def write_result_bdf(result, path) -> Path:
    """Write a simulated case (:class:`anodefree_sim.simulation.CaseResult`) as BDF, with its electrode area,
    its ambient temperature and (when the case has one) its stack pressure as columns."""
    pv = result.parameter_values
    pressure = pv[n.P_STACK_PRESSURE] if n.P_STACK_PRESSURE in pv.keys() else None
    return write_bdf(result.table, path, area=pv[n.P_AREA], temperature=float(pv[n.P_TEMPERATURE]),
                     pressure=None if pressure is None else float(pressure))
