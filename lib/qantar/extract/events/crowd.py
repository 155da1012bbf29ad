"""Event rules for what crowds and armed men did: protests, riots and clashes, storming, arson, looting, a toppled
statue, seized airports, arms, aircraft and vehicles, fire on crowds, gunfights and explosions.
"""

from __future__ import annotations

import re
from typing import Any

from qantar.extract.core import Doc
from qantar.extract.events.kinds import ADDRESSED, INTERVENTION, POLICE, VIOLENT, Hit, _scan, _simple

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


def _near_airport(doc: Doc, h: Hit) -> bool:
    """Whether the hit's sentence is about the airport (then the airport rules code it)."""
    return bool(AIRPORT.search(doc.text[slice(*doc.sentence_of(h.start))]))


def _near_weapons(doc: Doc, h: Hit) -> bool:
    """Whether the hit's sentence is about weapons (then the arms rule codes it)."""
    return bool(ARMS.search(doc.text[slice(*doc.sentence_of(h.start))]))
