"""What the casualty charts draw: which claims, merged into how many marks, and the marks' wording classes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

# Qualifiers by the mark they get: a diamond at ACLED's figure, a triangle (it could be more), a ±10 % bar.
VAGUE = ("dozens", "hundreds", "thousands")
OPEN = ("at_least", "more_than")
BANDED = ("about", "some")
WITHDRAWN_COLOUR = "#8a8a8a"
LINE_LABEL = "line: highest figure stated so far (never falls)"
# Rows equal in all of these are one figure, drawn as one mark (merge_identical).
MERGE_KEY = [
    "as_of_date",
    "measure",
    "group",
    "scope_place_id",
    "qualifier",
    "value",
    "acled",
    "low",
    "high",
    "stated_by",
    "relayed_by",
    "doc_id",
]


def merge_identical(claims: "pd.DataFrame") -> "pd.DataFrame":
    """One row per distinct figure (same day, measure, group, place, wording, value, speaker and document).

    The first such row is kept, in the frame's order, with the number of rows it stands for in column ``n``.
    """
    if claims.empty:
        return claims.assign(n=1)
    gid = claims.groupby(
        [c for c in MERGE_KEY if c in claims.columns], dropna=False, observed=True, sort=False
    ).ngroup()
    first = ~gid.duplicated()
    counts = gid.value_counts()
    out = claims[first.to_numpy()]
    return out.assign(n=counts.reindex(gid[first.to_numpy()]).to_numpy())


def plotted_claims(claims: "pd.DataFrame", days: Sequence[Any]) -> "pd.DataFrame":
    """Claims that can be drawn: a figure (ACLED's) and an as-of date inside the window."""
    import pandas as pd

    inside = claims["as_of_date"].isin([pd.Timestamp(d) for d in days])
    return claims[claims["acled"].notna() & inside]


def claim_statuses(frame: "pd.DataFrame") -> "Any":
    """Each claim's status as a numpy array of strings (stated where the frame has no status column)."""
    from qantar.derive import claim_status

    return claim_status(frame).to_numpy()
