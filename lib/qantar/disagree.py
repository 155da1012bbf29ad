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
by :mod:`qantar.disagree_text` from them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from qantar.derive import _ancestors, casualty_claims
from qantar.frames import opt_int as _opt_int

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd

    from qantar.dataset import Dataset

DISAGREEMENT_COLUMNS = ["kind", "subject", "doc_ids", "record_ids", "fields", "detail", "topic", "versions"]
STATED_BASES = frozenset({"stated", "weekday_resolved", "relative_resolved"})  # the rest is the project's placing
RANGE_AS_OF_DAYS = 1  # a range-dated figure ("as of 6 January, roughly") may describe the day before as well
ONSET_KIND = "unrest_onset"  # a document's statement of when the unrest began ("at the weekend")
TRIGGER_KIND = "price_rise"  # the price rise the documents give as the trigger, each naming its commodity
LABEL_GROUPS = {"protesters", "armed_criminals"}  # who the dead are, as two kinds of speaker name them
LABEL_DAYS = 2  # as-of dates this close may count the same people
NO_GROUP = "unspecified"  # a figure that names no group: compared only as a document's headline toll
STANDING = "stated"  # casualty_reports.status of a figure that still stands (withdrawn and disputed do not)

Finding = dict[str, Any]  # kind, topic, fields, versions; versions are dicts with doc_id, record_ids, value, ...


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


def _split(kind: str, topic: str, fields: str, pairs: list[tuple[Any, Any]], version: Any) -> list[Finding]:
    """Conflicting pairs as findings: one between documents (every version in a cross-document pair), and
    one per document whose own versions conflict. ``version`` turns a record into a version dict."""
    out: list[Finding] = []
    across = [(a, b) for a, b in pairs if version(a)["doc_id"] != version(b)["doc_id"]]
    if across:
        out.append(dict(kind=kind, topic=topic, fields=fields, versions=_unique(version, across)))
    inside: dict[str, list[tuple[Any, Any]]] = {}
    for a, b in pairs:
        if version(a)["doc_id"] == version(b)["doc_id"]:
            inside.setdefault(version(a)["doc_id"], []).append((a, b))
    for doc in sorted(inside):
        out.append(dict(kind=kind, topic=topic, fields=fields, versions=_unique(version, inside[doc])))
    return out


def _unique(version: Any, pairs: list[tuple[Any, Any]]) -> list[dict[str, Any]]:
    """The versions taking part in ``pairs``, each once, in the order first met."""
    seen: dict[tuple[str, ...], dict[str, Any]] = {}
    for rec in (r for pair in pairs for r in pair):
        v = version(rec)
        seen.setdefault(tuple(v["record_ids"]), v)
    return list(seen.values())


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


# --- figures ------------------------------------------------------------------------------------


def _distinct_claims(claims: "pd.DataFrame") -> list[dict[str, Any]]:
    """The claims as records, those identical in every column but report_id merged into one (ids in ``_ids``).

    Two records of one document with the same figure, scope, date, wording and evidence are one claim
    entered twice; comparing each copy with every other document's copies would list the same
    disagreement once per pair of copies.
    """
    out: dict[tuple[str, ...], dict[str, Any]] = {}
    cols = [c for c in claims.columns if c != "report_id"]
    for rec in claims.to_dict("records"):
        key = tuple(str(rec[c]) for c in cols)
        first = out.get(key)
        if first is None:
            out[key] = {**rec, "_ids": [str(rec["report_id"])]}
        else:
            first["_ids"].append(str(rec["report_id"]))
    return list(out.values())


def _figure_version(rec: dict[str, Any]) -> dict[str, Any]:
    relayed = rec.get("relayed_by")
    return dict(
        doc_id=str(rec["doc_id"]),
        record_ids=list(rec["_ids"]),
        value=dict(
            qualifier=str(rec["qualifier"]),
            value=_opt_int(rec["value"]),
            group=str(rec["group"]),
            measure=str(rec["measure"]),
            scope_place_id=str(rec["scope_place_id"]),
            as_of_date=rec["as_of_date"],
            relayed_by=None if relayed is None or str(relayed) in ("", "nan", "<NA>", "None") else str(relayed),
            status=str(rec.get("status") or STANDING),
        ),
        stated_by=str(rec["stated_by"]),
        note=None,
    )


def _intervals_overlap(a_low: int, a_high: int | None, b_low: int, b_high: int | None) -> bool:
    """True if [a_low, a_high] and [b_low, b_high] intersect; a missing high is unbounded."""
    a_hi = float("inf") if a_high is None else a_high
    b_hi = float("inf") if b_high is None else b_high
    return a_low <= b_hi and b_low <= a_hi


def _comparable_pairs(
    claims: list[dict[str, Any]], tolls: bool = False
) -> Iterable[tuple[dict[str, Any], dict[str, Any]]]:
    """Pairs of figures for one measure, scope and named group whose as-of dates can be the same day.

    Day-precise figures pair with figures of the same day; a range-precise figure (as_of_precision
    ``range``) also pairs with figures of the RANGE_AS_OF_DAYS days before its date. Claims are
    bucketed by (measure, scope, group, date), so the work grows with the claims per day, not their square.
    """
    import pandas as pd

    buckets: dict[tuple[str, str, str, Any], list[dict[str, Any]]] = {}
    for rec in claims:
        if (str(rec["group"]) == NO_GROUP) != tolls:
            continue
        key = (str(rec["measure"]), str(rec["scope_place_id"]), str(rec["group"]), rec["as_of_date"])
        buckets.setdefault(key, []).append(rec)
    for (measure, scope, group, day), recs in sorted(buckets.items(), key=lambda kv: kv[0]):
        for i, a in enumerate(recs):
            for b in recs[i + 1 :]:
                yield a, b
        for back in range(1, RANGE_AS_OF_DAYS + 1):
            earlier = buckets.get((measure, scope, group, day - pd.Timedelta(days=back)), [])
            for a in recs:
                if str(a["as_of_precision"]) == "range":
                    for b in earlier:
                        yield b, a


def _figure_findings(claims: list[dict[str, Any]]) -> list[Finding]:
    """Figures of one named group, measure, scope and day whose ranges cannot both hold, one finding per pair."""
    out: list[Finding] = []
    for a, b in _comparable_pairs(claims):
        # Why the type: ignore below: the claims were dropna(subset=["low"]), so both lows are ints
        if _intervals_overlap(*(_opt_int(x) for x in (a["low"], a["high"], b["low"], b["high"]))):  # type: ignore[arg-type]
            continue
        topic = f"{a['measure']}|{a['group']}|{a['scope_place_id']}"
        out.append(
            dict(kind="figure_conflict", topic=topic, fields="value", versions=[_figure_version(a), _figure_version(b)])
        )
    return out


def headline_tolls(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each document's headline toll per measure, scope and as-of day: its largest cumulative, standing figure
    naming no group (the six who died in custody, inside the 238 of the same text, are a part, not a toll)."""
    best: dict[tuple[str, str, str, Any, str], dict[str, Any]] = {}
    for rec in claims:
        if str(rec["group"]) != NO_GROUP or str(rec["period"]) != "cumulative":
            continue
        if str(rec.get("status") or STANDING) != STANDING:
            continue
        key = (
            str(rec["doc_id"]),
            str(rec["measure"]),
            str(rec["scope_place_id"]),
            rec["as_of_date"],
            str(rec["as_of_precision"]),
        )
        low = _opt_int(rec["low"]) or 0
        if key not in best or low > (_opt_int(best[key]["low"]) or 0):
            best[key] = rec
    return list(best.values())


def _toll_findings(claims: list[dict[str, Any]]) -> list[Finding]:
    """Two documents' headline tolls for one measure, scope and day whose ranges cannot both hold."""
    out: list[Finding] = []
    for a, b in _comparable_pairs(headline_tolls(claims), tolls=True):
        if str(a["doc_id"]) == str(b["doc_id"]):
            continue  # one text's tolls of one day are its sequence ("the previous toll was ..."), not a conflict
        # Why the type: ignore below: the claims were dropna(subset=["low"]), so both lows are ints
        if _intervals_overlap(*(_opt_int(x) for x in (a["low"], a["high"], b["low"], b["high"]))):  # type: ignore[arg-type]
            continue
        topic = f"{a['measure']}|{NO_GROUP}|{a['scope_place_id']}"
        out.append(
            dict(kind="toll_conflict", topic=topic, fields="value", versions=[_figure_version(a), _figure_version(b)])
        )
    return out


def _status_findings(claims: list[dict[str, Any]]) -> list[Finding]:
    """One figure (measure, group, scope, wording, number) that some documents give as standing and others as
    withdrawn or disputed: one finding per figure, every document's version in it."""
    same: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for rec in claims:
        if _opt_int(rec["value"]) is None:
            continue  # a word ("dozens") is not one figure that a text can withdraw
        key = tuple(str(rec[c]) for c in ("measure", "group", "scope_place_id", "qualifier", "value"))
        same.setdefault(key, []).append(rec)
    out: list[Finding] = []
    for key, recs in sorted(same.items()):
        statuses = {str(r.get("status") or STANDING) for r in recs}
        if len(statuses) < 2 or len({str(r["doc_id"]) for r in recs}) < 2:
            continue
        recs = sorted(recs, key=lambda r: (str(r["as_of_date"]), str(r["doc_id"])))
        out.append(
            dict(kind="status", topic="|".join(key), fields="status", versions=[_figure_version(r) for r in recs])
        )
    return out


def _category_rank(column: "pd.Series") -> Any:
    """A sort key giving values in the order pandas groups them: category order for a categorical, else by text."""
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype):
        order = {str(c): i for i, c in enumerate(column.cat.categories)}
        return lambda v: (order.get(v, len(order)), v)
    return lambda v: (0, v)


def _scope_and_label_findings(ds: "Dataset", claims: list[dict[str, Any]]) -> list[Finding]:
    """Two kinds the per-scope comparison cannot see.

    * ``part_exceeds_whole``: a figure for a place inside another (Almaty inside Kazakhstan) whose
      ACLED figure is above the larger area's upper bound, both from documents published the same day.
    * ``label``: killed (or injured) counts of "protesters" and of the authorities' "armed criminals",
      from different speakers, within LABEL_DAYS of each other and in nested scopes: possibly the same
      people under two labels.

    ``claims`` are :func:`_distinct_claims`. Candidates are looked up in buckets (enclosing scope and
    publication day; as-of day), so the work grows with the claims and the pairs found, not their square.
    """
    import pandas as pd

    within = _ancestors(ds)
    published = {str(d): p for d, p in zip(ds.sources["doc_id"], ds.sources["published_date"], strict=True)}
    nested = lambda a, b: a == b or b in within.get(a, set()) or a in within.get(b, set())  # noqa: E731

    rank = {col: _category_rank(ds.casualty_reports[col]) for col in ("measure", "group")}
    by_measure_group: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for rec in claims:
        if str(rec["group"]) != NO_GROUP:
            by_measure_group.setdefault((str(rec["measure"]), str(rec["group"])), []).append(rec)
    out: list[Finding] = []
    for (measure, group), recs in sorted(
        by_measure_group.items(), key=lambda kv: (rank["measure"](kv[0][0]), rank["group"](kv[0][1]))
    ):
        # wholes by (scope, publication day of their document), in claim order
        wholes: dict[tuple[str, Any], list[int]] = {}
        for j, whole in enumerate(recs):
            wholes.setdefault((str(whole["scope_place_id"]), published.get(str(whole["doc_id"]))), []).append(j)
        for part in recs:
            scope_p = str(part["scope_place_id"])
            day = published.get(str(part["doc_id"]))
            candidates = sorted(j for anc in within.get(scope_p, set()) for j in wholes.get((anc, day), []))
            for j in candidates:
                whole = recs[j]
                high = _opt_int(whole["high"])
                if scope_p == str(whole["scope_place_id"]) or high is None or part["acled"] is None:
                    continue
                if int(part["acled"]) > high:
                    out.append(
                        dict(
                            kind="part_exceeds_whole",
                            topic=f"{measure}|{group}|{scope_p}",
                            fields="value, scope_place_id",
                            versions=[_figure_version(part), _figure_version(whole)],
                        )
                    )
    by_measure: dict[str, list[dict[str, Any]]] = {}
    for rec in claims:
        if str(rec["group"]) in LABEL_GROUPS:
            by_measure.setdefault(str(rec["measure"]), []).append(rec)
    for measure, recs in sorted(by_measure.items(), key=lambda kv: rank["measure"](kv[0])):
        on_day: dict[Any, list[int]] = {}
        for j, rec in enumerate(recs):
            on_day.setdefault(rec["as_of_date"], []).append(j)
        for i, a in enumerate(recs):
            near = (a["as_of_date"] + pd.Timedelta(days=k) for k in range(-LABEL_DAYS, LABEL_DAYS + 1))
            for j in sorted(j for d in near for j in on_day.get(d, []) if j > i):
                b = recs[j]
                if (
                    a["group"] == b["group"]
                    or a["stated_by"] == b["stated_by"]
                    or abs((a["as_of_date"] - b["as_of_date"]).days) > LABEL_DAYS
                    or not nested(str(a["scope_place_id"]), str(b["scope_place_id"]))
                ):
                    continue
                out.append(
                    dict(kind="label", topic=measure, fields="group", versions=[_figure_version(a), _figure_version(b)])
                )
    return out


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
