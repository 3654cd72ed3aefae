"""The PyBaMM simulation of a case (model, parameter values, areal experiment), built but not solved."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import casadi
import numpy as np
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

#: how the surface potentials start (:func:`build_simulation` ``start``)
START_MODES = ("consistent", "rest")
#: ``start`` of :func:`build_simulation` when not given (``benchmarks/answer_rule.py run --start`` sets it)
DEFAULT_START = "rest"


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
    #: electrodes whose surface potential starts consistent with the first step's current
    #: (:func:`build_simulation` ``start="consistent"``); empty: every one starts at its rest potential
    start_electrodes: tuple = ()

    def solve(self, *args, inputs=None, callbacks=None, **kwargs):
        """Solve; afterwards ``self.stop`` is the :class:`Outcome` of an event at the start of a step or of a
        solver failure that ended the run (None otherwise; pass it to :func:`outcome_of`). An event at the
        start of the first step raises :class:`StepEventError`."""
        events = [e.name for e in self.model.events
                  if e.event_type == pybamm.EventType.TERMINATION]
        recorder = _OutcomeLogger(events, self.protocol)
        self.stop = None
        callbacks = [recorder, *(callbacks if isinstance(callbacks, list) else [callbacks] if callbacks else [])]
        inputs = check_inputs(inputs, self.input_names)
        if self.start_electrodes and kwargs.get("starting_solution") is None:
            self._consistent_start(inputs, kwargs)
        try:
            solution = super().solve(*args, inputs=inputs or None, callbacks=callbacks, **kwargs)
        except pybamm.SolverError as err:
            if recorder.stop is not None and recorder.stop.event is not None:
                raise StepEventError(recorder.stop) from err
            raise
        self.stop = recorder.stop
        return solution

    def _consistent_start(self, inputs: dict, solve_kwargs: dict) -> None:
        """Start the first step's model at :func:`consistent_shift` for these ``inputs``.

        The built model's initial-condition expression becomes the rest one plus a constant shift of the
        surface potential entries (cached per set of input values); the residual, its Jacobian and the
        events are untouched, so the compiled model is the same. An initial-condition expression set by
        someone else since (e.g. a test's) is left alone."""
        self.build_for_experiment(inputs=inputs, solve_kwargs=solve_kwargs)
        model = self._get_built_experiment_model(self.experiment.steps[0].basic_repr())
        cache = model.__dict__.setdefault("_anodefree_start", {"rest": model.concatenated_initial_conditions})
        key = tuple(sorted(inputs.items()))
        if key not in cache:
            rest = cache["rest"]
            shift = consistent_shift(model, rest, inputs, self.start_electrodes)
            cache[key] = rest if not shift.any() else rest + pybamm.Vector(shift)
        current = model.concatenated_initial_conditions
        if current is not cache[key] and any(current is v for v in cache.values()):  # not replaced by a user
            model.concatenated_initial_conditions = cache[key]


def consistent_shift(model: pybamm.BaseModel, initial: pybamm.Symbol, inputs: dict,
                     electrodes: tuple[str, ...]) -> np.ndarray:
    """Shift of the initial state that starts each surface potential where its double layer carries no current.

    Each surface potential E (a differential state of the capacitive closure, C_dl dE/dt = sum_k j_k(E)
    - s i) is moved from its rest value to the root of its own right-hand side at t = 0 with every other
    state at its initial value: the potential at which the reactions carry the first step's current. The
    root is the first sign change of dE/dt met from the rest value in the direction E moves (scan in 5 mV
    steps over 3 V, then Brent's method to 1e-12 V), i.e. where the double-layer transient would settle
    within ~1e-2 s; the electrodes are solved in turn, twice. An electrode with no such root (nothing can
    carry the current, e.g. a bare collector before nucleation; or no current) keeps its rest value.

    Parameters
    ----------
    model : pybamm.BaseModel
        The discretised model of the first experiment step.
    initial : pybamm.Symbol
        Its initial-condition expression at the rest potentials (scaled states).
    inputs : dict
        Its input values.
    electrodes : tuple of str
        The electrodes whose surface potential is moved (``"negative"``, ``"counter"``).

    Returns
    -------
    numpy.ndarray
        Shift of the (scaled) initial state: zero but at the moved surface potentials.
    """
    from scipy.optimize import brentq

    t = casadi.MX.sym("t")
    y = casadi.MX.sym("y", model.concatenated_rhs.size + model.concatenated_algebraic.size)
    p = {k: casadi.MX.sym(k) for k in inputs}
    rhs = casadi.Function("rhs", [t, y, *p.values()], [model.concatenated_rhs.to_casadi(t, y, inputs=p)])
    y_rest = np.asarray(initial.evaluate(0, None, inputs=inputs), dtype=float).ravel()
    y0 = y_rest.copy()
    slots = [(slices[0].start, float(key.scale.evaluate()), float(key.reference.evaluate()))
             for key, slices in model.y_slices.items()
             if any(key.name == n.surface_potential(e) for e in electrodes)]
    values = list(inputs.values())
    for _ in range(2):
        for i, scale, reference in slots:
            def f(E, i=i, scale=scale, reference=reference):
                yy = y0.copy()
                yy[i] = (E - reference) / scale
                return float(rhs(0.0, yy, *values)[i])
            E0 = y_rest[i] * scale + reference
            f0 = f(E0)
            if not np.isfinite(f0) or f0 == 0:
                continue
            grid = E0 + np.sign(f0) * np.arange(0.005, 3.0001, 0.005)
            change = np.nonzero(np.sign([f(E) for E in grid]) != np.sign(f0))[0]
            if not len(change):
                continue
            j = change[0]
            root = brentq(f, E0 if j == 0 else grid[j - 1], grid[j], xtol=1e-12, rtol=4 * np.finfo(float).eps)
            y0[i] = (root - reference) / scale
    return y0 - y_rest


def build_simulation(
    case: Case | str, overrides: dict | None = None, options: dict | None = None, solver=None, inputs=(),
    check_model: bool = True,
    output_variables: Collection[str] | None = None, start: str | None = None,
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
    start : {"rest", "consistent"}, optional
        Initial surface potential of each capacitive electrode closure (default :data:`DEFAULT_START`).
        ``"rest"``: the rest potential (``"... initial surface potential difference [V]"``), which in both
        cases also sets the blocking event's window. ``"consistent"``: the potential at which the reactions
        carry the first step's current (:func:`consistent_shift`; a solve from a ``starting_solution``
        starts from its state), so the integration does not resolve the ~1e-2 s discharge of the double
        layer from the rest potential (Choi 2025 Cell B: 598 -> 457 adaptive steps, capacity -5.5e-6
        relative); an electrode with no such potential keeps its rest value. Not the default: with fewer
        steps on Cell B's plateau the sweep's linear table misses the plateau by 1.7e-5 (> the 1e-5 of
        ``test_sweep_plateau_of_the_linear_table_equals_the_interpolant_to_1e_5``; benchmarks/README.md).

    Returns
    -------
    (CaseSimulation, pybamm.ParameterValues)
        The simulation and its parameter values (range-checked; the ``inputs`` as ``InputParameter``).

    Example::

        sim, pv = build_simulation("li-lpscl-stripping", inputs=["Ambient temperature [K]"])
        warm = sim.solve(inputs={"Ambient temperature [K]": 333.15})   # or {"Cell temperature [K]": ...}
    """
    if start is not None and start not in START_MODES:
        raise ValueError(f"start must be one of {START_MODES}, got {start!r}")
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
    start = DEFAULT_START if start is None else start
    sim.start_electrodes = tuple(e for e in n.ELECTRODES if start == "consistent"
                                 and any(v.name == n.surface_potential(e) for v in model.rhs))
    return sim, pv
