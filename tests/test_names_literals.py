"""Name discipline: every bracketed name this package adds is written once, in :mod:`anodefree_sim.names`.

A string literal shaped like a PyBaMM name (``"Capitalised words [units]"``) outside the names module fails
this test unless it is one of PyBaMM's own names (a parameter of PyBaMM's shipped sets, a variable of its
lithium-ion models, or an argument name of its function parameters such as ``"Temperature [K]"``). Figure
code (``plotting/``, the validation report's figure) is exempt: its strings are typeset axis labels.
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pybamm
import pytest

from anodefree_sim import names as n

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("src/anodefree_sim", "models", "parameter_sets")
NAME = re.compile(r"^[A-Z][A-Za-z0-9 ,()'\-/+.]* \[[A-Za-z0-9.\-%]+\]$")
#: argument names of PyBaMM's function parameters (OCPs, Arrhenius functions)
PYBAMM_ARGUMENTS = {"Temperature [K]", "Time [s]"}


@functools.cache
def pybamm_names() -> frozenset:
    out = set(PYBAMM_ARGUMENTS)
    for name in ("Chen2020", "Ecker2015", "Xu2019", "Marquis2019"):
        out.update(pybamm.ParameterValues(name).keys())
    for model in (pybamm.lithium_ion.SPMe({"working electrode": "positive"}), pybamm.lithium_ion.DFN()):
        out.update(model.variables.keys())
    return frozenset(out)


def literals():
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.name in ("names.py", "names.py") or "plotting" in path.parts or path.name == "report.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and NAME.match(node.value):
                    yield f"{path.relative_to(ROOT)}:{node.lineno}", node.value


def test_no_new_bracketed_name_outside_the_names_module():
    ours = {v for v in vars(n).values() if isinstance(v, str)}
    stray = [(where, name) for where, name in literals() if name not in pybamm_names()]
    duplicated = [(where, name) for where, name in stray if name in ours]
    unknown = [(where, name) for where, name in stray if name not in ours]
    assert not duplicated, f"names written again instead of taken from anodefree_sim.names: {duplicated}"
    assert not unknown, f"new names outside anodefree_sim.names (define them there): {unknown}"


@pytest.mark.parametrize("module", ["anodefree_sim._names"])
def test_the_private_alias_is_the_public_module(module):
    import importlib

    assert importlib.import_module(module).VOLTAGE is n.VOLTAGE
