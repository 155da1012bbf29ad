"""Derived views: casualty claims and the conservative series, first day of unrest per city, disagreements."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover - typing only
    import networkx as nx
    import pandas as pd

    from qantar.dataset import Dataset

UNREST_TYPES = ("Protests", "Riots", "Battles", "Violence against civilians", "Explosions/Remote violence")
SERIES_KEY = ["scope_place_id", "group", "measure", "as_of_date"]


def span_label(start: object, end: object, precision: object) -> str:
    """A happening's date as shown to readers: '5 Jan' when day-precise, else the range '2–8 Jan'."""
    if str(precision) == "day":
        return f"{start:%-d %b}"
    return f"{start:%-d}–{end:%-d %b}" if (start.year, start.month) == (end.year, end.month) else f"{start:%-d %b}–{end:%-d %b}"


def _opt_int(value: object) -> int | None:
    """Return ``value`` as int, or None for None/NaN/pd.NA."""
    import pandas as pd

    return None if value is None or pd.isna(value) else int(value)  # type: ignore[arg-type]


def format_claim(qualifier: str, value: object) -> str:
    """Render a figure as the text says it: 'at least 8', 'about 5,000', 'dozens'."""
    n = _opt_int(value)
    number = None if n is None else f"{n:,}"
    words = {"exact": "{n}", "at_least": "at least {n}", "more_than": "more than {n}", "about": "about {n}",
             "some": "some {n}", "dozens": "dozens", "hundreds": "hundreds", "thousands": "thousands",
             "unquantified": "unquantified"}
    return words[qualifier].format(n=number)


def city_of_place(ds: "Dataset") -> dict[str, str]:
    """Map each place_id that is a city, or a site inside one, to the city's place_id."""
    places = ds.places.set_index("place_id")
    out: dict[str, str] = {}
    for pid, row in places.iterrows():
        if row["kind"] == "city":
            out[str(pid)] = str(pid)
        elif row["kind"] == "site" and row["parent_id"] is not None and str(row["parent_id"]) in places.index:
            if places.loc[str(row["parent_id"]), "kind"] == "city":
                out[str(pid)] = str(row["parent_id"])
    return out


def events_by_city(ds: "Dataset", include_background: bool = False) -> "pd.DataFrame":
    """Events located in a city (sites folded into their city), with the city's id, name and coordinates."""
    mapping = city_of_place(ds)
    ev = ds.events.copy()
    if not include_background:
        ev = ev[~ev["background"].astype(bool)]
    ev["city_id"] = ev["place_id"].astype(str).map(mapping)
    ev = ev.dropna(subset=["city_id"])
    cities = ds.places.set_index("place_id")[["name", "latitude", "longitude", "admin1_jan2022"]]
    cities = cities.rename(columns={"name": "city"})
    return ev.join(cities, on="city_id")


def first_unrest_day(ds: "Dataset") -> "pd.DataFrame":
    """First reported day of unrest (protest, riot, battle, violence) per city, with the event and document behind it."""
    ev = events_by_city(ds)
    ev = ev[ev["event_type"].astype(str).isin(UNREST_TYPES)]
    # Day-precise reports win ties over ranges that start on the same day.
    ev = ev.assign(_exact=(ev["date_precision"].astype(str) != "day").astype(int))
    ev = ev.sort_values(["city_id", "date_start", "_exact", "event_id"])
    first = ev.groupby("city_id", sort=False).head(1)
    counts = ev.groupby("city_id")["happening_id"].nunique().rename("n_happenings")
    out = first.join(counts, on="city_id")[
        ["city_id", "city", "date_start", "date_precision", "event_id", "doc_id", "n_happenings",
         "latitude", "longitude", "admin1_jan2022"]
    ].rename(columns={"date_start": "first_date"})
    return out.sort_values(["first_date", "city"]).reset_index(drop=True)


def _filter(frame: "pd.DataFrame", column: str, values: Iterable[str] | str | None) -> "pd.DataFrame":
    """Rows whose ``column`` is one of ``values``: None keeps all, a bare string is one value (params.as_list)."""
    from qantar.params import as_list

    chosen = as_list(values, column)
    if chosen is None:
        return frame
    return frame[frame[column].astype(str).isin(chosen)]


def casualty_claims(ds: "Dataset", measures: Iterable[str] | None = None, groups: Iterable[str] | None = None,
                    scopes: Iterable[str] | None = None, start: str | None = None, end: str | None = None) -> "pd.DataFrame":
    """Every reported figure (never merged) with a readable claim text, optionally filtered."""
    import pandas as pd

    cr = ds.casualty_reports.copy()
    cr = _filter(_filter(_filter(cr, "measure", measures), "group", groups), "scope_place_id", scopes)
    if start is not None:
        cr = cr[cr["as_of_date"] >= pd.Timestamp(start)]
    if end is not None:
        cr = cr[cr["as_of_date"] <= pd.Timestamp(end)]
    names = ds.places.set_index("place_id")["name"].astype(str)
    cr["scope"] = cr["scope_place_id"].astype(str).map(names)
    cr["claim"] = [format_claim(str(q), v) for q, v in zip(cr["qualifier"], cr["value"].astype(object))]
    return cr.sort_values(["as_of_date", "scope_place_id", "group", "measure", "report_id"]).reset_index(drop=True)


def conservative_series(claims: "pd.DataFrame") -> "pd.DataFrame":
    """ACLED's rule per (scope, group, measure, as-of date): the lowest reported figure among the claims.

    Claims with no lower bound (unquantified) are left out. ``conservative`` is the lowest
    lower bound; ``highest_low`` shows how far the claims spread above it.
    """
    usable = claims.dropna(subset=["low"])
    rows = []
    for key, grp in usable.groupby(SERIES_KEY, observed=True, sort=True):
        best = grp.sort_values(["low", "report_id"]).iloc[0]
        rows.append(dict(zip(SERIES_KEY, key), conservative=int(best["low"]), highest_low=int(grp["low"].max()),
                         report_id=best["report_id"], doc_id=str(best["doc_id"]), n_claims=len(grp),
                         n_docs=grp["doc_id"].nunique()))
    import pandas as pd

    return pd.DataFrame(rows, columns=[*SERIES_KEY, "conservative", "highest_low", "report_id", "doc_id", "n_claims", "n_docs"])


def _overlap(a_low: int, a_high: int | None, b_low: int, b_high: int | None) -> bool:
    """True if [a_low, a_high] and [b_low, b_high] intersect; a missing high is unbounded."""
    a_hi = float("inf") if a_high is None else a_high
    b_hi = float("inf") if b_high is None else b_high
    return a_low <= b_hi and b_low <= a_hi


def disagreements(ds: "Dataset") -> "pd.DataFrame":
    """Every place where documents disagree: event versions, conflicting figures, part exceeding whole, wording."""
    import pandas as pd

    rows: list[dict[str, object]] = []
    ev = ds.events
    for hid, grp in ev.groupby("happening_id", observed=True, sort=True):
        if grp["doc_id"].nunique() < 2:
            continue
        differing = [c for c in ("date_start", "date_end", "place_id", "geo_precision", "sub_event_type")
                     if grp[c].astype(str).nunique() > 1]
        kind = "event_date" if {"date_start", "date_end"} & set(differing) else "event_version"
        detail = " | ".join(f"{r.doc_id}: {r.variant_note}" for r in grp.itertuples())
        rows.append(dict(kind=kind, subject=str(hid), doc_ids=", ".join(sorted(grp["doc_id"].astype(str).unique())),
                         record_ids=", ".join(grp["event_id"].astype(str)),
                         fields=", ".join(differing) or "description", detail=detail))
    cl = casualty_claims(ds).dropna(subset=["low"])
    recs = cl.to_dict("records")
    for rec in recs:
        rec["low"], rec["high"] = _opt_int(rec["low"]), _opt_int(rec["high"])
    for i, a in enumerate(recs):
        for b in recs[i + 1:]:
            if a["doc_id"] == b["doc_id"] or a["measure"] != b["measure"] or a["as_of_date"] != b["as_of_date"] \
                    or a["scope_place_id"] != b["scope_place_id"]:
                continue
            same_group = a["group"] == b["group"]
            subject = f"{a['measure']} {a['group'] if same_group else ''} {a['scope']} as of {a['as_of_date']:%Y-%m-%d}"
            pair = f"{a['doc_id']} ({a['report_id']}): {a['claim']} {a['group']} | {b['doc_id']} ({b['report_id']}): {b['claim']} {b['group']}"
            base = dict(subject=" ".join(subject.split()), doc_ids=", ".join(sorted({a["doc_id"], b["doc_id"]})),
                        record_ids=f"{a['report_id']}, {b['report_id']}", detail=pair)
            if same_group and not _overlap(a["low"], a["high"], b["low"], b["high"]):
                rows.append(dict(kind="figure_conflict", fields="value", **base))
            elif same_group and a["qualifier"] != b["qualifier"]:
                rows.append(dict(kind="figure_wording", fields="qualifier", **base))
            elif not same_group and "unspecified" in (a["group"], b["group"]):
                total, part = (a, b) if a["group"] == "unspecified" else (b, a)
                if total["high"] is not None and part["low"] > total["high"]:
                    rows.append(dict(kind="part_exceeds_total", fields="value", **base))
    return pd.DataFrame(rows, columns=["kind", "subject", "doc_ids", "record_ids", "fields", "detail"])


def records_per_document(ds: "Dataset") -> "pd.DataFrame":
    """Count, per document and table, the rows that cite it (own citation or citations.csv)."""
    cites = ds.all_citations().drop_duplicates(["table", "record_id", "doc_id"])
    table = cites.pivot_table(index="doc_id", columns="table", values="record_id", aggfunc="count", fill_value=0)
    table["total"] = table.sum(axis=1)
    return table


# --- views for the notebooks -------------------------------------------------------------

KEY_KINDS = {"protest": "First protests", "state_of_emergency": "State of emergency", "government_resignation": "Government resigns",
             "airport_seizure": "Almaty airport seized", "csto_request": "Appeal to CSTO", "csto_decision": "CSTO decides to send troops",
             "internet_blackout": "Internet blackout", "shoot_to_kill_order": "'Shoot to kill' order", "arrest": "Massimov detained",
             "mourning": "Day of mourning", "airport_retaken": "Airport retaken"}


def events_in_window(ds: "Dataset", start: object, end: object, event_types: Iterable[str] | None = None) -> "pd.DataFrame":
    """Non-background events whose date range overlaps [start, end], optionally of some ACLED types."""
    import pandas as pd

    ev = ds.events[~ds.events["background"].astype(bool)]
    ev = ev[(ev["date_start"] <= pd.Timestamp(end)) & (ev["date_end"] >= pd.Timestamp(start))]
    return _filter(ev, "event_type", event_types).reset_index(drop=True)


def daily_counts(events: "pd.DataFrame", start: object, end: object) -> tuple["pd.DataFrame", int]:
    """Day-precise events per day and ACLED type (one count per happening), and how many ranged events were left out."""
    import pandas as pd

    days = pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq="D")
    exact = events[events["date_precision"].astype(str) == "day"].drop_duplicates(["happening_id", "date_start"])
    table = (exact.groupby(["date_start", "event_type"], observed=True).size().unstack(fill_value=0)
             .reindex(days, fill_value=0))
    table.index.name = "date"
    ranged = events[events["date_precision"].astype(str) != "day"]["happening_id"].nunique()
    return table, int(ranged)


def key_events(events: "pd.DataFrame") -> "pd.DataFrame":
    """One row per key happening (first report of each key kind) with a short label, for annotations."""
    ev = events[events["event_kind"].astype(str).isin(KEY_KINDS)].sort_values(["date_start", "event_id"])
    first = ev.drop_duplicates("event_kind")
    return first.assign(label=first["event_kind"].astype(str).map(KEY_KINDS))[
        ["event_id", "event_kind", "date_start", "date_end", "date_precision", "label", "doc_id"]].reset_index(drop=True)


def coverage_matrix(ds: "Dataset", start: object | None = None, end: object | None = None) -> "pd.DataFrame":
    """Which document reports which fact: 1 where a document cites an event happening or a casualty topic in the window."""
    import pandas as pd

    cites = ds.all_citations()
    ev = ds.events[~ds.events["background"].astype(bool)]
    cr = ds.casualty_reports
    if start is not None:
        ev = ev[ev["date_end"] >= pd.Timestamp(start)]
        cr = cr[cr["as_of_date"] >= pd.Timestamp(start)]
    if end is not None:
        ev = ev[ev["date_start"] <= pd.Timestamp(end)]
        cr = cr[cr["as_of_date"] <= pd.Timestamp(end)]
    ev_cites = cites[cites["table"] == "events"].merge(
        ev[["event_id", "happening_id", "date_start"]].astype({"event_id": str}), left_on="record_id", right_on="event_id")
    ev_cites["fact"] = "event: " + ev_cites["happening_id"].astype(str)
    topic = ("figure: " + cr["measure"].astype(str) + " " + cr["group"].astype(str) + " (" + cr["scope_place_id"].astype(str)
             + ", " + cr["as_of_date"].dt.strftime("%d %b") + ")")
    cr_cites = cites[cites["table"] == "casualty_reports"].merge(
        pd.DataFrame({"record_id": cr["report_id"].astype(str), "fact": topic, "date_start": cr["as_of_date"]}), on="record_id")
    both = pd.concat([ev_cites[["fact", "doc_id", "date_start"]], cr_cites[["fact", "doc_id", "date_start"]]])
    order = both.groupby("fact")["date_start"].min().sort_values(kind="stable").index
    matrix = pd.crosstab(both["fact"], both["doc_id"]).clip(upper=1).reindex(order)
    return matrix.reindex(columns=sorted(ds.sources["doc_id"]), fill_value=0)


def city_events(ds: "Dataset", start: object, end: object, event_types: Iterable[str] | None = None,
                regions: Iterable[str] | None = None, cities: Iterable[str] | None = None) -> "pd.DataFrame":
    """City-located events in the window, filtered by ACLED type, January 2022 region and city name."""
    ev = events_by_city(ds)
    window = events_in_window(ds, start, end, event_types)
    ev = ev[ev["event_id"].isin(window["event_id"])]
    return _filter(_filter(ev, "admin1_jan2022", regions), "city", cities).reset_index(drop=True)


def city_summary(ds: "Dataset", start: object, end: object, event_types: Iterable[str] | None = None,
                 regions: Iterable[str] | None = None, cities: Iterable[str] | None = None) -> "pd.DataFrame":
    """Per city with events in the window: happening count, first day, coordinates and a hover list of its events."""
    import pandas as pd

    ev = city_events(ds, start, end, event_types, regions, cities)
    rows = []
    for city_id, grp in ev.sort_values(["date_start", "event_id"]).groupby("city_id", sort=False):
        first = grp.iloc[0]
        lines = [f"{span_label(r.date_start, r.date_end, r.date_precision)}: {r.event_kind} — {r.description} "
                 f"[{r.doc_id[:3]}]" for r in grp.itertuples()]
        day_precise = grp[grp["date_precision"].astype(str) == "day"]
        # The first day is only certain when a day-precise report is the earliest.
        certain = not day_precise.empty and day_precise["date_start"].min() == first["date_start"]
        rows.append(dict(city_id=city_id, city=first["city"], latitude=first["latitude"], longitude=first["longitude"],
                         admin1_jan2022=first["admin1_jan2022"], first_date=first["date_start"],
                         first_date_certain=certain,
                         first_date_label=span_label(first["date_start"], first["date_end"], "day" if certain else "range")
                         + ("" if certain else " (range)"),
                         n_events=grp["happening_id"].nunique(), docs=", ".join(sorted(grp["doc_id"].astype(str).str[:3].unique())),
                         event_list="<br>".join(lines)))
    cols = ["city_id", "city", "latitude", "longitude", "admin1_jan2022", "first_date", "first_date_certain",
            "first_date_label", "n_events", "docs", "event_list"]
    return pd.DataFrame(rows, columns=cols).sort_values(["first_date", "city"]).reset_index(drop=True)


def reactions_view(ds: "Dataset", actor_kinds: Iterable[str] | None = None, stances: Iterable[str] | None = None,
                   start: object | None = None, end: object | None = None) -> "pd.DataFrame":
    """Reactions filtered by actor kind, stance and date overlap, with the name of the state or body spoken for."""
    import pandas as pd

    re_ = _filter(_filter(ds.reactions, "actor_kind", actor_kinds), "stance", stances)
    if start is not None:
        re_ = re_[re_["date_end"] >= pd.Timestamp(start)]
    if end is not None:
        re_ = re_[re_["date_start"] <= pd.Timestamp(end)]
    places = ds.places.set_index("place_id")
    # Organisations are shown by their abbreviation (CSTO, EU, UN); states by name.
    short = {pid: (str(r["alternate_names"]).split(";")[0] if r["kind"] == "organisation" and pd.notna(r["alternate_names"])
                   else str(r["name"])) for pid, r in places.iterrows()}
    speaks_for = re_["actor_for"].astype(str).map(short)
    re_ = re_.assign(speaks_for=speaks_for.fillna(re_["actor"].astype(str)),
                     counterpart_state=re_["counterpart_for"].astype(str).map(short))
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
            graph.add_node(b, state=r.counterpart_state if isinstance(r.counterpart_state, str) else "unnamed")
        if graph.has_edge(a, b):
            graph[a][b]["reaction_ids"].append(r.reaction_id)
            continue
        graph.add_edge(a, b, date=span_label(r.date_start, r.date_end, r.date_precision), reaction_ids=[r.reaction_id], doc_id=str(r.doc_id))
    return graph
