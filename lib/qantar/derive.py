"""Derived views: plain frames of codes, dates and numbers computed from the dataset (display text lives in display.py).

One rule each:

* a record is *in a window* when its date range overlaps it (events, reactions), or its as-of date
  falls in it (casualty figures): :func:`in_window`;
* a happening is dated, and is *in* a window or only *may fall in* it, by :mod:`qantar.dating` (every
  count of happenings: the timeline, the map, the landing page, the explorer);
* a city's *first reported day* in a window is the earliest day any of its happenings may have happened
  within the window; it is *certain* only when a happening is dated to that day: :func:`city_summary`
  (the static map, the interactive map's day frames and the explorer all use it);
* a bare string where a list of values is expected is one value, None means all: :func:`_filter`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Iterable

from qantar.qualifiers import acled_figure

if TYPE_CHECKING:  # pragma: no cover - typing only
    import networkx as nx
    import pandas as pd

    from qantar.dataset import Dataset

UNREST_TYPES = ("Protests", "Riots", "Battles", "Violence against civilians", "Explosions/Remote violence")
SERIES_GROUP = ["scope_place_id", "group", "measure"]
KEY_KINDS = (
    "protest",
    "state_of_emergency",
    "government_resignation",
    "airport_seizure",
    "csto_request",
    "csto_decision",
    "internet_blackout",
    "shoot_to_kill_order",
    "arrest",
    "mourning",
    "airport_retaken",
)


def _opt_int(value: object) -> int | None:
    """Return ``value`` as int, or None for None/NaN/pd.NA."""
    import pandas as pd

    # pd.isna does not narrow ``value`` for mypy; what is left is a number (a pandas or numpy scalar).
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def _filter(frame: "pd.DataFrame", column: str, values: Iterable[str] | str | None) -> "pd.DataFrame":
    """Rows whose ``column`` is one of ``values``: None keeps all, a bare string is one value (filters.matches)."""
    from qantar.filters import matches

    return frame[matches(frame, {column: values})]


def in_window(
    frame: "pd.DataFrame",
    start: object | None,
    end: object | None,
    start_col: str = "date_start",
    end_col: str | None = "date_end",
) -> "pd.DataFrame":
    """Rows whose date range [start_col, end_col] overlaps [start, end] (one column: the date falls in it)."""
    import pandas as pd

    end_col = end_col or start_col
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        keep &= frame[end_col] >= pd.Timestamp(start)
    if end is not None:
        keep &= frame[start_col] <= pd.Timestamp(end)
    return frame[keep]


def city_of_place(ds: "Dataset") -> dict[str, str]:
    """Map each place_id that is a city, or a site inside one, to the city's place_id."""
    places = ds.places
    kind = dict(zip(places["place_id"].astype(str), places["kind"].astype(str), strict=True))
    out: dict[str, str] = {}
    for pid, k, parent in zip(
        places["place_id"].astype(str), places["kind"].astype(str), places["parent_id"], strict=True
    ):
        if k == "city":
            out[pid] = pid
        elif k == "site" and parent is not None and kind.get(str(parent)) == "city":
            out[pid] = str(parent)
    return out


def events_by_city(ds: "Dataset", include_background: bool = False) -> "pd.DataFrame":
    """Events located in a city (sites folded into their city), with the city's id, name and coordinates."""
    mapping = city_of_place(ds)
    ev = ds.events
    if not include_background:
        ev = ev[~ev["background"].astype(bool)]
    ev = ev.assign(city_id=ev["place_id"].astype(str).map(mapping)).dropna(subset=["city_id"])
    cities = ds.places.set_index("place_id")[["name", "latitude", "longitude", "admin1_jan2022"]]
    return with_happening_dates(ds, ev.join(cities.rename(columns={"name": "city"}), on="city_id"))


def happening_window(events: "pd.DataFrame", start: object | None, end: object | None) -> "pd.DataFrame":
    """Events overlapping [start, end] whose happening is in or may fall in it (qantar.dating.window_fit).

    An undated version overlapping a window does not bring in a happening another version dates outside it.
    ``events`` carry their happening's dates (:func:`with_happening_dates`).
    """
    from qantar.dating import OUT, window_fit

    ev = in_window(events, start, end)
    return ev[window_fit(ev["happening_start"], ev["happening_end"], start, end) != OUT]


HAPPENING_DATE_COLUMNS = {"date_start": "happening_start", "date_end": "happening_end", "dating": "happening_dating"}


def with_happening_dates(ds: "Dataset", events: "pd.DataFrame") -> "pd.DataFrame":
    """Events with their happening's span and dating (the one rule, :mod:`qantar.dating`, from all its versions)."""
    from qantar.dating import happening_dates

    hid = events["happening_id"].astype(str)
    versions = ds.events[ds.events["happening_id"].astype(str).isin(set(hid))]
    dates = happening_dates(versions).set_index("happening_id")[list(HAPPENING_DATE_COLUMNS)]
    return events.join(dates.rename(columns=HAPPENING_DATE_COLUMNS), on=hid)


def events_in_window(
    ds: "Dataset", start: object, end: object, event_types: Iterable[str] | str | None = None
) -> "pd.DataFrame":
    """Non-background events whose date range overlaps [start, end] (and whose happening may fall in it), by type."""
    ev = happening_window(with_happening_dates(ds, ds.events[~ds.events["background"].astype(bool)]), start, end)
    return _filter(ev, "event_type", event_types).reset_index(drop=True)


def city_events(
    ds: "Dataset",
    start: object,
    end: object,
    event_types: Iterable[str] | str | None = None,
    regions: Iterable[str] | str | None = None,
    cities: Iterable[str] | str | None = None,
) -> "pd.DataFrame":
    """City-located events in the window of some ACLED types, January 2022 regions and city names.

    The filters combine by the explorer's one rule (filters.matches): a city and a region chosen
    together keep the city's events only if it lies in the region.
    """
    from qantar.filters import matches

    ev = happening_window(events_by_city(ds), start, end)
    keep = matches(ev, {"event_type": event_types, "admin1_jan2022": regions, "city": cities})
    return ev[keep].reset_index(drop=True)


SUMMARY_COLUMNS = [
    "city_id",
    "city",
    "latitude",
    "longitude",
    "admin1_jan2022",
    "first_date",
    "first_date_certain",
    "first_event_id",
    "first_doc_id",
    "n_events",
    "n_may",
    "n_reports",
    "doc_ids",
]


def summarise_cities(events: "pd.DataFrame", start: object | None = None, end: object | None = None) -> "pd.DataFrame":
    """Per city: the first reported day in the window (the one rule, see module doc), happenings, reports, documents.

    ``events`` are city events (:func:`city_events`), which carry their happening's dates
    (:func:`with_happening_dates`); [``start``, ``end``] is the window. A happening counts in
    ``n_events`` when it lies in the window and in ``n_may`` when it only may (its range reaches
    outside); a happening another version dates outside the window does not count. Range-dated
    happenings that began earlier are clipped to ``start`` for the first day.
    """
    import pandas as pd

    from qantar import dating

    if events.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    if "happening_start" not in events:  # plain events: each version is its own happening's date
        events = events.assign(
            happening_start=events["date_start"],
            happening_end=events["date_end"],
            happening_dating=events["date_precision"].astype(str).where(lambda p: p == dating.DAY, dating.RANGE),
        )
    fit = dating.window_fit(events["happening_start"], events["happening_end"], start, end)
    ev = events[fit != dating.OUT]
    if ev.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    ev = ev.assign(
        _from=ev["happening_start"] if start is None else ev["happening_start"].clip(lower=pd.Timestamp(start)),
        _ranged=(ev["happening_dating"].astype(str) != dating.DAY).astype(int),
        _in=fit[fit != dating.OUT] == dating.IN,
    )
    # Earliest possible day first; on a tie a happening dated to the day wins, so the day counts as certain.
    ev = ev.sort_values(["city_id", "_from", "_ranged", "event_id"])
    first = ev.groupby("city_id", sort=False).head(1).set_index("city_id")
    grouped = ev.groupby("city_id", sort=False)
    hid = ev["happening_id"].astype(str)
    out = pd.DataFrame(
        {
            "city": first["city"],
            "latitude": first["latitude"],
            "longitude": first["longitude"],
            "admin1_jan2022": first["admin1_jan2022"],
            "first_date": first["_from"],
            "first_date_certain": first["_ranged"] == 0,
            "first_event_id": first["event_id"].astype(str),
            "first_doc_id": first["doc_id"].astype(str),
            "n_events": hid.where(ev["_in"]).groupby(ev["city_id"], sort=False).nunique(),
            "n_may": hid.where(~ev["_in"]).groupby(ev["city_id"], sort=False).nunique(),
            "n_reports": grouped.size(),
            "doc_ids": grouped["doc_id"].agg(lambda s: ";".join(sorted(s.astype(str).unique()))),
        }
    ).reset_index()
    return out[SUMMARY_COLUMNS].sort_values(["first_date", "city"]).reset_index(drop=True)


def city_summary(
    ds: "Dataset",
    start: object,
    end: object,
    event_types: Iterable[str] | str | None = None,
    regions: Iterable[str] | str | None = None,
    cities: Iterable[str] | str | None = None,
) -> "pd.DataFrame":
    """Per city with events in the window: first reported day (certain or not), happenings, reports, documents."""
    return summarise_cities(city_events(ds, start, end, event_types, regions, cities), start, end)


def city_frames(
    ds: "Dataset",
    days: list[Any],
    event_types: Iterable[str] | str | None = None,
    regions: Iterable[str] | str | None = None,
    cities: Iterable[str] | str | None = None,
) -> "pd.DataFrame":
    """The city summary as it stood on each day of a window (events up to that day): the map's day frames."""
    import pandas as pd

    events = city_events(ds, days[0], days[-1], event_types, regions, cities)
    frames = [
        summarise_cities(in_window(events, None, day), days[0], day).assign(day=pd.Timestamp(day)) for day in days
    ]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=[*SUMMARY_COLUMNS, "day"])


def reported_before(
    ds: "Dataset",
    day: object,
    event_types: Iterable[str] | str | None = None,
    regions: Iterable[str] | str | None = None,
    cities: Iterable[str] | str | None = None,
) -> "pd.DataFrame":
    """The city summary of every day before ``day``: cities with ``n_events`` > 0 were reported before it."""
    import pandas as pd

    return city_summary(ds, None, pd.Timestamp(day) - pd.Timedelta(days=1), event_types, regions, cities)


def first_unrest_day(ds: "Dataset") -> "pd.DataFrame":
    """First reported day of unrest (protest, riot, battle, violence) per city during the unrest, by the one rule."""
    from qantar import settings

    return city_summary(ds, settings.UNREST_START, settings.UNREST_END, UNREST_TYPES)


def casualty_claims(
    ds: "Dataset",
    measures: Iterable[str] | str | None = None,
    groups: Iterable[str] | str | None = None,
    scopes: Iterable[str] | str | None = None,
    start: object | None = None,
    end: object | None = None,
) -> "pd.DataFrame":
    """Every reported figure (never merged), with ACLED's conservative figure in ``acled``; filtered, by as-of date."""
    import pandas as pd

    cr = _filter(_filter(_filter(ds.casualty_reports, "measure", measures), "group", groups), "scope_place_id", scopes)
    cr = in_window(cr, start, end, "as_of_date", None)
    cr = cr.assign(
        acled=pd.array(
            [acled_figure(str(q), _opt_int(v)) for q, v in zip(cr["qualifier"], cr["value"], strict=True)],
            dtype="Int64",
        )
    )
    return cr.sort_values(["as_of_date", "scope_place_id", "group", "measure", "report_id"]).reset_index(drop=True)


def claim_status(claims: "pd.DataFrame") -> "pd.Series":
    """Each claim's status (stated, withdrawn, disputed) as plain strings; a frame without the column is all stated."""
    import pandas as pd

    if "status" not in claims.columns:
        return pd.Series("stated", index=claims.index, dtype=object)
    return claims["status"].astype("string").fillna("stated").astype(str)


def casualty_series(claims: "pd.DataFrame") -> "pd.DataFrame":
    """The cumulative series per (scope, group, measure): the highest figure stated so far, never falling.

    Rule (the project's): only totals join a series (period ``cumulative`` or ``unspecified``), and only
    figures dated from the unrest's start (``settings.UNREST_START``) on, the later tolls of the same dead
    included; single-day counts and figures dated before it (the 2019 arrests) do not. A withdrawn claim
    (``status`` withdrawn) never joins a series: it stays a claim, drawn as withdrawn; a disputed one joins
    it and ``series_status`` says so. Each figure counts at ACLED's reading of its wording
    (``qualifiers.acled_figure``: "some 190" is 190, "dozens" 12). For each as-of date the day's figure is
    the highest among that day's claims, and the series is the running maximum of the day figures: a
    cumulative total cannot fall, so a later, lower figure (another speaker's, a vaguer word such as
    "hundreds" after "some 190", or a part of the toll such as six deaths in custody stated beside 238)
    stays a claim on the chart but does not lower the series; ``carried`` marks the days where the series
    keeps the earlier figure. ``day_qualifier``/``day_value`` word the day's figure and
    ``series_report_id``/``series_qualifier``/``series_stated`` the figure the series value is, as the text
    gives it (display.claim_text; the first claim of that figure when later ones repeat it): a series never
    shows "dozens" as 12.
    """
    import pandas as pd

    from qantar import settings

    cols = [
        *SERIES_GROUP,
        "as_of_date",
        "day_figure",
        "series",
        "carried",
        "report_id",
        "doc_id",
        "n_claims",
        "n_docs",
        "day_qualifier",
        "day_value",
        "series_report_id",
        "series_qualifier",
        "series_stated",
        "series_stated_by",
        "series_doc_id",
        "series_as_of",
        "series_status",
    ]
    status = claim_status(claims)
    usable = in_window(
        claims[
            claims["acled"].notna()
            & claims["period"].astype(str).isin(["cumulative", "unspecified"])
            & (status != "withdrawn")
        ],
        settings.UNREST_START,
        None,
        "as_of_date",
        None,
    )
    rows = []
    for key, grp in usable.groupby(SERIES_GROUP, observed=True, sort=True):
        running = None
        holder: Any = None  # the claim whose figure the series value is
        for day, claims_of_day in grp.groupby("as_of_date", sort=True):
            best = claims_of_day.assign(_neg=-claims_of_day["acled"].astype(float)).sort_values(["_neg", "report_id"])
            best = best.iloc[0]
            figure = int(best["acled"])
            carried = running is not None and figure < running
            if running is None or figure > running:
                holder = best
            running = figure if running is None else max(running, figure)
            rows.append(
                dict(
                    zip(SERIES_GROUP, key, strict=True),
                    as_of_date=day,
                    day_figure=figure,
                    series=running,
                    carried=carried,
                    report_id=str(best["report_id"]),
                    doc_id=str(best["doc_id"]),
                    n_claims=len(claims_of_day),
                    n_docs=claims_of_day["doc_id"].nunique(),
                    day_qualifier=str(best["qualifier"]),
                    day_value=_opt_int(best["value"]),
                    series_report_id=str(holder["report_id"]),
                    series_qualifier=str(holder["qualifier"]),
                    series_stated=_opt_int(holder["value"]),
                    series_stated_by=str(holder.get("stated_by", "")),
                    series_doc_id=str(holder["doc_id"]),
                    series_as_of=holder["as_of_date"],
                    series_status=str(claim_status(holder.to_frame().T).iloc[0]),
                )
            )
    return pd.DataFrame(rows, columns=cols).astype({"day_value": "Int64", "series_stated": "Int64"})


# The periods "How the toll evolved" reads the record in: (code, first day, last day); None is open. The first is
# the unrest's main days (to the day of mourning), then the weeks of the first official tolls, then the spring
# updates, then everything later. display.TOLL_PERIOD_LABELS words them.
TOLL_PERIODS: tuple[tuple[str, "date | None", "date | None"], ...] = (
    ("first_days", None, date(2022, 1, 10)),
    ("late_january", date(2022, 1, 11), date(2022, 1, 31)),
    ("february_march", date(2022, 2, 1), date(2022, 3, 31)),
    ("after_march", date(2022, 4, 1), None),
)
TOLL_COLUMNS = [
    "period",
    "period_start",
    "period_end",
    *SERIES_GROUP,
    "n_claims",
    "n_speakers",
    "top_report_id",
    "top_qualifier",
    "top_value",
    "top_figure",
    "top_stated_by",
    "top_relayed_by",
    "top_date",
    "top_doc_id",
    "top_status",
    "before_figure",
    "before_qualifier",
    "before_value",
    "before_stated_by",
    "before_date",
    "before_doc_id",
    "low_report_id",
    "low_qualifier",
    "low_value",
    "low_figure",
    "low_stated_by",
    "low_date",
    "low_doc_id",
    "withdrawn_report_ids",
    "disputed_report_ids",
    "step_report_ids",
]


def toll_period_bounds(start: object | None, end: object | None) -> list[tuple[str, Any, Any]]:
    """The TOLL_PERIODS that overlap [start, end], clipped to it: (code, first day, last day), None where open."""
    import pandas as pd

    out = []
    for code, p_start, p_end in TOLL_PERIODS:
        lo = pd.Timestamp(p_start) if p_start is not None else None
        hi = pd.Timestamp(p_end) if p_end is not None else None
        if start is not None:
            lo = max(lo, pd.Timestamp(start)) if lo is not None else pd.Timestamp(start)
        if end is not None:
            hi = min(hi, pd.Timestamp(end)) if hi is not None else pd.Timestamp(end)
        if lo is None or hi is None or lo <= hi:
            out.append((code, lo, hi))
    return out


def toll_periods(
    claims: "pd.DataFrame", series: "pd.DataFrame", start: object | None = None, end: object | None = None
) -> "pd.DataFrame":
    """How each toll evolved, one row per period (TOLL_PERIODS, clipped to [start, end]) and series key with claims.

    Per row: the highest figure stated in the period that could join the series (``top_*``: a total, not
    withdrawn; ties go to the earliest, then the report id), the series value it replaces (``before_*``, the
    last series point before the period, empty when there is none), the spread between speakers (``low_*``:
    of the other speakers' highest figures, the lowest, when below the top; a speaker's part of a toll, such as
    six deaths in custody beside 238, is not its toll), and
    the withdrawn and disputed claims of the period and the series' earlier steps inside it on the way to the
    top figure (``step_report_ids``; report ids joined by ";"). A period whose claims are all
    withdrawn or single-day counts keeps its row, with empty ``top_*``. Numbers and codes only; prose words them.
    """
    import pandas as pd

    from qantar import settings

    if claims.empty:
        return pd.DataFrame(columns=TOLL_COLUMNS)
    status = claim_status(claims)
    claims = claims.assign(_status=status)
    total = claims["acled"].notna() & claims["period"].astype(str).isin(["cumulative", "unspecified"])
    claims = claims.assign(_eligible=total & (status != "withdrawn"))
    claims = in_window(
        claims,
        max(pd.Timestamp(settings.UNREST_START), pd.Timestamp(start or settings.UNREST_START)),
        end,
        "as_of_date",
        None,
    )
    rows = []
    for code, lo, hi in toll_period_bounds(start, end):
        inside = in_window(claims, lo, hi, "as_of_date", None)
        for key, grp in inside.groupby(SERIES_GROUP, observed=True, sort=True):
            row: dict[str, Any] = dict(zip(SERIES_GROUP, (str(k) for k in key), strict=True))
            row.update(
                period=code,
                period_start=lo if lo is not None else grp["as_of_date"].min(),
                period_end=hi if hi is not None else grp["as_of_date"].max(),
                n_claims=len(grp),
                n_speakers=grp["stated_by"].astype(str).nunique() if "stated_by" in grp else 0,
                withdrawn_report_ids=";".join(grp.loc[grp["_status"] == "withdrawn", "report_id"].astype(str)),
                disputed_report_ids=";".join(grp.loc[grp["_status"] == "disputed", "report_id"].astype(str)),
            )
            usable = grp[grp["_eligible"]]
            if not usable.empty:
                top = (
                    usable.assign(_neg=-usable["acled"].astype(float))
                    .sort_values(["_neg", "as_of_date", "report_id"])
                    .iloc[0]
                )
                row.update(_claim_fields("top", top), top_status=str(top["_status"]))
                others = usable[usable["stated_by"].astype(str) != str(top["stated_by"])]
                if not others.empty:  # each other speaker's highest figure; the lowest of those is the spread
                    ranked = others.assign(_neg=-others["acled"].astype(float)).sort_values(
                        ["_neg", "as_of_date", "report_id"]
                    )
                    highest = ranked.drop_duplicates("stated_by")
                    low = highest.sort_values(["acled", "as_of_date", "report_id"]).iloc[0]
                    if int(low["acled"]) < int(top["acled"]):
                        row.update(_claim_fields("low", low))
                        row["low_report_id"] = str(low["report_id"])
                row["top_report_id"] = str(top["report_id"])
                row["top_relayed_by"] = top.get("relayed_by")
            earlier = series[
                (series["scope_place_id"].astype(str) == row["scope_place_id"])
                & (series["group"].astype(str) == row["group"])
                & (series["measure"].astype(str) == row["measure"])
                & (series["as_of_date"] < (lo if lo is not None else grp["as_of_date"].min()))
            ].sort_values("as_of_date")
            within = series[
                (series["scope_place_id"].astype(str) == row["scope_place_id"])
                & (series["group"].astype(str) == row["group"])
                & (series["measure"].astype(str) == row["measure"])
                & series["as_of_date"].between(grp["as_of_date"].min(), grp["as_of_date"].max())
            ]
            held = list(dict.fromkeys(within["series_report_id"].astype(str)))
            row["step_report_ids"] = ";".join(h for h in held if h != row.get("top_report_id"))
            if not earlier.empty:
                last = earlier.iloc[-1]
                row.update(
                    before_figure=int(last["series"]),
                    before_qualifier=str(last["series_qualifier"]),
                    before_value=_opt_int(last["series_stated"]),
                    before_stated_by=str(last.get("series_stated_by", "")),
                    before_date=last["series_as_of"],
                    before_doc_id=str(last.get("series_doc_id", "")),
                )
            rows.append(row)
    out = pd.DataFrame(rows, columns=TOLL_COLUMNS)
    for col in ("top_value", "top_figure", "before_figure", "before_value", "low_value", "low_figure"):
        out[col] = out[col].astype("Int64")
    return out


def _claim_fields(prefix: str, claim: Any) -> dict[str, Any]:
    """A claim's wording, figure, speaker, date and document under ``prefix``_ names (toll_periods)."""
    return {
        f"{prefix}_qualifier": str(claim["qualifier"]),
        f"{prefix}_value": _opt_int(claim["value"]),
        f"{prefix}_figure": int(claim["acled"]),
        f"{prefix}_stated_by": str(claim.get("stated_by", "")),
        f"{prefix}_date": claim["as_of_date"],
        f"{prefix}_doc_id": str(claim["doc_id"]),
    }


def _ancestors(ds: "Dataset") -> dict[str, set[str]]:
    """Every place's enclosing places (its parent_id chain), for 'is this scope inside that one'."""
    parent = {
        str(p): (None if str(q) in ("", "nan", "None", "<NA>") else str(q))
        for p, q in zip(ds.places["place_id"], ds.places["parent_id"], strict=True)
    }
    out: dict[str, set[str]] = {}
    for place in parent:
        seen: set[str] = set()
        nxt = parent.get(place)
        while nxt and nxt not in seen:
            seen.add(nxt)
            nxt = parent.get(nxt)
        out[place] = seen
    return out


def records_per_document(ds: "Dataset") -> "pd.DataFrame":
    """Count, per document and table, the rows that cite it (own citation or citations.csv)."""
    cites = ds.all_citations().drop_duplicates(["table", "record_id", "doc_id"])
    table = cites.pivot_table(index="doc_id", columns="table", values="record_id", aggfunc="count", fill_value=0)
    table["total"] = table.sum(axis=1)
    return table


# --- views for the notebooks -------------------------------------------------------------


def daily_counts(
    events: "pd.DataFrame", start: object, end: object, versions: "pd.DataFrame | None" = None
) -> tuple["pd.DataFrame", int]:
    """Happenings dated to a day in the window, per day and ACLED type, and how many others there are (not drawn).

    Each happening is counted once, by the one rule (:func:`qantar.dating.happenings`, its dates from every
    version in ``versions``, None: ``events``): on its day when dated to one; happenings known only to a
    range, dated differently by the texts or only perhaps in the window are the second number.
    """
    import pandas as pd

    from qantar import dating

    days = pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq="D")
    found = dating.happenings(events, start, end, versions)
    drawn = found[(found["dating"].astype(str) == dating.DAY) & (found["window"].astype(str) == dating.IN)]
    types = events["event_type"]
    if isinstance(types.dtype, pd.CategoricalDtype):  # keep the category order of the columns
        drawn = drawn.assign(event_type=pd.Categorical(drawn["event_type"].astype(str), types.cat.categories))
    table = (
        drawn.groupby(["date_start", "event_type"], observed=True)
        .size()
        .unstack(fill_value=0)
        .reindex(days, fill_value=0)
    )
    table.index.name = "date"
    return table, int(len(found) - len(drawn))


def key_events(events: "pd.DataFrame", happenings: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """One row per key happening (first report of each key kind in KEY_KINDS), for annotations.

    With ``happenings`` (:func:`qantar.dating.happenings`), one the texts date differently has
    ``date_precision`` ``disputed``: the annotation says so rather than vouch for its first report's day.
    """
    ev = events[events["event_kind"].astype(str).isin(KEY_KINDS)]
    # A version a text dates to a day leads over one known only to a range (ev068, 004's undated state of emergency,
    # must not pin the happening to the first day of its range); then the earliest.
    ev = ev.assign(_ranged=ev["date_precision"].astype(str) != "day").sort_values(["_ranged", "date_start", "event_id"])
    first = ev.drop_duplicates("event_kind")
    if happenings is not None:
        from qantar.dating import DISPUTED

        disputed = set(happenings.loc[happenings["dating"].astype(str) == DISPUTED, "happening_id"].astype(str))
        mark = first["happening_id"].astype(str).isin(disputed)
        first = first.assign(date_precision=first["date_precision"].astype(str).mask(mark, DISPUTED))
    return first[["event_id", "event_kind", "date_start", "date_end", "date_precision", "doc_id"]].reset_index(
        drop=True
    )


def coverage(ds: "Dataset", start: object | None = None, end: object | None = None) -> "pd.DataFrame":
    """Which document reports which fact, long form: one row per (fact, document) citation in the window.

    A fact is an event happening or a casualty topic (measure, group, scope, as-of date); columns:
    fact_kind, fact, date, doc_id, table, record_id, evidence.
    """
    import pandas as pd

    cites = ds.all_citations()
    ev = in_window(ds.events[~ds.events["background"].astype(bool)], start, end)
    cr = in_window(ds.casualty_reports, start, end, "as_of_date", None)
    ev_facts = pd.DataFrame(
        {
            "record_id": ev["event_id"].astype(str),
            "fact_kind": "event",
            "fact": ev["happening_id"].astype(str),
            "date": ev["date_start"],
        }
    )
    cr_facts = pd.DataFrame(
        {
            "record_id": cr["report_id"].astype(str),
            "fact_kind": "figure",
            "fact": cr["measure"].astype(str)
            + "|"
            + cr["group"].astype(str)
            + "|"
            + cr["scope_place_id"].astype(str)
            + "|"
            + cr["as_of_date"].dt.strftime("%Y-%m-%d"),
            "date": cr["as_of_date"],
        }
    )
    parts = [
        cites[cites["table"] == "events"].merge(ev_facts, on="record_id"),
        cites[cites["table"] == "casualty_reports"].merge(cr_facts, on="record_id"),
    ]
    both = pd.concat(parts, ignore_index=True)
    return (
        both[["fact_kind", "fact", "date", "doc_id", "table", "record_id", "evidence"]]
        .sort_values(["date", "fact", "doc_id"], kind="stable")
        .reset_index(drop=True)
    )


def corroboration(ds: "Dataset", long: "pd.DataFrame") -> "pd.Series":
    """Per fact of :func:`coverage`, how many documents report it *alike*: the most behind any one version of it.

    Documents that tell a happening alike cite one events row (their own or an additional citation);
    each document that tells it differently has its own row, a version of its own. For a figure,
    documents report it alike when they give the same wording and number. A fact its documents tell
    in several versions is corroborated only by the largest group behind one version, so the state of
    emergency, four versions in five documents, is not "reported by 5 documents".
    """
    import pandas as pd

    if long.empty:
        return pd.Series(dtype=int, name="documents_alike")
    cr = ds.casualty_reports
    wording = dict(
        zip(
            cr["report_id"].astype(str),
            cr["qualifier"].astype(str) + "|" + cr["value"].astype("string").fillna(""),
            strict=True,
        )
    )
    record = long["record_id"].astype(str)
    version = record.where(long["fact_kind"].astype(str) == "event", record.map(wording))
    alike = long.assign(_version=version).groupby(["fact", "_version"], sort=False)["doc_id"].nunique()
    return alike.groupby(level="fact", sort=False).max().rename("documents_alike")


def coverage_matrix(ds: "Dataset", start: object | None = None, end: object | None = None) -> "pd.DataFrame":
    """Which document reports which fact: 1 where a document cites it (rows in date order, a column per document).

    Columns: every document that reports a fact of the window, and every document published by the window's end
    (an empty column says a text of those days reports none of them); a text published later that reports none of
    the window's facts is left out rather than drawn as an empty column.
    """
    import pandas as pd

    long = coverage(ds, start, end)
    order = list(dict.fromkeys(long["fact"]))
    matrix = pd.crosstab(long["fact"], long["doc_id"]).clip(upper=1).reindex(order)
    src = ds.sources
    published = pd.to_datetime(src["published_date"])
    by_end = published <= pd.Timestamp(str(end)) if end is not None else published.notna()
    columns = set(src.loc[by_end, "doc_id"].astype(str)) | set(matrix.columns.astype(str))
    return matrix.reindex(columns=sorted(columns), fill_value=0)


def reactions_view(
    ds: "Dataset",
    actor_kinds: Iterable[str] | str | None = None,
    stances: Iterable[str] | str | None = None,
    start: object | None = None,
    end: object | None = None,
) -> "pd.DataFrame":
    """Reactions filtered by actor kind, stance and date overlap, with the name of the state or body spoken for."""
    re_ = in_window(_filter(_filter(ds.reactions, "actor_kind", actor_kinds), "stance", stances), start, end)
    places = ds.places
    # Organisations are known by their abbreviation (CSTO, EU, UN); states by name.
    short = {
        str(pid): (str(alt).split(";")[0] if kind == "organisation" and alt is not None else str(name))
        for pid, kind, alt, name in zip(
            places["place_id"], places["kind"], places["alternate_names"], places["name"], strict=True
        )
    }
    speaks_for = re_["actor_for"].astype(str).map(short)
    re_ = re_.assign(
        speaks_for=speaks_for.fillna(re_["actor"].astype(str)),
        counterpart_state=re_["counterpart_for"].astype(str).map(short),
    )
    return re_.sort_values(["date_start", "reaction_id"]).reset_index(drop=True)


def stance_counts(reactions: "pd.DataFrame", by: str = "speaks_for") -> "pd.DataFrame":
    """Number of statements per actor (or state) and stance."""
    table = reactions.groupby([by, "stance"], observed=True).size().unstack(fill_value=0)
    return table.loc[table.sum(axis=1).sort_values(ascending=False).index]


def call_network(reactions: "pd.DataFrame") -> "nx.Graph":
    """Undirected networkx graph of phone calls: nodes are people (with their state), edges carry dates and sources."""
    import networkx as nx

    graph = nx.Graph()
    calls = reactions[(reactions["channel"].astype(str) == "phone_call") & reactions["counterpart"].notna()]
    for r in calls.itertuples():
        a, b = str(r.actor), str(r.counterpart)
        graph.add_node(a, state=r.speaks_for)
        if b not in graph:
            graph.add_node(b, state=r.counterpart_state if isinstance(r.counterpart_state, str) else None)
        if graph.has_edge(a, b):
            graph[a][b]["reaction_ids"].append(r.reaction_id)
            continue
        graph.add_edge(
            a,
            b,
            date_start=r.date_start,
            date_end=r.date_end,
            date_precision=str(r.date_precision),
            reaction_ids=[r.reaction_id],
            doc_id=str(r.doc_id),
        )
    return graph


def call_records(reactions: "pd.DataFrame", edges: "pd.DataFrame") -> "pd.DataFrame":
    """The statements behind the call network's lines (a call can carry several: the table under the figure)."""
    ids = {i for joined in edges["reaction_ids"].astype(str) for i in joined.split(";") if i}
    return reactions[reactions["reaction_id"].astype(str).isin(ids)]


def call_edges(graph: "nx.Graph") -> "pd.DataFrame":
    """The call network as a table: one row per pair of people who spoke by phone (what the network figure draws)."""
    import pandas as pd

    rows = [
        dict(
            person_a=a,
            state_a=graph.nodes[a].get("state"),
            person_b=b,
            state_b=graph.nodes[b].get("state"),
            date_start=d["date_start"],
            date_end=d["date_end"],
            reaction_ids=";".join(d["reaction_ids"]),
            doc_id=d["doc_id"],
        )
        for a, b, d in sorted(graph.edges(data=True))
    ]
    return pd.DataFrame(
        rows, columns=["person_a", "state_a", "person_b", "state_b", "date_start", "date_end", "reaction_ids", "doc_id"]
    )
