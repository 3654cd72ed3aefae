"""Stack pressure from contact mechanics, creep and vacancy transport (option ``"stack pressure": "mechanics"``).

DESIGN section 2.5; issue 13. One submodel per Li-holding electrode, giving the same output variables as
:class:`~anodefree_sim.submodels.stack_pressure.ContactStackPressure` (contact fraction, void thickness,
contact overpotential, local plating current density, short-circuit margin), so the cell needs no change.
Every parameter is in :data:`anodefree_sim.parameter_sets.li_mechanics.MECHANICS` with its source.

Physics (all rates vanish at zero current except creep closing voids under pressure):

* **Contact vs pressure** (plastic rough-surface contact, Bowden-Tabor; Greenwood-Williamson limit of
  fully plastic asperities, with Poisson overlap of the contact spots so that it saturates):
  phi_P = 1 - exp(-P_eff / H), H = c_T sigma_y (Tabor factor c_T = 3, bulk yield strength of Li
  sigma_y = 0.8 MPa, Masias 2019), P_eff = smooth max(P, P_assembly) (contact made at assembly persists).
* **Voids on stripping**. Stripping removes Li at v_s = i_strip V_Li / F. The vacancies this leaves at the
  contacts are carried into the metal by self-diffusion to sinks a distance l_v away, at most
  v_D = phi D*(T) / l_v per unit nominal area (D* the tracer self-diffusivity, Arrhenius; blended towards
  the Li-Ag alloy value by the Ag coverage). What diffusion cannot carry away accumulates as a void layer
  of mean thickness delta, which hides the interface: phi = phi_P exp(-delta / lambda) (exponential
  height distribution of the gap, the Greenwood-Williamson form). Power-law creep under the stack
  pressure closes voids at the rate of a void in a power-law viscous solid under a mean pressure P
  (Budiansky, Hutchinson & Slutsky 1982): d delta / dt = -(3/2) eps0 (3 P / (2 n sigma(delta)))^n delta,
  with the size-dependent strength of Li (Xu et al. PNAS 2017) at the void size,
  sigma(delta) = sigma_y + sigma_ref (d_ref / (delta + d_min))^m: small voids are strong and close slowly.
  Once voids form, the stack pressure rests on the remaining contact spots only, at a mean stress P / phi;
  the spots creep into the electrolyte like a flat punch indenting a power-law solid (effective stress
  P / (c_T phi), the Tabor constraint c_T = 3 of the contact law; size-dependent strength sigma(a)) and
  bring the metal to the interface at v_cs = a eps(P / (c_T phi), sigma(a), T) (1 - phi / phi_P)
  (zero at the void-free contact, where the pressure is carried at the hardness; Zhang et al. 2020's
  contact + creep picture; Zaman et al. 2023: Li creeps below its yield stress under stack pressure during
  stripping). The spots keep their number and shrink as the contact falls, a = a_s sqrt(phi / phi_P)
  (a_s = ``"Lithium contact spot size [m]"`` at the void-free contact, assumed 1 um, range 0.1-10 um, the
  roughness scale): the voids nucleate from the vacancies left at the contacts and grow inside the contact
  patches (Kasemchainan 2019), so each patch shrinks rather than whole patches vanishing. Shrinking spots
  are stronger (Xu 2017) and creep more slowly, so v_cs ~ phi^(1/2 - n (1 - m/2)) ~ phi^-3.9 instead of
  phi^-6.6, and the contact they hold falls by ~25x (3 MPa, 25 C: ~0.03 % instead of 0.8 %). With spots of
  a fixed 1 um (the Greenwood-Williamson limit of an exponential height distribution) they would reach their
  hardness P / phi = c_T sigma(1 um) at phi ~ 0.8 % whatever the current and hold the stripping
  overpotential at ~30 mV (0.3 mA/cm2, 3 MPa) where Kasemchainan 2019 saw it rise until the cell failed.
  Now above i_c the stripping overpotential rises with the stripped charge to ~0.75 V (0.3 mA/cm2, 3 MPa,
  over ~2 mAh/cm2) and from ~0.4 mA/cm2 the contact is lost. Caveat: at ~0.03 % contact the spots are ~20 nm
  across, far below Xu's 1-10 um pillars; their extrapolated strength (~2 GPa) exceeds Li's ideal strength
  (~G/10 ~ 0.4 GPa), which would cap it and raise the held contact several-fold (not modelled).
  Plating refills the voids (Kasemchainan 2019): Li metal is plated where the metal still touches the
  electrolyte (the void-free contact), and a share s of it (``"Plated lithium void refill share"``, assumed 1,
  range 0-1) flows sideways into the voids, weighted by the voided share of the interface 1 - phi / phi_P; the
  rest lifts the metal. Only the Li-metal plating current j_pl refills: the part of a lithiating current that
  alloys Ag or goes into exsolution leaves no Li metal to flow. Altogether
      d delta / dt = ramp(v_s - v_D(phi)) - k_creep(P, T, delta) delta - v_cs - s v_p (1 - phi / phi_P),
  with v_p = j_pl V_Li / F, so delta >= 0 by formulation (the right side is >= 0 at delta = 0, where
  phi = phi_P) and delta is constant at zero current and zero pressure.
  **The voids lie in the metal they were stripped from** and cannot be thicker than it: a stripped-out anode-free
  deposit (the pouch's plated Li, 0.7 um left under 8.2 um of voids at 30 C before this bound) leaves nothing to
  prop a gap open, and the stack pressure brings the collector side back onto the electrolyte (the electrode
  shrinks). With h the metal's thickness (the Li metal, plus the Li-Ag alloy for an alloy foil, not for the alloy
  of a doped layer, which lies on the electrolyte side of the voids) and r = delta / h, the void growth above is
  multiplied by 1 - r^4 and the voids shrink with the metal as it thins, by r^4 v_t
  with v_t = (-dh/dt)+ (stripping, stranding as dead Li, the interphase film; for an alloy foil Li's molar volume
  stands for the partial molar volume of Li in the alloy). Then h dr/dt = G (1 - r^4) + v_t (r - r^4) - (the
  closures), which vanishes at r = 1 from growth and thinning: delta <= h by formulation, and delta -> 0 as the
  metal runs out. The power 4 (assumed) confines the bound to voids near the metal's thickness: at r < 0.1 (a few
  um of voids in a 100 um foil) it changes the rates by < 1e-4. Above i_c = F phi_P D* / (V_Li l_v)
  voids grow; losing contact lowers v_D, so the growth runs away (the critical stripping current), unless
  creep closes the voids. Since the refill fades as the voids close, cycling above i_c leaves more voids each
  cycle (Kasemchainan's accumulation) until a plating shorts.
* **Contact resistance and current focusing**: eta_c = i R_c (1 / phi_net - 1) (R proportional to 1/contact,
  arXiv 2501.00600; zero at full contact, where the kinetics of the other submodels hold), with
  phi_net = phi + (phi_P - phi) s_b theta_ex: the exsolved Ag network of a doped layer (theta_ex its coverage
  from the exsolved Ag, 0 for an electrode without exsolution, such as a Li foil or a Li-Ag alloy foil) stays
  bonded to the electrolyte and filled with Li-Ag on stripping as on plating, so the current crosses the voided
  area through it in both directions. ASSUMED: Choi 2025 Fig. 3g shows Li-Ag in the layer's pores after
  stripping, not the network spanning a gap between the plated Li and the layer; s_b
  (``"Silver network void-bridging share"``, assumed 1, range 0-1) is the share of the voided area it bridges
  (0: the current reaches the electrolyte only at the metal's contact spots). With the pouch layer's Ag
  theta_ex ~ 0.976, so at s_b = 1 the bridging is nearly complete and the 30 C pouch (T6e) rests on it.
  The local plating current is i_loc = i_plate / (phi_pl u) with u the substrate plating uniformity (Ag seeds
  make it 1) and phi_pl = phi_net: Li is plated on the network across the voided area it bridges, so the
  plating current reaches the electrolyte over up to the void-free contact phi_P, not only where the metal
  still touches it. Only exsolved Ag bridges: the Ag of a Li-Ag alloy foil is part of the metal the voids form
  in (the void bound above), so a foil plates only on its contact spots, like a bare Li foil (its Ag still
  makes the plating uniform, u, and sets the self-diffusivity).
* **Shorts on plating**: Li plated into a surface flaw of size a of the electrolyte at the local current
  must be extruded by creep and carried away by stress-driven (Nabarro-Herring) diffusion before its
  pressure reaches the flaw's fracture pressure p_c = K_Ic / sqrt(pi a). The largest local current the
  flaw can take is i_crit = F / V_Li [a eps(dp, sigma(a)) + D* dp V_Li / (R T a)], dp = p_c - P since the Li
  is extruded against the stack pressure P (P >= p_c: a filled flaw cracks at any plating current); the event
  ``"<electrode> short circuit"`` fires when i_loc > i_crit once the flaws are full of Li metal: the local
  Li metal thickness h_pl / u must exceed the flaw size a (smooth step), so plating onto a bare collector,
  alloying or exsolution cannot short before there is Li metal to extrude. Voids left by stripping lower
  phi and so raise i_loc on the next plating (Kasemchainan 2019): the stripping history decides the short,
  at the start of the plating, before the plated Li has refilled the voids. No calibrated critical current.
* **Contact lost**: the event ``"<electrode> contact lost"`` ends a run once the contact overpotential
  |eta_c| exceeds eta_lost = 1.0 V (``"Contact overpotential at contact loss [V]"``). Since
  eta_c ~ R_c i / phi, the remaining contact spots then carry i / phi ~ eta_lost / R_c = 1.25 A/cm2, ~40x the
  largest exchange current density of Li | Li6PS5Cl and ~100x any measured critical current: no such contact
  exists, the electrode is out of contact. The void runaway past the critical stripping current is then
  reported as lost contact instead of running the voltage into the cells' safety window (+-1 V for half and
  symmetric cells, widened by PyBaMM's experiments to +-2 V / 6 V).
"""

from __future__ import annotations

import math

import pybamm

from anodefree_sim import names as n
from anodefree_sim.citations import cite
from anodefree_sim.submodels.base import (
    CURRENT_SMOOTHING,
    BaseElectrodeSubModel,
    F,
    R,
    arrhenius_factor,
    smooth_positive,
)

_J_SMOOTH = CURRENT_SMOOTHING  # [A.m-2], submodels.base


def ramp(x: pybamm.Symbol, width: float) -> pybamm.Symbol:
    """Smooth non-negative ramp: x^2 / sqrt(x^2 + w^2) * (1 + tanh(x / w)) / 2.

    Exactly zero at x = 0, ~x for x >> w and >= 0 everywhere (unlike ``smooth_positive``, which is w/2 at 0).
    """
    return x**2 / pybamm.sqrt(x**2 + width**2) * (1 + pybamm.tanh(x / width)) / 2


def lithium_strength(size: pybamm.Symbol) -> pybamm.Symbol:
    """Size-dependent strength of Li [Pa] at a length scale ``size`` [m] (Xu et al. PNAS 2017)."""
    return pybamm.Parameter(n.P_LI_YIELD_STRENGTH) + pybamm.Parameter(n.P_LI_STRENGTH_REFERENCE) * (
        pybamm.Parameter(n.P_LI_STRENGTH_SIZE) / size
    ) ** pybamm.Parameter(n.P_LI_STRENGTH_SIZE_EXPONENT)


def creep_rate(stress: pybamm.Symbol, strength: pybamm.Symbol, T: pybamm.Symbol) -> pybamm.Symbol:
    """Power-law creep strain rate [s-1]: eps0 (stress / strength)^n exp(-Q/R (1/T - 1/T_ref))."""
    return (
        pybamm.Parameter(n.P_LI_CREEP_REFERENCE_RATE)
        * (stress / strength) ** pybamm.Parameter(n.P_CREEP_EXPONENT)
        * arrhenius_factor(pybamm.Parameter(n.P_CREEP_ACTIVATION), T,
                           pybamm.Parameter(n.P_PRESSURE_REFERENCE_TEMPERATURE))
    )


def self_diffusivity(T: pybamm.Symbol, silver_coverage: pybamm.Symbol | float = 0) -> pybamm.Symbol:
    """Tracer self-diffusivity of Li [m2.s-1] in the metal, blended to the Li-Ag alloy by Ag coverage."""
    D_ref = pybamm.Parameter(n.P_LI_SELF_DIFFUSIVITY)
    D_ref = D_ref + (pybamm.Parameter(n.P_ALLOY_SELF_DIFFUSIVITY) - D_ref) * silver_coverage
    return D_ref * arrhenius_factor(pybamm.Parameter(n.P_LI_SELF_DIFFUSION_ACTIVATION), T,
                                    pybamm.Parameter(n.P_PRESSURE_REFERENCE_TEMPERATURE))


def flaw_critical_current(T: pybamm.Symbol, D: pybamm.Symbol,
                          pressure: pybamm.Symbol | None = None) -> pybamm.Symbol:
    """Largest plating current density [A.m-2] a surface flaw of the electrolyte can take before it cracks.

    Li plated into a flaw of size a must be extruded by creep and carried away by stress-driven diffusion
    (self-diffusivity ``D`` [m2.s-1]) before its pressure reaches the fracture pressure p_c = K_Ic / sqrt(pi a).
    It is extruded into the metal outside the flaw, which is at the stack pressure ``pressure`` P [Pa], so the
    driving pressure is only dp = p_c - P (P = None: 0):
    i_crit = F / V_Li [a eps(dp, sigma(a)) + D dp V_Li / (R T a)].
    At P >= p_c a flaw filled with Li cracks under the stack pressure alone (i_crit ~ 0): the penetration
    pressure of a metal that fills the flaws is p_c, from K_Ic and the flaw size, no fitted factor.
    """
    V_Li = pybamm.Parameter(n.P_LI_MOLAR_VOLUME)
    a = pybamm.Parameter(n.P_FLAW_SIZE)
    p_c = pybamm.Parameter(n.P_FRACTURE_TOUGHNESS) / pybamm.sqrt(math.pi * a)
    # smooth max(p_c - P, 0) with a floor of 5e-4 p_c, so that i_crit stays > 0 (the margin is a ratio)
    dp = p_c if pressure is None else smooth_positive(p_c - pressure, 1e-3 * p_c)
    v_flaw = a * creep_rate(dp, lithium_strength(a), T) + D * dp * V_Li / (R * T * a)
    return F / V_Li * v_flaw


def flaw_filling(h_local: pybamm.Symbol) -> pybamm.Symbol:
    """Fraction of the electrolyte's surface flaws filled with Li metal [-], a smooth step in the local Li metal
    thickness ``h_local`` [m] at the flaw size a (width a / 10; ~2e-9 at h = 0, 1/2 at h = a, 1 beyond).

    A flaw builds up no Li pressure while it is still filling: Li plated on a bare collector (or onto an
    alloy, or released by Ag exsolution) cannot be extruded before there is Li metal at least as thick as the
    flaw is deep at the contact. A Li foil electrode has it from the start.
    """
    a = pybamm.Parameter(n.P_FLAW_SIZE)
    return (1 + pybamm.tanh(10 * (h_local - a) / a)) / 2


def pressure_contact(P: pybamm.Symbol) -> pybamm.Symbol:
    """Plastic contact fraction 1 - exp(-P_eff / (c_T sigma_y)), P_eff = smooth max(P, P_assembly)."""
    P_a = pybamm.Parameter(n.P_ASSEMBLY_PRESSURE)
    P_eff = (P**8 + P_a**8) ** (1 / 8)
    H = pybamm.Parameter(n.P_TABOR_FACTOR) * pybamm.Parameter(n.P_LI_YIELD_STRENGTH)
    return 1 - pybamm.exp(-P_eff / H)


class MechanicsStackPressure(BaseElectrodeSubModel):
    """Contact from plastic asperity contact, voids from stripping vs vacancy diffusion and creep, shorts
    from Li extrusion out of electrolyte flaws (see the module docstring).

    Parameters
    ----------
    electrode : str
        ``"negative"`` or ``"counter"``.
    sign : int, optional
        +1 if a positive (discharge) current lithiates this electrode, -1 otherwise.
    """

    def __init__(self, electrode: str = "negative", sign: int | None = None, alloy_holds_voids: bool = True):
        super().__init__(electrode, name=f"{electrode} stack pressure (mechanics)", sign=sign)
        #: the electrode's Li-Ag alloy is part of the metal around the voids (an alloy foil), not a doped layer
        #: on the electrolyte side of them (module docstring, the void bound)
        self.alloy_holds_voids = alloy_holds_voids
        # yield and creep (Masias 2019, LePage 2019), size effect (Xu 2017), self-diffusion (Krauskopf 2019),
        # contact resistance (Singh 2022), calibration point (Kasemchainan 2019), rough contact (Zhang 2020)
        cite("Masias2019", "LePage2019", "Xu2017", "Krauskopf2019", "Singh2022", "Kasemchainan2019", "Zhang2020")

    def get_fundamental_variables(self):
        e = self.electrode
        delta = pybamm.Variable(n.void_thickness(e), scale=1e-6)
        P = pybamm.Parameter(n.P_STACK_PRESSURE)
        phi_P = pressure_contact(P)
        lam = pybamm.Parameter(n.P_ROUGHNESS_LENGTH)
        # delta >= 0 by formulation (exactly 0 until voids form), so phi = phi_P at a void-free interface
        phi = phi_P * pybamm.exp(-delta / lam)
        return {n.void_thickness(e): delta, n.pressure_contact_fraction(e): phi_P, n.contact_fraction(e): phi}

    def get_coupled_variables(self, variables):
        e = self.electrode
        T = self.T
        P = pybamm.Parameter(n.P_STACK_PRESSURE)
        V_Li = pybamm.Parameter(n.P_LI_MOLAR_VOLUME)
        phi = variables[n.contact_fraction(e)]
        delta_raw = variables[n.void_thickness(e)]
        delta = smooth_positive(delta_raw, 1e-12)
        i = variables[n.CURRENT_DENSITY]
        lithiating = self.sign * i
        plate = ramp(lithiating, _J_SMOOTH)
        strip = ramp(-lithiating, _J_SMOOTH)
        n_Ag = variables[n.silver(e)]
        theta_Ag = n_Ag / (n_Ag + pybamm.Parameter(n.P_SILVER_COVERAGE))
        D = self_diffusivity(T, theta_Ag)
        v_D = phi * D / pybamm.Parameter(n.P_VACANCY_SINK_DISTANCE)
        n_creep = pybamm.Parameter(n.P_CREEP_EXPONENT)
        d_min = pybamm.Parameter(n.P_VOID_MINIMUM)
        # Budiansky-Hutchinson-Slutsky closure of a void under mean pressure P in a power-law solid
        k_creep = 1.5 * creep_rate(3 * P / (2 * n_creep), lithium_strength(delta + d_min), T)
        i_crit = flaw_critical_current(T, D, P)
        u_bare = pybamm.Parameter(n.p_substrate_uniformity(e))
        uniformity = u_bare + (1 - u_bare) * theta_Ag
        phi_P = variables[n.pressure_contact_fraction(e)]
        # the exsolved Ag network of a doped layer stays bonded to the electrolyte on stripping too (Choi 2025
        # Fig. 3g shows Li-Ag in the layer's pores; that it spans the voids is ASSUMED, with the share s_b), so the
        # current crosses the voided area through it in both directions. Only exsolved Ag: the Ag of a Li-Ag foil
        # is part of the metal the voids form in (module docstring), it does not reach across them
        n_ex = variables[n.EXSOLVED_SILVER] if e == "negative" else pybamm.Scalar(0)
        theta_net = n_ex / (n_ex + pybamm.Parameter(n.P_SILVER_COVERAGE))
        bridged = (phi_P - phi) * pybamm.Parameter(n.P_SILVER_BRIDGING_SHARE) * theta_net
        # plating current spread over the contact plus the voided area the network bridges
        phi_pl = phi + bridged
        i_loc = plate / (phi_pl * uniformity)
        a_s = pybamm.Parameter(n.P_CONTACT_SPOT_SIZE)
        # flat-punch creep of the contact spots under P / phi; zero at the void-free contact phi = phi_P. The
        # factor (1 - phi / phi_P) is a closure (at phi = phi_P the power law is not zero), and v_cs is added to
        # the Budiansky void closure k_creep delta of the same voids: no argument excludes some double counting.
        # The spots keep their number, so they shrink with the contact (size a_s at the void-free contact)
        a_spot = a_s * pybamm.sqrt(phi / phi_P)
        v_cs = a_spot * creep_rate(P / (pybamm.Parameter(n.P_TABOR_FACTOR) * phi), lithium_strength(a_spot), T) * (
            1 - phi / phi_P)
        filled = flaw_filling(variables[n.plated_thickness(e)] / uniformity)
        R_c = pybamm.Parameter(n.P_FULL_CONTACT_RESISTANCE)
        phi_net = phi + bridged
        # plated Li metal flowing into the voids: zero at a void-free interface (phi = phi_P), restoring below it.
        # Only the Li-metal plating current refills; the part of a lithiating current that alloys Ag or goes into
        # exsolution leaves no Li metal to flow
        plate_metal = ramp(variables[n.reaction_current(e, n.PLATING)], _J_SMOOTH)
        refill = pybamm.Parameter(n.P_VOID_PLATING_REFILL) * plate_metal * V_Li / F * (1 - phi / phi_P)
        return {
            n.P_STACK_PRESSURE: P,
            n.stripping_velocity(e): strip * V_Li / F,
            n.vacancy_resupply_velocity(e): v_D,
            n.creep_velocity(e): k_creep * delta_raw,
            n.plating_refill_velocity(e): refill,
            n.contact_creep_velocity(e): v_cs,
            n.spread_contact_fraction(e): phi_pl,
            n.refill_velocity(e): v_D + k_creep * delta + v_cs + refill,
            n.local_current_density(e): i_loc,
            n.critical_local_current(e): i_crit,
            n.short_circuit_margin(e): 1 - filled * i_loc / i_crit,
            n.contact_overpotential(e): i * R_c * (1 / phi_net - 1),
        }

    def _metal(self, variables) -> tuple[pybamm.Symbol, pybamm.Symbol]:
        """Thickness h [m] of the metal around the voids and its rate of change dh/dt [m.s-1]."""
        e = self.electrode
        V_Li = pybamm.Parameter(n.P_LI_MOLAR_VOLUME)
        h = variables[n.plated_thickness(e)]
        # the plated Li's balance (submodels/plating.py): plating current, dead Li, interphase film
        dh = V_Li * (variables[n.reaction_current(e, n.PLATING)] / F - variables[n.dead_lithium_rate(e)]
                     - variables[n.film_lithium_rate(e, "plated")])
        if self.alloy_holds_voids:
            h = h + variables[n.alloy_thickness(e)]
            dh = dh + V_Li * (variables[n.reaction_current(e, n.ALLOY)] / F
                              - variables[n.film_lithium_rate(e, "alloy")])
        return h, dh

    def set_rhs(self, variables):
        e = self.electrode
        delta = variables[n.void_thickness(e)]
        excess = variables[n.stripping_velocity(e)] - variables[n.vacancy_resupply_velocity(e)]
        h, dh = self._metal(variables)
        h = smooth_positive(h, 1e-12)
        # the voids lie in the metal: growth stops as they reach its thickness, and they shrink with it as it thins
        r4 = (delta / h) ** 4
        room = 1 - r4
        collapse = r4 * ramp(-dh, 1e-13)
        # ramp width 1e-13 m/s ~ 1e-4 mA/cm2 of stripping current; creep is proportional to delta itself
        self.rhs = {delta: ramp(excess, 1e-13) * room - variables[n.creep_velocity(e)]
                    - variables[n.contact_creep_velocity(e)] - variables[n.plating_refill_velocity(e)] - collapse}

    def set_initial_conditions(self, variables):
        self.initial_conditions = {variables[n.void_thickness(self.electrode)]: pybamm.Scalar(0)}

    def add_events_from(self, variables):
        e = self.electrode
        # positive at t = 0 (no plating current yet); crosses zero when a flaw fills and cracks
        self.events.append(pybamm.Event(n.event_short_circuit(e), variables[n.short_circuit_margin(e)]))
        # 1 at zero current or full contact; crosses zero where |eta_c| reaches eta_lost
        eta = variables[n.contact_overpotential(e)] / pybamm.Parameter(n.P_CONTACT_LOSS_OVERPOTENTIAL)
        self.events.append(pybamm.Event(n.event_contact_lost(e), 1 - eta**2))
