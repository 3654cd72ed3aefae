"""Cycle fast-forward for long plating/stripping studies (1000-5000 cycles).

Only representative cycles are simulated in full; the slow states (Li inventory, dead Li, counter Li,
alloy/plated residuals, contact) are advanced across the skipped cycles by linear extrapolation of the
end-of-cycle state vector:

1. the case's simulation is built once for ONE cycle (its first ``(step, step, ...)`` tuple) and
   solved cycle by cycle, each cycle restarting from the previous end state
   (``Simulation.solve(starting_solution=...)``);
2. the per-cycle drift ``d = y_k - y_(k-1)`` of the WHOLE end-of-cycle state vector is taken from two
   consecutive simulated cycles. Fast states are periodic (drift ~ 0); slow states drift;
3. the state jumps ``N`` cycles, ``y <- y + N d``, and ``n_representative`` cycles are simulated from
   the jumped state to re-estimate the drift;
4. ``N`` is chosen adaptively (error control, ``rtol``):

   * the predicted change of the return (stripping) capacity over the jump, ``N |dq/dk| / q``, stays
     below ``rtol``; ``dq/dk`` is the secant from the cycle the previous jump started from, after taking
     the solver's noise on a capacity off the difference (:func:`_capacity_drift`);
   * the local error of the linear extrapolation, estimated from the change of the drift since the
     previous drift estimate (over the previous jump, or over one cycle if none was taken) as
     ``N^2 |d'| / 2``, stays below ``rtol`` times the state's scale (its value and its change over the
     jump), for every state;
   * no state that is positive becomes negative (at most half of a depleting state is jumped, e.g. the
     counter Li foil);
   * ``N <= max_jump``; a jump whose next cycle fails to solve is retried with half the length.

Li conservation: total Li is a linear function of the states and each simulated cycle conserves it, so
extrapolating the whole vector by ``N d`` conserves it too (the dead Li gained by the working electrode
is taken from the counter foil by the same linear step); the residual is ``N`` times the solver's
per-cycle conservation error and is reported as ``"lithium conservation error [mol.m-2]"``.

The simulated cycles use :func:`anodefree_sim.cycling.cycle_summary` (same columns); the other cycles'
values are linear interpolations between the simulated ones. The last cycle is always simulated.
"""

from __future__ import annotations

import copy
import dataclasses
import time

import numpy as np
import pybamm

from anodefree_sim import names as n
from anodefree_sim.cases import Case, get_case
from anodefree_sim.cycling import (
    CHARGE_CAPACITY,
    COULOMBIC_EFFICIENCY,
    CYCLE_NUMBER,
    DEAD_LI,
    DISCHARGE_CAPACITY,
    RETENTION,
    cycle_summary,
    retention,
)
from anodefree_sim.simulation import build_simulation, outcome_of

#: default longest jump [cycles]
MAX_JUMP = 200
#: cycles simulated in full at the start (the first cycle of an anode-free cell is a transient)
N_INITIAL = 3
#: cycles simulated after each jump (>= 2 to re-estimate the drift)
N_REPRESENTATIVE = 2
#: changes of a state's per-cycle drift below this many times the solver's tolerance on that state
#: (atol + rtol |y|, on the scaled state vector) are solver noise, not curvature
NOISE_FACTOR = 30.0


def _restart_solution(solution: pybamm.Solution, y: np.ndarray | None = None) -> pybamm.Solution:
    """A one-point solution at the end state of ``solution`` (optionally with the state replaced by ``y``).

    ``Simulation.solve(starting_solution=...)`` restarts from ``starting_solution.last_state.all_ys[0]``;
    a fresh one-point copy keeps each restart O(1) (the previous cycles are not carried along).
    """
    last = copy.copy(solution.last_state)
    if y is not None:
        last._all_ys = [np.asarray(y, dtype=float).reshape(-1, 1)]
        last._y = None
        last._last_state = None
    return last


def _end_state(solution: pybamm.Solution) -> np.ndarray:
    return np.asarray(solution.last_state.all_ys[0], dtype=float)[:, -1].copy()


class _Stepper:
    """Solve one cycle at a time from a given state; keeps the per-cycle rows."""

    def __init__(self, case: Case, overrides, options, solver):
        one = dataclasses.replace(case, steps=case.steps[:1])
        self.sim, self.pv = build_simulation(one, overrides, options, solver)
        self.area = self.pv[n.P_AREA]
        self.sign = case.lithiating_sign
        self.n_solved = 0

    def cycle(self, start: pybamm.Solution | None) -> tuple[pybamm.Solution, dict]:
        sol = self.sim.solve() if start is None else self.sim.solve(starting_solution=start)
        cyc = sol.cycles[-1] if sol.cycles else None
        end = outcome_of(sol, stop=self.sim.stop)
        if cyc is None or len(cyc.steps) < len(self.sim.experiment.steps) or end.outcome != n.OUTCOME_COMPLETED:
            raise pybamm.SolverError(f"fast-forward: cycle did not complete: {end.outcome} "
                                     f"({end.event or end.message}) in step '{end.step}'")
        summary = cycle_summary(sol, self.area, self.sign)
        row = {k: float(v[-1]) for k, v in summary.items() if k != RETENTION}
        try:
            row["_total_li"] = float(np.ravel(cyc[n.TOTAL_LITHIUM].entries)[-1])
        except KeyError:
            row["_total_li"] = np.nan
        self.n_solved += 1
        return sol, row


def _return_capacity(row: dict, sign: float) -> float:
    return row[DISCHARGE_CAPACITY] if sign < 0 else row[CHARGE_CAPACITY]


def _capacity_drift(rows: list[dict], numbers: list[int], anchor: int | None, sign: float, noise: float) -> float:
    """Per-cycle drift of the return capacity [A.h]: the secant from the cycle the latest jump started from
    (``anchor``; before any jump, the previous cycle) to the last simulated cycle, with the solver noise of
    a capacity (``noise``, the cut-off crossing located to ~rtol) taken off the difference first.

    The difference of two consecutive cycles alone is dominated by that noise once the capacity is nearly
    constant (a relative 2e-5..4e-4 per restarted cycle on choi2025-bilayer-cycling, i.e. jumps of a few
    cycles at rtol 1e-3); the secant over the last jump spreads it over the jump's length.
    """
    i = len(rows) - 2 if anchor is None else anchor
    span = max(numbers[-1] - numbers[i], 1)
    diff = _return_capacity(rows[-1], sign) - _return_capacity(rows[i], sign)
    return float(np.sign(diff) * max(abs(diff) - noise, 0.0) / span)


def _jump_length(y, d, d_change, prev_jump, dq, q, rtol, max_jump, remaining, noise=0.0) -> int:
    """Largest jump [cycles] within the error controls (see the module docstring)."""
    limit = float(min(max_jump, remaining))
    if q > 0 and abs(dq) > 0:
        limit = min(limit, rtol * q / abs(dq))
    # curvature of each state's trajectory: drift change per cycle, from the previous jump
    if d_change is not None and prev_jump:
        curv = np.maximum(np.abs(d_change) - noise, 0) / max(prev_jump, 1)
        scale = np.maximum(np.abs(y), np.abs(d) * limit)
        scale = np.where(scale > 0, scale, 1.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            n_err = np.sqrt(2 * rtol * scale / curv)
        n_err = n_err[np.isfinite(n_err)]
        if n_err.size:
            limit = min(limit, float(n_err.min()))
    # no positive state may be driven below half its value
    depleting = (y > 0) & (d < 0)
    if np.any(depleting):
        limit = min(limit, float(np.min(0.5 * y[depleting] / -d[depleting])))
    return max(int(np.floor(limit)), 0)


def fast_forward(
    case: Case | str,
    n_cycles: int | None = None,
    overrides: dict | None = None,
    options: dict | None = None,
    rtol: float = 1e-3,
    max_jump: int = MAX_JUMP,
    solver=None,
    n_initial: int = N_INITIAL,
    n_representative: int = N_REPRESENTATIVE,
) -> dict:
    """Per-cycle results of a long cycling case, simulating only representative cycles.

    Parameters
    ----------
    case : Case or str
        A cycling case whose steps are ``(step, step, ...)`` cycles, all identical (e.g.
        ``"choi2025-bilayer-cycling"``); only the first cycle's steps are used.
    n_cycles : int, optional
        Number of cycles; default: the case's.
    overrides, options : dict, optional
        As for :func:`anodefree_sim.simulation.run_case`.
    rtol : float
        Relative error allowed per jump (capacity change and extrapolation error of the states).
    max_jump : int
        Longest jump [cycles]; ``max_jump=0`` simulates every cycle.
    solver : pybamm solver, optional
        Defaults to :func:`anodefree_sim.models.solver.default_solver`.
    n_initial, n_representative : int
        Cycles simulated at the start and after each jump (>= 2).

    Returns
    -------
    dict
        ``"cycles"``: the :func:`~anodefree_sim.cycling.cycle_summary` columns for cycles 1..n_cycles
        (interpolated between simulated cycles) plus ``"Simulated"`` (bool);
        ``"simulated"``: the same columns at the simulated cycles only;
        ``"retention [%]"``, ``"coulombic efficiency [%]"``, ``"dead lithium [mA.h.cm-2]"`` at
        ``n_cycles``; ``"n_cycles"``, ``"n_simulated"``, ``"jumps"`` (list of ``(from cycle, length)``),
        ``"lithium conservation error [mol.m-2]"``, ``"wall time [s]"``.
    """
    t0 = time.perf_counter()
    case = get_case(case) if isinstance(case, str) else case
    if not (case.steps and isinstance(case.steps[0], tuple)):
        raise ValueError(f"case '{case.name}' is not a cycling case: its steps are not (step, ...) cycles")
    if len(set(case.steps)) > 1:
        raise ValueError(f"case '{case.name}': fast-forward needs identical cycles")
    n_cycles = len(case.steps) if n_cycles is None else int(n_cycles)
    if n_cycles < 1:
        raise ValueError("n_cycles must be >= 1")
    n_initial, n_representative = max(int(n_initial), 2), max(int(n_representative), 2)

    stepper = _Stepper(case, overrides, options, solver)
    solver_rtol = float(getattr(stepper.sim.solver, "rtol", 0.0) or 0.0)
    solver_atol = getattr(stepper.sim.solver, "atol", 0.0)
    solver_atol = np.asarray(0.0 if solver_atol is None else solver_atol, dtype=float)
    rows: list[dict] = []
    states: list[np.ndarray] = []
    numbers: list[int] = []
    jumps: list[tuple[int, int]] = []

    def simulate(start, k):
        sol, row = stepper.cycle(start)
        rows.append(row)
        states.append(_end_state(sol))
        numbers.append(k)
        return sol

    sol = simulate(None, 1)
    k = 1
    while k < min(n_initial, n_cycles):
        k += 1
        sol = simulate(_restart_solution(sol), k)

    prev_drift, prev_jump = None, 0
    anchor = None  # index (in rows) of the cycle the latest jump started from
    while k < n_cycles:
        y, d = states[-1], states[-1] - states[-2]
        q_now = _return_capacity(rows[-1], stepper.sign)
        dq = _capacity_drift(rows, numbers, anchor, stepper.sign, NOISE_FACTOR * solver_rtol * abs(q_now))
        d_change = None if prev_drift is None else d - prev_drift
        remaining = n_cycles - k - n_representative
        jump = 0
        if remaining > 0 and max_jump > 0:
            noise = NOISE_FACTOR * (solver_atol + solver_rtol * np.abs(y))
            jump = _jump_length(
                y, d, d_change, prev_jump, dq, q_now, rtol, max_jump, remaining, noise
            )
        while True:
            try:
                start = _restart_solution(sol, y + jump * d) if jump > 1 else _restart_solution(sol)
                step = jump if jump > 1 else 0
                sol = simulate(start, k + step + 1)
                break
            except pybamm.SolverError:
                if jump <= 1:
                    raise
                jump //= 2
        if step:
            jumps.append((k, step))
            anchor = len(rows) - 2  # the cycle simulated just before the jump
            k += step + 1
            for _ in range(n_representative - 1):
                if k >= n_cycles:
                    break
                k += 1
                sol = simulate(_restart_solution(sol), k)
            prev_drift, prev_jump = d, step
        else:
            # the next drift is estimated one cycle later: compare it with this one (a drift kept from an
            # older jump would make a one-off noisy cycle look like curvature for ever after)
            prev_drift, prev_jump = d, 1
            k += 1

    return _result(rows, numbers, n_cycles, stepper, jumps, time.perf_counter() - t0)


def _result(rows, numbers, n_cycles, stepper, jumps, wall) -> dict:
    columns = [c for c in rows[0] if not c.startswith("_")]
    simulated = {c: np.array([r[c] for r in rows]) for c in columns}
    simulated[CYCLE_NUMBER] = np.asarray(numbers, dtype=int)
    q_ret = np.array([_return_capacity(r, stepper.sign) for r in rows])
    all_k = np.arange(1, n_cycles + 1)
    cycles = {CYCLE_NUMBER: all_k}
    for c, v in simulated.items():
        if c != CYCLE_NUMBER:
            cycles[c] = np.interp(all_k, simulated[CYCLE_NUMBER], v)
    cycles[RETENTION] = retention(np.interp(all_k, simulated[CYCLE_NUMBER], q_ret), stepper.sign)
    simulated[RETENTION] = cycles[RETENTION][simulated[CYCLE_NUMBER] - 1]
    cycles["Simulated"] = np.isin(all_k, simulated[CYCLE_NUMBER])
    total = np.array([r["_total_li"] for r in rows])
    li_error = float(np.max(np.abs(total - total[0]))) if np.all(np.isfinite(total)) else np.nan
    return {
        "cycles": cycles,
        "simulated": simulated,
        "n_cycles": n_cycles,
        "n_simulated": stepper.n_solved,
        "jumps": jumps,
        "retention [%]": float(simulated[RETENTION][-1]),
        "coulombic efficiency [%]": float(simulated[COULOMBIC_EFFICIENCY][-1]),
        "dead lithium [mA.h.cm-2]": float(simulated[DEAD_LI][-1]),
        "lithium conservation error [mol.m-2]": li_error,
        "wall time [s]": wall,
    }
