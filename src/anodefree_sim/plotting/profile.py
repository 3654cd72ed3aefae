"""Discharge / charge profile: voltage vs capacity with Li-Ag phase bands, mechanism states below."""

from __future__ import annotations

import numpy as np

from anodefree_sim import names as n
from anodefree_sim.plotting._style import (
    PAPER_MARKER,
    PHASE_COLOURS,
    PHASE_SYMBOLS,
    figure,
    legend_below,
    paper_label,
    paper_points,
    run_title,
    save_figure,
    styled,
)

SPECIFIC = "Specific capacity [mA.h.g-1]"
#: a phase band narrower than this share of the x-range gets its label in the legend instead
MIN_LABEL_WIDTH = 0.06


def dominant_phase(table: dict, electrode: str = "negative") -> np.ndarray | None:
    """Index into :data:`anodefree_sim.names.PHASES` of the phase holding most of the Ag (-1: no Ag)."""
    names = [n.phase_fraction(electrode, p) for p in n.PHASES]
    if not all(k in table for k in names):
        return None
    fractions = np.vstack([np.asarray(table[k]) for k in names])
    ratio = np.asarray(table.get(n.alloy_ratio(electrode), np.zeros(fractions.shape[1])))
    return np.where(ratio > 1e-3, np.argmax(fractions, axis=0), -1)


def phase_bands(ax, x, table, electrode: str = "negative", alpha: float = 0.35) -> list:
    """Shade the x-ranges where each Li-Ag phase holds the largest share of the Ag; label each phase once.

    A phase's label (α, β, γ3, γ2, γ1, δ) goes at the top of its widest band; phases whose widest band
    is narrower than :data:`MIN_LABEL_WIDTH` of the x-range are returned as legend handles instead.
    """
    from matplotlib.patches import Patch

    x = np.asarray(x, dtype=float)
    dominant = dominant_phase(table, electrode)
    if dominant is None or x.size == 0:
        return []
    widest: dict[int, tuple[float, float]] = {}
    start = 0
    for k in range(1, x.size + 1):
        if k == x.size or dominant[k] != dominant[start]:
            p = int(dominant[start])
            if p >= 0:
                lo, hi = x[start], x[min(k, x.size - 1)]
                ax.axvspan(lo, hi, color=PHASE_COLOURS[n.PHASES[p]], alpha=alpha, lw=0)
                if p not in widest or abs(hi - lo) > abs(widest[p][1] - widest[p][0]):
                    widest[p] = (lo, hi)
            start = k
    span = float(np.ptp(x)) or 1.0
    handles = []
    for p, (lo, hi) in sorted(widest.items()):
        phase = n.PHASES[p]
        if abs(hi - lo) >= MIN_LABEL_WIDTH * span:
            ax.text((lo + hi) / 2, 0.985, PHASE_SYMBOLS[phase], transform=ax.get_xaxis_transform(),
                    ha="center", va="top", fontsize=9)
        else:
            handles.append(Patch(color=PHASE_COLOURS[phase], alpha=alpha, label=f"{PHASE_SYMBOLS[phase]} phase"))
    return handles


def capacity_axis(result) -> tuple[np.ndarray, str]:
    """Capacity of the run's table on the basis its paper uses, and the axis label.

    Per gram of doped electrolyte for half cells with a doped layer (Choi 2025 Fig. 2b), per gram of
    cathode active material for full cells, areal otherwise.
    """
    t = result.table
    if SPECIFIC in t:
        per = "cathode active material" if result.case.full_cell else "doped electrolyte"
        return np.asarray(t[SPECIFIC]), f"Specific capacity [mAh g$^{{-1}}$ of {per}]"
    return np.asarray(t[n.CAPACITY_AREAL]), "Capacity [mAh cm$^{-2}$]"


def _lower_panels(result) -> list[tuple[str, list[tuple[str, str]]]]:
    """(y label, [(column, legend label)]) of each lower panel with data: one quantity per axis."""
    t = result.table
    candidates = [
        ("Exsolved\nAg [-]", [(n.EXSOLVED_FRACTION, "")]),
        ("Li/Ag [-]", [(n.alloy_ratio("negative"), "")]),
        ("Thickness\n[µm]", [(n.alloy_thickness("negative").replace("[m]", "[um]"), "Li–Ag alloy"),
                            (n.plated_thickness("negative").replace("[m]", "[um]"), "plated Li")]),
    ]
    out = []
    for label, series in candidates:
        size = {k: float(np.nanmax(np.abs(np.asarray(t[k])))) for k, _ in series if k in t}
        top = max(size.values(), default=0.0)
        # a series below 1 % of its panel's largest (e.g. nm of plated Li under µm of alloy) is left out
        kept = [(k, s) for k, s in series if k in size and size[k] > max(1e-3, 0.01 * top)]
        if kept:
            out.append((label, kept))
    return out


def profile_figure(result, path=None, overlay: bool = True):
    """Voltage vs capacity of a single-cycle run, Li-Ag phase bands, mechanism states on separate axes.

    Parameters
    ----------
    result : CaseResult
        Output of :func:`anodefree_sim.simulation.run_case`.
    path : str or Path, optional
        Write the figure here (``.png``, ``.svg`` or ``.pdf``).
    overlay : bool
        Draw the paper's reported points (:data:`~anodefree_sim.plotting.PAPER_POINTS`) for the case.

    Returns
    -------
    matplotlib.figure.Figure
    """
    with styled():
        lower = _lower_panels(result)
        fig = figure(6.4, 4.2 + 1.1 * len(lower))
        axes = fig.subplots(1 + len(lower), 1, sharex=True,
                            gridspec_kw={"height_ratios": [3.0] + [1.0] * len(lower)}, squeeze=False)[:, 0]
        ax = axes[0]
        q, xlabel = capacity_axis(result)
        v = np.asarray(result.table[n.VOLTAGE])
        handles = phase_bands(ax, q, result.table)
        (line,) = ax.plot(q, v, color="black", label="simulated")
        handles = [line, *handles]
        marked = []  # x of the paper's points: kept inside the axes
        if overlay:
            for p in paper_points(result):
                if p["kind"] == "point":
                    (h,) = ax.plot(p["x"], p["y"], **PAPER_MARKER, label=paper_label(p))
                    marked.append(p["x"])
                elif p["kind"] == "hline" and p["axis"] == "voltage":
                    h = ax.axhline(p["y"], color="crimson", ls="--", lw=1, label=paper_label(p))
                else:
                    continue
                handles.append(h)
        lo, hi = float(np.nanmin(v)), float(np.nanmax(v))
        pad = 0.05 * (hi - lo or 1.0)
        ax.set_ylim(lo - pad, hi + 4 * pad)  # headroom for the phase labels
        ax.set_ylabel("Voltage [V]")
        for axm, (label, series) in zip(axes[1:], lower, strict=True):
            for key, name in series:
                axm.plot(q, result.table[key], label=name or None)
            axm.set_ylabel(label)
            if len(series) > 1:
                axm.legend(loc="best", fontsize=7)
        axes[-1].set_xlabel(xlabel)
        xs = [float(np.nanmin(q)), float(np.nanmax(q))] + marked
        ax.set_xlim(min(xs), max(xs) + 0.02 * (max(xs) - min(xs)))
        fig.suptitle(run_title(result))
        fig.align_ylabels(axes)
        legend_below(fig, handles, [h.get_label() for h in handles])
        save_figure(fig, path)
    return fig
