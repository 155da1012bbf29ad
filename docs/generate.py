"""Rewrite the generated blocks of README.md and docs/*.md from the code: ``python docs/generate.py`` (``make docs``).

A block is the text between ``<!-- generated: NAME -->`` and ``<!-- /generated -->``; everything else is written by
hand. Each block is computed from what the code holds now (the argparse parser of ``qantar.cli``,
``qantar.params.SPECS``, the Makefile's comments, the report config, the dataset's rows), so after a change to any
of them ``make docs`` brings the pages back in line and ``tests/test_docs.py`` fails until it has been run.
The data dictionary in docs/data.md keeps its own markers and writer (``qantar.datadict``); this script runs it too.

``--check`` writes nothing and exits 1 naming every file whose blocks differ from a fresh rendering.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qantar import settings
from qantar.problems import QantarError

if TYPE_CHECKING:  # pragma: no cover - typing only
    from qantar.dataset import Dataset

ROOT = settings.project_root()
BLOCK = re.compile(r"^(<!-- generated: (?P<name>[a-z0-9-]+) -->\n)(?P<body>.*?)^(<!-- /generated -->)", re.S | re.M)
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"  # as the Makefile's NOTEBOOKS


def doc_files() -> list[Path]:
    """The pages that may hold generated blocks: README.md and every docs/*.md."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _cell(value: object) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped."""
    return " ".join(str(value).split()).replace("|", "\\|")


def _table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> list[str]:
    head = list(header)
    out = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out


@cache
def _dataset() -> "Dataset":
    """The project's own dataset (never $QANTAR_DATA_DIR's copy: the pages describe the repository)."""
    from qantar.dataset import load

    return load(ROOT / "data")


def _notebooks() -> list[Path]:
    return sorted(settings.notebooks_dir().glob(NOTEBOOK_GLOB))


def _report_runs() -> list[Any]:
    from qantar.report.config import load_config

    return load_config(settings.default_config(), _dataset())


# --- blocks -----------------------------------------------------------------------------------------------------


def block_summary() -> list[str]:
    """One line for the README: what the dataset, notebooks and report set hold now."""
    ds = _dataset()
    return [
        f"Now: {len(ds.sources)} source texts, {len(ds.events)} events rows, {len(ds.casualty_reports)} casualty "
        f"figures, {len(ds.reactions)} reactions, {len(ds.places)} places; {len(_notebooks())} notebooks; "
        f"{len(_report_runs())} runs in the default report set."
    ]


def _csv_rows(name: str) -> int:
    """Data rows of a package table the Dataset does not load (the review log), counted as the csv module reads it."""
    import csv

    with (ROOT / "data" / name).open(encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.reader(fh)) - 1


def block_counts() -> list[str]:
    """Rows per table of the data package, in the descriptor's order, and what the disagreement engine finds."""
    import json

    from qantar import disagree

    from qantar.dataset import TABLES

    ds = _dataset()
    desc = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    rows = [
        (
            f"`{r['path']}`",
            r.get("title", ""),
            len(ds.table(r["name"])) if r["name"] in TABLES else _csv_rows(r["path"]),
        )
        for r in desc["resources"]
    ]
    return [
        *_table(["table", "title", "rows"], rows),
        "",
        f"`qantar.disagree.disagreements(ds)` finds {len(disagree.disagreements(ds))} disagreements between "
        f"documents and `qantar.disagree.tensions(ds)` {len(disagree.tensions(ds))} tensions within one.",
    ]


def block_sources() -> list[str]:
    """The source register in reader-facing words: number, label, language, whether the stored text is an excerpt."""
    from qantar.display import source_label

    ds = _dataset()
    rows = []
    for _, r in ds.sources.iterrows():
        missing = r.isna()  # pandas' NA has no truth value
        excerpt = "excerpt" if not missing["excerpt"] and bool(r["excerpt"]) else ""
        url = "" if missing["url"] else f"<{r['url']}>"
        rows.append((f"`{r['doc_id']}`", source_label(r), r["language"], excerpt, url))
    return _table(["doc_id", "source", "language", "stored text", "address"], rows)


def _usage(parser: argparse.ArgumentParser) -> str:
    # A fixed, wide formatter: argparse otherwise wraps to the terminal's $COLUMNS, and the page must not depend on it.
    formatter = argparse.HelpFormatter(parser.prog, width=10_000)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups, prefix="")
    return formatter.format_help().strip()


def _option_rows(parser: argparse.ArgumentParser) -> list[tuple[str, str, str, str]]:
    formatter = argparse.HelpFormatter(parser.prog, width=10_000)
    rows = []
    for action in parser._actions:
        if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
            continue  # -h is on every command; sub-commands get sections of their own
        name = ", ".join(f"`{s}`" for s in action.option_strings) or f"`{action.metavar or action.dest}`"
        if action.choices is not None:
            value = "{" + ",".join(str(c) for c in action.choices) + "}"
        elif action.nargs == 0:
            value = ""
        else:
            value = action.metavar or action.dest.upper() if action.option_strings else ""
        default = action.default
        shown = "" if default in (None, False, argparse.SUPPRESS) or action.nargs == 0 else f"`{default}`"
        helptext = formatter._expand_help(action) if action.help else ""
        if action.option_strings and action.required:
            helptext = "required. " + helptext
        rows.append((name, f"`{value}`" if value else "", shown, helptext))
    return rows


def block_cli(parser: argparse.ArgumentParser | None = None) -> list[str]:
    """Every ``qantar`` command with its usage and an option table, read from ``qantar.cli.build_parser()``."""
    if parser is None:
        from qantar.cli import build_parser

        parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {a.dest: a.help or "" for a in sub._choices_actions}
    out = _table(["command", "does"], [(f"[`qantar {n}`](#qantar-{n})", helps.get(n, "")) for n in sub.choices])
    # Options given before the command name (qantar OPTION COMMAND ...), if the parser declares any.
    shared = _option_rows(parser)
    if shared:
        out += ["", "Options before the command name:", "", *_table(["argument", "value", "default", "does"], shared)]
    for name, p in sub.choices.items():
        said = helps.get(name, "")
        out += ["", f"### qantar {name}", "", f"{said[:1].upper()}{said[1:]}." if said else "", ""]
        out += ["```text", _usage(p), "```"]
        rows = _option_rows(p)
        if rows:
            out += ["", *_table(["argument", "value", "default", "does"], rows)]
    return out


def block_notebooks() -> list[str]:
    """Every notebook with its parameters, read from ``qantar.params.SPECS``."""
    from qantar.params import SPECS

    out = [f"{len(_notebooks())} notebooks in `notebooks/`:"]
    for path in _notebooks():
        specs = SPECS.get(path.stem)
        out += ["", f"### {path.name}", ""]
        if specs is None:
            out.append("No parameter spec in `qantar.params.SPECS`.")
            continue
        rows = [
            (
                f"`{p.name}`",
                p.kind + (f" (`{p.choices}`)" if p.choices else ""),
                "`None`" if p.default is None else f"`{p.default}`",
                "yes" if p.in_config else "no (the runner sets it)",
                p.help,
            )
            for p in specs
        ]
        out += _table(["parameter", "kind (choices)", "default", "in a report config", "meaning"], rows)
    return out


def _make_comments() -> dict[str, str]:
    """What the Makefile's comments say of each target: its header line, else the comment block above it."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    said: dict[str, str] = {}
    for line in lines:
        m = re.match(r"#\s+make (\S+)\s+-\s+(.*)", line)
        if m:
            said[m.group(1)] = m.group(2).strip()
    for i, line in enumerate(lines):
        m = re.match(r"([a-z][a-z0-9-]*):(?!=)", line)
        if not m or m.group(1) in said:
            continue
        block: list[str] = []
        j = i - 1
        while j >= 0 and lines[j].startswith("#"):
            block.insert(0, lines[j].lstrip("#").strip())
            j -= 1
        if block:
            said[m.group(1)] = " ".join(block)
    return said


def block_make_targets() -> list[str]:
    """The phony targets of the Makefile with what its comments say of each."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    m = re.search(r"^\.PHONY:(.*)$", text, re.M)
    targets = m.group(1).split() if m else []
    said = _make_comments()
    rows = [(f"`make {t}`", said.get(t, "(no comment in the Makefile)")) for t in targets]
    return _table(["target", "what the Makefile says"], rows)


def _param_text(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def block_report_runs() -> list[str]:
    """The runs of the default report config (reports.yml), as the runner reads it."""
    runs = _report_runs()
    rows = [
        (
            f"`{r.name}`",
            f"`{r.notebook}`",
            "; ".join(f"{k}: {_param_text(v)}" for k, v in r.parameters.items()) or "defaults",
            r.title,
        )
        for r in runs
    ]
    return [
        f"{len(runs)} runs in `reports.yml`; a cell may run {settings.CELL_TIMEOUT_S} s when the config sets no "
        "`timeout`.",
        "",
        *_table(["run", "notebook", "parameters", "title"], rows),
    ]


BLOCKS: dict[str, Callable[[], list[str]]] = {
    "summary": block_summary,
    "counts": block_counts,
    "sources": block_sources,
    "cli": block_cli,
    "notebooks": block_notebooks,
    "make-targets": block_make_targets,
    "report-runs": block_report_runs,
}


class UnknownBlock(ValueError):
    """A page names a generated block this script does not know."""


def render_text(text: str, path: Path | str = "<text>") -> str:
    """The page with every generated block replaced by a fresh rendering."""

    def fresh(m: re.Match[str]) -> str:
        name = m.group("name")
        if name not in BLOCKS:
            raise UnknownBlock(f"{path}: unknown generated block {name!r}; known: {', '.join(BLOCKS)}")
        return m.group(1) + "\n".join(BLOCKS[name]()) + "\n" + m.group(4)

    return BLOCK.sub(fresh, text)


def stale_files() -> list[Path]:
    """Pages whose generated blocks differ from a fresh rendering (the data dictionary included)."""
    from qantar import datadict

    stale = [p for p in doc_files() if render_text(p.read_text(encoding="utf-8"), p) != p.read_text(encoding="utf-8")]
    if not datadict.doc_is_current() and datadict.doc_path() not in stale:
        stale.append(datadict.doc_path())
    return stale


def write_all() -> list[Path]:
    """Rewrite every page's generated blocks; return the pages that changed."""
    from qantar import datadict

    changed = []
    for path in doc_files():
        old = path.read_text(encoding="utf-8")
        new = render_text(old, path)
        if new != old:
            path.write_text(new, encoding="utf-8")  # the pages are under git: a plain write is enough
            changed.append(path)
    if datadict.write_doc() and datadict.doc_path() not in changed:
        changed.append(datadict.doc_path())
    return changed


def main(argv: list[str] | None = None) -> int:
    """Write the generated blocks (or, with --check, list the pages that are stale and exit 1)."""
    parser = argparse.ArgumentParser(prog="docs/generate.py", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a page is stale")
    args = parser.parse_args(argv)
    try:
        if args.check:
            stale = stale_files()
            for path in stale:
                print(f"stale: {path.relative_to(ROOT)} (run `make docs`)")
            return 1 if stale else 0
        changed = write_all()
    except UnknownBlock as exc:
        print(exc, file=sys.stderr)
        return 2
    except QantarError as exc:  # bad data or config: the message names file, row and rule
        print(f"docs/generate.py: {exc}", file=sys.stderr)
        return 1
    for path in changed:
        print(f"updated {path.relative_to(ROOT)}")
    if not changed:
        print("docs already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
