"""DESIGN T8: Li-Ag phase data (Huang 2024): voltages, capacities, volume expansions, foil ratios."""

from __future__ import annotations

import numpy as np
import pybamm
import pytest
from anodefree_sim.parameter_sets import huang2024

from anodefree_sim import names as n
from anodefree_sim.phase_table import MAH_PER_G_AG_PER_Y, load_phase_table, read_phase_table

HUANG = load_phase_table("huang2024")
CHOI = load_phase_table("choi2025")
PUBLISHED_CAPACITY = {"alpha": 207, "beta": 63, "gamma3": 214, "gamma2": 409, "gamma1": 797}
DFT_VOLTAGES = {"beta": 0.230, "gamma3": 0.121, "gamma2": 0.091, "gamma1": 0.030, "delta": 0.0}
EXPANSION = {1.0: 79.4, 2.25: 211.6, 4.0: 381.2, 9.0: 929.1}


@pytest.mark.parametrize("phase", list(PUBLISHED_CAPACITY))
def test_single_phase_capacities(phase):
    assert HUANG.phase_capacity(phase) == pytest.approx(PUBLISHED_CAPACITY[phase], rel=0.01)
    assert HUANG.capacity[HUANG.phases.index(phase)] == PUBLISHED_CAPACITY[phase]


def test_practical_windows_409_and_696():
    """Within gamma2 (Li4Ag): 409 mAh/g; from gamma3 (Li9Ag4) start to gamma2 end: 696 mAh/g."""
    g3, g2 = HUANG.phases.index("gamma3"), HUANG.phases.index("gamma2")
    assert HUANG.phase_capacity("gamma2") == pytest.approx(409, rel=0.01)
    assert (HUANG.y_max[g2] - HUANG.y_min[g3]) * MAH_PER_G_AG_PER_Y == pytest.approx(696, rel=0.01)


def test_dft_voltages_and_alpha_mean():
    for phase, v in DFT_VOLTAGES.items():
        i = HUANG.phases.index(phase)
        # the plateau that forms the phase sits at Huang's DFT voltage
        y_mid = (HUANG.y_max[i - 1] + HUANG.y_min[i]) / 2
        assert HUANG.ocp(y_mid) == pytest.approx(v, abs=2e-3)
    y = np.linspace(0, HUANG.y_max[0], 401)
    assert np.mean(HUANG.ocp(y)) == pytest.approx(0.342, abs=3e-3)


@pytest.mark.parametrize("table", [HUANG, CHOI])
def test_ocp_never_rises_with_lithium_content(table):
    y = np.linspace(0, 13, 3000)
    for branch in ("lithiation", "delithiation"):
        assert np.all(np.diff(table.ocp(y, branch)) <= 1e-9)
    # hysteresis: delithiation branch at or above the lithiation branch
    assert np.all(table.ocp(y, "delithiation") >= table.ocp(y, "lithiation") - 1e-9)


@pytest.mark.parametrize("y_ref, percent", list(EXPANSION.items()))
def test_volume_expansion(y_ref, percent):
    V0 = HUANG.molar_volume(0.0)
    # corners of V(y) are smoothed over 0.02 in y: within 2 percentage points of the DFT values
    assert (HUANG.molar_volume(y_ref) / V0 - 1) * 100 == pytest.approx(percent, abs=2.0)


def test_phase_fractions_lever_rule():
    y = np.linspace(0, 12, 1201)
    fr = HUANG.phase_fractions(y)
    total = sum(fr.values())
    np.testing.assert_allclose(total, 1.0, atol=1e-12)
    for i, p in enumerate(HUANG.phases):
        inside = (y > HUANG.y_min[i] + 1e-9) & (y < HUANG.y_max[i] - 1e-9)
        np.testing.assert_allclose(fr[p][inside], 1.0)
    # halfway through the beta/gamma3 two-phase region: half and half
    y_half = (HUANG.y_max[1] + HUANG.y_min[2]) / 2
    assert HUANG.phase_fraction(y_half, "beta") == pytest.approx(0.5)


def test_symbolic_and_numeric_ocp_agree():
    y = pybamm.InputParameter("y")
    expr = HUANG.ocp(y)
    for yv in (0.0, 0.5, 1.1, 2.0, 3.3, 4.0, 7.0):
        assert expr.evaluate(inputs={"y": yv}) == pytest.approx(float(HUANG.ocp(yv)), abs=1e-12)


def test_foil_ratios_of_huang_cells():
    """2.1 mg Li + 8.2 mg Ag -> Li4Ag; 1.2 mg Li -> Li9Ag4 (Huang 2024 Experimental)."""
    assert huang2024.Y_LI4AG == pytest.approx(4.0, abs=0.05)
    assert huang2024.Y_LI9AG4 == pytest.approx(9 / 4, abs=0.05)
    assert HUANG.phase_fraction(huang2024.Y_LI4AG, "gamma2") == 1.0
    assert HUANG.phase_fraction(huang2024.Y_LI9AG4, "gamma3") == 1.0


def test_table_parameters_are_functions_of_y():
    params = HUANG.to_parameters()
    assert params[n.P_ALLOY_MAX_RATIO] == HUANG.y_min[-1]
    assert params[n.p_phase_fraction("gamma2")](4.0) == 1.0


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda s: s.replace("volume_expansion_percent,", ""), "missing column"),
        (lambda s: s.replace("gamma3,1.544", "gamma3,abc"), "not a number"),
        (lambda s: s.replace("beta,", "zeta,"), "phases must be"),
        (lambda s: s.replace("gamma3,1.544,2.406", "gamma3,1.0,2.406"), "overlaps"),
        (lambda s: s.replace("gamma3,1.544,2.406,0.121", "gamma3,1.544,2.406,0.5"), "must not rise"),
    ],
)
def test_malformed_tables_are_rejected(tmp_path, edit, message):
    src = (tmp_path / "ok.csv")
    import importlib.resources

    text = (importlib.resources.files("anodefree_sim.parameter_sets") / "data" /
            "li_ag_phases_huang2024.csv").read_text()
    src.write_text(edit(text))
    with pytest.raises(ValueError, match=message):
        read_phase_table(src)


def test_unknown_table_name():
    with pytest.raises(ValueError, match="unknown phase table"):
        load_phase_table("smith2099")
