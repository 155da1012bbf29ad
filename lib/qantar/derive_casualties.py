"""Derived views of the casualty figures: every claim, the day-by-day series and the toll by period."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Iterable

from qantar.frames import filter_values, in_window, opt_int
from qantar.qualifiers import acled_figure

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd

    from qantar.dataset import Dataset


SERIES_GROUP = ["scope_place_id", "group", "measure"]


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

    cr = filter_values(
        filter_values(filter_values(ds.casualty_reports, "measure", measures), "group", groups),
        "scope_place_id",
        scopes,
    )
    cr = in_window(cr, start, end, "as_of_date", None)
    cr = cr.assign(
        acled=pd.array(
            [acled_figure(str(q), opt_int(v)) for q, v in zip(cr["qualifier"], cr["value"], strict=True)],
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
                    day_value=opt_int(best["value"]),
                    series_report_id=str(holder["report_id"]),
                    series_qualifier=str(holder["qualifier"]),
                    series_stated=opt_int(holder["value"]),
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
                    before_value=opt_int(last["series_stated"]),
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
        f"{prefix}_value": opt_int(claim["value"]),
        f"{prefix}_figure": int(claim["acled"]),
        f"{prefix}_stated_by": str(claim.get("stated_by", "")),
        f"{prefix}_date": claim["as_of_date"],
        f"{prefix}_doc_id": str(claim["doc_id"]),
    }
