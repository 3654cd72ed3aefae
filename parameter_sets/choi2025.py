"""Choi2025: Li | Li6PS5Cl0.5Br0.5 | Li(6-x)AgxPS5Cl | SUS half cells (Choi et al., Nat. Commun. 2025).

Every value cites a figure/table of Choi 2025 (doi 10.1038/s41467-025-61074-9) or another named
source, or says "assumed" / "calibrated to <target>". Defaults describe Cell B of Fig. 2b
(x = 0.6, 10 um doped layer, 700 um LPSClBr, 13 mm cell, 60 C).
"""

from __future__ import annotations

from anodefree_sim.parameter_sets import conductivity as cond
from anodefree_sim.parameter_sets._common import (
    INTERPHASE_FILM,
    NUMERICS,
    STACK_PRESSURE,
    Arrhenius,
    dead_lithium_fraction,
    electrode_defaults,
    phase_table_entries,
)
from anodefree_sim.parameter_sets._ledger import (
    POSITIVE,
    PRESSURE,
    Range,
    assumed,
    calibrated,
    complete,
    derived,
    literature,
    paper,
    values_of,
)
from anodefree_sim.parameter_sets.li_ag_transport import MIXED_CONDUCTOR_ENTRIES
from anodefree_sim.parameter_sets.li_mechanics import MECHANICS_ENTRIES

from anodefree_sim import names as n
from anodefree_sim.citations import CHOI2025, HUANG2024

#: Li foil of the counter electrode: 100 um (Choi Methods) / 13.0 cm3/mol
LI_FOIL_100UM = 100e-6 / 1.3e-5


#: Li | argyrodite exchange-current density [A.m-2]: 10 A/m2 (1 mA/cm2) at 298 K, inside the 1.3-13 mA/cm2
#: range of Ag-Li continuum models and below the RT/(F R_P) ~ 32 mA/cm2 bound of Singh 2022 (physics-facts 3)
#: [assumed]; Ea = 30 kJ/mol [assumed]
li_plating_exchange_current_density_Choi2025 = Arrhenius(10.0, 30e3, 298.15)
#: Ag+ reduction in Li(6-x)AgxPS5Cl [A.m-2]: 30 A/m2 at 333 K, calibrated so the 1 mA/cm2 plateau of Fig. 2b
#: sits at ~1.8 V (T1); Ea = 40 kJ/mol [assumed]
silver_exsolution_exchange_current_density_Choi2025 = Arrhenius(30.0, 40e3, 333.15)
#: Li-Ag alloying on exsolved seeds [A.m-2]: 30 A/m2 at 333 K, calibrated with the Choi phase table to T1
#: (0.51 mAh/cm2 at 0.005 V, Fig. 2b); Ea = 30 kJ/mol [assumed]
alloy_exchange_current_density_Choi2025 = Arrhenius(30.0, 30e3, 333.15)


def lpscl_br_conductivity_Choi2025(T):
    """Li6PS5Cl0.5Br0.5 separator [S.m-1], see
    :func:`anodefree_sim.parameter_sets.conductivity.lpscl_br_ionic_conductivity`."""
    return cond.lpscl_br_ionic_conductivity(T)


#: Dead-Li island law (submodels/plating.py), three constants fitted to three targets
#: (tools/calibrate_dead_lithium.py, with the NCM811 first-cycle loss of the pouch on): f_Ag(60 C) -> T4 (mean CE
#: 99.7 %), h_isl -> T6d (pouch retention 95.0 % at 60 C), Ea -> T6e (87.4 % at 30 C). Before that loss was on:
#: 0.029, 0.25 um, 29.5 kJ/mol.
DEAD_LITHIUM_F_AG = 0.01183
DEAD_LITHIUM_ISLAND = 5.3e-6
DEAD_LITHIUM_EA = 17.6e3

#: Ranges of the Choi / Huang inputs that the unit alone does not fix
THICKNESS = Range(0.0, 0.1)
AREA_RANGE = Range(0.0, 1.0, open_lo=True)
SILVER_CONTENT = Range(*cond.X_RANGE, warn=cond.X_PUBLISHED)


def doped_layer_entries(source: str = "Choi 2025") -> dict:
    """Conductivity functions of the doped layer Li(6-x)AgxPS5Cl (Choi 2025 data, used by every set)."""
    return {
        n.P_DOPED_IONIC: paper(cond.doped_argyrodite_ionic_conductivity,
                               "Choi 2025 Fig. 1f: sigma(x) at 293 K and Ea(x), linear in x (conductivity.py)"),
        n.P_DOPED_IONIC_EXSOLVED: paper(cond.exsolved_argyrodite_ionic_conductivity,
                                        "Choi 2025 Fig. 2e: ratio 1.0/1.3 mS/cm after/before exsolution (x = 0.6; "
                                        "assumed for other x)"),
        n.P_DOPED_ELECTRONIC: paper(cond.doped_argyrodite_electronic_conductivity,
                                    "Choi 2025 Supp. Fig. 7b: electronic conductivity vs x"),
        n.P_DOPED_ELECTRONIC_EXSOLVED: paper(cond.EXSOLVED_ELECTRONIC,
                                             "Choi 2025 Fig. 2e: 2.5e-3 S/cm after exsolution (x = 0.6; assumed "
                                             "for other x)"),
    }


def get_parameter_entries() -> dict:
    """Ledger entries (value, kind, source, range) of Choi 2025 Cell B (Fig. 2b)."""
    entries = {
        "chemistry": "lithium_ion",
        "citations": [CHOI2025, HUANG2024],
        # ---- cell and protocol
        n.P_AREA: paper(1.327e-4, "13 mm PEEK mould (Methods): pi (6.5 mm)^2", AREA_RANGE),
        n.P_TEMPERATURE: paper(333.15, "60 C (Fig. 2b)"),
        n.P_CURRENT: paper(1.327e-3, "1.0 mA/cm2 (Fig. 2b) x area", Range(-10.0, 10.0)),
        "Nominal cell capacity [A.h]": paper(
            0.51e-3 * 1.327, "Cell B first-discharge capacity 0.51 mAh/cm2 (Fig. 2b) x area: the 1C reference for "
            "C-rate steps", POSITIVE),
        # ---- separator: Li6PS5Cl0.5Br0.5
        n.p_se_thickness(1): paper(700e-6, "Li6PS5Cl0.5Br0.5 'estimated to 700 um' (Methods)", THICKNESS),
        n.p_se_conductivity(1): literature(
            lpscl_br_conductivity_Choi2025, "3.6 mS/cm at 298 K (Wang 2019, physics-facts 5) with Ea = 0.36 eV of "
            "Li6PS5Cl (Choi Fig. 1f x = 0) [assumed Ea]"),
        # ---- doped layer Li(6-x)AgxPS5Cl
        n.P_DOPED_THICKNESS: paper(10e-6, "10 um (Methods, Fig. 2a)", THICKNESS),
        n.P_DOPED_DENSITY: derived(0.51 / 235.7 * 10 / 10e-6,  # g/cm2 -> kg/m2 is x10
                                   "effective areal density 2.16 mg/cm2 over 10 um: 0.51 mAh/cm2 / 235.7 mAh/g "
                                   "(Fig. 2b)", Range(0.0, 2e4)),
        n.P_SILVER_CONTENT: paper(0.6, "x = 0.6 (Cell B, Fig. 2b)", SILVER_CONTENT),
        **doped_layer_entries(),
        # ---- exsolution
        n.P_EXSOLUTION_OCP: paper(1.8, "plateau at 1.8 V (Fig. 2b); DFT stability window 1.72-2.14 V (Fig. 2d)",
                                  Range(0.0, 5.0)),
        n.P_EXSOLUTION_J0: calibrated(silver_exsolution_exchange_current_density_Choi2025,
                                      "T1: plateau of Choi Fig. 2b at ~1.8 V at 1 mA/cm2; 30 A/m2 at 333.15 K, "
                                      "Ea = 40 kJ/mol [assumed]"),
        n.P_PERCOLATION_THRESHOLD: assumed(0.3, "Ag network percolates at 30 % exsolution", Range(0.0, 1.0)),
        n.P_PERCOLATION_WIDTH: assumed(0.05, "width of the percolation transition", Range(0.0, 1.0, open_lo=True)),
        n.P_ELECTRON_REACH: assumed(0.5e-6, "electrons / Ag+ reach 0.5 um beyond the percolated region", POSITIVE),
        # ---- Li-Ag alloy (phase table calibrated to Fig. 2b/2c)
        **{n.p_alloy_j0(e): calibrated(alloy_exchange_current_density_Choi2025,
                                       "T1: Choi Fig. 2b 0.51 mAh/cm2 at 0.005 V (with the Choi phase table); "
                                       "30 A/m2 at 333.15 K, Ea = 30 kJ/mol [assumed]")
           for e in ("negative", "counter")},
        # ---- plating
        **{n.p_plating_j0(e): assumed(li_plating_exchange_current_density_Choi2025,
                                      "10 A/m2 at 298.15 K, inside the 1.3-13 mA/cm2 of Ag-Li continuum models, "
                                      "below the RT/(F R_P) ~ 32 mA/cm2 bound of Singh 2022 (physics-facts 3); "
                                      "Ea = 30 kJ/mol")
           for e in ("negative", "counter")},
        # dead Li (submodels/plating.py): islands stranded as the plated layer thins below h_isl. One law for
        # half cells and the pouch, fitted jointly (tools/calibrate_dead_lithium.py) to T4 and T6, with the NCM811
        # first-cycle loss of the pouch on (its ~1 mAh/cm2 left on the negative is eaten by dead Li first)
        n.P_DEAD_FRACTION_SILVER: calibrated(
            dead_lithium_fraction(DEAD_LITHIUM_F_AG, activation_energy=DEAD_LITHIUM_EA),
            "T4: Choi Fig. 3a mean CE 99.7 % over 1000 cycles (x = 0.6, 60 C) and T6: pouch retention 95.0 % "
            f"(Fig. 3h, 60 C) and 87.4 % (Supp. Fig. 20, 30 C): {DEAD_LITHIUM_F_AG:g} at 333.15 K, Ea = "
            f"-{DEAD_LITHIUM_EA / 1e3:g} kJ/mol (tools/calibrate_dead_lithium.py)", Range(0.0, 1.0)),
        n.P_DEAD_ROUGHNESS_EXPONENT: assumed(
            0.0, "0: island law (T4/T6 fit); DEAD_LITHIUM_ROUGHNESS (parameter_sets/_common.py) sets the random-"
            "deposition value 1/2 with one fitted constant", Range(0.0, 1.0, open_hi=True)),
        n.P_DEAD_ISLAND_THICKNESS: calibrated(
            DEAD_LITHIUM_ISLAND, "T4 and T6 with the dead-Li fraction (tools/calibrate_dead_lithium.py): the dead "
            "fraction of the stripped Li falls off for plated films thicker than ~5 um", POSITIVE),
    }
    entries.update(NUMERICS)
    entries.update(INTERPHASE_FILM)
    entries.update(STACK_PRESSURE)
    # the 'mechanics' stack-pressure closure (literature Li mechanics; shared names keep the values above)
    entries.update({k: v for k, v in MECHANICS_ENTRIES.items() if k not in entries})
    entries.update(MIXED_CONDUCTOR_ENTRIES)
    for e in n.ELECTRODES:
        entries.update(electrode_defaults(e))
    entries.update(
        {
            n.p_initial_potential("negative"): assumed(
                2.3, "OCV of Li | argyrodite | SUS before the first discharge (Fig. 2b point i)"),
            n.p_substrate_nucleation("negative"): assumed(
                0.05, "bare SUS needs 10-100 mV to nucleate Li (physics-facts 4): mid-range", Range(0.0, 1.0)),
            n.p_substrate_uniformity("negative"): assumed(
                0.3, "plating on bare SUS concentrates on 30 % of the area (sets the x = 0 CCD, Fig. 3b 'lower')",
                Range(0.0, 1.0, open_lo=True)),
            n.p_dead_fraction_bare("negative"): assumed(
                0.025, "bare SUS: lower CE than on Ag (Fig. 3a x = 0, no number given); 0.025 keeps the x = 0 CE "
                "at ~98.3 % with the island thickness of the T4/T6 fit (0.13 with the former 0.25 um)",
                Range(0.0, 1.0)),
            n.p_initial_plated("counter"): paper(LI_FOIL_100UM, "100 um Li foil (Methods) / 13.0 cm3/mol"),
            n.p_substrate_nucleation("counter"): paper(0.006, "nucleation on Li 6 mV (Huang 2024 Fig. 5a)",
                                                       Range(0.0, 1.0)),
        }
    )
    entries.update(phase_table_entries(
        "choi2025", "calibrated",
        "T1: Choi Fig. 2b/2c (XRD phases at 0.12/0.04/0.005 V, 0.51 mAh/cm2 at 0.005 V), "
        "data/li_ag_phases_choi2025.csv"))
    return complete(entries)


def get_parameter_values() -> dict:
    """Parameter values of Choi 2025 Cell B (Fig. 2b)."""
    return values_of(get_parameter_entries())


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


def get_pouch_parameter_entries() -> dict:
    """Ledger entries of the Choi 2025 pouch full cell: NCM811 | Li6PS5Cl0.5Br0.5 | Li5.4Ag0.6PS5Cl | SUS at
    60 C, 2.0 MPa.

    Cathode composite NCM811:Li6PS5Cl:C65:NBR = 80:17:1.5:1.5 wt (Methods). Dense volume fractions
    with 4.75 / 1.87 / 1.9 / 1.0 g/cm3 (physics-facts 5-6; C65, NBR assumed) are 0.597 / 0.322 / 0.028 /
    0.053; with the 11 % porosity of the stack design (calibrated to T7, parameter_sets/choi2025_pouch.py)
    the NCM811 and electrolyte volume fractions are 0.531 and 0.287.
    The 35 um SE bilayer (Supp. Fig. 19) is split as in the stack design (parameter_sets/choi2025_pouch.py,
    in proportion to the as-cast 40 / 15 um layers [assumed split]): 25.45 um Li6PS5Cl0.5Br0.5 (PyBaMM's
    separator) and a 9.55 um doped layer.
    """
    from anodefree_sim.parameter_sets._ncm811 import lithiation_limit_entries, ncm811_cathode
    from anodefree_sim.parameter_sets.choi2025_pouch import DOPED_THICKNESS, LPSCLBR_THICKNESS

    entries = get_parameter_entries()
    entries.update(
        ncm811_cathode(
            active_loading=POUCH_ACTIVE_LOADING,
            active_volume_fraction=POUCH_ACTIVE_FRACTION,
            electrolyte_volume_fraction=0.287,
            separator_thickness=LPSCLBR_THICKNESS,
            area=POUCH_AREA,
        )
    )
    # NCM811 first-cycle loss in sulfide cells (issue 12): lithiation limit with the mapped OCP
    entries.update(lithiation_limit_entries())
    fractions = ("80:17:1.5:1.5 wt composite (Methods) with the 11 % porosity calibrated to T7 (1312 Wh/L, "
                 "parameter_sets/choi2025_pouch.py)")
    entries.update(
        {
            "Positive electrode active material volume fraction": calibrated(
                POUCH_ACTIVE_FRACTION, "T7: " + fractions, Range(0.0, 1.0, open_lo=True)),
            "Positive electrode porosity": calibrated(0.287, "T7: catholyte fraction of the " + fractions,
                                                      Range(0.0, 1.0, open_lo=True)),
            "Separator thickness [m]": assumed(
                LPSCLBR_THICKNESS, "Li6PS5Cl0.5Br0.5 part (40/55) of the 35 um bilayer (Supp. Fig. 19), split as "
                "the as-cast 40 / 15 um layers", Range(0.0, 0.1, open_lo=True)),
            n.P_AREA: paper(POUCH_AREA, "20 x 20 mm cathode (Methods)", AREA_RANGE),
            n.P_DOPED_THICKNESS: assumed(DOPED_THICKNESS, "doped part (15/55) of the 35 um bilayer (Supp. Fig. 19)"
                                        ", split as the as-cast 40 / 15 um layers", THICKNESS),
            n.P_CURRENT: paper(0.7e-3 * 4.0, "0.7 mA/cm2 (Fig. 3h-i) x area", Range(-10.0, 10.0)),
            "Nominal cell capacity [A.h]": paper(7.0e-3 * 4.0, "7.0 mAh/cm2 (Fig. 3i) x area: the 1C reference "
                                                 "(Methods: 7.0 mA/cm2 = 1C)", POSITIVE),
            n.P_TEMPERATURE: paper(333.15, "60 C (Fig. 3h)"),
            "Initial temperature [K]": paper(333.15, "60 C (Fig. 3h)"),
            n.P_STACK_PRESSURE: paper(2.0e6, "Choi 2025 pouch at 2.0 MPa (Methods, Fig. 3h)", PRESSURE),
        }
    )
    return complete(entries)


def get_pouch_parameter_values() -> dict:
    """Parameter values of the Choi 2025 pouch full cell (see :func:`get_pouch_parameter_entries`)."""
    return values_of(get_pouch_parameter_entries())
