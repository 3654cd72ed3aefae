"""The references anodefree_sim uses, as BibTeX (``data/references.bib``), registered with PyBaMM on use.

Each submodel and parameter set calls :func:`cite` with the keys of what it uses, so that
``pybamm.print_citations()`` after a solve lists exactly the sources of that simulation. Keys that PyBaMM
itself knows (e.g. ``"Chen2020"``) may be cited too.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files

import pybamm

_ENTRY = re.compile(r"^@\w+\{(?P<key>[^,\s]+),.*?^\}", re.MULTILINE | re.DOTALL)


@functools.cache
def bibtex() -> dict[str, str]:
    """``{key: BibTeX entry}`` of every reference in the package's ``references.bib``."""
    text = files("anodefree_sim").joinpath("data", "references.bib").read_text(encoding="utf-8")
    return {m["key"]: m.group(0) for m in _ENTRY.finditer(text)}


def cite(*keys: str) -> None:
    """Register the references ``keys`` with ``pybamm.citations``: ours by their BibTeX entry from the .bib
    file, any other key as one of PyBaMM's own (e.g. ``"Chen2020"``).

    Raises
    ------
    KeyError
        For a key that is neither: PyBaMM would only warn at print time and stop parsing every reference
        registered after it, so the references of the whole simulation would be lost.
    """
    entries = bibtex()
    for key in keys:
        if key not in entries and key not in pybamm.citations._all_citations:
            raise KeyError(f"unknown reference key {key!r}: add it to anodefree_sim/data/references.bib")
        pybamm.citations.register(entries.get(key, key))


def register_all() -> None:
    """Make every key of the package's references known to ``pybamm.citations`` (safe to call repeatedly)."""
    for entry in bibtex().values():
        pybamm.citations.register(entry)


#: BibTeX entries of the two papers the package is built from (parameter sets list them under "citations")
CHOI2025 = bibtex()["Choi2025"]
HUANG2024 = bibtex()["Huang2024"]
BIBTEX = bibtex()
