"""Command-line interface ``anodefree-sim`` (a thin layer over :mod:`anodefree_sim.simulation`).

    anodefree-sim list
    anodefree-sim run CASE [--set "Parameter name [unit]=value"]... [--out results.csv] [--plot fig.png]
    anodefree-sim energy-density | validate | sweep | pressure-map ...   (see --help of each)

Bad input exits with status 2 and one readable line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import math
import sys
import warnings
from pathlib import Path

from anodefree_sim import _names as n


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="anodefree-sim",
        description="Simulate initially anode-free all-solid-state Li cells (PyBaMM-based).",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("list", help="print the named cases, one per line (name first)",
                   description="Print the named cases, one per line: name, then description.")
    run = sub.add_parser(
        "run", help="run a named case",
        description="Run a named case and write its time series (CSV) and/or a plot.",
    )
    run.add_argument("case", help="case name (see 'anodefree-sim list')")
    run.add_argument(
        "--set", dest="assignments", action="append", default=[], metavar='"NAME [unit]=VALUE"',
        help="override a parameter value, e.g. --set \"Doped layer silver content=0.2\" (repeatable)",
    )
    run.add_argument("--out", metavar="CSV", help="write the time series to this CSV file")
    run.add_argument("--plot", metavar="FIG",
                     help="write the case's figure (profile, cycling, symmetric or CCD) to FIG (.png, .svg, .pdf)")
    run.add_argument("--quickplot", metavar="FIG",
                     help="write a pybamm.QuickPlot grid of the default variables to FIG (.png, .svg, .pdf)")
    run.add_argument("--json", action="store_true",
                     help="print a JSON summary (with the critical current density and short-circuit time for "
                          "cases with the stack-pressure model)")
    run.add_argument("--fast-forward", action="store_true",
                     help="cycle fast-forward: simulate representative cycles, extrapolate the slow states "
                          "across the others (controlled error); writes the per-cycle table only")
    run.add_argument("--cycles", type=int, metavar="N", help="number of cycles for --fast-forward")
    run.add_argument("--cycles-out", metavar="CSV",
                     help="write the per-cycle table (capacities, CE, retention, plated and dead Li)")
    ed = sub.add_parser(
        "energy-density", help="stack energy density of a pouch case from its simulated discharge",
        description="Wh/L and Wh/kg of a case's stack (default: charged state, no collectors or packaging, "
                    "the basis of Choi 2025's 1312 Wh/L) from its simulated first cycle.",
    )
    ed.add_argument("case", help="a case with a stack design, e.g. choi2025-pouch-60c")
    ed.add_argument("--json", action="store_true", help="print one JSON object")
    ed.add_argument("--state", choices=("charged", "discharged"), default="charged")
    ed.add_argument("--collectors", action="store_true", help="include the current collectors")
    ed.add_argument("--packaging", action="store_true", help="include the pouch foil (and collectors)")
    val = sub.add_parser(
        "validate", help="compare (and fit) a case against a measured voltage curve",
        description="Read a measured curve (CSV/TSV, BioLogic .mpt/.txt/.mpr, Neware .nda/.ndax, or this "
                    "tool's own CSV), simulate the case under the measured current, compare, optionally fit, "
                    "and write comparison.png and summary.json into the report folder.",
    )
    val.add_argument("data_file", help="measured data file")
    val.add_argument("--case", required=True, help="case whose model and parameters are validated")
    val.add_argument("--fit", default="", metavar='"NAME1,NAME2"',
                     help="comma-separated parameter names to fit (bounds: x/5..x5, potentials +-0.2 V)")
    val.add_argument("--report", required=True, metavar="DIR", help="folder for the plots and summary.json")
    val.add_argument("--area", type=float, help="electrode area of the measured cell [m2] (default: the case's)")
    val.add_argument("--backend", choices=("scipy", "pybop"), default="scipy",
                     help="optimiser: scipy least squares (default) or PyBOP (pip install 'anodefree_sim[fit]')")
    sw = sub.add_parser("sweep", help="run a parameter sweep of a case (resumable, parallel)",
                        description="Run a sweep spec (TOML); results go to --out as Parquet parts, "
                                    "resumable with --resume. 'anodefree-sim sweep --example' prints a spec.")
    _add_sweep_arguments(sw)
    pm = sub.add_parser("pressure-map", help="outcome map (stable / voiding / short) over pressure x current",
                        description="One plate/strip cycle per stack pressure and current density; "
                                    "prints the map and the CCD per pressure.")
    from anodefree_sim.studies.pressure_map import add_pressure_map_arguments

    add_pressure_map_arguments(pm)
    return p


def _cmd_validate(args) -> int:
    import json

    from anodefree_sim.validation.io import read_measurement
    from anodefree_sim.validation.report import validate

    table, _ = read_measurement(args.data_file, area=args.area)
    names = [s.strip() for s in args.fit.split(",") if s.strip()]
    summary = validate(table, args.case, fit=names, report_dir=args.report, area=args.area,
                       backend=args.backend)
    final = summary.get("After fit", summary["Before fit"])
    print(f"{args.case}: voltage RMSE {1000 * final['Voltage RMSE [V]']:.2f} mV, "
          f"max error {1000 * final['Maximum voltage error [V]']:.2f} mV")
    if "Fit" in summary:
        print(json.dumps(summary["Fit"]["Fitted parameters"], default=float))
    print(f"wrote {args.report}/summary.json and {args.report}/comparison.png")
    return 0


def _cmd_energy_density(args) -> int:
    import json

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
                print(f"  {layer}: {row['Thickness [m]'] * 1e6:.1f} um, {row['Mass [kg.m-2]'] * 100:.2f} mg/cm2")
        else:
            print(f"{key}: {value:.6g}")
    return 0


def _cmd_list() -> int:
    from anodefree_sim.cases import CASES

    for case in CASES.values():
        print(f"{case.name}\t{case.description}")
    return 0


def _cmd_run(args) -> int:
    from anodefree_sim.simulation import parse_assignment, run_case

    overrides = dict(parse_assignment(a) for a in args.assignments)
    from anodefree_sim.cases import get_case

    if args.fast_forward:
        return _fast_forward(args, overrides)

    if args.plot or args.quickplot:  # a bad figure path fails before the run, not after it
        from anodefree_sim.plotting import check_figure_path

        for path in (args.plot, args.quickplot):
            if path:
                check_figure_path(path)
    pressure = get_case(args.case).options.get("stack pressure") == "contact"
    result = run_case(args.case, overrides=overrides, allow_early_stop=pressure)
    t = result.table
    if args.json:
        import json

        summary = {"Case": args.case, n.TIME_H: float(t[n.TIME_H][-1]),
                   n.CAPACITY_AREAL: float(t[n.CAPACITY_AREAL][-1]),
                   "Minimum voltage [V]": float(t[n.VOLTAGE].min()),
                   "Maximum voltage [V]": float(t[n.VOLTAGE].max())}
        if pressure:
            from anodefree_sim.studies.ccd import critical_current_density

            summary.update(critical_current_density(result))
        print(json.dumps(summary))
        return 0
    q, v = t[n.CAPACITY_AREAL], t[n.VOLTAGE]
    print(
        f"{args.case}: {len(v)} points, {t[n.TIME_H][-1]:.4g} h, "
        f"capacity {q[-1]:.4g} mA.h.cm-2, voltage {v.min():.4g} to {v.max():.4g} V"
    )
    if result.cycles is not None:
        c = result.cycles
        print(f"{len(c['Cycle number'])} cycles: mean CE {c['Coulombic efficiency [%]'].mean():.3f} %, "
              f"retention {c['Capacity retention [%]'][-1]:.2f} %")
    if args.out:
        result.write_csv(args.out)
        print(f"wrote {args.out}")
    if args.cycles_out:
        result.write_cycles_csv(args.cycles_out)
        print(f"wrote {args.cycles_out}")
    if args.plot:
        from anodefree_sim.plotting import plot_results

        plot_results(result, args.plot)
        print(f"wrote {args.plot}")
    if args.quickplot:
        from anodefree_sim.plotting import quick_plot

        quick_plot(result.solution, args.quickplot)
        print(f"wrote {args.quickplot}")
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


def _add_sweep_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Arguments of ``anodefree-sim sweep`` (for a subparser of the main CLI)."""
    parser.add_argument("spec", nargs="?", metavar="SPEC.toml", help="sweep specification (see --example)")
    parser.add_argument("--out", metavar="DIR", help="folder for spec.toml, parts/ and results.parquet")
    parser.add_argument("--workers", type=int, default=1, metavar="N", help="local processes (default 1)")
    parser.add_argument("--scheduler", metavar="ADDR",
                        help="Dask scheduler address (pip install 'anodefree_sim[dask]')")
    parser.add_argument("--resume", action="store_true", help="continue an interrupted sweep in --out")
    parser.add_argument("--retry-failed", action="store_true", help="with --resume: recompute failed cases")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--example", action="store_true", help="print a commented example spec and exit")
    return parser


def _cmd_sweep(args: argparse.Namespace) -> int:
    """``anodefree-sim sweep``: run a spec, print a summary; returns the exit status."""
    from anodefree_sim.studies.sweeps import EXAMPLE_SPEC, STATISTICS, SweepSpec, run_sweep, store

    if args.example:
        print(EXAMPLE_SPEC, end="")
        return 0
    if not args.spec:
        raise ValueError("sweep needs a SPEC.toml (anodefree-sim sweep --example prints one)")
    if not args.out:
        raise ValueError("sweep needs --out DIR (the folder for the results)")
    if args.workers < 1:
        raise ValueError(f"--workers must be >= 1, got {args.workers}")
    spec = SweepSpec.from_toml(args.spec)
    table = run_sweep(spec, out_dir=args.out, workers=args.workers, resume=args.resume,
                      scheduler=args.scheduler, progress=not args.no_progress, retry_failed=args.retry_failed)
    s = table.attrs[STATISTICS]
    ok = int((table[store.STATUS] == store.OK).sum())
    rate = s.computed / s.seconds if s.seconds > 0 else math.nan
    print(f"{len(table)} of {s.total} cases recorded: {ok} ok, {len(table) - ok} failed "
          f"({s.computed} computed in {s.seconds:.1f} s, {rate:.1f} cases/s; {s.skipped} already done)")
    print(f"results: {Path(args.out) / (store.RESULTS_STEM + store.part_suffix())}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            if args.command == "list":
                return _cmd_list()
            if args.command == "energy-density":
                return _cmd_energy_density(args)
            if args.command == "validate":
                return _cmd_validate(args)
            if args.command == "sweep":
                return _cmd_sweep(args)
            if args.command == "pressure-map":
                from anodefree_sim.studies.pressure_map import pressure_map_from_args

                return pressure_map_from_args(args)
            return _cmd_run(args)
    except (ValueError, KeyError, OSError) as err:
        if isinstance(err, OSError) and err.filename:
            msg = f"{err.filename}: {err.strerror}"
        else:
            msg = str(err).strip().strip("'\"").splitlines()[0] if str(err).strip() else repr(err)
        print(f"anodefree-sim: error: {msg}", file=sys.stderr)
        return 2
    except Exception as err:  # a solver failure: one line, non-zero exit
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        print(f"anodefree-sim: error: {type(err).__name__}: {first}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
