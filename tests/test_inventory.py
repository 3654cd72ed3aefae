"""Li inventory sinks of issue 12: Li consumed by the interphase film (submodels/interphase.py)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from anodefree_sim import names as n
from anodefree_sim.cases import get_case
from anodefree_sim.simulation import run_case

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
