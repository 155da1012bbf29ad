"""Casualty figures: every claim against its as-of date, qualifiers drawn as bounds, and the conservative series."""
from __future__ import annotations

from typing import TYPE_CHECKING

from qantar.figures.style import GROUP_COLOURS, SOURCE_NOTE, esc, literal_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import plotly.graph_objects as go
    from matplotlib.figure import Figure

WHO = {"interior_ministry": "Interior Ministry", "almaty_commandants_office": "Almaty commandant", "almaty_police_official":
       "Almaty police", "authorities": "authorities", "khabar_24": "Khabar 24", "unknown": "unattributed",
       "kazakh_media": "Kazakh media", "sputnik": "Sputnik", "tass": "TASS", "state_media": "state media"}
SHORT = {"interior_ministry": "MoI", "almaty_commandants_office": "Almaty cmdt", "almaty_police_official": "Almaty police",
         "authorities": "authorities", "khabar_24": "Khabar 24", "unknown": "?", "kazakh_media": "Kazakh media",
         "sputnik": "Sputnik", "tass": "TASS", "state_media": "state media"}
SCOPE_MARKER = {"kz": "o", "almaty": "s"}


def attribution(stated_by: object, relayed_by: object, short: bool = False) -> str:
    """'stated by → relayed by' in words, e.g. 'Interior Ministry → Khabar 24' (abbreviated with ``short``)."""
    names = SHORT if short else WHO
    who = names.get(str(stated_by), str(stated_by))
    if relayed_by is None or str(relayed_by) in ("", "nan", "<NA>", "None"):
        return who
    return f"{who} → {names.get(str(relayed_by), str(relayed_by))}"


def _dodge(claims: "pd.DataFrame") -> "pd.Series":
    """Shift claims of the same day apart by document so equal figures from different texts stay visible."""
    import pandas as pd

    docs = sorted(claims["doc_id"].astype(str).unique())
    step = pd.Timedelta(hours=5)
    return claims["as_of_date"] + (claims["doc_id"].astype(str).map(docs.index) - (len(docs) - 1) / 2) * step


@literal_text
def plot_casualties(claims: "pd.DataFrame", series: "pd.DataFrame", measures: list[str], title: str,
                    start: object, end: object) -> "Figure":
    """One panel per measure: each claim as a point (exact), an arrow (at least / more than) or a band (vague words)."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    import pandas as pd
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FuncFormatter, NullFormatter

    plotted = claims.dropna(subset=["low"])
    fig, axes = plt.subplots(len(measures), 1, figsize=(11, 3.9 * len(measures)), sharex=True, squeeze=False)
    x = _dodge(plotted) if len(plotted) else plotted["as_of_date"]
    from qantar.figures.labels import place_labels

    for ax, measure in zip(axes[:, 0], measures):
        sub = plotted[plotted["measure"] == measure]
        label_pts: list = []
        for (r, xi) in zip(sub.itertuples(), x[sub.index]):
            colour = GROUP_COLOURS.get(str(r.group), "#333333")
            marker = SCOPE_MARKER.get(str(r.scope_place_id), "D")
            face = colour if str(r.scope_place_id) == "kz" else "white"
            low = float(r.low)
            high = None if pd.isna(r.high) else float(r.high)
            q = str(r.qualifier)
            if q in ("dozens", "hundreds", "thousands", "about", "some"):
                ax.vlines(xi, low, high, color=colour, lw=6, alpha=0.28)
            if q in ("at_least", "more_than"):
                ax.annotate("", xy=(xi, low * 1.9), xytext=(xi, low), arrowprops=dict(arrowstyle="-|>", color=colour, lw=1.2))
            ax.scatter([xi], [low if q not in ("about", "some") else float(r.value)], marker=marker, s=46,
                       facecolors=face, edgecolors=colour, linewidths=1.4, zorder=4)
            label_pts.append((xi, low if q not in ("about", "some") else float(r.value),
                              f"{r.claim} · {attribution(r.stated_by, r.relayed_by, short=True)} [{str(r.doc_id)[:3]}]"))
        cons = series[series["measure"] == measure]
        for (scope, group), grp in cons.groupby(["scope_place_id", "group"], observed=True):
            grp = grp.sort_values("as_of_date")
            ls = "-" if scope == "kz" else ":"
            ax.step(grp["as_of_date"], grp["conservative"], where="post", color=GROUP_COLOURS.get(str(group), "#333"),
                    lw=2.2, ls=ls, alpha=0.3, zorder=2)
        ax.set_yscale("log")
        # Plain numbers: the default log labels are mathtext, which literal text would print raw.
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.set_xlim(pd.Timestamp(start) - pd.Timedelta(hours=12), pd.Timestamp(end) + pd.Timedelta(hours=12))
        if label_pts:
            xs, ys, texts = zip(*label_pts)
            place_labels(ax, [mdates.date2num(v) for v in xs], list(ys), list(texts), [4.0] * len(xs), fontsize=6.5)
        ax.set_ylabel(f"{measure} (log scale)")
        ax.grid(axis="y", alpha=0.25)
        ax.spines[["top", "right"]].set_visible(False)
        if sub.empty:
            ax.text(0.5, 0.5, "no quantified claims for these filters", transform=ax.transAxes, ha="center", color="#777")
    ax = axes[-1, 0]
    ax.xaxis.set_major_locator(mdates.DayLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d Jan"))
    groups = sorted(plotted["group"].astype(str).unique())
    handles = [Line2D([], [], color=GROUP_COLOURS.get(g, "#333"), marker="o", ls="", label=g.replace("_", " ")) for g in groups]
    handles += [Line2D([], [], color="black", marker="o", ls="", label="national (filled)"),
                Line2D([], [], color="black", marker="s", markerfacecolor="white", ls="", label="Almaty only (hollow)"),
                Line2D([], [], color="black", lw=6, alpha=0.28, label="range: dozens / hundreds / about"),
                Line2D([], [], color="black", marker="^", ls="", label="at least / more than"),
                Line2D([], [], color="black", lw=2.2, alpha=0.3, label="conservative series (lowest figure, ACLED)")]
    axes[0, 0].legend(handles=handles, loc="upper left", fontsize=7, ncol=2, frameon=False)
    axes[0, 0].set_title(title, loc="left", fontsize=12)
    n_unq = int(claims["low"].isna().sum())
    fig.text(0.01, -0.01, f"Points of the same day are spread apart by document. {n_unq} unquantified claim(s) are listed in "
             f"the table, not drawn. Labels: figure · who stated it → who relayed it [document]; MoI = Interior Ministry, "
             f"? = not attributed. {SOURCE_NOTE}",
             fontsize=7, color="#555555", wrap=True)
    fig.tight_layout()
    return fig


def interactive_casualties(claims: "pd.DataFrame", series: "pd.DataFrame", title: str) -> "go.Figure":
    """Plotly version: one trace per (group, measure, scope); hover shows the wording, bounds, attribution and evidence."""
    import pandas as pd
    import plotly.graph_objects as go

    fig = go.Figure()
    plotted = claims.dropna(subset=["low"])
    for (group, measure, scope), grp in plotted.groupby(["group", "measure", "scope_place_id"], observed=True):
        hi = grp["high"].astype("Float64")
        upper = (hi - grp["low"].astype(float)).fillna(0).astype(float)
        hover = [f"<b>{esc(r.claim)}</b> {esc(r.group)} {esc(r.measure)} ({esc(r.scope)}) as of {r.as_of_date:%-d %b}<br>"
                 f"bounds {int(r.low)}–{'open' if pd.isna(r.high) else int(r.high)}<br>"
                 f"{esc(attribution(r.stated_by, r.relayed_by))}<br>doc {esc(r.doc_id)} ({esc(r.report_id)})<br>"
                 f"<i>“{esc(r.evidence)}”</i>" for r in grp.itertuples()]
        fig.add_trace(go.Scatter(
            x=grp["as_of_date"], y=grp["low"].astype(float), mode="markers",
            name=f"{group} · {measure} · {'national' if scope == 'kz' else 'Almaty'}",
            marker=dict(color=GROUP_COLOURS.get(str(group), "#333"), size=10,
                        symbol="circle" if scope == "kz" else "square-open", line=dict(width=1.5)),
            error_y=dict(type="data", symmetric=False, array=upper.tolist(), arrayminus=[0] * len(grp), thickness=1.2),
            hovertext=hover, hoverinfo="text"))
    for (scope, group, measure), grp in series.groupby(["scope_place_id", "group", "measure"], observed=True):
        fig.add_trace(go.Scatter(x=grp["as_of_date"], y=grp["conservative"], mode="lines", line=dict(shape="hv", width=1,
                                 dash="solid" if scope == "kz" else "dot", color=GROUP_COLOURS.get(str(group), "#333")),
                                 name=f"conservative · {group} · {measure} · {'national' if scope == 'kz' else 'Almaty'}",
                                 hoverinfo="skip", legendgroup="conservative"))
    fig.update_layout(title=dict(text=esc(title), x=0.01), yaxis=dict(type="log", title="reported figure (lower bound)"),
                      xaxis=dict(title="as-of date", tickformat="%-d %b", dtick=86_400_000), height=560, plot_bgcolor="white",
                      legend=dict(font=dict(size=9)))
    return fig
