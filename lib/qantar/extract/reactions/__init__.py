"""Extraction rules for reactions: who said or did what, on which channel, to whom, with a proposed CAMEO code.

A reaction is a sentence with a stance cue (a verb phrase from :data:`LEXICON`) and an actor. Each stance rule is a
small function ``rule(sentence) -> list[(start, end)]`` with its phrases in its docstring; :data:`LEXICON` gives
each rule its stance (the project's reactions.stance vocabulary) and CAMEO code. The CAMEO label is read from the
vendored code list (:func:`qantar.cameo.cameo_label`), so it is always the label validation expects.

Several verb patterns follow PETRARCH2's CAMEO verb dictionary (github.com/openeventdata/petrarch2,
``petrarch2/data/dictionaries/CAMEO.2.0.txt`` @ 676801cd9cb2924bbbad09f86d15c9323e7097bf, MIT licence,
Copyright (c) 2014 Open Event Data): DENY + INVOLVEMENT/ACCUSATION/CHARGES [016]; ASK + (FOR HELP) [0234];
READY + MILITARY PEACEKEEPING [0334]; SEEK + PEACEFUL SOLUTION and CALL/APPEAL (FOR PEACE) [027]; URGE + HUMAN
RIGHTS [0243]; EXPRESS/OFFER/EXTEND + CONDOLENCES [018]; BLAME [112]; THANK/APPRECIATE [051]; ACCLAIM (PRAISE,
COMMEND, HAIL, WELCOME, CONGRATULATE, RECOGNIZE) [051]; DENOUNCE/CRITICIZE [111]; PLEDGE + SUPPORT [032]; DISCUSS,
CONSULT, CONFER [040]; HOPE (FOR PEACE) [013]; WARN [130]; ADVISE (AGAINST TRAVEL), TRAVEL WARNING [160]; SEND/DEPLOY
+ &PKO [0334, here 074 when sent]; DEMAND [100]; CALL (FOR)/(ON), SUGGEST [020]; CAST DOUBT [110]. Patterns were
rewritten as regular expressions here; nothing of the file is copied (see reference/PROVENANCE.md).

Speakers: the nearest subject before the cue, else the one after it ("..., Peskov said"); the speaker named after a
quote holding the cue ('"We are ready to help," the foreign ministry said'); the body after "a spokesman for"; and
every actor coordinated with the speaker ("the EU and the UN called for ..."), one candidate each. A sentence with
no cue but a speaker next to "said" gives a bare statement (010), unless it carries a casualty figure or the
speaker is a Kazakh ministry (an event report); "He said ..." gives one by the previous speaker. A year before 2022
between speaker and cue, or setting the scene ("In 2011, ..."), marks a historical statement, which is left out. A
post quoted with its signature ("— Name (@handle) January 5, 2022") is its author's, dated by the signature.

Actors are found by role patterns ("President X", "Foreign Minister X", "the Kremlin", "the State Department", "UN
Secretary-General X", "Iran's foreign ministry spokesman X"), a short list of the people who spoke most in January
2022 (:data:`PEOPLE`), offices named without a holder ("the Kazakh leader", "the head of state", "the UN chief"),
unnamed officials ("a Russian diplomat" speaks for Russia), Kazakh local officials ("the regional akim"), and
metonyms ("Moscow said") through :func:`qantar.extract.places.mentions` with role ``actor``, or any country right
before a verb of speech or stance ("Germany advised").

Dates: the sentence's date expression when it frames the statement (near the cue or an actor), else the range from
the unrest's start to publication, so a date inside the reported clause ("stationed since last Thursday") does not
date the statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from qantar import settings
from qantar.cameo import cameo_label
from qantar.extract import dates, places
from qantar.extract.core import Candidate, Doc

if TYPE_CHECKING:  # pragma: no cover - typing only
    from qantar.dataset import Dataset

Span = tuple[int, int]
HISTORY_BEFORE = date(2021, 12, 1)  # a statement dated before this is background, not a reaction to the unrest

# ---------------------------------------------------------------- actors
KZ_GOV, KZ_OTHER, FOREIGN, INTL, OTHER = (
    "kazakh_government",
    "kazakh_other",
    "foreign_government",
    "international_organisation",
    "other",
)
ORGANISATIONS = {"un", "eu", "csto", "osce", "nato", "sco", "cis", "eaeu", "icrc"}


@dataclass(frozen=True)
class Actor:
    """A speaker: name as the reactions table writes it, office, kind and the state or organisation it speaks for."""

    name: str
    role: str
    kind: str
    actor_for: str


# Nationality adjectives and possessives -> place_id (ISO 3166 alpha-2 in lower case, as places.csv uses).
NATIONS = {
    "kazakh": "kz",
    "kazakhstan": "kz",
    "kazakhstani": "kz",
    "russian": "ru",
    "russia": "ru",
    "us": "us",
    "u.s.": "us",
    "american": "us",
    "united states": "us",
    "chinese": "cn",
    "china": "cn",
    "tajik": "tj",
    "tajikistan": "tj",
    "uzbek": "uz",
    "uzbekistan": "uz",
    "kyrgyz": "kg",
    "kyrgyzstan": "kg",
    "armenian": "am",
    "armenia": "am",
    "belarusian": "by",
    "belarus": "by",
    "turkish": "tr",
    "turkey": "tr",
    "german": "de",
    "germany": "de",
    "french": "fr",
    "france": "fr",
    "british": "gb",
    "britain": "gb",
    "uk": "gb",
    "iranian": "ir",
    "iran": "ir",
    "ukrainian": "ua",
    "ukraine": "ua",
    "azerbaijani": "az",
    "turkmen": "tm",
    "japanese": "jp",
    "japan": "jp",
    "indian": "in",
    "india": "in",
    "polish": "pl",
    "poland": "pl",
    "eu": "eu",
    "european": "eu",
    "un": "un",
    "u.n.": "un",
    "pakistani": "pk",
    "pakistan": "pk",
    "lithuanian": "lt",
    "lithuania": "lt",
    "latvian": "lv",
    "latvia": "lv",
    "estonian": "ee",
    "estonia": "ee",
    "georgian": "ge",
    "georgia": "ge",
    "mongolian": "mn",
    "mongolia": "mn",
    "afghan": "af",
    "afghanistan": "af",
    "italian": "it",
    "italy": "it",
    "spanish": "es",
    "spain": "es",
    "dutch": "nl",
    "swedish": "se",
    "sweden": "se",
    "canadian": "ca",
    "canada": "ca",
    "australian": "au",
    "israeli": "il",
    "israel": "il",
    "saudi": "sa",
    "qatari": "qa",
    "qatar": "qa",
    "egyptian": "eg",
    "egypt": "eg",
    "hungarian": "hu",
    "hungary": "hu",
    "czech": "cz",
    "serbian": "rs",
    "serbia": "rs",
    "moldovan": "md",
    "finnish": "fi",
    "finland": "fi",
    "norwegian": "no",
    "norway": "no",
    "swiss": "ch",
    "austrian": "at",
    "austria": "at",
    "south korean": "kr",
    "korean": "kr",
    "azerbaijan": "az",
    "turkmenistan": "tm",
    "csto": "csto",
}
ADJECTIVES = {
    "kz": "Kazakh",
    "ru": "Russian",
    "us": "US",
    "cn": "Chinese",
    "tj": "Tajik",
    "uz": "Uzbek",
    "kg": "Kyrgyz",
    "am": "Armenian",
    "by": "Belarusian",
    "tr": "Turkish",
    "de": "German",
    "fr": "French",
    "gb": "British",
    "ir": "Iranian",
    "ua": "Ukrainian",
    "az": "Azerbaijani",
    "tm": "Turkmen",
    "jp": "Japanese",
    "in": "Indian",
    "pl": "Polish",
    "eu": "EU",
    "un": "UN",
    "pk": "Pakistani",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "ee": "Estonian",
    "ge": "Georgian",
    "mn": "Mongolian",
    "af": "Afghan",
    "it": "Italian",
    "es": "Spanish",
    "nl": "Dutch",
    "se": "Swedish",
    "ca": "Canadian",
    "au": "Australian",
    "il": "Israeli",
    "sa": "Saudi",
    "qa": "Qatari",
    "eg": "Egyptian",
    "hu": "Hungarian",
    "cz": "Czech",
    "rs": "Serbian",
    "md": "Moldovan",
    "fi": "Finnish",
    "no": "Norwegian",
    "ch": "Swiss",
    "at": "Austrian",
    "kr": "South Korean",
}
COUNTRY_NAMES = {
    "kz": "Kazakhstan",
    "ru": "Russia",
    "us": "the United States",
    "cn": "China",
    "tj": "Tajikistan",
    "uz": "Uzbekistan",
    "kg": "Kyrgyzstan",
    "am": "Armenia",
    "by": "Belarus",
    "tr": "Turkey",
    "de": "Germany",
    "fr": "France",
    "gb": "the United Kingdom",
    "ir": "Iran",
    "ua": "Ukraine",
    "az": "Azerbaijan",
    "tm": "Turkmenistan",
    "jp": "Japan",
    "in": "India",
    "pl": "Poland",
    "eu": "the European Union",
    "un": "the United Nations",
    "csto": "the CSTO",
    "pk": "Pakistan",
    "lt": "Lithuania",
    "lv": "Latvia",
    "ee": "Estonia",
    "ge": "Georgia",
    "mn": "Mongolia",
    "af": "Afghanistan",
    "it": "Italy",
    "es": "Spain",
    "nl": "the Netherlands",
    "se": "Sweden",
    "ca": "Canada",
    "au": "Australia",
    "il": "Israel",
    "sa": "Saudi Arabia",
    "qa": "Qatar",
    "eg": "Egypt",
    "hu": "Hungary",
    "cz": "the Czech Republic",
    "rs": "Serbia",
    "md": "Moldova",
    "fi": "Finland",
    "no": "Norway",
    "ch": "Switzerland",
    "at": "Austria",
    "kr": "South Korea",
}
_ADJ = (
    r"(?:Kazakhstan(?:'s|’s)?|Kazakh|Kazakhstani|Russia(?:'s|’s)|Russian|U\.S\.|US|American|United States(?:'s|’s)?|"
    r"China(?:'s|’s)|Chinese|Tajik|Uzbek|Kyrgyz|Armenian|Belarusian|Turkish|Turkey(?:'s|’s)|German|French|British|"
    r"Iranian|Ukrainian|Azerbaijani|Turkmen|Japanese|Indian|Polish|EU(?:'s|’s)?|European|UN(?:'s|’s)?|U\.N\.(?:'s|’s)?|"
    r"(?:Uzbekistan|Tajikistan|Kyrgyzstan|Belarus|Armenia|Germany|France|Britain|Japan|India|Iran|Ukraine|Poland|"
    r"Azerbaijan|Turkmenistan|Pakistan|Lithuania|Latvia|Estonia|Georgia|Mongolia|Afghanistan|Italy|Spain|Sweden|"
    r"Canada|Israel|Qatar|Egypt|Hungary|Serbia|Finland|Norway|Austria)(?:'s|’s)|"
    r"Pakistani|Lithuanian|Latvian|Estonian|Georgian|Mongolian|Afghan|Italian|Spanish|Dutch|Swedish|Canadian|"
    r"Australian|Israeli|Saudi|Qatari|Egyptian|Hungarian|Czech|Serbian|Moldovan|Finnish|Norwegian|Swiss|Austrian|"
    r"South Korean)"
)

# People who spoke most on the January 2022 unrest: surname -> actor. A first mention may add the first name.
PEOPLE: dict[str, Actor] = {
    "Tokayev": Actor("Kassym-Jomart Tokayev", "President of Kazakhstan", KZ_GOV, "kz"),
    "Nazarbayev": Actor("Nursultan Nazarbayev", "Former President of Kazakhstan", KZ_OTHER, "kz"),
    "Smailov": Actor("Alikhan Smailov", "Acting Prime Minister of Kazakhstan", KZ_GOV, "kz"),
    "Tileuberdi": Actor("Mukhtar Tileuberdi", "Foreign Minister of Kazakhstan", KZ_GOV, "kz"),
    "Uali": Actor("Berik Uali", "Press secretary of the President of Kazakhstan", KZ_GOV, "kz"),
    "Ukibay": Actor("Aidos Ukibay", "Press secretary of Nursultan Nazarbayev", KZ_OTHER, "kz"),
    "Ukibai": Actor("Aidos Ukibai", "Press secretary of Nursultan Nazarbayev", KZ_OTHER, "kz"),
    "Putin": Actor("Vladimir Putin", "President of Russia", FOREIGN, "ru"),
    "Lavrov": Actor("Sergei Lavrov", "Foreign Minister of Russia", FOREIGN, "ru"),
    "Peskov": Actor("Dmitry Peskov", "Kremlin spokesman", FOREIGN, "ru"),
    "Zakharova": Actor("Maria Zakharova", "Russian Foreign Ministry spokeswoman", FOREIGN, "ru"),
    "Shoigu": Actor("Sergei Shoigu", "Defence Minister of Russia", FOREIGN, "ru"),
    "Volodin": Actor("Vyacheslav Volodin", "Speaker of the Russian State Duma", FOREIGN, "ru"),
    "Biden": Actor("Joe Biden", "President of the United States", FOREIGN, "us"),
    "Blinken": Actor("Antony Blinken", "US Secretary of State", FOREIGN, "us"),
    "Psaki": Actor("Jen Psaki", "White House Press Secretary", FOREIGN, "us"),
    "Ned Price": Actor("Ned Price", "US State Department spokesperson", FOREIGN, "us"),
    "Guterres": Actor("Antonio Guterres", "UN Secretary-General", INTL, "un"),
    "Bachelet": Actor("Michelle Bachelet", "UN High Commissioner for Human Rights", INTL, "un"),
    "Borrell": Actor("Josep Borrell", "EU foreign policy chief", INTL, "eu"),
    "Michel": Actor("Charles Michel", "President of the European Council", INTL, "eu"),
    "Massrali": Actor("Nabila Massrali", "EU foreign-affairs spokesperson", INTL, "eu"),
    "Zas": Actor("Stanislav Zas", "CSTO Secretary General", INTL, "csto"),
    "Pashinyan": Actor(
        "Nikol Pashinyan", "Prime Minister of Armenia; chair of the CSTO Collective Security Council", INTL, "csto"
    ),
    "Lukashenko": Actor("Alexander Lukashenko", "President of Belarus", FOREIGN, "by"),
    "Mirziyoyev": Actor("Shavkat Mirziyoyev", "President of Uzbekistan", FOREIGN, "uz"),
    "Rahmon": Actor("Emomali Rahmon", "President of Tajikistan", FOREIGN, "tj"),
    "Japarov": Actor("Sadyr Japarov", "President of Kyrgyzstan", FOREIGN, "kg"),
    "Erdogan": Actor("Recep Tayyip Erdogan", "President of Turkey", FOREIGN, "tr"),
    "Xi": Actor("Xi Jinping", "President of China", FOREIGN, "cn"),
    "Wang Wenbin": Actor("Wang Wenbin", "Chinese Foreign Ministry spokesperson", FOREIGN, "cn"),
    "Wang Yi": Actor("Wang Yi", "Foreign Minister of China", FOREIGN, "cn"),
    "Zhao Lijian": Actor("Zhao Lijian", "Chinese Foreign Ministry spokesperson", FOREIGN, "cn"),
    "Tokaev": Actor("Kassym-Jomart Tokayev", "President of Kazakhstan", KZ_GOV, "kz"),
    # RFE/RL's transliteration ("Qasym-Zhomart Toqaev"): the same person, written as the table writes him
    "Toqaev": Actor("Kassym-Jomart Tokayev", "President of Kazakhstan", KZ_GOV, "kz"),
    "Turgumbayev": Actor("Erlan Turgumbayev", "Interior Minister of Kazakhstan", KZ_GOV, "kz"),
    "Zhaparov": Actor("Sadyr Japarov", "President of Kyrgyzstan", FOREIGN, "kg"),
    "Erdoğan": Actor("Recep Tayyip Erdogan", "President of Turkey", FOREIGN, "tr"),
    "Cavusoglu": Actor("Mevlut Cavusoglu", "Foreign Minister of Turkey", FOREIGN, "tr"),
    "Kamilov": Actor("Abdulaziz Kamilov", "Foreign Minister of Uzbekistan", FOREIGN, "uz"),
    "Aliyev": Actor("Ilham Aliyev", "President of Azerbaijan", FOREIGN, "az"),
    "Berdymukhamedov": Actor("Gurbanguly Berdymukhamedov", "President of Turkmenistan", FOREIGN, "tm"),
    "Matviyenko": Actor("Valentina Matviyenko", "Speaker of the Russian Federation Council", FOREIGN, "ru"),
    "Serdyukov": Actor("Andrei Serdyukov", "Commander of the CSTO peacekeeping force", INTL, "csto"),
    "Sullivan": Actor("Jake Sullivan", "US National Security Adviser", FOREIGN, "us"),
    "Dujarric": Actor("Stephane Dujarric", "Spokesperson for the UN Secretary-General", INTL, "un"),
    "Stoltenberg": Actor("Jens Stoltenberg", "NATO Secretary General", INTL, "nato"),
    "von der Leyen": Actor("Ursula von der Leyen", "President of the European Commission", INTL, "eu"),
    "Baerbock": Actor("Annalena Baerbock", "Foreign Minister of Germany", FOREIGN, "de"),
    "Kuleba": Actor("Dmytro Kuleba", "Foreign Minister of Ukraine", FOREIGN, "ua"),
    "Pope Francis": Actor("Pope Francis", "Head of the Catholic Church", OTHER, ""),
}
UPPER, LOWER = "A-ZÀ-ÖØ-ÞĀ-Ž", "a-zß-öø-ÿā-ž"  # Latin letters with accents ("Stéphane", "Erdoğan")
_PEOPLE_RE = re.compile(
    rf"\b(?:[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)? )?("
    + "|".join(sorted(map(re.escape, PEOPLE), key=len, reverse=True))
    + r")\b"
    r"(?!['’]s (?:government|office|administration|spokes\w+|press))"
)
TITLE = (
    r"(?:President|Prime Minister|Premier|Foreign Minister|Defen[cs]e Minister|Interior Minister|Secretary of State|"
    r"Secretary[- ]General|(?:[Cc]hief )?[Ss]pokes(?:man|woman|person)|[Pp]ress [Ss]ecretary|Ambassador|Chancellor|"
    r"High Representative|High Commissioner|Minister|Deputy Prime Minister|[Ff]oreign [Pp]olicy [Cc]hief|"
    r"[Rr]ights [Cc]hief)"
)
PERSON = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?(?: [{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?){{1,2}}"
_TITLED_RE = re.compile(
    rf"\b(?:(?P<adj>{_ADJ}) (?:(?:[Ff]oreign|[Dd]efen[cs]e|[Ii]nterior) (?:[Mm]inistry|[Oo]ffice) )?|"
    r"(?P<body>Kremlin|State Department|White House|Pentagon|Akorda|CSTO|NATO|EU|UN|U\.N\.) )?"
    rf"(?P<title>(?i:{TITLE})) (?P<name>{PERSON})\b"
)
BODY_NATION = {"Kremlin": "ru", "State Department": "us", "White House": "us", "Pentagon": "us", "Akorda": "kz"}
BODY_NATION.update({"CSTO": "csto", "NATO": "nato", "EU": "eu", "UN": "un", "U.N.": "un"})
BODIES: list[tuple[str, str, str]] = [  # (pattern, name template, role template); {c} = country adjective
    (r"Kremlin", "Kremlin", "Presidential administration of Russia"),
    (r"State Department|Department of State", "US State Department", "Department of State of the United States"),
    (r"White House", "White House", "Office of the President of the United States"),
    (
        r"(?:{adj} )?(?:[Ff]oreign [Mm]inistry|Ministry of Foreign Affairs|[Ff]oreign [Oo]ffice)",
        "{c} Foreign Ministry",
        "Ministry of Foreign Affairs of {n}",
    ),
    (r"(?:{adj} )?(?:[Dd]efen[cs]e [Mm]inistry)", "{c} Defence Ministry", "Ministry of Defence of {n}"),
    (r"(?:{adj} )?(?:[Ii]nterior [Mm]inistry)", "{c} Interior Ministry", "Ministry of Internal Affairs of {n}"),
    (
        r"(?:presidential|president's|president’s) (?:press )?(?:office|press service)|Akorda",
        "Presidential press office",
        "Press office of the President of Kazakhstan",
    ),
    (r"{adj} (?:government|authorities|leadership)", "{c} government", "Government of {n}"),
    (r"{adj} (?:[Ee]mbassy|[Cc]onsulate(?: [Gg]eneral)?)", "{c} Embassy", "Embassy of {n} in Kazakhstan"),
]
ORGS: list[tuple[str, Actor]] = [
    (
        r"United Nations|U\.N\.(?= |'s|’s)(?! [A-Z])|UN(?= |'s|’s)(?! [A-Z])",
        Actor("United Nations", "United Nations", INTL, "un"),
    ),
    (r"European Union|EU(?= |'s|’s)(?! [A-Z])", Actor("European Union", "European Union", INTL, "eu")),
    (
        r"European Parliament|EU Parliament|MEPs|Members of the European Parliament",
        Actor("European Parliament", "European Parliament (plenary resolution)", INTL, "eu"),
    ),
    (
        r"CSTO|Collective Security Treaty Organi[sz]ation|"
        r"(?:Russian|Russia|Moscow)-led (?:military |security )?(?:alliance|bloc)",
        Actor("CSTO", "Collective Security Treaty Organization", INTL, "csto"),
    ),
    (r"OSCE", Actor("OSCE", "Organization for Security and Co-operation in Europe", INTL, "osce")),
    (r"NATO", Actor("NATO", "North Atlantic Treaty Organization", INTL, "nato")),
    (r"Human Rights Watch", Actor("Human Rights Watch", "Human rights organisation", OTHER, "")),
    (r"Amnesty International", Actor("Amnesty International", "Human rights organisation", OTHER, "")),
    (
        r"Committee to Protect Journalists|CPJ",
        Actor("Committee to Protect Journalists", "Press freedom group", OTHER, ""),
    ),
    (r"Reporters Without Borders|RSF", Actor("Reporters Without Borders", "Press freedom group", OTHER, "")),
    (r"Freedom House", Actor("Freedom House", "Human rights organisation", OTHER, "")),
    (
        r"International Committee of the Red Cross|ICRC|Red Cross",
        Actor("International Committee of the Red Cross", "Humanitarian organisation", OTHER, ""),
    ),
    (
        r"(?:human rights|rights) (?:groups|organi[sz]ations|activists)",
        Actor("Human rights organisations", "Unnamed human rights organisations", OTHER, ""),
    ),
]


@dataclass(frozen=True)
class ActorMention:
    """An actor named in a sentence: offsets into the text and who it is."""

    start: int
    end: int
    actor: Actor
    rule: str
    confidence: float


def _nation(adj: str | None) -> str:
    """place_id of a nationality adjective or possessive ("Russian", "China's"), '' when none."""
    if not adj:
        return ""
    return NATIONS.get(re.sub(r"(?:'s|’s)$", "", adj).lower(), "")


def _kind_for(place_id: str) -> str:
    """actor_kind of a government or organisation speaking for ``place_id``."""
    if place_id == "kz":
        return KZ_GOV
    if place_id in ORGANISATIONS:
        return INTL
    return FOREIGN if place_id else OTHER


def person_actor(text: str, start: int, end: int, learned: dict[str, Actor]) -> list[ActorMention]:
    """Known people ("Tokayev", "Vladimir Putin", "Ned Price") and people learned earlier in the text by title."""
    out = []
    for m in _PEOPLE_RE.finditer(text, start, end):
        out.append(ActorMention(m.start(), m.end(), PEOPLE[m.group(1)], "reactions.person_actor", 0.8))
    for surname, actor in learned.items():
        for m in re.finditer(rf"\b{re.escape(surname)}\b", text[start:end]):
            out.append(ActorMention(start + m.start(), start + m.end(), actor, "reactions.person_actor", 0.7))
    return out


def titled_actor(text: str, start: int, end: int) -> list[ActorMention]:
    """A title and a name: "Foreign Minister Mukhtar Tileuberdi", "Russian President Vladimir Putin",
    "UN Secretary-General Antonio Guterres", "Kazakh Interior Minister Erlan Turgumbayev", "spokesperson Ned Price",
    "Iran's foreign ministry spokesman Saeed Khatibzadeh", "Pentagon spokesman John Kirby".
    """
    out = []
    for m in _TITLED_RE.finditer(text, start, end):
        name = m.group("name")
        surname = name.split()[-1]
        if surname in PEOPLE or name in PEOPLE:
            known = PEOPLE.get(surname) or PEOPLE[name]
            out.append(ActorMention(m.start(), m.end(), known, "reactions.titled_actor", 0.85))
            continue
        nation = _nation(m.group("adj")) or BODY_NATION.get(m.group("body") or "", "")
        title = m.group("title")
        role = f"{title} of {COUNTRY_NAMES[nation]}" if nation else title
        if nation in ORGANISATIONS:
            role = f"{COUNTRY_NAMES[nation].replace('the ', '')} {title}"
        out.append(
            ActorMention(
                m.start(),
                m.end(),
                Actor(name, role, _kind_for(nation), nation),
                "reactions.titled_actor",
                0.75 if nation else 0.55,
            )
        )
    return out


def body_actor(text: str, start: int, end: int) -> list[ActorMention]:
    """A government body: "the Kremlin", "the State Department", "the White House", "Russia's foreign ministry",
    "the Chinese Foreign Ministry", "the presidential press office", "the Kazakh authorities", "the U.S. embassy".
    """
    out = []
    for pattern, name_t, role_t in BODIES:
        rx = re.compile(r"\b" + pattern.replace("{adj}", f"(?P<adj>{_ADJ})") + r"\b")
        for m in rx.finditer(text, start, end):
            adj = m.groupdict().get("adj")
            nation = (
                _nation(adj)
                if adj
                else {
                    "Kremlin": "ru",
                    "US State Department": "us",
                    "White House": "us",
                    "Presidential press office": "kz",
                }.get(name_t, "")
            )
            if "{c}" in name_t and not nation:
                nation = ""  # "the foreign ministry" without a country: the reviewer says whose
            country = COUNTRY_NAMES.get(nation, "").replace("the ", "")
            adjective = ADJECTIVES.get(nation, "")
            name = name_t.format(c=adjective).strip() if "{c}" in name_t else name_t
            role = role_t.format(n=country or "an unnamed state")
            conf = 0.75 if nation else 0.4
            out.append(
                ActorMention(
                    m.start(), m.end(), Actor(name, role, _kind_for(nation), nation), "reactions.body_actor", conf
                )
            )
    return out


def org_actor(text: str, start: int, end: int) -> list[ActorMention]:
    """An organisation: "the United Nations", "the EU", "the European Parliament" / "MEPs" (its resolutions), "the
    CSTO", "the OSCE", "Human Rights Watch", "Amnesty International", "rights groups"."""
    out = []
    for pattern, actor in ORGS:
        for m in re.finditer(rf"\b(?:{pattern})", text[start:end]):
            out.append(ActorMention(start + m.start(), start + m.end(), actor, "reactions.org_actor", 0.7))
    return out


# A verb that makes the country before it a speaker ("Germany advised", "Russia and Belarus said").
VERB_AFTER = re.compile(
    r"^(?:\s+and\s+(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})?(?:\s*,[^,.]{1,40},)?\s+(?:has\s+|have\s+|had\s+|"
    r"also\s+|on\s+\w+\s+)?(?:said|says|urged|called|advised|warned|expressed|voiced|offered|sent|deployed|welcomed|"
    r"condemned|denied|rejected|ordered|asked|appealed|announced|agreed|decided|pledged|promised|praised|"
    r"critici[sz]ed|thanked|backed|supported|evacuated|stands?|stood|is|was|wants|hopes?|hoped|insisted|stressed|"
    r"questioned|demanded|blamed|accused|dispatched|denounced|stated|expressed|summoned|\w+ed)\b"
)


# "protests in Kazakhstan erupted": a country after a preposition is where, not who; after "why", "whether",
# "that" or "said" it is the subject of a reported clause ("questioned why Kazakhstan had turned to ...").
PLACE_BEFORE = re.compile(
    r"\b(?:in|of|to|from|across|with|for|on|at|by|into|over|near|against|why|whether|that|how|if|said|says)\s+"
    r"(?:the\s+)?$",
    re.I,
)


def metonym_actor(text: str, mentions: list[places.PlaceMention], start: int, end: int) -> list[ActorMention]:
    """A place standing for its state ("Moscow said", "Washington urged", "Beijing backed"): places.mentions with
    role actor; also a country (any role) followed by a verb of speech or stance ("Germany advised its citizens",
    "Russia and Belarus said")."""
    out = []
    for p in mentions:
        if not start <= p.start < end:
            continue
        if p.role != "actor" and not (
            p.kind == "country"
            and VERB_AFTER.search(text[p.end : min(end, p.end + 90)])
            and not PLACE_BEFORE.search(text[max(start, p.start - 12) : p.start])
        ):
            continue
        pid = p.place_id if p.kind in ("country", "organisation") else (p.country_code or "").lower()
        country = COUNTRY_NAMES.get(pid, p.name).replace("the ", "")
        role = country if p.kind == "organisation" else f"Government of {country}"
        out.append(
            ActorMention(p.start, p.end, Actor(country, role, _kind_for(pid), pid), "reactions.metonym_actor", 0.5)
        )
    return out


_OFFICIAL_RE = re.compile(
    rf"\b(?:(?:a|an|one|two|several|some)\s+)?(?:(?:senior|top|high-ranking|unnamed)\s+)?(?P<adj>{_ADJ})\s+"
    r"(?:government\s+|administration\s+|security\s+|military\s+)?(?P<who>officials?|diplomats?|envoys?|"
    r"representatives?)\b"
)


def unnamed_official_actor(text: str, start: int, end: int) -> list[ActorMention]:
    """An unnamed official standing for a state or organisation: "a Russian diplomat", "a senior US official", "EU
    officials", "Kazakh officials", "a Chinese envoy". Not a journalist, analyst or expert of that nationality.
    """
    out = []
    for m in _OFFICIAL_RE.finditer(text, start, end):
        nation = _nation(m.group("adj"))
        if not nation:
            continue
        country = COUNTRY_NAMES.get(nation, nation).replace("the ", "")
        name = "Kazakh officials" if nation == "kz" else country  # "Kazakhstan" would read as the state itself
        role = f"{'Government of ' if nation not in ORGANISATIONS else ''}{country} (unnamed {m.group('who')})"
        out.append(
            ActorMention(
                m.start(),
                m.end(),
                Actor(name, role, _kind_for(nation), nation),
                "reactions.unnamed_official_actor",
                0.5,
            )
        )
    return out


_LOCAL_RE = re.compile(
    r"\b(?:[Tt]he )?(?P<where>[A-Z][a-z]+(?:['’]s)? |(?:[A-Z][a-z]+ )?(?:regional|city|local) )?(?P<deputy>deputy )?"
    r"(?P<office>akim|mayor|governor)\b(?! [A-Z])(?: of (?:the )?(?P<of>[A-Z][a-z]+(?: region)?))?"
    rf"(?:, (?P<name>{PERSON})\b)?"
)


def local_official_actor(text: str, start: int, end: int) -> list[ActorMention]:
    """A Kazakh local head of administration named by office: "the regional akim", "Almaty's mayor", "the city
    mayor", "the akim of Mangystau region", "the Aktobe governor", and with the name after a comma: "the deputy mayor
    of Almaty, Yerlan Zhaksylykov" (kazakh_government; the reviewer checks whose).
    """
    out = []
    for m in _LOCAL_RE.finditer(text, start, end):
        name = " ".join(w for w in ((m.group("where") or "").strip(), m.group("office")) if w)
        name = re.sub(r"['’]s\b", "", name)
        if m.group("of"):
            name = f"{m.group('of')} {m.group('office')}"
        role = f"{'Deputy head' if m.group('deputy') else 'Head'} of a Kazakh regional or city administration (akim)"
        if m.group("name"):
            role, name = f"{m.group('deputy') or ''}{name}".capitalize(), m.group("name")
        out.append(
            ActorMention(m.start(), m.end(), Actor(name, role, KZ_GOV, "kz"), "reactions.local_official_actor", 0.5)
        )
    return out


# Who held an office named without a name, 1-11 January 2022: (place_id, office) -> a key of PEOPLE.
OFFICE_HOLDERS = {
    ("kz", "president"): "Tokayev",
    ("kz", "leader"): "Tokayev",
    ("kz", "foreign minister"): "Tileuberdi",
    ("ru", "president"): "Putin",
    ("ru", "leader"): "Putin",
    ("ru", "foreign minister"): "Lavrov",
    ("us", "president"): "Biden",
    ("us", "secretary of state"): "Blinken",
    ("cn", "president"): "Xi",
    ("cn", "leader"): "Xi",
    ("cn", "foreign minister"): "Wang Yi",
    ("tr", "president"): "Erdogan",
    ("uz", "president"): "Mirziyoyev",
    ("kg", "president"): "Japarov",
    ("tj", "president"): "Rahmon",
    ("by", "president"): "Lukashenko",
    ("by", "leader"): "Lukashenko",
    ("un", "secretary-general"): "Guterres",
    ("un", "secretary general"): "Guterres",
    ("un", "chief"): "Guterres",
    ("un", "human rights chief"): "Bachelet",
    ("un", "rights chief"): "Bachelet",
    ("un", "high commissioner for human rights"): "Bachelet",
    ("eu", "foreign policy chief"): "Borrell",
    ("kremlin", "leader"): "Putin",
}
_OFFICE_RE = re.compile(
    r"(?<!former )(?<!ex-)\b(?:(?P<first>(?:[Tt]he )?(?:[Ff]ormer|[Ff]irst|[Ee]x-)(?: Kazakh)? [Pp]resident|[Ee]lbasy|"
    rf"the [Ll]eader of the [Nn]ation)|(?P<adj>{_ADJ}|Kremlin) (?P<office>[Pp]resident|[Ll]eader|"
    r"[Ff]oreign [Mm]inister|[Ss]ecretary of [Ss]tate|"
    r"(?:[Hh]uman )?[Rr]ights [Cc]hief|[Hh]igh [Cc]ommissioner for [Hh]uman [Rr]ights|"
    r"[Ss]ecretary[- ][Gg]eneral|[Cc]hief|[Ff]oreign [Pp]olicy [Cc]hief)|(?P<hos>[Tt]he head of state))\b(?! [A-Z])"
)


def office_holder_actor(text: str, start: int, end: int) -> list[ActorMention]:
    """An office named without its holder, resolved to who held it in January 2022: "the Kazakh president", "the
    Russian leader", "the Kremlin leader", "the US secretary of state", "the UN chief", "the head of state" (in these
    texts the Kazakh president); "the former president", "the first president", "Elbasy", "the Leader of the Nation"
    (Nazarbayev). Not "the former Kazakh president" as Tokayev.
    """
    out = []
    for m in _OFFICE_RE.finditer(text, start, end):
        if m.group("hos"):
            key = "Tokayev"
        elif m.group("first"):
            key = "Nazarbayev"
        else:
            adj = m.group("adj")
            nation = "kremlin" if adj == "Kremlin" else _nation(adj)
            office = m.group("office").lower()
            key = OFFICE_HOLDERS.get((nation, office)) or (
                OFFICE_HOLDERS.get((nation, "president"), "") if office == "leader" else ""
            )
        if key:
            out.append(ActorMention(m.start(), m.end(), PEOPLE[key], "reactions.office_holder_actor", 0.6))
    return out


def actors_in(
    text: str, start: int, end: int, mentions: list[places.PlaceMention], learned: dict[str, Actor]
) -> list[ActorMention]:
    """Every actor mention in text[start:end], longest first where they overlap, in text order."""
    found = (
        titled_actor(text, start, end)
        + person_actor(text, start, end, learned)
        + body_actor(text, start, end)
        + org_actor(text, start, end)
        + metonym_actor(text, mentions, start, end)
        + unnamed_official_actor(text, start, end)
        + office_holder_actor(text, start, end)
        + local_official_actor(text, start, end)
    )
    rank = {
        "reactions.titled_actor": 0,
        "reactions.person_actor": 1,
        "reactions.org_actor": 2,
        "reactions.body_actor": 3,
        "reactions.office_holder_actor": 2,
        "reactions.unnamed_official_actor": 2,
        "reactions.local_official_actor": 2,
    }
    found.sort(key=lambda a: (rank.get(a.rule, 4), -(a.end - a.start), a.start))
    kept: list[ActorMention] = []
    for a in found:
        if any(a.start < k.end and k.start < a.end for k in kept):
            continue
        # "Kremlin spokesman Dmitry Peskov", "State Department spokesperson Ned Price": the person speaks, not the body.
        if a.rule == "reactions.body_actor" and any(0 <= k.start - a.end <= 2 for k in kept if k.rule != a.rule):
            continue
        kept.append(a)
    return sorted(kept, key=lambda a: a.start)


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


@dataclass(frozen=True)
class Stance:
    """A stance rule: its function, the stance it codes and the proposed CAMEO code; summary template ({actor})."""

    rule: Callable[[str], list[Span]]
    stance: str
    code: str
    summary: str
    confidence: float


LEXICON: tuple[Stance, ...] = (
    Stance(call_restraint, "call_restraint", "0256", "{actor} called for restraint", 0.7),
    Stance(reject_talks, "hardline", "125", "{actor} ruled out talks", 0.6),
    Stance(call_dialogue, "call_dialogue", "027", "{actor} called for a peaceful settlement or dialogue", 0.6),
    Stance(call_calm, "call_calm", "0252", "{actor} called for calm", 0.65),
    Stance(call_rights, "call_rights", "0243", "{actor} called for rights or freedoms to be respected", 0.6),
    Stance(appeal_for_help, "appeal_for_help", "0234", "{actor} asked for outside help", 0.7),
    Stance(offer_assistance, "offer_assistance", "0334", "{actor} offered or agreed to send help", 0.65),
    Stance(rally_support, "support_government", "053", "{actor} urged people to rally behind the authorities", 0.6),
    Stance(
        support_government, "support_government", "051", "{actor} expressed support for the Kazakh authorities", 0.6
    ),
    Stance(gratitude, "gratitude", "051", "{actor} expressed thanks", 0.65),
    Stance(deny_involvement, "deny_involvement", "016", "{actor} denied involvement", 0.65),
    Stance(threaten, "hardline", "137", "{actor} threatened force", 0.6),
    Stance(accuse, "hardline", "112", "{actor} blamed terrorists or others for the unrest", 0.5),
    Stance(reassurance, "reassurance", "010", "{actor} said the situation was under control", 0.5),
    Stance(assert_authority, "assert_authority", "010", "{actor} asserted authority", 0.5),
    Stance(condolences, "commemoration", "018", "{actor} offered condolences", 0.6),
    Stance(declare_mourning, "commemoration", "017", "{actor} declared or marked a day of mourning", 0.6),
    Stance(concern, "informational", "012", "{actor} voiced concern", 0.45),
    Stance(condemn, "informational", "111", "{actor} condemned violence", 0.45),
    Stance(phone_call, "informational", "041", "{actor} held a phone call", 0.7),
    Stance(call_release, "call_rights", "0253", "{actor} called for detained people to be released", 0.6),
    Stance(praise, "support_government", "051", "{actor} praised or welcomed", 0.55),
    Stance(disapprove, "informational", "110", "{actor} voiced doubts or disapproval", 0.45),
    Stance(pledge_support, "support_government", "032", "{actor} pledged support", 0.55),
    Stance(consult, "informational", "040", "{actor} held talks", 0.5),
    Stance(hope, "informational", "013", "{actor} voiced hope or confidence", 0.45),
    Stance(warn, "informational", "130", "{actor} issued a warning", 0.4),
    Stance(travel_advisory, "informational", "160", "{actor} advised against travel or moved its citizens out", 0.55),
    Stance(send_troops, "offer_assistance", "074", "{actor} sent troops", 0.55),
    Stance(send_aid, "offer_assistance", "073", "{actor} sent humanitarian aid", 0.6),
    Stance(demand, "informational", "100", "{actor} made a demand", 0.4),
    Stance(appeal, "informational", "020", "{actor} made an appeal", 0.4),
)
# Used only when no rule of LEXICON matched the sentence.
STATEMENT = Stance(make_statement, "informational", "010", "{actor} made a statement", 0.35)

# ---------------------------------------------------------------- channel, counterpart
CHANNELS: tuple[tuple[str, str], ...] = (
    ("phone_call", r"\b(?:tele)?phone\b|\bcall with\b"),
    (
        "televised_address",
        r"\btelevised\b|\baddress to the nation\b|\b(?:TV|video|national) address\b|"
        r"\bon (?:state )?television\b|\bin an address\b",
    ),
    (
        "social_media_post",
        r"\btweet\w*|\bTwitter\b|\bTelegram\b|\bFacebook\b|\bInstagram\b|\bsocial media\b|\bposted\b",
    ),
    ("press_briefing", r"\bbriefing\b|\b(?:press|news) conference\b|\btold (?:reporters|journalists)\b"),
)
REPORTED_VIA = (
    ("Twitter", r"\btweet\w*|\bTwitter\b"),
    ("Telegram", r"\bTelegram\b"),
    ("Facebook", r"\bFacebook\b"),
    ("Kremlin statement", r"\bKremlin (?:said in a statement|read-?out|statement)"),
    ("state television", r"\bstate television\b"),
)
ADDRESSEE = re.compile(
    r"\b(?:urg\w*|call\w* on|appeal\w* to|ask\w*|told|warn\w*)\s+(?P<who>(?:all |both )?(?:the )?(?:[\w-]+\s+){0,5}?"
    r"(?:sides|parties|protesters|demonstrators|authorities|government|people|citizens|Kazakhs|security forces|"
    r"leadership|everyone|all concerned|residents))\b",
    re.IGNORECASE,
)
PRONOUN = re.compile(
    r"^\s*(?:He|She|It|The (?:president|ministry|minister|spokesman|spokeswoman|spokesperson|Kremlin))\b|"
    r"[,”\"]\s*(?:he|she|it) (?:said|added|told|stressed|noted|wrote|insisted|declared)\b"
)
# "He said ...", '"...," she added': a bare statement by the speaker of the sentence before.
PRONOUN_SAID = re.compile(
    r"^\s*(?:He|She|The (?:president|minister|spokesman|spokeswoman|spokesperson))\s+(?:also\s+|later\s+|further\s+)?"
    r"(?:said|says|told|added|stressed|noted|insisted|wrote)\b|"
    r"[,”\"]\s*(?:he|she) (?:said|added|told \w+|stressed|noted|wrote|insisted)\b"
)


def channel_of(sentence: str) -> str:
    """The channel a sentence names: phone_call, televised_address, social_media_post, press_briefing or statement."""
    for name, pattern in CHANNELS:
        if re.search(pattern, sentence, re.IGNORECASE if name != "social_media_post" else 0):
            return name
    return "statement"


def reported_via(sentence: str) -> str:
    """The medium the text names for the statement (Twitter, Telegram, Kremlin statement ...), '' when none."""
    for name, pattern in REPORTED_VIA:
        if re.search(pattern, sentence):
            return name
    return ""


def _counterpart(
    sentence: str, offset: int, actor: ActorMention, others: list[ActorMention], stance: Stance
) -> tuple[str, str]:
    """(counterpart, counterpart_for): the other party of a call, the addressee of an appeal, or the CSTO asked."""
    if stance.code in ("041", "040") or channel_of(sentence) == "phone_call":
        for o in sorted(others, key=lambda o: (o.actor.actor_for == actor.actor.actor_for, o.start)):
            if o is not actor and o.actor.name != actor.actor.name:
                return o.actor.name, o.actor.actor_for
    if stance.stance == "appeal_for_help" and re.search(r"CSTO|Collective Security", sentence):
        return "CSTO", "csto"
    if stance.stance in ("gratitude", "support_government"):
        for o in others:
            if o.start > actor.end and o.actor.name != actor.actor.name:
                return o.actor.name, o.actor.actor_for
    m = ADDRESSEE.search(sentence)
    if m and stance.stance.startswith("call_"):
        who = m.group("who").strip()
        return who[:1].upper() + who[1:], "kz"
    return "", ""


OBJECT_BEFORE = re.compile(
    r"(?:\b(?:with|to|on|by|from|of|for|about|in|at|told|urged|asked|thanked|backed|invited|called)|(?<!,\s)\band)\s+"
    r"(?:(?:his|her|its|their)\s+(?:[\w-]+\s+){0,2}counterparts?,?\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# "a spokesman for the State Department", "a representative of the CSTO": the body after "for"/"of" speaks.
SPOKESPERSON_FOR = re.compile(
    r"\b(?:spokes(?:man|woman|person)|representative|press secretary|press service|official)\s+(?:for|of)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
COORDINATION = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|as well as\s+|along with\s+)(?:the\s+)?$")
# The words between a closing quote and its speaker: "," / ", said" / ", a spokesman for" / "the ministry said".
AFTER_QUOTE = re.compile(
    r"^[\s,.!?]*(?:(?:said|says|added|wrote|stressed|noted|told \w+)\s+)?(?:(?:the|a|an)\s+)?"
    r"(?:(?:senior|chief|deputy|official)\s+)?(?:(?:spokes(?:man|woman|person)|representative|press secretary|"
    r"official)\s+(?:for|of)\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
SPEECH_VERB = re.compile(
    r"^[^.\"“”]{0,60}?\b(?:said|says|added|wrote|stressed|noted|told|stated|declared|insisted|posted|tweeted)\b"
)
_QUOTES = re.compile(r"“[^”\n]{3,}?”|\"[^\"\n]{3,}?\"|(?<![\w’'])'[^'\n]{3,}?[,.!?]'(?!\w)")


def quote_spans(text: str) -> list[Span]:
    """Spans of quoted passages ("...", “...”, and '...,' closed after punctuation) in the text."""
    return [m.span() for m in _QUOTES.finditer(text)]


def quoted_speaker(text: str, quote: Span, actors: list[ActorMention]) -> ActorMention | None:
    """The speaker named right after a quote: '"We are ready to help," the foreign ministry said', '"...," said
    Peskov', '"...," a spokesman for the State Department told reporters'."""
    for a in actors:
        if a.start < quote[1] or a.start > quote[1] + 90:
            continue
        gap = text[quote[1] : a.start]
        if AFTER_QUOTE.search(gap):
            if re.search(r"\b(?:said|says|added|wrote|stressed|noted|told)\b", gap) or SPEECH_VERB.search(
                text[a.end : a.end + 80]
            ):
                return a
        return None
    return None


def _pick_actor(text: str, actors: list[ActorMention], pos: int) -> ActorMention | None:
    """The speaker: the nearest actor before the cue that is not the object of a preposition ("spoke with X",
    "appealed to X"), else the first actor after the cue ("..., Tokayev said")."""
    before = [a for a in actors if a.end <= pos]
    for a in reversed(before):
        lead = text[max(0, a.start - 45) : a.start]
        if not OBJECT_BEFORE.search(lead) or SPOKESPERSON_FOR.search(lead):
            return a
    after = [a for a in actors if a.start >= pos]
    return after[0] if after else (before[0] if before else None)


def coordinated(text: str, actors: list[ActorMention], first: ActorMention) -> list[ActorMention]:
    """The speaker and the actors joined to it by "and", commas or "as well as": "the EU and the UN called for
    restraint" gives both; "Russia, China and Turkey voiced concern" gives three."""
    i = actors.index(first)
    group = [first]
    j = i
    while j + 1 < len(actors) and COORDINATION.search(text[actors[j].end : actors[j + 1].start]):
        group.append(actors[j + 1])
        j += 1
    j = i
    while j > 0 and COORDINATION.search(text[actors[j - 1].end : actors[j].start]):
        group.insert(0, actors[j - 1])
        j -= 1
    gaps = [text[x.end : y.start] for x, y in zip(group, group[1:], strict=False)]
    if gaps and not any(re.search(r"\band\b|\bas well as\b|\balong with\b", g) for g in gaps):
        return [first]  # "According to Akorda, Tokayev ...": a comma alone joins nobody
    names: set[str] = set()
    return [g for g in group if not (g.actor.name in names or names.add(g.actor.name))]


def speakers(
    text: str, actors: list[ActorMention], pos: int, quotes: list[Span], doc_actors: list[ActorMention]
) -> list[ActorMention]:
    """Who makes the statement whose cue is at ``pos``: the speaker named after a quote holding the cue, else the
    nearest subject (:func:`_pick_actor`) outside that quote; with the actors coordinated to it."""
    quote = next((q for q in quotes if q[0] < pos < q[1]), None)
    first = None
    if quote is not None:
        first = quoted_speaker(text, quote, doc_actors)
        outside = [a for a in actors if not quote[0] <= a.start < quote[1]]
        if first is None and outside:
            first = _pick_actor(text, outside, pos)
        if first is not None and first not in actors:
            return [first]
    else:
        first = _pick_actor(text, actors, pos)
    if first is not None:
        first = reporting_speaker(text, actors, first)
    return coordinated(text, actors, first) if first is not None else []


SAID_BEFORE = re.compile(r"\b(?:said|says|told \w+|stressed|noted|added|insisted|warned)\s+(?:that\s+)?(?:the\s+)?$")


def reporting_speaker(text: str, actors: list[ActorMention], first: ActorMention) -> ActorMention:
    """The speaker who reports on his own side: "Erdogan said Turkey was ready to help", "Stoltenberg said NATO was
    following events", "Lavrov said Moscow backed ..." give the person, not the state in the reported clause. A
    person in the reported clause ("Ukibai said Nazarbayev had held calls") or a subject of another side ("Peskov
    said Kazakhstan had asked for help") keeps the cue."""
    if first.rule in PARTY_RULES:  # "Ukibai said Nazarbayev had held calls": the person named acted
        return first
    m = SAID_BEFORE.search(text, max(0, first.start - 30), first.start)
    if not m:
        return first
    earlier = _statement_speaker(text, actors, m.start(), m.end())
    if earlier is not None and earlier is not first and earlier.actor.actor_for == first.actor.actor_for:
        return earlier
    return first


FIGURE_SENTENCE = re.compile(
    r"\b(?:\d[\d,.]*|dozens|scores|hundreds|thousands|(?:twen|thir|for|fif|six|seven|eigh|nine)ty|(?:thir|four|fif|six|"
    r"seven|eigh|nine)teen|ten|eleven|twelve|a dozen)\b[^.]{0,60}"
    r"\b(?:killed|dead|died|deaths|injured|wounded|hurt|detained|arrested|hospital\w*|"
    r"casualt\w+|bodies|people|protesters)\b|\bdeath toll\b",
    re.IGNORECASE,
)


# Between a speaker and "said": a possessive, an apposition, a place ("in Nur-Sultan"), two words at most.
STATEMENT_GAP = (
    r"(?:['’]s)?\s*(?:,[^,.]{0,50},)?(?:\s+(?:in|of|at)\s+(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)?"
    r"\s*(?:\w+\s+){0,2}"
)


def _statement_speaker(text: str, actors: list[ActorMention], s: int, e: int) -> ActorMention | None:
    """The speaker of a bare statement verb at [s, e): the actor right before it ("Peskov said", "Peskov, the
    Kremlin spokesman, told reporters") or right after it ("said Peskov", "according to the Kremlin")."""
    before = [a for a in actors if a.end <= s]
    for a in reversed(before):
        gap = text[a.end : s]
        if len(gap) <= 60 and re.fullmatch(STATEMENT_GAP, gap):
            lead = text[max(0, a.start - 45) : a.start]
            if not OBJECT_BEFORE.search(lead) or SPOKESPERSON_FOR.search(lead) or len(coordinated(text, actors, a)) > 1:
                return a
            if re.search(r"\b(?:in|of|at)\s+(?:the\s+)?$", lead[-10:]):
                continue  # "the Russian Embassy in Nur-Sultan said": the place is not the speaker; look before it
        break
    for a in actors:
        if a.start >= e:
            return a if re.fullmatch(r"\s*(?:(?:the|a|an)\s+)?(?:\w+\s+){0,1}", text[e : a.start]) else None
    return None


_EARLIER_YEAR = re.compile(r"(?<!since )(?<!\d)\b(?:19[5-9]\d|20[01]\d|2021)\b")


_IN_EARLIER_YEAR = re.compile(r"(?:[Ii]n|[Dd]uring|[Bb]ack in)\s+(?:\w+\s+)?(?:19[5-9]\d|20[01]\d|2021)\b")


def historical(text: str, a: int, actor: ActorMention, s: int, e: int) -> bool:
    """True when a year before 2022 stands between the speaker and the cue ("the State Department's 2018 human rights
    report noted", "Tokayev said in 2019 that") or sets the scene before them ("In 2011, when police fired on
    strikers, Nazarbayev blamed ..."); not "the worst unrest since 1991" or "riots that swept Iran in 2019, although
    Kazakh officials blamed ..." (a comparison, not the statement's time)."""
    return bool(
        _EARLIER_YEAR.search(text, min(actor.start, s), max(actor.end, e))
        or _IN_EARLIER_YEAR.match(text, a, max(actor.end, e))
    )


KAZAKH_SUBJECT = re.compile(r"\b(?:Kazakhstan|Kazakh|Tokayev|Nur-Sultan|Astana|Akorda)\b")


def reported_requester(text: str, actor: ActorMention, pos: int) -> bool:
    """True when an appeal for help is reported, not made, by a foreign speaker: "Blinken asked why Kazakhstan had
    turned to the Russian-led bloc" (Kazakhstan asked; Blinken questioned it)."""
    if actor.actor.actor_for == "kz" or actor.end > pos:
        return False
    return bool(KAZAKH_SUBJECT.search(text, actor.end, pos))


PARTY_RULES = ("reactions.titled_actor", "reactions.person_actor", "reactions.office_holder_actor")


def call_party(actors: list[ActorMention], speakers_: list[ActorMention]) -> ActorMention | None:
    """The other named party of a phone call ("Tokayev's call with Putin": Putin), who gets a candidate of its own:
    texts and coders differ on whose call it was. A person of another state or organisation than the speakers."""
    names = {a.actor.name for a in speakers_}
    fors = {a.actor.actor_for for a in speakers_}
    for o in actors:
        if o.rule in PARTY_RULES and o.actor.name not in names and o.actor.actor_for not in fors:
            return o
    return None


Cue = tuple[Stance, int, int]
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
POST_SIGNATURE = re.compile(
    rf"[—–]\s*(?P<name>[^\n()—–]{{2,60}}?)\s*\(@\w{{1,30}}\)\s*(?P<date>(?:{MONTHS}) \d{{1,2}}, 20\d\d)"
)


@dataclass(frozen=True)
class Post:
    """An embedded social-media post: the offsets of its text and signature, its author and its day."""

    start: int
    end: int
    author: ActorMention
    day: date


def embedded_posts(text: str, learned: dict[str, Actor]) -> list[Post]:
    """Posts quoted the way web copies of news pages show a tweet: the post's text, then a signature line
    "— Nabila Massrali (@NabilaEUspox) January 5, 2022". The text (on the signature's line, else the paragraph
    before it) is the author's, dated by the signature; an author the lists do not know is kept by name."""
    out = []
    for m in POST_SIGNATURE.finditer(text):
        line = text.rfind("\n", 0, m.start()) + 1
        if text[line : m.start()].strip():
            body = line
        else:
            stop = len(text[:line].rstrip())
            body = text.rfind("\n", 0, stop) + 1
        if body >= m.start():
            continue
        ns, ne = m.span("name")
        known = actors_in(text, ns, ne, [], learned)
        author = (
            known[0]
            if known
            else ActorMention(
                ns, ne, Actor(m.group("name").strip(), "Author of the post", OTHER, ""), "reactions.post_author", 0.5
            )
        )
        try:
            day = datetime.strptime(m.group("date"), "%B %d, %Y").date()
        except ValueError:
            continue
        out.append(Post(body, m.end(), author, day))
    return out


def more_specific(cue: Cue, cues: list[Cue], starts: list[int]) -> bool:
    """True when another rule says more than the generic appeal ``cue`` in the same clause: a cue after the appeal
    verb, within 100 characters and with no other actor between ("urged all sides to show restraint": 0256; "urged
    people to rally behind Tokayev": 053). ``starts``: sentence offsets of the sentence's actors."""
    return any(
        o[0].rule is not appeal and 0 <= o[1] - cue[1] <= 100 and not any(cue[2] <= x < o[1] for x in starts)
        for o in cues
    )


ANNOUNCER_RULE = "reactions.announcing_officials"
_APPOSITIVE_GAP = re.compile(r"\s*(?:,[^.;\"“”]{0,110},\s*)?(?:also\s+|later\s+)?")


def _announcer_of(text: str, actors: list[ActorMention], s: int, e: int) -> ActorMention | None:
    """The announcing official who speaks the verb at [s, e): named right before it, maybe with an appositive
    ("X, a senior official at the prosecutor's office, said"), or right after it ("said Asylov")."""
    for m in actors:
        if m.rule != ANNOUNCER_RULE:
            continue
        if m.end <= s and s - m.end <= 120 and _APPOSITIVE_GAP.fullmatch(text, m.end, s):
            return m
        if m.start >= e and re.fullmatch(r"\s*", text[e : m.start]):
            return m
    return None


def announcing_officials(doc: Doc) -> dict[str, Actor]:
    """Kazakh officials the text introduces with an office, by surname (the rule figures use for who stated a
    figure: :func:`qantar.extract.figures.person_sources`).

    Phrases: "Serik Bakirov, a senior official at the Prosecutor General's Office, said", "Prosecutor General Berik
    Asylov", "Aigerim Bekova, a spokeswoman for the health ministry". Not: a rights group's member (not an office).
    """
    from qantar.display import WHO
    from qantar.extract import figures

    out: dict[str, Actor] = {}
    for offset, sur, key in figures.person_sources(doc):
        if key == "rights_group" or sur in out:
            continue
        m = re.match(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+" + re.escape(sur), doc.text[offset:])
        if m is None:
            continue
        office = WHO.get(key, "the authorities").removeprefix("the ").removeprefix("an ")
        out[sur] = Actor(m.group(0), f"Official ({office}, Kazakhstan)", KZ_GOV, "kz")
    return out


def find(doc: Doc, dataset: "Dataset | None" = None) -> list[Candidate]:
    """Reactions candidates: each stance cue in a sentence with an actor, one candidate per (speaker, stance code);
    a sentence with no cue but a speaker next to "said" gives a bare statement (010)."""
    mentions = places.mentions(doc, dataset)
    learned: dict[str, Actor] = {}
    per_sentence: list[list[ActorMention]] = []
    for a, b in doc.sentences:
        actors = actors_in(doc.text, a, b, mentions, learned)
        for m in actors:
            if m.rule == "reactions.titled_actor":
                learned.setdefault(m.actor.name.split()[-1], m.actor)
        per_sentence.append(actors)
    announcers = announcing_officials(doc)
    if announcers:  # people the text introduces with a Kazakh office ("X, an official at the prosecutor's office")
        per_sentence = []
        for a, b in doc.sentences:
            actors = actors_in(doc.text, a, b, mentions, learned)
            for sur, actor in announcers.items():
                if not any(m.actor.name == actor.name for m in actors):
                    for m in re.finditer(rf"\b{re.escape(sur)}\b", doc.text[a:b]):
                        actors.append(ActorMention(a + m.start(), a + m.end(), actor, ANNOUNCER_RULE, 0.6))
            per_sentence.append(sorted(actors, key=lambda m: m.start))
    doc_actors = [m for actors in per_sentence for m in actors]
    quotes = quote_spans(doc.text)
    posts = embedded_posts(doc.text, learned)
    said: set[int] = set()  # posts that already gave a candidate
    out: list[Candidate] = []
    last: ActorMention | None = None
    for (a, b), actors in zip(doc.sentences, per_sentence, strict=True):
        sentence = doc.text[a:b]
        cues = [(st, s, e) for st in LEXICON for s, e in st.rule(sentence)]
        starts = [m.start - a for m in actors]
        cues = [c for c in cues if c[0].rule is not appeal or not more_specific(c, cues, starts)]
        if any(c[0].rule in (condemn, disapprove) for c in cues):  # "condemned the shoot-to-kill order"
            cues = [c for c in cues if c[0].rule is not threaten]
        seen: set[tuple[str, str]] = set()
        before = len(out)
        post = next((p for p in posts if p.start <= a < p.end), None)
        if post is not None:
            bare = id(post) not in said and not any(st.rule(doc.text[post.start : post.end]) for st in LEXICON)
            for st, s, e in cues or [(STATEMENT, 0, 0)] * bare:
                if (post.author.actor.name, st.code) not in seen:
                    seen.add((post.author.actor.name, st.code))
                    said.add(id(post))
                    note = ["from a post quoted with its signature; dated by the signature"]
                    out.append(_candidate(doc, a, sentence, s, e, st, post.author, [], st.confidence, note, post))
            continue
        if not cues and not actors and last is not None and not FIGURE_SENTENCE.search(sentence):
            m = PRONOUN_SAID.search(sentence)
            if m and (last.actor.name, STATEMENT.code) not in seen:
                seen.add((last.actor.name, STATEMENT.code))
                note = [f"speaker taken from an earlier sentence ({last.actor.name})"]
                cand = _candidate(doc, a, sentence, m.start(), m.end(), STATEMENT, last, [], 0.25, note)
                if cand is not None:
                    out.append(cand)
        for st, s, e in cues:
            found = speakers(doc.text, actors, a + s, quotes, doc_actors)
            conf = st.confidence
            notes: list[str] = []
            if not found:
                if last is None or not PRONOUN.search(sentence):
                    continue
                found, conf = [last], conf - 0.15
                notes.append(f"speaker taken from an earlier sentence ({last.actor.name})")
            if len(found) > 1:
                notes.append("one of several actors named together; each gets a candidate")
            todo = [(actor, conf, notes) for actor in found]
            party = call_party(actors, found) if st.rule is phone_call else None
            if party is not None:
                todo.append((party, conf * 0.8, ["the other party of the call; keep one of the two candidates"]))
            for actor, c, n in todo:
                key = (actor.actor.name, st.code)
                if key in seen or historical(doc.text, a, actor, a + s, a + e):
                    continue
                if st.rule is appeal_for_help and reported_requester(doc.text, actor, a + s):
                    continue
                seen.add(key)
                cand = _candidate(doc, a, sentence, s, e, st, actor, actors, c * actor.confidence / 0.8, list(n))
                if cand is not None:
                    out.append(cand)
        figure = bool(FIGURE_SENTENCE.search(sentence))
        if figure:  # an official introduced with an office announcing figures: a low-confidence statement
            spoke = {c.row["actor"] for c in out[before:]}
            for s, e in make_statement(sentence):
                head = _announcer_of(doc.text, actors, a + s, a + e)
                if head is None or head.actor.name in spoke:
                    continue
                if (head.actor.name, STATEMENT.code) in seen:
                    continue
                note = ["an official announcing figures: a reaction only if the statement matters beyond its figures"]
                cand = _candidate(doc, a, sentence, s, e, STATEMENT, head, actors, 0.25, note)
                if cand is not None:
                    seen.add((head.actor.name, STATEMENT.code))
                    out.append(cand)
        if not figure:  # speakers of this sentence with no stance cue of their own
            spoke = {c.row["actor"] for c in out[before:]}
            relays = {c.row["actor_for"] for c in out[before:]} - {""}  # "X did Y, the Kremlin said": a relay
            for s, e in make_statement(sentence):
                head = _statement_speaker(doc.text, actors, a + s, a + e)
                for actor in coordinated(doc.text, actors, head) if head is not None else []:
                    if (
                        actor.actor.name in spoke
                        or actor.actor.actor_for in relays
                        or (actor.actor.kind == KZ_GOV and actor.rule == "reactions.body_actor")
                        or historical(doc.text, a, actor, a + s, min(b, a + e + 16))
                    ):
                        continue
                    cand = _candidate(doc, a, sentence, s, e, STATEMENT, actor, actors, STATEMENT.confidence, [])
                    if cand is not None and (actor.actor.name, STATEMENT.code) not in seen:
                        seen.add((actor.actor.name, STATEMENT.code))
                        out.append(cand)
        if actors:
            spoke = [c for c in out[before:] if "the other party of the call" not in " ".join(c.notes)]
            first = next((m for m in actors if spoke and m.actor.name == spoke[0].row["actor"]), None)
            last = first or actors[0]
    return one_statement_each(out)


def one_statement_each(found: list[Candidate]) -> list[Candidate]:
    """One bare statement (010) per speaker and day: a speaker's statements dated to a day are kept one per day;
    undated ones (a range) only when the speaker has none dated, and then one. Other cues all stay."""
    stm = [c for c in found if c.row["cameo_code"] == STATEMENT.code]
    keep: list[Candidate] = []
    for actor in dict.fromkeys(c.row["actor"] for c in stm):
        mine = [c for c in stm if c.row["actor"] == actor]
        days = {c.row["date_start"]: c for c in reversed(mine) if c.row["date_precision"] == "day"}
        chosen = list(days.values()) or mine[:1]
        if len(mine) > len(chosen):
            chosen[0].notes.append(f"{len(mine)} bare statements by this speaker in the text; one per day kept")
        keep.extend(chosen)
    kept = {id(c) for c in keep}
    return [c for c in found if c.row["cameo_code"] != STATEMENT.code or id(c) in kept]


FRAME = 40  # a date expression farther than this from the speaker and the cue belongs to the reported clause


def _gap(x: Span, y: Span) -> int:
    """Characters between two spans (0 when they overlap)."""
    return max(0, max(x[0], y[0]) - min(x[1], y[1]))


def statement_date(
    doc: Doc, a: int, b: int, s: int, e: int, actor: ActorMention, actors: list[ActorMention] = ()
) -> dates.DateRef:
    """The date of a statement: the sentence's date expression (:func:`qantar.extract.dates.date_for`) when it frames
    the statement, i.e. stands near the cue or an actor of the sentence ("Peskov said on Monday", "On Friday, Xi
    praised", "Tokayev declared ... on Wednesday", "X held a call with Y on Saturday"), else the
    undated range up to publication: "the ministry said its troops had been there since last Thursday" is not dated
    last Thursday."""
    ref = dates.date_for(doc, s)
    if a <= actor.start < b:  # "X on Monday described last week's unrest as ...": the date by the speaker wins
        by_actor = dates.date_for(doc, actor.end)
        if (
            a <= by_actor.start
            and by_actor.end <= b
            and _gap((by_actor.start, by_actor.end), (actor.start, actor.end))
            < _gap((ref.start, ref.end), (actor.start, actor.end))
            and _gap((by_actor.start, by_actor.end), (actor.start, actor.end)) <= FRAME
        ):
            ref = by_actor
    if a <= ref.start and ref.end <= b:
        anchors = [(s, e), (actor.start, actor.end), *((o.start, o.end) for o in actors)]
        gap = min(_gap((ref.start, ref.end), x) for x in anchors)
        near = gap <= FRAME or ref.start - a <= 15
        if near and not re.search(r"\bsince\s+$", doc.text[max(a, ref.start - 8) : ref.start]):
            return ref
        return dates.DateRef(s, s, settings.DEFAULT_START, doc.published, "range", "document_date", "document_date")
    if ref.basis == "context" and ref.date_end < doc.published:
        # An earlier sentence's date may be another event's: from that day up to publication.
        return dates.DateRef(ref.start, ref.end, ref.date_start, doc.published, "range", "context", ref.rule)
    return ref


def _candidate(
    doc: Doc,
    a: int,
    sentence: str,
    s: int,
    e: int,
    st: Stance,
    actor: ActorMention,
    actors: list[ActorMention],
    conf: float,
    notes: list[str],
    post: Post | None = None,
) -> Candidate | None:
    """One reactions candidate for a stance cue at sentence offsets [s, e) spoken by ``actor``; None for a
    statement dated before the unrest (a historical one: "in 2011 Nazarbayev said")."""
    ref = statement_date(doc, a, a + len(sentence), a + s, a + e, actor, actors)
    if post is not None:
        ref = dates.DateRef(post.start, post.end, post.day, post.day, "day", "stated", "reactions.post_signature")
    if ref.date_end < HISTORY_BEFORE:
        return None
    precision = ref.precision if ref.precision in ("day", "range", "month", "year") else "range"
    counterpart, counterpart_for = _counterpart(sentence, a, actor, actors, st)
    channel = "phone_call" if st.code == "041" else "social_media_post" if post else channel_of(sentence)
    if not actor.actor.actor_for:
        notes.append("state or organisation the actor speaks for not named")
    row: dict[str, Any] = {
        "reaction_id": "",
        "date_start": ref.date_start.isoformat(),
        "date_end": ref.date_end.isoformat(),
        "date_precision": precision,
        "date_basis": ref.basis,
        "actor": actor.actor.name,
        "actor_role": actor.actor.role,
        "actor_kind": actor.actor.kind,
        "actor_for": actor.actor.actor_for,
        "channel": channel,
        "counterpart": counterpart,
        "counterpart_for": counterpart_for,
        "stance": st.stance,
        "cameo_code": st.code,
        "cameo_label": cameo_label(st.code),
        "summary": st.summary.format(actor=actor.actor.name),
        "reported_via": "Twitter" if post and "(@" in doc.text[post.start : post.end] else reported_via(sentence),
        "doc_id": doc.doc_id,
    }
    start, end = min(a + s, actor.start), max(a + e, actor.end)
    if post is not None:  # the post's own words; its signature comes later
        start, end = (a + s, a + e) if e > s else (a, a + len(sentence))
    return Candidate(
        "reactions", row, start, end, f"reactions.{st.rule.__name__}", max(0.1, min(conf, 0.95)), notes=notes
    )
