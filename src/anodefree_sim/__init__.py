"""anodefree_sim: physics-based simulation of initially anode-free all-solid-state Li batteries.

Built on PyBaMM: submodels in :mod:`anodefree_sim.submodels`, assembled models in
:mod:`anodefree_sim.models` (registered under ``pybamm_models``), parameter sets in
:mod:`anodefree_sim.parameter_sets` (registered under ``pybamm_parameter_sets``).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("anodefree_sim")
except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
    __version__ = "0.0.0"

__all__ = ["__version__"]
