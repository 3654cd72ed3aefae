"""Every notebook in notebooks/ executes without error (nbclient, fresh kernel)."""

from __future__ import annotations

from pathlib import Path

import nbclient
import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors


def test_there_are_notebooks():
    assert any(p.name.startswith("01_") for p in NOTEBOOKS)


def _images(cell) -> int:
    return sum("image/png" in o.get("data", {}) for o in cell.get("outputs", []))


@pytest.mark.notebook
def test_package_figure_first_leaves_later_pyplot_figures_shown(tmp_path):
    """A package figure drawn first (inside the style's ``rc_context``) must not switch off the inline
    backend's interactive mode: a later plain ``plt.plot`` cell still shows its figure."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("from anodefree_sim.plotting._style import figure, styled\n"
                                  "with styled():\n    figure().gca().plot([0, 1])"),
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nplt.plot([1, 0]);"),
    ]
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert _images(nb.cells[0]) == 1
    assert _images(nb.cells[1]) == 1
