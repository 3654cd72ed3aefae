"""DESIGN 2.8 / T7: stack energy density (Choi 2025 pouch: 1312 Wh/L excluding packaging).

The package cannot yet simulate the pouch discharge (the full-cell model is being built), so the tests use
a representative NCM811 discharge curve: the NCM811 OCP of the Choi pouch (PyBaMM's measured NMC811 OCP
``nmc_LGM50_ocp_Chen2020`` with the stoichiometry map ``MappedOcp``, parameter_sets/_ncm811.py) evaluated with
numpy from the stoichiometry where it is 4.3 V (upper cut-off) to stoichiometry 1 (3.49 V) and scaled to
7.0 mAh/cm2. The map is linear in stoichiometry and keeps full lithiation, so this normalised curve is the
unmapped Chen2020 one (test below): the T7 calibration does not depend on the map. The Chen2020 fit never
reaches the 2.5 V cut-off for stoichiometry <= 1 (it continues linearly past 1), so the final drop to 2.5 V
is a vertical step at full capacity, which adds no energy (a real cut-off tail holds < 1 % of the energy).
Being an OCP, the curve carries no polarisation: mean voltage 3.84 V, a little above a real 0.7 mA/cm2
discharge.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from anodefree_sim.parameter_sets import choi2025_pouch as choi
from anodefree_sim.parameter_sets._ncm811 import MappedOcp
from pybamm.input.parameters.lithium_ion.Chen2020 import nmc_LGM50_ocp_Chen2020
from scipy.optimize import brentq

from anodefree_sim.design import energy_density as ed
from anodefree_sim.design.cell_design import (
    Layer,
    StackDesign,
    collector_counts,
    design_from_dict,
    design_to_dict,
    validate_design,
)

TARGET = choi.CHOI2025_POUCH_DISCHARGE["Volumetric energy density [W.h.L-1]"]


#: the NCM811 OCP of the Choi pouch (parameter_sets/_ncm811.py)
POUCH_OCP = MappedOcp()


def ncm811_curve(areal_capacity_mAh_cm2: float = 7.0, n: int = 400, ocp=POUCH_OCP):
    """(capacity [A.h.m-2], voltage [V]) of the representative NCM811 discharge (module docstring)."""
    sto_top = brentq(lambda s: float(ocp(s)) - 4.3, 0.0, 0.99)
    sto = np.linspace(sto_top, 1.0, n)
    Q = 10 * areal_capacity_mAh_cm2 * (sto - sto_top) / (1 - sto_top)  # mAh/cm2 -> A.h/m2 is x10
    V = np.array([float(ocp(s)) for s in sto])
    # cut-off step to 2.5 V at full capacity (no energy)
    return np.append(Q, Q[-1]), np.append(V, 2.5)


@pytest.fixture(scope="module")
def curve():
    return ncm811_curve()


def test_mapped_and_unmapped_ocp_give_the_same_normalised_discharge(curve):
    """The Choi pouch's mapped OCP (4.3 V at 235 mAh/g) and PyBaMM's unmapped Chen2020 curve (202 mAh/g) differ in
    capacity, not in the shape of the 4.3 V -> full-lithiation curve, which is all the energy density uses."""
    Q, V = curve
    Q0, V0 = ncm811_curve(ocp=nmc_LGM50_ocp_Chen2020)
    np.testing.assert_allclose(Q, Q0, atol=1e-9)
    np.testing.assert_allclose(V, V0, atol=1e-9)
    assert MappedOcp().k < 0.9  # the map is not the identity


@pytest.fixture(scope="module")
def design():
    return choi.get_stack_design()


# ---------------------------------------------------------------- T7 and the Choi pouch
def test_regression_choi_pouch_T7_1312_WhL_charged_excluding_packaging(design, curve):
    """Regression: the cathode composite porosity (0.11) was calibrated to this number with this curve
    (parameter_sets/choi2025_pouch.py CATHODE_POROSITY)."""
    r = ed.energy_density(design, *curve, **choi.CHOI2025_ENERGY_DENSITY_BASIS)
    print(f"\nChoi pouch, charged, no collectors/packaging: {r[ed.VOLUMETRIC_ENERGY_DENSITY]:.0f} Wh/L, "
          f"{r[ed.GRAVIMETRIC_ENERGY_DENSITY]:.0f} Wh/kg, {r[ed.STACK_THICKNESS] * 1e6:.1f} um")
    assert r[ed.VOLUMETRIC_ENERGY_DENSITY] == pytest.approx(TARGET, rel=0.05)
    assert r[ed.AREAL_CAPACITY] == pytest.approx(7.0)
    # 4.85 um of Li per mAh/cm2 (physics-facts 7)
    assert r[ed.PLATED_LITHIUM_THICKNESS] == pytest.approx(7.0 * 4.85e-6, rel=2e-3)
    parts = r[ed.LAYER_BREAKDOWN]
    assert set(parts) == {"NCM811 composite cathode", "Li6PS5Cl0.5Br0.5 layer", "Li5.4Ag0.6PS5Cl layer",
                          ed.PLATED_LITHIUM_LAYER}
    assert sum(p[ed.LAYER_THICKNESS_SHARE] for p in parts.values()) == pytest.approx(1.0)
    assert sum(p[ed.LAYER_MASS_SHARE] for p in parts.values()) == pytest.approx(1.0)
    # SE bilayer 35 um (Supp. Fig. 19)
    se = parts["Li6PS5Cl0.5Br0.5 layer"][ed.LAYER_THICKNESS] + parts["Li5.4Ag0.6PS5Cl layer"][ed.LAYER_THICKNESS]
    assert se == pytest.approx(35e-6)


def test_choi_cathode_reconstruction_is_physical(design):
    cathode = design.layers[0]
    # 7.0 mAh/cm2 / 205 mAh/g = 34.1 mg/cm2 NCM811 at 80 wt% of the composite
    solid_mass = cathode.density * (1 - cathode.porosity) * cathode.thickness
    assert solid_mass * 0.80 == pytest.approx(0.3415, rel=1e-3)
    assert 0.10 <= cathode.porosity <= 0.20  # calibrated, inside the cold/WIP-pressed range
    assert 100e-6 < cathode.thickness < 160e-6


def test_discharged_stack_is_thinner_so_denser_in_WhL_same_mass(design, curve):
    basis = {k: v for k, v in choi.CHOI2025_ENERGY_DENSITY_BASIS.items() if k != "state"}
    charged = ed.energy_density(design, *curve, state="charged", **basis)
    discharged = ed.energy_density(design, *curve, state="discharged", **basis)
    print(f"\nChoi pouch, discharged: {discharged[ed.VOLUMETRIC_ENERGY_DENSITY]:.0f} Wh/L, "
          f"{discharged[ed.GRAVIMETRIC_ENERGY_DENSITY]:.0f} Wh/kg")
    # no plated Li when discharged: the stack is thinner by exactly the plated Li ...
    assert ed.PLATED_LITHIUM_LAYER not in discharged[ed.LAYER_BREAKDOWN]
    assert charged[ed.STACK_THICKNESS] - discharged[ed.STACK_THICKNESS] == pytest.approx(
        charged[ed.PLATED_LITHIUM_THICKNESS])
    # ... so the same energy over a smaller volume: discharged Wh/L > charged Wh/L
    assert discharged[ed.VOLUMETRIC_ENERGY_DENSITY] > charged[ed.VOLUMETRIC_ENERGY_DENSITY]
    # the plated Li came out of the cathode: same mass, same Wh/kg
    assert discharged[ed.STACK_MASS_AREAL] == pytest.approx(charged[ed.STACK_MASS_AREAL])
    assert discharged[ed.GRAVIMETRIC_ENERGY_DENSITY] == pytest.approx(charged[ed.GRAVIMETRIC_ENERGY_DENSITY])
    # alloy expansion adds volume only
    swollen = ed.energy_density(design, *curve, state="charged", alloy_thickness_change=2e-6, **basis)
    assert swollen[ed.STACK_THICKNESS] == pytest.approx(charged[ed.STACK_THICKNESS] + 2e-6)
    assert swollen[ed.STACK_MASS_AREAL] == pytest.approx(charged[ed.STACK_MASS_AREAL])


def test_choi_pouch_Whkg_plausible_and_collectors_cost(design, curve):
    without = ed.energy_density(design, *curve, **choi.CHOI2025_ENERGY_DENSITY_BASIS)
    with_cc = ed.energy_density(design, *curve, state="charged", include_collectors=True)
    packed = ed.energy_density(design, *curve, state="charged", include_collectors=True, include_packaging=True)
    for label, r in (("no collectors", without), ("with collectors", with_cc), ("with pouch", packed)):
        print(f"\nChoi pouch, charged, {label}: {r[ed.VOLUMETRIC_ENERGY_DENSITY]:.0f} Wh/L, "
              f"{r[ed.GRAVIMETRIC_ENERGY_DENSITY]:.0f} Wh/kg")
    # stack-level anode-free ASSB with a 34 mg/cm2 NCM811 cathode: a few hundred Wh/kg
    assert 350 < without[ed.GRAVIMETRIC_ENERGY_DENSITY] < 700
    assert 250 < with_cc[ed.GRAVIMETRIC_ENERGY_DENSITY] < without[ed.GRAVIMETRIC_ENERGY_DENSITY]
    assert with_cc[ed.VOLUMETRIC_ENERGY_DENSITY] < 0.95 * TARGET  # why T7 must exclude the foils
    assert packed[ed.VOLUMETRIC_ENERGY_DENSITY] < with_cc[ed.VOLUMETRIC_ENERGY_DENSITY]


def test_30C_reference_gives_the_heavier_cathode():
    d30 = choi.get_stack_design(choi.CHOI2025_POUCH_DISCHARGE_30C)
    d60 = choi.get_stack_design()
    # 7.8 / 198.1 = 39.4 mg/cm2 vs 7.0 / 205 = 34.1 mg/cm2 of NCM811
    assert d30.layers[0].thickness / d60.layers[0].thickness == pytest.approx((7.8 / 198.1) / (7.0 / 205))


# ---------------------------------------------------------------- hand-checked arithmetic
def toy_design(**changes):
    values = dict(
        layers=(Layer("cathode", 100e-6, 4000.0, 0.25, None, "cathode"),
                Layer("separator", 50e-6, 2000.0, 0.0, 1.5e-4, "separator")),
        area=1e-4,
    )
    values.update(changes)
    return StackDesign(**values)


def test_discharge_energy_trapezoid():
    # linear 4.0 -> 3.0 V over 10 A.h/m2: mean 3.5 V -> 35 W.h/m2 (exact for the trapezoid rule)
    assert ed.discharge_energy([0.0, 5.0, 10.0], [4.0, 3.5, 3.0]) == pytest.approx(35.0)
    assert ed.discharge_energy([0.0, 10.0, 10.0], [4.0, 4.0, 2.5]) == pytest.approx(40.0)


def test_two_layer_toy_stack_by_hand():
    d = toy_design()
    Q, V = [0.0, 10.0], [4.0, 4.0]  # 1 mAh/cm2 at 4 V -> 40 W.h/m2
    # mass: 4000 * 0.75 * 100e-6 = 0.300 kg/m2; separator over 1.5x the area: 2000 * 50e-6 * 1.5 = 0.150
    # thickness: 150 um
    r = ed.energy_density(d, Q, V, state="discharged")
    assert r[ed.STACK_MASS_AREAL] == pytest.approx(0.450)
    assert r[ed.STACK_THICKNESS] == pytest.approx(150e-6)
    assert r[ed.VOLUMETRIC_ENERGY_DENSITY] == pytest.approx(40 / 150e-6 / 1000)  # 266.7 Wh/L
    assert r[ed.GRAVIMETRIC_ENERGY_DENSITY] == pytest.approx(40 / 0.45)  # 88.9 Wh/kg
    assert r[ed.STACK_MASS] == pytest.approx(0.45e-4)
    assert r[ed.STACK_VOLUME] == pytest.approx(150e-6 * 1e-4)
    assert r[ed.ENERGY] == pytest.approx(40e-4)
    assert r[ed.MEAN_DISCHARGE_VOLTAGE] == pytest.approx(4.0)
    assert r[ed.LAYER_BREAKDOWN]["separator"][ed.LAYER_MASS_SHARE] == pytest.approx(1 / 3)
    # charged: 36000 C/m2 / 96485.33 C/mol = 0.373114 mol/m2 of Li, x 6.94e-3 kg/mol = 2.58941e-3 kg/m2,
    # / 534 kg/m3 = 4.8491 um; the cathode loses that mass, the plated layer gains it
    L_li = 36000 / 96485.33212 * 6.94e-3 / 534
    assert L_li == pytest.approx(4.8491e-6, rel=1e-4)
    c = ed.energy_density(d, Q, V, state="charged")
    assert c[ed.STACK_THICKNESS] == pytest.approx(150e-6 + L_li)
    assert c[ed.VOLUMETRIC_ENERGY_DENSITY] == pytest.approx(40 / (150e-6 + L_li) / 1000)  # 258.3 Wh/L
    assert c[ed.STACK_MASS_AREAL] == pytest.approx(0.450)
    parts = c[ed.LAYER_BREAKDOWN]
    assert parts[ed.PLATED_LITHIUM_LAYER][ed.LAYER_MASS] == pytest.approx(2.58941e-3, rel=1e-4)
    assert parts["cathode"][ed.LAYER_MASS] == pytest.approx(0.300 - 2.58941e-3, rel=1e-6)
    # explicit plated Li (e.g. from a simulation) overrides the capacity default
    e = ed.energy_density(d, Q, V, state="charged", plated_lithium_thickness=10e-6)
    assert e[ed.STACK_THICKNESS] == pytest.approx(160e-6)
    # footprint larger than the stack area (e.g. the separator's 1.5e-4 m2): volume x 1.5
    f = ed.energy_density(d, Q, V, state="discharged", footprint_area=1.5e-4)
    assert f[ed.VOLUMETRIC_ENERGY_DENSITY] == pytest.approx(r[ed.VOLUMETRIC_ENERGY_DENSITY] / 1.5)


def test_collectors_and_packaging_counted_by_hand():
    al = Layer("Al", 10e-6, 2700.0, role="collector")
    cu = Layer("Cu", 6e-6, 8960.0, role="collector")
    foil = Layer("foil", 100e-6, 1500.0, role="packaging")
    d = toy_design(positive_collector=al, negative_collector=cu, packaging=foil, layers_per_cell=2)
    assert [collector_counts(k) for k in (1, 2, 3, 4)] == [(1, 1), (1, 2), (2, 2), (2, 3)]
    # N = 2: Cu | cell | Al | cell | Cu, plus two pouch walls
    L = ed.stack_thickness(d, "discharged", include_packaging=True)
    assert L == pytest.approx(2 * 150e-6 + 10e-6 + 2 * 6e-6 + 2 * 100e-6)
    m = ed.stack_mass(d, "discharged", include_packaging=True)
    assert m == pytest.approx(2 * 0.45 + 2700 * 10e-6 + 2 * 8960 * 6e-6 + 2 * 1500 * 100e-6)
    assert ed.stack_thickness(d, "discharged", include_collectors=False) == pytest.approx(300e-6)
    assert ed.stack_volume(d, "discharged") == pytest.approx((300e-6 + 22e-6) * 1e-4)


# ---------------------------------------------------------------- multi-layer stacks
def test_multilayer_rises_with_N_toward_limit_and_packaging_lowers_it(design, curve):
    Ns = [1, 2, 4, 10, 30, 100, 1000]
    bare = ed.multilayer_energy_density(design, *curve, Ns, include_collectors=True)
    packed = ed.multilayer_energy_density(design, *curve, Ns, include_collectors=True, include_packaging=True)
    print("\nChoi design, N unit cells (charged, collectors):")
    for k, a, b in zip(Ns, bare[ed.VOLUMETRIC_ENERGY_DENSITY], packed[ed.VOLUMETRIC_ENERGY_DENSITY],
                       strict=True):
        print(f"  N = {k:4d}: {a:6.0f} Wh/L stack, {b:6.0f} Wh/L with pouch foil")
    print(f"  limit: {bare[ed.VOLUMETRIC_ENERGY_DENSITY_LIMIT]:.0f} Wh/L, "
          f"{bare[ed.GRAVIMETRIC_ENERGY_DENSITY_LIMIT]:.0f} Wh/kg")
    for r in (bare, packed):
        for key, limit in ((ed.VOLUMETRIC_ENERGY_DENSITY, ed.VOLUMETRIC_ENERGY_DENSITY_LIMIT),
                           (ed.GRAVIMETRIC_ENERGY_DENSITY, ed.GRAVIMETRIC_ENERGY_DENSITY_LIMIT)):
            values = r[key]
            assert np.all(np.diff(values) > 0)
            assert np.all(values < r[limit] * (1 + 1e-12))
            assert values[-1] == pytest.approx(r[limit], rel=0.01)
    # packaging lowers every stack and does not change the limit
    assert np.all(packed[ed.VOLUMETRIC_ENERGY_DENSITY] < bare[ed.VOLUMETRIC_ENERGY_DENSITY])
    assert np.all(packed[ed.GRAVIMETRIC_ENERGY_DENSITY] < bare[ed.GRAVIMETRIC_ENERGY_DENSITY])
    assert packed[ed.VOLUMETRIC_ENERGY_DENSITY_LIMIT] == pytest.approx(bare[ed.VOLUMETRIC_ENERGY_DENSITY_LIMIT])
    # limit = one unit cell carrying half of each collector
    one = ed.energy_density(design, *curve, include_collectors=False)
    per_cell = one[ed.STACK_THICKNESS] + (design.positive_collector.thickness
                                          + design.negative_collector.thickness) / 2
    assert bare[ed.VOLUMETRIC_ENERGY_DENSITY_LIMIT] == pytest.approx(one[ed.AREAL_ENERGY] / per_cell / 1000)


# ---------------------------------------------------------------- design objects and errors
def test_design_only_stores_and_round_trips(design):
    # scikit-learn contract: no validation in __init__
    bad = Layer("bad", -1.0, -5.0, 2.0, -1.0, "nonsense")
    assert bad.thickness == -1.0
    data = design_to_dict(design)
    assert design_from_dict(json.loads(json.dumps(data))) == design
    validate_design(design)


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"layers": (Layer("c", -1e-6, 4000.0, role="cathode"),)}, "thickness must be a finite number >= 0"),
        ({"layers": (Layer("c", 1e-6, 4000.0, 1.0, role="cathode"),)}, r"porosity must be in \[0, 1\)"),
        ({"layers": (Layer("c", 1e-6, 4000.0, -0.1, role="cathode"),)}, r"porosity must be in \[0, 1\)"),
        ({"layers": (Layer("c", 1e-6, 0.0, role="cathode"),)}, "density must be a finite number > 0"),
        ({"layers": (Layer("c", 1e-6, 4000.0, area=0.0, role="cathode"),)}, "area must be None"),
        ({"layers": (Layer("c", 1e-6, 4000.0, role="collector"),)}, "role must be one of"),
        ({"layers": ()}, "layers must be a non-empty sequence"),
        ({"area": 0.0}, "area must be a finite number > 0 m2"),
        ({"area": -1e-4}, "area must be a finite number > 0 m2"),
        ({"layers_per_cell": 0}, "layers_per_cell must be an integer >= 1"),
        ({"positive_collector": Layer("Al", 1e-5, 2700.0, role="cathode")}, "positive_collector"),
        ({"layers": (Layer("x", 1e-6, 1.0, role="cathode"), Layer("x", 1e-6, 1.0))}, "unique"),
    ],
)
def test_invalid_designs_raise(changes, match):
    with pytest.raises(ValueError, match=match):
        ed.energy_density(toy_design(**changes), [0.0, 10.0], [4.0, 4.0], state="discharged")


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        (([0.0, 1.0, 2.0], [4.0, 3.9]), {}, "same length"),
        (([0.0], [4.0]), {}, "at least 2 points"),
        (([2.0, 1.0], [4.0, 3.9]), {}, "non-decreasing"),
        (([0.0, np.nan], [4.0, 3.9]), {}, "finite"),
        (([0.0, 10.0], [4.0, 4.0]), {"state": "full"}, "state must be one of"),
        (([0.0, 10.0], [4.0, 4.0]), {"plated_lithium_thickness": -1e-6}, "plated_lithium_thickness"),
        (([0.0, 10.0], [4.0, 4.0]), {"include_packaging": True}, "packaging"),
        (([0.0, 10.0], [4.0, 4.0]), {"footprint_area": 0.0}, "footprint_area"),
        (([0.0, 10.0], [4.0, 4.0]), {"plated_lithium_thickness": 1e-3}, "cathode"),
    ],
)
def test_invalid_curves_and_options_raise(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        ed.energy_density(toy_design(), *args, **kwargs)


def test_multilayer_rejects_bad_counts(curve):
    with pytest.raises(ValueError, match="layers_per_cell must be an integer >= 1"):
        ed.multilayer_energy_density(toy_design(), [0.0, 10.0], [4.0, 4.0], [1, 0])
    with pytest.raises(ValueError, match="at least one"):
        ed.multilayer_energy_density(toy_design(), [0.0, 10.0], [4.0, 4.0], [])
