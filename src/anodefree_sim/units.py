"""Units: one normaliser of unit spellings and the conversion tables to SI, shared by the protocol grammar
(:mod:`anodefree_sim.protocols`) and the measured-data readers (:mod:`anodefree_sim.validation.readers`).

Normalised spellings are lower case with ``.`` between factors and signed exponents: ``"mAh/cm²"`` ->
``"ma.h.cm-2"``, ``"µA cm^-2"`` -> ``"ua.cm-2"``, ``"°C"`` -> ``"degc"``. Tables map a normalised unit to
its factor to SI (temperatures: ``(scale, offset)`` to K).
"""

from __future__ import annotations

import re

TIME = {"s": 1.0, "sec": 1.0, "ms": 1e-3, "min": 60.0, "h": 3600.0, "hr": 3600.0}
VOLTAGE = {"v": 1.0, "mv": 1e-3, "uv": 1e-6}
CURRENT = {"a": 1.0, "ma": 1e-3, "ua": 1e-6, "na": 1e-9}
#: current density -> A.m-2
CURRENT_DENSITY = {"a.m-2": 1.0, "a.cm-2": 1e4, "ma.cm-2": 10.0, "ua.cm-2": 1e-2, "ma.mm-2": 1e3}
#: charge -> A.h
CAPACITY = {"a.h": 1.0, "ma.h": 1e-3, "ua.h": 1e-6, "c": 1 / 3600, "mc": 1 / 3.6e6, "a.s": 1 / 3600}
#: areal capacity -> A.s.m-2
AREAL_CAPACITY = {"a.h.m-2": 3600.0, "ma.h.cm-2": 3.6e4, "ua.h.cm-2": 36.0}
#: temperature -> (scale, offset) to K
TEMPERATURE = {"k": (1.0, 0.0), "degc": (1.0, 273.15), "c": (1.0, 273.15)}
AREA = {"m2": 1.0, "cm2": 1e-4, "mm2": 1e-6}
MASS = {"kg": 1.0, "g": 1e-3, "mg": 1e-6, "ug": 1e-9}
#: pressure -> Pa
PRESSURE = {"pa": 1.0, "kpa": 1e3, "mpa": 1e6, "bar": 1e5, "psi": 6894.757293168361, "atm": 101325.0}


def normalise_unit(unit: str) -> str:
    """Spellings such as ``"mAh"``, ``"mA/cm²"``, ``"°C"`` -> ``"ma.h"``, ``"ma.cm-2"``, ``"degc"``."""
    u = unit.strip().lower().replace("µ", "u").replace("μ", "u").replace("²", "2").replace("°", "deg")
    u = u.replace("^", "").replace("·", ".").replace("*", ".").replace("deg ", "deg")
    u = re.sub(r"\s*/\s*(c?m|mm)2\b", r".\1-2", u)
    u = re.sub(r"\s*\.\s*|\s+", ".", u)
    return re.sub(r"(?<![a-z])(m|u|)ah\b", r"\1a.h", u)


def quantity(text: str, units: dict) -> float | None:
    """``"0,785 cm²"`` -> 7.85e-5 with ``units=AREA``; None if no number or an unknown unit."""
    m = re.match(r"^\s*([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?)\s*(\S*)", text)
    if not m:
        return None
    u = normalise_unit(m[2])
    if u not in units:
        return None
    scale = units[u]
    value = float(m[1].replace(",", "."))
    return value * scale[0] + scale[1] if isinstance(scale, tuple) else value * scale
