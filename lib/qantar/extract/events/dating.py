"""The date of an event hit: the clause's date, not a deadline or a cause, "a day after ...", a verdict's day, the
paragraph's or the story's last day; and the earlier year of a happening told as background.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from typing import Any

from qantar.extract import dates
from qantar.extract.core import Doc
from qantar.extract.events.kinds import EARLIER_YEAR, YEAR_WINDOW, Hit

# ---------------------------------------------------------------- from hits to candidates
LOCAL_KINDS = ("city", "site", "region", "area")
GEO_PRECISION = {"city": 1, "site": 1, "region": 3, "area": 3, "country": 3, "organisation": 3}
COUNTRY_ID, COUNTRY_NAME = "kz", "Kazakhstan"


# A date that ends a measure, not the day it was taken ("a state of emergency until January 19").
DEADLINE = re.compile(r"\b(?:until|till|through|to|up to|for the period (?:to|until|through))\s+$", re.I)
CAUSE_CLAUSE = re.compile(r"\b(?:after|following|because|as a result of|over)\b[^,;]{0,80}$", re.I)
DECLARED_DAY_KINDS = frozenset({"mourning_declared"})
DAY_AFTER = re.compile(r"\b(a|one|two|three|four|five|\d) days? (after|before)\s+(?=[a-z])", re.I)
SPEECH = re.compile(
    r"\b(?:said|says|announced|reported|told [\w ]{1,30}?|stated|confirmed|claimed|added)\b[^.;]{0,40}?\bthat\b", re.I
)
CLAUSE_BREAK = re.compile(
    r",? and (?=(?:then |later |also )?\w+(?:ed|read|spread|took|broke|began)\b)|;|, while |, but "
)


def event_date(doc: Doc, h: Hit, place: Any = None) -> dates.DateRef:
    """The days of the happening: the date expression of the place's clause ("began in Zhanaozen at the weekend
    and spread to Aktau earlier this week"), else of the sentence after a reporting verb ("announced on Saturday
    that X had been arrested two days earlier"), else dates.date_for. With only the report's date before
    "said ... that": the range from the unrest's start to that day (basis announcement). With no date in the
    sentence or paragraph: narrative_date, else the publication range (basis document_date)."""
    from qantar import settings

    a, b = doc.sentence_of(h.start)
    pos = place.start if place is not None and a <= place.start < b else h.start
    raw = dates.dates_in(doc, a, b)
    refs = [r for r in raw if not DEADLINE.search(doc.text[max(a, r.start - 25) : r.start])]
    # "the unrest started in X after the price doubled on January 1": that date is the cause's
    refs = [r for r in refs if not (r.start > h.end and CAUSE_CLAUSE.search(doc.text[h.end : r.start]))]
    if h.kind in DECLARED_DAY_KINDS:  # "declared January 10 a day of mourning": the 10th is what was declared
        refs = [r for r in refs if not (h.start <= r.start and r.end <= h.end)]
    speech = next((m for m in SPEECH.finditer(doc.text, a, b) if m.end() <= h.start), None)
    if speech:
        after = [r for r in refs if r.start >= speech.end()]
        before = [r for r in refs if r.end <= speech.start() + len(speech.group()) and r.start < speech.end()]
        if not after and before:
            said = before[-1]
            start = min(settings.DEFAULT_START, said.date_start)
            return dates.DateRef(said.start, said.end, start, said.date_end, "range", "announcement", "events.speech")
        refs = after or refs
    if refs and h.each_place and place is not None:
        cuts = [a] + [m.end() for m in CLAUSE_BREAK.finditer(doc.text, a, b)] + [b]
        lo = max(c for c in cuts if c <= pos)
        hi = min(c for c in cuts if c > pos)
        mine = [r for r in refs if lo <= r.start < hi]
        if mine:
            return min(mine, key=lambda r: min(abs(r.start - pos), abs(r.end - pos)))
    if refs:
        ref = min(refs, key=lambda r: (min(abs(r.start - h.start), abs(r.end - h.start)), r.start > h.start))
        return _day_after(doc, ref, h) or ref
    if h.kind == "court_verdict":
        return verdict_date(doc, h)
    if not raw:
        ref = dates.date_for(doc, h.start)
        if borrowed_later_date(doc, h, ref):
            ref = replace(ref, basis="document_date")
        return ref if ref.basis != "document_date" else narrative_date(doc, h) or ref
    para = doc.text.rfind("\n", 0, h.start) + 1
    earlier = [
        r
        for r in dates.dates_in(doc, para, a)
        if r.date_end <= doc.published and not DEADLINE.search(doc.text[max(0, r.start - 25) : r.start])
    ]
    if earlier:
        return replace(earlier[-1], basis="context")
    return dates.DateRef(
        h.start, h.start, settings.DEFAULT_START, doc.published, "range", "document_date", "document_date"
    )


RULED_ON = re.compile(
    r"\b(?:ruled|sentenced|convicted|delivered (?:its |the )?verdict|handed down (?:the |its )?(?:verdict|sentence)|"
    r"found (?:him|her|them) guilty)\b[^.;]{0,30}?\bon\s+$",
    re.IGNORECASE,
)


VERDICT_FOLLOWING = 2  # sentences after a verdict's own in which "ruled on <day>" dates it


def verdict_date(doc: Doc, h: Hit) -> dates.DateRef:
    """The day of a verdict whose sentence gives none: a day the next two sentences give after "ruled
    on" / "sentenced ... on" ("A court sentenced X to 18 years. The judge also ruled on April 24 to ..."), else the
    range from the unrest's end to publication (a verdict comes after the unrest, not in January)."""
    from qantar import settings

    _, b = doc.sentence_of(h.start)
    following = [sp for sp in doc.sentences if sp[0] >= b][:VERDICT_FOLLOWING]
    stop = following[-1][1] if following else b
    for r in dates.dates_in(doc, b, stop):
        if r.precision == "day" and RULED_ON.search(doc.text[max(b, r.start - 60) : r.start]):
            return r
    start = min(settings.UNREST_END, doc.published)
    return dates.DateRef(h.start, h.start, start, doc.published, "range", "document_date", "document_date")


# Happenings that may come after the unrest's month: a date of a later sentence can be theirs.
LATER_KINDS = frozenset(
    {"court_verdict", "emergency_lifted", "csto_withdrawal", "arrest", "appointment", "power_transfer"}
)


def borrowed_later_date(doc: Doc, h: Hit, ref: dates.DateRef) -> bool:
    """Whether an undated happening of the unrest would take a date after the unrest from another sentence of a
    text written later ("On November 16, a court convicted an officer. ... protests broke out in Taraz"): not its
    day, so it is dated like any undated happening told in retrospect."""
    from qantar import settings

    return (
        ref.basis == "context"
        and looking_back(doc)
        and ref.date_start > settings.UNREST_END
        and h.kind not in LATER_KINDS
    )


def narrative_date(doc: Doc, h: Hit) -> dates.DateRef | None:
    """No date in the sentence or its paragraph: the last date the text gave before it (the story's current day, as
    a coder reads it: "On Wednesday, crowds stormed the akimat. ... Police said 95 officers were injured"). Only a
    day of 2022 up to publication, not a deadline ("until January 19"); basis context. None when the text gave
    none before."""
    from qantar import settings

    a, _ = doc.sentence_of(h.start)
    later = looking_back(doc)
    refs = [
        r
        for r in dates.dates_in(doc, 0, a)
        if r.date_start.year >= 2022
        and r.date_end <= doc.published
        and not DEADLINE.search(doc.text[max(0, r.start - 25) : r.start])
        # a text written after the main days: its report day (a dateline) and later days are not the story's
        and not (later and (r.date_end >= doc.published or r.date_start > settings.UNREST_END))
    ]
    if refs:
        return replace(refs[-1], basis="context")
    if later:  # an undated happening told afterwards: somewhere in the unrest, up to publication
        end = min(doc.published, settings.UNREST_END)
        return dates.DateRef(h.start, h.start, settings.UNREST_START, end, "range", "context", "events.looking_back")
    return None


def looking_back(doc: Doc) -> bool:
    """Whether the text was published after the kit's main days (settings.DEFAULT_END, the day of mourning), so an
    undated happening in it is told in retrospect."""
    from qantar import settings

    return doc.published > settings.DEFAULT_END


def _day_after(doc: Doc, ref: dates.DateRef, h: Hit) -> dates.DateRef | None:
    """A happening told in a clause "a day after ..." following a dated one: that many days before it ("landed on
    Thursday, a day after the president appealed to the bloc": Wednesday); "two days before ...": after it."""
    if ref.end > h.start:
        return None
    m = DAY_AFTER.search(doc.text, ref.end, h.start)
    if not m:
        return None
    n = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}.get(m.group(1).lower())
    n = n if n is not None else int(m.group(1))
    shift = timedelta(days=-n if m.group(2).lower() == "after" else n)
    d0, d1 = ref.date_start + shift, ref.date_end + shift
    return dates.DateRef(m.start(), m.end(), d0, d1, ref.precision, "relative_resolved", "events.day_after")


def background_year(doc: Doc, h: Hit) -> int | None:
    """A year before the unrest written near the hit ("in 2011", "the 2019 protests"), else None."""
    s, e = doc.sentence_of(h.start)
    lo, hi = max(s, h.start - YEAR_WINDOW), min(e, h.end + YEAR_WINDOW)
    m = EARLIER_YEAR.search(doc.text, lo, hi)
    return int(m.group(1)) if m else None
