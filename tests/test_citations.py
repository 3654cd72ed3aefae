"""References: the package's BibTeX file parses, every cited key is known, and a solve lists what it used."""

from __future__ import annotations

import ast
from pathlib import Path

import pybamm
import pytest
from pybtex.database import parse_string

from anodefree_sim import citations

ROOT = Path(__file__).resolve().parents[1]


def test_references_bib_parses_and_every_entry_has_a_title_and_year():
    entries = citations.bibtex()
    assert {"Choi2025", "Huang2024", "Masias2019", "Kasemchainan2019", "Plett2015"} <= set(entries)
    for key, text in entries.items():
        db = parse_string(text, "bibtex")
        fields = db.entries[key].fields
        assert "title" in fields and "year" in fields, key


def _cited_keys():
    for path in sorted((ROOT / "src" / "anodefree_sim").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "cite":
                yield from (a.value for a in node.args if isinstance(a, ast.Constant))


@pytest.mark.parametrize("key", sorted(set(_cited_keys())))
def test_every_cited_key_is_ours_or_pybamms(key):
    assert key in citations.bibtex() or key in pybamm.citations._all_citations


def test_a_stack_pressure_run_lists_its_sources(tmp_path):
    model = pybamm.Model("SymmetricCell", {"lithium-silver alloy": "none", "stack pressure": "contact"})
    pybamm.Simulation(model, parameter_values=pybamm.ParameterValues("Huang2024")).solve([0, 10])
    out = tmp_path / "refs.txt"
    pybamm.print_citations(str(out))
    text = out.read_text()
    for author in ("Masias", "Kasemchainan", "LePage", "Huang"):
        assert author in text
