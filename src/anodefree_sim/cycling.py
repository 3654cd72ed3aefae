"""Per-cycle summaries of multi-cycle solutions: capacities, Coulombic efficiency, retention, Li.

A cycle's *first* current direction is the one that puts Li into the negative side (charge of a full
cell, plating of a half cell); the *return* direction takes it back. The Coulombic efficiency is the
charge returned over the charge put in, CE = Q_return / Q_first (for a full cell discharge / charge,
for a half cell stripping / plating; Choi 2025 Methods write the inverse ratio, which exceeds 100 %).
"""

from __future__ import annotations

import numpy as np
import pybamm

from anodefree_sim import names as n
from anodefree_sim.constants import MAH_CM2_PER_MOL_M2

# column names (defined in names.py)
CYCLE_NUMBER = n.CYCLE_NUMBER
CHARGE_CAPACITY = n.CYCLE_CHARGE_CAPACITY
DISCHARGE_CAPACITY = n.CYCLE_DISCHARGE_CAPACITY
COULOMBIC_EFFICIENCY = n.COULOMBIC_EFFICIENCY
RETENTION = n.CAPACITY_RETENTION
PLATED_END = n.PLATED_AT_END_OF_CHARGE
DEAD_LI = n.CYCLE_DEAD_LITHIUM
MEAN_CHARGE_V = n.MEAN_CHARGE_VOLTAGE
MEAN_DISCHARGE_V = n.MEAN_DISCHARGE_VOLTAGE
LI_INVENTORY = n.LITHIUM_INVENTORY
INFEASIBLE_STEPS = n.CYCLE_INFEASIBLE_STEPS

#: mAh/cm2 per mol/m2 of Li
_MAH_CM2_PER_MOL_M2 = MAH_CM2_PER_MOL_M2


#: points of the dense time grid on which a step's integral of V dQ is evaluated (the solver's own
#: output can be a few large steps, which a trapezoid over the end-of-step voltage drop would distort)
_DENSE = 400


def _step_charge(step: pybamm.Solution, area: float) -> tuple[float, float, float]:
    """(charge passed [mA.h.cm-2] with the sign of the current, integral V dQ, duration)."""
    t = np.linspace(step.t[0], step.t[-1], _DENSE)
    q = step[n.DISCHARGE_CAPACITY](t)
    V = step[n.VOLTAGE](t)
    dq = np.diff(q) / area * 0.1  # A.h -> mA.h.cm-2
    return float(q[-1] - q[0]) / area * 0.1, float(np.sum(dq * (V[1:] + V[:-1]) / 2)), step.t[-1] - step.t[0]


def cycle_summary(solution: pybamm.Solution, area: float, lithiating_sign: float = -1.0) -> dict:
    """One row per cycle of a PyBaMM experiment solution.

    Parameters
    ----------
    solution : pybamm.Solution
        Solution of an experiment (``solution.cycles`` are used).
    area : float
        Electrode area [m2].
    lithiating_sign : float
        Sign of the current that lithiates the negative side: -1 for full cells (charge), +1 for
        half and symmetric cells (discharge = plating on the working electrode).

    Returns
    -------
    dict of numpy arrays
        Columns: cycle number, charge and discharge capacity [mA.h.cm-2] (charge = current < 0),
        CE [%], retention [%] of the return capacity (:func:`retention`), plated Li at the end of the
        lithiating half cycle [um], cumulative dead Li and the Li inventory of the negative side
        [mA.h.cm-2], mean charge / discharge voltages [V], and the number of steps of the cycle that were
        infeasible at their start (:class:`pybamm.EmptySolution`, e.g. a strip "until 0.1 V" that starts above
        0.1 V: no charge, outcome ``"infeasible step"``; a cycle without a lithiating step has NaN CE and
        plated Li).
    """
    rows = []
    for k, cycle in enumerate(solution.cycles, start=1):
        if cycle is None:
            continue
        rows.append(cycle_row(k, [step_record(step, area, lithiating_sign) for step in cycle.steps],
                              lithiating_sign, rows[-1] if rows else None))
    return cycle_table(rows, lithiating_sign)


#: per-step values of :func:`step_record`: charge [mA.h.cm-2] (sign of the current), integral of V dQ,
#: plated Li at the end [um] (NaN unless the step lithiates), dead Li and Li inventory at the end [mA.h.cm-2]
STEP_RECORD = ("charge", "energy", "plated", "dead", "inventory")


def step_record(step: pybamm.Solution, area: float, lithiating_sign: float = -1.0) -> tuple | None:
    """The values of one step that :func:`cycle_row` needs (:data:`STEP_RECORD`); None for a step that was
    infeasible at its start (:class:`pybamm.EmptySolution`). Each step's record can be taken while a run
    goes on (:class:`anodefree_sim.simulation.CycleRecorder`), so the step's solution need not be kept."""
    if isinstance(step, pybamm.EmptySolution):
        return None
    q, e, _ = _step_charge(step, area)
    plated = 1e6 * step[n.plated_thickness("negative")].entries[-1] if q * lithiating_sign > 0 else np.nan
    return (q, e, plated, step[n.dead_lithium("negative")].entries[-1] * _MAH_CM2_PER_MOL_M2,
            step[n.electrode_lithium("negative")].entries[-1] * _MAH_CM2_PER_MOL_M2)


def cycle_row(number: int, records: list, lithiating_sign: float = -1.0, previous: dict | None = None) -> dict:
    """One row of the per-cycle table from the :func:`step_record` of each step of cycle ``number``.

    Dead Li and the Li inventory are those at the end of the cycle's last step that ran (of the ``previous``
    row when none ran; NaN without one)."""
    q_dis = q_ch = e_dis = e_ch = 0.0
    plated_end = np.nan
    ran = [r for r in records if r is not None]
    for q, e, plated, _, _ in ran:
        if q > 0:
            q_dis, e_dis = q_dis + q, e_dis + e
        elif q < 0:
            q_ch, e_ch = q_ch - q, e_ch - e
        if q * lithiating_sign > 0:
            plated_end = plated
    if ran:
        dead, inventory = ran[-1][3], ran[-1][4]
    else:
        dead, inventory = (previous[DEAD_LI], previous[LI_INVENTORY]) if previous else (np.nan, np.nan)
    q_in, q_out = (q_ch, q_dis) if lithiating_sign < 0 else (q_dis, q_ch)
    return {CYCLE_NUMBER: number, CHARGE_CAPACITY: q_ch, DISCHARGE_CAPACITY: q_dis,
            COULOMBIC_EFFICIENCY: 100 * q_out / q_in if q_in > 0 else np.nan, PLATED_END: plated_end,
            DEAD_LI: dead, MEAN_CHARGE_V: e_ch / q_ch if q_ch > 0 else np.nan,
            MEAN_DISCHARGE_V: e_dis / q_dis if q_dis > 0 else np.nan, LI_INVENTORY: inventory,
            INFEASIBLE_STEPS: len(records) - len(ran)}


#: columns of the per-cycle table in order (:func:`cycle_table` appends the retention)
_COLUMNS = (CYCLE_NUMBER, CHARGE_CAPACITY, DISCHARGE_CAPACITY, COULOMBIC_EFFICIENCY, PLATED_END, DEAD_LI,
            MEAN_CHARGE_V, MEAN_DISCHARGE_V, LI_INVENTORY, INFEASIBLE_STEPS)


def cycle_table(rows: list[dict], lithiating_sign: float = -1.0) -> dict:
    """The per-cycle table (dict of numpy arrays, :func:`cycle_summary`'s columns) of :func:`cycle_row` rows."""
    out = {k: np.asarray([r[k] for r in rows], dtype=float) for k in _COLUMNS}
    out[CYCLE_NUMBER] = out[CYCLE_NUMBER].astype(int)
    out[INFEASIBLE_STEPS] = out[INFEASIBLE_STEPS].astype(int)
    q_return = out[DISCHARGE_CAPACITY] if lithiating_sign < 0 else out[CHARGE_CAPACITY]
    out[RETENTION] = retention(q_return, lithiating_sign)
    return out


def retention(q_return: np.ndarray, lithiating_sign: float = -1.0) -> np.ndarray:
    """Capacity retention [%]: the return capacity of each cycle over that of the reference cycle.

    Full cells (``lithiating_sign`` < 0): cycle 1, as the papers report it (Choi 2025 Fig. 3h, Huang 2024
    Fig. 5d). Half and symmetric cells: cycle 2 when there is one, because the first plating of an
    anode-free half cell also exsolves Ag and fills the alloy, which the stripping to the cut-off does not
    return (cycle 1 would make later cycles read > 100 %).
    """
    q_return = np.asarray(q_return, dtype=float)
    ref = 1 if lithiating_sign > 0 and q_return.size > 1 else 0
    if q_return.size == 0 or not q_return[ref] > 0:
        return q_return * np.nan
    return 100 * q_return / q_return[ref]
