"""Run a case: build, solve and tabulate (:func:`run_case`); its result (:class:`CaseResult`)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pybamm

from anodefree_sim import names as n
from anodefree_sim.cases import Case, get_case
from anodefree_sim.cycling import cycle_summary
from anodefree_sim.models.solver import default_solver
from anodefree_sim.outcomes import Outcome, _outcome, infeasible_steps, outcome_of
from anodefree_sim.protocols import current_density_of_step
from anodefree_sim.simulation.build import CaseSimulation, build_simulation
from anodefree_sim.simulation.inputs import check_inputs, input_values
from anodefree_sim.simulation.recorder import CycleRecorder, InterruptCheck, StepTapSolver
from anodefree_sim.simulation.tables import cycles_table, selected_cycles, solution_table
from anodefree_sim.simulation.writers import write_csv, write_table


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


def run_case(
    case: Case | str, overrides: dict | None = None, options: dict | None = None, solver=None,
    allow_early_stop: bool = False, keep_cycles=None, check_model: bool = True,
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
    check_model : bool
        As for :func:`build_simulation` (False: skip PyBaMM's model checks, a faster build).
    """
    case = get_case(case) if isinstance(case, str) else case
    keep = None
    if keep_cycles is not None and is_multi_cycle(case):
        if solver is not None:
            raise ValueError("keep_cycles needs the default solver (solver=None)")
        keep = selected_cycles(len(case.steps)) if keep_cycles == "selected" else sorted(set(keep_cycles))
        solver = default_solver(solver_class=StepTapSolver)
    sim, pv = build_simulation(case, overrides, options, solver, check_model=check_model)
    return solve_case(case, sim, pv, allow_early_stop=allow_early_stop, keep=keep)


def solve_case(
    case: Case, sim: CaseSimulation, parameter_values: pybamm.ParameterValues, inputs: dict | None = None,
    columns: Collection[str] | None = None, allow_early_stop: bool = False, keep: list[int] | None = None,
    interpolation: str = "hermite",
) -> CaseResult:
    """Solve a built simulation of a case and tabulate it: the one solve-and-tabulate path of :func:`run_case`
    and of sweeps (which build once and solve many times with ``inputs``).

    Parameters
    ----------
    case : Case
        The case ``sim`` was built for (its protocol, sign and cell type).
    sim, parameter_values
        As returned by :func:`~anodefree_sim.simulation.build_simulation`.
    inputs : dict, optional
        Values of the simulation's ``[input]`` parameters (by parameter or input name; range-checked).
    columns : collection of str, optional
        Columns of the output table (:func:`~anodefree_sim.simulation.table_at`); ``None``: all.
    allow_early_stop : bool
        As for :func:`run_case`.
    keep : list of int, optional
        Cycles whose solution PyBaMM keeps (``run_case(keep_cycles=...)``); needs a :class:`StepTapSolver`.
    interpolation : {"hermite", "linear"}
        How the table's uniform grid is filled between the solver's points (:func:`solution_table`);
        ``"linear"`` (sweeps) is ~20 times cheaper. Not with ``keep``.

    Returns
    -------
    CaseResult
        ``parameter_values`` are the values the solve used (each ``[input]`` replaced by its value).
    """
    values = check_inputs(inputs) if inputs else {}  # each value range-checked (the rest were at the build)
    if values:
        parameter_values = input_values(parameter_values, values)
    recorder = None
    if keep is not None:
        if not isinstance(sim.solver, StepTapSolver):
            raise ValueError("keeping some cycles needs a StepTapSolver "
                             "(default_solver(solver_class=StepTapSolver))")
        recorder = CycleRecorder(parameter_values[n.P_AREA], case.lithiating_sign, case.steps)
        sim.solver.taps.append(recorder.tap)
        solution = sim.solve(inputs=values or None, save_at_cycles=keep, callbacks=[recorder, InterruptCheck()])
    else:
        solution = sim.solve(inputs=values or None, callbacks=[InterruptCheck()])
    if not allow_early_stop:
        _check_complete(case, solution, sim.stop, recorder)
    sign = first_step_sign(case)
    if recorder is not None:
        table = cycles_table(solution, parameter_values, sign, case.full_cell, columns=columns)
        cycles = recorder.table()
    else:
        table = solution_table(solution, parameter_values, sign, case.full_cell, columns, interpolation)
        cycles = None
        if is_multi_cycle(case):
            cycles = cycle_summary(solution, parameter_values[n.P_AREA], case.lithiating_sign)
    return CaseResult(case, parameter_values, solution, table, cycles, sim.stop, recorder)


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
