"""Output tables of a solution: one column evaluator (:func:`table_at`) on the time grids of a run
(:func:`solution_table`) or of chosen cycles (:func:`cycles_table`), with a column selection."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pybamm

from anodefree_sim import names as n
from anodefree_sim.parameter_sets._ncm811 import NCM811_DENSITY

#: variables copied into the output table (when the model has them), in this order
TABLE_VARIABLES = (
    n.EXSOLVED_FRACTION,
    n.FRONT_POSITION,
    n.alloy_ratio("negative"),
    *(n.phase_fraction("negative", p) for p in n.PHASES),
    n.alloy_thickness("negative"),
    n.plated_thickness("negative"),
    n.dead_lithium("negative"),
    n.film_lithium("negative"),
    n.nucleation_overpotential("negative"),
    n.surface_potential("negative"),
    n.alloy_ratio("counter"),
    n.plated_thickness("counter"),
    n.surface_potential("counter"),
    n.LITHIUM_AT_COLLECTOR,
    n.LITHIUM_INSIDE_LAYER,
    n.LITHIUM_AT_SEPARATOR,
    n.DEAD_AT_COLLECTOR,
    n.DEAD_INSIDE_LAYER,
    n.DEAD_AT_SEPARATOR,
    n.SILVER_IN_COLLECTOR_LITHIUM,
    n.SILVER_IN_SEPARATOR_LITHIUM,
    n.NETWORK_SILVER,
    n.POSITIVE_LITHIUM_DEFICIT,
    n.TOTAL_LITHIUM,
)

#: uniform output points added to the solver's own in :func:`solution_table`
OUTPUT_POINTS = 1000


#: how :func:`solution_table` fills the uniform grid between the solver's points
INTERPOLATIONS = ("hermite", "linear")


def solution_table(solution: pybamm.Solution, parameter_values, sign: float = 1.0, full_cell: bool = False,
                   columns: Collection[str] | None = None, interpolation: str = "hermite") -> dict:
    """Tidy columns of a solution: time, voltage, current density, capacity and mechanism outputs.

    ``Capacity [mA.h.cm-2]`` is the charge passed since the start, positive for the first step.
    Lengths are reported in micrometres (``[um]``). ``Specific capacity [mA.h.g-1]`` is per gram of
    cathode active material for full cells, and per gram of doped electrolyte for half cells with a
    doped layer (as in Choi 2025 Fig. 2b).

    Rows: the solver's own time points plus a uniform grid of :data:`OUTPUT_POINTS` (the adaptive
    solver can take few, long steps over smooth stretches; the grid keeps plots and integrals of the
    table faithful). ``columns``: as for :func:`table_at`.

    ``interpolation``: ``"hermite"`` (default) evaluates every row with PyBaMM's interpolation of the solution
    (:func:`table_at`); ``"linear"`` takes the solver's own values at its points (``solution[name].entries``,
    equal to the Hermite rows there) and interpolates them linearly onto the grid points in between: about
    20 times cheaper (a sweep's columns), and within ~1e-5 relative of the Hermite rows on Choi 2025 Cell B.
    """
    if interpolation not in INTERPOLATIONS:
        raise ValueError(f"interpolation must be one of {INTERPOLATIONS}, got {interpolation!r}")
    t = np.union1d(solution.t, np.linspace(solution.t[0], solution.t[-1], OUTPUT_POINTS))
    if interpolation == "hermite":
        return table_at(solution, t, parameter_values, sign, full_cell, columns)
    t_solver = np.asarray(solution.t)

    def at(name):
        values = np.asarray(solution[name].entries, dtype=float).reshape(-1)
        if values.size != t_solver.size:
            raise ValueError(f"'{name}' is not a scalar variable: no linear table of it")
        return np.interp(t, t_solver, values)

    return _columns(at, t, parameter_values, sign, full_cell, columns)


def table_at(solution: pybamm.Solution, t: np.ndarray, parameter_values, sign: float = 1.0,
             full_cell: bool = False, columns: Collection[str] | None = None) -> dict:
    """The output columns of a solution at times ``t`` [s]: the one table evaluator of runs, sweeps and cycles.

    Parameters
    ----------
    solution : pybamm.Solution
        The solution (its variables are interpolated at ``t``).
    t : numpy.ndarray
        Times [s].
    parameter_values : pybamm.ParameterValues
        Values the solve used (the mass behind ``Specific capacity [mA.h.g-1]``).
    sign : float
        +1 or -1: makes the capacity positive for the first step
        (:func:`~anodefree_sim.simulation.first_step_sign`).
    full_cell : bool
        Specific capacity per gram of cathode active material (else per gram of doped electrolyte).
    columns : collection of str, optional
        Column names to evaluate (as written in the table, e.g. ``"Plated lithium thickness [um]"``); the
        time column is always there and a variable the model lacks is left out. ``None``: every column
        (interpolating costs most of a short solve: a sweep asks only for what its metrics read).

    Returns
    -------
    dict of numpy arrays
        ``"Time [h]"``, voltage, current density, capacity, specific capacity (when the mass is known) and
        the :data:`TABLE_VARIABLES` the model has, lengths in micrometres.
    """

    def at(name):
        return np.broadcast_to(np.asarray(solution[name](t), dtype=float).squeeze(), t.shape)

    return _columns(at, t, parameter_values, sign, full_cell, columns)


def _columns(at, t: np.ndarray, parameter_values, sign: float, full_cell: bool,
             columns: Collection[str] | None) -> dict:
    """The columns of :func:`table_at`, with ``at(name)`` the values of variable ``name`` at ``t`` (KeyError if
    the model lacks it)."""

    def wanted(name):
        return columns is None or name in columns

    table = {n.TIME_H: t / 3600}
    for name in (n.VOLTAGE, n.CURRENT_DENSITY_MA):
        if wanted(name):
            table[name] = at(name)
    if wanted(n.CAPACITY_AREAL) or wanted(n.SPECIFIC_CAPACITY):
        capacity = sign * at(n.CAPACITY_AREAL)
        if wanted(n.CAPACITY_AREAL):
            table[n.CAPACITY_AREAL] = capacity
        mass = _cathode_mass_g_per_cm2(parameter_values) if full_cell else _doped_mass_g_per_cm2(parameter_values)
        if mass > 0 and wanted(n.SPECIFIC_CAPACITY):
            table[n.SPECIFIC_CAPACITY] = capacity / mass
    for name in TABLE_VARIABLES:
        column = name.replace("[m]", "[um]") if name.endswith("[m]") else name
        if not wanted(column):
            continue
        try:
            values = at(name)
        except KeyError:
            continue
        table[column] = 1e6 * values if column != name else values
    for e in n.ELECTRODES:  # with a stack-pressure option on ("contact", "mechanics"): it has voids
        void_column = n.void_thickness(e).replace("[m]", "[um]")
        if not (wanted(n.contact_fraction(e)) or wanted(void_column)):
            continue
        try:
            void = at(n.void_thickness(e))
        except KeyError:
            continue
        if wanted(n.contact_fraction(e)):
            table[n.contact_fraction(e)] = at(n.contact_fraction(e))
        if wanted(void_column):
            table[void_column] = 1e6 * void
    return table


#: log-spaced cycles (with the first and the last) whose time series a multi-cycle run writes by default
SELECTED_CYCLES = 10


def selected_cycles(n_cycles: int, count: int = SELECTED_CYCLES) -> list[int]:
    """The cycles (1-based) whose time series a multi-cycle run writes by default.

    The first and the last of ``n_cycles`` and about ``count`` in between, log-spaced (1, 2, 5, 10, 22, 46,
    100, 215, 464, 1000 of 1000): early cycles change fastest. Every cycle when ``n_cycles <= count``.
    """
    if n_cycles < 1:
        return []
    if count < 2:
        raise ValueError(f"count must be >= 2 (the first and the last cycle), got {count}")
    if n_cycles <= count:
        return list(range(1, n_cycles + 1))
    picks = np.round(np.geomspace(1, n_cycles, count)).astype(int)
    return sorted({1, n_cycles, *picks.tolist()})


def cycles_table(solution: pybamm.Solution, parameter_values, sign: float = 1.0, full_cell: bool = False,
                 cycles=None, columns: Collection[str] | None = None) -> dict:
    """The time series of a multi-cycle solution, cycle by cycle, with a ``"Cycle number"`` column.

    Parameters
    ----------
    solution : pybamm.Solution
        Solution of an experiment (``solution.cycles``; a cycle PyBaMM did not keep, ``None``, is left out).
    parameter_values, sign, full_cell, columns
        As for :func:`table_at`.
    cycles : iterable of int, optional
        Cycles (1-based) to write; ``None``: every cycle.

    Returns
    -------
    dict of numpy arrays
        ``"Cycle number"`` then the columns of :func:`solution_table`. Rows: the solver's time points of each
        written cycle and the points of the run's uniform grid of :data:`OUTPUT_POINTS` that fall in it; the
        point shared by two cycles (the end of one, the start of the next) belongs to the next. The rows of a
        cycle are the same whichever other cycles are written.
    """
    all_cycles = solution.cycles or []
    wanted = None if cycles is None else set(cycles)
    grid = np.linspace(solution.t[0], solution.t[-1], OUTPUT_POINTS)
    numbers, times, parts = [], [], []
    for k, cycle in enumerate(all_cycles, start=1):
        if cycle is None or (wanted is not None and k not in wanted):
            continue
        t = np.union1d(cycle.t, grid[(grid >= cycle.t[0]) & (grid <= cycle.t[-1])])
        if k < len(all_cycles):  # the end of this cycle is the start of the next
            t = t[t < cycle.t[-1]]
        times.append(t)
        numbers.append(np.full(t.size, k))
        if wanted is not None or None in all_cycles:  # a few cycles: each evaluated on its own solution
            parts.append(table_at(cycle, t, parameter_values, sign, full_cell, columns))
    if not times:
        empty = solution_table(solution, parameter_values, sign, full_cell, columns)
        return {n.CYCLE_NUMBER: np.zeros(0, dtype=int), **{key: v[:0] for key, v in empty.items()}}
    if wanted is None and all(c is not None for c in all_cycles):  # one evaluation of the whole solution
        whole = table_at(solution, np.concatenate(times), parameter_values, sign, full_cell, columns)
    else:
        whole = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
    return {n.CYCLE_NUMBER: np.concatenate(numbers), **whole}


def _cathode_mass_g_per_cm2(pv) -> float:
    L, eps = pv["Positive electrode thickness [m]"], pv["Positive electrode active material volume fraction"]
    return 0.1 * NCM811_DENSITY * L * eps


def _doped_mass_g_per_cm2(pv) -> float:
    try:
        rho, L = pv[n.P_DOPED_DENSITY], pv[n.P_DOPED_THICKNESS]
    except KeyError:
        return 0.0
    if not isinstance(rho, (int, float)) or not isinstance(L, (int, float)):
        return 0.0
    return 0.1 * rho * L
