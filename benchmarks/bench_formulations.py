"""Adaptive steps, solver failures and re-solve time of formulation and solver-setting variants (issue 14).

What is measured
----------------
Each variant builds the case with ``build_simulation`` and one IDAKLU setting, solves it once (build +
compile), then re-solves it ``--repeats`` times. Printed per variant: IDA's adaptive steps, error-test
failures and nonlinear-solver failures (``solution.solver_statistics``), the median re-solve time, and
how far the answer moved from the baseline row (relative change of the final discharge capacity and of
the end time of the run). Variants:

* ``baseline``: :func:`anodefree_sim.models.solver.default_solver` (rtol 1e-6, atol 1e-8, compiled,
  dt_init 1e-9 s) with the model's per-state scales (surface potential scale 1e2, i.e. atol 1e-6 V);
* ``potential scale 1e3`` / ``1e4``: the surface potential differences' scale (atol 1e-5 / 1e-4 V);
  ``negative`` / ``counter potential scale 1e4``: that electrode's only;
* ``algebraic closure``: ``"electrode potential": "algebraic"`` (no double layer);
* ``algebraic + suppress``: the same with IDA's ``suppress_algebraic_error`` (E out of the error test);
* ``dense LU``: ``jacobian="dense"``, ``linear_solver="SUNLinSol_Dense"`` instead of sparse KLU;
* ``max_order_bdf 3``, ``no dt_init`` (IDA's own first step), ``dt_init 1e-7`` / ``1e-6`` (each experiment
  step starts with ~10 doublings from 1e-9 s to ~1e-6 s), ``Newton coefficient 0.1``;
* ``rtol 1e-8 atol 1e-10``: 100 times tighter tolerances, i.e. how far the baseline's answers are from the
  converged ones (a change of the integration that moves an answer by less than this is within the
  baseline's own solver error);
* ``consistent E0``: the negative electrode starts at 1.78 V (the exsolution plateau) instead of its
  rest potential (Cell B only: it changes the first second of the voltage curve, so it is not a
  numerics-only change);
* ``consistent start``: ``build_simulation(start="consistent")``, every capacitive surface potential starts
  where the reactions carry the first step's current (a root of its dE/dt at t = 0), all cases.

Run: ``python benchmarks/bench_formulations.py [--cases cell-b,pouch,bilayer] [--repeats 3]``
(about 2-4 minutes). A measurement, not a test: it exits 0 whatever it finds.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import time

import numpy as np
import pybamm
from _timing import describe, warm_up_process  # sibling module (run as benchmarks/*.py)
from anodefree_sim.models.solver import ATOL, RTOL

import anodefree_sim.submodels.electrode_potential as electrode_potential
from anodefree_sim import names as n
from anodefree_sim.cases import get_case
from anodefree_sim.simulation import build_simulation

CASES = {
    "cell-b": ("choi2025-cell-b", None),
    "pouch": ("choi2025-pouch-60c", 1),
    "bilayer": ("choi2025-bilayer-cycling", 20),
}
BASE_OPTIONS = {"compile": True, "dt_init": 1e-9}
#: name -> (solver options replacing / added to BASE_OPTIONS (None value: removed), model options,
#: surface potential scale, parameter overrides)
VARIANTS = {
    "baseline": ({}, {}, None, None),
    "potential scale 1e3": ({}, {}, 1e3, None),
    "potential scale 1e4": ({}, {}, 1e4, None),
    "negative potential scale 1e4": ({}, {}, {"negative": 1e4}, None),
    "counter potential scale 1e4": ({}, {}, {"counter": 1e4}, None),
    "algebraic closure": ({}, {"electrode potential": "algebraic"}, None, None),
    "algebraic + suppress": ({"suppress_algebraic_error": True}, {"electrode potential": "algebraic"}, None, None),
    "dense LU": ({"jacobian": "dense", "linear_solver": "SUNLinSol_Dense"}, {}, None, None),
    "max_order_bdf 3": ({"max_order_bdf": 3}, {}, None, None),
    "no dt_init": ({"dt_init": None}, {}, None, None),
    "dt_init 1e-7": ({"dt_init": 1e-7}, {}, None, None),
    "dt_init 1e-6": ({"dt_init": 1e-6}, {}, None, None),
    "Newton coefficient 0.1": ({"nonlinear_convergence_coefficient": 0.1}, {}, None, None),
    "rtol 1e-8 atol 1e-10": ({"rtol": 1e-8, "atol": 1e-10}, {}, None, None),
    "consistent E0 (Cell B)": ({}, {}, None, {n.p_initial_potential("negative"): 1.78}),
    "consistent start": ({}, {}, None, None),
}
#: variants built with ``build_simulation(start="consistent")`` (the rest of their row as above)
CONSISTENT = ("consistent start",)


def _solver(changes: dict) -> pybamm.IDAKLUSolver:
    options = {**BASE_OPTIONS, **changes}
    rtol, atol = options.pop("rtol", RTOL), options.pop("atol", ATOL)
    return pybamm.IDAKLUSolver(rtol=rtol, atol=atol, options={k: v for k, v in options.items() if v is not None})


def _run(case, variant: str, repeats: int) -> dict:
    changes, model_options, scale, overrides = VARIANTS[variant]
    default_scale = electrode_potential.POTENTIAL_SCALE
    default_fundamental = electrode_potential.BaseElectrodePotential.get_fundamental_variables
    if isinstance(scale, dict):  # one electrode's surface potential only
        def fundamental(self):
            key = n.surface_potential(self.electrode)
            return {key: pybamm.Variable(key, scale=scale.get(self.electrode, default_scale))}
        electrode_potential.BaseElectrodePotential.get_fundamental_variables = fundamental
    elif scale is not None:
        electrode_potential.POTENTIAL_SCALE = scale
    try:
        sim, _ = build_simulation(case, overrides=overrides, options=model_options or None,
                                  solver=_solver(changes), start="consistent" if variant in CONSISTENT else "rest")
    finally:
        electrode_potential.POTENTIAL_SCALE = default_scale
        electrode_potential.BaseElectrodePotential.get_fundamental_variables = default_fundamental
    t0 = time.perf_counter()
    sol = sim.solve()
    first = time.perf_counter() - t0
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        sol = sim.solve()
        times.append(time.perf_counter() - t0)
    stats = sol.solver_statistics
    capacity = np.abs(sol["Discharge capacity [A.h]"].entries)
    return {"steps": stats.number_of_steps, "etf": stats.number_of_error_test_failures,
            "ncf": stats.number_of_nonlinear_solver_fails, "first": first, "median": statistics.median(times),
            "t_end": float(sol.t[-1]), "q_max": float(capacity.max())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated subset of " + ", ".join(CASES))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--variants", default=None, help="comma-separated subset of the variants (default: all)")
    args = parser.parse_args(argv)
    variants = list(VARIANTS) if args.variants is None else [v.strip() for v in args.variants.split(",")]
    print(f"PyBaMM {pybamm.__version__}; IDAKLU rtol {RTOL:g}, atol {ATOL:g}; {args.repeats} re-solves per row")
    warm_up_process()
    for key in args.cases.split(","):
        name, cycles = CASES[key.strip()]
        case = get_case(name)
        if cycles:
            case = dataclasses.replace(case, steps=case.steps[:cycles])
        print(f"\n{name}" + (f", {cycles} cycle(s)" if cycles else ""))
        print(f"{'variant':<26} {'steps':>6} {'etf':>5} {'ncf':>5} {'first s':>8} {'re-solve s':>10} "
              f"{'d q_max':>9} {'d t_end':>9}")
        base = None
        for variant in variants:
            if variant.startswith("consistent E0") and key != "cell-b":
                continue
            try:
                r = _run(case, variant, args.repeats)
            except Exception as exc:  # an informational row must not stop the benchmark
                print(f"{variant:<26} failed: {describe(exc)}")
                continue
            base = base or r
            dq = r["q_max"] / base["q_max"] - 1
            dt = r["t_end"] / base["t_end"] - 1
            print(f"{variant:<26} {r['steps']:>6d} {r['etf']:>5d} {r['ncf']:>5d} {r['first']:>8.2f} "
                  f"{r['median']:>10.4f} {dq:>9.1e} {dt:>9.1e}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
