"""Running a sweep: one build per case and rebuild group, many solves with [input]s, local or Dask workers.

    table = run_sweep(spec, out_dir="sweep-x", workers=2)      # pandas DataFrame, one row per case
    table.attrs["sweep statistics"]                             # SweepStats of this run

Swept parameters are PyBaMM ``[input]`` parameters when :func:`can_be_input` says so (one build, many solves),
temperatures included (as the ``"Cell temperature [K]"`` input); the others (:data:`REBUILD_PARAMETERS`,
function-valued parameters, the geometry of a resolved doped layer) are rebuilt once per distinct value.
Results go to a folder (see :mod:`anodefree_sim.studies.sweeps.store`) chunk by chunk; ``resume=True`` computes
only the missing cases. A case whose solve fails is a row with status ``"failed"`` and its error message.
"""

from __future__ import annotations

import difflib
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
import warnings
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pybamm

from anodefree_sim import names as n
from anodefree_sim.cases import get_case
from anodefree_sim.protocols import with_current_density
from anodefree_sim.simulation import build_simulation, case_parameter_values, is_multi_cycle, solve_case
from anodefree_sim.studies.sweeps import store
from anodefree_sim.studies.sweeps.metrics import BUILT_IN, COLUMNS, METRICS, OUTPUT_VARIABLES
from anodefree_sim.studies.sweeps.spec import SweepSpec, _round

#: Pseudo-parameter that sweeps the case's current density [mA.cm-2]: every "at X mA.cm-2" of its protocol
#: is rewritten (capacities and cut-offs kept). The experiment sets the current, so each value is a rebuild.
CURRENT_DENSITY = n.CURRENT_DENSITY_MA
#: parameters fixed when the simulation is built (the areal experiment is converted with the area, the protocol
#: sets the current density): rebuilt once per distinct value. Temperatures are [input]s ("Ambient temperature
#: [K]" and "Initial temperature [K]" both set the "Cell temperature [K]" input, see
#: :func:`anodefree_sim.simulation.parameters_as_inputs`).
REBUILD_PARAMETERS = frozenset({n.P_AREA, CURRENT_DENSITY})


def can_be_input(case, name: str, parameter_values: pybamm.ParameterValues, options: dict | None = None) -> bool:
    """Whether a swept parameter can be a PyBaMM ``[input]`` of the case's model (one build, many solves).

    Declared, not discovered: no if it is in :data:`REBUILD_PARAMETERS`, if its value in the set is not a
    number (a function of temperature, an OCP curve: a number would replace the function) or if it sets the
    model's geometry (the resolved doped layer's thickness defines its mesh).
    """
    if name in REBUILD_PARAMETERS or name == n.INPUT_TEMPERATURE:
        return name == n.INPUT_TEMPERATURE
    if name in (n.P_TEMPERATURE, n.P_INITIAL_TEMPERATURE):
        return True
    value = parameter_values[name] if name in parameter_values.keys() else None
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return False
    model_options = {**case.options, **(options or {})}
    return not (name == n.P_DOPED_THICKNESS and model_options.get("silver exsolution") == "resolved")


# ------------------------------------------------------------------------------------------ solving
#: per-process cache of built simulations: key -> (simulation, concrete parameter values)
_SIMULATIONS: OrderedDict = OrderedDict()
_MAX_CACHED = 32
#: one case at a time per process: the cached simulations (and ``warnings.catch_warnings``) are not
#: thread-safe, and a Dask worker runs several tasks in threads unless started with ``--nthreads 1``
_CASE_LOCK = threading.Lock()


def _freeze(d: dict) -> tuple:
    return tuple(sorted((k, _round(v) if isinstance(v, (int, float)) else str(v)) for k, v in d.items()))


def _simulation(case, fixed: dict, input_names: tuple, output_variables: tuple | None = None):
    """The (cached) simulation of a case with ``fixed`` values and ``input_names`` as [input]s, and its
    parameter values (the inputs as ``pybamm.InputParameter``); ``output_variables``: the only variables the
    solver evaluates (:func:`~anodefree_sim.simulation.build_simulation`), None for all."""
    key = (case.name, case.steps, _freeze(fixed), input_names, output_variables)
    if key in _SIMULATIONS:
        _SIMULATIONS.move_to_end(key)
        return _SIMULATIONS[key]
    _SIMULATIONS[key] = build_simulation(case, fixed, inputs=input_names, output_variables=output_variables)
    while len(_SIMULATIONS) > _MAX_CACHED:
        _SIMULATIONS.popitem(last=False)
    return _SIMULATIONS[key]


def output_variables(case, metrics) -> tuple | None:
    """The variables a sweep's solver evaluates: :data:`~anodefree_sim.studies.sweeps.metrics.OUTPUT_VARIABLES`
    when every metric is a built-in one and the case is a single cycle (its metrics read only the table of
    :data:`~anodefree_sim.studies.sweeps.metrics.COLUMNS`); None (every variable) for a custom metric, which
    may read any variable of ``result.solution``, and for multi-cycle cases (their per-cycle table)."""
    if is_multi_cycle(case) or any(METRICS[m] is not BUILT_IN.get(m) for m in metrics):
        return None
    return OUTPUT_VARIABLES


def _solve(case, overrides: dict, inputs: dict, as_inputs: tuple, outputs: tuple | None = None):
    """CaseResult of one case (:func:`~anodefree_sim.simulation.solve_case` of the cached simulation, the
    metrics' :data:`~anodefree_sim.studies.sweeps.metrics.COLUMNS` only, linear between the solver's points);
    ``as_inputs`` are the swept names passed as PyBaMM inputs, ``outputs`` as for :func:`_simulation`."""
    if CURRENT_DENSITY in inputs:
        case = with_current_density(case, inputs[CURRENT_DENSITY])
        inputs = {k: v for k, v in inputs.items() if k != CURRENT_DENSITY}
    fixed = {**overrides, **{k: v for k, v in inputs.items() if k not in as_inputs}}
    sim, pv = _simulation(case, fixed, as_inputs, outputs)
    return solve_case(case, sim, pv, {k: inputs[k] for k in as_inputs}, columns=COLUMNS, interpolation="linear")


def _run_case(case, overrides: dict, inputs: dict, metrics: list[str], as_inputs: tuple) -> dict:
    """One row: metrics, status, error message, warnings; ``as_inputs``: the swept names passed as [input]s."""
    as_inputs = tuple(k for k in inputs if k in as_inputs)
    row = dict.fromkeys(metrics, math.nan)
    row.update({store.STATUS: store.OK, store.ERROR: "", store.WARNINGS: ""})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = _solve(case, overrides, inputs, as_inputs, output_variables(case, metrics))
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


#: per-process cache of :func:`input_names` (building the parameter values costs ~13 ms, paid once per chunk)
_INPUT_NAMES: dict = {}


def input_names(spec: SweepSpec) -> tuple:
    """The swept parameters of ``spec`` that are passed as [input]s (:func:`can_be_input`); the others rebuild."""
    key = (spec.case, _freeze(dict(spec.overrides)), tuple(spec.parameters))
    if key not in _INPUT_NAMES:
        case = get_case(spec.case)
        pv = case_parameter_values(case, dict(spec.overrides))
        _INPUT_NAMES[key] = tuple(k for k in spec.parameters if can_be_input(case, k, pv))
    return _INPUT_NAMES[key]


def _run_chunk(spec_data: dict, chunk: list[dict]) -> list[dict]:
    """Rows of a chunk of cases (runs in a worker process or in the caller)."""
    spec = SweepSpec.from_dict(spec_data)
    case = get_case(spec.case)
    metrics = spec.metric_names()
    as_inputs = input_names(spec)
    rows = []
    for item in chunk:
        row = {store.INDEX: item["index"], store.ID: item["id"], **item["inputs"]}
        with _CASE_LOCK:
            row.update(_run_case(case, dict(spec.overrides), item["inputs"], metrics, as_inputs))
        rows.append(row)
    return rows


def _chunks(spec: SweepSpec, todo: list[dict], size: int) -> list[list[dict]]:
    """Cases grouped by the values that need a rebuild, then cut into chunks of ``size``."""
    as_inputs = input_names(spec)
    rebuild = [k for k in spec.parameters if k not in as_inputs]
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
#: key of ``table.attrs`` holding the :class:`SweepStats` of the :func:`run_sweep` call that returned the table
STATISTICS = "sweep statistics"


@dataclass
class SweepStats:
    """Counts of one :func:`run_sweep` call (``table.attrs["sweep statistics"]``)."""

    total: int = 0
    skipped: int = 0
    computed: int = 0
    failed: int = 0
    seconds: float = 0.0


def _check_names(spec: SweepSpec) -> None:
    """Unknown case / parameter names fail before anything runs (one clear line)."""
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
        Local processes computing cases, this one included (1: only this one; n: this one and n - 1 worker
        processes, see :func:`_run_local`).
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
        error message and warnings. ``table.attrs["sweep statistics"]``: the :class:`SweepStats` of this call.
    """
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
    if out is None:
        table = pd.DataFrame(memory, columns=columns).sort_values(store.INDEX, kind="stable")
        table = table.reset_index(drop=True)
    else:
        table = store.read_results(out)
        store.write_results(out, table)
    table.attrs[STATISTICS] = stats
    return table


def _run_local(workers: int, spec: SweepSpec, chunks: list, finished: Callable) -> None:
    """Run the chunks on ``workers`` processes: this one and ``workers - 1`` worker processes.

    The calling process has PyBaMM imported (and often the simulation built), so it computes chunks from the
    start while the workers start (import and build: several seconds each). Each worker first gets one chunk;
    only once that is back (the worker is warm) does it get more, at most two queued. When the other chunks
    are done and a worker's first chunk is not back, this process computes that chunk itself and drops the
    worker's (a worker's start-up never holds the sweep up) and terminates the worker. Queued chunks a worker
    has not picked up are taken back too. The workers are spawned (``spawn`` starts them without blocking
    this process; a ``forkserver`` blocked it until the server had imported PyBaMM, see benchmarks/README.md).
    """
    data = spec.to_dict()
    context = multiprocessing.get_context("spawn")  # fork after PyBaMM / IDAKLU threads is not safe
    pool = ProcessPoolExecutor(max_workers=workers - 1, mp_context=context, initializer=_exit_with_parent,
                               initargs=(os.getpid(),))
    todo = list(reversed(chunks))  # pop() from the end: in order
    first: dict = {}  # future -> chunk: the first chunk of each worker
    for _ in range(min(workers - 1, len(todo) - 1)):
        chunk = todo.pop()
        first[pool.submit(_run_chunk, data, chunk)] = chunk
    pending: dict = {}  # future -> chunk: chunks sent to warm workers
    warm, dropped = 0, False

    try:
        while todo or pending or first:
            for future in [f for f in first if f.done()]:
                del first[future]
                finished(future.result())
                warm += 1
            while todo and len(pending) < 2 * warm:
                chunk = todo.pop()
                pending[pool.submit(_run_chunk, data, chunk)] = chunk
            if todo:
                finished(_run_chunk(data, todo.pop()))  # this process is one of the workers
            else:
                stolen = [f for f in list(pending) if f.cancel()]  # queued, not picked up by a worker
                for future in stolen:
                    finished(_run_chunk(data, pending.pop(future)))
                if not pending and first:  # workers still starting: compute their first chunks here
                    dropped = True
                    for chunk in [first.pop(f) for f in list(first)]:
                        finished(_run_chunk(data, chunk))
                elif not stolen and pending:
                    wait(list(pending), return_when=FIRST_COMPLETED)
            for future in [f for f in list(pending) if f.done()]:
                del pending[future]
                finished(future.result())
    except BaseException:  # a failure or Ctrl-C: running chunks are lost anyway (parts are written here)
        _terminate_workers(pool)
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    if dropped:  # a dropped worker is not waited for, and does not run its chunk on after the sweep returns
        _terminate_workers(pool)
    pool.shutdown(wait=not dropped, cancel_futures=True)


def _terminate_workers(pool) -> None:
    """Terminate the worker processes of ``pool`` (before its ``shutdown``). A worker whose first chunk was
    dropped would otherwise compute that chunk to the end after :func:`run_sweep` returned, taking a core
    from the caller, and the interpreter would wait for it at exit (``concurrent.futures`` joins its pools).
    ``ProcessPoolExecutor.terminate_workers`` from Python 3.14, the pool's process table before it."""
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()


def _exit_with_parent(parent: int) -> None:
    """In a worker: exit when the sweep process dies (a SIGKILLed parent would leave idle workers behind), and
    leave Ctrl-C to the parent (which cancels the pool and exits with one line) instead of printing a traceback
    per worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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


