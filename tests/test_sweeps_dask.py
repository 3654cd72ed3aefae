"""Sweeps on a Dask cluster give the same table as a local run (needs ``dask[distributed]``).

A ``LocalCluster`` of 2 worker processes stands in for a real cluster: ``run_sweep`` only sees its
scheduler address, exactly as with ``anodefree-sim sweep SPEC.toml --scheduler tcp://host:8786``.
"""

from __future__ import annotations

import numpy as np
import pytest

from anodefree_sim.studies.sweeps import SweepSpec, run_sweep, store

distributed = pytest.importorskip("dask.distributed")

X = "Doped layer silver content"
U = "Silver exsolution open-circuit potential [V]"
METRICS = ["Discharge capacity [mA.h.cm-2]", "Capacity at 1.2 V [mA.h.cm-2]", "Plateau voltage [V]",
           "Final voltage [V]", "Minimum voltage [V]"]


def small_spec(num_u: int = 3) -> SweepSpec:
    """4 Ag contents x ``num_u`` exsolution potentials of choi2025-cell-b."""
    parameters = {X: {"values": [0.2, 0.3, 0.45, 0.6]}, U: {"range": [1.7, 1.9], "num": num_u}}
    return SweepSpec("choi2025-cell-b", parameters, metrics=METRICS)


def assert_same_table(a, b):
    """Same cases, same statuses, metrics equal to 1e-9 relative (sorted by case id)."""
    a = a.sort_values(store.ID).reset_index(drop=True)
    b = b.sort_values(store.ID).reset_index(drop=True)
    assert list(a[store.ID]) == list(b[store.ID])
    assert list(a[store.STATUS]) == list(b[store.STATUS])
    assert list(a[store.INDEX]) == list(b[store.INDEX])
    for col in (X, U, *METRICS):
        np.testing.assert_allclose(a[col].to_numpy(float), b[col].to_numpy(float), rtol=1e-9, atol=0,
                                   equal_nan=True, err_msg=col)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as c:
        yield c


@pytest.fixture(scope="module")
def local_table():
    table = run_sweep(small_spec(), workers=1, progress=False)
    assert (table[store.STATUS] == store.OK).all()
    return table


def test_dask_cluster_gives_the_local_table(cluster, local_table, tmp_path):
    out = tmp_path / "dask"
    table = run_sweep(small_spec(), out_dir=out, scheduler=cluster.scheduler_address, progress=False)
    assert len(table) == 12 and list(table[store.INDEX]) == list(range(12))
    assert_same_table(table, local_table)
    # the client writes the parts: the folder reads back the same, and a resume has nothing to do
    assert_same_table(store.read_results(out), local_table)
    again = run_sweep(small_spec(), out_dir=out, scheduler=cluster.scheduler_address, resume=True, progress=False)
    assert_same_table(again, local_table)


def test_dask_in_memory_one_case_per_task(cluster, local_table):
    table = run_sweep(small_spec(), scheduler=cluster.scheduler_address, progress=False, chunk_size=1)
    assert_same_table(table, local_table)


def test_failed_case_on_dask_is_a_row(cluster):
    spec = SweepSpec("choi2025-cell-b", {X: {"values": [0.3, 7.0]}}, metrics=METRICS)
    table = run_sweep(spec, scheduler=cluster.scheduler_address, progress=False, chunk_size=1)
    assert list(table[store.STATUS]) == [store.OK, store.FAILED]
    assert "silver content" in table[store.ERROR][1]


def test_threaded_dask_worker_is_safe():
    """A ``dask worker`` runs tasks in threads by default; cases in one process must not share a solve."""
    spec = small_spec(num_u=10)
    reference = run_sweep(spec, progress=False)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True,
                                  dashboard_address=":0") as c:
        table = run_sweep(spec, scheduler=c.scheduler_address, progress=False, chunk_size=1)
    assert (table[store.STATUS] == store.OK).all(), set(table[store.ERROR])
    assert_same_table(table, reference)
