"""Derived views: plain frames of codes, dates and numbers computed from the dataset (display text lives in display.py).

One rule each:

* a record is *in a window* when its date range overlaps it (events, reactions), or its as-of date
  falls in it (casualty figures): :func:`in_window`;
* a happening is dated, and is *in* a window or only *may fall in* it, by :mod:`qantar.dating` (every
  count of happenings: the timeline, the map, the landing page, the explorer);
* a city's *first reported day* in a window is the earliest day any of its happenings may have happened
  within the window; it is *certain* only when a happening is dated to that day: :func:`city_summary`
  (the static map, the interactive map's day frames and the explorer all use it);
* a bare string where a list of values is expected is one value, None means all: :func:`_filter`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from qantar.qualifiers import acled_figure

if TYPE_CHECKING:  # pragma: no cover - typing only
    import networkx as nx
    import pandas as pd

    from qantar.dataset import Dataset

UNREST_TYPES = ("Protests", "Riots", "Battles", "Violence against civilians", "Explosions/Remote violence")
SERIES_GROUP = ["scope_place_id", "group", "measure"]
KEY_KINDS = (
    "protest",
    "state_of_emergency",
    "government_resignation",
    "airport_seizure",
    "csto_request",
    "csto_decision",
    "internet_blackout",
    "shoot_to_kill_order",
    "arrest",
    "mourning",
    "airport_retaken",
)


def _opt_int(value: object) -> int | None:
    """Return ``value`` as int, or None for None/NaN/pd.NA."""
    import pandas as pd

    return None if value is None or pd.isna(value) else int(value)  # type: ignore[arg-type]


def _filter(frame: "pd.DataFrame", column: str, values: Iterable[str] | str | None) -> "pd.DataFrame":
    """Rows whose ``column`` is one of ``values``: None keeps all, a bare string is one value (params.as_list)."""
    from qantar.params import as_list

    chosen = as_list(values, column)
    if chosen is None:
        return frame
    return frame[frame[column].astype(str).isin(chosen)]


def in_window(
    frame: "pd.DataFrame",
    start: object | None,
    end: object | None,
    start_col: str = "date_start",
    end_col: str | None = "date_end",
) -> "pd.DataFrame":
    """Rows whose date range [start_col, end_col] overlaps [start, end] (one column: the date falls in it)."""
    import pandas as pd

    end_col = end_col or start_col
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        keep &= frame[end_col] >= pd.Timestamp(start)
    if end is not None:
        keep &= frame[start_col] <= pd.Timestamp(end)
    return frame[keep]


def city_of_place(ds: "Dataset") -> dict[str, str]:
    """Map each place_id that is a city, or a site inside one, to the city's place_id."""
    places = ds.places
    kind = dict(zip(places["place_id"].astype(str), places["kind"].astype(str), strict=True))
    out: dict[str, str] = {}
    for pid, k, parent in zip(
        places["place_id"].astype(str), places["kind"].astype(str), places["parent_id"], strict=True
    ):
        if k == "city":
            out[pid] = pid
        elif k == "site" and parent is not None and kind.get(str(parent)) == "city":
            out[pid] = str(parent)
    return out


def events_by_city(ds: "Dataset", include_background: bool = False) -> "pd.DataFrame":
    """Events located in a city (sites folded into their city), with the city's id, name and coordinates."""
    mapping = city_of_place(ds)
    ev = ds.events
    if not include_background:
        ev = ev[~ev["background"].astype(bool)]
    ev = ev.assign(city_id=ev["place_id"].astype(str).map(mapping)).dropna(subset=["city_id"])
    cities = ds.places.set_index("place_id")[["name", "latitude", "longitude", "admin1_jan2022"]]
    return with_happening_dates(ds, ev.join(cities.rename(columns={"name": "city"}), on="city_id"))


def happening_window(events: "pd.DataFrame", start: object | None, end: object | None) -> "pd.DataFrame":
    """Events overlapping [start, end] whose happening is in or may fall in it (qantar.dating.window_fit).

    An undated version overlapping a window does not bring in a happening another version dates outside it.
    ``events`` carry their happening's dates (:func:`with_happening_dates`).
    """
    from qantar.dating import OUT, window_fit

    ev = in_window(events, start, end)
    return ev[window_fit(ev["happening_start"], ev["happening_end"], start, end) != OUT]


HAPPENING_DATE_COLUMNS = {"date_start": "happening_start", "date_end": "happening_end", "dating": "happening_dating"}


def with_happening_dates(ds: "Dataset", events: "pd.DataFrame") -> "pd.DataFrame":
    """Events with their happening's span and dating (the one rule, :mod:`qantar.dating`, from all its versions)."""
    from qantar.dating import happening_dates

    hid = events["happening_id"].astype(str)
    versions = ds.events[ds.events["happening_id"].astype(str).isin(set(hid))]
    dates = happening_dates(versions).set_index("happening_id")[list(HAPPENING_DATE_COLUMNS)]
    return events.join(dates.rename(columns=HAPPENING_DATE_COLUMNS), on=hid)


def events_in_window(
    ds: "Dataset", start: object, end: object, event_types: Iterable[str] | str | None = None
) -> "pd.DataFrame":
    """Non-background events whose date range overlaps [start, end] (and whose happening may fall in it), by type."""
    ev = happening_window(with_happening_dates(ds, ds.events[~ds.events["background"].astype(bool)]), start, end)
    return _filter(ev, "event_type", event_types).reset_index(drop=True)


def city_events(
    ds: "Dataset",
    start: object,
    end: object,
    event_types: Iterable[str] | str | None = None,
    regions: Iterable[str] | str | None = None,
    cities: Iterable[str] | str | None = None,
) -> "pd.DataFrame":
    """City-located events in the window, filtered by ACLED type, January 2022 region and city name."""
    ev = _filter(happening_window(events_by_city(ds), start, end), "event_type", event_types)
    return _filter(_filter(ev, "admin1_jan2022", regions), "city", cities).reset_index(drop=True)


SUMMARY_COLUMNS = [
    "city_id",
    "city",
    "latitude",
    "longitude",
    "admin1_jan2022",
    "first_date",
    "first_date_certain",
    "first_event_id",
    "first_doc_id",
    "n_events",
    "n_may",
    "n_reports",
    "doc_ids",
]


def summarise_cities(events: "pd.DataFrame", start: object | None = None, end: object | None = None) -> "pd.DataFrame":
    """Per city: the first reported day in the window (the one rule, see module doc), happenings, reports, documents.

    ``events`` are city events (:func:`city_events`), which carry their happening's dates
    (:func:`with_happening_dates`); [``start``, ``end``] is the window. A happening counts in
    ``n_events`` when it lies in the window and in ``n_may`` when it only may (its range reaches
    outside); a happening another version dates outside the window does not count. Range-dated
    happenings that began earlier are clipped to ``start`` for the first day.
    """
    import pandas as pd

    from qantar import dating

    if events.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    if "happening_start" not in events:  # plain events: each version is its own happening's date
        events = events.assign(
            happening_start=events["date_start"],
            happening_end=events["date_end"],
            happening_dating=events["date_precision"].astype(str).where(lambda p: p == dating.DAY, dating.RANGE),
        )
    fit = dating.window_fit(events["happening_start"], events["happening_end"], start, end)
    ev = events[fit != dating.OUT]
    if ev.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    ev = ev.assign(
        _from=ev["happening_start"] if start is None else ev["happening_start"].clip(lower=pd.Timestamp(start)),
        _ranged=(ev["happening_dating"].astype(str) != dating.DAY).astype(int),
        _in=fit[fit != dating.OUT] == dating.IN,
    )
    # Earliest possible day first; on a tie a happening dated to the day wins, so the day counts as certain.
    ev = ev.sort_values(["city_id", "_from", "_ranged", "event_id"])
    first = ev.groupby("city_id", sort=False).head(1).set_index("city_id")
    grouped = ev.groupby("city_id", sort=False)
    hid = ev["happening_id"].astype(str)
    out = pd.DataFrame(
        {
            "city": first["city"],
            "latitude": first["latitude"],
            "longitude": first["longitude"],
            "admin1_jan2022": first["admin1_jan2022"],
            "first_date": first["_from"],
            "first_date_certain": first["_ranged"] == 0,
            "first_event_id": first["event_id"].astype(str),
            "first_doc_id": first["doc_id"].astype(str),
            "n_events": hid.where(ev["_in"]).groupby(ev["city_id"], sort=False).nunique(),
            "n_may": hid.where(~ev["_in"]).groupby(ev["city_id"], sort=False).nunique(),
            "n_reports": grouped.size(),
            "doc_ids": grouped["doc_id"].agg(lambda s: ";".join(sorted(s.astype(str).unique()))),
        }
    ).reset_index()
    return out[SUMMARY_COLUMNS].sort_values(["first_date", "city"]).reset_index(drop=True)


def city_summary(
    ds: "Dataset",
    start: object,
    end: object,
    event_types: Iterable[str] | str | None = None,
    regions: Iterable[str] | str | None = None,
    cities: Iterable[str] | str | None = None,
) -> "pd.DataFrame":
    """Per city with events in the window: first reported day (certain or not), happenings, reports, documents."""
    return summarise_cities(city_events(ds, start, end, event_types, regions, cities), start, end)


def city_frames(
    ds: "Dataset",
    days: list[Any],
    event_types: Iterable[str] | str | None = None,
    regions: Iterable[str] | str | None = None,
    cities: Iterable[str] | str | None = None,
) -> "pd.DataFrame":
    """The city summary as it stood on each day of a window (events up to that day): the map's day frames."""
    import pandas as pd

    events = city_events(ds, days[0], days[-1], event_types, regions, cities)
    frames = [
        summarise_cities(in_window(events, None, day), days[0], day).assign(day=pd.Timestamp(day)) for day in days
    ]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=[*SUMMARY_COLUMNS, "day"])


def reported_before(
    ds: "Dataset",
    day: object,
    event_types: Iterable[str] | str | None = None,
    regions: Iterable[str] | str | None = None,
    cities: Iterable[str] | str | None = None,
) -> "pd.DataFrame":
    """The city summary of every day before ``day``: cities with ``n_events`` > 0 were reported before it."""
    import pandas as pd

    return city_summary(ds, None, pd.Timestamp(day) - pd.Timedelta(days=1), event_types, regions, cities)


def first_unrest_day(ds: "Dataset") -> "pd.DataFrame":
    """First reported day of unrest (protest, riot, battle, violence) per city during the unrest, by the one rule."""
    from qantar import settings

    return city_summary(ds, settings.UNREST_START, settings.UNREST_END, UNREST_TYPES)


def casualty_claims(
    ds: "Dataset",
    measures: Iterable[str] | str | None = None,
    groups: Iterable[str] | str | None = None,
    scopes: Iterable[str] | str | None = None,
    start: object | None = None,
    end: object | None = None,
) -> "pd.DataFrame":
    """Every reported figure (never merged), with ACLED's conservative figure in ``acled``; filtered, by as-of date."""
    import pandas as pd

    cr = _filter(_filter(_filter(ds.casualty_reports, "measure", measures), "group", groups), "scope_place_id", scopes)
    cr = in_window(cr, start, end, "as_of_date", None)
    cr = cr.assign(
        acled=pd.array(
            [acled_figure(str(q), _opt_int(v)) for q, v in zip(cr["qualifier"], cr["value"], strict=True)],
            dtype="Int64",
        )
    )
    return cr.sort_values(["as_of_date", "scope_place_id", "group", "measure", "report_id"]).reset_index(drop=True)


def casualty_series(claims: "pd.DataFrame") -> "pd.DataFrame":
    """The cumulative series per (scope, group, measure): ACLED's most conservative figure per as-of date, not falling.

    Rule (the project's, built on ACLED's): only totals join a series (period ``cumulative`` or
    ``unspecified``), and only figures dated within the unrest (``settings.UNREST_START``–``UNREST_END``);
    single-day counts and figures from other years do not. For each as-of date the day's figure is the
    lowest ACLED figure among that day's claims (``qualifiers.acled_figure``). The series is the running
    maximum of the day figures: a cumulative total cannot fall, so a later, lower figure (usually a vaguer
    word, such as "hundreds" after "some 190") stays a claim on the chart but does not lower the series;
    ``carried`` marks the days where the series keeps the earlier figure. ``day_qualifier``/``day_value``
    word the day's figure and ``series_report_id``/``series_qualifier``/``series_stated`` the figure the
    series value is, as the text gives it (display.claim_text): a series never shows "dozens" as 12.
    """
    import pandas as pd

    from qantar import settings

    cols = [
        *SERIES_GROUP,
        "as_of_date",
        "day_figure",
        "series",
        "carried",
        "report_id",
        "doc_id",
        "n_claims",
        "n_docs",
        "day_qualifier",
        "day_value",
        "series_report_id",
        "series_qualifier",
        "series_stated",
    ]
    usable = in_window(
        claims[claims["acled"].notna() & claims["period"].astype(str).isin(["cumulative", "unspecified"])],
        settings.UNREST_START,
        settings.UNREST_END,
        "as_of_date",
        None,
    )
    rows = []
    for key, grp in usable.groupby(SERIES_GROUP, observed=True, sort=True):
        running = None
        holder: Any = None  # the claim whose figure the series value is
        for day, claims_of_day in grp.groupby("as_of_date", sort=True):
            best = claims_of_day.sort_values(["acled", "report_id"]).iloc[0]
            figure = int(best["acled"])
            carried = running is not None and figure < running
            if not carried:
                holder = best
            running = figure if running is None else max(running, figure)
            rows.append(
                dict(
                    zip(SERIES_GROUP, key, strict=True),
                    as_of_date=day,
                    day_figure=figure,
                    series=running,
                    carried=carried,
                    report_id=str(best["report_id"]),
                    doc_id=str(best["doc_id"]),
                    n_claims=len(claims_of_day),
                    n_docs=claims_of_day["doc_id"].nunique(),
                    day_qualifier=str(best["qualifier"]),
                    day_value=_opt_int(best["value"]),
                    series_report_id=str(holder["report_id"]),
                    series_qualifier=str(holder["qualifier"]),
                    series_stated=_opt_int(holder["value"]),
                )
            )
    return pd.DataFrame(rows, columns=cols).astype({"day_value": "Int64", "series_stated": "Int64"})


def _intervals_overlap(a_low: int, a_high: int | None, b_low: int, b_high: int | None) -> bool:
    """True if [a_low, a_high] and [b_low, b_high] intersect; a missing high is unbounded."""
    a_hi = float("inf") if a_high is None else a_high
    b_hi = float("inf") if b_high is None else b_high
    return a_low <= b_hi and b_low <= a_hi


DISAGREEMENT_COLUMNS = ["kind", "subject", "doc_ids", "record_ids", "fields", "detail"]
EVENT_FIELDS = ("date_start", "date_end", "place_id", "geo_precision", "sub_event_type")


def disagreements(ds: "Dataset") -> "pd.DataFrame":
    """Every place where documents disagree: event versions, conflicting figures, part exceeding whole, wording.

    Figures are compared only within one (measure, as-of date, scope), and records that differ only in
    their id (one document's figure entered twice) are compared once, as one claim naming every id, so
    the cost grows with the rows and with the disagreements found, not with the square of the rows.
    """
    import pandas as pd

    from qantar.display import claim_text

    rows = _event_disagreements(ds)
    claims = _distinct_claims(casualty_claims(ds).dropna(subset=["low"]))
    for a, b in _comparable_pairs(claims):
        if a["doc_id"] == b["doc_id"]:
            continue
        a_low, a_high, b_low, b_high = (_opt_int(x) for x in (a["low"], a["high"], b["low"], b["high"]))
        same_group = a["group"] == b["group"]
        day = max(a["as_of_date"], b["as_of_date"])
        subject = f"{a['measure']} {a['group'] if same_group else ''} {a['scope_place_id']} as of {day:%Y-%m-%d}"
        pair = (
            f"{a['doc_id']} ({_ids_label(a)}): {claim_text(a['qualifier'], a['value'])} {a['group']} | "
            f"{b['doc_id']} ({_ids_label(b)}): {claim_text(b['qualifier'], b['value'])} {b['group']}"
        )
        base = dict(
            subject=" ".join(subject.split()),
            doc_ids=", ".join(sorted({a["doc_id"], b["doc_id"]})),
            record_ids=f"{_ids(a)}, {_ids(b)}",
            detail=pair,
        )
        if same_group and not _intervals_overlap(a_low, a_high, b_low, b_high):  # type: ignore[arg-type]
            rows.append(dict(kind="figure_conflict", fields="value", **base))
        elif same_group and a["qualifier"] != b["qualifier"]:
            rows.append(dict(kind="figure_wording", fields="qualifier", **base))
        elif not same_group and "unspecified" in (a["group"], b["group"]):
            total_high, part_low = (a_high, b_low) if a["group"] == "unspecified" else (b_high, a_low)
            if total_high is not None and part_low is not None and part_low > total_high:
                rows.append(dict(kind="part_exceeds_total", fields="value", **base))
    rows += _trigger_disagreements(ds)
    rows += _scope_and_label_disagreements(ds, claims)
    return pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS)


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


def _ids(rec: dict[str, Any]) -> str:
    """Every report_id of a (merged) claim, for the record_ids column."""
    return ", ".join(rec["_ids"])


def _ids_label(rec: dict[str, Any]) -> str:
    """A claim's report_id in a detail sentence; a merged claim names its first id and how many repeat it."""
    ids = rec["_ids"]
    return ids[0] if len(ids) == 1 else f"{ids[0]} and {len(ids) - 1} identical record{'s' * (len(ids) > 2)}"


def _event_disagreements(ds: "Dataset") -> list[dict[str, object]]:
    """Happenings told differently by two or more documents (and the onset, with first dated protests).

    Only happenings with two documents, or an onset statement, are looked at; they are grouped in plain
    Python, since a pandas operation per happening costs a millisecond and there is one per event.
    """
    ev = ds.events
    hid = ev["happening_id"].astype(str)
    kind = ev["event_kind"].astype(str)
    n_docs = ev["doc_id"].astype(str).groupby(hid).nunique()
    triggers = set(hid[kind == TRIGGER_KIND])  # compared with their citations: each document words the commodity
    onsets = set(hid[kind == ONSET_KIND])
    wanted = (set(n_docs.index[n_docs > 1]) | onsets) - triggers
    groups: dict[str, list[dict[str, Any]]] = {}
    for rec in ev[hid.isin(wanted)].to_dict("records"):
        groups.setdefault(str(rec["happening_id"]), []).append(rec)
    first_protests: dict[frozenset[str], list[dict[str, Any]]] = {}
    rows: list[dict[str, object]] = []
    for h in sorted(groups):
        grp = groups[h]
        kinds = {str(r["event_kind"]) for r in grp}
        onset = ONSET_KIND in kinds
        if onset:
            docs = frozenset(str(r["doc_id"]) for r in grp)
            if docs not in first_protests:
                first_protests[docs] = _first_dated_protests(ds, docs)
            grp = grp + first_protests[docs]
        doc_ids = sorted({str(r["doc_id"]) for r in grp})
        if len(doc_ids) < 2:
            continue
        differing = [c for c in EVENT_FIELDS if len({str(r[c]) for r in grp}) > 1]
        kind_ = "event_date" if {"date_start", "date_end"} & set(differing) else "event_version"
        kind_ = "onset" if onset else kind_
        detail = " | ".join(
            f"{r['doc_id']}: {r['variant_note'] if isinstance(r['variant_note'], str) else r['description']}"
            for r in grp
        )
        rows.append(
            dict(
                kind=kind_,
                subject=h,
                doc_ids=", ".join(doc_ids),
                record_ids=", ".join(str(r["event_id"]) for r in grp),
                fields=", ".join(differing) or "description",
                detail=detail,
            )
        )
    return rows


RANGE_AS_OF_DAYS = 1  # a range-dated figure ("as of 6 January, roughly") may describe the day before as well


def _comparable_pairs(claims: list[dict[str, Any]]) -> Iterable[tuple[dict[str, Any], dict[str, Any]]]:
    """Pairs of figures for one measure and scope whose as-of dates can be the same day.

    Day-precise figures pair with figures of the same day; a range-precise figure (as_of_precision
    ``range``) also pairs with figures of the RANGE_AS_OF_DAYS days before its date. Claims are
    bucketed by (measure, scope, date), so the work grows with the claims per day, not their square.
    """
    import pandas as pd

    buckets: dict[tuple[str, str, Any], list[dict[str, Any]]] = {}
    for rec in claims:
        buckets.setdefault((str(rec["measure"]), str(rec["scope_place_id"]), rec["as_of_date"]), []).append(rec)
    for (measure, scope, day), recs in sorted(buckets.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2])):
        for i, a in enumerate(recs):
            for b in recs[i + 1 :]:
                yield a, b
        for back in range(1, RANGE_AS_OF_DAYS + 1):
            earlier = buckets.get((measure, scope, day - pd.Timedelta(days=back)), [])
            for a in recs:
                if str(a["as_of_precision"]) == "range":
                    for b in earlier:
                        yield b, a


ONSET_KIND = "unrest_onset"  # a document's statement of when the unrest began ("at the weekend")
TRIGGER_KIND = "price_rise"  # the price rise the documents give as the trigger, each naming its commodity


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
    return [
        {**r, "variant_note": f"first protests dated {r['date_start']:%-d %B %Y} ({r['event_id']})"}
        for r in first.to_dict("records")
    ]


def _trigger_disagreements(ds: "Dataset") -> list[dict[str, object]]:
    """The price rise that set off the unrest, as each document words it (the row and its citations).

    The documents name different commodities (liquefied gas, LPG, fuel, oil); the evidence snippets
    carry those words, so the detail quotes them.
    """
    rows: list[dict[str, object]] = []
    triggers = ds.events[ds.events["event_kind"].astype(str) == TRIGGER_KIND]
    if triggers.empty:
        return rows
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
    for hid in sorted(groups):
        grp = groups[hid]
        cites = sorted(c for i in {eid for _, eid, _ in grp} for c in cites_of.get(i, []))
        versions = list(grp)
        versions += [(doc, cid, evidence) for _, doc, cid, evidence in cites]
        if len({v[0] for v in versions}) < 2:
            continue
        rows.append(
            dict(
                kind="commodity",
                subject=str(hid),
                doc_ids=", ".join(sorted({v[0] for v in versions})),
                record_ids=", ".join(v[1] for v in versions),
                fields="description",
                detail=" | ".join(f"{doc} ({rid}): \u201c{ev}\u201d" for doc, rid, ev in sorted(versions)),
            )
        )
    return rows


def _category_rank(column: "pd.Series") -> Any:
    """A sort key giving values in the order pandas groups them: category order for a categorical, else by text."""
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype):
        order = {str(c): i for i, c in enumerate(column.cat.categories)}
        return lambda v: (order.get(v, len(order)), v)
    return lambda v: (0, v)


LABEL_GROUPS = {"protesters", "armed_criminals"}  # who the dead are, as two kinds of speaker name them
LABEL_DAYS = 2  # as-of dates this close may count the same people


def _ancestors(ds: "Dataset") -> dict[str, set[str]]:
    """Every place's enclosing places (its parent_id chain), for 'is this scope inside that one'."""
    parent = {
        str(p): (None if str(q) in ("", "nan", "None", "<NA>") else str(q))
        for p, q in zip(ds.places["place_id"], ds.places["parent_id"], strict=True)
    }
    out: dict[str, set[str]] = {}
    for place in parent:
        seen: set[str] = set()
        nxt = parent.get(place)
        while nxt and nxt not in seen:
            seen.add(nxt)
            nxt = parent.get(nxt)
        out[place] = seen
    return out


def _scope_and_label_disagreements(ds: "Dataset", claims: list[dict[str, Any]]) -> list[dict[str, object]]:
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

    from qantar.display import claim_text, scope_label

    within = _ancestors(ds)
    published = {str(d): p for d, p in zip(ds.sources["doc_id"], ds.sources["published_date"], strict=True)}
    nested = lambda a, b: a == b or b in within.get(a, set()) or a in within.get(b, set())  # noqa: E731

    def describe(r: dict[str, object]) -> str:
        return (
            f"{r['doc_id']} ({_ids_label(r)}): {claim_text(r['qualifier'], r['value'])} {r['group']} "
            f"{r['measure']}, {scope_label(r['scope_place_id'])}, as of {r['as_of_date']:%Y-%m-%d}, "
            f"stated by {r['stated_by']}"
        )

    rank = {col: _category_rank(ds.casualty_reports[col]) for col in ("measure", "group")}
    by_measure_group: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for rec in claims:
        by_measure_group.setdefault((str(rec["measure"]), str(rec["group"])), []).append(rec)
    rows: list[dict[str, object]] = []
    for _key, recs in sorted(
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
                scope_w = str(whole["scope_place_id"])
                high = _opt_int(whole["high"])
                if scope_p == scope_w or high is None or part["acled"] is None:
                    continue
                if int(part["acled"]) > high:
                    rows.append(
                        dict(
                            kind="part_exceeds_whole",
                            subject=f"{part['group']} {part['measure']}: {scope_label(scope_p)} above "
                            f"{scope_label(scope_w)}, documents of "
                            f"{published[str(part['doc_id'])]:%Y-%m-%d}",
                            doc_ids=", ".join(sorted({str(part["doc_id"]), str(whole["doc_id"])})),
                            record_ids=f"{_ids(part)}, {_ids(whole)}",
                            fields="value, scope_place_id",
                            detail=f"{describe(part)} | {describe(whole)}",
                        )
                    )
    by_measure: dict[str, list[dict[str, Any]]] = {}
    for rec in claims:
        if str(rec["group"]) in LABEL_GROUPS:
            by_measure.setdefault(str(rec["measure"]), []).append(rec)
    for _measure, recs in sorted(by_measure.items(), key=lambda kv: rank["measure"](kv[0])):
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
                rows.append(
                    dict(
                        kind="label",
                        subject=f"{a['measure']}: protesters or \u201carmed criminals\u201d?",
                        doc_ids=", ".join(sorted({str(a["doc_id"]), str(b["doc_id"])})),
                        record_ids=f"{_ids(a)}, {_ids(b)}",
                        fields="group",
                        detail=f"{describe(a)} | {describe(b)} (possibly the same people under two labels)",
                    )
                )
    return rows


def records_per_document(ds: "Dataset") -> "pd.DataFrame":
    """Count, per document and table, the rows that cite it (own citation or citations.csv)."""
    cites = ds.all_citations().drop_duplicates(["table", "record_id", "doc_id"])
    table = cites.pivot_table(index="doc_id", columns="table", values="record_id", aggfunc="count", fill_value=0)
    table["total"] = table.sum(axis=1)
    return table


# --- views for the notebooks -------------------------------------------------------------


def daily_counts(
    events: "pd.DataFrame", start: object, end: object, versions: "pd.DataFrame | None" = None
) -> tuple["pd.DataFrame", int]:
    """Happenings dated to a day in the window, per day and ACLED type, and how many others there are (not drawn).

    Each happening is counted once, by the one rule (:func:`qantar.dating.happenings`, its dates from every
    version in ``versions``, None: ``events``): on its day when dated to one; happenings known only to a
    range, dated differently by the texts or only perhaps in the window are the second number.
    """
    import pandas as pd

    from qantar import dating

    days = pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq="D")
    found = dating.happenings(events, start, end, versions)
    drawn = found[(found["dating"].astype(str) == dating.DAY) & (found["window"].astype(str) == dating.IN)]
    types = events["event_type"]
    if isinstance(types.dtype, pd.CategoricalDtype):  # keep the category order of the columns
        drawn = drawn.assign(event_type=pd.Categorical(drawn["event_type"].astype(str), types.cat.categories))
    table = (
        drawn.groupby(["date_start", "event_type"], observed=True)
        .size()
        .unstack(fill_value=0)
        .reindex(days, fill_value=0)
    )
    table.index.name = "date"
    return table, int(len(found) - len(drawn))


def key_events(events: "pd.DataFrame", happenings: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """One row per key happening (first report of each key kind in KEY_KINDS), for annotations.

    With ``happenings`` (:func:`qantar.dating.happenings`), one the texts date differently has
    ``date_precision`` ``disputed``: the annotation says so rather than vouch for its first report's day.
    """
    ev = events[events["event_kind"].astype(str).isin(KEY_KINDS)].sort_values(["date_start", "event_id"])
    first = ev.drop_duplicates("event_kind")
    if happenings is not None:
        from qantar.dating import DISPUTED

        disputed = set(happenings.loc[happenings["dating"].astype(str) == DISPUTED, "happening_id"].astype(str))
        mark = first["happening_id"].astype(str).isin(disputed)
        first = first.assign(date_precision=first["date_precision"].astype(str).mask(mark, DISPUTED))
    return first[["event_id", "event_kind", "date_start", "date_end", "date_precision", "doc_id"]].reset_index(
        drop=True
    )


def coverage(ds: "Dataset", start: object | None = None, end: object | None = None) -> "pd.DataFrame":
    """Which document reports which fact, long form: one row per (fact, document) citation in the window.

    A fact is an event happening or a casualty topic (measure, group, scope, as-of date); columns:
    fact_kind, fact, date, doc_id, table, record_id, evidence.
    """
    import pandas as pd

    cites = ds.all_citations()
    ev = in_window(ds.events[~ds.events["background"].astype(bool)], start, end)
    cr = in_window(ds.casualty_reports, start, end, "as_of_date", None)
    ev_facts = pd.DataFrame(
        {
            "record_id": ev["event_id"].astype(str),
            "fact_kind": "event",
            "fact": ev["happening_id"].astype(str),
            "date": ev["date_start"],
        }
    )
    cr_facts = pd.DataFrame(
        {
            "record_id": cr["report_id"].astype(str),
            "fact_kind": "figure",
            "fact": cr["measure"].astype(str)
            + "|"
            + cr["group"].astype(str)
            + "|"
            + cr["scope_place_id"].astype(str)
            + "|"
            + cr["as_of_date"].dt.strftime("%Y-%m-%d"),
            "date": cr["as_of_date"],
        }
    )
    parts = [
        cites[cites["table"] == "events"].merge(ev_facts, on="record_id"),
        cites[cites["table"] == "casualty_reports"].merge(cr_facts, on="record_id"),
    ]
    both = pd.concat(parts, ignore_index=True)
    return (
        both[["fact_kind", "fact", "date", "doc_id", "table", "record_id", "evidence"]]
        .sort_values(["date", "fact", "doc_id"], kind="stable")
        .reset_index(drop=True)
    )


def corroboration(ds: "Dataset", long: "pd.DataFrame") -> "pd.Series":
    """Per fact of :func:`coverage`, how many documents report it *alike*: the most behind any one version of it.

    Documents that tell a happening alike cite one events row (their own or an additional citation);
    each document that tells it differently has its own row, a version of its own. For a figure,
    documents report it alike when they give the same wording and number. A fact its documents tell
    in several versions is corroborated only by the largest group behind one version, so the state of
    emergency, four versions in five documents, is not "reported by 5 documents".
    """
    import pandas as pd

    if long.empty:
        return pd.Series(dtype=int, name="documents_alike")
    cr = ds.casualty_reports
    wording = dict(
        zip(
            cr["report_id"].astype(str),
            cr["qualifier"].astype(str) + "|" + cr["value"].astype("string").fillna(""),
            strict=True,
        )
    )
    record = long["record_id"].astype(str)
    version = record.where(long["fact_kind"].astype(str) == "event", record.map(wording))
    alike = long.assign(_version=version).groupby(["fact", "_version"], sort=False)["doc_id"].nunique()
    return alike.groupby(level="fact", sort=False).max().rename("documents_alike")


def coverage_matrix(ds: "Dataset", start: object | None = None, end: object | None = None) -> "pd.DataFrame":
    """Which document reports which fact: 1 where a document cites it (rows in date order, a column per document)."""
    import pandas as pd

    long = coverage(ds, start, end)
    order = list(dict.fromkeys(long["fact"]))
    matrix = pd.crosstab(long["fact"], long["doc_id"]).clip(upper=1).reindex(order)
    return matrix.reindex(columns=sorted(ds.sources["doc_id"].astype(str)), fill_value=0)


def reactions_view(
    ds: "Dataset",
    actor_kinds: Iterable[str] | str | None = None,
    stances: Iterable[str] | str | None = None,
    start: object | None = None,
    end: object | None = None,
) -> "pd.DataFrame":
    """Reactions filtered by actor kind, stance and date overlap, with the name of the state or body spoken for."""
    re_ = in_window(_filter(_filter(ds.reactions, "actor_kind", actor_kinds), "stance", stances), start, end)
    places = ds.places
    # Organisations are known by their abbreviation (CSTO, EU, UN); states by name.
    short = {
        str(pid): (str(alt).split(";")[0] if kind == "organisation" and alt is not None else str(name))
        for pid, kind, alt, name in zip(
            places["place_id"], places["kind"], places["alternate_names"], places["name"], strict=True
        )
    }
    speaks_for = re_["actor_for"].astype(str).map(short)
    re_ = re_.assign(
        speaks_for=speaks_for.fillna(re_["actor"].astype(str)),
        counterpart_state=re_["counterpart_for"].astype(str).map(short),
    )
    return re_.sort_values(["date_start", "reaction_id"]).reset_index(drop=True)


def stance_counts(reactions: "pd.DataFrame", by: str = "speaks_for") -> "pd.DataFrame":
    """Number of statements per actor (or state) and stance."""
    table = reactions.groupby([by, "stance"], observed=True).size().unstack(fill_value=0)
    return table.loc[table.sum(axis=1).sort_values(ascending=False).index]


def call_network(reactions: "pd.DataFrame") -> "nx.Graph":
    """Undirected networkx graph of phone calls: nodes are people (with their state), edges carry dates and sources."""
    import networkx as nx

    graph = nx.Graph()
    calls = reactions[(reactions["channel"].astype(str) == "phone_call") & reactions["counterpart"].notna()]
    for r in calls.itertuples():
        a, b = str(r.actor), str(r.counterpart)
        graph.add_node(a, state=r.speaks_for)
        if b not in graph:
            graph.add_node(b, state=r.counterpart_state if isinstance(r.counterpart_state, str) else None)
        if graph.has_edge(a, b):
            graph[a][b]["reaction_ids"].append(r.reaction_id)
            continue
        graph.add_edge(
            a,
            b,
            date_start=r.date_start,
            date_end=r.date_end,
            date_precision=str(r.date_precision),
            reaction_ids=[r.reaction_id],
            doc_id=str(r.doc_id),
        )
    return graph


def call_edges(graph: "nx.Graph") -> "pd.DataFrame":
    """The call network as a table: one row per pair of people who spoke by phone (what the network figure draws)."""
    import pandas as pd

    rows = [
        dict(
            person_a=a,
            state_a=graph.nodes[a].get("state"),
            person_b=b,
            state_b=graph.nodes[b].get("state"),
            date_start=d["date_start"],
            date_end=d["date_end"],
            reaction_ids=";".join(d["reaction_ids"]),
            doc_id=d["doc_id"],
        )
        for a, b, d in sorted(graph.edges(data=True))
    ]
    return pd.DataFrame(
        rows, columns=["person_a", "state_a", "person_b", "state_b", "date_start", "date_end", "reaction_ids", "doc_id"]
    )
