"""Values and helpers shared by the parameter sets (each value says where it comes from)."""

from __future__ import annotations

import pybamm

from anodefree_sim import _names as n

F = 96485.33212
R = 8.314462618

#: mol/m2 of Li in 1 mAh/cm2 (3.6 C/cm2 = 36000 C/m2)
MOL_PER_MAH_CM2 = 36000 / F


def arrhenius_function(value_ref: float, activation_energy: float, T_ref: float):
    """A function of T [K]: value_ref exp(-Ea / R (1/T - 1/T_ref)), Ea in J.mol-1."""

    def f(T):
        return value_ref * pybamm.exp(-activation_energy / R * (1 / T - 1 / T_ref))

    f.__name__ = f"arrhenius_{value_ref:g}_{activation_energy:g}"
    return f


def dead_lithium_fraction(f_ref: float, T_ref: float = 333.15, activation_energy: float = 29.5e3):
    """Dead-Li fraction of stripped Li on Ag seeds vs temperature [-]: f_ref at T_ref, rising at lower T
    as f_ref exp(Ea / R (1/T - 1/T_ref)). Ea = 29.5 kJ/mol is fitted (tools/calibrate_dead_lithium.py) to
    Choi 2025's pouch retention at 30 C (87.4 % after 50 cycles, Supp. Fig. 20) given the 60 C fit; of
    the order of the 37 kJ/mol of Li creep that resupplies the stripping interface (physics-facts 2)."""

    def f(T):
        return f_ref * pybamm.exp(activation_energy / R * (1 / T - 1 / T_ref))

    f.__name__ = f"dead_lithium_fraction_{f_ref:g}"
    return f


def j0_from_charge_transfer_resistance(R_ct: float, T: float) -> float:
    """Exchange-current density [A.m-2] from an area-specific charge-transfer resistance [Ohm.m2]:
    j0 = R T / (F R_ct) (linearised Butler-Volmer)."""
    return R * T / (F * R_ct)


#: Numerical regularisation and generic interface values used by both sets.
NUMERICS = {
    # DESIGN 2.7 regularisation: overpotentials saturate smoothly beyond this (numerics, not physics)
    n.P_ETA_MAX: 0.5,
    # reservoir size below which a branch switches off smoothly (~0.3 uAh/cm2; numerics)
    n.P_RESERVOIR_EPS: 1e-4,
    # symmetric charge transfer [assumed]
    n.P_TRANSFER_COEFFICIENT: 0.5,
    # Li molar volume 13.0 cm3/mol (physics-facts section 7; PyBaMM Xu2019 uses 1.3e-5)
    n.P_LI_MOLAR_VOLUME: 1.3e-5,
    # a ~50 nm Li film (0.01 mAh/cm2) covers the substrate and ends nucleation [assumed]
    n.P_NUCLEATION_CHARGE: 0.01 * MOL_PER_MAH_CM2,
    # ~10 nm of Ag (1e-3 mol/m2) covers the collector with lithiophilic seeds [assumed]
    n.P_SILVER_COVERAGE: 1e-3,
    # one-state hysteresis switches branch over ~0.1 in y [assumed]
    n.P_ALLOY_HYSTERESIS_RATE: 10.0,
    # safety window of half and symmetric cells vs the Li counter [assumed]: wide enough for the 2.3 V rest
    # of a pristine bilayer (Choi 2025 Methods) and for plating dips and ohmic drops at 10 mA/cm2, and
    # far outside every cut-off of the papers' protocols (0.005-2.3 V, Choi; +-0.1 V, Huang); full-cell
    # sets replace them with the cathode's window
    n.P_LOWER_VOLTAGE_CUTOFF: -1.0,
    n.P_UPPER_VOLTAGE_CUTOFF: 5.0,
    # 2 x the kinetic saturation: beyond it every reaction's rate is at its bound, so a surface potential
    # this far outside the span of its rest and equilibrium potentials means no reaction carries the
    # current (blocking electrode) [numerics]
    n.P_BLOCKING_MARGIN: 1.0,
}


#: Stack-pressure closure (submodels/stack_pressure.py); each value cites its source or says how it was set.
STACK_PRESSURE = {
    # interfacial resistance ~1 Ohm cm2 at 5 MPa for Li | argyrodite (0.8 Ohm cm2 microelectrode R_P,
    # Singh 2022; 5 Ohm cm2 full-cell interface at 60 C, Lee 2020; physics-facts section 3) [assumed]
    n.P_CONTACT_RESISTANCE: 1e-4,
    n.P_REFERENCE_PRESSURE: 5e6,
    # power-law creep of Li: n = 6.6 (LePage 2019 / Masias 2019 n = 6.56), Q = 37 kJ/mol [R, physics-facts
    # section 2]; the resupply velocity h A at 1 MPa and 25 C is calibrated, with the diffusion prefactor,
    # to Kasemchainan 2019: critical stripping current of Li | Li6PS5Cl 0.2 mA/cm2 at 3 MPa, 25 C (half of
    # the resupply by creep, half by diffusion)
    n.P_CREEP_LENGTH_RATE: 1.0e-13,
    n.P_CREEP_EXPONENT: 6.6,
    n.P_CREEP_ACTIVATION: 37e3,
    n.P_PRESSURE_REFERENCE_TEMPERATURE: 298.15,
    # v_0 exp(-0.295 eV / kT) = 1.35e-10 m/s at 25 C for pure Li (barrier: Huang 2024 Fig. 2f) [calibrated]
    n.P_RESUPPLY_DIFFUSION_PREFACTOR: 1.35e-10 * 9.70e4,
    n.P_LITHIUM_BARRIER: 0.295,
    # a 1 um void halves the contact [assumed]; numerical floor of the void thickness
    n.P_VOID_CONTACT_LENGTH: 1e-6,
    n.P_VOID_MINIMUM: 1e-9,
    # dendrite initiation at a local plating current density of 6.2 mA/cm2: calibrated so the Choi
    # bilayer (x = 0.6, uniform plating on Ag seeds, 20 MPa, 60 C) has a CCD of 6.0 mA/cm2 (Fig. 3b)
    n.P_CRITICAL_LOCAL_CURRENT: 62.0,
    # Li penetrates the electrolyte when plated under P > k G: k calibrated so that soft Li (G = 5.05 GPa)
    # shorts at 100 MPa but not at 10 MPa, and Li4Ag (6.34 GPa) / Li9Ag4 (15.3 GPa) do not at 100 MPa
    # (Huang 2024 Table 1 and Fig. S6)
    n.P_PENETRATION_FACTOR: 0.017,
    # Choi 2025 half cells "tightened at 20 MPa" (Methods)
    n.P_STACK_PRESSURE: 20e6,
}


def electrode_defaults(e: str) -> dict:
    """Per-electrode entries that every model needs, set to 'absent' (no Ag, no Li, no film)."""
    return {
        n.p_initial_silver(e): 0.0,
        n.p_initial_alloy_ratio(e): 0.0,
        n.p_initial_plated(e): 0.0,
        n.p_film_resistance(e): 0.0,
        # no interphase growth unless a parameter set gives one (option "interphase growth")
        n.p_film_growth(e): 0.0,
        # 20 uF/cm2, typical metal | electrolyte double layer (10-40 uF/cm2) [assumed]
        n.p_double_layer(e): 0.2,
        n.p_initial_potential(e): 0.0,
        n.p_dead_fraction_bare(e): 0.0,
        n.p_substrate_nucleation(e): 0.0,
        # Li-rich Li-Ag solid solution (Li9Ag, Huang 2024 Fig. 2f) where Ag seeds are present [assumed]
        n.p_alloy_migration_barrier(e): 0.104,
        # shear modulus of Li (Huang 2024 Table 1)
        n.p_shear_modulus(e): 5.054e9,
        # plating on Li metal or alloy is uniform; a bare collector is set per parameter set
        n.p_substrate_uniformity(e): 1.0,
    }
