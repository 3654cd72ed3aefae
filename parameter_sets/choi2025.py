"""Choi2025: Li | Li6PS5Cl0.5Br0.5 | Li(6-x)AgxPS5Cl | SUS half cells (Choi et al., Nat. Commun. 2025).

Every value cites a figure/table of Choi 2025 (doi 10.1038/s41467-025-61074-9) or another named
source, or says "assumed" / "calibrated to <target>". Defaults describe Cell B of Fig. 2b
(x = 0.6, 10 um doped layer, 700 um LPSClBr, 13 mm cell, 60 C).
"""

from __future__ import annotations

from anodefree_sim.parameter_sets._common import (
    NUMERICS,
    STACK_PRESSURE,
    arrhenius_function,
    dead_lithium_fraction,
    electrode_defaults,
)

from anodefree_sim import _names as n
from anodefree_sim import conductivity as cond
from anodefree_sim.citations import CHOI2025, HUANG2024
from anodefree_sim.phase_table import load_phase_table

#: Li foil of the counter electrode: 100 um (Choi Methods) / 13.0 cm3/mol
LI_FOIL_100UM = 100e-6 / 1.3e-5


def li_plating_exchange_current_density_Choi2025(T):
    """Li | argyrodite exchange-current density [A.m-2]: 10 A/m2 (1 mA/cm2) at 298 K, inside the
    1.3-13 mA/cm2 range of Ag-Li continuum models and below the RT/(F R_P) ~ 32 mA/cm2 bound of
    Singh 2022 (physics-facts section 3) [assumed]; Ea = 30 kJ/mol [assumed]."""
    return arrhenius_function(10.0, 30e3, 298.15)(T)


def silver_exsolution_exchange_current_density_Choi2025(T):
    """Ag+ reduction in Li(6-x)AgxPS5Cl [A.m-2]: 30 A/m2 at 333 K, calibrated so the 1 mA/cm2
    plateau of Fig. 2b sits at ~1.8 V; Ea = 40 kJ/mol [assumed]."""
    return arrhenius_function(30.0, 40e3, 333.15)(T)


def alloy_exchange_current_density_Choi2025(T):
    """Li-Ag alloying on exsolved seeds [A.m-2]: 30 A/m2 at 333 K, calibrated with the Choi phase
    table to T1 (0.51 mAh/cm2 at 0.005 V, Fig. 2b); Ea = 30 kJ/mol [assumed]."""
    return arrhenius_function(30.0, 30e3, 333.15)(T)


def lpscl_br_conductivity_Choi2025(T):
    """Li6PS5Cl0.5Br0.5 separator [S.m-1], see :func:`anodefree_sim.conductivity.lpscl_br_ionic_conductivity`."""
    return cond.lpscl_br_ionic_conductivity(T)


def get_parameter_values() -> dict:
    """Parameter values of Choi 2025 Cell B (Fig. 2b)."""
    values = {
        "chemistry": "lithium_ion",
        "citations": [CHOI2025, HUANG2024],
        # ---- cell and protocol
        # 13 mm PEEK mould (Methods): pi (6.5 mm)^2
        n.P_AREA: 1.327e-4,
        # 60 C (Fig. 2b)
        n.P_TEMPERATURE: 333.15,
        # 1.0 mA/cm2 (Fig. 2b) x area
        n.P_CURRENT: 1.327e-3,
        # Cell B first-discharge capacity 0.51 mAh/cm2 (Fig. 2b) x area: the 1C reference for C-rate
        # steps (PyBaMM also looks this key up on every solve)
        "Nominal cell capacity [A.h]": 0.51e-3 * 1.327,
        # ---- separator: Li6PS5Cl0.5Br0.5, "estimated to 700 um" (Methods)
        n.p_se_thickness(1): 700e-6,
        n.p_se_conductivity(1): lpscl_br_conductivity_Choi2025,
        # ---- doped layer Li(6-x)AgxPS5Cl
        # 10 um (Methods, Fig. 2a)
        n.P_DOPED_THICKNESS: 10e-6,
        # effective areal density 2.16 mg/cm2 over 10 um: 0.51 mAh/cm2 / 235.7 mAh/g (Fig. 2b)
        n.P_DOPED_DENSITY: 0.51 / 235.7 * 10 / 10e-6,  # g/cm2 -> kg/m2 is x10
        # x = 0.6 (Cell B)
        n.P_SILVER_CONTENT: 0.6,
        # Fig. 1f / Supp. Fig. 7b / Fig. 2e via anodefree_sim.conductivity
        n.P_DOPED_IONIC: cond.doped_argyrodite_ionic_conductivity,
        n.P_DOPED_IONIC_EXSOLVED: cond.exsolved_argyrodite_ionic_conductivity,
        n.P_DOPED_ELECTRONIC: cond.doped_argyrodite_electronic_conductivity,
        # 2.5e-3 S/cm after exsolution (Fig. 2e)
        n.P_DOPED_ELECTRONIC_EXSOLVED: cond.EXSOLVED_ELECTRONIC,
        # ---- exsolution
        # plateau at 1.8 V (Fig. 2b); DFT stability window 1.72-2.14 V (Fig. 2d)
        n.P_EXSOLUTION_OCP: 1.8,
        n.P_EXSOLUTION_J0: silver_exsolution_exchange_current_density_Choi2025,
        # percolation of the Ag network at 30 % exsolution, width 5 % [assumed]
        n.P_PERCOLATION_THRESHOLD: 0.3,
        n.P_PERCOLATION_WIDTH: 0.05,
        # electrons / Ag+ reach 0.5 um beyond the percolated region [assumed]
        n.P_ELECTRON_REACH: 0.5e-6,
        # ---- Li-Ag alloy (phase table calibrated to Fig. 2b/2c)
        n.p_alloy_j0("negative"): alloy_exchange_current_density_Choi2025,
        n.p_alloy_j0("counter"): alloy_exchange_current_density_Choi2025,
        # ---- plating
        n.p_plating_j0("negative"): li_plating_exchange_current_density_Choi2025,
        n.p_plating_j0("counter"): li_plating_exchange_current_density_Choi2025,
        # dead Li (submodels/plating.py): islands stranded as the plated layer thins below h_isl. One law
        # for half cells and the pouch, FITTED jointly (tools/calibrate_dead_lithium.py) to T4, a mean CE
        # of 99.7 % over 1000 plate/strip cycles of 1 mAh/cm2 at 60 C (Fig. 3a, x = 0.6, ~1.2 um of Li
        # metal per cycle, the rest through the alloy, which forms no dead Li), and T6, 95.0 % pouch
        # retention after 50 cycles at 60 C (Fig. 3h, ~27 um of Li per cycle): f_Ag = 0.029 at 60 C,
        # h_isl = 0.25 um (sub-um Li grains / islands); Ea in dead_lithium_fraction (30 C pouch)
        n.P_DEAD_FRACTION_SILVER: dead_lithium_fraction(0.029),
        n.P_DEAD_ISLAND_THICKNESS: 0.25e-6,
    }
    values.update(NUMERICS)
    values.update(STACK_PRESSURE)
    for e in n.ELECTRODES:
        values.update(electrode_defaults(e))
    values.update(
        {
            # OCV of Li | argyrodite | SUS before the first discharge (Fig. 2b point i) [assumed]
            n.p_initial_potential("negative"): 2.3,
            # bare SUS needs 10-100 mV to nucleate Li (physics-facts section 4) [assumed mid-range]
            n.p_substrate_nucleation("negative"): 0.05,
            # plating on bare SUS concentrates on 30 % of the area [assumed; sets the x = 0 CCD, Fig. 3b
            # "lower"]; Ag seeds make it uniform
            n.p_substrate_uniformity("negative"): 0.3,
            # bare SUS: lower CE than on Ag (Fig. 3a, x = 0; no number given) [assumed: Li plated on 30 % of
            # the area as islands strands more; 0.13 keeps the x = 0 CE at ~98 %]
            n.p_dead_fraction_bare("negative"): 0.13,
            # counter: 100 um Li foil (Methods); nucleation on Li 6 mV (Huang 2024 Fig. 5a)
            n.p_initial_plated("counter"): LI_FOIL_100UM,
            n.p_substrate_nucleation("counter"): 0.006,
        }
    )
    values.update(load_phase_table("choi2025").to_parameters())
    return values


#: Pouch full cell (Fig. 3h-i, Methods): 20 x 20 mm cathode
POUCH_AREA = 4.0e-4
#: NCM811 loading [kg.m-2]: 7.0 mAh/cm2 / 205 mAh/g = 34.1 mg/cm2 (Fig. 3i, 60 C); the Methods quote
#: "approximately 50 mg/cm2" for the cast electrode, which the 60 C cell's numbers do not support
POUCH_ACTIVE_LOADING = 7.0 / 205 * 10


#: NCM811 volume fraction of the pressed composite (see get_pouch_parameter_values)
POUCH_ACTIVE_FRACTION = 0.531
#: 30 C pouch: 7.8 mAh/cm2 / 198.1 mAh/g = 39.4 mg/cm2 of NCM811 (Supp. Fig. 20)
POUCH_ACTIVE_LOADING_30C = 7.8 / 198.1 * 10


def pouch_overrides(temperature_c: int) -> dict:
    """Parameter changes from the 60 C pouch (the set's default) to the cell tested at 30 or 60 C."""
    if temperature_c == 60:
        return {}
    if temperature_c != 30:
        raise ValueError(f"Choi 2025 tested pouches at 30 and 60 C, not {temperature_c} C")
    from anodefree_sim.parameter_sets._ncm811 import NCM811_DENSITY

    return {
        n.P_TEMPERATURE: 303.15,
        "Initial temperature [K]": 303.15,
        "Positive electrode thickness [m]": POUCH_ACTIVE_LOADING_30C / NCM811_DENSITY / POUCH_ACTIVE_FRACTION,
        "Nominal cell capacity [A.h]": 7.8e-3 * 4.0,
    }


def get_pouch_parameter_values() -> dict:
    """Choi 2025 pouch full cell: NCM811 | Li6PS5Cl0.5Br0.5 | Li5.4Ag0.6PS5Cl | SUS at 60 C, 2.0 MPa.

    Cathode composite NCM811:Li6PS5Cl:C65:NBR = 80:17:1.5:1.5 wt (Methods). Dense volume fractions
    with 4.75 / 1.87 / 1.9 / 1.0 g/cm3 (physics-facts 5-6; C65, NBR assumed) are 0.597 / 0.322 / 0.028 /
    0.053; with the 11 % porosity of the stack design (calibrated to T7, parameter_sets/choi2025_pouch.py)
    the NCM811 and electrolyte volume fractions are 0.531 and 0.287.
    The 35 um SE bilayer (Supp. Fig. 19) is split as in the stack design (parameter_sets/choi2025_pouch.py,
    in proportion to the as-cast 40 / 15 um layers [assumed split]): 25.45 um Li6PS5Cl0.5Br0.5 (PyBaMM's
    separator) and a 9.55 um doped layer.
    """
    from anodefree_sim.parameter_sets._ncm811 import ncm811_cathode
    from anodefree_sim.parameter_sets.choi2025_pouch import DOPED_THICKNESS, LPSCLBR_THICKNESS

    values = get_parameter_values()
    values.update(
        ncm811_cathode(
            active_loading=POUCH_ACTIVE_LOADING,
            active_volume_fraction=POUCH_ACTIVE_FRACTION,
            electrolyte_volume_fraction=0.287,
            separator_thickness=LPSCLBR_THICKNESS,
            area=POUCH_AREA,
        )
    )
    values.update(
        {
            n.P_AREA: POUCH_AREA,
            n.P_DOPED_THICKNESS: DOPED_THICKNESS,
            # 0.7 mA/cm2 (Fig. 3h-i) x area
            n.P_CURRENT: 0.7e-3 * 4.0,
            # 7.0 mAh/cm2 (Fig. 3i) x area: the 1C reference (Methods: 7.0 mA/cm2 = 1C)
            "Nominal cell capacity [A.h]": 7.0e-3 * 4.0,
            # 60 C (Fig. 3h)
            n.P_TEMPERATURE: 333.15,
            "Initial temperature [K]": 333.15,
        }
    )
    return values
