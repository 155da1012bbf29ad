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
    day = pd.to_datetime(claims["as_of_date"])
    # One slot per (group, place, document) and day, in sorted order; NUL sorts before any character, so the
    # joined key sorts as the tuple (group, place, document) would.
    key = (
        claims["group"].astype(str) + "\0" + claims["scope_place_id"].astype(str) + "\0" + claims["doc_id"].astype(str)
    )
    frame = pd.DataFrame({"day": day.to_numpy(), "key": key.to_numpy()})
    slots = frame.drop_duplicates().sort_values(["day", "key"])
    slots["slot"] = slots.groupby("day").cumcount()
    slots["n"] = slots.groupby("day")["key"].transform("size")
    placed = frame.merge(slots, on=["day", "key"], how="left")
    width = SLOT_WIDTH / placed["n"].clip(lower=1)
    base = placed["day"].map(index).astype(float)
    return pd.Series((base - SLOT_WIDTH / 2 + width * (placed["slot"] + 0.5)).to_numpy(float), index=claims.index)


MERGE_KEY = [
    "as_of_date",
    "measure",
    "group",
    "scope_place_id",
    "qualifier",
    "value",
    "acled",
    "low",
    "high",
    "stated_by",
    "relayed_by",
    "doc_id",
]
MAX_LABELS = 40  # labels per panel at most; more cannot be placed readably


def merge_identical(claims: "pd.DataFrame") -> "pd.DataFrame":
    """One row per distinct figure (same day, measure, group, place, wording, value, speaker and document).

    The first such row is kept, in the frame's order, with the number of rows it stands for in column ``n``.
    """
    if claims.empty:
        return claims.assign(n=1)
    gid = claims.groupby(
        [c for c in MERGE_KEY if c in claims.columns], dropna=False, observed=True, sort=False
    ).ngroup()
    first = ~gid.duplicated()
    counts = gid.value_counts()
    out = claims[first.to_numpy()]
    return out.assign(n=counts.reindex(gid[first.to_numpy()]).to_numpy())


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
    import numpy as np
    import pandas as pd
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    from qantar.figures.labels import place_labels

    # Identical figures (the same document stating the same thing) are one mark: drawing and labelling each
    # copy costs time and hides nothing a reader could see.
    plotted = merge_identical(_plotted(claims, days))
    x = day_positions(plotted, days)
    fig, axes = plt.subplots(len(measures), 1, figsize=(11.5, 3.6 * len(measures)), sharex=True, squeeze=False)
    index = {pd.Timestamp(d): i for i, d in enumerate(days)}
    for ax, measure in zip(axes[:, 0], measures, strict=True):
        sub = plotted[plotted["measure"].astype(str) == measure]
        xs_all = x[sub.index].to_numpy(float)
        ys_all = sub["acled"].astype(float).to_numpy()
        quals = sub["qualifier"].astype(str).to_numpy()
        colours = [GROUP_COLOURS.get(str(g), "#333333") for g in sub["group"].astype(str)]
        national = (sub["scope_place_id"].astype(str) == "kz").to_numpy()
        markers = np.where(np.isin(quals, OPEN), "^", np.where(np.isin(quals, VAGUE), "D", "o"))
        banded = np.isin(quals, BANDED)
        top = 0.0
        if banded.any():
            highs = sub["high"].astype(float).to_numpy()[banded]
            ax.vlines(
                xs_all[banded],
                sub["low"].astype(float).to_numpy()[banded],
                highs,
                colors=[c for c, b in zip(colours, banded, strict=True) if b],
                lw=1.6,
                zorder=3,
            )
            top = max(top, float(highs.max()))
        for i in np.flatnonzero(np.isin(quals, OPEN) | np.isin(quals, VAGUE)):
            ax.annotate(
                "",
                xy=(xs_all[i], ys_all[i] * 1.18 + 1),
                xytext=(xs_all[i], ys_all[i]),
                zorder=3,
                arrowprops=dict(arrowstyle="-|>", color=colours[i], lw=1.0, shrinkA=0, shrinkB=0),
            )
        for marker in dict.fromkeys(markers):  # one scatter per marker style
            m = markers == marker
            ax.scatter(
                xs_all[m],
                ys_all[m],
                marker=marker,
                s=52,
                facecolors=[c if n else "white" for c, n in zip(np.asarray(colours)[m], national[m], strict=True)],
                edgecolors=list(np.asarray(colours)[m]),
                linewidths=1.6,
                zorder=4,
            )
        if len(ys_all):
            top = max(top, float(ys_all.max()) * 1.2)
        labelled = sub.iloc[:MAX_LABELS]
        texts = [
            f"{display.claim_text(q, v)} · {display.attribution(sb, rb, short=True)} [{display.short_id(d)}]"
            + (f" ×{n:,}" if n > 1 else "")
            for q, v, sb, rb, d, n in zip(
                labelled["qualifier"],
                labelled["value"],
                labelled["stated_by"],
                labelled["relayed_by"],
                labelled["doc_id"],
                labelled["n"],
                strict=True,
            )
        ]
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
        if texts:
            k = len(texts)
            rest = (xs_all[k:], ys_all[k:], [4.5] * (len(xs_all) - k))
            place_labels(ax, xs_all[:k], ys_all[:k], texts, [4.5] * k, fontsize=7, avoid=rest)
        if len(sub) > MAX_LABELS:
            ax.text(
                0.995,
                0.98,
                f"{display.plural(len(sub) - MAX_LABELS, 'mark')} not labelled (the first {MAX_LABELS} are)",
                transform=ax.transAxes,
                ha="right",
                va="top",
                fontsize=7,
                color="#555555",
            )
        if sub.empty:
            ax.text(0.5, 0.5, "no figure for these parameters", transform=ax.transAxes, ha="center", color="#777")
    ax = axes[-1, 0]
    ax.set_xticks(range(len(days)))
    ax.set_xticklabels(_day_ticks(days), fontsize=9)
    groups = [g for g in display.GROUP_SHORT if g in set(plotted["group"].astype(str))]
    handles = [Line2D([], [], color=GROUP_COLOURS[g], marker="o", ls="", label=display.GROUP_SHORT[g]) for g in groups]
    handles += [
        Line2D([], [], color="black", marker="o", ls="", label=f"{display.scope_label('kz')} (filled)"),
        Line2D(
            [],
            [],
            color="black",
            marker="o",
            markerfacecolor="white",
            ls="",
            label=f"{display.scope_label('almaty')} (hollow)",
        ),
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
        "[document]. Vague words sit at ACLED's figure. "
        + SOURCE_NOTE
        + (
            "\n×N: N identical records of one figure (same document, wording and speaker), drawn as one mark."
            if (plotted["n"] > 1).any()
            else ""
        ),
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
        + (f"<br>{int(r.n):,} identical records of this figure" if getattr(r, "n", 1) > 1 else "")
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

    plotted = merge_identical(_plotted(claims, days))  # as in the static figure: one mark per distinct figure
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
