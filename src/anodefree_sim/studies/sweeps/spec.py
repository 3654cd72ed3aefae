"""What a sweep runs: :class:`SweepSpec` (TOML in and out), sampling (grid, random, Latin hypercube), case ids.

    spec = SweepSpec("choi2025-cell-b", {"Doped layer silver content": {"range": [0.1, 0.6], "num": 6}})
    spec.cases()    # [{"index": 0, "id": "...", "inputs": {"Doped layer silver content": 0.1}}, ...]
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

import numpy as np
from scipy import stats
from scipy.stats import qmc

from anodefree_sim.files import atomic_write_text
from anodefree_sim.studies.sweeps.metrics import DEFAULT_METRICS, METRICS

SAMPLINGS = ("grid", "random", "latin-hypercube")
DISTRIBUTIONS = ("uniform", "loguniform", "normal")


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
            atomic_write_text(text, path)
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


