"""Symmetric cell with two identical alloy or Li electrodes (Huang 2024 Fig. 5a-c).

Both electrodes carry the same submodels (Li-Ag alloy staging and/or Li plating); with
``"lithium-silver alloy": "none"`` the cell is Li | SE | Li. Positive current moves Li from the
counter electrode to the negative (working) electrode.
"""

from __future__ import annotations

import pybamm
from anodefree_sim.models.cell_model import BaseCellModel

from anodefree_sim import names as n


class SymmetricCell(BaseCellModel):
    """Alloy | SE | alloy (or Li | SE | Li) symmetric cell."""

    default_options = {"silver exsolution": "none"}

    def __init__(self, options=None, name="Symmetric cell", build=True):
        super().__init__(options, name=name, build=build)

    def _counter_submodels(self) -> dict:
        if self.options["silver exsolution"] != "none":
            raise ValueError("SymmetricCell has no doped layer: 'silver exsolution' must be 'none'")
        return super()._counter_submodels()

    @property
    def default_parameter_values(self):
        return pybamm.ParameterValues("Huang2024")

    @property
    def default_quick_plot_variables(self):
        """Variables of ``pybamm.QuickPlot`` / ``sim.plot()`` (those this model's options define)."""
        names = (n.VOLTAGE, n.CURRENT_DENSITY_MA, n.alloy_ratio("negative"), n.alloy_ratio("counter"),
                 n.plated_thickness("negative"), n.plated_thickness("counter"))
        return [v for v in names if v in self.variables]
