"""Stance rules, part one: calls (restraint, dialogue, calm, rights), appeals and offers of help, support, thanks,
denials, accusations, threats, reassurance, authority, condolences, mourning, concern, condemnation and praise.
"""

from __future__ import annotations

import re

from qantar.extract.reactions.tables import Span


# ---------------------------------------------------------------- stance rules
def _all(pattern: str, sentence: str) -> list[Span]:
    """Spans of every match of ``pattern`` (case-insensitive) in ``sentence``."""
    return [m.span() for m in re.finditer(pattern, sentence, re.IGNORECASE)]


def call_restraint(s: str) -> list[Span]:
    """Appeals for restraint or de-escalation (CAMEO 0256).

    Phrases: "called for restraint", "urged all sides to show restraint", "de-escalation", "to avoid further
    violence", "refrain from violence", "act responsibly", "called for an end to the violence".
    """
    return _all(
        r"\brestraint\b|\bde-?escalat\w*|\bavoid (?:any |further )?(?:violence|escalation|bloodshed)|"
        r"\brefrain from (?:the use of )?(?:violence|force)|\bact responsibly\b|"
        r"\b(?:an end|a halt|a stop) to (?:the )?(?:violence|bloodshed|clashes|fighting)\b",
        s,
    )


def reject_talks(s: str) -> list[Span]:
    """Ruling out talks (CAMEO 125, hardline).

    Phrases: "ruled out talks", "no negotiations with", "rejected dialogue", "talks are out of the question".
    """
    return _all(
        r"\b(?:rul\w+ out|reject\w*|no|refus\w+)\b (?:\w+ ){0,3}(?:talks|negotiations|dialogue)\b|"
        r"\b(?:talks|negotiations) (?:are|were|is) (?:out of the question|impossible)",
        s,
    )


def call_dialogue(s: str) -> list[Span]:
    """Appeals for a peaceful settlement or dialogue (CAMEO 027; PETRARCH2: SEEK PEACEFUL SOLUTION, CALL FOR PEACE).

    Phrases: "a peaceful solution", "peaceful resolution", "resolve the crisis peacefully", "through dialogue",
    "called for dialogue", "within the law", "a peaceful way out".
    """
    if reject_talks(s):
        return []
    return _all(
        r"\bpeaceful(?:,? [\w-]+)? (?:solution|resolution|settlement|way out|means)|\b(?:through|via|by) dialogue\b|"
        r"\bdialogue\b|\bresolv\w+ (?:\w+ ){0,3}peacefully|\bwithin the (?:framework of the )?(?:law|constitution)|"
        r"\bcall\w* for peace\b",
        s,
    )


def call_calm(s: str) -> list[Span]:
    """Appeals for calm or for protesters to stop (CAMEO 0252).

    Phrases: "urged calm", "called for calm", "appealed for calm", "not to give in to provocations", "urged
    protesters to go home", "asked people to disperse", "not to respond to calls to storm".
    """
    return _all(
        r"\b(?:urg|call|appeal|ask)\w* (?:\w+ ){0,4}(?:for )?calm\b|\bcalm down\b|"
        r"\bnot to (?:give in|succumb|respond|heed|yield) (?:\w+ ){0,3}(?:provocations?|calls)|"
        r"\b(?:urg|ask|call)\w* (?:on )?(?:\w+ ){0,3}(?:protesters|demonstrators|people|citizens|residents|youth) "
        r"(?:to )?(?:go home|disperse|stay (?:at )?home|stop|leave)",
        s,
    )


def call_rights(s: str) -> list[Span]:
    """Appeals for rights, press freedom or internet access (CAMEO 0243; PETRARCH2: URGE HUMAN RIGHTS).

    Phrases: "respect human rights", "respect the rights of peaceful protesters", "press freedom", "freedom of
    expression", "the right to peaceful assembly", "restore internet access", "internet to be restored". Not the
    title "High Commissioner for Human Rights".
    """
    return _all(
        r"(?<!commissioner for )(?<!council for )\bhuman rights\b(?! (?:groups|organi[sz]ations|activists|watch|"
        r"council|office|chief|commissioner))|\brespect (?:for )?(?:the )?rights\b|\bpress freedom|\bfreedom of "
        r"(?:expression|assembly|the press|speech)|\bright to (?:peaceful )?(?:protest|assembly|assemble)|"
        r"\brestor\w+ (?:\w+ ){0,2}internet|\binternet (?:access )?(?:to )?be restored",
        s,
    )


def appeal_for_help(s: str) -> list[Span]:
    """Asking allies for military help (CAMEO 0234; PETRARCH2: ASK (FOR HELP) (IN SECURITY)).

    Phrases: "asked the CSTO for help", "appealed to the Collective Security Treaty Organization", "requested
    assistance from CSTO partners", "turned to the Russian-led alliance for help", "appealed to the
    leaders of CSTO states".
    """
    return _all(
        r"\b(?:ask|appeal|request|turn|call)\w* (?:on |to )?(?:\w+ ){0,6}?(?:for )?(?:help|assistance)\b"
        r"(?=[^.]{0,80}\b(?:CSTO|Collective Security|alliance|Russia|allies|partners|bloc))|"
        r"\b(?:ask|appeal|turn)\w* to [^.]{0,40}?(?:CSTO|Collective Security Treaty|Russian-led|Russia-led|Moscow-led)|"
        r"\b(?:ask|appeal|request)\w* (?:\w+ ){0,3}(?:CSTO|Collective Security Treaty Organi[sz]ation) "
        r"(?:\w+ ){0,2}(?:for )?(?:help|assistance|support|peacekeep\w*)",
        s,
    )


def offer_assistance(s: str) -> list[Span]:
    """Offers or decisions to send help (CAMEO 0334; PETRARCH2: READY MILITARY PEACEKEEPING).

    Phrases: "ready to help", "stands ready to", "offered assistance", "would send peacekeepers", "agreed to send
    troops", "decided to dispatch a contingent", "readiness to participate", "approved the decision to
    send".
    """
    return _all(
        r"\bready to (?:send|help|provide|assist|offer|take part|participate|share|cooperate|support|contribute)|"
        r"\bstands? ready\b|"
        r"\boffer\w* (?:\w+ ){0,2}(?:help|assistance|support|aid)\b|\b(?:will|would|agreed to|decided to) "
        r"(?:send|dispatch|deploy) (?:\w+ ){0,2}(?:troops|peacekeep\w+|forces|contingent|soldiers)|"
        r"\breadiness to (?:help|assist|participate|send|take part)|\bdecision to (?:send|dispatch|deploy)",
        s,
    )


def support_government(s: str) -> list[Span]:
    """Backing the Kazakh authorities (CAMEO 051; rallying behind them, 053 in :func:`rally_support`).

    Phrases: "expressed support for", "backed Tokayev", "supports the Kazakh authorities", "solidarity with",
    "stands with Kazakhstan", "supported the measures taken by", "backs the steps", "to express solidarity".
    """
    return _all(
        r"\bexpress\w* (?:\w+ ){0,2}support\b|\b(?:fully |firmly |strongly )?(?:back\w*|support\w*) "
        r"(?:the )?(?:Kazakh\w*|Tokayev|(?:Kazakh )?(?:authorities|leadership|government)|(?:his|its) (?:efforts|"
        r"counterpart))|\bsolidarity with\b|\bexpress\w* (?:its |his |her |their |full )?solidarity\b|"
        r"\bstands? (?:by|with) (?:Kazakhstan|the Kazakh)|"
        r"\b(?:back|support)(?:s|ed|ing)? (?:the |its |their |all )?(?:measures|steps|efforts|actions|decisions?)\b",
        s,
    )


def rally_support(s: str) -> list[Span]:
    """Calls to unite behind the authorities (CAMEO 053).

    Phrases: "called on people to unite around the president", "rally behind Tokayev", "urging Kazakhs to support the
    president".
    """
    return _all(
        r"\bunite (?:around|behind)\b|\brally (?:around|behind)\b|"
        r"\b(?:urg|call|appeal|ask)\w* (?:on |to )?(?:\w+ ){0,3}?to (?:support|back|stand behind) "
        r"(?:the (?:president|authorities|government|leadership)|Tokayev)\b",
        s,
    )


def gratitude(s: str) -> list[Span]:
    """Thanks (CAMEO 051; PETRARCH2: THANK, APPRECIATE).

    Phrases: "thanked Putin", "expressed gratitude", "grateful for", "expressed appreciation".
    """
    return _all(r"\bthank\w*|\bgratitude\b|\bgrateful\b|\bappreciation\b|\bappreciate[sd]?\b", s)


def deny_involvement(s: str) -> list[Span]:
    """Denials of involvement (CAMEO 016; PETRARCH2: DENY INVOLVEMENT, ACCUSATION, CHARGES).

    Phrases: "denied any involvement", "denied that", "denied reports", "rejected claims that", "dismissed
    accusations", "claims ... are false", "nothing to do with". Denying rumours about a person is reassurance.
    """
    return _all(
        r"\bden(?:y|ied|ies)\b (?:\w+ ){0,4}(?:involvement|role|part|link|accusations|allegations|claims|charges)|"
        r"\bden(?:y|ied|ies)\b (?:that|(?:media |press )?reports)\b|"
        r"\b(?:reject|dismiss|refut)\w* (?:\w+ ){0,3}(?:claims|accusations|allegations|suggestions)\b|"
        r"\b(?:claims|accusations|allegations)\b[^.]{0,60}\b(?:false|absurd|baseless|groundless|disinformation)|"
        r"\bnothing to do with\b",
        s,
    )


def accuse(s: str) -> list[Span]:
    """Accusations and the terrorist framing (CAMEO 112; PETRARCH2: BLAME).

    Phrases: "blamed foreign-trained terrorists", "accused", "terrorist gangs", "bandits", "trained abroad",
    "an attempted coup", "foreign interference", "extremists", "inspired from outside", "a colour revolution",
    "external forces". Not
    the name of an operation ("counter-terrorist operation").
    """
    return _all(
        r"\bblam\w+|\baccus\w+|(?<!counter-)(?<!anti-)\bterrorists?\b(?! operation)|"
        r"\bterrorist (?:gangs|groups|bandits)|\bbandits\b|"
        r"\b(?:foreign|abroad)[- ]trained|\btrained abroad\b|\b(?:attempted coup|coup attempt|coup d'état)|"
        r"\bforeign (?:interference|meddling|instigat\w+)|\bextremists?\b|"
        r"\b(?:inspired|orchestrated|directed|organi[sz]ed|fuell?ed) from (?:the )?(?:outside|abroad)\b|"
        r"\bcolou?r revolutions?\b|\bexternal forces\b",
        s,
    )


def threaten(s: str) -> list[Span]:
    """Threats of force (CAMEO 137).

    Phrases: "fire without warning", "shoot to kill", "will be destroyed", "eliminate", "crush", "with all
    decisiveness", "act as toughly as possible", "no mercy".
    """
    return _all(
        r"\b(?:shoot|fire|kill)(?:ing)? without (?:prior )?warning|\bshoot[- ]to[- ]kill|"
        r"\b(?:will|would|must) be (?:destroyed|eliminated|crushed)|\b(?:destroy|eliminat|crush|annihilat)\w*|"
        r"\bwith all (?:decisiveness|resolve|severity)|\bas toughly as possible|\bno mercy\b|\btough(?:est)? measures",
        s,
    )


def reassurance(s: str) -> list[Span]:
    """Saying things are under control or denying rumours (CAMEO 010).

    Phrases: "the situation is under control", "has stabilised", "denied rumours", "rumours ... are untrue",
    "order has been restored".
    """
    return _all(
        r"\bunder (?:full )?control\b|\bstabili[sz](?:ed|ing|ation)\b|\b(?:den\w+|dismiss\w+|refut\w+) "
        r"(?:\w+ ){0,3}rumou?rs|\brumou?rs\b[^.]{0,40}\b(?:false|untrue|baseless)|\border (?:has been|was|had been) "
        r"restored\b",
        s,
    )


def assert_authority(s: str) -> list[Span]:
    """Asserting or taking over power (CAMEO 010).

    Phrases: "took over as head of the Security Council", "keep his grip on power", "remain in charge".
    """
    return _all(
        r"\btook over as\b|\btaking over as\b|\bgrip on power\b|\b(?:remain|stay|keep)\w* (?:firmly )?in "
        r"(?:control|charge)\b",
        s,
    )


def condolences(s: str) -> list[Span]:
    """Condolences (CAMEO 018; PETRARCH2: EXPRESS, OFFER, EXTEND CONDOLENCES).

    Phrases: "offered condolences", "expressed sympathy", "extended condolences to the families".
    """
    return _all(r"\bcondolences?\b|\bsympath(?:y|ies)\b", s)


def declare_mourning(s: str) -> list[Span]:
    """A day of mourning declared or observed (CAMEO 017).

    Phrases: "declared a day of national mourning", "a national day of mourning".
    """
    return _all(r"\bday of (?:national )?mourning\b|\bnational mourning\b", s)


def concern(s: str) -> list[Span]:
    """Concern voiced without a call (CAMEO 012; stance informational).

    Phrases: "expressed concern", "deeply concerned", "alarmed by", "worried about", "troubled by", "following the
    events closely", "following closely developments". Not "all concerned" (the addressees of an appeal).
    """
    return _all(
        r"\b(?:express\w* )?(?:deep |grave )?concern(?:ed)?\b(?<!all concerned)(?<!those concerned)"
        r"(?<!parties concerned)|\balarmed\b|\b(?:worried|troubled|disturbed)\b|"
        r"\b(?:closely )?(?:following|monitoring) (?:closely )?(?:the )?(?:events|situation|developments)(?: closely)?",
        s,
    )


def condemn(s: str) -> list[Span]:
    """Condemnation and criticism (CAMEO 111; PETRARCH2: DENOUNCE, CRITICIZE; stance informational, the reviewer
    says of whom).

    Phrases: "condemned the violence", "denounced the attacks", "criticised the shoot-to-kill order", "slammed",
    "called the order unacceptable", "was disproportionate".
    """
    return _all(
        r"\b(?:condemn|denounc|criticis|criticiz|castigat|rebuk)\w*|\bslamm?(?:ed|s)\b|\b(?:called|calling|was|is) "
        r"(?:[\w-]+ ){0,4}?(?:unacceptable|outrageous|disproportionate)\b",
        s,
    )


def disapprove(s: str) -> list[Span]:
    """Doubts and disapproval short of condemnation (CAMEO 110; PETRARCH2: CAST DOUBT).

    Phrases: "questioned the need for the deployment", "questioned why", "cast doubt on", "has real questions",
    "raised questions about".
    """
    return _all(
        r"\bquestion(?:ed|s|ing)? (?:the need|why|whether|the (?:legitimacy|decision|wisdom))\b|\bcast\w* doubts? on\b|"
        r"\breal questions\b|\brais\w+ (?:serious )?questions\b",
        s,
    )


def praise(s: str) -> list[Span]:
    """Praise, welcome and recognition (CAMEO 051; PETRARCH2: ACCLAIM = PRAISE, COMMEND, HAIL, WELCOME,
    CONGRATULATE, RECOGNIZE).

    Phrases: "praised the decisive measures", "welcomed the decision", "welcomes", "commended the peacekeepers",
    "hailed", "congratulated", "recognised Kazakhstan's request as legitimate", "the request was legitimate".
    """
    return _all(
        r"\b(?:prais|commend|hail|welcom|applaud|congratulat)(?:es|ed|ing)\b|"
        r"\brecogni[sz]\w* (?:\w+ ){0,3}(?:request|appeal|decision|right)\b|"
        r"\b(?:request|appeal|decision) (?:\w+ ){0,3}(?:was|is|as) (?:fully )?(?:legitimate|lawful|justified)\b",
        s,
    )
