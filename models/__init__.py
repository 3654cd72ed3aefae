"""Assembled, registered anode-free cell models (installed as ``anodefree_sim.models``)."""

if __name__ != "anodefree_sim.models":
    raise ImportError("Import 'anodefree_sim.models', not the top-level 'models' folder.")

from anodefree_sim.models.full_cell import AnodeFreeFullCell  # noqa: E402
from anodefree_sim.models.half_cell import AnodeFreeHalfCell  # noqa: E402
from anodefree_sim.models.symmetric_cell import SymmetricCell  # noqa: E402

__all__ = ["AnodeFreeFullCell", "AnodeFreeHalfCell", "SymmetricCell"]
