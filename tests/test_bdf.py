"""Battery Data Format read/write, `anodefree-sim convert`, and real cycler files of the BDF examples."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from anodefree_sim import names as n
from anodefree_sim.validation.readers import (
    EXPORT_FORMATS,
    MeasurementFileError,
    read_bdf,
    read_export,
    read_measurement,
    write_bdf,
)
from anodefree_sim.validation.readers.bdf import write_result_bdf

BDF = Path(__file__).parent / "data" / "bdf"
LANDT = BDF / "SINTEF__LiGrR2032__Landt_rows2801-4800.csv"
LANDT_BDF = BDF / "SINTEF__LiGrR2032__Landt_rows2801-4800.bdf.csv"
CLI = [sys.executable, "-c", "from anodefree_sim.cli import main; raise SystemExit(main())"]


def _cli(*args):
    return subprocess.run(CLI + [str(a) for a in args], capture_output=True, text=True, timeout=300)


def test_raw_landt_export_matches_its_bdf_reference():
    raw, meta = read_measurement(LANDT)
    ref, ref_meta = read_measurement(LANDT_BDF)
    assert meta["format"] == "Landt CSV export" and ref_meta["format"] == "BDF"
    assert raw[n.TIME_S].size == ref[n.TIME_S].size == 2000
    for name in (n.TIME_S, n.VOLTAGE, n.CURRENT, n.STEP_INDEX):
        np.testing.assert_array_equal(raw[name], ref[name], err_msg=name)
    # the "discharge CC" step lithiates graphite: negative in Landt and BDF, positive in PyBaMM's sign
    assert raw[n.CURRENT][raw[n.STEP_INDEX] == 2].min() > 0
    assert n.P_STACK_PRESSURE in raw and "Pressure_Psi" in meta["columns"]
    assert meta["preamble"][0].startswith("cell model")


def test_lnmo_bdf_and_human_labels():
    table, meta = read_measurement(BDF / "DLR__LiLNMOHydra0b__Basytec_head1000.bdf.csv")
    assert table[n.TIME_S].size == 1000 and 3.0 < table[n.VOLTAGE].mean() < 5.0
    assert table[n.P_TEMPERATURE] == pytest.approx(273.15 + 26.05, abs=1.0)  # ambient °C -> K
    sample, _ = read_measurement(BDF / "sample.bdf.csv")  # "Test Time / s", "Voltage / V", "Current / A"
    np.testing.assert_allclose(sample[n.CURRENT], -0.1)  # BDF's +0.1 A (charge) in PyBaMM's sign


@pytest.mark.parametrize(("name", "fmt", "rows"), [
    ("GCPL-0.mpr", "BioLogic .mpr (galvani)", 4),
    ("filetype14-0.ndax", "Neware .ndax (NewareNDA)", 67),
])
def test_binary_cycler_files_read(name, fmt, rows):
    table, meta = read_measurement(BDF / name)
    assert meta["format"] == fmt and table[n.TIME_S].size == rows and n.CURRENT in table


def test_arbin_res_reads_with_mdbtools_or_says_what_to_install(monkeypatch):
    path = BDF / "mits7-0.res.gz"
    if shutil.which("mdb-export") is not None:
        table, meta = read_measurement(path)
        assert meta["format"] == "Arbin .res (mdbtools)" and table[n.TIME_S].size == 8
        assert table[n.VOLTAGE][0] == pytest.approx(0.13026524)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(MeasurementFileError, match="mdbtools"):
        read_measurement(path)


@pytest.mark.parametrize("suffix", [".bdf.csv", ".bdf.parquet"])
def test_write_and_read_back_with_temperature_and_pressure(tmp_path, suffix):
    table = {n.TIME_S: np.array([0.0, 10.0, 20.0]), n.VOLTAGE: np.array([3.0, 2.9, 2.8]),
             n.CURRENT: np.array([1e-3, 1e-3, -2e-3]), n.STEP_INDEX: np.array([1, 1, 2])}
    path = write_bdf(table, tmp_path / f"cell{suffix}", temperature=333.15, pressure=5e6)
    frame = pd.read_parquet(path) if suffix.endswith("parquet") else pd.read_csv(path)
    assert list(frame.columns[:3]) == ["test_time_second", "voltage_volt", "current_ampere"]
    np.testing.assert_allclose(frame["current_ampere"], [-1e-3, -1e-3, 2e-3])  # BDF: positive = charge
    np.testing.assert_allclose(frame["ambient_temperature_celsius"], 60.0)
    np.testing.assert_allclose(frame["applied_pressure_pa"], 5e6)
    back, _ = read_bdf(path)
    for name in (n.TIME_S, n.VOLTAGE, n.CURRENT, n.STEP_INDEX):
        np.testing.assert_allclose(back[name], table[name])
    np.testing.assert_allclose(back[n.P_STACK_PRESSURE], 5e6)
    with pytest.raises(ValueError, match="bdf.csv"):
        write_bdf(table, tmp_path / "cell.csv")


def test_simulation_result_as_bdf(tmp_path):
    from anodefree_sim.simulation import run_case

    result = run_case("choi2025-cell-b")
    path = write_result_bdf(result, tmp_path / "b.bdf.csv")
    back, _ = read_measurement(path)
    area = result.parameter_values[n.P_AREA]
    np.testing.assert_allclose(back[n.CURRENT], result.table[n.CURRENT_DENSITY_MA] * 10 * area)
    np.testing.assert_allclose(back[n.P_TEMPERATURE], result.parameter_values[n.P_TEMPERATURE])


def test_convert_cli_both_ways(tmp_path):
    own = tmp_path / "b.csv"
    assert _cli("run", "choi2025-cell-b", "--out", own).returncode == 0
    out = tmp_path / "b.bdf.csv"
    bad = _cli("convert", own, "--to", out)  # a current density needs the area
    assert bad.returncode == 2 and "--area" in bad.stderr and not out.exists()
    assert len(bad.stderr.strip().splitlines()) == 1
    r = _cli("convert", own, "--to", out, "--area", 1.327e-4, "--temperature", 298.15, "--pressure", 5e6)
    assert r.returncode == 0, r.stderr
    frame = pd.read_csv(out)
    assert {"ambient_temperature_celsius", "applied_pressure_pa"} <= set(frame.columns)
    again = _cli("convert", own, "--to", out, "--area", 1.327e-4)
    assert again.returncode == 2 and "--force" in again.stderr
    back = tmp_path / "back.csv"
    assert _cli("convert", out, "--to", back, "--area", 1.327e-4).returncode == 0
    a, _ = read_measurement(own)
    b, meta = read_measurement(back)
    assert meta["format"] == "anodefree_sim CSV"
    for name in (n.TIME_S, n.VOLTAGE, n.CURRENT_DENSITY):
        np.testing.assert_allclose(b[name], a[name], rtol=1e-8, atol=1e-12)
    wrong = _cli("convert", own, "--to", tmp_path / "x.json")
    assert wrong.returncode == 2 and ".bdf.parquet" in wrong.stderr


EXPORTS = {
    "arbin": "Data_Point,Test_Time(s),Step_Index,Cycle_Index,Current(A),Voltage(V)\n1,0,1,1,0.002,3.5\n"
             "2,60,2,1,-0.002,3.4\n",
    "basytec": "~Resultfile from BaSyTec\n~Time[h]\tCommand\tU[V]\tI[A]\tLine\n0\tRest\t3.5\t0.002\t1\n"
               "0.5\tDischarge\t3.4\t-0.002\t2\n",
    "digatron": "Step,Status,Program Duration,Voltage,Current\n,,s,V,A\n1,CHA,0,3.5,0.002\n2,DCH,60,3.4,-0.002\n",
    "maccor": "Rec#\tCyc#\tStep\tTest (Sec)\tStep (Sec)\tAmp-hr\tWatt-hr\tAmps\tVolts\tState\n"
              "1\t0\t1\t0\t0\t0\t0\t0.002\t3.5\tC\n2\t0\t2\t60\t0\t0\t0\t0.002\t3.4\tD\n",
    "novonix": "Date and Time,Cycle Number,Step Number,Run Time (h),Potential (V),Current (A)\n"
               "2024-01-01 10:00,1,1,0,3.5,0.002\n2024-01-01 10:01,1,2,0.0166666667,3.4,-0.002\n",
}


@pytest.mark.parametrize("fmt", list(EXPORTS))
def test_cycler_text_exports_through_column_maps(tmp_path, fmt):
    text = EXPORTS[fmt]
    if fmt == "digatron":  # Digatron writes the unit after '#' in the header
        text = text.replace("Program Duration,Voltage,Current", "Program Duration#s,Voltage#V,Current#A")
    path = tmp_path / f"{fmt}.{'txt' if fmt in ('basytec', 'maccor') else 'csv'}"
    path.write_text(text, encoding="utf-8")
    table, meta = read_measurement(path)
    assert meta["format"] == EXPORT_FORMATS[fmt].name
    np.testing.assert_allclose(table[n.TIME_S], [0.0, 60.0 if fmt != "basytec" else 1800.0], rtol=1e-6)
    np.testing.assert_allclose(table[n.CURRENT], [-0.002, 0.002])  # charge-positive exports, flipped
    np.testing.assert_allclose(table[n.VOLTAGE], [3.5, 3.4])
    with pytest.raises(ValueError, match="fmt must be one of"):
        read_export(path, fmt="bitrode")
