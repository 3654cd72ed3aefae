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
from anodefree_sim.cycling import cycle_row, cycle_summary, cycle_table, step_record
from anodefree_sim.files import atomic_write
from anodefree_sim.models.solver import default_solver
from anodefree_sim.outcomes import (  # noqa: F401  (re-exported: the public outcome API of a run)
    EVENT_OUTCOMES,
    Outcome,
    StepEventError,
    _outcome,
    _OutcomeLogger,
    _step_text,
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
    n.LITHIUM_AT_COLLECTOR,
    n.LITHIUM_INSIDE_LAYER,
    n.LITHIUM_AT_SEPARATOR,
    n.TOTAL_LITHIUM,
)


class StepTapSolver(pybamm.IDAKLUSolver):
    """IDAKLU that hands each step's solution to the callables in ``taps`` as it is computed.

    PyBaMM solves an experiment step by step (``solver.step``) and, with ``save_at_cycles``, drops the steps
    of the cycles it does not keep; a tap (:meth:`CycleRecorder.tap`) reads what it needs first. The list
    is shared by the copies PyBaMM makes of the solver when it builds the experiment.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.taps: list = []

    def step(self, *args, **kwargs):
        solution = super().step(*args, **kwargs)
        for tap in self.taps:
            tap(solution)
        return solution


class CycleRecorder(pybamm.callbacks.Callback):
    """Per-cycle table of a run taken while it goes on (:func:`~anodefree_sim.cycling.cycle_row` of the
    :func:`~anodefree_sim.cycling.step_record` of each step), so PyBaMM need keep only some cycles.

    Pass :meth:`tap` to a :class:`StepTapSolver` and the recorder as a callback of the solve. A step that
    PyBaMM skipped as infeasible at its start produces no solution (it ends without a tapped one) and is
    recorded as such; :attr:`steps` has the :class:`Outcome` of every step. The rows are those of
    :func:`~anodefree_sim.cycling.cycle_summary` on the full solution: one per cycle PyBaMM records.
    """

    def __init__(self, area: float, lithiating_sign: float, protocol=None):
        self.area, self.sign, self.protocol = area, lithiating_sign, protocol
        self.rows: list[dict] = []
        #: :class:`Outcome` of every step of the recorded cycles (as :func:`step_outcomes` of the full solution)
        self.steps: list[Outcome] = []
        self.voltage_range = (np.inf, -np.inf)
        self._cycle, self._records, self._step, self._steps = 0, [], None, []

    def tap(self, solution: pybamm.Solution) -> None:
        self._step = solution

    def on_cycle_start(self, logs):
        self._cycle, self._records, self._steps = logs["cycle number"][0], [], []

    def on_step_start(self, logs):
        self._step = None

    def on_step_end(self, logs):
        step, self._step = self._step, None
        text = _step_text(self.protocol, self._cycle, len(self._records) + 1)
        if step is not None and not isinstance(step, pybamm.EmptySolution):
            v = np.asarray(step[n.VOLTAGE].entries)
            self.voltage_range = (min(self.voltage_range[0], v.min()), max(self.voltage_range[1], v.max()))
            self._records.append(step_record(step, self.area, self.sign))
            self._steps.append(Outcome(*step_outcome(step), self._cycle, text))
            return
        self._records.append(None)
        self._steps.append(Outcome(n.OUTCOME_INFEASIBLE, None, self._cycle, text))

    def on_cycle_end(self, logs):
        summary = logs.get("summary variables")
        for state in (getattr(summary, "first_state", None), getattr(summary, "last_state", None)):
            _release_steps(state)
        if self._records:  # PyBaMM records a cycle that has steps
            previous = self.rows[-1] if self.rows else None
            self.rows.append(cycle_row(self._cycle, self._records, self.sign, previous))
            self.steps.extend(self._steps)
        self._records, self._steps = [], []

    def table(self) -> dict:
        """The per-cycle table (:func:`~anodefree_sim.cycling.cycle_table`)."""
        return cycle_table(self.rows, self.sign)


def _release_steps(state: pybamm.Solution | None) -> None:
    """Let a cycle's first / last state (a one-point solution) stop holding the step it was taken from.

    PyBaMM (26.10) keeps every cycle's first and last state for its summary variables, also for the cycles
    that ``save_at_cycles`` drops, and each state keeps the whole step it comes from (``_sub_solutions``
    and numpy views ``y[:, -1:]``), so memory grew with the number of cycles (~0.11 MB of states per
    plate/strip cycle of ``choi2025-bilayer-cycling``, all its steps alive). The point is copied and the
    reference dropped; the state's values are unchanged."""
    if state is None or len(state.t) != 1:
        return
    for arrays in (state.all_ys, state.all_yps or []):
        for i, a in enumerate(arrays):
            if isinstance(a, np.ndarray) and a.base is not None:
                arrays[i] = a.copy()
    if getattr(state, "_sub_solutions", None):
        state._sub_solutions = []


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
    #: the :class:`CycleRecorder` of a run that kept only some cycles (``run_case(keep_cycles=...)``)
    recorder: CycleRecorder | None = None

    @property
    def outcome(self) -> Outcome:
        """How the run ended (:func:`outcome_of`)."""
        if self.recorder is not None:
            return _outcome(self.recorder.steps, len(self.recorder.rows), self.case.steps, self.stop)
        return outcome_of(self.solution, self.case.steps, self.stop)

    @property
    def infeasible_steps(self) -> list[Outcome]:
        """Steps skipped because their cut-off was passed at their start (:func:`infeasible_steps`)."""
        if self.recorder is not None:
            return [o for o in self.recorder.steps if o.outcome == n.OUTCOME_INFEASIBLE]
        return infeasible_steps(self.solution, self.case.steps)

    @property
    def voltage_range(self) -> tuple[float, float]:
        """Lowest and highest voltage [V] of the run (of every step, also of the cycles not kept)."""
        if self.recorder is not None and self.recorder.rows:
            return float(self.recorder.voltage_range[0]), float(self.recorder.voltage_range[1])
        v = np.asarray(self.table[n.VOLTAGE])
        return float(v.min()), float(v.max())

    @property
    def multi_cycle(self) -> bool:
        """Whether the case's protocol has several cycles (then :attr:`cycles` is its per-cycle table)."""
        return is_multi_cycle(self.case)

    def time_series(self, all_cycles: bool = False) -> dict:
        """The time series to write: :attr:`table` for a single-cycle case; for a multi-cycle case the rows of
        the cycles :func:`selected_cycles` picks (``all_cycles``: every cycle) with a ``"Cycle number"``
        column (:func:`cycles_table`)."""
        if not self.multi_cycle:
            return self.table
        if self.recorder is not None:  # the run kept only these cycles: :attr:`table` is their time series
            if all_cycles:
                raise ValueError(f"case '{self.case.name}' was run keeping only some cycles "
                                 "(run_case(keep_cycles=...)): run it with keep_cycles=None for every cycle")
            return self.table
        n_cycles = len(self.solution.cycles or [])
        return cycles_table(self.solution, self.parameter_values, first_step_sign(self.case),
                            self.case.full_cell, None if all_cycles else selected_cycles(n_cycles))

    def write_csv(self, path: str | Path, all_cycles: bool = False) -> None:
        """Write :meth:`time_series` to ``path`` (CSV, or Parquet for a ``.parquet`` name: :func:`write_table`)."""
        write_table(self.time_series(all_cycles), path)

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
    allow_early_stop: bool = False, keep_cycles=None,
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
    keep_cycles : iterable of int or "selected", optional
        For a multi-cycle case: the cycles (1-based) whose solution PyBaMM keeps (``save_at_cycles``; the
        first, the last and the one in which the run stops are always kept), ``"selected"`` for
        :func:`selected_cycles`. The per-cycle table still has every cycle (:class:`CycleRecorder`, same
        values as :func:`~anodefree_sim.cycling.cycle_summary`), memory stays bounded over long runs, and
        ``table`` is the time series of the kept cycles (:func:`cycles_table`). ``None`` (default): every
        cycle is kept and ``table`` is :func:`solution_table`. Needs the default solver.
    """
    case = get_case(case) if isinstance(case, str) else case
    recorder = keep = None
    if keep_cycles is not None and is_multi_cycle(case):
        if solver is not None:
            raise ValueError("keep_cycles needs the default solver (solver=None)")
        keep = selected_cycles(len(case.steps)) if keep_cycles == "selected" else sorted(set(keep_cycles))
        solver = default_solver(solver_class=StepTapSolver)
    sim, pv = build_simulation(case, overrides, options, solver)
    if keep is not None:
        recorder = CycleRecorder(pv[n.P_AREA], case.lithiating_sign, case.steps)
        solver.taps.append(recorder.tap)
        solution = sim.solve(save_at_cycles=keep, callbacks=[recorder])
    else:
        solution = sim.solve()
    if not allow_early_stop:
        _check_complete(case, solution, sim.stop, recorder)
    sign = first_step_sign(case)
    if recorder is not None:
        table = cycles_table(solution, pv, sign, case.full_cell)
        cycles = recorder.table()
    else:
        table = solution_table(solution, pv, sign, full_cell=case.full_cell)
        cycles = cycle_summary(solution, pv[n.P_AREA], case.lithiating_sign) if is_multi_cycle(case) else None
    return CaseResult(case, pv, solution, table, cycles, sim.stop, recorder)


def _check_complete(case: Case, solution: pybamm.Solution, stop: Outcome | None = None,
                    recorder: CycleRecorder | None = None) -> None:
    """Raise if the run stopped before the protocol's end (PyBaMM returns the partial solution)."""
    if recorder is not None:
        outcome, done = _outcome(recorder.steps, len(recorder.rows), case.steps, stop), len(recorder.rows)
    else:
        outcome, done = outcome_of(solution, case.steps, stop), sum(c is not None for c in solution.cycles)
    if outcome.outcome != n.OUTCOME_COMPLETED:
        what = outcome.event or outcome.message
        raise pybamm.SolverError(f"case '{case.name}' stopped after {done} of {len(case.steps)} cycles: "
                                 f"{outcome.outcome} ({what}) in step '{outcome.step}'")


def is_multi_cycle(case: Case) -> bool:
    """Whether a case's protocol is several cycles (tuples of steps): it then has a per-cycle table."""
    return len(case.steps) > 1 and isinstance(case.steps[0], tuple)


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
    return _table_at(solution, t, parameter_values, sign, full_cell)


def _table_at(solution: pybamm.Solution, t: np.ndarray, parameter_values, sign: float, full_cell: bool) -> dict:
    """The columns of :func:`solution_table` at times ``t`` [s]."""

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
                 cycles=None) -> dict:
    """The time series of a multi-cycle solution, cycle by cycle, with a ``"Cycle number"`` column.

    Parameters
    ----------
    solution : pybamm.Solution
        Solution of an experiment (``solution.cycles``; a cycle PyBaMM did not keep, ``None``, is left out).
    parameter_values, sign, full_cell
        As for :func:`solution_table`.
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
            parts.append(_table_at(cycle, t, parameter_values, sign, full_cell))
    if not times:
        empty = solution_table(solution, parameter_values, sign, full_cell)
        return {n.CYCLE_NUMBER: np.zeros(0, dtype=int), **{key: v[:0] for key, v in empty.items()}}
    if wanted is None and all(c is not None for c in all_cycles):  # one evaluation of the whole solution
        whole = _table_at(solution, np.concatenate(times), parameter_values, sign, full_cell)
    else:
        whole = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
    return {n.CYCLE_NUMBER: np.concatenate(numbers), **whole}


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


#: file name ending that :func:`write_table` writes as Parquet
PARQUET_SUFFIX = ".parquet"


def parquet_available() -> bool:
    """Whether pyarrow (the ``sweep`` extra) is importable, so tables can be written as Parquet."""
    import importlib.util

    return importlib.util.find_spec("pyarrow") is not None


def write_table(table: dict, path: str | Path) -> None:
    """Write a table atomically: Parquet when ``path`` ends in ``.parquet`` (needs pyarrow, the ``sweep``
    extra: ``pip install 'anodefree_sim[sweep]'``), else CSV (:func:`write_csv`)."""
    if not str(path).lower().endswith(PARQUET_SUFFIX):
        write_csv(table, path)
        return
    if not parquet_available():
        raise ValueError(f"{path}: writing Parquet needs pyarrow (pip install 'anodefree_sim[sweep]'); "
                         "use a .csv name")
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = pa.table({k: np.asarray(v) for k, v in table.items()})
    atomic_write(path, lambda tmp: pq.write_table(data, tmp))


def write_csv(table: dict, path: str | Path) -> None:
    """Write a table atomically (:func:`anodefree_sim.files.atomic_write`): an interrupted or failed write
    never leaves a half-written file at ``path``."""

    def write(tmp: Path) -> None:
        with open(tmp, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(list(table))
            writer.writerows(zip(*(np.asarray(v) for v in table.values()), strict=True))

    atomic_write(path, write)
