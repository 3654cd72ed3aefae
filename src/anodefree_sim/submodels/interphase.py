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
alloy. The Li consumed by the film is not counted separately (it is a small part of the dead-Li
bookkeeping that the plating submodel calibrates to the Coulombic efficiency); the growth is taken
independent of temperature (all Huang 2024 data are at 25 C).
"""

from __future__ import annotations

import pybamm

from anodefree_sim import names as n
from anodefree_sim.citations import cite
from anodefree_sim.submodels.base import BaseElectrodeSubModel, smooth_abs

#: current density below which |i| is rounded (smooth absolute value, exactly 0 at i = 0) [A.m-2]
_I_SMOOTH = 1e-4


class ConstantInterphase(BaseElectrodeSubModel):
    """The film keeps its initial resistance (option ``"interphase growth": "none"``)."""

    def __init__(self, electrode: str = "negative"):
        super().__init__(electrode, name=f"{electrode} interphase (constant)")

    def get_fundamental_variables(self):
        return {n.film_resistance(self.electrode): pybamm.Parameter(n.p_film_resistance(self.electrode))}


class ThroughputInterphaseGrowth(BaseElectrodeSubModel):
    """Film resistance growing with the charge throughput of the interface (``"throughput"``)."""

    def __init__(self, electrode: str = "negative"):
        super().__init__(electrode, name=f"{electrode} interphase growth (throughput)")
        cite("Huang2024")  # initial film resistances (Huang 2024 Table S7)

    def get_fundamental_variables(self):
        e = self.electrode
        q = pybamm.Variable(n.film_throughput(e), scale=1e5)
        R_f = pybamm.Parameter(n.p_film_resistance(e)) + pybamm.Parameter(n.p_film_growth(e)) * q
        return {n.film_throughput(e): q, n.film_resistance(e): R_f}

    def set_rhs(self, variables):
        q = variables[n.film_throughput(self.electrode)]
        i = variables[n.CURRENT_DENSITY]
        self.rhs = {q: smooth_abs(i, _I_SMOOTH)}

    def set_initial_conditions(self, variables):
        self.initial_conditions = {variables[n.film_throughput(self.electrode)]: pybamm.Scalar(0)}
