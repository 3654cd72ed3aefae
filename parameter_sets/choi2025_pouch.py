"""Choi2025 pouch: stack description of the initially anode-free pouch full cell (Choi et al., Nat. Commun.
2025, doi 10.1038/s41467-025-61074-9, Fig. 3h-i, Supplementary Fig. 19, Methods), for
:mod:`anodefree_sim.design.energy_density` (DESIGN 2.8, target T7: 1312 Wh/L excluding packaging).

Cell: Al | NCM811 composite | Li6PS5Cl0.5Br0.5 | Li5.4Ag0.6PS5Cl | SUS, single layer, WIP at 500 MPa
and 80 C, cycled at 0.7 mA/cm2, 2.5-4.3 V, 2.0 MPa. Every value cites the paper, physics-facts.md, or
says "assumed" / "calibrated to 1312 Wh/L (T7)". Data only: no model or simulation here.

Reconstruction (Supplementary Table 3, which holds the paper's own bill of materials, is not available):

* Loading. The paper's numbers imply two loadings: 205 mAh/g = 7.0 mAh/cm2 (60 C, Fig. 3i) is
  34.1 mg/cm2 of NCM811, 198.1 mAh/g = 7.8 mAh/cm2 (30 C, Supp. Fig. 20) is 39.4 mg/cm2; Methods' "loading
  of the active material ~50 mg/cm2" matches neither, but is the *composite* loading of the 30 C cell
  (39.4 / 0.80 = 49 mg/cm2). The abstract pairs 1312 Wh/L with 7.0 mAh/cm2, so the default design is the
  60 C cell (34.1 mg/cm2 NCM811, 42.7 mg/cm2 composite); ``get_stack_design(CHOI2025_POUCH_DISCHARGE_30C)``
  gives the 30 C cell.
* Collectors. The paper excludes "the packaging materials" only, but with the Methods' composition the
  cathode composite alone is >= 120 um even at zero porosity; with 25 um of foils (Al 15 + SUS 10,
  assumed) the charged stack cannot exceed ~1250 Wh/L at any porosity >= 0 (~1170 Wh/L at the
  calibrated one). 1312 Wh/L is reached with a physical porosity (11 %) only when the collectors are
  left out, so the paper's value counts cathode composite + SE bilayer + plated Li. The design keeps
  the foils (for Wh/kg, multi-layer and with-collector numbers) and :data:`CHOI2025_ENERGY_DENSITY_BASIS`
  records the T7 basis: charged state, no collectors, no packaging.
* Area. Energy-bearing area = the 20 x 20 mm cathode (Methods); volume is taken over it (electrolyte
  overhang volume not counted, as in the usual stack-level Wh/L); overhanging layers count with their
  own area in the mass.
"""

from __future__ import annotations

from anodefree_sim import names as n
from anodefree_sim.design.cell_design import Layer, StackDesign

# ---------------------------------------------------------------- reference numbers (data)
#: Pouch full cell at 60 C (Fig. 3h-i, abstract, Methods).
CHOI2025_POUCH_DISCHARGE = {
    n.AREAL_CAPACITY: 7.0,  # Fig. 3i, abstract
    n.SPECIFIC_CAPACITY: 205.0,  # per g NCM811, Fig. 3i
    n.CURRENT_DENSITY_MA: 0.7,  # Fig. 3h-i; 7.0 mA/cm2 = 1C (Methods)
    "Ambient temperature [K]": 333.15,  # 60 C (Fig. 3h-i)
    "Lower voltage cut-off [V]": 2.5,  # Methods
    "Upper voltage cut-off [V]": 4.3,  # Methods
    n.P_STACK_PRESSURE: 2.0e6,  # 2.0 MPa (Fig. 3h, Methods)
    "Capacity retention after 50 cycles": 0.950,  # Fig. 3h
    n.VOLUMETRIC_ENERGY_DENSITY: 1312.0,  # excluding packaging (main text, Supp. Table 3)
}

#: Same pouch design at 30 C (Supp. Fig. 20); implies a higher loading (39.4 mg/cm2), see module notes.
CHOI2025_POUCH_DISCHARGE_30C = {
    n.AREAL_CAPACITY: 7.8,
    n.SPECIFIC_CAPACITY: 198.1,
    n.CURRENT_DENSITY_MA: 0.7,
    "Ambient temperature [K]": 303.15,
    "Lower voltage cut-off [V]": 2.5,
    "Upper voltage cut-off [V]": 4.3,
    n.P_STACK_PRESSURE: 2.0e6,
    "Capacity retention after 50 cycles": 0.874,
}

#: Basis of the paper's 1312 Wh/L (T7) as keyword arguments of ``energy_density``: charged state,
#: collectors and packaging excluded (see module notes for why the collectors must be out).
CHOI2025_ENERGY_DENSITY_BASIS = {"state": "charged", "include_collectors": False, "include_packaging": False}

#: Negative-side alloy thickness change in the charged state [m]: 0. The Li-Ag alloy forms inside the
#: grain boundaries/pores of the doped layer (Fig. 3d-e) and its Ag then dissolves into the plated Li
#: (Fig. 3f, Supp. Fig. 21b); the Li it holds is counted as plated Li at 4.85 um per mAh/cm2, which
#: slightly overstates its volume (partial molar volume of Li in LiAg ~9 vs 13 cm3/mol, physics-facts 7).
CHOI2025_ALLOY_THICKNESS_CHANGE = 0.0

# ---------------------------------------------------------------- materials
#: Cathode composite NCM811 : Li6PS5Cl : Super C65 : NBR = 80 : 17 : 1.5 : 1.5 by weight (Methods).
CATHODE_MASS_FRACTIONS = {"NCM811": 0.80, "Li6PS5Cl": 0.17, "C65": 0.015, "NBR": 0.015}
#: Solid densities [kg.m-3]
CATHODE_COMPONENT_DENSITIES = {
    "NCM811": 4750.0,  # physics-facts 6 (4.75-4.8 g/cm3); same value as parameter_sets/_ncm811.py
    "Li6PS5Cl": 1870.0,  # physics-facts 5 (X-ray density 1.87-1.89 g/cm3)
    "C65": 1900.0,  # assumed: skeletal density of carbon black, 1.8-2.1 g/cm3
    "NBR": 1000.0,  # assumed: nitrile-butadiene rubber ~1.0 g/cm3
}
#: Electrolyte layers: argyrodite : SBR = 97 : 3 by weight (Methods)
SE_BINDER_MASS_FRACTION = 0.03
SBR_DENSITY = 940.0  # assumed: styrene-butadiene rubber ~0.94 g/cm3
LPSCLBR_DENSITY = 1990.0  # Li6PS5Cl0.5Br0.5, physics-facts 5 (~1.99 g/cm3 [E])
DOPED_DENSITY = 2290.0  # Li5.4Ag0.6PS5Cl, physics-facts 5 (~2.29 g/cm3 [E])

#: Cathode composite porosity after WIP at 500 MPa: calibrated to 1312 Wh/L (T7). With the
#: representative NCM811 curve of the tests (PyBaMM Chen2020 OCP over 4.3 V -> sto 1, mean 3.84 V,
#: 26.9 mWh/cm2 at 7.0 mAh/cm2) the charged stack without collectors meets 1312 Wh/L at 0.113,
#: rounded to 0.11: inside the 10-20 % of cold-pressed composites (physics-facts 6), at the dense end
#: as expected after WIP. A real 0.7 mA/cm2 discharge (mean ~3.75 V) gives ~2 % less.
CATHODE_POROSITY = 0.11
#: Electrolyte layer porosity after WIP at 500 MPa: assumed (lower end of physics-facts 6; affects mass only,
#: the thickness is measured).
SE_POROSITY = 0.10

# ---------------------------------------------------------------- geometry
CATHODE_AREA = 20e-3 * 20e-3  # 20 x 20 mm (Methods): the stack (energy-bearing) area
LPSCLBR_AREA = 24e-3 * 24e-3  # 24 x 24 mm (Methods)
DOPED_AREA = 22e-3 * 22e-3  # 22 x 22 mm (Methods)
SE_BILAYER_THICKNESS = 35e-6  # 35 um bilayer in the pouch cross-section (Supp. Fig. 19, main text)
#: Split of the 35 um in proportion to the as-cast layers (assumed): freestanding LPSClBr ~40 um after
#: drying, doped layer cast at 15 um on SUS (Methods); 55 um pressed to 35 um by WIP.
LPSCLBR_THICKNESS = SE_BILAYER_THICKNESS * 40 / 55
DOPED_THICKNESS = SE_BILAYER_THICKNESS * 15 / 55
AL_THICKNESS = 15e-6  # assumed: typical Al cathode foil 12-20 um (Methods says Al, no thickness)
AL_DENSITY = 2700.0  # Al
SUS_THICKNESS = 10e-6  # assumed: typical SUS foil for sulfide anode-free cells (Methods: SUS, no thickness)
SUS_DENSITY = 7930.0  # 304 stainless steel (assumed grade)
#: Pouch foil, one wall: assumed 113 um Al-laminate (nylon/Al/PP), ~1.6 g/cm3 (~18 mg/cm2); not in paper.
POUCH_FOIL_THICKNESS = 113e-6
POUCH_FOIL_DENSITY = 1600.0


def _composite_density(fractions: dict, densities: dict) -> float:
    """Solid density of a mixture [kg.m-3]: 1 / sum(w_i / rho_i)."""
    return 1.0 / sum(w / densities[k] for k, w in fractions.items())


def get_stack_design(reference: dict | None = None) -> StackDesign:
    """The Choi 2025 pouch cell as a single-layer :class:`~anodefree_sim.design.cell_design.StackDesign`.

    Parameters
    ----------
    reference : dict, optional
        :data:`CHOI2025_POUCH_DISCHARGE` (default, 60 C cell, 7.0 mAh/cm2 at 205 mAh/g) or
        :data:`CHOI2025_POUCH_DISCHARGE_30C`; the NCM811 loading is areal / specific capacity.

    Notes
    -----
    Cathode thickness from the loading: :math:`L = m_{AM} / (w_{AM} \\rho_s (1 - \\varepsilon))`, with
    :math:`\\rho_s` the composite solid density. Plated Li is not a layer: ``energy_density`` adds it in
    the charged state (7.0 mAh/cm2 -> 34 um).
    """
    ref = CHOI2025_POUCH_DISCHARGE if reference is None else reference
    # NCM811 areal loading [kg.m-2]: mAh/cm2 / (mAh/g) = g/cm2, x10 -> kg/m2
    active_loading = ref[n.AREAL_CAPACITY] / ref[n.SPECIFIC_CAPACITY] * 10
    rho_cathode = _composite_density(CATHODE_MASS_FRACTIONS, CATHODE_COMPONENT_DENSITIES)
    cathode_thickness = active_loading / CATHODE_MASS_FRACTIONS["NCM811"] / rho_cathode / (1 - CATHODE_POROSITY)
    se_fractions = {"SE": 1 - SE_BINDER_MASS_FRACTION, "SBR": SE_BINDER_MASS_FRACTION}
    return StackDesign(
        layers=(
            Layer("NCM811 composite cathode", cathode_thickness, rho_cathode, CATHODE_POROSITY, None, "cathode"),
            Layer("Li6PS5Cl0.5Br0.5 layer", LPSCLBR_THICKNESS,
                  _composite_density(se_fractions, {"SE": LPSCLBR_DENSITY, "SBR": SBR_DENSITY}),
                  SE_POROSITY, LPSCLBR_AREA, "separator"),
            Layer("Li5.4Ag0.6PS5Cl layer", DOPED_THICKNESS,
                  _composite_density(se_fractions, {"SE": DOPED_DENSITY, "SBR": SBR_DENSITY}),
                  SE_POROSITY, DOPED_AREA, "separator"),
        ),
        area=CATHODE_AREA,
        layers_per_cell=1,  # single-layer pouch (Methods: one electrode stack)
        # Al foil under the cathode, same 20 x 20 mm (cathode cast on Al, Methods)
        positive_collector=Layer("Al collector", AL_THICKNESS, AL_DENSITY, 0.0, None, "collector"),
        # doped layer cast on SUS and cut with it, 22 x 22 mm (assumed from Methods)
        negative_collector=Layer("SUS collector", SUS_THICKNESS, SUS_DENSITY, 0.0, DOPED_AREA, "collector"),
        packaging=Layer("Pouch foil", POUCH_FOIL_THICKNESS, POUCH_FOIL_DENSITY, 0.0, None, "packaging"),
        name="Choi2025 pouch",
    )
