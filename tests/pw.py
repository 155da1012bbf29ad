"""Playwright with Debian's Chromium: offline pages, every non-file request blocked and recorded."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from browser import OFFLINE_FLAGS, chromium_path

# The same offline flags as the screenshot helper; Playwright adds its own headless switch.
ARGS = [flag for flag in OFFLINE_FLAGS if flag != "--headless"]


@contextmanager
def offline_context(
    allow_prefixes: tuple[str, ...] = ("file://",), viewport: dict[str, int] | None = None
) -> Iterator[tuple[object, list[str]]]:
    """Yield (browser context, list of blocked URLs); requests outside ``allow_prefixes`` are aborted and recorded."""
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=ARGS)
        try:
            context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})

            def guard(route):
                if route.request.url.startswith(allow_prefixes):
                    route.continue_()
                else:
                    blocked.append(route.request.url)
                    route.abort()

            context.route("**/*", guard)
            yield context, blocked
        finally:
            browser.close()
