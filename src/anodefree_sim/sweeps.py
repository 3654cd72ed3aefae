"""Parameter sweeps over a named case: specification, sampling, metrics, fast solves, resumable runs.

    spec = SweepSpec("choi2025-cell-b", {"Doped layer silver content": {"range": [0.1, 0.6], "num": 6}})
    table = run_sweep(spec, out_dir="sweep-x", workers=2)      # pandas DataFrame, one row per case

A :class:`SweepSpec` only stores its arguments; :meth:`SweepSpec.cases` draws the cases and
:func:`run_sweep` does the work. Swept parameters are PyBaMM ``[input]`` parameters whenever the model
allows it (one build, many solves), temperatures included (as the ``"Cell temperature [K]"`` input); the
electrode area and the current density (which the experiment fixes at build time) and any parameter PyBaMM
rejects as an input are rebuilt once per distinct value.
Results go to a folder (see :mod:`anodefree_sim.sweep_store`) chunk by chunk; ``resume=True`` computes only
the missing cases. A case whose solve fails is a row with status ``"failed"`` and its error message.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import itertools
import json
import math
import multiprocessing
import os
import re
import sys
import threading
import time
import warnings
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

import numpy as np
import pandas as pd

from anodefree_sim import _names as n
from anodefree_sim import sweep_store as store

SAMPLINGS = ("grid", "random", "latin-hypercube")
DISTRIBUTIONS = ("uniform", "loguniform", "normal")
SOLVE_TIME = "Solve time [s]"

#: Pseudo-parameter that sweeps the case's current density [mA.cm-2]: every "at X mA.cm-2" of its protocol
#: is rewritten (capacities and cut-offs kept). The experiment sets the current, so each value is a rebuild.
CURRENT_DENSITY = n.CURRENT_DENSITY_MA
#: parameters fixed when the simulation is built (the areal experiment is converted with the area, the protocol
#: sets the current density): rebuilt once per distinct value. Temperatures are [input]s ("Ambient temperature
#: [K]" and "Initial temperature [K]" both set the "Cell temperature [K]" input, see
#: :func:`anodefree_sim.simulation.parameters_as_inputs`).
REBUILD_PARAMETERS = frozenset({n.P_AREA, CURRENT_DENSITY})
_AT_CURRENT_DENSITY = re.compile(r"\bat\s+[0-9.eE+-]+\s*mA\.cm-2")


def with_current_density(case, current_density: float):
    """The case with every areal current density of its protocol set to ``current_density`` [mA.cm-2]."""
    if not current_density > 0:
        raise ValueError(f"'{CURRENT_DENSITY}' must be > 0, got {current_density}")

    def sub(step):
        if isinstance(step, tuple):
            return tuple(sub(x) for x in step)
        return _AT_CURRENT_DENSITY.sub(f"at {current_density:g} mA.cm-2", step)

    flat = [x for st in case.steps for x in (st if isinstance(st, tuple) else (st,))]
    if not any(_AT_CURRENT_DENSITY.search(x) for x in flat):
        raise ValueError(f"case '{case.name}' has no 'at ... mA.cm-2' step whose current density could be swept")
    return dataclasses.replace(case, steps=tuple(sub(st) for st in case.steps))


# ------------------------------------------------------------------------------------------ metrics
def _capacity(result) -> np.ndarray:
    return np.asarray(result.table[n.CAPACITY_AREAL], dtype=float)


def _voltage(result) -> np.ndarray:
    return np.asarray(result.table[n.VOLTAGE], dtype=float)


def discharge_capacity(result) -> float:
    """Charge passed at the end of the run (first-step sign) [mA.h.cm-2]."""
    return float(_capacity(result)[-1])


def specific_capacity(result) -> float:
    """Final specific capacity [mA.h.g-1] (per g of doped SE or of cathode); NaN without a mass."""
    values = result.table.get("Specific capacity [mA.h.g-1]")
    return float(values[-1]) if values is not None else math.nan


def plateau_voltage(result) -> float:
    """Median voltage while 25-75 % of the lattice Ag exsolves; without exsolution, voltage at mid-capacity."""
    V, q = _voltage(result), _capacity(result)
    f = result.table.get(n.EXSOLVED_FRACTION)
    if f is not None:
        window = (np.asarray(f) >= 0.25) & (np.asarray(f) <= 0.75)
        if window.any():
            return float(np.median(V[window]))
    return float(np.interp(q[-1] / 2, q, V)) if q[-1] > q[0] else float(V[0])


def capacity_at_1p2_v(result) -> float:
    """Capacity when the voltage first reaches 1.2 V [mA.h.cm-2] (Choi 2025 Fig. 2b); NaN if never."""
    V, q = _voltage(result), _capacity(result)
    below = np.nonzero(V <= 1.2)[0]
    if below.size == 0:
        return math.nan
    k = below[0]
    if k == 0:
        return float(q[0])
    return float(np.interp(1.2, [V[k], V[k - 1]], [q[k], q[k - 1]]))


def final_voltage(result) -> float:
    return float(_voltage(result)[-1])


def minimum_voltage(result) -> float:
    return float(np.min(_voltage(result)))


def mean_coulombic_efficiency(result) -> float:
    """Mean CE over the cycles [%]; NaN for single-cycle cases."""
    from anodefree_sim.cycling import COULOMBIC_EFFICIENCY

    if result.cycles is None:
        return math.nan
    ce = np.asarray(result.cycles[COULOMBIC_EFFICIENCY], dtype=float)
    return float(np.nanmean(ce)) if np.isfinite(ce).any() else math.nan


def capacity_retention(result) -> float:
    """Retention of the last cycle [%]; NaN for single-cycle cases."""
    from anodefree_sim.cycling import RETENTION

    if result.cycles is None:
        return math.nan
    return float(np.asarray(result.cycles[RETENTION], dtype=float)[-1])


def solve_time(result) -> float:
    """Time the solver took [s] (PyBaMM's own count, without set-up)."""
    return float(result.solution.solve_time.value)


#: name -> function of a :class:`~anodefree_sim.simulation.CaseResult` returning a float
METRICS: dict[str, Callable] = {
    "Discharge capacity [mA.h.cm-2]": discharge_capacity,
    "Specific capacity [mA.h.g-1]": specific_capacity,
    "Capacity at 1.2 V [mA.h.cm-2]": capacity_at_1p2_v,
    "Plateau voltage [V]": plateau_voltage,
    "Final voltage [V]": final_voltage,
    "Minimum voltage [V]": minimum_voltage,
    "Mean coulombic efficiency [%]": mean_coulombic_efficiency,
    "Capacity retention [%]": capacity_retention,
    SOLVE_TIME: solve_time,
}

DEFAULT_METRICS = ("Discharge capacity [mA.h.cm-2]", "Plateau voltage [V]", "Final voltage [V]", SOLVE_TIME)


# ------------------------------------------------------------------------------------------ spec
@dataclass
class SweepSpec:
    """What to sweep (stores its arguments only; :meth:`cases` and :func:`run_sweep` do the work).

    Parameters
    ----------
    case : str
        Named case (``anodefree_sim.cases.CASES``).
    parameters : dict
        ``{"Parameter name [unit]": entry}`` with ``entry`` one of ``{"values": [...]}``,
        ``{"range": [lo, hi], "num": n, "scale": "linear" | "log"}`` (``num`` for grids only), or
        ``{"distribution": "uniform" | "loguniform", "low": a, "high": b}`` /
        ``{"distribution": "normal", "mean": m, "std": s[, "low": a, "high": b]}`` (random / LHS only).
    sampling : {"grid", "random", "latin-hypercube"}
        Full factorial grid, independent random draws, or a Latin hypercube of ``samples`` points.
    samples : int, optional
        Number of cases for random and Latin-hypercube sampling.
    seed : int
        Seed of the random draws (same seed, same cases).
    metrics : list of str, optional
        Names from :data:`METRICS` (default :data:`DEFAULT_METRICS`).
    overrides : dict, optional
        Parameter values fixed for every case of the sweep.
    """

    case: str
    parameters: dict
    sampling: str = "grid"
    samples: int | None = None
    seed: int = 0
    metrics: list | None = None
    overrides: dict = field(default_factory=dict)

    # ---- serialisation
    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> SweepSpec:
        unknown = set(data) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            expected = [f.name for f in dataclasses.fields(cls)]
            raise ValueError(f"unknown sweep spec keys {sorted(unknown)}; expected {expected}")
        if "case" not in data or "parameters" not in data:
            raise ValueError("a sweep spec needs 'case' and a [parameters] table")
        return cls(**data)

    def to_toml(self, path: str | Path | None = None) -> str:
        """The spec as TOML text; also written (atomically) to ``path`` when given."""
        text = _spec_toml(self)
        if path is not None:
            store.atomic_write_text(text, path)
        return text

    @classmethod
    def from_toml(cls, path: str | Path) -> SweepSpec:
        """Read a spec written by :meth:`to_toml` or by hand (``anodefree-sim sweep --example``)."""
        try:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as err:
            raise ValueError(f"{path}: invalid TOML: {err}") from None
        return cls.from_dict(data)

    @classmethod
    def from_toml_string(cls, text: str) -> SweepSpec:
        try:
            return cls.from_dict(tomllib.loads(text))
        except tomllib.TOMLDecodeError as err:
            raise ValueError(f"invalid TOML: {err}") from None

    # ---- cases
    def metric_names(self) -> list[str]:
        names = list(DEFAULT_METRICS if self.metrics is None else self.metrics)
        unknown = [m for m in names if m not in METRICS]
        if unknown:
            raise ValueError(f"unknown metric(s) {unknown}; available: {list(METRICS)}")
        return names

    def cases(self) -> list[dict]:
        """The cases of the sweep: ``[{"index": i, "id": str, "inputs": {name: float}}]``.

        Ids are stable (:func:`case_id`); a case repeated by the sampling is kept once.
        """
        return [{"index": i, "id": case_id(self.case, inputs, self.overrides), "inputs": inputs}
                for i, inputs in enumerate(_unique(self, sample_inputs(self)))]


def _unique(spec: SweepSpec, rows: list[dict]) -> list[dict]:
    seen, out = set(), []
    for row in rows:
        key = case_id(spec.case, row, spec.overrides)
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def _round(value: float) -> str:
    return format(float(value), ".12g")


def case_id(case: str, inputs: dict, overrides: dict | None = None) -> str:
    """Stable id of a case: hash of the case name, the fixed overrides and the inputs (12 significant digits)."""
    payload = {
        "case": case,
        "inputs": {k: _round(v) for k, v in sorted(inputs.items())},
        "overrides": {k: _round(v) if isinstance(v, (int, float)) else str(v)
                      for k, v in sorted((overrides or {}).items())},
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def _check_entry(name: str, entry) -> str:
    """Validate one parameter entry; returns its kind ("values", "range" or "distribution")."""
    if not isinstance(entry, dict):
        raise ValueError(f"parameter '{name}': expected a table with 'values', 'range' or 'distribution'")
    kinds = [k for k in ("values", "range", "distribution") if k in entry]
    if len(kinds) != 1:
        raise ValueError(f"parameter '{name}': give exactly one of 'values', 'range', 'distribution'")
    kind = kinds[0]
    allowed = {"values": {"values"}, "range": {"range", "num", "scale"},
               "distribution": {"distribution", "low", "high", "mean", "std"}}[kind]
    extra = set(entry) - allowed
    if extra:
        raise ValueError(f"parameter '{name}': unexpected key(s) {sorted(extra)} for a '{kind}' entry")
    if kind == "values":
        values = entry["values"]
        if not isinstance(values, list) or not values or not all(_is_number(v) for v in values):
            raise ValueError(f"parameter '{name}': 'values' must be a non-empty list of numbers")
    elif kind == "range":
        rng = entry["range"]
        if not (isinstance(rng, list) and len(rng) == 2 and all(_is_number(v) for v in rng) and rng[0] <= rng[1]):
            raise ValueError(f"parameter '{name}': 'range' must be [low, high] with low <= high")
        scale = entry.get("scale", "linear")
        if scale not in ("linear", "log"):
            raise ValueError(f"parameter '{name}': 'scale' must be 'linear' or 'log', got '{scale}'")
        if scale == "log" and rng[0] <= 0:
            raise ValueError(f"parameter '{name}': a log range needs low > 0")
    else:
        dist = entry["distribution"]
        if dist not in DISTRIBUTIONS:
            raise ValueError(f"parameter '{name}': distribution must be one of {DISTRIBUTIONS}, got '{dist}'")
        need = ("mean", "std") if dist == "normal" else ("low", "high")
        missing = [k for k in need if not _is_number(entry.get(k))]
        if missing:
            raise ValueError(f"parameter '{name}': a {dist} distribution needs numbers {list(need)}")
        if dist == "normal" and not entry["std"] > 0:
            raise ValueError(f"parameter '{name}': 'std' must be > 0")
        if dist != "normal" and not entry["low"] < entry["high"]:
            raise ValueError(f"parameter '{name}': needs low < high")
        if dist == "loguniform" and entry["low"] <= 0:
            raise ValueError(f"parameter '{name}': a loguniform distribution needs low > 0")
    return kind


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _grid_values(name: str, entry: dict) -> list[float]:
    if "values" in entry:
        return [float(v) for v in entry["values"]]
    if "range" in entry:
        num = entry.get("num")
        if not isinstance(num, int) or isinstance(num, bool) or num < 1:
            raise ValueError(f"parameter '{name}': grid sampling of a range needs an integer 'num' >= 1")
        lo, hi = (float(v) for v in entry["range"])
        space = np.geomspace if entry.get("scale", "linear") == "log" else np.linspace
        return [float(v) for v in space(lo, hi, num)] if num > 1 else [lo]
    raise ValueError(f"parameter '{name}': grid sampling needs 'values' or 'range' "
                     "(use sampling = 'random' or 'latin-hypercube' for distributions)")


def _from_unit(name: str, entry: dict, u: np.ndarray) -> np.ndarray:
    """Map uniform [0, 1) numbers to values of a parameter entry (inverse CDF)."""
    if "values" in entry:
        values = np.asarray(entry["values"], dtype=float)
        return values[np.minimum((u * len(values)).astype(int), len(values) - 1)]
    if "range" in entry:
        lo, hi = (float(v) for v in entry["range"])
        if entry.get("scale", "linear") == "log":
            return np.exp(np.log(lo) + u * (np.log(hi) - np.log(lo)))
        return lo + u * (hi - lo)
    dist = entry["distribution"]
    if dist == "uniform":
        return entry["low"] + u * (entry["high"] - entry["low"])
    if dist == "loguniform":
        lo, hi = math.log(entry["low"]), math.log(entry["high"])
        return np.exp(lo + u * (hi - lo))
    from scipy import stats

    mean, std = float(entry["mean"]), float(entry["std"])
    a = (entry["low"] - mean) / std if "low" in entry else -np.inf
    b = (entry["high"] - mean) / std if "high" in entry else np.inf
    return stats.truncnorm.ppf(u, a, b, loc=mean, scale=std)


def sample_inputs(spec: SweepSpec) -> list[dict]:
    """The list of input dicts of a spec (before de-duplication), in a reproducible order."""
    if not isinstance(spec.case, str) or not spec.case:
        raise ValueError("sweep spec: 'case' must be a case name")
    if not isinstance(spec.parameters, dict) or not spec.parameters:
        raise ValueError("sweep spec: 'parameters' must name at least one parameter to sweep")
    if spec.sampling not in SAMPLINGS:
        raise ValueError(f"sweep spec: sampling must be one of {SAMPLINGS}, got '{spec.sampling}'")
    for name, entry in spec.parameters.items():
        _check_entry(name, entry)
    names = list(spec.parameters)
    if spec.sampling == "grid":
        if spec.samples is not None:
            raise ValueError("sweep spec: 'samples' is for random and latin-hypercube sampling, not grids")
        axes = [_grid_values(k, spec.parameters[k]) for k in names]
        return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*axes)]
    N = spec.samples
    if not isinstance(N, int) or isinstance(N, bool) or N < 1:
        raise ValueError(f"sweep spec: {spec.sampling} sampling needs an integer 'samples' >= 1")
    if spec.sampling == "random":
        u = np.random.default_rng(spec.seed).random((N, len(names)))
    else:
        from scipy.stats import qmc

        u = qmc.LatinHypercube(d=len(names), seed=np.random.default_rng(spec.seed)).random(N)
    columns = [_from_unit(k, spec.parameters[k], u[:, j]) for j, k in enumerate(names)]
    return [{k: float(columns[j][i]) for j, k in enumerate(names)} for i in range(N)]


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return "nan" if math.isnan(v) else ("inf" if v == math.inf else "-inf" if v == -math.inf else repr(v))
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise ValueError(f"cannot write {v!r} ({type(v).__name__}) to TOML")


def _spec_toml(spec: SweepSpec) -> str:
    lines = ["# anodefree-sim parameter sweep (anodefree-sim sweep --example documents every key)",
             f"case = {_toml_value(spec.case)}", f"sampling = {_toml_value(spec.sampling)}"]
    if spec.samples is not None:
        lines.append(f"samples = {_toml_value(spec.samples)}")
    lines.append(f"seed = {_toml_value(spec.seed)}")
    if spec.metrics is not None:
        lines.append(f"metrics = {_toml_value(list(spec.metrics))}")
    if spec.overrides:
        lines += ["", "[overrides]"] + [f"{json.dumps(k)} = {_toml_value(v)}" for k, v in spec.overrides.items()]
    if not isinstance(spec.parameters, dict):
        raise ValueError("sweep spec: 'parameters' must be a table")
    for name, entry in spec.parameters.items():
        lines += ["", f"[parameters.{json.dumps(name)}]"]
        lines += [f"{json.dumps(k)} = {_toml_value(v)}" for k, v in entry.items()]
    return "\n".join(lines) + "\n"


EXAMPLE_SPEC = '''\
# Example sweep specification for `anodefree-sim sweep SPEC.toml --out DIR`.
# Every [parameters."..."] table is one swept parameter (names as in `anodefree-sim run --set`).

case = "choi2025-cell-b"        # a named case (`anodefree-sim list`)
sampling = "grid"               # "grid" (full factorial), "random" or "latin-hypercube"
# samples = 200                 # number of cases: random and latin-hypercube only
seed = 0                        # random and latin-hypercube draws are reproducible from the seed
# Recorded for every case (the status, error message and case id are always recorded):
metrics = ["Discharge capacity [mA.h.cm-2]", "Capacity at 1.2 V [mA.h.cm-2]", "Plateau voltage [V]",
           "Final voltage [V]", "Solve time [s]"]
# Other metrics: "Specific capacity [mA.h.g-1]", "Minimum voltage [V]",
# "Mean coulombic efficiency [%]", "Capacity retention [%]" (cycling cases).

# Values fixed for every case (optional):
# [overrides]
# "Electrode area [m2]" = 1e-4

# A range: `num` evenly spaced values on a grid ("scale" = "linear" or "log");
# random / latin-hypercube draw uniformly (or log-uniformly) inside it.
[parameters."Doped layer silver content"]
range = [0.2, 0.6]
num = 5

# An explicit list of values.
[parameters."Silver exsolution open-circuit potential [V]"]
values = [1.7, 1.8, 1.9]

# Distributions (random / latin-hypercube only):
# [parameters."Silver exsolution exchange-current density [A.m-2]"]
# distribution = "loguniform"   # "uniform"/"loguniform" (low, high); "normal" (mean, std[, low, high])
# low = 0.1
# high = 10.0
'''


# ------------------------------------------------------------------------------------------ solving
#: per-process cache of built simulations: key -> (simulation, concrete parameter values)
_SIMULATIONS: OrderedDict = OrderedDict()
_MAX_CACHED = 32
#: (case name, parameter) pairs this process found PyBaMM cannot take as inputs
_NOT_INPUTS: set = set()
#: one case at a time per process: the cached simulations (and ``warnings.catch_warnings``) are not
#: thread-safe, and a Dask worker runs several tasks in threads unless started with ``--nthreads 1``
_CASE_LOCK = threading.Lock()


def _freeze(d: dict) -> tuple:
    return tuple(sorted((k, _round(v) if isinstance(v, (int, float)) else str(v)) for k, v in d.items()))


def _simulation(case, fixed: dict, input_names: tuple):
    """The (cached) simulation of a case with ``fixed`` values and ``input_names`` as [input]s, and its
    parameter values (the inputs as ``pybamm.InputParameter``)."""
    from anodefree_sim.simulation import build_simulation

    key = (case.name, case.steps, _freeze(fixed), input_names)
    if key in _SIMULATIONS:
        _SIMULATIONS.move_to_end(key)
        return _SIMULATIONS[key]
    _SIMULATIONS[key] = build_simulation(case, fixed, inputs=input_names)
    while len(_SIMULATIONS) > _MAX_CACHED:
        _SIMULATIONS.popitem(last=False)
    return _SIMULATIONS[key]


def _solve(case, overrides: dict, inputs: dict, as_inputs: tuple):
    """CaseResult of one case; ``as_inputs`` are the swept names passed as PyBaMM inputs."""
    from anodefree_sim.checks import check_parameter_values
    from anodefree_sim.cycling import cycle_summary
    from anodefree_sim.simulation import CaseResult, _check_complete, check_inputs, first_step_sign, input_values

    if CURRENT_DENSITY in inputs:
        case = with_current_density(case, inputs[CURRENT_DENSITY])
        inputs = {k: v for k, v in inputs.items() if k != CURRENT_DENSITY}
    fixed = {**overrides, **{k: v for k, v in inputs.items() if k not in as_inputs}}
    sim, pv = _simulation(case, fixed, as_inputs)
    fast = check_inputs({k: inputs[k] for k in as_inputs})  # by input name, range-checked
    pv_case = input_values(pv, fast)
    if fast:
        check_parameter_values(pv_case)
    solution = sim.solve(inputs=fast or None)
    _check_complete(case, solution)
    table = lean_table(solution, pv_case, first_step_sign(case), full_cell=case.full_cell)
    cycles = None
    if len(case.steps) > 1 and isinstance(case.steps[0], tuple):
        cycles = cycle_summary(solution, pv_case[n.P_AREA], case.lithiating_sign)
    return CaseResult(case, pv_case, solution, table, cycles)


def lean_table(solution, parameter_values, sign: float = 1.0, full_cell: bool = False) -> dict:
    """The columns of :func:`~anodefree_sim.simulation.solution_table` the metrics use, on the same time grid.

    (Evaluating all ~20 columns took 60 % of a sweep case; a custom metric can read more from
    ``result.solution``.)
    """
    from anodefree_sim import simulation as s

    t = np.union1d(solution.t, np.linspace(solution.t[0], solution.t[-1], s.OUTPUT_POINTS))

    def at(name):
        return np.broadcast_to(np.asarray(solution[name](t), dtype=float).squeeze(), t.shape)

    table = {n.TIME_H: t / 3600, n.VOLTAGE: at(n.VOLTAGE), n.CAPACITY_AREAL: sign * at(n.CAPACITY_AREAL)}
    mass = s._cathode_mass_g_per_cm2(parameter_values) if full_cell else s._doped_mass_g_per_cm2(parameter_values)
    if mass > 0:
        table["Specific capacity [mA.h.g-1]"] = table[n.CAPACITY_AREAL] / mass
    try:
        table[n.EXSOLVED_FRACTION] = at(n.EXSOLVED_FRACTION)
    except KeyError:
        pass
    return table


def _run_case(case, overrides: dict, inputs: dict, metrics: list[str]) -> dict:
    """One row: metrics, status, error message, warnings."""
    import pybamm

    as_inputs = tuple(k for k in inputs if k not in REBUILD_PARAMETERS and (case.name, k) not in _NOT_INPUTS)
    row = dict.fromkeys(metrics, math.nan)
    row.update({store.STATUS: store.OK, store.ERROR: "", store.WARNINGS: ""})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            try:
                result = _solve(case, overrides, inputs, as_inputs)
            except (pybamm.SolverError, ValueError):
                raise
            except Exception:
                if not as_inputs:
                    raise
                # PyBaMM may refuse a parameter as an input (geometry, experiment): rebuild instead,
                # and remember it if the rebuilt solve works
                _SIMULATIONS.clear()
                result = _solve(case, overrides, inputs, ())
                _NOT_INPUTS.update((case.name, k) for k in as_inputs)
            for m in metrics:
                row[m] = float(METRICS[m](result))
        except Exception as err:  # recorded, the sweep goes on
            row[store.STATUS] = store.FAILED
            row[store.ERROR] = f"{type(err).__name__}: {str(err).strip()}"[:2000]
            if not isinstance(err, ValueError) and _SIMULATIONS:
                # a failed solve may leave its simulation (the most recently used) in a bad state
                _SIMULATIONS.popitem(last=True)
    messages = list(dict.fromkeys(str(w.message).splitlines()[0] for w in caught if str(w.message).strip()))
    row[store.WARNINGS] = "; ".join(messages)[:1000]
    return row


def _columns(spec: SweepSpec) -> list[str]:
    return [store.INDEX, store.ID, *spec.parameters, *spec.metric_names(), store.STATUS, store.ERROR,
            store.WARNINGS]


def _run_chunk(spec_data: dict, chunk: list[dict]) -> list[dict]:
    """Rows of a chunk of cases (runs in a worker process or in the caller)."""
    from anodefree_sim.cases import get_case

    spec = SweepSpec.from_dict(spec_data)
    case = get_case(spec.case)
    metrics = spec.metric_names()
    rows = []
    for item in chunk:
        row = {store.INDEX: item["index"], store.ID: item["id"], **item["inputs"]}
        with _CASE_LOCK:
            row.update(_run_case(case, dict(spec.overrides), item["inputs"], metrics))
        rows.append(row)
    return rows


def _chunks(spec: SweepSpec, todo: list[dict], size: int) -> list[list[dict]]:
    """Cases grouped by the values that need a rebuild, then cut into chunks of ``size``."""
    rebuild = [k for k in spec.parameters if k in REBUILD_PARAMETERS]
    groups: dict = {}
    for item in todo:
        groups.setdefault(tuple(item["inputs"][k] for k in rebuild), []).append(item)
    return [g[i:i + size] for g in groups.values() for i in range(0, len(g), size)]


# ------------------------------------------------------------------------------------------ progress
class _Progress:
    """done / failed / rate / ETA on stderr (tqdm when installed)."""

    def __init__(self, total: int, initial: int, enabled: bool):
        self.total, self.done, self.failed, self.enabled = total, initial, 0, enabled
        self.start, self.new, self._bar, self._last = time.perf_counter(), 0, None, 0.0
        if enabled:
            try:
                from tqdm import tqdm
            except ImportError:
                tqdm = None
            if tqdm is not None:
                self._bar = tqdm(total=total, initial=initial, unit="case", file=sys.stderr,
                                 dynamic_ncols=True, smoothing=0.1)

    def update(self, rows: list[dict]) -> None:
        k = len(rows)
        self.done += k
        self.new += k
        self.failed += sum(r[store.STATUS] != store.OK for r in rows)
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.set_postfix(failed=self.failed, refresh=False)
            self._bar.update(k)
            return
        now = time.perf_counter()
        if now - self._last > 0.5 or self.done == self.total:
            self._last = now
            rate = self.new / max(now - self.start, 1e-9)
            eta = (self.total - self.done) / rate if rate > 0 else math.inf
            print(f"\r{self.done}/{self.total} done, {self.failed} failed, {rate:.1f} cases/s, "
                  f"ETA {_hms(eta)}", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        elif self.enabled:
            print(file=sys.stderr)


def _hms(seconds: float) -> str:
    if not math.isfinite(seconds):
        return "?"
    s = int(round(seconds))
    return f"{s // 3600:d}:{s // 60 % 60:02d}:{s % 60:02d}"


# ------------------------------------------------------------------------------------------ run
@dataclass
class SweepStats:
    """Counts of the last :func:`run_sweep` call (for summaries)."""

    total: int = 0
    skipped: int = 0
    computed: int = 0
    failed: int = 0
    seconds: float = 0.0


#: statistics of the last run in this process (read by :func:`sweep_command` for its summary)
last_stats = SweepStats()


def _check_names(spec: SweepSpec) -> None:
    """Unknown case / parameter names fail before anything runs (one clear line)."""
    from anodefree_sim.cases import get_case
    from anodefree_sim.simulation import case_parameter_values

    pv = case_parameter_values(get_case(spec.case), dict(spec.overrides))
    fixed_by_protocol = [k for k in (*spec.parameters, *spec.overrides) if k == n.P_CURRENT]
    if fixed_by_protocol:
        # every case has an experiment, whose steps set the current: the value would be silently ignored
        raise ValueError(f"'{n.P_CURRENT}' cannot be swept or overridden: the experiment of case '{spec.case}' "
                         "sets the current (areal current density x electrode area)")
    for name in spec.parameters:
        if name == CURRENT_DENSITY:
            with_current_density(get_case(spec.case), 1.0)  # the case must have an areal current
            continue
        if name not in pv.keys():
            import difflib

            close = difflib.get_close_matches(name, list(pv.keys()), n=3)
            hint = f"; did you mean {close}?" if close else ""
            raise ValueError(f"unknown parameter '{name}' for case '{spec.case}'{hint}")


def _prepare_store(spec: SweepSpec, out_dir: Path, resume: bool) -> None:
    spec_path = out_dir / store.SPEC_FILE
    if spec_path.exists():
        stored = SweepSpec.from_toml(spec_path)
        if not resume:
            if store.part_files(out_dir):
                raise ValueError(f"{out_dir} already holds sweep results; pass --resume or choose another --out")
        elif SweepSpec.from_toml_string(spec.to_toml()).to_dict() != stored.to_dict():
            raise ValueError(f"{out_dir}: the spec differs from the one this folder was started with "
                             f"({spec_path}); use a new --out")
    elif store.part_files(out_dir):
        raise ValueError(f"{out_dir} holds result parts but no {store.SPEC_FILE}; use a new --out")
    store.remove_temporary_files(out_dir)
    spec.to_toml(spec_path)


def run_sweep(
    spec: SweepSpec,
    out_dir: str | Path | None = None,
    workers: int = 1,
    resume: bool = False,
    scheduler: str | None = None,
    progress: bool = True,
    retry_failed: bool = False,
    chunk_size: int | None = None,
) -> pd.DataFrame:
    """Run every case of a sweep and return the table (one row per case, sorted by case index).

    Parameters
    ----------
    spec : SweepSpec
        The sweep.
    out_dir : path, optional
        Folder for the spec and the result parts (written chunk by chunk). Without it, the results are
        only returned.
    workers : int
        Local processes (1: run in this process).
    resume : bool
        Continue a sweep in ``out_dir``: only the cases without a row are computed.
    scheduler : str, optional
        Address of a Dask scheduler (``pip install 'anodefree_sim[dask]'``), e.g. ``"tcp://host:8786"``;
        replaces local workers (see :func:`_run_dask` for a cluster set-up). This process sends the cases
        and writes the result parts, so ``out_dir`` needs no shared file system.
    progress : bool
        Progress bar on stderr (done / failed / rate / ETA).
    retry_failed : bool
        On resume, compute the failed cases again.
    chunk_size : int, optional
        Cases per task and per part file (default: about 20 tasks per worker, at most 50 cases).

    Returns
    -------
    pandas.DataFrame
        Columns: case index and id, the swept inputs, the metrics, status (``"ok"`` / ``"failed"``),
        error message and warnings.
    """
    global last_stats
    if not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be an integer >= 1, got {workers!r}")
    cases = spec.cases()
    spec.metric_names()
    _check_names(spec)
    columns = _columns(spec)
    out = Path(out_dir) if out_dir is not None else None
    if resume and out is None:
        raise ValueError("resume needs the sweep folder (out_dir / --out)")
    done: set[str] = set()
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        _prepare_store(spec, out, resume)
        if resume:
            done = store.completed_ids(out, include_failed=not retry_failed)
    todo = [c for c in cases if c["id"] not in done]
    n_tasks = workers if scheduler is None else 8
    size = chunk_size or max(1, min(50, math.ceil(len(todo) / (20 * n_tasks))))
    chunks = _chunks(spec, todo, size)
    stats = SweepStats(total=len(cases), skipped=len(cases) - len(todo))
    bar = _Progress(len(cases), len(cases) - len(todo), progress)
    memory: list[dict] = []
    start = time.perf_counter()

    def finished(rows: list[dict]) -> None:
        if out is not None:
            store.write_part(out, rows, columns)
        else:
            memory.extend(rows)
        bar.update(rows)

    try:
        if scheduler is not None:
            _run_dask(scheduler, spec, chunks, finished)
        elif workers == 1 or len(chunks) <= 1:
            for chunk in chunks:
                finished(_run_chunk(spec.to_dict(), chunk))
        else:
            _run_local(workers, spec, chunks, finished)
    finally:
        bar.close()
        stats.computed, stats.failed = bar.new, bar.failed
        stats.seconds = time.perf_counter() - start
        last_stats = stats
    if out is None:
        table = pd.DataFrame(memory, columns=columns).sort_values(store.INDEX, kind="stable")
        return table.reset_index(drop=True)
    table = store.read_results(out)
    store.write_results(out, table)
    return table


def _run_local(workers: int, spec: SweepSpec, chunks: list, finished: Callable) -> None:
    context = multiprocessing.get_context("spawn")  # fork after PyBaMM / IDAKLU threads is not safe
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_exit_with_parent,
                               initargs=(os.getpid(),))
    try:
        futures = [pool.submit(_run_chunk, spec.to_dict(), chunk) for chunk in chunks]
        for future in as_completed(futures):
            finished(future.result())
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _exit_with_parent(parent: int) -> None:
    """In a worker: exit when the sweep process dies (a SIGKILLed parent would leave idle workers behind)."""
    import threading

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _run_dask(scheduler: str, spec: SweepSpec, chunks: list, finished: Callable) -> None:
    """Run the chunks on the Dask cluster whose scheduler is at ``scheduler``.

    Using an existing cluster (every machine needs the same Python environment with ``anodefree_sim``
    and ``dask[distributed]`` installed)::

        dask scheduler --port 8786                       # e.g. on an HPC login node; prints tcp://HOST:8786
        dask worker tcp://HOST:8786 --nworkers 8 --nthreads 1 --memory-limit 4GB   # in each batch job
        anodefree-sim sweep SPEC.toml --out DIR --scheduler tcp://HOST:8786      # where DIR is kept

    or ``run_sweep(spec, out_dir, scheduler="tcp://HOST:8786")``. Start workers with ``--nthreads 1``
    and one worker process per core (``--nworkers``): a worker process runs one case at a time (its
    cached simulations are not thread-safe), so extra threads add nothing. A local test cluster:
    ``LocalCluster(n_workers=2, threads_per_worker=1, processes=True).scheduler_address``. Each worker
    process builds a simulation once and re-solves it for every later case; a resumed sweep may use
    another cluster. Custom metrics added to :data:`METRICS` at run time exist only in this process:
    the workers know the metrics of modules they import.
    """
    try:
        from dask.distributed import Client
        from dask.distributed import as_completed as dask_completed
    except ImportError:
        raise ImportError("running a sweep on a Dask cluster needs dask.distributed: "
                          "pip install 'anodefree_sim[dask]'") from None
    client = Client(scheduler)
    try:
        futures = client.map(_run_chunk, [spec.to_dict()] * len(chunks), chunks, pure=False)
        for future in dask_completed(futures):
            finished(future.result())
    finally:
        client.close()


# ------------------------------------------------------------------------------------------ CLI
def add_sweep_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Arguments of ``anodefree-sim sweep`` (for a subparser of the main CLI)."""
    parser.add_argument("spec", nargs="?", metavar="SPEC.toml", help="sweep specification (see --example)")
    parser.add_argument("--out", metavar="DIR", help="folder for spec.toml, parts/ and results.parquet")
    parser.add_argument("--workers", type=int, default=1, metavar="N", help="local processes (default 1)")
    parser.add_argument("--scheduler", metavar="ADDR",
                        help="Dask scheduler address (pip install 'anodefree_sim[dask]')")
    parser.add_argument("--resume", action="store_true", help="continue an interrupted sweep in --out")
    parser.add_argument("--retry-failed", action="store_true", help="with --resume: recompute failed cases")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--example", action="store_true", help="print a commented example spec and exit")
    return parser


def sweep_from_args(args: argparse.Namespace) -> int:
    """Run ``anodefree-sim sweep`` from parsed arguments; prints a summary; returns the exit status."""
    if args.example:
        print(EXAMPLE_SPEC, end="")
        return 0
    if not args.spec:
        raise ValueError("sweep needs a SPEC.toml (anodefree-sim sweep --example prints one)")
    if not args.out:
        raise ValueError("sweep needs --out DIR (the folder for the results)")
    if args.workers < 1:
        raise ValueError(f"--workers must be >= 1, got {args.workers}")
    spec = SweepSpec.from_toml(args.spec)
    table = run_sweep(spec, out_dir=args.out, workers=args.workers, resume=args.resume,
                      scheduler=args.scheduler, progress=not args.no_progress, retry_failed=args.retry_failed)
    s = last_stats
    ok = int((table[store.STATUS] == store.OK).sum())
    rate = s.computed / s.seconds if s.seconds > 0 else math.nan
    print(f"{len(table)} of {s.total} cases recorded: {ok} ok, {len(table) - ok} failed "
          f"({s.computed} computed in {s.seconds:.1f} s, {rate:.1f} cases/s; {s.skipped} already done)")
    print(f"results: {Path(args.out) / (store.RESULTS_STEM + store.part_suffix())}")
    return 0


def sweep_command(argv: list[str] | None = None) -> int:
    """``anodefree-sim sweep SPEC.toml --out DIR [--workers N] [--scheduler ADDR] [--resume] [--example]``.

    Bad input raises ``ValueError`` with one clear line (the main CLI prints it and exits with 2).
    """
    parser = add_sweep_arguments(argparse.ArgumentParser(
        prog="anodefree-sim sweep", description="Run a parameter sweep of a named case (resumable)."))
    return sweep_from_args(parser.parse_args(argv))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(sweep_command())
