"""Date rules for texts written after the unrest (issue 19's review log): a month that opens a sentence, and "the day
after" counted from a happening the sentence names rather than from the text's previous date.

Every sentence here was written for these tests in the style of a wire report; none is from a source text.
"""

from __future__ import annotations

from datetime import date

from qantar.extract import dates
from qantar.extract.core import Doc


def _refs(text: str, published: date) -> list[tuple[str, str, str, str]]:
    return [
        (text[r.start : r.end], r.date_start.isoformat(), r.date_end.isoformat(), r.precision)
        for r in dates.dates_in(Doc(text, published))
    ]


def test_month_opening_a_sentence() -> None:
    """month_only: "In June, ..." (capitalised, a sentence's first words) is the month of June."""
    assert ("In June", "2022-06-01", "2022-06-30", "month") in _refs(
        "In June, prosecutors gave a new toll.", date(2022, 8, 16)
    )


def test_the_day_after_a_named_happening_is_not_resolved() -> None:
    """anchored_to_clause: "the day after protests broke out in Taraz" is not the day after the text's last date."""
    refs = _refs(
        "On November 16, a court convicted an officer of shooting a man the day after protests broke out in Taraz.",
        date(2022, 12, 25),
    )
    assert [r[0] for r in refs] == ["November 16"]


def test_the_day_after_alone_is_still_counted_from_the_previous_date() -> None:
    """relative_to_previous: "Police met on Monday. Crowds rallied in Aktau the day after." is Tuesday."""
    refs = _refs("Police met on Monday, January 3. Crowds rallied in Aktau the day after.", date(2022, 1, 8))
    assert ("the day after", "2022-01-04", "2022-01-04", "day") in refs
