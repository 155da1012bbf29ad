"""The casualty chart's time axis: day columns, then (for a long window) a break and a compressed log scale.

Both charts (figures.casualties, figures.casualties_interactive) place every claim with it; the rule is in
figures.casualties' module doc.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

from qantar import display, settings

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

SLOT_WIDTH = 0.72  # share of a day's column used by its claims
COMPRESSED_SLOT = 0.22  # width of one claim's slot after the break, in day columns
BREAK_GAP = 0.9  # width of the break between the day columns and the compressed scale, in day columns
COMPRESSION_DAYS = 14.0  # the log scale's time constant: about the first two weeks after the break stay wide


@dataclass(frozen=True)
class TimeAxis:
    """x positions of a window's days: day columns, then (for a long window) a break and a compressed log scale.

    Day ``i`` of the window (0-based) is at ``i`` while ``i < n_daily``; later days are at
    ``after + width * ln(1 + (d - 1) / COMPRESSION_DAYS) / ln(1 + (n_rest - 1) / COMPRESSION_DAYS)``, d the
    days after the last day column (1 for the first), so the first sits at ``after`` and the last at
    ``after + width``.
    """

    start: "pd.Timestamp"
    n_days: int
    n_daily: int
    width: float

    @property
    def broken(self) -> bool:
        """Whether the axis has a break (days after the day columns)."""
        return self.n_daily < self.n_days

    @property
    def after(self) -> float:
        """x of the first day after the break."""
        return self.n_daily - 0.5 + BREAK_GAP

    @property
    def break_x(self) -> float:
        """x of the middle of the break."""
        return self.n_daily - 0.5 + BREAK_GAP / 2

    @property
    def limits(self) -> tuple[float, float]:
        """The x range drawn."""
        return (-0.5, self.after + self.width + 0.5 if self.broken else self.n_days - 0.5)

    def x(self, day: Any) -> float:
        """x of a day (its column's middle, or its place on the compressed scale)."""
        import pandas as pd

        i = (pd.Timestamp(day) - self.start).days
        if i < self.n_daily:
            return float(i)
        d, rest = i - self.n_daily + 1, self.n_days - self.n_daily
        if rest <= 1:
            return self.after
        return self.after + self.width * math.log1p((d - 1) / COMPRESSION_DAYS) / math.log1p(
            (rest - 1) / COMPRESSION_DAYS
        )

    def day(self, i: int) -> "pd.Timestamp":
        """The window's i-th day."""
        import pandas as pd

        return self.start + pd.Timedelta(days=i)

    def ticks(self, phone: bool = False) -> list[tuple[float, str]]:
        """(x, label) of each tick: every day column, then the 1st and 15th of months where there is room."""
        # on a phone: day numbers, the month with the first
        out = [(float(i), _day_tick(self.day(i), phone and i > 0)) for i in range(self.n_daily)]
        if phone:
            out[0] = (0.0, display.day_month(self.day(0)))
        if not self.broken:
            return out
        import pandas as pd

        first, last = self.day(self.n_daily), self.day(self.n_days - 1)
        candidates = [first] + [d for d in pd.date_range(first, last, freq="D") if d.day in (1, 15) and d != first]
        kept: list[tuple[float, str]] = []
        for d in candidates:
            x = self.x(d)
            if kept and x - kept[-1][0] < 1.1:
                continue
            kept.append((x, display.month_short(d) if phone and d.day == 1 else display.day_month(d)))
        return out + kept

    def month_lines(self) -> list[float]:
        """x of each 1st of a month after the break (faint guides on the compressed scale)."""
        import pandas as pd

        if not self.broken:
            return []
        days = pd.date_range(self.day(self.n_daily), self.day(self.n_days - 1), freq="MS")
        return [self.x(d) for d in days]


def _day_tick(day: Any, phone: bool = False) -> str:
    return f"{day.day}" if phone else f"{display.weekday_short(day)}\n{display.day_month(day)}"


def time_axis(days: Sequence[Any]) -> TimeAxis:
    """The casualty chart's time axis for a window's days (the module doc gives the rule)."""
    import pandas as pd

    start, n = pd.Timestamp(days[0]), len(days)
    if n <= settings.CASUALTY_DAILY_MAX_DAYS:
        return TimeAxis(start, n, n, 0.0)
    to_mourning = (pd.Timestamp(settings.DEFAULT_END) - start).days + 1
    n_daily = to_mourning if 3 <= to_mourning <= n else 7
    return TimeAxis(start, n, n_daily, max(6.0, 1.4 * n_daily))


def claim_positions(claims: "pd.DataFrame", axis: TimeAxis) -> tuple["pd.Series", dict[Any, float]]:
    """x of each claim, and the x each day's claims centre on (where its series step sits).

    A slot per (group, place, document) and day, shared across panels so one document's claims line up.
    In a day column the slots share ``SLOT_WIDTH``; after the break each slot is ``COMPRESSED_SLOT`` wide,
    a day's slots centre on its date and move right, in date order, only as far as needed not to overlap
    the day before.
    """
    import pandas as pd

    day = pd.to_datetime(claims["as_of_date"])
    # NUL sorts before any character, so the joined key sorts as the tuple (group, place, document) would.
    key = (
        claims["group"].astype(str) + "\0" + claims["scope_place_id"].astype(str) + "\0" + claims["doc_id"].astype(str)
    )
    frame = pd.DataFrame({"day": day.to_numpy(), "key": key.to_numpy()})
    slots = frame.drop_duplicates().sort_values(["day", "key"])
    slots["slot"] = slots.groupby("day").cumcount()
    counts = slots.groupby("day")["key"].size()
    left: dict[Any, float] = {}
    width: dict[Any, float] = {}
    centre: dict[Any, float] = {}
    edge = axis.after - COMPRESSED_SLOT  # the compressed scale's claims never reach into the break
    for d, n in counts.items():
        x = axis.x(d)
        if (pd.Timestamp(d) - axis.start).days < axis.n_daily:
            width[d] = SLOT_WIDTH / max(int(n), 1)
            left[d] = x - SLOT_WIDTH / 2
            centre[d] = x
            continue
        width[d] = COMPRESSED_SLOT
        left[d] = max(x - COMPRESSED_SLOT * int(n) / 2, edge)
        edge = left[d] + COMPRESSED_SLOT * int(n) + 0.04
        centre[d] = left[d] + COMPRESSED_SLOT * int(n) / 2
    placed = frame.merge(slots, on=["day", "key"], how="left")
    xs = [left[d] + width[d] * (s + 0.5) for d, s in zip(placed["day"], placed["slot"], strict=True)]
    return pd.Series(xs, index=claims.index, dtype=float), centre


def day_positions(claims: "pd.DataFrame", days: Sequence[Any]) -> "pd.Series":
    """x position of each claim on the window's time axis (:func:`claim_positions` on :func:`time_axis`)."""
    return claim_positions(claims, time_axis(days))[0]
