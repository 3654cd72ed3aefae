"""Choi 2025 half cells: DESIGN targets T1 (Cell B) and T2 (Cell A), trends in x and T."""

from __future__ import annotations

import numpy as np
import pytest

from anodefree_sim import names as n


def _at_voltage(table, v):
    """Capacity where the voltage first falls below v."""
    V, Q = table[n.VOLTAGE], table[n.CAPACITY_AREAL]
    return Q[np.argmax(V < v)]


def test_regression_cell_b_T1_targets(solved):
    """Regression: the alloy exchange-current density and the Choi phase table were calibrated to 0.51 mAh/cm2
    (236 mAh/g) at 0.005 V, the exsolution exchange-current density to the 1.8 V plateau (parameter_sets/
    choi2025.py). The 48 mAh/g at 1.2 V is x F / M (predicted; anodefree-sim targets T1b)."""
    t = solved("choi2025-cell-b").table
    Q, V = t[n.CAPACITY_AREAL], t[n.VOLTAGE]
    q_12, q_end = _at_voltage(t, 1.2), Q[-1]
    # 0.51 +- 0.05 mAh/cm2 at 0.005 V (Choi Fig. 2b)
    assert q_end == pytest.approx(0.51, abs=0.05)
    assert V[-1] == pytest.approx(0.005, abs=1e-6)
    # capacity at 1.2 V / at 0.005 V = 48.1 / 235.7 = 0.20 +- 0.03
    assert q_12 / q_end == pytest.approx(0.20, abs=0.03)
    # specific capacity 48 +- 3 mAh/g at 1.2 V, 236 +- 15 at 0.005 V
    spec = t["Specific capacity [mA.h.g-1]"]
    assert spec[np.argmax(V < 1.2)] == pytest.approx(48, abs=3)
    assert spec[-1] == pytest.approx(236, abs=15)
    # plateau 1.8 +- 0.1 V over the middle of the exsolution capacity
    mid = (Q > 0.25 * q_12) & (Q < 0.75 * q_12)
    assert np.all(np.abs(V[mid] - 1.8) < 0.1)


def test_cell_b_algebraic_closure_starts_from_the_rest_potential(solved):
    """The algebraic closure initialises from the 2.3 V rest potential (its Newton guess is clipped into
    the reactive window) and reproduces the capacitive curve."""
    cap = solved("choi2025-cell-b").table
    alg = solved("choi2025-cell-b", options={"electrode potential": "algebraic"}).table
    assert alg[n.surface_potential("negative")][0] == pytest.approx(1.79, abs=0.01)
    assert alg[n.CAPACITY_AREAL][-1] == pytest.approx(cap[n.CAPACITY_AREAL][-1], rel=1e-3)
    q = np.linspace(0.05, 0.5, 50)  # mA.h.cm-2, away from the first-second double-layer transient
    v_cap = np.interp(q, cap[n.CAPACITY_AREAL], cap[n.VOLTAGE])
    v_alg = np.interp(q, alg[n.CAPACITY_AREAL], alg[n.VOLTAGE])
    assert np.median(np.abs(v_alg - v_cap)) < 1e-4


def test_cell_b_exsolution_completes_before_1_2_V(solved):
    t = solved("choi2025-cell-b").table
    k = np.argmax(t[n.VOLTAGE] < 1.2)
    assert t[n.EXSOLVED_FRACTION][k] > 0.95
    assert t[n.alloy_ratio("negative")][k] < 0.05


def test_regression_cell_b_phases_appear_in_order_and_end_in_gamma2(solved):
    """Regression: the Choi phase-table potentials were calibrated to this sequence and to the XRD points
    of Fig. 2c (parameter_sets/data/li_ag_phases_choi2025.csv)."""
    t = solved("choi2025-cell-b").table
    fr = np.vstack([t[n.phase_fraction("negative", p)] for p in n.PHASES])
    has_ag = t[n.EXSOLVED_FRACTION] > 0.5
    dominant = np.argmax(fr[:, has_ag], axis=0)
    seen = [int(d) for i, d in enumerate(dominant) if i == 0 or d != dominant[i - 1]]
    assert seen == sorted(seen), f"phases out of order: {[n.PHASES[i] for i in seen]}"
    assert [n.PHASES[i] for i in seen] == ["alpha", "beta", "gamma3", "gamma2"]
    assert fr[n.PHASES.index("gamma2"), -1] > 0.9
    # Choi's ex-situ XRD points: beta present at 0.12 V, gamma3 at 0.04 V (Fig. 2c)
    for v, phase in ((0.12, "beta"), (0.04, "gamma3")):
        k = np.argmax(t[n.VOLTAGE] < v)
        assert t[n.phase_fraction("negative", phase)][k] > 0.2


def test_cell_b_no_plating_before_cutoff(solved):
    t = solved("choi2025-cell-b").table
    # bulk plating starts only below 0 V vs Li; above it only an under-potential film of a few nm
    # (Li activity < 1) forms: < 10 nm, i.e. < 0.5 % of the 0.51 mAh/cm2 (2.5 um of Li)
    assert t[n.plated_thickness("negative").replace("[m]", "[um]")][-1] < 1e-2


def test_cell_a_T2_no_plateau_then_nucleation_dip(solved):
    t = solved("choi2025-cell-a").table
    Q, V = t[n.CAPACITY_AREAL], t[n.VOLTAGE]
    # no exsolution plateau: below 0.1 V after 1 uAh/cm2 (drops straight to ~0 V)
    assert np.all(V[Q > 1e-3] < 0.1)
    plateau = np.median(V[Q > 0.5])
    v_min = V.min()
    # plating overpotential of a few tens of mV below 0 V
    assert -0.05 < plateau < -0.005
    # nucleation dip then recovery: the minimum lies well below the plating plateau, early on
    assert plateau - v_min > 0.010
    assert Q[np.argmin(V)] < 0.05
    assert Q[-1] == pytest.approx(1.0, rel=1e-6)
    # 1 mAh/cm2 plates 4.85 um of Li (13.0 cm3/mol)
    assert t["Negative plated lithium thickness [um]"][-1] == pytest.approx(4.85, rel=0.01)


@pytest.mark.parametrize("x", [0.2, 0.4, 0.6])
def test_exsolution_capacity_scales_with_silver_content(solved, x):
    """Capacity to 1.2 V = theoretical exsolution capacity x F / M(x) of the doped layer."""
    t = solved("choi2025-cell-b", overrides={n.P_SILVER_CONTENT: x}).table
    spec = t["Specific capacity [mA.h.g-1]"][np.argmax(t[n.VOLTAGE] < 1.2)]
    M = 268.37 + x * (107.87 - 6.941)
    assert spec == pytest.approx(x * 26801.5 / M, rel=0.03)


def test_colder_cell_polarises_more(solved):
    hot = solved("choi2025-cell-b").table
    cold = solved("choi2025-cell-b", overrides={n.P_TEMPERATURE: 303.15}).table
    # same exsolution charge, lower plateau voltage and less capacity at 0.005 V at 30 C
    assert _at_voltage(cold, 1.2) == pytest.approx(_at_voltage(hot, 1.2), rel=0.03)
    q = 0.05
    v_hot = hot[n.VOLTAGE][np.argmax(hot[n.CAPACITY_AREAL] > q)]
    v_cold = cold[n.VOLTAGE][np.argmax(cold[n.CAPACITY_AREAL] > q)]
    assert v_cold < v_hot
    assert cold[n.CAPACITY_AREAL][-1] < hot[n.CAPACITY_AREAL][-1]
