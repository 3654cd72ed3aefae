"""The PyBaMM simulation of a case (model, parameter values, areal experiment), built but not solved."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import pybamm

from anodefree_sim import names as n
from anodefree_sim.cases import Case, get_case
from anodefree_sim.checks import check_overrides_used
from anodefree_sim.models.solver import default_solver
from anodefree_sim.outcomes import Outcome, StepEventError, _OutcomeLogger
from anodefree_sim.protocols import areal_experiment
from anodefree_sim.simulation.inputs import (
    case_parameter_values,
    check_inputs,
    input_name,
    parameters_as_inputs,
)


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
    check_model: bool = True,
    output_variables: Collection[str] | None = None,
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
    check_model : bool
        PyBaMM's well-posedness and initial-condition checks when each step model is discretised (about 40 %
        of the build time). False skips them, for repeated builds of models the test suite already checks.
    output_variables : collection of str, optional
        With the default solver: the variables IDAKLU evaluates while it integrates (its
        ``output_variables``), the names the model lacks left out. The solution then holds only these
        (``solution[name].entries`` at the solver's points; no interpolation, no other variable) and a
        re-solve skips PyBaMM's post-processing of the full state: what a sweep of many cases needs.

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
    if output_variables is not None:
        if solver is not None:
            raise ValueError("output_variables needs the default solver (solver=None)")
        solver = default_solver(output_variables=[v for v in output_variables if v in model.variables])
    experiment = areal_experiment(list(case.steps), pv[n.P_AREA])
    if inputs:
        pv = parameters_as_inputs(pv, inputs)
    sim = CaseSimulation(model, parameter_values=pv, experiment=experiment, solver=solver or default_solver(),
                         discretisation_kwargs={"check_model": check_model})
    sim.input_names = tuple(dict.fromkeys(input_name(k) for k in inputs))
    sim.protocol = case.steps
    return sim, pv
