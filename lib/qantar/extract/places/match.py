"""Rules that find place mentions: gazetteer runs of capitalised words, seats of power, historic states,
"across the country", "the largest city", sites, "the west of the country" and demonyms.
"""

from __future__ import annotations

import re

from qantar.extract.core import Doc
from qantar.extract.places.gazetteer import _gazetteer, _norm, _slug
from qantar.extract.places.tables import (
    _DEMONYM_NEXT,
    _FALSE_FRIENDS,
    _HISTORIC,
    _KEEP_DESPITE,
    _PERSON_NEXT,
    _SEATS,
    PlaceMention,
)

# --- finding mentions ------------------------------------------------------------------------------------------
_TOKEN = re.compile(r"[A-Z]\.(?:[A-Z]\.)+|[A-Za-zÀ-ÿĀ-ž](?:[A-Za-zÀ-ÿĀ-ž'’\-]*[A-Za-zÀ-ÿĀ-ž])?")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_YEAR = re.compile(r"\b(1[89]\d\d|20[01]\d|202[013-9])\b")
_COUNTRY_WIDE = re.compile(
    r"\b(?:across|throughout|all over|around)\s+(?:the|this)\s+(?:country|nation|republic)\b|\bnationwide\b|"
    r"\bcountrywide\b|\bacross Kazakhstan\b",
    re.I,
)
_CAPITAL_REFERENCE = re.compile(
    r"\b(?:the\s+)?(?:Kazakh(?:stani)?\s+|country's\s+|country’s\s+)?"
    r"(?:(?P<almaty>(?:largest|biggest|main|commercial|financial|business|former)\s+(?:city|capital|hub|centre|center))"
    r"|(?P<capital>capital(?!\s+(?:city\s+)?(?:of|[A-Z]))))\b"
)


def _sentence_initial(doc: Doc, pos: int) -> bool:
    """Whether offset ``pos`` starts its sentence (or follows an opening quote)."""
    a, _ = doc.sentence_of(pos)
    return not doc.text[a:pos].strip(" \"'“‘([")


def gazetteer_match(doc: Doc) -> list[PlaceMention]:
    """Runs of capitalised words found in the gazetteer, longest first.

    Phrases: "Almaty", "in Almaty's main square", "Alma-Ata", "Uralsk"/"Oral", "Qaraghandy"/"Karaganda",
    "Nur-Sultan"/"Astana", "Mangystau region", "Mangistau", "the Almaty Region", "Kazakhstan", "U.S.",
    "the CSTO", "European Union". Not: the adjective "Kazakh" (a GeoNames alternate of Petropavl), a
    sentence-initial common word that is a GeoNames name ("Police said…"), codes such as "ALA".
    """
    entries, index, longest = _gazetteer()
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(doc.text)]
    found: list[PlaceMention] = []
    i = 0
    while i < len(tokens):
        start, _, word = tokens[i]
        if not word[0].isupper():
            i += 1
            continue
        hit = None
        for n in range(min(longest, len(tokens) - i), 0, -1):
            span = tokens[i : i + n]
            # words of one name are separated by single spaces or hyphens only
            if any(doc.text[span[k][1] : span[k + 1][0]] not in (" ", "-") for k in range(n - 1)):
                continue
            end = span[-1][1]
            surface = doc.text[start:end]
            key = _norm(_POSSESSIVE.sub("", surface))
            if key in index:
                hit = (end, surface, key, n)
                break
        if hit is None and re.fullmatch(r"[^-]+-[a-z]+", word) and _norm(word.split("-")[0]) in index:
            # "Moscow-led", "Russia-backed", "Almaty-based": the place before the hyphen
            first = word.split("-")[0]
            hit = (start + len(first), first, _norm(first), 1)
        if hit is None:
            i += 1
            continue
        end, surface, key, n = hit
        if n == 1 and key in _FALSE_FRIENDS and key not in _KEEP_DESPITE:
            i += 1
            continue
        if n == 1 and _sentence_initial(doc, start) and not surface[1:2].isupper() and key in _FALSE_FRIENDS:
            i += 1
            continue
        if _DEMONYM_NEXT.match(doc.text, end) and n == 1 and entries[index[key][0]].cols["kind"] == "country":
            pass  # "Russia-backed": still the country, as an actor (decided by :func:`.roles.metonym_role`)
        e = entries[index[key][0]]
        nxt = tokens[i + n][2] if i + n < len(tokens) else ""
        if (
            n == 1
            and e.source == "geonames"
            and e.cols.get("kind") == "city"
            and e.cols.get("country_code") != "KZ"
            and nxt[:1].isupper()
            and doc.text[end : tokens[i + n][0]] == " "
            and _norm(nxt) not in index
        ):
            i += 1  # "Vladimir Putin", "Victoria Nuland": a first name, not a foreign city
            continue
        if n == 1 and e.cols.get("kind") == "city" and _PERSON_NEXT.match(doc.text, end):
            i += 1  # "Nursultan Nazarbayev": a man's first name, not the city
            continue
        bare = _POSSESSIVE.sub("", surface)
        found.append(
            PlaceMention(
                start,
                start + len(bare),
                bare,
                e.place_id,
                str(e.cols.get("kind") or ""),
                str(e.cols.get("name_jan2022") or e.cols.get("name") or ""),
                str(e.cols.get("country_code") or ""),
                int(e.cols["geonames_id"]) if str(e.cols.get("geonames_id") or "").isdigit() else None,
                "location",
                "places.gazetteer_match" if e.source != "regions" else "places.region_match",
            )
        )
        i += n
    return found


def seat_of_power(doc: Doc) -> list[PlaceMention]:
    """Seats of power that stand for their state, always as actor.

    Phrases: "the Kremlin said", "the White House", "the State Department", "Akorda", "Downing Street".
    """
    entries, _, _ = _gazetteer()
    by_iso = {e.cols.get("country_code"): e for e in entries.values() if e.cols.get("kind") == "country"}
    out = []
    for seat, iso in _SEATS.items():
        for m in re.finditer(r"\b" + re.escape(seat) + r"\b", doc.text):
            e = by_iso[iso]
            out.append(
                PlaceMention(
                    m.start(),
                    m.end(),
                    m.group(),
                    e.place_id,
                    "country",
                    str(e.cols["name"]),
                    iso,
                    e.cols.get("geonames_id"),
                    "actor",
                    "places.seat_of_power",
                )
            )
    return out


def historic_state(doc: Doc) -> list[PlaceMention]:
    """States of another time, always background: "the 1991 collapse of the USSR", "the Soviet Union"."""
    out = []
    for name in _HISTORIC:
        for m in re.finditer(r"(?<![\w.])" + re.escape(name) + r"(?![\w])", doc.text):
            out.append(
                PlaceMention(
                    m.start(),
                    m.end(),
                    m.group(),
                    _slug(name),
                    "country",
                    name,
                    "",
                    None,
                    "background",
                    "places.historic_state",
                )
            )
    return out


def country_wide(doc: Doc) -> list[PlaceMention]:
    """The whole country as location: "across the country", "nationwide", "throughout the country"."""
    out = []
    for m in _COUNTRY_WIDE.finditer(doc.text):
        out.append(
            PlaceMention(
                m.start(),
                m.end(),
                m.group(),
                "kz",
                "country",
                "Kazakhstan",
                "KZ",
                1522867,
                "location",
                "places.country_wide",
            )
        )
    return out


def capital_reference(doc: Doc) -> list[PlaceMention]:
    """Descriptions that name a city of Kazakhstan without its name (only in a text about Kazakhstan).

    Phrases: "the capital" / "the Kazakh capital" → Nur-Sultan; "the country's largest city", "the commercial
    capital", "the former capital", "the financial hub" → Almaty. Not: "the capital of Kyrgyzstan", "capital
    punishment" (no article before it), "the capital Bishkek".
    """
    if "Kazakh" not in doc.text:
        return []
    entries, _, _ = _gazetteer()
    out = []
    for m in _CAPITAL_REFERENCE.finditer(doc.text):
        before = doc.text[max(0, m.start() - 14) : m.start()]
        owner = re.search(r"(?:Kazakhstan|country)['’]s\s+$", before)
        if not (m.group().lower().startswith("the") or "Kazakh" in m.group() or "country" in m.group() or owner):
            continue
        pid = "almaty" if m.group("almaty") else "nur_sultan"
        e = entries.get(pid)
        if e is None:
            continue
        out.append(
            PlaceMention(
                m.start(),
                m.end(),
                m.group(),
                pid,
                "city",
                str(e.cols.get("name_jan2022") or ""),
                "KZ",
                int(e.cols["geonames_id"]) if str(e.cols.get("geonames_id") or "").isdigit() else None,
                "location",
                "places.capital_reference",
            )
        )
    return out


# Sites a wire report names by what they are: (pattern, id suffix, English name, id prefix instead of a suffix)
_SITES = (
    (r"(?:international\s+)?airport", "_airport", "{city} airport", ""),
    (
        # a city's own offices only: a regional governor's office is another building, left to the reviewer
        r"(?:mayor['’]?s\s+office|city\s+hall|city\s+administration|(?<!regional\s)akimat(?:\s+building)?)",
        "_city_administration",
        "{city} city administration (akimat)",
        "",
    ),
    (r"(?:presidential|president['’]s)\s+residence", "", "Presidential residence in {city}", "tokayev_residence_"),
)
_SITE = re.compile(r"\b(?:" + "|".join(f"(?P<s{i}>{pat})" for i, (pat, *_rest) in enumerate(_SITES)) + r")\b", re.I)


def site_reference(doc: Doc) -> list[PlaceMention]:
    """A site named by what it is, of the Kazakh city the sentence (or the one before) is about.

    Phrases: "Almaty airport", "the airport in Almaty", "the city's airport", "the mayor's office", "city hall",
    "the akimat building", "the presidential residence in Almaty". Not: a site with no Kazakh city in sight
    ("Police guarded the airport."), a foreign city's airport ("Moscow's airport").
    """
    entries, _, _ = _gazetteer()
    cities = [m for m in gazetteer_match(doc) + capital_reference(doc) if m.kind == "city"]
    out = []
    for m in _SITE.finditer(doc.text):
        i = next(int(k[1:]) for k, v in m.groupdict().items() if v)
        _, suffix, name, prefix = _SITES[i]
        a, _b = doc.sentence_of(m.start())
        prev_a, _ = doc.sentence_of(max(0, a - 2)) if a else (a, a)
        # the nearest city in the same sentence (either side), else the last one named in the sentence before
        near = [c for c in cities if a <= c.start < _b]
        near = near or [c for c in cities if prev_a <= c.start < a]
        if not near:
            continue
        city = min(near, key=lambda c: abs(c.start - m.start()))
        if city.country_code != "KZ":
            continue
        pid = f"{prefix}{city.place_id}{suffix}"
        e = entries.get(pid)
        label = str(e.cols.get("name_jan2022") or e.cols.get("name")) if e else name.format(city=city.name)
        out.append(
            PlaceMention(
                m.start(),
                m.end(),
                m.group(),
                pid,
                "site",
                label,
                "KZ",
                None,
                "location",
                "places.site_reference",
                city.place_id,
            )
        )
    return out


_WEST = re.compile(
    r"\bwestern\s+Kazakhstan\b|\b(?:the\s+)?west\s+of\s+(?:the\s+)?(?:country|Kazakhstan)\b|"
    r"\b(?:the\s+)?(?:country['’]s|Kazakhstan['’]s)\s+(?:(?:oil|energy)[- ]rich\s+|far\s+)?west\b|"
    r"\b(?:the\s+)?(?:oil[- ]rich\s+)?western\s+(?:regions?|provinces?|oil\s+region)\b",
)


def west_of_country(doc: Doc) -> list[PlaceMention]:
    """The west of Kazakhstan as an area (kz_west).

    Phrases: "western Kazakhstan", "the west of the country", "the country's oil-rich west", "the western
    regions". Not: "the West" as a bloc of states (capitalised, no "of the country").
    """
    return [
        PlaceMention(
            m.start(),
            m.end(),
            m.group(),
            "kz_west",
            "area",
            "Western Kazakhstan",
            "KZ",
            None,
            "location",
            "places.west_of_country",
        )
        for m in _WEST.finditer(doc.text)
    ]


# Demonyms of the states a wire report about the unrest names (ISO 3166-1 alpha-2).
_DEMONYMS = {
    "Kazakh": "KZ",
    "Kazakhstani": "KZ",
    "Russian": "RU",
    "Chinese": "CN",
    "Turkish": "TR",
    "Kyrgyz": "KG",
    "Uzbek": "UZ",
    "Tajik": "TJ",
    "Belarusian": "BY",
    "Armenian": "AM",
    "Ukrainian": "UA",
    "Iranian": "IR",
    "German": "DE",
    "French": "FR",
    "British": "GB",
    "American": "US",
    "Turkmen": "TM",
    "Georgian": "GE",
}
_INSTITUTION = (
    r"(?:President|Prime\s+Minister|premier|Foreign\s+Minister|Defen[cs]e\s+Minister|Interior\s+Minister|"
    r"(?:foreign|defen[cs]e|interior|emergencies)\s+ministry|(?:Foreign|Defen[cs]e|Interior)\s+Ministry|government|"
    r"authorities|officials|leader(?:ship)?|lawmakers|parliament|embassy|military|armed\s+forces|troops|"
    r"(?:presidential\s+)?press\s+service|state\s+(?:media|television|TV)|security\s+forces|police|"
    r"peacekeepers|paratroopers|soldiers|diplomats?)"
)
_DEMONYM = re.compile(r"\b(?P<dem>" + "|".join(_DEMONYMS) + r")\s+" + _INSTITUTION + r"\b")


def demonym_state(doc: Doc) -> list[PlaceMention]:
    """A state named by its demonym and one of its institutions, as an actor.

    Phrases: "Turkish President Erdogan", "the Chinese foreign ministry", "Kazakh President Tokayev", "Kyrgyz
    lawmakers", "the Uzbek government", "Russian paratroopers". Not: "Russian speakers", "in Kazakh and Russian",
    "the Kazakh tenge", "Turkish Airlines".
    """
    entries, _, _ = _gazetteer()
    by_iso = {e.cols.get("country_code"): e for e in entries.values() if e.cols.get("kind") == "country"}
    out = []
    for m in _DEMONYM.finditer(doc.text):
        e = by_iso.get(_DEMONYMS[m.group("dem")])
        if e is None:
            continue
        out.append(
            PlaceMention(
                m.start("dem"),
                m.end("dem"),
                m.group("dem"),
                e.place_id,
                "country",
                str(e.cols["name"]),
                str(e.cols.get("country_code") or ""),
                int(e.cols["geonames_id"]) if str(e.cols.get("geonames_id") or "").isdigit() else None,
                "actor",
                "places.demonym_state",
            )
        )
    return out
