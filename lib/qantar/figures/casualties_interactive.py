"""The casualty chart in plotly: a panel per measure on the same broken time axis, hover for each figure."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from qantar import display
from qantar.figures.casualties_axis import COMPRESSED_SLOT, claim_positions, time_axis
from qantar.figures.casualties_marks import (
    BANDED,
    LINE_LABEL,
    VAGUE,
    WITHDRAWN_COLOUR,
    claim_statuses,
    merge_identical,
    plotted_claims,
)
from qantar.figures.style import GROUP_COLOURS, esc

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import plotly.graph_objects as go


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


def _marks(
    claims: "pd.DataFrame",
    x: "pd.Series",
    name: str,
    marker: dict[str, Any],
    labels: dict[str, str],
    seen: set[str],
    **extra: Any,
) -> "go.Scatter":
    """A trace of claims as marks at their x, with a hover each; its legend entry shows once per name."""
    import plotly.graph_objects as go

    return go.Scatter(
        x=[float(x[i]) for i in claims.index],
        y=claims["acled"].astype(float),
        mode="markers",
        name=name,
        legendgroup=name,
        showlegend=name not in seen,
        marker=marker,
        hovertext=[_hover(r, labels) for r in claims.itertuples()],
        hoverinfo="text",
        **extra,
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

    plotted = merge_identical(plotted_claims(claims, days))  # as in the static figure: one mark per distinct figure
    axis = time_axis(days)
    x, centres = claim_positions(plotted, axis)
    x_lo, x_hi = axis.limits
    if len(x):
        x_hi = max(x_hi, float(x.max()) + COMPRESSED_SLOT)
    plotted = plotted.assign(_status=claim_statuses(plotted))
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
                _marks(
                    grp,
                    x,
                    name,
                    dict(color=colour, size=11, symbol=symbols, line=dict(width=2, color=colour)),
                    labels,
                    seen,
                    error_y=dict(
                        type="data", symmetric=False, array=high, arrayminus=low, thickness=1.4, width=0, color=colour
                    ),
                ),
                row=row,
                col=1,
            )
            seen.add(name)
        # Disputed claims get a ring over their mark; withdrawn ones a grey crossed circle instead of it.
        for ringed, name, marker in (
            (
                sub[sub["_status"] == "disputed"],
                "disputed (ringed)",
                dict(color="#333333", size=20, symbol="circle-open", line=dict(width=1.2)),
            ),
            (
                withdrawn,
                "withdrawn (not in the line)",
                dict(color=WITHDRAWN_COLOUR, size=12, symbol="circle-x-open", line=dict(width=2)),
            ),
        ):
            if ringed.empty:
                continue
            fig.add_trace(
                _marks(ringed, x, name, marker, labels, seen),
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
