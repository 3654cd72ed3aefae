"""Run a named case: parameter values, areal protocol, PyBaMM simulation, tidy output table.

    result = run_case("choi2025-cell-b")          # CaseResult: solution, table, per-cycle table, outcome
    result.write_csv("cell-b.csv")

One job per module: :mod:`.inputs` (overrides and ``[input]`` parameters), :mod:`.build` (the simulation of a
case), :mod:`.run` (solve and tabulate: :func:`run_case`, :func:`solve_case`), :mod:`.tables` (the output
table, one column evaluator with a column selection), :mod:`.recorder` (per-cycle records of long runs) and
:mod:`.writers` (CSV / Parquet). Everything public is importable from ``anodefree_sim.simulation``.
"""

from anodefree_sim.models.solver import default_solver
from anodefree_sim.outcomes import (
    EVENT_OUTCOMES,
    Outcome,
    StepEventError,
    event_outcome,
    infeasible_steps,
    outcome_of,
    step_outcome,
    step_outcomes,
)
from anodefree_sim.simulation.build import CaseSimulation, build_simulation
from anodefree_sim.simulation.inputs import (
    INPUT_ALIASES,
    case_parameter_values,
    check_inputs,
    input_name,
    input_values,
    parameters_as_inputs,
    parse_assignment,
)
from anodefree_sim.simulation.recorder import CycleRecorder, StepTapSolver
from anodefree_sim.simulation.run import (
    CaseResult,
    first_step_sign,
    is_multi_cycle,
    run_case,
    solve_case,
)
from anodefree_sim.simulation.tables import (
    OUTPUT_POINTS,
    SELECTED_CYCLES,
    TABLE_VARIABLES,
    cycles_table,
    selected_cycles,
    solution_table,
    table_at,
)
from anodefree_sim.simulation.writers import PARQUET_SUFFIX, parquet_available, write_csv, write_table

__all__ = [
    "EVENT_OUTCOMES",
    "INPUT_ALIASES",
    "OUTPUT_POINTS",
    "PARQUET_SUFFIX",
    "SELECTED_CYCLES",
    "TABLE_VARIABLES",
    "CaseResult",
    "CaseSimulation",
    "CycleRecorder",
    "Outcome",
    "StepEventError",
    "StepTapSolver",
    "build_simulation",
    "case_parameter_values",
    "check_inputs",
    "cycles_table",
    "default_solver",
    "event_outcome",
    "first_step_sign",
    "infeasible_steps",
    "input_name",
    "input_values",
    "is_multi_cycle",
    "outcome_of",
    "parameters_as_inputs",
    "parquet_available",
    "parse_assignment",
    "run_case",
    "selected_cycles",
    "solution_table",
    "solve_case",
    "step_outcome",
    "step_outcomes",
    "table_at",
    "write_csv",
    "write_table",
]
