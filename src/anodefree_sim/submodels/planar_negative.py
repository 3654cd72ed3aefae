"""Adapter that plugs the anode-free negative side into PyBaMM's half-cell models as the planar
("lithium metal") negative electrode of a full cell.

PyBaMM's ``{"working electrode": "positive"}`` models expect the planar negative electrode to provide
the Li-metal interface variables (electrode and electrolyte potentials, surface potential difference,
interfacial current). This submodel provides them from the anode-free closure instead:

    phi_s,n = phi_cc,n,   phi_e,n = phi_s,n - E - i (R_film + R_SE,extra) - eta_doped,

with E the negative's surface potential difference (vs Li/Li+), so that the electrolyte (the solid
electrolyte of the separator and catholyte) starts from the right potential. It also defines the
current density our submodels read and the cell's Li balance.
"""

from __future__ import annotations

import pybamm

from anodefree_sim import names as n
from anodefree_sim.submodels.base import BaseElectrodeSubModel, F

_REACTIONS = (n.EXSOLUTION, n.ALLOY, n.PLATING)


class CurrentDensityAlias(BaseElectrodeSubModel):
    """Exposes PyBaMM's current-collector current density under the name our submodels read."""

    def __init__(self):
        super().__init__("negative", name="anode-free current density", sign=-1)

    def get_coupled_variables(self, variables):
        i = variables["Current collector current density [A.m-2]"]
        return {n.CURRENT_DENSITY: i, n.CURRENT_DENSITY_MA: 0.1 * i}


class PlanarNegativeElectrode(BaseElectrodeSubModel):
    """The anode-free side as PyBaMM's planar negative electrode."""

    def __init__(self):
        super().__init__("negative", name="anode-free planar negative electrode", sign=-1)

    def get_coupled_variables(self, variables):
        i = variables["Current collector current density [A.m-2]"]
        E = variables[n.surface_potential("negative")]
        R_film = variables[n.film_resistance("negative")]
        eta_film = i * R_film + variables[n.contact_overpotential("negative")]
        eta_layers = variables[n.SE_OVERPOTENTIAL] + variables[n.DOPED_LAYER_OVERPOTENTIAL]
        phi_s = variables["Negative current collector potential [V]"]
        phi_e = phi_s - E - eta_film - eta_layers
        # PyBaMM's sign: interfacial current positive when the negative electrode is oxidised
        j_anodic = -sum(variables[n.reaction_current("negative", r)] for r in _REACTIONS)
        zero = pybamm.Scalar(0)
        return {
            n.interface_overpotential("negative"): eta_film,
            "Negative electrode SEI film overpotential [V]": eta_film,
            "Lithium metal interface surface potential difference [V]": E,
            "Lithium metal interface electrode potential [V]": phi_s,
            "Lithium metal interface electrolyte potential [V]": phi_e,
            "Lithium metal interface reaction overpotential [V]": E,
            "Lithium metal plating current density [A.m-2]": j_anodic,
            "Lithium metal total interfacial current density [A.m-2]": j_anodic,
            "Negative electrode potential drop [V]": zero,
            "X-averaged negative electrode ohmic losses [V]": zero,
        }


class FullCellLithium(BaseElectrodeSubModel):
    """Li balance of a full cell: cathode particles + anode-free negative side [mol.m-2]."""

    def __init__(self):
        super().__init__("negative", name="full-cell lithium balance", sign=-1)

    def get_coupled_variables(self, variables):
        A = pybamm.Parameter(n.P_AREA)
        li_n = (
            variables[n.EXSOLVED_SILVER]
            + variables[n.alloy_lithium("negative")]
            + variables[n.plated_lithium("negative")]
            + variables[n.dead_lithium("negative")]
            + variables[n.film_lithium("negative")]
        )
        li_p = variables["Total lithium in primary phase in positive electrode [mol]"] / A
        total = li_n + li_p + variables[n.double_layer_charge("negative")] / F
        li_p0 = (pybamm.Parameter("Initial concentration in positive electrode [mol.m-3]")
                 * pybamm.x_average(variables["Positive electrode active material volume fraction"])
                 * pybamm.Parameter("Positive electrode thickness [m]"))
        return {
            n.electrode_lithium("negative"): li_n,
            n.POSITIVE_LITHIUM: li_p,
            n.POSITIVE_LITHIUM_DEFICIT: li_p0 - li_p,
            n.TOTAL_LITHIUM: total,
            n.CAPACITY_AREAL: 0.1 * variables[n.DISCHARGE_CAPACITY] / A,
            n.TIME_H: pybamm.t / 3600,
        }
