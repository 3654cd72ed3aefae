"""Fit with PyBOP, the PyBaMM-ecosystem parameterisation library (optional extra ``fit``).

PyBOP drives our models like any PyBaMM model: the fitted parameters become ``pybop.Parameter``
entries of the parameter values, the measured current becomes the protocol (``pybop.Dataset``), and a
PyBOP optimiser minimises the sum of squared voltage errors. The 95 % intervals are then computed as
in :func:`anodefree_sim.validation.fit.fit_voltage`, from the Jacobian of the residuals at PyBOP's
optimum, so both backends report the same quantities.
"""

from __future__ import annotations

import numpy as np
import pybamm

from anodefree_sim.validation.compare import CURRENT, TIME, VOLTAGE
from anodefree_sim.validation.fit import FitResult, fit_voltage, voltage_simulator


def _pybop():
    try:
        import pybop
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("PyBOP is not installed: pip install 'anodefree_sim[fit]'") from None
    return pybop


def fit_voltage_pybop(model, parameter_values, measured: dict, parameters: list, optimiser=None
                      ) -> FitResult:
    """Fit ``parameters`` (:class:`~anodefree_sim.validation.fit.FitParameter`) with a PyBOP optimiser.

    Parameters
    ----------
    model : pybamm.BaseModel
        Unbuilt model (e.g. ``pybamm.Model("AnodeFreeHalfCell", options)``).
    parameter_values : pybamm.ParameterValues
    measured : dict
        ``"Time [s]"``, ``"Current [A]"`` (PyBaMM sign: positive = discharge) and ``"Voltage [V]"``.
    parameters : list of FitParameter
    optimiser : PyBOP optimiser class, optional
        Default ``pybop.SciPyMinimize``.
    """
    pybop = _pybop()
    if CURRENT not in measured:
        raise ValueError("PyBOP fitting needs the measured 'Current [A]' as the protocol")
    t = np.asarray(measured[TIME], dtype=float)
    t = t - t[0]
    data = {TIME: t, CURRENT: np.asarray(measured[CURRENT], dtype=float),
            VOLTAGE: np.asarray(measured[VOLTAGE], dtype=float)}
    pv = parameter_values.copy()
    for p in parameters:
        if p.name not in pv.keys():
            raise ValueError(f"unknown parameter '{p.name}' to fit")
        pv[p.name] = pybop.Parameter(
            bounds=[p.lower, p.upper], initial_value=p.initial,
            transformation=pybop.LogTransformation() if p.log else None,
        )
    dataset = pybop.Dataset(data)
    simulator = pybop.pybamm.Simulator(model.new_copy(), parameter_values=pv, protocol=dataset)
    problem = pybop.Problem(simulator, pybop.SumSquaredError(dataset))
    result = (optimiser or pybop.SciPyMinimize)(problem).run()
    best = {name: float(np.squeeze(v)) for name, v in result.best_inputs.items()}
    # intervals and fit quality at PyBOP's optimum, with the same residuals as the scipy backend
    polished = [type(p)(p.name, min(max(best[p.name], p.lower), p.upper), p.lower, p.upper, p.log)
                for p in parameters]
    pv_current = parameter_values.copy()
    pv_current["Current function [A]"] = pybamm.Interpolant(t, data[CURRENT], pybamm.t)
    run = voltage_simulator(model.new_copy(), pv_current, polished, t_end=float(t[-1]))
    out = fit_voltage(run, data, polished, pv_current, max_nfev=1)
    out.values = best
    out.message = f"PyBOP {type(result).__name__}: {int(result.n_evaluations)} evaluations"
    out.evaluations = int(result.n_evaluations)
    out.success = bool(np.isfinite(result.best_cost))
    return out
