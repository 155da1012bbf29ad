"""Sentences of the ACLED comparison: what the totals show, what they support and what they do not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qantar import display as d
from qantar.prose.common import params_sentence

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from qantar.acled_reference import Comparison
    from qantar.notebook import Run


def _month(cmp: "Comparison") -> str:
    return d.month_year(cmp.reference.month)


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
        f"{src['commit'][:12]}); only these totals are stored. {params_sentence(run)}"
    )


def acled_alt(cmp: "Comparison") -> str:
    """Alt text of the comparison chart."""
    rows = "; ".join(
        f"{r.event_type}: ACLED {int(r.acled_events)} events and {int(r.acled_fatalities)} fatalities, this record "
        f"{int(r.our_events)} and {int(r.our_fatalities)}"
        for r in cmp.table.itertuples()
    )
    return f"Two grouped bar charts, events and reported fatalities per ACLED event type. {rows}."
