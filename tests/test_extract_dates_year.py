"""Which year a date without one falls in: the past unless the clause speaks of the future (found on a real text
of December 2022, where "early January" became January 2023)."""

from __future__ import annotations

from datetime import date

import pytest

from qantar.extract import dates
from qantar.extract.core import Doc


def _first(text: str, published: date) -> tuple[date, date]:
    refs = dates.dates_in(Doc(text, published))
    assert refs, text
    return refs[0].date_start, refs[0].date_end


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The protests of early January left many dead.", date(2022, 12, 23), (date(2022, 1, 1), date(2022, 1, 31))),
        ("Troops fired on crowds on January 5.", date(2022, 12, 23), (date(2022, 1, 5), date(2022, 1, 5))),
        ("Troops fired on crowds on 5 January.", date(2022, 12, 23), (date(2022, 1, 5), date(2022, 1, 5))),
        ("Prices had risen in December.", date(2022, 1, 5), (date(2021, 12, 1), date(2021, 12, 31))),
        ("Protests began on December 16 last year.", date(2022, 1, 7), (date(2021, 12, 16), date(2021, 12, 16))),
        ("A day of mourning is set for January 10.", date(2022, 1, 7), (date(2022, 1, 10), date(2022, 1, 10))),
        ("The trial will open in January.", date(2022, 12, 23), (date(2023, 1, 1), date(2023, 1, 31))),
    ],
)
def test_year_of_a_date_without_one(text: str, published: date, expected: tuple[date, date]) -> None:
    assert _first(text, published) == expected
