"""Where the lithium goes: plating location over current density x (silver content | thickness | temperature).

    table = plating_location("choi2025-plating-5mah", current_densities=[0.5, 1, 2, 4],
                             axis="silver content", values=[0, 0.2, 0.6])
    table[FRACTION_AT_COLLECTOR]      # share of the plated Li that sits at the collector, per point
    table[CENSORED]                   # True where the run ended early (event or solver failure)
    anodefree_sim.plotting.plot_plating_map(table, "map.png")   # the figure (plotting layer)

Each point plates a fixed charge (``capacity`` mA.h.cm-2, default 5 as in Choi 2025 Fig. 3f) from the pristine
cell at one current density, with the mixed-conducting doped layer (``"silver exsolution": "mixed
conductor"``, :mod:`anodefree_sim.submodels.mixed_conductor`), and records the three amounts of plated Li
(at the collector, inside the doped layer, at the separator side), the charge that went into the Ag (exsolution
of Ag+ and the Li-Ag alloy), the charge passed, and the fractions. The charge passed is the sum of the four
(the model conserves charge), so the four fractions of the charge passed sum to 1.

A point whose run ends early is **censored**, never a crash: a model event (``"short"``: the short-circuit
event; ``"stopped"``: any other event, e.g. the voltage window) keeps the amounts reached when it fired; a
solver failure (``"solver failure"``) has no amounts (NaN). ``outcome`` and ``event`` say which. A point whose
solve fails is solved once more with tighter tolerances (:data:`RETRY_TOLERANCES`; column ``retried``) before
it counts as a solver failure.

The silver content, the layer thickness and the temperature are PyBaMM ``[input]`` parameters (one build per
current density: the experiment fixes the current; the layer's mesh is in the dimensionless depth x / L, so the
thickness is not a mesh bound). The solver is :func:`map_solver`: the default solver's tolerances without
compiling the residuals ahead of time (each build would otherwise compile for ~40 s; a point then takes
~0.3-3 s).

The map does not use :mod:`anodefree_sim.studies.sweeps`: a sweep runs the case's protocol with the default
(compiling) solver and records scalar metrics into an on-disk store; here the protocol is rewritten per point,
the solver is the map's, and early stops are classified from the event that ended the run
(:func:`anodefree_sim.simulation.outcome_of`).
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pybamm

from anodefree_sim import names as n
from anodefree_sim.cases import Case, get_case
from anodefree_sim.constants import F
from anodefree_sim.models.solver import ATOL, RTOL
from anodefree_sim.protocols import rewrite_step
from anodefree_sim.simulation import StepEventError, build_simulation, outcome_of

MIXED_CONDUCTOR = "mixed conductor"
#: mol.m-2 of Li (or of Ag+ reduced) -> mA.h.cm-2
MAH_CM2_PER_MOL_M2 = F / 36000

# ------------------------------------------------------------------------------------------ table columns
CURRENT_DENSITY = n.CURRENT_DENSITY_MA
CHARGE_PASSED = n.CHARGE_PASSED
SILVER_CHARGE = n.SILVER_CHARGE
PLATED = n.LITHIUM_PLATED
AMOUNTS = (n.LITHIUM_AT_COLLECTOR, n.LITHIUM_INSIDE_LAYER, n.LITHIUM_AT_SEPARATOR)
#: share of the PLATED Li at each place (sum 1 when Li was plated)
FRACTION_AT_COLLECTOR = "Fraction of plated Li at the collector"
FRACTION_INSIDE = "Fraction of plated Li inside the doped layer"
FRACTION_AT_SEPARATOR = "Fraction of plated Li at the separator side"
PLATED_FRACTIONS = (FRACTION_AT_COLLECTOR, FRACTION_INSIDE, FRACTION_AT_SEPARATOR)
#: share of the CHARGE PASSED at each place and in the Ag (sum 1)
CHARGE_FRACTIONS = ("Charge fraction at the collector", "Charge fraction inside the doped layer",
                    "Charge fraction at the separator side", "Charge fraction into the Ag")
MARGIN = "Minimum short-circuit margin"
OUTCOME, EVENT, CENSORED, RETRIED = "outcome", "event", "censored", "retried"

COMPLETED, SHORT, STOPPED, FAILED = "completed", "short", "stopped", n.OUTCOME_SOLVER_FAILURE
OUTCOMES = (COMPLETED, SHORT, STOPPED, FAILED)


@dataclasses.dataclass(frozen=True)
class Axis:
    """A second axis of the map: the parameter it sets, its label and unit, and the factor to SI."""

    parameter: str
    label: str
    unit: str
    to_si: float = 1.0


AXES = {
    "silver content": Axis(n.P_SILVER_CONTENT, "Silver content x", "", 1.0),
    "thickness": Axis(n.P_DOPED_THICKNESS, "Doped layer thickness", "um", 1e-6),
    "temperature": Axis(n.P_TEMPERATURE, "Temperature", "K", 1.0),
}
#: valid values of each axis: (lo, hi, lo excluded) in the axis unit (the parameter checks of the sets apply too)
BOUNDS = {"silver content": (0.0, 1.0, False), "thickness": (0.0, 1000.0, True),
          "temperature": (200.0, 450.0, False)}
DEFAULT_CURRENTS = (0.5, 1.0, 2.0, 4.0)
DEFAULT_VALUES = {"silver content": (0.0, 0.2, 0.4, 0.6), "thickness": (5.0, 10.0, 20.0, 35.0),
                  "temperature": (298.15, 313.15, 333.15)}
#: Choi 2025's observations of where Li went (1 mA/cm2, 5 mA.h.cm-2, 60 C, 10 um layer), for the map:
#: ``value`` on ``axis``, ``current`` [mA.cm-2], what was seen (``label``) and where it was reported
CHOI_OBSERVATIONS = (
    {"axis": "silver content", "value": 0.6, "current": 1.0, "marker": "*",
     "label": "Choi Fig. 3f: compact Li at the collector (x = 0.6)", "at collector": True},
    {"axis": "silver content", "value": 0.0, "current": 1.0, "marker": "D",
     "label": "Choi Supp. Fig. 17: Li dendrites (x = 0)", "at collector": False},
    {"axis": "thickness", "value": 10.0, "current": 1.0, "marker": "*",
     "label": "Choi Fig. 3f: compact Li at the collector (10 um)", "at collector": True},
    {"axis": "temperature", "value": 333.15, "current": 1.0, "marker": "*",
     "label": "Choi Fig. 3f: compact Li at the collector (60 C)", "at collector": True},
)


def observations(axis: str) -> list[dict]:
    """The entries of :data:`CHOI_OBSERVATIONS` on ``axis``."""
    return [o for o in CHOI_OBSERVATIONS if o["axis"] == axis]


#: tolerances (rtol, atol) of the one retry of a point whose solve failed: with the default ones the corrector of
#: the mixed-conductor model fails at some points (IDA_CONV_FAIL) that tighter ones get through, with the same
#: amounts where both converge (e.g. 2 mA/cm2, x = 0.6: 3.555 mA.h.cm-2 at the collector either way)
RETRY_TOLERANCES = (1e-7, 1e-9)


def map_solver(rtol: float = RTOL, atol: float = ATOL) -> pybamm.IDAKLUSolver:
    """IDAKLU with the default tolerances (:mod:`anodefree_sim.models.solver`) unless given and the default
    first step, residuals not compiled ahead of time; SUNDIALS' own error prints silenced (a failure is a
    row of the table, with the solver's message)."""
    return pybamm.IDAKLUSolver(rtol=rtol, atol=atol,
                               options={"compile": False, "dt_init": 1e-9, "silence_sundials_errors": True})


def _final(solution: pybamm.Solution, name: str) -> float:
    return float(np.asarray(solution[name].entries).ravel()[-1])


def point_row(solution: pybamm.Solution | None, capacity: float) -> dict:
    """Amounts and fractions of one solved point (NaN for ``solution`` None: a solver failure).

    The charge passed is the sum of the plated Li and of the charge into the Ag (exsolution + alloy)."""
    row = dict.fromkeys((*AMOUNTS, SILVER_CHARGE, PLATED, CHARGE_PASSED, *PLATED_FRACTIONS, *CHARGE_FRACTIONS,
                         MARGIN), math.nan)
    if solution is None:
        return row
    amounts = [_final(solution, a) for a in AMOUNTS]
    silver = MAH_CM2_PER_MOL_M2 * (_final(solution, n.EXSOLVED_SILVER)
                                   + _final(solution, n.alloy_lithium("negative")))
    plated = sum(amounts)
    passed = _final(solution, n.CAPACITY_AREAL)
    row.update(zip(AMOUNTS, amounts, strict=True))
    row.update({SILVER_CHARGE: silver, PLATED: plated, CHARGE_PASSED: passed,
                MARGIN: float(np.min(solution[n.short_circuit_margin("negative")].entries))})
    if plated > 1e-6 * capacity:
        row.update({f: max(a, 0.0) / plated for f, a in zip(PLATED_FRACTIONS, amounts, strict=True)})
    if passed > 0:
        row.update({f: a / passed for f, a in zip(CHARGE_FRACTIONS, [*amounts, silver], strict=True)})
    return row


def _solve_point(sim, inputs: dict, capacity: float) -> dict:
    """Row of one point: amounts, fractions, outcome, event, censored."""
    try:
        sol = sim.solve(inputs=inputs or None)
    except StepEventError as err:  # a model event at t = 0
        short = err.outcome.outcome == n.OUTCOME_SHORT_CIRCUIT
        return {**point_row(None, capacity), OUTCOME: SHORT if short else STOPPED,
                EVENT: err.outcome.event or "", CENSORED: True}
    except pybamm.SolverError as err:
        return {**point_row(None, capacity), OUTCOME: FAILED, EVENT: str(err).strip().splitlines()[0][:200],
                CENSORED: True}
    end = outcome_of(sol, stop=sim.stop)
    row = point_row(sol, capacity)
    if end.outcome == n.OUTCOME_COMPLETED:
        kind = COMPLETED
    elif end.outcome == n.OUTCOME_SHORT_CIRCUIT:
        kind = SHORT
    elif end.outcome == n.OUTCOME_SOLVER_FAILURE:
        kind = FAILED
    else:
        kind = STOPPED
    return {**row, OUTCOME: kind, EVENT: end.event or end.message or "", CENSORED: kind != COMPLETED}


def _check(values, name: str, lo: float, hi: float = math.inf, open_lo: bool = True) -> np.ndarray:
    """Sorted distinct ``values``; ValueError naming ``name`` and its range (lo excluded if ``open_lo``)."""
    v = np.asarray(values, dtype=float).ravel()
    if v.size == 0:
        raise ValueError(f"plating_location needs at least one value of {name}")
    low = (v <= lo) if open_lo else (v < lo)
    if not np.all(np.isfinite(v)) or np.any(low) or np.any(v > hi):
        raise ValueError(f"{name} must be in {'(' if open_lo else '['}{lo:g}, {hi:g}], got {v.tolist()}")
    return np.unique(v)


def plating_location(
    case: Case | str = "choi2025-plating-5mah",
    current_densities: Sequence[float] = DEFAULT_CURRENTS,
    axis: str = "silver content",
    values: Sequence[float] | None = None,
    capacity: float = 5.0,
    overrides: dict | None = None,
) -> pd.DataFrame:
    """Where plated Li goes, per current density [mA.cm-2] x value of ``axis``: one row per point.

    Parameters
    ----------
    case : Case or str
        A single-step plating case (its first step is rewritten to ``capacity`` at each current density);
        the mixed-conductor option is always set.
    current_densities : sequence of float
        Plating current densities [mA.cm-2], > 0.
    axis : str
        ``"silver content"`` (x in Li6-xAgxPS5Cl, [0, 1]), ``"thickness"`` (doped layer [um], > 0) or
        ``"temperature"`` [K] (200-450).
    values : sequence of float, optional
        Values of ``axis`` in its unit (default :data:`DEFAULT_VALUES`).
    capacity : float
        Charge plated per point [mA.h.cm-2], > 0.
    overrides : dict, optional
        Parameter values replacing the case's.

    Returns
    -------
    pandas.DataFrame
        Columns: :data:`CURRENT_DENSITY`, the axis parameter (in the axis unit), the amounts
        (:data:`AMOUNTS`, :data:`SILVER_CHARGE`, :data:`PLATED`, :data:`CHARGE_PASSED`, mA.h.cm-2), the
        fractions (:data:`PLATED_FRACTIONS`, :data:`CHARGE_FRACTIONS`), :data:`MARGIN`, ``outcome``
        (:data:`OUTCOMES`), ``event``, ``censored``, ``retried`` (solved again with tighter tolerances).
        ``attrs``: case, axis, capacity, solve_time [s].
    """
    t0 = time.perf_counter()
    if axis not in AXES:
        raise ValueError(f"axis '{axis}' is not one of: {', '.join(AXES)}")
    ax = AXES[axis]
    if not (isinstance(capacity, (int, float)) and math.isfinite(capacity) and capacity > 0):
        raise ValueError(f"capacity must be > 0 mA.h.cm-2, got {capacity!r}")
    j = _check(current_densities, "current densities [mA.cm-2]", 0.0)
    v = _check(DEFAULT_VALUES[axis] if values is None else values, axis, *BOUNDS[axis])
    case = get_case(case) if isinstance(case, str) else case
    case = dataclasses.replace(case, options={**case.options, "silver exsolution": MIXED_CONDUCTOR})
    step = case.steps[0][0] if isinstance(case.steps[0], tuple) else case.steps[0]
    case = dataclasses.replace(case, steps=(step,))
    column = f"{ax.parameter}" if not ax.unit or ax.to_si == 1.0 else f"{ax.parameter.split(' [')[0]} [{ax.unit}]"
    rows = []
    for jj in j:
        point_case = dataclasses.replace(
            case, steps=(rewrite_step(step, current_density=float(jj), capacity=float(capacity)),))
        # the axis parameter is a PyBaMM [input]: one build per current for all its values
        ov, as_inputs = {**(overrides or {})}, (ax.parameter,)
        sim, _ = build_simulation(point_case, ov, inputs=as_inputs, solver=map_solver())
        retry = None
        for value in v:
            inputs = {ax.parameter: value * ax.to_si}
            row = {**_solve_point(sim, inputs, capacity), RETRIED: False}
            if row[OUTCOME] == FAILED:  # one retry with tighter tolerances (built when first needed)
                if retry is None:
                    retry, _ = build_simulation(point_case, ov, inputs=as_inputs,
                                                solver=map_solver(*RETRY_TOLERANCES))
                row = {**_solve_point(retry, inputs, capacity), RETRIED: True}
            rows.append({CURRENT_DENSITY: float(jj), column: float(value), **row})
    table = pd.DataFrame(rows)
    table.attrs.update({"case": case.name, "axis": axis, "axis column": column, "capacity": float(capacity),
                        "solve_time": time.perf_counter() - t0})
    return table


def grid(table: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(current densities, axis values, array of ``column`` of shape (n_values, n_currents))."""
    axis_column = table.attrs["axis column"]
    wide = table.pivot(index=axis_column, columns=CURRENT_DENSITY, values=column)
    return wide.columns.to_numpy(float), wide.index.to_numpy(float), wide.to_numpy()


# ------------------------------------------------------------------------------------------ CLI
def format_table(table: pd.DataFrame) -> str:
    """Text map: one row per axis value, the % of plated Li at the collector per current density (``*``:
    censored: ``X`` short, ``E`` other event, ``F`` solver failure)."""
    axis_column = table.attrs["axis column"]
    j, values, frac = grid(table, FRACTION_AT_COLLECTOR)
    _, _, outcome = grid(table, OUTCOME)
    mark = {COMPLETED: " ", SHORT: "X", STOPPED: "E", FAILED: "F"}
    lines = [f"{table.attrs['case']}: % of the plated Li at the collector after "
             f"{table.attrs['capacity']:g} mA.h.cm-2",
             f"{axis_column} \\ j [mA/cm2] " + " ".join(f"{x:>7g}" for x in j)]
    for k, value in enumerate(values):
        cells = ["    --" + mark[o] if not np.isfinite(f) else f"{100 * f:6.1f}" + mark[o]
                 for f, o in zip(frac[k], outcome[k], strict=True)]
        lines.append(f"{value:>{len(axis_column) + 15}g} " + " ".join(cells))
    return "\n".join(lines) + "\n(X short, E other event, F solver failure: censored, amounts when it stopped)"
