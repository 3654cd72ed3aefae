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
