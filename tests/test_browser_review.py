"""The review app (`qantar review`, Voilà) in headless Chromium, every request off localhost blocked.

A reviewer opens the test document's candidates, moves with the keyboard, accepts, edits a card that breaks a
rule until it is valid, rejects with a reason; the server is then killed and started again, and the page shows
every decision. Until ``qantar.workflow`` has ``accept_one`` and ``log_decision``, the kernels use the recording
stand-ins of tests/review_fixtures.py (through a sitecustomize on their PYTHONPATH); once it has them, the real path.
Screenshots at 1280 and 390 px are kept in the test's folder (printed).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

import review_fixtures as rf
from browser import chromium_path
from qantar import settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TESTS = Path(__file__).resolve().parent


def _start(folder: Path, data: Path, texts: Path, cands: Path) -> tuple[subprocess.Popen, str, str]:
    from qantar.app import serve

    shim = folder / "shim"
    shim.mkdir(exist_ok=True)
    (shim / "sitecustomize.py").write_text(
        f"import sys\nsys.path.insert(0, {str(TESTS)!r})\n"
        "import review_fixtures\nreview_fixtures.install_fake_workflow()\n",
        encoding="utf-8",
    )
    port, token = serve.free_port(), secrets.token_hex(16)
    env = serve.environment(port=port, token=token)
    env.update(
        {
            settings.DATA_ENV: str(data),
            settings.TEXTS_ENV: str(texts),
            settings.REVIEW_DOC_ENV: rf.DOC_ID,
            settings.REVIEW_CANDIDATES_ENV: str(cands),
            settings.REVIEWER_ENV: "browser-test",
            "PYTHONPATH": os.pathsep.join([str(shim), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        }
    )
    log = (folder / f"voila-{port}.log").open("w")
    proc = subprocess.Popen(
        serve.command(port, cull_idle_seconds=4, cull_interval_seconds=2, notebook=serve.REVIEW_NOTEBOOK),
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2):
                break
        except OSError as exc:
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"Voilà did not start: {log.name}") from exc
            time.sleep(0.3)
    return proc, f"http://127.0.0.1:{port}", token


def _kill(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    try:
        os.killpg(proc.pid, sig)
        proc.wait(timeout=15)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _state(page, index: int) -> str:
    return page.evaluate(
        "(i) => { const b = document.querySelector(`.qantar-card-${i} .qantar-badge`); return b ? b.innerText : ''; }",
        index,
    )


def _wait_state(page, index: int, want: str) -> None:
    page.wait_for_function(
        "([i, w]) => { const b = document.querySelector(`.qantar-card-${i} .qantar-badge`);"
        " return b && b.innerText.trim().toLowerCase() === w; }",
        arg=[index, want],
        timeout=30_000,
    )


def test_review_as_a_reviewer_uses_it(tmp_path: Path) -> None:
    from pw import offline_context

    chromium_path()
    data, texts = rf.register(settings.data_dir(), tmp_path)
    cands = rf.write_candidates(tmp_path)
    proc, base, token = _start(tmp_path, data, texts, cands)
    try:
        with offline_context(allow_prefixes=(base,)) as (context, blocked):
            page = context.new_page()
            page.goto(f"{base}/?token={token}")
            page.wait_for_selector(".qantar-card-6", timeout=120_000)
            assert "<script>alert(1)</script>" in page.inner_text(".qantar-text")  # shown literally
            assert page.locator(".jp-InputArea, .cm-editor").count() == 0
            page.screenshot(path=str(tmp_path / "review-1280.png"), full_page=False)

            page.locator("body").click(position={"x": 5, "y": 5})
            page.keyboard.press("a")  # accept places:1
            _wait_state(page, 0, "accepted")
            page.wait_for_function("document.querySelector('.qantar-card-1.qantar-current') !== null")
            page.keyboard.press("j")
            page.keyboard.press("j")
            page.keyboard.press("j")
            page.keyboard.press("j")  # casualty_reports:2, which breaks a rule
            page.wait_for_function("document.querySelector('.qantar-card-5.qantar-current') !== null")
            assert "needs a number in value" in page.inner_text(".qantar-card-5")
            page.keyboard.press("a")  # refused
            time.sleep(1)
            assert _state(page, 5).lower() == "open"
            page.keyboard.press("e")
            field = page.locator(".qantar-card-5 .qantar-field-value input")
            field.wait_for(timeout=30_000)
            field.fill("3000")
            field.press("Enter")
            _wait_state(page, 5, "edited")
            page.keyboard.press("Escape")
            page.locator(".qantar-card-6 .qantar-reject-button").click()
            reason = page.locator(".qantar-card-6 .qantar-reason-input input")
            reason.wait_for(timeout=30_000)
            reason.fill("not what the text says")
            reason.press("Enter")
            _wait_state(page, 6, "rejected")
            assert blocked == [], blocked
        # Crash: the server dies without warning; started again, the page shows every decision.
        _kill(proc, signal.SIGKILL)
        proc, base, token = _start(tmp_path, data, texts, cands)
        with offline_context(allow_prefixes=(base,), viewport={"width": 390, "height": 844}) as (context, blocked):
            page = context.new_page()
            page.goto(f"{base}/?token={token}")
            page.wait_for_selector(".qantar-card-6", timeout=120_000)
            for index, want in ((0, "accepted"), (5, "edited"), (6, "rejected")):
                _wait_state(page, index, want)
            assert "3 of 7 decided" in page.inner_text(".qantar-progress")
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
            text_box = page.locator(".qantar-text-pane").bounding_box()
            cards_box = page.locator(".qantar-cards-pane").bounding_box()
            assert text_box["y"] + text_box["height"] <= cards_box["y"] + 1  # text above, cards below
            page.screenshot(path=str(tmp_path / "review-390.png"), full_page=False)
            assert blocked == [], blocked
        print("screenshots:", tmp_path / "review-1280.png", tmp_path / "review-390.png")
    finally:
        _kill(proc)
