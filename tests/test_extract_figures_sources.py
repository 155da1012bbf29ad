"""Who stated a figure and when it was counted, where the speaker is named once and then only by surname, pronoun or
a quote; headline attributions; wire agencies as relayers; an unnamed official toll.

Every sentence here was written for these tests in the style of a wire report; none is from a source text.
"""

from __future__ import annotations

from datetime import date

import pytest

from qantar.extract import figures
from qantar.extract.core import Doc

PUB = date(2022, 1, 15)  # a Saturday


def _figs(text: str, published: date = PUB) -> dict[tuple[str, int | None], dict]:
    return {(c.row["measure"], c.row["value"]): c.row for c in figures.find(Doc(text, published))}


@pytest.mark.parametrize(
    ("text", "key", "stated_by"),
    [
        # a title before the name, then the surname alone
        (
            "Prosecutor General Berik Asylov spoke to lawmakers. In all, 230 people died, Asylov said.",
            ("killed", 230),
            "prosecutor_general",
        ),
        # an appositive after the name, then a quote closed by the surname
        (
            "Yerlan Turgumbayev, the interior minister, briefed reporters. "
            '"More than 9,900 people have been detained," Turgumbayev said.',
            ("detained", 9900),
            "interior_ministry",
        ),
        # "a spokeswoman for", then "she said"
        (
            "Aigerim Bekova, a spokeswoman for the health ministry, spoke on Friday. "
            "She said 67 people were in a serious condition.",
            ("injured", 67),
            "health_ministry",
        ),
        # a quote of two sentences; the attribution closes the second
        (
            "Serik Bakirov, a senior official at the Prosecutor General's Office, spoke in Nur-Sultan. "
            '"The bodies of 225 people were taken to morgues. 19 of them were police officers," Bakirov said.',
            ("killed", 225),
            "prosecutor_general",
        ),
    ],
)
def test_speaker_named_once_then_by_surname_pronoun_or_quote(text: str, key: tuple[str, int], stated_by: str) -> None:
    """person_sources: a person introduced with an office speaks for it later in the text."""
    assert _figs(text)[key]["stated_by"] == stated_by


def test_a_surname_of_someone_with_no_office_is_no_source() -> None:
    text = "Dana Abenova, a teacher, watched the crowd. Some 40 people were detained, Abenova said."
    assert _figs(text)[("detained", 40)]["stated_by"] == "unknown"


def test_headline_attribution_after_a_colon() -> None:
    """A headline "…: Prosecutor's office" names the source of its figures."""
    text = "Unrest left 225 dead: Prosecutor's office\n\nThe toll was given on Saturday."
    assert _figs(text)[("killed", 225)]["stated_by"] == "prosecutor_general"


@pytest.mark.parametrize(
    "text",
    [
        "The previous official death toll was 164.",
        "An official tally put the number of dead at 164.",
        "Kazakhstan had previously acknowledged 164 deaths.",
    ],
)
def test_an_official_toll_without_a_named_speaker_is_the_authorities(text: str) -> None:
    assert _figs(text)[("killed", 164)]["stated_by"] == "authorities"


@pytest.mark.parametrize(
    ("text", "relayed"),
    [
        ("Police said 40 people were detained, an official told Reuters.", "reuters"),
        ("The interior ministry said 40 people were detained, AFP reported.", "afp"),
        ("The interior ministry said 40 people were detained, the Associated Press reported.", "ap"),
        ("The interior ministry said 40 people were detained, RFE/RL reported.", "rfe_rl"),
        ("Shalabayev said 40 people were detained, news reports said.", "news_reports"),
    ],
)
def test_wire_agency_relays(text: str, relayed: str) -> None:
    assert _figs(text)[("detained", 40)]["relayed_by"] == relayed


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        # the period of the unrest is not when the dead were counted
        (
            "The unrest that swept the country in early January has left 225 people dead, officials said Saturday.",
            "2022-01-15",
        ),
        ("The violence of January 4-6 left 225 people dead, the prosecutor said on Friday.", "2022-01-14"),
        # a day the figure is given for stays
        ("By Thursday, 9,900 people had been detained, the ministry said.", "2022-01-13"),
    ],
)
def test_as_of_is_when_the_figure_was_given(text: str, as_of: str) -> None:
    rows = list(_figs(text).values())
    assert len(rows) == 1 and rows[0]["as_of_date"] == as_of


def test_a_headline_and_its_body_give_one_figure() -> None:
    text = (
        "Kazakh unrest left 225 dead: prosecutors\n\n"
        "The unrest of early January has left 225 people dead, a prosecutor said on Saturday."
    )
    assert [k for k in _figs(text) if k == ("killed", 225)] == [("killed", 225)]
    assert len(figures.find(Doc(text, PUB))) == 1


def test_pronoun_takes_the_latest_named_speaker_even_paragraphs_back() -> None:
    text = (
        "Prosecutor General Berik Asylov spoke to lawmakers on Monday.\n\n"
        '"Most of the dead were in Almaty," Asylov said.\n\n'
        "He listed the cases opened so far. Investigators were still at work in the regions.\n\n"
        '"In the other regions, 41 attackers were killed," he said.'
    )
    assert _figs(text, date(2022, 3, 14))[("killed", 41)]["stated_by"] == "prosecutor_general"


def test_a_sentence_continuing_the_last_one_keeps_its_speaker() -> None:
    """ "This includes …" / "Of them …" add to the figure before and keep its source."""
    text = (
        "The health ministry said 2,000 people had been hurt. This includes 700 wounded police officers, "
        "300 of them in Almaty."
    )
    assert _figs(text)[("injured", 700)]["stated_by"] == "health_ministry"


def test_the_official_is_the_office_named_before() -> None:
    text = (
        "The head of investigations at the Prosecutor General's Office gave the toll on Saturday. "
        "The official said 3,000 people had been identified as victims."
    )
    assert _figs(text)[("casualties", 3000)]["stated_by"] == "prosecutor_general"


@pytest.mark.parametrize(
    "text",
    [
        "MOSCOW (AP) — The toll rose to 225, officials said.",
        "NUR-SULTAN, Jan 15 (Reuters) - The toll rose to 225, officials said.",
    ],
)
def test_dateline_agency_is_the_publisher_not_the_source(text: str) -> None:
    row = _figs(text)[("killed", 225)]
    assert row["stated_by"] == "authorities"


def test_a_week_the_figure_appeared_is_its_as_of() -> None:
    """A relative span ("last week") said of the figure itself is when it was given."""
    text = "A toll of 164 that appeared on an official channel last week was retracted."
    assert _figs(text)[("killed", 164)]["as_of_date"] == "2022-01-09"
