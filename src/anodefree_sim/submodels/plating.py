"""Li plating and stripping on the collector / substrate, with nucleation and dead Li (DESIGN 2.4).

The plated inventory n_pl starts at zero on an anode-free electrode (or at the foil amount for a Li
counter electrode) and cannot go negative: the stripping branch draws on it through a smooth
availability factor. Equilibrium is 0 V vs Li/Li+, Butler-Volmer kinetics.

Nucleation (option ``nucleation="coverage"``): on a lithiophobic substrate plating needs an extra
overpotential eta_nuc (the equilibrium potential of the new Li phase is shifted to -eta_nuc while the
electrode is being plated) that vanishes as Li nuclei cover the surface,

    eta_nuc,eff = eta_sub (1 - theta_Ag) (1 - theta_n) w,  w = tanh((s i)+ / 0.01 A/m2),
    d theta_n / dt = [j+ (1 - theta_n) - j- theta_n] / (F n_nuc),
    theta_Ag = n_Ag / (n_Ag + n_cov),

so the voltage dips, then recovers after ~n_nuc of Li is plated; lithiophilic Ag / Li-Ag seeds
remove the barrier (Huang 2024: eta = 0, 0, 6 mV for Li4Ag, Li9Ag4, Li). Stripping consumes the
nuclei again, so the next plating onset nucleates afresh.

The state is the extended coverage X of Kolmogorov-Johnson-Mehl-Avrami (the nuclei's area per area counted
with their overlaps), theta_n = 1 - exp(-X), so theta_n < 1 for any X the solver returns: evolving theta_n
itself, at the coverage's solver resolution (1e-4, ``FRACTION_SCALE``), let it overshoot 1 by ~1e-4 while
plating held it at 1 (issue 13). The equation for X is the one above, exactly, with the bare fraction kept
above EPS = 1e-6 (theta_n -> 1 - EPS while plating, which bounds X by ln(1 / EPS) = 13.8 so that
exp(X) stays finite when stripping starts; the barrier left, EPS eta_sub, is < 1e-7 V):

    d theta_n / dt = [j+ (1 - EPS - theta_n) - j- theta_n] / (F n_nuc),
    d X / dt = [j+ (1 - EPS exp(X)) - j- (exp(X) - 1)] / (F n_nuc),   X(0) = 0.

Dead Li: while a thick plated layer is stripped it stays one connected film; as it thins to the size
of its grains / islands (thickness h_isl), stripping strands islands that lose electronic contact. A
fraction of the stripped Li becomes dead,

    f_dead = [f_Ag theta_Ag + f_bare (1 - theta_Ag)] h_isl / (h_isl + h),   h = n_pl V_Li,

so a strip from thickness h0 to 0 leaves f h_isl ln(1 + h0 / h_isl) of dead Li: nearly the same per
cycle for a thin (half-cell, ~1 um) and a thick (pouch, ~27 um) plated layer, unlike a constant
fraction of the stripped Li. With h_isl -> infinity this is the constant fraction, and the Coulombic
efficiency of a plate/strip cycle is 1 / (1 + f).

Roughness form (issue 12): with a growth exponent beta > 0,

    f_dead = [f_Ag theta_Ag + f_bare (1 - theta_Ag)] (h_isl / (h_isl + h))^(1 - beta),

a strip from h0 >> h_isl strands f h_isl^(1 - beta) h0^beta / beta: the Li left behind is the Li in the
rough front of the deposit, whose amplitude grows with the plated thickness as h0^beta (kinetic roughening,
Family-Vicsek scaling; beta = 1/2 for random deposition, Barabasi & Stanley, Fractal Concepts in Surface
Growth, 1995). beta = 0 is the island law above (its logarithm is the roughness of Edwards-Wilkinson growth
on a surface). For h0 >> h_isl the law has one constant, f h_isl^(1 - beta): h_isl only caps the fraction of
a film thinner than itself. Fang et al. (Nature 572 (2019) 511) found that unreacted metallic Li, not SEI
Li, dominates the inactive Li of Li metal anodes, which is what this counts (the SEI Li is the interphase
film of submodels/interphase.py).
"""

from __future__ import annotations

import pybamm

from anodefree_sim import names as n
from anodefree_sim.citations import cite
from anodefree_sim.submodels.base import (
    CURRENT_SMOOTHING,
    FRACTION_SCALE,
    BaseElectrodeSubModel,
    F,
    availability,
    positive_part,
    smooth_positive,
)

_J_SMOOTH = CURRENT_SMOOTHING  # [A.m-2], submodels.base
#: applied current density over which the nucleation barrier switches on when plating starts [A.m-2]
_J_DIRECTION = 1e-2
#: bare fraction of the substrate that plating leaves uncovered (module docstring): bounds the extended
#: coverage by ln(1 / EPS); numerical, its barrier EPS eta_sub is < 1e-7 V [-]
_BARE_FLOOR = 1e-6


def stranding_fraction(theta_Ag, thickness, T, electrode: str = "negative"):
    """Fraction of the stripped Li that is stranded as dead Li [-] (the island law of the module docstring).

    f = [f_Ag(T) theta_Ag + f_bare (1 - theta_Ag)] h_isl / (h_isl + h), times (h_isl / (h_isl + h))^-beta for
    the roughness form (exactly 1 at beta = 0), with ``theta_Ag`` the Ag coverage where the Li is stripped [-]
    and ``thickness`` h the thickness of the Li being stripped [m]. Shared by :class:`Plating` and the
    place-by-place dead Li of the mixed-conducting layer (:mod:`.layer_silver`).
    """
    f_Ag = pybamm.FunctionParameter(n.P_DEAD_FRACTION_SILVER, {"Temperature [K]": T})
    h_isl = pybamm.Parameter(n.P_DEAD_ISLAND_THICKNESS)
    h = smooth_positive(thickness, 1e-3 * h_isl)
    beta = pybamm.Parameter(n.P_DEAD_ROUGHNESS_EXPONENT)
    return (f_Ag * theta_Ag + pybamm.Parameter(n.p_dead_fraction_bare(electrode)) * (1 - theta_Ag)) * h_isl / (
        h_isl + h
    ) * (h_isl / (h_isl + h)) ** (-beta)


class NoPlating(BaseElectrodeSubModel):
    """No Li metal on this electrode: zero plating current and inventory."""

    def __init__(self, electrode: str = "negative"):
        super().__init__(electrode, name=f"no {electrode} lithium plating")

    def get_fundamental_variables(self):
        e = self.electrode
        zero = pybamm.Scalar(0)
        return {
            n.reaction_current(e, n.PLATING): zero,
            n.plated_lithium(e): zero,
            n.plated_thickness(e): zero,
            n.dead_lithium(e): zero,
            n.nucleation_overpotential(e): zero,
        }


class Plating(BaseElectrodeSubModel):
    """Li plating/stripping with dead Li, and optionally a nucleation barrier."""

    def __init__(self, electrode: str = "negative", nucleation: bool = True, sign=None):
        super().__init__(electrode, name=f"{electrode} lithium plating", sign=sign)
        self.nucleation = nucleation
        # nucleation barrier on Li vs Li-Ag (Huang 2024); bare-collector barrier and Ag seeds (Choi 2025)
        cite("Huang2024", "Choi2025", "Fang2019")

    def get_fundamental_variables(self):
        e = self.electrode
        n_pl = pybamm.Variable(n.plated_lithium(e), scale=0.1)
        V_Li = pybamm.Parameter(n.P_LI_MOLAR_VOLUME)
        out = {
            n.plated_lithium(e): n_pl,
            n.dead_lithium(e): pybamm.Variable(n.dead_lithium(e), scale=0.01),
            n.plated_thickness(e): n_pl * V_Li,
        }
        if self.nucleation:
            X = pybamm.Variable(n.extended_nucleation_coverage(e), scale=FRACTION_SCALE)
            out[n.extended_nucleation_coverage(e)] = X
            out[n.nucleation_coverage(e)] = 1 - pybamm.exp(-X)
        return out

    def get_coupled_variables(self, variables):
        e = self.electrode
        n_Ag = variables[n.silver(e)]
        theta_Ag = n_Ag / (n_Ag + pybamm.Parameter(n.P_SILVER_COVERAGE))
        if self.nucleation:
            theta_n = variables[n.nucleation_coverage(e)]
            eta_sub = pybamm.Parameter(n.p_substrate_nucleation(e))
            # 0 at rest and while stripping, -> 1 once plating: the barrier acts only on plating
            lithiating = positive_part(self.sign * variables[n.CURRENT_DENSITY], _J_DIRECTION)
            plating = pybamm.tanh(lithiating / _J_DIRECTION)
            eta_nuc = eta_sub * (1 - theta_Ag) * (1 - theta_n) * plating
        else:
            eta_nuc = pybamm.Scalar(0)
        E = variables[n.surface_potential(e)]
        j0 = pybamm.FunctionParameter(n.p_plating_j0(e), {"Temperature [K]": self.T})
        a_a = availability(variables[n.plated_lithium(e)], self.eps)
        j = self.butler_volmer(j0, E + eta_nuc, 1, a_a)
        f_dead = stranding_fraction(theta_Ag, variables[n.plated_thickness(e)], self.T, e)
        return {
            n.reaction_current(e, n.PLATING): j,
            n.nucleation_overpotential(e): eta_nuc,
            n.dead_lithium_rate(e): f_dead
            * positive_part(-j, _J_SMOOTH)
            / F,
        }

    def set_rhs(self, variables):
        e = self.electrode
        j = variables[n.reaction_current(e, n.PLATING)]
        r_dead = variables[n.dead_lithium_rate(e)]
        self.rhs = {
            # Li metal the interphase film consumes (submodels/interphase.py) leaves the plated Li too
            variables[n.plated_lithium(e)]: j / F - r_dead - variables[n.film_lithium_rate(e, "plated")],
            variables[n.dead_lithium(e)]: r_dead,
        }
        if self.nucleation:
            X = variables[n.extended_nucleation_coverage(e)]
            n_nuc = pybamm.Parameter(n.P_NUCLEATION_CHARGE)
            plate = positive_part(j, _J_SMOOTH)
            strip = positive_part(-j, _J_SMOOTH)
            # = d theta_n / dt / (1 - theta_n) of the module docstring, with exp(X) = 1 / (1 - theta_n)
            self.rhs[X] = (plate * (1 - _BARE_FLOOR * pybamm.exp(X)) - strip * (pybamm.exp(X) - 1)) / (F * n_nuc)

    def set_initial_conditions(self, variables):
        e = self.electrode
        ics = {
            variables[n.plated_lithium(e)]: pybamm.Parameter(n.p_initial_plated(e)),
            variables[n.dead_lithium(e)]: pybamm.Scalar(0),
        }
        if self.nucleation:
            ics[variables[n.extended_nucleation_coverage(e)]] = pybamm.Scalar(0)
        self.initial_conditions = ics
