"""Mutation run: hundreds of generated edits of the descriptor and the tables, each accepted or refused cleanly.

Every mutation is applied to a private copy of data/ and must end one of two ways:

* refused: validation lists problems, one of them naming the file (and the column where there is one), and
  `qantar validate` exits 1 with no traceback and no "internal error";
* accepted: the dataset loads, and `qantar validate` (which derives the per-document counts and the
  disagreements) and the exports run without error.

Each mutation also says what it should do: a clearly invalid edit (a dangling id, a string in a number column, a
looser descriptor) that is accepted is a failure ("wrongly accepted"), as is a harmless edit that is refused. The
run prints how many mutations were refused and accepted.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest
from cli import run_qantar

from qantar import DataValidationError, load, settings, validate
from qantar.dataset import TABLES

REFUSED, ACCEPTED, EITHER = "refused", "accepted", "either"
OTHER_TYPES = ("string", "integer", "number", "date", "boolean")
SAMPLE_VALUE = {"integer": "abc", "number": "1,5", "date": "2022-02-30", "boolean": "yes"}


@dataclass(frozen=True)
class Mutation:
    """One edit of a data folder and what validation must make of it."""

    name: str
    edit: Callable[[Path], None]
    expect: str
    file: str | None = None  # a problem must name this file ...
    column: str | None = None  # ... and a column containing this text


# --- editing helpers --------------------------------------------------------------------------------------------


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def _rows(table: str, change: Callable[[list[str], list[dict[str, str]]], list[str] | None]) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        path = data / f"{table}.csv"
        header, rows = _read(path)
        header = change(header, rows) or header
        _write(path, header, rows)

    return edit


def _cell(table: str, row: int, column: str, value: str) -> Callable[[Path], None]:
    def change(header: list[str], rows: list[dict[str, str]]) -> None:
        rows[row][column] = value

    return _rows(table, change)


def _descriptor(change: Callable[[dict[str, Any]], Any]) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        path = data / "datapackage.json"
        desc = json.loads(path.read_text(encoding="utf-8"))
        change(desc)
        path.write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")

    return edit


def _res(desc: dict[str, Any], table: str) -> dict[str, Any]:
    return next(r for r in desc["resources"] if r["name"] == table)


def _fdef(desc: dict[str, Any], table: str, field: str) -> dict[str, Any]:
    return next(f for f in _res(desc, table)["schema"]["fields"] if f["name"] == field)


def _set_field(table: str, field: str, **changes: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: _fdef(d, table, field).update(changes)


def _set_constraint(table: str, field: str, key: str, value: Any = None) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        cons = _fdef(d, table, field).setdefault("constraints", {})
        if value is None:
            cons.pop(key, None)
        else:
            cons[key] = value

    return change


# --- the mutations ----------------------------------------------------------------------------------------------


def _shipped() -> tuple[dict[str, Any], dict[str, tuple[list[str], list[dict[str, str]]]]]:
    data = settings.data_dir()
    desc = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    tables = {r["name"]: _read(data / r["path"]) for r in desc["resources"]}
    return desc, tables


def descriptor_mutations(desc: dict[str, Any]) -> list[Mutation]:
    """Types, constraints, keys and reading options of every field and resource, each changed one at a time."""
    out: list[Mutation] = []
    dp = "datapackage.json"
    for res in desc["resources"]:
        table, schema = res["name"], res["schema"]
        for f in schema["fields"]:
            name, type_, cons = f["name"], f.get("type", "string"), f.get("constraints", {})
            where = f"{table}.{name}"
            for other in OTHER_TYPES:
                if other != type_:
                    out.append(
                        Mutation(
                            f"{where} typed {other}", _descriptor(_set_field(table, name, type=other)), REFUSED, dp
                        )
                    )
            out.append(
                Mutation(f"{where} dropped", _descriptor(lambda d, t=table, n=name: _drop_field(d, t, n)), REFUSED, dp)
            )
            if "enum" in cons:
                values = cons["enum"]
                out.append(
                    Mutation(f"{where} enum dropped", _descriptor(_set_constraint(table, name, "enum")), EITHER, dp)
                )
                out.append(
                    Mutation(
                        f"{where} enum gains a value",
                        _descriptor(
                            _set_constraint(table, name, "enum", [*values, "zz_new" if type_ == "string" else 99])
                        ),
                        EITHER,
                        dp,
                    )
                )
                out.append(
                    Mutation(
                        f"{where} enum loses a value",
                        _descriptor(_set_constraint(table, name, "enum", values[1:])),
                        EITHER,
                    )
                )
            if cons.get("required"):
                out.append(
                    Mutation(
                        f"{where} not required", _descriptor(_set_constraint(table, name, "required", False)), EITHER
                    )
                )
            if "pattern" in cons:
                out.append(
                    Mutation(
                        f"{where} pattern dropped", _descriptor(_set_constraint(table, name, "pattern")), REFUSED, dp
                    )
                )
                out.append(
                    Mutation(
                        f"{where} catastrophic pattern",
                        _descriptor(_set_constraint(table, name, "pattern", "^([a-z0-9_]+)+$")),
                        REFUSED,
                        dp,
                    )
                )
            elif type_ == "string":
                out.append(
                    Mutation(
                        f"{where} gains a pattern",
                        _descriptor(_set_constraint(table, name, "pattern", "^(a|aa)+$")),
                        REFUSED,
                        dp,
                    )
                )
            if "maxLength" in cons:
                out.append(
                    Mutation(
                        f"{where} maxLength x100",
                        _descriptor(_set_constraint(table, name, "maxLength", cons["maxLength"] * 100)),
                        REFUSED,
                        dp,
                    )
                )
                out.append(
                    Mutation(
                        f"{where} maxLength tighter",
                        _descriptor(_set_constraint(table, name, "maxLength", max(cons["maxLength"] - 1, 1))),
                        EITHER,
                    )
                )
            for key in ("minimum", "maximum", "minLength"):
                if key in cons:
                    out.append(
                        Mutation(f"{where} {key} dropped", _descriptor(_set_constraint(table, name, key)), REFUSED, dp)
                    )
            out.append(
                Mutation(
                    f"{where} unknown constraint",
                    _descriptor(_set_constraint(table, name, "exclusiveMaximum", 5)),
                    REFUSED,
                    dp,
                )
            )
            out.append(
                Mutation(f"{where} format", _descriptor(_set_field(table, name, format="%d/%m/%Y")), REFUSED, dp)
            )
        for i, fk in enumerate(schema.get("foreignKeys", [])):
            col = fk["fields"][0]
            out.append(
                Mutation(
                    f"{table} foreign key {col} dropped",
                    _descriptor(lambda d, t=table, i=i: _res(d, t)["schema"]["foreignKeys"].pop(i)),
                    REFUSED,
                    dp,
                )
            )
            out.append(
                Mutation(
                    f"{table} foreign key {col} retargeted",
                    _descriptor(
                        lambda d, t=table, i=i: _res(d, t)["schema"]["foreignKeys"][i]["reference"].update(
                            resource="citations"
                        )
                    ),
                    REFUSED,
                    dp,
                )
            )
        others = [f["name"] for f in schema["fields"] if f["name"] not in schema["primaryKey"]]
        out += [
            Mutation(
                f"{table} primary key moved",
                _descriptor(lambda d, t=table, o=others[0]: _res(d, t)["schema"].update(primaryKey=[o])),
                REFUSED,
                dp,
            ),
            Mutation(
                f"{table} primary key dropped",
                _descriptor(lambda d, t=table: _res(d, t)["schema"].pop("primaryKey")),
                REFUSED,
                dp,
            ),
            Mutation(f"{table} renamed", _descriptor(lambda d, t=table: _res(d, t).update(name=t + "_x")), REFUSED, dp),
            Mutation(
                f"{table} path changed",
                _descriptor(lambda d, t=table: _res(d, t).update(path="other.csv")),
                REFUSED,
                dp,
            ),
            Mutation(
                f"{table} encoding", _descriptor(lambda d, t=table: _res(d, t).update(encoding="latin-1")), REFUSED, dp
            ),
            Mutation(
                f"{table} dialect",
                _descriptor(lambda d, t=table: _res(d, t).update(dialect={"delimiter": ";"})),
                REFUSED,
                dp,
            ),
            Mutation(
                f"{table} removed", _descriptor(lambda d, t=table: d["resources"].remove(_res(d, t))), REFUSED, dp
            ),
            Mutation(
                f"{table} declared twice",
                _descriptor(lambda d, t=table: d["resources"].append(_res(d, t))),
                REFUSED,
                dp,
            ),
            Mutation(
                f"{table} missing values",
                _descriptor(lambda d, t=table: _res(d, t)["schema"].update(missingValues=["", "NA"])),
                REFUSED,
                dp,
            ),
        ]
    out += [
        Mutation(
            "citations unique key dropped",
            _descriptor(lambda d: _res(d, "citations")["schema"].pop("uniqueKeys")),
            REFUSED,
            dp,
        ),
        Mutation(
            "descriptor text changed", _descriptor(lambda d: d.update(description="Another description.")), ACCEPTED
        ),
        Mutation("version bumped", _descriptor(lambda d: d.update(version="9.9.9")), ACCEPTED),
        Mutation(
            "an extra resource",
            _descriptor(
                lambda d: d["resources"].append({**_res(d, "sources"), "name": "sources_copy", "path": "sources.csv"})
            ),
            EITHER,
        ),
    ]
    return out


def _drop_field(desc: dict[str, Any], table: str, name: str) -> None:
    schema = _res(desc, table)["schema"]
    schema["fields"] = [f for f in schema["fields"] if f["name"] != name]


def table_mutations(desc: dict[str, Any], tables: dict[str, tuple[list[str], list[dict[str, str]]]]) -> list[Mutation]:
    """Cells, rows and columns of every table, each broken (or harmlessly changed) one at a time."""
    out: list[Mutation] = []
    for res in desc["resources"]:
        table, file = res["name"], res["path"]
        header, rows = tables[table]
        pk = res["schema"]["primaryKey"][0]
        if not rows:  # a table shipped empty (the review log): no cell to break, only its file and header
            out += [
                Mutation(f"{table} unknown column", _rows(table, lambda h, r: [*h, "extra"]), REFUSED, file, "extra"),
                Mutation(f"{table} columns reordered", _rows(table, lambda h, r: list(reversed(h))), ACCEPTED),
                Mutation(f"{table} file removed", lambda d, f=file: (d / f).unlink(), REFUSED, file),
                Mutation(f"{table} file empty", lambda d, f=file: (d / f).write_text(""), REFUSED, file),
            ]
            continue
        for f in res["schema"]["fields"]:
            name, type_, cons = f["name"], f.get("type", "string"), f.get("constraints", {})
            where = f"{table}.{name}"
            blank = REFUSED if cons.get("required") else EITHER
            out.append(
                Mutation(f"{where} blanked", _cell(table, 0, name, ""), blank, file, None if blank == EITHER else name)
            )
            out.append(Mutation(f"{where} only spaces", _cell(table, 0, name, "   "), REFUSED, file, name))
            value = rows[0][name] or {"string": "x", "integer": "1", "number": "1", "date": "2022-01-05"}.get(
                type_, "x"
            )
            out.append(Mutation(f"{where} padded", _cell(table, 0, name, f" {value} "), REFUSED, file, name))
            if type_ in SAMPLE_VALUE:
                out.append(
                    Mutation(f"{where} wrong type", _cell(table, 0, name, SAMPLE_VALUE[type_]), REFUSED, file, name)
                )
            if type_ in ("integer", "number"):
                out.append(Mutation(f"{where} huge", _cell(table, 0, name, "9" * 40), REFUSED, file, name))
                out.append(Mutation(f"{where} nan", _cell(table, 0, name, "nan"), REFUSED, file, name))
            if "minimum" in cons:
                out.append(
                    Mutation(
                        f"{where} below minimum", _cell(table, 0, name, str(cons["minimum"] - 1)), REFUSED, file, name
                    )
                )
            if "maximum" in cons:
                out.append(
                    Mutation(
                        f"{where} above maximum", _cell(table, 0, name, str(cons["maximum"] + 1)), REFUSED, file, name
                    )
                )
            if "enum" in cons and type_ == "string":
                out.append(
                    Mutation(f"{where} out of enum", _cell(table, 0, name, "zz_not_a_value"), REFUSED, file, name)
                )
            if type_ == "string":
                out.append(Mutation(f"{where} control character", _cell(table, 0, name, "a\x0bb"), REFUSED, file, name))
                out.append(Mutation(f"{where} line break", _cell(table, 0, name, "a\nb"), REFUSED, file, name))
                out.append(Mutation(f"{where} formula", _cell(table, 0, name, "=1+1"), REFUSED, file, name))
                if "maxLength" in cons:
                    long = "x" * (cons["maxLength"] + 1)
                    out.append(
                        Mutation(f"{where} one over maxLength", _cell(table, 0, name, long), REFUSED, file, name)
                    )
            if type_ == "date":
                out.append(Mutation(f"{where} not ISO", _cell(table, 0, name, "05/01/2022"), REFUSED, file, name))
            if type_ == "boolean":
                out.append(Mutation(f"{where} TRUE", _cell(table, 0, name, "TRUE"), REFUSED, file, name))
            out.append(
                Mutation(
                    f"{where} column dropped",
                    _rows(table, lambda h, r, n=name: [c for c in h if c != n]),
                    REFUSED,
                    file,
                    name,
                )
            )
        out += [
            Mutation(f"{table} duplicate id", _cell(table, 1, pk, rows[0][pk]), REFUSED, file, pk),
            Mutation(f"{table} unknown column", _rows(table, lambda h, r: [*h, "extra"]), REFUSED, file, "extra"),
            Mutation(f"{table} columns reordered", _rows(table, lambda h, r: list(reversed(h))), ACCEPTED),
            Mutation(f"{table} rows reversed", _rows(table, lambda h, r: r.reverse()), ACCEPTED),
            Mutation(f"{table} header only", _rows(table, lambda h, r: r.clear()), EITHER),
            Mutation(f"{table} round trip", _rows(table, lambda h, r: None), ACCEPTED),
            Mutation(f"{table} file removed", lambda d, f=file: (d / f).unlink(), REFUSED, file),
            Mutation(f"{table} file empty", lambda d, f=file: (d / f).write_text(""), REFUSED, file),
            Mutation(f"{table} short row", _short_row(file), REFUSED, file),
            Mutation(f"{table} long row", _long_row(file), REFUSED, file),
        ]
        for fk in res["schema"].get("foreignKeys", []):
            col = fk["fields"][0]
            out.append(Mutation(f"{table}.{col} dangling", _cell(table, 0, col, "zz_nowhere"), REFUSED, file, col))
    first_place = tables["events"][1][0]["place_id"]
    out += [
        Mutation(
            "a place an event names removed",
            _rows("places", lambda h, r: r.remove(next(x for x in r if x["place_id"] == first_place))),
            REFUSED,
            "events.csv",
            "place_id",
        ),
        Mutation("a registered document removed", _rows("sources", lambda h, r: r.pop(0)), REFUSED),
        Mutation(
            "citation duplicated",
            _rows("citations", lambda h, r: r.insert(1, {**r[0], "citation_id": "ci999"})),
            REFUSED,
            "citations.csv",
        ),
        Mutation(
            "citation of a missing record",
            _cell("citations", 0, "record_id", "ev999"),
            REFUSED,
            "citations.csv",
            "record_id",
        ),
        Mutation(
            "citation moved to another table",
            _cell("citations", 0, "table", "reactions"),
            REFUSED,
            "citations.csv",
            "record_id",
        ),
        Mutation(
            "event ends before it starts",
            _cell("events", 0, "date_end", "2021-12-31"),
            REFUSED,
            "events.csv",
            "date_end",
        ),
        Mutation(
            "day precision over a range",
            _cell("events", 0, "date_end", "2022-01-04"),
            REFUSED,
            "events.csv",
            "date_end",
        ),
        Mutation("range precision", _rows("events", _to_range), ACCEPTED),
        Mutation("background flipped", _cell("events", 0, "background", "true"), ACCEPTED),
        Mutation("happening renamed", _cell("events", 0, "happening_id", "zz_new_happening"), ACCEPTED),
        Mutation("description reworded", _cell("events", 0, "description", "Another wording."), ACCEPTED),
        Mutation("event at country level", _rows("events", _at_country), ACCEPTED),
        Mutation(
            "word-only qualifier with a value",
            _cell("casualty_reports", 0, "qualifier", "dozens"),
            REFUSED,
            "casualty_reports.csv",
            "value",
        ),
        Mutation(
            "numeric qualifier without a value",
            _rows("casualty_reports", _no_value),
            REFUSED,
            "casualty_reports.csv",
            "value",
        ),
        Mutation("wrong bound", _cell("casualty_reports", 0, "low", "1"), REFUSED, "casualty_reports.csv", "low"),
        Mutation(
            "a city without coordinates", _rows("places", _city_without("latitude")), REFUSED, "places.csv", "latitude"
        ),
        Mutation(
            "a country with coordinates", _cell("places", 0, "latitude", "48.0"), REFUSED, "places.csv", "latitude"
        ),
        Mutation(
            "an unknown CAMEO code", _cell("reactions", 0, "cameo_code", "999"), REFUSED, "reactions.csv", "cameo_code"
        ),
        Mutation(
            "a CAMEO label reworded",
            _cell("reactions", 0, "cameo_label", "Something else"),
            REFUSED,
            "reactions.csv",
            "cameo_label",
        ),
        Mutation("evidence of two characters", _cell("events", 0, "evidence", "ab"), REFUSED, "events.csv", "evidence"),
        Mutation(
            "evidence of 161 characters",
            _cell("reactions", 0, "evidence", "y" * 161),
            REFUSED,
            "reactions.csv",
            "evidence",
        ),
        Mutation("a 20,000-character cell", _cell("places", 0, "notes", "z" * 20_000), REFUSED, "places.csv", "notes"),
        Mutation(
            "a UTF-8 BOM",
            lambda d: (d / "events.csv").write_bytes(b"\xef\xbb\xbf" + (d / "events.csv").read_bytes()),
            ACCEPTED,
        ),
        Mutation(
            "latin-1 bytes",
            lambda d: (d / "places.csv").write_bytes((d / "places.csv").read_bytes() + b"x,\xe9\n"),
            REFUSED,
            "places.csv",
        ),
        Mutation("descriptor not JSON", lambda d: (d / "datapackage.json").write_text("{"), REFUSED, None),
        Mutation("descriptor removed", lambda d: (d / "datapackage.json").unlink(), REFUSED, None),
    ]
    return out


def _short_row(file: str) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        path = data / file
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join([*lines, "x,y"]) + "\n", encoding="utf-8")

    return edit


def _long_row(file: str) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        path = data / file
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join([lines[0], lines[1] + ",surplus", *lines[2:]]) + "\n", encoding="utf-8")

    return edit


def _to_range(header: list[str], rows: list[dict[str, str]]) -> None:
    rows[0].update(date_precision="range", date_end="2022-01-04")


def _at_country(header: list[str], rows: list[dict[str, str]]) -> None:
    rows[0].update(place_id="kz", geo_precision="3")


def _no_value(header: list[str], rows: list[dict[str, str]]) -> None:
    rows[0].update(value="", low="", high="")


def _city_without(column: str) -> Callable[[list[str], list[dict[str, str]]], None]:
    def change(header: list[str], rows: list[dict[str, str]]) -> None:
        next(r for r in rows if r["kind"] == "city")[column] = ""

    return change


def all_mutations() -> list[Mutation]:
    desc, tables = _shipped()
    return descriptor_mutations(desc) + table_mutations(desc, tables)


# --- the run ----------------------------------------------------------------------------------------------------


def _outcome(mutation: Mutation, data: Path) -> tuple[str, str | None]:
    """('refused' | 'accepted', why this mutation fails the rules, or None)."""
    try:
        report = validate(data)
    except Exception as exc:  # noqa: BLE001 - validation must never raise: that is the failure being looked for
        return "crashed", f"validate() raised {type(exc).__name__}: {exc}"
    if report.problems:
        bad = [p for p in report.problems if not p.file or not p.rule]
        if bad:
            return REFUSED, f"a problem without file or rule: {bad[0]!r}"
        if mutation.file and not any(
            Path(p.file).name == mutation.file and (mutation.column is None or mutation.column in (p.column or ""))
            for p in report.problems
        ):
            return REFUSED, f"no problem names {mutation.file} / {mutation.column}: {report.problems[0]}"
        if mutation.expect == ACCEPTED:
            return REFUSED, f"wrongly refused: {report.problems[0]}"
        return REFUSED, None
    if mutation.expect == REFUSED:
        return ACCEPTED, "wrongly accepted"
    try:
        load(data)
    except DataValidationError as exc:
        return ACCEPTED, f"validate() passed but load() refused: {exc}"
    except Exception as exc:  # noqa: BLE001
        return ACCEPTED, f"load() raised {type(exc).__name__}: {exc}"
    return ACCEPTED, None


def _cli_clean(data: Path, tmp: Path, accepted: bool, exports: tuple[str, ...]) -> str | None:
    """Run `qantar validate` (and the exports of an accepted dataset): no traceback, no internal error."""
    out = run_qantar("validate", "--data-dir", str(data))
    if out.returncode != (0 if accepted else 1) or "internal error" in out.stderr or "Traceback" in out.stderr:
        return f"qantar validate exited {out.returncode}: {out.stderr[-300:]}"
    for fmt in exports if accepted else ():
        target = tmp / f"out.{fmt}"
        res = run_qantar("export", "--format", fmt, "--out", str(target), "--force", "--data-dir", str(data))
        if res.returncode != 0:
            return f"export {fmt} exited {res.returncode}: {res.stderr[-300:]}"
    return None


def kind(name: str) -> str:
    """A mutation's kind: its name without the table or field it was applied to ('typed integer', 'dangling')."""
    first, _, rest = name.partition(" ")
    return rest if rest and ("." in first or first in TABLES) else name


def sample(mutations: list[Mutation]) -> list[Mutation]:
    """The fast tier's share: of each kind, the first, middle and last instance (spread over the tables)."""
    by_kind: dict[str, list[Mutation]] = {}
    for m in mutations:
        by_kind.setdefault(kind(m.name), []).append(m)
    keep = {id(ms[i]) for ms in by_kind.values() for i in {0, len(ms) // 2, len(ms) - 1}}
    return [m for m in mutations if id(m) in keep]


def _run(tmp_path: Path, every: bool, exports: tuple[str, ...] = (), shard: tuple[int, int] = (0, 1)) -> None:
    original = settings.data_dir()
    data = tmp_path / "data"
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    data.mkdir()
    pristine = {p.name: p.read_bytes() for p in original.iterdir() if p.is_file()}  # restored before each edit
    mutations = all_mutations() if every else sample(all_mutations())
    assert len({m.name for m in mutations}) == len(mutations), "mutation names must be unique"
    mutations = mutations[shard[0] :: shard[1]]  # every shard-th one: the shards together run each mutation once
    counts: Counter[str] = Counter()
    failures: list[str] = []
    for m in mutations:
        for p in data.iterdir():
            if p.name not in pristine:
                p.unlink()
        for name, content in pristine.items():
            (data / name).write_bytes(content)
        m.edit(data)
        outcome, why = _outcome(m, data)
        counts[outcome] += 1
        if why is None and every:
            why = _cli_clean(data, out_dir, outcome == ACCEPTED, exports)
        if why is not None:
            failures.append(f"{m.name} ({outcome}): {why}")
    kinds = len({kind(m.name) for m in mutations})
    summary = f"{len(mutations)} mutations of {kinds} kinds: {counts[REFUSED]} refused, {counts[ACCEPTED]} accepted"
    print(f"\n{summary}; {len(failures)} failed the rules")
    assert not failures, summary + "\n" + "\n".join(failures)


def test_every_mutation_is_refused_with_a_message_or_loads(tmp_path: Path) -> None:
    """Fast: three mutations of each kind through validation; accepted ones must also load."""
    _run(tmp_path, every=False)


SHARDS = 4  # the slow run is split so that pytest-xdist's workers share it


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_mutation_through_the_command_line_and_every_export(tmp_path: Path, shard: int) -> None:
    """Every mutation through `qantar validate`; every accepted one through the four exports too."""
    _run(tmp_path, every=True, exports=("acled", "xlsx", "sqlite", "geojson"), shard=(shard, SHARDS))
