"""Stance rules, part two: pledges, calls for release, consultations, hopes, warnings, travel advisories, troops and aid
sent, demands, appeals, statements and phone calls.
"""

from __future__ import annotations

import re

from qantar.extract.reactions.stances import _all
from qantar.extract.reactions.tables import Span


def pledge_support(s: str) -> list[Span]:
    """A pledge of support (CAMEO 032; PETRARCH2: PLEDGE SUPPORT).

    Phrases: "pledged support", "promised its full support", "vowed to support".
    """
    return _all(r"\b(?:pledg|promis|vow)\w* (?:\w+ ){0,2}support\b|\b(?:pledg|promis|vow)\w* to (?:support|back)\b", s)


def call_release(s: str) -> list[Span]:
    """Appeals to free detained people (CAMEO 0253, stance call_rights).

    Phrases: "called for the release of detained journalists", "urged the authorities to free the activists",
    "demanded the release of", "the release of people held for peaceful protest".
    """
    return _all(
        r"\b(?:call|urg|demand|appeal|ask)\w*\b[^.]{0,60}?\b(?:release|free)\b (?:of )?(?:all |the )?(?:\w+ ){0,3}?"
        r"(?:detain\w*|arrest\w*|journalists?|activists?|protesters|demonstrators|prisoners|reporters?|"
        r"(?:people|those|persons) (?:held|detained|arrested|jailed))",
        s,
    )


def consult(s: str) -> list[Span]:
    """Talks that are not a phone call (CAMEO 040; PETRARCH2: DISCUSS, CONSULT, CONFER).

    Phrases: "discussed the situation in Kazakhstan with", "held consultations", "held talks with", "consulted
    with", "a video conference", "an extraordinary video summit", "spoke with his Kazakh counterpart", "spoke with
    Tileuberdi" (not "spoke with reporters"), "summoned the Kazakh ambassador" (PETRARCH2: SUMMON [040]).
    """
    if phone_call(s):
        return []
    return _all(
        r"\bdiscuss\w* (?:the )?(?:situation|events|developments|unrest|crisis)\b|\bheld (?:\w+ )?(?:talks|"
        r"consultations)\b|\bconsult\w*\b|\bvideo[- ]?(?:conference|link|call|summit)\b|"
        r"\bsummon\w* (?:the |its )?(?:\w+ )?(?:ambassador|envoy|charg[eé] d'affaires)\b|"
        r"\b(?:spoke|talked|conferred) with (?!(?:reporters|journalists|the press|Reuters|AFP|AP|CNN|the BBC)\b)"
        r"(?=(?:his |her |their )?(?:[\w-]+ )?counterpart|[A-Z])",
        s,
    )


def hope(s: str) -> list[Span]:
    """Hope and confidence voiced (CAMEO 013; PETRARCH2: HOPE (FOR PEACE)).

    Phrases: "hoped the situation would stabilise", "hoped calm would return", "expressed hope that", "confident
    that", "voiced optimism",
    "expects the situation to normalise".
    """
    return _all(
        r"\bhope (?:that|for|the)\b|\bhop(?:ed|es|ing)\b|\bexpress\w* (?:the |its |his |her )?hope\b|\bconfident\b|"
        r"\boptimis\w+|\bexpects? (?:the )?(?:situation|stability|calm|order)\b",
        s,
    )


def warn(s: str) -> list[Span]:
    """Warnings (CAMEO 130; PETRARCH2: WARN, CAUTION). A warning against travel is :func:`travel_advisory`, firing
    "without warning" is :func:`threaten`.

    Phrases: "warned against outside interference", "cautioned that", "warned of consequences".
    """
    if travel_advisory(s):
        return []
    return [
        sp
        for sp in _all(r"\bwarn(?:ed|s|ing)?\b|\bcaution(?:ed|s)?\b", s)
        if not re.search(r"without (?:prior )?$", s[max(0, sp[0] - 16) : sp[0]], re.I)
        and not re.match(r"warning shots?", s[sp[0] :], re.I)
    ]


def travel_advisory(s: str) -> list[Span]:
    """Travel advice and evacuations (CAMEO 160; PETRARCH2: ADVISE (AGAINST TRAVEL), TRAVEL WARNING).

    Phrases: "advised its citizens against travel to Kazakhstan", "a travel warning", "raised its travel
    advisory", "ordered the departure of embassy family members", "authorised the voluntary departure",
    "evacuated its citizens", "urged its nationals to leave", "its citizens should avoid crowded places".
    """
    return _all(
        r"\b(?:advis|urg|warn|recommend)\w* (?:\w+ ){0,3}against (?:all |non-essential )?(?:\w+ )?travel|"
        r"\btravel (?:warning|advisory|alert)|\b(?:ordered|authori[sz]ed) the (?:voluntary )?departure\b|"
        r"\bevacuat\w+ (?:\w+ ){0,2}(?:citizens|nationals|diplomats|staff|embassy)|"
        r"\b(?:urg|advis|told)\w* (?:its |their )?(?:citizens|nationals) to leave\b|"
        r"\b(?:citizens|nationals) (?:should|to|must) (?:avoid|stay (?:at home|indoors|away)|refrain from travel)",
        s,
    )


def send_troops(s: str) -> list[Span]:
    """Troops actually sent (CAMEO 074; PETRARCH2: SEND / DEPLOY + &PKO); an offer or a decision to send is
    :func:`offer_assistance` (0334).

    Phrases: "sent paratroopers", "dispatched a contingent", "deployed troops", "airlifted soldiers", "began
    sending troops".
    """
    return _all(
        r"\b(?:sent|dispatched|deployed|airlifted|flew in|began (?:sending|deploying))\b (?:\w+ ){0,4}?(?:troops|"
        r"paratroop\w+|peacekeep\w+|soldiers|servicemen|contingent|units|military personnel)\b",
        s,
    )


def send_aid(s: str) -> list[Span]:
    """Humanitarian aid sent (CAMEO 073).

    Phrases: "sent humanitarian aid", "delivered medical supplies", "dispatched relief cargo".
    """
    return _all(
        r"\b(?:sent|delivered|dispatched|shipped|flew)\b (?:\w+ ){0,3}?(?:humanitarian|medical|relief) "
        r"(?:aid|supplies|assistance|cargo|goods)\b",
        s,
    )


def demand(s: str) -> list[Span]:
    """Demands (CAMEO 100; PETRARCH2: DEMAND); a demand to free people is :func:`call_release`.

    Phrases: "demanded an explanation", "demands clarification", "insisted on an investigation".
    """
    if call_release(s):
        return []
    return _all(r"\bdemand(?:ed|s|ing)?\b(?! for)|\binsist\w* on\b", s)


def appeal(s: str) -> list[Span]:
    """Any other appeal (CAMEO 020; PETRARCH2: CALL (FOR) / (ON), SUGGEST, ADVISE); used only when no more
    specific appeal rule (code 02...) matched the sentence.

    Phrases: "called for an investigation", "urged the government to", "called on Kazakhstan", "appealed to",
    "asked for clarification", "the authorities should investigate", "must protect". Not the noun: "rejected calls
    for talks", "amid calls for".
    """
    return [
        sp
        for sp in _all(
            r"\bcall(?:ed|s|ing)? (?:for|on|upon)\b|\burg(?:e|ed|es|ing)\b|\bappeal(?:ed|s|ing)? (?:for|to)\b|"
            r"\bask(?:ed|s|ing)? for (?:\w+ )?(?:clarification|explanation|information|an investigation)|"
            r"\b(?:should|must) (?:\w+ ){0,2}?(?:investigate|release|respect|restore|end|stop|allow|protect|ensure)\b",
            s,
        )
        if not NOUN_BEFORE.search(s[max(0, sp[0] - 30) : sp[0]])
    ]


# "rejected calls for talks", "amid calls for": a noun, nobody appeals.
NOUN_BEFORE = re.compile(
    r"(?:\b(?:reject\w*|ignor\w*|dismiss\w*|amid|despite|growing|answer\w*|heed\w*|respond\w* to)\s+(?:\w+\s+)?|"
    r"\bthe\s+)$",
    re.IGNORECASE,
)


def make_statement(s: str) -> list[Span]:
    """A statement with no stance cue (CAMEO 010; stance informational); used only when no other rule matched the
    sentence, and only with the speaker next to the verb.

    Phrases: "said", "told reporters", "stated", "announced", "noted", "stressed", "added", "insisted", "declared
    that" (not "declared a state of emergency", an event), "according
    to", "citing", "reported" ("rights groups reported"), "wrote on Twitter", "tweeted", "posted",
    "quoted X as saying".
    """
    return _all(
        r"\b(?:said|says|told (?:reporters|journalists|\w+)|stated|announced|noted|stressed|added|insisted|"
        r"declared that|commented|remarked|according to|citing|quoting|report(?:s|ed)?|wrote|tweeted|posted|"
        r"as saying)\b",
        s,
    )


def phone_call(s: str) -> list[Span]:
    """A phone call (CAMEO 041; stance informational).

    Phrases: "spoke by phone with", "in a phone call", "telephone conversation", "held talks by telephone",
    "a call with", "phoned the Kazakh president", "called Tokayev", "called his Kazakh counterpart" (not "called it
    a coup").
    """
    return _all(
        r"\b(?:tele)?phone (?:call|conversation|talks?)s?\b|\bspoke (?:by|on the|over the) (?:tele)?phone|"
        r"\bby (?:tele)?phone\b|\b(?:in|during) a call with\b|\b(?:tele)?phoned\b|"
        r"\bcalled (?:his |her |their )?(?:[\w-]+ )?counterpart|"
        r"\bcalled (?:(?:President|Prime Minister|Premier|[A-Z][a-z]+) ){0,3}(?:Tokayev|Putin|Lukashenko|Xi|Erdogan|"
        r"Mirziyoyev|Rahmon|Japarov|Pashinyan|Aliyev|Biden|Blinken|Lavrov|Tileuberdi|Nazarbayev|Smailov|Michel|Macron|"
        r"Scholz)\b",
        s,
    )
