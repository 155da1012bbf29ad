"""The explorer's zip export: a selection's filtered tables, the documents they cite, its figures, and a README."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Sequence

from qantar import cite, display
from qantar.explorer.figures import build_figures, figure_files, static_figures, static_files
from qantar.explorer.view import View, compute_view
from qantar.selection import Selection

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from qantar.dataset import Dataset


EVENT_EXPORT = [
    "event_id",
    "happening_id",
    "date_start",
    "date_end",
    "date_precision",
    "date_label",
    "city",
    "region",
    "place_id",
    "event_type",
    "sub_event_type",
    "event_kind",
    "description",
    "evidence",
    "doc_id",
    "source",
]


CLAIM_EXPORT = [
    "report_id",
    "as_of_date",
    "scope_place_id",
    "scope",
    "group",
    "measure",
    "qualifier",
    "value",
    "acled",
    "low",
    "high",
    "stated_by",
    "relayed_by",
    "doc_id",
    "source",
    "evidence",
]


REACTION_EXPORT = [
    "reaction_id",
    "date_start",
    "date_end",
    "date_label",
    "actor",
    "actor_role",
    "actor_kind",
    "speaks_for",
    "channel",
    "counterpart",
    "stance",
    "summary",
    "evidence",
    "doc_id",
    "source",
]


def export_frames(view: View) -> dict[str, "pd.DataFrame"]:
    """The filtered rows of every table, as the export writes them (file name → frame)."""
    return {
        "events.csv": view.events[EVENT_EXPORT],
        "cities.csv": view.cities,
        "timeline.csv": view.timeline.reset_index(),
        "casualty_claims.csv": view.claims[CLAIM_EXPORT],
        "casualty_series.csv": view.series,
        "reactions.csv": view.reactions[REACTION_EXPORT],
    }


EXPORT_DIR = "qantar-selection"


# What each file of the export is, as its README says; figure files are described by their extension.
EXPORT_NOTES = {
    "README.txt": "this file",
    "events.csv": "the records table (one row per report)",
    "cities.csv": "the cities on the map",
    "timeline.csv": "day-precise happenings per day and event type",
    "casualty_claims.csv": "the casualty figures of the chart (one row per figure)",
    "casualty_series.csv": "the casualty chart's lines",
    "reactions.csv": "the reactions",
    "sources.csv": "the documents the rows cite: outlet, publication date, headline in the project's words",
    "selection.json": "load it in the explorer to reopen this view",
    "LICENSE": "the data's licence",
    "CITATION.cff": "how to cite the dataset (Citation File Format)",
    "CITATION.bib": "how to cite the dataset (BibTeX)",
}


FIGURE_NOTES = {
    ".html": "the figure, interactive (works offline)",
    ".json": "the figure as Plotly JSON",
    ".js": "the Plotly library the figures' HTML files load",
    ".png": "the figure as an image",
    ".svg": "the figure as a vector image",
}


def export_sources(ds: "Dataset", frames: dict[str, "pd.DataFrame"]) -> "pd.DataFrame":
    """The register rows of the documents an export's tables cite (sources.csv of the export)."""
    ids = sorted({str(v) for f in frames.values() if "doc_id" in f.columns for v in f["doc_id"].dropna()})
    return display.sources_table(ds, ids)


def _with_source(page: str | bytes, line: str) -> str | bytes:
    """A standalone figure page with its source line written under the figure."""
    from markupsafe import escape

    text = page.decode("utf-8") if isinstance(page, bytes) else page
    note = f'<p class="qantar-source" style="font: 12px system-ui, sans-serif; color: #555;">{escape(line)}</p>'
    return text.replace("</body>", note + "</body>", 1) if "</body>" in text else text + note


def export_zip(ds: "Dataset", selection: Selection, figures: dict[str, str | bytes] | None = None) -> bytes:
    """The selection as a zip: a CSV per table (filtered rows), the documents they cite, figure files
    (figure_files), the selection, the licence, the citation files and a README naming every file.

    With ``figures`` None the figures are built here from the selection.
    """
    from qantar import cite
    from qantar.tables import csv_text

    view = compute_view(ds, selection)
    frames = export_frames(view)
    if figures is None:
        figures = {**figure_files(build_figures(ds, view)), **static_files(static_figures(ds, view))}
    files: dict[str, str | bytes] = {name: csv_text(frame) for name, frame in frames.items()}
    sources = export_sources(ds, frames)
    files["sources.csv"] = csv_text(sources)
    line = cite.source_line(
        ds.version,
        list(sources["document"]),
        [display.outlet_name(o) for o in ds.sources.set_index("doc_id").loc[sources["doc_id"], "outlet"]],
    )
    for name, data in (figures or {}).items():  # a figure's HTML names its sources under the figure
        files[f"figures/{name}"] = _with_source(data, line) if name.endswith(".html") else data
    files["selection.json"] = selection.to_json()
    files["LICENSE"] = cite.license_text(ds.version)
    files.update(cite.files(ds.version))
    files["README.txt"] = export_readme(view, ds.version, ["README.txt", *files])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(f"{EXPORT_DIR}/{name}", data)
    return buf.getvalue()


def export_readme(view: View, data_version: str, files: Sequence[str] | None = None) -> str:
    """What the export holds (every file in ``files``, by name) and for which selection."""
    files = list(files if files is not None else EXPORT_NOTES)
    lines = [
        "Qantar explorer selection",
        "",
        f"Selection: {view.filter_label()}",
        f"Counts: {view.label()}",
        f"Share link query: ?{view.selection.to_query()}"
        if view.selection.to_query()
        else "Share link query: (none: the default view)",
        "",
        "Files:",
    ]
    for name in dict.fromkeys(files):
        note = EXPORT_NOTES.get(name) or FIGURE_NOTES.get(PurePosixPath(name).suffix, "a figure file")
        lines.append(f"  {name}: {note}")
    for note in (view.place_note, view.scope_note):
        if note:
            lines += ["", note]
    lines += ["", "How to cite: " + cite.citation_text(data_version)]
    return "\n".join(lines) + "\n"
