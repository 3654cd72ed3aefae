"""The default solver of every anode-free model (one place for solver settings)."""

from __future__ import annotations

import pybamm

#: relative and absolute tolerances of every case, fit and benchmark (per-state scales: submodels/base.py)
RTOL, ATOL = 1e-6, 1e-8
#: IDA's first step [s] of every experiment step
DT_INIT = 1e-9


class AnodeFreeSolver(pybamm.IDAKLUSolver):
    """``pybamm.IDAKLUSolver`` that does not convert a model's initial conditions again on each re-solve.

    PyBaMM 26.10 starts every ``Simulation.solve`` after the first by resetting the first experiment step's
    model to its initial conditions with ``set_up(model, inputs, ics_only=True)``, which converts the
    initial-condition expression to CasADi again, re-checks the model and rebuilds the sensitivity set-up:
    ~0.9 ms of a ~3.3 ms re-solve of Choi 2025 Cell B (CPU time, benchmarks/README.md). When the model's
    initial conditions are the expression this solver already converted (same object) and their
    converted function is still the model's, only the initial state is evaluated for the new inputs, with
    that same function: the result is identical to the bit. Any other case (a new expression, another
    solver's set-up of the model, a full set-up) takes PyBaMM's own path.
    """

    def set_up(self, model, inputs=None, t_eval=None, ics_only=False):
        """PyBaMM's ``set_up``; with ``ics_only`` and unchanged initial conditions, only their evaluation."""
        done = getattr(model, "_anodefree_converted_ics", None)
        if (ics_only and done is not None and done[0] is model.concatenated_initial_conditions
                and done[1] is model.initial_conditions_eval):
            self._set_initial_conditions(model, 0.0, [inputs] if isinstance(inputs, dict) else inputs or [{}])
            return
        super().set_up(model, inputs, t_eval, ics_only)
        model._anodefree_converted_ics = (model.concatenated_initial_conditions, model.initial_conditions_eval)


def default_solver(solver_class: type[pybamm.IDAKLUSolver] = AnodeFreeSolver,
                   **options) -> pybamm.IDAKLUSolver:
    """The solver every case uses unless told otherwise.

    IDAKLU (:class:`AnodeFreeSolver`) with rtol 1e-6 / atol 1e-8, residuals compiled ahead of time (cached
    on disk; PyBaMM falls back to the casadi VM with a warning without a C compiler), and a 1e-9 s first
    step: the default initial step made the first point of a stripping step fail after a few hundred
    plate/strip cycles.

    Parameters
    ----------
    solver_class : type
        ``pybamm.IDAKLUSolver`` or a subclass of it (e.g. one that records each step while a run goes on).
    **options
        Extra ``pybamm.IDAKLUSolver`` keyword arguments (e.g. ``output_variables=[...]``).
    """
    return solver_class(rtol=RTOL, atol=ATOL, options={"compile": True, "dt_init": DT_INIT}, **options)
