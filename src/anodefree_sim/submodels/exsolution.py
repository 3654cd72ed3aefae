"""Ag exsolution from a Ag-doped argyrodite layer on the collector (DESIGN section 2.2).

Li(6-x)AgxPS5Cl + x Li+ + x e- -> Li6PS5Cl + x Ag.

The Ag inventory of the layer is n_Ag0 = x rho L / M(x) with M(x) = M(Li6PS5Cl) + x (M_Ag - M_Li)
(328.9 g/mol for x = 0.6, theoretical capacity x F / M = 48.9 mAh/g; Choi 2025). Kinetics are
Butler-Volmer on the Ag+ still in the lattice (rate proportional to 1 - xi), rectified so that it only
runs cathodically: the reaction is irreversible, the Ag never returns to the lattice (Choi 2025,
Fig. 3g), so the Li that entered the lattice is a first-cycle inventory loss. Above U_ex ~ 1.8 V
(the pristine cell at rest) nothing happens; below it the plateau sits at U_ex - eta_kin and ends when
the lattice is depleted.

Three options: :class:`NoExsolution`, :class:`LumpedExsolution` (one inventory, default) and
:class:`ResolvedExsolution` (the layer discretised through its thickness with a conductive front).

Reference: Choi et al., Nat. Commun. 2025, doi:10.1038/s41467-025-61074-9.
"""

from __future__ import annotations

import pybamm

from anodefree_sim import names as n
from anodefree_sim.citations import cite
from anodefree_sim.submodels.base import BaseElectrodeSubModel, F, smooth_positive

#: through-thickness coordinate of the doped layer [m], x = 0 at the collector (no auxiliary domains:
#: the layer is one-dimensional)
X_LAYER = pybamm.SpatialVariable("x_n", domain=["negative electrode"], coord_sys="cartesian")

#: molar masses [kg.mol-1]
M_LI6PS5CL = 0.26837
M_AG = 0.10787
M_LI = 0.006941


def initial_lattice_silver():
    """n_Ag0 = x rho L / M(x) [mol.m-2]."""
    x = pybamm.Parameter(n.P_SILVER_CONTENT)
    rho = pybamm.Parameter(n.P_DOPED_DENSITY)
    L = pybamm.Parameter(n.P_DOPED_THICKNESS)
    return x * rho * L / (M_LI6PS5CL + x * (M_AG - M_LI))


def percolation(xi):
    """Smooth percolation switch S(xi) in [0, 1] of the exsolved fraction xi (logistic step)."""
    xi_c = pybamm.Parameter(n.P_PERCOLATION_THRESHOLD)
    w = pybamm.Parameter(n.P_PERCOLATION_WIDTH)
    return 1 / (1 + pybamm.exp(-(xi - xi_c) / w))


def _conductivities(xi):
    """Local electronic and ionic conductivity [S.m-1] of the doped layer at exsolved fraction xi.

    Electronic: log-interpolation between the as-made (1.3e-10 S/cm) and exsolved (2.5e-3 S/cm)
    values through the percolation switch (Choi Supp. Fig. 7b, Fig. 2e). Ionic: linear in xi
    between 1.3 and 1.0 mS/cm (x = 0.6, Fig. 2e).
    """
    x = pybamm.Parameter(n.P_SILVER_CONTENT)
    T = pybamm.Parameter(n.P_TEMPERATURE)
    inputs = {"Silver content": x, "Temperature [K]": T}
    s_e0 = pybamm.FunctionParameter(n.P_DOPED_ELECTRONIC, {"Silver content": x})
    s_e1 = pybamm.Parameter(n.P_DOPED_ELECTRONIC_EXSOLVED)
    s_i0 = pybamm.FunctionParameter(n.P_DOPED_IONIC, inputs)
    s_i1 = pybamm.FunctionParameter(n.P_DOPED_IONIC_EXSOLVED, inputs)
    S = percolation(xi)
    sigma_e = s_e0 * (s_e1 / s_e0) ** S
    sigma_i = s_i0 + xi * (s_i1 - s_i0)
    return sigma_e, sigma_i


class NoExsolution(BaseElectrodeSubModel):
    """No doped layer: zero exsolution current, no lattice Ag, no doped-layer resistance."""

    def __init__(self):
        super().__init__("negative", name="no silver exsolution")

    def get_fundamental_variables(self):
        zero = pybamm.Scalar(0)
        return {
            n.reaction_current("negative", n.EXSOLUTION): zero,
            n.EXSOLVED_SILVER: zero,
            n.EXSOLVED_FRACTION: zero,
            n.LATTICE_SILVER_INITIAL: zero,
            n.FRONT_POSITION: zero,
            n.DOPED_LAYER_OVERPOTENTIAL: zero,
        }


class LumpedExsolution(BaseElectrodeSubModel):
    """One exsolved-Ag inventory for the whole layer (fast; the default).

    d n_lat / dt = -j_ex / F,  n_ex = n_Ag0 - n_lat  (state: the lattice Ag n_lat, from n_Ag0 to 0),
    j_ex = j0_ex(T) a_lat B+,  B = exp(alpha f g(-eta)) - exp((1-alpha) f g(eta)),
    eta = E - U_ex, a_lat = n_lat / n_Ag0, B+ the smooth positive part of the net rate
    (irreversible: the anodic direction has availability 0, see ``butler_volmer``).
    """

    def __init__(self):
        super().__init__("negative", name="lumped silver exsolution")
        cite("Choi2025")

    def get_fundamental_variables(self):
        n_Ag0 = initial_lattice_silver()
        # the state is the Ag left in the lattice, which empties to zero: the solver's error control then
        # acts on the small remainder near depletion (with the exsolved amount as state, rtol |n_ex|
        # allowed it to overshoot the inventory by ~1e-7 mol/m2); n_ex is its affine image, so the Li
        # balance stays exact. Scale 1e-3 mol/m2: absolute tolerance 1e-11 mol/m2 (2.5e-10 of a 0.04 mol/m2
        # inventory), so the stiff decay at depletion (rate ~exp(alpha f eta_max) j0 / F n_Ag0) cannot
        # overshoot zero by more than ~1e-12 mol/m2 before the linear availability pulls it back
        n_lat = pybamm.Variable(n.LATTICE_SILVER, scale=1e-3)
        n_ex = n_Ag0 - n_lat
        xi = n_ex / (n_Ag0 + 1e-3 * self.eps)
        return {
            n.LATTICE_SILVER: n_lat,
            n.EXSOLVED_SILVER: n_ex,
            n.LATTICE_SILVER_INITIAL: n_Ag0,
            n.EXSOLVED_FRACTION: xi,
        }

    def get_coupled_variables(self, variables):
        n_lat = variables[n.LATTICE_SILVER]
        n_Ag0 = variables[n.LATTICE_SILVER_INITIAL]
        xi = variables[n.EXSOLVED_FRACTION]
        E = variables[n.surface_potential("negative")]
        denom = n_Ag0 + 1e-3 * self.eps
        # linear in the remaining lattice Ag: the rate vanishes as the lattice empties, and a numerical
        # overshoot below zero is pulled back (the rate turns restoring) instead of draining on
        a_lat = n_lat / denom
        j = self.butler_volmer(_j0(self.T), E - _ocp(), cathodic=a_lat, anodic=0)
        sigma_e, sigma_i = _conductivities(xi)
        L = pybamm.Parameter(n.P_DOPED_THICKNESS)
        return {
            n.reaction_current("negative", n.EXSOLUTION): j,
            n.FRONT_POSITION: L * xi,
            n.LAYER_ELECTRONIC_CONDUCTIVITY: sigma_e,
            n.LAYER_IONIC_CONDUCTIVITY: sigma_i,
            n.DOPED_LAYER_OVERPOTENTIAL: variables[n.CURRENT_DENSITY] * L / sigma_i,
        }

    def set_rhs(self, variables):
        n_lat = variables[n.LATTICE_SILVER]
        self.rhs = {n_lat: -variables[n.reaction_current("negative", n.EXSOLUTION)] / F}

    def set_initial_conditions(self, variables):
        self.initial_conditions = {variables[n.LATTICE_SILVER]: variables[n.LATTICE_SILVER_INITIAL]}


class ResolvedExsolution(BaseElectrodeSubModel):
    """Exsolution resolved through the layer thickness, with a conductive front.

    The layer (x = 0 at the collector, x = L at the undoped electrolyte) is the ``"negative
    electrode"`` domain. The local exsolved concentration c_ex(x) grows by the same kinetics as the
    lumped model, per unit volume (j0_ex / L), but only where electrons reach:

        r(x) = A(x) (j0_ex / L) (1 - xi) B+,
        A(x) = exp(-(x - x_f)+ / lambda),   x_f = integral of S(xi(x)) dx,

    where S is the percolation switch of the local exsolved fraction xi = c_ex / c_Ag0 (it also
    switches the electronic conductivity from ~1e-10 to 2.5e-3 S/cm), x_f is the length of the
    percolated (electronically conductive) region measured from the collector, and lambda is the
    reach of electrons / Ag+ supply beyond it. With lambda >> L every point is reached and the model
    reduces exactly to :class:`LumpedExsolution`. The ohmic drop along the percolated Ag network,
    i x_f / sigma_e <= 0.4 mV at 1 mA/cm2, is neglected.
    """

    def __init__(self):
        super().__init__("negative", name="resolved silver exsolution")
        cite("Choi2025")

    def get_fundamental_variables(self):
        n_Ag0 = initial_lattice_silver()
        L = pybamm.Parameter(n.P_DOPED_THICKNESS)
        # state: the Ag left in the lattice locally (see LumpedExsolution)
        c_lat = pybamm.Variable(
            n.LOCAL_LATTICE_CONCENTRATION,
            domain="negative electrode",
            scale=4000,
        )
        c_Ag0 = n_Ag0 / L
        c_ex = c_Ag0 - c_lat
        xi = c_ex / (c_Ag0 + 1e-3 * self.eps / L)
        n_ex = pybamm.Integral(c_ex, X_LAYER)
        return {
            n.LOCAL_LATTICE_CONCENTRATION: c_lat,
            n.LOCAL_EXSOLVED_CONCENTRATION: c_ex,
            n.LOCAL_EXSOLVED_FRACTION: xi,
            n.EXSOLVED_SILVER: n_ex,
            n.LATTICE_SILVER_INITIAL: n_Ag0,
            n.EXSOLVED_FRACTION: n_ex / (n_Ag0 + 1e-3 * self.eps),
        }

    def get_coupled_variables(self, variables):
        x = X_LAYER
        L = pybamm.Parameter(n.P_DOPED_THICKNESS)
        lam = pybamm.Parameter(n.P_ELECTRON_REACH)
        xi = variables[n.LOCAL_EXSOLVED_FRACTION]
        E = variables[n.surface_potential("negative")]
        x_f = pybamm.Integral(percolation(xi), x)
        reach = pybamm.exp(-smooth_positive(x - x_f, L * 1e-3) / lam)
        c_Ag0 = variables[n.LATTICE_SILVER_INITIAL] / L
        # linear in the remaining lattice Ag (see LumpedExsolution)
        a_lat = variables[n.LOCAL_LATTICE_CONCENTRATION] / (c_Ag0 + 1e-3 * self.eps / L)
        r = reach * self.butler_volmer(_j0(self.T) / L, E - _ocp(), cathodic=a_lat, anodic=0)
        sigma_e, sigma_i = _conductivities(xi)
        one = pybamm.PrimaryBroadcast(1, "negative electrode")
        return {
            n.LOCAL_EXSOLUTION_RATE: r,
            n.reaction_current("negative", n.EXSOLUTION): pybamm.Integral(r, x),
            n.FRONT_POSITION: x_f,
            n.LOCAL_ELECTRONIC_CONDUCTIVITY: sigma_e,
            n.LAYER_ELECTRONIC_CONDUCTIVITY: L / pybamm.Integral(one / sigma_e, x),
            n.LAYER_IONIC_CONDUCTIVITY: L / pybamm.Integral(one / sigma_i, x),
            n.DOPED_LAYER_OVERPOTENTIAL: variables[n.CURRENT_DENSITY]
            * pybamm.Integral(one / sigma_i, x),
        }

    def set_rhs(self, variables):
        c_lat = variables[n.LOCAL_LATTICE_CONCENTRATION]
        r = variables[n.LOCAL_EXSOLUTION_RATE]
        self.rhs = {c_lat: -r / F}

    def set_initial_conditions(self, variables):
        c_lat = variables[n.LOCAL_LATTICE_CONCENTRATION]
        c_Ag0 = variables[n.LATTICE_SILVER_INITIAL] / pybamm.Parameter(n.P_DOPED_THICKNESS)
        self.initial_conditions = {c_lat: pybamm.PrimaryBroadcast(c_Ag0, "negative electrode")}


def _j0(T):
    return pybamm.FunctionParameter(n.P_EXSOLUTION_J0, {"Temperature [K]": T})


def _ocp():
    return pybamm.Parameter(n.P_EXSOLUTION_OCP)
