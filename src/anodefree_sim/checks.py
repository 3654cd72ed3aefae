"""Range checks of user-facing parameter values, with messages that name the parameter and range."""

from __future__ import annotations

import math
import numbers

import pybamm

from anodefree_sim import _names as n
from anodefree_sim.conductivity import check_silver_content

#: Parameters that must be >= 0 (thicknesses, amounts, densities, resistances, capacities).
NON_NEGATIVE_SUFFIXES = ("[m]", "[mol.m-2]", "[kg.m-3]", "[Ohm.m2]", "[F.m-2]")
#: Temperatures accepted [K] (above 0 K; the material data are for roughly -40 to 100 C).
TEMPERATURE_RANGE = (0.0, 500.0)


def check_parameter_values(parameter_values: pybamm.ParameterValues) -> None:
    """Raise ``ValueError`` for a physically impossible value (numbers only; inputs are skipped).

    Checks: Ag content x in 0-6 (warning outside the papers' 0-0.75), temperature in
    (0, 500] K, electrode area > 0, every thickness / amount / density / resistance /
    capacity >= 0, fractions in [0, 1].
    """
    pv = parameter_values
    if n.P_SILVER_CONTENT in pv.keys():
        check_silver_content(_number(pv[n.P_SILVER_CONTENT]))
    T = _number(pv[n.P_TEMPERATURE]) if n.P_TEMPERATURE in pv.keys() else None
    if T is not None and not TEMPERATURE_RANGE[0] < T <= TEMPERATURE_RANGE[1]:
        raise ValueError(
            f"{n.P_TEMPERATURE} = {T} is outside the valid range "
            f"({TEMPERATURE_RANGE[0]}, {TEMPERATURE_RANGE[1]}] K"
        )
    area = _number(pv[n.P_AREA]) if n.P_AREA in pv.keys() else None
    if area is not None and not area > 0:
        raise ValueError(f"{n.P_AREA} = {area} must be > 0")
    for key in pv.keys():
        value = _number(pv[key])
        if value is None:
            continue
        if not math.isfinite(value):
            raise ValueError(f"{key} = {value} must be a finite number")
        if key.endswith(NON_NEGATIVE_SUFFIXES) and value < 0:
            raise ValueError(f"{key} = {value} must be >= 0")
        if "fraction" in key and not 0 <= value <= 1:
            raise ValueError(f"{key} = {value} must be within [0, 1]")


def _number(value):
    """The float of a plain number, None for functions, inputs and symbols."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Number):
        return float(value)
    if isinstance(value, pybamm.Scalar):
        return float(value.value)
    return None
