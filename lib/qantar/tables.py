"""CSV in and out: one reader that turns every malformed file into problems, one writer that is atomic and safe.

Reading never raises on bad bytes: a file that is not UTF-8, holds binary data, has a field over
the csv module's size limit, an unterminated quote or a duplicate header yields a Problem naming
the file and line. Writing goes through a temporary file and ``os.replace`` (a reader never sees a
half-written file) and neutralises spreadsheet formulas (see :func:`neutralise`).
"""

from __future__ import annotations

import csv
import errno
import io
import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from qantar.problems import Problem

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd

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


def umask() -> int:
    """The process's file-mode creation mask, read without changing it (Linux), else by setting it back at once."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: the only portable read is a write; put it back at once
    os.umask(mask)
    return mask


def file_mode(path: Path) -> int:
    """Permission bits for a file written at ``path``: those of the regular file it replaces, else 0o666 & ~umask."""
    try:
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode):
            return stat.S_IMODE(info.st_mode)
    except OSError:
        pass
    return 0o666 & ~umask()


def atomic_write(path: Path, write: Callable[[Path], None]) -> Path:
    """Run ``write(tmp)`` on a temporary file in ``path``'s folder, then rename it onto ``path``.

    A reader never sees half a file. The result gets the mode any ordinary tool would give it (see
    :func:`file_mode`), not mkstemp's private 0600. Only a regular file or nothing is ever replaced: a
    symlink, FIFO, device or socket that appeared at ``path`` is left alone and the write is refused.
    """
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        mode = file_mode(path)
        kind = special_kind(path)
        if kind is not None:
            raise FileExistsError(errno.EEXIST, f"not a regular file ({kind}); refusing to replace it", str(path))
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def special_kind(path: Path) -> str | None:
    """What ``path`` is when it exists and is not a regular file ('a folder', 'a symbolic link', ...), else None."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISREG(mode):
        return None
    for test, kind in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "a special file"


def atomic_write_text(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_write`)."""

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)

    return atomic_write(path, write)


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
            out[col] = out[col].dt.strftime("%Y-%m-%d")
        elif not pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].astype(object).map(lambda v: neutralise(v) if isinstance(v, str) else v)
    return out.to_csv(index=False, lineterminator="\n")
