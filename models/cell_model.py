"""Assembly of anode-free cell models by composition of submodels.

:class:`BaseCellModel` is a plain :class:`pybamm.BaseModel` whose ``submodels`` dict is filled from
the validated options and built with PyBaMM's own submodel lifecycle (fundamental -> coupled ->
equations). Concrete cells (half cell, symmetric cell) differ only in their counter electrode and
defaults; they live in :mod:`anodefree_sim.models`.
"""

from __future__ import annotations

import pybamm
from anodefree_sim.models.solver import default_solver

from anodefree_sim import names as n
from anodefree_sim import submodels as sm
from anodefree_sim.options import validate_options
from anodefree_sim.submodels.exsolution import X_LAYER
from anodefree_sim.submodels.mixed_conductor import Z_LAYER

#: mesh points through the doped layer for the resolved exsolution option
DEFAULT_LAYER_POINTS = 20
#: mesh points through the doped layer for the mixed-conductor option (two potentials and five states each)
MIXED_CONDUCTOR_POINTS = sm.mixed_conductor.MIXED_POINTS


def electrode_submodels(electrode: str, options: dict, exsolution: str = "none", sign=None) -> dict:
    """Submodels of one electrode: exsolution (negative only), alloy, plating, contact, interphase film,
    potential closure.

    ``sign`` is +1 if a positive (discharge) current lithiates the electrode, -1 otherwise (default:
    +1 for the negative side of half/symmetric cells, -1 for the counter electrode).
    """
    out = {}
    if electrode == "negative" and exsolution == "mixed conductor":
        return _mixed_conductor_submodels(options, sign)
    if electrode == "negative":
        out["negative silver exsolution"] = {
            "none": sm.NoExsolution,
            "lumped": sm.LumpedExsolution,
            "resolved": sm.ResolvedExsolution,
        }[exsolution]()
    if options["lithium-silver alloy"] == "staged":
        hyst = options["alloy hysteresis"] == "one-state"
        out[f"{electrode} lithium-silver alloy"] = sm.StagedAlloy(electrode, hysteresis=hyst)
    else:
        out[f"{electrode} lithium-silver alloy"] = sm.NoAlloy(electrode)
    if options["lithium plating"] == "none":
        out[f"{electrode} lithium plating"] = sm.NoPlating(electrode)
    else:
        nuc = options["nucleation"] == "coverage"
        out[f"{electrode} lithium plating"] = sm.Plating(electrode, nucleation=nuc, sign=sign)
    if options["lithium plating"] != "none" and options["stack pressure"] == "contact":
        out[f"{electrode} stack pressure"] = sm.ContactStackPressure(electrode)
    elif options["lithium plating"] != "none" and options["stack pressure"] == "mechanics":
        # the alloy of a doped layer lies on the electrolyte side of the voids; an alloy foil holds them
        alloy_foil = not (electrode == "negative" and exsolution != "none")
        out[f"{electrode} stack pressure"] = sm.MechanicsStackPressure(electrode, sign=sign,
                                                                       alloy_holds_voids=alloy_foil)
    else:
        out[f"{electrode} stack pressure"] = sm.NoStackPressure(electrode)
    if options["interphase growth"] == "throughput":
        out[f"{electrode} interphase"] = sm.ThroughputInterphaseGrowth(electrode)
    else:
        out[f"{electrode} interphase"] = sm.ConstantInterphase(electrode)
    closure = {
        "algebraic": sm.AlgebraicElectrodePotential,
        "capacitive": sm.CapacitiveElectrodePotential,
    }[options["electrode potential"]]
    out[f"{electrode} electrode potential"] = closure(electrode, sign=sign)
    return out


def _mixed_conductor_submodels(options: dict, sign=None) -> dict:
    """The negative side as one mixed-conducting layer (it holds exsolution, alloy, plating and the potentials).

    ``sign``: as for :func:`electrode_submodels` (-1 in a full cell, where charging plates the layer)."""
    required = (("stack pressure", "none"), ("alloy hysteresis", "none"),
                ("lithium plating", "partially reversible"), ("lithium-silver alloy", "staged"),
                ("electrode potential", "algebraic"))
    for key, allowed in required:
        if options[key] != allowed:
            raise ValueError(f"'silver exsolution': 'mixed conductor' needs option '{key}' = '{allowed}' "
                             f"(got '{options[key]}'): the layer model carries its own {key}")
    out = {"negative silver exsolution": sm.MixedConductorLayer(nucleation=options["nucleation"] == "coverage",
                                                                        sign=sign),
           "negative silver in plated lithium and dead lithium": sm.LayerSilverAndDeadLithium(),
           "negative stack pressure": sm.NoStackPressure("negative")}
    if options["interphase growth"] == "throughput":
        out["negative interphase"] = sm.ThroughputInterphaseGrowth("negative")
    else:
        out["negative interphase"] = sm.ConstantInterphase("negative")
    return out


class BaseCellModel(pybamm.BaseModel):
    """Two-electrode cell: negative (anode-free / working) | solid electrolyte | counter.

    Parameters
    ----------
    options : dict, optional
        See :data:`anodefree_sim.options.OPTIONS`.
    name : str
        Model name.
    build : bool
        Build the model at once (set False to swap submodels first, then call ``build_model()``).
    """

    default_options: dict = {}
    #: options this model does not read, with the reason (setting one raises instead of being ignored)
    unused_options: dict = {"cathode model": "it has no cathode: use AnodeFreeFullCell"}

    def __init__(self, options: dict | None = None, name: str = "Anode-free cell", build=True):
        super().__init__(name)
        self.options = validate_options(options, self.default_options, self.unused_options)
        self.summary_variables = []
        self.submodels = self._submodels()
        if build:
            self.build_model()

    def _counter_submodels(self) -> dict:
        """The counter electrode: by default the same mechanisms as the negative side (no exsolution)."""
        return electrode_submodels("counter", self.options)

    def _submodels(self) -> dict:
        opts = self.options
        out = {}
        if opts["solid electrolyte"] == "ohmic":
            n_layers = int(opts["number of solid electrolyte layers"])
            out["solid electrolyte"] = sm.OhmicSolidElectrolyte(n_layers)
        else:
            out["solid electrolyte"] = sm.NoSolidElectrolyte()
        out.update(electrode_submodels("negative", opts, opts["silver exsolution"]))
        out.update(self._counter_submodels())
        out["cell"] = sm.CellVoltage()
        return out

    # ---------------------------------------------------------------- PyBaMM defaults
    @property
    def resolved(self) -> bool:
        return self.options["silver exsolution"] in ("resolved", "mixed conductor")

    @property
    def default_geometry(self):
        if not self.resolved:
            return pybamm.Geometry({})
        if self.options["silver exsolution"] == "mixed conductor":
            # dimensionless depth: the thickness is a parameter of the equations, not of the mesh
            return pybamm.Geometry({"negative electrode": {Z_LAYER: {"min": 0, "max": 1}}})
        L = pybamm.Parameter(n.P_DOPED_THICKNESS)
        return pybamm.Geometry({"negative electrode": {X_LAYER: {"min": 0, "max": L}}})

    @property
    def default_var_pts(self):
        if self.options["silver exsolution"] == "mixed conductor":
            return {Z_LAYER: MIXED_CONDUCTOR_POINTS}
        return {X_LAYER: DEFAULT_LAYER_POINTS}

    @property
    def default_submesh_types(self):
        return {"negative electrode": pybamm.Uniform1DSubMesh}

    @property
    def default_spatial_methods(self):
        return {"negative electrode": pybamm.FiniteVolume()}

    @property
    def default_solver(self):
        return default_solver()
