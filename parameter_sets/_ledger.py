"""The provenance ledger: every parameter value with its unit, kind, source and physical valid range.

A parameter set declares each parameter once, as ``name: entry(value, kind, source, range)``;
:func:`values_of` turns those entries into the plain dict PyBaMM gets, and the same entries are the
ledger rows (:func:`anodefree_sim.provenance.ledger`) and the ranges that
:func:`anodefree_sim.checks.check_parameter_values` enforces before a build.

Kinds
-----
``paper``       a number read from a figure / table / Methods of the set's own paper(s)
``literature``  a number from another publication (named in the source)
``derived``     computed from other values (the source says from what)
``assumed``     a modelling assumption or numerical setting, no measurement behind it
``calibrated``  fitted so the model reproduces a target; the source names the target ("T1: ...")
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

KINDS = ("paper", "literature", "derived", "assumed", "calibrated")


@dataclass(frozen=True)
class Range:
    """Physical valid range ``lo .. hi`` of a parameter (``open_lo`` / ``open_hi``: bound excluded).

    ``warn``: an optional narrower range (lo, hi) of published or tested values; outside it a value is
    accepted with a warning.
    """

    lo: float = -math.inf
    hi: float = math.inf
    open_lo: bool = False
    open_hi: bool = False
    warn: tuple[float, float] | None = None

    def __contains__(self, value: float) -> bool:
        if not math.isfinite(value):
            return False
        above = value > self.lo if self.open_lo else value >= self.lo
        below = value < self.hi if self.open_hi else value <= self.hi
        return above and below

    def __str__(self) -> str:
        left = "(" if self.open_lo or self.lo == -math.inf else "["
        right = ")" if self.open_hi or self.hi == math.inf else "]"
        return f"{left}{self.lo:g}, {self.hi:g}{right}"


#: Ranges used when an entry gives none, by unit (fallback: any finite number >= 0)
POSITIVE = Range(0.0, math.inf, open_lo=True)
NON_NEGATIVE = Range(0.0, math.inf)
FRACTION = Range(0.0, 1.0)
#: temperatures [K]: the Arrhenius data of the sets are for about -40 to 100 C
TEMPERATURE = Range(200.0, 450.0)
#: stack pressure [Pa]: (0, 1 GPa]; zero would mean no contact at all (contact law divides by P)
PRESSURE = Range(0.0, 1e9, open_lo=True)
#: electrode potentials vs Li/Li+ [V]: within the argyrodite's window and a little beyond
POTENTIAL = Range(-1.0, 5.0)
#: Arrhenius activation energies [J.mol-1] and migration barriers [eV]
ENERGY_J = Range(0.0, 2e5)
ENERGY_EV = Range(0.0, 2.0)

_UNIT_DEFAULTS = {"K": TEMPERATURE, "Pa": NON_NEGATIVE, "V": POTENTIAL, "eV": ENERGY_EV, "J.mol-1": ENERGY_J}


@dataclass(frozen=True)
class Entry:
    """One parameter value with its provenance (see the module docstring for the kinds)."""

    value: object
    kind: str
    source: str
    range: Range


def unit_of(name: str) -> str:
    """The unit in the trailing bracket of a PyBaMM parameter name ('' if dimensionless)."""
    m = re.search(r"\[([^\]]*)\]\s*$", name)
    return m.group(1) if m else ""


def default_range(name: str) -> Range:
    """Range for a parameter whose entry gives none: by unit, fractions in [0, 1], else >= 0."""
    unit = unit_of(name)
    if unit in _UNIT_DEFAULTS:
        return _UNIT_DEFAULTS[unit]
    if "fraction" in name.lower() or "porosity" in name.lower():
        return FRACTION
    return NON_NEGATIVE


def entry(value, kind: str, source: str, range: Range | tuple | None = None) -> Entry:
    """A ledger entry. ``range`` as a :class:`Range` or a closed ``(lo, hi)``; None: filled in by the
    set builder from the parameter name (:func:`default_range`)."""
    if kind not in KINDS:
        raise ValueError(f"ledger kind '{kind}' is not one of {KINDS}")
    if not source.strip():
        raise ValueError("a ledger entry needs a source")
    if kind == "calibrated" and not re.search(r"\bT\d+\b|target", source):
        raise ValueError(f"a calibrated entry names its target ('T1: ...'), got '{source}'")
    if isinstance(range, tuple):
        range = Range(*range)
    return Entry(value, kind, source, range)


def paper(value, source: str, range=None) -> Entry:
    """Shorthand: :func:`entry` of kind ``paper``."""
    return entry(value, "paper", source, range)


def literature(value, source: str, range=None) -> Entry:
    """Shorthand: :func:`entry` of kind ``literature``."""
    return entry(value, "literature", source, range)


def derived(value, source: str, range=None) -> Entry:
    """Shorthand: :func:`entry` of kind ``derived``."""
    return entry(value, "derived", source, range)


def assumed(value, source: str, range=None) -> Entry:
    """Shorthand: :func:`entry` of kind ``assumed``."""
    return entry(value, "assumed", source, range)


def calibrated(value, source: str, range=None) -> Entry:
    """Shorthand: :func:`entry` of kind ``calibrated`` (``source`` names the target)."""
    return entry(value, "calibrated", source, range)


#: keys of a parameter set that are not parameters (metadata PyBaMM accepts)
META_KEYS = ("chemistry", "citations")


def complete(entries: dict) -> dict:
    """``entries`` with every missing range filled in from the name (:func:`default_range`)."""
    out = {}
    for name, e in entries.items():
        if isinstance(e, Entry) and e.range is None:
            e = Entry(e.value, e.kind, e.source, default_range(name))
        out[name] = e
    return out


def values_of(entries: dict) -> dict:
    """The plain parameter dict (what PyBaMM gets) of a dict of entries; metadata keys pass through."""
    out = {}
    for name, e in entries.items():
        if isinstance(e, Entry):
            out[name] = e.value
        elif name in META_KEYS:
            out[name] = e
        else:
            raise TypeError(f"parameter '{name}' has no ledger entry")
    return out
