"""Events told in a text written after the unrest's main days (published after DEFAULT_END, 10 January): an undated
happening is somewhere in January up to publication, not on the report's day.

Every sentence here was written for these tests in the style of a wire report; none is from a source text.
"""

from __future__ import annotations

from datetime import date

from qantar.extract import events
from qantar.extract.core import Doc


def _dated(text: str, published: date) -> dict[str, tuple[str, str]]:
    return {c.row["event_kind"]: (c.row["date_start"], c.row["date_end"]) for c in events.find(Doc(text, published))}


def test_undated_happening_in_a_later_text_is_january() -> None:
    text = (
        "NUR-SULTAN, March 14 - Lawmakers heard the prosecutor's report.\n\n"
        "Protesters stormed the mayor's office in Almaty."
    )
    assert _dated(text, date(2022, 3, 14))["storming"] == ("2022-01-01", "2022-01-31")


def test_the_report_day_is_not_the_day_of_what_it_looks_back_on() -> None:
    text = "Almaty, January 15 : Officials gave a new toll.\n\nProtesters stormed the mayor's office in Almaty."
    start, end = _dated(text, date(2022, 1, 15))["storming"]
    assert start <= "2022-01-05" and end == "2022-01-15"


def test_a_text_of_the_main_days_still_carries_its_day() -> None:
    text = "On Wednesday, crowds gathered in Almaty.\n\nProtesters stormed the mayor's office in Almaty."
    assert _dated(text, date(2022, 1, 7))["storming"] == ("2022-01-05", "2022-01-05")


def _kinds(text: str, published: date = date(2022, 1, 19)) -> set[str]:
    return {c.row["event_kind"] for c in events.find(Doc(text, published))}


def test_withdrawal_wordings() -> None:
    """csto_deployment rule: "completed its withdrawal", "The withdrawal began on Thursday" in a CSTO story, "the
    remaining troops had departed"."""
    assert "csto_withdrawal" in _kinds("A Russia-led military contingent completed its withdrawal from Kazakhstan.")
    assert "csto_withdrawal" in _kinds("CSTO troops guarded power stations. The withdrawal began on Thursday.")
    assert "csto_withdrawal" in _kinds("Planes carrying the CSTO contingent's remaining troops departed Almaty.")


def test_arrival_following_an_invitation_is_a_request_too() -> None:
    found = _kinds("Troops from the bloc began arriving on January 6 following an invitation from Tokayev.")
    assert {"csto_deployment", "csto_request"} <= found


def test_a_withdrawal_of_something_else_is_not_the_csto_leaving() -> None:
    assert "csto_withdrawal" not in _kinds("Kazakhstan announced the withdrawal of the fuel price cap.")
