"""Parameter sweeps: spec round trip, sampling, case ids, metrics, resumable store, failures, workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from anodefree_sim import names as n
from anodefree_sim.studies.sweeps import (
    EXAMPLE_SPEC,
    SweepSpec,
    case_id,
    run_sweep,
    sample_inputs,
    store,
)

X = "Doped layer silver content"
U = "Silver exsolution open-circuit potential [V]"
CAP = "Discharge capacity [mA.h.cm-2]"
PLATEAU = "Plateau voltage [V]"
METRICS = [CAP, PLATEAU, "Final voltage [V]", "Solve time [s]"]


def small_spec() -> SweepSpec:
    """12 cases of choi2025-cell-b: 4 Ag contents x 3 exsolution potentials."""
    return SweepSpec("choi2025-cell-b", {X: {"values": [0.2, 0.3, 0.45, 0.6]}, U: {"range": [1.7, 1.9], "num": 3}},
                     metrics=METRICS)


@pytest.fixture(scope="module")
def full_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("sweep") / "full"
    table = run_sweep(small_spec(), out_dir=out, progress=False)
    return out, table


def _same_results(a, b):
    cols = ["Case id", X, U, CAP, PLATEAU, "Final voltage [V]", "Status"]
    a = a.sort_values("Case id").reset_index(drop=True)[cols]
    b = b.sort_values("Case id").reset_index(drop=True)[cols]
    assert list(a["Case id"]) == list(b["Case id"])
    assert list(a["Status"]) == list(b["Status"])
    for c in cols[1:-1]:
        np.testing.assert_allclose(a[c].to_numpy(float), b[c].to_numpy(float), rtol=1e-6)


# ------------------------------------------------------------------ spec and sampling
def test_spec_toml_round_trip(tmp_path):
    spec = SweepSpec("choi2025-cell-b",
                     {X: {"range": [0.1, 0.6], "num": 4, "scale": "log"},
                      U: {"distribution": "normal", "mean": 1.8, "std": 0.05, "low": 1.7, "high": 1.9},
                      'Odd "quoted" name [m]': {"values": [1e-05, 2.5e-6]}},
                     sampling="latin-hypercube", samples=17, seed=42, metrics=[CAP, PLATEAU],
                     overrides={"Electrode area [m2]": 2e-4})
    path = tmp_path / "spec.toml"
    spec.to_toml(path)
    back = SweepSpec.from_toml(path)
    assert back == spec
    assert back.to_dict() == spec.to_dict()
    assert SweepSpec.from_toml_string(SweepSpec("c", {X: {"values": [1]}}).to_toml()).metrics is None


def test_spec_only_stores_arguments():
    spec = SweepSpec("no-such-case", {X: {"distribution": "bogus"}}, sampling="nonsense")  # no error yet
    assert spec.sampling == "nonsense"
    with pytest.raises(ValueError, match="sampling must be one of"):
        spec.cases()


def test_example_spec_is_valid():
    spec = SweepSpec.from_toml_string(EXAMPLE_SPEC)
    assert spec.case == "choi2025-cell-b"
    assert len(spec.cases()) == 15
    spec.metric_names()


def test_grid_counts_and_values():
    spec = SweepSpec("choi2025-cell-b", {X: {"range": [0.1, 0.5], "num": 5}, U: {"values": [1.7, 1.8]}})
    cases = spec.cases()
    assert len(cases) == 10
    assert sorted({c["inputs"][X] for c in cases}) == pytest.approx([0.1, 0.2, 0.3, 0.4, 0.5])
    log = sample_inputs(SweepSpec("c", {X: {"range": [1e-3, 1e-1], "num": 3, "scale": "log"}}))
    assert [r[X] for r in log] == pytest.approx([1e-3, 1e-2, 1e-1])
    # a repeated value gives one case
    assert len(SweepSpec("c", {X: {"values": [0.2, 0.2, 0.3]}}).cases()) == 2


@pytest.mark.parametrize("sampling", ["random", "latin-hypercube"])
def test_random_and_lhs_counts_seed_bounds(sampling):
    params = {X: {"range": [0.1, 0.6]}, U: {"distribution": "loguniform", "low": 1e-2, "high": 1e2},
              "N": {"distribution": "normal", "mean": 0.0, "std": 1.0, "low": -0.5, "high": 2.0},
              "V": {"values": [1.0, 2.0, 3.0]}}
    spec = SweepSpec("choi2025-cell-b", params, sampling=sampling, samples=200, seed=3)
    rows = sample_inputs(spec)
    assert len(rows) == 200
    assert rows == sample_inputs(SweepSpec("choi2025-cell-b", params, sampling=sampling, samples=200, seed=3))
    assert rows != sample_inputs(SweepSpec("choi2025-cell-b", params, sampling=sampling, samples=200, seed=4))
    x = np.array([r[X] for r in rows])
    u = np.array([r[U] for r in rows])
    z = np.array([r["N"] for r in rows])
    assert x.min() >= 0.1 and x.max() <= 0.6
    assert u.min() >= 1e-2 and u.max() <= 1e2
    assert z.min() >= -0.5 and z.max() <= 2.0
    assert {r["V"] for r in rows} == {1.0, 2.0, 3.0}
    if sampling == "latin-hypercube":  # one point in each of the 200 strata of every dimension
        strata = np.floor((x - 0.1) / 0.5 * 200).astype(int)
        assert sorted(strata) == list(range(200))
        strata_u = np.floor((np.log(u) - np.log(1e-2)) / (np.log(1e2) - np.log(1e-2)) * 200).astype(int)
        assert sorted(strata_u) == list(range(200))


@pytest.mark.parametrize("spec, message", [
    (SweepSpec("c", {X: {"distribution": "uniform", "low": 0, "high": 1}}), "grid sampling needs"),
    (SweepSpec("c", {X: {"range": [0, 1]}}), "integer 'num'"),
    (SweepSpec("c", {X: {"range": [0, 1]}}, sampling="random"), "integer 'samples'"),
    (SweepSpec("c", {X: {"values": [0.1], "range": [0, 1]}}), "exactly one of"),
    (SweepSpec("c", {X: {"range": [1, 0], "num": 2}}), "low <= high"),
    (SweepSpec("c", {X: {"values": []}}), "non-empty list"),
    (SweepSpec("c", {}), "at least one parameter"),
])
def test_bad_specs_fail_with_one_line(spec, message):
    with pytest.raises(ValueError, match=message) as err:
        spec.cases()
    assert "\n" not in str(err.value)


def test_unknown_names_fail_before_running(tmp_path):
    with pytest.raises(ValueError, match="unknown parameter 'Doped layer silver contnt'"):
        run_sweep(SweepSpec("choi2025-cell-b", {"Doped layer silver contnt": {"values": [0.1]}}), progress=False)
    with pytest.raises(ValueError, match="unknown metric"):
        run_sweep(SweepSpec("choi2025-cell-b", {X: {"values": [0.1]}}, metrics=["Nope"]), progress=False)
    with pytest.raises(ValueError, match="unknown case"):
        run_sweep(SweepSpec("no-such-case", {X: {"values": [0.1]}}), progress=False)
    assert not (tmp_path / "x").exists()


def test_case_id_is_stable():
    a = case_id("choi2025-cell-b", {X: 0.3, U: 1.8})
    assert a == case_id("choi2025-cell-b", {U: 1.8, X: 0.1 + 0.2})  # order and rounding noise
    assert a != case_id("choi2025-cell-a", {X: 0.3, U: 1.8})
    assert a != case_id("choi2025-cell-b", {X: 0.3, U: 1.8}, {"Electrode area [m2]": 2e-4})
    assert a == "9c5aeaf306f5ae1d"  # fixed forever: resuming relies on it
    ids = [c["id"] for c in small_spec().cases()]
    assert ids == [c["id"] for c in small_spec().cases()] and len(set(ids)) == 12


# ------------------------------------------------------------------ running
def test_small_sweep_metrics_follow_physics(full_run):
    out, table = full_run
    assert len(table) == 12 and (table["Status"] == "ok").all()
    assert list(table["Case index"]) == list(range(12))
    for _, group in table.groupby(U):
        group = group.sort_values(X)
        assert np.all(np.diff(group[CAP]) > 0), "capacity rises with the Ag content"
    for _, group in table.groupby(X):
        group = group.sort_values(U)
        assert np.all(np.diff(group[PLATEAU]) > 0), "the plateau follows the exsolution potential"
        assert group[PLATEAU].to_numpy() == pytest.approx(group[U].to_numpy() - 0.03, abs=0.05)
    x06 = table[np.isclose(table[X], 0.6)]
    assert x06[CAP].to_numpy() == pytest.approx(0.51, abs=0.05)  # DESIGN T1
    # the store holds the same table, in Parquet (or CSV without pyarrow), and the spec
    stored = store.read_results(out)
    _same_results(stored, table)
    assert SweepSpec.from_toml(out / "spec.toml") == small_spec()
    assert (out / f"results{store.part_suffix()}").exists()


def test_rebuild_parameter_is_swept(tmp_path):
    """The electrode area fixes the experiment's current: it is rebuilt per value, areal results agree."""
    spec = SweepSpec("choi2025-cell-b", {"Electrode area [m2]": {"values": [1e-4, 3e-4]}, X: {"values": [0.4]}},
                     metrics=[CAP])
    table = run_sweep(spec, progress=False)
    assert (table["Status"] == "ok").all()
    assert table[CAP].to_numpy() == pytest.approx([table[CAP][0]] * 2, rel=1e-4)


def test_failed_case_is_recorded_and_sweep_continues(tmp_path):
    spec = SweepSpec("choi2025-cell-b", {X: {"values": [0.3, 7.0, 0.5]}}, metrics=[CAP])
    out = tmp_path / "fail"
    table = run_sweep(spec, out_dir=out, progress=False, chunk_size=1)
    assert list(table["Status"]) == ["ok", "failed", "ok"]
    assert "silver content" in table["Error"][1] and np.isnan(table[CAP][1])
    assert table["Error"][0] == "" and table[CAP][2] > table[CAP][0]
    # resume does not retry failures unless asked; either way one row per case
    assert len(run_sweep(spec, out_dir=out, resume=True, progress=False)) == 3
    again = run_sweep(spec, out_dir=out, resume=True, retry_failed=True, progress=False)
    assert len(again) == 3 and list(again["Status"]) == ["ok", "failed", "ok"]


def test_existing_results_need_resume_and_same_spec(full_run):
    out, _ = full_run
    with pytest.raises(ValueError, match="pass --resume"):
        run_sweep(small_spec(), out_dir=out, progress=False)
    other = SweepSpec("choi2025-cell-b", {X: {"values": [0.2]}}, metrics=METRICS)
    with pytest.raises(ValueError, match="spec differs"):
        run_sweep(other, out_dir=out, resume=True, progress=False)


def test_resume_after_interruption(tmp_path, monkeypatch, full_run):
    out = tmp_path / "interrupted"
    calls = {"n": 0}
    real = store.write_part

    def write_then_interrupt(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # Ctrl-C while the third chunk is being stored
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "write_part", write_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        run_sweep(small_spec(), out_dir=out, progress=False, chunk_size=2)
    monkeypatch.setattr(store, "write_part", real)
    assert len(store.read_results(out)) == 4
    computed = []
    monkeypatch.setattr(store, "write_part", lambda d, rows, c: computed.extend(rows) or real(d, rows, c))
    table = run_sweep(small_spec(), out_dir=out, resume=True, progress=False)
    assert len(computed) == 8  # only what was missing
    assert len(table) == 12 and table["Case id"].is_unique
    _same_results(table, full_run[1])


def _subprocess_sweep(tmp_path, body: str) -> subprocess.Popen:
    script = tmp_path / "run.py"
    script.write_text(textwrap.dedent(f"""
        from anodefree_sim.studies.sweeps import store
        from anodefree_sim.studies.sweeps import SweepSpec, run_sweep
        spec = SweepSpec.from_toml({str(tmp_path / "spec.toml")!r})
        out = {str(tmp_path / "out")!r}
    """) + textwrap.dedent(body))
    small_spec().to_toml(tmp_path / "spec.toml")
    return subprocess.Popen([sys.executable, str(script)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_for(predicate, proc, timeout=60.0):
    end = time.monotonic() + timeout
    while not predicate():
        if proc.poll() is not None:
            raise AssertionError(f"sweep process ended early: {proc.stderr.read().decode()[-2000:]}")
        if time.monotonic() > end:
            proc.kill()
            raise AssertionError("timed out waiting for the sweep process")
        time.sleep(0.02)


def test_kill_during_write_then_resume(tmp_path, full_run):
    """SIGKILL while a part file is half written: no partial row survives, resume gives exactly N rows."""
    marker = tmp_path / "writing"
    proc = _subprocess_sweep(tmp_path, f"""
        import os, time
        real = store._write_frame
        calls = [0]
        def slow_write(frame, path):
            calls[0] += 1
            if calls[0] == 4:  # the 4th part: write half of it, then hang until killed
                path.write_bytes(b"PAR1 half a file")
                open({str(marker)!r}, "w").close()
                time.sleep(600)
            real(frame, path)
        store._write_frame = slow_write
        run_sweep(spec, out_dir=out, progress=False, chunk_size=2)
    """)
    _wait_for(marker.exists, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    out = tmp_path / "out"
    assert len(store.part_files(out)) == 3
    assert any(p.name.startswith(".") for p in (out / "parts").iterdir()), "the half-written temp file is there"
    assert len(store.read_results(out)) == 6
    table = run_sweep(SweepSpec.from_toml(tmp_path / "spec.toml"), out_dir=out, resume=True, progress=False)
    assert len(table) == 12 and table["Case id"].is_unique
    assert not any(p.name.startswith(".") for p in (out / "parts").iterdir())
    _same_results(table, full_run[1])


def test_kill_at_any_time_then_resume(tmp_path, full_run):
    proc = _subprocess_sweep(tmp_path, "run_sweep(spec, out_dir=out, progress=False, chunk_size=1)\n")
    out = tmp_path / "out"
    _wait_for(lambda: len(store.part_files(out)) >= 3, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done = len(store.read_results(out))
    assert 3 <= done <= 12
    table = run_sweep(SweepSpec.from_toml(tmp_path / "spec.toml"), out_dir=out, resume=True, progress=False)
    assert len(table) == 12 and table["Case id"].is_unique
    _same_results(table, full_run[1])


def test_two_workers_give_the_same_table(full_run):
    table = run_sweep(small_spec(), workers=2, progress=False, chunk_size=3)
    assert list(table["Case index"]) == list(range(12))
    _same_results(table, full_run[1])


def test_duplicate_parts_are_dropped(tmp_path, full_run):
    out, _ = full_run
    copy = tmp_path / "copy"
    (copy / "parts").mkdir(parents=True)
    for p in store.part_files(out):
        (copy / "parts" / p.name).write_bytes(p.read_bytes())
        (copy / "parts" / f"dup-{p.name}").write_bytes(p.read_bytes())  # as after a crash between copies
    assert len(store.read_results(copy)) == 12
    assert len(store.completed_ids(copy)) == 12


def test_dask_missing_gives_install_hint(monkeypatch):
    # make "import dask.distributed" fail whether or not dask is installed
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(ImportError, match=r"anodefree_sim\[dask\]"):
        run_sweep(small_spec(), scheduler="tcp://127.0.0.1:1", progress=False)


# ------------------------------------------------------------------ CLI helper
def sweep_command(argv):
    """``anodefree-sim sweep ARGV`` through the CLI's own command function (errors raise, as in the library)."""
    from anodefree_sim import cli
    from anodefree_sim.cli import studies

    return studies.cmd_sweep(cli._parser().parse_args(["sweep", *argv]))


def test_sweep_command(tmp_path, capsys):
    assert sweep_command(["--example"]) == 0
    assert SweepSpec.from_toml_string(capsys.readouterr().out) == SweepSpec.from_toml_string(EXAMPLE_SPEC)
    spec = tmp_path / "s.toml"
    SweepSpec("choi2025-cell-b", {X: {"values": [0.3, 0.6]}}, metrics=[CAP]).to_toml(spec)
    with pytest.raises(ValueError, match="--out"):
        sweep_command([str(spec)])
    assert sweep_command([str(spec), "--out", str(tmp_path / "o"), "--no-progress"]) == 0
    text = capsys.readouterr().out
    assert "2 of 2 cases recorded: 2 ok, 0 failed" in text
    assert sweep_command([str(spec), "--out", str(tmp_path / "o"), "--resume"]) == 0
    assert "2 already done" in capsys.readouterr().out
    bad = tmp_path / "bad.toml"
    bad.write_text("case = \n")
    with pytest.raises(ValueError, match="invalid TOML"):
        sweep_command([str(bad), "--out", str(tmp_path / "b")])


def test_missing_parts_folder_reads_empty(tmp_path):
    assert len(store.read_results(tmp_path)) == 0
    assert store.completed_ids(Path(tmp_path)) == set()


def test_sweep_columns_are_those_of_the_full_table(solved):
    """A sweep tabulates only the metrics' columns, with the same values as the full table of a run."""
    from anodefree_sim.simulation import solution_table
    from anodefree_sim.studies.sweeps import COLUMNS

    result = solved("choi2025-cell-b")
    lean = solution_table(result.solution, result.parameter_values, columns=COLUMNS)
    assert set(lean) == {n.TIME_H, *COLUMNS}
    assert len(result.table) > len(lean) + 5
    for name, values in lean.items():
        np.testing.assert_allclose(values, result.table[name], rtol=1e-9, atol=1e-12)


def test_sweep_linear_table_equals_the_full_table_at_the_solver_points(solved):
    """A sweep's columns (``interpolation="linear"``: the solver's own values, linear in between) have the rows of
    the full table, equal to it at the solver's points and close in between; the metrics follow."""
    from types import SimpleNamespace

    from anodefree_sim.simulation import solution_table
    from anodefree_sim.studies.sweeps import COLUMNS, METRICS

    result = solved("choi2025-cell-b")
    linear = solution_table(result.solution, result.parameter_values, columns=COLUMNS, interpolation="linear")
    assert set(linear) == {n.TIME_H, *COLUMNS}
    t = linear[n.TIME_H]
    np.testing.assert_array_equal(t, result.table[n.TIME_H])
    at_solver = np.isin(t, result.solution.t / 3600)
    assert 100 < at_solver.sum() < t.size - 500
    for name, values in linear.items():
        full = np.asarray(result.table[name])
        np.testing.assert_allclose(values[at_solver], full[at_solver], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(values, full, rtol=0, atol=1e-4 * np.ptp(full))  # measured: 2.3e-5 (V)
    for metric in (n.CYCLE_DISCHARGE_CAPACITY, n.CAPACITY_AT_1P2_V, n.FINAL_VOLTAGE, n.EVENT_MINIMUM_VOLTAGE):
        a, b = METRICS[metric](SimpleNamespace(table=linear)), METRICS[metric](result)
        assert a == pytest.approx(b, rel=1e-9), metric
    plateau = METRICS[n.PLATEAU_VOLTAGE]
    assert plateau(SimpleNamespace(table=linear)) == pytest.approx(plateau(result), rel=1e-4)
    with pytest.raises(ValueError, match="interpolation"):
        solution_table(result.solution, result.parameter_values, interpolation="cubic")


def test_current_function_is_rejected():
    """The experiment sets the current, so sweeping 'Current function [A]' would silently do nothing."""
    with pytest.raises(ValueError, match="experiment .* sets the current"):
        run_sweep(SweepSpec("choi2025-cell-b", {"Current function [A]": {"values": [1e-4]}}), progress=False)


@pytest.mark.slow
def test_2000_case_cli_sweep_killed_half_way_then_resumed(tmp_path):
    """The issue's acceptance run: 2000 cases of choi2025-cell-b from the CLI, SIGKILL half way, --resume."""
    spec = SweepSpec("choi2025-cell-b", {
        n.P_SILVER_CONTENT: {"range": [0.1, 0.6], "num": 40},
        n.P_EXSOLUTION_OCP: {"range": [1.7, 1.9], "num": 50},
    })
    path = tmp_path / "spec.toml"
    spec.to_toml(path)
    out = tmp_path / "out"
    cmd = [sys.executable, "-c", "from anodefree_sim.cli import main; raise SystemExit(main())",
           "sweep", str(path), "--out", str(out), "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _wait_for(lambda: (out / "parts").exists() and len(store.completed_ids(out)) >= 800, proc, timeout=240)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done = len(store.completed_ids(out))
    assert 800 <= done < 2000
    r = subprocess.run(cmd + ["--resume"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    table = store.read_results(out)
    assert len(table) == 2000 and table["Case id"].is_unique
    assert (table["Status"] == "ok").all()


def test_current_density_is_a_sweep_dimension():
    """'Current density [mA.cm-2]' rewrites the protocol (one rebuild per value): faster discharge,
    lower plateau and less capacity at the cut-off."""
    spec = SweepSpec("choi2025-cell-b", {"Current density [mA.cm-2]": {"values": [0.5, 1.0, 2.0]}})
    table = run_sweep(spec, progress=False).sort_values("Current density [mA.cm-2]")
    assert (table["Status"] == "ok").all()
    assert table["Discharge capacity [mA.h.cm-2]"].is_monotonic_decreasing
    assert table["Plateau voltage [V]"].is_monotonic_decreasing
    negative = SweepSpec("choi2025-cell-b", {"Current density [mA.cm-2]": {"values": [-1.0]}})
    bad = run_sweep(negative, progress=False)
    assert (bad["Status"] == "failed").all() and bad["Error"].str.contains("must be > 0").all()


def test_sweep_solves_lean_unless_a_metric_reads_the_solution(monkeypatch):
    """Built-in metrics of a single-cycle case: the solver evaluates only the metrics' variables; a custom
    metric (which may read any variable of ``result.solution``) or a multi-cycle case keeps them all."""
    from anodefree_sim.cases import get_case
    from anodefree_sim.studies.sweeps import METRICS as ALL_METRICS
    from anodefree_sim.studies.sweeps import metrics as sweep_metrics
    from anodefree_sim.studies.sweeps import run as sweeps

    cell_b = get_case("choi2025-cell-b")
    assert sweeps.output_variables(cell_b, METRICS) == sweep_metrics.OUTPUT_VARIABLES
    assert sweeps.output_variables(get_case("choi2025-bilayer-cycling"), METRICS) is None
    highest = "Highest surface potential [V]"
    monkeypatch.setitem(ALL_METRICS, highest,
                        lambda r: float(np.max(r.solution[n.surface_potential("negative")].entries)))
    spec = SweepSpec("choi2025-cell-b", {X: {"values": [0.4]}}, metrics=[highest, CAP])
    assert sweeps.output_variables(cell_b, spec.metric_names()) is None
    table = run_sweep(spec, progress=False)
    assert (table["Status"] == "ok").all(), table["Error"][0]
    assert table[highest][0] == pytest.approx(2.3, abs=1e-6)  # the rest potential E starts from
    lean = run_sweep(SweepSpec("choi2025-cell-b", {X: {"values": [0.4]}}, metrics=[CAP]), progress=False)
    assert lean[CAP][0] == pytest.approx(table[CAP][0], rel=1e-12)


class _StuckPool:
    """A process pool whose workers never start: submitted chunks stay queued and cannot be cancelled."""

    def __init__(self, *args, **kwargs):
        from concurrent.futures import Future

        self._future = Future
        self.submitted = 0
        self.terminated = False

    def submit(self, fn, *args):
        self.submitted += 1
        future = self._future()
        future.set_running_or_notify_cancel()  # picked up by a worker that never answers
        return future

    def terminate_workers(self):
        self.terminated = True

    def shutdown(self, wait=True, cancel_futures=False):
        assert not wait, "the sweep must not wait for a worker that never started"
        assert self.terminated, "a dropped worker must be terminated before the pool is shut down"


class _InstantPool:
    """A pool whose worker starts at once and runs each chunk when it is submitted (in this process)."""

    def __init__(self, *args, **kwargs):
        self.submitted = 0

    def terminate_workers(self):
        raise AssertionError("a worker that answered must not be terminated")

    def submit(self, fn, *args):
        from concurrent.futures import Future

        self.submitted += 1
        future = Future()
        future.set_running_or_notify_cancel()
        future.set_result(fn(*args))
        return future

    def shutdown(self, wait=True, cancel_futures=False):
        pass


@pytest.mark.parametrize("pool", [_StuckPool, _InstantPool])
def test_worker_start_up_does_not_hold_the_sweep_up(monkeypatch, full_run, pool):
    """workers=2: the calling process computes chunks while the worker starts; a worker that never answers
    only gets its first chunk, which the caller computes itself at the end; a started worker gets more."""
    from anodefree_sim.studies.sweeps import run as sweeps

    made = []
    monkeypatch.setattr(sweeps, "ProcessPoolExecutor", lambda *a, **k: made.append(pool(*a, **k)) or made[-1])
    table = run_sweep(small_spec(), workers=2, progress=False, chunk_size=2)
    assert list(table["Case index"]) == list(range(12)) and table["Case id"].is_unique
    _same_results(table, full_run[1])
    assert made[0].submitted == 1 if pool is _StuckPool else made[0].submitted >= 4  # 6 chunks


def test_a_dropped_worker_is_terminated():
    """A real spawned worker busy with a chunk (here: a 60 s sleep) stops when the sweep drops it, so it
    neither runs on after ``run_sweep`` returns nor holds the interpreter up at exit."""
    import multiprocessing
    import time
    from concurrent.futures import ProcessPoolExecutor

    from anodefree_sim.studies.sweeps import run as sweeps

    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    # the worker has started once it has answered (``running()`` only means queued to a worker that may still be
    # starting up; CI once saw the worker alive 10 s after terminate under load)
    import os
    worker_pid = pool.submit(os.getpid).result(timeout=120)
    future = pool.submit(time.sleep, 60)
    deadline = time.monotonic() + 60
    while not future.running() and time.monotonic() < deadline:
        time.sleep(0.05)
    processes = list(pool._processes.values())
    assert future.running() and processes and all(p.is_alive() for p in processes)
    sweeps._terminate_workers(pool)
    pool.shutdown(wait=False, cancel_futures=True)
    assert [p.pid for p in processes] == [worker_pid]
    for process in processes:
        process.join(timeout=30)
    assert not any(p.is_alive() for p in processes), [(p.pid, p.exitcode) for p in processes]


def test_an_interrupted_sweep_terminates_its_workers(monkeypatch):
    """Ctrl-C (or an error) in the calling process: the workers are terminated before the pool is shut down,
    so a chunk already running does not hold the interpreter up at exit (``_StuckPool`` checks the order)."""
    from anodefree_sim.studies.sweeps import run as sweeps

    made = []
    monkeypatch.setattr(sweeps, "ProcessPoolExecutor",
                        lambda *a, **k: made.append(_StuckPool(*a, **k)) or made[-1])

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(sweeps, "_run_chunk", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_sweep(small_spec(), workers=2, progress=False, chunk_size=2)
    assert made and made[0].terminated
