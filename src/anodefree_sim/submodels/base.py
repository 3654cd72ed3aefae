"""Shared pieces of the anode-free submodels: the base class and the regularised kinetics.

DESIGN section 2.7: the negative side spans 1.8 V to below 0 V, so naive Butler-Volmer sums overflow and
stall Newton iterations. Every rate here is therefore written with

* a smooth saturation of the overpotential, eta_s = eta_max tanh(eta / eta_max), which bounds
  exp(alpha f eta_s) while leaving |eta| << eta_max untouched (eta_max = 0.5 V by default); and
* smooth availability factors a = n+ / (n+ + eps) of the reservoir a branch draws from, with
  n+ a smooth positive part, so that a reservoir can empty without a hard max() switch.
"""

from __future__ import annotations

import pybamm

from anodefree_sim import _names as n

F = pybamm.constants.F
R = pybamm.constants.R


class BaseElectrodeSubModel(pybamm.BaseSubModel):
    """Base of all anode-free submodels.

    Parameters
    ----------
    electrode : str
        ``"negative"`` (the anode-free / working electrode) or ``"counter"``.
    """

    def __init__(self, electrode: str = "negative", name: str = "anode-free submodel", sign: int | None = None):
        n.electrode(electrode)  # validates the key
        super().__init__(None, domain=None, name=name)
        self.electrode = electrode
        #: +1 if a positive (discharge) current lithiates this electrode, -1 if it delithiates it.
        #: Defaults: the anode-free "negative" side is the working electrode of a half / symmetric cell
        #: (lithiated on discharge); in a full cell it is delithiated on discharge (sign -1).
        self.sign = sign if sign is not None else (1 if electrode == "negative" else -1)

    # parameters used everywhere -------------------------------------------------
    @property
    def T(self):
        return pybamm.Parameter(n.P_TEMPERATURE)

    @property
    def eps(self):
        return pybamm.Parameter(n.P_RESERVOIR_EPS)

    def butler_volmer(self, j0, eta, cathodic=1, anodic=1):
        """Cathodic-positive Butler-Volmer current density [A.m-2] with saturated overpotential.

        j = j0 [a_c exp(-alpha f sat(eta)) - a_a exp((1 - alpha) f sat(eta))],
        f = F / (R T), sat(eta) = eta_max tanh(eta / eta_max).
        """
        alpha = pybamm.Parameter(n.P_TRANSFER_COEFFICIENT)
        eta_max = pybamm.Parameter(n.P_ETA_MAX)
        f = F / (R * self.T)

        def sat(x):
            return eta_max * pybamm.tanh(x / eta_max)

        eta_s = sat(eta)
        return j0 * (cathodic * pybamm.exp(-alpha * f * eta_s) - anodic * pybamm.exp((1 - alpha) * f * eta_s))


def smooth_positive(x, width):
    """(x + sqrt(x^2 + width^2)) / 2: a C-infinity positive part."""
    return (x + pybamm.sqrt(x**2 + width**2)) / 2


#: relative width of the smoothed corner of availability factors: at an empty reservoir the factor is
#: 5e-10, small enough that the saturated branch it multiplies (up to exp(alpha f eta_max) ~ 6e3
#: times j0) leaks < 1e-4 A/m2
CORNER = 1e-9


#: Scales that set the absolute tolerance of states for which the solver's atol (1e-8) is needlessly
#: tight. PyBaMM solvers apply atol to the scaled state x / scale, so the effective absolute tolerance is
#: atol * scale (the relative part rtol |x| does not depend on the scale): ~1e-4 on the O(1) nucleation
#: coverage and alloy hysteresis state (an error of 1e-4 moves the nucleation overpotential or the
#: hysteretic OCP by < 1e-5 V) and ~1e-6 V on the surface potential differences. At 1e-8 IDA resolves the
#: tanh / positive-part switching of their rates far below any visible effect, at the cost of step-size
#: cuts and nonlinear-solver failures (choi2025-pouch-60c cycle 1: 2647 -> ~1500 steps, 326 -> 7
#: nonlinear failures; 1000 bilayer cycles: 1.42e6 -> 0.74e6 steps, cycle-1000 capacities within 3e-5).
FRACTION_SCALE = 1e4
POTENTIAL_SCALE = 1e2


def availability(amount, eps):
    """Smooth availability factor of a reservoir holding ``amount`` [mol.m-2]: ~1 when full, 0 empty.

    a = n+ / (n+ + eps), n+ = smooth positive part of n with a corner of width CORNER * eps.
    """
    pos = smooth_positive(amount, eps * CORNER)
    return pos / (pos + eps)


def arrhenius_factor(activation_energy, T, T_ref=298.15):
    """exp(-Ea / R (1/T - 1/T_ref)) with Ea in J.mol-1."""
    return pybamm.exp(-activation_energy / R * (1 / T - 1 / T_ref))
