"""Overview figures: day-by-day timeline of events and the source-coverage matrix."""
from __future__ import annotations

from typing import TYPE_CHECKING

from qantar.figures.style import EVENT_TYPE_COLOURS, SOURCE_NOTE, literal_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure


@literal_text
def plot_daily_timeline(counts: "pd.DataFrame", keys: "pd.DataFrame", n_ranged: int, title: str) -> "Figure":
    """Stacked bars of day-precise events per day and ACLED type, with key events annotated above."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(11, 5.5))
    bottom = None
    days = counts.index
    for etype in counts.columns:
        vals = counts[etype].to_numpy()
        ax.bar(days, vals, bottom=bottom, color=EVENT_TYPE_COLOURS.get(str(etype), "#999999"), label=str(etype), width=0.8)
        bottom = vals if bottom is None else bottom + vals
    totals = counts.sum(axis=1)
    top = max(int(totals.max()), 1)
    ax.set_ylim(0, top * 1.9 + 1)
    # Stack labels of key events per day so annotations on the same day do not overlap.
    per_day: dict = {}
    for k in keys.itertuples():
        # A happening known only to a range is pinned to the last day it can have happened by.
        day = (k.date_start if k.date_precision == "day" else k.date_end).normalize()
        if day not in totals.index:
            continue
        level = per_day.get(day, 0)
        per_day[day] = level + 1
        y = totals.loc[day] + 0.4 + level * top * 0.17
        suffix = "" if k.date_precision == "day" else " (by this day)"
        ax.annotate(f"{k.label}{suffix}", xy=(day, totals.loc[day]), xytext=(day, y + top * 0.12), fontsize=8,
                    ha="center", arrowprops=dict(arrowstyle="-", color="#888888", lw=0.6))
    ax.set_xticks(days)
    ax.set_xticklabels([f"{d:%a}\n{d:%-d Jan}" for d in days])
    ax.set_ylabel("events reported (day-precise)")
    ax.set_title(title, loc="left", fontsize=12)
    ax.legend(title="ACLED event type", loc="upper right", fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.text(0.01, -0.02, f"{n_ranged} happening(s) known only to a date range are not drawn. {SOURCE_NOTE}",
             fontsize=8, color="#555555")
    fig.tight_layout()
    return fig


@literal_text
def plot_coverage(matrix: "pd.DataFrame", title: str) -> "Figure":
    """Heat-map of which document (columns) reports which fact (rows)."""
    import matplotlib.pyplot as plt

    height = max(4.0, 0.2 * len(matrix) + 1.5)
    fig, ax = plt.subplots(figsize=(8, height))
    ax.imshow(matrix.to_numpy(), aspect="auto", cmap="Blues", vmin=0, vmax=1.4)
    ax.set_xticks(range(len(matrix.columns)))
    ax.set_xticklabels([c[:3] for c in matrix.columns])
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(matrix.index)))
    ax.set_yticklabels(matrix.index, fontsize=7)
    ax.set_xlabel("document id (first three characters)")
    ax.xaxis.set_label_position("top")
    ax.set_title(title, loc="left", fontsize=11, pad=28)
    for i, row in enumerate(matrix.to_numpy()):
        for j, v in enumerate(row):
            if v:
                ax.text(j, i, "●", ha="center", va="center", fontsize=6, color="#08306b")
    fig.tight_layout()
    return fig
