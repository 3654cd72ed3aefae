"""Critical-current-density figure: current staircase and voltage vs time, the short marked."""

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


def ccd_figure(result, path=None, overlay: bool = True):
    """Current density (staircase) and voltage vs time of a stepped-current run; the short is marked.

    The critical current density is :func:`anodefree_sim.studies.ccd.critical_current_density` of the run
    (the highest current density of a fully completed cycle).
    """
    from anodefree_sim.studies.ccd import CCD, SHORT_TIME, SHORTED, critical_current_density

    summary = critical_current_density(result)
    t = np.asarray(result.table[n.TIME_H])
    j = np.asarray(result.table[n.CURRENT_DENSITY_MA])
    v = np.asarray(result.table[n.VOLTAGE])
    with styled():
        fig = figure(6.4, 5.0)
        ax_j, ax_v = fig.subplots(2, 1, sharex=True)
        (lj,) = ax_j.plot(t, j, color="tab:blue", lw=1.0, label="current density")
        ax_j.axhline(0, color="grey", lw=0.5)
        ax_j.set_ylabel("Current density\n[mA cm$^{-2}$]")
        ax_v.plot(t, v, color="black", lw=0.9)
        ax_v.set_ylabel("Voltage [V]")
        ax_v.set_xlabel("Time [h]")
        ax_v.set_xlim(t[0], t[-1] + 0.03 * (t[-1] - t[0]))  # room for the short's marker
        handles = [lj]
        ccd = summary[CCD]
        if ccd is not None:
            label = (f"simulated CCD {ccd:g} mA cm$^{{-2}}$" if summary[SHORTED]
                     else f"no short up to {ccd:g} mA cm$^{{-2}}$ (CCD censored)")
            for sign in (1, -1) if np.any(j < 0) else (1,):
                h = ax_j.axhline(sign * ccd, color="tab:green", ls=":", lw=1.2, label=label)
            handles.append(h)
        if summary[SHORTED]:
            ts = summary[SHORT_TIME]
            j_short = float(np.abs(j[np.searchsorted(t, ts, side="left") - 1]))
            for ax in (ax_j, ax_v):
                h = ax.axvline(ts, color="crimson", lw=1.2,
                               label=f"short circuit at {ts:.3g} h, {j_short:.3g} mA cm$^{{-2}}$")
            ax_v.plot(ts, np.interp(ts, t, v), "X", color="crimson", ms=8)
            handles.append(h)
        if overlay:
            for p in paper_points(result, "hline"):
                if p["axis"] == "current":
                    h = ax_j.axhline(p["y"], color="crimson", ls="--", lw=1, label=paper_label(p))
                    handles.append(h)
        fig.suptitle(run_title(result))
        fig.align_ylabels([ax_j, ax_v])
        legend_below(fig, handles, [h.get_label() for h in handles], ncol=2)
        save_figure(fig, path)
    return fig
