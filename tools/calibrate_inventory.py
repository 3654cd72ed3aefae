"""Fit the two issue-12 constants and print what they predict (``python tools/calibrate_inventory.py``).

* ``DEAD_LITHIUM_ROUGHNESS`` (parameter_sets/_common.py): f_Ag(60 C) of the roughness form of the dead-Li law
  (exponent 1/2, h_isl 10 nm, Ea 37 kJ/mol, all fixed beforehand) -> T4, mean CE 99.7 % over 1000 cycles;
  then the pouch retention after 50 cycles at 60 and 30 C (published 95.0 / 87.4 %) is predicted.
* ``LITHIATION_LIMIT`` (parameter_sets/_ncm811.py, on by default in the Choi pouch with the mapped OCP
  ``MappedOcp``): the drop stoichiometry of the NCM811 diffusivity (ratio 1e-2, width 0.02 fixed) -> first-cycle
  CE 87.5 % of the Choi pouch at 60 C; the 30 C value and the first discharges (T6b, T6c) are predicted.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from anodefree_sim.parameter_sets._common import DEAD_LITHIUM_ROUGHNESS, DeadLithiumFraction
from anodefree_sim.parameter_sets._ncm811 import LITHIATION_LIMIT
from scipy.optimize import brentq

from anodefree_sim import cycling as cy
from anodefree_sim import names as n
from anodefree_sim.cases import get_case
from anodefree_sim.simulation import run_case

T4_CE, FIRST_CYCLE_CE = 99.7, 87.5


def _roughness(f: float) -> dict:
    law = DEAD_LITHIUM_ROUGHNESS[n.P_DEAD_FRACTION_SILVER]
    return {**DEAD_LITHIUM_ROUGHNESS, n.P_DEAD_FRACTION_SILVER: DeadLithiumFraction(f, law.T_ref,
                                                                                    law.activation_energy)}


def mean_ce(overrides: dict) -> float:
    """Mean CE [%] of 1000 cycles of choi2025-bilayer-cycling (first cycle + 999 x the steady one)."""
    case = get_case("choi2025-bilayer-cycling")
    ce = run_case(dataclasses.replace(case, steps=case.steps[:3]), overrides=overrides).cycles[
        cy.COULOMBIC_EFFICIENCY]
    return float((ce[0] + 999 * ce[1:].mean()) / 1000)


def first_cycle_ce(drop: float, temperature_c: int = 60) -> float:
    case = get_case(f"choi2025-pouch-{temperature_c}c")
    overrides = {**LITHIATION_LIMIT, n.P_POSITIVE_DIFFUSIVITY_DROP: drop}
    return float(run_case(dataclasses.replace(case, steps=case.steps[:2]), overrides=overrides).cycles[
        cy.COULOMBIC_EFFICIENCY][0])


if __name__ == "__main__":
    f = float(np.exp(brentq(lambda x: mean_ce(_roughness(np.exp(x))) - T4_CE, np.log(1e-4), np.log(1.0),
                            xtol=1e-3)))
    print(f"roughness law: f_Ag(60 C) = {f:.4g} (T4 CE {mean_ce(_roughness(f)):.3f} %)")
    for T in (60, 30):
        r = run_case(f"choi2025-pouch-{T}c", overrides=_roughness(f)).cycles[cy.RETENTION][-1]
        print(f"  predicted pouch retention after 50 cycles at {T} C: {r:.1f} %")
    drop = brentq(lambda s: first_cycle_ce(s) - FIRST_CYCLE_CE, 0.75, 0.9, xtol=2e-3)
    print(f"lithiation limit: drop stoichiometry {drop:.3f}; predicted first-cycle CE at 30 C "
          f"{first_cycle_ce(drop, 30):.1f} %")
