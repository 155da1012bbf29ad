"""ACLED mapping: turn the events table into rows of ACLED's export, and say why the other rows are left out.

Rules follow the ACLED Codebook (acleddata.com knowledge base, "Last updated: 3 October 2024") and
ACLED's R package acledR, as quoted in the project's research notes (codebooks.md, section A):

* **Columns** (Table 1): the 31 of :data:`COLUMNS`, in that order.
* **Event and sub-event types** (Table 2) with their disorder type: :data:`EVENT_TYPES`.
* **Inter codes** (Table 3 and acledR): 1 State forces, 2 Rebel group, 3 Political militia, 4 Identity
  militia, 5 Rioters, 6 Protesters, 7 Civilians, 8 External/Other forces; 0 for a blank Actor 2. The
  2024 codebook writes these as text labels ("State forces"), keeping the numbers as keys of its
  interaction table ("15: State forces-Rioters"); this export writes the numbers (:data:`INTER_LABELS`
  gives the text). An unidentified armed group has inter 3 (codebook footnote 9); foreign military
  forces active outside their home state have inter 8.
* **Interaction**: the two inter codes, smaller first ("37 instead of 73"); a one-sided event is the
  inter code followed by 0 ("20").
* **Time precision**: 1 an actual date; 2 "sometime during the week or within a similar period" (here:
  a range of 2-7 days), dated to "the middle of the period"; 3 "sometime during a month" (a range of
  8-31 days, or a month), dated to its middle; "ACLED does not include events with less temporal
  information", so longer ranges are excluded.
* **Fatalities**: "No information on fatalities is recorded as 0"; ACLED does not attribute deaths to
  groups, and country-wide totals are not recorded as one event. See :func:`fatalities`.

Every choice the project made where the codebook is silent is listed in the README ("Exports").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

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
EXCLUDED_COLUMNS = ["event_id", "happening_id", "status", "reason", "event_id_cnty"]

ISO = 398  # ISO 3166-1 numeric for Kazakhstan (the codebook says iso follows ISO 3166)
COUNTRY = "Kazakhstan"
REGION = "Caucasus and Central Asia"  # an ACLED region name (codebooks.md A1); Kazakhstan's membership not confirmed
ID_PREFIX = "KAZQ"  # "KAZ" + "Q" (Qantar) so that ids never collide with ACLED's own KAZ… ids
CAPITAL_PLACE_ID = "nur_sultan"  # stand-in location of country-wide Strategic developments
SOURCE_SCALE = "International"  # every document was published outside Kazakhstan
CIVILIANS_TARGETED = "Civilians targeted"

POLITICAL_VIOLENCE, DEMONSTRATIONS, STRATEGIC = "Political violence", "Demonstrations", "Strategic developments"
EVENT_TYPES: dict[str, dict[str, str]] = {
    "Battles": {
        s: POLITICAL_VIOLENCE
        for s in ("Government regains territory", "Non-state actor overtakes territory", "Armed clash")
    },
    "Protests": {
        "Excessive force against protesters": f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}",
        "Protest with intervention": DEMONSTRATIONS,
        "Peaceful protest": DEMONSTRATIONS,
    },
    "Riots": {"Violent demonstration": DEMONSTRATIONS, "Mob violence": POLITICAL_VIOLENCE},
    "Explosions/Remote violence": {
        s: POLITICAL_VIOLENCE
        for s in (
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        )
    },
    "Violence against civilians": {
        s: POLITICAL_VIOLENCE for s in ("Sexual violence", "Attack", "Abduction/forced disappearance")
    },
    "Strategic developments": {
        s: STRATEGIC
        for s in (
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        )
    },
}
DISORDER_TYPES = sorted({d for subs in EVENT_TYPES.values() for d in subs.values()})

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

# Actor name -> inter code, first match wins. Names are the events table's; the data follows ACLED's naming
# ("Protesters (Kazakhstan)", "Police Forces of Kazakhstan (2019-)") and these patterns also read the older names.
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


def inter_code(actor: str | None) -> int | None:
    """ACLED inter code of an actor name (0 for no actor); None when the name fits no ACLED actor type."""
    if actor is None or not str(actor).strip():
        return 0
    for pattern, code in _INTER_RULES:
        if pattern.search(str(actor)):
            return code
    return None


def acled_actor(actor: str | None, inter: int | None, event_type: str) -> str:
    """The actor as ACLED names it: rioters in a Riots event, unidentified armed groups under ACLED's generic name."""
    if actor is None or not str(actor).strip():
        return ""
    name = str(actor)
    if event_type == "Riots" and name.startswith("Protesters ("):
        return "Rioters (" + name[len("Protesters (") :]  # "Riots … Rioters (Country)"; protesters are peaceful
    if inter == POLITICAL_MILITIA and re.search(r"unidentified|terrorist|criminal|attackers", name, re.IGNORECASE):
        return UNIDENTIFIED.format(country=COUNTRY)  # ACLED allows no "terrorists" or "insurgents" as agents
    return name


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


def fatalities(row: Any) -> int:
    """Reported fatalities tied to this event: the row's own ``fatalities`` figure if the table has one, else 0.

    The casualty figures in casualty_reports are city or country totals over several days, tied to no
    event. ACLED splits such totals only when it can place them in specific events ("will not be recorded as
    a single countrywide event"), which the texts do not allow; "No information on fatalities is recorded as
    0 reported fatalities". So the export never distributes them.
    """
    value = _value(row, "fatalities")
    return 0 if value is None else int(value)


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


def _locate(place_id: str, geo_precision: int, event_type: str, places: dict[str, dict[str, Any]]) -> _Located:
    """ACLED location of a place: a town, a site's town, or for country-wide Strategic developments the capital."""
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
    if kind == "country" and event_type == STRATEGIC:
        capital = places.get(CAPITAL_PLACE_ID)
        if capital is None:
            return _Located(reason="country-wide, and the capital is not in places.csv")
        return _Located(
            str(capital["name"]),
            capital["latitude"],
            capital["longitude"],
            str(capital.get("admin1_jan2022") or ""),
            3,
            note="Country-wide; located at the capital as a stand-in (geo_precision 3).",
        )
    if kind == "country":
        return _Located(
            reason="located only to the whole country: ACLED records no country-level events except "
            "some Strategic developments"
        )
    return _Located(
        reason=f"located only to {kind} {place['name']!r}: no town is named and places.csv gives no provincial capital"
    )


def _value(row: Any, column: str) -> Any:
    """A cell as a plain value: None for missing (NA, NaN, empty text)."""
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


def build(ds: "Dataset", timestamp: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """ACLED rows (one per happening ACLED would code) and every other events row with its status and reason.

    Rows of one happening (``happening_id``) become one ACLED event: the most precisely dated row leads
    (then the earliest date, then the lowest id), and the sources of all its rows are listed.
    """
    from qantar.display import source_labels

    labels = source_labels(ds)
    places = {str(r["place_id"]): {k: _value(r, k) for k in ds.places.columns} for _, r in ds.places.iterrows()}
    kept: dict[str, list[tuple[tuple[Any, ...], dict[str, Any]]]] = {}
    others: list[dict[str, Any]] = []
    for _, row in ds.events.iterrows():
        event_id, happening = str(row["event_id"]), str(row["happening_id"])
        reasons = exclusion_reasons(row)
        start, end, prec = row["date_start"].date(), row["date_end"].date(), str(row["date_precision"])
        tp = time_precision(start, end, prec)
        if tp is None:
            reasons.append(
                f"date known only to a span of {(end - start).days + 1} days: ACLED does not include "
                "events with less temporal information than a month"
            )
        event_type, sub = str(row["event_type"]), str(row["sub_event_type"])
        actor1, actor2 = _value(row, "actor1"), _value(row, "actor2")
        inter1, inter2 = inter_code(actor1), inter_code(actor2)
        for col, name, code in (("actor1", actor1, inter1), ("actor2", actor2, inter2)):
            if name is not None and code is None:
                reasons.append(
                    f"{col} {name!r} is not an ACLED actor type (state forces, rebel group, militia, rioters, "
                    "protesters, civilians or external forces)"
                )
        if inter1 is not None and inter2 is not None and actor1 is not None and sub_event_fits(event_type, sub):
            if event_type == "Riots":  # named as rioters in a Riots event (acled_actor)
                inter1, inter2 = (RIOTERS if i == PROTESTERS else i for i in (inter1, inter2))
            problem = actor_rule_problem(event_type, sub, inter1, inter2)
            if problem:
                reasons.append(problem)
        where = _locate(str(row["place_id"]), int(row["geo_precision"]), event_type, places)
        if where.reason:
            reasons.append(where.reason)
        if reasons:
            others.append(
                {
                    "event_id": event_id,
                    "happening_id": happening,
                    "status": "excluded",
                    "reason": "; ".join(dict.fromkeys(reasons)),
                    "event_id_cnty": "",
                }
            )
            continue
        assert inter1 is not None and inter2 is not None and tp is not None
        day = reference_date(start, end, prec)
        notes = [str(row["description"])]
        if tp > 1:
            notes.append(f"Date: between {start:%d %B %Y} and {end:%d %B %Y}; event_date is the middle day.")
        if where.note:
            notes.append(where.note)
        acled = {
            "event_date": day.isoformat(),
            "year": day.year,
            "time_precision": tp,
            "disorder_type": EVENT_TYPES[event_type][sub],
            "event_type": event_type,
            "sub_event_type": sub,
            "actor1": acled_actor(actor1, inter1, event_type),
            "assoc_actor_1": "",
            "inter1": inter1,
            "actor2": acled_actor(actor2, inter2, event_type),
            "assoc_actor_2": "",
            "inter2": inter2,
            "interaction": interaction(inter1, inter2),
            "civilian_targeting": civilian_targeting(event_type, sub, inter2),
            "iso": ISO,
            "region": REGION,
            "country": COUNTRY,
            "admin1": where.admin1,
            "admin2": "",
            "admin3": "",
            "location": where.location,
            "latitude": f"{float(where.latitude):.4f}",  # type: ignore[arg-type]
            "longitude": f"{float(where.longitude):.4f}",
            "geo_precision": where.geo_precision,  # type: ignore[arg-type]
            "source_scale": SOURCE_SCALE,
            "fatalities": fatalities(row),
            "tags": "",
            "timestamp": timestamp,
            "_notes": notes,
            "_doc": str(row["doc_id"]),
            "_event_id": event_id,
        }
        rank = (tp, day, event_id)
        kept.setdefault(happening, []).append((rank, acled))
    rows: list[dict[str, Any]] = []
    for happening, variants in kept.items():
        variants.sort(key=lambda v: v[0])
        lead = dict(variants[0][1])
        ids = [v[1]["_event_id"] for v in variants]
        lead["event_id_cnty"] = ID_PREFIX + re.sub(r"\D", "", lead["_event_id"])
        docs = list(dict.fromkeys(v[1]["_doc"] for v in variants))
        lead["source"] = "; ".join(labels.get(d, d) for d in docs)
        notes = lead.pop("_notes")
        trail = f"Qantar row {ids[0]}" + (f"; other reports of it: {', '.join(ids[1:])}" if len(ids) > 1 else "") + "."
        lead["notes"] = " ".join([*notes, trail])
        # ACLED records the most conservative figure when reports differ.
        lead["fatalities"] = min(v[1]["fatalities"] for v in variants)
        for _, v in variants[1:]:
            others.append(
                {
                    "event_id": v["_event_id"],
                    "happening_id": happening,
                    "status": "merged",
                    "reason": f"another report of happening {happening!r}; merged into {lead['event_id_cnty']} "
                    f"(led by {ids[0]}), whose source column lists its document",
                    "event_id_cnty": lead["event_id_cnty"],
                }
            )
        for key in ("_doc", "_event_id"):
            lead.pop(key)
        rows.append({c: lead[c] for c in COLUMNS})
    rows.sort(key=lambda r: (r["event_date"], r["event_id_cnty"]))
    others.sort(key=lambda r: (r["status"], r["event_id"]))
    return rows, others


def check(rows: list[dict[str, Any]]) -> list[str]:
    """Every way a row breaks ACLED's allowed values (empty when all rows are valid)."""
    problems = []
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
    return problems


def frames(ds: "Dataset", timestamp: int) -> tuple["pd.DataFrame", "pd.DataFrame"]:
    """The ACLED export and the excluded/merged rows as frames (columns in ACLED's order)."""
    import pandas as pd

    rows, others = build(ds, timestamp)
    return pd.DataFrame(rows, columns=COLUMNS), pd.DataFrame(others, columns=EXCLUDED_COLUMNS)
