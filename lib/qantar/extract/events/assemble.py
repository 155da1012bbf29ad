"""From rule hits to event candidates: the rule list, the filters (a reference, a denial, a plan, a superseded hit),
the candidate row with its happening hint, and one candidate per happening.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from qantar.extract.core import Candidate, Doc
from qantar.extract.events.crowd import (
    AIRCRAFT,
    PROTEST_NOUN,
    aircraft_seizure,
    airport_retaken,
    airport_seizure,
    armed_clash,
    arms_seizure,
    arson,
    excessive_force,
    explosion,
    looting,
    protest,
    riot_clash,
    statue_toppled,
    storming,
    vehicle_seizure,
)
from qantar.extract.events.dating import (
    COUNTRY_ID,
    COUNTRY_NAME,
    GEO_PRECISION,
    LOCAL_KINDS,
    background_year,
    event_date,
)
from qantar.extract.events.kinds import KINDS, Hit
from qantar.extract.events.placing import _is_foreign, _located_places, _places_for
from qantar.extract.events.security import (
    arrest,
    csto_decision,
    csto_deployment,
    csto_request,
    flight_disruption,
    internet_blackout,
    media_shutdown,
    military_deployment,
    price_rise,
    shoot_to_kill_order,
    special_operation,
)
from qantar.extract.events.state import (
    appointment,
    court_verdict,
    emergency_lifted,
    government_resignation,
    mourning_declared,
    mourning_held,
    power_transfer,
    state_of_emergency,
)

if TYPE_CHECKING:  # pragma: no cover - typing only
    from qantar.dataset import Dataset

RULES: tuple[Callable[[Doc], list[Hit]], ...] = (
    protest,
    riot_clash,
    storming,
    arson,
    looting,
    statue_toppled,
    airport_seizure,
    airport_retaken,
    arms_seizure,
    aircraft_seizure,
    vehicle_seizure,
    excessive_force,
    armed_clash,
    explosion,
    state_of_emergency,
    emergency_lifted,
    court_verdict,
    mourning_declared,
    mourning_held,
    government_resignation,
    appointment,
    power_transfer,
    csto_request,
    csto_decision,
    csto_deployment,
    military_deployment,
    special_operation,
    internet_blackout,
    media_shutdown,
    flight_disruption,
    shoot_to_kill_order,
    arrest,
    price_rise,
)


def _slug(text: str) -> str:
    """A lower-case identifier fragment (letters, digits, underscores)."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "x"


def _iso(value: Any) -> str:
    """A date cell (date, Timestamp or text) as YYYY-MM-DD, or '' when empty."""
    if value is None:
        return ""
    text = str(value)
    return "" if text in ("", "NaT", "nan", "<NA>", "None") else text[:10]


def happening_hint(
    dataset: "Dataset | None", kind: str, place_id: str, start: date, end: date, doc_id: str = ""
) -> tuple[str, str]:
    """(happening_id, duplicate_of) of an existing event with the same kind and place and overlapping dates.

    duplicate_of is set only when that event is already cited to the same document. ("", "") when none.
    """
    if dataset is None or getattr(dataset, "events", None) is None:
        return "", ""
    ev = dataset.events
    best: tuple[str, str] = ("", "")
    for row in ev.to_dict("records"):
        if str(row.get("event_kind") or "") != kind or str(row.get("place_id") or "") != place_id:
            continue
        ds, de = _iso(row.get("date_start")), _iso(row.get("date_end"))
        if not ds or not de or ds > end.isoformat() or de < start.isoformat():
            continue
        dup = str(row.get("event_id") or "") if doc_id and str(row.get("doc_id") or "") == doc_id else ""
        if not best[0] or (dup and not best[1]):
            best = (str(row.get("happening_id") or ""), dup)
    return best


def _candidate(doc: Doc, h: Hit, place: Any, dataset: "Dataset | None", multi: bool) -> Candidate:
    """One events candidate for a hit at one place."""
    kind = KINDS[h.kind]
    notes = list(h.notes)
    ref = event_date(doc, h, place)
    d_start, d_end, precision, basis = ref.date_start, ref.date_end, ref.precision, ref.basis
    year = background_year(doc, h)
    background = d_end.year < 2022 or year is not None or kind.background
    if year is not None and d_start.year >= 2022:
        d_start, d_end, precision, basis = date(year, 1, 1), date(year, 12, 31), "year", "stated"
    if place is None:
        place_id, place_name, geo = COUNTRY_ID, COUNTRY_NAME, 3
        if not kind.national:
            notes.append("no place named in the sentence: placed in the whole country")
    else:
        place_id, place_name, geo = place.place_id, place.name, GEO_PRECISION.get(place.kind, 3)
    row: dict[str, Any] = {
        "event_id": "",
        "happening_id": "",
        "date_start": d_start.isoformat(),
        "date_end": d_end.isoformat(),
        "date_precision": precision,
        "date_basis": basis,
        "place_id": place_id,
        "geo_precision": geo,
        "event_type": kind.event_type,
        "sub_event_type": kind.sub_event_type,
        "event_kind": h.kind,
        "actor1": kind.actor1,
        "actor2": kind.actor2,
        "background": background,
        "description": kind.description.format(place=place_name),
        "doc_id": doc.doc_id,
    }
    row.update(h.overrides)
    if "{place}" in str(row["description"]):
        row["description"] = str(row["description"]).format(place=place_name)
    happening, duplicate = happening_hint(dataset, h.kind, place_id, d_start, d_end, doc.doc_id)
    mmdd = d_start.strftime("%m%d") if not background else str(d_start.year)
    row["happening_id"] = happening or _slug(f"{h.kind}_{place_id}_{mmdd}")
    if duplicate:
        row["duplicate_of"] = duplicate
    if background:
        notes.append("background: a happening before the January 2022 unrest")
    conf = h.confidence - (0.1 if multi else 0.0) - (0.1 if place is None and not kind.national else 0.0)
    return Candidate("events", row, h.start, h.end, h.rule, max(0.1, min(conf, 0.95)), notes=notes)


# ---------------------------------------------------------------- filters: mentions that are no new happening
REFERENCE = re.compile(
    r"\b(?:amid|after|following|during|since|in connection with|in the face of|in light of|in view of|"
    r"linked to|related to|victims of|over the|"
    r"quell(?:ing)?|crush(?:ing)?|suppress(?:ing)?|put(?:ting)? down|end(?:ing)?|thwart(?:ing)?|facing|against|"
    r"despite|in response to|wake of|in the course of|as part of|"
    r"comparisons? (?:with|to)|recalled|like|reminiscent of|role in|behind|"
    r"organi[sz]ers? of|took part in|taking part in|part in|blamed (?:[\w-]+ ){0,3}(?:for|on))\s+"
    r"(?:(?:the|these|those|this|recent|violent|mass|street|deadly|unprecedented|fuel|\w+-\w+)\s+){0,3}$",
    re.IGNORECASE,
)
NEGATED_BEFORE = re.compile(r"\b(?:no|not|never|nor|denied|denies|without any)\s+(?:[\w-]+\s+){0,2}$", re.I)
DENIAL = re.compile(
    r"\b(?:denied|denies|deny|rejected|rejects|dismissed|dismisses|refuted)\b"
    r"(?: (?:reports|claims|allegations|rumou?rs))?(?: that)?\b",
    re.I,
)
NEGATED_AFTER = re.compile(r"^[\w\s,-]{0,25}?\b(?:were|was|had|have|has|did|do|does) (?:not|never)\b", re.I)
FUTURE = re.compile(
    r"\b(?:will|would|shall|could|might|(?-i:may)|plans? to|planning to|intends? to|threaten\w* to|vow\w* to|"
    r"(?:is|are|was|were) (?:expected|set|due|scheduled|going) to|ready to|prepared to|call(?:ed|s|ing)? for|if|"
    r"calls? to|urg\w* (?:\w+ ){1,3}to|appeal\w* to (?:\w+ ){1,3}to|don['’]t|do not|refrain from)\b",
    re.IGNORECASE,
)
DEMAND = re.compile(r"\b(?:demand\w*|push\w* for|want\w*|sought|seek\w*)\s+(?:[\w'’-]+\s+){0,3}$", re.I)
FUTURE_WINDOW = 50  # characters before the trigger in which a modal makes it a plan
# Kinds whose trigger is itself a decision about the future ("said it would send", "declared ... would be").
DECISIONS = frozenset(
    {"csto_decision", "csto_request", "mourning_declared", "state_of_emergency", "shoot_to_kill_order"}
)
COMPLETED = re.compile(r"\b(?:completed|ended|over|wound down|concluded|finished)\b", re.IGNORECASE)


def is_reference(doc: Doc, h: Hit) -> bool:
    """Whether the hit is the name of an earlier happening, not a new one ("amid the protests", "victims of the
    riots", "to quell protests", "in connection with the riots", "comparisons with the riots")."""
    a, _ = doc.sentence_of(h.start)
    return bool(REFERENCE.search(doc.text[max(a, h.start - 60) : h.start]))


def is_negated(doc: Doc, h: Hit) -> bool:
    """Whether the sentence denies the happening ("no protests were reported", "not through street riots",
    "the protests were not violent", "officials denied that troops had fired on protesters")."""
    a, b = doc.sentence_of(h.start)
    before, after = doc.text[max(a, h.start - 40) : h.start], doc.text[h.end : min(b, h.end + 40)]
    if h.kind not in ("power_transfer", "government_resignation") and DENIAL.search(
        doc.text[max(a, h.start - 60) : h.start]
    ):
        return True  # "officials denied that troops had fired on demonstrators"
    return bool(NEGATED_BEFORE.search(before) or NEGATED_AFTER.search(after))


def is_future(doc: Doc, h: Hit) -> bool:
    """Whether the happening is a plan, threat, call or condition, not a fact ("will begin to withdraw", "would
    leave", "threatened to storm", "called for protests", "if the protests continue"). Decisions are exempt."""
    if h.kind in DECISIONS:
        return False
    a, _ = doc.sentence_of(h.start)
    if h.kind != "protest" and DEMAND.search(doc.text[max(a, h.start - 40) : h.start]):
        return True  # "protesters demanded the resignation of the government"
    return bool(FUTURE.search(doc.text[max(a, h.start - FUTURE_WINDOW) : h.end]))


def is_completed_operation(doc: Doc, h: Hit) -> bool:
    """A counter-terrorist operation said to be over is its end, not its launch ("the operation was completed")."""
    if h.kind != "special_operation":
        return False
    a, b = doc.sentence_of(h.start)
    return bool(COMPLETED.search(doc.text[h.end : min(b, h.end + 40)]))


# Nouns of a riot or protest that only name the crowd ("rioters pulled down a monument"): a more specific rule's.
CROWD_WORD = re.compile(r"^(?:riot(?:s|ers|ing)?|protest(?:s|ers)?|demonstrators)$", re.IGNORECASE)
SPECIFIC_RIOT = frozenset({"storming", "arson", "property_damage", "statue_toppled", "airport_seizure", "killing"})


def superseded(doc: Doc, h: Hit, hits: list[Hit]) -> bool:
    """Whether a more specific hit in the same sentence tells the same happening.

    "rioters pulled down a monument": the statue, not also a clash; "troops retook the airport after a firefight":
    the retaking, not also a gunfight; "police opened fire on protesters": the excessive force, not also a
    protest.
    """
    s = doc.sentence_of(h.start)
    others = {o.kind for o in hits if o is not h and doc.sentence_of(o.start) == s}
    if h.kind == "clash" and CROWD_WORD.match(doc.text[h.start : h.end]) and others & SPECIFIC_RIOT:
        return True
    if h.kind == "armed_clash" and "airport_retaken" in others:
        return True
    if h.kind == "airport_seizure" and "aircraft_seizure" in others and AIRCRAFT.search(doc.text[h.start : h.end]):
        return True  # "seized five planes at the airport": the planes, not the airport
    return h.kind == "protest" and bool(others & {"excessive_force"})


def find(doc: Doc, dataset: "Dataset | None" = None, keep_background: bool = False) -> list[Candidate]:
    """Events candidates: every rule's hits, placed and dated, repeated mentions of one happening merged.

    Left out: references to a happening told elsewhere ("amid the protests"), denials, plans and threats, a
    finished operation, hits a more specific one in the same sentence covers, happenings in another country, and
    (unless ``keep_background``) happenings of another year.
    """
    located = _located_places(doc, dataset)
    hits = [h for rule in RULES for h in rule(doc)]
    out: list[Candidate] = []
    for h in hits:
        if _nominal(doc, h) and (is_reference(doc, h) or WHOLE_COUNTRY.match(doc.text[h.end : h.end + 20])):
            continue
        if h.kind == "clash" and CASUALTY_IN.search(doc.text[max(0, h.start - 40) : h.start]):
            s, e = doc.sentence_of(h.start)
            if not any(s <= p.start < e and p.kind in LOCAL_KINDS for p in located):
                continue
        if is_negated(doc, h) or is_future(doc, h) or is_completed_operation(doc, h) or superseded(doc, h, hits):
            continue
        targets = _places_for(doc, h, KINDS[h.kind], located, dataset)
        for place in targets:
            if _is_foreign(place):
                continue
            c = _candidate(doc, h, place, dataset, multi=len(targets) > 1)
            if h.kind == "state_of_emergency":
                s, e = doc.sentence_of(h.start)
                areas = list(dict.fromkeys(p.name for p in located if s <= p.start < e and p.kind != "country"))
                if areas:
                    c.notes.append("areas named: " + ", ".join(areas) + " (placed in the country, as the table does)")
            if c.row["background"] and not keep_background:
                continue
            _merge_or_add(out, c, h)
    out.sort(key=lambda c: (c.start, c.end))
    return out


def _nominal(doc: Doc, h: Hit) -> bool:
    """Whether the hit is a bare noun of unrest (a clash or riot word, "protests in Almaty"), which a reference
    cue before it turns into a mention of a happening told elsewhere."""
    if h.kind in ("clash", "special_operation"):
        return True  # "detained during the counter-terrorist operation": the operation named, not launched
    if h.kind != "protest":
        return False
    a, _ = doc.sentence_of(h.start)
    if re.search(r"\bsince (?:the )?$", doc.text[max(a, h.start - 12) : h.start], re.I):
        return True  # "killed since the unrest began": the onset as a time mark
    return bool(
        re.fullmatch(rf"{PROTEST_NOUN} (?:in|across|at|outside|near) (?:the )?", doc.text[h.start : h.end], re.I)
    )


# "the protests in Kazakhstan": the unrest as a whole named, no located happening.
WHOLE_COUNTRY = re.compile(r"^(?:Kazakhstan|the country|the republic)\b", re.I)
# A casualty count "injured in (the) clashes": the clash is told elsewhere unless a place is named with it.
CASUALTY_IN = re.compile(
    r"\b(?:injured|killed|wounded|hurt|died|dead|detained|arrested)\s+(?:\w+\s+)?(?:in|during)\s+(?:the\s+)?$", re.I
)


_WEAK_BASES = ("document_date", "context")


def _merge_or_add(out: list[Candidate], c: Candidate, h: Hit) -> None:
    """Add ``c`` unless a candidate of the same kind, place, rule and actor2 (an arrival is not a withdrawal, one
    man's arrest not another's) with overlapping days is there: then one candidate, the one with the
    better-grounded date (a stated day over the publication range)."""
    r = c.row
    for i, first in enumerate(out):
        f = first.row
        if any(f[k] != r[k] for k in ("event_kind", "place_id", "background", "actor2")) or first.rule != c.rule:
            continue
        if f["date_start"] > r["date_end"] or r["date_start"] > f["date_end"]:
            continue
        if f["date_basis"] in _WEAK_BASES and r["date_basis"] not in _WEAK_BASES:
            c.notes.append(f"also mentioned at {first.start}-{first.end}")
            c.confidence = max(first.confidence, c.confidence)
            out[i] = c
        else:
            first.notes.append(f"also mentioned at {h.start}-{h.end}")
            first.confidence = max(first.confidence, c.confidence)
        return
    out.append(c)
