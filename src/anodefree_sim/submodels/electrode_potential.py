"""The multi-reaction closure: one surface potential shared by all reactions of an electrode.

DESIGN section 2.7. Exsolution, alloying and plating run in parallel at the electrode's surface
potential difference E (vs a Li reference in the adjacent electrolyte); their cathodic-positive
currents plus the double-layer current sum to the applied current,

    C_dl dE/dt = sum_k j_k(E) - s i,      s = +1 (negative / working), -1 (counter).

Keeping the double layer (rather than an algebraic sum) makes the closure well posed even when no
reaction can carry the current (a bare collector before nucleation, Choi's Cell A): E then sweeps at
i / C_dl until a reaction switches on, which is the physical "drop to ~0 V". The double-layer charge
is Li+ piled up at the interface; it appears in the Li balance (:mod:`anodefree_sim.submodels.cell`).
"""

from __future__ import annotations

import pybamm

from anodefree_sim import names as n
from anodefree_sim.submodels.base import POTENTIAL_SCALE, BaseElectrodeSubModel, availability, positive_part
from anodefree_sim.submodels.exsolution import initial_lattice_silver

#: availability of the strippable Li below which a delithiated electrode is exhausted (~1e-7 mol/m2 with
#: the 1e-4 mol/m2 availability scale): far below any protocol's capacity, reached only when the
#: electrode has nothing left to give
A_EXHAUSTED = 1e-3
#: applied current density over which the delithiation switch of the exhausted event turns on [A.m-2]
_J_DIRECTION = 1e-2
#: variable scale of an electrode's surface potential difference where it differs from
#: :data:`~anodefree_sim.submodels.base.POTENTIAL_SCALE` (absolute tolerance atol x scale, benchmarks/README.md
#: "Solver cost"); ``benchmarks/answer_rule.py run --potential-scale`` sets it
SURFACE_POTENTIAL_SCALES: dict[str, float] = {}


def surface_potential_scale(electrode: str) -> float:
    """Variable scale [V] of the surface potential difference of ``electrode`` (:data:`SURFACE_POTENTIAL_SCALES`,
    else :data:`~anodefree_sim.submodels.base.POTENTIAL_SCALE`)."""
    return SURFACE_POTENTIAL_SCALES.get(electrode, POTENTIAL_SCALE)


class BaseElectrodePotential(BaseElectrodeSubModel):
    """The surface potential difference E of an electrode, its initial value and the electrode's events.

    Events (both positive at t = 0 by construction):

    * blocking electrode: E leaves [E_lo, E_hi] = [min(E_0, U) - m, max(E_0, U) + m], U the equilibrium
      potentials of the reactions that can run at t = 0 (Li plating at 0 V, exsolution, alloy), E_0 the
      rest potential and m the margin (2 eta_max by default: beyond it every reaction runs at its
      saturated bound, so no reaction can carry more current and E would run away);
    * lithium exhausted: the electrode is being delithiated while its strippable Li (plated + alloy)
      is down to a fraction A_EXHAUSTED of the availability scale, i.e. < ~1e-7 mol/m2. An electrode that
      starts without strippable Li (an anode-free side) cannot exhaust its initial reservoir; stripping
      it bare ends on the blocking event or the voltage window instead.
    """

    def __init__(self, electrode: str = "negative", name: str = "electrode potential", sign=None):
        super().__init__(electrode, name=f"{electrode} {name}", sign=sign)

    def add_events_from(self, variables):
        e = self.electrode
        E = variables[n.surface_potential(e)]
        E0 = pybamm.Parameter(n.p_initial_potential(e))
        U = [E0, *_equilibrium_potentials(e, variables, all_reactions=True)]
        lo, hi = U[0], U[0]
        for u in U[1:]:
            lo, hi = pybamm.minimum(lo, u), pybamm.maximum(hi, u)
        margin = pybamm.Parameter(n.P_BLOCKING_MARGIN)
        lo, hi = lo - margin, hi + margin
        # > 0 inside the window, < 0 outside; normalised to V
        self.events.append(pybamm.Event(n.event_blocking(e), (E - lo) * (hi - E) / (hi - lo)))
        strippable = variables[n.plated_lithium(e)] + variables[n.alloy_lithium(e)]
        if _is_zero(variables[n.plated_lithium(e)]) and _is_zero(variables[n.alloy_lithium(e)]):
            return
        initial = pybamm.Parameter(n.p_initial_plated(e))
        if not _is_zero(variables[n.alloy_lithium(e)]):
            initial = initial + pybamm.Parameter(n.p_initial_alloy_ratio(e)) * pybamm.Parameter(
                n.p_initial_silver(e)
            )
        had_lithium = initial > 0
        delithiating = pybamm.tanh(
            positive_part(-self.sign * variables[n.CURRENT_DENSITY], _J_DIRECTION) / _J_DIRECTION
        )
        value = availability(strippable, self.eps) + (1 - delithiating) - A_EXHAUSTED * (2 * had_lithium - 1)
        self.events.append(pybamm.Event(n.event_exhausted(e), value))

    def get_fundamental_variables(self):
        e = self.electrode
        return {n.surface_potential(e): pybamm.Variable(n.surface_potential(e), scale=surface_potential_scale(e))}

    def set_initial_conditions(self, variables):
        e = self.electrode
        E = variables[n.surface_potential(e)]
        self.initial_conditions = {E: pybamm.Parameter(n.p_initial_potential(e))}


class CapacitiveElectrodePotential(BaseElectrodePotential):
    """Surface potential difference as a state, charged by the unbalanced current."""

    def __init__(self, electrode: str = "negative", sign=None):
        super().__init__(electrode, name="electrode potential", sign=sign)

    def get_coupled_variables(self, variables):
        e = self.electrode
        reactions = n.REACTIONS if e == "negative" else (n.ALLOY, n.PLATING)
        j_sum = sum(variables[n.reaction_current(e, r)] for r in reactions)
        C = pybamm.Parameter(n.p_double_layer(e))
        return {
            n.reaction_current(e, n.DOUBLE_LAYER): self.sign * variables[n.CURRENT_DENSITY] - j_sum,
            n.double_layer_charge(e): -C * variables[n.surface_potential(e)],
        }

    def set_rhs(self, variables):
        e = self.electrode
        E = variables[n.surface_potential(e)]
        C = pybamm.Parameter(n.p_double_layer(e))
        self.rhs = {E: -variables[n.reaction_current(e, n.DOUBLE_LAYER)] / C}


class AlgebraicElectrodePotential(BaseElectrodePotential):
    """Surface potential difference fixed algebraically by sum_k j_k(E) = s i (no double layer).

    Fewer, larger time steps than the capacitive closure (no interfacial RC transients). Li stays
    conserved to round-off because the closure hands the remainder s i - sum of the other currents
    to one "closing" reaction (plating if present, else alloying, else exsolution); the algebraic
    equation makes that remainder equal the closing reaction's own kinetic rate.
    """

    def __init__(self, electrode: str = "negative", sign=None):
        super().__init__(electrode, name="electrode potential (algebraic)", sign=sign)

    def _reactions(self, variables):
        e = self.electrode
        names = (n.PLATING, n.ALLOY, n.EXSOLUTION) if e == "negative" else (n.PLATING, n.ALLOY)
        present = [r for r in names if not _is_zero(variables[n.reaction_current(e, r)])]
        if not present:
            raise ValueError(
                f"the algebraic closure of the {e} electrode needs at least one reaction "
                "(lithium plating, lithium-silver alloy or silver exsolution); use "
                "'electrode potential': 'capacitive' for a blocking electrode"
            )
        return present

    def get_coupled_variables(self, variables):
        e = self.electrode
        closing, *others = self._reactions(variables)
        key = n.reaction_current(e, closing)
        kinetic = variables[key]
        remainder = self.sign * variables[n.CURRENT_DENSITY] - sum(
            (variables[n.reaction_current(e, r)] for r in others), pybamm.Scalar(0)
        )
        return {
            n.closure_residual(e): kinetic - remainder,
            key: remainder,
            n.reaction_current(e, n.DOUBLE_LAYER): pybamm.Scalar(0),
            n.double_layer_charge(e): pybamm.Scalar(0),
        }

    def set_algebraic(self, variables):
        e = self.electrode
        E = variables[n.surface_potential(e)]
        self.algebraic = {E: variables[n.closure_residual(e)]}

    def set_initial_conditions(self, variables):
        """Initial guess of E for the consistent initialisation: the rest potential, clipped into the
        window spanned by the equilibrium potentials of the reactions that can run at t = 0.

        Outside that window the closure residual is flat (exsolution rectified above U_ex, kinetics
        saturated by tanh(eta / eta_max), reservoirs empty): for Choi 2025 Cell B at its 2.3 V rest
        potential the residual is -10 A/m2 with a slope of -4e-5 A/m2/V, so the first Newton step of
        IDA's calc_ic is ~-3e5 V and its line search (5 backtracks) fails. At U_ex = 1.8 V the slope is
        j0 f / 2 ~ 500 A/m2/V and Newton converges in a few iterations. Later experiment steps start
        from the previous step's E, inside the window. (No guess helps at zero current on an electrode
        with nothing to react, e.g. a rest of the pristine cell: the algebraic closure has no solution
        there; use the capacitive one.)
        """
        e = self.electrode
        E = variables[n.surface_potential(e)]
        U = _equilibrium_potentials(e, variables)
        lo, hi = U[0], U[0]
        for u in U[1:]:
            lo, hi = pybamm.minimum(lo, u), pybamm.maximum(hi, u)
        E0 = pybamm.Parameter(n.p_initial_potential(e))
        self.initial_conditions = {E: pybamm.minimum(pybamm.maximum(E0, lo), hi)}


def _equilibrium_potentials(electrode: str, variables: dict, all_reactions: bool = False) -> list:
    """Equilibrium potentials [V] at t = 0 of the reactions of an electrode that can run then (from the
    parameters only: PyBaMM initial conditions cannot depend on states). A reaction whose reservoir is
    empty at t = 0 (no lattice Ag, no metallic Ag) is left out by placing it at Li plating's 0 V, unless
    ``all_reactions`` (the exsolution potential is then kept: exsolved Ag may alloy later)."""
    e = electrode
    zero = pybamm.Scalar(0)
    out = [zero]  # Li plating / stripping, 0 V vs Li (present in every closure that needs a guess)
    if e == "negative" and not _is_zero(variables[n.reaction_current(e, n.EXSOLUTION)]):
        has_lattice = pybamm.Scalar(1) if all_reactions else initial_lattice_silver() > 0
        out.append(has_lattice * pybamm.Parameter(n.P_EXSOLUTION_OCP))
    if not _is_zero(variables[n.reaction_current(e, n.ALLOY)]):
        has_silver = pybamm.Parameter(n.p_initial_silver(e)) > 0
        y_in = {"Lithium-to-silver ratio": pybamm.Parameter(n.p_initial_alloy_ratio(e))}
        U_al = (pybamm.FunctionParameter(n.P_ALLOY_OCP_LITH, y_in)
                + pybamm.FunctionParameter(n.P_ALLOY_OCP_DELITH, y_in)) / 2
        out.append(has_silver * U_al)
    return out


def _is_zero(symbol) -> bool:
    return isinstance(symbol, pybamm.Scalar) and symbol.value == 0
