"""Limits that reduce to PyBaMM's own models or to closed-form results."""

from __future__ import annotations

import numpy as np
import pybamm
import pytest

from anodefree_sim import names as n
from anodefree_sim.simulation import run_case

F, R = 96485.33212, 8.314462618


def _const(value):
    return lambda T: value + 0 * T


def test_li_counter_electrode_reduces_to_pybamm_lithium_metal_interface():
    """A Li counter electrode at PyBaMM's exchange-current density shows PyBaMM's overpotential."""
    pv_ref = pybamm.ParameterValues("Xu2019")
    sol = pybamm.Simulation(pybamm.lithium_ion.SPM({"working electrode": "positive"}),
                            parameter_values=pv_ref).solve([0, 600])
    j0 = float(sol["Lithium metal interface exchange current density [A.m-2]"].entries[-1])
    eta = float(sol["Lithium metal interface reaction overpotential [V]"].entries[-1])
    i = float(sol["Current [A]"].entries[-1]) / (pv_ref["Electrode width [m]"] * pv_ref["Electrode height [m]"])
    T = pv_ref["Ambient temperature [K]"]

    model = pybamm.Model("AnodeFreeHalfCell", {"nucleation": "none"})
    pv = pybamm.ParameterValues("Choi2025")
    pv.update({n.P_TEMPERATURE: T, n.P_CURRENT: i * pv[n.P_AREA], n.p_plating_j0("counter"): _const(j0)})
    ours = pybamm.Simulation(model, parameter_values=pv).solve([0, 600])
    E_c = ours[n.surface_potential("counter")].entries[-1]
    # within 0.05 % (3 uV): the regularisation (availability of a 100 um foil, tanh saturation of eta)
    assert E_c == pytest.approx(abs(eta), rel=5e-4)


@pytest.mark.parametrize("kind_case", ["huang2024-symmetric-li"])
def test_symmetric_li_cell_matches_butler_volmer_plus_ohm(kind_case):
    """Li | SE | Li without nucleation: V = -[2 (2RT/F) asinh(i / 2 j0) + i (R_SE + 2 R_film)]."""
    r = run_case(kind_case, options={"nucleation": "none", "stack pressure": "none"})  # analytic: full contact
    pv, sol = r.parameter_values, r.solution
    T = pv[n.P_TEMPERATURE]
    i = pv[n.P_CURRENT] / pv[n.P_AREA]
    j0 = pv[n.p_plating_j0("negative")](T)
    R_se = sol[n.SE_RESISTANCE].entries[-1]
    R_film = pv[n.p_film_resistance("negative")] + pv[n.p_film_resistance("counter")]
    expected = -(2 * (2 * R * T / F) * np.arcsinh(i / (2 * j0)) + i * (R_se + R_film))
    t, V = r.table[n.TIME_H], r.table[n.VOLTAGE]
    steady = (t > 0.2) & (t < 0.9)
    np.testing.assert_allclose(V[steady], expected, rtol=1e-4)
