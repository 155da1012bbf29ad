"""Map and reaction figures at both widths: phone variants with text >= 10 px as shown, and no overlapping labels.

Sizes are measured, not eyeballed: every Text a draw of the figure draws (style.visible_texts), its renderer
window extent, scaled by the phone display width (settings.PHONE_CONTENT_WIDTH_PX) over the PNG's width.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Annotation  # noqa: E402

from qantar import derive, geo, settings  # noqa: E402
from qantar.figures import maps, style  # noqa: E402
from qantar.figures.labels import text_extent  # noqa: E402
from qantar.params import check_window  # noqa: E402

# The three windows of the report's map pages (reports.yml): the whole period, the onset and the escalation.
WINDOWS = [("2022-01-02", "2022-01-10"), ("2022-01-02", "2022-01-04"), ("2022-01-05", "2022-01-10")]
pytestmark = pytest.mark.usefixtures("_close_figures")  # conftest: every figure a test drew is closed after it


def small_texts(fig) -> list[tuple[str, float]]:
    """The texts of a phone figure shown under MIN_TEXT_PX tall at the phone's content width, with their heights."""
    heights = style.text_heights_px(fig, settings.PHONE_DPI, settings.PHONE_CONTENT_WIDTH_PX)
    assert heights, "no text measured"
    return [(t, round(h, 1)) for t, h in heights if h < settings.MIN_TEXT_PX]


def overlapping_texts(fig) -> list[tuple[str, str]]:
    """Pairs of drawn texts whose boxes (an annotation's text alone, not its leader line) intersect."""
    texts = style.visible_texts(fig)
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), text_extent(t, renderer)) for t in texts]
    return [
        (a, b)
        for i, (a, ba) in enumerate(boxes)
        for b, bb in boxes[i + 1 :]
        if ba.x0 < bb.x1 and bb.x0 < ba.x1 and ba.y0 < bb.y1 and bb.y0 < ba.y1
    ]


def _map(dataset, boundaries, window, phone):
    w = check_window(*window)
    summary = derive.city_summary(dataset, w.start, w.end)
    title = f"Cities with reported unrest, {w.label()} (all event types; all regions; all cities)"
    return summary, maps.static_protest_map(summary, *boundaries, title, geo.MAP_BOUNDS, phone=phone)


def _city_labels(fig) -> list[Annotation]:
    return [t for t in fig.axes[0].texts if isinstance(t, Annotation)]


@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_map_labels_do_not_overlap_and_stay_on_the_map(dataset, boundaries, window, phone) -> None:
    summary, fig = _map(dataset, boundaries, window, phone)
    assert overlapping_texts(fig) == []
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    labels = _city_labels(fig)
    assert labels, "no city labelled"
    for t in labels:
        box = text_extent(t, renderer)
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, t.get_text()
    if not phone:
        assert {t.get_text().split(" (")[0] for t in labels} == set(summary["city"])


def test_the_overlap_check_finds_overlapping_labels() -> None:
    """Negative control: two labels drawn at the same place are reported."""
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.annotate("Aktau (1)", (0.5, 0.5))
    ax.annotate("Zhanaozen (1)", (0.52, 0.5))
    assert overlapping_texts(fig) == [("Aktau (1)", "Zhanaozen (1)")]


@pytest.mark.parametrize("window", WINDOWS)
def test_phone_map_text_is_at_least_10_px_and_only_the_largest_cities_are_named(dataset, boundaries, window) -> None:
    summary, fig = _map(dataset, boundaries, window, phone=True)
    assert small_texts(fig) == []
    named = {t.get_text().split(" (")[0] for t in _city_labels(fig)}
    assert len(named) == min(maps.PHONE_MAP_LABELS, len(summary))
    size = summary.set_index("city")[["n_events", "n_may"]].sum(axis=1)
    assert min(size[list(named)]) >= max(size.drop(list(named)), default=0)  # the largest are the ones named
    assert fig.get_figwidth() == settings.PHONE_FIG_WIDTH_IN
    # The legend is under the map, not beside it: a phone has no room for a column beside the map.
    renderer = fig.canvas.get_renderer()
    legends = [a.get_legend() for a in fig.axes if a.get_legend()]
    assert len(legends) == 1
    assert legends[0].get_window_extent(renderer).y1 <= fig.axes[0].get_window_extent(renderer).y0


def test_the_desktop_map_is_too_small_on_a_phone(dataset, boundaries) -> None:
    """Why the phone variant exists: the desktop map shown at the phone's width has text under 10 px."""
    _, fig = _map(dataset, boundaries, WINDOWS[0], phone=False)
    assert len(small_texts(fig)) > 5


def test_interactive_map_names_are_placed_apart(dataset) -> None:
    """The placement model: at MAP_LABEL_PLOT_WIDTH_PX no two estimated name boxes intersect."""
    w = check_window(*WINDOWS[0])
    cities = derive.city_summary(dataset, w.start, w.end)
    trace = maps.city_trace(cities, derive.city_events(dataset, w.start, w.end), {})
    positions = dict(zip(trace["customdata"], trace["textposition"], strict=True))
    # The pairs the issue saw overlap with every name on top: now on different sides.
    assert positions["Aktau"] != positions["Zhanaozen"] or "center" not in positions["Aktau"]
    assert positions["Almaty"] != positions["Taldykorgan"]
    assert len(set(positions.values())) > 1


@pytest.mark.browser
@pytest.mark.parametrize("window", WINDOWS[:2])
def test_interactive_map_names_do_not_overlap_in_chromium_at_1280_and_390(
    dataset, boundaries, window, tmp_path
) -> None:
    """The plotly map drawn by Chromium: the boxes of the city names (SVG text) intersect no other, at both widths."""
    from pw import offline_context

    from qantar.display import source_labels

    w = check_window(*window)
    fig = maps.interactive_protest_map(
        derive.city_frames(dataset, w.days),
        derive.city_events(dataset, w.start, w.end),
        *boundaries,
        w.days,
        "Spread",
        geo.MAP_BOUNDS,
        source_labels(dataset),
    )
    html = style.save_standalone_html(fig, tmp_path, "map")
    n_cities = len(derive.city_summary(dataset, w.start, w.end))
    for width in (1280, settings.PHONE_VIEWPORT_PX):
        with offline_context(viewport={"width": width, "height": 900}) as (context, blocked):
            page = context.new_page()
            page.goto(html.as_uri())
            page.wait_for_selector(".textpoint text")
            boxes = page.evaluate(
                """() => [...document.querySelectorAll('.js-plotly-plot .textpoint text')].map(t => {
                    const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.top, r.right, r.bottom];
                })"""
            )
            plot = page.evaluate(
                "() => { const r = document.querySelector('.js-plotly-plot .bglayer rect').getBoundingClientRect();"
                " return [r.left, r.top, r.right, r.bottom]; }"
            )
        assert blocked == []
        assert len(boxes) == n_cities
        overlaps = [
            (a[0], b[0])
            for i, a in enumerate(boxes)
            for b in boxes[i + 1 :]
            if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
        ]
        assert overlaps == [], (width, overlaps)
        outside = [b[0] for b in boxes if b[1] < plot[0] - 1 or b[3] > plot[2] + 1]
        assert outside == [], (width, outside)


# --- the reaction charts and the ACLED comparison -----------------------------------------------------------


def _reaction_figures(dataset, phone: bool) -> dict:
    from qantar.acled_reference import compare
    from qantar.figures import acled, reactions

    w = check_window(*WINDOWS[0])
    rv = derive.reactions_view(dataset, start=w.start, end=w.end)
    title = f"Statements and calls, {w.label()} (all reacting actors; all stances)"
    kw = {"phone": phone}
    return {
        "stances_by_state": reactions.plot_stance_bars(derive.stance_counts(rv, by="speaks_for"), title, "state", **kw),
        "stances_by_actor": reactions.plot_stance_bars(derive.stance_counts(rv, by="actor"), title, "speaker", **kw),
        "reaction_timeline": reactions.plot_reaction_timeline(rv, title, **kw),
        "phone_call_network": reactions.plot_call_network(derive.call_network(rv), title, **kw),
        "acled_comparison": acled.plot_acled_comparison(compare(dataset).table, "ACLED and this record", **kw),
    }


def test_reaction_and_acled_phone_variants_have_text_at_least_10_px_and_stack_their_legend(dataset) -> None:
    for name, fig in _reaction_figures(dataset, phone=True).items():
        assert fig.get_figwidth() == settings.PHONE_FIG_WIDTH_IN, name
        assert small_texts(fig) == [], name
        # Drawn no wider than planned: a PNG wider than the phone figure would show its text smaller.
        assert style.png_width_px(fig, settings.PHONE_DPI) <= settings.PHONE_FIG_WIDTH_IN * settings.PHONE_DPI * 1.07
        renderer = fig.canvas.get_renderer()
        for ax in fig.axes:  # a legend sits under its chart, never beside it
            if ax.get_legend() and ax is fig.axes[0] and name != "acled_comparison":
                raise AssertionError(f"{name}: the legend is beside the chart")
        legends = [a.get_legend() for a in fig.axes[1:] if a.get_legend()]
        if name in ("stances_by_state", "stances_by_actor", "reaction_timeline"):
            assert len(legends) == 1, name
            assert legends[0].get_window_extent(renderer).y1 <= fig.axes[0].get_window_extent(renderer).y0, name


@pytest.mark.slow
def test_the_desktop_reaction_charts_are_too_small_on_a_phone(dataset) -> None:
    """Why the phone variants exist: every desktop chart shown at the phone's width has text under 10 px."""
    for name, fig in _reaction_figures(dataset, phone=False).items():
        assert small_texts(fig), name


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_call_network_names_and_dates_are_all_drawn_and_do_not_overlap(dataset, phone) -> None:
    from qantar.figures import reactions

    w = check_window(*WINDOWS[0])
    graph = derive.call_network(derive.reactions_view(dataset, start=w.start, end=w.end))
    fig = reactions.plot_call_network(graph, "Calls", phone=phone)
    assert overlapping_texts(fig) == []
    placed = [t for t in fig.axes[0].texts if isinstance(t, Annotation)]
    # Every person and every call is labelled (placement may not drop a label it found no room for).
    assert len(placed) == graph.number_of_nodes() + graph.number_of_edges() > 2
    renderer = fig.canvas.get_renderer()
    frame = fig.axes[0].get_window_extent(renderer)
    for t in placed:
        box = text_extent(t, renderer)
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, t.get_text()


def test_phone_stance_bar_labels_do_not_overlap(dataset) -> None:
    figs = _reaction_figures(dataset, phone=True)
    assert overlapping_texts(figs["stances_by_actor"]) == []
    assert overlapping_texts(figs["stances_by_state"]) == []


def test_timeline_date_ticks_do_not_overlap_when_a_range_reaches_months_later(dataset) -> None:
    """A statement dated only to a range ending months later stretches the axis: the date ticks must still fit."""
    from qantar.figures import reactions

    w = check_window(*WINDOWS[0])
    rv = derive.reactions_view(dataset, start=w.start, end=w.end).copy()
    first = rv.index[0]
    rv.loc[first, "date_end"] = rv.loc[first, "date_start"] + pd.Timedelta(days=300)
    for phone in (False, True):
        fig = reactions.plot_reaction_timeline(rv, "T", phone=phone)
        renderer = fig.canvas.get_renderer()
        fig.canvas.draw()
        ticks = [t for t in fig.axes[0].get_xticklabels() if t.get_text()]
        assert len(ticks) >= 3
        boxes = [t.get_window_extent(renderer) for t in ticks]
        assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :]), phone


# --- on the built site ------------------------------------------------------------------------------------

# The figures of the map, reaction and ACLED pages, each with a phone variant.
SITE_FIGURES = {
    "map": {"protest_cities_map"},
    "map-2-4-jan": {"protest_cities_map"},
    "reactions": {"stances_by_state", "stances_by_actor", "reaction_timeline", "phone_call_network"},
    "reactions-foreign": {"stances_by_state", "stances_by_actor", "reaction_timeline", "phone_call_network"},
    "acled": {"acled_comparison"},
}


@pytest.mark.browser
def test_at_390_px_the_map_reaction_and_acled_pages_show_phone_pngs_with_text_at_least_10_px(report_set) -> None:
    """In Chromium at 390 px each figure's <img> shows its .phone.png, whose smallest text is >= 10 CSS px there."""
    import json

    from pw import offline_context

    checked = 0
    with offline_context(viewport={"width": settings.PHONE_VIEWPORT_PX, "height": 844}) as (context, blocked):
        for run, names in SITE_FIGURES.items():
            meta = json.loads((report_set / run / "figures" / "page.json").read_text(encoding="utf-8"))
            figures = {f["name"]: f for f in meta["figures"]}
            assert names <= set(figures), (run, names - set(figures))
            page = context.new_page()
            page.goto((report_set / run / "index.html").as_uri())
            for name in names:
                f = figures[name]
                assert f["phone_png"] == f"{name}.phone.png", (run, f)
                img = page.locator(f"#fig-{name} img")
                img.scroll_into_view_if_needed()
                page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=img.element_handle())
                got = img.evaluate(
                    "i => ({src: i.currentSrc, natural: i.naturalWidth, shown: i.getBoundingClientRect().width})"
                )
                assert got["src"].endswith(f"/{name}.phone.png"), (run, got)
                smallest = f["phone_min_text_png_px"] * got["shown"] / got["natural"]
                assert smallest >= settings.MIN_TEXT_PX, (run, name, round(smallest, 1))
                checked += 1
            page.close()
    assert blocked == []
    assert checked == sum(len(v) for v in SITE_FIGURES.values())
