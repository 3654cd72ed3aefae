"""Huang 2024 symmetric cells (DESIGN T9): nucleation overpotential 0 / 0 / 6 mV, Li4Ag lowest polarisation."""

from __future__ import annotations

import numpy as np
import pytest

from anodefree_sim import names as n

CASES = {"Li4Ag": "huang2024-symmetric-li4ag", "Li9Ag4": "huang2024-symmetric-li9ag4",
         "Li": "huang2024-symmetric-li"}


def nucleation_overpotential(table) -> float:
    """Huang's definition: the bottom of the initial voltage drop minus the start of the flat region
    of the first plating half cycle [V] (first 5 % vs 20 % of the 1 h half cycle; >= 0)."""
    t, V, I = table[n.TIME_H], table[n.VOLTAGE], table[n.CURRENT_DENSITY_MA]
    first = (I > 0) & (t < 1.0)
    t, V = t[first], V[first]
    bottom = V[t < 0.05].min()
    flat = np.interp(0.2, t, V)
    return max(0.0, float(flat - bottom))


@pytest.mark.parametrize("kind, expected, tol", [("Li4Ag", 0.0, 1e-3), ("Li9Ag4", 0.0, 1e-3),
                                                 ("Li", 0.006, 1e-3)])
def test_T9_nucleation_overpotential(solved, kind, expected, tol):
    assert nucleation_overpotential(solved(CASES[kind]).table) == pytest.approx(expected, abs=tol)


def test_T9_li4ag_has_the_lowest_polarisation(solved):
    pol = {}
    for kind, case in CASES.items():
        t = solved(case).table
        pol[kind] = np.mean(np.abs(t[n.VOLTAGE][t[n.TIME_H] > 0.1]))
    assert pol["Li4Ag"] < pol["Li9Ag4"]
    assert pol["Li4Ag"] < pol["Li"]


@pytest.mark.parametrize("kind", list(CASES))
def test_symmetric_cell_conserves_lithium_and_returns(solved, kind):
    t = solved(CASES[kind]).table
    total = t[n.TOTAL_LITHIUM]
    assert np.max(np.abs(total - total[0])) / total[0] < 1e-10
    # whole cycles of equal plating and stripping charge: net charge back to zero
    assert abs(t[n.CAPACITY_AREAL][-1]) < 1e-9
    # the voltage follows the current (plating on the working electrode -> V < 0) in every half cycle
    I, V, th = t[n.CURRENT_DENSITY_MA], t[n.VOLTAGE], t[n.TIME_H]
    for k in range(int(round(th[-1]))):
        half = (th > k + 0.1) & (th < k + 0.9)
        assert np.all(np.sign(V[half]) == -np.sign(I[half]))


def test_alloy_electrodes_take_li_into_the_alloy_not_as_metal(solved):
    t = solved(CASES["Li4Ag"]).table
    # Li goes into gamma2 (U(y) > 0 V) instead of plating: no metal film on the working electrode
    assert np.max(t["Negative plated lithium thickness [um]"]) < 0.01
    assert t[n.phase_fraction("negative", "gamma2")][0] > 0.9
