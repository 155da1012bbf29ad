"""Records behind each figure, as readers see them in the evidence tables (and download them as CSV).

Each function keeps ``doc_id`` and ``evidence`` last; the page turns doc_id into the source's name.
Column names are plain words; dates stay dates (the table shows them with the year and sorts them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qantar import display as d
from qantar.disagree_text import DisagreementContext, disagreement_versions

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from qantar.acled_reference import Comparison
    from qantar.dataset import Dataset


def events(frame: "pd.DataFrame") -> "pd.DataFrame":
    """Events: dates, place, ACLED type, what happened, document, evidence."""
    import pandas as pd

    out = pd.DataFrame({"from": frame["date_start"], "to": frame["date_end"]})
    if "city" in frame.columns:
        out["city"] = frame["city"].astype(str)
    out["event_type"] = frame["event_type"].astype(str)
    out["sub_event_type"] = frame["sub_event_type"].astype(str)
    out["what_happened"] = frame["description"].astype(str)
    out["doc_id"] = frame["doc_id"].astype(str)
    out["evidence"] = frame["evidence"].astype(str)
    return out.sort_values(["from", *(["city"] if "city" in out else [])], kind="stable").reset_index(drop=True)


def claims(frame: "pd.DataFrame") -> "pd.DataFrame":
    """Casualty figures: as-of date, scope, group, measure, wording, ACLED's figure, the project's bounds, speaker."""
    import pandas as pd

    return pd.DataFrame(
        {
            "as_of": frame["as_of_date"],
            "scope": frame["scope_place_id"].map(d.scope_label),
            "group": frame["group"].astype(str).map(lambda g: d.GROUP_SHORT.get(g, g)),
            "measure": frame["measure"].astype(str).map(lambda m: d.MEASURE_LABELS.get(m, m)),
            "wording": [d.claim_text(q, v) for q, v in zip(frame["qualifier"], frame["value"], strict=True)],
            "acled_figure": frame["acled"],
            "project_low": frame["low"],
            "project_high": frame["high"],
            "period": frame["period"].astype(str),
            "stated_by": [d.attribution(s, r) for s, r in zip(frame["stated_by"], frame["relayed_by"], strict=True)],
            "report_id": frame["report_id"].astype(str),
            "doc_id": frame["doc_id"].astype(str),
            "evidence": frame["evidence"].astype(str),
        }
    ).reset_index(drop=True)


def series(frame: "pd.DataFrame") -> "pd.DataFrame":
    """The cumulative series, one row per point: the day's highest figure and the series value."""
    import pandas as pd

    return pd.DataFrame(
        {
            "series": [
                d.series_label(s, g, m)
                for s, g, m in zip(frame["scope_place_id"], frame["group"], frame["measure"], strict=True)
            ],
            "as_of": frame["as_of_date"],
            # Worded as the text words it (a vague word says the number it is coded as), never a bare 12 for "dozens".
            "highest_figure_that_day": [
                d.claim_text(q, v, c)
                for q, v, c in zip(frame["day_qualifier"], frame["day_value"], frame["day_figure"], strict=True)
            ],
            "series_value": [
                d.claim_text(q, v, c)
                for q, v, c in zip(frame["series_qualifier"], frame["series_stated"], frame["series"], strict=True)
            ],
            "series_value_coded": frame["series"],
            "kept_earlier_figure": frame["carried"],
            "claims_that_day": frame["n_claims"],
            "documents": frame["n_docs"],
            "report_id": frame["report_id"],
            "doc_id": frame["doc_id"],
        }
    )


def reactions(frame: "pd.DataFrame") -> "pd.DataFrame":
    """Statements and calls: dates, who, for whom, how, to whom, stance, CAMEO, what was said."""
    import pandas as pd

    return pd.DataFrame(
        {
            "from": frame["date_start"],
            "to": frame["date_end"],
            "actor": frame["actor"].astype(str),
            "role": frame["actor_role"],
            "speaks_for": frame["speaks_for"].astype(str),
            "channel": frame["channel"].astype(str).map(lambda c: d.CHANNEL_LABELS.get(c, c)),
            "counterpart": frame["counterpart"],
            "stance": frame["stance"].astype(str).map(lambda s: d.STANCE_LABELS.get(s, s)),
            "cameo": frame["cameo_code"].astype(str) + " " + frame["cameo_label"].astype(str),
            "what_was_said": frame["summary"].astype(str),
            "doc_id": frame["doc_id"].astype(str),
            "evidence": frame["evidence"].astype(str),
        }
    ).reset_index(drop=True)


def coverage(frame: "pd.DataFrame", labels: dict[str, str]) -> "pd.DataFrame":
    """Citations behind the coverage matrix: fact, record, document, evidence."""
    import pandas as pd

    return pd.DataFrame(
        {
            "date": frame["date"],
            "fact": frame["fact"].map(lambda f: labels.get(f, f)),
            "record": frame["record_id"],
            "doc_id": frame["doc_id"],
            "evidence": frame["evidence"],
        }
    )


def timeline_data(counts: "pd.DataFrame", happenings: "pd.DataFrame") -> "pd.DataFrame":
    """The timeline as drawn (happenings per day and type, and the day's total) and what its note counts, not drawn."""
    from qantar import dating

    n = dating.breakdown(happenings)
    return counts.assign(
        total=counts.sum(axis=1),
        known_only_to_a_range=n[dating.RANGE],
        dated_differently=n[dating.DISPUTED],
        may_fall_in_period=n[dating.MAY],
    ).reset_index()


def coverage_data(matrix: "pd.DataFrame", labels: dict[str, str], alike: "pd.Series | None" = None) -> "pd.DataFrame":
    """The matrix as drawn: one row per fact, a 0/1 column per document, how many documents report it and (with
    ``alike``, derive.corroboration) how many report it alike."""
    out = matrix.copy()
    out.insert(0, "fact", [labels.get(f, f) for f in matrix.index])
    out["documents"] = matrix.sum(axis=1)
    if alike is not None:
        out["documents_alike"] = alike.reindex(matrix.index).fillna(0).astype(int)
    return out.reset_index(drop=True)


def disagreements(frame: "pd.DataFrame") -> "pd.DataFrame":
    """Disagreements with plain column names (documents stay ids here: each names several; versions, a list
    per row, are written out in the detail sentence)."""
    from qantar.display import disagreement_label

    out = frame.drop(columns=["versions"], errors="ignore").rename(
        columns={"record_ids": "records", "fields": "fields_differing"}
    )
    out.insert(1, "what", out["kind"].map(disagreement_label))
    # A figure's topic joins its keys with '|' (killed|unspecified|kz|exact|164): spaced, so a table cell can wrap.
    out["topic"] = out["topic"].astype(str).str.replace("|", " | ", regex=False)
    return out


def disagreement_records(ds: "Dataset", frame: "pd.DataFrame") -> "pd.DataFrame":
    """The records behind disagreements (or tensions), one row per version: the question, what the record says,
    its document and evidence; ``record_id`` names it (in the CSV, and as the row's anchor on the page)."""
    import pandas as pd

    evidence: dict[str, str] = {}
    for table, key in (
        (ds.events, "event_id"),
        (ds.casualty_reports, "report_id"),
        (ds.wordings, "wording_id"),
        (ds.citations, "citation_id"),
    ):
        evidence.update(zip(table[key].astype(str), table["evidence"].astype(str), strict=True))
    context = DisagreementContext.of(ds)
    dates = _record_dates(ds)
    rows = []
    for row in frame.itertuples():
        items = disagreement_versions(row.kind, row.versions, context)
        for v, item in zip(row.versions, items, strict=True):
            rows.append(
                {
                    "question": row.subject,
                    "what_it_says": f"{item['who']}: {item['said']}" if item["who"] else item["said"],
                    "date": dates.get(str(v["record_ids"][0]), ""),
                    "record_id": ", ".join(v["record_ids"]),
                    "doc_id": str(v["doc_id"]),
                    "evidence": evidence.get(str(v["record_ids"][0]), ""),
                }
            )
    return pd.DataFrame(rows, columns=["question", "what_it_says", "date", "record_id", "doc_id", "evidence"])


def _record_dates(ds: "Dataset") -> dict[str, str]:
    """The date each record speaks of, as a reader writes it: an event's day or range, a figure's as-of day; a
    wording or citation takes its record's date."""
    out: dict[str, str] = {}
    for r in ds.events.itertuples():
        out[str(r.event_id)] = d.span_label(r.date_start, r.date_end, r.date_precision, year=True)
    for r in ds.casualty_reports.itertuples():
        out[str(r.report_id)] = d.day_label(r.as_of_date, year=True, short=True)
    for table, key in ((ds.wordings, "wording_id"), (ds.citations, "citation_id")):
        for rid, target in zip(table[key].astype(str), table["record_id"].astype(str), strict=True):
            out[rid] = out.get(target, "")
    return out


def acled_comparison(cmp: "Comparison") -> "pd.DataFrame":
    """The ACLED comparison per event type: ACLED's and this record's events and fatalities, and our rows' fates."""
    return cmp.table.reset_index(drop=True)


def acled_events(cmp: "Comparison") -> "pd.DataFrame":
    """This record's ACLED events in the month, one row per events row in them, with its fate and document."""
    out = cmp.events.rename(
        columns={"event_id_cnty": "acled_event", "event_date": "date", "event_id": "record_row", "status": "fate"}
    ).copy()
    import pandas as pd

    out["date"] = pd.to_datetime(out["date"])
    return out.reset_index(drop=True)


def acled_reasons(cmp: "Comparison") -> "pd.DataFrame":
    """How this record's rows of the month became ACLED events, and what the export counts of its killed figures."""
    import pandas as pd

    f = cmp.facts
    rows = [
        ("texts the month's ACLED events rest on", f["texts_coded"]),
        ("texts in the record", f["texts_in_record"]),
        ("events rows dated in or overlapping the month", f["rows_in_month"]),
        ("rows in an ACLED event", f["rows_in_events"]),
        ("rows merged as further reports of one happening", f["rows_merged"]),
        ("rows aggregated with another happening (same day, place, actors, activity)", f["rows_aggregated"]),
        ("rows not coded for ACLED", f["rows_excluded"]),
        ("this record's ACLED events", cmp.ours_total),
        ("ACLED's events", cmp.reference.total_events),
        ("killed figures of the month linked to an event row", f["killed_linked"]),
        ("national killed figures of the month linked to no event", f["killed_unlinked_national"]),
        ("largest national killed figure of the month", f["largest_national_toll"]),
    ]
    return pd.DataFrame(rows, columns=["what", "count"])


def acled_exclusions(cmp: "Comparison") -> "pd.DataFrame":
    """Rows of the month the ACLED export leaves out, per reason (a row may have several reasons)."""
    import pandas as pd

    counts = cmp.exclusion_counts[cmp.exclusion_counts > 0]
    return pd.DataFrame(
        {"reason": [d.ACLED_EXCLUSION_LABELS.get(k, d.words(k)) for k in counts.index], "rows": counts.to_numpy()}
    ).sort_values("rows", ascending=False, kind="stable", ignore_index=True)


def acled_excluded_rows(cmp: "Comparison") -> "pd.DataFrame":
    """Each row of the month the ACLED export leaves out: its dates, type, reasons in short and as the export words
    them (without the codebook quotes, which docs/codebooks.md and the export's companion file give), document."""
    import re

    import pandas as pd

    ex = cmp.excluded
    quote = re.compile(r"\s*\(ACLED: .*?'\)")

    def dates(start: "pd.Timestamp", end: "pd.Timestamp") -> str:
        return d.span_label(start, end, "day" if start == end else "range", year=True)

    return pd.DataFrame(
        {
            "record_row": ex["event_id"],
            "dates": [dates(a, b) for a, b in zip(ex["date_start"], ex["date_end"], strict=True)],
            "event_type": ex["row_type"],
            "why_in_short": ex["kinds"].map(lambda ks: "; ".join(d.ACLED_EXCLUSION_LABELS.get(k, k) for k in ks)),
            "why": ex["reason"].map(lambda r: quote.sub("", str(r))),
            "doc_id": ex["doc_id"],
        }
    )


def acled_tolls(cmp: "Comparison") -> "pd.DataFrame":
    """The national killed figures of the month that no event row carries (the export counts none of them)."""
    t = cmp.tolls
    import pandas as pd

    return pd.DataFrame(
        {
            "as_of": pd.to_datetime(t["as_of_date"]),
            "group": t["group"].astype(str).map(lambda g: d.GROUP_SHORT.get(g, g)),
            "wording": [d.claim_text(q, v) for q, v in zip(t["qualifier"], t["value"], strict=True)],
            "value": t["value"],
            "report_id": t["report_id"].astype(str),
            "doc_id": t["doc_id"].astype(str),
        }
    )
