"""Anode-free full cells: PyBaMM limit, first-charge staging, Li bookkeeping (issue 3)."""

from __future__ import annotations

import numpy as np
import pybamm
import pytest

from anodefree_sim import names as n
from anodefree_sim.protocols import areal_experiment

F = 96485.33212


def _li_metal_limit(pv):
    """No doped layer, no alloy, a 100 um pre-plated Li reservoir, PyBaMM's Li-metal kinetics."""
    pv.update({
        "Exchange-current density for lithium metal electrode [A.m-2]": 10.0,
        n.p_plating_j0("negative"): lambda T: 10.0 + 0 * T,
        n.p_initial_plated("negative"): 100e-6 / 1.3e-5,
        n.p_initial_potential("negative"): 0.0,
        n.P_DOPED_THICKNESS: 0.0,
        n.P_SILVER_CONTENT: 0.0,
        "Initial concentration in positive electrode [mol.m-3]": 0.3 * 49000,
    })
    return pv


@pytest.mark.parametrize("cathode", ["SPM", "SPMe", "DFN"])
def test_reduces_to_pybamm_half_cell_within_1_mV(cathode):
    pv = _li_metal_limit(pybamm.ParameterValues("Choi2025Pouch"))
    experiment = pybamm.Experiment(["Discharge at 2.8 mA until 3.0 V"])
    reference = getattr(pybamm.lithium_ion, cathode)({"working electrode": "positive"})
    # tight tolerances for both: at the end-of-discharge knee the default ones (rtol 1e-6) leave ~1 mV of
    # step-size noise between any two formulations (7.5e-6 V apart at rtol 1e-9)
    def solver():
        return pybamm.IDAKLUSolver(rtol=1e-9, atol=1e-10)

    s_ref = pybamm.Simulation(reference, parameter_values=pv, experiment=experiment, solver=solver()).solve()
    ours = pybamm.Model("AnodeFreeFullCell", {"cathode model": cathode, "silver exsolution": "none",
                                              "lithium-silver alloy": "none", "nucleation": "none"})
    s = pybamm.Simulation(ours, parameter_values=pv, experiment=experiment, solver=solver()).solve()
    assert s.t[-1] == pytest.approx(s_ref.t[-1], rel=1e-4)  # a full discharge to 3.0 V
    t = np.linspace(1, min(s.t[-1], s_ref.t[-1]) - 1, 500)
    assert np.max(np.abs(s["Voltage [V]"](t) - s_ref["Voltage [V]"](t))) < 1e-3


@pytest.fixture(scope="module")
def first_cycle():
    model = pybamm.Model("AnodeFreeFullCell", {"cathode model": "SPMe", "alloy hysteresis": "one-state"})
    pv = pybamm.ParameterValues("Choi2025Pouch")
    # without the NCM811 lithiation limit (on by default, tests/test_inventory.py) the discharge is limited by the
    # negative: it strips all the plated Li, then de-alloys, which is what these tests follow
    pv.update({n.P_POSITIVE_DIFFUSIVITY_RATIO: 1.0})
    exp = areal_experiment(["Charge at 0.7 mA.cm-2 until 4.3 V", "Discharge at 0.7 mA.cm-2 until 2.5 V"],
                           pv[n.P_AREA])
    return pybamm.Simulation(model, parameter_values=pv, experiment=exp).solve(), pv


def test_starts_discharged_with_no_lithium_on_the_negative(first_cycle):
    sol, _ = first_cycle
    for name in (n.plated_lithium("negative"), n.alloy_lithium("negative"), n.EXSOLVED_SILVER):
        assert sol[name].entries[0] == 0.0
    assert sol["Voltage [V]"].entries[0] < 2.0  # pristine anode-free cell rests far below 2.5 V


def test_first_charge_goes_exsolution_then_alloying_then_plating(first_cycle):
    sol, pv = first_cycle
    charge = sol.cycles[0]
    q = -charge[n.DISCHARGE_CAPACITY].entries / pv[n.P_AREA] * 0.1  # mAh/cm2 charged
    xi = charge[n.EXSOLVED_FRACTION].entries
    y = charge[n.alloy_ratio("negative")].entries
    plated = charge[n.plated_lithium("negative")].entries
    E = charge[n.surface_potential("negative")].entries
    q_ex = q[np.argmax(xi > 0.99)]
    q_alloy = q[np.argmax(y > 0.1)]
    q_plate = q[np.argmax(plated > 0.01 * plated[-1])]
    assert q_ex <= q_alloy < q_plate
    # the stages sit at the potentials the physics gives: ~1.8 V, 0.25-0 V, below 0 V vs Li
    assert np.median(E[(q > 0.02) & (q < 0.08)]) == pytest.approx(1.78, abs=0.1)
    assert 0 < np.median(E[(q > q_alloy) & (q < q_alloy + 0.1)]) < 0.3
    assert np.median(E[q > q_plate + 0.5]) < 0
    # exsolution charge = the theoretical 48.9 mAh/g of the 10 um, 2.16 mg/cm2 doped layer
    # the lattice Li of exsolution: 0.106 mAh/cm2 per 10 um of doped layer (half cells, Fig. 2b)
    assert q_ex == pytest.approx(0.106 * pv[n.P_DOPED_THICKNESS] / 10e-6, rel=0.05)


def test_discharge_strips_plated_li_then_dealloys_and_keeps_the_silver(first_cycle):
    sol, _ = first_cycle
    dis = sol.cycles[1]
    plated = dis[n.plated_lithium("negative")].entries
    alloy = dis[n.alloy_lithium("negative")].entries
    k = np.argmax(plated < 0.01 * plated[0])
    assert alloy[0] - alloy[k] < 0.1 * (plated[0] - plated[k])  # metal first
    assert alloy[-1] < 0.1 * alloy[0]  # then the alloy empties
    assert dis[n.EXSOLVED_FRACTION].entries[-1] > 0.99  # Ag never returns to the lattice


def test_first_cycle_loss_is_the_exsolution_lithium(first_cycle):
    sol, pv = first_cycle
    q_ch = -sol.cycles[0][n.DISCHARGE_CAPACITY].entries[-1]
    q_dis = sol.cycles[1][n.DISCHARGE_CAPACITY].entries
    q_dis = q_dis[-1] - q_dis[0]
    loss = (q_ch - q_dis) / pv[n.P_AREA] * 0.1  # mAh/cm2
    lattice = sol[n.EXSOLVED_SILVER].entries[-1] * F / 36000
    dead = sol[n.dead_lithium("negative")].entries[-1] * F / 36000
    assert loss == pytest.approx(lattice + dead, abs=0.01)
    assert lattice == pytest.approx(0.106, rel=0.05)


def test_full_cell_conserves_lithium(first_cycle):
    sol, _ = first_cycle
    total = sol[n.TOTAL_LITHIUM].entries
    assert np.max(np.abs(total - total[0])) / total[0] < 1e-10


@pytest.fixture(scope="module")
def huang_full():
    import dataclasses

    from anodefree_sim.cases import get_case
    from anodefree_sim.simulation import run_case

    out = {}
    for kind in ("li4ag", "li9ag4", "li"):
        case = get_case(f"huang2024-full-{kind}")
        # the fresh anodes: no film growth (tested below), so the anode potential alone sets the voltage
        out[kind] = run_case(dataclasses.replace(case, steps=case.steps[:3]),
                             options={"interphase growth": "none"})
    return out


def test_huang_full_cells_run_and_the_anode_sets_the_voltage(huang_full):
    """Same cathode, three anodes: the anode potential sets the cell voltage and, through the fixed cell
    cut-off, the cathode's charge window.

    The cathode limits (7.64 mg/cm2 NCM811 at ~200 mAh/g; the alloys hold excess Li), but the cells charge to
    4.3 V *cell* voltage, so the cathode reaches 4.3 V + U_anode vs Li: 4.30 V over Li, 4.39 V over Li4Ag
    (gamma2/gamma1 plateau, 0.091 V) and 4.42 V over Li9Ag4 (in gamma2, ~0.12 V). The capacities therefore
    differ by the cathode capacity between those potentials; with Huang's DFT voltages read as the steps
    forming the next phase (issue 10 item 9) that is 5.1 % between Li and Li9Ag4. An earlier form of this test
    asked for a spread below 5 % "whatever the anode": a rule of thumb, not physics. It now checks the
    spread against the cathode's own OCP (Chen 2020 NMC811, the set's OCP function).
    """
    from scipy.optimize import brentq

    from anodefree_sim import cycling as cy

    v = {k: r.cycles[cy.MEAN_DISCHARGE_V][0] for k, r in huang_full.items()}
    # same cathode; the anode potential vs Li orders the cell voltage: Li (0 V) > Li4Ag > Li9Ag4
    assert v["li"] > v["li4ag"] > v["li9ag4"]
    q = {k: r.cycles[cy.DISCHARGE_CAPACITY][0] for k, r in huang_full.items()}
    assert np.mean(list(q.values())) == pytest.approx(7.64 * 0.2, rel=0.1)
    pv = huang_full["li"].parameter_values
    ocp = pv["Positive electrode OCP [V]"]
    q_cathode = (pv["Positive electrode thickness [m]"] * pv["Positive electrode active material volume fraction"]
                 * pv["Maximum concentration in positive electrode [mol.m-3]"] * 96485.33212 / 3.6e4)  # mAh/cm2
    sto_top = {}
    for kind, r in huang_full.items():
        V = r.solution[n.VOLTAGE].entries
        top = np.argmax(V > 4.3 - 1e-6)  # end of the first charge (cut-off 4.3 V)
        U_a = 0.0 if kind == "li" else float(r.solution[n.alloy_ocp("negative")].entries[top])
        cathode_top = 4.3 + U_a  # cathode potential vs Li at the cell's charge cut-off [V]
        sto_top[kind] = brentq(lambda x, E=cathode_top: float(ocp(pybamm.Scalar(x)).evaluate()) - E, 0.05, 0.99)
    for kind in ("li4ag", "li9ag4"):
        expected = q_cathode * (sto_top["li"] - sto_top[kind])
        assert q[kind] - q["li"] == pytest.approx(expected, rel=0.1)
    assert q["li9ag4"] > q["li4ag"] > q["li"]


def test_prealloyed_anodes_keep_their_alloy(huang_full):
    for kind, y_min in (("li4ag", 3.5), ("li9ag4", 1.8)):
        y = huang_full[kind].solution[n.alloy_ratio("negative")].entries
        assert y.min() > y_min  # the cell cycles a small part of the alloy's Li


# ---------------------------------------------------------------- T10: interphase growth (Huang Fig. 5d)
#: Huang 2024 Fig. 5d and text: retention after 50 (Li: 7) cycles; discharge capacity at cycles 1 / 30
HUANG_RETENTION = {"li4ag": 72.1, "li9ag4": 58.8, "li": 10.8}
HUANG_CYCLE30 = {"li4ag": 157 / 184 * 100, "li9ag4": 121 / 183 * 100}


@pytest.fixture(scope="module")
def huang_cycled():
    from anodefree_sim.simulation import run_case

    return {kind: run_case(f"huang2024-full-{kind}") for kind in HUANG_RETENTION}


def _retention(result):
    from anodefree_sim import cycling as cy

    q = np.asarray(result.cycles[cy.DISCHARGE_CAPACITY])
    return 100 * q / q[0]


def test_regression_T10_retention_ordering_li4ag_li9ag4_li(huang_cycled):
    """Regression: the interphase growth coefficient k_f of each anode was calibrated to this number
    (tools/calibrate_interphase.py)."""
    ret = {k: _retention(r)[-1] for k, r in huang_cycled.items()}
    assert ret["li4ag"] > ret["li9ag4"] > ret["li"]
    # the growth coefficients are fitted to these retentions (tools/calibrate_interphase.py): 1 point
    for kind, target in HUANG_RETENTION.items():
        assert ret[kind] == pytest.approx(target, abs=1.0)


def test_T10_thirtieth_cycle_is_predicted_within_10_points(huang_cycled):
    """Not fitted: the capacity at cycle 30 follows from the linear-in-throughput film growth."""
    for kind, target in HUANG_CYCLE30.items():
        assert _retention(huang_cycled[kind])[29] == pytest.approx(target, abs=10.0)


def test_film_resistance_grows_with_the_charge_throughput(huang_cycled):
    pv = huang_cycled["li4ag"].parameter_values
    sol = huang_cycled["li4ag"].solution
    t = sol.t
    i = sol[n.CURRENT_DENSITY].entries
    throughput = np.concatenate([[0], np.cumsum(0.5 * (np.abs(i[1:]) + np.abs(i[:-1])) * np.diff(t))])
    R_f = sol[n.film_resistance("negative")].entries
    expected = pv[n.p_film_resistance("negative")] + pv[n.p_film_growth("negative")] * throughput
    assert R_f[-1] > 10 * R_f[0]
    np.testing.assert_allclose(R_f, expected, rtol=2e-3)


def test_without_interphase_growth_the_anodes_fade_alike():
    import dataclasses

    from anodefree_sim.cases import get_case
    from anodefree_sim.simulation import run_case

    ret = []
    for kind in ("li4ag", "li9ag4", "li"):
        case = get_case(f"huang2024-full-{kind}")
        r = run_case(dataclasses.replace(case, steps=case.steps[:6]), options={"interphase growth": "none"})
        ret.append(_retention(r)[-1])
    assert np.ptp(ret) < 0.5
