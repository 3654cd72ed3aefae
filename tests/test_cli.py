"""The anodefree-sim command line: list, run, --set, --out, --plot, --help and error paths."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys

import pytest

from anodefree_sim.cases import CASES
from anodefree_sim.cli import main

EXE = shutil.which("anodefree-sim")
REQUIRED = ["Time [h]", "Voltage [V]", "Current density [mA.cm-2]", "Capacity [mA.h.cm-2]",
            "Negative exsolved silver fraction", "Negative alloy lithium-to-silver ratio",
            "Negative alloy gamma2 phase fraction", "Negative plated lithium thickness [um]"]


def _cli(*args):
    cmd = [EXE, *args] if EXE else [sys.executable, "-m", "anodefree_sim.cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def test_list_prints_case_names_first():
    r = _cli("list")
    assert r.returncode == 0
    lines = r.stdout.strip().splitlines()
    assert [ln.split()[0] for ln in lines] == list(CASES)
    for name in ("choi2025-cell-b", "choi2025-cell-a", "huang2024-symmetric-li4ag",
                 "huang2024-symmetric-li9ag4", "huang2024-symmetric-li"):
        assert name in CASES


def test_list_and_get_case_do_not_import_pybamm():
    """Listing the cases is cheap: the overrides that need the parameter-set modules (which import PyBaMM,
    ~2 s) are computed on a case's first run, not when the cases are defined."""
    code = ("import sys\nfrom anodefree_sim.cli import main\nfrom anodefree_sim.cases import get_case\n"
            "assert main(['list']) == 0\nget_case('huang2024-full-li')\n"
            "print('pybamm' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "False"
    # the deferred overrides are there on first use
    assert len(CASES["huang2024-full-li"].overrides) > 0


def test_run_writes_csv_and_plot(tmp_path):
    out, fig = tmp_path / "b.csv", tmp_path / "b.png"
    r = _cli("run", "choi2025-cell-b", "--out", str(out), "--plot", str(fig))
    assert r.returncode == 0, r.stderr
    with out.open() as fh:
        rows = list(csv.DictReader(fh))
    for col in REQUIRED:
        assert col in rows[0]
    assert float(rows[-1]["Capacity [mA.h.cm-2]"]) == pytest.approx(0.51, abs=0.05)
    assert float(rows[0]["Capacity [mA.h.cm-2]"]) == 0.0
    assert fig.stat().st_size > 10_000
    assert not list(tmp_path.glob(".*.tmp"))


def test_set_overrides_a_parameter(tmp_path, capsys):
    out = tmp_path / "x02.csv"
    assert main(["run", "choi2025-cell-b", "--set", "Doped layer silver content=0.2",
                 "--out", str(out)]) == 0
    with out.open() as fh:
        last = list(csv.DictReader(fh))[-1]
    # less Ag -> less alloy capacity than the 0.51 mAh/cm2 of x = 0.6
    assert float(last["Capacity [mA.h.cm-2]"]) < 0.3


def test_symmetric_case_capacity_positive_for_first_step(tmp_path):
    out = tmp_path / "s.csv"
    assert main(["run", "huang2024-symmetric-li", "--out", str(out)]) == 0
    with out.open() as fh:
        rows = list(csv.DictReader(fh))
    q = [float(r["Capacity [mA.h.cm-2]"]) for r in rows]
    assert max(q) == pytest.approx(0.2, rel=1e-3)


@pytest.mark.parametrize("args", [["--help"], ["run", "--help"], ["list", "--help"]])
def test_help_everywhere(args):
    r = _cli(*args)
    assert r.returncode == 0
    assert "usage:" in r.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["run", "no-such-case"], "unknown case 'no-such-case'"),
        (["run", "choi2025-cell-b", "--set", "Doped layer silver content=7"], "outside its valid range"),
        (["run", "choi2025-cell-b", "--set", "Doped layer silver content=-1"], "outside its valid range"),
        (["run", "choi2025-cell-b", "--set", "Doped layer thickness [m]=-1e-6"], "outside its valid range"),
        (["run", "choi2025-cell-b", "--set", "Ambient temperature [K]=0"], "Ambient temperature"),
        (["run", "choi2025-cell-b", "--set", "Ambient temperature [K]=-5"], "Ambient temperature"),
        (["run", "choi2025-cell-b", "--set", "Doped layr thickness [m]=1e-5"], "unknown parameter"),
        (["run", "choi2025-cell-b", "--set", "Doped layer thickness [m]"], "--set expects"),
        (["run", "choi2025-cell-b", "--set", "Doped layer thickness [m]=thin"], "is not a number"),
    ],
)
def test_bad_input_exits_nonzero_with_one_line(args, message):
    r = _cli(*args)
    assert r.returncode != 0
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in r.stderr
    assert message in err[0]


def test_failed_run_keeps_existing_output(tmp_path):
    out = tmp_path / "keep.csv"
    out.write_text("precious\n")
    r = _cli("run", "choi2025-cell-b", "--set", "Doped layer silver content=9", "--out", str(out))
    assert r.returncode != 0
    assert out.read_text() == "precious\n"


def test_silver_content_outside_papers_warns_but_runs():
    r = _cli("run", "choi2025-cell-b", "--set", "Doped layer silver content=1.0")
    assert r.returncode == 0
    assert "0.0-0.75" in r.stderr
