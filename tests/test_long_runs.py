"""Long runs: what ``anodefree-sim run --out`` writes for a multi-cycle case, and CLI start-up imports."""

from __future__ import annotations

import csv
import dataclasses
import subprocess
import sys

import numpy as np
import pytest

from anodefree_sim import names as n
from anodefree_sim.cases import CASES, get_case
from anodefree_sim.cli import main
from anodefree_sim.simulation import SELECTED_CYCLES, parquet_available, selected_cycles

#: a short version of the 1000-cycle bilayer case: enough cycles that the default output leaves most out
N_CYCLES = 30
SHORT = "test-bilayer-cycling-30"


@pytest.fixture
def short_case(monkeypatch):
    """``choi2025-bilayer-cycling`` cut to :data:`N_CYCLES` cycles, registered as a case for the CLI."""
    case = get_case("choi2025-bilayer-cycling")
    short = dataclasses.replace(case, name=SHORT, steps=case.steps[:N_CYCLES])
    monkeypatch.setitem(CASES, SHORT, short)
    return short


def _read_csv(path) -> dict:
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    return {name: np.array([float(r[i]) for r in rows[1:]]) for i, name in enumerate(rows[0])}


def test_selected_cycles_first_last_and_log_spaced():
    picks = selected_cycles(1000)
    assert picks[0] == 1 and picks[-1] == 1000
    assert len(picks) <= SELECTED_CYCLES + 2
    assert picks == sorted(set(picks))
    assert 5 in picks and 100 in picks  # log-spaced: early cycles densely
    assert selected_cycles(7) == list(range(1, 8))
    assert selected_cycles(1) == [1]
    assert selected_cycles(0) == []
    with pytest.raises(ValueError, match="count"):
        selected_cycles(10, count=1)


@pytest.fixture
def written(short_case, tmp_path):
    """The CLI run of the short case twice: default --out and --all-cycles, each with --cycles-out."""
    paths = {}
    for mode, extra in (("default", []), ("all", ["--all-cycles"])):
        out, cycles = tmp_path / f"{mode}.csv", tmp_path / f"{mode}_cycles.csv"
        assert main(["run", SHORT, "--out", str(out), "--cycles-out", str(cycles), *extra]) == 0
        paths[mode] = (out, cycles)
    return paths


def test_default_output_has_first_last_and_few_cycles(written):
    default, every = _read_csv(written["default"][0]), _read_csv(written["all"][0])
    cycles = np.unique(default[n.CYCLE_NUMBER]).astype(int).tolist()
    assert cycles == selected_cycles(N_CYCLES)
    assert cycles[0] == 1 and cycles[-1] == N_CYCLES and len(cycles) < N_CYCLES
    assert np.unique(every[n.CYCLE_NUMBER]).astype(int).tolist() == list(range(1, N_CYCLES + 1))
    assert len(default[n.TIME_H]) < 0.6 * len(every[n.TIME_H])
    assert np.all(np.diff(every[n.TIME_H]) >= 0)  # cycles in order (step ends 1 ulp apart may tie in hours)


def test_default_rows_are_the_all_cycles_rows_of_those_cycles(written):
    default, every = _read_csv(written["default"][0]), _read_csv(written["all"][0])
    assert list(default) == list(every)
    keep = np.isin(every[n.CYCLE_NUMBER], np.unique(default[n.CYCLE_NUMBER]))
    for name, values in default.items():
        np.testing.assert_allclose(values, every[name][keep], rtol=1e-9, atol=1e-12, err_msg=name)


def test_per_cycle_table_identical_either_way(written):
    assert written["default"][1].read_bytes() == written["all"][1].read_bytes()
    table = _read_csv(written["default"][1])
    assert table[n.CYCLE_NUMBER].astype(int).tolist() == list(range(1, N_CYCLES + 1))


@pytest.mark.skipif(not parquet_available(), reason="needs pyarrow")
def test_all_cycles_parquet_matches_csv(short_case, tmp_path, written):
    import pyarrow.parquet as pq

    path = tmp_path / "all.parquet"
    assert main(["run", SHORT, "--out", str(path), "--all-cycles"]) == 0
    table = pq.read_table(path).to_pydict()
    every = _read_csv(written["all"][0])
    assert list(table) == list(every)
    for name, values in every.items():
        np.testing.assert_allclose(np.asarray(table[name], dtype=float), values, rtol=1e-12, err_msg=name)


def test_all_cycles_needs_out(capsys):
    assert main(["run", "choi2025-bilayer-cycling", "--all-cycles"]) == 2
    assert "--all-cycles" in capsys.readouterr().err


def test_single_cycle_case_output_unchanged(solved, tmp_path):
    """A single-cycle case writes its table as before (no cycle column)."""
    result = solved("choi2025-cell-b")
    assert not result.multi_cycle
    assert result.time_series() is result.table
    assert n.CYCLE_NUMBER not in result.table


@pytest.mark.parametrize("argv", [["--help"], ["run", "--help"], ["sweep", "--help"]])
def test_help_does_not_import_pybamm(argv):
    code = (f"import sys\nfrom anodefree_sim.cli import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n"
            "    pass\nprint('PYBAMM', 'pybamm' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "usage: anodefree-sim" in out
    assert out.strip().splitlines()[-1] == "PYBAMM False"


def test_keep_cycles_same_per_cycle_table_and_time_series(short_case):
    """Keeping only the selected cycles (bounded memory) gives the same per-cycle table and written rows."""
    from anodefree_sim.simulation import run_case

    full = run_case(short_case)
    kept = run_case(short_case, keep_cycles="selected")
    assert [c is not None for c in kept.solution.cycles].count(True) == len(selected_cycles(N_CYCLES))
    assert len(kept.solution.cycles) == N_CYCLES and kept.outcome.outcome == n.OUTCOME_COMPLETED
    assert list(kept.cycles) == list(full.cycles)
    for name, values in full.cycles.items():
        np.testing.assert_array_equal(kept.cycles[name], values, err_msg=name)
    a, b = full.time_series(), kept.time_series()
    assert list(a) == list(b)
    for name in a:
        np.testing.assert_allclose(b[name], a[name], rtol=1e-9, atol=1e-12, err_msg=name)
    assert kept.voltage_range == pytest.approx(full.voltage_range, rel=1e-12)
    assert kept.infeasible_steps == full.infeasible_steps
    with pytest.raises(ValueError, match="keep_cycles"):
        kept.time_series(all_cycles=True)
