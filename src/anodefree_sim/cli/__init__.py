"""Command-line interface ``anodefree-sim`` (a thin layer over :mod:`anodefree_sim.simulation` and the studies).

    anodefree-sim list
    anodefree-sim run CASE [--set "Parameter name [unit]=value"]... [--out results.csv] [--plot fig.png]
    anodefree-sim energy-density | validate | convert | sweep | pressure-map | provenance | targets ...

Bad input exits with status 2 and one readable line on stderr, never a traceback; output paths are
checked before a run starts. Ctrl-C ends any command with one line and status 130.

Every argparse parser of the package is here, one module per command group: :mod:`.run` (list, run,
energy-density), :mod:`.data` (validate, convert), :mod:`.studies` (sweep, pressure-map, targets, provenance);
:mod:`.common` holds the shared checks. A command module imports PyBaMM only inside its command functions.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings

from anodefree_sim.cli import data, run, studies
from anodefree_sim.interrupts import noting_interrupts, raise_if_interrupted


def _parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="anodefree-sim",
        description="Simulate initially anode-free all-solid-state Li cells (PyBaMM-based).",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in (run, data, studies):
        group.add_parsers(sub, argv)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 1 solver failure, 2 bad input, 130 interrupted)."""
    try:
        with noting_interrupts():
            status = _main(argv)
            raise_if_interrupted()  # recorded, but its KeyboardInterrupt was lost (anodefree_sim.interrupts)
            return status
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
            return args.command_function(args)
    except BrokenPipeError:
        raise
    except (ValueError, KeyError, OSError) as err:
        raise_if_interrupted()  # a Ctrl-C that surfaced as another error is a Ctrl-C
        if isinstance(err, OSError) and err.filename:
            msg = f"{err.filename}: {err.strerror}"
        else:
            msg = str(err).strip().strip("'\"").splitlines()[0] if str(err).strip() else repr(err)
        print(f"anodefree-sim: error: {msg}", file=sys.stderr)
        return 2
    except Exception as err:  # a solver failure: one line, non-zero exit
        raise_if_interrupted()  # e.g. a failed solver step where CasADi dropped the KeyboardInterrupt
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        print(f"anodefree-sim: error: {type(err).__name__}: {first}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
