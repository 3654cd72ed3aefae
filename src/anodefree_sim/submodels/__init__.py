"""PyBaMM submodels of the anode-free negative side (one mechanism per module)."""

from anodefree_sim.submodels.alloy import NoAlloy, StagedAlloy
from anodefree_sim.submodels.cell import CellVoltage
from anodefree_sim.submodels.contact_mechanics import MechanicsStackPressure
from anodefree_sim.submodels.electrode_potential import (
    AlgebraicElectrodePotential,
    CapacitiveElectrodePotential,
)
from anodefree_sim.submodels.exsolution import LumpedExsolution, NoExsolution, ResolvedExsolution
from anodefree_sim.submodels.interphase import ConstantInterphase, ThroughputInterphaseGrowth
from anodefree_sim.submodels.layer_silver import LayerSilverAndDeadLithium
from anodefree_sim.submodels.mixed_conductor import MixedConductorLayer
from anodefree_sim.submodels.plating import NoPlating, Plating
from anodefree_sim.submodels.solid_electrolyte import NoSolidElectrolyte, OhmicSolidElectrolyte
from anodefree_sim.submodels.stack_pressure import ContactStackPressure, NoStackPressure

__all__ = [
    "AlgebraicElectrodePotential",
    "CapacitiveElectrodePotential",
    "CellVoltage",
    "ConstantInterphase",
    "ContactStackPressure",
    "LayerSilverAndDeadLithium",
    "LumpedExsolution",
    "MechanicsStackPressure",
    "MixedConductorLayer",
    "NoAlloy",
    "NoExsolution",
    "NoPlating",
    "NoSolidElectrolyte",
    "NoStackPressure",
    "OhmicSolidElectrolyte",
    "Plating",
    "ResolvedExsolution",
    "StagedAlloy",
    "ThroughputInterphaseGrowth",
]
