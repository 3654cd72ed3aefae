"""Physical constants (from :mod:`pybamm.constants`, so every module uses PyBaMM's CODATA values), unit factors
and the one Arrhenius law of the package."""

from __future__ import annotations

import numpy as np
import pybamm

#: Faraday constant [C.mol-1] and gas constant [J.K-1.mol-1], PyBaMM's values as floats
F: float = float(pybamm.constants.F.value)
R: float = float(pybamm.constants.R.value)
#: Boltzmann constant [eV.K-1] (= R / F)
K_B_EV: float = R / F
#: mol.m-2 of Li in 1 mA.h.cm-2 (3.6 C.cm-2 = 36000 C.m-2), and its inverse
MOL_PER_MAH_CM2: float = 36000 / F
MAH_CM2_PER_MOL_M2: float = F / 36000


def arrhenius_factor(activation_energy, T, T_ref: float = 298.15):
    """exp(-Ea / R (1/T - 1/T_ref)) [-], Ea in J.mol-1 (for Ea in eV use ``Ea_eV * F``).

    Works on numbers, numpy arrays and :class:`pybamm.Symbol` temperatures / energies.
    """
    z = -activation_energy / R * (1 / T - 1 / T_ref)
    return pybamm.exp(z) if isinstance(z, pybamm.Symbol) else np.exp(z)
