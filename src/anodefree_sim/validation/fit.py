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
from anodefree_sim.validation.compare import CURRENT, MAX_ERROR, RMSE, TIME, VOLTAGE


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

    at_bound: list = field(default_factory=list)
    starts: list = field(default_factory=list)

    def to_dict(self) -> dict:
        """JSON-ready summary: intervals of parameters at a bound are ``None`` (not valid), and a fit with
        a parameter at a bound is not reported as converged."""
        return {
            "Fitted parameters": self.values,
            "Standard errors": {k: (None if k in self.at_bound else v) for k, v in self.standard_errors.items()},
            "95% confidence intervals": {k: (None if k in self.at_bound else list(v))
                                         for k, v in self.confidence_intervals.items()},
            "Parameters at a bound": list(self.at_bound),
            RMSE: self.rmse,
            MAX_ERROR: self.max_error,
            "Function evaluations": self.evaluations,
            "Starts": self.starts,
            "Converged": self.success and not self.at_bound,
            "Message": self.message if not self.at_bound else
            f"{self.message}; at a bound (interval not valid, widen --bounds): {', '.join(self.at_bound)}",
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


def voltage_simulator(model, parameter_values, parameters, experiment=None, t_end=None, solver=None,
                      with_current: bool = False) -> Callable[[dict], tuple]:
    """A function ``inputs -> (t [s], V [V])`` that re-solves one built model for new parameter values.

    Give either a :class:`pybamm.Experiment` or ``t_end`` [s] (the current then comes from
    ``"Current function [A]"`` of the parameter values). ``with_current``: return ``(t, V, I [A])``.
    """
    pv = parameter_values.copy()
    for p in parameters:
        pv[p.name] = "[input]"
    sim = pybamm.Simulation(model, parameter_values=pv, experiment=experiment,
                            solver=solver or default_solver())

    def run(inputs: dict):
        sol = sim.solve(inputs=inputs) if experiment is not None else sim.solve([0, t_end], inputs=inputs)
        if with_current:
            return sol[TIME].entries, sol[VOLTAGE].entries, sol[CURRENT].entries
        return sol[TIME].entries, sol[VOLTAGE].entries

    return run


#: a fitted value closer to a bound than this fraction of the (fit-space) range is "at the bound"
BOUND_TOLERANCE = 1e-3


def start_points(parameters: list, starts: int, seed: int = 0) -> np.ndarray:
    """``starts`` starting points in fit space: the initial guess, then a seeded Latin hypercube in the bounds."""
    if starts < 1:
        raise ValueError(f"starts must be >= 1, got {starts}")
    x0 = np.array([p.to_fit_space(p.initial) for p in parameters])
    if starts == 1:
        return x0[None, :]
    from scipy.stats import qmc

    lb = np.array([p.to_fit_space(p.lower) for p in parameters])
    ub = np.array([p.to_fit_space(p.upper) for p in parameters])
    sample = qmc.LatinHypercube(d=len(parameters), seed=seed).random(starts - 1)
    return np.vstack([x0, lb + sample * (ub - lb)])


def fit_voltage(simulate, measured: dict, parameters: list, parameter_values=None, starts: int = 1,
                **least_squares_kw) -> FitResult:
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
    starts : int
        Number of starting points (multi-start): the initial guess plus ``starts - 1`` points of a
        seeded Latin hypercube within the bounds; the lowest cost wins. Each start's cost is kept in
        ``FitResult.starts``.

    A fitted value within ``BOUND_TOLERANCE`` of the range from a bound is listed in
    ``FitResult.at_bound``; its interval is not valid (the optimum may lie beyond the bound).
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
            t, V = simulate(inputs_of(x))[:2]
        except pybamm.SolverError:
            return np.full(t_m.size, 1.0)  # a failed solve is a poor fit, not a crash
        return np.interp(t_m, t, V, right=V[-1]) - V_m

    kw = {"x_scale": "jac", "diff_step": 1e-4, "max_nfev": 200}
    kw.update(least_squares_kw)
    points = np.clip(start_points(parameters, starts), lb, ub)
    runs = [least_squares(residuals, start, bounds=(lb, ub), **kw) for start in points]
    res = min(runs, key=lambda r: r.cost)
    span = ub - lb
    at_bound = [p.name for p, x, lo, hi, w in zip(parameters, res.x, lb, ub, span, strict=True)
                if min(x - lo, hi - x) <= BOUND_TOLERANCE * w]
    record = [{"start": inputs_of(st), "values": inputs_of(r.x), "cost": float(r.cost)}
              for r, st in zip(runs, points, strict=True)]
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
                     int(sum(r.nfev for r in runs)), bool(res.success), str(res.message), res.fun,
                     at_bound=at_bound, starts=record)
