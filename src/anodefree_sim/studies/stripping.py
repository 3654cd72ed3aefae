"""Critical stripping current from a stripping staircase (Kasemchainan et al., Nat. Mater. 18, 1105, 2019).

A Li | Li6PS5Cl | Li symmetric cell with the ``"stack pressure": "mechanics"`` option is stripped at rising
current densities, a fixed areal capacity per step. The critical stripping current is the lowest step at
which the void layer at the stripped electrode keeps growing (its thickness at the end of the step exceeds a
threshold) or the voltage diverges (a contact-lost, voltage-window or short-circuit event ends the run). Above
it the stripping overpotential rises with the stripped charge (the contact spots shrink as the voids grow) and
at 3 MPa, 25 C the staircase ends on "Counter contact lost" in the 0.4 mA/cm2 step.
"""

from __future__ import annotations

import re

import numpy as np
import pybamm

from anodefree_sim import names as n
from anodefree_sim.cases import STRIPPING_STAIRCASE, STRIPPING_STEP_CAPACITY, get_case
from anodefree_sim.models.solver import default_solver
from anodefree_sim.parameter_sets.li_mechanics import MECHANICS
from anodefree_sim.protocols import areal_experiment
from anodefree_sim.simulation import CaseSimulation, case_parameter_values, outcome_of
from anodefree_sim.submodels.contact_mechanics import pressure_contact, self_diffusivity

#: current densities of the staircase [mA.cm-2] (those of the ``li-lpscl-stripping`` case)
DEFAULT_CURRENTS = STRIPPING_STAIRCASE
#: Li stripped per step [mA.h.cm-2] (5 um of Li)
DEFAULT_STEP_CAPACITY = STRIPPING_STEP_CAPACITY
#: void thickness [m] above which a step counts as void growth (a tenth of the contact-loss length)
DEFAULT_VOID_THRESHOLD = 1e-7
#: the stripped electrode of the symmetric cell on discharge
STRIPPED = "counter"
_CASE = "li-lpscl-stripping"
_STAIRCASE_STEP = re.compile(r"Discharge at ([0-9.eE+-]+) mA\.cm-2 for ([0-9.eE+-]+) mA\.h\.cm-2")


def mechanics_parameter_values(pressure: float, temperature: float, overrides: dict | None = None):
    """Parameter values of the Li | Li6PS5Cl | Li stripping case with :data:`MECHANICS` added."""
    if not pressure >= 0:
        raise ValueError(f"pressure must be >= 0 Pa, got {pressure}")
    if not 200 <= temperature <= 500:
        raise ValueError(f"temperature must be within [200, 500] K, got {temperature}")
    pv = case_parameter_values(get_case(_CASE))
    pv.update(MECHANICS, check_already_exists=False)
    pv.update({n.P_STACK_PRESSURE: pressure, n.P_TEMPERATURE: temperature, n.P_INITIAL_TEMPERATURE: temperature})
    pv.update(overrides or {}, check_already_exists=False)
    return pv


def run_mechanics(steps, pressure: float = 3e6, temperature: float = 298.15, overrides: dict | None = None,
                  options: dict | None = None, with_outcome: bool = False):
    """Solve the Li | Li6PS5Cl | Li cell with the ``"mechanics"`` option for ``steps`` (areal protocol).

    Parameters
    ----------
    steps : list
        Areal experiment steps, e.g. ``[("Discharge at 0.2 mA.cm-2 for 1 mA.h.cm-2",)]``.
    pressure : float
        Stack pressure [Pa].
    temperature : float
        Cell temperature [K].
    overrides : dict, optional
        Further parameter values.
    options : dict, optional
        Model options replacing the case's (``"stack pressure"`` is ``"mechanics"`` unless given).
    with_outcome : bool
        Also return how the run ended.

    Returns
    -------
    pybamm.Solution or (pybamm.Solution, Outcome)
        Possibly ended early by an event (short circuit, contact lost, voltage window), also at the start of a
        step; with ``with_outcome`` the :class:`~anodefree_sim.outcomes.Outcome` that says which
        (:func:`~anodefree_sim.simulation.outcome_of`).
    """
    case = get_case(_CASE)
    pv = mechanics_parameter_values(pressure, temperature, overrides)
    model = pybamm.Model(case.model, {**case.options, "stack pressure": "mechanics", **(options or {})})
    experiment = areal_experiment(list(steps), pv[n.P_AREA])
    sim = CaseSimulation(model, parameter_values=pv, experiment=experiment, solver=default_solver())
    solution = sim.solve()
    return (solution, outcome_of(solution, stop=sim.stop)) if with_outcome else solution


def critical_stripping_current(
    pressure: float = 3e6,
    temperature: float = 298.15,
    currents: tuple = DEFAULT_CURRENTS,
    step_capacity: float = DEFAULT_STEP_CAPACITY,
    void_threshold: float = DEFAULT_VOID_THRESHOLD,
    overrides: dict | None = None,
) -> dict:
    """Critical stripping current density found with a stripping staircase.

    Parameters
    ----------
    pressure : float
        Stack pressure [Pa].
    temperature : float
        Cell temperature [K].
    currents : tuple of float
        Rising stripping current densities [mA.cm-2].
    step_capacity : float
        Li stripped per step [mA.h.cm-2].
    void_threshold : float
        Void thickness [m] at the end of a step above which voids count as grown.
    overrides : dict, optional
        Further parameter values.

    Returns
    -------
    dict
        ``n.CRITICAL_STRIPPING_CURRENT`` (NaN if no step voided), the pressure [Pa], temperature [K],
        protocol, threshold, and per step the current, final void thickness [m] and contact fraction.
    """
    if list(currents) != sorted(currents) or min(currents) <= 0:
        raise ValueError(f"currents must be positive and rising, got {currents}")
    if not step_capacity > 0:
        raise ValueError(f"step_capacity must be > 0 mA.h.cm-2, got {step_capacity}")
    steps = [(f"Discharge at {j:g} mA.cm-2 for {step_capacity:g} mA.h.cm-2",) for j in currents]
    solution = run_mechanics(steps, pressure, temperature, overrides)
    return staircase_summary(solution, currents, step_capacity, pressure, temperature, void_threshold)


def staircase_summary(solution: pybamm.Solution, currents, step_capacity: float, pressure: float,
                      temperature: float, void_threshold: float = DEFAULT_VOID_THRESHOLD) -> dict:
    """Critical stripping current of a solved stripping staircase (see :func:`critical_stripping_current`).

    Parameters
    ----------
    solution : pybamm.Solution
        One cycle per step, stripping the ``"counter"`` electrode at ``currents`` [mA.cm-2] in turn.
    currents, step_capacity, pressure, temperature, void_threshold
        As in :func:`critical_stripping_current`; reported with the result.

    Returns
    -------
    dict
        As :func:`critical_stripping_current`.
    """
    rows, csc = [], float("nan")
    for j, cycle in zip(currents, solution.cycles, strict=False):
        if cycle is None:
            break
        delta = float(cycle[n.void_thickness(STRIPPED)].entries[-1])
        phi = float(cycle[n.contact_fraction(STRIPPED)].entries[-1])
        rows.append({n.CURRENT_DENSITY_MA: j, n.void_thickness(STRIPPED): delta,
                     n.contact_fraction(STRIPPED): phi})
    completed = len(rows)
    finished = completed == len(currents) and solution.termination == "final time"
    for row in rows:
        if row[n.void_thickness(STRIPPED)] > void_threshold:
            csc = row[n.CURRENT_DENSITY_MA]
            break
    else:
        if not finished and completed < len(currents):
            csc = currents[completed]  # the run diverged (event) during this step
    return {
        n.CRITICAL_STRIPPING_CURRENT: csc,
        n.P_STACK_PRESSURE: pressure,
        n.P_TEMPERATURE: temperature,
        n.STRIPPING_PROTOCOL: f"staircase {list(currents)} mA.cm-2, {step_capacity:g} mA.h.cm-2 per step",
        n.VOID_GROWTH_THRESHOLD: void_threshold,
        n.STRIPPING_STEPS: rows,
    }


def case_staircase(steps) -> tuple[list[float], float] | None:
    """The current densities [mA.cm-2] and step capacity [mA.h.cm-2] of a stripping-staircase protocol (one
    ``"Discharge at <j> mA.cm-2 for <q> mA.h.cm-2"`` step per cycle, same q, rising j), else None."""
    currents, capacities = [], set()
    for cycle in steps:
        cycle = cycle if isinstance(cycle, tuple) else (cycle,)
        m = _STAIRCASE_STEP.fullmatch(cycle[0]) if len(cycle) == 1 else None
        if m is None:
            return None
        currents.append(float(m.group(1)))
        capacities.add(float(m.group(2)))
    if len(capacities) != 1 or currents != sorted(currents):
        return None
    return currents, capacities.pop()


def result_staircase_summary(result) -> dict | None:
    """:func:`staircase_summary` of a :class:`~anodefree_sim.simulation.CaseResult` of a stripping staircase
    with the ``"mechanics"`` option (pressure and temperature from its parameter values), else None."""
    staircase = case_staircase(result.case.steps)
    if result.case.options.get("stack pressure") != "mechanics" or staircase is None:
        return None
    pv = result.parameter_values
    return staircase_summary(result.solution, staircase[0], staircase[1], float(pv[n.P_STACK_PRESSURE]),
                             float(pv[n.P_TEMPERATURE]))


def steady_onset_current(pressure: float, temperature: float = 298.15, overrides: dict | None = None) -> float:
    """Onset of void growth i_c = F phi_P(P) D*(T) / (V_Li l_v) [mA.cm-2] (the staircase brackets it).

    Evaluated from the same parameter values as the model; no solve.
    """
    pv = mechanics_parameter_values(pressure, temperature, overrides)
    expr = pressure_contact(pybamm.Parameter(n.P_STACK_PRESSURE)) * self_diffusivity(
        pybamm.Parameter(n.P_TEMPERATURE)
    ) / pybamm.Parameter(n.P_VACANCY_SINK_DISTANCE)
    v = pv.process_symbol(expr).evaluate()
    # [m.s-1] -> [A.m-2] -> [mA.cm-2]
    return float(np.squeeze(v)) * pybamm.constants.F.value / pv[n.P_LI_MOLAR_VOLUME] / 10


__all__ = ["case_staircase", "critical_stripping_current", "mechanics_parameter_values",
           "result_staircase_summary", "run_mechanics", "staircase_summary", "steady_onset_current"]
