"""Tests for the classical nucleation calculator (Huang 2024 eqs. 4-7)."""

import math

import numpy as np
import pytest

from anodefree_sim.nucleation import (
    AVOGADRO,
    FARADAY,
    HUANG2024_NUCLEATION,
    back_out_driving_force,
    critical_radius,
    formation_free_energy_from_voltage,
    joule_per_nucleus_to_kj_per_mol,
    kj_per_mol_to_joule_per_nucleus,
    nucleation_barrier,
    volumetric_driving_force,
    weighted_surface_energy,
    wetting_factor,
)

ALLOYS = ("LiAg", "Li9Ag4", "Li4Ag", "Li9Ag")


# ---------------------------------------------------------------- wetting factor
def test_wetting_factor_limits_and_monotonic():
    assert wetting_factor(0.0) == pytest.approx(0.0, abs=1e-15)
    assert wetting_factor(np.pi) == pytest.approx(1.0)
    assert wetting_factor(np.pi / 2) == pytest.approx(0.5)
    assert wetting_factor(90.0, degrees=True) == pytest.approx(0.5)
    # theta = 60 deg: cos = 1/2 -> (2 - 3/2 + 1/8)/4 = 5/32
    assert wetting_factor(60.0, degrees=True) == pytest.approx(5 / 32)
    f = wetting_factor(np.linspace(0, np.pi, 181))
    assert f.shape == (181,)
    assert np.all(np.diff(f) > 0)
    np.testing.assert_allclose(
        wetting_factor(np.linspace(0, 180, 7), degrees=True),
        wetting_factor(np.linspace(0, np.pi, 7)),
    )


# ---------------------------------------------------------------- eq. (6)
def test_nucleation_barrier_hand_value():
    gamma, dgv = 0.5, 1e8
    expected = 16 * math.pi * 0.5**3 / (3 * 1e16) * 0.5  # = 1.0471975e-16 J
    assert nucleation_barrier(gamma, dgv, np.pi / 2) == pytest.approx(expected, rel=1e-12)
    assert nucleation_barrier(gamma, dgv, 90.0, degrees=True) == pytest.approx(expected)
    assert expected == pytest.approx(1.0471975512e-16, rel=1e-9)
    # sign of the driving force does not matter; default angle is homogeneous (f = 1)
    assert nucleation_barrier(gamma, -dgv, np.pi / 2) == pytest.approx(expected)
    assert nucleation_barrier(gamma, dgv) == pytest.approx(2 * expected)
    assert nucleation_barrier(gamma, dgv, 0.0) == 0.0


def test_barrier_scaling_gamma_cubed_over_dgv_squared():
    base = nucleation_barrier(0.45, 5e8, 1.0)
    assert nucleation_barrier(0.9, 5e8, 1.0) == pytest.approx(8 * base)
    assert nucleation_barrier(0.45, 1e9, 1.0) == pytest.approx(base / 4)
    out = nucleation_barrier(np.array([0.45, 0.9]), np.array([5e8, 1e9]), 1.0)
    np.testing.assert_allclose(out, [base, 2 * base])


def test_critical_radius():
    assert critical_radius(0.5, 1e8) == pytest.approx(1e-8)
    assert critical_radius(0.5, -1e8) == pytest.approx(1e-8)


def test_round_trip_barrier_and_back_out():
    gamma = np.array([0.3, 0.458, 0.826])
    dgv = np.array([1e7, 3e8, 2e9])
    theta = np.array([0.4, 1.5, 3.0])
    w = nucleation_barrier(gamma, dgv, theta)
    np.testing.assert_allclose(back_out_driving_force(w, gamma, theta), dgv, rtol=1e-12)
    w_deg = nucleation_barrier(0.5, 2e8, 120.0, degrees=True)
    assert back_out_driving_force(w_deg, 0.5, 120.0, degrees=True) == pytest.approx(2e8)


# ---------------------------------------------------------------- eqs. (5), (7)
def test_volumetric_driving_force():
    # -10 kJ/mol over 13 cm3/mol (Li metal molar volume)
    assert volumetric_driving_force(-1e4, 1.3e-5) == pytest.approx(-1e4 / 1.3e-5)
    np.testing.assert_allclose(volumetric_driving_force([-1e4, 2e3], 1e-5), [-1e9, 2e8], rtol=1e-12)


def test_weighted_surface_energy_huang_like():
    # Li-like facets (100), (110), (111) with Wulff area fractions 0.6/0.3/0.1
    gammas = [0.445, 0.47, 0.52]
    fracs = [0.6, 0.3, 0.1]
    expected = 0.445 * 0.6 + 0.47 * 0.3 + 0.52 * 0.1
    assert weighted_surface_energy(gammas, fracs) == pytest.approx(expected)
    assert min(gammas) <= weighted_surface_energy(gammas, fracs) <= max(gammas)
    # a single facet returns itself; batched along the last axis
    assert weighted_surface_energy([0.784], [1.0]) == pytest.approx(0.784)
    out = weighted_surface_energy([gammas, gammas], [fracs, [0.0, 0.0, 1.0]])
    np.testing.assert_allclose(out, [expected, 0.52])


# ---------------------------------------------------------------- conversions
def test_kj_per_mol_conversion():
    assert joule_per_nucleus_to_kj_per_mol(1e-20) == pytest.approx(1e-20 * AVOGADRO / 1e3)
    assert joule_per_nucleus_to_kj_per_mol(1e-20) == pytest.approx(6.02214076)
    assert kj_per_mol_to_joule_per_nucleus(6.02214076) == pytest.approx(1e-20)
    x = np.array([1e-7, 1e-2])
    np.testing.assert_allclose(
        joule_per_nucleus_to_kj_per_mol(kj_per_mol_to_joule_per_nucleus(x)), x
    )


# ---------------------------------------------------------------- eq. (4) from OCV
def test_formation_energy_constant_plateau():
    expected = -FARADAY * 0.1
    table = ([0.0, 1.0], [0.1, 0.1])
    assert formation_free_energy_from_voltage(1.0, table) == pytest.approx(expected)
    assert formation_free_energy_from_voltage(1.0, lambda y: 0.1) == pytest.approx(expected)
    np.testing.assert_allclose(
        formation_free_energy_from_voltage([0.0, 0.25, 1.0], table),
        [0.0, 0.25 * expected, expected],
    )


def test_formation_energy_step_plateaus():
    # 0.1 V for y in [0, 1], then 0.05 V for y in [1, 2.25] (Li9Ag4-like end point)
    table = ([0.0, 1.0, 1.0, 2.25], [0.1, 0.1, 0.05, 0.05])
    expected = -FARADAY * (0.1 * 1.0 + 0.05 * 1.25)
    assert formation_free_energy_from_voltage(2.25, table) == pytest.approx(expected)
    assert formation_free_energy_from_voltage(1.5, table) == pytest.approx(
        -FARADAY * (0.1 + 0.05 * 0.5)
    )

    def step(y):
        return 0.1 if y < 1.0 else 0.05

    got = formation_free_energy_from_voltage(2.25, step, breakpoints=[1.0])
    assert got == pytest.approx(expected, rel=1e-9)


def test_formation_energy_linear_ocv_is_exact():
    # U = 0.2 - 0.1 y on [0, 2] -> integral to y = 0.2 y - 0.05 y^2
    table = (np.linspace(0, 2, 5), 0.2 - 0.1 * np.linspace(0, 2, 5))
    y = np.array([0.3, 1.1, 2.0])
    np.testing.assert_allclose(
        formation_free_energy_from_voltage(y, table), -FARADAY * (0.2 * y - 0.05 * y**2)
    )


# ---------------------------------------------------------------- published data
def test_huang_data_constant_transcription():
    assert tuple(HUANG2024_NUCLEATION) == ("Ag", "LiAg", "Li9Ag4", "Li4Ag", "Li9Ag", "Li")
    gbar = [r.weighted_surface_energy for r in HUANG2024_NUCLEATION.values()]
    assert gbar == [0.826, 0.493, 0.501, 0.531, 0.488, 0.458]
    li = HUANG2024_NUCLEATION["Li"]
    assert (li.facet_surface_energy, li.li_adsorption_energy, li.li_diffusion_barrier) == (
        0.445,
        -0.702,
        0.295,
    )
    # all alloys have a larger gamma-bar than Li (Huang text, Fig. 2d)
    assert all(
        HUANG2024_NUCLEATION[p].weighted_surface_energy > li.weighted_surface_energy for p in ALLOYS
    )
    # gamma-bar >= most-stable-facet gamma everywhere except the published Li4Ag anomaly
    below = [
        p
        for p, r in HUANG2024_NUCLEATION.items()
        if r.weighted_surface_energy < r.facet_surface_energy
    ]
    assert below == ["Li4Ag"]
    with pytest.raises(AttributeError):
        li.weighted_surface_energy = 1.0  # frozen record
    with pytest.raises(TypeError):
        HUANG2024_NUCLEATION["X"] = li  # read-only mapping


def test_huang_li_barrier_3_to_5_orders_above_alloys():
    li = HUANG2024_NUCLEATION["Li"].nucleation_barrier_kj_mol
    for phase in ALLOYS:
        orders = math.log10(li / HUANG2024_NUCLEATION[phase].nucleation_barrier_kj_mol)
        assert 3.0 <= orders <= 5.0, phase
    # pure Ag (not an alloy) is lower than Li too, but by only ~2.4 orders
    ag = math.log10(li / HUANG2024_NUCLEATION["Ag"].nucleation_barrier_kj_mol)
    assert 2.0 < ag < 3.0


def test_calculator_reproduces_ratio_of_published_barriers():
    theta = np.pi / 2
    li, al = HUANG2024_NUCLEATION["Li"], HUANG2024_NUCLEATION["Li4Ag"]
    dgv = {}
    for r in (li, al):
        w = kj_per_mol_to_joule_per_nucleus(r.nucleation_barrier_kj_mol)
        dgv[r.phase] = back_out_driving_force(w, r.weighted_surface_energy, theta)
    w_li = nucleation_barrier(li.weighted_surface_energy, dgv["Li"], theta)
    w_al = nucleation_barrier(al.weighted_surface_energy, dgv["Li4Ag"], theta)
    published = li.nucleation_barrier_kj_mol / al.nucleation_barrier_kj_mol
    assert w_li / w_al == pytest.approx(published, rel=1e-10)
    # closed form: ratio = (gamma_li/gamma_al)^3 * (dgv_al/dgv_li)^2
    closed = (li.weighted_surface_energy / al.weighted_surface_energy) ** 3 * (
        dgv["Li4Ag"] / dgv["Li"]
    ) ** 2
    assert closed == pytest.approx(published, rel=1e-10)
    assert joule_per_nucleus_to_kj_per_mol(w_li) == pytest.approx(li.nucleation_barrier_kj_mol)


# ---------------------------------------------------------------- error paths
@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: weighted_surface_energy([0.5, -0.1], [0.5, 0.5]), "surface_energies"),
        (lambda: weighted_surface_energy([0.5, 0.4], [0.5]), "area_fractions"),
        (lambda: weighted_surface_energy([0.5, 0.4], [1.2, -0.2]), "area_fractions"),
        (lambda: weighted_surface_energy([0.5, 0.4], [0.5, 0.4]), "area_fractions"),
        (lambda: weighted_surface_energy([0.5, np.nan], [0.5, 0.5]), "surface_energies"),
        (lambda: wetting_factor(-0.1), "contact_angle"),
        (lambda: wetting_factor(3.2), "contact_angle"),
        (lambda: wetting_factor(181.0, degrees=True), "contact_angle"),
        (lambda: wetting_factor(np.inf), "contact_angle"),
        (lambda: volumetric_driving_force(0.0, 1e-5), "free_energy"),
        (lambda: volumetric_driving_force(-1e4, 0.0), "molar_volume"),
        (lambda: volumetric_driving_force(np.nan, 1e-5), "free_energy"),
        (lambda: nucleation_barrier(-0.5, 1e8, 1.0), "surface_energy"),
        (lambda: nucleation_barrier(0.5, 0.0, 1.0), "volumetric_driving_force"),
        (lambda: nucleation_barrier(0.5, np.inf, 1.0), "volumetric_driving_force"),
        (lambda: nucleation_barrier(0.5, 1e8, 4.0), "contact_angle"),
        (lambda: critical_radius(0.5, 0.0), "volumetric_driving_force"),
        (lambda: back_out_driving_force(0.0, 0.5, 1.0), "barrier"),
        (lambda: back_out_driving_force(1e-20, 0.5, 0.0), "contact_angle"),
        (lambda: joule_per_nucleus_to_kj_per_mol(np.nan), "energy"),
        (lambda: formation_free_energy_from_voltage(-0.1, ([0, 1], [0.1, 0.1])), "y"),
        (lambda: formation_free_energy_from_voltage(1.5, ([0, 1], [0.1, 0.1])), "y"),
        (lambda: formation_free_energy_from_voltage(0.5, ([0, 2, 1], [0.1] * 3)), "y_data"),
        (lambda: formation_free_energy_from_voltage(0.5, ([0, 1], [0.1])), "y_data"),
        (lambda: formation_free_energy_from_voltage(0.5, 0.1), "ocv"),
        (lambda: formation_free_energy_from_voltage(0.5, lambda y: np.nan), "ocv"),
    ],
)
def test_bad_input_raises_value_error_naming_parameter(call, name):
    with pytest.raises(ValueError, match=name) as info:
        call()
    assert "\n" not in str(info.value)
