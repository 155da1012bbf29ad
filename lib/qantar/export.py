"""Exports: the dataset as an ACLED-style CSV, an Excel workbook, a SQLite database or GeoJSON cities.

Each format writes one file (the ACLED format also writes its excluded rows next to it) through a
temporary file in the same folder and ``os.replace``, so a reader never sees half a file. An existing
output is refused unless ``force`` is given; the command touches nothing else.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qantar import display, settings
from qantar.atomic import atomic_write
from qantar.problems import QantarError

if TYPE_CHECKING:  # pragma: no cover - typing only
    from qantar.dataset import Dataset

TIMESTAMP_ENV = settings.SOURCE_DATE_ENV
LATEST_TIME = 253_402_300_799  # 9999-12-31 23:59:59 UTC, the last second a date can show
SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT", "string": "TEXT"}


class OutputError(QantarError):
    """An unusable --out (exists without --force, missing folder, a folder): usage error, exit 2."""

    exit_code = 2


@dataclass
class Exported:
    """What an export wrote: the files and one line per fact worth printing."""

    paths: list[Path] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def build_time() -> int:
    """Unix time of this build: $SOURCE_DATE_EPOCH when set (reproducible), else now."""
    raw = os.environ.get(TIMESTAMP_ENV, "").strip()
    if not raw:
        return int(time.time())
    # ASCII digits only (str.isdigit also takes '²' and Arabic-Indic digits), and a time a date can show.
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 12 and int(raw) <= LATEST_TIME):
        shown = raw if len(raw) <= 40 else raw[:37] + "..."
        raise OutputError(
            f"{TIMESTAMP_ENV}={shown!r} is not a whole number of seconds since 1970 from 0 to {LATEST_TIME} "
            "(the end of year 9999); unset it to use the current time"
        )
    return int(raw)


def excluded_path(out: Path) -> Path:
    """Where the ACLED export lists the rows it left out: acled.csv -> acled.excluded.csv."""
    return out.with_name((out.stem if out.suffix.lower() == ".csv" else out.name) + ".excluded.csv")


def check_output(out: Path, force: bool, inputs: Sequence[tuple[str, Path]] = ()) -> None:
    """Refuse an output that is not a regular file or a new path, exists (unless ``force``), or lies among the inputs.

    ``inputs`` are (label, folder) pairs an export must never write into (the dataset it reads): an
    ``--out data/sources.csv --force`` would otherwise replace the dataset with its own export.
    """
    from qantar.tables import special_kind

    kind = special_kind(out)
    if kind == "a folder":
        raise OutputError(f"--out {out} is a folder; give a file name")
    if kind is not None:
        raise OutputError(
            f"--out {out} is not a regular file ({kind}); an export replaces only a regular file or writes a new one"
        )
    if not out.parent.is_dir():
        raise OutputError(f"--out {out}: folder {out.parent} does not exist (create it first)")
    real = Path(os.path.realpath(out.parent)) / out.name
    for label, folder in inputs:
        inside = Path(os.path.realpath(folder))
        if real.is_relative_to(inside):
            raise OutputError(f"--out {out} is inside the {label} {folder}; write exports outside the inputs")
    if out.exists() and not force:
        raise OutputError(f"--out {out} exists; pass --force to replace it")


# ---------------------------------------------------------------- ACLED


def export_acled(ds: "Dataset", out: Path, force: bool = False) -> Exported:
    """ACLED's 31 columns, one row per ACLED event; every events row, its fate and the rules to *.excluded.csv."""
    from qantar import acled
    from qantar.tables import write_csv

    side = excluded_path(out)
    check_output(side, force)
    rows, others = acled.frames(ds, build_time())
    problems = acled.check(rows.to_dict("records"))
    if problems:  # a bug in the mapping, never bad data (validation ran first)
        raise QantarError("ACLED export would break ACLED's rules: " + "; ".join(problems[:5]))
    write_csv(others, side)
    write_csv(rows, out)
    n = others["status"].value_counts()
    return Exported(
        [out, side],
        [
            f"wrote {out}: {len(rows)} ACLED events from {len(ds.events)} events rows",
            (
                f"wrote {side}: every events row and what became of it: {n.get('exported', 0)} lead an event, "
                f"{n.get('aggregated', 0)} aggregated into one (same day, place, actors and activity), "
                f"{n.get('merged', 0)} further reports of a happening, {n.get('excluded', 0)} not coded, "
                "each with its reason; the rules applied to each event in its basis column"
            ),
        ],
    )


# ---------------------------------------------------------------- workbook


def _field_constraints(f: dict[str, Any]) -> str:
    """A field's constraints as one line: 'required; unique; one of a, b; pattern …; ≤ 80 chars'."""
    cons = f.get("constraints", {})
    bits = [k for k in ("required", "unique") if cons.get(k)]
    if "enum" in cons:
        bits.append("one of " + ", ".join(map(str, cons["enum"])))
    for key, text in (
        ("pattern", "pattern {}"),
        ("minimum", "≥ {}"),
        ("maximum", "≤ {}"),
        ("minLength", "at least {} chars"),
        ("maxLength", "at most {} chars"),
    ):
        if key in cons:
            bits.append(text.format(cons[key]))
    return "; ".join(bits)


def _keys_text(res: dict[str, Any], column: str) -> str:
    """'primary key', 'foreign key → places.place_id' for a column."""
    schema = res["schema"]
    bits = ["primary key"] if column in schema.get("primaryKey", []) else []
    for fk in _foreign_keys(res, None):
        if fk[0] == column:
            bits.append(f"foreign key → {fk[1]}.{fk[2]}")
    return "; ".join(bits)


def _foreign_keys(res: dict[str, Any], tables: set[str] | None) -> list[tuple[str, str, str]]:
    """(column, table, column) of each declared foreign key, plus doc_id → sources.doc_id where not declared."""
    out = []
    for fk in res["schema"].get("foreignKeys", []):
        out.append((fk["fields"][0], fk["reference"]["resource"] or res["name"], fk["reference"]["fields"][0]))
    names = {f["name"] for f in res["schema"]["fields"]}
    if (
        res["name"] != "sources"
        and "doc_id" in names
        and not any(c == "doc_id" for c, _, _ in out)
        and (tables is None or "sources" in tables)
    ):
        out.append(("doc_id", "sources", "doc_id"))
    return out


def _typed(fdef: dict[str, Any], raw: str | None) -> Any:
    """A raw CSV cell as the value its Table Schema type names (None for empty; dates stay ISO text)."""
    if raw is None or raw == "":
        return None
    type_ = fdef.get("type", "string")
    if type_ == "integer":
        return int(raw)
    if type_ == "number":
        return float(raw)
    if type_ == "boolean":
        return raw == "true"
    return raw


def _resources(ds: "Dataset") -> list[dict[str, Any]]:
    """The descriptor's resources the lib loaded, sources first (the other tables point at it)."""
    from qantar.validation import TABLES

    res = [r for r in ds.report.descriptor["resources"] if r["name"] in ds.report.tables]
    return sorted(res, key=lambda r: TABLES.index(r["name"]) if r["name"] in TABLES else len(TABLES))


def export_xlsx(ds: "Dataset", out: Path, force: bool = False) -> Exported:
    """One workbook: README, every table (sources included) and the data dictionary; text never becomes a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from qantar import __version__

    desc = ds.report.descriptor
    built = datetime.fromtimestamp(build_time(), tz=UTC).strftime(display.BUILT_STAMP)
    wb = Workbook()
    readme = wb.active
    readme.title = "README"
    licence = "; ".join(
        f"{lic.get('name', '')} — {lic.get('title', '')} ({lic.get('path', '')})" for lic in desc.get("licenses", [])
    )
    resources = _resources(ds)
    info = [
        ("Dataset", desc.get("title", "Qantar")),
        ("What this is", desc.get("description", "")),
        ("Licence", licence or "CC BY 4.0"),
        ("Data version", str(desc.get("version", ""))),
        ("Built", f"{built} by qantar {__version__} (`qantar export --format xlsx`)"),
        ("Sheets", ", ".join(r["name"] for r in resources) + ", data_dictionary"),
        ("Cells", "Text is stored as text (never a formula); dates are Excel dates; empty cells are missing values."),
        ("Citation", "Qantar: source-cited event data on the January 2022 unrest in Kazakhstan. Data CC BY 4.0."),
    ]
    _append(readme, ["item", "value"], bold=Font(bold=True))
    for row in info:
        _append(readme, list(row))
    for res in resources:
        sheet = wb.create_sheet(res["name"][:31])
        fields = res["schema"]["fields"]
        _append(sheet, [f["name"] for f in fields], bold=Font(bold=True))
        for raw in ds.report.tables[res["name"]]:
            _append(sheet, [_cell(f, raw.get(f["name"])) for f in fields])
        sheet.freeze_panes = "A2"
    dd = wb.create_sheet("data_dictionary")
    _append(dd, ["table", "column", "type", "description", "constraints", "keys"], bold=Font(bold=True))
    for res in resources:
        for f in res["schema"]["fields"]:
            _append(
                dd,
                [
                    res["name"],
                    f["name"],
                    f.get("type", "string"),
                    f.get("description", ""),
                    _field_constraints(f),
                    _keys_text(res, f["name"]),
                ],
            )
    atomic_write(out, lambda tmp: wb.save(tmp))
    return Exported([out], [f"wrote {out}: README, {len(resources)} table sheets and the data dictionary"])


def _cell(fdef: dict[str, Any], raw: str | None) -> Any:
    """A CSV cell as a workbook value: numbers, booleans and dates typed; text as text."""
    from datetime import date

    value = _typed(fdef, raw)
    if value is not None and fdef.get("type") == "date":
        return date.fromisoformat(value)
    return value


def _append(sheet: Any, values: list[Any], bold: Any = None) -> None:
    """Append a row; a string that looks like a formula is stored as a string, never a formula.

    Characters XML cannot hold (control characters) become U+FFFD: validation refuses them in cells, but the
    descriptor's free text reaches the README and data dictionary sheets unchecked, and a workbook must not fail.
    """
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    values = [ILLEGAL_CHARACTERS_RE.sub("\ufffd", v) if isinstance(v, str) else v for v in values]
    sheet.append([None] * len(values))
    r = sheet.max_row
    for c, value in enumerate(values, start=1):
        cell = sheet.cell(row=r, column=c)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # openpyxl would otherwise treat a leading '=' as a formula
        elif hasattr(value, "isoformat"):
            cell.number_format = "yyyy-mm-dd"
        if bold is not None:
            cell.font = bold


# ---------------------------------------------------------------- SQLite


def _quote(name: str) -> str:
    """An SQL identifier in double quotes."""
    return '"' + name.replace('"', '""') + '"'


def export_sqlite(ds: "Dataset", out: Path, force: bool = False) -> Exported:
    """Every table with its primary and foreign keys and typed columns; PRAGMA foreign_key_check must be clean."""
    resources = _resources(ds)
    names = {r["name"] for r in resources}
    counts: dict[str, int] = {}

    def write(tmp: Path) -> None:
        con = sqlite3.connect(tmp)
        try:
            for res in resources:
                fields = res["schema"]["fields"]
                cols = []
                for f in fields:
                    col = f"{_quote(f['name'])} {SQL_TYPES[f.get('type', 'string')]}"
                    if f.get("constraints", {}).get("required"):
                        col += " NOT NULL"
                    if f.get("type") == "boolean":
                        col += f" CHECK ({_quote(f['name'])} IN (0, 1))"
                    cols.append(col)
                cols.append("PRIMARY KEY (" + ", ".join(map(_quote, res["schema"]["primaryKey"])) + ")")
                for column, table, ref in _foreign_keys(res, names):
                    if table in names:
                        cols.append(f"FOREIGN KEY ({_quote(column)}) REFERENCES {_quote(table)} ({_quote(ref)})")
                con.execute(f"CREATE TABLE {_quote(res['name'])} (\n  " + ",\n  ".join(cols) + "\n)")
                rows = [tuple(_typed(f, raw.get(f["name"])) for f in fields) for raw in ds.report.tables[res["name"]]]
                marks = ", ".join("?" * len(fields))
                con.executemany(f"INSERT INTO {_quote(res['name'])} VALUES ({marks})", rows)
                counts[res["name"]] = len(rows)
            con.commit()
            broken = con.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise QantarError(f"sqlite export: {len(broken)} foreign-key violation(s), e.g. {broken[0]}")
        finally:
            con.close()

    atomic_write(out, write)
    table_list = ", ".join(f"{n} {c}" for n, c in counts.items())
    return Exported(
        [out],
        [
            (
                f"wrote {out}: {table_list} rows, with primary and foreign keys "
                "(open with `datasette` or `sqlite3`; run PRAGMA foreign_keys=ON to enforce them on edits)"
            )
        ],
    )


# ---------------------------------------------------------------- GeoJSON


def geojson_features(ds: "Dataset") -> dict[str, Any]:
    """A FeatureCollection: one Point [lon, lat] per city with events (sites folded in), over the whole period."""
    from qantar import derive
    from qantar.display import source_labels, span_label

    summary = derive.city_summary(ds, None, None)
    events = derive.events_by_city(ds).sort_values(["date_start", "event_id"])
    labels = source_labels(ds)
    features = []
    for city in summary.itertuples():
        mine = events[events["city_id"] == city.city_id]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(city.longitude), float(city.latitude)]},
                "properties": {
                    "place_id": city.city_id,
                    "name": city.city,
                    "admin1": city.admin1_jan2022,
                    "n_events": int(city.n_events),
                    "n_reports": int(city.n_reports),
                    "first_date": city.first_date.date().isoformat(),
                    "first_date_certain": bool(city.first_date_certain),
                    "events": [
                        {
                            "event_id": str(e.event_id),
                            "date_start": e.date_start.date().isoformat(),
                            "date_end": e.date_end.date().isoformat(),
                            "date": span_label(e.date_start, e.date_end, e.date_precision, year=True),
                            "event_type": str(e.event_type),
                            "sub_event_type": str(e.sub_event_type),
                            "description": str(e.description),
                            "doc_id": str(e.doc_id),
                            "source": labels.get(str(e.doc_id), str(e.doc_id)),
                        }
                        for e in mine.itertuples()
                    ],
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def export_geojson(ds: "Dataset", out: Path, force: bool = False) -> Exported:
    """Cities with at least one event as RFC 7946 GeoJSON (coordinates longitude first)."""
    from qantar.tables import atomic_write_text

    collection = geojson_features(ds)
    atomic_write_text(out, json.dumps(collection, ensure_ascii=False, indent=1) + "\n")
    return Exported([out], [f"wrote {out}: {len(collection['features'])} cities with their events"])


@dataclass(frozen=True)
class Format:
    """One export format: its writer, its `--format` help, and what is checked before the dataset is read."""

    write: Callable[["Dataset", Path, bool], Exported]
    help: str
    stamped: bool = False  # writes the build time, so a bad $SOURCE_DATE_EPOCH is refused first
    also_writes: Callable[[Path], Path] | None = None  # a second file written beside --out


# The formats: adding one is an entry here and its writer above (the command line reads its choices from here).
FORMATS: dict[str, Format] = {
    "acled": Format(export_acled, "ACLED's 31 columns (+ PATH.excluded.csv)", True, excluded_path),
    "xlsx": Format(export_xlsx, "workbook with README and data dictionary", True),
    "sqlite": Format(export_sqlite, "tables with keys"),
    "geojson": Format(export_geojson, "cities with their events"),
}


def export(
    fmt: str,
    out: str | os.PathLike[str],
    data_dir: str | os.PathLike[str] | None = None,
    texts_dir: str | os.PathLike[str] | None = None,
    force: bool = False,
) -> Exported:
    """Validate and load the dataset, then write it as ``fmt`` to ``out`` (refusing to overwrite without ``force``)."""
    from qantar.dataset import load

    if fmt not in FORMATS:
        raise OutputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    form = FORMATS[fmt]
    path = Path(out)
    if form.stamped:
        build_time()  # a bad $SOURCE_DATE_EPOCH is refused before the dataset is read
    inputs = [("dataset folder", settings.data_dir(data_dir)), ("dataset folder", settings.project_root() / "data")]
    texts = settings.texts_dir(texts_dir)
    if texts is not None:
        inputs.append(("source texts folder", texts))
    check_output(path, force, inputs)
    if form.also_writes is not None:
        check_output(form.also_writes(path), force, inputs)
    ds = load(data_dir, texts_dir)
    return form.write(ds, path, force)
