"""Shared figure style: palettes fixed across every page, literal text, and saving figures in every format."""

from __future__ import annotations

import functools
import html
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, TypeVar

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

F = TypeVar("F", bound=Callable[..., Any])
# Dataset text is drawn literally: a '$' in a name or label must not start matplotlib's mathtext.
LITERAL_TEXT: dict[RcKeyType, Any] = {"text.parse_math": False}

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
# The figure functions draw this placeholder; Page.figure replaces it with the figure's own source line
# (stamp_source: data version, licence, document numbers and outlets), so a downloaded file names its sources.
SOURCE_NOTE = "Source: Qantar dataset (CC BY 4.0)."
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


def day_tick_formatter() -> Any:
    """A matplotlib tick formatter writing each date as display.day_month does ('5 Feb'), whatever the month."""
    from matplotlib.dates import num2date
    from matplotlib.ticker import FuncFormatter

    from qantar import display

    return FuncFormatter(lambda x, _pos: display.day_month(num2date(x)))


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

    return wrapper  # type: ignore[return-value]  # functools.wraps keeps the signature; mypy cannot see F's


def stamp_source(fig: Any, line: str) -> Any:
    """Write a figure's own source line where its footer has SOURCE_NOTE (wrapped to the figure's width).

    A footer that grows by a line keeps its first line where it was and grows downwards, so it never runs
    into the legend or axes above it; the saved file's tight bounding box takes in the new lines.
    """
    import textwrap

    renderer = fig.canvas.get_renderer()
    texts = [*fig.texts, *(t for ax in fig.axes for t in ax.texts)]
    for t in texts:
        old = t.get_text()
        if SOURCE_NOTE not in old:
            continue
        width = max(60, int(fig.get_figwidth() * 72 / (t.get_fontsize() * 0.5)))
        new = "\n".join(textwrap.fill(p, width) for p in old.replace(SOURCE_NOTE, line).split("\n"))
        top = t.get_window_extent(renderer).y1
        # Never over the drawing: the footer starts under the lowest axes (with its tick labels) or legend.
        t.set_visible(False)
        boxes = [a.get_tightbbox(renderer) for a in fig.axes if a.get_visible()]
        boxes += [g.get_window_extent(renderer) for g in fig.legends]
        t.set_visible(True)
        floor = min((b.y0 for b in boxes if b is not None), default=top)
        if top > floor:
            top = floor - t.get_fontsize() * fig.dpi / 72 * 0.5
        if t.get_va() != "top" or top != t.get_window_extent(renderer).y1:
            x_display = t.get_transform().transform(t.get_position())[0]
            t.set_y(t.get_transform().inverted().transform((x_display, top))[1])
            t.set_va("top")
        t.set_text(new)
    return fig


def save_png(fig: Any, out_dir: Path, name: str, dpi: int = 150) -> Path:
    """Save a matplotlib figure as ``<out_dir>/<name>.png`` and return the path."""
    return _save_mpl(fig, out_dir / f"{name}.png", dpi=dpi)


def phone_png_path(out_dir: Path, name: str) -> Path:
    """Where the phone variant of figure ``name`` is saved: ``<out_dir>/<name>.phone.png``."""
    return out_dir / f"{name}.phone.png"


def save_phone_png(fig: Any, out_dir: Path, name: str) -> Path:
    """Save the phone variant of figure ``name`` (drawn for a phone's width) beside ``<name>.png``; returns the path."""
    from qantar import settings

    return _save_mpl(fig, phone_png_path(out_dir, name), dpi=settings.PHONE_DPI)


def png_width_px(fig: Any, dpi: int) -> int:
    """The width in pixels of the PNG ``save_png``/``save_phone_png`` would write for ``fig`` at ``dpi``."""
    import io
    import struct

    buf = io.BytesIO()
    with matplotlib_rc():
        fig.savefig(buf, format="png", bbox_inches="tight", facecolor="white", dpi=dpi)
    return int(struct.unpack(">I", buf.getvalue()[16:20])[0])  # the IHDR chunk's width


def text_heights_px(fig: Any, dpi: int, display_width_px: float) -> list[tuple[str, float]]:
    """Every visible, non-empty text on ``fig`` with the height of one of its lines as displayed (CSS px).

    A line's height in the PNG (``line_height_px`` at ``dpi``) times the display width over the PNG's width: the
    size a reader sees when the PNG saved at ``dpi`` is shown ``display_width_px`` wide.
    """
    scale = display_width_px / png_width_px(fig, dpi)
    renderer = fig.canvas.get_renderer()
    return [(t.get_text(), line_height_px(t, renderer) * dpi / fig.dpi * scale) for t in visible_texts(fig)]


def line_height_px(text: Any, renderer: Any) -> float:
    """The height of one line of a Text on the canvas, as if upright: its box's height over its number of lines.

    Only the text's own box (an annotation's leader line left out), measured unrotated: a vertical label's box is
    as tall as the label is long.
    """
    from matplotlib.text import Text

    rotation = text.get_rotation()
    if rotation:
        text.set_rotation(0)
    height = Text.get_window_extent(text, renderer).height
    if rotation:
        text.set_rotation(rotation)
    return height / (text.get_text().count("\n") + 1)


def min_text_png_px(fig: Any, dpi: int) -> float:
    """The height of the smallest text drawn on ``fig``, in pixels of its PNG saved at ``dpi``."""
    texts = visible_texts(fig)
    renderer = fig.canvas.get_renderer()
    return min((line_height_px(t, renderer) * dpi / fig.dpi for t in texts), default=float("inf"))


def visible_texts(fig: Any) -> list[Any]:
    """Every Text artist with text in it that a draw of ``fig`` actually draws (ticks outside the view are not).

    Found by drawing the figure once and recording each text drawn: tick labels, titles, axis labels, legends,
    annotations and figure texts alike.
    """
    from unittest import mock

    from matplotlib.text import Text

    drawn: list[Any] = []
    original = Text.draw

    def record(self: Any, renderer: Any) -> Any:
        if self.get_visible() and self.get_text().strip():
            drawn.append(self)
        return original(self, renderer)

    with matplotlib_rc(), mock.patch.object(Text, "draw", record):
        fig.canvas.draw()
    unique = list(dict.fromkeys(drawn))
    return unique


def matplotlib_rc() -> Any:
    """The rc settings every figure is saved with (literal text)."""
    import matplotlib

    return matplotlib.rc_context(LITERAL_TEXT)


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


def save_standalone_html(fig: Any, out_dir: Path, name: str, source: str | None = None) -> Path:
    """Save a plotly figure as one self-contained HTML file (plotly.js inside): it draws wherever it is copied.

    ``source`` (the figure's source line) is written under the figure, so the file names its sources.
    """
    import html

    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.html"
    # auto_play=False: an animated map opens on its last frame (all cities) instead of playing on load.
    fig.write_html(path, include_plotlyjs=True, full_html=True, auto_play=False, config=PLOTLY_CONFIG)
    if source:
        text = path.read_text(encoding="utf-8")
        note = (
            '<p class="qantar-source" style="font: 12px/1.4 system-ui, sans-serif; color: #555; margin: 0.5em 1em;">'
            f"{html.escape(source)}</p>\n"
        )
        path.write_text(text.replace("</body>", note + "</body>", 1), encoding="utf-8")
    return path


def plotly_div(fig: Any) -> str:
    """A plotly figure as an HTML fragment that uses the page's shared plotly.js (no script of its own)."""
    return fig.to_html(
        include_plotlyjs=False, full_html=False, auto_play=False, config=PLOTLY_CONFIG, default_width="100%"
    )
