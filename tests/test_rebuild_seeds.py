"""The workflow rebuilds the hand-built dataset's facts from the five seed texts with empty tables (issue 18).

benchmarks/rebuild_seeds.py runs the real commands (add-text, extract, accept, validate) on a copy of the data
package with every table emptied, replaying the hand-built record as the reviewer's decisions; its docstring says
what is compared. Slow tier: about 25 processes per rebuild.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from qantar import settings

pytestmark = pytest.mark.slow

ROOT = settings.project_root()


def _module(path: Path, name: str):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses look their module up while the class is made
    spec.loader.exec_module(mod)
    return mod


rebuild_seeds = _module(ROOT / "benchmarks" / "rebuild_seeds.py", "rebuild_seeds")


def test_the_workflow_rebuilds_the_hand_built_facts_and_they_validate(texts_dir: Path, tmp_path: Path) -> None:
    """Every hand-built fact comes back (no more, no fewer), the package validates, and the counts add up."""
    result = rebuild_seeds.rebuild(ROOT / "data", texts_dir, tmp_path)
    printed = rebuild_seeds.report(result)
    assert result["valid"], printed
    assert result["reproduced"], printed
    for table, c in result["comparison"].items():
        assert c["hand"] == c["rebuilt"] == c["reproduced"] > 0, (table, c)
    for table, x in result["tables"].items():
        # Every hand-built row was written once: from a candidate (as-is or edited) or by hand.
        assert x["accepted"] + x["edited"] + x["added"] == x["hand"], (table, x)
        # Every candidate got a decision.
        assert x["accepted"] + x["edited"] + x["rejected"] + x["cited"] == x["candidates"], (table, x)
    decided = sum(x["candidates"] + x["added"] + x["cited_by_hand"] for x in result["tables"].values())
    assert result["review_log"] == decided
    assert len(result["texts"]) == 5 and "facts reproduced: yes" in printed


def test_a_hand_built_row_left_out_of_the_replay_is_reported_missing(texts_dir: Path, capsys) -> None:
    """The comparison can fail: without one reaction in the replay the command exits 1 and names what is missing."""
    code = rebuild_seeds.main(["--texts", str(texts_dir), "--json", "--drop", "reactions:re001"])
    result = json.loads(capsys.readouterr().out)
    assert code == 1 and not result["reproduced"] and result["valid"]
    missing = result["comparison"]["reactions"]["missing"]
    assert len(missing) == 1 and "actor=Emomali Rahmon" in missing[0] and "counterpart=Nikol Pashinyan" in missing[0]
    assert not result["comparison"]["reactions"]["extra"]
    assert all(not c["missing"] and not c["extra"] for t, c in result["comparison"].items() if t != "reactions")
