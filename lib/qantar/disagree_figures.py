"""The disagreement engine's rules for casualty figures: figures of one named group, headline tolls, a
figure's status, a part above its whole, and two labels for possibly the same people.

The rules are stated in :mod:`qantar.disagree`'s module doc (figures, tolls, status, labels); its
:func:`~qantar.disagree.disagreements` and :func:`~qantar.disagree.tensions` call them on :func:`_distinct_claims`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from qantar.derive import _ancestors
from qantar.disagree_base import LABEL_DAYS, LABEL_GROUPS, NO_GROUP, RANGE_AS_OF_DAYS, STANDING, Finding
from qantar.frames import opt_int as _opt_int

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd

    from qantar.dataset import Dataset


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
