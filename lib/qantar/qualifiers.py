"""Casualty-figure qualifiers: ACLED's conservative figure, and the project's own low and high bounds.

Two different things, kept apart:

* :func:`acled_figure` is ACLED's rule, as its codebook states it: code the most conservative
  *reported* figure. "some 190" is 190, "more than 3,000" is 3,000, "at least 8" is 8, and the
  vague words are "dozens" = 12, "hundreds" = 100, "thousands" = 1,000.
* :func:`bounds` is this project's own extension (not ACLED's): an interval a reader can draw,
  ⌊0.9n⌋–⌈1.1n⌉ for "about"/"some", n+1 and open for "more than", n and open for "at least",
  12–99, 100–999 and 1,000–9,999 for the words; "almost"/"nearly" n is ⌊0.9n⌋ up to n−1 (short of n),
  "up to" n is 0 up to n. ACLED's codebook names neither of the last two; :func:`acled_figure` takes the
  stated number for them, as it does for "about".
"""

from __future__ import annotations

NUMERIC = ("exact", "at_least", "more_than", "about", "some", "almost", "up_to")
WORD_ONLY = {"dozens": (12, 99), "hundreds": (100, 999), "thousands": (1000, 9999), "unquantified": (None, None)}
QUALIFIERS = (*NUMERIC, *WORD_ONLY)
ACLED_WORDS = {"dozens": 12, "hundreds": 100, "thousands": 1000}


def acled_figure(qualifier: str, value: int | None) -> int | None:
    """ACLED's most conservative reported figure for a wording; None when no figure is given (unquantified)."""
    if qualifier in ACLED_WORDS:
        return ACLED_WORDS[qualifier]
    if qualifier == "unquantified":
        return None
    if qualifier not in NUMERIC:
        raise ValueError(f"unknown qualifier {qualifier!r}; valid: {', '.join(QUALIFIERS)}")
    if value is None:
        raise ValueError(f"qualifier {qualifier!r} needs a value")
    return value


def bounds(qualifier: str, value: int | None) -> tuple[int | None, int | None]:
    """Return (low, high) for a qualifier and stated value; None means unbounded/unknown."""
    if qualifier in WORD_ONLY:
        if value is not None:
            raise ValueError(f"qualifier {qualifier!r} takes no value, got {value!r}")
        return WORD_ONLY[qualifier]
    if qualifier not in NUMERIC:
        raise ValueError(f"unknown qualifier {qualifier!r}; valid: {', '.join(QUALIFIERS)}")
    if value is None:
        raise ValueError(f"qualifier {qualifier!r} needs a value")
    if qualifier == "exact":
        return value, value
    if qualifier == "at_least":
        return value, None
    if qualifier == "more_than":
        return value + 1, None
    if qualifier == "almost":  # "almost 8,000", "nearly 400": short of n, by no more than about a tenth
        return (9 * value) // 10, max((9 * value) // 10, value - 1)
    if qualifier == "up_to":  # "up to 50": a ceiling only; a count cannot go below 0
        return 0, value
    # about / some: a +-10% band around the stated number, in integer arithmetic
    # (float 1.1 * 190 is 209.00000000000003, which would round up to 210).
    return (9 * value) // 10, -((-11 * value) // 10)
