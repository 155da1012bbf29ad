"""Place rules: cities, regions and countries from the gazetteer (issue 18).

Placeholder: the interface the other modules use; the rules are written in issue 18.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from qantar.extract.core import Candidate, Doc

if TYPE_CHECKING:  # pragma: no cover - typing only
    from qantar.dataset import Dataset


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text: where, what it resolved to, and what role it plays in its sentence.

    ``role``: ``location`` (where something happened or is), ``actor`` (a metonym: "Moscow said" is Russia
    speaking), or ``background`` (a place of another time or story: "Iran 2019", "Sudan" in a comparison).
    """

    start: int
    end: int
    surface: str
    place_id: str  # the project's place_id when it has one, else a new slug
    kind: str  # places.kind: country, organisation, region, area, city, site
    name: str  # the January 2022 English name
    country_code: str = ""
    geonames_id: int | None = None
    role: str = "location"
    rule: str = ""


def mentions(doc: Doc, dataset: "Dataset | None" = None) -> list[PlaceMention]:
    """Every place mention in the text, in text order, with its role."""
    return []


def location_for(doc: Doc, pos: int, dataset: "Dataset | None" = None) -> PlaceMention | None:
    """The location the statement at offset ``pos`` is about: the nearest location mention in its sentence, else
    None (the caller falls back to the country)."""
    return None


def find(doc: Doc, dataset: "Dataset | None" = None) -> list[Candidate]:
    """Places candidates (one per distinct place with a location or actor role)."""
    return []
