"""``anodefree-sim validate | convert``: measured data against a case, and file conversion."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from anodefree_sim import names as n
from anodefree_sim.cli.common import add_command, pairs


def add_parsers(sub: argparse._SubParsersAction, argv: list[str] | None = None) -> None:
    """Add ``validate`` and ``convert`` to the subcommands ``sub``."""
    val = add_command(
        sub, "validate", cmd_validate,
        help="compare (and fit) a case against a measured voltage curve",
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
    conv = add_command(
        sub, "convert", cmd_convert,
        help="convert a measured or simulated file to BDF (.bdf.csv/.bdf.parquet) or this tool's CSV",
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


def cmd_validate(args: argparse.Namespace) -> int:
    from anodefree_sim.validation.report import FAILED, SimulationFailed, validate

    bounds = {}
    for name, text in pairs(args.bounds, "--bounds", '"NAME [unit]=LO:HI"').items():
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

    mapping = {col: name for name, col in pairs(args.mapping, "--map", f'"{n.VOLTAGE}=<file column>"').items()}
    kwargs = {"area": args.area}
    if mapping:
        kwargs["mapping"] = mapping
    if args.current_sign is not None:
        kwargs["current_sign"] = float(args.current_sign)
    return read_measurement(args.data_file, **kwargs)


def cmd_convert(args: argparse.Namespace) -> int:
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
