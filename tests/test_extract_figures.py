"""Figure rules (qantar.extract.figures): one test per phrase a rule's docstring names.

Every sentence here is written for these tests in the style of wire reports about the first week of
January 2022; none is taken from a source text. The as-of date and the scope come from the date and
place rules (other modules): their columns are tested through monkeypatched stand-ins, so these tests
keep passing when the real rules land.
"""

from __future__ import annotations

import json
from datetime import date
from types import SimpleNamespace
from typing import Any

import pandas as pd
import pytest

from qantar import settings
from qantar.extract import dates, extract, figures, places
from qantar.extract.core import Doc
from qantar.extract.dates import DateRef
from qantar.extract.places import PlaceMention
from qantar.qualifiers import bounds

PUBLISHED = date(2022, 1, 8)


def found(text: str, published: date = PUBLISHED, dataset: Any = None) -> list[dict[str, Any]]:
    """The casualty_reports candidates of ``text`` as rows plus rule, confidence and notes."""
    out = []
    for c in figures.find(Doc(text, published), dataset):
        out.append({**c.row, "rule": c.rule, "confidence": c.confidence, "notes_": "; ".join(c.notes)})
    return out


def only(text: str, **want: Any) -> dict[str, Any]:
    """The one candidate of ``text``, checked against ``want``."""
    rows = found(text)
    assert len(rows) == 1, f"expected one figure in {text!r}, got {[(r['measure'], r['value']) for r in rows]}"
    row = rows[0]
    assert {k: row[k] for k in want} == want, text
    return row


# --- number words and qualifiers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "words,value",
    [
        ("3,811", 3811),
        ("5 800", 5800),
        ("164", 164),
        ("eight", 8),
        ("twelve", 12),
        ("twenty-six", 26),
        ("three thousand", 3000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("one hundred and sixty-four", 164),
        ("1.5 thousand", 1500),
    ],
)
def test_number_value(words: str, value: int) -> None:
    assert figures.number_value(words) == value


@pytest.mark.parametrize(
    "phrase,qualifier,value",
    [
        ("At least 8", "at_least", 8),
        ("No fewer than 40", "at_least", 40),
        ("Ten or more", "at_least", 10),
        ("More than 3,000", "more_than", 3000),
        ("Over 1,000", "more_than", 1000),
        ("Upwards of 200", "more_than", 200),
        ("1,300-plus", "more_than", 1300),
        ("About 5,800", "about", 5800),
        ("Around 200", "about", 200),
        ("Approximately 2,000", "about", 2000),
        ("An estimated 5,000", "about", 5000),
        ("300-odd", "about", 300),
        ("Some 190", "some", 190),
        ("Almost 8,000", "almost", 8000),
        ("Nearly 400", "almost", 400),
        ("Close to 10,000", "almost", 10000),
        ("Up to 50", "up_to", 50),
        ("As many as 50", "up_to", 50),
        ("Dozens of people", "dozens", None),
        ("Scores of people", "dozens", None),
        ("Hundreds of people", "hundreds", None),
        ("Several hundred people", "hundreds", None),
        ("Thousands of people", "thousands", None),
        ("Tens of thousands of people", "at_least", 10000),
        ("Eight", "exact", 8),
        ("Twelve", "exact", 12),
        ("A dozen people", "about", 12),
        ("Two dozen people", "about", 24),
        ("Three thousand people", "exact", 3000),
        ("164", "exact", 164),
    ],
)
def test_qualifier_as_worded(phrase: str, qualifier: str, value: int | None) -> None:
    row = only(f"{phrase} were detained in Almaty, police said.", measure="detained", qualifier=qualifier, value=value)
    assert (row["low"], row["high"]) == bounds(qualifier, value)


@pytest.mark.parametrize(
    "text",
    [
        "Protests began on January 2 in the oil town of Zhanaozen after fuel prices doubled.",
        "Liquefied gas rose to 120 tenge per litre at the start of the year.",
        "The airport was closed for 24 hours after it was seized by a crowd.",
        "In 2019, after the presidential election, protests were broken up.",
        "One of the protesters said he had not eaten for two days.",
        "No casualties were reported at the rally in Aktau.",
        "Thousands of protesters held a rally in the main square on Tuesday.",
    ],
)
def test_no_figure(text: str) -> None:
    assert found(text) == []


def test_a_time_is_not_a_count() -> None:
    only("At 10:00 local time 20 people were detained near the mayor's office.", measure="detained", value=20)


def test_an_age_is_not_a_count() -> None:
    only("A 4-year-old girl was killed when her family's car came under fire.", measure="killed", value=1)


# --- rules ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,measure,qualifier,value,group",
    [
        ("Eight police officers were killed in the clashes.", "killed", "exact", 8, "security_forces"),
        ("Nine national guardsmen have been killed.", "killed", "exact", 9, "security_forces"),
        ('Some 26 "armed criminals" have been killed.', "killed", "some", 26, "armed_criminals"),
        ("More than 3,000 protesters have been detained.", "detained", "more_than", 3000, "protesters"),
        ("The fighting has left 164 dead.", "killed", "exact", 164, "unspecified"),
        ("There were 1,300-plus injuries among servicemen.", "injured", "more_than", 1300, "security_forces"),
        ("Two people died in hospital overnight.", "killed", "exact", 2, "unspecified"),
        ("Twelve demonstrators lost their lives.", "killed", "exact", 12, "protesters"),
        ("There are 317 injured among the security forces.", "injured", "exact", 317, "security_forces"),
        ("Nearly 400 were hospitalised.", "injured", "almost", 400, "unspecified"),
        ("Police reported 3,811 arrests.", "detained", "exact", 3811, "unspecified"),
        ("Some 190 have been reported injured.", "injured", "some", 190, "unspecified"),
        ("Dozens of rioters were liquidated.", "killed", "dozens", None, "armed_criminals"),
        ("About 5,800 people were taken into custody.", "detained", "about", 5800, "unspecified"),
        ("Some 500 people are being held.", "detained", "some", 500, "unspecified"),
        ("Another 62 are in intensive care.", "injured", "exact", 62, "unspecified"),
        ("Fifteen soldiers were wounded.", "injured", "exact", 15, "security_forces"),
        ("Eleven civilians were hurt.", "injured", "exact", 11, "civilians"),
        ("Forty casualties were counted.", "casualties", "exact", 40, "unspecified"),
    ],
)
def test_number_then_measure(text: str, measure: str, qualifier: str, value: int | None, group: str) -> None:
    row = only(text, measure=measure, qualifier=qualifier, value=value, group=group)
    assert row["rule"] == "figures.number_then_measure"


def test_two_figures_in_one_sentence_share_the_group_and_source() -> None:
    rows = found("The ministry said 18 law enforcement officers were killed and 748 injured, Interfax reported.")
    assert [(r["measure"], r["value"], r["group"]) for r in rows] == [
        ("killed", 18, "security_forces"),
        ("injured", 748, "security_forces"),
    ]
    assert [(r["stated_by"], r["relayed_by"]) for r in rows] == [("authorities", "interfax")] * 2
    assert "group carried over" in rows[1]["notes_"]


def test_a_part_named_inside_the_phrase_does_not_hide_the_whole() -> None:
    rows = found("At least 164 people, including three children, were killed, the health ministry said.")
    assert [(r["measure"], r["qualifier"], r["value"], r["group"]) for r in rows] == [
        ("killed", "at_least", 164, "unspecified"),
        ("killed", "exact", 3, "civilians"),
    ]


def test_a_named_outlet_beats_its_generic_description() -> None:
    row = only("Eight servicemen were killed, the state news channel Khabar-24 reported, citing the ministry.")
    assert row["relayed_by"] == "khabar_24" or row["stated_by"] == "khabar_24"


def test_three_figures_word_only() -> None:
    rows = found("Dozens have been killed, hundreds injured and thousands of protesters detained.")
    assert [(r["measure"], r["qualifier"], r["group"]) for r in rows] == [
        ("killed", "dozens", "unspecified"),
        ("injured", "hundreds", "unspecified"),
        ("detained", "thousands", "protesters"),
    ]


@pytest.mark.parametrize(
    "text,measure,qualifier,value,group",
    [
        ("The clashes killed at least 164 people.", "killed", "at_least", 164, "unspecified"),
        ("Police detained 3,811 people.", "detained", "exact", 3811, "unspecified"),
        ("Security forces arrested about 5,800 people.", "detained", "about", 5800, "unspecified"),
        ("Rioters stormed the building, wounding more than 1,000.", "injured", "more_than", 1000, "unspecified"),
        ("The attack on the airport ended injuring 18 police officers.", "injured", "exact", 18, "security_forces"),
        ("The violence claimed the lives of 225 people.", "killed", "exact", 225, "unspecified"),
        ("Doctors said the city hospitals had hospitalised 400 people.", "injured", "exact", 400, "unspecified"),
    ],
)
def test_measure_then_number(text: str, measure: str, qualifier: str, value: int, group: str) -> None:
    row = only(text, measure=measure, qualifier=qualifier, value=value, group=group)
    assert row["rule"] == "figures.measure_then_number"


def test_measure_then_number_keeps_two_verbs_apart() -> None:
    rows = found("Troops killed 26 armed criminals and injured 18 police officers.")
    assert [(r["measure"], r["value"], r["group"]) for r in rows] == [
        ("killed", 26, "armed_criminals"),
        ("injured", 18, "security_forces"),
    ]


@pytest.mark.parametrize(
    "text,measure,qualifier,value",
    [
        ("The death toll rose to 164.", "killed", "exact", 164),
        ("The toll stood at 225.", "killed", "exact", 225),
        ("The unrest has a death toll of 164.", "killed", "exact", 164),
        ("The number of detainees reached 7,939.", "detained", "exact", 7939),
        ("The number of people detained rose to almost 8,000.", "detained", "almost", 8000),
        ("The number of injured exceeded 2,200.", "injured", "more_than", 2200),
        ("The number of arrests climbed to 5,000.", "detained", "exact", 5000),
        ("The ministry put the number of detained at 7,939.", "detained", "exact", 7939),
    ],
)
def test_toll_reached(text: str, measure: str, qualifier: str, value: int) -> None:
    row = only(text, measure=measure, qualifier=qualifier, value=value, period="cumulative")
    assert row["rule"] == "figures.toll_reached"


@pytest.mark.parametrize(
    "text,value,group",
    [
        ("In all, 164 people were killed, including 103 in Almaty.", 103, "unspecified"),
        ("Eighteen people were killed, among them 16 police officers.", 16, "security_forces"),
        ("Some 40 civilians were killed, including three children.", 3, "civilians"),
    ],
)
def test_subset_including(text: str, value: int, group: str) -> None:
    rows = found(text)
    assert len(rows) == 2
    part = rows[1]
    assert (part["measure"], part["value"], part["group"], part["rule"]) == (
        "killed",
        value,
        group,
        "figures.subset_including",
    )
    assert "part of the killed figure" in part["notes_"]


@pytest.mark.parametrize(
    "text,measure,group",
    [
        ("A police officer was killed in Taraz.", "killed", "security_forces"),
        ("A four-year-old girl was shot dead.", "killed", "civilians"),
        ("A journalist was detained outside the akimat.", "detained", "civilians"),
        ("A national guardsman was wounded.", "injured", "security_forces"),
        ("One serviceman died of his wounds.", "killed", "security_forces"),
    ],
)
def test_singular_casualty(text: str, measure: str, group: str) -> None:
    only(text, measure=measure, group=group, qualifier="exact", value=1)


@pytest.mark.parametrize(
    "text,group",
    [
        ("Videos showed casualties among protesters.", "protesters"),
        ("There were casualties on both sides.", "unspecified"),
        ("There were no reliable estimates of civilian casualties.", "civilians"),
    ],
)
def test_unquantified_casualties(text: str, group: str) -> None:
    row = only(text, measure="casualties", qualifier="unquantified", value=None, group=group)
    assert (row["low"], row["high"]) == (None, None)
    assert row["confidence"] < 0.5


# --- groups --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "words,group",
    [
        ("police officers and soldiers", "security_forces"),
        ("national guardsmen", "security_forces"),
        ("law enforcement personnel", "security_forces"),
        ("members of the security forces", "security_forces"),
        ("servicemen", "security_forces"),
        ("troops", "security_forces"),
        ("protesters", "protesters"),
        ("demonstrators", "protesters"),
        ("civilians", "civilians"),
        ("three children", "civilians"),
        ("“armed criminals”", "armed_criminals"),
        ("bandits", "armed_criminals"),
        ("terrorists", "armed_criminals"),
        ("rioters", "armed_criminals"),
        ("people", "unspecified"),
        ("", "unspecified"),
    ],
)
def test_group_of(words: str, group: str) -> None:
    assert figures.group_of(words)[0] == group


def test_children_and_labels_are_noted() -> None:
    assert "children" in figures.group_of("two children")[1]
    assert "authorities' label" in figures.group_of("bandits")[1]


# --- who stated it, who relayed it -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,stated_by,relayed_by",
    [
        ("Eight police officers were killed, the Interior Ministry said.", "interior_ministry", ""),
        ("Eight police officers were killed, according to the interior ministry.", "interior_ministry", ""),
        ("Interior Minister Yerlan Turgumbayev said 16 servicemen were killed.", "interior_ministry", ""),
        ("According to the Health Ministry, 2,200 people sought medical help.", "health_ministry", ""),
        ("Health Minister Azhar Giniyat said 400 people were hospitalised.", "health_ministry", ""),
        ("Tokayev's office said about 5,800 people had been detained.", "president", ""),
        ("President Kassym-Jomart Tokayev said 20 troops were killed.", "president", ""),
        ("The Prosecutor General's Office said 225 people were killed.", "prosecutor_general", ""),
        ("The National Security Committee (KNB) said 30 terrorists were detained.", "national_security_committee", ""),
        ("Police said 500 people had been detained in Shymkent.", "police", ""),
        ("An Almaty police official said dozens of rioters were killed.", "almaty_police_official", ""),
        ("Officials said 18 were killed.", "authorities", ""),
        ("Rights groups say more than 10 demonstrators were killed.", "rights_group", ""),
        ("TASS reported, citing the Interior Ministry, that 26 bandits were killed.", "interior_ministry", "tass"),
        (
            "In Almaty 12 were killed, Khabar 24 said, quoting the city's commandant.",
            "almaty_commandants_office",
            "khabar_24",
        ),
        ("The health ministry said 164 people were killed, RIA Novosti reported.", "health_ministry", "ria_novosti"),
        ("Some 4,400 people were detained, the ministry told Sputnik.", "authorities", "sputnik"),
        ("Interfax reported 3,000 arrests.", "interfax", ""),
        ("State media said 164 people had been killed.", "state_media", ""),
        ("Local media reported 40 people injured in Taldykorgan.", "kazakh_media", ""),
        ("Dozens have been killed.", "unknown", ""),
    ],
)
def test_stated_and_relayed_by(text: str, stated_by: str, relayed_by: str) -> None:
    rows = found(text)
    assert rows, text
    assert (rows[0]["stated_by"], rows[0]["relayed_by"]) == (stated_by, relayed_by)


def test_ministry_pronoun_carries_the_source_of_the_sentence_before() -> None:
    rows = found("The interior ministry gave new figures on Saturday. It said 4,404 people had been detained.")
    assert rows[0]["stated_by"] == "interior_ministry"
    assert "carried over" in rows[0]["notes_"]


def test_group_word_is_not_the_speaker() -> None:
    row = only("Eight police officers were killed overnight, the interior ministry said.", group="security_forces")
    assert row["stated_by"] == "interior_ministry"


# --- period --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,period",
    [
        ("So far 18 servicemen have been killed.", "cumulative"),
        ("In total 3,811 people were detained.", "cumulative"),
        ("A total of 748 police officers were injured.", "cumulative"),
        ("The death toll rose to 164.", "cumulative"),
        ("As of January 7, 26 armed criminals had been killed.", "cumulative"),
        ("Since the unrest began, 5,800 people have been detained.", "cumulative"),
        ("More than 3,000 protesters were detained during the unrest.", "cumulative"),
        ("On Wednesday eight police officers were killed.", "single_day"),
        ("Twelve servicemen were killed overnight.", "single_day"),
        ("Five protesters were killed on Thursday night.", "single_day"),
        ("Eight police officers were killed, the ministry said on Wednesday.", "unspecified"),
        ("On Sunday, Khabar 24 reported that 164 people were killed.", "unspecified"),
        ("Some 190 were injured in the clashes.", "unspecified"),
    ],
)
def test_period(text: str, period: str) -> None:
    assert found(text)[0]["period"] == period


# --- dates and places (the other rule modules), through stand-ins ----------------------------------------------------


def test_reported_date_is_the_publication_day() -> None:
    row = only("Eight police officers were killed.", reported_date="2022-01-08", reported_date_basis="document_date")
    assert row["as_of_precision"] in ("day", "range", "year")


def test_as_of_date_from_the_date_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def date_for(doc: Doc, pos: int) -> DateRef:
        calls.append(pos)
        return DateRef(pos, pos, date(2022, 1, 7), date(2022, 1, 7), "day", "stated", "test")

    monkeypatch.setattr(dates, "date_for", date_for)
    text = "As of January 7, 18 servicemen had been killed."
    row = only(text, as_of_date="2022-01-07", as_of_precision="day")
    assert calls == [text.index("18")]
    assert "publication day" not in row["notes_"]


def test_as_of_range_takes_its_last_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        dates,
        "date_for",
        lambda doc, pos: DateRef(pos, pos, settings.DEFAULT_START, doc.published, "range", "document_date", "t"),
    )
    row = only("Eight police officers were killed.", as_of_date="2022-01-08", as_of_precision="range")
    assert "publication day" in row["notes_"]


def _mention(place_id: str, kind: str = "city", cc: str = "KZ", role: str = "location") -> PlaceMention:
    return PlaceMention(0, 1, place_id, place_id, kind, place_id.title(), cc, None, role)


@pytest.mark.parametrize(
    "mention,scope",
    [
        (None, "kz"),
        (_mention("almaty"), "almaty"),
        (_mention("moscow", cc="RU"), "kz"),
        (_mention("moscow", cc="RU", role="actor"), "kz"),
    ],
)
def test_scope_from_the_place_rules(monkeypatch: pytest.MonkeyPatch, mention: Any, scope: str) -> None:
    monkeypatch.setattr(places, "location_for", lambda doc, pos, dataset=None: mention)
    only("Twelve servicemen were killed in the city.", scope_place_id=scope)


def test_scope_of_a_site_is_its_city(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(places, "location_for", lambda doc, pos, dataset=None: _mention("republic_square", "site"))
    data = SimpleNamespace(
        places=pd.DataFrame({"place_id": ["republic_square"], "parent_id": ["almaty"]}),
        casualty_reports=pd.DataFrame(),
    )
    rows = found("Four protesters were killed on the square.", dataset=data)
    assert rows[0]["scope_place_id"] == "almaty"


# --- duplicates, confidence, evidence, the contract ------------------------------------------------------------------


def _dataset_with(**row: Any) -> SimpleNamespace:
    base = {
        "report_id": "cr020",
        "as_of_date": pd.Timestamp("2022-01-08"),
        "scope_place_id": "kz",
        "group": "security_forces",
        "measure": "killed",
        "qualifier": "exact",
        "value": 18,
    }
    frame = pd.DataFrame([{**base, **row}]).astype({"value": "Int64"})
    return SimpleNamespace(casualty_reports=frame, places=pd.DataFrame({"place_id": [], "parent_id": []}))


@pytest.fixture
def fixed_date_and_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        dates, "date_for", lambda doc, pos: DateRef(pos, pos, date(2022, 1, 8), date(2022, 1, 8), "day", "stated", "t")
    )
    monkeypatch.setattr(places, "location_for", lambda doc, pos, dataset=None: None)


@pytest.mark.usefixtures("fixed_date_and_place")
def test_duplicate_of_an_existing_record() -> None:
    rows = found("Eighteen servicemen have been killed, the ministry said.", dataset=_dataset_with())
    assert rows[0]["duplicate_of"] == "cr020"


@pytest.mark.usefixtures("fixed_date_and_place")
@pytest.mark.parametrize(
    "change", [{"value": 17}, {"group": "protesters"}, {"qualifier": "at_least"}, {"scope_place_id": "almaty"}]
)
def test_no_duplicate_when_the_figure_differs(change: dict[str, Any]) -> None:
    rows = found("Eighteen servicemen have been killed, the ministry said.", dataset=_dataset_with(**change))
    assert "duplicate_of" not in rows[0]


@pytest.mark.usefixtures("fixed_date_and_place")
def test_word_only_duplicate() -> None:
    data = _dataset_with(measure="injured", qualifier="hundreds", value=None, group="unspecified")
    rows = found("Hundreds were injured.", dataset=data)
    assert rows[0]["duplicate_of"] == "cr020"


def test_a_figure_the_text_repeats_is_proposed_once_with_its_source() -> None:
    rows = found(
        "Some 164 people have been killed in the unrest. The health ministry said some 164 people had been killed."
    )
    assert len(rows) == 1
    assert rows[0]["stated_by"] == "health_ministry"


def test_confidence_is_honest() -> None:
    sourced = only("Eight police officers were killed, the interior ministry said.")["confidence"]
    bare = only("Eight police officers were killed.")["confidence"]
    vague = only("There were casualties among protesters.")["confidence"]
    one = only("A police officer was killed.")["confidence"]
    assert 0 < vague < one < bare < sourced <= 0.95


def test_candidates_fit_the_table_and_the_evidence_rule() -> None:
    text = (
        "ALMATY, Jan 8 - Kazakhstan's interior ministry said on Saturday that 18 law enforcement officers had "
        'been killed and 748 injured since the unrest began, and that 26 "armed criminals" had been killed. '
        "Police detained about 4,400 people, Interfax reported. A police officer was killed in Taraz. "
        "There were casualties among protesters. Almost 8,000 people were held in custody, state TV said."
    )
    result = extract(text, PUBLISHED)
    rows = result["casualty_reports"]
    assert len(rows) == 7
    schema = json.loads((settings.project_root() / "data" / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in schema["resources"] if r["name"] == "casualty_reports")
    fields = {f["name"]: f for f in res["schema"]["fields"]}
    for row in rows:
        assert set(fields) <= set(row), set(fields) - set(row)
        assert row["report_id"] == ""
        for name, f in fields.items():
            allowed = f.get("constraints", {}).get("enum")
            if allowed and row[name] not in ("", None):
                assert row[name] in allowed, (name, row[name])
        assert 3 <= len(row["evidence"]) <= 160 and row["evidence"] in text
        assert text[row["start"] : row["end"]] in row["evidence"]
        assert (row["low"], row["high"]) == bounds(row["qualifier"], row["value"])


# --- wording classes added in the afternoon of 5 Dec (issue 18b): one test per docstring phrase ---------------------


@pytest.mark.parametrize(
    "text,measure,qualifier,value,group",
    [
        (
            "Nearly 700 people were still being treated in hospitals, officials said.",
            "injured",
            "almost",
            700,
            "unspecified",
        ),
        ("About 90 soldiers were treated for gunshot wounds.", "injured", "about", 90, "security_forces"),
        ("Some 300 people are receiving treatment.", "injured", "some", 300, "unspecified"),
        ("At least 50 protesters were taken to hospital.", "injured", "at_least", 50, "protesters"),
        ("Over 4,000 residents turned to medical facilities.", "injured", "more_than", 4000, "civilians"),
        ("Some 1,200 people were placed under arrest.", "detained", "some", 1200, "unspecified"),
        ("Around 60 suspects were placed in pre-trial detention.", "detained", "about", 60, "unspecified"),
        ("Forty looters were remanded in custody.", "detained", "exact", 40, "armed_criminals"),
        ("Sixteen servicemen of the law enforcement agencies were killed.", "killed", "exact", 16, "security_forces"),
        ("Seven members of the armed forces were wounded.", "injured", "exact", 7, "security_forces"),
        ("Three peacekeepers were hurt.", "injured", "exact", 3, "security_forces"),
    ],
)
def test_number_then_measure_new_wordings(
    text: str, measure: str, qualifier: str, value: int | None, group: str
) -> None:
    row = only(text, measure=measure, qualifier=qualifier, value=value, group=group)
    assert row["rule"] == "figures.number_then_measure"


def test_charged_is_coded_detained_with_low_confidence_and_a_note() -> None:
    row = only("About 1,700 people have been charged over the riots.", measure="detained", qualifier="about")
    assert row["confidence"] <= 0.6 and "charged" in row["notes_"]


@pytest.mark.parametrize(
    "text,measure,value,group",
    [
        ("Among the dead were 16 police officers.", "killed", 16, "security_forces"),
        ("Among those killed are 19 servicemen.", "killed", 19, "security_forces"),
        ("The dead include three children.", "killed", 3, "civilians"),
        ("Of the injured, 80 were police officers.", "injured", 80, "security_forces"),
        ("Among those detained were 45 foreigners.", "detained", 45, "unspecified"),
    ],
)
def test_among_the_dead(text: str, measure: str, value: int, group: str) -> None:
    row = only(text, measure=measure, value=value, group=group)
    assert row["rule"] == "figures.among_the_dead"


@pytest.mark.parametrize(
    "text,qualifier,value",
    [
        ("The unrest claimed 225 lives.", "exact", 225),
        ("The violence cost at least 164 lives.", "at_least", 164),
        ("The clashes took dozens of lives.", "dozens", None),
        ("Officials said 164 lives were lost.", "exact", 164),
    ],
)
def test_lives_lost(text: str, qualifier: str, value: int | None) -> None:
    row = only(text, measure="killed", qualifier=qualifier, value=value)
    assert row["rule"] == "figures.lives_lost"


@pytest.mark.parametrize(
    "text,value",
    [
        ("Fresh fighting pushed the death toll to 225.", 225),
        ("The arrests overnight brought the number of detainees to 9,900.", 9900),
    ],
)
def test_toll_pushed_to(text: str, value: int) -> None:
    row = only(text, value=value)
    assert row["rule"] == "figures.toll_reached"


@pytest.mark.parametrize(
    "text,measure",
    [
        ("Police rounded up more than 4,000 people in Almaty.", "detained"),
        ("The National Guard apprehended 300 looters.", "detained"),
    ],
)
def test_measure_then_number_new_verbs(text: str, measure: str) -> None:
    row = only(text, measure=measure)
    assert row["rule"] == "figures.measure_then_number"


@pytest.mark.parametrize(
    "text,qualifier,value",
    [
        ("Thousands took to the streets of Aktobe on Sunday.", "thousands", None),
        ("Some 5,000 protesters gathered outside the akimat.", "some", 5000),
        ("Hundreds of people rallied in Uralsk.", "hundreds", None),
        ("A crowd of about 1,000 marched towards the square.", "about", 1000),
        ("It was not clear how many thousands of people took part in the protests.", "thousands", None),
        ("Police used stun grenades to disperse thousands of demonstrators.", "thousands", None),
        ("The protesters, estimated at 5,000, refused to leave.", "about", 5000),
        ("A thousands-strong protest filled the square.", "thousands", None),
        ("A 2,000-strong crowd blocked the highway.", "exact", 2000),
    ],
)
def test_crowd_size(text: str, qualifier: str, value: int | None) -> None:
    row = only(text, measure="participants", qualifier=qualifier, value=value, group="protesters")
    assert row["rule"] == "figures.crowd_size"


def test_a_crowd_that_is_detained_is_a_detention_figure() -> None:
    only("Thousands of protesters were detained after the rally.", measure="detained", qualifier="thousands")


@pytest.mark.parametrize(
    "text",
    [
        "Aktau, a port city of 180,000, was calm on Sunday.",
        "About 2,500 CSTO troops landed at the airport on Thursday.",
        "Tokayev said 3,000 CSTO peacekeepers would leave within ten days.",
        "Fuel prices rose by 40 percent after the cap was lifted.",
        "The curfew runs from 11 pm to 7 am in the city.",
        "In Iran in 2019, more than 300 people were killed in protests over fuel prices.",
        "In Belarus, more than 30,000 people were detained after the 2020 election.",
        "As in Belarus, where thousands were detained, the crackdown was swift.",
        "Officials raised the wage of 1,500 oil workers by 20 percent.",
    ],
)
def test_no_figure_false_friends(text: str) -> None:
    assert found(text) == []


def test_an_earlier_kazakh_figure_is_dated_to_its_year() -> None:
    row = only("In 2011 police killed at least 14 striking oil workers in Zhanaozen.", measure="killed", value=14)
    assert (row["as_of_date"], row["as_of_precision"]) == ("2011-01-01", "year")


@pytest.mark.parametrize(
    "text,stated_by,relayed_by",
    [
        ("The interior ministry said 95 police officers had been injured.", "interior_ministry", ""),
        ("Officials said dozens of police were hurt in the clashes.", "authorities", ""),
        (
            "Among the dead were 16 police officers, Interfax reported, citing the interior ministry.",
            "interior_ministry",
            "interfax",
        ),
        ("Police rounded up 4,000 people, TASS quoted the interior ministry as saying.", "interior_ministry", "tass"),
        ("Some 9,900 people were taken into custody, according to RIA Novosti.", "ria_novosti", ""),
        ("Fresh fighting pushed the death toll to 164, state TV Khabar 24 reported.", "khabar_24", ""),
        ("A rights group said over a hundred protesters were wounded.", "rights_group", ""),
    ],
)
def test_who_stated_it_new_wordings(text: str, stated_by: str, relayed_by: str) -> None:
    rows = found(text)
    assert rows, text
    assert (rows[0]["stated_by"], rows[0]["relayed_by"]) == (stated_by, relayed_by)


@pytest.mark.parametrize(
    "text,measure,value,group",
    [
        ("Tokayev said the death toll included 16 members of the security forces.", "killed", 16, "security_forces"),
        ("The bodies of 175 people were taken to morgues in the city.", "killed", 175, "unspecified"),
    ],
)
def test_among_the_dead_toll_and_bodies(text: str, measure: str, value: int, group: str) -> None:
    row = only(text, measure=measure, value=value, group=group)
    assert row["rule"] == "figures.among_the_dead"


@pytest.mark.parametrize(
    "text,value,group",
    [
        ('The ministry said its forces had "liquidated" 26 rioters.', 26, "armed_criminals"),
        ("Special forces eliminated 12 gunmen at the airport.", 12, "armed_criminals"),
        ("The KNB said it had neutralised 5 attackers.", 5, "armed_criminals"),
    ],
)
def test_authorities_verbs_for_killing(text: str, value: int, group: str) -> None:
    row = only(text, measure="killed", value=value, group=group)
    assert row["rule"] == "figures.measure_then_number"


def test_a_long_quoted_aside_does_not_hide_the_figure() -> None:
    only(
        'The ministry said 5,800 people, including "a substantial number of foreign citizens", had been detained.',
        measure="detained",
        value=5800,
    )


def test_adjectives_before_the_group() -> None:
    only("At least 10 peaceful protesters had been shot dead.", measure="killed", value=10, group="protesters")


def test_crowd_holding_a_square() -> None:
    only("Up to 3,000 protesters were still holding the square.", measure="participants", qualifier="up_to")


@pytest.mark.parametrize(
    "text,stated_by",
    [
        ("About 8,000 were detained, said Erlan Turgumbayev, the interior minister.", "interior_ministry"),
        ("Scores were hurt in clashes with police in Aktobe, the regional akimat said.", "authorities"),
    ],
)
def test_speaker_after_an_inverted_verb_or_beyond_a_group(text: str, stated_by: str) -> None:
    rows = found(text)
    assert rows and rows[0]["stated_by"] == stated_by


def test_the_state_broadcaster_is_the_state_outlet_named_before() -> None:
    text = "State TV Khabar 24 gave new figures. According to the state broadcaster, 26 bandits have been killed."
    row = only(text, stated_by="khabar_24")
    assert "state broadcaster" in row["notes_"]


def test_the_state_broadcaster_alone_stays_state_media() -> None:
    only("According to the state broadcaster, 26 bandits have been killed.", stated_by="state_media")


@pytest.mark.parametrize(
    "text,measure,value,group",
    [
        ("The ministry confirmed the deaths of 16 servicemen.", "killed", 16, "security_forces"),
        ("Witnesses described the killing of 12 police officers.", "killed", 12, "security_forces"),
        ("Officials reported the detention of more than 5,000 people.", "detained", 5000, "unspecified"),
        ("Lawyers criticised the arrests of 300 protesters.", "detained", 300, "protesters"),
    ],
)
def test_deaths_of(text: str, measure: str, value: int, group: str) -> None:
    row = only(text, measure=measure, value=value, group=group)
    assert row["rule"] == "figures.deaths_of"


@pytest.mark.parametrize("text", ["The death toll rises to 164.", "Kazakh death toll hits 225 as curfew stays."])
def test_toll_headline_tense(text: str) -> None:
    row = only(text, measure="killed")
    assert row["rule"] == "figures.toll_reached"


@pytest.mark.parametrize(
    "text,qualifier",
    [("Troops shot dead dozens of rioters in Almaty.", "dozens"), ("Police gunned down 12 attackers.", "exact")],
)
def test_shot_dead_active(text: str, qualifier: str) -> None:
    only(text, measure="killed", qualifier=qualifier, group="armed_criminals")


def test_being_treated_is_injured() -> None:
    only("Some 1,200 people were being treated, doctors said.", measure="injured", qualifier="some", value=1200)


def test_treated_humanely_is_no_figure() -> None:
    assert [
        r for r in found("The 300 people were being treated humanely, the ombudsman said.") if r["measure"] == "injured"
    ] == []


@pytest.mark.parametrize(
    "text,stated_by",
    [
        ("Troops killed 12 attackers, an official told Reuters.", "authorities"),
        ("A senior official said 40 people were injured.", "authorities"),
        ("The foreign ministry said 16 servicemen were killed.", "authorities"),
        ("The city health department said 1,200 people were being treated.", "authorities"),
        ("Health authorities said 2,000 people had sought medical help.", "health_ministry"),
        ("Informburo reported that 300 people were detained in Shymkent.", "kazakh_media"),
    ],
)
def test_who_stated_it_officials_and_outlets(text: str, stated_by: str) -> None:
    rows = found(text)
    assert rows and rows[0]["stated_by"] == stated_by


def test_a_year_in_a_kazakh_background_phrase_dates_the_figure() -> None:
    text = "The 2011 Zhanaozen massacre, in which at least 14 striking oil workers were killed, still haunts the town."
    row = only(text, measure="killed", value=14)
    assert (row["as_of_date"], row["as_of_precision"]) == ("2011-01-01", "year")


@pytest.mark.parametrize(
    "text",
    [
        "The unrest, the worst since independence in 1991, has killed at least 164 people.",
        "The largest protests since 1986 left 40 people injured, officials said.",
    ],
)
def test_a_year_that_only_measures_the_unrest_does_not_date_the_figure(text: str) -> None:
    row = found(text)[0]
    assert row["as_of_precision"] != "year" and row["as_of_date"].startswith("2022")


@pytest.mark.parametrize(
    "text,measure,value,group",
    [
        ("Three of those killed were minors.", "killed", 3, "civilians"),
        ("80 of the injured were police officers.", "injured", 80, "security_forces"),
    ],
)
def test_of_those_killed_after_the_count(text: str, measure: str, value: int, group: str) -> None:
    row = only(text, measure=measure, value=value, group=group)
    assert row["rule"] == "figures.among_the_dead"


def test_n_of_them_is_a_part_of_the_figure_before() -> None:
    rows = found("More than 2,200 people were injured, 1,300 of them security officers.")
    assert [(r["value"], r["measure"], r["group"], r["rule"]) for r in rows] == [
        (2200, "injured", "unspecified", "figures.number_then_measure"),
        (1300, "injured", "security_forces", "figures.subset_including"),
    ]


def test_toll_given_as_with_the_group_before_it() -> None:
    row = only("Officials had earlier given the civilian death toll as 26.", measure="killed", value=26)
    assert (row["group"], row["stated_by"], row["rule"]) == ("civilians", "authorities", "figures.toll_reached")


@pytest.mark.parametrize(
    "text,stated_by",
    [
        ("A senior prosecutor said 225 people had died in the unrest.", "prosecutor_general"),
        ("Three children were killed, the children's ombudswoman said.", "authorities"),
    ],
)
def test_who_stated_it_prosecutor_and_ombudsman(text: str, stated_by: str) -> None:
    rows = found(text)
    assert rows and rows[0]["stated_by"] == stated_by
