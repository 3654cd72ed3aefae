"""Stack-pressure results: critical stripping current, critical current density and short circuits.

Functions over the stack-pressure closure of :mod:`anodefree_sim.submodels.stack_pressure`, and the CCD the
mixed-conducting layer predicts (:func:`mixed_conductor_ccd`, issue 12).
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import pybamm

from anodefree_sim import names as n
from anodefree_sim.cases import Case, get_case
from anodefree_sim.constants import F
from anodefree_sim.protocols import current_density_of_step, rewrite_step
from anodefree_sim.simulation import CaseResult, run_case, step_outcomes
from anodefree_sim.submodels.stack_pressure import creep_velocity, diffusion_velocity

CCD = n.CRITICAL_CURRENT_DENSITY
SHORT_TIME = n.SHORT_CIRCUIT_TIME
SHORTED = n.SHORT_CIRCUIT
CRITICAL_STRIPPING = n.CRITICAL_STRIPPING_CURRENT


def critical_stripping_current(parameter_values, electrode: str = "negative", silver_coverage: float = 0.0,
                               pressure: float | None = None, temperature: float | None = None) -> float:
    """Stripping current density [mA.cm-2] above which voids grow at full contact (phi = 1).

    i_c = F / V_Li (v_creep(P, T) + v_diffusion(T)) of the closure, for a metal with Ag coverage
    ``silver_coverage`` (0: pure Li, 1: Li-rich Li-Ag alloy): the model's own expressions
    (:func:`~anodefree_sim.submodels.stack_pressure.creep_velocity`, ``diffusion_velocity``) evaluated with
    ``parameter_values``. ``pressure`` [Pa] and ``temperature`` [K] default to the set's.
    """
    P = pybamm.Scalar(pressure) if pressure is not None else pybamm.Parameter(n.P_STACK_PRESSURE)
    T = pybamm.Scalar(temperature) if temperature is not None else pybamm.Parameter(n.P_TEMPERATURE)
    resupply = creep_velocity(P, T) + diffusion_velocity(T, silver_coverage, electrode)
    i_c = F / pybamm.Parameter(n.P_LI_MOLAR_VOLUME) * resupply  # [A.m-2]
    return 0.1 * float(parameter_values.evaluate(i_c))


def critical_current_density(result: CaseResult) -> dict:
    """CCD of a stepped plate/strip run: the highest current density of a cycle that ran all its steps
    without a short circuit.

    Returns ``"Critical current density [mA.cm-2]"`` (None if no cycle completed; the highest step if
    nothing shorted), ``"Short circuit"`` (bool: a short-circuit event ended the run, inside a step or at
    its start), ``"Short-circuit time [h]"`` (None without a short), the run's outcome (``"Outcome"``,
    ``"Event"``, ``"Cycle"``, ``"Step"``: :func:`~anodefree_sim.simulation.outcome_of`, e.g. a solver failure
    is reported as such, not as a short) and ``"Infeasible steps"``: ``{"Cycle", "Step"}`` of each step skipped
    because its cut-off was passed at its start (a strip "until 0.1 V" starting above 0.1 V: no Li metal to
    strip), which does not end the run.
    """
    sol = result.solution
    outcome = result.outcome
    shorted = outcome.outcome == n.OUTCOME_SHORT_CIRCUIT
    per_step = step_outcomes(sol, result.case.steps)
    completed = []
    for k, cycle in enumerate(sol.cycles, start=1):
        if cycle is None:
            continue
        steps = [o for o in per_step if o.cycle == k]
        ran = all(o.outcome in (n.OUTCOME_COMPLETED, n.OUTCOME_INFEASIBLE) for o in steps)
        if ran and len(steps) == len(result.case.steps[k - 1]) and not (shorted and outcome.cycle == k):
            completed.append(float(np.max(np.abs(cycle[n.CURRENT_DENSITY_MA].entries))))
    out = {CCD: max(completed) if completed else None, SHORTED: shorted,
           SHORT_TIME: float(sol.t[-1] / 3600) if shorted else None}
    out.update(outcome.as_dict())
    out["Infeasible steps"] = [{"Cycle": o.cycle, "Step": o.step} for o in per_step
                               if o.outcome == n.OUTCOME_INFEASIBLE]
    return out


#: the options the mixed-conducting layer needs (the layer carries its own stack pressure and potentials)
MIXED_CONDUCTOR = {"silver exsolution": "mixed conductor", "alloy hysteresis": "none",
                   "electrode potential": "algebraic", "stack pressure": "none"}


def is_ccd_case(case: Case) -> bool:
    """True for a stepped plate/strip case whose CCD is read off its short: the stack-pressure closures
    ("contact", "mechanics") or the mixed-conducting layer (its flaw criterion), over > 2 current densities."""
    model = case.options.get("stack pressure") in ("contact", "mechanics") or (
        case.options.get("silver exsolution") == "mixed conductor")
    steps = [s for c in case.steps for s in (c if isinstance(c, tuple) else (c,))]
    currents = {abs(j) for s in steps if (j := current_density_of_step(s)) is not None}
    return model and len(currents) > 2


def ccd_summary(result: CaseResult) -> dict:
    """:func:`critical_current_density` of a stepped run plus, on the mixed-conducting layer,
    ``"Short-circuit place"``: ``"collector"`` or ``"separator side"`` (the larger of the two local currents at
    the short; docs/ccd_candidates.md), None without a short."""
    out = critical_current_density(result)
    if result.case.options.get("silver exsolution") == "mixed conductor":
        place = None
        if out[SHORTED]:
            sep = float(result.solution[n.SEPARATOR_LOCAL_CURRENT].entries[-1])
            col = float(result.solution[n.COLLECTOR_LOCAL_CURRENT].entries[-1])
            place = n.PLACE_SEPARATOR if sep > col else n.PLACE_COLLECTOR
        out[n.SHORT_CIRCUIT_PLACE] = place
    return out


def ccd_run(case: str = "choi2025-ccd", overrides: dict | None = None, max_current: float = 10.0) -> CaseResult:
    """The stepped run of the named case ``case`` up to ``max_current`` [mA.cm-2] (:func:`staircase`), solved
    once per process and arguments (cached: the targets, the tests, the plots and the CLI share it).

    On the mixed-conducting layer with the plating map's solver (default tolerances, residuals not compiled:
    compiling each new set of parameter values takes ~40 s, about a third of the run); otherwise the case's
    solver. The result is shared: do not modify it. Overrides equal to the case's own values are dropped first,
    so ``{"Doped layer silver content": 0.6}`` and no override share one run."""
    from anodefree_sim.simulation.inputs import case_parameter_values

    own = case_parameter_values(get_case(case))
    items = tuple(sorted((k, v) for k, v in (overrides or {}).items()
                         if not (k in own.keys() and isinstance(own[k], (int, float)) and own[k] == v)))
    return _ccd_run(case, items, float(max_current))


@functools.lru_cache(maxsize=8)
def _ccd_run(name: str, overrides: tuple, max_current: float) -> CaseResult:
    from anodefree_sim.studies.plating_location import map_solver

    case = get_case(name)
    case = dataclasses.replace(case, steps=staircase(case.steps, max_current))
    solver = None
    if case.options.get("silver exsolution") == "mixed conductor":
        case = dataclasses.replace(case, options={**case.options, **MIXED_CONDUCTOR})
        solver = map_solver()
    return run_case(case, overrides=dict(overrides), allow_early_stop=True, solver=solver)


def run_ccd(case: str = "choi2025-ccd", overrides: dict | None = None) -> dict:
    """Run a stepped-current case to its short circuit (or end) and return its CCD summary
    (:func:`ccd_summary`; the run is :func:`ccd_run`'s, shared)."""
    return ccd_summary(ccd_run(case, overrides))


def mixed_conductor_ccd(overrides: dict | None = None, max_current: float = 10.0,
                        solver: pybamm.BaseSolver | None = None, case: Case | str = "choi2025-ccd") -> dict:
    """CCD of a stepped case on the mixed-conducting layer (``"silver exsolution": "mixed conductor"``) and the
    place where its short starts (issue 12; docs/ccd_candidates.md).

    The short criterion is the layer model's own: the flaw-extrusion limit
    (:func:`~anodefree_sim.submodels.contact_mechanics.flaw_critical_current`) on the local current of the Li at
    the collector and at the separator side; nothing in it is calibrated to a CCD.

    Parameters
    ----------
    overrides : dict, optional
        Parameter values to change (e.g. ``{"Doped layer silver content": 0.0}``).
    max_current : float, optional
        Highest current density of the staircase [mA.cm-2], > 0. The case's cycles are kept up to it; above its
        last cycle the staircase continues in the same steps of current (the last cycle rewritten).
    solver : pybamm.BaseSolver, optional
        Solver (default: the plating map's; for a named case the run is then :func:`ccd_run`'s, shared).
    case : Case or str, optional
        A case whose cycles plate and strip at rising current density (default ``"choi2025-ccd"``).

    Returns
    -------
    dict
        :func:`ccd_summary`: :func:`critical_current_density`'s summary plus ``"Short-circuit place"``.
    """
    if isinstance(case, str):
        case = get_case(case)
        if solver is None and case.options.get("silver exsolution") == "mixed conductor":
            return ccd_summary(ccd_run(case.name, overrides, max_current))
    case = dataclasses.replace(case, steps=staircase(case.steps, max_current),
                               options={**case.options, **MIXED_CONDUCTOR})
    if solver is None:
        from anodefree_sim.studies.plating_location import map_solver

        solver = map_solver()
    result = run_case(case, overrides=overrides, allow_early_stop=True, solver=solver)
    return ccd_summary(result)


def staircase(steps: tuple, max_current: float) -> tuple:
    """The cycles of a rising-current staircase ``steps`` up to ``max_current`` [mA.cm-2] (> 0), continued past
    its last cycle in the same steps of current (the last cycle's steps rewritten at each new current density).
    """
    if not (isinstance(max_current, (int, float)) and 0 < max_current < float("inf")):
        raise ValueError(f"max_current [mA.cm-2] must be a finite number > 0, got {max_current!r}")
    currents = [max(abs(current_density_of_step(s) or 0.0) for s in cycle) / 10 for cycle in steps]
    if len(currents) < 2 or not currents[-1] - currents[-2] > 0:
        raise ValueError(f"a staircase needs >= 2 cycles with rising current density [mA.cm-2], got {currents}")
    kept = [cycle for cycle, j in zip(steps, currents, strict=True) if j <= max_current + 1e-9]
    dj = currents[-1] - currents[-2]
    j = currents[-1] + dj
    while j <= max_current + 1e-9:
        kept.append(tuple(rewrite_step(s, current_density=j) for s in steps[-1]))
        j += dj
    return tuple(kept)
