"""Reaction figures: stances by actor, a timeline of statements and calls, the phone-call network, states by stance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qantar import display
from qantar.figures.style import SOURCE_NOTE, STANCE_COLOURS, literal_text

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd
    from matplotlib.figure import Figure

CHANNEL_MARKERS = {
    "phone_call": "o",
    "statement": "s",
    "televised_address": "D",
    "social_media_post": "^",
    "press_briefing": "P",
}


@literal_text
def plot_stance_bars(counts: "pd.DataFrame", title: str, ylabel: str) -> "Figure":
    """Horizontal stacked bars: statements per actor (rows of ``counts``) split by stance (columns)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 0.45 * len(counts) + 1.8))
    left = None
    rows = counts.iloc[::-1]
    for stance in rows.columns:
        vals = rows[stance].to_numpy()
        ax.barh(
            rows.index.astype(str),
            vals,
            left=left,
            color=STANCE_COLOURS.get(str(stance), "#999"),
            label=display.STANCE_LABELS.get(str(stance), str(stance)),
        )
        left = vals if left is None else left + vals
    ax.set_xlabel("statements and calls")
    ax.set_ylabel(ylabel)
    ax.set_title(title, loc="left", fontsize=12)
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1), title="stance", title_fontsize=8)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    fig.text(0.01, -0.02, SOURCE_NOTE, fontsize=7, color="#555555")
    fig.tight_layout()
    return fig


@literal_text
def plot_reaction_timeline(reactions: "pd.DataFrame", title: str) -> "Figure":
    """Each statement or call on its date (a line for date ranges), one row per state or body, coloured by stance."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    import numpy as np
    from matplotlib.collections import LineCollection

    rows = list(dict.fromkeys(reactions["speaks_for"].astype(str)))
    row_of = {r: i for i, r in enumerate(rows)}
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
            s=60,
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
                f"×{n:,}", (xi, yi), xytext=(6, 0), textcoords="offset points", fontsize=6, va="center", color="#333"
            )
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(rows)
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(mdates.DayLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d Jan"))
    ax.grid(axis="x", alpha=0.25)
    handles = [
        Line2D([], [], marker=m, ls="", color="#555", label=display.CHANNEL_LABELS.get(c, c))
        for c, m in CHANNEL_MARKERS.items()
    ]
    handles += [
        Line2D([], [], marker="o", ls="", color=STANCE_COLOURS[s], label=display.STANCE_LABELS.get(s, s))
        for s in dict.fromkeys(reactions["stance"].astype(str))
    ]
    ax.legend(handles=handles, fontsize=7, frameon=False, bbox_to_anchor=(1.01, 1), loc="upper left")
    ax.set_title(title, loc="left", fontsize=12)
    fig.text(
        0.01,
        -0.02,
        "A line marks a statement the texts date only to a range (drawn at its last possible day). "
        + SOURCE_NOTE
        + ("\n×N: N statements with the same state, dates, stance and channel." if (marks["n"] > 1).any() else ""),
        fontsize=7,
        color="#555555",
    )
    fig.tight_layout()
    return fig


@literal_text
def plot_call_network(graph: "nx.Graph", title: str) -> "Figure":
    """Phone calls as a graph: people as nodes (labelled with their state), calls as edges labelled with the date."""
    import matplotlib.pyplot as plt
    import networkx as nx

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
        node_size=[500 + 350 * degree[n] for n in graph.nodes],
        node_color="#dfe9f5",
        edgecolors="#4C78A8",
    )
    nx.draw_networkx_labels(
        graph,
        pos,
        ax=ax,
        font_size=8,
        labels={n: f"{n}\n({graph.nodes[n].get('state') or 'unnamed'})" for n in graph.nodes},
    )
    nx.draw_networkx_edge_labels(
        graph,
        pos,
        ax=ax,
        font_size=7,
        edge_labels={
            (a, b): f"{display.span_label(d['date_start'], d['date_end'], d['date_precision'])} "
            f"[{display.short_id(d['doc_id'])}]"
            for a, b, d in graph.edges(data=True)
        },
    )
    ax.set_title(title, loc="left", fontsize=12)
    ax.set_axis_off()
    ax.margins(0.18)
    fig.text(0.01, 0.01, SOURCE_NOTE, fontsize=7, color="#555555")
    return fig
