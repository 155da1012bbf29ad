"""Casualty figures: every claim at its as-of date, one panel per measure, with the project's cumulative series.

The time axis is a **broken axis** (:class:`TimeAxis`), chosen over two panels so that one x axis, one set of
series lines and one legend serve every measure, in the PNG and in plotly alike. A window of up to
``settings.CASUALTY_DAILY_MAX_DAYS`` days is drawn day by day: one column per day, claims of the same day side
by side inside that day's column, between visible day separators, never shifted by hours. A longer window
(the default, January to August 2022) keeps those day columns for its first days (to 10 January, the day of
mourning, or its first week), then a break mark (a grey gap with slanted strokes on the axis), then time
compressed, more the later it is: a logarithmic scale of the days since the break, so that the weeks of the
first official tolls (mid-January) get room and the months after them less; month ticks show the compression.
There, claims of one day still sit side by side, in slots of fixed width, and neighbouring days never overlap.

Marks say how a figure is worded: a dot for an exact figure, a triangle for "at least"/"more than" (it could
be more), a diamond for a vague word drawn at ACLED's figure (dozens = 12, hundreds = 100, thousands =
1,000), and a bar for "about"/"some" spanning the project's own ±10 % band. Filled marks are national
figures, hollow ones Almaty only (or another place). A withdrawn claim is a hollow grey crossed circle,
labelled "withdrawn", and never feeds the line; a disputed one has a dotted ring and "disputed" in its label.
The step line is the series (derive.casualty_series): the highest figure stated so far, never falling.

The modules, by job: casualties_axis (the time axis and each claim's x), casualties_marks (which claims
become which marks), this one (the static chart, and every public name of the chart importable from here) and
casualties_interactive (the plotly chart).
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, Sequence

from qantar import display
from qantar.figures.casualties_axis import (
    BREAK_GAP,
    COMPRESSED_SLOT,
    COMPRESSION_DAYS,
    SLOT_WIDTH,
    TimeAxis,
    claim_positions,
    day_positions,
    time_axis,
)
from qantar.figures.casualties_interactive import interactive_casualties
from qantar.figures.casualties_marks import (
    BANDED,
    LINE_LABEL,
    MERGE_KEY,
    OPEN,
    VAGUE,
    WITHDRAWN_COLOUR,
    claim_statuses,
    merge_identical,
    plotted_claims,
)
from qantar.figures.phone import phone_sizes
from qantar.figures.style import GROUP_COLOURS, PLOTLY_CONFIG, SOURCE_NOTE, literal_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = [
    "BANDED",
    "BREAK_GAP",
    "COMPRESSED_SLOT",
    "COMPRESSION_DAYS",
    "LINE_LABEL",
    "MERGE_KEY",
    "OPEN",
    "PLOTLY_CONFIG",
    "SLOT_WIDTH",
    "TimeAxis",
    "VAGUE",
    "WITHDRAWN_COLOUR",
    "claim_positions",
    "day_positions",
    "interactive_casualties",
    "merge_identical",
    "plot_casualties",
    "time_axis",
]
MAX_LABELS = 40  # labels per panel at most; more cannot be placed readably
PHONE_LABELS = 5  # labels per panel on a phone: the largest figure of each group and scope, the largest first
# Sizes (inches, points) of the casualty chart on a desktop and on a phone (figures.phone: the phone default, with
# the panels' heights and the title's pad of this chart).
DESKTOP_SIZES = dict(
    width=11.5, panel=3.6, panel_broken=4.4, label=7, small=7, ticks=9, axis=11, legend=8, title=12, pad=1.0
)
PHONE_SIZES = phone_sizes(panel=3.4, panel_broken=3.6, pad=1.4)


def _withdrawn_marker() -> Any:
    """A circle with a cross inside: the mark of a withdrawn claim (one path, so one mark per claim)."""
    from matplotlib.path import Path

    k = 0.7071
    cross = Path([(-k, -k), (k, k), (-k, k), (k, -k)], [Path.MOVETO, Path.LINETO, Path.MOVETO, Path.LINETO])
    return Path.make_compound_path(Path.unit_circle(), cross)


def _draw_break(ax: Any, axis: TimeAxis, top: bool, phone: bool = False) -> None:
    """The break: a grey band between the day columns and the compressed scale, slanted strokes on the axis."""
    from matplotlib.transforms import blended_transform_factory

    lo, hi = axis.n_daily - 0.5, axis.after - COMPRESSED_SLOT
    ax.axvspan(lo, hi, color="#eeeeee", lw=0, zorder=0)
    trans = blended_transform_factory(ax.transData, ax.transAxes)
    for dx in (-0.12, 0.12):
        ax.plot(
            [axis.break_x + dx - 0.1, axis.break_x + dx + 0.1],
            [-0.035, 0.035],
            transform=trans,
            color="#333333",
            lw=1.3,
            clip_on=False,
            zorder=6,
        )
    if top:
        size = PHONE_SIZES if phone else DESKTOP_SIZES
        style = dict(transform=trans, fontsize=size["small"], color="#444444", va="bottom")
        ax.text(lo - 0.05, 1.01, "← by day", ha="right", **style)
        ax.text(
            hi + 0.1,
            1.01,
            "time compressed →" if phone else "axis broken: time compressed, more the later →",
            ha="left",
            **style,
        )


@literal_text
def plot_casualties(
    claims: "pd.DataFrame",
    series: "pd.DataFrame",
    measures: list[str],
    title: str,
    days: Sequence[Any],
    labels: dict[str, str],
    phone: bool = False,
) -> "Figure":
    """One panel per measure: every claim as a mark at its day, labelled with its wording, speaker and document.

    ``phone`` draws it for a phone's width (settings.PHONE_FIG_WIDTH_IN): larger type, the PHONE_LABELS largest
    figures of each panel labelled by wording and speaker, the legend in two columns.
    """
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    from qantar.figures.labels import place_labels, thin_tick_labels

    # Identical figures (the same document stating the same thing) are one mark: drawing and labelling each
    # copy costs time and hides nothing a reader could see.
    plotted = merge_identical(plotted_claims(claims, days))
    axis = time_axis(days)
    x, centres = claim_positions(plotted, axis)
    x_lo, x_hi = axis.limits
    if len(x):
        x_hi = max(x_hi, float(x.max()) + COMPRESSED_SLOT)
    size = PHONE_SIZES if phone else DESKTOP_SIZES
    fig, axes = plt.subplots(
        len(measures),
        1,
        figsize=(size["width"], size["panel_broken" if axis.broken else "panel"] * len(measures)),
        sharex=True,
        squeeze=False,
    )
    to_label: list[tuple[Any, Any, Any, list[str], Any, int]] = []
    statuses = claim_statuses(plotted)
    for ax, measure in zip(axes[:, 0], measures, strict=True):
        in_panel = (plotted["measure"].astype(str) == measure).to_numpy()
        sub = plotted[in_panel]
        status = statuses[in_panel]
        withdrawn = status == "withdrawn"
        xs_all = x[sub.index].to_numpy(float)
        ys_all = sub["acled"].astype(float).to_numpy()
        quals = sub["qualifier"].astype(str).to_numpy()
        colours = np.asarray([GROUP_COLOURS.get(str(g), "#333333") for g in sub["group"].astype(str)], dtype=object)
        colours[withdrawn] = WITHDRAWN_COLOUR
        national = (sub["scope_place_id"].astype(str) == "kz").to_numpy()
        markers = np.where(np.isin(quals, OPEN), "^", np.where(np.isin(quals, VAGUE), "D", "o"))
        banded = np.isin(quals, BANDED) & ~withdrawn
        top = 0.0
        if banded.any():
            highs = sub["high"].astype(float).to_numpy()[banded]
            ax.vlines(
                xs_all[banded],
                sub["low"].astype(float).to_numpy()[banded],
                highs,
                colors=list(colours[banded]),
                lw=1.6,
                zorder=3,
            )
            top = max(top, float(highs.max()))
        for i in np.flatnonzero((np.isin(quals, OPEN) | np.isin(quals, VAGUE)) & ~withdrawn):
            ax.annotate(
                "",
                xy=(xs_all[i], ys_all[i] * 1.18 + 1),
                xytext=(xs_all[i], ys_all[i]),
                zorder=3,
                arrowprops=dict(arrowstyle="-|>", color=colours[i], lw=1.0, shrinkA=0, shrinkB=0),
            )
        for marker in dict.fromkeys(markers[~withdrawn]):  # one scatter per marker style
            m = (markers == marker) & ~withdrawn
            ax.scatter(
                xs_all[m],
                ys_all[m],
                marker=marker,
                s=52,
                facecolors=[c if n else "white" for c, n in zip(colours[m], national[m], strict=True)],
                edgecolors=list(colours[m]),
                linewidths=1.6,
                zorder=4,
            )
        if withdrawn.any():
            ax.scatter(
                xs_all[withdrawn],
                ys_all[withdrawn],
                marker=_withdrawn_marker(),
                s=70,
                facecolors="white",
                edgecolors=WITHDRAWN_COLOUR,
                linewidths=1.4,
                zorder=4,
            )
        disputed = status == "disputed"
        if disputed.any():  # a dotted ring around the mark (a line, not a scatter: it is not another figure)
            ax.plot(
                xs_all[disputed],
                ys_all[disputed],
                ls="",
                marker="o",
                ms=15,
                mfc="none",
                mec="#333333",
                mew=1.1,
                zorder=5,
            )
        if len(ys_all):
            top = max(top, float(ys_all.max()) * 1.2)
        if phone:  # the largest figure of each group and scope (what each line reaches), the largest first
            keys = sub["group"].astype(str).to_numpy() + "|" + sub["scope_place_id"].astype(str).to_numpy()
            largest: dict[str, int] = {}
            for i in np.argsort(-ys_all, kind="stable"):
                largest.setdefault(keys[i], int(i))
            order = np.sort(np.asarray(list(largest.values())[:PHONE_LABELS], dtype=int))
        else:
            order = np.arange(min(len(sub), MAX_LABELS))
        labelled = sub.iloc[order]
        texts = [
            f"{display.claim_text(q, v)} · {display.attribution(sb, rb, short=True)}"
            + ("" if phone else f" [{display.short_id(d)}]")
            + (f" ×{n:,}" if n > 1 else "")
            + (f" · {display.CLAIM_STATUS_SHORT.get(st, st)}" if display.CLAIM_STATUS_SHORT.get(st, st) else "")
            for q, v, sb, rb, d, n, st in zip(
                labelled["qualifier"],
                labelled["value"],
                labelled["stated_by"],
                labelled["relayed_by"],
                labelled["doc_id"],
                labelled["n"],
                status[order],
                strict=True,
            )
        ]
        for (scope, group), grp in series[series["measure"].astype(str) == measure].groupby(
            ["scope_place_id", "group"], observed=True
        ):
            grp = grp[(grp["as_of_date"] >= axis.start) & (grp["as_of_date"] <= axis.day(axis.n_days - 1))]
            grp = grp.sort_values("as_of_date")
            if grp.empty:
                continue
            xs = [centres.get(d, axis.x(d)) for d in grp["as_of_date"]] + [x_hi]
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
        for day in range(axis.n_daily + 1):
            ax.axvline(day - 0.5, color="#d0d0d0", lw=0.7, zorder=1)
        for mx in axis.month_lines():
            ax.axvline(mx, color="#e4e4e4", lw=0.7, zorder=1)
        if axis.broken:
            _draw_break(ax, axis, top=ax is axes[0, 0], phone=phone)
        ax.set_xlim(x_lo, x_hi)
        ax.set_ylim(0, max(top, 10) * 1.08)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
        ax.set_ylabel(display.MEASURE_LABELS.get(measure, measure), fontsize=size["axis"])
        ax.tick_params(axis="y", labelsize=size["ticks"])
        ax.grid(axis="y", alpha=0.25)
        ax.spines[["top", "right"]].set_visible(False)
        others = np.setdiff1d(np.arange(len(sub)), order)
        to_label.append((ax, xs_all[order], ys_all[order], texts, (xs_all[others], ys_all[others]), len(sub)))
        if sub.empty:
            ax.text(0.5, 0.5, "no figure for these parameters", transform=ax.transAxes, ha="center", color="#777")
    ax = axes[-1, 0]
    ticks = axis.ticks(phone=phone)
    ax.set_xticks([t for t, _ in ticks])
    ax.set_xticklabels([label for _, label in ticks], fontsize=size["ticks"] if phone or not axis.broken else 8)
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
        Line2D([], [], color="black", lw=2.4, alpha=0.35, label=LINE_LABEL),
    ]
    if (statuses == "withdrawn").any():
        handles.append(
            Line2D(
                [],
                [],
                color=WITHDRAWN_COLOUR,
                marker=_withdrawn_marker(),
                markerfacecolor="white",
                ls="",
                markersize=8,
                label="withdrawn (not in the line)",
            )
        )
    if (statuses == "disputed").any():
        handles.append(
            Line2D(
                [],
                [],
                color="#333333",
                marker="o",
                markerfacecolor="none",
                ls="",
                markersize=10,
                label="disputed (ringed)",
            )
        )
    if phone:
        for h in handles:
            h.set_label(textwrap.fill(str(h.get_label()), 22))
    legend = fig.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=2 if phone else 5,
        fontsize=size["legend"],
        frameon=False,
    )
    title_text = textwrap.fill(title, 48) if phone else title
    axes[0, 0].set_title(title_text, loc="left", fontsize=size["title"], pad=(16 if axis.broken else 6) * size["pad"])
    note = (
        (
            "Each mark is one figure as one document states it; labels: the largest figure of each group and "
            f"scope (at most {PHONE_LABELS} a panel), wording · who stated it. Vague words sit at ACLED's figure. "
            if phone
            else "Each mark is one figure as one document states it; labels: wording · who stated it "
            "[document]. Vague words sit at ACLED's figure. "
        )
        + SOURCE_NOTE
        + (
            "\n×N: N identical records of one figure (same document, wording and speaker), drawn as one mark."
            if (plotted["n"] > 1).any()
            else ""
        )
    )
    fig.tight_layout()
    thin_tick_labels(axes[-1, 0])
    # Labels are placed once the layout is final (their offsets are in points), inside their panel.
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # the Agg canvas has it; FigureCanvasBase does not declare it
    for ax, lx, ly, texts, (ox, oy), n_marks in to_label:
        counted = None
        if not phone:  # room for the count of unlabelled marks, reserved before the labels (worst case: none)
            counted = ax.text(
                0.995,
                0.98,
                f"{display.plural(n_marks, 'mark')} not labelled (no room)",
                transform=ax.transAxes,
                ha="right",
                va="top",
                fontsize=size["small"],
                color="#555555",
            )
        reserved = [tuple(counted.get_window_extent(renderer).extents)] if counted is not None else []
        placed = place_labels(
            ax,
            lx,
            ly,
            texts,
            [4.5] * len(texts),
            fontsize=size["label"],
            avoid=(ox, oy, [4.5] * len(ox)),
            inside=True,
            avoid_boxes=reserved,
        )
        if counted is not None:
            left = n_marks - len(placed)
            if left:
                counted.set_text(f"{display.plural(left, 'mark')} not labelled (no room)")
            else:
                counted.remove()
    # The note under the legend, once the legend's height is known.
    legend_box = legend.get_window_extent(renderer).transformed(fig.transFigure.inverted())
    fig.text(
        0.01,
        legend_box.y0 - 0.01,
        textwrap.fill(note, 62) if phone else note,
        fontsize=size["small"],
        color="#555555",
        va="top",
    )
    return fig
