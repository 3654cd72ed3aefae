"""Validate a case against a measured curve: simulate what the cell saw, compare, fit, write a report."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pybamm

from anodefree_sim import _names as n
from anodefree_sim.cases import get_case
from anodefree_sim.protocols import areal_experiment
from anodefree_sim.simulation import case_parameter_values
from anodefree_sim.validation import compare as cmp
from anodefree_sim.validation.fit import FitParameter, fit_voltage, voltage_simulator
from anodefree_sim.validation.protocol import current_steps

SUMMARY = "summary.json"
FIGURE = "comparison.png"


def default_fit_parameter(name: str, value: float) -> FitParameter:
    """Bounds for a fitted parameter from its current value: potentials [V] +- 0.2 V (linear), other
    positive quantities from value / 5 to value x 5 (fitted in log10)."""
    if name.endswith("[V]"):
        return FitParameter(name, value, value - 0.2, value + 0.2)
    if value <= 0:
        raise ValueError(f"cannot fit '{name}' = {value}: give a positive starting value")
    return FitParameter(name, value, value / 5, value * 5, log=True)


def _value_at_test(pv, name: str) -> float:
    value = pv[name]
    if callable(value):  # e.g. an exchange-current density as a function of temperature
        value = value(pybamm.Scalar(pv[n.P_TEMPERATURE]))
    if isinstance(value, pybamm.Symbol):
        value = value.evaluate()
    return float(np.asarray(value).squeeze())


def validate(measured: dict, case, fit: list[str] | None = None, report_dir=None, area: float | None = None,
             backend: str = "scipy") -> dict:
    """Simulate a case under the measured protocol, compare, optionally fit, optionally write a report.

    Parameters
    ----------
    measured : dict
        Tidy table (``"Time [s]"``, ``"Voltage [V]"``, optionally ``"Current [A]"``).
    case : str or Case
        The case whose model and parameters are validated.
    fit : list of str, optional
        Parameter names to fit (bounds from :func:`default_fit_parameter`).
    report_dir : path, optional
        Where ``summary.json`` and ``comparison.png`` are written.
    area : float, optional
        Electrode area [m2] of the measured cell (default: the case's).
    backend : {"scipy", "pybop"}
        Optimiser: scipy's least squares (default) or PyBOP (extra ``fit``; needs the measured current).
    """
    if backend not in ("scipy", "pybop"):
        raise ValueError(f"backend must be 'scipy' or 'pybop', not '{backend}'")
    case = get_case(case) if isinstance(case, str) else case
    pv = case_parameter_values(case)
    if area is not None:
        pv[n.P_AREA] = area
    if n.CURRENT not in measured and n.CURRENT_DENSITY in measured:
        measured = dict(measured, **{n.CURRENT: measured[n.CURRENT_DENSITY] * pv[n.P_AREA]})
    if "Current [A]" in measured:
        experiment = pybamm.Experiment(current_steps(measured))
        protocol = "measured current steps"
        # the simulation starts with the first measured point
        measured = dict(measured, **{"Time [s]": measured["Time [s]"] - measured["Time [s]"][0]})
    else:
        experiment = areal_experiment(list(case.steps), pv[n.P_AREA])
        protocol = f"the case's protocol ({case.name}); no current in the measurement"
    model = pybamm.Model(case.model, case.options)
    params = [default_fit_parameter(name, _value_at_test(pv, name)) for name in (fit or [])]
    run = voltage_simulator(model, pv, params, experiment=experiment)
    start = {p.name: p.initial for p in params}
    simulated = _table(*run(start), measured)
    summary = {"Case": case.name, "Protocol": protocol, "Before fit": cmp.compare(measured, simulated),
               "Fit settings": {p.name: {"initial": p.initial, "bounds": [p.lower, p.upper], "log10": p.log}
                                for p in params}}
    fitted = None
    if params:
        if backend == "pybop":
            from anodefree_sim.validation.pybop_fit import fit_voltage_pybop

            result = fit_voltage_pybop(pybamm.Model(case.model, case.options), pv, measured, params)
        else:
            result = fit_voltage(run, measured, params, pv)
        fitted = _table(*run(result.values), measured)
        summary["Fit"] = result.to_dict()
        summary["After fit"] = cmp.compare(measured, fitted)
    if report_dir is not None:
        out = Path(report_dir)
        out.mkdir(parents=True, exist_ok=True)
        (out / SUMMARY).write_text(json.dumps(summary, indent=2, default=float), encoding="utf-8")
        plot_comparison(measured, simulated, fitted, out / FIGURE)
    return summary


def _table(t, V, measured) -> dict:
    """Simulated table with the measured current carried over for capacity metrics."""
    table = {"Time [s]": t, "Voltage [V]": V}
    if "Current [A]" in measured:
        table["Current [A]"] = np.interp(t, measured["Time [s]"], measured["Current [A]"])
    return table


def plot_comparison(measured: dict, simulated: dict, fitted: dict | None, path) -> None:
    """Overlay (voltage vs time), residuals and dQ/dV panels."""
    from anodefree_sim.plotting import _pyplot

    plt = _pyplot()
    fig, (ax_v, ax_r, ax_d) = plt.subplots(3, 1, figsize=(6.4, 8.0))
    t_m, V_m = measured["Time [s]"] / 3600, measured["Voltage [V]"]
    ax_v.plot(t_m, V_m, "k.", ms=3, label="measured")
    curves = [("simulated", simulated)] + ([("fitted", fitted)] if fitted is not None else [])
    for label, table in curves:
        ax_v.plot(table["Time [s]"] / 3600, table["Voltage [V]"], label=label)
        res = np.interp(measured["Time [s]"], table["Time [s]"], table["Voltage [V]"]) - V_m
        ax_r.plot(t_m, 1000 * res, label=label)
        if "Current [A]" in table:
            v, g = cmp.dqdv(cmp.charge_passed(table), table["Voltage [V]"])
            ax_d.plot(v, g, label=label)
    if "Current [A]" in measured:
        v, g = cmp.dqdv(cmp.charge_passed(measured), V_m)
        ax_d.plot(v, g, "k", lw=0.8, label="measured")
    ax_v.set_xlabel("Time [h]")
    ax_v.set_ylabel("Voltage [V]")
    ax_r.set_xlabel("Time [h]")
    ax_r.set_ylabel("Residual [mV]")
    ax_d.set_xlabel("Voltage [V]")
    ax_d.set_ylabel("|dQ/dV| [A.h.V-1]")
    for ax in (ax_v, ax_r, ax_d):
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=130)
    plt.close(fig)
