"""Plating-location map: share of the plated Li at the collector over current density x a second axis."""

from __future__ import annotations

import numpy as np
import pandas as pd

from anodefree_sim.plotting._style import figure, save_figure, styled
from anodefree_sim.studies.plating_location import (
    AXES,
    FAILED,
    FRACTION_AT_COLLECTOR,
    OUTCOME,
    SHORT,
    STOPPED,
    grid,
)

#: markers of the censored points (the run ended early), always in the legend
CENSORED_MARKERS = {SHORT: ("X", "short circuit (censored: amounts when it fired)"),
                    STOPPED: ("s", "other event (censored)"),
                    FAILED: ("o", "solver failure (censored: no amounts)")}
#: colour map of the fraction at the collector (0: none at the collector, 1: all of it)
CMAP = "viridis"


def _axis_label(table: pd.DataFrame) -> str:
    ax = AXES[table.attrs["axis"]]
    return ax.label + (f" [{ax.unit}]" if ax.unit else "")


def plating_map_panel(ax, table: pd.DataFrame, title: str | None = None, observations=()):
    """Draw the map of ``table`` (:func:`~anodefree_sim.studies.plating_location.plating_location`) on ``ax``;
    returns (mesh, legend handles). ``observations``: dicts with ``value`` (axis), ``current`` [mA.cm-2],
    ``label`` and optional ``marker``, drawn as open markers at their cell."""
    from matplotlib.lines import Line2D

    j, values, frac = grid(table, FRACTION_AT_COLLECTOR)
    _, _, outcome = grid(table, OUTCOME)
    frac = np.asarray(frac, dtype=float)
    mesh = ax.pcolormesh(np.arange(j.size + 1) - 0.5, np.arange(values.size + 1) - 0.5,
                         np.ma.masked_invalid(frac), cmap=CMAP, vmin=0.0, vmax=1.0, edgecolors="white",
                         linewidth=0.5)
    ax.set_facecolor("#dddddd")  # no amounts (solver failure): grey
    for (k, i), f in np.ndenumerate(frac):
        if np.isfinite(f):
            ax.text(i, k, f"{100 * f:.0f}%", ha="center", va="center", fontsize=7,
                    color="white" if f < 0.6 else "black")
    handles = []
    for kind, (marker, label) in CENSORED_MARKERS.items():
        kk, ii = np.nonzero(outcome == kind)
        style = {"ls": "none", "marker": marker, "mfc": "#d7263d", "mec": "black", "mew": 0.6, "ms": 7}
        ax.plot(ii + 0.32, kk + 0.3, **style)
        handles.append(Line2D([], [], label=label, **style))
    for obs in observations:
        hit_j = np.nonzero(np.isclose(j, obs["current"]))[0]
        hit_v = np.nonzero(np.isclose(values, obs["value"]))[0]
        if hit_j.size and hit_v.size:
            (h,) = ax.plot(hit_j[0] - 0.3, hit_v[0] + 0.3, ls="none", marker=obs.get("marker", "*"), ms=11,
                           mfc="none", mec="#ff7f0e", mew=1.5, label=obs["label"])
            handles.append(h)
    ax.set_xticks(np.arange(j.size), [f"{v:g}" for v in j])
    ax.set_yticks(np.arange(values.size), [f"{v:g}" for v in values])
    ax.set_xlim(-0.5, j.size - 0.5)
    ax.set_ylim(-0.5, values.size - 0.5)
    ax.set_xlabel("Plating current density [mA cm$^{-2}$]")
    ax.set_ylabel(_axis_label(table))
    ax.grid(False)
    if title is None:
        title = f"{table.attrs['case']}, {table.attrs['capacity']:g} mAh cm$^{{-2}}$ plated"
    ax.set_title(title)
    return mesh, handles


def plot_plating_map(table: pd.DataFrame, path=None, ax=None, title: str | None = None, observations=()):
    """Plating-location map (colour: % of the plated Li at the collector) with a colour bar and a legend of
    the censored-point markers (and of ``observations``, see :func:`plating_map_panel`); returns the axes.

    ``path``: ``.png``, ``.svg`` or ``.pdf``.
    """
    with styled():
        own = ax is None
        if own:
            fig = figure(6.4, 4.6)
            ax = fig.subplots()
        mesh, handles = plating_map_panel(ax, table, title, observations)
        bar = ax.figure.colorbar(mesh, ax=ax, pad=0.02)
        bar.set_label("Plated Li at the collector [fraction]")
        if own:
            ax.figure.legend(handles=handles, loc="outside lower center", ncol=2)
        else:
            ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
        save_figure(ax.figure, path)
    return ax
