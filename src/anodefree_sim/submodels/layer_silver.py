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
* a_src = availability of the layer's Ag not yet dissolved, n_net = n_ex - a_col - a_sep: bounds the uptake by the
  Ag the layer has (``n_ex`` is the exsolved Ag of the layer);
* h0 = 1 um: numerical floor of the film thickness (the relaxation time h^2 / 3 D is ~2 s at h0 and 60 C: a film
  thinner than h0 is saturated within seconds either way); it keeps the rate finite at h -> 0;
* the second term: Li that leaves the film (stripped, or stranded as dead Li) leaves its Ag behind at the face
  with the layer: the Ag goes back to the layer's Ag (never lost). Ag balance: lattice Ag + layer Ag (n_net) +
  a_col + a_sep = the layer's initial Ag.

Stated simplification: the Ag that moves into the Li is booked out of the layer's Ag (n_net) but the layer's
network is not thinned by it (its conductivity and alloy capacity follow the exsolved Ag, which stays): the Ag
comes back on stripping, and a distributed account of it is left for later. While 5 mAh/cm2 sit at the collector
> 90 % of the layer's Ag is in that Li, so this double-counts most of the Ag for the network's properties.

Stated assumptions (review, session 7), each an open choice that bears on the predicted CE:

* stranded (dead) Li returns its Ag to the layer, as stripped Li does. Islands cut off from the network would
  physically keep theirs: at ~0.02 Ag per Li, the ~3.2 mA.h.cm-2 of dead Li after Supp. Fig. 13's 150 cycles
  could hold ~0.025 of the layer's 0.04 mol.m-2 of Ag, which would lower the later coverage and raise the dead-Li
  fraction toward f_bare. The predicted 99.58 % is therefore an upper estimate under this choice;
* the coverage theta = a / (a + n_cov) below treats Ag dissolved through the film as if it were at the stripping
  face (n_cov ~ 10 nm of Ag): a bulk Ag/Li of ~5e-4 already gives theta = 0.5.

**Dead Li by place**, with the island-stranding law of the lumped option and its constants unchanged
(:func:`~.plating.stranding_fraction`: f_Ag(T), h_isl, f_bare; no new fit), applied where the Li is stripped:

* at the collector: coverage theta = a_col / (a_col + n_cov) from the Ag dissolved in that Li (item above) and
  thickness h = n_col V_Li, driving current the collector's stripping current;
* at the separator side: the same with a_sep and n_sep;
* inside the layer: local coverage theta(z) = L c_ex / (L c_ex + n_cov) of the network's Ag, and the Li confined
  to the pores: its islands are never thicker than the pore size (h = pore size), driving current the local
  stripping current density.

The dead Li leaves the plated Li of its place (its rate is subtracted in the layer model's balances) and is
summed into ``Negative dead lithium [mol.m-2]``.
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
        d_col = pybamm.Variable(n.COLLECTOR_DEAD_LITHIUM, scale=0.01)
        d_in = pybamm.Variable(n.INSIDE_DEAD_LITHIUM, scale=0.01)
        d_sep = pybamm.Variable(n.SEPARATOR_DEAD_LITHIUM, scale=0.01)
        return {
            n.SILVER_IN_COLLECTOR_LITHIUM: a_col,
            n.SILVER_IN_SEPARATOR_LITHIUM: a_sep,
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
        n_net = variables[n.EXSOLVED_SILVER] - a_col - a_sep
        source = availability(n_net, eps)

        # dead Li at the collector and at the separator side: coverage by the Ag dissolved in that Li
        strip_col = positive_part(-variables[n.COLLECTOR_PLATING_CURRENT], _J_SMOOTH) / F
        strip_sep = positive_part(-variables[n.SEPARATOR_PLATING_CURRENT], _J_SMOOTH) / F
        r_col = stranding_fraction(a_col / (a_col + n_cov), n_col * V_Li, T) * strip_col
        r_sep = stranding_fraction(a_sep / (a_sep + n_cov), n_sep * V_Li, T) * strip_sep
        # inside the layer: the network's local Ag, Li islands confined to the pores
        n_Ag_local = L * variables[n.LOCAL_EXSOLVED_CONCENTRATION]
        strip_in = positive_part(-variables[n.LOCAL_PLATING_RATE], _J_SMOOTH / L) / F
        f_in = stranding_fraction(n_Ag_local / (n_Ag_local + n_cov), pybamm.Parameter(n.P_LAYER_PORE_SIZE), T)
        r_in = f_in * strip_in

        # Ag taken up by each Li film, and left behind by the Li that leaves it (stripped or stranded)
        up_col = silver_uptake(n_col, a_col, source, T)
        up_sep = silver_uptake(n_sep, a_sep, source, T)
        back_col = (strip_col + r_col) * a_col / (n_col + _RATIO_EPS * eps)
        back_sep = (strip_sep + r_sep) * a_sep / (n_sep + _RATIO_EPS * eps)
        return {
            n.COLLECTOR_DEAD_RATE: r_col,
            n.SEPARATOR_DEAD_RATE: r_sep,
            n.LOCAL_DEAD_RATE: r_in,
            n.dead_lithium_rate("negative"): r_col + r_sep + layer_integral(r_in, L),
            n.NETWORK_SILVER: n_net,
            n.COLLECTOR_SILVER_RATIO: a_col / (n_col + eps),
            n.COLLECTOR_SILVER_RATE: up_col - back_col,
            n.SEPARATOR_SILVER_RATE: up_sep - back_sep,
        }

    def set_rhs(self, variables):
        L = pybamm.Parameter(n.P_DOPED_THICKNESS)
        self.rhs = {
            variables[n.SILVER_IN_COLLECTOR_LITHIUM]: variables[n.COLLECTOR_SILVER_RATE],
            variables[n.SILVER_IN_SEPARATOR_LITHIUM]: variables[n.SEPARATOR_SILVER_RATE],
            variables[n.COLLECTOR_DEAD_LITHIUM]: variables[n.COLLECTOR_DEAD_RATE],
            variables[n.INSIDE_DEAD_LITHIUM]: layer_integral(variables[n.LOCAL_DEAD_RATE], L),
            variables[n.SEPARATOR_DEAD_LITHIUM]: variables[n.SEPARATOR_DEAD_RATE],
        }

    def set_initial_conditions(self, variables):
        zero = pybamm.Scalar(0)
        self.initial_conditions = {
            variables[k]: zero
            for k in (n.SILVER_IN_COLLECTOR_LITHIUM, n.SILVER_IN_SEPARATOR_LITHIUM, n.COLLECTOR_DEAD_LITHIUM,
                      n.INSIDE_DEAD_LITHIUM, n.SEPARATOR_DEAD_LITHIUM)
        }
