"""What a measurement reader hands on: the file's headers and float columns (:class:`RawTable`), and the
error a file that cannot be read raises (:class:`MeasurementFileError`)."""

from __future__ import annotations

import abc
import importlib
from pathlib import Path

import numpy as np


class MeasurementFileError(ValueError):
    """A measurement file that cannot be read as it is; the message names the file and the line."""

    def __init__(self, path, message: str, where: str | None = None):
        self.path = str(path)
        self.where = where
        super().__init__(f"{path}, {where}: {message}" if where else f"{path}: {message}")


def optional_module(module: str, what: str, package: str, extra: str = "readers"):
    """Import an optional reader library, or say which package (and extra) to install."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise ImportError(
            f"reading {what} files needs the optional package '{package}': "
            f"pip install 'anodefree_sim[{extra}]' (or pip install {package})"
        ) from err


class RawTable(abc.ABC):
    """Headers plus float columns of one file; ``where(k)`` locates row ``k`` for error messages."""

    path: Path
    headers: list[str]
    header_where: str | None = None

    @abc.abstractmethod
    def values(self, i: int, finite: bool) -> np.ndarray:
        """Column ``i`` as floats (``finite``: reject NaN/inf)."""

    @abc.abstractmethod
    def where(self, k: int) -> str:
        """Where row ``k`` is in the file, for error messages."""

    @abc.abstractmethod
    def __len__(self) -> int:
        """Number of data rows."""


class TextTable(RawTable):
    """Rows of strings from a text file with their 1-based line numbers."""

    def __init__(self, path, headers, rows, lines, decimal=".", header_line=None):
        self.path, self.headers, self.rows, self.lines, self.decimal = Path(path), headers, rows, lines, decimal
        self.header_where = f"line {header_line}" if header_line else None

    def __len__(self):
        return len(self.rows)

    def where(self, k):
        return f"line {self.lines[k]}"

    def values(self, i, finite):
        cells = [row[i].strip() for row in self.rows]
        if self.decimal != ".":
            cells = [c.replace(self.decimal, ".") for c in cells]
        if not finite:
            cells = [c if c else "nan" for c in cells]
        try:
            out = np.asarray(cells, dtype=float)
        except ValueError:
            out = None
        if out is None or out.shape != (len(cells),):
            for k, c in enumerate(cells):
                try:
                    float(c)
                except ValueError:
                    cell = self.rows[k][i].strip()
                    what = " is empty" if not cell else f": {cell!r} is not a number"
                    raise MeasurementFileError(
                        self.path, f"column '{self.headers[i].strip()}'{what}", self.where(k)
                    ) from None
        return out


class ArrayTable(RawTable):
    """Columns already decoded by a binary reader (galvani, NewareNDA); rows are called records."""

    def __init__(self, path, columns: dict):
        self.path, self.columns = Path(path), {str(k): np.asarray(v) for k, v in columns.items()}
        self.headers = list(self.columns)

    def __len__(self):
        return len(next(iter(self.columns.values()))) if self.columns else 0

    def where(self, k):
        return f"record {k + 1}"

    def values(self, i, finite):
        column = self.columns[self.headers[i]]
        try:
            return np.asarray(column, dtype=float)
        except (TypeError, ValueError):
            raise MeasurementFileError(self.path, f"column '{self.headers[i]}' is not numeric") from None
