"""Issue 10 items 6-8: wrong or inert inputs, physical ranges checked before a build, picklable simulations."""

from __future__ import annotations

import math
import pickle
import re
import warnings

import numpy as np
import pybamm
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anodefree_sim import names as n
from anodefree_sim.cases import get_case
from anodefree_sim.checks import check_parameter_values, check_value, parameter_ranges
from anodefree_sim.cli import main
from anodefree_sim.simulation import build_simulation, case_parameter_values


# ---------------------------------------------------------------- item 6: wrong or inert inputs
def test_huang_nominal_capacity_is_the_test_capacity_of_fig_5c():
    """0.2 mAh/cm2 per half cycle (Fig. 5c): 1C is the 0.2 mA/cm2 test current (was 1000x too small)."""
    pv = pybamm.ParameterValues("Huang2024")
    areal = pv["Nominal cell capacity [A.h]"] / pv[n.P_AREA] / 10  # A.h/m2 -> mAh/cm2
    assert areal == pytest.approx(0.2, rel=1e-12)
    assert pv["Nominal cell capacity [A.h]"] * 1.0 == pytest.approx(pv[n.P_CURRENT], rel=1e-12)  # 1C, 1 h


def test_choi_pouch_runs_at_2_MPa():
    """Choi's pouch is held at 2.0 MPa (Methods, Fig. 3h); the half cells at 20 MPa."""
    assert pybamm.ParameterValues("Choi2025Pouch")[n.P_STACK_PRESSURE] == 2.0e6
    assert pybamm.ParameterValues("Choi2025")[n.P_STACK_PRESSURE] == 20e6


def test_parameter_the_options_never_read_is_refused():
    """The pouch runs on "mechanics": a parameter only the "contact" closure reads is refused, and accepted with
    that option on."""
    with pytest.raises(ValueError, match=r"Interfacial contact resistance at reference pressure \[Ohm.m2\]' is "
                                         r"not used .* option 'stack pressure': 'contact' would use it"):
        build_simulation("choi2025-pouch-30c", overrides={n.P_CONTACT_RESISTANCE: 1e-4})
    # with the option on, the same value is read and accepted
    build_simulation("choi2025-pouch-30c", overrides={n.P_CONTACT_RESISTANCE: 1e-4},
                     options={"stack pressure": "contact"})


def test_cli_refuses_an_inert_parameter_with_one_line(capsys):
    assert main(["run", "choi2025-pouch-30c", "--set", f"{n.P_CONTACT_RESISTANCE}=1e-4"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and n.P_CONTACT_RESISTANCE in err


# ---------------------------------------------------------------- item 7: range checks
@pytest.mark.parametrize(
    "case, name, value, shown",
    [
        ("choi2025-ccd", n.P_STACK_PRESSURE, 0.0, r"\(0, 1e\+09\]"),
        ("choi2025-ccd", n.P_STACK_PRESSURE, -1e6, r"\(0, 1e\+09\]"),
        ("choi2025-cell-b", n.P_TEMPERATURE, 1.0, r"\[200, 450\]"),
        ("choi2025-cell-b", n.P_EXSOLUTION_OCP, 1e6, r"\[0, 5\]"),
        ("choi2025-cell-b", n.P_SILVER_CONTENT, 7.0, r"\[0, 6\]"),
        ("choi2025-cell-b", n.P_AREA, 0.0, r"\(0, 1\]"),
    ],
)
def test_reproducers_are_refused_naming_parameter_value_and_range(case, name, value, shown):
    with pytest.raises(ValueError, match=re.escape(f"{name} = {value:g} is outside its valid range ") + shown):
        case_parameter_values(get_case(case), {name: value})


def test_cli_zero_pressure_exits_2_with_one_line(capsys):
    assert main(["run", "choi2025-ccd", "--set", "Stack pressure [Pa]=0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "Stack pressure [Pa] = 0 is outside its valid range (0, 1e+09]" in err


def test_every_default_value_lies_in_its_range():
    for set_name in ("Choi2025", "Huang2024", "Choi2025Pouch", "Huang2024Full"):
        check_parameter_values(pybamm.ParameterValues(set_name))


_FINITE = sorted(k for k, r in parameter_ranges().items())


@settings(max_examples=150, deadline=None)
@given(name=st.sampled_from(_FINITE), u=st.floats(0.0, 1.0), outside=st.booleans(), far=st.floats(1e-6, 1e6))
def test_check_accepts_inside_and_refuses_outside(name, u, outside, far):
    """Any value inside a parameter's ledger range passes the check, any value outside raises."""
    rng = parameter_ranges()[name]
    lo = rng.lo if math.isfinite(rng.lo) else -1e12
    hi = rng.hi if math.isfinite(rng.hi) else 1e12
    if outside:
        candidates = ([rng.lo - far * max(1.0, abs(rng.lo))] if math.isfinite(rng.lo) else []) + (
            [rng.hi + far * max(1.0, abs(rng.hi))] if math.isfinite(rng.hi) else [])
        candidates += [rng.lo] if rng.open_lo else []
        candidates += [rng.hi] if rng.open_hi else []
        candidates += [math.nan, math.inf]
        value = candidates[int(u * (len(candidates) - 1))]
        with pytest.raises(ValueError, match=r"outside its valid range"):
            check_value(name, value)
    else:
        value = lo + u * (hi - lo)
        if value not in rng:  # an open bound drawn exactly
            value = (lo + hi) / 2
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            check_value(name, value)


def test_input_values_still_go_through_the_ledger_ranges():
    sim, _ = build_simulation("li-lpscl-stripping", inputs=[n.P_STACK_PRESSURE])
    with pytest.raises(ValueError, match=r"input 'Stack pressure \[Pa\]': Stack pressure \[Pa\] = 0 is outside"):
        sim.solve(inputs={n.P_STACK_PRESSURE: 0.0})


# ---------------------------------------------------------------- item 8: pickling
@pytest.mark.parametrize("case", ["choi2025-cell-b", "huang2024-symmetric-li4ag", "choi2025-pouch-60c",
                                  "huang2024-full-li4ag"])
def test_built_simulation_of_every_shipped_set_pickles_and_solves_the_same(case):
    c = get_case(case)
    pv = case_parameter_values(c)
    sim = pybamm.Simulation(pybamm.Model(c.model, dict(c.options)), parameter_values=pv)
    sim.build()
    again = pickle.loads(pickle.dumps(sim))
    a = sim.solve([0, 600])["Voltage [V]"].entries
    b = again.solve([0, 600])["Voltage [V]"].entries
    assert np.all(np.isfinite(a)) and np.allclose(a, b, rtol=1e-9, atol=1e-12)
    # the case simulation with its experiment pickles too
    pickle.dumps(build_simulation(case)[0])
