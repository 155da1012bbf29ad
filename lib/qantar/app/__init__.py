"""The explorer's widgets: controls, figures, tables, share and export, wired to :mod:`qantar.explorer`.

Used by notebook 05 in JupyterLab and by the ``make explore`` app (Voilà, :mod:`qantar.app.serve`).
Nothing here computes: every frame, label, page, figure and zip comes from a lib function. The
figures are ``plotly.graph_objects.FigureWidget`` objects built once; a change of filters updates
their data in place (the map's boundaries are never sent again).
"""

from __future__ import annotations

import base64
import logging
import os
import time
from typing import TYPE_CHECKING, Any

from qantar import display, explorer, params, settings
from qantar.figures.style import PLOTLY_CONFIG
from qantar.filters import FILTERS, Filter, by_key
from qantar.selection import Selection

if TYPE_CHECKING:  # pragma: no cover
    from qantar.dataset import Dataset

# The app's own timings go to this log (the server's), never onto the page.
log = logging.getLogger("qantar.app")

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


def _labelled(title: str, widget: Any, css: str) -> Any:
    import ipywidgets as w

    widget.add_class(css)
    box = w.VBox([w.HTML(f"<b>{display.words(title)}</b>"), widget], layout=w.Layout(min_width="0"))
    box.add_class("qantar-filter")
    return box


def _data_link(payload: bytes, mime: str, filename: str, text: str, css: str) -> str:
    """An anchor that downloads ``payload`` as ``filename`` (a data: URI; nothing leaves the machine)."""
    from qantar.html import render

    href = f"data:{mime};base64,{base64.b64encode(payload).decode('ascii')}"
    return render("blocks/app_download.html.j2", href=href, filename=filename, text=text, css=css)


class Explorer:
    """The explorer's widgets for one dataset; ``widget`` is the whole app, ``view`` the current lib view."""

    def __init__(
        self, ds: "Dataset", selection: Selection | None = None, notes: list[str] | None = None, base_url: str = ""
    ):
        import ipywidgets as w
        import plotly.graph_objects as go

        from qantar import geo, settings

        t0 = time.perf_counter()
        self.ds = ds
        self.base_url = base_url
        sel = selection or Selection()
        self._updating = False
        self.labels = display.source_labels(ds)
        self.event_types = params.CHOICES["event_types"](ds)
        window_days = params.Window(settings.DEFAULT_START, settings.DEFAULT_END).days
        self.days = sorted({*window_days, sel.start, sel.end})
        self.day_range = w.SelectionRangeSlider(
            options=[(f"{d:%-d %b}", d) for d in self.days],
            index=(self.days.index(sel.start), self.days.index(sel.end)),
            description="Days",
            continuous_update=False,
            layout=w.Layout(width="100%", max_width="640px"),
        )
        self.day_range.add_class("qantar-days")

        def select(f: Filter) -> Any:
            options = params.CHOICES[f.choices](ds)
            return w.SelectMultiple(
                options=[(f.value_label(o), o) for o in options],
                value=tuple(getattr(sel, f.name)),
                rows=min(6, len(options)),
                layout=w.Layout(width="100%"),
            )

        # One list per filter of the registry (qantar.filters), in its order; the map's clicks set the cities.
        self.lists = {name: select(f) for name, f in FILTERS.items()}
        self.cities = self.lists["cities"]
        self.search = w.Text(
            value=sel.q,
            placeholder="a word in descriptions, summaries or evidence",
            continuous_update=False,
            layout=w.Layout(width="100%"),
        )
        self.reset = w.Button(description="Clear all filters", layout=w.Layout(width="auto"))
        self.reset.add_class("qantar-reset")
        filters = w.Box(
            [
                *(
                    _labelled(" ".join(filter(None, [f.label, f.hint])), self.lists[f.name], f.css)
                    for f in FILTERS.values()
                ),
                _labelled("Search", self.search, "qantar-search"),
            ],
            layout=w.Layout(display="flex", flex_flow="row wrap", width="100%"),
        )
        filters.add_class("qantar-filters")
        hint = w.HTML(
            "<i>Nothing selected in a list means all (for casualty measures: killed, injured and detained, "
            "the chart's default panels). On a computer, Ctrl/Cmd-click selects several. Values in one list combine "
            "with “or”, the lists with “and”: a city and a region together show the city if it lies in the region. "
            "Click a city on the map to select it, click it again to clear it.</i>"
        )
        self.count = w.HTML()
        self.count.add_class("qantar-count")
        self.notes = w.HTML()
        self.notes.add_class("qantar-notes")
        # Figures: built once, updated in place.
        self.steps: dict[str, float] = {"widgets": time.perf_counter() - t0}
        view = explorer.compute_view(ds, sel)
        self.steps["view"] = time.perf_counter() - t0
        self.regions_gdf, self.countries_gdf = geo.load_regions(), geo.load_countries()
        figs = explorer.build_figures(ds, view, self.regions_gdf, self.countries_gdf, notes_in_figures=False)
        self.steps["figures"] = time.perf_counter() - t0
        # The map keeps its aspect inside the box: pin it to the top with the legend just above it, so that on a
        # narrow screen the spare height is left below rather than around the map. (Set on the figure before the
        # widget exists: a FigureWidget's layout changes made before it is displayed never reach the page.)
        # Its legend is HTML under it (plotly lays a legend out for its first width and it would not wrap).
        # Titles are HTML headings above the figures (a plotly title does not wrap on a phone).
        figs["map"].update_layout(
            height=None,  # the box's height (MAP_ASPECT, at most MAP_HEIGHT): plotly fills it
            autosize=True,
            margin=dict(l=2, r=2, t=4, b=4),
            dragmode="pan",
            title_text="",
            showlegend=False,
            yaxis=dict(constraintoward="top"),
            xaxis=dict(constraintoward="left"),
        )
        self.map = go.FigureWidget(figs["map"])
        self.steps["map widget"] = time.perf_counter() - t0
        self.map.data[-1].on_click(self._on_map_click)
        # responsive: plotly.js refits the map on a window resize (the app's template sends one once the page shows).
        self.map._config = {**PLOTLY_CONFIG, "responsive": True, "scrollZoom": False}
        # The timeline and casualty chart are small: they are redrawn whole, through plotly's mimetype renderer.
        self.timeline, self.chart = w.Output(), w.Output()
        self.map_title, self.timeline_title, self.chart_title = w.HTML(), w.HTML(), w.HTML()
        for widget, name in ((self.map_title, "map"), (self.timeline_title, "timeline"), (self.chart_title, "chart")):
            widget.add_class(f"qantar-{name}-title")
        self.map.add_class("qantar-map")
        self.map_legend = w.HTML()
        self.map_legend.add_class("qantar-map-legend")
        self.timeline.add_class("qantar-timeline")
        self.timeline_note = w.HTML()
        self.timeline_note.add_class("qantar-timeline-note")
        self.chart.add_class("qantar-chart")
        self._figures = figs
        self.scope_note = w.HTML()
        self.scope_note.add_class("qantar-scope-note")
        # Records table: sort, direction, pages.
        self.sort = w.Dropdown(
            options=[(explorer.TABLE_COLUMNS[k], k) for k in explorer.SORT_KEYS],
            value="date",
            description="Sort by",
            layout=w.Layout(width="220px"),
        )
        self.ascending = w.ToggleButton(
            value=True, description="ascending", tooltip="sort direction", layout=w.Layout(width="110px")
        )
        self.prev_page = w.Button(description="‹", tooltip="previous page", layout=w.Layout(width="40px"))
        self.next_page = w.Button(description="›", tooltip="next page", layout=w.Layout(width="40px"))
        self.page_label = w.HTML()
        for widget, name in (
            (self.sort, "sort"),
            (self.ascending, "ascending"),
            (self.prev_page, "prev"),
            (self.next_page, "next"),
            (self.page_label, "page"),
        ):
            widget.add_class(f"qantar-{name}")
        self.page = 0
        self.table = w.HTML()
        self.table.add_class("qantar-table")
        self.reactions = w.HTML()
        self.reactions.add_class("qantar-reactions")
        self.records_title, self.reactions_title = w.HTML(), w.HTML()
        # Share and export.
        self.share = w.Text(layout=w.Layout(flex="1 1 260px", width="auto"))
        self.share.add_class("qantar-share")
        from qantar.html import render

        self.copy = w.HTML(render("blocks/app_copy.html.j2", **COPY_TEXTS))
        self.copy.add_class("qantar-copy-box")
        self.save_link = w.HTML()
        self.save_link.add_class("qantar-save")
        # The upload button's own text is "<description> (<files held>)", and it always holds none (it is emptied
        # after each load): its description is empty and the CSS writes the label (LOAD_LABEL).
        self.load = w.FileUpload(
            accept=".json,application/json",
            multiple=False,
            description="",
            tooltip=LOAD_LABEL,
            layout=w.Layout(width="auto"),
        )
        self.load.add_class("qantar-load")
        self.export = w.Button(
            description="Export selection (zip)", button_style="primary", layout=w.Layout(width="auto")
        )
        self.export.add_class("qantar-export")
        self.export_link = w.HTML()
        self.export_link.add_class("qantar-export-link")

        def row(*children: Any) -> Any:
            box = w.Box(
                list(children),
                layout=w.Layout(display="flex", flex_flow="row wrap", align_items="center", width="100%"),
            )
            box.add_class("qantar-row")
            return box

        self.widget = w.VBox(
            [
                w.HTML(CSS + "<h2>Qantar explorer: the January 2022 unrest in Kazakhstan</h2>"),
                self.day_range,
                filters,
                row(hint, self.reset),
                self.notes,
                self.count,
                # Share and export sit under the count they act on, not after a phone's 10,000 px of views.
                w.HTML(f"<b>Share link</b> <small>{SHARE_HINT}</small>"),
                row(self.share, self.copy),
                row(self.save_link, self.load, self.export, self.export_link),
                self.map_title,
                self.map,
                self.map_legend,
                self.timeline_title,
                self.timeline,
                self.timeline_note,
                self.chart_title,
                self.chart,
                self.scope_note,
                self.records_title,
                row(self.sort, self.ascending, self.prev_page, self.page_label, self.next_page),
                self.table,
                self.reactions_title,
                self.reactions,
            ],
            layout=w.Layout(width="100%"),
        )
        self.widget.add_class("qantar-app")
        for control in (self.day_range, *self.lists.values(), self.search):
            control.observe(self._on_change, names="value")
        self.sort.observe(self._on_table, names="value")
        self.ascending.observe(self._on_table, names="value")
        self.prev_page.on_click(lambda _b: self._turn(-1))
        self.next_page.on_click(lambda _b: self._turn(1))
        self.reset.on_click(lambda _b: self.apply(Selection()))
        self.export.on_click(self._on_export)
        self.load.observe(self._on_load, names="value")
        self._notes = list(notes or [])
        self.view = view
        self.steps["controls"] = time.perf_counter() - t0
        self._render(view, figures_built=True)
        self.steps["render"] = time.perf_counter() - t0
        self.ready_seconds = time.perf_counter() - t0
        self.last_change_seconds = 0.0
        self.load_seconds = 0.0  # set by start(), which loads the dataset

    # --- state -------------------------------------------------------------------------------------------

    def selection(self) -> Selection:
        """The selection the widgets show."""
        start, end = self.day_range.value
        lists = {name: tuple(box.value) for name, box in self.lists.items()}
        return Selection(start, end, q=" ".join(self.search.value.split()), **lists)

    def apply(self, sel: Selection) -> explorer.View:
        """Set every widget from a selection at once, then update the views once."""
        self._updating = True
        try:
            self.day_range.index = (
                self.days.index(sel.start) if sel.start in self.days else 0,
                self.days.index(sel.end) if sel.end in self.days else len(self.days) - 1,
            )
            for name, box in self.lists.items():
                box.value = tuple(getattr(sel, name))
            self.search.value = sel.q
        finally:
            self._updating = False
        return self.update()

    def set(self, **values: Any) -> str:
        """Set filters by name (days=(start, end), event_types, regions, cities, groups, measures, actor_kinds, q;
        the share link's old keys types and actors too); returns the count line."""
        sel = self.selection()
        keys = by_key()
        changes: dict[str, Any] = {}
        for name, value in values.items():
            if name == "days":
                changes["start"], changes["end"] = value
            elif name == "q":
                changes["q"] = value
            elif name in keys:
                changes[keys[name]] = tuple(params.as_list(value, name) or ())
            else:
                raise TypeError(f"set(): {name} is not a filter (filters: days, {', '.join(FILTERS)}, q)")
        self.apply(sel.replace(**changes))
        return self.view.label()

    # --- events ------------------------------------------------------------------------------------------

    def _on_change(self, _change: Any) -> None:
        if not self._updating:
            self.update()

    def _on_table(self, _change: Any) -> None:
        self.page = 0
        self._render_table(self.view)

    def _turn(self, step: int) -> None:
        self.page += step
        self._render_table(self.view)

    def _on_map_click(self, trace: Any, points: Any, _state: Any) -> None:
        """Click a city to select it (it joins the cities list); click a selected city again to clear it."""
        if not points.point_inds:
            return
        city = str(trace.customdata[points.point_inds[0]]) if trace.customdata is not None else ""
        if city not in {value for _label, value in self.cities.options}:
            return
        chosen = list(self.cities.value)
        self.cities.value = tuple(c for c in chosen if c != city) if city in chosen else tuple(chosen + [city])

    def _on_export(self, _button: Any) -> None:
        self.export_link.value = "<i>Preparing the zip…</i>"
        sel = self.selection()
        payload = explorer.export_zip(self.ds, sel)  # the figures are rebuilt by the lib for the same selection
        self.export_link.value = _data_link(
            payload,
            "application/zip",
            "qantar-selection.zip",
            f"Download qantar-selection.zip ({len(payload) / 1e6:.1f} MB)",
            "qantar-export-download",
        )

    def _on_load(self, change: Any) -> None:
        from qantar import selection as selmod

        files = change["new"]
        if not files:
            return
        item = files[0]
        content = item["content"] if isinstance(item, dict) else item.content
        sel, problems = selmod.from_json(self.ds, bytes(content))
        # Empty the upload, so that loading the same file again (after changing filters) fires once more.
        self.load.value = ()
        if sel is None:  # not a saved selection: say so and keep the analyst's current view
            self.notes.value = explorer.notes_html(problems)
            return
        self._notes = problems
        self.apply(sel)

    # --- drawing -----------------------------------------------------------------------------------------

    def update(self) -> explorer.View:
        """Recompute the view from the widgets and update every figure and table in place."""
        t0 = time.perf_counter()
        view = explorer.compute_view(self.ds, self.selection())
        self.view = view
        self.page = 0
        self._render(view)
        self._notes = []
        self.last_change_seconds = time.perf_counter() - t0
        log.info(explorer.timing_text(self.load_seconds, self.ready_seconds, self.last_change_seconds))
        return view

    def _render(self, view: explorer.View, figures_built: bool = False) -> None:
        from qantar.figures import maps

        titles = explorer.figure_titles(view)
        with self.map.batch_update():
            self.map.data[-1].update(
                **maps.city_trace(view.cities, view.city_events, self.labels, view.selection.cities)
            )
        self.map_title.value = explorer.heading_html(titles["map"])
        self.timeline_title.value = explorer.heading_html(titles["timeline"])
        self.chart_title.value = explorer.heading_html(titles["casualties"])
        figs = (
            self._figures
            if figures_built
            else explorer.build_figures(
                self.ds,
                view,
                self.regions_gdf,
                self.countries_gdf,
                only=("timeline", "casualties"),
                notes_in_figures=False,
            )
        )
        self._figures = {**self._figures, **figs}
        # Each day over its month fits a phone unrotated. The titles are headings above.
        ticks = explorer.day_ticks(view)
        figs["casualties"].update_xaxes(**ticks)
        figs["casualties"].update_layout(title_text="", margin_t=40)
        if ticks:
            explorer.legend_below_ticks(figs["casualties"])
        figs["timeline"].update_layout(title_text="", margin_t=10)
        for out, key in ((self.timeline, "timeline"), (self.chart, "casualties")):
            bundle = explorer.plotly_bundle(figs[key], f"{titles[key]} (a plotly figure)")
            out.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)
        self.map_legend.value = explorer.map_legend_html(view)
        self.timeline_note.value = explorer.note_html(explorer.timeline_note(view))
        self.scope_note.value = explorer.note_html(explorer.chart_note(view))
        # An empty chart is three blank panels a screen tall: the note under it says why there is none.
        self.chart.layout.display = "none" if view.claims.empty else None
        self._render_table(view)
        self.reactions.value = explorer.reactions_html(view)
        sections = explorer.section_titles(view)
        self.records_title.value = explorer.heading_html(sections["records"])
        self.reactions_title.value = explorer.heading_html(sections["reactions"])
        query = view.selection.to_query()
        self.share.value = self.base_url + (f"?{query}" if query else "")
        self.save_link.value = _data_link(
            view.selection.to_json().encode("utf-8"),
            "application/json",
            "qantar-selection.json",
            "Save selection (JSON)",
            "qantar-save-download",
        )
        self.export_link.value = ""
        self.notes.value = explorer.notes_html(self._notes)
        # The count changes last, so a reader (or a test) seeing the new count also sees the new views.
        self.count.value = explorer.count_html(view)

    def _render_table(self, view: explorer.View) -> None:
        rows, self.page, label = explorer.table_page(view, self.sort.value, self.ascending.value, self.page)
        self.ascending.description = "ascending" if self.ascending.value else "descending"
        self.page_label.value = explorer.page_label_html(label)
        n = len(view.events)
        self.prev_page.disabled = self.page == 0
        self.next_page.disabled = (self.page + 1) * explorer.PAGE_SIZE >= n
        self.table.value = explorer.table_html(rows)

    def show(self) -> None:
        """Display the app; its text form (where widgets do not render) is one sentence, never the widget's repr."""
        from IPython.display import display as ipy_display

        ipy_display(
            {
                "application/vnd.jupyter.widget-view+json": {
                    "version_major": 2,
                    "version_minor": 0,
                    "model_id": self.widget.model_id,
                },
                "text/plain": TEXT_FORM,
            },
            raw=True,
        )


def _wait_for_request() -> None:
    """In a kernel Voilà pre-heated before any request, wait for the request (its URL query lands in os.environ).

    Voilà's own ``wait_for_request`` opens the server's query channel without credentials; the explorer's
    server (:mod:`qantar.app.server`) opens it only for the secret its kernels inherit, sent in a header.
    """
    if os.environ.get(settings.VOILA_PREHEAT_ENV, "False") != "True":
        return
    import json

    from voila.utils import ENV_VARIABLE
    from websockets.exceptions import WebSocketException
    from websockets.sync.client import connect

    from qantar.problems import QantarError

    port = os.environ.get(ENV_VARIABLE.VOILA_APP_PORT, "")
    server_url = os.environ.get(ENV_VARIABLE.VOILA_SERVER_URL, "/")
    kernel_id = os.environ.get(ENV_VARIABLE.VOILA_KERNEL_ID, "")
    secret = os.environ.get(settings.APP_QUERY_SECRET_ENV, "")
    address = f"ws://127.0.0.1:{port}{server_url}voila/query/{kernel_id}"
    try:
        with connect(address, additional_headers={settings.APP_QUERY_SECRET_HEADER: secret}, open_timeout=30) as ws:
            request = json.loads(ws.recv())  # waits for the page request this kernel will serve
    except (OSError, WebSocketException, ValueError) as err:
        raise QantarError(f"the app did not receive its page request from the server ({type(err).__name__})") from err
    os.environ.update({str(k): str(v) for k, v in request.items()})


def _base_url() -> str:
    """The app's address as `qantar explore` set it (127.0.0.1 and its port), or '' (the link is then a query only)."""

    return os.environ.get(settings.APP_URL_ENV, "")


def _warm_up() -> None:
    """Import what the first Explorer needs (plotly's widget, anywidget, the boundaries) before a request arrives."""
    import plotly.basewidget  # noqa: F401 - slow first import (plotly.io renderers, nbformat, jsonschema)

    from qantar import geo

    geo.load_regions()
    geo.load_countries()


def start(ds: "Dataset | None" = None) -> Explorer | None:
    """Build and show the app for the request's URL query (Voilà's ``QUERY_STRING``); errors are shown as messages.

    The slow part (imports, loading and checking the dataset) runs first, so a kernel that Voilà
    pre-heats has done it when someone opens the page; the widgets are built for the request's
    selection after it arrives (a plotly FigureWidget changed before any page shows it would show its
    first state).
    """
    from IPython.display import HTML, display as ipy_display

    from qantar import selection as selmod
    from qantar.html import render
    from qantar.problems import QantarError

    t0 = time.perf_counter()
    try:
        if ds is None:
            from qantar import load

            ds = load()
        loaded = time.perf_counter() - t0
        _warm_up()
        _wait_for_request()
        sel, notes = selmod.from_query(ds, os.environ.get(settings.QUERY_STRING_ENV, ""))
        app = Explorer(ds, sel, notes, base_url=_base_url())
        app.load_seconds = loaded
        log.info(explorer.timing_text(loaded, app.ready_seconds))
        if os.environ.get(settings.APP_STEPS_ENV):
            log.info("steps (s): %s", {k: round(v, 2) for k, v in app.steps.items()})
    except QantarError as err:
        ipy_display(HTML(render("blocks/app_error.html.j2", message=str(err))))
        return None
    app.show()
    return app
