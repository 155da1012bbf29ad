"""Sentences of the landing page: its introduction and caveats, counted from the dataset published."""

from __future__ import annotations

from typing import Any

from qantar import cite
from qantar import display as d


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
        published = "on " + d.join([d.day_label(x, year=False) for x in days]) + f" {days[-1].year}"
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
    return {"lede": lede, "caveats": caveats, "citation": cite.citation_text(ds.version)}
