"""Anode-free half cell: Li counter electrode | solid-electrolyte layers | anode-free electrode.

The working (negative) side starts with no Li: an optional Ag-doped argyrodite layer on the collector
(Ag exsolution), Li-Ag alloying of the exsolved Ag, and Li plating on the collector / seeds. The
counter electrode is a Li foil (plating/stripping kinetics, no alloy). Positive current ("discharge")
lithiates the working electrode, as in Choi 2025 Fig. 2b.
"""

from __future__ import annotations

import pybamm
from anodefree_sim.models.cell_model import BaseCellModel, electrode_submodels

from anodefree_sim import names as n


class AnodeFreeHalfCell(BaseCellModel):
    """Li | SE layers | anode-free working electrode on a collector (Choi 2025 Cell A / Cell B).

    Options (see :data:`anodefree_sim.options.OPTIONS`): ``"silver exsolution"``
    (``"lumped"``/``"resolved"``/``"none"``), ``"lithium-silver alloy"``, ``"alloy hysteresis"``,
    ``"nucleation"``, ``"lithium plating"``, ``"solid electrolyte"``,
    ``"number of solid electrolyte layers"``.

    Examples
    --------
    >>> import pybamm
    >>> model = pybamm.Model("AnodeFreeHalfCell")  # doctest: +SKIP
    """

    default_options = {"number of solid electrolyte layers": "1"}

    def __init__(self, options=None, name="Anode-free half cell", build=True):
        super().__init__(options, name=name, build=build)

    def _counter_submodels(self) -> dict:
        li_foil = dict(self.options)
        li_foil.update({"lithium-silver alloy": "none", "lithium plating": "partially reversible"})
        return electrode_submodels("counter", li_foil)

    @property
    def default_parameter_values(self):
        return pybamm.ParameterValues("Choi2025")

    @property
    def default_quick_plot_variables(self):
        """Variables of ``pybamm.QuickPlot`` / ``sim.plot()`` (those this model's options define)."""
        names = (n.VOLTAGE, n.CURRENT_DENSITY_MA, n.EXSOLVED_FRACTION, n.alloy_ratio("negative"),
                 n.plated_thickness("negative"), n.surface_potential("negative"))
        return [v for v in names if v in self.variables]
