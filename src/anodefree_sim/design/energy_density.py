"""Energy density of a stack design from a discharge curve (DESIGN 2.8, target T7).

Functions only (the design objects in :mod:`anodefree_sim.design.cell_design` just store arguments). The
pattern follows PyBOP's ``cell_mass``: every layer contributes thickness x density x (1 - porosity) x
its area, summed over the stack.

States of an initially anode-free cell
--------------------------------------
* ``"discharged"`` (= as built): the cyclable Li is in the cathode, nothing on the negative side.
* ``"charged"``: the Li delivered on discharge sits on the negative side as plated Li (by default
  4.85 um per mA.h.cm-2, Li 0.534 g.cm-3, physics-facts section 7), plus an optional thickness change of
  negative-side alloy layers. The plated Li *left the cathode*, so its mass is taken off the cathode
  layers: the stack mass is the same in both states (Li conservation) and only the volume differs.
  The small lattice contraction of a delithiated NCM cathode is neglected (conservative for Wh/L).

Output names follow the package grammar ``"Name [units]"``; the new ones are defined below (they
belong in :mod:`anodefree_sim.names` once that file can be edited).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

import numpy as np

from anodefree_sim import names as n
from anodefree_sim.constants import F
from anodefree_sim.design.cell_design import StackDesign, all_layers, collector_counts, validate_design

# ---------------------------------------------------------------- output names (defined in names.py)
VOLUMETRIC_ENERGY_DENSITY = n.VOLUMETRIC_ENERGY_DENSITY
GRAVIMETRIC_ENERGY_DENSITY = n.GRAVIMETRIC_ENERGY_DENSITY
VOLUMETRIC_ENERGY_DENSITY_LIMIT = n.VOLUMETRIC_ENERGY_DENSITY_LIMIT
GRAVIMETRIC_ENERGY_DENSITY_LIMIT = n.GRAVIMETRIC_ENERGY_DENSITY_LIMIT
AREAL_CAPACITY = n.AREAL_CAPACITY
AREAL_ENERGY = n.AREAL_ENERGY
MEAN_DISCHARGE_VOLTAGE = n.MEAN_DISCHARGE_VOLTAGE
ENERGY = n.ENERGY
STACK_THICKNESS = n.STACK_THICKNESS
STACK_MASS_AREAL = n.STACK_MASS_AREAL
STACK_MASS = n.STACK_MASS
STACK_VOLUME = n.STACK_VOLUME
PLATED_LITHIUM_THICKNESS = n.plated_thickness("negative")  # "Negative plated lithium thickness [m]"
ALLOY_THICKNESS_CHANGE = n.ALLOY_THICKNESS_CHANGE
NUMBER_OF_UNIT_CELLS = n.NUMBER_OF_UNIT_CELLS
LAYER_BREAKDOWN = n.LAYER_BREAKDOWN
# keys of each per-layer entry of the breakdown
LAYER_ROLE = "Role"
LAYER_COUNT = "Count"
LAYER_THICKNESS = n.LAYER_THICKNESS
LAYER_MASS = n.LAYER_MASS
LAYER_THICKNESS_SHARE = "Thickness share"
LAYER_MASS_SHARE = "Mass share"

#: labels of the entries this module adds to the breakdown (reserved: no design layer may use them)
PLATED_LITHIUM_LAYER = "Plated lithium"
ALLOY_EXPANSION_LAYER = "Negative alloy expansion"

# ---------------------------------------------------------------- constants
FARADAY = F  # [C.mol-1]
#: Li metal density [kg.m-3] and molar mass [kg.mol-1]: 0.534 g/cm3, molar volume 13.0 cm3/mol
#: (physics-facts section 7)
LITHIUM_DENSITY = 534.0
LITHIUM_MOLAR_MASS = 6.94e-3

STATES = ("charged", "discharged")


# ---------------------------------------------------------------- discharge curve
def _curve(capacity, voltage) -> tuple[np.ndarray, np.ndarray]:
    Q = np.asarray(capacity, dtype=float)
    V = np.asarray(voltage, dtype=float)
    if Q.ndim != 1 or V.ndim != 1 or Q.shape != V.shape:
        raise ValueError(
            f"capacity and voltage must be 1-D arrays of the same length, got shapes {Q.shape} and {V.shape}")
    if Q.size < 2:
        raise ValueError(f"a discharge curve needs at least 2 points, got {Q.size}")
    if not (np.all(np.isfinite(Q)) and np.all(np.isfinite(V))):
        raise ValueError("capacity and voltage must be finite (no NaN or inf)")
    if np.any(np.diff(Q) < 0):
        raise ValueError("capacity [A.h.m-2] must be non-decreasing along the discharge (delivered capacity)")
    return Q, V


def discharge_energy(capacity, voltage) -> float:
    """Areal energy delivered along a discharge curve [W.h.m-2].

    Parameters
    ----------
    capacity : array_like
        Delivered areal capacity [A.h.m-2], non-decreasing (1 mA.h.cm-2 = 10 A.h.m-2), per m2 of
        cathode (one unit cell).
    voltage : array_like
        Cell voltage [V] at the same points.

    Returns
    -------
    float
        :math:`E = \\int V \\, dQ` [W.h.m-2], trapezoid rule.

    Notes
    -----
    A PyBaMM solution gives the arrays as ``solution["Discharge capacity [A.h]"].entries / area`` and
    ``solution["Voltage [V]"].entries`` (area in m2).
    """
    Q, V = _curve(capacity, voltage)
    return float(np.sum(0.5 * (V[1:] + V[:-1]) * np.diff(Q)))


def lithium_thickness_from_capacity(areal_capacity: float) -> float:
    """Thickness of dense Li metal holding an areal capacity [m].

    :math:`L = Q \\cdot 3600 / F \\cdot M_{Li} / \\rho_{Li}` with Q in A.h.m-2, i.e. 4.85 um per
    mA.h.cm-2 (physics-facts section 7).
    """
    if not np.isfinite(areal_capacity) or areal_capacity < 0:
        raise ValueError(f"areal capacity must be a finite number >= 0 A.h.m-2, got {areal_capacity!r}")
    return float(areal_capacity) * 3600.0 / FARADAY * LITHIUM_MOLAR_MASS / LITHIUM_DENSITY


# ---------------------------------------------------------------- stack bill of materials
def _nonnegative(value, field: str) -> float:
    is_number = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
    if not is_number or not np.isfinite(value) or value < 0:
        raise ValueError(f"{field} must be a finite number >= 0 m, got {value!r}")
    return float(value)


def _entries(design, state, areal_capacity, plated_lithium_thickness, alloy_thickness_change,
             include_collectors, include_packaging) -> list[dict]:
    """Stack entries ``{name, role, count, thickness [m], mass [kg.m-2]}`` (totals over the stack)."""
    validate_design(design)
    if state not in STATES:
        raise ValueError(f"state must be one of {STATES}, got {state!r}")
    names = {layer.name for layer in all_layers(design)}
    reserved = names & {PLATED_LITHIUM_LAYER, ALLOY_EXPANSION_LAYER}
    if reserved:
        raise ValueError(f"layer names {sorted(reserved)} are reserved for the charged-state entries")
    if plated_lithium_thickness is None:
        plated_lithium_thickness = (
            lithium_thickness_from_capacity(areal_capacity) if state == "charged" else 0.0)
    L_pl = _nonnegative(plated_lithium_thickness, "plated_lithium_thickness")
    L_alloy = _nonnegative(alloy_thickness_change, "alloy_thickness_change")
    if include_packaging and design.packaging is None:
        raise ValueError("include_packaging=True needs StackDesign.packaging (the pouch foil layer)")

    N = design.layers_per_cell
    A = design.area

    def entry(layer, count):
        area = A if layer.area is None else layer.area
        mass = layer.density * (1 - layer.porosity) * layer.thickness * area / A
        return {"name": layer.name, "role": layer.role, "count": count,
                "thickness": count * layer.thickness, "mass": count * mass}

    n_pos, n_neg = collector_counts(N)
    entries = []
    if include_collectors and design.positive_collector is not None:
        entries.append(entry(design.positive_collector, n_pos))
    entries += [entry(layer, N) for layer in design.layers]
    if L_pl > 0:
        entries.append({"name": PLATED_LITHIUM_LAYER, "role": "negative", "count": N,
                        "thickness": N * L_pl, "mass": N * LITHIUM_DENSITY * L_pl})
        # the plated Li came out of the cathode: take its mass off the cathode layers (Li conservation)
        cathodes = [e for e in entries if e["role"] == "cathode"]
        m_cathode = sum(e["mass"] for e in cathodes)
        moved = N * LITHIUM_DENSITY * L_pl
        if moved >= m_cathode:
            raise ValueError(
                f"plated lithium ({moved:.4g} kg.m-2) needs cathode layers holding more mass than that "
                f"(cathode mass {m_cathode:.4g} kg.m-2)")
        for e in cathodes:
            e["mass"] -= moved * e["mass"] / m_cathode
    if L_alloy > 0:
        # volume only: the Li stored in the alloy also came from the cathode; its mass stays there
        entries.append({"name": ALLOY_EXPANSION_LAYER, "role": "negative", "count": N,
                        "thickness": N * L_alloy, "mass": 0.0})
    if include_collectors and design.negative_collector is not None:
        entries.append(entry(design.negative_collector, n_neg))
    if include_packaging:
        entries.append(entry(design.packaging, 2))
    return entries


def stack_breakdown(design: StackDesign, state: str, areal_capacity: float = 0.0, *,
                    plated_lithium_thickness: float | None = None, alloy_thickness_change: float = 0.0,
                    include_collectors: bool = True, include_packaging: bool = False) -> dict[str, dict]:
    """Per-layer thickness and mass of the whole stack in a state.

    Parameters
    ----------
    design : StackDesign
        The stack (``design.layers_per_cell`` unit cells).
    state : {"charged", "discharged"}
        State of charge (see module notes).
    areal_capacity : float, optional
        Delivered areal capacity of one unit cell [A.h.m-2]; sets the default plated Li of the
        charged state (default 0).
    plated_lithium_thickness : float or None, optional
        Plated Li per unit cell [m]. ``None``: :func:`lithium_thickness_from_capacity` of
        ``areal_capacity`` when charged, 0 when discharged. Pass it explicitly to include Li held
        irreversibly (exsolution loss, dead Li) or a simulated ``"Negative plated lithium thickness [m]"``.
    alloy_thickness_change : float, optional
        Thickness increase of negative-side alloy layers per unit cell relative to the as-built stack
        [m] (default 0). Adds volume, no mass (its Li is counted in the cathode).
    include_collectors, include_packaging : bool, optional
        Count the collector foils (default True) and the two pouch walls (default False).

    Returns
    -------
    dict
        ``{layer name: {"Role", "Count", "Thickness [m]", "Mass [kg.m-2]", "Thickness share",
        "Mass share"}}`` in stacking order; thickness and mass are totals over the stack, mass per m2
        of stack area: :math:`m_i = c_i \\rho_i (1 - \\varepsilon_i) L_i A_i / A`.
    """
    entries = _entries(design, state, areal_capacity, plated_lithium_thickness, alloy_thickness_change,
                       include_collectors, include_packaging)
    L = sum(e["thickness"] for e in entries)
    m = sum(e["mass"] for e in entries)
    return {
        e["name"]: {
            LAYER_ROLE: e["role"],
            LAYER_COUNT: e["count"],
            LAYER_THICKNESS: e["thickness"],
            LAYER_MASS: e["mass"],
            LAYER_THICKNESS_SHARE: e["thickness"] / L if L > 0 else 0.0,
            LAYER_MASS_SHARE: e["mass"] / m if m > 0 else 0.0,
        }
        for e in entries
    }


def stack_thickness(design: StackDesign, state: str, areal_capacity: float = 0.0, **kwargs) -> float:
    """Total stack thickness [m]: :math:`L = \\sum_i c_i L_i` (+ plated Li and alloy change).

    Same arguments as :func:`stack_breakdown`. The stack volume per m2 of stack area is this thickness.
    """
    parts = stack_breakdown(design, state, areal_capacity, **kwargs)
    return float(sum(p[LAYER_THICKNESS] for p in parts.values()))


def stack_mass(design: StackDesign, state: str, areal_capacity: float = 0.0, **kwargs) -> float:
    """Total stack mass per m2 of stack area [kg.m-2]:
    :math:`m = \\sum_i c_i \\rho_i (1 - \\varepsilon_i) L_i A_i / A`.

    Same arguments as :func:`stack_breakdown`; equal in both states (Li conservation).
    """
    parts = stack_breakdown(design, state, areal_capacity, **kwargs)
    return float(sum(p[LAYER_MASS] for p in parts.values()))


def stack_volume(design: StackDesign, state: str, areal_capacity: float = 0.0, *,
                 footprint_area: float | None = None, **kwargs) -> float:
    """Stack volume [m3]: :math:`V = L \\cdot A_{fp}`, with footprint area ``footprint_area`` [m2]
    (default: the stack area ``design.area``, i.e. electrolyte overhangs are not counted).

    Other arguments as :func:`stack_breakdown`.
    """
    A_fp = _footprint(design, footprint_area)
    return stack_thickness(design, state, areal_capacity, **kwargs) * A_fp


def _footprint(design, footprint_area):
    validate_design(design)
    if footprint_area is None:
        return float(design.area)
    if not np.isfinite(footprint_area) or footprint_area <= 0:
        raise ValueError(f"footprint_area must be None or a finite number > 0 m2, got {footprint_area!r}")
    return float(footprint_area)


# ---------------------------------------------------------------- energy density
def energy_density(design: StackDesign, capacity, voltage, state: str = "charged", *,
                   plated_lithium_thickness: float | None = None, alloy_thickness_change: float = 0.0,
                   include_collectors: bool = True, include_packaging: bool = False,
                   footprint_area: float | None = None) -> dict:
    """Volumetric and gravimetric energy density of a stack from one unit cell's discharge curve.

    Parameters
    ----------
    design : StackDesign
        Stack bill of materials; ``design.layers_per_cell`` unit cells.
    capacity, voltage : array_like
        Discharge curve of one unit cell: delivered areal capacity [A.h.m-2] (non-decreasing) and
        voltage [V], e.g. from a simulation or a measurement.
    state : {"charged", "discharged"}, optional
        State whose volume is used (default ``"charged"``, the usual convention for anode-free cells:
        largest volume). Mass is the same in both states.
    plated_lithium_thickness, alloy_thickness_change, include_collectors, include_packaging
        See :func:`stack_breakdown`; the default plated Li of the charged state holds the delivered
        capacity :math:`Q = Q_{end} - Q_{start}`.
    footprint_area : float or None, optional
        Area [m2] the volume is taken over (default ``design.area``: the energy-bearing area).

    Returns
    -------
    dict
        ``"Volumetric energy density [W.h.L-1]"``, ``"Gravimetric energy density [W.h.kg-1]"``,
        ``"Areal capacity [mA.h.cm-2]"`` (one unit cell), ``"Areal energy [W.h.m-2]"`` (one unit
        cell), ``"Mean discharge voltage [V]"``, ``"Energy [W.h]"``, ``"Stack thickness [m]"``,
        ``"Stack mass [kg.m-2]"``, ``"Stack mass [kg]"``, ``"Stack volume [m3]"``,
        ``"Negative plated lithium thickness [m]"`` (per unit cell), ``"Number of unit cells"`` and
        ``"Layer breakdown"`` (see :func:`stack_breakdown`).

    Notes
    -----
    With N unit cells, unit-cell areal energy :math:`e = \\int V dQ` [W.h.m-2], stack thickness L [m],
    areal mass m [kg.m-2], stack area A and footprint :math:`A_{fp}`:

    .. math::

        E_V = \\frac{N e A}{1000 \\, L A_{fp}} \\; [W.h.L^{-1}], \\qquad
        E_m = \\frac{N e}{m} \\; [W.h.kg^{-1}]
    """
    Q, _ = _curve(capacity, voltage)
    e = discharge_energy(capacity, voltage)
    q = float(Q[-1] - Q[0])
    A_fp = _footprint(design, footprint_area)
    parts = stack_breakdown(design, state, q, plated_lithium_thickness=plated_lithium_thickness,
                            alloy_thickness_change=alloy_thickness_change,
                            include_collectors=include_collectors, include_packaging=include_packaging)
    L = sum(p[LAYER_THICKNESS] for p in parts.values())
    m = sum(p[LAYER_MASS] for p in parts.values())
    N = design.layers_per_cell
    A = design.area
    plated = parts.get(PLATED_LITHIUM_LAYER, {LAYER_THICKNESS: 0.0})[LAYER_THICKNESS] / N
    return {
        VOLUMETRIC_ENERGY_DENSITY: N * e * A / (L * A_fp) / 1000.0,
        GRAVIMETRIC_ENERGY_DENSITY: N * e / m,
        AREAL_CAPACITY: q / 10.0,
        AREAL_ENERGY: e,
        MEAN_DISCHARGE_VOLTAGE: e / q if q > 0 else float("nan"),
        ENERGY: N * e * A,
        STACK_THICKNESS: L,
        STACK_MASS_AREAL: m,
        STACK_MASS: m * A,
        STACK_VOLUME: L * A_fp,
        PLATED_LITHIUM_THICKNESS: plated,
        NUMBER_OF_UNIT_CELLS: N,
        LAYER_BREAKDOWN: parts,
    }


def multilayer_energy_density(design: StackDesign, capacity, voltage, n_cells: Iterable[int],
                              state: str = "charged", **kwargs) -> dict:
    """Energy density of multi-layer stacks of the same unit cell, N = each of ``n_cells``.

    Each stack is ``design`` with ``layers_per_cell = N`` (shared collectors: N + 1 foils, see
    :class:`~anodefree_sim.design.cell_design.StackDesign`; two pouch walls whatever N).

    Parameters
    ----------
    design, capacity, voltage, state
        As :func:`energy_density`.
    n_cells : iterable of int
        Numbers of unit cells, each >= 1.
    **kwargs
        Passed to :func:`energy_density` (``include_packaging``, ``include_collectors``, ...).

    Returns
    -------
    dict
        ``"Number of unit cells"`` and, as arrays over N, ``"Volumetric energy density [W.h.L-1]"``,
        ``"Gravimetric energy density [W.h.kg-1]"``, ``"Stack thickness [m]"``, ``"Stack mass [kg.m-2]"``;
        plus the N -> infinity limits ``"Volumetric energy density limit [W.h.L-1]"`` and
        ``"Gravimetric energy density limit [W.h.kg-1]"``.

    Notes
    -----
    Two more unit cells add exactly two unit cells, one positive and one negative collector (the
    packaging does not grow), so with :math:`\\Delta L = L(N+2) - L(N)` and :math:`\\Delta m` likewise

    .. math::

        E_V^\\infty = \\frac{2 e A}{1000 \\, \\Delta L \\, A_{fp}}, \\qquad
        E_m^\\infty = \\frac{2 e}{\\Delta m}

    i.e. the energy density of one unit cell carrying half a positive and half a negative collector.
    """
    Ns = [int(k) for k in n_cells]
    if not Ns:
        raise ValueError("n_cells must contain at least one number of unit cells")
    for k in Ns:
        collector_counts(k)
    results = [energy_density(dataclasses.replace(design, layers_per_cell=k), capacity, voltage, state,
                              **kwargs) for k in Ns]
    one, three = (energy_density(dataclasses.replace(design, layers_per_cell=k), capacity, voltage, state,
                                 **kwargs) for k in (1, 3))
    dL = three[STACK_THICKNESS] - one[STACK_THICKNESS]
    dm = three[STACK_MASS_AREAL] - one[STACK_MASS_AREAL]
    e = one[AREAL_ENERGY]
    A_fp = _footprint(design, kwargs.get("footprint_area"))
    out = {NUMBER_OF_UNIT_CELLS: np.array(Ns)}
    for key in (VOLUMETRIC_ENERGY_DENSITY, GRAVIMETRIC_ENERGY_DENSITY, STACK_THICKNESS, STACK_MASS_AREAL):
        out[key] = np.array([r[key] for r in results])
    out[VOLUMETRIC_ENERGY_DENSITY_LIMIT] = 2 * e * design.area / (dL * A_fp) / 1000.0
    out[GRAVIMETRIC_ENERGY_DENSITY_LIMIT] = 2 * e / dm
    return out
