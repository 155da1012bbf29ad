"""Overview figures: day-by-day timeline of events and the source-coverage matrix."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Sequence

from qantar import display
from qantar.figures.style import EVENT_TYPE_COLOURS, SOURCE_NOTE, esc, literal_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import plotly.graph_objects as go
    from matplotlib.figure import Figure


def timeline_bars(counts: "pd.DataFrame", event_types: Sequence[str]) -> list[dict[str, Any]]:
    """Bar data (x, y, hover) per event type, in ``event_types`` order; a type absent from ``counts`` has zeros."""
    x = [d.strftime("%Y-%m-%d") for d in counts.index]
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
        xaxis=dict(type="date", tickformat="%-d %b", ticklabelmode="instant"),
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


@literal_text
def plot_daily_timeline(counts: "pd.DataFrame", keys: "pd.DataFrame", n_ranged: int | str, title: str) -> "Figure":
    """Stacked bars of happenings dated to a day, per day and ACLED type, with key events annotated above.

    ``n_ranged`` is the note on what is not drawn (prose.undrawn_note), or how many happenings are not.
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(11, 5.5))
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
    ax.set_ylim(0, top * 1.9 + 1)
    # Stack labels of key events per day so annotations on the same day do not overlap.
    per_day: dict = {}
    for k in keys.itertuples():
        # A happening known only to a range is pinned to the last day it can have happened by; one the texts date
        # differently to the earliest day a text gives.
        day = (k.date_start if k.date_precision in ("day", "disputed") else k.date_end).normalize()
        if day not in totals.index:
            continue
        level = per_day.get(day, 0)
        per_day[day] = level + 1
        y = totals.loc[day] + 0.4 + level * top * 0.17
        suffix = {"day": "", "disputed": " (dates differ)"}.get(str(k.date_precision), " (by this day)")
        ax.annotate(
            f"{display.KEY_EVENT_LABELS.get(str(k.event_kind), display.event_kind_label(k.event_kind))}{suffix}",
            xy=(day, totals.loc[day]),
            xytext=(day, y + top * 0.12),
            fontsize=8,
            ha="center",
            arrowprops=dict(arrowstyle="-", color="#888888", lw=0.6),
        )
    ax.set_xticks(days)
    ax.set_xticklabels([f"{d:%a}\n{d.day} {d:%b}" for d in days])
    ax.set_ylabel("happenings dated to a day")
    ax.set_title(title, loc="left", fontsize=12)
    if len(counts.columns):
        ax.legend(title="ACLED event type", loc="upper right", fontsize=8, frameon=False)
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
    fig.text(
        0.01,
        -0.02,
        f"{note} {SOURCE_NOTE}".strip(),
        fontsize=8,
        color="#555555",
    )
    fig.tight_layout()
    return fig


MAX_COVERAGE_ROWS = 80  # fact rows drawn at most: more are unreadable (the shipped data has 74)


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
    max_rows: int = MAX_COVERAGE_ROWS,
    data_file: str = "source_coverage_matrix.csv",
) -> "Figure":
    """Heat-map of which document (columns, by outlet and date) reports which fact (rows, in date order).

    Identical rows are drawn once ('(×N)'); at most ``max_rows`` rows are drawn (the most-cited), and a note
    says how many facts are left out and that the full matrix is in ``data_file``.
    """
    import matplotlib.pyplot as plt
    import numpy as np

    shown, names, counts = coverage_rows(matrix, fact_labels, max_rows)
    n_drawn = sum(counts)
    left_out = len(matrix) - n_drawn
    height = max(4.0, 0.22 * len(shown) + 2.2)
    fig, ax = plt.subplots(figsize=(9, height))
    cells = shown.to_numpy()
    ax.imshow(cells, aspect="auto", cmap="Blues", vmin=0, vmax=1.4)
    ax.set_xticks(range(len(shown.columns)))
    ax.set_xticklabels(
        [source_labels.get(c, c).replace(", ", "\n", 1) for c in shown.columns], fontsize=7, rotation=30, ha="left"
    )
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(shown.index)))
    ax.set_yticklabels(names, fontsize=7)
    ax.set_title(title, loc="left", fontsize=11, pad=60)
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
    fig.text(0.01, 0.005, "\n".join([*notes, SOURCE_NOTE]), fontsize=7, color="#555555")
    # Room under the axes for the extra note lines (none at all when nothing is merged or left out).
    fig.tight_layout(rect=(0, 0.16 * len(notes) / height, 1, 1))
    return fig
