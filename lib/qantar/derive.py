"""Derived views: plain frames of codes, dates and numbers computed from the dataset (display text lives in display.py).

One rule each:

* a record is *in a window* when its date range overlaps it (events, reactions), or its as-of date
  falls in it (casualty figures): :func:`in_window`;
* a happening is dated, and is *in* a window or only *may fall in* it, by :mod:`qantar.dating` (every
  count of happenings: the timeline, the map, the landing page, the explorer);
* a city's *first reported day* in a window is the earliest day any of its happenings may have happened
  within the window; it is *certain* only when a happening is dated to that day: :func:`city_summary`
  (the static map, the interactive map's day frames and the explorer all use it);
* a bare string where a list of values is expected is one value, None means all: :func:`qantar.frames.filter_values`.

The casualty and reaction views live in :mod:`qantar.derive_casualties` and :mod:`qantar.derive_reactions`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from qantar import display

# The derived views are split by subject (casualties, reactions); their names stay importable from here.
from qantar.derive_casualties import (
    SERIES_GROUP as SERIES_GROUP,
    casualty_claims as casualty_claims,
    claim_status as claim_status,
    casualty_series as casualty_series,
    TOLL_PERIODS as TOLL_PERIODS,
    TOLL_COLUMNS as TOLL_COLUMNS,
    toll_period_bounds as toll_period_bounds,
    toll_periods as toll_periods,
)
from qantar.derive_reactions import (
    reactions_view as reactions_view,
    stance_counts as stance_counts,
    call_network as call_network,
    call_records as call_records,
    call_edges as call_edges,
)
from qantar.frames import filter_values as _filter
from qantar.frames import in_window as in_window

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd

    from qantar.dataset import Dataset

UNREST_TYPES = ("Protests", "Riots", "Battles", "Violence against civilians", "Explosions/Remote violence")


# The key happenings the overview timeline annotates: one definition, display's labels for them.
KEY_KINDS = tuple(display.KEY_EVENT_LABELS)


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
    """City-located events in the window of some ACLED types, January 2022 regions and city names.

    The filters combine by the explorer's one rule (filters.matches): a city and a region chosen
    together keep the city's events only if it lies in the region.
    """
    from qantar.filters import matches

    ev = happening_window(events_by_city(ds), start, end)
    keep = matches(ev, {"event_type": event_types, "admin1_jan2022": regions, "city": cities})
    return ev[keep].reset_index(drop=True)


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
    ev = events[events["event_kind"].astype(str).isin(KEY_KINDS)]
    # A version a text dates to a day leads over one known only to a range (ev068, 004's undated state of emergency,
    # must not pin the happening to the first day of its range); then the earliest.
    ev = ev.assign(_ranged=ev["date_precision"].astype(str) != "day").sort_values(["_ranged", "date_start", "event_id"])
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
            + cr["as_of_date"].dt.strftime(display.ISO_DAY),
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
    """Which document reports which fact: 1 where a document cites it (rows in date order, a column per document).

    Columns: every document that reports a fact of the window, and every document published by the window's end
    (an empty column says a text of those days reports none of them); a text published later that reports none of
    the window's facts is left out rather than drawn as an empty column.
    """
    import pandas as pd

    long = coverage(ds, start, end)
    order = list(dict.fromkeys(long["fact"]))
    matrix = pd.crosstab(long["fact"], long["doc_id"]).clip(upper=1).reindex(order)
    src = ds.sources
    published = pd.to_datetime(src["published_date"])
    by_end = published <= pd.Timestamp(str(end)) if end is not None else published.notna()
    columns = set(src.loc[by_end, "doc_id"].astype(str)) | set(matrix.columns.astype(str))
    return matrix.reindex(columns=sorted(columns), fill_value=0)
