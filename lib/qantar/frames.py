"""Row selection shared by the derived views (qantar.derive and its parts): one rule each.

* a record is *in a window* when its date range overlaps it, or its one date falls in it: :func:`in_window`;
* a bare string where a list of values is expected is one value, None means all: :func:`filter_values`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd


def opt_int(value: object) -> int | None:
    """Return ``value`` as int, or None for None/NaN/pd.NA."""
    import pandas as pd

    # pd.isna does not narrow ``value`` for mypy; what is left is a number (a pandas or numpy scalar).
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def filter_values(frame: "pd.DataFrame", column: str, values: Iterable[str] | str | None) -> "pd.DataFrame":
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
