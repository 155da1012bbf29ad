"""ACLED mapping: turn the events table into rows of ACLED's export, and say what became of every events row.

Every rule applied is the ACLED Codebook's (acleddata.com/methodology/acled-codebook, the version with text inter
codes, read from a stored public copy) or an ACLED knowledge-base page's, quoted in the ``Q_*`` constants of
:mod:`qantar.acled_codebook`; docs/codebooks.md collects the quotes and what could not be found, and
docs/exports.md ("How the `acled` format maps the data") gives the project's choices where the codebook is silent.

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
from typing import TYPE_CHECKING, Any

from qantar.acled_rows import (
    CAPITAL_PLACE_ID,
    Fatalities,
    ID_PREFIX,
    _Event,
    _Happening,
    _Row,
    _aggregate,
    _happening_date,
    _locate,
    _number,
    _value,
    exclusion_reasons,
    fatalities,
)
from qantar.acled_types import EVENT_TYPES

# The codebook's words and rules live in qantar.acled_codebook; every name stays importable from here.
from qantar.acled_codebook import (
    ARMED,
    CIVILIANS,
    CIVILIANS_TARGETED,
    COUNTRY,
    EXTERNAL,
    IDENTITY_MILITIA,
    INTER_LABELS,
    MERGED_TYPES,
    POLITICAL_MILITIA,
    PROTESTERS,
    Q_AGGREGATE,
    Q_AGGREGATE_TYPES,
    Q_CASUALTIES,
    Q_COUNTRYWIDE,
    Q_DISPUTE,
    Q_FEW,
    Q_GEO3,
    Q_HIERARCHY,
    Q_LOWEST,
    Q_NO_GROUPS,
    Q_NO_INFO,
    Q_STATE_NAMES,
    Q_SUMMARIZED,
    Q_TP1,
    Q_TP2,
    Q_TP3,
    Q_WORDS,
    REBEL,
    REGIME_SINCE,
    RIOTERS,
    STATE,
    UNIDENTIFIED,
    _RECORD_ID,
    acled_actor,
    actor_rule_problem,
    civilian_targeting,
    inter_code,
    interaction,
    national_authority,
    reference_date,
    sub_event_fits,
    time_precision,
)

__all__ = [
    "CAPITAL_PLACE_ID",
    "ID_PREFIX",
    "Fatalities",
    "exclusion_reasons",
    "fatalities",
    "ARMED",
    "CAPITAL_PLACE_ID",
    "CIVILIANS",
    "CIVILIANS_TARGETED",
    "COLUMNS",
    "COUNTRY",
    "EXCLUDED_COLUMNS",
    "EXTERNAL",
    "Fatalities",
    "IDENTITY_MILITIA",
    "ID_PREFIX",
    "INTER_LABELS",
    "ISO",
    "MERGED_TYPES",
    "POLITICAL_MILITIA",
    "PROTESTERS",
    "Q_AGGREGATE",
    "Q_AGGREGATE_TYPES",
    "Q_CASUALTIES",
    "Q_COUNTRYWIDE",
    "Q_DISPUTE",
    "Q_FEW",
    "Q_GEO3",
    "Q_HIERARCHY",
    "Q_LOWEST",
    "Q_NO_GROUPS",
    "Q_NO_INFO",
    "Q_STATE_NAMES",
    "Q_SUMMARIZED",
    "Q_TP1",
    "Q_TP2",
    "Q_TP3",
    "Q_WORDS",
    "REBEL",
    "REGIME_SINCE",
    "REGION",
    "RIOTERS",
    "SOURCE_SCALE",
    "STATE",
    "UNIDENTIFIED",
    "acled_actor",
    "actor_rule_problem",
    "build",
    "check",
    "civilian_targeting",
    "exclusion_reasons",
    "fatalities",
    "frames",
    "inter_code",
    "interaction",
    "national_authority",
    "reference_date",
    "sub_event_fits",
    "time_precision",
]

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
REGION = "Caucasus and Central Asia"  # an ACLED region name; Kazakhstan's membership not confirmed from ACLED
SOURCE_SCALE = "International"  # every document was published outside Kazakhstan
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
