"""The review app's logic, without widgets: candidate cards, their live validation, and decisions written at once.

``qantar review DOC_ID`` shows one document's candidates (from :func:`qantar.extract.extract`, or a candidate
file) as cards beside the text. A :class:`Session` holds the cards and what was decided; every decision goes
through :mod:`qantar.workflow` the moment it is made (``accept_one`` writes the row or the citation,
``log_decision`` logs the decision), so a crash or a closed tab loses nothing, and a session opened again for the
same document starts from the review log. A card is checked by the validator ``qantar validate`` runs
(:func:`qantar.validation.validate`, on a scratch copy of the tables holding the card's row): a card that would
break a rule shows which one and cannot be accepted. :mod:`qantar.app.review` only wires widgets to this.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from qantar import settings
from qantar.problems import QantarError

# Cards, their checks and the review log live in qantar.review_cards; every name stays importable from here.
from qantar.review_cards import (
    Card,
    Checker,
    EXTRACTION_FIELDS,
    KEYS,
    PRIMARY_KEYS,
    REJECT_REASONS,
    STATES,
    SUMMARY_FIELDS,
    TABLES,
    TABLE_TITLES,
    _text,
    candidates_for,
    document,
    logged_decisions,
    make_cards,
    provisional,
    read_candidate_file,
    review_log_path,
    reviewer_name,
    schema_fields,
    vocabularies,
)

__all__ = [
    "Card",
    "Checker",
    "EXTRACTION_FIELDS",
    "KEYS",
    "PRIMARY_KEYS",
    "REJECT_REASONS",
    "STATES",
    "SUMMARY_FIELDS",
    "Session",
    "TABLES",
    "TABLE_TITLES",
    "candidates_for",
    "card_html",
    "document",
    "header_html",
    "help_html",
    "logged_decisions",
    "make_cards",
    "provisional",
    "read_candidate_file",
    "review_log_path",
    "reviewer_name",
    "schema_fields",
    "spans",
    "text_html",
    "vocabularies",
]

if TYPE_CHECKING:  # pragma: no cover - typing only
    pass

# --- the session -----------------------------------------------------------------------------------------------


class Session:
    """One document's review: its cards, the current card, and every decision written through the workflow."""

    def __init__(
        self,
        doc_id: str,
        text: str,
        candidates: dict[str, list[dict[str, Any]]],
        reviewer: str | None = None,
        data_dir: Path | None = None,
        texts_dir: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.doc_id = doc_id
        self.text = text
        self.data_dir = settings.data_dir(data_dir)
        self.texts_dir = settings.texts_dir(texts_dir)
        self.reviewer = reviewer or reviewer_name()
        self.clock = clock
        self.cards = make_cards(candidates, self.data_dir)
        self.checker = Checker(self.data_dir, self.texts_dir)
        self.current = 0
        self.threshold = settings.REVIEW_BATCH_CONFIDENCE
        self.restore()
        for card in self.cards:
            if not card.decided:
                card.problems = self.checker.check(card)
        self.select(self._first_open())

    # --- state ---

    def restore(self) -> int:
        """Mark the cards the review log has decided already (by anyone); returns how many.

        A write interrupted between its renames (the journal is there) is finished first, as the next accept
        would: a decision made before a crash shows as made, not as a row without its log entry.
        """
        if (self.data_dir / settings.JOURNAL_NAME).exists():
            from qantar import workflow

            workflow.recover(self.data_dir)
        logged = logged_decisions(self.doc_id, self.data_dir)
        n = 0
        for card in self.cards:
            row = logged.get((card.table, card.candidate_id))
            if row and row.get("decision") in STATES[1:]:
                self._decided(card, row)
                n += 1
        return n

    def _decided(self, card: Card, logged: dict[str, str]) -> None:
        """Mark a card as the review log says, showing the row as written (an edit shows its changes)."""
        card.state, card.reason = logged["decision"], logged.get("reason", "")
        card.record_id, card.reviewer = logged.get("record_id", ""), logged.get("reviewer", "")
        card.problems = []
        if card.state in ("accepted", "edited") and not _text(card.candidate.get("duplicate_of")):
            key = PRIMARY_KEYS[card.table]
            written = next((r for r in self.checker.table(card.table) if r.get(key) == card.record_id), None)
            if written is not None:
                # What accept filled in itself (the id, a new happening, bounds, a label) is not the reviewer's change.
                own = {key, "happening_id", "low", "high", "cameo_label"}
                card.row = {
                    k: v if k in own and not _text(card.candidate.get(k)) else written.get(k, v)
                    for k, v in card.row.items()
                }

    def _first_open(self) -> int:
        return next((c.index for c in self.cards if not c.decided), 0)

    def counts(self) -> dict[str, int]:
        """How many cards are in each state."""
        return {s: sum(c.state == s for c in self.cards) for s in STATES}

    def select(self, index: int) -> Card | None:
        """Make card ``index`` (clamped) the current one and start its clock."""
        if not self.cards:
            return None
        self.current = max(0, min(index, len(self.cards) - 1))
        card = self.cards[self.current]
        card.shown_at = self.clock()
        return card

    def move(self, step: int) -> Card | None:
        """Move to the next (1) or previous (-1) card."""
        return self.select(self.current + step)

    def edit(self, index: int, column: str, value: Any) -> list[str]:
        """Change one column of an open card and check it again; returns its problems."""
        card = self.cards[index]
        if card.decided:
            raise QantarError(f"{card.candidate_id} is {card.state} already")
        if column not in card.row:
            raise QantarError(f"{column!r} is not a column of {card.table}")
        card.row[column] = _text(value)
        card.problems = self.checker.check(card)
        card.message = ""
        return card.problems

    # --- decisions ---

    def _seconds(self, card: Card) -> float:
        started = card.shown_at if card.shown_at is not None else self.clock()
        return round(max(0.0, self.clock() - started), 1)

    def _taken(self, card: Card) -> bool:
        """True (and the card updated) when the review log holds a decision made elsewhere since this page opened."""
        row = logged_decisions(self.doc_id, self.data_dir).get((card.table, card.candidate_id))
        if row and row.get("decision") in STATES[1:]:
            self._decided(card, row)
            card.message = f"already {card.state} by {card.reviewer or 'someone'} in another session"
            return True
        return False

    def accept(self, index: int | None = None, seconds: float | None = None) -> bool:
        """Accept a card (as edited, if it was): write its row through the workflow and log it; False if refused."""
        from qantar import workflow

        card = self.cards[self.current if index is None else index]
        if card.decided:
            card.message = f"already {card.state}"
            return False
        if self._taken(card):  # decided in another session: that, not what the check would now say, is the news
            return False
        card.problems = self.checker.check(card)
        if card.problems:
            card.message = "cannot be accepted: " + "; ".join(card.problems)
            return False
        decision = "edited" if card.edited else "accepted"
        took = self._seconds(card) if seconds is None else seconds
        # The candidate as a candidate file holds it once decided (the Decision names its table).
        candidate = {**card.candidate, **card.row, "decision": "edit" if card.edited else "accept"}
        # accept_one writes the row (or the citation) and logs the decision in one atomic step.
        try:
            result = workflow.accept_one(
                candidate,
                workflow.Decision(
                    doc_id=self.doc_id,
                    table=card.table,
                    candidate_id=card.candidate_id,
                    decision=decision,
                    reviewer=self.reviewer,
                    seconds=took,
                    rule=str(card.candidate.get("rule", "")),
                ),
                self.reviewer,
                self.data_dir,
                self.texts_dir,
            )
        except workflow.WorkflowError as exc:  # refused whole (a rule, the lock): nothing written; say why
            if self._taken(card):
                return False
            problems = getattr(exc, "problems", None)
            card.message = "not written: " + ("; ".join(p.rule for p in problems) if problems else str(exc))
            return False
        new = [rid for ids in (getattr(result, "new_rows", None) or {}).values() for rid in ids]
        cited = list(getattr(result, "citations", None) or [])
        # The record written, or the one cited (what the review log names, so a reopened page shows the same).
        dup = _text(card.candidate.get("duplicate_of"))
        card.record_id = (new or ([dup] if dup else []) or [""])[0]
        card.state, card.reviewer = decision, self.reviewer
        card.message = f"{decision}: " + (
            f"cited on {dup} ({cited[0] if cited else 'already cited'})" if dup else f"written as {card.record_id}"
        )
        return True

    def reject(self, reason: str, index: int | None = None, seconds: float | None = None) -> bool:
        """Reject a card with a reason and log it; False (and a message) without a reason."""
        from qantar import workflow

        card = self.cards[self.current if index is None else index]
        reason = " ".join(str(reason or "").split())
        if card.decided:
            card.message = f"already {card.state}"
            return False
        if not reason:
            card.message = "a rejection needs a reason"
            return False
        if self._taken(card):
            return False
        try:
            workflow.log_decision(
                workflow.Decision(
                    doc_id=self.doc_id,
                    table=card.table,
                    candidate_id=card.candidate_id,
                    decision="rejected",
                    reviewer=self.reviewer,
                    seconds=self._seconds(card) if seconds is None else seconds,
                    reason=reason,
                    rule=str(card.candidate.get("rule", "")),
                ),
                self.data_dir,
            )
        except workflow.WorkflowError as exc:  # the lock, or decided elsewhere meanwhile: nothing written
            if not self._taken(card):
                card.message = f"not written: {exc}"
            return False
        card.state, card.reason, card.reviewer = "rejected", reason, self.reviewer
        card.message = f"rejected: {reason}"
        return True

    def batch_candidates(self) -> list[Card]:
        """The open place cards at least ``threshold`` sure and valid: what shift+A accepts."""
        return [
            c
            for c in self.cards
            if c.table == "places" and not c.decided and c.confidence >= self.threshold and not c.problems
        ]

    def batch_accept(self) -> list[Card]:
        """Accept every open, valid place card at least ``threshold`` sure; the look they took is shared among them."""
        chosen = self.batch_candidates()
        if not chosen:
            return []
        current = self.cards[self.current]
        each = round(self._seconds(current) / len(chosen), 1)
        done = [card for card in chosen if self.accept(card.index, seconds=each)]
        for card in done:
            card.message += f" (batch of {len(done)})"
        return done

    def next_open(self) -> Card | None:
        """Move to the next open card after the current one (wrapping); stay when none is open."""
        n = len(self.cards)
        for step in range(1, n + 1):
            card = self.cards[(self.current + step) % n]
            if not card.decided:
                return self.select(card.index)
        return None

    def close(self) -> None:
        """Remove the checker's scratch copy."""
        self.checker.close()


def spans(text: str, cards: list[Card]) -> list[tuple[str, list[int], str]]:
    """The text cut at every candidate's start and end: (piece, indexes of the cards covering it, first table)."""
    marks = []
    for c in cards:
        try:
            a, b = int(c.candidate.get("start", -1)), int(c.candidate.get("end", -1))
        except (TypeError, ValueError):
            continue
        if 0 <= a < b <= len(text):
            marks.append((a, b, c.index, c.table))
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in marks if m[0] <= a and b <= m[1]]
        out.append((text[a:b], [m[2] for m in covering], covering[0][3] if covering else ""))
    return out


# --- HTML (Jinja2, autoescaped: every text shows literally) -----------------------------------------------------


def text_html(session: Session) -> str:
    """The document with every candidate's span marked (classes by table and state; data-cards names the cards)."""
    from qantar.html import render

    states = {c.index: c.state for c in session.cards}
    return render("blocks/review_text.html.j2", pieces=spans(session.text, session.cards), states=states)


def card_html(session: Session, card: Card) -> str:
    """One card: summary, confidence and rule, evidence, changes, duplicate hint, broken rules, decision."""
    from qantar.html import render

    duplicate = None
    dup_id = _text(card.candidate.get("duplicate_of"))
    if dup_id:
        key = PRIMARY_KEYS[card.table]
        row = next((r for r in session.checker.table(card.table) if r.get(key) == dup_id), None)
        duplicate = {"table": card.table, "id": dup_id, "row": row}
    return render(
        "blocks/review_card.html.j2",
        card=card,
        title=TABLE_TITLES[card.table].rstrip("s") if card.table != "casualty_reports" else "Figure",
        summary=[(name, card.row.get(name, "")) for name in SUMMARY_FIELDS[card.table]],
        changes=card.changes(),
        duplicate=duplicate,
    )


def header_html(session: Session, note: str = "") -> str:
    """The progress line: decided of total, per state, the reviewer, the help key."""
    from qantar.html import render

    counts = session.counts()
    return render(
        "blocks/review_header.html.j2",
        doc_id=session.doc_id,
        decided=len(session.cards) - counts["open"],
        total=len(session.cards),
        counts=counts,
        reviewer=session.reviewer,
        note=note,
    )


def help_html(threshold: float = settings.REVIEW_BATCH_CONFIDENCE) -> str:
    """The keys and what each does."""
    from qantar.html import render

    shown = {"ArrowDown": "↓", "ArrowUp": "↑", "A": "shift+A", "Escape": "Esc"}
    keys = [(shown.get(k, k), what.format(threshold=threshold)) for k, what in KEYS.items()]
    return render("blocks/review_help.html.j2", keys=keys)
