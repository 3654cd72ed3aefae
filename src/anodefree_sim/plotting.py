"""Matplotlib figures of case results (voltage profile with Li-Ag phase bands, mechanism states)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from anodefree_sim import _names as n

PHASE_COLOURS = {
    "alpha": "#d9d9d9",
    "beta": "#c6dbef",
    "gamma3": "#9ecae1",
    "gamma2": "#fdd0a2",
    "gamma1": "#fdae6b",
    "delta": "#e5f5e0",
}


def _pyplot():
    import matplotlib

    if matplotlib.get_backend().lower() not in ("agg", "module://matplotlib_inline.backend_inline"):
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def phase_bands(ax, x, table, electrode: str = "negative", alpha: float = 0.35) -> None:
    """Shade the x-ranges where each Li-Ag phase holds the largest fraction of the Ag."""
    names = [n.phase_fraction(electrode, p) for p in n.PHASES]
    if not all(k in table for k in names):
        return
    fractions = np.vstack([table[k] for k in names])
    has_ag = np.asarray(table.get(n.alloy_ratio(electrode), np.zeros_like(x))) > 1e-3
    dominant = np.where(has_ag, np.argmax(fractions, axis=0), -1)
    start = 0
    for k in range(1, len(x) + 1):
        if k == len(x) or dominant[k] != dominant[start]:
            if dominant[start] >= 0:
                phase = n.PHASES[dominant[start]]
                ax.axvspan(x[start], x[k - 1], color=PHASE_COLOURS[phase], alpha=alpha, lw=0)
                ax.text(
                    (x[start] + x[k - 1]) / 2, 0.98, phase, transform=ax.get_xaxis_transform(),
                    ha="center", va="top", fontsize=7,
                )
            start = k


def plot_results(results, path: str | Path | None = None, labels=None):
    """Voltage vs capacity of one or more :class:`~anodefree_sim.simulation.CaseResult`.

    The top panel shows the voltage with the Li-Ag phase bands of the first result; the bottom
    panel its mechanism states (exsolved Ag fraction, Li/Ag, plated Li thickness). Returns the
    figure; writes it to ``path`` if given.
    """
    plt = _pyplot()
    results = list(results) if isinstance(results, (list, tuple)) else [results]
    labels = labels or [r.case.name for r in results]
    fig, (ax_v, ax_m) = plt.subplots(2, 1, figsize=(6.4, 6.4), sharex=True,
                                     gridspec_kw={"height_ratios": [2, 1]})
    first = results[0].table
    phase_bands(ax_v, first[n.CAPACITY_AREAL], first)
    for r, label in zip(results, labels, strict=True):
        ax_v.plot(r.table[n.CAPACITY_AREAL], r.table[n.VOLTAGE], label=label)
    ax_v.set_ylabel(n.VOLTAGE)
    ax_v.axhline(0, color="k", lw=0.5)
    ax_v.legend(loc="upper right", bbox_to_anchor=(1, 0.9), fontsize=8)
    q = first[n.CAPACITY_AREAL]
    for key, label in (
        (n.EXSOLVED_FRACTION, "exsolved Ag fraction"),
        (n.alloy_ratio("negative"), "Li/Ag"),
        (n.plated_thickness("negative").replace("[m]", "[um]"), "plated Li [um]"),
    ):
        if key in first and np.any(np.asarray(first[key]) != 0):
            ax_m.plot(q, first[key], label=label)
    ax_m.set_xlabel(n.CAPACITY_AREAL)
    ax_m.set_ylabel("state")
    ax_m.legend(fontsize=8)
    fig.suptitle(results[0].case.reference or results[0].case.description, fontsize=9)
    fig.tight_layout()
    if path is not None:
        save_figure(fig, path)
    return fig


def save_figure(fig, path: str | Path, dpi: int = 150) -> Path:
    """Save ``fig`` atomically (:func:`anodefree_sim.files.atomic_write`): a failed or interrupted save leaves
    an existing file at ``path`` untouched. The format is that of the extension of ``path``."""
    from anodefree_sim.files import atomic_write

    fmt = Path(path).suffix.lstrip(".").lower() or None
    return atomic_write(path, lambda tmp: fig.savefig(tmp, dpi=dpi, format=fmt))
