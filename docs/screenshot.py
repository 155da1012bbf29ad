"""Redraw docs/img/report-site.png: one report page at desktop and phone width, side by side.

Usage: .venv/bin/python docs/screenshot.py [PAGE]   (after `make report`; PAGE defaults to "map")
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pw import offline_context  # noqa: E402  (the tests' offline Chromium: every non-file request blocked)

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
GAP = 24


def shot(url: str, viewport: dict[str, int], scale: float) -> Image.Image:
    """Screenshot of the page's first screen at ``viewport``."""
    with offline_context(viewport=viewport) as (context, blocked):
        page = context.new_page()
        page.goto(url)
        page.wait_for_timeout(800)
        # The first figure with its heading: the part of a page a reader comes for.
        page.evaluate("document.querySelector('section.qfigure')?.scrollIntoView()")
        page.wait_for_timeout(300)
        png = page.screenshot()
        if blocked:
            raise SystemExit(f"the page asked for the network: {blocked[:3]}")
    image = Image.open(BytesIO(png)).convert("RGB")
    return image.resize((round(image.width * scale), round(image.height * scale)))


def main(page_name: str = "map") -> Path:
    """Write docs/img/report-site.png from reports/<page_name>/index.html."""
    index = ROOT / "reports" / page_name / "index.html"
    if not index.exists():
        raise SystemExit(f"{index} not found: run `make report` first")
    desk = shot(index.as_uri(), DESKTOP, 1.0)
    phone = shot(index.as_uri(), PHONE, 1.0)
    out = Image.new("RGB", (desk.width + GAP + phone.width, max(desk.height, phone.height)), "white")
    out.paste(desk, (0, 0))
    out.paste(phone, (desk.width + GAP, 0))
    target = ROOT / "docs" / "img" / "report-site.png"
    out.save(target, optimize=True)
    print(f"wrote {target} ({out.width}x{out.height})")
    return target


if __name__ == "__main__":
    main(*sys.argv[1:2])
