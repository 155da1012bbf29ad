"""How the apps put a widget on a page: its widget view, and one sentence where widgets do not render."""

from __future__ import annotations

from typing import Any


def show_widget(widget: Any, text_form: str) -> None:
    """Display ``widget`` with ``text_form`` as its text/plain form (never the widget's repr)."""
    from IPython.display import display as ipy_display

    ipy_display(
        {
            "application/vnd.jupyter.widget-view+json": {
                "version_major": 2,
                "version_minor": 0,
                "model_id": widget.model_id,
            },
            "text/plain": text_form,
        },
        raw=True,
    )
