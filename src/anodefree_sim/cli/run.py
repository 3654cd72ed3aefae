"""``anodefree-sim list | run | energy-density``: the named cases, running one, a pouch stack's energy density."""

from __future__ import annotations

import argparse
import json
import sys

from anodefree_sim import names as n
from anodefree_sim.cli.common import CSV_SUFFIXES, add_command, check_output_path, plot_suffixes


def add_parsers(sub: argparse._SubParsersAction, argv: list[str] | None = None) -> None:
    """Add ``list``, ``run`` and ``energy-density`` to the subcommands ``sub``."""
    add_command(
        sub, "list", cmd_list,
        help="print the named cases, one per line (name first)",
        description="Print the named cases, one per line: name, then description.",
    )
    run = add_command(
        sub, "run", cmd_run,
        help="run a named case",
        description="Run a named case and write its time series (CSV) and/or a plot.",
    )
    run.add_argument("case", help="case name (see 'anodefree-sim list')")
    run.add_argument(
        "--set", dest="assignments", action="append", default=[], metavar='"NAME [unit]=VALUE"',
        help="override a parameter value, e.g. --set \"Doped layer silver content=0.2\" (repeatable)",
    )
    run.add_argument("--out", metavar="CSV",
                     help="write the time series to this CSV file (.parquet: Parquet, needs pyarrow); a "
                          "multi-cycle case writes the first, the last and ~10 log-spaced cycles, with a "
                          "'Cycle number' column")
    run.add_argument("--all-cycles", action="store_true",
                     help="--out gets the time series of every cycle (large for long runs: prefer .parquet)")
    run.add_argument("--plot", metavar="FIG",
                     help="write the case's figure (profile, cycling, symmetric or CCD) to FIG (.png, .svg, .pdf)")
    run.add_argument("--quickplot", metavar="FIG",
                     help="write a pybamm.QuickPlot grid of the default variables to FIG (.png, .svg, .pdf)")
    run.add_argument("--json", action="store_true",
                     help="print a JSON summary (with the critical current density and short-circuit time for "
                          "CCD staircases: the stack-pressure model or the mixed-conducting layer)")
    run.add_argument("--fast-forward", action="store_true",
                     help="cycle fast-forward: simulate representative cycles, extrapolate the slow states "
                          "across the others (controlled error); writes the per-cycle table only")
    run.add_argument("--cycles", type=int, metavar="N", help="number of cycles for --fast-forward")
    run.add_argument("--cycles-out", metavar="CSV",
                     help="write the per-cycle table (capacities, CE, retention, plated and dead Li)")
    ed = add_command(
        sub, "energy-density", cmd_energy_density,
        help="stack energy density of a pouch case from its simulated discharge",
        description="Wh/L and Wh/kg of a case's stack (default: charged state, no collectors or packaging, "
                    "the basis of Choi 2025's 1312 Wh/L) from its simulated first cycle.",
    )
    ed.add_argument("case", help="a case with a stack design, e.g. choi2025-pouch-60c")
    ed.add_argument("--json", action="store_true", help="print one JSON object")
    ed.add_argument("--state", choices=("charged", "discharged"), default="charged")
    ed.add_argument("--collectors", action="store_true", help="include the current collectors")
    ed.add_argument("--packaging", action="store_true", help="include the pouch foil (and collectors)")


def cmd_energy_density(args: argparse.Namespace) -> int:
    from anodefree_sim.studies.energy import case_energy_density

    out = case_energy_density(args.case, state=args.state,
                              include_collectors=args.collectors or args.packaging,
                              include_packaging=args.packaging)
    if args.json:
        print(json.dumps(out, default=float))
        return 0
    for key, value in out.items():
        if isinstance(value, dict):
            print(f"{key}:")
            for layer, row in value.items():
                print(f"  {layer}: {row[n.LAYER_THICKNESS] * 1e6:.1f} um, {row[n.LAYER_MASS] * 100:.2f} mg/cm2")
        else:
            print(f"{key}: {value:.6g}")
    return 0


def cmd_list(args: argparse.Namespace | None = None) -> int:
    from anodefree_sim.cases import CASES

    for case in CASES.values():
        print(f"{case.name}\t{case.description}")
    return 0


def _check_run_outputs(args) -> None:
    """``run``: check --out / --cycles-out / --plot / --quickplot before the (possibly long) run."""
    from anodefree_sim.cases import get_case
    from anodefree_sim.simulation import PARQUET_SUFFIX, is_multi_cycle, parquet_available

    case = get_case(args.case)
    if args.fast_forward and (args.out or args.plot or args.quickplot):
        raise ValueError("--fast-forward writes the per-cycle table only (--cycles-out), not --out, --plot "
                         "or --quickplot")
    if args.all_cycles and not args.out:
        raise ValueError("--all-cycles: give --out (the file that gets every cycle's time series)")
    if args.out:
        check_output_path(args.out, "--out", (*CSV_SUFFIXES, PARQUET_SUFFIX))
        if args.out.lower().endswith(PARQUET_SUFFIX) and not parquet_available():
            raise ValueError(f"--out {args.out}: Parquet needs pyarrow (pip install 'anodefree_sim[sweep]'); "
                             "use a .csv name")
    if args.cycles_out:
        if not is_multi_cycle(case):
            raise ValueError(f"--cycles-out: case '{case.name}' has a single cycle, no per-cycle table")
        check_output_path(args.cycles_out, "--cycles-out", CSV_SUFFIXES)
    if args.plot:
        check_output_path(args.plot, "--plot", plot_suffixes())
    if args.quickplot:
        check_output_path(args.quickplot, "--quickplot", plot_suffixes())


def _fmt(value, spec: str) -> str:
    return "n/a" if value is None else format(value, spec)


def _cycling_summary(cycles: dict) -> dict:
    """First / last cycle discharge capacity [mA.h.cm-2], mean CE [%] and final retention [%]."""
    import numpy as np

    def number(values, pick):  # None (JSON null) for no cycle or NaN
        values = np.asarray(values, dtype=float)
        values = values[np.isfinite(values)] if pick is np.mean else values
        return float(pick(values)) if values.size and np.isfinite(pick(values)) else None

    q = cycles[n.CYCLE_DISCHARGE_CAPACITY]
    return {"Cycles": int(len(q)),
            n.FIRST_DISCHARGE_CAPACITY: number(q, lambda v: v[0]),
            n.LAST_DISCHARGE_CAPACITY: number(q, lambda v: v[-1]),
            n.MEAN_COULOMBIC_EFFICIENCY: number(cycles[n.COULOMBIC_EFFICIENCY], np.mean),
            n.FINAL_RETENTION: number(cycles[n.CAPACITY_RETENTION], lambda v: v[-1])}


def _stripping_summary(result) -> dict:
    """Critical stripping current of a stripping-staircase run (NaN: none found -> JSON null), with the
    pressure, temperature and protocol it was found at."""
    import math

    from anodefree_sim.studies.stripping import result_staircase_summary

    out = result_staircase_summary(result)
    csc = out[n.CRITICAL_STRIPPING_CURRENT]
    out[n.CRITICAL_STRIPPING_CURRENT] = None if math.isnan(csc) else csc
    out.pop(n.STRIPPING_STEPS)
    return out


def cmd_run(args: argparse.Namespace) -> int:
    import pybamm

    from anodefree_sim.cases import get_case
    from anodefree_sim.simulation import parse_assignment, run_case
    from anodefree_sim.studies.ccd import ccd_run, is_ccd_case
    from anodefree_sim.studies.stripping import case_staircase

    overrides = dict(parse_assignment(a) for a in args.assignments)
    _check_run_outputs(args)
    if args.fast_forward:
        return _fast_forward(args, overrides)

    case = get_case(args.case)
    # a CCD staircase ("contact" closure or the mixed-conducting layer) reports its CCD (every cycle)
    mixed_ccd = case.options.get("silver exsolution") == "mixed conductor" and is_ccd_case(case)
    pressure = case.options.get("stack pressure") == "contact" or mixed_ccd
    # a stripping staircase with the "mechanics" option reports its critical stripping current (every cycle)
    staircase = case.options.get("stack pressure") == "mechanics" and case_staircase(case.steps) is not None
    # a run that a named event ends (short circuit, voltage window, exhausted / blocking electrode) or with
    # steps infeasible at their start is a result, reported with its outcome; a solver failure is not
    # a multi-cycle run keeps the solution of the cycles it writes only (bounded memory); the per-cycle table
    # has every cycle either way. The critical current density (stack-pressure cases) reads every cycle.
    keep_all = args.all_cycles or pressure or staircase
    if mixed_ccd:  # the staircase run of the targets and the tests (studies.ccd.ccd_run: one solve per process)
        result = ccd_run(args.case, overrides)
    else:
        result = run_case(args.case, overrides=overrides, allow_early_stop=True,
                          keep_cycles=None if keep_all else "selected")
    outcome = result.outcome
    if outcome.outcome == n.OUTCOME_SOLVER_FAILURE:
        raise pybamm.SolverError(f"case '{args.case}' failed in cycle {outcome.cycle}, step '{outcome.step}': "
                                 f"{outcome.message}")
    infeasible = result.infeasible_steps
    t = result.table
    if args.json:
        summary = {"Case": args.case, n.TIME_H: float(t[n.TIME_H][-1]),
                   n.CAPACITY_AREAL: float(t[n.CAPACITY_AREAL][-1]),
                   n.EVENT_MINIMUM_VOLTAGE: result.voltage_range[0],
                   n.EVENT_MAXIMUM_VOLTAGE: result.voltage_range[1]}
        summary.update(outcome.as_dict())
        summary["Infeasible steps"] = [{"Cycle": o.cycle, "Step": o.step} for o in infeasible]
        if result.cycles is not None:
            summary.update(_cycling_summary(result.cycles))
        if pressure:
            from anodefree_sim.studies.ccd import ccd_summary

            summary.update(ccd_summary(result))
        if staircase:
            summary.update(_stripping_summary(result))
        print(json.dumps(summary))
    else:
        q, (v_min, v_max) = t[n.CAPACITY_AREAL], result.voltage_range
        head = f"{args.case}: {len(q)} points, {t[n.TIME_H][-1]:.4g} h, voltage {v_min:.4g} to {v_max:.4g} V"
        if result.cycles is None:
            print(f"{head}, capacity {q[-1]:.4g} mA.h.cm-2")
        else:
            c = _cycling_summary(result.cycles)
            first, last = c[n.FIRST_DISCHARGE_CAPACITY], c[n.LAST_DISCHARGE_CAPACITY]
            print(f"{head}\n{c['Cycles']} cycles: discharge capacity {_fmt(first, '.4g')} "
                  f"(cycle 1) to {_fmt(last, '.4g')} mA.h.cm-2 (cycle {c['Cycles']}), "
                  f"mean CE {_fmt(c[n.MEAN_COULOMBIC_EFFICIENCY], '.3f')} %, "
                  f"retention {_fmt(c[n.FINAL_RETENTION], '.2f')} %")
        if outcome.outcome != n.OUTCOME_COMPLETED:
            print(f"stopped: {outcome.outcome} ('{outcome.event}') in cycle {outcome.cycle}, "
                  f"step '{outcome.step}'")
        if infeasible:
            print(f"{len(infeasible)} infeasible step(s) (cut-off passed at the start, skipped), first: "
                  f"cycle {infeasible[0].cycle}, '{infeasible[0].step}'")
    out = sys.stderr if args.json else sys.stdout
    if args.out:
        result.write_csv(args.out, all_cycles=args.all_cycles)
        print(f"wrote {args.out}", file=out)
    if args.cycles_out:
        result.write_cycles_csv(args.cycles_out)
        print(f"wrote {args.cycles_out}", file=out)
    if args.plot:
        from anodefree_sim.plotting import plot_results

        plot_results(result, args.plot)
        print(f"wrote {args.plot}", file=out)
    if args.quickplot:
        from anodefree_sim.plotting import quick_plot

        quick_plot(result.solution, args.quickplot)
        print(f"wrote {args.quickplot}", file=out)
    return 0


def _fast_forward(args, overrides) -> int:
    from anodefree_sim.simulation import write_csv
    from anodefree_sim.studies.fast_forward import fast_forward

    out = fast_forward(args.case, n_cycles=args.cycles, overrides=overrides)
    print(f"{args.case}: {out['n_cycles']} cycles, {out['n_simulated']} simulated, "
          f"retention {out['retention [%]']:.3f} %, CE {out['coulombic efficiency [%]']:.4f} %, "
          f"dead Li {out['dead lithium [mA.h.cm-2]']:.4g} mA.h.cm-2")
    if args.cycles_out:
        write_csv(out["cycles"], args.cycles_out)
        print(f"wrote {args.cycles_out}")
    return 0
