"""Per-cycle records of a long run taken while it goes on, so PyBaMM need keep only some cycles."""

from __future__ import annotations

import numpy as np
import pybamm

from anodefree_sim import names as n
from anodefree_sim.cycling import cycle_row, cycle_table, step_record
from anodefree_sim.interrupts import raise_if_interrupted
from anodefree_sim.models.solver import AnodeFreeSolver
from anodefree_sim.outcomes import Outcome, _step_text, step_outcome


class StepTapSolver(AnodeFreeSolver):
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


class InterruptCheck(pybamm.callbacks.Callback):
    """Ends an experiment at the end of the step in which a Ctrl-C was recorded (:mod:`anodefree_sim.interrupts`),
    also when the ``KeyboardInterrupt`` itself was lost inside CasADi."""

    def on_step_end(self, logs):
        raise_if_interrupted()


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
