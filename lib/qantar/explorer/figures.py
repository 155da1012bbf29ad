"""The explorer's figures, built from a view: shown by the app (the map updated in place) and written by the export."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, Sequence

from qantar import derive, display
from qantar.explorer.view import View, figure_titles, timeline_note

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from qantar.dataset import Dataset


# The app shows the map (a colour per first day), the timeline and the casualty chart (a colour per group) on one
# screen. The report's event-type colours reuse the group colours' hues (blue: protests there, security forces here),
# so the app's timeline takes colours of its own, chosen (CIEDE2000, qantar.figures.colours) to stay at least 18 apart
# from every group and day colour and from each other; the report's pages keep theirs.
APP_EVENT_TYPE_COLOURS = {
    "Protests": "#7570b3",
    "Riots": "#543005",
    "Battles": "#000000",
    "Violence against civilians": "#fdae61",
    "Explosions/Remote violence": "#003c30",
    "Strategic developments": "#dddddd",
}


def map_frame(view: View) -> "pd.DataFrame":
    """The map's city summary as one frame (the interactive map draws its last day)."""
    import pandas as pd

    return view.cities.assign(day=pd.Timestamp(view.end))


def build_figures(
    ds: "Dataset",
    view: View,
    regions: Any = None,
    countries: Any = None,
    only: Sequence[str] | None = None,
    notes_in_figures: bool = True,
) -> dict[str, Any]:
    """The figures of a view as plotly figures by name: map, timeline (every event type) and casualties.

    ``only`` names the ones to build (the app updates the map in place and rebuilds the two others).
    """
    from qantar import geo, params
    from qantar.figures import casualties, maps, timeline

    labels = display.source_labels(ds)
    days = params.Window(view.start, view.end).days
    titles = figure_titles(view)
    wanted = set(only or ("map", "timeline", "casualties"))
    out: dict[str, Any] = {}
    if "timeline" in wanted:
        out["timeline"] = timeline.interactive_timeline(
            view.timeline,
            params.CHOICES["event_types"](ds),
            titles["timeline"],
            timeline_note(view) if notes_in_figures else "",
        )
        for bars in out["timeline"].data:  # one meaning per colour on the app's screen (APP_EVENT_TYPE_COLOURS)
            bars.marker.color = APP_EVENT_TYPE_COLOURS.get(str(bars.name), bars.marker.color)
    if "casualties" in wanted:
        out["casualties"] = casualties.interactive_casualties(
            view.claims, view.series, view.measures, titles["casualties"], days, labels
        )
    if "map" not in wanted:
        return out
    regions = geo.load_regions() if regions is None else regions
    countries = geo.load_countries() if countries is None else countries
    fig_map = maps.interactive_protest_map(
        map_frame(view),
        view.city_events,
        regions,
        countries,
        [days[-1]],
        titles["map"],
        geo.MAP_BOUNDS,
        labels,
        animate=False,
    )
    fig_map.data[-1].update(**maps.city_trace(view.cities, view.city_events, labels, view.selection.cities))
    return {"map": fig_map, **out}


def plotly_bundle(fig: Any, summary: str) -> dict[str, Any]:
    """Display bundle of a plotly figure: the mimetype plotly's JupyterLab extension draws offline, and a text summary.

    Plotly's default renderer in a kernel would embed all of plotly.js as HTML in every update.
    """
    import json

    return {"application/vnd.plotly.v1+json": json.loads(fig.to_json()), "text/plain": summary}


def static_figures(ds: "Dataset", view: View, regions: Any = None, countries: Any = None) -> dict[str, Any]:
    """The view's figures drawn by matplotlib (the report's static versions, offline): map, timeline, casualties."""
    from qantar import geo, params
    from qantar.figures import casualties, maps, timeline
    from qantar.prose import undrawn_note

    titles = figure_titles(view)
    regions = geo.load_regions() if regions is None else regions
    countries = geo.load_countries() if countries is None else countries
    happenings = view.happenings
    return {
        "map": maps.static_protest_map(view.cities, regions, countries, titles["map"], geo.MAP_BOUNDS),
        "timeline": timeline.plot_daily_timeline(
            view.timeline,
            derive.key_events(view.events, happenings),
            undrawn_note(happenings) if happenings is not None else view.n_ranged,
            titles["timeline"],
        ),
        "casualties": casualties.plot_casualties(
            view.claims,
            view.series,
            view.measures,
            titles["casualties"],
            params.Window(view.start, view.end).days,
            display.source_labels(ds),
        ),
    }


def static_files(figures: dict[str, Any]) -> dict[str, bytes]:
    """PNG and SVG bytes of each matplotlib figure, saved as the report saves its figures; the figures are closed."""
    import matplotlib
    import matplotlib.pyplot as plt

    from qantar.figures.style import LITERAL_TEXT

    files: dict[str, bytes] = {}
    for name, fig in figures.items():
        for fmt, extra in (("png", {"dpi": 150, "metadata": {"Software": "qantar"}}), ("svg", {})):
            buf = io.BytesIO()
            with matplotlib.rc_context({**LITERAL_TEXT, "svg.fonttype": "none", "svg.hashsalt": "qantar"}):
                meta = extra.pop("metadata", {"Date": None, "Creator": "qantar"})
                fig.savefig(buf, format=fmt, bbox_inches="tight", facecolor="white", metadata=meta, **extra)
            files[f"{name}.{fmt}"] = buf.getvalue()
        plt.close(fig)
    return files


def figure_files(figures: dict[str, Any]) -> dict[str, str | bytes]:
    """Standalone HTML of each figure sharing one plotly.min.js beside them (for the export zip; works offline)."""
    from plotly.offline import get_plotlyjs

    from qantar.figures.style import PLOTLY_CONFIG

    files: dict[str, str | bytes] = {"plotly.min.js": get_plotlyjs()}
    for name, fig in figures.items():
        files[f"{name}.html"] = fig.to_html(include_plotlyjs="plotly.min.js", full_html=True, config=PLOTLY_CONFIG)
        files[f"{name}.json"] = fig.to_json()
    return files


def day_ticks(view: View) -> dict[str, Any]:
    """The casualty chart's day ticks for the app: day over month ('5<br>Jan'), narrow enough unrotated on a phone.

    Empty when the window spans months (the figure's own axis then labels months after its break)."""
    from qantar import params

    days = params.Window(view.start, view.end).days
    if (days[0].year, days[0].month) != (days[-1].year, days[-1].month):
        return {}
    return dict(ticktext=[f"{d.day}<br>{display.month_label(d, short=True)}" for d in days], tickangle=0)


def legend_below_ticks(fig: Any, gap_px: int = 52) -> None:
    """Move the casualty chart's legend ``gap_px`` under its panels, clear of the two-line day ticks (day_ticks).

    The figure grows by as much as the legend moves, so the panels keep their height and the legend is not cut."""
    margin = fig.layout.margin
    plot_height = fig.layout.height - (margin.t or 0) - (margin.b or 0)
    lower = max(0, round(gap_px + plot_height * float(fig.layout.legend.y or 0)))
    fig.update_layout(
        legend_y=-gap_px / plot_height, height=fig.layout.height + lower, margin_b=(margin.b or 0) + lower
    )
