"""The disagreement engine's sentences (qantar.disagree finds the disagreements; this module words them).

Subjects, details and the versions a reader compares, from the kinds and versions qantar.disagree gives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qantar.display import (
    CLAIM_STATUS_SHORT,
    GROUP_SHORT,
    MEASURE_LABELS,
    attribution,
    claim_text,
    day_label,
    disagreement_label,
    join,
    labelled,
    outlet_name,
    place_names,
    scope_label,
    series_label,
    short_id,
    span_label,
    words,
)
from qantar.frames import opt_int

if TYPE_CHECKING:  # pragma: no cover - typing only
    from qantar.dataset import Dataset


# What each kind asks, after the topic in a disagreement's subject ("State of emergency: the area").
DISAGREEMENT_QUESTIONS = {
    "event_date": "the date",
    "event_place": "the place",
    "actor": "who did it",
    "area": "the area",
    "forces": "which forces",
    "commodity": "which commodity",
}


# wordings.codes in words (qantar.validation.WORDING_CODES; area codes are place_ids, named from places.csv).
WORDING_CODE_LABELS = {
    "crowd": "a crowd or protesters",
    "armed_group": "an armed group",
    "cabinet": "the government itself",
    "president": "the president",
    "police": "police",
    "national_guard": "National Guard",
    "military": "military",
}


# Whose words a wording gives (wordings.stated_by); casualty speakers are in WHO.
WORDING_SPEAKERS = {
    "document": "in its own words",
    "president": "quoting the president",
    "interior_ministry": "quoting the Interior Ministry",
    "almaty_commandants_office": "quoting the Almaty commandant\u2019s office",
    "authorities": "quoting the authorities",
    "kazakh_media": "citing Kazakh media",
    "local_media": "citing local media",
    "media": "citing the media",
}


DATE_BASIS_WORDS = {
    "stated": "a date in the text",
    "weekday_resolved": "a weekday, resolved",
    "relative_resolved": "a relative date, resolved",
    "announcement": "only its announcement dated",
    "context": "placed by context",
    "document_date": "the document's date",
}


class DisagreementContext:
    """What disagreement sentences need from the dataset: each document's outlet and date, and each place's name."""

    def __init__(self, outlets: dict[str, str], places: dict[str, str], sources: dict[str, str] | None = None):
        self.outlets = outlets
        self.places = places
        self.sources = sources or {}

    @classmethod
    def of(cls, ds: "Dataset") -> "DisagreementContext":
        """The context of a loaded dataset (source register and places)."""
        outlets = dict(zip(ds.sources["doc_id"].astype(str), ds.sources["outlet"].astype(str), strict=True))
        sources = {str(r["doc_id"]): source_short(r) for _, r in ds.sources.iterrows()}
        return cls(outlets, place_names(ds), sources)

    def topic(self, topic: str) -> str:
        """A topic key in words, place names capitalised: 'battle_almaty' → 'battle Almaty'."""
        names = {name.lower(): name for name in self.places.values()}
        return " ".join(names.get(w, w) for w in words(topic).split())

    def document(self, doc_id: str) -> str:
        """'CNN (probable), 8 Jan': a document as a reader knows it (its outlet and date, from the register)."""
        if doc_id in self.sources:
            return self.sources[doc_id]
        outlet = outlet_name(self.outlets.get(doc_id))
        return f"{outlet}, doc {short_id(doc_id)}" if outlet == "unknown outlet" else outlet

    def plain(self, text: str) -> str:
        """Free text from the data with document numbers as outlets: a leading '001: ' goes (the sentence names the
        document), '002's words' reads 'Al Mayadeen English (probable)'s words'."""
        import re

        numbers = {short_id(d): d for d in self.outlets}
        text = re.sub(r"^\d{3}: ", "", text)

        def outlet(m: "re.Match[str]") -> str:
            doc = numbers.get(m.group(0))
            if doc is None:
                return m.group(0)
            name = outlet_name(self.outlets.get(doc))
            return f"{name} (doc {m.group(0)})" if name == "unknown outlet" else name

        return re.sub(r"(?<![\d,.])0\d\d(?![\d,])", outlet, text)


def source_short(row: Any) -> str:
    """A document in a sentence: 'Asia-Plus (probable), 6 Jan'; the year only outside 2022 ('CNN, 3 Jan 2023')."""
    published = row["published_date"]
    outlet = outlet_name(row["outlet"])
    if outlet == "unknown outlet":
        outlet = f"{outlet}, doc {short_id(row['doc_id'])}"
    return f"{outlet}, {day_label(published, short=True)}"


def _note(version: dict[str, Any], ctx: "DisagreementContext | None" = None) -> str:
    """A version's note from the data, in brackets after its value ('' when it has none); document numbers in it
    ('001: in the city', 'the names of 001 and 002') read as their outlets."""
    note = (version.get("note") or "").strip().rstrip(".")
    if ctx is not None:
        note = ctx.plain(note)
    return f" ({note})" if note else ""


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


# Who gave a figure, when the text names no one: the outlet alone is the source ("CNN (probable), 8 Jan: dozens").
NO_SPEAKER = frozenset({"unknown", "", "nan", "None"})


def _figure_said(v: dict[str, Any], differ: set[str]) -> str:
    """A figure's value, with the group, scope and as-of day only where the versions differ in them."""
    x = v["value"]
    text = claim_text(x["qualifier"], x["value"])
    if "group" in differ:
        text += f"{'' if opt_int(x['value']) is not None else ' of'} {GROUP_SHORT.get(x['group'], words(x['group']))}"
    extra = []
    if "scope" in differ:
        extra.append(scope_label(x["scope_place_id"]))
    if "as_of" in differ:
        extra.append(f"as of {day_label(x['as_of_date'], short=True)}")
    return text + (f" ({', '.join(extra)})" if extra else "")


def disagreement_versions(kind: Any, versions: list[dict[str, Any]], ctx: DisagreementContext) -> list[dict[str, str]]:
    """Each document's version as a reader reads it: who said it, in which outlet and when, and what it says.

    Items: ``who`` (a speaker the text names, '' when none), ``source`` ('CNN (probable), 8 Jan'), ``said``
    (the value, with the project's note from the data) and ``record`` (the record it rests on, for links only).
    """
    kind = str(kind)
    out: list[dict[str, str]] = []
    differ: set[str] = set()
    if versions and "measure" in versions[0]["value"]:
        for key, field in (("group", "group"), ("scope", "scope_place_id"), ("as_of", "as_of_date")):
            if len({str(v["value"][field]) for v in versions}) > 1:
                differ.add(key)
    for v in versions:
        x = v["value"]
        who = ""
        if "measure" in x:
            who = "" if str(v["stated_by"]) in NO_SPEAKER else attribution(v["stated_by"], x["relayed_by"])
            said = _figure_said(v, differ)
            if kind == "status":
                status = str(x["status"])
                said += f", {CLAIM_STATUS_SHORT.get(status) or 'standing'}"
        elif kind == "event_date":
            said = span_label(x["date_start"], x["date_end"], x["date_precision"]) + _note(v, ctx)
        elif kind == "event_place":
            near = "near" if x["geo_precision"] == 2 else "in"
            said = f"{near} {ctx.places.get(x['place_id'], words(x['place_id']))}{_note(v, ctx)}"
        elif kind == "commodity":
            said = f"\u201c{x['words']}\u201d"
        else:  # wordings: whose words, the words, and what the project reads them as
            speaker = labelled(WORDING_SPEAKERS, v["stated_by"])
            codes = join([WORDING_CODE_LABELS.get(c, ctx.places.get(c, words(c))) for c in x["codes"]])
            said = f"{speaker}, \u201c{x['words']}\u201d ({codes}){_note(v, ctx)}"
        out.append(dict(who=who, source=ctx.document(v["doc_id"]), said=said, record=str(v["record_ids"][0])))
    return out


def version_text(item: dict[str, str]) -> str:
    """One version in words: 'Interior Ministry, in Asia-Plus (probable), 6 Jan: 8'; the outlet alone if no speaker."""
    if not item["who"]:
        return f"{item['source']}: {item['said']}"
    return f"{item['who']}, in {item['source']}: {item['said']}"


def disagreement_detail(kind: Any, versions: list[dict[str, Any]], ctx: DisagreementContext) -> str:
    """Each document's version in one plain sentence: who said it, in which outlet and when, and what it says."""
    text = "; ".join(version_text(i) for i in disagreement_versions(kind, versions, ctx))
    return text + (" \u2014 possibly the same dead under two labels." if str(kind) == "label" else ".")


def disagreement_subject(kind: Any, topic: str, versions: list[dict[str, Any]], ctx: DisagreementContext) -> str:
    """What a disagreement is about, in words: 'State of emergency: the area', 'Security forces killed (national)…'."""
    kind = str(kind)
    if kind == "status":
        x = versions[0]["value"]
        figure = f"{claim_text(x['qualifier'], x['value'])} {MEASURE_LABELS.get(x['measure'], words(x['measure']))}"
        return f"{_sentence_start(figure)} ({scope_label(x['scope_place_id'])}): standing, withdrawn or disputed?"
    if kind == "toll_conflict":
        a, b = versions[0]["value"], versions[-1]["value"]
        measure = MEASURE_LABELS.get(a["measure"], words(a["measure"]))
        day = day_label(max(a["as_of_date"], b["as_of_date"]))
        scope = scope_label(a["scope_place_id"])
        return f"{_sentence_start(measure)}, all groups ({scope}) as of {day}: tolls that cannot both be true"
    if kind in ("figure_conflict", "part_exceeds_whole", "label"):
        a, b = versions[0]["value"], versions[-1]["value"]
        if kind == "label":
            measure = MEASURE_LABELS.get(a["measure"], words(a["measure"]))
            return f"{_sentence_start(measure)}: protesters or \u201carmed criminals\u201d?"
        series = _sentence_start(series_label(a["scope_place_id"], a["group"], a["measure"]))
        if kind == "part_exceeds_whole":
            return f"{series} above {scope_label(b['scope_place_id'])}, in texts of one day"
        return f"{series} as of {day_label(max(a['as_of_date'], b['as_of_date']))}: figures that cannot both be true"
    return f"{_sentence_start(ctx.topic(topic))}: {DISAGREEMENT_QUESTIONS.get(kind, disagreement_label(kind))}"
