"""NCM811 composite cathode with an argyrodite catholyte, as PyBaMM positive-electrode parameters.

The cathode reuses PyBaMM's own submodels (SPM / SPMe / DFN); the solid electrolyte is PyBaMM's
electrolyte phase with transference number 1 (single-ion conductor: no concentration gradients) and a
Bruggeman transport-efficiency correction (DESIGN section 2.6). Values: PyBaMM's Chen2020 NMC811 set
(O'Regan/Chen et al., J. Electrochem. Soc. 167 (2020) 080534) except where noted.
"""

from __future__ import annotations

import pybamm
from pybamm.input.parameters.lithium_ion.Chen2020 import (
    nmc_LGM50_electrolyte_exchange_current_density_Chen2020,
    nmc_LGM50_ocp_Chen2020,
)

from anodefree_sim import conductivity as cond
from anodefree_sim.citations import CHOI2025

#: NCM811 crystal density [kg.m-3] (physics-facts section 6: 4.75-4.8 g/cm3)
NCM811_DENSITY = 4750.0
#: maximum Li concentration consistent with that density, 275.5 mAh/g (DESIGN 2.6) [mol.m-3]
NCM811_C_MAX = 49000.0


def ncm811_particle_diffusivity(sto, T):
    """Li diffusivity in NCM811 [m2.s-1]: 4e-15 at 298 K (Chen2020), Ea = 30 kJ/mol [assumed]."""
    return 4e-15 * pybamm.exp(-30e3 / pybamm.constants.R * (1 / T - 1 / 298.15)) + 0 * sto


def argyrodite_electrolyte_conductivity(c_e, T):
    """Catholyte/separator Li6PS5Cl conductivity [S.m-1] (Choi Fig. 1f x = 0), independent of c_e."""
    return cond.lpscl_ionic_conductivity(T) + 0 * c_e


def _constant_diffusivity(c_e, T):
    """Electrolyte 'diffusivity' [m2.s-1]; irrelevant for transference number 1 (no gradients)."""
    return 1e-10 + 0 * c_e * T


def ncm811_cathode(
    active_loading: float,
    active_volume_fraction: float,
    electrolyte_volume_fraction: float,
    separator_thickness: float,
    area: float,
    initial_stoichiometry: float = 0.995,
) -> dict:
    """PyBaMM parameters of an NCM811 | argyrodite composite cathode and separator.

    Parameters
    ----------
    active_loading : float
        NCM811 areal mass [kg.m-2].
    active_volume_fraction, electrolyte_volume_fraction : float
        Volume fractions of NCM811 and of solid electrolyte in the composite [-].
    separator_thickness : float
        Solid-electrolyte separator thickness handled by PyBaMM's separator domain [m].
    area : float
        Electrode area [m2] (a square of side sqrt(area)).
    initial_stoichiometry : float
        Li fraction of the pristine (discharged) cathode [-]; 0.995 [assumed]: fully lithiated,
        kept below 1 so that the exchange-current density (∝ sqrt(1 - x)) is not zero.
    """
    thickness = active_loading / NCM811_DENSITY / active_volume_fraction
    side = area**0.5
    return {
        "Electrode width [m]": side,
        "Electrode height [m]": side,
        "Number of electrodes connected in parallel to make a cell": 1.0,
        "Number of cells connected in series to make a battery": 1.0,
        "Positive electrode thickness [m]": thickness,
        "Positive electrode active material volume fraction": active_volume_fraction,
        "Positive electrode porosity": electrolyte_volume_fraction,
        "Positive electrode OCP [V]": nmc_LGM50_ocp_Chen2020,
        "Positive electrode exchange-current density [A.m-2]": (
            nmc_LGM50_electrolyte_exchange_current_density_Chen2020
        ),
        "Maximum concentration in positive electrode [mol.m-3]": NCM811_C_MAX,
        "Initial concentration in positive electrode [mol.m-3]": initial_stoichiometry * NCM811_C_MAX,
        "Positive particle diffusivity [m2.s-1]": ncm811_particle_diffusivity,
        "Positive particle radius [m]": 5.22e-6,
        "Positive electrode conductivity [S.m-1]": 0.18,
        "Positive electrode Bruggeman coefficient (electrolyte)": 1.5,
        "Positive electrode Bruggeman coefficient (electrode)": 0.0,
        "Positive electrode charge transfer coefficient": 0.5,
        "Positive electrode double-layer capacity [F.m-2]": 0.2,
        "Positive electrode OCP entropic change [V.K-1]": 0.0,
        "Positive electrode density [kg.m-3]": NCM811_DENSITY,
        "Positive current collector thickness [m]": 12e-6,
        "Positive current collector conductivity [S.m-1]": 3.69e7,
        "Negative current collector thickness [m]": 10e-6,
        "Negative current collector conductivity [S.m-1]": 1.4e6,
        # the solid-electrolyte separator: all of its volume conducts Li+
        "Separator thickness [m]": separator_thickness,
        "Separator porosity": 1.0,
        "Separator Bruggeman coefficient (electrolyte)": 1.5,
        "Initial concentration in electrolyte [mol.m-3]": 1000.0,
        "Cation transference number": 1.0,
        "Thermodynamic factor": 1.0,
        "Electrolyte conductivity [S.m-1]": argyrodite_electrolyte_conductivity,
        "Electrolyte diffusivity [m2.s-1]": _constant_diffusivity,
        "Reference temperature [K]": 298.15,
        # the pristine anode-free cell rests near 1.2 V (cathode ~3.5 V, bare collector ~2.3 V vs Li):
        # PyBaMM's model-wide safety event must sit below that; protocols carry the 2.5 V cut-off
        "Lower voltage cut-off [V]": 0.0,
        "Upper voltage cut-off [V]": 4.6,
        "Open-circuit voltage at 0% SOC [V]": 2.5,
        "Open-circuit voltage at 100% SOC [V]": 4.3,
        # Li metal reference entries PyBaMM's half-cell geometry still reads (no Li foil here)
        "Negative electrode thickness [m]": 0.0,
        "Negative electrode conductivity [S.m-1]": 1.0e7,
        "Exchange-current density for lithium metal electrode [A.m-2]": 1.0,
        "Lithium metal partial molar volume [m3.mol-1]": 1.3e-5,
        "citations": [CHOI2025],
    }
