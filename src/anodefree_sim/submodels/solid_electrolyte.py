"""Solid-electrolyte separator layers in series (DESIGN section 2.1).

Single-ion conductors (transference number 1, no concentration gradients): each layer k is an ohmic
drop i L_k / sigma_k(T); the layers add in series. The conductivities are functions of temperature in
the parameter set (Arrhenius, :mod:`anodefree_sim.parameter_sets.conductivity`).
"""

from __future__ import annotations

import pybamm

from anodefree_sim import names as n
from anodefree_sim.citations import cite
from anodefree_sim.submodels.base import BaseElectrodeSubModel


class NoSolidElectrolyte(BaseElectrodeSubModel):
    """Ideal separator: no ohmic drop."""

    def __init__(self):
        super().__init__("negative", name="no solid electrolyte")

    def get_fundamental_variables(self):
        zero = pybamm.Scalar(0)
        return {n.SE_RESISTANCE: zero, n.SE_OVERPOTENTIAL: zero}


class OhmicSolidElectrolyte(BaseElectrodeSubModel):
    """``n_layers`` ohmic layers in series, R = sum_k L_k / sigma_k(T)."""

    def __init__(self, n_layers: int = 1):
        if int(n_layers) < 1:
            raise ValueError(f"number of solid electrolyte layers must be >= 1, got {n_layers}")
        super().__init__("negative", name="ohmic solid electrolyte")
        self.n_layers = int(n_layers)
        cite("Choi2025")  # argyrodite conductivities and activation energies (Choi 2025 Fig. 1f)

    def get_coupled_variables(self, variables):
        out = {}
        for k in range(1, self.n_layers + 1):
            L = pybamm.Parameter(n.p_se_thickness(k))
            sigma = pybamm.FunctionParameter(n.p_se_conductivity(k), {"Temperature [K]": self.T})
            out[n.se_layer_resistance(k)] = L / sigma
        R = sum(out.values())
        out[n.SE_RESISTANCE] = R
        out[n.SE_OVERPOTENTIAL] = variables[n.CURRENT_DENSITY] * R
        return out
