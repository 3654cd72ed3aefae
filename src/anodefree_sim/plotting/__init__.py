"""Figures of runs, cycling, symmetric cells, CCD, pressure maps and validations (the plotting layer).

:func:`plot_results` picks the figure a case calls for (:func:`figure_kind`):

* ``"profile"``: single-cycle runs, voltage vs capacity (per gram as the paper uses), Li-Ag phase bands,
  mechanism states on separate axes (:func:`profile_figure`);
* ``"cycling"``: multi-cycle cells, selected cycles coloured by cycle number, capacity / CE / retention
  vs cycle (:func:`cycling_figure`);
* ``"symmetric"``: symmetric cells, voltage vs time with zoomed cycles (:func:`symmetric_figure`);
* ``"ccd"``: stepped-current runs with the stack-pressure model, current staircase and voltage with the
  short marked (:func:`ccd_figure`).

Also :func:`plot_pressure_map`, :func:`plot_plating_map`, :func:`validation_figure` and :func:`quick_plot`
(PyBaMM QuickPlot grid).
Figures are written as PNG, SVG or PDF by the path's extension. Nothing below this layer imports it.
"""

from __future__ import annotations

from anodefree_sim.plotting._style import (
    FORMATS,
    PAPER_POINTS,
    PHASE_COLOURS,
    PHASE_SYMBOLS,
    check_figure_path,
    paper_points,
    run_title,
    save_figure,
)
from anodefree_sim.plotting._style import pyplot as _pyplot
from anodefree_sim.plotting.ccd import ccd_figure
from anodefree_sim.plotting.cycling import cycling_figure
from anodefree_sim.plotting.plating_map import plot_plating_map
from anodefree_sim.plotting.pressure_map import plot_pressure_map
from anodefree_sim.plotting.profile import phase_bands, profile_figure
from anodefree_sim.plotting.quickplot import quick_plot, quick_plot_variables
from anodefree_sim.plotting.symmetric import symmetric_figure
from anodefree_sim.plotting.validation import validation_figure

FIGURES = {"profile": profile_figure, "cycling": cycling_figure, "symmetric": symmetric_figure,
           "ccd": ccd_figure}


def figure_kind(result) -> str:
    """Which figure a run calls for: ``"ccd"``, ``"symmetric"``, ``"cycling"`` or ``"profile"``."""
    from anodefree_sim.studies.ccd import is_ccd_case

    case = result.case
    if is_ccd_case(case):  # stack-pressure closures or the mixed-conducting layer, > 2 current densities
        return "ccd"
    if case.model == "SymmetricCell":
        return "symmetric"
    if result.cycles is not None and len(result.cycles[next(iter(result.cycles))]) > 1:
        return "cycling"
    return "profile"


def plot_results(result, path=None, kind: str | None = None, **kwargs):
    """The figure of a :class:`~anodefree_sim.simulation.CaseResult` (kind from :func:`figure_kind`).

    ``kind`` forces one of :data:`FIGURES`; ``kwargs`` go to its function. Returns the figure.
    """
    kind = kind or figure_kind(result)
    if kind not in FIGURES:
        raise ValueError(f"figure kind '{kind}' unknown; valid kinds: {', '.join(FIGURES)}")
    return FIGURES[kind](result, path, **kwargs)


__all__ = [
    "FIGURES", "FORMATS", "PAPER_POINTS", "PHASE_COLOURS", "PHASE_SYMBOLS", "_pyplot", "ccd_figure",
    "check_figure_path", "cycling_figure", "figure_kind", "paper_points", "phase_bands",
    "plot_plating_map", "plot_pressure_map",
    "plot_results", "profile_figure", "quick_plot", "quick_plot_variables", "run_title", "save_figure",
    "symmetric_figure", "validation_figure",
]
