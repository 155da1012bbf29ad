"""Casualty-figure qualifiers and the numeric bounds derived from them.

The lower bound follows ACLED's rule of coding the lowest reported figure, with its
conventions for vague words ("dozens" = 12, "hundreds" = 100, "thousands" = 1000).
Upper bounds follow UCDP's practice of keeping a high estimate; open-ended wordings
("at least", "more than") have none.
"""
from __future__ import annotations

NUMERIC = ("exact", "at_least", "more_than", "about", "some")
WORD_ONLY = {"dozens": (12, 99), "hundreds": (100, 999), "thousands": (1000, 9999), "unquantified": (None, None)}
QUALIFIERS = (*NUMERIC, *WORD_ONLY)


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
    # about / some: a +-10% band around the stated number, in integer arithmetic
    # (float 1.1 * 190 is 209.00000000000003, which would round up to 210).
    return (9 * value) // 10, -((-11 * value) // 10)
