"""Parameter sweeps over a named case: what to run (:mod:`.spec`), what to record (:mod:`.metrics`), running
it (:mod:`.run`) and the resumable on-disk store (:mod:`.store`).

    from anodefree_sim.studies.sweeps import SweepSpec, run_sweep
    spec = SweepSpec("choi2025-cell-b", {"Doped layer silver content": {"range": [0.1, 0.6], "num": 6}})
    table = run_sweep(spec, out_dir="sweep-x", workers=2)      # pandas DataFrame, one row per case
"""

from anodefree_sim.studies.sweeps.metrics import COLUMNS, DEFAULT_METRICS, METRICS, SOLVE_TIME
from anodefree_sim.studies.sweeps.run import (
    CURRENT_DENSITY,
    REBUILD_PARAMETERS,
    STATISTICS,
    SweepStats,
    can_be_input,
    run_sweep,
)
from anodefree_sim.studies.sweeps.spec import EXAMPLE_SPEC, SweepSpec, case_id, sample_inputs

__all__ = [
    "COLUMNS",
    "CURRENT_DENSITY",
    "DEFAULT_METRICS",
    "EXAMPLE_SPEC",
    "METRICS",
    "REBUILD_PARAMETERS",
    "SOLVE_TIME",
    "STATISTICS",
    "SweepSpec",
    "SweepStats",
    "can_be_input",
    "case_id",
    "run_sweep",
    "sample_inputs",
]
