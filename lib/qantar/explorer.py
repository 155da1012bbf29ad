"""Explorer: the computations behind the JupyterLab explorer notebook, and the widgets that drive them.

:func:`compute_view` holds all the logic and is unit-tested; :class:`Explorer` only wires
ipywidgets to it and redraws the map, the casualty chart and the events table in place.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Sequence

from qantar import derive, params

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from qantar.dataset import Dataset

TABLE_COLUMNS = ["date_start", "date_end", "city", "event_type", "event_kind", "description", "doc_id"]
MEASURES = ["killed", "injured", "detained"]


@dataclass
class View:
    """Everything the explorer shows for one set of filters."""

    start: date
    end: date
    events: "pd.DataFrame"
    cities: "pd.DataFrame"
    city_events: "pd.DataFrame"
    claims: "pd.DataFrame"
    series: "pd.DataFrame"

    @property
    def n_events(self) -> int:
        """Distinct happenings shown in the events table."""
        return int(self.events["happening_id"].nunique())

    def label(self) -> str:
        """One-line summary, e.g. '2 Jan – 10 Jan 2022: 53 events (59 reports) in 12 cities; 18 casualty claims'."""
        return (f"{self.start:%-d %b} – {self.end:%-d %b %Y}: {self.n_events} events ({len(self.events)} reports) "
                f"in {len(self.cities)} cities; {len(self.claims)} casualty claims")


def compute_view(ds: "Dataset", start: date, end: date, event_types: Sequence[str] | None = None,
                 cities: Sequence[str] | None = None, groups: Sequence[str] | None = None) -> View:
    """Filter events, cities and casualty claims for the explorer; None means all, a bare string is one value."""
    from qantar.params import as_list

    types, chosen, grp = as_list(event_types), as_list(cities), as_list(groups)
    events = derive.events_in_window(ds, start, end, types)
    mapping = derive.city_of_place(ds)
    names = ds.places.set_index("place_id")["name"].astype(str)
    events = events.assign(city=events["place_id"].astype(str).map(mapping).map(names))
    if chosen:
        events = events[events["city"].isin(chosen)]
    city_events = derive.city_events(ds, start, end, types, cities=chosen)
    summary = derive.city_summary(ds, start, end, types, cities=chosen)
    claims = derive.casualty_claims(ds, measures=MEASURES, groups=grp, start=start, end=end)
    series = derive.casualty_series(claims)
    return View(start, end, events.sort_values(["date_start", "event_id"]).reset_index(drop=True), summary, city_events,
                claims, series)


def plotly_bundle(fig: Any, summary: str) -> dict[str, Any]:
    """Display bundle for a plotly figure: the mimetype JupyterLab's plotly extension draws, plus a text summary.

    Plotly's default renderer in a kernel would also embed all of plotly.js as HTML in every update.
    """
    import json

    return {"application/vnd.plotly.v1+json": json.loads(fig.to_json()), "text/plain": summary}


class Explorer:
    """ipywidgets controls (days, event types, cities, casualty groups) that redraw the views in place.

    The map and chart live in ``Output`` widgets whose ``outputs`` are replaced on every change: the
    frontend redraws them from the widget model, and headless runners (papermill, nbval) only see a
    state update (no output capture, which stalls nbclient on large outputs).
    """

    def __init__(self, ds: "Dataset", start: date, end: date, event_types: Sequence[str] | None = None,
                 cities: Sequence[str] | None = None, groups: Sequence[str] | None = None):
        import ipywidgets as w

        from qantar import geo, settings

        self.ds = ds
        self.regions, self.countries = geo.load_regions(), geo.load_countries()
        days = params.Window(settings.DEFAULT_START, settings.DEFAULT_END).days
        self.days = sorted({*days, start, end})
        self.day_range = w.SelectionRangeSlider(
            options=[(f"{d:%-d %b}", d) for d in self.days], index=(self.days.index(start), self.days.index(end)),
            description="Days", continuous_update=False, layout=w.Layout(width="560px"))
        self.types = w.SelectMultiple(options=params.CHOICES["event_types"](ds), value=tuple(params.as_list(event_types) or ()),
                                      description="Event types", rows=6)
        self.cities = w.SelectMultiple(options=params.unrest_city_choices(ds), value=tuple(params.as_list(cities) or ()), description="Cities", rows=6)
        self.groups = w.SelectMultiple(options=params.CHOICES["groups"](ds), value=tuple(params.as_list(groups) or ()),
                                       description="Groups", rows=6)
        for box in (self.types, self.cities, self.groups):
            box.add_class(f"qantar-{box.description.split()[0].lower()}")
        self.day_range.add_class("qantar-days")
        self.count = w.HTML()
        self.count.add_class("qantar-count")
        hint = w.HTML("<i>Nothing selected in a list means all. Ctrl/Cmd-click to select several.</i>")
        self.map_out, self.chart_out, self.table = w.Output(), w.Output(), w.HTML()
        for widget, name in ((self.map_out, "map"), (self.chart_out, "chart"), (self.table, "table")):
            widget.add_class(f"qantar-{name}")
        self.widget = w.VBox([self.day_range, w.HBox([self.types, self.cities, self.groups]), hint, self.count,
                              self.map_out, self.chart_out, self.table])
        for control in (self.day_range, self.types, self.cities, self.groups):
            control.observe(self._on_change, names="value")
        self.view: View | None = None
        self.update()

    def _on_change(self, _change: Any) -> None:
        self.update()

    def _bundles(self, view: View) -> dict[str, Any]:
        import pandas as pd

        from qantar import display
        from qantar.figures import casualties, maps
        from qantar.geo import MAP_BOUNDS
        from qantar.html import render
        from qantar.params import Window

        days = Window(view.start, view.end).days
        labels = display.source_labels(self.ds)
        frames = view.cities.assign(day=pd.Timestamp(days[-1]))
        fig = maps.interactive_protest_map(frames, view.city_events, self.regions, self.countries, [days[-1]],
                                           f"Cities with events, {display.window_label(view.start, view.end)}",
                                           MAP_BOUNDS, labels, animate=False)
        chart = casualties.interactive_casualties(view.claims, view.series, MEASURES,
                                                  f"Casualty figures, {display.window_label(view.start, view.end)}",
                                                  days, labels)
        table = view.events.assign(city=view.events["city"].fillna("—"))[TABLE_COLUMNS]
        rows = [[str(v) for v in r] for r in table.itertuples(index=False)]
        html = render("blocks/table.html.j2", name="explorer-events", title="Events", caption="", docs=[], files=[],
                      table={"id": "explorer-events", "columns": TABLE_COLUMNS, "rows": rows,
                             "numeric": [False] * len(TABLE_COLUMNS), "long": [False] * len(TABLE_COLUMNS)})
        return {
            "map": plotly_bundle(fig, f"Map: {len(view.cities)} cities ({', '.join(view.cities['city'])})"),
            "chart": plotly_bundle(chart, f"Casualty chart: {len(view.claims)} claims"),
            "table": {"text/html": html, "text/plain": f"Events table: {len(table)} rows"},
        }

    def update(self) -> View:
        """Recompute the view from the widgets' values and redraw count, map, chart and table in place."""
        from qantar.figures import style

        start, end = self.day_range.value
        # In the widgets nothing selected means all; the lib's word for all is None.
        view = compute_view(self.ds, start, end, *(list(box.value) or None for box in (self.types, self.cities, self.groups)))
        self.view = view
        bundles = self._bundles(view)
        for out, key in ((self.map_out, "map"), (self.chart_out, "chart")):
            out.outputs = ({"output_type": "display_data", "data": bundles[key], "metadata": {}},)
        self.table.value = bundles["table"]["text/html"]
        # The count changes last, so a reader (or a test) seeing the new count also sees the new figures.
        self.count.value = f"<b>{style.esc(view.label())}</b>"
        return view

    def show(self) -> None:
        """Display the controls, count, map, casualty chart and events table."""
        from IPython.display import display

        display(self.widget)

    def set(self, **values: Any) -> str:
        """Set widget values by name (days=(start, end), types, cities, groups) and return the new summary line."""
        for name, value in values.items():
            control = {"days": self.day_range, "types": self.types, "cities": self.cities, "groups": self.groups}[name]
            control.value = tuple(value) if name == "days" else tuple(params.as_list(value, name) or ())
        assert self.view is not None
        return self.view.label()
