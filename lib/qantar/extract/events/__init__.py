"""Extraction rules for events: protests, riots, seizures, shootings, declarations, arrests and deployments.

Each rule is a small function ``rule(doc) -> list[Hit]`` with the phrases it handles in its docstring; a hit
names an ``event_kind`` (the project's vocabulary, events.event_kind in data/datapackage.json), and
:data:`KINDS` gives each kind its ACLED event and sub-event type and its default actors, following the codebook
rules the project quotes (docs/codebooks.md; actor names as the events table writes them, which the ACLED
export turns into ACLED's regime-dated forms).

:func:`find` turns hits into candidates. It leaves out what is no new happening of this unrest: a noun naming a
happening told elsewhere (:func:`is_reference`: "amid the protests", "injured in the clashes"), a denial
(:func:`is_negated`), a plan, threat, call or demand (:func:`is_future`; decisions are exempt), a finished
operation, a hit a more specific one in the same sentence tells (:func:`superseded`), a happening abroad or of
another year (background). It places each hit (:func:`_places_for`: each city of a protest sentence, not a region
named only to locate a city; the project's airport or building site for the kinds that act on one; "the city" as
the last city named; a country-wide decision such as a state of emergency in the country, as the events table
codes it) and dates it (:func:`event_date`: the place's clause, after a reporting verb, not a deadline or a
cause clause, "a day after ...", else the paragraph's or the story's last day, else the publication range). One
candidate per happening: mentions of one kind, place and description on overlapping days are merged. A
``happening_id`` hint points at an existing happening of the dataset.

Later texts (data 0.3.0): the end of a state of emergency (:func:`emergency_lifted`) and a court's verdict
(:func:`court_verdict`, dated by :func:`verdict_date`) have kinds of their own; an undated happening of the unrest does
not take a later sentence's date (:func:`borrowed_later_date`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from qantar.extract import dates, places
from qantar.extract.core import Candidate, Doc

if TYPE_CHECKING:  # pragma: no cover - typing only
    from qantar.dataset import Dataset

# ---------------------------------------------------------------- the actors, as the events table names them
PROTESTERS = "Protesters (Kazakhstan)"
RIOTERS = "Rioters (Kazakhstan)"
POLICE = "Police (Kazakhstan)"
MILITARY = "Military forces of Kazakhstan"
SECURITY = "Security forces of Kazakhstan"
GOVERNMENT = "Government of Kazakhstan"
UNIDENTIFIED = "Unidentified Armed Group (Kazakhstan)"
KNB = "National Security Committee of Kazakhstan"
CSTO = "CSTO"

STRATEGIC, OTHER, CHANGE = "Strategic developments", "Other", "Change to group/activity"
RIOT = ("Riots", "Violent demonstration")


@dataclass(frozen=True)
class Kind:
    """An event kind's ACLED coding, default actors and description template ({place} is filled in)."""

    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    description: str
    national: bool = False  # a country-wide decision: placed in the whole country, not at a city in the sentence
    background: bool = False  # the cause, not a happening of the unrest (the table codes the price rise so)


KINDS: dict[str, Kind] = {
    "protest": Kind("Protests", "Peaceful protest", PROTESTERS, "", "Protest in {place} reported"),
    "clash": Kind(*RIOT, RIOTERS, SECURITY, "Violent clashes between rioters and security forces in {place} reported"),
    "storming": Kind(*RIOT, RIOTERS, "", "Crowd stormed a building in {place}"),
    "arson": Kind(*RIOT, RIOTERS, "", "Buildings or vehicles set on fire in {place}"),
    "property_damage": Kind(*RIOT, RIOTERS, "", "Looting or damage to property in {place} reported"),
    "statue_toppled": Kind(*RIOT, RIOTERS, "", "Monument torn down in {place}"),
    "killing": Kind(*RIOT, RIOTERS, "", "Killing by rioters in {place} reported"),
    "airport_seizure": Kind(*RIOT, RIOTERS, "", "Airport in {place} seized"),
    "airport_retaken": Kind(
        "Battles", "Armed clash", SECURITY, UNIDENTIFIED, "Security forces retook the airport in {place}"
    ),
    "aircraft_seizure": Kind(
        STRATEGIC, "Looting/property destruction", UNIDENTIFIED, "", "Aircraft seized at the airport in {place}"
    ),
    "arms_seizure": Kind(STRATEGIC, "Looting/property destruction", UNIDENTIFIED, "", "Weapons seized in {place}"),
    "vehicle_seizure": Kind(STRATEGIC, "Looting/property destruction", RIOTERS, "", "Vehicles seized in {place}"),
    "excessive_force": Kind(
        "Protests",
        "Excessive force against protesters",
        SECURITY,
        PROTESTERS,
        "Security forces fired on crowds in {place}",
    ),
    "armed_clash": Kind("Battles", "Armed clash", SECURITY, UNIDENTIFIED, "Exchange of fire in {place} reported"),
    "explosion": Kind(STRATEGIC, OTHER, "", "", "Explosions heard in {place}"),
    "flight_disruption": Kind(STRATEGIC, OTHER, "", "", "Flights suspended or airport closed in {place}"),
    "internet_blackout": Kind(STRATEGIC, OTHER, "", "", "Internet access cut in {place}", national=True),
    "media_shutdown": Kind(
        STRATEGIC, OTHER, "", "", "Television or news sites taken off air in {place}", national=True
    ),
    "military_deployment": Kind(STRATEGIC, CHANGE, MILITARY, "", "Army deployed in {place}"),
    "special_operation": Kind(STRATEGIC, CHANGE, SECURITY, "", "Counter-terrorist operation in {place} announced"),
    # A national decision even when it names areas: the events table places every state of emergency in the
    # country and writes the areas into the description; the rule notes the areas named.
    "state_of_emergency": Kind(STRATEGIC, OTHER, GOVERNMENT, "", "State of emergency declared", national=True),
    "government_resignation": Kind(STRATEGIC, CHANGE, GOVERNMENT, "", "Government resigned", national=True),
    "appointment": Kind(STRATEGIC, CHANGE, GOVERNMENT, "", "Official appointed", national=True),
    "power_transfer": Kind(
        STRATEGIC, CHANGE, GOVERNMENT, "", "Official removed from or taking over a post", national=True
    ),
    "csto_request": Kind(STRATEGIC, OTHER, GOVERNMENT, CSTO, "Kazakhstan asked the CSTO for help", national=True),
    "csto_decision": Kind(STRATEGIC, CHANGE, CSTO, "", "CSTO decided to send troops to Kazakhstan", national=True),
    "csto_deployment": Kind(STRATEGIC, CHANGE, CSTO, "", "CSTO troops moving into Kazakhstan", national=True),
    "csto_withdrawal": Kind(STRATEGIC, CHANGE, CSTO, "", "CSTO troops leaving Kazakhstan", national=True),
    "shoot_to_kill_order": Kind(
        STRATEGIC, OTHER, GOVERNMENT, "", "Order to fire without warning issued", national=True
    ),
    "arrest": Kind(STRATEGIC, "Arrests", POLICE, "", "Named person detained", national=True),
    "mourning_declared": Kind(STRATEGIC, OTHER, GOVERNMENT, "", "Day of national mourning declared", national=True),
    "mourning": Kind(STRATEGIC, OTHER, GOVERNMENT, "", "Day of national mourning held", national=True),
    "price_rise": Kind(STRATEGIC, OTHER, "", "", "Fuel price rise", national=True, background=True),
    # data 0.3.0: the end of a state of emergency and a court's verdict on the unrest (ACLED: Strategic developments
    # / Other); a verdict is placed at the court's city when the sentence names one, else in the country.
    "emergency_lifted": Kind(STRATEGIC, OTHER, GOVERNMENT, "", "State of emergency lifted", national=True),
    "court_verdict": Kind(STRATEGIC, OTHER, GOVERNMENT, "", "Court verdict in {place}"),
}

# Cues that make a crowd's action violent (then the protest rule leaves the sentence to the riot rules).
VIOLENT = re.compile(
    r"\b(riot\w*|violen\w*|storm\w*|torch\w*|set (?:on )?fire|set ablaze|ablaze|burn\w*|loot\w*|clash\w*|"
    r"attack\w*|ransack\w*|vandali\w*|smash\w*|seiz\w*|overr[au]n|occupied|captured|took (?:over|control)|"
    r"forc\w+ (?:its|their|his|her) way|broke into|opened fire|fired (?:on|at|into)|shot|confrontations?)\b",
    re.IGNORECASE,
)
# Police action that breaks up a protest without shooting into it (ACLED: Protest with intervention).
INTERVENTION = re.compile(
    r"\b(tear ?gas|stun grenades?|flash-?bangs?|water cannons?|rubber bullets|dispers\w*|broke up|break up|"
    r"detain\w*|arrest\w*|batons?|cordon\w*)\b",
    re.IGNORECASE,
)
# Someone speaking TO or ABOUT protesters: a reaction, not a protest ("urged protesters to go home").
ADDRESSED = re.compile(
    r"\b(urg\w*|call\w* on|appeal\w* to|ask\w*|told|warn\w*|support\w*|back\w*|condemn\w*|demand\w*)\s+"
    r"(?:\w+\s+){0,3}(protesters|demonstrators|protests?|rall(?:y|ies))\b",
    re.IGNORECASE,
)
# A year before the unrest near the trigger marks a background happening ("the 2011 Zhanaozen massacre").
EARLIER_YEAR = re.compile(r"(?<!since )(?<!Since )\b(19[5-9]\d|20[01]\d|202[01])\b")
YEAR_WINDOW = 80  # characters either side of the trigger in which a year counts


@dataclass
class Hit:
    """What a rule found: its span, the event kind, how sure it is, and any coding that differs from the kind's."""

    start: int
    end: int
    kind: str
    confidence: float
    rule: str
    overrides: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    each_place: bool = False  # one event per location named in the sentence ("protests in Aktobe and Atyrau")


def _scan(doc: Doc, pattern: re.Pattern[str]) -> Iterator[tuple[re.Match[str], str, int]]:
    """Every match of ``pattern`` with its sentence's text and start offset."""
    for a, b in doc.sentences:
        sentence = doc.text[a:b]
        for m in pattern.finditer(sentence):
            yield m, sentence, a


def _simple(doc: Doc, pattern: re.Pattern[str], kind: str, confidence: float, rule: str, **kw: Any) -> list[Hit]:
    """A hit per match of ``pattern`` (offsets into the text), coded as ``kind``."""
    return [Hit(a + m.start(), a + m.end(), kind, confidence, rule, **kw) for m, _, a in _scan(doc, pattern)]


# ---------------------------------------------------------------- the rules
PROTEST_NOUN = r"(?:protests?|demonstrations?|rall(?:y|ies)|strikes?|sit-ins?|unrest|turmoil|marches)"
PROTEST = re.compile(
    # a crowd acting: the verb says something took place
    r"\b((?:took|take|takes|taking) to the streets|(?:went|were|are|remained|go|goes) on strike|marched|rallied|"
    r"demonstrated|picketed|"
    r"staged (?:a |an )?(?:\w+ )?(?:protests?|rall(?:y|ies)|demonstrations?|sit-ins?|marches|strikes?)|"
    r"held (?:a |an )?(?:\w+ )?(?:protests?|rall(?:y|ies)|demonstrations?)|"
    r"gathered (?:in|on|outside|at|near) (?:the )?\w+|crowds? (?:of|gathered|filled|massed)|"
    r"(?:protesters|demonstrators|strikers|crowds|people|residents|hundreds|thousands) (?:\w+ ){0,4}?"
    r"(?:(?:remain(?:ed|ing)?|stay(?:ed|ing)?) (?:on|in|at|outside)|"
    r"gather(?:ed|ing)?|rall(?:ied|y|ying)|mass(?:ed|ing)?|converg(?:e|ed|ing)|chant(?:ed|ing)?|block(?:ed|ing)?|"
    r"fill(?:ed|ing)?|camp(?:ed|ing)?|march(?:ed|ing)?|assembl(?:e|ed|ing)|protest(?:ed|ing)|demonstrat(?:ed|ing)))\b"
    # the protest as the subject of a verb of happening ("protests broke out", "the unrest, which began")
    # (the historic present of timelines too: "protests erupt", "unrest spreads to")
    rf"|\b({PROTEST_NOUN}(?:[\w,]*\s+){{0,3}}?(?:broke out|breaks? out|erupt(?:ed|s)?|began|begins?|start(?:ed|s)?|"
    r"spread(?:s)?|continu(?:ed|es?)|took place|takes? place|were held|was held|(?:are|is) held|engulf(?:ed|s)?|"
    r"swe(?:pt|eps?)|flare[ds]?|resum(?:ed|es?)|gr(?:ew|ows?)|escalat(?:ed|es?)|persist(?:ed|s)?|went on|go(?:es)? on|"
    r"rag(?:ed|es?)|reach(?:ed|es)?|hit|hits))\b"
    # a place or the streets filling with protest ("the streets erupted with protests", "the city saw rallies")
    rf"|\b((?:erupted|exploded|swelled|filled) (?:in|with) (?:\w+ )?{PROTEST_NOUN}|(?:saw|witnessed) (?:\w+ )?"
    r"(?:protests|demonstrations|rallies))\b"
    # the unrest spreading ("they spread to", "spread north and east") and police acting against a crowd
    r"|\b(spread (?:to|across|through|into|north|south|east|west)|"
    r"(?:tear ?gas|stun grenades|flash-?bangs|water cannons?|rubber bullets|batons)\b[^.]{0,30}\b(?:against|at|on|to "
    r"disperse) (?:\w+ ){0,3}(?:protesters|demonstrators|crowds?|rall(?:y|ies)|marchers))\b"
    # a protest with a named place right after it ("a rally in Shymkent")
    rf"|\b({PROTEST_NOUN} (?:in|across|at|outside|near) (?:the )?(?=(?-i:[A-Z])))",
    re.IGNORECASE,
)


def protest(doc: Doc) -> list[Hit]:
    """Peaceful protest, or protest with intervention when police break it up.

    Phrases: a crowd acting: "took to the streets", "workers went on strike", "hundreds marched", "demonstrators
    rallied", "staged a protest", "held a rally", "protesters gathered", "crowds gathered in the square"; a
    protest as the subject of a verb of happening: "protests broke out in", "demonstrations had spread to",
    "the unrest, which began", "rallies continued"; a protest with a named place: "a rally in Shymkent". With
    "tear gas", "stun grenades", "dispersed" in the sentence: Protest with intervention (actor2 police).
    Not events: the word alone ("amid the protests", "thousands of protesters detained", "to quell protests");
    a sentence with violent cues (stormed, set fire, clashes) is left to the riot rules; protesters as the
    addressee of an appeal ("urged protesters to go home") are a reaction.
    """
    hits: list[Hit] = []
    for a, b in doc.sentences:
        sentence = doc.text[a:b]
        m = PROTEST.search(sentence)
        if not m or VIOLENT.search(sentence) or ADDRESSED.search(sentence):
            continue
        overrides: dict[str, Any] = {}
        if INTERVENTION.search(sentence):
            overrides = {"sub_event_type": "Protest with intervention", "actor2": POLICE}
        hits.append(Hit(a + m.start(), a + m.end(), "protest", 0.6, "events.protest", overrides, each_place=True))
    return hits


CLASH = re.compile(
    r"\b(clash(?:es|ed)?(?! of)|riot(?:s|ers|ing)?|unrest turned violent|turned violent|violent confrontations?|"
    r"confrontations (?:with|between|have|had|spread|broke|erupted|continued)|"
    r"violent (?:protests|demonstrations|unrest)|"
    r"street (?:battles|fighting)|mass disorder)\b",
    re.IGNORECASE,
)


def riot_clash(doc: Doc) -> list[Hit]:
    """Rioters clashing with security forces (ACLED Riots / Violent demonstration).

    Phrases: "clashes erupted", "protesters clashed with police", "rioters", "riots in", "the protests turned
    violent", "street battles", "mass disorder". Appeals about riots ("called for an end to the riots") are
    left to the reactions.
    """
    hits = []
    for m, sentence, a in _scan(doc, CLASH):
        if ADDRESSED.search(sentence) and not re.search(r"\bclash", m.group(), re.IGNORECASE):
            continue
        hits.append(Hit(a + m.start(), a + m.end(), "clash", 0.55, "events.riot_clash", each_place=True))
    return hits


STORMING = re.compile(
    r"\b(storm(?:ed|ing|s)?|broke into|break into|breaks into|forc\w* (?:its|their|his|her|a) way into|"
    r"forcibly entered|overran|raided|attacked|seized|took over|occupied|captured)\b(?=[^.]{0,60}?\b("
    r"building|offices?|headquarters|akimat|administration|residence|city hall|mayor'?s? office|police station|"
    r"prosecutor|premises|station|department|barracks|television|tv)s?\b)",
    re.IGNORECASE,
)


def storming(doc: Doc) -> list[Hit]:
    """A crowd storming or breaking into official buildings (Riots / Violent demonstration).

    Phrases: "stormed the mayor's office", "broke into the city administration building", "attacked police
    stations", "forced their way into the akimat", "raided the state TV building", "tried to
    storm government buildings", "forcibly entered government buildings", "seized the security service
    building", "occupied the regional administration", "protesters gather, storming the headquarters". An
    airport is the airport rule's; "seized weapons from a police station" the arms rule's.
    """
    out = []
    for h in _simple(doc, STORMING, "storming", 0.6, "events.storming"):
        verb = doc.text[h.start : h.end].lower()
        if _near_airport(doc, h):
            continue
        if verb in ("seized", "took over", "occupied", "captured"):
            # "seized weapons from a police station": the arms, not the building
            tail = doc.text[h.end : h.end + 40]
            if ARMS.search(verb + tail[:40]) or VEHICLES.search(verb + tail) or AIRCRAFT.search(verb + tail):
                continue
        out.append(h)
    return out


ARSON = re.compile(
    r"\b((?:set|setting|sets) (?:[\w'’]+ ){0,5}(?:on )?fire|(?:set|setting|sets) (?:[\w'’]+ ){0,5}(?:ablaze|alight)|"
    r"torched|burn(?:ed|t|ing) (?:down )?(?:\w+ ){0,3}"
    r"(?:cars?|vehicles?|buses|buildings?|offices?|akimat|residence|headquarters|police)|"
    r"(?:was|were|is|are) (?:on fire|ablaze|burning)|(?:left|was|were|are|is) in flames|(?:went|go|goes) up in flames|"
    r"(?:were|was|had been|have been) (?:burn(?:ed|t)(?: down| out)?|torched|gutted by fire)|"
    r"burst into flames|"
    r"engulfed in flames|arson)\b",
    re.IGNORECASE,
)


def arson(doc: Doc) -> list[Hit]:
    """Buildings or vehicles set on fire by crowds (Riots / Violent demonstration).

    Phrases: "set the city hall on fire", "set police cars ablaze", "torched the building", "burned police
    vehicles", "the akimat was on fire", "engulfed in flames", "arson".
    """
    return _simple(doc, ARSON, "arson", 0.6, "events.arson")


LOOTING = re.compile(
    r"\b(loot(?:ed|ing|ers)?|ransacked|vandali[sz]ed|smashed (?:the )?(?:windows|shops|cars|shop windows))\b",
    re.IGNORECASE,
)


def looting(doc: Doc) -> list[Hit]:
    """Looting and destruction of property by crowds (Riots / Violent demonstration; kind property_damage).

    Phrases: "shops were looted", "looting was reported", "looters", "ransacked banks", "vandalised", "smashed
    shop windows". Weapons taken from gun shops are the arms rule's.
    """
    return [
        h
        for h in _simple(doc, LOOTING, "property_damage", 0.5, "events.looting")
        if not _near_weapons(doc, h) and not is_label(doc, h)
    ]


LABEL_BEFORE = re.compile(
    r"\b(?:call(?:ed|ing|s)?|brand(?:ed|ing|s)?|label(?:l?ed|l?ing|s)?|dubb?(?:ed|ing|s)?|term(?:ed|ing|s)?|"
    r"describ(?:ed|ing|es)\s+(?:\w+\s+){0,4}?as|refer(?:red|ring|s)?\s+to\s+(?:\w+\s+){0,4}?as)\s+"
    r"(?:\w+\s+){0,4}?(?:as\s+)?(?:[\"“‘']\s*)?$",
    re.IGNORECASE,
)


def is_label(doc: Doc, h: Hit) -> bool:
    """Whether the hit's word is what someone calls people, not a happening: "calling those detained looters",
    "branded the protesters 'looters'", "described the crowds as looters and bandits"."""
    a, _ = doc.sentence_of(h.start)
    return bool(LABEL_BEFORE.search(doc.text[max(a, h.start - 60) : h.start]))


STATUE = re.compile(
    r"\b(toppl\w+|tore down|torn down|pulled down|tearing down|brought down|dismantled|demolish\w*|destroy\w*|"
    r"smashed|knocked down)\b[^.]{0,50}"
    r"\b(statue|monument|bust)\b"
    r"|\b(statue|monument|bust)\b[^.]{0,60}\b(toppled|torn down|pulled down|brought down)\b",
    re.IGNORECASE,
)


def statue_toppled(doc: Doc) -> list[Hit]:
    """A monument (Nazarbayev's) torn down (Riots / Violent demonstration).

    Phrases: "toppled a statue of Nazarbayev", "tore down a monument", "a statue of the former president was
    pulled down".
    """
    return _simple(doc, STATUE, "statue_toppled", 0.75, "events.statue_toppled")


AIRPORT = re.compile(r"\bairports?\b", re.IGNORECASE)
AIRPORT_SEIZED = re.compile(
    r"\b(seiz\w+|took (?:over|control of)|taken over|captured|occupied|stormed|overran|raid\w*|in the hands of)\b"
    r"[^.]{0,60}"
    r"\bairports?\b|\bairports?\b[^.]{0,60}\b(was|were|had been) (?:\w+ )?"
    r"(seized|taken over|captured|occupied|stormed)"
    r"|\bairports?\b[^.]{0,30}?,? (?:\w+ )?(seized|captured|stormed|overrun|taken over|occupied) by\b",
    re.IGNORECASE,
)
AIRPORT_RETAKEN = re.compile(
    r"\b(retook|retaken|regained control|back under (?:government |the )?control|liberated|cleared|recaptured|"
    r"took back|freed)\b[^.]{0,60}\b(?:airports?|terminal)\b"
    r"|\bairports?\b[^.]{0,80}\b(retook|retaken|recaptured|liberated|freed|"
    r"back under (?:\w+ )?control|cleared|regained)\b",
    re.IGNORECASE,
)


def airport_seizure(doc: Doc) -> list[Hit]:
    """The airport seized by a crowd or armed men (Riots / Violent demonstration, as the events table codes it).

    Phrases: "protesters seized the airport", "took control of Almaty airport", "the airport was captured",
    "stormed the airport". A retaking told in the same sentence is also found, by the retaken rule.
    """
    return _simple(doc, AIRPORT_SEIZED, "airport_seizure", 0.7, "events.airport_seizure")


def airport_retaken(doc: Doc) -> list[Hit]:
    """Security forces retaking the airport (Battles / Armed clash, as the events table codes it).

    Phrases: "troops retook the airport", "regained control of the airport", "the airport was back under
    government control", "the airport had been liberated", "cleared the airport".
    """
    return _simple(doc, AIRPORT_RETAKEN, "airport_retaken", 0.65, "events.airport_retaken")


ARMS = re.compile(
    r"\b(seiz\w+|stole|stolen|looted|took|taken|raided|broke into|captured|grabbed|ransacked)\b[^.]{0,60}\b"
    r"(weapons?|arms|firearms|guns?(?: shops?| stores?)?|ammunition|armou?ry|armou?ries|rifles)\b"
    r"|\b(weapons|firearms|guns|arms|ammunition)\b[^.]{0,40}\b(were|had been) (seized|stolen|looted|taken)\b",
    re.IGNORECASE,
)


def arms_seizure(doc: Doc) -> list[Hit]:
    """Weapons seized from gun shops, armouries or police (Strategic developments / Looting/property destruction).

    Phrases: "seized weapons", "looted gun shops", "stole firearms from", "broke into an armoury", "weapons
    were stolen". Actor1 Unidentified Armed Group, as ACLED names unnamed armed men.
    """
    return _simple(doc, ARMS, "arms_seizure", 0.6, "events.arms_seizure")


VEHICLES = re.compile(
    r"\b(seiz\w+|hijack\w+|commandeer\w+|took|captured|stole)\b[^.]{0,40}\b(police cars?|vehicles|armou?red "
    r"(?:vehicles|cars|personnel carriers)|trucks|buses|military vehicles)\b"
    r"|\b(?:police cars?|vehicles|armou?red (?:vehicles|cars|personnel carriers)|trucks|buses)\b[^.,]{0,20}?"
    r"\b(?:were |was |had been )?(seized|hijacked|commandeered|captured|stolen)\b",
    re.IGNORECASE,
)


AIRCRAFT = re.compile(
    r"\b(seiz\w+|hijack\w+|captured|took|taken)\b[^.]{0,40}\b(planes|aircraft|airplanes|airliners|jets|helicopters)\b",
    re.IGNORECASE,
)


def aircraft_seizure(doc: Doc) -> list[Hit]:
    """Aircraft seized at an airport (Strategic developments / Looting/property destruction).

    Phrases: "seized five planes at the airport", "hijacked aircraft", "captured helicopters".
    """
    return _simple(doc, AIRCRAFT, "aircraft_seizure", 0.6, "events.aircraft_seizure")


def vehicle_seizure(doc: Doc) -> list[Hit]:
    """Vehicles seized by rioters (Strategic developments / Looting/property destruction).

    Phrases: "seized police cars", "hijacked armoured vehicles", "commandeered buses", "security vehicles seized
    by the crowd", "trucks were hijacked".
    """
    return _simple(doc, VEHICLES, "vehicle_seizure", 0.5, "events.vehicle_seizure")


FIRING = re.compile(
    r"\b(opened fire|open fire|fired (?:live (?:rounds|ammunition) )?(?:on|at|into)|shot (?:dead|at)|shooting at|"
    r"gunned down|fired live (?:rounds|ammunition)|used live (?:ammunition|rounds|fire)|shot and killed|"
    r"(?:began to use|started using|used|using) (?:firearms|live weapons|combat weapons))\b",
    re.IGNORECASE,
)
CROWD = re.compile(r"\b(protesters|demonstrators|crowds?|rally|people|civilians|workers|strikers|residents)\b", re.I)
ARMED_OTHER = re.compile(r"\b(gunmen|armed (?:men|groups?|people)|militants|terrorists|bandits|attackers)\b", re.I)


def excessive_force(doc: Doc) -> list[Hit]:
    """Security forces firing on crowds (Protests / Excessive force against protesters).

    Phrases: "police opened fire on protesters", "troops fired into the crowd", "shot dead demonstrators",
    "fired live rounds at", "gunned down striking workers". Firing at armed men ("gunmen", "militants") is
    the armed-clash rule's; an order to shoot is the shoot-to-kill rule's.
    """
    hits = []
    for m, sentence, a in _scan(doc, FIRING):
        if re.search(r"\border\w*|without warning|shoot to kill", sentence, re.IGNORECASE):
            continue
        if ARMED_OTHER.search(sentence) and not CROWD.search(sentence[m.end() : m.end() + 40]):
            continue
        conf = 0.6 if CROWD.search(sentence) else 0.4
        notes = [] if CROWD.search(sentence) else ["firing reported without saying at whom: check the target"]
        hits.append(Hit(a + m.start(), a + m.end(), "excessive_force", conf, "events.excessive_force", notes=notes))
    return hits


GUNFIGHT = re.compile(
    r"\b(gun ?fire|gunfight|gun ?shots|gun battles?|firefights?|exchange(?:d)? (?:of )?fire|shoot-?outs?|"
    r"shooting (?:could be|was) heard|shots were (?:fired|heard)|"
    r"sounds? of (?:shooting|automatic (?:gun|weapons) fire)|automatic (?:gun|weapons) fire)\b",
    re.IGNORECASE,
)


ARMED_ATTACK = re.compile(
    r"\b(?:gunmen|armed (?:men|groups?|people)|militants|terrorists|bandits)\b[^.]{0,30}?\b(?:attacked|ambushed|"
    r"fired on|opened fire on|shot at)\b[^.]{0,20}?\b(?:police|security forces|troops|soldiers|officers|servicemen|"
    r"national guard)\b",
    re.IGNORECASE,
)


def armed_clash(doc: Doc) -> list[Hit]:
    """Fighting between security forces and armed men (Battles / Armed clash).

    Phrases: "gunfire was heard", "gun battles", "a firefight", "exchanged fire with", "shootouts", "armed men
    attacked police", "gunmen opened fire on troops",
    "the sound of automatic gunfire", "police fired on gunmen" (see excessive_force).
    """
    hits = _simple(doc, GUNFIGHT, "armed_clash", 0.5, "events.armed_clash")
    hits += _simple(doc, ARMED_ATTACK, "armed_clash", 0.5, "events.armed_clash")
    for m, sentence, a in _scan(doc, FIRING):
        if ARMED_OTHER.search(sentence) and not CROWD.search(sentence[m.end() : m.end() + 40]):
            hits.append(Hit(a + m.start(), a + m.end(), "armed_clash", 0.5, "events.armed_clash"))
    return hits


# "blast" only as a noun ("a blast", "blasts were heard"), not the headline verb ("Tokayev blasts terrorists")
EXPLOSION = re.compile(
    r"\b(explosions?|detonat\w+|(?:a|the|two|three|several|many|powerful|loud|large) blasts?|"
    r"blasts? (?:was|were|rocked|shook|hit|could|echoed))\b(?! of (?:anger|protest))",
    re.IGNORECASE,
)


def explosion(doc: Doc) -> list[Hit]:
    """Explosions heard or reported (Strategic developments / Other, as the events table codes them).

    Phrases: "explosions were heard", "a blast rocked", "several explosions".
    """
    return _simple(doc, EXPLOSION, "explosion", 0.5, "events.explosion")


EMERGENCY = re.compile(
    r"\b(state of emergency|emergency rule|curfew|martial law|state of (?:siege|emergency))\b",
    re.IGNORECASE,
)
DECLARED = re.compile(
    r"\b(declar\w+|impos\w+|introduc\w+|announc\w+|extend\w+|expand\w+|enforc\w+|in (?:force|effect|place)|"
    r"lift\w*|put under|placed under|under (?:a |the )?(?:state of emergency|curfew))\b",
    re.IGNORECASE,
)


def state_of_emergency(doc: Doc) -> list[Hit]:
    """A state of emergency or curfew declared, extended or in force (Strategic developments / Other).

    Phrases: "declared a state of emergency in", "imposed a curfew", "introduced a state of emergency",
    "extended the state of emergency to the whole country", "a curfew is in force", "under a state of
    emergency". A curfew is coded as part of the state of emergency (no kind of its own), with a note. Not: an
    emergency lifted or ended (:func:`emergency_lifted`).
    """
    hits = []
    for m, sentence, a in _scan(doc, EMERGENCY):
        if not DECLARED.search(sentence) or LIFTED.search(sentence):
            continue
        notes = ["curfew: coded under state_of_emergency"] if "curfew" in m.group().lower() else []
        if re.search(r"\blift\w*", sentence, re.IGNORECASE):
            notes.append("the text speaks of lifting it: check whether this is the declaration")
        conf = 0.75 if not notes else 0.6
        hits.append(
            Hit(a + m.start(), a + m.end(), "state_of_emergency", conf, "events.state_of_emergency", notes=notes)
        )
    return hits


LIFTED = re.compile(
    r"\b(?:state(?:s)? of emergency|emergency rule|curfews?)\b[^.;]{0,60}?\b(?:(?:was|were|has been|have been|had been|"
    r"is|are|being)\s+)?(?:lifted|ended|ends|lifts|over|scrapped|revoked|cancell?ed|expired|rescinded|called off|"
    r"no longer in (?:force|effect))\b"
    r"|\b(?:lift\w*|end\w*|scrap\w*|revok\w*|cancel\w*|rescind\w*)\s+(?:the\s+|a\s+|all\s+)?"
    r"(?:(?:remaining|nationwide|regional)\s+)?(?:state(?:s)? of emergency|emergency rule|curfews?)\b",
    re.IGNORECASE,
)


def emergency_lifted(doc: Doc) -> list[Hit]:
    """A state of emergency lifted or ended (Strategic developments / Other; kind emergency_lifted, data 0.3.0).

    Phrases: "the state of emergency was lifted in three regions", "Kazakhstan ended states of emergency across the
    country", "lifted the curfew in Almaty", "the emergency rule has been scrapped", "the state of emergency
    ended on Wednesday", "revoked the state of emergency". Not the declaration (:func:`state_of_emergency`).
    """
    hits = []
    for m, _sentence, a in _scan(doc, LIFTED):
        notes = ["curfew: coded under emergency_lifted"] if "curfew" in m.group().lower() else []
        hits.append(Hit(a + m.start(), a + m.end(), "emergency_lifted", 0.7, "events.emergency_lifted", notes=notes))
    return hits


VERDICT = re.compile(
    r"\b(?:sentenc(?:ed|es|ing)\s+(?:(?!to\b)[\w’'.,-]+\s+){1,12}?to\s+(?:\w+\s+){0,2}(?:years?|months?|life)\b"
    r"|(?:convicted|acquitted)\b|(?:found|was found|were found|been found)\s+(?:not\s+)?guilty\b"
    r"|(?:gets?|got|given|handed|received?)\s+(?:an?\s+)?(?:\d+|[a-z]+)-year\s+(?:prison\s+|jail\s+)?(?:sentence|term)"
    r"|\b(?:verdict|ruling)\s+(?:against|in the case of|on)\b"
    r"|was\s+sentenced\s+to\b|were\s+sentenced\s+to\b)",
    re.IGNORECASE,
)
# A verdict that may come, or "convicted" as an adjective: no verdict happened.
NO_VERDICT = re.compile(
    r"\b(?:could|would|may|might|will|can|shall)\s+(?:\w+\s+)?be\s+(?:sentenced|convicted|found)\b|\bif\s+(?:convicted|"
    r"found\s+guilty)\b|\bfac(?:es|ed|ing|e)\s+up\s+to\b|\bthose\s+(?:found\s+guilty|convicted)\b|\basked\s+the\s+court\s+to\b",
    re.IGNORECASE,
)
CONVICTED_ADJ = re.compile(r"convicted\s+(?:criminals?|felons?|prisoners?|murderers?|offenders?)\b", re.IGNORECASE)


def court_verdict(doc: Doc) -> list[Hit]:
    """A court's verdict in a case of the unrest (Strategic developments / Other; kind court_verdict, data 0.3.0).

    Phrases: "a court sentenced the former security chief to 18 years in prison", "a military court convicted an
    army officer", "were found guilty of abuse of power", "the ex-minister got a 12-year sentence", "three men were
    sentenced to five years". One hit per sentence; dated by "ruled on May 3" or "On October 10, a court ..." when
    the sentence gives it (:func:`event_date`), else by :func:`verdict_date`. Not a verdict that may come ("could be
    sentenced to", "if convicted", "faces up to", "those found guilty") nor "convicted criminals".
    """
    hits = []
    seen: set[tuple[int, int]] = set()
    for m, sentence, a in _scan(doc, VERDICT):
        sent = doc.sentence_of(a + m.start())
        if sent in seen or NO_VERDICT.search(sentence) or CONVICTED_ADJ.match(sentence, m.start()):
            continue
        seen.add(sent)
        hits.append(Hit(a + m.start(), a + m.end(), "court_verdict", 0.65, "events.court_verdict"))
    return hits


MOURNING = re.compile(
    r"\b(declar\w+|announc\w+|proclaim\w+|ordered)\b[^.]{0,60}\b(day of (?:national )?mourning|national mourning|"
    r"mourning day)\b|\b(day of (?:national )?mourning|national day of mourning)\b[^.]{0,40}\b(declared|announced)\b",
    re.IGNORECASE,
)


def mourning_declared(doc: Doc) -> list[Hit]:
    """A day of national mourning declared (Strategic developments / Other).

    Phrases: "declared January 10 a day of national mourning", "announced a national day of mourning". With the
    day named in the phrase, the day of mourning itself too (kind mourning, dated that day), as the table codes it.
    """
    hits = _simple(doc, MOURNING, "mourning_declared", 0.75, "events.mourning_declared")
    for h in list(hits):
        if any(h.start <= r.start and r.end <= h.end for r in dates.dates_in(doc, h.start, h.end)):
            hits.append(Hit(h.start, h.end, "mourning", 0.6, "events.mourning_declared", notes=["the day declared"]))
    return hits


MOURNING_HELD = re.compile(
    r"\b(?:held|observed|marked|observing|marking|holding)\b[^.]{0,30}\b(?:a |the )?(?:day of (?:national )?mourning|"
    r"national (?:day of )?mourning)\b|\b(?:flags?|flag)\b[^.]{0,30}\b(?:at half-mast|lowered)\b",
    re.IGNORECASE,
)


def mourning_held(doc: Doc) -> list[Hit]:
    """The day of national mourning itself (Strategic developments / Other; kind mourning).

    Phrases: "the country held a day of national mourning", "Kazakhstan observed a national day of mourning",
    "flags flew at half-mast", "flags were lowered". Its declaration is mourning_declared's.
    """
    return _simple(doc, MOURNING_HELD, "mourning", 0.65, "events.mourning_held")


GOV_RESIGNED = re.compile(
    r"\b(government|cabinet)\b[^.]{0,40}\b(resign\w*|stepped down|step down|was dismissed|dissolved)\b"
    r"|\b(accept\w*|sack\w*|dismiss\w*|dissolv\w*|fired)\b[^.]{0,30}\b(government|cabinet)('s)?\b(?! building)"
    r"|\bresignation of the (?:government|cabinet)\b",
    re.IGNORECASE,
)


def government_resignation(doc: Doc) -> list[Hit]:
    """The government's resignation or dismissal (Strategic developments / Change to group/activity).

    Phrases: "the government resigned", "accepted the government's resignation", "the cabinet stepped down",
    "Tokayev sacked the government", "dismissed the cabinet", "the resignation of the government".
    """
    return _simple(doc, GOV_RESIGNED, "government_resignation", 0.75, "events.government_resignation")


PERSON = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}"
POST = r"(?:prime minister|premier|chairman|chair|head|minister|mayor|akim|secretary|governor|commander|director)"
APPOINTED = re.compile(
    rf"\b(appoint\w*|nominated|installed)\b[^.]{{0,60}}\b({POST})\b"
    # "named" only with the appointee or "as" before the post ("a square named after" is no appointment)
    rf"|\b(named (?:(?-i:[A-Z])[\w-]+ ){{1,3}}(?:as )?(?:the )?(?:new |acting |interim )?(?:[\w-]+ ){{0,2}}{POST}|"
    rf"(?:was|were|has been|had been) named (?:as )?(?:the )?(?:new |acting |interim )?(?:[\w-]+ ){{0,2}}{POST}|"
    rf"named (?:a |the )?(?:new |acting |interim )(?:[\w-]+ ){{0,2}}{POST}|"
    # parliament approving the appointee ("approved Alikhan Smailov as prime minister")
    rf"(?:approved|confirmed|endorsed|elected) (?:(?-i:[A-Z])[\w-]+ ){{1,3}}as (?:the )?(?:new |acting )?"
    rf"(?:[\w-]+ ){{0,2}}{POST})\b"
    r"|\b((?:as|became|become|becomes|was made|to be|new) (?:the )?(?:acting|interim) (?:prime minister|premier|head|"
    r"chairman))\b",
    re.IGNORECASE,
)


def appointment(doc: Doc) -> list[Hit]:
    """An official appointed (Strategic developments / Change to group/activity).

    Phrases: "appointed Alikhan Smailov acting prime minister", "was named prime minister", "nominated X as",
    "named Alikhan Smailov as acting prime minister", "became acting prime minister", "named a new head of the
    security service", "parliament approved Alikhan Smailov as prime minister". Not: "Acting Prime Minister X
    said" (a title in passing), "a square named after", "named the head of the police as a suspect".
    """
    return _simple(doc, APPOINTED, "appointment", 0.6, "events.appointment")


REMOVED = re.compile(
    # the post after "from/as/of" ("removed him from his post", "dismissed X as head of the KNB")
    r"\b(dismiss\w*|sack\w*|fired|removed|ousted|relieved)\b(?:(?!cabinet|government)[^.]){0,60}?\b(?:from|as|of) "
    r"(?:his |her |the |their )?"
    r"(?:\w+ )?(post|position|office|duties|chairman|chair|head|minister|secretary|security council|"
    r"national security committee|KNB)\b"
    # or the official as the object ("sacked the head of the KNB", "dismissed the energy minister")
    r"|\b(dismiss\w*|sack\w*|fired|removed|ousted)\s+(?:the |his |its )?(?:(?:former|deputy|first|acting|regional|"
    r"energy|interior|defen[cs]e|security) )*(head|chief|chairman|minister|secretary|governor|akim|mayor|commander|"
    r"director|deputy)\b"
    r"|\b(took over|taking over|taken over|replaced|assumed)\b[^.]{0,40}\b(security council|chairman|chair|head)\b"
    r"|\b(?<!government )(?<!cabinet )(resigned|stepped down|steps down|quit)\b(?= as| from)"
    r"|\b(left|leaves|vacated) (?:the|his|her) (?:post|position|office|seat)\b"
    r"|\b(accept\w* (?:the )?resignation of) (?!the government|the cabinet|the government's|his government)"
    rf"|\b(?-i:{PERSON}) (?:was|has been|had been) (sacked|dismissed|fired|removed|ousted)\b",
    re.IGNORECASE,
)


def power_transfer(doc: Doc) -> list[Hit]:
    """An official removed, resigning or taking over a post (Strategic developments / Change to group/activity).

    Phrases: "dismissed Karim Massimov as head of the KNB", "removed Nazarbayev as chairman of the Security
    Council", "took over as head of the Security Council", "was relieved of his duties", "resigned as". Kind
    power_transfer (the table has no kind for a single official's removal; noted for the reviewer).
    """
    hits = []
    for m, sentence, a in _scan(doc, REMOVED):
        if GOV_RESIGNED.search(sentence) and re.search(r"\b(government|cabinet)\b", m.group(), re.IGNORECASE):
            continue
        if re.search(r"\bairport|\bbuilding", sentence, re.IGNORECASE) and "took over" in m.group().lower():
            continue
        hits.append(
            Hit(
                a + m.start(),
                a + m.end(),
                "power_transfer",
                0.55,
                "events.power_transfer",
                notes=["an official's removal or resignation: power_transfer is the nearest kind"],
            )
        )
    return hits


CSTO_NAME = (
    r"(?:CSTO|Collective Security Treaty Organi[sz]ation|"
    r"(?:Russian|Russia|Moscow)-(?:led|dominated|backed) (?:military |security |defen[cs]e )?(?:alliance|bloc|pact))"
)
CSTO_REQUEST = re.compile(
    rf"\b(ask\w*|appeal\w*|request\w*|turned to|applied to|called on|sought|invited)\b[^.]{{0,40}}\b{CSTO_NAME}"
    rf"|\b{CSTO_NAME}\b[^.]{{0,40}}\bat (?:the )?request\b"
    rf"|\brequest\w* (?:for )?(?:\w+ ){{0,3}}(?:help|assistance)\b[^.]{{0,40}}{CSTO_NAME}",
    re.IGNORECASE,
)


def csto_request(doc: Doc) -> list[Hit]:
    """Kazakhstan asking the CSTO for help (Strategic developments / Other; actor2 CSTO).

    Phrases: "Tokayev asked the CSTO for help", "appealed to the Collective Security Treaty Organization",
    "turned to the Russian-led alliance", "requested assistance from the CSTO"; "(troops arrived) following an
    invitation from Tokayev", "at the request of" in a sentence on the CSTO's troops.
    """
    hits = _simple(doc, CSTO_REQUEST, "csto_request", 0.7, "events.csto_request")
    taken = {doc.sentence_of(h.start) for h in hits}
    troops = re.compile(FOREIGN_TROOPS + "|" + CSTO_NAME, re.IGNORECASE)
    for h in _simple(doc, CSTO_INVITED, "csto_request", 0.55, "events.csto_request"):
        a, b = doc.sentence_of(h.start)
        if (a, b) not in taken and troops.search(doc.text, a, b):  # "troops arrived following an invitation from"
            hits.append(h)
    return hits


CSTO_DECISION = re.compile(
    rf"\b{CSTO_NAME}\b[^.]{{0,60}}\b(agreed|decided|approved|would send|will send|voted|"
    r"announced (?:it would|that it would))\b"
    r"|\b(agreed|decided) to (?:\w+ )?(?:send|dispatch|deploy)\b[^.]{0,30}?\b(?:peacekeep\w+|troops|forces|"
    r"military personnel|soldiers|paratroopers)\b",
    re.IGNORECASE,
)


def csto_decision(doc: Doc) -> list[Hit]:
    """The CSTO deciding to send troops (Strategic developments / Change to group/activity).

    Phrases: "the CSTO agreed to send peacekeepers", "the alliance decided to dispatch troops", "the CSTO said it
    would send".
    """
    return _simple(doc, CSTO_DECISION, "csto_decision", 0.65, "events.csto_decision")


FOREIGN_TROOPS = (
    rf"(?:{CSTO_NAME}|peacekeep\w+|(?:Russian|Russia|Moscow)(?:-led)? (?:paratroopers|troops|soldiers|forces)|"
    r"foreign troops|(?:Russian|Russia|Moscow)-led (?:military |peacekeeping )?(?:contingent|force|forces|troops)|"
    r"(?:the )?(?:bloc|alliance)['’]s (?:troops|forces|contingent|peacekeepers)|troops from the (?:bloc|alliance)|"
    r"(?:peacekeeping |military )?contingent|"
    r"(?:Armenian|Belarusian|Kyrgyz|Tajik) (?:troops|soldiers|contingent|forces))"
)
CSTO_ARRIVED = re.compile(
    rf"\b{FOREIGN_TROOPS}\b[^.]{{0,60}}\b(arriv\w+|landed|land|deployed|began (?:arriving|deploying)|were sent|"
    r"started arriving|flew in|are guarding|took up positions|guard\w*|began landing|touched down|landing)\b"
    rf"|\b(deploy\w*|sent|dispatch\w*|airlift\w*|flew)\b[^.]{{0,40}}\b{FOREIGN_TROOPS}"
    r"|\b(?:Moscow|Russia|the Kremlin)\b (?:has |had )?(?:sent|dispatched|deployed|airlifted|flew in)\b"
    r"[^.]{0,30}\b(?:troops|paratroopers|soldiers|forces)\b",
    re.IGNORECASE,
)
CSTO_LEFT = re.compile(
    rf"\b{FOREIGN_TROOPS}\b[^.]{{0,60}}\b(withdr[ae]w\w*|pull(?:ed|ing)? out|leav\w+|left|depart\w*|return\w* home|"
    r"complete\w* (?:their|its) (?:mission|withdrawal|pull-?out))\b|\bwithdrawal of\b[^.]{0,40}"
    rf"{FOREIGN_TROOPS}",
    re.IGNORECASE,
)
# "The withdrawal began on Thursday": a bare withdrawal, counted only in a text that names the CSTO's troops
BARE_WITHDRAWAL = re.compile(
    r"\b[Tt]he (?:gradual |final )?(?:withdrawal|pull-?out)\s+(?:began|started|was completed|ended|is complete)\b"
)
# "its troops had returned home": the troops of the subject, a CSTO member's contingent when the text names the CSTO
TROOPS_HOME = re.compile(
    r"\b(?:its|their|the|all|remaining|last)\s+(?:\w+\s+){0,2}?(?:troops|soldiers|forces|contingent|peacekeepers|"
    r"servicemen|paratroopers)\s+(?:had\s+|have\s+|has\s+)?(?:all\s+)?(?:now\s+)?(?:returned|flown|gone|come\s+back|"
    r"flew\s+back|arrived\s+back)\s+(?:home|to\s+(?:Russia|their\s+(?:home\s+)?(?:countries|bases)))\b",
    re.IGNORECASE,
)
HOME_FORCES = re.compile(r"\b(?:Kazakh|Kazakhstan['’]s|Kazakhstani|national guard|local)\b", re.IGNORECASE)
CSTO_INVITED = re.compile(r"\b(?:following|after|at) (?:an |the )?(?:invitation|request) (?:from|of)\b", re.IGNORECASE)


def csto_deployment(doc: Doc) -> list[Hit]:
    """CSTO (Russian-led) troops arriving or withdrawing (Strategic developments / Change to group/activity).

    Phrases: "CSTO peacekeepers arrived", "Russian paratroopers landed", "the first troops were deployed",
    "the alliance sent troops", "Moscow sent troops"; withdrawals: "CSTO troops began withdrawing", "peacekeepers
    will leave", "the withdrawal of the CSTO contingent" (kind csto_withdrawal, data 0.2.3; plans are dropped later
    like every plan).
    """
    hits = [
        Hit(
            h.start,
            h.end,
            "csto_withdrawal",
            0.6,
            "events.csto_withdrawal",
            {"description": "CSTO troops withdrawing from Kazakhstan"},
            [],
        )
        for h in _simple(doc, CSTO_LEFT, "csto_withdrawal", 0.6, "events.csto_withdrawal")
    ]
    if re.search(FOREIGN_TROOPS + "|" + CSTO_NAME, doc.text, re.IGNORECASE):
        for h in _simple(doc, BARE_WITHDRAWAL, "csto_withdrawal", 0.5, "events.csto_withdrawal"):
            if doc.sentence_of(h.start) not in {doc.sentence_of(x.start) for x in hits}:
                h.notes.append("'the withdrawal' in a text about the CSTO's troops")
                hits.append(h)
    hits.extend(troops_returned_home(doc, {doc.sentence_of(h.start) for h in hits}))
    taken = {doc.sentence_of(h.start) for h in hits}
    for h in _simple(doc, CSTO_ARRIVED, "csto_deployment", 0.6, "events.csto_deployment"):
        if doc.sentence_of(h.start) in taken:
            continue
        hits.append(h)
    return hits


def troops_returned_home(doc: Doc, taken: set[tuple[int, int]]) -> list[Hit]:
    """Troops of the CSTO's mission back home (csto_withdrawal), in a sentence no other withdrawal rule read.

    Phrases: "the Russian Defence Ministry said its troops had returned home", "the remaining peacekeepers flew back
    to Russia", "all the contingent's soldiers have returned home" - only when this sentence or the one before
    names the CSTO, its peacekeepers or a Russian contingent of the mission, and not the country's own forces
    ("Kazakh troops returned home to their bases" is no withdrawal of the mission).
    """
    hits = []
    mission = re.compile(FOREIGN_TROOPS + "|" + CSTO_NAME + r"|\bRussian\b", re.IGNORECASE)
    for m, sentence, a in _scan(doc, TROOPS_HOME):
        span = doc.sentence_of(a + m.start())
        if span in taken or HOME_FORCES.search(sentence[max(0, m.start() - 40) : m.end()]):
            continue
        before = [sp for sp in doc.sentences if sp[1] <= span[0]][-1:]
        context = doc.text[before[0][0] if before else span[0] : span[1]]
        if not mission.search(context):
            continue
        hits.append(
            Hit(
                a + m.start(),
                a + m.end(),
                "csto_withdrawal",
                0.55,
                "events.csto_withdrawal",
                {"description": "CSTO troops withdrawing from Kazakhstan"},
                ["'returned home': the troops of the CSTO mission named here or just before"],
            )
        )
    return hits


MILITARY_DEPLOYED = re.compile(
    r"\b(troops|soldiers|army|military|armou?red (?:vehicles|personnel carriers)|national guard|tanks)\b[^.]{0,50}\b"
    r"(deployed|were sent|moved into|entered|rolled into|patrol\w*|took up positions|on the streets)\b"
    r"|\b(deploy\w*|sent in|sending in)\b[^.]{0,30}\b(troops|the army|soldiers|the military)\b",
    re.IGNORECASE,
)


def military_deployment(doc: Doc) -> list[Hit]:
    """Kazakh troops deployed on the streets (Strategic developments / Change to group/activity).

    Phrases: "troops were deployed", "soldiers patrolled the streets", "armoured vehicles entered the square",
    "the army moved into", "deployed troops". Foreign (CSTO, Russian) troops are the CSTO rule's.
    """
    hits = []
    for m, sentence, a in _scan(doc, MILITARY_DEPLOYED):
        if re.search(FOREIGN_TROOPS, sentence, re.IGNORECASE):
            continue
        hits.append(Hit(a + m.start(), a + m.end(), "military_deployment", 0.5, "events.military_deployment"))
    return hits


SPECIAL_OP = re.compile(
    r"\b((?:counter|anti)[- ]?terror(?:ist|ism)? operations?|counterterrorism operations?|special operations?|"
    r"mopping[- ]up[\"”’']? operations?|clean-?up[\"”’']? operations?|sweep operations?|cleansing operations?|"
    r"(?:counter|anti)[- ]?terror(?:ist)? regime)\b",
    re.IGNORECASE,
)


def special_operation(doc: Doc) -> list[Hit]:
    """A counter-terrorist operation launched or going on (Strategic developments / Change to group/activity).

    Phrases: "a counter-terrorist operation", "anti-terror operation", "counterterrorism operation", "special
    operation", "mopping-up operation", "a counter-terrorist regime was introduced".
    """
    return _simple(doc, SPECIAL_OP, "special_operation", 0.6, "events.special_operation")


INTERNET = re.compile(
    r"\b(internet|mobile (?:internet|data|networks?)|messaging apps|online access|connectivity)\b[^.]{0,50}\b"
    r"(cut|shut\w*|blocked|down|blackout|blacked out|disrupted|restricted|restored|went dark|outage|offline)\b"
    r"|\b(internet (?:blackout|shutdown|outage)s?|cut (?:off )?(?:the )?internet|shut down the internet|"
    r"blocked the internet)\b"
    r"|\b((?:cut|shut down|blocked|disrupted|switched off|turned off)\b[^.]{0,30}\b(?:internet|mobile) "
    r"(?:access|providers|connections?|networks?|services?|operators))\b",
    re.IGNORECASE,
)


def internet_blackout(doc: Doc) -> list[Hit]:
    """Internet access cut (Strategic developments / Other).

    Phrases: "the internet was cut off", "an internet blackout", "authorities shut down the internet", "mobile
    internet was blocked", "internet access was restricted", "NetBlocks reported a nationwide outage".
    Restoring it is noted for the reviewer.
    """
    hits = []
    for m, _sentence, a in _scan(doc, INTERNET):
        notes = ["the text speaks of restoring access"] if re.search(r"restor\w*", m.group(), re.I) else []
        hits.append(Hit(a + m.start(), a + m.end(), "internet_blackout", 0.65, "events.internet_blackout", notes=notes))
    return hits


MEDIA = re.compile(
    r"\b(television|TV) (?:channels|stations)\b[^.]{0,40}\b"
    r"(off (?:the )?air|stopped broadcasting|went dark|suspended)\b"
    r"|\b(news (?:websites|sites)|media outlets)\b[^.]{0,40}\b(blocked|shut down|inaccessible)\b",
    re.IGNORECASE,
)


def media_shutdown(doc: Doc) -> list[Hit]:
    """Television or news sites taken off air (Strategic developments / Other).

    Phrases: "TV channels went off air", "television stations stopped broadcasting", "news websites were
    blocked".
    """
    return _simple(doc, MEDIA, "media_shutdown", 0.55, "events.media_shutdown")


FLIGHTS = re.compile(
    r"\b(flights?|airlines?)\b[^.]{0,50}\b(cancel\w*|suspend\w*|halt\w*|grounded|diverted|disrupted|stopped)\b"
    r"|\bairports?\b[^.]{0,30}\b(closed|shut|suspended operations)\b",
    re.IGNORECASE,
)


def flight_disruption(doc: Doc) -> list[Hit]:
    """Flights cancelled or an airport closed (Strategic developments / Other).

    Phrases: "flights were cancelled", "airlines suspended flights to", "the airport was closed".
    """
    return _simple(doc, FLIGHTS, "flight_disruption", 0.5, "events.flight_disruption")


SHOOT_ORDER = re.compile(
    r"\b(shoot|fire|kill)(?:ing)? without (?:prior )?warning\b|\bshoot[- ]to[- ]kill\b|"
    r"\border\w* (?:\w+ ){0,4}to (?:open )?fire\b",
    re.IGNORECASE,
)


ORDER_WORD = re.compile(r"\b(?:order\w*|authori[sz]\w*|instruct\w*|command\w*|permi\w*|allow\w*|gave|told)\b", re.I)


def shoot_to_kill_order(doc: Doc) -> list[Hit]:
    """An order to fire without warning (Strategic developments / Other).

    Phrases: "ordered troops to shoot without warning", "authorised to open fire without warning", "a
    shoot-to-kill order", "ordered security forces to fire". Not: "alarmed by reports of shooting without
    warning" (no order in the sentence: a report of the shooting, not the order).
    """
    hits = []
    for m, sentence, a in _scan(doc, SHOOT_ORDER):
        if ORDER_WORD.search(sentence):
            hits.append(Hit(a + m.start(), a + m.end(), "shoot_to_kill_order", 0.75, "events.shoot_to_kill_order"))
    return hits


ARREST_NAMED = re.compile(
    rf"\b(?P<who>{PERSON}|[A-Z][a-z]+(?=,[^,]{{3,80}},))\b(?:,[^,]{{3,80}},| and [^,.]{{3,50}}?|,)?"
    r"\s+(?:was|has been|had been|were|have been)\s+(?:\w+\s+)?"
    r"(?:detained|arrested|taken into custody)\b"
    rf"|\b(?:detained|arrested)\s+(?:the\s+)?(?:former\s+|ex-)?(?:[\w-]+\s+){{0,5}}?(?P<who2>{PERSON})\b"
    r"|\b(?P<title>former (?:head|chief|chairman) of the (?:National Security Committee|KNB|security service)|"
    r"ex-(?:head|chief) of the (?:National Security Committee|KNB))\b[^.]{0,60}\b(detained|arrested)\b",
)
NOT_A_NAME = re.compile(
    r"^(The|A|An|Police|Security|Interior|Kazakh|Kazakhstan|President|Authorities|Officials|Protesters|Some|Many|More|"
    r"Almaty|Nur-Sultan|Reuters|Associated|On|In|National|State|Government)\b"
)


def arrest(doc: Doc) -> list[Hit]:
    """A named person detained or arrested (Strategic developments / Arrests).

    Phrases: "Karim Massimov was detained", "Massimov, the former security chief, has been arrested", "police
    detained opposition activist Zhanbolat Mamai", "the former head of the National Security Committee was
    arrested". Actor1 the National Security Committee when the sentence names it, else the police. Counts of
    detained people are the figures module's.
    """
    hits = []
    for m, sentence, a in _scan(doc, ARREST_NAMED):
        who = m.group("who") or m.group("who2") or ""
        if who and NOT_A_NAME.match(who):
            continue
        if m.group("who2") and re.match(r"['’]s\b", doc.text[a + m.end("who2") : a + m.end("who2") + 3]):
            continue  # "arrested Karim Massimov's deputy": not Massimov
        over: dict[str, Any] = {"actor2": who or m.group("title") or ""}
        if re.search(r"National Security Committee|\bKNB\b|security service", sentence):
            over["actor1"] = KNB
        over["description"] = f"{who} detained" if who else "Former security chief detained"
        hits.append(Hit(a + m.start(), a + m.end(), "arrest", 0.65, "events.arrest", over))
    return hits


PRICE = re.compile(
    r"\b(price|cost)s? (?:of|for) (?:liquefied (?:petroleum )?gas|LPG|fuel|gas|car fuel)\b[^.]{0,60}"
    r"\b(doubl\w+|rose|risen|"
    r"soar\w*|jump\w*|hike\w*|increase\w*|spik\w*)\b|\b(?:LPG|fuel|gas) price (?:hike|rise|increase|spike)\b"
    r"|\blift\w* (?:a |the )?price caps?\b",
    re.IGNORECASE,
)


def price_rise(doc: Doc) -> list[Hit]:
    """The fuel-gas price rise that set off the protests (Strategic developments / Other).

    Phrases: "the price of liquefied gas doubled", "a fuel price hike", "LPG price rise", "lifted price caps".
    """
    return _simple(doc, PRICE, "price_rise", 0.5, "events.price_rise")


def _near_airport(doc: Doc, h: Hit) -> bool:
    """Whether the hit's sentence is about the airport (then the airport rules code it)."""
    return bool(AIRPORT.search(doc.text[slice(*doc.sentence_of(h.start))]))


def _near_weapons(doc: Doc, h: Hit) -> bool:
    """Whether the hit's sentence is about weapons (then the arms rule codes it)."""
    return bool(ARMS.search(doc.text[slice(*doc.sentence_of(h.start))]))


RULES: tuple[Callable[[Doc], list[Hit]], ...] = (
    protest,
    riot_clash,
    storming,
    arson,
    looting,
    statue_toppled,
    airport_seizure,
    airport_retaken,
    arms_seizure,
    aircraft_seizure,
    vehicle_seizure,
    excessive_force,
    armed_clash,
    explosion,
    state_of_emergency,
    emergency_lifted,
    court_verdict,
    mourning_declared,
    mourning_held,
    government_resignation,
    appointment,
    power_transfer,
    csto_request,
    csto_decision,
    csto_deployment,
    military_deployment,
    special_operation,
    internet_blackout,
    media_shutdown,
    flight_disruption,
    shoot_to_kill_order,
    arrest,
    price_rise,
)

# ---------------------------------------------------------------- from hits to candidates
LOCAL_KINDS = ("city", "site", "region", "area")
GEO_PRECISION = {"city": 1, "site": 1, "region": 3, "area": 3, "country": 3, "organisation": 3}
COUNTRY_ID, COUNTRY_NAME = "kz", "Kazakhstan"


# A date that ends a measure, not the day it was taken ("a state of emergency until January 19").
DEADLINE = re.compile(r"\b(?:until|till|through|to|up to|for the period (?:to|until|through))\s+$", re.I)
CAUSE_CLAUSE = re.compile(r"\b(?:after|following|because|as a result of|over)\b[^,;]{0,80}$", re.I)
DECLARED_DAY_KINDS = frozenset({"mourning_declared"})
DAY_AFTER = re.compile(r"\b(a|one|two|three|four|five|\d) days? (after|before)\s+(?=[a-z])", re.I)
SPEECH = re.compile(
    r"\b(?:said|says|announced|reported|told [\w ]{1,30}?|stated|confirmed|claimed|added)\b[^.;]{0,40}?\bthat\b", re.I
)
CLAUSE_BREAK = re.compile(
    r",? and (?=(?:then |later |also )?\w+(?:ed|read|spread|took|broke|began)\b)|;|, while |, but "
)


def event_date(doc: Doc, h: Hit, place: Any = None) -> dates.DateRef:
    """The days of the happening: the date expression of the place's clause ("began in Zhanaozen at the weekend
    and spread to Aktau earlier this week"), else of the sentence after a reporting verb ("announced on Saturday
    that X had been arrested two days earlier"), else dates.date_for. With only the report's date before
    "said ... that": the range from the unrest's start to that day (basis announcement). With no date in the
    sentence or paragraph: narrative_date, else the publication range (basis document_date)."""
    from qantar import settings

    a, b = doc.sentence_of(h.start)
    pos = place.start if place is not None and a <= place.start < b else h.start
    raw = dates.dates_in(doc, a, b)
    refs = [r for r in raw if not DEADLINE.search(doc.text[max(a, r.start - 25) : r.start])]
    # "the unrest started in X after the price doubled on January 1": that date is the cause's
    refs = [r for r in refs if not (r.start > h.end and CAUSE_CLAUSE.search(doc.text[h.end : r.start]))]
    if h.kind in DECLARED_DAY_KINDS:  # "declared January 10 a day of mourning": the 10th is what was declared
        refs = [r for r in refs if not (h.start <= r.start and r.end <= h.end)]
    speech = next((m for m in SPEECH.finditer(doc.text, a, b) if m.end() <= h.start), None)
    if speech:
        after = [r for r in refs if r.start >= speech.end()]
        before = [r for r in refs if r.end <= speech.start() + len(speech.group()) and r.start < speech.end()]
        if not after and before:
            said = before[-1]
            start = min(settings.DEFAULT_START, said.date_start)
            return dates.DateRef(said.start, said.end, start, said.date_end, "range", "announcement", "events.speech")
        refs = after or refs
    if refs and h.each_place and place is not None:
        cuts = [a] + [m.end() for m in CLAUSE_BREAK.finditer(doc.text, a, b)] + [b]
        lo = max(c for c in cuts if c <= pos)
        hi = min(c for c in cuts if c > pos)
        mine = [r for r in refs if lo <= r.start < hi]
        if mine:
            return min(mine, key=lambda r: min(abs(r.start - pos), abs(r.end - pos)))
    if refs:
        ref = min(refs, key=lambda r: (min(abs(r.start - h.start), abs(r.end - h.start)), r.start > h.start))
        return _day_after(doc, ref, h) or ref
    if h.kind == "court_verdict":
        return verdict_date(doc, h)
    if not raw:
        ref = dates.date_for(doc, h.start)
        if borrowed_later_date(doc, h, ref):
            ref = replace(ref, basis="document_date")
        return ref if ref.basis != "document_date" else narrative_date(doc, h) or ref
    para = doc.text.rfind("\n", 0, h.start) + 1
    earlier = [
        r
        for r in dates.dates_in(doc, para, a)
        if r.date_end <= doc.published and not DEADLINE.search(doc.text[max(0, r.start - 25) : r.start])
    ]
    if earlier:
        return replace(earlier[-1], basis="context")
    return dates.DateRef(
        h.start, h.start, settings.DEFAULT_START, doc.published, "range", "document_date", "document_date"
    )


RULED_ON = re.compile(
    r"\b(?:ruled|sentenced|convicted|delivered (?:its |the )?verdict|handed down (?:the |its )?(?:verdict|sentence)|"
    r"found (?:him|her|them) guilty)\b[^.;]{0,30}?\bon\s+$",
    re.IGNORECASE,
)


VERDICT_FOLLOWING = 2  # sentences after a verdict's own in which "ruled on <day>" dates it


def verdict_date(doc: Doc, h: Hit) -> dates.DateRef:
    """The day of a verdict whose sentence gives none: a day the next two sentences give after "ruled
    on" / "sentenced ... on" ("A court sentenced X to 18 years. The judge also ruled on April 24 to ..."), else the
    range from the unrest's end to publication (a verdict comes after the unrest, not in January)."""
    from qantar import settings

    _, b = doc.sentence_of(h.start)
    following = [sp for sp in doc.sentences if sp[0] >= b][:VERDICT_FOLLOWING]
    stop = following[-1][1] if following else b
    for r in dates.dates_in(doc, b, stop):
        if r.precision == "day" and RULED_ON.search(doc.text[max(b, r.start - 60) : r.start]):
            return r
    start = min(settings.UNREST_END, doc.published)
    return dates.DateRef(h.start, h.start, start, doc.published, "range", "document_date", "document_date")


# Happenings that may come after the unrest's month: a date of a later sentence can be theirs.
LATER_KINDS = frozenset(
    {"court_verdict", "emergency_lifted", "csto_withdrawal", "arrest", "appointment", "power_transfer"}
)


def borrowed_later_date(doc: Doc, h: Hit, ref: dates.DateRef) -> bool:
    """Whether an undated happening of the unrest would take a date after the unrest from another sentence of a
    text written later ("On November 16, a court convicted an officer. ... protests broke out in Taraz"): not its
    day, so it is dated like any undated happening told in retrospect."""
    from qantar import settings

    return (
        ref.basis == "context"
        and looking_back(doc)
        and ref.date_start > settings.UNREST_END
        and h.kind not in LATER_KINDS
    )


def narrative_date(doc: Doc, h: Hit) -> dates.DateRef | None:
    """No date in the sentence or its paragraph: the last date the text gave before it (the story's current day, as
    a coder reads it: "On Wednesday, crowds stormed the akimat. ... Police said 95 officers were injured"). Only a
    day of 2022 up to publication, not a deadline ("until January 19"); basis context. None when the text gave
    none before."""
    from qantar import settings

    a, _ = doc.sentence_of(h.start)
    later = looking_back(doc)
    refs = [
        r
        for r in dates.dates_in(doc, 0, a)
        if r.date_start.year >= 2022
        and r.date_end <= doc.published
        and not DEADLINE.search(doc.text[max(0, r.start - 25) : r.start])
        # a text written after the main days: its report day (a dateline) and later days are not the story's
        and not (later and (r.date_end >= doc.published or r.date_start > settings.UNREST_END))
    ]
    if refs:
        return replace(refs[-1], basis="context")
    if later:  # an undated happening told afterwards: somewhere in the unrest, up to publication
        end = min(doc.published, settings.UNREST_END)
        return dates.DateRef(h.start, h.start, settings.UNREST_START, end, "range", "context", "events.looking_back")
    return None


def looking_back(doc: Doc) -> bool:
    """Whether the text was published after the kit's main days (settings.DEFAULT_END, the day of mourning), so an
    undated happening in it is told in retrospect."""
    from qantar import settings

    return doc.published > settings.DEFAULT_END


def _day_after(doc: Doc, ref: dates.DateRef, h: Hit) -> dates.DateRef | None:
    """A happening told in a clause "a day after ..." following a dated one: that many days before it ("landed on
    Thursday, a day after the president appealed to the bloc": Wednesday); "two days before ...": after it."""
    if ref.end > h.start:
        return None
    m = DAY_AFTER.search(doc.text, ref.end, h.start)
    if not m:
        return None
    n = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}.get(m.group(1).lower())
    n = n if n is not None else int(m.group(1))
    shift = timedelta(days=-n if m.group(2).lower() == "after" else n)
    d0, d1 = ref.date_start + shift, ref.date_end + shift
    return dates.DateRef(m.start(), m.end(), d0, d1, ref.precision, "relative_resolved", "events.day_after")


def background_year(doc: Doc, h: Hit) -> int | None:
    """A year before the unrest written near the hit ("in 2011", "the 2019 protests"), else None."""
    s, e = doc.sentence_of(h.start)
    lo, hi = max(s, h.start - YEAR_WINDOW), min(e, h.end + YEAR_WINDOW)
    m = EARLIER_YEAR.search(doc.text, lo, hi)
    return int(m.group(1)) if m else None


def _slug(text: str) -> str:
    """A lower-case identifier fragment (letters, digits, underscores)."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "x"


def _iso(value: Any) -> str:
    """A date cell (date, Timestamp or text) as YYYY-MM-DD, or '' when empty."""
    if value is None:
        return ""
    text = str(value)
    return "" if text in ("", "NaT", "nan", "<NA>", "None") else text[:10]


def happening_hint(
    dataset: "Dataset | None", kind: str, place_id: str, start: date, end: date, doc_id: str = ""
) -> tuple[str, str]:
    """(happening_id, duplicate_of) of an existing event with the same kind and place and overlapping dates.

    duplicate_of is set only when that event is already cited to the same document. ("", "") when none.
    """
    if dataset is None or getattr(dataset, "events", None) is None:
        return "", ""
    ev = dataset.events
    best: tuple[str, str] = ("", "")
    for row in ev.to_dict("records"):
        if str(row.get("event_kind") or "") != kind or str(row.get("place_id") or "") != place_id:
            continue
        ds, de = _iso(row.get("date_start")), _iso(row.get("date_end"))
        if not ds or not de or ds > end.isoformat() or de < start.isoformat():
            continue
        dup = str(row.get("event_id") or "") if doc_id and str(row.get("doc_id") or "") == doc_id else ""
        if not best[0] or (dup and not best[1]):
            best = (str(row.get("happening_id") or ""), dup)
    return best


def _places_for(
    doc: Doc, h: Hit, kind: Kind, located: list[places.PlaceMention], dataset: "Dataset | None"
) -> list[Any]:
    """The places the hit is about: each location in its sentence (for each_place rules), else location_for; a
    site of that city when the kind acts on one (site_for); None for a country-wide decision or no place."""
    if kind.national:
        return [None]
    s, e = doc.sentence_of(h.start)
    here = [p for p in located if s <= p.start < e]
    if h.each_place:
        local = _drop_region_of_city(doc, [p for p in here if p.kind in LOCAL_KINDS and not _is_foreign(p)])
        # a site of a city also named ("on Republic Square in Almaty"): the city's, once
        local = [(_parent_city(p, here) or p) if p.kind == "site" and h.kind != "explosion" else p for p in local]
        seen: dict[str, places.PlaceMention] = {}
        for p in local:
            seen.setdefault(p.place_id, p)
        if len(seen) > 1:
            return list(seen.values())
        if len(seen) == 1 and len(local) < len([p for p in here if p.kind in LOCAL_KINDS]):
            return list(seen.values())  # the region only located the city
    place = places.location_for(doc, h.start, dataset)
    if place is not None and not any(p.start == place.start for p in here):
        # a person's name read as a place ("Nursultan Nazarbayev"): the nearest other place of the sentence
        local = [p for p in here if p.kind in LOCAL_KINDS]
        place = min(local, key=lambda p: abs(p.start - h.start)) if local else None
    if _is_foreign(place):  # the nearest place is abroad: a Kazakh one in the sentence, else another country's
        home = [p for p in here if not _is_foreign(p) and p.kind in LOCAL_KINDS]
        place = min(home, key=lambda p: abs(p.start - h.start)) if home else place
    if place is not None and place.kind == "site" and h.kind != "explosion":
        place = _parent_city(place, here) or place
    if place is None and h.kind in SITE_KINDS["airport"] and SITE_NOUNS["airport"].search(doc.text[s:e]):
        before = [p for p in located if p.end <= h.start and p.kind == "city" and not _is_foreign(p)]
        sites = site_for(doc, h, before[-1]) if before else []  # "the airport": of the city named last
        if sites:
            return sites
    if place is None:
        place = city_anaphor(doc, h, located)
    if place is None or place.kind == "country":  # the west is more precise than the whole country
        place = west_area(doc, h) or place
    sites = site_for(doc, h, place)
    return sites or [place]


WEST = re.compile(
    r"\b(?:the (?:[\w-]+ )?west of (?:the country|Kazakhstan)|western Kazakhstan|(?:the|its) (?:oil-producing|oil-rich|"
    r"restive|energy-rich) west|the country['’]s west)\b",
    re.IGNORECASE,
)


def west_area(doc: Doc, h: Hit) -> places.PlaceMention | None:
    """No city in the sentence, but "the west of the country", "western Kazakhstan", "the oil-producing west": the
    project's loose area Western Kazakhstan (kz_west), when the project has it."""
    s, e = doc.sentence_of(h.start)
    m = WEST.search(doc.text, s, e)
    entry = places._gazetteer()[0].get("kz_west")
    if not m or entry is None:
        return None
    return places.PlaceMention(m.start(), m.end(), m.group(), "kz_west", "area", str(entry.cols.get("name")), "KZ")


CITY_ANAPHOR = re.compile(
    r"\b(?:the|that|this) (?:city|town|regional capital|former capital|commercial capital|city['’]s)\b"
    r"|\b(?:in|across) the (?:country['’]s )?(?:largest|biggest|main) city\b|\bnearby\b|\bin the area\b",
    re.IGNORECASE,
)


def city_anaphor(doc: Doc, h: Hit, located: list[places.PlaceMention]) -> places.PlaceMention | None:
    """'the city' with no place named in the sentence: the last Kazakh city the text named before ("The mayor's
    office and the presidential residence in the city were left in flames" after a paragraph on Almaty)."""
    s, e = doc.sentence_of(h.start)
    if not CITY_ANAPHOR.search(doc.text, s, e):
        return None
    before = [p for p in located if p.end <= s and p.kind == "city" and not _is_foreign(p)]
    return before[-1] if before else None


def _parent_city(site: places.PlaceMention, here: list[places.PlaceMention]) -> places.PlaceMention | None:
    """The city of a site (a protest "near Republic Square in Almaty" is coded in Almaty), when named nearby."""
    parent = places._gazetteer()[0].get(site.place_id)
    pid = str(parent.cols.get("parent_id") or "") if parent else ""
    return next((p for p in here if p.place_id == pid), None)


def _candidate(doc: Doc, h: Hit, place: Any, dataset: "Dataset | None", multi: bool) -> Candidate:
    """One events candidate for a hit at one place."""
    kind = KINDS[h.kind]
    notes = list(h.notes)
    ref = event_date(doc, h, place)
    d_start, d_end, precision, basis = ref.date_start, ref.date_end, ref.precision, ref.basis
    year = background_year(doc, h)
    background = d_end.year < 2022 or year is not None or kind.background
    if year is not None and d_start.year >= 2022:
        d_start, d_end, precision, basis = date(year, 1, 1), date(year, 12, 31), "year", "stated"
    if place is None:
        place_id, place_name, geo = COUNTRY_ID, COUNTRY_NAME, 3
        if not kind.national:
            notes.append("no place named in the sentence: placed in the whole country")
    else:
        place_id, place_name, geo = place.place_id, place.name, GEO_PRECISION.get(place.kind, 3)
    row: dict[str, Any] = {
        "event_id": "",
        "happening_id": "",
        "date_start": d_start.isoformat(),
        "date_end": d_end.isoformat(),
        "date_precision": precision,
        "date_basis": basis,
        "place_id": place_id,
        "geo_precision": geo,
        "event_type": kind.event_type,
        "sub_event_type": kind.sub_event_type,
        "event_kind": h.kind,
        "actor1": kind.actor1,
        "actor2": kind.actor2,
        "background": background,
        "description": kind.description.format(place=place_name),
        "doc_id": doc.doc_id,
    }
    row.update(h.overrides)
    if "{place}" in str(row["description"]):
        row["description"] = str(row["description"]).format(place=place_name)
    happening, duplicate = happening_hint(dataset, h.kind, place_id, d_start, d_end, doc.doc_id)
    mmdd = d_start.strftime("%m%d") if not background else str(d_start.year)
    row["happening_id"] = happening or _slug(f"{h.kind}_{place_id}_{mmdd}")
    if duplicate:
        row["duplicate_of"] = duplicate
    if background:
        notes.append("background: a happening before the January 2022 unrest")
    conf = h.confidence - (0.1 if multi else 0.0) - (0.1 if place is None and not kind.national else 0.0)
    return Candidate("events", row, h.start, h.end, h.rule, max(0.1, min(conf, 0.95)), notes=notes)


# ---------------------------------------------------------------- filters: mentions that are no new happening
REFERENCE = re.compile(
    r"\b(?:amid|after|following|during|since|in connection with|in the face of|in light of|in view of|"
    r"linked to|related to|victims of|over the|"
    r"quell(?:ing)?|crush(?:ing)?|suppress(?:ing)?|put(?:ting)? down|end(?:ing)?|thwart(?:ing)?|facing|against|"
    r"despite|in response to|wake of|in the course of|as part of|"
    r"comparisons? (?:with|to)|recalled|like|reminiscent of|role in|behind|"
    r"organi[sz]ers? of|took part in|taking part in|part in|blamed (?:[\w-]+ ){0,3}(?:for|on))\s+"
    r"(?:(?:the|these|those|this|recent|violent|mass|street|deadly|unprecedented|fuel|\w+-\w+)\s+){0,3}$",
    re.IGNORECASE,
)
NEGATED_BEFORE = re.compile(r"\b(?:no|not|never|nor|denied|denies|without any)\s+(?:[\w-]+\s+){0,2}$", re.I)
DENIAL = re.compile(
    r"\b(?:denied|denies|deny|rejected|rejects|dismissed|dismisses|refuted)\b"
    r"(?: (?:reports|claims|allegations|rumou?rs))?(?: that)?\b",
    re.I,
)
NEGATED_AFTER = re.compile(r"^[\w\s,-]{0,25}?\b(?:were|was|had|have|has|did|do|does) (?:not|never)\b", re.I)
FUTURE = re.compile(
    r"\b(?:will|would|shall|could|might|(?-i:may)|plans? to|planning to|intends? to|threaten\w* to|vow\w* to|"
    r"(?:is|are|was|were) (?:expected|set|due|scheduled|going) to|ready to|prepared to|call(?:ed|s|ing)? for|if|"
    r"calls? to|urg\w* (?:\w+ ){1,3}to|appeal\w* to (?:\w+ ){1,3}to|don['’]t|do not|refrain from)\b",
    re.IGNORECASE,
)
DEMAND = re.compile(r"\b(?:demand\w*|push\w* for|want\w*|sought|seek\w*)\s+(?:[\w'’-]+\s+){0,3}$", re.I)
FUTURE_WINDOW = 50  # characters before the trigger in which a modal makes it a plan
# Kinds whose trigger is itself a decision about the future ("said it would send", "declared ... would be").
DECISIONS = frozenset(
    {"csto_decision", "csto_request", "mourning_declared", "state_of_emergency", "shoot_to_kill_order"}
)
COMPLETED = re.compile(r"\b(?:completed|ended|over|wound down|concluded|finished)\b", re.IGNORECASE)


def is_reference(doc: Doc, h: Hit) -> bool:
    """Whether the hit is the name of an earlier happening, not a new one ("amid the protests", "victims of the
    riots", "to quell protests", "in connection with the riots", "comparisons with the riots")."""
    a, _ = doc.sentence_of(h.start)
    return bool(REFERENCE.search(doc.text[max(a, h.start - 60) : h.start]))


def is_negated(doc: Doc, h: Hit) -> bool:
    """Whether the sentence denies the happening ("no protests were reported", "not through street riots",
    "the protests were not violent", "officials denied that troops had fired on protesters")."""
    a, b = doc.sentence_of(h.start)
    before, after = doc.text[max(a, h.start - 40) : h.start], doc.text[h.end : min(b, h.end + 40)]
    if h.kind not in ("power_transfer", "government_resignation") and DENIAL.search(
        doc.text[max(a, h.start - 60) : h.start]
    ):
        return True  # "officials denied that troops had fired on demonstrators"
    return bool(NEGATED_BEFORE.search(before) or NEGATED_AFTER.search(after))


def is_future(doc: Doc, h: Hit) -> bool:
    """Whether the happening is a plan, threat, call or condition, not a fact ("will begin to withdraw", "would
    leave", "threatened to storm", "called for protests", "if the protests continue"). Decisions are exempt."""
    if h.kind in DECISIONS:
        return False
    a, _ = doc.sentence_of(h.start)
    if h.kind != "protest" and DEMAND.search(doc.text[max(a, h.start - 40) : h.start]):
        return True  # "protesters demanded the resignation of the government"
    return bool(FUTURE.search(doc.text[max(a, h.start - FUTURE_WINDOW) : h.end]))


def is_completed_operation(doc: Doc, h: Hit) -> bool:
    """A counter-terrorist operation said to be over is its end, not its launch ("the operation was completed")."""
    if h.kind != "special_operation":
        return False
    a, b = doc.sentence_of(h.start)
    return bool(COMPLETED.search(doc.text[h.end : min(b, h.end + 40)]))


# Nouns of a riot or protest that only name the crowd ("rioters pulled down a monument"): a more specific rule's.
CROWD_WORD = re.compile(r"^(?:riot(?:s|ers|ing)?|protest(?:s|ers)?|demonstrators)$", re.IGNORECASE)
SPECIFIC_RIOT = frozenset({"storming", "arson", "property_damage", "statue_toppled", "airport_seizure", "killing"})


def superseded(doc: Doc, h: Hit, hits: list[Hit]) -> bool:
    """Whether a more specific hit in the same sentence tells the same happening.

    "rioters pulled down a monument": the statue, not also a clash; "troops retook the airport after a firefight":
    the retaking, not also a gunfight; "police opened fire on protesters": the excessive force, not also a
    protest.
    """
    s = doc.sentence_of(h.start)
    others = {o.kind for o in hits if o is not h and doc.sentence_of(o.start) == s}
    if h.kind == "clash" and CROWD_WORD.match(doc.text[h.start : h.end]) and others & SPECIFIC_RIOT:
        return True
    if h.kind == "armed_clash" and "airport_retaken" in others:
        return True
    if h.kind == "airport_seizure" and "aircraft_seizure" in others and AIRCRAFT.search(doc.text[h.start : h.end]):
        return True  # "seized five planes at the airport": the planes, not the airport
    return h.kind == "protest" and bool(others & {"excessive_force"})


# ---------------------------------------------------------------- places: the events' own choices
# A region named to locate a city just before it ("Janaozen, a town in the Mangistau region").
REGION_OF_CITY = re.compile(r"^[^.;]{0,60}?\b(?:in|of) (?:the )?(?:[\w-]+ ){0,3}$")
NOT_A_PLACE_AFTER = re.compile(r"^\s+Nazarbayev\b")  # "Nursultan Nazarbayev" is a man, not Nur-Sultan
SITE_NOUNS = {
    "airport": re.compile(r"\b(?:airports?|terminal)\b", re.I),
    "building": re.compile(
        r"\b(?:administration|akimat|mayor['’]s office|city hall|residence|headquarters|government building)\b", re.I
    ),
}
STORM_OBJECT = re.compile(
    r"\b(?:administration|akimat|mayor['’]s office|city hall|residence|headquarters|buildings?|offices?|"
    r"police stations?|stations?|premises)\b",
    re.I,
)
SITE_KINDS = {
    "airport": frozenset({"airport_seizure", "airport_retaken", "flight_disruption", "aircraft_seizure"}),
    "building": frozenset({"storming", "arson", "property_damage"}),
}


def _located_places(doc: Doc, dataset: "Dataset | None") -> list[places.PlaceMention]:
    """Location mentions an event can be at: not a person's name ("Nursultan Nazarbayev")."""
    out = []
    for p in places.mentions(doc, dataset):
        if p.role == "location" and not NOT_A_PLACE_AFTER.match(doc.text[p.end : p.end + 15]):
            out.append(p)
    return out


def _is_foreign(p: Any) -> bool:
    """Whether a place mention lies outside Kazakhstan (another country's happening)."""
    return p is not None and str(getattr(p, "country_code", "") or "KZ").upper() != "KZ"


def _drop_region_of_city(doc: Doc, here: list[places.PlaceMention]) -> list[places.PlaceMention]:
    """Drop a region named only to locate a city named before it ("Zhanaozen and Aktau in the Mangystau Region")."""
    out = []
    for p in here:
        if p.kind == "region" and any(
            c.kind == "city" and c.end <= p.start and REGION_OF_CITY.match(doc.text[c.end : p.start]) for c in here
        ):
            continue
        out.append(p)
    return out


@lru_cache(maxsize=1)
def _sites() -> list[dict[str, Any]]:
    """The project's sites (airports, buildings) with their parent city and the names they go by."""
    entries, _, _ = places._gazetteer()
    out = []
    for e in entries.values():
        if str(e.cols.get("kind")) != "site" or not e.cols.get("parent_id"):
            continue
        names = _apos(" ".join(str(e.cols.get(c) or "") for c in ("name", "name_jan2022", "alternate_names")))
        group = "airport" if "airport" in names else "building" if SITE_NOUNS["building"].search(names) else ""
        if group:
            out.append({"place_id": e.place_id, "parent": str(e.cols["parent_id"]), "group": group, "names": names,
                        "name": str(e.cols.get("name") or e.place_id)})  # fmt: skip
    return out


def _apos(text: str) -> str:
    """Lower case with typographic apostrophes made plain ("mayor’s office" is "mayor's office")."""
    return text.replace("’", "'").lower()


def site_for(doc: Doc, h: Hit, city: Any) -> list[Any]:
    """The project's sites of ``city`` the hit acts on: the airport for airport kinds ("Almaty's airport", "the
    terminal"), the city administration or residence for a storming or arson ("the mayor's office", "the akimat",
    "the presidential residence"); [] when the sentence names none."""
    if city is None:
        return []
    sentence = doc.text[slice(*doc.sentence_of(h.start))]
    out = []
    for site in _sites():
        if site["parent"] != city.place_id or h.kind not in SITE_KINDS[site["group"]]:
            continue
        if site["group"] == "airport":  # "flights to Almaty" are the city's airport's too
            hit = bool(SITE_NOUNS["airport"].search(sentence)) or h.kind == "flight_disruption"
        else:
            hit = any(_apos(m.group()) in site["names"] for m in SITE_NOUNS["building"].finditer(sentence))
        if hit and h.kind == "storming":  # the site must be what was stormed, not a later object
            first = STORM_OBJECT.search(doc.text, h.end, min(len(doc.text), h.end + 60))
            hit = bool(first and _apos(first.group()) in site["names"])
        if hit:
            out.append(places.PlaceMention(h.start, h.end, site["name"], site["place_id"], "site", site["name"], "KZ"))
    return out


def find(doc: Doc, dataset: "Dataset | None" = None, keep_background: bool = False) -> list[Candidate]:
    """Events candidates: every rule's hits, placed and dated, repeated mentions of one happening merged.

    Left out: references to a happening told elsewhere ("amid the protests"), denials, plans and threats, a
    finished operation, hits a more specific one in the same sentence covers, happenings in another country, and
    (unless ``keep_background``) happenings of another year.
    """
    located = _located_places(doc, dataset)
    hits = [h for rule in RULES for h in rule(doc)]
    out: list[Candidate] = []
    for h in hits:
        if _nominal(doc, h) and (is_reference(doc, h) or WHOLE_COUNTRY.match(doc.text[h.end : h.end + 20])):
            continue
        if h.kind == "clash" and CASUALTY_IN.search(doc.text[max(0, h.start - 40) : h.start]):
            s, e = doc.sentence_of(h.start)
            if not any(s <= p.start < e and p.kind in LOCAL_KINDS for p in located):
                continue
        if is_negated(doc, h) or is_future(doc, h) or is_completed_operation(doc, h) or superseded(doc, h, hits):
            continue
        targets = _places_for(doc, h, KINDS[h.kind], located, dataset)
        for place in targets:
            if _is_foreign(place):
                continue
            c = _candidate(doc, h, place, dataset, multi=len(targets) > 1)
            if h.kind == "state_of_emergency":
                s, e = doc.sentence_of(h.start)
                areas = list(dict.fromkeys(p.name for p in located if s <= p.start < e and p.kind != "country"))
                if areas:
                    c.notes.append("areas named: " + ", ".join(areas) + " (placed in the country, as the table does)")
            if c.row["background"] and not keep_background:
                continue
            _merge_or_add(out, c, h)
    out.sort(key=lambda c: (c.start, c.end))
    return out


def _nominal(doc: Doc, h: Hit) -> bool:
    """Whether the hit is a bare noun of unrest (a clash or riot word, "protests in Almaty"), which a reference
    cue before it turns into a mention of a happening told elsewhere."""
    if h.kind in ("clash", "special_operation"):
        return True  # "detained during the counter-terrorist operation": the operation named, not launched
    if h.kind != "protest":
        return False
    a, _ = doc.sentence_of(h.start)
    if re.search(r"\bsince (?:the )?$", doc.text[max(a, h.start - 12) : h.start], re.I):
        return True  # "killed since the unrest began": the onset as a time mark
    return bool(
        re.fullmatch(rf"{PROTEST_NOUN} (?:in|across|at|outside|near) (?:the )?", doc.text[h.start : h.end], re.I)
    )


# "the protests in Kazakhstan": the unrest as a whole named, no located happening.
WHOLE_COUNTRY = re.compile(r"^(?:Kazakhstan|the country|the republic)\b", re.I)
# A casualty count "injured in (the) clashes": the clash is told elsewhere unless a place is named with it.
CASUALTY_IN = re.compile(
    r"\b(?:injured|killed|wounded|hurt|died|dead|detained|arrested)\s+(?:\w+\s+)?(?:in|during)\s+(?:the\s+)?$", re.I
)


_WEAK_BASES = ("document_date", "context")


def _merge_or_add(out: list[Candidate], c: Candidate, h: Hit) -> None:
    """Add ``c`` unless a candidate of the same kind, place, rule and actor2 (an arrival is not a withdrawal, one
    man's arrest not another's) with overlapping days is there: then one candidate, the one with the
    better-grounded date (a stated day over the publication range)."""
    r = c.row
    for i, first in enumerate(out):
        f = first.row
        if any(f[k] != r[k] for k in ("event_kind", "place_id", "background", "actor2")) or first.rule != c.rule:
            continue
        if f["date_start"] > r["date_end"] or r["date_start"] > f["date_end"]:
            continue
        if f["date_basis"] in _WEAK_BASES and r["date_basis"] not in _WEAK_BASES:
            c.notes.append(f"also mentioned at {first.start}-{first.end}")
            c.confidence = max(first.confidence, c.confidence)
            out[i] = c
        else:
            first.notes.append(f"also mentioned at {h.start}-{h.end}")
            first.confidence = max(first.confidence, c.confidence)
        return
    out.append(c)
