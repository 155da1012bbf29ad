"""Shared figure style: palettes fixed across every page, literal text, and saving figures in every format."""

from __future__ import annotations

import functools
import html
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
# Dataset text is drawn literally: a '$' in a name or label must not start matplotlib's mathtext.
LITERAL_TEXT = {"text.parse_math": False}

EVENT_TYPE_COLOURS = {  # Okabe–Ito, safe for colour-blind readers
    "Protests": "#0072B2",
    "Riots": "#D55E00",
    "Battles": "#009E73",
    "Violence against civilians": "#CC79A7",
    "Explosions/Remote violence": "#E69F00",
    "Strategic developments": "#8C7B6B",
}
GROUP_COLOURS = {
    "security_forces": "#0072B2",
    "protesters": "#D55E00",
    "armed_criminals": "#CC79A7",
    "civilians": "#009E73",
    "unspecified": "#595959",
}
STANCE_COLOURS = {
    "support_government": "#1b9e77",
    "offer_assistance": "#66a61e",
    "appeal_for_help": "#e6ab02",
    "call_restraint": "#7570b3",
    "call_dialogue": "#a6761d",
    "call_calm": "#8da0cb",
    "call_rights": "#e78ac3",
    "deny_involvement": "#666666",
    "hardline": "#d95f02",
    "gratitude": "#a6d854",
    "reassurance": "#66c2a5",
    "assert_authority": "#e7298a",
    "commemoration": "#2d004b",  # was #b3b3b3, CIEDE2000 5 from informational's grey: now 12 or more from every other
    "informational": "#c7c7c7",
}
# One colour per day of the unrest, the same on every page and map: Paul Tol's "muted" palette, nine colours a
# colour-blind reader tells apart, ordered so that consecutive days never get similar colours.
# Other days share OTHER_DAY; a first day known only to a date range is UNCERTAIN (white).
_TOL_MUTED = ["#332288", "#DDCC77", "#117733", "#CC6677", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499"]
DAY_COLOURS = {date(2022, 1, 2) + timedelta(days=i): colour for i, colour in enumerate(_TOL_MUTED)}
OTHER_DAY = "#7f7f7f"
UNCERTAIN = "#ffffff"
SEA = "#d6e6f2"
LAND = "#f1efe8"
KAZAKHSTAN = "#fcfbf7"
SOURCE_NOTE = "Source: Qantar dataset; the documents behind this figure are listed under it."
# Plotly's mode bar keeps zoom, pan and the PNG download; nothing that uploads anywhere.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "showSendToCloud": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"],
}


def day_colour(day: Any, certain: bool = True) -> str:
    """The fixed colour of a first reported day (UNCERTAIN when the day is only known to a range)."""
    if not certain:
        return UNCERTAIN
    d = day.date() if hasattr(day, "date") and callable(day.date) else day
    return DAY_COLOURS.get(d, OTHER_DAY)


def text_colour_on(hex_colour: str) -> str:
    """Black or white, whichever reads better on a fill colour."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#ffffff"


def esc(text: Any) -> str:
    """Escape dataset text once for plotly labels and HTML element content (&, < and >).

    Quotes are left alone: plotly shows '&quot;' literally, so escaping them would show the
    entity instead of the quotation mark.
    """
    return html.escape("" if text is None else str(text), quote=False)


def clip(text: Any, n: int = 90) -> str:
    """Shorten a text for a hover line (the full text is in the table under the figure)."""
    s = "" if text is None else str(text)
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


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
    return _save_mpl(fig, out_dir / f"{name}.png", dpi=dpi)


def save_svg(fig: Any, out_dir: Path, name: str) -> Path:
    """Save a matplotlib figure as ``<out_dir>/<name>.svg`` (vector, for print and reuse)."""
    return _save_mpl(fig, out_dir / f"{name}.svg")


def _save_mpl(fig: Any, path: Path, **kwargs: Any) -> Path:
    import matplotlib

    path.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context({**LITERAL_TEXT, "svg.fonttype": "none", "svg.hashsalt": "qantar"}):
        fig.savefig(path, bbox_inches="tight", facecolor="white", metadata=_metadata(path), **kwargs)
    return path


def _metadata(path: Path) -> dict[str, Any]:
    # Fixed metadata so the same figure gives the same bytes on every build.
    if path.suffix == ".svg":
        return {"Date": None, "Creator": "qantar"}
    return {"Software": "qantar"}


def save_standalone_html(fig: Any, out_dir: Path, name: str) -> Path:
    """Save a plotly figure as one self-contained HTML file (plotly.js inside): it draws wherever it is copied."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.html"
    # auto_play=False: an animated map opens on its last frame (all cities) instead of playing on load.
    fig.write_html(path, include_plotlyjs=True, full_html=True, auto_play=False, config=PLOTLY_CONFIG)
    return path


def plotly_div(fig: Any) -> str:
    """A plotly figure as an HTML fragment that uses the page's shared plotly.js (no script of its own)."""
    return fig.to_html(
        include_plotlyjs=False, full_html=False, auto_play=False, config=PLOTLY_CONFIG, default_width="100%"
    )
