"""Profiles through the mixed-conducting doped layer (option ``"silver exsolution": "mixed conductor"``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from anodefree_sim import names as n
from anodefree_sim.plotting._style import figure, save_figure, styled

#: panels: (variable, axis label)
PANELS = (
    (n.LOCAL_EXSOLVED_FRACTION, "exsolved Ag fraction"),
    (n.LAYER_ELECTRONIC_POTENTIAL, "electronic potential [V]"),
    (n.LAYER_IONIC_POTENTIAL, "ionic potential [mV]"),
    (n.LOCAL_ALLOY_RATIO, "local Li/Ag"),
)


def layer_profiles(solution, capacities=(0.02, 0.05, 0.1, 0.5, 1.0), path: str | Path | None = None):
    """Exsolved fraction, both potentials and the local Li/Ag ratio vs depth, at several charges passed.

    Parameters
    ----------
    solution : pybamm.Solution
        A solution of a model with the mixed-conductor layer.
    capacities : sequence of float
        Charges passed [mA.h.cm-2] at which to draw the profiles (those beyond the run are skipped).
    path : str or Path, optional
        Where to save the figure (PNG / SVG / PDF).

    Returns
    -------
    matplotlib.figure.Figure
    """
    if n.LAYER_IONIC_POTENTIAL not in solution.all_models[0].variables:
        raise ValueError("layer_profiles needs a solution of the 'mixed conductor' silver exsolution option")
    q = np.abs(solution[n.CAPACITY_AREAL].entries)
    x_um = 1e6 * np.asarray(solution[n.LAYER_DEPTH].entries)[:, 0]
    with styled():
        fig = figure(8.0, 5.5)
        axes = fig.subplots(2, 2, sharex=True).ravel()
        for c in capacities:
            if c > q[-1]:
                continue
            k = int(np.argmax(q >= c))
            for ax, (name, _) in zip(axes, PANELS, strict=True):
                y = solution[name].entries[:, k]
                ax.plot(x_um, 1e3 * y if name == n.LAYER_IONIC_POTENTIAL else y, marker=".",
                        label=f"{c:g} mAh/cm²")
        for ax, (_, label) in zip(axes, PANELS, strict=True):
            ax.set_ylabel(label)
        for ax in axes[2:]:
            ax.set_xlabel("depth from the collector [µm]")
        axes[0].legend(fontsize="small")
    save_figure(fig, path)
    return fig
