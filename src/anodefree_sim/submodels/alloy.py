"""Li-Ag alloy staging on metallic Ag (DESIGN section 2.3).

Metallic Ag (exsolved seeds on the negative side, and/or an Ag foil) takes up Li: y = Li/Ag. The
open-circuit potential U(y) comes from a phase table (:mod:`anodefree_sim.phase_table`): flat
plateaus for two-phase regions, slopes inside single-phase regions, alpha -> beta -> gamma3 -> gamma2
-> gamma1 -> delta. Kinetics:

    j_al = j0_al(T) [a_c exp(-alpha f eta_s) - a_a exp((1-alpha) f eta_s)],  eta = E - U(y),

with a_c the availability of Ag sites (metallic Ag present and y below the table's maximum) and
a_a the availability of alloyed Li. Optional one-state hysteresis (after Plett 2004, as in PyBaMM's
"one-state hysteresis"): h in [-1, 1] relaxes toward -1 while lithiating and +1 while delithiating,

    dh/dt = kappa |dy/dt| (-tanh(j_al / j_s) - h),   U = (1-h)/2 U_lith(y) + (1+h)/2 U_delith(y).

Outputs: y, lever-rule phase fractions, alloy thickness n_Ag V(y) from the molar volumes
(Huang 2024 Fig. 1b), and the Li held in the alloy.
"""

from __future__ import annotations

import pybamm

from anodefree_sim import names as n
from anodefree_sim.citations import cite
from anodefree_sim.submodels.base import (
    FRACTION_SCALE,
    BaseElectrodeSubModel,
    F,
    availability,
    positive_part,
    smooth_abs,
)

#: current density scale of the hysteresis direction switch [A.m-2]
_J_SWITCH = 1e-2
#: rounding width of |j| in the hysteresis rate [A.m-2]: h only moves while the alloy reacts (the rate
#: is exactly 0 at j = 0), so it cannot drift at rest or when another reaction holds the potential
_J_FLOOR = 1e-6


def metallic_silver(electrode: str, variables: dict):
    """Metallic Ag [mol.m-2]: foil plus (on the negative side) exsolved Ag."""
    foil = pybamm.Parameter(n.p_initial_silver(electrode))
    if electrode == "negative":
        return foil + variables[n.EXSOLVED_SILVER]
    return foil


class NoAlloy(BaseElectrodeSubModel):
    """No alloying: the Ag present (if any) stays Li-free; zero alloy current."""

    def __init__(self, electrode: str = "negative"):
        super().__init__(electrode, name=f"no {electrode} lithium-silver alloy")

    def get_coupled_variables(self, variables):
        e = self.electrode
        zero = pybamm.Scalar(0)
        out = {
            n.silver(e): metallic_silver(e, variables),
            n.reaction_current(e, n.ALLOY): zero,
            n.alloy_lithium(e): zero,
            n.alloy_ratio(e): zero,
            n.alloy_thickness(e): zero,
        }
        out.update({n.phase_fraction(e, p): zero for p in n.PHASES})
        return out


class StagedAlloy(BaseElectrodeSubModel):
    """Li-Ag alloy with phase staging from a phase table, optionally with hysteresis."""

    def __init__(self, electrode: str = "negative", hysteresis: bool = False):
        super().__init__(electrode, name=f"staged {electrode} lithium-silver alloy")
        self.hysteresis = hysteresis
        # phase voltages and volumes (Huang 2024), phase diagram (Pelton 1986), one-state hysteresis (Plett 2015)
        cite("Huang2024", "Pelton1986", *(("Plett2015",) if hysteresis else ()))

    def get_fundamental_variables(self):
        e = self.electrode
        out = {n.alloy_lithium(e): pybamm.Variable(n.alloy_lithium(e), scale=0.1)}
        if self.hysteresis:
            out[n.alloy_hysteresis_state(e)] = pybamm.Variable(
                n.alloy_hysteresis_state(e), bounds=(-1, 1), scale=FRACTION_SCALE
            )
        return out

    def get_coupled_variables(self, variables):
        e = self.electrode
        eps = self.eps
        n_Ag = metallic_silver(e, variables)
        n_al = variables[n.alloy_lithium(e)]
        y = n_al / (n_Ag + eps)
        y_in = {"Lithium-to-silver ratio": y}
        U_l = pybamm.FunctionParameter(n.P_ALLOY_OCP_LITH, y_in)
        U_d = pybamm.FunctionParameter(n.P_ALLOY_OCP_DELITH, y_in)
        if self.hysteresis:
            h = variables[n.alloy_hysteresis_state(e)]
            U = (1 - h) / 2 * U_l + (1 + h) / 2 * U_d
        else:
            U = (U_l + U_d) / 2
        y_max = pybamm.Parameter(n.P_ALLOY_MAX_RATIO)
        room = positive_part(y_max - y, 1e-3)
        a_c = availability(n_Ag, eps) * room / (room + 1e-2)
        a_a = availability(n_al, eps)
        j0 = pybamm.FunctionParameter(n.p_alloy_j0(e), {"Temperature [K]": self.T})
        E = variables[n.surface_potential(e)]
        j = self.butler_volmer(j0, E - U, a_c, a_a)
        V_m = pybamm.FunctionParameter(n.P_ALLOY_MOLAR_VOLUME, y_in)
        out = {
            n.silver(e): n_Ag,
            n.alloy_ratio(e): y,
            n.alloy_ocp(e): U,
            n.reaction_current(e, n.ALLOY): j,
            n.alloy_thickness(e): n_Ag * V_m,
        }
        for p in n.PHASES:
            out[n.phase_fraction(e, p)] = pybamm.FunctionParameter(n.p_phase_fraction(p), y_in)
        return out

    def set_rhs(self, variables):
        e = self.electrode
        j = variables[n.reaction_current(e, n.ALLOY)]
        # minus the Li the interphase film takes from the alloy once no plated Li is left (interphase.py)
        self.rhs = {variables[n.alloy_lithium(e)]: j / F - variables[n.film_lithium_rate(e, "alloy")]}
        if self.hysteresis:
            h = variables[n.alloy_hysteresis_state(e)]
            kappa = pybamm.Parameter(n.P_ALLOY_HYSTERESIS_RATE)
            dy_dt = smooth_abs(j, _J_FLOOR) / F / (variables[n.silver(e)] + self.eps)
            self.rhs[h] = kappa * dy_dt * (-pybamm.tanh(j / _J_SWITCH) - h)

    def set_initial_conditions(self, variables):
        e = self.electrode
        y0 = pybamm.Parameter(n.p_initial_alloy_ratio(e))
        ics = {variables[n.alloy_lithium(e)]: y0 * pybamm.Parameter(n.p_initial_silver(e))}
        if self.hysteresis:
            ics[variables[n.alloy_hysteresis_state(e)]] = pybamm.Scalar(-1)
        self.initial_conditions = ics
