"""The report site as readers meet it: prose true for each run, sources named, evidence and downloads under every
figure, a search box, no horizontal scroll on a phone, nothing fetched, standalone figures that draw anywhere."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from leaks import CODE_OR_ID, PLOTLY_TEXT, visible_leaks
from prose_check import check_page, dataset_names
from qantar import settings
from qantar.report import load_config
from qantar.settings import default_config

WIDTHS = {"desktop": (1400, 900), "phone": (390, 844)}


def _pages(report_set: Path) -> list[Path]:
    return [report_set / "index.html", *(report_set / s.name / "index.html" for s in load_config(default_config()))]


# --- prose and sources (no browser) ------------------------------------------------------------


def test_prose_is_true_for_every_run(report_set: Path) -> None:
    """Every date, number and name in every page's prose is backed by that page's own data downloads."""
    names = dataset_names(settings.data_dir())
    problems = [p for spec in load_config(default_config()) for p in check_page(report_set / spec.name, names)]
    assert problems == []


def test_prose_check_catches_a_stale_sentence(report_set: Path, tmp_path: Path) -> None:
    """The check can fail: a default-run sentence pasted into the 5–10 January page is caught."""
    page = tmp_path / "map-5-10-jan"
    shutil.copytree(report_set / "map-5-10-jan", page)
    html = (page / "index.html").read_text(encoding="utf-8")
    stale = "<p>Zhanaozen and Aktau on the Caspian first (2 January), then on 4 January nine cities.</p>"
    (page / "index.html").write_text(
        html.replace('<div class="notebook-body">', '<div class="notebook-body">' + stale, 1), encoding="utf-8"
    )
    problems = check_page(page, dataset_names(settings.data_dir()))
    assert any("'2 January'" in p for p in problems) and any("'Zhanaozen'" in p for p in problems)


def test_check_cells_and_developer_notes_never_reach_a_page(report_set: Path) -> None:
    for page in _pages(report_set)[1:]:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"\d+ traces|day frames|Developer note|NBVAL|&lt;NA&gt;|output_dir", html), page


def test_every_page_names_its_sources_by_outlet_and_date(report_set: Path) -> None:
    for page in _pages(report_set)[1:]:
        html = page.read_text(encoding="utf-8")
        assert '<section class="sources" id="sources">' in html and '<section class="cite-this" id="cite">' in html
        listed = re.findall(r'<li [^>]*?id="source-(\d{3})"[^>]*><strong>([^<]+)</strong>', html)
        assert listed, page
        for number, label in listed:
            assert re.fullmatch(r".+, \d{1,2} [A-Z][a-z]{2} \d{4}( \(date probable\))?", label), label
            assert f'href="#source-{number}"' in html  # cited under a figure or table
        assert not re.search(
            r"(?<![\w-])0\d\d_[0-9a-f]{16}(?![\w])",
            re.sub(r'data-doc-id="[^"]*"', "", html.split("<table", 1)[0]),
        ), page


def test_every_figure_has_caption_alt_sources_evidence_and_downloads(report_set: Path) -> None:
    figures = 0
    for page in _pages(report_set)[1:]:
        html = page.read_text(encoding="utf-8")
        for block in re.findall(r'<section class="qfigure" id="fig-.*?</section>', html, flags=re.S):
            figures += 1
            assert "<figcaption>" in block and "Parameters:" in block
            assert re.search(r'<img [^>]*alt="[^"]{20,}"', block), "image without a descriptive alt text"
            assert 'class="sources-line"' in block and '<details class="evidence">' in block
            downloads = block.split('class="downloads"', 1)[1].split("</p>", 1)[0]
            links = re.findall(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', downloads)
            kinds = {label.split(" ")[0] for _, label in links}
            assert {"data", "evidence", "PNG", "SVG"} <= kinds, kinds
            for href, _ in links:
                assert (page.parent / unquote(href)).is_file(), href
            assert "No description has been provided" not in block
    assert figures >= 12


def test_index_is_a_landing_page(report_set: Path) -> None:
    html = (report_set / "index.html").read_text(encoding="utf-8")
    specs = load_config(default_config())
    assert "Read this first" in html and "Cite this" in html
    assert html.count('class="card"') == len(specs)
    for spec in specs:
        assert f'href="{spec.name}/index.html"' in html
    for src in re.findall(r'<img src="([^"]+)" alt="([^"]+)"', html):
        assert (report_set / src[0]).is_file() and len(src[1]) > 20
    with zipfile.ZipFile(report_set / "dataset" / "qantar-dataset.zip") as zf:
        names = set(zf.namelist())
    listed = {r["path"] for r in json.loads((settings.data_dir() / "datapackage.json").read_text())["resources"]}
    extras = {"README.md", "LICENSE", "CITATION.cff", "CITATION.bib"}
    assert names == {f"qantar-dataset/{n}" for n in {"datapackage.json", *listed, *extras}} and "sources.csv" in listed
    assert "status-ok" not in html and " s</td>" not in html  # not a build log


def test_navigation_links_prev_next_and_variants(report_set: Path) -> None:
    specs = load_config(default_config())
    for i, spec in enumerate(specs):
        html = (report_set / spec.name / "index.html").read_text(encoding="utf-8")
        assert 'href="../index.html"' in html
        if i + 1 < len(specs):
            assert f'rel="next" href="../{specs[i + 1].name}/index.html"' in html
        for other in specs:
            if other.notebook == spec.notebook and other.name != spec.name:
                assert f'href="../{other.name}/index.html"' in html
        for href in re.findall(r'href="([^"#]+)"', html):
            if not urlparse(href).scheme:
                assert (report_set / spec.name / href).exists(), href


# --- in the browser -------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("width", list(WIDTHS))
def test_pages_fit_the_screen_load_offline_and_without_errors(report_set: Path, width: str) -> None:
    from pw import offline_context

    w, h = WIDTHS[width]
    shots = settings.project_root() / "build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    with offline_context(viewport={"width": w, "height": h}) as (context, blocked):
        errors: list[str] = []
        for page_path in _pages(report_set):
            page = context.new_page()
            page.on("pageerror", lambda exc, page_path=page_path: errors.append(f"{page_path}: {exc}"))
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            page.wait_for_timeout(200)
            assert page.title(), page_path
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= w, f"{page_path} scrolls sideways at {w} px ({scroll} px wide)"
            assert page.locator(".modebar-btn[data-title*='Cloud'], .modebar-btn[data-title*='Studio']").count() == 0
            name = page_path.parent.name if page_path.parent != report_set else "index"
            page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)
            page.close()
    assert errors == [] and blocked == []


@pytest.mark.browser
def test_search_finds_a_city_and_tables_filter(report_set: Path) -> None:
    from pw import offline_context

    with offline_context() as (context, blocked):
        page = context.new_page()
        page.goto((report_set / "index.html").as_uri())
        page.fill("#site-search-input", "Zhanaozen")
        results = page.locator(".site-search-results li a")
        results.first.wait_for()
        texts = results.all_text_contents()
        assert any("Zhanaozen" in t for t in texts)
        results.first.click()
        page.wait_for_load_state("load")
        assert "/index.html" in page.url
        map_page = context.new_page()
        map_page.goto((report_set / "map" / "index.html").as_uri())
        map_page.click("#fig-protest_cities_map details.evidence summary")
        table = map_page.locator("#fig-protest_cities_map-table")
        before = table.locator("tbody tr:not([hidden])").count()
        map_page.fill("#fig-protest_cities_map details .qtable-tools input", "Uralsk")
        after = table.locator("tbody tr:not([hidden])").count()
        map_page.click("#fig-protest_cities_map-table th:nth-child(1) button")
        sorted_ = map_page.get_attribute("#fig-protest_cities_map-table th:nth-child(1)", "aria-sort")
    assert blocked == []
    assert before > after == 1 and sorted_ == "ascending"


@pytest.mark.browser
def test_standalone_interactive_map_draws_when_copied_anywhere(report_set: Path, tmp_path: Path) -> None:
    from pw import offline_context

    source = report_set / "map" / "figures" / "protest_cities_map_interactive.html"
    copy = tmp_path / "elsewhere" / "map.html"
    copy.parent.mkdir()
    shutil.copy(source, copy)  # alone: no assets folder beside it
    with offline_context() as (context, blocked):
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(copy.as_uri())
        page.wait_for_selector(".scatterlayer .trace")
        markers = page.locator(".scatterlayer .trace:last-child .point").count()
    assert errors == [] and blocked == [] and markers == 12


def test_map_legend_and_colours_are_the_same_on_every_page(report_set: Path) -> None:
    """A day has one colour everywhere: 5 January on the 5–10 January map is the colour of 5 January on the full map."""
    import csv

    from qantar.figures.style import DAY_COLOURS

    def colours(run: str) -> dict[str, str]:
        html = (report_set / run / "figures" / "protest_cities_map_interactive.html").read_text(encoding="utf-8")
        start = html.index("Plotly.newPlot(")
        start = html.index(",", start) + 1  # after the div id
        traces, _ = json.JSONDecoder().raw_decode(html[start:].lstrip())
        return {
            t["name"]: t["marker"]["color"]
            for t in traces
            if t.get("showlegend") is not False
            and "marker" in t
            and re.fullmatch(r"\w{3} \d{1,2} \w{3}", t.get("name", ""))
        }

    full, late = colours("map"), colours("map-5-10-jan")
    assert full and late
    for day, colour in late.items():
        assert full.get(day, colour) == colour
    assert len(set(DAY_COLOURS.values())) == len(DAY_COLOURS)
    with (report_set / "map-5-10-jan" / "figures" / "protest_cities_map.csv").open(encoding="utf-8") as fh:
        almaty = [r for r in csv.DictReader(fh) if r["city"] == "Almaty" and r["day"].startswith("2022-01-10")]
    assert almaty and almaty[0]["first_date_certain"] == "True"  # 16 events on the 5–10 map are not grey


# --- what a reader sees: words, never codes or record ids -------------------------------------------------------


def test_the_leak_scan_finds_codes_and_ids() -> None:
    """The scan can fail: each kind of leak the pages once showed is caught, and plain words are not."""
    leaked = [
        "groups: security_forces",
        "foreign_government, international_organisation",
        "2-7 January, as for ev055",
        "cr014",
        "Document 000_0ab9f91eede0ad35.",
        "date_start, date_end",
    ]
    assert all(visible_leaks(line) for line in leaked)
    assert visible_leaks("security forces killed (Almaty only), 6 Jan; Khabar 24 via CNN (probable); 317") == []


@pytest.mark.browser
def test_readers_see_words_not_codes_or_record_ids(report_set: Path) -> None:
    """Every page's visible text (every <details> opened) and its charts' hover, legend and title text name things in
    words; codes and ids are only in the downloads (links are not text, so a file name in an href is not read)."""
    from pw import offline_context

    leaks: list[str] = []
    with offline_context() as (context, blocked):
        for page_path in _pages(report_set):
            page = context.new_page()
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            text = page.inner_text("body") + "\n" + page.evaluate(PLOTLY_TEXT)
            leaks += [f"{page_path.parent.name}: {leak}" for leak in visible_leaks(text)]
            page.close()
    assert blocked == []
    assert leaks == []


def test_disagreements_link_their_records_and_the_chart_where_readers_meet_them(report_set: Path) -> None:
    """Each disagreement is a sentence: every version links to its record's row on the page, the sentence to the
    figure that shows it (the casualty chart, the map, the timeline or the coverage matrix), which exists."""
    overview = report_set / "overview" / "index.html"
    html = overview.read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', html))
    section = html.split('id="tab-disagreements"', 1)[1].split("</section>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", section.split('<ol class="disagreements">', 1)[1].split("</ol>", 1)[0], re.S)
    rows = json.loads((report_set / "overview" / "figures" / "page.json").read_text(encoding="utf-8"))
    n = sum(1 for s in rows["search"] if s["anchor"] == "tab-disagreements" and ": " in s["text"])
    assert len(items) == n > 10
    targets = set()
    for item in items:
        records = re.findall(r'<a href="#(tab-disagreements-records-[^"]+)">', item)
        assert len(records) >= 2 and all(r in ids for r in records), item
        figure = re.search(r'<a class="see-figure" href="([^"]+)">See it on (the [a-z ]+)\.</a>', item)
        assert figure, item
        href, where = figure.groups()
        path, _, anchor = href.partition("#")
        target = overview if not path else (overview.parent / path).resolve()
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href
        targets.add(where)
        assert not CODE_OR_ID.search(re.sub(r"<[^>]+>", "", item)), item
    assert targets == {"the casualty chart", "the map", "the timeline", "the coverage matrix"}


def test_search_results_show_words_not_codes_or_record_ids(report_set: Path) -> None:
    """The search box shows its entries' text as results ('ev047' once came up there): words only."""
    script = (report_set / "assets" / "search-index.js").read_text(encoding="utf-8")
    entries = json.loads(script.split("=", 1)[1].strip().rstrip(";"))
    assert len(entries) > 100
    leaks = [leak for e in entries for leak in visible_leaks(f"{e['page']}\n{e['text']}")]
    assert leaks == []


@pytest.mark.browser
def test_a_disagreement_link_opens_its_record_and_its_chart(report_set: Path) -> None:
    """Clicking an outlet in a disagreement opens the records below at its row; 'See it on the casualty chart'
    opens the casualty page at the chart."""
    from pw import offline_context

    with offline_context() as (context, blocked):
        page = context.new_page()
        page.goto((report_set / "overview" / "index.html").as_uri())
        item = page.locator("ol.disagreements li", has_text="Security forces killed (Almaty only)").first
        item.locator("a").first.click()
        page.wait_for_timeout(200)
        target = page.evaluate("location.hash.slice(1)")
        opened = page.evaluate("document.querySelector('#tab-disagreements details.evidence').open")
        row = page.locator(f"[id='{target}']")
        assert opened and row.is_visible() and "12 were killed" in row.inner_text()
        item.locator("a.see-figure").click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/casualties/index.html#fig-casualty_claims_over_time")
        assert page.locator("#fig-casualty_claims_over_time").is_visible()
    assert blocked == []
