"""The computations behind the paper targets, each shared by several targets (:data:`GROUPS`)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from anodefree_sim import names as n

SPECIFIC = n.SPECIFIC_CAPACITY


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
    return cell_b_values(_run("choi2025-cell-b"))


def cell_b_values(r) -> dict:
    """Cell B's T1 values read off the solution's interpolant (:mod:`anodefree_sim.simulation.reading`), not off
    table rows: 1.2 V crossing by root finding (capacity there ``q_1.2`` [mA.h.cm-2]), plateau [V] as the
    capacity-weighted mean voltage between 25 % and 75 % of that capacity, phase order on a uniform grid.

    Parameters
    ----------
    r : CaseResult
        A run of ``choi2025-cell-b`` (any solver settings).
    """
    from anodefree_sim.simulation import reading as rd

    V, Q, spec = (rd.column(r, c) for c in (n.VOLTAGE, n.CAPACITY_AREAL, SPECIFIC))
    t0, t1 = float(r.solution.t[0]), float(r.solution.t[-1])
    tk = rd.crossing(V, 1.2, t0, t1)
    qk = float(Q(tk)[0])
    lo, hi = (rd.crossing(Q, f * qk, t0, tk) for f in (0.25, 0.75))
    t = np.linspace(t0, t1, rd.DENSE_POINTS)
    grid = rd.columns_at(r, t, [n.EXSOLVED_FRACTION, *(n.phase_fraction("negative", p) for p in n.PHASES)])
    frac = np.vstack([grid[n.phase_fraction("negative", p)] for p in n.PHASES])
    dom = np.argmax(frac[:, grid[n.EXSOLVED_FRACTION] > 0.5], axis=0)
    seen = [n.PHASES[d] for i, d in enumerate(dom) if i == 0 or d != dom[i - 1]]
    return {"plateau": rd.mean(V, lo, hi, weight=Q), "q_1.2": qk, "spec_1.2": float(spec(tk)[0]),
            "spec_end": float(spec(t1)[0]), "q_end": float(Q(t1)[0]), "phases": " > ".join(seen)}


def _cell_a() -> dict:
    """Cell A: highest voltage after 1 uAh/cm2 and the dip below the plating plateau (median voltage over the
    capacity beyond 0.5 mAh/cm2 minus the minimum), both on the solution's interpolant."""
    from anodefree_sim.simulation import reading as rd

    r = _run("choi2025-cell-a")
    V, Q = rd.column(r, n.VOLTAGE), rd.column(r, n.CAPACITY_AREAL)
    t0, t1 = float(r.solution.t[0]), float(r.solution.t[-1])
    after = rd.crossing(Q, 1e-3, t0, t1)
    plating = rd.crossing(Q, 0.5, t0, t1)
    return {"v_max": rd.extremum(V, after, t1, lowest=False)[1],
            "dip": 1000 * (rd.median(V, plating, t1) - rd.extremum(V, t0, t1)[1])}


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


def _ccd(case: str = "choi2025-ccd", **overrides) -> Callable[[], float | None]:
    """The CCD of the staircase ``case`` (default: the mixed-conducting layer's, predicted; the run is
    :func:`~anodefree_sim.studies.ccd.ccd_run`'s, shared with the tests and the CLI)."""
    def compute():
        from anodefree_sim.studies.ccd import CCD, run_ccd

        return run_ccd(case, overrides)[CCD]

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


def _nucleation_overpotential(result) -> float:
    """Huang's definition [mV]: flat part (0.2 h) minus the bottom of the first 0.05 h of plating, >= 0; read
    off the solution's interpolant (the bottom by a bounded minimisation, not the lowest table row)."""
    from anodefree_sim.simulation import reading as rd

    table, V = result.table, rd.column(result, n.VOLTAGE)
    t, i = table[n.TIME_H], table[n.CURRENT_DENSITY_MA]
    first = t[(i > 0) & (t < 1.0)] * 3600
    flat = float(V(0.2 * 3600)[0])
    bottom = rd.extremum(V, first[0], min(0.05 * 3600, first[-1]))[1]
    return 1000 * max(0.0, flat - bottom)


HUANG_KINDS = ("Li4Ag", "Li9Ag4", "Li")


def _symmetric() -> dict:
    """Nucleation overpotential and time-averaged |V| after 0.1 h of each Huang symmetric cell."""
    from anodefree_sim.simulation import reading as rd

    out = {}
    for kind in HUANG_KINDS:
        r = _run(f"huang2024-symmetric-{kind.lower()}")
        V = rd.column(r, n.VOLTAGE)
        out[kind] = (_nucleation_overpotential(r),
                     rd.mean(lambda t, V=V: np.abs(V(t)), 0.1 * 3600, float(r.solution.t[-1])))
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
    from anodefree_sim.simulation import reading as rd

    r = _run(case, options={"stack pressure": "contact"}, overrides={n.P_STACK_PRESSURE: 0.1e6})
    lost = rd.crossing(rd.column(r, n.contact_fraction("counter")), 0.1, float(r.solution.t[0]),
                       float(r.solution.t[-1]))
    return lost / 3600 if lost is not None else math.inf


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
        from anodefree_sim.simulation import StepEventError

        out = {}
        for kind in HUANG_KINDS:
            case = get_case(f"huang2024-{'full' if full else 'symmetric'}-{kind.lower()}")
            # the cases' own "mechanics" option: at 100 MPa > p_c = K_Ic / sqrt(pi a) (92 MPa, 2 um flaws) a Li
            # foil's filled flaws crack at the first plating current, so the event can fire at the first step
            try:
                sol = _run(dataclasses.replace(case, steps=case.steps[:2]), overrides={n.P_STACK_PRESSURE: 100e6},
                           allow_early_stop=True).solution
            except StepEventError as err:
                out[kind] = err.outcome.outcome == n.OUTCOME_SHORT_CIRCUIT
                continue
            out[kind] = "short circuit" in str(sol.termination).lower() or any(c is None for c in sol.cycles)
        return out

    return compute


#: shared computations; ``seconds``: wall time measured on the shared 2-core development machine
GROUPS: dict[str, Group] = {
    "cell-b": Group(_cell_b, 2), "cell-a": Group(_cell_a, 1), "conductivity": Group(_conductivity, 0),
    "bilayer": Group(_bilayer, 15), "ccd": Group(_ccd_with_and_without_silver, 200, True),
    "pouch": Group(_pouch, 9, True), "energy": Group(_energy, 1), "phases": Group(_phases, 0),
    "symmetric": Group(_symmetric, 3), "huang-full": Group(_huang_full, 12, True),
    "nucleation": Group(_nucleation, 0), "singh": Group(_singh, 1),
    # E2 on the lumped layer: the mixed-conducting staircase fails to converge at 2 MPa (IDA_CONV_FAIL, 2026-11-29)
    "spencer-jolly": Group(_ccd("choi2025-ccd-lumped", **{n.P_STACK_PRESSURE: 2e6}), 15, True),
    "kasemchainan": Group(_kasemchainan, 0),
    "huang-100MPa-symmetric": Group(_shorts_at_100_mpa(False), 3),
    "huang-100MPa-full": Group(_shorts_at_100_mpa(True), 8, True), "mechanics": Group(_mechanics, 10),
}
