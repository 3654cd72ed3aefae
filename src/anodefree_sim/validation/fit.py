"""Fit model parameters to a measured voltage curve (scipy least squares) with confidence intervals.

The fitted parameters become PyBaMM ``[input]`` parameters, so the model is built once and re-solved
for every trial (DESIGN section 3). Residuals are the simulated minus measured voltages at the measured
times; where the simulation stopped early (a cut-off reached before the end of the data), the residual
uses the last simulated voltage, which penalises a too-short discharge smoothly.

Uncertainty: from the Jacobian J of the residuals at the optimum (in the fitting space, linear or
log10), cov = s^2 (J^T J)^-1 with s^2 = SSR / (m - p); 95 % intervals are +- 1.96 sigma, mapped back
to physical units (log-fitted parameters get asymmetric intervals).

This scipy backend needs no extra dependency; :mod:`anodefree_sim.validation.pybop_fit` runs the same
fit through PyBOP (extra ``fit``), which drives our models unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pybamm
from scipy.optimize import least_squares

from anodefree_sim.models.solver import default_solver
from anodefree_sim.validation.compare import TIME, VOLTAGE


@dataclass(frozen=True)
class FitParameter:
    """A parameter to fit: PyBaMM name, initial guess and bounds (physical units); ``log`` fits log10."""

    name: str
    initial: float
    lower: float
    upper: float
    log: bool = False

    def to_fit_space(self, value: float) -> float:
        return float(np.log10(value)) if self.log else float(value)

    def from_fit_space(self, value: float) -> float:
        return float(10**value) if self.log else float(value)


@dataclass
class FitResult:
    """Fitted values, standard errors, 95 % confidence intervals and fit quality."""

    values: dict
    standard_errors: dict
    confidence_intervals: dict
    rmse: float
    max_error: float
    evaluations: int
    success: bool
    message: str
    residuals: np.ndarray = field(repr=False, default=None)

    def to_dict(self) -> dict:
        return {
            "Fitted parameters": self.values,
            "Standard errors": self.standard_errors,
            "95% confidence intervals": {k: list(v) for k, v in self.confidence_intervals.items()},
            "Voltage RMSE [V]": self.rmse,
            "Maximum voltage error [V]": self.max_error,
            "Function evaluations": self.evaluations,
            "Converged": self.success,
            "Message": self.message,
        }


def _check(parameters, parameter_values):
    if not parameters:
        raise ValueError("choose at least one parameter to fit")
    for p in parameters:
        if p.name not in parameter_values.keys():
            raise ValueError(f"unknown parameter '{p.name}' to fit")
        if not p.lower < p.upper or not p.lower <= p.initial <= p.upper:
            raise ValueError(f"'{p.name}': need lower < upper and the initial value within the bounds")
        if p.log and p.lower <= 0:
            raise ValueError(f"'{p.name}': log-fitted parameters need a positive lower bound")


def voltage_simulator(model, parameter_values, parameters, experiment=None, t_end=None, solver=None
                      ) -> Callable[[dict], tuple[np.ndarray, np.ndarray]]:
    """A function ``inputs -> (t [s], V [V])`` that re-solves one built model for new parameter values.

    Give either a :class:`pybamm.Experiment` or ``t_end`` [s] (the current then comes from
    ``"Current function [A]"`` of the parameter values).
    """
    pv = parameter_values.copy()
    for p in parameters:
        pv[p.name] = "[input]"
    sim = pybamm.Simulation(model, parameter_values=pv, experiment=experiment,
                            solver=solver or default_solver())

    def run(inputs: dict):
        sol = sim.solve(inputs=inputs) if experiment is not None else sim.solve([0, t_end], inputs=inputs)
        return sol["Time [s]"].entries, sol["Voltage [V]"].entries

    return run


def fit_voltage(simulate, measured: dict, parameters: list, parameter_values=None, **least_squares_kw
                ) -> FitResult:
    """Least-squares fit of ``parameters`` so that ``simulate(inputs)`` matches ``measured``.

    Parameters
    ----------
    simulate : callable
        ``inputs -> (t [s], V [V])``, e.g. from :func:`voltage_simulator`.
    measured : dict
        Table with ``"Time [s]"`` and ``"Voltage [V]"``.
    parameters : list of FitParameter
    parameter_values : pybamm.ParameterValues, optional
        Used to check that the names exist.
    """
    if parameter_values is not None:
        _check(parameters, parameter_values)
    t_m = np.asarray(measured[TIME], dtype=float)
    V_m = np.asarray(measured[VOLTAGE], dtype=float)
    x0 = np.array([p.to_fit_space(p.initial) for p in parameters])
    lb = np.array([p.to_fit_space(p.lower) for p in parameters])
    ub = np.array([p.to_fit_space(p.upper) for p in parameters])

    def inputs_of(x):
        return {p.name: p.from_fit_space(v) for p, v in zip(parameters, x, strict=True)}

    def residuals(x):
        try:
            t, V = simulate(inputs_of(x))
        except pybamm.SolverError:
            return np.full(t_m.size, 1.0)  # a failed solve is a poor fit, not a crash
        return np.interp(t_m, t, V, right=V[-1]) - V_m

    kw = {"x_scale": "jac", "diff_step": 1e-4, "max_nfev": 200}
    kw.update(least_squares_kw)
    res = least_squares(residuals, x0, bounds=(lb, ub), **kw)
    m, k = res.fun.size, x0.size
    s2 = 2 * res.cost / max(m - k, 1)
    try:
        cov = s2 * np.linalg.inv(res.jac.T @ res.jac)
        sigma = np.sqrt(np.clip(np.diag(cov), 0, None))
    except np.linalg.LinAlgError:
        sigma = np.full(k, np.inf)
    values = inputs_of(res.x)
    se, ci = {}, {}
    for p, x, s in zip(parameters, res.x, sigma, strict=True):
        lo, hi = p.from_fit_space(x - 1.96 * s), p.from_fit_space(x + 1.96 * s)
        ci[p.name] = (lo, hi)
        se[p.name] = float(values[p.name] * np.log(10) * s) if p.log else float(s)
    return FitResult(values, se, ci, float(np.sqrt(np.mean(res.fun**2))), float(np.max(np.abs(res.fun))),
                     int(res.nfev), bool(res.success), str(res.message), res.fun)
