"""DESIGN T3: Li(6-x)AgxPS5Cl conductivities vs x and T (Choi 2025 Fig. 1f, Fig. 2e, Supp. Fig. 7b)."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pybamm
import pytest
from anodefree_sim.parameter_sets import conductivity as c

FIG_1F = {0.0: (2.0, 0.36), 0.2: (1.7, 0.37), 0.4: (1.5, 0.39), 0.6: (1.3, 0.42)}
SIGMA_E = {0.0: 2.3e-10, 0.2: 1.8e-10, 0.4: 1.6e-10, 0.6: 1.3e-10}


@pytest.mark.parametrize("x", list(FIG_1F))
def test_ionic_conductivity_at_293K_and_activation_energy(x):
    sigma_mS, Ea = FIG_1F[x]
    # S/m -> mS/cm is x10
    assert 10 * c.doped_argyrodite_ionic_conductivity(x, 293.15) == pytest.approx(sigma_mS, rel=1e-9)
    T1, T2 = 303.15, 333.15
    s1, s2 = (c.doped_argyrodite_ionic_conductivity(x, T) for T in (T1, T2))
    Ea_fit = c.K_B_EV * math.log(s2 / s1) / (1 / T1 - 1 / T2)
    assert Ea_fit == pytest.approx(Ea, rel=1e-9)


@pytest.mark.parametrize("x", list(SIGMA_E))
def test_electronic_conductivity_before_exsolution(x):
    assert c.doped_argyrodite_electronic_conductivity(x) / 100 == pytest.approx(SIGMA_E[x], rel=1e-9)


def test_conductivities_after_exsolution_x06():
    # Fig. 2e: ionic 1.3 -> 1.0 mS/cm, electronic 1.5e-10 -> 2.5e-3 S/cm
    ratio = c.exsolved_argyrodite_ionic_conductivity(0.6, 293.15) / c.doped_argyrodite_ionic_conductivity(
        0.6, 293.15)
    assert ratio == pytest.approx(1.0 / 1.3)
    assert c.EXSOLVED_ELECTRONIC / 100 == pytest.approx(2.5e-3)
    assert c.EXSOLVED_ELECTRONIC / c.doped_argyrodite_electronic_conductivity(0.6) > 1e6


def test_conductivity_falls_with_silver_and_rises_with_temperature():
    xs = np.linspace(0, 0.6, 13)
    s = [c.doped_argyrodite_ionic_conductivity(x, 293.15) for x in xs]
    assert np.all(np.diff(s) < 0)
    Ts = np.linspace(250, 380, 14)
    assert np.all(np.diff([c.doped_argyrodite_ionic_conductivity(0.6, T) for T in Ts]) > 0)


def test_symbolic_silver_content_matches_numbers():
    x = pybamm.InputParameter("x")
    expr = c.doped_argyrodite_ionic_conductivity(x, pybamm.Scalar(333.15))
    for xv in (0.0, 0.3, 0.6):
        assert expr.evaluate(inputs={"x": xv}) == pytest.approx(
            c.doped_argyrodite_ionic_conductivity(xv, 333.15), rel=1e-9)


@pytest.mark.parametrize("x", [-0.1, 6.5])
def test_silver_content_outside_0_6_is_an_error(x):
    with pytest.raises(ValueError, match="silver content.*0.0-6.0"):
        c.doped_argyrodite_ionic_conductivity(x, 300)


def test_silver_content_beyond_published_range_warns():
    with pytest.warns(UserWarning, match="0.0-0.75"):
        c.doped_argyrodite_ionic_conductivity(1.0, 300)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c.doped_argyrodite_ionic_conductivity(0.75, 300)
