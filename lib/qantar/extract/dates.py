"""Date rules: calendar dates and relative expressions resolved against the publication date.

Each rule is a function that reads the whole text and returns :class:`DateRef` objects; its docstring lists
the phrases it handles. :func:`dates_in` runs them all once per document (calendar dates first, so "Sunday,
January 2" is one stated date, not a weekday too), drops a match that overlaps an earlier, longer one, and
resolves the expressions that count from the previous date in the text ("two days later") in text order.

Why not dateparser: it resolves a weekday equal to the base day to a week earlier and cannot read "earlier
this week" or "the weekend"; these rules do, and each has a unit test per phrase.

Bases (``events.date_basis``): ``stated`` (a calendar date), ``weekday_resolved`` (a weekday resolved against
the publication date), ``relative_resolved`` ("yesterday", "last week", "two days later"), ``document_date``
(no date in reach: the publication day, as a range from the unrest's start).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Callable

from qantar.extract.core import Doc


@dataclass(frozen=True)
class DateRef:
    """A date expression found in a text: where, the days it allows, its precision and how it was resolved."""

    start: int
    end: int
    date_start: date
    date_end: date
    precision: str  # events.date_precision: day, range, month, year, before
    basis: str  # events.date_basis: stated, weekday_resolved, relative_resolved, announcement, context, document_date
    rule: str


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAYNUM = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_TO = r"\s*(?:-|\u2013|\u2014|to|through|and|until|till)\s*"
# The second day of a range is not the first day of another date ("Jan. 5 and 5-6 January").
_NOT_NEXT_DATE = (
    r"(?![\-\u2013\d]|\s+(?:of\s+)?(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b)"
)
_YEAR = r"(?:,?\s+(?P<year>20\d\d))?"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# The weekday may precede a calendar date: "Sunday, January 2" is one stated date.
_WD_PREFIX = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_FUTURE = re.compile(
    r"\b(?:will|shall|is due|are due|is expected to|are expected to|is scheduled|are scheduled|is set to|"
    r"are set to|plans? to|planned for|to be held)\b",
    re.I,
)
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}  # fmt: skip


def _month(text: str) -> int:
    """The month number of an English month name or abbreviation."""
    return _MONTHS[text[:3].lower()]


_AHEAD_DAYS = 7  # a date up to a week after publication may be meant without a future tense ("mourning on January 10")


def _year_in_text(doc: Doc, m: re.Match[str], month: int, day: int) -> date:
    """The year of a month and day given without one: the latest such day up to a week after publication (news
    tells of the past: "on January 5" in a December text is the January gone), or the nearest one ahead when the
    clause speaks of the future ("will open in January")."""
    options = []
    for y in (doc.published.year - 1, doc.published.year, doc.published.year + 1):
        try:
            options.append(date(y, month, day))
        except ValueError:
            continue
    if not options:
        raise ValueError(f"no such day: {month}-{day}")
    if _future(doc, m.start(), m.end()):
        ahead = [d for d in options if d >= doc.published]
        if ahead:
            return min(ahead)
    past = [d for d in options if (d - doc.published).days <= _AHEAD_DAYS]
    return max(past) if past else min(options)


def _make(doc: Doc, m: re.Match[str], a: date, b: date, basis: str, rule: str) -> DateRef:
    """A DateRef over the match, precision day when a == b, else range."""
    return DateRef(m.start(), m.end(), a, b, "day" if a == b else "range", basis, rule)


def _calendar(doc: Doc, m: re.Match[str], month: int, d1: int, d2: int | None, rule: str) -> DateRef | None:
    """A stated date or range from month, first and (optional) last day; None for an impossible day."""
    try:
        if m.groupdict().get("year"):
            a = date(int(m.group("year")), month, d1)
        else:
            a = _year_in_text(doc, m, month, d1)
        b = a if d2 is None else date(a.year, month, d2)
    except ValueError:
        return None
    if b <= a and d2 is not None:  # "January 5 and 5": not a range; the first day alone
        return DateRef(m.start(), m.end("d1"), a, a, "day", "stated", rule)
    return _make(doc, m, a, b, "stated", rule)


def month_day(doc: Doc) -> list[DateRef]:
    """Month before day, with an optional second day and year.

    Phrases: "January 5", "Jan. 5", "Jan 5th", "on Jan 5th", "January 5, 2022", "Sunday, January 2",
    "January 5-6", "January 5 and 6", "January 4 to 6".
    """
    rx = re.compile(
        r"\b" + _WD_PREFIX + _MONTH.format(g="m") + r"\s+" + _DAYNUM.format(g="d1")
        + r"(?:" + _TO + _DAYNUM.format(g="d2") + _NOT_NEXT_DATE + r")?" + _YEAR + r"(?![\d:])"
    )  # fmt: skip
    out = []
    for m in rx.finditer(doc.text):
        d2 = int(m.group("d2")) if m.group("d2") else None
        ref = _calendar(doc, m, _month(m.group("m")), int(m.group("d1")), d2, "dates.month_day")
        if ref:
            out.append(ref)
    return out


def day_month(doc: Doc) -> list[DateRef]:
    """Day before month, with an optional first day of a range and year.

    Phrases: "5 January", "5 Jan 2022", "5th of January", "on 5 January 2022", "5-6 January", "4 to 6 January".
    """
    rx = re.compile(
        r"\b" + _WD_PREFIX + r"(?:" + _DAYNUM.format(g="d1") + _TO + r")?" + _DAYNUM.format(g="d2")
        + r"(?:\s+of)?\s+" + _MONTH.format(g="m") + _YEAR + r"\b"
    )  # fmt: skip
    out = []
    for m in rx.finditer(doc.text):
        first = int(m.group("d1")) if m.group("d1") else int(m.group("d2"))
        last = int(m.group("d2")) if m.group("d1") else None
        ref = _calendar(doc, m, _month(m.group("m")), first, last, "dates.day_month")
        if ref:
            out.append(ref)
    return out


def iso_date(doc: Doc) -> list[DateRef]:
    """ISO dates. Phrases: "2022-01-05"."""
    out = []
    for m in re.finditer(r"\b(20\d\d)-([01]\d)-([0-3]\d)\b", doc.text):
        try:
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
        out.append(_make(doc, m, d, d, "stated", "dates.iso_date"))
    return out


def since_date(doc: Doc) -> list[DateRef]:
    """A stated start up to publication. Phrases: "since January 2", "since 2 January", "since Jan. 2"."""
    rx = re.compile(
        r"\b(?:since|from)\s+(?:" + _MONTH.format(g="m") + r"\s+" + _DAYNUM.format(g="d")
        + r"|" + _DAYNUM.format(g="d2") + r"\s+" + _MONTH.format(g="m2") + r")" + _YEAR
        + r"(?!\s*(?:-|to|until|through|and)\s*\d)\b"
    )  # fmt: skip
    out = []
    for m in rx.finditer(doc.text):
        month = _month(m.group("m") or m.group("m2"))
        day = int(m.group("d") or m.group("d2"))
        try:
            a = date(int(m.group("year")), month, day) if m.group("year") else _year_in_text(doc, m, month, day)
        except ValueError:
            continue
        if a <= doc.published and m.group().lower().startswith("since"):
            out.append(DateRef(m.start(), m.end(), a, doc.published, "range", "stated", "dates.since_date"))
    return out


def holiday(doc: Doc) -> list[DateRef]:
    """Named days. Phrases: "on New Year's Day", "New Year's Eve", "Orthodox Christmas" (7 January), "the New
    Year's weekend", "the New Year holidays", "at New Year" (1-2 January, Kazakhstan's two public holidays)."""
    out = []
    rx = (
        r"\bNew Year['’]s (Day|Eve)\b|\bOrthodox Christmas\b"
        r"|\b(?:the )?New Year(?:['’]s)? (weekend|holidays?)\b|\b(?:at|over) (New Year)\b(?!['’])"
    )
    for m in re.finditer(rx, doc.text):
        y = doc.published.year if doc.published.month < 12 else doc.published.year + 1
        if m.group(1) == "Day":
            d = e = date(y, 1, 1)
        elif m.group(1) == "Eve":
            d = e = date(y - 1, 12, 31)
        elif m.group(2) or m.group(3):
            d, e = date(y, 1, 1), date(y, 1, 2)
        else:
            d = e = date(y, 1, 7)
        out.append(_make(doc, m, d, e, "stated", "dates.holiday"))
    return out


def _future(doc: Doc, start: int, end: int) -> bool:
    """Whether the clause around [start, end) speaks of the future ("will meet on Monday")."""
    a, b = doc.sentence_of(start)
    return bool(_FUTURE.search(doc.text[max(a, start - 60) : min(b, end + 25)]))


def weekday_on_or_before(published: date, wd: int) -> date:
    """The most recent day with weekday ``wd`` (0 = Monday) on or before ``published``."""
    return published - timedelta(days=(published.weekday() - wd) % 7)


def weekday(doc: Doc) -> list[DateRef]:
    """A weekday, resolved against the publication date.

    Phrases: "on Wednesday", "Wednesday", "Wednesday's", "Wednesday night", "on Thursday night", "Thursday
    evening", "early on Thursday", "late Friday", "Monday morning". Past or present: the most recent such
    day on or before publication (a weekday equal to the publication weekday is that very day, for news of
    the day). With a future verb in its clause ("will meet on Monday", "is due on Friday"): the next such day
    after publication. "Thursday night" is Thursday (the night's start).
    """
    rx = re.compile(r"\b" + _WEEKDAY + r"(?:['’]s)?(?:\s+(?:night|evening|morning|afternoon))?\b")
    out = []
    for m in rx.finditer(doc.text):
        wd = _WEEKDAYS.index(m.group("wd").lower())
        if _future(doc, m.start(), m.end()) or doc.text[max(0, m.start() - 5) : m.start()].lower() == "next ":
            d = doc.published + timedelta(days=(wd - doc.published.weekday() - 1) % 7 + 1)
        else:
            d = weekday_on_or_before(doc.published, wd)
        out.append(_make(doc, m, d, d, "weekday_resolved", "dates.weekday"))
    return out


def day_word(doc: Doc) -> list[DateRef]:
    """Days named from the publication date.

    Phrases: "yesterday", "today", "tonight", "this morning", "earlier today", "on Tuesday" is not here (see
    weekday), "the day before yesterday", "tomorrow".
    """
    rx = re.compile(
        r"\b(?P<w>the day before yesterday|yesterday|today|tonight|this (?:morning|afternoon|evening)|tomorrow)\b",
        re.I,
    )
    shift = {"the day before yesterday": -2, "yesterday": -1, "tomorrow": 1}
    out = []
    for m in rx.finditer(doc.text):
        d = doc.published + timedelta(days=shift.get(m.group("w").lower(), 0))
        out.append(_make(doc, m, d, d, "relative_resolved", "dates.day_word"))
    return out


def overnight(doc: Doc) -> list[DateRef]:
    """The night before publication, as a two-day range. Phrases: "overnight", "last night", "during the night".

    Not the adjective: "an overnight curfew", "the overnight stay" say how long, not when.
    """
    out = []
    rx = (
        r"\b(?<!\ban )(?<!\bthe )(?<!\ba )"
        r"(?:overnight(?! (?:curfew|stay|flight|train|bus|shift)s?\b)|last night|during the night)\b"
    )
    for m in re.finditer(rx, doc.text, re.I):
        out.append(
            _make(doc, m, doc.published - timedelta(days=1), doc.published, "relative_resolved", "dates.overnight")
        )
    return out


def week_phrase(doc: Doc) -> list[DateRef]:
    """Weeks counted from the publication date, as ranges.

    Phrases: "earlier this week" (Monday to the day before publication), "this week" (Monday to publication),
    "last week" (the previous Monday to Sunday), "in recent days", "in the past few days", "over the past
    week", "in the past 24 hours".
    """
    rx = re.compile(
        r"\b(?P<w>earlier this week|this week|last week|(?:in|over|during) (?:the )?recent days|"
        r"(?:in|over|during) the (?:past|last) (?:few|several|couple of) days|"
        r"(?:in|over|during) the (?:past|last) (?:week|seven days)|(?:in|over) the (?:past|last) 24 hours)\b",
        re.I,
    )
    p = doc.published
    monday = p - timedelta(days=p.weekday())
    out = []
    for m in rx.finditer(doc.text):
        w = m.group("w").lower()
        if w == "earlier this week":
            a, b = monday, max(monday, p - timedelta(days=1))
        elif w == "this week":
            a, b = monday, p
        elif w == "last week":
            a, b = monday - timedelta(days=7), monday - timedelta(days=1)
        elif "24 hours" in w:
            a, b = p - timedelta(days=1), p
        elif "week" in w or "seven" in w:
            a, b = p - timedelta(days=7), p
        else:
            a, b = p - timedelta(days=3), p
        out.append(_make(doc, m, a, b, "relative_resolved", "dates.week_phrase"))
    return out


def weekend(doc: Doc) -> list[DateRef]:
    """The most recent Saturday and Sunday on or before publication (the next ones with a future verb).

    Phrases: "the weekend", "at the weekend", "over the weekend", "this weekend", "last weekend", "on the
    weekend". Published on a Saturday: that Saturday only.
    """
    out = []
    for m in re.finditer(r"\b(?:(?:at|over|on|during) the|this|last|the) weekend\b", doc.text, re.I):
        sat = weekday_on_or_before(doc.published, 5)
        if m.group().lower().startswith("last") and doc.published.weekday() in (5, 6):
            sat -= timedelta(days=7)  # "last weekend" said on a weekend: the one before
        if _future(doc, m.start(), m.end()) and doc.published.weekday() < 5:
            sat += timedelta(days=7)  # "will rally at the weekend", said on a weekday: the coming one
        end = sat + timedelta(days=1) if sat + timedelta(days=1) <= doc.published or sat > doc.published else sat
        out.append(_make(doc, m, sat, end, "relative_resolved", "dates.weekend"))
    return out


def month_only(doc: Doc) -> list[DateRef]:
    """A month with no day, as a month. Phrases: "in January", "in December 2021", "early January", "In June, ..."
    (a sentence's first words)."""
    rx = re.compile(
        r"\b(?:[Ii]n|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-|[Ss]ince)\s*"
        + _MONTH.format(g="m")
        + r"(?:\s+(?P<year>20\d\d))?\b(?!\s*\d)"
    )
    out = []
    for m in rx.finditer(doc.text):
        if m.group("m").endswith(".") or len(m.group("m")) <= 3 and m.group("m") != "May":
            continue  # "in Jan" alone is rare and "in May" reads as a month too; abbreviations need a day
        month = _month(m.group("m"))
        if m.group("year"):
            first = date(int(m.group("year")), month, 1)
        else:  # a month is past once it has begun ("in January" on 5 January is this January)
            first = _year_in_text(doc, m, month, 1)
            if first > doc.published and not _future(doc, m.start(), m.end()):
                first = date(first.year - 1, month, 1)
        nxt = date(first.year + (month == 12), month % 12 + 1, 1)
        out.append(DateRef(m.start(), m.end(), first, nxt - timedelta(days=1), "month", "stated", "dates.month_only"))
    return out


_RELATIVE = re.compile(
    r"\b(?:(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>days?|weeks?)\s+"
    r"(?P<dir>later|earlier|afterwards|(?:after|before)(?=\s*[,.;:]))"
    r"|(?P<word>the (?:following|next) day|the day after|the (?:previous|preceding) day|the day before"
    r"(?! yesterday)|the next morning|the following morning|a day later|the same day|that day|that night))\b",
    re.I,
)


_CLAUSE_AFTER = re.compile(r"\s+(?!(?:that|this|it|which)\b)(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?[A-Za-z]")


def anchored_to_clause(doc: Doc, m: re.Match[str]) -> bool:
    """Whether "the day after" / "the day before" is counted from a happening the sentence names, not from the
    text's previous date: "the day after protests broke out in Taraz", "the day before the president's speech"
    (left unresolved: that happening's day is not given here)."""
    word = (m.group("word") or "").lower()
    if word not in ("the day after", "the day before"):
        return False
    return bool(_CLAUSE_AFTER.match(doc.text, m.end()))


def relative_to_previous(doc: Doc, anchors: list[DateRef]) -> list[DateRef]:
    """Days counted from the previous date in the text (none before it: not resolved).

    Phrases: "two days later", "a day later", "three days earlier", "a week later", "the following day",
    "the next day", "the day after", "the previous day", "the day before", "the same day", "that day",
    "that night".
    """
    ordered = sorted(anchors, key=lambda r: r.start)
    out: list[DateRef] = []
    for m in _RELATIVE.finditer(doc.text):
        if anchored_to_clause(doc, m):
            continue
        prev = [r for r in ordered + out if r.end <= m.start() and r.basis != "document_date"]
        if not prev:
            continue
        base = max(prev, key=lambda r: r.end)
        if m.group("word"):
            w = m.group("word").lower()
            if "same" in w or w.startswith("that"):
                days = 0
            elif "previous" in w or "preceding" in w or "before" in w:
                days = -1
            else:
                days = 1
        else:
            n = m.group("n").lower()
            days = int(n) if n.isdigit() else _NUMBER_WORDS[n]
            days *= 7 if m.group("unit").lower().startswith("week") else 1
            days *= -1 if m.group("dir").lower() in ("earlier", "before") else 1
        d0 = base.date_start if days <= 0 else base.date_end
        d = d0 + timedelta(days=days)
        out.append(DateRef(m.start(), m.end(), d, d, "day", "relative_resolved", "dates.relative_to_previous"))
    return out


# Calendar dates first (they absorb a weekday before them), then named and relative days.
RULES: tuple[Callable[[Doc], list[DateRef]], ...] = (
    since_date,
    month_day,
    day_month,
    iso_date,
    holiday,
    overnight,
    week_phrase,
    weekend,
    day_word,
    weekday,
    month_only,
)


def _all(doc: Doc) -> list[DateRef]:
    """Every date expression in the document, overlaps resolved, in text order (computed once per document)."""
    key = (doc.text, doc.published)
    hit = _CACHE.get(key)
    if hit is not None:
        return hit
    found: list[DateRef] = []
    for rule in RULES:
        for ref in rule(doc):
            if not any(r.start < ref.end and ref.start < r.end for r in found):
                found.append(ref)
    for ref in relative_to_previous(doc, found):
        if not any(r.start < ref.end and ref.start < r.end for r in found):
            found.append(ref)
    found.sort(key=lambda r: r.start)
    if len(_CACHE) > 32:
        _CACHE.clear()
    _CACHE[key] = found
    return found


_CACHE: dict[tuple[str, date], list[DateRef]] = {}


def dates_in(doc: Doc, start: int = 0, end: int | None = None) -> list[DateRef]:
    """Every date expression in doc.text[start:end], in text order."""
    end = len(doc.text) if end is None else end
    return [r for r in _all(doc) if r.start >= start and r.end <= end]


def _paragraph_start(doc: Doc, pos: int) -> int:
    """Offset where the paragraph holding ``pos`` begins (paragraphs are separated by line breaks)."""
    return doc.text.rfind("\n", 0, pos) + 1


def date_for(doc: Doc, pos: int) -> DateRef:
    """The date governing the statement at offset ``pos``: its sentence's date expression, else the publication day
    as a range from the unrest's start (basis document_date).

    Within the sentence, the nearest expression to ``pos`` (one before it preferred at equal distance). With none,
    the last expression of the previous sentences of the same paragraph, with basis ``context``.
    """
    from qantar import settings

    a, b = doc.sentence_of(pos)
    here = dates_in(doc, a, b)
    if here:

        def distance(r: DateRef) -> tuple[int, int]:
            if r.start <= pos < r.end:
                return (0, 0)
            return (min(abs(r.start - pos), abs(r.end - pos)), 0 if r.end <= pos else 1)

        return min(here, key=distance)
    para = _paragraph_start(doc, pos)
    before = dates_in(doc, para, a)
    if before:
        return replace(before[-1], basis="context")
    return DateRef(pos, pos, settings.DEFAULT_START, doc.published, "range", "document_date", "document_date")
