"""The ACLED comparison chart: events and fatalities per ACLED event type, ACLED's totals beside this record's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qantar.figures.labels import PHONE_PT, wrap_text
from qantar.figures.style import literal_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

ACLED_COLOUR = "#595959"  # ACLED's totals: neutral grey
OURS_COLOUR = "#0072B2"  # this record (Okabe–Ito blue)
SOURCE = "Sources: ACLED (acleddata.com), country-month totals; Qantar dataset, its ACLED export."


@literal_text
def plot_acled_comparison(table: "pd.DataFrame", title: str, phone: bool = False) -> "Figure":
    """Two stacked panels of horizontal grouped bars (events, then fatalities): ACLED's count and this record's per
    event type. Stacked rather than side by side, so that the chart stays readable on a phone.

    With ``phone`` it is drawn for a phone's width (settings.PHONE_FIG_WIDTH_IN) with type shown >= 10 px there.
    """
    import matplotlib.pyplot as plt
    import numpy as np

    from qantar import settings

    rows = table.iloc[::-1]  # first type on top
    y = np.arange(len(rows))
    h = 0.38
    pt = PHONE_PT if phone else 10  # bar values, type names and the legend
    width = settings.PHONE_FIG_WIDTH_IN if phone else 7
    fig, axes = plt.subplots(2, 1, figsize=(width, 2 * (0.5 * len(rows) + 1) + 1.2 + (0.6 if phone else 0)))
    panels = (("events", "acled_events", "our_events"), ("reported fatalities", "acled_fatalities", "our_fatalities"))
    for ax, (what, acled_col, ours_col) in zip(axes, panels, strict=True):
        acled_vals, our_vals = rows[acled_col].to_numpy(), rows[ours_col].to_numpy()
        ax.barh(y + h / 2, acled_vals, h, color=ACLED_COLOUR, label="ACLED")
        ax.barh(y - h / 2, our_vals, h, color=OURS_COLOUR, label="this record")
        top = max(int(acled_vals.max()), int(our_vals.max()), 1)
        for yy, v in zip(y + h / 2, acled_vals, strict=True):
            ax.text(v + top * 0.02, yy, f"{int(v):,}", va="center", fontsize=pt, color=ACLED_COLOUR)
        for yy, v in zip(y - h / 2, our_vals, strict=True):
            ax.text(v + top * 0.02, yy, f"{int(v):,}", va="center", fontsize=pt, color=OURS_COLOUR)
        ax.set_xlim(0, top * 1.18)
        ax.set_title(what, loc="left", fontsize=pt + 1)
        ax.set_yticks(y, rows["event_type"].astype(str), fontsize=pt)
        ax.tick_params(axis="x", labelsize=pt)
        ax.spines[["top", "right"]].set_visible(False)
        ax.xaxis.get_major_locator().set_params(integer=True)
    axes[0].legend(frameon=False, fontsize=pt, loc="lower right")
    if phone:
        fig.suptitle(wrap_text(title, PHONE_PT + 1), x=0.01, ha="left", fontsize=PHONE_PT + 1)
        fig.text(0.01, 0.0, wrap_text(SOURCE, PHONE_PT), fontsize=PHONE_PT, color="#555555", va="top")
    else:
        fig.suptitle(title, x=0.01, ha="left", fontsize=12)
        fig.text(0.01, -0.02, SOURCE, fontsize=7, color="#555555")
    fig.tight_layout()
    return fig
