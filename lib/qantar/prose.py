"""Prose is data: the sentences a page states, computed for the run that publishes them.

Every number, date and name in a finding comes from the frames the page's figures draw (and
downloads as CSV), so a page built for 5–10 January can never describe 2 January. Captions say
what a figure shows, for which parameters and by which rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qantar import display as d

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from qantar.notebook import Run


def _params(run: "Run") -> str:
    filters = run.describe_filters()
    return f"Parameters: {d.window_label(run.window.start, run.window.end)}" + (f"; {filters}." if filters else ".")


# --- overview --------------------------------------------------------------------------------


def timeline_findings(run: "Run", counts: "pd.DataFrame", n_ranged: int) -> list[str]:
    """What the daily timeline shows for this window."""
    totals = counts.sum(axis=1)
    n_day = int(totals.sum())
    window = d.window_label(run.window.start, run.window.end)
    if n_day == 0:
        return [
            f"No happening in the texts is dated to a single day in {window}; "
            f"{d.plural(n_ranged, 'happening')} {'is' if n_ranged == 1 else 'are'} known only to a date range."
        ]
    busiest = totals.idxmax()
    top_type = counts.loc[busiest].idxmax()
    first = totals[totals > 0].index[0]
    return [
        f"In {window} the texts date {d.plural(n_day, 'happening')} to a single day and "
        f"{n_ranged:,} more only to a date range.",
        f"The busiest day was {d.day_label(busiest)}, with {d.plural(int(totals[busiest]), 'happening')}, "
        f"most of them {str(top_type).lower()} ({int(counts.loc[busiest, top_type])}).",
        f"The first happenings dated in this window fall on {d.day_label(first)} ({int(totals[first])}).",
    ]


def timeline_caption(run: "Run") -> str:
    """Caption of the daily timeline."""
    return (
        "Happenings reported per day, by ACLED event type; each happening is counted once on the day the texts "
        "date it to, however many documents report it. Happenings dated only to a range are counted in the note, "
        "not spread over days. Labels mark the first report of key events; one known only to a range is pinned to "
        f"the last day it can have happened by. {_params(run)}"
    )


def coverage_findings(matrix: "pd.DataFrame", labels: dict[str, str]) -> list[str]:
    """How many facts rest on one document, and which is the best corroborated."""
    if matrix.empty:
        return ["No document reports an event or a figure in this window."]
    per_fact = matrix.sum(axis=1)
    single = int((per_fact == 1).sum())
    best = per_fact.idxmax()
    return [
        f"Of {d.plural(len(matrix), 'fact')} in this window, {single} "
        f"{'rests' if single == 1 else 'rest'} on a single document; the best corroborated is "
        f"“{labels.get(best, best)}”, reported by {d.plural(int(per_fact[best]), 'document')}."
    ]


def coverage_caption(run: "Run") -> str:
    """Caption of the coverage matrix."""
    return (
        "Which document reports which fact: rows are event happenings and casualty figures in the window, in date "
        "order; a dot means the document supports the fact (in its own row or as an additional citation). "
        f"{_params(run)}"
    )


def disagreement_findings(dis: "pd.DataFrame") -> list[str]:
    """How many disagreements, and of which kinds."""
    if dis.empty:
        return ["The documents do not disagree on anything recorded here."]
    kinds = dis["kind"].value_counts()
    parts = [f"{int(n)} × {d.disagreement_label(k)}" for k, n in kinds.items()]
    return [f"The documents disagree in {d.plural(len(dis), 'place')}: {d.join(parts)}. Every version is kept."]


def tension_findings(inside: "pd.DataFrame") -> list[str]:
    """How many tensions within one document (not disagreements between documents), and in which documents."""
    if inside.empty:
        return ["No document contradicts itself on anything compared here."]
    docs = sorted({d.short_id(doc) for ids in inside["doc_ids"] for doc in str(ids).split(", ")})
    kinds = inside["kind"].value_counts()
    parts = [f"{int(n)} × {d.disagreement_label(k)}" for k, n in kinds.items()]
    return [
        f"Within one document, {d.plural(len(inside), 'tension')} ({d.join(parts)}) in "
        f"{d.plural(len(docs), 'document')} ({d.join(docs)}); they are not counted as disagreements."
    ]


# --- map -------------------------------------------------------------------------------------


def map_findings(run: "Run", cities: "pd.DataFrame") -> list[str]:
    """Where and when unrest was first reported, for this run's window and filters."""
    window = d.window_label(run.window.start, run.window.end)
    if cities.empty:
        return [f"No city has a reported event of the selected kinds in {window}."]
    out = [
        f"{d.plural(len(cities), 'city', 'cities')} {'has' if len(cities) == 1 else 'have'} at least one reported "
        f"event of the selected kinds in {window}."
    ]
    certain = cities[cities["first_date_certain"].astype(bool)]
    for day, grp in list(certain.groupby("first_date", sort=True))[:4]:
        names = sorted(grp["city"].astype(str))
        out.append(f"First reported on {d.day_label(day)}: {d.join(names)}.")
    busiest = cities.sort_values(["n_events", "city"], ascending=[False, True]).iloc[0]
    out.append(f"The most events: {busiest['city']} ({int(busiest['n_events'])}).")
    ranged = sorted(cities.loc[~cities["first_date_certain"].astype(bool), "city"].astype(str))
    if ranged:
        out.append(f"{d.join(ranged)}: the first event is known only to a date range, so the first day is uncertain.")
    return out


def map_caption(run: "Run") -> str:
    """Caption of the protest-city map."""
    return (
        "Cities with at least one reported event, sized by the number of distinct happenings and coloured by the "
        "first day on which one may have happened within the window (the same colour for a day on every page). "
        "A city is white when its earliest event is known only to a date range: its first day is certain only "
        "when a day-precise report falls on it. A site, such as an airport, counts for its city. "
        f"{_params(run)}"
    )


def map_alt(run: "Run", cities: "pd.DataFrame") -> str:
    """Alt text of the static map."""
    names = d.join([f"{c} ({n})" for c, n in zip(cities["city"], cities["n_events"], strict=True)]) or "no city"
    return (
        f"Map of Kazakhstan and its regions with {d.plural(len(cities), 'city', 'cities')} marked for "
        f"{d.window_label(run.window.start, run.window.end)}, sized by number of events: {names}."
    )


# --- casualties --------------------------------------------------------------------------------


def casualty_findings(run: "Run", claims: "pd.DataFrame", series: "pd.DataFrame") -> list[str]:
    """The series, from first to last point, and what was left out of them."""
    if claims.empty:
        return [f"No casualty figure matches these parameters in {d.window_label(run.window.start, run.window.end)}."]
    out = []
    order = {g: i for i, g in enumerate(d.GROUP_LABELS)}
    measure_order = {m: i for i, m in enumerate(d.MEASURE_LABELS)}
    keyed = sorted(
        series.groupby(["scope_place_id", "group", "measure"], observed=True),
        key=lambda kv: (kv[0][0] != "kz", order.get(str(kv[0][1]), 99), measure_order.get(str(kv[0][2]), 99)),
    )
    for (scope, group, measure), grp in keyed:
        grp = grp.sort_values("as_of_date")
        first, last = grp.iloc[0], grp.iloc[-1]
        label = d.series_label(scope, group, measure)
        label = label[0].upper() + label[1:]
        kept = (
            " (a lower figure was reported that day; the series keeps the earlier one)" if bool(last["carried"]) else ""
        )
        if len(grp) == 1:
            out.append(f"{label}: {int(first['series']):,} as of {d.day_label(first['as_of_date'])}.")
        else:
            out.append(
                f"{label}: {int(first['series']):,} as of {d.day_label(first['as_of_date'])}, "
                f"{int(last['series']):,} as of {d.day_label(last['as_of_date'])}{kept}."
            )
    out = out[:6]  # national series first; the series table lists every one
    drawn = int(claims["acled"].notna().sum())
    unquantified = int(claims["acled"].isna().sum())
    out.append(
        f"{d.plural(len(claims), 'figure')} match these parameters; {drawn} {'is' if drawn == 1 else 'are'} drawn"
        + (f", {unquantified} {'gives' if unquantified == 1 else 'give'} no number." if unquantified else ".")
    )
    return out


def casualty_caption(run: "Run") -> str:
    """Caption of the casualty chart, with the series rule."""
    return (
        "Every reported figure at its as-of date, one panel per measure; claims of one day sit side by side "
        "between the day lines. Dot: exact figure; triangle: “at least”/“more than”; diamond: a vague word at "
        "ACLED's figure (dozens 12, hundreds 100, thousands 1,000); bar: “about”/“some” with the project's own "
        "±10 % band. Filled: national; hollow: Almaty only. The line is the cumulative series (the project's rule): "
        "each day's most conservative figure (ACLED), never falling, because a later, vaguer figure does not mean "
        f"fewer casualties; single-day counts and figures from other years stay out of it. {_params(run)}"
    )


def casualty_alt(claims: "pd.DataFrame", measures: list[str]) -> str:
    """Alt text of the casualty chart."""
    drawn = claims[claims["acled"].notna()]
    panels = d.join(
        [f"{d.MEASURE_LABELS.get(m, m)} ({int((drawn['measure'].astype(str) == m).sum())} figures)" for m in measures]
    )
    return f"Chart of casualty figures by as-of date in {len(measures)} panels: {panels}."


# --- reactions ---------------------------------------------------------------------------------


def reaction_findings(run: "Run", rv: "pd.DataFrame", by_state: "pd.DataFrame") -> list[str]:
    """Who reacted, how, and the most common stance, for this run's filters."""
    if rv.empty:
        return [f"No statement or call matches these parameters in {d.window_label(run.window.start, run.window.end)}."]
    stances = rv["stance"].astype(str).value_counts()
    top_state = by_state.sum(axis=1).idxmax()
    out = [
        f"{d.plural(len(rv), 'statement or call', 'statements and calls')}"
        f" by {d.plural(rv['actor'].nunique(), 'actor')} "
        f"speaking for {d.plural(len(by_state), 'state or body', 'states and bodies')}.",
        f"The most common stance: {d.STANCE_LABELS.get(stances.index[0], stances.index[0])} ({int(stances.iloc[0])}).",
        f"{top_state} accounts for the most ({int(by_state.sum(axis=1)[top_state])}).",
    ]
    ranged = int((rv["date_precision"].astype(str) != "day").sum())
    if ranged:
        out.append(f"{ranged} {'is' if ranged == 1 else 'are'} dated only to a range.")
    return out


def network_findings(edges: "pd.DataFrame") -> list[str]:
    """The phone-call network in one sentence."""
    if edges.empty:
        return ["No phone call matches these parameters."]
    people = list(edges["person_a"]) + list(edges["person_b"])
    counts = {p: people.count(p) for p in set(people)}
    hub = max(sorted(counts), key=lambda p: counts[p])
    return [
        f"{d.plural(len(edges), 'phone call')} link {d.plural(len(counts), 'person', 'people')}; "
        f"{hub} took part in the most ({counts[hub]})."
    ]


def reactions_caption(run: "Run", what: str) -> str:
    """Caption of a reactions figure."""
    return f"{what} Stances are the project's categories; each statement also carries its CAMEO code. {_params(run)}"


def headline_label(page_meta: dict[str, Any]) -> str:
    """The index's one-line finding for a page: its first finding."""
    return str(page_meta.get("headline") or "")


def timeline_alt(counts: "pd.DataFrame") -> str:
    """Alt text of the daily timeline."""
    totals = counts.sum(axis=1)
    days = d.join([f"{day.day} {day:%b} {int(n)}" for day, n in totals.items() if n])
    return f"Stacked bar chart of happenings per day by ACLED event type: {days or 'none'}."


def coverage_alt(matrix: "pd.DataFrame") -> str:
    """Alt text of the coverage matrix."""
    per_doc = matrix.sum(axis=0)
    docs = d.join([f"document {d.short_id(doc)} reports {int(n)}" for doc, n in per_doc.items()])
    return f"Grid of {d.plural(len(matrix), 'fact')} against {d.plural(len(matrix.columns), 'document')}: {docs}."


def bars_alt(counts: "pd.DataFrame", what: str) -> str:
    """Alt text of a stance bar chart."""
    rows = d.join([f"{name} {int(n)}" for name, n in counts.sum(axis=1).items()])
    return f"Horizontal bar chart of statements and calls by {what}, split by stance: {rows or 'none'}."


def reactions_timeline_alt(rv: "pd.DataFrame") -> str:
    """Alt text of the reaction timeline."""
    return (
        f"Timeline of {d.plural(len(rv), 'statement or call', 'statements and calls')}, one row per state or body "
        f"({d.join(list(dict.fromkeys(rv['speaks_for'].astype(str))))}), coloured by stance."
    )


def network_alt(edges: "pd.DataFrame") -> str:
    """Alt text of the call network."""
    pairs = d.join([f"{a} with {b}" for a, b in zip(edges["person_a"], edges["person_b"], strict=True)])
    return f"Network of phone calls: {pairs or 'none'}."


def site_intro(ds: Any) -> dict[str, Any]:
    """The landing page's introduction and caveats, with counts computed from the dataset that was published."""
    src = ds.sources
    days = sorted(src["published_date"].dt.date.unique())
    published = d.join([d.day_label(x) for x in days]) + f" {days[-1]:%Y}" if days else "no date"
    events = ds.events[~ds.events["background"].astype(bool)]
    from qantar.derive import first_unrest_day

    cities = d.plural(len(first_unrest_day(ds)), "Kazakh city", "Kazakh cities")
    lede = (
        f"A hand-built, source-cited dataset made from {d.plural(len(src), 'news text')} published on {published}: "
        f"{d.plural(events['happening_id'].nunique(), 'happening')}, unrest in {cities}, "
        f"{d.plural(len(ds.casualty_reports), 'casualty figure')} and "
        f"{d.plural(len(ds.reactions), 'reaction')}. Each report below shows where the unrest spread, how the "
        "figures evolved and disagreed, or how governments reacted, and every row cites the sentence it rests on."
    )
    unknown = int((src["outlet"].astype(str).str.strip().isin(["", "unknown"])).sum())
    caveats = [
        "Figures are claims, not counts. The texts were written during an internet blackout and relay officials and "
        "state media they could not check.",
        "There is no firm civilian or protester toll in these texts; protester deaths appear only as “dozens”.",
        "Documents disagree, and the dataset keeps every version; the overview lists each disagreement.",
        "Dates are often resolved from “on Wednesday” or “earlier this week”; each record says how, and whether "
        "it is a day or a range.",
        f"Outlets are identified from clues in the texts; {d.plural(unknown, 'document')} "
        f"{'has' if unknown == 1 else 'have'} no identifiable outlet.",
        "Names changed after January 2022 (Nur-Sultan is Astana again; Taldykorgan is now in Jetisu Region); the "
        "reports use the names of the time.",
    ]
    return {"lede": lede, "caveats": caveats, "citation": d.citation(ds.version)}
