"""Sentences of the map pages: where unrest was reported in the window, and on which day first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qantar import display as d
from qantar.prose.common import params_sentence, top_labels

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from qantar.notebook import Run


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
        names, n = top_labels(sure.set_index(sure["city"].astype(str))["n_events"].astype(int))
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
        f"{params_sentence(run)}"
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
