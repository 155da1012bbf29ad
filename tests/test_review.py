"""The review app's logic without a browser: cards, live validation, decisions, keys, the command.

Every decision goes through the real ``qantar.workflow`` into a private copy of the data package with the test
text registered by ``register_text``; the tests read the CSVs and the review log on disk.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import review_fixtures as rf
from cli import run_qantar
from qantar import settings


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def doc(tmp_path: Path):
    """(data, texts, candidate file, doc id): the test document registered in a private copy of the dataset."""
    data, texts, doc_id = rf.register(settings.data_dir(), tmp_path)
    return data, texts, rf.write_candidates(tmp_path, doc_id), doc_id


def _session(doc, clock=None):
    from qantar.review import Session, candidates_for

    data, texts, cands, doc_id = doc
    text, found = candidates_for(doc_id, cands, data, texts)
    return Session(doc_id, text, found, reviewer="tester", data_dir=data, texts_dir=texts, clock=clock or Clock())


def _valid(data: Path, texts: Path) -> None:
    """The dataset on disk passes ``qantar validate``."""
    check = run_qantar("validate", "--data-dir", str(data), "--texts-dir", str(texts))
    assert check.returncode == 0, check.stdout + check.stderr


def _card(session, cid: str):
    return next(c for c in session.cards if c.candidate_id == cid)


def test_cards_grouped_by_table_hold_the_tables_columns(doc) -> None:
    from qantar.review import schema_fields

    s = _session(doc)
    assert [c.table for c in s.cards] == ["places"] * 3 + [
        "events",
        "casualty_reports",
        "casualty_reports",
        "reactions",
    ]
    for c in s.cards:
        assert list(c.row) == [f["name"] for f in schema_fields(c.table, doc[0])]
        assert "rule" not in c.row and "confidence" not in c.row and c.state == "open"


def test_vocabularies_are_the_data_packages_enums(doc) -> None:
    import json

    from qantar.review import vocabularies

    desc = json.loads((settings.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in desc["resources"] if r["name"] == "casualty_reports")
    qualifier = next(f for f in res["schema"]["fields"] if f["name"] == "qualifier")
    assert vocabularies("casualty_reports")["qualifier"] == qualifier["constraints"]["enum"]
    assert vocabularies("events")["geo_precision"] == ["1", "2", "3"]


def test_a_card_that_breaks_a_rule_says_which_and_cannot_be_accepted(doc) -> None:
    from conftest import snapshot

    data = doc[0]
    before = snapshot(data)
    s = _session(doc)
    detained = _card(s, "casualty_reports:2")
    assert detained.problems == ["value: qualifier 'more_than' needs a number in value (value '')"]
    city = _card(s, "places:3")
    assert any("gazetteer: a city needs geonames_id" in p for p in city.problems)
    # The live check names what accept itself would refuse: a new place under a name already taken.
    assert "place_id: place almaty exists: set duplicate_of to cite it, or give another place_id" in city.problems
    assert not s.accept(detained.index) and not s.accept(city.index)
    assert "cannot be accepted" in detained.message and detained.state == "open"
    assert snapshot(data) == before  # nothing written, nothing logged
    # A foreign key to nothing is named too.
    assert any("place_id" in p for p in s.edit(_card(s, "events:1").index, "place_id", "nowhere"))


def test_edit_fixes_the_card_then_accept_writes_it_as_edited(doc) -> None:
    data, texts, _, doc_id = doc
    clock = Clock()
    s = _session(doc, clock)
    card = _card(s, "casualty_reports:2")
    s.select(card.index)
    clock.now += 12.5
    assert s.edit(card.index, "value", "3000") == []
    reports = len(rf.rows(data, "casualty_reports"))
    assert s.accept(card.index)
    written = rf.rows(data, "casualty_reports")
    assert len(written) == reports + 1
    row = written[-1]  # accept derives the bounds the live check derived: more than 3000 is 3001 or more
    assert (row["report_id"], row["value"], row["qualifier"], row["low"], row["high"], row["doc_id"]) == (
        card.record_id,
        "3000",
        "more_than",
        "3001",
        "",
        doc_id,
    )
    log = rf.decisions(data, doc_id)["casualty_reports:2"]
    assert (log["decision"], log["seconds"], log["reviewer"], log["record_id"], log["rule"]) == (
        "edited",
        "12.5",
        "tester",
        card.record_id,
        "figures.detained_number_phrase",
    )
    assert card.state == "edited" and not s.accept(card.index)  # once only
    assert len(rf.rows(data, "casualty_reports")) == reports + 1
    _valid(data, texts)


def test_accept_as_proposed_and_a_duplicate_becomes_a_citation(doc) -> None:
    from qantar.review import card_html

    data, texts, _, doc_id = doc
    s = _session(doc)
    assert s.accept(0)
    assert rf.rows(data, "places")[-1]["place_id"] == "kokshetau" == s.cards[0].record_id
    assert rf.decisions(data, doc_id)["places:1"]["decision"] == "accepted"
    taraz = _card(s, "places:2")
    html = card_html(s, taraz)
    assert (
        'href="#record-taraz-1"' in html
        and 'id="record-taraz-1"' in html
        and "accepting adds a citation" in html
        and "Taraz" in html
    )
    places = len(rf.rows(data, "places"))
    assert s.accept(taraz.index) and "cited on taraz" in taraz.message
    assert len(rf.rows(data, "places")) == places  # no second Taraz row
    cite = rf.rows(data, "citations")[-1]
    assert (cite["table"], cite["record_id"], cite["doc_id"]) == ("places", "taraz", doc_id)
    assert f"({cite['citation_id']})" in taraz.message
    assert rf.decisions(data, doc_id)["places:2"]["record_id"] == taraz.record_id == "taraz"
    _valid(data, texts)
    # A hint to a record that does not exist is a problem.
    taraz2 = _card(_session(doc), "places:2")
    taraz2.candidate["duplicate_of"] = "nowhere"
    from qantar.review import Checker

    assert "duplicate_of: nowhere is not a row of places" in Checker(data, texts).check(taraz2)


def test_reject_needs_a_reason_and_is_logged_without_writing(doc) -> None:
    from conftest import snapshot

    data, _, _, doc_id = doc
    s = _session(doc)
    ev = _card(s, "events:1")
    before = snapshot(data)
    assert not s.reject("  ", ev.index) and ev.message == "a rejection needs a reason"
    assert snapshot(data) == before
    events = rf.rows(data, "events")
    assert s.reject("wrong place", ev.index)
    log = rf.decisions(data, doc_id)["events:1"]
    assert (log["decision"], log["reason"], log["record_id"]) == ("rejected", "wrong place", "")
    assert rf.rows(data, "events") == events


def test_batch_accepts_only_open_valid_sure_places(doc) -> None:
    data, texts, _, doc_id = doc
    s = _session(doc)
    assert [c.candidate_id for c in s.batch_candidates()] == ["places:1", "places:2"]  # places:3 is 0.6 and invalid
    done = s.batch_accept()
    assert [c.candidate_id for c in done] == ["places:1", "places:2"]
    assert _card(s, "places:3").state == "open" and s.batch_candidates() == []
    logged = rf.decisions(data, doc_id)
    assert sorted(logged) == ["places:1", "places:2"] and {r["decision"] for r in logged.values()} == {"accepted"}
    _valid(data, texts)


def test_a_refused_write_is_a_message_on_the_card_not_a_crash(doc, monkeypatch) -> None:
    """The workflow refuses (another writer holds the lock): the card says so, stays open, nothing is written."""
    from conftest import snapshot
    from qantar import workflow

    data = doc[0]
    monkeypatch.setattr(settings, "LOCK_WAIT_S", 0.2)
    s = _session(doc)
    before = snapshot(data)
    with workflow.locked(data):
        assert not s.accept(0) and not s.reject("wrong place", 3)
    assert s.cards[0].state == "open" and "another add-text or accept is writing" in s.cards[0].message
    assert s.cards[3].state == "open" and "another add-text or accept is writing" in s.cards[3].message
    assert snapshot(data) == before
    assert s.accept(0)  # once the other writer is done


def test_reopening_shows_what_was_decided_and_another_session_cannot_decide_again(doc) -> None:
    data, _, _, doc_id = doc
    first, second = _session(doc), _session(doc)
    assert first.accept(0) and first.reject("not about the unrest", 6)
    again = _session(doc)
    assert [c.state for c in again.cards][0] == "accepted" and again.cards[6].state == "rejected"
    assert again.cards[6].reason == "not about the unrest" and again.current == 1  # the first open card
    assert not second.accept(0) and "another session" in second.cards[0].message
    assert [r["place_id"] for r in rf.rows(data, "places")].count("kokshetau") == 1
    assert len(rf.decisions(data, doc_id)) == 2


def test_text_is_escaped_and_spans_marked(doc) -> None:
    from qantar.review import text_html

    html = text_html(_session(doc))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'data-cards="0"' in html and "qantar-mark-places" in html


def test_candidate_file_problems_are_named(tmp_path: Path) -> None:
    from qantar.problems import QantarError
    from qantar.review import read_candidate_file

    bad = tmp_path / "c.json"
    bad.write_text('{"places": [{"start": "x"}], "other": []}', encoding="utf-8")
    with pytest.raises(QantarError) as err:
        read_candidate_file(bad)
    assert "unknown keys other" in str(err.value) and "places[1]: start and end" in str(err.value)


def test_candidates_come_from_the_extractor_with_the_registered_date(doc, monkeypatch) -> None:
    import qantar.extract
    from qantar.review import candidates_for

    seen = []
    monkeypatch.setattr(qantar.extract, "extract", lambda *a: seen.append(a) or rf.candidates(doc[3]))
    text, found = candidates_for(doc[3], None, doc[0], doc[1])
    assert seen[0][:3] == (rf.TEXT, rf.PUBLISHED, doc[3]) and text == rf.TEXT


def test_keys_drive_the_cards(doc) -> None:
    pytest.importorskip("anywidget")
    from qantar.app.review import ReviewApp

    app = ReviewApp(_session(doc))
    s = app.session
    assert s.current == 0
    app.key("j")
    app.key("ArrowDown")
    app.key("k")
    assert s.current == 1
    app.key("a")  # Taraz: a duplicate, cited
    assert s.cards[1].state == "accepted" and s.current == 2  # on to the next open card
    app.key("e")
    view = app.views[2]
    assert view.form.layout.display is None and app.keys.focus.startswith("edit:2:")
    assert list(view.fields["kind"].options)[1:] == ["country", "organisation", "region", "area", "city", "site"]
    assert "qantar-invalid" in view.box._dom_classes and view.accept_button.disabled
    view.fields["kind"].value = "area"  # an area needs no coordinates (live) ...
    assert [p.split(":")[0] for p in s.cards[2].problems] == ["place_id"] and view.accept_button.disabled
    view.fields["place_id"].value = "almaty_centre"  # ... and a new id of its own: valid now
    assert s.cards[2].problems == [] and not view.accept_button.disabled
    app.key("Enter", form="edit")
    assert s.cards[2].state == "edited" and view.form.layout.display == "none"
    assert rf.rows(s.data_dir, "places")[-1]["place_id"] == "almaty_centre"
    s.select(6)
    app.key("r")
    # Enter right after the last keystroke: the field's value may not have synced yet; the key carries it.
    app._on_msg(None, {"key": "Enter", "form": "reject", "field": "reason", "value": "not what the text says"}, [])
    assert s.cards[6].state == "rejected" and s.cards[6].reason == "not what the text says"
    s.select(5)
    app.key("e")
    app._on_msg(None, {"key": "Enter", "form": "edit", "field": "value", "value": "3000"}, [])
    assert s.cards[5].state == "edited" and s.cards[5].row["value"] == "3000"
    app._on_msg(None, {"key": "Enter", "form": "edit", "field": "no_such_column", "value": "x"}, [])  # ignored
    app.key("?")
    assert app.help.layout.display is None
    app.key("Escape")
    assert app.help.layout.display == "none"
    app._on_msg(None, {"select": 4}, [])
    assert s.current == 4 and "qantar-current" in app.views[4].box._dom_classes


def test_review_command_serves_the_review_notebook_with_the_token_off_the_command_line(doc, monkeypatch) -> None:
    from qantar.app import serve

    execs = []
    monkeypatch.setattr(os, "execve", lambda path, argv, env: execs.append((argv, env)))
    data, texts, cands, doc_id = doc
    env = {k: v for k, v in os.environ.items() if k != settings.APP_TOKEN_ENV}
    env[settings.APP_TOKEN_ENV] = "t0ken-abcdefgh"
    done = run_qantar(
        "review", doc_id, "--candidates", str(cands), "--data-dir", str(data), "--texts-dir", str(texts),
        "--reviewer", "Aigerim", "--port", "8124", env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    ((argv, child),) = execs
    assert str(serve.REVIEW_NOTEBOOK) in argv and "--VoilaConfiguration.allow_template_override=NO" in argv
    assert not any("t0ken" in a for a in argv) and child[settings.APP_TOKEN_ENV] == "t0ken-abcdefgh"
    assert child[settings.REVIEW_DOC_ENV] == doc_id and child[settings.REVIEWER_ENV] == "Aigerim"
    assert "7 candidates" in done.stdout and "127.0.0.1:8124/?token=t0ken-abcdefgh" in done.stdout
    # An unknown document, and a token on the command line, are refused with a message.
    bad = run_qantar("review", "999_0000000000000000", "--data-dir", str(data), "--texts-dir", str(texts), env=env)
    assert bad.returncode == 1 and "not in" in bad.stderr and "add-text" in bad.stderr
    bad = run_qantar("review", doc_id, "--token", "x" * 12, env=env)
    assert bad.returncode != 0 and "ps" in bad.stderr and len(execs) == 1


def test_a_text_changed_since_registration_is_refused_before_the_review_starts(doc, monkeypatch) -> None:
    """Texts are never edited: a changed file under a registered id is named with both hashes; no server starts."""
    import hashlib

    execs = []
    monkeypatch.setattr(os, "execve", lambda path, argv, env: execs.append(argv))
    data, texts, cands, doc_id = doc
    path = texts / f"{doc_id}.txt"
    path.chmod(0o644)
    path.write_text(rf.TEXT.replace("26", "27"), encoding="utf-8")
    env = {**os.environ, settings.APP_TOKEN_ENV: "t0ken-abcdefgh"}
    done = run_qantar(
        "review", doc_id, "--candidates", str(cands), "--data-dir", str(data), "--texts-dir", str(texts), env=env
    )
    assert done.returncode == 1 and execs == [] and "Traceback" not in done.stderr
    now = hashlib.sha256(path.read_bytes()).hexdigest()
    assert f"{path}: changed since it was registered" in done.stderr and now[:16] in done.stderr


def test_a_candidate_file_from_qantar_extract_without_doc_id_is_the_documents(doc, tmp_path: Path) -> None:
    """`qantar extract PATH > c.json` leaves doc_id empty: reviewed under DOC_ID, the cards are that document's."""
    import json

    data, texts, _, doc_id = doc
    found = rf.candidates(doc_id)
    for rows in found.values():
        for c in rows:
            c["doc_id"] = ""
    path = tmp_path / "bare.json"
    path.write_text(json.dumps(found), encoding="utf-8")
    from qantar.review import Session, candidates_for

    text, cands = candidates_for(doc_id, path, data, texts)
    s = Session(doc_id, text, cands, reviewer="tester", data_dir=data, texts_dir=texts, clock=Clock())
    assert all(not any(p.startswith("doc_id") for p in c.problems) for c in s.cards)
    assert s.accept(0) and rf.rows(data, "places")[-1]["doc_id"] == doc_id


# A reviewer in a process of their own: builds the session, says "ready", waits for the go file, accepts a card.
REVIEWER = """
import json, os, signal, sys, time
from pathlib import Path
from qantar import workflow, workflow_store
from qantar.review import Session, candidates_for

data, texts, cands, doc, who, index, kill_at, go = sys.argv[1:9]
if int(kill_at):
    calls, real = [0], workflow_store._rename

    def rename(tmp, final):
        calls[0] += 1
        if calls[0] == int(kill_at):
            os.kill(os.getpid(), signal.SIGKILL)  # kill -9 between two renames: no clean-up
        real(tmp, final)

    workflow_store._rename = rename
text, found = candidates_for(doc, Path(cands), Path(data), Path(texts))
s = Session(doc, text, found, reviewer=who, data_dir=Path(data), texts_dir=Path(texts))
print("ready", flush=True)
while not Path(go).exists():
    time.sleep(0.01)
ok = s.accept(int(index))
print(json.dumps({"ok": ok, "message": s.cards[int(index)].message}), flush=True)
"""


def _reviewer(doc, who: str, index: int, go: Path, kill_at: int = 0):
    import subprocess
    import sys

    data, texts, cands, doc_id = doc
    args = [str(data), str(texts), str(cands), doc_id, who, str(index), str(kill_at), str(go)]
    proc = subprocess.Popen(
        [sys.executable, "-c", REVIEWER, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    return proc


def test_two_reviewers_accepting_the_same_card_at_once_write_it_once(doc, tmp_path: Path) -> None:
    """Two processes, one card, the same moment: the lock orders them; the second is told, nothing is doubled."""
    import json

    data, texts, _, doc_id = doc
    go = tmp_path / "go"
    procs = [_reviewer(doc, who, 0, go) for who in ("Aigerim", "Bolat")]
    go.touch()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0 and "Traceback" not in err, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert sorted(r["ok"] for r in results) == [False, True], results
    loser = next(r for r in results if not r["ok"])
    assert "in another session" in loser["message"], loser
    assert [r["place_id"] for r in rf.rows(data, "places")].count("kokshetau") == 1
    assert list(rf.decisions(data, doc_id)) == ["places:1"]
    _valid(data, texts)


def test_a_review_killed_in_the_middle_of_a_write_is_finished_when_the_review_opens_again(doc, tmp_path) -> None:
    """kill -9 between the table's rename and the log's: the next session rolls the write forward, then shows it."""
    data, texts, _, doc_id = doc
    go = tmp_path / "go"
    proc = _reviewer(doc, "Aigerim", 0, go, kill_at=3)  # 1: the journal, 2: places.csv, 3: review_log.csv
    go.touch()
    proc.communicate(timeout=120)
    assert proc.returncode == -9
    assert (data / settings.JOURNAL_NAME).exists()  # half-way: places.csv has the row, the log not yet
    assert "kokshetau" in [r["place_id"] for r in rf.rows(data, "places")] and rf.decisions(data, doc_id) == {}
    s = _session(doc)
    assert s.cards[0].state == "accepted" and s.cards[0].record_id == "kokshetau"
    assert not (data / settings.JOURNAL_NAME).exists() and not list(data.glob(".*.wf-*.tmp"))
    assert rf.decisions(data, doc_id)["places:1"]["reviewer"] == "Aigerim"
    _valid(data, texts)


def test_a_reopened_card_shows_the_row_as_written_not_as_proposed(doc) -> None:
    """After a restart an edited card shows what was accepted (and what was changed), not the proposal."""
    from qantar.review import card_html

    data, _, _, doc_id = doc
    s = _session(doc)
    ev = _card(s, "events:1")
    s.edit(ev.index, "sub_event_type", "Peaceful protest")
    assert s.accept(ev.index) and ev.state == "edited"
    again = _card(_session(doc), "events:1")
    assert again.state == "edited" and again.row["sub_event_type"] == "Peaceful protest"
    assert again.record_id == rf.rows(data, "events")[-1]["event_id"]
    assert again.changes() == ev.changes() == {"sub_event_type": ("Protest with intervention", "Peaceful protest")}
    html = card_html(_session(doc), again)
    assert "Peaceful protest" in html and "<s>Protest with intervention</s>" in html  # the change, struck through
    assert _card(_session(doc), "places:2").row["name"] == "Taraz"  # a citation keeps its card as proposed
