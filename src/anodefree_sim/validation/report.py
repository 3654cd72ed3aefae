"""Validate a case against a measured curve: simulate what the cell saw, compare, fit, write a report."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pybamm

from anodefree_sim import names as n
from anodefree_sim.cases import get_case
from anodefree_sim.files import atomic_write_text
from anodefree_sim.protocols import areal_experiment
from anodefree_sim.simulation import case_parameter_values
from anodefree_sim.validation import compare as cmp
from anodefree_sim.validation.fit import FitParameter, fit_voltage, voltage_simulator
from anodefree_sim.validation.protocol import current_steps

SUMMARY = "summary.json"
FIGURE = "comparison.png"
CORNER = "posterior.png"


def fit_parameter(name: str, value: float, bounds: tuple | None = None) -> FitParameter:
    """A fitted parameter starting from ``value``; with ``bounds = (lower, upper)`` those bounds (fitted in
    log10 when both are positive and not a potential; a value outside them starts at their middle),
    otherwise :func:`default_fit_parameter`."""
    if bounds is None:
        return default_fit_parameter(name, value)
    lower, upper = (float(b) for b in bounds)
    if not lower < upper:
        raise ValueError(f"bounds of '{name}': need lower < upper, got {lower}:{upper}")
    log = lower > 0 and not name.endswith("[V]")
    if not lower <= value <= upper:
        value = float(np.sqrt(lower * upper)) if log else (lower + upper) / 2
    return FitParameter(name, value, lower, upper, log=log)


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


class SimulationFailed(RuntimeError):
    """The case cannot be simulated under the measured protocol (a failed comparison, exit status 1)."""


#: default margin [V] by which the simulated voltage may leave the measured voltage window
WINDOW_MARGIN = 0.5
FAILED = "Failed comparison"


def strict_json(value):
    """``value`` with NaN and infinities replaced by ``None`` and numpy scalars/arrays made plain, so that
    ``json.dumps(..., allow_nan=False)`` writes strict JSON."""
    if isinstance(value, dict):
        return {str(k): strict_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [strict_json(v) for v in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if np.isfinite(value) else None
    return value


def _protocol(measured: dict, case, pv, protocol, align):
    """``(experiment, description, align)`` of the simulation that the measurement is compared with."""
    if isinstance(protocol, str) and protocol != "case":
        protocol = [s.strip() for s in protocol.split(";") if s.strip()]
    if protocol is None and n.CURRENT in measured:
        if align not in (None, "time"):
            raise ValueError(f"align={align!r}: a measured current is followed in time, so align must be 'time'")
        return pybamm.Experiment(current_steps(measured)), "measured current steps", "time"
    if protocol is None:
        raise ValueError(
            "the measured file has no current column, so the protocol the cell saw is unknown: give it with "
            "--protocol \"STEP; STEP\" (protocol=[...]) or use the case's with --protocol case --align "
            "time|capacity (or map a current column with --map \"Current [A]=<column>\")"
        )
    if protocol == "case":
        if align is None:
            raise ValueError("--protocol case compares with the case's own protocol: say how the curves are "
                             "aligned with --align time or --align capacity (align=)")
        steps, what = list(case.steps), f"the case's protocol ({case.name})"
    else:
        if not protocol:
            raise ValueError("protocol is empty: give steps such as \"Discharge at 1 mA.cm-2 for 1 hour\"")
        steps, what = list(protocol), "given protocol: " + "; ".join(protocol)
    align = align or "time"
    if align == "capacity" and n.CURRENT not in measured:
        raise ValueError("--align capacity needs a measured current (the file has none); use --align time")
    return areal_experiment(steps, pv[n.P_AREA]), what, align


def _window_events(model, low: float, high: float) -> None:
    """Stop the simulation when its voltage leaves [low, high] V (a failed comparison, found quickly)."""
    voltage = model.variables[n.VOLTAGE]
    model.events.extend([
        pybamm.Event("Voltage above the measured window", high - voltage),
        pybamm.Event("Voltage below the measured window", voltage - low),
    ])


def validate(measured: dict, case, fit: list[str] | None = None, report_dir=None, area: float | None = None,
             backend: str = "scipy", protocol=None, align: str | None = None, bounds: dict | None = None,
             starts: int = 1, margin: float = WINDOW_MARGIN, posterior: bool = False) -> dict:
    """Simulate a case under the measured protocol, compare, optionally fit, optionally write a report.

    Parameters
    ----------
    measured : dict
        Tidy table (``"Time [s]"``, ``"Voltage [V]"``, optionally ``"Current [A]"``).
    case : str or Case
        The case whose model and parameters are validated.
    fit : list of str, optional
        Parameter names to fit (bounds from :func:`default_fit_parameter` unless given in ``bounds``).
    report_dir : path, optional
        Where ``summary.json`` and ``comparison.png`` are written.
    area : float, optional
        Electrode area [m2] of the measured cell (default: the case's).
    backend : {"scipy", "pybop"}
        Optimiser: scipy's least squares (default) or PyBOP (extra ``fit``; needs the measured current).
    protocol : list of str, str or None
        Needed when the measurement has no current: the steps the cell saw (case grammar, e.g.
        ``"Discharge at 1 mA.cm-2 for 2 hours"``; a string is split at ``;``), or ``"case"`` for the case's
        own protocol, which then needs an explicit ``align``.
    align : {"time", "capacity"}, optional
        How measured and simulated curves are put on one axis (default ``"time"``).
    bounds : dict, optional
        ``{name: (lower, upper)}`` for fitted parameters (physical units).
    starts : int
        Multi-start: number of starting points of the fit (see :func:`fit.fit_voltage`).
    posterior : bool
        After the fit, sample the posterior of the fitted parameters with PyBOP (extra ``fit``; see
        :func:`pybop_fit.sample_posterior`): ``summary["Posterior"]`` and a corner plot ``posterior.png``.
    margin : float
        [V] a simulated voltage that leaves the measured voltage window by more than this is a failed
        comparison: the simulation stops there, ``summary["Failed comparison"]`` says why and no RMSE is
        reported.

    Returns
    -------
    dict
        The summary (strict-JSON ready: no NaN).
    """
    if backend not in ("scipy", "pybop"):
        raise ValueError(f"backend must be 'scipy' or 'pybop', not '{backend}'")
    if not margin > 0:
        raise ValueError(f"margin must be > 0 V, got {margin}")
    if int(starts) != starts or starts < 1:
        raise ValueError(f"starts must be a whole number >= 1, got {starts}")
    if posterior and not fit:
        raise ValueError("posterior sampling needs fitted parameters (fit= / --fit)")
    case = get_case(case) if isinstance(case, str) else case
    pv = case_parameter_values(case)
    if area is not None:
        if not area > 0:
            raise ValueError(f"area must be > 0 m2, got {area}")
        pv[n.P_AREA] = area
    if n.CURRENT not in measured and n.CURRENT_DENSITY in measured:
        measured = dict(measured, **{n.CURRENT: measured[n.CURRENT_DENSITY] * pv[n.P_AREA]})
    experiment, what, align = _protocol(measured, case, pv, protocol, align)
    # the simulation starts with the first measured point
    measured = dict(measured, **{n.TIME_S: measured[n.TIME_S] - measured[n.TIME_S][0]})
    v_m = np.asarray(measured[n.VOLTAGE], dtype=float)
    low, high = float(v_m.min()), float(v_m.max())
    model = pybamm.Model(case.model, case.options)
    _window_events(model, low - margin, high + margin)
    bounds = dict(bounds or {})
    unknown = sorted(set(bounds) - set(fit or []))
    if unknown:
        raise ValueError(f"bounds given for {unknown}, which are not fitted (add them to fit / --fit)")
    params = [fit_parameter(name, _value_at_test(pv, name), bounds.get(name)) for name in (fit or [])]
    run = voltage_simulator(model, pv, params, experiment=experiment, with_current=True)
    start = {p.name: p.initial for p in params}
    try:
        simulated = _table(*run(start))
    except pybamm.SolverError as err:  # e.g. the initial voltage is already outside the window
        raise SimulationFailed(f"{case.name}: the simulation of the measured protocol fails: "
                               f"{str(err).strip().splitlines()[0]}") from err
    summary = {"Case": case.name, "Protocol": what, "Alignment": align,
               n.MEASURED_VOLTAGE_WINDOW: [low, high], n.VOLTAGE_WINDOW_MARGIN: margin,
               "Fit settings": {p.name: {"initial": p.initial, "bounds": [p.lower, p.upper], "log10": p.log}
                                for p in params}}
    failed = _window_failure(simulated, measured, low, high, margin)
    fitted = None
    if failed is None:
        summary["Before fit"] = cmp.compare(measured, simulated, align)
    else:
        summary["Before fit"] = failed
    if params:
        if backend == "pybop":
            from anodefree_sim.validation.pybop_fit import fit_voltage_pybop

            result = fit_voltage_pybop(pybamm.Model(case.model, case.options), pv, measured, params)
        else:
            result = fit_voltage(run, measured, params, pv, starts=int(starts))
        fitted = _table(*run(result.values))
        summary["Fit"] = result.to_dict()
        after = _window_failure(fitted, measured, low, high, margin)
        summary["After fit"] = cmp.compare(measured, fitted, align) if after is None else after
    samples = None
    if posterior and "Fit" in summary:
        samples = _posterior(case, pv, measured, result)
        summary["Posterior"] = {k: v for k, v in samples.items() if k != "Samples"}
    final = summary.get("After fit", summary["Before fit"])
    if FAILED in final:
        summary[FAILED] = final[FAILED]
    summary = strict_json(summary)
    if report_dir is not None:
        out = Path(report_dir)
        out.mkdir(parents=True, exist_ok=True)
        atomic_write_text(json.dumps(summary, indent=2, allow_nan=False), out / SUMMARY)
        # the figure kinds live in the plotting layer (drawn after the summary, which is already safe on disk)
        from anodefree_sim.plotting import _pyplot
        from anodefree_sim.plotting.validation import corner_plot, validation_figure

        title = f"{case.name}: measured vs simulated"
        _pyplot().close(validation_figure(measured, simulated, fitted, out / FIGURE, title=title))
        if samples is not None:
            corner_plot(samples, out / CORNER)
    return summary


def _posterior(case, pv, measured: dict, result) -> dict:
    """PyBOP posterior around a fit (Gaussian noise with the fit's RMSE)."""
    from anodefree_sim.validation.pybop_fit import sample_posterior

    if result.at_bound:
        raise ValueError(f"no posterior for parameters at a bound ({', '.join(result.at_bound)}): widen --bounds")
    return sample_posterior(pybamm.Model(case.model, case.options), pv, measured, result.values,
                            result.standard_errors, sigma=max(result.rmse, 1e-4))


def _window_failure(simulated: dict, measured: dict, low: float, high: float, margin: float) -> dict | None:
    """A failed-comparison record when the simulated voltage left the measured window (or stopped short)."""
    v = np.asarray(simulated[n.VOLTAGE], dtype=float)
    lo, hi = float(np.min(v)), float(np.max(v))
    # the window events stop the solve a little past the threshold: 1 % of the margin is tolerance
    tol = 0.01 * margin
    if lo >= low - margin + tol and hi <= high + margin - tol:
        return None
    t_end, t_m = float(simulated[n.TIME_S][-1]), float(measured[n.TIME_S][-1])
    side = f"above {high:.4g} + {margin:g} V" if hi > high + margin - tol else f"below {low:.4g} - {margin:g} V"
    return {FAILED: f"the simulated voltage leaves the measured window [{low:.4g}, {high:.4g}] V by more than "
                    f"{margin:g} V ({side}) at t = {t_end:.6g} s of {t_m:.6g} s: no RMSE is reported",
            n.SIMULATED_VOLTAGE_RANGE: [lo, hi]}


def _table(t, V, current) -> dict:
    """Simulated table (its own current, for capacity metrics)."""
    return {n.TIME_S: t, n.VOLTAGE: V, n.CURRENT: current}
