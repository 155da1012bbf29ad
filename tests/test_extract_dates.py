"""Date rules: calendar dates and relative expressions resolved against the publication date.

Every sentence here was written for these tests; none is from a source text.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from qantar.extract import dates
from qantar.extract.core import Doc

FRI = date(2022, 1, 7)  # a Friday
D = date


def _ref(text: str, published: date = FRI) -> dates.DateRef:
    refs = dates.dates_in(Doc(text, published))
    assert len(refs) == 1, refs
    return refs[0]


# (sentence, published, date_start, date_end, precision, basis, rule)
CASES = [
    ("Protests began on January 2.", FRI, D(2022, 1, 2), D(2022, 1, 2), "day", "stated", "dates.month_day"),
    ("Troops arrived on Jan. 6.", FRI, D(2022, 1, 6), D(2022, 1, 6), "day", "stated", "dates.month_day"),
    ("The airport reopened on Jan 5th.", FRI, D(2022, 1, 5), D(2022, 1, 5), "day", "stated", "dates.month_day"),
    ("It began on January 5, 2022.", FRI, D(2022, 1, 5), D(2022, 1, 5), "day", "stated", "dates.month_day"),
    ("Rallies on January 5-6 turned violent.", FRI, D(2022, 1, 5), D(2022, 1, 6), "range", "stated", "dates.month_day"),
    ("Sunday, January 2 was the first day.", FRI, D(2022, 1, 2), D(2022, 1, 2), "day", "stated", "dates.month_day"),
    ("Fuel prices rose on 1 January.", FRI, D(2022, 1, 1), D(2022, 1, 1), "day", "stated", "dates.day_month"),
    ("Clashes on 5 Jan 2022 left dozens dead.", FRI, D(2022, 1, 5), D(2022, 1, 5), "day", "stated", "dates.day_month"),
    ("Unrest on 5-6 January was the worst.", FRI, D(2022, 1, 5), D(2022, 1, 6), "range", "stated", "dates.day_month"),
    (
        "A strike on December 16 went unnoticed.",
        FRI,
        D(2021, 12, 16),
        D(2021, 12, 16),
        "day",
        "stated",
        "dates.month_day",
    ),
    ("Reported 2022-01-05 by the ministry.", FRI, D(2022, 1, 5), D(2022, 1, 5), "day", "stated", "dates.iso_date"),
    ("Rallies have continued since January 2.", FRI, D(2022, 1, 2), FRI, "range", "stated", "dates.since_date"),
    ("Gas prices doubled on New Year's Day.", FRI, D(2022, 1, 1), D(2022, 1, 1), "day", "stated", "dates.holiday"),
    (
        "Rallies began over the New Year's weekend.",
        FRI,
        D(2022, 1, 1),
        D(2022, 1, 2),
        "range",
        "stated",
        "dates.holiday",
    ),
    ("Protests erupt at New Year in the west.", FRI, D(2022, 1, 1), D(2022, 1, 2), "range", "stated", "dates.holiday"),
    (
        "Prices rose during the New Year holidays.",
        FRI,
        D(2022, 1, 1),
        D(2022, 1, 2),
        "range",
        "stated",
        "dates.holiday",
    ),
    (
        "Protesters stormed the building on Wednesday.",
        FRI,
        D(2022, 1, 5),
        D(2022, 1, 5),
        "day",
        "weekday_resolved",
        "dates.weekday",
    ),
    (
        "Shots were heard Wednesday night.",
        FRI,
        D(2022, 1, 5),
        D(2022, 1, 5),
        "day",
        "weekday_resolved",
        "dates.weekday",
    ),
    ("Looting went on Thursday night.", FRI, D(2022, 1, 6), D(2022, 1, 6), "day", "weekday_resolved", "dates.weekday"),
    ("The president spoke on Friday.", FRI, FRI, FRI, "day", "weekday_resolved", "dates.weekday"),
    ("Leaders will meet on Friday.", FRI, D(2022, 1, 14), D(2022, 1, 14), "day", "weekday_resolved", "dates.weekday"),
    ("Leaders will meet on Monday.", FRI, D(2022, 1, 10), D(2022, 1, 10), "day", "weekday_resolved", "dates.weekday"),
    ("Talks are planned next Monday.", FRI, D(2022, 1, 10), D(2022, 1, 10), "day", "weekday_resolved", "dates.weekday"),
    ("Troops landed overnight.", FRI, D(2022, 1, 6), FRI, "range", "relative_resolved", "dates.overnight"),
    ("Gunfire rang out last night.", FRI, D(2022, 1, 6), FRI, "range", "relative_resolved", "dates.overnight"),
    (
        "Officials said yesterday that order was restored.",
        FRI,
        D(2022, 1, 6),
        D(2022, 1, 6),
        "day",
        "relative_resolved",
        "dates.day_word",
    ),
    ("Banks reopened today.", FRI, FRI, FRI, "day", "relative_resolved", "dates.day_word"),
    (
        "The cabinet resigned earlier this week.",
        FRI,
        D(2022, 1, 3),
        D(2022, 1, 6),
        "range",
        "relative_resolved",
        "dates.week_phrase",
    ),
    ("Prices rose this week.", FRI, D(2022, 1, 3), FRI, "range", "relative_resolved", "dates.week_phrase"),
    ("Prices rose last week.", FRI, D(2021, 12, 27), D(2022, 1, 2), "range", "relative_resolved", "dates.week_phrase"),
    ("Hundreds were held in recent days.", FRI, D(2022, 1, 4), FRI, "range", "relative_resolved", "dates.week_phrase"),
    (
        "Protests began at the weekend.",
        FRI,
        D(2022, 1, 1),
        D(2022, 1, 2),
        "range",
        "relative_resolved",
        "dates.weekend",
    ),
    (
        "Protests grew over the weekend.",
        D(2022, 1, 10),
        D(2022, 1, 8),
        D(2022, 1, 9),
        "range",
        "relative_resolved",
        "dates.weekend",
    ),
    ("Residents stocked up in January.", FRI, D(2022, 1, 1), D(2022, 1, 31), "month", "stated", "dates.month_only"),
]


@pytest.mark.parametrize(("text", "pub", "a", "b", "precision", "basis", "rule"), CASES, ids=[c[0][:32] for c in CASES])
def test_date_rule(text: str, pub: date, a: date, b: date, precision: str, basis: str, rule: str) -> None:
    r = _ref(text, pub)
    assert (r.date_start, r.date_end, r.precision, r.basis, r.rule) == (a, b, precision, basis, rule)


# A weekday equal to the publication weekday is that very day, on every day of the week.
@pytest.mark.parametrize("offset", range(7))
def test_weekday_equal_to_publication_day_is_that_day(offset: int) -> None:
    pub = date(2022, 1, 3) + timedelta(days=offset)
    name = pub.strftime("%A")
    r = _ref(f"Police detained protesters on {name}.", pub)
    assert r.date_start == pub and r.basis == "weekday_resolved"


@pytest.mark.parametrize("offset", range(7))
def test_weekday_before_publication_day_is_within_the_week(offset: int) -> None:
    pub = date(2022, 1, 3) + timedelta(days=offset)
    r = _ref("Police detained protesters on Tuesday.", pub)
    assert r.date_start.weekday() == 1 and 0 <= (pub - r.date_start).days < 7


RELATIVE = [
    ("Protests began on January 2. Two days later, the government resigned.", D(2022, 1, 4)),
    ("Protests began on January 2. The following day, they spread.", D(2022, 1, 3)),
    ("Protests began on January 2. The next day, they spread.", D(2022, 1, 3)),
    ("Troops arrived on January 6. A day earlier, the request was made.", D(2022, 1, 5)),
    ("Troops arrived on January 6. The previous day, the request was made.", D(2022, 1, 5)),
    ("Troops arrived on Thursday. A week later, they left.", D(2022, 1, 13)),
]


@pytest.mark.parametrize(("text", "expected"), RELATIVE, ids=[r[0][30:60] for r in RELATIVE])
def test_relative_to_previous_date(text: str, expected: date) -> None:
    refs = dates.dates_in(Doc(text, FRI))
    assert refs[-1].rule == "dates.relative_to_previous"
    assert (refs[-1].date_start, refs[-1].basis) == (expected, "relative_resolved")


def test_next_day_does_not_make_a_weekday_future() -> None:
    refs = dates.dates_in(Doc("On Wednesday crowds gathered; the next day they dispersed.", FRI))
    assert [r.date_start for r in refs] == [D(2022, 1, 5), D(2022, 1, 6)]


def test_relative_without_previous_date_is_not_resolved() -> None:
    assert dates.dates_in(Doc("Two days later, the government resigned.", FRI)) == []


def test_two_dates_joined_by_and_are_not_a_range() -> None:
    refs = dates.dates_in(Doc("Clashes on Jan. 5 and 6-7 January.", FRI))
    assert [(r.date_start, r.date_end) for r in refs] == [
        (D(2022, 1, 5), D(2022, 1, 5)),
        (D(2022, 1, 6), D(2022, 1, 7)),
    ]


def test_date_for_sentence_date() -> None:
    text = "Police detained 40 people on Wednesday in Almaty."
    r = dates.date_for(Doc(text, FRI), text.index("detained"))
    assert (r.date_start, r.basis) == (D(2022, 1, 5), "weekday_resolved")


def test_date_for_previous_sentence_in_paragraph() -> None:
    text = "On Wednesday, crowds gathered. Police detained 40 people."
    r = dates.date_for(Doc(text, FRI), text.index("detained"))
    assert (r.date_start, r.basis) == (D(2022, 1, 5), "context")


def test_date_for_does_not_cross_paragraphs() -> None:
    text = "On Wednesday, crowds gathered.\n\nPolice detained 40 people."
    r = dates.date_for(Doc(text, FRI), text.index("detained"))
    assert (r.date_start, r.date_end, r.precision, r.basis) == (D(2022, 1, 2), FRI, "range", "document_date")
