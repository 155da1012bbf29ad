"""Figure rules for texts written after the unrest (issue 19's review log): raised tolls, deaths in custody, a count
after its place, detention sentences, list items that run on, speakers who open a paragraph, earlier and withdrawn
tolls, a month that frames a statement, a dateline that is no scope.

Every sentence here was written for these tests in the style of a wire report; none is from a source text.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from qantar.extract import figures
from qantar.extract.core import Doc

PUB = date(2022, 8, 20)


def _rows(text: str, published: date = PUB) -> list[dict[str, Any]]:
    return [{**c.row, "rule": c.rule, "notes_": "; ".join(c.notes)} for c in figures.find(Doc(text, published))]


def _one(text: str, value: int, published: date = PUB) -> dict[str, Any]:
    rows = [r for r in _rows(text, published) if r["value"] == value]
    assert len(rows) == 1, f"{value} in {text!r}: {[(r['measure'], r['value']) for r in _rows(text, published)]}"
    return rows[0]


# --- toll_raised_to ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,value",
    [
        (
            "The authorities later raised the official death toll from the violence that shook several western and "
            "southern cities to 241.",
            241,
        ),
        (
            "Officials revised the number of victims of the riots that broke out in the country's south and east "
            "last winter to 96.",
            96,
        ),
        (
            "The ministry brought the official toll for the week of clashes that spread across the western oil "
            "region to 40.",
            40,
        ),
    ],
)
def test_toll_raised_to_a_number_after_a_long_clause(text: str, value: int) -> None:
    """toll_raised_to: "raised the death toll from the violence that ... to 241", "revised the number of victims of
    ... to 96", "brought the official toll for ... to 40"."""
    row = _one(text, value)
    assert (row["measure"], row["period"], row["rule"]) == ("killed", "cumulative", "figures.toll_raised_to")


# --- death_in_custody -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,value",
    [
        ("Four detainees were tortured to death, a rights group said.", 4),
        ("Two men had been beaten to death at a police station.", 2),
        ("At least five people died in police custody after the protests.", 5),
        ("Three prisoners died from torture, their lawyers said.", 3),
    ],
)
def test_deaths_in_custody_are_killed(text: str, value: int) -> None:
    """death_in_custody: "tortured to death", "beaten to death", "died in police custody", "died from torture"."""
    row = _one(text, value)
    assert row["measure"] == "killed" and row["rule"] == "figures.death_in_custody"


# --- measure_place_number ---------------------------------------------------------------------------------------


def test_count_after_its_place_inside_a_quote() -> None:
    """measure_place_number: "most died in Shymkent, 40 people" (the figure follows the place)."""
    row = _one('"Most died in Shymkent, 40 people," the prosecutor said.', 40)
    assert (row["measure"], row["scope_place_id"], row["stated_by"]) == ("killed", "shymkent", "prosecutor_general")


def test_count_after_its_place_detained() -> None:
    """measure_place_number: "were detained in Aktobe, 300 people"."""
    row = _one("He said that the largest group were detained in Aktobe, 300 people.", 300)
    assert (row["measure"], row["scope_place_id"]) == ("detained", "aktobe")


# --- sentenced to administrative detention ----------------------------------------------------------------------


def test_sentenced_to_administrative_detention_is_detained() -> None:
    """number_then_measure with "sentenced to administrative detention": "40 persons out of 2,100 people, who were
    sentenced to administrative detention" gives the 2,100 as detained, not the 40."""
    rows = _rows("Of them, 40 persons out of 2,100 people, who were sentenced to administrative detention, were freed.")
    assert [(r["measure"], r["value"]) for r in rows] == [("detained", 2100)]


# --- list_items: an item that runs on -----------------------------------------------------------------------------


def test_second_list_item_that_runs_on_into_a_phrase() -> None:
    """list_items: "fewer than 30 deaths — 12 gunmen and 9 police officers in the fighting that ..." (both items)."""
    rows = _rows(
        "The ministry had earlier reported fewer than 30 deaths — 12 gunmen and 9 police officers in the fighting "
        "that shook the south."
    )
    got = {(r["value"], r["group"]) for r in rows}
    assert {(12, "armed_criminals"), (9, "security_forces")} <= got


# --- paragraph_speaker ------------------------------------------------------------------------------------------


def test_speaker_carried_from_the_paragraph_opener() -> None:
    """paragraph_speaker: "Mr. Bekov further informed that ..." speaks for the later sentences of his paragraph, not
    for the next paragraph; "Deputy Prosecutor General Yerlan Bekov" introduces him (the title's "General")."""
    text = (
        "Deputy Prosecutor General Yerlan Bekov briefed foreign diplomats on the inquiry.\n\n"
        "Mr. Bekov further informed that 900 people had been detained in the pending criminal cases. Of these, 800 "
        "were held in custody by court order. A further 70 people were charged with murder.\n\n"
        "Another 40 were detained in Taraz."
    )
    by_value = {r["value"]: r["stated_by"] for r in _rows(text, date(2022, 1, 25))}
    assert by_value[900] == by_value[800] == by_value[70] == "prosecutor_general"
    assert by_value[40] == "unknown"


def test_speaker_with_an_appositive_opens_the_paragraph() -> None:
    """paragraph_speaker + person_sources: "Mr. Bekov, Deputy Prosecutor General of Kazakhstan, further informed that
    ..." speaks for his own sentence ("informed" is a speech cue) and the next one."""
    text = (
        "The briefing was held at the ministry.\n\n"
        "Mr. Bekov, Deputy Prosecutor General of Kazakhstan, further informed that 900 people had been detained. "
        "A further 70 people were charged with murder."
    )
    by_value = {r["value"]: r["stated_by"] for r in _rows(text, date(2022, 1, 25))}
    assert by_value == {900: "prosecutor_general", 70: "prosecutor_general"}


# --- as of: earlier tolls and a month that frames the statement ---------------------------------------------------


@pytest.mark.parametrize(
    "text,value",
    [
        ("The previous official toll was 180.", 180),
        ("The ministry had previously acknowledged fewer than 40 deaths.", 40),
    ],
)
def test_earlier_toll_is_as_of_before_publication(text: str, value: int) -> None:
    """earlier_toll: "the previous official toll was 180", "had previously acknowledged fewer than 40 deaths": as of
    the day before publication, precision range."""
    row = _one(text, value)
    assert (row["as_of_date"], row["as_of_precision"]) == ("2022-08-19", "range")


def test_higher_than_previously_announced_is_no_earlier_toll() -> None:
    """earlier_toll: the cue after the figure is about another one ("higher than previously announced")."""
    row = _one("Officials said 240 people died, far more than previously announced.", 240)
    assert row["as_of_date"] == "2022-08-20"


@pytest.mark.parametrize(
    "text,value",
    [
        ("In June, prosecutors said the toll stood at 232.", 232),
        ("In June, a senior official of the prosecutor general's office said that 232 people had died.", 232),
        ("In May the ombudsman put the number of dead at 231.", 231),
    ],
)
def test_month_that_frames_the_statement(text: str, value: int) -> None:
    """month_of_statement: "In June, prosecutors said the toll stood at 232" is as of 30 June (range), not the
    publication day."""
    row = _one(text, value)
    month_end = "2022-06-30" if "June" in text else "2022-05-31"
    assert (row["as_of_date"], row["as_of_precision"]) == (month_end, "range")


def test_month_of_the_happening_is_still_as_of_publication() -> None:
    """month_of_statement: a month that dates what happened ("In January, police detained 300") is not a statement's."""
    row = _one("In January, police detained 300 people in Almaty.", 300)
    assert row["as_of_date"] == "2022-08-20"


# --- scope: a dateline's city -------------------------------------------------------------------------------------


def test_dateline_city_is_no_scope() -> None:
    """_scope: "NUR-SULTAN -- Officials said 300 people were detained" is national, not the capital."""
    assert _one("NUR-SULTAN -- Officials said 300 people were detained.", 300)["scope_place_id"] == "kz"


def test_a_city_in_the_sentence_still_scopes_it() -> None:
    assert _one("Police in Taraz said 30 people were detained.", 30)["scope_place_id"] == "taraz"


# --- claim_status -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,value,status",
    [
        (
            "A higher toll of 190 that appeared on a government website last week was quickly retracted.",
            190,
            "withdrawn",
        ),
        ("The health ministry later withdrew its figure of 170 dead.", 170, "withdrawn"),
        ("A toll of 150 posted by the ministry was disowned by the government.", 150, "withdrawn"),
        ("A count of 400 dead given by activists was disputed by the authorities.", 400, "disputed"),
        ("A toll of 120 was denied by the interior ministry.", 120, "disputed"),
        ("A toll of 164 posted on the ministry's channel was later deleted.", 164, "withdrawn"),
        ("Rights groups questioned the official toll of 238.", 238, "disputed"),
        ("The toll stood at 225, officials said.", 225, "stated"),
        ("An appeal by 12 detained activists was rejected by the court.", 12, "stated"),
        ("The bloc withdrew its troops as the toll reached 225.", 225, "stated"),
        ("The minister was removed from office after 225 people died.", 225, "stated"),
    ],
)
def test_claim_status(text: str, value: int, status: str) -> None:
    """claim_status: "was quickly retracted", "withdrew", "disowned" withdrawn; "disputed by", "denied by" disputed;
    else stated. A status other than stated carries a note for the reviewer."""
    row = _one(text, value)
    assert row["status"] == status
    assert ("status " + status in row["notes_"]) == (status != "stated")


# --- sources_for: a quoted label between a source and its verb --------------------------------------------------


def test_source_before_a_quoted_label_and_its_verb() -> None:
    """_SPEECH_AFTER: 'violence that authorities blamed on "extremists" and said had left 40 dead' is the
    authorities' figure."""
    row = _one('The riots turned into violence that authorities blamed on "extremists" and said had left 40 dead.', 40)
    assert row["stated_by"] == "authorities"


def test_an_office_that_ends_a_quotation_is_no_speaker() -> None:
    """_SPEECH_AFTER: '"... guarding the offices of the National Security Committee," he said' - the office closes
    the quotation; "he" speaks."""
    row = _one(
        '"In the south, 30 assailants were killed by troops guarding the offices of the National Security '
        'Committee," he said.',
        30,
    )
    assert row["stated_by"] != "national_security_committee"
