"""HTML from Jinja2 templates with autoescaping: the one way a page, block or table is written (never concatenation)."""

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

    from qantar.filters import FILTERS, words

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["tojson_text"] = lambda v: json.dumps(v, ensure_ascii=False)
    env.filters["filter_words"] = words  # what a page calls a notebook's filter (qantar.filters)
    # a filter's values as readers see them ('security forces', not security_forces)
    env.filters["filter_values"] = lambda values, name: [
        FILTERS[name].value_label(v) if name in FILTERS else str(v) for v in values
    ]
    return env


def render(template: str, **context: Any) -> str:
    """Render a template (autoescaped) to a string."""
    return environment().get_template(template).render(**context)
