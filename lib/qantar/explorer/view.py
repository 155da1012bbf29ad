"""The explorer's view computation: a selection in, the frames, counts, titles and notes every view shows out.

:func:`compute_view` turns a :class:`qantar.selection.Selection` into the frames every view shows
(events table, map cities, timeline, casualty claims with their place scope, reactions), every one by
the same filter rule (:func:`qantar.selection.matches`: different filters combine with AND, the values
of one filter with OR; the map, timeline and counts are computed from the records table's rows);
:func:`table_page` sorts and pages the records table. The figures (:mod:`qantar.explorer.figures`),
the zip export (:mod:`qantar.explorer.export`) and the app's HTML (:mod:`qantar.explorer.html`) are
built from a :class:`View` in their own modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Sequence

from qantar import dating, derive, display, filters
from qantar.selection import Selection, matches

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from qantar.dataset import Dataset

MEASURES = ["killed", "injured", "detained"]  # the casualty chart's panels when no measure is chosen


# The records table: column key → heading; sort keys sort the raw columns (dates as dates, no city last).
TABLE_COLUMNS = display.EVENT_TABLE_COLUMNS


SORT_KEYS = {
    "date": ["date_start", "event_id"],
    "city": ["city", "date_start", "event_id"],
    "event_type": ["event_type", "date_start", "event_id"],
    "source": ["source", "date_start", "event_id"],
}


PAGE_SIZE = 25


NO_CITY = "—"


@dataclass
class View:
    """Everything the explorer shows for one selection."""

    selection: Selection
    events: "pd.DataFrame"  # the records table: one row per report, with city, date label, evidence, source
    cities: "pd.DataFrame"  # the map: derive.SUMMARY_COLUMNS per city with events
    city_events: "pd.DataFrame"  # the city-located events behind the map (hover)
    timeline: "pd.DataFrame"  # day-precise happenings per day (rows) and event type (columns)
    n_ranged: int  # happenings known only to a date range (not on the timeline)
    claims: "pd.DataFrame"  # casualty claims in the chart, scoped to the selected places
    series: "pd.DataFrame"  # the cumulative series of those claims
    measures: list[str]  # the chart's panels
    scope_note: str  # which national or city figures the chart keeps or leaves out, and why
    n_national: int  # figures kept because their scope contains the selected places (0 with no place selected)
    reactions: "pd.DataFrame"  # reactions filtered by actor kind, days and search
    place_note: str = ""  # which selected cities lie in none of the selected regions, so match nothing
    happenings: "pd.DataFrame | None" = None  # the records' happenings, dated by the one rule (qantar.dating)

    @property
    def start(self) -> date:
        """First day of the selection."""
        return self.selection.start

    @property
    def end(self) -> date:
        """Last day of the selection."""
        return self.selection.end

    @property
    def n_events(self) -> int:
        """Distinct happenings in the records table (those in or perhaps in the chosen days, by the one rule)."""
        if self.happenings is not None:
            return len(self.happenings)
        return int(self.events["happening_id"].nunique())

    @property
    def n_may(self) -> int:
        """Happenings of the records table known only to dates that reach outside the chosen days."""
        return 0 if self.happenings is None else dating.breakdown(self.happenings)[dating.MAY]

    def label(self) -> str:
        """One-line count, e.g. '2–10 January 2022: 53 events (1 may fall outside these days) in 62 reports, 12 cities
        on the map (31 reports name no city); 18 casualty claims; 31 reactions'."""
        # Country-wide and regional reports are in the table but on no city: say how many, or the sum looks wrong.
        cityless = int(self.events["city"].isna().sum()) if "city" in self.events else 0
        unplaced = (
            f" ({display.plural(cityless, 'report')} {'names' if cityless == 1 else 'name'} no city)"
            if cityless
            else ""
        )
        # Happenings, cities and reactions known only to dates reaching outside the days are shown, and said so.
        reactions_may = dating.count_may(self.reactions, self.start, self.end)
        may = f" ({self.n_may:,} may fall outside these days)" if self.n_may else ""
        may_cities = int((self.cities["n_events"].astype(int) == 0).sum()) if len(self.cities) else 0
        cities_may = (
            ""
            if not may_cities
            else f", {may_cities:,} of them only perhaps in these days"
            if may_cities < len(self.cities)
            else f", {'only' if may_cities == 1 else 'all only'} perhaps in these days"
        )
        return (
            f"{display.window_label(self.start, self.end)}: "
            f"{display.plural(self.n_events, 'event')}{may}"
            f"{'' if len(self.events) == self.n_events else ' in ' + display.plural(len(self.events), 'report')}, "
            f"{display.plural(len(self.cities), 'city', 'cities')} on the map{cities_may}{unplaced}; "
            f"{display.plural(len(self.claims), 'casualty claim')}; {display.plural(len(self.reactions), 'reaction')}"
            + (f" ({reactions_may:,} may fall outside these days)" if reactions_may else "")
        )

    def filter_label(self) -> str:
        """What is filtered, in words: '2–10 January 2022 · Riots · Almaty · search “airport”' (days always)."""
        return filter_label(self.selection)


# Which filters apply to which view (qantar.filters; the reactions are national or foreign statements: places do not).
APPLIES = {view: (*filters.applies(view), "q") for view in ("events", "casualties", "reactions")}


def filter_label(sel: Selection, applies: Sequence[str] | None = None) -> str:
    """The selection in words for titles: days first, then each filter that narrows something, then the search.

    ``applies`` names the filters to mention (of qantar.filters.FILTERS and q); None is all. Cities and
    regions are said together (:func:`places_label`).
    """
    use = set(applies) if applies is not None else {*filters.FILTERS, "q"}
    parts = [display.window_label(sel.start, sel.end)]
    places_said = False  # cities and regions are said once, together
    for f in filters.FILTERS.values():
        chosen = getattr(sel, f.name)
        if not chosen or f.name not in use or (f.name in filters.PLACES and places_said):
            continue
        if f.name in filters.PLACES:
            parts.append(places_label(sel))
            places_said = True
        else:
            parts.append(display.join([f.value_label(v) for v in chosen], "or"))
    if sel.q and "q" in use:
        parts.append(f"search “{sel.q}”")
    return " · ".join(parts)


def places_label(sel: Selection) -> str:
    """The place filters in words: 'Aktau or Zhanaozen', 'Mangystau Region', or both: 'Aktau, in Mangystau Region'."""
    cities, regions = display.join(list(sel.cities), "or"), display.join(list(sel.regions), "or")
    return f"{cities}, in {regions}" if cities and regions else cities or regions


def place_note(ds: "Dataset", sel: Selection, facets: "pd.DataFrame | None" = None) -> str:
    """Why a city chosen with regions shows nothing: it lies in none of them (empty when every city is in one)."""
    if not (sel.cities and sel.regions):
        return ""
    facets = place_facets(ds) if facets is None else facets
    region_of = dict(facets.dropna(subset=["city", "region"])[["city", "region"]].itertuples(index=False))
    outside = [c for c in sel.cities if region_of.get(c) not in sel.regions]
    if not outside:
        return ""
    verb = "is" if len(outside) == 1 else "are"
    result = "nothing matches" if len(outside) == len(sel.cities) else f"{display.join(outside)} {verb} left out"
    return (
        f"{display.join(outside)} {verb} not in {display.join(list(sel.regions), 'or')}. A city and a region "
        f"selected together show the city only where it lies in the region, so {result}; clear the city or the "
        "region to see the other."
    )


def place_facets(ds: "Dataset") -> "pd.DataFrame":
    """Per place_id: the city it is in (itself, or a site's city; none for a country, area or region), the city's
    coordinates, and its January 2022 region (the city's, else its own): what the place filters test."""
    import pandas as pd

    places = ds.places.set_index(ds.places["place_id"].astype(str))
    ids = pd.Series(places.index, index=places.index)
    city_id = ids.map(derive.city_of_place(ds))
    own_region = places["admin1_jan2022"].astype("string")
    return pd.DataFrame(
        {
            "city_id": city_id,
            "city": city_id.map(places["name"].astype(str)),
            "latitude": city_id.map(places["latitude"]),
            "longitude": city_id.map(places["longitude"]),
            "region": city_id.map(own_region).fillna(own_region),
        }
    )


def filter_rows(frame: "pd.DataFrame", sel: Selection, table: str) -> "pd.DataFrame":
    """The rows of one table of a view that pass the selection's list filters (the one rule, selection.matches)."""
    return frame[matches(frame, sel.chosen(table))]


def _texts(ds: "Dataset", table: str, id_col: str, frame: "pd.DataFrame", columns: Sequence[str]) -> "pd.Series":
    """Lower-cased searchable text of each row: its own text columns and the evidence of its citations."""
    cites = ds.citations[ds.citations["table"].astype(str) == table]
    extra = cites.groupby(cites["record_id"].astype(str))["evidence"].agg(lambda s: " ".join(s.astype(str))).to_dict()
    text = frame[id_col].astype(str).map(lambda record: extra.get(record, ""))
    for col in columns:
        text = text + " " + frame[col].fillna("").astype(str)
    return text.str.lower()


def search(ds: "Dataset", table: str, frame: "pd.DataFrame", text: str) -> "pd.DataFrame":
    """Rows whose descriptions, summaries, notes or evidence (own or their citations') contain ``text``, any case."""
    needle = " ".join(str(text).split()).lower()
    if not needle:
        return frame
    id_col, columns = {
        "events": ("event_id", ["description", "evidence", "variant_note"]),
        "casualty_reports": ("report_id", ["evidence", "notes"]),
        "reactions": ("reaction_id", ["summary", "evidence"]),
    }[table]
    return frame[_texts(ds, table, id_col, frame, columns).str.contains(needle, regex=False)]


def selected_places(ds: "Dataset", sel: Selection, facets: "pd.DataFrame | None" = None) -> set[str]:
    """Place ids the place filters select, by the same rule as the events (empty with no place filter).

    ``facets`` is :func:`place_facets` of ``ds`` when the caller has it already."""
    if not (sel.cities or sel.regions):
        return set()
    facets = place_facets(ds) if facets is None else facets
    return set(filter_rows(facets, sel, "places").index)


def scope_claims(
    ds: "Dataset", claims: "pd.DataFrame", sel: Selection, facets: "pd.DataFrame | None" = None
) -> tuple["pd.DataFrame", str, int]:
    """Casualty claims for the selected places, a sentence saying which are kept and why, and how many are national.

    With no city or region selected every claim is kept. Otherwise a claim is kept when its scope
    (``scope_place_id``) is a selected place (:func:`selected_places`) or contains one: national
    (``kz``) figures cover every city, so they stay, and the sentence says the texts break none of them
    down by city; a city's own figures (Almaty) stay only when that city is selected. A city chosen
    with a region it is not in selects no place, so no figure stays (:func:`place_note` says why).
    """
    if not (sel.cities or sel.regions):
        return claims, "", 0
    facets = place_facets(ds) if facets is None else facets
    chosen = selected_places(ds, sel, facets)
    if not chosen:  # the cities lie in none of the regions: nothing to scope to (place_note says why)
        return claims.iloc[:0], "", 0
    within = derive._ancestors(ds)
    covering = set().union(*(within.get(p, set()) for p in chosen)) - chosen
    scope = claims["scope_place_id"].astype(str)
    keep = scope.isin(chosen | covering)
    kept, dropped = claims[keep], claims[~keep]
    names = display.place_names(ds)
    shown = [c for c in sel.cities if c in set(facets.loc[sorted(chosen), "city"])] or list(sel.regions)
    sentences = []
    national = kept[kept["scope_place_id"].astype(str).isin(covering)]
    if len(national):
        sentences.append(
            f"The chart keeps {display.plural(len(national), 'national figure')} (all of Kazakhstan): "
            f"they include {display.join(shown)}, and the texts break none of them down by city."
        )
    for pid, grp in dropped.groupby(dropped["scope_place_id"].astype(str)):
        sentences.append(
            f"It leaves out {display.plural(len(grp), 'figure')} for {names.get(pid, pid)} only, "
            "which is outside the selection."
        )
    return kept, " ".join(sentences), len(national)


def compute_view(ds: "Dataset", selection: Selection | None = None) -> View:
    """Filter every table for a selection (None: the default one): records, map cities, timeline, scoped casualty
    claims and reactions. In a selection an empty tuple means all."""
    sel = selection or Selection()
    labels = display.source_labels(ds)
    facets = place_facets(ds)
    events = derive.events_in_window(ds, sel.start, sel.end)
    place = events["place_id"].astype(str)
    events = events.assign(**{column: place.map(facets[column]) for column in facets.columns})
    events = search(ds, "events", filter_rows(events, sel, "events"), sel.q)
    events = (
        events.assign(
            date_label=[
                display.span_label(s, e, p, year=True)
                for s, e, p in zip(events["date_start"], events["date_end"], events["date_precision"], strict=True)
            ],
            source=events["doc_id"].astype(str).map(labels),
        )
        .sort_values(["date_start", "event_id"])
        .reset_index(drop=True)
    )
    # One rule for counting happenings (qantar.dating): each once, dated by all its versions, not only the shown ones;
    # a report whose happening another version dates outside the days (001's undated storming) is not listed.
    versions = ds.events[~ds.events["background"].astype(bool)]
    found = dating.happenings(events, sel.start, sel.end, versions)
    events = events[events["happening_id"].astype(str).isin(set(found["happening_id"]))].reset_index(drop=True)
    # What the table shows of a description: a record it cites by id ('as for ev055') named in words.
    described = events["description"].astype(str)
    cites = described.str.contains(display.RECORD_REF, regex=True)
    if cites.any():
        refs = display.record_labels(ds)
        described = described.where(~cites, described[cites].map(lambda t: display.plain_refs(t, refs)))
    events = events.assign(description_shown=described)
    # The map, the timeline and the count line are computed from these rows, so they cannot disagree with the table.
    city_ev = events[events["city_id"].notna()].assign(admin1_jan2022=lambda e: e["region"]).reset_index(drop=True)
    summary = derive.summarise_cities(city_ev, sel.start, sel.end)
    timeline, n_ranged = derive.daily_counts(events, sel.start, sel.end, versions)
    panels = list(sel.measures) or MEASURES
    claims = derive.casualty_claims(ds, measures=panels, start=sel.start, end=sel.end)
    claims = search(ds, "casualty_reports", filter_rows(claims, sel, "claims"), sel.q)
    claims, scope_note, n_national = scope_claims(ds, claims, sel, facets)
    claims = claims.assign(
        scope=claims["scope_place_id"].astype(str).map(display.scope_label),
        source=claims["doc_id"].astype(str).map(labels),
    ).reset_index(drop=True)
    series = derive.casualty_series(claims)
    reactions = derive.reactions_view(ds, None, None, sel.start, sel.end)
    reactions = search(ds, "reactions", filter_rows(reactions, sel, "reactions"), sel.q).reset_index(drop=True)
    reactions = reactions.assign(
        date_label=[
            display.span_label(s, e, p, year=True)
            for s, e, p in zip(reactions["date_start"], reactions["date_end"], reactions["date_precision"], strict=True)
        ],
        source=reactions["doc_id"].astype(str).map(labels),
    )
    return View(
        sel,
        events,
        summary,
        city_ev,
        timeline,
        n_ranged,
        claims,
        series,
        panels,
        scope_note,
        n_national,
        reactions,
        place_note(ds, sel, facets),
        found,
    )


def table_rows(events: "pd.DataFrame") -> "pd.DataFrame":
    """Records as readers see them: date with the year, city ('—' for none), type, description, evidence, source."""
    return events.assign(
        date=events["date_label"],
        city=events["city"].fillna(NO_CITY),
        event_type=events["event_type"].astype(str),
        description=events.get("description_shown", events["description"]).astype(str),
        evidence=events["evidence"].astype(str),
        source=events["source"].astype(str),
    )


def table_page(
    view: View, sort: str = "date", ascending: bool = True, page: int = 0, size: int = PAGE_SIZE
) -> tuple["pd.DataFrame", int, str]:
    """One page of the sorted records table: (rows with TABLE_COLUMNS, the page shown, '1–25 of 62' label).

    Records without a city sort last either way; a page past the end shows the last page; an unknown
    sort key sorts by date.
    """
    keys = SORT_KEYS.get(sort, SORT_KEYS["date"])
    ev = view.events.assign(event_type=view.events["event_type"].astype(str))
    ev = ev.sort_values(keys, ascending=[ascending] + [True] * (len(keys) - 1), kind="stable", na_position="last")
    n = len(ev)
    last = max(0, (n - 1) // size)
    page = min(max(0, int(page)), last)
    chunk = table_rows(ev.iloc[page * size : (page + 1) * size])
    label = "no records" if n == 0 else f"{page * size + 1}–{page * size + len(chunk)} of {n}"
    return chunk[list(TABLE_COLUMNS)].reset_index(drop=True), page, label


def figure_titles(view: View) -> dict[str, str]:
    """Title of each figure, saying what is filtered."""
    events = filter_label(view.selection, APPLIES["events"])
    return {
        "map": f"Cities with events: {events}",
        "timeline": f"Events per day: {events}",
        # A figure saved alone must not pass national totals off as the selected city's.
        "casualties": f"Casualty figures: {filter_label(view.selection, APPLIES['casualties'])}"
        + (f" (with {display.plural(view.n_national, 'national figure')})" if view.n_national else ""),
    }


def section_titles(view: View) -> dict[str, str]:
    """Headings of the records table and the reactions, saying what is filtered and how many rows."""
    events = filter_label(view.selection, APPLIES["events"])
    reactions = filter_label(view.selection, APPLIES["reactions"])
    return {
        "records": f"Records ({display.plural(len(view.events), 'report')}): {events}",
        "reactions": f"Reactions ({display.plural(len(view.reactions), 'statement')}): {reactions}",
    }


def chart_note(view: View) -> str:
    """The line under the casualty chart: which figures it keeps for the selected places and why, or that none match."""
    if view.claims.empty:
        return " ".join(
            filter(None, ["No casualty figure matches this selection.", view.scope_note or view.place_note])
        )
    return view.scope_note


def timeline_note(view: View) -> str:
    """The line above the timeline: what it counts and what it leaves out."""
    from qantar.prose import undrawn_note

    note = "Happenings dated to a day, each counted once"
    if view.happenings is not None and view.n_ranged:
        return f"{note}. {undrawn_note(view.happenings)}"
    if view.n_ranged:
        note += f"; {display.plural(view.n_ranged, 'happening')} not dated to a day in these days not shown"
    return note


def timing_text(load_seconds: float, build_seconds: float, change_seconds: float | None = None) -> str:
    """The app's own timings in one line for its log (dataset load, first build, last change)."""
    text = f"Dataset loaded in {load_seconds:.1f} s; views built in {build_seconds:.1f} s"
    if change_seconds is not None:
        text += f"; last change {change_seconds:.2f} s"
    return text + "."
