"""Every sentence with a number, for every run in reports.yml, agrees with the frame its figure draws.

Each test sets a run up as its notebook does (qantar.notebook.setup with the run's parameters), computes
the frames the notebook's figures draw with the same lib calls, calls the prose, and checks each number
and name against counts made again from the dataset's rows (prose_check's independent rules), never
against the helper that wrote the sentence. No report set is built: this is the fast tier.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
import yaml

import prose_check as pc
from qantar import settings
from qantar.notebook import Run

CONFIG = yaml.safe_load(settings.default_config().read_text(encoding="utf-8"))["runs"]
RUNS = {r["name"]: r for r in CONFIG}


def _runs(notebook: str) -> list[str]:
    return [r["name"] for r in CONFIG if r["notebook"] == notebook]


def test_every_run_of_the_report_set_is_checked() -> None:
    checked = {*_runs(OVERVIEW), *_runs(MAP), *_runs(CASUALTIES), *_runs(REACTIONS), *_runs(ACLED)}
    assert checked == set(RUNS), f"runs of reports.yml no test here checks: {sorted(set(RUNS) - checked)}"


@pytest.fixture(scope="module")
def run_of():
    """The Run a notebook's setup() gives for a reports.yml run (its parameters over the spec's defaults)."""
    from qantar.notebook import setup
    from qantar.params import spec

    cache: dict[str, Run] = {}

    def make(name: str) -> Run:
        if name not in cache:
            entry = RUNS[name]
            namespace = {p.name: p.default for p in spec(entry["notebook"])}
            namespace.update(entry.get("parameters") or {})
            cache[name] = setup(Path(entry["notebook"]).stem, namespace)
        return cache[name]

    return make


def _notebook_calls(notebook: str, *calls: str) -> None:
    """The notebook computes its frames and findings with these calls (so the test computes what the page shows)."""
    import nbformat

    source = "\n".join(
        c.source
        for c in nbformat.read(settings.notebooks_dir() / notebook, as_version=4).cells
        if c.cell_type == "code"
    )
    flat = " ".join(source.split())
    missing = [c for c in calls if " ".join(c.split()) not in flat]
    assert not missing, f"{notebook} no longer calls {missing}: update this test to compute what the page shows"


def _ts(day) -> pd.Timestamp:
    return pd.Timestamp(day)


# --- overview: happenings per day, coverage ------------------------------------------------------------------------

OVERVIEW = "01_overview_timeline.ipynb"


def _overview_frames(run: Run):
    from qantar import dating, derive, display, prose

    _notebook_calls(
        OVERVIEW,
        "events = derive.events_in_window(run.ds, run.window.start, run.window.end)",
        "happenings = dating.happenings(events, run.window.start, run.window.end, run.ds.events)",
        "counts, n_ranged = derive.daily_counts(events, run.window.start, run.window.end, run.ds.events)",
        "prose.timeline_findings(run, counts, happenings)",
        "coverage = derive.coverage(run.ds, run.window.start, run.window.end)",
        "alike = derive.corroboration(run.ds, coverage)",
        "prose.coverage_findings(matrix, facts, alike)",
    )
    start, end = run.window.start, run.window.end
    events = derive.events_in_window(run.ds, start, end)
    happenings = dating.happenings(events, start, end, run.ds.events)
    counts, n_ranged = derive.daily_counts(events, start, end, run.ds.events)
    coverage = derive.coverage(run.ds, start, end)
    matrix = derive.coverage_matrix(run.ds, start, end)
    facts = display.fact_labels(run.ds, coverage)
    alike = derive.corroboration(run.ds, coverage)
    return dict(
        counts=counts,
        n_ranged=n_ranged,
        happenings=happenings,
        timeline=prose.timeline_findings(run, counts, happenings),
        matrix=matrix,
        facts=facts,
        alike=alike,
        coverage=prose.coverage_findings(matrix, facts, alike),
    )


@pytest.mark.parametrize("name", _runs(OVERVIEW))
def test_overview_counts_each_happening_once(name: str, run_of) -> None:
    """'33 happenings to a single day and 23 more only to a range' was 56 of 53: each happening counts once."""
    run = run_of(name)
    lo, hi = _ts(run.window.start), _ts(run.window.end)
    found = pc.happenings_in(run.ds, lo, hi)
    n = Counter((h["dating"], h["fit"]) for h in found.values())
    n_day, n_range, n_disputed = n[(pc.DAY, "in")], n[(pc.RANGE, "in")], n[(pc.DISPUTED, "in")]
    n_may = sum(v for (_, where), v in n.items() if where == "may")
    f = _overview_frames(run)
    first = f["timeline"][0]
    assert pc.numbers(first) == [x for x in (n_day, n_range, n_disputed, n_may) if x], first
    assert sum(pc.numbers(first)) == len(found), first
    # The figure draws the same happenings: each on its day, once; the rest are the note's count.
    per_day = Counter(h["first"] for h in found.values() if h["dating"] == pc.DAY and h["fit"] == "in")
    drawn = f["counts"].sum(axis=1)
    assert {d: int(v) for d, v in drawn.items() if v} == dict(per_day)
    assert int(drawn.sum()) + f["n_ranged"] == len(found), "each happening is counted once, drawn or in the note"
    if n_disputed:
        assert "differently" in first, first


@pytest.mark.parametrize("name", _runs(OVERVIEW))
def test_overview_busiest_and_first_day_keep_ties(name: str, run_of) -> None:
    run = run_of(name)
    lo, hi = _ts(run.window.start), _ts(run.window.end)
    found = pc.happenings_in(run.ds, lo, hi)
    drawn = [h for h in found.values() if h["dating"] == pc.DAY and h["fit"] == "in"]
    sentences = _overview_frames(run)["timeline"]
    if not drawn:
        assert len(sentences) == 1
        return
    per_day = Counter(h["first"] for h in drawn)
    most = max(per_day.values())
    busiest = sorted(d for d, v in per_day.items() if v == most)
    sentence = sentences[1]
    for day in busiest:
        assert re.search(rf"\b{day.day}\b", sentence), sentence
    if len(busiest) == 1:
        types = Counter(h["type"] for h in drawn if h["first"] == busiest[0])
        top = max(types.values())
        leaders = sorted(t.lower() for t, v in types.items() if v == top)
        assert pc.numbers(sentence) == [most, top], sentence
        assert all(t in sentence for t in leaders), (sentence, leaders)
    else:
        assert "busiest days" in sentence and pc.numbers(sentence) == [most], sentence
    first = min(per_day)
    assert f"{first.day} {first:%B}" in sentences[2] and pc.numbers(sentences[2]) == [per_day[first]], sentences[2]


def _alike_oracle(ds, lo, hi) -> tuple[dict[str, set[str]], dict[str, int]]:
    """Per fact of the window: documents reporting it, and the most reporting one version of it alike."""
    events = {r["event_id"]: r for r in pc.rows(ds.events) if not r["background"]}
    reports = {r["report_id"]: r for r in pc.rows(ds.casualty_reports)}
    cites: dict[str, set[str]] = {}
    for c in pc.rows(ds.citations):
        cites.setdefault(str(c["record_id"]), set()).add(str(c["doc_id"]))
    versions: dict[str, dict[object, set[str]]] = {}
    for eid, r in events.items():
        if r["date_end"] >= lo and r["date_start"] <= hi:
            docs = {str(r["doc_id"]), *cites.get(eid, set())}
            versions.setdefault(str(r["happening_id"]), {}).setdefault(eid, set()).update(docs)
    for rid, r in reports.items():
        if lo <= r["as_of_date"] <= hi:
            fact = f"{r['measure']}|{r['group']}|{r['scope_place_id']}|{r['as_of_date']:%Y-%m-%d}"
            key = (r["qualifier"], None if pd.isna(r["value"]) else int(r["value"]))
            versions.setdefault(fact, {}).setdefault(key, set()).update({str(r["doc_id"]), *cites.get(rid, set())})
    mentioned = {f: set().union(*v.values()) for f, v in versions.items()}
    alike = {f: max(len(docs) for docs in v.values()) for f, v in versions.items()}
    return mentioned, alike


@pytest.mark.parametrize("name", _runs(OVERVIEW))
def test_best_corroborated_means_documents_agreeing(name: str, run_of) -> None:
    """'Best corroborated: state of emergency, 5 documents' counted mentions of a happening its texts date 4 ways."""
    run = run_of(name)
    mentioned, alike = _alike_oracle(run.ds, _ts(run.window.start), _ts(run.window.end))
    f = _overview_frames(run)
    sentence = f["coverage"][0]
    assert set(f["matrix"].index) == set(mentioned)
    single = sum(1 for docs in mentioned.values() if len(docs) == 1)
    best = max(alike.values())
    leaders = [f["facts"][fact] for fact in f["matrix"].index if alike[fact] == best]
    assert pc.numbers(sentence)[:2] == [len(mentioned), single], sentence
    if best < 2:
        assert "no fact is reported alike" in sentence, sentence
        return
    assert pc.numbers(re.sub(r"“[^”]*”", "", sentence))[2] == best, sentence
    quoted = re.findall(r"“([^”]*)”", sentence)
    if len(leaders) <= 3:
        assert sorted(quoted) == sorted(leaders), (sentence, leaders)
    else:
        assert set(quoted) <= set(leaders) and str(len(leaders)) in sentence, (sentence, leaders)
    # The figure's data carries the count the sentence states, fact by fact.
    from qantar import records

    data = records.coverage_data(f["matrix"], f["facts"], f["alike"])
    assert dict(zip(data["fact"], data["documents_alike"], strict=True)) == {f["facts"][k]: v for k, v in alike.items()}


def test_a_fact_the_texts_date_differently_is_labelled_so(dataset) -> None:
    """A disputed happening's coverage label does not vouch for one text's day ('4 Jan · state of emergency')."""
    from qantar import derive, display

    spans = pc.happening_spans([r for r in pc.rows(dataset.events) if not r["background"]])
    labels = display.fact_labels(dataset, derive.coverage(dataset))
    disputed = [h for h, (_, _, dating) in spans.items() if dating == pc.DISPUTED]
    assert disputed, "the shipped data has a happening its texts date differently (the state of emergency)"
    for h in disputed:
        first, last, _ = spans[h]
        assert labels[h].startswith(f"{first.day}–{last.day} {last:%b} (dates differ)"), labels[h]


def test_landing_page_counts_happenings_and_cities_by_the_same_rules(dataset, run_of) -> None:
    from qantar import settings as s
    from qantar.derive import UNREST_TYPES
    from qantar.prose import site_intro

    lede = site_intro(dataset)["lede"]
    happenings = {str(r["happening_id"]) for r in pc.rows(dataset.events) if not r["background"]}
    cities = pc.city_view(dataset, _ts(s.UNREST_START), _ts(s.UNREST_END), event_types=set(UNREST_TYPES))
    assert f"{len(happenings):,} happenings" in lede, lede
    assert f"unrest in {sum(1 for c in cities.values() if c['in']):,} Kazakh cities" in lede, lede
    # The overview of the default period, which every happening overlaps, counts the same happenings.
    run = run_of("overview")
    found = pc.happenings_in(dataset, _ts(run.window.start), _ts(run.window.end))
    if len(found) == len(happenings):
        assert sum(pc.numbers(_overview_frames(run)["timeline"][0])) == len(happenings)


def test_landing_page_says_when_the_texts_were_published_once(dataset) -> None:
    """The publication days span years once later texts are in: each year is said once, never '2023 2023'."""
    from qantar.prose import site_intro

    lede = site_intro(dataset)["lede"]
    days = sorted({str(r["published_date"])[:10] for r in pc.rows(dataset.sources)})
    first, last = days[0], days[-1]
    assert not re.search(r"\b(\d{4}) \1\b", lede), lede
    for day in (first, last):
        y, m, d = (int(x) for x in day.split("-"))
        assert f"{d} {date(y, m, d):%B} {y}" in lede, (day, lede)


# --- map ------------------------------------------------------------------------------------------------------------

MAP = "02_protest_city_map.ipynb"


def _map_sentences(run: Run):
    from qantar import derive, prose

    _notebook_calls(
        MAP,
        "cities = derive.city_summary(run.ds, run.window.start, run.window.end, **run.filters)",
        "earlier = derive.reported_before(run.ds, run.window.start, **run.filters)",
        "prose.map_findings(run, cities, earlier)",
    )
    cities = derive.city_summary(run.ds, run.window.start, run.window.end, **run.filters)
    earlier = derive.reported_before(run.ds, run.window.start, **run.filters)
    return cities, prose.map_findings(run, cities, earlier)


def _names(text: str) -> list[str]:
    return sorted(x.strip() for x in re.split(r",| and ", text) if x.strip())


@pytest.mark.parametrize("name", _runs(MAP))
def test_map_counts_a_city_only_perhaps_in_the_window_apart(name: str, run_of) -> None:
    """'12 cities … 2–4 January' counted Taldykorgan, whose only event is dated 2–7 January."""
    run = run_of(name)
    lo, hi = _ts(run.window.start), _ts(run.window.end)
    expect = pc.city_view(run.ds, lo, hi, **{k: v for k, v in run.filters.items() if v})
    sure = sorted(c for c, v in expect.items() if v["in"])
    maybe = sorted(c for c, v in expect.items() if not v["in"])
    cities, sentences = _map_sentences(run)
    # The figure draws these cities, with these counts.
    drawn = {str(r.city): (int(r.n_events), int(r.n_may)) for r in cities.itertuples()}
    assert drawn == {c: (len(v["in"]), len(v["may"])) for c, v in expect.items()}
    if sure:
        assert pc.numbers(sentences[0]) == [len(sure)] and "at least one reported event" in sentences[0], sentences
    perhaps = [s for s in sentences if "may not fall in it" in s]
    if maybe:
        assert len(perhaps) == 1 and _names(perhaps[0].split(" is on the map")[0].split(" are on the map")[0]) == maybe
    else:
        assert not perhaps, perhaps


@pytest.mark.parametrize("name", _runs(MAP))
def test_map_first_day_is_first_in_this_period_and_says_what_came_before(name: str, run_of) -> None:
    """'First reported on 5 January: Almaty' on the 5–10 January page, though the texts report it on 4 January."""
    run = run_of(name)
    lo, hi = _ts(run.window.start), _ts(run.window.end)
    filters = {k: v for k, v in run.filters.items() if v}
    expect = pc.city_view(run.ds, lo, hi, **filters)
    before = pc.city_view(run.ds, None, lo - timedelta(days=1), **filters)
    _, sentences = _map_sentences(run)
    stated: dict[str, list[str]] = {}
    for s in sentences:
        m = re.fullmatch(r"First reported in this period on (\d+ \w+): (.*)\.", s)
        if m:
            stated[m.group(1)] = _names(m.group(2))
    assert not any(s.startswith("First reported on") for s in sentences), sentences
    certain: dict[str, list[str]] = {}
    for c, v in expect.items():
        if v["in"] and v["certain"]:
            certain.setdefault(f"{v['first'].day} {v['first']:%B}", []).append(c)
    days = sorted(certain, key=lambda d: pd.Timestamp(f"{d} {lo.year}"))[:4]
    assert stated == {d: sorted(certain[d]) for d in days}
    earlier = sorted(c for c in expect if before.get(c, {}).get("in"))
    said = [s for s in sentences if "already reported before this period" in s]
    if earlier:
        assert len(said) == 1 and _names(said[0].split(" w")[0]) == earlier, (said, earlier)
    else:
        assert not said, said


@pytest.mark.parametrize("name", _runs(MAP))
def test_map_most_events_keeps_ties(name: str, run_of) -> None:
    run = run_of(name)
    expect = pc.city_view(
        run.ds, _ts(run.window.start), _ts(run.window.end), **{k: v for k, v in run.filters.items() if v}
    )
    counts = {c: len(v["in"]) for c, v in expect.items() if v["in"]}
    _, sentences = _map_sentences(run)
    said = [s for s in sentences if "most events" in s or "No city has more than" in s]
    if not counts:
        assert not said
        return
    top = max(counts.values())
    leaders = sorted(c for c, n in counts.items() if n == top)
    assert len(said) == 1, sentences
    if said[0].startswith("No city has more than"):
        assert pc.numbers(said[0]) == [top, len(leaders), top], said
        return
    m = re.fullmatch(
        r"The most events in this period: (.*) \((\d+)( each)?\)(?:, and (\d+) more that may fall in it)?\.", said[0]
    )
    assert m, said
    assert _names(m.group(1)) == leaders and int(m.group(2)) == top and bool(m.group(3)) == (len(leaders) > 1)
    may = len(expect[leaders[0]]["may"]) if len(leaders) == 1 else 0
    assert int(m.group(4) or 0) == may, said


# --- casualties -----------------------------------------------------------------------------------------------------

CASUALTIES = "03_casualties_over_time.ipynb"


def _series_oracle(run: Run) -> dict[tuple[str, str, str], list[dict]]:
    """Every series point: (scope, group, measure) → days in order, each with the figure the series value is."""
    lo, hi = _ts(run.window.start), _ts(run.window.end)
    f = run.filters
    claims = [
        r
        for r in pc.rows(run.ds.casualty_reports)
        if lo <= r["as_of_date"] <= hi
        and (f.get("measures") is None or r["measure"] in f["measures"])
        and (f.get("groups") is None or r["group"] in f["groups"])
        and (f.get("scopes") is None or r["scope_place_id"] in f["scopes"])
    ]
    usable = [
        r
        for r in claims
        if pc.acled(r["qualifier"], r["value"]) is not None
        and r["period"] in ("cumulative", "unspecified")
        and _ts(settings.UNREST_START) <= r["as_of_date"]
        and r.get("status", "stated") != "withdrawn"
    ]
    out: dict[tuple[str, str, str], list[dict]] = {}
    for key in sorted({(r["scope_place_id"], r["group"], r["measure"]) for r in usable}):
        points, held = [], None
        for day in sorted({r["as_of_date"] for r in usable if (r["scope_place_id"], r["group"], r["measure"]) == key}):
            of_day = [
                r for r in usable if (r["scope_place_id"], r["group"], r["measure"]) == key and r["as_of_date"] == day
            ]
            # The day's highest figure; the series holds the first claim of its highest figure so far.
            low = min(of_day, key=lambda r: (-pc.acled(r["qualifier"], r["value"]), r["report_id"]))
            day_fig = pc.acled(low["qualifier"], low["value"])
            held_fig = None if held is None else pc.acled(held["qualifier"], held["value"])
            carried = held_fig is not None and day_fig < held_fig
            if held_fig is None or day_fig > held_fig:
                held = low
            points.append({"day": day, "series": held, "low": low, "carried": carried})
        out[key] = points
    return out


def _point_text(point: dict) -> str:
    held = point["series"]
    return f"{pc.wording(held['qualifier'], held['value'])} as of {point['day'].day} {point['day']:%B}"


@pytest.mark.parametrize("name", _runs(CASUALTIES))
def test_casualty_sentences_word_figures_as_the_texts_do(name: str, run_of) -> None:
    """'No group named killed: 12' was "dozens" in the text, and 'detained: 3,000' was "more than 3,000"."""
    from qantar import derive, display, prose

    _notebook_calls(
        CASUALTIES,
        "claims = derive.casualty_claims(run.ds, start=run.window.start, end=run.window.end, **run.filters)",
        "series = derive.casualty_series(claims)",
        "prose.casualty_findings(run, claims, series)",
    )
    run = run_of(name)
    claims = derive.casualty_claims(run.ds, start=run.window.start, end=run.window.end, **run.filters)
    series = derive.casualty_series(claims)
    sentences = prose.casualty_findings(run, claims, series)
    oracle = _series_oracle(run)
    labels = {display.series_label(*k).lower(): k for k in oracle}
    checked = 0
    for s in sentences[:-1]:
        label, _, rest = s.partition(": ")
        points = oracle[labels[label.lower()]]
        first, last = points[0], points[-1]
        expect = _point_text(first)
        assert rest.startswith(expect), (s, expect)
        if len(points) > 1:
            assert _point_text(last) in rest, (s, _point_text(last))
        assert ("keeps the earlier one" in rest) == last["carried"], s
        checked += 1
    assert checked == min(6, len(oracle))
    drawn = sum(1 for r in pc.rows(claims) if pc.acled(r["qualifier"], r["value"]) is not None)
    assert pc.numbers(sentences[-1])[:2] == [len(claims), drawn], sentences[-1]


@pytest.mark.parametrize("name", _runs(CASUALTIES))
def test_series_table_words_vague_figures(name: str, run_of) -> None:
    """The series table under the chart shows "dozens (coded 12 …)", not a bare 12."""
    from qantar import derive, records

    run = run_of(name)
    claims = derive.casualty_claims(run.ds, start=run.window.start, end=run.window.end, **run.filters)
    table = records.series(derive.casualty_series(claims))
    expect = [
        (
            pc.wording(p["low"]["qualifier"], p["low"]["value"]),
            pc.wording(p["series"]["qualifier"], p["series"]["value"]),
        )
        for key in sorted(_series_oracle(run))
        for p in _series_oracle(run)[key]
    ]
    got = sorted(zip(table["highest_figure_that_day"].astype(str), table["series_value"].astype(str), strict=True))
    assert got == sorted(expect)


def test_claim_wording_is_one_function() -> None:
    from qantar.display import claim_text

    assert claim_text("dozens", None, 12) == "dozens (coded 12 under ACLED's rule)"
    assert claim_text("more_than", 3000, 3000) == "more than 3,000"
    assert claim_text("dozens", None) == "dozens"


# --- reactions ------------------------------------------------------------------------------------------------------

REACTIONS = "04_reaction_summaries.ipynb"


def _reaction_frames(run: Run):
    from qantar import derive, prose

    _notebook_calls(
        REACTIONS,
        "rv = derive.reactions_view(run.ds, start=run.window.start, end=run.window.end, **run.filters)",
        'derive.stance_counts(rv, by="speaks_for")',
        "edges = derive.call_edges(derive.call_network(rv))",
        "prose.reaction_findings(run, rv, by_state)",
        "prose.network_findings(edges)",
    )
    rv = derive.reactions_view(run.ds, start=run.window.start, end=run.window.end, **run.filters)
    by_state = derive.stance_counts(rv, by="speaks_for")
    edges = derive.call_edges(derive.call_network(rv))
    return rv, by_state, prose.reaction_findings(run, rv, by_state), prose.network_findings(edges)


def _leaders_said(sentence: str, counts: Counter) -> None:
    top = max(counts.values())
    leaders = sorted(k for k, v in counts.items() if v == top)
    assert all(name in sentence for name in leaders), (sentence, leaders)
    assert pc.numbers(sentence)[-1] == top and (" each" in sentence) == (len(leaders) > 1), sentence


@pytest.mark.parametrize("name", _runs(REACTIONS))
def test_reaction_sentences_count_and_keep_ties(name: str, run_of) -> None:
    """'United States accounts for the most (5)' hid Tajikistan's 5; the first sentence says whose statements."""
    from qantar import display

    run = run_of(name)
    lo, hi = _ts(run.window.start), _ts(run.window.end)
    f = run.filters
    raw = [
        r
        for r in pc.rows(run.ds.reactions)
        if r["date_end"] >= lo
        and r["date_start"] <= hi
        and (f.get("actor_kinds") is None or r["actor_kind"] in f["actor_kinds"])
        and (f.get("stances") is None or r["stance"] in f["stances"])
    ]
    rv, by_state, sentences, network = _reaction_frames(run)
    assert pc.numbers(sentences[0]) == [len(raw), len({r["actor"] for r in raw}), len(set(rv["speaks_for"]))]
    _leaders_said(sentences[1], Counter(display.STANCE_LABELS[r["stance"]] for r in raw))
    _leaders_said(sentences[2], Counter(rv["speaks_for"].astype(str)))
    assert dict(Counter(rv["speaks_for"].astype(str))) == {str(k): int(v) for k, v in by_state.sum(axis=1).items()}
    kinds = {r["actor_kind"] for r in raw}
    named = {kind for kind, label in display.ACTOR_KIND_LABELS.items() if label.lower() in sentences[0].lower()}
    assert named == kinds, (sentences[0], kinds)
    ranged = sum(1 for r in raw if r["date_precision"] != "day")
    assert (
        [s for s in sentences if "dated only to a range" in s]
        == [f"{ranged} {'is' if ranged == 1 else 'are'} dated only to a range."]
    ) == bool(ranged)
    perhaps = sum(1 for r in raw if not (lo <= r["date_start"] and r["date_end"] <= hi))
    said = [s for s in sentences if "may not fall in it" in s]
    assert [pc.numbers(s) for s in said] == ([[perhaps]] if perhaps else []), said
    calls = {
        frozenset((r["actor"], r["counterpart"]))
        for r in raw
        if r["channel"] == "phone_call" and isinstance(r["counterpart"], str)
    }
    if calls:
        degree = Counter(p for pair in calls for p in pair)
        assert pc.numbers(network[0])[:2] == [len(calls), len(degree)], network
        _leaders_said(network[0], degree)


def test_reactions_intro_names_no_actor_kind() -> None:
    """The notebook's intro is the same on every run's page, so it must not say whose statements these are."""
    import nbformat

    from qantar import display

    intro = nbformat.read(settings.notebooks_dir() / REACTIONS, as_version=4).cells[0].source
    for kind in display.ACTOR_KIND_LABELS:
        assert display.ACTOR_KIND_LABELS[kind].lower() not in intro.lower(), (kind, intro)
    assert "Kazakh" not in intro, intro


# --- ACLED comparison: this record's export beside ACLED's totals ---------------------------------------------------

ACLED = "06_acled_comparison.ipynb"


def _acled_frames(run: Run):
    from qantar import prose
    from qantar.acled_reference import compare

    _notebook_calls(
        ACLED,
        "cmp = compare(run.ds)",
        "prose.acled_findings(cmp)",
        "prose.acled_can_conclude(cmp)",
        "prose.acled_cannot_conclude(cmp)",
    )
    cmp = compare(run.ds)
    return cmp, prose.acled_findings(cmp), prose.acled_can_conclude(cmp), prose.acled_cannot_conclude(cmp)


def _without_year(sentence: str, year: int) -> list[int]:
    return [n for n in pc.numbers(sentence) if n != year]


@pytest.mark.parametrize("name", _runs(ACLED))
def test_acled_sentences_count_the_export_and_the_reference(name: str, run_of) -> None:
    """Every number of the ACLED page's findings, counted again: the reference CSV read as text, the export's rows
    (qantar.acled.build) and the dataset's rows in plain Python, never through the comparison that wrote them."""
    import csv

    from qantar import acled
    from qantar.acled_reference import REFERENCE_CSV, TOTAL

    run = run_of(name)
    cmp, findings, can, cannot = _acled_frames(run)
    with REFERENCE_CSV.open(newline="", encoding="utf-8") as fh:
        ref = {r["event_type"]: (int(r["events"]), int(r["fatalities"])) for r in csv.DictReader(fh)}
    (acled_events, acled_fatalities) = ref.pop(TOTAL)
    lo, hi = _ts(run.window.start), _ts(run.window.end)
    year = run.window.start.year
    rows, side = acled.build(run.ds, 0)
    month = [r for r in rows if lo <= _ts(r["event_date"]) <= hi]
    ours, fat = len(month), sum(r["fatalities"] for r in month)
    by_type = Counter(r["event_type"] for r in month)
    assert _without_year(findings[0], year) == [acled_events, ours]
    assert f"{acled_events / ours:.1f} times" in findings[0]
    assert _without_year(findings[1], year) == [acled_fatalities, fat]
    acled_part, _, ours_part = findings[2].partition("this record codes more")
    for t, (theirs, _) in ref.items():
        mine = by_type.get(t, 0)
        said = [
            (p, m) for p in (acled_part, ours_part) if (m := re.search(rf"{re.escape(t)} \((\d+) against (\d+)\)", p))
        ]
        if theirs == mine:
            assert not said, (t, findings[2])
            continue
        ((part, m),) = said
        assert part is (acled_part if theirs > mine else ours_part), (t, findings[2])
        assert [int(m[1]), int(m[2])] == ([theirs, mine] if theirs > mine else [mine, theirs]), (t, findings[2])

    events = {r["event_id"]: r for r in pc.rows(run.ds.events)}
    overlapping = {e for e, r in events.items() if r["date_end"] >= lo and r["date_start"] <= hi}
    cnty = {r["event_id_cnty"] for r in month}
    fates = Counter(s["status"] for s in side if s["event_id_cnty"] in cnty and s["status"] != "excluded")
    left_out = [s for s in side if s["status"] == "excluded" and s["event_id"] in overlapping]
    in_events = sum(fates.values())
    assert pc.numbers(findings[3]) == [
        in_events + len(left_out),
        in_events,
        fates["merged"],
        fates["aggregated"],
        len(left_out),
    ]
    rows_of_events = {s["event_id"] for s in side if s["event_id_cnty"] in cnty and s["status"] != "excluded"}
    texts = len({events[e]["doc_id"] for e in rows_of_events})
    assert pc.numbers(findings[-1]) == [texts, len(run.ds.sources)]
    assert _without_year(can[0], year) == [acled_events, ours, acled_fatalities, fat]
    assert pc.numbers(cannot[0]) == [texts]

    killed = [
        r
        for r in pc.rows(run.ds.casualty_reports)
        if r["measure"] == "killed" and r.get("status") != "withdrawn" and lo <= _ts(r["as_of_date"]) <= hi
    ]
    linked = sum(1 for r in killed if isinstance(r["event_id"], str) and r["event_id"] in rows_of_events)
    national = [
        int(r["value"])
        for r in killed
        if r["scope_place_id"] == "kz" and not isinstance(r["event_id"], str) and not pd.isna(r["value"])
    ]
    assert pc.numbers(cannot[2]) == ([linked, len(national), max(national)] if national else [linked])


# --- the explorer app -----------------------------------------------------------------------------------------------

WINDOWS = sorted(
    {
        (
            str((r.get("parameters") or {}).get("start_date", settings.DEFAULT_START)),
            str((r.get("parameters") or {}).get("end_date", settings.DEFAULT_END)),
        )
        for r in CONFIG
    }
)


@pytest.mark.parametrize("window", WINDOWS, ids=["..".join(w) for w in WINDOWS])
def test_app_counts_happenings_and_cities_as_the_pages_do(window: tuple[str, str], dataset) -> None:
    """The app's count line and events chart count each happening once and say which only may fall in the days."""
    from datetime import date

    from qantar import explorer
    from qantar.selection import Selection

    lo, hi = _ts(window[0]), _ts(window[1])
    view = explorer.compute_view(
        dataset, Selection(start=date.fromisoformat(window[0]), end=date.fromisoformat(window[1]))
    )
    found = pc.happenings_in(dataset, lo, hi)
    may = sum(1 for h in found.values() if h["fit"] == "may")
    label = view.label()
    assert f": {len(found):,} events" in label, label
    assert (f"({may:,} may fall outside these days)" in label) == bool(may), label
    per_day = Counter(h["first"] for h in found.values() if h["dating"] == pc.DAY and h["fit"] == "in")
    drawn = view.timeline.sum(axis=1)
    assert {d: int(v) for d, v in drawn.items() if v} == dict(per_day)
    assert int(drawn.sum()) + view.n_ranged == len(found)
    note = explorer.timeline_note(view)
    assert sum(pc.numbers(note)) == view.n_ranged, note
    cities = pc.city_view(dataset, lo, hi)
    maybe = sum(1 for c in cities.values() if not c["in"])
    assert f"{len(cities):,} cit" in label and ("perhaps in these days" in label) == bool(maybe), label
    if 0 < maybe < len(cities):
        assert f"{maybe:,} of them only perhaps in these days" in label, label
    assert {str(c) for c in view.cities["city"]} == set(cities)
    reactions = [r for r in pc.rows(dataset.reactions) if r["date_end"] >= lo and r["date_start"] <= hi]
    perhaps = sum(1 for r in reactions if not (lo <= r["date_start"] and r["date_end"] <= hi))
    assert f"{len(reactions):,} reactions" in label and (f"({perhaps:,} may fall outside these days)" in label) == bool(
        perhaps
    ), label


# --- ties, on frames made for them (the shipped data has a tie only among reacting states) --------------------------


class _Run:
    """The two things prose reads of a Run: its window and its filters."""

    def __init__(self, start: str, end: str) -> None:
        from qantar.params import Window

        self.window = Window(pd.Timestamp(start).date(), pd.Timestamp(end).date())

    def describe_filters(self) -> str:
        return ""


def test_busiest_day_and_type_ties_are_named() -> None:
    from qantar import prose

    days = pd.date_range("2022-01-02", "2022-01-04")
    counts = pd.DataFrame({"Protests": [3, 0, 2], "Riots": [0, 1, 1]}, index=days)
    happenings = pd.DataFrame({"window": ["in"] * 7, "dating": ["day"] * 7})
    sentences = prose.timeline_findings(_Run("2022-01-02", "2022-01-04"), counts, happenings)
    assert sentences[1] == "The busiest days were 2 and 4 January, with 3 happenings each."
    counts = pd.DataFrame({"Protests": [2, 0, 0], "Riots": [2, 1, 0]}, index=days)
    sentences = prose.timeline_findings(_Run("2022-01-02", "2022-01-04"), counts, happenings.head(5))
    assert (
        sentences[1]
        == "The busiest day was 2 January, with 4 happenings, the most of them protests and riots (2 each)."
    )


def test_map_and_network_ties_are_named() -> None:
    from qantar import prose

    cities = pd.DataFrame(
        {
            "city": ["Aktau", "Zhanaozen", "Aktobe"],
            "n_events": [2, 2, 1],
            "n_may": [0, 1, 0],
            "first_date": pd.to_datetime(["2022-01-02"] * 3),
            "first_date_certain": [True, True, True],
        }
    )
    sentences = prose.map_findings(_Run("2022-01-02", "2022-01-04"), cities)
    assert "The most events in this period: Aktau and Zhanaozen (2 each)." in sentences
    edges = pd.DataFrame({"person_a": ["A", "C"], "person_b": ["B", "D"]})
    assert prose.network_findings(edges) == [
        "2 phone calls link 4 people; A, B, C and D took part in the most (1 each)."
    ]


def test_coverage_ties_are_named_or_counted() -> None:
    from qantar import prose

    matrix = pd.DataFrame({"d1": [1, 1, 1, 1, 1], "d2": [1, 1, 1, 1, 0]}, index=list("abcde"))
    labels = {f: f.upper() for f in matrix.index}
    two = pd.Series([2, 2, 1, 1, 1], index=list("abcde"))
    assert prose.coverage_findings(matrix, labels, two) == [
        "Of 5 facts in this window, 1 rests on a single document; the best corroborated, each reported alike by 2 "
        "documents, are “A” and “B”."
    ]
    four = pd.Series([2, 2, 2, 2, 1], index=list("abcde"))
    assert prose.coverage_findings(matrix, labels, four)[0].endswith(
        "4 facts are each reported alike by 2 documents, the most, such as “A”, “B” and “C”."
    )
    assert prose.coverage_findings(matrix, labels, pd.Series(1, index=list("abcde")))[0].endswith(
        "no fact is reported alike by two documents."
    )
