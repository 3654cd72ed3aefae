"""BioLogic EC-Lab: text (``.mpt``, "Export as text" ``.txt``) and binary ``.mpr`` (through galvani)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from anodefree_sim import names as n
from anodefree_sim.validation import _text
from anodefree_sim.validation._columns import (
    ACTIVE_MASS,
    AMBIENT_TEMPERATURE,
    AREA,
    Options,
    area_m2,
    mass_kg,
    temperature_k,
)
from anodefree_sim.validation._raw import ArrayTable, MeasurementFileError, optional_module
from anodefree_sim.validation._tidy import tidy

BIOLOGIC_MAGIC = ("EC-Lab ASCII FILE", "BT-Lab ASCII FILE")
_BIOLOGIC_SIGN = (
    "flipped from BioLogic's (positive = oxidation at the working electrode, i.e. charge) to PyBaMM's "
    "(positive = discharge)"
)
#: EC-Lab writes these when the user left the field unset
_ECLAB_UNSET_AREA_M2 = 1e-7  # 0.001 cm2
_ECLAB_UNSET_MASS_KG = 1e-9  # 0.001 mg



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
    if lines[0].strip() in BIOLOGIC_MAGIC:
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
    out = {AREA: None, ACTIVE_MASS: None, n.CHARACTERISTIC_MASS: None, AMBIENT_TEMPERATURE: None}
    if (text := header.get("Electrode surface area")) is not None:
        value = area_m2(text)
        if value is None:
            notes.append(f"header 'Electrode surface area : {text}' not understood")
        elif np.isclose(value, _ECLAB_UNSET_AREA_M2):
            notes.append(f"header 'Electrode surface area : {text}' is EC-Lab's unset value: ignored")
        else:
            out[AREA] = value
    masses = (("Characteristic mass", n.CHARACTERISTIC_MASS), ("Mass of active material", ACTIVE_MASS))
    for key, target in masses:
        if (text := header.get(key)) is not None:
            value = mass_kg(text)
            if value is None:
                notes.append(f"header '{key} : {text}' not understood")
            elif np.isclose(value, _ECLAB_UNSET_MASS_KG):
                notes.append(f"header '{key} : {text}' is EC-Lab's unset value: ignored")
            else:
                out[target] = value
    if out[ACTIVE_MASS] is None and out[n.CHARACTERISTIC_MASS] is not None:
        out[ACTIVE_MASS] = out[n.CHARACTERISTIC_MASS]
        notes.append("active material mass taken from 'Characteristic mass'")
    for key, text in header.items():
        if "temperature" in key.lower() and (value := temperature_k(text)) is not None:
            out[AMBIENT_TEMPERATURE] = value
            notes.append(f"ambient temperature from header '{key} : {text}'")
            break
    return out


# ---------------------------------------------------------------- BioLogic binary (.mpr, galvani)
def read_biologic_mpr(
    path, mapping: dict | None = None, units: dict | None = None, area: float | None = None
) -> tuple[dict, dict]:
    """Read a BioLogic binary ``.mpr`` file through ``galvani`` (optional: ``anodefree_sim[readers]``).

    Columns and signs as :func:`read_biologic_text`. galvani does not decode the settings module, so
    the electrode area and masses are not in the metadata: pass ``area`` [m2] (or read the ``.mpt``).
    """
    path = Path(path)
    biologic = optional_module("galvani.BioLogic", "BioLogic .mpr", "galvani")
    with open(path, "rb") as fh:
        try:
            mpr = biologic.MPRfile(fh)
        except Exception as err:  # deliberate: any failure of the third-party parser is "not readable"
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


