"""Issue 13: the "mechanics" stack-pressure option (contact mechanics, creep, vacancy self-diffusion).

Each comparison with a paper says whether the number was fitted (a regression test) or predicted.
The only calibrated parameter is the vacancy sink distance (to Kasemchainan 2019, 0.2 mA/cm2 at 3 MPa).
"""

from __future__ import annotations

import numpy as np
import pybamm
import pytest
from anodefree_sim.models.solver import default_solver
from anodefree_sim.parameter_sets.li_mechanics import MECHANICS

from anodefree_sim import names as n
from anodefree_sim.cases import get_case
from anodefree_sim.options import validate_options
from anodefree_sim.protocols import areal_experiment
from anodefree_sim.simulation import CaseSimulation, case_parameter_values
from anodefree_sim.studies.stripping import (
    critical_stripping_current,
    mechanics_parameter_values,
    run_mechanics,
    steady_onset_current,
)
from anodefree_sim.submodels.contact_mechanics import pressure_contact

CSC = n.CRITICAL_STRIPPING_CURRENT
STRIPPED = "counter"


def _contact(P: float) -> float:
    pv = mechanics_parameter_values(P, 298.15)
    return float(np.squeeze(pv.process_symbol(pressure_contact(pybamm.Parameter(n.P_STACK_PRESSURE))).evaluate()))


def _shorted(solution, n_steps: int) -> bool:
    return sum(c is not None for c in solution.cycles) < n_steps


@pytest.fixture(scope="module")
def staircase_3MPa():
    return critical_stripping_current(3e6)


def test_option_is_registered():
    assert validate_options({"stack pressure": "mechanics"})["stack pressure"] == "mechanics"
    with pytest.raises(ValueError, match="pressure"):
        mechanics_parameter_values(-1.0, 298.15)


def test_contact_fraction_rises_with_pressure_and_saturates():
    """Plastic asperity contact 1 - exp(-P / 3 sigma_y): monotone, -> 1 at high pressure."""
    P = [0.5e6, 1e6, 2e6, 3e6, 5e6, 10e6, 20e6, 100e6]
    phi = [_contact(p) for p in P]
    assert all(a < b for a, b in zip(phi, phi[1:], strict=False))
    assert phi[0] < 0.3 and phi[-1] == pytest.approx(1.0, abs=1e-9)
    assert phi[-2] / phi[-3] < 1.02  # saturated by 10-20 MPa


def test_regression_kasemchainan_csc_at_3_MPa(staircase_3MPa):
    """FITTED (regression): the vacancy sink distance was set so that voids start growing at 0.2 mA/cm2
    at 3 MPa, 25 C (Kasemchainan et al., Nat. Mater. 18, 1105, 2019). The staircase (0.05 mA/cm2 steps)
    then reports the first step above it."""
    assert steady_onset_current(3e6) == pytest.approx(0.2, rel=1e-6)
    assert staircase_3MPa[CSC] == pytest.approx(0.25)
    assert staircase_3MPa[n.P_STACK_PRESSURE] == 3e6 and "staircase" in staircase_3MPa[n.STRIPPING_PROTOCOL]


def test_voids_grow_only_above_the_critical_stripping_current(staircase_3MPa):
    for row in staircase_3MPa[n.STRIPPING_STEPS]:
        j, delta = row[n.CURRENT_DENSITY_MA], row[n.void_thickness(STRIPPED)]
        if j < 0.2:
            assert delta < 1e-12
        elif j > 0.2:
            assert delta > 1e-6  # grown past the contact-loss length
    rows = staircase_3MPa[n.STRIPPING_STEPS]
    assert rows[-1][n.contact_fraction(STRIPPED)] < 1e-3


def test_csc_rises_modestly_with_pressure():
    """PREDICTED: through the contact area only, 1 -> 20 MPa raises the CSC ~3x (not 10^4x, issue 13).
    Kasemchainan's 7 MPa value is higher than at 3 MPa [physics-facts: recalled, number not retrieved]:
    model 0.27 mA/cm2."""
    onset = [steady_onset_current(P) for P in (1e6, 3e6, 5e6, 7e6, 10e6, 20e6)]
    assert all(a < b for a, b in zip(onset, onset[1:], strict=False))
    assert onset[-1] / onset[0] < 5
    assert onset[3] == pytest.approx(0.265, abs=0.01)


@pytest.mark.slow
def test_staircase_at_20_MPa_stays_below_half_a_mA_per_cm2():
    """PREDICTED: creep at 20 MPa does not close micron-size voids (Li is strong at small size, Xu 2017)."""
    r = critical_stripping_current(20e6)
    assert 0.25 <= r[CSC] <= 0.4


def test_csc_rises_with_temperature():
    """PREDICTED trend (CCD rises with temperature, e.g. Choi 2025 and Spencer-Jolly 2023 at 60 C): the
    self-diffusion activation energy 0.55 eV gives ~9.5x from 25 to 60 C."""
    cold, warm = steady_onset_current(3e6, 298.15), steady_onset_current(3e6, 333.15)
    assert 5 < warm / cold < 15


def test_nothing_changes_at_zero_current():
    sol = run_mechanics([("Rest for 10 hours",)], 3e6)
    delta = sol[n.void_thickness(STRIPPED)].entries
    phi = sol[n.contact_fraction(STRIPPED)].entries
    assert np.all(delta == 0) and np.ptp(phi) == 0
    assert np.all(sol[n.short_circuit_margin(STRIPPED)].entries == 1)


def test_creep_closes_voids_at_rest_only_at_high_pressure():
    """PREDICTED: creep (Masias n, Q; Budiansky void closure; size-dependent strength) shrinks micron voids
    at 100 MPa by > 5 % in 10 h of rest, and by < 0.1 % at 3 MPa (Kasemchainan: voids persist at 3 MPa)."""
    steps = [("Discharge at 0.4 mA.cm-2 for 1 mA.h.cm-2",), ("Rest for 10 hours",)]
    for P, closes in ((3e6, False), (100e6, True)):
        rest = run_mechanics(steps, P).cycles[1]
        delta = rest[n.void_thickness(STRIPPED)].entries
        assert delta[0] > 1e-6
        shrink = 1 - delta[-1] / delta[0]
        assert (shrink > 0.05) if closes else (shrink < 1e-3)
        assert np.all(np.diff(delta) <= 1e-15)


def test_reduces_to_perfect_contact_at_very_high_pressure():
    steps = [("Discharge at 0.1 mA.cm-2 for 0.5 mA.h.cm-2",), ("Rest for 1 hour",)]
    mech = run_mechanics(steps, 1e9)
    none = run_mechanics(steps, 1e9, options={"stack pressure": "none"})
    for a, b in zip(mech.cycles, none.cycles, strict=True):
        assert a["Voltage [V]"].entries[-1] == pytest.approx(b["Voltage [V]"].entries[-1], abs=1e-7)
    # (different adaptive time steps: compare the whole curves to the interpolation error only)
    np.testing.assert_allclose(mech["Voltage [V]"].entries, none["Voltage [V]"](mech.t), atol=1e-5)
    assert np.all(mech[n.contact_overpotential(STRIPPED)].entries == pytest.approx(0, abs=1e-12))


def test_lithium_conserved_with_voids():
    steps = [("Discharge at 0.4 mA.cm-2 for 1 mA.h.cm-2",), ("Charge at 0.1 mA.cm-2 for 0.5 mA.h.cm-2",)]
    sol = run_mechanics(steps, 3e6)
    total = sol[n.TOTAL_LITHIUM].entries
    assert np.max(np.abs(total - total[0])) / total[0] < 1e-10


def test_voids_left_by_stripping_short_the_next_plating():
    """PREDICTED, Kasemchainan 2019 mechanism: after stripping above the CSC, plating at 1 mA/cm2 onto the
    voided electrode shorts (current focused on 1 % of the area); on a fresh interface it does not."""
    plate = ("Charge at 1 mA.cm-2 for 1 mA.h.cm-2",)
    voided = run_mechanics([("Discharge at 0.4 mA.cm-2 for 1 mA.h.cm-2",), plate], 3e6)
    fresh = run_mechanics([plate], 3e6)
    assert _shorted(voided, 2)
    assert not _shorted(fresh, 1)
    assert fresh.cycles[0][n.short_circuit_margin(STRIPPED)].entries.min() > 0.3


def test_doux_li_lpscl_stable_at_5_MPa_for_1000_h():
    """PREDICTED: Doux et al., Adv. Energy Mater. 2020: Li | Li6PS5Cl | Li at 5 MPa cycles > 1000 h.
    Protocol assumed (0.1 mA/cm2, 10 h half cycles, 1000 h): no voids, no short."""
    sol = run_mechanics([("Discharge at 0.1 mA.cm-2 for 10 hours", "Charge at 0.1 mA.cm-2 for 10 hours")] * 50,
                        5e6)
    assert sum(c is not None for c in sol.cycles) == 50
    assert sol["Time [h]"].entries[-1] == pytest.approx(1000)
    assert sol[n.void_thickness(STRIPPED)].entries.max() < 1e-9


@pytest.mark.xfail(strict=True, reason="mismatch: model keeps full contact at 0.2 mA/cm2 without pressure "
                                       "(onset 0.28 mA/cm2 with the 20 MPa assembly contact) vs Singh 2022: "
                                       "contact lost after ~15 h")
def test_singh_contact_lost_after_15_h_without_pressure():
    """PREDICTED vs Singh et al., Cell Rep. Phys. Sci. 3, 101043 (2022): no stack pressure, 0.2 mA/cm2,
    contact lost after ~15.4 h. Assembly at 20 MPa (Singh's lowest fabrication pressure)."""
    sol = run_mechanics([("Discharge at 0.2 mA.cm-2 for 20 hours",)], 0.0,
                        overrides={n.P_ASSEMBLY_PRESSURE: 20e6})
    t = sol["Time [h]"].entries
    phi = sol[n.contact_fraction(STRIPPED)].entries
    lost = t[np.argmax(phi < 0.1 * phi[0])] if np.any(phi < 0.1 * phi[0]) else np.inf
    assert 7 < lost < 30


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="mismatch: with the 'mechanics' option the Choi bilayer CCD cell (20 MPa, "
                                       "60 C) stops at 3.5 mA/cm2, at its Li counter electrode (voids stripped "
                                       "above 2.7 mA/cm2, then plated onto), vs Choi 2025 Fig. 3b: 6.0 mA/cm2")
def test_choi_bilayer_ccd_with_mechanics():
    """PREDICTED vs Choi 2025 Fig. 3b (CCD 6.0 mA/cm2 for the x = 0.6 bilayer; not fitted here)."""
    case = get_case("choi2025-ccd")
    pv = case_parameter_values(case)
    pv.update(MECHANICS, check_already_exists=False)
    model = pybamm.Model(case.model, {**case.options, "stack pressure": "mechanics"})
    sim = CaseSimulation(model, parameter_values=pv, experiment=areal_experiment(list(case.steps), pv[n.P_AREA]),
                         solver=default_solver())
    sol = sim.solve()
    completed = sum(c is not None for c in sol.cycles)
    ccd = 0.5 * (completed + 1)  # steps of 0.5 mA/cm2: the first step that did not complete
    assert ccd == pytest.approx(6.0, abs=0.6)
