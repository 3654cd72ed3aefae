"""Full-cell cycle and 1000-cycle plating/stripping times vs PyBaMM's SPMe / SPM, side by side.

Part 1: one full cycle of the SPMe-level anode-free cell
--------------------------------------------------------
* **anode-free full cell**: ``choi2025-pouch-60c`` cut to its first cycle
  (``dataclasses.replace(case, steps=case.steps[:1])``: charge at 0.7 mA/cm2 to 4.3 V, discharge at
  0.7 mA/cm2 to 2.5 V), ``AnodeFreeFullCell`` with ``{"cathode model": "SPMe"}``, via
  ``build_simulation``.
* **SPMe half cell**: ``pybamm.lithium_ion.SPMe({"working electrode": "positive"})`` with the case's
  parameter values (``Choi2025Pouch``; it holds every PyBaMM half-cell parameter and the 60 C case has
  no overrides), i.e. the *same* initial cathode state, on the same areal protocol
  (``areal_experiment``, same electrode area, hence the same current in A).

Both use an ``IDAKLUSolver`` with the anode-free full cell's default tolerances (its default solver is
PyBaMM's lithium-ion default) and ``options={"compile": True}``. The full cell with its own default
solver (not compiled, as ``run_case`` uses it) is an informational row. "first solve" is the first
``sim.solve()`` (set-up, discretisation, compilation, solve), "re-solve" each further ``sim.solve()``
of the built experiment; re-solves are interleaved, ``--warmup`` rounds discarded, then ``--repeats``
rounds give the median and best. ``ratio = median re-solve(anode-free) / median re-solve(SPMe)``,
target <= 1.5 (DESIGN section 5). "points" is the number of solver output points (IDAKLU returns
every adaptive step); the per-step columns show where they are spent.

Part 2: long cycling
--------------------
* **anode-free**: ``choi2025-bilayer-cycling`` (``AnodeFreeHalfCell``; per cycle: plate 1 mAh/cm2 at
  1 mA/cm2 = 3600 s, strip at 1 mA/cm2 to 0.1 V, ~3590 s), the first ``--cycles`` cycles (default
  all 1000) through ``build_simulation``.
* **SPM half cell**: ``pybamm.lithium_ion.SPM({"working electrode": "positive"})``, ``Xu2019``, the
  same number of cycles of 2 steps of comparable length: "Discharge at C/2 for 3600 seconds or until
  3.5 V", "Charge at C/2 until 4.19 V" (~3600 s; Xu2019 starts charged at 4.19 V).

Both use the anode-free half cell's default tolerances (rtol 1e-6, atol 1e-8), ``compile=True`` and
``dt_init`` = ``--dt-init`` (default 1e-9 s, see below), and each storage setting below applies to
both models alike:

* ``output_variables``: ``IDAKLUSolver(output_variables=[...])`` with only what a cycle summary needs,
  five scalars per model (anode-free: voltage, discharge capacity, plated Li thickness, dead Li,
  negative-electrode Li = what :func:`anodefree_sim.cycling.cycle_summary` reads; SPM: voltage,
  discharge capacity and three Li-inventory scalars). Every cycle is kept, so the summary has one row
  per cycle. This is the setting of the headline ratio (target <= 1.0).
* ``full state``: PyBaMM's default storage (state vector + Hermite derivatives at every step).
* ``+ t_interp 60 s``: output variables on a 60 s grid per step (``sim.solve(t_interp=...)``; PyBaMM
  applies one step-relative grid to every step and requires it inside each step's nominal duration, so
  it stops at 3540 s; each step's end point is stored too).
* ``+ store_first_last``: ``IDAKLUSolver(store_first_last=True)``: only the first and last point of
  each step (capacities, CE, Li inventory stay exact; the mean voltages of the summary do not).
* ``+ save_at_cycles K``: ``sim.solve(save_at_cycles=K)``: cycles 1, K, 2K, ... and the last are
  kept; the cycle summary then only has those rows (the model defines no PyBaMM summary variables).

Each model is solved once (first solve) and then re-solved ``--long-repeats`` times (default 2),
interleaved; the ratio uses the median re-solve. "integr." is PyBaMM's ``solution.integration_time``
of the last re-solve (the IDAKLU calls; the rest of the re-solve is PyBaMM's experiment and solution
bookkeeping), "steps" the adaptive solver steps, "points" the stored time points, "held MB" the size
of the numpy arrays the returned solution holds after the cycle summary (distinct buffers). The
anode-free ``cycle summary`` column times :func:`cycle_summary` on the solution (post-processing
that ``output_variables`` moves into the solve). With ``--cycles N`` < 1000 the 1000-cycle times are
also printed, linearly extrapolated and labelled as such.

Why ``dt_init``: with IDA's default initial step the anode-free bilayer case stops at cycle 293 of
1000 (``IDA_ERR_FAIL`` at the first step of the stripping half cycle, where the double layers of
both electrodes switch current); ``--dt-init 0`` reproduces that, and the script then reports the
run as incomplete. The same ``dt_init`` costs the SPM ~23 extra adaptive steps per experiment step
(+19 % steps over 1000 cycles) and the anode-free cell none, so it slightly favours the anode-free row.

This is a measurement, not a test: the script exits 0 whether or not the targets are met.
Run: ``cd /work/main && /work/venv/bin/python benchmarks/bench_full_cell.py [--repeats N] [--cycles N]``
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from dataclasses import dataclass, field

import numpy as np
import pybamm
from _timing import Timings, describe, warm_up_process  # sibling module (run as benchmarks/*.py)

import anodefree_sim.simulation.build as build
from anodefree_sim import names as n
from anodefree_sim.cases import get_case
from anodefree_sim.cycling import (
    COULOMBIC_EFFICIENCY,
    DEAD_LI,
    MEAN_CHARGE_V,
    MEAN_DISCHARGE_V,
    cycle_summary,
)
from anodefree_sim.protocols import areal_experiment
from anodefree_sim.simulation import build_simulation, case_parameter_values

FULL_CELL_CASE = "choi2025-pouch-60c"
CYCLING_CASE = "choi2025-bilayer-cycling"
CYCLE_TARGET = 1.5
LONG_TARGET = 1.0
LONG_REFERENCE_CYCLES = 1000
T_INTERP_SPACING = 60.0  # s
#: what cycle_summary reads from an anode-free solution
ANODE_FREE_OUTPUTS = [
    n.VOLTAGE,
    n.DISCHARGE_CAPACITY,
    n.plated_thickness("negative"),
    n.dead_lithium("negative"),
    n.electrode_lithium("negative"),
]
#: the same number of scalars for the SPM: voltage, capacity and Li-inventory analogues
SPM_OUTPUTS = [
    "Voltage [V]",
    "Discharge capacity [A.h]",
    "Total lithium in positive electrode [mol]",
    "Total lithium lost [mol]",
    "Average positive particle stoichiometry",
]


@dataclass
class Row(Timings):
    """One benchmarked simulation and its timings."""

    sim: pybamm.Simulation | None = None
    solve_kwargs: dict = field(default_factory=dict)
    solution: pybamm.Solution | None = None


def _timed_solve(row: Row) -> float:
    row.solution = None  # the previous solution is not kept alive during the next solve
    t0 = time.perf_counter()
    row.solution = row.sim.solve(**row.solve_kwargs)
    return time.perf_counter() - t0


def _first_solve(row: Row) -> None:
    try:
        row.first = _timed_solve(row)
    except Exception as exc:  # a failing row is reported, the others still run
        row.error = describe(exc)
        row.sim = None


def _resolve_interleaved(rows: list[Row], warmup: int, repeats: int) -> None:
    rows = [r for r in rows if r.sim is not None]
    for k in range(warmup + repeats):
        for row in rows:
            dt = _timed_solve(row)
            if k >= warmup:
                row.times.append(dt)


def _fmt(x: float, spec: str = ".4f") -> str:
    return "n/a" if x is None or not np.isfinite(x) else format(x, spec)


def _ratio(a: float, b: float) -> float:
    return a / b if np.isfinite(a) and np.isfinite(b) and b > 0 else float("nan")


def _verdict(ratio: float, target: float) -> str:
    if not np.isfinite(ratio):
        return "not measured"
    return "met" if ratio <= target else "NOT met"


# --------------------------------------------------------------------------- part 1: one cycle
def _cycle_rows(tolerances: dict) -> tuple[list[Row], pybamm.ParameterValues]:
    case = get_case(FULL_CELL_CASE)
    one = dataclasses.replace(case, steps=case.steps[:1])
    compiled = {**tolerances, "options": {"compile": True}}

    anode_free = Row(f"anode-free full cell ({case.options['cathode model']} cathode)")
    anode_free.sim, pv = build_simulation(one, solver=pybamm.IDAKLUSolver(**compiled))

    spme = Row('PyBaMM SPMe {"working electrode": "positive"}')
    ref_pv = case_parameter_values(one)  # Choi2025Pouch (+ the case's overrides: none at 60 C)
    spme.sim = pybamm.Simulation(
        pybamm.lithium_ion.SPMe({"working electrode": "positive"}),
        parameter_values=ref_pv,
        experiment=areal_experiment(list(one.steps), ref_pv[n.P_AREA]),
        solver=pybamm.IDAKLUSolver(**compiled),
    )

    default = Row("anode-free full cell, default solver (info)")
    default.sim, _ = build_simulation(one)
    return [anode_free, spme, default], pv


def _step_summary(sol: pybamm.Solution, area: float) -> str:
    parts = []
    for step in sol.cycles[0].steps:
        q = step[n.DISCHARGE_CAPACITY].entries
        hours, capacity = (step.t[-1] - step.t[0]) / 3600, abs(q[-1] - q[0]) / area * 0.1
        parts.append(f"{len(step.t)} pts/{hours:.2f} h/{capacity:.2f}")
    return " | ".join(parts)


def run_cycle_benchmark(args) -> None:
    case = get_case(FULL_CELL_CASE)
    probe, _ = build_simulation(dataclasses.replace(case, steps=case.steps[:1]))
    tolerances = {"rtol": probe.solver.rtol, "atol": probe.solver.atol}
    default_compiled = probe.solver.options.get("compile", False)
    rows, pv = _cycle_rows(tolerances)
    anode_free, spme, default = rows
    for row in rows:
        _first_solve(row)
    _resolve_interleaved(rows, args.warmup, args.repeats)

    area = pv[n.P_AREA]
    print("=" * 100)
    print(f"Part 1: one charge/discharge cycle, {FULL_CELL_CASE} cycle 1 ({' -> '.join(case.steps[0])})")
    print(
        f"solver: IDAKLU rtol={tolerances['rtol']:g} atol={tolerances['atol']:g} (the full cell's default), "
        f"compile=True for both; default solver row: compile={default_compiled}"
    )
    print(
        f"same parameter values ({case.parameter_set}) and electrode area {area * 1e4:g} cm2 for both, i.e. "
        "the same cathode start state"
    )
    print(f"re-solves: {args.repeats} timed (+{args.warmup} warm-up) per model, interleaved; times in s")
    print()
    header = (
        f"{'model':<46} {'first solve':>11} {'re-solve med':>12} {'re-solve best':>13} {'points':>7} "
        f"{'V start':>7} {'ratio (med)':>11}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        if row.error:
            print(f"{row.label:<46} FAILED: {row.error}")
            continue
        sol = row.solution
        v0 = float(sol["Voltage [V]"].entries[0])
        print(
            f"{row.label:<46} {_fmt(row.first):>11} {_fmt(row.median):>12} {_fmt(row.best):>13} "
            f"{len(sol.t):>7d} {v0:>7.3f} {_fmt(_ratio(row.median, spme.median), '.2f'):>11}"
        )
    print()
    print("per step (charge | discharge): output points / duration / areal capacity [mA.h.cm-2]")
    for row in (anode_free, spme):
        if not row.error:
            stats = row.solution.solver_statistics
            extra = ""
            if stats is not None:
                extra = (
                    f"; solver: {stats.number_of_steps} steps, {stats.number_of_error_test_failures} "
                    f"error-test and {stats.number_of_nonlinear_solver_fails} nonlinear failures"
                )
            print(f"  {row.label:<44} {_step_summary(row.solution, area)}{extra}")
    print()
    ratio = _ratio(anode_free.median, spme.median)
    print(
        f"anode-free full cell / SPMe half cell cycle re-solve ratio (median): {_fmt(ratio, '.2f')}  "
        f"(target <= {CYCLE_TARGET:.1f}: {_verdict(ratio, CYCLE_TARGET)})"
    )
    print(
        f"  best-of-{args.repeats} ratio: {_fmt(_ratio(anode_free.best, spme.best), '.2f')}; "
        f"first-solve ratio: {_fmt(_ratio(anode_free.first, spme.first), '.2f')}"
    )


# --------------------------------------------------------------------------- part 2: long cycling
@dataclass
class Setting:
    """A storage setting, applied alike to both models."""

    name: str
    output_variables: bool = True
    solver_options: dict = field(default_factory=dict)
    solve_kwargs: dict = field(default_factory=dict)
    headline: bool = False


def _long_settings(save_every: int) -> list[Setting]:
    # step-relative, one grid for every step; PyBaMM requires it inside each step's t_eval, i.e. below the
    # shortest step duration (3600 s); the end of each step is stored as well
    t_interp = np.arange(0.0, 3600.0, T_INTERP_SPACING)
    return [
        Setting("output_variables", headline=True),
        Setting("full state (PyBaMM default)", output_variables=False),
        Setting(f"output_variables + t_interp {T_INTERP_SPACING:g} s", solve_kwargs={"t_interp": t_interp}),
        Setting("output_variables + store_first_last", solver_options={"store_first_last": True}),
        Setting(f"output_variables + save_at_cycles {save_every}", solve_kwargs={"save_at_cycles": save_every}),
    ]


def _long_solver(setting: Setting, outputs: list[str], args) -> pybamm.IDAKLUSolver:
    return pybamm.IDAKLUSolver(
        rtol=args.long_rtol,
        atol=args.long_atol,
        output_variables=list(outputs) if setting.output_variables else None,
        options={"compile": True, "dt_init": args.dt_init},
        **setting.solver_options,
    )


def _spm_steps(pv: pybamm.ParameterValues) -> tuple[str, str]:
    current = 0.5 * pv["Nominal cell capacity [A.h]"]
    v_max = pv["Upper voltage cut-off [V]"] - 0.01  # below the model's own cut-off event
    return (
        f"Discharge at {current:.6g} A for 3600 seconds or until {pv['Lower voltage cut-off [V]']:g} V",
        f"Charge at {current:.6g} A until {v_max:.4g} V",
    )


def _long_rows(setting: Setting, cycles: int, args) -> tuple[Row, Row, pybamm.ParameterValues]:
    case = get_case(CYCLING_CASE)
    anode_free = Row("anode-free bilayer", solve_kwargs=dict(setting.solve_kwargs))
    anode_free.sim, pv = build_simulation(
        dataclasses.replace(case, steps=case.steps[:cycles]),
        solver=_long_solver(setting, ANODE_FREE_OUTPUTS, args),
    )
    spm_pv = pybamm.ParameterValues("Xu2019")
    spm = Row("PyBaMM SPM half cell", solve_kwargs=dict(setting.solve_kwargs))
    spm.sim = pybamm.Simulation(
        pybamm.lithium_ion.SPM({"working electrode": "positive"}),
        parameter_values=spm_pv,
        experiment=pybamm.Experiment([_spm_steps(spm_pv)] * cycles),
        solver=_long_solver(setting, SPM_OUTPUTS, args),
    )
    return anode_free, spm, pv


def _attribute_values(obj) -> list:
    """Instance attribute values, ``__dict__`` and ``__slots__`` (PyBaMM's Solution uses slots)."""
    values = dict(getattr(obj, "__dict__", {}))
    for cls in type(obj).__mro__:
        for name in getattr(cls, "__slots__", ()):
            if name != "__weakref__" and hasattr(obj, name):
                values[name] = getattr(obj, name)
    return list(values.values())


def _held_mb(sol: pybamm.Solution) -> float:
    """MB of the distinct numpy buffers held by a solution, its cycles, their steps and their variables."""
    buffers: dict[int, int] = {}

    def add(obj, depth=0):
        if isinstance(obj, np.ndarray):
            base = obj
            while isinstance(base.base, np.ndarray):
                base = base.base
            buffers[id(base)] = base.nbytes
        elif depth < 2 and isinstance(obj, (list, tuple)):
            for item in obj:
                add(item, depth + 1)
        elif depth < 2 and isinstance(obj, dict):
            for item in obj.values():
                add(item, depth + 1)

    solutions = [sol]
    for cycle in sol.cycles or []:
        if cycle is not None:
            solutions += [cycle, *cycle.steps]
    for s in solutions:
        for value in _attribute_values(s):
            add(value)
        for variable in (getattr(s, "_variables", None) or {}).values():
            for value in _attribute_values(variable):
                add(value)
    return sum(buffers.values()) / 1e6


def _completed_cycles(sol: pybamm.Solution | None, steps_per_cycle: int = 2) -> int:
    """Cycles run to their end (the cycle a failed step belongs to does not count)."""
    if sol is None:
        return 0
    done = len(sol.cycles)
    last = sol.cycles[-1] if done else None
    if last is not None and (
        len(last.steps) < steps_per_cycle or any(str(step.termination) == "failure" for step in last.steps)
    ):
        done -= 1
    return done


def run_long_benchmark(args) -> None:
    cycles = args.cycles
    settings = _long_settings(args.save_at_cycles)
    if args.headline_only:
        settings = settings[:1]
    results = []
    for setting in settings:
        anode_free, spm, pv = _long_rows(setting, cycles, args)
        for row in (anode_free, spm):
            _first_solve(row)
        _resolve_interleaved([anode_free, spm], 0, args.long_repeats)
        summary = {
            "time": float("nan"),
            "rows": 0,
            "ce": float("nan"),
            "dead": float("nan"),
            "v": (np.nan,) * 2,
            "error": "" if anode_free.solution is not None else "no solution",
        }
        if anode_free.solution is not None:
            try:
                t0 = time.perf_counter()
                table = cycle_summary(anode_free.solution, pv[n.P_AREA], get_case(CYCLING_CASE).lithiating_sign)
                summary.update(
                    time=time.perf_counter() - t0,
                    rows=len(table[COULOMBIC_EFFICIENCY]),
                    ce=table[COULOMBIC_EFFICIENCY][-1],
                    dead=table[DEAD_LI][-1],
                    v=(table[MEAN_DISCHARGE_V][-1], table[MEAN_CHARGE_V][-1]),
                )
            except Exception as exc:  # e.g. a variable that output_variables cannot provide
                summary["error"] = describe(exc)
        out = {"setting": setting, "summary": summary}
        for key, row in (("af", anode_free), ("spm", spm)):
            sol = row.solution
            stats = sol.solver_statistics if sol is not None else None
            out[key] = {
                "row": row,
                "cycles": _completed_cycles(sol),
                "points": len(sol.t) if sol is not None else 0,
                "steps": stats.number_of_steps if stats is not None else None,
                "held": _held_mb(sol) if sol is not None else float("nan"),
                # summed over the kept cycles only, hence n/a with save_at_cycles
                "integration": (
                    sol.integration_time.value
                    if sol is not None
                    and sol.integration_time is not None
                    and "save_at_cycles" not in setting.solve_kwargs
                    else float("nan")
                ),
                "termination": str(sol.termination) if sol is not None else "",
            }
        results.append(out)
        for row in (anode_free, spm):  # free the simulations before the next setting
            row.sim = row.solution = None

    print()
    print("=" * 100)
    spm_pv = pybamm.ParameterValues("Xu2019")
    print(f"Part 2: long cycling, {cycles} cycles x 2 steps per model")
    print(f"  anode-free: {CYCLING_CASE}: {' -> '.join(get_case(CYCLING_CASE).steps[0])}")
    print(f"  SPM: Xu2019 half cell: {' -> '.join(_spm_steps(spm_pv))}")
    print(
        f"solver (both, every setting): IDAKLU rtol={args.long_rtol:g} atol={args.long_atol:g}, compile=True, "
        f"dt_init={args.dt_init:g} s"
    )
    print(f"  anode-free output_variables: {ANODE_FREE_OUTPUTS}")
    print(f"  SPM output_variables:        {SPM_OUTPUTS}")
    print(
        f"timings: first solve + {args.long_repeats} re-solve(s) per model, interleaved; times in s; "
        "ms/cycle from the median re-solve"
    )
    print()
    header = (
        f"{'storage setting':<40} {'model':<20} {'first':>6} {'re-solve':>8} {'integr.':>7} {'ms/cycle':>8} "
        f"{'cycles':>6} {'points':>8} {'steps':>8} {'held MB':>7} {'ratio':>5}"
    )
    print(header)
    print("-" * len(header))
    for res in results:
        ratio = _ratio(res["af"]["row"].median, res["spm"]["row"].median)
        for key in ("af", "spm"):
            r = res[key]
            row = r["row"]
            name = res["setting"].name + (" [headline]" if res["setting"].headline else "") if key == "af" else ""
            if row.error:
                print(f"{name:<40} {row.label:<20} FAILED: {row.error}")
                continue
            per_cycle = 1e3 * row.median / r["cycles"] if r["cycles"] else float("nan")
            steps = "n/a" if r["steps"] is None else f"{r['steps']:d}"
            print(
                f"{name:<40} {row.label:<20} {_fmt(row.first, '.2f'):>6} {_fmt(row.median, '.2f'):>8} "
                f"{_fmt(r['integration'], '.2f'):>7} {_fmt(per_cycle, '.2f'):>8} {r['cycles']:>6d} "
                f"{r['points']:>8d} {steps:>8} {_fmt(r['held'], '.1f'):>7} "
                f"{_fmt(ratio, '.2f') if key == 'af' else '':>5}"
            )
    print()
    print("anode-free cycle summary (cycle_summary, untimed in the ratio):")
    for res in results:
        s = res["summary"]
        text = (
            f"FAILED: {s['error']}"
            if s["error"]
            else f"{s['time']:.2f} s, {s['rows']} rows; last row: CE {s['ce']:.3f} %, dead Li {s['dead']:.4f} "
            f"mA.h.cm-2, mean plating / stripping voltage {s['v'][0] * 1e3:.2f} / {s['v'][1] * 1e3:.2f} mV"
        )
        print(f"  {res['setting'].name:<40} {text}")
    incomplete = [
        (res["setting"].name, res[k]["row"].label, res[k]["cycles"], res[k]["termination"])
        for res in results
        for k in ("af", "spm")
        if not res[k]["row"].error and res[k]["cycles"] < cycles
    ]
    for name, label, done, termination in incomplete:
        print(
            f"INCOMPLETE: {label} with '{name}' stopped after {done} of {cycles} cycles ({termination}); "
            "its times are not comparable"
        )
    print()

    head = results[0]
    af, spm = head["af"], head["spm"]
    valid = af["cycles"] == cycles and spm["cycles"] == cycles
    ratio = _ratio(af["row"].median, spm["row"].median) if valid else float("nan")
    print(
        f"anode-free / SPM {cycles}-cycle re-solve ratio (median, output_variables): {_fmt(ratio, '.2f')}  "
        f"(target <= {LONG_TARGET:.1f}: {_verdict(ratio, LONG_TARGET)})"
    )
    if valid:
        print(
            f"  first-solve ratio: {_fmt(_ratio(af['row'].first, spm['row'].first), '.2f')}; solver integration "
            f"only (last re-solve): {_fmt(_ratio(af['integration'], spm['integration']), '.2f')}; "
            f"adaptive steps: {_fmt(_ratio(af['steps'] or np.nan, spm['steps'] or np.nan), '.2f')}"
        )
    if cycles != LONG_REFERENCE_CYCLES and valid:
        scale = LONG_REFERENCE_CYCLES / cycles
        print(
            f"  EXTRAPOLATED (linear, x{scale:.3g}) to {LONG_REFERENCE_CYCLES} cycles, not measured: anode-free "
            f"{af['row'].median * scale:.1f} s, SPM {spm['row'].median * scale:.1f} s (an underestimate with "
            "output_variables: PyBaMM joins the per-cycle output variables pairwise, quadratic in the cycles)"
        )
    full = next((r for r in results if not r["setting"].output_variables), None)
    if full is not None and full["af"]["cycles"] and af["cycles"]:
        with_ov = 1e3 * af["row"].median / af["cycles"]
        without = 1e3 * full["af"]["row"].median / full["af"]["cycles"]
        print(
            f"anode-free time per cycle: {with_ov:.2f} ms with output_variables, {without:.2f} ms with the full "
            f"state ({_fmt(_ratio(without, with_ov), '.2f')}x); held arrays {af['held']:.0f} MB vs "
            f"{full['af']['held']:.0f} MB; cycle summary {head['summary']['time']:.2f} s vs "
            f"{full['summary']['time']:.2f} s"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10, help="timed one-cycle re-solves per model (default 10)")
    parser.add_argument("--warmup", type=int, default=1, help="discarded one-cycle re-solves per model (1)")
    parser.add_argument(
        "--cycles",
        type=int,
        default=LONG_REFERENCE_CYCLES,
        help="cycles of the long run (default 1000; fewer: times also extrapolated to 1000)",
    )
    parser.add_argument(
        "--long-repeats",
        type=int,
        default=2,
        help="timed re-solves per model and storage setting of the long run (default 2)",
    )
    parser.add_argument("--save-at-cycles", type=int, default=100, help="K of the save_at_cycles setting (100)")
    parser.add_argument(
        "--dt-init",
        type=float,
        default=1e-9,
        help="IDAKLU initial step [s] of the long run (default 1e-9; 0 = IDA's own choice)",
    )
    parser.add_argument("--long-rtol", type=float, default=1e-6, help="long-run rtol (default 1e-6)")
    parser.add_argument("--long-atol", type=float, default=1e-8, help="long-run atol (default 1e-8)")
    parser.add_argument(
        "--headline-only",
        action="store_true",
        help="long run: only the output_variables setting (skip the informational ones)",
    )
    parser.add_argument("--skip-cycle", action="store_true", help="skip part 1 (one full-cell cycle)")
    parser.add_argument("--skip-long", action="store_true", help="skip part 2 (long cycling)")
    parser.add_argument("--start", choices=("rest", "consistent"), default="rest",
                        help="how the anode-free cell's surface potentials start (build_simulation's start)")
    args = parser.parse_args(argv)
    if args.repeats < 1 or args.warmup < 0 or args.cycles < 1 or args.long_repeats < 1 or args.save_at_cycles < 1:
        parser.error("need --repeats, --cycles, --long-repeats, --save-at-cycles >= 1 and --warmup >= 0")
    if args.dt_init < 0:
        parser.error("--dt-init must be >= 0")

    build.DEFAULT_START = args.start
    print(f"anode-free start: {args.start}")
    warm_up_process()
    print(f"PyBaMM {pybamm.__version__}")
    if not args.skip_cycle:
        run_cycle_benchmark(args)
    if not args.skip_long:
        run_long_benchmark(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
