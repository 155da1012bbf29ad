"""HTML pages of a report set, rendered from Jinja2 templates with autoescaping (never string concatenation)."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import jinja2

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> "jinja2.Environment":
    """The template environment: autoescaping on for every template, undefined names are errors."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=False)
    env.filters["tojson_text"] = lambda v: json.dumps(v, ensure_ascii=False)
    return env


def render(template: str, target: Path, **context: Any) -> Path:
    """Render a template to ``target`` (UTF-8) and return the path."""
    from qantar.tables import atomic_write_text

    return atomic_write_text(target, environment().get_template(template).render(**context))


def notebook_body(executed: Path) -> str:
    """The executed notebook's outputs as HTML (code hidden), from nbconvert's bare ``basic`` template."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(executed, as_version=4)
    # "basic" emits only the cells; the page shell is ours, so no CDN script or font sneaks in.
    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    return body


def render_page(executed: Path, job: Any, target: Path) -> Path:
    """Write the HTML page of one executed notebook: code hidden, outputs kept, plotly.js from the set's assets."""
    return render("page.html.j2", target, title=job.title, name=job.name, notebook=job.notebook,
                  parameters=job.parameters, notebook_file=executed.name, body=notebook_body(executed))


def render_index(results: list[Any], target: Path, built_at: str) -> Path:
    """Write index.html listing every run with its parameters, status, time and outputs."""
    return render("index.html.j2", target, results=results, built_at=built_at)
