"""ACLED mapping: turn the events table into rows of ACLED's export, and say what became of every events row.

Every rule applied is the ACLED Codebook's (acleddata.com/methodology/acled-codebook, the version with text inter
codes, read from a stored public copy) or an ACLED knowledge-base page's, quoted in the ``Q_*`` constants below;
docs/codebooks.md collects the quotes and what could not be found, and the README ("How the `acled` format maps
the data") gives the choices the project made where the codebook is silent.

* **Columns** (Table 1): the 31 of :data:`COLUMNS`, in that order.
* **Event and sub-event types** (Table 2), in its hierarchical order, with their disorder type: :data:`EVENT_TYPES`.
* **Inter codes** (Table 3): 1 State forces ... 8 External/Other forces, 0 for a blank Actor 2. The codebook
  writes them as text labels ("State forces"), keeping the numbers as keys of its interaction table ("15: State
  forces-Rioters"); this export writes the numbers (:data:`INTER_LABELS` gives the text).
* **Dates**: :data:`Q_TP1`, :data:`Q_TP2`, :data:`Q_TP3` (see :func:`_happening_date`).
* **Places**: :data:`Q_GEO3`, :data:`Q_COUNTRYWIDE` (see :func:`national_authority`).
* **Aggregation**: :data:`Q_AGGREGATE`, :data:`Q_AGGREGATE_TYPES`, :data:`Q_HIERARCHY`.
* **Fatalities**: the figures of ``casualty_reports`` linked to an event (``event_id``), by :data:`Q_LOWEST`,
  :data:`Q_WORDS`, :data:`Q_FEW`, :data:`Q_NO_GROUPS`, :data:`Q_NO_INFO` (see :func:`fatalities`).
* **Notes**: built from the data only (descriptions, variant notes, report ids), so a corrected row flows into the
  export; disputes are noted as :data:`Q_DISPUTE` asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from qantar.acled_types import EVENT_TYPES, STRATEGIC
from qantar.qualifiers import acled_figure

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd

    from qantar.dataset import Dataset

COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
# The companion file: every events row, what became of it (exported / merged / aggregated / excluded), why, the
# ACLED event it is in or noted under, and for each exported event the date and fatality rules applied.
EXCLUDED_COLUMNS = ["event_id", "happening_id", "status", "reason", "event_id_cnty", "basis"]

ISO = 398  # ISO 3166-1 numeric for Kazakhstan (the codebook says iso follows ISO 3166)
COUNTRY = "Kazakhstan"
REGION = "Caucasus and Central Asia"  # an ACLED region name; Kazakhstan's membership not confirmed from ACLED
ID_PREFIX = "KAZQ"  # "KAZ" + "Q" (Qantar) so that ids never collide with ACLED's own KAZ… ids
CAPITAL_PLACE_ID = "nur_sultan"  # where a national authority's country-wide decision is placed
SOURCE_SCALE = "International"  # every document was published outside Kazakhstan
CIVILIANS_TARGETED = "Civilians targeted"
# The regime-dated names ("Military Forces of State (Year-Year)"): Tokayev's presidency began in March 2019. The
# year ACLED itself uses for Kazakhstan's current regime is not confirmed.
REGIME_SINCE = {"Kazakhstan": 2019}

# ---------------------------------------------------------------- the codebook's words
# ACLED Codebook (knowledge base), "Event Time" / "Time precision codes".
Q_TP1 = "If the source material includes an actual date of an event, a Time precision code of 1 is recorded."
Q_TP2 = (
    "If the source material indicates that an event happened sometime during the week or within a similar period "
    "of time (i.e., during the weekend), a Time precision code of 2 is recorded and the middle of the period is "
    "used as the reference date"
)
Q_TP3 = (
    "If the source material only indicates that an event took place sometime during a month (i.e., in the past two "
    "or three weeks, or in January), without reference to the particular date, the month midpoint is chosen. [...] "
    "a Time precision code of 3 is recorded. ACLED does not include events with less temporal information."
)
# "Spatial precision codes".
Q_GEO3 = (
    "If a larger region is mentioned, the closest natural location noted in reporting [...] — or a provincial "
    "capital is used if no other information at all is available — is chosen to represent the region, and "
    "Geo-precision code 3 is recorded."
)
Q_COUNTRYWIDE = (
    "Barring some Strategic developments events, ACLED does not record events that are imprecise to the country "
    "level — meaning reports that mention 1,000 conflict fatalities “across the country” will be investigated "
    "until they can be recorded as a set of more specific events and will not be recorded as a single countrywide "
    "event."
)
# ACLED knowledge base, "How are events disaggregated?" (last updated 1 November 2023).
Q_AGGREGATE = (
    "two incidents that occur on the same day and place, involving the same actors and type of activity, will be "
    "aggregated into a single event"
)
# Codebook, "Event aggregation", with its second example.
Q_AGGREGATE_TYPES = (
    "If two different types of interactions between the same actors in the same location on the same day are "
    "reported, they are typically noted as a single aggregate event. [...] On the same day, demonstrators hold "
    "peaceful protests that progress into violent clashes with security forces. In this case, a single Riots event "
    "is recorded, instead of one Protests event and another Riots event."
)
Q_HIERARCHY = "The event types and sub-event types noted in Table 2 above are presented in hierarchical order."
# Codebook, "Reported fatalities" and Table 1.
Q_LOWEST = (
    "If the source material differs or a vague estimate is provided, the lowest number of reported fatalities is "
    "recorded in the Fatalities column until a more reliable or corroborated estimate becomes available."
)
Q_WORDS = (
    "If a report mentions “dozens,” this is recorded as 12 reported fatalities. If a report mentions “hundreds,” "
    "this is recorded as 100 reported fatalities."
)
Q_FEW = (
    "If reports mention “several,” “many,” “few,” or plural “fatalities,” yet the exact number is unknown, either "
    "3 or 10 is recorded as the total, depending on the scale and context of the attack"
)
Q_NO_INFO = "No information on fatalities is recorded as 0 reported fatalities."
Q_CASUALTIES = (
    "if it is unclear whether fatalities occurred at all (for example, when only “casualties” are mentioned [...]), "
    "0 reported fatalities are recorded."
)
Q_SUMMARIZED = (
    "When summarized fatalities are reported, but events occur across several days or in multiple locations "
    "simultaneously [...], the total number of reported fatalities is divided and that fraction is recorded for "
    "each day of the event"
)
# ACLED knowledge base, "Fatalities" (last updated 7 May 2024).
Q_NO_GROUPS = "ACLED does not collect data on injuries, nor are fatalities attributed to specific groups"
Q_DISPUTE = (
    "If source reports differ or a vague estimate is provided, ACLED uses the most conservative estimate available "
    "and seeks to note in the ‘Notes’ column when there has been a dispute."
)
# Codebook, "Actor names, types, and Inter codes".
Q_STATE_NAMES = (
    "As militaries and police forces are a direct arm of the government, these actors are noted as Military Forces "
    "of State (Year-Year) or Police Forces of State (Year-Year)."
)

# ---------------------------------------------------------------- Table 2 and Table 3
# Table 2 (event and sub-event types) lives in qantar.acled_types.

# Different event types the codebook itself merges, the first winning: its two "Event aggregation" examples
# (a battle with artillery strikes is one Battles event; a protest turning into clashes is one Riots event).
MERGED_TYPES = (("Battles", "Explosions/Remote violence"), ("Riots", "Protests"))

STATE, REBEL, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = range(1, 9)
INTER_LABELS = {
    0: "",
    STATE: "State forces",
    REBEL: "Rebel group",
    POLITICAL_MILITIA: "Political militia",
    IDENTITY_MILITIA: "Identity militia",
    RIOTERS: "Rioters",
    PROTESTERS: "Protesters",
    CIVILIANS: "Civilians",
    EXTERNAL: "External/Other forces",
}
ARMED = {STATE, REBEL, POLITICAL_MILITIA, IDENTITY_MILITIA, EXTERNAL}  # organised armed groups (Battles need two)

# Actor name -> inter code, first match wins. Reads the events table's names and ACLED's forms of them.
_INTER_RULES: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"^Protesters\b", re.IGNORECASE), PROTESTERS),
    (re.compile(r"^Rioters\b", re.IGNORECASE), RIOTERS),
    (re.compile(r"^Civilians\b", re.IGNORECASE), CIVILIANS),
    (re.compile(r"\bCSTO\b|Collective Security Treaty|Military Forces of (?!Kazakhstan)", re.IGNORECASE), EXTERNAL),
    (re.compile(r"unidentified|terrorist|criminal|armed group|attackers", re.IGNORECASE), POLITICAL_MILITIA),
    (
        re.compile(
            r"\b(police|military|security forces|government of|national security committee|national guard|"
            r"officials?)\b",
            re.IGNORECASE,
        ),
        STATE,
    ),
]
UNIDENTIFIED = "Unidentified Armed Group ({country})"
# Armed forces acting on the ground, as opposed to the governing bodies that decide (national_authority).
_FORCES = re.compile(r"\b(military|police|security forces|national guard|army|troops|soldiers)\b", re.IGNORECASE)
# The codebook's forms for state forces and regimes (Q_STATE_NAMES), from the events table's plain names. A unit in
# brackets ("(paratroopers)") is not an official unit name, so it is left to the description in the notes.
_ACLED_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Military forces of (?P<c>[A-Z][\w-]*(?: [A-Z][\w-]*)*)(?: \([^)]*\))?$"), "Military Forces of {c}"),
    (re.compile(r"^Police \((?P<c>[^)]+)\)$"), "Police Forces of {c}"),
    (re.compile(r"^Police forces of (?P<c>[A-Z][\w-]*(?: [A-Z][\w-]*)*)$", re.IGNORECASE), "Police Forces of {c}"),
    (re.compile(r"^Government of (?P<c>[A-Z][\w-]*(?: [A-Z][\w-]*)*)$"), "Government of {c}"),
]
# State forces the texts do not name a branch of ("security forces", "the authorities"): no ACLED form.
_GENERIC_STATE = re.compile(r"^Security forces of ", re.IGNORECASE)
# Ids of the data's records (the descriptor's patterns ^ev[0-9]{3,}$ and ^cr[0-9]{3,}$) named in an exclusion reason.
_RECORD_ID = re.compile(r"\b(?:ev|cr)[0-9]{3,}\b")


def inter_code(actor: str | None) -> int | None:
    """ACLED inter code of an actor name (0 for no actor); None when the name fits no ACLED actor type."""
    if actor is None or not str(actor).strip():
        return 0
    for pattern, code in _INTER_RULES:
        if pattern.search(str(actor)):
            return code
    return None


def acled_actor(actor: str | None, inter: int | None, event_type: str) -> str:
    """The actor as ACLED names it: rioters in a Riots event, regime-dated state forces, ACLED's unidentified group."""
    if actor is None or not str(actor).strip():
        return ""
    name = str(actor)
    if event_type == "Riots" and name.startswith("Protesters ("):
        return "Rioters (" + name[len("Protesters (") :]  # "Riots … Rioters (Country)"; protesters are peaceful
    if inter == POLITICAL_MILITIA and re.search(r"unidentified|terrorist|criminal|attackers", name, re.IGNORECASE):
        return UNIDENTIFIED.format(country=COUNTRY)  # ACLED allows no "terrorists" or "insurgents" as agents
    for pattern, form in _ACLED_FORMS:
        m = pattern.match(name)
        if m and m["c"] in REGIME_SINCE:
            return form.format(c=m["c"]) + f" ({REGIME_SINCE[m['c']]}-)"
    return name


def national_authority(actor: str | None) -> bool:
    """True for a body that decides for the whole state (a government, a national agency, an international
    organisation), False for forces acting on the ground and for everyone else."""
    code = inter_code(actor)
    return bool(actor) and code in (STATE, EXTERNAL) and not _FORCES.search(str(actor))


def interaction(inter1: int, inter2: int) -> int:
    """ACLED interaction: the two inter codes, smaller first; a one-sided event is inter1 followed by 0."""
    if inter2 == 0:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def time_precision(start: date, end: date, precision: str) -> int | None:
    """ACLED time_precision of a date span: 1 a day, 2 up to a week, 3 up to a month; None when vaguer."""
    if precision in ("year", "before"):  # 'before' has no start: less temporal information than ACLED's threshold
        return None
    days = (end - start).days + 1
    if precision == "day" or days == 1:
        return 1
    if precision == "month":
        return 3
    if days <= 7:
        return 2
    return 3 if days <= 31 else None


def reference_date(start: date, end: date, precision: str) -> date:
    """ACLED's event_date for a span: the day itself, the month's 15th, or the middle day (the earlier of two)."""
    if precision == "month":
        return start.replace(day=15)
    return start + timedelta(days=(end - start).days // 2)


def civilian_targeting(event_type: str, sub_event_type: str, inter2: int) -> str:
    """'Civilians targeted' where ACLED's codebook says civilians were the main or only target, else blank."""
    if event_type == "Violence against civilians" or sub_event_type == "Excessive force against protesters":
        return CIVILIANS_TARGETED
    if event_type in ("Riots", "Explosions/Remote violence") and inter2 == CIVILIANS:
        return CIVILIANS_TARGETED
    return ""


def sub_event_fits(event_type: str, sub_event_type: str) -> bool:
    """True when the sub-event type belongs to the event type in ACLED's Table 2."""
    return sub_event_type in EVENT_TYPES.get(event_type, {})


def actor_rule_problem(event_type: str, sub_event_type: str, inter1: int, inter2: int) -> str | None:
    """Why an actor pair breaks an ACLED event-type rule, or None when it fits."""
    if event_type == "Battles" and not (inter1 in ARMED and inter2 in ARMED):
        return (
            "Battles need two organised armed groups (ACLED: 'a violent interaction between two organized armed "
            f"groups'); here {INTER_LABELS.get(inter1, inter1) or 'none'}"
            f" vs {INTER_LABELS.get(inter2, inter2) or 'none'}"
        )
    if event_type == "Violence against civilians" and inter2 != CIVILIANS:
        return (
            "Violence against civilians needs civilians as actor2 (ACLED: 'the target is always recorded as Actor 2')"
        )
    if event_type == "Protests" and PROTESTERS not in (inter1, inter2):
        return "a Protests event needs protesters among its actors"
    if event_type == "Riots" and RIOTERS not in (inter1, inter2):
        return "a Riots event needs rioters among its actors"
    return None


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
    return f"{d.day} {d:%B}"


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


# ---------------------------------------------------------------- build


def _rows_of(ds: "Dataset", places: dict[str, dict[str, Any]]) -> tuple[list[_Row], dict[str, list[str]]]:
    """Every events row read for the export, and the reasons (if any) why ACLED would not code it."""
    rows, reasons = [], {}
    for _, row in ds.events.iterrows():
        event_id = str(row["event_id"])
        why = exclusion_reasons(row)
        start, end, prec = row["date_start"].date(), row["date_end"].date(), str(row["date_precision"])
        if time_precision(start, end, prec) is None:
            why.append(
                f"date known only to a span of {(end - start).days + 1} days: ACLED does not include "
                "events with less temporal information than a month"
            )
        event_type, sub = str(row["event_type"]), str(row["sub_event_type"])
        actor1, actor2 = _value(row, "actor1"), _value(row, "actor2")
        inter1, inter2 = inter_code(actor1), inter_code(actor2)
        for col, name, code in (("actor1", actor1, inter1), ("actor2", actor2, inter2)):
            if name is not None and code is None:
                why.append(
                    f"{col} {name!r} is not an ACLED actor type (state forces, rebel group, militia, rioters, "
                    "protesters, civilians or external forces)"
                )
        if inter1 is not None and inter2 is not None and actor1 is not None and sub_event_fits(event_type, sub):
            if event_type == "Riots":  # named as rioters in a Riots event (acled_actor)
                inter1, inter2 = (RIOTERS if i == PROTESTERS else i for i in (inter1, inter2))
            problem = actor_rule_problem(event_type, sub, inter1, inter2)
            if problem:
                why.append(problem)
        where = _locate(str(row["place_id"]), int(row["geo_precision"]), event_type, actor1, places)
        if where.reason:
            why.append(where.reason)
        rows.append(
            _Row(
                event_id,
                str(row["happening_id"]),
                start,
                end,
                prec,
                str(_value(row, "date_basis") or ""),
                event_type,
                sub,
                actor1,
                actor2,
                where,
                str(row["description"]),
                str(_value(row, "variant_note") or ""),
                str(row["doc_id"]),
                str(_value(row, "acled_exclusion") or ""),
            )
        )
        reasons[event_id] = why
    return rows, reasons


def _linked_reports(ds: "Dataset") -> dict[str, list[dict[str, Any]]]:
    """Casualty reports by the events row they describe (``casualty_reports.event_id``; none without the column)."""
    cr = ds.casualty_reports
    if "event_id" not in cr.columns:
        return {}
    linked: dict[str, list[dict[str, Any]]] = {}
    for _, r in cr.iterrows():
        event_id = _value(r, "event_id")
        if event_id is not None:
            linked.setdefault(str(event_id), []).append({c: _value(r, c) for c in cr.columns})
    return linked


def _notes(event: _Event, fat: Fatalities, statuses: dict[str, str]) -> str:
    """The ACLED notes of an event, built from the data: what happened, disputes, date, place, toll, rows."""
    parts = []
    for h in event.happenings:
        parts += [h.lead.description, h.lead.where.note]
        variants = list(dict.fromkeys(r.variant_note for r in h.rows if r.variant_note))
        if len(h.rows) > 1 and variants:
            parts.append("Reports differ: " + " | ".join(variants))
        parts.append(h.dated.note)
    for d in event.details:
        parts.append(f"Noted here ({d.event_id}): {d.description}")
    if fat.total:
        text = f"Fatalities {fat.total}, from " + "; ".join(fat.used)
        if fat.others:
            text += "; other reports give " + "; ".join(fat.others) + " (the lowest is recorded)"
        parts.append(text + ".")
    lead = event.lead.lead.event_id
    trail = f"Qantar row {lead}"
    merged = [r.event_id for r in event.rows if statuses.get(r.event_id) == "merged"]
    aggregated = [r.event_id for r in event.rows if statuses.get(r.event_id) == "aggregated"]
    if merged:
        trail += f"; other reports of the same happening: {', '.join(merged)}"
    if aggregated:
        trail += f"; aggregated with: {', '.join(aggregated)} (same day, place, actors and type of activity)"
    if event.details:
        trail += f"; noted here: {', '.join(d.event_id for d in event.details)}"
    parts.append(trail + ".")
    return " ".join(p.strip() for p in parts if p.strip())


def build(ds: "Dataset", timestamp: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """ACLED rows, and every events row with what became of it (exported, merged, aggregated, excluded) and why."""
    from qantar.display import source_labels

    labels = source_labels(ds)
    places = {str(r["place_id"]): {k: _value(r, k) for k in ds.places.columns} for _, r in ds.places.iterrows()}
    rows, reasons = _rows_of(ds, places)
    by_id = {r.event_id: r for r in rows}
    linked = _linked_reports(ds)

    kept: dict[str, list[_Row]] = {}
    for r in rows:
        if not reasons[r.event_id]:
            kept.setdefault(r.happening, []).append(r)
    happenings = []
    for members in kept.values():
        members.sort(key=lambda r: r.rank)
        dated = _happening_date(members)
        if dated is None:
            for r in members:
                reasons[r.event_id].append(f"its reports together date it only to more than a month (ACLED: '{Q_TP3}')")
            continue
        happenings.append(_Happening(members, dated))
    events = _aggregate(happenings)
    event_of = {r.event_id: e for e in events for r in e.rows}

    # An excluded row whose reason names a record (a casualty report or an events row) is a detail of that
    # record's event: ACLED would note it there rather than code it (e.g. one death in a clash).
    noted_under: dict[str, _Event] = {}
    report_event = {str(r["report_id"]): eid for eid, reps in linked.items() for r in reps}
    for r in rows:
        if not reasons[r.event_id]:
            continue
        for ref in _RECORD_ID.findall(r.stated_exclusion):
            target = event_of.get(report_event.get(ref, ref))
            if target is not None:
                target.details.append(r)
                noted_under[r.event_id] = target
                break

    statuses: dict[str, str] = {}
    for e in events:
        for i, h in enumerate(e.happenings):
            for j, r in enumerate(h.rows):
                statuses[r.event_id] = "exported" if (i, j) == (0, 0) else "merged" if j else "aggregated"

    out_rows, side = [], []
    for e in events:
        day, tp = e.lead.dated.day, min(h.dated.precision for h in e.happenings)
        where = e.lead.lead.where
        inter1, inter2 = inter_code(e.actor1) or 0, inter_code(e.actor2) or 0
        if e.event_type == "Riots":
            inter1, inter2 = (RIOTERS if i == PROTESTERS else i for i in (inter1, inter2))
        reports = [rep for r in [*e.rows, *e.details] for rep in linked.get(r.event_id, [])]
        fat = fatalities(reports)
        docs = [r.doc for r in e.rows] + [r.doc for r in e.details]
        docs += [str(rep["doc_id"]) for rep in reports if rep["measure"] == "killed"]
        out_rows.append(
            {
                "event_id_cnty": e.cnty,
                "event_date": day.isoformat(),
                "year": day.year,
                "time_precision": tp,
                "disorder_type": EVENT_TYPES[e.event_type][e.sub],
                "event_type": e.event_type,
                "sub_event_type": e.sub,
                "actor1": acled_actor(e.actor1, inter1, e.event_type),
                "assoc_actor_1": "",
                "inter1": inter1,
                "actor2": acled_actor(e.actor2, inter2, e.event_type),
                "assoc_actor_2": "",
                "inter2": inter2,
                "interaction": interaction(inter1, inter2),
                "civilian_targeting": civilian_targeting(e.event_type, e.sub, inter2),
                "iso": ISO,
                "region": REGION,
                "country": COUNTRY,
                "admin1": where.admin1,
                "admin2": "",
                "admin3": "",
                "location": where.location,
                # Why the type: ignore below: an exported event (empty where.reason) was located, so has coordinates
                "latitude": f"{float(where.latitude):.4f}",  # type: ignore[arg-type]
                "longitude": f"{float(where.longitude):.4f}",  # type: ignore[arg-type]
                "geo_precision": where.geo_precision,
                "source": "; ".join(labels.get(d, d) for d in dict.fromkeys(docs)),
                "source_scale": SOURCE_SCALE,
                "notes": _notes(e, fat, statuses),
                "fatalities": fat.total,
                "tags": "",
                "timestamp": timestamp,
            }
        )
        basis = [f"event_date {day.isoformat()}, {e.lead.dated.rule}"]
        if len(e.happenings) > 1:
            basis.append(f"aggregated ({len(e.happenings)} happenings; ACLED: '{Q_AGGREGATE}')")
        if where.at_capital:
            basis.append(f"placed at the capital, geo_precision 3 (ACLED: '{Q_COUNTRYWIDE}' / '{Q_GEO3}')")
        basis.append(f"fatalities {fat.total}: {fat.rule}")
        for h in e.happenings:
            for r in h.rows:
                status = statuses[r.event_id]
                reason = {
                    "exported": f"leads {e.cnty}",
                    "merged": f"another report of happening {h.lead.happening!r}, led by {h.lead.event_id}; in "
                    f"{e.cnty}, whose source column lists its document",
                    "aggregated": f"aggregated into {e.cnty} with {e.lead.lead.event_id}: same day, place, actors "
                    f"and type of activity (ACLED: '{Q_AGGREGATE}'"
                    + (f"; '{Q_AGGREGATE_TYPES}'" if h.lead.event_type != e.lead.lead.event_type else "")
                    + ")",
                }[status]
                side.append(
                    {
                        "event_id": r.event_id,
                        "happening_id": r.happening,
                        "status": status,
                        "reason": reason,
                        "event_id_cnty": e.cnty,
                        "basis": "; ".join(basis) if status == "exported" else "",
                    }
                )
    for r in rows:
        if r.event_id in statuses:
            continue
        target = noted_under.get(r.event_id)
        why = list(dict.fromkeys(reasons[r.event_id]))
        if target is not None:
            why.append(f"noted in the notes of {target.cnty}")
        side.append(
            {
                "event_id": r.event_id,
                "happening_id": r.happening,
                "status": "excluded",
                "reason": "; ".join(why),
                "event_id_cnty": target.cnty if target is not None else "",
                "basis": "",
            }
        )
    assert set(by_id) == {s["event_id"] for s in side}
    out_rows.sort(key=lambda r: (r["event_date"], r["event_id_cnty"]))
    order = {"exported": 0, "aggregated": 1, "merged": 2, "excluded": 3}
    side.sort(key=lambda s: (order[s["status"]], _number(s["event_id"])))
    return out_rows, side


def _aggregation_key(r: dict[str, Any]) -> tuple[Any, ...]:
    """What ACLED aggregates on (Q_AGGREGATE): day, place, type of activity and the actors, in either order."""
    return r["event_date"], r["location"], r["event_type"], frozenset((r["actor1"], r["actor2"]))


def check(rows: list[dict[str, Any]]) -> list[str]:
    """Every way the rows break ACLED's allowed values or its aggregation rule (empty when all rows are valid)."""
    problems = []
    seen: dict[tuple[Any, ...], str] = {}
    for i, r in enumerate(rows, start=1):
        where = f"row {i} ({r.get('event_id_cnty')})"
        if list(r) != COLUMNS:
            problems.append(f"{where}: columns differ from ACLED's")
            continue
        if r["sub_event_type"] not in EVENT_TYPES.get(r["event_type"], {}):
            problems.append(f"{where}: {r['event_type']} / {r['sub_event_type']} not in ACLED's list")
        elif r["disorder_type"] != EVENT_TYPES[r["event_type"]][r["sub_event_type"]]:
            problems.append(f"{where}: disorder_type {r['disorder_type']!r}")
        if r["time_precision"] not in (1, 2, 3) or r["geo_precision"] not in (1, 2, 3):
            problems.append(f"{where}: precision out of 1-3")
        if r["inter1"] not in range(1, 9) or r["inter2"] not in range(9):
            problems.append(f"{where}: inter codes out of range")
        elif r["interaction"] != interaction(r["inter1"], r["inter2"]):
            problems.append(
                f"{where}: interaction {r['interaction']} does not follow from {r['inter1']}, {r['inter2']}"
            )
        if bool(r["actor2"]) != bool(r["inter2"]) or not r["actor1"]:
            problems.append(f"{where}: actors and inter codes disagree")
        if r["civilian_targeting"] not in ("", CIVILIANS_TARGETED):
            problems.append(f"{where}: civilian_targeting {r['civilian_targeting']!r}")
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", str(r["event_date"])) or int(r["year"]) != int(
            r["event_date"][:4]
        ):
            problems.append(f"{where}: event_date/year")
        if not (isinstance(r["fatalities"], int) and r["fatalities"] >= 0):
            problems.append(f"{where}: fatalities must be a whole number >= 0")
        if not r["location"] or not r["admin1"] or not r["source"] or not r["notes"]:
            problems.append(f"{where}: location, admin1, source and notes must be filled")
        key = _aggregation_key(r)
        if key in seen:
            problems.append(
                f"{where}: same day, place, event type and actors as {seen[key]}; ACLED would have aggregated them "
                f"into a single event ('{Q_AGGREGATE}')"
            )
        seen.setdefault(key, where)
    return problems


def frames(ds: "Dataset", timestamp: int) -> tuple["pd.DataFrame", "pd.DataFrame"]:
    """The ACLED export and the companion rows (every events row and what became of it) as frames."""
    import pandas as pd

    rows, others = build(ds, timestamp)
    return pd.DataFrame(rows, columns=COLUMNS), pd.DataFrame(others, columns=EXCLUDED_COLUMNS)
