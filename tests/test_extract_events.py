"""Event rules (qantar.extract.events): one test per phrase, on wire-style sentences written for these tests.

The rules are tested on their own decisions: places and dates come from qantar.extract.places and
qantar.extract.dates, which the tests that need them replace with a small fake (so they keep passing once those
modules have real rules).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from qantar import acled_types
from qantar.extract import dates, events, places
from qantar.extract.core import Doc

PUBLISHED = date(2022, 1, 7)
DESCRIPTOR = Path(__file__).resolve().parents[1] / "data" / "datapackage.json"


def kinds_found(sentence: str, rule) -> list[str]:
    """The event kinds one rule finds in a one-sentence text."""
    return [h.kind for h in rule(Doc(sentence, PUBLISHED))]


# (rule, sentence, expected kind): a sentence per phrase in the rule's docstring
PHRASES = [
    (events.protest, "Protests broke out in the oil town of Zhanaozen on Sunday over fuel prices.", "protest"),
    (events.protest, "Hundreds of protesters gathered in the main square of Aktobe on Tuesday.", "protest"),
    (events.protest, "Demonstrators rallied outside the regional administration in Uralsk.", "protest"),
    (events.protest, "Thousands of people took to the streets of Almaty late on Tuesday.", "protest"),
    (events.protest, "A rally in Shymkent drew several hundred people, local media reported.", "protest"),
    (events.protest, "Hundreds marched through the centre of Kyzylorda chanting slogans.", "protest"),
    (events.protest, "Crowds gathered in the square in front of the akimat in Taraz.", "protest"),
    (events.protest, "Oil workers in Mangystau went on strike on Monday, demanding higher wages.", "protest"),
    (events.riot_clash, "Clashes erupted in Almaty as police tried to push the crowd back.", "clash"),
    (events.riot_clash, "Protesters clashed with riot police near the mayor's office.", "clash"),
    (events.riot_clash, "Rioters roamed the streets of the city overnight.", "clash"),
    (events.riot_clash, "The protests turned violent in Aktobe on Wednesday.", "clash"),
    (events.riot_clash, "Street battles went on for hours in Taldykorgan.", "clash"),
    (events.riot_clash, "Officials said mass disorder continued in several cities.", "clash"),
    (events.storming, "Protesters stormed the mayor's office in Almaty on Wednesday.", "storming"),
    (events.storming, "A crowd broke into the city administration building in Aktobe.", "storming"),
    (events.storming, "Armed men attacked police stations in the city, the ministry said.", "storming"),
    (events.storming, "Demonstrators forced their way into the akimat in Taldykorgan.", "storming"),
    (events.storming, "Rioters raided the state TV building in Almaty.", "storming"),
    (events.storming, "In several western towns, crowds tried to storm government buildings.", "storming"),
    (events.storming, "Rioters forcibly entered government buildings in Aktobe.", "storming"),
    (events.aircraft_seizure, "Gunmen seized four planes at the airport, officials said.", "aircraft_seizure"),
    (events.aircraft_seizure, "Men hijacked aircraft parked on the apron.", "aircraft_seizure"),
    (events.aircraft_seizure, "Militants captured helicopters at the airfield.", "aircraft_seizure"),
    (events.arson, "Protesters set the city hall on fire on Wednesday.", "arson"),
    (events.arson, "Crowds set several police cars ablaze on the main avenue.", "arson"),
    (events.arson, "Rioters torched the building of the prosecutor's office.", "arson"),
    (events.arson, "Demonstrators burned police vehicles near the square.", "arson"),
    (events.arson, "By evening the akimat was on fire, footage showed.", "arson"),
    (events.arson, "The presidential residence was engulfed in flames on Wednesday.", "arson"),
    (events.arson, "Police opened cases of arson and looting.", "arson"),
    (events.looting, "Shops and banks were looted in central Almaty overnight.", "property_damage"),
    (events.looting, "Looting was reported in several districts of the city.", "property_damage"),
    (events.looting, "Looters carried away televisions from a shopping centre.", "property_damage"),
    (events.looting, "A crowd ransacked banks in the city centre.", "property_damage"),
    (events.looting, "Bus stops were vandalised along the main road.", "property_damage"),
    (events.looting, "Youths smashed shop windows on Abay Avenue.", "property_damage"),
    (events.statue_toppled, "Protesters toppled a statue of Nazarbayev in Taldykorgan.", "statue_toppled"),
    (events.statue_toppled, "A crowd tore down a monument to the former president.", "statue_toppled"),
    (events.statue_toppled, "A statue of the former president was pulled down on Wednesday.", "statue_toppled"),
    (events.airport_seizure, "Protesters seized the airport in Almaty on Wednesday evening.", "airport_seizure"),
    (events.airport_seizure, "Armed men took control of Almaty airport, officials said.", "airport_seizure"),
    (events.airport_seizure, "The airport was captured by a crowd, the deputy mayor said.", "airport_seizure"),
    (events.airport_seizure, "Hundreds stormed the airport after nightfall.", "airport_seizure"),
    (events.airport_retaken, "Troops retook the airport on Thursday, the army said.", "airport_retaken"),
    (events.airport_retaken, "Security forces regained control of the airport.", "airport_retaken"),
    (events.airport_retaken, "By Thursday the airport was back under government control.", "airport_retaken"),
    (events.airport_retaken, "The airport had been liberated, the deputy mayor said.", "airport_retaken"),
    (events.airport_retaken, "Special forces cleared the airport of armed men.", "airport_retaken"),
    (events.arms_seizure, "Armed groups seized weapons from police depots.", "arms_seizure"),
    (events.arms_seizure, "Rioters looted gun shops in the city centre.", "arms_seizure"),
    (events.arms_seizure, "Attackers stole firearms from a hunting store.", "arms_seizure"),
    (events.arms_seizure, "Men broke into an armoury in the city, officials said.", "arms_seizure"),
    (events.arms_seizure, "Hundreds of weapons were stolen, the interior ministry said.", "arms_seizure"),
    (events.vehicle_seizure, "Rioters seized police cars and drove them into the square.", "vehicle_seizure"),
    (events.vehicle_seizure, "Men hijacked armoured vehicles near the barracks.", "vehicle_seizure"),
    (events.vehicle_seizure, "The crowd commandeered buses to block the road.", "vehicle_seizure"),
    (events.excessive_force, "Police opened fire on protesters in the square on Thursday.", "excessive_force"),
    (events.excessive_force, "Troops fired into the crowd near the akimat, witnesses said.", "excessive_force"),
    (events.excessive_force, "Security forces shot dead demonstrators in the city, a witness said.", "excessive_force"),
    (events.excessive_force, "Soldiers fired live rounds at people in the square.", "excessive_force"),
    (events.excessive_force, "Police gunned down striking workers in the town.", "excessive_force"),
    (events.armed_clash, "Gunfire was heard near the main square on Thursday morning.", "armed_clash"),
    (events.armed_clash, "Gun battles raged in the streets of Almaty overnight.", "armed_clash"),
    (events.armed_clash, "There was a firefight near the television centre.", "armed_clash"),
    (events.armed_clash, "Troops exchanged fire with armed men in the city.", "armed_clash"),
    (events.armed_clash, "Shootouts were reported in several districts.", "armed_clash"),
    (events.armed_clash, "Residents reported the sound of automatic gunfire.", "armed_clash"),
    (events.armed_clash, "Police fired on gunmen who had taken over the building.", "armed_clash"),
    (events.explosion, "Explosions were heard in the city centre on Thursday.", "explosion"),
    (events.explosion, "A blast rocked the area near the square.", "explosion"),
    (events.explosion, "Several explosions could be heard overnight.", "explosion"),
    (events.state_of_emergency, "Tokayev declared a state of emergency in Almaty on Wednesday.", "state_of_emergency"),
    (events.state_of_emergency, "The authorities imposed a curfew from 11 p.m. to 7 a.m.", "state_of_emergency"),
    (events.state_of_emergency, "He introduced a state of emergency in Mangystau region.", "state_of_emergency"),
    (
        events.state_of_emergency,
        "Later he extended the state of emergency to the whole country.",
        "state_of_emergency",
    ),
    (events.state_of_emergency, "A curfew is in force in the city until January 19.", "state_of_emergency"),
    (events.state_of_emergency, "The whole country was put under a state of emergency.", "state_of_emergency"),
    (events.mourning_declared, "Tokayev declared January 10 a day of national mourning.", "mourning_declared"),
    (events.mourning_declared, "The president announced a national day of mourning.", "mourning_declared"),
    (events.government_resignation, "The government resigned on Wednesday.", "government_resignation"),
    (
        events.government_resignation,
        "Tokayev accepted the government's resignation on Wednesday.",
        "government_resignation",
    ),
    (events.government_resignation, "The cabinet stepped down early on Wednesday.", "government_resignation"),
    (events.government_resignation, "Tokayev sacked the government amid the protests.", "government_resignation"),
    (events.government_resignation, "The president dismissed the cabinet on Wednesday.", "government_resignation"),
    (
        events.government_resignation,
        "The resignation of the government did not end the protests.",
        "government_resignation",
    ),
    (events.appointment, "Tokayev appointed Alikhan Smailov acting prime minister.", "appointment"),
    (events.appointment, "Smailov was named prime minister by parliament.", "appointment"),
    (events.appointment, "The president nominated a new head of the security service.", "appointment"),
    (events.appointment, "Smailov became acting prime minister on Wednesday.", "appointment"),
    (events.appointment, "Tokayev named Alikhan Smailov as acting prime minister.", "appointment"),
    (events.power_transfer, "Tokayev sacked the head of the security service.", "power_transfer"),
    (events.power_transfer, "Masimov was removed from his post on Wednesday.", "power_transfer"),
    (
        events.power_transfer,
        "Tokayev accepted the resignation of Security Council Secretary Kuanysh Bektasov.",
        "power_transfer",
    ),
    (events.power_transfer, "Tokayev dismissed Karim Massimov as head of the KNB.", "power_transfer"),
    (events.power_transfer, "He removed Nazarbayev as chairman of the Security Council.", "power_transfer"),
    (events.power_transfer, "Tokayev took over as head of the Security Council.", "power_transfer"),
    (events.power_transfer, "Tokayev said he had taken over from Nazarbayev as head of the council.", "power_transfer"),
    (events.power_transfer, "The deputy chief was relieved of his duties on Thursday.", "power_transfer"),
    (events.power_transfer, "The energy minister resigned as protests spread.", "power_transfer"),
    (events.csto_request, "Tokayev asked the CSTO for help late on Wednesday.", "csto_request"),
    (
        events.csto_request,
        "He appealed to the Collective Security Treaty Organization for support.",
        "csto_request",
    ),
    (events.csto_request, "Kazakhstan turned to the Russian-led alliance for help.", "csto_request"),
    (events.csto_request, "The government requested assistance from the CSTO on Wednesday.", "csto_request"),
    (events.csto_decision, "The CSTO agreed to send peacekeepers to Kazakhstan.", "csto_decision"),
    (events.csto_decision, "The alliance decided to dispatch troops within hours.", "csto_decision"),
    (events.csto_decision, "The CSTO said it would send a peacekeeping force.", "csto_decision"),
    (events.csto_deployment, "The first CSTO peacekeepers arrived in Kazakhstan on Thursday.", "csto_deployment"),
    (events.csto_deployment, "Russian paratroopers landed near Almaty on Thursday.", "csto_deployment"),
    (events.csto_deployment, "Russian troops were deployed to guard the airport.", "csto_deployment"),
    (events.csto_deployment, "Soldiers of the Russia-led military alliance landed on Friday.", "csto_deployment"),
    (events.csto_deployment, "Moscow sent troops to the country on Thursday.", "csto_deployment"),
    (events.csto_deployment, "CSTO troops began withdrawing on January 13.", "csto_withdrawal"),
    (events.csto_deployment, "The peacekeepers will leave within ten days, Tokayev said.", "csto_withdrawal"),
    (events.csto_deployment, "The withdrawal of the CSTO contingent will start next week.", "csto_withdrawal"),
    (events.military_deployment, "Troops were deployed in the centre of Almaty.", "military_deployment"),
    (events.military_deployment, "Soldiers patrolled the streets of Aktobe on Friday.", "military_deployment"),
    (events.military_deployment, "Armoured vehicles entered the square on Thursday.", "military_deployment"),
    (events.military_deployment, "The army moved into the city on Wednesday night.", "military_deployment"),
    (events.military_deployment, "The government deployed troops to restore order.", "military_deployment"),
    (events.special_operation, "A counter-terrorist operation is under way in Almaty.", "special_operation"),
    (events.special_operation, "Security forces launched an anti-terror operation in the city.", "special_operation"),
    (events.special_operation, "The counterterrorism operation continued on Friday.", "special_operation"),
    (events.special_operation, "The special operation will go on, the ministry said.", "special_operation"),
    (events.special_operation, "Troops carried out a mopping-up operation overnight.", "special_operation"),
    (events.special_operation, "A counter-terrorist regime was introduced in the city.", "special_operation"),
    (events.internet_blackout, "The internet was cut off across the country on Wednesday.", "internet_blackout"),
    (events.internet_blackout, "An internet blackout left the country offline.", "internet_blackout"),
    (events.internet_blackout, "The authorities shut down the internet nationwide.", "internet_blackout"),
    (events.internet_blackout, "Mobile internet was blocked in Almaty on Tuesday.", "internet_blackout"),
    (events.internet_blackout, "Internet access was restricted for a third day.", "internet_blackout"),
    (events.internet_blackout, "NetBlocks reported a nationwide internet outage.", "internet_blackout"),
    (events.media_shutdown, "Several TV channels went off air on Wednesday.", "media_shutdown"),
    (events.media_shutdown, "Television stations stopped broadcasting in the evening.", "media_shutdown"),
    (events.media_shutdown, "News websites were blocked, a media watchdog said.", "media_shutdown"),
    (events.flight_disruption, "Flights to Almaty were cancelled on Wednesday.", "flight_disruption"),
    (events.flight_disruption, "Airlines suspended flights to Kazakhstan.", "flight_disruption"),
    (events.flight_disruption, "The airport was closed until further notice.", "flight_disruption"),
    (
        events.shoot_to_kill_order,
        "Tokayev said he had ordered troops to shoot without warning.",
        "shoot_to_kill_order",
    ),
    (
        events.shoot_to_kill_order,
        "Troops were authorised to open fire without warning.",
        "shoot_to_kill_order",
    ),
    (events.shoot_to_kill_order, "He issued a shoot-to-kill order on Friday.", "shoot_to_kill_order"),
    (events.shoot_to_kill_order, "He ordered security forces to fire on the attackers.", "shoot_to_kill_order"),
    (events.arrest, "Karim Massimov was detained on suspicion of treason.", "arrest"),
    (events.arrest, "Massimov, the former security chief, has been arrested, the KNB said.", "arrest"),
    (events.arrest, "Karim Massimov and two deputies have been detained, the KNB said.", "arrest"),
    (events.arrest, "Police detained opposition activist Zhanbolat Mamai on Friday.", "arrest"),
    (
        events.arrest,
        "The former head of the National Security Committee was arrested on Saturday.",
        "arrest",
    ),
    (events.price_rise, "The price of liquefied gas doubled at the start of the year.", "price_rise"),
    (events.price_rise, "A fuel price hike set off the protests.", "price_rise"),
    (events.price_rise, "The LPG price rise angered drivers in the west.", "price_rise"),
    (events.price_rise, "The government lifted price caps on January 1.", "price_rise"),
    (events.protest, "Workers at an oilfield in the west staged a sit-in on Monday.", "protest"),
    (events.protest, "Opposition activists held a rally outside the parliament building.", "protest"),
    (events.protest, "The unrest, which began in the west, reached the capital on Tuesday.", "protest"),
    (events.protest, "Rallies continued in Aktobe for a third day.", "protest"),
    (events.protest, "Hundreds of people gathered outside the regional akimat in Atyrau.", "protest"),
    (events.protest, "Pensioners demonstrated peacefully in front of the town hall.", "protest"),
    (events.storming, "A crowd tried to force its way into the governor's office in Kyzylorda.", "storming"),
    (events.airport_retaken, "Paratroopers retook the terminal after a short battle.", "airport_retaken"),
    (events.mourning_held, "Kazakhstan observed a national day of mourning on Monday.", "mourning"),
    (events.mourning_held, "The nation held a day of mourning for the dead.", "mourning"),
    (events.mourning_held, "Flags flew at half-mast over government buildings.", "mourning"),
    (events.csto_request, "Tokayev appealed to the Moscow-dominated bloc for assistance.", "csto_request"),
    (events.csto_deployment, "Russian-led troops began landing at a military airfield.", "csto_deployment"),
    (
        events.csto_deployment,
        "Planes of the Moscow-backed security bloc touched down near the capital.",
        "csto_deployment",
    ),
    (events.arrest, "Its former head, Karim Massimov, had been detained on Thursday.", "arrest"),
    (events.protest, "The central square erupted with protests after the price rise.", "protest"),
    (events.protest, "The oil towns of the west saw mass demonstrations at the weekend.", "protest"),
    (events.statue_toppled, "Rioters demolished a bust of the first president in the park.", "statue_toppled"),
    (events.arson, "Youths were seen setting the regional prosecutor's office on fire.", "arson"),
    (events.airport_seizure, "Gunmen raiding the airport took the staff hostage.", "airport_seizure"),
    (events.looting, "Armed groups began to loot shops in the city centre.", "property_damage"),
    (events.csto_request, "Tokayev said he had applied to the CSTO for assistance.", "csto_request"),
    (events.protest, "Thousands take to the streets of the capital, chanting slogans.", "protest"),
    (events.protest, "Protests erupt in the oil town after the price of gas doubles.", "protest"),
    (events.protest, "Unrest spreads to the regional centre the next day.", "protest"),
    (events.protest, "Demonstrators gather outside the akimat in Atyrau.", "protest"),
    (events.arson, "The regional administration was left in flames.", "arson"),
    (events.arson, "A police van went up in flames near the square.", "arson"),
    (events.storming, "Protesters seized the security service building in the city.", "storming"),
    (events.storming, "A crowd occupied the regional administration in Aktobe.", "storming"),
    (events.storming, "Rioters storms the headquarters of the ruling party.", "storming"),
    (events.internet_blackout, "The authorities blocked the work of internet providers.", "internet_blackout"),
    (events.internet_blackout, "Officials switched off mobile internet services in the west.", "internet_blackout"),
    (events.power_transfer, "Nazarbayev left the post of head of the Security Council.", "power_transfer"),
    (events.csto_decision, "Russia decided to immediately send 3,000 troops to the country.", "csto_decision"),
    (events.excessive_force, "Security forces began to use firearms against protesters.", "excessive_force"),
    (events.protest, "Witnesses said hundreds of young men had massed outside the akimat.", "protest"),
    (events.vehicle_seizure, "Videos showed army trucks seized by the crowd.", "vehicle_seizure"),
    (events.vehicle_seizure, "Two buses were hijacked on the ring road.", "vehicle_seizure"),
    (events.protest, "Thousands were rallying in Aktobe and Atyrau on Tuesday.", "protest"),
    (events.protest, "Crowds marching towards the square were stopped by police.", "protest"),
    (events.protest, "Instead, they spread north and east within days.", "protest"),
    (events.protest, "Several hundred protesters remained on the main square overnight.", "protest"),
    (events.special_operation, 'The ministry said "mopping-up" operations were continuing.', "special_operation"),
    (events.appointment, "Parliament approved Alikhan Smailov as prime minister.", "appointment"),
    (events.airport_seizure, "The city's airport, seized by rioters on Jan. 5, reopened.", "airport_seizure"),
    (events.protest, "Police used tear gas against thousands of protesters late on Tuesday.", "protest"),
    (events.arson, "Crowds broke into the building and set it alight.", "arson"),
    (events.armed_clash, "Armed men attacked police in the city centre.", "armed_clash"),
    (events.riot_clash, "Confrontations have spread to other regions in the west.", "clash"),
    (
        events.power_transfer,
        "Tokayev sacked the cabinet, removed Nazarbayev as head of the Security Council and left.",
        "power_transfer",
    ),
    (events.arson, "By nightfall the regional akimat was burning.", "arson"),
    (events.armed_clash, "Gunshots echoed through the centre all night.", "armed_clash"),
    (events.armed_clash, "Shots were fired near the television centre.", "armed_clash"),
    (events.internet_blackout, "Mobile internet was blacked out for five days.", "internet_blackout"),
    (events.airport_seizure, "Even the airport was briefly seized by armed men.", "airport_seizure"),
    (events.power_transfer, "Deputy Prime Minister Yeraly Tugzhanov was sacked on Saturday.", "power_transfer"),
]


@pytest.mark.parametrize(("rule", "sentence", "kind"), PHRASES, ids=[f"{r.__name__}:{s[:40]}" for r, s, _ in PHRASES])
def test_rule_finds_phrase(rule, sentence: str, kind: str) -> None:
    assert kind in kinds_found(sentence, rule)


NOT_EVENTS = [
    (events.protest, "The US urged protesters to remain peaceful."),  # an appeal: a reaction
    (events.protest, "Protesters stormed the mayor's office and set it on fire."),  # violent: the riot rules'
    (events.excessive_force, "Tokayev said he had ordered troops to open fire without warning."),  # an order
    (events.excessive_force, "Police fired on gunmen who had seized the building."),  # armed men: a battle
    (events.military_deployment, "Russian troops were deployed on Thursday."),  # foreign: the CSTO rule's
    (events.arrest, "More than 3,000 people were detained, the ministry said."),  # a count: figures'
    (events.storming, "Protesters stormed the airport in Almaty."),  # the airport rule's
    (events.looting, "Rioters looted gun shops in the city centre."),  # weapons: the arms rule's
    (events.power_transfer, "The government resigned on Wednesday."),  # the government: not one official
    (events.power_transfer, "Tokayev accepted the resignation of the government."),  # the government's rule
    (events.explosion, "The price rise caused an explosion of anger."),
    (events.protest, "Thousands of protesters have been detained since the start of the month."),  # a count
    (events.protest, "The president blamed the protests on foreign-trained militants."),  # the noun alone
    (events.protest, "Protesters overran the airport in the evening."),  # violent: the airport rule's
    (events.protest, "It was the biggest rally the country had seen since independence."),  # no verb of happening
    (events.shoot_to_kill_order, "Rights groups were alarmed by reports of soldiers shooting without warning."),
    (events.mourning_held, "Prices were marked up in the shops before the holidays."),
    (events.protest, "The report saw no reason for concern."),  # "saw" without a protest noun
    (events.storming, "Gunmen seized weapons from a police station in the city."),  # the arms rule's
    (events.power_transfer, "the official was sacked on Saturday."),  # no name before "was sacked"
    (events.power_transfer, "Police fired tear gas at protesters outside the mayor's office."),  # fired: shooting
    (events.protest, "Confrontations have spread to other regions in the west."),  # violent: the clash rule's
    (events.power_transfer, "Troops fired warning shots near the head office of the party."),
    (events.appointment, "The acting prime minister met the cabinet on Thursday."),  # a title in passing
    (events.appointment, "Acting Prime Minister Alikhan Smailov said fuel prices would be capped."),
    (events.appointment, "A square named after the first president was cleared."),
    (events.appointment, "The ministry named the head of the city police as a suspect."),
    (events.explosion, "Tokayev blasts foreign-trained terrorists in an address."),  # the verb
    (events.arrest, "Police arrested Karim Massimov's deputy, the KNB said."),  # not Massimov
]


@pytest.mark.parametrize(("rule", "sentence"), NOT_EVENTS, ids=[f"{r.__name__}:{s[:40]}" for r, s in NOT_EVENTS])
def test_rule_leaves_sentence(rule, sentence: str) -> None:
    assert kinds_found(sentence, rule) == []


def test_protest_with_intervention() -> None:
    """Police breaking up a protest without shooting into it: ACLED's Protest with intervention, actor2 police."""
    hits = events.protest(Doc("Police used tear gas and stun grenades to disperse the rally in Almaty.", PUBLISHED))
    assert hits and hits[0].overrides == {"sub_event_type": "Protest with intervention", "actor2": events.POLICE}


def test_arrest_names_person_and_agency() -> None:
    (hit,) = events.arrest(Doc("Karim Massimov was detained on suspicion of treason, the KNB said.", PUBLISHED))
    assert hit.overrides["actor2"] == "Karim Massimov"
    assert hit.overrides["actor1"] == events.KNB


def test_kinds_use_the_project_vocabularies() -> None:
    """Every kind a rule can give is in events.event_kind, with an ACLED sub-event type of its event type."""
    descriptor = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))
    fields = {f["name"]: f for r in descriptor["resources"] if r["name"] == "events" for f in r["schema"]["fields"]}
    enum = set(fields["event_kind"]["constraints"]["enum"])
    for kind, spec in events.KINDS.items():
        assert kind in enum, kind
        assert spec.sub_event_type in acled_types.EVENT_TYPES[spec.event_type], kind


# ---------------------------------------------------------------- find(): places, dates, hints (fakes for both)
GAZ = {
    "Nursultan": "city",
    "Almaty": "city",
    "Aktobe": "city",
    "Atyrau": "city",
    "Zhanaozen": "city",
    "Mangystau": "region",
}


def fake_mentions(doc: Doc, dataset=None) -> list[places.PlaceMention]:
    """Every gazetteer name in the text as a location."""
    import re

    out = []
    for name, kind in GAZ.items():
        for m in re.finditer(name, doc.text):
            out.append(places.PlaceMention(m.start(), m.end(), name, name.lower(), kind, name, "KZ"))
    return sorted(out, key=lambda p: p.start)


def fake_location_for(doc: Doc, pos: int, dataset=None) -> places.PlaceMention | None:
    """The first location in the sentence of ``pos``."""
    a, b = doc.sentence_of(pos)
    return next((p for p in fake_mentions(doc) if a <= p.start < b), None)


def fake_date_for(doc: Doc, pos: int) -> dates.DateRef:
    """5 January for every statement (a stated day)."""
    return dates.DateRef(pos, pos, date(2022, 1, 5), date(2022, 1, 5), "day", "stated", "fake")


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(places, "mentions", fake_mentions)
    monkeypatch.setattr(places, "location_for", fake_location_for)
    monkeypatch.setattr(dates, "date_for", fake_date_for)
    monkeypatch.setattr(dates, "dates_in", lambda doc, start=0, end=None: [])


def test_find_one_protest_per_city(fakes) -> None:
    doc = Doc("By Tuesday protests had spread to Aktobe, Atyrau and Almaty.", PUBLISHED, "900_test")
    rows = [c.row for c in events.find(doc)]
    assert sorted(r["place_id"] for r in rows) == ["aktobe", "almaty", "atyrau"]
    assert {r["event_type"] for r in rows} == {"Protests"}
    assert {r["happening_id"] for r in rows} == {"protest_aktobe_0105", "protest_atyrau_0105", "protest_almaty_0105"}
    assert all(r["geo_precision"] == 1 and r["date_basis"] == "stated" and r["doc_id"] == "900_test" for r in rows)
    assert all(not r["event_id"] for r in rows)  # accept assigns ids


def test_find_places_national_decisions_in_the_country(fakes) -> None:
    doc = Doc("In Almaty, Tokayev accepted the government's resignation on Wednesday.", PUBLISHED)
    (c,) = events.find(doc)
    assert (c.row["event_kind"], c.row["place_id"], c.row["geo_precision"]) == ("government_resignation", "kz", 3)


def test_find_unplaced_local_event_falls_back_to_country_with_note(fakes) -> None:
    (c,) = events.find(Doc("Looting was reported overnight, police said.", PUBLISHED))
    assert c.row["place_id"] == "kz" and c.row["geo_precision"] == 3
    assert any("no place" in n for n in c.notes)


def test_find_region_is_geo_precision_3(fakes) -> None:
    (c,) = events.find(Doc("Protests broke out in Mangystau region.", PUBLISHED))
    assert (c.row["place_id"], c.row["geo_precision"]) == ("mangystau", 3)


def test_find_state_of_emergency_is_placed_in_the_country(fakes) -> None:
    """As the events table codes it: a national decision, the areas it names in a note."""
    (c,) = events.find(Doc("He introduced a state of emergency in Almaty and Mangystau region.", PUBLISHED))
    assert (c.row["place_id"], c.row["geo_precision"]) == ("kz", 3)
    assert any("Almaty" in n and "Mangystau" in n for n in c.notes)


def test_find_merges_repeated_mentions(fakes) -> None:
    text = "Protesters gathered in Almaty on Tuesday. The rally in Almaty grew to thousands."
    (c,) = events.find(Doc(text, PUBLISHED))
    assert c.start < 20 and any("also mentioned" in n for n in c.notes)


def test_find_background_year(fakes) -> None:
    """A happening of another year (the 2011 Zhanaozen shooting) is background, dated to its year."""
    doc = Doc("Zhanaozen is where police shot dead striking oil workers in 2011.", PUBLISHED)
    assert events.find(doc) == []  # left out by default: not a happening of this unrest
    rows = [c.row for c in events.find(doc, keep_background=True) if c.row["event_kind"] == "excessive_force"]
    assert rows and rows[0]["background"] is True
    assert (rows[0]["date_start"], rows[0]["date_end"], rows[0]["date_precision"]) == (
        "2011-01-01",
        "2011-12-31",
        "year",
    )
    assert rows[0]["happening_id"] == "excessive_force_zhanaozen_2011"


def test_find_since_year_is_not_background(fakes) -> None:
    """A year after 'since' dates an office, not the happening."""
    (c,) = events.find(Doc("Tokayev, president since 2019, declared a state of emergency in Almaty.", PUBLISHED))
    assert c.row["background"] is False and c.row["date_start"] == "2022-01-05"


def test_find_happening_hint_from_dataset(fakes) -> None:
    """Same kind, same place, overlapping dates: the existing happening; cited to the same text: duplicate_of."""
    frame = pd.DataFrame(
        [
            {
                "event_id": "ev013",
                "happening_id": "clashes_almaty_0105",
                "event_kind": "clash",
                "place_id": "almaty",
                "date_start": "2022-01-05",
                "date_end": "2022-01-05",
                "doc_id": "001_x",
            },
            {
                "event_id": "ev099",
                "happening_id": "clashes_almaty_0103",
                "event_kind": "clash",
                "place_id": "almaty",
                "date_start": "2022-01-03",
                "date_end": "2022-01-03",
                "doc_id": "001_x",
            },
        ]
    )
    dataset = SimpleNamespace(events=frame)
    (c,) = events.find(Doc("Clashes erupted in Almaty as police moved in.", PUBLISHED, "002_y"), dataset)
    assert c.row["happening_id"] == "clashes_almaty_0105" and "duplicate_of" not in c.row
    (c,) = events.find(Doc("Clashes erupted in Almaty as police moved in.", PUBLISHED, "001_x"), dataset)
    assert c.row["duplicate_of"] == "ev013"


def test_find_rows_have_only_events_columns(fakes) -> None:
    descriptor = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))
    columns = {f["name"] for r in descriptor["resources"] if r["name"] == "events" for f in r["schema"]["fields"]}
    text = " ".join(s for _, s, _ in PHRASES[:60])
    for c in events.find(Doc(text, PUBLISHED)):
        assert set(c.row) - {"duplicate_of"} <= columns
        assert c.row["description"] and "{" not in c.row["description"]
        assert 0 < c.confidence <= 1


# ---------------------------------------------------------------- find(): what is no new happening
LEFT_OUT = [
    "Police detained dozens of people in connection with the riots in Almaty.",  # reference
    "After violent clashes in Almaty, the military intervened.",  # reference
    "Tokayev blamed foreign-trained militants for the riots in Aktobe.",  # reference
    "No protests were held in Atyrau on Thursday, local media said.",  # negation before
    "Rallies in Atyrau did not take place, local media said.",  # negation after
    "The peacekeepers will leave within ten days, Tokayev said.",  # future
    "Activists threatened to storm the city administration in Aktobe.",  # threat
    "Opposition groups called for rallies in Almaty on Saturday.",  # a call
    "Don't respond to calls to storm official buildings, the president said.",  # an appeal
    "The mayor urged residents not to take to the streets.",  # an appeal
    "The counter-terrorist operation in Almaty was completed on Thursday.",  # its end, not its launch
    "The price of liquefied gas doubled at the start of the year.",  # the cause: background
    "Supporters of Nursultan Nazarbayev watched the news on television.",  # a man, not a place (and no event)
    "In the face of the unrest, the government promised to cap fuel prices.",  # reference
    "The EU is watching the protests in Kazakhstan closely.",  # the unrest as a whole
    "Some 40 officers were injured in the clashes, the ministry said.",  # a count; the clash is told elsewhere
    "Killings have continued since the unrest began, activists say.",  # the onset as a time mark
    "Officials denied that troops had fired on peaceful demonstrators.",  # a denial
    "The ministry rejected reports that police had opened fire on protesters in Almaty.",  # a denial
    "Protesters demanded the resignation of the government.",  # a demand
    "Police have detained 5,800 people during the counter-terrorist operation.",  # the operation named
]


@pytest.mark.parametrize("sentence", LEFT_OUT, ids=[s[:40] for s in LEFT_OUT])
def test_find_leaves_out_what_is_no_new_happening(fakes, sentence: str) -> None:
    assert [c.row["event_kind"] for c in events.find(Doc(sentence, PUBLISHED))] == []


def test_find_keeps_a_decision_about_the_future(fakes) -> None:
    """A decision to send troops is itself the happening, though its verb is a future ("would send")."""
    kinds = [c.row["event_kind"] for c in events.find(Doc("The CSTO said it would send peacekeepers.", PUBLISHED))]
    assert kinds == ["csto_decision"]


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("Rioters pulled down a statue of the former president in Aktobe.", ["statue_toppled"]),
        ("Troops retook the airport in Almaty after a firefight.", ["airport_retaken"]),
        ("Police opened fire on protesters in Almaty.", ["excessive_force"]),
        ("Gunmen seized five planes at the airport in Almaty.", ["aircraft_seizure"]),
        ("The airport in Almaty, seized by rioters on Wednesday, reopened.", ["airport_seizure"]),
    ],
)
def test_find_one_candidate_when_a_specific_rule_tells_it(fakes, sentence: str, kinds: list[str]) -> None:
    assert [c.row["event_kind"] for c in events.find(Doc(sentence, PUBLISHED))] == kinds


def test_find_region_locating_a_city_is_no_second_place(fakes) -> None:
    doc = Doc("Protests broke out in Zhanaozen, a town in the Mangystau region, on Sunday.", PUBLISHED)
    assert [c.row["place_id"] for c in events.find(doc)] == ["zhanaozen"]


def test_find_person_named_like_a_city_is_no_place(fakes) -> None:
    doc = Doc("Supporters of Nursultan Nazarbayev rallied in Almaty.", PUBLISHED)
    assert [c.row["place_id"] for c in events.find(doc)] == ["almaty"]


def test_find_foreign_happening_left_out(monkeypatch: pytest.MonkeyPatch, fakes) -> None:
    """Riots in another country (a place outside Kazakhstan) are no event of this unrest."""
    tehran = places.PlaceMention(17, 23, "Tehran", "tehran", "city", "Tehran", "IR")
    monkeypatch.setattr(places, "mentions", lambda doc, dataset=None: [tehran])
    monkeypatch.setattr(places, "location_for", lambda doc, pos, dataset=None: tehran)
    assert events.find(Doc("Fuel riots swept Tehran as prices rose.", PUBLISHED)) == []


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Protesters stormed the mayor's office in Almaty on Wednesday.", "almaty_city_administration"),
        ("The Almaty mayor’s office was set on fire.", "almaty_city_administration"),  # typographic apostrophe
        ("Crowds tried to storm police stations and the city administration in Almaty.", "almaty"),
        ("Protesters seized the airport in Almaty.", "almaty_airport"),
        ("Protesters rallied near the airport in Almaty.", "almaty"),  # a protest stays in the city
        ("Airlines cancelled flights to Almaty on Wednesday.", "almaty_airport"),
    ],
)
def test_find_site_of_the_city(fakes, sentence: str, place: str) -> None:
    assert [c.row["place_id"] for c in events.find(Doc(sentence, PUBLISHED))] == [place]


# ---------------------------------------------------------------- event_date (real date rules)
def _dated(text: str, published: date, kind: str) -> list[tuple[str, str, str]]:
    doc = Doc(text, published)
    return [
        (c.row["place_id"], c.row["date_start"], c.row["date_end"])
        for c in events.find(doc)
        if c.row["event_kind"] == kind
    ]


def test_event_date_after_reporting_verb() -> None:
    """'announced on Saturday that X had been detained two days earlier': Thursday, not the announcement."""
    text = (
        "The security service announced on Saturday that its former head, Karim Massimov, had been detained "
        "two days earlier."
    )
    assert _dated(text, date(2022, 1, 10), "arrest") == [("kz", "2022-01-06", "2022-01-06")]


def test_event_date_only_the_report_date() -> None:
    """'said on Wednesday that he had taken over': from the unrest's start up to Wednesday (basis announcement)."""
    doc = Doc("Tokayev said on Wednesday that he had taken over as head of the Security Council.", date(2022, 1, 7))
    (c,) = [c for c in events.find(doc) if c.row["event_kind"] == "power_transfer"]
    assert (c.row["date_start"], c.row["date_end"], c.row["date_basis"]) == ("2022-01-02", "2022-01-05", "announcement")


def test_event_date_of_each_place_clause() -> None:
    text = "The unrest began in Zhanaozen at the weekend and spread to Aktau earlier this week."
    got = sorted(_dated(text, date(2022, 1, 5), "protest"))
    assert got == [("aktau", "2022-01-03", "2022-01-04"), ("zhanaozen", "2022-01-01", "2022-01-02")]


def test_overnight_as_adjective_is_no_date() -> None:
    doc = Doc("He imposed an overnight curfew in the city.", date(2022, 1, 5))
    assert [r.rule for r in dates.dates_in(doc)] == []
    doc = Doc("Shops were looted overnight in the city.", date(2022, 1, 5))
    assert [r.rule for r in dates.dates_in(doc)] == ["dates.overnight"]


def test_find_keeps_clash_casualties_with_a_place(fakes) -> None:
    """'injured in clashes in Almaty' places the clash: it is kept."""
    doc = Doc("Some 40 officers were injured in clashes in Almaty, the ministry said.", PUBLISHED)
    assert [(c.row["event_kind"], c.row["place_id"]) for c in events.find(doc)] == [("clash", "almaty")]


def test_find_airport_of_the_city_named_before(fakes) -> None:
    """'the airport' with no city in its sentence: the airport of the city the text named last."""
    doc = Doc("Crowds gathered in Almaty on Wednesday. Later a crowd occupied the airport.", PUBLISHED)
    assert ("airport_seizure", "almaty_airport") in [(c.row["event_kind"], c.row["place_id"]) for c in events.find(doc)]


def test_event_date_not_the_end_of_a_measure() -> None:
    """'a state of emergency until January 19': the 19th ends it; the day comes from the paragraph before."""
    doc = Doc("Tokayev spoke on Wednesday. He declared a state of emergency until January 19.", date(2022, 1, 6))
    (c,) = events.find(doc)
    assert (c.row["date_start"], c.row["date_end"], c.row["date_basis"]) == ("2022-01-05", "2022-01-05", "context")


def test_event_date_a_day_after() -> None:
    """'landed on Thursday, a day after the president asked the bloc for help': the request was Wednesday."""
    doc = Doc("Russian troops landed on Thursday, a day after Tokayev asked the CSTO for help.", date(2022, 1, 6))
    got = {c.row["event_kind"]: (c.row["date_start"], c.row["date_end"]) for c in events.find(doc)}
    assert got["csto_request"] == ("2022-01-05", "2022-01-05")
    assert got["csto_deployment"] == ("2022-01-06", "2022-01-06")


def test_find_arrival_and_withdrawal_are_two_candidates(fakes) -> None:
    """Both coded csto_deployment, on overlapping days: an arrival and a withdrawal are still two happenings."""
    text = "CSTO troops arrived on Thursday. Russian-led troops have begun leaving the country."
    rules = sorted(c.rule for c in events.find(Doc(text, PUBLISHED)))
    assert rules == ["events.csto_deployment", "events.csto_withdrawal"]


def test_find_the_city_is_the_last_city_named(fakes) -> None:
    """'in the city' with no place in the sentence: the city the text named last."""
    text = "Protesters gathered in Almaty on Tuesday. The mayor's office in the city was later left in flames."
    rows = [(c.row["event_kind"], c.row["place_id"]) for c in events.find(Doc(text, PUBLISHED))]
    assert ("arson", "almaty_city_administration") in rows


def test_find_region_with_adjectives_locating_a_city(fakes) -> None:
    doc = Doc("Protests broke out in Zhanaozen in the oil-rich western Mangystau region.", PUBLISHED)
    assert [c.row["place_id"] for c in events.find(doc)] == ["zhanaozen"]


def test_event_date_narrative_day_from_an_earlier_paragraph() -> None:
    """No date in the sentence or its paragraph: the last day the text gave before it."""
    text = "Crowds stormed the akimat in Aktobe on Wednesday.\nThe government resigned, officials said."
    doc = Doc(text, date(2022, 1, 6))
    got = {c.row["event_kind"]: (c.row["date_start"], c.row["date_basis"]) for c in events.find(doc)}
    assert got["government_resignation"] == ("2022-01-05", "context")


def test_event_date_publication_range_when_the_text_gives_no_day() -> None:
    doc = Doc("The government resigned, officials said.", date(2022, 1, 6))
    (c,) = events.find(doc)
    assert (c.row["date_start"], c.row["date_end"], c.row["date_basis"]) == (
        "2022-01-02",
        "2022-01-06",
        "document_date",
    )


def test_mourning_declared_for_a_named_day() -> None:
    """'declared January 10 a day of mourning' (published the 8th): the declaration up to publication, and the day."""
    doc = Doc("Tokayev declared January 10 a day of national mourning.", date(2022, 1, 8))
    got = {c.row["event_kind"]: (c.row["date_start"], c.row["date_end"]) for c in events.find(doc)}
    assert got == {"mourning_declared": ("2022-01-02", "2022-01-08"), "mourning": ("2022-01-10", "2022-01-10")}


def test_passive_burning_of_cars() -> None:
    assert [h.kind for h in events.arson(Doc("Some 120 cars, including police vehicles, were burned.", PUBLISHED))] == [
        "arson"
    ]


def test_event_date_not_from_a_cause_clause() -> None:
    """'started in Zhanaozen after the price doubled on January 1': the 1st dates the price, not the unrest."""
    doc = Doc("The unrest started in Zhanaozen after the price of gas doubled on January 1.", date(2022, 1, 8))
    (c,) = [c for c in events.find(doc) if c.row["event_kind"] == "protest"]
    assert (c.row["date_start"], c.row["date_end"], c.row["date_basis"]) == (
        "2022-01-02",
        "2022-01-08",
        "document_date",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The protests began in the west of the country at the weekend.",
        "Clashes spread across western Kazakhstan on Wednesday.",
        "The turmoil started in the oil-producing west.",
        "The protests began in the west of the country and took Kazakhstan's rulers by surprise.",
    ],
)
def test_find_west_of_the_country_is_the_area(fakes, sentence: str) -> None:
    assert {c.row["place_id"] for c in events.find(Doc(sentence, PUBLISHED))} == {"kz_west"}


def test_find_west_area_not_when_a_city_is_named(fakes) -> None:
    doc = Doc("Protests broke out in Aktobe in the west of the country.", PUBLISHED)
    assert [c.row["place_id"] for c in events.find(doc)] == ["aktobe"]


def test_find_nearby_is_the_city_named_before(fakes) -> None:
    text = "Protesters gathered in Almaty on Thursday. Sporadic gunfire was heard nearby."
    rows = [(c.row["event_kind"], c.row["place_id"]) for c in events.find(Doc(text, PUBLISHED))]
    assert ("armed_clash", "almaty") in rows


def test_find_merges_one_airport_named_two_ways(fakes) -> None:
    """'Almaty airport remains closed ... flights to Almaty were suspended': one flight disruption."""
    text = "The airport in Almaty remains closed. Airlines said flights to Almaty were suspended."
    kinds = [c.row["event_kind"] for c in events.find(Doc(text, PUBLISHED))]
    assert kinds == ["flight_disruption"]


def test_find_protest_at_a_site_of_a_named_city_is_the_citys(fakes, monkeypatch: pytest.MonkeyPatch) -> None:
    """'protesters remained on Republic Square in Almaty': one protest, in Almaty."""
    text = "Several hundred protesters remained on Republic Square in Almaty on Thursday."
    square = places.PlaceMention(39, 53, "Republic Square", "republic_square", "site", "Republic Square", "KZ")
    almaty = places.PlaceMention(57, 63, "Almaty", "almaty", "city", "Almaty", "KZ")
    monkeypatch.setattr(places, "mentions", lambda doc, dataset=None: [square, almaty])
    monkeypatch.setattr(places, "location_for", lambda doc, pos, dataset=None: square)
    assert [c.row["place_id"] for c in events.find(Doc(text, PUBLISHED))] == ["almaty"]
