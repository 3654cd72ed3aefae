"""Li inventory sinks of issue 12: Li consumed by the interphase film (submodels/interphase.py)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from anodefree_sim import names as n
from anodefree_sim.cases import get_case
from anodefree_sim.simulation import run_case

F = 96485.33212

#: Huang 2024 Li | LPSCl | NCM811 full cell: rest, then a charge and discharge with the film growing
STEPS = ("Rest for 1 hour", "Charge at 0.25 mA.cm-2 until 4.3 V", "Rest for 1 hour",
         "Discharge at 0.25 mA.cm-2 until 2.5 V")


@pytest.fixture(scope="module")
def film_run():
    case = get_case("huang2024-full-li")
    return run_case(dataclasses.replace(case, steps=STEPS))


def test_lithium_conserved_with_film_sink(film_run):
    sol = film_run.solution
    total = sol[n.TOTAL_LITHIUM].entries
    film = sol[n.film_lithium("negative")].entries
    assert film[-1] > 1e-3  # mol/m2: the sink is not negligible here (Li anode, large k_f) ...
    assert np.max(np.abs(total - total[0])) / total[0] < 1e-9  # ... and the balance counts it


def test_film_lithium_follows_film_resistance_and_is_zero_at_rest(film_run):
    sol, pv = film_run.solution, film_run.parameter_values
    t = sol["Time [h]"].entries
    film = sol[n.film_lithium("negative")].entries
    R_f = sol[n.film_resistance("negative")].entries
    rest = t <= 1.0
    assert np.all(film[rest] == 0.0)  # nothing grows before the first current
    # while plated Li is there: n_film = c_film sigma_f (R_f - R_f0)
    expected = (pv[n.P_FILM_LITHIUM_CONCENTRATION] * pv[n.P_FILM_CONDUCTIVITY]
                * (R_f - pv[n.p_film_resistance("negative")]))
    np.testing.assert_allclose(film, expected, rtol=1e-4, atol=1e-9)
    # grows with throughput only: flat through the rest between charge and discharge (cycle 3 of STEPS)
    mid_rest = sol.cycles[2][n.film_lithium("negative")].entries
    assert mid_rest[0] > 0 and np.ptp(mid_rest) < 1e-12
    assert np.all(np.diff(film) >= -1e-12)


# ---------------------------------------------------------------- NCM811 first-cycle irreversibility
def _pouch_first_cycle(temperature_c: int = 60, **overrides):
    from anodefree_sim.parameter_sets._ncm811 import LITHIATION_LIMIT

    case = get_case(f"choi2025-pouch-{temperature_c}c")
    return run_case(dataclasses.replace(case, steps=case.steps[:2]), overrides={**LITHIATION_LIMIT, **overrides})


@pytest.fixture(scope="module")
def limited_pouch():
    return _pouch_first_cycle(60)


def test_regression_cathode_first_cycle_ce(limited_pouch):
    """Calibrated: the drop stoichiometry 0.816 was fitted to a first-cycle CE of 87.5 % (85-90 % for NCM811 in
    sulfide cells) of the Choi pouch at 0.7 mA/cm2 and 60 C."""
    ce = limited_pouch.cycles["Coulombic efficiency [%]"]
    assert 85.0 <= ce[0] <= 90.0
    assert abs(ce[0] - 87.5) < 0.3
    assert ce[1] > 99.5  # a first-cycle effect: the second cycle is reversible again


def test_lithiation_limit_conserves_lithium_and_leaves_the_deficit_on_the_negative(limited_pouch):
    sol = limited_pouch.solution
    total = sol[n.TOTAL_LITHIUM].entries
    assert np.max(np.abs(total - total[0])) / total[0] < 1e-9
    # what the cathode did not take back sits on the negative side (plated Li reservoir + its losses)
    deficit = sol[n.POSITIVE_LITHIUM_DEFICIT].entries
    negative = sol[n.electrode_lithium("negative")].entries + sol[n.double_layer_charge("negative")].entries / F
    np.testing.assert_allclose(deficit, negative - negative[0], atol=1e-7 * total[0])
    end_of_first_discharge = sol.cycles[0][n.POSITIVE_LITHIUM_DEFICIT].entries[-1]
    q = limited_pouch.cycles
    loss = (q["Charge capacity [mA.h.cm-2]"][0] - q["Discharge capacity [mA.h.cm-2]"][0]) * 3.6e4 / F
    np.testing.assert_allclose(end_of_first_discharge, loss, rtol=1e-3)


def test_first_cycle_loss_predicted_larger_when_colder(limited_pouch):
    """Not fitted: the same lithiation limit loses more at 30 C (slower diffusion) than at 60 C."""
    cold = _pouch_first_cycle(30)
    assert cold.cycles["Coulombic efficiency [%]"][0] < limited_pouch.cycles["Coulombic efficiency [%]"][0] - 1.0


# ---------------------------------------------------------------- dead Li from the roughness of the deposit
def _bilayer_dead_per_cycle(q_mah: float, overrides: dict) -> tuple[float, float]:
    """(plated Li at the end of plating [um], dead Li formed in that cycle [mA.h.cm-2]), third cycle of the x =
    0.6 bilayer half cell plating ``q_mah`` at 1 mA/cm2 (part of it goes into the alloy, not the plated film)."""
    cycle = (f"Discharge at 1 mA.cm-2 for {q_mah:g} mA.h.cm-2", "Charge at 1 mA.cm-2 until 0.1 V")
    case = dataclasses.replace(get_case("choi2025-bilayer-cycling"), steps=(cycle,) * 3)
    c = run_case(case, overrides=overrides).cycles
    dead = c["Dead lithium [mA.h.cm-2]"]
    return float(c["Plated lithium at end of charge [um]"][2]), float(dead[2] - dead[1])


def test_regression_dead_lithium_roughness_fit_to_t4():
    """The one fitted number of the roughness law, f_Ag(60 C), reproduces T4 (mean CE 99.7 % over 1000 cycles,
    counted as the first cycle + 999 x the steady cycle, as tools/calibrate_dead_lithium.py)."""
    from anodefree_sim.parameter_sets._common import DEAD_LITHIUM_ROUGHNESS

    case = get_case("choi2025-bilayer-cycling")
    ce = run_case(dataclasses.replace(case, steps=case.steps[:3]), overrides=DEAD_LITHIUM_ROUGHNESS).cycles[
        "Coulombic efficiency [%]"]
    assert abs((ce[0] + 999 * ce[1:].mean()) / 1000 - 99.7) < 0.02


def test_roughness_dead_lithium_grows_as_plated_thickness_to_the_beta():
    """Dead Li per cycle ~ h0^beta (beta = 1/2): a ~13x thicker plated film strands ~sqrt(13)x the Li, not 13x
    (a constant fraction of the stripped Li, Xu 2019 form)."""
    from anodefree_sim.parameter_sets._common import DEAD_LITHIUM_ROUGHNESS

    h1, d1 = _bilayer_dead_per_cycle(1.0, DEAD_LITHIUM_ROUGHNESS)
    h4, d4 = _bilayer_dead_per_cycle(4.0, DEAD_LITHIUM_ROUGHNESS)
    assert h4 / h1 > 5 and d1 > 0
    assert abs(np.log(d4 / d1) / np.log(h4 / h1) - 0.5) < 0.05
