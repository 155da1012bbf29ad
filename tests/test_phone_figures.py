"""Figures on phones: a variant drawn for a phone's width, chosen by the page at <= 600 px, with text >= 10 px."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from qantar import settings
from qantar.figures import style


def _page(dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, list[str]]:
    from qantar import page as page_mod

    shown: list[str] = []
    monkeypatch.setattr(page_mod.Page, "_show", lambda self, html, text: shown.append(html))
    monkeypatch.setenv(settings.REPORT_ENV, "1")
    return page_mod.Page(SimpleNamespace(ds=dataset, out_dir=tmp_path)), shown  # type: ignore[arg-type]


def _fig(width_in: float, fontsize: float):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(width_in, width_in * 0.6))
    ax.plot([0, 1], [0, 1])
    ax.set_title("A title", fontsize=fontsize)
    ax.tick_params(labelsize=fontsize)
    return fig


def test_a_phone_variant_is_saved_beside_the_png_and_chosen_on_narrow_screens(dataset, tmp_path, monkeypatch) -> None:
    page, shown = _page(dataset, tmp_path, monkeypatch)
    data = pd.DataFrame({"x": [1]})
    page.figure("both", title="T", caption="c", alt="a", data=data, static=_fig(8, 8), phone=_fig(5, 10))
    assert (tmp_path / "both.png").is_file() and (tmp_path / "both.phone.png").is_file()
    html = shown[-1]
    assert f'<source media="{settings.PHONE_MEDIA}" srcset="figures/both.phone.png">' in html
    assert '<img src="figures/both.png"' in html and "<picture>" in html
    meta = page.figures[-1]
    assert meta["phone_png"] == "both.phone.png" and meta["phone_min_text_png_px"] > 0

    page.figure("desk", title="T", caption="c", alt="a", data=data, static=_fig(8, 8))
    assert "<picture>" not in shown[-1] and "phone" not in shown[-1]
    assert page.figures[-1]["phone_png"] is None


def test_a_phone_variant_saved_by_the_notebook_is_used_and_a_stale_one_is_not(dataset, tmp_path, monkeypatch) -> None:
    page, shown = _page(dataset, tmp_path, monkeypatch)
    data = pd.DataFrame({"x": [1]})
    style.save_phone_png(_fig(5, 10), tmp_path, "own")
    page.figure("own", title="T", caption="c", alt="a", data=data, static=_fig(8, 8))
    assert 'srcset="figures/own.phone.png"' in shown[-1]

    stale = style.save_phone_png(_fig(5, 10), tmp_path, "old")
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    page.figure("old", title="T", caption="c", alt="a", data=data, static=_fig(8, 8))
    assert "<picture>" not in shown[-1]


def test_text_heights_scale_with_the_display_width() -> None:
    """A 5-inch figure shown 367 px wide shows 10-point text about 11-12 px tall; the same at 17 inches, ~3 px."""
    phone = dict(style.text_heights_px(_fig(5, 10), settings.PHONE_DPI, settings.PHONE_CONTENT_WIDTH_PX))
    wide = dict(style.text_heights_px(_fig(17, 10), 150, settings.PHONE_CONTENT_WIDTH_PX))
    assert 10 <= phone["A title"] <= 14
    assert wide["A title"] < 4
    assert min(h for _, h in style.text_heights_px(_fig(5, 6), 200, 367.6)) < settings.MIN_TEXT_PX


# --- the overview's and the casualty page's figures, at both widths -------------------------------------------

FIGURES = ["timeline", "coverage", "casualties", "casualties_security_forces"]


@pytest.fixture(scope="module")
def figures(dataset) -> dict[tuple[str, bool], object]:
    """The figures as the report's runs draw them (overview 2–10 Jan, casualty runs 2 Jan – 31 Aug), both widths."""
    import matplotlib

    matplotlib.use("Agg")
    from qantar import dating, derive, display, params
    from qantar.figures import casualties, timeline

    window = params.check_window("2022-01-02", "2022-01-10")
    events = derive.events_in_window(dataset, window.start, window.end)
    happenings = dating.happenings(events, window.start, window.end, dataset.events)
    counts, _ = derive.daily_counts(events, window.start, window.end, dataset.events)
    keys = derive.key_events(events, happenings)
    coverage = derive.coverage(dataset, window.start, window.end)
    matrix = derive.coverage_matrix(dataset, window.start, window.end)
    facts = display.fact_labels(dataset, coverage)
    sources = display.source_labels(dataset)
    long = params.check_window("2022-01-02", "2022-08-31", max_days=settings.CASUALTY_MAX_WINDOW_DAYS)
    out = {}
    for phone in (False, True):
        out["timeline", phone] = timeline.plot_daily_timeline(
            counts, keys, "Not drawn: some.", "Events reported per day, 2–10 January 2022", phone=phone
        )
        out["coverage", phone] = timeline.plot_coverage(
            matrix, facts, sources, "Which document reports which fact, 2–10 January 2022", phone=phone
        )
        for name, filters in (
            ("casualties", dict(measures=["killed", "injured", "detained"])),
            ("casualties_security_forces", dict(measures=["killed", "injured"], groups=["security_forces"])),
        ):
            claims = derive.casualty_claims(dataset, start=long.start, end=long.end, **filters)
            out[name, phone] = casualties.plot_casualties(
                claims,
                derive.casualty_series(claims),
                filters["measures"],
                "Casualty figures by as-of date, 2 January – 31 August 2022 (killed, injured, detained)",
                long.days,
                sources,
                phone=phone,
            )
    return out


@pytest.mark.slow  # draws eight full-size figures
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", FIGURES)
def test_no_text_overlaps_another_and_no_label_leaves_its_panel(figures, name: str, phone: bool) -> None:
    """Every text's box (labels, key-event notes, ticks, legend, title) is clear of every other one."""
    from qantar.figures.labels import labels_outside, overlapping_texts

    fig = figures[name, phone]
    assert overlapping_texts(fig) == []
    assert labels_outside(fig) == []


@pytest.mark.slow  # draws eight full-size figures
@pytest.mark.parametrize("name", FIGURES)
def test_phone_variants_show_every_text_at_least_10_px_tall_at_390_px(figures, name: str) -> None:
    heights = style.text_heights_px(figures[name, True], settings.PHONE_DPI, settings.PHONE_CONTENT_WIDTH_PX)
    small = [(t, round(h, 1)) for t, h in heights if h < settings.MIN_TEXT_PX]
    assert heights and small == []
    # The desktop figure shrunk to a phone's width is what the phone variant replaces: its text is far too small.
    desktop = style.text_heights_px(figures[name, False], 150, settings.PHONE_CONTENT_WIDTH_PX)
    assert min(h for _, h in desktop) < 5


@pytest.mark.slow  # draws eight full-size figures
def test_the_timeline_labels_kill_order_and_massimov_apart_and_keeps_every_key_event(figures) -> None:
    from qantar.figures.labels import text_boxes

    for phone in (False, True):
        boxes = {t.get_text().replace("\n", " "): b for t, b in text_boxes(figures["timeline", phone])}
        kill = next(b for t, b in boxes.items() if t.startswith("“Kill without warning”"))
        massimov = next(b for t, b in boxes.items() if t.startswith("Massimov detained"))
        assert not kill.overlaps(massimov)
        assert sum(t.endswith("(by this day)") for t in boxes) >= 4


def test_the_overlap_checks_catch_overlaps_and_labels_outside() -> None:
    import matplotlib.pyplot as plt

    from qantar.figures.labels import labels_outside, overlapping_texts, thin_tick_labels

    fig, ax = plt.subplots(figsize=(3, 2))
    ax.text(0.5, 0.5, "one label", transform=ax.transAxes)
    ax.text(0.52, 0.5, "another", transform=ax.transAxes)
    ax.annotate("far out", (0.5, 0.5), xytext=(200, 0), textcoords="offset points")
    assert ("one label", "another") in overlapping_texts(fig)
    assert labels_outside(fig) == ["far out"]
    ax.set_xticks(range(40))
    ax.set_xticklabels([f"tick {i}" for i in range(40)])
    assert thin_tick_labels(ax) > 30
    assert not any(a == b for a, b in overlapping_texts(fig) if a.startswith("tick") and b.startswith("tick"))
    plt.close(fig)


def test_labels_placed_inside_stay_inside_and_clear_of_each_other() -> None:
    import matplotlib.pyplot as plt

    from qantar.figures.labels import labels_outside, overlapping_texts, place_labels

    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    xs, ys = [0.2, 0.3, 0.4, 9.8, 5, 5, 5], [0.2, 0.3, 0.1, 9.8, 5, 5.1, 4.9]
    texts = [f"a long label number {i}" for i in range(len(xs))]
    placed = place_labels(ax, xs, ys, texts, [4] * len(xs), inside=True)
    assert len(placed) == len(xs)
    assert overlapping_texts(fig) == [] and labels_outside(fig) == []
    plt.close(fig)


# --- on the built site --------------------------------------------------------------------------------------

# The figures that must have a phone variant (the others get theirs as they are redrawn for phones).
PHONE_FIGURES = {
    "overview": {"daily_event_timeline", "source_coverage_matrix"},
    "casualties": {"casualty_claims_over_time"},
}


def test_the_figures_of_the_overview_and_casualty_pages_have_phone_variants(report_set: Path) -> None:
    for run, names in PHONE_FIGURES.items():
        meta = json.loads((report_set / run / "figures" / "page.json").read_text(encoding="utf-8"))
        have = {f["name"] for f in meta["figures"] if f.get("phone_png")}
        assert names <= have, (run, names - have)


@pytest.mark.browser
def test_phones_get_the_phone_png_with_text_at_least_10_px(report_set: Path) -> None:
    """At 390 px the <img> shows the phone variant and its smallest text is >= 10 CSS px; at 1280 the main PNG."""
    from pw import offline_context

    checked = 0
    for width in (settings.PHONE_VIEWPORT_PX, 1280):
        with offline_context(viewport={"width": width, "height": 844}) as (context, blocked):
            for run in PHONE_FIGURES:
                meta = json.loads((report_set / run / "figures" / "page.json").read_text(encoding="utf-8"))
                page = context.new_page()
                page.goto((report_set / run / "index.html").as_uri())
                for f in meta["figures"]:
                    if not f.get("phone_png"):
                        continue
                    img = page.locator(f"#fig-{f['name']} img")
                    if width > settings.PHONE_VIEWPORT_PX and not img.is_visible():
                        # a wide screen shows the interactive version instead of the image
                        assert page.locator(f"#fig-{f['name']} .interactive").is_visible(), (run, f["name"])
                        checked += 1
                        continue
                    img.scroll_into_view_if_needed()
                    page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=img.element_handle())
                    got = img.evaluate(
                        "i => ({src: i.currentSrc, natural: i.naturalWidth, shown: i.getBoundingClientRect().width})"
                    )
                    if width == settings.PHONE_VIEWPORT_PX:
                        assert got["src"].endswith(f"/{f['phone_png']}"), (run, got)
                        assert abs(got["shown"] - settings.PHONE_CONTENT_WIDTH_PX) < 2, got
                        smallest = f["phone_min_text_png_px"] * got["shown"] / got["natural"]
                        assert smallest >= settings.MIN_TEXT_PX, (run, f["name"], round(smallest, 1))
                    else:
                        assert got["src"].endswith(f"/{f['png']}"), (run, got)
                    checked += 1
                page.close()
        assert blocked == []
    assert checked >= 2 * sum(len(v) for v in PHONE_FIGURES.values())
