"""Compare a measured voltage curve with a simulated one: RMSE, maximum error, capacity, plateaus, dQ/dV.

Tables are dicts of numpy arrays in PyBaMM names (``"Time [s]"``, ``"Voltage [V]"``, ``"Current [A]"``),
as returned by :mod:`anodefree_sim.validation.io`. Every metric's name carries its unit.
"""

from __future__ import annotations

import numpy as np
from scipy.signal import find_peaks

from anodefree_sim import names as n

# names (defined in names.py)
TIME, VOLTAGE, CURRENT = n.TIME_S, n.VOLTAGE, n.CURRENT
RMSE = n.VOLTAGE_RMSE
MAX_ERROR = n.MAX_VOLTAGE_ERROR
MEASURED_CAPACITY = n.MEASURED_CAPACITY
SIMULATED_CAPACITY = n.SIMULATED_CAPACITY
CAPACITY_ERROR = n.CAPACITY_ERROR
MEASURED_PLATEAUS = n.MEASURED_PLATEAUS
SIMULATED_PLATEAUS = n.SIMULATED_PLATEAUS
MEASURED_PEAKS = n.MEASURED_PEAKS
SIMULATED_PEAKS = n.SIMULATED_PEAKS
POINTS = n.COMPARED_POINTS


def charge_passed(table: dict) -> np.ndarray:
    """Cumulative |charge| passed [A.h] from ``Current [A]`` (trapezoid in time); zeros if no current."""
    t = np.asarray(table[TIME], dtype=float)
    if CURRENT not in table:
        return np.zeros_like(t)
    i = np.abs(np.asarray(table[CURRENT], dtype=float))
    return np.concatenate([[0.0], np.cumsum(np.diff(t) * (i[1:] + i[:-1]) / 2)]) / 3600


def _axis(table: dict, align: str) -> np.ndarray:
    if align == "time":
        return np.asarray(table[TIME], dtype=float)
    if align == "capacity":
        return charge_passed(table)
    raise ValueError(f"align must be 'time' or 'capacity', not '{align}'")


def voltage_errors(measured: dict, simulated: dict, align: str = "time") -> dict:
    """RMSE and maximum |error| of the simulated voltage at the measured points [V].

    Measured points before the simulation starts are skipped; points after it ended (a cut-off reached
    early) are compared with the last simulated voltage, as in the fit, so a too-short simulation is
    penalised rather than hidden. The number of compared points is reported.
    """
    x_m, x_s = _axis(measured, align), _axis(simulated, align)
    V_m = np.asarray(measured[VOLTAGE], dtype=float)
    inside = x_m >= x_s.min()
    if inside.sum() < 2:
        raise ValueError(f"fewer than 2 measured points lie inside the simulated {align} range")
    order = np.argsort(x_s)
    V_s = np.asarray(simulated[VOLTAGE])[order]
    residual = np.interp(x_m[inside], x_s[order], V_s, right=V_s[-1]) - V_m[inside]
    return {RMSE: float(np.sqrt(np.mean(residual**2))), MAX_ERROR: float(np.max(np.abs(residual))),
            POINTS: int(inside.sum())}


def dqdv(capacity, voltage, bin_width: float = 0.005):
    """Incremental capacity dQ/dV [A.h.V-1] by binning the capacity in voltage (robust to noise).

    For noisy data choose ``bin_width`` wider than the noise amplitude, or peaks split.

    Returns bin-centre voltages [V] and |dQ/dV| on them; ``bin_width`` in V.
    """
    q, v = np.asarray(capacity, dtype=float), np.asarray(voltage, dtype=float)
    if q.size < 3:
        raise ValueError("dQ/dV needs at least 3 points")
    edges = np.arange(v.min(), v.max() + bin_width, bin_width)
    if edges.size < 3:
        return np.array([v.mean()]), np.array([0.0])
    order = np.argsort(v)
    q_at_edges = np.interp(edges, v[order], q[order])
    return (edges[1:] + edges[:-1]) / 2, np.abs(np.diff(q_at_edges)) / bin_width


def dqdv_peaks(capacity, voltage, bin_width: float = 0.005, prominence: float = 0.1) -> np.ndarray:
    """Voltages [V] of dQ/dV peaks whose prominence exceeds ``prominence`` x the highest peak."""
    v, g = dqdv(capacity, voltage, bin_width)
    if g.max() <= 0:
        return np.array([])
    # pad with zeros so that a plateau at either end of the voltage range still shows as a peak
    peaks, _ = find_peaks(np.concatenate([[0.0], g, [0.0]]), prominence=prominence * g.max())
    return v[peaks - 1]


def plateau_voltages(capacity, voltage, max_slope: float = 0.2, min_fraction: float = 0.05) -> np.ndarray:
    """Median voltages [V] of plateaus: runs where |dV/dQ| < ``max_slope`` x the median-free scale.

    ``max_slope`` is in V per unit of normalised capacity (Q / Q_total); a run counts as a plateau
    when it spans at least ``min_fraction`` of the total capacity.
    """
    q, v = np.asarray(capacity, dtype=float), np.asarray(voltage, dtype=float)
    span = q.max() - q.min()
    if span <= 0 or q.size < 3:
        return np.array([])
    x = (q - q.min()) / span
    grid = np.linspace(0, 1, 400)
    order = np.argsort(x)
    vg = np.interp(grid, x[order], v[order])
    # light smoothing (moving average over 2 % of the capacity) so measurement noise does not break runs
    kernel = np.ones(9) / 9
    vs = np.convolve(np.pad(vg, 4, mode="edge"), kernel, mode="valid")
    flat = np.abs(np.gradient(vs, grid)) < max_slope
    out, start = [], None
    for k, f in enumerate(np.append(flat, False)):
        if f and start is None:
            start = k
        elif not f and start is not None:
            if grid[k - 1] - grid[start] >= min_fraction:
                out.append(float(np.median(vg[start:k])))
            start = None
    return np.array(out)


def compare(measured: dict, simulated: dict, align: str = "time") -> dict:
    """All comparison metrics of a measured and a simulated table (names carry units)."""
    out = voltage_errors(measured, simulated, align)
    q_m, q_s = charge_passed(measured), charge_passed(simulated)
    out[MEASURED_CAPACITY] = float(q_m[-1])
    out[SIMULATED_CAPACITY] = float(q_s[-1])
    out[CAPACITY_ERROR] = float(100 * (q_s[-1] - q_m[-1]) / q_m[-1]) if q_m[-1] > 0 else float("nan")
    if q_m[-1] > 0 and q_s[-1] > 0:
        out[MEASURED_PLATEAUS] = plateau_voltages(q_m, measured[VOLTAGE]).tolist()
        out[SIMULATED_PLATEAUS] = plateau_voltages(q_s, simulated[VOLTAGE]).tolist()
        out[MEASURED_PEAKS] = dqdv_peaks(q_m, measured[VOLTAGE]).tolist()
        out[SIMULATED_PEAKS] = dqdv_peaks(q_s, simulated[VOLTAGE]).tolist()
    return out
