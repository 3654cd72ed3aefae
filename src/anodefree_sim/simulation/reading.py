"""Numbers read off a solution wherever the solver's steps fall (issue 14: the answer rule).

The adaptive solver's time points crowd where the solution changes fast, so a mean, a median or a minimum over
the rows of an output table (the solver's points plus a uniform grid) moves whenever the steps move, e.g. with a
tolerance or a variable scale, although the solution itself does not. These functions read the solution's own
interpolant instead (``solution[name](t)``: PyBaMM's cubic Hermite interpolation of IDAKLU's states and
derivatives): means and medians over a uniform grid of time, level crossings by root finding, extrema located
on a dense grid and refined by a bounded scalar minimisation. What is left is the solver's own error.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.optimize import brentq, minimize_scalar

from anodefree_sim.simulation.run import CaseResult, first_step_sign
from anodefree_sim.simulation.tables import table_at

#: points of the uniform time grids of :func:`mean`, :func:`median`, :func:`crossing` and :func:`extremum`
DENSE_POINTS = 20001


def columns_at(result: CaseResult, t: np.ndarray, columns: list[str]) -> dict:
    """The output-table columns ``columns`` of a run at times ``t`` [s] (with the table's sign and units)."""
    t = np.atleast_1d(np.asarray(t, dtype=float))
    return table_at(result.solution, t, result.parameter_values, first_step_sign(result.case),
                    result.case.full_cell, columns)


def column(result: CaseResult, name: str) -> Callable[[np.ndarray], np.ndarray]:
    """The output-table column ``name`` of a run as a function of time [s] (any times in the run).

    Parameters
    ----------
    result : CaseResult
        A run (:func:`~anodefree_sim.simulation.run_case`).
    name : str
        A column of its table (e.g. ``"Voltage [V]"``, ``"Capacity [mA.h.cm-2]"``, with the table's sign and
        units).
    """
    return lambda t: columns_at(result, t, [name])[name]


def _grid(t_lo: float, t_hi: float, points: int) -> np.ndarray:
    if not t_hi > t_lo:
        raise ValueError(f"t_hi must exceed t_lo, got [{t_lo}, {t_hi}]")
    return np.linspace(t_lo, t_hi, points)


def mean(f: Callable, t_lo: float, t_hi: float, weight: Callable | None = None,
         points: int = DENSE_POINTS) -> float:
    """Mean of ``f`` over [t_lo, t_hi] [s]: over time, or over ``weight`` (e.g. the capacity: the integral of
    ``f d(weight)`` over the change of ``weight``), by the trapezoidal rule on a uniform time grid."""
    t = _grid(t_lo, t_hi, points)
    y = f(t)
    x = t if weight is None else weight(t)
    return float(np.trapezoid(y, x) / (x[-1] - x[0]))


def median(f: Callable, t_lo: float, t_hi: float, points: int = DENSE_POINTS) -> float:
    """Median of ``f`` over time on [t_lo, t_hi] [s] (on a uniform time grid)."""
    return float(np.median(f(_grid(t_lo, t_hi, points))))


def crossing(f: Callable, level: float, t_lo: float, t_hi: float, points: int = DENSE_POINTS) -> float | None:
    """First time [s] in [t_lo, t_hi] at which ``f`` reaches ``level`` (either way), or None.

    Bracketed on a uniform grid, then located by Brent's method on the interpolant to 1e-9 of the interval.
    """
    t = _grid(t_lo, t_hi, points)
    d = f(t) - level
    if d[0] == 0:
        return float(t[0])
    hit = np.nonzero(np.sign(d[1:]) != np.sign(d[0]))[0]
    if hit.size == 0:
        return None
    k = hit[0] + 1
    if d[k] == 0:
        return float(t[k])
    return float(brentq(lambda s: float(f(s)[0]) - level, t[k - 1], t[k], xtol=1e-9 * (t_hi - t_lo)))


def extremum(f: Callable, t_lo: float, t_hi: float, lowest: bool = True,
             points: int = DENSE_POINTS) -> tuple[float, float]:
    """(time [s], value) of the minimum (``lowest``) or maximum of ``f`` on [t_lo, t_hi].

    Located on a uniform grid, then refined by a bounded scalar minimisation over the grid cells either side.
    """
    s = 1.0 if lowest else -1.0
    t = _grid(t_lo, t_hi, points)
    y = s * f(t)
    k = int(np.argmin(y))
    best_t, best = float(t[k]), float(y[k])
    a, b = t[max(k - 1, 0)], t[min(k + 1, len(t) - 1)]
    refined = minimize_scalar(lambda u: s * float(f(u)[0]), bounds=(a, b), method="bounded",
                              options={"xatol": 1e-9 * (t_hi - t_lo)})
    if refined.success and refined.fun < best:
        best_t, best = float(refined.x), float(refined.fun)
    return best_t, s * best


def lowest_point(t: np.ndarray, values: np.ndarray) -> float:
    """Lowest value of a function known at the solver's points ``t`` only, between the points too.

    The lowest point is refined by the vertex of the parabola through it and its two neighbours when that
    parabola opens upwards and its vertex lies between them (a smooth minimum that the steps straddle); at an
    end of the run or a corner, the lowest point itself. For a solution that holds no state to interpolate
    (IDAKLU ``output_variables``): the linear table between the points cannot be lower than its lowest point.
    """
    t, v = np.asarray(t, dtype=float), np.asarray(values, dtype=float)
    k = int(np.argmin(v))
    if k == 0 or k == len(v) - 1:
        return float(v[k])
    (t0, t1, t2), (v0, v1, v2) = t[k - 1:k + 2], v[k - 1:k + 2]
    if not t0 < t1 < t2:  # a step boundary (the same time twice)
        return float(v1)
    d0, d2 = (v0 - v1) / (t0 - t1), (v2 - v1) / (t2 - t1)
    curvature = (d2 - d0) / (t2 - t0)  # a of a (t - t1)^2 + b (t - t1) + v1
    if not curvature > 0:
        return float(v1)
    slope = d0 - curvature * (t0 - t1)  # b
    s = -slope / (2 * curvature)
    if not t0 - t1 < s < t2 - t1:
        return float(v1)
    return float(min(v1, v1 - slope**2 / (4 * curvature)))
