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


def _names_with_digits(text_cells: str) -> list[str]:
    """Speakers whose display name holds a digit ("Khabar 24"), where the page's data has their code (khabar_24)."""
    from qantar import display

    out = []
    for names in (display.WHO, display.WHO_SHORT):
        out += [name for code, name in names.items() if re.search(r"\d", name) and code in text_cells]
    return sorted(set(out), key=len, reverse=True)


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
        # A speaker's or outlet's name with a digit in it ("Khabar 24") is a name, not a figure, when the page's
        # data names it too (its records' "stated by" column).
        for name in _names_with_digits(text_cells):
            stripped = stripped.replace(name, " ")
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


# --- the rules, written again from the tables ---------------------------------------------------
# Independent counts for tests/test_prose_numbers.py: each rule of qantar.dating and qantar.derive that a
# sentence states is computed here again, in plain Python over the dataset's rows, so a sentence is never
# checked against the helper that wrote it.

DAY, RANGE, DISPUTED = "day", "range", "disputed"


def numbers(sentence: str) -> list[int]:
    """The numbers of a sentence, in order, without its dates ('5 January', '2–10 January 2022') and years."""
    text = DATE.sub(" ", sentence)
    return [int(m.group(1).replace(",", "")) for m in NUMBER.finditer(text)]


def rows(frame) -> list[dict]:
    """A frame's rows as plain dicts, categorical codes as strings."""
    categorical = [c for c in frame.columns if str(frame[c].dtype) == "category"]
    return frame.astype({c: "object" for c in categorical}).to_dict("records")


def happening_spans(versions: list[dict]) -> dict[str, tuple]:
    """happening_id → (first day, last day, dating) by the rule: days all versions allow, a day given, or neither."""
    by: dict[str, list[dict]] = {}
    for r in versions:
        by.setdefault(str(r["happening_id"]), []).append(r)
    out = {}
    for hid, vs in by.items():
        common_from = max(v["date_start"] for v in vs)
        common_to = min(v["date_end"] for v in vs)
        if common_from > common_to:
            out[hid] = (min(v["date_start"] for v in vs), max(v["date_end"] for v in vs), DISPUTED)
        elif any(str(v["date_precision"]) == DAY for v in vs):
            out[hid] = (common_from, common_to, DAY)
        else:
            out[hid] = (min(v["date_start"] for v in vs), max(v["date_end"] for v in vs), RANGE)
    return out


def fit(first, last, lo, hi) -> str:
    """'in' when [first, last] lies in [lo, hi], 'may' when it only overlaps it, else 'out' (None: open)."""
    if (lo is None or first >= lo) and (hi is None or last <= hi):
        return "in"
    if (lo is None or last >= lo) and (hi is None or first <= hi):
        return "may"
    return "out"


def happenings_in(ds, lo, hi, keep=lambda r: True) -> dict[str, dict]:
    """The happenings of non-background events rows passing ``keep`` that overlap [lo, hi], not dated outside it.

    Each: span, dating, fit ('in'/'may') and type (that of its first overlapping version by date, then id).
    """
    events = rows(ds.events)
    spans = happening_spans([r for r in events if not r["background"]])
    out: dict[str, dict] = {}
    for r in sorted(events, key=lambda r: (r["date_start"], str(r["event_id"]))):
        if r["background"] or not keep(r) or r["date_end"] < lo or r["date_start"] > hi:
            continue
        hid = str(r["happening_id"])
        first, last, dating = spans[hid]
        where = fit(first, last, lo, hi)
        if where != "out" and hid not in out:
            out[hid] = {"first": first, "last": last, "dating": dating, "fit": where, "type": str(r["event_type"])}
    return out


def city_view(ds, lo, hi, event_types=None, regions=None, cities=None) -> dict[str, dict]:
    """Per city on the map for [lo, hi]: happenings in and perhaps in it, its first day in it, and if it is certain."""
    places = rows(ds.places)
    kind = {p["place_id"]: p["kind"] for p in places}
    city_of = {}
    for p in places:
        if p["kind"] == "city":
            city_of[p["place_id"]] = p["place_id"]
        elif p["kind"] == "site" and kind.get(p["parent_id"]) == "city":
            city_of[p["place_id"]] = p["parent_id"]
    name = {p["place_id"]: p["name"] for p in places}
    region = {p["place_id"]: p["admin1_jan2022"] for p in places}
    out: dict[str, dict] = {}
    events = [r for r in rows(ds.events) if not r["background"] and r["place_id"] in city_of]
    spans = happening_spans([r for r in rows(ds.events) if not r["background"]])
    for r in events:
        city = city_of[r["place_id"]]
        if event_types and r["event_type"] not in event_types:
            continue
        if regions and region[city] not in regions:
            continue
        if cities and name[city] not in cities:
            continue
        if (lo is not None and r["date_end"] < lo) or (hi is not None and r["date_start"] > hi):
            continue
        first, last, dating = spans[str(r["happening_id"])]
        where = fit(first, last, lo, hi)
        if where == "out":
            continue
        c = out.setdefault(name[city], {"in": set(), "may": set(), "starts": []})
        c[where].add(str(r["happening_id"]))
        c["starts"].append((first if lo is None else max(first, lo), dating != DAY))
    for c in out.values():
        c["may"] -= c["in"]
        c["first"] = min(day for day, _ in c["starts"])
        c["certain"] = any(day == c["first"] and not ranged for day, ranged in c["starts"])
    return out


ACLED_WORDS = {"dozens": 12, "hundreds": 100, "thousands": 1000}
WORDING = {
    "exact": "{n}",
    "at_least": "at least {n}",
    "more_than": "more than {n}",
    "about": "about {n}",
    "some": "some {n}",
}


def wording(qualifier: str, value) -> str:
    """A figure as the text words it, a vague word with the number ACLED codes it as."""
    if qualifier in ACLED_WORDS:
        return f"{qualifier} (coded {ACLED_WORDS[qualifier]:,} under ACLED's rule)"
    if qualifier == "unquantified":
        return "no figure"
    return WORDING[qualifier].format(n=f"{int(value):,}")


def acled(qualifier: str, value):
    """ACLED's conservative figure (None: no number)."""
    if qualifier in ACLED_WORDS:
        return ACLED_WORDS[qualifier]
    return None if qualifier == "unquantified" else int(value)
