"""Generic delimited text (CSV, TSV, semicolon-separated), including this tool's own output CSV."""

from __future__ import annotations

from pathlib import Path

from anodefree_sim import names as n
from anodefree_sim.validation import _text
from anodefree_sim.validation._columns import TIME, VOLTAGE, Options
from anodefree_sim.validation._raw import MeasurementFileError
from anodefree_sim.validation._tidy import tidy

#: our own ``anodefree-sim run ... --out`` CSV is recognised by these columns
OWN_CSV_COLUMNS = (n.TIME_H, n.VOLTAGE, n.CURRENT_DENSITY_MA)


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


