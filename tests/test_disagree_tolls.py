"""Data 0.3.0's disagreement rules: each document's headline toll, and a figure's status across documents."""

from __future__ import annotations

import pandas as pd

from qantar import disagree


def _claim(
    doc: str,
    rid: str,
    value: int,
    *,
    day: str = "2022-03-14",
    group: str = "unspecified",
    status: str = "stated",
    period: str = "cumulative",
    qualifier: str = "exact",
    high: int | None = None,
) -> dict:
    return {
        "doc_id": doc,
        "_ids": [rid],
        "report_id": rid,
        "measure": "killed",
        "group": group,
        "scope_place_id": "kz",
        "as_of_date": pd.Timestamp(day),
        "as_of_precision": "day",
        "period": period,
        "qualifier": qualifier,
        "value": value,
        "low": value,
        "high": value if high is None else high,
        "stated_by": "authorities",
        "relayed_by": None,
        "status": status,
    }


def test_two_documents_tolls_of_one_day_that_cannot_both_hold_conflict() -> None:
    found = disagree._toll_findings([_claim("a", "cr1", 230), _claim("b", "cr2", 238)])
    assert [f["kind"] for f in found] == ["toll_conflict"]
    assert {v["doc_id"] for v in found[0]["versions"]} == {"a", "b"}


def test_a_part_inside_a_documents_toll_is_not_its_headline() -> None:
    """Six who died in custody, inside the same text's 238: only the 238 is compared."""
    claims = [_claim("a", "cr1", 238), _claim("a", "cr2", 6), _claim("b", "cr3", 238)]
    assert [r["report_id"] for r in disagree.headline_tolls(claims) if r["doc_id"] == "a"] == ["cr1"]
    assert disagree._toll_findings(claims) == []


def test_tolls_of_different_days_a_named_group_or_a_withdrawn_figure_never_conflict() -> None:
    assert disagree._toll_findings([_claim("a", "cr1", 230), _claim("b", "cr2", 238, day="2022-08-16")]) == []
    assert disagree._toll_findings([_claim("a", "cr1", 230), _claim("b", "cr2", 19, group="security_forces")]) == []
    assert disagree._toll_findings([_claim("a", "cr1", 225), _claim("b", "cr2", 164, status="withdrawn")]) == []
    # "more than 4,300" and "more than 2,600" can both be true: ranges overlap
    open_a = _claim("a", "cr1", 4300, qualifier="more_than", high=None)
    open_a["high"] = None
    open_b = _claim("b", "cr2", 2600, qualifier="more_than")
    open_b["high"] = None
    assert disagree._toll_findings([open_a, open_b]) == []


def test_one_figure_standing_in_one_text_and_withdrawn_in_another_is_a_status_finding() -> None:
    claims = [_claim("a", "cr1", 164, day="2022-01-14"), _claim("b", "cr2", 164, day="2022-01-09", status="withdrawn")]
    found = disagree._status_findings(claims)
    assert len(found) == 1 and found[0]["kind"] == "status"
    assert [v["value"]["status"] for v in found[0]["versions"]] == ["withdrawn", "stated"]  # in as-of order
    same_status = [_claim("a", "cr1", 164), _claim("b", "cr2", 164)]
    assert disagree._status_findings(same_status) == []
    one_text = [_claim("a", "cr1", 164), _claim("a", "cr2", 164, status="withdrawn")]
    assert disagree._status_findings(one_text) == []  # inside one text: not between documents


def test_the_shipped_data_surfaces_the_later_texts_conflicts(dataset) -> None:
    """AP's 'previous official toll' of 164 against AFP's 'fewer than 50'; the 164 withdrawn (AFP) and standing (AP);
    the 238 standing (RFE/RL) and disputed (EurasiaTimes)."""
    found = disagree.disagreements(dataset)
    tolls = found[found["kind"] == "toll_conflict"]
    assert any({"cr030", "cr031"} <= set(ids.split(", ")) for ids in tolls["record_ids"])
    status = found[found["kind"] == "status"]
    subjects = " | ".join(status["subject"])
    assert "164 killed (national)" in subjects and "238 killed (national)" in subjects
    assert "withdrawn" in " ".join(status["detail"]) and "disputed" in " ".join(status["detail"])
