"""Plating-location map (issue 12, item 'notebook 06'): where plated Li goes over current density x a second
axis with the mixed-conducting doped layer; charge balance, trends, censored points, figure and CLI."""

from __future__ import annotations

import argparse
import json
import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pybamm  # noqa: E402
import pytest  # noqa: E402
from test_cli import _cli  # noqa: E402
from test_plotting import check_layout  # noqa: E402

from anodefree_sim import names as n  # noqa: E402
from anodefree_sim.cli import studies  # noqa: E402
from anodefree_sim.plotting import plot_plating_map  # noqa: E402
from anodefree_sim.studies import plating_location as pl  # noqa: E402

X = n.P_SILVER_CONTENT


@pytest.fixture(scope="module")
def silver_map():
    """x = 0 and 0.6 at 1 and 8 mA/cm2, 5 mAh/cm2 (Choi Fig. 3f / Supp. Fig. 17 conditions at 1 mA/cm2)."""
    return pl.plating_location(current_densities=[1.0, 8.0], axis="silver content", values=[0.0, 0.6])


def _point(table, j, value):
    col = table.attrs["axis column"]
    rows = table[(table[pl.CURRENT_DENSITY] == j) & np.isclose(table[col], value)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_charge_passed_is_split_between_three_places_and_the_silver(silver_map):
    done = silver_map[~silver_map[pl.CENSORED]]
    # both 1 mA/cm2 points; at 8 mA/cm2 x = 0 shorts, and so does x = 0.6 since the network follows the Ag left
    # in the layer (its staircase CCD is 7.5, tests/test_mixed_conductor.py)
    assert len(done) >= 2
    # charge conservation: the four shares of the charge passed sum to 1, the charge passed is the capacity
    shares = done[list(pl.CHARGE_FRACTIONS)].sum(axis=1)
    np.testing.assert_allclose(shares, 1.0, atol=1e-4)
    np.testing.assert_allclose(done[pl.CHARGE_PASSED], 5.0, rtol=1e-4)
    np.testing.assert_allclose(done[list(pl.AMOUNTS)].sum(axis=1) + done[pl.SILVER_CHARGE], done[pl.CHARGE_PASSED],
                               atol=1e-4)
    np.testing.assert_allclose(done[list(pl.PLATED_FRACTIONS)].sum(axis=1), 1.0, atol=1e-6)
    # a point that shorted: the same split of the charge passed up to the short
    short = _point(silver_map, 8.0, 0.6)
    assert short[pl.OUTCOME] == pl.SHORT and 0 < short[pl.CHARGE_PASSED] < 5.0
    assert sum(short[k] for k in pl.AMOUNTS) + short[pl.SILVER_CHARGE] == pytest.approx(short[pl.CHARGE_PASSED],
                                                                                         abs=1e-4)


def test_choi_fig3f_and_x0_at_1_mA(silver_map):
    """x = 0.6, 1 mA/cm2, 5 mAh/cm2: Li metal at the collector (Fig. 3f), part of the charge in the Ag; x = 0:
    no Ag, every bit of Li at the collector (the model has no other place for it)."""
    x6 = _point(silver_map, 1.0, 0.6)
    assert not x6[pl.CENSORED] and x6[pl.FRACTION_AT_COLLECTOR] > 0.9
    # the exsolution of the 10 um layer (0.106 mAh/cm2) and what is left of its alloy: the alloy Li (up to ~1.3
    # mAh/cm2) goes with the Ag that dissolves into the collector Li (submodels/layer_silver.py, session 8)
    assert 0.1 < x6[pl.SILVER_CHARGE] < 0.2
    x0 = _point(silver_map, 1.0, 0.0)
    assert not x0[pl.CENSORED] and x0[pl.SILVER_CHARGE] == 0
    assert x0[n.LITHIUM_AT_COLLECTOR] == pytest.approx(5.0, rel=1e-4)


def test_higher_current_moves_lithium_toward_the_separator_side(silver_map):
    low, high = _point(silver_map, 1.0, 0.6), _point(silver_map, 8.0, 0.6)
    assert high[pl.OUTCOME] != pl.FAILED, f"solver failure at 8 mA/cm2: {high[pl.EVENT]}"
    assert high[pl.FRACTION_AT_SEPARATOR] > low[pl.FRACTION_AT_SEPARATOR] + 0.05
    assert high[pl.FRACTION_AT_COLLECTOR] < low[pl.FRACTION_AT_COLLECTOR]


def test_bare_collector_at_8_mA_is_a_censored_short(silver_map):
    """x = 0 at 8 mA/cm2: the non-uniform deposit on bare SUS exceeds the flaw criterion: a short, recorded as
    a censored point (never an exception)."""
    p = _point(silver_map, 8.0, 0.0)
    assert p[pl.CENSORED] and p[pl.OUTCOME] == pl.SHORT
    assert "short circuit" in p[pl.EVENT].lower()
    assert not (p[pl.CHARGE_PASSED] >= 5.0 - 1e-6)  # stopped before the capacity (or at t = 0: NaN)


class _FailingSimulation:
    stop = None

    def solve(self, inputs=None):
        raise pybamm.SolverError("IDA_CONV_FAIL: Convergence test failures\nsecond line")


def test_solver_failure_is_a_censored_point_without_amounts():
    row = pl._solve_point(_FailingSimulation(), {}, 5.0)
    assert row[pl.CENSORED] and row[pl.OUTCOME] == pl.FAILED
    assert row[pl.EVENT].startswith("IDA_CONV_FAIL") and "\n" not in row[pl.EVENT]
    assert all(math.isnan(row[k]) for k in (*pl.AMOUNTS, *pl.PLATED_FRACTIONS, pl.CHARGE_PASSED))


def test_lower_temperature_moves_lithium_off_the_collector():
    """The ionic path to the collector costs I L / sigma_i: colder (lower sigma_i), less Li at the collector."""
    t = pl.plating_location(current_densities=[1.0], axis="temperature", values=[298.15, 333.15])
    cold, warm = _point(t, 1.0, 298.15), _point(t, 1.0, 333.15)
    assert pl.FAILED not in (cold[pl.OUTCOME], warm[pl.OUTCOME]), (cold[pl.EVENT], warm[pl.EVENT])
    assert cold[pl.FRACTION_AT_COLLECTOR] < warm[pl.FRACTION_AT_COLLECTOR]
    assert t.attrs["axis column"] == n.P_TEMPERATURE


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"axis": "pressure"}, "is not one of: silver content"),
    ({"current_densities": [1.0, -2.0]}, "current densities"),
    ({"current_densities": []}, "at least one value"),
    ({"values": [0.6, 1.5]}, r"silver content must be in \[0, 1\]"),
    ({"axis": "thickness", "values": [0.0]}, r"thickness must be in \(0"),
    ({"axis": "temperature", "values": [100.0]}, r"temperature must be in \[200"),
    ({"capacity": 0.0}, "capacity must be > 0"),
])
def test_bad_input_names_the_argument_and_range(kwargs, message):
    with pytest.raises(ValueError, match=message):
        pl.plating_location(**kwargs)


def _synthetic():
    rows = []
    for x in (0.0, 0.6):
        for j in (1.0, 4.0, 8.0):
            amounts = {n.LITHIUM_AT_COLLECTOR: 4.0 - 0.2 * j, n.LITHIUM_INSIDE_LAYER: 0.0,
                       n.LITHIUM_AT_SEPARATOR: 0.2 * j}
            outcome = pl.SHORT if (x, j) == (0.0, 8.0) else pl.FAILED if (x, j) == (0.6, 4.0) else pl.COMPLETED
            frac = amounts[n.LITHIUM_AT_COLLECTOR] / 4.0 if outcome != pl.FAILED else math.nan
            rows.append({pl.CURRENT_DENSITY: j, X: x, **amounts, pl.FRACTION_AT_COLLECTOR: frac,
                         pl.OUTCOME: outcome, pl.CENSORED: outcome != pl.COMPLETED})
    t = pd.DataFrame(rows)
    t.attrs.update({"case": "synthetic", "axis": "silver content", "axis column": X, "capacity": 5.0})
    return t


@pytest.mark.parametrize("ext", ["png", "svg", "pdf"])
def test_map_figure_legend_lists_censored_markers_and_observations(tmp_path, ext):
    path = tmp_path / f"map.{ext}"
    ax = plot_plating_map(_synthetic(), path, observations=pl.observations("silver content"))
    fig = ax.figure
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert sum("censored" in s for s in labels) == 3 and any("Fig. 3f" in s for s in labels)
    assert "current density [mA cm" in ax.get_xlabel() and ax.get_ylabel() == "Silver content x"
    assert path.stat().st_size > 1000
    check_layout(fig)
    plt.close(fig)


def test_format_table_marks_censored_points():
    text = pl.format_table(_synthetic())
    assert "X" in text.splitlines()[2] and "F" in text.splitlines()[3] and "--" in text.splitlines()[3]


def test_cli_json_csv_and_plot(tmp_path, capsys):
    parser = studies.add_plating_map_arguments(argparse.ArgumentParser())
    fig, table = tmp_path / "map.svg", tmp_path / "map.csv"
    args = parser.parse_args(["--currents", "1", "--axis", "silver content", "--values", "0,0.6",
                              "--capacity", "2", "--plot", str(fig), "--csv", str(table), "--json"])
    assert studies.cmd_plating_map(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 2 and {d[X] for d in data} == {0.0, 0.6}
    assert all(d[pl.CHARGE_PASSED] == pytest.approx(2.0, rel=1e-4) for d in data if not d[pl.CENSORED])
    assert fig.stat().st_size > 1000 and len(pd.read_csv(table)) == 2


@pytest.mark.parametrize(("args", "message"), [
    (["--axis", "pressure"], "is not one of: silver content"),
    (["--currents", "1,x"], "comma-separated numbers"),
    (["--values", "2"], "silver content must be in"),
    (["--plot", "map.gif"], "unsupported extension"),
    (["no-such-case"], "unknown case"),
])
def test_cli_bad_input_exits_2_with_one_line(args, message):
    r = _cli("plating-map", *args)
    assert r.returncode == 2
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in r.stderr and message in err[0]


def test_a_failed_point_is_retried_with_tighter_tolerances(monkeypatch):
    """A solve that fails with the map's default solver (here: made to fail) is solved once more with
    :data:`RETRY_TOLERANCES`; the row says so, and is censored only if the retry fails too."""
    original = pl._solve_point

    def first_fails(sim, inputs, capacity):
        if sim.solver.rtol == pl.RTOL:
            return original(_FailingSimulation(), inputs, capacity)
        return original(sim, inputs, capacity)

    monkeypatch.setattr(pl, "_solve_point", first_fails)
    t = pl.plating_location(current_densities=[1.0], values=[0.0, 0.6], capacity=1.0)
    assert t[pl.RETRIED].all() and not t[pl.CENSORED].any() and (t[pl.OUTCOME] == pl.COMPLETED).all()
    np.testing.assert_allclose(t[pl.CHARGE_PASSED], 1.0, rtol=1e-4)
