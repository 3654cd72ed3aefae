"""T7: energy density of the Choi pouch from its simulated discharge, through the API and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from anodefree_sim.cases import get_case
from anodefree_sim.design import energy_density as ed
from anodefree_sim.studies.energy import case_energy_density

VOL = "Volumetric energy density [W.h.L-1]"
GRAV = "Gravimetric energy density [W.h.kg-1]"


@pytest.fixture(scope="module")
def charged():
    return case_energy_density("choi2025-pouch-60c")


def test_T7_1312_Wh_per_L_from_the_simulated_discharge(charged):
    assert charged[VOL] == pytest.approx(1312, rel=0.05)
    assert charged["Areal capacity [mA.h.cm-2]"] == pytest.approx(7.0, abs=0.4)
    assert 3.6 < charged["Mean discharge voltage [V]"] < 3.95


def test_discharged_stack_is_thinner_and_collectors_and_packaging_cost_density(charged):
    discharged = case_energy_density("choi2025-pouch-60c", state="discharged")
    assert discharged[VOL] > charged[VOL]
    assert discharged[GRAV] == pytest.approx(charged[GRAV], rel=1e-9)  # same mass, Li moved
    with_cc = case_energy_density("choi2025-pouch-60c", include_collectors=True)
    packed = case_energy_density("choi2025-pouch-60c", include_collectors=True, include_packaging=True)
    assert packed[VOL] < with_cc[VOL] < charged[VOL]
    assert packed[GRAV] < with_cc[GRAV] < charged[GRAV]


def test_multilayer_stack_of_the_same_design_approaches_its_limit():
    case = get_case("choi2025-pouch-60c")
    cap = [0.0, 70.0]  # A.h.m-2, a flat 3.8 V curve stands in for the discharge
    multi = ed.multilayer_energy_density(case.stack_design(), cap, [3.8, 3.8], n_cells=[1, 2, 10, 100],
                                         include_packaging=True)
    vol = multi[VOL]
    assert all(a < b for a, b in zip(vol, vol[1:], strict=False))
    assert vol[-1] < multi["Volumetric energy density limit [W.h.L-1]"] + 1e-9


def test_cli_energy_density_json():
    r = subprocess.run([sys.executable, "-c", "from anodefree_sim.cli import main; raise SystemExit(main())",
                        "energy-density", "choi2025-pouch-60c", "--json"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    for key in (VOL, GRAV, "Areal capacity [mA.h.cm-2]"):
        assert isinstance(out[key], float)
    assert out[VOL] == pytest.approx(1312, rel=0.05)


def test_cli_energy_density_rejects_cases_without_a_stack():
    r = subprocess.run([sys.executable, "-c", "from anodefree_sim.cli import main; raise SystemExit(main())",
                        "energy-density", "choi2025-cell-b"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 2
    assert "no stack design" in r.stderr and "Traceback" not in r.stderr
