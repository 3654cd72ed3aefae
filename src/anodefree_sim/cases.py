"""Named cases that set up the papers' experiments (model, options, parameters, areal protocol).

A :class:`Case` only stores its arguments; :func:`anodefree_sim.simulation.run_case` does the work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from anodefree_sim import names as n
from anodefree_sim.parameter_sets import choi2025_pouch


@dataclass(frozen=True)
class Case:
    """A reproducible experiment.

    Attributes
    ----------
    name : str
        Case name used by the CLI.
    description : str
        One line: what the case reproduces.
    model : str
        Registered model name (``pybamm_models`` entry point).
    parameter_set : str
        Registered parameter-set name (``pybamm_parameter_sets`` entry point).
    steps : tuple
        Areal protocol (see :mod:`anodefree_sim.protocols`); a tuple entry is one cycle.
    options : dict
        Model options.
    overrides : Mapping
        Parameter values replaced on top of the parameter set (a dict, or :class:`Deferred` values computed
        on first use).
    reference : str
        Figure / table reproduced.
    """

    name: str
    description: str
    model: str
    parameter_set: str
    steps: tuple
    options: dict = field(default_factory=dict)
    overrides: Mapping = field(default_factory=dict)
    reference: str = ""
    #: factory of the stack bill of materials (:class:`~anodefree_sim.design.cell_design.StackDesign`) for
    #: energy-density calculations; None when the case is not a stack
    stack_design: Callable | None = None
    #: how the paper reports the stack's energy density (keyword arguments of
    #: :func:`anodefree_sim.design.energy_density.energy_density`, e.g. collectors excluded)
    energy_density_basis: dict = field(default_factory=dict)

    @property
    def full_cell(self) -> bool:
        """True for cells with a cathode (the anode-free side is then the negative terminal)."""
        return self.model == "AnodeFreeFullCell"

    @property
    def lithiating_sign(self) -> float:
        """Sign of the current that puts Li into the anode-free side (-1 full cell, +1 otherwise)."""
        return -1.0 if self.full_cell else 1.0


class Deferred(Mapping):
    """Parameter overrides computed on first use, by ``build()``.

    The parameter-set modules that compute some cases' overrides import PyBaMM (~2 s); listing the cases
    (``anodefree-sim list``, :func:`get_case`) does not need them, so those cases defer them to the first run.
    """

    def __init__(self, build: Callable[[], dict]):
        self._build, self._values = build, None

    def _get(self) -> dict:
        if self._values is None:
            self._values = dict(self._build())
        return self._values

    def __getitem__(self, key: str):
        return self._get()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __repr__(self) -> str:
        return f"Deferred({self._get()!r})"


def _electrode_values(kinds: tuple[tuple[str, str], ...], extra: tuple = ()) -> dict:
    """Overrides of Huang 2024's electrode ``kind`` for each ``(electrode, kind)``, then the ``extra`` pairs."""
    from anodefree_sim.parameter_sets.huang2024 import electrode_values  # imports PyBaMM: on first use only

    out = {}
    for electrode, kind in kinds:
        out.update(electrode_values(electrode, kind))
    return {**out, **dict(extra)}


def _pouch_overrides(temperature_c: int) -> dict:
    from anodefree_sim.parameter_sets.choi2025 import pouch_overrides  # imports PyBaMM: on first use only

    return pouch_overrides(temperature_c)


#: stack pressure [Pa] of Huang 2024's cells during testing (Methods: "performed at 25 C under 100 MPa and
#: 10 MPa for the cells using Li-Ag alloy and Li metal as the anodes, respectively")
HUANG_PRESSURE = {"Li": 10e6, "Li4Ag": 100e6, "Li9Ag4": 100e6}

#: stripping staircase of the ``li-lpscl-stripping`` case [mA.cm-2] (Kasemchainan 2019 strips at rising current
#: densities; these steps resolve 0.05 mA/cm2 around the 0.2 mA/cm2 at 3 MPa)
STRIPPING_STAIRCASE = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.5, 2.0, 3.0, 5.0)
#: Li stripped per staircase step [mA.h.cm-2] (5 um of Li)
STRIPPING_STEP_CAPACITY = 1.0


def huang_pressure(kind: str) -> float:
    """Stack pressure [Pa] of Huang 2024's cells with a ``kind`` ("Li", "Li4Ag", "Li9Ag4") electrode."""
    return HUANG_PRESSURE[kind]


def _huang_symmetric(kind: str, cycles: int = 10) -> dict:

    overrides = Deferred(partial(_electrode_values, tuple((e, kind) for e in n.ELECTRODES),
                                 ((n.P_STACK_PRESSURE, huang_pressure(kind)),)))
    return {
        "model": "SymmetricCell",
        "parameter_set": "Huang2024",
        "steps": tuple(
            [("Discharge at 0.2 mA.cm-2 for 0.2 mA.h.cm-2", "Charge at 0.2 mA.cm-2 for 0.2 mA.h.cm-2")]
            * cycles
        ),
        "options": {"lithium-silver alloy": "none" if kind == "Li" else "staged", "stack pressure": "mechanics"},
        "overrides": overrides,
        "reference": "Huang 2024 Fig. 5a-c (0.2 mA/cm2, 0.2 mAh/cm2 per half cycle, 25 C)",
    }


def _pouch(temperature_c: int, cycles: int = 50) -> dict:
    """Choi 2025 pouch full cell at 0.7 mA/cm2, 2.5-4.3 V (Fig. 3h-i, Supp. Fig. 20), 2.0 MPa.

    Both cells run with the ``"mechanics"`` stack-pressure option (contact of the plated Li with the bilayer
    at 2.0 MPa). At 30 C the void-growth onset (~0.22 mA/cm2, Li self-diffusion) is below the 0.7 mA/cm2 of
    the protocol: voids form on every discharge and the plated Li's own contact falls to ~1e-4, but the
    exsolved Ag network of the layer carries the current across the voids (on stripping, for the contact
    overpotential, < 1 mV) and bridges them on the next charge, so plating is not focused on the remaining
    spots (see :mod:`anodefree_sim.submodels.contact_mechanics`). At 60 C the onset (~1.5 mA/cm2) is above it.
    """

    reference = (choi2025_pouch.CHOI2025_POUCH_DISCHARGE if temperature_c == 60
                 else choi2025_pouch.CHOI2025_POUCH_DISCHARGE_30C)

    return {
        "model": "AnodeFreeFullCell",
        "parameter_set": "Choi2025Pouch",
        "steps": tuple(
            [("Charge at 0.7 mA.cm-2 until 4.3 V", "Discharge at 0.7 mA.cm-2 until 2.5 V")] * cycles
        ),
        "options": {"cathode model": "SPMe", "alloy hysteresis": "one-state", "stack pressure": "mechanics"},
        "overrides": Deferred(partial(_pouch_overrides, temperature_c)),
        "stack_design": lambda: choi2025_pouch.get_stack_design(reference),
        "energy_density_basis": choi2025_pouch.CHOI2025_ENERGY_DENSITY_BASIS,
    }


def _huang_full(kind: str, cycles: int) -> dict:
    """Huang 2024 full cell: 2 cycles at 0.125 mA/cm2, then 0.25 mA/cm2, 2.5-4.3 V [cut-offs assumed]."""

    slow = ("Charge at 0.125 mA.cm-2 until 4.3 V", "Discharge at 0.125 mA.cm-2 until 2.5 V")
    fast = ("Charge at 0.25 mA.cm-2 until 4.3 V", "Discharge at 0.25 mA.cm-2 until 2.5 V")
    options = {"cathode model": "SPMe", "silver exsolution": "none", "solid electrolyte": "ohmic",
               "interphase growth": "throughput", "stack pressure": "mechanics"}
    if kind == "Li":
        options["lithium-silver alloy"] = "none"
    return {
        "model": "AnodeFreeFullCell",
        "parameter_set": "Huang2024Full",
        "steps": tuple([slow] * 2 + [fast] * (cycles - 2)),
        "options": options,
        "overrides": Deferred(partial(_electrode_values, (("negative", kind),),
                                      ((n.P_STACK_PRESSURE, huang_pressure(kind)),))),
        "reference": "Huang 2024 Fig. 5d-g (7.64 mg/cm2 LNO@NCM811, Li3InCl6 catholyte, 25 C)",
    }


def _cases() -> dict[str, Case]:
    cell_b = Case(
        name="choi2025-cell-b",
        description="Li | LPSClBr 700 um | Li5.4Ag0.6PS5Cl 10 um | SUS first discharge, 1 mA/cm2, 60 C",
        model="AnodeFreeHalfCell",
        parameter_set="Choi2025",
        steps=("Discharge at 1 mA.cm-2 until 0.005 V",),
        # 20 MPa (Choi Methods); the flaw short criterion needs Li metal as thick as the flaws
        options={"silver exsolution": "lumped", "alloy hysteresis": "one-state", "stack pressure": "mechanics"},
        reference="Choi 2025 Fig. 2b, Cell B (x via --set 'Doped layer silver content=0.2')",
    )
    cell_a = Case(
        name="choi2025-cell-a",
        description="Li | LPSClBr 700 um | SUS (no doped layer): plating 1 mAh/cm2 at 1 mA/cm2, 60 C",
        model="AnodeFreeHalfCell",
        parameter_set="Choi2025",
        steps=("Discharge at 1 mA.cm-2 for 1 mA.h.cm-2",),
        options={"silver exsolution": "none", "alloy hysteresis": "one-state", "stack pressure": "mechanics"},
        overrides={n.P_DOPED_THICKNESS: 0.0, n.P_SILVER_CONTENT: 0.0},
        reference="Choi 2025 Fig. 2b, Cell A (no lower cut-off: drop to ~0 V, nucleation dip)",
    )
    sym = {
        "huang2024-symmetric-li4ag": ("Li4Ag", "Li4Ag | LPSC | Li4Ag symmetric cell, 0.2 mA/cm2, 25 C"),
        "huang2024-symmetric-li9ag4": ("Li9Ag4", "Li9Ag4 | LPSC | Li9Ag4 symmetric cell, 0.2 mA/cm2, 25 C"),
        "huang2024-symmetric-li": ("Li", "Li | LPSC | Li symmetric cell, 0.2 mA/cm2, 25 C"),
    }
    cycling = Case(
        name="choi2025-bilayer-cycling",
        description="Li | LPSClBr | Li5.4Ag0.6PS5Cl | SUS, 1000 x (plate 1 mAh/cm2, strip to 0.1 V) at 1 mA/cm2",
        model="AnodeFreeHalfCell",
        parameter_set="Choi2025",
        steps=tuple(
            [("Discharge at 1 mA.cm-2 for 1 mA.h.cm-2", "Charge at 1 mA.cm-2 until 0.1 V")] * 1000
        ),
        options={"silver exsolution": "lumped", "alloy hysteresis": "one-state", "stack pressure": "mechanics"},
        reference="Choi 2025 Fig. 3a (x = 0 via --set 'Doped layer silver content=0')",
    )
    pouch60 = Case(name="choi2025-pouch-60c",
                   description="NCM811 | 35 um bilayer | SUS pouch, 0.7 mA/cm2, 2.5-4.3 V, 60 C, 50 cycles",
                   reference="Choi 2025 Fig. 3h-i (205 mAh/g, 7.0 mAh/cm2, 95.0 % after 50 cycles)",
                   **_pouch(60))
    pouch30 = Case(name="choi2025-pouch-30c",
                   description="NCM811 | 35 um bilayer | SUS pouch, 0.7 mA/cm2, 2.5-4.3 V, 30 C, 50 cycles",
                   reference="Choi 2025 Supp. Fig. 20 (198.1 mAh/g, 7.8 mAh/cm2, 87.4 % after 50 cycles)",
                   **_pouch(30))
    ccd_steps = tuple(
        (f"Discharge at {j:g} mA.cm-2 for 1 mA.h.cm-2", f"Charge at {j:g} mA.cm-2 for 1 mA.h.cm-2 or until 0.1 V")
        for j in np.arange(0.5, 10.01, 0.5)
    )
    mixed = {"silver exsolution": "mixed conductor", "alloy hysteresis": "none",
             "electrode potential": "algebraic"}
    # the CCD is predicted by the mixed-conducting layer's flaw criterion (issue 12; docs/ccd_candidates.md)
    ccd = Case(
        name="choi2025-ccd",
        description="Li | LPSClBr | Li5.4Ag0.6PS5Cl | SUS, 1 mAh/cm2 steps of rising current density, 60 C "
                    "(mixed-conducting layer)",
        model="AnodeFreeHalfCell",
        parameter_set="Choi2025",
        steps=ccd_steps,
        options={**mixed, "stack pressure": "none"},
        reference="Choi 2025 Fig. 3b (CCD 6.0 mA/cm2 for x = 0.6; x = 0 via --set)",
    )
    # the same staircase on the lumped layer with the "contact" stack-pressure closure (voids on stripping):
    # its CCD comes from the critical local plating current calibrated to Choi's 6.0 (parameter_sets/_common.py)
    ccd_lumped = Case(
        name="choi2025-ccd-lumped",
        description="Li | LPSClBr | Li5.4Ag0.6PS5Cl | SUS, 1 mAh/cm2 steps of rising current density, 60 C "
                    "(lumped layer, contact closure)",
        model="AnodeFreeHalfCell",
        parameter_set="Choi2025",
        steps=ccd_steps,
        options={"silver exsolution": "lumped", "alloy hysteresis": "one-state", "stack pressure": "contact"},
        reference="Choi 2025 Fig. 3b (CCD 6.0 mA/cm2 for x = 0.6, fitted; x = 0 via --set)",
    )
    stripping = Case(
        name="li-lpscl-stripping",
        description="Li | Li6PS5Cl | Li at 3 MPa, 25 C: stripping at rising current density (voids, contact)",
        model="SymmetricCell",
        parameter_set="Huang2024",
        steps=tuple((f"Discharge at {j:g} mA.cm-2 for {STRIPPING_STEP_CAPACITY:g} mA.h.cm-2",)
                    for j in STRIPPING_STAIRCASE),
        options={"lithium-silver alloy": "none", "stack pressure": "mechanics"},
        overrides=Deferred(partial(_electrode_values, (("negative", "Li"), ("counter", "Li")),
                                   ((n.P_STACK_PRESSURE, 3e6),))),
        reference="Kasemchainan et al., Nat. Mater. 18 (2019) 1105: critical stripping current 0.2 mA/cm2 "
                  "at 3 MPa (several pressures via --set 'Stack pressure [Pa]=...')",
    )
    plating_5 = Case(
        name="choi2025-plating-5mah",
        description="Li | LPSClBr | Li5.4Ag0.6PS5Cl | SUS, plate 5.0 mAh/cm2 at 1.0 mA/cm2, 60 C "
                    "(mixed-conducting layer)",
        model="AnodeFreeHalfCell",
        parameter_set="Choi2025",
        steps=("Discharge at 1 mA.cm-2 for 5 mA.h.cm-2",),
        options=mixed,
        reference="Choi 2025 Fig. 3f (compact Li between the bilayer and the SUS collector after 5.0 mAh/cm2)",
    )
    plating_5_x0 = Case(
        name="choi2025-plating-5mah-x0",
        description="Li | LPSClBr | Li6PS5Cl | SUS control (x = 0), plate 5.0 mAh/cm2 at 1.0 mA/cm2, 60 C",
        model="AnodeFreeHalfCell",
        parameter_set="Choi2025",
        steps=("Discharge at 1 mA.cm-2 for 5 mA.h.cm-2",),
        options=mixed,
        overrides={n.P_SILVER_CONTENT: 0.0},
        reference="Choi 2025 Supp. Fig. 17 (x = 0 control: Li dendrites instead of a compact layer)",
    )
    # Supp. Fig. 13 / Methods: the 10 um x = 0.6 pellet half-cell at 20 MPa (the Choi2025 set's stack pressure),
    # 5 h plating at 1.0 mA/cm2 and stripping at 1.0 mA/cm2 to 0.1 V (no formation cycles), 60 C
    bilayer_150 = Case(
        name="choi2025-bilayer-150",
        description="Li | LPSClBr | Li5.4Ag0.6PS5Cl | SUS, 150 x (plate 5 mAh/cm2, strip to 0.1 V) at 1 mA/cm2, "
                    "60 C, 20 MPa (mixed-conducting layer)",
        model="AnodeFreeHalfCell",
        parameter_set="Choi2025",
        steps=tuple([("Discharge at 1 mA.cm-2 for 5 mA.h.cm-2", "Charge at 1 mA.cm-2 until 0.1 V")] * 150),
        options=mixed,
        reference="Choi 2025 Supp. Fig. 13 (stable for 150 cycles at 1.0 mA/cm2 and 5.0 mAh/cm2, 60 C)",
    )
    cases = {cell_b.name: cell_b, cell_a.name: cell_a, cycling.name: cycling, ccd.name: ccd,
             ccd_lumped.name: ccd_lumped,
             stripping.name: stripping,
             pouch60.name: pouch60, pouch30.name: pouch30}
    for kind, cycles in (("Li4Ag", 50), ("Li9Ag4", 50), ("Li", 7)):
        name = f"huang2024-full-{kind.lower()}"
        cases[name] = Case(name=name, description=f"{kind} | LPSC | Li3InCl6 | LNO@NCM811 full cell, "
                           f"0.125 then 0.25 mA/cm2, 25 C, {cycles} cycles", **_huang_full(kind, cycles))
    for name, (kind, desc) in sym.items():
        cases[name] = Case(name=name, description=desc, **_huang_symmetric(kind))
    for case in (plating_5, plating_5_x0, bilayer_150):
        cases[case.name] = case
    return cases


CASES: dict[str, Case] = _cases()


def get_case(name: str) -> Case:
    """The case called ``name``; ValueError listing the valid names otherwise."""
    if name not in CASES:
        raise ValueError(f"unknown case '{name}'; valid cases: {', '.join(CASES)}")
    return CASES[name]
