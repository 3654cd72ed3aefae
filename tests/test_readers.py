"""Readers of measured data (anodefree_sim.validation.io): tidy tables in PyBaMM names, clear errors."""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path

import numpy as np
import pytest

from anodefree_sim import names as n
from anodefree_sim.simulation import write_csv
from anodefree_sim.validation import io
from anodefree_sim.validation.io import (
    MeasurementFileError,
    from_biologic_records,
    from_neware_frame,
    read_biologic_mpr,
    read_biologic_text,
    read_csv,
    read_measurement,
    read_neware,
)

DATA = Path(__file__).parent / "data" / "readers"
AREA = 0.785e-4  # 1 cm diameter disc [m2]


def _write(path: Path, text: str, encoding="utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _raises_at(path: Path, line: int | None, func=None, **kwargs) -> str:
    """Reading ``path`` raises a ValueError naming the file (and the line); returns the message."""
    with pytest.raises(ValueError) as info:
        (func or read_measurement)(path, **kwargs)
    message = str(info.value)
    assert path.name in message
    if line is not None:
        assert re.search(rf"\bline {line}:", message), message
    return message


# ---------------------------------------------------------------- real measured data (Ecker 2015)
@pytest.mark.parametrize(("name", "rows", "duration"), [("Ecker_1C.csv", 31, (3000, 4000)),
                                                        ("Ecker_5C.csv", 33, (600, 800))])
def test_ecker_measured_discharges(name, rows, duration):
    table, meta = read_measurement(DATA / name, mapping={0: "Time [s]", 1: "Voltage [V]"})
    assert list(table) == ["Time [s]", "Voltage [V]"]
    t, v = table["Time [s]"], table["Voltage [V]"]
    assert len(t) == len(v) == rows
    assert np.all(np.diff(t) > 0)
    assert duration[0] < t[-1] - t[0] < duration[1]  # 1C ~ 1 h, 5C ~ 12 min: seconds, not hours
    assert 2.7 < v.min() < v.max() < 4.2
    assert v[0] > v[-1]  # a discharge
    assert meta["format"] == "CSV"
    assert meta["columns"] == {"column 0": "Time [s]", "column 1": "Voltage [V]"}
    assert meta["units"] == {"column 0": "s", "column 1": "V"}
    assert meta["current sign"] is None and meta[n.P_AREA] is None


def test_file_without_header_needs_a_mapping():
    message = _raises_at(DATA / "Ecker_1C.csv", 1)
    assert "mapping={0: 'Time [s]', 1: 'Voltage [V]'}" in message


def test_mapping_with_source_units_for_headerless_file():
    table, meta = read_csv(DATA / "Ecker_5C.csv", mapping={0: "Time [s]", 1: "Voltage [V]"}, units={0: "min"})
    assert table["Time [s]"][-1] == pytest.approx(706.002539140314 * 60)
    assert meta["units"]["column 0"] == "min"


# ---------------------------------------------------------------- generic CSV variants
SEMICOLON = """# cell 7: Ag-C | Li6PS5Cl | Li, 25 °C
Time(h);Voltage(V);Current(mA);Cycle_Index
0,0;0,412;0,0;1
0,5;-0,010;-0,785;1
1,0;-0,008;-0,785;1
1,5;0,015;0,785;2
"""


def test_semicolon_decimal_comma_milliamps_hours(tmp_path):
    path = _write(tmp_path / "cell7.csv", SEMICOLON, "cp1252")
    table, meta = read_csv(path, current_sign=-1, area=AREA)
    np.testing.assert_allclose(table["Time [s]"], [0, 1800, 3600, 5400])
    np.testing.assert_allclose(table["Voltage [V]"], [0.412, -0.010, -0.008, 0.015])
    np.testing.assert_allclose(table["Current [A]"], [0, 0.785e-3, 0.785e-3, -0.785e-3])  # PyBaMM sign
    np.testing.assert_allclose(table["Current density [A.m-2]"], [0, 10, 10, -10])
    assert table["Cycle index"].tolist() == [1, 1, 1, 2] and table["Cycle index"].dtype.kind == "i"
    assert (meta["delimiter"], meta["decimal"], meta["encoding"]) == (";", ",", "cp1252")
    assert meta["comments"] == ["cell 7: Ag-C | Li6PS5Cl | Li, 25 °C"]
    assert meta["units"] == {"Time(h)": "h", "Voltage(V)": "V", "Current(mA)": "mA"}
    assert meta[n.P_AREA] == AREA and "flipped" in meta["current sign"]


def test_unknown_current_sign_is_not_guessed(tmp_path):
    path = _write(tmp_path / "cell7.csv", SEMICOLON)
    message = _raises_at(path, 2, read_csv)  # the header line
    assert "current_sign" in message and "Current(mA)" in message


def test_tab_separated_arbin_style(tmp_path):
    text = (
        "Data_Point\tTest_Time(s)\tStep_Time(s)\tStep_Index\tCycle_Index\tCurrent(A)\tVoltage(V)\t"
        "Charge_Capacity(Ah)\tDischarge_Capacity(Ah)\n"
        "1\t0.0\t0.0\t1\t1\t0.0015\t3.60\t0.0\t0.0\n"
        "2\t30.0\t30.0\t1\t1\t0.0015\t3.71\t1.25e-5\t0.0\n"
        "3\t60.0\t0.0\t2\t1\t-0.0015\t3.95\t2.5e-5\t0.0\n"
        "4\t90.0\t30.0\t2\t1\t-0.0015\t3.90\t2.5e-5\t1.25e-5\n"
    )
    path = _write(tmp_path / "arbin.tsv", text)
    table, meta = read_measurement(path, current_sign=-1)
    np.testing.assert_allclose(table["Time [s]"], [0, 30, 60, 90])  # Test_Time, not Step_Time
    np.testing.assert_allclose(table["Current [A]"], [-0.0015, -0.0015, 0.0015, 0.0015])
    assert table["Step index"].tolist() == [1, 1, 2, 2]
    assert "Current density [A.m-2]" not in table  # no area: nothing invented
    assert meta["delimiter"] == "\t" and meta["decimal"] == "."
    assert {"Step_Time(s)", "Charge_Capacity(Ah)", "Discharge_Capacity(Ah)", "Data_Point"} <= set(
        meta["unmapped columns"])


def test_explicit_mapping_and_units(tmp_path):
    path = _write(tmp_path / "messung.csv", "Zeit;Spannung;Strom\n0;3,70;0\n1;3,65;150\n2;3,61;150\n")
    table, meta = read_csv(
        path, mapping={"Zeit": "Time [s]", "Spannung": "Voltage [V]", "Strom": "Current [A]"},
        units={"Zeit": "min", "Strom": "mA"}, current_sign=1,
    )
    np.testing.assert_allclose(table["Time [s]"], [0, 60, 120])
    np.testing.assert_allclose(table["Current [A]"], [0, 0.15, 0.15])
    assert meta["columns"] == {"Zeit": "Time [s]", "Spannung": "Voltage [V]", "Strom": "Current [A]"}


def test_column_without_unit_is_refused(tmp_path):
    path = _write(tmp_path / "plain.csv", "Time,Voltage\n0,3.7\n1,3.6\n")
    assert "units=" in _raises_at(path, 1)
    table, _ = read_csv(path, units={"Time": "h", "Voltage": "mV"})
    np.testing.assert_allclose(table["Voltage [V]"], [3.7e-3, 3.6e-3])
    np.testing.assert_allclose(table["Time [s]"], [0, 3600])


# ---------------------------------------------------------------- our own CSV round trip
def test_own_csv_round_trip(tmp_path):
    path = tmp_path / "run.csv"
    write_csv({
        n.TIME_H: np.array([0.0, 0.5, 1.0]),
        n.VOLTAGE: np.array([0.10, -0.02, -0.03]),
        n.CURRENT_DENSITY_MA: np.array([0.5, 0.5, 0.5]),
        n.CAPACITY_AREAL: np.array([0.0, 0.25, 0.5]),
        n.EXSOLVED_FRACTION: np.array([0.0, 0.4, 0.9]),
        "Negative plated lithium thickness [um]": np.array([0.0, 0.2, 1.5]),
    }, path)
    table, meta = read_measurement(path)
    assert meta["format"] == "anodefree_sim CSV"
    np.testing.assert_allclose(table["Time [s]"], [0, 1800, 3600])
    np.testing.assert_allclose(table["Current density [A.m-2]"], [5, 5, 5])
    assert "Current [A]" not in table and any("pass area=" in note for note in meta["notes"])
    np.testing.assert_allclose(table[n.CAPACITY_AREAL], [0, 0.25, 0.5])
    np.testing.assert_allclose(table[n.EXSOLVED_FRACTION], [0, 0.4, 0.9])  # dimensionless columns kept too
    assert "PyBaMM" in meta["current sign"] and meta["unmapped columns"] == []

    table, meta = read_csv(path, area=1e-4)
    np.testing.assert_allclose(table["Current [A]"], [5e-4, 5e-4, 5e-4])
    assert meta[n.P_AREA] == 1e-4


# ---------------------------------------------------------------- BioLogic text
def test_biologic_mpt_cp1252_decimal_comma():
    path = DATA / "gcpl_anodefree_fr.mpt"
    table, meta = read_measurement(path)
    assert meta["format"] == "BioLogic EC-Lab text (.mpt)"
    assert (meta["encoding"], meta["decimal"]) == ("cp1252", ",")
    assert meta["technique"] == "Galvanostatic Cycling with Potential Limitation"
    assert meta[n.P_AREA] == pytest.approx(0.785e-4)  # "0,785 cm²"
    assert meta["Active material mass [kg]"] == pytest.approx(2.15e-6)  # characteristic mass; 0,001 mg is unset
    assert meta["Ambient temperature [K]"] == pytest.approx(298.15)
    assert meta["header"]["Comments"].startswith("25 °C")
    assert "Capacitance charge/µF" in meta["unmapped columns"]
    t = table["Time [s]"]
    assert len(t) == 13 and t[-1] == pytest.approx(7200) and np.all(np.diff(t) > 0)
    assert table["Step index"].tolist() == [0] * 3 + [1] * 5 + [2] * 5
    plating, stripping = table["Step index"] == 1, table["Step index"] == 2
    # BioLogic: plating on the working electrode is a negative current; PyBaMM: lithiating is positive
    np.testing.assert_allclose(table["Current [A]"][plating], 78.5e-6)
    np.testing.assert_allclose(table["Current [A]"][stripping], -78.5e-6)
    np.testing.assert_allclose(table["Current density [A.m-2]"][plating], 1.0)  # 0.1 mA/cm2 from header area
    assert table["Voltage [V]"][plating].min() == pytest.approx(-0.018)
    assert table["Discharge capacity [A.h]"].max() == pytest.approx(0.0785e-3, rel=0.1)
    np.testing.assert_allclose(table["Surface temperature [K]"][:3], 298.25)  # "Temperature/°C" column
    assert meta["columns"]["<I>/mA"] == "Current [A]" and meta["columns"]["Ewe/V"] == "Voltage [V]"


def test_biologic_export_txt_prefers_cell_voltage():
    table, meta = read_measurement(DATA / "eclab_export.txt")
    assert meta["format"] == "BioLogic EC-Lab text export"
    assert meta["columns"]["Ecell/V"] == "Voltage [V]" and "Ewe/V" in meta["unmapped columns"]
    assert table["Voltage [V]"][0] == pytest.approx(3.581)
    np.testing.assert_allclose(table["Current [A]"][:4], 1.5e-3)  # discharge (I < 0 in EC-Lab)
    np.testing.assert_allclose(table["Discharge capacity [A.h]"][:4], [0, 25e-6, 50e-6, 75e-6])
    assert table["Cycle index"].tolist() == [1] * 6


def test_biologic_text_area_argument_wins():
    table, meta = read_biologic_text(DATA / "gcpl_anodefree_fr.mpt", area=1e-4)
    assert meta[n.P_AREA] == 1e-4 and any("replaces" in note for note in meta["notes"])
    assert table["Current density [A.m-2]"][4] == pytest.approx(0.785)


def _mpt_lines() -> list[bytes]:
    return (DATA / "gcpl_anodefree_fr.mpt").read_bytes().split(b"\r\n")


def test_biologic_malformed(tmp_path):
    lines = _mpt_lines()
    header_count = int(lines[1].split(b":")[1])
    cut = tmp_path / "header_cut.mpt"
    cut.write_bytes(b"\r\n".join(lines[:10]))
    assert "ends inside its header" in _raises_at(cut, 10)

    bad = tmp_path / "bad_count.mpt"
    bad.write_bytes(b"\r\n".join([lines[0], b"Nb header lines : many", *lines[2:]]))
    _raises_at(bad, 2)

    truncated = tmp_path / "truncated.mpt"  # the last data line cut in the middle (aborted copy)
    last = lines[-2]
    truncated.write_bytes(b"\r\n".join(lines[:-2]) + b"\r\n" + last[: len(last) // 2])
    assert "truncated" in _raises_at(truncated, header_count + 13)

    wrong_count = tmp_path / "wrong_count.mpt"  # the count points into the data
    wrong_count.write_bytes(b"\r\n".join([lines[0], f"Nb header lines : {header_count + 2}".encode(), *lines[2:]]))
    assert "found numbers" in _raises_at(wrong_count, header_count + 2)


# ---------------------------------------------------------------- malformed generic files
MALFORMED = {
    "truncated line": ("Time [s],Voltage [V],Current [A]\n0,3.2,0.1\n1,3.1,0.1\n2,3.0\n3,2.9,0.1\n", 4),
    "non-numeric cell": ("Time [s],Voltage [V]\n0,3.2\n1,3..1\n", 3),
    "empty cell": ("Time [s];Voltage [V]\n0;3,2\n1;\n", 3),
    "missing voltage column": ("Time [s],Current [A]\n0,0.1\n1,0.1\n", 1),
    "empty file": ("", 1),
    "only blank lines": ("\n\n  \n", 1),
    "header only": ("Time [s],Voltage [V]\n", 1),
    "decreasing time": ("Time [s],Voltage [V]\n0,3.2\n10,3.1\n5,3.0\n20,2.9\n", 4),
    "mixed decimal separators": ("Time [s];Voltage [V]\n0;3.2\n1;3,1\n", 3),
    "unknown unit": ("Time (fortnights),Voltage (V)\n0,3.2\n", 1),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_csv_names_file_and_line(tmp_path, case):
    text, line = MALFORMED[case]
    path = _write(tmp_path / f"{case.replace(' ', '_')}.csv", text)
    _raises_at(path, line)


def test_non_numeric_message_names_the_cell(tmp_path):
    path = _write(tmp_path / "bad.csv", "Time [s],Voltage [V]\n0,3.2\n1,abc\n")
    message = _raises_at(path, 3)
    assert "'abc'" in message and "Voltage [V]" in message
    with pytest.raises(MeasurementFileError):  # the error class is a ValueError
        read_csv(path)


def test_utf16_tab_separated_excel_export(tmp_path):
    path = _write(tmp_path / "excel.txt", "\ufeffTime [min]\tVoltage [mV]\n0\t3700\n1\t3650\n", "utf-16-le")
    table, meta = read_measurement(path)
    np.testing.assert_allclose(table["Voltage [V]"], [3.7, 3.65])
    assert meta["encoding"] == "utf-16" and meta["delimiter"] == "\t"


@pytest.mark.parametrize(("unit", "normalised"), [
    ("mAh", "ma.h"), ("mA.h", "ma.h"), ("Ah", "a.h"), ("mA/cm²", "ma.cm-2"), ("mA cm^-2", "ma.cm-2"),
    ("µA.cm-2", "ua.cm-2"), ("°C", "degc"), ("A.m-2", "a.m-2"),
])
def test_unit_spellings(unit, normalised):
    from anodefree_sim.validation._columns import normalise_unit

    assert normalise_unit(unit) == normalised


def test_wrong_explicit_encoding(tmp_path):
    path = _write(tmp_path / "latin.csv", "Time [s],Voltage [V]\n0,3.2\n# 25 °C\n", "cp1252")
    _raises_at(path, 3, encoding="utf-8")


# ---------------------------------------------------------------- dispatch
def test_unknown_format_is_refused(tmp_path):
    path = _write(tmp_path / "data.xyz", "Time [s],Voltage [V]\n0,3.2\n")
    assert "unknown measurement format" in _raises_at(path, None)


def test_txt_dispatch_by_content(tmp_path):
    generic = _write(tmp_path / "generic.txt", "Time [s],Voltage [V]\n0,3.2\n1,3.1\n")
    assert read_measurement(generic)[1]["format"] == "CSV"
    eclab = tmp_path / "renamed.dat"
    eclab.write_bytes((DATA / "gcpl_anodefree_fr.mpt").read_bytes())
    assert read_measurement(eclab)[1]["format"] == "BioLogic EC-Lab text (.mpt)"


def test_binary_file_is_not_read_as_text(tmp_path):
    path = tmp_path / "oops.csv"
    path.write_bytes(b"BIO-LOGIC MODULAR FILE\x1a" + bytes(40))
    assert "binary" in _raises_at(path, None)


# ---------------------------------------------------------------- BioLogic .mpr (galvani)
MPR_DTYPE = np.dtype([("flags", "u1"), ("time/s", "<f8"), ("Ewe/V", "<f4"), ("I/mA", "<f4"),
                      ("(Q-Qo)/mA.h", "<f8"), ("cycle number", "<f8"), ("Ns", "<u2")])
MPR_COLUMN_IDS = [1, 4, 6, 8, 13, 24, 131]  # galvani's colIDs for the fields above (1 = mode flag)


def _records() -> np.ndarray:
    rec = np.zeros(4, dtype=MPR_DTYPE)
    rec["flags"] = 1
    rec["time/s"] = [0.0, 10.0, 20.0, 30.0]
    rec["Ewe/V"] = [3.0, 3.5, 3.9, 4.1]
    rec["I/mA"] = [0.5, 0.5, 0.5, 0.5]  # charge in BioLogic's sign
    rec["(Q-Qo)/mA.h"] = np.array([0, 10, 20, 30]) * 0.5 / 3600
    rec["cycle number"] = [0.0, 0.0, 0.0, 1.0]
    rec["Ns"] = [0, 0, 1, 1]
    return rec


def test_biologic_records_mapping_without_galvani():
    table, meta = from_biologic_records(_records(), "cell.mpr", area=AREA)
    np.testing.assert_allclose(table["Current [A]"], -0.5e-3)
    np.testing.assert_allclose(table["Current density [A.m-2]"], -0.5e-3 / AREA)
    np.testing.assert_allclose(table["Voltage [V]"], [3.0, 3.5, 3.9, 4.1], rtol=1e-6)
    assert table["Cycle index"].tolist() == [0, 0, 0, 1] and table["Step index"].tolist() == [0, 0, 1, 1]
    assert table["Discharge capacity [A.h]"][-1] == pytest.approx(-0.5e-3 * 30 / 3600)
    rec = _records()
    rec["time/s"][2] = 5.0
    with pytest.raises(ValueError, match=r"cell\.mpr, record 3: time decreases"):
        from_biologic_records(rec, "cell.mpr")


def _mpr_bytes(records: np.ndarray, column_ids: list[int]) -> bytes:
    """A minimal .mpr in the layout galvani reads (settings module + version-2 data module)."""
    def module(short: bytes, long: bytes, data: bytes, version: int) -> bytes:
        header = np.zeros(1, dtype=[("shortname", "S10"), ("longname", "S25"), ("length", "<u4"),
                                    ("version", "<u4"), ("date", "S8")])
        header[0] = (short.ljust(10), long.ljust(25), len(data), version, b"01/15/25")
        return b"MODULE" + header.tobytes() + data

    data = struct.pack("<IB", len(records), len(column_ids)) + struct.pack(f"<{len(column_ids)}H", *column_ids)
    data = data.ljust(405, b"\x00") + records.tobytes()
    magic = b"BIO-LOGIC MODULAR FILE\x1a".ljust(48) + b"\x00\x00\x00\x00"
    return magic + module(b"VMP Set", b"VMP settings", bytes(64), 0) + module(b"VMP data", b"VMP data", data, 2)


def test_read_mpr_through_galvani(tmp_path):
    pytest.importorskip("galvani")
    path = tmp_path / "cell.mpr"
    path.write_bytes(_mpr_bytes(_records(), MPR_COLUMN_IDS))
    table, meta = read_measurement(path)
    assert meta["format"] == "BioLogic .mpr (galvani)" and meta["start date"] == "2025-01-15"
    np.testing.assert_allclose(table["Time [s]"], [0, 10, 20, 30])
    np.testing.assert_allclose(table["Current [A]"], -0.5e-3)
    assert meta[n.P_AREA] is None and any("pass area" in note or "area=" in note for note in meta["notes"])

    broken = tmp_path / "broken.mpr"
    broken.write_bytes(path.read_bytes()[:300])
    _raises_at(broken, None)


def test_missing_galvani_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "galvani", None)
    monkeypatch.setitem(sys.modules, "galvani.BioLogic", None)
    path = tmp_path / "cell.mpr"
    path.write_bytes(_mpr_bytes(_records(), MPR_COLUMN_IDS))
    with pytest.raises(ImportError, match=r"galvani.*anodefree_sim\[readers\]"):
        read_biologic_mpr(path)


# ---------------------------------------------------------------- Neware (.nda, NewareNDA)
def test_neware_frame_rebuilds_test_time():
    frame = {  # NewareNDA's columns; "Time" restarts every step
        "Index": np.arange(1, 7), "Cycle": np.array([1, 1, 1, 1, 2, 2]), "Step": np.array([1, 1, 2, 2, 3, 3]),
        "Status": np.array(["CC_Chg"] * 2 + ["Rest"] * 2 + ["CC_DChg"] * 2, dtype=object),
        "Time": np.array([0.0, 100.0, 0.0, 50.0, 0.0, 10.0]), "Voltage": np.array([3.5, 4.0, 3.95, 3.9, 3.8, 3.6]),
        "Current(mA)": np.array([1.0, 1.0, 0.0, 0.0, -2.0, -2.0]), "T1": np.array([25.0] * 6),
    }
    table, meta = from_neware_frame(frame, "cell.nda")
    np.testing.assert_allclose(table["Time [s]"], [0, 100, 100, 150, 150, 160])
    np.testing.assert_allclose(table["Current [A]"], [-1e-3, -1e-3, 0, 0, 2e-3, 2e-3])
    np.testing.assert_allclose(table["Surface temperature [K]"], 298.15)
    assert table["Step index"].tolist() == [1, 1, 2, 2, 3, 3] and table["Cycle index"][-1] == 2
    assert any("restarts every step" in note for note in meta["notes"])


def _nda_v29(records: list[tuple]) -> bytes:
    """A minimal Neware .nda version 29 (the layout NewareNDA reads): header + 86-byte records."""
    head = bytearray(b"NEWARE".ljust(1024, b"\x00"))
    head[14] = 29
    body = b""
    for index, cycle, step, status, time_ms, volt_01mv, current in records:
        rec = bytearray(86)
        rec[0:2] = b"\x55\x00"
        struct.pack_into("<IIHB", rec, 2, index, cycle, step, status)
        struct.pack_into("<Qii", rec, 14, time_ms, volt_01mv, current)
        struct.pack_into("<HBBBBB", rec, 70, 2025, 1, 15, 10, 0, 0)
        struct.pack_into("<i", rec, 78, 10)  # current range 10 mA: 1e-3 mA per count
        body += bytes(rec)
    return bytes(head) + body


@pytest.mark.filterwarnings("ignore:The inplace keyword:DeprecationWarning")  # NewareNDA on pandas 3.1
def test_read_nda_through_neware_nda(tmp_path):
    pytest.importorskip("NewareNDA")
    path = tmp_path / "cell.nda"
    path.write_bytes(_nda_v29([
        (1, 0, 1, 1, 0, 35000, 785),  # CC charge, 0.785 mA
        (2, 0, 1, 1, 60_000, 40000, 785),
        (3, 0, 2, 4, 0, 39500, 0),  # rest: step time restarts
        (4, 0, 2, 4, 30_000, 39400, 0),
        (5, 0, 3, 2, 0, 39000, -785),  # CC discharge
        (6, 0, 3, 2, 60_000, 36000, -785),
    ]))
    table, meta = read_measurement(path, area=AREA)
    assert meta["format"] == "Neware .nda (NewareNDA)"
    np.testing.assert_allclose(table["Time [s]"], [0, 60, 60, 90, 90, 150])
    np.testing.assert_allclose(table["Voltage [V]"], [3.5, 4.0, 3.95, 3.94, 3.9, 3.6], rtol=1e-6)
    np.testing.assert_allclose(table["Current [A]"], np.array([-1, -1, 0, 0, 1, 1]) * 0.785e-3, rtol=1e-6)
    np.testing.assert_allclose(table["Current density [A.m-2]"][0], -10, rtol=1e-6)
    assert table["Step index"].tolist() == [1, 1, 2, 2, 3, 3]

    _raises_at(_write(tmp_path / "fake.nda", "not a neware file"), None)


def test_missing_neware_nda_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "NewareNDA", None)
    with pytest.raises(ImportError, match=r"NewareNDA.*anodefree_sim\[readers\]"):
        read_neware(tmp_path / "cell.ndax")


def test_public_names():
    assert set(io.__all__) >= {"read_csv", "read_biologic_text", "read_biologic_mpr", "read_neware",
                               "read_measurement"}


# ---------------------------------------------------------------- pandas speed, BioLogic control current
BDF_DATA = Path(__file__).parent / "data" / "bdf"


def test_text_readers_parse_300k_rows_quickly(tmp_path):
    import time

    rows = 300_000
    t = np.arange(rows, dtype=float)
    path = tmp_path / "big.csv"
    with open(path, "w") as fh:
        fh.write("Time [s],Voltage [V],Current [A],Temperature [degC]\n")
        np.savetxt(fh, np.c_[t, 3.7 - 1e-6 * t, np.full(rows, 0.1), np.full(rows, 25.0)], delimiter=",",
                   fmt="%.9g")
    start = time.perf_counter()
    table, _ = read_measurement(path)
    elapsed = time.perf_counter() - start
    assert table["Time [s]"].size == rows and table["Voltage [V]"][-1] == pytest.approx(3.7 - 0.299999)
    assert elapsed < 1.5, elapsed  # Python tokenising took ~3 s; pandas ~0.3 s (slack for a busy machine)


def test_text_columns_beside_numbers_and_bad_cells_still_named(tmp_path):
    ok = _write(tmp_path / "dated.csv",
                "Time [s],Date,Voltage [V]\n0,2024-04-30 14:33,3.2\n1,2024-04-30 14:34,3.1\n")
    table, meta = read_measurement(ok)
    np.testing.assert_allclose(table["Voltage [V]"], [3.2, 3.1])
    assert "Date" in meta["unmapped columns"]
    long = "Time [s],Voltage [V]\n" + "".join(f"{k},3.2\n" for k in range(1000)) + "1000,3.2x\n"
    assert "'3.2x'" in _raises_at(_write(tmp_path / "bad_late.csv", long), 1002)


def test_mpr_current_from_control_column():
    table, meta = read_measurement(BDF_DATA / "GCPL-0.mpr")  # a real EC-Lab file: rest records only
    np.testing.assert_array_equal(table["Current [A]"], 0.0)
    assert any("control/V/mA" in note for note in meta["notes"])
    rec = np.zeros(3, dtype=[("flags", "u1"), ("time/s", "<f8"), ("control/V/mA", "<f4"), ("Ewe/V", "<f4")])
    rec["time/s"] = [0, 1, 2]
    rec["Ewe/V"] = 3.5
    rec["control/V/mA"] = [0.0, 0.5, 0.5]
    rec["flags"] = [3, 1, 1]  # rest, then galvanostatic at +0.5 mA (charge in BioLogic's sign)
    table, _ = from_biologic_records(rec, "cc.mpr")
    np.testing.assert_allclose(table["Current [A]"], [0.0, -0.5e-3, -0.5e-3])
    rec["flags"] = [3, 2, 2]  # potentiostatic: the control column holds volts
    table, meta = from_biologic_records(rec, "cv.mpr")
    assert "Current [A]" not in table and any("potentiostatic" in note for note in meta["notes"])
