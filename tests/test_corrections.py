"""Issue 10 corrections (data 0.2.0): one case per corrected row, naming the row and asserting the corrected value.

Every case fails on data 0.1.0 (checked by running this file with QANTAR_DATA_DIR pointing at the 0.1.0 tables).
The reasons are in CHANGELOG.md.
"""

from __future__ import annotations

import csv
from functools import lru_cache

import pytest

from qantar import settings
from qantar.cameo import cameo_codes

PK = {
    "events": "event_id",
    "casualty_reports": "report_id",
    "reactions": "reaction_id",
    "places": "place_id",
    "citations": "citation_id",
}


@lru_cache(maxsize=None)
def _table(name: str) -> dict[str, dict[str, str]]:
    with (settings.data_dir() / f"{name}.csv").open(newline="", encoding="utf-8") as fh:
        return {row[PK[name]]: row for row in csv.DictReader(fh)}


def cell(table: str, row_id: str, field: str) -> str:
    row = _table(table).get(row_id)
    assert row is not None, f"{table} has no row {row_id}"
    return row.get(field, "<missing column>")


# (table, row id, field, expected value)
EXACT = [
    # ev004: the police fire came "later", after Tuesday night: 4-5 January.
    ("events", "ev004", "date_end", "2022-01-05"),
    ("events", "ev004", "date_precision", "range"),
    # ev048 / re005: "today I appealed" said early Thursday may mean Wednesday.
    ("events", "ev048", ("date_start", "date_end", "date_precision"), ("2022-01-05", "2022-01-06", "range")),
    (
        "events",
        "ev048",
        "evidence",
        "Today I appealed to the heads of CSTO (Collective Security Treaty Organization) states to assist Kazakhstan",
    ),
    ("reactions", "re005", "date_start", "2022-01-05"),
    ("reactions", "re005", "date_precision", "range"),
    # Announcement-dated acts become ranges ending on the announcement.
    ("events", "ev045", "date_basis", "announcement"),  # its date: 5 January since 0.2.1 (test_corrections_021)
    ("events", "ev046", "date_start", "2022-01-02"),
    ("events", "ev046", "date_basis", "announcement"),
    ("events", "ev049", "date_start", "2022-01-05"),
    ("events", "ev049", "date_precision", "range"),
    ("events", "ev051", "date_start", "2022-01-02"),
    ("events", "ev051", "date_precision", "range"),
    ("events", "ev052", "date_start", "2022-01-02"),
    ("events", "ev052", "date_precision", "range"),
    ("events", "ev053", "date_start", "2022-01-02"),
    ("events", "ev053", "date_precision", "range"),
    # ev055: "earlier this week" in a Saturday text ends on Friday.
    ("events", "ev055", "date_end", "2022-01-07"),
    # ev056: no invented 1 December start; the trigger is background.
    ("events", "ev056", "background", "true"),
    # ev059: the renaming is undated; the range ends at 004's date.
    ("events", "ev059", "date_end", "2022-01-08"),
    # ev027: the special operation has no place: country, geo 3.
    ("events", "ev027", "place_id", "kz"),
    ("events", "ev027", "geo_precision", "3"),
    # ev017: 004's buildings are unnamed; 001's undated city administration is its own row ev064.
    ("events", "ev017", "place_id", "almaty"),
    ("events", "ev064", "place_id", "almaty_city_administration"),
    ("events", "ev064", "doc_id", "001_2dc413502671f7d2"),
    ("events", "ev064", "happening_id", "storming_almaty_admin"),
    # geo_precision under ACLED's definition: Almaty itself is 1.
    ("events", "ev023", "geo_precision", "1"),
    ("events", "ev036", "geo_precision", "1"),
    ("events", "ev037", "geo_precision", "1"),
    # ev021: not Government regains territory against Protesters; an armed clash with an unidentified armed group.
    ("events", "ev021", ("event_type", "sub_event_type"), ("Battles", "Armed clash")),
    ("events", "ev021", "actor2", "Unidentified Armed Group (Kazakhstan)"),
    # ev035: a beheading is not Mob violence (no lethal weapons); a death within the Almaty clashes.
    ("events", "ev035", ("event_type", "sub_event_type"), ("Riots", "Violent demonstration")),
    ("events", "ev035", "actor1", "Rioters (Kazakhstan)"),
    # Guessed actors removed; "Airlines" is no ACLED actor; "terrorists" is no ACLED actor type.
    ("events", "ev020", "actor1", ""),
    ("events", "ev030", "actor1", ""),
    ("events", "ev032", "actor1", ""),
    ("events", "ev033", "actor1", ""),
    ("events", "ev022", "actor1", "Unidentified Armed Group (Kazakhstan)"),
    ("events", "ev024", "actor2", "Unidentified Armed Group (Kazakhstan)"),
    ("events", "ev025", "actor2", "Unidentified Armed Group (Kazakhstan)"),
    ("events", "ev028", "actor1", "Unidentified Armed Group (Kazakhstan)"),
    # Casualty figures as of writing, not 5 January.
    ("casualty_reports", "cr003", "as_of_date", "2022-01-06"),
    ("casualty_reports", "cr003", "as_of_precision", "range"),
    ("casualty_reports", "cr005", "as_of_date", "2022-01-06"),
    ("casualty_reports", "cr005", "as_of_precision", "range"),
    ("casualty_reports", "cr009", "as_of_date", "2022-01-06"),
    ("casualty_reports", "cr009", "as_of_precision", "range"),
    ("casualty_reports", "cr010", "as_of_date", "2022-01-06"),
    ("casualty_reports", "cr010", "as_of_precision", "range"),
    ("casualty_reports", "cr011", "as_of_date", "2022-01-05"),
    ("casualty_reports", "cr011", "as_of_precision", "range"),
    # cr019: the noun before "injured" is elided.
    ("casualty_reports", "cr019", "group", "unspecified"),
    # Reactions.
    ("reactions", "re004", "stance", "informational"),
    ("reactions", "re007", "date_start", "2022-01-02"),
    ("reactions", "re015", "date_basis", "context"),
    ("reactions", "re018", "cameo_code", "137"),
    ("reactions", "re019", "cameo_code", "137"),
    ("reactions", "re026", "cameo_code", "053"),
    ("reactions", "re020", "channel", "statement"),
    ("reactions", "re025", "reported_via", "press secretary"),
    (
        "reactions",
        "re028",
        "evidence",
        "initial public anger over a spike in fuel prices expanding to wider discontent"
        " with the government over corruption",
    ),
    ("reactions", "re031", "cameo_code", "0256"),
    (
        "reactions",
        "re031",
        "evidence",
        "The US State Department has meanwhile called on security forces and demonstrators to moderate",
    ),
    # Citations.
    ("citations", "ci022", "record_id", "ev039"),
    ("citations", "ci028", "evidence", "high fuel – liquid gas – prices"),
]


def _id(row_id: str, field: str | tuple[str, ...]) -> str:
    return f"{row_id}.{'+'.join(field) if isinstance(field, tuple) else field}"


def assert_value(table: str, row_id: str, field: str | tuple[str, ...], expected: str | tuple[str, ...]) -> None:
    """The cell (or cells) of one row hold the corrected value."""
    if isinstance(field, tuple):
        assert tuple(cell(table, row_id, f) for f in field) == expected
    else:
        assert cell(table, row_id, field) == expected


def assert_wording(table: str, row_id: str, field: str, must: str, must_not: str) -> None:
    """An own-words cell says what it must and no longer says what it must not."""
    text = cell(table, row_id, field)
    assert text != "<missing column>"
    if must:
        assert must in text
    if must_not:
        assert must_not not in text


@pytest.mark.parametrize("table, row_id, field, expected", EXACT, ids=[_id(r, f) for _, r, f, _ in EXACT])
def test_corrected_value(
    table: str, row_id: str, field: str | tuple[str, ...], expected: str | tuple[str, ...]
) -> None:
    assert_value(table, row_id, field, expected)


# (table, row id, field, text that must appear, text that must not appear)
WORDING = [
    ("events", "ev047", "description", "", "same day"),
    ("events", "ev037", "description", "Republic Square", "names no place"),
    ("events", "ev051", "description", "kill", "shoot"),
    ("events", "ev051", "description", "ordered", ""),
    ("events", "ev002", "description", "", "regional capital"),
    ("events", "ev004", "description", "", "at the crowd"),  # 0.2.1: same protest as ev003 (test_corrections_021)
    ("events", "ev020", "description", "apparently", "overrun"),
    ("events", "ev027", "description", "", "Authorities announced"),
    ("events", "ev030", "description", "reported", "by crowds"),
    ("events", "ev031", "description", "damaged", "broken"),
    ("events", "ev032", "description", "reported", ""),
    ("events", "ev036", "description", "inferred", "second day"),
    ("events", "ev042", "description", "", "19 January"),
    ("events", "ev054", "description", "still to come", ""),
    ("events", "ev056", "description", "", "1 December"),
    ("events", "ev024", "variant_note", "translations", ""),
    ("events", "ev025", "variant_note", "translations", ""),
    ("casualty_reports", "cr010", "notes", "fallback", "taken as national"),
    ("casualty_reports", "cr019", "notes", "unspecified", ""),
    ("reactions", "re008", "summary", "in particular", "blamed partly"),
    ("reactions", "re019", "summary", "ordered", "authorised"),
    ("reactions", "re019", "summary", "kill", "shoot"),
    ("reactions", "re020", "summary", "public address", "televised"),
    ("reactions", "re006", "summary", "small arms", "arms depots"),
    ("reactions", "re017", "summary", "appreciation", "thanked"),
    ("events", "ev038", "description", "TASS", ""),
    ("events", "ev040", "variant_note", "the west of the country", "western regions"),
    ("events", "ev042", "variant_note", "ev039", ""),
    ("events", "ev017", "variant_note", "ev064", ""),
    ("casualty_reports", "cr001", "notes", "injured as well", ""),
    ("citations", "ci016", "note", "ev064", ""),
    ("places", "zhanaozen", "notes", "", "Oil town"),
    ("places", "aktau", "notes", "outside knowledge", ""),
    ("places", "tj", "notes", "", "CSTO member by"),
]


@pytest.mark.parametrize(
    "table, row_id, field, must, must_not", WORDING, ids=[f"{r}.{f}.{m or n}" for _, r, f, m, n in WORDING]
)
def test_corrected_wording(table: str, row_id: str, field: str, must: str, must_not: str) -> None:
    assert_wording(table, row_id, field, must, must_not)


NEW_CITATIONS = [
    ("ci045", "ev056", "000_0ab9f91eede0ad35", "after a sharp rise in fuel prices"),
    ("ci046", "ev039", "001_2dc413502671f7d2", "He also declared a state of emergency until January 19"),
    ("ci047", "ev013", "001_2dc413502671f7d2", "There were particularly violent riots in Almaty"),
    # ci048 was removed in 0.2.1 (004's mention is its own version, ev068); ci049's span changed in 0.2.1.
    ("ci050", "re008", "003_04e9413ed8024901", "in accordance with Article 4 of the Collective Security Treaty"),
    (
        "ci051",
        "ev050",
        "004_5fd3b595c2b22735",
        "expressed his “appreciation” for the deployment of a Russia-led military bloc to Kazakhstan",
    ),
    ("ci052", "ev043", "004_5fd3b595c2b22735", "have seen the government resign"),
    ("ci053", "re006", "002_3bbce40942cfe172", "It is undermining the integrity of the state."),
]


@pytest.mark.parametrize("cid, record, doc, evidence", NEW_CITATIONS, ids=[c[0] for c in NEW_CITATIONS])
def test_new_citation(cid: str, record: str, doc: str, evidence: str) -> None:
    assert (
        cell("citations", cid, "record_id"),
        cell("citations", cid, "doc_id"),
        cell("citations", cid, "evidence"),
    ) == (record, doc, evidence)


RIOT_ROWS = [
    "ev013",
    "ev014",
    "ev015",
    "ev016",
    "ev017",
    "ev018",
    "ev019",
    "ev029",
    "ev031",
    "ev036",
    "ev055",
    "ev061",
    "ev062",
    "ev064",
]


@pytest.mark.parametrize("row_id", RIOT_ROWS)
def test_riot_rows_name_rioters(row_id: str) -> None:
    """ACLED: "Rioters (Country)" for riots; "Protesters (Country)" only for peaceful or dispersed protests."""
    assert cell("events", row_id, "event_type") == "Riots"
    assert cell("events", row_id, "actor1") == "Rioters (Kazakhstan)"


def test_no_riot_row_names_protesters_as_actor1() -> None:
    riots = [r for r in _table("events").values() if r["event_type"] == "Riots"]
    assert riots and all(r["actor1"] in ("Rioters (Kazakhstan)", "") for r in riots)


EXCLUDED = [
    "ev020",
    "ev030",
    "ev032",
    "ev033",
    "ev034",
    "ev035",
    "ev038",
    "ev053",
    "ev054",
    "ev056",
    "ev057",
    "ev058",
    "ev059",
    "ev060",
    "ev014",
    "ev061",
    "ev062",
    "ev063",
    "ev015",
]


@pytest.mark.parametrize("row_id", EXCLUDED)
def test_acled_exclusion_filled(row_id: str) -> None:
    reason = cell("events", row_id, "acled_exclusion")
    assert reason not in ("", "<missing column>") and len(reason) <= 160


def test_acled_exclusion_reasons() -> None:
    assert cell("events", "ev056", "acled_exclusion").startswith("economic trigger")
    assert cell("events", "ev033", "acled_exclusion").startswith("no actor")
    assert cell("events", "ev057", "acled_exclusion").startswith("background before the period")
    # Rows ACLED would code keep the column empty.
    for row_id in ("ev001", "ev004", "ev013", "ev021", "ev024", "ev052"):
        assert cell("events", row_id, "acled_exclusion") == "", row_id
    # Every row without actor1 is excluded (ACLED always fills actor1).
    for r in _table("events").values():
        if not r["actor1"]:
            assert r.get("acled_exclusion"), r["event_id"]


def test_cameo_labels_are_gdelt_wording() -> None:
    assert cameo_codes()["0252"] == "Appeal for easing of popular dissent"
    assert cameo_codes()["137"] == "Threaten with violent repression"
    assert cameo_codes()["053"] == "Rally support on behalf of"
    assert cameo_codes()["020"] == "Appeal, not specified below"
    for r in _table("reactions").values():
        assert r["cameo_label"] == cameo_codes()[r["cameo_code"]], r["reaction_id"]
    assert {cell("reactions", i, "cameo_label") for i in ("re018", "re019")} == {"Threaten with violent repression"}
    assert cell("reactions", "re026", "cameo_label") == "Rally support on behalf of"


def test_restraint_calls_share_one_code() -> None:
    """Calls for restraint from all sides are 0256; a call for a settlement is 027 (CAMEO 1.1b3), one stance each."""
    codes: dict[str, set[str]] = {}
    for r in _table("reactions").values():
        codes.setdefault(r["stance"], set()).add(r["cameo_code"])
    assert codes["call_restraint"] == {"0256"} and codes["call_dialogue"] == {"027"}
    assert cell("reactions", "re031", "stance") == "call_restraint"


def test_descriptor_precision_definitions_follow_acled() -> None:
    import json

    descriptor = json.loads((settings.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    fields = {f["name"]: f for f in events["schema"]["fields"]}
    assert "a particular town" in fields["geo_precision"]["description"]
    assert "near a town or a city" in fields["geo_precision"]["description"]
    assert "33-day range is 3" in fields["date_precision"]["description"]
    assert fields["acled_exclusion"]["constraints"]["maxLength"] == 160
