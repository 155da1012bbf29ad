"""From figures to casualty-report candidates: the figures of a sentence, the date and scope a figure is stated
for, the claim status, duplicates, other unrest and past years left out, and :func:`find`.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from qantar import display
from qantar.extract.core import Candidate, Doc
from qantar.extract.figures.counts import (
    Figure,
    death_in_custody,
    list_items,
    measure_place_number,
    measure_then_number,
    number_then_measure,
    period_of,
    subset_including,
    toll_raised_to,
    toll_reached,
)
from qantar.extract.figures.numbers import COUNTRY, TABLE, quantities
from qantar.extract.figures.phrases import (
    among_the_dead,
    among_them_after,
    crowd_size,
    deaths_of,
    lives_lost,
    singular_casualty,
    unquantified_casualties,
)
from qantar.extract.figures.sources import _SPEAKS, sources_for

if TYPE_CHECKING:  # pragma: no cover - typing only
    from qantar.dataset import Dataset
    from qantar.extract import places
    from qantar.extract.dates import DateRef

# --- rows --------------------------------------------------------------------------------------------------------


def _sentence_figures(doc: Doc, a: int, b: int) -> list[Figure]:
    """Every figure the rules find in one sentence, one per quantity (the first rule that reads it wins)."""
    text = doc.text
    qs = quantities(text, a, b)
    found: list[Figure] = []
    seen: set[int] = set()
    first_rules = [
        *toll_reached(text, qs, b),
        *toll_raised_to(text, qs, b),
        *death_in_custody(text, qs, b),
        *measure_place_number(text, qs, b),
        *among_the_dead(text, qs, b),
        *among_them_after(text, qs, b),
        *lives_lost(text, qs, b),
        *deaths_of(text, qs, b),
        *number_then_measure(text, qs, b),
        *measure_then_number(text, qs, b),
    ]
    for fig in first_rules:
        if fig.quantity.start not in seen:
            seen.add(fig.quantity.start)
            found.append(fig)
    found.sort(key=lambda f: f.start)
    for fig in subset_including(text, qs, found, b):
        seen.add(fig.quantity.start)
        found.append(fig)
    for fig in list(list_items(text, qs, found, b)):
        seen.add(fig.quantity.start)
        found.append(fig)
    quantity_spans = [(q.start, q.end) for q in qs]
    for fig in singular_casualty(text, a, b):
        if not any(s <= fig.start < e or fig.start <= s < fig.end for s, e in quantity_spans):
            found.append(fig)
    for fig in crowd_size(text, qs, seen, a, b):
        seen.add(fig.quantity.start)
        found.append(fig)
    found.extend(unquantified_casualties(text, a, b, [(f.start, f.end) for f in found]))
    found.sort(key=lambda f: f.start)
    _inherit_groups(text, found)
    return found


def _inherit_groups(text: str, found: list[Figure]) -> None:
    """ "18 law enforcement officers were killed and 748 injured": a bare count joined to the figure before it
    counts the same group."""
    for prev, fig in zip(found, found[1:], strict=False):
        if fig.group != "unspecified" or prev.group == "unspecified" or fig.rule != "figures.number_then_measure":
            continue
        between = text[prev.end : fig.quantity.start]
        bare = text[fig.quantity.end : fig.end].split()
        if re.fullmatch(r"[^.;:]{0,60}?(?:,|\band\b|,\s*and\b|\bwhile\b)\s*", between) and len(bare) <= 3:
            fig.group = prev.group
            fig.notes.append(f"group carried over from the {prev.measure} figure before it")
            fig.confidence = round(fig.confidence - 0.05, 2)


_AS_OF_CUE = re.compile(r"\b(?:by|as\s+of|as\s+at|until|up\s+to|through|since)\s", re.IGNORECASE)
_SPEECH_DATE_GAP = 25  # characters between a speech verb and its day ("said on Saturday", "on Friday told")


def statement_date(doc: Doc, a: int, b: int) -> "DateRef | None":
    """The day a figure was given: a day-precision date next to a speech verb in text[a:b] ("said Saturday",
    "said on Friday", "told reporters on Monday", "on Tuesday announced"), else None."""
    from qantar.extract import dates

    for ref in dates.dates_in(doc, a, b):
        if ref.precision != "day":
            continue
        before = doc.text[max(a, ref.start - _SPEECH_DATE_GAP) : ref.start]
        after = doc.text[ref.end : min(b, ref.end + _SPEECH_DATE_GAP)]
        if re.search(rf"\b{_SPEAKS}\b(?:\s+\w+){{0,2}}\s+(?:on\s+)?$", before) or re.match(
            rf"^\s*,?\s*(?:\w+\s+)?{_SPEAKS}\b", after
        ):
            return ref
    return None


_EARLIER_TOLL = re.compile(
    r"\b(?:previous(?:ly)?|earlier|initial(?:ly)?|former|prior)\b[^.;]{0,40}?\b(?:toll|tally|figures?|count|"
    r"acknowledged|admitted|reported|announced|given|put|said|confirmed)\b|\bhad\s+(?:previously|earlier|initially)\b",
    re.IGNORECASE,
)


def earlier_toll(doc: Doc, a: int, pos: int) -> bool:
    """Whether the figure at ``pos`` is told as an earlier one, before it in its sentence: "the previous official
    toll was 180", "the ministry had previously acknowledged fewer than 40 deaths", "an earlier count of 90" (not
    "higher than previously announced" after the figure, which is about another one)."""
    return bool(_EARLIER_TOLL.search(doc.text, a, pos))


_SPEECH_NEAR = re.compile(rf"[^.;]{{0,80}}?\b(?:{_SPEAKS[3:-1]}|put|gave|stood|revised|raised)\b", re.IGNORECASE)


def month_of_statement(doc: Doc, ref: "DateRef", a: int, b: int, pos: int) -> tuple[str, str, str] | None:
    """(as_of_date, "range", note) when a month opens the figure's statement, else None: "In June, prosecutors said
    the toll stood at 232", "In May the ombudsman put the number at 240" (as of the month's last day, or the
    publication day when that comes first)."""
    if ref.precision != "month" or not (a <= ref.start < pos) or ref.basis == "document_date":
        return None
    opens = not doc.text[a : ref.start].strip(" \n\"“”'‘")  # the month is the sentence's first words
    if not opens or not _SPEECH_NEAR.match(doc.text, ref.end, b):
        return None
    day = min(ref.date_end, doc.published)
    return day.isoformat(), "range", "a month frames the statement: as of the month's last day"


def _as_of(doc: Doc, pos: int) -> tuple[str, str, str]:
    """(as_of_date, as_of_precision, note): the day the figure was given when the sentence says it, else the date
    rules' nearest date; a month or span the sentence names is when things happened, not when they were counted
    ("the unrest of early January has left 225 dead"), so then the publication day."""
    from qantar.extract import dates

    a, b = doc.sentence_of(pos)
    said = statement_date(doc, a, b)
    if said is not None:
        return said.date_end.isoformat(), "day", ""
    ref = dates.date_for(doc, pos)
    named = ref.basis != "document_date" and a <= ref.start < b
    span = ref.precision == "month" or (ref.precision == "range" and ref.basis == "stated")  # not "last week"
    month = month_of_statement(doc, ref, a, b, pos)
    if month is not None:
        return month
    if not named and earlier_toll(doc, a, pos):
        day = doc.published - timedelta(days=1)
        return (
            day.isoformat(),
            "range",
            "an earlier toll ('previous', 'had previously acknowledged'): before publication",
        )
    if span and named and not _AS_OF_CUE.search(doc.text, a, b):
        return doc.published.isoformat(), "day", "the sentence's month or span is when it happened: as of publication"
    precision = {"day": "day", "year": "year"}.get(ref.precision, "range")
    note = "" if ref.basis != "document_date" else "no date in the sentence: as of the publication day"
    return ref.date_end.isoformat(), precision, note


_IN_PLACE = re.compile(r"[\w,.-]*\s+(?:[a-z]+\s+){0,2}?in\s+(?:the\s+)?$")


def _place_after(doc: Doc, pos: int, dataset: "Dataset | None") -> "places.PlaceMention | None":
    """The place a count names right after it ("9 in Almaty", "six people in the Almaty region"), or None."""
    from qantar.extract import places

    a, b = doc.sentence_of(pos)
    for m in places._mentions_cached(doc, dataset):
        if m.role == "location" and pos < m.start < min(b, pos + 40) and _IN_PLACE.fullmatch(doc.text, pos, m.start):
            return m
        if m.start >= pos + 40:
            break
    return None


def _scope(doc: Doc, pos: int, dataset: "Dataset | None") -> tuple[str, str]:
    """(scope_place_id, note): the sentence's location (not a dateline's city), its city for a site, else the
    country."""
    from qantar.extract import places

    # a dateline's city ("NUR-SULTAN --") is where the report was filed, not the figure's scope
    mention = _place_after(doc, pos, dataset) or places.location_for(doc, pos, dataset)
    if mention is not None and places.in_dateline(doc, mention):
        mention = places.location_for(doc, pos, dataset, skip_dateline=True)
    if mention is None or mention.role != "location":
        return COUNTRY, ""
    if mention.country_code and mention.country_code.upper() != "KZ":
        return COUNTRY, f"the sentence names {mention.name}, outside Kazakhstan: scope left at the country"
    place_id = mention.place_id
    if mention.kind == "site" and dataset is not None:
        rows = dataset.places[dataset.places["place_id"] == place_id]
        parent = rows["parent_id"].iloc[0] if len(rows) and "parent_id" in rows else None
        if isinstance(parent, str) and parent:
            place_id = parent
    return place_id, ""


def duplicate_of(row: dict[str, Any], dataset: "Dataset | None") -> str:
    """The report_id of an existing row with the same figure (measure, group, qualifier, value, scope and as-of
    date), or ""."""
    if dataset is None or dataset.casualty_reports.empty:
        return ""
    import pandas as pd

    cr = dataset.casualty_reports
    same = (
        (cr["measure"].astype(str) == row["measure"])
        & (cr["group"].astype(str) == row["group"])
        & (cr["qualifier"].astype(str) == row["qualifier"])
        & (cr["scope_place_id"].astype(str) == row["scope_place_id"])
        & (pd.to_datetime(cr["as_of_date"]).dt.strftime(display.ISO_DAY) == row["as_of_date"])
    )
    if row["value"] is None:
        same &= cr["value"].isna()
    else:
        same &= cr["value"].fillna(-1).astype("int64") == int(row["value"])
    hits = cr.loc[same, "report_id"].astype(str).tolist()
    return hits[0] if hits else ""


_FIGURE_NOUN = r"(?:toll|figure|figures|count|tally|number|data|post|message|report|statement|estimate)"
_WITHDRAWN = re.compile(
    r"\bretract(?:ed|ion)\b|\b(?:disowned|disavowed)\b"
    rf"|\b{_FIGURE_NOUN}\b[^.;]{{0,100}}?\b(?:was|were|had\s+been|has\s+been|is)\s+(?:\w+\s+){{0,2}}?"
    r"(?:withdrawn|rescinded|walked\s+back|deleted|removed|taken\s+down)\b"
    r"|\b(?:withdrew|withdrawn|rescinded|walked\s+back|deleted|removed|took\s+down)\s+(?:the|its|that|this|a)\s+"
    rf"(?:(?!as\b|and\b|while\b|when\b|after\b)[\w-]+\s+){{0,2}}?{_FIGURE_NOUN}\b",
    re.IGNORECASE,
)
_DISPUTED = re.compile(
    rf"\b{_FIGURE_NOUN}\b[^.;]{{0,100}}?\b(?:was|were|had\s+been|has\s+been|is)\s+(?:\w+\s+){{0,2}}?"
    r"(?:denied|disputed|contested|rejected|refuted)\b"
    r"|\b(?:dispute[sd]?|contest(?:s|ed)?|refute[sd]?|question(?:s|ed)?|reject(?:s|ed)?)\s+(?:the|this|that|its)\s+"
    rf"(?:official\s+|death\s+){{0,2}}{_FIGURE_NOUN}\b",
    re.IGNORECASE,
)


def claim_status(doc: Doc, pos: int) -> tuple[str, str]:
    """(status, note) of the figure at ``pos``, from its sentence: withdrawn for "was quickly retracted", "was
    disowned by the ministry", "the ministry withdrew its figure", "a toll ... posted on its channel was later
    deleted"; disputed for "was denied by the authorities", "was disputed by rights groups", "rights groups questioned
    the official toll"; else stated. The withdrawal or dispute must be of a figure ("withdrew its troops as the toll
    reached 225" and "an appeal ... was rejected" stay stated)."""
    a, b = doc.sentence_of(pos)
    if _WITHDRAWN.search(doc.text, a, b):
        return (
            "withdrawn",
            "the text says the figure was withdrawn or retracted: status withdrawn, check who withdrew it",
        )
    if _DISPUTED.search(doc.text, a, b):
        return "disputed", "the text says the figure was denied or disputed: status disputed, check by whom"
    return "stated", ""


def _row(doc: Doc, fig: Figure, dataset: "Dataset | None") -> tuple[dict[str, Any], list[str]]:
    from qantar.qualifiers import bounds

    q = fig.quantity
    low, high = bounds(q.qualifier, q.value)
    as_of, precision, date_note = _as_of(doc, q.start)
    scope, scope_note = _scope(doc, q.start, dataset)
    src = sources_for(doc, q.start)
    status, status_note = claim_status(doc, q.start)
    row: dict[str, Any] = {
        "report_id": "",
        "reported_date": doc.published.isoformat(),
        "reported_date_basis": "document_date",
        "as_of_date": as_of,
        "as_of_precision": precision,
        "period": fig.period or period_of(doc, q.start),
        "scope_place_id": scope,
        "event_id": "",
        "group": fig.group,
        "measure": fig.measure,
        "qualifier": q.qualifier,
        "value": q.value,
        "low": low,
        "high": high,
        "stated_by": src.stated_by,
        "relayed_by": src.relayed_by,
        "status": status,
        "notes": "",
        "doc_id": doc.doc_id,
        "evidence": "",
    }
    notes = [*fig.notes, *src.notes, *(n for n in (date_note, scope_note, status_note) if n)]
    return row, notes


def _same_figure(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["measure"], row["group"], row["qualifier"], row["value"], row["scope_place_id"], row["as_of_date"])


_PAST_YEAR = re.compile(r"(?<!since )(?<!since the )\b(?:19[5-9]\d|20[01]\d|202[01])\b")


def other_unrest(doc: Doc, a: int, b: int, dataset: "Dataset | None") -> bool:
    """True when a sentence tells another country's unrest, whose figures are no figures of this one: "as in
    Belarus, where thousands were detained" (a place the place rules call background), "In Iran in 2019, more
    than 300 people were killed" (a past year and a foreign country, no Kazakh place)."""
    past = _PAST_YEAR.search(doc.text, a, b)
    if not past and not re.search(r"\b(?:as\s+in|like|unlike|recalled|reminiscent|compared)\b", doc.text[a:b], re.I):
        return False
    from qantar.extract import places

    ms = [m for m in places.mentions(Doc(doc.text[a:b], doc.published), dataset)]
    if any(m.role == "background" and (m.country_code or "").upper() not in ("", "KZ") for m in ms):
        return True
    if not past:
        return False
    foreign = [m for m in ms if m.role == "location" and m.country_code and m.country_code.upper() != "KZ"]
    home = [m for m in ms if m.country_code and m.country_code.upper() == "KZ"]
    return bool(foreign) and not home


_YEAR = re.compile(r"\b(?P<y>19[5-9]\d|20[01]\d|202[01])\b")
_NOT_THAT_YEAR = re.compile(
    r"\b(?:since|independence|worst|biggest|largest|first|decades?|ruled|rule|from|until|founded|capital)\b[^.;]{0,30}$",
    re.IGNORECASE,
)


def past_year(doc: Doc, pos: int) -> int | None:
    """The year of an earlier unrest a figure's sentence dates it to: "in 2011", "back in 2019", "the 2011
    Zhanaozen massacre, in which 14 were killed" (None for January 2022 figures, and for a year that only
    measures them: "the worst unrest since independence in 1991", "the largest protests since 1986")."""
    a, b = doc.sentence_of(pos)
    for m in _YEAR.finditer(doc.text, a, b):
        if not _NOT_THAT_YEAR.search(doc.text[max(a, m.start() - 40) : m.start()]):
            return int(m.group("y"))
    return None


def find(doc: Doc, dataset: "Dataset | None" = None) -> list[Candidate]:
    """casualty_reports candidates: one per figure, a figure the text repeats proposed once (with its source).

    Figures of another country's unrest (:func:`other_unrest`) are left out; a figure of an earlier year in
    Kazakhstan ("in 2011 police killed at least 14 oil workers") is kept, dated to that year."""
    out: list[Candidate] = []
    by_figure: dict[tuple[Any, ...], Candidate] = {}
    for a, b in doc.sentences:
        figs = _sentence_figures(doc, a, b)
        if figs and other_unrest(doc, a, b, dataset):
            continue
        for fig in figs:
            row, notes = _row(doc, fig, dataset)
            year = past_year(doc, fig.quantity.start)
            if year is not None:
                row["as_of_date"], row["as_of_precision"], row["period"] = f"{year}-01-01", "year", "unspecified"
                notes = [n for n in notes if not n.startswith("no date in the sentence")]
                notes.append(f"background: a figure of {year}, not of January 2022")
            conf = fig.confidence + (0.05 if row["stated_by"] != "unknown" else 0.0)
            key = _same_figure(row)
            earlier = by_figure.get(key)
            if earlier is not None:
                if earlier.row["stated_by"] == "unknown" and row["stated_by"] != "unknown":
                    earlier.row["stated_by"], earlier.row["relayed_by"] = row["stated_by"], row["relayed_by"]
                    earlier.notes.append("source from where the text repeats the figure")
                continue
            dup = duplicate_of(row, dataset)
            if dup:
                row["duplicate_of"] = dup
                notes.append(f"the dataset already has this figure as {dup}")
            cand = Candidate(TABLE, row, fig.start, fig.end, fig.rule, round(min(conf, 0.95), 2), notes=notes)
            by_figure[key] = cand
            out.append(cand)
    return out
