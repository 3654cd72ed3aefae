"""Re-solve time of the Choi 2025 Cell B discharge vs PyBaMM's SPM half cell, side by side.

What is measured
----------------
Two :class:`pybamm.Simulation` objects with an experiment, run in the same process:

* **Cell B**: ``build_simulation("choi2025-cell-b")`` (AnodeFreeHalfCell, Choi2025, 1 mA/cm2 until
  0.005 V), solved with the model's default ``IDAKLUSolver`` (rtol 1e-6, atol 1e-8).
* **SPM half cell**: ``pybamm.lithium_ion.SPM({"working electrode": "positive"})`` with
  ``ParameterValues("Xu2019")`` and an ``IDAKLUSolver`` with the *same* tolerances, discharged at
  constant current for exactly the duration of the Cell B discharge ("for <t_B> seconds or until
  3.5 V"). The current is chosen from the SPM's measured 1C capacity (untimed calibration run) so
  that the discharge reaches ``--spm-depth`` (default 0.8) of that capacity at t_B, i.e. a deep
  discharge that does not hit the 3.5 V cut-off.

"first solve" is the first ``sim.solve()`` (parameter processing, discretisation, casadi/IDAKLU
set-up and the solve). "re-solve" is each further ``sim.solve()``: PyBaMM 26.10 keeps the built
experiment step models and their solvers, so this times the integration of the already
discretised model plus PyBaMM's experiment/solution bookkeeping, identically for both models.
Re-solves are interleaved (Cell B, SPM, Cell B, SPM, ...) so that machine load affects both;
``--warmup`` rounds are discarded, then ``--repeats`` rounds give the median and the best time.
A trivial model is solved first so that process-level start-up costs fall on neither row.

How to read the ratio
---------------------
``ratio = median re-solve(Cell B) / median re-solve(SPM half cell)``. Target: ratio <= 1.0, i.e.
the Cell B discharge re-solves no slower than PyBaMM's simplest built-in half-cell model on a
discharge of the same length (with ``pybamm.IDAKLUSolver``, PyBaMM's own solver; the row "SPM,
AnodeFreeSolver" gives the SPM the anode-free default solver class, which skips PyBaMM's re-conversion of
the initial conditions on each re-solve). The "time points" column is the number of solver output points
(the adaptive steps IDAKLU took); it explains most of the ratio. The "resolved exsolution" row
(``options={"silver exsolution": "resolved"}``, the doped layer discretised) and the "mixed-conductor layer"
row (issue 12; its re-solve ratio to the lumped Cell B is printed, target <= 5) are informational.
This is a measurement, not a test: the script exits 0 whether or not the target is met.

Run: ``cd /work/main && /work/venv/bin/python benchmarks/bench_half_cell.py [--repeats N]``
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass

import numpy as np
import pybamm
from _timing import Timings, describe, warm_up_process  # sibling module (run as benchmarks/*.py)

import anodefree_sim.simulation.build as build
from anodefree_sim.simulation import build_simulation

CASE = "choi2025-cell-b"
TARGET = 1.0


@dataclass
class Row(Timings):
    """One benchmarked simulation and its timings."""

    sim: pybamm.Simulation | None = None
    points: int = 0
    t_end: float = float("nan")
    termination: str = ""


def _timed_solve(sim: pybamm.Simulation) -> tuple[float, pybamm.Solution]:
    t0 = time.perf_counter()
    sol = sim.solve()
    return time.perf_counter() - t0, sol


def _first_solve(row: Row) -> None:
    try:
        row.first, sol = _timed_solve(row.sim)
    except Exception as exc:  # informational rows must not stop the benchmark
        row.error = describe(exc)
        row.sim = None
        return
    row.points, row.t_end, row.termination = len(sol.t), float(sol.t[-1]), str(sol.termination)


def _option_row(label: str, options: dict) -> Row:
    """An informational Cell B row with other model options (first solve done; a failure is recorded)."""
    row = Row(label)
    try:
        row.sim, _ = build_simulation(CASE, options=options)
    except Exception as exc:  # informational rows must not stop the benchmark
        row.error = describe(exc)
    if row.sim is not None:
        _first_solve(row)
    return row


def _spm_simulation(t_end: float, depth: float, solver_kwargs: dict,
                    solver_class: type = pybamm.IDAKLUSolver) -> tuple[pybamm.Simulation, float]:
    """SPM half cell discharged for ``t_end`` seconds at a current reaching ``depth`` of its capacity."""
    pv = pybamm.ParameterValues("Xu2019")
    v_min = pv["Lower voltage cut-off [V]"]
    i_1c = pv["Nominal cell capacity [A.h]"]

    def sim_for(step: str) -> pybamm.Simulation:
        model = pybamm.lithium_ion.SPM({"working electrode": "positive"})
        return pybamm.Simulation(
            model,
            parameter_values=pv.copy(),
            experiment=pybamm.Experiment([step]),
            solver=solver_class(**solver_kwargs),
        )

    # untimed calibration: capacity [A.s] of a 1C discharge to the cut-off
    cal = sim_for(f"Discharge at {i_1c:.6g} A until {v_min:g} V").solve()
    capacity = i_1c * float(cal.t[-1])
    current = depth * capacity / t_end
    return sim_for(f"Discharge at {current:.6g} A for {t_end:.12g} seconds or until {v_min:g} V"), current


def _fmt(x: float, spec: str = ".4f") -> str:
    return "n/a" if not np.isfinite(x) else format(x, spec)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10, help="timed re-solves per model (default 10)")
    parser.add_argument("--warmup", type=int, default=1, help="discarded re-solves per model (default 1)")
    parser.add_argument(
        "--spm-depth",
        type=float,
        default=0.8,
        help="fraction of the SPM 1C capacity discharged over the Cell B duration (default 0.8)",
    )
    parser.add_argument("--start", choices=("rest", "consistent"), default="rest",
                        help="how the anode-free cell's surface potentials start (build_simulation's start)")
    args = parser.parse_args(argv)
    if args.repeats < 1 or args.warmup < 0 or not 0 < args.spm_depth < 1:
        parser.error("need --repeats >= 1, --warmup >= 0 and 0 < --spm-depth < 1")

    build.DEFAULT_START = args.start
    print(f"anode-free start: {args.start}")
    warm_up_process()

    cell_b = Row("Cell B (lumped exsolution)")
    cell_b.sim, _ = build_simulation(CASE)
    _first_solve(cell_b)
    if cell_b.error:
        print(f"Cell B failed to solve: {cell_b.error}")
        return 1
    solver = cell_b.sim.solver
    # same tolerances and the same ahead-of-time compilation as Cell B's default solver
    tolerances = {"rtol": solver.rtol, "atol": solver.atol, "options": {"compile": True}}

    spm = Row('PyBaMM SPM {"working electrode": "positive"}, Xu2019')
    spm.sim, spm_current = _spm_simulation(cell_b.t_end, args.spm_depth, tolerances)
    _first_solve(spm)
    if spm.error:
        print(f"SPM half cell failed to solve: {spm.error}")
        return 1
    spm_plain = Row("PyBaMM SPM, not compiled (info)")
    spm_plain.sim, _ = _spm_simulation(cell_b.t_end, args.spm_depth,
                                       {"rtol": solver.rtol, "atol": solver.atol})
    _first_solve(spm_plain)

    # the SPM with the anode-free default solver class (which skips PyBaMM's re-conversion of the initial
    # conditions on each re-solve): what the same saving would give PyBaMM's own model
    spm_same = Row("PyBaMM SPM, AnodeFreeSolver (info)")
    spm_same.sim, _ = _spm_simulation(cell_b.t_end, args.spm_depth, tolerances, type(solver))
    _first_solve(spm_same)

    resolved = _option_row("Cell B (resolved exsolution, info)", {"silver exsolution": "resolved"})
    mixed = _option_row("Cell B (mixed-conductor layer, info)",
                        {"silver exsolution": "mixed conductor", "alloy hysteresis": "none",
                         "electrode potential": "algebraic", "stack pressure": "none"})

    rows = [r for r in (cell_b, spm, spm_plain, spm_same, resolved, mixed) if r.sim is not None]
    for k in range(args.warmup + args.repeats):
        for row in rows:
            dt, _ = _timed_solve(row.sim)
            if k >= args.warmup:
                row.times.append(dt)

    # ----------------------------------------------------------------- report
    print(f"PyBaMM {pybamm.__version__}; solver {type(solver).__name__} rtol={solver.rtol:g} "
          f"atol={solver.atol:g}, compiled residuals (both models)")
    print(f"re-solves: {args.repeats} timed (+{args.warmup} warm-up) per model, interleaved; times in s")
    print(
        f"Cell B: {CASE}, t_end = {cell_b.t_end:.1f} s ({cell_b.termination}); "
        f"SPM: {spm_current * 1e3:.4g} mA for the same {cell_b.t_end:.1f} s "
        f"({args.spm_depth:g} of its 1C capacity; {spm.termination})"
    )
    if not np.isclose(spm.t_end, cell_b.t_end, rtol=1e-6):
        print(f"WARNING: SPM stopped at {spm.t_end:.1f} s, before the Cell B duration; lower --spm-depth")
    print()
    header = f"{'model':<52} {'first solve':>11} {'re-solve med':>12} {'re-solve best':>13} {'points':>7}"
    header += f" {'ratio (med)':>11}"
    print(header)
    print("-" * len(header))
    for row in (cell_b, spm, spm_plain, spm_same, resolved, mixed):
        if row.error:
            print(f"{row.label:<52} FAILED: {row.error}")
            continue
        ratio = row.median / spm.median if row is not spm else 1.0
        print(
            f"{row.label:<52} {_fmt(row.first):>11} {_fmt(row.median):>12} {_fmt(row.best):>13} "
            f"{row.points:>7d} {_fmt(ratio, '.2f'):>11}"
        )
    print()
    ratio = cell_b.median / spm.median
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(f"Cell B / SPM half cell re-solve ratio (median): {ratio:.2f}  (target <= {TARGET:.1f}: {verdict})")
    print(f"  best-of-{args.repeats} ratio: {cell_b.best / spm.best:.2f}")
    if not spm_same.error:
        print(f"  vs the SPM with the same solver class (info): {cell_b.median / spm_same.median:.2f}")
    if not mixed.error:
        print(f"mixed-conductor / lumped Cell B re-solve ratio (median): {mixed.median / cell_b.median:.2f}  "
              "(issue 12 target <= 5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
