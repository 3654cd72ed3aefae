"""On-disk store of a parameter sweep: one part file per finished chunk, never a half-written row.

Layout of a sweep folder ``DIR``::

    DIR/spec.toml          the sweep specification (manifest; a resumed sweep must match it)
    DIR/parts/part-*.parquet   one file per finished chunk of cases (CSV when pyarrow is missing)
    DIR/results.parquet    all rows, sorted by case index (written at the end of a run; a convenience copy)

Every file is written under a temporary dot-name in the same folder, flushed to disk and renamed into
place (``os.replace`` is atomic), so a killed process leaves either a whole part or no part: never a
partial one. Temporary leftovers start with ``"."`` and are ignored by the readers and removed on resume.
The part files are the source of truth: :func:`read_results` concatenates them and keeps one row per case
id (a duplicate can only come from a retried case or overlapping runs; a successful row wins).
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pandas as pd

from anodefree_sim.files import atomic_write

SPEC_FILE = "spec.toml"
PARTS_DIR = "parts"
RESULTS_STEM = "results"

#: column names shared with :mod:`anodefree_sim.studies.sweeps.run`
ID = "Case id"
INDEX = "Case index"
STATUS = "Status"
ERROR = "Error"
WARNINGS = "Warnings"
OK = "ok"
FAILED = "failed"
TEXT_COLUMNS = (ID, STATUS, ERROR, WARNINGS)


def has_parquet() -> bool:
    """True when pyarrow (Parquet support for pandas) is installed."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def part_suffix() -> str:
    """``".parquet"`` when pyarrow is installed, else ``".csv"``."""
    return ".parquet" if has_parquet() else ".csv"


def _write_frame(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` to ``path``, Parquet or CSV from the destination's suffix (``.parquet.tmp`` -> Parquet)."""
    if path.suffix == ".parquet" or path.name.endswith(".parquet.tmp"):
        frame.to_parquet(path, index=False)
    else:
        frame.to_csv(path, index=False)


def atomic_write_frame(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a table to ``path`` through a temporary dot-file and an atomic rename."""
    return atomic_write(path, lambda tmp: _write_frame(frame, tmp))


def part_files(out_dir: str | Path) -> list[Path]:
    """The finished part files (temporary dot-files excluded), in name order."""
    parts = Path(out_dir) / PARTS_DIR
    if not parts.is_dir():
        return []
    return sorted(p for p in parts.iterdir()
                  if not p.name.startswith(".") and p.suffix in (".parquet", ".csv") and p.is_file())


def remove_temporary_files(out_dir: str | Path) -> int:
    """Delete the temporary leftovers of a killed writer; returns how many were removed."""
    removed = 0
    for folder in (Path(out_dir), Path(out_dir) / PARTS_DIR):
        if folder.is_dir():
            for p in folder.iterdir():
                if p.name.startswith(".") and p.name.endswith(".tmp"):
                    p.unlink(missing_ok=True)
                    removed += 1
    return removed


def write_part(out_dir: str | Path, rows: list[dict], columns: list[str]) -> Path | None:
    """Write one chunk of result rows as a new part file (atomic); None for an empty chunk."""
    if not rows:
        return None
    frame = pd.DataFrame(rows, columns=columns)
    name = f"part-{uuid.uuid4().hex}{part_suffix()}"
    return atomic_write_frame(frame, Path(out_dir) / PARTS_DIR / name)


def _read_part(path: Path) -> pd.DataFrame:
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    return pd.read_csv(path, dtype={c: str for c in TEXT_COLUMNS}, keep_default_na=True)


def read_results(out_dir: str | Path) -> pd.DataFrame:
    """All rows of a sweep folder, one per case id, sorted by case index.

    A case id seen more than once (a retried failure, or two runs writing the same folder) keeps its
    successful row if it has one, else its last row.
    """
    frames = [_read_part(p) for p in part_files(out_dir)]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=[INDEX, ID, STATUS, ERROR])
    table = pd.concat(frames, ignore_index=True)
    for col in TEXT_COLUMNS:
        if col in table:
            table[col] = table[col].fillna("").astype(str)
    rank = (table[STATUS] != OK).astype(int)
    order = pd.DataFrame({"rank": rank, "pos": -pd.RangeIndex(len(table))})
    table = table.loc[order.sort_values(["rank", "pos"], kind="stable").index]
    table = table.drop_duplicates(subset=ID, keep="first")
    if INDEX in table:
        table = table.sort_values(INDEX, kind="stable")
    return table.reset_index(drop=True)


def completed_ids(out_dir: str | Path, include_failed: bool = True) -> set[str]:
    """Ids of the cases already recorded (successful ones, and failed ones unless told not to)."""
    ids: set[str] = set()
    for p in part_files(out_dir):
        part = _read_part(p)
        if not include_failed:
            part = part[part[STATUS] == OK]
        ids.update(part[ID].astype(str))
    return ids


def write_results(out_dir: str | Path, table: pd.DataFrame) -> Path:
    """Write the consolidated table ``DIR/results.parquet`` (or ``.csv``) atomically."""
    return atomic_write_frame(table, Path(out_dir) / f"{RESULTS_STEM}{part_suffix()}")
