"""Issue 17 audit corrections (data 0.2.1): one case per corrected row, naming the row and asserting the new value.

Every case fails on data 0.2.0 (commit 8b030c3); the reasons are in CHANGELOG.md under 0.2.1.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from qantar import acled, display, settings
from qantar.validation import validate
from tests.test_corrections import _id, _table, assert_value, assert_wording, cell

# (table, row id, field, expected value)
EXACT = [
    # ev004: the same Almaty protest as ev003 (002's account); the text does not say at whom police fired.
    ("events", "ev004", "happening_id", "protest_almaty_0104"),
    ("events", "ev004", "sub_event_type", "Protest with intervention"),
    ("events", "ev004", "event_kind", "protest"),
    ("events", "ev004", "actor1", "Protesters (Kazakhstan)"),
    # ev045: the acting PM was named after the 5 January resignation, on the day of the statement.
    ("events", "ev045", ("date_start", "date_end", "date_precision"), ("2022-01-05", "2022-01-05", "day")),
    # ev056: no text dates the price rise; only its latest day (the first protests) is given.
    ("events", "ev056", ("date_start", "date_end", "date_precision"), ("2022-01-02", "2022-01-02", "before")),
    # cr013/cr014: undated in 003, like cr005/cr009: a range ending on the publication day.
    ("casualty_reports", "cr013", "as_of_precision", "range"),
    ("casualty_reports", "cr014", "as_of_precision", "range"),
    # re009: Price's own sentence, a call for a peaceful solution (027 -> call_dialogue).
    ("reactions", "re009", "stance", "call_dialogue"),
    (
        "reactions",
        "re009",
        "evidence",
        "The US urged all parties to find a peaceful solution to the state of emergency, Price said.",
    ),
    # re026: CAMEO 053's target is the actor supported (Tokayev); the text names no channel.
    ("reactions", "re026", ("counterpart", "counterpart_for"), ("Kassym-Jomart Tokayev", "kz")),
    ("reactions", "re026", ("channel", "reported_via"), ("statement", "press secretary")),
    # 004's undated, area-less mention is its own version of the state of emergency, not ev042's corroboration.
    ("events", "ev068", ("happening_id", "doc_id"), ("state_of_emergency", "004_5fd3b595c2b22735")),
    ("events", "ev068", "evidence", "the declaration of a state of emergency"),
]


@pytest.mark.parametrize("table, row_id, field, expected", EXACT, ids=[_id(r, f) for _, r, f, _ in EXACT])
def test_corrected_value(
    table: str, row_id: str, field: str | tuple[str, ...], expected: str | tuple[str, ...]
) -> None:
    assert_value(table, row_id, field, expected)


# (table, row id, field, text that must appear, text that must not appear)
WORDING = [
    # ev013 (wrong in 0.2.0): the text has "reports of" clashes and shooting; nobody is said to have fired.
    ("events", "ev013", "description", "reports of violent clashes", "between demonstrators and law enforcement"),
    ("events", "ev013", "description", "does not say who fired", "gunfire between"),
    # ev066: only the words after "over the weekend" are Tokayev's quote.
    ("events", "ev066", "description", "its own words", "In the president's words"),
    ("events", "ev066", "variant_note", "not Tokayev's", "quoting Tokayev"),
    # ev056: no invented start.
    ("events", "ev056", "description", "no start", "project bound"),
    # ev004: now the protest as 002 tells it (the target of the fire was already "not stated" in 0.2.0).
    ("events", "ev004", "description", "002's account of the Almaty protest", ""),
    # ev036: the injured are not named protesters (cr019 leaves the group open); "dozens", not "many".
    ("events", "ev036", "description", "does not say who the injured were", "many protesters"),
    ("events", "ev045", "description", "after the government's resignation", "Only the announcement"),
    # ev049: the basis of the CSTO decision in 003.
    ("events", "ev049", "description", "Tokayev's appeal", ""),
    ("casualty_reports", "cr013", "notes", "does not date", ""),
    ("casualty_reports", "cr014", "notes", "does not date", ""),
    # re024: CNN's "without offering evidence".
    ("reactions", "re024", "summary", "no evidence", ""),
    ("reactions", "re026", "summary", "Tokayev", "rally behind"),
]


@pytest.mark.parametrize(
    "table, row_id, field, must, must_not", WORDING, ids=[f"{r}.{f}.{m or n}" for _, r, f, m, n in WORDING]
)
def test_corrected_wording(table: str, row_id: str, field: str, must: str, must_not: str) -> None:
    assert_wording(table, row_id, field, must, must_not)


def test_ci048_replaced_by_ev068() -> None:
    """004 gives no date or area, so it supports no single version: no citation of 004 on ev042 remains."""
    assert "ci048" not in _table("citations")
    on_ev042 = [c for c in _table("citations").values() if c["record_id"] == "ev042"]
    assert all(c["doc_id"] != "004_5fd3b595c2b22735" for c in on_ev042)


NEW_CITATIONS = [
    ("ci054", "re024", "004_5fd3b595c2b22735", "without offering evidence"),
    ("ci055", "ev049", "003_04e9413ed8024901", "In view of the address of President of Kazakhstan"),
]


@pytest.mark.parametrize("cid, record, doc, evidence", NEW_CITATIONS, ids=[c[0] for c in NEW_CITATIONS])
def test_new_citation(cid: str, record: str, doc: str, evidence: str) -> None:
    assert cell("citations", cid, "record_id") == record
    assert cell("citations", cid, "doc_id") == doc
    assert evidence in cell("citations", cid, "evidence")


def test_undated_figures_of_one_day_share_a_precision() -> None:
    """Figures whose document gives no as-of date (reported_date_basis document_date) are ranges, none day-precise."""
    undated = [r for r in _table("casualty_reports").values() if r["reported_date_basis"] == "document_date"]
    undated = [r for r in undated if r["as_of_date"] == r["reported_date"] and "does not date" in r["notes"]]
    assert {r["report_id"] for r in undated} >= {"cr009", "cr013", "cr014"}
    assert {r["as_of_precision"] for r in undated} == {"range"}


def test_before_precision_is_defined_and_checked(tmp_path) -> None:
    """'before' is in the descriptor, shown as 'by 2 Jan', below ACLED's threshold, and needs start == end."""
    descriptor = json.loads((settings.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    field = next(f for f in events["schema"]["fields"] if f["name"] == "date_precision")
    assert "before" in field["constraints"]["enum"] and "before (" in field["description"]
    day = pd.Timestamp("2022-01-02")
    assert display.span_label(day, day, "before") == "by 2 Jan"
    assert acled.time_precision(day.date(), day.date(), "before") is None
    # A 'before' row whose start differs from its end is refused with a message naming the rule.
    import shutil

    shutil.copytree(settings.data_dir(), tmp_path / "data", ignore=shutil.ignore_patterns("geo"))
    path = tmp_path / "data" / "events.csv"
    text = path.read_text(encoding="utf-8").replace(
        "ev056,fuel_price_rise,2022-01-02,2022-01-02,before", "ev056,fuel_price_rise,2021-12-01,2022-01-02,before"
    )
    path.write_text(text, encoding="utf-8")
    problems = validate(tmp_path / "data", texts_dir=tmp_path / "no-texts").problems
    assert any("'before' needs date_end == date_start" in p.rule for p in problems), problems
