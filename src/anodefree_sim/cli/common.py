"""Helpers shared by the CLI's command groups: lazy subcommand arguments, output-path checks, option parsing."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path


def chosen(command: str, argv: list[str] | None) -> bool:
    """Whether ``command`` is on the command line: the arguments of a subcommand whose module imports PyBaMM
    are added only then, so ``--help``, ``list`` and the other commands start without importing it."""
    return command in (sys.argv[1:] if argv is None else argv)


def add_command(sub: argparse._SubParsersAction, name: str, function: Callable[[argparse.Namespace], int],
                **kwargs) -> argparse.ArgumentParser:
    """Add the subcommand ``name`` (``kwargs``: its ``help`` and ``description``), run by ``function(args)``."""
    parser = sub.add_parser(name, **kwargs)
    parser.set_defaults(command_function=function)
    return parser


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


def pairs(items: list[str], option: str, example: str) -> dict:
    """``["A=b", ...]`` -> ``{"A": "b"}``; a malformed item is a ValueError naming the option."""
    out = {}
    for item in items:
        key, sep, value = item.rpartition("=")
        if not sep or not key.strip() or not value.strip():
            raise ValueError(f"{option} {item!r}: expected {example}")
        out[key.strip()] = value.strip()
    return out


def floats(text: str) -> list[float]:
    """Comma-separated numbers of a CLI option (``"1e6,2e6"``)."""
    try:
        values = [float(v) for v in text.replace(";", ",").split(",") if v.strip()]
    except ValueError:
        raise ValueError(f"expected comma-separated numbers, got '{text}'") from None
    if not values:
        raise ValueError(f"expected comma-separated numbers, got '{text}'")
    return values
