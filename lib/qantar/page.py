"""What a notebook publishes, block by block: findings, figures with their evidence, tables, and its sources.

Each block is rendered from an autoescaped template and displayed in the notebook; the same HTML
becomes the report page. Under each figure: a caption (what it shows, for which parameters, by
which rule), the documents it rests on, downloads (CSV of exactly the data drawn, the evidence CSV,
PNG, SVG and a standalone interactive HTML), and a sortable, searchable table of the records behind
it with their evidence snippets. ``sources()`` ends the page and writes ``page.json``, which the report
runner reads for navigation, the index and the search box.
"""

from __future__ import annotations

import base64
import json
import numbers
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qantar import display, settings
from qantar.html import render

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from qantar.notebook import Run

PAGE_JSON = "page.json"
LONG_TEXT = 60  # cells longer than this wrap as paragraphs in tables
# A page shows at most this many rows of a table; the CSV next to it has them all. Past a few hundred rows a
# table is read by searching the CSV, and tens of thousands of rows make a page too heavy for a browser.
TABLE_ROWS_MAX = 500


@dataclass
class Page:
    """The blocks of one notebook run, and the documents they rest on."""

    run: "Run"
    docs: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    search: list[dict[str, str]] = field(default_factory=list)
    evidence_seen: dict[str, str] = field(default_factory=dict, repr=False)  # evidence records → first figure's title
    evidence_printed: set[tuple[str, str]] = field(default_factory=set, repr=False)  # (doc_id, sentence) printed

    def __post_init__(self) -> None:
        self.labels = display.source_labels(self.run.ds)
        self.out = self.run.out_dir
        self.out.mkdir(parents=True, exist_ok=True)
        self.report_mode = bool(os.environ.get(settings.REPORT_ENV))

    # --- helpers -------------------------------------------------------------------------

    def _href(self, filename: str) -> str:
        """Link to a file in the output folder, relative to where the HTML is read."""
        if self.report_mode:  # the page is <run>/index.html, the files are in <run>/figures/
            return f"figures/{filename}"
        try:
            return Path(os.path.relpath(self.out / filename, settings.notebooks_dir())).as_posix()
        except ValueError:
            return (self.out / filename).as_uri()

    def _note_docs(self, doc_ids: Any) -> list[dict[str, str]]:
        ids = sorted({str(d) for d in doc_ids if d is not None and str(d) not in ("", "nan", "<NA>")})
        for d in ids:
            if d not in self.docs:
                self.docs.append(d)
        return [{"number": display.short_id(d), "label": self.labels.get(d, d)} for d in ids]

    def _table(self, anchor: str, records: "pd.DataFrame", noun: str, csv_name: str) -> dict[str, Any]:
        """Rows as display strings for the records-table template (dates with the year, sources by name).

        At most TABLE_ROWS_MAX rows are shown; ``note`` then says so and links the CSV (``csv_name``) with all.
        """
        import pandas as pd

        total = len(records)
        shown = records.head(TABLE_ROWS_MAX).copy()
        if "doc_id" in shown.columns:
            shown.insert(
                len(shown.columns) - (1 if "evidence" in shown.columns else 0),
                "source",
                shown["doc_id"].astype(str).map(lambda d: self.labels.get(d, d)),
            )
            shown = shown.drop(columns=["doc_id"])
        numeric = [
            pd.api.types.is_numeric_dtype(shown[c]) and not pd.api.types.is_bool_dtype(shown[c]) for c in shown.columns
        ]
        rows = [[_cell(v) for v in row] for row in shown.itertuples(index=False)]
        long = [any(len(r[i]) > LONG_TEXT for r in rows) for i in range(len(shown.columns))]
        for row in rows:
            self.search.append({"text": " · ".join(c for c in row if c)[:400], "anchor": anchor})
        columns = [display.column_label(c) for c in shown.columns]
        return {
            "id": f"{anchor}-table",
            "columns": columns,
            "rows": rows,
            "numeric": numeric,
            "long": long,
            "summary": f"{display.plural(total, noun)} behind this figure (sortable, searchable)"
            if total <= len(rows)
            else self._truncation_note(len(rows), total, noun, csv_name, "behind this figure"),
            "note": self._truncation_note(len(rows), total, noun, csv_name, "") if total > len(rows) else "",
            # cell classes: the card order, one-line short cells, the printed evidence
            "classes": _column_classes(shown, rows, numeric, long),
        }

    def _truncation_note(self, shown: int, total: int, noun: str, csv_name: str, what: str) -> Any:
        """'the first 500 of 67,000 events behind this figure; all of them are in the CSV' (HTML, link escaped)."""
        from markupsafe import Markup

        return Markup(
            'the first {} of {}{} (sortable, searchable); all of them are in the <a href="{}">CSV</a>'
        ).format(f"{shown:,}", display.plural(total, noun), f" {what}" if what else "", self._href(csv_name))

    def _print_evidence(self, table: dict[str, Any], records: "pd.DataFrame", title: str, noun: str) -> None:
        """Mark what a printout shows of a figure's evidence: ``print_note``, ``repeat`` and ``print_skip``.

        A printout shows each sentence once per page, with its date and outlet (the web page and the evidence
        CSV have every field): a row whose document and sentence were printed above is skipped, and a figure
        drawn from the same records as one above points to it instead of listing them again.
        """
        key = f"{list(records.columns)}{records.astype(str).to_json(orient='values')}"
        first = self.evidence_seen.setdefault(key, title)
        shown = records.head(len(table["rows"]))
        sentences = "evidence" in shown.columns and "doc_id" in shown.columns
        skip = []
        for pair in zip(shown["doc_id"].astype(str), shown["evidence"].astype(str), strict=True) if sentences else []:
            skip.append(pair in self.evidence_printed)
            self.evidence_printed.add(pair)
        table["print_skip"], table["repeat"] = skip or [False] * len(shown), first != title
        what = display.plural(len(records), noun)
        if first != title:
            table["print_note"] = f"Evidence: the same {what} as under \u201c{first}\u201d above."
            return
        part = f" (the first {len(shown):,} printed)" if len(shown) < len(records) else ""
        if not sentences:
            table["print_note"] = f"Evidence: {what} behind this figure{part}."
        elif all(skip):
            table["print_note"] = f"Evidence: {what} behind this figure; the sentences they rest on are printed above."
        elif any(skip):
            new = display.plural(len(skip) - sum(skip), "sentence")
            table["print_note"] = (
                f"Evidence: {what} behind this figure{part}; printed here: the {new} not printed above, "
                "each with its date and outlet."
            )
        else:
            table["print_note"] = (
                f"Evidence: {what} behind this figure{part}, each with its date, outlet and the text's words."
            )

    def _show(self, html: str, text: str) -> None:
        from IPython.display import display as ipy_display

        ipy_display({"text/html": html, "text/plain": text}, raw=True)

    # --- blocks ----------------------------------------------------------------------------

    def finding(self, *sentences: str) -> None:
        """Display findings computed for this run (sentences from qantar.prose); the first is the page's headline."""
        sentences = tuple(s for s in sentences if s)
        self.findings.extend(sentences)
        for s in sentences:
            self.search.append({"text": s, "anchor": "findings"})
        self._show(render("blocks/finding.html.j2", findings=sentences), "\n".join(sentences))

    def figure(
        self,
        name: str,
        *,
        title: str,
        caption: str,
        alt: str,
        data: "pd.DataFrame",
        records: "pd.DataFrame | None" = None,
        noun: str = "record",
        static: Any = None,
        interactive: Any = None,
    ) -> None:
        """Save a figure in every format with its data and evidence, and display the whole block."""
        from qantar.figures import style
        from qantar.tables import write_csv

        files: list[tuple[str, str]] = []
        write_csv(data, self.out / f"{name}.csv")
        files.append(("data (CSV)", self._href(f"{name}.csv")))
        docs: list[dict[str, str]] = []
        table = None
        if records is not None:
            write_csv(records, self.out / f"{name}_evidence.csv")
            files.append(("evidence (CSV)", self._href(f"{name}_evidence.csv")))
            docs = self._note_docs(records["doc_id"]) if "doc_id" in records.columns else []
            table = self._table(f"fig-{name}", records, noun, f"{name}_evidence.csv")
            self._print_evidence(table, records, title, noun)
        img_src = None
        if static is not None:
            import matplotlib.pyplot as plt

            png = style.save_png(static, self.out, name)
            style.save_svg(static, self.out, name)
            plt.close(static)
            files += [("PNG", self._href(png.name)), ("SVG", self._href(f"{name}.svg"))]
            img_src = (
                self._href(png.name)
                if self.report_mode
                else "data:image/png;base64," + base64.b64encode(png.read_bytes()).decode("ascii")
            )
        interactive_html = None
        if interactive is not None:
            style.save_standalone_html(interactive, self.out, f"{name}_interactive")
            files.append(("interactive (HTML, works offline)", self._href(f"{name}_interactive.html")))
            if self.report_mode:
                interactive_html = style.plotly_div(interactive)
            else:
                interactive.show()
        self.figures.append(
            {
                "name": name,
                "title": title,
                "caption": caption,
                "alt": alt,
                "png": f"{name}.png" if static is not None else None,
                "docs": [d["number"] for d in docs],
            }
        )
        self.search.append({"text": f"{title}. {caption}", "anchor": f"fig-{name}"})
        html = render(
            "blocks/figure.html.j2",
            name=name,
            title=title,
            caption=caption,
            alt=alt,
            img_src=img_src,
            interactive_html=interactive_html,
            files=files,
            docs=docs,
            table=table,
        )
        self._show(html, f"{title}: {caption}")

    def table(self, name: str, *, title: str, caption: str, records: "pd.DataFrame", noun: str = "row") -> None:
        """A table of records (with its CSV), sortable and searchable, not behind a figure."""
        from qantar.tables import write_csv

        write_csv(records, self.out / f"{name}.csv")
        doc_col = next((c for c in ("doc_id", "doc_ids") if c in records.columns), None)
        ids = (
            []
            if doc_col is None
            else [d.strip() for v in records[doc_col] for d in str(v).replace(";", ",").split(",")]
        )
        docs = self._note_docs(ids)
        table = self._table(f"tab-{name}", records, noun, f"{name}.csv")
        if table["note"]:  # the table block shows no summary line: the caption carries the note
            from markupsafe import Markup, escape

            caption = Markup("{} Shown: {}.").format(escape(caption), table["note"])
        html = render(
            "blocks/table.html.j2",
            name=name,
            title=title,
            caption=caption,
            docs=docs,
            files=[("table (CSV)", self._href(f"{name}.csv"))],
            table=table,
        )
        self._show(html, f"{title}: {display.plural(len(records), noun)}")

    def sources(self) -> None:
        """End the page: the documents its blocks rest on, how to cite; write page.json for the report runner."""
        src = display.sources_table(self.run.ds, self.docs)
        docs = [
            {
                "number": r.document,
                "doc_id": r.doc_id,
                "label": r.source,
                "headline": r.headline,
                "language_note": str(r.translation_note),
                "outlet_basis": r.outlet_basis,
            }
            for r in src.itertuples()
        ]
        html = render("blocks/sources.html.j2", docs=docs, citation=display.citation(self.run.ds.version))
        self._show(html, "Sources: " + "; ".join(d["label"] for d in docs))
        meta = {
            "notebook": self.run.notebook,
            "window": [self.run.window.start.isoformat(), self.run.window.end.isoformat()],
            "window_label": self.run.window.label(),
            "filters": self.run.filters,
            "headline": self.findings[0] if self.findings else "",
            "findings": self.findings,
            "figures": self.figures,
            "docs": self.docs,
            "search": self.search,
        }
        from qantar.tables import atomic_write_text

        atomic_write_text(self.out / PAGE_JSON, json.dumps(meta, ensure_ascii=False, indent=1, default=str))


SHORT_TEXT = 22  # a column whose cells are all at most this long keeps each cell on one line
# What an evidence card (a table row on a phone) and a printed evidence table lead with: the sentence, its
# outlet and its date. CSS class of each column's cells, by the column's name in qantar.records.
LEAD_COLUMNS = {"evidence": "lead-sentence", "source": "lead-source"}
LEAD_DATE = "lead-date"  # the first date column


def _column_classes(shown: "pd.DataFrame", rows: list[list[str]], numeric: list[bool], long: list[bool]) -> list[str]:
    """CSS classes of each column's cells: 'num', 'long' (wraps as a paragraph), 'short' (one line), and the
    lead classes of the sentence, its outlet and its first date (LEAD_COLUMNS, LEAD_DATE)."""
    import pandas as pd

    dates = [c for c in shown.columns if pd.api.types.is_datetime64_any_dtype(shown[c])]
    classes = []
    for i, c in enumerate(shown.columns):
        kind = "num" if numeric[i] else "long" if long[i] else ""
        if not long[i] and all(len(r[i]) <= SHORT_TEXT for r in rows):
            kind = f"{kind} short".strip()
        lead = LEAD_COLUMNS.get(str(c), LEAD_DATE if dates and c == dates[0] else "")
        classes.append(f"{kind} {lead}".strip())
    return classes


def _cell(value: Any) -> str:
    """A table cell as text: empty for missing values, dates with the year, whole numbers without '.0'."""
    import numpy as np
    import pandas as pd

    if value is None or (not isinstance(value, (list, tuple, str)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return f"{value.day} {value:%b %Y}"
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}"
    if isinstance(value, numbers.Real) and float(value).is_integer():
        return f"{int(value):,}"
    return str(value)
