"""HTML of the app's text parts: Jinja2 templates with autoescaping (qantar.html.render), never concatenation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from qantar import display
from qantar.explorer.view import TABLE_COLUMNS, View

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def heading_html(text: str) -> str:
    """A section heading."""
    from qantar.html import render

    return render("blocks/app_heading.html.j2", text=text)


def table_html(
    rows: "pd.DataFrame",
    columns: dict[str, str] | None = None,
    quoted: Sequence[str] = ("Evidence",),
    empty: str = "No records for this selection.",
) -> str:
    """A page of records as an HTML table (on a phone each row becomes a card with labelled lines)."""
    from qantar.html import render

    columns = columns or TABLE_COLUMNS
    body = [
        [(columns[k], str(v)) for k, v in zip(columns, r, strict=True)]
        for r in rows[list(columns)].itertuples(index=False)
    ]
    return render(
        "blocks/app_table.html.j2", columns=list(columns.values()), rows=body, quoted=list(quoted), empty=empty
    )


REACTION_COLUMNS = display.REACTION_TABLE_COLUMNS


def reactions_html(view: View) -> str:
    """The reactions of a view as an HTML table (every row: there are few)."""
    re_ = view.reactions.assign(
        stance=view.reactions["stance"].astype(str).map(lambda s: display.STANCE_LABELS.get(s, display.words(s)))
    )
    return table_html(re_, REACTION_COLUMNS, empty="No reactions for this selection.")


def count_html(view: View) -> str:
    """The bold count line, what is filtered, and why a city chosen with a region it is not in shows nothing."""
    from qantar.html import render

    return render("blocks/app_count.html.j2", label=view.label(), filters=view.filter_label(), note=view.place_note)


def notes_html(notes: Sequence[str]) -> str:
    """Messages about values of a link or file that were ignored (empty when none)."""
    from qantar.html import render

    return render("blocks/app_notes.html.j2", notes=list(notes))


def note_html(text: str) -> str:
    """A short italic note (the casualty chart's scope sentence); empty text gives nothing."""
    from qantar.html import render

    return render("blocks/app_note.html.j2", text=text)


def page_label_html(label: str) -> str:
    """The pager's '1–25 of 62'."""
    from qantar.html import render

    return render("blocks/app_pager.html.j2", text=label)


def map_legend_html(view: View) -> str:
    """The map's legend as HTML (it wraps on a phone): the colour of each first reported day shown, what size means."""
    from qantar.figures.maps import legend_days
    from qantar.html import render

    entries = legend_days(view.cities) if len(view.cities) else []
    return render(
        "blocks/app_legend.html.j2",
        title="First day of unrest in the chosen days:",
        entries=entries,
        note="Marker size: number of events. Click a city to select it, again to clear it.",
    )
