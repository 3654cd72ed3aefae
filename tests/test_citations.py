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


def test_every_bib_entry_has_an_author_or_editor_so_pybamm_prints_it():
    """PyBaMM silently drops an entry without an author from ``print_citations`` (checked on 26.10)."""
    for key, text in citations.bibtex().items():
        entry = parse_string(text, "bibtex").entries[key]
        assert entry.persons.get("author") or entry.persons.get("editor") or "organization" in entry.fields, key


@pytest.mark.parametrize("name", ["Choi2025", "Choi2025Pouch", "Huang2024", "Huang2024Full"])
def test_parameter_set_citations_resolve_to_known_references(name):
    """A bare unknown key in a set's "citations" only warns at print time and the reference is lost."""
    from importlib.metadata import entry_points

    (ep,) = [e for e in entry_points(group="pybamm_parameter_sets") if e.name == name]
    for ref in ep.load()()["citations"]:
        if ref.lstrip().startswith("@"):
            key = parse_string(ref, "bibtex").entries.keys()
            assert len(key) == 1, ref[:60]
        else:
            assert ref in citations.bibtex() or ref in pybamm.citations._all_citations, (name, ref)


def test_print_citations_lists_every_reference_of_ours(tmp_path):
    citations.register_all()
    out = tmp_path / "all.txt"
    pybamm.print_citations(str(out))
    text = out.read_text()
    for key, entry in citations.bibtex().items():
        persons = parse_string(entry, "bibtex").entries[key].persons
        people = persons.get("author") or persons.get("editor")
        if people:
            surname = " ".join(people[0].last_names).replace("{", "").replace("}", "")
            assert surname.split()[-1] in text, key


def test_cite_refuses_an_unknown_key():
    """One bare unknown key stops PyBaMM parsing every later reference at print time, so it is refused here."""
    with pytest.raises(KeyError, match="NoSuchKey2099"):
        citations.cite("NoSuchKey2099")
