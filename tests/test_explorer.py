"""Explorer logic: every view follows every filter; records paged and sorted; the export equals the views.

Expected values were read off the CSVs in data/ (not computed with the functions under test).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import zipfile
from datetime import date

import pytest

from qantar import settings
from qantar.explorer import (
    compute_view,
    export_frames,
    export_zip,
    figure_titles,
    filter_label,
    search,
    section_titles,
    table_html,
    table_page,
)
from qantar.selection import Selection, from_json, from_query

JAN = lambda d: date(2022, 1, d)  # noqa: E731
# Almaty's reports 2-10 January: 11 at the city, 4 at the airport, 2 at the city administration, 1 at the
# presidential residence, 1 at Republic Square (events.csv, place_id and parent_id in places.csv).
ALMATY_REPORTS = 19
# Casualty figures 2-10 January measuring killed, injured or detained (the chart's default panels):
# national (kz) cr001 cr002 cr005 cr006 cr009 cr010 cr015 cr016 cr017 cr020-cr024, and cr033 (the 164 of 9 January that
# was withdrawn, from AFP's text of 15 January: data 0.3.0); Almaty only cr013 cr014 cr018 cr019.
NATIONAL_IN_CHART = 15
ALMATY_ONLY_IN_CHART = {"cr013", "cr014", "cr018", "cr019"}


def test_default_view_counts(dataset) -> None:
    view = compute_view(dataset, Selection())
    from qantar.derive import in_window

    shown = in_window(
        dataset.events[~dataset.events["background"].astype(bool)], view.selection.start, view.selection.end
    )
    assert view.n_events == shown["happening_id"].nunique() < dataset.events["happening_id"].nunique()
    assert len(view.cities) == 12
    assert set(view.claims["measure"]) == {"killed", "injured", "detained"}
    assert len(view.claims) == NATIONAL_IN_CHART + len(ALMATY_ONLY_IN_CHART)
    # Reports placed at the country or a loose area (places.csv kinds) are in the table but on no city.
    with (settings.data_dir() / "places.csv").open(encoding="utf-8") as fh:
        cityless_places = {r["place_id"] for r in csv.DictReader(fh) if r["kind"] in ("country", "area", "region")}
    cityless = int(view.events["place_id"].astype(str).isin(cityless_places).sum())
    assert cityless == 32
    assert view.label() == (
        # Data 0.3.0 adds, within these days: a killing dated only "January" (Taldykorgan, HRW's text), the withdrawn
        # 164 of 9 January, and four reactions dated only up to their text's publication.
        "2–10 January 2022: 53 events (2 may fall outside these days) in 64 reports, 12 cities on the map (32 "
        "reports name no city); 19 casualty claims; 35 reactions (4 may fall outside these days)"
    )
    assert view.scope_note == ""


def test_one_city_is_singular_and_titles_say_what_is_filtered(dataset) -> None:
    view = compute_view(dataset, Selection(cities=("Almaty",), event_types=("Riots",), q="airport"))
    assert " 1 city on the map" in view.label() and "cities" not in view.label()
    assert view.filter_label() == "2–10 January 2022 · Riots · Almaty · search “airport”"
    assert (
        filter_label(Selection(groups=("security_forces", "protesters")))
        == "2–10 January 2022 · protesters or security forces"
    )
    titles = figure_titles(view)
    assert titles["map"] == "Cities with events: 2–10 January 2022 · Riots · Almaty · search “airport”"
    assert (
        titles["casualties"] == "Casualty figures: 2–10 January 2022 · Almaty · search “airport”"
    )  # types do not apply
    # With national figures kept for a selected city, the title says so (a saved figure travels without its note).
    almaty = compute_view(dataset, Selection(cities=("Almaty",)))
    assert almaty.n_national == NATIONAL_IN_CHART
    assert (
        figure_titles(almaty)["casualties"]
        == f"Casualty figures: 2–10 January 2022 · Almaty (with {NATIONAL_IN_CHART} national figures)"
    )
    sections = section_titles(view)
    assert sections["records"].startswith(f"Records ({len(view.events)} report")
    assert (
        sections["reactions"]
        == f"Reactions ({len(view.reactions)} statement"
        + ("" if len(view.reactions) == 1 else "s")
        + "): 2–10 January 2022 · search “airport”"
    )


def test_city_filter_keeps_sites_and_table_has_year_source_and_evidence(dataset) -> None:
    view = compute_view(dataset, Selection(cities=("Almaty",)))
    assert len(view.events) == ALMATY_REPORTS and set(view.events["city"]) == {"Almaty"}
    assert list(view.cities["city"]) == ["Almaty"]
    row = view.events[view.events["event_id"] == "ev031"].iloc[0]  # the police kiosk, dated 4-6 January
    assert row["date_label"] == "4–6 Jan 2022"
    assert row["source"] == "unknown outlet, doc 001, 6 Jan 2022"
    assert row["evidence"].startswith("A man in Almaty photographs the windows of a police kiosk")


def test_region_filter_is_the_cities_of_the_region(dataset) -> None:
    by_region = compute_view(dataset, Selection(regions=("Mangystau Region",)))
    by_cities = compute_view(dataset, Selection(cities=("Aktau", "Zhanaozen")))
    assert set(by_region.cities["city"]) == {"Aktau", "Zhanaozen"}
    assert list(by_region.events["event_id"]) == list(by_cities.events["event_id"]) == ["ev001", "ev002"]


def test_a_city_and_a_region_mean_the_city_if_it_lies_in_the_region_and_say_why_not(dataset) -> None:
    from qantar.explorer import chart_note, count_html, export_readme

    # Zhanaozen lies in Mangystau Region (places.csv): the two filters together are Zhanaozen (ev001), not the region.
    inside = compute_view(dataset, Selection(cities=("Zhanaozen",), regions=("Mangystau Region",)))
    assert list(inside.events["event_id"]) == ["ev001"] and list(inside.cities["city"]) == ["Zhanaozen"]
    assert inside.place_note == "" and inside.filter_label() == "2–10 January 2022 · Zhanaozen, in Mangystau Region"
    # Almaty does not: nothing matches, every view is empty, and the count line and the chart say why.
    apart = compute_view(dataset, Selection(cities=("Almaty",), regions=("Mangystau Region",)))
    assert apart.events.empty and apart.cities.empty and apart.claims.empty and apart.timeline.to_numpy().sum() == 0
    assert (
        apart.place_note.startswith("Almaty is not in Mangystau Region. ") and "so nothing matches" in apart.place_note
    )
    assert apart.place_note in count_html(apart) and apart.place_note in chart_note(apart)
    assert apart.place_note in export_readme(apart, dataset.version)
    assert " 0 events, 0 cities on the map; 0 casualty claims;" in apart.label()
    # Two cities, one in the region: the other is left out, and the casualty sentence names the one kept.
    part = compute_view(dataset, Selection(cities=("Almaty", "Zhanaozen"), regions=("Mangystau Region",)))
    assert list(part.cities["city"]) == ["Zhanaozen"] and "so Almaty is left out" in part.place_note
    assert "they include Zhanaozen," in part.scope_note and "4 figures for Almaty only" in part.scope_note
    assert part.filter_label() == "2–10 January 2022 · Almaty or Zhanaozen, in Mangystau Region"


def test_casualty_chart_is_scoped_to_the_selected_places_and_says_why(dataset) -> None:
    west = compute_view(dataset, Selection(cities=("Zhanaozen", "Aktau")))
    assert set(west.claims["scope_place_id"]) == {"kz"} and len(west.claims) == NATIONAL_IN_CHART
    assert "15 national figures" in west.scope_note and "Aktau and Zhanaozen" in west.scope_note
    assert "4 figures for Almaty only" in west.scope_note
    almaty = compute_view(dataset, Selection(cities=("Almaty",)))
    assert ALMATY_ONLY_IN_CHART <= set(almaty.claims["report_id"])
    assert len(almaty.claims) == NATIONAL_IN_CHART + len(ALMATY_ONLY_IN_CHART)
    assert "leaves out" not in almaty.scope_note
    # Almaty as a region (the city of republican significance) is Almaty too.
    region = compute_view(dataset, Selection(regions=("Almaty (city of republican significance)",)))
    assert set(region.claims["report_id"]) == set(almaty.claims["report_id"])


def test_groups_and_measures_filter_the_chart(dataset) -> None:
    view = compute_view(dataset, Selection(start=JAN(7), end=JAN(7), groups=("security_forces",)))
    assert set(view.claims["value"].dropna().astype(int)) == {18, 748}  # cr020, cr021
    detained = compute_view(dataset, Selection(measures=("detained",)))
    assert set(detained.claims["report_id"]) == {"cr017", "cr024"} and detained.measures == ["detained"]


def test_search_matches_descriptions_evidence_and_citations_any_case(dataset) -> None:
    kiosk = compute_view(dataset, Selection(q="KIOSK"))
    assert list(kiosk.events["event_id"]) == ["ev031"]
    # "Several airlines then canceled flights to Almaty" is the evidence of citation of ev020 only (citations.csv).
    cited = compute_view(dataset, Selection(q="canceled flights"))
    assert "ev020" in set(cited.events["event_id"])
    with (settings.data_dir() / "events.csv").open(encoding="utf-8") as fh:
        own = [r for r in csv.DictReader(fh) if "canceled flights" in (r["description"] + r["evidence"]).lower()]
    assert own == []  # found through the citation, not its own text
    assert search(dataset, "reactions", dataset.reactions, "   ").equals(dataset.reactions)
    nothing = compute_view(dataset, Selection(q="zzzz-no-such-word"))
    assert nothing.events.empty and nothing.cities.empty and nothing.claims.empty and nothing.reactions.empty
    assert " 0 events, 0 cities on the map; 0 casualty claims; 0 reactions" in nothing.label()


def test_reactions_follow_actor_kinds_days_and_search(dataset) -> None:
    with (settings.data_dir() / "reactions.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    foreign = [r["reaction_id"] for r in rows if r["actor_kind"] == "foreign_government"]
    view = compute_view(dataset, Selection(actor_kinds=("foreign_government",)))
    assert sorted(view.reactions["reaction_id"]) == sorted(foreign)
    assert set(view.reactions["source"]) <= set(__import__("qantar").display.source_labels(dataset).values())
    everywhere = compute_view(dataset, Selection()).reactions
    assert len(compute_view(dataset, Selection(cities=("Almaty",))).reactions) == len(everywhere)  # places do not apply


def test_timeline_counts_day_precise_happenings(dataset) -> None:
    view = compute_view(dataset, Selection(cities=("Zhanaozen", "Aktau")))
    assert int(view.timeline.loc["2022-01-02"].sum()) == 2 and int(view.timeline.to_numpy().sum()) == 2
    assert view.n_ranged == 0


def test_table_is_sorted_and_paged(dataset) -> None:
    view = compute_view(dataset, Selection())
    first, page, label = table_page(view)
    assert (page, label, len(first)) == (0, "1–25 of 64", 25)
    last, page, label = table_page(view, page=99)
    assert (page, label, len(last)) == (2, "51–64 of 64", 14)
    by_city, _, _ = table_page(view, "city", ascending=False)
    assert by_city["city"].iloc[0] == "Zhanaozen"
    assert list(by_city.columns) == ["date", "city", "event_type", "description", "evidence", "source"]
    assert all(d.endswith("2022") for d in first["date"])
    empty = compute_view(dataset, Selection(q="zzzz-no-such-word"))
    assert table_page(empty)[2] == "no records"
    assert "No records for this selection." in table_html(table_page(empty)[0])


def test_table_html_escapes_dataset_text() -> None:
    import pandas as pd

    rows = pd.DataFrame(
        [
            {
                "date": "2 Jan 2022",
                "city": "A",
                "event_type": "Riots",
                "description": '<script>x()</script> $x$ "q" &amp;',
                "evidence": "e",
                "source": "s",
            }
        ]
    )
    html = table_html(rows)
    assert "<script>" not in html and "&lt;script&gt;x()&lt;/script&gt; $x$ &#34;q&#34; &amp;amp;" in html


def test_selection_url_and_json_round_trip(dataset) -> None:
    sel = Selection(
        JAN(4),
        JAN(6),
        ("Riots",),
        (),
        ("Zhanaozen", "Almaty"),
        ("protesters",),
        ("killed",),
        ("foreign_government",),
        "airport",
    )
    assert sel.cities == ("Almaty", "Zhanaozen")  # sorted: one selection, one link
    query = sel.to_query()
    assert query == (
        "days=2022-01-04..2022-01-06&event_types=Riots&cities=Almaty&cities=Zhanaozen&groups=protesters"
        "&measures=killed&actor_kinds=foreign_government&q=airport"
    )
    assert from_query(dataset, query) == (sel, [])
    assert from_query(dataset, "?" + query + "&token=abc") == (sel, [])
    assert from_json(dataset, sel.to_json()) == (sel, [])
    assert Selection().to_query() == "" and from_query(dataset, "") == (Selection(), [])


def test_one_registry_names_every_filter_and_old_links_still_open(dataset) -> None:
    from dataclasses import fields

    from qantar import params
    from qantar.filters import FILTERS, words
    from qantar.notebook import Run
    from qantar.selection import from_parameters

    lists = [f.name for f in fields(Selection) if f.name not in ("start", "end", "q")]
    assert lists == list(FILTERS)  # the selection's list fields are the registry's, in its order
    # Links made before the keys became the filters' names (types=, actors=) open the same view.
    old = "days=2022-01-04..2022-01-06&types=Riots&cities=Almaty&actors=foreign_government"
    sel = Selection(JAN(4), JAN(6), event_types=("Riots",), cities=("Almaty",), actor_kinds=("foreign_government",))
    assert from_query(dataset, old) == (sel, [])
    assert (
        sel.to_query() == "days=2022-01-04..2022-01-06&event_types=Riots&cities=Almaty&actor_kinds=foreign_government"
    )
    assert json.loads(sel.to_json())["event_types"] == ["Riots"]  # the JSON key is the same name
    # Notebook 05's list parameters are the registry's filters with notebook help, and read back into a selection.
    spec = [p for p in params.spec("05_explorer") if p.kind == "choices"]
    assert [(p.name, p.choices) for p in spec] == [
        ("event_types", "event_types"),
        ("cities", "unrest_cities"),
        ("groups", "groups"),
    ]
    assert from_parameters(JAN(2), JAN(10), event_types="Riots", cities=None, groups=["protesters"]) == Selection(
        event_types=("Riots",), groups=("protesters",)
    )
    # One word per filter for pages and titles.
    run = Run(
        "04_reaction_summaries",
        dataset,
        params.Window(JAN(2), JAN(10)),
        None,
        {"actor_kinds": None, "stances": ["supportive"]},
    )
    assert (
        run.describe_filters() == "all reacting actors; stances: supportive" and words("event_types") == "event types"
    )
    from qantar.html import environment

    page = environment().from_string("{{ 'actor_kinds' | filter_words }}|{{ 'scopes' | filter_words }}").render()
    assert page == "reacting actors|scopes"


# Run in a fresh interpreter: a filter added to the registry before anything else is imported (Selection gains its
# field, as the one line a new filter adds in selection.py), then everything that names a filter is asked about it.
ADDED_FILTER = """
import dataclasses, json, sys
from datetime import date
from qantar import filters, selection
region = "Mangystau Region"
filters.FILTERS["fakes"] = filters.Filter(
    "fakes", "Fake places", "regions", {"events": "region", "places": "region"}, ("events",),
    value_labels={region: "the fake west"}, old_keys=("fk",), notebook_help="fake places selected at start",
)
selection.Selection = dataclasses.make_dataclass(
    "Selection", [("fakes", tuple, dataclasses.field(default=()))], bases=(selection.Selection,), frozen=True
)
from qantar import explorer, landing, load, params
from qantar.app import Explorer
from qantar.html import environment
from qantar.notebook import Run
ds = load()
sel, problems = selection.from_query(ds, "fk=" + region.replace(" ", "+"))
app = Explorer(ds, sel)
box = [b for b in app.widget.children[2].children if "qantar-filter" in b._dom_classes][-2]
run = Run("05_explorer", ds, params.Window(date(2022, 1, 2), date(2022, 1, 10)), None, {"fakes": [region]})
print(json.dumps({
    "problems": problems,
    "query": sel.to_query(),
    "json": sorted(json.loads(sel.to_json())),
    "json_back": selection.from_json(ds, sel.to_json())[0] == sel,
    "unknown": selection.from_query(ds, "colour=red")[1],
    "spec": [p.name for p in params.spec("05_explorer")],
    "applies": explorer.APPLIES["events"],
    "label": explorer.filter_label(sel),
    "regions_of_events": sorted(set(explorer.compute_view(ds, sel).events["region"])),
    "app_lists": list(app.lists),
    "app_value": list(app.lists["fakes"].value),
    "app_box": [box.children[0].value, sorted(box.children[1]._dom_classes)],
    "app_set": app.set(fk=[region]) == app.view.label() and app.selection() == sel,
    "page": environment().from_string("{{ 'fakes' | filter_words }}: {{ v | filter_values('fakes') | join }}").render(
        v=[region]
    ),
    "title": run.describe_filters(),
    "card": landing.scope_words(run),
}))
"""


@pytest.mark.slow
def test_a_filter_added_to_the_registry_reaches_every_place_that_names_one() -> None:
    """One entry in qantar.filters.FILTERS (and its Selection field) is all a new explorer filter needs: links, JSON,
    notebook 05's spec, the views, the app's lists and every page's words follow. A second hand-kept list fails here."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", ADDED_FILTER], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got["problems"] == [] and got["query"] == "fakes=Mangystau+Region" and got["json_back"]
    assert "fakes" in got["json"] and "fakes" in got["unknown"][0]
    assert got["spec"][-2] == "fakes" and "fakes" in got["applies"]
    assert got["label"] == "2–10 January 2022 · the fake west"
    assert got["regions_of_events"] == ["Mangystau Region"]
    assert got["app_lists"][-1] == "fakes" and got["app_value"] == ["Mangystau Region"] and got["app_set"]
    assert got["app_box"] == ["<b>Fake places</b>", ["qantar-fakes"]]
    assert got["page"] == "fake places: the fake west"
    assert got["title"] == "fake places: the fake west"
    assert got["card"] == "2–10 January 2022; the fake west only"


@pytest.mark.parametrize(
    "query,problem",
    [
        ("cities=Gotham", "cities: 'Gotham' is not one of"),
        ("days=2022-01-09..2022-01-02", "days: parameter 'start'"),
        ("days=yesterday", "an ISO date"),
        ("colour=red", "colour: not a filter"),
        ("types=__import__('os')", "event_types: \"__import__('os')\" is not one of"),
    ],
)
def test_bad_url_values_are_messages_not_tracebacks(dataset, query, problem) -> None:
    sel, problems = from_query(dataset, query + "&cities=Almaty")
    assert any(problem in p for p in problems), problems
    assert "Almaty" in sel.cities or query.startswith("cities")


@pytest.mark.parametrize(
    "content,problem",
    [
        (b"\xff\xfe", "not UTF-8"),
        (b"{not json", "not JSON"),
        (b"[1, 2]", "not a saved Qantar selection"),
        (
            json.dumps({"qantar_selection": 1, "cities": "Almaty", "groups": 3}).encode(),
            "groups: 3 is not None (all), a name, or a list of names; ignored",
        ),
        (b" " * 30_000, "at most 20,000"),
    ],
)
def test_bad_selection_files_are_messages(dataset, content, problem) -> None:
    sel, problems = from_json(dataset, content)
    assert any(problem in p for p in problems), problems
    if b"Almaty" in content:  # a saved selection with one bad value: the rest is loaded
        assert sel.cities == ("Almaty",)
    else:  # not a saved selection at all: nothing loaded
        assert sel is None


def test_export_zip_holds_the_views_rows_and_figures(dataset) -> None:
    sel = Selection(cities=("Zhanaozen", "Aktau"))
    view = compute_view(dataset, sel)
    fake_figures = {"map.html": "<html></html>"}
    with zipfile.ZipFile(io.BytesIO(export_zip(dataset, sel, fake_figures))) as zf:
        names = set(zf.namelist())
        assert names == {
            f"qantar-selection/{n}"
            for n in [
                "events.csv",
                "cities.csv",
                "timeline.csv",
                "casualty_claims.csv",
                "casualty_series.csv",
                "reactions.csv",
                "sources.csv",
                "figures/map.html",
                "selection.json",
                "README.txt",
                "LICENSE",
                "CITATION.cff",
                "CITATION.bib",
            ]
        }
        events = list(csv.DictReader(io.StringIO(zf.read("qantar-selection/events.csv").decode())))
        claims = list(csv.DictReader(io.StringIO(zf.read("qantar-selection/casualty_claims.csv").decode())))
        readme = zf.read("qantar-selection/README.txt").decode()
        saved = zf.read("qantar-selection/selection.json")
    assert [r["event_id"] for r in events] == ["ev001", "ev002"]
    assert events[0]["source"] == "Europe Diplomatic (probable), 6 Jan 2022" and events[0]["date_label"] == "2 Jan 2022"
    assert len(claims) == NATIONAL_IN_CHART and {r["scope_place_id"] for r in claims} == {"kz"}
    assert len(export_frames(view)["reactions.csv"]) == len(view.reactions)
    assert "Aktau · Zhanaozen" not in readme and "Aktau or Zhanaozen" in readme and view.scope_note in readme
    assert f"(version {dataset.version})" in readme  # the export says which data it was cut from
    assert from_json(dataset, saved) == (sel, [])


@pytest.mark.slow
def test_export_zip_builds_offline_figures(dataset) -> None:
    with zipfile.ZipFile(io.BytesIO(export_zip(dataset, Selection(cities=("Almaty",))))) as zf:
        html = zf.read("qantar-selection/figures/map.html").decode()
        assert "qantar-selection/figures/plotly.min.js" in zf.namelist()
    assert 'src="plotly.min.js"' in html and "cdn" not in html.lower().split("<body")[0]


def test_no_selection_is_the_default_one_and_a_bare_string_is_one_value(dataset) -> None:
    everything = compute_view(dataset)
    assert everything.label() == compute_view(dataset, Selection(JAN(2), JAN(10))).label()
    assert Selection(event_types="Riots") == Selection(event_types=("Riots",))  # not the letters R, i, o, s, t


@pytest.mark.slow
def test_app_widgets_drive_the_view(dataset) -> None:
    from qantar.app import Explorer

    app = Explorer(dataset)
    # One list per registry filter, with the class the browser tests select it by (.qantar-event_types select).
    assert {name: box._dom_classes for name, box in app.lists.items()} == {n: (f"qantar-{n}",) for n in app.lists}
    assert app.set(types=["Riots"]) == compute_view(dataset, Selection(event_types=("Riots",))).label()
    assert app.view.label() in app.count.value
    app.set(types=[], days=(JAN(4), JAN(5)))
    assert (app.view.start, app.view.end) == (JAN(4), JAN(5))
    app.set(days=(JAN(2), JAN(10)), cities=["Almaty"])
    assert app.share.value == "?cities=Almaty"
    assert "1–19 of 19" in app.page_label.value and app.next_page.disabled
    app.cities.value = ()
    app.next_page.click()
    assert "26–50 of 64" in app.page_label.value
    app.apply(Selection())
    assert app.view.label() == compute_view(dataset, Selection()).label()


@pytest.mark.slow
def test_app_map_click_selects_and_clears_a_city(dataset) -> None:
    from types import SimpleNamespace

    from qantar.app import Explorer

    app = Explorer(dataset)
    trace = app.map.data[-1]
    index = list(trace.customdata).index("Almaty")
    app._on_map_click(trace, SimpleNamespace(point_inds=[index]), None)
    assert (
        app.cities.value == ("Almaty",)
        and app.view.label() == compute_view(dataset, Selection(cities=("Almaty",))).label()
    )
    trace = app.map.data[-1]
    app._on_map_click(trace, SimpleNamespace(point_inds=[list(trace.customdata).index("Almaty")]), None)
    assert app.cities.value == ()


@pytest.mark.slow
def test_app_load_json_and_export_link(dataset) -> None:
    from qantar.app import Explorer

    app = Explorer(dataset)
    saved = Selection(cities=("Aktau",), q="gas").to_json().encode()
    app._on_load({"new": [{"name": "s.json", "content": memoryview(saved)}]})
    assert app.selection() == Selection(cities=("Aktau",), q="gas")
    assert app.view.claims.empty and app.chart.layout.display == "none"  # no blank three-panel chart
    app._on_load({"new": [{"name": "bad.json", "content": memoryview(b"{oops")}]})
    # A file that is not a saved selection is a message; the analyst's current view stays as it was.
    assert "not JSON" in app.notes.value and app.selection() == Selection(cities=("Aktau",), q="gas")
    app.apply(Selection())
    assert app.chart.layout.display is None  # shown again once figures match
    app._on_export(None)
    assert 'download="qantar-selection.zip"' in app.export_link.value
    assert 'href="data:application/zip;base64,' in app.export_link.value


def test_links_and_files_that_break_parsers_are_messages(dataset) -> None:
    """Found by the red-team pass: too many fields, deep nesting, huge numbers, `true` as the marker."""
    sel, problems = from_query(dataset, "&".join(["cities=Almaty"] * 250))
    assert sel == Selection() and "more than 200 values" in problems[0]
    for content in (
        b'{"qantar_selection":1,"cities":' + b"[" * 9000 + b"]" * 9000 + b"}",
        b'{"qantar_selection":1,"start":' + b"9" * 5000 + b"}",
        b'{"qantar_selection":true,"cities":["Almaty"]}',
    ):
        sel, problems = from_json(dataset, content)
        assert sel is None and "nothing loaded" in problems[0], problems


@pytest.mark.slow
def test_app_loads_the_same_file_twice_and_links_use_the_servers_address(dataset, monkeypatch) -> None:
    from qantar.app import Explorer, _base_url
    from qantar.app.serve import command, environment
    from qantar.settings import APP_URL_ENV

    from datetime import datetime, timezone

    app = Explorer(dataset)
    saved = memoryview(Selection(cities=("Aktau",)).to_json().encode())
    when = datetime(2026, 1, 1, tzinfo=timezone.utc)
    app.load.value = (
        {"name": "s.json", "content": saved, "size": len(saved), "type": "application/json", "last_modified": when},
    )
    assert app.selection().cities == ("Aktau",) and app.load.value == ()
    app.apply(Selection())
    app.load.value = (
        {"name": "s.json", "content": saved, "size": len(saved), "type": "application/json", "last_modified": when},
    )
    assert app.selection().cities == ("Aktau",)  # the second load of the same file applies too
    monkeypatch.setenv("SERVER_NAME", "evil.example")
    monkeypatch.setenv(APP_URL_ENV, environment({}, port=8123)[APP_URL_ENV])
    assert _base_url() == "http://127.0.0.1:8123/"
    cmd = " ".join(command(8123))
    assert "--Voila.ip=127.0.0.1" in cmd and "--MappingKernelManager.cull_idle_timeout=120" in cmd


# --- One rule for every view: filters combine with AND, the values of one filter with OR ------------------------------
# The oracle below recomputes the rule from the raw CSVs (csv module, no lib code) for selections built from the
# dataset's own choices, and every view of compute_view must agree with it: records table, map cities (and the marker
# data the app draws), timeline, casualty claims, reactions and the count line.

DEFAULT_MEASURES = ("killed", "injured", "detained")  # the chart's panels when no measure is chosen


def _csv(name: str) -> list[dict[str, str]]:
    with (settings.data_dir() / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@functools.cache
def oracle() -> "Oracle":
    """The oracle over the shipped CSVs, read once."""
    return Oracle()


class Oracle:
    """The filter rule restated in plain Python over the raw tables."""

    def __init__(self) -> None:
        self.places = {r["place_id"]: r for r in _csv("places.csv")}
        self.events = [r for r in _csv("events.csv") if r["background"] == "false"]
        self.places_of = {e["event_id"]: e["place_id"] for e in self.events}
        self.claims = _csv("casualty_reports.csv")
        self.reactions = _csv("reactions.csv")
        self.cited: dict[tuple[str, str], str] = {}
        for c in _csv("citations.csv"):
            key = (c["table"], c["record_id"])
            self.cited[key] = self.cited.get(key, "") + " " + c["evidence"]

    def city(self, place_id: str) -> str | None:
        """The city a place is in: itself when a city, its parent city when a site; None otherwise."""
        place = self.places[place_id]
        if place["kind"] == "city":
            return place_id
        parent = self.places.get(place["parent_id"])
        return parent["place_id"] if place["kind"] == "site" and parent and parent["kind"] == "city" else None

    def region(self, place_id: str) -> str:
        """January 2022 region of a place ('' for none): its city's, or its own."""
        return self.places[self.city(place_id) or place_id]["admin1_jan2022"]

    def in_places(self, place_id: str, sel: Selection) -> bool:
        """The place filters: in one of the cities (when any) AND in one of the regions (when any)."""
        city = self.city(place_id)
        name = self.places[city]["name"] if city else None
        return (not sel.cities or name in sel.cities) and (not sel.regions or self.region(place_id) in sel.regions)

    def found(self, table: str, row: dict[str, str], id_col: str, cols: tuple[str, ...], q: str) -> bool:
        text = " ".join([row[c] for c in cols] + [self.cited.get((table, row[id_col]), "")]).lower()
        return q.lower() in text

    def happening_spans(self) -> dict[str, tuple[str, str, str]]:
        """Per happening, from all its versions: ('day', d, d) when a version gives a day every other version
        allows, ('range', first, last) when they overlap otherwise, ('disputed', first, last) when they cannot
        all be true."""
        versions: dict[str, list[dict[str, str]]] = {}
        for e in self.events:
            versions.setdefault(e["happening_id"], []).append(e)
        spans = {}
        for hid, rows in versions.items():
            first, last = min(r["date_start"] for r in rows), max(r["date_end"] for r in rows)
            common_from, common_to = max(r["date_start"] for r in rows), min(r["date_end"] for r in rows)
            if common_from > common_to:
                spans[hid] = ("disputed", first, last)
            elif any(r["date_precision"] == "day" for r in rows):
                spans[hid] = ("day", common_from, common_to)
            else:
                spans[hid] = ("range", first, last)
        return spans

    def view(self, sel: Selection) -> dict[str, object]:
        start, end = sel.start.isoformat(), sel.end.isoformat()
        spans = self.happening_spans()

        def fit(hid: str) -> str:  # the happening in the days, only perhaps in them, or out
            first, last = spans[hid][1], spans[hid][2]
            if first >= start and last <= end:
                return "in"
            return "may" if last >= start and first <= end else "out"

        events = [
            e
            for e in self.events
            if e["date_end"] >= start
            and e["date_start"] <= end
            and fit(e["happening_id"]) != "out"
            and (not sel.event_types or e["event_type"] in sel.event_types)
            and self.in_places(e["place_id"], sel)
            and (not sel.q or self.found("events", e, "event_id", ("description", "evidence", "variant_note"), sel.q))
        ]
        cities: dict[str, tuple[set[str], int]] = {}
        timeline: dict[tuple[str, str], set[str]] = {}
        for e in events:
            city = self.city(e["place_id"])
            if city:
                name = self.places[city]["name"]
                happenings, reports = cities.get(name, (set(), 0))
                counted = {e["happening_id"]} if fit(e["happening_id"]) == "in" else set()
                cities[name] = (happenings | counted, reports + 1)
        # A happening is drawn on its day when all its versions allow that one day and it lies in the days, under
        # the ACLED type of its first shown version; every other happening shown is counted apart (n_ranged).
        found = {e["happening_id"] for e in events}
        first_type: dict[str, str] = {}
        for e in sorted(events, key=lambda e: (e["date_start"], e["event_id"])):
            first_type.setdefault(e["happening_id"], e["event_type"])
        drawn = {h for h in found if spans[h][0] == "day" and fit(h) == "in"}
        for h in drawn:
            timeline.setdefault((spans[h][1], first_type[h]), set()).add(h)
        ranged = found - drawn
        # Casualty figures: a place filter keeps a figure whose scope is a selected place or encloses one.
        chosen = {p for p in self.places if (sel.cities or sel.regions) and self.in_places(p, sel)}
        enclosing: set[str] = set()
        for p in chosen:
            parent = self.places[p]["parent_id"]
            while parent:
                enclosing.add(parent)
                parent = self.places[parent]["parent_id"]
        claims = [
            c["report_id"]
            for c in self.claims
            if start <= c["as_of_date"] <= end
            and c["measure"] in (sel.measures or DEFAULT_MEASURES)
            and (not sel.groups or c["group"] in sel.groups)
            and (not (sel.cities or sel.regions) or c["scope_place_id"] in chosen | enclosing)
            and (not sel.q or self.found("casualty_reports", c, "report_id", ("evidence", "notes"), sel.q))
        ]
        reactions = [
            r["reaction_id"]
            for r in self.reactions
            if r["date_end"] >= start
            and r["date_start"] <= end
            and (not sel.actor_kinds or r["actor_kind"] in sel.actor_kinds)
            and (not sel.q or self.found("reactions", r, "reaction_id", ("summary", "evidence"), sel.q))
        ]
        return {
            "events": sorted(e["event_id"] for e in events),
            "n_events": len(found),
            "n_may": sum(1 for h in found if fit(h) == "may"),
            "cityless": sum(1 for e in events if not self.city(e["place_id"])),
            "cities": {name: (len(h), n) for name, (h, n) in cities.items()},
            "timeline": {key: len(h) for key, h in timeline.items()},
            "n_ranged": len(ranged),
            "claims": sorted(claims),
            "reactions": sorted(reactions),
        }


COUNT_LINE = re.compile(
    r": (?P<events>\d+) events?(?: \((?P<may>\d+) may fall outside these days\))?(?: in (?P<reports>\d+) reports?)?, "
    r"(?P<cities>\d+) cit(?:y|ies) on the map(?:, [^;(]*perhaps in these days)?"
    r"(?: \((?P<cityless>\d+) reports? names? no city\))?; (?P<claims>\d+) casualty claims?; "
    r"(?P<reactions>\d+) reactions?(?: \(\d+ may fall outside these days\))?$"
)


def combined_selections(ds, kind: str, full: bool = False) -> list[Selection]:
    """Selections of one kind, built from the dataset's own choices (the lists the app offers).

    The fast tier takes every other city (each kind its own half); ``full`` takes them all.
    """
    from qantar import params

    raw = oracle()
    cities, regions = params.CHOICES["unrest_cities"](ds), params.CHOICES["regions"](ds)
    types, actors = params.CHOICES["event_types"](ds), params.CHOICES["actor_kinds"](ds)
    groups, measures = params.CHOICES["groups"](ds), params.CHOICES["measures"](ds)
    region_of = {raw.places[p]["name"]: raw.region(p) for p in raw.places if raw.places[p]["kind"] == "city"}
    other = {  # a region the city is not in, a different one for each city
        c: next(r for r in regions[i % len(regions) :] + regions if r != region_of[c]) for i, c in enumerate(cities)
    }
    windows = [(JAN(2), JAN(3)), (JAN(4), JAN(6)), (JAN(5), JAN(5)), (JAN(7), JAN(10))]
    pairs = list(zip(cities, cities[1:] + cities[:1], strict=True))
    half = (lambda items, offset: items) if full else (lambda items, offset: items[offset::2])
    return {
        "city and its region": [Selection(cities=(c,), regions=(region_of[c],)) for c in half(cities, 0)],
        "city and another region": [Selection(cities=(c,), regions=(other[c],)) for c in half(cities, 1)],
        "two cities": [Selection(cities=pair) for pair in half(pairs, 0)],
        "two cities and the region of one": [
            Selection(cities=(a, b), regions=(region_of[a],)) for a, b in half(pairs, 1)
        ],
        "region and event type": [
            Selection(regions=(r,), event_types=(types[i % len(types)],)) for i, r in enumerate(regions)
        ],
        "two regions and a city": [
            Selection(regions=(region_of[c], other[c]), cities=(c, cities[i - 1]))
            for i, c in half(list(enumerate(cities)), 0)
        ],
        "actor kind and city": [
            Selection(actor_kinds=(a,), cities=(cities[i % len(cities)],)) for i, a in enumerate(actors)
        ],
        "days and city": [
            Selection(start=s, end=e, cities=(cities[i % len(cities)],), regions=(region_of[cities[i % len(cities)]],))
            for i, (s, e) in enumerate(windows)
        ]
        + [Selection(start=s, end=e, cities=("Almaty",), event_types=("Riots",)) for s, e in windows],
        "casualty filters and places": [
            Selection(groups=(g,), measures=(m,), cities=(c,), regions=(region_of[c],))
            for g, m, c in zip(groups, measures * len(groups), cities * len(groups), strict=False)
        ]
        + [Selection(groups=(g,), regions=(r,)) for g, r in zip(groups, regions, strict=False)],
        "search and places": [
            Selection(q=q, cities=("Almaty",), regions=(region_of["Almaty"],), event_types=t)
            for q in ("airport", "police", "gas")
            for t in ((), ("Riots",))
        ]
        + [Selection(q="gas", regions=(r,)) for r in regions[:4]],
        # The slow tier's products: every city with every region, every two cities, every region with every type.
        "every city and region": [Selection(cities=(c,), regions=(r,)) for c in cities for r in regions],
        "every two cities": [Selection(cities=(a, b)) for i, a in enumerate(cities) for b in cities[i + 1 :]],
        "every region and type": [Selection(regions=(r,), event_types=(t,)) for r in regions for t in types],
    }[kind]


KINDS = [
    "city and its region",
    "city and another region",
    "two cities",
    "two cities and the region of one",
    "region and event type",
    "two regions and a city",
    "actor kind and city",
    "days and city",
    "casualty filters and places",
    "search and places",
]


def assert_views_follow_the_rule(ds, sel: Selection) -> None:
    """Table, map (summary, markers, hover events), timeline, claims, reactions and count line agree with the oracle."""
    from qantar import derive, display
    from qantar.figures import maps

    raw = oracle()
    want = raw.view(sel)
    view = compute_view(ds, sel)
    count = COUNT_LINE.search(view.label())
    assert count, view.label()
    got = {
        "events": sorted(view.events["event_id"]),
        "n_events": int(count["events"]),
        "n_may": int(count["may"] or 0),
        "cityless": int(count["cityless"] or 0),
        "cities": {r.city: (int(r.n_events), int(r.n_reports)) for r in view.cities.itertuples()},
        "timeline": {
            (day.date().isoformat(), str(kind)): int(n) for (day, kind), n in view.timeline.stack().items() if int(n)
        },
        "n_ranged": view.n_ranged,
        "claims": sorted(view.claims["report_id"]),
        "reactions": sorted(view.reactions["reaction_id"]),
    }
    assert got == want, f"{sel}: {view.label()}"
    # The count line counts what the views show.
    assert int(count["reports"] or count["events"]) == len(view.events) == len(want["events"])
    assert (int(count["cities"]), int(count["claims"]), int(count["reactions"])) == (
        len(want["cities"]),
        len(want["claims"]),
        len(want["reactions"]),
    )
    # The map's markers (what the app draws in place) and the events behind their hover are the table's.
    trace = maps.city_trace(view.cities, view.city_events, display.source_labels(ds), sel.cities)
    assert set(trace["customdata"]) == set(want["cities"]), sel
    located = sorted(e for e in want["events"] if raw.city(raw.places_of[e]))
    assert sorted(view.city_events["event_id"]) == located, sel
    if not sel.q:  # the notebooks' maps (derive.city_summary) follow the same rule
        summary = derive.city_summary(
            ds, sel.start, sel.end, sel.event_types or None, sel.regions or None, sel.cities or None
        )
        assert {r.city: (int(r.n_events), int(r.n_reports)) for r in summary.itertuples()} == want["cities"], sel


@pytest.mark.parametrize("kind", KINDS)
def test_every_view_follows_one_rule_for_combined_filters(dataset, kind: str) -> None:
    selections = combined_selections(dataset, kind)
    assert selections, kind
    for sel in selections:
        assert_views_follow_the_rule(dataset, sel)


@pytest.mark.slow
@pytest.mark.parametrize("kind", [*KINDS, "every city and region", "every two cities", "every region and type"])
def test_every_view_follows_one_rule_for_every_combination(dataset, kind: str) -> None:
    for sel in combined_selections(dataset, kind, full=True):
        assert_views_follow_the_rule(dataset, sel)
