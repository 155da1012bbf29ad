"""Overview figures: day-by-day timeline of events and the source-coverage matrix."""

from __future__ import annotations

import math
import textwrap
from typing import TYPE_CHECKING, Any, Sequence

from qantar import display
from qantar.figures.phone import phone_sizes
from qantar.figures.style import EVENT_TYPE_COLOURS, SOURCE_NOTE, esc, literal_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import plotly.graph_objects as go
    from matplotlib.figure import Figure


def timeline_bars(counts: "pd.DataFrame", event_types: Sequence[str]) -> list[dict[str, Any]]:
    """Bar data (x, y, hover) per event type, in ``event_types`` order; a type absent from ``counts`` has zeros."""
    x = [d.strftime(display.ISO_DAY) for d in counts.index]
    out = []
    for t in event_types:
        y = [int(v) for v in counts[t]] if t in counts.columns else [0] * len(counts)
        out.append(
            dict(
                x=x,
                y=y,
                hovertext=[
                    f"{esc(t)}: {esc(display.plural(v, 'event'))} on {esc(display.day_label(d))}"
                    for v, d in zip(y, counts.index, strict=True)
                ],
            )
        )
    return out


def interactive_timeline(counts: "pd.DataFrame", event_types: Sequence[str], title: str, note: str = "") -> "go.Figure":
    """Plotly stacked bars: day-precise happenings per day, a trace per event type (all, so updates keep traces)."""
    import plotly.graph_objects as go

    fig = go.Figure()
    for t, bars in zip(event_types, timeline_bars(counts, event_types), strict=True):
        fig.add_trace(go.Bar(name=t, marker_color=EVENT_TYPE_COLOURS.get(t, "#777"), hoverinfo="text", **bars))
    fig.update_layout(
        barmode="stack",
        title=dict(text=esc(title), x=0.01, font=dict(size=15)),
        height=340,
        plot_bgcolor="white",
        margin=dict(l=40, r=10, t=56, b=40),
        hoverlabel=dict(align="left"),
        legend=dict(orientation="h", x=0, y=-0.12, yanchor="top", font=dict(size=11)),
        # whole-number steps: small counts would otherwise get half steps shown as "1, 1, 2, 2"
        yaxis=dict(
            tickformat=",d",
            rangemode="tozero",
            gridcolor="#eeeeee",
            tick0=0,
            dtick=max(1, math.ceil(float(counts.sum(axis=1).max() if len(counts) else 0) / 6)),
        ),
        xaxis=dict(type="date", tickformat=display.PLOTLY_DAY_TICK, ticklabelmode="instant"),
    )
    if note:  # the app shows the note as text under the figure instead (an annotation does not wrap on a phone)
        fig.add_annotation(
            text=esc(note),
            xref="paper",
            yref="paper",
            x=0,
            y=1.02,
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            font=dict(size=11, color="#555"),
        )
    return fig


# Sizes (inches, points) of the overview figures on a desktop and on a phone (figures.phone: the phone default,
# with the timeline's height, and its key-event labels wrapped and a little smaller, as is its axis label).
DESKTOP = dict(width=11.0, height=5.5, label=8, ticks=10, axis=10, legend=8, title=12, note=8, wrap=0)
PHONE = phone_sizes(height=6.4, label=10, axis=10, wrap=22)


# Where a key event's label may go, from its bar's top (points): straight above at rising heights first, then
# moved left or right (a leader line joins a label to its day).
LABEL_OFFSETS = [(dx, dy) for dx in (0, 30, -30, 60, -60, 90, -90) for dy in range(10, 420, 4)]


@literal_text
def plot_daily_timeline(
    counts: "pd.DataFrame", keys: "pd.DataFrame", n_ranged: int | str, title: str, phone: bool = False
) -> "Figure":
    """Stacked bars of happenings dated to a day, per day and ACLED type, with key events annotated above.

    ``n_ranged`` is the note on what is not drawn (prose.undrawn_note), or how many happenings are not.
    Key events are labelled above their day where no other label, bar or the legend is (a leader line when
    moved); the axes grow taller until every label fits. ``phone`` draws it for a phone's width: larger type,
    day numbers, labels wrapped, the legend under the chart.
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.text import Annotation

    from qantar.figures.labels import place_labels, thin_tick_labels

    size = PHONE if phone else DESKTOP
    fig, ax = plt.subplots(figsize=(size["width"], size["height"]))
    bottom = None
    days = counts.index
    for etype in counts.columns:
        vals = counts[etype].to_numpy()
        ax.bar(
            days, vals, bottom=bottom, color=EVENT_TYPE_COLOURS.get(str(etype), "#999999"), label=str(etype), width=0.8
        )
        bottom = vals if bottom is None else bottom + vals
    totals = counts.sum(axis=1)
    top = max(int(totals.max()) if len(totals) else 0, 1)
    notes = []
    for k in keys.itertuples():
        # A happening known only to a range is pinned to the last day it can have happened by; one the texts date
        # differently to the earliest day a text gives.
        day = (k.date_start if k.date_precision in ("day", "disputed") else k.date_end).normalize()
        if day not in totals.index:
            continue
        suffix = {"day": "", "disputed": " (dates differ)"}.get(str(k.date_precision), " (by this day)")
        text = f"{display.KEY_EVENT_LABELS.get(str(k.event_kind), display.event_kind_label(k.event_kind))}{suffix}"
        notes.append((day, float(totals.loc[day]), textwrap.fill(text, int(size["wrap"])) if size["wrap"] else text))
    notes.sort(key=lambda n: n[0])
    ax.set_xticks(days)
    if phone:
        ax.set_xticklabels([display.day_month(d) if i == 0 else f"{d.day}" for i, d in enumerate(days)])
    else:
        ax.set_xticklabels([f"{display.weekday_short(d)}\n{display.day_month(d)}" for d in days])
    ax.tick_params(labelsize=size["ticks"])
    ax.set_ylabel("happenings dated to a day", fontsize=size["axis"])
    ax.set_title(textwrap.fill(title, 44) if phone else title, loc="left", fontsize=size["title"])
    legend = None
    if len(counts.columns):
        if phone:
            legend = ax.legend(
                title="ACLED event type",
                loc="upper left",
                bbox_to_anchor=(0.0, -0.1),
                fontsize=size["legend"],
                title_fontsize=size["legend"],
                frameon=False,
                ncol=2,
            )
        else:
            legend = ax.legend(title="ACLED event type", loc="upper right", fontsize=size["legend"], frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    note = (
        n_ranged
        if isinstance(n_ranged, str)
        else (
            f"{display.plural(n_ranged, 'happening')} known only to a date range, dated differently by the texts "
            f"or reaching outside the period {'is' if n_ranged == 1 else 'are'} not drawn."
            if n_ranged
            else ""
        )
    )
    note = f"{note} {SOURCE_NOTE}".strip()
    fig.tight_layout()
    if phone:
        thin_tick_labels(ax)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # the Agg canvas has it; FigureCanvasBase does not declare it
    xs = [float(mdates.date2num(d)) for d, _, _ in notes]
    ys = [y for _, y, _ in notes]
    # Room above the bars grows until every label has a free place inside the axes.
    for headroom in (1.9, 2.5, 3.2, 4.0, 5.0, 6.5, 8.0):
        ax.set_ylim(0, top * headroom + 1)
        bars = [
            tuple(ax.transData.transform([(x - 0.45, 0.0), (x + 0.45, y)]).ravel())
            for x, y in zip(mdates.date2num(days), totals, strict=True)
            if y > 0
        ]
        reserved = [tuple(legend.get_window_extent(renderer).extents)] if legend is not None and not phone else []
        placed = place_labels(
            ax,
            xs,
            ys,
            [t for _, _, t in notes],
            [2.0] * len(notes),
            fontsize=size["label"],
            inside=True,
            avoid_boxes=bars + reserved,
            offsets_pt=LABEL_OFFSETS,
            backdrop=True,
        )
        if len(placed) == len(notes):
            break
        for ann in [*placed, *(a for a in ax.texts if isinstance(a, Annotation) and not a.get_text())]:
            ann.remove()
    under = legend.get_window_extent(renderer) if phone and legend is not None else ax.get_tightbbox(renderer)
    y0 = under.transformed(fig.transFigure.inverted()).y0  # type: ignore[union-attr]  # drawn axes have a box
    fig.text(
        0.01,
        y0 - 0.01,
        textwrap.fill(note, 60) if phone else note,
        fontsize=size["note"],
        color="#555555",
        va="top",
    )
    return fig


MAX_COVERAGE_ROWS = 80  # fact rows drawn at most: more are unreadable (the shipped data has 74)
PHONE_COVERAGE_ROWS = 20  # on a phone: the rows reported by the most documents
# Sizes (inches, points); on a phone fact labels wrap to two lines (``wrap`` characters) to leave the columns room.
# ``row``: inches a row takes per line of its label.
COVERAGE_DESKTOP = dict(width=9.0, row=0.22, head=3.2, ticks=7, title=11, note=7, wrap=0)
COVERAGE_PHONE = phone_sizes(row=0.2, head=4.2, wrap=24)


def coverage_rows(
    matrix: "pd.DataFrame", fact_labels: dict[str, str], max_rows: int = MAX_COVERAGE_ROWS
) -> tuple["pd.DataFrame", list[str], list[int]]:
    """The rows the coverage figure draws, with their labels and how many facts each row stands for.

    Facts with the same label and the same documents are one row, labelled '… (×N)'. When more than
    ``max_rows`` rows remain, the ``max_rows`` reported by the most documents are kept, in date order.
    """
    import numpy as np

    labels = [fact_labels.get(f, f) for f in matrix.index]
    keyed = matrix.assign(_label=labels)
    first = ~keyed.duplicated().to_numpy()
    counts = keyed.groupby(list(keyed.columns), sort=False).size().to_numpy()  # in order of first appearance
    rows = matrix[first]
    names = [lab if n == 1 else f"{lab} (×{n:,})" for lab, n in zip(np.asarray(labels)[first], counts, strict=True)]
    if len(rows) > max_rows:
        cited = rows.sum(axis=1).to_numpy()
        # Stable sort: among rows cited equally often the earlier (in date order) is kept.
        keep = np.sort(np.argsort(-cited, kind="stable")[:max_rows])
        rows, names, counts = rows.iloc[keep], [names[i] for i in keep], counts[keep]
    return rows, names, [int(n) for n in counts]


@literal_text
def plot_coverage(
    matrix: "pd.DataFrame",
    fact_labels: dict[str, str],
    source_labels: dict[str, str],
    title: str,
    max_rows: int | None = None,
    data_file: str = "source_coverage_matrix.csv",
    phone: bool = False,
) -> "Figure":
    """Heat-map of which document (columns, by outlet and date) reports which fact (rows, in date order).

    Identical rows are drawn once ('(×N)'); at most ``max_rows`` rows are drawn (the most-cited; by default
    MAX_COVERAGE_ROWS, PHONE_COVERAGE_ROWS on a phone), and a note says how many facts are left out and that
    the full matrix is in ``data_file``. ``phone`` draws it for a phone's width, with larger type.
    """
    import matplotlib.pyplot as plt
    import numpy as np

    from qantar.figures.labels import text_boxes

    size = COVERAGE_PHONE if phone else COVERAGE_DESKTOP
    shown, names, counts = coverage_rows(
        matrix, fact_labels, max_rows or (PHONE_COVERAGE_ROWS if phone else MAX_COVERAGE_ROWS)
    )
    n_drawn = sum(counts)
    left_out = len(matrix) - n_drawn
    row_names = [textwrap.fill(n, int(size["wrap"])) for n in names] if size["wrap"] else names
    lines = max((n.count("\n") + 1 for n in row_names), default=1)
    height = max(4.0, size["row"] * lines * len(shown) + size["head"])
    fig, ax = plt.subplots(figsize=(size["width"], height))
    cells = shown.to_numpy()
    ax.imshow(cells, aspect="auto", cmap="Blues", vmin=0, vmax=1.4)
    ax.set_xticks(range(len(shown.columns)))
    # Upright column labels, one line on a phone: tilted ones take more room than they fill and would overlap.
    ax.set_xticklabels(
        [source_labels.get(c, c).replace(", ", " · " if phone else "\n", 1) for c in shown.columns],
        fontsize=size["ticks"],
        rotation=90,
        ha="center",
        va="bottom",
    )
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(shown.index)))
    ax.set_yticklabels(row_names, fontsize=size["ticks"])
    if phone:  # from the figure's left edge: the axes start far right of it, after the fact labels
        fig.suptitle(textwrap.fill(title, 44), x=0.02, ha="left", fontsize=size["title"])
    else:
        ax.set_title(title, loc="left", fontsize=size["title"])
    # One scatter over the filled cells: a text artist per cell made large matrices take minutes to draw.
    rows, cols = np.nonzero(cells)
    if len(rows):
        ax.scatter(cols, rows, marker="o", s=24, color="#08306b", linewidths=0, zorder=3)
        ax.set_xlim(-0.5, len(shown.columns) - 0.5)
        ax.set_ylim(len(shown) - 0.5, -0.5)
    notes = []
    if n_drawn > len(shown):
        notes.append("(×N): N facts with the same label and the same documents, drawn as one row.")
    if left_out:
        notes.append(
            f"{display.plural(left_out, 'fact')} of {len(matrix):,} not drawn (only the {len(shown)} rows reported "
            f"by the most documents are); the full matrix is in {data_file}."
        )
    fig.tight_layout()
    # The notes under the axes and their tick labels, once the layout is final.
    bottom = min(b.y0 for _, b in text_boxes(fig)) if fig.texts or ax.get_yticklabels() else 0
    y0 = fig.transFigure.inverted().transform((0, bottom))[1]
    wrap = 60 if phone else 110
    fig.text(
        0.01,
        y0 - 0.005,
        "\n".join(textwrap.fill(n, wrap) for n in [*notes, SOURCE_NOTE]),
        fontsize=size["note"],
        color="#555555",
        va="top",
    )
    return fig
