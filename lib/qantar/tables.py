"""CSV in and out: one reader that turns every malformed file into problems, one writer that is atomic and safe.

Reading never raises on bad bytes: a file that is not UTF-8, holds binary data, has a field over
the csv module's size limit, an unterminated quote or a duplicate header yields a Problem naming
the file and line. Writing goes through :mod:`qantar.atomic` (a temporary file and ``os.replace``: a reader
never sees a half-written file) and neutralises spreadsheet formulas (see :func:`neutralise`).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

# The one atomic file writer lives in qantar.atomic; its names stay importable from here, where callers found them.
from qantar import display
from qantar.atomic import atomic_write, atomic_write_text, file_mode, special_kind, umask
from qantar.problems import Problem

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd

__all__ = [
    "FORMULA_START",
    "atomic_write",
    "atomic_write_text",
    "csv_text",
    "file_mode",
    "neutralise",
    "read_csv",
    "read_table",
    "rows_text",
    "special_kind",
    "umask",
    "write_csv",
    "write_rows",
]

# Cells starting with one of these are run as formulas by Excel, LibreOffice and Google Sheets
# (OWASP "CSV injection"); tab and carriage return are included because some importers strip them first.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def read_csv(path: Path, name: str | None = None) -> tuple[list[str], list[dict[str, Any]], list[Problem]]:
    """Read a UTF-8 CSV into its header, row dicts (values as strings) and the problems that stopped it.

    A leading UTF-8 byte-order mark is accepted (spreadsheet programs write one). On a problem
    the rows read so far are returned with it, so checks of the header can still run.
    """
    header, rows, problems, _ = read_table(path, name)
    return header, rows, problems


def read_table(
    path: Path, name: str | None = None
) -> tuple[list[str], list[dict[str, Any]], list[Problem], list[tuple[str, ...]] | None]:
    """:func:`read_csv`, plus the values of each header column in row order when every row has the header's width.

    The columns (None otherwise) spare a caller that checks a whole column at a time from gathering
    it again from the row dicts.
    """
    label = name or path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [], [Problem(label, None, None, None, f"cannot read file: {exc.strerror or exc}")], None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [], [], [Problem(label, None, None, None, "encoding: the file is UTF-16; save it as UTF-8")], None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return (
            [],
            [],
            [
                Problem(
                    label,
                    _row(line),
                    None,
                    None,
                    f"binary content: NUL byte on line {line}; expected a UTF-8 CSV text file",
                )
            ],
            None,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex().upper()
        return (
            [],
            [],
            [
                Problem(
                    label,
                    _row(line),
                    None,
                    None,
                    f"encoding: byte 0x{byte} on line {line} is not UTF-8; save the file as UTF-8",
                )
            ],
            None,
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[dict[str, Any]] = []
    try:
        header = next(reader, None)
        if header is None:
            return [], [], [Problem(label, None, None, None, "empty file: expected a header line")], None
        problems = [
            Problem(label, None, col, None, "duplicate column: the header names it more than once")
            for i, col in enumerate(header)
            if col in header[:i]
        ]
        if problems:
            return header, [], problems, None
        width = len(header)
        try:
            cells = list(reader)  # parsed in C; the rows are built below in one comprehension
        except csv.Error:
            cells = None  # parse again row by row, so the rows before the bad line are kept and it is named
            reader = csv.reader(io.StringIO(text, newline=""), strict=True)
            next(reader)
        if cells is not None and all(len(c) == width for c in cells):
            rows = [dict(zip(header, c, strict=True)) for c in cells]
            return header, rows, [], list(zip(*cells, strict=True)) if cells else [() for _ in header]
        for row_cells in cells if cells is not None else reader:
            # A short row stays short: validation names the missing cells.
            row: dict[str, Any] = dict(zip(header, row_cells, strict=False))
            if len(row_cells) > width:
                row[None] = row_cells[width:]  # type: ignore[index]  # surplus cells, as csv.DictReader keeps them
            rows.append(row)
    except csv.Error as exc:
        line = reader.line_num
        rule = (
            f"field too long: over {csv.field_size_limit():,} characters on line {line}"
            if "field larger" in str(exc)
            else f"malformed CSV on line {line}: {exc}"
        )
        return header or [], rows, [Problem(label, _row(line), None, None, rule)], None
    return header, rows, [], None


def _row(line: int) -> int | None:
    """Data-row number of a 1-based file line (None for the header line)."""
    return line - 1 if line > 1 else None


def neutralise(value: Any) -> Any:
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_rows(path: Path, header: list[str], rows: Iterable[dict[str, Any]], safe: bool = True) -> Path:
    """Write row dicts as CSV atomically; with ``safe`` text cells that start a formula are neutralised."""
    return atomic_write_text(path, rows_text(header, rows, safe))


def rows_text(header: list[str], rows: Iterable[dict[str, Any]], safe: bool = True) -> str:
    """Row dicts as CSV text (missing cells empty); with ``safe`` text cells that start a formula are neutralised."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: neutralise(v) if safe else v for k, v in row.items()})
    return buf.getvalue()


def write_csv(frame: "pd.DataFrame", path: Path) -> Path:
    """Write a frame as a published CSV: atomic, no index, empty cells for missing values, formulas neutralised."""
    return atomic_write_text(Path(path), csv_text(frame))


def csv_text(frame: "pd.DataFrame") -> str:
    """A frame as published CSV text: no index, ISO dates, empty cells for missing values, formulas neutralised."""
    import pandas as pd

    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime(display.ISO_DAY)
        elif not pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].astype(object).map(lambda v: neutralise(v) if isinstance(v, str) else v)
    return out.to_csv(index=False, lineterminator="\n")
