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
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

from qantar import display, settings
from qantar.figures.phone import phone_sizes
from qantar.figures.style import GROUP_COLOURS, PLOTLY_CONFIG, SOURCE_NOTE, esc, literal_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import plotly.graph_objects as go
    from matplotlib.figure import Figure

__all__ = [
    "PLOTLY_CONFIG",
    "TimeAxis",
    "claim_positions",
    "day_positions",
    "interactive_casualties",
    "plot_casualties",
    "time_axis",
]
VAGUE = ("dozens", "hundreds", "thousands")
OPEN = ("at_least", "more_than")
BANDED = ("about", "some")
SLOT_WIDTH = 0.72  # share of a day's column used by its claims
COMPRESSED_SLOT = 0.22  # width of one claim's slot after the break, in day columns
BREAK_GAP = 0.9  # width of the break between the day columns and the compressed scale, in day columns
COMPRESSION_DAYS = 14.0  # the log scale's time constant: about the first two weeks after the break stay wide
WITHDRAWN_COLOUR = "#8a8a8a"
LINE_LABEL = "line: highest figure stated so far (never falls)"


@dataclass(frozen=True)
class TimeAxis:
    """x positions of a window's days: day columns, then (for a long window) a break and a compressed log scale.

    Day ``i`` of the window (0-based) is at ``i`` while ``i < n_daily``; later days are at
    ``after + width * ln(1 + (d - 1) / COMPRESSION_DAYS) / ln(1 + (n_rest - 1) / COMPRESSION_DAYS)``, d the
    days after the last day column (1 for the first), so the first sits at ``after`` and the last at
    ``after + width``.
    """

    start: "pd.Timestamp"
    n_days: int
    n_daily: int
    width: float

    @property
    def broken(self) -> bool:
        """Whether the axis has a break (days after the day columns)."""
        return self.n_daily < self.n_days

    @property
    def after(self) -> float:
        """x of the first day after the break."""
        return self.n_daily - 0.5 + BREAK_GAP

    @property
    def break_x(self) -> float:
        """x of the middle of the break."""
        return self.n_daily - 0.5 + BREAK_GAP / 2

    @property
    def limits(self) -> tuple[float, float]:
        """The x range drawn."""
        return (-0.5, self.after + self.width + 0.5 if self.broken else self.n_days - 0.5)

    def x(self, day: Any) -> float:
        """x of a day (its column's middle, or its place on the compressed scale)."""
        import pandas as pd

        i = (pd.Timestamp(day) - self.start).days
        if i < self.n_daily:
            return float(i)
        d, rest = i - self.n_daily + 1, self.n_days - self.n_daily
        if rest <= 1:
            return self.after
        return self.after + self.width * math.log1p((d - 1) / COMPRESSION_DAYS) / math.log1p(
            (rest - 1) / COMPRESSION_DAYS
        )

    def day(self, i: int) -> "pd.Timestamp":
        """The window's i-th day."""
        import pandas as pd

        return self.start + pd.Timedelta(days=i)

    def ticks(self, phone: bool = False) -> list[tuple[float, str]]:
        """(x, label) of each tick: every day column, then the 1st and 15th of months where there is room."""
        # on a phone: day numbers, the month with the first
        out = [(float(i), _day_tick(self.day(i), phone and i > 0)) for i in range(self.n_daily)]
        if phone:
            out[0] = (0.0, f"{self.day(0).day} {self.day(0):%b}")
        if not self.broken:
            return out
        import pandas as pd

        first, last = self.day(self.n_daily), self.day(self.n_days - 1)
        candidates = [first] + [d for d in pd.date_range(first, last, freq="D") if d.day in (1, 15) and d != first]
        kept: list[tuple[float, str]] = []
        for d in candidates:
            x = self.x(d)
            if kept and x - kept[-1][0] < 1.1:
                continue
            kept.append((x, f"{d.day} {d:%b}" if not phone else f"{d:%b}" if d.day == 1 else f"{d.day} {d:%b}"))
        return out + kept

    def month_lines(self) -> list[float]:
        """x of each 1st of a month after the break (faint guides on the compressed scale)."""
        import pandas as pd

        if not self.broken:
            return []
        days = pd.date_range(self.day(self.n_daily), self.day(self.n_days - 1), freq="MS")
        return [self.x(d) for d in days]


def _day_tick(day: Any, phone: bool = False) -> str:
    return f"{day.day}" if phone else f"{day:%a}\n{day.day} {day:%b}"


def time_axis(days: Sequence[Any]) -> TimeAxis:
    """The casualty chart's time axis for a window's days (the module doc gives the rule)."""
    import pandas as pd

    start, n = pd.Timestamp(days[0]), len(days)
    if n <= settings.CASUALTY_DAILY_MAX_DAYS:
        return TimeAxis(start, n, n, 0.0)
    to_mourning = (pd.Timestamp(settings.DEFAULT_END) - start).days + 1
    n_daily = to_mourning if 3 <= to_mourning <= n else 7
    return TimeAxis(start, n, n_daily, max(6.0, 1.4 * n_daily))


def claim_positions(claims: "pd.DataFrame", axis: TimeAxis) -> tuple["pd.Series", dict[Any, float]]:
    """x of each claim, and the x each day's claims centre on (where its series step sits).

    A slot per (group, place, document) and day, shared across panels so one document's claims line up.
    In a day column the slots share ``SLOT_WIDTH``; after the break each slot is ``COMPRESSED_SLOT`` wide,
    a day's slots centre on its date and move right, in date order, only as far as needed not to overlap
    the day before.
    """
    import pandas as pd

    day = pd.to_datetime(claims["as_of_date"])
    # NUL sorts before any character, so the joined key sorts as the tuple (group, place, document) would.
    key = (
        claims["group"].astype(str) + "\0" + claims["scope_place_id"].astype(str) + "\0" + claims["doc_id"].astype(str)
    )
    frame = pd.DataFrame({"day": day.to_numpy(), "key": key.to_numpy()})
    slots = frame.drop_duplicates().sort_values(["day", "key"])
    slots["slot"] = slots.groupby("day").cumcount()
    counts = slots.groupby("day")["key"].size()
    left: dict[Any, float] = {}
    width: dict[Any, float] = {}
    centre: dict[Any, float] = {}
    edge = axis.after - COMPRESSED_SLOT  # the compressed scale's claims never reach into the break
    for d, n in counts.items():
        x = axis.x(d)
        if (pd.Timestamp(d) - axis.start).days < axis.n_daily:
            width[d] = SLOT_WIDTH / max(int(n), 1)
            left[d] = x - SLOT_WIDTH / 2
            centre[d] = x
            continue
        width[d] = COMPRESSED_SLOT
        left[d] = max(x - COMPRESSED_SLOT * int(n) / 2, edge)
        edge = left[d] + COMPRESSED_SLOT * int(n) + 0.04
        centre[d] = left[d] + COMPRESSED_SLOT * int(n) / 2
    placed = frame.merge(slots, on=["day", "key"], how="left")
    xs = [left[d] + width[d] * (s + 0.5) for d, s in zip(placed["day"], placed["slot"], strict=True)]
    return pd.Series(xs, index=claims.index, dtype=float), centre


def day_positions(claims: "pd.DataFrame", days: Sequence[Any]) -> "pd.Series":
    """x position of each claim on the window's time axis (:func:`claim_positions` on :func:`time_axis`)."""
    return claim_positions(claims, time_axis(days))[0]


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
PHONE_LABELS = 5  # labels per panel on a phone: the largest figure of each group and scope, the largest first
# Sizes (inches, points) of the casualty chart on a desktop and on a phone (figures.phone: the phone default, with
# the panels' heights and the title's pad of this chart).
DESKTOP_SIZES = dict(
    width=11.5, panel=3.6, panel_broken=4.4, label=7, small=7, ticks=9, axis=11, legend=8, title=12, pad=1.0
)
PHONE_SIZES = phone_sizes(panel=3.4, panel_broken=3.6, pad=1.4)


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


def _status(frame: "pd.DataFrame") -> "Any":
    """Each claim's status as a numpy array of strings (stated where the frame has no status column)."""
    from qantar.derive import claim_status

    return claim_status(frame).to_numpy()


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
    plotted = merge_identical(_plotted(claims, days))
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
    statuses = _status(plotted)
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
        for i in range(axis.n_daily + 1):
            ax.axvline(i - 0.5, color="#d0d0d0", lw=0.7, zorder=1)
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
            h.set_label(textwrap.fill(h.get_label(), 22))
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
    renderer = fig.canvas.get_renderer()
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


def _hover(r: Any, labels: dict[str, str]) -> str:
    import pandas as pd

    bounds = display.bounds_text(r.low, None if pd.isna(r.high) else r.high)
    status = str(getattr(r, "status", "stated") or "stated")
    status = "stated" if status in ("nan", "<NA>", "None") else status
    return (
        (f"<b>{esc(display.CLAIM_STATUS_LABELS.get(status, status)).upper()}</b><br>" if status != "stated" else "")
        + f"<b>{esc(display.claim_text(r.qualifier, r.value))}</b> "
        f"{esc(display.GROUP_SHORT.get(str(r.group), r.group))}"
        f" {esc(display.MEASURE_LABELS.get(str(r.measure), r.measure))}"
        f" ({esc(display.scope_label(r.scope_place_id))})<br>as of {esc(display.day_label(r.as_of_date, year=True))}"
        f" · counted as {int(r.acled):,} under ACLED's rule"
        + (f" · read as {bounds}" if bounds != f"{int(r.acled):,}" else "")
        + "<br>"
        f"{esc(display.speaker_text(r.stated_by, r.relayed_by))}<br>"
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
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    plotted = merge_identical(_plotted(claims, days))  # as in the static figure: one mark per distinct figure
    axis = time_axis(days)
    x, centres = claim_positions(plotted, axis)
    x_lo, x_hi = axis.limits
    if len(x):
        x_hi = max(x_hi, float(x.max()) + COMPRESSED_SLOT)
    plotted = plotted.assign(_status=_status(plotted))
    fig = make_subplots(
        rows=len(measures),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.06,
        subplot_titles=[display.MEASURE_LABELS.get(m, m) for m in measures],
    )
    seen: set[str] = set()
    for row, measure in enumerate(measures, start=1):
        sub = plotted[plotted["measure"].astype(str) == measure]
        withdrawn = sub[sub["_status"] == "withdrawn"]
        sub = sub[sub["_status"] != "withdrawn"]
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
        disputed = sub[sub["_status"] == "disputed"]
        if not disputed.empty:
            name = "disputed (ringed)"
            fig.add_trace(
                go.Scatter(
                    x=[float(x[i]) for i in disputed.index],
                    y=disputed["acled"].astype(float),
                    mode="markers",
                    name=name,
                    legendgroup=name,
                    showlegend=name not in seen,
                    marker=dict(color="#333333", size=20, symbol="circle-open", line=dict(width=1.2)),
                    hovertext=[_hover(r, labels) for r in disputed.itertuples()],
                    hoverinfo="text",
                ),
                row=row,
                col=1,
            )
            seen.add(name)
        if not withdrawn.empty:
            name = "withdrawn (not in the line)"
            fig.add_trace(
                go.Scatter(
                    x=[float(x[i]) for i in withdrawn.index],
                    y=withdrawn["acled"].astype(float),
                    mode="markers",
                    name=name,
                    legendgroup=name,
                    showlegend=name not in seen,
                    marker=dict(color=WITHDRAWN_COLOUR, size=12, symbol="circle-x-open", line=dict(width=2)),
                    hovertext=[_hover(r, labels) for r in withdrawn.itertuples()],
                    hoverinfo="text",
                ),
                row=row,
                col=1,
            )
            seen.add(name)
        for (scope, group), grp in series[series["measure"].astype(str) == measure].groupby(
            ["scope_place_id", "group"], observed=True
        ):
            grp = grp[(grp["as_of_date"] >= axis.start) & (grp["as_of_date"] <= axis.day(axis.n_days - 1))]
            grp = grp.sort_values("as_of_date")
            if grp.empty:
                continue
            name = LINE_LABEL
            fig.add_trace(
                go.Scatter(
                    x=[centres.get(d, axis.x(d)) for d in grp["as_of_date"]] + [x_hi],
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
    ticks = axis.ticks()
    fig.update_xaxes(
        tickmode="array",
        tickvals=[t for t, _ in ticks],
        ticktext=[label.split("\n")[-1] for _, label in ticks],
        range=[x_lo, x_hi],
        showgrid=False,
    )
    # Day separators (and month guides after the break) in every panel, as one list of shapes (add_vline per line
    # and panel is slow); the break is a grey band with two slanted strokes across the axis line.
    xrefs = ["x" if r == 1 else f"x{r}" for r in range(1, len(measures) + 1)]
    lines = [(i - 0.5, "#d6d6d6") for i in range(axis.n_daily + 1)] + [(m, "#ececec") for m in axis.month_lines()]
    shapes: list[dict[str, Any]] = [
        dict(
            type="line",
            xref=xref,
            yref=f"{xref.replace('x', 'y')} domain",
            x0=lx,
            x1=lx,
            y0=0,
            y1=1,
            line=dict(color=colour, width=1),
        )
        for xref in xrefs
        for lx, colour in lines
    ]
    annotations = [*fig.layout.annotations]
    if axis.broken:  # panel titles go left, so the break's note above the first panel has the middle to itself
        for a in annotations:
            a.update(x=0, xanchor="left")
        for xref in xrefs:
            yref = f"{xref.replace('x', 'y')} domain"
            shapes.append(
                dict(
                    type="rect",
                    xref=xref,
                    yref=yref,
                    x0=axis.n_daily - 0.5,
                    x1=axis.after - COMPRESSED_SLOT,
                    y0=0,
                    y1=1,
                    fillcolor="#eeeeee",
                    line=dict(width=0),
                    layer="below",
                )
            )
            shapes += [
                dict(
                    type="line",
                    xref=xref,
                    yref=yref,
                    x0=axis.break_x + dx - 0.1,
                    x1=axis.break_x + dx + 0.1,
                    y0=-0.05,
                    y1=0.05,
                    line=dict(color="#333333", width=1.5),
                )
                for dx in (-0.12, 0.12)
            ]
        annotations.append(
            dict(
                text="← by day | axis broken: time compressed, more the later →",
                xref="x",
                yref="paper",
                x=axis.break_x,
                y=1.0,
                yanchor="bottom",
                xanchor="center",
                showarrow=False,
                font=dict(size=11, color="#444444"),
            )
        )
    fig.update_layout(shapes=shapes)
    fig.update_layout(
        title=dict(text=esc(title), x=0.01, font=dict(size=15)),
        height=260 + 230 * len(measures),
        plot_bgcolor="white",
        margin=dict(l=50, r=10, t=90 if axis.broken else 70, b=120),
        hoverlabel=dict(align="left"),
        legend=dict(orientation="h", x=0, y=-0.04, yanchor="top", font=dict(size=11)),
        annotations=annotations,
    )
    return fig
