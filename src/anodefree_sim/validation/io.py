"""Read measured cycling data into one tidy table in PyBaMM names.

Every reader returns ``(table, metadata)`` (as pvlib's ``read_*`` functions do):

``table``
    dict of numpy arrays, one row per measured point, keyed by PyBaMM names: ``"Time [s]"``,
    ``"Voltage [V]"`` and, when the file has them, ``"Current [A]"`` and/or ``"Current density [A.m-2]"``,
    ``"Discharge capacity [A.h]"``, ``"Surface temperature [K]"``, ``"Step index"``, ``"Cycle index"``
    (integers). Currents follow PyBaMM's sign convention: **positive = discharge** (reduction at the
    working electrode, which lithiates the anode-free side of a half cell). Columns already written in
    PyBaMM's grammar (``"Capacity [mA.h.cm-2]"``) are kept under their own name.
``metadata``
    dict with ``"source"``, ``"format"``, what the file says of ``"Electrode area [m2]"``,
    ``"Active material mass [kg]"`` and ``"Ambient temperature [K]"`` (None when it says nothing),
    ``"columns"`` (file column -> table name), ``"units"`` (file column -> its unit),
    ``"unmapped columns"``, ``"current sign"`` and ``"notes"`` (everything the reader decided), plus
    format-specific entries (``"header"``, ``"encoding"``, ...).

Nothing is guessed silently: a column without a unit, a current whose sign convention the file does
not state, decreasing time, a non-numeric or missing value, or a truncated line raise a
:class:`MeasurementFileError` (a ``ValueError``) naming the file and the line (or record).

Optional readers: BioLogic ``.mpr`` needs ``galvani`` and Neware ``.nda``/``.ndax`` needs ``NewareNDA``
(``pip install "anodefree_sim[readers]"``).
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import numpy as np

from anodefree_sim import _names as n
from anodefree_sim.validation import _text
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
    ArrayTable,
    MeasurementFileError,
    Options,
    area_m2,
    mass_kg,
    temperature_k,
    tidy,
)

__all__ = [
    "ACTIVE_MASS",
    "AMBIENT_TEMPERATURE",
    "AREA",
    "CURRENT",
    "CURRENT_DENSITY",
    "CYCLE",
    "DISCHARGE_CAPACITY",
    "STEP",
    "TEMPERATURE",
    "TIME",
    "VOLTAGE",
    "MeasurementFileError",
    "from_biologic_records",
    "from_neware_frame",
    "read_biologic_mpr",
    "read_biologic_text",
    "read_csv",
    "read_measurement",
    "read_neware",
]

#: our own ``anodefree-sim run ... --out`` CSV is recognised by these columns
OWN_CSV_COLUMNS = (n.TIME_H, n.VOLTAGE, n.CURRENT_DENSITY_MA)

_BIOLOGIC_MAGIC = ("EC-Lab ASCII FILE", "BT-Lab ASCII FILE")
_BIOLOGIC_SIGN = (
    "flipped from BioLogic's (positive = oxidation at the working electrode, i.e. charge) to PyBaMM's "
    "(positive = discharge)"
)
_NEWARE_SIGN = "flipped from Neware's (positive = charge) to PyBaMM's (positive = discharge)"
#: EC-Lab writes these when the user left the field unset
_ECLAB_UNSET_AREA_M2 = 1e-7  # 0.001 cm2
_ECLAB_UNSET_MASS_KG = 1e-9  # 0.001 mg


# ---------------------------------------------------------------- generic CSV / TSV
def read_csv(
    path,
    mapping: dict | None = None,
    units: dict | None = None,
    delimiter: str | None = None,
    decimal: str | None = None,
    area: float | None = None,
    current_sign: float | None = None,
    encoding: str | None = None,
    comment: str = "#",
) -> tuple[dict, dict]:
    """Read a delimited text file (CSV, TSV, semicolon-separated) of measured data.

    Parameters
    ----------
    path : str or Path
        The file. Leading lines starting with ``comment`` are kept in ``metadata["comments"]``.
    mapping : dict, optional
        ``{file column: PyBaMM name}``. A file column is its header text or its 0-based position
        (files without a header row need positions: ``{0: "Time [s]", 1: "Voltage [V]"}``). PyBaMM
        names: ``"Time [s]"``, ``"Voltage [V]"``, ``"Current [A]"``, ``"Current density [A.m-2]"``,
        ``"Discharge capacity [A.h]"``, ``"Surface temperature [K]"``, ``"Step index"``,
        ``"Cycle index"``. Columns not mapped are recognised from common headers (``time/s``,
        ``Ewe/V``, ``I/mA``, ``Voltage(V)``, ``Current(A)``, ``Test_Time(s)``, ``Step_Index``,
        ``Cycle_Index``, ``Time [h]``, ...); ``metadata["columns"]`` tells which were used.
    units : dict, optional
        ``{file column: unit}`` for columns whose header carries no unit or a wrong one, e.g.
        ``{"Zeit": "h", "Strom": "mA"}``. Without it the unit comes from the header
        (``"I/mA"``, ``"Current(mA)"``, ``"Time [h]"``), and for a mapped column without one from
        the PyBaMM name it is mapped to. Known: s, min, h; V, mV; A, mA, uA; A.m-2, mA.cm-2;
        A.h, mA.h, C; K, °C.
    delimiter : str, optional
        Sniffed from the header line if not given: tab, else semicolon, else comma.
    decimal : str, optional
        ``"."`` or ``","``; sniffed from the data if not given (only for tab/semicolon files).
    area : float, optional
        Electrode area [m2]. With it a current density gives ``"Current [A]"`` (and a current gives
        ``"Current density [A.m-2]"``); without it a current density stays a current density.
    current_sign : {+1, -1}, optional
        Needed when the file has a current or capacity column not written in PyBaMM's grammar: ``-1``
        if positive means charge (BioLogic, Neware, Arbin exports), ``+1`` if it means discharge.
        PyBaMM-style columns (``"Current [A]"``, our own CSV) follow PyBaMM's convention already.
    encoding : str, optional
        Tried in order if not given: UTF-8, cp1252, latin-1 (``metadata["encoding"]`` says which).

    Returns
    -------
    (table, metadata) : (dict, dict)
        See :mod:`anodefree_sim.validation.io`.

    Our own ``anodefree-sim run ... --out`` CSV reads back with no mapping: ``"Time [h]"`` becomes
    ``"Time [s]"``, ``"Current density [mA.cm-2]"`` becomes ``"Current density [A.m-2]"`` (and
    ``"Current [A]"`` with ``area``), every other column is kept.
    """
    path = Path(path)
    if decimal not in (None, ".", ","):
        raise ValueError(f"decimal must be '.' or ',', got {decimal!r}")
    text, used_encoding = _text.read_text(path, encoding)
    lines = _text.split_lines(text)
    comments, k = [], 0
    while k < len(lines) and (not lines[k].strip() or lines[k].lstrip().startswith(comment)):
        if lines[k].strip():
            comments.append(lines[k].lstrip()[len(comment):].strip())
        k += 1
    if k == len(lines):
        raise MeasurementFileError(path, "no header and no data: only comments or blank lines", f"line {k}")
    delimiter = delimiter or _text.sniff_delimiter(lines[k])
    first = _text.header_fields(lines[k], delimiter)
    if _text.is_numeric_row(first):  # no header row: columns are known by position only
        if not mapping:
            raise MeasurementFileError(
                path, "no header row (the first line holds numbers); name the columns by position, e.g. "
                f"mapping={{0: {TIME!r}, 1: {VOLTAGE!r}}}", f"line {k + 1}",
            )
        headers, header_line, start = [f"column {i}" for i in range(len(first))], None, k
    else:
        headers, header_line, start = first, k + 1, k + 1
    raw, decimal = _text.parse_body(path, lines, start, delimiter, headers, decimal, header_line)
    own = all(c in [h.strip() for h in headers] for c in OWN_CSV_COLUMNS)
    notes = []
    if own:
        notes.append("anodefree_sim output table: every column is kept")
    opts = Options(
        format="anodefree_sim CSV" if own else "CSV",
        mapping=mapping,
        units=units,
        area=area,
        current_sign=current_sign,
        keep_unmapped=own,
        metadata={"encoding": used_encoding, "delimiter": delimiter, "decimal": decimal, "comments": comments},
        notes=notes,
    )
    return tidy(raw, opts)


# ---------------------------------------------------------------- BioLogic EC-Lab text
def read_biologic_text(
    path, mapping: dict | None = None, units: dict | None = None, area: float | None = None,
    encoding: str | None = None,
) -> tuple[dict, dict]:
    """Read a BioLogic EC-Lab text file: ``.mpt`` or a ``.txt`` exported with "Export as text".

    The ``.mpt`` header (``"Nb header lines : N"``) gives ``metadata["header"]`` (every
    ``key : value`` line), ``"technique"``, ``"Electrode area [m2]"`` (from "Electrode surface area"),
    ``"Active material mass [kg]"`` (from "Mass of active material", else "Characteristic mass"),
    ``"Characteristic mass [kg]"`` and ``"Ambient temperature [K]"`` (from a header line naming a
    temperature). EC-Lab's placeholders for unset fields (0.001 cm2, 0.001 mg) are reported as None.
    Files in cp1252/latin-1 ("µ", "°C") and decimal commas are read.

    Columns: ``time/s``; ``Ecell/V``, else ``Ewe/V``, else ``<Ewe>/V``; ``I/mA``, else ``<I>/mA``,
    else ``control/mA``; ``(Q-Qo)/mA.h``; ``Temperature/°C``; ``Ns`` (step index); ``cycle number``.
    Current and capacity are turned to PyBaMM's sign (positive = discharge). ``mapping`` and
    ``units`` work as in :func:`read_csv`; ``area`` [m2] replaces the header's.
    """
    path = Path(path)
    text, used_encoding = _text.read_text(path, encoding)
    lines = _text.split_lines(text)
    header: dict[str, str] = {}
    notes: list[str] = []
    meta: dict = {"encoding": used_encoding}
    if lines[0].strip() in _BIOLOGIC_MAGIC:
        m = re.match(r"^\s*Nb header lines\s*:\s*(\d+)\s*$", lines[1]) if len(lines) > 1 else None
        if m is None:
            raise MeasurementFileError(path, "expected 'Nb header lines : <number>'", "line 2")
        count = int(m[1])
        if count < 3:
            raise MeasurementFileError(path, f"'Nb header lines : {count}' is too few (at least 3)", "line 2")
        if len(lines) < count:
            raise MeasurementFileError(
                path, f"the file ends inside its header ({count} header lines declared, {len(lines)} found)",
                f"line {len(lines)}",
            )
        header, technique = _biologic_header(lines[2:count - 1])
        meta["format"] = "BioLogic EC-Lab text (.mpt)"
        meta["technique"] = technique
        column_line = count
    else:
        meta["format"] = "BioLogic EC-Lab text export"
        column_line = 1
    headers = _text.header_fields(lines[column_line - 1], "\t")
    if len(headers) < 2 or _text.is_numeric_row(headers) or not any("/" in h for h in headers):
        what = "numbers" if _text.is_numeric_row(headers) else repr(lines[column_line - 1][:60])
        expected = (f"the column names (line {column_line} by 'Nb header lines')" if column_line > 1
                    else "'EC-Lab ASCII FILE' or tab-separated column names such as 'time/s'")
        raise MeasurementFileError(path, f"expected {expected}, found {what}", f"line {column_line}")
    raw, decimal = _text.parse_body(path, lines, column_line, "\t", headers, header_line=column_line)
    meta["decimal"] = decimal
    meta.update(_biologic_quantities(header, notes))
    meta["header"] = header
    opts = Options(
        format=meta.pop("format"), mapping=mapping, units=units, area=area, current_sign=-1.0,
        sign_note=_BIOLOGIC_SIGN, metadata=meta, notes=notes,
    )
    return tidy(raw, opts)


def _biologic_header(lines: list[str]) -> tuple[dict, str | None]:
    """``key : value`` pairs (first occurrence wins) and the technique (first line without a colon)."""
    header, technique = {}, None
    for line in lines:
        if " : " in line or line.rstrip().endswith(" :"):
            key, _, value = line.partition(" :")
            if key.strip():
                header.setdefault(key.strip(), value.strip())
        elif technique is None and line.strip() and ":" not in line:
            technique = line.strip()
    return header, technique


def _biologic_quantities(header: dict, notes: list) -> dict:
    out = {AREA: None, ACTIVE_MASS: None, "Characteristic mass [kg]": None, AMBIENT_TEMPERATURE: None}
    if (text := header.get("Electrode surface area")) is not None:
        value = area_m2(text)
        if value is None:
            notes.append(f"header 'Electrode surface area : {text}' not understood")
        elif np.isclose(value, _ECLAB_UNSET_AREA_M2):
            notes.append(f"header 'Electrode surface area : {text}' is EC-Lab's unset value: ignored")
        else:
            out[AREA] = value
    masses = (("Characteristic mass", "Characteristic mass [kg]"), ("Mass of active material", ACTIVE_MASS))
    for key, target in masses:
        if (text := header.get(key)) is not None:
            value = mass_kg(text)
            if value is None:
                notes.append(f"header '{key} : {text}' not understood")
            elif np.isclose(value, _ECLAB_UNSET_MASS_KG):
                notes.append(f"header '{key} : {text}' is EC-Lab's unset value: ignored")
            else:
                out[target] = value
    if out[ACTIVE_MASS] is None and out["Characteristic mass [kg]"] is not None:
        out[ACTIVE_MASS] = out["Characteristic mass [kg]"]
        notes.append("active material mass taken from 'Characteristic mass'")
    for key, text in header.items():
        if "temperature" in key.lower() and (value := temperature_k(text)) is not None:
            out[AMBIENT_TEMPERATURE] = value
            notes.append(f"ambient temperature from header '{key} : {text}'")
            break
    return out


# ---------------------------------------------------------------- BioLogic binary (.mpr, galvani)
def _optional(module: str, what: str, package: str):
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise ImportError(
            f"reading {what} files needs the optional package '{package}': "
            f"pip install 'anodefree_sim[readers]' (or pip install {package})"
        ) from err


def read_biologic_mpr(
    path, mapping: dict | None = None, units: dict | None = None, area: float | None = None
) -> tuple[dict, dict]:
    """Read a BioLogic binary ``.mpr`` file through ``galvani`` (optional: ``anodefree_sim[readers]``).

    Columns and signs as :func:`read_biologic_text`. galvani does not decode the settings module, so
    the electrode area and masses are not in the metadata: pass ``area`` [m2] (or read the ``.mpt``).
    """
    path = Path(path)
    biologic = _optional("galvani.BioLogic", "BioLogic .mpr", "galvani")
    with open(path, "rb") as fh:
        try:
            mpr = biologic.MPRfile(fh)
        except Exception as err:  # galvani raises ValueError, AssertionError, OSError, NotImplementedError
            raise MeasurementFileError(
                path, f"not readable as a BioLogic .mpr file (galvani: {type(err).__name__}: {err})"
            ) from err
    meta = {"galvani data module version": getattr(mpr, "version", None)}
    if getattr(mpr, "startdate", None) is not None:
        meta["start date"] = mpr.startdate.isoformat()
    if getattr(mpr, "timestamp", None) is not None:
        meta["start time"] = mpr.timestamp.isoformat()
    return from_biologic_records(
        mpr.data, path, mapping=mapping, units=units, area=area, metadata=meta, fmt="BioLogic .mpr (galvani)",
        notes=["galvani does not decode the .mpr settings: electrode area and masses are unknown unless area= "
               "is given (the .mpt export has them)"],
    )


def from_biologic_records(
    records, source="BioLogic records", mapping=None, units=None, area=None, metadata=None,
    fmt="BioLogic records", notes=None,
) -> tuple[dict, dict]:
    """``(table, metadata)`` from a numpy record array with BioLogic column names (galvani's ``data``).

    ``source`` names the data in messages (rows are "records", counted from 1). The packed
    ``flags`` field is ignored; see :func:`read_biologic_text` for the columns.
    """
    names = [name for name in records.dtype.names if name != "flags"]
    columns = {name: records[name] for name in names}
    notes = list(notes or [])
    _current_from_control(records, columns, mapping, notes)
    raw = ArrayTable(source, columns)
    opts = Options(
        format=fmt, mapping=mapping, units=units, area=area, current_sign=-1.0, sign_note=_BIOLOGIC_SIGN,
        metadata=dict(metadata or {}), notes=notes,
    )
    return tidy(raw, opts)


#: BioLogic's control mode, the low two bits of galvani's packed ``flags`` (or the ``mode`` column)
_MODE_CC, _MODE_CV, _MODE_REST = 1, 2, 3
_CONTROL = "control/V/mA"
_CONTROL_CURRENT = "control current/mA"


def _current_from_control(records, columns: dict, mapping, notes: list) -> None:
    """A current column from ``control/V/mA`` when the records have no ``I/mA``: the control value is the
    current [mA] in galvanostatic records (mode 1), zero at rest (mode 3); potentiostatic records (mode
    2) control the voltage, so then the current is unknown and none is added (a note says why)."""
    if _CONTROL not in columns or any(c in columns for c in ("I/mA", "<I>/mA")) or mapping:
        return
    names = records.dtype.names
    if "mode" in names:
        mode = np.asarray(records["mode"]).astype(int)
    elif "flags" in names:
        mode = np.asarray(records["flags"]).astype(int) & 0x03
    else:
        notes.append(f"'{_CONTROL}' without the control mode: the current is unknown")
        return
    if np.any(mode == _MODE_CV):
        notes.append(f"'{_CONTROL}' holds voltages in potentiostatic records: the current is unknown")
        return
    control = np.asarray(records[_CONTROL], dtype=float)
    columns[_CONTROL_CURRENT] = np.where(mode == _MODE_REST, 0.0, control)
    notes.append(f"current from '{_CONTROL}' (the file has no I/mA): the control value in galvanostatic "
                 "records, zero at rest")


# ---------------------------------------------------------------- Neware (.nda/.ndax, NewareNDA)
def read_neware(path, area: float | None = None) -> tuple[dict, dict]:
    """Read a Neware ``.nda``/``.ndax`` file through ``NewareNDA`` (optional: ``anodefree_sim[readers]``).

    NewareNDA gives the time within each step; ``"Time [s]"`` is rebuilt as the test time by adding
    up the step durations. ``"Step index"`` counts the steps run (NewareNDA's ``Step``), ``"Cycle index"``
    is NewareNDA's cycle number, the first auxiliary temperature (``T1``) gives
    ``"Surface temperature [K]"``. Current is turned to PyBaMM's sign (positive = discharge).
    """
    path = Path(path)
    neware = _optional("NewareNDA", "Neware .nda/.ndax", "NewareNDA")
    try:
        frame = neware.read(str(path))
    except Exception as err:  # NewareNDA raises ValueError, KeyError, EOFError, NotImplementedError, ...
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


# ---------------------------------------------------------------- dispatch
_READERS = {
    ".csv": read_csv,
    ".tsv": read_csv,
    ".mpt": read_biologic_text,
    ".mpr": read_biologic_mpr,
    ".nda": read_neware,
    ".ndax": read_neware,
}


def read_measurement(path, **kwargs) -> tuple[dict, dict]:
    """Read a measurement file with the reader its extension (or, for ``.txt``/``.dat``, content) calls for.

    ``.csv``/``.tsv`` -> :func:`read_csv`; ``.mpt`` -> :func:`read_biologic_text`; ``.mpr`` ->
    :func:`read_biologic_mpr`; ``.nda``/``.ndax`` -> :func:`read_neware`; ``.txt``/``.dat``: EC-Lab
    exports (``EC-Lab ASCII FILE`` or tab-separated BioLogic columns such as ``time/s``) ->
    :func:`read_biologic_text`, other text -> :func:`read_csv`. Any other extension is recognised by
    its content (the magic of .mpr, .nda, .mpt files) or refused. ``kwargs`` go to the reader.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        with open(path, "rb") as fh:
            head = fh.read(4096)
        reader = _sniff(head)
    if reader is None and suffix in (".txt", ".dat"):
        reader = read_csv
    if reader is None:
        raise MeasurementFileError(
            path, f"unknown measurement format (extension '{suffix}'); readable: .csv, .tsv, .txt, .dat, .mpt, "
            ".mpr, .nda, .ndax, or call a read_* function of anodefree_sim.validation.io directly"
        )
    accepted = inspect.signature(reader).parameters
    refused = [k for k, v in kwargs.items() if k not in accepted and v is not None]
    if refused:
        raise ValueError(f"{path}: {', '.join(refused)} cannot be given for {reader.__name__} files (the "
                         f"format fixes it); accepted: {', '.join(k for k in accepted if k != 'path')}")
    return reader(path, **{k: v for k, v in kwargs.items() if k in accepted})


def _sniff(head: bytes):
    if head.startswith(b"BIO-LOGIC MODULAR FILE"):
        return read_biologic_mpr
    if head.startswith(b"NEWARE"):
        return read_neware
    first = head.split(b"\n", 1)[0].strip()
    if first.decode("latin-1") in _BIOLOGIC_MAGIC:
        return read_biologic_text
    fields = first.decode("latin-1").split("\t")
    if len(fields) > 1 and ("time/s" in fields or "Ewe/V" in fields):
        return read_biologic_text
    return None
