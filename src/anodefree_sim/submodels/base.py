"""Shared pieces of the anode-free submodels: the base class and the regularised kinetics.

DESIGN section 2.7: the negative side spans 1.8 V to below 0 V, so naive Butler-Volmer sums overflow and
stall Newton iterations. Every rate here is therefore written with

* a smooth saturation of each exponential on its growing side only: the cathodic branch
  exp(-alpha f eta) is bounded for eta < 0 and the anodic branch exp((1 - alpha) f eta) for eta > 0,
  by g(u) = u - u+ + eta_max tanh(u+ / eta_max) (u+ a smooth positive part), which bounds exp(c f g)
  by exp(c f eta_max) while leaving u << eta_max untouched (eta_max = 0.5 V by default). On its
  decaying side each branch keeps its true exponential decay, so a branch that cannot run at a
  potential (plating at +2.3 V vs Li) carries no current there; and
* smooth availability factors a = n+ / (n+ + eps) of the reservoir a branch draws from, with n+ a
  smooth positive part that is exactly 0 at n = 0, so that a reservoir can empty without a hard
  max() switch and an empty reservoir gives up nothing.

Nothing runs at zero driving force: every regularised rate here (:func:`positive_part`,
:func:`smooth_abs`) is exactly 0 where its argument is 0, so a cell at rest stays at rest.
"""

from __future__ import annotations

import pybamm

from anodefree_sim import names as n
from anodefree_sim.constants import F, R, arrhenius_factor  # noqa: F401  (re-exported to submodels)


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

        j = j0 [a_c B+ - a_a (-B)+],  B = exp(alpha f g(-eta)) - exp((1 - alpha) f g(eta)),  f = F / (R T),

        i.e. the net Butler-Volmer rate j0 B, weighted by the availability of the reservoir it draws on in
        its direction (a_c for the cathodic, a_a for the anodic direction; with a_c = a_a = 1 it is j0 B).
        B+ is :func:`smooth_positive` of width 1e-9 (a residual j0 |a_c - a_a| 5e-10 at equilibrium), and g
        the one-sided saturation of :func:`saturate_growing`: each exponential is bounded by
        exp(c f eta_max) on the side where it grows and decays as exp(-c f |eta|) on the other.
        """
        alpha = pybamm.Parameter(n.P_TRANSFER_COEFFICIENT)
        eta_max = pybamm.Parameter(n.P_ETA_MAX)
        f = F / (R * self.T)
        net = pybamm.exp(alpha * f * saturate_growing(-eta, eta_max)) - pybamm.exp(
            (1 - alpha) * f * saturate_growing(eta, eta_max)
        )
        if _is_one(cathodic) and _is_one(anodic):
            return j0 * net
        # the availabilities weight the net rate in its own direction only: a reaction runs cathodically
        # only below its equilibrium potential, anodically only above it, and an empty reservoir stops
        # its direction (plating on an empty collector at E > 0 vs Li would be thermodynamically uphill)
        return j0 * (cathodic * smooth_positive(net, _NET_SMOOTH) - anodic * smooth_positive(-net, _NET_SMOOTH))


#: rounding width of the direction split of the dimensionless net Butler-Volmer rate
_NET_SMOOTH = 1e-9


def _is_one(x) -> bool:
    return isinstance(x, (int, float)) and x == 1 or isinstance(x, pybamm.Scalar) and x.value == 1


def saturate_growing(u, eta_max):
    """u - u+ + eta_max tanh(u+ / eta_max) [V]: ~u for u < 0 and u << eta_max, -> eta_max as u -> inf.

    u+ is :func:`smooth_positive` with a width of eta_max / 100, so g(0) = -O(1e-7 eta_max) and g
    differs from u by O(u+^3 / eta_max^2) below eta_max: the Butler-Volmer slope near equilibrium is
    untouched, and an exponential exp(c f g(u)) cannot overflow however large u becomes.
    """
    u_pos = smooth_positive(u, 1e-2 * eta_max)
    return u - u_pos + eta_max * pybamm.tanh(u_pos / eta_max)


#: width [A.m-2] of the smooth positive parts / ramps of current densities (0.1 uA/cm2), shared by every submodel
#: that splits a current into its plating and stripping directions
CURRENT_SMOOTHING = 1e-3


def smooth_positive(x, width):
    """(x + sqrt(x^2 + width^2)) / 2: a C-infinity positive part with a floor of width / 2 at x = 0.

    Only for quantities that may keep a floor (a thickness in a denominator, the overpotential in
    :func:`saturate_growing`); a rate must use :func:`positive_part`, which vanishes at x = 0.
    """
    return (x + pybamm.sqrt(x**2 + width**2)) / 2


def positive_part(x, width):
    """C-infinity positive part that vanishes at zero driving force [units of x].

    p(x) = (x + sqrt(x^2 + w^2)) / 2 * x^2 / (x^2 + w^2): exactly 0 at x = 0, non-negative,
    ~x^2 / (2 w) for |x| << w, x - O(w^2 / x) for x >> w and w^2 / (4 |x|) -> 0 for x << -w.
    """
    return smooth_positive(x, width) * x**2 / (x**2 + width**2)


def smooth_abs(x, width):
    """x^2 / sqrt(x^2 + w^2): a C-infinity |x| that is exactly 0 at x = 0 (= p(x) + p(-x))."""
    return x**2 / pybamm.sqrt(x**2 + width**2)


#: relative width of the smoothed corner of availability factors: the factor is exactly 0 at an empty
#: reservoir and ~(n / w)^2 / 2 / (eps / w) below n ~ w = CORNER eps, so the saturated branch it
#: multiplies (up to exp(alpha f eta_max) ~ 6e3 times j0) vanishes as the reservoir empties
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

    a = n+ / (n+ + eps), n+ = :func:`positive_part` of n with a corner of width CORNER * eps: exactly 0
    at n = 0, so a branch drawing on the reservoir stops as it empties and the amount cannot cross zero.
    """
    pos = positive_part(amount, eps * CORNER)
    return pos / (pos + eps)


