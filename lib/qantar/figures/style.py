"""Shared figure style: palettes and saving figures under names that say what they show."""
from __future__ import annotations

import functools
import html
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from qantar import settings

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

F = TypeVar("F", bound=Callable[..., Any])
# Dataset text is drawn literally: a '$' in a name or label must not start matplotlib's mathtext.
LITERAL_TEXT = {"text.parse_math": False}

EVENT_TYPE_COLOURS = {
    "Protests": "#4C78A8", "Riots": "#E45756", "Battles": "#54A24B", "Violence against civilians": "#B279A2",
    "Explosions/Remote violence": "#FF9DA6", "Strategic developments": "#9D755D",
}
GROUP_COLOURS = {"security_forces": "#1f77b4", "protesters": "#d62728", "armed_criminals": "#7f3c8d",
                 "civilians": "#2ca02c", "unspecified": "#595959"}
STANCE_COLOURS = {
    "support_government": "#1b9e77", "offer_assistance": "#66a61e", "appeal_for_help": "#e6ab02", "call_restraint": "#7570b3",
    "call_dialogue": "#a6761d", "call_calm": "#8da0cb", "call_rights": "#e78ac3", "deny_involvement": "#666666",
    "hardline": "#d95f02", "gratitude": "#a6d854", "reassurance": "#66c2a5", "assert_authority": "#e7298a",
    "commemoration": "#b3b3b3", "informational": "#c7c7c7",
}
SOURCE_NOTE = "Source: Qantar dataset (five news texts published 6–8 Jan 2022); every mark cites a document id."


def esc(text: Any) -> str:
    """Escape dataset text once for plotly labels and HTML element content (&, < and >).

    Quotes are left alone: plotly shows '&quot;' literally, so escaping them would show the
    entity instead of the quotation mark.
    """
    return html.escape("" if text is None else str(text), quote=False)


def literal_text(builder: F) -> F:
    """Decorator for matplotlib figure builders: every text object they create is drawn literally."""
    @functools.wraps(builder)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import matplotlib

        with matplotlib.rc_context(LITERAL_TEXT):
            return builder(*args, **kwargs)
    return wrapper  # type: ignore[return-value]


def save_png(fig: Any, out_dir: Path, name: str, dpi: int = 150) -> Path:
    """Save a matplotlib figure as ``<out_dir>/<name>.png`` and return the path."""
    import matplotlib

    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.png"
    with matplotlib.rc_context(LITERAL_TEXT):
        fig.savefig(path, dpi=dpi, bbox_inches="tight", facecolor="white")
    return path


def save_html(fig: Any, out_dir: Path, name: str) -> Path:
    """Save a plotly figure as ``<out_dir>/<name>.html`` with plotly.js beside it (offline, shared per folder)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.html"
    # "directory" writes plotly.min.js once into out_dir and references it relatively: no CDN, one copy per folder.
    # The report runner instead points every page at the report set's single copy (a relative .js path).
    include: Any = os.environ.get(settings.PLOTLYJS_ENV) or "directory"
    # auto_play=False: an animated map opens on its last frame (all cities) instead of playing on load.
    fig.write_html(path, include_plotlyjs=include, full_html=True, auto_play=False, config={"displaylogo": False})
    return path


def show(fig: Any) -> None:
    """Display a plotly figure: plotly's own renderer interactively, a plain div in report builds (shared plotly.js)."""
    if os.environ.get(settings.REPORT_ENV):
        from IPython.display import HTML, display

        display(HTML(fig.to_html(include_plotlyjs=False, full_html=False, auto_play=False,
                                 config={"displaylogo": False})))
    else:
        fig.show()


def html_table(frame: "pd.DataFrame", date_format: str = "%d %b %Y") -> Any:
    """An escaped HTML table for notebook display: dataset text can never inject markup."""
    import pandas as pd
    from IPython.display import HTML

    shown = frame.copy()
    for col in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[col]):
            shown[col] = shown[col].dt.strftime(date_format)
    return HTML(shown.to_html(index=False, escape=True, border=0, classes="qantar-table", na_rep=""))


def heading(text: str, detail: str = "") -> Any:
    """An escaped small heading (e.g. an actor's name and role) for notebook display."""
    from IPython.display import HTML

    extra = f" <span style='font-weight:normal'>— {esc(detail)}</span>" if detail else ""
    return HTML(f"<h4>{esc(text)}{extra}</h4>")
