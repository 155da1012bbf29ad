"""benchmarks/review_effort.py: the decision counts and the Keystroke-Level Model estimate it prints."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("review_effort", ROOT / "benchmarks" / "review_effort.py")
effort_mod = importlib.util.module_from_spec(spec)
sys.modules["review_effort"] = effort_mod
spec.loader.exec_module(effort_mod)

FIG = {"candidate_id": "casualty_reports:1", "report_id": "", "measure": "killed", "value": 225, "stated_by": "unknown"}
PLACE = {"candidate_id": "places:1", "place_id": "almaty", "kind": "city", "evidence": "Almaty"}
MOSCOW = {"candidate_id": "places:2", "place_id": "moscow", "kind": "city", "evidence": "MOSCOW"}


def test_counts_each_kind_of_decision() -> None:
    proposed = {"places": [PLACE, MOSCOW], "casualty_reports": [FIG]}
    reviewed = {
        "places": [{**PLACE, "decision": "accept"}, {**MOSCOW, "decision": "reject", "reason": "dateline"}],
        "casualty_reports": [
            {**FIG, "stated_by": "prosecutor_general", "decision": "edit"},
            {"candidate_id": "add1", "measure": "injured", "value": 4300, "decision": "add", "evidence": "4,300"},
        ],
    }
    out = effort_mod.effort(proposed, reviewed, "one two three")
    assert (out["accepted"], out["edited"], out["rejected"], out["added"]) == (1, 1, 1, 1)
    assert out["fields_edited"] == 1 and out["most_edited"] == [("casualty_reports.stated_by", 1)]
    # typed: "prosecutor_general" (18) + "dateline" (8) + "injured" and "4300" (11)
    assert out["chars_typed"] == 18 + 8 + 11
    assert 0 < out["review_seconds"] < out["by_hand_seconds"]


def test_accepting_everything_as_proposed_costs_less_than_typing_it() -> None:
    proposed = {"casualty_reports": [FIG]}
    accepted = effort_mod.effort(proposed, {"casualty_reports": [{**FIG, "decision": "accept"}]})
    edited = effort_mod.effort(
        proposed, {"casualty_reports": [{**FIG, "stated_by": "prosecutor_general", "decision": "accept"}]}
    )
    assert accepted["accepted"] == 1 and accepted["fields_edited"] == 0
    assert edited["edited"] == 1  # a change counts as an edit whatever the decision word says
    assert accepted["review_seconds"] < edited["review_seconds"]
    assert accepted["by_hand_seconds"] > accepted["review_seconds"]


def test_the_review_apps_seconds_are_not_an_edit() -> None:
    """A reviewed file carries each decision's measured seconds; that is bookkeeping, not a field the person typed."""
    proposed = {"places": [PLACE]}
    reviewed = {"places": [{**PLACE, "decision": "accept", "seconds": 4.5}]}
    out = effort_mod.effort(proposed, reviewed)
    assert (out["accepted"], out["edited"], out["fields_edited"], out["chars_typed"]) == (1, 0, 0, 0)
