"""Sentences of the casualty page: the series, how the toll evolved per period, and the chart's caption."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qantar import display as d
from qantar.prose.common import params_sentence

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from qantar.notebook import Run


def _series_words(point: Any) -> str:
    """A series point's figure as the text words it ('more than 3,000', 'dozens (coded 12 under ACLED's rule)')."""
    return d.claim_text(point["series_qualifier"], point["series_stated"], point["series"])


def casualty_findings(run: "Run", claims: "pd.DataFrame", series: "pd.DataFrame") -> list[str]:
    """The series, from first to last point, and what was left out of them."""
    import pandas as pd

    if claims.empty:
        return [f"No casualty figure matches these parameters in {d.window_label(run.window.start, run.window.end)}."]
    out = []
    order = {g: i for i, g in enumerate(d.GROUP_LABELS)}
    measure_order = {m: i for i, m in enumerate(d.MEASURE_LABELS)}
    keyed = sorted(
        series.groupby(["scope_place_id", "group", "measure"], observed=True),
        key=lambda kv: (kv[0][0] != "kz", order.get(str(kv[0][1]), 99), measure_order.get(str(kv[0][2]), 99)),
    )
    for (scope, group, measure), grp in keyed:
        grp = grp.sort_values("as_of_date")
        first, last = grp.iloc[0], grp.iloc[-1]
        label = d.series_label(scope, group, measure)
        label = label[0].upper() + label[1:]
        kept = ""
        if bool(last["carried"]):
            coded = f"coded lower, {int(last['day_figure']):,}" if pd.isna(last["day_value"]) else "lower"
            kept = (
                f" (that day's figure, “{d.claim_text(last['day_qualifier'], last['day_value'])}”, is {coded}; "
                "the series keeps the earlier one)"
            )
        if len(grp) == 1:
            out.append(f"{label}: {_series_words(first)} as of {d.day_label(first['as_of_date'])}.")
        else:
            out.append(
                f"{label}: {_series_words(first)} as of {d.day_label(first['as_of_date'])}, "
                f"{_series_words(last)} as of {d.day_label(last['as_of_date'])}{kept}."
            )
    out = out[:6]  # national series first; the series table lists every one
    drawn = int(claims["acled"].notna().sum())
    unquantified = int(claims["acled"].isna().sum())
    out.append(
        f"{d.plural(len(claims), 'figure')} match these parameters; {drawn} {'is' if drawn == 1 else 'are'} drawn"
        + (f", {unquantified} {'gives' if unquantified == 1 else 'give'} no number." if unquantified else ".")
    )
    return out


def _dated(day: Any) -> str:
    """'15 January' within 2022, '25 December 2022' style only where the year is not the unrest's."""
    return d.day_label(day, year=day.year != 2022)


def _who_where(stated_by: Any, day: Any, doc_id: Any, labels: dict[str, str]) -> str:
    """'the Prosecutor General's Office, as of 15 January; Associated Press': speaker, date and outlet.

    The outlet is the document's source label (display.source_label) without its publication date; the sources
    list under the page gives that date.
    """
    label = labels.get(str(doc_id), d.short_id(doc_id)).rsplit(", ", 1)[0]
    return f"{d.attribution(stated_by, None)}, as of {_dated(day)}; {label}"


def _toll_sentence(row: Any, labels: dict[str, str], by_id: "pd.DataFrame") -> str:
    """One series key in one period: its highest figure, what it replaced, and the spread between speakers."""
    import pandas as pd

    label = d.series_label(row["scope_place_id"], row["group"], row["measure"])
    if pd.isna(row["top_figure"]):
        return f"{label}: no total that could join the series (only withdrawn or single-day figures)"
    top = d.claim_text(row["top_qualifier"], row["top_value"], row["top_figure"])
    text = f"{label}: highest {top} ({_who_where(row['top_stated_by'], row['top_date'], row['top_doc_id'], labels)})"
    if str(row["top_status"]) == "disputed":
        text += ", a disputed figure"
    floor = -1 if pd.isna(row["before_figure"]) else int(row["before_figure"])
    if floor >= 0:
        before = d.claim_text(row["before_qualifier"], row["before_value"], row["before_figure"])
        earlier = f"{before} ({d.attribution(row['before_stated_by'], None)}, as of {_dated(row['before_date'])})"
        if int(row["top_figure"]) > floor:
            text += f", replacing {earlier}"
        elif int(row["top_figure"]) == floor:
            text += f", the same as the earlier {earlier}"
        else:
            text += f", below the earlier {earlier}, which the line keeps"
    # The series' steps inside the period on the way to its highest figure: 230 → 232 → 238.
    steps = [by_id.loc[i] for i in str(row["step_report_ids"] or "").split(";") if i and i in by_id.index]
    steps = [c for c in steps if floor < int(c["acled"]) < int(row["top_figure"])]
    if steps:
        text += " by way of " + d.join(
            [
                f"{d.claim_text(c['qualifier'], c['value'])} ({d.attribution(c['stated_by'], None)}, "
                f"as of {_dated(c['as_of_date'])})"
                for c in steps
            ]
        )
    stepped = {str(c["report_id"]) for c in steps}
    if not pd.isna(row["low_figure"]) and str(row["low_report_id"]) not in stepped:
        low = d.claim_text(row["low_qualifier"], row["low_value"], row["low_figure"])
        text += (
            f"; another speaker's highest was {low} "
            f"({_who_where(row['low_stated_by'], row['low_date'], row['low_doc_id'], labels)})"
        )
    return text


TOLL_KEYS_PER_PERIOD = 3  # series keys a period's finding names; the chart and the series table show every one


def toll_findings(run: "Run", table: "pd.DataFrame", claims: "pd.DataFrame", labels: dict[str, str]) -> list[str]:
    """ "How the toll evolved": one finding per period of the run's window (derive.toll_periods), in order.

    Each names, for the period's largest tolls, the highest figure stated and by whom, what it replaced and
    the spread between speakers, then the claims withdrawn or disputed in it; a period with no figure says so.
    """
    from qantar import derive

    measure_order = {m: i for i, m in enumerate(d.MEASURE_LABELS)}
    by_id = claims.set_index(claims["report_id"].astype(str))
    out = []
    for code, lo, hi in derive.toll_period_bounds(run.window.start, run.window.end):
        when = f"{d.TOLL_PERIOD_LABELS[code]} ({d.window_label(lo.date(), hi.date())})"
        rows = table[table["period"] == code]
        if rows.empty:
            out.append(f"{when}: no figure in the record matches these parameters.")
            continue
        rows = rows.assign(
            _m=rows["measure"].map(lambda m: measure_order.get(str(m), 99)),
            _national=(rows["scope_place_id"] != "kz").astype(int),
            _fig=-rows["top_figure"].astype("Float64").fillna(-1),
        ).sort_values(["_m", "_national", "_fig", "group"])
        shown = rows.iloc[:TOLL_KEYS_PER_PERIOD]
        parts = [_toll_sentence(r, labels, by_id) for _, r in shown.iterrows()]
        text = f"{when}: " + ". ".join(p[0].upper() + p[1:] for p in parts) + "."
        if len(rows) > len(shown):
            text += " The chart and the series table show the period's other tolls."
        for status in ("withdrawn", "disputed"):
            ids = [i for ids in rows[f"{status}_report_ids"] for i in str(ids).split(";") if i]
            for rid in ids:
                c = by_id.loc[rid]
                what = d.claim_text(c["qualifier"], c["value"])
                measure = d.MEASURE_LABELS.get(str(c["measure"]), d.words(c["measure"]))
                group = "" if str(c["group"]) == "unspecified" else f"{d.GROUP_SHORT.get(str(c['group']), c['group'])} "
                source = _who_where(c["stated_by"], c["as_of_date"], c["doc_id"], labels)
                text += (
                    f" The figure of {what} {group}{measure} ({d.scope_label(c['scope_place_id'])}; {source}) was "
                    f"{d.CLAIM_STATUS_LABELS[status]}"
                    + (
                        "; the chart draws it as withdrawn and it never joins the line."
                        if status == "withdrawn"
                        else "."
                    )
                )
        out.append(text)
    return out


def casualty_caption(run: "Run") -> str:
    """Caption of the casualty chart: its time axis, its marks and the series rule."""
    from qantar.figures.casualties import time_axis

    axis = time_axis(run.window.days)
    if axis.broken:
        last_daily = axis.day(axis.n_daily - 1)
        when = (
            f"The time axis is broken: one column per day to {d.day_label(last_daily)}, claims of one day side by "
            "side between the day lines; after the break mark (grey band, slanted strokes) time is compressed, "
            "more the later it is (a logarithmic scale of the days since the break; month ticks show it), "
            "claims of one day still side by side. "
        )
    else:
        when = "One column per day; claims of one day sit side by side between the day lines. "
    return (
        "Every reported figure at its as-of date, one panel per measure. "
        + when
        + "Dot: exact figure; triangle: “at least”/“more than”; diamond: a vague word at "
        "ACLED's figure (dozens 12, hundreds 100, thousands 1,000); bar: “about”/“some” with the project's own "
        "±10 % band. Filled: national; hollow: Almaty only or another place. A grey crossed circle is a figure "
        "withdrawn by the body that gave it; a ringed mark is disputed. The line is the cumulative series (the "
        "project's rule): the highest figure stated so far, never falling, because a later, lower figure from "
        "another speaker or a vaguer word does not mean fewer casualties; withdrawn figures, single-day counts and "
        f"figures from before the unrest stay out of it. {params_sentence(run)}"
    )


def casualty_alt(claims: "pd.DataFrame", measures: list[str]) -> str:
    """Alt text of the casualty chart."""
    drawn = claims[claims["acled"].notna()]
    panels = d.join(
        [f"{d.MEASURE_LABELS.get(m, m)} ({int((drawn['measure'].astype(str) == m).sum())} figures)" for m in measures]
    )
    return f"Chart of casualty figures by as-of date in {len(measures)} panels: {panels}."
