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
from anodefree_sim.cases import CASES, get_case
from anodefree_sim.options import validate_options
from anodefree_sim.protocols import areal_experiment
from anodefree_sim.simulation import CaseSimulation, case_parameter_values, run_case
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
    # the contact spots, creeping under the pressure concentrated on them and shrinking with the contact, hold
    # only ~0.03 % (0.3 mA/cm2, the last step completed; the contact is lost in the 0.4 mA/cm2 step)
    assert 1e-4 < rows[-1][n.contact_fraction(STRIPPED)] < 1e-3


def _stripping_overpotential(j: float, q: float, P: float = 3e6):
    """Strip the counter Li of Li | Li6PS5Cl | Li at ``j`` mA/cm2 for ``q`` mA.h/cm2: stripped charge
    [mA.h.cm-2], contact overpotential [V] and the outcome."""
    sol, end = run_mechanics([(f"Discharge at {j:g} mA.cm-2 for {q:g} mA.h.cm-2",)], P, with_outcome=True)
    return sol["Time [h]"].entries * j, sol[n.contact_overpotential(STRIPPED)].entries, end


def test_stripping_overpotential_rises_above_the_csc_and_stays_flat_below():
    """PREDICTED (nothing fitted to voltage curves), Kasemchainan 2019 [R, not re-read]: at 3 MPa the stripping
    voltage stays flat below the critical stripping current and rises with the stripped charge above it until
    the cell fails. Model (25 C): at 0.15 mA/cm2 the contact overpotential stays < 0.1 mV over 3 mA.h/cm2; at
    0.3 mA/cm2 it never falls and rises from ~1.3 mV at 0.5 mA.h/cm2 to ~0.75 V at 2 mA.h/cm2 (> 300x over
    1.5 mA.h/cm2, the contact spots shrinking as the voids grow), where it levels off just below the 1 V of lost
    contact; at 0.5 mA/cm2 the contact is lost within the first 2 mA.h/cm2."""
    q, eta, end = _stripping_overpotential(0.15, 3.0)
    assert end.outcome == n.OUTCOME_COMPLETED and np.abs(eta).max() < 1e-4
    q, eta, end = _stripping_overpotential(0.3, 3.0)
    assert end.outcome == n.OUTCOME_COMPLETED
    assert np.all(np.diff(eta) >= -1e-5)  # monotone in the stripped charge (to the solver noise on the plateau)
    at = {x: float(np.interp(x, q, eta)) for x in (0.5, 2.0, 3.0)}
    assert at[0.5] < 5e-3 and at[2.0] > 300 * at[0.5] and 0.5 < at[3.0] < 1.0
    q, eta, end = _stripping_overpotential(0.5, 3.0)
    assert end.event == n.event_contact_lost(STRIPPED) and q[-1] < 2.0


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
    """PREDICTED: creep (Masias n, Q; Budiansky void closure and the contact spots creeping under P / phi;
    size-dependent strength) shrinks micron voids at 100 MPa by > 30 % in 10 h of rest; at 3 MPa the spots'
    creep rate falls steeply (power law, n = 6.6) as their stress nears their strength, so the voids shrink
    by < 10 % and the contact stays
    a few % (Kasemchainan: voids persist at 3 MPa). At 100 MPa > p_c (92 MPa for the 2 um flaws) the plating
    side's filled flaws crack at once (Huang's Li short, E4), so the short event is off here (K_Ic only sets the
    flaw limit, not the solution): this test is about the stripped side's voids."""
    steps = [("Discharge at 0.4 mA.cm-2 for 1 mA.h.cm-2",), ("Rest for 10 hours",)]
    for P, closes in ((3e6, False), (100e6, True)):
        rest = run_mechanics(steps, P, overrides={n.P_FRACTURE_TOUGHNESS: 1e9}).cycles[1]
        delta = rest[n.void_thickness(STRIPPED)].entries
        assert delta[0] > 1e-6
        shrink = 1 - delta[-1] / delta[0]
        assert (shrink > 0.3) if closes else (shrink < 0.1)
        if not closes:
            assert rest[n.contact_fraction(STRIPPED)].entries[-1] < 0.05
        assert np.all(np.diff(delta) <= 1e-15)


def test_reduces_to_perfect_contact_at_very_high_pressure():
    """100 MPa: contact 1 - exp(-42), no voids at 0.1 mA/cm2. 100 MPa is above p_c = 92 MPa (2 um flaws), where a
    Li foil's filled flaws crack at the first plating current (Huang's Li short, E4), so the short event is off
    here (K_Ic only sets the flaw limit, not the solution)."""
    steps = [("Discharge at 0.1 mA.cm-2 for 0.5 mA.h.cm-2",), ("Rest for 1 hour",)]
    mech = run_mechanics(steps, 100e6, overrides={n.P_FRACTURE_TOUGHNESS: 1e9})
    none = run_mechanics(steps, 100e6, options={"stack pressure": "none"})
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


def test_plating_refills_the_voids_left_by_stripping():
    """Li plated at the void-free contact flows into the voids (share 1, weighted by the voided share
    1 - phi / phi_P): after a strip above the CSC the next plating (below the short) closes the voids and
    restores the pressure contact; with a refill share of 0 the voids stay (creep cannot close them at 3 MPa).
    With the 2 um flaws (limit 2.1 mA/cm2 at 3 MPa, 25 C, over the remaining contact) this 0.5 mA/cm2 plating onto
    the voided foil shorts (the mechanism of the test above), so the short event is off here (K_Ic only sets the
    flaw limit, not the solution): this test is about the refill."""
    steps = [("Discharge at 1 mA.cm-2 for 0.3 mA.h.cm-2",), ("Charge at 0.5 mA.cm-2 for 1 mA.h.cm-2",)]
    for share, left in ((1.0, (0.0, 0.05)), (0.0, (0.99, 1.0))):
        sol = run_mechanics(steps, 3e6, overrides={n.P_VOID_PLATING_REFILL: share, n.P_FRACTURE_TOUGHNESS: 1e9})
        if share == 1.0:  # the refill term is off while stripping even where it is on
            assert sol.cycles[0][n.plating_refill_velocity(STRIPPED)].entries.max() < 1e-15
        assert not _shorted(sol, 2)
        stripped = sol.cycles[0][n.void_thickness(STRIPPED)].entries[-1]
        plated = sol.cycles[1][n.void_thickness(STRIPPED)].entries[-1]
        assert stripped > 1e-6  # ~1.3 um of voids after 0.3 mA.h.cm-2 at 1 mA/cm2
        assert left[0] * stripped <= plated <= left[1] * stripped
    assert sol.cycles[1][n.plating_refill_velocity(STRIPPED)].entries.max() == 0  # share 0: no refill term


def test_only_lithium_metal_plating_refills_voids():
    """Issue 13 review: the void refill is driven by the Li-METAL plating current, not the lithiating current.
    Li4Ag | LPSC | Li4Ag at 1 MPa (Huang's protocol, 0.2 mA/cm2): the stripped counter electrode voids
    (~0.6 um); the next charge lithiates it at 0.2 mA/cm2 for 1 h, all into the alloy (no Li metal plates), and
    leaves its voids unchanged. Driven by the applied current, the refill would have been up to
    s v (1 - phi/phi_P) ~ 1 um in that hour, more than the voids."""
    r = run_case(_short("huang2024-symmetric-li4ag", 1), overrides={n.P_STACK_PRESSURE: 1e6})
    strip, charge = r.solution.cycles[0].steps
    assert strip[n.void_thickness(STRIPPED)].entries[-1] > 0.3e-6
    assert np.abs(charge[n.reaction_current(STRIPPED, n.PLATING)].entries).max() < 1e-6
    assert np.all(charge[n.CURRENT_DENSITY].entries < -1.9)  # a charge lithiates the counter at 0.2 mA/cm2
    voids = charge[n.void_thickness(STRIPPED)].entries
    assert np.ptp(voids) < 1e-3 * voids[0]
    assert np.abs(charge[n.plating_refill_velocity(STRIPPED)].entries).max() < 1e-15


def test_voids_accumulate_over_cycles_and_short_a_later_plating():
    """PREDICTED, Kasemchainan 2019 (voids accumulate cycle by cycle above the CSC, then a plating shorts):
    Li | Li6PS5Cl | Li at 3 MPa cycled 0.2 mA.h.cm-2 each way at 0.3 mA/cm2 (CSC 0.2). Plating refills only
    part of each strip's voids, so they grow from cycle to cycle and a plating shorts after several cycles, not
    in the first; without the refill it shorts sooner. A fresh interface takes the same plating without short
    (test above). The short is driven by the stripping history alone."""
    cycle = ("Discharge at 0.3 mA.cm-2 for 0.2 mA.h.cm-2", "Charge at 0.3 mA.cm-2 for 0.2 mA.h.cm-2")
    done = {}
    for share in (1.0, 0.0):
        sol, end = run_mechanics([cycle] * 15, 3e6, overrides={n.P_VOID_PLATING_REFILL: share}, with_outcome=True)
        assert end.outcome == n.OUTCOME_SHORT_CIRCUIT and end.event == n.event_short_circuit(STRIPPED)
        assert end.step.startswith("Charge")  # on a plating of the stripped electrode
        full = [c for c in sol.cycles if c is not None and len(c.steps) == 2]
        voids = [c[n.void_thickness(STRIPPED)].entries[-1] for c in full]
        assert np.all(np.diff(voids) > 0)  # accumulating
        done[share] = len(full)
    assert done[0.0] >= 2 and done[1.0] > done[0.0] + 3


def test_doux_li_lpscl_stable_at_5_MPa_for_1000_h():
    """PREDICTED: Doux et al., Adv. Energy Mater. 2020: Li | Li6PS5Cl | Li at 5 MPa cycles > 1000 h.
    Protocol assumed (0.1 mA/cm2, 10 h half cycles, 1000 h): no voids, no short."""
    sol = run_mechanics([("Discharge at 0.1 mA.cm-2 for 10 hours", "Charge at 0.1 mA.cm-2 for 10 hours")] * 50,
                        5e6)
    assert sum(c is not None for c in sol.cycles) == 50
    assert sol["Time [h]"].entries[-1] == pytest.approx(1000)
    assert sol[n.void_thickness(STRIPPED)].entries.max() < 1e-9


@pytest.mark.xfail(strict=True, reason="mismatch: model keeps full contact for 20 h at 0.2 mA/cm2 without "
                                       "pressure: the void onset (vacancy diffusion at full contact) is 0.28 "
                                       "mA/cm2, so no voids form and the contact-spot creep never acts; vs Singh "
                                       "2022: contact lost after ~15.4 h")
def test_singh_contact_lost_after_15_h_without_pressure():
    """PREDICTED vs Singh et al., Cell Rep. Phys. Sci. 3, 101043 (2022), Fig. 5 (GEIS under unidirectional
    current): Li | SG-Li6PS5Cl | Li fabricated at an isostatic pressure of 265 MPa, then no stack pressure beyond
    the atmosphere, 0.2 mA/cm2 at 298 K: the voltage rises suddenly (contact lost) after ~15.4 h (~15 um stripped).
    (The 20 MPa cells are Singh's impedance and CCD cells, Figs. 4 and 8, not this experiment.)"""
    sol = run_mechanics([("Discharge at 0.2 mA.cm-2 for 20 hours",)], 0.0, 298.15,
                        overrides={n.P_ASSEMBLY_PRESSURE: 265e6})
    t = sol["Time [h]"].entries
    phi = sol[n.contact_fraction(STRIPPED)].entries
    assert phi[0] == pytest.approx(1.0, abs=1e-9)  # 265 MPa: full contact (Singh Fig. 4C: no interface arc)
    lost = t[np.argmax(phi < 0.1 * phi[0])] if np.any(phi < 0.1 * phi[0]) else np.inf
    assert 7 < lost < 30


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="mismatch: with the 'mechanics' option the Choi bilayer CCD cell (20 MPa, "
                                       "60 C) stops at 3.5 mA/cm2, at its Li counter electrode (voids stripped "
                                       "above 2.7 mA/cm2, then plated onto), vs Choi 2025 Fig. 3b: 6.0 mA/cm2")
def test_choi_bilayer_ccd_with_mechanics():
    """PREDICTED vs Choi 2025 Fig. 3b (CCD 6.0 mA/cm2 for the x = 0.6 bilayer; not fitted here).

    What limits it (measured 2026-11-29): not the bilayer side (its short-circuit margin is still 0.63 at 3.0
    mA/cm2) but Choi's 100 um Li counter foil. (1) Stripped at 3.0 mA/cm2 it voids (2.7 um, contact 6 %): its void
    onset, vacancy self-diffusion at full contact, is F D*(60 C) / (V_Li l_v) = 2.66 mA/cm2 (l_v calibrated to
    Kasemchainan at 25 C, D* Arrhenius with 0.55 eV). (2) The 20 MPa stack pressure does not close the voids:
    the Budiansky closure uses Xu's size-dependent strength at the void thickness (132 MPa at 1 um), giving
    ~1e-18 m/s against 5e-9 m/s stripped (with the bulk 0.8 MPa the same closure would be ~3e-4 m/s, which is
    why the issue found that no void could form at 20 MPa). (3) The next plating onto the voided foil focuses
    3.5 mA/cm2 on 6 % of the area, far above the 2 um flaws' limit of ~8 mA/cm2 at full contact: counter short.
    Choi's foil takes 6 mA/cm2 for 1 mAh/cm2 without failing, so either the strength of Li around a micron-thin
    void is far below Xu's pillar strength, or vacancy transport in Li at 60 C is faster than D* / l_v with l_v
    from 25 C; neither is changed here without a source."""
    case = get_case("choi2025-ccd-lumped")
    pv = case_parameter_values(case)
    pv.update(MECHANICS, check_already_exists=False)
    model = pybamm.Model(case.model, {**case.options, "stack pressure": "mechanics"})
    sim = CaseSimulation(model, parameter_values=pv, experiment=areal_experiment(list(case.steps), pv[n.P_AREA]),
                         solver=default_solver())
    sol = sim.solve()
    completed = sum(c is not None for c in sol.cycles)
    ccd = 0.5 * (completed + 1)  # steps of 0.5 mA/cm2: the first step that did not complete
    assert ccd == pytest.approx(6.0, abs=0.6)


# ---------------------------------------------------------------- pressure in the cases (issue 13, item 1)
#: cases run with the "mechanics" option and their stack pressure [Pa] (Choi Methods: half cells 20 MPa, pouch
#: 2.0 MPa; Huang Methods: 100 MPa with Li-Ag alloy electrodes, 10 MPa with Li)
MECHANICS_CASES = {
    "choi2025-cell-a": 20e6, "choi2025-cell-b": 20e6, "choi2025-bilayer-cycling": 20e6,
    "choi2025-pouch-60c": 2.0e6, "choi2025-pouch-30c": 2.0e6,
    "huang2024-symmetric-li4ag": 100e6, "huang2024-symmetric-li9ag4": 100e6, "huang2024-symmetric-li": 10e6,
    "huang2024-full-li4ag": 100e6, "huang2024-full-li9ag4": 100e6, "huang2024-full-li": 10e6,
    "li-lpscl-stripping": 3e6,
}


@pytest.mark.parametrize("name, pressure", MECHANICS_CASES.items())
def test_cases_run_with_the_mechanics_option_at_the_papers_pressure(name, pressure):
    case = get_case(name)
    assert case.options["stack pressure"] == "mechanics"
    assert case_parameter_values(case)[n.P_STACK_PRESSURE] == pressure


def test_cases_left_on_their_option_are_the_documented_ones():
    """choi2025-ccd-lumped stays on "contact" (choi2025-ccd, T5, runs the mixed-conducting layer; with
    "mechanics" the lumped staircase stops at 3.5 mA/cm2, the xfail below)."""
    assert get_case("choi2025-ccd-lumped").options["stack pressure"] == "contact"


def test_stack_pressure_opposes_extrusion_from_the_flaws():
    """Li plated into a flaw is extruded against the stack pressure: the flaw's critical current falls with P
    and vanishes at the flaw's fracture pressure p_c = K_Ic / sqrt(pi a) (92 MPa for 2 um, 0.23 MPa m^0.5):
    above it a Li-filled flaw cracks under the stack pressure alone (the mechanics penetration pressure)."""
    import math

    from anodefree_sim.submodels.contact_mechanics import flaw_critical_current, self_diffusivity

    pv = mechanics_parameter_values(3e6, 298.15)
    p_c = pv[n.P_FRACTURE_TOUGHNESS] / math.sqrt(math.pi * pv[n.P_FLAW_SIZE])
    assert p_c == pytest.approx(91.8e6, rel=0.01)
    T = pybamm.Scalar(298.15)

    def i_crit(P):
        expr = flaw_critical_current(T, self_diffusivity(T), None if P is None else pybamm.Scalar(P))
        return float(np.squeeze(pv.process_symbol(expr).evaluate())) / 10  # mA/cm2

    values = [i_crit(P) for P in (0.0, 10e6, 50e6, 0.9 * p_c, p_c, 200e6)]
    # P = 0 differs from no counter-pressure only by the smooth max's rounding (width 1e-3 p_c): ~1e-6 relative
    assert i_crit(None) == pytest.approx(values[0], rel=1e-5)
    assert all(a > b for a, b in zip(values, values[1:], strict=False))
    assert values[0] == pytest.approx(2.46, rel=0.01) and values[3] < 0.25 * values[0]
    assert values[-1] < 1e-3 * values[0]


def _shorts_at_100_mpa(full: bool) -> dict:
    """Which of Huang's cells (symmetric or full) end their first two cycles on a short at 100 MPa."""
    import dataclasses

    from anodefree_sim.simulation import StepEventError

    shorted = {}
    for kind in ("Li4Ag", "Li9Ag4", "Li"):
        case = get_case(f"huang2024-{'full' if full else 'symmetric'}-{kind.lower()}")
        try:
            r = run_case(dataclasses.replace(case, steps=case.steps[:2]), overrides={n.P_STACK_PRESSURE: 100e6},
                         allow_early_stop=True)
        except StepEventError as err:  # the event already fired at the start of the first step
            shorted[kind] = err.outcome.outcome == n.OUTCOME_SHORT_CIRCUIT
            continue
        shorted[kind] = r.outcome.outcome == n.OUTCOME_SHORT_CIRCUIT or _shorted(r.solution, 2)
    return shorted


def test_huang_100_mpa_only_li_shorts_with_mechanics():
    """PREDICTED vs Huang 2024 (E4; Fig. S6, E5): at 100 MPa only the Li cells short; the alloy electrodes take
    Li into the alloy, so their flaws never fill with Li metal (margin 1). With the 2 um flaws of the ledger
    (Choi's particles, Singh's roughness; not fitted to this) p_c = K_Ic / sqrt(pi a) = 92 MPa < 100 MPa: a
    Li foil's filled flaws crack under the stack pressure at the first plating current (the event fires at the
    start of the first step). With the former 1 um (p_c = 130 MPa) the Li cell kept a margin of 0.69."""
    assert _shorts_at_100_mpa(False) == {"Li4Ag": False, "Li9Ag4": False, "Li": True}
    assert _shorts_at_100_mpa(True) == {"Li4Ag": False, "Li9Ag4": False, "Li": True}


def test_flaws_short_only_once_filled_with_lithium_metal():
    """The flaw criterion needs Li metal as thick as the flaws (2 um) at the contact: at 25 C, 20 MPa, Cell A
    (1 mA/cm2 onto bare SUS, plating uniformity 0.3, local 3.3 mA/cm2 > i_crit 1.07 mA/cm2) does not short at
    t = 0 but once ~0.6 um of Li is plated (2 um locally, ~0.12 mAh/cm2); Cell B (Ag exsolution and alloying
    first, then plating on Ag seeds: uniform) reaches its 0.005 V cut-off; at 60 C neither shorts."""
    T = "Ambient temperature [K]"
    with pytest.raises(pybamm.SolverError, match="Negative short circuit"):
        run_case("choi2025-cell-a", overrides={T: 298.15})
    cold = run_case("choi2025-cell-a", overrides={T: 298.15}, allow_early_stop=True).solution
    assert 0.45e-6 < cold[n.plated_thickness("negative")].entries[-1] < 0.75e-6
    assert cold[n.short_circuit_margin("negative")].entries[0] > 0.99
    for name in ("choi2025-cell-a", "choi2025-cell-b"):
        assert run_case(name).solution[n.short_circuit_margin("negative")].entries.min() > 0
    b = run_case("choi2025-cell-b", overrides={T: 298.15}).table
    assert b[n.VOLTAGE][-1] == pytest.approx(0.005, abs=1e-3)


def _short(name: str, cycles: int):
    import dataclasses

    case = get_case(name)
    return dataclasses.replace(case, steps=case.steps[:cycles])


#: every case with a stack-pressure option on (issue 13: `--set "Stack pressure [Pa]=..."` must change its result)
PRESSURE_CASES = [name for name, case in CASES.items() if case.options.get("stack pressure", "none") != "none"]


def test_pressure_cases_are_the_expected_ones():
    """The sweep below covers every mechanics case and the "contact" CCD case (a new case joins it by itself)."""
    assert set(MECHANICS_CASES) | {"choi2025-ccd-lumped"} <= set(PRESSURE_CASES)


@pytest.mark.parametrize("name", PRESSURE_CASES)
def test_set_stack_pressure_changes_the_result(name):
    """`--set "Stack pressure [Pa]=..."` moves the result of every case with a pressure option on (first cycle,
    case pressure vs 0.5 MPa): the voltage, and with "mechanics" the contact (lower pressure, less contact at the
    start; later minima are not comparable: the 30 C pouch at 0.5 MPa shorts in its first charge, before the
    discharge that voids the 2 MPa one)."""
    case = get_case(name)
    short = _short(name, 1)
    base = run_case(short, allow_early_stop=True)
    lower = run_case(short, overrides={n.P_STACK_PRESSURE: 0.5e6}, allow_early_stop=True)
    P_used = {k: float(r.solution[n.P_STACK_PRESSURE].entries[-1]) for k, r in (("base", base), ("low", lower))}
    assert P_used["base"] == case_parameter_values(case)[n.P_STACK_PRESSURE] != P_used["low"] == 0.5e6
    if case.options["stack pressure"] == "mechanics":
        phi = {k: min(r.table[n.contact_fraction(e)][0] for e in n.ELECTRODES
                      if n.contact_fraction(e) in r.table) for k, r in (("base", base), ("low", lower))}
        assert phi["low"] < phi["base"]
    t = np.linspace(0, min(base.table[n.TIME_H][-1], lower.table[n.TIME_H][-1]), 200)
    v_base = np.interp(t, base.table[n.TIME_H], base.table[n.VOLTAGE])
    v_low = np.interp(t, lower.table[n.TIME_H], lower.table[n.VOLTAGE])
    assert np.max(np.abs(v_base - v_low)) > 1e-4


def test_stripping_an_alloy_electrode_voids_too():
    """Issue 13: the Li4Ag electrodes of Huang's symmetric cell void when stripped above the onset (1 MPa:
    phi_P = 0.34, onset ~0.1 mA/cm2 < 0.2), not at Huang's 100 MPa. Li self-diffusivity in the alloy is
    assumed equal to Li's (no measurement found; the DFT barriers of Huang Fig. 2 are not self-diffusion)."""
    voids = {}
    for P in (100e6, 1e6):
        r = run_case(_short("huang2024-symmetric-li4ag", 1), overrides={n.P_STACK_PRESSURE: P})
        voids[P] = max(r.table[f"{name} void thickness [um]"].max() for name in ("Negative", "Counter"))
    assert voids[100e6] < 1e-6 and voids[1e6] > 0.1


def _pouch_first_cycle(T: int, pressures) -> dict:
    """First cycle of the Choi pouch at ``T`` C per stack pressure: discharge [mAh/cm2], charge, lowest contact,
    largest contact overpotential [V], outcome and event (one build, the pressure an input)."""
    from anodefree_sim.simulation import build_simulation, solve_case

    case = _short(f"choi2025-pouch-{T}c", 1)
    sim, pv = build_simulation(case, inputs=[n.P_STACK_PRESSURE], check_model=False)
    out = {}
    for P in pressures:
        r = solve_case(case, sim, pv, inputs={n.P_STACK_PRESSURE: P}, allow_early_stop=True)
        q = r.table[n.CAPACITY_AREAL]
        out[P] = {"q": q.max() - q[-1], "charge": q.max(), "phi": r.table[n.contact_fraction("negative")].min(),
                  "eta": np.abs(r.solution[n.contact_overpotential("negative")].entries).max(),
                  "outcome": r.outcome.outcome, "event": r.outcome.event}
    return out


def test_pouch_trend_with_pressure_at_30_and_60_c():
    """PREDICTED trend (Choi only reports 2.0 MPa; Lee 2020's Ag-C pouch: 94.0/95.1/95.5 % at 2/3/4 MPa), first
    cycle at 0.7 mA/cm2, 2 um flaws and shrinking contact spots (2026-11-29). 30 C (void onset 0.23 mA/cm2 at
    2 MPa): at 2 and 1 MPa voids form in the plated Li on the first discharge and its own contact falls with the
    pressure (1.6e-4 / 7e-5), but the exsolved Ag network carries the current across the voids (Choi Fig. 3g), so
    the contact overpotential stays 0.5 / 1.1 mV and the discharge keeps its 2 MPa capacity (7.57 mAh/cm2, Choi
    7.8). At 0.5 and 0.3 MPa the first charge shorts (19 / 12 % contact, at 1.63 / 1.57 mAh/cm2) once the
    plated Li fills the flaws: the plating current is spread over the pressure contact only (0.7 / 0.19 = 3.7
    mA/cm2 against a flaw limit of ~3 at 30 C). 60 C (onset 1.5 mA/cm2 at 2 MPa): no voids at 2 MPa; at 0.5 MPa
    voids (Li contact 4.6e-5) with the capacity kept within 1 % (6.94 of 6.95 mAh/cm2); at 0.1 MPa (4 % contact)
    the first charge shorts at 1.76 mAh/cm2."""
    cold = _pouch_first_cycle(30, (2.0e6, 1.0e6, 0.5e6, 0.3e6))
    assert all(cold[P]["outcome"] == n.OUTCOME_COMPLETED for P in (2.0e6, 1.0e6))
    assert cold[1.0e6]["q"] == pytest.approx(cold[2.0e6]["q"], rel=0.01)
    assert cold[2.0e6]["phi"] > cold[1.0e6]["phi"] and cold[2.0e6]["phi"] < 1e-3
    assert 0 < cold[2.0e6]["eta"] < cold[1.0e6]["eta"] < 0.01
    for P in (0.5e6, 0.3e6):
        assert cold[P]["event"] == n.event_short_circuit("negative") and cold[P]["charge"] < 2.0
    warm = _pouch_first_cycle(60, (2.0e6, 0.5e6, 0.1e6))
    assert warm[2.0e6]["phi"] == pytest.approx(_contact(2.0e6), rel=1e-3)  # void-free
    assert warm[0.5e6]["outcome"] == n.OUTCOME_COMPLETED and warm[0.5e6]["phi"] < 1e-4
    assert warm[0.5e6]["q"] == pytest.approx(warm[2.0e6]["q"], rel=0.01)
    assert warm[0.1e6]["event"] == n.event_short_circuit("negative") and warm[0.1e6]["charge"] < 2.0


def test_assumed_contact_spot_size_over_its_range():
    """Sensitivity to the assumed contact spot size (at the void-free contact; range 0.1-10 um).
    Li | Li6PS5Cl | Li stripped at 0.3 mA/cm2, 3 MPa (above the CSC), 3 mA.h/cm2: the contact overpotential
    rises with the stripped charge at every size, to a level the size decides: 0.1-0.3 um spots lose the
    contact at ~1.9 mA.h/cm2, 1 um levels off at ~0.75 V, 10 um at ~29 mV (the 0.8 % contact of the spots'
    hardness, as with spots of fixed size). Decisive. The 30 C pouch at 2.0 MPa, first two cycles: 7.57 mAh/cm2
    per discharge at 0.1 um and 10 um alike (the exsolved Ag network carries the current across the voids).
    Not decisive there."""
    from anodefree_sim.simulation import build_simulation, solve_case

    level = {}
    for a in (1e-7, 1e-6, 1e-5):
        sol, end = run_mechanics([("Discharge at 0.3 mA.cm-2 for 3 mA.h.cm-2",)], 3e6,
                                 overrides={n.P_CONTACT_SPOT_SIZE: a}, with_outcome=True)
        q, eta = sol["Time [h]"].entries * 0.3, sol[n.contact_overpotential(STRIPPED)].entries
        assert np.all(np.diff(eta) >= -1e-5)
        level[a] = (end.outcome, q[-1], eta[-1])
    assert level[1e-7][0] == n.OUTCOME_CONTACT_LOST and 1.5 < level[1e-7][1] < 2.5
    assert level[1e-6][0] == n.OUTCOME_COMPLETED and 0.5 < level[1e-6][2] < 1.0
    assert level[1e-5][0] == n.OUTCOME_COMPLETED and 0.01 < level[1e-5][2] < 0.05
    case = _short("choi2025-pouch-30c", 2)
    sim, pv = build_simulation(case, inputs=[n.P_CONTACT_SPOT_SIZE], check_model=False)
    for a in (1e-7, 1e-5):
        r = solve_case(case, sim, pv, inputs={n.P_CONTACT_SPOT_SIZE: a}, allow_early_stop=True)
        assert np.asarray(r.cycles[n.CYCLE_DISCHARGE_CAPACITY]) == pytest.approx([7.57, 7.57], abs=0.05)


# ---------------------------------------------------------------- outputs (issue 13, item 2)
def test_csv_has_contact_and_void_columns_only_with_a_pressure_option(tmp_path):
    with_option = run_case(_short("li-lpscl-stripping", 2))
    without = run_case("choi2025-cell-a", options={"stack pressure": "none"})
    for e in n.ELECTRODES:
        assert n.contact_fraction(e) in with_option.table
        assert n.void_thickness(e).replace("[m]", "[um]") in with_option.table
        assert n.contact_fraction(e) not in without.table
    path = tmp_path / "s.csv"
    with_option.write_csv(path)
    header = path.read_text().splitlines()[0].split(",")
    assert n.contact_fraction(STRIPPED) in header and "Counter void thickness [um]" in header


def test_cli_json_reports_the_staircase_critical_stripping_current(capsys):
    """`run li-lpscl-stripping --json`: the first staircase step at which voids grow (0.25 mA/cm2 at 3 MPa,
    onset 0.2) with pressure, temperature and protocol, not the highest step completed; higher with pressure.
    The run itself ends when the stripped electrode loses contact, in the 0.4 mA/cm2 step (cycle 7)."""
    import json

    from anodefree_sim.cli import main

    out = {}
    for P in (3e6, 20e6):
        assert main(["run", "li-lpscl-stripping", "--json", "--set", f"Stack pressure [Pa]={P:g}"]) == 0
        out[P] = json.loads(capsys.readouterr().out)
    s = out[3e6]
    assert s[CSC] == pytest.approx(0.25)
    assert s[n.P_STACK_PRESSURE] == 3e6 and s[n.P_TEMPERATURE] == pytest.approx(298.15)
    assert "staircase" in s[n.STRIPPING_PROTOCOL]
    # the run went on past the critical step (voids grew, the shrinking contact spots held the contact at 0.25
    # and 0.3 mA/cm2) until the stripped electrode lost contact at 0.4 mA/cm2
    assert s["Cycle"] == 7
    assert s["Outcome"] == n.OUTCOME_CONTACT_LOST and s["Event"] == n.event_contact_lost(STRIPPED)
    assert out[20e6][CSC] > s[CSC]


# ---------------------------------------------------------------- contact lost (issue 13 leftovers, item 1)
@pytest.mark.parametrize("step, electrode", [("Charge", "negative"), ("Discharge", "counter")])
def test_contact_loss_runaway_ends_on_the_named_event(step, electrode):
    """Li4Ag | LPSC | Li4Ag stripped at 5.3 mA/cm2, 0 C and 1 MPa (above its void-growth onset; at Huang's
    100 MPa the contact spots creep fast enough to hold the contact): the contact runs away and the run ends on
    "<electrode> contact lost" at a contact overpotential of 1 V (its bound), inside the +-1 V safety window
    widened by PyBaMM's experiments to -2 / 6 V, which ended it before."""
    import dataclasses

    case = dataclasses.replace(get_case("huang2024-symmetric-li4ag"),
                               steps=(f"{step} at 5.3 mA.cm-2 for 0.5 hours",))
    cold = {n.P_TEMPERATURE: 273.15, n.P_STACK_PRESSURE: 1e6}
    r = run_case(case, overrides=cold, allow_early_stop=True)
    assert r.outcome.outcome == n.OUTCOME_CONTACT_LOST and r.outcome.event == n.event_contact_lost(electrode)
    eta = r.solution[n.contact_overpotential(electrode)].entries
    assert abs(eta[-1]) == pytest.approx(MECHANICS[n.P_CONTACT_LOSS_OVERPOTENTIAL], rel=1e-3)
    assert r.table[n.contact_fraction(electrode)][-1] < 0.01
    assert np.abs(r.table[n.VOLTAGE]).max() < 2.0
    with pytest.raises(pybamm.SolverError, match="contact lost"):
        run_case(case, overrides=cold)


def test_contact_lost_is_not_reached_below_the_onset():
    """The same cell in Huang's protocol (0.2 mA/cm2, 25 C, below the onset) keeps its contact: no event."""
    r = run_case(_short("huang2024-symmetric-li4ag", 2))
    assert r.outcome.outcome == n.OUTCOME_COMPLETED
    assert min(r.table[n.contact_fraction(e)].min() for e in n.ELECTRODES) > 0.9


def test_voids_no_thicker_than_the_metal_around_them_in_the_30C_pouch():
    """Issue 13: the voids lie in the Li they were stripped from. In the first cycle of the 30 C pouch (2 MPa,
    'mechanics') voids form on discharge (several um); before the bound they stayed at 8.2 um while the plated Li
    ran down to 0.7 um. Now the void thickness never exceeds the plated Li thickness (the pouch's alloy is in the
    doped layer, on the electrolyte side of the voids), and it shrinks with the Li at the end of the discharge."""
    import dataclasses

    case = get_case("choi2025-pouch-30c")
    sol = run_case(dataclasses.replace(case, steps=case.steps[:1])).solution
    delta = sol[n.void_thickness("negative")].entries
    h = sol[n.plated_thickness("negative")].entries
    assert delta.max() > 3e-6  # voids do form (a test that can fail if they did not)
    assert np.all(delta <= np.maximum(h, 0) + 1e-9)
    assert delta[-1] < 1e-6 and delta[-1] <= h[-1] + 1e-9  # the Li is nearly gone at 2.5 V, and so are the voids


# ------------------------------------------- the assumed Ag-network void bridging (issue 13, session 9)
def test_silver_bridging_share_default_keeps_the_30C_pouch_first_cycle():
    """The bridging share is ASSUMED 1 (ledger), which is the behaviour before it was a parameter: the 30 C pouch's
    first cycle (2 MPa, voids in the plated Li) gives the numbers recorded on main 131a421 without it (discharge
    7.5665 mAh/cm2, largest contact overpotential 0.457 mV)."""
    from anodefree_sim.parameter_sets.li_mechanics import MECHANICS_ENTRIES

    entry = MECHANICS_ENTRIES[n.P_SILVER_BRIDGING_SHARE]
    assert entry.kind == "assumed" and "Fig. 3g" in entry.source and entry.value == 1.0
    r = run_case(_short("choi2025-pouch-30c", 1))
    q = r.table[n.CAPACITY_AREAL]
    assert q.max() - q[-1] == pytest.approx(7.566515, abs=1e-4)
    eta = np.abs(r.solution[n.contact_overpotential("negative")].entries).max()
    assert eta == pytest.approx(4.5673e-4, rel=1e-3)


def test_without_silver_bridging_the_30C_pouch_loses_contact_in_its_first_discharge():
    """What the assumed bridging does (30 C pouch, 2 MPa, first cycle). The first charge is untouched (9.05
    mAh/cm2 plated; no voids yet). On the discharge voids form in the plated Li and its own contact falls to
    ~1.6e-4 (share 1) / 5.6e-4 (share 0, stopped earlier). With share 1 the network (theta_ex ~ 0.976) carries the
    current over the voided area and the contact overpotential stays 0.46 mV; with share 0 the current must pass
    the metal's contact spots, eta_c runs away and the run ends on "Negative contact lost" at 1.51 mAh/cm2 of the
    7.57 (measured 1.508; tolerance 0.05). A small share is enough: 1e-3 keeps the cycle (eta_c 0.79 V < 1 V),
    since phi_net must stay above ~i R_c / eta_lost = 5.6e-4."""
    from anodefree_sim.simulation import build_simulation, solve_case

    case = _short("choi2025-pouch-30c", 1)
    sim, pv = build_simulation(case, inputs=[n.P_SILVER_BRIDGING_SHARE], check_model=False)
    out = {}
    for s in (1.0, 1e-3, 0.0):
        r = solve_case(case, sim, pv, inputs={n.P_SILVER_BRIDGING_SHARE: s}, allow_early_stop=True)
        q = r.table[n.CAPACITY_AREAL]
        out[s] = {"charge": q.max(), "discharge": q.max() - q[-1], "event": r.outcome.event,
                  "eta": np.abs(r.solution[n.contact_overpotential("negative")].entries).max()}
    assert out[0.0]["charge"] == pytest.approx(out[1.0]["charge"], rel=1e-6)
    assert out[1.0]["event"] is None and out[1.0]["discharge"] == pytest.approx(7.57, abs=0.05)
    assert out[1.0]["eta"] < 1e-3
    assert out[1e-3]["event"] is None and 0.1 < out[1e-3]["eta"] < 1.0
    assert out[1e-3]["discharge"] == pytest.approx(out[1.0]["discharge"], abs=0.01)
    assert out[0.0]["event"] == n.event_contact_lost("negative")
    assert out[0.0]["discharge"] == pytest.approx(1.51, abs=0.05)


@pytest.mark.slow
def test_t6e_retention_over_the_silver_bridging_share():
    """T6e sensitivity: the 30 C pouch's 50-cycle retention is 87.41 % at share 1, 0.1 and 3e-3 alike (the
    dead-Li law sets it, not the contact, while the network keeps the current within the 1 V contact bound); at
    share 0 the pouch has no retention to report, it loses contact in cycle 1 (test above). (Share 0.01 hit an
    IDA error test failure in cycle 50, 2026-11-29: a solver failure, not physics, so it is not among these.)"""
    from anodefree_sim.simulation import build_simulation, solve_case

    case = get_case("choi2025-pouch-30c")
    sim, pv = build_simulation(case, inputs=[n.P_SILVER_BRIDGING_SHARE], check_model=False)
    for s in (1.0, 0.1, 3e-3):
        r = solve_case(case, sim, pv, inputs={n.P_SILVER_BRIDGING_SHARE: s}, allow_early_stop=True)
        assert r.outcome.outcome == n.OUTCOME_COMPLETED
        assert r.cycles[n.CAPACITY_RETENTION][-1] == pytest.approx(87.41, abs=0.05)


@pytest.mark.parametrize("value", [-0.1, 1.5])
def test_silver_bridging_share_outside_0_1_is_refused(value):
    with pytest.raises(ValueError, match=r"Silver network void-bridging share.*\[0, 1\]"):
        run_case(_short("choi2025-pouch-30c", 1), overrides={n.P_SILVER_BRIDGING_SHARE: value})
