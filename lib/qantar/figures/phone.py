"""Type sizes of the phone variants: one default table, which each figure overrides only where it differs."""

from __future__ import annotations

from qantar import settings
from qantar.figures.labels import PHONE_PT

# Sizes (inches, points) of a figure drawn settings.PHONE_FIG_WIDTH_IN wide, where n points show about n px tall
# at the phone's content width: nothing under 10. ``small`` is a figure's notes on its panels, ``note`` its footer.
PHONE_SIZES: dict[str, float] = dict(
    width=settings.PHONE_FIG_WIDTH_IN,
    label=PHONE_PT,
    small=PHONE_PT,
    ticks=PHONE_PT,
    axis=PHONE_PT,
    legend=PHONE_PT,
    note=PHONE_PT,
    title=11,
)


def phone_sizes(**overrides: float) -> dict[str, float]:
    """The phone sizes with a figure's own ``overrides`` (its heights and wraps, and any size that differs)."""
    return {**PHONE_SIZES, **overrides}
