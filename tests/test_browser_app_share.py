"""The explorer app's sharing and polish in headless Chromium (issue 20, point 9), off localhost blocked.

A share link opened without the token asks for it once (Jupyter's login) and lands on the shared view; the Copy
button copies the link; no timings and no "(0)" show; the casualty ticks name the month; on a phone the map's box
ends under the map. The server is the analyst test's (tests/test_browser_app.py), with kernels kept for a minute:
a page that reaches its kernel a few seconds late (the login's redirect, a loaded machine) must still find it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_browser_app import _wait_count, running_app

# serial: a page that reaches its kernel late must find it (kernel culling).
pytestmark = [pytest.mark.browser, pytest.mark.serial]


@pytest.fixture(scope="module")
def patient_server(tmp_path_factory):
    """The app's server, kernels of closed pages shut down after a minute idle."""
    with running_app(tmp_path_factory.mktemp("app"), cull_idle_seconds=60) as server:
        yield server


def test_shared_link_through_the_login_copy_and_phone_layout(patient_server, tmp_path: Path) -> None:
    """Issue 20, point 9: a share link opened without the token asks for it once and lands on the shared view; the
    Copy button copies the link; no timings and no '(0)' show; the casualty ticks name the month; on a phone the map's
    box ends under the map (it left about 250 px blank); the timeline and the casualty chart give no colour two
    meanings."""
    from pw import offline_context
    from qantar.explorer import compute_view
    from qantar.selection import Selection

    base, token, ds, _server_pid = patient_server
    shared = Selection(event_types=("Protests", "Riots"), cities=("Almaty", "Aktau"))
    view = compute_view(ds, shared)
    assert len(view.claims) > 0  # the chart shows
    with offline_context(allow_prefixes=(base,)) as (context, blocked):
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
        page = context.new_page()
        page.goto(f"{base}/?{shared.to_query()}")  # as shared: no token
        page.wait_for_selector("input[type=password]", timeout=30_000)
        assert "/login" in page.url
        # The app's own page: one field for the token, no `jupyter server list` and no form to set a password.
        login = page.inner_text("body")
        assert "Qantar" in login and "jupyter server list" not in login and "New Password" not in login
        assert page.locator("input[type=password]").count() == 1
        page.fill("input[type=password]", "not-the-token")
        page.keyboard.press("Enter")
        page.wait_for_selector(".message", timeout=30_000)  # a wrong token is said, and the address is kept
        assert "/login" in page.url and "next=" in page.url
        page.fill("input[type=password] >> nth=0", token)
        page.keyboard.press("Enter")
        page.wait_for_selector(".qantar-count b", timeout=90_000)
        _wait_count(page, view.label())
        assert page.url == f"{base}/?{shared.to_query()}", page.url  # the token is in no address
        share = page.input_value(".qantar-share input")
        assert share == f"{base}/?{shared.to_query()}"

        text = page.inner_text(".qantar-app")
        assert "loaded in" not in text
        # ipywidgets writes "<description> (0)" on the upload button: that text is drawn at size 0, the CSS label shows.
        outside_load = page.evaluate(
            "(() => { const a = document.querySelector('.qantar-app').cloneNode(true);"
            " a.querySelectorAll('.qantar-load').forEach(b => b.remove()); return a.textContent; })()"
        )
        assert "(0)" not in outside_load
        load = page.evaluate(
            "(() => { const b = document.querySelector('.qantar-load');"
            " return [getComputedStyle(b).fontSize, getComputedStyle(b, '::after').content]; })()"
        )
        assert load == ["0px", '"Load selection (JSON)"'], load

        page.click("button.qantar-copy")
        page.wait_for_function("document.querySelector('.qantar-copied').innerText.trim() !== ''")
        assert page.inner_text(".qantar-copied") == "Copied."
        assert page.evaluate("navigator.clipboard.readText()") == share
        selected = page.evaluate(
            "(() => { const i = document.querySelector('.qantar-share input');"
            " return document.activeElement === i && i.selectionStart === 0 && i.selectionEnd === i.value.length; })()"
        )
        assert selected  # where the clipboard is refused, the selected link is one Ctrl-C away

        page.wait_for_function("document.querySelectorAll('.qantar-chart .xaxislayer-above text').length > 0")
        ticks = page.evaluate(
            "Array.from(document.querySelectorAll('.qantar-chart .xaxislayer-above text')).map(t => t.textContent)"
        )
        assert ticks and all(t.endswith("Jan") for t in ticks), ticks  # "5Jan": the two lines' text, joined

        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_timeout(2000)  # the figures refit on the resize
        boxes = page.evaluate(
            "(() => { const m = document.querySelector('.qantar-map');"
            " const g = m.querySelector('.geo .bg rect, .bglayer rect');"
            " return [m.getBoundingClientRect().bottom, g.getBoundingClientRect().bottom,"
            " m.getBoundingClientRect().width]; })()"
        )
        box_bottom, map_bottom, width = boxes
        # The two-line day ticks end above the casualty chart's legend (its white box hid the months).
        tick_bottom, legend_top = page.evaluate(
            "(() => { const c = document.querySelector('.qantar-chart');"
            " const ticks = Array.from(c.querySelectorAll('.xaxislayer-above text'))"
            ".map(t => t.getBoundingClientRect().bottom);"
            " return [Math.max(...ticks), c.querySelector('.legend').getBoundingClientRect().top]; })()"
        )
        assert tick_bottom <= legend_top, (tick_bottom, legend_top)
        legend_bottom, figure_bottom = page.evaluate(
            "(() => { const c = document.querySelector('.qantar-chart');"
            " return [c.querySelector('.legend').getBoundingClientRect().bottom,"
            " c.querySelector('.main-svg').getBoundingClientRect().bottom]; })()"
        )
        assert legend_bottom <= figure_bottom + 1, (legend_bottom, figure_bottom)  # the legend is whole
        assert width < 380
        assert 0 <= box_bottom - map_bottom <= 12, boxes  # no blank band under the map, and nothing cut off
        page.screenshot(path=str(tmp_path / "app-share-390.png"))
        print(f"screenshot: {tmp_path / 'app-share-390.png'}")
    assert blocked == [], blocked
