"""Anode-free full cell: NCM cathode (PyBaMM SPM / SPMe / DFN) | solid electrolyte | anode-free side.

Registered under ``pybamm_models`` as ``AnodeFreeFullCell``; the cathode level is the option
``"cathode model"``. See :func:`anodefree_sim.full_cell.build_full_cell`.
"""

from __future__ import annotations

from anodefree_sim.full_cell import build_full_cell


def AnodeFreeFullCell(options=None, name=None, build=True):  # noqa: N802 - a model constructor
    """Build the anode-free full cell (a composed PyBaMM model; no PyBaMM class is subclassed)."""
    return build_full_cell(options, name=name, build=build)
