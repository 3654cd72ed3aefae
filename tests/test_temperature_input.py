"""Temperature as a PyBaMM [input] in experiment-driven runs: one build, many temperatures.

PyBaMM refuses "Ambient temperature [K]" as an input name in experiments, so the parameter's value is the
input "Cell temperature [K]" (:func:`anodefree_sim.simulation.parameters_as_inputs`).
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict

import numpy as np
import pybamm
import pytest

from anodefree_sim import names as n
from anodefree_sim import simulation
from anodefree_sim.cases import get_case
from anodefree_sim.checks import check_parameter_values
from anodefree_sim.simulation import (
    build_simulation,
    check_inputs,
    input_name,
    input_values,
    parameters_as_inputs,
)
from anodefree_sim.studies import pressure_map as pm
from anodefree_sim.studies.sweeps import SweepSpec, run_sweep
from anodefree_sim.studies.sweeps import run as sweeps

T = n.P_TEMPERATURE
#: three stripping steps of Li | Li6PS5Cl | Li (the short protocol keeps the rebuilds fast)
STRIPPING = dataclasses.replace(get_case("li-lpscl-stripping"), steps=get_case("li-lpscl-stripping").steps[:3])


def _rel_voltage_difference(a: pybamm.Solution, b: pybamm.Solution) -> float:
    assert a.t[-1] == pytest.approx(b.t[-1], rel=1e-9)
    t = np.linspace(max(a.t[0], b.t[0]), min(a.t[-1], b.t[-1]), 400)  # the end times differ in the last digits
    va, vb = a[n.VOLTAGE](t), b[n.VOLTAGE](t)
    return float(np.max(np.abs(va - vb) / np.abs(vb)))


def test_temperature_names_map_to_the_cell_temperature_input():
    assert input_name(T) == input_name(n.P_INITIAL_TEMPERATURE) == n.INPUT_TEMPERATURE == "Cell temperature [K]"
    assert input_name(n.P_STACK_PRESSURE) == n.P_STACK_PRESSURE
    sim, pv = build_simulation("huang2024-full-li4ag", inputs=[T])
    for name in (T, n.P_INITIAL_TEMPERATURE):  # the full cell has both: both follow the input
        assert isinstance(pv[name], pybamm.InputParameter) and pv[name].name == n.INPUT_TEMPERATURE
    assert sim.input_names == (n.INPUT_TEMPERATURE,)
    check_parameter_values(pv)  # the range checks skip [input] values
    concrete = input_values(pv, {T: 333.15})
    assert concrete[T] == concrete[n.P_INITIAL_TEMPERATURE] == 333.15
    with pytest.raises(ValueError, match="did you mean"):
        parameters_as_inputs(pv, ["Ambient temprature [K]"])
    with pytest.raises(ValueError, match="cannot be \\[input\\]s"):
        build_simulation("choi2025-cell-b", inputs=[n.P_AREA])


@pytest.mark.parametrize("temperature", [288.15, 333.15])
def test_input_run_equals_a_rebuilt_run(temperature):
    sim, _ = build_simulation(STRIPPING, inputs=[T])
    by_input = sim.solve(inputs={T: temperature})
    rebuilt, _ = build_simulation(STRIPPING, overrides={T: temperature})
    assert _rel_voltage_difference(by_input, rebuilt.solve()) < 1e-6


def test_input_reaches_the_initial_temperature_of_a_full_cell():
    first = get_case("huang2024-full-li4ag")
    first = dataclasses.replace(first, steps=first.steps[:1])
    sim, _ = build_simulation(first, inputs=[T])
    by_input = sim.solve(inputs={n.INPUT_TEMPERATURE: 318.15})
    rebuilt, _ = build_simulation(first, overrides={T: 318.15, n.P_INITIAL_TEMPERATURE: 318.15})
    assert _rel_voltage_difference(by_input, rebuilt.solve()) < 1e-6


def test_out_of_range_or_missing_temperature_fails_clearly():
    sim, _ = build_simulation(STRIPPING, inputs=[T])
    message = r"input 'Cell temperature \[K\]': Ambient temperature \[K\] = 600 is outside its valid range " \
              r"\[200, 450\]"
    with pytest.raises(ValueError, match=message):
        sim.solve(inputs={T: 600.0})
    with pytest.raises(ValueError, match="outside its valid range"):
        sim.solve(inputs={n.INPUT_TEMPERATURE: -5.0})
    with pytest.raises(ValueError, match="without a value"):
        sim.solve()
    with pytest.raises(ValueError, match="two values"):
        check_inputs({T: 300.0, n.P_INITIAL_TEMPERATURE: 310.0})
    # any input is range-checked by its parameter
    with pytest.raises(ValueError, match=r"outside its valid range \[0, 0.1\]"):
        check_inputs({"Doped layer thickness [m]": -1e-6})


@pytest.mark.parametrize("value", [[300.0, 310.0], np.array([300.0]), "300", True, None])
def test_an_input_must_be_one_real_number(value):
    """A list/array/string/bool input is refused with the input's name (a list used to be expanded by PyBaMM into
    indexed keys, leaving the [input] unset)."""
    with pytest.raises(ValueError, match=r"input 'Cell temperature \[K\]' must be one real number"):
        check_inputs({T: value})
    assert check_inputs({T: np.float64(300.0)}) == {n.INPUT_TEMPERATURE: 300.0}


@pytest.fixture
def count_builds(monkeypatch):
    """Count :func:`build_simulation` calls (sweeps and pressure maps), with an empty sweep cache."""
    calls = []
    original = simulation.build_simulation

    def counting(*args, **kwargs):
        calls.append(args[0].name if hasattr(args[0], "name") else args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(simulation, "build_simulation", counting)
    monkeypatch.setattr(pm, "build_simulation", counting)
    monkeypatch.setattr(sweeps, "build_simulation", counting)
    monkeypatch.setattr(sweeps, "_SIMULATIONS", OrderedDict())
    return calls


def test_temperature_sweep_builds_once(count_builds):
    temps = [273.15, 298.15, 333.15, 353.15, 600.0]
    spec = SweepSpec("choi2025-cell-b", {T: {"values": temps}}, metrics=["Discharge capacity [mA.h.cm-2]"])
    table = run_sweep(spec, progress=False).sort_values(T)
    assert count_builds == ["choi2025-cell-b"]
    assert list(table["Status"]) == ["ok"] * 4 + ["failed"]
    assert "Ambient temperature [K] = 600 is outside its valid range" in table["Error"].iloc[-1]
    # warmer: more conductive electrolyte and faster kinetics, more capacity before the cut-off
    assert table["Discharge capacity [mA.h.cm-2]"].iloc[:4].is_monotonic_increasing
    # the same number as a rebuilt run
    rebuilt = simulation.run_case("choi2025-cell-b", overrides={T: 298.15})
    q = float(rebuilt.table[n.CAPACITY_AREAL][-1])
    assert table["Discharge capacity [mA.h.cm-2]"].iloc[1] == pytest.approx(q, rel=1e-6)


def test_pressure_map_temperatures_do_not_rebuild(count_builds):
    r = pm.pressure_map("huang2024-symmetric-li", [3e6], [0.25, 0.5], temperature=[298.15, 333.15])
    assert len(count_builds) == 2  # one per current density
    assert r["outcome"].shape == (2, 1, 2)
