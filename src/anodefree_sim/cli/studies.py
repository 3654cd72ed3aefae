"""``anodefree-sim sweep | pressure-map | plating-map | targets | provenance``: studies over many runs, and the
ledgers."""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

from anodefree_sim.cli.common import add_command, check_output_path, chosen, floats, plot_suffixes


def add_parsers(sub: argparse._SubParsersAction, argv: list[str] | None = None) -> None:
    """Add ``sweep``, ``pressure-map``, ``plating-map``, ``provenance`` and ``targets`` to the subcommands ``sub``
    (the arguments of ``pressure-map``, ``plating-map`` and ``targets`` only when that command is chosen: they
    import PyBaMM)."""
    sw = add_command(
        sub, "sweep", cmd_sweep,
        help="run a parameter sweep of a case (resumable, parallel)",
        description="Run a sweep spec (TOML); results go to --out as Parquet parts, "
                    "resumable with --resume. 'anodefree-sim sweep --example' prints a spec.",
    )
    add_sweep_arguments(sw)
    maps = (
        ("pressure-map", cmd_pressure_map, add_pressure_map_arguments,
         "outcome map (stable / voiding / short) over pressure x current",
         "One plate/strip cycle per stack pressure and current density; prints the map and the CCD per pressure."),
        ("plating-map", cmd_plating_map, add_plating_map_arguments,
         "where plated Li goes (collector / inside / separator side) over current x a parameter",
         "Plate a fixed charge with the mixed-conducting doped layer per current density and value of --axis; "
         "prints the % of the plated Li at the collector (censored points marked)."),
    )
    for name, command, add_arguments, summary, description in maps:
        parser = add_command(sub, name, command, help=summary, description=description)
        if chosen(name, argv):
            add_arguments(parser)
    pv = add_command(
        sub, "provenance", cmd_provenance,
        help="every parameter of every shipped set: value, unit, kind, source",
        description="The provenance ledger: value, unit, kind (paper, literature, derived, "
                    "assumed, calibrated), source and valid range of every parameter.",
    )
    pv.add_argument("--json", action="store_true", help="print a JSON list of objects")
    pv.add_argument("--set", dest="parameter_set", metavar="NAME", help="one parameter set, e.g. Choi2025")
    pv.add_argument("--kind", help="only rows of this kind, e.g. calibrated")
    tg = add_command(
        sub, "targets", cmd_targets,
        help="every paper number computed live, with its kind (fitted/input/predicted)",
        description="Compute every paper target (DESIGN T1-T11 and external checks) and compare "
                    "with the paper; kind says whether a parameter was fitted to it.",
    )
    if chosen("targets", argv):
        add_targets_arguments(tg)


def cmd_provenance(args: argparse.Namespace) -> int:
    from anodefree_sim.provenance import format_table, ledger

    rows = ledger(args.parameter_set, args.kind)
    print(json.dumps(rows, indent=1, allow_nan=False) if args.json else format_table(rows))
    return 0


def add_sweep_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Arguments of ``anodefree-sim sweep`` (for a subparser of the main CLI)."""
    parser.add_argument("spec", nargs="?", metavar="SPEC.toml", help="sweep specification (see --example)")
    parser.add_argument("--out", metavar="DIR", help="folder for spec.toml, parts/ and results.parquet")
    parser.add_argument("--workers", type=int, default=1, metavar="N",
                        help="local processes, this one included (default 1)")
    parser.add_argument("--scheduler", metavar="ADDR",
                        help="Dask scheduler address (pip install 'anodefree_sim[dask]')")
    parser.add_argument("--resume", action="store_true", help="continue an interrupted sweep in --out")
    parser.add_argument("--retry-failed", action="store_true", help="with --resume: recompute failed cases")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--example", action="store_true", help="print a commented example spec and exit")
    return parser


def cmd_sweep(args: argparse.Namespace) -> int:
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


def add_pressure_map_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Arguments of ``anodefree-sim pressure-map``."""
    from anodefree_sim.studies import pressure_map as pm

    parser.add_argument("case", nargs="?", default="choi2025-ccd-lumped", metavar="CASE",
                        help="case whose first cycle is plate/strip (default choi2025-ccd-lumped)")
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
    parser.add_argument("--stack-pressure", choices=pm.MAP_STACK_PRESSURE, default=pm.MAP_STACK_PRESSURE[0],
                        help="stack-pressure option of the map (default contact; under mechanics a run that "
                             "ends on 'contact lost' is voiding)")
    parser.add_argument("--plot", metavar="FIG.png", help="save the map")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    return parser


def cmd_pressure_map(args: argparse.Namespace) -> int:
    """``anodefree-sim pressure-map``: compute, print (table or JSON) and plot the map; returns the exit status."""
    import matplotlib.pyplot as plt
    import numpy as np

    from anodefree_sim.plotting import plot_pressure_map
    from anodefree_sim.simulation import parse_assignment
    from anodefree_sim.studies.pressure_map import format_map, pressure_map, to_json

    if args.plot:
        check_output_path(args.plot, "--plot", plot_suffixes())
    overrides = dict(parse_assignment(a) for a in args.assignments)
    temperature = None
    if args.temperature:
        temps = floats(args.temperature)
        temperature = temps[0] if len(temps) == 1 else temps
    result = pressure_map(args.case, pressures=floats(args.pressures),
                          current_densities=floats(args.currents),
                          temperature=temperature, overrides=overrides, capacity=args.capacity,
                          options={"stack pressure": args.stack_pressure},
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


def add_plating_map_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Arguments of ``anodefree-sim plating-map``."""
    from anodefree_sim.studies import plating_location as pl

    parser.add_argument("case", nargs="?", default="choi2025-plating-5mah", metavar="CASE",
                        help="plating case (default choi2025-plating-5mah); its first step is rewritten")
    parser.add_argument("--currents", default=",".join(f"{j:g}" for j in pl.DEFAULT_CURRENTS), metavar="J1,J2,..",
                        help="plating current densities [mA/cm2], comma-separated")
    parser.add_argument("--axis", default="silver content", metavar="AXIS",
                        help="second axis: " + ", ".join(f"'{k}'" for k in pl.AXES)
                        + " (x [-], doped layer [um], [K]; default 'silver content')")
    parser.add_argument("--values", metavar="V1,V2,..",
                        help="values of --axis in its unit (default: " + "; ".join(
                            f"{k}: {','.join(f'{v:g}' for v in vals)}" for k, vals in pl.DEFAULT_VALUES.items())
                        + ")")
    parser.add_argument("--capacity", type=float, default=5.0, metavar="Q",
                        help="charge plated per point [mA.h/cm2] (default 5, Choi Fig. 3f)")
    parser.add_argument("--set", dest="assignments", action="append", default=[], metavar='"NAME [unit]=VALUE"',
                        help="override a parameter value (repeatable)")
    parser.add_argument("--plot", metavar="FIG.png", help="save the map (.png, .svg or .pdf)")
    parser.add_argument("--csv", metavar="TABLE.csv", help="save the table (one row per point)")
    parser.add_argument("--json", action="store_true", help="print the table as JSON records")
    return parser


def cmd_plating_map(args: argparse.Namespace) -> int:
    """``anodefree-sim plating-map``: compute, print (table or JSON), save and plot the map; returns the exit
    status."""
    import matplotlib.pyplot as plt

    from anodefree_sim.plotting import plot_plating_map
    from anodefree_sim.simulation import parse_assignment
    from anodefree_sim.studies.plating_location import format_table, observations, plating_location

    if args.plot:
        check_output_path(args.plot, "--plot", plot_suffixes())
    if args.csv:
        check_output_path(args.csv, "--csv", (".csv",))
    overrides = dict(parse_assignment(a) for a in args.assignments)
    table = plating_location(args.case, current_densities=floats(args.currents), axis=args.axis,
                             values=floats(args.values) if args.values else None, capacity=args.capacity,
                             overrides=overrides)
    if args.json:
        print(table.to_json(orient="records", indent=1))
    else:
        print(format_table(table))
    out = sys.stderr if args.json else sys.stdout
    if args.csv:
        table.to_csv(args.csv, index=False)
        print(f"wrote {args.csv}", file=out)
    if args.plot:
        ax = plot_plating_map(table, path=args.plot, observations=observations(args.axis))
        plt.close(ax.figure)
        print(f"wrote {args.plot}", file=out)
    return 0


def add_targets_arguments(p: argparse.ArgumentParser) -> None:
    """Arguments of ``anodefree-sim targets``."""
    from anodefree_sim.targets import GROUPS, KEYS

    slow = ", ".join(f"{k} ~{g.seconds:g} s" for k, g in GROUPS.items() if g.expensive)
    p.add_argument("--json", action="store_true", help="print a strict JSON list of objects with keys "
                   + ", ".join(KEYS))
    p.add_argument("--markdown", action="store_true", help="print the README table")
    p.add_argument("--only", default="", metavar="T1,T5", help="comma-separated target ids or families")
    p.add_argument("--quick", action="store_true",
                   help=f"skip the expensive computations unless named in --only ({slow}); the full run takes "
                        f"~{sum(g.seconds for g in GROUPS.values()):g} s on 2 cores")


def cmd_targets(args: argparse.Namespace) -> int:
    """Run ``anodefree-sim targets``; exit 1 when a computation failed (its targets say 'not computed')."""
    from anodefree_sim.targets import evaluate, format_rows, markdown, select

    only = [s.strip() for s in args.only.split(",") if s.strip()]
    picked = select(only, args.quick)
    start = time.perf_counter()
    rows = evaluate(picked)
    if args.json:
        print(json.dumps(rows, allow_nan=False))
    elif args.markdown:
        print(markdown(rows), end="")
    else:
        print(format_rows(rows))
        print(f"{len(rows)} targets in {time.perf_counter() - start:.0f} s: "
              f"{sum(r['within tolerance'] for r in rows)} within tolerance, "
              f"{sum(r['kind'] == 'predicted' for r in rows)} predicted", file=sys.stderr)
    return 1 if any(r["model value"] is None for r in rows) else 0
