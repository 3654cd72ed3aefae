"""Checks of user-facing parameter values before a build, with messages that name parameter, value and range.

One code path: the physical valid range of every parameter is declared next to its value in the parameter
sets (:mod:`anodefree_sim.parameter_sets._ledger`); :func:`check_parameter_values` enforces those ranges,
:func:`check_overrides_used` refuses a user's value that the chosen model and options never read.
"""

from __future__ import annotations

import math
import numbers
import warnings
from collections.abc import Callable
from functools import lru_cache

import pybamm

from anodefree_sim import names as n
from anodefree_sim.options import OPTIONS
from anodefree_sim.parameter_sets._ledger import Range

#: Parameters without a ledger range (added later) that must be >= 0, by unit.
NON_NEGATIVE_SUFFIXES = ("[m]", "[mol.m-2]", "[kg.m-3]", "[Ohm.m2]", "[F.m-2]")
#: Parameters that a simulation reads outside the model equations (the experiment: C-rates and areal
#: currents) or sets together with another one (the initial temperature follows the ambient temperature,
#: simulation.INPUT_ALIASES), so a model that does not contain them may still be given them.
READ_OUTSIDE_MODEL = ("Nominal cell capacity [A.h]", n.P_AREA, "Initial temperature [K]",
                      # read inside the NCM811 diffusivity function (parameter_sets/_ncm811.py), which
                      # get_parameter_info lists only as the function
                      n.P_POSITIVE_DIFFUSIVITY_RATIO, n.P_POSITIVE_DIFFUSIVITY_DROP,
                      n.P_POSITIVE_DIFFUSIVITY_DROP_WIDTH)


@lru_cache(maxsize=1)
def parameter_ranges() -> dict[str, Range]:
    """Valid range of every parameter of the shipped sets, from the ledger (one range per name)."""
    from anodefree_sim.provenance import set_entries

    ranges: dict[str, Range] = {}
    for entries in set_entries().values():
        for name, e in entries.items():
            if hasattr(e, "range"):
                ranges.setdefault(name, e.range)
    return ranges


def check_value(name: str, value: float) -> None:
    """Raise ``ValueError`` if ``value`` is outside the valid range of parameter ``name`` (warn outside its
    published range, where the ledger gives one)."""
    rng = parameter_ranges().get(name)
    if rng is None:
        _check_generic(name, value)
        return
    if value not in rng:
        raise ValueError(f"{name} = {value:g} is outside its valid range {rng}")
    if rng.warn is not None and not rng.warn[0] <= value <= rng.warn[1]:
        warnings.warn(f"{name} = {value:g} is outside the papers' range {rng.warn[0]}-{rng.warn[1]}; material "
                      "data are extrapolated", UserWarning, stacklevel=3)


def _check_generic(name: str, value: float) -> None:
    if not math.isfinite(value):
        raise ValueError(f"{name} = {value} must be a finite number")
    if name.endswith(NON_NEGATIVE_SUFFIXES) and value < 0:
        raise ValueError(f"{name} = {value:g} is outside its valid range [0, inf)")
    if "fraction" in name and not 0 <= value <= 1:
        raise ValueError(f"{name} = {value:g} is outside its valid range [0, 1]")


def check_parameter_values(parameter_values) -> None:
    """Raise ``ValueError`` for a value outside its physical range (numbers only; functions and inputs are
    skipped). The ranges are the ledger's (e.g. temperatures [200, 450] K, stack pressure (0, 1e9] Pa,
    potentials [-1, 5] V, Ag content x in [0, 6] with a warning outside 0-0.75, fractions in [0, 1])."""
    for key in parameter_values.keys():
        value = _number(parameter_values[key])
        if value is not None:
            check_value(key, value)


def model_parameter_names(model: pybamm.BaseModel) -> set[str]:
    """Names of the parameters (and function parameters) that a built model reads."""
    return set(model.get_parameter_info())


def check_overrides_used(
    model: pybamm.BaseModel, overrides: dict | None, rebuild: Callable[[dict], pybamm.BaseModel] | None = None,
    options: dict | None = None,
) -> None:
    """Refuse a user's parameter value that the built model never reads (it would be silently ignored).

    Parameters
    ----------
    model : pybamm.BaseModel
        The model as built with the chosen options.
    overrides : dict
        The user's parameter values (``--set``, ``overrides=``).
    rebuild : callable, optional
        ``rebuild(options) -> model``; used only on error, to name an option value that would read it.
    options : dict, optional
        The options ``model`` was built with.

    Raises
    ------
    ValueError
        Naming the parameter and, when one is found, the option that would use it.
    """
    if not overrides:
        return
    used = model_parameter_names(model) | set(READ_OUTSIDE_MODEL)
    unused = [k for k in overrides if k not in used]
    if not unused:
        return
    name = unused[0]
    hint = _option_reading(name, rebuild, options or {}) if rebuild is not None else None
    where = f"; option {hint} would use it" if hint else "; no option of this model reads it"
    raise ValueError(f"parameter '{name}' is not used by model '{model.name}' with the chosen "
                     f"options, so the value would be ignored{where}")


def _option_reading(name: str, rebuild: Callable[[dict], pybamm.BaseModel], options: dict) -> str | None:
    """The first ``'option': 'value'`` (changed from ``options``) whose model reads ``name``."""
    for key, values in OPTIONS.items():
        for value in values:
            if str(options.get(key, values[0])) == value:
                continue
            try:
                candidate = rebuild({**options, key: value})
            except (ValueError, pybamm.OptionError):
                continue
            if name in model_parameter_names(candidate):
                return f"'{key}': '{value}'"
    return None


def _number(value):
    """The float of a plain number, None for functions, inputs and symbols."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Number):
        return float(value)
    if isinstance(value, pybamm.Scalar):
        return float(value.value)
    return None
