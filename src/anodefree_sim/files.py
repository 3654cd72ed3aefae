"""Atomic file writing: a file is written under a temporary dot-name in its folder, flushed to disk and renamed
into place (``os.replace`` is atomic), so a killed process leaves the old file or the new one, never a partial
one, and a failed write leaves an existing file untouched. Temporary names start with ``"."`` and end with
``".tmp"``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from anodefree_sim.interrupts import raise_if_interrupted


def atomic_write(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp_path)`` to write the content, then move it to ``path`` atomically.

    Parameters
    ----------
    path : str or Path
        Destination; its folder is created if missing.
    write : callable
        Writes the whole file to the temporary path it is given (in the same folder, same suffix + ``.tmp``).

    Returns
    -------
    Path
        ``path``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=f"{path.suffix}.tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        raise_if_interrupted()  # a Ctrl-C lost inside a C extension must not let a run's output land
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(text: str, path: str | Path) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically (:func:`atomic_write`)."""
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
