"""Parameter values of a case: user overrides, and parameters passed as PyBaMM ``[input]``s."""

from __future__ import annotations

import difflib

import numpy as np
import pybamm

from anodefree_sim import names as n
from anodefree_sim.cases import Case
from anodefree_sim.checks import check_parameter_values


def parse_assignment(text: str) -> tuple[str, float]:
    """Parse ``"Parameter name [unit]=value"`` (as given to ``--set``)."""
    name, sep, value = text.rpartition("=")
    if not sep or not name.strip():
        raise ValueError(f"--set expects 'Parameter name [unit]=value', got '{text}'")
    try:
        return name.strip(), float(value)
    except ValueError:
        raise ValueError(f"--set '{name.strip()}': '{value.strip()}' is not a number") from None


def case_parameter_values(case: Case, overrides: dict | None = None) -> pybamm.ParameterValues:
    """Parameter set of the case + the case's overrides + the user's, checked for range."""
    pv = pybamm.ParameterValues(case.parameter_set)
    pv.update(case.overrides)
    for key, value in (overrides or {}).items():
        if key not in pv.keys():
            close = difflib.get_close_matches(key, list(pv.keys()), n=3)
            hint = f"; did you mean {close}?" if close else ""
            raise ValueError(f"unknown parameter '{key}' for case '{case.name}'{hint}")
        pv[key] = value
    check_parameter_values(pv)
    return pv


#: parameters whose [input] has another name: PyBaMM's experiment-driven simulations refuse inputs called
#: "Ambient temperature [K]" or "Initial temperature [K]" (it controls those itself), so both parameters take
#: the value of the one ``"Cell temperature [K]"`` input (the models are isothermal: one cell temperature)
INPUT_ALIASES = {n.P_TEMPERATURE: n.INPUT_TEMPERATURE, n.P_INITIAL_TEMPERATURE: n.INPUT_TEMPERATURE}
_TEMPERATURES = (n.P_TEMPERATURE, n.P_INITIAL_TEMPERATURE)


def input_name(parameter: str) -> str:
    """Name of the PyBaMM ``[input]`` that carries ``parameter`` (``"Ambient temperature [K]"`` ->
    ``"Cell temperature [K]"``; other parameters keep their own name)."""
    return INPUT_ALIASES.get(parameter, parameter)


def parameters_as_inputs(parameter_values: pybamm.ParameterValues, parameters) -> pybamm.ParameterValues:
    """Copy of ``parameter_values`` with the named parameters as PyBaMM ``[input]`` parameters.

    A temperature (``"Ambient temperature [K]"``, ``"Initial temperature [K]"`` or the input name
    ``"Cell temperature [K]"``) sets the ambient temperature and, when the set has one, the initial
    temperature to ``pybamm.InputParameter("Cell temperature [K]")``. Values are then given at solve
    time, e.g. ``sim.solve(inputs={"Cell temperature [K]": 333.15})``; :class:`CaseSimulation` also takes
    them by parameter name and checks their range.
    """
    pv = parameter_values.copy()
    for name in parameters:
        targets = _TEMPERATURES if name in (*_TEMPERATURES, n.INPUT_TEMPERATURE) else (name,)
        targets = [t for t in targets if t in pv.keys()]
        if not targets:
            close = difflib.get_close_matches(name, list(pv.keys()), n=3)
            hint = f"; did you mean {close}?" if close else ""
            raise ValueError(f"cannot make '{name}' an [input]: unknown parameter{hint}")
        for target in targets:
            pv.update({target: pybamm.InputParameter(input_name(target))}, check_already_exists=False)
    return pv


def check_inputs(inputs: dict | None, required=()) -> dict:
    """PyBaMM ``inputs`` of a solve, keyed by input name, each value range-checked.

    ``inputs`` may be keyed by parameter name (``"Ambient temperature [K]"``) or by input name
    (``"Cell temperature [K]"``). Each number is checked as a value of its parameter by
    :func:`~anodefree_sim.checks.check_parameter_values` (temperature in (0, 500] K, non-negative
    thicknesses / amounts, fractions in [0, 1], ...): a bad one raises ``ValueError`` naming the input,
    the parameter and the valid range. Each value must be one real number: lists, arrays, strings and
    booleans are refused (every ``[input]`` here is a scalar parameter; a list would otherwise be
    expanded by PyBaMM into indexed keys and leave the ``[input]`` unset). ``required`` input names
    missing from ``inputs`` raise too.
    """
    out: dict = {}
    for key, value in (inputs or {}).items():
        name = input_name(key)
        if name in out and not np.array_equal(np.asarray(out[name]), np.asarray(value)):
            raise ValueError(f"inputs give '{name}' two values ({out[name]} and {value}, via '{key}')")
        parameter = n.P_TEMPERATURE if name == n.INPUT_TEMPERATURE else key
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise ValueError(f"input '{name}' must be one real number (every [input] of this package is a "
                             f"scalar parameter), got {type(value).__name__} {value!r}")
        try:
            check_parameter_values({parameter: value})
        except ValueError as err:
            raise ValueError(f"input '{name}': {err}") from None
        out[name] = value
    missing = [r for r in required if r not in out]
    if missing:
        raise ValueError(f"the simulation has [input]s {missing} without a value: pass "
                         f"inputs={{{', '.join(repr(m) + ': value' for m in missing)}}} to solve()")
    return out


def input_values(parameter_values: pybamm.ParameterValues, inputs: dict) -> pybamm.ParameterValues:
    """Copy of ``parameter_values`` (of :func:`build_simulation` with ``inputs``) with every ``[input]`` of
    ``inputs`` (keyed by parameter or input name) replaced by its value: the values a solve used."""
    values = {input_name(k): v for k, v in inputs.items()}
    pv = parameter_values.copy()
    pv.update({key: values[value.name] for key, value in parameter_values.items()
               if isinstance(value, pybamm.InputParameter) and value.name in values}, check_already_exists=False)
    return pv
