"""Text-file plumbing for the readers: decoding, line splitting, delimiter and decimal sniffing."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from anodefree_sim.validation._columns import MeasurementFileError

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
    lines = [line.removesuffix("\r") for line in text.split("\n")]
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
