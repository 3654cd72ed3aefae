"""Text-file plumbing for the readers: decoding, line splitting, delimiter and decimal sniffing."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from anodefree_sim.validation._raw import MeasurementFileError, RawTable, TextTable

#: rows read with Python's csv module to sniff the decimal mark before pandas parses the whole body
PROBE_ROWS = 500

#: tried in order when no encoding is given; latin-1 decodes any byte, so it is the last resort
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")

_NUMBER = r"[+-]?(?:\d+(?:{d}\d*)?|{d}\d+)(?:[eE][+-]?\d+)?"
_ANY_NUMBER = re.compile(r"^\s*(?:{}|{})\s*$".format(_NUMBER.format(d=r"\."), _NUMBER.format(d=",")))
_POINT = re.compile(r"^\s*[+-]?(?:\d*\.\d+|\d+\.)(?:[eE][+-]?\d+)?\s*$")
_COMMA = re.compile(r"^\s*[+-]?(?:\d*,\d+|\d+,)(?:[eE][+-]?\d+)?\s*$")


def read_text(path: Path, encoding: str | None = None) -> tuple[str, str]:
    """``(text, encoding used)``; a clear error for empty and binary files."""
    data = path.read_bytes()
    if not data.strip():
        raise MeasurementFileError(path, "the file is empty", "line 1")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and not encoding:  # Excel's "Unicode text"
        encoding = "utf-16"
    elif b"\x00" in data[:4096]:
        raise MeasurementFileError(path, "this is a binary file, not text (BioLogic .mpr and Neware .nda/.ndax "
                                   "have their own readers)")
    for enc in (encoding,) if encoding else ENCODINGS:
        try:
            return data.decode(enc), "utf-8" if enc == "utf-8-sig" else enc
        except UnicodeDecodeError as err:
            if encoding:
                line = data[: err.start].count(b"\n") + 1
                raise MeasurementFileError(path, f"not valid {encoding}: {err.reason}", f"line {line}") from None
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def split_lines(text: str) -> list[str]:
    """Lines without their ends; only ``\\n`` and ``\\r\\n`` end a line (not NEL or form feeds)."""
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def sniff_delimiter(line: str) -> str:
    """Tab, then semicolon, then comma: the first one found in the header line."""
    for candidate in ("\t", ";", ","):
        if candidate in line:
            return candidate
    return ","


def split_rows(path: Path, lines: list[str], start: int, delimiter: str, width: int) -> tuple[list, list]:
    """Rows (lists of ``width`` strings) from ``lines[start:]`` and their 1-based line numbers.

    Blank lines are skipped. A row with fewer fields than the header, or with extra non-empty
    fields, is an error naming its line (a truncated or merged line).
    """
    rows, numbers = [], []
    reader = csv.reader(lines[start:], delimiter=delimiter)
    previous = 0
    for row in reader:
        first, previous = start + previous + 1, reader.line_num
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) > width and not any(c.strip() for c in row[width:]):
            row = row[:width]
        if len(row) != width:
            hint = " (truncated line?)" if len(row) < width else ""
            raise MeasurementFileError(
                path, f"expected {width} fields separated by {delimiter!r}, found {len(row)}{hint}",
                f"line {first}",
            )
        rows.append(row)
        numbers.append(first)
    return rows, numbers


def header_fields(line: str, delimiter: str) -> list[str]:
    """Fields of a header line, without trailing empty ones (EC-Lab ends lines with a tab)."""
    fields = next(csv.reader([line], delimiter=delimiter))
    while fields and not fields[-1].strip():
        fields.pop()
    return fields


def is_numeric_row(fields: list[str]) -> bool:
    """True when every field is a number (decimal point or comma): a file without header row."""
    return any(f.strip() for f in fields) and all(_ANY_NUMBER.match(f) for f in fields if f.strip())


def sniff_decimal(path: Path, rows: list, numbers: list, delimiter: str, limit: int = 500) -> str:
    """``","`` when numbers in the first rows are written with decimal commas, else ``"."``."""
    if delimiter == ",":
        return "."
    comma = point = None
    for row, line in zip(rows[:limit], numbers[:limit], strict=False):
        for cell in row:
            if comma is None and _COMMA.match(cell):
                comma = line
            elif point is None and _POINT.match(cell):
                point = line
    if comma is not None and point is not None:
        raise MeasurementFileError(
            path, f"numbers with decimal commas (line {comma}) and decimal points (line {point}) in one file; "
            "pass decimal=',' or decimal='.'", f"line {max(comma, point)}",
        )
    return "," if comma is not None else "."


class FrameTable(RawTable):
    """Columns parsed by pandas; the 1-based line of each row is kept for error messages."""

    def __init__(self, path, headers, frame: pd.DataFrame, text_lines: list[str], start: int, decimal=".",
                 header_line=None):
        self.path, self.headers, self.frame, self.decimal = Path(path), headers, frame, decimal
        self._text_lines, self._start, self._numbers = text_lines, start, None
        self.header_where = f"line {header_line}" if header_line else None

    def __len__(self):
        return len(self.frame)

    def where(self, k):
        if self._numbers is None:  # only for error messages: the data rows are the non-blank lines
            lines = self._text_lines
            self._numbers = [j + 1 for j in range(self._start, len(lines)) if lines[j].strip()]
        return f"line {self._numbers[k]}"

    def values(self, i, finite):
        column = self.frame.iloc[:, i]
        if pd.api.types.is_numeric_dtype(column.dtype):
            return column.to_numpy(dtype=float)
        text = column.astype(str).str.strip()  # a text column (dates, step names) or a bad cell
        if self.decimal != ".":
            text = text.str.replace(self.decimal, ".", regex=False)
        out = pd.to_numeric(text, errors="coerce").to_numpy(dtype=float)
        bad = np.isnan(out) & (text.str.lower() != "nan").to_numpy()
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise MeasurementFileError(
                self.path, f"column '{self.headers[i].strip()}': {str(column.iloc[k]).strip()!r} is not a number",
                self.where(k),
            )
        return out


def parse_body(path: Path, lines: list[str], start: int, delimiter: str, headers: list[str],
               decimal: str | None = None, header_line: int | None = None) -> tuple[RawTable, str]:
    """``(raw table, decimal mark)`` of the data lines ``lines[start:]``.

    pandas' C parser reads the body (300k rows x 4 columns in about 0.1 s). A body it cannot read
    cleanly (ragged or truncated lines, empty cells, quoted line breaks) is read again line by line with
    :func:`split_rows`, which names the offending line. The decimal mark is sniffed from the first
    ``PROBE_ROWS`` rows when not given.
    """
    width = len(headers)
    if decimal is None:
        probe, probe_lines = split_rows(path, lines[: start + PROBE_ROWS], start, delimiter, width)
        decimal = sniff_decimal(path, probe, probe_lines, delimiter)
    raw = _frame_table(path, lines, start, delimiter, headers, decimal, header_line)
    if raw is None:
        rows, numbers = split_rows(path, lines, start, delimiter, width)
        raw = TextTable(path, headers, rows, numbers, decimal, header_line)
    return raw, decimal


def _frame_table(path, lines, start, delimiter, headers, decimal, header_line) -> FrameTable | None:
    body = "\n".join(lines[start:])
    if not body.strip():
        return None
    try:
        frame = pd.read_csv(
            io.StringIO(body), sep=delimiter, header=None, decimal=decimal, engine="c",
            skipinitialspace=True, keep_default_na=False, na_values=[""], skip_blank_lines=True,
            low_memory=False,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, csv.Error):
        return None
    width = len(headers)
    if frame.shape[1] > width:
        if frame.iloc[:, width:].notna().to_numpy().any():
            return None
        frame = frame.iloc[:, :width]
    # pandas skips empty lines as FrameTable.where counts them; a whitespace-only line is a row of NaN
    if frame.shape[1] != width or frame.empty or frame.isna().to_numpy().any():
        return None
    return FrameTable(path, headers, frame, lines, start, decimal, header_line)
