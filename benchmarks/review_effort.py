"""Review effort: what a reviewed candidate file cost to code, against typing the same rows by hand (prints figures).

    .venv/bin/python benchmarks/review_effort.py PROPOSED.json REVIEWED.json [--text PATH] [--json]

PROPOSED is what `qantar extract --format json` wrote; REVIEWED is the same file after review (each candidate with a
"decision"; rows added by hand have decision "add"). The script counts decisions, edited fields and typed
characters, then estimates a person's time both ways with the Keystroke-Level Model (Card, Moran and Newell, "The
Psychology of Human-Computer Interaction", 1983), using its published operator times:

- K = 0.28 s per keystroke (an average skilled typist, ~40 words a minute); M = 1.35 s to decide (mental
  preparation); P = 1.1 s to point with the mouse; reading at 250 words a minute (a careful reader of news).
- Review: read the text once; per card read it (its evidence, at reading speed), decide (M) and press one key (K);
  per edited field move to it (M + P) and type the new value; per rejection type the reason; per added row type
  every field and copy its evidence from the text (P + P + 2K: select, copy, paste).
- By hand: read the text once; per row in the final record type every field and an id (M + characters x K per
  field), copy its evidence (P + P + 2K), then one validation round (M + a command, 20 keystrokes).

It is an estimate of a person's time, not a measurement: the times an agent takes say nothing about a person.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

K, M, P = 0.28, 1.35, 1.1  # seconds per keystroke, decision, pointing (KLM)
WPM = 250  # reading speed, words a minute
# Columns a person never types: offsets, the extractor's own bookkeeping, ids the workflow assigns.
NOT_TYPED = {
    "start",
    "end",
    "rule",
    "confidence",
    "candidate_id",
    "review_notes",
    "decision",
    "reason",
    "doc_id",
    "seconds",
}
PRIMARY = {"places": "place_id", "events": "event_id", "casualty_reports": "report_id", "reactions": "reaction_id"}


def reading_seconds(text: str) -> float:
    """Seconds to read ``text`` once at WPM words a minute."""
    return len(text.split()) / WPM * 60


def _typed_fields(row: dict[str, Any], table: str) -> dict[str, str]:
    """The fields of ``row`` a person would type (non-empty, not bookkeeping, not the evidence)."""
    skip = NOT_TYPED | {"evidence", PRIMARY.get(table, "")}
    return {k: str(v) for k, v in row.items() if k not in skip and v not in ("", None)}


def field_seconds(value: str) -> float:
    """Move to a field, decide its value and type it."""
    return M + P + len(value) * K


def effort(proposed: dict[str, list[dict]], reviewed: dict[str, list[dict]], text: str = "") -> dict[str, Any]:
    """Counts and KLM estimates (seconds) for reviewing ``proposed`` into ``reviewed``, and for typing by hand."""
    before = {c["candidate_id"]: c for rows in proposed.values() for c in rows}
    counts = {"accepted": 0, "edited": 0, "rejected": 0, "added": 0, "fields_edited": 0, "chars_typed": 0}
    review = reading_seconds(text)
    by_hand = reading_seconds(text) + M + 20 * K
    edited_columns: dict[str, int] = {}
    for table, rows in reviewed.items():
        for c in rows:
            decision = c.get("decision")
            evidence = str(c.get("evidence") or "")
            if decision in {"accept", "edit"}:
                review += reading_seconds(evidence) + M + K
                old = before.get(c.get("candidate_id"), {})
                changed = {
                    k: v
                    for k, v in _typed_fields(c, table).items()
                    if str(old.get(k, "")) != v and k != PRIMARY.get(table)
                }
                if decision == "edit" or changed:
                    counts["edited"] += 1
                else:
                    counts["accepted"] += 1
                for k, v in changed.items():
                    counts["fields_edited"] += 1
                    counts["chars_typed"] += len(v)
                    edited_columns[f"{table}.{k}"] = edited_columns.get(f"{table}.{k}", 0) + 1
                    review += field_seconds(v)
            elif decision == "reject":
                reason = str(c.get("reason") or "")
                counts["rejected"] += 1
                counts["chars_typed"] += len(reason)
                review += reading_seconds(evidence) + M + K + len(reason) * K
                continue
            elif decision == "add":
                counts["added"] += 1
                fields = _typed_fields(c, table)
                counts["chars_typed"] += sum(len(v) for v in fields.values())
                review += sum(field_seconds(v) for v in fields.values()) + 2 * P + 2 * K
            else:
                continue
            # Every row that ends in the record is typed in full by hand, plus an id and its evidence copied.
            fields = _typed_fields(c, table)
            by_hand += sum(M + len(v) * K for v in fields.values()) + M + 6 * K + 2 * P + 2 * K
    counts["review_seconds"] = round(review)
    counts["by_hand_seconds"] = round(by_hand)
    counts["most_edited"] = sorted(edited_columns.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
    return counts


def main(argv: list[str] | None = None) -> int:
    """Print the effort figures for one reviewed file."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("proposed", type=Path)
    ap.add_argument("reviewed", type=Path)
    ap.add_argument("--text", type=Path, help="the text (for the reading time)")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    args = ap.parse_args(argv)
    try:
        proposed = json.loads(args.proposed.read_text(encoding="utf-8"))
        reviewed = json.loads(args.reviewed.read_text(encoding="utf-8"))
        text = args.text.read_text(encoding="utf-8") if args.text else ""
    except (OSError, ValueError) as exc:
        print(f"review_effort: {exc}", file=sys.stderr)
        return 2
    out = effort(proposed, reviewed, text)
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"text: {len(text):,} characters, {len(text.split())} words (read in {reading_seconds(text):.0f} s)")
    print(
        f"decisions: {out['accepted']} accepted as proposed, {out['edited']} edited, {out['rejected']} rejected, "
        f"{out['added']} added by hand; {out['fields_edited']} fields edited, {out['chars_typed']} characters typed"
    )
    print("most edited columns: " + (", ".join(f"{k} ({n})" for k, n in out["most_edited"]) or "none"))
    print(
        f"estimated time (KLM): review {out['review_seconds'] / 60:.1f} min, "
        f"by hand {out['by_hand_seconds'] / 60:.1f} min"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
