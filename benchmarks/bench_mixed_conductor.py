"""Solve time of the mixed-conducting doped layer vs the lumped model on the same plating (issue 12).

The case ``choi2025-plating-5mah`` (plate 5 mA.h.cm-2 on the Choi x = 0.6 bilayer, 60 C) at each current density,
once with its own option ``"silver exsolution": "mixed conductor"`` and once with ``"lumped"``; same IDAKLU
solver for both (the plating map's :func:`~anodefree_sim.studies.plating_location.map_solver`: the default
tolerances, residuals not compiled ahead of time, so that a build costs seconds, not a compile). Prints first
solve (includes IDAKLU set-up) and re-solve median / best times, output points and the ratio mixed / lumped of
the re-solve medians (issue 12 target: <= 5).

    cd /work/main && /work/venv/bin/python benchmarks/bench_mixed_conductor.py [--currents 1,4] [--repeats 3]
"""

from __future__ import annotations

import argparse
import dataclasses
import time

import pybamm
from _timing import Timings, describe, warm_up_process

from anodefree_sim.cases import get_case
from anodefree_sim.protocols import rewrite_step
from anodefree_sim.simulation import build_simulation
from anodefree_sim.studies.plating_location import map_solver

CASE = "choi2025-plating-5mah"


def time_option(option: str, current: float, capacity: float, repeats: int) -> tuple[Timings, int]:
    """Timings of one option at ``current`` [mA.cm-2] and the number of output points of the last solve."""
    case = get_case(CASE)
    step = case.steps[0]
    case = dataclasses.replace(case, options={**case.options, "silver exsolution": option},
                               steps=(rewrite_step(step, current_density=current, capacity=capacity),))
    out = Timings(f"{option:>16s} {current:g} mA/cm2")
    points = 0
    try:
        sim, _ = build_simulation(case, solver=map_solver())
        t0 = time.perf_counter()
        sol = sim.solve()
        out.first = time.perf_counter() - t0
        for _ in range(repeats):
            t0 = time.perf_counter()
            sol = sim.solve()
            out.times.append(time.perf_counter() - t0)
        points = len(sol.t)
    except (pybamm.SolverError, ValueError) as exc:
        out.error = describe(exc)
    return out, points


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--currents", default="1,4", help="plating current densities [mA.cm-2], comma-separated")
    parser.add_argument("--capacity", type=float, default=5.0, help="plated charge [mA.h.cm-2]")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    pybamm.set_logging_level("CRITICAL")
    warm_up_process()
    print(f"{'option / current':>26s} {'first [s]':>10s} {'median [s]':>11s} {'best [s]':>9s} {'points':>7s}")
    for current in (float(c) for c in args.currents.split(",")):
        rows = {}
        for option in ("lumped", "mixed conductor"):
            t, points = time_option(option, current, args.capacity, args.repeats)
            rows[option] = t
            print(f"{t.label:>26s} {t.first:10.3f} {t.median:11.3f} {t.best:9.3f} {points:7d} {t.error}")
        print(f"{'ratio mixed / lumped':>26s} {rows['mixed conductor'].first / rows['lumped'].first:10.2f} "
              f"{rows['mixed conductor'].median / rows['lumped'].median:11.2f}")


if __name__ == "__main__":
    main()
