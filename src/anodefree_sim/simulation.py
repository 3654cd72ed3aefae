"""Run a named case: parameter values, areal protocol, PyBaMM simulation, tidy output table."""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pybamm

from anodefree_sim import names as n
from anodefree_sim.cases import Case, get_case
from anodefree_sim.checks import check_overrides_used, check_parameter_values
from anodefree_sim.cycling import cycle_summary
from anodefree_sim.files import atomic_write
from anodefree_sim.models.solver import default_solver
from anodefree_sim.outcomes import (  # noqa: F401  (re-exported: the public outcome API of a run)
    EVENT_OUTCOMES,
    Outcome,
    StepEventError,
    _OutcomeLogger,
    event_outcome,
    infeasible_steps,
    outcome_of,
    step_outcome,
    step_outcomes,
)
from anodefree_sim.protocols import areal_experiment, current_density_of_step

#: variables copied into the output table (when the model has them), in this order
TABLE_VARIABLES = (
    n.EXSOLVED_FRACTION,
    n.FRONT_POSITION,
    n.alloy_ratio("negative"),
    *(n.phase_fraction("negative", p) for p in n.PHASES),
    n.alloy_thickness("negative"),
    n.plated_thickness("negative"),
    n.dead_lithium("negative"),
    n.nucleation_overpotential("negative"),
    n.surface_potential("negative"),
    n.alloy_ratio("counter"),
    n.plated_thickness("counter"),
    n.surface_potential("counter"),
    n.TOTAL_LITHIUM,
)


#: uniform output points added to the solver's own in :func:`solution_table`
OUTPUT_POINTS = 1000


@dataclass
class CaseResult:
    """Outcome of :func:`run_case`: the case, its parameter values, the PyBaMM solution and table."""

    case: Case
    parameter_values: pybamm.ParameterValues
    solution: pybamm.Solution
    table: dict
    cycles: dict | None = None
    #: event at a step's start / solver failure that ended the run (:attr:`CaseSimulation.stop`)
    stop: Outcome | None = None

    @property
    def outcome(self) -> Outcome:
        """How the run ended (:func:`outcome_of`)."""
        return outcome_of(self.solution, self.case.steps, self.stop)

    @property
    def infeasible_steps(self) -> list[Outcome]:
        """Steps skipped because their cut-off was passed at their start (:func:`infeasible_steps`)."""
        return infeasible_steps(self.solution, self.case.steps)

    def write_csv(self, path: str | Path) -> None:
        write_csv(self.table, path)

    def write_cycles_csv(self, path: str | Path) -> None:
        """Write the per-cycle table (:func:`anodefree_sim.cycling.cycle_summary`)."""
        if self.cycles is None:
            raise ValueError(f"case '{self.case.name}' has a single cycle: no per-cycle table")
        write_csv(self.cycles, path)


def parse_assignment(text: str) -> tuple[str, float]:
    """Parse ``"Parameter name [unit]=value"`` (as given to ``--set``)."""
    name, sep, value = text.rpartition("=")
    if not sep or not name.strip():
        raise ValueError(f"--set expects 'Parameter name [unit]=value', got '{text}'")
    try:
        return name.strip(), float(value)
    except ValueError:
        raise ValueError(f"--set '{name.strip()}': '{value.strip()}' is not a number") from None


def case_parameter_values(case: Case, overrides: dict | None = None) -> pybamm.ParameterValues:
    """Parameter set of the case + the case's overrides + the user's, checked for range."""
    pv = pybamm.ParameterValues(case.parameter_set)
    pv.update(case.overrides)
    for key, value in (overrides or {}).items():
        if key not in pv.keys():
            close = difflib.get_close_matches(key, list(pv.keys()), n=3)
            hint = f"; did you mean {close}?" if close else ""
            raise ValueError(f"unknown parameter '{key}' for case '{case.name}'{hint}")
        pv[key] = value
    check_parameter_values(pv)
    return pv


#: parameters whose [input] has another name: PyBaMM's experiment-driven simulations refuse inputs called
#: "Ambient temperature [K]" or "Initial temperature [K]" (it controls those itself), so both parameters take
#: the value of the one ``"Cell temperature [K]"`` input (the models are isothermal: one cell temperature)
INPUT_ALIASES = {n.P_TEMPERATURE: n.INPUT_TEMPERATURE, n.P_INITIAL_TEMPERATURE: n.INPUT_TEMPERATURE}
_TEMPERATURES = (n.P_TEMPERATURE, n.P_INITIAL_TEMPERATURE)


def input_name(parameter: str) -> str:
    """Name of the PyBaMM ``[input]`` that carries ``parameter`` (``"Ambient temperature [K]"`` ->
    ``"Cell temperature [K]"``; other parameters keep their own name)."""
    return INPUT_ALIASES.get(parameter, parameter)


def parameters_as_inputs(parameter_values: pybamm.ParameterValues, parameters) -> pybamm.ParameterValues:
    """Copy of ``parameter_values`` with the named parameters as PyBaMM ``[input]`` parameters.

    A temperature (``"Ambient temperature [K]"``, ``"Initial temperature [K]"`` or the input name
    ``"Cell temperature [K]"``) sets the ambient temperature and, when the set has one, the initial
    temperature to ``pybamm.InputParameter("Cell temperature [K]")``. Values are then given at solve
    time, e.g. ``sim.solve(inputs={"Cell temperature [K]": 333.15})``; :class:`CaseSimulation` also takes
    them by parameter name and checks their range.
    """
    pv = parameter_values.copy()
    for name in parameters:
        targets = _TEMPERATURES if name in (*_TEMPERATURES, n.INPUT_TEMPERATURE) else (name,)
        targets = [t for t in targets if t in pv.keys()]
        if not targets:
            close = difflib.get_close_matches(name, list(pv.keys()), n=3)
            hint = f"; did you mean {close}?" if close else ""
            raise ValueError(f"cannot make '{name}' an [input]: unknown parameter{hint}")
        for target in targets:
            pv.update({target: pybamm.InputParameter(input_name(target))}, check_already_exists=False)
    return pv


def check_inputs(inputs: dict | None, required=()) -> dict:
    """PyBaMM ``inputs`` of a solve, keyed by input name, each value range-checked.

    ``inputs`` may be keyed by parameter name (``"Ambient temperature [K]"``) or by input name
    (``"Cell temperature [K]"``). Each number is checked as a value of its parameter by
    :func:`~anodefree_sim.checks.check_parameter_values` (temperature in (0, 500] K, non-negative
    thicknesses / amounts, fractions in [0, 1], ...): a bad one raises ``ValueError`` naming the input,
    the parameter and the valid range. ``required`` input names missing from ``inputs`` raise too.
    """
    out: dict = {}
    for key, value in (inputs or {}).items():
        name = input_name(key)
        if name in out and not np.array_equal(np.asarray(out[name]), np.asarray(value)):
            raise ValueError(f"inputs give '{name}' two values ({out[name]} and {value}, via '{key}')")
        parameter = n.P_TEMPERATURE if name == n.INPUT_TEMPERATURE else key
        try:
            check_parameter_values({parameter: value})
        except ValueError as err:
            raise ValueError(f"input '{name}': {err}") from None
        out[name] = value
    missing = [r for r in required if r not in out]
    if missing:
        raise ValueError(f"the simulation has [input]s {missing} without a value: pass "
                         f"inputs={{{', '.join(repr(m) + ': value' for m in missing)}}} to solve()")
    return out


def input_values(parameter_values: pybamm.ParameterValues, inputs: dict) -> pybamm.ParameterValues:
    """Copy of ``parameter_values`` (of :func:`build_simulation` with ``inputs``) with every ``[input]`` of
    ``inputs`` (keyed by parameter or input name) replaced by its value: the values a solve used."""
    values = {input_name(k): v for k, v in inputs.items()}
    pv = parameter_values.copy()
    for key in pv.keys():
        value = pv[key]
        if isinstance(value, pybamm.InputParameter) and value.name in values:
            pv[key] = values[value.name]
    return pv


class CaseSimulation(pybamm.Simulation):
    """:class:`pybamm.Simulation` of a case; ``solve(inputs=...)`` goes through :func:`check_inputs`.

    Inputs may be keyed by parameter name (``{"Ambient temperature [K]": 333.15}``) and out-of-range
    values raise ``ValueError`` before anything is solved. ``input_names``: the [input]s the simulation
    was built with (:func:`build_simulation`), each of which needs a value.
    """

    input_names: tuple = ()
    #: the case's areal protocol (step texts of :class:`Outcome`), set by :func:`build_simulation`
    protocol: Any = None
    #: :class:`Outcome` of an event at a step's start or a solver failure that ended the last solve, or None
    stop: Outcome | None = None

    def solve(self, *args, inputs=None, callbacks=None, **kwargs):
        """Solve; afterwards ``self.stop`` is the :class:`Outcome` of an event at the start of a step or of a
        solver failure that ended the run (None otherwise; pass it to :func:`outcome_of`). An event at the
        start of the first step raises :class:`StepEventError`."""
        events = [e.name for e in self.model.events
                  if e.event_type == pybamm.EventType.TERMINATION]
        recorder = _OutcomeLogger(events, self.protocol)
        self.stop = None
        callbacks = [recorder, *(callbacks if isinstance(callbacks, list) else [callbacks] if callbacks else [])]
        try:
            solution = super().solve(*args, inputs=check_inputs(inputs, self.input_names) or None,
                                     callbacks=callbacks, **kwargs)
        except pybamm.SolverError as err:
            if recorder.stop is not None and recorder.stop.event is not None:
                raise StepEventError(recorder.stop) from err
            raise
        self.stop = recorder.stop
        return solution


def build_simulation(
    case: Case | str, overrides: dict | None = None, options: dict | None = None, solver=None, inputs=(),
) -> tuple[CaseSimulation, pybamm.ParameterValues]:
    """The simulation of a case (not solved) and its parameter values.

    Parameters
    ----------
    case, overrides, options, solver
        As for :func:`run_case`.
    inputs : iterable of str
        Parameters made PyBaMM ``[input]`` parameters (:func:`parameters_as_inputs`): one build, solved for many
        values with ``sim.solve(inputs={name: value})``. ``"Ambient temperature [K]"`` becomes the
        ``"Cell temperature [K]"`` input (which also sets the initial temperature). The electrode area
        and the current cannot be inputs: the experiment fixes them at build time.

    Returns
    -------
    (CaseSimulation, pybamm.ParameterValues)
        The simulation and its parameter values (range-checked; the ``inputs`` as ``InputParameter``).

    Example::

        sim, pv = build_simulation("li-lpscl-stripping", inputs=["Ambient temperature [K]"])
        warm = sim.solve(inputs={"Ambient temperature [K]": 333.15})   # or {"Cell temperature [K]": ...}
    """
    case = get_case(case) if isinstance(case, str) else case
    pv = case_parameter_values(case, overrides)
    inputs = tuple(dict.fromkeys([inputs] if isinstance(inputs, str) else inputs))
    fixed = [k for k in inputs if k in (n.P_AREA, n.P_CURRENT)]
    if fixed:
        raise ValueError(f"{fixed} cannot be [input]s: the experiment of case '{case.name}' fixes the current "
                         "(areal current density x electrode area) when the simulation is built")
    chosen = {**case.options, **(options or {})}
    model = pybamm.Model(case.model, chosen)
    check_overrides_used(model, overrides, lambda o: pybamm.Model(case.model, o), chosen)
    experiment = areal_experiment(list(case.steps), pv[n.P_AREA])
    if inputs:
        pv = parameters_as_inputs(pv, inputs)
    sim = CaseSimulation(model, parameter_values=pv, experiment=experiment, solver=solver or default_solver())
    sim.input_names = tuple(dict.fromkeys(input_name(k) for k in inputs))
    sim.protocol = case.steps
    return sim, pv


def run_case(
    case: Case | str, overrides: dict | None = None, options: dict | None = None, solver=None,
    allow_early_stop: bool = False,
) -> CaseResult:
    """Solve a named case and return its solution and output table.

    Parameters
    ----------
    case : Case or str
        A case or its name (``anodefree_sim.cases.CASES``).
    overrides : dict, optional
        ``{"Parameter name [unit]": value}`` replacing parameter values.
    options : dict, optional
        Model options replacing the case's.
    solver : pybamm solver, optional
        Defaults to :func:`default_solver`.
    allow_early_stop : bool
        Return the partial result when a model event (e.g. a short circuit) ends the run before the
        protocol does; otherwise that raises.
    """
    case = get_case(case) if isinstance(case, str) else case
    sim, pv = build_simulation(case, overrides, options, solver)
    solution = sim.solve()
    if not allow_early_stop:
        _check_complete(case, solution, sim.stop)
    table = solution_table(solution, pv, first_step_sign(case), full_cell=case.full_cell)
    cycles = None
    if len(case.steps) > 1 and isinstance(case.steps[0], tuple):
        cycles = cycle_summary(solution, pv[n.P_AREA], case.lithiating_sign)
    return CaseResult(case, pv, solution, table, cycles, sim.stop)


def _check_complete(case: Case, solution: pybamm.Solution, stop: Outcome | None = None) -> None:
    """Raise if the run stopped before the protocol's end (PyBaMM returns the partial solution)."""
    outcome = outcome_of(solution, case.steps, stop)
    if outcome.outcome != n.OUTCOME_COMPLETED:
        done = sum(c is not None for c in solution.cycles)
        what = outcome.event or outcome.message
        raise pybamm.SolverError(f"case '{case.name}' stopped after {done} of {len(case.steps)} cycles: "
                                 f"{outcome.outcome} ({what}) in step '{outcome.step}'")


def first_step_sign(case: Case) -> float:
    """+1 if the case starts by discharging (or resting), -1 if it starts by charging."""
    first = case.steps[0]
    first = first[0] if isinstance(first, tuple) else first
    j = current_density_of_step(first)
    return -1.0 if j is not None and j < 0 else 1.0


def solution_table(solution: pybamm.Solution, parameter_values, sign: float = 1.0, full_cell=False) -> dict:
    """Tidy columns of a solution: time, voltage, current density, capacity and mechanism outputs.

    ``Capacity [mA.h.cm-2]`` is the charge passed since the start, positive for the first step.
    Lengths are reported in micrometres (``[um]``). ``Specific capacity [mA.h.g-1]`` is per gram of
    cathode active material for full cells, and per gram of doped electrolyte for half cells with a
    doped layer (as in Choi 2025 Fig. 2b).

    Rows: the solver's own time points plus a uniform grid of :data:`OUTPUT_POINTS` (the adaptive
    solver can take few, long steps over smooth stretches; the grid keeps plots and integrals of the
    table faithful), values from PyBaMM's interpolation of the solution.
    """
    t = np.union1d(solution.t, np.linspace(solution.t[0], solution.t[-1], OUTPUT_POINTS))

    def at(name):
        return np.broadcast_to(np.asarray(solution[name](t), dtype=float).squeeze(), t.shape)

    table = {
        n.TIME_H: t / 3600,
        n.VOLTAGE: at(n.VOLTAGE),
        n.CURRENT_DENSITY_MA: at(n.CURRENT_DENSITY_MA),
        n.CAPACITY_AREAL: sign * at(n.CAPACITY_AREAL),
    }
    mass = _cathode_mass_g_per_cm2(parameter_values) if full_cell else _doped_mass_g_per_cm2(parameter_values)
    if mass > 0:
        table[n.SPECIFIC_CAPACITY] = table[n.CAPACITY_AREAL] / mass
    for name in TABLE_VARIABLES:
        try:
            values = at(name)
        except KeyError:
            continue
        if name.endswith("[m]"):
            table[name.replace("[m]", "[um]")] = 1e6 * values
        else:
            table[name] = values
    return table


def _cathode_mass_g_per_cm2(pv) -> float:
    from anodefree_sim.parameter_sets._ncm811 import NCM811_DENSITY

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


def write_csv(table: dict, path: str | Path) -> None:
    """Write a table atomically (:func:`anodefree_sim.files.atomic_write`): an interrupted or failed write
    never leaves a half-written file at ``path``."""

    def write(tmp: Path) -> None:
        with open(tmp, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(list(table))
            writer.writerows(zip(*(np.asarray(v) for v in table.values()), strict=True))

    atomic_write(path, write)
