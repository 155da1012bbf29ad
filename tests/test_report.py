"""Batch reports: the default config builds a complete offline set; failures are atomic; hostile text stays text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml
from PIL import Image

from conftest import read_rows, snapshot, write_rows
from qantar import settings
from qantar.figures.casualties import LINE_LABEL
from qantar.filters import words
from qantar.report import build, load_config
from qantar.settings import default_config

EXTERNAL = re.compile(r"""(src|href)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?(https?:)?//|@import""", re.I)


def _copy(report_set: Path, tmp_path: Path) -> Path:
    dst = tmp_path / "reports"
    shutil.copytree(report_set, dst, symlinks=True)
    return dst


def test_default_config_covers_every_notebook() -> None:
    specs = load_config(default_config())
    # The explorer (05) is interactive and writes nothing; every report notebook is in the default set.
    notebooks = {p.name for p in (settings.project_root() / "notebooks").glob("[0-9][0-9]_*.ipynb")} - {
        "05_explorer.ipynb"
    }
    assert {s.notebook for s in specs} == notebooks
    names = {s.name for s in specs}
    assert {"map-2-4-jan", "map-5-10-jan", "casualties-security-forces"} <= names


def test_index_and_pages_exist_and_link(report_set: Path) -> None:
    index = (report_set / "index.html").read_text(encoding="utf-8")
    specs = load_config(default_config())
    for spec in specs:
        page = report_set / spec.name / "index.html"
        assert page.is_file() and f'href="{spec.name}/index.html"' in index
        assert (report_set / spec.name / f"{spec.name}.ipynb").is_file()
        assert 'href="../index.html"' in page.read_text(encoding="utf-8")
    for href in re.findall(r'href="([^"]+)"', index):
        path, _, anchor = href.partition("#")  # a finding links to a figure on its page: the file and the id exist
        target = report_set / (path or "index.html")  # '#cite' is a place on the index itself
        assert target.exists(), f"broken link in index: {href}"
        if anchor:
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), f"no #{anchor} in {target.name}"
    for spec in specs:
        page = (report_set / spec.name / "index.html").read_text(encoding="utf-8")
        for key in spec.parameters:  # parameters shown on the page in the words of qantar.filters
            assert f"<dt>{words(key)}</dt>" in page or key in ("start_date", "end_date")


def test_outputs_follow_parameters(report_set: Path) -> None:
    import csv

    def cities(run: str) -> set[str]:
        with (report_set / run / "figures" / "protest_cities_map.csv").open(encoding="utf-8") as fh:
            return {r["city"] for r in csv.DictReader(fh)}

    assert {"Aktau", "Aktobe", "Almaty", "Atyrau", "Zhanaozen"} <= cities("map-2-4-jan")
    assert cities("map-5-10-jan") == {"Aktobe", "Almaty", "Taldykorgan"}
    late = (report_set / "map-5-10-jan" / "index.html").read_text(encoding="utf-8")
    assert "Zhanaozen" not in late.split('<section class="sources"')[0].split("<details")[0]
    assert "First reported in this period on 5 January: Aktobe and Almaty." in late
    assert "Aktobe and Almaty were already reported before this period." in late
    with (report_set / "casualties-security-forces" / "figures" / "casualty_claims_over_time.csv").open(
        encoding="utf-8"
    ) as fh:
        assert {r["group"] for r in csv.DictReader(fh)} == {"security_forces"}


def test_published_folder_is_readable(report_set: Path) -> None:
    import stat

    assert stat.S_IMODE(report_set.stat().st_mode) & 0o055 == 0o055  # not the private mode of a temp dir


def test_offline_plotly_once_no_cdn(report_set: Path) -> None:
    js = sorted(p.relative_to(report_set).as_posix() for p in report_set.rglob("*.js"))
    assert js == ["assets/plotly.min.js", "assets/qantar.js", "assets/search-index.js"]
    pages = [p for p in report_set.rglob("*.html") if not p.name.endswith("_interactive.html")]
    for page in pages + list(report_set.rglob("*.css")):
        text = page.read_text(encoding="utf-8")
        assert not EXTERNAL.search(text), f"{page}: external reference {EXTERNAL.search(text).group(0)!r}"
        lowered = text.lower()
        assert "cdn." not in lowered and "mathjax.js" not in lowered and "require.min.js" not in lowered, page
    for fig_html in report_set.glob("*/figures/*_interactive.html"):  # standalone: plotly.js inside, no src at all
        assert not re.search(r"<script[^>]*\bsrc=", fig_html.read_text(encoding="utf-8"))
    for executed in report_set.glob("*/*.ipynb"):  # published notebooks name the published folder, not staging
        assert "-staging-" not in executed.read_text(encoding="utf-8")


def test_the_published_set_names_no_local_path(report_set: Path) -> None:
    """No file of the set (executed notebooks included) holds a path of the machine that built it."""
    from paths_check import local_paths

    found = {str(p.relative_to(report_set)): hits for p in sorted(report_set.rglob("*")) if (hits := local_paths(p))}
    assert found == {}, found


def test_failed_run_leaves_previous_reports_byte_identical(report_set: Path, tmp_path: Path) -> None:
    """A cell that raises in one run: nothing is published, the failure names run, notebook, cell and error."""
    import nbformat

    reports = _copy(report_set, tmp_path)
    before = snapshot(reports)
    notebooks = tmp_path / "notebooks"
    shutil.copytree(settings.notebooks_dir(), notebooks)
    nb = nbformat.read(notebooks / "02_protest_city_map.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "city_summary" in c.source)
    cell.source = "raise RuntimeError('injected failure')\n" + cell.source
    nbformat.write(nb, notebooks / "02_protest_city_map.ipynb")
    cfg = tmp_path / "two.yml"
    cfg.write_text(
        yaml.safe_dump(
            {
                "runs": [
                    {"name": "overview", "notebook": "01_overview_timeline.ipynb"},
                    {
                        "name": "bad-map",
                        "notebook": "02_protest_city_map.ipynb",
                        "parameters": {"event_types": ["Riots"]},
                    },
                ]
            }
        ),
        encoding="utf-8",
    )
    outcome = build(cfg, reports, notebooks_dir=notebooks)
    assert not outcome.ok
    (bad,) = [r for r in outcome.results if not r.ok]
    assert bad.name == "bad-map" and bad.parameters == {"event_types": ["Riots"]}
    assert "RuntimeError: injected failure" in bad.error and "cell" in bad.error
    assert outcome.staging.is_dir() and (outcome.staging / "overview" / "overview.ipynb").is_file()
    assert snapshot(reports) == before


def test_only_rebuilds_one_run_and_keeps_the_rest(report_set: Path, tmp_path: Path) -> None:
    reports = _copy(report_set, tmp_path)
    before = snapshot(reports)
    outcome = build(reports_dir=reports, only=["reactions-foreign"])
    assert outcome.ok and len(outcome.results) == len(load_config(default_config()))
    after = snapshot(reports)
    # Kept runs keep their content; every page shell is rendered again so navigation and search stay whole.
    assert after["overview/fragment.html"] == before["overview/fragment.html"]
    assert after["overview/figures/daily_event_timeline.png"] == before["overview/figures/daily_event_timeline.png"]
    assert after["reactions-foreign/reactions-foreign.ipynb"] != before["reactions-foreign/reactions-foreign.ipynb"]


@pytest.mark.slow
def test_rebuilding_a_set_keeps_one_entry_per_run(tmp_path: Path) -> None:
    import json

    cfg = tmp_path / "one.yml"
    cfg.write_text(
        yaml.safe_dump({"runs": [{"name": "overview", "notebook": "01_overview_timeline.ipynb"}]}), encoding="utf-8"
    )
    for _ in range(2):
        assert build(cfg, tmp_path / "reports").ok
    manifest = json.loads((tmp_path / "reports" / "manifest.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in manifest] == ["overview"]


# --- real browser ------------------------------------------------------------------------


@pytest.mark.browser
def test_browser_draws_the_map_and_casualty_legend_offline(report_set: Path, tmp_path: Path) -> None:
    """The map page's traces, markers and boundaries, and the casualty legend (every page's load: test_site)."""
    from pw import offline_context

    with offline_context() as (context, blocked):
        errors: list[str] = []
        map_page = context.new_page()
        map_page.on("pageerror", lambda exc: errors.append(str(exc)))
        map_page.goto((report_set / "map" / "index.html").as_uri())
        map_page.wait_for_selector(".scatterlayer .trace")
        traces = map_page.locator(".scatterlayer .trace").count() - map_page.locator(".legend .traces").count()
        points = map_page.locator(".scatterlayer .trace:last-child .point").count()
        boundary_paths = map_page.evaluate(
            "Array.from(document.querySelectorAll('.scatterlayer .trace .js-line'))"
            ".filter(p => (p.getAttribute('d')||'').length > 1000).length"
        )
        shot = tmp_path / "map_page.png"
        map_page.locator(".js-plotly-plot").screenshot(path=str(shot))
        cas = context.new_page()
        cas.goto((report_set / "casualties" / "index.html").as_uri())
        cas.wait_for_selector(".legendtext")
        legend = cas.evaluate("Array.from(document.querySelectorAll('.legendtext')).map(e => e.textContent)")
    assert blocked == [] and errors == []
    assert traces == 4 and points == 12 and boundary_paths >= 3
    rgb = np.asarray(Image.open(shot).convert("RGB")).astype(int)
    green = ((abs(rgb[..., 0] - 0x11) < 12) & (abs(rgb[..., 1] - 0x77) < 12) & (abs(rgb[..., 2] - 0x33) < 12)).sum()
    assert green > 500, "markers of 4 January not visible in the rendered map"
    assert "security forces · national" in legend and "security forces · Almaty only" in legend
    assert LINE_LABEL in legend and not any("_" in t for t in legend)


HOSTILE = {
    "script": "<script>document.body.setAttribute('data-pwned','script')</script>",
    "img": "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">",
    "link": "[click me](javascript:document.body.setAttribute('data-pwned','link'))"
    ' <a href="javascript:void(0)">js</a>',
}


def _poison(data: Path) -> None:
    import json

    desc = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    limits = {
        (r["path"], f["name"]): f.get("constraints", {}).get("maxLength", 10_000)
        for r in desc["resources"]
        for f in r["schema"]["fields"]
    }

    def edit(name: str, column: str, rows_to_edit: int, payload_keys: list[str]) -> None:
        header, rows = read_rows(data / name)
        for i in range(rows_to_edit):
            payload = " ".join(HOSTILE[k] for k in payload_keys)
            rows[i][column] = (payload + " " + rows[i][column])[: limits[(name, column)]].strip()
        write_rows(data / name, header, rows)

    edit("events.csv", "description", 30, ["script", "img", "link"])
    edit("events.csv", "variant_note", 45, ["script", "img"])
    edit("reactions.csv", "summary", 30, ["script", "img", "link"])
    edit("reactions.csv", "actor", 3, ["img"])
    edit("places.csv", "name", 20, ["script"])
    edit("casualty_reports.csv", "notes", 24, ["img"])


@pytest.mark.browser
def test_hostile_text_is_shown_as_text(tmp_path: Path) -> None:
    from pw import offline_context

    data = tmp_path / "data"
    shutil.copytree(settings.data_dir(), data)
    _poison(data)
    cfg = tmp_path / "hostile.yml"
    cfg.write_text(
        yaml.safe_dump(
            {
                "runs": [
                    {"name": "overview", "notebook": "01_overview_timeline.ipynb"},
                    {"name": "map", "notebook": "02_protest_city_map.ipynb"},
                    {"name": "casualties", "notebook": "03_casualties_over_time.ipynb"},
                    {"name": "reactions", "notebook": "04_reaction_summaries.ipynb"},
                ]
            }
        ),
        encoding="utf-8",
    )
    reports = tmp_path / "reports"
    outcome = build(cfg, reports, data_dir=data)
    assert outcome.ok, [r.error for r in outcome.results]
    pages = [reports / "index.html", *sorted(reports.glob("*/index.html")), *sorted(reports.glob("*/figures/*.html"))]
    with offline_context() as (context, blocked):
        for page_path in pages:
            page = context.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda d, dialogs=dialogs: (dialogs.append(d.message), d.dismiss()))
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)
            for el in page.locator(".hovertext, .js-plotly-plot").all()[:1]:
                el.hover()
            # open every evidence table and run the site search for the payload, so hidden text renders too
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            if page.locator("#site-search-input").count():
                page.fill("#site-search-input", "pwned")
                page.wait_for_timeout(200)
            assert page.evaluate("document.body.getAttribute('data-pwned')") is None, page_path
            assert page.evaluate("document.querySelectorAll('a[href^=\"javascript:\"]').length") == 0, page_path
            injected = (
                "Array.from(document.querySelectorAll('img[src=\"x\"], script'))"
                ".filter(e => e.tagName == 'IMG' || (e.textContent.includes('data-pwned')"
                " && !e.textContent.includes('Plotly'))).length"
            )
            assert page.evaluate(injected) == 0, page_path
            assert dialogs == []
            page.close()
        reactions = context.new_page()
        reactions.goto((reports / "reactions" / "index.html").as_uri())
        reactions.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        text = reactions.inner_text("main")
        reactions.fill("#site-search-input", "pwned")
        reactions.wait_for_timeout(300)
        found = reactions.inner_text(".site-search-results")
    assert blocked == []
    assert "<script>document.body.setAttribute('data-pwned','script')</script>" in text  # shown literally
    assert "javascript:document.body" in text
    assert "data-pwned" in found, "the site search should list the poisoned record, as text"
