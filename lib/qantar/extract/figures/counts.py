"""Figure rules for a number and a measure: "X people were killed", "killed X", a toll that reached or was raised to
X, a death in custody, "X, including Y police" and lists of counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from qantar.extract.core import Doc
from qantar.extract.figures.numbers import (
    _GAP_MAX_TOKENS,
    _GAP_TOKEN,
    _MEASURE_AFTER_RE,
    Quantity,
    _measure_from,
    group_of,
)

# --- period ------------------------------------------------------------------------------------------------------

_CUMULATIVE = re.compile(
    r"\b(?:so\s+far|in\s+total|a\s+total\s+of|total\s+of|overall|to\s+date|since\s+the\s+(?:start|beginning|"
    r"unrest|protests|violence|riots|events)|since\s+(?:January|Jan\.?)\s+\d|death\s+toll|toll\s+(?:has\s+)?"
    r"(?:rose|risen|climbed|reached|stood|stands|increased|jumped)|(?:rose|risen|climbed|increased|jumped|grown|"
    r"grew)\s+to|as\s+of|during\s+(?:the\s+)?(?:unrest|protests|riots|violence|disturbances|events|"
    r"unrest)|in\s+recent\s+days|in\s+the\s+(?:past|last)\s+(?:few\s+)?(?:days|week)|throughout\s+the)\b",
    re.IGNORECASE,
)
_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_SINGLE_DAY = re.compile(
    rf"(?<!said )(?<!reported )(?<!announced )(?<!told reporters )(?<!added )(?<!stated )"
    rf"\b(?:on\s+(?:{_DAYS}|(?:January|Jan\.?)\s+\d{{1,2}}|\d{{1,2}}\s+(?:January|Jan\.?))|overnight|yesterday|"
    rf"(?:on\s+)?{_DAYS}\s+(?:night|evening|morning)|on\s+the\s+night\s+of)\b",
    re.IGNORECASE,
)

# "On Sunday, Khabar 24 reported that ...": the day dates the report, not the deaths.
_STATEMENT_AFTER = re.compile(
    r"[^.;]{0,40}?\b(?:said|says|reported|announced|told|stated|confirmed|added|wrote)\b", re.IGNORECASE
)


def period_of(doc: Doc, pos: int) -> str:
    """cumulative for "so far", "in total", "a total of", "the death toll rose to", "as of", "since the unrest
    began", "during the unrest"; single_day for "on Wednesday eight were killed", "overnight", "Thursday
    night" (not "the ministry said on Wednesday", which dates the statement); else unspecified."""
    a, b = doc.sentence_of(pos)
    if _CUMULATIVE.search(doc.text, a, b):
        return "cumulative"
    for m in _SINGLE_DAY.finditer(doc.text, a, b):
        if not _STATEMENT_AFTER.match(doc.text, m.end(), b):
            return "single_day"
    return "unspecified"


# --- the rules ---------------------------------------------------------------------------------------------------


@dataclass
class Figure:
    """One figure a rule found: what it counts, the quantity, the span of the match, the rule and its notes."""

    measure: str
    quantity: Quantity
    start: int
    end: int
    group: str
    rule: str
    confidence: float
    notes: list[str] = field(default_factory=list)
    period: str = ""  # set when the rule itself says (a toll is a running total); else read from the sentence


_ASIDE = re.compile(r"\s*,?\s*(?:including|among\s+them|among\s+whom)\s+[^,.;]{1,60},", re.IGNORECASE)


def _gap_ok(text: str, a: int, b: int) -> int | None:
    """Number of words between a and b when every one is a group word or an auxiliary; None otherwise."""
    pos, n = a, 0
    while pos < b:
        if not text[pos:b].strip(" ,“”\"'‘’()"):
            return n
        aside = _ASIDE.match(text, pos, b)
        if aside:  # "164 people, including three children, were killed": the part does not end the phrase
            pos, n = aside.end(), n + 1
            continue
        m = _GAP_TOKEN.match(text, pos, b)
        if not m or m.end() == pos:
            return None
        pos, n = m.end(), n + 1
        if n > _GAP_MAX_TOKENS:
            return None
    return n


def number_then_measure(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """A count, the group it names, then the measure word.

    "eight police officers were killed", "18 killed and 748 injured", "26 “armed criminals” have been
    killed", "more than 3,000 protesters have been detained", "164 dead", "1,300-plus deaths", "two people
    died", "12 lost their lives", "317 injured among the security forces", "nearly 400 were hospitalised",
    "3,811 arrests", "some 190 have been reported injured", "dozens of rioters were liquidated", "about
    5,800 people were taken into custody", "500 people are being held".
    """
    for i, q in enumerate(quantities_):
        later = [n for n in quantities_[i + 1 :] if not _SUBSET.search(text, max(0, n.start - 20), n.start)]
        limit = later[0].start if later else end
        active = _ACTIVE.search(text, max(0, q.start - 50), q.start)
        if active and active.end() == q.start and active.group("verb").lower() not in ("left", "leaving"):
            continue  # "killed 26 armed criminals and injured 18": measure_then_number reads it
        for m in _MEASURE_AFTER_RE.finditer(text, q.end, min(limit, q.end + 140)):
            words = _gap_ok(text, q.end, m.start())
            if words is None:
                break
            if m.group("held") and not re.search(r"\b(?:were|was|are|is|been|being)\s*$", text[q.end : m.start()]):
                continue  # "held a rally", "held talks": not a detention
            measure, note = _measure_from(m)
            gap = _ASIDE.sub(" ", text[q.end : m.start()])  # the part's group is not the whole's
            group, gnote = group_of(gap)
            after = text[m.end() : min(end, m.end() + 60)]
            among = re.match(r"\s*(?:among|from|in\s+the\s+ranks\s+of)\s+(?:the\s+)?([\w\s-]{3,40})", after)
            if group == "unspecified" and among:
                group, gnote = group_of(among.group(1))
            conf = 0.85 if words <= 6 else 0.7
            if q.value is None:
                conf -= 0.05
            if note.startswith("worded 'charged'"):
                conf = 0.5
            notes = [n for n in (note, gnote, q.note) if n]
            yield Figure(measure, q, q.start, m.end(), group, "figures.number_then_measure", conf, notes)
            break


_DEATH_IN_CUSTODY = re.compile(
    r"(?P<who>(?:\s+[\w’'-]+){0,4}?)\s+(?:(?:were|was|had|have|has|been|reportedly|allegedly|later)\s+)*"
    r"(?:(?:tortured|beaten)\s+to\s+death|died\s+(?:while\s+)?in\s+(?:police\s+)?(?:custody|detention)|"
    r"died\s+(?:from|of|after)\s+(?:torture|beatings?))\b",
    re.IGNORECASE,
)


def death_in_custody(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """Deaths told as torture or as dying in custody, counted as killed (the word for the detainees is no measure).

    "four detainees were tortured to death", "two men had been beaten to death", "five people died in police
    custody", "three prisoners died from torture".
    """
    for q in quantities_:
        m = _DEATH_IN_CUSTODY.match(text, q.end, end)
        if not m or _MEASURE_AFTER_RE.search(re.sub(r"\bdetainees\b", "", m.group("who"), flags=re.I)):
            continue
        group, gnote = group_of(m.group("who"))
        notes = ["worded as a death in custody or under torture: coded killed", *(n for n in (gnote, q.note) if n)]
        yield Figure("killed", q, q.start, m.end(), group, "figures.death_in_custody", 0.8, notes)


_MEASURE_THEN_PLACE = re.compile(
    r"\b(?P<verb>died|were\s+killed|had\s+been\s+killed|were\s+injured|were\s+wounded|were\s+detained|"
    r"were\s+arrested)\s*[\"“”]?\s*(?:in|across)\s+(?:the\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?"
    r"(?:\s+(?:region|oblast|province))?\s*,\s*$"
)
_MEASURE_OF_VERB = {"died": "killed", "killed": "killed", "injured": "injured", "wounded": "injured",
                    "detained": "detained", "arrested": "detained"}  # fmt: skip


def measure_place_number(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """The measure, a place, then the count, as a speaker puts it: "most died in Shymkent, 40 people",
    "the majority were killed in Almaty, 120 of them", "were detained in the Almaty region, 300 people" (the count
    follows the place after a comma, often inside a quotation)."""
    for q in quantities_:
        m = _MEASURE_THEN_PLACE.search(text, max(0, q.start - 80), q.start)
        if not m or m.end() != q.start:
            continue
        tail = re.match(r"\s*(?:people|persons|individuals|of\s+them)?", text[q.end : end]).group(0)  # type: ignore[union-attr]  # the pattern matches the empty string
        measure = _MEASURE_OF_VERB[m.group("verb").split()[-1].lower()]
        notes = ["the count follows the place it is given for", *(n for n in (q.note,) if n)]
        yield Figure(
            measure, q, m.start(), q.end + len(tail), "unspecified", "figures.measure_place_number", 0.7, notes
        )


_TOLL_RAISED = re.compile(
    r"\b(?P<verb>raised|revised|updated|increased|lifted|pushed|brought|put)\s+(?:up\s+)?(?:the|its|their)\s+"
    r"(?:official\s+|overall\s+|final\s+)?(?:death\s+toll|toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|fatalities|"
    r"victims|people\s+killed|those\s+killed))\b[^.;:\d]{0,160}?\s(?:up\s+)?to\s+$",
    re.IGNORECASE,
)


def toll_raised_to(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """A toll raised or revised to a number that ends a long clause after the word 'toll'.

    "officials raised the death toll from the violence that swept several western and southern cities to 241",
    "revised the number of victims of the riots in the country's south to 96", "brought the official toll for the
    week of clashes to 40" (what toll_reached cannot reach: more than 60 characters between 'toll' and 'to').
    """
    for q in quantities_:
        m = _TOLL_RAISED.search(text, max(0, q.start - 220), q.start)
        if not m or m.end() != q.start:
            continue
        yield Figure("killed", q, m.start(), q.end, "unspecified", "figures.toll_raised_to", 0.8, [], "cumulative")


_ACTIVE = re.compile(
    r"\b(?P<verb>killed|killing|kills|detained|detaining|detains|arrested|arresting|arrests|wounded|wounding|"
    r"rounded\s+up|rounding\s+up|apprehended|liquidated|eliminated|neutrali[sz]ed|shot\s+dead|shooting\s+dead|"
    r"gunned\s+down|"
    r"injured|injuring|hospitali[sz]ed|hospitali[sz]ing|claimed\s+the\s+lives\s+of|took\s+the\s+lives\s+of|"
    r"left|leaving)[\"“”'‘’]?\s+(?:a\s+total\s+of\s+|in\s+total\s+)?$",
    re.IGNORECASE,
)
_ACTIVE_MEASURE = {
    "kill": ("killed", ""),
    "claimed": ("killed", ""),
    "took": ("killed", ""),
    "detain": ("detained", ""),
    "round": ("detained", "worded 'rounded up': coded detained"),
    "liquidat": ("killed", "worded 'liquidated': coded killed"),
    "shot": ("killed", ""),
    "shooting": ("killed", ""),
    "gunned": ("killed", ""),
    "eliminat": ("killed", "worded 'eliminated': coded killed"),
    "neutrali": ("killed", "worded 'neutralised': may mean killed or captured; coded killed, check the text"),
    "apprehend": ("detained", "worded 'apprehended': coded detained"),
    "arrest": ("detained", "worded 'arrested': the table codes it detained"),
    "wound": ("injured", ""),
    "injur": ("injured", ""),
    "hospital": ("injured", "worded as hospitalised: coded injured"),
}


def measure_then_number(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """The measure verb, then the count: active voice.

    "the clashes killed at least 164 people", "police detained 3,811 people", "security forces arrested
    about 5,800 people", "police rounded up more than 4,000 people", "apprehended 300 looters", "troops shot
    dead dozens of rioters", "gunned down 12 attackers",
    "wounding more than 1,000", "injuring 18 police officers", "the violence claimed
    the lives of 225 people", "hospitalised 400 people".
    """
    for i, q in enumerate(quantities_):
        m = _ACTIVE.search(text, max(0, q.start - 50), q.start)
        if not m or m.end() != q.start:
            continue
        verb = m.group("verb").lower()
        if verb in ("left", "leaving"):
            continue  # "left 164 dead" is read by number_then_measure
        measure, note = next(v for k, v in _ACTIVE_MEASURE.items() if verb.startswith(k))
        limit = quantities_[i + 1].start if i + 1 < len(quantities_) else end
        tail = re.match(r"[^.;:]{0,60}", text[q.end : limit]).group(0)  # type: ignore[union-attr]  # the pattern matches the empty string
        words = re.split(r"\s+(?:in|on|during|after|at|and|as|when|while|since)\s+|[,(]", tail)[0]
        group, gnote = group_of(words)
        notes = [n for n in (note, gnote, q.note) if n]
        yield Figure(
            measure, q, m.start(), q.end + len(words.rstrip()), group, "figures.measure_then_number", 0.75, notes
        )


_TOLL = re.compile(
    r"\b(?P<what>death\s+toll|toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|people\s+killed|those\s+killed|"
    r"fatalities|victims|detainees|detained|people\s+detained|those\s+detained|detentions|arrests|arrested|people\s+"
    r"arrested|injured|wounded|people\s+injured|those\s+injured|people\s+wounded|casualties))"
    r"(?P<mid>[^.;:\d]{0,60}?)\b(?P<verb>rose|risen|rising|rises|climbed|climbs|reached|reaching|reaches|stood|stands|"
    r"stand|is|was|has\s+reached|increased|increases|jumped|jumps|soared|soars|exceeded|exceeds|passed|passes|topped|"
    r"tops|hit|hits|grew|grown|grows|totall?ed|totals|of|at|to|as)\s+(?:to\s+|at\s+)?$",
    re.IGNORECASE,
)


def toll_reached(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """A toll or a count and the number it reached.

    "the death toll rose to 164", "the toll stood at 225", "a death toll of 164", "pushed the death toll to
    225", "bringing the number of detainees to 9,900", "the number of detainees reached 7,939",
    "the number of people detained rose to almost 8,000", "gave the civilian death toll as 26",
    "death toll rises to 164" / "toll hits 225" (headline
    tense), "the number of injured exceeded
    2,200" (exceeded / passed / topped: more_than).
    """
    for q in quantities_:
        m = _TOLL.search(text, max(0, q.start - 120), q.start)
        if not m or m.end() != q.start:
            continue
        what = m.group("what").lower()
        if "toll" in what or any(w in what for w in ("dead", "death", "killed", "fatalities", "victims")):
            measure, note = "killed", ""
        elif "casualties" in what:
            measure, note = "casualties", ""
        elif any(w in what for w in ("injured", "wounded")):
            measure, note = "injured", ""
        else:
            measure = "detained"
            note = "worded 'arrests': the table codes it detained" if "arrest" in what else ""
        quantity = q
        if m.group("verb").lower() in ("exceeded", "exceeds", "passed", "topped") and q.qualifier == "exact":
            quantity = Quantity(q.start, q.end, "more_than", q.value, f"worded '{m.group('verb')}'")
        lead = re.search(r"(?:\S+\s+){0,2}$", text[max(0, m.start() - 30) : m.start()]).group(  # type: ignore[union-attr]  # the pattern matches the empty string
            0
        )  # "civilian death toll"
        group, gnote = group_of(lead + m.group("mid") + " " + text[q.end : min(end, q.end + 40)].split(",")[0])
        notes = [n for n in (note, gnote, quantity.note) if n]
        yield Figure(measure, quantity, m.start(), q.end, group, "figures.toll_reached", 0.85, notes, "cumulative")


_SUBSET = re.compile(r"\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|of\s+which)\s+$", re.IGNORECASE)
_SUBSET_AFTER = re.compile(r"\s+of\s+(?:them|whom)\b", re.IGNORECASE)


def subset_including(text: str, quantities_: list[Quantity], found: list[Figure], end: int) -> Iterator[Figure]:
    """A part of a figure just given, with its own group or place and no measure word of its own.

    "164 people were killed, including 103 in Almaty", "... killed, among them 16 police officers", "the bodies of
    160 people were brought to morgues, of which 12 were police officers",
    "18 were killed, including three children", "more than 2,200 were injured, 1,300 of them security
    officers".
    """
    for q in quantities_:
        if any(f.quantity.start == q.start for f in found):
            continue
        m = _SUBSET.search(text, max(0, q.start - 20), q.start)
        if m is not None and m.end() == q.start:
            first, words_from = m.start(), q.end
        else:
            after = _SUBSET_AFTER.match(text, q.end, end)  # "1,300 of them security officers", after a comma
            if after is None or not re.search(r",\s*$", text[max(0, q.start - 3) : q.start]):
                continue
            first, words_from = q.start, after.end()
        parents = [f for f in found if f.end <= first and f.quantity.value is not None]
        if not parents:
            continue
        parent = parents[-1]
        tail = re.match(r"[^.;:,]{0,50}", text[words_from:end]).group(0)  # type: ignore[union-attr]  # the pattern matches the empty string
        tail = re.sub(r"^\s*(?:were|was|are|is)\s+", " ", tail)  # "of which 12 were police officers"
        if _MEASURE_AFTER_RE.search(tail):
            continue  # its own measure word: number_then_measure reads it
        group, gnote = group_of(tail)
        notes = [f"part of the {parent.measure} figure before it", *(n for n in (gnote, q.note) if n)]
        if group == "unspecified":
            group = parent.group
        stop = words_from + len(tail.rstrip())
        yield Figure(parent.measure, q, first, stop, group, "figures.subset_including", 0.6, notes)


_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*[—–:]\s*|\s+-\s+)")
_ITEM_TAIL = re.compile(r"[^.;:,—–]{0,45}?(?=\s*(?:,|\band\b|[.;:—–]|$))")
# An item whose words run on into a phrase of its own ("18 security officers in the conflict that ..."): the
# group words end before the preposition or relative word that starts it.
_ITEM_HEAD = re.compile(
    r"[^.;:,—–]{1,45}?(?=\s+(?:in|during|at|on|across|who|that|which|since|after|before|over|amid|while)\b)"
)


def _item_head(text: str, start: int, end: int) -> re.Match[str] | None:
    """The group words of a list item that runs on into a phrase of its own: "and 18 security officers in the
    conflict that ..." gives "security officers" (a group only; a place item keeps its "in")."""
    m = _ITEM_HEAD.match(text, start, end)
    return m if m and group_of(m.group(0))[0] != "unspecified" else None


def list_items(text: str, quantities_: list[Quantity], found: list[Figure], end: int) -> Iterator[Figure]:
    """Counts listed right after a figure, each with its own group or place, counting what it counts.

    "fewer than 40 deaths — 21 'bandits' and 15 police officers", "the deaths of 17 civilians, including 9 in
    Almaty, six in the Almaty region and two in Taraz". Not: a count with its own subject ("and 3 ministers
    resigned": a verb follows) or with its own measure word (another rule reads it).
    """
    chain = sorted(found, key=lambda f: f.start)
    taken = {f.quantity.start for f in found}
    for q in sorted(quantities_, key=lambda q: q.start):
        if q.start in taken or q.value is None:
            continue
        before = [f for f in chain if f.end <= q.start and f.quantity.value is not None]
        if not before:
            continue
        parent = max(before, key=lambda f: f.end)
        if not _LIST_SEP.fullmatch(text, parent.end, q.start):
            continue
        tail_m = _ITEM_TAIL.match(text, q.end, end) or _item_head(text, q.end, end)
        tail = tail_m.group(0) if tail_m else ""
        if _MEASURE_AFTER_RE.search(tail) or re.search(r"\b(?:were|was|had|have|has|resigned|said)\b", tail):
            continue
        if not tail.strip() or not (group_of(tail)[0] != "unspecified" or re.match(r"\s+in\s+", tail)):
            continue  # a bare number or words that are neither a group nor a place: not an item of the list
        group, gnote = group_of(tail)
        root = parent
        if group == "unspecified":
            group = parent.group
        notes = [f"an item of the list after the {root.measure} figure", *(n for n in (gnote, q.note) if n)]
        fig = Figure(root.measure, q, q.start, q.end + len(tail.rstrip()), group, "figures.list_items", 0.55, notes)
        chain.append(fig)
        taken.add(q.start)
        yield fig
