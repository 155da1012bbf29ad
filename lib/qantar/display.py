"""Display text: how dates, windows, figures and sources are written for readers, defined once."""
from __future__ import annotations

from datetime import date


def window_label(start: date, end: date) -> str:
    """A date window as readers write it: '2–10 January 2022', '30 December 2021 – 2 January 2022'."""
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """'1 city', '2 cities', '0 events': a count with its noun in the right number."""
    word = singular if n == 1 else (plural_form or singular + "s")
    return f"{n:,} {word}"
