"""Display text: how dates, figures, groups, places and sources are written for readers, defined once.

Everything a reader sees as words rather than codes comes from here: derive returns plain
frames of codes and numbers, and figures, tables, prose and pages turn them into text with
these functions.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from qantar.display_labels import (
    GROUP_LABELS as GROUP_LABELS,
    GROUP_SHORT as GROUP_SHORT,
    MEASURE_LABELS as MEASURE_LABELS,
    CLAIM_STATUS_LABELS as CLAIM_STATUS_LABELS,
    CLAIM_STATUS_SHORT as CLAIM_STATUS_SHORT,
    TOLL_PERIOD_LABELS as TOLL_PERIOD_LABELS,
    SCOPE_LABELS as SCOPE_LABELS,
    WHO as WHO,
    WHO_SHORT as WHO_SHORT,
    QUALIFIER_WORDS as QUALIFIER_WORDS,
    STANCE_LABELS as STANCE_LABELS,
    CHANNEL_LABELS as CHANNEL_LABELS,
    ACTOR_KIND_LABELS as ACTOR_KIND_LABELS,
    ACLED_EXCLUSION_LABELS as ACLED_EXCLUSION_LABELS,
    ACLED_COMPARISON_COLUMNS as ACLED_COMPARISON_COLUMNS,
    ACTOR_KIND_PHRASES as ACTOR_KIND_PHRASES,
    actor_kinds_phrase as actor_kinds_phrase,
    KEY_EVENT_LABELS as KEY_EVENT_LABELS,
    EVENT_KIND_LABELS as EVENT_KIND_LABELS,
    event_kind_label as event_kind_label,
    labelled as labelled,
    words as words,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from qantar.dataset import Dataset


# Date formats: the kit's one set. Month names come from this table, not strftime's %b/%B, so a reader's
# locale never changes a label and no platform-only directive (%-d) is needed.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


ISO_DAY = "%Y-%m-%d"  # a day in data files and exports


ISO_STAMP = "%Y-%m-%dT%H:%M:%SZ"  # a UTC time in machine-read records


BUILT_STAMP = "%Y-%m-%d %H:%M UTC"  # a UTC build time as a reader sees it


PLOTLY_DAY_TICK = "%-d %b"  # plotly's tick format (d3-time-format, English, not strftime): '5 Jan'


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def weekday_short(day: Any) -> str:
    """A date's weekday as a tick names it: 'Wed'."""
    return WEEKDAYS[day.weekday()]


def month_label(day: Any, short: bool = False) -> str:
    """A date's month in words: 'January', or short 'Jan'."""
    name = MONTHS[day.month - 1]
    return name[:3] if short else name


def month_short(day: Any) -> str:
    """A date's month as a tick names it: 'Feb'."""
    return month_label(day, short=True)


def month_year(day: Any, short: bool = False) -> str:
    """A date's month and year: 'January 2022' (short 'Jan 2022')."""
    return f"{month_label(day, short)} {day.year}"


def day_month(day: Any, short: bool = True, year: bool = False) -> str:
    """A day with its month: '5 Jan' (long '5 January'; with the year '5 Jan 2022')."""
    return f"{day.day} {month_year(day, short) if year else month_label(day, short)}"


def window_label(start: date, end: date) -> str:
    """A date window as readers write it: '2–10 January 2022', '30 December 2021 – 2 January 2022'."""
    if start == end:
        return day_month(start, short=False, year=True)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day_month(end, short=False, year=True)}"
    if start.year == end.year:
        return f"{day_month(start, short=False)} – {day_month(end, short=False, year=True)}"
    return f"{day_month(start, short=False, year=True)} – {day_month(end, short=False, year=True)}"


def day_label(day: Any, year: bool | None = None, short: bool = False) -> str:
    """One day: '5 January' (or '5 January 2022', or short '5 Jan'); by default the year is said only outside the
    kit's year (2022)."""
    from qantar import settings

    if year is None:
        year = day.year != settings.DEFAULT_START.year
    return day_month(day, short=short, year=year)


def span_label(start: Any, end: Any, precision: Any, year: bool = False) -> str:
    """A happening's date: '5 Jan' when day-precise, else the range '2–8 Jan' (with the year if asked)."""
    suffix = f" {end.year}" if year else ""
    if str(precision) == "before":  # only a latest day is known; date_start repeats it and claims nothing
        return f"by {day_month(end)}{suffix}"
    if str(precision) == "day" or start == end:
        return f"{day_month(start)}{suffix}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day_month(end)}{suffix}"
    if start.year == end.year:
        return f"{day_month(start)} – {day_month(end)}{suffix}"
    return f"{day_month(start, year=True)} – {day_month(end, year=True)}"


def happening_span_label(start: Any, end: Any, dating: Any, year: bool = False) -> str:
    """A happening's date by the one rule (qantar.dating): '5 Jan', '2–8 Jan', '4–6 Jan (dates differ)'."""
    label = span_label(start, end, "day" if str(dating) == "day" else "range", year)
    return f"{label} (dates differ)" if str(dating) == "disputed" else label


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """'1 city', '2 cities', '0 events': a count with its noun in the right number."""
    word = singular if n == 1 else (plural_form or singular + "s")
    return f"{n:,} {word}"


def event_count_label(n_events: int, n_reports: int, n_may: int = 0) -> str:
    """'3 events', '17 events in 19 reports' when some happenings are reported more than once, and
    '1 event and 3 that may fall in this period, in 4 reports' when some are known only to a range reaching outside it.
    """
    n_events, n_reports, n_may = int(n_events), int(n_reports), int(n_may)
    events = plural(n_events, "event") + (f" and {n_may:,} that may fall in this period" if n_may else "")
    if n_reports == n_events + n_may:
        return events
    return f"{events}{',' if n_may else ''} in {plural(n_reports, 'report')}"


def count_with_may(n: int, n_may: int) -> str:
    """A count and how many more may fall in the period, for short labels: '17', '1 + 3 may'."""
    return f"{int(n):,}" + (f" + {int(n_may):,} may" if n_may else "")


def leaders(names: list[str], n: int) -> str:
    """The name or names with the largest count, ties kept: 'Almaty (17)', 'Tajikistan and United States (5 each)'."""
    return f"{join(sorted(names))} ({n:,}{' each' if len(names) > 1 else ''})"


def join(items: list[str], conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C'."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _opt_int(value: Any) -> int | None:
    """``value`` as int, or None for None/NaN/pd.NA (display imports nothing of derive or frames: they import it)."""
    import pandas as pd

    return None if value is None or pd.isna(value) else int(value)


def claim_text(qualifier: Any, value: Any, coded: Any = None) -> str:
    """A figure as the text words it: 'at least 8', 'about 5,000', 'dozens'; the one wording of a figure everywhere.

    With ``coded`` (ACLED's figure, qualifiers.acled_figure) a figure given only in words also says the
    number it is coded as: 'dozens (coded 12 under ACLED's rule)'. A stated number is never replaced.
    """
    n = _opt_int(value)
    text = QUALIFIER_WORDS[str(qualifier)].format(n=None if n is None else f"{n:,}")
    code = _opt_int(coded)
    if code is not None and n is None:
        text += f" (coded {code:,} under ACLED's rule)"
    return text


def attribution(stated_by: Any, relayed_by: Any, short: bool = False) -> str:
    """'Interior Ministry via Khabar 24': who the text says gave a figure, and who passed it on."""
    names = WHO_SHORT if short else WHO
    who = labelled(names, stated_by)
    if relayed_by is None or str(relayed_by) in ("", "nan", "<NA>", "None"):
        return who
    return f"{who} via {labelled(names, relayed_by)}"


def speaker_text(stated_by: Any, relayed_by: Any) -> str:
    """'stated by the Interior Ministry via Khabar 24', or 'no speaker named' when the text names none."""
    if str(stated_by) in ("unknown", "", "nan", "None", "<NA>"):
        return "no speaker named"
    return f"stated by {attribution(stated_by, relayed_by)}"


def bounds_text(low: Any, high: Any) -> str:
    """The range a figure is read as: '8', '171–209', '8 or more' (no upper bound)."""
    lo, hi = _opt_int(low), _opt_int(high)
    if lo is None:
        return "no figure"
    if hi is None:
        return f"{lo:,} or more"
    return f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}"


# Column headings of the explorer's records and reactions tables (and its sort menu).
EVENT_TABLE_COLUMNS = {
    "date": "Date",
    "city": "City",
    "event_type": "Event type",
    "description": "What happened",
    "evidence": "Evidence",
    "source": "Source",
}


REACTION_TABLE_COLUMNS = {
    "date_label": "Date",
    "actor": "Who",
    "speaks_for": "For",
    "stance": "Stance",
    "summary": "What",
    "evidence": "Evidence",
    "source": "Source",
}


# Column headings of the report's records tables (qantar.records names the columns; page.Page shows them with
# these words). Unlisted columns read as their words ('event_type' → 'event type').
TABLE_COLUMN_LABELS = {
    "evidence": "the text's words",
    "source": "source",
    "as_of": "as of",
    "wording": "figure as worded",
    "acled_figure": "counted as",
    "project_low": "at least",
    "project_high": "at most",
    "period": "period counted",
    "stated_by": "given by",
    "report_id": "record",
    "series_value_coded": "series value counted as",
    "kept_earlier_figure": "earlier figure kept",
    "claims_that_day": "figures that day",
    "sub_event_type": "sub-event type",
    "cameo": "CAMEO code",
    "record_row": "events row",
    "acled_event": "ACLED event",
    "fate": "what became of it",
}


def column_label(column: Any) -> str:
    """A records table's column heading in words: 'acled_figure' → 'counted as', 'event_type' → 'event type'."""
    return labelled(TABLE_COLUMN_LABELS, column)


DISAGREEMENT_LABELS = {
    "event_date": "dates of one happening that do not overlap",
    "event_place": "places of one happening (two places, or in and near a town)",
    "figure_conflict": "figures that cannot both be true",
    "toll_conflict": "tolls naming no group that cannot both be true",
    "status": "a figure one text gives as standing and another as withdrawn or disputed",
    "part_exceeds_whole": "a city's figure above the national one",
    "actor": "who did it",
    "area": "the area a decree covers",
    "forces": "which forces the dead or injured belonged to",
    "commodity": "which price rise set it off",
    "label": "dead or injured named as protesters or as \u201carmed criminals\u201d",
}


def disagreement_label(kind: Any) -> str:
    """A kind of disagreement in words."""
    return labelled(DISAGREEMENT_LABELS, kind)


RECORD_REF = r"\b(?:ev|cr|re|wd)\d{3,}\b"  # a record id as free text in the data names it ("as for ev055")


def record_labels(ds: "Dataset") -> dict[str, str]:
    """Every event and casualty figure as a reader can find it: 'the protest in Zhanaozen, 2 Jan', 'the figure of
    12 security forces killed (Almaty only, 6 Jan)', by record id (for free text that cites records by id)."""
    names = place_names(ds)
    ev = ds.events
    out = {
        str(i): f"the {event_kind_label(k)} in {labelled(names, pl)}, {span_label(a, b, p)}"
        for i, k, pl, a, b, p in zip(
            ev["event_id"],
            ev["event_kind"],
            ev["place_id"],
            ev["date_start"],
            ev["date_end"],
            ev["date_precision"],
            strict=True,
        )
    }
    cr = ds.casualty_reports
    for i, q, v, g, m, sc, day in zip(
        cr["report_id"],
        cr["qualifier"],
        cr["value"],
        cr["group"],
        cr["measure"],
        cr["scope_place_id"],
        cr["as_of_date"],
        strict=True,
    ):
        group = "" if str(g) == "unspecified" else f" {labelled(GROUP_SHORT, g)}"
        out[str(i)] = (
            f"the figure of {claim_text(q, v)}{group} {labelled(MEASURE_LABELS, m)} "
            f"({scope_label(sc)}, {day_label(day, short=True)})"
        )
    return out


def plain_refs(text: str, labels: dict[str, str]) -> str:
    """Free text with its record ids as the records read ('as for ev055' → 'as for the riot in Taldykorgan, 4 Jan')."""
    import re

    return re.sub(RECORD_REF, lambda m: labels.get(m.group(0), "another record"), text)


def short_id(doc_id: Any) -> str:
    """The document's number, as cited in compact labels: '000_0ab9…' → '000'."""
    return str(doc_id).split("_", 1)[0]


def outlet_name(outlet: Any) -> str:
    """The register's outlet as readers see it ('unknown' is 'unknown outlet')."""
    text = str(outlet or "").strip()
    return "unknown outlet" if text in ("", "unknown") else text


def source_label(row: Any) -> str:
    """A document as a reader knows it: 'CNN (probable), 8 Jan 2022' (from a register row).

    Documents whose outlet is unknown also carry their number ('unknown outlet, doc 001, 6 Jan 2022'):
    three of them were published the same day, and a reader must be able to tell them apart.
    """
    published = row["published_date"]
    outlet = outlet_name(row["outlet"])
    if outlet == "unknown outlet":
        outlet = f"{outlet}, doc {short_id(row['doc_id'])}"
    # A date the register calls doubtful is said to be so, as an inferred outlet is "(probable)".
    doubtful = "doubtful" in str(row.get("published_date_basis", "") or "")
    return f"{outlet}, {day_month(published, year=True)}" + (" (date probable)" if doubtful else "")


def source_labels(ds: "Dataset") -> dict[str, str]:
    """Source label of every document in the register, by doc_id."""
    return {str(r["doc_id"]): source_label(r) for _, r in ds.sources.iterrows()}


def sources_table(ds: "Dataset", doc_ids: list[str] | None = None) -> "pd.DataFrame":
    """The register rows a page rests on, with reader-facing columns (number, source, headline, language note)."""
    src = ds.sources if doc_ids is None else ds.sources[ds.sources["doc_id"].astype(str).isin(doc_ids)]
    return src.assign(
        document=src["doc_id"].map(short_id),
        source=[source_label(r) for _, r in src.iterrows()],
        outlet_basis=src["outlet_basis"],
    )[["document", "doc_id", "source", "headline", "language", "translation_note", "outlet_basis"]].reset_index(
        drop=True
    )


def scope_label(scope_id: Any) -> str:
    """Casualty-figure scope in words: 'national', 'Almaty only'."""
    # Scopes other than the country and Almaty (a region, a town) read as the place's name: "Taraz only".
    return SCOPE_LABELS.get(str(scope_id), f"{words(scope_id).title()} only")


def series_label(scope: Any, group: Any, measure: Any) -> str:
    """'security forces killed (national)'."""
    return f"{labelled(GROUP_SHORT, group)} {labelled(MEASURE_LABELS, measure)} ({scope_label(scope)})"


def place_names(ds: "Dataset") -> dict[str, str]:
    """Display name of every place, by place_id."""
    return dict(zip(ds.places["place_id"].astype(str), ds.places["name"].astype(str), strict=True))


def fact_labels(ds: "Dataset", coverage: "pd.DataFrame") -> dict[str, str]:
    """Labels of derive.coverage's facts: '2 Jan · protest · Zhanaozen', '5 Jan · protesters killed (national)'."""
    import pandas as pd

    from qantar.dating import happening_dates

    names = place_names(ds)
    events = ds.events.sort_values(["date_start", "event_id"]).drop_duplicates("happening_id")
    # A happening's date is the one rule's (all its versions), not its first version's.
    dates = happening_dates(ds.events).set_index("happening_id")
    events = events.assign(_hid=events["happening_id"].astype(str)).join(
        dates[["date_start", "date_end", "dating"]].rename(columns=lambda c: f"h_{c}"), on="_hid"
    )
    # One label per happening, built in one pass: a .loc lookup per fact made this quadratic-looking at scale.
    event_labels = {
        str(h): f"{happening_span_label(s, e, p)} · {event_kind_label(k)} · {names.get(str(pl), pl)}"
        for h, s, e, p, k, pl in zip(
            events["happening_id"],
            events["h_date_start"],
            events["h_date_end"],
            events["h_dating"],
            events["event_kind"],
            events["place_id"],
            strict=True,
        )
    }
    out: dict[str, str] = {}
    for kind, fact in zip(coverage["fact_kind"], coverage["fact"], strict=True):
        if fact in out:
            continue
        if kind == "event" and fact in event_labels:
            out[fact] = event_labels[fact]
        elif kind == "figure":
            measure, group, scope, day = fact.split("|")
            d = pd.Timestamp(day)
            out[fact] = f"{day_month(d)} · {series_label(scope, group, measure)}"
        else:
            out[fact] = words(fact)
    return out


def times_label(big: int, small: int) -> str:
    """'6.7 times', a ratio of two counts to one decimal (an empty string when the smaller count is 0)."""
    return f"{big / small:.1f} times" if small else ""
