"""Batch reports: the default config builds a complete offline set; failures are atomic; hostile text stays text."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml
from PIL import Image

from conftest import read_rows, snapshot, write_rows
from qantar import settings
from qantar.report import build, load_config
from qantar.settings import default_config

EXTERNAL = re.compile(r"""(src|href)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?(https?:)?//|@import""", re.I)


@pytest.fixture(scope="module")
def report_set(tmp_path_factory) -> Path:
    """The default report set, built once; tests that change a set work on a copy."""
    reports = tmp_path_factory.mktemp("rep") / "reports"
    outcome = build(reports_dir=reports)
    assert outcome.ok, [r.error for r in outcome.results]
    return reports


def _copy(report_set: Path, tmp_path: Path) -> Path:
    dst = tmp_path / "reports"
    shutil.copytree(report_set, dst, symlinks=True)
    return dst


def test_default_config_covers_every_notebook() -> None:
    specs = load_config(default_config())
    # The explorer (05) is interactive and writes nothing; every report notebook is in the default set.
    notebooks = {p.name for p in (settings.project_root() / "notebooks").glob("[0-9][0-9]_*.ipynb")} - {"05_explorer.ipynb"}
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
        assert (report_set / href).exists(), f"broken link in index: {href}"
    assert index.count('class="status-ok"') == len(specs)
    assert "start_date</code> = <code>&#34;2022-01-02&#34;" in index  # parameters shown, escaped


def test_outputs_follow_parameters(report_set: Path) -> None:
    early = (report_set / "map-2-4-jan" / "index.html").read_text(encoding="utf-8")
    late = (report_set / "map-5-10-jan" / "index.html").read_text(encoding="utf-8")
    assert "cities on the last day: Aktau, Aktobe, Almaty, Atyrau" in early and "3 day frames" in early
    assert "6 day frames" in late and "Zhanaozen" not in late.split("cities on the last day:")[1].split("\n")[0]
    sec = (report_set / "casualties-security-forces" / "figures" / "conflicting_figures.csv")
    assert sec.is_file()


def test_published_folder_is_readable(report_set: Path) -> None:
    import stat

    assert stat.S_IMODE(report_set.stat().st_mode) & 0o055 == 0o055  # not the private mode of a temp dir


def test_offline_plotly_once_no_cdn(report_set: Path) -> None:
    js = [p for p in report_set.rglob("*.js")]
    assert [p.relative_to(report_set).as_posix() for p in js] == ["assets/plotly.min.js"]
    for page in list(report_set.rglob("*.html")) + list(report_set.rglob("*.css")):
        text = page.read_text(encoding="utf-8")
        assert not EXTERNAL.search(text), f"{page}: external reference {EXTERNAL.search(text).group(0)!r}"
        lowered = text.lower()
        assert "cdn." not in lowered and "mathjax.js" not in lowered and "require.min.js" not in lowered, page
    for fig_html in report_set.glob("*/figures/*.html"):
        assert 'src="../../assets/plotly.min.js"' in fig_html.read_text(encoding="utf-8")


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
    cfg.write_text(yaml.safe_dump({"runs": [
        {"name": "overview", "notebook": "01_overview_timeline.ipynb"},
        {"name": "bad-map", "notebook": "02_protest_city_map.ipynb", "parameters": {"event_types": ["Riots"]}},
    ]}), encoding="utf-8")
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
    assert after["overview/index.html"] == before["overview/index.html"]
    assert after["reactions-foreign/reactions-foreign.ipynb"] != before["reactions-foreign/reactions-foreign.ipynb"]


# --- real browser ------------------------------------------------------------------------

def test_browser_opens_every_page_offline(report_set: Path, tmp_path: Path) -> None:
    from pw import offline_context

    pages = [report_set / "index.html", *sorted(report_set.glob("*/index.html"))]
    with offline_context() as (context, blocked):
        errors: list[str] = []
        for page_path in pages:
            page = context.new_page()
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            assert page.title(), page_path
            page.close()
        map_page = context.new_page()
        map_page.goto((report_set / "map" / "index.html").as_uri())
        map_page.wait_for_selector(".scatterlayer .trace")
        traces = map_page.locator(".scatterlayer .trace").count()
        points = map_page.locator(".scatterlayer .trace:last-child .point").count()
        boundary_paths = map_page.evaluate(
            "Array.from(document.querySelectorAll('.scatterlayer .trace .js-line')).filter(p => (p.getAttribute('d')||'').length > 1000).length")
        shot = tmp_path / "map_page.png"
        map_page.locator(".js-plotly-plot").screenshot(path=str(shot))
        cas = context.new_page()
        cas.goto((report_set / "casualties" / "index.html").as_uri())
        cas.wait_for_selector(".legendtext")
        legend = cas.evaluate("Array.from(document.querySelectorAll('.legendtext')).map(e => e.textContent)")
    assert blocked == [] and errors == []
    assert traces == 4 and points == 12 and boundary_paths >= 3
    rgb = np.asarray(Image.open(shot).convert("RGB")).astype(int)
    purple = ((rgb[..., 2] > 120) & (rgb[..., 1] < 90) & (rgb[..., 0] > 40)).sum()
    assert purple > 500, "markers not visible in the rendered map"
    assert "security_forces · killed · national" in legend and "security_forces · injured · Almaty" in legend
    assert any(t.startswith("conservative") for t in legend)


HOSTILE = {
    "script": "<script>document.body.setAttribute('data-pwned','script')</script>",
    "img": "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">",
    "link": "[click me](javascript:document.body.setAttribute('data-pwned','link')) <a href=\"javascript:void(0)\">js</a>",
}


def _poison(data: Path) -> None:
    import json

    desc = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    limits = {(r["path"], f["name"]): f.get("constraints", {}).get("maxLength", 10_000)
              for r in desc["resources"] for f in r["schema"]["fields"]}

    def edit(name: str, column: str, rows_to_edit: int, payload_keys: list[str]) -> None:
        header, rows = read_rows(data / name)
        for i in range(rows_to_edit):
            payload = " ".join(HOSTILE[k] for k in payload_keys)
            rows[i][column] = (payload + " " + rows[i][column])[:limits[(name, column)]].strip()
        write_rows(data / name, header, rows)

    edit("events.csv", "description", 30, ["script", "img", "link"])
    edit("events.csv", "variant_note", 45, ["script", "img"])
    edit("reactions.csv", "summary", 30, ["script", "img", "link"])
    edit("reactions.csv", "actor", 3, ["img"])
    edit("places.csv", "name", 20, ["script"])
    edit("casualty_reports.csv", "notes", 24, ["img"])


def test_hostile_text_is_shown_as_text(tmp_path: Path) -> None:
    from pw import offline_context

    data = tmp_path / "data"
    shutil.copytree(settings.data_dir(), data)
    _poison(data)
    cfg = tmp_path / "hostile.yml"
    cfg.write_text(yaml.safe_dump({"runs": [
        {"name": "overview", "notebook": "01_overview_timeline.ipynb"},
        {"name": "map", "notebook": "02_protest_city_map.ipynb"},
        {"name": "casualties", "notebook": "03_casualties_over_time.ipynb"},
        {"name": "reactions", "notebook": "04_reaction_summaries.ipynb"},
    ]}), encoding="utf-8")
    reports = tmp_path / "reports"
    outcome = build(cfg, reports, data_dir=data)
    assert outcome.ok, [r.error for r in outcome.results]
    pages = sorted(reports.glob("*/index.html")) + sorted(reports.glob("*/figures/*.html"))
    with offline_context() as (context, blocked):
        for page_path in pages:
            page = context.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)
            for el in page.locator(".hovertext, .js-plotly-plot").all()[:1]:
                el.hover()
            assert page.evaluate("document.body.getAttribute('data-pwned')") is None, page_path
            assert page.evaluate("document.querySelectorAll('a[href^=\"javascript:\"]').length") == 0, page_path
            assert dialogs == []
            page.close()
        reactions = context.new_page()
        reactions.goto((reports / "reactions" / "index.html").as_uri())
        text = reactions.inner_text("body")
    assert blocked == []
    assert "<script>document.body.setAttribute('data-pwned','script')</script>" in text  # shown literally
    assert "javascript:document.body" in text
