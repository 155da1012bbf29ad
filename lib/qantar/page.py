"""What a notebook publishes, block by block: findings, figures with their evidence, tables, and its sources.

Each block is rendered from an autoescaped template and displayed in the notebook; the same HTML
becomes the report page. Under each figure: a caption (what it shows, for which parameters, by
which rule), the documents it rests on, downloads (CSV of exactly the data drawn, the evidence CSV,
PNG, SVG and a standalone interactive HTML), and a sortable, searchable table of the records behind
it with their evidence snippets. A figure may have a phone variant, ``<name>.phone.png`` beside
``<name>.png``, drawn for a phone's width: the page shows it on screens matching settings.PHONE_MEDIA. ``sources()``
ends the page and writes ``page.json``, which the report runner reads for navigation, the index and
the search box.
"""

from __future__ import annotations

import base64
import json
import numbers
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from qantar import cite, disagree_text, display, settings
from qantar.html import render

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from qantar.notebook import Run

PAGE_JSON = "page.json"
LONG_TEXT = 60  # cells longer than this wrap as paragraphs in tables
# A page shows at most this many rows of a table; the CSV next to it has them all. Past a few hundred rows a
# table is read by searching the CSV, and tens of thousands of rows make a page too heavy for a browser.
TABLE_ROWS_MAX = 500
# Record ids: kept in the CSV downloads, never shown on a page; a table's first such column anchors its rows
# (``<table id>-<record id>``), so that a sentence elsewhere can link to the record it rests on.
ID_COLUMNS = ("record_id", "report_id", "record", "record_row", "records")
# Where a reader meets each kind of disagreement: the notebook and figure (the report runner turns a notebook's
# name into its page's address), and the words of the link.
DISAGREEMENT_FIGURES = {
    **{
        k: ("03_casualties_over_time.ipynb", "fig-casualty_claims_over_time", "the casualty chart")
        for k in ("figure_conflict", "toll_conflict", "status", "part_exceeds_whole", "label")
    },
    "event_place": ("02_protest_city_map.ipynb", "fig-protest_cities_map", "the map"),
    "event_date": ("", "fig-daily_event_timeline", "the timeline"),
    **{k: ("", "fig-source_coverage_matrix", "the coverage matrix") for k in ("commodity", "actor", "area", "forces")},
}


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
        self.out = cast(Path, self.run.out_dir)  # a run that writes pages has its folder (landing's have none)
        self.out.mkdir(parents=True, exist_ok=True)
        self.report_mode = bool(os.environ.get(settings.REPORT_ENV))
        self.started = time.time() - 1.0  # files written from now on belong to this run (1 s for coarse mtimes)

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

    def _table(
        self, anchor: str, records: "pd.DataFrame", noun: str, csv_name: str, behind: str = "behind this figure"
    ) -> dict[str, Any]:
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
        ids = next((c for c in ID_COLUMNS if c in shown.columns), None)
        row_ids: list[str] = []
        if ids is not None:
            seen: set[str] = set()
            for rec in shown[ids].astype(str):
                first = rec.split(",")[0].strip()
                row_ids.append(f"{anchor}-{first}" if first not in seen else "")
                seen.add(first)
        shown = shown.drop(columns=[c for c in ID_COLUMNS if c in shown.columns])
        numeric = [
            pd.api.types.is_numeric_dtype(shown[c]) and not pd.api.types.is_bool_dtype(shown[c]) for c in shown.columns
        ]
        if not hasattr(self, "_refs"):
            self._refs = display.record_labels(self.run.ds)
        rows = [[display.plain_refs(_cell(v), self._refs) for v in row] for row in shown.itertuples(index=False)]
        long = [any(len(r[i]) > LONG_TEXT for r in rows) for i in range(len(shown.columns))]
        for row in rows:
            self.search.append({"text": " · ".join(c for c in row if c)[:400], "anchor": anchor})
        columns = [display.column_label(c) for c in shown.columns]
        return {
            "id": f"{anchor}-table",
            "columns": columns,
            "rows": rows,
            "row_ids": row_ids,
            "numeric": numeric,
            "long": long,
            "summary": f"{display.plural(total, noun)} {behind} (sortable, searchable)"
            if total <= len(rows)
            else self._truncation_note(len(rows), total, noun, csv_name, behind),
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

    def _source_line(self, docs: list[dict[str, str]]) -> str:
        """A figure file's own source line: data version, licence, its documents and their outlets."""
        from qantar import cite

        src = self.run.ds.sources.set_index(self.run.ds.sources["doc_id"].astype(str))
        numbers = {display.short_id(d): d for d in src.index}
        ids = [numbers[d["number"]] for d in docs if d["number"] in numbers]
        outlets = [display.outlet_name(src.loc[i, "outlet"]) for i in ids]
        return cite.source_line(self.run.ds.version, [d["number"] for d in docs], outlets)

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
        phone: Any = None,
    ) -> None:
        """Save a figure in every format with its data and evidence, and display the whole block.

        ``phone`` is the same figure drawn for a phone's width (a matplotlib figure): it is saved as
        ``<name>.phone.png`` and the page shows it instead of ``<name>.png`` on narrow screens. A phone
        variant a notebook saved itself during this run (``style.save_phone_png``) is used the same way.
        """
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
        img_src = phone_src = phone_text_px = None
        source = self._source_line(docs)
        if static is not None:
            import matplotlib.pyplot as plt

            style.stamp_source(static, source)
            png = style.save_png(static, self.out, name)
            style.save_svg(static, self.out, name)
            plt.close(static)
            files += [("PNG", self._href(png.name)), ("SVG", self._href(f"{name}.svg"))]
            if phone is not None:
                style.stamp_source(phone, source)  # the phone file, too, names its own sources once downloaded
                style.save_phone_png(phone, self.out, name)
                phone_text_px = style.min_text_png_px(phone, settings.PHONE_DPI)
                plt.close(phone)
            phone_png = style.phone_png_path(self.out, name)
            # Only a phone variant written during this run: one left over from an earlier run would show an old figure.
            if self.report_mode and phone_png.is_file() and phone_png.stat().st_mtime >= self.started:
                phone_src = self._href(phone_png.name)
                files.append(("PNG for phones", phone_src))
            img_src = (
                self._href(png.name)
                if self.report_mode
                else "data:image/png;base64," + base64.b64encode(png.read_bytes()).decode("ascii")
            )
        if phone is not None and static is None:  # a phone variant of no image: nothing to show it instead of
            import matplotlib.pyplot as plt

            plt.close(phone)
        interactive_html = None
        if interactive is not None:
            style.save_standalone_html(interactive, self.out, f"{name}_interactive", source=source)
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
                "phone_png": Path(phone_src).name if phone_src else None,
                # the smallest text on the phone PNG, in its pixels (None when a notebook saved the variant itself)
                "phone_min_text_png_px": phone_text_px,
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
            phone_src=phone_src,
            phone_media=settings.PHONE_MEDIA,
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

    def disagreements(self, name: str, *, title: str, caption: str, frame: "pd.DataFrame", noun: str) -> None:
        """Disagreements (or tensions) as plain sentences, each version linked to the record it rests on and each
        sentence to the figure where a reader meets it; the records follow, the ids only in the CSV."""
        from qantar import records
        from qantar.tables import write_csv

        write_csv(records.disagreements(frame), self.out / f"{name}.csv")
        anchor = f"tab-{name}"
        evidence = records.disagreement_records(self.run.ds, frame)
        write_csv(evidence, self.out / f"{name}_evidence.csv")
        table = self._table(f"{anchor}-records", evidence, "record", f"{name}_evidence.csv", f"behind these {noun}s")
        context = disagree_text.DisagreementContext.of(self.run.ds)
        items = []
        for row in frame.itertuples():
            notebook, figure, where = DISAGREEMENT_FIGURES.get(str(row.kind), ("", "", ""))
            versions = disagree_text.disagreement_versions(row.kind, row.versions, context)
            for v in versions:
                v["href"] = f"#{anchor}-records-{v['record']}"
            items.append(
                {
                    "subject": row.subject,
                    "versions": versions,
                    "end": " \u2014 possibly the same dead under two labels." if str(row.kind) == "label" else ".",
                    "figure": (f"{notebook}#{figure}" if notebook else f"#{figure}") if figure else "",
                    "where": where,
                }
            )
            self.search.append({"text": f"{row.subject}: {row.detail}"[:400], "anchor": anchor})
        docs = self._note_docs(v["doc_id"] for vs in frame["versions"] for v in vs) if len(frame) else []
        html = render(
            "blocks/disagreements.html.j2",
            name=name,
            title=title,
            caption=caption,
            docs=docs,
            files=[
                (f"{noun}s with their record ids (CSV)", self._href(f"{name}.csv")),
                ("records (CSV)", self._href(f"{name}_evidence.csv")),
            ],
            items=items,
            table=table,
            noun=noun,
        )
        text = "\n".join(f"{r.subject}: {r.detail}" for r in frame.itertuples())
        self._show(html, f"{title}: {display.plural(len(frame), noun)}" + (f"\n{text}" if text else ""))

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
        # On the report site every page ends with its "Cite this" block; a notebook shows the citation here.
        citation = "" if self.report_mode else cite.citation_text(self.run.ds.version)
        html = render("blocks/sources.html.j2", docs=docs, citation=citation)
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
LEAD_DATE = "lead-date"  # the first date column, or a text column named "date" (a day or a range, as words)


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
        first_date = dates[0] if dates else ("date" if "date" in shown.columns else None)
        lead = LEAD_COLUMNS.get(str(c), LEAD_DATE if c == first_date else "")
        classes.append(f"{kind} {lead}".strip())
    return classes


def _cell(value: Any) -> str:
    """A table cell as text: empty for missing values, dates with the year, whole numbers without '.0'."""
    import numpy as np
    import pandas as pd

    if value is None or (not isinstance(value, (list, tuple, str)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return display.day_month(value, year=True)
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}"
    if isinstance(value, numbers.Real) and float(value).is_integer():
        return f"{int(float(value)):,}"
    return str(value)
