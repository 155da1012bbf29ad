"""The places of an event hit: each location of its sentence, "the west of the country", "the city" as the last
city named, a region only when it names no city, and the project's site for kinds that act on one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from qantar.extract import places
from qantar.extract.core import Doc
from qantar.extract.events.dating import LOCAL_KINDS
from qantar.extract.events.kinds import Hit, Kind

if TYPE_CHECKING:  # pragma: no cover - typing only
    from qantar.dataset import Dataset


def _places_for(
    doc: Doc, h: Hit, kind: Kind, located: list[places.PlaceMention], dataset: "Dataset | None"
) -> list[Any]:
    """The places the hit is about: each location in its sentence (for each_place rules), else location_for; a
    site of that city when the kind acts on one (site_for); None for a country-wide decision or no place."""
    if kind.national:
        return [None]
    s, e = doc.sentence_of(h.start)
    here = [p for p in located if s <= p.start < e]
    if h.each_place:
        local = _drop_region_of_city(doc, [p for p in here if p.kind in LOCAL_KINDS and not _is_foreign(p)])
        # a site of a city also named ("on Republic Square in Almaty"): the city's, once
        local = [(_parent_city(p, here) or p) if p.kind == "site" and h.kind != "explosion" else p for p in local]
        seen: dict[str, places.PlaceMention] = {}
        for p in local:
            seen.setdefault(p.place_id, p)
        if len(seen) > 1:
            return list(seen.values())
        if len(seen) == 1 and len(local) < len([p for p in here if p.kind in LOCAL_KINDS]):
            return list(seen.values())  # the region only located the city
    place = places.location_for(doc, h.start, dataset)
    if place is not None and not any(p.start == place.start for p in here):
        # a person's name read as a place ("Nursultan Nazarbayev"): the nearest other place of the sentence
        local = [p for p in here if p.kind in LOCAL_KINDS]
        place = min(local, key=lambda p: abs(p.start - h.start)) if local else None
    if _is_foreign(place):  # the nearest place is abroad: a Kazakh one in the sentence, else another country's
        home = [p for p in here if not _is_foreign(p) and p.kind in LOCAL_KINDS]
        place = min(home, key=lambda p: abs(p.start - h.start)) if home else place
    if place is not None and place.kind == "site" and h.kind != "explosion":
        place = _parent_city(place, here) or place
    if place is None and h.kind in SITE_KINDS["airport"] and SITE_NOUNS["airport"].search(doc.text[s:e]):
        before = [p for p in located if p.end <= h.start and p.kind == "city" and not _is_foreign(p)]
        sites = site_for(doc, h, before[-1]) if before else []  # "the airport": of the city named last
        if sites:
            return sites
    if place is None:
        place = city_anaphor(doc, h, located)
    if place is None or place.kind == "country":  # the west is more precise than the whole country
        place = west_area(doc, h) or place
    sites = site_for(doc, h, place)
    return sites or [place]


WEST = re.compile(
    r"\b(?:the (?:[\w-]+ )?west of (?:the country|Kazakhstan)|western Kazakhstan|(?:the|its) (?:oil-producing|oil-rich|"
    r"restive|energy-rich) west|the country['’]s west)\b",
    re.IGNORECASE,
)


def west_area(doc: Doc, h: Hit) -> places.PlaceMention | None:
    """No city in the sentence, but "the west of the country", "western Kazakhstan", "the oil-producing west": the
    project's loose area Western Kazakhstan (kz_west), when the project has it."""
    s, e = doc.sentence_of(h.start)
    m = WEST.search(doc.text, s, e)
    entry = places._gazetteer()[0].get("kz_west")
    if not m or entry is None:
        return None
    return places.PlaceMention(m.start(), m.end(), m.group(), "kz_west", "area", str(entry.cols.get("name")), "KZ")


CITY_ANAPHOR = re.compile(
    r"\b(?:the|that|this) (?:city|town|regional capital|former capital|commercial capital|city['’]s)\b"
    r"|\b(?:in|across) the (?:country['’]s )?(?:largest|biggest|main) city\b|\bnearby\b|\bin the area\b",
    re.IGNORECASE,
)


def city_anaphor(doc: Doc, h: Hit, located: list[places.PlaceMention]) -> places.PlaceMention | None:
    """'the city' with no place named in the sentence: the last Kazakh city the text named before ("The mayor's
    office and the presidential residence in the city were left in flames" after a paragraph on Almaty)."""
    s, e = doc.sentence_of(h.start)
    if not CITY_ANAPHOR.search(doc.text, s, e):
        return None
    before = [p for p in located if p.end <= s and p.kind == "city" and not _is_foreign(p)]
    return before[-1] if before else None


def _parent_city(site: places.PlaceMention, here: list[places.PlaceMention]) -> places.PlaceMention | None:
    """The city of a site (a protest "near Republic Square in Almaty" is coded in Almaty), when named nearby."""
    parent = places._gazetteer()[0].get(site.place_id)
    pid = str(parent.cols.get("parent_id") or "") if parent else ""
    return next((p for p in here if p.place_id == pid), None)


# ---------------------------------------------------------------- places: the events' own choices
# A region named to locate a city just before it ("Janaozen, a town in the Mangistau region").
REGION_OF_CITY = re.compile(r"^[^.;]{0,60}?\b(?:in|of) (?:the )?(?:[\w-]+ ){0,3}$")
NOT_A_PLACE_AFTER = re.compile(r"^\s+Nazarbayev\b")  # "Nursultan Nazarbayev" is a man, not Nur-Sultan
SITE_NOUNS = {
    "airport": re.compile(r"\b(?:airports?|terminal)\b", re.I),
    "building": re.compile(
        r"\b(?:administration|akimat|mayor['’]s office|city hall|residence|headquarters|government building)\b", re.I
    ),
}
STORM_OBJECT = re.compile(
    r"\b(?:administration|akimat|mayor['’]s office|city hall|residence|headquarters|buildings?|offices?|"
    r"police stations?|stations?|premises)\b",
    re.I,
)
SITE_KINDS = {
    "airport": frozenset({"airport_seizure", "airport_retaken", "flight_disruption", "aircraft_seizure"}),
    "building": frozenset({"storming", "arson", "property_damage"}),
}


def _located_places(doc: Doc, dataset: "Dataset | None") -> list[places.PlaceMention]:
    """Location mentions an event can be at: not a person's name ("Nursultan Nazarbayev")."""
    out = []
    for p in places.mentions(doc, dataset):
        if p.role == "location" and not NOT_A_PLACE_AFTER.match(doc.text[p.end : p.end + 15]):
            out.append(p)
    return out


def _is_foreign(p: Any) -> bool:
    """Whether a place mention lies outside Kazakhstan (another country's happening)."""
    return p is not None and str(getattr(p, "country_code", "") or "KZ").upper() != "KZ"


def _drop_region_of_city(doc: Doc, here: list[places.PlaceMention]) -> list[places.PlaceMention]:
    """Drop a region named only to locate a city named before it ("Zhanaozen and Aktau in the Mangystau Region")."""
    out = []
    for p in here:
        if p.kind == "region" and any(
            c.kind == "city" and c.end <= p.start and REGION_OF_CITY.match(doc.text[c.end : p.start]) for c in here
        ):
            continue
        out.append(p)
    return out


@lru_cache(maxsize=1)
def _sites() -> list[dict[str, Any]]:
    """The project's sites (airports, buildings) with their parent city and the names they go by."""
    entries, _, _ = places._gazetteer()
    out = []
    for e in entries.values():
        if str(e.cols.get("kind")) != "site" or not e.cols.get("parent_id"):
            continue
        names = _apos(" ".join(str(e.cols.get(c) or "") for c in ("name", "name_jan2022", "alternate_names")))
        group = "airport" if "airport" in names else "building" if SITE_NOUNS["building"].search(names) else ""
        if group:
            out.append({"place_id": e.place_id, "parent": str(e.cols["parent_id"]), "group": group, "names": names,
                        "name": str(e.cols.get("name") or e.place_id)})  # fmt: skip
    return out


def _apos(text: str) -> str:
    """Lower case with typographic apostrophes made plain ("mayor’s office" is "mayor's office")."""
    return text.replace("’", "'").lower()


def site_for(doc: Doc, h: Hit, city: Any) -> list[Any]:
    """The project's sites of ``city`` the hit acts on: the airport for airport kinds ("Almaty's airport", "the
    terminal"), the city administration or residence for a storming or arson ("the mayor's office", "the akimat",
    "the presidential residence"); [] when the sentence names none."""
    if city is None:
        return []
    sentence = doc.text[slice(*doc.sentence_of(h.start))]
    out = []
    for site in _sites():
        if site["parent"] != city.place_id or h.kind not in SITE_KINDS[site["group"]]:
            continue
        if site["group"] == "airport":  # "flights to Almaty" are the city's airport's too
            hit = bool(SITE_NOUNS["airport"].search(sentence)) or h.kind == "flight_disruption"
        else:
            hit = any(_apos(m.group()) in site["names"] for m in SITE_NOUNS["building"].finditer(sentence))
        if hit and h.kind == "storming":  # the site must be what was stormed, not a later object
            first = STORM_OBJECT.search(doc.text, h.end, min(len(doc.text), h.end + 60))
            hit = bool(first and _apos(first.group()) in site["names"])
        if hit:
            out.append(places.PlaceMention(h.start, h.end, site["name"], site["place_id"], "site", site["name"], "KZ"))
    return out
