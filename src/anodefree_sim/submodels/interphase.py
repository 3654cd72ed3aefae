"""Interphase (SEI) film at the Li / Li-Ag | solid-electrolyte interface: resistance and its growth.

DESIGN sections 2.4 and 2.6. Li metal and Li-rich Li-Ag alloys reduce argyrodite sulfides; the
reaction products form an interphase film whose area-specific resistance R_f adds an ohmic drop
i R_f at the interface. Its initial value is the measured R_SEI (Huang 2024 Table S7, EIS of symmetric
cells). With option ``"interphase growth": "throughput"`` the film grows with the charge passed
through the interface, because plating and stripping expose fresh metal to the electrolyte
(Huang 2024 Introduction: continuous SEI formation on Li "increases the interfacial impedance"):

    dR_f / dt = k_f |i|,      R_f(0) = R_f,0,

with i the current density through the interface [A.m-2] and k_f the growth coefficient
[Ohm.m2 per C.m-2] of the anode material: larger for more reactive, Li-richer anodes (Huang 2024
Fig. 1d: the reaction energy with the electrolyte grows more negative with the Li content), and
larger when plating/stripping reshapes the surface (Li metal) than when Li moves in and out of an
alloy. The growth is taken independent of temperature (all Huang 2024 data are at 25 C).

The film is made of Li: Li metal reduces the argyrodite, Li6PS5Cl + 8 Li -> 5 Li2S + Li3P + LiCl
(Wenzel et al., Solid State Ionics 318 (2018) 102), so the same growth consumes Li. A film of ionic
conductivity sigma_f whose resistance grew by R_f - R_f,0 is (R_f - R_f,0) sigma_f thick, and holds

    n_film = c_film sigma_f (R_f - R_f,0),     dn_film/dt = c_film sigma_f k_f |i| (while metal is there),

with c_film the Li metal consumed per film volume (8 Li per 5 Li2S + Li3P + LiCl, 195 cm3: 4.1e4
mol/m3). The Li is taken from the plated Li first (the most reactive, Huang 2024 Fig. 1d) and from the
alloy once no plated Li is left, through the availability factors of those reservoirs: an electrode with
neither (a bare collector) grows no film Li, and no reservoir goes negative. ``n_film`` is its own
output, and the Li balances of the cells (submodels/cell.py, planar_negative.py) count it. At rest
(i = 0) nothing grows.

Not modelled (issue 12, item 3): reduction of the doped argyrodite on the percolated Ag network below its
reduction limit (Choi 2025 Fig. 2d: DFT stability window 1.72-2.14 V). It is the same reaction, and it can run
wherever the exsolved network brings electrons to the argyrodite below ~1.7 V; but neither paper nor the
literature found gives its rate, the Ag | argyrodite contact area of the network, or the Li it consumes, and
the first-discharge capacity of Cell B (0.51 mAh/cm2 at 0.005 V, Fig. 2b) is assigned entirely to exsolution
and alloying by the calibrated Choi phase table, so any reduction capacity there is already absorbed in that
calibration. A rate would need its own measurement (e.g. the irreversible capacity of a Li | Li6PS5Cl |
Ag-coated SUS cell); until then a rate here would be a second, unconstrained fit of the same capacity.
Searched again (issue 12, session 6): Tan et al. (ACS Energy Lett. 4 (2019) 2418) give the capacity of
Li6PS5Cl-carbon composites (redox of the electrolyte itself), not a rate per contact area; Morino et al. (ACS AMI
2024, Li4SnS4) show reduction continuing through an electronically conducting Li-Sn product, qualitatively;
mixed-conducting interphases of LGPS-type electrolytes grow reaction-controlled (impedance study, Wenzel/Janek
group), with no argyrodite | Ag value. None gives a rate for Li6PS5Cl on Ag, so none is built.
"""

from __future__ import annotations

import pybamm

from anodefree_sim import names as n
from anodefree_sim.citations import cite
from anodefree_sim.submodels.base import BaseElectrodeSubModel, availability, smooth_abs

#: current density below which |i| is rounded (smooth absolute value, exactly 0 at i = 0) [A.m-2]
_I_SMOOTH = 1e-4


class ConstantInterphase(BaseElectrodeSubModel):
    """The film keeps its initial resistance (option ``"interphase growth": "none"``)."""

    def __init__(self, electrode: str = "negative"):
        super().__init__(electrode, name=f"{electrode} interphase (constant)")

    def get_fundamental_variables(self):
        e = self.electrode
        zero = pybamm.Scalar(0)
        return {
            n.film_resistance(e): pybamm.Parameter(n.p_film_resistance(e)),
            n.film_lithium(e): zero,
            n.film_lithium_rate(e, "plated"): zero,
            n.film_lithium_rate(e, "alloy"): zero,
        }


class ThroughputInterphaseGrowth(BaseElectrodeSubModel):
    """Film resistance growing with the charge throughput of the interface (``"throughput"``)."""

    def __init__(self, electrode: str = "negative"):
        super().__init__(electrode, name=f"{electrode} interphase growth (throughput)")
        cite("Huang2024", "Wenzel2018")  # film resistances (Huang Table S7); film chemistry (Wenzel 2018)

    def get_fundamental_variables(self):
        e = self.electrode
        q = pybamm.Variable(n.film_throughput(e), scale=1e5)
        R_f = pybamm.Parameter(n.p_film_resistance(e)) + pybamm.Parameter(n.p_film_growth(e)) * q
        n_film = pybamm.Variable(n.film_lithium(e), scale=1e-3)
        return {n.film_throughput(e): q, n.film_resistance(e): R_f, n.film_lithium(e): n_film}

    def get_coupled_variables(self, variables):
        e = self.electrode
        # Li metal the film would take at this throughput rate if metal is there [mol.m-2.s-1]
        demand = (
            pybamm.Parameter(n.P_FILM_LITHIUM_CONCENTRATION)
            * pybamm.Parameter(n.P_FILM_CONDUCTIVITY)
            * pybamm.Parameter(n.p_film_growth(e))
            * smooth_abs(variables[n.CURRENT_DENSITY], _I_SMOOTH)
        )
        a_pl = availability(variables[n.plated_lithium(e)], self.eps)
        a_al = availability(variables[n.alloy_lithium(e)], self.eps)
        return {
            n.film_lithium_rate(e, "plated"): demand * a_pl,
            n.film_lithium_rate(e, "alloy"): demand * (1 - a_pl) * a_al,
        }

    def set_rhs(self, variables):
        e = self.electrode
        q = variables[n.film_throughput(e)]
        i = variables[n.CURRENT_DENSITY]
        self.rhs = {
            q: smooth_abs(i, _I_SMOOTH),
            variables[n.film_lithium(e)]: variables[n.film_lithium_rate(e, "plated")]
            + variables[n.film_lithium_rate(e, "alloy")],
        }

    def set_initial_conditions(self, variables):
        e = self.electrode
        self.initial_conditions = {
            variables[n.film_throughput(e)]: pybamm.Scalar(0),
            variables[n.film_lithium(e)]: pybamm.Scalar(0),
        }
