"""Prose is data: the sentences a page states, computed for the run that publishes them.

Every number, date and name in a finding comes from the frames the page's figures draw (and
downloads as CSV), so a page built for 5–10 January can never describe 2 January. Captions say
what a figure shows, for which parameters and by which rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qantar import display as d
from qantar.disagree_text import DisagreementContext

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from qantar.acled_reference import Comparison
    from qantar.dataset import Dataset

    from qantar.notebook import Run


def _params(run: "Run") -> str:
    filters = run.describe_filters()
    return f"Parameters: {d.window_label(run.window.start, run.window.end)}" + (f"; {filters}." if filters else ".")


# --- overview --------------------------------------------------------------------------------


def _top(counts: "pd.Series") -> tuple[list[str], int]:
    """The labels with the largest count, every one of a tie (in label order), and that count."""
    if counts.empty:
        return [], 0
    best = int(counts.max())
    return sorted(str(k) for k, v in counts.items() if int(v) == best), best


def _days_text(days: list[Any]) -> str:
    """'5 January', '4 and 5 January' (days of one month share it), '31 December and 1 January'."""
    if len({(x.year, x.month) for x in days}) == 1 and len(days) > 1:
        return f"{d.join([str(x.day) for x in days])} {days[-1]:%B}"
    return d.join([d.day_label(x) for x in days])


def undrawn_note(happenings: "pd.DataFrame") -> str:
    """The timeline's note: the happenings it counts but does not draw, by why (empty when none)."""
    from qantar import dating

    n = dating.breakdown(happenings)
    parts = []
    if n[dating.RANGE]:
        parts.append(f"{d.plural(n[dating.RANGE], 'happening')} known only to a date range")
    if n[dating.DISPUTED]:
        parts.append(f"{d.plural(n[dating.DISPUTED], 'happening')} the texts date differently")
    if n[dating.MAY]:
        parts.append(f"{d.plural(n[dating.MAY], 'happening')} whose dates reach outside the period")
    return f"Not drawn: {d.join(parts)}." if parts else ""


def timeline_findings(run: "Run", counts: "pd.DataFrame", happenings: "pd.DataFrame") -> list[str]:
    """What the daily timeline shows for this window: each happening once, by the one rule (qantar.dating)."""
    from qantar import dating

    totals = counts.sum(axis=1)
    n = dating.breakdown(happenings)
    window = d.window_label(run.window.start, run.window.end)
    ranged = f" and {n[dating.RANGE]:,} more only to a date range within it" if n[dating.RANGE] else ""
    more = " more" if n[dating.DAY] or n[dating.RANGE] else ""  # "more" than the happenings already counted
    extra = []
    if n[dating.DISPUTED]:
        verb = "is" if n[dating.DISPUTED] == 1 else "are"
        extra.append(f"{n[dating.DISPUTED]:,}{more} {verb} dated differently by different texts")
    if n[dating.MAY]:
        more = more or (" more" if n[dating.DISPUTED] else "")
        extra.append(f"{n[dating.MAY]:,}{more} may fall in the period (known only to dates that reach outside it)")
    tail = (f"; {d.join(extra)}" if extra else "") + "."
    if n[dating.DAY] == 0:
        head = f"No happening in the texts is dated to a single day in {window}"
        if n[dating.RANGE]:
            head += (
                f"; {n[dating.RANGE]:,} {'is' if n[dating.RANGE] == 1 else 'are'} known only to a date range within it"
            )
        return [head + tail]
    out = [f"In {window} the texts date {d.plural(n[dating.DAY], 'happening')} to a single day{ranged}{tail}"]
    most = int(totals.max())
    days = [day for day, v in totals.items() if int(v) == most]  # every day of a tie, in date order
    if len(days) == 1:
        day = days[0]
        types, k = _top(counts.loc[day][counts.loc[day] > 0])
        out.append(
            f"The busiest day was {d.day_label(day)}, with {d.plural(most, 'happening')}, the most of them "
            f"{d.join([t.lower() for t in types])} ({k}{' each' if len(types) > 1 else ''})."
        )
    else:
        out.append(f"The busiest days were {_days_text(days)}, with {d.plural(most, 'happening')} each.")
    first = totals[totals > 0].index[0]
    out.append(
        f"The first happenings dated to a day in this period fall on {d.day_label(first)} ({int(totals[first])})."
    )
    return out


def timeline_caption(run: "Run") -> str:
    """Caption of the daily timeline."""
    return (
        "Happenings reported per day, by ACLED event type; each happening is counted once, however many documents "
        "report it, on the day the texts date it to. A happening is dated to a day when a text gives the day and no "
        "other text excludes it; happenings known only to a date range, dated differently by different texts, or "
        "whose dates reach outside the period are counted in the note, not drawn. Labels mark the first report of "
        "key events; one known only to a range is pinned to the last day it can have happened by, and one dated "
        f"differently to the earliest day a text gives. {_params(run)}"
    )


def coverage_findings(matrix: "pd.DataFrame", labels: dict[str, str], alike: "pd.Series") -> list[str]:
    """How many facts rest on one document, and which are the best corroborated (documents reporting them alike)."""
    if matrix.empty:
        return ["No document reports an event or a figure in this window."]
    per_fact = matrix.sum(axis=1)
    single = int((per_fact == 1).sum())
    best, n = _top(alike.reindex(matrix.index).fillna(0))
    out = (
        f"Of {d.plural(len(matrix), 'fact')} in this window, {single} "
        f"{'rests' if single == 1 else 'rest'} on a single document"
    )
    if n < 2:
        return [out + "; no fact is reported alike by two documents."]
    names = [f"“{labels.get(f, f)}”" for f in matrix.index if f in set(best)]
    if len(names) == 1:
        return [out + f"; the best corroborated, reported alike by {n} documents, is {names[0]}."]
    if len(names) <= 3:
        return [out + f"; the best corroborated, each reported alike by {n} documents, are {d.join(names)}."]
    return [
        out + f"; {len(names)} facts are each reported alike by {n} documents, the most, such as {d.join(names[:3])}."
    ]


def coverage_caption(run: "Run") -> str:
    """Caption of the coverage matrix."""
    return (
        "Which document reports which fact: rows are event happenings and casualty figures in the window, in date "
        "order; a dot means the document supports the fact (in its own row or as an additional citation). "
        "Documents report a fact alike when they support the same version of it (one events row, or the same "
        "figure in the same words); the data's “documents alike” column counts the largest such group. "
        f"{_params(run)}"
    )


def disagreement_findings(dis: "pd.DataFrame") -> list[str]:
    """How many disagreements, and of which kinds."""
    if dis.empty:
        return ["The documents do not disagree on anything recorded here."]
    kinds = dis["kind"].value_counts()
    parts = [f"{int(n)} × {d.disagreement_label(k)}" for k, n in kinds.items()]
    return [f"The documents disagree in {d.plural(len(dis), 'place')}: {d.join(parts)}. Every version is kept."]


def tension_findings(inside: "pd.DataFrame", ds: "Dataset | None" = None) -> list[str]:
    """How many tensions within one document (not disagreements between documents), and in which documents (by
    outlet and date with ``ds``, else by number)."""
    if inside.empty:
        return ["No document contradicts itself on anything compared here."]
    ids = sorted({doc for ids in inside["doc_ids"] for doc in str(ids).split(", ")})
    docs = [DisagreementContext.of(ds).document(doc) for doc in ids] if ds is not None else map(d.short_id, ids)
    docs = list(docs)
    kinds = inside["kind"].value_counts()
    parts = [f"{int(n)} × {d.disagreement_label(k)}" for k, n in kinds.items()]
    return [
        f"Within one document, {d.plural(len(inside), 'tension')} ({d.join(parts)}) in "
        f"{d.plural(len(docs), 'document')} ({'; '.join(docs[:-1])}{' and ' if len(docs) > 1 else ''}{docs[-1]}); "
        "they are not counted as disagreements."
    ]


# --- map -------------------------------------------------------------------------------------


MAX_NAMED = 3  # a tie for "the most" of more than this many is counted, not listed


def map_findings(run: "Run", cities: "pd.DataFrame", earlier: "pd.DataFrame | None" = None) -> list[str]:
    """Where unrest was reported in this run's window and filters, and on which day of it first.

    ``cities`` is derive.city_summary for the window; ``earlier`` the same for the days before it
    (cities whose unrest was already reported before the window are named, with no date outside it).
    """
    window = d.window_label(run.window.start, run.window.end)
    if cities.empty:
        return [f"No city has a reported event of the selected kinds in {window}."]
    sure = cities[cities["n_events"].astype(int) > 0]
    maybe = sorted(cities.loc[cities["n_events"].astype(int) == 0, "city"].astype(str))
    out = []
    if len(sure):
        out.append(
            f"{d.plural(len(sure), 'city', 'cities')} {'has' if len(sure) == 1 else 'have'} at least one reported "
            f"event of the selected kinds in {window}."
        )
    else:
        out.append(f"No city has a reported event of the selected kinds that certainly falls in {window}.")
    if maybe:
        its = "its events are" if len(maybe) == 1 else "their events are"
        out.append(
            f"{d.join(maybe)} {'is' if len(maybe) == 1 else 'are'} on the map too, but {its} known only to dates "
            "that reach outside this period, so they may not fall in it."
        )
    certain = sure[sure["first_date_certain"].astype(bool)]
    for day, grp in list(certain.groupby("first_date", sort=True))[:4]:
        names = sorted(grp["city"].astype(str))
        out.append(f"First reported in this period on {d.day_label(day)}: {d.join(names)}.")
    if earlier is not None and len(earlier):
        before = sorted(
            set(earlier.loc[earlier["n_events"].astype(int) > 0, "city"].astype(str)) & set(cities["city"].astype(str))
        )
        if before:
            out.append(f"{d.join(before)} {'was' if len(before) == 1 else 'were'} already reported before this period.")
    if len(sure):
        names, n = _top(sure.set_index(sure["city"].astype(str))["n_events"].astype(int))
        if len(names) > MAX_NAMED:  # a tie of many says so rather than list every city
            out.append(f"No city has more than {d.plural(n, 'event')} in this period; {len(names)} cities have {n}.")
        else:
            may = int(cities.set_index(cities["city"].astype(str)).loc[names[0], "n_may"]) if len(names) == 1 else 0
            out.append(
                f"The most events in this period: {d.leaders(names, n)}"
                + (f", and {may:,} more that may fall in it." if may else ".")
            )
    ranged = sorted(sure.loc[~sure["first_date_certain"].astype(bool), "city"].astype(str))
    if ranged:
        out.append(f"{d.join(ranged)}: the first event is known only to a date range, so the first day is uncertain.")
    return out


def map_caption(run: "Run") -> str:
    """Caption of the protest-city map."""
    return (
        "Cities with at least one reported event, sized by the number of distinct happenings and coloured by the "
        "first day in the period on which one may have happened (the same colour for a day on every page); a "
        "label counts the happenings in the period, and “+ N may” those known only to dates reaching outside it. "
        "A city is white when its earliest event is known only to a date range: its first day is certain only "
        "when a happening is dated to that day. A site, such as an airport, counts for its city. "
        f"{_params(run)}"
    )


def map_alt(run: "Run", cities: "pd.DataFrame") -> str:
    """Alt text of the static map."""
    names = (
        d.join(
            [
                f"{c} ({d.count_with_may(n, m)})"
                for c, n, m in zip(cities["city"], cities["n_events"], cities["n_may"], strict=True)
            ]
        )
        or "no city"
    )
    return (
        f"Map of Kazakhstan and its regions with {d.plural(len(cities), 'city', 'cities')} marked for "
        f"{d.window_label(run.window.start, run.window.end)}, sized by number of events: {names}."
    )


# --- casualties --------------------------------------------------------------------------------


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
        f"figures from before the unrest stay out of it. {_params(run)}"
    )


def casualty_alt(claims: "pd.DataFrame", measures: list[str]) -> str:
    """Alt text of the casualty chart."""
    drawn = claims[claims["acled"].notna()]
    panels = d.join(
        [f"{d.MEASURE_LABELS.get(m, m)} ({int((drawn['measure'].astype(str) == m).sum())} figures)" for m in measures]
    )
    return f"Chart of casualty figures by as-of date in {len(measures)} panels: {panels}."


# --- reactions ---------------------------------------------------------------------------------


def reaction_findings(run: "Run", rv: "pd.DataFrame", by_state: "pd.DataFrame") -> list[str]:
    """Who reacted, how, and the most common stance, for this run's filters."""
    from qantar.dating import count_may

    if rv.empty:
        return [f"No statement or call matches these parameters in {d.window_label(run.window.start, run.window.end)}."]
    stances, n_stance = _top(rv["stance"].astype(str).value_counts())
    states, n_state = _top(by_state.sum(axis=1))
    present = set(rv["actor_kind"].astype(str))
    kinds = [d.actor_kinds_phrase(kind) for kind in d.ACTOR_KIND_LABELS if kind in present]
    kinds += sorted(d.words(k) for k in present - set(d.ACTOR_KIND_LABELS))
    out = [
        f"{d.plural(len(rv), 'statement or call', 'statements and calls')} by {d.join(kinds)}: "
        f"{d.plural(rv['actor'].nunique(), 'actor')} "
        f"speaking for {d.plural(len(by_state), 'state or body', 'states and bodies')}.",
        f"The most common {'stance' if len(stances) == 1 else 'stances'}: "
        f"{d.leaders([d.STANCE_LABELS.get(s, d.words(s)) for s in stances], n_stance)}.",
        f"{d.join(states)} {'accounts' if len(states) == 1 else 'account'} for the most "
        f"({n_state}{' each' if len(states) > 1 else ''}).",
    ]
    ranged = int((rv["date_precision"].astype(str) != "day").sum())
    if ranged:
        out.append(f"{ranged} {'is' if ranged == 1 else 'are'} dated only to a range.")
    may = count_may(rv, run.window.start, run.window.end)
    if may:
        out.append(
            f"{may} of them {'is' if may == 1 else 'are'} known only to dates that reach outside the period, "
            "so may not fall in it."
        )
    return out


def network_findings(edges: "pd.DataFrame") -> list[str]:
    """The phone-call network in one sentence."""
    if edges.empty:
        return ["No phone call matches these parameters."]
    import pandas as pd

    people = pd.Series(list(edges["person_a"]) + list(edges["person_b"])).astype(str).value_counts()
    hubs, n = _top(people)
    out = [
        f"{d.plural(len(edges), 'phone call')} link {d.plural(len(people), 'person', 'people')}; "
        f"{d.join(hubs)} took part in the most ({n}{' each' if len(hubs) > 1 else ''})."
    ]
    if "reaction_ids" in edges:  # the table under the figure lists statements, and a call can carry several
        said = sum(len([i for i in str(ids).split(";") if i]) for ids in edges["reaction_ids"])
        if said != len(edges):
            out.append(
                f"The texts report {d.plural(said, 'statement')} made in these calls; the evidence under the figure "
                "lists each."
            )
    return out


def reactions_caption(run: "Run", what: str) -> str:
    """Caption of a reactions figure."""
    return f"{what} Stances are the project's categories; each statement also carries its CAMEO code. {_params(run)}"


def headline_label(page_meta: dict[str, Any]) -> str:
    """The index's one-line finding for a page: its first finding."""
    return str(page_meta.get("headline") or "")


def timeline_alt(counts: "pd.DataFrame") -> str:
    """Alt text of the daily timeline."""
    totals = counts.sum(axis=1)
    days = d.join([f"{day.day} {day:%b} {int(n)}" for day, n in totals.items() if n])
    return f"Stacked bar chart of happenings per day by ACLED event type: {days or 'none'}."


def coverage_alt(matrix: "pd.DataFrame") -> str:
    """Alt text of the coverage matrix."""
    per_doc = matrix.sum(axis=0)
    docs = d.join([f"document {d.short_id(doc)} reports {int(n)}" for doc, n in per_doc.items()])
    return f"Grid of {d.plural(len(matrix), 'fact')} against {d.plural(len(matrix.columns), 'document')}: {docs}."


def bars_alt(counts: "pd.DataFrame", what: str) -> str:
    """Alt text of a stance bar chart."""
    rows = d.join([f"{name} {int(n)}" for name, n in counts.sum(axis=1).items()])
    return f"Horizontal bar chart of statements and calls by {what}, split by stance: {rows or 'none'}."


def reactions_timeline_alt(rv: "pd.DataFrame") -> str:
    """Alt text of the reaction timeline."""
    return (
        f"Timeline of {d.plural(len(rv), 'statement or call', 'statements and calls')}, one row per state or body "
        f"({d.join(list(dict.fromkeys(rv['speaks_for'].astype(str))))}), coloured by stance."
    )


def network_alt(edges: "pd.DataFrame") -> str:
    """Alt text of the call network."""
    pairs = d.join([f"{a} with {b}" for a, b in zip(edges["person_a"], edges["person_b"], strict=True)])
    return f"Network of phone calls: {pairs or 'none'}."


def people_toll_caveat(ds: Any) -> str:
    """The landing caveat on protester and civilian deaths: how each group's deaths are given, if at all."""
    import pandas as pd

    c = ds.casualty_reports
    c = c[(c["measure"].astype(str) == "killed") & (c["status"].astype(str) != "withdrawn")]
    parts = []
    for group in ("protesters", "civilians"):
        rows = c[c["group"].astype(str) == group]
        name = d.GROUP_SHORT[group]
        if rows.empty:
            parts.append(f"{name}’ deaths not at all")
            continue
        rows = rows.assign(
            _n=rows["value"].astype("Float64").fillna(-1), _kz=(rows["scope_place_id"].astype(str) == "kz").astype(int)
        )
        top = rows.sort_values(["_kz", "_n", "as_of_date"], ascending=[False, False, True], kind="stable").iloc[0]
        what = d.claim_text(top["qualifier"], top["value"])
        where = "nationwide" if str(top["scope_place_id"]) == "kz" else d.scope_label(top["scope_place_id"])
        source = f"{d.attribution(top['stated_by'], None)}, {d.day_label(top['as_of_date'])}"
        if pd.isna(top["value"]):
            parts.append(f"{name}’ deaths only as “{what}” ({where}; {source})")
        else:
            parts.append(f"{name}’ deaths as {what} {where} at the highest ({source})")
    text = "; ".join(parts)
    return f"Protester and civilian deaths are not counted the way security forces’ are: the texts give {text}."


def site_intro(ds: Any) -> dict[str, Any]:
    """The landing page's introduction and caveats, with counts computed from the dataset that was published."""
    src = ds.sources
    days = sorted(src["published_date"].dt.date.unique())
    if not days:
        published = "on no date"
    elif len(days) <= 3 and days[0].year == days[-1].year:  # a few days of one year: name each, the year once
        published = "on " + d.join([d.day_label(x, year=False) for x in days]) + f" {days[-1]:%Y}"
    else:  # many days, or several years: the first and last, each with its year
        published = f"between {d.day_label(days[0], year=True)} and {d.day_label(days[-1], year=True)}"
    events = ds.events[~ds.events["background"].astype(bool)]
    from qantar.dating import happenings
    from qantar.derive import first_unrest_day

    unrest = first_unrest_day(ds)
    cities = d.plural(int((unrest["n_events"].astype(int) > 0).sum()), "Kazakh city", "Kazakh cities")
    lede = (
        f"A hand-built, source-cited dataset made from {d.plural(len(src), 'news text')} published {published}: "
        f"{d.plural(len(happenings(events)), 'happening')}, unrest in {cities}, "
        f"{d.plural(len(ds.casualty_reports), 'casualty figure')} and "
        f"{d.plural(len(ds.reactions), 'reaction')}. Each report below shows where the unrest spread, how the "
        "figures evolved and disagreed, or how governments reacted, and every row cites the sentence it rests on."
    )
    unknown = int((src["outlet"].astype(str).str.strip().isin(["", "unknown"])).sum())
    caveats = [
        "Figures are claims, not counts. The texts were written during an internet blackout and relay officials and "
        "state media they could not check.",
        people_toll_caveat(ds),
        "Documents disagree, and the dataset keeps every version; the overview lists each disagreement.",
        "Dates are often resolved from “on Wednesday” or “earlier this week”; each record says how, and whether "
        "it is a day or a range.",
        f"Outlets are identified from clues in the texts; {d.plural(unknown, 'document')} "
        f"{'has' if unknown == 1 else 'have'} no identifiable outlet.",
        "Names changed after January 2022 (Nur-Sultan is Astana again; Taldykorgan is now in Jetisu Region); the "
        "reports use the names of the time.",
    ]
    return {"lede": lede, "caveats": caveats, "citation": d.citation(ds.version)}


# --- ACLED comparison ---------------------------------------------------------------------------


def _month(cmp: "Comparison") -> str:
    return f"{cmp.reference.month:%B %Y}"


def _type_pairs(rows: "pd.DataFrame", a: str, b: str) -> str:
    """'Protests (107 against 11) and Violence against civilians (89 against 1)'."""
    return d.join(
        [f"{r.event_type} ({int(getattr(r, a)):,} against {int(getattr(r, b)):,})" for r in rows.itertuples()]
    )


def acled_findings(cmp: "Comparison") -> list[str]:
    """What the comparison shows: the totals, the types apart, and how this record's rows became ACLED events."""
    ref, t, f = cmp.reference, cmp.table, cmp.facts
    ours, fat = cmp.ours_total, cmp.our_fatalities
    times = d.times_label(ref.total_events, ours)
    out = [
        f"ACLED counts {d.plural(ref.total_events, 'event')} in {ref.country} in {_month(cmp)}; this record's ACLED "
        f"export codes {ours:,}" + (f": ACLED's count is {times} this record's." if times else "."),
        f"ACLED records {d.plural(ref.total_fatalities, 'reported fatality', 'reported fatalities')} for the month; "
        f"this record's events carry {fat:,}.",
    ]
    gap = t.assign(diff=t["acled_events"] - t["our_events"])
    more_acled = gap[gap["diff"] > 0].sort_values("diff", ascending=False, kind="stable")
    more_ours = gap[gap["diff"] < 0].sort_values("diff", kind="stable")
    parts = []
    if len(more_acled):
        parts.append(f"ACLED counts more {_type_pairs(more_acled, 'acled_events', 'our_events')}")
    if len(more_ours):
        parts.append(f"this record codes more {_type_pairs(more_ours, 'our_events', 'acled_events')}")
    if parts:
        out.append("By type, " + "; ".join(parts) + ".")
    out.append(
        f"Of this record's {d.plural(f['rows_in_month'], 'events row')} dated in or overlapping the month, "
        f"{f['rows_in_events']:,} are in its ACLED events ({f['rows_merged']:,} merged as further reports of one "
        f"happening, {f['rows_aggregated']:,} aggregated with another happening of the same day, place, actors and "
        f"activity) and {f['rows_excluded']:,} are not coded."
    )
    if f["rows_excluded"]:
        counts = cmp.exclusion_counts[cmp.exclusion_counts > 0].sort_values(ascending=False, kind="stable")
        reasons = d.join([f"{d.ACLED_EXCLUSION_LABELS.get(k, d.words(k))} ({int(n):,})" for k, n in counts.items()])
        out.append(f"Why rows are not coded (a row may have several reasons): {reasons}.")
    out.append(
        f"This record's events of the month rest on {f['texts_coded']:,} of its "
        f"{d.plural(f['texts_in_record'], 'text')}; "
        "ACLED's monthly totals do not list the sources they rest on."
    )
    return out


def acled_can_conclude(cmp: "Comparison") -> list[str]:
    """What the comparison supports, as sentences computed for the run."""
    ref, t = cmp.reference, cmp.table
    ours, fat = cmp.ours_total, cmp.our_fatalities
    out = []
    if ours:
        line = f"That ACLED counts {d.times_label(ref.total_events, ours)} as many events in {_month(cmp)} as this "
        line += f"record codes ({ref.total_events:,} against {ours:,})"
        if fat:
            line += f", and {d.times_label(ref.total_fatalities, fat)} as many fatalities ({ref.total_fatalities:,} "
            line += f"against {fat:,})"
        out.append(line + ".")
    else:
        out.append(
            f"That ACLED counts {d.plural(ref.total_events, 'event')} in {_month(cmp)} where this record codes none."
        )
    missing = t[(t["our_events"] == 0) & (t["acled_events"] > 0)]
    for r in missing.itertuples():
        out.append(f"That this record codes no {r.event_type} event, where ACLED counts {int(r.acled_events):,}.")
    if missing.empty:
        out.append("That this record codes at least one event of every type for which ACLED counts one.")
    for r in t[(t["acled_events"] == 0) & (t["our_events"] > 0)].itertuples():
        out.append(
            f"That this record codes {d.plural(int(r.our_events), r.event_type + ' event')} where ACLED counts none."
        )
    return out


def acled_cannot_conclude(cmp: "Comparison") -> list[str]:
    """What the comparison does not support, and why, as sentences computed for the run."""
    from qantar.acled import Q_LOWEST, Q_SUMMARIZED

    f = cmp.facts
    tolls = (
        f"; its {d.plural(f['killed_unlinked_national'], 'national killed figure')} of the month (the largest "
        f"{f['largest_national_toll']:,}) {'is' if f['killed_unlinked_national'] == 1 else 'are'} linked to no event, "
        "so the export counts none of them"
        if f["killed_unlinked_national"]
        else ""
    )
    return [
        "That either count is complete: ACLED's totals hold what its sources reported, and this record's events of "
        f"the month rest on {d.plural(f['texts_coded'], 'text')}.",
        "That a difference within one type is a disagreement about a happening: the two rest on different sources, "
        "can date, place and type one happening differently, and aggregate reports (one event per day, place, actors "
        "and type of activity) only as far as their sources allow; the monthly totals list no events to match.",
        f"That the fatality totals compare like for like: ACLED records, for each event, '{Q_LOWEST}', and '"
        f"{Q_SUMMARIZED}'; this record counts only the {d.plural(f['killed_linked'], 'killed figure')} linked to one "
        f"of its event rows{tolls}.",
        "That these are ACLED's current figures: they come from an ACLED Explorer export that a third-party package "
        "shipped, with no download date recorded, and ACLED revises its data when better information arrives.",
    ]


def acled_caption(run: "Run", cmp: "Comparison") -> str:
    """Caption of the comparison chart: what is drawn, by which rule, and where ACLED's numbers were read."""
    src = cmp.reference.provenance["read_from"]
    return (
        f"Events and reported fatalities per ACLED event type in {cmp.reference.country}, {_month(cmp)}: ACLED's own "
        "country-month totals beside this record's ACLED export (the rows `qantar export --format acled` writes, "
        "dated in the month). "
        f"{cmp.reference.provenance['attribution']}; read from the acledr package's "
        f"{src['events_path']} and {src['fatalities_path']} (repository {src['repository']}, commit "
        f"{src['commit'][:12]}); only these totals are stored. {_params(run)}"
    )


def acled_alt(cmp: "Comparison") -> str:
    """Alt text of the comparison chart."""
    rows = "; ".join(
        f"{r.event_type}: ACLED {int(r.acled_events)} events and {int(r.acled_fatalities)} fatalities, this record "
        f"{int(r.our_events)} and {int(r.our_fatalities)}"
        for r in cmp.table.itertuples()
    )
    return f"Two grouped bar charts, events and reported fatalities per ACLED event type. {rows}."
