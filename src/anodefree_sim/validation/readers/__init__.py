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

One module per format: :mod:`.generic` (CSV/TSV and this tool's CSV), :mod:`.biologic` (.mpt/.txt/.mpr),
:mod:`.neware` (.nda/.ndax), :mod:`.bdf` (Battery Data Format, read and write), :mod:`.exports` (text
exports of Landt, Arbin, BaSyTec, Digatron, Novonix and Maccor through documented column maps). Column
recognition, units and checks are shared (``validation/_columns.py``, ``anodefree_sim/units.py``).

Optional readers: BioLogic ``.mpr`` needs ``galvani`` and Neware ``.nda``/``.ndax`` needs ``NewareNDA``
(``pip install "anodefree_sim[readers]"``); ``.bdf.parquet`` needs ``pyarrow`` (``[bdf]``).
"""

from __future__ import annotations

import inspect
from pathlib import Path

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
)
from anodefree_sim.validation._raw import MeasurementFileError
from anodefree_sim.validation.readers.bdf import from_bdf_frame, is_bdf_path, looks_like_bdf, read_bdf, write_bdf
from anodefree_sim.validation.readers.biologic import (
    BIOLOGIC_MAGIC,
    from_biologic_records,
    read_biologic_mpr,
    read_biologic_text,
)
from anodefree_sim.validation.readers.exports import EXPORT_FORMATS, read_arbin_res, read_export, sniff_export
from anodefree_sim.validation.readers.generic import OWN_CSV_COLUMNS, read_csv
from anodefree_sim.validation.readers.neware import from_neware_frame, read_neware

__all__ = [
    "ACTIVE_MASS",
    "AMBIENT_TEMPERATURE",
    "AREA",
    "CURRENT",
    "CURRENT_DENSITY",
    "CYCLE",
    "DISCHARGE_CAPACITY",
    "EXPORT_FORMATS",
    "OWN_CSV_COLUMNS",
    "STEP",
    "TEMPERATURE",
    "TIME",
    "VOLTAGE",
    "MeasurementFileError",
    "from_bdf_frame",
    "from_biologic_records",
    "from_neware_frame",
    "read_arbin_res",
    "read_bdf",
    "read_biologic_mpr",
    "read_biologic_text",
    "read_csv",
    "read_export",
    "read_measurement",
    "read_neware",
    "write_bdf",
]

# ---------------------------------------------------------------- dispatch
_READERS = {
    ".csv": read_csv,
    ".tsv": read_csv,
    ".mpt": read_biologic_text,
    ".mpr": read_biologic_mpr,
    ".res": read_arbin_res,
    ".nda": read_neware,
    ".ndax": read_neware,
}


def read_measurement(path, **kwargs) -> tuple[dict, dict]:
    """Read a measurement file with the reader its extension (or, for ``.txt``/``.dat``, content) calls for.

    ``.csv``/``.tsv`` -> :func:`read_csv`; ``.mpt`` -> :func:`read_biologic_text`; ``.mpr`` ->
    :func:`read_biologic_mpr`; ``.nda``/``.ndax`` -> :func:`read_neware`; ``.txt``/``.dat``: EC-Lab
    exports (``EC-Lab ASCII FILE`` or tab-separated BioLogic columns such as ``time/s``) ->
    :func:`read_biologic_text`, other text -> :func:`read_csv`; ``.bdf.csv``/``.bdf.parquet`` (or a CSV
    with BDF's columns) -> :func:`read_bdf`; a CSV/text export of Landt, Arbin, BaSyTec, Digatron or
    Novonix or Maccor (recognised by its header) -> :func:`read_export`; ``.res``/``.res.gz`` ->
    :func:`read_arbin_res`. Any other extension is recognised by its content (the magic of .mpr, .nda,
    .mpt files) or refused. ``kwargs`` go to the reader; one it does not take (``current_sign`` for a
    format that fixes the sign) is a ValueError.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if is_bdf_path(path):
        reader = read_bdf
    elif path.name.lower().endswith(".res.gz"):
        reader = read_arbin_res
    else:
        reader = _READERS.get(suffix)
    if reader is read_csv or reader is None:
        with open(path, "rb") as fh:
            head = fh.read(8192)
        found = _sniff(head)
        if reader is None or found in (read_bdf, read_export):  # a .csv may be BDF or a cycler's export
            reader = found or reader
    if reader is None and suffix in (".txt", ".dat"):
        reader = read_csv
    if reader is None:
        raise MeasurementFileError(
            path, f"unknown measurement format (extension '{suffix}'); readable: .csv, .tsv, .txt, .dat, .mpt, "
            ".mpr, .nda, .ndax, .res, .bdf.csv, .bdf.parquet, or call a read_* function of "
            "anodefree_sim.validation.readers directly"
        )
    accepted = inspect.signature(reader).parameters
    refused = [k for k, v in kwargs.items() if k not in accepted and v is not None]
    if refused:
        raise ValueError(f"{path}: {', '.join(refused)} cannot be given for {reader.__name__} files (the "
                         f"format fixes it); accepted: {', '.join(k for k in accepted if k != 'path')}")
    return reader(path, **{k: v for k, v in kwargs.items() if k in accepted})


def _sniff(head: bytes):
    """The reader a file's first bytes call for: binary magics, EC-Lab text, BDF columns, cycler exports."""
    if head.startswith(b"BIO-LOGIC MODULAR FILE"):
        return read_biologic_mpr
    if head.startswith(b"NEWARE"):
        return read_neware
    first = head.split(b"\n", 1)[0].strip()
    if first.decode("latin-1") in BIOLOGIC_MAGIC:
        return read_biologic_text
    fields = first.decode("latin-1").split("\t")
    if len(fields) > 1 and ("time/s" in fields or "Ewe/V" in fields):
        return read_biologic_text
    text = head.decode("latin-1")
    if looks_like_bdf(f.strip().strip('"') for f in first.decode("latin-1").split(",")):
        return read_bdf
    if sniff_export(text) is not None:
        return read_export
    return None
