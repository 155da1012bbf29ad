"""The event vocabulary: actor names, each event kind with its ACLED type, sub-type and default actors, and the
hit a rule returns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from qantar.extract.core import Doc

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
