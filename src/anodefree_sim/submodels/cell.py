"""Cell-level outputs: terminal voltage, current, capacity and the Li balance.

V = E_neg - E_counter - i (R_SE + R_film,neg + R_film,counter) - eta_doped

with E the surface potential differences of the two electrodes (each vs Li/Li+ in the adjacent
electrolyte), R_SE the series solid-electrolyte layers, R_film interfacial film (SEI) resistances and
eta_doped the ionic drop across the doped layer. Positive current discharges the cell, i.e.
lithiates the negative (working) side.

Li balance (exact by construction, checked by the tests):
sum over electrodes of (lattice Li from exsolution + alloy Li + plated Li + dead Li)
+ sum_e q_dl,e / F is constant, with q_dl = -C_dl E the double-layer charge (zero for the algebraic
closure).

Events: the voltage window "Lower voltage cut-off [V]" < V < "Upper voltage cut-off [V]" (PyBaMM's names).
"""

from __future__ import annotations

import pybamm

from anodefree_sim import names as n
from anodefree_sim.submodels.base import BaseElectrodeSubModel, F


class CellVoltage(BaseElectrodeSubModel):
    """Terminal voltage and bookkeeping of a two-electrode cell."""

    def __init__(self):
        super().__init__("negative", name="cell voltage")

    def get_fundamental_variables(self):
        Q = pybamm.Variable(n.DISCHARGE_CAPACITY)
        I = pybamm.FunctionParameter(n.P_CURRENT, {"Time [s]": pybamm.t})
        A = pybamm.Parameter(n.P_AREA)
        return {
            n.DISCHARGE_CAPACITY: Q,
            n.CAPACITY_AREAL: 0.1 * Q / A,
            n.CURRENT: I,
            n.CURRENT_DENSITY: I / A,
            n.CURRENT_DENSITY_MA: 0.1 * I / A,
            n.TIME_S: pybamm.t,
            n.TIME_H: pybamm.t / 3600,
        }

    def get_coupled_variables(self, variables):
        i = variables[n.CURRENT_DENSITY]
        out = {}
        R_film = 0
        li_total = 0
        for e in n.ELECTRODES:
            R_e = variables[n.film_resistance(e)]
            R_film = R_film + R_e
            out[n.interface_overpotential(e)] = i * R_e + variables[n.contact_overpotential(e)]
            li = (
                variables[n.alloy_lithium(e)]
                + variables[n.plated_lithium(e)]
                + variables[n.dead_lithium(e)]
                + variables[n.film_lithium(e)]
            )
            if e == "negative":
                li = li + variables[n.EXSOLVED_SILVER]
            out[n.electrode_lithium(e)] = li
            li_total = li_total + li + variables[n.double_layer_charge(e)] / F
        V = (
            variables[n.surface_potential("negative")]
            - variables[n.surface_potential("counter")]
            - variables[n.SE_OVERPOTENTIAL]
            - variables[n.DOPED_LAYER_OVERPOTENTIAL]
            - i * R_film
            - variables[n.contact_overpotential("negative")]
            - variables[n.contact_overpotential("counter")]
        )
        out.update({n.VOLTAGE: V, n.BATTERY_VOLTAGE: V, n.TOTAL_LITHIUM: li_total})
        return out

    def set_rhs(self, variables):
        Q = variables[n.DISCHARGE_CAPACITY]
        self.rhs = {Q: variables[n.CURRENT] / 3600}

    def set_initial_conditions(self, variables):
        self.initial_conditions = {variables[n.DISCHARGE_CAPACITY]: pybamm.Scalar(0)}

    def add_events_from(self, variables):
        # the voltage window (PyBaMM's event names and parameters); positive at t = 0 as long as the rest
        # voltage lies inside the window, which the parameter checks ensure for the shipped sets
        V = variables[n.VOLTAGE]
        self.events += [
            pybamm.Event(n.EVENT_MINIMUM_VOLTAGE, V - pybamm.Parameter(n.P_LOWER_VOLTAGE_CUTOFF)),
            pybamm.Event(n.EVENT_MAXIMUM_VOLTAGE, pybamm.Parameter(n.P_UPPER_VOLTAGE_CUTOFF) - V),
        ]
