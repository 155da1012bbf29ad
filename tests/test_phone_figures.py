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
