"""Symmetric-cell figure: voltage vs time over all cycles, with zoomed panels of chosen cycles."""

from __future__ import annotations

import numpy as np

from anodefree_sim import names as n
from anodefree_sim.plotting._style import (
    figure,
    legend_below,
    paper_label,
    paper_points,
    run_title,
    save_figure,
    styled,
)
from anodefree_sim.plotting.cycling import selected_cycles

ZOOM_COLOURS = ("tab:blue", "tab:orange", "tab:green", "tab:red")


def symmetric_figure(result, path=None, zoom: list[int] | None = None, overlay: bool = True):
    """Voltage vs time of a plate/strip run, shaded zoom windows and one zoomed panel per chosen cycle.

    Parameters
    ----------
    result : CaseResult
        A symmetric-cell run (:func:`anodefree_sim.simulation.run_case`).
    path : str or Path, optional
        Output file (``.png``, ``.svg``, ``.pdf``).
    zoom : list of int, optional
        1-based cycle numbers to zoom into (default: first, middle and last cycle).
    overlay : bool
        Quote the paper's nucleation overpotential next to the simulated one.
    """
    t = np.asarray(result.table[n.TIME_H])
    v = 1000 * np.asarray(result.table[n.VOLTAGE])
    done = [c for c in result.solution.cycles if c is not None]
    if zoom is None:
        picks = selected_cycles(len(done), 3) if len(done) > 3 else list(range(len(done)))
        zoom = sorted({picks[0] + 1, (len(done) + 1) // 2, len(done)}) if len(done) > 2 else [k + 1 for k in picks]
    bad = [z for z in zoom if not 1 <= z <= len(done)]
    if bad:
        raise ValueError(f"zoom cycles {bad} out of range: the run has cycles 1..{len(done)}")
    with styled():
        fig = figure(7.2, 5.2)
        grid = fig.add_gridspec(2, len(zoom), height_ratios=[1.3, 1.0])
        ax = fig.add_subplot(grid[0, :])
        (line,) = ax.plot(t, v, color="black", lw=0.9, label="simulated")
        ax.axhline(0, color="grey", lw=0.5)
        ax.set_xlabel("Time [h]")
        ax.set_ylabel("Voltage [mV]")
        ax.set_xlim(t[0], t[-1])
        handles = [line]
        for k, z in enumerate(zoom):
            c = done[z - 1]
            t0, t1 = c.t[0] / 3600, c.t[-1] / 3600
            colour = ZOOM_COLOURS[k % len(ZOOM_COLOURS)]
            ax.axvspan(t0, t1, color=colour, alpha=0.2, lw=0)
            axz = fig.add_subplot(grid[1, k])
            mask = (t >= t0) & (t <= t1)
            axz.plot(t[mask], v[mask], color=colour)
            axz.axhline(0, color="grey", lw=0.5)
            axz.set_title(f"cycle {z}", color=colour)
            axz.set_xlabel("Time [h]")
            if k == 0:
                axz.set_ylabel("Voltage [mV]")
            axz.locator_params(axis="x", nbins=3)
        if overlay:
            eta = result.table.get(n.nucleation_overpotential("negative"))
            simulated = 1000 * float(np.nanmax(np.abs(eta))) if eta is not None else None
            for p in paper_points(result, "eta"):
                sim = f" (simulated {simulated:.2g} mV)" if simulated is not None else ""
                (h,) = ax.plot([], [], ls="none", label=paper_label(p) + sim)
                handles.append(h)
        fig.suptitle(run_title(result) + f", {len(done)} cycles")
        legend_below(fig, handles, [h.get_label() for h in handles], ncol=2)
        save_figure(fig, path)
    return fig
