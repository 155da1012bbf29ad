"""Disagreements between documents, and tensions within one: which values are compared and when two conflict.

A *disagreement* is between documents: records from two different doc_ids about the same happening,
figure or topic, whose stated values cannot both be true. The same comparison inside one document is a
*tension* (:func:`tensions`), listed apart and never counted as a disagreement. The rules, one each:

* dates (events sharing a happening_id): only a date the document states is compared (date_basis
  ``stated``, ``weekday_resolved`` or ``relative_resolved``); a date the project placed (``context``,
  ``announcement``, ``document_date``) never conflicts. Two stated intervals conflict only when they do
  not overlap: a day inside another document's range differs in precision only (:func:`dates_conflict`).
* places (events sharing a happening_id): conflict when neither place holds the other (the parent_id
  chain), or when one document puts the happening in a town (geo_precision 1) and another near it (2).
  A loose area (places.kind ``area``, no boundary) conflicts with nothing (:func:`places_conflict`).
* figures (casualty_reports): compared only for one measure and scope whose as-of dates can be the same
  day, and only for one *named* group: a figure naming no group is not a total of every group, so it is
  compared with nothing. Two figures conflict when their ranges (low–high) do not overlap; "8" and "at
  least 8" overlap, a difference of wording. A place's figure above the figure for a place holding it,
  in documents published the same day, is ``part_exceeds_whole``.
* tolls (casualty_reports naming no group): a figure naming no group may be a part (six who died in
  custody, inside the 238), so only each document's *headline toll* is compared: its largest cumulative,
  standing figure naming no group, for one measure, scope and as-of day. Two documents' headline tolls
  conflict when their ranges do not overlap, under the same pairing of days as named groups
  (``toll_conflict``). A later toll that replaces an earlier one is dated later and never paired with it.
* status (casualty_reports.status): the same figure (measure, group, scope, wording and number) that one
  document gives as standing and another as withdrawn or disputed (``status``), whatever its as-of dates.
* wordings (wordings.csv): for one aspect and topic, two documents whose codes differ: who did it
  (``actor``), which area a decree covers (``area``), which forces a figure counts (``forces``).
* the trigger (event_kind ``price_rise``): each document's words for the commodity, from its row and
  its citations (``commodity``).
* labels: killed (or injured) counts of "protesters" and of the authorities' "armed criminals", from
  different speakers, within LABEL_DAYS and in nested scopes: possibly the same people (``label``).

Each row carries its values per document (``versions``); the subject and detail sentences are written
by :mod:`qantar.disagree_text` from them. The casualty-figure rules (figures, tolls, status, labels) are in
:mod:`qantar.disagree_figures`; the thresholds and the shape of a finding in :mod:`qantar.disagree_base`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qantar.derive import _ancestors, casualty_claims
from qantar.disagree_base import (
    DISAGREEMENT_COLUMNS,
    LABEL_DAYS,
    LABEL_GROUPS,
    NO_GROUP,
    ONSET_KIND,
    RANGE_AS_OF_DAYS,
    STANDING,
    STATED_BASES,
    TRIGGER_KIND,
    Finding,
    _split,
)
from qantar.disagree_figures import (
    _distinct_claims,
    _figure_findings,
    _scope_and_label_findings,
    _status_findings,
    _toll_findings,
    headline_tolls,
)
from qantar.frames import opt_int as _opt_int

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd

    from qantar.dataset import Dataset

# Names of the engine that live in its two helper modules, importable from here as before the split.
__all__ = [
    "DISAGREEMENT_COLUMNS",
    "LABEL_DAYS",
    "LABEL_GROUPS",
    "NO_GROUP",
    "ONSET_KIND",
    "RANGE_AS_OF_DAYS",
    "STANDING",
    "STATED_BASES",
    "TRIGGER_KIND",
    "Finding",
    "dates_conflict",
    "disagreements",
    "headline_tolls",
    "places_conflict",
    "tensions",
]


def disagreements(ds: "Dataset") -> "pd.DataFrame":
    """Every disagreement between documents (the rules are in the module doc), one row each.

    Columns: kind, subject and detail (sentences from :mod:`qantar.disagree_text`), doc_ids and record_ids
    (comma-separated), fields (the columns compared), topic (the key compared on: a happening_id, a
    wordings topic, or measure|group|scope for figures) and versions (per document: doc_id, record_ids,
    value, stated_by, note).
    """
    return _frame(ds, [f for f in _findings(ds) if len({v["doc_id"] for v in f["versions"]}) > 1])


def tensions(ds: "Dataset") -> "pd.DataFrame":
    """The same comparisons inside one document: values one text gives that cannot both be true (same columns)."""
    return _frame(ds, [f for f in _findings(ds) if len({v["doc_id"] for v in f["versions"]}) == 1])


def dates_conflict(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two event rows both state their dates and the intervals do not overlap."""
    stated = str(a["date_basis"]) in STATED_BASES and str(b["date_basis"]) in STATED_BASES
    return stated and (a["date_end"] < b["date_start"] or b["date_end"] < a["date_start"])


def places_conflict(a: dict[str, Any], b: dict[str, Any], within: dict[str, set[str]], loose: set[str]) -> bool:
    """True when neither row's place holds the other's, or one is in a town and the other near it.

    ``within`` maps each place to its enclosing places; ``loose`` are areas with no boundary.
    """
    pa, pb = str(a["place_id"]), str(b["place_id"])
    if pa == pb:
        return {_opt_int(a["geo_precision"]), _opt_int(b["geo_precision"])} == {1, 2}
    if pa in loose or pb in loose:
        return False
    return pa not in within.get(pb, set()) and pb not in within.get(pa, set())


def _frame(ds: "Dataset", findings: list[Finding]) -> "pd.DataFrame":
    """Findings as rows, with the subject and detail disagree_text writes from their versions."""
    import pandas as pd

    from qantar import disagree_text

    context = disagree_text.DisagreementContext.of(ds)
    rows = [
        dict(
            kind=f["kind"],
            subject=disagree_text.disagreement_subject(f["kind"], f["topic"], f["versions"], context),
            doc_ids=", ".join(sorted({v["doc_id"] for v in f["versions"]})),
            record_ids=", ".join(i for v in f["versions"] for i in v["record_ids"]),
            fields=f["fields"],
            detail=disagree_text.disagreement_detail(f["kind"], f["versions"], context),
            topic=f["topic"],
            versions=f["versions"],
        )
        for f in findings
    ]
    return pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS)


def _findings(ds: "Dataset") -> list[Finding]:
    """Every finding, between documents or inside one, in a stable order (kind group, then key)."""
    claims = _distinct_claims(casualty_claims(ds).dropna(subset=["low"]))
    return [
        *_event_findings(ds),
        *_figure_findings(claims),
        *_toll_findings(claims),
        *_status_findings(claims),
        *_trigger_findings(ds),
        *_scope_and_label_findings(ds, claims),
        *_wording_findings(ds),
    ]


# --- events: dates and places of one happening ------------------------------------------------


def _event_version(rec: dict[str, Any]) -> dict[str, Any]:
    note = rec["variant_note"] if isinstance(rec.get("variant_note"), str) else None
    return dict(
        doc_id=str(rec["doc_id"]),
        record_ids=[str(rec["event_id"])],
        value=dict(
            date_start=rec["date_start"],
            date_end=rec["date_end"],
            date_precision=str(rec["date_precision"]),
            date_basis=str(rec["date_basis"]),
            place_id=str(rec["place_id"]),
            geo_precision=_opt_int(rec["geo_precision"]),
        ),
        stated_by=None,
        note=note,
    )


def _event_findings(ds: "Dataset") -> list[Finding]:
    """Dates and places of each happening told by more than one row (the onset with first dated protests).

    Only happenings with two rows, or an onset statement, are looked at; they are grouped in plain
    Python, since a pandas operation per happening costs a millisecond and there is one per event.
    """
    ev = ds.events
    hid = ev["happening_id"].astype(str)
    kind = ev["event_kind"].astype(str)
    counts = hid.value_counts()
    onsets = set(hid[kind == ONSET_KIND])
    wanted = (set(counts.index[counts > 1]) | onsets) - set(hid[kind == TRIGGER_KIND])
    groups: dict[str, list[dict[str, Any]]] = {}
    for rec in ev[hid.isin(wanted)].to_dict("records"):
        groups.setdefault(str(rec["happening_id"]), []).append(rec)
    within = _ancestors(ds)
    loose = set(ds.places.loc[ds.places["kind"].astype(str) == "area", "place_id"].astype(str))
    first_protests: dict[frozenset[str], list[dict[str, Any]]] = {}
    out: list[Finding] = []
    for h in sorted(groups):
        grp = groups[h]
        if any(str(r["event_kind"]) == ONSET_KIND for r in grp):
            docs = frozenset(str(r["doc_id"]) for r in grp)
            if docs not in first_protests:
                first_protests[docs] = _first_dated_protests(ds, docs)
            grp = grp + first_protests[docs]
        pairs = [(a, b) for i, a in enumerate(grp) for b in grp[i + 1 :]]
        out += _split("event_date", h, "date_start, date_end", [p for p in pairs if dates_conflict(*p)], _event_version)
        out += _split(
            "event_place",
            h,
            "place_id, geo_precision",
            [p for p in pairs if places_conflict(*p, within, loose)],
            _event_version,
        )
    return out


def _first_dated_protests(ds: "Dataset", onset_docs: frozenset[str]) -> list[dict[str, Any]]:
    """From documents without an onset statement, the first day-precise protest each dates (as event records).

    003 gives no onset sentence but dates the first protests (2 January); that date is its account
    of the onset and is compared with "at the weekend" and "earlier this week".
    """
    ev = ds.events[
        (~ds.events["background"].astype(bool))
        & (ds.events["event_type"].astype(str) == "Protests")
        & (ds.events["date_precision"].astype(str) == "day")
        & ~ds.events["doc_id"].astype(str).isin(onset_docs)
    ]
    first = ev[ev["date_start"] == ev["date_start"].min()].drop_duplicates("doc_id") if not ev.empty else ev
    return [{**r, "variant_note": None} for r in first.to_dict("records")]


# --- the trigger and the wordings ---------------------------------------------------------------


def _trigger_findings(ds: "Dataset") -> list[Finding]:
    """The price rise that set off the unrest, as each document words it (the row and its citations).

    The documents name different commodities (liquefied gas, LPG, fuel, oil); the evidence snippets
    carry those words, so the versions quote them.
    """
    triggers = ds.events[ds.events["event_kind"].astype(str) == TRIGGER_KIND]
    if triggers.empty:
        return []
    ev_cites = ds.citations[ds.citations["table"].astype(str) == "events"]
    # Citations by the event they cite, looked up once per happening instead of a scan of the table.
    cites_of: dict[str, list[tuple[int, str, str, str]]] = {}
    for pos, (rid, doc, cid, evidence) in enumerate(
        zip(ev_cites["record_id"], ev_cites["doc_id"], ev_cites["citation_id"], ev_cites["evidence"], strict=True)
    ):
        cites_of.setdefault(str(rid), []).append((pos, str(doc), str(cid), str(evidence)))
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for hid, doc, eid, evidence in zip(
        triggers["happening_id"], triggers["doc_id"], triggers["event_id"], triggers["evidence"], strict=True
    ):
        groups.setdefault(str(hid), []).append((str(doc), str(eid), str(evidence)))
    out: list[Finding] = []
    for hid in sorted(groups):
        grp = groups[hid]
        cites = sorted(c for i in {eid for _, eid, _ in grp} for c in cites_of.get(i, []))
        versions = [*grp, *((doc, cid, evidence) for _, doc, cid, evidence in cites)]
        if len({v[0] for v in versions}) < 2:
            continue
        out.append(
            dict(
                kind="commodity",
                topic=hid,
                fields="evidence",
                versions=[
                    dict(doc_id=doc, record_ids=[rid], value=dict(words=evidence), stated_by=None, note=None)
                    for doc, rid, evidence in sorted(versions)
                ],
            )
        )
    return out


def _wording_findings(ds: "Dataset") -> list[Finding]:
    """Wordings of one aspect and topic whose codes differ: all versions if two documents differ, and
    each document whose own rows differ."""
    out: list[Finding] = []
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for rec in ds.wordings.sort_values(["doc_id", "wording_id"]).to_dict("records"):  # versions by document
        groups.setdefault((str(rec["aspect"]), str(rec["topic"])), []).append(rec)
    for (aspect, topic), recs in sorted(groups.items()):
        versions: list[dict[str, Any]] = [
            dict(
                doc_id=str(r["doc_id"]),
                record_ids=[str(r["wording_id"])],
                value=dict(
                    words=str(r["words"]),
                    codes=str(r["codes"]).split(";"),
                    table=str(r["table"]),
                    record_id=str(r["record_id"]),
                ),
                stated_by=str(r["stated_by"]),
                note=r["note"] if isinstance(r.get("note"), str) else None,
            )
            for r in recs
        ]
        codes = [frozenset(v["value"]["codes"]) for v in versions]
        pairs = [(i, j) for i in range(len(versions)) for j in range(i + 1, len(versions)) if codes[i] != codes[j]]
        fields = "wordings.codes"
        if any(versions[i]["doc_id"] != versions[j]["doc_id"] for i, j in pairs):
            out.append(dict(kind=aspect, topic=topic, fields=fields, versions=versions))  # every version, all camps
        inside = sorted({versions[i]["doc_id"] for i, j in pairs if versions[i]["doc_id"] == versions[j]["doc_id"]})
        for doc in inside:
            own = [v for v in versions if v["doc_id"] == doc]
            out.append(dict(kind=aspect, topic=topic, fields=fields, versions=own))
    return out
