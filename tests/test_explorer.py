"""Explorer logic: every view follows every filter; records paged and sorted; the export equals the views.

Expected values were read off the CSVs in data/ (not computed with the functions under test).
"""

from __future__ import annotations

import csv
import io
import json
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
# national (kz) cr001 cr002 cr005 cr006 cr009 cr010 cr015 cr016 cr017 cr020-cr024; Almaty only cr013 cr014 cr018 cr019.
NATIONAL_IN_CHART = 14
ALMATY_ONLY_IN_CHART = {"cr013", "cr014", "cr018", "cr019"}


def test_default_view_counts(dataset) -> None:
    view = compute_view(dataset, Selection())
    assert view.n_events == dataset.events[~dataset.events["background"].astype(bool)]["happening_id"].nunique()
    assert len(view.cities) == 12
    assert set(view.claims["measure"]) == {"killed", "injured", "detained"}
    assert len(view.claims) == NATIONAL_IN_CHART + len(ALMATY_ONLY_IN_CHART)
    # Reports placed at the country or a loose area (places.csv kinds) are in the table but on no city.
    with (settings.data_dir() / "places.csv").open(encoding="utf-8") as fh:
        cityless_places = {r["place_id"] for r in csv.DictReader(fh) if r["kind"] in ("country", "area", "region")}
    cityless = int(view.events["place_id"].astype(str).isin(cityless_places).sum())
    assert cityless == 31
    assert view.label() == (
        "2–10 January 2022: 53 events in 62 reports, 12 cities on the map (31 reports name no "
        f"city); 18 casualty claims; {len(dataset.reactions)} reactions"
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


def test_casualty_chart_is_scoped_to_the_selected_places_and_says_why(dataset) -> None:
    west = compute_view(dataset, Selection(cities=("Zhanaozen", "Aktau")))
    assert set(west.claims["scope_place_id"]) == {"kz"} and len(west.claims) == NATIONAL_IN_CHART
    assert "14 national figures" in west.scope_note and "Aktau and Zhanaozen" in west.scope_note
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
    assert len(compute_view(dataset, Selection(cities=("Almaty",))).reactions) == len(rows)  # places do not apply


def test_timeline_counts_day_precise_happenings(dataset) -> None:
    view = compute_view(dataset, Selection(cities=("Zhanaozen", "Aktau")))
    assert int(view.timeline.loc["2022-01-02"].sum()) == 2 and int(view.timeline.to_numpy().sum()) == 2
    assert view.n_ranged == 0


def test_table_is_sorted_and_paged(dataset) -> None:
    view = compute_view(dataset, Selection())
    first, page, label = table_page(view)
    assert (page, label, len(first)) == (0, "1–25 of 62", 25)
    last, page, label = table_page(view, page=99)
    assert (page, label, len(last)) == (2, "51–62 of 62", 12)
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
        "days=2022-01-04..2022-01-06&types=Riots&cities=Almaty&cities=Zhanaozen&groups=protesters"
        "&measures=killed&actors=foreign_government&q=airport"
    )
    assert from_query(dataset, query) == (sel, [])
    assert from_query(dataset, "?" + query + "&token=abc") == (sel, [])
    assert from_json(dataset, sel.to_json()) == (sel, [])
    assert Selection().to_query() == "" and from_query(dataset, "") == (Selection(), [])


@pytest.mark.parametrize(
    "query,problem",
    [
        ("cities=Gotham", "cities: 'Gotham' is not one of"),
        ("days=2022-01-09..2022-01-02", "days: parameter 'start'"),
        ("days=yesterday", "an ISO date"),
        ("colour=red", "colour: not a filter"),
        ("types=__import__('os')", "types: \"__import__('os')\" is not one of"),
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
        (json.dumps({"qantar_selection": 1, "cities": "Almaty", "groups": 3}).encode(), "groups: expected a list"),
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
                "figures/map.html",
                "selection.json",
                "README.txt",
            ]
        }
        events = list(csv.DictReader(io.StringIO(zf.read("qantar-selection/events.csv").decode())))
        claims = list(csv.DictReader(io.StringIO(zf.read("qantar-selection/casualty_claims.csv").decode())))
        readme = zf.read("qantar-selection/README.txt").decode()
        saved = zf.read("qantar-selection/selection.json")
    assert [r["event_id"] for r in events] == ["ev001", "ev002"]
    assert events[0]["source"] == "Europe Diplomatic (probable), 6 Jan 2022" and events[0]["date_label"] == "2 Jan 2022"
    assert len(claims) == NATIONAL_IN_CHART and {r["scope_place_id"] for r in claims} == {"kz"}
    assert len(export_frames(view)["reactions.csv"]) == len(dataset.reactions)
    assert "Aktau · Zhanaozen" not in readme and "Aktau or Zhanaozen" in readme and view.scope_note in readme
    assert f"data version {dataset.version} " in readme  # the export says which data it was cut from
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
    assert app.set(types=["Riots"]) == compute_view(dataset, Selection(event_types=("Riots",))).label()
    assert app.view.label() in app.count.value
    app.set(types=[], days=(JAN(4), JAN(5)))
    assert (app.view.start, app.view.end) == (JAN(4), JAN(5))
    app.set(days=(JAN(2), JAN(10)), cities=["Almaty"])
    assert app.share.value == "?cities=Almaty"
    assert "1–19 of 19" in app.page_label.value and app.next_page.disabled
    app.cities.value = ()
    app.next_page.click()
    assert "26–50 of 62" in app.page_label.value
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
