"""Anode-free full cell: NCM cathode (PyBaMM SPM / SPMe / DFN) | solid electrolyte | anode-free negative side.

Registered under ``pybamm_models`` as ``AnodeFreeFullCell``; the cathode level is the option
``"cathode model"``. Composition, not inheritance of a cathode-level class:

PyBaMM's half-cell models (``{"working electrode": "positive"}``) at SPM, SPMe or DFN level supply the
cathode, the solid electrolyte as electrolyte phase, the external circuit and the voltage. Their Li
metal negative electrode (potential, interface and interface-current submodels) is replaced by the
anode-free submodels of this package (exsolution, alloy, plating, potential closure) and an adapter
(:class:`~anodefree_sim.submodels.planar_negative.PlanarNegativeElectrode`). No PyBaMM class is
subclassed (DESIGN section 3).
"""

from __future__ import annotations

import copy

import pybamm
from anodefree_sim.models.cell_model import electrode_submodels

from anodefree_sim import names as n
from anodefree_sim import submodels as sm
from anodefree_sim.options import validate_options
from anodefree_sim.submodels.mixed_conductor import MIXED_POINTS, Z_LAYER
from anodefree_sim.submodels.planar_negative import (
    CurrentDensityAlias,
    FullCellLithium,
    PlanarNegativeElectrode,
)

CATHODE_MODELS = {
    "SPM": pybamm.lithium_ion.SPM,
    "SPMe": pybamm.lithium_ion.SPMe,
    "DFN": pybamm.lithium_ion.DFN,
}
#: PyBaMM's Li-metal negative-electrode submodels that the anode-free side replaces
REPLACED = (
    "negative electrode potential",
    "negative electrode interface",
    "negative electrode interface current",
)
#: our defaults for full cells: PyBaMM's separator is the (first) SE layer, so no extra ohmic layers
FULL_CELL_DEFAULTS = {"solid electrolyte": "none"}


def build_full_cell(options: dict | None = None, name: str | None = None, build: bool = True):
    """An anode-free full cell: NCM cathode (PyBaMM) | solid electrolyte | anode-free negative side.

    Parameters
    ----------
    options : dict, optional
        Our options (:data:`anodefree_sim.options.OPTIONS`), including ``"cathode model"``
        (``"SPMe"`` default, ``"SPM"``, ``"DFN"``).
    name : str, optional
        Model name.
    build : bool
        Build at once (False: swap submodels first, then ``model.build_model()``).

    Returns
    -------
    pybamm.lithium_ion.BaseModel
        PyBaMM's model of the chosen cathode level with the anode-free submodels in place (not built when
        ``build`` is False); our validated options in ``model.anodefree_options``. Prefer
        :class:`AnodeFreeFullCell`, which wraps this with its own defaults.
    """
    opts = validate_options(options, FULL_CELL_DEFAULTS)
    if opts["silver exsolution"] == "resolved":
        raise ValueError("full cells support 'silver exsolution': 'lumped' or 'none' (not 'resolved')")
    cathode = opts["cathode model"]
    model = CATHODE_MODELS[cathode](
        {"working electrode": "positive"}, name=name or f"Anode-free full cell ({cathode})", build=False
    )
    for key in REPLACED:
        del model.submodels[key]
    model.submodels.update(electrode_submodels("negative", opts, opts["silver exsolution"], sign=-1))
    if opts["solid electrolyte"] == "ohmic":
        n_layers = int(opts["number of solid electrolyte layers"])
        model.submodels["extra solid electrolyte layers"] = sm.OhmicSolidElectrolyte(n_layers)
    else:
        model.submodels["extra solid electrolyte layers"] = sm.NoSolidElectrolyte()
    model.submodels["anode-free current density"] = CurrentDensityAlias()
    model.submodels["anode-free planar negative electrode"] = PlanarNegativeElectrode()
    model.submodels["full-cell lithium balance"] = FullCellLithium()
    model.anodefree_options = opts
    if build:
        model.build_model()
    return model


class AnodeFreeFullCell(pybamm.lithium_ion.BaseModel):
    """Anode-free full cell: PyBaMM's cathode (``"cathode model"``: SPMe, SPM, DFN) | SE | anode-free side.

    The composition of :func:`build_full_cell` adopted into a model class of its own: ``model.options`` holds
    PyBaMM's battery options (``"working electrode": "positive"``, ...) and ours (:data:`~anodefree_sim.options
    .OPTIONS`, e.g. ``model.options["silver exsolution"]``); ``default_parameter_values`` is ``Choi2025Pouch``.

    Parameters
    ----------
    options : dict, optional
        Our options, including ``"cathode model"``.
    name : str, optional
        Model name (default ``"Anode-free full cell (<cathode model>)"``).
    build : bool
        Build at once (False: swap submodels in ``model.submodels`` first, then ``model.build_model()``).

    Examples
    --------
    >>> model = pybamm.Model("AnodeFreeFullCell", {"cathode model": "SPM"})  # doctest: +SKIP
    >>> pybamm.Simulation(model).solve([0, 3600])  # doctest: +SKIP
    """

    def __init__(self, options: dict | None = None, name: str | None = None, build: bool = True):
        composed = build_full_cell(options, name=name, build=False)
        # adopt the composed model's state (submodels, PyBaMM options, parameters) ...
        self.__dict__.update(composed.__dict__)
        # ... and expose our options beside PyBaMM's in model.options (read by key; PyBaMM reads only its own)
        merged = copy.copy(composed.options)
        dict.update(merged, composed.anodefree_options)
        self._options = merged
        if build:
            self.build_model()

    @property
    def default_parameter_values(self) -> pybamm.ParameterValues:
        return pybamm.ParameterValues("Choi2025Pouch")

    # the mixed-conducting layer ("silver exsolution": "mixed conductor") is meshed in its dimensionless depth
    # z = x / L in the "negative electrode" domain, which PyBaMM's half-cell geometry does not have
    @property
    def _mixed(self) -> bool:
        return self.options["silver exsolution"] == "mixed conductor"

    @property
    def default_geometry(self):
        geometry = super().default_geometry
        if self._mixed:
            geometry["negative electrode"] = {Z_LAYER: {"min": 0, "max": 1}}
        return geometry

    @property
    def default_var_pts(self):
        return {**super().default_var_pts, **({Z_LAYER: MIXED_POINTS} if self._mixed else {})}

    @property
    def default_submesh_types(self):
        extra = {"negative electrode": pybamm.Uniform1DSubMesh} if self._mixed else {}
        return {**super().default_submesh_types, **extra}

    @property
    def default_spatial_methods(self):
        extra = {"negative electrode": pybamm.FiniteVolume()} if self._mixed else {}
        return {**super().default_spatial_methods, **extra}

    @property
    def default_quick_plot_variables(self):
        """PyBaMM's cathode / electrolyte variables and the anode-free side's (those the options define)."""
        names = [*super().default_quick_plot_variables, n.plated_thickness("negative"),
                 n.alloy_ratio("negative"), n.EXSOLVED_FRACTION]
        return [v for v in names if v in self.variables]
