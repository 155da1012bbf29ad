"""Tables and print in Chromium: no page-level sideways scroll with every evidence table open, no word broken
inside a table cell, evidence cards that lead with the sentence, and A4 printouts with margins, page numbers,
static charts and few pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qantar import display
from qantar.report import load_config
from qantar.settings import default_config

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1280, "phone": 390}
# A4 is 210 mm wide; with the print stylesheet's 15 mm side margins the text column is 180 mm = 680 CSS px.
A4_COLUMN_PX = 680
# Most A4 pages a printout of a page may take (the issue: casualties ≤ 8, overview ≤ 10); other pages ≤ 10.
MAX_PDF_PAGES = {"casualties": 8, "overview": 10}
MAX_PDF_PAGES_OTHER = 10

# Words of a table cell (split where a line may break: spaces, hyphens, dashes, slashes) that lie on more than one
# line: a word broken inside itself ("Kassy|m-Jomar|t", "31|7"). A word's boxes on one line share their top.
BROKEN_WORDS_JS = """
(sel) => {
  const bad = [];
  for (const cell of document.querySelectorAll(sel)) {
    if (!cell.getClientRects().length) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const re = /[^\\s\\-\\u2010-\\u2015\\/]{2,}/g;
      let m;
      while ((m = re.exec(node.textContent))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const boxes = Array.from(range.getClientRects()).filter((b) => b.width > 0 && b.height > 0);
        if (!boxes.length) continue;
        const tops = boxes.map((b) => b.top);
        const height = Math.min(...boxes.map((b) => b.height));
        if (Math.max(...tops) - Math.min(...tops) > height / 2) {
          bad.push(`${cell.closest("table").id}: "${m[0]}" in "${cell.textContent.trim().slice(0, 40)}"`);
        }
      }
    }
  }
  return bad;
}
"""
# Cells of short columns (numbers, dates, one- or two-word values) whose text takes more than one line.
WRAPPED_SHORT_CELLS_JS = """
() => {
  const bad = [];
  for (const cell of document.querySelectorAll("table.qtable td.num, table.qtable td.short")) {
    if (!cell.getClientRects().length || !cell.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(cell);
    const boxes = Array.from(range.getClientRects()).filter((b) => b.width > 0 && b.height > 0);
    const tops = boxes.map((b) => b.top);
    const height = Math.min(...boxes.map((b) => b.height));
    if (Math.max(...tops) - Math.min(...tops) > height / 2) {
      bad.push(`${cell.closest("table").id}: "${cell.textContent.trim()}"`);
    }
  }
  return bad;
}
"""
OPEN_EVERYTHING_JS = """
() => {
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
  document.querySelectorAll("table.qtable tr[hidden]").forEach((tr) => { tr.hidden = false; });
}
"""


def _pages(report_set: Path) -> list[Path]:
    return [report_set / "index.html", *(report_set / s.name / "index.html" for s in load_config(default_config()))]


def _name(report_set: Path, page: Path) -> str:
    return page.parent.name if page.parent != report_set else "index"


def _pdf_pages(pdf: bytes) -> int:
    """Pages of a PDF: its '/Type /Page' objects (Chromium writes them uncompressed; '/Pages' is the tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_pdf_page_count_reads_chromium_pdfs() -> None:
    """The counter reads page objects, not the page tree (it can fail: a wrong pattern counts /Pages too)."""
    pdf = b"1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R] /Count 2>> 2 0 obj <</Type /Page>> 3 0 obj <</Type/Page >>"
    assert _pdf_pages(pdf) == 2


@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_sideways_scroll_or_broken_words_with_every_table_open(report_set: Path, width: str) -> None:
    """Every details open and every row shown: the page never scrolls sideways (a wide table scrolls in its own
    box), no word in a table breaks across lines, and number, date and other short cells keep to one line."""
    from pw import offline_context

    w = WIDTHS[width]
    problems: list[str] = []
    with offline_context(viewport={"width": w, "height": 900}) as (context, blocked):
        page = context.new_page()
        for page_path in _pages(report_set):
            name = _name(report_set, page_path)
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            page.evaluate(OPEN_EVERYTHING_JS)
            page.wait_for_timeout(100)
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > w:
                problems.append(f"{name}: {scroll} px wide at {w} px")
            for wrap in page.locator(".qtable-wrap").all():
                box = wrap.bounding_box()
                if box and box["x"] + box["width"] > w + 0.5:
                    problems.append(f"{name}: a table box reaches {box['x'] + box['width']:.0f} px at {w} px")
            problems += [
                f"{name}: broken word {b}" for b in page.evaluate(BROKEN_WORDS_JS, "table.qtable td, .qtable th")
            ]
            problems += [f"{name}: short cell wraps {b}" for b in page.evaluate(WRAPPED_SHORT_CELLS_JS)]
    assert blocked == []
    assert problems == [], f"{len(problems)} problems, first: {problems[:12]}"


def test_evidence_cards_lead_with_sentence_outlet_and_date(report_set: Path) -> None:
    """On a phone every evidence card starts with the sentence, then its outlet, then its date; the fields that
    follow carry human labels (none of the column codes the issue quoted)."""
    from pw import offline_context

    lead = [
        display.column_label("evidence"),
        display.column_label("source"),
    ]
    dates_labels = {display.column_label(c) for c in ("as_of", "from", "date")}
    jargon = {"acled figure", "project low", "project high", "report id", "series value coded"}
    problems: list[str] = []
    cards = 0
    with offline_context(viewport={"width": 390, "height": 844}) as (context, blocked):
        page = context.new_page()
        for page_path in _pages(report_set)[1:]:
            name = _name(report_set, page_path)
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            page.evaluate(OPEN_EVERYTHING_JS)
            for table in page.locator("details.evidence table.qtable").all():
                labels = [lab.lower() for lab in table.locator("thead th").all_text_contents()]
                problems += [f"{name}: jargon label {lab!r}" for lab in labels if lab.strip(" ▲▼") in jargon]
                if display.column_label("evidence").lower() not in labels:
                    continue  # a table of rows without a sentence (ACLED's events) has nothing to lead with
                row = table.locator("tbody tr").first
                cells = [
                    (box["y"], box["x"], cell.get_attribute("data-label"))
                    for cell in row.locator("td").all()
                    if (box := cell.bounding_box()) and box["height"] > 0
                ]
                order = [label for _, _, label in sorted(cells)]
                cards += 1
                dates = [lab for lab in order if lab in dates_labels]
                if order[:2] != lead or not dates or order.index(dates[0]) != 2:
                    problems.append(f"{name} {table.get_attribute('id')}: card reads {order[:4]}")
    assert blocked == []
    assert cards >= 8, f"only {cards} evidence cards checked"
    assert problems == [], problems[:10]


@pytest.mark.parametrize("name", ["casualties", "overview", "reactions-foreign"])
def test_print_layout_fits_a4_with_static_charts_and_whole_words(report_set: Path, name: str) -> None:
    """In print (A4 text column): no sideways overflow, no word broken in a table, each chart is its static image
    with the sources line under it, interactive charts and controls hidden."""
    from pw import offline_context

    problems: list[str] = []
    with offline_context(viewport={"width": A4_COLUMN_PX, "height": 1000}) as (context, blocked):
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto((report_set / name / "index.html").as_uri())
        page.wait_for_load_state("load")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        page.wait_for_timeout(100)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > A4_COLUMN_PX:
            problems.append(f"{scroll} px wide in a {A4_COLUMN_PX} px column")
        problems += page.evaluate(BROKEN_WORDS_JS, "table.qtable td, .qtable th")
        problems += page.evaluate(WRAPPED_SHORT_CELLS_JS)
        for sel in (".plotly-graph-div", ".site-search", ".qtable-tools", ".downloads", ".page-nav", "summary"):
            shown = [e for e in page.locator(sel).all() if e.is_visible()]
            if shown:
                problems.append(f"{len(shown)} {sel} shown in print")
        figures = page.locator("section.qfigure[id^='fig-']").all()
        for fig in figures:
            img = fig.locator("figure img").first
            sources = fig.locator(".sources-line").first
            if not img.is_visible() or not img.evaluate("(i) => i.complete && i.naturalWidth > 0"):
                problems.append(f"{fig.get_attribute('id')}: no static image (or not loaded) in print")
                continue
            if sources.bounding_box()["y"] < img.bounding_box()["y"] + img.bounding_box()["height"]:
                problems.append(f"{fig.get_attribute('id')}: sources line not under the chart")
    assert blocked == []
    assert figures
    assert problems == [], problems[:12]


def test_print_stylesheet_sets_margins_and_page_numbers(report_set: Path) -> None:
    """The page itself carries an @page rule with margins and a 'page / pages' counter in a margin box (read from
    the stylesheets the page loads: Chromium hides a file:// sheet's rules from scripts)."""
    from urllib.parse import unquote, urlparse

    from pw import offline_context

    with offline_context() as (context, blocked):
        page = context.new_page()
        page.goto((report_set / "casualties" / "index.html").as_uri())
        hrefs = page.evaluate("() => Array.from(document.styleSheets).map((s) => s.href).filter(Boolean)")
    assert blocked == [] and hrefs
    css = "\n".join(Path(unquote(urlparse(h).path)).read_text(encoding="utf-8") for h in hrefs)
    rules = re.findall(r"@page\s*\{(?:[^{}]|\{[^{}]*\})*\}", css)
    assert any(re.search(r"(?<![\w-])margin:[^;]*\d+mm", r) for r in rules), rules
    assert any(re.search(r"@bottom-\w+\s*\{[^}]*counter\(page\)[^}]*counter\(pages\)", r) for r in rules), rules


def test_every_page_prints_on_few_a4_pages(report_set: Path) -> None:
    """A4 PDFs (Chromium's page.pdf) with every chart image loaded: casualties ≤ 8 pages, overview ≤ 10, every
    other page ≤ 10."""
    from pw import offline_context

    counts: dict[str, int] = {}
    empty: dict[str, list[str]] = {}
    with offline_context() as (context, blocked):
        page = context.new_page()
        for page_path in _pages(report_set):
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            # What page.pdf prints: every image already loaded (a lazy one never on screen would print blank).
            unloaded = page.evaluate(
                "() => Array.from(document.querySelectorAll('img'))"
                ".filter((i) => !(i.complete && i.naturalWidth > 0)).map((i) => i.getAttribute('src'))"
            )
            if unloaded:
                empty[_name(report_set, page_path)] = unloaded
            counts[_name(report_set, page_path)] = _pdf_pages(page.pdf(format="A4"))
    print("A4 pages:", counts)
    assert blocked == [] and empty == {}, empty
    too_long = {n: c for n, c in counts.items() if c > MAX_PDF_PAGES.get(n, MAX_PDF_PAGES_OTHER) or c < 1}
    assert too_long == {}, counts
