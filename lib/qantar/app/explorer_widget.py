"""The explorer app: its widgets wired to :mod:`qantar.explorer` (every frame, label, figure and zip comes from there).

Used by notebook 05 in JupyterLab and by the ``make explore`` app (Voilà, :mod:`qantar.app.serve`).
The widgets are built by :mod:`qantar.app.widgets`, one builder per part. The figures are
``plotly.graph_objects.FigureWidget`` objects built once; a change of filters updates their data in
place (the map's boundaries are never sent again).
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from qantar.app.mime import show_widget
from qantar import display, explorer, params, settings
from qantar.app import widgets
from qantar.app.widgets import TEXT_FORM
from qantar.filters import FILTERS, by_key
from qantar.selection import Selection

if TYPE_CHECKING:  # pragma: no cover
    from qantar.dataset import Dataset

# The app's own timings go to this log (the server's), never onto the page.
log = logging.getLogger("qantar.app")


class Explorer:
    """The explorer's widgets for one dataset; ``widget`` is the whole app, ``view`` the current lib view."""

    def __init__(
        self, ds: "Dataset", selection: Selection | None = None, notes: list[str] | None = None, base_url: str = ""
    ):
        t0 = time.perf_counter()
        self.ds = ds
        self.base_url = base_url
        sel = selection or Selection()
        self._updating = False
        self.labels = display.source_labels(ds)
        self.event_types = params.CHOICES["event_types"](ds)
        filter_box = self._build_controls(sel)
        self.steps: dict[str, float] = {"widgets": time.perf_counter() - t0}
        view = explorer.compute_view(ds, sel)
        self.steps["view"] = time.perf_counter() - t0
        self._build_figures(view, t0)
        self._build_table()
        self._build_share()
        self.widget = widgets.page(self, filter_box, widgets.hint())
        self._connect()
        self._notes = list(notes or [])
        self.view = view
        self.steps["controls"] = time.perf_counter() - t0
        self._render(view, figures_built=True)
        self.steps["render"] = time.perf_counter() - t0
        self.ready_seconds = time.perf_counter() - t0
        self.last_change_seconds = 0.0
        self.load_seconds = 0.0  # set by start(), which loads the dataset

    # --- building ----------------------------------------------------------------------------------------

    def _build_controls(self, sel: Selection) -> Any:
        """Days, one list per filter of the registry, search, reset, count and notes; returns the filters' panel."""
        window_days = params.Window(settings.DEFAULT_START, settings.DEFAULT_END).days
        self.days = sorted({*window_days, sel.start, sel.end})
        self.day_range = widgets.day_slider(self.days, sel)
        self.lists = widgets.filter_lists(self.ds, sel)
        self.cities = self.lists["cities"]  # the map's clicks set the cities
        self.search = widgets.search_box(sel)
        self.reset = widgets.reset_button()
        self.count = widgets.html("qantar-count")
        self.notes = widgets.html("qantar-notes")
        return widgets.filter_panel(self.lists, self.search)

    def _build_figures(self, view: explorer.View, t0: float) -> None:
        """The map (a FigureWidget, updated in place), the timeline and chart outputs, their titles and notes."""
        from qantar import geo

        self.regions_gdf, self.countries_gdf = geo.load_regions(), geo.load_countries()
        figs = explorer.build_figures(self.ds, view, self.regions_gdf, self.countries_gdf, notes_in_figures=False)
        self.steps["figures"] = time.perf_counter() - t0
        self.map = widgets.map_widget(figs["map"], self._on_map_click)
        self.steps["map widget"] = time.perf_counter() - t0
        # The timeline and casualty chart are small: they are redrawn whole, through plotly's mimetype renderer.
        self.timeline, self.chart = widgets.output("qantar-timeline"), widgets.output("qantar-chart")
        self.map_title = widgets.html("qantar-map-title")
        self.timeline_title = widgets.html("qantar-timeline-title")
        self.chart_title = widgets.html("qantar-chart-title")
        self.map_legend = widgets.html("qantar-map-legend")
        self.timeline_note = widgets.html("qantar-timeline-note")
        self.scope_note = widgets.html("qantar-scope-note")
        self._figures = figs

    def _build_table(self) -> None:
        """The records table with its sort, direction and pages, and the reactions, with their headings."""
        import ipywidgets as w

        c = widgets.table_controls()
        self.sort, self.ascending, self.prev_page, self.next_page, self.page_label = (
            c["sort"],
            c["ascending"],
            c["prev_page"],
            c["next_page"],
            c["page_label"],
        )
        self.page = 0
        self.table = widgets.html("qantar-table")
        self.reactions = widgets.html("qantar-reactions")
        self.records_title, self.reactions_title = w.HTML(), w.HTML()

    def _build_share(self) -> None:
        """The share link, Copy, Save and Load selection, Export and its download link."""
        c = widgets.share_controls()
        self.share, self.copy, self.save_link = c["share"], c["copy"], c["save_link"]
        self.load, self.export, self.export_link = c["load"], c["export"], c["export_link"]

    def _connect(self) -> None:
        """Wire every control to its handler."""
        for control in (self.day_range, *self.lists.values(), self.search):
            control.observe(self._on_change, names="value")
        self.sort.observe(self._on_table, names="value")
        self.ascending.observe(self._on_table, names="value")
        self.prev_page.on_click(lambda _b: self._turn(-1))
        self.next_page.on_click(lambda _b: self._turn(1))
        self.reset.on_click(lambda _b: self.apply(Selection()))
        self.export.on_click(self._on_export)
        self.load.observe(self._on_load, names="value")

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
        """Set filters by name (days=(start, end), q, and each filter of qantar.filters.FILTERS by its name or a
        share link's old key, e.g. event_types or types); returns the count line."""
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
        self.export_link.value = widgets.data_link(
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
        self.save_link.value = widgets.data_link(
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
        show_widget(self.widget, TEXT_FORM)
