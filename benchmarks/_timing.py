"""Helpers shared by the benchmark scripts: timing rows, error lines and a process warm-up."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

import pybamm


@dataclass
class Timings:
    """Label, first-solve time and re-solve times of one benchmarked simulation [s]."""

    label: str
    first: float = float("nan")
    times: list = field(default_factory=list)
    error: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def best(self) -> float:
        return min(self.times) if self.times else float("nan")


def describe(exc: Exception) -> str:
    """One line naming an exception (informational rows must not stop a benchmark)."""
    first_line = (str(exc).strip().splitlines() or [""])[0]
    return f"{type(exc).__name__}: {first_line[:200]}"


def warm_up_process() -> None:
    """Solve dy/dt = -y once so that one-off casadi / IDAKLU start-up costs are paid here."""
    model = pybamm.BaseModel("warm-up")
    y = pybamm.Variable("y")
    model.rhs = {y: -y}
    model.initial_conditions = {y: 1}
    model.variables = {"y": y}
    pybamm.Simulation(model, solver=pybamm.IDAKLUSolver()).solve([0, 1])
