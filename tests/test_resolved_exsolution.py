"""Through-thickness resolved exsolution: agreement with the lumped model, front, mesh convergence."""

from __future__ import annotations

import numpy as np
import pybamm
import pytest
from anodefree_sim.models.cell_model import X_LAYER

from anodefree_sim import names as n
from anodefree_sim.simulation import build_simulation, solution_table

RESOLVED = {"silver exsolution": "resolved"}


def _run(points=20, overrides=None):
    sim, pv = build_simulation("choi2025-cell-b", overrides=overrides, options=RESOLVED)
    sim = pybamm.Simulation(sim.model, parameter_values=pv, experiment=sim.experiment,
                            var_pts={X_LAYER: points})
    sol = sim.solve()
    return sol, solution_table(sol, pv)


def _q_at(table, v):
    return table[n.CAPACITY_AREAL][np.argmax(table[n.VOLTAGE] < v)]


def test_resolved_and_lumped_agree_on_capacity(solved):
    lumped = solved("choi2025-cell-b").table
    resolved = solved("choi2025-cell-b", options=RESOLVED).table
    assert _q_at(resolved, 1.2) == pytest.approx(_q_at(lumped, 1.2), rel=0.01)
    assert resolved[n.CAPACITY_AREAL][-1] == pytest.approx(lumped[n.CAPACITY_AREAL][-1], rel=0.01)


def test_front_moves_from_collector_to_electrolyte(solved):
    t = solved("choi2025-cell-b", options=RESOLVED).table
    front = t["Negative exsolution front position [um]"]
    q = t[n.CAPACITY_AREAL]
    early = front[np.argmax(q > 0.01)]
    assert early < 3.0  # starts next to the SUS (Choi Supp. Fig. 16: Ag near the SUS after 1 min)
    assert np.all(np.diff(front[q < 0.1]) > -1e-6)  # advances monotonically
    assert front[-1] == pytest.approx(10.0, abs=0.05)  # whole 10 um layer percolated


def test_layer_turns_electronically_conductive():
    sol, _ = _run()
    sigma = sol[n.LAYER_ELECTRONIC_CONDUCTIVITY].entries
    # Choi Supp. Fig. 7b / Fig. 2e: 1.3e-10 -> 2.5e-3 S/cm (S/m = 100 x S/cm)
    assert sigma[0] == pytest.approx(1.3e-8, rel=0.05)
    assert sigma[-1] == pytest.approx(0.25, rel=0.05)


def test_large_electron_reach_reduces_to_lumped(solved):
    lumped = solved("choi2025-cell-b").table
    _, far = _run(overrides={n.P_ELECTRON_REACH: 1.0})
    q = np.linspace(0.01, 0.5, 50)
    v_l = np.interp(q, lumped[n.CAPACITY_AREAL], lumped[n.VOLTAGE])
    v_r = np.interp(q, far[n.CAPACITY_AREAL], far[n.VOLTAGE])
    assert np.max(np.abs(v_l - v_r)) < 2e-3


@pytest.mark.slow
def test_mesh_refinement_converges():
    """Plateau voltage and front position converge as the layer mesh is refined (10/20/40/80)."""
    q = np.linspace(0.005, 0.1, 40)
    results = []
    for pts in (10, 20, 40, 80):
        _, t = _run(points=pts)
        results.append((np.interp(q, t[n.CAPACITY_AREAL], t[n.VOLTAGE]),
                        np.interp(q, t[n.CAPACITY_AREAL], t["Negative exsolution front position [um]"])))
    dv = [np.max(np.abs(a[0] - b[0])) for a, b in zip(results, results[1:], strict=False)]
    df = [np.max(np.abs(a[1] - b[1])) for a, b in zip(results, results[1:], strict=False)]
    assert dv[-1] < dv[0] and df[-1] < df[0]
    assert dv[-1] < 5e-3  # plateau voltage within 5 mV between 40 and 80 points
    assert df[-1] < 0.3  # front position within 0.3 um
