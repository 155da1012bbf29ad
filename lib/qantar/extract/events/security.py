"""Event rules for the security response and its effects: the CSTO request, decision, deployment and withdrawal, the
army, counter-terrorist operations, the internet, media and flights, shoot-to-kill orders, arrests, prices.
"""

from __future__ import annotations

import re
from typing import Any

from qantar.extract.core import Doc
from qantar.extract.events.kinds import KNB, Hit, _scan, _simple
from qantar.extract.events.state import PERSON

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
