"""Packaging: every package folder is listed in pyproject.toml, so a plain (non-editable) install has it."""

from __future__ import annotations

from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_folder_is_installed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {".".join(p.parent.relative_to(ROOT / "src").parts) for p in (ROOT / "src").rglob("__init__.py")}
    assert found <= listed, f"package folders missing from pyproject.toml [tool.setuptools]: {found - listed}"
    assert {"anodefree_sim.models", "anodefree_sim.parameter_sets"} <= listed


def test_package_data_covers_the_data_files():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    data = config["package-data"]
    assert "data/*.bib" in data["anodefree_sim"] and (ROOT / "src/anodefree_sim/data/references.bib").exists()
    assert "data/*.csv" in data["anodefree_sim.parameter_sets"]
