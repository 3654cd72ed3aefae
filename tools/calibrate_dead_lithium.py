"""Fit the dead-Li law of submodels/plating.py to Choi 2025: one law for half cells and the pouch.

Run: ``python tools/calibrate_dead_lithium.py``. Three constants, three targets:

* f_Ag at 60 C (dead-Li fraction on Ag seeds) -> T4, mean CE 99.7 % over 1000 plate/strip cycles of the
  x = 0.6 bilayer half cell (Fig. 3a; cycle 1 + 999 x the steady cycle);
* h_isl (island thickness) -> T6, pouch retention 95.0 % after 50 cycles at 60 C (Fig. 3h);
* Ea (activation energy of f_Ag) -> pouch retention 87.4 % after 50 cycles at 30 C (Supp. Fig. 20).

The pouch runs with its default NCM811 first-cycle loss (parameter_sets/_ncm811.py): the ~1 mAh/cm2 the cathode
does not take back in the first cycle stays on the negative, and dead Li eats it before the capacity falls, so
the pouch needs more dead Li per cycle than without it (h_isl moved from 0.25 to 5.3 um). The values go into
``parameter_sets/choi2025.py`` (DEAD_LITHIUM_*).
"""

from __future__ import annotations

import dataclasses

import numpy as np
from anodefree_sim.parameter_sets._common import dead_lithium_fraction
from scipy.optimize import brentq

from anodefree_sim import cycling as cy
from anodefree_sim import names as n
from anodefree_sim.cases import get_case
from anodefree_sim.simulation import run_case

T4_CE, T6_RETENTION_60C, T6_RETENTION_30C = 99.7, 95.0, 87.4


def _overrides(f, h, Ea=34e3):
    return {n.P_DEAD_FRACTION_SILVER: dead_lithium_fraction(f, activation_energy=Ea), n.P_DEAD_ISLAND_THICKNESS: h}


def mean_ce(f: float, h: float) -> float:
    """Mean CE [%] of 1000 cycles of choi2025-bilayer-cycling (first cycle + 999 x the steady one)."""
    case = get_case("choi2025-bilayer-cycling")
    ce = run_case(dataclasses.replace(case, steps=case.steps[:3]), overrides=_overrides(f, h)).cycles[
        cy.COULOMBIC_EFFICIENCY]
    return float((ce[0] + 999 * ce[1:].mean()) / 1000)


def pouch_retention(f: float, h: float, Ea: float = 34e3, temperature_c: int = 60) -> float:
    """Retention [%] after 50 cycles of choi2025-pouch-<T>c."""
    r = run_case(f"choi2025-pouch-{temperature_c}c", overrides=_overrides(f, h, Ea))
    return float(r.cycles[cy.RETENTION][-1])


def fit_f(h: float) -> float:
    return float(np.exp(brentq(lambda x: mean_ce(np.exp(x), h) - T4_CE, np.log(1e-4), np.log(1.0), xtol=1e-3)))


if __name__ == "__main__":
    def residual_h(log_h):
        h = np.exp(log_h)
        f = fit_f(h)
        ret = pouch_retention(f, h)
        print(f"  h_isl {h:.3g} m: f_Ag {f:.4g}, retention 60 C {ret:.2f} %", flush=True)
        return ret - T6_RETENTION_60C

    h = float(np.exp(brentq(residual_h, np.log(1e-6), np.log(2e-5), xtol=2e-2)))
    f = fit_f(h)
    Ea = brentq(lambda E: pouch_retention(f, h, E, 30) - T6_RETENTION_30C, 5e3, 60e3, xtol=200)
    print(f"h_isl = {h:.3g} m, f_Ag(60 C) = {f:.4g}, Ea = {Ea / 1e3:.1f} kJ/mol")
    print(f"check: CE {mean_ce(f, h):.3f} %, retention 60 C {pouch_retention(f, h, Ea, 60):.2f} %, "
          f"30 C {pouch_retention(f, h, Ea, 30):.2f} %")
