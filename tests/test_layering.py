"""The package is layered one way (README "Where things are"): a module imports only from its own floor or
floors below. Imports inside functions count too (they are edges all the same).

    0 vocabulary   names, citations, files, options, units, constants, phase_table, nucleation, design.cell_design
    1 data         parameter_sets
    1 physics      submodels
    2 models       models (assembly, default solver)
    3 simulate     cases, protocols, checks, simulation, outcomes, cycling, provenance
    4 studies      studies, design.energy_density, validation, targets
    5 plotting     plotting
    6 cli          cli
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: (module prefix, floor); the longest matching prefix wins
FLOORS = {
    "anodefree_sim._names": 0, "anodefree_sim.names": 0, "anodefree_sim.citations": 0, "anodefree_sim.files": 0,
    "anodefree_sim.options": 0, "anodefree_sim.units": 0,
    "anodefree_sim.constants": 0, "anodefree_sim.phase_table": 0,
    "anodefree_sim.nucleation": 0, "anodefree_sim.design.cell_design": 0, "anodefree_sim.design": 4,
    "anodefree_sim.parameter_sets": 1, "anodefree_sim.submodels": 1,
    "anodefree_sim.models": 2,
    "anodefree_sim.cases": 3, "anodefree_sim.protocols": 3, "anodefree_sim.checks": 3,
    "anodefree_sim.simulation": 3, "anodefree_sim.cycling": 3,
    "anodefree_sim.outcomes": 3,
    "anodefree_sim.provenance": 3,
    "anodefree_sim.studies": 4, "anodefree_sim.validation": 4, "anodefree_sim.targets": 4,
    "anodefree_sim.plotting": 5, "anodefree_sim.validation.report": 5,
    "anodefree_sim.cli": 6,
    "anodefree_sim": 0,
}
SOURCES = {"src/anodefree_sim": "anodefree_sim", "models": "anodefree_sim.models",
           "parameter_sets": "anodefree_sim.parameter_sets"}


def floor(module: str) -> int:
    best = max((p for p in FLOORS if module == p or module.startswith(p + ".")), key=len)
    return FLOORS[best]


def modules():
    for folder, package in SOURCES.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT / folder).with_suffix("")
            parts = [p for p in rel.parts if p != "__init__"]
            yield ".".join([package, *parts]), path


def imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return {m for m in out if m.startswith("anodefree_sim")}


MODULES = dict(modules())


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module):
    """No module imports from a floor above its own (inside functions included)."""
    own = floor(module)
    up = sorted(m for m in imports(MODULES[module]) if m in MODULES or m.rsplit(".", 1)[0] in MODULES
                if floor(m) > own and not (m in MODULES and m.startswith(module)))
    assert not up, f"{module} (floor {own}) imports from higher floors: {[(m, floor(m)) for m in up]}"


@pytest.mark.parametrize("prefix", sorted(FLOORS))
def test_every_floor_names_a_module_that_exists(prefix):
    """A stale entry (a module that was renamed) would silently exempt its successor from the check."""
    names = {name for name, _ in modules()}
    assert any(n == prefix or n.startswith(prefix + ".") for n in names), prefix
