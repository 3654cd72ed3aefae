"""Text exports of other cyclers through documented column maps: Landt, Arbin, BaSyTec, Digatron, Novonix,
Maccor.

Each format is a header signature (columns that must all be present, case-insensitive), a column map
to our table names with the units of the export, and the export's current sign. The header names follow
the exports the Battery Data Alliance converts (``batterydf`` 0.1.0, ``bdf/data_sources/*``, Apache-2.0)
and, for Landt, the SINTEF export in ``tests/data/bdf``; Maccor's from its standard text export
(``Rec#, Cyc#, Step, Test (Sec), Step (Sec), Amp-hr, Watt-hr, Amps, Volts, State, ...``; no sample file
here, so this map is unverified against a real export). Binary files of these cyclers are read by their
libraries where one exists: Arbin ``.res`` by mdbtools' ``mdb-export`` (see :func:`read_arbin_res`),
Neware by NewareNDA, BioLogic by galvani.

Signs: Maccor writes an unsigned current and a ``State`` column (C, D, R); the others write charge current
as positive (Landt's and BaSyTec's discharges are negative
in the BDF references converted from them), so the current is flipped to PyBaMM's (positive = discharge).
"""

from __future__ import annotations

import gzip
import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from anodefree_sim import names as n
from anodefree_sim import units
from anodefree_sim.validation import _text
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

_SIGN_NOTE = "flipped from the cycler's (positive = charge) to PyBaMM's (positive = discharge)"


@dataclass(frozen=True)
class ExportFormat:
    """A cycler's text export: header signature, ``{header: (table name, unit)}`` and notes."""

    name: str
    signature: tuple
    columns: dict
    pressure: tuple | None = None  # (header, unit) of a stack-pressure column
    state: str | None = None  # header of a charge/discharge state column (Maccor: unsigned current)
    notes: tuple = field(default_factory=tuple)


EXPORT_FORMATS = {
    "landt": ExportFormat(
        "Landt CSV export", ("test_time_s", "voltage_v", "current_a"),
        {"test_time_s": (TIME, "s"), "voltage_V": (VOLTAGE, "V"), "current_A": (CURRENT, "A"),
         "step_index": (STEP, None), "cycle_index": (CYCLE, None), "temperature_1_C": (TEMPERATURE, "°C")},
        pressure=("Pressure_Psi", "psi"),
    ),
    "arbin": ExportFormat(
        "Arbin CSV/Excel export", ("test_time(s)", "voltage(v)", "current(a)"),
        {"Test_Time(s)": (TIME, "s"), "Voltage(V)": (VOLTAGE, "V"), "Current(A)": (CURRENT, "A"),
         "Step_Index": (STEP, None), "Cycle_Index": (CYCLE, None), "Aux_Temperature_1(C)": (TEMPERATURE, "°C")},
    ),
    "basytec": ExportFormat(
        "BaSyTec text export", ("~time[h]", "u[v]", "i[a]"),
        {"~Time[h]": (TIME, "h"), "U[V]": (VOLTAGE, "V"), "I[A]": (CURRENT, "A"), "Line": (STEP, None),
         "Cyc-Count": (CYCLE, None), "T1[°C]": (TEMPERATURE, "°C")},
    ),
    "digatron": ExportFormat(
        "Digatron CSV export", ("program duration#s", "voltage#v", "current#a"),
        {"Program Duration#s": (TIME, "s"), "Voltage#V": (VOLTAGE, "V"), "Current#A": (CURRENT, "A"),
         "Step": (STEP, None), "Cycle": (CYCLE, None), "T1#degC": (TEMPERATURE, "°C")},
        notes=("a units row under the header is skipped",),
    ),
    "maccor": ExportFormat(
        "Maccor text export", ("test (sec)", "amps", "volts", "state"),
        {"Test (Sec)": (TIME, "s"), "Volts": (VOLTAGE, "V"), "Amps": (CURRENT, "A"), "Step": (STEP, None),
         "Cyc#": (CYCLE, None)},
        state="State",
        notes=("Maccor writes |current|: the sign comes from State (D = discharge +, C = charge -, else 0)",),
    ),
    "novonix": ExportFormat(
        "Novonix CSV export", ("run time (h)", "potential (v)", "current (a)"),
        {"Run Time (h)": (TIME, "h"), "Potential (V)": (VOLTAGE, "V"), "Current (A)": (CURRENT, "A"),
         "Step Number": (STEP, None), "Cycle Number": (CYCLE, None), "Temperature (°C)": (TEMPERATURE, "°C")},
    ),
}


def _split(line: str) -> tuple[list[str], str]:
    delimiter = _text.sniff_delimiter(line)
    return [h.strip() for h in _text.header_fields(line, delimiter)], delimiter


def sniff_export(text: str, max_lines: int = 60) -> tuple[str, int] | None:
    """``(format key, 0-based header line)`` of a cycler export found in the first lines of ``text``."""
    for k, line in enumerate(text.splitlines()[:max_lines]):
        fields = {f.lower() for f in _split(line)[0]}
        for key, fmt in EXPORT_FORMATS.items():
            if all(s in fields for s in fmt.signature):
                return key, k
    return None


def read_export(path, fmt: str | None = None, area: float | None = None, encoding: str | None = None,
                current_sign: float = -1.0) -> tuple[dict, dict]:
    """Read a cycler's text export (format sniffed from the header unless ``fmt`` names one of
    :data:`EXPORT_FORMATS`). Lines above the header (Landt's "cell model:" block) are kept in
    ``metadata["preamble"]``; a stack-pressure column becomes ``"Stack pressure [Pa]"``.
    ``current_sign``: -1 (the exports' charge-positive current, default) or +1 for a file whose
    current is already positive on discharge."""
    path = Path(path)
    text, used = _text.read_text(path, encoding)
    lines = _text.split_lines(text)
    found = sniff_export(text)
    if fmt is not None:
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"fmt must be one of {sorted(EXPORT_FORMATS)}, got {fmt!r}")
        if found is None or found[0] != fmt:
            raise MeasurementFileError(path, f"no {EXPORT_FORMATS[fmt].name} header "
                                       f"(columns {list(EXPORT_FORMATS[fmt].signature)}) in the first lines")
    if found is None:
        raise MeasurementFileError(path, "no known cycler export header (Landt, Arbin, BaSyTec, Digatron, "
                                   "Novonix, Maccor)")
    key, k = found
    spec = EXPORT_FORMATS[key]
    headers, delimiter = _split(lines[k])
    start = k + 1
    if start < len(lines) and not _text.is_numeric_row(_split(lines[start])[0][:3]) and key == "digatron":
        start += 1  # Digatron's units row
    raw, decimal = _text.parse_body(path, lines, start, delimiter, headers, header_line=k + 1)
    lower = {h.lower(): h for h in headers}
    mapping, given = {}, {}
    for header, (target, unit) in spec.columns.items():
        if (h := lower.get(header.lower())) is not None:
            mapping[h] = target
            if unit is not None:
                given[h] = unit
    meta = {"encoding": used, "delimiter": delimiter, "decimal": decimal,
            "preamble": [line.strip(delimiter + " ") for line in lines[:k] if line.strip(delimiter + " ")]}
    if spec.state is not None:  # unsigned current, signed by the state column after tidy
        current_sign = 1.0
    opts = Options(format=spec.name, mapping=mapping, units=given, area=area, current_sign=current_sign,
                   sign_note=_SIGN_NOTE if current_sign == -1 else "", metadata=meta, notes=list(spec.notes))
    table, meta = tidy(raw, opts)
    if spec.state is not None and (h := lower.get(spec.state.lower())) is not None:
        states = _strings(raw, headers.index(h))
        factor = np.select([states == "D", states == "C"], [1.0, -1.0], 0.0)
        for name in (CURRENT, CURRENT_DENSITY):
            if name in table:
                table[name] = np.abs(table[name]) * factor
        meta["current sign"] = f"from the '{h}' column: D = discharge (positive), C = charge (negative), else 0"
    if spec.pressure is not None and (h := lower.get(spec.pressure[0].lower())) is not None:
        scale = units.PRESSURE[units.normalise_unit(spec.pressure[1])]
        table[n.P_STACK_PRESSURE] = raw.values(headers.index(h), finite=False) * scale
        meta["columns"][h] = n.P_STACK_PRESSURE
        meta["unmapped columns"] = [c for c in meta["unmapped columns"] if c != h]
    return table, meta


def _strings(raw, i: int) -> np.ndarray:
    """Column ``i`` of a text table as stripped upper-case strings."""
    if hasattr(raw, "frame"):
        return raw.frame.iloc[:, i].astype(str).str.strip().str.upper().to_numpy()
    return np.array([row[i].strip().upper() for row in raw.rows])


# ---------------------------------------------------------------- Arbin .res (mdbtools)
ARBIN_TABLE = "Channel_Normal_Table"
_ARBIN_COLUMNS = {"Test_Time": (TIME, "s"), "Voltage": (VOLTAGE, "V"), "Current": (CURRENT, "A"),
                  "Step_Index": (STEP, None), "Cycle_Index": (CYCLE, None)}


def read_arbin_res(path, area: float | None = None) -> tuple[dict, dict]:
    """Read an Arbin ``.res`` file (an MS Access database; ``.res.gz`` is decompressed first).

    The data table (``Channel_Normal_Table``: ``Test_Time`` [s], ``Voltage`` [V], ``Current`` [A],
    positive = charge and flipped, ``Step_Index``, ``Cycle_Index``) is exported with ``mdb-export`` of
    mdbtools (``apt-get install mdbtools``, ``brew install mdbtools``), the program galvani's
    ``res2sqlite`` drives too; galvani's converter itself fails on MITS Pro 7 files (its fixed SQLite
    schema lacks their ``Global_Table`` columns), so the table is exported directly. Without mdbtools
    the error says what to install.
    """
    path = Path(path)
    if shutil.which("mdb-export") is None:
        raise MeasurementFileError(
            path, "reading Arbin .res needs the mdb-export program of mdbtools: apt-get install mdbtools (or "
            "brew install mdbtools), or export CSV from Arbin's software and read that"
        )
    with tempfile.TemporaryDirectory() as tmp:
        source = path
        if path.name.lower().endswith(".gz"):
            source = Path(tmp) / path.name[:-3]
            try:
                with gzip.open(path, "rb") as fin, open(source, "wb") as fout:
                    shutil.copyfileobj(fin, fout)
            except (OSError, EOFError) as err:
                raise MeasurementFileError(path, f"not a readable gzip file: {err}") from None
        run = subprocess.run(["mdb-export", str(source), ARBIN_TABLE], capture_output=True, text=True)
    if run.returncode != 0 or not run.stdout.strip():
        why = run.stderr.strip().splitlines()[0] if run.stderr.strip() else "no data"
        raise MeasurementFileError(path, f"not readable as Arbin .res (mdb-export {ARBIN_TABLE}: {why})")
    frame = pd.read_csv(io.StringIO(run.stdout))
    missing = [c for c in ("Test_Time", "Voltage", "Current") if c not in frame.columns]
    if missing:
        raise MeasurementFileError(path, f"{ARBIN_TABLE} has no column {missing}")
    frame = frame.sort_values(["Test_Time"], kind="stable")
    columns = {c: frame[c].to_numpy() for c in _ARBIN_COLUMNS if c in frame.columns}
    mapping = {c: _ARBIN_COLUMNS[c][0] for c in columns}
    given = {c: _ARBIN_COLUMNS[c][1] for c in columns if _ARBIN_COLUMNS[c][1]}
    opts = Options(format="Arbin .res (mdbtools)", mapping=mapping, units=given, area=area, current_sign=-1.0,
                   sign_note=_SIGN_NOTE)
    return tidy(ArrayTable(path, columns), opts)
