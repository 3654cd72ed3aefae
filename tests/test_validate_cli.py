"""``anodefree-sim validate`` never misleads: missing protocol, failed comparisons, bounds, strict JSON."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from anodefree_sim import names as n
from anodefree_sim.validation.fit import FitParameter, fit_voltage
from anodefree_sim.validation.io import read_measurement
from anodefree_sim.validation.report import FAILED, strict_json, validate

DATA = Path(__file__).parent / "data" / "readers"
CLI = [sys.executable, "-c", "from anodefree_sim.cli import main; raise SystemExit(main())"]
OCP = n.P_EXSOLUTION_OCP


def _cli(*args, timeout=300):
    return subprocess.run(CLI + [str(a) for a in args], capture_output=True, text=True, timeout=timeout)


def _strict_load(path: Path):
    def refuse(token):
        raise AssertionError(f"non-standard JSON constant {token}")

    return json.loads(path.read_text(), parse_constant=refuse)


@pytest.fixture(scope="module")
def cell_b_csv(tmp_path_factory) -> Path:
    """Cell B discharge simulated with the exsolution potential at 1.85 V (our own CSV)."""
    out = tmp_path_factory.mktemp("cellb") / "b.csv"
    r = _cli("run", "choi2025-cell-b", "--set", f"{OCP}=1.85", "--out", out)
    assert r.returncode == 0, r.stderr
    return out


def _write(path: Path, header: list[str], columns: list[np.ndarray]) -> Path:
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(zip(*columns, strict=True))
    return path


def test_file_without_current_needs_a_protocol(cell_b_csv, tmp_path):
    table, _ = read_measurement(cell_b_csv)
    no_current = _write(tmp_path / "v.csv", ["Time [s]", "Voltage [V]"], [table[n.TIME_S], table[n.VOLTAGE]])
    report = tmp_path / "rep"
    r = _cli("validate", no_current, "--case", "choi2025-cell-b", "--report", report)
    assert r.returncode == 2 and "--protocol" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and not report.exists()
    r = _cli("validate", no_current, "--case", "choi2025-cell-b", "--protocol", "case", "--report", report)
    assert r.returncode == 2 and "--align" in r.stderr and not report.exists()
    # with the case's protocol and an explicit alignment it runs, and says so
    r = _cli("validate", no_current, "--case", "choi2025-cell-b", "--protocol", "case", "--align", "time",
             "--report", report)
    assert r.returncode == 0, r.stderr
    summary = _strict_load(report / "summary.json")
    assert summary["Protocol"].startswith("the case's protocol") and summary["Alignment"] == "time"
    assert summary["Before fit"][n.VOLTAGE_RMSE] > 0.01  # 1.80 V model against 1.85 V data


def test_simulation_leaving_the_measured_window_is_a_failed_comparison_and_ends_quickly(tmp_path):
    report = tmp_path / "rep"
    t0 = time.perf_counter()
    r = _cli("validate", DATA / "gcpl_anodefree_fr.mpt", "--case", "choi2025-cell-b", "--report", report)
    assert time.perf_counter() - t0 < 120  # was 8 minutes and an RMSE of 4e6 mV
    assert r.returncode == 1 and "failed comparison" in r.stderr.lower() and "RMSE" not in r.stdout


def test_window_left_during_the_run_is_reported_not_an_rmse(cell_b_csv, tmp_path):
    measured, _ = read_measurement(cell_b_csv)
    t, V = measured[n.TIME_S], measured[n.VOLTAGE].copy()
    k = int(np.searchsorted(-V, -1.9))  # the plateau: the data stays there, the model goes on to 0 V
    V[k:] = V[k]
    measured[n.VOLTAGE] = V
    summary = validate(measured, "choi2025-cell-b", margin=0.1, report_dir=tmp_path / "rep")
    assert FAILED in summary and n.VOLTAGE_RMSE not in summary["Before fit"]
    low = summary["Before fit"][n.SIMULATED_VOLTAGE_RANGE][0]
    assert V.min() - 0.2 < low <= V.min() - 0.1 + 1e-3  # stopped by the window event, not at 0 V
    assert t[-1] > 0 and _strict_load(tmp_path / "rep" / "summary.json")[FAILED]


def test_map_current_sign_and_bounds_on_the_cli(cell_b_csv, tmp_path):
    table, _ = read_measurement(cell_b_csv)
    area = 1.327e-4  # the case's electrode area [m2]
    own = _write(tmp_path / "cycler.csv", ["time/s", "E/V", "I/mA"],
                 [table[n.TIME_S], table[n.VOLTAGE], -table[n.CURRENT_DENSITY] * area * 1e3])
    report = tmp_path / "rep"
    base = ["validate", own, "--case", "choi2025-cell-b", "--report", report, "--area", area]
    r = _cli(*base)
    assert r.returncode == 2 and "voltage" in r.stderr and not report.exists()  # 'E/V' is not recognised
    r = _cli(*base, "--map", "Voltage [V]=E/V")
    assert r.returncode == 2 and "current_sign" in r.stderr and not report.exists()
    r = _cli(*base, "--map", "Voltage [V]=E/V", "--current-sign", "-1", "--fit", OCP, "--bounds", f"{OCP}=1.6:1.8")
    assert r.returncode == 0, r.stderr
    assert "at a bound" in r.stdout
    fit = _strict_load(report / "summary.json")["Fit"]
    assert fit["Fitted parameters"][OCP] == pytest.approx(1.8, abs=1e-3)
    assert fit["Parameters at a bound"] == [OCP] and fit["Converged"] is False
    assert fit["95% confidence intervals"][OCP] is None and fit["Standard errors"][OCP] is None
    bad = _cli(*base, "--map", "Voltage [V]=E/V", "--current-sign", "-1", "--fit", OCP, "--bounds", f"{OCP}=1.8")
    assert bad.returncode == 2 and "LO:HI" in bad.stderr


def test_summary_is_strict_json():
    out = strict_json({"a": float("nan"), "b": [np.float64(np.inf), np.int64(3)], "c": {"d": np.array([1.0])}})
    assert json.dumps(out, allow_nan=False) == '{"a": null, "b": [null, 3], "c": {"d": [1.0]}}'


def test_multi_start_escapes_a_local_minimum():
    t = np.linspace(0, 10, 200)
    measured = {n.TIME_S: t, n.VOLTAGE: np.sin(3.0 * t)}

    def simulate(inputs):
        return t, np.sin(inputs["Frequency [s-1]"] * t)

    params = [FitParameter("Frequency [s-1]", 0.5, 0.1, 5.0)]
    one = fit_voltage(simulate, measured, params)
    many = fit_voltage(simulate, measured, params, starts=8)
    assert one.values["Frequency [s-1]"] != pytest.approx(3.0, abs=0.01)  # stuck near its start
    assert many.values["Frequency [s-1]"] == pytest.approx(3.0, abs=1e-4)
    assert len(many.starts) == 8 and many.rmse < 1e-6
