"""Figure builders: assert what the figures contain (cities, values, labels), not only that they exist."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from qantar import derive, display, geo  # noqa: E402
from qantar.figures import casualties, maps, reactions, style, timeline  # noqa: E402
from qantar.params import check_window  # noqa: E402

WINDOW = check_window("2022-01-02", "2022-01-10")
pytestmark = pytest.mark.usefixtures("_close_figures")  # conftest: every figure a test drew is closed after it


def test_geo_files_are_valid_and_complete(boundaries) -> None:
    regions, countries = boundaries
    assert len(regions) == 20 and regions.is_valid.all()
    assert regions["region_jan2022"].nunique() == 17  # 14 regions + 3 cities of republican significance
    assert {"KAZ", "RUS", "CHN", "UZB", "KGZ", "TKM"} <= set(countries["iso_a3"])
    assert countries.is_valid.all()


def test_static_map_draws_every_city_with_non_overlapping_labels(dataset, boundaries) -> None:
    summary = derive.city_summary(dataset, WINDOW.start, WINDOW.end)
    fig = maps.static_protest_map(summary, *boundaries, "Cities, 2–10 January 2022", geo.MAP_BOUNDS)
    ax = fig.axes[0]
    texts = [t for t in ax.texts if isinstance(t, matplotlib.text.Annotation)]
    labels = {t.get_text().split(" (")[0] for t in texts}
    assert labels == set(summary["city"]) and len(labels) == 12
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), "city labels overlap"
    assert ax.get_title(loc="left") == "Cities, 2–10 January 2022"
    legend_labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert (
        "Sun 2 Jan" in legend_labels and "Tue 4 Jan" in legend_labels and "known only to a date range" in legend_labels
    )
    assert ax.get_facecolor()[:3] != (1.0, 1.0, 1.0)  # the sea is drawn, not white


def test_place_labels_avoid_markers_and_each_other() -> None:
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    xs, ys = [5, 5.2, 5.4, 2], [5, 5.1, 4.9, 2]
    anns = maps.place_labels(ax, xs, ys, ["alpha", "beta", "gamma", "delta"], [5, 5, 5, 5])
    renderer = fig.canvas.get_renderer()
    boxes = [a.get_window_extent(renderer) for a in anns]
    assert [a.get_text() for a in anns] == ["alpha", "beta", "gamma", "delta"]
    assert not any(boxes[i].overlaps(boxes[j]) for i in range(4) for j in range(i + 1, 4))


def _interactive(dataset, boundaries, **filters):
    from qantar.display import source_labels

    events = derive.city_events(dataset, WINDOW.start, WINDOW.end, **filters)
    frames = derive.city_frames(dataset, WINDOW.days, **filters)
    return maps.interactive_protest_map(
        frames, events, *boundaries, WINDOW.days, "Spread", geo.MAP_BOUNDS, source_labels(dataset)
    )


def test_interactive_map_traces_frames_legend_and_hover(dataset, boundaries) -> None:
    fig = _interactive(dataset, boundaries)
    assert {t.type for t in fig.data} == {"scatter"}  # no scattergeo / map-tile traces: nothing to fetch
    assert [t.name for t in fig.data[:3]] == ["neighbouring countries", "Kazakhstan", "regions (2022)"]
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert legend[:2] == ["Sun 2 Jan", "Tue 4 Jan"] and "known only to a date range" in legend
    assert len(fig.frames) == 9 and fig.frames[0].name == "2022-01-02"
    first_day = set(fig.frames[0].data[0].text)
    assert first_day == {"Zhanaozen", "Aktau", "Taldykorgan"}  # Taldykorgan drawn white: only a range
    assert len(fig.frames[-1].data[0].text) == 12
    almaty = list(fig.data[-1].text).index("Almaty")
    hover = fig.data[-1].hovertext[almaty]
    summary = derive.city_summary(dataset, WINDOW.start, WINDOW.end).set_index("city").loc["Almaty"]
    n_events, n_reports = int(summary["n_events"]), int(summary["n_reports"])
    assert n_reports > n_events  # several reports of one happening: the hover must say both, not mix them
    assert f"{n_events} events in {n_reports} reports" in hover
    assert "4 Jan: Large protest in Almaty" in hover  # earliest first
    assert f"and {n_reports - maps.HOVER_EVENTS} more (all in the table under the map)" in hover
    assert ", 6 Jan 2022)" in hover
    assert fig.layout.plot_bgcolor != "white"  # sea distinct from land


def test_interactive_map_html_is_offline_and_standalone(dataset, boundaries, tmp_path) -> None:
    path = style.save_standalone_html(_interactive(dataset, boundaries, cities=["Almaty"]), tmp_path, "m")
    html = path.read_text(encoding="utf-8")
    import re

    assert not re.search(r"<script[^>]*\bsrc=", html)  # every script inline: the file works copied anywhere
    assert len(html) > 3_000_000 and not (tmp_path / "plotly.min.js").exists()  # plotly.js is inside


def test_timeline_bars_and_annotations(dataset) -> None:
    events = derive.events_in_window(dataset, WINDOW.start, WINDOW.end)
    counts, n_ranged = derive.daily_counts(events, WINDOW.start, WINDOW.end)
    assert (
        counts.loc["2022-01-02", "Protests"] == 2 and counts.loc["2022-01-04", "Protests"] == 9
    )  # ev003, ev005-ev012; ev004 is 4-5 Jan
    fig = timeline.plot_daily_timeline(counts, derive.key_events(events), n_ranged, "T")
    ax = fig.axes[0]
    heights = {}
    for patch in ax.patches:
        day = matplotlib.dates.num2date(patch.get_x() + patch.get_width() / 2).date()
        heights[day] = heights.get(day, 0) + patch.get_height()
    assert heights == {d.date(): float(v) for d, v in counts.sum(axis=1).items()}
    notes = {t.get_text() for t in ax.texts}
    assert {"First protests", "Government resigns", "Day of mourning", "Appeal to CSTO (by this day)"} <= notes
    assert "“Kill without warning” order (by this day)" in notes  # ev051: ordered some day 2-7 Jan (data 0.2.0)


def test_coverage_matrix_marks_documents(dataset) -> None:
    from qantar.display import fact_labels, source_labels

    matrix = derive.coverage_matrix(dataset, WINDOW.start, WINDOW.end)
    assert matrix.loc["government_resignation"].sum() == 5
    uralsk = matrix.loc["protest_uralsk_0104"]
    assert uralsk[uralsk > 0].index.tolist() == ["003_04e9413ed8024901"]
    # Columns: the five seeds, plus later texts only where they report a fact of the window (data 0.3.0).
    assert {"000_0ab9f91eede0ad35", "004_5fd3b595c2b22735"} <= set(matrix.columns)
    published = dict(zip(dataset.sources["doc_id"], dataset.sources["published_date"].astype(str), strict=True))
    assert all(published[d] <= str(WINDOW.end) for d in matrix.columns[matrix.sum() == 0])
    labels = fact_labels(dataset, derive.coverage(dataset, WINDOW.start, WINDOW.end))
    fig = timeline.plot_coverage(matrix, labels, source_labels(dataset), "C")
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == len(matrix)
    assert "4 Jan · protest · Uralsk" in {t.get_text() for t in ax.get_yticklabels()}
    assert any("CNN" in t.get_text() and "8 Jan 2022" in t.get_text() for t in ax.get_xticklabels())


def test_casualty_chart_plots_each_claim_on_linear_axes_at_its_day(dataset) -> None:
    from qantar.display import source_labels

    claims = derive.casualty_claims(dataset, measures=["killed", "injured"], start=WINDOW.start, end=WINDOW.end)
    series = derive.casualty_series(claims)
    fig = casualties.plot_casualties(claims, series, ["killed", "injured"], "C", WINDOW.days, source_labels(dataset))
    killed_ax, injured_ax = fig.axes[:2]
    assert killed_ax.get_yscale() == "linear" and injured_ax.get_yscale() == "linear"
    n_points = sum(len(c.get_offsets()) for c in killed_ax.collections if type(c).__name__ == "PathCollection")
    assert n_points == int(claims[claims["measure"] == "killed"]["acled"].notna().sum())
    texts = [t.get_text() for t in killed_ax.texts]
    assert "18 · Interior Min. via Khabar 24 [004]" in texts and "12 · Almaty cmdt via Khabar 24 [003]" in texts
    assert any(t.startswith("at least 8 · authorities [001]") for t in texts)
    assert any("some 190" in t.get_text() for t in injured_ax.texts)
    # Points sit inside their day's column (index ± 0.36), never hours away.
    positions = casualties.day_positions(claims[claims["acled"].notna()], WINDOW.days)
    day = {pd.Timestamp(d): i for i, d in enumerate(WINDOW.days)}
    for idx, x in positions.items():
        assert abs(x - day[claims.loc[idx, "as_of_date"]]) <= 0.36
    ticks = [t.get_text() for t in fig.axes[-1].get_yticklabels()]
    assert not any("×" in t or "^" in t or "$" in t for t in ticks)  # plain numbers


def test_interactive_casualties_one_panel_per_measure_readable_legend_and_escaped_hover(dataset) -> None:
    from qantar.display import source_labels

    claims = derive.casualty_claims(dataset, measures=["killed", "injured"], start=WINDOW.start, end=WINDOW.end)
    claims.loc[claims.index[0], "evidence"] = "<script>alert(1)</script>"
    fig = casualties.interactive_casualties(
        claims, derive.casualty_series(claims), ["killed", "injured"], "C", WINDOW.days, source_labels(dataset)
    )
    assert fig.layout.yaxis.type != "log" and fig.layout.yaxis2.type != "log"
    legend = [t.name for t in fig.data if t.showlegend]
    assert "security forces · national" in legend and "security forces · Almaty only" in legend
    assert "“armed criminals” · national" in legend and not any("_" in n for n in legend)
    assert len(legend) <= 8
    symbols = {
        t.name: t.marker.symbol for t in fig.data if t.mode == "markers" and t.name == "security forces · Almaty only"
    }
    assert all(s.endswith("-open") for s in symbols["security forces · Almaty only"])
    hover = " ".join(h for t in fig.data if t.hovertext for h in t.hovertext)
    assert "<script>" not in hover and "&lt;script&gt;" in hover and "source: " in hover


def test_reaction_figures(dataset) -> None:
    rv = derive.reactions_view(dataset)
    counts = derive.stance_counts(rv)
    assert counts.loc["Kazakhstan"].sum() == (rv["speaks_for"] == "Kazakhstan").sum()
    assert counts.loc["CSTO", "offer_assistance"] == 1
    fig = reactions.plot_stance_bars(counts, "S", "state")
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()][::-1][0] == counts.index[0]
    graph = derive.call_network(rv)
    assert set(graph.edges) >= {("Emomali Rahmon", "Nikol Pashinyan"), ("Kassym-Jomart Tokayev", "Vladimir Putin")}
    fig = reactions.plot_call_network(graph, "N")
    labels = {t.get_text() for t in fig.axes[0].texts}
    assert "Vladimir Putin\n(Russia)" in labels and "8 Jan [004]" in labels
    assert "offers help" in [
        t.get_text() for t in reactions.plot_stance_bars(counts, "S", "state").axes[0].get_legend().get_texts()
    ]
    fig = reactions.plot_reaction_timeline(rv, "T")
    assert {t.get_text() for t in fig.axes[0].get_yticklabels()} == set(rv["speaks_for"])


@pytest.mark.parametrize("month", [2, 3])
def test_reaction_timeline_ticks_name_the_month_of_the_data(dataset, month: int) -> None:
    """Day ticks name the month the reactions fall in: February data gets 'Feb' ticks, never a January label."""
    rv = derive.reactions_view(dataset).head(6).copy()
    days = pd.to_datetime([f"2022-{month:02d}-{d:02d}" for d in (3, 4, 5, 7, 8, 9)])
    rv["date_start"], rv["date_end"] = days, days
    fig = reactions.plot_reaction_timeline(rv, "T")
    fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    expected = display.month_short(days[0])
    assert ticks and all(t.endswith(expected) for t in ticks), ticks
    assert not any("Jan" in t for t in ticks), ticks


def test_filters_change_the_view(dataset) -> None:
    west = derive.city_summary(dataset, "2022-01-02", "2022-01-10", regions=["Mangystau Region"])
    assert list(west["city"]) == ["Aktau", "Zhanaozen"]
    early = derive.city_summary(dataset, "2022-01-02", "2022-01-03", event_types=["Protests"])
    assert set(early["city"]) == {"Aktau", "Zhanaozen"}
    assert pd.Timestamp("2022-01-02") == early["first_date"].min()


def test_geo_build_reproduces_committed_files(tmp_path) -> None:
    """The committed boundary files are exactly what `qantar geo` derives from the pinned packages."""
    from qantar import settings

    for built in geo.build(out_dir=tmp_path):
        assert built.read_bytes() == (settings.geo_dir() / built.name).read_bytes(), built.name
