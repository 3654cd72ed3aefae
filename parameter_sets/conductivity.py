"""Ionic and electronic conductivity of argyrodite solid electrolytes (DESIGN section 2.1).

Single-ion conductors (transference number 1): each layer is an ohmic drop i L / sigma(T) with
Arrhenius temperature dependence

    sigma(T) = sigma_ref exp(-Ea / k_B (1/T - 1/T_ref)).

The composition dependence of Li(6-x)AgxPS5Cl is interpolated linearly in x between the values of
Choi et al. 2025 Fig. 1f (sigma at 293 K, Ea) and Supp. Fig. 7b (electronic conductivity); beyond the
measured x = 0.6 the x = 0.6 values are used (with a warning outside the papers' 0-0.75).

References
----------
Choi et al., Nat. Commun. 2025, doi:10.1038/s41467-025-61074-9.
Wang et al., J. Power Sources 412 (2019) 29 (Li6PS5Cl0.5Br0.5).
"""

from __future__ import annotations

import csv
import importlib.resources
import warnings
from functools import lru_cache

import numpy as np
import pybamm

#: Boltzmann constant [eV.K-1]
from anodefree_sim.constants import K_B_EV, F, arrhenius_factor  # noqa: E402,F401  (K_B_EV re-exported)

#: Reference temperature of Choi Fig. 1f [K]
T_REF_CHOI = 293.15
#: Allowed and published ranges of the Ag content x in Li(6-x)AgxPS5Cl
X_RANGE = (0.0, 6.0)
X_PUBLISHED = (0.0, 0.75)
#: Ionic conductivity ratio after/before exsolution, x = 0.6: 1.0 / 1.3 mS/cm (Choi Fig. 2e);
#: assumed the same for other x.
EXSOLVED_IONIC_RATIO = 1.0 / 1.3
#: Electronic conductivity after exsolution, x = 0.6 [S.m-1]: 2.5e-3 S/cm (Choi Fig. 2e);
#: assumed for other x.
EXSOLVED_ELECTRONIC = 2.5e-1


def arrhenius(value_ref, activation_energy_eV: float, T, T_ref: float):
    """Arrhenius scaling of a rate or conductivity.

    Parameters
    ----------
    value_ref : float or pybamm.Symbol
        Value at ``T_ref``.
    activation_energy_eV : float
        Activation energy [eV].
    T : float, array or pybamm.Symbol
        Temperature [K].
    T_ref : float
        Reference temperature [K].
    """
    return value_ref * arrhenius_factor(activation_energy_eV * F, T, T_ref)


@lru_cache(maxsize=1)
def _choi_table() -> dict[str, np.ndarray]:
    res = importlib.resources.files("anodefree_sim.parameter_sets") / "data"
    text = (res / "argyrodite_conductivity_choi2025.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(ln for ln in text.splitlines() if ln and ln[0] != "#"))
    return {k: np.array([float(r[k]) for r in rows]) for k in rows[0]}


def check_silver_content(x) -> None:
    """Raise for x outside 0-6, warn outside the published 0-0.75 (numbers only; symbols pass)."""
    if isinstance(x, pybamm.Symbol):
        return
    x = float(x)
    if not X_RANGE[0] <= x <= X_RANGE[1]:
        raise ValueError(
            f"Doped layer silver content x = {x} is outside the valid range "
            f"{X_RANGE[0]}-{X_RANGE[1]} of Li(6-x)AgxPS5Cl"
        )
    if not X_PUBLISHED[0] <= x <= X_PUBLISHED[1]:
        warnings.warn(
            f"Doped layer silver content x = {x} is outside the papers' range "
            f"{X_PUBLISHED[0]}-{X_PUBLISHED[1]}; conductivities are held at the x = 0.6 values",
            UserWarning,
            stacklevel=3,
        )


def _interp_x(x, key: str):
    tab = _choi_table()
    xs, vals = tab["x"], tab[key]
    if isinstance(x, pybamm.Symbol):
        xc = pybamm.minimum(pybamm.maximum(x, xs[0]), xs[-1])
        return pybamm.Interpolant(xs, vals, xc, interpolator="linear")
    return float(np.interp(x, xs, vals))


def doped_argyrodite_ionic_conductivity(x, T):
    """Li+ conductivity of Li(6-x)AgxPS5Cl [S.m-1] as synthesised (Choi 2025 Fig. 1f)."""
    check_silver_content(x)
    sigma_293 = 0.1 * _interp_x(x, "sigma_ion_293K_mS_per_cm")
    Ea = _interp_x(x, "activation_energy_eV")
    return sigma_293 * arrhenius_factor(Ea * F, T, T_REF_CHOI)


def exsolved_argyrodite_ionic_conductivity(x, T):
    """Li+ conductivity after full Ag exsolution [S.m-1] (Choi Fig. 2e ratio 1.0/1.3)."""
    return EXSOLVED_IONIC_RATIO * doped_argyrodite_ionic_conductivity(x, T)


def doped_argyrodite_electronic_conductivity(x):
    """Electronic conductivity of Li(6-x)AgxPS5Cl as synthesised [S.m-1] (Choi Supp. Fig. 7b)."""
    check_silver_content(x)
    return 100 * _interp_x(x, "sigma_e_S_per_cm")


def lpscl_br_ionic_conductivity(T):
    """Li+ conductivity of Li6PS5Cl0.5Br0.5 [S.m-1].

    3.6 mS/cm at 298 K (Wang et al. 2019, physics-facts.md section 5 [S]); the activation energy
    0.36 eV of Li6PS5Cl (Choi Fig. 1f, x = 0) is assumed, as Wang gives only that it is lower.
    """
    return arrhenius(0.36, 0.36, T, 298.15)


def lpscl_ionic_conductivity(T):
    """Li+ conductivity of Li6PS5Cl [S.m-1]: 2.0 mS/cm at 293 K, Ea 0.36 eV (Choi Fig. 1f, x = 0)."""
    return arrhenius(0.2, 0.36, T, T_REF_CHOI)


def li3incl6_ionic_conductivity(T):
    """Li3InCl6 catholyte [S.m-1]: 1.49 mS/cm at 298 K (Li et al., Energy Environ. Sci. 12 (2019) 2665
    [R]) with Ea = 0.35 eV [assumed, typical of halide electrolytes]."""
    return arrhenius(0.149, 0.35, T, 298.15)
