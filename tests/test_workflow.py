"""The workflow from a new text to cited records: add-text, accept, the review log, missing texts (issue 18).

Every test works on a private copy of data/ and a private texts folder; the project's data/ is never written.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from qantar import settings
from tests.cli import run_qantar
from tests.conftest import read_rows, snapshot


@pytest.fixture
def texts_copy(tmp_path: Path, texts_dir: Path) -> Path:
    """A private copy of the source texts that a test may add to or remove from."""
    dst = tmp_path / "texts"
    shutil.copytree(texts_dir, dst)
    return dst


def test_missing_texts_are_reported_per_source_not_as_failure(data_copy: Path, texts_copy: Path) -> None:
    """Three texts absent: validate passes, says how many records cite them, names them, checks the other two."""
    gone = sorted(p.stem for p in texts_copy.glob("*.txt"))[:3]
    for doc in gone:
        (texts_copy / f"{doc}.txt").unlink()
    result = run_qantar("validate", "--data-dir", str(data_copy), "--texts-dir", str(texts_copy))
    assert result.returncode == 0, result.stderr
    from qantar.validation import validate

    report = validate(data_copy, texts_copy)
    registered = {r["doc_id"] for r in read_rows(data_copy / "sources.csv")[1]}
    absent = sorted(registered - {p.stem for p in texts_copy.glob("*.txt")})  # the 3 removed + later texts not here
    assert set(gone) <= set(absent)
    assert report.ok and report.missing_texts == absent
    decisions = report.cites_missing.get("review_log", 0)
    n = sum(report.cites_missing.values()) - decisions
    assert n > 0
    also = f" ({decisions} review-log decisions also name them)" if decisions else ""
    assert (
        f"{n} records cite {len(absent)} texts not present here{also}; their evidence was not re-checked"
        in result.stdout
    )
    registered_rows = {r["doc_id"]: r for r in read_rows(data_copy / "sources.csv")[1]}
    for doc in absent:  # each absent text is named with its outlet and date, so a reader can find it
        assert f"  {doc}: {registered_rows[doc]['outlet']}, {registered_rows[doc]['published_date']}" in result.stdout
    for doc in gone:
        assert doc in result.stdout


def test_evidence_still_checked_for_texts_that_are_present(data_copy: Path, texts_copy: Path, edit_table) -> None:
    """With some texts missing, a wrong snippet citing a present text still fails."""
    present = sorted(p.stem for p in texts_copy.glob("*.txt"))
    (texts_copy / f"{present[0]}.txt").unlink()

    def spoil(header: list[str], rows: list[dict[str, str]]) -> None:
        row = next(r for r in rows if r["doc_id"] == present[-1])
        row["evidence"] = "words that are in no text at all"

    edit_table("events.csv", spoil)
    from qantar.validation import validate

    report = validate(data_copy, texts_copy)
    assert [p.rule for p in report.problems] == [f"snippet not in its document: not found verbatim in {present[-1]}"]


# ---------------------------------------------------------------------------------------------------------------
# qantar add-text

FIXTURES = Path(__file__).parent / "data"
TEXT = FIXTURES / "workflow_text.txt"
CANDIDATES = FIXTURES / "workflow_candidates.json"
LOCK = settings.LOCK_NAME  # created by the first write; the one file a refused command may leave (git-ignored)


def unchanged(folder: Path, before: dict[str, str]) -> bool:
    """True when every file below ``folder`` is as before, the writer's lock file aside."""
    return {k: v for k, v in snapshot(folder).items() if k != LOCK} == {k: v for k, v in before.items() if k != LOCK}


def add_text(data: Path, texts: Path, *extra: str, path: Path = TEXT, published: str = "2022-01-12"):
    """Run ``qantar add-text`` on the copies."""
    return run_qantar(
        "add-text", str(path), "--published", published, "--data-dir", str(data), "--texts-dir", str(texts), *extra
    )


def registered(data: Path) -> dict[str, dict[str, str]]:
    """The register of a data folder, by doc id."""
    return {r["doc_id"]: r for r in read_rows(data / "sources.csv")[1]}


def test_add_text_copies_byte_for_byte_under_a_content_derived_id(data_copy: Path, texts_copy: Path) -> None:
    """The next free number and the first 16 hex digits of the SHA-256; the row says what is known and how."""
    before = registered(data_copy)
    result = add_text(data_copy, texts_copy, "--outlet", "Test Wire", "--url", "https://example.org/a", "--excerpt")
    assert result.returncode == 0, result.stderr
    digest = hashlib.sha256(TEXT.read_bytes()).hexdigest()
    doc = f"{max(int(d[:3]) for d in before) + 1:03d}_{digest[:16]}"
    assert (texts_copy / f"{doc}.txt").read_bytes() == TEXT.read_bytes()
    row = registered(data_copy)[doc]
    assert row["sha256"] == digest and row["n_chars"] == str(len(TEXT.read_text(encoding="utf-8")))
    assert (row["outlet"], row["url"], row["excerpt"], row["language"]) == (
        "Test Wire",
        "https://example.org/a",
        "true",
        "en",
    )
    assert "given by the person who registered" in row["outlet_basis"].lower()
    assert row["published_date"] == "2022-01-12" and row["retrieved"] == date.today().isoformat()
    assert set(registered(data_copy)) == set(before) | {doc}
    check = run_qantar("validate", "--data-dir", str(data_copy), "--texts-dir", str(texts_copy))
    assert check.returncode == 0, check.stderr


def test_add_text_without_an_outlet_says_unknown_and_the_title_needs_rewording(data_copy: Path, texts_copy: Path):
    """No --outlet: outlet 'unknown'; a --title is kept as the headline with a note to reword it."""
    result = add_text(data_copy, texts_copy, "--title", "Detentions in Taldykorgan")
    assert result.returncode == 0, result.stderr
    assert "reword" in result.stdout
    row = next(r for r in registered(data_copy).values() if r["headline"] == "Detentions in Taldykorgan")
    assert row["outlet"] == "unknown" and row["url"] == "" and row["excerpt"] == "false"


def _bad_texts(tmp: Path) -> dict[str, tuple[Path, str]]:
    """Files add-text must refuse, each with the words its message must hold."""
    made = {
        "cp1251": (
            "Полиция задержала".encode("cp1251"),
            "looks like Windows-1251 (Cyrillic): convert it to UTF-8 (iconv -f CP1251",
        ),
        "latin1": (
            "Police in Alma-Ata d\u00e9tained 40 people; a caf\u00e9 shut.".encode("latin-1"),
            "iconv -f CP1252",
        ),
        "pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>>\n", "binary file: a PDF document"),
        "utf16": ("Police detained people".encode("utf-16"), "UTF-16"),
        "empty": (b"", "empty text"),
        "blank": (b"  \n\t\n", "empty text"),
        "nul": (b"Police\x00detained\x00", "binary file: NUL byte"),
        "controls": (("\x01\x02\x03\x04" * 20 + "Police").encode(), "binary file"),
    }
    out = {}
    for name, (data, words) in made.items():
        path = tmp / f"{name}.txt"
        path.write_bytes(data)
        out[name] = (path, words)
    return out


@pytest.mark.parametrize("kind", ["cp1251", "latin1", "pdf", "utf16", "empty", "blank", "nul", "controls"])
def test_add_text_refuses_what_is_not_a_utf8_text(kind: str, data_copy: Path, texts_copy: Path, tmp_path: Path):
    """Another encoding, an empty text, a binary file: a clear message, and nothing written."""
    path, words = _bad_texts(tmp_path)[kind]
    before_data, before_texts = snapshot(data_copy), snapshot(texts_copy)
    result = add_text(data_copy, texts_copy, path=path)
    assert result.returncode == 1 and words in result.stderr and "Traceback" not in result.stderr
    assert unchanged(data_copy, before_data) and unchanged(texts_copy, before_texts)


@pytest.mark.parametrize(
    ("published", "words"),
    [("2999-01-01", "a date in the future"), ("2021-12-31", "before the events"), ("2022-13-01", "not a date")],
)
def test_add_text_refuses_a_date_outside_the_record(published: str, words: str, data_copy: Path, texts_copy: Path):
    """A publication date in the future, or before the unrest, is refused."""
    before = snapshot(data_copy)
    result = add_text(data_copy, texts_copy, published=published)
    assert result.returncode in (1, 2) and words in result.stderr
    assert unchanged(data_copy, before)


def test_add_text_refuses_a_text_already_registered(data_copy: Path, texts_copy: Path) -> None:
    """The same bytes twice: the second is refused and names the first id."""
    assert add_text(data_copy, texts_copy).returncode == 0
    before_data, before_texts = snapshot(data_copy), snapshot(texts_copy)
    again = add_text(data_copy, texts_copy)
    assert again.returncode == 1 and "already registered as" in again.stderr
    seed = sorted(texts_copy.glob("000_*.txt"))[0]
    twin = add_text(data_copy, texts_copy, path=seed, published="2022-01-06")
    assert twin.returncode == 1 and f"already registered as {seed.stem}" in twin.stderr
    assert unchanged(data_copy, before_data) and unchanged(texts_copy, before_texts)


def test_add_text_refuses_a_changed_text_under_a_registered_id(data_copy: Path, texts_copy: Path, tmp_path: Path):
    """A registered text edited and offered again under its id is refused: texts are never edited."""
    seed = sorted(texts_copy.glob("*.txt"))[0]
    changed = tmp_path / seed.name
    changed.write_bytes(seed.read_bytes() + b"\nOne more line.\n")
    before = snapshot(data_copy)
    result = add_text(data_copy, texts_copy, path=changed, published="2022-01-06")
    assert result.returncode == 1 and f"a changed text under registered id {seed.stem}" in result.stderr
    assert unchanged(data_copy, before)


def test_add_text_refuses_a_bad_url_and_a_missing_file(data_copy: Path, texts_copy: Path, tmp_path: Path) -> None:
    """An address that is not http(s), a file that does not exist: messages, nothing written."""
    before = snapshot(data_copy)
    bad = add_text(data_copy, texts_copy, "--url", "javascript:alert(1)")
    assert bad.returncode == 1 and "--url" in bad.stderr
    missing = add_text(data_copy, texts_copy, path=tmp_path / "nope.txt")
    assert missing.returncode == 1 and "no such file" in missing.stderr
    assert unchanged(data_copy, before)


# ---------------------------------------------------------------------------------------------------------------
# qantar accept


@pytest.fixture
def doc(data_copy: Path, texts_copy: Path) -> str:
    """The fixture text registered in the copies; its doc id."""
    from qantar.workflow import register_text

    return register_text(TEXT, date(2022, 1, 12), data_dir=data_copy, texts_dir=texts_copy)


def candidates(doc: str) -> dict:
    """The reviewed candidate file of the fixture text, each candidate citing ``doc``."""
    data = json.loads(CANDIDATES.read_text(encoding="utf-8"))
    for rows in data.values():
        for c in rows:
            c["doc_id"] = doc
    return data


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def accept_cli(data: Path, texts: Path, file: Path, *extra: str):
    """Run ``qantar accept`` on the copies."""
    return run_qantar("accept", str(file), "--data-dir", str(data), "--texts-dir", str(texts), *extra)


def ids_of(data: Path, table: str, key: str) -> list[str]:
    return [r[key] for r in read_rows(data / f"{table}.csv")[1]]


def next_of(taken: list[str], prefix: str, k: int = 1) -> list[str]:
    top = max(int(t[len(prefix) :]) for t in taken if t.startswith(prefix))
    return [f"{prefix}{top + i:03d}" for i in range(1, k + 1)]


def test_round_trip_candidate_file_to_valid_tables(data_copy: Path, texts_copy: Path, doc: str, tmp_path: Path):
    """add-text, a reviewed candidate file, accept: validate passes and every accepted row is there with a new id."""
    events, reports = ids_of(data_copy, "events", "event_id"), ids_of(data_copy, "casualty_reports", "report_id")
    cites = ids_of(data_copy, "citations", "citation_id")
    logged = ids_of(data_copy, "review_log", "log_id")  # the shipped log: the decisions on the later texts
    file = write_json(tmp_path / "c.json", candidates(doc))
    result = accept_cli(data_copy, texts_copy, file, "--reviewer", "Ayla")
    assert result.returncode == 0, result.stderr
    check = run_qantar("validate", "--data-dir", str(data_copy), "--texts-dir", str(texts_copy))
    assert check.returncode == 0, check.stderr
    new_events = next_of(events, "ev", 2)
    got = {r["event_id"]: r for r in read_rows(data_copy / "events.csv")[1]}
    assert got[new_events[0]]["sub_event_type"] == "Arrests" and got[new_events[0]]["doc_id"] == doc
    assert got[new_events[1]]["place_id"] == "tekeli"  # the candidate id places:2 became the new place's id
    place = {r["place_id"]: r for r in read_rows(data_copy / "places.csv")[1]}["tekeli"]
    assert place["geonames_id"] == "1518296" and place["doc_id"] == doc
    report = {r["report_id"]: r for r in read_rows(data_copy / "casualty_reports.csv")[1]}[next_of(reports, "cr")[0]]
    assert (report["event_id"], report["qualifier"], report["value"], report["high"]) == (
        new_events[0],
        "at_least",
        "40",
        "",
    )
    # The place that repeats an existing one became a citation of it, not a row.
    citation = {r["citation_id"]: r for r in read_rows(data_copy / "citations.csv")[1]}[next_of(cites, "ci")[0]]
    assert (citation["table"], citation["record_id"], citation["doc_id"]) == ("places", "taldykorgan", doc)
    assert ids_of(data_copy, "places", "place_id").count("taldykorgan") == 1
    # Every decision is logged, in file order, with the record it wrote or cited.
    log = read_rows(data_copy / "review_log.csv")[1][len(logged) :]
    lg = next_of(logged, "lg", 6)
    assert [(r["log_id"], r["candidate_id"], r["decision"], r["record_id"]) for r in log] == [
        (lg[0], "places:1", "accepted", "taldykorgan"),
        (lg[1], "places:2", "edited", "tekeli"),
        (lg[2], "events:1", "accepted", new_events[0]),
        (lg[3], "events:2", "edited", new_events[1]),
        (lg[4], "casualty_reports:1", "accepted", next_of(reports, "cr")[0]),
        (lg[5], "reactions:1", "rejected", ""),
    ]
    assert {r["reviewer"] for r in log} == {"Ayla"} and log[2]["seconds"] == "12.5"
    assert log[5]["reason"].startswith("Not a reaction") and log[0]["rule"] == "places.gazetteer_city"


def test_rows_and_citations_added_by_hand(data_copy: Path, texts_copy: Path, doc: str, tmp_path: Path) -> None:
    """'"decision": "add"' writes a row no candidate proposed, or with duplicate_of a citation; logged 'added'."""
    events, cites = ids_of(data_copy, "events", "event_id"), ids_of(data_copy, "citations", "citation_id")
    logged = len(ids_of(data_copy, "review_log", "log_id"))
    by_hand = {k: v for k, v in candidates(doc)["events"][0].items() if k not in ("start", "end", "rule", "confidence")}
    by_hand.update({"candidate_id": "by_hand:events:1", "decision": "add", "seconds": 40})
    cite = {
        "candidate_id": "by_hand:places:1",
        "doc_id": doc,
        "decision": "add",
        "duplicate_of": "taldykorgan",
        "evidence": "Police in Taldykorgan detained at least 40 people on Monday",
    }
    file = write_json(tmp_path / "c.json", {"places": [cite], "events": [by_hand]})
    result = accept_cli(data_copy, texts_copy, file, "--reviewer", "Ayla")
    assert result.returncode == 0, result.stderr
    assert run_qantar("validate", "--data-dir", str(data_copy), "--texts-dir", str(texts_copy)).returncode == 0
    new_event, new_cite = next_of(events, "ev")[0], next_of(cites, "ci")[0]
    row = {r["event_id"]: r for r in read_rows(data_copy / "events.csv")[1]}[new_event]
    assert (row["sub_event_type"], row["doc_id"]) == ("Arrests", doc)
    citation = {r["citation_id"]: r for r in read_rows(data_copy / "citations.csv")[1]}[new_cite]
    assert (citation["table"], citation["record_id"], citation["doc_id"]) == ("places", "taldykorgan", doc)
    log = read_rows(data_copy / "review_log.csv")[1][logged:]
    assert [(r["candidate_id"], r["decision"], r["rule"], r["record_id"]) for r in log] == [
        ("by_hand:places:1", "added", "", "taldykorgan"),
        ("by_hand:events:1", "added", "", new_event),
    ]
    assert log[1]["seconds"] == "40"


def test_accepting_a_file_twice_is_refused(data_copy: Path, texts_copy: Path, doc: str, tmp_path: Path) -> None:
    """The second accept of the same file writes nothing and says it was already accepted."""
    file = write_json(tmp_path / "c.json", candidates(doc))
    assert accept_cli(data_copy, texts_copy, file).returncode == 0
    before = snapshot(data_copy)
    again = accept_cli(data_copy, texts_copy, file)
    assert again.returncode == 1 and "already accepted: all 6 of its candidates" in again.stderr
    assert unchanged(data_copy, before)


def test_reviewer_defaults_to_the_setting(data_copy: Path, texts_copy: Path, doc: str, tmp_path: Path) -> None:
    """Without --reviewer the log names $QANTAR_REVIEWER."""
    import os

    file = write_json(tmp_path / "c.json", candidates(doc))
    logged = len(ids_of(data_copy, "review_log", "log_id"))
    env = {**os.environ, settings.REVIEWER_ENV: "Bolat"}
    result = run_qantar("accept", str(file), "--data-dir", str(data_copy), "--texts-dir", str(texts_copy), env=env)
    assert result.returncode == 0, result.stderr
    assert {r["reviewer"] for r in read_rows(data_copy / "review_log.csv")[1][logged:]} == {"Bolat"}


def _spoil(data: dict) -> dict:
    """Break the candidate file in many ways at once."""
    data["events"][0].pop("decision")  # undecided
    data["reactions"][0]["reason"] = ""  # rejected without a reason
    data["events"][1]["colour"] = "red"  # no such column
    data["places"][1]["place_id"] = "almaty"  # a slug id that exists
    data["places"][0]["duplicate_of"] = "atlantis"  # no such record
    data["events"][1]["event_id"] = "ev999"  # ids are assigned by accept
    return data


def test_an_invalid_candidate_file_is_refused_listing_every_problem(data_copy, texts_copy, doc, tmp_path) -> None:
    """Every problem is named by file, table, candidate, column, value and rule; nothing is written.

    The file's own problems (decisions, columns, ids) are listed first, all of them; once they are fixed, every
    rule the validator finds broken in the resulting tables.
    """
    file = write_json(tmp_path / "c.json", _spoil(candidates(doc)))
    before = snapshot(data_copy)
    result = accept_cli(data_copy, texts_copy, file)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    err = result.stderr
    for words in (
        f"{file}, table events, candidate 'events:1', column 'decision'",
        "every candidate needs an explicit decision",
        "candidate 'reactions:1', column 'reason', value '': a rejected candidate needs a reason",
        "candidate 'events:2', column 'colour', value 'red': unknown column",
        "candidate 'places:2', column 'place_id', value 'almaty': place almaty exists",
        "candidate 'places:1', column 'duplicate_of', value 'atlantis': not an existing places record",
        "candidate 'events:2', column 'event_id', value 'ev999': leave the id empty",
    ):
        assert words in err, err
    assert "6 problem(s); nothing was written" in err
    assert unchanged(data_copy, before)
    # With the structural problems fixed, the validator's own rules are named per candidate.
    data = candidates(doc)
    data["casualty_reports"][0]["qualifier"] = "roughly"
    data["events"][0]["evidence"] = "words that are nowhere in the text"
    result = accept_cli(data_copy, texts_copy, write_json(tmp_path / "d.json", data))
    assert result.returncode == 1
    assert "candidate 'casualty_reports:1', column 'qualifier', value 'roughly': enum: not one of" in result.stderr
    assert "candidate 'events:1', column 'evidence'" in result.stderr and "snippet not in its document" in result.stderr
    assert unchanged(data_copy, before)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "bad JSON"),
        ('{"protests": []}', "unknown table key"),
        ('["places"]', "expected a JSON object"),
        ('{"events": {}}', "expected a list of candidates"),
        ('{"events": [{"decision": "accept"}]}', "column 'candidate_id'"),
    ],
)
def test_a_malformed_candidate_file_is_refused(content, words, data_copy, texts_copy, doc, tmp_path) -> None:
    """Bad JSON or a bad shape: one message naming the file, nothing written."""
    file = tmp_path / "c.json"
    file.write_text(content, encoding="utf-8")
    before = snapshot(data_copy)
    result = accept_cli(data_copy, texts_copy, file)
    assert result.returncode == 1 and words in result.stderr and str(file) in result.stderr
    assert unchanged(data_copy, before)


def test_a_reference_to_a_rejected_candidate_is_refused(data_copy, texts_copy, doc, tmp_path) -> None:
    """A casualty report pointing at an event candidate that was rejected cannot be written."""
    data = candidates(doc)
    data["events"][0].update(decision="reject", reason="not an arrest")
    result = accept_cli(data_copy, texts_copy, write_json(tmp_path / "c.json", data))
    assert result.returncode == 1
    assert "column 'event_id', value 'events:1': refers to a candidate that was rejected" in result.stderr


def test_accept_needs_the_texts_to_check_evidence(data_copy, texts_copy, doc, tmp_path) -> None:
    """Without the text of the document, accept refuses (evidence must be checked verbatim)."""
    (texts_copy / f"{doc}.txt").unlink()
    result = accept_cli(data_copy, texts_copy, write_json(tmp_path / "c.json", candidates(doc)))
    assert result.returncode == 1 and "its evidence cannot be checked" in result.stderr


def test_accept_one_and_log_decision_for_the_review_app(data_copy, texts_copy, doc) -> None:
    """One card at a time: its row and log entry at once; a rejection logged alone; a second decision refused."""
    from qantar.workflow import Decision, WorkflowError, accept_one, log_decision

    data = candidates(doc)
    logged = ids_of(data_copy, "review_log", "log_id")
    card = data["events"][0]
    decision = Decision(doc, "events", card["candidate_id"], "edited", "Ayla", 31.0, rule=card["rule"])
    result = accept_one(card, decision, data_dir=data_copy, texts_dir=texts_copy)
    assert result.logged == 1 and len(result.new_rows["events"]) == 1
    log = read_rows(data_copy / "review_log.csv")[1]
    assert (log[-1]["decision"], log[-1]["seconds"], log[-1]["record_id"]) == (
        "edited",
        "31",
        result.new_rows["events"][0],
    )
    rejected = Decision(doc, "reactions", "reactions:1", "rejected", "Ayla", 4.0, reason="a refusal to comment")
    assert log_decision(rejected, data_dir=data_copy) == next_of(logged, "lg", 2)[1]
    with pytest.raises(WorkflowError, match="already decided"):
        log_decision(rejected, data_dir=data_copy)
    with pytest.raises(WorkflowError, match="needs a reason"):
        log_decision(Decision(doc, "reactions", "reactions:2", "rejected", "Ayla", 1.0), data_dir=data_copy)
    check = run_qantar("validate", "--data-dir", str(data_copy), "--texts-dir", str(texts_copy))
    assert check.returncode == 0, check.stderr


# ---------------------------------------------------------------------------------------------------------------
# Two writers at once, and a crash in the middle of a write

HOLD_LOCK = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(60)
"""


def test_a_second_writer_waits_then_is_refused_while_the_lock_is_held(data_copy, texts_copy, doc, tmp_path) -> None:
    """Another process holds the lock: accept waits as told, then refuses with a message and writes nothing."""
    from qantar.workflow import WorkflowError, accept

    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(data_copy / LOCK)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        before = snapshot(data_copy)
        started = time.monotonic()
        with pytest.raises(WorkflowError, match="another add-text or accept is writing"):
            accept(candidates(doc), "Ayla", data_copy, texts_copy, wait=0.5)
        assert time.monotonic() - started >= 0.5
        assert unchanged(data_copy, before)
    finally:
        holder.kill()
        holder.wait()
    assert accept(candidates(doc), "Ayla", data_copy, texts_copy, wait=5).logged == 6


def test_two_accepts_at_once_get_different_ids(data_copy, texts_copy, doc, tmp_path) -> None:
    """Two processes accepting at the same moment: one waits for the other, each re-reads the tables, no id clashes."""
    data = candidates(doc)
    first = {"events": [data["events"][0]], "casualty_reports": data["casualty_reports"]}
    second_event = {**data["events"][0], "candidate_id": "events:9", "description": "The same arrests, told again."}
    second = {"events": [second_event], "reactions": data["reactions"]}
    events = ids_of(data_copy, "events", "event_id")
    logged = ids_of(data_copy, "review_log", "log_id")
    procs = [
        subprocess.Popen(
            [
                str(Path(sys.executable).parent / "qantar"),
                "accept",
                str(write_json(tmp_path / f"{name}.json", content)),
                "--data-dir",
                str(data_copy),
                "--texts-dir",
                str(texts_copy),
                "--wait",
                "60",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, content in (("first", first), ("second", second))
    ]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    assert sorted(ids_of(data_copy, "events", "event_id")[len(events) :]) == next_of(events, "ev", 2)
    assert ids_of(data_copy, "review_log", "log_id") == logged + next_of(logged, "lg", 4)
    check = run_qantar("validate", "--data-dir", str(data_copy), "--texts-dir", str(texts_copy))
    assert check.returncode == 0, check.stderr


KILL_AT_RENAME = """
import json, os, signal, sys
from pathlib import Path
from qantar import workflow, workflow_store

calls = 0
real = workflow_store._rename

def rename(tmp, final):
    global calls
    calls += 1
    if calls == int(sys.argv[4]):
        os.kill(os.getpid(), signal.SIGKILL)  # kill -9: no clean-up, no finally
    real(tmp, final)

workflow_store._rename = rename
workflow.accept(json.loads(Path(sys.argv[1]).read_text()), "Ayla", Path(sys.argv[2]), Path(sys.argv[3]))
"""


def _killed_accept(data: Path, texts: Path, file: Path, at: int) -> None:
    """Run accept in a process killed with SIGKILL at its ``at``-th rename (1: the journal's)."""
    proc = subprocess.run(
        [sys.executable, "-c", KILL_AT_RENAME, str(file), str(data), str(texts), str(at)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr


def test_a_kill_between_renames_is_reported_then_rolled_forward(data_copy, texts_copy, doc, tmp_path) -> None:
    """kill -9 after the journal and one table: validate fails naming the journal; recover finishes the write."""
    file = write_json(tmp_path / "c.json", candidates(doc))
    logged = len(ids_of(data_copy, "review_log", "log_id"))
    _killed_accept(data_copy, texts_copy, file, at=3)
    assert (data_copy / settings.JOURNAL_NAME).exists()
    check = run_qantar("validate", "--data-dir", str(data_copy), "--texts-dir", str(texts_copy))
    assert check.returncode == 1 and "run `qantar recover`" in check.stderr
    done = run_qantar("recover", "--data-dir", str(data_copy))
    assert done.returncode == 0 and "file(s) renamed" in done.stdout
    check = run_qantar("validate", "--data-dir", str(data_copy), "--texts-dir", str(texts_copy))
    assert check.returncode == 0, check.stderr
    assert len(read_rows(data_copy / "review_log.csv")[1]) == logged + 6 and "tekeli" in ids_of(
        data_copy, "places", "place_id"
    )
    assert not list(data_copy.glob(".*.tmp")) and not (data_copy / settings.JOURNAL_NAME).exists()


def test_a_kill_before_the_journal_leaves_the_data_as_it_was(data_copy, texts_copy, doc, tmp_path) -> None:
    """kill -9 before the journal: the tables are untouched; the next accept removes the stray files and succeeds."""
    file = write_json(tmp_path / "c.json", candidates(doc))
    before = {k: v for k, v in snapshot(data_copy).items() if not k.startswith(".")}
    _killed_accept(data_copy, texts_copy, file, at=1)
    assert {k: v for k, v in snapshot(data_copy).items() if not k.startswith(".")} == before
    assert list(data_copy.glob(".*.tmp"))  # the killed write's temporary files
    check = run_qantar("validate", "--data-dir", str(data_copy), "--texts-dir", str(texts_copy))
    assert check.returncode == 0, check.stderr
    assert accept_cli(data_copy, texts_copy, file).returncode == 0
    assert not list(data_copy.glob(".*.tmp"))


KILL_ADD_TEXT = """
import os, signal, sys
from datetime import date
from pathlib import Path
from qantar import workflow, workflow_store

calls = 0
real = workflow_store._rename

def rename(tmp, final):
    global calls
    calls += 1
    if calls == 3:  # after the journal and the text, before the register
        os.kill(os.getpid(), signal.SIGKILL)
    real(tmp, final)

workflow_store._rename = rename
workflow.register_text(Path(sys.argv[1]), date(2022, 1, 12), data_dir=Path(sys.argv[2]), texts_dir=Path(sys.argv[3]))
"""


def test_add_text_killed_between_the_text_and_its_row_is_finished_by_the_next_command(data_copy, texts_copy) -> None:
    """kill -9 after the text is in place but before sources.csv: validate says so; the next add-text finishes it."""
    proc = subprocess.run(
        [sys.executable, "-c", KILL_ADD_TEXT, str(TEXT), str(data_copy), str(texts_copy)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    check = run_qantar("validate", "--data-dir", str(data_copy), "--texts-dir", str(texts_copy))
    assert check.returncode == 1 and "run `qantar recover`" in check.stderr
    again = add_text(data_copy, texts_copy)  # rolls the interrupted write forward first, then finds it registered
    assert again.returncode == 1 and "already registered as" in again.stderr
    check = run_qantar("validate", "--data-dir", str(data_copy), "--texts-dir", str(texts_copy))
    assert check.returncode == 0, check.stderr
