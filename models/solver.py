"""The default solver of every anode-free model (one place for solver settings)."""

from __future__ import annotations

import pybamm

#: relative and absolute tolerances of every case, fit and benchmark (per-state scales: submodels/base.py)
RTOL, ATOL = 1e-6, 1e-8


def default_solver(solver_class: type[pybamm.IDAKLUSolver] = pybamm.IDAKLUSolver,
                   **options) -> pybamm.IDAKLUSolver:
    """The solver every case uses unless told otherwise.

    IDAKLU with rtol 1e-6 / atol 1e-8, residuals compiled ahead of time (cached on disk; PyBaMM falls
    back to the casadi VM with a warning without a C compiler), and a 1e-9 s first step: the default
    initial step made the first point of a stripping step fail after a few hundred plate/strip cycles.

    Parameters
    ----------
    solver_class : type
        ``pybamm.IDAKLUSolver`` or a subclass of it (e.g. one that records each step while a run goes on).
    **options
        Extra ``pybamm.IDAKLUSolver`` keyword arguments (e.g. ``output_variables=[...]``).
    """
    return solver_class(rtol=RTOL, atol=ATOL, options={"compile": True, "dt_init": 1e-9}, **options)
