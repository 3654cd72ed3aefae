"""Values and helpers shared by the parameter sets (each value says where it comes from)."""

from __future__ import annotations

from dataclasses import dataclass

import pybamm
from anodefree_sim.parameter_sets._ledger import (
    POSITIVE,
    PRESSURE,
    Range,
    assumed,
    calibrated,
    derived,
    entry,
    literature,
    paper,
    values_of,
)

from anodefree_sim import names as n
from anodefree_sim.constants import MOL_PER_MAH_CM2, F, R, arrhenius_factor  # noqa: F401
from anodefree_sim.phase_table import load_phase_table


@dataclass(frozen=True)
class Arrhenius:
    """A picklable function of T [K]: value_ref exp(-Ea / R (1/T - 1/T_ref)), Ea in J.mol-1."""

    value_ref: float
    activation_energy: float
    T_ref: float

    def __call__(self, T):
        return self.value_ref * arrhenius_factor(self.activation_energy, T, self.T_ref)

    def __str__(self) -> str:
        return f"{self.value_ref:g} at {self.T_ref:g} K, Ea = {self.activation_energy / 1e3:g} kJ/mol"


def arrhenius_function(value_ref: float, activation_energy: float, T_ref: float) -> Arrhenius:
    """A function of T [K]: value_ref exp(-Ea / R (1/T - 1/T_ref)), Ea in J.mol-1 (picklable)."""
    return Arrhenius(value_ref, activation_energy, T_ref)


@dataclass(frozen=True)
class DeadLithiumFraction:
    """Dead-Li fraction of stripped Li on Ag seeds vs temperature [-] (picklable): f_ref at T_ref, rising
    at lower T as f_ref exp(Ea / R (1/T - 1/T_ref))."""

    f_ref: float
    T_ref: float = 333.15
    activation_energy: float = 29.5e3

    def __call__(self, T):
        return self.f_ref * pybamm.exp(self.activation_energy / R * (1 / T - 1 / self.T_ref))

    def __str__(self) -> str:
        return f"{self.f_ref:g} at {self.T_ref:g} K, Ea = -{self.activation_energy / 1e3:g} kJ/mol"


def dead_lithium_fraction(f_ref: float, T_ref: float = 333.15, activation_energy: float = 29.5e3):
    """Dead-Li fraction of stripped Li on Ag seeds vs temperature [-]: f_ref at T_ref, rising at lower T
    as f_ref exp(Ea / R (1/T - 1/T_ref)). Ea is fitted (tools/calibrate_dead_lithium.py) to Choi 2025's pouch
    retention at 30 C (87.4 % after 50 cycles, Supp. Fig. 20) given the 60 C fit: 17.6 kJ/mol with the NCM811
    first-cycle loss on (parameter_sets/choi2025.py; the Huang sets use the same law), 29.5 kJ/mol (the
    default of this function) without it; below the 37 kJ/mol of Li creep that resupplies the stripping
    interface (physics-facts 2)."""
    return DeadLithiumFraction(f_ref, T_ref, activation_energy)


#: Dead Li from the roughness of the plated Li (submodels/plating.py, issue 12), as overrides of the island law:
#: growth exponent 1/2 (random deposition, Barabasi & Stanley 1995) chosen before any comparison; h_isl = 10 nm
#: only caps the fraction of films thinner than that [assumed]; temperature dependence Ea = 37 kJ/mol of Li creep
#: (Masias et al. 2019, physics-facts 2nd stage [R]) [assumed: roughness relaxes by Li creep]; ONE fitted number,
#: f_Ag(60 C) = 0.0636, fitted to T4 (Choi Fig. 3a mean CE 99.7 %, x = 0.6, 1 mA/cm2, 1 mAh/cm2, 60 C; first cycle
#: + 999 x the steady one, as tools/calibrate_inventory.py). Predicted, not fitted, with the NCM811 first-cycle
#: loss of the Choi pouch (parameter_sets/_ncm811.py; its ~1 mAh/cm2 left on the negative is a Li reservoir that
#: the dead Li eats first): pouch retention after 50 cycles 100.0 % at 60 C (published 95.0 %, Fig. 3h) and
#: 84.2 % at 30 C (published 87.4 %, Supp. Fig. 20); without that loss it was 90.4 % and 69.8 %.
DEAD_LITHIUM_ROUGHNESS_F_AG = 0.0636
DEAD_LITHIUM_ROUGHNESS_ENTRIES = {
    n.P_DEAD_FRACTION_SILVER: calibrated(
        DeadLithiumFraction(DEAD_LITHIUM_ROUGHNESS_F_AG, 333.15, 37e3),
        "T4: Choi Fig. 3a mean CE 99.7 % over 1000 cycles (x = 0.6, 1 mA/cm2, 1 mAh/cm2, 60 C), f_Ag(60 C) = "
        "0.0636 (tools/calibrate_inventory.py); Ea = 37 kJ/mol of Li creep (Masias 2019 [R]) assumed, not fitted; "
        "T6d/T6e (pouch retention) predicted", Range(0.0, 1.0)),
    n.P_DEAD_ISLAND_THICKNESS: assumed(1e-8, "10 nm: only caps the dead fraction of films thinner than that",
                                       POSITIVE),
    n.P_DEAD_ROUGHNESS_EXPONENT: literature(
        0.5, "growth exponent 1/2 of random deposition (Barabasi & Stanley, Fractal Concepts in Surface Growth, "
        "1995), chosen before any comparison", Range(0.0, 1.0, open_hi=True)),
}
DEAD_LITHIUM_ROUGHNESS = values_of(DEAD_LITHIUM_ROUGHNESS_ENTRIES)

#: Dead Li, island law (submodels/plating.py, beta = 0) with ONE fitted number (issue 12, session 6), as overrides:
#: the film strands islands once it thins to its grain size, h_isl = 4 um, the average grain size of thin Li films
#: (ChemRxiv 2025, doi-less preprint 68e7b025dfd0d042d1a46fb5, abstract only [S abstract]: evaporated films 4 um vs
#: 55 um for thick coarse-grained films) [literature, of evaporated not plated Li]; temperature dependence
#: Ea = Q_creep / 2 = 18.5 kJ/mol (Li creep Q = 37 kJ/mol, Masias 2019 [R]: islands farther than a creep/diffusion
#: length ~ (D t)^1/2 from the connected film strand) [assumed; NOTE: this argument was chosen after the 3-constant
#: fit had given 17.6 kJ/mol, so T6e below is not an independent prediction]; f_Ag(60 C) = 0.01222 fitted to T4
#: (mean CE 99.7 %, tools/calibrate_inventory.py). Predicted with it (same tool): pouch retention
#: after 50 cycles 97.1 % at 60 C (published 95.0 +- 2.0, Fig. 3h) and 90.1 % at 30 C (87.4 +- 2.0, Supp. Fig. 20):
#: both just outside their tolerances, so the default stays the 3-constant fit (parameter_sets/choi2025.py). The
#: window is narrow: h_isl 3 um (Choi's 1-3 um particle size) gives 99.0 / 93.5 %, 5.3 um (the 3-constant fit)
#: 95.0 / 86.5 %, 10 um (the doped-layer thickness) 89.9 / 77.6 %; a constant fraction of the stripped Li
#: (h_isl -> infinity, f fitted to T4 = 0.0106) 72.7 % at 60 C.
DEAD_LITHIUM_ONE_FIT_F_AG = 0.01222
DEAD_LITHIUM_ONE_FIT_ISLAND = 4e-6
DEAD_LITHIUM_ONE_FIT_EA = 18.5e3
DEAD_LITHIUM_ONE_FIT_ENTRIES = {
    n.P_DEAD_FRACTION_SILVER: calibrated(
        DeadLithiumFraction(DEAD_LITHIUM_ONE_FIT_F_AG, 333.15, DEAD_LITHIUM_ONE_FIT_EA),
        "T4: Choi Fig. 3a mean CE 99.7 % over 1000 cycles (x = 0.6, 1 mA/cm2, 1 mAh/cm2, 60 C), f_Ag(60 C) = "
        f"{DEAD_LITHIUM_ONE_FIT_F_AG:g} (tools/calibrate_inventory.py); Ea = Q_creep / 2 = 18.5 kJ/mol (Li creep "
        "37 kJ/mol, Masias 2019 [R]) assumed after the 3-constant fit; T6d/T6e predicted (97.1 / 90.1 %, both "
        "outside tolerance)", Range(0.0, 1.0)),
    n.P_DEAD_ISLAND_THICKNESS: assumed(
        DEAD_LITHIUM_ONE_FIT_ISLAND, "4 um, assumed: the plated film strands islands as it thins to its grain "
        "size; the only pointer is an abstract without authors or title (ChemRxiv 2025 68e7b025dfd0d042d1a46fb5: "
        "average grain size of evaporated, not plated, Li films). Range from Choi's particle size (1-3 um) to the "
        "10 um doped layer", Range(1e-6, 1e-5)),
    n.P_DEAD_ROUGHNESS_EXPONENT: assumed(0.0, "0: island law", Range(0.0, 1.0, open_hi=True)),
}
DEAD_LITHIUM_ONE_FIT = values_of(DEAD_LITHIUM_ONE_FIT_ENTRIES)


@dataclass(frozen=True)
class Constant:
    """A picklable function of T [K] that returns a constant (temperature-independent rate)."""

    value: float

    def __call__(self, T):
        return self.value + 0 * T

    def __str__(self) -> str:
        return f"{self.value:g}, independent of T"


def j0_from_charge_transfer_resistance(R_ct: float, T: float) -> float:
    """Exchange-current density [A.m-2] from an area-specific charge-transfer resistance [Ohm.m2]:
    j0 = R T / (F R_ct) (linearised Butler-Volmer)."""
    return R * T / (F * R_ct)


#: Numerical regularisation and generic interface values used by both sets.
NUMERICS = {
    n.P_ETA_MAX: assumed(0.5, "numerical regularisation (DESIGN 2.7): overpotentials saturate smoothly beyond "
                         "this; not physics", Range(0.0, 5.0, open_lo=True)),
    n.P_RESERVOIR_EPS: assumed(1e-4, "numerics: reservoir size (~0.3 uAh/cm2) below which a branch switches "
                               "off smoothly", POSITIVE),
    n.P_TRANSFER_COEFFICIENT: assumed(0.5, "symmetric charge transfer", Range(0.0, 1.0, True, True)),
    n.P_LI_MOLAR_VOLUME: literature(1.3e-5, "Li molar volume 13.0 cm3/mol (physics-facts 7; PyBaMM Xu2019 "
                                    "uses 1.3e-5)", POSITIVE),
    n.P_NUCLEATION_CHARGE: assumed(0.01 * MOL_PER_MAH_CM2, "a ~50 nm Li film (0.01 mAh/cm2) covers the "
                                   "substrate and ends nucleation", POSITIVE),
    n.P_SILVER_COVERAGE: assumed(1e-3, "~10 nm of Ag (1e-3 mol/m2) covers the collector with lithiophilic "
                                 "seeds", POSITIVE),
    n.P_ALLOY_HYSTERESIS_RATE: assumed(10.0, "one-state hysteresis switches branch over ~0.1 in y", POSITIVE),
    n.P_LOWER_VOLTAGE_CUTOFF: assumed(-1.0, "safety window of half and symmetric cells vs the Li counter: wide "
                                      "enough for the 2.3 V rest of a pristine bilayer (Choi 2025 Methods) and "
                                      "plating dips and ohmic drops at 10 mA/cm2, far outside every cut-off of "
                                      "the papers' protocols; full-cell sets use the cathode's window",
                                      Range(-5.0, 5.0)),
    n.P_UPPER_VOLTAGE_CUTOFF: assumed(5.0, "safety window of half and symmetric cells (see the lower cut-off)",
                                      Range(-5.0, 10.0)),
    n.P_BLOCKING_MARGIN: assumed(1.0, "numerics: 2 x the kinetic saturation; a surface potential this far "
                                 "outside the span of its rest and equilibrium potentials means no reaction "
                                 "carries the current (blocking electrode)", POSITIVE),
}


#: Li | argyrodite interphase film (submodels/interphase.py): resistance -> thickness -> Li consumed.
#: Molar volumes from M / rho: Li2S 45.95 g/mol / 1.66 g/cm3 = 27.7, Li3P 51.8 / 1.43 = 36.2, LiCl 42.39 /
#: 2.07 = 20.5 cm3/mol; 5 Li2S + Li3P + LiCl = 195 cm3 per 8 Li consumed (Wenzel 2018 reaction).
FILM_LITHIUM_CONCENTRATION = 8 / ((5 * 45.95 / 1.66 + 51.8 / 1.43 + 42.39 / 2.07) * 1e-6)
INTERPHASE_FILM = {
    n.P_FILM_LITHIUM_CONCENTRATION: derived(
        FILM_LITHIUM_CONCENTRATION, "Li6PS5Cl + 8 Li -> 5 Li2S + Li3P + LiCl (Wenzel et al., Solid State Ionics "
        "318 (2018) 102): 8 mol Li per 195 cm3 of products (handbook densities of Li2S, Li3P, LiCl)", POSITIVE),
    n.P_FILM_CONDUCTIVITY: assumed(
        1e-5, "1e-7 S/cm: Li+ conduction of the Li2S / Li3P / LiCl interphase, between Li2S and LiCl (<= 1e-9 "
        "S/cm) and Li3P (~1e-4 S/cm), which forms ~19 vol% of it (Wenzel 2018); sets film thickness and Li "
        "per unit of film resistance, linearly", Range(0.0, 1e-1, open_lo=True, warn=(1e-9, 1e-2))),
}


#: Stack-pressure closure (submodels/stack_pressure.py); each value cites its source or says how it was set.
STACK_PRESSURE = {
    n.P_CONTACT_RESISTANCE: assumed(
        1e-4, "interfacial resistance ~1 Ohm cm2 at 5 MPa for Li | argyrodite, of the order of the 0.8 Ohm cm2 "
        "microelectrode R_P (Singh 2022) and 5 Ohm cm2 at 60 C (Lee 2020), physics-facts 3"),
    n.P_REFERENCE_PRESSURE: assumed(5e6, "pressure at which the contact resistance above holds", PRESSURE),
    n.P_CREEP_LENGTH_RATE: calibrated(
        1.0e-13, "target: Kasemchainan 2019 critical stripping current of Li | Li6PS5Cl 0.2 mA/cm2 at 3 MPa, "
        "25 C (half of the resupply by power-law creep, half by diffusion)", POSITIVE),
    n.P_CREEP_EXPONENT: literature(6.6, "power-law creep of Li, n = 6.56 (LePage 2019 / Masias 2019, "
                                   "physics-facts 2)", Range(1.0, 20.0)),
    n.P_CREEP_ACTIVATION: literature(37e3, "Li creep Q ~ 37 kJ/mol (Masias 2019 via physics-facts 2, tagged [R]: "
                                     "recalled, not checked)"),
    n.P_PRESSURE_REFERENCE_TEMPERATURE: derived(298.15, "25 C: temperature of the Kasemchainan 2019 data the "
                                                "creep and diffusion rates are calibrated at"),
    n.P_RESUPPLY_DIFFUSION_PREFACTOR: calibrated(
        1.35e-10 * 9.70e4, "target: Kasemchainan 2019 critical stripping current 0.2 mA/cm2 at 3 MPa, 25 C: "
        "v_0 exp(-0.295 eV / kT) = 1.35e-10 m/s at 25 C for pure Li", POSITIVE),
    n.P_LITHIUM_BARRIER: paper(0.295, "Li migration barrier in Li, Huang 2024 Fig. 2f (DFT)"),
    n.P_VOID_CONTACT_LENGTH: assumed(1e-6, "a 1 um void halves the contact", POSITIVE),
    n.P_VOID_MINIMUM: assumed(1e-9, "numerical floor of the void thickness", POSITIVE),
    n.P_CRITICAL_LOCAL_CURRENT: calibrated(
        62.0, "T5: Choi Fig. 3b CCD 6.0 mA/cm2 of the x = 0.6 bilayer (uniform plating on Ag seeds, 20 MPa, "
        "60 C). Used by the lumped option only (choi2025-ccd-lumped, the pressure maps, E2 Spencer-Jolly at "
        "2 MPa); no Choi target rests on it since choi2025-ccd runs the mixed-conducting layer, whose flaw "
        "criterion predicts T5a (7.5 mA/cm2, 2026-11-29)", POSITIVE),
    n.P_PENETRATION_FACTOR: calibrated(
        0.017, "target: Huang 2024 Table 1 / Fig. S6: soft Li (G = 5.05 GPa) shorts at 100 MPa but not at "
        "10 MPa, Li4Ag (6.34 GPa) and Li9Ag4 (15.3 GPa) not at 100 MPa (the 'contact' closure only; the targets "
        "E4/E5 are computed with 'mechanics', where the flaw size predicts them)", Range(0.0, 1.0, open_lo=True)),
    n.P_STACK_PRESSURE: paper(20e6, "Choi 2025 Methods: half cells tightened at 20 MPa", PRESSURE),
}


def electrode_defaults(e: str) -> dict:
    """Per-electrode entries that every model needs, set to 'absent' (no Ag, no Li, no film)."""
    absent = "default: absent unless the parameter set gives one"
    return {
        n.p_initial_silver(e): assumed(0.0, absent),
        n.p_initial_alloy_ratio(e): assumed(0.0, absent, Range(0.0, 12.0)),
        n.p_initial_plated(e): assumed(0.0, absent),
        n.p_film_resistance(e): assumed(0.0, absent),
        n.p_film_growth(e): assumed(0.0, "default: no interphase growth (option 'interphase growth')"),
        n.p_double_layer(e): assumed(0.2, "20 uF/cm2, typical metal | electrolyte double layer (10-40 uF/cm2)",
                                     POSITIVE),
        n.p_initial_potential(e): assumed(0.0, "default: at rest vs Li/Li+"),
        n.p_dead_fraction_bare(e): assumed(0.0, absent),
        n.p_substrate_nucleation(e): assumed(0.0, absent, Range(0.0, 1.0)),
        n.p_alloy_migration_barrier(e): assumed(
            0.104, "Li-rich Li-Ag solid solution (Li9Ag, Huang 2024 Fig. 2f) where Ag seeds are present"),
        n.p_shear_modulus(e): paper(5.054e9, "shear modulus of Li, Huang 2024 Table 1", Range(1e8, 1e12)),
        n.p_substrate_uniformity(e): assumed(1.0, "plating on Li metal or alloy is uniform; a bare collector is "
                                             "set per parameter set", Range(0.0, 1.0, open_lo=True)),
    }


def phase_table_entries(name: str, kind: str, source: str) -> dict:
    """Ledger entries of the Li-Ag phase-table parameters (OCP branches, molar volume, phase fractions)."""
    table = load_phase_table(name)
    return {
        key: entry(value, kind, source, Range(0.0, 1000.0) if key == n.P_ALLOY_MAX_RATIO else None)
        for key, value in table.to_parameters().items()
    }
