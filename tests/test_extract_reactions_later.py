"""Reaction speakers in texts written after the unrest (issue 19's review log): a date phrase is never a speaker,
another transliteration of the president is the same actor, and a parliament's resolution is spoken by the
parliament, not by those it calls on.

Every sentence here was written for these tests in the style of a wire report; none is from a source text.
"""

from __future__ import annotations

from datetime import date

import pytest

from qantar.extract import figures, reactions
from qantar.extract.core import Doc

PUB = date(2022, 8, 20)


def _actors(text: str, published: date = PUB) -> list[str]:
    return [c.row["actor"] for c in reactions.find(Doc(text, published))]


@pytest.mark.parametrize(
    "text",
    [
        "In June, Kazakh prosecutors, who lead the inquiry, said that 232 people had died.",
        "On Tuesday, the prosecutor general's office, which leads the inquiry, said the count was final.",
    ],
)
def test_a_date_phrase_is_never_a_speaker(text: str) -> None:
    """is_person_name: "In June, Kazakh prosecutors, ..." does not make "In June" a named official (nor "On
    Tuesday")."""
    assert not any(a.startswith(("In ", "On ")) for a in _actors(text))
    assert all(sur not in ("June", "Tuesday") for _o, sur, _k in figures.person_sources(Doc(text, PUB)))


def test_a_real_name_before_an_office_is_still_learned() -> None:
    """person_sources: "Berik Asylov, the prosecutor general, said ..." still introduces a person."""
    doc = Doc("Berik Asylov, the prosecutor general, said that 230 people had died.", date(2022, 3, 14))
    assert [(sur, key) for _o, sur, key in figures.person_sources(doc)] == [("Asylov", "prosecutor_general")]


@pytest.mark.parametrize(
    "text",
    [
        "Qasym-Zhomart Toqaev blamed the unrest on foreign militants.",
        "President Toqaev blamed the unrest on foreign militants.",
    ],
)
def test_toqaev_is_tokayev(text: str) -> None:
    """PEOPLE: "Qasym-Zhomart Toqaev" / "Toqaev" (another transliteration) is Kassym-Jomart Tokayev."""
    assert _actors(text) == ["Kassym-Jomart Tokayev"]


def test_toqaev_states_a_figure_as_the_president() -> None:
    """figures.OFFICIAL_SOURCES: a figure Toqaev gives is stated by the president."""
    (c,) = figures.find(Doc("Toqaev said that 230 people had been killed.", PUB))
    assert c.row["stated_by"] == "president"


@pytest.mark.parametrize(
    "text",
    [
        "The European Parliament called on Kazakh officials to release peaceful protesters.",
        "In a resolution adopted on Thursday, MEPs condemned the violence and urged Kazakh authorities to free "
        "detained activists.",
        "The European Parliament on Thursday called for an international investigation into the killings.",
    ],
)
def test_a_parliaments_resolution_is_spoken_by_the_parliament(text: str) -> None:
    """ORGS: "the European Parliament called on Kazakh officials to ...", "MEPs condemned ... and urged Kazakh
    authorities to ..." are the European Parliament's, never the officials' it calls on."""
    actors = _actors(text, date(2022, 1, 21))
    assert actors and set(actors) == {"European Parliament"}
