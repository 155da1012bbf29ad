"""The explorer app's widgets, one builder per part: days, filter lists, search, map, records table, share and export.

Each builder makes its widgets with the CSS class the page's styles and the browser tests find them
by; :class:`qantar.app.explorer_widget.Explorer` calls them and wires them to :mod:`qantar.explorer`.
The filter lists are built from the filters' registry (:data:`qantar.filters.FILTERS`), in its order.
"""

from __future__ import annotations

import base64
from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Sequence, TypeVar

from qantar import display, explorer, filters, params
from qantar.figures.style import PLOTLY_CONFIG
from qantar.filters import FILTERS, Filter
from qantar.selection import Selection

if TYPE_CHECKING:  # pragma: no cover
    from qantar.dataset import Dataset

W = TypeVar("W")

MAP_HEIGHT = 470  # the map's height on a wide screen; narrower, its box keeps the map's shape (MAP_ASPECT)
# Width over height of the map's box: the map of geo.MAP_BOUNDS is 1.71 times as wide as it is tall (measured in
# Chromium), and the box holds its 8 px of margins too. A box of a fixed height left about 250 px blank on a phone.
MAP_ASPECT = 1.66
LOAD_LABEL = "Load selection (JSON)"
CSS = """
<style>
.qantar-app { max-width: 1200px; margin: 0 auto; box-sizing: border-box; overflow-x: hidden; }
.qantar-app .qantar-filters { gap: 8px; }
.qantar-app .qantar-row { gap: 6px; }
.qantar-app * { box-sizing: border-box; }
.qantar-app .widget-select-multiple select, .qantar-app select { width: 100%; }
.qantar-app .qantar-filter { flex: 1 1 170px; min-width: 0; }
.qantar-app .qantar-filter .widget-select-multiple, .qantar-app .qantar-filter .widget-text { width: 100%; margin: 0; }
.qantar-app .widget-html-content { white-space: normal; overflow-wrap: break-word; line-height: 1.4; }
.qantar-app table { border-collapse: collapse; width: 100%; font-size: 13px; line-height: 1.35; }
.qantar-app td[data-label="Date"] { white-space: nowrap; }
.qantar-app th, .qantar-app td {
  border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top;
}
.qantar-app blockquote { margin: 0; font-style: italic; color: #444; }
.qantar-app .qantar-days { width: 100%; max-width: 640px; }
.qantar-app .qantar-days .widget-readout { min-width: 0; }
.qantar-app .js-plotly-plot, .qantar-app .plot-container { max-width: 100%; }
.qantar-app .jp-RenderedPlotly { margin: 0; }
.qantar-app .qantar-map { width: 100%; aspect-ratio: __MAP_ASPECT__; max-height: __MAP_HEIGHT__px; }
.qantar-app .qantar-map .js-plotly-plot { height: 100%; }
.qantar-app .qantar-legend { font-size: 13px; }
.qantar-app .qantar-map-title h3, .qantar-app .qantar-timeline-title h3, .qantar-app .qantar-chart-title h3 {
  font-size: 15px; font-weight: normal; color: #2a3f5f; margin: 12px 0 4px; }
.qantar-app a { color: #0b5cad; text-decoration: underline; }
.qantar-app .qantar-share { flex: 1 1 260px; width: auto; min-width: 0; max-width: 100%; box-sizing: border-box;
  margin-left: 0; margin-right: 0; }
.qantar-app .qantar-share input { width: 100%; min-width: 0; box-sizing: border-box; }
.qantar-app .qantar-copy-box .widget-html-content { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.qantar-app .qantar-copy { padding: 0 12px; }
.qantar-app .qantar-legend-item { white-space: nowrap; margin-right: 10px; }
.qantar-app .qantar-dot { display: inline-block; width: 11px; height: 11px; border-radius: 50%; border: 1px solid;
  margin-right: 4px; vertical-align: -1px; }
.qantar-app .qantar-legend-note { color: #555; }
.qantar-app .widget-text input { min-width: 0; }
.qantar-app .qantar-load { font-size: 0; }
.qantar-app .qantar-load i { font-size: var(--jp-widgets-font-size, 13px); margin-right: 4px; }
.qantar-app .qantar-load::after { content: "__LOAD_LABEL__"; font-size: var(--jp-widgets-font-size, 13px); }
@media (max-width: 600px) {
  .qantar-app thead { display: none; }
  .qantar-app tr { display: block; border-bottom: 2px solid #bbb; padding: 4px 0; }
  .qantar-app td { display: block; border: 0; padding: 1px 4px; }
  .qantar-app td::before { content: attr(data-label) ": "; font-weight: bold; }
  .qantar-app .qantar-days .slider-container { min-width: 0; }
  .qantar-app .qantar-days .widget-label { width: 40px; }
}
</style>
"""
CSS = (
    CSS.replace("__MAP_ASPECT__", str(MAP_ASPECT))
    .replace("__MAP_HEIGHT__", str(MAP_HEIGHT))
    .replace("__LOAD_LABEL__", LOAD_LABEL)
)
TEXT_FORM = (
    "The Qantar explorer: run all cells (Run > Run All Cells) to start it in JupyterLab, "
    "or use `make explore` for the app."
)
SHARE_HINT = "Copy this link to reopen the same view (the recipient needs the app's token)."
COPY_TEXTS = {  # the Copy button and what the line beside it says (plain words: they sit inside its script)
    "label": "Copy link",
    "title": "Copy the share link",
    "copied": "Copied.",
    "selected": "The link is selected: press Ctrl-C (Cmd-C on a Mac) to copy it.",
}


# What the filters do, said once above them (the measures the chart shows when none is chosen: explorer.MEASURES).
FILTER_HINT = (
    f"Nothing selected in a list means all (for {filters.words('measures')}: {display.join(explorer.MEASURES)}, "
    "the chart's default panels). On a computer, Ctrl/Cmd-click selects several. Values in one list combine "
    "with “or”, the lists with “and”: a city and a region together show the city if it lies in the region. "
    "Click a city on the map to select it, click it again to clear it."
)


def styled(widget: W, css: str) -> W:
    """The widget with its CSS class added (the page's styles and the browser tests find it by the class)."""
    widget.add_class(css)  # type: ignore[attr-defined]
    return widget


def html(css: str) -> Any:
    """An empty HTML widget with its CSS class (its value is set on every render)."""
    import ipywidgets as w

    return styled(w.HTML(), css)


def labelled(title: str, widget: Any, css: str) -> Any:
    """A control under its bold heading, in a box that shares a row with the other filters."""
    import ipywidgets as w

    widget.add_class(css)
    box = w.VBox([w.HTML(f"<b>{display.words(title)}</b>"), widget], layout=w.Layout(min_width="0"))
    return styled(box, "qantar-filter")


def row(*children: Any) -> Any:
    """Widgets side by side, wrapping onto the next line on a narrow screen."""
    import ipywidgets as w

    box = w.Box(
        list(children), layout=w.Layout(display="flex", flex_flow="row wrap", align_items="center", width="100%")
    )
    return styled(box, "qantar-row")


def data_link(payload: bytes, mime: str, filename: str, text: str, css: str) -> str:
    """An anchor that downloads ``payload`` as ``filename`` (a data: URI; nothing leaves the machine)."""
    from qantar.html import render

    href = f"data:{mime};base64,{base64.b64encode(payload).decode('ascii')}"
    return render("blocks/app_download.html.j2", href=href, filename=filename, text=text, css=css)


# --- controls ------------------------------------------------------------------------------------------------


def day_slider(days: Sequence[date], sel: Selection) -> Any:
    """The days slider, set to the selection's first and last day (both are among ``days``)."""
    import ipywidgets as w

    slider = w.SelectionRangeSlider(
        options=[(display.day_month(d), d) for d in days],
        index=(days.index(sel.start), days.index(sel.end)),
        description="Days",
        continuous_update=False,
        layout=w.Layout(width="100%", max_width="640px"),
    )
    return styled(slider, "qantar-days")


def filter_list(ds: "Dataset", f: Filter, sel: Selection) -> Any:
    """One filter's list: its choices in the dataset as readers see them, the selection's values chosen."""
    import ipywidgets as w

    options = params.CHOICES[f.choices](ds)
    return w.SelectMultiple(
        options=[(f.value_label(o), o) for o in options],
        value=tuple(getattr(sel, f.name)),
        rows=min(6, len(options)),
        layout=w.Layout(width="100%"),
    )


def filter_lists(ds: "Dataset", sel: Selection) -> dict[str, Any]:
    """One list per filter of the registry (qantar.filters), in its order, by the filter's name."""
    return {name: filter_list(ds, f, sel) for name, f in FILTERS.items()}


def search_box(sel: Selection) -> Any:
    """The search text box, holding the selection's text."""
    import ipywidgets as w

    return w.Text(
        value=sel.q,
        placeholder="a word in descriptions, summaries or evidence",
        continuous_update=False,
        layout=w.Layout(width="100%"),
    )


def filter_panel(lists: dict[str, Any], search: Any) -> Any:
    """Every filter's list under its heading (label and hint of the registry), then the search box."""
    import ipywidgets as w

    panel = w.Box(
        [
            *(labelled(" ".join(filter(None, [f.label, f.hint])), lists[f.name], f.css) for f in FILTERS.values()),
            labelled("Search", search, "qantar-search"),
        ],
        layout=w.Layout(display="flex", flex_flow="row wrap", width="100%"),
    )
    return styled(panel, "qantar-filters")


def reset_button() -> Any:
    """The button that clears every filter."""
    import ipywidgets as w

    return styled(w.Button(description="Clear all filters", layout=w.Layout(width="auto")), "qantar-reset")


def hint() -> Any:
    """The line that says how the filters combine."""
    import ipywidgets as w

    return w.HTML(f"<i>{FILTER_HINT}</i>")


# --- figures -------------------------------------------------------------------------------------------------


def map_widget(fig: Any, on_click: Callable[[Any, Any, Any], None]) -> Any:
    """The map as a plotly FigureWidget (updated in place, never sent again); a click on a city calls ``on_click``."""
    import plotly.graph_objects as go

    # The map keeps its aspect inside the box: pin it to the top with the legend just above it, so that on a
    # narrow screen the spare height is left below rather than around the map. (Set on the figure before the
    # widget exists: a FigureWidget's layout changes made before it is displayed never reach the page.)
    # Its legend is HTML under it (plotly lays a legend out for its first width and it would not wrap).
    # Titles are HTML headings above the figures (a plotly title does not wrap on a phone).
    fig.update_layout(
        height=None,  # the box's height (MAP_ASPECT, at most MAP_HEIGHT): plotly fills it
        autosize=True,
        margin=dict(l=2, r=2, t=4, b=4),
        dragmode="pan",
        title_text="",
        showlegend=False,
        yaxis=dict(constraintoward="top"),
        xaxis=dict(constraintoward="left"),
    )
    widget = go.FigureWidget(fig)
    widget.data[-1].on_click(on_click)
    # responsive: plotly.js refits the map on a window resize (the app's template sends one once the page shows).
    widget._config = {**PLOTLY_CONFIG, "responsive": True, "scrollZoom": False}
    return styled(widget, "qantar-map")


def output(css: str) -> Any:
    """An output area with its CSS class (the timeline and casualty chart are redrawn whole into one)."""
    import ipywidgets as w

    return styled(w.Output(), css)


# --- records table -------------------------------------------------------------------------------------------


def table_controls() -> dict[str, Any]:
    """The records table's sort key, direction, page buttons and page label, by attribute name."""
    import ipywidgets as w

    return {
        "sort": styled(
            w.Dropdown(
                options=[(explorer.TABLE_COLUMNS[k], k) for k in explorer.SORT_KEYS],
                value="date",
                description="Sort by",
                layout=w.Layout(width="220px"),
            ),
            "qantar-sort",
        ),
        "ascending": styled(
            w.ToggleButton(
                value=True, description="ascending", tooltip="sort direction", layout=w.Layout(width="110px")
            ),
            "qantar-ascending",
        ),
        "prev_page": styled(
            w.Button(description="‹", tooltip="previous page", layout=w.Layout(width="40px")), "qantar-prev"
        ),
        "next_page": styled(
            w.Button(description="›", tooltip="next page", layout=w.Layout(width="40px")), "qantar-next"
        ),
        "page_label": html("qantar-page"),
    }


# --- share and export ----------------------------------------------------------------------------------------


def share_controls() -> dict[str, Any]:
    """The share link and its Copy button, Save and Load selection, Export and its download link, by attribute name."""
    import ipywidgets as w

    from qantar.html import render

    return {
        "share": styled(w.Text(layout=w.Layout(flex="1 1 260px", width="auto")), "qantar-share"),
        "copy": styled(w.HTML(render("blocks/app_copy.html.j2", **COPY_TEXTS)), "qantar-copy-box"),
        "save_link": html("qantar-save"),
        # The upload button's own text is "<description> (<files held>)", and it always holds none (it is emptied
        # after each load): its description is empty and the CSS writes the label (LOAD_LABEL).
        "load": styled(
            w.FileUpload(
                accept=".json,application/json",
                multiple=False,
                description="",
                tooltip=LOAD_LABEL,
                layout=w.Layout(width="auto"),
            ),
            "qantar-load",
        ),
        "export": styled(
            w.Button(description="Export selection (zip)", button_style="primary", layout=w.Layout(width="auto")),
            "qantar-export",
        ),
        "export_link": html("qantar-export-link"),
    }


# --- the page ------------------------------------------------------------------------------------------------


def page(app: Any, filter_box: Any, hint_line: Any) -> Any:
    """The whole app, top to bottom: days, filters, count, share, export, map, timeline, chart, records, reactions."""
    import ipywidgets as w

    box = w.VBox(
        [
            w.HTML(CSS + "<h2>Qantar explorer: the January 2022 unrest in Kazakhstan</h2>"),
            app.day_range,
            filter_box,
            row(hint_line, app.reset),
            app.notes,
            app.count,
            # Share and export sit under the count they act on, not after a phone's 10,000 px of views.
            w.HTML(f"<b>Share link</b> <small>{SHARE_HINT}</small>"),
            row(app.share, app.copy),
            row(app.save_link, app.load, app.export, app.export_link),
            app.map_title,
            app.map,
            app.map_legend,
            app.timeline_title,
            app.timeline,
            app.timeline_note,
            app.chart_title,
            app.chart,
            app.scope_note,
            app.records_title,
            row(app.sort, app.ascending, app.prev_page, app.page_label, app.next_page),
            app.table,
            app.reactions_title,
            app.reactions,
        ],
        layout=w.Layout(width="100%"),
    )
    return styled(box, "qantar-app")
