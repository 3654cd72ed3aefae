"""Tests for anodefree_sim.protocols (areal steps -> PyBaMM experiments)."""

import math

import pybamm
import pytest

from anodefree_sim.protocols import areal_experiment, current_density_of_step, translate_step

AREA_13MM = math.pi * (6.5e-3) ** 2  # 13 mm disc, ~1.327e-4 m2
A = 1.327e-4  # round area used for readable numbers [m2]


def _parts(text):
    """Split 'Verb at <I> A for <t> seconds ...' into floats for tolerant comparison."""
    words = text.split()
    current = float(words[words.index("at") + 1]) if "at" in words else None
    duration = float(words[words.index("for") + 1]) if "for" in words else None
    return current, duration


def test_area_of_13mm_disc():
    assert AREA_13MM == pytest.approx(1.3273e-4, rel=1e-4)


@pytest.mark.parametrize(
    ("step", "current_a"),
    [
        ("Discharge at 1 mA.cm-2 until 0.005 V", 1.327e-3),  # 1 mA/cm2 = 10 A/m2
        ("Discharge at 10 A.m-2 until 0.005 V", 1.327e-3),
        ("Discharge at 1 mA/cm2 until 0.005 V", 1.327e-3),
        ("Discharge at 1 mA cm-2 until 0.005 V", 1.327e-3),
        ("Discharge at 1mA.cm-2 until 0.005 V", 1.327e-3),
        ("Discharge at 1 MA.CM-2 until 0.005 V", 1.327e-3),  # case-insensitive
        ("Discharge at 0.2 mA.cm-2 until 0.005 V", 2.654e-4),
        ("Discharge at 1e-3 A.cm-2 until 0.005 V", 1.327e-3),
        ("Discharge at .5 mA.cm-2 until 0.005 V", 6.635e-4),
        ("Discharge at 100 uA.cm-2 until 0.005 V", 1.327e-4),
        ("Discharge at 100 µA.cm-2 until 0.005 V", 1.327e-4),
        ("Discharge at 100 μA/cm2 until 0.005 V", 1.327e-4),
    ],
)
def test_current_density_to_current(step, current_a):
    out = translate_step(step, A)
    assert out.startswith("Discharge at ") and out.endswith(" A until 0.005 V")
    current, duration = _parts(out)
    assert current == pytest.approx(current_a, rel=1e-12)
    assert duration is None


def test_exact_translation_string():
    assert translate_step("Discharge at 1 mA.cm-2 until 0.005 V", A) == (
        "Discharge at 0.001327 A until 0.005 V"
    )
    assert translate_step("Charge at 1 mA.cm-2 for 1 mA.h.cm-2", A) == (
        "Charge at 0.001327 A for 3600 seconds"
    )


@pytest.mark.parametrize(
    ("step", "seconds"),
    [
        ("Charge at 1 mA.cm-2 for 1 mA.h.cm-2", 3600.0),
        ("Charge at 2 mA.cm-2 for 1 mA.h.cm-2", 1800.0),
        ("Charge at 1 mA.cm-2 for 1 mAh.cm-2", 3600.0),
        ("Charge at 1 mA.cm-2 for 1 mAh/cm2", 3600.0),
        ("Charge at 1 mA.cm-2 for 1 mA h cm-2", 3600.0),
        ("Charge at 10 A.m-2 for 10 A.h.m-2", 3600.0),
        ("Charge at 1 mA.cm-2 for 1000 uA.h.cm-2", 3600.0),
        ("Charge at 0.5 mA.cm-2 for 2 mA.h.cm-2", 14400.0),
        ("Charge at 50 µA.cm-2 for 0.1 mA.h.cm-2", 7200.0),
    ],
)
def test_areal_capacity_to_duration(step, seconds):
    _, duration = _parts(translate_step(step, A))
    assert duration == pytest.approx(seconds, rel=1e-12)


def test_duration_independent_of_area():
    step = "Charge at 2 mA.cm-2 for 1 mA.h.cm-2"
    assert _parts(translate_step(step, 1.0))[1] == pytest.approx(1800.0)
    assert _parts(translate_step(step, 1e-6))[1] == pytest.approx(1800.0)


def test_or_until_and_modifier_kept():
    out = translate_step(
        "Charge at 0.5 mA.cm-2 for 2 mA.h.cm-2 or until 0.1 V (1 minute period)", A
    )
    assert out == "Charge at 0.0006635 A for 14400 seconds or until 0.1 V (1 minute period)"


def test_hold_with_areal_current_cutoff():
    assert translate_step("Hold at 4.2 V until 0.05 mA.cm-2", A) == (
        "Hold at 4.2 V until 6.635e-05 A"
    )
    assert translate_step("Hold at 4.2 V until < 50 uA/cm2", A) == (
        "Hold at 4.2 V until < 6.635e-05 A"
    )


@pytest.mark.parametrize(
    "step",
    [
        "Rest for 1 hour",
        "Discharge at 1 A until 3 V",
        "Charge at C/10 for 10 hours",
        "Charge at 1 C until 4.2 V",
        "Hold at 4.2 V until 50 mA",
        "Discharge at 2 W for 10 minutes (1 second period)",
        "Charge at 1 A for 1 hour or until 4.2 V",
    ],
)
def test_native_steps_pass_through(step):
    assert translate_step(step, A) is step
    assert current_density_of_step(step) is None


def test_lowercase_verb_is_capitalised_for_pybamm():
    assert translate_step("charge at 1 mA.cm-2 for 1 mA.h.cm-2", A).startswith("Charge at ")


def test_experiment_steps_have_expected_values():
    exp = areal_experiment(
        [
            (
                "Discharge at 1 mA.cm-2 until 0.005 V (1 minute period)",
                "Rest for 1 hour",
                "Charge at 2 mA.cm-2 for 1 mA.h.cm-2",
            ),
            "Hold at 4.2 V until 0.05 mA.cm-2",
        ],
        AREA_13MM,
        period="10 seconds",
    )
    assert isinstance(exp, pybamm.Experiment)
    assert exp.cycle_lengths == [3, 1]
    dis, rest, chg, hold = exp.steps
    assert isinstance(dis, pybamm.step.Current)
    assert dis.value == pytest.approx(10.0 * AREA_13MM)  # positive = discharge
    assert dis.period == 60.0  # modifier kept
    assert [t.value for t in dis.termination] == [0.005]
    assert isinstance(rest, pybamm.step.Rest)
    assert rest.duration == 3600.0
    assert rest.period == 10.0  # experiment kwarg applied
    assert isinstance(chg, pybamm.step.Current)
    assert chg.value == pytest.approx(-20.0 * AREA_13MM)  # negative = charge
    assert chg.duration == pytest.approx(1800.0)
    assert isinstance(hold, pybamm.step.Voltage)
    assert hold.value == 4.2
    assert hold.termination[0].value == pytest.approx(0.5 * AREA_13MM)


def test_experiment_accepts_single_string_and_step_objects():
    exp = areal_experiment("Charge at 1 mA.cm-2 for 1 mA.h.cm-2", A)
    assert len(exp.steps) == 1
    assert exp.steps[0].duration == pytest.approx(3600.0)
    exp = areal_experiment([pybamm.step.rest(60), "Discharge at 1 mA.cm-2 for 1 hour"], A)
    assert exp.steps[0].duration == 60
    assert exp.steps[1].value == pytest.approx(1.327e-3)


@pytest.mark.parametrize(
    ("step", "density"),
    [
        ("Discharge at 1 mA.cm-2 until 0.005 V", 10.0),
        ("Charge at 1 mA.cm-2 for 1 mA.h.cm-2", -10.0),
        ("Charge at 0.5 mA/cm2 for 2 mAh/cm2 or until 0.1 V", -5.0),
        ("Discharge at 100 uA.cm-2 for 1 hour", 1.0),
        ("Charge at 2 A.m-2 for 1 hour", -2.0),
        ("Hold at 1 mA.cm-2 for 1 hour", 10.0),
        ("Hold at 4.2 V until 0.05 mA.cm-2", None),
        ("Rest for 1 hour", None),
        ("Discharge at 1 A until 3 V", None),
    ],
)
def test_current_density_of_step(step, density):
    result = current_density_of_step(step)
    if density is None:
        assert result is None
    else:
        assert result == pytest.approx(density)


@pytest.mark.parametrize(
    ("step", "match"),
    [
        ("Discharge at 1 mA.in-2 until 0.005 V", "unknown areal unit"),
        ("Discharge at 1 mA.cm-3 until 0.005 V", "unknown areal unit"),
        ("Charge at 1 mA.cm-2 for 1 mWh.cm-2", "unknown areal unit"),
        ("Discharge at 0 mA.cm-2 until 0.005 V", "current density must be > 0"),
        ("Discharge at -1 mA.cm-2 until 0.005 V", "current density must be > 0"),
        ("Charge at 1 mA.cm-2 for 0 mA.h.cm-2", "capacity must be > 0"),
        ("Rest for 1 mA.h.cm-2", "without a current density"),
        ("Charge at C/10 for 1 mA.h.cm-2", "without a current density"),
        ("Charge at 1 A for 1 mA.h.cm-2", "without a current density"),
        ("Discharge at 1 mA.h.cm-2 until 0.005 V", "not an areal capacity"),
        ("Charge at 1 mA.cm-2 for 1 mA.cm-2", "'for' needs a time"),
        ("Charge at 1 mA.cm-2 until 1 mA.h.cm-2", "'until' cannot take"),
        ("Rest at 1 mA.cm-2 for 1 hour", "Rest step cannot"),
        ("Relax at 1 mA.cm-2 for 1 hour", "unknown instruction"),
        ("Discharge 1 mA.cm-2 until 0.005 V", "cannot parse"),
    ],
)
def test_step_errors(step, match):
    with pytest.raises(ValueError, match=match) as info:
        translate_step(step, A)
    message = str(info.value)
    assert step in message and "\n" not in message
    with pytest.raises(ValueError, match=match):
        current_density_of_step(step)
    with pytest.raises(ValueError, match=match):
        areal_experiment([step], A)


@pytest.mark.parametrize("area", [0.0, -1e-4, float("nan"), float("inf"), None, "1e-4", True])
def test_bad_area(area):
    pattern = r"Electrode area \[m2\].*> 0"
    with pytest.raises(ValueError, match=pattern):
        translate_step("Discharge at 1 mA.cm-2 until 0.005 V", area)
    with pytest.raises(ValueError, match=pattern):
        translate_step("Rest for 1 hour", area)
    with pytest.raises(ValueError, match=pattern):
        areal_experiment(["Rest for 1 hour"], area)


def test_non_string_step_rejected():
    with pytest.raises(TypeError):
        translate_step(1.0, A)


def test_tiny_solve_runs_translated_steps():
    """Solve a small SPM to show the translated strings drive a real simulation."""
    pv = pybamm.ParameterValues("Chen2020")
    area = pv["Electrode width [m]"] * pv["Electrode height [m]"]
    exp = areal_experiment(
        ["Discharge at 2 mA.cm-2 for 0.5 mA.h.cm-2 or until 3 V", "Rest for 10 minutes"],
        area,
        period="1 minute",
    )
    sol = pybamm.Simulation(pybamm.lithium_ion.SPM(), parameter_values=pv, experiment=exp).solve()
    discharge = sol.cycles[0].steps[0]
    assert discharge["Current [A]"].entries == pytest.approx(20.0 * area)
    assert discharge["Time [s]"].entries[-1] == pytest.approx(900.0)
    assert discharge["Discharge capacity [A.h]"].entries[-1] == pytest.approx(5.0 * area)
