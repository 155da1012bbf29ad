"""The landing page's words: its opening findings and one sentence per report card, computed from the data.

Each card says what is particular to its run: the run's parameters in words (window, groups, measures,
actor kinds, event types) and the highest or leading figures under those parameters, so that two runs
of one notebook never read alike. The opening findings (:func:`headline_findings`) take the whole
record: the highest toll and how it grew, how many disagreements, how far the unrest spread, who
reacted; each links to the page where the reader meets it. All numbers come from qantar.derive and
qantar.disagree on the dataset the site was built from.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from qantar import display as d
from qantar.filters import FILTERS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from qantar.dataset import Dataset
    from qantar.notebook import Run

RunRef = tuple[str, str, Mapping[str, Any] | None]  # (run name, notebook, parameters) as reports.yml gives them

# The words of a run's list parameters' values: the explorer's filters' from their registry, and the stances.
FILTER_LABELS = {
    **{f.name: f.value_labels for f in FILTERS.values() if f.value_labels is not None},
    "stances": d.STANCE_LABELS,
}


def run_for(ds: "Dataset", notebook: str, parameters: Mapping[str, Any] | None = None) -> "Run":
    """A notebook run's validated parameters (as its set-up cell would check them), without executing it."""
    from qantar import params as P
    from qantar.notebook import Run

    stem = Path(notebook).stem
    values = {k: v for k, v in (parameters or {}).items() if k not in ("output_dir", "data_dir")}
    checked = P.check_values(stem, values, ds)
    filters = {p.name: checked[p.name] for p in P.spec(stem) if p.kind == "choices"}
    return Run(stem, ds, P.Window(checked["start_date"], checked["end_date"]), None, filters)


def scope_words(run: "Run") -> str:
    """The run's parameters in words: '2 January – 16 August 2022, security forces only; killed and injured'."""
    parts = [d.window_label(run.window.start, run.window.end)]
    for name, values in run.filters.items():
        if values is None:
            continue
        labels = FILTER_LABELS.get(name, {})
        parts.append(d.join([str(labels.get(v, d.words(v))) for v in values]) + (" only" if len(values) == 1 else ""))
    return ", ".join(parts[:1]) + ("; " + "; ".join(parts[1:]) if len(parts) > 1 else "")


# --- casualties ----------------------------------------------------------------------------------------------


def highest_figures(tolls: "pd.DataFrame") -> "pd.DataFrame":
    """Per group and measure, the highest figure of any period (nationwide first, else the largest place)."""
    rows = tolls[tolls["top_figure"].notna()].copy()
    if rows.empty:
        return rows
    rows["_national"] = (rows["scope_place_id"].astype(str) == "kz").astype(int)
    rows["_fig"] = rows["top_figure"].astype(int)
    rows = rows.sort_values(["_national", "_fig", "top_date"], ascending=[False, False, True], kind="stable")
    return rows.drop_duplicates(["group", "measure"]).sort_values("_fig", ascending=False, kind="stable")


def _figure_words(row: Any, source: bool) -> str:
    """'238 in all (the authorities, as of 16 August)', '“dozens” of protesters (Almaty only)'."""
    import pandas as pd

    group = str(row["group"])
    what = d.claim_text(row["top_qualifier"], row["top_value"])
    who = d.GROUP_SHORT.get(group, d.words(group))
    notes = [] if str(row["scope_place_id"]) == "kz" else [d.scope_label(row["scope_place_id"])]
    if source:
        notes.append(f"{d.attribution(row['top_stated_by'], None)}, {d.day_label(row['top_date'])}")
    tail = f" ({'; '.join(notes)})" if notes else ""
    if group == "unspecified":
        return f"{what} in all{tail}"
    return f"{what}{' of' if pd.isna(row['top_value']) else ''} {who}{tail}"


CARD_MEASURES = 2  # measures a casualty card names
CARD_GROUPS = 5  # groups per measure it names


def casualty_card(run: "Run") -> str:
    """The highest figures under the run's groups and measures, per measure, group by group (the first with who
    gave it and when)."""
    from qantar import derive

    claims = derive.casualty_claims(run.ds, start=run.window.start, end=run.window.end, **run.filters)
    if claims.empty:
        return f"{scope_words(run)}: no casualty figure."
    series = derive.casualty_series(claims)
    top = highest_figures(derive.toll_periods(claims, series, run.window.start, run.window.end))
    order = [m for m in d.MEASURE_LABELS if m in set(top["measure"].astype(str))]
    parts = []
    for measure in order[:CARD_MEASURES]:
        rows = top[top["measure"].astype(str) == measure].head(CARD_GROUPS)
        figures = [_figure_words(r, i == 0) for i, (_, r) in enumerate(rows.iterrows())]
        parts.append(f"highest {d.MEASURE_LABELS[measure]} {d.join(figures)}")
    return f"{scope_words(run)}: " + "; ".join(parts) + "."


# --- maps, overview, reactions, ACLED ------------------------------------------------------------------------


MAX_LEADERS = 3  # a tie of more cities is said as a count


def map_card(run: "Run") -> str:
    """How many cities, which first and which most, in the run's window and filters."""
    from qantar import derive

    cities = derive.city_summary(run.ds, run.window.start, run.window.end, **run.filters)
    sure = cities[cities["n_events"].astype(int) > 0]
    if sure.empty:
        return f"{scope_words(run)}: no city with a reported event."
    text = f"{scope_words(run)}: {d.plural(len(sure), 'city', 'cities')}"
    certain = sure[sure["first_date_certain"].astype(bool)]
    if len(certain):
        first_day = certain["first_date"].min()
        first = sorted(certain.loc[certain["first_date"] == first_day, "city"].astype(str))
        text += f", first {d.join(first)} ({d.day_label(first_day)})"
    most = int(sure["n_events"].astype(int).max())
    leaders = sorted(sure.loc[sure["n_events"].astype(int) == most, "city"].astype(str))
    if len(leaders) > MAX_LEADERS:
        return text + f"; none with more than {d.plural(most, 'event')}."
    return text + f"; the most events: {d.leaders(leaders, most)}."


def overview_card(run: "Run") -> str:
    """How many happenings, from how many documents, and how many disagreements between them."""
    from qantar import dating, derive, disagree

    events = derive.events_in_window(run.ds, run.window.start, run.window.end)
    happenings = dating.happenings(events, run.window.start, run.window.end, run.ds.events)
    docs = events["doc_id"].astype(str).nunique()
    dis = disagree.disagreements(run.ds)
    return (
        f"{scope_words(run)}: {d.plural(len(happenings), 'happening')} from {d.plural(docs, 'document')}, "
        f"which disagree in {d.plural(len(dis), 'place')}."
    )


def _reactions(run: "Run") -> tuple["pd.DataFrame", str, str, str]:
    """A run's reactions (its window and filters), with the statements, speakers and leading stance in words."""
    from qantar import derive

    rv = derive.reactions_view(run.ds, start=run.window.start, end=run.window.end, **run.filters)
    if rv.empty:
        return rv, "", "", ""
    counts = rv["stance"].astype(str).value_counts()
    return (
        rv,
        d.plural(len(rv), "statement or call", "statements and calls"),
        d.plural(int(rv["speaks_for"].nunique()), "state or body", "states and bodies"),
        f"{d.labelled(d.STANCE_LABELS, counts.index[0]).lower()} ({int(counts.iloc[0])})",
    )


def reactions_card(run: "Run") -> str:
    """How many statements, by how many states and bodies, and the leading stance."""
    from qantar import derive

    rv, statements, speakers, stance = _reactions(run)
    if rv.empty:
        return f"{scope_words(run)}: no statement or call."
    by_state = derive.stance_counts(rv, by="speaks_for").sum(axis=1)
    leaders = sorted(str(s) for s in by_state[by_state == by_state.max()].index)
    return (
        f"{scope_words(run)}: {statements} for {speakers}; most often {stance}; most from "
        f"{d.leaders(leaders, int(by_state.max()))}."
    )


def acled_card(run: "Run") -> str:
    """ACLED's count beside this record's, for the run's month."""
    from qantar.acled_reference import compare
    from qantar.prose import acled_findings

    return acled_findings(compare(run.ds))[0]


CARDS = {
    "01_overview_timeline": overview_card,
    "02_protest_city_map": map_card,
    "03_casualties_over_time": casualty_card,
    "04_reaction_summaries": reactions_card,
    "06_acled_comparison": acled_card,
}


def card_finding(run: "Run") -> str:
    """The card sentence of one run ('' for a notebook with no card sentence)."""
    fn = CARDS.get(run.notebook)
    return fn(run) if fn else ""


def card_findings(ds: "Dataset", runs: Iterable[RunRef]) -> dict[str, str]:
    """Every run's card sentence, by run name."""
    return {name: card_finding(run_for(ds, notebook, params)) for name, notebook, params in runs}


# --- the landing page's opening findings ---------------------------------------------------------------------


def _first(runs: list[RunRef], notebook: str) -> RunRef | None:
    """The set's first run of a notebook with no list filter (the whole record), else its first run."""
    mine = [r for r in runs if Path(r[1]).stem == notebook]
    whole = [r for r in mine if not any(isinstance(v, list) for v in (r[2] or {}).values())]
    return next(iter(whole or mine), None)


def toll_headline(run: "Run") -> str:
    """The highest death toll, who gave it and when, and the first national toll it replaced."""
    from qantar import derive

    claims = derive.casualty_claims(run.ds, start=run.window.start, end=run.window.end, measures=["killed"])
    claims = claims[claims["scope_place_id"].astype(str) == "kz"]
    if claims.empty:
        return ""
    series = derive.casualty_series(claims)
    top = highest_figures(derive.toll_periods(claims, series, run.window.start, run.window.end)).iloc[0]
    first = series.sort_values(["as_of_date", "series"], kind="stable").iloc[0]
    return (
        f"The highest death toll in the record is {d.claim_text(top['top_qualifier'], top['top_value'])} "
        f"({d.attribution(top['top_stated_by'], None)}, as of {d.day_label(top['top_date'])}); the first national "
        f"figure was {d.claim_text(first['series_qualifier'], first['series_stated'], first['series'])} "
        f"{d.GROUP_SHORT.get(str(first['group']), d.words(first['group']))} "
        f"({d.attribution(first['series_stated_by'], None)}, as of {d.day_label(first['as_of_date'])})."
    )


def disagreement_headline(ds: "Dataset") -> str:
    """How many disagreements between documents, of how many kinds."""
    from qantar import disagree

    dis = disagree.disagreements(ds)
    if dis.empty:
        return "The documents do not disagree on anything recorded."
    docs = {x.strip() for ids in dis["doc_ids"].astype(str) for x in ids.replace(";", ",").split(",") if x.strip()}
    return (
        f"The documents disagree in {d.plural(len(dis), 'place')}, of {d.plural(dis['kind'].nunique(), 'kind')}, "
        f"and {d.plural(len(docs), 'document')} take part in at least one; the dataset keeps every version."
    )


def spread_headline(run: "Run") -> str:
    """How many cities reported unrest in the window, and which first."""
    from qantar import derive

    cities = derive.city_summary(run.ds, run.window.start, run.window.end, **run.filters)
    sure = cities[cities["n_events"].astype(int) > 0]
    if sure.empty:
        return ""
    certain = sure[sure["first_date_certain"].astype(bool)]
    first_day = certain["first_date"].min()
    first = sorted(certain.loc[certain["first_date"] == first_day, "city"].astype(str))
    return (
        f"Unrest was reported in {d.plural(len(sure), 'city', 'cities')} in "
        f"{d.window_label(run.window.start, run.window.end)}, first in {d.join(first)} on {d.day_label(first_day)}."
    )


def reactions_headline(run: "Run") -> str:
    """How many states and bodies reacted, and the most common stance."""
    rv, statements, speakers, stance = _reactions(run)
    return f"{speakers} spoke in {statements}; the most common stance: {stance}." if not rv.empty else ""


def headline_findings(ds: "Dataset", runs: Iterable[RunRef]) -> list[dict[str, str]]:
    """The landing page's opening findings: text, the page (and place on it) it links to, the link's words."""
    runs = list(runs)
    out = []
    plan = [
        ("03_casualties_over_time", toll_headline, "#fig-casualty_claims_over_time", "the casualty chart"),
        ("01_overview_timeline", lambda r: disagreement_headline(r.ds), "#tab-disagreements", "the disagreements"),
        ("02_protest_city_map", spread_headline, "#fig-protest_cities_map", "the map"),
        ("04_reaction_summaries", reactions_headline, "#fig-stances_by_state", "the reactions"),
    ]
    for notebook, fn, anchor, label in plan:
        ref = _first(runs, notebook)
        if ref is None:
            continue
        text = fn(run_for(ds, ref[1], ref[2]))
        if text:
            out.append({"text": text, "href": f"{ref[0]}/index.html{anchor}", "run": ref[0], "label": label})
    return out
