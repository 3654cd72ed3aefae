"""Ag dissolved in the plated Li, and dead Li place by place, for the mixed-conducting layer (issue 12).

Companion of :class:`~.mixed_conductor.MixedConductorLayer` (option ``"silver exsolution": "mixed conductor"``),
which holds the plated Li at its three places (collector n_col, inside the layer c_in(z), separator side n_sep).

**Ag in the plated Li** (Choi 2025 Fig. 3f, Supp. Fig. 21b: Ag throughout the compact Li at the collector, a
Li-rich Li-Ag solid solution; Fig. 3g: on stripping the Ag stays in the layer). For the Li at the collector and at
the separator side, a_p [mol Ag.m-2] is the Ag dissolved in that Li (n_p [mol Li.m-2], thickness h = n_p V_Li).
It is fed from the layer's Ag through the face the Li film shares with the alloyed network, where the Li is
saturated (solubility s Ag per Li, the Li-rich boundary of the Li(Ag) | Li-rich alloy two-phase field). A film
fed on one face relaxes as the parabolic-profile (polynomial) approximation of diffusion in a slab,

    d a_p / dt = 3 D_Ag(T) (s n_p a_src - a_p) / (h^2 + h0^2)  -  (stripped + stranded Li rate) a_p / n_p,

* D_Ag(T): Ag diffusivity in Li (parameter, Arrhenius; ledger in parameter_sets/li_ag_transport.py);
* a_src = availability of the layer's Ag, n_net = n_ex - a_col - a_sep - a_dead: bounds the uptake by the Ag the
  layer has (``n_ex`` is the exsolved Ag of the layer, a_dead the Ag kept in the dead Li);
* h0 = 1 um: numerical floor of the film thickness (the relaxation time h^2 / 3 D is ~2 s at h0 and 60 C: a film
  thinner than h0 is saturated within seconds either way); it keeps the rate finite at h -> 0;
* the second term: Li that leaves a film takes its share of the film's Ag (the mean ratio a_p / n_p). Li that is
  stripped leaves it at the face with the layer: it goes back to the layer's Ag, bare (its alloy Li stays in the
  film and is stripped with it). Li stranded as dead Li keeps it (issue 12 item 1, session 8): islands cut off
  from the network hold their dissolved Ag, which is lost to the layer (``Negative silver kept in the dead
  lithium``). Dead Li strands at the end of a strip, where the thin film has re-saturated from the refilled
  layer (h^2 / 3 D ~ 2 s at 1 um), so it keeps ~0.05 Ag per Li, not the ~0.02 of the thick film: ~1.8 % of the
  layer's Ag per 5 mA.h.cm-2 cycle (Supp. Fig. 13 cycling); this ratio follows the assumed solubility s.
  The face of a film being stripped recedes at i V_Li / F (1.35e-9 m/s at 1 mA/cm2), which does not limit
  that refill: v h / D_Ag ~ 8e-3 for a 1 um film at 60 C (checked in session 9 after a review that put it ~1000x
  higher).

Ag balance: lattice Ag + layer Ag (n_net) + a_col + a_sep + Ag in the dead Li = the layer's initial Ag.

**The layer follows the Ag it holds** (issue 12 item 2, session 8): the network's alloy capacity (y_max c_net),
its alloy kinetics area and volume fraction, and the island law's coverage (below) count c_net = w c_ex, the Ag
left in the layer (w = n_net / n_ex, taken from the layer uniformly through its depth: a stated simplification; Ag
drawn first from the face near the collector is not resolved). Ag that dissolves into the Li takes its alloy Li
with it (n_al / n_net Li per Ag: the Li-rich alloy dissolves into Li metal as a Li(Ag) solid solution), so the
network's Li-to-Ag ratio is kept. While 5 mA.h.cm-2 sit at the collector > 99 % of the Ag is in that Li and the
network holds < 1 % of its alloy capacity. NOT its conductivities: they stay on the exsolved fraction. With them
the network falls below percolation while the Li sits at the collector, and the solve fails as the strip starts
(the collector's potential is closed on phi_s(0), set by an insulating first volume): stated, not resolved. Nor
the collector's nucleation and deposit-uniformity coverage (the short criterion's input, not this module's).

**Coverage of a stripping face** (issue 12 item 3, session 8): the island law's Ag coverage is that of the face
where the Li is stripped and its islands detach, the Li | layer face: the layer's Ag there, theta = L c_net /
(L c_net + n_cov) at z = 0 for the Li at the collector and at z = 1 for the Li at the separator side. The Ag
dissolved through the film is not counted: at <= 8 at.% in Li
it is a solid solution, not a lithiophilic Ag surface (n_cov ~ 10 nm of Ag), and the stripped Li's share of it
is counted as it comes back to the layer. The coverage is low (~0.04) while the Ag sits in a thick film and
comes back (~0.97) as the film is stripped, so the first strip's dead fraction lies between the Ag-covered and
the bare one. (Session 7 used a / (a + n_cov) of the film's bulk Ag, where a bulk Ag/Li of 5e-4 gave 0.5.)

**Dead Li by place**, with the island-stranding law of the lumped option and its constants unchanged
(:func:`~.plating.stranding_fraction`: f_Ag(T), h_isl, f_bare; no new fit), applied where the Li is stripped:

* at the collector: the coverage of its stripping face (above) and thickness h = n_col V_Li, driving current
  the collector's stripping current;
* at the separator side: the same with the face at z = 1 and n_sep;
* inside the layer: local coverage theta(z) = L c_net / (L c_net + n_cov) of the network's Ag, and the Li confined
  to the pores: its islands are never thicker than the pore size (h = pore size), driving current the local
  stripping current density.

The dead Li leaves the plated Li of its place (its rate is subtracted in the layer model's balances) and is
summed into ``Negative dead lithium [mol.m-2]``.

Alloy cycling (T4's 1 mA.h.cm-2 protocol, where the charge fits in the alloy and no Li metal plates after cycle
1) has no loss in this model (CE 100.0 %, test_t4_protocol_cycles_in_the_alloy_with_no_lithium_metal): no
per-cycle rate of Li trapping in Li-Ag on dealloying was found to ground one (session 8, issue 12 item 4).
"""

from __future__ import annotations

import pybamm

from anodefree_sim import names as n
from anodefree_sim.citations import cite
from anodefree_sim.submodels.base import CURRENT_SMOOTHING, BaseElectrodeSubModel, F, availability, positive_part
from anodefree_sim.submodels.mixed_conductor import _MAH_CM2, layer_integral
from anodefree_sim.submodels.plating import stranding_fraction

#: numerical floor of the thickness of a Li film taking up Ag [m] (see the module docstring)
_H_FLOOR = 1e-6
#: regularisation of the Ag-to-Li ratio of a film that is being emptied, in units of the reservoir size eps: the
#: Li that leaves takes a / (n + 1e-2 eps) of Ag with it, i.e. the film's ratio until it holds < ~1e-6 mol/m2 (with
#: eps itself, the ratio of the last ~1e-4 mol/m2 rose to 2.4x the solubility before the uptake term took it back)
_RATIO_EPS = 1e-2
_J_SMOOTH = CURRENT_SMOOTHING  # [A.m-2], submodels.base
#: corner width of the positive part of an Ag uptake rate [mol.m-2.s-1] (uptakes run at ~1e-6 while Li plates)
_UPTAKE_SMOOTH = 1e-12


def silver_uptake(n_li, a_ag, source, T):
    """Net Ag uptake of a Li film fed on one face [mol.m-2.s-1]: 3 D (s n_li source - a_ag) / (h^2 + h0^2).

    ``n_li`` the film's Li [mol.m-2], ``a_ag`` its Ag [mol.m-2], ``source`` the availability of the layer's Ag
    [-]; negative when the film holds more than the saturated amount (Ag goes back to the layer).
    """
    D = pybamm.FunctionParameter(n.P_SILVER_LITHIUM_DIFFUSIVITY, {"Temperature [K]": T})
    s = pybamm.Parameter(n.P_SILVER_LITHIUM_SOLUBILITY)
    h = n_li * pybamm.Parameter(n.P_LI_MOLAR_VOLUME)
    return 3 * D * (s * n_li * source - a_ag) / (h**2 + _H_FLOOR**2)


class LayerSilverAndDeadLithium(BaseElectrodeSubModel):
    """Ag dissolved in the Li at the collector and at the separator side; dead Li at the three places."""

    def __init__(self):
        super().__init__("negative", name="silver in plated lithium and dead lithium by place")
        # Li-rich Li-Ag solid solution in the plated Li (Choi 2025), tracer diffusion in Li (Mundy 1969),
        # dead Li as unreacted metallic Li (Fang 2019)
        cite("Choi2025", "Fang2019")

    def get_fundamental_variables(self):
        a_col = pybamm.Variable(n.SILVER_IN_COLLECTOR_LITHIUM, scale=0.01)
        a_sep = pybamm.Variable(n.SILVER_IN_SEPARATOR_LITHIUM, scale=0.01)
        a_dead = pybamm.Variable(n.SILVER_IN_DEAD_LITHIUM, scale=0.01)
        d_col = pybamm.Variable(n.COLLECTOR_DEAD_LITHIUM, scale=0.01)
        d_in = pybamm.Variable(n.INSIDE_DEAD_LITHIUM, scale=0.01)
        d_sep = pybamm.Variable(n.SEPARATOR_DEAD_LITHIUM, scale=0.01)
        return {
            n.SILVER_IN_COLLECTOR_LITHIUM: a_col,
            n.SILVER_IN_SEPARATOR_LITHIUM: a_sep,
            n.SILVER_IN_DEAD_LITHIUM: a_dead,
            n.COLLECTOR_DEAD_LITHIUM: d_col,
            n.INSIDE_DEAD_LITHIUM: d_in,
            n.SEPARATOR_DEAD_LITHIUM: d_sep,
            n.DEAD_AT_COLLECTOR: _MAH_CM2 * d_col,
            n.DEAD_INSIDE_LAYER: _MAH_CM2 * d_in,
            n.DEAD_AT_SEPARATOR: _MAH_CM2 * d_sep,
            n.dead_lithium("negative"): d_col + d_in + d_sep,
        }

    def get_coupled_variables(self, variables):
        T = self.T
        eps = self.eps
        L = pybamm.Parameter(n.P_DOPED_THICKNESS)
        V_Li = pybamm.Parameter(n.P_LI_MOLAR_VOLUME)
        n_cov = pybamm.Parameter(n.P_SILVER_COVERAGE)
        a_col = variables[n.SILVER_IN_COLLECTOR_LITHIUM]
        a_sep = variables[n.SILVER_IN_SEPARATOR_LITHIUM]
        n_col = variables[n.COLLECTOR_LITHIUM]
        n_sep = variables[n.SEPARATOR_LITHIUM]
        n_net = variables[n.NETWORK_SILVER]
        source = availability(n_net, eps)

        # dead Li at the collector and at the separator side: coverage by the layer's Ag at the stripping face
        strip_col = positive_part(-variables[n.COLLECTOR_PLATING_CURRENT], _J_SMOOTH) / F
        strip_sep = positive_part(-variables[n.SEPARATOR_PLATING_CURRENT], _J_SMOOTH) / F
        r_col = stranding_fraction(variables[n.COLLECTOR_SILVER_COVERAGE], n_col * V_Li, T) * strip_col
        r_sep = stranding_fraction(variables[n.SEPARATOR_SILVER_COVERAGE], n_sep * V_Li, T) * strip_sep
        # inside the layer: the network's local Ag, Li islands confined to the pores
        n_Ag_local = L * variables[n.LOCAL_NETWORK_SILVER]
        strip_in = positive_part(-variables[n.LOCAL_PLATING_RATE], _J_SMOOTH / L) / F
        f_in = stranding_fraction(n_Ag_local / (n_Ag_local + n_cov), pybamm.Parameter(n.P_LAYER_PORE_SIZE), T)
        r_in = f_in * strip_in

        # Ag taken up by each Li film; the Li that is stripped leaves its Ag at the face with the layer, the Li
        # stranded as dead Li keeps its Ag (both at the film's mean ratio)
        up_col = silver_uptake(n_col, a_col, source, T)
        up_sep = silver_uptake(n_sep, a_sep, source, T)
        ratio_col = a_col / (n_col + _RATIO_EPS * eps)
        ratio_sep = a_sep / (n_sep + _RATIO_EPS * eps)
        kept = r_col * ratio_col + r_sep * ratio_sep
        # the alloy Li of the Ag that dissolves goes into the Li with it (n_al / n_net Li per Ag); Ag that comes
        # back (stripping, or a film above its saturation) comes back bare
        n_al = variables[n.alloy_lithium("negative")]
        carry = 1 / (n_net + 1e-3 * eps)
        in_col = positive_part(up_col, _UPTAKE_SMOOTH)
        in_sep = positive_part(up_sep, _UPTAKE_SMOOTH)
        return {
            n.COLLECTOR_DEAD_RATE: r_col,
            n.SEPARATOR_DEAD_RATE: r_sep,
            n.LOCAL_DEAD_RATE: r_in,
            n.dead_lithium_rate("negative"): r_col + r_sep + layer_integral(r_in, L),
            n.COLLECTOR_SILVER_RATIO: a_col / (n_col + eps),
            n.COLLECTOR_SILVER_RATE: up_col - (strip_col + r_col) * ratio_col,
            n.SEPARATOR_SILVER_RATE: up_sep - (strip_sep + r_sep) * ratio_sep,
            n.DEAD_SILVER_RATE: kept,
            n.ALLOY_DISSOLUTION_FRACTION_RATE: (in_col + in_sep) * carry,
            n.COLLECTOR_ALLOY_LITHIUM_RATE: n_al * in_col * carry,
            n.SEPARATOR_ALLOY_LITHIUM_RATE: n_al * in_sep * carry,
        }

    def set_rhs(self, variables):
        L = pybamm.Parameter(n.P_DOPED_THICKNESS)
        self.rhs = {
            variables[n.SILVER_IN_COLLECTOR_LITHIUM]: variables[n.COLLECTOR_SILVER_RATE],
            variables[n.SILVER_IN_SEPARATOR_LITHIUM]: variables[n.SEPARATOR_SILVER_RATE],
            variables[n.SILVER_IN_DEAD_LITHIUM]: variables[n.DEAD_SILVER_RATE],
            variables[n.COLLECTOR_DEAD_LITHIUM]: variables[n.COLLECTOR_DEAD_RATE],
            variables[n.INSIDE_DEAD_LITHIUM]: layer_integral(variables[n.LOCAL_DEAD_RATE], L),
            variables[n.SEPARATOR_DEAD_LITHIUM]: variables[n.SEPARATOR_DEAD_RATE],
        }

    def set_initial_conditions(self, variables):
        zero = pybamm.Scalar(0)
        self.initial_conditions = {
            variables[k]: zero
            for k in (n.SILVER_IN_COLLECTOR_LITHIUM, n.SILVER_IN_SEPARATOR_LITHIUM, n.SILVER_IN_DEAD_LITHIUM,
                      n.COLLECTOR_DEAD_LITHIUM, n.INSIDE_DEAD_LITHIUM, n.SEPARATOR_DEAD_LITHIUM)
        }
