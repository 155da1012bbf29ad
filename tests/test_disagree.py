"""Disagreements between documents (only real ones, none missed) and tensions within one document.

The first half checks the shipped data: pairs that are not disagreements must not be listed, and the
ones the wordings table carries must be. The second half checks each general rule on tiny datasets
made from the shipped one, so a rule is tested apart from today's rows.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd
import pytest

from qantar import disagree

D000, D001, D002, D003, D004 = (
    "000_0ab9f91eede0ad35",
    "001_2dc413502671f7d2",
    "002_3bbce40942cfe172",
    "003_04e9413ed8024901",
    "004_5fd3b595c2b22735",
)


@pytest.fixture(scope="module")
def dis(dataset) -> pd.DataFrame:
    return disagree.disagreements(dataset)


@pytest.fixture(scope="module")
def tense(dataset) -> pd.DataFrame:
    return disagree.tensions(dataset)


def _docs(row: Any) -> set[str]:
    return set(row.doc_ids.split(", "))


def _rows(frame: pd.DataFrame, kind: str, topic: str) -> pd.DataFrame:
    return frame[(frame["kind"] == kind) & (frame["topic"] == topic)]


# --- the shipped data: not real ---------------------------------------------------------------


def test_overlapping_csto_request_dates_are_no_disagreement(dis) -> None:
    """000 has the appeal made by 5 January (placed by context), 002 on 5 or 6 January: both fit 5 January."""
    assert "csto_request" not in set(dis["topic"])


def test_undated_storming_of_the_almaty_administration_is_no_disagreement(dis) -> None:
    """001 gives no date: its 4-6 January range is the project's own, and the site lies inside 004's Almaty."""
    assert "storming_almaty_admin" not in set(dis["topic"])


def test_some_190_injured_is_compared_with_nothing(dis, tense) -> None:
    """'Some 190' (cr010) names no group, no place and no date: no total to set 317 security forces against."""
    for frame in (dis, tense):
        assert not frame["record_ids"].str.contains(r"\bcr010\b").any()


def test_onset_versions_all_include_2_january(dis) -> None:
    """'At the weekend', 'earlier this week' and 2 January all include 2 January: only precision differs."""
    assert "unrest_onset" not in set(dis["topic"])


def test_every_disagreement_is_between_documents(dis) -> None:
    assert len(dis) > 0
    assert all(len(_docs(row)) >= 2 for row in dis.itertuples())


def test_protesters_and_armed_criminals_in_004_are_a_tension_not_a_disagreement(dis, tense) -> None:
    assert not dis["record_ids"].str.contains(r"\bcr018\b").any()
    label = tense[tense["kind"] == "label"]
    assert list(label["record_ids"]) == ["cr018, cr022"] and list(label["doc_ids"]) == [D004]


# --- the shipped data: missed before ----------------------------------------------------------


def test_who_took_almaty_airport(dis) -> None:
    """'A crowd' (001) or 'protesters' (004) against Tokayev's 'terrorist groups' (002)."""
    found = _rows(dis, "actor", "almaty_airport_seized")
    assert len(found) == 1
    row = found.iloc[0]
    assert _docs(row) == {D001, D002, D004}
    for words in ("“a crowd”", "“protesters”", "“terrorist groups”"):
        assert words in row.detail
    assert "president" in row.detail  # whose words they are


def test_who_attacked_the_security_forces(dis, tense) -> None:
    """'A raging crowd' (000), 'protesters' and 'criminal formations' (003), 'terrorist gangs' (001)."""
    found = _rows(dis, "actor", "security_forces_attacked")
    assert len(found) == 1
    row = found.iloc[0]
    assert _docs(row) == {D000, D001, D003}
    for words in ("raging crowd", "protesters", "criminal formations", "Terrorist gangs"):
        assert words in row.detail
    # 003 alone uses both framings: a tension within it, listed apart
    inside = _rows(tense, "actor", "security_forces_attacked")
    assert list(inside["doc_ids"]) == [D003]


def test_the_area_of_the_state_of_emergency(dis) -> None:
    found = _rows(dis, "area", "state_of_emergency")
    assert len(found) == 1
    row = found.iloc[0]
    assert _docs(row) == {D000, D001, D002, D003}
    assert "Mangystau Region" in row.detail and "Nur-Sultan" in row.detail and "across the country" in row.detail


def test_the_words_for_the_dead_security_forces(dis) -> None:
    found = _rows(dis, "forces", "security_forces_killed")
    assert len(found) == 1
    row = found.iloc[0]
    assert _docs(row) == {D000, D001, D002}
    for words in ("national guard", "soldiers", "military servicemen"):
        assert words in row.detail


# --- the shipped data: the real ones stay -----------------------------------------------------


def test_the_real_ones_stay(dis) -> None:
    soe = _rows(dis, "event_date", "state_of_emergency")
    assert list(soe["record_ids"]) == ["ev039, ev040"]  # 5 January (000) against 4 January (002); 001, 003 undated
    assert list(_rows(dis, "event_place", "battle_almaty")["record_ids"]) == ["ev024, ev025"]  # in or near Almaty
    resignation = _rows(dis, "actor", "government_resignation").iloc[0]
    assert _docs(resignation) == {D000, D001, D002, D003, D004}  # resigned, or dismissed (002)
    whole = dis[dis["kind"] == "part_exceeds_whole"]
    assert set(whole["record_ids"]) == {"cr014, cr002", "cr013, cr001", "cr013, cr006"}
    commodity = dis[dis["kind"] == "commodity"]
    assert len(commodity) == 1 and "oil prices" in commodity.iloc[0].detail


def test_the_list_in_full(dis) -> None:
    """The whole list, so that a change to the rules or the data shows here first."""
    assert sorted(zip(dis["kind"], dis["topic"], strict=True)) == sorted(
        [
            ("event_date", "state_of_emergency"),
            ("event_place", "battle_almaty"),
            ("part_exceeds_whole", "killed|security_forces|almaty"),
            ("part_exceeds_whole", "injured|security_forces|almaty"),
            ("part_exceeds_whole", "injured|security_forces|almaty"),
            ("actor", "almaty_airport_seized"),
            ("actor", "security_forces_attacked"),
            ("actor", "government_resignation"),
            ("area", "state_of_emergency"),
            ("forces", "security_forces_killed"),
            ("commodity", "fuel_price_rise"),
            # Data 0.3.0's later texts: AP's previous toll of 164 against AFP's "fewer than 50" before 15 January;
            # the 164 withdrawn (AFP) and standing (AP); the 238 standing (RFE/RL) and disputed (EurasiaTimes).
            ("toll_conflict", "killed|unspecified|kz"),
            ("status", "killed|unspecified|kz|exact|164"),
            ("status", "killed|unspecified|kz|exact|238"),
        ]
    )


def test_rows_carry_versions_for_display(dis, dataset) -> None:
    """Each row keeps its values per document (what display writes the sentence from) and reads as words."""
    for row in dis.itertuples():
        assert {v["doc_id"] for v in row.versions} == _docs(row)
        assert "_" not in row.subject.split(":")[0] or row.kind in ("figure_conflict", "part_exceeds_whole")
    # outlets come from the source register
    airport = _rows(dis, "actor", "almaty_airport_seized").iloc[0]
    assert "CNN" in airport.detail and "Al Mayadeen" in airport.detail


# --- general rules on tiny datasets -------------------------------------------------------------


def _frame(template: pd.DataFrame, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows typed like ``template``: each starts as a copy of its first row, with the given cells."""
    base = template.iloc[0].to_dict()
    out = pd.DataFrame([{**base, **r} for r in rows], columns=template.columns)
    return out.astype(template.dtypes.to_dict())


def _only_events(ds: Any, rows: list[dict[str, Any]]) -> Any:
    return replace(
        ds,
        events=_frame(ds.events, rows),
        casualty_reports=ds.casualty_reports.iloc[0:0],
        citations=ds.citations.iloc[0:0],
        wordings=ds.wordings.iloc[0:0],
    )


def _event(eid: str, doc: str, start: str, end: str, basis: str, **cells: Any) -> dict[str, Any]:
    return {
        **dict(
            event_id=eid,
            happening_id="h",
            event_kind="protest",
            doc_id=doc,
            date_start=pd.Timestamp(start),
            date_end=pd.Timestamp(end),
            date_precision="day" if start == end else "range",
            date_basis=basis,
            place_id="almaty",
            geo_precision=1,
            variant_note=None,
        ),
        **cells,
    }


def test_overlapping_stated_intervals_agree(dataset) -> None:
    ds = _only_events(
        dataset,
        [
            _event("ev1", D000, "2022-01-04", "2022-01-05", "stated"),
            _event("ev2", D001, "2022-01-05", "2022-01-06", "stated"),
        ],
    )
    assert disagree.disagreements(ds).empty


def test_disjoint_stated_dates_disagree(dataset) -> None:
    ds = _only_events(
        dataset,
        [
            _event("ev1", D000, "2022-01-04", "2022-01-04", "weekday_resolved"),
            _event("ev2", D001, "2022-01-05", "2022-01-05", "stated"),
        ],
    )
    found = disagree.disagreements(ds)
    assert list(found["kind"]) == ["event_date"] and list(found["record_ids"]) == ["ev1, ev2"]


@pytest.mark.parametrize("basis", ["context", "announcement", "document_date"])
def test_an_undated_version_never_conflicts(dataset, basis: str) -> None:
    """A date the project placed (not the document's) is not compared, however far from the other."""
    ds = _only_events(
        dataset,
        [
            _event("ev1", D000, "2022-01-02", "2022-01-03", basis),
            _event("ev2", D001, "2022-01-07", "2022-01-07", "stated"),
        ],
    )
    assert disagree.disagreements(ds).empty and disagree.tensions(ds).empty


def test_a_difference_of_precision_is_no_disagreement(dataset) -> None:
    """A day inside another document's range ('at the weekend' against 2 January)."""
    ds = _only_events(
        dataset,
        [
            _event("ev1", D000, "2022-01-01", "2022-01-02", "relative_resolved"),
            _event("ev2", D001, "2022-01-02", "2022-01-02", "stated"),
            _event("ev3", D002, "2022-01-02", "2022-01-07", "relative_resolved"),
        ],
    )
    assert disagree.disagreements(ds).empty


def test_a_same_document_pair_is_a_tension_not_a_disagreement(dataset) -> None:
    ds = _only_events(
        dataset,
        [
            _event("ev1", D000, "2022-01-04", "2022-01-04", "stated"),
            _event("ev2", D000, "2022-01-06", "2022-01-06", "stated"),
        ],
    )
    assert disagree.disagreements(ds).empty
    tense = disagree.tensions(ds)
    assert list(tense["kind"]) == ["event_date"] and list(tense["doc_ids"]) == [D000]


def test_places_conflict_only_when_neither_holds_the_other(dataset) -> None:
    def pair(a: dict[str, Any], b: dict[str, Any]) -> pd.DataFrame:
        return disagree.disagreements(
            _only_events(
                dataset,
                [
                    _event("ev1", D000, "2022-01-05", "2022-01-05", "stated", **a),
                    _event("ev2", D001, "2022-01-05", "2022-01-05", "stated", **b),
                ],
            )
        )

    assert pair({"place_id": "almaty"}, {"place_id": "almaty_airport"}).empty  # a site inside the city
    assert pair({"place_id": "zhanaozen"}, {"place_id": "kz"}).empty  # the country holds every town
    assert pair({"place_id": "zhanaozen"}, {"place_id": "kz_west", "geo_precision": 3}).empty  # a loose area
    assert list(pair({"place_id": "aktau"}, {"place_id": "zhanaozen"})["kind"]) == ["event_place"]
    assert list(pair({"geo_precision": 1}, {"geo_precision": 2})["kind"]) == ["event_place"]  # in or near


def _only_figures(ds: Any, rows: list[dict[str, Any]]) -> Any:
    return replace(
        ds,
        events=ds.events.iloc[0:0],
        casualty_reports=_frame(ds.casualty_reports, rows),
        citations=ds.citations.iloc[0:0],
        wordings=ds.wordings.iloc[0:0],
    )


def _figure(
    rid: str, doc: str, group: str, qualifier: str, value: int | None, low: int, high: int | None, **cells: Any
):
    return (
        dict(
            report_id=rid,
            doc_id=doc,
            group=group,
            measure="killed",
            scope_place_id="kz",
            as_of_date=pd.Timestamp("2022-01-05"),
            as_of_precision="day",
            period="cumulative",
            qualifier=qualifier,
            value=value,
            low=low,
            high=high,
            stated_by="interior_ministry",
        )
        | cells
    )


def test_figures_conflict_only_when_their_ranges_are_disjoint(dataset) -> None:
    exact = _figure("cr1", D000, "security_forces", "exact", 8, 8, 8)
    at_least = _figure("cr2", D001, "security_forces", "at_least", 8, 8, None)
    other = _figure("cr3", D002, "security_forces", "exact", 12, 12, 12)
    assert disagree.disagreements(_only_figures(dataset, [exact, at_least])).empty  # wording, not conflict
    found = disagree.disagreements(_only_figures(dataset, [exact, other]))
    assert list(found["kind"]) == ["figure_conflict"] and list(found["record_ids"]) == ["cr1, cr3"]


def test_a_figure_naming_no_group_is_compared_only_as_a_documents_toll(dataset) -> None:
    """'Some 190' with no group is not a total of every group: never compared with a named group's figure. Two
    documents' headline tolls (each one's largest groupless cumulative figure of the day) are compared (0.3.0)."""
    group = _figure("cr1", D000, "security_forces", "exact", 317, 317, 317)
    none = _figure("cr2", D002, "unspecified", "some", 190, 171, 209)
    ds = _only_figures(dataset, [group, none])
    assert disagree.disagreements(ds).empty and disagree.tensions(ds).empty
    none2 = _figure("cr3", D001, "unspecified", "exact", 500, 500, 500)
    found = disagree.disagreements(_only_figures(dataset, [group, none, none2]))
    assert list(found["kind"]) == ["toll_conflict"] and set(found["record_ids"].iloc[0].split(", ")) == {"cr2", "cr3"}


def _only_wordings(ds: Any, rows: list[dict[str, Any]]) -> Any:
    return replace(
        ds,
        events=ds.events.iloc[0:0],
        casualty_reports=ds.casualty_reports.iloc[0:0],
        citations=ds.citations.iloc[0:0],
        wordings=_frame(ds.wordings, rows),
    )


def _wording(wid: str, doc: str, codes: str, words: str = "x") -> dict[str, Any]:
    return dict(wording_id=wid, topic="t", aspect="actor", doc_id=doc, codes=codes, words=words, note=None)


def test_wordings_disagree_when_two_documents_code_them_differently(dataset) -> None:
    same = [_wording("wd1", D000, "crowd", "a crowd"), _wording("wd2", D001, "crowd", "protesters")]
    assert disagree.disagreements(_only_wordings(dataset, same)).empty  # two words, one kind of actor
    differ = [*same, _wording("wd3", D002, "armed_group", "terrorist groups")]
    found = disagree.disagreements(_only_wordings(dataset, differ))
    assert list(found["kind"]) == ["actor"] and _docs(found.iloc[0]) == {D000, D001, D002}
    inside = [_wording("wd1", D000, "crowd"), _wording("wd2", D000, "armed_group")]
    ds = _only_wordings(dataset, inside)
    assert disagree.disagreements(ds).empty and list(disagree.tensions(ds)["doc_ids"]) == [D000]


def test_area_codes_are_compared_as_sets(dataset) -> None:
    def area(wid: str, doc: str, codes: str) -> dict[str, Any]:
        return {**_wording(wid, doc, codes), "aspect": "area"}

    same = [area("wd1", D000, "almaty;mangystau_region"), area("wd2", D001, "mangystau_region;almaty")]
    assert disagree.disagreements(_only_wordings(dataset, same)).empty
    found = disagree.disagreements(_only_wordings(dataset, [*same, area("wd3", D002, "kz")]))
    assert list(found["kind"]) == ["area"]


def test_codes_are_described_and_worded_once_each(dataset) -> None:
    """The lib's code lists, the descriptor's description and display's words name the same codes."""
    from qantar import disagree_text, display
    from qantar.validation import WORDING_CODES

    fields = {f["name"]: f for f in dataset.report.resource("wordings")["schema"]["fields"]}
    aspects = fields["aspect"]["constraints"]["enum"]
    assert set(aspects) == {*WORDING_CODES, "area"}
    for codes in WORDING_CODES.values():
        for code in codes:
            assert code in fields["codes"]["description"] and code in disagree_text.WORDING_CODE_LABELS, code
    assert set(fields["stated_by"]["constraints"]["enum"]) == set(disagree_text.WORDING_SPEAKERS)
    kinds = {"event_date", "event_place", "figure_conflict", "part_exceeds_whole", "commodity", "label", *aspects}
    kinds |= {"toll_conflict", "status"}
    assert kinds == set(display.DISAGREEMENT_LABELS)


def test_the_published_table_has_no_list_column(dis) -> None:
    from qantar import records

    table = records.disagreements(dis)
    assert "versions" not in table.columns and {"kind", "what", "subject", "doc_ids", "detail"} <= set(table.columns)


# --- as readers read them -------------------------------------------------------------------------


def test_each_disagreement_is_one_plain_sentence_naming_outlets_and_dates(dis, tense) -> None:
    """Who said it, in which outlet and when, and what: never a document hash, record id, field name or code."""
    import re

    code_or_id = re.compile(r"\b[a-z]+_[a-z_]+\b|\b(?:ev|cr|re|wd)\d{3}\b|\b\d{3}_[0-9a-f]{16}\b")
    for row in [*dis.itertuples(), *tense.itertuples()]:
        text = f"{row.subject}: {row.detail}"
        assert not code_or_id.search(text), text
        assert "stated by" not in text and "unattributed" not in text, text
    killed = dis[(dis["kind"] == "part_exceeds_whole") & (dis["topic"] == "killed|security_forces|almaty")].iloc[0]
    assert killed.detail == (
        "Almaty commandant’s office via Khabar 24, in Europe Diplomatic (probable), 6 Jan: "
        "12 (Almaty only, as of 6 Jan); "
        "Interior Ministry via Kazakh media, in Asia-Plus (probable), 6 Jan: 8 (national, as of 5 Jan)."
    )
    # an outlet that relays another keeps its name whole; a note's document numbers read as outlets
    toll = dis[dis["kind"] == "toll_conflict"].iloc[0]
    assert "Associated Press (via Sioux City Journal), 15 Jan: 164" in toll.detail
    place = _rows(dis, "event_place", "battle_almaty").iloc[0]
    assert place.detail.startswith("unknown outlet, doc 001, 6 Jan: in Almaty (in the city of Almaty")
    assert "Al Mayadeen English (probable) may be two translations" in place.detail
