"""Casualty figures: every claim at its as-of date, one panel per measure, with the project's cumulative series.

Axes are linear with readable ticks. The x axis is by day: claims of the same day sit side by side
inside that day's column, between visible day separators, never shifted by hours. Marks say how a
figure is worded: a dot for an exact figure, a triangle for "at least"/"more than" (it could be more),
a diamond for a vague word drawn at ACLED's figure (dozens = 12, hundreds = 100, thousands = 1,000),
and a bar for "about"/"some" spanning the project's own ±10 % band. Filled marks are national
figures, hollow ones Almaty only. The step line is the series (derive.casualty_series).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from qantar import display
from qantar.figures.style import GROUP_COLOURS, PLOTLY_CONFIG, SOURCE_NOTE, esc, literal_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import plotly.graph_objects as go
    from matplotlib.figure import Figure

__all__ = ["PLOTLY_CONFIG", "day_positions", "interactive_casualties", "plot_casualties"]
VAGUE = ("dozens", "hundreds", "thousands")
OPEN = ("at_least", "more_than")
BANDED = ("about", "some")
SLOT_WIDTH = 0.72  # share of a day's column used by its claims


def day_positions(claims: "pd.DataFrame", days: Sequence[Any]) -> "pd.Series":
    """x position of each claim: its day's index, plus a slot inside the day so claims of one day sit side by side.

    Slots are shared across panels (measures) so that one document's claims line up vertically.
    """
    import pandas as pd

    index = {pd.Timestamp(d): i for i, d in enumerate(days)}
    out = pd.Series(index=claims.index, dtype=float)
    for day, grp in claims.groupby("as_of_date", sort=False):
        keys = sorted(
            {
                (str(g), str(s), str(doc))
                for g, s, doc in zip(grp["group"], grp["scope_place_id"], grp["doc_id"], strict=True)
            }
        )
        slot = {k: j for j, k in enumerate(keys)}
        width = SLOT_WIDTH / max(len(keys), 1)
        for idx, g, s, doc in zip(grp.index, grp["group"], grp["scope_place_id"], grp["doc_id"], strict=True):
            out[idx] = index[pd.Timestamp(day)] - SLOT_WIDTH / 2 + width * (slot[(str(g), str(s), str(doc))] + 0.5)
    return out


def _plotted(claims: "pd.DataFrame", days: Sequence[Any]) -> "pd.DataFrame":
    """Claims that can be drawn: a figure (ACLED's) and an as-of date inside the window."""
    import pandas as pd

    inside = claims["as_of_date"].isin([pd.Timestamp(d) for d in days])
    return claims[claims["acled"].notna() & inside]


def _day_ticks(days: Sequence[Any]) -> list[str]:
    return [f"{d:%a}\n{d.day} {d:%b}" for d in days]


@literal_text
def plot_casualties(
    claims: "pd.DataFrame",
    series: "pd.DataFrame",
    measures: list[str],
    title: str,
    days: Sequence[Any],
    labels: dict[str, str],
) -> "Figure":
    """One panel per measure: every claim as a mark at its day, labelled with its wording, speaker and document."""
    import matplotlib.pyplot as plt
    import pandas as pd
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    from qantar.figures.labels import place_labels

    plotted = _plotted(claims, days)
    x = day_positions(plotted, days)
    fig, axes = plt.subplots(len(measures), 1, figsize=(11.5, 3.6 * len(measures)), sharex=True, squeeze=False)
    index = {pd.Timestamp(d): i for i, d in enumerate(days)}
    for ax, measure in zip(axes[:, 0], measures, strict=True):
        sub = plotted[plotted["measure"].astype(str) == measure]
        label_pts: list[tuple[float, float, str]] = []
        top = 0.0
        for r in sub.itertuples():
            xi, colour, q = float(x[r.Index]), GROUP_COLOURS.get(str(r.group), "#333333"), str(r.qualifier)
            national = str(r.scope_place_id) == "kz"
            y = float(r.acled)
            face = colour if national else "white"
            marker = {"at_least": "^", "more_than": "^"}.get(q, "D" if q in VAGUE else "o")
            if q in BANDED:
                ax.vlines(xi, float(r.low), float(r.high), color=colour, lw=1.6, zorder=3)
                top = max(top, float(r.high))
            if q in OPEN or q in VAGUE:
                ax.annotate(
                    "",
                    xy=(xi, y * 1.18 + 1),
                    xytext=(xi, y),
                    zorder=3,
                    arrowprops=dict(arrowstyle="-|>", color=colour, lw=1.0, shrinkA=0, shrinkB=0),
                )
            ax.scatter([xi], [y], marker=marker, s=52, facecolors=face, edgecolors=colour, linewidths=1.6, zorder=4)
            top = max(top, y * 1.2)
            label_pts.append(
                (
                    xi,
                    y,
                    f"{display.claim_text(r.qualifier, r.value)} · "
                    f"{display.attribution(r.stated_by, r.relayed_by, short=True)} "
                    f"[{display.short_id(r.doc_id)}]",
                )
            )
        for (scope, group), grp in series[series["measure"].astype(str) == measure].groupby(
            ["scope_place_id", "group"], observed=True
        ):
            grp = grp[grp["as_of_date"].isin(index)].sort_values("as_of_date")
            if grp.empty:
                continue
            xs = [index[d] for d in grp["as_of_date"]] + [len(days) - 0.5]
            ys = list(grp["series"]) + [grp["series"].iloc[-1]]
            ax.step(
                xs,
                ys,
                where="post",
                color=GROUP_COLOURS.get(str(group), "#333"),
                lw=2.4,
                ls="-" if str(scope) == "kz" else (0, (4, 2)),
                alpha=0.35,
                zorder=2,
            )
        for i in range(len(days) + 1):
            ax.axvline(i - 0.5, color="#d0d0d0", lw=0.7, zorder=1)
        ax.set_xlim(-0.5, len(days) - 0.5)
        ax.set_ylim(0, max(top, 10) * 1.08)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
        ax.set_ylabel(display.MEASURE_LABELS.get(measure, measure), fontsize=11)
        ax.grid(axis="y", alpha=0.25)
        ax.spines[["top", "right"]].set_visible(False)
        if label_pts:
            xs_, ys_, texts = zip(*label_pts, strict=True)
            place_labels(ax, list(xs_), list(ys_), list(texts), [4.5] * len(xs_), fontsize=7)
        if sub.empty:
            ax.text(0.5, 0.5, "no figure for these parameters", transform=ax.transAxes, ha="center", color="#777")
    ax = axes[-1, 0]
    ax.set_xticks(range(len(days)))
    ax.set_xticklabels(_day_ticks(days), fontsize=9)
    groups = [g for g in display.GROUP_SHORT if g in set(plotted["group"].astype(str))]
    handles = [Line2D([], [], color=GROUP_COLOURS[g], marker="o", ls="", label=display.GROUP_SHORT[g]) for g in groups]
    handles += [
        Line2D([], [], color="black", marker="o", ls="", label="national (filled)"),
        Line2D([], [], color="black", marker="o", markerfacecolor="white", ls="", label="Almaty only (hollow)"),
        Line2D([], [], color="black", marker="^", ls="", label="at least / more than"),
        Line2D([], [], color="black", marker="D", ls="", label="dozens / hundreds / thousands"),
        Line2D([], [], color="black", marker="|", ls="", markersize=12, label="about / some: ±10 % band"),
        Line2D([], [], color="black", lw=2.4, alpha=0.35, label="cumulative series (never falls)"),
    ]
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=5, fontsize=8, frameon=False)
    axes[0, 0].set_title(title, loc="left", fontsize=12)
    fig.text(
        0.01,
        -0.075,
        "Each mark is one figure as one document states it; labels: wording · who stated it "
        "[document]. Vague words sit at ACLED's figure. " + SOURCE_NOTE,
        fontsize=7,
        color="#555555",
    )
    fig.tight_layout()
    return fig


def _hover(r: Any, labels: dict[str, str]) -> str:
    import pandas as pd

    high = "open" if pd.isna(r.high) else f"{int(r.high):,}"
    bounds = f"{int(r.low):,}–{high}"
    return (
        f"<b>{esc(display.claim_text(r.qualifier, r.value))}</b> "
        f"{esc(display.GROUP_SHORT.get(str(r.group), r.group))}"
        f" {esc(display.MEASURE_LABELS.get(str(r.measure), r.measure))}"
        f" ({esc(display.scope_label(r.scope_place_id))})<br>as of {esc(display.day_label(r.as_of_date, year=True))}"
        f" · ACLED figure {int(r.acled):,} · project bounds {bounds}<br>"
        f"stated by {esc(display.attribution(r.stated_by, r.relayed_by))}<br>"
        f"source: {esc(labels.get(str(r.doc_id), r.doc_id))}<br><i>“{esc(r.evidence)}”</i>"
    )


def interactive_casualties(
    claims: "pd.DataFrame",
    series: "pd.DataFrame",
    measures: list[str],
    title: str,
    days: Sequence[Any],
    labels: dict[str, str],
) -> "go.Figure":
    """Plotly version: a panel per measure on linear axes; hover gives wording, figures, speaker, source, evidence."""
    import pandas as pd
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    plotted = _plotted(claims, days)
    x = day_positions(plotted, days)
    fig = make_subplots(
        rows=len(measures),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.06,
        subplot_titles=[display.MEASURE_LABELS.get(m, m) for m in measures],
    )
    index = {pd.Timestamp(d): i for i, d in enumerate(days)}
    seen: set[str] = set()
    for row, measure in enumerate(measures, start=1):
        sub = plotted[plotted["measure"].astype(str) == measure]
        for (group, scope), grp in sub.groupby(["group", "scope_place_id"], observed=True, sort=True):
            colour = GROUP_COLOURS.get(str(group), "#333")
            name = f"{display.GROUP_SHORT.get(str(group), group)} · {display.scope_label(scope)}"
            symbols = [
                {"at_least": "triangle-up", "more_than": "triangle-up"}.get(
                    str(q), "diamond" if str(q) in VAGUE else "circle"
                )
                + ("" if str(scope) == "kz" else "-open")
                for q in grp["qualifier"]
            ]
            high = [
                float(h) - float(a) if str(q) in BANDED else 0.0
                for q, h, a in zip(grp["qualifier"], grp["high"].astype("Float64").fillna(0), grp["acled"], strict=True)
            ]
            low = [
                float(a) - float(lo) if str(q) in BANDED else 0.0
                for q, lo, a in zip(grp["qualifier"], grp["low"].astype("Float64").fillna(0), grp["acled"], strict=True)
            ]
            fig.add_trace(
                go.Scatter(
                    x=[float(x[i]) for i in grp.index],
                    y=grp["acled"].astype(float),
                    mode="markers",
                    name=name,
                    legendgroup=name,
                    showlegend=name not in seen,
                    marker=dict(color=colour, size=11, symbol=symbols, line=dict(width=2, color=colour)),
                    error_y=dict(
                        type="data", symmetric=False, array=high, arrayminus=low, thickness=1.4, width=0, color=colour
                    ),
                    hovertext=[_hover(r, labels) for r in grp.itertuples()],
                    hoverinfo="text",
                ),
                row=row,
                col=1,
            )
            seen.add(name)
        for (scope, group), grp in series[series["measure"].astype(str) == measure].groupby(
            ["scope_place_id", "group"], observed=True
        ):
            grp = grp[grp["as_of_date"].isin(index)].sort_values("as_of_date")
            if grp.empty:
                continue
            name = "cumulative series (never falls)"
            fig.add_trace(
                go.Scatter(
                    x=[index[d] for d in grp["as_of_date"]] + [len(days) - 0.5],
                    y=list(grp["series"]) + [grp["series"].iloc[-1]],
                    mode="lines",
                    line=dict(
                        shape="hv",
                        width=3,
                        dash="solid" if str(scope) == "kz" else "dash",
                        color=GROUP_COLOURS.get(str(group), "#333"),
                    ),
                    opacity=0.35,
                    name=name,
                    legendgroup="series",
                    showlegend=name not in seen,
                    hoverinfo="skip",
                ),
                row=row,
                col=1,
            )
            seen.add(name)
        fig.update_yaxes(rangemode="tozero", tickformat=",d", title_text=None, row=row, col=1)
    ticks = [f"{d.day} {d:%b}" for d in days]
    fig.update_xaxes(
        tickmode="array", tickvals=list(range(len(days))), ticktext=ticks, range=[-0.5, len(days) - 0.5], showgrid=False
    )
    # Day separators in every panel, given as one list of shapes (add_vline per line and panel is slow).
    xrefs = ["x" if r == 1 else f"x{r}" for r in range(1, len(measures) + 1)]
    fig.update_layout(
        shapes=[
            dict(
                type="line",
                xref=xref,
                yref=f"{xref.replace('x', 'y')} domain",
                x0=i - 0.5,
                x1=i - 0.5,
                y0=0,
                y1=1,
                line=dict(color="#d6d6d6", width=1),
            )
            for xref in xrefs
            for i in range(len(days) + 1)
        ]
    )
    fig.update_layout(
        title=dict(text=esc(title), x=0.01, font=dict(size=15)),
        height=260 + 230 * len(measures),
        plot_bgcolor="white",
        margin=dict(l=50, r=10, t=70, b=120),
        hoverlabel=dict(align="left"),
        legend=dict(orientation="h", x=0, y=-0.04, yanchor="top", font=dict(size=11)),
        annotations=[*fig.layout.annotations],
    )
    return fig
