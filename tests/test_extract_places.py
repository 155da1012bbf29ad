"""Place rules: gazetteer hits, transliterations, regions, organisations, metonyms, false friends, background.

Every sentence here was written for these tests in the style of a wire report; none is from a source text.
"""

from __future__ import annotations

from datetime import date

import pytest

from qantar.extract import places
from qantar.extract.core import Doc

PUB = date(2022, 1, 7)


def _doc(text: str) -> Doc:
    return Doc(text, PUB)


def _found(text: str) -> list[tuple[str, str, str]]:
    """(surface, place_id, role) of every mention."""
    return [(m.surface, m.place_id, m.role) for m in places.mentions(_doc(text))]


def _one(text: str, surface: str) -> places.PlaceMention:
    hits = [m for m in places.mentions(_doc(text)) if m.surface == surface]
    assert len(hits) == 1, (surface, _found(text))
    return hits[0]


# --- gazetteer hits and transliterations: (sentence, surface, place_id, kind) ---------------------------------
GAZETTEER = [
    ("Crowds gathered in Almaty on Wednesday.", "Almaty", "almaty", "city"),
    ("Police fired tear gas in Alma-Ata, the old capital.", "Alma-Ata", "almaty", "city"),
    ("Hundreds rallied in Uralsk.", "Uralsk", "uralsk", "city"),
    ("Hundreds rallied in Oral, in the west.", "Oral", "uralsk", "city"),
    ("Miners marched in Qaraghandy.", "Qaraghandy", "karaganda", "city"),
    ("Miners marched in Karaganda.", "Karaganda", "karaganda", "city"),
    ("Officials met in Nur-Sultan.", "Nur-Sultan", "nur_sultan", "city"),
    ("Officials met in Astana.", "Astana", "nur_sultan", "city"),
    ("Shops were looted in Shymkent.", "Shymkent", "shymkent", "city"),
    ("Shops were looted in Chimkent.", "Chimkent", "shymkent", "city"),
    ("A curfew was imposed in Aqtobe.", "Aqtobe", "aktobe", "city"),
    ("Oil workers walked out in Janaozen.", "Janaozen", "zhanaozen", "city"),
    ("Oil workers walked out in Zhanaozen.", "Zhanaozen", "zhanaozen", "city"),
    ("Protesters gathered in Taldyqorghan.", "Taldyqorghan", "taldykorgan", "city"),
    ("Protesters gathered in Qyzylorda.", "Qyzylorda", "kyzylorda", "city"),
    ("Gunfire was heard in Taraz.", "Taraz", "taraz", "city"),
    ("A rally took place in Semey.", "Semey", "semey", "city"),
    ("A rally took place in Pavlodar.", "Pavlodar", "pavlodar", "city"),
    ("A rally took place in Kostanay.", "Kostanay", "kostanay", "city"),
    ("A rally took place in Petropavl.", "Petropavl", "petropavl", "city"),
    ("A rally took place in Turkistan.", "Turkistan", "turkistan", "city"),
    ("A rally took place in Oskemen.", "Oskemen", "ust_kamenogorsk", "city"),
    ("A rally took place in Ust-Kamenogorsk.", "Ust-Kamenogorsk", "ust_kamenogorsk", "city"),
    ("A rally took place in Kokshetau.", "Kokshetau", "kokshetau", "city"),
    ("Workers struck in Ekibastuz.", "Ekibastuz", "ekibastuz", "city"),
    ("Workers struck in Temirtau.", "Temirtau", "temirtau", "city"),
    ("Fuel prices doubled in Atyrau.", "Atyrau", "atyrau", "city"),
    ("Unrest began in the Mangystau region.", "Mangystau region", "mangystau_region", "region"),
    ("Unrest began in Mangistau province.", "Mangistau province", "mangystau_region", "region"),
    ("Unrest began in Mangghystau.", "Mangghystau", "mangystau_region", "region"),
    ("Clashes spread to the Almaty region.", "Almaty region", "almaty_region", "region"),
    ("Roads were blocked in the Jetisu region.", "Jetisu region", "jetisu_region", "region"),
    ("Roads were blocked in the Abai region.", "Abai region", "abai_region", "region"),
    ("Roads were blocked in the Ulytau region.", "Ulytau region", "ulytau_region", "region"),
    ("Strikes hit West Kazakhstan.", "West Kazakhstan", "west_kazakhstan_region", "region"),
    ("The unrest shook Kazakhstan.", "Kazakhstan", "kz", "country"),
    ("Flights from Kyrgyzstan were cancelled.", "Kyrgyzstan", "kg", "country"),
    ("Talks were held in Brussels.", "Brussels", "brussels", "city"),
    ("Diplomats met in Geneva.", "Geneva", "geneva", "city"),
    ("Aid arrived from the U.S. embassy.", "U.S.", "us", "country"),
]


@pytest.mark.parametrize(("text", "surface", "place_id", "kind"), GAZETTEER, ids=[g[1] for g in GAZETTEER])
def test_gazetteer_match(text: str, surface: str, place_id: str, kind: str) -> None:
    m = _one(text, surface)
    assert (m.place_id, m.kind) == (place_id, kind)


def test_possessive_is_the_city() -> None:
    m = _one("Almaty's main square filled with protesters.", "Almaty")
    assert (m.place_id, m.role, m.end - m.start) == ("almaty", "location", len("Almaty"))


def test_dateline_in_capitals() -> None:
    assert _one("ALMATY, Kazakhstan (Reuters) - Troops patrolled.", "ALMATY").place_id == "almaty"


ORGANISATIONS = [
    ("The CSTO agreed to send troops.", "CSTO", "csto"),
    ("The Collective Security Treaty Organization met.", "Collective Security Treaty Organization", "csto"),
    ("The EU called for restraint.", "EU", "eu"),
    ("The European Union called for restraint.", "European Union", "eu"),
    ("The UN urged calm.", "UN", "un"),
    ("The U.N. urged calm.", "U.N.", "un"),
    ("The OSCE offered help.", "OSCE", "osce"),
    ("NATO said it was watching.", "NATO", "nato"),
]


@pytest.mark.parametrize(("text", "surface", "place_id"), ORGANISATIONS, ids=[o[1] for o in ORGANISATIONS])
def test_organisation_is_an_actor(text: str, surface: str, place_id: str) -> None:
    m = _one(text, surface)
    assert (m.place_id, m.kind, m.role) == (place_id, "organisation", "actor")


# --- metonyms: a capital or seat of power speaking is its state -------------------------------------------------
METONYMS = [
    ("Moscow said the troops would leave soon.", "Moscow", "ru"),
    ("Washington urged both sides to show restraint.", "Washington", "us"),
    ("Beijing supports the steps taken by the authorities.", "Beijing", "cn"),
    ("Moscow has repeatedly said it will not interfere.", "Moscow", "ru"),
    ("Moscow's decision to send paratroopers drew criticism.", "Moscow", "ru"),
    ("Tashkent expressed concern about the border.", "Tashkent", "uz"),
    ("Bishkek denied that its troops would take part.", "Bishkek", "kg"),
    ("The Kremlin said the mission was temporary.", "Kremlin", "ru"),
    ("The White House questioned the request.", "White House", "us"),
    ("The State Department ordered families of staff to leave.", "State Department", "us"),
]


@pytest.mark.parametrize(("text", "surface", "state"), METONYMS, ids=[f"{m[1]}-{m[0][:20]}" for m in METONYMS])
def test_metonym_is_the_state_as_actor(text: str, surface: str, state: str) -> None:
    m = _one(text, surface)
    assert (m.place_id, m.kind, m.role) == (state, "country", "actor")


def test_brussels_speaking_is_the_eu() -> None:
    m = _one("Brussels urged the authorities to respect the right to protest.", "Brussels")
    assert (m.place_id, m.kind, m.role) == ("eu", "organisation", "actor")


def test_capital_as_a_location_stays_a_city() -> None:
    m = _one("Thousands of Kazakhs live in Moscow.", "Moscow")
    assert (m.place_id, m.kind, m.role) == ("moscow", "city", "location")


def test_kazakh_city_possessive_speaking_is_not_the_state() -> None:
    m = _one("Almaty's mayor said the city was calm.", "Almaty")
    assert (m.place_id, m.role) == ("almaty", "location")


def test_country_speaking_is_an_actor() -> None:
    m = _one("Russia said the deployment would last weeks.", "Russia")
    assert (m.place_id, m.role) == ("ru", "actor")


def test_country_as_place_is_a_location() -> None:
    assert _one("Troops flew in from Russia on Thursday.", "Russia").role == "location"


# --- false friends -----------------------------------------------------------------------------------------------
FALSE_FRIENDS = [
    "Police said order had been restored.",  # "Police" is a town in Poland
    "Many shops were closed.",
    "Of the dead, most were civilians.",
]


# A demonym before an institution names the state as an actor (places.demonym_state), never the GeoNames town
# "Kazakh" (an alternate name of Petropavl).
DEMONYM_STATES = [
    ("Kazakh police detained dozens of people.", "kz"),
    ("The Kazakh government resigned.", "kz"),
    ("Russian paratroopers landed at the airport.", "ru"),
    ("Kazakhstani officials gave no figure.", "kz"),
]


@pytest.mark.parametrize(("text", "state"), DEMONYM_STATES, ids=[t[0][:24] for t in DEMONYM_STATES])
def test_demonym_is_the_state_not_a_town(text: str, state: str) -> None:
    assert [(pid, role) for _s, pid, role in _found(text)] == [(state, "actor")]


@pytest.mark.parametrize("text", FALSE_FRIENDS, ids=[t[:24] for t in FALSE_FRIENDS])
def test_false_friend_is_no_place(text: str) -> None:
    assert _found(text) == []


def test_first_name_is_not_a_foreign_city() -> None:
    assert _found("Vladimir Putin spoke to Tokayev by phone.") == []


def test_hyphenated_actor() -> None:
    m = _one("A Moscow-led alliance sent troops.", "Moscow")
    assert (m.place_id, m.role) == ("ru", "actor")


def test_kazakh_adjective_is_not_petropavl() -> None:
    doc = _doc("Kazakh security forces fired on the crowd in Almaty.")
    assert [m.place_id for m in places.mentions(doc)] == ["kz", "almaty"]


# --- background: places of another time or story ------------------------------------------------------------------
BACKGROUND = [
    ("Analysts compared the unrest with Iran 2019.", "Iran"),
    ("Prices rose as in Iran in 2019.", "Iran"),
    ("The protests looked like Belarus in 2020.", "Belarus"),
    ("It was reminiscent of Sudan, where bread prices sparked revolt.", "Sudan"),
    ("Some recalled the 2014 uprising in Ukraine.", "Ukraine"),
    ("The 1991 collapse of the USSR left Kazakhstan independent.", "USSR"),
    ("Kazakhstan was part of the Soviet Union until 1991.", "Soviet Union"),
]


@pytest.mark.parametrize(("text", "surface"), BACKGROUND, ids=[b[0][:28] for b in BACKGROUND])
def test_background_place(text: str, surface: str) -> None:
    assert _one(text, surface).role == "background"


def test_background_place_has_no_candidate() -> None:
    doc = _doc("Protests spread to Aktobe. Observers compared them with Iran in 2019.")
    assert [c.row["place_id"] for c in places.find(doc)] == ["aktobe"]


def test_zhanaozen_without_past_year_is_a_location() -> None:
    assert _one("Protests began in Zhanaozen on Sunday.", "Zhanaozen").role == "location"


# --- whole-country and descriptive references ---------------------------------------------------------------
def test_across_the_country() -> None:
    m = _one("Internet access was cut across the country.", "across the country")
    assert (m.place_id, m.role) == ("kz", "location")


def test_nationwide() -> None:
    assert _one("A nationwide state of emergency was declared in Kazakhstan.", "nationwide").place_id == "kz"


def test_the_kazakh_capital() -> None:
    assert _one("Troops guarded the Kazakh capital.", "the Kazakh capital").place_id == "nur_sultan"


def test_the_largest_city() -> None:
    assert _one("In Kazakhstan's largest city, shots were heard.", "largest city").place_id == "almaty"


def test_capital_of_another_country_is_not_nur_sultan() -> None:
    assert all(
        m.place_id != "nur_sultan" for m in places.mentions(_doc("Kazakh envoys flew to the capital of Kyrgyzstan."))
    )


# --- location_for ----------------------------------------------------------------------------------------------
def test_location_for_in_city() -> None:
    text = "Police detained 40 people in Almaty on Thursday."
    m = places.location_for(_doc(text), text.index("detained"))
    assert m is not None and m.place_id == "almaty"


def test_location_for_prefers_city_over_country() -> None:
    text = "In Almaty, Kazakhstan's largest city, protesters set fire to cars."
    m = places.location_for(_doc(text), text.index("set fire"))
    assert m is not None and m.place_id == "almaty"


def test_location_for_possessive() -> None:
    text = "Almaty's airport was seized by protesters."
    m = places.location_for(_doc(text), text.index("seized"))
    assert m is not None and m.place_id == "almaty_airport"  # the site, of the city before it (site_reference)


def test_location_for_across_the_country() -> None:
    text = "Rallies were held across the country."
    m = places.location_for(_doc(text), text.index("Rallies"))
    assert m is not None and m.place_id == "kz"


def test_location_for_skips_actors() -> None:
    text = "Moscow said it would send troops."
    assert places.location_for(_doc(text), text.index("send")) is None


def test_location_for_stays_in_its_sentence() -> None:
    text = "Shots rang out in Almaty. Officials gave no figure."
    assert places.location_for(_doc(text), text.index("Officials")) is None


# --- find: candidate rows ---------------------------------------------------------------------------------------
def test_find_one_candidate_per_place_with_gazetteer_columns() -> None:
    doc = _doc("Protesters took over buildings in Oral. Later, crowds in Uralsk dispersed. Moscow said it would help.")
    cands = {c.row["place_id"]: c for c in places.find(doc)}
    assert set(cands) == {"uralsk", "ru"}
    row = cands["uralsk"].row
    assert row["geonames_id"] == 608668 and isinstance(row["latitude"], float)
    assert row["name_jan2022"] == "Uralsk" and row["name_current"] == "Oral" and row["country_code"] == "KZ"
    assert row["latitude"] and row["longitude"]
    assert cands["ru"].confidence < cands["uralsk"].confidence  # a metonym guess is less sure than a gazetteer hit
    assert any("metonym" in n for n in cands["ru"].notes)


def test_find_new_place_gets_a_slug_and_region() -> None:
    (c,) = places.find(_doc("Workers struck in Ekibastuz."))
    row = c.row
    assert row["place_id"] == "ekibastuz" and row["kind"] == "city" and row["geonames_id"] == 1524325
    assert row["admin1_jan2022"] == "Pavlodar Region" and row["parent_id"] == "pavlodar_region"
    assert "duplicate_of" not in row


def test_find_new_region_jan2022_parent() -> None:
    (c,) = places.find(_doc("Roads were closed in Taldykorgan."))
    assert c.row["admin1_jan2022"] == "Almaty Region" and c.row["admin1_current"] == "Jetisu Region"


def test_find_duplicate_of_existing_place(dataset) -> None:
    (c,) = places.find(_doc("Crowds gathered in Alma-Ata."), dataset)
    assert c.row["place_id"] == "almaty" and c.row["duplicate_of"] == "almaty"


def test_find_no_duplicate_without_dataset() -> None:
    (c,) = places.find(_doc("Crowds gathered in Alma-Ata."))
    assert c.row["place_id"] == "almaty" and "duplicate_of" not in c.row


def test_gazetteer_follows_the_data_folder(tmp_path, monkeypatch) -> None:
    """A gazetteer built while another data folder was set is not reused for the project's (order-dependent flake)."""
    from qantar import settings
    from qantar.extract.places.gazetteer import _gazetteer

    monkeypatch.setenv(settings.DATA_ENV, str(tmp_path))  # a folder without places.csv: GeoNames names only
    _gazetteer()
    monkeypatch.delenv(settings.DATA_ENV)
    assert (_one("Hundreds rallied in Uralsk.", "Uralsk").place_id) == "uralsk"
