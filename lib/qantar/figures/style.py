"""Shared figure style: palettes and saving figures under names that say what they show."""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any

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
SOURCE_NOTE = "Source: Qantar dataset (five news texts of 5–8 Jan 2022); every mark cites a document id."


def esc(text: Any) -> str:
    """HTML-escape dataset text before it reaches hover labels or HTML tables."""
    return html.escape("" if text is None else str(text), quote=True)


def save_png(fig: Any, out_dir: Path, name: str, dpi: int = 150) -> Path:
    """Save a matplotlib figure as ``<out_dir>/<name>.png`` and return the path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.png"
    fig.savefig(path, dpi=dpi, bbox_inches="tight", facecolor="white")
    return path


def save_html(fig: Any, out_dir: Path, name: str) -> Path:
    """Save a plotly figure as ``<out_dir>/<name>.html`` with plotly.js beside it (offline, shared per folder)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.html"
    # "directory" writes plotly.min.js once into out_dir and references it relatively: no CDN, one copy per folder.
    # auto_play=False: an animated map opens on its last frame (all cities) instead of playing on load.
    fig.write_html(path, include_plotlyjs="directory", full_html=True, auto_play=False, config={"displaylogo": False})
    return path
