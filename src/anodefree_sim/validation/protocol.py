"""Turn a measured current trace into a simulation protocol, so the model sees what the cell saw.

Two forms: constant-current steps (piecewise-constant segments of the measured current, written as
PyBaMM step strings, in A or, with an electrode area, in mA.cm-2 for :mod:`anodefree_sim.protocols`), or
a current interpolant for ``"Current function [A]"`` when the trace is not piecewise constant.
"""

from __future__ import annotations

import numpy as np
import pybamm

from anodefree_sim import names as n

TIME, CURRENT = n.TIME_S, n.CURRENT


def current_segments(table: dict, rel_tol: float = 0.02, abs_tol: float = 1e-6) -> list[tuple[float, float]]:
    """Piecewise-constant segments of the measured current: a list of (current [A], duration [s]).

    A new segment starts when the current departs from the running segment mean by more than
    ``rel_tol`` x |mean| + ``abs_tol``. Positive current = discharge (PyBaMM convention).
    """
    if CURRENT not in table:
        raise ValueError("the measurement has no 'Current [A]' column: give the protocol explicitly")
    t = np.asarray(table[TIME], dtype=float)
    i = np.asarray(table[CURRENT], dtype=float)
    if t.size < 2:
        raise ValueError("need at least two measured points to build a protocol")
    segments, start = [], 0
    for k in range(1, t.size + 1):
        mean = i[start:k].mean()
        if k == t.size or abs(i[k] - mean) > rel_tol * abs(mean) + abs_tol:
            end_t = t[k] if k < t.size else t[-1]
            duration = end_t - t[start]
            if duration > 0:
                segments.append((float(mean), float(duration)))
            start = k
    return segments


def current_steps(table: dict, area: float | None = None, rel_tol: float = 0.02) -> list[str]:
    """Measured current as step strings: ``"Discharge at 1.3 mA.cm-2 for 60 seconds"`` (with ``area``
    [m2], for :func:`anodefree_sim.protocols.areal_experiment`) or ``"... at 0.00133 A ..."``."""
    steps = []
    for current, duration in current_segments(table, rel_tol):
        if abs(current) < 1e-9:
            steps.append(f"Rest for {duration:.6g} seconds")
            continue
        verb = "Discharge" if current > 0 else "Charge"
        value = f"{abs(current) / area / 10:.6g} mA.cm-2" if area else f"{abs(current):.6g} A"
        steps.append(f"{verb} at {value} for {duration:.6g} seconds")
    return steps


def current_interpolant(table: dict) -> pybamm.Interpolant:
    """``"Current function [A]"`` following the measured trace (linear interpolation in time)."""
    if CURRENT not in table:
        raise ValueError("the measurement has no 'Current [A]' column")
    t = np.asarray(table[TIME], dtype=float)
    return pybamm.Interpolant(t - t[0], np.asarray(table[CURRENT], dtype=float), pybamm.t,
                              name=n.MEASURED_CURRENT)
