"""When a happening happened, and whether it falls in a period: the one rule every count of happenings uses.

A *happening* is one ``happening_id``; each document that tells it differently has its own events row
(a *version*), and a document that tells it alike cites that row. Counting versions would count the
state of emergency three times, so every page, the landing page and the explorer count happenings,
dated by :func:`happening_dates`:

* **dated to a day** when at least one version gives a day and every other version allows that day
  (a range that contains it);
* **dated differently** (``disputed``) when the versions cannot all be true: two different days, or a
  day or range that another version's range excludes. Its span runs from the earliest to the latest
  day any version gives;
* **known only to a range** when no version gives a day and the versions' ranges share at least one
  day. Its span runs from the earliest to the latest day any version allows.

A happening is *in* a period when its whole span lies in it, and *may fall in* it when the span only
overlaps it (:func:`window_fit`): a statue toppled "2–7 January" is not counted as in 2–4 January, it
is counted separately as one that may be.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

DAY, RANGE, DISPUTED = "day", "range", "disputed"
IN, MAY, OUT = "in", "may", "out"
DATES_COLUMNS = ["happening_id", "date_start", "date_end", "dating", "n_versions"]
HAPPENING_COLUMNS = [
    "happening_id",
    "event_type",
    "event_kind",
    "date_start",
    "date_end",
    "dating",
    "n_versions",
    "window",
]


def happening_dates(versions: "pd.DataFrame") -> "pd.DataFrame":
    """One row per happening of ``versions`` (events rows): its span and dating (day, range, disputed), by the rule.

    ``versions`` must hold every version of the happenings asked about (``ds.events``), not only those
    overlapping a period: a version outside it can still make a happening disputed. A row whose
    ``date_precision`` is already ``disputed`` (a happening row, not a version) stays disputed.
    """
    import pandas as pd

    if versions.empty:
        return pd.DataFrame(columns=DATES_COLUMNS)
    hid = versions["happening_id"].astype(str)
    precision = versions["date_precision"].astype(str)
    frame = pd.DataFrame(
        {
            "happening_id": hid,
            "date_start": versions["date_start"],
            "date_end": versions["date_end"],
            "is_day": precision == DAY,
            "is_disputed": precision == DISPUTED,
        }
    )
    g = frame.groupby("happening_id", sort=True)
    out = pd.DataFrame(
        {
            "first": g["date_start"].min(),
            "last": g["date_end"].max(),
            "common_from": g["date_start"].max(),  # the days every version allows: [common_from, common_to]
            "common_to": g["date_end"].min(),
            "any_day": g["is_day"].any(),
            "any_disputed": g["is_disputed"].any(),
            "n_versions": g.size(),
        }
    )
    disputed = out["any_disputed"] | (out["common_from"] > out["common_to"])
    day = ~disputed & out["any_day"]
    # A day version with every other version allowing it: the days all allow are exactly that day.
    dating = pd.Series(RANGE, index=out.index).mask(day, DAY).mask(disputed, DISPUTED)
    return pd.DataFrame(
        {
            "happening_id": out.index,
            "date_start": out["common_from"].where(day, out["first"]),
            "date_end": out["common_to"].where(day, out["last"]),
            "dating": dating,
            "n_versions": out["n_versions"].astype(int),
        }
    ).reset_index(drop=True)


def window_fit(date_start: "pd.Series", date_end: "pd.Series", start: object | None, end: object | None) -> "pd.Series":
    """Per row, ``in`` (the span lies in [start, end]), ``may`` (it only overlaps it) or ``out``; None is open."""
    import pandas as pd

    lo = pd.Timestamp(start) if start is not None else None
    hi = pd.Timestamp(end) if end is not None else None
    inside = pd.Series(True, index=date_start.index)
    overlaps = pd.Series(True, index=date_start.index)
    if lo is not None:
        inside &= date_start >= lo
        overlaps &= date_end >= lo
    if hi is not None:
        inside &= date_end <= hi
        overlaps &= date_start <= hi
    return pd.Series(OUT, index=date_start.index).mask(overlaps, MAY).mask(inside & overlaps, IN)


def happenings(
    events: "pd.DataFrame",
    start: object | None = None,
    end: object | None = None,
    versions: "pd.DataFrame | None" = None,
) -> "pd.DataFrame":
    """The happenings of ``events`` that are in or may fall in [start, end], one row each (HAPPENING_COLUMNS).

    Dates come from every version in ``versions`` (None: ``events`` itself); the ACLED type and kind
    are those of the happening's first version in ``events`` (earliest start, then event_id), so a
    filter by type keeps the type it chose. ``window`` is ``in`` or ``may`` (:func:`window_fit`).
    """
    import pandas as pd

    if events.empty:
        return pd.DataFrame(columns=HAPPENING_COLUMNS)
    ids = set(events["happening_id"].astype(str))
    pool = events if versions is None else versions[versions["happening_id"].astype(str).isin(ids)]
    dates = happening_dates(pool).set_index("happening_id")
    first = events.assign(_hid=events["happening_id"].astype(str)).sort_values(["date_start", "event_id"])
    first = first.drop_duplicates("_hid").set_index("_hid")
    out = dates.join(first[["event_type", "event_kind"]], how="inner")
    out = out.assign(window=window_fit(out["date_start"], out["date_end"], start, end))
    out = out[out["window"] != OUT].rename_axis("happening_id").reset_index()
    return out[HAPPENING_COLUMNS].sort_values(["date_start", "happening_id"]).reset_index(drop=True)


def breakdown(frame: "pd.DataFrame") -> dict[str, int]:
    """How many happenings of a :func:`happenings` frame are in the period by dating, and how many may fall in it."""
    inside = frame[frame["window"].astype(str) == IN]
    dating = inside["dating"].astype(str)
    return {
        DAY: int((dating == DAY).sum()),
        RANGE: int((dating == RANGE).sum()),
        DISPUTED: int((dating == DISPUTED).sum()),
        MAY: int((frame["window"].astype(str) == MAY).sum()),
    }


def count_may(frame: "pd.DataFrame", start: object | None, end: object | None) -> int:
    """How many rows of a frame with date_start and date_end only may fall in [start, end] (:func:`window_fit`)."""
    if frame.empty:
        return 0
    return int((window_fit(frame["date_start"], frame["date_end"], start, end) == MAY).sum())
