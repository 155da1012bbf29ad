"""Citation: CITATION.cff, the plain and BibTeX forms made from it, and the files every download carries."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import yaml

from qantar import settings

# Top-level keys of the Citation File Format 1.2.0 (its schema allows no others) and the ones it requires.
CFF_KEYS = {
    "abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi", "identifiers", "keywords",
    "license", "license-url", "message", "preferred-citation", "references", "repository", "repository-artifact",
    "repository-code", "title", "type", "url", "version",
}  # fmt: skip
CFF_REQUIRED = {"cff-version", "message", "title", "authors"}
FILE_NAME = re.compile(r"(?<![\w/.-])((?:[\w-]+/)*[\w.-]+\.(?:csv|json|txt|md|html|js|cff|bib|png|svg)|LICENSE)\b")


def _descriptor() -> dict:
    return json.loads((settings.data_dir() / "datapackage.json").read_text(encoding="utf-8"))


def test_citation_cff_is_valid_and_its_version_is_the_datas() -> None:
    path = settings.project_root() / "CITATION.cff"
    cff = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert CFF_REQUIRED <= set(cff) and set(cff) <= CFF_KEYS, set(cff) - CFF_KEYS
    assert cff["cff-version"] == "1.2.0" and cff["message"].strip() and cff["type"] in ("dataset", "software")
    assert cff["authors"] and all(
        isinstance(a, dict) and (a.get("name") or a.get("family-names")) for a in cff["authors"]
    )
    assert str(cff["version"]) == _descriptor()["version"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(cff["date-released"]))
    assert cff["license"] in {lic["name"] for lic in _descriptor()["licenses"]}
    assert cff["title"] == _descriptor()["title"]


def test_plain_and_bibtex_name_author_year_version_licence_and_access_date() -> None:
    from qantar import cite

    c = cite.citation("0.3.0", date(2030, 1, 2))
    plain, bib = c.plain(), c.bibtex()
    cff = cite.read_cff()
    year = str(cff["date-released"])[:4]
    for text in (plain, bib):
        assert "Qantar contributors" in text and year in text and "0.3.0" in text and "CC BY 4.0" in text
    assert "Accessed 2 January 2030" in plain and "urldate = {2030-01-02}" in bib
    assert bib.startswith("@misc{") and bib.count("{") == bib.count("}")
    assert re.search(r"^  author = \{\{Qantar contributors\}\},$", bib, re.M)  # an entity, not "contributors, Q."
    # One source: a change to the CFF changes both forms.
    other = cite.citation("0.3.0", date(2030, 1, 2), {**cff, "title": "Another title", "date-released": "2031-05-01"})
    assert "Another title" in other.plain() and "(2031)" in other.plain() and "year = {2031}" in other.bibtex()


def test_dataset_zip_carries_readme_license_and_citation(tmp_path: Path) -> None:
    from qantar.report.pages import dataset_zip

    resources = [r["path"] for r in _descriptor()["resources"]]
    target = dataset_zip(tmp_path, settings.data_dir(), resources, date(2030, 1, 2))
    with zipfile.ZipFile(target) as zf:
        names = {n.removeprefix("qantar-dataset/") for n in zf.namelist()}
        readme = zf.read("qantar-dataset/README.md").decode()
        cff = zf.read("qantar-dataset/CITATION.cff").decode()
        bib = zf.read("qantar-dataset/CITATION.bib").decode()
        licence = zf.read("qantar-dataset/LICENSE").decode()
    assert {"README.md", "LICENSE", "CITATION.cff", "CITATION.bib", "datapackage.json", *resources} == names
    assert cff == (settings.project_root() / "CITATION.cff").read_text(encoding="utf-8")
    assert "urldate = {2030-01-02}" in bib and "Accessed 2 January 2030" in readme
    assert "CC BY 4.0" in licence and "creativecommons.org/licenses/by/4.0" in licence
    named = set(FILE_NAME.findall(readme))
    assert named == names, (named - names, names - named)  # the README names every file, and only those


def test_export_readme_names_exactly_the_files_in_the_zip(dataset) -> None:
    from qantar.explorer import export_zip
    from qantar.selection import Selection

    fake = {"plotly.min.js": "/* */", "map.html": "<html></html>", "map.json": "{}"}
    with zipfile.ZipFile(io.BytesIO(export_zip(dataset, Selection(cities=("Almaty",)), fake))) as zf:
        names = {n.removeprefix("qantar-selection/") for n in zf.namelist()}
        readme = zf.read("qantar-selection/README.txt").decode()
        sources = zf.read("qantar-selection/sources.csv").decode()
    assert {"README.txt", "LICENSE", "CITATION.cff", "CITATION.bib", "sources.csv"} <= names
    named = set(FILE_NAME.findall(readme))
    assert named == names, (named - names, names - named)
    assert "under Sources" not in readme and "listed under" not in readme
    assert "Qantar contributors" in readme and "Accessed" in readme
    # sources.csv lists exactly the documents the exported rows cite.
    with zipfile.ZipFile(io.BytesIO(export_zip(dataset, Selection(cities=("Almaty",)), fake))) as zf:
        cited = {
            r["doc_id"]
            for name in ("events.csv", "casualty_claims.csv", "reactions.csv")
            for r in csv.DictReader(io.StringIO(zf.read(f"qantar-selection/{name}").decode()))
        }
    listed = {r["doc_id"] for r in csv.DictReader(io.StringIO(sources))}
    assert listed == cited and cited
    # The figure's page names the data version and the documents, as the PNGs on the site do.
    with zipfile.ZipFile(io.BytesIO(export_zip(dataset, Selection(cities=("Almaty",)), fake))) as zf:
        page = zf.read("qantar-selection/figures/map.html").decode()
    assert f"Qantar dataset {dataset.version}" in page and all(d.split("_")[0] in page for d in cited)


def test_figure_files_carry_their_own_source_line(dataset, tmp_path: Path) -> None:
    """PNG/SVG footers and the standalone HTML name data version, documents and outlets, not 'listed under it'."""
    import matplotlib

    matplotlib.use("Agg")
    import plotly.graph_objects as go

    from qantar import derive, display, records
    from qantar.figures import reactions
    from qantar.landing import run_for
    from qantar.page import Page

    run = run_for(dataset, "04_reaction_summaries", {"actor_kinds": ["foreign_government"]})
    run.out_dir = tmp_path
    rv = derive.reactions_view(dataset, start=run.window.start, end=run.window.end, **run.filters)
    by_state = derive.stance_counts(rv, by="speaks_for")
    page = Page(run)
    phone = reactions.plot_stance_bars(by_state, "t", "state", phone=True)
    page.figure(
        "stances",
        title="t",
        caption="c",
        alt="a",
        data=by_state.reset_index(),
        records=records.reactions(rv),
        static=reactions.plot_stance_bars(by_state, "t", "state"),
        interactive=go.Figure(go.Scatter(x=[1], y=[1])),
        phone=phone,
    )
    docs = sorted({display.short_id(d) for d in rv["doc_id"].astype(str)})
    outlets = {
        display.outlet_name(o) for o in dataset.sources.loc[dataset.sources["doc_id"].isin(rv["doc_id"]), "outlet"]
    }
    svg = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", (tmp_path / "stances.svg").read_text(encoding="utf-8")))
    html = (tmp_path / "stances_interactive.html").read_text(encoding="utf-8")
    for text in (svg, html):
        assert "listed under it" not in text
        assert f"Qantar dataset {dataset.version}" in text and "CC BY 4.0" in text
        assert all(d in text for d in docs)
        assert all(o.replace("’", "'") in text.replace("’", "'").replace("&#x27;", "'") for o in outlets), outlets
    # The phone PNG is a download too: its footer names the same sources.
    footer = " ".join(t.get_text().replace("\n", " ") for t in phone.texts)
    assert f"Qantar dataset {dataset.version}" in footer and all(d in footer for d in docs), footer


def test_source_line_is_drawn_under_the_axes_not_over_them() -> None:
    """A footer placed over the tick labels (as the coverage matrix's was) moves under them, however long."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from qantar.figures.style import SOURCE_NOTE, stamp_source

    fig, ax = plt.subplots(figsize=(6, 3))
    ax.plot([0, 1], [0, 1])
    ax.set_xlabel("a label that sits low")
    footer = fig.text(0.01, 0.005, SOURCE_NOTE, fontsize=7)
    renderer = fig.canvas.get_renderer()
    assert footer.get_window_extent(renderer).y1 > ax.get_tightbbox(renderer).y0  # over the axis label
    line = "Source: Qantar dataset 9.9.9 (CC BY 4.0), documents " + ", ".join(f"{i:03d}" for i in range(16)) + " — X"
    stamp_source(fig, line)
    footer.set_visible(False)
    floor = ax.get_tightbbox(renderer).y0
    footer.set_visible(True)
    box = footer.get_window_extent(renderer)
    assert box.y1 <= floor and "9.9.9" in footer.get_text() and footer.get_text().count("\n") >= 1
    plt.close(fig)
