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


def dead_lithium_fraction(f_ref: float, T_ref: float = 333.15, activation_energy: float = 34e3):
    """Dead-Li fraction of stripped Li on Ag seeds vs temperature [-]: f_ref at T_ref, rising at lower T
    as f_ref exp(Ea / R (1/T - 1/T_ref)). Ea = 34 kJ/mol calibrated to Choi 2025's pouch retention at
    60 and 30 C (95.0 % and 87.4 % after 50 cycles, Fig. 3h / Supp. Fig. 20); of the order of the
    37 kJ/mol of Li creep that resupplies the stripping interface (physics-facts section 2)."""

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
}


def electrode_defaults(e: str) -> dict:
    """Per-electrode entries that every model needs, set to 'absent' (no Ag, no Li, no film)."""
    return {
        n.p_initial_silver(e): 0.0,
        n.p_initial_alloy_ratio(e): 0.0,
        n.p_initial_plated(e): 0.0,
        n.p_film_resistance(e): 0.0,
        # 20 uF/cm2, typical metal | electrolyte double layer (10-40 uF/cm2) [assumed]
        n.p_double_layer(e): 0.2,
        n.p_initial_potential(e): 0.0,
        n.p_dead_fraction_bare(e): 0.0,
        n.p_substrate_nucleation(e): 0.0,
    }
