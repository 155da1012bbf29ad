"""JupyterLab in a real browser: run the explorer, move widgets, check map, chart, count and errors.

The map is a plotly FigureWidget (anywidget, updated in place); the timeline and casualty chart are
plotly figures drawn by plotly's JupyterLab mimetype extension.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from browser import chromium_path
from qantar import settings
from qantar.app import serve
from qantar.explorer import compute_view
from qantar.selection import Selection

pytestmark = pytest.mark.browser


@pytest.fixture
def lab(tmp_path: Path):
    """A JupyterLab server on localhost with a token and a free port, serving a copy of the explorer; always stopped."""
    chromium_path()  # skip early (with the reason) where there is no browser
    root = tmp_path / "lab"
    root.mkdir()
    shutil.copy(settings.project_root() / "notebooks" / "05_explorer.ipynb", root)
    port, token = serve.free_port(), secrets.token_hex(16)
    log = (tmp_path / "jupyterlab.log").open("w")
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "jupyter-lab"),
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError as exc:
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError(
                        f"JupyterLab did not start: {(tmp_path / 'jupyterlab.log').read_text()}"
                    ) from exc
                time.sleep(0.5)
        yield base, token, root
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _count(page) -> str:
    return page.locator(".qantar-count b").inner_text().strip()


def test_explorer_in_jupyterlab(lab, dataset, tmp_path: Path) -> None:
    from pw import offline_context

    base, token, _root = lab
    with offline_context(allow_prefixes=(base,)) as (context, blocked):
        page = context.new_page()
        page.goto(f"{base}/lab/tree/05_explorer.ipynb?token={token}")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        # JupyterLab asks which kernel to start (the notebook's own, "qantar", is preselected): accept it.
        dialog = page.locator(".jp-Dialog .jp-mod-accept")
        try:
            dialog.wait_for(timeout=20_000)
            dialog.click()
        except Exception:  # noqa: BLE001 - no dialog: the kernel started by itself
            pass
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
        news = page.locator(".jp-toast-button", has_text=re.compile(r"^No$"))
        if news.count():
            news.first.click()  # decline the news opt-in toast so it does not cover the views
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        try:
            page.wait_for_selector(".qantar-count b", timeout=120_000)
        except Exception:
            page.screenshot(path=str(tmp_path / "explorer_failure.png"), full_page=True)
            print(f"failure screenshot: {tmp_path / 'explorer_failure.png'}")
            raise
        page.wait_for_function(
            "document.querySelectorAll('.jp-OutputArea .js-plotly-plot').length >= 3", timeout=60_000
        )
        # Saved without widget state, the notebook says how to start the explorer, never a widget's repr.
        assert "VBox(children" not in page.inner_text(".jp-Notebook")
        # The last cell drives the widgets from code and resets them: wait until the run is over.
        expected_all = compute_view(dataset, Selection(date(2022, 1, 2), date(2022, 1, 10))).label()
        page.wait_for_function(
            f"document.querySelector('.qantar-count b').innerText.trim() === {expected_all!r}", timeout=60_000
        )
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
        before = _count(page)
        map_traces = page.evaluate(
            "document.querySelector('.js-plotly-plot.qantar-map').querySelectorAll('.scatterlayer .trace').length"
        )
        map_points = page.evaluate(
            "document.querySelector('.js-plotly-plot.qantar-map')"
            ".querySelectorAll('.scatterlayer .trace:last-child .point').length"
        )
        chart_traces = page.evaluate(
            "document.querySelector('.qantar-chart .js-plotly-plot').querySelectorAll('.scatterlayer .trace').length"
        )

        # Move a widget: choose only riots in the event-type list.
        page.locator(".qantar-event_types select").select_option(["Riots"])
        expected_riots = compute_view(dataset, Selection(date(2022, 1, 2), date(2022, 1, 10), ("Riots",))).label()
        page.wait_for_function(
            f"document.querySelector('.qantar-count b').innerText.trim() === {expected_riots!r}", timeout=60_000
        )
        # The count updates first, the map's display update follows: wait for it to redraw.
        points_js = (
            "document.querySelector('.js-plotly-plot.qantar-map')"
            ".querySelectorAll('.scatterlayer .trace:last-child .point').length"
        )
        try:
            page.wait_for_function(f"{points_js} === 3", timeout=30_000)
        except Exception:
            page.screenshot(path=str(tmp_path / "explorer_failure.png"), full_page=True)
            print(
                f"failure screenshot: {tmp_path / 'explorer_failure.png'}",
                page.evaluate(points_js),
                page.evaluate("document.querySelectorAll('.jp-OutputArea .js-plotly-plot').length"),
            )
            raise
        riot_points = page.evaluate(points_js)
        # Move the day slider's start handle two days to the right with the keyboard.
        handle = page.locator(".qantar-days .noUi-handle-lower")
        handle.focus()
        handle.press("ArrowRight")
        handle.press("ArrowRight")
        expected_days = compute_view(dataset, Selection(date(2022, 1, 4), date(2022, 1, 10), ("Riots",))).label()
        page.wait_for_function(
            f"document.querySelector('.qantar-count b').innerText.trim() === {expected_days!r}", timeout=60_000
        )
        page.wait_for_timeout(500)
        errors = page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        ).all_inner_texts()
        page.screenshot(path=str(tmp_path / "explorer.png"), full_page=True)
        page.locator(".qantar-map").scroll_into_view_if_needed()
        page.locator(".qantar-map").screenshot(path=str(tmp_path / "explorer_map.png"))
        page.locator(".qantar-chart").screenshot(path=str(tmp_path / "explorer_chart.png"))
    print(f"screenshot: {tmp_path / 'explorer.png'}")
    assert blocked == []
    # the figures the lib builds for the same (default) view: the browser must draw every trace of them
    from qantar.explorer import build_figures

    lib_view = compute_view(dataset, Selection())
    figures = build_figures(dataset, lib_view)
    assert map_traces == sum(t.type == "scatter" for t in figures["map"].data)
    assert map_points == len(lib_view.cities) == 12
    assert chart_traces == sum(t.type == "scatter" for t in figures["casualties"].data)
    assert _count_number(before) > _count_number(expected_riots)
    assert riot_points == 3  # Almaty, Aktobe, Taldykorgan
    assert not [e for e in errors if "Error" in e or "Traceback" in e], errors


def _count_number(label: str) -> int:
    return int(re.search(r": (\d+) events", label).group(1))
