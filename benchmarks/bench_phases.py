"""Where Choi 2025 Cell B's adaptive steps go, phase by phase, with IDA's error-test and nonlinear failures.

What is measured
----------------
``build_simulation("choi2025-cell-b", start=...)`` is solved once with the default solver. Phase boundaries are
read off that solution: the start (until the negative surface potential is within 5 mV of its exsolution
plateau value at t = 100 s), the first second, the exsolution plateau (until 1 % of the lattice Ag is left),
the end of exsolution (until E < 0.3 V), the hand-over onto the alloy plateau (until |dE/dt| < 1e-3 V/s), the
alloy stages (until plated Li appears) and plating. The solver's own counts per phase are the differences of
``solution.solver_statistics`` of solves of the same discretised step model stopped at each boundary
(``solver.solve(model, t_eval=[0, t_k])``): IDA's step sequence up to t_k is the full run's except for the
last step, which is cut at t_k, so a phase's counts can differ by one or two from an uncut run (an error-test
count may come out as -1 or -2). Printed per phase: time window, adaptive steps, error-test failures,
nonlinear-solver failures and the smallest step.

Run: ``python benchmarks/bench_phases.py [--start rest|consistent]`` (~10 s). A measurement, not a test.
"""

from __future__ import annotations

import argparse

import numpy as np
from anodefree_sim.models.solver import default_solver

from anodefree_sim import names as n
from anodefree_sim.simulation import build_simulation

CASE = "choi2025-cell-b"


def phase_bounds(solution) -> list[tuple[str, float]]:
    """(name, end time [s]) of each phase of a Cell B discharge, in time order."""
    t = solution.t
    E = solution[n.surface_potential("negative")].entries
    lattice = solution["Negative lattice silver [mol.m-2]"].entries
    plated = solution["Negative plated lithium [mol.m-2]"].entries
    plateau = E[np.argmin(np.abs(t - 100.0))]
    t_plateau = t[np.argmax(np.abs(E - plateau) < 5e-3)]
    t_lattice = t[np.argmax(lattice < 0.01 * lattice[0])]
    below = np.nonzero(E < 0.3)[0]
    t_alloy = t[below[0]] if below.size else t[-1]
    settled = np.nonzero((t > t_alloy) & (np.abs(np.gradient(E, t)) < 1e-3))[0]
    t_settled = t[settled[0]] if settled.size else t_alloy
    on = np.nonzero(plated > 1e-6)[0]
    t_plating = t[on[0]] if on.size else t[-1]
    bounds = [("start: rest -> plateau (|E - E(100 s)| < 5 mV)", t_plateau), ("rest of the first second", 1.0),
              ("exsolution plateau (lattice Ag > 1 %)", t_lattice), ("end of exsolution (E > 0.3 V)", t_alloy),
              ("hand-over onto alloy (|dE/dt| > 1e-3 V/s)", t_settled), ("alloy stages", t_plating),
              ("plating", t[-1])]
    out, last = [], 0.0
    for name, end in sorted(bounds, key=lambda b: b[1]):
        if end > last:
            out.append((name, float(end)))
            last = end
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", choices=("rest", "consistent"), default="rest",
                        help="how the surface potentials start (build_simulation's start)")
    args = parser.parse_args(argv)
    sim, _ = build_simulation(CASE, start=args.start)
    solution = sim.solve()
    stats = solution.solver_statistics
    print(f"{CASE}, start {args.start}: {stats.number_of_steps} steps, {stats.number_of_error_test_failures} "
          f"error-test, {stats.number_of_nonlinear_solver_fails} nonlinear failures, end {solution.t[-1]:.1f} s")
    model = sim.steps_to_built_models[sim.experiment.steps[0].basic_repr()]
    solver = default_solver()
    print(f"{'phase':<46} {'from s':>9} {'to s':>9} {'steps':>6} {'etf':>5} {'ncf':>5} {'min dt s':>9}")
    previous, t0 = (0, 0, 0), 0.0
    steps = np.diff(solution.t)
    for name, t1 in phase_bounds(solution):
        s = solver.solve(model, t_eval=[0.0, t1], inputs=solution.all_inputs[0]).solver_statistics
        now = (s.number_of_steps, s.number_of_error_test_failures, s.number_of_nonlinear_solver_fails)
        inside = steps[(solution.t[1:] > t0) & (solution.t[1:] <= t1)]
        print(f"{name:<46} {t0:>9.4g} {t1:>9.5g} {now[0] - previous[0]:>6d} {now[1] - previous[1]:>5d} "
              f"{now[2] - previous[2]:>5d} {inside.min() if inside.size else float('nan'):>9.2e}")
        previous, t0 = now, t1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
