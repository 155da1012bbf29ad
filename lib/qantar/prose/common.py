"""What the sentences of every page share: the parameters line of a caption and the leaders of a count."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qantar import display as d

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from qantar.notebook import Run


def params_sentence(run: "Run") -> str:
    """The last sentence of a caption: the run's window and filters ('Parameters: 2–10 January 2022; …')."""
    filters = run.describe_filters()
    return f"Parameters: {d.window_label(run.window.start, run.window.end)}" + (f"; {filters}." if filters else ".")


def top_labels(counts: "pd.Series") -> tuple[list[str], int]:
    """The labels with the largest count, every one of a tie (in label order), and that count."""
    if counts.empty:
        return [], 0
    best = int(counts.max())
    return sorted(str(k) for k, v in counts.items() if int(v) == best), best
