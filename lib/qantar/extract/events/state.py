"""Event rules for what the state declared or decided: a state of emergency and its end, court verdicts, mourning,
the government's resignation, appointments and the transfer of power.
"""

from __future__ import annotations

import re

from qantar.extract import dates
from qantar.extract.core import Doc
from qantar.extract.events.kinds import Hit, _scan, _simple

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
