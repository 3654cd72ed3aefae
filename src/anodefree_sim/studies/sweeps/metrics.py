"""Sweep metrics: functions of a :class:`~anodefree_sim.simulation.CaseResult` that return one float.

Add a metric by adding a function to :data:`METRICS` (in a module the sweep workers import). A sweep's
``result.table`` has only the :data:`COLUMNS` the metrics read, at the solver's points and linear in between
(``solution_table(..., interpolation="linear")``). A sweep of built-in metrics (:data:`BUILT_IN`) of a
single-cycle case solves with IDAKLU ``output_variables`` (:data:`OUTPUT_VARIABLES` only); with a custom metric
the solver keeps every variable, so that it can read more from ``result.solution``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from anodefree_sim import names as n

SOLVE_TIME = n.SOLVE_TIME
#: the output-table columns the metrics read (a sweep tabulates only these: interpolating all ~20 columns took
#: 60 % of a sweep case)
COLUMNS = (n.VOLTAGE, n.CAPACITY_AREAL, n.SPECIFIC_CAPACITY, n.EXSOLVED_FRACTION)


def _capacity(result) -> np.ndarray:
    return np.asarray(result.table[n.CAPACITY_AREAL], dtype=float)


def _voltage(result) -> np.ndarray:
    return np.asarray(result.table[n.VOLTAGE], dtype=float)


def discharge_capacity(result) -> float:
    """Charge passed at the end of the run (first-step sign) [mA.h.cm-2]."""
    return float(_capacity(result)[-1])


def specific_capacity(result) -> float:
    """Final specific capacity [mA.h.g-1] (per g of doped SE or of cathode); NaN without a mass."""
    values = result.table.get(n.SPECIFIC_CAPACITY)
    return float(values[-1]) if values is not None else math.nan


#: uniform time points over which :func:`plateau_voltage` takes its median
PLATEAU_POINTS = 2001


def _first_reach(level: float, values: np.ndarray, t: np.ndarray) -> float | None:
    """First time the piecewise-linear ``values(t)`` reaches ``level`` from below (None if never)."""
    k = int(np.argmax(values >= level))
    if values[k] < level:
        return None
    if k == 0:
        return float(t[0])
    return float(np.interp(level, [values[k - 1], values[k]], [t[k - 1], t[k]]))


def plateau_voltage(result) -> float:
    """Median voltage over time while 25-75 % of the lattice Ag exsolves; without exsolution, voltage at
    mid-capacity.

    The median is over a uniform time grid of :data:`PLATEAU_POINTS` (the table read as piecewise linear),
    i.e. weighted by time (by capacity at constant current), not over the table's rows: the solver's points
    crowd where the voltage moves fast, so a median over rows moved with the step sizes (issue 14).
    """
    V, q = _voltage(result), _capacity(result)
    f = result.table.get(n.EXSOLVED_FRACTION)
    if f is not None:
        t = np.asarray(result.table[n.TIME_H], dtype=float)
        f = np.asarray(f, dtype=float)
        lo, hi = _first_reach(0.25, f, t), _first_reach(0.75, f, t)
        if lo is not None and hi is not None and hi > lo:
            return float(np.median(np.interp(np.linspace(lo, hi, PLATEAU_POINTS), t, V)))
    return float(np.interp(q[-1] / 2, q, V)) if q[-1] > q[0] else float(V[0])


def capacity_at_1p2_v(result) -> float:
    """Capacity when the voltage first reaches 1.2 V [mA.h.cm-2] (Choi 2025 Fig. 2b); NaN if never."""
    V, q = _voltage(result), _capacity(result)
    below = np.nonzero(V <= 1.2)[0]
    if below.size == 0:
        return math.nan
    k = below[0]
    if k == 0:
        return float(q[0])
    return float(np.interp(1.2, [V[k], V[k - 1]], [q[k], q[k - 1]]))


def final_voltage(result) -> float:
    return float(_voltage(result)[-1])


def minimum_voltage(result) -> float:
    """Lowest voltage of the run [V], read off the solution, not the table's rows.

    The voltage at the solver's own points (``result.solution["Voltage [V]"].entries``), the lowest one refined
    by :func:`~anodefree_sim.simulation.reading.lowest_point` (parabola through it and its neighbours): a lean
    sweep solution (IDAKLU ``output_variables``) keeps no state, so there is no Hermite interpolant to minimise
    as :mod:`~anodefree_sim.simulation.reading` does, and the linear table rows between the points are never
    below the lowest point. A run that kept only some cycles: the lowest voltage its recorder saw over every
    cycle (``result.voltage_range``). A result without a solution: the lowest row.
    """
    recorder = getattr(result, "recorder", None)
    if recorder is not None and recorder.rows:
        return float(result.voltage_range[0])
    solution = getattr(result, "solution", None)
    if solution is None:
        return float(np.min(_voltage(result)))
    from anodefree_sim.simulation.reading import lowest_point

    return lowest_point(solution.t, solution[n.VOLTAGE].entries)


def mean_coulombic_efficiency(result) -> float:
    """Mean CE over the cycles [%]; NaN for single-cycle cases."""


    if result.cycles is None:
        return math.nan
    ce = np.asarray(result.cycles[n.COULOMBIC_EFFICIENCY], dtype=float)
    return float(np.nanmean(ce)) if np.isfinite(ce).any() else math.nan


def capacity_retention(result) -> float:
    """Retention of the last cycle [%]; NaN for single-cycle cases."""


    if result.cycles is None:
        return math.nan
    return float(np.asarray(result.cycles[n.CAPACITY_RETENTION], dtype=float)[-1])


def solve_time(result) -> float:
    """Time the solver took [s] (PyBaMM's own count, without set-up)."""
    return float(result.solution.solve_time.value)


#: name -> function of a :class:`~anodefree_sim.simulation.CaseResult` returning a float
METRICS: dict[str, Callable] = {
    n.CYCLE_DISCHARGE_CAPACITY: discharge_capacity,
    n.SPECIFIC_CAPACITY: specific_capacity,
    n.CAPACITY_AT_1P2_V: capacity_at_1p2_v,
    n.PLATEAU_VOLTAGE: plateau_voltage,
    n.FINAL_VOLTAGE: final_voltage,
    n.EVENT_MINIMUM_VOLTAGE: minimum_voltage,
    n.MEAN_COULOMBIC_EFFICIENCY: mean_coulombic_efficiency,
    n.CAPACITY_RETENTION: capacity_retention,
    SOLVE_TIME: solve_time,
}

#: the metrics above, as defined here: they read only ``result.table`` (its :data:`COLUMNS`), ``result.cycles``
#: and ``result.solution.solve_time``, so a single-cycle sweep of them needs only :data:`OUTPUT_VARIABLES`
BUILT_IN = dict(METRICS)
#: the model variables behind :data:`COLUMNS` (the specific capacity is the capacity over a mass)
OUTPUT_VARIABLES = tuple(c for c in COLUMNS if c != n.SPECIFIC_CAPACITY)

DEFAULT_METRICS = (n.CYCLE_DISCHARGE_CAPACITY, n.PLATEAU_VOLTAGE, n.FINAL_VOLTAGE, SOLVE_TIME)


