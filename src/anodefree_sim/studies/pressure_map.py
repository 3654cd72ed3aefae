"""Pressure maps: outcome of a plate/strip cycle over stack pressure x current density (x temperature).

    result = pressure_map("choi2025-ccd-lumped", pressures=[2e6, 5e6, 20e6], current_densities=[0.5, 1, 2, 4])
    result["outcome"]       # (n_pressures, n_currents) array of "stable" / "voiding" / "short" / ...
    result["ccd"]           # CCD per pressure [mA.cm-2]
    anodefree_sim.plotting.plot_pressure_map(result, "map.png")   # the figure (plotting layer)

For each current density the case's first cycle (current density replaced, ``capacity`` mA.h.cm-2 per step)
is built once, after a formation (:func:`formation_steps`) of ``precondition_cycles`` cycles at
``precondition_current`` that ends with a plating step (default: one formation plating of ``capacity`` at
0.5 mA.cm-2 when the negative electrode starts without Li metal, as on a bare or Ag-coated collector; none
otherwise). Without it the first 1 mA.h.cm-2 of an Ag bilayer goes into exsolution and the Li-Ag alloy, little
Li metal is plated and the map is far more "stable" than the CCD staircase (``anodefree-sim run
choi2025-ccd-lumped``), whose cell is formed by its earlier cycles. A formation ending with a strip does not do:
stripping to the cut-off de-alloys the Ag again (Li/Ag 8.3 -> 2.2 at 0.5 mA.cm-2), so the mapped cycle would
mostly re-alloy.
``"Stack pressure [Pa]"`` and the temperature (``"Cell temperature [K]"``, see
:func:`anodefree_sim.simulation.parameters_as_inputs`) are PyBaMM ``[input]`` parameters: every pressure and
temperature is a solve of the same built simulation (one build per current density). The outcome is that
of the mapped (last) cycle (:func:`classify`):

* ``"short"``: a short-circuit event ("Negative short circuit" / "Counter short circuit") ended the run
  (during the formation or the mapped cycle, inside a step or at its start);
* ``"stopped"``: another model event ended the run (voltage window, electrode exhausted, blocking
  electrode; the event is in ``result["event"]``);
* ``"solver failure"``: the solver failed (not counted as a short);
* ``"voiding"``: the cycle completed but the final contact fraction of a Li electrode is below
  ``contact_threshold`` (voids left by stripping; under "mechanics" relative to the void-free contact the
  pressure makes, so a low pressure alone is not voiding), or the run ended on "... contact lost" (option
  ``"stack pressure": "mechanics"``): that event is the runaway of voiding past the critical stripping current,
  so it is voiding, not another stop (``result["event"]`` tells the two apart);
* ``"stable"``: otherwise.

The outcome is decided from the event that ended the run (:func:`anodefree_sim.simulation.outcome_of`).
The CCD at a pressure is the highest current density (of the grid, ascending) below the first cell that is
not stable or voiding; NaN if that is the lowest current density; the highest current density of the grid
(and ``ccd_censored`` True) if every cell is stable or voiding.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Sequence

import numpy as np
import pybamm

from anodefree_sim import names as n
from anodefree_sim.cases import Case, get_case
from anodefree_sim.protocols import current_density_of_step, rewrite_step
from anodefree_sim.simulation import (
    StepEventError,
    build_simulation,
    case_parameter_values,
    outcome_of,
)

STABLE, VOIDING, SHORT, STOPPED, FAILED = "stable", "voiding", "short", "stopped", n.OUTCOME_SOLVER_FAILURE
OUTCOMES = (STABLE, VOIDING, SHORT, STOPPED, FAILED)
DEFAULT_PRESSURES = (1e6, 2e6, 5e6, 10e6, 20e6, 50e6, 100e6)
DEFAULT_CURRENTS = (0.5, 1.0, 2.0, 4.0, 6.0, 8.0)
#: current density of the formation (pre-conditioning) cycles [mA.cm-2] (the first step of Choi 2025's CCD)
DEFAULT_PRECONDITION_CURRENT = 0.5
#: map class of a run that a model event ended (any other event: STOPPED)
_EVENT_CLASS = {n.OUTCOME_SHORT_CIRCUIT: SHORT, n.OUTCOME_CONTACT_LOST: VOIDING}
#: stack-pressure options a map can run with (the first is the default)
MAP_STACK_PRESSURE = ("contact", "mechanics")

def cycle_at(case: Case, current_density: float, capacity: float = 1.0) -> tuple:
    """The first cycle of ``case`` with every step at ``current_density`` [mA.cm-2] for ``capacity``
    [mA.h.cm-2] (voltage cut-offs kept)."""
    first = case.steps[0]
    first = first if isinstance(first, tuple) else (first,)
    out = []
    for step in first:
        if current_density_of_step(step) is None:
            raise ValueError(f"case '{case.name}': step '{step}' has no 'at ... mA.cm-2' current density")
        out.append(rewrite_step(step, current_density=current_density, capacity=capacity))
    return tuple(out)


def classify(solution: pybamm.Solution, n_steps: int, contact_threshold: float = 0.9,
             n_cycles: int = 1, stop=None) -> tuple[str, float, str]:
    """Outcome of the last of ``n_cycles`` cycles (``n_steps`` steps in the last), the final minimum
    contact fraction over the Li electrodes and the name of the event that ended the run ("" if none);
    ``stop``: :attr:`~anodefree_sim.simulation.CaseSimulation.stop` of the solve."""
    phi, kept = math.nan, math.nan  # final contact fraction, and the same relative to the void-free contact
    for e in n.ELECTRODES:
        try:
            value = float(np.min(np.asarray(solution[n.contact_fraction(e)].entries)[..., -1]))
        except (KeyError, IndexError):
            continue
        try:  # "mechanics": the contact the pressure makes without voids (< 1 at low pressure)
            ratio = value / float(np.min(np.asarray(solution[n.pressure_contact_fraction(e)].entries)[..., -1]))
        except (KeyError, IndexError):
            ratio = value
        phi = value if math.isnan(phi) else min(phi, value)
        kept = ratio if math.isnan(kept) else min(kept, ratio)
    end = outcome_of(solution, stop=stop)
    event = end.event or ""
    if end.outcome == n.OUTCOME_SHORT_CIRCUIT:
        return SHORT, phi, event
    if end.outcome == n.OUTCOME_SOLVER_FAILURE:
        return FAILED, phi, event
    if end.outcome == n.OUTCOME_CONTACT_LOST:  # the void runaway: voiding, whatever step it ended
        return VOIDING, phi, event
    cycles = [c for c in solution.cycles if c is not None] if solution.cycles else []
    complete = len(cycles) >= n_cycles and len(cycles[n_cycles - 1].steps) == n_steps
    if end.outcome != n.OUTCOME_COMPLETED or not complete:
        return STOPPED, phi, event
    if not math.isnan(kept) and kept < contact_threshold:
        return VOIDING, phi, event
    return STABLE, phi, event


def formation_steps(case: Case, cycles: int, current_density: float = DEFAULT_PRECONDITION_CURRENT,
                    capacity: float = 1.0) -> tuple:
    """Pre-conditioning cycles of a map: ``cycles - 1`` of the case's plate/strip cycles (:func:`cycle_at`)
    at ``current_density`` [mA.cm-2], then its plating step alone, so the cell enters the mapped cycle formed
    (Li-Ag alloy lithiated, Li seeded). ``()`` for 0 cycles."""
    if cycles == 0:
        return ()
    cycle = cycle_at(case, current_density, capacity)
    return (cycle,) * (cycles - 1) + (cycle[:1],)


def default_precondition_cycles(case: Case | str, overrides: dict | None = None) -> int:
    """1 if the negative electrode of ``case`` starts without Li metal (anode-free collector, Ag layer),
    else 0 (Li foil, pre-lithiated alloy)."""
    case = get_case(case) if isinstance(case, str) else case
    pv = case_parameter_values(case, overrides)
    key = n.p_initial_plated("negative")
    return int(key in pv.keys() and not pv[key] > 0)


def ccd_per_pressure(outcome: np.ndarray, current_densities: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    """CCD [mA.cm-2] per row of ``outcome`` (last axis: ascending current densities): the highest current
    density below the first cell that is not stable or voiding (a short, or a run that stopped or failed:
    the CCD is not known above it), and whether it is censored (every cell stable or voiding: the CCD is at
    least the value given)."""
    j = np.asarray(current_densities, dtype=float)
    out = np.asarray(outcome)
    ccd = np.full(out.shape[:-1], np.nan)
    censored = np.zeros(out.shape[:-1], dtype=bool)
    for idx in np.ndindex(out.shape[:-1]):
        row = out[idx]
        shorts = np.nonzero(~np.isin(row, (STABLE, VOIDING)))[0]
        first = shorts[0] if shorts.size else len(j)
        censored[idx] = shorts.size == 0
        ccd[idx] = j[first - 1] if first > 0 else np.nan
    return ccd, censored


def _fill(case, P, j, temps, overrides, capacity, contact_threshold, formation, outcome, phi, event,
          check_model=True) -> None:
    """Solve the map into ``outcome`` / ``phi``: one build per current density, pressures and temperatures
    as inputs; ``formation``: the steps of the pre-conditioning cycles."""
    inputs = (n.P_STACK_PRESSURE,) + ((n.P_TEMPERATURE,) if temps[0] is not None else ())
    for ij, jj in enumerate(j):
        steps = cycle_at(case, float(jj), capacity)
        sim, _ = build_simulation(dataclasses.replace(case, steps=(*formation, steps)), overrides, inputs=inputs,
                                  check_model=check_model)
        for it, T in enumerate(temps):
            for ip, pp in enumerate(P):
                values = {n.P_STACK_PRESSURE: float(pp)}
                if T is not None:
                    values[n.P_TEMPERATURE] = float(T)
                try:
                    sol = sim.solve(inputs=values)
                except StepEventError as err:  # a model event at the start of a step
                    outcome[it, ip, ij], event[it, ip, ij] = _EVENT_CLASS.get(err.outcome.outcome, STOPPED), \
                        err.outcome.event
                    continue
                except pybamm.SolverError as err:
                    outcome[it, ip, ij], event[it, ip, ij] = FAILED, str(err).strip().splitlines()[0]
                    continue
                outcome[it, ip, ij], phi[it, ip, ij], event[it, ip, ij] = classify(
                    sol, len(steps), contact_threshold, len(formation) + 1, sim.stop)


def pressure_map(
    case: Case | str = "choi2025-ccd-lumped",
    pressures: Sequence[float] = DEFAULT_PRESSURES,
    current_densities: Sequence[float] = DEFAULT_CURRENTS,
    temperature: float | Sequence[float] | None = None,
    overrides: dict | None = None,
    options: dict | None = None,
    capacity: float = 1.0,
    contact_threshold: float = 0.9,
    precondition_cycles: int | None = None,
    precondition_current: float = DEFAULT_PRECONDITION_CURRENT,
    check_model: bool = True,
) -> dict:
    """Outcome of a plate/strip cycle (after formation) for each stack pressure [Pa] x current density [mA.cm-2].

    Parameters
    ----------
    case : Case or str
        A case whose first cycle is a plate/strip (or strip) cycle at a current density.
    pressures : sequence of float
        Stack pressures [Pa].
    current_densities : sequence of float
        Current densities [mA.cm-2] (sorted ascending in the result).
    temperature : float or sequence of float, optional
        Ambient (and initial) temperature [K]; a sequence adds a leading temperature axis to the arrays.
        Default: the case's.
    overrides, options : dict, optional
        Parameter values and model options replacing the case's. ``options["stack pressure"]`` may be
        ``"contact"`` (the default, whatever the case's) or ``"mechanics"`` (then a run ending on "... contact
        lost" is ``"voiding"``).
    capacity : float
        Charge per step [mA.h.cm-2].
    contact_threshold : float
        Final contact fraction below which a completed cycle is ``"voiding"``.
    precondition_cycles : int, optional
        Formation cycles before the mapped one (:func:`formation_steps`: plate/strip cycles at
        ``precondition_current``, ``capacity`` per step, the last one a plating only; solved at the map's
        pressure and temperature). Default (:func:`default_precondition_cycles`): 1 when the negative
        electrode starts without Li metal, so that the mapped cycle plates Li metal on a formed (lithiated,
        Ag-seeded) electrode; 0 for Li foil / pre-lithiated alloy electrodes.
    precondition_current : float
        Current density of the formation cycles [mA.cm-2].
    check_model : bool
        PyBaMM's model checks at each build (:func:`~anodefree_sim.simulation.build_simulation`).

    Returns
    -------
    dict
        ``case``, ``pressures`` [Pa], ``current_densities`` [mA.cm-2], ``temperatures`` [K] (array, or None),
        ``outcome`` (str array, shape (n_P, n_j) or (n_T, n_P, n_j)), ``event`` (same shape: the event that
        ended the run, or the solver's message of a failure; "" when none), ``contact_fraction`` (final minimum),
        ``ccd`` [mA.cm-2] and ``ccd_censored`` per pressure, ``labels`` (:data:`OUTCOMES`),
        ``precondition_cycles``, ``precondition_current`` [mA.cm-2], ``solve_time`` [s] (wall clock of the
        whole map).
    """
    t0 = time.perf_counter()
    case = get_case(case) if isinstance(case, str) else case
    options = dict(options or {})
    closure = options.setdefault("stack pressure", MAP_STACK_PRESSURE[0])
    if closure not in MAP_STACK_PRESSURE:
        raise ValueError(f"options['stack pressure'] must be one of {MAP_STACK_PRESSURE}, got {closure!r}")
    case = dataclasses.replace(case, options={**case.options, **options})
    P = np.asarray(pressures, dtype=float)
    j = np.sort(np.asarray(current_densities, dtype=float))
    if P.size == 0 or j.size == 0:
        raise ValueError("pressure_map needs at least one pressure and one current density")
    if np.any(P <= 0) or np.any(j <= 0):
        raise ValueError("pressures and current densities must be positive")
    scalar_T = temperature is None or np.ndim(temperature) == 0
    temps = [temperature] if scalar_T else [float(T) for T in temperature]
    if not scalar_T and not temps:
        raise ValueError("pressure_map needs at least one temperature (or None for the case's)")
    if precondition_cycles is None:
        precondition_cycles = default_precondition_cycles(case, overrides)
    if isinstance(precondition_cycles, bool) or int(precondition_cycles) != precondition_cycles \
            or precondition_cycles < 0:
        raise ValueError(f"precondition_cycles must be an integer >= 0, got {precondition_cycles!r}")
    precondition_cycles = int(precondition_cycles)
    if precondition_cycles and not precondition_current > 0:
        raise ValueError(f"precondition_current must be > 0 mA.cm-2, got {precondition_current}")
    formation = formation_steps(case, precondition_cycles, float(precondition_current), capacity)
    outcome = np.empty((len(temps), P.size, j.size), dtype=object)
    phi = np.full(outcome.shape, np.nan)
    event = np.full(outcome.shape, "", dtype=object)
    _fill(case, P, j, temps, overrides, capacity, contact_threshold, formation, outcome, phi, event, check_model)
    outcome, event = outcome.astype(str), event.astype(str)
    ccd, censored = ccd_per_pressure(outcome, j)
    if scalar_T:
        outcome, phi, ccd, censored, event = outcome[0], phi[0], ccd[0], censored[0], event[0]
    return {
        "case": case.name,
        "pressures": P,
        "current_densities": j,
        "temperatures": None if scalar_T else np.asarray(temps, dtype=float),
        "temperature": None if not scalar_T or temperature is None else float(temperature),
        "outcome": outcome,
        "event": event,
        "contact_fraction": phi,
        "ccd": ccd,
        "ccd_censored": censored,
        "labels": OUTCOMES,
        "precondition_cycles": precondition_cycles,
        "precondition_current": float(precondition_current) if precondition_cycles else None,
        "solve_time": time.perf_counter() - t0,
    }


def to_json(result: dict) -> dict:
    """A JSON-ready copy of a :func:`pressure_map` result (NaN as null)."""

    def conv(v):
        if isinstance(v, np.ndarray):
            return conv(v.tolist())
        if isinstance(v, (list, tuple)):
            return [conv(x) for x in v]
        if isinstance(v, float) and math.isnan(v):
            return None
        if isinstance(v, (np.floating, np.integer, np.bool_)):
            return conv(v.item())
        return v

    return {k: conv(v) for k, v in result.items()}


# ------------------------------------------------------------------------------------------ CLI
def format_map(result: dict) -> str:
    """Text table: one row per pressure, S/V/X per current density (stable / voiding / short), then the CCD."""
    symbol = {STABLE: "S", VOIDING: "V", SHORT: "X", STOPPED: "E", FAILED: "F"}
    j = result["current_densities"]
    outcome = np.asarray(result["outcome"])
    blocks = []
    temps = result["temperatures"] if outcome.ndim == 3 else [result.get("temperature")]
    outcome = outcome if outcome.ndim == 3 else outcome[None]
    ccd = np.asarray(result["ccd"]).reshape(outcome.shape[:2])
    cens = np.asarray(result["ccd_censored"]).reshape(outcome.shape[:2])
    for k, T in enumerate(temps):
        head = f"{result['case']}" + (f" at {T:g} K" if T is not None else "")
        lines = [head, "P [MPa] \\ j [mA/cm2] " + " ".join(f"{v:>5g}" for v in j) + "   CCD [mA/cm2]"]
        for ip, p in enumerate(result["pressures"]):
            c = "none" if np.isnan(ccd[k, ip]) else f"{'>=' if cens[k, ip] else ''}{ccd[k, ip]:g}"
            lines.append(f"{p / 1e6:>21g} " + " ".join(f"{symbol[o]:>5}" for o in outcome[k, ip]) + f"   {c}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n(S stable, V voiding (incl. contact lost), X short, E other event, "
                                  "F solver failure)")
