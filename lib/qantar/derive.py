"""Derived views: plain frames of codes, dates and numbers computed from the dataset (display text lives in display.py).

One rule each:

* a record is *in a window* when its date range overlaps it (events, reactions), or its as-of date
  falls in it (casualty figures): :func:`in_window`;
* a city's *first reported day* in a window is the earliest day any of its events may have happened
  within the window; it is *certain* only when a day-precise report falls on that day: :func:`city_summary`
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
    """Rows whose ``column`` is one of ``values``: None keeps all, a bare string is one value (filters.matches)."""
    from qantar.filters import matches

    return frame[matches(frame, {column: values})]


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
    return ev.join(cities.rename(columns={"name": "city"}), on="city_id")


def events_in_window(
    ds: "Dataset", start: object, end: object, event_types: Iterable[str] | str | None = None
) -> "pd.DataFrame":
    """Non-background events whose date range overlaps [start, end], optionally of some ACLED types."""
    ev = in_window(ds.events[~ds.events["background"].astype(bool)], start, end)
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

    ev = in_window(events_by_city(ds), start, end)
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
    "n_reports",
    "doc_ids",
]


def summarise_cities(events: "pd.DataFrame", start: object | None = None) -> "pd.DataFrame":
    """Per city: the first reported day (the one rule, see module doc), distinct happenings, reports and documents.

    ``events`` are city events (:func:`city_events`); ``start`` is the window's first day, to which
    range-dated events that began earlier are clipped.
    """
    import pandas as pd

    if events.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    ev = events.assign(
        _from=events["date_start"] if start is None else events["date_start"].clip(lower=pd.Timestamp(start)),
        _ranged=(events["date_precision"].astype(str) != "day").astype(int),
    )
    # Earliest possible day first; on a tie a day-precise report wins, so the day counts as certain.
    ev = ev.sort_values(["city_id", "_from", "_ranged", "event_id"])
    first = ev.groupby("city_id", sort=False).head(1).set_index("city_id")
    grouped = ev.groupby("city_id", sort=False)
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
            "n_events": grouped["happening_id"].nunique(),
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
    return summarise_cities(city_events(ds, start, end, event_types, regions, cities), start)


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
    frames = [summarise_cities(in_window(events, None, day), days[0]).assign(day=pd.Timestamp(day)) for day in days]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=[*SUMMARY_COLUMNS, "day"])


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
    ``carried`` marks the days where the series keeps the earlier figure.
    """
    import pandas as pd

    from qantar import settings

    cols = [*SERIES_GROUP, "as_of_date", "day_figure", "series", "carried", "report_id", "doc_id", "n_claims", "n_docs"]
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
        for day, claims_of_day in grp.groupby("as_of_date", sort=True):
            best = claims_of_day.sort_values(["acled", "report_id"]).iloc[0]
            figure = int(best["acled"])
            carried = running is not None and figure < running
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
                )
            )
    return pd.DataFrame(rows, columns=cols)


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


def daily_counts(events: "pd.DataFrame", start: object, end: object) -> tuple["pd.DataFrame", int]:
    """Day-precise events per day and ACLED type (one count per happening), and how many ranged ones were left out."""
    import pandas as pd

    days = pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq="D")
    exact = events[events["date_precision"].astype(str) == "day"].drop_duplicates(["happening_id", "date_start"])
    table = (
        exact.groupby(["date_start", "event_type"], observed=True)
        .size()
        .unstack(fill_value=0)
        .reindex(days, fill_value=0)
    )
    table.index.name = "date"
    ranged = events[events["date_precision"].astype(str) != "day"]["happening_id"].nunique()
    return table, int(ranged)


def key_events(events: "pd.DataFrame") -> "pd.DataFrame":
    """One row per key happening (first report of each key kind in KEY_KINDS), for annotations."""
    ev = events[events["event_kind"].astype(str).isin(KEY_KINDS)].sort_values(["date_start", "event_id"])
    first = ev.drop_duplicates("event_kind")
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
