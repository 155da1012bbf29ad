"""ACLED rows: each events row placed, dated and grouped into happenings, then ACLED events; their fatalities.

Split out of :mod:`qantar.acled` (which builds the export from these pieces and re-exports the public names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from qantar import display
from qantar.acled_codebook import (
    MERGED_TYPES,
    Q_CASUALTIES,
    Q_COUNTRYWIDE,
    Q_FEW,
    Q_LOWEST,
    Q_NO_GROUPS,
    Q_NO_INFO,
    Q_TP1,
    Q_TP2,
    Q_TP3,
    Q_WORDS,
    STATE,
    _GENERIC_STATE,
    inter_code,
    national_authority,
    reference_date,
    sub_event_fits,
    time_precision,
)
from qantar.acled_types import EVENT_TYPES, STRATEGIC
from qantar.qualifiers import acled_figure

ID_PREFIX = "KAZQ"  # "KAZ" + "Q" (Qantar) so that ids never collide with ACLED's own KAZ… ids
CAPITAL_PLACE_ID = "nur_sultan"  # where a national authority's country-wide decision is placed

# ---------------------------------------------------------------- places


@dataclass
class _Located:
    """Where ACLED would put an event: its town, coordinates, admin1 and precision, or why it cannot."""

    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    admin1: str = ""
    geo_precision: int | None = None
    note: str = ""
    reason: str = ""
    at_capital: bool = False  # a national decision placed at the seat of government


def _locate(
    place_id: str, geo_precision: int, event_type: str, actor1: str | None, places: dict[str, dict[str, Any]]
) -> _Located:
    """ACLED location of a place: a town, a site's town, or for a national authority's decision the capital."""
    place = places.get(place_id)
    if place is None:
        return _Located(reason=f"place {place_id!r} is not in places.csv")
    kind = str(place["kind"])
    if place.get("country_code") not in (None, "", "KZ") or kind == "organisation":
        return _Located(reason=f"located outside Kazakhstan ({place['name']})")
    if kind == "site":
        parent = places.get(str(place.get("parent_id") or ""))
        if parent is None or str(parent["kind"]) != "city":
            return _Located(reason=f"site {place['name']!r} has no town in places.csv")
        return _Located(
            str(parent["name"]),
            parent["latitude"],
            parent["longitude"],
            str(place.get("admin1_jan2022") or parent.get("admin1_jan2022") or ""),
            geo_precision,
            note=f"At: {place['name']}.",
        )
    if kind == "city":
        return _Located(
            str(place["name"]),
            place["latitude"],
            place["longitude"],
            str(place.get("admin1_jan2022") or ""),
            geo_precision,
        )
    if kind == "country" and event_type == STRATEGIC and national_authority(actor1):
        # One rule for every country-level row: only a national authority's decision is one of ACLED's "some
        # Strategic developments"; it is placed at the seat of government, as a provincial capital stands for a
        # region (Q_GEO3), with geo_precision 3.
        capital = places.get(CAPITAL_PLACE_ID)
        if capital is None:
            return _Located(reason="a national decision, and the capital is not in places.csv")
        return _Located(
            str(capital["name"]),
            capital["latitude"],
            capital["longitude"],
            str(capital.get("admin1_jan2022") or ""),
            3,
            note=f"A national decision, located at the capital ({capital['name']}) as the seat of government.",
            at_capital=True,
        )
    if kind == "country":
        return _Located(
            reason="located only to the whole country and not a national authority's decision (ACLED: "
            f"'{Q_COUNTRYWIDE}')"
        )
    return _Located(
        reason=f"located only to {kind} {place['name']!r}: no town is named and places.csv gives no provincial capital"
    )


def _value(row: Any, column: str) -> Any:
    """A cell as a plain value: None for missing (NA, NaN, empty text, absent column)."""
    import pandas as pd

    value = row.get(column)
    if (
        value is None
        or (not isinstance(value, str) and pd.isna(value))
        or (isinstance(value, str) and not value.strip())
    ):
        return None
    return value


def exclusion_reasons(row: Any) -> list[str]:
    """Reasons, from the row alone, why ACLED would not code it (the data's acled_exclusion column first)."""
    reasons = []
    stated = _value(row, "acled_exclusion")
    if stated:
        reasons.append(str(stated))
    if bool(_value(row, "background")):
        reasons.append("background: context before the January 2022 unrest, not an event of the period")
    if _value(row, "actor1") is None:
        reasons.append("no actor1: every ACLED event names Actor 1")
    if not sub_event_fits(str(row["event_type"]), str(row["sub_event_type"])):
        reasons.append(f"sub_event_type {row['sub_event_type']!r} is not one of {row['event_type']!r} in ACLED's list")
    return reasons


# ---------------------------------------------------------------- rows, happenings, events


@dataclass
class _Row:
    """One events row as the export reads it."""

    event_id: str
    happening: str
    start: date
    end: date
    precision: str
    basis: str
    event_type: str
    sub: str
    actor1: str | None
    actor2: str | None
    where: _Located
    description: str
    variant_note: str
    doc: str
    stated_exclusion: str = ""

    @property
    def rank(self) -> tuple[int, date, int]:
        """Most precisely dated first, then the earliest, then the lowest id."""
        tp = time_precision(self.start, self.end, self.precision) or 9
        return tp, reference_date(self.start, self.end, self.precision), _number(self.event_id)


@dataclass
class _Dated:
    """A happening's ACLED date, its time_precision, the rule applied and what the notes say about it."""

    day: date
    precision: int
    rule: str
    note: str = ""


@dataclass
class _Happening:
    """The kept rows reporting one happening, led by the most precisely dated one."""

    rows: list[_Row]
    dated: _Dated

    @property
    def lead(self) -> _Row:
        return self.rows[0]


@dataclass
class _Event:
    """One ACLED event: one or more happenings aggregated, the lead's attributes, and whatever is noted under it."""

    happenings: list[_Happening]
    event_type: str
    sub: str
    actor1: str
    actor2: str
    details: list[_Row] = field(default_factory=list)

    @property
    def lead(self) -> _Happening:
        return self.happenings[0]

    @property
    def rows(self) -> list[_Row]:
        return [r for h in self.happenings for r in h.rows]

    @property
    def cnty(self) -> str:
        return ID_PREFIX + re.sub(r"\D", "", self.lead.lead.event_id)


def _number(event_id: str) -> int:
    digits = re.sub(r"\D", "", event_id)
    return int(digits) if digits else 0


def _day(d: date) -> str:
    return display.day_month(d, short=False)


def _happening_date(rows: list[_Row]) -> _Dated | None:
    """ACLED's event_date and time_precision for the reports of one happening (None when vaguer than a month).

    The reports describe one happening, so its day lies in every report's window: the windows' overlap is used,
    and an overlap of one day is an actual date (time_precision 1). Where the windows do not overlap the reports
    disagree; the most precisely dated (then earliest) report's date is used and the notes give the others. A
    window that only bounds an undated act by the day it was announced (``date_basis`` announcement) has no
    period in ACLED's sense: the announcement is the one date the source gives, so the event is dated to it.
    A period the source gives (a weekday night, 'earlier this week', its context) is dated to its middle.
    """
    lead = rows[0]
    lo, hi = max(r.start for r in rows), min(r.end for r in rows)
    notes = []
    if lo > hi:
        lo, hi = lead.start, lead.end
        versions = "; ".join(
            f"{r.event_id} {_day(r.start) if r.start == r.end else _day(r.start) + ' to ' + _day(r.end)}" for r in rows
        )
        notes.append(
            f"Date disputed ({versions}); event_date follows the most precisely dated report, {lead.event_id}."
        )
    elif len(rows) > 1 and any((r.start, r.end) != (lo, hi) for r in rows) and lo == hi:
        notes.append(f"Date: the reports' windows overlap only on {_day(lo)}.")
    if lo == hi:
        return _Dated(lo, 1, f"time_precision 1 ({Q_TP1})", " ".join(notes))
    if all(r.basis == "announcement" for r in rows):
        notes.append(f"Date: the source dates only the announcement ({_day(hi)}); the act itself is undated.")
        return _Dated(hi, 1, f"time_precision 1, the announcement's date ({Q_TP1})", " ".join(notes))
    precision = "month" if all(r.precision == "month" for r in rows) else "range"
    tp = time_precision(lo, hi, precision)
    if tp is None:
        return None
    day = reference_date(lo, hi, precision)
    notes.append(f"Date: between {_day(lo)} and {_day(hi)}; event_date is the middle day.")
    return _Dated(day, tp, f"time_precision {tp} ({Q_TP2 if tp == 2 else Q_TP3})", " ".join(notes))


def _identity(name: str) -> str:
    """An actor as aggregation compares it: demonstrators peaceful or violent are one crowd (Q_AGGREGATE_TYPES)."""
    return re.sub(r"^(Protesters|Rioters) \(", "Demonstrators (", name)


def _type_class(event_type: str) -> str:
    """Event types the codebook aggregates with each other share a class (MERGED_TYPES)."""
    for group in MERGED_TYPES:
        if event_type in group:
            return group[0]
    return event_type


def _aggregate(happenings: list[_Happening]) -> list[_Event]:
    """Group happenings into ACLED events by Q_AGGREGATE: same day, place, actors and type of activity.

    Types the codebook merges (MERGED_TYPES) count as one type of activity, and peaceful and violent demonstrators
    as one actor (Q_AGGREGATE_TYPES). A state force the texts leave generic ("Security forces of Kazakhstan") is
    taken to be the named state force of the same day, place, activity and opponent when exactly one is named; the
    event then carries the named force.
    """
    buckets: dict[tuple[date, str, str], list[_Happening]] = {}
    for h in happenings:
        buckets.setdefault((h.dated.day, h.lead.where.location, _type_class(h.lead.event_type)), []).append(h)
    grouped: dict[tuple[Any, ...], list[_Happening]] = {}
    resolved: dict[int, dict[str, str]] = {}
    for bucket, members in buckets.items():
        actors = {id(h): (_identity(h.lead.actor1 or ""), _identity(h.lead.actor2 or "")) for h in members}
        partners: dict[str, set[str]] = {}  # opponent -> the named state forces facing it in this bucket
        for pair in actors.values():
            for a, b in (pair, pair[::-1]):
                if inter_code(a) == STATE and not _GENERIC_STATE.match(a):
                    partners.setdefault(b, set()).add(a)
        for h in members:
            pair = actors[id(h)]
            resolved[id(h)] = {
                g: next(iter(partners[b]))
                for g, b in (pair, pair[::-1])
                if _GENERIC_STATE.match(g) and len(partners.get(b, ())) == 1
            }
            key = tuple(sorted(resolved[id(h)].get(a, a) for a in pair))
            grouped.setdefault((*bucket, key), []).append(h)
    events = []
    for members in grouped.values():
        members.sort(key=lambda h: (h.dated.precision, _number(h.lead.event_id)))
        event_type = min((h.lead.event_type for h in members), key=_type_rank)
        sub = min(
            (h.lead.sub for h in members if h.lead.event_type == event_type), key=list(EVENT_TYPES[event_type]).index
        )
        lead = members[0]
        names = resolved[id(lead)]
        actor1, actor2 = (names.get(a, a) for a in (lead.lead.actor1 or "", lead.lead.actor2 or ""))
        events.append(_Event(members, event_type, sub, actor1, actor2))
    return events


def _type_rank(event_type: str) -> int:
    """Which of two aggregated event types the event takes: the codebook's examples first, then Table 2's order."""
    for group in MERGED_TYPES:
        if event_type in group:
            return list(EVENT_TYPES).index(group[0]) * 10 + group.index(event_type)
    return list(EVENT_TYPES).index(event_type) * 10


# ---------------------------------------------------------------- fatalities


@dataclass
class Fatalities:
    """An event's fatalities, the reports they come from, and the rule applied (quoted)."""

    total: int
    used: list[str]
    others: list[str]
    rule: str


def _figure_words(report: dict[str, Any]) -> str:
    """A report's killed figure as the text words it: '12', 'at least 8', "'dozens' (coded 12)"."""
    q, v = str(report["qualifier"]), report["value"]
    if q == "unquantified":
        return "an unstated number (coded 3)"
    if v is None:
        return f"'{q}' (coded {acled_figure(q, None)})"
    return {
        "exact": "{}",
        "at_least": "at least {}",
        "more_than": "more than {}",
        "about": "about {}",
        "almost": "almost {}",
        "up_to": "up to {}",
    }.get(q, "some {}").format(f"{int(v):,}")


def fatalities(reports: list[dict[str, Any]]) -> Fatalities:
    """ACLED's fatalities of an event from the casualty reports linked to it (``casualty_reports.event_id``).

    Only "killed" figures count (ACLED records no injuries, and 'casualties' alone are 0). Reports of one group
    that differ give the lowest (Q_LOWEST); the vague words are ACLED's figures (Q_WORDS; an unstated number is 3,
    the lower of Q_FEW's two); the groups are added, as ACLED counts everyone killed in an event (Q_NO_GROUPS);
    a figure naming no group is taken to include the named groups' dead, so the total is at least that figure
    and is not added again (the conservative reading). No linked figure is 0 (Q_NO_INFO).
    """
    killed = [r for r in reports if r["measure"] == "killed"]
    if not killed:
        rule = f"no killed figure is linked to this event (ACLED: '{Q_NO_INFO}')"
        if any(r["measure"] == "casualties" for r in reports):
            rule += f"; a 'casualties' figure is not one (ACLED: '{Q_CASUALTIES}')"
        return Fatalities(0, [], [], rule)
    by_group: dict[str, list[tuple[int, str, dict[str, Any]]]] = {}
    for r in killed:
        figure = acled_figure(str(r["qualifier"]), None if r["value"] is None else int(r["value"]))
        by_group.setdefault(str(r["group"]), []).append((3 if figure is None else figure, str(r["report_id"]), r))
    lowest = {g: min(v, key=lambda t: (t[0], t[1])) for g, v in by_group.items()}
    named = sum(f for g, (f, _, _) in lowest.items() if g != "unspecified")
    total = max(named, lowest["unspecified"][0]) if "unspecified" in lowest else named
    used = [f"{rid}: {_figure_words(r)} {str(g).replace('_', ' ')} killed" for g, (_, rid, r) in sorted(lowest.items())]
    others = [
        f"{rid}: {_figure_words(r)}" for g, v in sorted(by_group.items()) for _, rid, r in v if rid != lowest[g][1]
    ]
    quotes = [Q_NO_GROUPS]
    if others:
        quotes.append(Q_LOWEST)
    if any(str(r["qualifier"]) in ("dozens", "hundreds", "thousands") for *_, r in lowest.values()):
        quotes.append(Q_WORDS)
    if any(str(r["qualifier"]) == "unquantified" for *_, r in lowest.values()):
        quotes.append(Q_FEW)
    rule = "; ".join(used) + " (ACLED: " + " / ".join(f"'{q}'" for q in quotes) + ")"
    return Fatalities(total, used, others, rule)
