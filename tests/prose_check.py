"""Checks that a published page's prose is true for the run it was built with (used by test_site and the closing note).

The prose of a page is every paragraph of its notebook body outside figures, tables and the Sources
section: the notebook's own text and the findings computed for the run. Each statement is checked
against the page's own data downloads (the CSVs of exactly what its figures and tables draw):

* every date ("5 January") lies within the run's window;
* every number is supported by the data: a value in a CSV, a count of its rows, of the distinct values
  of a column, of the rows with one value, or a column's sum;
* every place or actor named in the dataset that the prose names appears in the data.
"""

from __future__ import annotations

import csv
import html
import json
import re
from datetime import date
from pathlib import Path

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
}
DATE = re.compile(r"\b(\d{1,2})\s*(?:–\s*\d{1,2}\s*)?(" + "|".join(MONTHS) + r")\b(?:\s+(\d{4}))?")
NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?![\w.]\d)")


def prose_paragraphs(page_html: str) -> list[str]:
    """Text of the prose paragraphs in a page's notebook body (not captions, tables, downloads or sources)."""
    body = page_html.split('<div class="notebook-body">', 1)[-1].split('<p class="page-files">', 1)[0]
    body = re.sub(r'<section class="(qfigure|qfigure qtable-block|sources)".*?</section>', " ", body, flags=re.S)
    body = re.sub(r"<(script|style|table|figure|pre)\b.*?</\1>", " ", body, flags=re.S)
    paragraphs = re.findall(r"<(p|li)\b[^>]*>(.*?)</\1>", body, flags=re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split()) for _, text in paragraphs]


def _csv_facts(paths: list[Path]) -> tuple[set[int], set[str]]:
    numbers: set[int] = set()
    cells: set[str] = set()
    for path in paths:
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        numbers.add(len(rows))
        columns = rows[0].keys() if rows else []
        for col in columns:
            values = [r[col] for r in rows]
            numbers.add(len(set(values)))
            counts: dict[str, int] = {}
            total = 0.0
            for v in values:
                counts[v] = counts.get(v, 0) + 1
                cells.add(v)
                try:
                    f = float(v)
                    total += f
                    if f.is_integer():
                        numbers.add(int(f))
                except ValueError:
                    pass
            numbers.update(counts.values())
            if total.is_integer():
                numbers.add(int(total))
    return numbers, cells


def check_page(run_dir: Path, names: set[str]) -> list[str]:
    """Problems with the prose of one published page (empty when every statement is backed by its data)."""
    page = (run_dir / "index.html").read_text(encoding="utf-8")
    meta_path = run_dir / "figures" / "page.json"
    if meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        start, end = (date.fromisoformat(x) for x in meta["window"])
    else:  # a page built before page.json existed: read the window from its parameters line
        found = re.findall(r"(start|end)_date</code> = <code>(?:&#34;|&quot;|\")(\d{4}-\d{2}-\d{2})", page)
        window = dict(found)
        start = date.fromisoformat(window.get("start", "2022-01-02"))
        end = date.fromisoformat(window.get("end", "2022-01-10"))
    data = [p for p in (run_dir / "figures").glob("*.csv") if not p.name.endswith("_evidence.csv")]
    numbers, cells = _csv_facts(data)
    text_cells = " | ".join(cells)
    problems = []
    for para in prose_paragraphs(page):
        stripped = para
        for m in DATE.finditer(para):
            day = date(int(m.group(3) or start.year), MONTHS[m.group(2)], int(m.group(1)))
            if not start <= day <= end:
                problems.append(f"{run_dir.name}: date {m.group(0)!r} outside {start}–{end}: {para[:120]!r}")
            stripped = stripped.replace(m.group(0), " ")
        for m in NUMBER.finditer(stripped):
            n = int(m.group(1).replace(",", ""))
            if n not in numbers and n not in (start.year, end.year):
                problems.append(f"{run_dir.name}: number {m.group(1)} not in the page's data: {para[:120]!r}")
        for name in names:
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", para) and name not in text_cells:
                problems.append(f"{run_dir.name}: names {name!r}, which is not in the page's data: {para[:120]!r}")
    return problems


def dataset_names(data_dir: Path) -> set[str]:
    """Place names and actors of a dataset: the names a page's prose may only use when its data has them."""
    names: set[str] = set()
    for table, cols in (("places.csv", ("name",)), ("reactions.csv", ("actor",))):
        with (data_dir / table).open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                names.update(row[c] for c in cols if row.get(c))
    return names
