"""The review app as a reviewer uses it: `qantar review DOC_ID` in headless Chromium, on the real workflow.

The test text is registered with `qantar add-text` in a private copy of the data package and a private texts
folder; `qantar review` serves its candidates; every request off localhost is blocked. After each step the test
reads the CSVs and the review log on disk, not only the page: batch-accept of the sure places (one of them a
duplicate, which becomes a citation), the duplicate hint's link to the existing record, live validation that
blocks a card and names the rule, an edit with the vocabulary's choices, an accept with one key, a rejection with
a reason, all from the keyboard. Then the server is killed (SIGKILL) and started again: every accepted row and
every decision is on disk, nothing is half-written, and the page (at phone width) shows every decision.
Screenshots at 1280 and 390 px are kept in the test's folder (printed).
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import review_fixtures as rf
from browser import chromium_path
from cli import run_qantar
from conftest import snapshot
from qantar import settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]
QANTAR = str(Path(sys.executable).parent / "qantar")


def _register(folder: Path) -> tuple[Path, Path, str]:
    """A private data copy with the test text registered through `qantar add-text`: (data, texts, doc id)."""
    data, texts = rf.copy_data(settings.data_dir(), folder)
    done = run_qantar(
        "add-text", str(rf.write_text(folder)), "--published", rf.PUBLISHED.isoformat(), "--outlet", "Test Wire",
        "--data-dir", str(data), "--texts-dir", str(texts),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    doc_id = re.search(r"registered ([0-9]{3}_[0-9a-f]{16})", done.stdout).group(1)
    return data, texts, doc_id


def _start(folder: Path, data: Path, texts: Path, doc_id: str, cands: Path) -> tuple[subprocess.Popen, str, str]:
    """`qantar review DOC_ID` as a user starts it (the token in the environment); (process, base URL, token)."""
    from qantar.app import serve

    port, token = serve.free_port(), secrets.token_hex(16)
    env = {**os.environ, settings.APP_TOKEN_ENV: token}
    log = (folder / f"review-{port}.log").open("w")
    proc = subprocess.Popen(
        [
            QANTAR,
            "review",
            doc_id,
            "--candidates",
            str(cands),
            "--data-dir",
            str(data),
            "--texts-dir",
            str(texts),
            "--reviewer",
            "browser-test",
            "--port",
            str(port),
        ],  # fmt: skip
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
                raise RuntimeError(f"qantar review did not start: {log.name}") from exc
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
    ).strip()


def _wait_state(page, index: int, want: str) -> None:
    page.wait_for_function(
        "([i, w]) => { const b = document.querySelector(`.qantar-card-${i} .qantar-badge`);"
        " return b && b.innerText.trim().toLowerCase() === w; }",
        arg=[index, want],
        timeout=30_000,
    )


def _wait_current(page, index: int) -> None:
    page.wait_for_function(f"document.querySelector('.qantar-card-{index}.qantar-current') !== null", timeout=30_000)


def _no_half_writes(data: Path) -> None:
    """No journal and no temporary file of an unfinished write in the data folder."""
    assert not (data / settings.JOURNAL_NAME).exists()
    assert sorted(p.name for p in data.iterdir() if ".wf-" in p.name) == []


def _valid(data: Path, texts: Path) -> None:
    check = run_qantar("validate", "--data-dir", str(data), "--texts-dir", str(texts))
    assert check.returncode == 0, check.stdout + check.stderr


def test_review_as_a_reviewer_uses_it(tmp_path: Path) -> None:
    from pw import offline_context

    chromium_path()
    data, texts, doc = _register(tmp_path)
    cands = rf.write_candidates(tmp_path, doc)
    places, events = rf.rows(data, "places"), rf.rows(data, "events")
    reports, citations = rf.rows(data, "casualty_reports"), rf.rows(data, "citations")
    logged = len(rf.rows(data, "review_log"))  # the shipped log (decisions on the later texts)
    proc, base, token = _start(tmp_path, data, texts, doc, cands)
    try:
        with offline_context(allow_prefixes=(base,)) as (context, blocked):
            page = context.new_page()
            page.goto(f"{base}/?token={token}")
            page.wait_for_selector(".qantar-card-6", timeout=120_000)
            assert "<script>alert(1)</script>" in page.inner_text(".qantar-text")  # shown literally
            assert page.locator(".jp-InputArea, .cm-editor").count() == 0
            page.screenshot(path=str(tmp_path / "review-1280.png"), full_page=False)

            # Live validation: the cards that break a rule say which, and their accept button is off.
            assert "a city needs geonames_id" in page.inner_text(".qantar-card-2")
            assert "place almaty exists" in page.inner_text(".qantar-card-2")
            assert "needs a number in value" in page.inner_text(".qantar-card-5")
            assert page.locator(".qantar-card-5 .qantar-accept-button").is_disabled()

            # The duplicate hint links to the existing record, shown in the card.
            link = page.locator('.qantar-card-1 a[href="#record-taraz-1"]')
            link.click()
            existing = page.locator(".qantar-card-1 #record-taraz-1")
            existing.wait_for(state="visible", timeout=10_000)
            assert "1516905" in existing.inner_text() and "Jambyl Region" in existing.inner_text()

            # From here on, the keyboard only.
            page.locator(".qantar-progress").click()  # a neutral spot: no field has the focus
            page.keyboard.press("Shift+A")  # batch-accept the sure places: Kokshetau (new) and Taraz (a citation)
            _wait_state(page, 0, "accepted")
            _wait_state(page, 1, "accepted")
            assert _state(page, 2).lower() == "open"  # 0.6 sure and invalid: left for the reviewer
            now = rf.rows(data, "places")
            assert now[: len(places)] == places and [r["place_id"] for r in now[len(places) :]] == ["kokshetau"]
            assert now[-1]["geonames_id"] == "1524325" and now[-1]["doc_id"] == doc
            cited = rf.rows(data, "citations")[len(citations) :]
            assert [(c["table"], c["record_id"], c["doc_id"]) for c in cited] == [("places", "taraz", doc)]
            log = rf.decisions(data, doc)
            assert {k: (v["decision"], v["record_id"], v["reviewer"]) for k, v in log.items()} == {
                "places:1": ("accepted", "kokshetau", "browser-test"),
                "places:2": ("accepted", "taraz", "browser-test"),
            }

            # An invalid card cannot be accepted: the key is refused, the rule named, nothing written.
            page.keyboard.press("j")
            page.keyboard.press("j")
            _wait_current(page, 2)
            before = snapshot(data)
            page.keyboard.press("a")
            page.wait_for_function(
                "document.querySelector('.qantar-card-2 .qantar-message')?.innerText.includes('cannot be accepted')"
            )
            assert "a city needs geonames_id" in page.inner_text(".qantar-card-2 .qantar-message")
            assert _state(page, 2).lower() == "open" and snapshot(data) == before

            # Edit with the vocabulary's choices: the event's place and its ACLED sub-event type.
            page.keyboard.press("j")
            _wait_current(page, 3)
            page.keyboard.press("e")
            sub = page.locator(".qantar-card-3 .qantar-field-sub_event_type select")
            sub.wait_for(timeout=30_000)
            options = [o.replace("\xa0", " ") for o in sub.locator("option").all_inner_texts()]  # ipywidgets: nbsp
            assert options[1:] == rf.vocabulary("events", "sub_event_type", data)  # the ACLED vocabulary, all of it
            sub.select_option(label="Peaceful\xa0protest")
            place = page.locator(".qantar-card-3 .qantar-field-place_id input")
            place.fill("kokshetau")  # the place accepted a moment ago
            place.press("Enter")
            _wait_state(page, 3, "edited")
            new_events = rf.rows(data, "events")[len(events) :]
            assert len(new_events) == 1
            ev = new_events[0]
            assert (ev["place_id"], ev["sub_event_type"], ev["event_type"], ev["date_start"], ev["doc_id"]) == (
                "kokshetau",
                "Peaceful protest",
                "Protests",
                "2022-01-05",
                doc,
            )
            assert rf.decisions(data, doc)["events:1"]["decision"] == "edited"
            assert rf.decisions(data, doc)["events:1"]["record_id"] == ev["event_id"]

            # Accept with one key: the next open card is the 26 killed.
            _wait_current(page, 4)
            page.keyboard.press("a")
            _wait_state(page, 4, "accepted")
            cr = rf.rows(data, "casualty_reports")[len(reports) :]
            assert [(r["measure"], r["qualifier"], r["value"], r["low"]) for r in cr] == [
                ("killed", "at_least", "26", "26")
            ]

            # The detained figure lacks its number: refused until edited, then written as edited.
            _wait_current(page, 5)
            page.keyboard.press("a")
            page.wait_for_function(
                "document.querySelector('.qantar-card-5 .qantar-message')?.innerText.includes('cannot be accepted')"
            )
            assert len(rf.rows(data, "casualty_reports")) == len(reports) + 1
            page.keyboard.press("e")
            field = page.locator(".qantar-card-5 .qantar-field-value input")
            field.wait_for(timeout=30_000)
            field.fill("3000")
            field.press("Enter")
            _wait_state(page, 5, "edited")
            cr = rf.rows(data, "casualty_reports")[len(reports) :]
            assert [(r["measure"], r["qualifier"], r["value"], r["low"]) for r in cr][1] == (
                "detained",
                "more_than",
                "3000",
                "3001",
            )

            # Reject with a reason, from the keyboard.
            _wait_current(page, 6)
            page.keyboard.press("r")
            reason = page.locator(".qantar-card-6 .qantar-reason-input input")
            reason.wait_for(timeout=30_000)
            page.wait_for_function("document.activeElement?.closest('.qantar-reason-input') !== null")
            page.keyboard.type("not what the text says")
            page.keyboard.press("Enter")
            _wait_state(page, 6, "rejected")
            log = rf.decisions(data, doc)
            assert (log["reactions:1"]["decision"], log["reactions:1"]["reason"]) == (
                "rejected",
                "not what the text says",
            )
            assert "6 of 7 decided" in page.inner_text(".qantar-progress")
            _wait_current(page, 2)  # on to the only open card, wrapping round
            page.keyboard.press("k")  # and back
            _wait_current(page, 1)
            assert blocked == [], blocked

        # Crash: the server dies without warning. Every accepted row and every decision is on disk, whole.
        _kill(proc, signal.SIGKILL)
        _no_half_writes(data)
        recovered = run_qantar("recover", "--data-dir", str(data))
        assert recovered.returncode == 0, recovered.stderr
        _valid(data, texts)
        log = rf.decisions(data, doc)
        decided = ["places:1", "places:2", "events:1", "casualty_reports:1", "casualty_reports:2", "reactions:1"]
        assert sorted(log) == sorted(decided)
        new_rows = {t: len(rf.rows(data, t)) - len(before) for t, before in (("places", places), ("events", events))}
        assert new_rows == {"places": 1, "events": 1}
        assert len(rf.rows(data, "casualty_reports")) == len(reports) + 2
        assert len(rf.rows(data, "citations")) == len(citations) + 1
        assert len(rf.rows(data, "review_log")) == len({r["log_id"] for r in rf.rows(data, "review_log")}) == logged + 6

        # Started again (at phone width): the page shows every decision, and the review goes on.
        proc, base, token = _start(tmp_path, data, texts, doc, cands)
        with offline_context(allow_prefixes=(base,), viewport={"width": 390, "height": 844}) as (context, blocked):
            page = context.new_page()
            page.goto(f"{base}/?token={token}")
            page.wait_for_selector(".qantar-card-6", timeout=120_000)
            for index, want in ((0, "accepted"), (1, "accepted"), (3, "edited"), (5, "edited"), (6, "rejected")):
                _wait_state(page, index, want)
            assert "6 of 7 decided" in page.inner_text(".qantar-progress")
            edited = page.inner_text(".qantar-card-3 .qantar-card-head")  # the row as written, not as proposed
            assert "Peaceful protest" in edited and "kokshetau" in edited, edited
            assert "3000" in page.inner_text(".qantar-card-5 .qantar-card-head")
            _wait_current(page, 2)  # the first open card
            page.wait_for_timeout(1_000)  # the page's first scroll runs 0.3 s after it is drawn
            assert page.evaluate("window.scrollY") == 0  # a phone opens at the top: the header, then the text
            assert page.locator(".qantar-progress").is_visible()
            # Readable at 390 px: no horizontal scroll anywhere, text above the cards, body-size type.
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
            wide = page.evaluate(
                "[...document.querySelectorAll('.qantar-review *')].filter(e => e.getBoundingClientRect().right"
                " > window.innerWidth + 1 && e.getBoundingClientRect().width > 0).map(e => e.className).slice(0, 5)"
            )
            assert wide == [], wide
            text_box = page.locator(".qantar-text-pane").bounding_box()
            cards_box = page.locator(".qantar-cards-pane").bounding_box()
            assert text_box["y"] + text_box["height"] <= cards_box["y"] + 1  # text above, cards below
            size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.qantar-text')).fontSize)")
            assert size >= 14, size
            page.screenshot(path=str(tmp_path / "review-390.png"), full_page=False)
            page.locator(".qantar-card-2").scroll_into_view_if_needed()
            page.screenshot(path=str(tmp_path / "review-390-cards.png"), full_page=False)
            page.locator(".qantar-progress").click()
            page.keyboard.press("e")  # the edit form fits the phone too
            page.locator(".qantar-card-2 .qantar-field-kind select").wait_for(timeout=30_000)
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
            page.locator(".qantar-card-2 .qantar-edit").screenshot(path=str(tmp_path / "review-390-edit.png"))
            page.keyboard.press("Escape")
            page.wait_for_function(
                "getComputedStyle(document.querySelector('.qantar-card-2 .qantar-edit')).display === 'none'"
            )
            page.keyboard.press("r")
            page.wait_for_function("document.activeElement?.closest('.qantar-reason-input') !== null")
            page.keyboard.type("already recorded (duplicate)")
            page.keyboard.press("Enter")
            _wait_state(page, 2, "rejected")
            assert rf.decisions(data, doc)["places:3"]["reason"] == "already recorded (duplicate)"
            assert blocked == [], blocked
        print(
            "screenshots:",
            *(
                tmp_path / f
                for f in ("review-1280.png", "review-390.png", "review-390-cards.png", "review-390-edit.png")
            ),
        )
    finally:
        _kill(proc)
    _no_half_writes(data)
    _valid(data, texts)
