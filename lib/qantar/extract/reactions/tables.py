"""Actor tables written by hand: nations with their adjectives and country names, people, titles, bodies and
organisations, and the actor records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

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
