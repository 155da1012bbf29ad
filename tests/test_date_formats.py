"""Date formats are defined once (qantar.display): no other module writes a strftime pattern of its own.

Issue 21 found ten inline patterns, one of which hard-coded "%-d Jan" for every month. Parsing an outside format
(a dateline's "%B %d, %Y") and building an id from a date are not display, so they are listed here with reasons.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import qantar

LIB = Path(qantar.__file__).parent
DIRECTIVE = re.compile(r"%-?[aAbBdmyYHMSjp]")
# (module path under lib/qantar, pattern): why it is not a display format.
NOT_DISPLAY = {
    ("extract/reactions/speakers.py", "%B %d, %Y"): "parses a post's dateline as written (strptime), English",
    ("extract/events/assemble.py", "%m%d"): "month and day in a candidate's id, not shown as a date",
    ("app/server.py", "Refused a page: %d kernels running, the limit"): "logging's %d is a count, not a day",
}


def inline_patterns(root: Path) -> list[tuple[str, int, str]]:
    """Every string literal (or f-string format spec) holding a strftime directive, outside display.py."""
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel == "display.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and DIRECTIVE.search(node.value):
                if "\n" in node.value:
                    continue  # a docstring naming a format is prose, not a pattern in use
                if (rel, node.value) not in NOT_DISPLAY:
                    found.append((rel, node.lineno, node.value))
    return found


def test_no_module_but_display_writes_a_date_pattern() -> None:
    found = inline_patterns(LIB)
    assert not found, "date patterns outside qantar.display (use its helpers): " + "; ".join(
        f"{f}:{line} {value!r}" for f, line, value in found
    )


def test_the_scan_finds_an_inline_pattern(tmp_path: Path) -> None:
    (tmp_path / "display.py").write_text('ISO = "%Y-%m-%d"\n')
    (tmp_path / "page.py").write_text('def f(d):\n    return f"{d.day} {d:%b}"\n')
    assert [(f, line) for f, line, _ in inline_patterns(tmp_path)] == [("page.py", 2)]
