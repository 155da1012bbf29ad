"""Records behind each figure, as readers see them in the evidence tables (and download them as CSV).

Each function keeps ``doc_id`` and ``evidence`` last; the page turns doc_id into the source's name.
Column names are plain words; dates stay dates (the table shows them with the year and sorts them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qantar import display as d

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


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
    """The cumulative series, one row per point: the day's conservative figure and the series value."""
    import pandas as pd

    return pd.DataFrame(
        {
            "series": [
                d.series_label(s, g, m)
                for s, g, m in zip(frame["scope_place_id"], frame["group"], frame["measure"], strict=True)
            ],
            "as_of": frame["as_of_date"],
            # Worded as the text words it (a vague word says the number it is coded as), never a bare 12 for "dozens".
            "lowest_figure_that_day": [
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
