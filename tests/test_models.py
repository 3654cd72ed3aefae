"""Entry points, parameter sets x models, option combinations, names and citations."""

from __future__ import annotations

import importlib.metadata
import inspect
import itertools
import re

import pybamm
import pytest

import anodefree_sim
from anodefree_sim import names as n
from anodefree_sim.options import OPTIONS, validate_options

GROUPS = ("pybamm_models", "pybamm_parameter_sets")


def _our_entry_points(group):
    eps = importlib.metadata.entry_points(group=group)
    return [ep for ep in eps if ep.value.startswith("anodefree_sim.")]


@pytest.mark.parametrize("group", GROUPS)
def test_every_entry_point_loads(group):
    eps = _our_entry_points(group)
    assert len(eps) >= 2
    for ep in eps:
        obj = ep.load()
        assert callable(obj)


def test_pybamm_resolves_our_names():
    assert isinstance(pybamm.ParameterValues("Choi2025"), pybamm.ParameterValues)
    assert isinstance(pybamm.ParameterValues("Huang2024"), pybamm.ParameterValues)
    model = pybamm.Model("AnodeFreeHalfCell")
    assert isinstance(model, pybamm.BaseModel)


HALF_CELL_COMBOS = [
    dict(zip(("silver exsolution", "lithium-silver alloy", "alloy hysteresis", "nucleation",
              "lithium plating", "solid electrolyte", "electrode potential"), combo, strict=True))
    for combo in itertools.product(
        OPTIONS["silver exsolution"], OPTIONS["lithium-silver alloy"], OPTIONS["alloy hysteresis"],
        OPTIONS["nucleation"], OPTIONS["lithium plating"], OPTIONS["solid electrolyte"],
        OPTIONS["electrode potential"])
]


@pytest.mark.parametrize("options", HALF_CELL_COMBOS, ids=lambda o: "|".join(o.values()))
def test_half_cell_option_combination_is_well_posed(options):
    no_reaction = (options["silver exsolution"] == "none" and options["lithium-silver alloy"] == "none"
                   and options["lithium plating"] == "none")
    if no_reaction and options["electrode potential"] == "algebraic":
        with pytest.raises(ValueError, match="needs at least one reaction"):
            pybamm.Model("AnodeFreeHalfCell", options)
        return
    mixed_needs = {"alloy hysteresis": "none", "lithium plating": "partially reversible",
                   "lithium-silver alloy": "staged", "electrode potential": "algebraic"}
    clash = [k for k, v in mixed_needs.items() if options[k] != v]
    if options["silver exsolution"] == "mixed conductor" and clash:
        # the mixed-conducting layer carries its own alloy, plating and potentials: a clashing choice is an error
        with pytest.raises(ValueError, match=f"needs option '{clash[0]}'"):
            pybamm.Model("AnodeFreeHalfCell", options)
        return
    model = pybamm.Model("AnodeFreeHalfCell", options)
    model.check_well_posedness()


@pytest.mark.parametrize("alloy", OPTIONS["lithium-silver alloy"])
@pytest.mark.parametrize("closure", OPTIONS["electrode potential"])
def test_symmetric_cell_is_well_posed(alloy, closure):
    pybamm.Model("SymmetricCell", {"lithium-silver alloy": alloy, "electrode potential": closure})


#: Huang 2024's electrodes are Li-Ag alloys with no Li metal: as a half cell's Li counter (alloy off) or
#: with the alloy switched off, the electrode delithiated first has nothing to strip and the run ends on
#: the voltage window (it used to run away to -6000 V, issue 10 item 2)
_NO_LITHIUM = f"event: {n.EVENT_MINIMUM_VOLTAGE}"


@pytest.mark.parametrize(
    "model_name, parameter_set, options, termination",
    [
        ("AnodeFreeHalfCell", "Choi2025", {"silver exsolution": "lumped"}, "final time"),
        ("AnodeFreeHalfCell", "Choi2025", {"silver exsolution": "resolved"}, "final time"),
        ("AnodeFreeHalfCell", "Choi2025", {"silver exsolution": "none", "lithium-silver alloy": "none"},
         "final time"),
        ("AnodeFreeHalfCell", "Choi2025", {"number of solid electrolyte layers": "1",
                                           "alloy hysteresis": "one-state"}, "final time"),
        ("AnodeFreeHalfCell", "Huang2024", {"silver exsolution": "none"}, _NO_LITHIUM),
        ("SymmetricCell", "Huang2024", {}, "final time"),
        ("SymmetricCell", "Huang2024", {"lithium-silver alloy": "none"}, _NO_LITHIUM),
        ("SymmetricCell", "Choi2025", {}, "final time"),
    ],
)
def test_parameter_set_parameterises_model(model_name, parameter_set, options, termination):
    model = pybamm.Model(model_name, options)
    sim = pybamm.Simulation(model, parameter_values=pybamm.ParameterValues(parameter_set))
    sol = sim.solve([0, 60])
    assert sol.termination == termination
    assert sol["Voltage [V]"].entries.size > 1


def test_two_layer_separator_adds_resistances():
    pv = pybamm.ParameterValues("Choi2025")
    pv.update({n.p_se_thickness(2): 35e-6, n.p_se_conductivity(2): 0.1}, check_already_exists=False)
    model = pybamm.Model("AnodeFreeHalfCell", {"number of solid electrolyte layers": "2"})
    sol = pybamm.Simulation(model, parameter_values=pv).solve([0, 1])
    R1 = sol[n.se_layer_resistance(1)].entries[-1]
    R2 = sol[n.se_layer_resistance(2)].entries[-1]
    assert R2 == pytest.approx(35e-6 / 0.1)
    assert sol[n.SE_RESISTANCE].entries[-1] == pytest.approx(R1 + R2)


def test_unknown_options_are_rejected():
    with pytest.raises(ValueError, match="unknown option 'silver exsolutions'"):
        validate_options({"silver exsolutions": "lumped"})
    with pytest.raises(ValueError, match="'silver exsolution' = 'fast' is not one of"):
        validate_options({"silver exsolution": "fast"})
    with pytest.raises(ValueError, match="no doped layer"):
        pybamm.Model("SymmetricCell", {"silver exsolution": "lumped"})


SAMPLES = {"e": ["negative", "counter"], "k": [1, 2], "phase": list(n.PHASES),
           "reaction": [*n.REACTIONS, n.DOUBLE_LAYER], "source": ["plated", "alloy"]}


def _names_of(fun):
    params = list(inspect.signature(fun).parameters)
    return [fun(*args) for args in itertools.product(*(SAMPLES[p] for p in params))]


def _all_names():
    """Every name string of _names: constants, and each name function over its arguments."""
    names = []
    for key, value in vars(n).items():
        if key.startswith("_") or key == "electrode":
            continue
        if isinstance(value, str) and value[:1].isupper():
            names.append(value)
        elif inspect.isfunction(value):
            names += _names_of(value)
    return names


UNIT = re.compile(r" \[[A-Za-z0-9.\-%]+\]$")
DIMENSIONLESS = set(n.DIMENSIONLESS).union(*(_names_of(f) for f in n.DIMENSIONLESS_FUNCTIONS))


@pytest.mark.parametrize("name", _all_names())
def test_names_follow_pybamm_grammar(name):
    """'<Quantity> [units]' with dotted units and signed exponents, or a declared dimensionless name."""
    if name in DIMENSIONLESS:
        assert "[" not in name
    else:
        assert UNIT.search(name), f"'{name}' has no unit bracket and is not declared dimensionless"
        assert "/" not in name and "^" not in name


def test_every_name_is_defined_once():
    names = _all_names()
    assert len(names) == len(set(names))


def test_citations_are_registered_when_used(tmp_path):
    """pybamm.print_citations() names both papers once our submodels are used."""
    pybamm.Model("AnodeFreeHalfCell", {"silver exsolution": "lumped"})
    out = tmp_path / "citations.bib"
    pybamm.citations.print(filename=str(out), output_format="bibtex")
    text = out.read_text()
    assert "10.1038/s41467-025-61074-9" in text  # Choi 2025
    assert "10.34133/energymatadv.0108" in text  # Huang 2024


def test_version():
    assert anodefree_sim.__version__


def test_full_cell_is_a_model_class_with_its_options_and_defaults():
    model = pybamm.Model("AnodeFreeFullCell", {"cathode model": "SPM", "alloy hysteresis": "one-state"})
    assert type(model).__name__ == "AnodeFreeFullCell"
    assert model.options["cathode model"] == "SPM" and model.options["alloy hysteresis"] == "one-state"
    assert model.options["working electrode"] == "positive"  # PyBaMM's own options are kept
    assert n.P_AREA in model.default_parameter_values.keys()
    assert model.default_parameter_values["Positive electrode thickness [m]"] == pytest.approx(
        pybamm.ParameterValues("Choi2025Pouch")["Positive electrode thickness [m]"])


@pytest.mark.parametrize("name", ["AnodeFreeHalfCell", "SymmetricCell"])
def test_cells_without_a_cathode_refuse_the_cathode_option(name):
    with pytest.raises(ValueError, match="'cathode model' is not used"):
        pybamm.Model(name, {"cathode model": "DFN"})
    pybamm.Model(name, {"cathode model": "SPMe"}, build=False)  # the default value is harmless
