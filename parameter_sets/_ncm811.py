"""NCM811 composite cathode with an argyrodite catholyte, as PyBaMM positive-electrode parameters.

The cathode reuses PyBaMM's own submodels (SPM / SPMe / DFN); the solid electrolyte is PyBaMM's
electrolyte phase with transference number 1 (single-ion conductor: no concentration gradients) and a
Bruggeman transport-efficiency correction (DESIGN section 2.6). Values: PyBaMM's Chen2020 NMC811 set
(O'Regan/Chen et al., J. Electrochem. Soc. 167 (2020) 080534) except where noted.
"""

from __future__ import annotations

from dataclasses import dataclass

import pybamm
from anodefree_sim.parameter_sets import conductivity as cond
from anodefree_sim.parameter_sets._ledger import (
    POSITIVE,
    Range,
    assumed,
    calibrated,
    derived,
    literature,
    paper,
)
from pybamm.input.parameters.lithium_ion.Chen2020 import (
    nmc_LGM50_electrolyte_exchange_current_density_Chen2020,
    nmc_LGM50_ocp_Chen2020,
)

from anodefree_sim import names as n
from anodefree_sim.citations import BIBTEX, CHOI2025

#: NCM811 crystal density [kg.m-3] (physics-facts section 6: 4.75-4.8 g/cm3)
NCM811_DENSITY = 4750.0
#: maximum Li concentration consistent with that density, 275.5 mAh/g (DESIGN 2.6) [mol.m-3]
NCM811_C_MAX = 49000.0
#: source string of the values taken from PyBaMM's Chen2020 set
CHEN2020 = "PyBaMM Chen2020 NMC811 (Chen et al., J. Electrochem. Soc. 167 (2020) 080534)"


def ncm811_particle_diffusivity(sto, T):
    """Li diffusivity in NCM811 [m2.s-1]: 4e-15 at 298 K (Chen2020), Ea = 30 kJ/mol [assumed], falling near
    full lithiation (the lithiation limit, see :data:`LITHIATION_LIMIT`):

        D = D_0(T) [1 - (1 - r) / (1 + exp(-(sto - s_d) / w))],

    with r the ratio of the diffusivity at full lithiation to D_0, s_d the stoichiometry of the drop and w its
    width (parameters ``P_POSITIVE_DIFFUSIVITY_*``; r = 1 leaves D = D_0 everywhere).
    """
    r = pybamm.Parameter(n.P_POSITIVE_DIFFUSIVITY_RATIO)
    s_d = pybamm.Parameter(n.P_POSITIVE_DIFFUSIVITY_DROP)
    w = pybamm.Parameter(n.P_POSITIVE_DIFFUSIVITY_DROP_WIDTH)
    D_0 = 4e-15 * pybamm.exp(-30e3 / pybamm.constants.R * (1 / T - 1 / 298.15))
    return D_0 * (1 - (1 - r) / (1 + pybamm.exp(-(sto - s_d) / w)))


#: Li fraction at which PyBaMM's Chen2020 OCP reaches 4.3 V (root of nmc_LGM50_ocp_Chen2020(s) = 4.3) [-]
CHEN2020_STO_AT_4V3 = 0.26134
#: Charge capacity of NCM811 vs Li to 4.3 V near equilibrium [mA.h.g-1]: 235, middle of the ~230-240 of the first
#: charge of NCM811 half cells at C/10-C/20 ([R]: recalled, not checked in the stored corpora; issue 12 quotes the
#: same range for NCM811 vs Li in sulfide cells), of the 275.5 mAh/g theoretical (physics-facts 6).
NCM811_CHARGE_CAPACITY_4V3 = 235.0


@dataclass(frozen=True)
class MappedOcp:
    """An OCP [V] of the Li fraction x of NCM811 (x = 1: LiNi0.8Co0.1Mn0.1O2, c_max of 275.5 mAh/g) from PyBaMM's
    Chen2020 NMC811 curve U_C(s) by a linear stoichiometry map that keeps full lithiation and puts 4.3 V at the
    measured charge capacity Q_4.3 (picklable):

        U(x) = U_C(1 - k (1 - x)),   k = (1 - s_4.3) / (Q_4.3 / Q_th),

    with s_4.3 = 0.2613 the Chen2020 stoichiometry at 4.3 V and Q_th = 275.5 mAh/g. Chen2020's stoichiometry is
    relative to a fitted c_max (63104 mol/m3, inconsistent with the crystal density, physics-facts 6); with
    x = c / 49000 mol/m3 its curve unmapped reaches 4.3 V after only 202 mAh/g. k = 1 is the unmapped curve.
    """

    charge_capacity_4v3: float = NCM811_CHARGE_CAPACITY_4V3
    theoretical_capacity: float = 275.5

    @property
    def k(self) -> float:
        return (1 - CHEN2020_STO_AT_4V3) / (self.charge_capacity_4v3 / self.theoretical_capacity)

    def __call__(self, sto):
        return nmc_LGM50_ocp_Chen2020(1 - self.k * (1 - sto))

    def __str__(self) -> str:
        return (f"Chen2020 NMC811 OCP, stoichiometry mapped to 4.3 V at {self.charge_capacity_4v3:g} of "
                f"{self.theoretical_capacity:g} mAh/g (k = {self.k:.4f})")


#: Lithiation limit of NCM811 in sulfide cells (issue 12): the Li that the first charge takes out cannot all go
#: back at practical rates because Li diffusion in the layered oxide slows by orders of magnitude as it nears
#: full lithiation; Kasnatscheew et al. (PCCP 18 (2016) 3956) show this first-cycle loss of NCM is kinetic (it
#: is recovered at low potential / low rate), as Robert & Novak (Chem. Mater. 30 (2018) 1907) show for NCA
#: (slow Li+ diffusion on discharge to 3.0 V; part of the loss regained by discharging to 2.14 V); in sulfide
#: cells it adds to an irrecoverable part from catholyte oxidation (Kim et al., Chem. Eng. J. 527 (2026) 171807).
#: First-cycle CE of NCM811 in sulfide cells: 85-90 % (physics-facts 6 [R], Koerver et al., Chem. Mater. 29
#: (2017) 5574; only its abstract was read: NCM-811 | beta-Li3PS4 cells lose capacity by interphase formation at
#: the cathode and by contact loss from the volume change, no first-cycle number in what was read).
#: r = 1e-2 [assumed: 'orders of magnitude', the lower end], w = 0.02 [assumed], and s_d = 0.791 CALIBRATED so
#: that the Choi pouch at 0.7 mA/cm2, 60 C, with the mapped OCP (:class:`MappedOcp`, 235 mAh/g to 4.3 V) has a
#: first-cycle CE of 87.5 % (middle of 85-90 %); the first discharge (T6b, T6c), the first CE at 30 C and at other
#: rates are then predicted. On by default in the Choi pouch (parameter_sets/choi2025.py); the generic NCM811
#: entries below (used by the Huang 2024 full cells) keep r = 1 and the unmapped Chen2020 OCP.
LITHIATION_LIMIT = {
    n.P_POSITIVE_DIFFUSIVITY_RATIO: 1e-2,
    n.P_POSITIVE_DIFFUSIVITY_DROP: 0.791,
    n.P_POSITIVE_DIFFUSIVITY_DROP_WIDTH: 0.02,
}

#: ledger source of the drop stoichiometry (names its target)
FIRST_CYCLE_CE_SOURCE = (
    "target: first-cycle CE 87.5 % (middle of the 85-90 % of NCM811 in sulfide cells, physics-facts 6, Koerver "
    "2017 [R]) of the Choi pouch at 0.7 mA/cm2, 60 C, with ratio 1e-2, width 0.02 and the mapped OCP (235 mAh/g "
    "to 4.3 V); tools/calibrate_inventory.py")


def lithiation_limit_entries() -> dict:
    """Ledger entries that switch the NCM811 lithiation limit on with the mapped OCP (:class:`MappedOcp`,
    :data:`LITHIATION_LIMIT`): the first-cycle loss of NCM811 in sulfide cells."""
    return {
        "Positive electrode OCP [V]": derived(
            MappedOcp(), CHEN2020 + ": NMC811 OCP with its stoichiometry mapped (MappedOcp) so that 4.3 V is at "
            f"{NCM811_CHARGE_CAPACITY_4V3:g} mAh/g ([R], NCM811 first charge vs Li) of the 275.5 mAh/g "
            "theoretical"),
        n.P_POSITIVE_DIFFUSIVITY_RATIO: assumed(
            LITHIATION_LIMIT[n.P_POSITIVE_DIFFUSIVITY_RATIO], "Li diffusivity in Ni-rich NCM falls by orders of "
            "magnitude near full lithiation (Kasnatscheew 2016, Robert & Novak 2018 [R]): the lower end, 1e-2",
            Range(0.0, 1.0, open_lo=True)),
        n.P_POSITIVE_DIFFUSIVITY_DROP: calibrated(LITHIATION_LIMIT[n.P_POSITIVE_DIFFUSIVITY_DROP],
                                                  FIRST_CYCLE_CE_SOURCE, Range(0.0, 1.0)),
        n.P_POSITIVE_DIFFUSIVITY_DROP_WIDTH: assumed(
            LITHIATION_LIMIT[n.P_POSITIVE_DIFFUSIVITY_DROP_WIDTH],
            "width of the diffusivity drop in stoichiometry", Range(0.0, 1.0, open_lo=True)),
    }


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
    """Ledger entries of an NCM811 | argyrodite composite cathode and separator (PyBaMM parameters).

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
    geometry = "from the electrode area (a square)"
    return {
        "Electrode width [m]": derived(side, geometry, POSITIVE),
        "Electrode height [m]": derived(side, geometry, POSITIVE),
        "Number of electrodes connected in parallel to make a cell": assumed(1.0, "single-layer cell", (1, 1000)),
        "Number of cells connected in series to make a battery": assumed(1.0, "single cell", (1, 1000)),
        "Positive electrode thickness [m]": derived(thickness, "NCM811 loading / density / volume fraction",
                                                    Range(0.0, 0.01, open_lo=True)),
        "Positive electrode active material volume fraction": derived(
            active_volume_fraction, "composite composition and porosity (see the parameter set)",
            Range(0.0, 1.0, open_lo=True)),
        "Positive electrode porosity": derived(electrolyte_volume_fraction,
                                               "catholyte fraction of the composite (see the parameter set)",
                                               Range(0.0, 1.0, open_lo=True)),
        "Positive electrode OCP [V]": literature(nmc_LGM50_ocp_Chen2020, CHEN2020 + ": NMC811 OCP"),
        "Positive electrode exchange-current density [A.m-2]": literature(
            nmc_LGM50_electrolyte_exchange_current_density_Chen2020,
            CHEN2020 + ": j0 = 3.42e-6 c_e^0.5 c_s^0.5 (c_max - c_s)^0.5, Ea = 17.8 kJ/mol"),
        "Maximum concentration in positive electrode [mol.m-3]": derived(
            NCM811_C_MAX, "275.5 mAh/g at 4.75 g/cm3 (DESIGN 2.6, physics-facts 6)", POSITIVE),
        "Initial concentration in positive electrode [mol.m-3]": derived(
            initial_stoichiometry * NCM811_C_MAX, f"{initial_stoichiometry:g} x maximum concentration: pristine, "
            "fully lithiated cathode [assumed stoichiometry]"),
        "Positive particle diffusivity [m2.s-1]": literature(
            ncm811_particle_diffusivity, CHEN2020 + ": 4e-15 m2/s at 298.15 K; Ea = 30 kJ/mol [assumed]"),
        n.P_POSITIVE_DIFFUSIVITY_RATIO: assumed(
            1.0, "1: no lithiation limit (default); LITHIATION_LIMIT switches it on with 1e-2 (Li diffusivity in "
            "Ni-rich NCM falls by orders of magnitude near full lithiation [R])", Range(0.0, 1.0, open_lo=True)),
        n.P_POSITIVE_DIFFUSIVITY_DROP: calibrated(
            LITHIATION_LIMIT[n.P_POSITIVE_DIFFUSIVITY_DROP], FIRST_CYCLE_CE_SOURCE + "; no effect at ratio 1",
            Range(0.0, 1.0)),
        n.P_POSITIVE_DIFFUSIVITY_DROP_WIDTH: assumed(0.02, "width of the diffusivity drop in stoichiometry",
                                                    Range(0.0, 1.0, open_lo=True)),
        "Positive particle radius [m]": literature(5.22e-6, CHEN2020, Range(0.0, 1e-3, open_lo=True)),
        "Positive electrode conductivity [S.m-1]": literature(0.18, CHEN2020, POSITIVE),
        "Positive electrode Bruggeman coefficient (electrolyte)": literature(1.5, CHEN2020 + " (Bruggeman)",
                                                                             (0.0, 10.0)),
        "Positive electrode Bruggeman coefficient (electrode)": assumed(
            0.0, "no tortuosity correction of the electronic path", (0.0, 10.0)),
        "Positive electrode charge transfer coefficient": literature(0.5, CHEN2020, Range(0.0, 1.0, True, True)),
        "Positive electrode double-layer capacity [F.m-2]": literature(0.2, CHEN2020, POSITIVE),
        "Positive electrode OCP entropic change [V.K-1]": assumed(0.0, "isothermal model: no entropic term",
                                                                  (-1e-3, 1e-3)),
        "Positive electrode density [kg.m-3]": literature(NCM811_DENSITY, "NCM811 4.75-4.8 g/cm3, physics-facts 6",
                                                          POSITIVE),
        "Positive current collector thickness [m]": assumed(12e-6, "Al foil, typical 12-20 um (Chen2020: 16)"),
        "Positive current collector conductivity [S.m-1]": literature(3.69e7, CHEN2020 + " (Al)", POSITIVE),
        "Negative current collector thickness [m]": assumed(10e-6, "SUS foil, as in choi2025_pouch.py"),
        "Negative current collector conductivity [S.m-1]": literature(
            1.4e6, "304 stainless steel, resistivity ~0.72 uOhm.m (handbook value)", POSITIVE),
        # the solid-electrolyte separator: all of its volume conducts Li+
        "Separator thickness [m]": derived(separator_thickness, "solid-electrolyte layer (see the parameter set)",
                                           Range(0.0, 0.1, open_lo=True)),
        "Separator porosity": assumed(1.0, "the solid-electrolyte separator: all of its volume conducts Li+",
                                      Range(0.0, 1.0, open_lo=True)),
        "Separator Bruggeman coefficient (electrolyte)": assumed(1.5, "Bruggeman exponent (DESIGN 2.6)",
                                                                 (0.0, 10.0)),
        "Initial concentration in electrolyte [mol.m-3]": assumed(
            1000.0, "single-ion conductor: a reference concentration with no effect (transference number 1)",
            POSITIVE),
        "Cation transference number": assumed(1.0, "single-ion solid electrolyte (DESIGN 2.6)", (0.0, 1.0)),
        "Thermodynamic factor": assumed(1.0, "ideal (no effect at transference number 1)", POSITIVE),
        "Electrolyte conductivity [S.m-1]": paper(argyrodite_electrolyte_conductivity,
                                                  "Li6PS5Cl, Choi Fig. 1f x = 0: 2.0 mS/cm at 293 K, 0.36 eV"),
        "Electrolyte diffusivity [m2.s-1]": assumed(_constant_diffusivity,
                                                    "1e-10 m2/s, irrelevant at transference number 1"),
        "Reference temperature [K]": literature(298.15, CHEN2020),
        "Lower voltage cut-off [V]": assumed(
            0.0, "model-wide safety event below the pristine ~1.2 V rest of the anode-free cell; protocols carry "
            "the 2.5 V cut-off", (-1.0, 6.0)),
        "Upper voltage cut-off [V]": assumed(4.6, "model-wide safety event above the 4.3 V protocol cut-off",
                                             (0.0, 6.0)),
        "Open-circuit voltage at 0% SOC [V]": paper(2.5, "Choi 2025 Methods / Huang 2024: 2.5 V lower cut-off",
                                                    (0.0, 6.0)),
        "Open-circuit voltage at 100% SOC [V]": paper(4.3, "Choi 2025 Methods: 4.3 V upper cut-off", (0.0, 6.0)),
        # Li metal reference entries PyBaMM's half-cell geometry still reads (no Li foil here)
        "Negative electrode thickness [m]": assumed(0.0, "anode-free: no Li foil (PyBaMM half-cell geometry)"),
        "Negative electrode conductivity [S.m-1]": literature(1.0e7, "Li metal ~1.1e7 S/m", POSITIVE),
        "Exchange-current density for lithium metal electrode [A.m-2]": assumed(
            1.0, "entry PyBaMM's half-cell geometry reads; not used by the anode-free models", POSITIVE),
        "Lithium metal partial molar volume [m3.mol-1]": literature(1.3e-5, "13.0 cm3/mol (physics-facts 7)",
                                                                    POSITIVE),
        # NMC811 OCP and kinetics from PyBaMM's Chen2020; the lithiation limit (LITHIATION_LIMIT)
        "citations": [CHOI2025, "Chen2020", BIBTEX["Kasnatscheew2016"], BIBTEX["Koerver2017"]],
    }
