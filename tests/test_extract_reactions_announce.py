"""An official introduced with an office who announces figures: a low-confidence statement (CAMEO 010) the reviewer
keeps or rejects; a Kazakh ministry reporting figures gives none (the seeds' coding).

Every sentence here was written for these tests in the style of a wire report; none is from a source text.
"""

from __future__ import annotations

from datetime import date

from qantar.extract import reactions
from qantar.extract.core import Doc

PUB = date(2022, 1, 15)


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(c.row["actor"], c.row["cameo_code"], c.row["actor_kind"]) for c in reactions.find(Doc(text, PUB))]


def test_named_official_announcing_a_toll() -> None:
    """announcing_official: "X, a senior official at the Prosecutor General's Office, said … 225 …"."""
    text = "Serik Bakirov, a senior official at the Prosecutor General's Office, said 225 people had died."
    found = _found(text)
    assert ("Serik Bakirov", "010", "kazakh_government") in found
    cand = next(c for c in reactions.find(Doc(text, PUB)) if c.row["actor"] == "Serik Bakirov")
    assert cand.confidence <= 0.3 and any("figures" in n for n in cand.notes)


def test_official_named_then_quoted_by_surname() -> None:
    text = 'Prosecutor General Berik Asylov addressed parliament on Monday.\n\n"In all, 230 people died," Asylov said.'
    assert ("Berik Asylov", "010", "kazakh_government") in _found(text)


def test_a_ministry_reporting_figures_gives_no_statement() -> None:
    assert _found("The interior ministry said 40 people had been detained in Almaty.") == []


def test_one_bare_statement_per_speaker_and_text() -> None:
    """A speaker quoted five times is one statement (010) for the reviewer, dated by the day given if any."""
    text = (
        "Prosecutor General Berik Asylov spoke in parliament on Monday.\n\n"
        '"In all, 230 people died," Asylov said.\n\n'
        '"Most died in Almaty," he said.\n\n'
        '"Cases were opened," Asylov said.'
    )
    found = [c for c in reactions.find(Doc(text, date(2022, 3, 14))) if c.row["cameo_code"] == "010"]
    assert len(found) == 1
