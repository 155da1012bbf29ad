"""Events told in a text written after the unrest's main days (published after DEFAULT_END, 10 January): an undated
happening is somewhere in January up to publication, not on the report's day.

Every sentence here was written for these tests in the style of a wire report; none is from a source text.
"""

from __future__ import annotations

from datetime import date

import pytest

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


# --- issue 19's review log: withdrawals told as a return home, lifted emergencies, verdicts, labels, relative days


def _events(text: str, published: date) -> list[tuple[str, str, str, str]]:
    """(kind, date_start, date_end, place_id) of every event candidate."""
    return [
        (c.row["event_kind"], c.row["date_start"], c.row["date_end"], c.row["place_id"])
        for c in events.find(Doc(text, published))
    ]


def test_troops_returned_home_is_the_csto_leaving() -> None:
    """troops_returned_home: "the Russian Defence Ministry said its troops had returned home" after a sentence on the
    CSTO's force; "its remaining peacekeepers flew back to Russia"."""
    text = (
        "The CSTO sent a force of some 2,000 soldiers to guard key sites. "
        "The Russian Defence Ministry said on Saturday that its troops had returned home."
    )
    assert "csto_withdrawal" in _kinds(text, date(2022, 1, 15))
    text = "The president thanked the Russian-led bloc. All its soldiers have now returned home, the bloc said."
    assert "csto_withdrawal" in _kinds(text, date(2022, 1, 20))


def test_the_countrys_own_troops_returning_home_is_no_withdrawal() -> None:
    """troops_returned_home: not the country's own forces, and not troops no sentence ties to the mission."""
    assert "csto_withdrawal" not in _kinds("Kazakh troops returned home to their bases after the operation.")
    assert "csto_withdrawal" not in _kinds("After the exercise, the troops returned home.")


@pytest.mark.parametrize(
    "text",
    [
        "The presidency said that as of Tuesday the state of emergency was lifted in the Aktobe and Kostanay regions.",
        "Kazakhstan ended states of emergency across the country on Wednesday.",
        "Officials lifted the curfew in Almaty.",
        "The state of emergency has been scrapped in the capital.",
    ],
)
def test_emergency_lifted(text: str) -> None:
    """emergency_lifted: "the state of emergency was lifted in", "ended states of emergency across the country",
    "lifted the curfew", "has been scrapped"; never a state_of_emergency (a declaration) at the same time."""
    kinds = _kinds(text)
    assert "emergency_lifted" in kinds and "state_of_emergency" not in kinds


def test_emergency_lifted_coding() -> None:
    """Kind table: emergency_lifted is Strategic developments / Other by the government, placed in the country."""
    c = next(c for c in events.find(Doc("Kazakhstan ended states of emergency on Wednesday.", date(2022, 1, 19))))
    r = c.row
    assert (r["event_type"], r["sub_event_type"], r["actor1"], r["place_id"]) == (
        "Strategic developments",
        "Other",
        "Government of Kazakhstan",
        "kz",
    )
    assert (r["date_start"], r["date_end"]) == ("2022-01-19", "2022-01-19")


def test_a_declaration_is_still_a_state_of_emergency() -> None:
    assert _kinds("Authorities declared a state of emergency in Almaty.", date(2022, 1, 6)) == {"state_of_emergency"}


@pytest.mark.parametrize(
    "text",
    [
        "A court in Taraz sentenced the former regional police chief to nine years in prison.",
        "A military court convicted an army captain of abuse of power.",
        "Two of his deputies were found guilty of treason.",
        "The ex-minister got a 12-year sentence for organising the riots.",
        "Three men were sentenced to five years for looting.",
    ],
)
def test_court_verdict(text: str) -> None:
    """court_verdict: "sentenced X to nine years", "convicted", "were found guilty", "got a 12-year sentence", "were
    sentenced to five years"; Strategic developments / Other."""
    found = [c.row for c in events.find(Doc(text, date(2023, 5, 2))) if c.row["event_kind"] == "court_verdict"]
    assert len(found) == 1
    assert (found[0]["event_type"], found[0]["sub_event_type"]) == ("Strategic developments", "Other")


@pytest.mark.parametrize(
    "text",
    [
        "Those found guilty could be sentenced to up to 15 years in prison.",
        "Police said the gang included several convicted criminals.",
        "He faces up to 20 years in prison if convicted.",
    ],
)
def test_no_verdict_happened(text: str) -> None:
    """court_verdict: not a verdict that may come ("could be sentenced", "if convicted", "faces up to", "those found
    guilty") nor "convicted criminals"."""
    assert "court_verdict" not in _kinds(text, date(2022, 3, 1))


def test_court_verdict_dated_by_ruled_on_in_the_next_sentence() -> None:
    """verdict_date: "A court in Astana sentenced X to 12 years. The judge also ruled on March 3 to ..." is 3 March,
    at the court's city."""
    text = (
        "A court in Astana sentenced the former defence minister to 12 years in prison. "
        "The judge also ruled on March 3 to strip him of his rank."
    )
    assert ("court_verdict", "2023-03-03", "2023-03-03", "nur_sultan") in _events(text, date(2023, 5, 2))


def test_court_verdict_dated_by_ruled_on_in_the_next_paragraph() -> None:
    """verdict_date: the "ruled on" sentence may open the next paragraph (two sentences at most)."""
    text = (
        "A court in Kazakhstan has sentenced the former defence minister to 12 years in prison.\n\n"
        "The judge also ruled on March 3 to strip him of his rank."
    )
    assert [e[1:3] for e in _events(text, date(2023, 5, 2)) if e[0] == "court_verdict"] == [
        ("2023-03-03", "2023-03-03")
    ]


def test_court_verdict_dated_by_its_sentence() -> None:
    """event_date: "On October 10, a military court in Taraz convicted ..." is 10 October."""
    text = "On October 10, a military court in Taraz convicted a police officer of abuse of power."
    assert ("court_verdict", "2022-10-10", "2022-10-10", "taraz") in _events(text, date(2022, 12, 20))


def test_undated_verdict_is_after_the_unrest() -> None:
    """verdict_date: an undated verdict in a later text is between the unrest's end and publication, not January."""
    (row,) = [e for e in _events("Two of his deputies were found guilty of treason.", date(2023, 5, 2))]
    assert row[1:3] == ("2022-01-31", "2023-05-02")


@pytest.mark.parametrize(
    "text",
    [
        "Police detained hundreds, calling those detained looters and bandits.",
        "The president branded the protesters 'looters' in a televised speech.",
        "Officials described the crowds as looters and extremists.",
    ],
)
def test_looters_as_a_label_is_no_looting(text: str) -> None:
    """is_label: "calling those detained looters", "branded the protesters 'looters'", "described the crowds as
    looters": what people are called, not a happening."""
    assert "property_damage" not in _kinds(text, date(2022, 1, 12))


def test_looting_still_found() -> None:
    assert "property_damage" in _kinds("Looters ransacked shops in Almaty on Wednesday.", date(2022, 1, 7))


def test_day_after_a_named_happening_is_not_counted_from_an_unrelated_date() -> None:
    """anchored_to_clause + borrowed_later_date: "the day after protests broke out in Taraz" is not the day after
    the 16 November verdict told just before; the protest is dated in January."""
    text = (
        "On November 16, a military court convicted an officer. He was accused of shooting a farmer near his camp "
        "the day after protests broke out in Taraz."
    )
    found = _events(text, date(2022, 12, 25))
    assert ("court_verdict", "2022-11-16", "2022-11-16", "kz") in found
    protest = [e for e in found if e[0] == "protest"]
    assert protest and all(e[2] <= "2022-01-31" for e in protest)
