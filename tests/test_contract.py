"""The descriptor against what the lib needs: a datapackage.json the lib would misread is refused with a message.

Each case edits one thing in a copy of data/datapackage.json that Table Schema allows but the lib cannot honour
(a type, an enum, a key, a pattern, a reading option) and expects `qantar validate` to refuse it, naming
datapackage.json, the resource and field, and the rule; never "valid", never an internal error.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Callable

import pytest
from cli import run_qantar

from qantar import DataValidationError, load, validate


def _res(desc: dict, name: str) -> dict:
    return next(r for r in desc["resources"] if r["name"] == name)


def _field(desc: dict, table: str, name: str) -> dict:
    return next(f for f in _res(desc, table)["schema"]["fields"] if f["name"] == name)


def _cons(desc: dict, table: str, name: str) -> dict:
    return _field(desc, table, name).setdefault("constraints", {})


def _drop_fk(desc: dict, table: str, column: str) -> None:
    schema = _res(desc, table)["schema"]
    schema["foreignKeys"] = [fk for fk in schema["foreignKeys"] if fk["fields"] != [column]]


CASES: dict[str, tuple[Callable[[dict], Any], str]] = {
    # name: (edit of the descriptor, fragment the message must contain)
    "boolean typed as string": (
        lambda d: _field(d, "events", "background").update(type="string"),
        "events.background: type 'string'; the lib reads it as 'boolean'",
    ),
    "integer typed as number": (
        lambda d: _field(d, "events", "geo_precision").update(type="number"),
        "events.geo_precision: type 'number'; the lib reads it as 'integer'",
    ),
    "date typed as string": (
        lambda d: _field(d, "events", "date_start").update(type="string"),
        "events.date_start: type 'string'; the lib reads it as 'date'",
    ),
    "count typed as string": (
        lambda d: _field(d, "casualty_reports", "value").update(type="string"),
        "casualty_reports.value: type 'string'",
    ),
    "id typed as integer": (
        lambda d: _field(d, "places", "place_id").update(type="integer"),
        "places.place_id: type 'integer'",
    ),
    "enum value the lib does not know": (
        lambda d: _cons(d, "casualty_reports", "group")["enum"].append("aliens"),
        "casualty_reports.group.constraints.enum: 'aliens' is not a value the lib knows",
    ),
    "qualifier the lib cannot bound": (
        lambda d: _cons(d, "casualty_reports", "qualifier")["enum"].append("roughly"),
        "'roughly' is not a value the lib knows",
    ),
    "stance without a label": (
        lambda d: _cons(d, "reactions", "stance")["enum"].append("ambivalent"),
        "reactions.stance.constraints.enum: 'ambivalent'",
    ),
    "ACLED type not in the codebook": (
        lambda d: _cons(d, "events", "event_type")["enum"].append("Picnics"),
        "events.event_type.constraints.enum: 'Picnics'",
    ),
    "enum dropped from an interpreted field": (
        lambda d: _cons(d, "casualty_reports", "measure").pop("enum"),
        "casualty_reports.measure.constraints: needs an enum",
    ),
    "citations may point at any table": (
        lambda d: _cons(d, "citations", "table")["enum"].append("sources"),
        "citations.table.constraints.enum: 'sources'",
    ),
    "required dropped": (
        lambda d: _cons(d, "events", "date_start").pop("required"),
        "events.date_start.constraints.required: the lib needs every row to fill it",
    ),
    "evidence may be long": (
        lambda d: _cons(d, "events", "evidence").update(maxLength=5000),
        "events.evidence.constraints.maxLength: 5000 is looser than the lib's 160",
    ),
    "evidence length unbounded": (
        lambda d: _cons(d, "reactions", "evidence").pop("maxLength"),
        "reactions.evidence.constraints.maxLength: missing; the lib needs at most 160",
    ),
    "negative counts allowed": (
        lambda d: _cons(d, "casualty_reports", "value").pop("minimum"),
        "casualty_reports.value.constraints.minimum: missing; the lib needs at least 0",
    ),
    "latitude unbounded": (
        lambda d: _cons(d, "places", "latitude").update(maximum=900),
        "places.latitude.constraints.maximum: 900 is looser than the lib's 90",
    ),
    "primary key moved": (
        lambda d: _res(d, "events")["schema"].update(primaryKey=["happening_id"]),
        "events.schema.primaryKey: ['happening_id']; the lib needs ['event_id']",
    ),
    "foreign key to places removed": (
        lambda d: _drop_fk(d, "events", "place_id"),
        "events.schema.foreignKeys: missing place_id → places.place_id",
    ),
    "register foreign key removed": (
        lambda d: _drop_fk(d, "reactions", "doc_id"),
        "reactions.schema.foreignKeys: missing doc_id → sources.doc_id",
    ),
    "self foreign key removed": (
        lambda d: _drop_fk(d, "places", "parent_id"),
        "places.schema.foreignKeys: missing parent_id → places.place_id",
    ),
    "foreign key retargeted": (
        lambda d: _res(d, "events")["schema"]["foreignKeys"][0]["reference"].update(resource="reactions"),
        "events.schema.foreignKeys",
    ),
    "foreign key to nowhere": (
        lambda d: _res(d, "events")["schema"]["foreignKeys"].append(
            {"fields": ["actor1"], "reference": {"resource": "actors", "fields": ["actor_id"]}}
        ),
        "refers to resource 'actors', which the descriptor does not declare",
    ),
    "unique key removed": (
        lambda d: _res(d, "citations")["schema"].pop("uniqueKeys"),
        "citations.schema.uniqueKeys: missing ['table', 'record_id', 'doc_id', 'evidence']",
    ),
    "catastrophic pattern": (
        lambda d: _cons(d, "events", "event_id").update(pattern="^(e|v|ev|[0-9]+)+$"),
        "events.event_id.constraints.pattern: differs from the lib's ^ev[0-9]{3,}$",
    ),
    "pattern on free text": (
        lambda d: _cons(d, "events", "description").update(pattern="^([A-Za-z ]+)+$"),  # hung validation
        "events.description.constraints.pattern: the lib checks no pattern on this field",
    ),
    "pattern dropped from an id": (
        lambda d: _cons(d, "sources", "doc_id").pop("pattern"),
        "sources.doc_id.constraints.pattern: missing; the lib needs ^[0-9]{3}_[0-9a-f]{16}$",
    ),
    "resource renamed": (
        lambda d: _res(d, "events").update(name="happenings"),
        "missing resource: the lib needs the 'events' table",
    ),
    "resource file renamed": (
        lambda d: _res(d, "events").update(path="places.csv"),
        "events.path: 'places.csv'; the lib reads events.csv",
    ),
    "another encoding": (
        lambda d: _res(d, "events").update(encoding="latin-1"),
        "events.encoding: 'latin-1'; the lib reads UTF-8",
    ),
    "a CSV dialect": (
        lambda d: _res(d, "events").update(dialect={"delimiter": ";"}),
        "events.dialect: the lib reads plain comma-separated CSV",
    ),
    "boolean spellings": (
        lambda d: _field(d, "events", "background").update(trueValues=["yes"], falseValues=["no"]),
        "events.background.trueValues: the lib reads only",
    ),
    "date format": (
        lambda d: _field(d, "events", "date_start").update(format="%d/%m/%Y"),
        "events.date_start.format: '%d/%m/%Y'; the lib reads only ISO",
    ),
    "missing values": (
        lambda d: _res(d, "events")["schema"].update(missingValues=["", "NA"]),
        "events.schema.missingValues",
    ),
    "unknown constraint": (
        lambda d: _cons(d, "casualty_reports", "value").update(exclusiveMinimum=0),
        "casualty_reports.value.constraints.exclusiveMinimum: a constraint the lib does not check",
    ),
    "enum of objects": (
        lambda d: _cons(d, "events", "date_basis").update(enum=[{"a": 1}]),
        "events.date_basis.constraints.enum: every value must be a string",
    ),
    "enum of the wrong type": (
        lambda d: _cons(d, "events", "geo_precision").update(enum=["1", "2", "3"]),
        "events.geo_precision.constraints.enum: every value must be an integer",
    ),
    "field declared twice": (
        lambda d: _res(d, "events")["schema"]["fields"].append({"name": "description", "type": "string"}),
        "events.schema.fields: 'description' is declared more than once",
    ),
}


@pytest.mark.serial  # times the validation
@pytest.mark.parametrize("case", list(CASES))
def test_descriptor_the_lib_would_misread_is_refused(case: str, data_copy: Path) -> None:
    edit, fragment = CASES[case]
    path = data_copy / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    edit(desc)
    path.write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
    started = time.monotonic()
    problems = validate(data_copy).problems
    assert time.monotonic() - started < 5
    column, _, rule = fragment.partition(": ") if " " not in fragment.split(": ")[0] else ("", "", fragment)
    named = f"column '{column}'" if column else ""
    assert any(rule in str(p) and named in str(p) for p in problems), "\n".join(map(str, problems)) or "accepted"
    assert all(p.file == "datapackage.json" for p in problems), "the descriptor is checked before the tables"
    with pytest.raises(DataValidationError):
        load(data_dir=data_copy)
    out = run_qantar("validate", "--data-dir", str(data_copy))
    assert out.returncode == 1 and rule in out.stderr and named in out.stderr, out.stderr
    assert "internal error" not in out.stderr


def test_the_shipped_descriptor_meets_the_contract() -> None:
    from qantar import settings
    from qantar.contract import check

    desc = json.loads((settings.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    assert check(desc) == []


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: _cons(d, "events", "description").update(maxLength=300),  # stricter than the lib's 400
        lambda d: _cons(d, "casualty_reports", "relayed_by")["enum"].remove("tass"),  # fewer values (none used)
        lambda d: _res(d, "events")["schema"]["fields"].append({"name": "extra", "type": "string"}),
        lambda d: _cons(d, "events", "variant_note").update(required=False),  # not required by the lib either
        lambda d: _field(d, "events", "description").update(title="What happened"),
    ],
    ids=["stricter length", "fewer enum values", "extra field", "optional stays optional", "a title"],
)
def test_stricter_or_additive_descriptors_are_accepted(edit, data_copy: Path) -> None:
    import csv

    path = data_copy / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    edit(desc)
    path.write_text(json.dumps(desc), encoding="utf-8")
    if any(f["name"] == "extra" for f in _res(desc, "events")["schema"]["fields"]):
        events = data_copy / "events.csv"
        with events.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        with events.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(
                [r + (["extra"] if i == 0 else [""]) for i, r in enumerate(rows)]
            )
    assert validate(data_copy).problems == []
