"""Huang2024: Li-Ag alloy and Li electrodes on Li6PS5Cl (Huang et al., Energy Mater. Adv. 2024).

Defaults describe the Li4Ag | LPSC | Li4Ag symmetric cell of Fig. 5a-c (10 mm mould, 25 C,
0.2 mA/cm2). :data:`ELECTRODES` holds the per-electrode values of the Li4Ag, Li9Ag4 and Li electrodes;
:func:`electrode_values` turns one of them into parameter entries. Every value cites Huang 2024
(doi 10.34133/energymatadv.0108) or another named source, or says "assumed".
"""

from __future__ import annotations

import math

from anodefree_sim.parameter_sets._common import (
    NUMERICS,
    STACK_PRESSURE,
    dead_lithium_fraction,
    electrode_defaults,
    j0_from_charge_transfer_resistance,
)

from anodefree_sim import _names as n
from anodefree_sim import conductivity as cond
from anodefree_sim.citations import HUANG2024
from anodefree_sim.phase_table import load_phase_table

#: 10 mm PEEK mould (Experimental methodology) [m2]
AREA = math.pi * 0.005**2
#: 8.2 mg Ag foil per electrode (Experimental methodology) [mol.m-2]
AG_FOIL = 8.2e-3 / 107.8682 / AREA
#: Li foils: 2.1 mg -> Li4Ag, 1.2 mg -> Li9Ag4 (Experimental methodology) [mol Li per mol Ag]
Y_LI4AG = 2.1e-3 / 6.941 / (8.2e-3 / 107.8682)
Y_LI9AG4 = 1.2e-3 / 6.941 / (8.2e-3 / 107.8682)
#: Li foil of the Li | LPSC | Li cell: thickness not given, 100 um [assumed], 13.0 cm3/mol
LI_FOIL = 100e-6 / 1.3e-5
T_TEST = 298.15


def _per_electrode(R_total_ohm: float) -> float:
    """Half of a symmetric-cell resistance [Ohm] as an area-specific value [Ohm.m2]."""
    return R_total_ohm / 2 * AREA


#: Electrode kinds. R_SEI and R_ct of the symmetric cells from Huang 2024 Table S7 (via the text of
#: Fig. 5b): Li4Ag 12.10 / 24.33 Ohm, Li9Ag4 25.20 / 43.89 Ohm, Li 24.52 / 59.79 Ohm; each split
#: equally between the two electrodes; j0 = R T / (F R_ct) at 25 C. Nucleation on Li: 6 mV (Fig. 5a).
#: Shear moduli G [GPa] (Table 1) and Li migration barriers [eV] (Fig. 2f) enter the stack-pressure model.
#: k_film: interphase film growth per charge throughput [Ohm.m4.C-1] (option "interphase growth":
#: "throughput"), FITTED to the full-cell retention of Fig. 5d (Li4Ag 72.1 % and Li9Ag4 58.8 % after 50
#: cycles, Li 10.8 % after 7) with tools/calibrate_interphase.py; one value per anode, so the retention
#: itself is not a prediction (the 30th-cycle capacities are: tests/test_full_cell.py).
ELECTRODES = {
    "Li4Ag": {"silver": AG_FOIL, "y0": Y_LI4AG, "plated": 0.0, "R_sei": 12.10, "R_ct": 24.33,
              "G": 6.344, "barrier": 0.171, "k_film": 2.331e-8},
    "Li9Ag4": {"silver": AG_FOIL, "y0": Y_LI9AG4, "plated": 0.0, "R_sei": 25.20, "R_ct": 43.89,
               "G": 15.298, "barrier": 0.167, "k_film": 4.003e-8},
    "Li": {"silver": 0.0, "y0": 0.0, "plated": LI_FOIL, "R_sei": 24.52, "R_ct": 59.79,
           "G": 5.054, "barrier": 0.295, "k_film": 8.295e-7},
}


def electrode_values(e: str, kind: str) -> dict:
    """Parameter entries of electrode ``e`` ("negative"/"counter") made of ``kind``."""
    if kind not in ELECTRODES:
        raise ValueError(f"unknown Huang 2024 electrode '{kind}'; expected one of {list(ELECTRODES)}")
    d = ELECTRODES[kind]
    U0 = float(load_phase_table("huang2024").ocp(d["y0"])) if d["silver"] else 0.0
    j0 = j0_from_charge_transfer_resistance(_per_electrode(d["R_ct"]), T_TEST)
    j0_fun = _constant(j0)
    return {
        n.p_initial_silver(e): d["silver"],
        n.p_initial_alloy_ratio(e): d["y0"],
        n.p_initial_plated(e): d["plated"],
        n.p_film_resistance(e): _per_electrode(d["R_sei"]),
        n.p_film_growth(e): d["k_film"],
        # start at rest: the open-circuit potential of the initial composition
        n.p_initial_potential(e): U0,
        n.p_alloy_j0(e): j0_fun,
        n.p_plating_j0(e): j0_fun,
        # nucleation of Li on Li: 6 mV (Fig. 5a); Ag foils cover it (theta_Ag ~ 1) -> 0 mV
        n.p_substrate_nucleation(e): 0.006,
        # dead Li on bare Li [assumed]; on Ag see P_DEAD_FRACTION_SILVER
        n.p_dead_fraction_bare(e): 0.02,
        n.p_shear_modulus(e): d["G"] * 1e9,
        n.p_alloy_migration_barrier(e): d["barrier"],
    }


def _constant(value: float):
    def j0(T):
        return value + 0 * T

    return j0


def lpsc_conductivity_Huang2024(T):
    """Li6PS5Cl (MTI) [S.m-1]: taken as Choi 2025 Fig. 1f x = 0 (2.0 mS/cm at 293 K, 0.36 eV) [assumed]."""
    return cond.lpscl_ionic_conductivity(T)


def get_parameter_values() -> dict:
    """Parameter values of the Huang 2024 Li4Ag | LPSC | Li4Ag symmetric cell."""
    values = {
        "chemistry": "lithium_ion",
        "citations": [HUANG2024],
        n.P_AREA: AREA,
        # 25 C (Experimental methodology)
        n.P_TEMPERATURE: T_TEST,
        # 0.2 mA/cm2 (Fig. 5c) x area
        n.P_CURRENT: 2.0 * AREA,
        # 0.2 mAh/cm2 per half cycle (Fig. 5c) x area: the 1C reference for C-rate steps
        "Nominal cell capacity [A.h]": 2.0e-3 * AREA,
        # 120 mg LPSC in a 10 mm mould, dense at 1.87 g/cm3 (physics-facts section 5) -> 817 um [E]
        n.p_se_thickness(1): 0.120e-3 / 1870 / AREA,
        n.p_se_conductivity(1): lpsc_conductivity_Huang2024,
        # no doped layer in Huang's cells
        n.P_DOPED_THICKNESS: 0.0,
        n.P_DOPED_DENSITY: 0.0,
        n.P_SILVER_CONTENT: 0.0,
        n.P_DOPED_IONIC: cond.doped_argyrodite_ionic_conductivity,
        n.P_DOPED_IONIC_EXSOLVED: cond.exsolved_argyrodite_ionic_conductivity,
        n.P_DOPED_ELECTRONIC: cond.doped_argyrodite_electronic_conductivity,
        n.P_DOPED_ELECTRONIC_EXSOLVED: cond.EXSOLVED_ELECTRONIC,
        n.P_EXSOLUTION_OCP: 1.8,
        n.P_EXSOLUTION_J0: _constant(10.0),
        n.P_PERCOLATION_THRESHOLD: 0.3,
        n.P_PERCOLATION_WIDTH: 0.05,
        n.P_ELECTRON_REACH: 0.5e-6,
        # dead Li on Ag / Li-Ag: the law fitted to Choi 2025 (parameter_sets/choi2025.py) [assumed]
        n.P_DEAD_FRACTION_SILVER: dead_lithium_fraction(0.029),
        n.P_DEAD_ISLAND_THICKNESS: 0.25e-6,
    }
    values.update(NUMERICS)
    values.update(STACK_PRESSURE)
    for e in n.ELECTRODES:
        values.update(electrode_defaults(e))
        values.update(electrode_values(e, "Li4Ag"))
    values.update(load_phase_table("huang2024").to_parameters())
    return values


#: Full cells (Experimental methodology): 80 mg LPSC pellet, 40 mg Li3InCl6 (LIC) layer and 10 mg composite
#: cathode LNO@NCM811:LIC:CNT = 60:40:4 wt in the 10 mm mould; 7.64 mg/cm2 NCM811 (Fig. 5d)
FULL_CELL_ACTIVE_LOADING = 7.64e-3 * 10  # kg/m2
#: dense thicknesses: LPSC 1.87 g/cm3 (physics-facts 5), LIC 2.6 g/cm3 [assumed]
FULL_CELL_LPSC_THICKNESS = 80e-6 / 1870 / AREA
FULL_CELL_LIC_THICKNESS = 40e-6 / 2600 / AREA
#: composite volume fractions: NCM811 4.75, LIC 2.6, CNT 1.8 g/cm3 [assumed] give dense 0.418 / 0.509 /
#: 0.073; with 15 % porosity after pressing at 370 MPa [assumed]
FULL_CELL_ACTIVE_FRACTION = 0.355
FULL_CELL_CATHOLYTE_FRACTION = 0.432


def li3incl6_conductivity_Huang2024(c_e, T):
    """Li3InCl6 catholyte and separator layer [S.m-1], independent of c_e."""
    return cond.li3incl6_ionic_conductivity(T) + 0 * c_e


def get_full_cell_parameter_values() -> dict:
    """Huang 2024 full cells: Li4Ag (default), Li9Ag4 or Li | LPSC | Li3InCl6 | LNO@NCM811 at 25 C.

    PyBaMM's separator domain is the 40 mg Li3InCl6 layer (the electrolyte phase of the composite cathode
    is Li3InCl6 too); the 80 mg LPSC pellet is the package's ohmic solid-electrolyte layer 1. Switch the
    negative electrode with :func:`electrode_values` ("negative", "Li9Ag4" / "Li").
    """
    from anodefree_sim.parameter_sets._ncm811 import ncm811_cathode

    values = get_parameter_values()
    values.update(
        ncm811_cathode(
            active_loading=FULL_CELL_ACTIVE_LOADING,
            active_volume_fraction=FULL_CELL_ACTIVE_FRACTION,
            electrolyte_volume_fraction=FULL_CELL_CATHOLYTE_FRACTION,
            separator_thickness=FULL_CELL_LIC_THICKNESS,
            area=AREA,
        )
    )
    values.update(
        {
            "Electrolyte conductivity [S.m-1]": li3incl6_conductivity_Huang2024,
            n.p_se_thickness(1): FULL_CELL_LPSC_THICKNESS,
            n.P_AREA: AREA,
            n.P_TEMPERATURE: T_TEST,
            "Initial temperature [K]": T_TEST,
            # 0.25 mA/cm2 (Fig. 5d) x area
            n.P_CURRENT: 0.25e-3 * AREA * 1e4,
            # 7.64 mg/cm2 x ~0.2 A.h/g (Fig. 5e: 184 mAh/g first cycle) x area
            "Nominal cell capacity [A.h]": 7.64e-3 * 0.184 * AREA * 1e4,
        }
    )
    return values
