"""The report site: each run's page, the landing page, navigation, the search index, thumbnails and the dataset zip.

Everything is rendered from autoescaped Jinja2 templates (qantar/templates/site). A worker turns an
executed notebook into an HTML fragment (code, check cells and developer notes removed); once every
run has succeeded, the runner renders all pages around their fragments, so navigation, search and
the index always describe the whole set, also after ``--only``.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from qantar.html import render
from qantar.tables import atomic_write_text

FRAGMENT = "fragment.html"
HIDDEN_TAGS = ("check", "dev", "parameters", "injected-parameters")
THUMB_WIDTH = 480


def notebook_fragment(executed: Path) -> tuple[str, str]:
    """The executed notebook as reader HTML (outputs and prose only) and its title (the first heading)."""
    import nbformat
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    nb = nbformat.read(executed, as_version=4)
    title = ""
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    if first is not None and first.source.startswith("# "):
        head, _, rest = first.source.partition("\n")
        title, first.source = head[2:].strip(), rest.strip()
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = set(HIDDEN_TAGS)
    # "basic" emits only the cells; the page shell is ours, so no CDN script or font sneaks in.
    exporter = HTMLExporter(
        config=config, template_name="basic", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_notebook_node(nb)
    return body, title


def write_fragment(executed: Path, run_dir: Path) -> Path:
    """Write a run's fragment (and its notebook title) for the page renderer."""
    body, title = notebook_fragment(executed)
    atomic_write_text(run_dir / FRAGMENT, body)
    atomic_write_text(run_dir / "fragment.json", json.dumps({"notebook_title": title}, ensure_ascii=False))
    return run_dir / FRAGMENT


@dataclass
class SitePage:
    """One run as the site shows it."""

    result: Any
    meta: dict[str, Any]
    notebook_title: str
    thumbnail: str | None

    @property
    def name(self) -> str:
        """The run's slug (its folder)."""
        return self.result.name


def _load(root: Path, result: Any) -> SitePage:
    run_dir = root / result.name
    meta_path = run_dir / "figures" / "page.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
    frag = run_dir / "fragment.json"
    title = json.loads(frag.read_text(encoding="utf-8")).get("notebook_title", "") if frag.is_file() else ""
    thumb = run_dir / "figures" / "thumbnail.png"
    return SitePage(result, meta, title, f"{result.name}/figures/thumbnail.png" if thumb.is_file() else None)


def _thumbnail(root: Path, page: SitePage) -> None:
    """A small PNG of the page's first figure for the index (keeps the landing page light)."""
    from PIL import Image

    figures = [f for f in page.meta.get("figures", []) if f.get("png")]
    if not figures:
        return
    source = root / page.name / "figures" / figures[0]["png"]
    target = root / page.name / "figures" / "thumbnail.png"
    with Image.open(source) as img:
        rgb = img.convert("RGB")
        rgb.thumbnail((THUMB_WIDTH, THUMB_WIDTH))
        rgb.save(target, optimize=True)
    page.thumbnail = f"{page.name}/figures/thumbnail.png"


def _nav(pages: list[SitePage], i: int) -> dict[str, Any]:
    page = pages[i]
    variants = [p for p in pages if p.result.notebook == page.result.notebook and p.name != page.name]
    return {
        "prev": pages[i - 1] if i > 0 else None,
        "next": pages[i + 1] if i + 1 < len(pages) else None,
        "variants": variants,
    }


def dataset_readme(descriptor: dict[str, Any], accessed: date) -> str:
    """README.md of the dataset download: what it is, every file it holds, the licence and how to cite it."""
    from qantar import cite

    c = cite.citation(str(descriptor.get("version", "")), accessed)
    lines = [
        f"# {c.title}",
        "",
        f"Version {c.version}. {descriptor.get('description', '')}",
        "",
        "## Files",
        "",
        "- `README.md`: this file.",
        f"- `LICENSE`: the licence of the data ({c.license_name}).",
        "- `CITATION.cff` and `CITATION.bib`: how to cite the dataset (Citation File Format and BibTeX).",
        "- `datapackage.json`: the Frictionless descriptor of every table (fields, types, keys, constraints).",
    ]
    for r in descriptor.get("resources", []):
        lines.append(f"- `{Path(r['path']).name}`: {r.get('title', r['name'])}. {r.get('description', '')}".rstrip())
    lines += ["", "## Licence", "", f"{c.license_name} ({c.license_url or c.license}); see `LICENSE`."]
    lines += ["", "## How to cite", "", c.plain(), "", "```bibtex", c.bibtex().rstrip(), "```", ""]
    return "\n".join(lines)


def dataset_extras(descriptor: dict[str, Any], accessed: date) -> dict[str, str]:
    """The files every dataset download carries besides the tables: README.md, LICENSE, CITATION.cff/.bib."""
    from qantar import cite

    version = str(descriptor.get("version", ""))
    return {
        "README.md": dataset_readme(descriptor, accessed),
        "LICENSE": cite.license_text(version),
        **cite.files(version, accessed),
    }


def dataset_zip(root: Path, data_dir: Path, resource_paths: list[str], accessed: date | None = None) -> Path:
    """The dataset as one download: datapackage.json and every table it lists, the source register included,
    with a README, the LICENSE and the citation files (CITATION.cff, CITATION.bib).

    Only the files the descriptor names are packed (not whatever else sits in the folder), with fixed
    timestamps so that the same data gives the same zip on the same day.
    """
    target = root / "dataset" / "qantar-dataset.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    files = [data_dir / "datapackage.json", *(data_dir / p for p in resource_paths)]
    entries = [(p.name, p.read_bytes()) for p in files]
    extras = dataset_extras(descriptor, accessed or date.today())
    entries += [(name, text.encode("utf-8")) for name, text in extras.items()]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(f"qantar-dataset/{name}", date_time=(2022, 1, 10, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    for name in ("CITATION.cff", "CITATION.bib", "LICENSE"):  # the dataset page links them
        atomic_write_text(target.parent / name, extras[name])
    return target


def dataset_page(root: Path, descriptor: dict[str, Any], built_at: str) -> Path:
    """The dataset page (dataset/index.html): what the download holds, its licence and how to cite it."""
    from qantar import cite

    accessed = date.fromisoformat(built_at[:10])
    c = cite.citation(str(descriptor.get("version", "")), accessed)
    tables = [
        {"file": Path(r["path"]).name, "title": r.get("title", r["name"]), "description": r.get("description", "")}
        for r in descriptor.get("resources", [])
    ]
    html = render(
        "site/dataset.html.j2",
        descriptor=descriptor,
        tables=tables,
        citation=c,
        abstract=str(cite.read_cff().get("abstract", "")).strip(),
        cite=site_citation(descriptor.get("version", ""), built_at),
        built_at=built_at,
        root="../",
    )
    target = root / "dataset" / "index.html"
    atomic_write_text(target, html)
    return target


def site_citation(version: Any, built_at: str) -> dict[str, str]:
    """The "Cite this" block of every page: plain text and BibTeX, accessed on the build date."""
    from qantar import cite

    c = cite.citation(str(version), date.fromisoformat(built_at[:10]))
    return {"plain": c.plain(), "bibtex": c.bibtex()}


def search_index(pages: list[SitePage]) -> list[dict[str, str]]:
    """Entries of the set's search box: page title, link and the text of findings, captions and evidence rows.

    A record behind several figures of a page (a reaction under each of four charts) is one entry, linked to
    the first of them: the box would otherwise list it once per figure."""
    entries = []
    for p in pages:
        entries.append({"page": p.result.title, "url": f"{p.name}/index.html", "text": p.result.title})
        seen: set[str] = set()
        for item in p.meta.get("search", []):
            if item["text"] in seen:
                continue
            seen.add(item["text"])
            entries.append(
                {"page": p.result.title, "url": f"{p.name}/index.html#{item['anchor']}", "text": item["text"]}
            )
    return entries


def notebook_links(body: str, pages: list[SitePage]) -> str:
    """Links a notebook makes to another notebook's figure ('03_casualties_over_time.ipynb#fig-…') as links to the
    page of that notebook's first run in the set ('../casualties/index.html#fig-…'); a notebook with no run in the
    set keeps its link."""
    import re

    first: dict[str, str] = {}
    for p in pages:
        first.setdefault(Path(str(p.result.notebook)).name, p.name)

    def page_of(m: "re.Match[str]") -> str:
        name = first.get(m.group(1))
        return m.group(0) if name is None else f'href="../{name}/index.html{m.group(2) or ""}"'

    return re.sub(r'href="(\d\d_\w+\.ipynb)(#[^"]*)?"', page_of, body)


def render_site(
    root: Path,
    results: list[Any],
    built_at: str,
    intro: dict[str, Any],
    rebuilt: set[str],
    version: str = "",
    headlines: list[dict[str, str]] | None = None,
    cards: dict[str, str] | None = None,
) -> None:
    """Render every page around its fragment, the landing page and the search index into ``root``.

    ``headlines`` are the landing page's opening findings (text and link), ``cards`` each run's card sentence.
    """
    pages = [_load(root, r) for r in results]
    cite = site_citation(version, built_at)
    for p in pages:
        if p.name in rebuilt or p.thumbnail is None:
            _thumbnail(root, p)
    for i, p in enumerate(pages):
        body = notebook_links((root / p.name / FRAGMENT).read_text(encoding="utf-8"), pages)
        html = render(
            "site/page.html.j2",
            page=p,
            nav=_nav(pages, i),
            body=body,
            built_at=built_at,
            root="../",
            notebook_file=f"{p.name}.ipynb",
            cite=cite,
        )
        atomic_write_text(root / p.name / "index.html", html)
    index = search_index(pages)
    atomic_write_text(
        root / "assets" / "search-index.js", "window.QANTAR_SEARCH = " + json.dumps(index, ensure_ascii=False) + ";\n"
    )
    atomic_write_text(
        root / "index.html",
        render(
            "site/index.html.j2",
            pages=pages,
            built_at=built_at,
            root="",
            intro=intro,
            cite=cite,
            headlines=headlines or [],
            cards=cards or {},
        ),
    )
