"""Counts listed after a figure, subsets "of which", "among them" after the count, and "identified as victims".

Every sentence here was written for these tests in the style of a wire report; none is from a source text.
"""

from __future__ import annotations

from datetime import date

import pytest

from qantar.extract import figures
from qantar.extract.core import Doc

PUB = date(2022, 1, 15)


def _rows(text: str) -> list[tuple[str, int | None, str, str]]:
    """(measure, value, group, scope) of every figure."""
    return [
        (c.row["measure"], c.row["value"], c.row["group"], c.row["scope_place_id"])
        for c in figures.find(Doc(text, PUB))
    ]


def test_breakdown_after_a_dash() -> None:
    """list_items: "fewer than 40 deaths — 21 'bandits' and 15 police officers"."""
    rows = _rows("The government had earlier reported fewer than 40 deaths — 21 'bandits' and 15 police officers.")
    assert ("killed", 21, "armed_criminals", "kz") in rows and ("killed", 15, "security_forces", "kz") in rows


def test_places_listed_after_including() -> None:
    """list_items: "including 9 in Almaty, six in the Almaty region and two in Taraz" (each its own place)."""
    rows = _rows(
        "Officials confirmed the deaths of 17 civilians, including 9 in Almaty, six in the Almaty region "
        "and two in Taraz."
    )
    assert ("killed", 9, "civilians", "almaty") in rows
    assert ("killed", 6, "civilians", "almaty_region") in rows
    assert ("killed", 2, "civilians", "taraz") in rows


def test_a_list_of_something_else_is_not_a_breakdown() -> None:
    rows = _rows("Police detained 40 people, and 3 ministers resigned.")
    assert [r for r in rows if r[1] == 3] == []


@pytest.mark.parametrize(
    "text",
    [
        "The bodies of 160 people were brought to morgues, of which 12 were police officers.",
        "The bodies of 160 people were brought to morgues. There were 12 police officers among them.",
    ],
)
def test_subset_of_which_and_among_them(text: str) -> None:
    assert ("killed", 12, "security_forces", "kz") in _rows(text)


def test_identified_as_victims_is_casualties() -> None:
    rows = _rows("The official said 3,100 people had been identified as victims of the unrest.")
    assert [r[:2] for r in rows] == [("casualties", 3100)]
