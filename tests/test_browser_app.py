"""The explorer app (`make explore`, Voilà) in headless Chromium with every request off localhost blocked.

One server per module, on a copy of the data whose first event carries hostile text; it is stopped by
killing its process group in a ``finally``. The checks follow an analyst: open the app (no code
shown, no blocked request), page and sort the records, click Almaty on the map and back, search a word from an evidence
snippet, select Zhanaozen and Aktau and see the casualty chart change, export the selection as a
zip and compare its CSVs with the lib, reopen the share link at phone width (same counts, no
horizontal scroll). Every count is compared with the lib's own computation for the same selection.
"""

from __future__ import annotations

import csv
import http.client
import io
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from browser import chromium_path
from conftest import read_rows, write_rows
from qantar import settings

# serial: kernels of closed pages must be culled within a deadline, and page timings are reported.
pytestmark = [pytest.mark.browser, pytest.mark.serial]

HOSTILE = (
    "<script>document.body.setAttribute('data-pwned','script')</script> "
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\"> $x$ \"quoted\" &amp; "
)
HOSTILE_EVENT = "ev001"  # Zhanaozen, 2 January: on the first page of the records table
SEARCH_WORD = "kiosk"  # from an evidence snippet: "the windows of a police kiosk damaged by participants"
TIMINGS: dict[str, float] = {}


def _poisoned_data(folder: Path) -> Path:
    data = folder / "data"
    shutil.copytree(settings.data_dir(), data)
    header, rows = read_rows(data / "events.csv")
    for row in rows:
        if row["event_id"] == HOSTILE_EVENT:
            row["description"] = (HOSTILE + row["description"])[:400]
    write_rows(data / "events.csv", header, rows)
    return data


@contextmanager
def running_app(folder: Path, cull_idle_seconds: int = 4) -> Iterator[tuple[str, str, object, int]]:
    """A Voilà server for the app on a free localhost port with a token, on poisoned data; its group is always killed.

    Yields (base URL, token, dataset, server pid). Kernels of closed pages are shut down after ``cull_idle_seconds``
    idle (2 minutes in `make explore`).
    """
    from qantar import load
    from qantar.app import serve

    chromium_path()  # skip early (with the reason) where there is no browser
    data = _poisoned_data(folder)
    port, token = serve.free_port(), secrets.token_hex(16)
    env = serve.environment(port=port, token=token)  # the token reaches the server through its environment
    env[settings.DATA_ENV] = str(data)
    log_path = folder / "voila.log"
    log = log_path.open("w")
    started = time.perf_counter()
    proc = subprocess.Popen(
        serve.command(port, cull_idle_seconds=cull_idle_seconds, cull_interval_seconds=2),
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while True:
            try:  # listening: a TCP connection is accepted (any page would start a kernel)
                with socket.create_connection(("127.0.0.1", port), timeout=2):
                    break
            except OSError as exc:
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"Voilà did not start: {log_path.read_text()}") from exc
                time.sleep(0.3)
        TIMINGS["server start"] = time.perf_counter() - started
        yield base, token, load(data), proc.pid
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
        print("app timings (s):", {k: round(v, 1) for k, v in TIMINGS.items()})


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """The app's server for this module's analyst: kernels of closed pages are shut down after 4 s idle."""
    with running_app(tmp_path_factory.mktemp("app")) as server:
        yield server


def _open(page, url: str) -> float:
    """Open the app and wait until its count and its three figures are drawn; return the seconds it took."""
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(".qantar-count b", timeout=90_000)
    page.wait_for_function("document.querySelectorAll('.qantar-app .js-plotly-plot').length >= 3", timeout=60_000)
    return time.perf_counter() - started


def _wait_count(page, label: str, timeout: int = 30_000) -> float:
    started = time.perf_counter()
    page.wait_for_function(
        "(want) => { const b = document.querySelector('.qantar-count b'); return b && b.innerText.trim() === want; }",
        arg=label,
        timeout=timeout,
    )
    return time.perf_counter() - started


def _table_column(page, heading: str) -> list[str]:
    return page.evaluate(
        "(h) => Array.from(document.querySelectorAll(`.qantar-table td[data-label='${h}']`))"
        ".map(td => td.innerText.trim())",
        heading,
    )


def _chart_points(page) -> int:
    return page.evaluate("document.querySelectorAll('.qantar-chart .js-plotly-plot .scatterlayer .point').length")


def test_app_as_an_analyst_uses_it(app_server, tmp_path: Path) -> None:
    from pw import offline_context
    from qantar.explorer import compute_view, export_frames
    from qantar.selection import Selection
    from qantar.tables import csv_text

    base, token, ds, _server_pid = app_server
    default = compute_view(ds, Selection())
    # Localhost only, and nothing without the token.
    assert base.startswith("http://127.0.0.1:")
    conn = http.client.HTTPConnection(base.removeprefix("http://"), timeout=10)
    conn.request("GET", "/")
    status = conn.getresponse().status
    conn.close()
    assert status in (302, 403), status
    with offline_context(allow_prefixes=(base,)) as (context, blocked):
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        TIMINGS["first page ready"] = _open(page, f"{base}/?token={token}")
        _wait_count(page, default.label())

        # Opens ready with no code shown.
        text = page.inner_text("body")
        assert "import" not in text and "start()" not in text
        assert page.locator(".jp-InputArea, .jp-InputPrompt, .cm-editor, .CodeMirror").count() == 0

        # Hostile text from the dataset shows literally and runs nothing.
        table = page.inner_text(".qantar-table")
        assert "<script>document.body.setAttribute('data-pwned','script')</script>" in table
        assert "<img src=x onerror=" in table and "$x$" in table and '"quoted"' in table and "&amp;" in table
        assert page.evaluate("document.body.getAttribute('data-pwned')") is None
        assert page.evaluate("document.querySelectorAll('.qantar-app img[src=\"x\"], .qantar-app script').length") == 0

        # The records table pages and sorts.
        page.click("button.qantar-next")
        page.wait_for_function(
            f"document.querySelector('.qantar-page').innerText.trim() === '26–50 of {len(default.events)}'"
        )
        page.locator(".qantar-sort select").select_option(label="City")
        page.click("button.qantar-ascending")
        page.wait_for_function("document.querySelector('button.qantar-ascending').innerText.includes('descending')")
        page.wait_for_function(
            "document.querySelector(\".qantar-table td[data-label='City']\").innerText === 'Zhanaozen'"
        )
        assert page.inner_text(".qantar-page").startswith("1–25 of")

        # Click Almaty on the map: the table shows Almaty's records only, with the lib's counts; click again to clear.
        almaty = compute_view(ds, Selection(cities=("Almaty",)))
        index = list(default.cities["city"]).index("Almaty")
        points = page.locator(".qantar-map .scatterlayer .trace:last-child .point")
        assert points.count() == len(default.cities)
        points.nth(index).scroll_into_view_if_needed()
        box = points.nth(index).bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        TIMINGS["change: click Almaty"] = _wait_count(page, almaty.label())
        page.wait_for_function("document.querySelector('.qantar-page').innerText.includes(' of ')")
        cities = _table_column(page, "City")
        assert cities and set(cities) == {"Almaty"}
        assert f"of {len(almaty.events)}" in page.inner_text(".qantar-page")
        box = points.nth(list(almaty.cities["city"]).index("Almaty")).bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        _wait_count(page, default.label())

        # A word from an evidence snippet finds its record.
        found = compute_view(ds, Selection(q=SEARCH_WORD))
        assert len(found.events) >= 1
        page.fill(".qantar-search input", SEARCH_WORD)
        page.press(".qantar-search input", "Enter")
        TIMINGS["change: search"] = _wait_count(page, found.label())
        evidence = " ".join(_table_column(page, "Evidence"))
        assert SEARCH_WORD in evidence.lower()
        page.fill(".qantar-search input", "")
        page.press(".qantar-search input", "Enter")
        _wait_count(page, default.label())

        # Selecting Zhanaozen and Aktau changes the casualty chart (Almaty-only figures leave) and says why.
        before = _chart_points(page)
        west = Selection(cities=("Zhanaozen", "Aktau"))
        west_view = compute_view(ds, west)
        page.locator(".qantar-cities select").select_option(["Zhanaozen", "Aktau"])
        TIMINGS["change: two cities"] = _wait_count(page, west_view.label())
        page.wait_for_function(
            f"document.querySelectorAll('.qantar-chart .js-plotly-plot .scatterlayer .point').length !== {before}",
            timeout=20_000,
        )
        assert 0 < _chart_points(page) < before
        assert page.inner_text(".qantar-scope-note") == west_view.scope_note  # figures match: the note is the scope
        assert "national" in west_view.scope_note and "Almaty" in west_view.scope_note

        # Export: one button, a zip download whose CSV rows equal the lib's for the selection.
        page.click("button.qantar-export")
        page.wait_for_selector("a.qantar-export-download", timeout=30_000)
        with page.expect_download(timeout=30_000) as info:
            page.click("a.qantar-export-download")
        saved = tmp_path / "selection.zip"
        info.value.save_as(saved)
        assert info.value.suggested_filename == "qantar-selection.zip"
        with zipfile.ZipFile(saved) as zf:
            names = set(zf.namelist())
            expected = export_frames(west_view)
            for name, frame in expected.items():
                assert zf.read(f"qantar-selection/{name}").decode("utf-8") == csv_text(frame), name
            rows = list(csv.DictReader(io.StringIO(zf.read("qantar-selection/events.csv").decode("utf-8"))))
            assert [r["event_id"] for r in rows] == list(west_view.events["event_id"])
            assert {
                "qantar-selection/figures/map.html",
                "qantar-selection/figures/plotly.min.js",
                "qantar-selection/selection.json",
            } <= names

        # Save the selection as JSON, clear every filter, load the file back: the same view returns.
        with page.expect_download(timeout=30_000) as info:
            page.click("a.qantar-save-download")
        saved_json = tmp_path / "selection.json"
        info.value.save_as(saved_json)
        page.click("button.qantar-reset")
        _wait_count(page, default.label())
        with page.expect_file_chooser(timeout=10_000) as chooser:
            page.click(".qantar-load")
        chooser.value.set_files(str(saved_json))
        _wait_count(page, west_view.label())

        # The share link encodes the selection.
        share = page.input_value(".qantar-share input")
        # The server's own address (never the request's Host header) and the selection.
        assert share == f"{base}/?{west.to_query()}", share
        page.close()

        # The link reopens the same view; at phone width nothing scrolls sideways.
        phone = context.new_page()
        phone.set_viewport_size({"width": 390, "height": 844})
        TIMINGS["shared link ready (390 px)"] = _open(phone, f"{base}/?{west.to_query()}&token={token}")
        _wait_count(phone, west_view.label())
        assert phone.input_value(".qantar-share input").endswith("?" + west.to_query())
        phone.wait_for_timeout(1500)  # let the figures fit the page
        shown = phone.locator(".qantar-map .scatterlayer .trace:last-child .point").count()
        assert shown == len(west_view.cities) == 2  # the map too shows the link's selection
        widths = phone.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth,"
            " document.querySelector('#rendered_cells').scrollWidth,"
            " document.querySelector('#rendered_cells').clientWidth]"
        )
        phone.screenshot(path=str(tmp_path / "app-390.png"))
        print(f"screenshot: {tmp_path / 'app-390.png'}")
    assert widths[0] <= widths[1] and widths[2] <= widths[3], widths
    assert blocked == [], blocked
    assert dialogs == []
    # Each page load started a kernel; with every page closed, idle kernels are shut down (the pool keeps one).
    from procs import kernel_processes

    deadline = time.time() + 40
    while True:
        kernels = kernel_processes(_server_pid)  # a kernel shutting down may be a zombie for a moment (CI saw one)
        if len(kernels) <= 1 or time.time() > deadline:
            break
        time.sleep(1)
    assert len(kernels) <= 1, f"{len(kernels)} kernels still running after every page closed"


def test_the_app_shows_words_not_codes_or_record_ids(app_server) -> None:
    """What the app shows (its text, its search results, its charts' hover and legend text) names things in words:
    codes and record ids only in its export. A search for the CSTO once listed "ev047" among its results."""
    from leaks import PLOTLY_TEXT, visible_leaks
    from pw import offline_context
    from qantar.explorer import compute_view
    from qantar.selection import Selection

    base, token, ds, _server_pid = app_server
    found = compute_view(ds, Selection(q="CSTO"))
    assert len(found.events) >= 1
    with offline_context(allow_prefixes=(base,)) as (context, blocked):
        page = context.new_page()
        _open(page, f"{base}/?token={token}")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        leaks = visible_leaks(page.inner_text("body") + "\n" + page.evaluate(PLOTLY_TEXT))
        page.fill(".qantar-search input", "CSTO")
        page.press(".qantar-search input", "Enter")
        _wait_count(page, found.label())
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        leaks += visible_leaks(page.inner_text("body") + "\n" + page.evaluate(PLOTLY_TEXT))
    assert blocked == []
    assert leaks == []
