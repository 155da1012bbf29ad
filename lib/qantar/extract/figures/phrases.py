"""Figure rules for phrases without a plain count: "among them", one named casualty, casualties without a number,
"among the dead", "the deaths of", lives lost and the size of a crowd.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from qantar.extract.figures.counts import Figure, _gap_ok
from qantar.extract.figures.numbers import Quantity, group_of, number_value

_AMONG_THEM_AFTER = re.compile(
    r"\s+(?P<who>[^.;:,]{1,50}?)\s+(?:were\s+|was\s+|are\s+)?among\s+(?:them|those|the\s+(?P<w>dead|killed|victims|"
    r"deceased|injured|wounded|detained))\b",
    re.IGNORECASE,
)
_RECENT_KILLED = re.compile(r"\b(?:dead|killed|bodies|deceased|died|deaths|morgues?)\b", re.IGNORECASE)
_RECENT_INJURED = re.compile(r"\b(?:injured|wounded|hurt|hospitali[sz]ed)\b", re.IGNORECASE)


def among_them_after(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """A count whose group comes before "among them" / "among the dead" after it.

    "There were 12 police officers among them" (after a sentence on the dead), "19 servicemen were among the
    dead". "Among them" takes the measure of the words before it (dead, bodies, morgues: killed; injured: injured);
    with neither in the 200 characters before, no figure.
    """
    for q in quantities_:
        m = _AMONG_THEM_AFTER.match(text, q.end, end)
        if not m:
            continue
        word = (m.group("w") or "").lower()
        if word:
            measure = _WHO_MEASURE.get(word, "killed")
        else:
            window = text[max(0, q.start - 200) : q.start]
            kill, hurt = _RECENT_KILLED.search(window), _RECENT_INJURED.search(window)
            if not kill and not hurt:
                continue
            measure = "killed" if kill and (not hurt or kill.start() > hurt.start()) else "injured"
        group, gnote = group_of(m.group("who"))
        notes = [n for n in (gnote, q.note, "'among them': the measure of the figure before") if n]
        yield Figure(measure, q, q.start, m.end(), group, "figures.among_them_after", 0.6, notes)


_SINGULAR = re.compile(
    r"\b(?:an?|one)\s+(?:[\w-]+\s+){0,2}?(?P<who>police\s*(?:officer|man|woman)|policeman|policewoman|officer|"
    r"serviceman|servicewoman|soldier|national\s+guardsman|guardsman|service\s*member|security\s+officer|"
    r"protester|protestor|demonstrator|civilian|child|girl|boy|journalist|reporter|person|man|woman)\s+"
    r"(?:(?:was|has\s+been|had\s+been|is|reportedly|also)\s+)*(?P<verb>killed|shot\s+dead|died|injured|wounded|hurt|"
    r"detained|arrested)\b",
    re.IGNORECASE,
)


def singular_casualty(text: str, start: int, end: int) -> Iterator[Figure]:
    """One person: "a police officer was killed", "one serviceman died", "a four-year-old girl was shot dead",
    "a journalist was detained" (exact 1)."""
    for m in _SINGULAR.finditer(text, start, end):
        verb = m.group("verb").lower()
        measure = {
            "killed": "killed",
            "died": "killed",
            "injured": "injured",
            "wounded": "injured",
            "hurt": "injured",
        }.get(verb.split()[0], "killed" if verb.startswith("shot") else "detained")
        group, gnote = group_of(m.group("who"))
        notes = [
            n for n in ("worded 'arrested': the table codes it detained" if verb == "arrested" else "", gnote) if n
        ]
        q = Quantity(m.start(), m.start() + len(m.group(0).split()[0]), "exact", 1)
        yield Figure(measure, q, m.start(), m.end(), group, "figures.singular_casualty", 0.6, notes)


_UNQUANTIFIED = re.compile(
    r"\b(?:(?P<adj>civilian|protester|police)\s+)?casualties(?:\s+(?:among|on)\s+(?:the\s+)?(?P<who>[\w\s-]{3,30}?))?"
    r"(?=[\s,.;:]|$)",
    re.IGNORECASE,
)


_NEGATED = re.compile(r"\b(?:no|without|avoid|prevent|avoided|prevented)\b[^.,;]{0,20}$", re.IGNORECASE)


def unquantified_casualties(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> Iterator[Figure]:
    """Casualties named without a number: "casualties among protesters", "there were casualties on both sides",
    "no reliable estimates of civilian casualties" (measure casualties, qualifier unquantified)."""
    for m in _UNQUANTIFIED.finditer(text, start, end):
        if any(a <= m.start() < b or m.start() <= a < m.end() for a, b in taken):
            continue
        if _NEGATED.search(text[max(start, m.start() - 25) : m.start()]):
            if not re.search(r"estimates?|figures?|data|information", text[max(start, m.start() - 40) : m.start()]):
                continue  # "no casualties were reported": nothing to count
        group, gnote = group_of(f"{m.group('adj') or ''} {m.group('who') or ''}")
        q = Quantity(m.start(), m.end(), "unquantified", None)
        notes = ["no figure given: 'casualties' may mean dead or wounded", *([gnote] if gnote else [])]
        yield Figure("casualties", q, m.start(), m.end(), group, "figures.unquantified_casualties", 0.4, notes)


_AMONG_DEAD = re.compile(
    r"\b(?:(?:among|of)\s+(?:the|those)\s+(?P<w1>dead|killed|deceased|victims|fatalities|injured|wounded|hurt|detained|"
    r"detainees|arrested|people\s+(?:killed|injured|wounded|detained|arrested))\s*,?\s*(?:(?:were|are|was|is|had\s+been|"
    r"have\s+been)\s+)?|the\s+(?:(?:death|official)\s+)?(?P<w2>dead|killed|deceased|victims|fatalities|injured|wounded|"
    r"detained|detainees|toll)\s+(?:include|includes|included|including|are|were)\s+|the\s+(?P<w3>bodies)\s+of\s+)$",
    re.IGNORECASE,
)
_OF_THOSE = re.compile(
    r"\s+of\s+(?:those|the|the\s+people)\s+(?P<w>dead|killed|deceased|victims|injured|wounded|hurt|detained|"
    r"detainees|arrested)\s+(?:(?:were|are|was|is)\s+)(?P<who>[^.;:,]{1,40})",
    re.IGNORECASE,
)
_WHO_MEASURE = {
    "dead": "killed", "killed": "killed", "deceased": "killed", "victims": "killed", "fatalities": "killed",
    "injured": "injured", "wounded": "injured", "hurt": "injured", "detained": "detained", "detainees": "detained",
    "arrested": "detained",
}  # fmt: skip


def among_the_dead(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """The measure named as a noun before the count, the group after it.

    "among the dead were 16 police officers", "among those killed are 19 servicemen", "the dead include
    three children", "of the injured, 80 were police officers", "among those detained were 45 foreigners", "the
    death toll included 16 members of the security forces", "the bodies of 175 people" (killed); after the
    count: "three of those killed were minors", "80 of the injured were police officers".
    """
    for q in quantities_:
        post = _OF_THOSE.match(text, q.end, end)
        if post:
            measure = _WHO_MEASURE.get(post.group("w").lower().split()[-1], "killed")
            group, gnote = group_of(post.group("who"))
            notes = [n for n in (gnote, q.note) if n]
            yield Figure(measure, q, q.start, post.end(), group, "figures.among_the_dead", 0.7, notes)
            continue
        m = _AMONG_DEAD.search(text, max(0, q.start - 60), q.start)
        if not m or m.end() != q.start:
            continue
        word = (m.group("w1") or m.group("w2") or m.group("w3")).lower().split()[-1]
        measure = _WHO_MEASURE.get(word, "killed")
        tail = re.match(r"[^.;:,]{0,60}", text[q.end : end]).group(0)  # type: ignore[union-attr]  # the pattern matches the empty string
        words = re.split(r"\s+(?:in|on|during|after|at|as|when|while|since|and)\s+", tail)[0]
        group, gnote = group_of(words)
        notes = [n for n in (gnote, q.note, "arrested: coded detained" if word == "arrested" else "") if n]
        yield Figure(measure, q, m.start(), q.end + len(words.rstrip()), group, "figures.among_the_dead", 0.75, notes)


_DEATHS_OF = re.compile(
    r"\b(?:the\s+)?(?P<what>deaths?|killings?|murders?|detentions?|arrests?|injuries|wounding)\s+of\s+$", re.IGNORECASE
)


def deaths_of(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """The measure as a noun with "of": "confirmed the deaths of 16 servicemen", "the killing of 12 police officers",
    "the detention of more than 5,000 people", "the arrests of 300 protesters" (arrests: detained, noted)."""
    for q in quantities_:
        m = _DEATHS_OF.search(text, max(0, q.start - 25), q.start)
        if not m or m.end() != q.start:
            continue
        what = m.group("what").lower()
        if what.startswith(("death", "killing", "murder")):
            measure, note = "killed", ""
        elif what.startswith(("injur", "wound")):
            measure, note = "injured", ""
        else:
            measure = "detained"
            note = "worded 'arrests': the table codes it detained" if what.startswith("arrest") else ""
        tail = re.match(r"[^.;:,]{0,60}", text[q.end : end]).group(0)  # type: ignore[union-attr]  # the pattern matches the empty string
        words = re.split(r"\s+(?:in|on|during|after|at|as|when|while|since|and|by)\s+", tail)[0]
        group, gnote = group_of(words)
        notes = [n for n in (note, gnote, q.note) if n]
        yield Figure(measure, q, m.start(), q.end + len(words.rstrip()), group, "figures.deaths_of", 0.7, notes)


_LIVES_BEFORE = re.compile(r"\b(?:claimed|claiming|claims|cost|costing|took|taken|taking)\s+$", re.IGNORECASE)
_LIVES_AFTER = re.compile(r"\s+lives\b|\s+lives\s+(?:were|have\s+been|had\s+been)\s+lost\b", re.IGNORECASE)
_LIVES_LOST = re.compile(r"\s+lives\s+(?:were|have\s+been|had\s+been|was)\s+lost\b", re.IGNORECASE)


def lives_lost(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """Deaths counted as lives: "the unrest claimed 225 lives", "the violence cost at least 164 lives", "took
    dozens of lives", "164 lives were lost"."""
    for q in quantities_:
        before = _LIVES_BEFORE.search(text, max(0, q.start - 20), q.start)
        after = re.match(r"(?:\s+of)?\s+lives\b", text[q.end : end], re.IGNORECASE)
        lost = _LIVES_LOST.match(text, q.end, end)
        if not ((before and before.end() == q.start and after) or lost):
            continue
        stop = q.end + (lost.end() - q.end if lost else after.end())  # type: ignore[union-attr]  # no lost: after matched
        first = before.start() if before and before.end() == q.start else q.start
        yield Figure("killed", q, first, stop, "unspecified", "figures.lives_lost", 0.75, [q.note] if q.note else [])


_GATHER_AFTER = re.compile(
    r"(?:gathered|gathering|rallied|rallying|marched|marching|protested|protesting|demonstrated|took\s+to\s+the\s+"
    r"streets?|take\s+to\s+the\s+streets?|taking\s+to\s+the\s+streets?|took\s+part|taking\s+part|joined|holding|"
    r"occupying|occupied|blocking|blocked|"
    r"assembled|turned\s+out|came\s+out|poured|flooded|massed|converged|thronged|filled|attended|stormed)\b",
    re.IGNORECASE,
)
_GATHER_BEFORE = re.compile(
    r"\b(?:(?:crowds?|rally|protest|demonstration|gathering|march|column|procession)\s+of|"
    r"(?P<est>estimated|numbering|put)(?:\s+at|\s+to\s+be|\s+to\s+number)?|"
    r"(?:disperse[ds]?|dispersing|dispersal\s+of)|attended\s+by|brought\s+out|drew)\s+$",
    re.IGNORECASE,
)
_STRONG = re.compile(r"-strong\b", re.IGNORECASE)
_STRONG_NUMBER = re.compile(r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+)-strong\b", re.IGNORECASE)


def crowd_size(text: str, quantities_: list[Quantity], taken: set[int], start: int, end: int) -> Iterator[Figure]:
    """How many took part (measure participants; group protesters unless the words say otherwise).

    "thousands took to the streets", "some 5,000 protesters gathered", "hundreds of people rallied", "a crowd
    of about 1,000", "thousands of people took part in the protests", "police dispersed thousands of
    demonstrators", "the protesters, estimated at 5,000", "a thousands-strong protest", "a 2,000-strong crowd",
    "up to 3,000 protesters were still holding the square", "hundreds blocked the highway".
    """
    for i, q in enumerate(quantities_):
        if q.start in taken:
            continue
        before = _GATHER_BEFORE.search(text, max(0, q.start - 30), q.start)
        via_before = before is not None and before.end() == q.start
        strong = _STRONG.match(text, q.end, end)
        gather = None
        if not via_before and not strong:
            limit = quantities_[i + 1].start if i + 1 < len(quantities_) else end
            for g in _GATHER_AFTER.finditer(text, q.end, min(limit, q.end + 80)):
                if _gap_ok(text, q.end, g.start()) is not None:
                    gather = g
                break
            if gather is None:
                continue
        stop = gather.end() if gather else (strong.end() if strong else q.end)
        tail = text[q.end : gather.start()] if gather else re.match(r"[^.;:,]{0,40}", text[q.end : end]).group(0)  # type: ignore[union-attr]  # the pattern matches the empty string
        group, gnote = group_of(tail)
        if group in ("unspecified", "civilians"):
            group, gnote = "protesters", ""
        first = before.start() if via_before else q.start  # type: ignore[union-attr]  # set when via_before
        if via_before and before.group("est") and q.qualifier == "exact":  # type: ignore[union-attr]  # set when via_before
            q = Quantity(q.start, q.end, "about", q.value, f"worded '{before.group('est')}': coded about")  # type: ignore[union-attr]  # set when via_before
        yield Figure(
            "participants", q, first, stop, group, "figures.crowd_size", 0.6, [n for n in (gnote, q.note) if n]
        )
    for m in _STRONG_NUMBER.finditer(text, start, end):
        if any(q.start <= m.start() < q.end for q in quantities_):
            continue
        value = number_value(m.group("num"))
        q = Quantity(m.start(), m.start() + len(m.group("num")), "exact", value)
        yield Figure("participants", q, m.start(), m.end(), "protesters", "figures.crowd_size", 0.6, [])
