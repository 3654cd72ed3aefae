"""Cycling figure: selected cycles coloured by cycle number, capacity / CE / retention vs cycle."""

from __future__ import annotations

import numpy as np

from anodefree_sim import names as n
from anodefree_sim.plotting._style import (
    PAPER_MARKER,
    figure,
    legend_below,
    paper_label,
    paper_points,
    run_title,
    save_figure,
    styled,
)
from anodefree_sim.plotting.profile import SPECIFIC


def selected_cycles(n_cycles: int, at_most: int = 8) -> list[int]:
    """Cycle indices (0-based) to draw: the first, the last and about log-spaced ones between."""
    if n_cycles <= at_most:
        return list(range(n_cycles))
    picks = np.unique(np.round(np.geomspace(1, n_cycles, at_most)).astype(int) - 1)
    return sorted(set(picks.tolist()) | {0, n_cycles - 1})


def specific_scale(result) -> float | None:
    """mAh/g per mAh/cm2 of the run's table (None without a specific capacity column)."""
    t = result.table
    if SPECIFIC not in t:
        return None
    areal = np.asarray(t[n.CAPACITY_AREAL])
    k = int(np.argmax(np.abs(areal)))
    return float(t[SPECIFIC][k] / areal[k]) if areal[k] != 0 else None


def _step_curves(result, cycle) -> list[tuple[np.ndarray, np.ndarray]]:
    """(capacity passed in the step [mAh/cm2], voltage) of each current-carrying step of a cycle."""
    area = result.parameter_values[n.P_AREA]
    out = []
    for step in cycle.steps:
        q = np.abs(np.asarray(step[n.DISCHARGE_CAPACITY].entries, dtype=float))
        q = np.abs(q - q[0]) / area * 0.1
        if q[-1] > 0:
            out.append((q, np.asarray(step[n.VOLTAGE].entries, dtype=float)))
    return out


def cycling_figure(result, path=None, overlay: bool = True, at_most: int = 8):
    """Selected cycles' voltage vs capacity (colour = cycle number) and capacity, CE, retention vs cycle.

    Capacities are per gram of cathode active material for full cells (Choi 2025 Fig. 3h), areal
    otherwise. ``overlay`` draws the paper's reported points for the case.
    """
    import matplotlib as mpl

    cycles = result.cycles
    number = np.asarray(cycles[n.CYCLE_NUMBER])
    scale = specific_scale(result) if result.case.full_cell else None
    unit = "mAh g$^{-1}$" if scale else "mAh cm$^{-2}$"
    scale = scale or 1.0
    with styled():
        fig = figure(8.0, 5.6)
        grid = fig.add_gridspec(3, 2, width_ratios=[1.25, 1.0])
        ax_v = fig.add_subplot(grid[:, 0])
        ax_q = fig.add_subplot(grid[0, 1])
        ax_ce = fig.add_subplot(grid[1, 1], sharex=ax_q)
        ax_r = fig.add_subplot(grid[2, 1], sharex=ax_q)
        done = [c for c in result.solution.cycles if c is not None]
        picks = selected_cycles(len(done), at_most)
        cmap = mpl.colormaps["viridis"]
        norm = mpl.colors.Normalize(vmin=1, vmax=max(len(done), 2))
        for i in picks:
            for q, v in _step_curves(result, done[i]):
                ax_v.plot(q * scale, v, color=cmap(norm(i + 1)), lw=1.1)
        bar = fig.colorbar(mpl.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax_v, label="Cycle number",
                           location="top", shrink=0.8)
        bar.ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
        ax_v.set_xlabel(f"Capacity [{unit}]")
        ax_v.set_ylabel("Voltage [V]")
        handles = []
        full = result.case.full_cell
        few = number.size <= 60  # markers on each cycle; lines only for long runs
        series = ((n.CYCLE_CHARGE_CAPACITY, "charge" if full else "stripping (charge)", "o"),
                  (n.CYCLE_DISCHARGE_CAPACITY, "discharge" if full else "plating (discharge)", "s"))
        for key, label, marker in series:
            (h,) = ax_q.plot(number, np.asarray(cycles[key]) * scale, marker=marker if few else None, ms=3,
                             label=label)
            handles.append(h)
        ax_q.set_ylabel(f"Capacity\n[{unit}]")
        ax_ce.plot(number, cycles[n.COULOMBIC_EFFICIENCY], "o-" if few else "-", ms=3, color="tab:green")
        ax_ce.set_ylabel("CE [%]")
        ax_r.plot(number, cycles[n.CAPACITY_RETENTION], "o-" if few else "-", ms=3, color="tab:purple")
        ax_r.set_ylabel("Retention [%]")
        ax_r.set_xlabel("Cycle number")
        for ax in (ax_q, ax_ce):
            ax.tick_params(labelbottom=False)
        if overlay:
            targets = {"capacity": ax_q, "ce": ax_ce, "retention": ax_r}
            for p in paper_points(result):
                ax = targets.get(p.get("axis"))
                if ax is None:
                    continue
                if p["kind"] == "cycle":
                    (h,) = ax.plot(p["x"], p["y"], **PAPER_MARKER, label=paper_label(p))
                elif p["kind"] == "hline":
                    h = ax.axhline(p["y"], color="crimson", ls="--", lw=1, label=paper_label(p))
                else:
                    continue
                handles.append(h)
        fig.suptitle(run_title(result) + f", {len(done)} cycles")
        fig.align_ylabels([ax_q, ax_ce, ax_r])
        legend_below(fig, handles, [h.get_label() for h in handles])
        save_figure(fig, path)
    return fig
