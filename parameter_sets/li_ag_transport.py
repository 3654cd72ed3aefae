"""Parameters of the mixed-conducting Ag-doped layer (option ``"silver exsolution": "mixed conductor"``).

Used by :mod:`anodefree_sim.submodels.mixed_conductor`. Everything else the layer model needs is already in
the sets: conductivities (Choi 2025), alloy OCP and kinetics, Li plating kinetics, the Li mechanics of
:mod:`~anodefree_sim.parameter_sets.li_mechanics` (size-dependent strength, flaw size, fracture toughness,
creep, self-diffusion) and the stack pressure. Nothing here is calibrated, and nothing to Choi's 6.0 mA/cm2 CCD.
"""

from __future__ import annotations

from anodefree_sim.parameter_sets._ledger import Range, assumed

from anodefree_sim import names as n

MIXED_CONDUCTOR_ENTRIES = {
    n.P_LAYER_PORE_SIZE: assumed(
        0.1e-6,
        "size of the pores / grain-boundary gaps of the doped layer in which Li metal can grow inside it: sets "
        "the confining flow stress of Li there through Li's size-dependent strength (Xu et al. PNAS 2017) "
        "[assumed: sub-particle porosity of a cold-pressed argyrodite (particles ~1 um, Choi Fig. 3d-e shows the "
        "alloy in pores and grain boundaries); plausible 0.02-1 um]",
        Range(0.0, 1e-4, open_lo=True, warn=(2e-8, 1e-6)),
    ),
}
