"""Outcomes of a run, decided from the name of the event that ended it (never from solver messages).

:func:`outcome_of` maps a PyBaMM solution (and an event recorded at the start of a step by
:class:`_OutcomeLogger`) to an :class:`Outcome` whose ``outcome`` is one of the ``OUTCOME_*`` names of
:mod:`anodefree_sim.names`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pybamm

from anodefree_sim import names as n

#: PyBaMM's termination of a step that ran for its whole duration
_FINAL_TIME = "final time"
#: PyBaMM's tag of the events it adds for a step's own cut-offs ("Voltage > 0.1 [V] [experiment]")
_EXPERIMENT_TAG = "[experiment]"
#: PyBaMM's message when events are violated at the start of a step (its solvers' check of the events
#: at the initial conditions, BaseSolver._check_event_violation)
_AT_INITIAL_CONDITIONS = "non-positive at initial conditions"


def _event_outcomes() -> dict[str, str]:
    out = {n.EVENT_MINIMUM_VOLTAGE: n.OUTCOME_VOLTAGE_LIMIT, n.EVENT_MAXIMUM_VOLTAGE: n.OUTCOME_VOLTAGE_LIMIT}
    for e in n.ELECTRODES:
        out[n.event_short_circuit(e)] = n.OUTCOME_SHORT_CIRCUIT
        out[n.event_exhausted(e)] = n.OUTCOME_EXHAUSTED
        out[n.event_blocking(e)] = n.OUTCOME_BLOCKING
        out[n.event_contact_lost(e)] = n.OUTCOME_CONTACT_LOST
    return out


#: outcome of each named model event (names from :mod:`anodefree_sim.names`)
EVENT_OUTCOMES = _event_outcomes()


@dataclass(frozen=True)
class Outcome:
    """How a run (or a step) ended.

    Attributes
    ----------
    outcome : str
        One of the ``OUTCOME_*`` of :mod:`anodefree_sim.names`.
    event : str or None
        Name of the event that ended it (a model event, or a step's own cut-off ``"... [experiment]"``).
    cycle : int or None
        Cycle (1-based) in which it ended.
    step : str or None
        Text of the step in which it ended (the case's areal protocol when known).
    message : str
        The solver's message of a solver failure.
    """

    outcome: str
    event: str | None = None
    cycle: int | None = None
    step: str | None = None
    message: str = ""

    def as_dict(self) -> dict:
        """JSON-ready ``{"Outcome", "Event", "Cycle", "Step"}`` (+ ``"Message"`` of a solver failure)."""
        out = {"Outcome": self.outcome, "Event": self.event, "Cycle": self.cycle, "Step": self.step}
        if self.message:
            out["Message"] = self.message
        return out


def event_outcome(event: str) -> str:
    """The ``OUTCOME_*`` of an event that ended a step.

    A step's own cut-off (PyBaMM's ``"... [experiment]"`` events) completes the step; the model's named events
    (:data:`EVENT_OUTCOMES`) map to their outcome. Any other name raises ``ValueError``: every terminating
    event of the models must have an outcome here.
    """
    if event.endswith(_EXPERIMENT_TAG):
        return n.OUTCOME_COMPLETED
    try:
        return EVENT_OUTCOMES[event]
    except KeyError:
        raise ValueError(f"event '{event}' has no outcome; known events: {sorted(EVENT_OUTCOMES)}") from None


def step_outcome(step: pybamm.Solution | pybamm.EmptySolution) -> tuple[str, str | None]:
    """``(outcome, event)`` of one step solution, from the event that ended it.

    An :class:`pybamm.EmptySolution` is a step PyBaMM skipped because its own cut-off was already passed at
    its start (e.g. a strip "until 0.1 V" that starts above 0.1 V): ``OUTCOME_INFEASIBLE``. A step that ran
    its duration, or ended on its cut-off, is ``OUTCOME_COMPLETED``; a step ended by a model event has that
    event's outcome (:func:`event_outcome`).
    """
    if isinstance(step, pybamm.EmptySolution):
        return n.OUTCOME_INFEASIBLE, None
    termination = str(step.termination)
    if termination == _FINAL_TIME:
        return n.OUTCOME_COMPLETED, None
    if termination.startswith("event: "):
        event = termination[len("event: "):]
        return event_outcome(event), event
    raise ValueError(f"step ended with an unknown termination '{termination}'")


def _step_text(protocol, cycle: int, step: int) -> str | None:
    """Text of step ``step`` of cycle ``cycle`` (both 1-based) of an areal protocol (None outside it)."""
    if protocol is None or not 0 < cycle <= len(protocol):
        return None
    entry = protocol[cycle - 1]
    entry = entry if isinstance(entry, tuple) else (entry,)
    return str(entry[step - 1]) if 0 < step <= len(entry) else None


def step_outcomes(solution: pybamm.Solution, protocol=None) -> list[Outcome]:
    """One :class:`Outcome` per step of ``solution.cycles`` (``protocol``: the case's steps, for the text)."""
    out = []
    for k, cycle in enumerate(solution.cycles or [], start=1):
        if cycle is None:
            continue
        for i, step in enumerate(cycle.steps, start=1):
            outcome, event = step_outcome(step)
            out.append(Outcome(outcome, event, k, _step_text(protocol, k, i)))
    return out


def infeasible_steps(solution: pybamm.Solution, protocol=None) -> list[Outcome]:
    """The steps of ``solution`` that were infeasible at their start (:func:`step_outcome`)."""
    return [o for o in step_outcomes(solution, protocol) if o.outcome == n.OUTCOME_INFEASIBLE]


def outcome_of(solution: pybamm.Solution, protocol=None, stop: Outcome | None = None) -> Outcome:
    """The outcome of a run, decided from the name of the event that ended it (never from log text).

    * ``stop``: a model event or a solver failure at the start of a step, recorded by
      :class:`CaseSimulation` while solving (``sim.stop`` after ``sim.solve()``; ``CaseResult.stop``);
    * otherwise the last step that ran: a model event that ended it (short circuit, voltage limit, electrode
      exhausted, blocking electrode);
    * otherwise ``OUTCOME_COMPLETED`` (the protocol ran to its end; steps infeasible at their start are
      listed by :func:`infeasible_steps`), or, when ``protocol`` is given and the solution has fewer cycles,
      ``OUTCOME_SOLVER_FAILURE`` (the run stopped without an event).
    """
    return _outcome(step_outcomes(solution, protocol), sum(c is not None for c in solution.cycles or []),
                    protocol, stop)


def _outcome(steps: list[Outcome], done: int, protocol=None, stop: Outcome | None = None) -> Outcome:
    """:func:`outcome_of` from the :class:`Outcome` of every step that ran and the number of cycles run."""
    if stop is not None:
        return stop
    last = next((o for o in reversed(steps) if o.outcome != n.OUTCOME_INFEASIBLE), None)
    if last is not None and last.outcome != n.OUTCOME_COMPLETED:
        return last
    if protocol is not None and done < len(protocol):
        return Outcome(n.OUTCOME_SOLVER_FAILURE, message=f"the run stopped after {done} of {len(protocol)} "
                                                         "cycles without an event")
    return Outcome(n.OUTCOME_COMPLETED)


class StepEventError(pybamm.SolverError):
    """A model event ended the run at the start of its first step (no solution to return): ``.outcome``."""

    def __init__(self, outcome: Outcome):
        super().__init__(f"{outcome.outcome}: '{outcome.event}' at the start of step '{outcome.step}'")
        self.outcome = outcome


class _OutcomeLogger(pybamm.callbacks.LoggingCallback):
    """PyBaMM's logging callback that records how a run stopped (:class:`Outcome`) instead of logging it.

    PyBaMM checks a step's events at its initial conditions (``BaseSolver._check_event_violation``); a model
    event that is already non-positive there (e.g. the short-circuit margin when the current of the next
    step jumps up) raises a ``SolverError`` that the experiment loop passes to
    ``LoggingCallback.on_experiment_error``, which logs ``[ERROR] Simulation error: Events [...] are
    non-positive at initial conditions``, and ends the run. That is the run's result (the event ended it),
    reported as its :class:`Outcome`; exactly that record is not logged. Every other error (a solver failure)
    is recorded as ``OUTCOME_SOLVER_FAILURE`` and logged as before. PyBaMM reports which events were violated
    only in that error's text (``Events [...] are non-positive ...``); the event is the model's terminating
    event whose name (quoted) it lists. A model event inside a step (PyBaMM's
    warning "Experiment is infeasible: 'event: ...' was triggered") is the step's outcome, read from the
    step's termination (:func:`step_outcome`), and not logged either.
    """

    def __init__(self, events, protocol=None):
        super().__init__()
        self.events = tuple(events)
        self.protocol = protocol
        self.stop: Outcome | None = None
        self._cycle = 0

    def on_cycle_start(self, logs):
        self._cycle += 1
        super().on_cycle_start(logs)

    def _where(self, logs) -> tuple[int, str]:
        step = logs["step number"][0]
        text = _step_text(self.protocol, self._cycle, step) or str(logs["step operating conditions"])
        return logs["cycle number"][0], text

    def on_experiment_error(self, logs):
        error = str(logs["error"])
        cycle, text = self._where(logs)
        named = [e for e in self.events if repr(e) in error] if _AT_INITIAL_CONDITIONS in error else []
        if named:
            self.stop = Outcome(event_outcome(named[0]), named[0], cycle, text)
            return
        self.stop = Outcome(n.OUTCOME_SOLVER_FAILURE, None, cycle, text, error.strip().splitlines()[0])
        super().on_experiment_error(logs)

    def on_experiment_infeasible_event(self, logs):
        termination = str(logs["termination"])
        if termination.removeprefix("event: ") in EVENT_OUTCOMES:
            return
        super().on_experiment_infeasible_event(logs)

    def on_experiment_infeasible_time(self, logs):
        cycle, text = self._where(logs)
        self.stop = Outcome(n.OUTCOME_INFEASIBLE, None, cycle, text,
                            "the step reached its default duration without reaching its cut-off")
        super().on_experiment_infeasible_time(logs)


