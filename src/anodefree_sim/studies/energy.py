"""Energy density of a case: its stack design (:mod:`anodefree_sim.design`) with its simulated first cycle."""

from __future__ import annotations

import dataclasses

import numpy as np

from anodefree_sim import names as n
from anodefree_sim.cases import Case, get_case
from anodefree_sim.design import energy_density as ed
from anodefree_sim.simulation import run_case


def case_energy_density(
    case: Case | str,
    state: str = "charged",
    include_collectors: bool | None = None,
    include_packaging: bool = False,
    overrides: dict | None = None,
) -> dict:
    """Energy density of a case's stack from its simulated first discharge (DESIGN 2.8, T7).

    The first cycle of the case is simulated; its discharge curve gives the energy, the plated Li and
    the alloy thickness at the end of the charge give the charged-state volume.

    Parameters
    ----------
    case : Case or str
        A case with a ``stack_design`` (e.g. ``"choi2025-pouch-60c"``).
    state : {"charged", "discharged"}
        State whose volume is used.
    include_collectors : bool, optional
        Default: the case's published basis (``Case.energy_density_basis``; Choi 2025: collectors excluded).
    include_packaging : bool
        Add the pouch foil.
    """
    case = get_case(case) if isinstance(case, str) else case
    if case.stack_design is None or not case.full_cell:
        raise ValueError(f"case '{case.name}' has no stack design; use a pouch case such as choi2025-pouch-60c")
    if include_collectors is None:
        include_collectors = case.energy_density_basis.get("include_collectors", False)
    first = dataclasses.replace(case, steps=case.steps[:1])
    result = run_case(first, overrides=overrides)
    charge, discharge = result.solution.cycles[0].steps[0], result.solution.cycles[0].steps[-1]
    t = np.linspace(discharge.t[0], discharge.t[-1], 1000)  # dense: solver steps can be few and long
    q = discharge[n.DISCHARGE_CAPACITY](t)
    area = result.parameter_values[n.P_AREA]
    capacity = (q - q[0]) / area  # A.h.m-2
    charged = {}
    if state == "charged":
        alloy = charge[n.alloy_thickness("negative")].entries
        charged = {
            "plated_lithium_thickness": float(charge[n.plated_thickness("negative")].entries[-1]),
            "alloy_thickness_change": float(alloy[-1] - alloy[0]),
        }
    return ed.energy_density(
        case.stack_design(), capacity, discharge[n.VOLTAGE](t), state=state,
        include_collectors=include_collectors, include_packaging=include_packaging, **charged,
    )
