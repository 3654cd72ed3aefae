"""Validation figure: measured vs simulated voltage, residuals, dQ/dV."""

from __future__ import annotations

import numpy as np

from anodefree_sim import names as n
from anodefree_sim.plotting._style import figure, legend_below, pyplot, save_figure, styled


def validation_figure(measured: dict, simulated: dict, fitted: dict | None = None, path=None,
                      title: str = ""):
    """Measured vs simulated (and fitted) voltage vs time, residuals [mV] and |dQ/dV| vs voltage.

    Parameters
    ----------
    measured, simulated, fitted : dict
        Tables with ``"Time [s]"``, ``"Voltage [V]"`` and optionally ``"Current [A]"`` (needed for dQ/dV),
        as read by :func:`anodefree_sim.validation.io.read_measurement`.
    path : str or Path, optional
        Output file (``.png``, ``.svg``, ``.pdf``).
    title : str
        Figure title (e.g. the case name and fitted parameters).
    """
    from anodefree_sim.validation.compare import charge_passed, dqdv

    t_m, V_m = np.asarray(measured[n.TIME_S]) / 3600, np.asarray(measured[n.VOLTAGE])
    curves = [("simulated", simulated, "tab:blue")]
    if fitted is not None:
        curves.append(("fitted", fitted, "tab:orange"))
    with styled():
        fig = figure(6.4, 7.2)
        ax_v, ax_r, ax_d = fig.subplots(3, 1, gridspec_kw={"height_ratios": [2.0, 1.0, 1.5]})
        (hm,) = ax_v.plot(t_m, V_m, ".", color="black", ms=2.5, label="measured")
        handles = [hm]
        for label, table, colour in curves:
            t = np.asarray(table[n.TIME_S])
            (h,) = ax_v.plot(t / 3600, table[n.VOLTAGE], color=colour, label=label)
            handles.append(h)
            res = np.interp(np.asarray(measured[n.TIME_S]), t, np.asarray(table[n.VOLTAGE])) - V_m
            ax_r.plot(t_m, 1000 * res, color=colour)
            if n.CURRENT in table:
                v, g = dqdv(charge_passed(table), table[n.VOLTAGE])
                ax_d.plot(v, 1000 * g, color=colour)
        if n.CURRENT in measured:
            v, g = dqdv(charge_passed(measured), V_m)
            ax_d.plot(v, 1000 * g, color="black", lw=0.8)
        ax_r.axhline(0, color="grey", lw=0.5)
        ax_v.set_xlabel("Time [h]")
        ax_v.set_ylabel("Voltage [V]")
        ax_r.set_xlabel("Time [h]")
        ax_r.set_ylabel("Simulated − measured\n[mV]")
        ax_d.set_xlabel("Voltage [V]")
        ax_d.set_ylabel("|dQ/dV| [mAh V$^{-1}$]")
        if title:
            fig.suptitle(title)
        fig.align_ylabels([ax_v, ax_r, ax_d])
        legend_below(fig, handles, [h.get_label() for h in handles])
        save_figure(fig, path)
    return fig


def corner_plot(posterior: dict, path) -> None:
    """Corner plot of :func:`sample_posterior` samples: histograms on the diagonal, pairs below."""
    plt = pyplot()
    samples, names = posterior["Samples"], posterior["Parameters"]
    k = len(names)
    fig, axes = plt.subplots(k, k, figsize=(2.6 * k + 1, 2.6 * k + 1), squeeze=False)
    for i in range(k):
        for j in range(k):
            ax = axes[i][j]
            if j > i:
                ax.axis("off")
            elif i == j:
                ax.hist(samples[:, i], bins=30, color="0.4")
                for q in posterior["95% credible intervals"][names[i]]:
                    ax.axvline(q, color="C3", lw=0.8, ls="--")
            else:
                ax.plot(samples[:, j], samples[:, i], ".", ms=1.5, alpha=0.4)
            if i == k - 1:
                ax.set_xlabel(names[j], fontsize=7)
            if j == 0 and i > 0:
                ax.set_ylabel(names[i], fontsize=7)
    fig.tight_layout()
    save_figure(fig, path)
    plt.close(fig)
