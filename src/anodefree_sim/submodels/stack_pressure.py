"""Stack pressure at a Li (or Li-alloy) | solid-electrolyte interface: contact, voids, creep, shorts.

DESIGN section 2.5. A documented closure, per electrode that holds Li metal:

* **Voids.** Stripping removes Li from the interface at v_s = j_strip V_Li / F [m.s-1]. Li is resupplied
  by power-law creep of the metal under the stack pressure concentrated on the remaining contact,
  v_c = h A (P / phi / 1 MPa)^n exp(-Q/R (1/T - 1/T_ref)) (n ~ 6.6, Q ~ 37 kJ/mol: LePage 2019,
  Masias 2019 via physics-facts section 2), and by diffusion of Li in the metal / Li-rich alloy,
  v_d = v_0 exp(-E_m / k_B T) with the migration barrier E_m of Li (0.295 eV) or, where Ag seeds are
  present, of the Li-Ag alloy (Huang 2024 Fig. 2f: 0.10-0.17 eV), blended by the Ag coverage.
  A void "thickness" delta grows when stripping outpaces resupply and is refilled by creep, diffusion
  and plating:
      d delta / dt = v_s - (v_c + v_d + v_p) delta / (|delta| + delta_min),
  so a steady small void exists below the critical stripping current and grows without bound above it;
  the refill vanishes at delta = 0 and is restoring below it, so the void cannot become negative.
* **Contact** phi = 1 / (1 + delta / delta_c); interfacial resistance R = R_0 (P_0 / P)^0.5 / phi
  (arXiv 2501.00600 via physics-facts section 3).
* **Local current and shorts.** Plating concentrates on the remaining contact and, on a bare
  (lithiophobic) substrate, on fewer nuclei: i_loc = j_plate / (phi u), u = u_sub + (1 - u_sub) theta_Ag
  with u_sub the substrate's own uniformity (bare SUS < 1; a Li foil 1) and Ag seeds making nucleation
  uniform (Choi 2025). A dendrite short is reported as the event
  "Short circuit" when i_loc exceeds the critical local current density, or when Li is plated under a
  stack pressure above the metal's penetration pressure P_pen = k G (soft Li vs stiffer Li-Ag alloys,
  shear moduli of Huang 2024 Table 1).
Pressure is ``"Stack pressure [Pa]"``, usable as a PyBaMM ``[input]`` (no rebuild for pressure sweeps).
"""

from __future__ import annotations

import pybamm

from anodefree_sim import names as n
from anodefree_sim.citations import cite
from anodefree_sim.submodels.base import CURRENT_SMOOTHING, BaseElectrodeSubModel, F, R, positive_part

_J_SMOOTH = CURRENT_SMOOTHING  # [A.m-2], submodels.base
#: rounding width of the void thickness at zero [m]
_VOID_SMOOTH = 1e-12


def creep_velocity(P_contact: pybamm.Symbol, T: pybamm.Symbol) -> pybamm.Symbol:
    """Creep resupply velocity [m.s-1] of the metal under the contact stress ``P_contact`` [Pa] at ``T`` [K]:
    v_c = v_c0 (P / 1 MPa)^n exp(-Q / R (1/T - 1/T_ref)) (the closure's one copy of the law, also evaluated by
    :func:`anodefree_sim.studies.ccd.critical_stripping_current`)."""
    T_ref = pybamm.Parameter(n.P_PRESSURE_REFERENCE_TEMPERATURE)
    return (
        pybamm.Parameter(n.P_CREEP_LENGTH_RATE)
        * (P_contact / 1e6) ** pybamm.Parameter(n.P_CREEP_EXPONENT)
        * pybamm.exp(-pybamm.Parameter(n.P_CREEP_ACTIVATION) / R * (1 / T - 1 / T_ref))
    )


def diffusion_velocity(T: pybamm.Symbol, silver_coverage: pybamm.Symbol | float, electrode: str) -> pybamm.Symbol:
    """Diffusion resupply velocity [m.s-1] at ``T`` [K]: v_0 exp(-E_m / k_B T), the migration barrier E_m that
    of pure Li, blended to the Li-(rich) Li-Ag alloy's by the Ag coverage (0 to 1) of the metal."""
    E_Li = pybamm.Parameter(n.P_LITHIUM_BARRIER)
    barrier = E_Li + (pybamm.Parameter(n.p_alloy_migration_barrier(electrode)) - E_Li) * silver_coverage
    return pybamm.Parameter(n.P_RESUPPLY_DIFFUSION_PREFACTOR) * pybamm.exp(-barrier * F / (R * T))


class NoStackPressure(BaseElectrodeSubModel):
    """Perfect contact: no voids, no contact resistance, no short-circuit event."""

    def __init__(self, electrode: str = "negative"):
        super().__init__(electrode, name=f"no {electrode} stack pressure")

    def get_fundamental_variables(self):
        e = self.electrode
        return {n.contact_overpotential(e): pybamm.Scalar(0), n.contact_fraction(e): pybamm.Scalar(1)}


class ContactStackPressure(BaseElectrodeSubModel):
    """Contact loss by voiding, creep and diffusion resupply, contact resistance and shorts."""

    def __init__(self, electrode: str = "negative"):
        super().__init__(electrode, name=f"{electrode} stack pressure (contact)")
        # creep of Li (Masias 2019, LePage 2019), calibration point (Kasemchainan 2019), moduli (Huang 2024)
        cite("Masias2019", "LePage2019", "Kasemchainan2019", "Huang2024")

    def get_fundamental_variables(self):
        e = self.electrode
        delta = pybamm.Variable(n.void_thickness(e), scale=1e-6)
        delta_c = pybamm.Parameter(n.P_VOID_CONTACT_LENGTH)
        phi = 1 / (1 + positive_part(delta, _VOID_SMOOTH) / delta_c)
        return {n.void_thickness(e): delta, n.contact_fraction(e): phi}

    def get_coupled_variables(self, variables):
        e = self.electrode
        T = self.T
        P = pybamm.Parameter(n.P_STACK_PRESSURE)
        phi = variables[n.contact_fraction(e)]
        j = variables[n.reaction_current(e, n.PLATING)]
        V_Li = pybamm.Parameter(n.P_LI_MOLAR_VOLUME)
        plate = positive_part(j, _J_SMOOTH)
        strip = positive_part(-j, _J_SMOOTH)
        creep = creep_velocity(P / phi, T)
        n_Ag = variables[n.silver(e)]
        theta_Ag = n_Ag / (n_Ag + pybamm.Parameter(n.P_SILVER_COVERAGE))
        diffusion = diffusion_velocity(T, theta_Ag, e)
        u_bare = pybamm.Parameter(n.p_substrate_uniformity(e))
        uniformity = u_bare + (1 - u_bare) * theta_Ag
        i_loc = plate / (phi * uniformity)
        P_pen = pybamm.Parameter(n.P_PENETRATION_FACTOR) * pybamm.Parameter(n.p_shear_modulus(e))
        penetration = positive_part((P - P_pen) / P_pen, 1e-3)
        R_int = pybamm.Parameter(n.P_CONTACT_RESISTANCE) * (pybamm.Parameter(n.P_REFERENCE_PRESSURE) / P) ** 0.5
        return {
            n.P_STACK_PRESSURE: P,
            n.creep_velocity(e): creep,
            n.stripping_velocity(e): strip * V_Li / F,
            n.refill_velocity(e): creep + diffusion + plate * V_Li / F,
            n.local_current_density(e): i_loc,
            n.short_circuit_margin(e): 1 - i_loc * (1 + 1e3 * penetration)
            / pybamm.Parameter(n.P_CRITICAL_LOCAL_CURRENT),
            n.contact_overpotential(e): variables[n.CURRENT_DENSITY] * R_int / phi,
        }

    def set_rhs(self, variables):
        e = self.electrode
        delta = variables[n.void_thickness(e)]
        delta_min = pybamm.Parameter(n.P_VOID_MINIMUM)
        # refill ~ delta / (|delta| + delta_min): zero at delta = 0 and restoring (positive) for delta < 0,
        # so the void cannot be refilled past zero however stiff the creep term (v / delta_min ~ 1e9 s-1
        # at 100 MPa) and however large the solver's step
        size = pybamm.sqrt(delta**2 + _VOID_SMOOTH**2)
        self.rhs = {
            delta: variables[n.stripping_velocity(e)]
            - variables[n.refill_velocity(e)] * delta / (size + delta_min)
        }

    def set_initial_conditions(self, variables):
        self.initial_conditions = {variables[n.void_thickness(self.electrode)]: pybamm.Scalar(0)}

    def add_events_from(self, variables):
        # positive at t = 0 (no plating current yet); crosses zero when a dendrite short forms
        self.events.append(pybamm.Event(
            n.event_short_circuit(self.electrode), variables[n.short_circuit_margin(self.electrode)]
        ))
