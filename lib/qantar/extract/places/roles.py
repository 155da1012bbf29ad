"""Rules that give a mention its role: ``actor`` (a metonym, "Moscow said"), ``background`` ("Iran 2019") or
``dateline`` ("ALMATY, Kazakhstan (Reuters) -").
"""

from __future__ import annotations

import re
from dataclasses import replace

from qantar.extract.core import Doc
from qantar.extract.places.gazetteer import _gazetteer
from qantar.extract.places.tables import PlaceMention

_SPEECH = (
    r"(?:said|says|say|urged|urges|called|calls|warned|warns|supports?|supported|backs|backed|welcomed|welcomes|"
    r"condemned|condemns|expressed|expresses|announced|announces|denied|denies|accused|accuses|insisted|insists|"
    r"hopes?|hoped|believes?|believed|sent|sends|dispatched|rejected|rejects|criticised|criticized|criticizes|"
    r"criticises|stressed|stresses|noted|notes|voiced|offered|offers|pledged|pledges|vowed|vows|stated|states|"
    r"blamed|blames|responded|agreed|agrees|approved|decided|demanded|demands|asked|asks|told|reiterated|"
    r"considers|considered|views|viewed|is watching|was watching|is ready|was ready|expects|expected|"
    r"described|dismissed|fears|feared|claimed|claims|recognised|recognized|promised|promises|"
    r"would send|will send|has sent|had sent|has said|had said|has called|has urged|has expressed|has denied)"
)
_ACTOR_AFTER = re.compile(
    r"^(?:'s|’s)?\s*(?:,[^,.]{1,60},\s*)?(?:(?:has|had|have|also|quickly|swiftly|repeatedly|publicly|"
    r"on \w+day|today|yesterday|officially|immediately|already|then|later)\s+){0,3}" + _SPEECH + r"\b"
)
_ACTOR_POSSESSIVE = re.compile(
    r"^(?:'s|’s)\s+(?:\w+\s+)?(?:position|stance|decision|response|reaction|statement|support|offer|intervention|"
    r"involvement|role|influence|troops|forces|military|government|leadership|ally|allies|foreign ministry|"
    r"foreign minister|envoy|ambassador|embassy|president|leader|spokes\w+|call|request|concern|criticism)\b",
    re.I,
)
_ACTOR_BEFORE = re.compile(
    r"(?:according to|a statement from|a spokes\w+ for|officials in|sources in)\s+(?:the\s+)?$", re.I
)
_BACKGROUND_AFTER = re.compile(r"^(?:'s|’s)?\s*(?:in\s+|of\s+|,\s*)?(1[89]\d\d|20[01]\d|202[013-9])\b")
_BACKGROUND_BEFORE = re.compile(
    r"\b(1[89]\d\d|20[01]\d|202[013-9])\s+(?:[\w-]+\s+){0,5}(?:in|of)\s+(?:the\s+)?"
    r"(?:neighbou?ring\s+|(?:southern|northern|eastern|western|central)\s+)?$"
)
_COMPARISON_BEFORE = re.compile(
    r"\b(?:like|unlike|similar to|similar(?:ly)? as in|as in|as happened in|as they did in|reminiscent of|"
    r"compared (?:with|to)|comparison (?:with|to)|echo(?:es|ing|ed)? of|recalling|recalled|"
    r"the way\b[^.]{0,40}\bin|as did|as with|such as in|in the style of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.I,
)


_DATELINE = re.compile(
    # "MOSCOW (AP) -", "MOSCOW –", "LONDON, Jan 15 (Reuters) -", "BISHKEK, January 15. /TASS/."
    r"^[ \t]*(?P<city>[A-Z][A-Z'’. -]*[A-Z])(?:,[^\n]{0,40}?)?(?:\s*\([^)\n]{1,30}\))?\s*(?:[-–—]|\.\s*/)",
    re.M,
)


def dateline_role(doc: Doc, m: PlaceMention) -> PlaceMention:
    """A foreign city in a dateline is where the report was filed, not a place of the unrest.

    Phrases: "MOSCOW (AP) -", "MOSCOW –", "LONDON, Jan 15 (Reuters) -", "BISHKEK, January 15. /TASS/.". Not: a
    Kazakh dateline ("ALMATY, Kazakhstan (Reuters) -"), which stays a location for the reviewer to judge.
    """
    if m.role != "location" or m.country_code in ("KZ", ""):
        return m
    for d in _DATELINE.finditer(doc.text):
        if d.start("city") <= m.start < d.end("city"):
            return replace(m, role="dateline", rule=m.rule + "+dateline_role")
    return m


_SUBJECT_VERB = re.compile(
    r"\s+(?:was|is|were|has|had|would|will|could|might|must|should|did|does|hoped|hopes|wants|wanted|"
    r"expects|expected|believes|believed|sees|saw|remains|remained|[a-z]{3,}ed|[a-z]{3,}s)\b"
)
_PLACE_PREPOSITION = re.compile(
    r"\b(?:in|from|to|at|near|via|outside|inside|into|through|of|and|between|around|across|for)\s+(?:the\s+)?$",
    re.I,
)


def _capital_as_subject(doc: Doc, m: PlaceMention) -> bool:
    """A foreign capital followed by a verb and not after a preposition: "Ankara was following", "Beijing hoped"."""
    before = doc.text[max(0, m.start - 30) : m.start]
    return bool(_SUBJECT_VERB.match(doc.text, m.end)) and not _PLACE_PREPOSITION.search(before)


def metonym_role(doc: Doc, m: PlaceMention) -> PlaceMention:
    """A capital speaking stands for its state, and a country or organisation speaking is an actor.

    Phrases: "Moscow said", "Washington urged", "Beijing supports", "Moscow has repeatedly said", "Moscow's
    decision", "according to Washington", "Russia said", "the EU called", "Ankara was following", "Beijing hoped",
    "a Moscow-dominated bloc". Not: a foreign capital after a preposition ("the embassy in Moscow"). A capital
    speaking becomes its country (place_id, kind, name) with role actor; a country or organisation keeps its id.
    """
    if m.role != "location" or m.kind not in ("city", "country", "organisation"):
        return m
    after = doc.text[m.end : m.end + 90]
    before = doc.text[max(0, m.start - 40) : m.start]
    speaking = bool(_ACTOR_AFTER.match(after) or _ACTOR_POSSESSIVE.match(after) or _ACTOR_BEFORE.search(before))
    speaking = speaking or bool(
        re.match(r"\s*-\s*(?:backed|led|brokered|dominated|allied|aligned|leaning|friendly|controlled)\b", after)
    )
    if m.kind == "organisation":
        return replace(m, role="actor")
    if m.kind == "country" and speaking:
        return replace(m, role="actor")
    entries, _, _ = _gazetteer()
    e = entries.get(m.place_id)
    if not speaking and m.kind == "city" and e is not None and e.capital_of and m.country_code != "KZ":
        speaking = _capital_as_subject(doc, m)
    if not speaking or m.kind == "country":
        return m
    state = entries.get(e.capital_of) if e and e.capital_of else None
    kind = str(state.cols.get("kind") or "country") if state is not None else "country"
    if state is None or e.cols.get("country_code") == "KZ" and re.match(r"(?:'s|’s)", after):  # type: ignore[union-attr]  # state implies e
        return m  # "Almaty's mayor said": a Kazakh city, not the state
    return PlaceMention(
        m.start,
        m.end,
        m.surface,
        state.place_id,
        kind,
        str(state.cols["name"]),
        str(state.cols.get("country_code") or ""),
        state.cols.get("geonames_id"),
        "actor",
        "places.metonym_role",
    )


def background_role(doc: Doc, m: PlaceMention) -> PlaceMention:
    """A place of another time or story is background.

    Phrases: "Iran 2019", "Iran in 2019", "Belarus's 2020 protests", "the 2020 protests in Belarus", "like
    Ukraine", "as in Belarus", "reminiscent of Sudan", "compared with Kyrgyzstan". Not: "Zhanaozen" named
    without a past year beside it.
    """
    if m.role != "location":
        return m
    after = doc.text[m.end : m.end + 12]
    a, _ = doc.sentence_of(m.start)
    before = doc.text[max(a, m.start - 60) : m.start]
    if _BACKGROUND_AFTER.match(after) or _BACKGROUND_BEFORE.search(before) or _COMPARISON_BEFORE.search(before):
        return replace(m, role="background", rule=m.rule + "+background_role")
    return m
