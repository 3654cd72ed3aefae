"""The ledger of paper targets: every number the project compares with, computed live, with its standing.

A :class:`Target` is one number (or ordering) reported by a paper (DESIGN section 4, T1-T11, and the
external checks of the stack-pressure closure). Its ``kind`` says what agreement means:

* ``fitted`` -- a parameter was calibrated to this number (``parameter`` names it and the tool or source);
  agreement is a regression check, not a validation;
* ``input`` -- the paper number is given to the model as a parameter (``parameter`` names it);
* ``predicted`` -- nothing was tuned to it.

:func:`evaluate` runs the cases behind the selected targets (each shared computation once) and returns rows
with the keys :data:`KEYS`; ``anodefree-sim targets`` prints them (table, ``--json`` or ``--markdown``).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from anodefree_sim import names as n

KINDS = ("predicted", "fitted", "input")
#: keys of one evaluated row (the JSON objects of ``anodefree-sim targets --json``)
KEYS = ("target", "paper value", "model value", "unit", "tolerance", "kind", "within tolerance")
SPECIFIC = n.SPECIFIC_CAPACITY


@dataclass(frozen=True)
class Target:
    """One paper number.

    Attributes
    ----------
    id, text : str
        Identifier (``T1a`` ..., ``E1`` ... for external checks) and a short description.
    paper : float or str
        Paper value (a string for orderings and sequences).
    unit : str
        Unit of ``paper`` and of the model value ("" for orderings).
    tolerance : tuple
        ``("abs", d)``, ``("rel", r)``, ``("range", lo, hi)``, ``("max", hi)``, ``("min", lo)``, or
        ``("holds", text)`` when ``read`` returns ``(model value, within)`` itself.
    kind : str
        One of :data:`KINDS`.
    group : str
        Key of :data:`GROUPS`: the computation whose result ``read`` takes.
    read : callable
        ``read(group result)`` -> model value, or ``(model value, within)`` for ``("holds", ...)``.
    parameter : str
        For fitted and input targets: the parameter calibrated to, or set from, this number, and where.
    """

    id: str
    text: str
    paper: float | str
    unit: str
    tolerance: tuple
    kind: str
    group: str
    read: Callable
    parameter: str = ""


@dataclass(frozen=True)
class Group:
    """A computation shared by several targets: ``compute()`` -> data, about ``seconds`` of wall time."""

    compute: Callable[[], object]
    seconds: float
    expensive: bool = False


# ---------------------------------------------------------------- shared computations
def _run(name, **kw):
    from anodefree_sim.simulation import run_case

    return run_case(name, **kw)


def _cell_b() -> dict:
    t = _run("choi2025-cell-b").table
    V, Q = t[n.VOLTAGE], t[n.CAPACITY_AREAL]
    k = int(np.argmax(V < 1.2))
    mid = (Q > 0.25 * Q[k]) & (Q < 0.75 * Q[k])
    frac = np.vstack([t[n.phase_fraction("negative", p)] for p in n.PHASES])
    dom = np.argmax(frac[:, t[n.EXSOLVED_FRACTION] > 0.5], axis=0)
    seen = [n.PHASES[d] for i, d in enumerate(dom) if i == 0 or d != dom[i - 1]]
    return {"plateau": float(np.mean(V[mid])), "spec_1.2": t[SPECIFIC][k], "spec_end": t[SPECIFIC][-1],
            "q_end": Q[-1], "phases": " > ".join(seen)}


def _cell_a() -> dict:
    t = _run("choi2025-cell-a").table
    V, Q = t[n.VOLTAGE], t[n.CAPACITY_AREAL]
    return {"v_max": float(V[Q > 1e-3].max()), "dip": 1000 * float(np.median(V[Q > 0.5]) - V.min())}


def _conductivity() -> dict:
    from anodefree_sim.parameter_sets import conductivity as c

    def ea(x):  # Arrhenius slope between 30 and 60 C [eV]
        s1, s2 = (c.doped_argyrodite_ionic_conductivity(x, T) for T in (303.15, 333.15))
        return c.K_B_EV * math.log(s2 / s1) / (1 / 303.15 - 1 / 333.15)

    out = {f"sigma_{x}": 10 * c.doped_argyrodite_ionic_conductivity(x, 293.15) for x in (0.0, 0.2, 0.4, 0.6)}
    out.update({"ea_0.0": ea(0.0), "ea_0.6": ea(0.6),
                "sigma_e": c.doped_argyrodite_electronic_conductivity(0.6) / 100,
                "sigma_ex": 10 * c.exsolved_argyrodite_ionic_conductivity(0.6, 293.15),
                "sigma_e_ex": c.EXSOLVED_ELECTRONIC / 100})
    return out


def _bilayer() -> dict:
    from anodefree_sim.studies.fast_forward import fast_forward

    ce = {x: fast_forward("choi2025-bilayer-cycling", overrides={n.P_SILVER_CONTENT: x})["cycles"][
        n.COULOMBIC_EFFICIENCY].mean() for x in (0.6, 0.0)}
    return {"ce": ce[0.6], "ce0": ce[0.0]}


def _ccd(**overrides) -> Callable[[], float | None]:
    def compute():
        from anodefree_sim.studies.ccd import CCD, run_ccd

        return run_ccd(overrides=overrides)[CCD]

    return compute


def _pouch() -> dict:
    out = {}
    for T in (60, 30):
        r = _run(f"choi2025-pouch-{T}c")
        q = r.cycles[n.CYCLE_DISCHARGE_CAPACITY]
        g_per_cm2 = r.table[n.CAPACITY_AREAL].max() / r.table[SPECIFIC].max()
        out[T] = {"q": q[0], "spec": q[0] / g_per_cm2, "retention": r.cycles[n.CAPACITY_RETENTION][-1]}
    return out


def _energy() -> float:
    from anodefree_sim.studies.energy import case_energy_density

    return case_energy_density("choi2025-pouch-60c")[n.VOLUMETRIC_ENERGY_DENSITY]


def _phases() -> dict:
    from anodefree_sim.parameter_sets import huang2024
    from anodefree_sim.phase_table import MAH_PER_G_AG_PER_Y, load_phase_table

    t = load_phase_table("huang2024")
    i = t.phases.index
    return {"table": t, "window": (t.y_max[i("gamma2")] - t.y_min[i("gamma3")]) * MAH_PER_G_AG_PER_Y,
            "Li4Ag": huang2024.Y_LI4AG, "Li9Ag4": huang2024.Y_LI9AG4}


def _nucleation():
    from anodefree_sim.nucleation import HUANG2024_NUCLEATION

    return HUANG2024_NUCLEATION


def _ccd_with_and_without_silver() -> dict:
    return {x: _ccd(**{n.P_SILVER_CONTENT: x})() for x in (0.6, 0.0)}


def _nucleation_overpotential(table) -> float:
    """Huang's definition [mV]: flat part (0.2 h) minus the bottom of the first 0.05 h of plating, >= 0."""
    t, V, i = table[n.TIME_H], table[n.VOLTAGE], table[n.CURRENT_DENSITY_MA]
    first = (i > 0) & (t < 1.0)
    return 1000 * max(0.0, float(np.interp(0.2, t[first], V[first]) - V[first][t[first] < 0.05].min()))


HUANG_KINDS = ("Li4Ag", "Li9Ag4", "Li")


def _symmetric() -> dict:
    out = {}
    for kind in HUANG_KINDS:
        t = _run(f"huang2024-symmetric-{kind.lower()}").table
        out[kind] = (_nucleation_overpotential(t), float(np.mean(np.abs(t[n.VOLTAGE][t[n.TIME_H] > 0.1]))))
    return out


def _huang_full() -> dict:
    out = {}
    for kind in HUANG_KINDS:
        q = np.asarray(_run(f"huang2024-full-{kind.lower()}").cycles[n.CYCLE_DISCHARGE_CAPACITY])
        out[kind] = 100 * q / q[0]
    return out


def _singh() -> float:
    import dataclasses

    from anodefree_sim.cases import get_case

    case = dataclasses.replace(get_case("li-lpscl-stripping"),
                               steps=(("Discharge at 0.2 mA.cm-2 for 30 hours or until -1 V",),))
    # the "contact" closure (the case itself now runs "mechanics", which keeps contact here: see
    # tests/test_contact_mechanics.py::test_singh_contact_lost_after_15_h_without_pressure)
    sol = _run(case, options={"stack pressure": "contact"}, overrides={n.P_STACK_PRESSURE: 0.1e6}).solution
    lost = sol[n.contact_fraction("counter")].entries < 0.1
    return float(sol.t[np.argmax(lost)] / 3600) if lost.any() else math.inf


def _kasemchainan() -> float:
    import pybamm

    from anodefree_sim.studies.ccd import critical_stripping_current

    return critical_stripping_current(pybamm.ParameterValues("Huang2024"), pressure=3e6, temperature=298.15)


def _mechanics() -> dict:
    """Void-growth onset of the "mechanics" option (Li | Li6PS5Cl, no solve) at 3 / 7 MPa, 25 / 60 C, and a
    Doux-like 1000 h cycling run at 5 MPa."""
    from anodefree_sim.studies.stripping import STRIPPED, run_mechanics, steady_onset_current

    sol = run_mechanics([("Discharge at 0.1 mA.cm-2 for 10 hours", "Charge at 0.1 mA.cm-2 for 10 hours")] * 50,
                        5e6)
    completed = sum(c is not None for c in sol.cycles) == 50 and sol[n.TIME_H].entries[-1] > 999.9
    return {"3": steady_onset_current(3e6), "7": steady_onset_current(7e6),
            "60C": steady_onset_current(3e6, 333.15),
            "doux": (float(sol[n.TIME_H].entries[-1]), completed
                     and sol[n.void_thickness(STRIPPED)].entries.max() < 1e-9)}


def _shorts_at_100_mpa(full: bool) -> Callable[[], dict]:
    def compute():
        import dataclasses

        from anodefree_sim.cases import get_case

        out = {}
        for kind in HUANG_KINDS:
            case = get_case(f"huang2024-{'full' if full else 'symmetric'}-{kind.lower()}")
            sol = _run(dataclasses.replace(case, steps=case.steps[:2]), options={"stack pressure": "contact"},
                       overrides={n.P_STACK_PRESSURE: 100e6}, allow_early_stop=True).solution
            out[kind] = "short circuit" in str(sol.termination).lower() or any(c is None for c in sol.cycles)
        return out

    return compute


#: shared computations; ``seconds``: wall time measured on the shared 2-core development machine
GROUPS: dict[str, Group] = {
    "cell-b": Group(_cell_b, 2), "cell-a": Group(_cell_a, 1), "conductivity": Group(_conductivity, 0),
    "bilayer": Group(_bilayer, 15), "ccd": Group(_ccd_with_and_without_silver, 25, True),
    "pouch": Group(_pouch, 9, True), "energy": Group(_energy, 1), "phases": Group(_phases, 0),
    "symmetric": Group(_symmetric, 3), "huang-full": Group(_huang_full, 12, True),
    "nucleation": Group(_nucleation, 0), "singh": Group(_singh, 1),
    "spencer-jolly": Group(_ccd(**{n.P_STACK_PRESSURE: 2e6}), 15, True), "kasemchainan": Group(_kasemchainan, 0),
    "huang-100MPa-symmetric": Group(_shorts_at_100_mpa(False), 3),
    "huang-100MPa-full": Group(_shorts_at_100_mpa(True), 8, True), "mechanics": Group(_mechanics, 10),
}


# ---------------------------------------------------------------- the declared targets
def _lower(lo, hi, unit=""):
    """(text, within) of 'lo is lower than hi'."""
    if lo is None or hi is None:
        return None, False
    return f"{lo:.4g}{unit} < {hi:.4g}{unit}" if lo < hi else f"{lo:.4g}{unit} (not < {hi:.4g}{unit})", lo < hi


def _order(values: dict, highest_first: bool = True):
    keys = sorted(values, key=values.get, reverse=highest_first)
    return " > ".join(keys) if highest_first else " < ".join(keys)


_DEAD_LI = "dead-Li law f_Ag = 0.029 at 60 C, h_isl = 0.25 um, Ea = 29.5 kJ/mol (tools/calibrate_dead_lithium.py)"
_K_FILM = "interphase growth k_f per anode (parameter_sets/huang2024.py ELECTRODES, tools/calibrate_interphase.py)"
_T1_FIT = ("Li-Ag alloy exchange-current density 30 A/m2 at 333 K with the Choi phase table "
           "(parameter_sets/choi2025.py, data/li_ag_phases_choi2025.csv); doped-layer areal mass = 0.51/235.7")
_HUANG_TABLE = "Huang 2024 phase table (parameter_sets/data/li_ag_phases_huang2024.csv)"
_CONDUCTIVITY = "Choi Fig. 1f / Supp. Fig. 7b / Fig. 2e table (data/argyrodite_conductivity_choi2025.csv)"
_HUANG_NUCLEATION = "Huang Fig. 2d-e values, transcribed (nucleation.HUANG2024_NUCLEATION)"
_PENETRATION = "penetration factor k = 0.017 (parameter_sets/_common.py STACK_PRESSURE)"
_EXP = {1.0: 79.4, 2.25: 211.6, 4.0: 381.2, 9.0: 929.1}
#: Huang 2024's DFT voltages 0.342/0.230/0.121/0.091/0.030 V "for the Ag, LiAg, Li9Ag4, Li4Ag, Li9Ag": each is the
#: step that lithiates the named phase into the next one, i.e. the plateau on which the next phase forms
#: (issue 10 item 9; parameter_sets/data/li_ag_phases_huang2024.csv)
_DFT = {"beta": 0.342, "gamma3": 0.230, "gamma2": 0.121, "gamma1": 0.091, "delta": 0.030}
_CAP = {"alpha": 207, "beta": 63, "gamma3": 214, "gamma2": 409, "gamma1": 797}
_RET = {"Li4Ag": (72.1, 49), "Li9Ag4": (58.8, 49), "Li": (10.8, 6)}
_C30 = {"Li4Ag": 157 / 184 * 100, "Li9Ag4": 121 / 183 * 100}


def _declared() -> list[Target]:
    T = Target
    out = [
        T("T1a", "Cell B exsolution plateau (mean over the middle of the exsolution capacity)", 1.8, "V",
          ("abs", 0.1), "fitted", "cell-b", lambda d: d["plateau"],
          "silver exsolution exchange-current density 30 A/m2 at 333 K (parameter_sets/choi2025.py); OCP 1.8 V"),
        T("T1b", "Cell B capacity at 1.2 V (exsolution, x F / M)", 48, "mA.h.g-1", ("abs", 3), "predicted",
          "cell-b", lambda d: d["spec_1.2"]),
        T("T1c", "Cell B capacity at 0.005 V", 236, "mA.h.g-1", ("abs", 15), "fitted", "cell-b",
          lambda d: d["spec_end"], _T1_FIT),
        T("T1d", "Cell B areal capacity at 0.005 V", 0.51, "mA.h.cm-2", ("abs", 0.05), "fitted", "cell-b",
          lambda d: d["q_end"], _T1_FIT),
        T("T1e", "Cell B dominant Li-Ag phases in order, ending in gamma2", "alpha > beta > gamma3 > gamma2", "",
          ("holds", "same sequence"), "fitted", "cell-b",
          lambda d: (d["phases"], d["phases"] == "alpha > beta > gamma3 > gamma2"),
          "Choi phase-table potentials shifted to the XRD points of Fig. 2c (data/li_ag_phases_choi2025.csv)"),
        T("T2a", "Cell A: highest voltage after 0.001 mAh/cm2 (no plateau, straight to ~0 V)", 0.0, "V",
          ("max", 0.1), "predicted", "cell-a", lambda d: d["v_max"]),
        T("T2b", "Cell A nucleation dip below the plating plateau", "present", "mV", ("min", 10), "predicted",
          "cell-a", lambda d: d["dip"]),
    ]
    for x, s in ((0.0, 2.0), (0.2, 1.7), (0.4, 1.5), (0.6, 1.3)):
        out.append(T(f"T3{'abcd'[int(round(5 * x))]}", f"ionic conductivity at 293 K, x = {x}", s, "mS.cm-1",
                     ("rel", 1e-6), "input", "conductivity", lambda d, x=x: d[f"sigma_{x}"], _CONDUCTIVITY))
    out += [
        T("T3e", "activation energy, x = 0", 0.36, "eV", ("rel", 1e-6), "input", "conductivity",
          lambda d: d["ea_0.0"], _CONDUCTIVITY),
        T("T3f", "activation energy, x = 0.6", 0.42, "eV", ("rel", 1e-6), "input", "conductivity",
          lambda d: d["ea_0.6"], _CONDUCTIVITY),
        T("T3g", "electronic conductivity before exsolution, x = 0.6", 1.3e-10, "S.cm-1", ("rel", 1e-6), "input",
          "conductivity", lambda d: d["sigma_e"], _CONDUCTIVITY),
        T("T3h", "ionic conductivity after exsolution, x = 0.6, 293 K", 1.0, "mS.cm-1", ("rel", 1e-6), "input",
          "conductivity", lambda d: d["sigma_ex"], _CONDUCTIVITY),
        T("T3i", "electronic conductivity after exsolution, x = 0.6", 2.5e-3, "S.cm-1", ("rel", 1e-6), "input",
          "conductivity", lambda d: d["sigma_e_ex"], _CONDUCTIVITY),
        T("T4a", "bilayer half cell x = 0.6: mean CE over 1000 cycles (fast-forward)", 99.7, "%", ("abs", 0.1),
          "fitted", "bilayer", lambda d: d["ce"], _DEAD_LI),
        T("T4b", "bilayer half cell x = 0: mean CE lower than x = 0.6", "lower", "%", ("holds", "lower"),
          "fitted", "bilayer", lambda d: _lower(d["ce0"], d["ce"]),
          "dead-Li fraction on bare SUS 0.13, assumed to keep x = 0 at ~98 % (parameter_sets/choi2025.py)"),
        T("T5a", "CCD of the x = 0.6 bilayer, 20 MPa, 60 C", 6.0, "mA.cm-2", ("abs", 0.6), "fitted", "ccd",
          lambda d: d[0.6], "critical local plating current density 6.2 mA/cm2 (parameter_sets/_common.py)"),
        T("T5b", "CCD without Ag (x = 0) lower (test: < half)", "lower", "mA.cm-2", ("holds", "< 0.5 x (x = 0.6)"),
          "fitted", "ccd", lambda d: _lower(d[0.0], None if d[0.6] is None else 0.5 * d[0.6]),
          "bare-SUS plating uniformity 0.3, assumed to set the x = 0 CCD (parameter_sets/choi2025.py)"),
        T("T6a", "pouch first discharge, 60 C", 7.0, "mA.h.cm-2", ("abs", 0.4), "input", "pouch",
          lambda d: d[60]["q"],
          "NCM811 loading 34.1 mg/cm2 = 7.0 mAh/cm2 / 205 mAh/g (choi2025.POUCH_ACTIVE_LOADING)"),
        T("T6b", "pouch first discharge per g NCM811, 60 C", 205, "mA.h.g-1", ("abs", 10), "predicted", "pouch",
          lambda d: d[60]["spec"]),
        T("T6c", "pouch first discharge per g NCM811, 30 C", 198.1, "mA.h.g-1", ("abs", 10), "predicted", "pouch",
          lambda d: d[30]["spec"]),
        T("T6d", "pouch retention after 50 cycles, 60 C", 95.0, "%", ("abs", 2.0), "fitted", "pouch",
          lambda d: d[60]["retention"], _DEAD_LI),
        T("T6e", "pouch retention after 50 cycles, 30 C", 87.4, "%", ("abs", 2.0), "fitted", "pouch",
          lambda d: d[30]["retention"], _DEAD_LI),
        T("T7", "pouch stack energy density, charged, no collectors or packaging", 1312, "W.h.L-1", ("rel", 0.05),
          "fitted", "energy", lambda d: d, "cathode composite porosity 0.11 (choi2025_pouch.CATHODE_POROSITY)"),
    ]
    for p, cap in _CAP.items():
        out.append(T(f"T8-{p}", f"Li-Ag capacity of the {p} phase (per g Ag)", cap, "mA.h.g-1", ("rel", 0.01),
                     "input", "phases", lambda d, p=p: d["table"].phase_capacity(p), _HUANG_TABLE))
    out.append(T("T8-window", "Li9Ag4 -> Li4Ag practical window (gamma3 start to gamma2 end)", 696, "mA.h.g-1",
                 ("rel", 0.01), "input", "phases", lambda d: d["window"], _HUANG_TABLE))
    for y, pct in _EXP.items():
        out.append(T(f"T8-V{y:g}", f"volume expansion at Li/Ag = {y:g}", pct, "%", ("abs", 2.0), "input", "phases",
                     lambda d, y=y: _expansion(d["table"], y), _HUANG_TABLE))
    for p, v in _DFT.items():
        out.append(T(f"T8-U{p}", f"DFT two-phase potential on which {p} forms", v, "V", ("abs", 2e-3), "input",
                     "phases",
                     lambda d, p=p: _plateau(d["table"], p), _HUANG_TABLE))
    out += [
        T("T8-Li4Ag", "foil ratio Li/Ag of 2.1 mg Li + 8.2 mg Ag (Li4Ag)", 4.0, "", ("abs", 0.05), "input",
          "phases", lambda d: d["Li4Ag"], "Huang 2024 Experimental foil masses (huang2024.Y_LI4AG)"),
        T("T8-Li9Ag4", "foil ratio Li/Ag of 1.2 mg Li + 8.2 mg Ag (Li9Ag4)", 2.25, "", ("abs", 0.05), "input",
          "phases", lambda d: d["Li9Ag4"], "Huang 2024 Experimental foil masses (huang2024.Y_LI9AG4)"),
        T("T9a", "symmetric Li4Ag nucleation overpotential", 0.0, "mV", ("abs", 1.0), "predicted", "symmetric",
          lambda d: d["Li4Ag"][0]),
        T("T9b", "symmetric Li9Ag4 nucleation overpotential", 0.0, "mV", ("abs", 1.0), "predicted", "symmetric",
          lambda d: d["Li9Ag4"][0]),
        T("T9c", "symmetric Li nucleation overpotential", 6.0, "mV", ("abs", 1.0), "input", "symmetric",
          lambda d: d["Li"][0], "Li nucleation overpotential 6 mV of Fig. 5a (huang2024.electrode_values)"),
        T("T9d", "mean polarisation: Li4Ag lowest", "Li4Ag lowest", "", ("holds", "Li4Ag first"), "input",
          "symmetric", _lowest_polarisation,
          "R_SEI and R_ct of the same cells, Huang Table S7 (huang2024.ELECTRODES)"),
    ]
    for kind, (ret, k) in _RET.items():
        out.append(T(f"T10-{kind}", f"{kind} full cell retention after {k + 1} cycles", ret, "%", ("abs", 1.0),
                     "fitted", "huang-full", lambda d, kind=kind, k=k: d[kind][k], _K_FILM))
    for kind, c30 in _C30.items():
        out.append(T(f"T10-{kind}-30", f"{kind} full cell capacity at cycle 30 (% of cycle 1)", round(c30, 1), "%",
                     ("abs", 10.0), "predicted", "huang-full", lambda d, kind=kind: d[kind][29]))
    out += [
        T("T10-order", "full-cell retention ordering", "Li4Ag > Li9Ag4 > Li", "", ("holds", "same order"),
          "fitted", "huang-full", _retention_order, _K_FILM),
        T("T11a", "eq. 6 barrier ratio Li / Li4Ag, recomputed from gamma-bar and the driving force",
          1.63e-2 / 1.36e-6, "", ("rel", 1e-6), "input", "nucleation", _barrier_ratio, _HUANG_NUCLEATION),
        T("T11b", "Delta G_nucle: orders of magnitude Li above the least favourable alloy", "3 to 5", "",
          ("range", 3.0, 5.0), "input", "nucleation",
          lambda d: min(math.log10(d["Li"].nucleation_barrier_kj_mol / d[p].nucleation_barrier_kj_mol)
                        for p in ("LiAg", "Li9Ag4", "Li4Ag", "Li9Ag")), _HUANG_NUCLEATION),
        T("E1", "Singh 2022: Li | Li6PS5Cl stripped at 0.2 mA/cm2 without pressure loses contact (0.1 MPa)", 15.4,
          "h", ("range", 15.4 / 1.5, 15.4 * 1.5), "predicted", "singh", lambda d: d),
        T("E2", "Spencer-Jolly 2023: Ag interlayer CCD at 2 MPa, 60 C (stable 2.0, shorts 2.5)", "2.0 to 2.5",
          "mA.cm-2", ("range", 2.0, 3.0), "predicted", "spencer-jolly", lambda d: d),
        T("E3", "Kasemchainan 2019: critical stripping current of Li | Li6PS5Cl at 3 MPa, 25 C", 0.2, "mA.cm-2",
          ("rel", 0.1), "fitted", "kasemchainan", lambda d: d,
          "creep resupply rate 1e-13 m/s at 1 MPa and diffusion prefactor (parameter_sets/_common.py)"),
        T("E4", "Huang 2024: symmetric cells at 100 MPa, only Li shorts", "Li", "", ("holds", "same cells"),
          "fitted", "huang-100MPa-symmetric", _shorted, _PENETRATION),
        T("E5", "Huang 2024 Fig. S6: full cells at 100 MPa, only Li shorts", "Li", "", ("holds", "same cells"),
          "fitted", "huang-100MPa-full", _shorted, _PENETRATION),
        T("E6", "Kasemchainan 2019: critical stripping current higher at 7 MPa than at 3 MPa ('mechanics')",
          "higher", "mA.cm-2", ("holds", "higher at 7 MPa"), "predicted", "mechanics",
          lambda d: _lower(d["3"], d["7"], " mA.cm-2")),
        T("E7", "critical stripping current of Li | Li6PS5Cl higher at 60 C than at 25 C, 3 MPa ('mechanics')",
          "higher", "mA.cm-2", ("holds", "higher at 60 C"), "predicted", "mechanics",
          lambda d: _lower(d["3"], d["60C"], " mA.cm-2")),
        T("E8", "Doux 2020: Li | Li6PS5Cl | Li at 5 MPa cycles > 1000 h, no voids ('mechanics', 0.1 mA/cm2 "
          "assumed)", 1000, "h", ("min", 1000 - 1e-3), "predicted", "mechanics",
          lambda d: d["doux"][0] if d["doux"][1] else 0.0),
    ]
    return out


def _expansion(table, y: float) -> float:
    return 100 * (table.molar_volume(y) / table.molar_volume(0.0) - 1)


def _lowest_polarisation(d):
    order = _order({k: v[1] for k, v in d.items()}, highest_first=False)
    return order, order.startswith("Li4Ag")


def _retention_order(d):
    order = _order({k: v[-1] for k, v in d.items()})
    return order, order == "Li4Ag > Li9Ag4 > Li"


def _plateau(table, phase: str) -> float:
    i = table.phases.index(phase)
    return float(table.ocp((table.y_max[i - 1] + table.y_min[i]) / 2))


def _barrier_ratio(d) -> float:
    from anodefree_sim import nucleation as nu

    w = {}
    for p in ("Li", "Li4Ag"):
        r = d[p]
        dgv = nu.back_out_driving_force(nu.kj_per_mol_to_joule_per_nucleus(r.nucleation_barrier_kj_mol),
                                        r.weighted_surface_energy, math.pi / 2)
        w[p] = nu.nucleation_barrier(r.weighted_surface_energy, dgv, math.pi / 2)
    return w["Li"] / w["Li4Ag"]


def _shorted(d):
    which = ", ".join(k for k, v in d.items() if v) or "none"
    return which, which == "Li"


TARGETS: tuple[Target, ...] = tuple(_declared())


# ---------------------------------------------------------------- evaluation and output
def _number(v):
    """JSON-safe model value: float, str, or None for missing/non-finite."""
    if v is None or isinstance(v, str):
        return v
    v = float(v)
    return v if math.isfinite(v) else None


def _within(t: Target, v) -> bool:
    kind, *a = t.tolerance
    if v is None or isinstance(v, str):
        return False
    return {"abs": lambda: abs(v - t.paper) <= a[0], "rel": lambda: abs(v - t.paper) <= a[0] * abs(t.paper),
            "range": lambda: a[0] <= v <= a[1], "max": lambda: v < a[0], "min": lambda: v > a[0]}[kind]()


def tolerance_text(t: Target) -> str:
    """The tolerance as printed: "±0.1", "±5 %", "2 to 3", "< 0.1", "> 10" or the text of a "holds" check."""
    kind, *a = t.tolerance
    return {"abs": lambda: f"±{a[0]:g}", "rel": lambda: f"±{100 * a[0]:g} %",
            "range": lambda: f"{a[0]:.3g} to {a[1]:.3g}", "max": lambda: f"< {a[0]:g}",
            "min": lambda: f"> {a[0]:g}", "holds": lambda: a[0]}[kind]()


def select(only: Sequence[str] | None = None, quick: bool = False) -> list[Target]:
    """Targets named in ``only`` (ids or their prefix before the letter, e.g. "T1" or "T1a"); else all,
    without the expensive groups when ``quick``. Unknown names raise ValueError listing the valid ones."""
    if not only:
        return [t for t in TARGETS if not (quick and GROUPS[t.group].expensive)]
    families = {re.match(r"[A-Z]+\d+", t.id).group() for t in TARGETS}
    chosen = []
    for name in only:
        hits = [t for t in TARGETS if name in (t.id, re.match(r"[A-Z]+\d+", t.id).group())]
        if not hits:
            raise ValueError(f"--only: unknown target '{name}'; valid: {', '.join(sorted(families))} or a full id")
        chosen += [t for t in hits if t not in chosen]
    return chosen


def evaluate(targets: Sequence[Target] | None = None) -> list[dict]:
    """Compute the model value of each target (each group once) and compare with the paper.

    Returns rows with the keys :data:`KEYS`. A computation that fails gives ``model value`` None and
    ``within tolerance`` False for its targets and a warning naming the error.
    """
    data, rows = {}, []
    for t in TARGETS if targets is None else targets:
        if t.group not in data:
            try:
                data[t.group] = GROUPS[t.group].compute()
            except Exception as err:  # a solver failure is a result here: reported, not raised
                warnings.warn(f"targets: {t.group} failed: {type(err).__name__}: {err}", stacklevel=2)
                data[t.group] = err
        got = None if isinstance(data[t.group], Exception) else t.read(data[t.group])
        value, ok = got if t.tolerance[0] == "holds" else (got, None)
        value = _number(value)
        rows.append({"target": f"{t.id} {t.text}", "paper value": t.paper, "model value": value, "unit": t.unit,
                     "tolerance": tolerance_text(t), "kind": t.kind,
                     "within tolerance": bool(ok) if t.tolerance[0] == "holds" else _within(t, value)})
    return rows


def _fmt(v) -> str:
    if v is None:
        return "not computed"
    return v if isinstance(v, str) else f"{0.0 if abs(v) < 1e-12 else v:.4g}"  # no -9e-16 for a zero


def markdown(rows: Sequence[dict]) -> str:
    """README table of evaluated rows (model values as computed, or as strings already formatted)."""
    by_id = {t.id: t for t in TARGETS}
    lines = ["| target | paper | model | unit | tolerance | kind | within | fitted to / given as |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        t = by_id[r["target"].split()[0]]
        ok = "yes" if r["within tolerance"] else "no"
        cells = [r["target"], _fmt(r["paper value"]), _fmt(r["model value"]), r["unit"], r["tolerance"],
                 r["kind"], ok, t.parameter]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    count = {k: sum(r["kind"] == k for r in rows) for k in KINDS}
    lines.append("")
    lines.append(f"{count['predicted']} of {len(rows)} targets are predicted, {count['fitted']} fitted "
                 f"(regression checks) and {count['input']} inputs.")
    return "\n".join(lines) + "\n"


def add_targets_arguments(p: argparse.ArgumentParser) -> None:
    """Arguments of ``anodefree-sim targets``."""
    slow = ", ".join(f"{k} ~{g.seconds:g} s" for k, g in GROUPS.items() if g.expensive)
    p.add_argument("--json", action="store_true", help="print a strict JSON list of objects with keys "
                   + ", ".join(KEYS))
    p.add_argument("--markdown", action="store_true", help="print the README table")
    p.add_argument("--only", default="", metavar="T1,T5", help="comma-separated target ids or families")
    p.add_argument("--quick", action="store_true",
                   help=f"skip the expensive computations unless named in --only ({slow}); the full run takes "
                        f"~{sum(g.seconds for g in GROUPS.values()):g} s on 2 cores")


def targets_from_args(args) -> int:
    """Run ``anodefree-sim targets``; exit 1 when a computation failed (its targets say 'not computed')."""
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    chosen = select(only, args.quick)
    start = time.perf_counter()
    rows = evaluate(chosen)
    if args.json:
        print(json.dumps(rows, allow_nan=False))
    elif args.markdown:
        print(markdown(rows), end="")
    else:
        for r in rows:
            print(f"{r['target'][:70]:70} {_fmt(r['paper value']):>22} {_fmt(r['model value']):>22} "
                  f"{r['unit']:9} {r['tolerance']:>14} {r['kind']:9} {'yes' if r['within tolerance'] else 'NO'}")
        print(f"{len(rows)} targets in {time.perf_counter() - start:.0f} s: "
              f"{sum(r['within tolerance'] for r in rows)} within tolerance, "
              f"{sum(r['kind'] == 'predicted' for r in rows)} predicted", file=sys.stderr)
    return 1 if any(r["model value"] is None for r in rows) else 0
