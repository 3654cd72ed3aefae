"""Writing output tables: CSV, or Parquet for a ``.parquet`` name; atomically."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import numpy as np

from anodefree_sim.files import atomic_write

#: file name ending that :func:`write_table` writes as Parquet
PARQUET_SUFFIX = ".parquet"


def parquet_available() -> bool:
    """Whether pyarrow (the ``sweep`` extra) is importable, so tables can be written as Parquet."""
    return importlib.util.find_spec("pyarrow") is not None


def write_table(table: dict, path: str | Path) -> None:
    """Write a table atomically: Parquet when ``path`` ends in ``.parquet`` (needs pyarrow, the ``sweep``
    extra: ``pip install 'anodefree_sim[sweep]'``), else CSV (:func:`write_csv`)."""
    if not str(path).lower().endswith(PARQUET_SUFFIX):
        write_csv(table, path)
        return
    if not parquet_available():
        raise ValueError(f"{path}: writing Parquet needs pyarrow (pip install 'anodefree_sim[sweep]'); "
                         "use a .csv name")
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = pa.table({k: np.asarray(v) for k, v in table.items()})
    atomic_write(path, lambda tmp: pq.write_table(data, tmp))


def write_csv(table: dict, path: str | Path) -> None:
    """Write a table atomically (:func:`anodefree_sim.files.atomic_write`): an interrupted or failed write
    never leaves a half-written file at ``path``."""

    def write(tmp: Path) -> None:
        with open(tmp, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(list(table))
            writer.writerows(zip(*(np.asarray(v) for v in table.values()), strict=True))

    atomic_write(path, write)
