"""Bad input is rejected with messages that name file, row, column, value and rule; nothing is written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cli import run_qantar

from conftest import snapshot
from qantar import DataValidationError, load, validate


def _set(filename: str, row: int, column: str, value: str):
    def mutate(header, rows):
        rows[row - 1][column] = value

    return filename, mutate


def _drop_column(filename: str, column: str):
    def mutate(header, rows):
        return [h for h in header if h != column]

    return filename, mutate


def _copy_row(index: int, column: str, value: str):
    """Insert a copy of row ``index`` right after it, with ``column`` set to ``value``."""

    def mutate(header, rows):
        rows.insert(index + 1, {**rows[index], column: value})

    return mutate


def _duplicate_id(filename: str, column: str):
    def mutate(header, rows):
        rows[4][column] = rows[2][column]

    return filename, mutate


CASES = {
    # name: (edit, expected file, row, column, rule fragment)
    "missing column": (
        _drop_column("events.csv", "geo_precision"),
        "events.csv",
        None,
        "geo_precision",
        "missing column",
    ),
    "malformed date": (
        _set("events.csv", 3, "date_start", "2022-13-45"),
        "events.csv",
        3,
        "date_start",
        "type: expected a date",
    ),
    "malformed date text": (
        _set("casualty_reports.csv", 2, "as_of_date", "5 Jan 2022"),
        "casualty_reports.csv",
        2,
        "as_of_date",
        "type: expected a date",
    ),
    "unknown place id": (_set("events.csv", 7, "place_id", "atlantis"), "events.csv", 7, "place_id", "foreign key"),
    "negative count": (
        _set("casualty_reports.csv", 1, "value", "-317"),
        "casualty_reports.csv",
        1,
        "value",
        "negative count",
    ),
    "duplicate id": (_duplicate_id("reactions.csv", "reaction_id"), "reactions.csv", 5, "reaction_id", "duplicate id"),
    "unknown enum value": (
        _set("casualty_reports.csv", 4, "group", "aliens"),
        "casualty_reports.csv",
        4,
        "group",
        "enum",
    ),
    "snippet not in document": (
        _set("events.csv", 2, "evidence", "Crowds marched on the moon on January 2"),
        "events.csv",
        2,
        "evidence",
        "snippet not in its document",
    ),
    "snippet over 160 characters": (
        _set("reactions.csv", 1, "evidence", "x" * 161),
        "reactions.csv",
        1,
        "evidence",
        "maxLength",
    ),
    "snippet under 3 characters": (
        _set("events.csv", 2, "evidence", "at"),
        "events.csv",
        2,
        "evidence",
        "minLength: 2 characters, at least 3",
    ),
    "wrong derived bound": (_set("casualty_reports.csv", 1, "low", "300"), "casualty_reports.csv", 1, "low", "bounds"),
    "unknown citation target": (
        _set("citations.csv", 1, "record_id", "ev999"),
        "citations.csv",
        1,
        "record_id",
        "foreign key",
    ),
    "unknown wording target": (
        _set("wordings.csv", 2, "record_id", "ev999"),
        "wordings.csv",
        2,
        "record_id",
        "foreign key",
    ),
    "wording code outside its aspect": (
        _set("wordings.csv", 1, "codes", "crowd;police"),
        "wordings.csv",
        1,
        "codes",
        "codes: police not valid for 'actor'",
    ),
    "wording area not a place": (
        _set("wordings.csv", 13, "codes", "almaty;atlantis"),
        "wordings.csv",
        13,
        "codes",
        "codes: atlantis not valid for 'area' (place_ids",
    ),
    "wording code twice": (
        _set("wordings.csv", 17, "codes", "police;police"),
        "wordings.csv",
        17,
        "codes",
        "given twice",
    ),
    "wording words not in document": (
        _set("wordings.csv", 3, "words", "little green men"),
        "wordings.csv",
        3,
        "words",
        "words not in their document",
    ),
    "unknown CAMEO code": (_set("reactions.csv", 2, "cameo_code", "999"), "reactions.csv", 2, "cameo_code", "CAMEO"),
    "end before start": (
        _set("reactions.csv", 10, "date_end", "2021-01-01"),
        "reactions.csv",
        10,
        "date_end",
        "date order",
    ),
    "document not in the register": (
        _set("events.csv", 4, "doc_id", "009_0123456789abcdef"),
        "events.csv",
        4,
        "doc_id",
        "foreign key",
    ),
    "register: duplicate document": (
        _duplicate_id("sources.csv", "doc_id"),
        "sources.csv",
        5,
        "doc_id",
        "duplicate id",
    ),
    "register: malformed hash": (_set("sources.csv", 2, "sha256", "abc"), "sources.csv", 2, "sha256", "pattern"),
    "duplicate citation": (
        ("citations.csv", _copy_row(0, "citation_id", "ci999")),
        "citations.csv",
        2,
        "table, record_id, doc_id, evidence",
        "duplicate: the same table, record_id, doc_id and evidence as row 1",
    ),
    "bell character": (
        _set("events.csv", 3, "description", "Street\x07protest"),
        "events.csv",
        3,
        "description",
        "control",
    ),
    "vertical tab": (_set("places.csv", 2, "notes", "a\x0bb"), "places.csv", 2, "notes", "control character U+000B"),
    "line break in a cell": (
        _set("reactions.csv", 4, "summary", "two\nlines"),
        "reactions.csv",
        4,
        "summary",
        "U+000A",
    ),
    "bidi override": (_set("events.csv", 5, "actor1", "Police\u202e"), "events.csv", 5, "actor1", "U+202E"),
    "NUL-free C1 control": (
        _set("casualty_reports.csv", 2, "notes", "x\x85y"),
        "casualty_reports.csv",
        2,
        "notes",
        "U+0085",
    ),
    "register: publication date": (
        _set("sources.csv", 1, "published_date", "6 Jan 2022"),
        "sources.csv",
        1,
        "published_date",
        "type: expected a date",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_rejected_with_location(case: str, edit_table, request: pytest.FixtureRequest) -> None:
    (filename, mutate), file_, row, column, rule = CASES[case]
    # Only the verbatim rules (snippets, wording words) need the texts; the others run without them.
    texts_dir = (
        request.getfixturevalue("texts_dir") if case.startswith(("snippet not in", "wording words not in")) else None
    )
    data = edit_table(filename, mutate)
    before = snapshot(data)
    with pytest.raises(DataValidationError) as err:
        load(data_dir=data, texts_dir=texts_dir)
    matching = [p for p in err.value.problems if p.file == file_ and p.column == column and rule in p.rule]
    assert matching, f"no problem naming {file_}/{column}/{rule!r} in:\n{err.value}"
    problem = matching[0]
    assert problem.row == row
    text = str(problem)
    assert file_ in text and f"column '{column}'" in text and (row is None or f"row {row} " in text)
    assert snapshot(data) == before  # a failed load changes no file


def test_every_problem_is_reported_not_just_the_first(edit_table) -> None:
    def mutate(header, rows):
        rows[0]["date_start"] = "yesterday"
        rows[1]["place_id"] = "nowhere"
        rows[2]["event_type"] = "Picnic"

    data = edit_table("events.csv", mutate)
    report = validate(data)
    found = {(p.row, p.column) for p in report.problems}
    assert {(1, "date_start"), (2, "place_id"), (3, "event_type")} <= found
    message = str(DataValidationError(report.problems))
    assert message.startswith(f"{len(report.problems)} problem(s)")
    assert "yesterday" in message and "nowhere" in message and "Picnic" in message


def test_enum_message_lists_valid_values(edit_table) -> None:
    data = edit_table(*_set("casualty_reports.csv", 4, "measure", "wounded"))
    (problem,) = [p for p in validate(data).problems if p.column == "measure"]
    assert "killed" in problem.rule and "injured" in problem.rule and problem.value == "wounded"


def test_hash_mismatch_is_reported(tmp_path: Path, texts_dir: Path) -> None:
    copy = tmp_path / "texts"
    copy.mkdir()
    for p in texts_dir.glob("*.txt"):
        (copy / p.name).write_bytes(p.read_bytes())
    victim = sorted(copy.glob("*.txt"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nAppended line.", encoding="utf-8")
    problems = validate(texts_dir=copy).problems
    assert any(p.column == "sha256" and "hash mismatch" in p.rule and victim.name in p.rule for p in problems)


def test_cli_exits_nonzero_listing_every_error(edit_table) -> None:
    def mutate(header, rows):
        rows[0]["value"] = "-1"
        rows[1]["qualifier"] = "roughly"

    data = edit_table("casualty_reports.csv", mutate)
    out = run_qantar("validate", "--data-dir", str(data))
    assert out.returncode == 1
    assert "casualty_reports.csv, row 1" in out.stderr and "casualty_reports.csv, row 2" in out.stderr
    assert "'roughly'" in out.stderr


# --- malformed files: every one is a message naming the file, never a traceback ----------------------


def _replace_bytes(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))


def _cli_validate(data: Path, *extra: str) -> subprocess.CompletedProcess:
    return run_qantar("validate", "--data-dir", str(data), *extra)


FILE_CASES = {
    # name: (mutate(data_dir), expected fragment in the message)
    "latin-1 byte": (
        lambda d: _replace_bytes(d / "events.csv", "Zhanaozen".encode(), b"Zhana\xf6zen"),
        "events.csv, row 1 (line 2): encoding: byte 0xF6 on line 2 is not UTF-8",
    ),
    "binary garbage": (
        lambda d: (d / "reactions.csv").write_bytes(bytes(range(256)) * 40),
        "reactions.csv: binary content: NUL byte on line 1",
    ),
    "1 MB field": (
        lambda d: _replace_bytes(d / "events.csv", b"Street protest", b"x" * 1_000_000),
        "field too long: over 131,072 characters on line 2",
    ),
    "nan latitude": (
        lambda d: _replace_bytes(d / "places.csv", b"43.34116", b"nan"),
        "column 'latitude', value 'nan': type",
    ),
    "underscore latitude": (lambda d: _replace_bytes(d / "places.csv", b"43.34116", b"4_3.2"), "value '4_3.2': type"),
    "out-of-range latitude": (lambda d: _replace_bytes(d / "places.csv", b"43.34116", b"143.3"), "maximum"),
    "descriptor is a list": (lambda d: (d / "datapackage.json").write_text("[]"), "expected a JSON object, found list"),
    "descriptor is empty": (lambda d: (d / "datapackage.json").write_text("{}"), "non-empty 'resources' list"),
    "descriptor no resources": (
        lambda d: (d / "datapackage.json").write_text('{"resources": []}'),
        "non-empty 'resources'",
    ),
    "resource without path": (
        lambda d: _edit_descriptor(d, lambda r: _res(r, "events").pop("path")),
        "column 'events.path'",
    ),
    "resource path escapes": (
        lambda d: _edit_descriptor(d, lambda r: _res(r, "events").update(path="../../etc/passwd")),
        "no folders",
    ),
    "no events resource": (
        lambda d: _edit_descriptor(d, lambda r: r.remove(_res(r, "events"))),
        "missing resource: the lib needs the 'events'",
    ),
    "no source register": (
        lambda d: _edit_descriptor(d, lambda r: r.remove(_res(r, "sources"))),
        "missing resource: the lib needs the 'sources'",
    ),
    "duplicate header": (
        lambda d: _replace_bytes(d / "citations.csv", b"citation_id,table", b"citation_id,citation_id"),
        "column 'citation_id': duplicate column",
    ),
    "whitespace-only required": (
        lambda d: _replace_bytes(d / "events.csv", b",Protests,", b",   ,"),
        "required value is blank",
    ),
    "formula in text": (
        lambda d: _replace_bytes(d / "events.csv", b"Street protest", b'=HYPERLINK("http://x")'),
        "formula: text must not start with",
    ),
    "20,000-character description": (
        lambda d: _replace_bytes(d / "events.csv", b"Street protest", b"y" * 20_000),
        "maxLength: 20",
    ),
    "Arabic-Indic digits in an id": (
        lambda d: _replace_bytes(d / "events.csv", b"ev001,", "ev٠٠١,".encode()),
        "pattern: does not match ^ev[0-9]{3,}$",
    ),
    "full-width digits in a count": (
        lambda d: _replace_bytes(d / "casualty_reports.csv", b",317,317,317,", ",３１７,317,317,".encode()),
        "type: expected a whole number",
    ),
}


def _res(resources: list, name: str) -> dict:
    return next(r for r in resources if r["name"] == name)


def _edit_descriptor(data: Path, change) -> None:
    import json

    path = data / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    change(desc["resources"])
    path.write_text(json.dumps(desc), encoding="utf-8")


@pytest.mark.parametrize("case", list(FILE_CASES))
def test_malformed_files_are_problems_not_tracebacks(case: str, data_copy: Path) -> None:
    mutate, fragment = FILE_CASES[case]
    mutate(data_copy)
    report = validate(data_copy)
    assert any(fragment in str(p) for p in report.problems), "\n".join(map(str, report.problems))
    with pytest.raises(DataValidationError):
        load(data_dir=data_copy)  # never a crash while typing the frames
    out = _cli_validate(data_copy)
    assert out.returncode == 1 and fragment in out.stderr and "Traceback" not in out.stderr


def test_a_bom_is_accepted_without_contradictions(data_copy: Path) -> None:
    path = data_copy / "events.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert validate(data_copy).problems == []
    assert len(load(data_dir=data_copy).events) > 0


def test_ids_grow_past_999_and_stay_ascii(data_copy: Path) -> None:
    _replace_bytes(data_copy / "events.csv", b"ev060,", b"ev1060,")
    assert validate(data_copy).problems == []


def test_a_non_utf8_source_text_is_named(tmp_path: Path, texts_dir: Path) -> None:
    copy = tmp_path / "texts"
    copy.mkdir()
    for p in texts_dir.glob("*.txt"):
        (copy / p.name).write_bytes(p.read_bytes())
    victim = sorted(copy.glob("*.txt"))[2]
    victim.write_bytes(victim.read_bytes().replace(b"Moscow", b"Mosc\xf6w", 1))
    out = run_qantar("validate", "--texts-dir", str(copy))
    assert out.returncode == 1 and f"{victim.name}: encoding: byte 0xF6" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.slow
def test_validate_into_a_closed_pipe_is_quiet() -> None:
    out = subprocess.run(
        f"'{sys.executable}' -m qantar.cli validate | head -1", shell=True, capture_output=True, text=True
    )
    assert out.stdout.startswith("Dataset ") and len(out.stdout.splitlines()) == 1
    assert "Traceback" not in out.stderr and "BrokenPipe" not in out.stderr


def test_gazetteer_on_a_missing_folder_says_so(tmp_path: Path) -> None:
    out = run_qantar("gazetteer", "--data-dir", str(tmp_path / "nope"))
    assert out.returncode == 1 and "places.csv not found" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize(
    "change,fragment",
    [
        (
            lambda r: _res(r, "events")["schema"]["fields"][0].update(constraints="required"),
            "constraints must be an object",
        ),
        (
            lambda r: _res(r, "events")["schema"]["fields"][5]["constraints"].update(enum=5),
            "enum must be a non-empty list",
        ),
        (
            lambda r: _res(r, "events")["schema"]["fields"][0]["constraints"].update(pattern="(["),
            "not a valid regular expression",
        ),
        (
            lambda r: _res(r, "events")["schema"]["fields"][0]["constraints"].update(maxLength="400"),
            "maxLength must be a whole number",
        ),
        (lambda r: _res(r, "events")["schema"].update(foreignKeys="x"), "foreignKeys must be a list"),
        (
            lambda r: _res(r, "events")["schema"].update(foreignKeys=[{"fields": ["place_id"]}]),
            "each foreign key needs",
        ),
        (
            lambda r: _res(r, "events")["schema"].update(
                fields=[f for f in _res(r, "events")["schema"]["fields"] if f["name"] != "background"]
            ),
            "missing field(s) the lib reads",
        ),
    ],
)
def test_malformed_descriptors_are_problems(change, fragment: str, data_copy: Path) -> None:
    _edit_descriptor(data_copy, change)
    out = _cli_validate(data_copy)
    assert out.returncode == 1 and fragment in out.stderr and "internal error" not in out.stderr, out.stderr


def test_huge_numbers_and_utf16_are_problems(data_copy: Path) -> None:
    _replace_bytes(data_copy / "casualty_reports.csv", b",317,317,317,", b"," + b"9" * 5000 + b",317,317,")
    path = data_copy / "citations.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    out = _cli_validate(data_copy)
    assert out.returncode == 1 and "internal error" not in out.stderr
    assert "type: expected a whole number" in out.stderr and "UTF-16" in out.stderr


def test_gazetteer_write_refuses_malformed_rows(data_copy: Path) -> None:
    path = data_copy / "places.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [line + ",a stray, extra note" if line.startswith("almaty,city") else line for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = path.read_bytes()
    out = run_qantar("gazetteer", "--data-dir", str(data_copy), "--write")
    assert out.returncode == 1 and "row width differs" in out.stderr and path.read_bytes() == before
