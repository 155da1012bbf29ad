"""The review app's logic without a browser: cards, live validation, decisions → workflow calls, keys, the command.

The workflow's per-card functions (``accept_one``, ``log_decision``) are replaced by recording stand-ins
(tests/review_fixtures.py) where the workflow does not have them yet.
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
def doc(tmp_path: Path, monkeypatch):
    """(data, texts, candidate file) with the test document registered and the workflow's stand-ins installed."""
    from qantar import workflow

    data, texts = rf.register(settings.data_dir(), tmp_path)
    monkeypatch.setattr(workflow, "accept_one", rf.fake_accept_one, raising=False)
    monkeypatch.setattr(workflow, "log_decision", rf.fake_log_decision, raising=False)
    return data, texts, rf.write_candidates(tmp_path)


def _session(doc, clock=None):
    from qantar.review import Session, candidates_for

    data, texts, cands = doc
    text, found = candidates_for(rf.DOC_ID, cands, data, texts)
    return Session(rf.DOC_ID, text, found, reviewer="tester", data_dir=data, texts_dir=texts, clock=clock or Clock())


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
    s = _session(doc)
    detained = _card(s, "casualty_reports:2")
    assert detained.problems == ["value: qualifier 'more_than' needs a number in value (value '')"]
    city = _card(s, "places:3")
    assert any("gazetteer: a city needs geonames_id" in p for p in city.problems)
    assert not s.accept(detained.index)
    assert "cannot be accepted" in detained.message and detained.state == "open"
    assert rf.calls(doc[0]) == []  # nothing written, nothing logged
    # A foreign key to nothing is named too.
    assert any("place_id" in p for p in s.edit(_card(s, "events:1").index, "place_id", "nowhere"))


def test_edit_fixes_the_card_then_accept_writes_it_as_edited(doc) -> None:
    clock = Clock()
    s = _session(doc, clock)
    card = _card(s, "casualty_reports:2")
    s.select(card.index)
    clock.now += 12.5
    assert s.edit(card.index, "value", "3000") == []
    assert s.accept(card.index)
    (accept,) = rf.calls(doc[0])  # accept_one writes the row and logs the decision in one step
    assert accept["call"] == "accept_one" and accept["decision"] == "edited" and accept["reviewer"] == "tester"
    assert accept["candidate"]["value"] == "3000" and accept["candidate"]["decision"] == "edit"
    assert accept["candidate"]["table"] == "casualty_reports"
    d = accept["logged"]
    assert (d["decision"], d["candidate_id"], d["seconds"], d["reviewer"]) == (
        "edited",
        "casualty_reports:2",
        12.5,
        "tester",
    )
    from qantar.review import logged_decisions

    row = logged_decisions(rf.DOC_ID, doc[0])[("casualty_reports", "casualty_reports:2")]
    assert row["record_id"] == card.record_id != "" and d["rule"] == "figures.detained_number_phrase"
    assert card.state == "edited" and not s.accept(card.index)  # once only


def test_accept_as_proposed_and_a_duplicate_becomes_a_citation(doc) -> None:
    from qantar.review import card_html

    s = _session(doc)
    assert s.accept(0)
    assert rf.calls(doc[0])[0]["decision"] == "accepted"
    taraz = _card(s, "places:2")
    html = card_html(s, taraz)
    assert 'href="#record-taraz"' in html and "accepting adds a citation" in html and "Taraz" in html
    assert s.accept(taraz.index) and "cited on taraz" in taraz.message
    # A hint to a record that does not exist is a problem.
    assert s.edit(_card(s, "places:3").index, "name", "x") and True
    taraz2 = _card(_session(doc), "places:2")
    taraz2.candidate["duplicate_of"] = "nowhere"
    from qantar.review import Checker

    assert "duplicate_of: nowhere is not a row of places" in Checker(doc[0], doc[1]).check(taraz2)


def test_reject_needs_a_reason_and_is_logged_without_writing(doc) -> None:
    s = _session(doc)
    ev = _card(s, "events:1")
    assert not s.reject("  ", ev.index) and ev.message == "a rejection needs a reason"
    assert s.reject("wrong place", ev.index)
    (log,) = rf.calls(doc[0])
    assert log["call"] == "log_decision" and log["decision"]["decision"] == "rejected"
    assert log["decision"]["reason"] == "wrong place"


def test_batch_accepts_only_open_valid_sure_places(doc) -> None:
    s = _session(doc)
    assert [c.candidate_id for c in s.batch_candidates()] == ["places:1", "places:2"]  # places:3 is 0.6 and invalid
    done = s.batch_accept()
    assert [c.candidate_id for c in done] == ["places:1", "places:2"]
    assert _card(s, "places:3").state == "open" and s.batch_candidates() == []


def test_reopening_shows_what_was_decided_and_another_session_cannot_decide_again(doc) -> None:
    first, second = _session(doc), _session(doc)
    assert first.accept(0) and first.reject("not about the unrest", 6)
    again = _session(doc)
    assert [c.state for c in again.cards][0] == "accepted" and again.cards[6].state == "rejected"
    assert again.cards[6].reason == "not about the unrest" and again.current == 1  # the first open card
    assert not second.accept(0) and "another session" in second.cards[0].message
    assert sum(c["call"] == "accept_one" for c in rf.calls(doc[0])) == 1


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
    monkeypatch.setattr(qantar.extract, "extract", lambda *a: seen.append(a) or rf.candidates())
    text, found = candidates_for(rf.DOC_ID, None, doc[0], doc[1])
    assert seen[0][:3] == (rf.TEXT, __import__("datetime").date(2022, 1, 7), rf.DOC_ID) and text == rf.TEXT


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
    view.fields["kind"].value = "area"  # an area needs no coordinates: valid now (live)
    assert s.cards[2].problems == [] and not view.accept_button.disabled
    app.key("Enter", form="edit")
    assert s.cards[2].state == "edited" and view.form.layout.display == "none"
    s.select(6)
    app.key("r")
    app.views[6].reason.value = "not what the text says"
    app.key("Enter", form="reject")
    assert s.cards[6].state == "rejected"
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
    data, texts, cands = doc
    env = {k: v for k, v in os.environ.items() if k != settings.APP_TOKEN_ENV}
    env[settings.APP_TOKEN_ENV] = "t0ken-abcdefgh"
    done = run_qantar(
        "review", rf.DOC_ID, "--candidates", str(cands), "--data-dir", str(data), "--texts-dir", str(texts),
        "--reviewer", "Aigerim", "--port", "8124", env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    ((argv, child),) = execs
    assert str(serve.REVIEW_NOTEBOOK) in argv and "--VoilaConfiguration.allow_template_override=NO" in argv
    assert not any("t0ken" in a for a in argv) and child[settings.APP_TOKEN_ENV] == "t0ken-abcdefgh"
    assert child[settings.REVIEW_DOC_ENV] == rf.DOC_ID and child[settings.REVIEWER_ENV] == "Aigerim"
    assert "7 candidates" in done.stdout and "127.0.0.1:8124/?token=t0ken-abcdefgh" in done.stdout
    # An unknown document, and a token on the command line, are refused with a message.
    bad = run_qantar("review", "999_0000000000000000", "--data-dir", str(data), "--texts-dir", str(texts), env=env)
    assert bad.returncode == 1 and "not in" in bad.stderr and "add-text" in bad.stderr
    bad = run_qantar("review", rf.DOC_ID, "--token", "x" * 12, env=env)
    assert bad.returncode != 0 and "ps" in bad.stderr and len(execs) == 1
