"""Parameters of the mixed-conducting Ag-doped layer (option ``"silver exsolution": "mixed conductor"``).

Used by :mod:`anodefree_sim.submodels.mixed_conductor`. Everything else the layer model needs is already in
the sets: conductivities (Choi 2025), alloy OCP and kinetics, Li plating kinetics, the Li mechanics of
:mod:`~anodefree_sim.parameter_sets.li_mechanics` (size-dependent strength, flaw size, fracture toughness,
creep, self-diffusion) and the stack pressure. Nothing here is calibrated, and nothing to Choi's 6.0 mA/cm2 CCD.
"""

from __future__ import annotations

from anodefree_sim.parameter_sets._common import Arrhenius
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
    n.P_ALLOY_NETWORK_DIFFUSIVITY: assumed(
        1e-13,
        "Li (tracer) diffusivity in the Li-rich Li-Ag phases of the exsolved network at 25 C; with the "
        "Nernst-Einstein relation sigma = F^2 D c / (R T) it makes the alloyed network a parallel path for Li to "
        "the collector [assumed: no measured room-temperature value found (physics-facts section 5); the "
        "geometric middle of the estimated range [E] 1e-14 - 1e-12 m2/s (1e-10 - 1e-8 cm2/s); over that range "
        "the separator-side share of plated Li moves by < 1 point (test_assumed_network_diffusivity_is_not_"
        "decisive). Grounds: "
        "vacancy-mediated diffusion with low migration barriers but few vacancies in Li-Ag (Thomas, Behara & "
        "Van der Ven, Chem. Mater. 2024, doi 10.1021/acs.chemmater.4c01903; the first-principles Li-M alloy "
        "study PMC11325559, physics-facts section 5); DFT "
        "barriers of Li9Ag4 / Li4Ag / Li9Ag 0.17 / 0.17 / 0.10 eV vs 0.30 eV in Li (Huang 2024 Fig. 2f), so "
        "above Li's self-diffusivity 5.6e-15 m2/s. Arrhenius with Li's self-diffusion activation energy "
        "(same vacancy mechanism, assumed)]",
        Range(0.0, 1e-9, warn=(1e-14, 1e-12)),
    ),
    n.P_SILVER_LITHIUM_DIFFUSIVITY: assumed(
        Arrhenius(1.74e-13, 54.3e3, 333.15),
        "Ag (solute) diffusivity in Li metal, feeding the Li-rich Li-Ag solid solution of the plated Li (Choi "
        "2025 Fig. 3f, Supp. Fig. 21b): 1.74e-13 m2/s at 60 C, Ea = 54.3 kJ/mol [assumed: no measured Ag-in-Li "
        "value read here; taken as the measured tracer diffusivity of Zn, a fast-diffusing solute in Li, "
        "D0 = 0.57 cm2/s, Q = 12.98 kcal/mol (Mundy, Ott, Loewenberg & Lodding, phys. stat. sol. (b) 35 (1969) "
        "359), whose Q equals Li self-diffusion's; Ag in Li was measured by the same group [R], not read; "
        "plausible range x0.1-x10. Diffusion length over a 5 h plating at 60 C: ~56 um, so the Ag spreads "
        "through a 25 um film, as Choi saw]",
    ),
    n.P_SILVER_LITHIUM_SOLUBILITY: assumed(
        0.08,
        "Ag per Li at the Li-rich boundary of the Li(Ag) bcc solid solution in equilibrium with the Li-rich alloy "
        "[assumed: the delta (Li) phase from >~92 at.% Li (physics-facts section 1 [R], +-3 at.%; Pelton 1986 "
        "diagram not read in detail): ~8 at.% Ag, i.e. Ag/Li = 0.087, rounded to 0.08; plausible 0.05-0.12]. "
        "It does not limit the uptake of the Choi cells (5 mAh/cm2 of Li could hold 0.15 mol/m2 of Ag, the 10 um "
        "x = 0.6 layer has 0.04), but it sets the Ag the dead Li keeps (stranded from thin, re-saturated films at "
        "~0.05 Ag per Li, submodels/layer_silver.py) and so how fast the layer's Ag drains over cycling",
        Range(0.0, 1.0, warn=(0.05, 0.12)),
    ),
}
