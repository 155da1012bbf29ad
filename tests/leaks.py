"""Codes and record ids where readers look: the scan shared by the site's and the app's tests."""

from __future__ import annotations

import re

# A code (security_forces, date_start), a record id (ev055, cr014, re003, wd001) or a document id (000_0ab9…).
CODE_OR_ID = re.compile(r"\b[a-z]+_[a-z_]+\b|\b(?:ev|cr|re|wd)\d{3}\b|\b\d{3}_[0-9a-f]{16}\b")
# What the charts say in their hover boxes, legends, titles and notes (plotly), read from each chart on the page.
PLOTLY_TEXT = """() => {
  const out = [];
  const add = (v) => { if (typeof v === 'string') out.push(v); else if (Array.isArray(v)) v.forEach(add); };
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    for (const t of gd.data || []) { add(t.name); add(t.text); add(t.hovertext); add(t.hovertemplate); }
    const l = gd.layout || {};
    add(l.title && l.title.text);
    for (const a of l.annotations || []) add(a.text);
  }
  return out.join('\\n');
}"""


def visible_leaks(text: str) -> list[str]:
    """Codes and record ids in a page's text, each with the line it is on."""
    return [
        f"{m.group(0)!r} in {line.strip()[:120]!r}" for line in text.splitlines() for m in CODE_OR_ID.finditer(line)
    ]
