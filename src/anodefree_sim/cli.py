"""Command-line interface ``anodefree-sim`` (a thin layer over :mod:`anodefree_sim.simulation`).

    anodefree-sim list
    anodefree-sim run CASE [--set "Parameter name [unit]=value"]... [--out results.csv] [--plot fig.png]
    anodefree-sim energy-density | validate | convert | sweep | pressure-map | provenance | targets ...

Bad input exits with status 2 and one readable line on stderr, never a traceback; output paths are
checked before a run starts. Ctrl-C ends any command with one line and status 130.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import warnings
from pathlib import Path

from anodefree_sim import names as n


def _chosen(command: str, argv: list[str] | None) -> bool:
    """Whether ``command`` is on the command line: the arguments of a subcommand whose module imports PyBaMM
    are added only then, so ``--help``, ``list`` and the other commands start without importing it."""
    return command in (sys.argv[1:] if argv is None else argv)


def _parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
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
    val.add_argument("--area", type=float,
                     help="electrode area of the measured cell [m2] (default: the file's, else the case's)")
    val.add_argument("--backend", choices=("scipy", "pybop"), default="scipy",
                     help="optimiser: scipy least squares (default) or PyBOP (pip install 'anodefree_sim[fit]')")
    val.add_argument("--protocol", metavar='"STEP; STEP" | case',
                     help="what the cell saw, when the file has no current: steps in the case grammar separated "
                          "by ';', or 'case' for the case's own protocol (then --align is required)")
    val.add_argument("--align", choices=("time", "capacity"),
                     help="put measured and simulated curves on one axis by time or by charge passed")
    val.add_argument("--current-sign", type=int, choices=(1, -1), metavar="{1,-1}",
                     help="sign convention of the file's current for generic CSV: -1 if positive means charge "
                          "(BioLogic, Neware, Arbin, BDF), +1 if it means discharge (PyBaMM)")
    val.add_argument("--map", dest="mapping", action="append", default=[], metavar=f'"{n.VOLTAGE}=Ewe/V"',
                     help=f"take a table column from a file column (repeatable): {n.TIME_S!r}, {n.VOLTAGE!r}, "
                          f"{n.CURRENT!r}, {n.CURRENT_DENSITY!r}, ...")
    val.add_argument("--bounds", action="append", default=[], metavar='"NAME=LO:HI"',
                     help="bounds of a fitted parameter, physical units (repeatable)")
    val.add_argument("--starts", type=int, default=1, metavar="N",
                     help="multi-start fit: the case's values plus N-1 Latin-hypercube points (default 1)")
    val.add_argument("--posterior", action="store_true",
                     help="after the fit, sample the posterior with PyBOP (pip install 'anodefree_sim[fit]'): "
                          "credible intervals in summary.json and a corner plot posterior.png")
    val.add_argument("--margin", type=float, default=0.5, metavar="V",
                     help="a simulated voltage leaving the measured window by more than this [V] is a failed "
                          "comparison (exit status 1, no RMSE); default 0.5")
    conv = sub.add_parser(
        "convert", help="convert a measured or simulated file to BDF (.bdf.csv/.bdf.parquet) or this tool's CSV",
        description="Read any supported file (cycler exports, BioLogic, Neware, BDF, this tool's CSV) and write "
                    "it as Battery Data Format (.bdf.csv, .bdf.parquet) or as this tool's CSV (.csv).",
    )
    conv.add_argument("data_file", help="measured or simulated data file")
    conv.add_argument("--to", required=True, metavar="OUT",
                      help="output: NAME.bdf.csv, NAME.bdf.parquet or NAME.csv")
    conv.add_argument("--area", type=float, help="electrode area [m2] (needed for a current density)")
    conv.add_argument("--current-sign", type=int, choices=(1, -1), metavar="{1,-1}",
                      help="sign convention of a generic CSV's current (see validate --help)")
    conv.add_argument("--map", dest="mapping", action="append", default=[], metavar=f'"{n.VOLTAGE}=Ewe/V"',
                      help="take a table column from a file column (repeatable)")
    conv.add_argument("--temperature", type=float, metavar="K",
                      help="ambient temperature [K] written when the file has none (a simulation)")
    conv.add_argument("--pressure", type=float, metavar="PA",
                      help="applied stack pressure [Pa] written when the file has none (a simulation)")
    conv.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    sw = sub.add_parser("sweep", help="run a parameter sweep of a case (resumable, parallel)",
                        description="Run a sweep spec (TOML); results go to --out as Parquet parts, "
                                    "resumable with --resume. 'anodefree-sim sweep --example' prints a spec.")
    _add_sweep_arguments(sw)
    pm = sub.add_parser("pressure-map", help="outcome map (stable / voiding / short) over pressure x current",
                        description="One plate/strip cycle per stack pressure and current density; "
                                    "prints the map and the CCD per pressure.")
    if _chosen("pressure-map", argv):
        _add_pressure_map_arguments(pm)
    pv = sub.add_parser("provenance", help="every parameter of every shipped set: value, unit, kind, source",
                        description="The provenance ledger: value, unit, kind (paper, literature, derived, "
                                    "assumed, calibrated), source and valid range of every parameter.")
    pv.add_argument("--json", action="store_true", help="print a JSON list of objects")
    pv.add_argument("--set", dest="parameter_set", metavar="NAME", help="one parameter set, e.g. Choi2025")
    pv.add_argument("--kind", help="only rows of this kind, e.g. calibrated")
    tg = sub.add_parser("targets", help="every paper number computed live, with its kind (fitted/input/predicted)",
                        description="Compute every paper target (DESIGN T1-T11 and external checks) and compare "
                                    "with the paper; kind says whether a parameter was fitted to it.")
    if _chosen("targets", argv):
        from anodefree_sim.targets import add_targets_arguments

        add_targets_arguments(tg)
    return p


def _cmd_provenance(args) -> int:
    from anodefree_sim.provenance import format_table, ledger

    rows = ledger(args.parameter_set, args.kind)
    print(json.dumps(rows, indent=1, allow_nan=False) if args.json else format_table(rows))
    return 0


def _pairs(items: list[str], option: str, example: str) -> dict:
    """``["A=b", ...]`` -> ``{"A": "b"}``; a malformed item is a ValueError naming the option."""
    out = {}
    for item in items:
        key, sep, value = item.rpartition("=")
        if not sep or not key.strip() or not value.strip():
            raise ValueError(f"{option} {item!r}: expected {example}")
        out[key.strip()] = value.strip()
    return out


def _cmd_validate(args) -> int:
    from anodefree_sim.validation.report import FAILED, SimulationFailed, validate

    bounds = {}
    for name, text in _pairs(args.bounds, "--bounds", '"NAME [unit]=LO:HI"').items():
        lo, sep, hi = text.partition(":")
        try:
            bounds[name] = (float(lo), float(hi))
        except ValueError:
            sep = ""
        if not sep:
            raise ValueError(f"--bounds {name}={text!r}: expected LO:HI, two numbers")
    names = [s.strip() for s in args.fit.split(",") if s.strip()]
    if args.starts < 1:
        raise ValueError(f"--starts must be >= 1, got {args.starts}")
    if args.protocol is None and args.align is not None and args.align != "time":
        raise ValueError("--align capacity needs --protocol (a measured current is followed in time)")
    table, meta = _read_for_cli(args)
    area = args.area if args.area is not None else meta.get(n.P_AREA)
    try:
        summary = validate(table, args.case, fit=names, report_dir=args.report, area=area, backend=args.backend,
                           protocol=args.protocol, align=args.align, bounds=bounds, starts=args.starts,
                           margin=args.margin, posterior=args.posterior)
    except SimulationFailed as err:
        print(f"anodefree-sim: failed comparison: {err}", file=sys.stderr)
        return 1
    final = summary.get("After fit", summary["Before fit"])
    if FAILED in summary:
        print(f"{args.case}: FAILED comparison: {summary[FAILED]}")
    else:
        print(f"{args.case}: voltage RMSE {1000 * final[n.VOLTAGE_RMSE]:.2f} mV, "
              f"max error {1000 * final[n.MAX_VOLTAGE_ERROR]:.2f} mV")
    if "Fit" in summary:
        print(json.dumps(summary["Fit"]["Fitted parameters"]))
        if summary["Fit"]["Parameters at a bound"]:
            print(f"at a bound (interval not valid): {', '.join(summary['Fit']['Parameters at a bound'])}")
    if "Posterior" in summary:
        print("95% credible intervals:", json.dumps(summary["Posterior"]["95% credible intervals"]))
        print(f"wrote {args.report}/posterior.png")
    print(f"wrote {args.report}/summary.json and {args.report}/comparison.png")
    return 1 if FAILED in summary else 0


def _read_for_cli(args) -> tuple[dict, dict]:
    """Read ``args.data_file`` with the --map / --current-sign / --area options of validate and convert."""
    from anodefree_sim.validation.readers import read_measurement

    mapping = {col: name for name, col in _pairs(args.mapping, "--map", f'"{n.VOLTAGE}=<file column>"').items()}
    kwargs = {"area": args.area}
    if mapping:
        kwargs["mapping"] = mapping
    if args.current_sign is not None:
        kwargs["current_sign"] = float(args.current_sign)
    return read_measurement(args.data_file, **kwargs)


def _cmd_convert(args) -> int:
    from anodefree_sim.simulation import write_csv
    from anodefree_sim.validation.readers.bdf import is_bdf_path, write_bdf

    out = Path(args.to)
    name = out.name.lower()
    if not (is_bdf_path(out) and not name.endswith(".gz")) and not name.endswith(".csv"):
        raise ValueError(f"--to {args.to!r}: the name must end in .bdf.csv, .bdf.parquet or .csv")
    if out.exists() and not args.force:
        raise ValueError(f"--to {args.to}: the file exists (use --force to overwrite)")
    if Path(args.data_file).resolve() == out.resolve():
        raise ValueError("--to names the input file")
    table, meta = _read_for_cli(args)
    area = args.area if args.area is not None else meta.get(n.P_AREA)
    if is_bdf_path(out):
        write_bdf(table, out, area=area, temperature=args.temperature, pressure=args.pressure)
    else:
        write_csv(_own_csv_table(table, area, args.temperature, args.pressure), out)
    print(f"{args.data_file} ({meta['format']}, {len(table[n.TIME_S])} rows) -> {out}")
    return 0


def _own_csv_table(table: dict, area: float | None, temperature: float | None, pressure: float | None) -> dict:
    """This tool's CSV columns (Time [h], Voltage [V], Current density [mA.cm-2] with an area) of a table."""
    import numpy as np

    out = {n.TIME_H: np.asarray(table[n.TIME_S]) / 3600, n.VOLTAGE: table[n.VOLTAGE]}
    if n.CURRENT_DENSITY in table:
        out[n.CURRENT_DENSITY_MA] = np.asarray(table[n.CURRENT_DENSITY]) / 10
    elif n.CURRENT in table and area is not None:
        out[n.CURRENT_DENSITY_MA] = np.asarray(table[n.CURRENT]) / area / 10
    dropped = (n.TIME_S, n.CURRENT_DENSITY) + ((n.CURRENT,) if n.CURRENT_DENSITY_MA in out else ())
    out.update({k: v for k, v in table.items() if k not in dropped and k not in out})
    length = len(out[n.TIME_H])
    if temperature is not None and n.P_TEMPERATURE not in out:
        out[n.P_TEMPERATURE] = np.full(length, temperature)
    if pressure is not None and n.P_STACK_PRESSURE not in out:
        out[n.P_STACK_PRESSURE] = np.full(length, pressure)
    return out


def _cmd_energy_density(args) -> int:
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


def _cmd_list() -> int:
    from anodefree_sim.cases import CASES

    for case in CASES.values():
        print(f"{case.name}\t{case.description}")
    return 0


#: extensions of the CSV outputs (--out, --cycles-out)
CSV_SUFFIXES = (".csv",)


def plot_suffixes() -> tuple[str, ...]:
    """Extensions of the figures (``--plot``, ``--quickplot``): :data:`anodefree_sim.plotting.FORMATS`."""
    from anodefree_sim.plotting import FORMATS

    return tuple(f".{k}" for k in FORMATS)


def check_output_path(path: str, option: str, suffixes: tuple[str, ...]) -> Path:
    """Check an output file before a run: supported extension, existing writable folder, not a folder.

    Raises ``ValueError`` naming the option (the CLI exits 2 with that line); nothing is created.
    """
    p = Path(path)
    if p.suffix.lower() not in suffixes:
        raise ValueError(f"{option} {path}: unsupported extension '{p.suffix}'; use one of {', '.join(suffixes)}")
    folder = p.parent if str(p.parent) else Path(".")
    if not folder.is_dir():
        raise ValueError(f"{option} {path}: folder '{folder}' does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ValueError(f"{option} {path}: folder '{folder}' is not writable")
    if p.is_dir():
        raise ValueError(f"{option} {path}: is a folder")
    if p.exists() and not os.access(p, os.W_OK):
        raise ValueError(f"{option} {path}: file is not writable")
    return p


def _check_run_outputs(args) -> None:
    """``run``: check --out / --cycles-out / --plot / --quickplot before the (possibly long) run."""
    from anodefree_sim.cases import get_case
    from anodefree_sim.simulation import PARQUET_SUFFIX, parquet_available

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
        if not (len(case.steps) > 1 and isinstance(case.steps[0], tuple)):
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


def _cmd_run(args) -> int:
    import pybamm

    from anodefree_sim.cases import get_case
    from anodefree_sim.simulation import parse_assignment, run_case
    from anodefree_sim.studies.stripping import case_staircase

    overrides = dict(parse_assignment(a) for a in args.assignments)
    _check_run_outputs(args)
    if args.fast_forward:
        return _fast_forward(args, overrides)

    case = get_case(args.case)
    pressure = case.options.get("stack pressure") == "contact"
    # a stripping staircase with the "mechanics" option reports its critical stripping current (every cycle)
    staircase = case.options.get("stack pressure") == "mechanics" and case_staircase(case.steps) is not None
    # a run that a named event ends (short circuit, voltage window, exhausted / blocking electrode) or with
    # steps infeasible at their start is a result, reported with its outcome; a solver failure is not
    # a multi-cycle run keeps the solution of the cycles it writes only (bounded memory); the per-cycle table
    # has every cycle either way. The critical current density (stack-pressure cases) reads every cycle.
    keep_all = args.all_cycles or pressure or staircase
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
            from anodefree_sim.studies.ccd import critical_current_density

            summary.update(critical_current_density(result))
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


def _pm_floats(text: str) -> list[float]:
    """Comma-separated numbers of a CLI option (``"1e6,2e6"``)."""
    try:
        values = [float(v) for v in text.replace(";", ",").split(",") if v.strip()]
    except ValueError:
        raise ValueError(f"expected comma-separated numbers, got '{text}'") from None
    if not values:
        raise ValueError(f"expected comma-separated numbers, got '{text}'")
    return values


def _add_pressure_map_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Arguments of ``anodefree-sim pressure-map``."""
    from anodefree_sim.studies import pressure_map as pm

    parser.add_argument("case", nargs="?", default="choi2025-ccd", metavar="CASE",
                        help="case whose first cycle is plate/strip (default choi2025-ccd)")
    parser.add_argument("--pressures", default=",".join(f"{p:g}" for p in pm.DEFAULT_PRESSURES),
                        metavar="P1,P2,..",
                        help="stack pressures [Pa], comma-separated")
    parser.add_argument("--currents", default=",".join(f"{j:g}" for j in pm.DEFAULT_CURRENTS), metavar="J1,J2,..",
                        help="current densities [mA/cm2], comma-separated")
    parser.add_argument("--temperature", metavar="K[,K..]",
                        help="ambient temperature(s) [K] (default: the case's); several add a temperature axis")
    parser.add_argument("--capacity", type=float, default=1.0, metavar="Q",
                        help="charge per plate / strip step [mA.h/cm2] (default 1)")
    parser.add_argument("--precondition", type=int, default=None, metavar="N",
                        help="formation cycles before the mapped one, the last a plating only (default: 1 if "
                             "the negative electrode starts without Li metal, else 0)")
    parser.add_argument("--precondition-current", type=float, default=pm.DEFAULT_PRECONDITION_CURRENT, metavar="J",
                        help=f"current density of the formation cycles [mA/cm2] "
                             f"(default {pm.DEFAULT_PRECONDITION_CURRENT:g})")
    parser.add_argument("--set", dest="assignments", action="append", default=[], metavar='"NAME [unit]=VALUE"',
                        help="override a parameter value (repeatable)")
    parser.add_argument("--plot", metavar="FIG.png", help="save the map")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    return parser


def _cmd_pressure_map(args: argparse.Namespace) -> int:
    """``anodefree-sim pressure-map``: compute, print (table or JSON) and plot the map; returns the exit status."""
    import matplotlib.pyplot as plt
    import numpy as np

    from anodefree_sim.plotting import plot_pressure_map
    from anodefree_sim.simulation import parse_assignment
    from anodefree_sim.studies.pressure_map import format_map, pressure_map, to_json

    overrides = dict(parse_assignment(a) for a in args.assignments)
    temperature = None
    if args.temperature:
        temps = _pm_floats(args.temperature)
        temperature = temps[0] if len(temps) == 1 else temps
    result = pressure_map(args.case, pressures=_pm_floats(args.pressures),
                          current_densities=_pm_floats(args.currents),
                          temperature=temperature, overrides=overrides, capacity=args.capacity,
                          precondition_cycles=args.precondition, precondition_current=args.precondition_current)
    if args.json:
        print(json.dumps(to_json(result), indent=1))
    else:
        print(format_map(result))
    if args.plot:
        ax = plot_pressure_map(result, path=args.plot)
        plt.close(np.atleast_1d(ax)[0].figure)
        print(f"wrote {args.plot}", file=sys.stderr if args.json else sys.stdout)
    return 0



def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 1 solver failure, 2 bad input, 130 interrupted)."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("anodefree-sim: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (e.g. `anodefree-sim provenance | head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _main(argv: list[str] | None) -> int:
    args = _parser(argv).parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            if args.command == "list":
                return _cmd_list()
            if args.command == "energy-density":
                return _cmd_energy_density(args)
            if args.command == "validate":
                return _cmd_validate(args)
            if args.command == "convert":
                return _cmd_convert(args)
            if args.command == "sweep":
                return _cmd_sweep(args)
            if args.command == "provenance":
                return _cmd_provenance(args)
            if args.command == "targets":
                from anodefree_sim.targets import targets_from_args

                return targets_from_args(args)
            if args.command == "pressure-map":
                if args.plot:
                    check_output_path(args.plot, "--plot", plot_suffixes())
                return _cmd_pressure_map(args)
            return _cmd_run(args)
    except BrokenPipeError:
        raise
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
