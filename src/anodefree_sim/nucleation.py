"""Classical nucleation calculator for Li on Li-Ag substrates (Huang et al. 2024, eqs. 4-7).

The barrier to form a spherical-cap Li nucleus on a substrate is

.. math::

    \\Delta G_{nucle} = \\frac{16 \\pi \\gamma^3}{3 \\Delta G_v^2}
                        \\cdot \\frac{2 - 3\\cos\\theta + \\cos^3\\theta}{4},
    \\qquad \\Delta G_v = \\Delta G_{free} / V_m,
    \\qquad \\bar\\gamma = \\sum_i \\gamma_i f_i .

All functions take and return SI units (J, m, mol, rad unless ``degrees=True``) and broadcast
over numpy arrays.  Huang reports barriers in kJ/mol; :func:`joule_per_nucleus_to_kj_per_mol`
converts (x N_A / 1000).

Reference
---------
Y. Huang et al., "Unlocking the Potential of Li-Ag Alloys: Phase Selection and Practical
Application", Energy Mater. Adv. 2024, 0108, doi:10.34133/energymatadv.0108,
section "Li insertion", eqs. (3)-(7) and Fig. 2.

Notes
-----
Huang's Table S3 (the Delta G_free, V_m and theta actually used) was not available when this
module was written, so the published barriers cannot be recomputed from first inputs.
:func:`back_out_driving_force` lets one check what Delta G_v a published barrier implies.
Read as J per nucleus x N_A, Huang's barriers (1e-7 to 1e-2 kJ/mol) imply
|Delta G_v| ~ 1e11-1e14 J/m3 and critical radii below 0.01 nm.  That is unphysical
(alloying free energies are ~1e4 J/mol, i.e. ~1e9 J/m3), so use the published numbers
as a *relative* ranking only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
from numpy.typing import ArrayLike
from scipy import constants, integrate

__all__ = [
    "FARADAY",
    "AVOGADRO",
    "HUANG2024_NUCLEATION",
    "HuangPhaseRecord",
    "weighted_surface_energy",
    "wetting_factor",
    "volumetric_driving_force",
    "nucleation_barrier",
    "critical_radius",
    "back_out_driving_force",
    "joule_per_nucleus_to_kj_per_mol",
    "kj_per_mol_to_joule_per_nucleus",
    "formation_free_energy_from_voltage",
]

FARADAY: float = constants.physical_constants["Faraday constant"][0]  # C.mol-1
AVOGADRO: float = constants.Avogadro  # mol-1

_FRACTION_TOL = 1e-6


# --------------------------------------------------------------------------- validation
def _finite(name: str, value: ArrayLike) -> np.ndarray:
    arr = np.asarray(value, dtype=float)
    if arr.size == 0 or not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (non-empty, no NaN/inf); got {value!r}")
    return arr


def _positive(name: str, value: ArrayLike, unit: str) -> np.ndarray:
    arr = _finite(name, value)
    if np.any(arr <= 0):
        raise ValueError(f"{name} must be > 0 {unit}; got {value!r}")
    return arr


def _angle(contact_angle: ArrayLike, degrees: bool) -> np.ndarray:
    theta = _finite("contact_angle", contact_angle)
    lim, unit = (180.0, "deg") if degrees else (np.pi, "rad")
    if np.any((theta < 0) | (theta > lim)):
        raise ValueError(f"contact_angle must be in [0, {lim:g}] {unit}; got {contact_angle!r}")
    return np.deg2rad(theta) if degrees else theta


def _out(arr: np.ndarray) -> float | np.ndarray:
    return float(arr) if arr.ndim == 0 else arr


# --------------------------------------------------------------------------- equations
def weighted_surface_energy(
    surface_energies: ArrayLike, area_fractions: ArrayLike
) -> float | np.ndarray:
    """Wulff-weighted surface energy, Huang 2024 eq. (7).

    .. math:: \\bar\\gamma = \\sum_i \\gamma_i f_i

    Parameters
    ----------
    surface_energies : array_like, shape (..., n)
        Facet surface energies gamma_i [J.m-2], each > 0.
    area_fractions : array_like, shape (..., n)
        Area fraction f_i of each {hkl} family in the Wulff shape [-]; >= 0, summing to 1
        (within 1e-6) along the last axis.

    Returns
    -------
    float or ndarray
        Weighted surface energy [J.m-2] (summed over the last axis).

    References
    ----------
    Huang et al., Energy Mater. Adv. 2024, 0108, eq. (7) and Fig. 2d.
    """
    gamma = _positive("surface_energies", surface_energies, "J/m2")
    frac = _finite("area_fractions", area_fractions)
    if gamma.shape != frac.shape:
        raise ValueError(
            f"area_fractions must have the same shape as surface_energies "
            f"{gamma.shape}; got {frac.shape}"
        )
    if np.any(frac < 0):
        raise ValueError(f"area_fractions must be >= 0; got {area_fractions!r}")
    total = frac.sum(axis=-1)
    if np.any(np.abs(total - 1.0) > _FRACTION_TOL):
        raise ValueError(f"area_fractions must sum to 1 (within 1e-6); sums are {total!r}")
    return _out(np.sum(gamma * frac, axis=-1))


def wetting_factor(contact_angle: ArrayLike, *, degrees: bool = False) -> float | np.ndarray:
    """Heterogeneous-nucleation shape factor, second bracket of Huang 2024 eq. (6).

    .. math:: f(\\theta) = (2 - 3\\cos\\theta + \\cos^3\\theta) / 4

    f = 0 at theta = 0 (perfect wetting, no barrier), 1/2 at 90 deg, 1 at 180 deg
    (homogeneous nucleation); monotonically increasing in between.

    Parameters
    ----------
    contact_angle : array_like
        Wetting angle theta between nucleus and substrate, in [0, pi] rad
        (or [0, 180] deg if ``degrees=True``).
    degrees : bool, optional
        Interpret ``contact_angle`` in degrees.

    Returns
    -------
    float or ndarray
        Shape factor in [0, 1] [-].

    References
    ----------
    Huang et al., Energy Mater. Adv. 2024, 0108, eq. (6).
    """
    c = np.cos(_angle(contact_angle, degrees))
    return _out((2.0 - 3.0 * c + c**3) / 4.0)


def volumetric_driving_force(free_energy: ArrayLike, molar_volume: ArrayLike) -> float | np.ndarray:
    """Free-energy change per unit volume, Huang 2024 eq. (5).

    .. math:: \\Delta G_v = \\Delta G_{free} / V_m

    Parameters
    ----------
    free_energy : array_like
        Delta G_free [J.mol-1], non-zero and finite (negative for a favourable reaction;
        the sign is kept). Use the same "per mole of X" basis as ``molar_volume``.
    molar_volume : array_like
        V_m [m3.mol-1], > 0 (Huang: molar volume of Li in the alloy).

    Returns
    -------
    float or ndarray
        Delta G_v [J.m-3].

    References
    ----------
    Huang et al., Energy Mater. Adv. 2024, 0108, eq. (5).
    """
    dg = _finite("free_energy", free_energy)
    if np.any(dg == 0):
        raise ValueError(f"free_energy must be non-zero J/mol; got {free_energy!r}")
    vm = _positive("molar_volume", molar_volume, "m3/mol")
    return _out(dg / vm)


def _driving_force(value: ArrayLike) -> np.ndarray:
    dgv = _finite("volumetric_driving_force", value)
    if np.any(dgv == 0):
        raise ValueError(f"volumetric_driving_force must be non-zero J/m3; got {value!r}")
    return dgv


def nucleation_barrier(
    surface_energy: ArrayLike,
    volumetric_driving_force: ArrayLike,
    contact_angle: ArrayLike = np.pi,
    *,
    degrees: bool = False,
) -> float | np.ndarray:
    """Critical free energy of a spherical-cap nucleus, Huang 2024 eq. (6).

    .. math::
        \\Delta G_{nucle} = \\frac{16\\pi\\gamma^3}{3\\Delta G_v^2}
        \\cdot \\frac{2 - 3\\cos\\theta + \\cos^3\\theta}{4}

    Parameters
    ----------
    surface_energy : array_like
        gamma (Huang uses the weighted gamma-bar) [J.m-2], > 0.
    volumetric_driving_force : array_like
        Delta G_v [J.m-3], non-zero (only its square enters).
    contact_angle : array_like, optional
        theta in [0, pi] rad (default pi: homogeneous nucleation).
    degrees : bool, optional
        Interpret ``contact_angle`` in degrees.

    Returns
    -------
    float or ndarray
        Barrier [J per nucleus]; see :func:`joule_per_nucleus_to_kj_per_mol`.

    References
    ----------
    Huang et al., Energy Mater. Adv. 2024, 0108, eq. (6) and Fig. 2e.
    """
    gamma = _positive("surface_energy", surface_energy, "J/m2")
    dgv = _driving_force(volumetric_driving_force)
    f = np.asarray(wetting_factor(contact_angle, degrees=degrees))
    return _out(16.0 * np.pi * gamma**3 / (3.0 * dgv**2) * f)


def critical_radius(
    surface_energy: ArrayLike, volumetric_driving_force: ArrayLike
) -> float | np.ndarray:
    """Critical nucleus radius of classical nucleation theory.

    .. math:: r^* = 2\\gamma / |\\Delta G_v|

    Parameters
    ----------
    surface_energy : array_like
        gamma [J.m-2], > 0.
    volumetric_driving_force : array_like
        Delta G_v [J.m-3], non-zero.

    Returns
    -------
    float or ndarray
        r* [m] (independent of the contact angle for a spherical cap).

    References
    ----------
    Classical nucleation theory underlying Huang et al., Energy Mater. Adv. 2024, 0108, eq. (6).
    """
    gamma = _positive("surface_energy", surface_energy, "J/m2")
    dgv = _driving_force(volumetric_driving_force)
    return _out(2.0 * gamma / np.abs(dgv))


def back_out_driving_force(
    barrier: ArrayLike,
    surface_energy: ArrayLike,
    contact_angle: ArrayLike = np.pi,
    *,
    degrees: bool = False,
) -> float | np.ndarray:
    """Invert eq. (6): the |Delta G_v| that gives a stated barrier.

    .. math:: |\\Delta G_v| = \\sqrt{16\\pi\\gamma^3 f(\\theta) / (3 \\Delta G_{nucle})}

    Parameters
    ----------
    barrier : array_like
        Delta G_nucle [J per nucleus], > 0 (convert kJ/mol with
        :func:`kj_per_mol_to_joule_per_nucleus`).
    surface_energy : array_like
        gamma [J.m-2], > 0.
    contact_angle : array_like, optional
        theta in (0, pi] rad (default pi); theta = 0 gives a zero barrier and no inverse.
    degrees : bool, optional
        Interpret ``contact_angle`` in degrees.

    Returns
    -------
    float or ndarray
        Magnitude of Delta G_v [J.m-3].

    References
    ----------
    Huang et al., Energy Mater. Adv. 2024, 0108, eq. (6).
    """
    w = _positive("barrier", barrier, "J per nucleus")
    gamma = _positive("surface_energy", surface_energy, "J/m2")
    f = np.asarray(wetting_factor(contact_angle, degrees=degrees))
    if np.any(f <= 0):
        raise ValueError(f"contact_angle must be > 0 to invert eq. (6); got {contact_angle!r}")
    return _out(np.sqrt(16.0 * np.pi * gamma**3 * f / (3.0 * w)))


def joule_per_nucleus_to_kj_per_mol(energy: ArrayLike) -> float | np.ndarray:
    """Convert J per nucleus to kJ per mole of nuclei (x N_A / 1000), Huang's unit in Fig. 2e."""
    return _out(_finite("energy", energy) * AVOGADRO / 1000.0)


def kj_per_mol_to_joule_per_nucleus(energy: ArrayLike) -> float | np.ndarray:
    """Convert kJ per mole of nuclei to J per nucleus (x 1000 / N_A); inverse of the above."""
    return _out(_finite("energy", energy) * 1000.0 / AVOGADRO)


def formation_free_energy_from_voltage(
    y: ArrayLike,
    ocv: Callable[[float], float] | tuple[ArrayLike, ArrayLike],
    *,
    breakpoints: Sequence[float] = (),
) -> float | np.ndarray:
    """Formation free energy of Li_yAg from its open-circuit voltage vs Li/Li+.

    .. math:: \\Delta G_{free}(y) = -F \\int_0^y U(y')\\,dy'

    This is the electrochemical counterpart of Huang 2024 eq. (4) (Delta G_free ~ Delta E
    for y Li + Ag -> Li_yAg): it yields Delta G_free consistently from a phase/OCV table
    when DFT total energies are not at hand. U > 0 gives Delta G_free < 0.

    Parameters
    ----------
    y : array_like
        Li content per Ag [mol Li / mol Ag], >= 0 and inside the OCV domain.
    ocv : callable or (y_data, U_data)
        Either ``U(y) -> V`` (integrated with :func:`scipy.integrate.quad`) or two arrays
        defining a piecewise-linear U(y) [V]. ``y_data`` must be non-decreasing, start at
        <= 0 and may repeat a value to encode a voltage step between plateaus.
    breakpoints : sequence of float, optional
        Compositions where a callable U jumps (plateau edges); improves quad accuracy.

    Returns
    -------
    float or ndarray
        Delta G_free [J per mol Ag]. Divide by a molar volume on the same (per mol Ag)
        basis to get Delta G_v (eq. 5).

    References
    ----------
    Huang et al., Energy Mater. Adv. 2024, 0108, eqs. (3)-(5); Delta G = -nFE.
    """
    yq = _finite("y", y)
    if np.any(yq < 0):
        raise ValueError(f"y must be >= 0 mol Li per mol Ag; got {y!r}")
    if callable(ocv):
        pts = np.asarray(breakpoints, dtype=float)

        def _u(s: float) -> float:
            u = float(ocv(s))
            if not np.isfinite(u):
                raise ValueError(f"ocv must return finite voltages [V]; got U({s:g}) = {u}")
            return u

        def _one(upper: float) -> float:
            inner = pts[(pts > 0) & (pts < upper)]
            points = inner if inner.size else None
            return integrate.quad(_u, 0.0, upper, points=points, limit=200)[0]

        return _out(0.0 - FARADAY * np.vectorize(_one, otypes=[float])(yq))
    return _out(0.0 - FARADAY * _integrate_table(yq, ocv))


def _integrate_table(yq: np.ndarray, ocv: tuple[ArrayLike, ArrayLike]) -> np.ndarray:
    """Exact integral from 0 to yq of the piecewise-linear U(y) given by the table."""
    try:
        y_data, u_data = ocv
    except (TypeError, ValueError):
        raise ValueError("ocv must be a callable U(y) or a (y_data, U_data) pair") from None
    yd = _finite("ocv y_data", y_data).ravel()
    ud = _finite("ocv U_data", u_data).ravel()
    if yd.shape != ud.shape or yd.size < 2:
        raise ValueError("ocv y_data and U_data must have equal length >= 2")
    if np.any(np.diff(yd) < 0) or yd[0] > 0:
        raise ValueError("ocv y_data must be non-decreasing and start at <= 0")
    if np.any(yq > yd[-1]):
        raise ValueError(f"y must be <= ocv y_data[-1] = {yd[-1]:g}; got max {yq.max():g}")
    cum = np.concatenate(([0.0], np.cumsum(np.diff(yd) * (ud[:-1] + ud[1:]) / 2.0)))

    def primitive(q: np.ndarray) -> np.ndarray:
        k = np.clip(np.searchsorted(yd, q, side="right") - 1, 0, yd.size - 2)
        y0, y1, u0, u1 = yd[k], yd[k + 1], ud[k], ud[k + 1]
        width = y1 - y0
        slope = np.divide(u1 - u0, width, out=np.zeros_like(width), where=width > 0)
        uq = u0 + slope * (q - y0)
        return cum[k] + (q - y0) * (u0 + uq) / 2.0

    return primitive(yq) - primitive(np.zeros(1))[0]


# --------------------------------------------------------------------------- published data
@dataclass(frozen=True)
class HuangPhaseRecord:
    """DFT values for one Li-Ag phase as quoted in the text of Huang 2024 (Fig. 2)."""

    phase: str
    most_stable_facet: str  # Fig. 2b
    facet_surface_energy: float  # J.m-2, most stable facet, Fig. 2b
    weighted_surface_energy: float  # J.m-2, gamma-bar of eq. (7), Fig. 2d
    li_adsorption_energy: float  # eV, hollow/most favourable site, Fig. 2c
    li_diffusion_barrier: float  # eV, CI-NEB vacancy migration, Fig. 2f
    nucleation_barrier_kj_mol: float  # kJ.mol-1, Delta G_nucle of eq. (6), Fig. 2e


#: Huang 2024 Fig. 2 values, transcribed from the paper's text.  Columns: facet (Fig. 2b),
#: facet gamma (Fig. 2b), gamma-bar (Fig. 2d), E_ads (Fig. 2c), diffusion barrier (Fig. 2f;
#: the text says "Figure 2d", the caption says (f)), Delta G_nucle (Fig. 2e).
#: Caveat: for Li4Ag, gamma-bar (0.531) is below the most-stable-facet gamma (0.559), which a
#: weighted mean over the same facets cannot be; the values are kept as published.
HUANG2024_NUCLEATION: MappingProxyType[str, HuangPhaseRecord] = MappingProxyType(
    {
        r.phase: r
        for r in (
            HuangPhaseRecord("Ag", "(111)", 0.784, 0.826, -1.638, 0.279, 6.00e-5),
            HuangPhaseRecord("LiAg", "(100)", 0.473, 0.493, -0.638, 0.402, 7.57e-6),
            HuangPhaseRecord("Li9Ag4", "(111)", 0.338, 0.501, -0.905, 0.167, 3.77e-6),
            HuangPhaseRecord("Li4Ag", "(100)", 0.559, 0.531, -0.966, 0.171, 1.36e-6),
            HuangPhaseRecord("Li9Ag", "(100)", 0.456, 0.488, -0.980, 0.104, 1.89e-7),
            HuangPhaseRecord("Li", "(100)", 0.445, 0.458, -0.702, 0.295, 1.63e-2),
        )
    }
)
