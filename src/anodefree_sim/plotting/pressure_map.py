"""Outcome map (stable / voiding, incl. contact lost / short) over pressure x current, with the CCD line."""

from __future__ import annotations

import numpy as np

from anodefree_sim.plotting._style import figure, save_figure, styled
from anodefree_sim.studies.pressure_map import FAILED, OUTCOMES, SHORT, STABLE, STOPPED, VOIDING

#: colours of the outcomes
OUTCOME_COLOURS = {STABLE: "#4daf4a", VOIDING: "#ff9f1c", SHORT: "#d7263d", STOPPED: "#7570b3", FAILED: "#999999"}
#: legend labels of the outcomes ("contact lost" is the runaway of voiding, so it is in the voiding class)
OUTCOME_LABELS = {STABLE: "stable", VOIDING: "voiding (incl. contact lost)", SHORT: "short",
                  STOPPED: "other event", FAILED: "solver failure"}


def _map_panel(ax, result: dict, title: str) -> list:
    from matplotlib.colors import ListedColormap
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    outcome = np.asarray(result["outcome"])
    P = np.asarray(result["pressures"], dtype=float) / 1e6
    j = np.asarray(result["current_densities"], dtype=float)
    code = np.vectorize({o: i for i, o in enumerate(OUTCOMES)}.get)(outcome).astype(float)
    cmap = ListedColormap([OUTCOME_COLOURS[o] for o in OUTCOMES])
    # categorical cells on index axes, labelled with the values (grids need not be uniform)
    ax.pcolormesh(np.arange(P.size + 1) - 0.5, np.arange(j.size + 1) - 0.5, code.T, cmap=cmap, vmin=-0.5,
                  vmax=len(OUTCOMES) - 0.5, edgecolors="white", linewidth=0.5)
    ccd = np.asarray(result["ccd"], dtype=float)
    y = np.interp(ccd, j, np.arange(j.size), left=-0.5)
    y = np.where(np.isnan(ccd), -0.5, y)
    # CCD: the top edge of the highest non-shorting cell of each pressure column
    xs = np.repeat(np.arange(P.size), 2) + np.tile([-0.5, 0.5], P.size)
    (line,) = ax.plot(xs, np.repeat(y + 0.5, 2), color="black", lw=2, label="CCD")
    shown = [o for o in OUTCOMES if o in (STABLE, VOIDING, SHORT) or np.any(outcome == o)]
    handles = [Patch(color=OUTCOME_COLOURS[o], label=OUTCOME_LABELS[o]) for o in shown] + [line]
    censored = np.asarray(result.get("ccd_censored", np.zeros(P.size, bool)), dtype=bool)
    if censored.any():
        ax.plot(np.arange(P.size)[censored], y[censored] + 0.5, "^", color="black", ms=6, clip_on=False)
    handles.append(Line2D([], [], ls="none", marker="^", color="black", ms=6,
                          label="CCD ≥ (no short up to the\nhighest current; censored)"))
    ax.set_ylim(-0.5, j.size - 0.5 + 0.3)  # headroom for the CCD line and censored markers at the top
    ax.set_xticks(np.arange(P.size), [f"{p:g}" for p in P])
    ax.set_yticks(np.arange(j.size), [f"{v:g}" for v in j])
    ax.set_xlabel("Stack pressure [MPa]")
    ax.set_ylabel("Current density [mA cm$^{-2}$]")
    ax.grid(False)
    ax.set_title(title)
    return handles


def plot_pressure_map(result: dict, path=None, ax=None, title: str | None = None):
    """Categorical map (current density vs stack pressure) with the CCD line; returns the axes.

    The legend lists the outcomes, the CCD line and the censored-CCD marker (a pressure at which no
    current of the grid shorted). A result with a temperature axis is drawn as one panel per temperature
    (``ax`` then ignored, an array of axes returned). ``path``: ``.png``, ``.svg`` or ``.pdf``.
    """
    outcome = np.asarray(result["outcome"])
    temperature = result.get("temperature")
    default = result["case"] + (f", {temperature - 273.15:g} °C" if temperature else "")
    with styled():
        if outcome.ndim == 3:
            fig = figure(3.6 * outcome.shape[0] + 2.2, 3.8)
            axes = np.atleast_1d(fig.subplots(1, outcome.shape[0], squeeze=False)[0])
            for k, T in enumerate(result["temperatures"]):
                sub = {**result, "outcome": outcome[k], "ccd": np.asarray(result["ccd"])[k],
                       "ccd_censored": np.asarray(result["ccd_censored"])[k], "temperatures": None}
                handles = _map_panel(axes[k], sub, f"{result['case']}, {T - 273.15:g} °C")
            fig.legend(handles=handles, loc="outside right upper")
            save_figure(fig, path)
            return axes
        if ax is None:
            fig = figure(6.0, 3.8)
            ax = fig.subplots()
        handles = _map_panel(ax, result, title if title is not None else default)
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1))
        save_figure(ax.figure, path)
    return ax
