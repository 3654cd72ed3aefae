"""Mechanical and transport parameters of Li (and Li-Ag) at a Li | solid-electrolyte interface.

Used by the ``"stack pressure": "mechanics"`` option (:mod:`anodefree_sim.submodels.contact_mechanics`).
Every entry says its kind -- literature / derived / assumed / calibrated -- and its source. Tags as in
/work/shared/reference/physics-facts.md: [S] value seen in a source text, [R] recalled from the cited paper
and not re-read here. ONE calibration: the vacancy sink distance, to Kasemchainan 2019 (0.2 mA/cm2 at 3 MPa).

Every shipped parameter set includes :data:`MECHANICS_ENTRIES` (ledger entries; :data:`MECHANICS` the values).
"""

from __future__ import annotations

import math

from anodefree_sim.parameter_sets._ledger import Range, assumed, calibrated, derived, literature, values_of

from anodefree_sim import names as n
from anodefree_sim.constants import F

_F = F
#: Li molar volume [m3.mol-1] as in the parameter sets (physics-facts section 7)
_V_LI = 1.3e-5
#: Li self-diffusivity at 25 C [m2.s-1] (see MECHANICS)
_D_LI = 5.6e-15
#: calibration target: Kasemchainan et al., Nat. Mater. 18, 1105 (2019): critical stripping current of
#: Li | Li6PS5Cl at 3 MPa, 25 C [A.m-2] (physics-facts section 3 [S], via a secondary quote)
KASEMCHAINAN_CSC = 2.0
KASEMCHAINAN_PRESSURE = 3e6
_YIELD = 0.8e6
#: surface flaw size of the electrolyte [m] (see its ledger entry: Choi 2025 particles, Singh 2022 roughness)
FLAW_SIZE = 2.0e-6
_TABOR = 3.0

MECHANICS_ENTRIES = {
    n.P_LI_YIELD_STRENGTH: literature(
        _YIELD,
        "bulk yield strength of Li [literature: Masias et al., J. Mater. Sci. 54, 2585 (2019), as "
        "quoted by Singh et al. Cell Rep. Phys. Sci. 3, 101043 (2022); physics-facts section 2 "
        "[S]; 0.4-0.8 MPa range]",
    ),
    n.P_LI_CREEP_REFERENCE_RATE: assumed(
        5e-4,
        "strain rate at which Li flows at its bulk yield strength [assumed: order of the "
        "quasi-static rates of the Masias 2019 / LePage 2019 tests, physics-facts section 2 gives "
        "1e-4 - 1e-3 s-1]",
    ),
    n.P_CREEP_EXPONENT: literature(
        6.6,
        "power-law creep exponent [literature: Masias 2019 n = 6.56; LePage et al., JES 166, A89 "
        "(2019) ~6.6 [R]]",
    ),
    n.P_CREEP_ACTIVATION: literature(
        37e3,
        "creep activation energy [literature: Masias 2019 / LePage 2019, ~37 kJ/mol [R]]",
    ),
    n.P_PRESSURE_REFERENCE_TEMPERATURE: assumed(
        298.15,
        "reference temperature of the Arrhenius laws [K] [definition]",
    ),
    n.P_LI_STRENGTH_REFERENCE: literature(
        105e6,
        "size-dependent strength: 105 MPa for a 1.39 um micropillar [literature: Xu et al., PNAS "
        "114, 57 (2017), as quoted by Singh 2022; physics-facts section 2 [S]]",
    ),
    n.P_LI_STRENGTH_SIZE: literature(
        1.39e-6,
        "pillar diameter of the 105 MPa strength: Xu et al., PNAS 114, 57 (2017), as quoted by Singh 2022 [S]",
    ),
    n.P_LI_STRENGTH_SIZE_EXPONENT: literature(
        0.68,
        "exponent of strength ~ size^-m at room temperature [literature: Xu 2017, m ~ 0.68 [R], "
        "not re-read]",
    ),
    n.P_TABOR_FACTOR: literature(
        _TABOR,
        "hardness = 3 x yield strength for a fully plastic contact [literature: Tabor, The "
        "Hardness of Metals (1951); the Greenwood-Williamson plastic-asperity limit]",
    ),
    n.P_ASSEMBLY_PRESSURE: assumed(
        0.0,
        "highest pressure the interface saw before the test [assumed: assembled at the stack "
        "pressure -> 0]; a comparison sets its source's value (Singh et al., Cell Rep. Phys. Sci. 3, 101043 "
        "(2022), Fig. 5, contact loss without stack pressure: Li attached by isostatic pressing at 265 MPa; "
        "Choi 2025 half cells: 500 MPa for the layer, the Li film tightened at 20 MPa)",
    ),
    n.P_ROUGHNESS_LENGTH: assumed(
        1e-6,
        "mean void thickness that lowers the contact by a factor e (exponential gap distribution) "
        "[assumed: surface roughness of a cold-pressed Li6PS5Cl pellet ~ 1 um, the particle size]",
    ),
    n.P_LI_SELF_DIFFUSIVITY: literature(
        _D_LI,
        "tracer self-diffusivity of Li at 25 C, 5.6e-11 cm2/s [literature: Lodding et al. Z. "
        "Naturforsch. A 25, 37 (1970) / Messer & Noack (1975) as quoted by Krauskopf et al. 2019; "
        "physics-facts section 2 [R]: 5-7e-11 cm2/s]",
    ),
    n.P_LI_SELF_DIFFUSION_ACTIVATION: literature(
        0.55 * _F,
        "activation energy of Li self-diffusion, 0.55 eV = 53 kJ/mol [literature: Messer & Noack, "
        "Appl. Phys. 6, 79 (1975), NMR; Lodding 1970 tracer ~0.55 eV [R], not re-read]",
    ),
    n.P_ALLOY_SELF_DIFFUSIVITY: assumed(
        _D_LI,
        "Li self-diffusivity in Li-rich Li-Ag alloys (Li4Ag, Li9Ag4) [assumed equal to Li: no "
        "measurement found; the 0.10-0.17 eV barriers of Huang 2024 Fig. 2f are DFT migration "
        "barriers, not self-diffusion. Dissolved solutes are reported to slow Li self-diffusion, not speed it "
        "up: Mg in Li "
        "lowers the tracer diffusivity (isotope tracer, Siniscalchi et al., ACS Energy Lett. 2022 [S abstract; "
        "authors/journal R]; ~10x computed, first-principles study of Li-M alloys, PMC11325559 [S abstract]); "
        "Li-Ag diffusion is vacancy-mediated (Thomas, Behara & Van der Ven, Chem. Mater. 2024, doi "
        "10.1021/acs.chemmater.4c01903 [S abstract]; no number read), so Ag dissolved in plated Li is no "
        "supported reason for a faster vacancy resupply]",
    ),
    n.P_VACANCY_SINK_DISTANCE: calibrated(
        _F * (1 - math.exp(-KASEMCHAINAN_PRESSURE / (_TABOR * _YIELD))) * _D_LI / (_V_LI * KASEMCHAINAN_CSC),
        "target: Kasemchainan 2019 critical stripping current 0.2 mA/cm2 at 3 MPa, 25 C (the one calibration of "
        "the mechanics closure): distance vacancies injected at the contacts diffuse to their sinks "
        "[calibrated, the ONE "
        "calibration: i_c = F phi_P(3 MPa) D / (V_Li l) = 0.2 mA/cm2 (Kasemchainan 2019) -> l = "
        "14.8 um; of the order of the grain size of a Li foil]. Plated Li keeps it: the grain size of Li "
        "electrodeposited at steel|Li6PS5Cl is set by the layer thickness, not the current density (Becker et "
        "al., Adv. Energy Mater. 2024, doi 10.1002/aenm.202404975 [S abstract]), and fast grain-boundary "
        "diffusion only matters for grains of ~1 um or less (Yoon, Sulaimon & Siegel, J. Mater. Chem. A 2023, "
        "d3ta03814a [S abstract]), far below the ~38 um of Li a 7.8 mAh/cm2 charge plates",
    ),
    n.P_FULL_CONTACT_RESISTANCE: literature(
        0.8e-4,
        "interfacial resistance at full contact, 0.8 Ohm cm2 [literature: Singh 2022 "
        "microelectrode polarisation resistance, physics-facts section 3 [S]]; its 1/contact "
        "scaling [literature: arXiv 2501.00600 [S]]",
    ),
    n.P_VOID_MINIMUM: assumed(
        1e-9,
        "numerical floor of the void size in the strength law [numerical, not physical]",
    ),
    n.P_FLAW_SIZE: derived(
        FLAW_SIZE,
        "size of the surface flaws (pores open to the surface) of the electrolyte that Li is plated into; "
        "also the Li metal thickness that fills them (no short before) and, with K_Ic, the pressure p_c = "
        "K_Ic / sqrt(pi a) = 92 MPa at which a Li-filled flaw cracks under the stack pressure alone. ONE "
        "value for every case [derived from two independent microstructure estimates, 2026-11-29 (issues "
        "12/13): (1) Choi 2025's argyrodite particles are 1-3 um (SEM, Supp. Fig. 2 [S]), middle 2 um; the "
        "pores between particles cold-pressed at 500 MPa are smaller than the particles, so this is an upper "
        "bound; (2) Singh et al., Cell Rep. Phys. Sci. 3, 101043 (2022) [S]: RMS surface roughness of pressed "
        "Li6PS5Cl 1.1 um at < 0.5 um grains and 6.5 um at 20-40 um grains; log-log interpolation to 1-3 um "
        "grains gives 1.5-2.4 um, 2.0 um at 2 um (the flaw depth taken as the RMS roughness: an assumption, "
        "no paper measures these pellets' flaws); (3) consistency, NOT used for the value: Huang 2024's Li | "
        "LPSC | Li cell shorts at 100 MPa (E4/E5), which the flaw criterion gives once p_c < 100 MPa, i.e. a "
        "> 1.68 um (~1.5 um with its 0.2 mA/cm2 at 25 C). Huang and Kasemchainan do not report their pellets' "
        "grain size, so the value is applied to their cells too. Not chosen for Choi's CCD of 6.0 mA/cm2: with "
        "a = 2.0 um the mixed conductor predicts 7.5 (+25 %, T5a); over the band 1.5-2.4 um its CCD runs from "
        "> 10 to 6.0-6.5 mA/cm2 and +-30 % holds only for a >= 1.97 um (README, T5a; on session 8's model it "
        "needed a >= ~2.8 um, docs/ccd_candidates.md); picking a to hit it would be a fit by another route. "
        "Range: 1.5-2.4 um (the interpolated band, "
        "warned outside); 0.1-14 um accepted (14 um: Singh's largest pre-existing surface flaw, coarse "
        "pellet)]",
        Range(1e-7, 1.4e-5, warn=(1.5e-6, 2.4e-6)),
    ),
    n.P_FRACTURE_TOUGHNESS: literature(
        0.23e6,
        "fracture toughness of the sulfide electrolyte, 0.23 MPa m^0.5 [literature: McGrogan et "
        "al., Adv. Energy Mater. 7, 1602011 (2017), 75Li2S-25P2S5 glass [R]; Li6PS5Cl assumed "
        "similar]",
    ),
    n.P_CONTACT_LOSS_OVERPOTENTIAL: assumed(
        1.0,
        "contact overpotential at which the Li electrode counts as out of contact (event 'contact lost') "
        "[assumed from physics: eta_c ~ R_c i / phi, so at 1 V the remaining contact carries i / phi ~ 1 V / "
        "0.8 Ohm cm2 = 1.25 A/cm2, ~40x the largest exchange current density of Li | Li6PS5Cl (32 mA/cm2 "
        "upper bound, physics-facts section 3) and ~100x any measured critical current; equal to the +-1 V "
        "safety window of the half and symmetric cells; the moment of loss hardly depends on it, since "
        "eta_c ~ exp(delta / lambda) runs away]",
        (0.3, 2.0),
    ),
    n.P_CONTACT_SPOT_SIZE: assumed(
        1e-6,
        "size of the contact spots at the void-free contact phi_P; once voids form the spots keep their number "
        "and shrink, a = a_s sqrt(phi / phi_P) (voids grow inside the patches); they creep into the voids as "
        "flat punches in a power-law solid, with the size-dependent strength at this size (Xu 2017) [assumed: "
        "the roughness scale of a cold-pressed argyrodite surface, ~ its particle size (as the roughness length); "
        "Singh 2022 RMS roughness 1.1-6.5 um [S]]. Contact-spot creep under stack pressure during stripping: "
        "Zhang et al., Cell Rep. Phys. Sci. 1, 100012 (2020) [S record]; Zaman et al., ACS Appl. Mater. "
        "Interfaces 15, 37401 (2023) [S abstract: Li creeps below its yield stress under stack pressure while "
        "stripping]. Range 0.1-10 um: smaller spots are stronger and close voids more slowly. Not set to the 2 um "
        "of the flaw size (2026-11-29): the spot size is the LATERAL size of the patches still in contact, not a "
        "roughness height (Singh's RMS) nor the asperity spacing (Choi's 1-3 um particles, an upper bound); one "
        "patch per 2 um surface particle at the 1.6e-4 contact held at 30 C, 2 MPa (2026-11-29) would be ~d "
        "sqrt(phi) ~ 0.025 um, fewer patches larger, so the sources do not fix it",
        (1e-7, 1e-5),
    ),
    n.P_VOID_PLATING_REFILL: assumed(
        1.0,
        "share of the Li plated at the void-free contact that flows sideways into the voids left by "
        "stripping, weighted by the voided share of the interface, 1 - phi / phi_P (so none once the voids are "
        "gone) [assumed: Kasemchainan et al., Nat. Mater. 18, 1105 (2019) [R]: voids formed on stripping are "
        "not all refilled on the next plating and accumulate over cycles; the rest of the plated Li lifts the "
        "metal; no measured share]. Range 0 (plated Li only lifts the metal, voids persist) to 1",
        (0.0, 1.0),
    ),
    n.P_SILVER_BRIDGING_SHARE: assumed(
        1.0,
        "share of the voided interface (phi_P - phi) across which the exsolved Ag network of a doped layer "
        "carries the current between the plated Li and the layer, on stripping (contact overpotential) and on "
        "plating (local plating current); it multiplies the network's coverage theta_ex [assumed: Choi et al. "
        "2025 Fig. 3g shows Li-Ag filling the layer's pores after stripping, not the network bridging a gap "
        "between the plated Li and the layer; no measurement of the bridged share. 1 keeps the behaviour since "
        "session 8 (kas8). With the pouch layer's Ag theta_ex ~ 0.976, so the 30 C pouch at 2 / 1 MPa and T6e "
        "rest on it (README: options). Range 0 (no bridging: current only through the metal's contact spots) "
        "to 1. Only exsolved Ag bridges; a Li-Ag foil's Ag is part of the metal the voids form in]",
        (0.0, 1.0),
    ),
}
#: plain values (the dict PyBaMM gets), from the entries above
MECHANICS: dict[str, float] = values_of(MECHANICS_ENTRIES)
