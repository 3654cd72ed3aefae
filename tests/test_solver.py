"""The default solver class (models/solver.py): re-solves equal PyBaMM's own solver to the bit."""

from __future__ import annotations

import dataclasses

import numpy as np
import pybamm
import pytest
from anodefree_sim.models.solver import AnodeFreeSolver, default_solver

from anodefree_sim.cases import get_case
from anodefree_sim.simulation import build_simulation

X = "Doped layer silver content"


def _solves(solver_class, case, inputs_seq, names=()):
    sim, _ = build_simulation(case, solver=default_solver(solver_class=solver_class), inputs=names)
    return [sim.solve(inputs=inputs) for inputs in inputs_seq], sim


def _same(a, b) -> bool:
    return np.array_equal(a.t, b.t) and np.array_equal(np.asarray(a.y), np.asarray(b.y))


@pytest.mark.parametrize("names, inputs_seq", [
    ((), [None, None, None]),
    ((X,), [{X: 0.4}, {X: 0.25}, {X: 0.55}, {X: 0.4}]),
])
def test_re_solves_equal_pybamm_solver_to_the_bit(names, inputs_seq):
    """Cell B solved again (with the same or other [input] values, which change the initial state): every
    solution of AnodeFreeSolver equals pybamm.IDAKLUSolver's exactly, and the initial conditions were
    converted once, at the first solve."""
    ours, sim = _solves(AnodeFreeSolver, "choi2025-cell-b", inputs_seq, names)
    theirs, _ = _solves(pybamm.IDAKLUSolver, "choi2025-cell-b", inputs_seq, names)
    assert all(_same(a, b) for a, b in zip(ours, theirs, strict=True))
    if names:  # the initial lattice silver follows x
        assert ours[1].y[:, 0].tolist() != ours[0].y[:, 0].tolist()
        assert _same(ours[0], ours[3])
    model = sim.steps_to_built_models[next(iter(sim.steps_to_built_models))]
    assert model._anodefree_converted_ics[0] is model.concatenated_initial_conditions


def test_multi_cycle_re_solve_equal_to_the_bit():
    """Three plate/strip cycles of the bilayer case solved twice: the second solve starts from the initial
    conditions again (not from the last state) and equals PyBaMM's solver exactly."""
    case = get_case("choi2025-bilayer-cycling")
    case = dataclasses.replace(case, steps=case.steps[:6])
    ours, _ = _solves(AnodeFreeSolver, case, [None, None])
    theirs, _ = _solves(pybamm.IDAKLUSolver, case, [None, None])
    assert _same(ours[1], theirs[1]) and _same(ours[0], ours[1])


def test_changed_initial_conditions_are_converted_again():
    """A model whose initial-condition expression is replaced (another object, here a 2.2 V instead of a
    2.3 V rest potential) goes through PyBaMM's full conversion: the new initial state is used, not the
    converted old one."""
    from anodefree_sim import names as n

    sim, _ = build_simulation("choi2025-cell-b")
    first = sim.solve()
    model = sim.steps_to_built_models[next(iter(sim.steps_to_built_models))]
    y0 = model.concatenated_initial_conditions.evaluate().ravel().copy()
    (E,) = [v for v in model.y_slices if v.name == n.surface_potential("negative")]
    k = model.y_slices[E][0].start
    assert first.y[k, 0] * E.scale.evaluate() == pytest.approx(2.3)
    y0[k] = 2.2 / E.scale.evaluate()
    model.concatenated_initial_conditions = pybamm.Vector(y0)
    again = sim.solve()
    assert model._anodefree_converted_ics[0] is model.concatenated_initial_conditions
    assert again.y[k, 0] * E.scale.evaluate() == pytest.approx(2.2)


def _double_layer_current(solution, electrode: str) -> float:
    from anodefree_sim import names as n

    return float(solution[n.reaction_current(electrode, n.DOUBLE_LAYER)].entries[0])


def test_consistent_start_begins_where_the_double_layers_carry_no_current():
    """Cell B with start="consistent": at t = 0 each electrode's double-layer current is zero to
    1e-6 of the applied 10 A/m2 (from the 2.3 V rest it carries all of it), the run takes fewer adaptive
    steps (the ~1e-2 s double-layer discharge is not resolved) and its capacity and end time move by less
    than the answer rule's 1e-4 floor (measured: -5.5e-6, the double-layer charge 0.2 F/m2 x 0.51 V);
    re-solving gives the same solution."""
    runs = {}
    for start in ("rest", "consistent"):
        sim, _ = build_simulation("choi2025-cell-b", start=start)
        runs[start] = (sim.solve(), sim.solve())
    rest, consistent = runs["rest"][0], runs["consistent"][0]
    assert _same(*runs["consistent"])
    for electrode in ("negative", "counter"):
        assert abs(_double_layer_current(rest, electrode)) > 1.0
        assert abs(_double_layer_current(consistent, electrode)) < 1e-5
    assert consistent.solver_statistics.number_of_steps < 0.85 * rest.solver_statistics.number_of_steps
    q = [abs(s["Discharge capacity [A.h]"].entries[-1]) for s in (rest, consistent)]
    assert q[1] == pytest.approx(q[0], rel=1e-4)
    assert consistent.t[-1] == pytest.approx(rest.t[-1], rel=1e-4)


def test_start_must_be_consistent_or_rest():
    with pytest.raises(ValueError, match="start must be one of"):
        build_simulation("choi2025-cell-b", start="settled")
