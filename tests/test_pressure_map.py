"""Pressure maps: outcome (stable / voiding / short) over stack pressure x current density, CCD per pressure."""

from __future__ import annotations

import argparse
import json

import numpy as np
import pytest

from anodefree_sim import names as n
from anodefree_sim.cases import get_case
from anodefree_sim.cli import studies
from anodefree_sim.plotting import plot_pressure_map
from anodefree_sim.studies.pressure_map import (
    OUTCOMES,
    SHORT,
    STABLE,
    VOIDING,
    ccd_per_pressure,
    cycle_at,
    default_precondition_cycles,
    format_map,
    formation_steps,
    pressure_map,
)

PRESSURES = [1e6, 2e6, 5e6, 20e6, 80e6, 90e6]
CURRENTS = [0.5, 1.0, 2.0, 4.0]


@pytest.fixture(scope="module")
def bare():
    return pressure_map("choi2025-ccd-lumped", PRESSURES, CURRENTS, overrides={n.P_SILVER_CONTENT: 0.0})


@pytest.fixture(scope="module")
def bilayer():
    return pressure_map("choi2025-ccd-lumped", [2e6], CURRENTS, overrides={n.P_SILVER_CONTENT: 0.6})


def test_cycle_at_replaces_current_density_and_capacity():
    case = get_case("choi2025-ccd-lumped")
    assert cycle_at(case, 4.0) == ("Discharge at 4 mA.cm-2 for 1 mA.h.cm-2",
                                   "Charge at 4 mA.cm-2 for 1 mA.h.cm-2 or until 0.1 V")
    sym = cycle_at(get_case("huang2024-symmetric-li4ag"), 2.0, capacity=0.5)
    assert sym == ("Discharge at 2 mA.cm-2 for 0.5 mA.h.cm-2", "Charge at 2 mA.cm-2 for 0.5 mA.h.cm-2")


def test_ccd_per_pressure_is_the_last_current_below_the_first_short():
    out = np.array([["stable", "voiding", "short", "stable"],
                    ["short", "short", "short", "short"],
                    ["stable", "stable", "voiding", "stable"]])
    ccd, censored = ccd_per_pressure(out, [1, 2, 3, 4])
    assert ccd[0] == 2 and np.isnan(ccd[1]) and ccd[2] == 4
    assert censored.tolist() == [False, False, True]


def test_outcome_classes_and_shapes(bare):
    assert bare["outcome"].shape == (len(PRESSURES), len(CURRENTS))
    assert bare["contact_fraction"].shape == bare["outcome"].shape
    assert bare["ccd"].shape == bare["ccd_censored"].shape == (len(PRESSURES),)
    assert set(np.unique(bare["outcome"])) <= set(OUTCOMES)
    assert tuple(bare["labels"]) == OUTCOMES
    assert np.all(np.diff(bare["current_densities"]) > 0)
    # low pressure: the stripped Li foil voids; moderate pressure: stable at low current
    assert bare["outcome"][0, 0] == "voiding" and bare["outcome"][3, 0] == STABLE
    assert "CCD" in format_map(bare)


def test_bare_li_ccd_does_not_fall_with_pressure_below_penetration(bare):
    below = bare["pressures"] < 86e6
    ccd = bare["ccd"][below]
    assert np.all(np.isfinite(ccd))
    assert np.all(np.diff(ccd) >= 0)


def test_bare_li_shorts_when_plated_above_the_penetration_pressure(bare):
    # P_pen = 0.017 x 5.05 GPa = 86 MPa: at 90 MPa even the lowest current density shorts, at 80 MPa not
    assert np.all(bare["outcome"][-1] == SHORT) and np.isnan(bare["ccd"][-1])
    assert bare["outcome"][-2, 0] != SHORT


def test_ag_bilayer_is_stable_at_higher_current_than_bare_li_at_2_MPa(bare, bilayer):
    i2 = PRESSURES.index(2e6)

    def highest_stable(row):
        ok = [j for j, o in zip(CURRENTS, row, strict=True) if o == STABLE]
        return max(ok) if ok else 0.0

    assert highest_stable(bilayer["outcome"][0]) > highest_stable(bare["outcome"][i2])
    assert bilayer["ccd"][0] > bare["ccd"][i2]


def test_formation_steps_end_with_a_plating():
    case = get_case("choi2025-ccd-lumped")
    plate, strip = cycle_at(case, 0.5)
    assert formation_steps(case, 0) == ()
    assert formation_steps(case, 1) == ((plate,),)
    assert formation_steps(case, 3, 0.5) == ((plate, strip), (plate, strip), (plate,))
    # formed by default where the negative electrode starts without Li metal
    assert default_precondition_cycles("choi2025-ccd-lumped") == 1
    assert default_precondition_cycles("choi2025-ccd-lumped", {n.P_SILVER_CONTENT: 0.0}) == 1
    assert default_precondition_cycles("huang2024-symmetric-li") == 0
    assert default_precondition_cycles("li-lpscl-stripping") == 0
    with pytest.raises(ValueError, match="precondition_cycles"):
        pressure_map("choi2025-ccd-lumped", [20e6], [1.0], precondition_cycles=-1)


def test_formed_bilayer_map_matches_the_ccd_staircase():
    """Choi 2025 Fig. 3b, x = 0.6, 20 MPa: the lumped staircase (choi2025-ccd-lumped, fitted) completes 6.0
    mA/cm2 and shorts at 6.5. A fresh bilayer takes the mapped 1 mAh/cm2 mostly into the Li-Ag alloy and stays
    stable at 6.5; after the formation plating the mapped cycle plates Li metal at the full current and shorts as
    in the staircase."""
    grid = [6.0, 6.5]
    formed = pressure_map("choi2025-ccd-lumped", [20e6], grid, overrides={n.P_SILVER_CONTENT: 0.6})
    fresh = pressure_map("choi2025-ccd-lumped", [20e6], grid, overrides={n.P_SILVER_CONTENT: 0.6},
                         precondition_cycles=0)
    assert formed["precondition_cycles"] == 1 and formed["precondition_current"] == 0.5
    assert fresh["precondition_cycles"] == 0 and fresh["precondition_current"] is None
    assert formed["outcome"][0].tolist() == [STABLE, SHORT] and formed["ccd"][0] == 6.0
    assert fresh["outcome"][0].tolist() == [STABLE, STABLE] and fresh["ccd_censored"][0]


def test_temperature_axis():
    r = pressure_map("choi2025-ccd-lumped", [20e6], [0.5], temperature=[298.15, 333.15])
    assert r["outcome"].shape == (2, 1, 1) and r["ccd"].shape == (2, 1)
    assert r["temperatures"].tolist() == [298.15, 333.15]


def test_cli_json_and_plot(tmp_path, capsys):
    parser = studies.add_pressure_map_arguments(argparse.ArgumentParser())
    fig = tmp_path / "map.png"
    args = parser.parse_args(["choi2025-ccd-lumped", "--pressures", "2e6,20e6", "--currents", "0.5,2",
                              "--set", "Doped layer silver content=0", "--plot", str(fig), "--json"])
    assert studies.cmd_pressure_map(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pressures"] == [2e6, 20e6] and data["current_densities"] == [0.5, 2.0]
    assert len(data["outcome"]) == 2 and len(data["ccd"]) == 2
    assert fig.stat().st_size > 1000
    assert data["precondition_cycles"] == 1 and data["precondition_current"] == 0.5
    args = parser.parse_args(["choi2025-ccd-lumped", "--pressures", "20e6", "--currents", "0.5"])
    assert studies.cmd_pressure_map(args) == 0
    assert "CCD" in capsys.readouterr().out
    args = parser.parse_args(["choi2025-ccd-lumped", "--pressures", "20e6", "--currents", "0.5",
                              "--precondition", "2", "--precondition-current", "0.25", "--json"])
    assert args.precondition == 2 and args.precondition_current == 0.25
    assert studies.cmd_pressure_map(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["precondition_cycles"] == 2 and data["precondition_current"] == 0.25
    with pytest.raises(ValueError):
        studies.cmd_pressure_map(parser.parse_args(["--pressures", "a,b"]))


def test_plot_of_a_temperature_map(tmp_path):
    import matplotlib.pyplot as plt

    r = {"case": "x", "pressures": np.array([1e6, 2e6]), "current_densities": np.array([1.0, 2.0]),
         "temperatures": np.array([298.15, 333.15]), "outcome": np.array([[["stable", "short"]] * 2] * 2),
         "ccd": np.array([[1.0, 1.0]] * 2), "ccd_censored": np.zeros((2, 2), bool)}
    axes = plot_pressure_map(r, path=tmp_path / "t.png")
    assert len(axes) == 2 and (tmp_path / "t.png").exists()
    plt.close("all")


def test_ccd_of_li_rises_with_pressure_and_temperature():
    """Below the penetration pressure, warmer and more tightly pressed Li resupplies the interface faster
    (creep Q = 37 kJ/mol, migration barrier 0.295 eV), so voids and shorts need a higher current."""
    r = pressure_map("huang2024-symmetric-li", pressures=[2e6, 3e6, 5e6],
                     current_densities=[0.25, 0.5, 1, 2, 4, 6], temperature=[298.15, 333.15])
    ccd = np.asarray(r["ccd"], dtype=float)  # (temperature, pressure)
    assert np.all(np.diff(ccd, axis=1) >= 0)  # with pressure
    assert np.all(ccd[1] >= ccd[0]) and np.any(ccd[1] > ccd[0])  # with temperature


def test_contact_lost_is_voiding_in_the_map_table_json_and_legend(tmp_path, capsys):
    """Under "mechanics" a Li4Ag electrode stripped far past its critical stripping current (5.3 mA/cm2, 0 C,
    1 MPa) ends on "Counter contact lost" (the void runaway): the map classes it as voiding, not as another
    stop; below the onset it is stable (its contact is the void-free contact of 1 MPa, 0.34: low pressure alone
    is not voiding). No formation cycle: at the default 0.5 mA/cm2 it would itself strip the counter far above
    its onset at 0 C (~0.014 mA/cm2), and relithiating Li4Ag alloys (no Li metal plates), so those voids are not
    refilled and the 0.01 mA/cm2 point would be voiding too."""
    r = pressure_map("huang2024-symmetric-li4ag", [1e6], [0.01, 5.3], temperature=273.15,
                     options={"stack pressure": "mechanics"}, capacity=2.65, precondition_cycles=0,
                     check_model=False)
    assert r["outcome"][0].tolist() == [STABLE, VOIDING]
    assert r["event"][0, 1] == n.event_contact_lost("counter") and r["event"][0, 0] == ""
    assert r["ccd_censored"][0]  # voiding is no short
    assert "V voiding (incl. contact lost)" in format_map(r)
    ax = plot_pressure_map(r, path=tmp_path / "m.png")
    assert "voiding (incl. contact lost)" in [t.get_text() for t in ax.get_legend().get_texts()]
    parser = studies.add_pressure_map_arguments(argparse.ArgumentParser())
    args = parser.parse_args(["huang2024-symmetric-li4ag", "--pressures", "1e6", "--currents", "5.3",
                              "--capacity", "2.65", "--temperature", "273.15", "--stack-pressure", "mechanics",
                              "--json"])
    assert studies.cmd_pressure_map(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outcome"] == [[VOIDING]] and data["event"] == [[n.event_contact_lost("counter")]]
    with pytest.raises(ValueError, match="stack pressure"):
        pressure_map("li-lpscl-stripping", [1e6], [1.0], options={"stack pressure": "none"})
