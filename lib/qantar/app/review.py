"""The review app's widgets (``qantar review DOC_ID``): the text beside its candidate cards, keyboard first.

Nothing here decides or validates: :class:`qantar.review.Session` does, and writes every decision at once.
The page's keys reach the kernel through a small widget (``review_keys.js``); :meth:`ReviewApp.key` maps each
to an action, so the keyboard is tested without a browser too.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from qantar.app.mime import show_widget
from qantar import settings
from qantar.review import (
    REJECT_REASONS,
    TABLE_TITLES,
    TABLES,
    Card,
    Session,
    card_html,
    header_html,
    help_html,
    schema_fields,
    text_html,
    vocabularies,
)

CSS = """
<style>
.qantar-review { box-sizing: border-box; max-width: 1400px; margin: 0 auto; overflow-x: hidden; font-size: 14px; }
.qantar-review * { box-sizing: border-box; }
.qantar-review h2 { font-size: 18px; margin: 4px 0; overflow-wrap: anywhere; }
.qantar-review .widget-html-content { white-space: normal; overflow-wrap: anywhere; line-height: 1.45; }
.qantar-review .qantar-panes { display: flex; flex-flow: row nowrap; gap: 14px; width: 100%; align-items: flex-start; }
.qantar-review .qantar-text-pane { flex: 1 1 50%; min-width: 0; position: sticky; top: 0; max-height: 92vh;
  overflow-y: auto; border: 1px solid #ddd; padding: 8px 12px; background: #fcfcfa; }
.qantar-review .qantar-cards-pane { flex: 1 1 50%; min-width: 0; }
.qantar-review .qantar-text { white-space: pre-wrap; font-family: Georgia, serif; font-size: 15px; line-height: 1.6; }
.qantar-review mark.qantar-mark { background: #fff1a8; cursor: pointer; border-radius: 2px; padding: 0 1px; }
.qantar-review mark.qantar-mark-places { background: #d6ecff; }
.qantar-review mark.qantar-mark-events { background: #ffe0b8; }
.qantar-review mark.qantar-mark-casualty_reports { background: #ffd1d1; }
.qantar-review mark.qantar-mark-reactions { background: #e3d9ff; }
.qantar-review mark.qantar-mark-accepted, .qantar-review mark.qantar-mark-edited { box-shadow: inset 0 -2px #2e7d32; }
.qantar-review mark.qantar-mark-rejected { background: #eee; color: #777; text-decoration: line-through; }
.qantar-review mark.qantar-mark-current { outline: 2px solid #0b5cad; }
.qantar-review .qantar-group-title h3 { font-size: 15px; margin: 12px 0 4px; color: #2a3f5f; }
.qantar-review .qantar-card { border: 1px solid #ccc; border-left: 5px solid #ccc; border-radius: 4px; padding: 6px 8px;
  margin: 0 0 8px; width: 100%; min-width: 0; background: #fff; }
.qantar-review .qantar-card.qantar-current { border-color: #0b5cad; box-shadow: 0 0 0 2px #0b5cad33; }
.qantar-review .qantar-card.qantar-state-accepted, .qantar-review .qantar-card.qantar-state-edited {
  border-left-color: #2e7d32; background: #f3faf3; }
.qantar-review .qantar-card.qantar-state-rejected { border-left-color: #999; background: #f5f5f5; color: #555; }
.qantar-review .qantar-card.qantar-invalid { border-left-color: #c62828; }
.qantar-review .qantar-badge { display: inline-block; font-size: 11px; text-transform: uppercase; padding: 0 5px;
  border-radius: 3px; background: #ddd; margin-right: 4px; }
.qantar-review .qantar-badge-accepted, .qantar-review .qantar-badge-edited { background: #2e7d32; color: #fff; }
.qantar-review .qantar-badge-rejected { background: #777; color: #fff; }
.qantar-review .qantar-field { margin-right: 6px; white-space: normal; }
.qantar-review .qantar-field-name { color: #666; font-size: 12px; }
.qantar-review .qantar-meta { color: #555; font-size: 12px; }
.qantar-review blockquote { margin: 4px 0; padding-left: 8px; border-left: 3px solid #ddd; font-style: italic;
  color: #333; }
.qantar-review .qantar-problems { color: #b71c1c; margin: 4px 0; padding-left: 18px; }
.qantar-review .qantar-message { color: #1b5e20; font-size: 13px; }
.qantar-review .qantar-card.qantar-invalid .qantar-message { color: #b71c1c; }
.qantar-review .qantar-notes, .qantar-review .qantar-reason, .qantar-review .qantar-changes {
  font-size: 13px; color: #444; }
.qantar-review .qantar-existing { font-size: 12px; border-collapse: collapse; }
.qantar-review .qantar-existing th { text-align: left; padding-right: 6px; color: #666; font-weight: normal; }
.qantar-review .qantar-buttons { display: flex; flex-flow: row wrap; gap: 6px; }
.qantar-review .qantar-buttons button { width: auto; }
.qantar-review .qantar-edit, .qantar-review .qantar-reject { display: flex; flex-flow: row wrap; gap: 4px 10px;
  width: 100%; }
.qantar-review .qantar-edit .widget-inline-hbox { flex: 1 1 260px; min-width: 0; max-width: 100%; margin: 0; }
.qantar-review .qantar-edit .widget-label { width: 120px; font-size: 12px; }
.qantar-review .qantar-edit input, .qantar-review .qantar-edit select { min-width: 0; }
.qantar-review .qantar-reject .widget-combobox { flex: 1 1 260px; min-width: 0; }
.qantar-review .qantar-help { border: 1px solid #ccc; padding: 6px 10px; background: #fffde7; margin: 6px 0; }
.qantar-review .qantar-help th { text-align: left; padding-right: 10px; }
.qantar-review kbd { border: 1px solid #aaa; border-radius: 3px; padding: 0 4px; font-size: 12px; background: #f7f7f7; }
.qantar-review .qantar-keys { width: 0; height: 0; overflow: hidden; }
@media (max-width: 700px) {
  .qantar-review .qantar-panes { flex-flow: column nowrap; }
  .qantar-review .qantar-text-pane { position: static; max-height: none; width: 100%; flex: 0 0 auto; }
  .qantar-review .qantar-cards-pane { width: 100%; flex: 0 0 auto; }
  .qantar-review .qantar-edit .widget-label { width: 100px; }
}
</style>
"""
TEXT_FORM = "The Qantar review app: open it with `qantar review DOC_ID` (Voilà)."


@lru_cache(maxsize=1)
def keys_widget_class() -> type:
    """The keyboard widget's class (anywidget): sends each key press to the kernel; built on first use."""
    import anywidget
    import traitlets

    class Keys(anywidget.AnyWidget):
        _esm = (Path(__file__).with_name("review_keys.js")).read_text(encoding="utf-8")
        current = traitlets.Int(0).tag(sync=True)
        focus = traitlets.Unicode("").tag(sync=True)  # "edit:3:7": focus card 3's edit form (7: a counter)
        shown = traitlets.Int(0).tag(sync=True)  # bumped when the text is drawn again

    return Keys


class CardView:
    """One card's widgets: its summary, the accept/edit/reject buttons, and the edit and reject forms."""

    def __init__(self, app: "ReviewApp", card: Card):
        import ipywidgets as w

        self.app, self.card = app, card
        self.html = w.HTML()
        self.accept_button = w.Button(description="Accept (a)", button_style="success")
        self.edit_button = w.Button(description="Edit (e)")
        self.reject_button = w.Button(description="Reject (r)")
        for b, css in ((self.accept_button, "accept"), (self.edit_button, "edit"), (self.reject_button, "reject")):
            b.add_class(f"qantar-{css}-button")
            b.layout.width = "auto"
        self.accept_button.on_click(lambda _b: app.do("accept", card.index))
        self.edit_button.on_click(lambda _b: app.do("edit", card.index))
        self.reject_button.on_click(lambda _b: app.do("reject", card.index))
        buttons = w.HBox([self.accept_button, self.edit_button, self.reject_button])
        buttons.add_class("qantar-buttons")
        self.buttons = buttons
        self.fields: dict[str, Any] = {}
        self.form = w.Box(layout=w.Layout(display="none"))
        self.form.add_class("qantar-edit")
        self.reason = w.Combobox(
            options=list(REJECT_REASONS), placeholder="reason (pick or type), Enter rejects", ensure_option=False
        )
        self.reason.add_class("qantar-reason-input")
        confirm = w.Button(description="Reject with this reason", layout=w.Layout(width="auto"))
        confirm.add_class("qantar-reject-confirm")
        confirm.on_click(lambda _b: app.submit("reject", card.index))
        self.reject_form = w.Box([self.reason, confirm], layout=w.Layout(display="none"))
        self.reject_form.add_class("qantar-reject")
        self.box = w.VBox([self.html, buttons, self.form, self.reject_form], layout=w.Layout(width="100%"))
        self.box.add_class("qantar-card")
        self.box.add_class(f"qantar-card-{card.index}")
        self._classes: set[str] = set()
        self.refresh()

    def build_form(self) -> None:
        """The edit form: one field per column (the vocabulary's choices for coded columns), built when first opened."""
        import ipywidgets as w

        if self.fields:
            return
        card = self.card
        vocab = vocabularies(card.table, self.app.session.data_dir)
        children = []
        for f in schema_fields(card.table, self.app.session.data_dir):
            name = f["name"]
            if name not in card.row:
                continue
            value = card.row[name]
            if name in vocab or f.get("type") == "boolean":
                choices = vocab.get(name, ["true", "false"])
                options = ["", *choices] + ([value] if value and value not in choices else [])
                field = w.Dropdown(options=options, value=value, description=name)
            else:
                field = w.Text(value=value, description=name, continuous_update=False)
            field.style.description_width = "initial"
            field.add_class(f"qantar-field-{name}")
            field.observe(lambda ch, name=name: self.app.changed(card.index, name, ch["new"]), names="value")
            self.fields[name] = field
            children.append(field)
        save = w.Button(description="Accept edited (Enter)", button_style="success", layout=w.Layout(width="auto"))
        save.add_class("qantar-save")
        save.on_click(lambda _b: self.app.submit("edit", card.index))
        cancel = w.Button(description="Close (Esc)", layout=w.Layout(width="auto"))
        cancel.on_click(lambda _b: self.app.close_forms())
        self.form.children = [*children, save, cancel]

    def refresh(self) -> None:
        """Draw the card's summary and state again."""
        card = self.card
        self.html.value = card_html(self.app.session, card)
        for b in (self.accept_button, self.edit_button, self.reject_button):
            b.disabled = card.decided
        self.accept_button.disabled = card.decided or bool(card.problems)
        self.accept_button.tooltip = "; ".join(card.problems) if card.problems else "accept as shown"
        want = {f"qantar-state-{card.state}"}
        if card.problems and not card.decided:
            want.add("qantar-invalid")
        if self.app.session.current == card.index:
            want.add("qantar-current")
        for css in self._classes - want:
            self.box.remove_class(css)
        for css in want - self._classes:
            self.box.add_class(css)
        self._classes = want
        if card.decided:
            self.form.layout.display = "none"
            self.reject_form.layout.display = "none"


class ReviewApp:
    """The review page for one :class:`Session`: header, help, text pane, card pane, keyboard."""

    def __init__(self, session: Session):
        import ipywidgets as w

        self.session = session
        self.note = ""
        self.header = w.HTML()
        self.help = w.HTML(help_html(session.threshold), layout=w.Layout(display="none"))
        self.batch = w.Button(description="", layout=w.Layout(width="auto"))
        self.batch.add_class("qantar-batch")
        self.batch.on_click(lambda _b: self.do("batch"))
        self.text = w.HTML()
        self.text.add_class("qantar-text-html")
        self.views = [CardView(self, c) for c in session.cards]
        groups = []
        for table in TABLES:
            views = [v for v in self.views if v.card.table == table]
            title = w.HTML(f"<h3>{TABLE_TITLES[table]} ({len(views)})</h3>")  # fixed words and a count only
            title.add_class("qantar-group-title")
            groups += [title, *(v.box for v in views)]
        if not self.views:
            groups.append(w.HTML("<p>No candidates for this document.</p>"))
        text_pane = w.VBox([self.text])
        text_pane.add_class("qantar-text-pane")
        cards_pane = w.VBox(groups)
        cards_pane.add_class("qantar-cards-pane")
        panes = w.Box([text_pane, cards_pane])
        panes.add_class("qantar-panes")
        self.keys = keys_widget_class()()
        self.keys.on_msg(self._on_msg)
        self.widget = w.VBox([w.HTML(CSS), self.header, self.help, self.batch, panes, self.keys])
        self.widget.add_class("qantar-review")
        self._focus = 0
        self.redraw()

    # --- drawing ---

    def redraw(self, cards: list[int] | None = None) -> None:
        """Draw the header, the text and the given cards (all when None) again."""
        session = self.session
        self.header.value = header_html(session, self.note)
        self.text.value = text_html(session)
        for v in self.views if cards is None else [self.views[i] for i in cards]:
            v.refresh()
        n = len(session.batch_candidates())
        self.batch.description = f"Accept {n} place{'' if n == 1 else 's'} ≥ {session.threshold:.0%} sure (shift+A)"
        self.batch.disabled = n == 0
        self.keys.current = session.current
        self.keys.shown += 1

    # --- actions ---

    def key(self, key: str, form: str = "", field: str = "", value: Any = None) -> None:
        """Do what a key press means: in a form, Enter submits and Escape closes; elsewhere see qantar.review.KEYS.

        Enter in a text field carries the field's ``value`` as the page shows it: the field's own sync may not
        have reached the kernel yet when Enter follows the last keystroke at once.
        """
        if form:
            if key == "Enter":
                if isinstance(value, str) and self.session.cards:
                    view = self.views[self.session.current]
                    if form == "reject" and field == "reason":
                        view.reason.value = value
                    elif form == "edit" and field in view.fields and isinstance(view.fields[field].value, str):
                        view.fields[field].value = value
                self.submit(form, self.session.current)
            elif key == "Escape":
                self.close_forms()
            return
        action = {
            "j": "next",
            "ArrowDown": "next",
            "k": "previous",
            "ArrowUp": "previous",
            "a": "accept",
            "e": "edit",
            "r": "reject",
            "A": "batch",
            "?": "help",
            "Escape": "close",
        }.get(key)
        if action:
            self.do(action, self.session.current)

    def do(self, action: str, index: int | None = None) -> None:
        """One action on a card (the current one when ``index`` is None)."""
        session = self.session
        before = session.current
        if index is not None and index != session.current and action in ("accept", "edit", "reject", "select"):
            session.select(index)
        card = session.cards[session.current] if session.cards else None
        if action == "next":
            session.move(1)
        elif action == "previous":
            session.move(-1)
        elif action == "help":
            self.help.layout.display = None if self.help.layout.display == "none" else "none"
        elif action == "close":
            self.close_forms()
            self.help.layout.display = "none"
        elif action == "batch":
            done = session.batch_accept()
            self.note = f"batch: {len(done)} places accepted" if done else "batch: no open place is sure enough"
            self.redraw()
            return
        elif card is not None and action == "accept":
            self.close_forms()
            if session.accept(card.index):
                session.next_open()
        elif card is not None and action == "edit" and not card.decided:
            self.close_forms()
            view = self.views[card.index]
            view.build_form()
            view.form.layout.display = None
            self._ask_focus("edit", card.index)
        elif card is not None and action == "reject" and not card.decided:
            self.close_forms()
            self.views[card.index].reject_form.layout.display = None
            self._ask_focus("reject", card.index)
        self.redraw([i for i in {before, session.current, *([card.index] if card else [])} if i < len(self.views)])
        self.header.value = header_html(session, self.note)

    def submit(self, form: str, index: int) -> None:
        """Submit a card's form: accept the edited card, or reject it with the reason typed."""
        session = self.session
        session.select(index)
        view = self.views[index]
        if form == "edit":
            for name, field in view.fields.items():  # the fields' last values (a text field may not have sent yet)
                if field.value != view.card.row.get(name):
                    session.edit(index, name, field.value)
            done = session.accept(index)
        else:
            done = session.reject(view.reason.value, index)
        if done:
            self.close_forms()
            session.next_open()
        self.redraw()

    def changed(self, index: int, column: str, value: Any) -> None:
        """A field of an edit form changed: check the card again and show what it breaks."""
        if self.session.cards[index].decided or self.session.cards[index].row.get(column) == value:
            return
        self.session.edit(index, column, value)
        self.views[index].refresh()

    def close_forms(self) -> None:
        """Close every open edit or reject form."""
        for v in self.views:
            v.form.layout.display = "none"
            v.reject_form.layout.display = "none"

    def _ask_focus(self, form: str, index: int) -> None:
        self._focus += 1
        self.keys.focus = f"{form}:{index}:{self._focus}"

    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict):
            return
        if "select" in content:
            index = content["select"]
            if isinstance(index, int) and 0 <= index < len(self.session.cards):
                self.do("select", index)
            return
        self.key(
            str(content.get("key", "")),
            str(content.get("form", "")),
            str(content.get("field", "")),
            content.get("value"),
        )

    def show(self) -> None:
        """Display the page (its text form, where widgets do not render, is one sentence)."""
        show_widget(self.widget, TEXT_FORM)


def start() -> ReviewApp | None:
    """Build and show the review page for the document ``qantar review`` named; errors are shown as messages."""
    from IPython.display import HTML, display as ipy_display

    from qantar import review
    from qantar.app import _wait_for_request
    from qantar.html import render
    from qantar.problems import QantarError

    try:
        doc_id = os.environ.get(settings.REVIEW_DOC_ENV, "")
        if not doc_id:
            raise QantarError(
                f"no document to review ({settings.REVIEW_DOC_ENV} is not set): use `qantar review DOC_ID`"
            )
        given = os.environ.get(settings.REVIEW_CANDIDATES_ENV, "")
        text, found = review.candidates_for(doc_id, Path(given) if given else None)
        import anywidget  # noqa: F401 - imported before the request arrives, so the page opens ready

        # A kernel kept ready waits here for its page: what was decided is read after, so a page opened later
        # (another tab, or after a crash) shows every decision made until then.
        _wait_for_request()
        session = Session(doc_id, text, found)
        app = ReviewApp(session)
    except QantarError as err:
        ipy_display(HTML(render("blocks/app_error.html.j2", message=str(err), app="review app")))
        return None
    app.show()
    return app
