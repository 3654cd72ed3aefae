"""PyBaMM QuickPlot of any of the package's models, saved as a static grid."""

from __future__ import annotations

import pybamm

from anodefree_sim import names as n
from anodefree_sim.plotting._style import check_figure_path, save_figure, styled


def quick_plot_variables(model: pybamm.BaseModel) -> list[str]:
    """Variables of a QuickPlot of ``model``: its ``default_quick_plot_variables`` that it defines
    (always at least the voltage)."""
    names = [v for v in (model.default_quick_plot_variables or []) if v in model.variables]
    return names or [n.VOLTAGE]


def quick_plot(solution: pybamm.Solution, path=None, variables: list[str] | None = None, time=None):
    """``pybamm.QuickPlot`` of a solution, drawn at ``time`` (default: the end) and saved to ``path``.

    Parameters
    ----------
    solution : pybamm.Solution
        E.g. ``run_case(...).solution``.
    path : str or Path, optional
        Output file (``.png``, ``.svg``, ``.pdf``).
    variables : list of str, optional
        Default: :func:`quick_plot_variables` of the solution's model.
    time : float, optional
        Time [s] at which spatial variables are drawn (default: the end of the solution).

    Returns
    -------
    pybamm.QuickPlot
    """
    if path is not None:
        path = check_figure_path(path)
    model = solution.all_models[0]
    with styled():
        qp = pybamm.QuickPlot(solution, output_variables=variables or quick_plot_variables(model))
        qp.plot(solution.t[-1] if time is None else time)
        save_figure(qp.fig, path)
    return qp
