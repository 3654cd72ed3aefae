"""Huang2024: Li-Ag alloy and Li electrodes on Li6PS5Cl (Huang et al., Energy Mater. Adv. 2024).

Defaults describe the Li4Ag | LPSC | Li4Ag symmetric cell of Fig. 5a-c (10 mm mould, 25 C,
0.2 mA/cm2). :data:`ELECTRODES` holds the per-electrode values of the Li4Ag, Li9Ag4 and Li electrodes;
:func:`electrode_values` turns one of them into parameter entries. Every value cites Huang 2024
(doi 10.34133/energymatadv.0108) or another named source, or says "assumed".
"""

from __future__ import annotations

import math

from anodefree_sim.parameter_sets import conductivity as cond
from anodefree_sim.parameter_sets._common import (
    INTERPHASE_FILM,
    NUMERICS,
    STACK_PRESSURE,
    Constant,
    dead_lithium_fraction,
    electrode_defaults,
    j0_from_charge_transfer_resistance,
    phase_table_entries,
)
from anodefree_sim.parameter_sets._ledger import (
    POSITIVE,
    Range,
    assumed,
    calibrated,
    complete,
    derived,
    literature,
    paper,
    values_of,
)
from anodefree_sim.parameter_sets.choi2025 import AREA_RANGE, SILVER_CONTENT, THICKNESS, doped_layer_entries
from anodefree_sim.parameter_sets.li_mechanics import MECHANICS_ENTRIES

from anodefree_sim import names as n
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
              "G": 6.344, "barrier": 0.171, "k_film": 2.590e-8},
    "Li9Ag4": {"silver": AG_FOIL, "y0": Y_LI9AG4, "plated": 0.0, "R_sei": 25.20, "R_ct": 43.89,
               "G": 15.298, "barrier": 0.167, "k_film": 4.093e-8},
    "Li": {"silver": 0.0, "y0": 0.0, "plated": LI_FOIL, "R_sei": 24.52, "R_ct": 59.79,
           "G": 5.054, "barrier": 0.295, "k_film": 8.295e-7},
}


def electrode_entries(e: str, kind: str) -> dict:
    """Ledger entries of electrode ``e`` ("negative"/"counter") made of ``kind`` (Li4Ag, Li9Ag4 or Li)."""
    if kind not in ELECTRODES:
        raise ValueError(f"unknown Huang 2024 electrode '{kind}'; expected one of {list(ELECTRODES)}")
    d = ELECTRODES[kind]
    U0 = float(load_phase_table("huang2024").ocp(d["y0"])) if d["silver"] else 0.0
    j0 = Constant(j0_from_charge_transfer_resistance(_per_electrode(d["R_ct"]), T_TEST))
    eis = "Huang 2024 Table S7 (text of Fig. 5b), half of the symmetric cell"
    foils = "Experimental methodology: 8.2 mg Ag foil" + (
        f", {'2.1' if kind == 'Li4Ag' else '1.2'} mg Li foil" if d["silver"] else "")
    return {
        n.p_initial_silver(e): paper(d["silver"], foils + " per 10 mm electrode" if d["silver"] else
                                     "Li electrode: no Ag"),
        n.p_initial_alloy_ratio(e): paper(d["y0"], foils + ": Li/Ag" if d["silver"] else "Li electrode: no Ag",
                                          Range(0.0, 12.0)),
        n.p_initial_plated(e): assumed(d["plated"], "Li foil of the Li | LPSC | Li cell: thickness not given, "
                                       "100 um" if d["plated"] else "alloy electrode: no free Li"),
        n.p_film_resistance(e): paper(_per_electrode(d["R_sei"]), f"R_SEI = {d['R_sei']} Ohm, {eis}"),
        n.p_film_growth(e): calibrated(
            d["k_film"], "T10: Huang 2024 Fig. 5d full-cell retention (Li4Ag 72.1 % and Li9Ag4 58.8 % after 50 "
            "cycles, Li 10.8 % after 7); fitted with `python tools/calibrate_interphase.py` on the phase table "
            "with the DFT voltages read as steps forming the next phase (issue 10 item 9): Li4Ag 2.590e-8, "
            "Li9Ag4 4.093e-8, Li 8.295e-7 Ohm.m4.C-1"),
        n.p_initial_potential(e): derived(U0, "open-circuit potential of the initial composition (phase table)"),
        n.p_alloy_j0(e): paper(j0, f"j0 = RT/(F R_ct) at 25 C, R_ct = {d['R_ct']} Ohm, {eis}; constant in T"),
        n.p_plating_j0(e): paper(j0, f"j0 = RT/(F R_ct) at 25 C, R_ct = {d['R_ct']} Ohm, {eis}; constant in T"),
        n.p_substrate_nucleation(e): paper(0.006, "nucleation of Li on Li: 6 mV (Huang 2024 Fig. 5a); Ag foils "
                                           "cover it (theta_Ag ~ 1) -> 0 mV", Range(0.0, 1.0)),
        n.p_dead_fraction_bare(e): assumed(0.02, "dead Li on bare Li; on Ag see the dead-Li fraction on silver",
                                           Range(0.0, 1.0)),
        n.p_shear_modulus(e): paper(d["G"] * 1e9, f"shear modulus of {kind}, Huang 2024 Table 1",
                                    Range(1e8, 1e12)),
        n.p_alloy_migration_barrier(e): paper(d["barrier"], f"Li migration barrier in {kind}, Huang 2024 Fig. 2f "
                                              "(DFT)"),
    }


def electrode_values(e: str, kind: str) -> dict:
    """Parameter entries of electrode ``e`` ("negative"/"counter") made of ``kind``."""
    return values_of(electrode_entries(e, kind))


def lpsc_conductivity_Huang2024(T):
    """Li6PS5Cl (MTI) [S.m-1]: taken as Choi 2025 Fig. 1f x = 0 (2.0 mS/cm at 293 K, 0.36 eV) [assumed]."""
    return cond.lpscl_ionic_conductivity(T)


def get_parameter_entries() -> dict:
    """Ledger entries of the Huang 2024 Li4Ag | LPSC | Li4Ag symmetric cell."""
    absent = "no doped layer in Huang's cells"
    entries = {
        "chemistry": "lithium_ion",
        "citations": [HUANG2024],
        n.P_AREA: paper(AREA, "10 mm PEEK mould (Experimental methodology)", AREA_RANGE),
        n.P_TEMPERATURE: paper(T_TEST, "25 C (Experimental methodology)"),
        n.P_CURRENT: paper(2.0 * AREA, "0.2 mA/cm2 (Fig. 5c) x area", Range(-10.0, 10.0)),
        # the areal capacity of one half cycle, 0.2 mAh/cm2 = 2 A.h/m2 (Fig. 5c; "0.2 mA/cm2 and 0.2 mAh/cm2",
        # Conclusions), so that 1C is the test current; not the Li inventory of the foils (~10 mAh/cm2)
        "Nominal cell capacity [A.h]": paper(2.0 * AREA, "0.2 mAh/cm2 per half cycle (Fig. 5c, Conclusions) x "
                                             "area: the 1C reference for C-rate steps", POSITIVE),
        n.p_se_thickness(1): derived(0.120e-3 / 1870 / AREA, "120 mg LPSC in the 10 mm mould, dense at "
                                     "1.87 g/cm3 (physics-facts 5)", THICKNESS),
        n.p_se_conductivity(1): assumed(lpsc_conductivity_Huang2024, "Li6PS5Cl (MTI) taken as Choi 2025 Fig. 1f "
                                        "x = 0: 2.0 mS/cm at 293 K, Ea = 0.36 eV"),
        n.P_DOPED_THICKNESS: paper(0.0, absent, THICKNESS),
        n.P_DOPED_DENSITY: paper(0.0, absent, Range(0.0, 2e4)),
        n.P_SILVER_CONTENT: paper(0.0, absent, SILVER_CONTENT),
        **doped_layer_entries(),
        n.P_EXSOLUTION_OCP: assumed(1.8, "no doped layer (inert); Choi 2025 Fig. 2b value", Range(0.0, 5.0)),
        n.P_EXSOLUTION_J0: assumed(Constant(10.0), "no doped layer (inert): 10 A/m2, constant"),
        n.P_PERCOLATION_THRESHOLD: assumed(0.3, "no doped layer (inert); Choi2025 value", Range(0.0, 1.0)),
        n.P_PERCOLATION_WIDTH: assumed(0.05, "no doped layer (inert); Choi2025 value", Range(0.0, 1.0, True)),
        n.P_ELECTRON_REACH: assumed(0.5e-6, "no doped layer (inert); Choi2025 value", POSITIVE),
        n.P_DEAD_FRACTION_SILVER: assumed(dead_lithium_fraction(0.029), "the law fitted to Choi 2025 (T4, T6) "
                                          "before the NCM811 first-cycle loss of the Choi pouch (issue 12): 0.029 "
                                          "at 333.15 K, Ea = -29.5 kJ/mol; kept for the T10 fits",
                                          Range(0.0, 1.0)),
        n.P_DEAD_ROUGHNESS_EXPONENT: assumed(
            0.0, "0: island law (T4/T6 fit); DEAD_LITHIUM_ROUGHNESS (parameter_sets/_common.py) sets the random-"
            "deposition value 1/2 with one fitted constant", Range(0.0, 1.0, open_hi=True)),
        n.P_DEAD_ISLAND_THICKNESS: assumed(0.25e-6, "the value fitted to Choi 2025 (T4, T6) before the NCM811 "
                                           "first-cycle loss (issue 12); kept for the T10 fits", POSITIVE),
    }
    entries.update(NUMERICS)
    entries.update(INTERPHASE_FILM)
    entries.update(STACK_PRESSURE)
    # the 'mechanics' stack-pressure closure (literature Li mechanics; shared names keep the values above)
    entries.update({k: v for k, v in MECHANICS_ENTRIES.items() if k not in entries})
    for e in n.ELECTRODES:
        entries.update(electrode_defaults(e))
        entries.update(electrode_entries(e, "Li4Ag"))
    entries.update(phase_table_entries(
        "huang2024", "paper", "Huang 2024 Fig. 1a DFT voltages (read as the steps that lithiate the named "
        "phase into the next one, see the csv header), phase capacities (text), Fig. 1b volume expansions: "
        "data/li_ag_phases_huang2024.csv"))
    return complete(entries)


def get_parameter_values() -> dict:
    """Parameter values of the Huang 2024 Li4Ag | LPSC | Li4Ag symmetric cell."""
    return values_of(get_parameter_entries())


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


def get_full_cell_parameter_entries() -> dict:
    """Ledger entries of the Huang 2024 full cells: Li4Ag (default), Li9Ag4 or Li | LPSC | Li3InCl6 |
    LNO@NCM811 at 25 C.

    PyBaMM's separator domain is the 40 mg Li3InCl6 layer (the electrolyte phase of the composite cathode
    is Li3InCl6 too); the 80 mg LPSC pellet is the package's ohmic solid-electrolyte layer 1. Switch the
    negative electrode with :func:`electrode_values` ("negative", "Li9Ag4" / "Li").
    """
    from anodefree_sim.parameter_sets._ncm811 import ncm811_cathode

    entries = get_parameter_entries()
    entries.update(
        ncm811_cathode(
            active_loading=FULL_CELL_ACTIVE_LOADING,
            active_volume_fraction=FULL_CELL_ACTIVE_FRACTION,
            electrolyte_volume_fraction=FULL_CELL_CATHOLYTE_FRACTION,
            separator_thickness=FULL_CELL_LIC_THICKNESS,
            area=AREA,
        )
    )
    entries.update(
        {
            "Electrolyte conductivity [S.m-1]": literature(
                li3incl6_conductivity_Huang2024, "Li3InCl6: 1.49 mS/cm at 298.15 K (Li et al., Energy Environ. "
                "Sci. 12 (2019) 2665), Ea = 0.35 eV [assumed]"),
            n.p_se_thickness(1): derived(FULL_CELL_LPSC_THICKNESS, "80 mg LPSC pellet in the 10 mm mould, dense "
                                         "at 1.87 g/cm3 (physics-facts 5)", THICKNESS),
            "Initial temperature [K]": paper(T_TEST, "25 C (Experimental methodology)"),
            n.P_CURRENT: paper(0.25e-3 * AREA * 1e4, "0.25 mA/cm2 (Fig. 5d) x area", Range(-10.0, 10.0)),
            "Nominal cell capacity [A.h]": paper(7.64e-3 * 0.184 * AREA * 1e4, "7.64 mg/cm2 (Fig. 5d) x 184 mAh/g "
                                                 "(Fig. 5e, first cycle) x area", POSITIVE),
        }
    )
    return complete(entries)


def get_full_cell_parameter_values() -> dict:
    """Parameter values of the Huang 2024 full cells (see :func:`get_full_cell_parameter_entries`)."""
    return values_of(get_full_cell_parameter_entries())
