"""Reaction figures: stances by actor, a timeline of statements and calls, the phone-call network, states by stance."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from qantar import display
from qantar.figures.labels import PHONE_PT, extent_boxes, place_labels, wrap_text
from qantar.figures.style import SOURCE_NOTE, STANCE_COLOURS, clip, day_tick_formatter, literal_text

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd
    from matplotlib.figure import Figure

PHONE_NAME_CHARS = 22  # a longer name of a state or speaker is cut short on a phone (the table has it in full)
CHANNEL_MARKERS = {
    "phone_call": "o",
    "statement": "s",
    "televised_address": "D",
    "social_media_post": "^",
    "press_briefing": "P",
}


def _phone_frame(plot_h: float, legend_rows: int, title: str, note: str) -> tuple["Figure", Any, Any, float]:
    """A phone figure stacked top to bottom: title, the plot, its axis labels, a legend, the source note.

    Returns the figure, the plot's axes, the legend's axes and the figure's height (inches).
    """
    import matplotlib.pyplot as plt

    from qantar import settings

    width = settings.PHONE_FIG_WIDTH_IN
    line = PHONE_PT * 1.25 / 72
    title_h = (wrap_text(title, PHONE_PT + 1).count("\n") + 1) * line * 1.1 + 0.1
    axis_h = 2.3 * line + 0.15  # tick labels and the axis label under the plot
    legend_h = (legend_rows + 0.2) * line * 1.4 + 0.05
    note_h = (wrap_text(note, PHONE_PT).count("\n") + 1) * line + 0.05
    total = title_h + plot_h + axis_h + legend_h + note_h
    fig = plt.figure(figsize=(width, total))
    ax = fig.add_axes((0.3, (note_h + legend_h + axis_h) / total, 0.65, plot_h / total))
    legend_ax = fig.add_axes((0.0, note_h / total, 1.0, legend_h / total))
    legend_ax.set_axis_off()
    fig.text(0.0, 1.0, wrap_text(title, PHONE_PT + 1), fontsize=PHONE_PT + 1, va="top", ha="left")
    fig.text(0.0, 0.0, wrap_text(note, PHONE_PT), fontsize=PHONE_PT, color="#555555", va="bottom", ha="left")
    return fig, ax, legend_ax, total


def _fit_left(fig: "Figure", ax: Any, right_in: float = 0.2) -> None:
    """Set the plot's left edge just right of its widest y tick label, its right edge ``right_in`` from the edge."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # the Agg canvas has it; FigureCanvasBase does not declare it
    labels = [t for t in ax.get_yticklabels() if t.get_text()]
    widest = max((t.get_window_extent(renderer).width for t in labels), default=0.0) / fig.dpi
    pos = ax.get_position()
    left = (widest + 0.12) / fig.get_figwidth()
    ax.set_position((left, pos.y0, 1 - left - right_in / fig.get_figwidth(), pos.height))


def _short(name: str, phone: bool) -> str:
    """A state's or speaker's name as a phone's y axis shows it: cut at PHONE_NAME_CHARS characters."""
    return clip(name, PHONE_NAME_CHARS) if phone else name


@literal_text
def plot_stance_bars(counts: "pd.DataFrame", title: str, ylabel: str, phone: bool = False) -> "Figure":
    """Horizontal stacked bars: statements per actor (rows of ``counts``) split by stance (columns).

    With ``phone`` the chart is drawn for a phone's width: larger type, names cut short, the legend (only the
    stances drawn) under the bars.
    """
    import matplotlib.pyplot as plt

    present = [c for c in counts.columns if counts[c].sum() > 0] if phone else list(counts.columns)
    if phone:
        fig, ax, legend_ax, _ = _phone_frame(0.34 * len(counts) + 0.3, -(-len(present) // 2), title, SOURCE_NOTE)
    else:
        fig, ax = plt.subplots(figsize=(10, 0.45 * len(counts) + 1.8))
    left = None
    rows = counts.iloc[::-1]
    for stance in rows.columns:
        vals = rows[stance].to_numpy()
        ax.barh(
            [_short(str(r), phone) for r in rows.index],
            vals,
            left=left,
            color=STANCE_COLOURS.get(str(stance), "#999"),
            label=display.STANCE_LABELS.get(str(stance), str(stance)),
        )
        left = vals if left is None else left + vals
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    if phone:
        ax.set_xlabel("statements and calls", fontsize=PHONE_PT)
        ax.tick_params(labelsize=PHONE_PT)
        ax.margins(y=0.01)
        handles, names = ax.get_legend_handles_labels()
        keep = {display.STANCE_LABELS.get(str(c), str(c)) for c in present}
        chosen = [(h, n) for h, n in zip(handles, names, strict=True) if n in keep]
        legend_ax.legend(
            [h for h, _ in chosen],
            [n for _, n in chosen],
            title="stance",
            loc="upper left",
            ncols=2,
            fontsize=PHONE_PT,
            title_fontsize=PHONE_PT,
            frameon=False,
            alignment="left",
            borderaxespad=0.2,
        )
        _fit_left(fig, ax)
        return fig
    ax.set_xlabel("statements and calls")
    ax.set_ylabel(ylabel)
    ax.set_title(title, loc="left", fontsize=12)
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1), title="stance", title_fontsize=8)
    fig.text(0.01, -0.02, SOURCE_NOTE, fontsize=7, color="#555555")
    fig.tight_layout()
    return fig


@literal_text
def plot_reaction_timeline(reactions: "pd.DataFrame", title: str, phone: bool = False) -> "Figure":
    """Each statement or call on its date (a line for date ranges), one row per state or body, coloured by stance.

    With ``phone`` the chart is drawn for a phone's width: larger type, names cut short, fewer date ticks, and
    the legend (the channels and stances drawn) under the chart.
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    import numpy as np
    from matplotlib.collections import LineCollection

    rows = list(dict.fromkeys(reactions["speaks_for"].astype(str)))
    row_of = {r: i for i, r in enumerate(rows)}
    channels = list(dict.fromkeys(reactions["channel"].astype(str))) if phone else list(CHANNEL_MARKERS)
    stances = list(dict.fromkeys(reactions["stance"].astype(str)))
    note = "A line marks a statement the texts date only to a range (drawn at its last possible day). " + SOURCE_NOTE
    if phone:
        n_entries = len(channels) + len(stances)
        repeated = reactions.duplicated(["speaks_for", "date_start", "date_end", "stance", "channel"]).any()
        fig, ax, legend_ax, _ = _phone_frame(
            0.5 * len(rows) + 0.3,
            -(-n_entries // 2),
            title,
            note + (" ×N: N statements alike (state, dates, stance, channel)." if repeated else ""),
        )
    else:
        fig, ax = plt.subplots(figsize=(11, 0.55 * len(rows) + 2))
    # Reactions that would draw the same mark (same state, dates, stance and channel) are one mark with a count:
    # a scatter call per reaction re-scaled the axes each time.
    keys = ["speaks_for", "date_start", "date_end", "stance", "channel"]
    frame = reactions[keys].astype({"speaks_for": str, "stance": str, "channel": str})
    marks = frame.groupby(keys, sort=False, dropna=False).size().reset_index(name="n")
    y = marks["speaks_for"].map(row_of).to_numpy(float)
    # Marks of one row and first day are stacked below each other, at most 0.8 of a row apart in all, so a
    # crowded day stays inside its row.
    nth = marks.groupby([marks["speaks_for"], marks["date_start"]], sort=False).cumcount().to_numpy()
    per_day = marks.groupby([marks["speaks_for"], marks["date_start"]], sort=False)["n"].transform("size").to_numpy()
    step = np.minimum(0.16, 0.8 / np.maximum(per_day - 1, 1))
    y = y + step * nth
    colours = np.asarray([STANCE_COLOURS.get(s, "#999") for s in marks["stance"]], dtype=object)
    start, end = marks["date_start"], marks["date_end"]
    x = end.where(end > start, start)  # a range is drawn at its last possible day
    xn = mdates.date2num(x)
    ranged = (end > start).to_numpy()
    for channel in dict.fromkeys(marks["channel"]):  # one scatter per channel marker
        m = (marks["channel"] == channel).to_numpy()
        ax.scatter(
            x[m],
            y[m],
            marker=CHANNEL_MARKERS.get(channel, "o"),
            c=list(colours[m]),
            s=70 if phone else 60,
            edgecolors="black",
            linewidths=0.4,
            zorder=3,
        )
    if ranged.any():
        segments = [
            [(a, yy), (b, yy)] for a, b, yy in zip(mdates.date2num(start[ranged]), xn[ranged], y[ranged], strict=True)
        ]
        ax.add_collection(
            LineCollection(segments, colors=list(colours[ranged]), linewidths=3, alpha=0.35, capstyle="projecting")
        )
        ax.autoscale_view()
    for xi, yi, n in zip(xn, y, marks["n"], strict=True):
        if n > 1:
            ax.annotate(
                f"×{n:,}",
                (xi, yi),
                xytext=(6, 0),
                textcoords="offset points",
                fontsize=PHONE_PT if phone else 6,
                va="center",
                color="#333",
            )
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([_short(r, phone) for r in rows])
    ax.invert_yaxis()
    # One tick a day while they fit (at most a dozen, five on a phone), else one every few days.
    lo, hi = ax.get_xlim()
    if hi - lo <= 31:
        every = max(1, math.ceil((hi - lo) / (5 if phone else 12)))
        ax.xaxis.set_major_locator(mdates.DayLocator(interval=every))
        ax.xaxis.set_major_formatter(day_tick_formatter())
    else:  # a range reaching months later: months, with the year where it changes
        locator = mdates.AutoDateLocator(minticks=3, maxticks=5 if phone else 10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="x", alpha=0.25)
    handles = [
        Line2D([], [], marker=CHANNEL_MARKERS.get(c, "o"), ls="", color="#555", label=display.CHANNEL_LABELS.get(c, c))
        for c in channels
    ]
    handles += [
        Line2D([], [], marker="o", ls="", color=STANCE_COLOURS.get(s, "#999"), label=display.STANCE_LABELS.get(s, s))
        for s in stances
    ]
    if phone:
        ax.tick_params(labelsize=PHONE_PT)
        legend_ax.legend(
            handles=handles,
            loc="upper left",
            ncols=2,
            fontsize=PHONE_PT,
            frameon=False,
            borderaxespad=0.2,
        )
        _fit_left(fig, ax)
        return fig
    ax.legend(handles=handles, fontsize=7, frameon=False, bbox_to_anchor=(1.01, 1), loc="upper left")
    ax.set_title(title, loc="left", fontsize=12)
    fig.text(
        0.01,
        -0.02,
        note + ("\n×N: N statements with the same state, dates, stance and channel." if (marks["n"] > 1).any() else ""),
        fontsize=7,
        color="#555555",
    )
    fig.tight_layout()
    return fig


@literal_text
def plot_call_network(graph: "nx.Graph", title: str, phone: bool = False) -> "Figure":
    """Phone calls as a graph: people as nodes (labelled with their state), calls as edges labelled with the date.

    With ``phone`` the graph is drawn for a phone's width: larger type, names on short lines, dates alone on
    the calls (the source of each is in the table under the figure).
    """
    import matplotlib.pyplot as plt
    import networkx as nx

    if phone:
        fig, ax, legend_ax, _ = _phone_frame(4.0, 0, title, SOURCE_NOTE)
        legend_ax.remove()
        pos_ = ax.get_position()
        ax.set_position((0.02, pos_.y0 - 0.3 / fig.get_figheight(), 0.96, pos_.height + 0.3 / fig.get_figheight()))
    else:
        fig, ax = plt.subplots(figsize=(10, 6.5))
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no phone calls for these filters", ha="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    pos = nx.spring_layout(graph, seed=7, k=1.4)  # seeded: the same picture on every run
    degree = dict(graph.degree())
    nx.draw_networkx_edges(graph, pos, ax=ax, width=1.5, edge_color="#7f7f7f")
    nx.draw_networkx_nodes(
        graph,
        pos,
        ax=ax,
        node_size=[(250 + 150 * degree[n]) if phone else (500 + 350 * degree[n]) for n in graph.nodes],
        node_color="#dfe9f5",
        edgecolors="#4C78A8",
    )

    def name(n: str) -> str:
        state = graph.nodes[n].get("state") or "unnamed"
        return wrap_text(f"{n} ({state})", PHONE_PT, 1.5) if phone else f"{n}\n({state})"

    edge_text = {
        (a, b): display.span_label(d["date_start"], d["date_end"], d["date_precision"])
        + ("" if phone else f" [{display.short_id(d['doc_id'])}]")
        for a, b, d in graph.edges(data=True)
    }
    # Names and dates placed clear of each other and of the nodes, with a leader line where needed.
    ax.margins(0.3 if phone else 0.18)
    nodes = list(graph.nodes)
    radii = [math.sqrt((250 + 150 * degree[n]) if phone else (500 + 350 * degree[n])) / 2 for n in nodes]
    names = place_labels(
        ax,
        [pos[n][0] for n in nodes],
        [pos[n][1] for n in nodes],
        [name(n) for n in nodes],
        radii,
        fontsize=PHONE_PT if phone else 8,
        inside=True,
    )
    mids = [((pos[a][0] + pos[b][0]) / 2, (pos[a][1] + pos[b][1]) / 2) for a, b in edge_text]
    place_labels(
        ax,
        [m[0] for m in mids],
        [m[1] for m in mids],
        [str(t) for t in edge_text.values()],
        [2.0] * len(mids),
        fontsize=PHONE_PT if phone else 7,
        inside=True,
        avoid_boxes=extent_boxes(names),
        avoid=([pos[n][0] for n in nodes], [pos[n][1] for n in nodes], radii),
    )
    ax.set_axis_off()
    if phone:
        return fig
    ax.set_title(title, loc="left", fontsize=12)
    fig.text(0.01, 0.01, SOURCE_NOTE, fontsize=7, color="#555555")
    return fig
