"""Figure rules: killed, injured, detained and arrested counts, as ``casualty_reports`` candidates (issue 18).

A figure is a quantity tied to a measure word in one sentence: "eight police officers were killed",
"18 killed and 748 injured", "police detained 3,811 people", "the death toll rose to 164". Each rule
below is a small function with the phrases it handles in its docstring. The helpers read the rest of
the row from the sentence: the qualifier as worded (:func:`quantity_at`), the group (:func:`group_of`),
who stated and who relayed it (:func:`sources_for`), the period (:func:`period_of`); the as-of date
comes from :func:`qantar.extract.dates.date_for` and the scope from
:func:`qantar.extract.places.location_for` (Kazakhstan when the sentence names no place).

Decisions the data dictionary settles: "arrested" and "taken into custody" are coded ``detained`` (the
table has one measure for both; the candidate notes the word); "hospitalised" and "sought medical
help" are ``injured`` (noted); children are ``civilians`` (noted); the authorities' labels ("armed
criminals", "bandits", "terrorists", "rioters") are ``armed_criminals``.

Further decisions (issue 18, afternoon): "a dozen" / "two dozen" are ``about`` (a round number, noted); "charged" is
``detained`` at low confidence with a note (the table has no measure for charges); crowd sizes ("thousands took to
the streets", "a crowd of about 1,000") are ``participants``, group ``protesters`` unless the words say otherwise; a
name the figure counts ("said 95 police officers had been injured") is never its speaker; figures of another
country's unrest ("In Iran in 2019 ...") are left out, and a Kazakh figure of an earlier year ("the 2011 Zhanaozen
massacre, in which ...") is kept, dated to 1 January of that year with precision ``year``.

Texts written after the unrest (issue 19's review log): a toll told as an earlier one ("the previous official toll",
"had previously acknowledged") is as of the day before publication, precision range (:func:`earlier_toll`); a month
that opens the statement ("In June, prosecutors said") dates it to the month's last day (:func:`month_of_statement`);
a dateline's city is no scope; ``status`` is withdrawn or disputed when the sentence says so (:func:`claim_status`,
with a note for the reviewer), else stated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from qantar.extract.core import Candidate, Doc

if TYPE_CHECKING:  # pragma: no cover - typing only
    from qantar.dataset import Dataset
    from qantar.extract import places
    from qantar.extract.dates import DateRef

TABLE = "casualty_reports"
COUNTRY = "kz"  # the scope when the sentence names no place

# --- quantities --------------------------------------------------------------------------------------------------

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
_WORD_NUMBER = (
    rf"(?:(?:{_UNIT_RE})(?:-(?:{_UNIT_RE}))?|an?)"
    rf"(?:[\s-]+(?:hundred|thousand|million)(?:[\s-]+(?:and\s+)?(?:{_UNIT_RE})(?:-(?:{_UNIT_RE}))?)?)*"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,])|\d+(?:\.\d+)?"
_NUMBER = rf"(?:{_DIGITS})(?:\s+(?:thousand|million))?|(?:(?:half\s+)?an?\s+|{_WORD_NUMBER}\s+)?dozen|{_WORD_NUMBER}"
# Wording before a number, in the order tried; the first that matches gives the qualifier.
_PREFIXES = (
    ("at_least", r"at\s+least|no\s+(?:fewer|less)\s+than|not\s+less\s+than|a\s+minimum\s+of"),
    ("more_than", r"more\s+than|over|upwards\s+of|in\s+excess\s+of|greater\s+than|above"),
    ("almost", r"almost|nearly|close\s+to|just\s+(?:under|short\s+of)|approaching"),
    ("up_to", r"up\s+to|as\s+many\s+as|fewer\s+than|less\s+than|at\s+most"),
    ("about", r"about|around|approximately|roughly|an\s+estimated|estimated|some\s+estimated|approx\.?"),
    ("some", r"some"),
)
_PREFIX_RE = "|".join(f"(?P<{q}>{p})" for q, p in _PREFIXES)
_VAGUE = {
    "dozens": r"(?:several|a\s+few|many)\s+dozen|dozens|scores",
    "hundreds": r"(?:several|a\s+few|many)\s+hundred|hundreds",
    "thousands": r"(?:several|a\s+few|many)\s+thousand|thousands",
}
_QUANTITY = re.compile(
    rf"(?<![\w$€£.,-])(?:(?:{_PREFIX_RE})\s+)?(?:a\s+total\s+of\s+)?"
    rf"(?P<tens>tens\s+of\s+thousands)|"
    rf"(?<![\w$€£.,-])(?P<vague>{'|'.join(f'(?P<v_{k}>{v})' for k, v in _VAGUE.items())})\b|"
    rf"(?<![\w$€£.,-])(?:(?:{_PREFIX_RE.replace('(?P<', '(?P<p2_')})\s+)?(?:a\s+total\s+of\s+)?"
    rf"(?P<num>{_NUMBER})(?P<suffix>-plus|\+|\s+or\s+more|\s+or\s+so|-odd)?(?![\w%-]|:\d|[.,]\d)",
    re.IGNORECASE,
)
# A number followed by one of these is not a head count (ages, times, money, distances, dates).
_NOT_COUNT_AFTER = re.compile(
    r"\s*(?:-?years?(?:-old)?|-?year-olds?|%|percent|per\s+cent|tenge|dollars|\$|euros?|km|kilomet|miles?|"
    r"metres?|hours?|days?|weeks?|months?|minutes?|seconds?|a\.m\.|p\.m\.|am\b|pm\b|o'clock|GMT|UTC|"
    r"January|February|December|Jan\b|Dec\b|th\b|st\b|nd\b|rd\b|times\b|cities|regions|towns|countries)",
    re.IGNORECASE,
)
_NOT_COUNT_BEFORE = re.compile(
    r"(?:January|February|December|Jan\.?|Dec\.?|No\.|Article|aged|age|since|until)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    """A head count as worded: where, the qualifier (the table's enum), the number (None when word-only)."""

    start: int
    end: int
    qualifier: str
    value: int | None
    note: str = ""


def number_value(words: str) -> int | None:
    """The integer a number is written as: "3,811", "5 800", "eight", "twenty-six", "three thousand", "a dozen"."""
    s = re.sub(r"\s+", " ", words.strip().lower())
    m = re.fullmatch(r"([\d,\u00a0\u202f .]+?)(?: (thousand|million))?", s)
    if m and re.search(r"\d", m.group(1)):
        digits = re.sub(r"[,\u00a0\u202f ]", "", m.group(1))
        try:
            n = float(digits)
        except ValueError:
            return None
        return int(round(n * _SCALES.get(m.group(2) or "", 1)))
    if s.endswith("dozen"):
        head = s[: -len("dozen")].strip()
        if head in ("", "a", "an"):
            return 12
        if head in ("half a", "half an"):
            return 6
        k = number_value(head)
        return None if k is None else 12 * k
    total, current = 0, 0
    for tok in re.split(r"[\s-]+", s):
        if tok in ("and", ""):
            continue
        if tok in ("a", "an"):
            current = 1
        elif tok in _UNITS:
            current += _UNITS[tok]
        elif tok == "hundred":
            current = max(current, 1) * 100
        elif tok in ("thousand", "million"):
            total += max(current, 1) * _SCALES[tok]
            current = 0
        else:
            return None
    return total + current


def quantity_at(text: str, m: re.Match[str]) -> Quantity | None:
    """The qualifier and number of one quantity match, or None when it is not a head count.

    "at least 8" at_least, "more than 3,000" / "over 1,000" / "1,300-plus" more_than, "about 5,800" /
    "around" / "an estimated" / "300-odd" about, "some 190" some, "almost 8,000" / "nearly 400" almost,
    "up to 50" / "as many as" up_to, "dozens" / "scores" dozens, "hundreds", "thousands", "tens of
    thousands" at_least 10,000 (noted); "a dozen" / "two dozen" / "half a dozen" about (a round number, noted);
    "eight", "Sixteen", "three thousand", "164" exact.
    """
    if m.group("tens"):
        q = _prefix(m, "")
        return Quantity(
            m.start(),
            m.end(),
            q if q in ("more_than", "at_least") else "at_least",
            10_000,
            "worded 'tens of thousands'",
        )
    if m.group("vague"):
        kind = next(k for k in _VAGUE if m.group(f"v_{k}"))
        note = "worded 'scores'" if m.group("vague").lower() == "scores" else ""
        return Quantity(m.start(), m.end(), kind, None, note)
    num = m.group("num")
    if _NOT_COUNT_AFTER.match(text, m.end()):
        return None
    value = number_value(num)
    if value is None:
        return None
    head = text[max(0, m.start() - 12) : m.start()]
    if re.fullmatch(r"\d{4}", num) and 1900 <= value <= 2100:
        return None  # a year
    if num.lower() in ("a", "an") or (num.lower() == "one" and re.match(r"\s+of\b", text[m.end() :])):
        return None
    qualifier = _prefix(m, "p2_")
    if not qualifier and _NOT_COUNT_BEFORE.search(head) and re.search(r"\d", num):
        return None
    suffix = (m.group("suffix") or "").strip().lower()
    note = ""
    if suffix in ("-plus", "+"):
        qualifier, note = "more_than", f"worded '{num}{suffix}'"
    elif suffix == "or more":
        qualifier = "at_least"
    elif suffix in ("or so", "-odd"):
        qualifier = "about"
    if not qualifier and text[m.start() : m.start() + 7].lower().startswith("a total"):
        qualifier = "exact"
    if not qualifier and num.lower().endswith("dozen"):
        qualifier, note = "about", f"worded '{num}': a round number, coded about"
    if qualifier == "up_to" and re.match(r"(?:fewer|less)", m.group(0), re.IGNORECASE):
        note = "worded 'fewer/less than': coded up_to"
    return Quantity(m.start(), m.end(), qualifier or "exact", value, note)


def _prefix(m: re.Match[str], tag: str) -> str:
    for q, _ in _PREFIXES:
        if m.group(f"{tag}{q}"):
            return q
    return ""


def quantities(text: str, start: int, end: int) -> list[Quantity]:
    """Every head count in text[start:end], in text order."""
    out = []
    for m in _QUANTITY.finditer(text, start, end):
        q = quantity_at(text, m)
        if q is not None:
            out.append(q)
    return out


# --- measures and groups -----------------------------------------------------------------------------------------

# Words after a number that say what it counts; (measure, note for the reviewer).
_MEASURE_AFTER = (
    ("casualties", r"(?:killed|dead)\s+or\s+(?:injured|wounded|hurt)|casualties|(?:identified|recognised|recognized)\s+"
     r"as\s+victims", ""),
    ("killed", r"(?:tortured|beaten)\s+to\s+death|died\s+(?:while\s+)?in\s+(?:police\s+)?(?:custody|detention)",
     "worded as a death in custody: coded killed"),
    ("killed", r"killed|dead\b|died|deaths?|fatalities|lost\s+their\s+lives|perished|were\s+slain|shot\s+dead|"
     r"bodies|(?:were\s+|had\s+been\s+|have\s+been\s+)?(?:eliminated|liquidated)", ""),
    ("injured", r"injured|wounded|hurt|injuries", ""),
    ("injured", r"hospitali[sz]ed|in\s+hospital|(?:sought|received|needed|required|asked\s+for)\s+(?:medical\s+)?"
     r"(?:help|treatment|assistance|care|attention)", "worded as hospitalised or treated: coded injured"),
    ("injured", r"treated\s+(?:in|at)\s+(?:a\s+|the\s+)?(?:hospitals?|clinics?|medical\s+facilities)|"
     r"(?<=being\s)treated\b(?!\s+"
     r"(?:as|like|with|humanely|harshly|fairly|well|badly))|treated\s+for\s+"
     r"(?:their\s+)?(?:injuries|wounds|gunshot\s+wounds)|(?:receiving|under(?:going)?)\s+(?:medical\s+)?treatment|"
     r"(?:admitted|taken|brought|rushed)\s+to\s+(?:a\s+|the\s+)?hospitals?|"
     r"turned\s+to\s+(?:hospitals|doctors|medics|medical\s+(?:facilities|institutions))",
     "worded as treated or taken to hospital: coded injured"),
    ("injured", r"in\s+(?:intensive\s+care|critical\s+condition|(?:a\s+)?serious\s+condition)",
     "in intensive care or a serious condition: coded injured (part of the injured)"),
    ("detained", r"detained|detentions|detainees|in\s+custody|held\s+in\s+(?:custody|detention)", ""),
    ("detained", r"arrested|arrests|taken\s+into\s+custody|apprehended|rounded\s+up|(?:placed\s+)?under\s+arrest|"
     r"placed\s+in\s+(?:pre-?trial\s+|temporary\s+)?(?:detention|custody)|remanded(?:\s+in\s+custody)?",
     "worded 'arrested' or 'taken into custody': the table codes it detained"),
    ("detained", r"sentenced\s+to\s+(?:administrative\s+)?(?:detention|arrest)",
     "worded 'sentenced to administrative detention': coded detained, check the text"),
    ("detained", r"charged|facing\s+charges|prosecuted",
     "worded 'charged': the table has no measure for charges; coded detained, check the text"),
)  # fmt: skip
_MEASURE_AFTER_RE = re.compile(
    "|".join(f"(?P<m{i}>{p})" for i, (_, p, _) in enumerate(_MEASURE_AFTER)) + r"|(?P<held>held)\b", re.IGNORECASE
)
_AUX = (
    r"were|was|are|is|have|has|had|been|being|be|reportedly|reported|officially|confirmed|also|already|so|far|"
    r"now|later|since|subsequently|allegedly|said\s+to\s+have|said\s+to\s+be|thought\s+to\s+have|believed\s+to\s+have|"
    r"still|currently|remain|remained|remaining|who|that|had|formally|officially|reportedly"
)
_GROUP_WORDS = (
    r"of|the|people|persons|individuals|citizens|members|member|including|among|them|whom|and|or|its|their|"
    r"police|policemen|policewomen|police\s+officers|officers|officials|national|guard|guardsmen|servicemen|"
    r"service|military|army|soldiers|troops|law|enforcement|law-enforcement|security|forces|force|personnel|"
    r"agencies|agency|bodies|structures|enforcers|special|peacekeepers|riot|ranks|rank-and-file|suspects|prisoners|"
    r"agents|staff|employees|cadets|protesters|protestors|demonstrators|rally|participants|activists|civilians|"
    r"bystanders|residents|children|child|minors|teenagers|women|journalists|reporters|foreigners|foreign|"
    r"nationals|armed|criminals|bandits|terrorists|militants|attackers|assailants|rioters|looters|extremists|"
    r"raiders|insurgents|gunmen|men|groups|workers|oil|other|more|others|in|across|country|nationwide|city|"
    r"person|serviceman|servicewoman|soldier|officer|policeman|policewoman|guardsman|civilian|protester|"
    r"demonstrator|child|girl|boy|journalist|reporter|man|woman|"
    r"unrest|violence|clashes|riots|protests|during|kazakh|kazakhstani|local|innocent|peaceful|unarmed|young|"
    r"ordinary|several|further|additional|another|striking|unemployed|(?-i:[A-Z][\w’'-]+)"
)
_GAP_TOKEN = re.compile(rf"\s*(?:[,“”\"'‘’()]\s*)*(?:{_AUX}|{_GROUP_WORDS})\b[,“”\"'‘’()]*", re.IGNORECASE)
_GAP_MAX_TOKENS = 10

# Who a figure counts, in the order tried (the authorities' labels first, so "armed men" is not "men").
GROUPS = (
    ("armed_criminals", r"armed\s+criminals|criminals|bandits|terrorists|militants|attackers|assailants|rioters|"
     r"looters|extremists|raiders|insurgents|gunmen|armed\s+(?:men|groups|people|individuals)"),
    ("security_forces", r"police|policem[ae]n|policewom[ae]n|national\s+guard|guardsm[ae]n|servicem[ae]n|"
     r"armed\s+forces|law\s+enforcers|special\s+forces|peacekeepers|"
     r"service\s*members|soldiers?|troops|military|army|law[\s-]+enforcement|security\s+(?:forces|personnel|"
     r"officers|services|service)|officers?|cadets"),
    ("protesters", r"protesters?|protestors?|demonstrators?|rally\s+participants|participants|activists"),
    ("civilians", r"civilians?|bystanders|residents|passers-?by|children|child|minors|teenagers|girls?|boys?|"
     r"journalists?|reporters?|wom[ae]n"),
)  # fmt: skip
_GROUPS_RE = [(g, re.compile(rf"\b(?:{p})\b", re.IGNORECASE)) for g, p in GROUPS]
_CHILD = re.compile(r"\b(?:children|child|minors|teenagers|girls?|boys?)\b", re.IGNORECASE)
_LABEL = re.compile(r"\b(?:criminals|bandits|terrorists|rioters|extremists|militants)\b", re.IGNORECASE)


def group_of(words: str) -> tuple[str, str]:
    """The group a phrase names and a note: "police officers and soldiers" security_forces, "protesters"
    protesters, "“armed criminals”" / "bandits" / "terrorists" / "rioters" armed_criminals (the authorities'
    label, noted), "civilians" / "three children" civilians, "people" / nothing unspecified."""
    for group, rx in _GROUPS_RE:
        if rx.search(words):
            note = ""
            if group == "civilians" and _CHILD.search(words):
                note = "children: coded civilians (the table has no children group)"
            if group == "armed_criminals" and _LABEL.search(words):
                note = "the authorities' label for those counted"
            return group, note
    return "unspecified", ""


def _measure_from(m: re.Match[str]) -> tuple[str, str]:
    for i, (measure, _, note) in enumerate(_MEASURE_AFTER):
        if m.group(f"m{i}"):
            return measure, note
    return "detained", "worded 'held': coded detained"


# --- who stated and relayed it -----------------------------------------------------------------------------------

OFFICIAL_SOURCES = (
    ("almaty_commandants_office", r"(?:Almaty\s+)?commandant(?:['’]s)?(?:\s+office)?(?:\s+of\s+Almaty)?"),
    ("almaty_police_official", r"Almaty(?:['’]s)?\s+police(?:\s+(?:department|official|spokes\w+|chief|head))?|"
     r"police\s+in\s+Almaty|Almaty\s+city\s+police"),
    ("interior_ministry", r"(?:interior|internal\s+affairs)\s+minist(?:ry|er)|minist(?:ry|er)\s+of\s+(?:the\s+)?"
     r"(?:interior|internal\s+affairs)|MVD"),
    ("health_ministry", r"(?:health(?:care)?)\s+minist(?:ry|er)|minist(?:ry|er)\s+of\s+health(?:care)?|"
     r"health\s+(?:officials|authorities)"),
    ("prosecutor_general", r"(?:prosecutor|procurator)[\s-]+general(?:['’]s)?(?:\s+office)?|"
     r"general\s+prosecutor(?:['’]s)?(?:\s+office)?|prosecutors?(?:['’]s)?\s+office|prosecutors|"
     r"(?:an?\s+|the\s+)?(?:senior\s+|top\s+|chief\s+|deputy\s+)?prosecutor"),
    ("national_security_committee", r"national\s+security\s+committee|committee\s+(?:for|of)\s+national\s+"
     r"security|KNB"),
    ("president", r"president(?:ial)?(?:['’]s)?\s+(?:office|press\s+service|administration|website)|Akorda|"
     r"(?:President\s+)?(?:(?:Kassym-Jomart|Qasym-Zhomart)\s+)?(?:Tokayev|Tokaev|Toqaev)(?:['’]s\s+office)?|"
     r"the\s+president|head\s+of\s+state"),
    ("rights_group", r"(?:human\s+)?rights\s+(?:groups?|activists|defenders|organi[sz]ations?|monitors|watchdogs?)|"
     r"Amnesty(?:\s+International)?|Human\s+Rights\s+Watch|Kazakhstan\s+International\s+Bureau\s+for\s+Human\s+Rights"),
    ("police", r"police(?:\s+(?:spokes\w+|official|department|chief))?"),
    ("authorities", r"authorities|officials|the\s+government|government|akimat|mayor(?:['’]s)?\s+office|"
     r"city\s+(?:administration|hall)|ministry\s+of\s+defen[cs]e|defen[cs]e\s+ministry|emergenc(?:y|ies)\s+ministry|"
     r"(?:an?|the|one)\s+(?:senior\s+|local\s+|government\s+|security\s+|city\s+|regional\s+)?official|"
     r"(?:foreign|information|justice|emergency\s+situations|energy)\s+minist(?:ry|er)|ministry\s+of\s+(?:foreign\s+"
     r"affairs|information|justice|emergency\s+situations)|security\s+council|(?:city|regional|local)\s+health\s+"
     r"department|governor(?:['’]s\s+office)?|akim|regional\s+administration|court(?:\s+spokes\w+)?|"
     r"(?:children['’]s\s+|human\s+rights\s+)?ombuds(?:man|woman|person)"),
)  # fmt: skip
OUTLETS = (
    ("khabar_24", r"Khabar[\s-]*24|Khabar"),
    ("tass", r"TASS"),
    ("sputnik", r"Sputnik(?:\s+Kazakhstan)?"),
    ("interfax", r"Interfax(?:-Kazakhstan)?"),
    ("ria_novosti", r"RIA(?:\s+Novosti)?"),
    ("state_media", r"state(?:-run)?\s+(?:media|television|TV|broadcaster|news\s+agency|news\s+channel|channel)|"
     r"Kazinform|Kazakh\s+TV|Qazaqstan\s+(?:TV|channel)|Egemen\s+Qazaqstan"),
    ("reuters", r"Reuters"),
    ("afp", r"AFP|Agence\s+France[-\s]Presse"),
    ("ap", r"(?:the\s+)?Associated\s+Press|(?<![\w.])AP(?![\w.])"),
    ("rfe_rl", r"RFE/RL|Radio\s+Free\s+Europe(?:/Radio\s+Liberty)?"),
    ("news_reports", r"(?:news|media|press)\s+reports"),
    ("kazakh_media", r"local\s+media|Kazakh\s+media|local\s+(?:news\s+)?(?:outlets|news\s+sites)|Tengrinews|"
     r"KazTAG|Orda(?:\.kz)?|Vlast(?:\.kz)?|Azattyq|Informburo(?:\.kz)?|Zakon\.kz|KTK|Kursiv|Nur\.kz"),
)  # fmt: skip
_GENERIC_OUTLETS = {"state_media", "kazakh_media"}
_CASE_SENSITIVE = {"tass", "ria_novosti", "national_security_committee", "interior_ministry", "afp", "ap", "rfe_rl"}


def _source_re(key: str, pattern: str) -> re.Pattern[str]:
    flags = 0 if key in _CASE_SENSITIVE else re.IGNORECASE
    if key in _CASE_SENSITIVE:  # acronyms are case-sensitive; the spelled-out names are not
        pattern = "|".join(
            alt if re.fullmatch(r"[A-Z]+", alt) else f"(?i:{alt})" for alt in re.split(r"\|(?![^()]*\))", pattern)
        )
    return re.compile(rf"\b(?:{pattern})\b", flags)


_OFFICIAL_RE = [(k, _source_re(k, p)) for k, p in OFFICIAL_SOURCES]
_OUTLET_RE = [(k, _source_re(k, p)) for k, p in OUTLETS]
_SPEECH_AFTER = re.compile(
    # the words between a source and its verb may hold a quoted label ('blamed on "terrorists" and said'), but not
    # the end of a quotation ('... of the National Security Committee," he said': the speaker is "he")
    r"^(?:(?![,.!?]\s*[\"”])[\w\s,’'\"“”.()-]){0,45}?\b(?:said|says|say|reported|reports|report|announced|"
    r"announces|told|tells|stated|states|"
    r"confirmed|confirms|added|adds|put|puts|gave|gives|given|cited|quoted|released|published|posted|wrote|claimed|claims|"
    r"informed|informs|briefed|"
    r"data|figures|statement|tally|count|spokes\w+)\b",
    re.IGNORECASE,
)
_SPEECH_BEFORE = re.compile(
    r"\b(?:according\s+to|citing|quoting|quoted|cited|data\s+from|figures\s+from|said|says|told|reported|per)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w’'-]+,?\s+){0,4}$",
    re.IGNORECASE,
)
_PRONOUN_SPEECH = re.compile(
    r"\b(?:it|he|she|they|the\s+(?:ministry|agency|office|department|committee|spokes\w+|statement))\s+"
    r"(?:also\s+)?(?:said|says|added|reported|stated|announced|noted|told|confirmed)\b|"
    r"\baccording\s+to\s+(?:the\s+)?(?:ministry|it|same\s+source|statement|agency)\b",
    re.IGNORECASE,
)
_MEASURE_OR_NUMBER = re.compile(r"\d|\b(?:killed|dead|died|injured|wounded|hurt|detained|arrested|held)\b", re.I)
_ATTRIBUTION_BACK = 2  # sentences to look back when "it said" or "the ministry added" names no one


@dataclass(frozen=True)
class Sources:
    """Who the text says gave a figure (``stated_by``) and which outlet passed it on (``relayed_by``)."""

    stated_by: str = "unknown"
    relayed_by: str = ""
    notes: tuple[str, ...] = ()


_COUNT_BEFORE = re.compile(
    rf"(?:\d|\b(?:{_UNIT_RE}|dozen|dozens|hundreds|thousands|scores|several|many|among|including|of\s+whom|of\s+them)"
    rf")\s*(?:[\w’'-]+\s+){{0,3}}$",
    re.IGNORECASE,
)
_NOT_SPEECH_WORD = (
    r"\s+(?!(?:said|says|say|told|tells|reported|reports|announced|stated|added|confirmed|according|that|on|in)\b)"
    r"[A-Za-z’'-]+"
)
_COUNTED_AFTER = re.compile(
    rf"^(?:{_NOT_SPEECH_WORD}){{0,4}}?\s+(?:(?:were|was|had|have|has|been|being|are|is|also)\s+){{1,3}}(?:killed|"
    rf"injured|wounded|hurt|detained|arrested|died|hospitali[sz]ed|shot)\b|"
    rf"^(?:{_NOT_SPEECH_WORD}){{0,3}}?\s+(?:killed|injured|wounded|died|dead)\b",
    re.IGNORECASE,
)


def counted_group(text: str, start: int, m_start: int, m_end: int, end: int) -> bool:
    """True when a source name is the group a figure counts, not its speaker: "said 95 police officers had been
    injured", "eight police officers were killed", "dozens of police were hurt", "clashes with police" (a number or a
    preposition before it, or a casualty verb right after it)."""
    if _COUNT_BEFORE.search(text[max(start, m_start - 40) : m_start]):
        return True
    if re.search(
        r"\b(?:with|against|by|on|between|and)\s+(?:the\s+)?$", text[max(start, m_start - 15) : m_start], re.I
    ):
        return True  # "clashes with police", "attacks on the police", "shot by police": not the speaker
    return bool(_COUNTED_AFTER.match(text[m_end : min(end, m_end + 60)]))


def _attributions(text: str, start: int, end: int) -> list[tuple[int, str, str]]:
    """Source mentions in text[start:end] that a speech cue ties to a statement: (offset, kind, key)."""
    found: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, table in (("official", _OFFICIAL_RE), ("outlet", _OUTLET_RE)):
        for key, rx in table:
            for m in rx.finditer(text, start, end):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                after = text[m.end() : min(end, m.end() + 60)]
                before = text[max(start, m.start() - 60) : m.start()]
                if kind == "official" and counted_group(text, start, m.start(), m.end(), end):
                    continue  # "said 95 police officers had been injured": the police are counted, not speaking
                cue = _SPEECH_AFTER.match(after)
                if cue and _MEASURE_OR_NUMBER.search(cue.group(0)):
                    cue = None  # "police officers were killed, the ministry said": the speaker is further on
                headline = re.search(r":\s*$", before) and not text[m.end() : end].strip(" .\n")
                if kind == "outlet" or cue or headline or _SPEECH_BEFORE.search(before):
                    found.append((m.start(), kind, key))
                    taken.append((m.start(), m.end()))
    return sorted(found)


_NAME = r"(?P<first>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+(?P<sur>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
_NAME_AFTER_TITLE = re.compile(r"\s+" + _NAME)
_TITLE_TAIL = re.compile(r"(?:\s+(?:General|General['’]s))?")
_NAME_BEFORE_APPOSITIVE = re.compile(_NAME + r",\s+(?:the\s+|a\s+|an\s+)?[^,.\"“”]{0,90}$")
_HONORIFIC_BEFORE_APPOSITIVE = re.compile(
    r"\b(?:Mr|Ms|Mrs|Dr)\.?\s+(?P<sur>[A-Z][a-z]+(?:-[A-Z][a-z]+)?),\s+(?:the\s+|a\s+|an\s+)?[^,.\"“”]{0,90}$"
)
_SPEAKS = r"(?:said|says|told|tells|added|adds|stated|noted|announced|reported|confirmed|explained)"


def person_sources(doc: Doc) -> list[tuple[int, str, str]]:
    """People the text introduces with an office, as (offset, surname, source key), in text order.

    Phrases: "Prosecutor General Berik Asylov" / "Deputy Prosecutor General Yerlan Bekov" (the title before the
    name), "Serik Bakirov, a senior official at the Prosecutor General's Office," / "Aigerim Bekova, a spokeswoman
    for the health ministry," / "Mr. Bekov, Deputy Prosecutor General," (an appositive after it). Not a date
    phrase or a sentence opener (:func:`is_person_name`: "In June, prosecutors said"). Later "Asylov said", "said
    Bakirov", "she said" and a quote closed by the surname speak for that office.
    """
    return list(_person_sources(doc.text, doc.published))


@lru_cache(maxsize=32)  # asked once per figure and per reaction sentence of the same text
def _person_sources(text: str, published: date) -> tuple[tuple[int, str, str], ...]:
    doc = Doc(text, published)
    out: list[tuple[int, str, str]] = []
    for key, rx in _OFFICIAL_RE:
        for m in rx.finditer(text):
            a, _b = doc.sentence_of(m.start())
            title_end = _TITLE_TAIL.match(text, m.end()).end()  # "Deputy Prosecutor" + " General"
            after = _NAME_AFTER_TITLE.match(text, title_end)
            if after and not _OFFICIAL_WORD.match(after.group("first")) and is_person_name(after):
                out.append((after.start("first"), after.group("sur"), key))
                continue
            before = _NAME_BEFORE_APPOSITIVE.search(text, max(a, m.start() - 140), m.start())
            if before and is_person_name(before):
                out.append((before.start("first"), before.group("sur"), key))
                continue
            honorific = _HONORIFIC_BEFORE_APPOSITIVE.search(text, max(a, m.start() - 140), m.start())
            if honorific:  # "Mr. Bekov, Deputy Prosecutor General, further informed"
                out.append((honorific.start("sur"), honorific.group("sur"), key))
    # one office per person: a specific office ("at the Prosecutor General's Office") over "a senior official"
    best: dict[int, tuple[int, str, str]] = {}
    for o, sur, key in out:
        if o not in best or best[o][2] == "authorities":
            best[o] = (o, sur, key)
    return tuple(sorted(best.values()))


_NOT_FIRST_NAME = re.compile(
    r"(?:In|On|By|At|As|Since|Until|Till|Last|Early|Late|Mid|During|From|Before|After|Through|The|This|That|Then|"
    r"Meanwhile|Later|Earlier|Also|But|And|Yet|So|Still|Now|Back)$"
)
_CALENDAR_WORD = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$"
)


def is_person_name(m: re.Match[str]) -> bool:
    """Whether two capitalised words read as a person's name, not a date phrase or a sentence opener: "Berik
    Asylov" yes; "In June", "On Tuesday", "Since March", "Meanwhile Prosecutors" no."""
    return not (_NOT_FIRST_NAME.match(m.group("first")) or _CALENDAR_WORD.match(m.group("sur")))


_OFFICIAL_WORD = re.compile(r"(?:Office|Ministry|General|Minister|Prosecutor|Service|Committee|Council)$")
_PRONOUN_ONLY = re.compile(r"\b(?:he|she)\s+(?:also\s+)?" + _SPEAKS + r"\b", re.IGNORECASE)
_OFFICIAL_TOLL = re.compile(
    r"\bofficial(?:ly)?\s+(?:death\s+)?(?:toll|tally|count|figures?|data|Telegram)|"
    r"\b(?:Kazakhstan|the\s+government|the\s+authorities|Nur-Sultan)\s+(?:had\s+|has\s+)?(?:previously\s+|earlier\s+|"
    r"initially\s+)?(?:acknowledged|admitted|confirmed|put\s+the)\b",
    re.IGNORECASE,
)


def _person_speaker(doc: Doc, a: int, b: int, pos: int) -> str:
    """The office of a person introduced earlier who speaks in text[a:b] ("Asylov said", "she said"), or ""."""
    people = [p for p in person_sources(doc) if p[0] < b]
    if not people:
        return ""
    sentence = doc.text[a:b]
    for _o, sur, key in reversed(people):
        if re.search(rf"\b{re.escape(sur)}\s+{_PERSON_SPEAKS}\b|\b{_SPEAKS}\s+{re.escape(sur)}\b", sentence):
            return key
    if _PRONOUN_ONLY.search(sentence):
        # "he said": the person last named before, by full name or surname, up to a few paragraphs back
        keys = {sur: key for _o, sur, key in people}
        named = [
            (m.start(), keys[m.group(0)])
            for m in re.compile(r"\b(?:" + "|".join(map(re.escape, keys)) + r")\b").finditer(
                doc.text, max(0, a - 2500), a
            )
        ]
        if named:
            return named[-1][1]
    return ""


_PERSON_SPEAKS = (
    rf"(?:also\s+|further\s+|then\s+|later\s+|additionally\s+)?(?:{_SPEAKS[3:-1]}|informed|stressed|"
    r"emphasi[sz]ed|pointed\s+out|specified|clarified)"
)


def paragraph_speaker(doc: Doc, a: int) -> str:
    """The office of the person who opens the paragraph of the sentence at ``a`` as its speaker: "Mr. Bekov further
    informed that 900 people had been detained. Of these, 800 were held in custody." (the second sentence is his
    too), "Ms. Sadykova said that ...", "Mr. Bekov, the deputy prosecutor general, further informed that ..."; the
    person introduced with an office (:func:`person_sources`)."""
    para = doc.text.rfind("\n", 0, a) + 1
    first = doc.sentence_of(para)
    if first[0] >= a and first != doc.sentence_of(a):
        return ""
    opener = doc.text[first[0] : first[1]]
    for _o, sur, key in reversed([p for p in person_sources(doc) if p[0] < first[1]]):
        name = rf"\s*(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?(?:[A-Z][\w-]+\s+)?{re.escape(sur)}"
        if re.match(rf"{name}(?:,[^,.;]{{1,100}},)?\s+{_PERSON_SPEAKS}\b", opener):
            return key
    return ""


def _quote_close(doc: Doc, pos: int) -> tuple[int, int] | None:
    """The sentence that closes the quotation ``pos`` sits in (its attribution), within the paragraph, or None."""
    para_start = doc.text.rfind("\n", 0, pos) + 1
    para_end = doc.text.find("\n", pos)
    para_end = len(doc.text) if para_end < 0 else para_end
    opened = len(re.findall(r"[\"“”]", doc.text[para_start:pos]))
    if opened % 2 == 0:
        return None
    close = re.compile(r"[\"”]").search(doc.text, pos, para_end)
    if close is None:
        return None
    return doc.sentence_of(close.start())


_CONTINUES = re.compile(
    r"\s*(?:This|These|That|Those)\s+(?:includes?|included|figure|number|comprises?)\b|\s*(?:Of\s+(?:them|those|these|"
    r"whom)|Among\s+them|Including)\b"
)
_THE_OFFICIAL = re.compile(r"\bthe\s+official\b", re.IGNORECASE)


def _dateline_agency(doc: Doc, pos: int) -> bool:
    """Whether the outlet at ``pos`` is a dateline's agency in brackets ("MOSCOW (AP) —"): the publisher."""
    return doc.text[max(0, pos - 1) : pos] == "(" and bool(re.match(r"[\w/ -]{1,20}\)\s*[-–—.]", doc.text[pos:]))


def sources_for(doc: Doc, pos: int) -> Sources:
    """Who stated the figure at ``pos`` and who relayed it, from its sentence.

    "the interior ministry said" / "according to the Health Ministry" / "Tokayev's office said" /
    "the Prosecutor General's Office" / "the KNB" / "police said" / "officials said" / "rights groups say"
    name the source (the one nearest the figure when several do); "TASS reported, citing the ministry" /
    "Khabar 24, quoting the Almaty commandant's office" / "Interfax" / "RIA Novosti" / "state media" add
    the outlet that relayed it; an outlet alone is the source ("Khabar 24 reported"). "It said" /
    "the ministry added" carry the source of the two sentences before; no source leaves ``unknown``.
    "an official told Reuters" / "a senior official said" / "the foreign ministry" / "the city health
    department" / "a court spokesman" / "the regional governor" are authorities; "health authorities" the
    health ministry; "Informburo" / "KTK" / "Zakon.kz" Kazakh media; "Qazaqstan TV" state media. A name the
    figure counts is no speaker (:func:`counted_group`).
    """
    s_start, s_end = doc.sentence_of(pos)
    found = [
        f for f in _attributions(doc.text, s_start, s_end) if not (f[1] == "outlet" and _dateline_agency(doc, f[0]))
    ]
    if not found and _CONTINUES.match(doc.text, s_start):
        back = [sp for sp in doc.sentences if sp[1] <= s_start and sp[0] >= doc.text.rfind("\n", 0, s_start) + 1]
        if back:  # "This includes …": the sentence adds to the one before and keeps its source
            prev = sources_for(doc, back[-1][0])
            if prev.stated_by != "unknown":
                return Sources(prev.stated_by, prev.relayed_by, (*prev.notes, "source of the sentence it continues"))
    officials = [(abs(o - pos), key) for o, kind, key in found if kind == "official"]
    outlets = [(abs(o - pos), key) for o, kind, key in found if kind == "outlet"]
    if any(key not in _GENERIC_OUTLETS for _, key in outlets):  # "state news channel Khabar-24" is Khabar 24
        outlets = [(d, key) for d, key in outlets if key not in _GENERIC_OUTLETS]
    notes: list[str] = []
    pronoun = None if officials else _PRONOUN_SPEECH.search(doc.text, s_start, s_end)
    if pronoun:
        back = [sp for sp in doc.sentences if sp[1] <= s_start][-_ATTRIBUTION_BACK:]
        for a, b in reversed(back):
            earlier = [key for _, kind, key in _attributions(doc.text, a, b) if kind == "official"]
            if earlier:
                officials = [(0, earlier[-1])]
                notes.append("source carried over from an earlier sentence ('it said' or 'the ministry')")
                break
        else:
            if re.search(r"ministry|office|department|committee", pronoun.group(0), re.IGNORECASE):
                officials = [(0, "authorities")]
                notes.append("'the ministry' names no ministry: coded authorities")
    resolved = [(d, named_state_outlet(doc, s_start, key)) for d, key in outlets]
    if resolved != outlets:
        notes.append("'the state broadcaster' taken as the state outlet the text named before")
        outlets = resolved
    if officials:
        stated = min(officials)[1]
        if stated == "authorities" and _THE_OFFICIAL.search(doc.text, s_start, s_end):
            for a, b in reversed([sp for sp in doc.sentences if sp[1] <= s_start][-_ATTRIBUTION_BACK:]):
                earlier = [
                    k for _, kind, k in _attributions(doc.text, a, b) if kind == "official" and k != "authorities"
                ]
                if earlier:
                    stated = earlier[-1]
                    notes.append("'the official' is the office the text named just before")
                    break
        relayed = min(outlets)[1] if outlets else ""
        return Sources(stated, relayed if relayed != stated else "", tuple(notes))
    relayed = min(outlets)[1] if outlets else ""
    person = _person_speaker(doc, s_start, s_end, pos)
    if not person:
        closing = _quote_close(doc, pos)
        if closing and closing != (s_start, s_end):
            person = _person_speaker(doc, closing[0], closing[1], pos)
            if not person:
                inner = [k for _, kind, k in _attributions(doc.text, closing[0], closing[1]) if kind == "official"]
                person = inner[0] if inner else ""
            if person:
                notes.append("source from the attribution that closes the quote")
    if not person:
        person = paragraph_speaker(doc, s_start)
        if person:
            notes.append("the speaker opens the paragraph")
    if person:
        notes.append("the speaker was named earlier with an office")
        return Sources(person, relayed if relayed != person else "", tuple(notes))
    if outlets and relayed not in ("news_reports",):
        return Sources(relayed, "", ("an outlet is the only source the sentence names", *notes))
    if _OFFICIAL_TOLL.search(doc.text, s_start, s_end):
        notes.append("an official toll with no named speaker: coded authorities")
        return Sources("authorities", relayed, tuple(notes))
    return Sources("unknown", relayed, tuple(notes))


_NAMED_STATE_OUTLET = re.compile(r"\bKhabar[\s-]*24\b|\bKhabar\b", re.IGNORECASE)


def named_state_outlet(doc: Doc, before: int, key: str) -> str:
    """ "the state broadcaster" / "state television" after the text has named Khabar 24 is Khabar 24 (an anaphor);
    any other outlet key is returned as it is."""
    if key != "state_media" or not _NAMED_STATE_OUTLET.search(doc.text, 0, before):
        return key
    return "khabar_24"


# --- period ------------------------------------------------------------------------------------------------------

_CUMULATIVE = re.compile(
    r"\b(?:so\s+far|in\s+total|a\s+total\s+of|total\s+of|overall|to\s+date|since\s+the\s+(?:start|beginning|"
    r"unrest|protests|violence|riots|events)|since\s+(?:January|Jan\.?)\s+\d|death\s+toll|toll\s+(?:has\s+)?"
    r"(?:rose|risen|climbed|reached|stood|stands|increased|jumped)|(?:rose|risen|climbed|increased|jumped|grown|"
    r"grew)\s+to|as\s+of|during\s+(?:the\s+)?(?:unrest|protests|riots|violence|disturbances|events|"
    r"unrest)|in\s+recent\s+days|in\s+the\s+(?:past|last)\s+(?:few\s+)?(?:days|week)|throughout\s+the)\b",
    re.IGNORECASE,
)
_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_SINGLE_DAY = re.compile(
    rf"(?<!said )(?<!reported )(?<!announced )(?<!told reporters )(?<!added )(?<!stated )"
    rf"\b(?:on\s+(?:{_DAYS}|(?:January|Jan\.?)\s+\d{{1,2}}|\d{{1,2}}\s+(?:January|Jan\.?))|overnight|yesterday|"
    rf"(?:on\s+)?{_DAYS}\s+(?:night|evening|morning)|on\s+the\s+night\s+of)\b",
    re.IGNORECASE,
)

# "On Sunday, Khabar 24 reported that ...": the day dates the report, not the deaths.
_STATEMENT_AFTER = re.compile(
    r"[^.;]{0,40}?\b(?:said|says|reported|announced|told|stated|confirmed|added|wrote)\b", re.IGNORECASE
)


def period_of(doc: Doc, pos: int) -> str:
    """cumulative for "so far", "in total", "a total of", "the death toll rose to", "as of", "since the unrest
    began", "during the unrest"; single_day for "on Wednesday eight were killed", "overnight", "Thursday
    night" (not "the ministry said on Wednesday", which dates the statement); else unspecified."""
    a, b = doc.sentence_of(pos)
    if _CUMULATIVE.search(doc.text, a, b):
        return "cumulative"
    for m in _SINGLE_DAY.finditer(doc.text, a, b):
        if not _STATEMENT_AFTER.match(doc.text, m.end(), b):
            return "single_day"
    return "unspecified"


# --- the rules ---------------------------------------------------------------------------------------------------


@dataclass
class Figure:
    """One figure a rule found: what it counts, the quantity, the span of the match, the rule and its notes."""

    measure: str
    quantity: Quantity
    start: int
    end: int
    group: str
    rule: str
    confidence: float
    notes: list[str] = field(default_factory=list)
    period: str = ""  # set when the rule itself says (a toll is a running total); else read from the sentence


_ASIDE = re.compile(r"\s*,?\s*(?:including|among\s+them|among\s+whom)\s+[^,.;]{1,60},", re.IGNORECASE)


def _gap_ok(text: str, a: int, b: int) -> int | None:
    """Number of words between a and b when every one is a group word or an auxiliary; None otherwise."""
    pos, n = a, 0
    while pos < b:
        if not text[pos:b].strip(" ,“”\"'‘’()"):
            return n
        aside = _ASIDE.match(text, pos, b)
        if aside:  # "164 people, including three children, were killed": the part does not end the phrase
            pos, n = aside.end(), n + 1
            continue
        m = _GAP_TOKEN.match(text, pos, b)
        if not m or m.end() == pos:
            return None
        pos, n = m.end(), n + 1
        if n > _GAP_MAX_TOKENS:
            return None
    return n


def number_then_measure(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """A count, the group it names, then the measure word.

    "eight police officers were killed", "18 killed and 748 injured", "26 “armed criminals” have been
    killed", "more than 3,000 protesters have been detained", "164 dead", "1,300-plus deaths", "two people
    died", "12 lost their lives", "317 injured among the security forces", "nearly 400 were hospitalised",
    "3,811 arrests", "some 190 have been reported injured", "dozens of rioters were liquidated", "about
    5,800 people were taken into custody", "500 people are being held".
    """
    for i, q in enumerate(quantities_):
        later = [n for n in quantities_[i + 1 :] if not _SUBSET.search(text, max(0, n.start - 20), n.start)]
        limit = later[0].start if later else end
        active = _ACTIVE.search(text, max(0, q.start - 50), q.start)
        if active and active.end() == q.start and active.group("verb").lower() not in ("left", "leaving"):
            continue  # "killed 26 armed criminals and injured 18": measure_then_number reads it
        for m in _MEASURE_AFTER_RE.finditer(text, q.end, min(limit, q.end + 140)):
            words = _gap_ok(text, q.end, m.start())
            if words is None:
                break
            if m.group("held") and not re.search(r"\b(?:were|was|are|is|been|being)\s*$", text[q.end : m.start()]):
                continue  # "held a rally", "held talks": not a detention
            measure, note = _measure_from(m)
            gap = _ASIDE.sub(" ", text[q.end : m.start()])  # the part's group is not the whole's
            group, gnote = group_of(gap)
            after = text[m.end() : min(end, m.end() + 60)]
            among = re.match(r"\s*(?:among|from|in\s+the\s+ranks\s+of)\s+(?:the\s+)?([\w\s-]{3,40})", after)
            if group == "unspecified" and among:
                group, gnote = group_of(among.group(1))
            conf = 0.85 if words <= 6 else 0.7
            if q.value is None:
                conf -= 0.05
            if note.startswith("worded 'charged'"):
                conf = 0.5
            notes = [n for n in (note, gnote, q.note) if n]
            yield Figure(measure, q, q.start, m.end(), group, "figures.number_then_measure", conf, notes)
            break


_DEATH_IN_CUSTODY = re.compile(
    r"(?P<who>(?:\s+[\w’'-]+){0,4}?)\s+(?:(?:were|was|had|have|has|been|reportedly|allegedly|later)\s+)*"
    r"(?:(?:tortured|beaten)\s+to\s+death|died\s+(?:while\s+)?in\s+(?:police\s+)?(?:custody|detention)|"
    r"died\s+(?:from|of|after)\s+(?:torture|beatings?))\b",
    re.IGNORECASE,
)


def death_in_custody(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """Deaths told as torture or as dying in custody, counted as killed (the word for the detainees is no measure).

    "four detainees were tortured to death", "two men had been beaten to death", "five people died in police
    custody", "three prisoners died from torture".
    """
    for q in quantities_:
        m = _DEATH_IN_CUSTODY.match(text, q.end, end)
        if not m or _MEASURE_AFTER_RE.search(re.sub(r"\bdetainees\b", "", m.group("who"), flags=re.I)):
            continue
        group, gnote = group_of(m.group("who"))
        notes = ["worded as a death in custody or under torture: coded killed", *(n for n in (gnote, q.note) if n)]
        yield Figure("killed", q, q.start, m.end(), group, "figures.death_in_custody", 0.8, notes)


_MEASURE_THEN_PLACE = re.compile(
    r"\b(?P<verb>died|were\s+killed|had\s+been\s+killed|were\s+injured|were\s+wounded|were\s+detained|"
    r"were\s+arrested)\s*[\"“”]?\s*(?:in|across)\s+(?:the\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?"
    r"(?:\s+(?:region|oblast|province))?\s*,\s*$"
)
_MEASURE_OF_VERB = {"died": "killed", "killed": "killed", "injured": "injured", "wounded": "injured",
                    "detained": "detained", "arrested": "detained"}  # fmt: skip


def measure_place_number(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """The measure, a place, then the count, as a speaker puts it: "most died in Shymkent, 40 people",
    "the majority were killed in Almaty, 120 of them", "were detained in the Almaty region, 300 people" (the count
    follows the place after a comma, often inside a quotation)."""
    for q in quantities_:
        m = _MEASURE_THEN_PLACE.search(text, max(0, q.start - 80), q.start)
        if not m or m.end() != q.start:
            continue
        tail = re.match(r"\s*(?:people|persons|individuals|of\s+them)?", text[q.end : end]).group(0)
        measure = _MEASURE_OF_VERB[m.group("verb").split()[-1].lower()]
        notes = ["the count follows the place it is given for", *(n for n in (q.note,) if n)]
        yield Figure(
            measure, q, m.start(), q.end + len(tail), "unspecified", "figures.measure_place_number", 0.7, notes
        )


_TOLL_RAISED = re.compile(
    r"\b(?P<verb>raised|revised|updated|increased|lifted|pushed|brought|put)\s+(?:up\s+)?(?:the|its|their)\s+"
    r"(?:official\s+|overall\s+|final\s+)?(?:death\s+toll|toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|fatalities|"
    r"victims|people\s+killed|those\s+killed))\b[^.;:\d]{0,160}?\s(?:up\s+)?to\s+$",
    re.IGNORECASE,
)


def toll_raised_to(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """A toll raised or revised to a number that ends a long clause after the word 'toll'.

    "officials raised the death toll from the violence that swept several western and southern cities to 241",
    "revised the number of victims of the riots in the country's south to 96", "brought the official toll for the
    week of clashes to 40" (what toll_reached cannot reach: more than 60 characters between 'toll' and 'to').
    """
    for q in quantities_:
        m = _TOLL_RAISED.search(text, max(0, q.start - 220), q.start)
        if not m or m.end() != q.start:
            continue
        yield Figure("killed", q, m.start(), q.end, "unspecified", "figures.toll_raised_to", 0.8, [], "cumulative")


_ACTIVE = re.compile(
    r"\b(?P<verb>killed|killing|kills|detained|detaining|detains|arrested|arresting|arrests|wounded|wounding|"
    r"rounded\s+up|rounding\s+up|apprehended|liquidated|eliminated|neutrali[sz]ed|shot\s+dead|shooting\s+dead|"
    r"gunned\s+down|"
    r"injured|injuring|hospitali[sz]ed|hospitali[sz]ing|claimed\s+the\s+lives\s+of|took\s+the\s+lives\s+of|"
    r"left|leaving)[\"“”'‘’]?\s+(?:a\s+total\s+of\s+|in\s+total\s+)?$",
    re.IGNORECASE,
)
_ACTIVE_MEASURE = {
    "kill": ("killed", ""),
    "claimed": ("killed", ""),
    "took": ("killed", ""),
    "detain": ("detained", ""),
    "round": ("detained", "worded 'rounded up': coded detained"),
    "liquidat": ("killed", "worded 'liquidated': coded killed"),
    "shot": ("killed", ""),
    "shooting": ("killed", ""),
    "gunned": ("killed", ""),
    "eliminat": ("killed", "worded 'eliminated': coded killed"),
    "neutrali": ("killed", "worded 'neutralised': may mean killed or captured; coded killed, check the text"),
    "apprehend": ("detained", "worded 'apprehended': coded detained"),
    "arrest": ("detained", "worded 'arrested': the table codes it detained"),
    "wound": ("injured", ""),
    "injur": ("injured", ""),
    "hospital": ("injured", "worded as hospitalised: coded injured"),
}


def measure_then_number(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """The measure verb, then the count: active voice.

    "the clashes killed at least 164 people", "police detained 3,811 people", "security forces arrested
    about 5,800 people", "police rounded up more than 4,000 people", "apprehended 300 looters", "troops shot
    dead dozens of rioters", "gunned down 12 attackers",
    "wounding more than 1,000", "injuring 18 police officers", "the violence claimed
    the lives of 225 people", "hospitalised 400 people".
    """
    for i, q in enumerate(quantities_):
        m = _ACTIVE.search(text, max(0, q.start - 50), q.start)
        if not m or m.end() != q.start:
            continue
        verb = m.group("verb").lower()
        if verb in ("left", "leaving"):
            continue  # "left 164 dead" is read by number_then_measure
        measure, note = next(v for k, v in _ACTIVE_MEASURE.items() if verb.startswith(k))
        limit = quantities_[i + 1].start if i + 1 < len(quantities_) else end
        tail = re.match(r"[^.;:]{0,60}", text[q.end : limit]).group(0)
        words = re.split(r"\s+(?:in|on|during|after|at|and|as|when|while|since)\s+|[,(]", tail)[0]
        group, gnote = group_of(words)
        notes = [n for n in (note, gnote, q.note) if n]
        yield Figure(
            measure, q, m.start(), q.end + len(words.rstrip()), group, "figures.measure_then_number", 0.75, notes
        )


_TOLL = re.compile(
    r"\b(?P<what>death\s+toll|toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|people\s+killed|those\s+killed|"
    r"fatalities|victims|detainees|detained|people\s+detained|those\s+detained|detentions|arrests|arrested|people\s+"
    r"arrested|injured|wounded|people\s+injured|those\s+injured|people\s+wounded|casualties))"
    r"(?P<mid>[^.;:\d]{0,60}?)\b(?P<verb>rose|risen|rising|rises|climbed|climbs|reached|reaching|reaches|stood|stands|"
    r"stand|is|was|has\s+reached|increased|increases|jumped|jumps|soared|soars|exceeded|exceeds|passed|passes|topped|"
    r"tops|hit|hits|grew|grown|grows|totall?ed|totals|of|at|to|as)\s+(?:to\s+|at\s+)?$",
    re.IGNORECASE,
)


def toll_reached(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """A toll or a count and the number it reached.

    "the death toll rose to 164", "the toll stood at 225", "a death toll of 164", "pushed the death toll to
    225", "bringing the number of detainees to 9,900", "the number of detainees reached 7,939",
    "the number of people detained rose to almost 8,000", "gave the civilian death toll as 26",
    "death toll rises to 164" / "toll hits 225" (headline
    tense), "the number of injured exceeded
    2,200" (exceeded / passed / topped: more_than).
    """
    for q in quantities_:
        m = _TOLL.search(text, max(0, q.start - 120), q.start)
        if not m or m.end() != q.start:
            continue
        what = m.group("what").lower()
        if "toll" in what or any(w in what for w in ("dead", "death", "killed", "fatalities", "victims")):
            measure, note = "killed", ""
        elif "casualties" in what:
            measure, note = "casualties", ""
        elif any(w in what for w in ("injured", "wounded")):
            measure, note = "injured", ""
        else:
            measure = "detained"
            note = "worded 'arrests': the table codes it detained" if "arrest" in what else ""
        quantity = q
        if m.group("verb").lower() in ("exceeded", "exceeds", "passed", "topped") and q.qualifier == "exact":
            quantity = Quantity(q.start, q.end, "more_than", q.value, f"worded '{m.group('verb')}'")
        lead = re.search(r"(?:\S+\s+){0,2}$", text[max(0, m.start() - 30) : m.start()]).group(
            0
        )  # "civilian death toll"
        group, gnote = group_of(lead + m.group("mid") + " " + text[q.end : min(end, q.end + 40)].split(",")[0])
        notes = [n for n in (note, gnote, quantity.note) if n]
        yield Figure(measure, quantity, m.start(), q.end, group, "figures.toll_reached", 0.85, notes, "cumulative")


_SUBSET = re.compile(r"\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|of\s+which)\s+$", re.IGNORECASE)
_SUBSET_AFTER = re.compile(r"\s+of\s+(?:them|whom)\b", re.IGNORECASE)


def subset_including(text: str, quantities_: list[Quantity], found: list[Figure], end: int) -> Iterator[Figure]:
    """A part of a figure just given, with its own group or place and no measure word of its own.

    "164 people were killed, including 103 in Almaty", "... killed, among them 16 police officers", "the bodies of
    160 people were brought to morgues, of which 12 were police officers",
    "18 were killed, including three children", "more than 2,200 were injured, 1,300 of them security
    officers".
    """
    for q in quantities_:
        if any(f.quantity.start == q.start for f in found):
            continue
        m = _SUBSET.search(text, max(0, q.start - 20), q.start)
        if m is not None and m.end() == q.start:
            first, words_from = m.start(), q.end
        else:
            after = _SUBSET_AFTER.match(text, q.end, end)  # "1,300 of them security officers", after a comma
            if after is None or not re.search(r",\s*$", text[max(0, q.start - 3) : q.start]):
                continue
            first, words_from = q.start, after.end()
        parents = [f for f in found if f.end <= first and f.quantity.value is not None]
        if not parents:
            continue
        parent = parents[-1]
        tail = re.match(r"[^.;:,]{0,50}", text[words_from:end]).group(0)
        tail = re.sub(r"^\s*(?:were|was|are|is)\s+", " ", tail)  # "of which 12 were police officers"
        if _MEASURE_AFTER_RE.search(tail):
            continue  # its own measure word: number_then_measure reads it
        group, gnote = group_of(tail)
        notes = [f"part of the {parent.measure} figure before it", *(n for n in (gnote, q.note) if n)]
        if group == "unspecified":
            group = parent.group
        stop = words_from + len(tail.rstrip())
        yield Figure(parent.measure, q, first, stop, group, "figures.subset_including", 0.6, notes)


_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*[—–:]\s*|\s+-\s+)")
_ITEM_TAIL = re.compile(r"[^.;:,—–]{0,45}?(?=\s*(?:,|\band\b|[.;:—–]|$))")
# An item whose words run on into a phrase of its own ("18 security officers in the conflict that ..."): the
# group words end before the preposition or relative word that starts it.
_ITEM_HEAD = re.compile(
    r"[^.;:,—–]{1,45}?(?=\s+(?:in|during|at|on|across|who|that|which|since|after|before|over|amid|while)\b)"
)


def _item_head(text: str, start: int, end: int) -> re.Match[str] | None:
    """The group words of a list item that runs on into a phrase of its own: "and 18 security officers in the
    conflict that ..." gives "security officers" (a group only; a place item keeps its "in")."""
    m = _ITEM_HEAD.match(text, start, end)
    return m if m and group_of(m.group(0))[0] != "unspecified" else None


def list_items(text: str, quantities_: list[Quantity], found: list[Figure], end: int) -> Iterator[Figure]:
    """Counts listed right after a figure, each with its own group or place, counting what it counts.

    "fewer than 40 deaths — 21 'bandits' and 15 police officers", "the deaths of 17 civilians, including 9 in
    Almaty, six in the Almaty region and two in Taraz". Not: a count with its own subject ("and 3 ministers
    resigned": a verb follows) or with its own measure word (another rule reads it).
    """
    chain = sorted(found, key=lambda f: f.start)
    taken = {f.quantity.start for f in found}
    for q in sorted(quantities_, key=lambda q: q.start):
        if q.start in taken or q.value is None:
            continue
        before = [f for f in chain if f.end <= q.start and f.quantity.value is not None]
        if not before:
            continue
        parent = max(before, key=lambda f: f.end)
        if not _LIST_SEP.fullmatch(text, parent.end, q.start):
            continue
        tail_m = _ITEM_TAIL.match(text, q.end, end) or _item_head(text, q.end, end)
        tail = tail_m.group(0) if tail_m else ""
        if _MEASURE_AFTER_RE.search(tail) or re.search(r"\b(?:were|was|had|have|has|resigned|said)\b", tail):
            continue
        if not tail.strip() or not (group_of(tail)[0] != "unspecified" or re.match(r"\s+in\s+", tail)):
            continue  # a bare number or words that are neither a group nor a place: not an item of the list
        group, gnote = group_of(tail)
        root = parent
        if group == "unspecified":
            group = parent.group
        notes = [f"an item of the list after the {root.measure} figure", *(n for n in (gnote, q.note) if n)]
        fig = Figure(root.measure, q, q.start, q.end + len(tail.rstrip()), group, "figures.list_items", 0.55, notes)
        chain.append(fig)
        taken.add(q.start)
        yield fig


_AMONG_THEM_AFTER = re.compile(
    r"\s+(?P<who>[^.;:,]{1,50}?)\s+(?:were\s+|was\s+|are\s+)?among\s+(?:them|those|the\s+(?P<w>dead|killed|victims|"
    r"deceased|injured|wounded|detained))\b",
    re.IGNORECASE,
)
_RECENT_KILLED = re.compile(r"\b(?:dead|killed|bodies|deceased|died|deaths|morgues?)\b", re.IGNORECASE)
_RECENT_INJURED = re.compile(r"\b(?:injured|wounded|hurt|hospitali[sz]ed)\b", re.IGNORECASE)


def among_them_after(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """A count whose group comes before "among them" / "among the dead" after it.

    "There were 12 police officers among them" (after a sentence on the dead), "19 servicemen were among the
    dead". "Among them" takes the measure of the words before it (dead, bodies, morgues: killed; injured: injured);
    with neither in the 200 characters before, no figure.
    """
    for q in quantities_:
        m = _AMONG_THEM_AFTER.match(text, q.end, end)
        if not m:
            continue
        word = (m.group("w") or "").lower()
        if word:
            measure = _WHO_MEASURE.get(word, "killed")
        else:
            window = text[max(0, q.start - 200) : q.start]
            kill, hurt = _RECENT_KILLED.search(window), _RECENT_INJURED.search(window)
            if not kill and not hurt:
                continue
            measure = "killed" if kill and (not hurt or kill.start() > hurt.start()) else "injured"
        group, gnote = group_of(m.group("who"))
        notes = [n for n in (gnote, q.note, "'among them': the measure of the figure before") if n]
        yield Figure(measure, q, q.start, m.end(), group, "figures.among_them_after", 0.6, notes)


_SINGULAR = re.compile(
    r"\b(?:an?|one)\s+(?:[\w-]+\s+){0,2}?(?P<who>police\s*(?:officer|man|woman)|policeman|policewoman|officer|"
    r"serviceman|servicewoman|soldier|national\s+guardsman|guardsman|service\s*member|security\s+officer|"
    r"protester|protestor|demonstrator|civilian|child|girl|boy|journalist|reporter|person|man|woman)\s+"
    r"(?:(?:was|has\s+been|had\s+been|is|reportedly|also)\s+)*(?P<verb>killed|shot\s+dead|died|injured|wounded|hurt|"
    r"detained|arrested)\b",
    re.IGNORECASE,
)


def singular_casualty(text: str, start: int, end: int) -> Iterator[Figure]:
    """One person: "a police officer was killed", "one serviceman died", "a four-year-old girl was shot dead",
    "a journalist was detained" (exact 1)."""
    for m in _SINGULAR.finditer(text, start, end):
        verb = m.group("verb").lower()
        measure = {
            "killed": "killed",
            "died": "killed",
            "injured": "injured",
            "wounded": "injured",
            "hurt": "injured",
        }.get(verb.split()[0], "killed" if verb.startswith("shot") else "detained")
        group, gnote = group_of(m.group("who"))
        notes = [
            n for n in ("worded 'arrested': the table codes it detained" if verb == "arrested" else "", gnote) if n
        ]
        q = Quantity(m.start(), m.start() + len(m.group(0).split()[0]), "exact", 1)
        yield Figure(measure, q, m.start(), m.end(), group, "figures.singular_casualty", 0.6, notes)


_UNQUANTIFIED = re.compile(
    r"\b(?:(?P<adj>civilian|protester|police)\s+)?casualties(?:\s+(?:among|on)\s+(?:the\s+)?(?P<who>[\w\s-]{3,30}?))?"
    r"(?=[\s,.;:]|$)",
    re.IGNORECASE,
)


_NEGATED = re.compile(r"\b(?:no|without|avoid|prevent|avoided|prevented)\b[^.,;]{0,20}$", re.IGNORECASE)


def unquantified_casualties(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> Iterator[Figure]:
    """Casualties named without a number: "casualties among protesters", "there were casualties on both sides",
    "no reliable estimates of civilian casualties" (measure casualties, qualifier unquantified)."""
    for m in _UNQUANTIFIED.finditer(text, start, end):
        if any(a <= m.start() < b or m.start() <= a < m.end() for a, b in taken):
            continue
        if _NEGATED.search(text[max(start, m.start() - 25) : m.start()]):
            if not re.search(r"estimates?|figures?|data|information", text[max(start, m.start() - 40) : m.start()]):
                continue  # "no casualties were reported": nothing to count
        group, gnote = group_of(f"{m.group('adj') or ''} {m.group('who') or ''}")
        q = Quantity(m.start(), m.end(), "unquantified", None)
        notes = ["no figure given: 'casualties' may mean dead or wounded", *([gnote] if gnote else [])]
        yield Figure("casualties", q, m.start(), m.end(), group, "figures.unquantified_casualties", 0.4, notes)


_AMONG_DEAD = re.compile(
    r"\b(?:(?:among|of)\s+(?:the|those)\s+(?P<w1>dead|killed|deceased|victims|fatalities|injured|wounded|hurt|detained|"
    r"detainees|arrested|people\s+(?:killed|injured|wounded|detained|arrested))\s*,?\s*(?:(?:were|are|was|is|had\s+been|"
    r"have\s+been)\s+)?|the\s+(?:(?:death|official)\s+)?(?P<w2>dead|killed|deceased|victims|fatalities|injured|wounded|"
    r"detained|detainees|toll)\s+(?:include|includes|included|including|are|were)\s+|the\s+(?P<w3>bodies)\s+of\s+)$",
    re.IGNORECASE,
)
_OF_THOSE = re.compile(
    r"\s+of\s+(?:those|the|the\s+people)\s+(?P<w>dead|killed|deceased|victims|injured|wounded|hurt|detained|"
    r"detainees|arrested)\s+(?:(?:were|are|was|is)\s+)(?P<who>[^.;:,]{1,40})",
    re.IGNORECASE,
)
_WHO_MEASURE = {
    "dead": "killed", "killed": "killed", "deceased": "killed", "victims": "killed", "fatalities": "killed",
    "injured": "injured", "wounded": "injured", "hurt": "injured", "detained": "detained", "detainees": "detained",
    "arrested": "detained",
}  # fmt: skip


def among_the_dead(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """The measure named as a noun before the count, the group after it.

    "among the dead were 16 police officers", "among those killed are 19 servicemen", "the dead include
    three children", "of the injured, 80 were police officers", "among those detained were 45 foreigners", "the
    death toll included 16 members of the security forces", "the bodies of 175 people" (killed); after the
    count: "three of those killed were minors", "80 of the injured were police officers".
    """
    for q in quantities_:
        post = _OF_THOSE.match(text, q.end, end)
        if post:
            measure = _WHO_MEASURE.get(post.group("w").lower().split()[-1], "killed")
            group, gnote = group_of(post.group("who"))
            notes = [n for n in (gnote, q.note) if n]
            yield Figure(measure, q, q.start, post.end(), group, "figures.among_the_dead", 0.7, notes)
            continue
        m = _AMONG_DEAD.search(text, max(0, q.start - 60), q.start)
        if not m or m.end() != q.start:
            continue
        word = (m.group("w1") or m.group("w2") or m.group("w3")).lower().split()[-1]
        measure = _WHO_MEASURE.get(word, "killed")
        tail = re.match(r"[^.;:,]{0,60}", text[q.end : end]).group(0)
        words = re.split(r"\s+(?:in|on|during|after|at|as|when|while|since|and)\s+", tail)[0]
        group, gnote = group_of(words)
        notes = [n for n in (gnote, q.note, "arrested: coded detained" if word == "arrested" else "") if n]
        yield Figure(measure, q, m.start(), q.end + len(words.rstrip()), group, "figures.among_the_dead", 0.75, notes)


_DEATHS_OF = re.compile(
    r"\b(?:the\s+)?(?P<what>deaths?|killings?|murders?|detentions?|arrests?|injuries|wounding)\s+of\s+$", re.IGNORECASE
)


def deaths_of(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """The measure as a noun with "of": "confirmed the deaths of 16 servicemen", "the killing of 12 police officers",
    "the detention of more than 5,000 people", "the arrests of 300 protesters" (arrests: detained, noted)."""
    for q in quantities_:
        m = _DEATHS_OF.search(text, max(0, q.start - 25), q.start)
        if not m or m.end() != q.start:
            continue
        what = m.group("what").lower()
        if what.startswith(("death", "killing", "murder")):
            measure, note = "killed", ""
        elif what.startswith(("injur", "wound")):
            measure, note = "injured", ""
        else:
            measure = "detained"
            note = "worded 'arrests': the table codes it detained" if what.startswith("arrest") else ""
        tail = re.match(r"[^.;:,]{0,60}", text[q.end : end]).group(0)
        words = re.split(r"\s+(?:in|on|during|after|at|as|when|while|since|and|by)\s+", tail)[0]
        group, gnote = group_of(words)
        notes = [n for n in (note, gnote, q.note) if n]
        yield Figure(measure, q, m.start(), q.end + len(words.rstrip()), group, "figures.deaths_of", 0.7, notes)


_LIVES_BEFORE = re.compile(r"\b(?:claimed|claiming|claims|cost|costing|took|taken|taking)\s+$", re.IGNORECASE)
_LIVES_AFTER = re.compile(r"\s+lives\b|\s+lives\s+(?:were|have\s+been|had\s+been)\s+lost\b", re.IGNORECASE)
_LIVES_LOST = re.compile(r"\s+lives\s+(?:were|have\s+been|had\s+been|was)\s+lost\b", re.IGNORECASE)


def lives_lost(text: str, quantities_: list[Quantity], end: int) -> Iterator[Figure]:
    """Deaths counted as lives: "the unrest claimed 225 lives", "the violence cost at least 164 lives", "took
    dozens of lives", "164 lives were lost"."""
    for q in quantities_:
        before = _LIVES_BEFORE.search(text, max(0, q.start - 20), q.start)
        after = re.match(r"(?:\s+of)?\s+lives\b", text[q.end : end], re.IGNORECASE)
        lost = _LIVES_LOST.match(text, q.end, end)
        if not ((before and before.end() == q.start and after) or lost):
            continue
        stop = q.end + (lost.end() - q.end if lost else after.end())
        first = before.start() if before and before.end() == q.start else q.start
        yield Figure("killed", q, first, stop, "unspecified", "figures.lives_lost", 0.75, [q.note] if q.note else [])


_GATHER_AFTER = re.compile(
    r"(?:gathered|gathering|rallied|rallying|marched|marching|protested|protesting|demonstrated|took\s+to\s+the\s+"
    r"streets?|take\s+to\s+the\s+streets?|taking\s+to\s+the\s+streets?|took\s+part|taking\s+part|joined|holding|"
    r"occupying|occupied|blocking|blocked|"
    r"assembled|turned\s+out|came\s+out|poured|flooded|massed|converged|thronged|filled|attended|stormed)\b",
    re.IGNORECASE,
)
_GATHER_BEFORE = re.compile(
    r"\b(?:(?:crowds?|rally|protest|demonstration|gathering|march|column|procession)\s+of|"
    r"(?P<est>estimated|numbering|put)(?:\s+at|\s+to\s+be|\s+to\s+number)?|"
    r"(?:disperse[ds]?|dispersing|dispersal\s+of)|attended\s+by|brought\s+out|drew)\s+$",
    re.IGNORECASE,
)
_STRONG = re.compile(r"-strong\b", re.IGNORECASE)
_STRONG_NUMBER = re.compile(r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+)-strong\b", re.IGNORECASE)


def crowd_size(text: str, quantities_: list[Quantity], taken: set[int], start: int, end: int) -> Iterator[Figure]:
    """How many took part (measure participants; group protesters unless the words say otherwise).

    "thousands took to the streets", "some 5,000 protesters gathered", "hundreds of people rallied", "a crowd
    of about 1,000", "thousands of people took part in the protests", "police dispersed thousands of
    demonstrators", "the protesters, estimated at 5,000", "a thousands-strong protest", "a 2,000-strong crowd",
    "up to 3,000 protesters were still holding the square", "hundreds blocked the highway".
    """
    for i, q in enumerate(quantities_):
        if q.start in taken:
            continue
        before = _GATHER_BEFORE.search(text, max(0, q.start - 30), q.start)
        via_before = before is not None and before.end() == q.start
        strong = _STRONG.match(text, q.end, end)
        gather = None
        if not via_before and not strong:
            limit = quantities_[i + 1].start if i + 1 < len(quantities_) else end
            for g in _GATHER_AFTER.finditer(text, q.end, min(limit, q.end + 80)):
                if _gap_ok(text, q.end, g.start()) is not None:
                    gather = g
                break
            if gather is None:
                continue
        stop = gather.end() if gather else (strong.end() if strong else q.end)
        tail = text[q.end : gather.start()] if gather else re.match(r"[^.;:,]{0,40}", text[q.end : end]).group(0)
        group, gnote = group_of(tail)
        if group in ("unspecified", "civilians"):
            group, gnote = "protesters", ""
        first = before.start() if via_before else q.start
        if via_before and before.group("est") and q.qualifier == "exact":
            q = Quantity(q.start, q.end, "about", q.value, f"worded '{before.group('est')}': coded about")
        yield Figure(
            "participants", q, first, stop, group, "figures.crowd_size", 0.6, [n for n in (gnote, q.note) if n]
        )
    for m in _STRONG_NUMBER.finditer(text, start, end):
        if any(q.start <= m.start() < q.end for q in quantities_):
            continue
        value = number_value(m.group("num"))
        q = Quantity(m.start(), m.start() + len(m.group("num")), "exact", value)
        yield Figure("participants", q, m.start(), m.end(), "protesters", "figures.crowd_size", 0.6, [])


# --- rows --------------------------------------------------------------------------------------------------------


def _sentence_figures(doc: Doc, a: int, b: int) -> list[Figure]:
    """Every figure the rules find in one sentence, one per quantity (the first rule that reads it wins)."""
    text = doc.text
    qs = quantities(text, a, b)
    found: list[Figure] = []
    seen: set[int] = set()
    first_rules = [
        *toll_reached(text, qs, b),
        *toll_raised_to(text, qs, b),
        *death_in_custody(text, qs, b),
        *measure_place_number(text, qs, b),
        *among_the_dead(text, qs, b),
        *among_them_after(text, qs, b),
        *lives_lost(text, qs, b),
        *deaths_of(text, qs, b),
        *number_then_measure(text, qs, b),
        *measure_then_number(text, qs, b),
    ]
    for fig in first_rules:
        if fig.quantity.start not in seen:
            seen.add(fig.quantity.start)
            found.append(fig)
    found.sort(key=lambda f: f.start)
    for fig in subset_including(text, qs, found, b):
        seen.add(fig.quantity.start)
        found.append(fig)
    for fig in list(list_items(text, qs, found, b)):
        seen.add(fig.quantity.start)
        found.append(fig)
    quantity_spans = [(q.start, q.end) for q in qs]
    for fig in singular_casualty(text, a, b):
        if not any(s <= fig.start < e or fig.start <= s < fig.end for s, e in quantity_spans):
            found.append(fig)
    for fig in crowd_size(text, qs, seen, a, b):
        seen.add(fig.quantity.start)
        found.append(fig)
    found.extend(unquantified_casualties(text, a, b, [(f.start, f.end) for f in found]))
    found.sort(key=lambda f: f.start)
    _inherit_groups(text, found)
    return found


def _inherit_groups(text: str, found: list[Figure]) -> None:
    """ "18 law enforcement officers were killed and 748 injured": a bare count joined to the figure before it
    counts the same group."""
    for prev, fig in zip(found, found[1:], strict=False):
        if fig.group != "unspecified" or prev.group == "unspecified" or fig.rule != "figures.number_then_measure":
            continue
        between = text[prev.end : fig.quantity.start]
        bare = text[fig.quantity.end : fig.end].split()
        if re.fullmatch(r"[^.;:]{0,60}?(?:,|\band\b|,\s*and\b|\bwhile\b)\s*", between) and len(bare) <= 3:
            fig.group = prev.group
            fig.notes.append(f"group carried over from the {prev.measure} figure before it")
            fig.confidence = round(fig.confidence - 0.05, 2)


_AS_OF_CUE = re.compile(r"\b(?:by|as\s+of|as\s+at|until|up\s+to|through|since)\s", re.IGNORECASE)
_SPEECH_DATE_GAP = 25  # characters between a speech verb and its day ("said on Saturday", "on Friday told")


def statement_date(doc: Doc, a: int, b: int) -> "DateRef | None":
    """The day a figure was given: a day-precision date next to a speech verb in text[a:b] ("said Saturday",
    "said on Friday", "told reporters on Monday", "on Tuesday announced"), else None."""
    from qantar.extract import dates

    for ref in dates.dates_in(doc, a, b):
        if ref.precision != "day":
            continue
        before = doc.text[max(a, ref.start - _SPEECH_DATE_GAP) : ref.start]
        after = doc.text[ref.end : min(b, ref.end + _SPEECH_DATE_GAP)]
        if re.search(rf"\b{_SPEAKS}\b(?:\s+\w+){{0,2}}\s+(?:on\s+)?$", before) or re.match(
            rf"^\s*,?\s*(?:\w+\s+)?{_SPEAKS}\b", after
        ):
            return ref
    return None


_EARLIER_TOLL = re.compile(
    r"\b(?:previous(?:ly)?|earlier|initial(?:ly)?|former|prior)\b[^.;]{0,40}?\b(?:toll|tally|figures?|count|"
    r"acknowledged|admitted|reported|announced|given|put|said|confirmed)\b|\bhad\s+(?:previously|earlier|initially)\b",
    re.IGNORECASE,
)


def earlier_toll(doc: Doc, a: int, pos: int) -> bool:
    """Whether the figure at ``pos`` is told as an earlier one, before it in its sentence: "the previous official
    toll was 180", "the ministry had previously acknowledged fewer than 40 deaths", "an earlier count of 90" (not
    "higher than previously announced" after the figure, which is about another one)."""
    return bool(_EARLIER_TOLL.search(doc.text, a, pos))


_SPEECH_NEAR = re.compile(rf"[^.;]{{0,80}}?\b(?:{_SPEAKS[3:-1]}|put|gave|stood|revised|raised)\b", re.IGNORECASE)


def month_of_statement(doc: Doc, ref: "DateRef", a: int, b: int, pos: int) -> tuple[str, str, str] | None:
    """(as_of_date, "range", note) when a month opens the figure's statement, else None: "In June, prosecutors said
    the toll stood at 232", "In May the ombudsman put the number at 240" (as of the month's last day, or the
    publication day when that comes first)."""
    if ref.precision != "month" or not (a <= ref.start < pos) or ref.basis == "document_date":
        return None
    opens = not doc.text[a : ref.start].strip(" \n\"“”'‘")  # the month is the sentence's first words
    if not opens or not _SPEECH_NEAR.match(doc.text, ref.end, b):
        return None
    day = min(ref.date_end, doc.published)
    return day.isoformat(), "range", "a month frames the statement: as of the month's last day"


def _as_of(doc: Doc, pos: int) -> tuple[str, str, str]:
    """(as_of_date, as_of_precision, note): the day the figure was given when the sentence says it, else the date
    rules' nearest date; a month or span the sentence names is when things happened, not when they were counted
    ("the unrest of early January has left 225 dead"), so then the publication day."""
    from qantar.extract import dates

    a, b = doc.sentence_of(pos)
    said = statement_date(doc, a, b)
    if said is not None:
        return said.date_end.isoformat(), "day", ""
    ref = dates.date_for(doc, pos)
    named = ref.basis != "document_date" and a <= ref.start < b
    span = ref.precision == "month" or (ref.precision == "range" and ref.basis == "stated")  # not "last week"
    month = month_of_statement(doc, ref, a, b, pos)
    if month is not None:
        return month
    if not named and earlier_toll(doc, a, pos):
        day = doc.published - timedelta(days=1)
        return (
            day.isoformat(),
            "range",
            "an earlier toll ('previous', 'had previously acknowledged'): before publication",
        )
    if span and named and not _AS_OF_CUE.search(doc.text, a, b):
        return doc.published.isoformat(), "day", "the sentence's month or span is when it happened: as of publication"
    precision = {"day": "day", "year": "year"}.get(ref.precision, "range")
    note = "" if ref.basis != "document_date" else "no date in the sentence: as of the publication day"
    return ref.date_end.isoformat(), precision, note


_IN_PLACE = re.compile(r"[\w,.-]*\s+(?:[a-z]+\s+){0,2}?in\s+(?:the\s+)?$")


def _place_after(doc: Doc, pos: int, dataset: "Dataset | None") -> "places.PlaceMention | None":
    """The place a count names right after it ("9 in Almaty", "six people in the Almaty region"), or None."""
    from qantar.extract import places

    a, b = doc.sentence_of(pos)
    for m in places._mentions_cached(doc, dataset):
        if m.role == "location" and pos < m.start < min(b, pos + 40) and _IN_PLACE.fullmatch(doc.text, pos, m.start):
            return m
        if m.start >= pos + 40:
            break
    return None


def _scope(doc: Doc, pos: int, dataset: "Dataset | None") -> tuple[str, str]:
    """(scope_place_id, note): the sentence's location (not a dateline's city), its city for a site, else the
    country."""
    from qantar.extract import places

    # a dateline's city ("NUR-SULTAN --") is where the report was filed, not the figure's scope
    mention = _place_after(doc, pos, dataset) or places.location_for(doc, pos, dataset)
    if mention is not None and places.in_dateline(doc, mention):
        mention = places.location_for(doc, pos, dataset, skip_dateline=True)
    if mention is None or mention.role != "location":
        return COUNTRY, ""
    if mention.country_code and mention.country_code.upper() != "KZ":
        return COUNTRY, f"the sentence names {mention.name}, outside Kazakhstan: scope left at the country"
    place_id = mention.place_id
    if mention.kind == "site" and dataset is not None:
        rows = dataset.places[dataset.places["place_id"] == place_id]
        parent = rows["parent_id"].iloc[0] if len(rows) and "parent_id" in rows else None
        if isinstance(parent, str) and parent:
            place_id = parent
    return place_id, ""


def duplicate_of(row: dict[str, Any], dataset: "Dataset | None") -> str:
    """The report_id of an existing row with the same figure (measure, group, qualifier, value, scope and as-of
    date), or ""."""
    if dataset is None or dataset.casualty_reports.empty:
        return ""
    import pandas as pd

    cr = dataset.casualty_reports
    same = (
        (cr["measure"].astype(str) == row["measure"])
        & (cr["group"].astype(str) == row["group"])
        & (cr["qualifier"].astype(str) == row["qualifier"])
        & (cr["scope_place_id"].astype(str) == row["scope_place_id"])
        & (pd.to_datetime(cr["as_of_date"]).dt.strftime("%Y-%m-%d") == row["as_of_date"])
    )
    if row["value"] is None:
        same &= cr["value"].isna()
    else:
        same &= cr["value"].fillna(-1).astype("int64") == int(row["value"])
    hits = cr.loc[same, "report_id"].astype(str).tolist()
    return hits[0] if hits else ""


_FIGURE_NOUN = r"(?:toll|figure|figures|count|tally|number|data|post|message|report|statement|estimate)"
_WITHDRAWN = re.compile(
    r"\bretract(?:ed|ion)\b|\b(?:disowned|disavowed)\b"
    rf"|\b{_FIGURE_NOUN}\b[^.;]{{0,100}}?\b(?:was|were|had\s+been|has\s+been|is)\s+(?:\w+\s+){{0,2}}?"
    r"(?:withdrawn|rescinded|walked\s+back|deleted|removed|taken\s+down)\b"
    r"|\b(?:withdrew|withdrawn|rescinded|walked\s+back|deleted|removed|took\s+down)\s+(?:the|its|that|this|a)\s+"
    rf"(?:(?!as\b|and\b|while\b|when\b|after\b)[\w-]+\s+){{0,2}}?{_FIGURE_NOUN}\b",
    re.IGNORECASE,
)
_DISPUTED = re.compile(
    rf"\b{_FIGURE_NOUN}\b[^.;]{{0,100}}?\b(?:was|were|had\s+been|has\s+been|is)\s+(?:\w+\s+){{0,2}}?"
    r"(?:denied|disputed|contested|rejected|refuted)\b"
    r"|\b(?:dispute[sd]?|contest(?:s|ed)?|refute[sd]?|question(?:s|ed)?|reject(?:s|ed)?)\s+(?:the|this|that|its)\s+"
    rf"(?:official\s+|death\s+){{0,2}}{_FIGURE_NOUN}\b",
    re.IGNORECASE,
)


def claim_status(doc: Doc, pos: int) -> tuple[str, str]:
    """(status, note) of the figure at ``pos``, from its sentence: withdrawn for "was quickly retracted", "was
    disowned by the ministry", "the ministry withdrew its figure", "a toll ... posted on its channel was later
    deleted"; disputed for "was denied by the authorities", "was disputed by rights groups", "rights groups questioned
    the official toll"; else stated. The withdrawal or dispute must be of a figure ("withdrew its troops as the toll
    reached 225" and "an appeal ... was rejected" stay stated)."""
    a, b = doc.sentence_of(pos)
    if _WITHDRAWN.search(doc.text, a, b):
        return (
            "withdrawn",
            "the text says the figure was withdrawn or retracted: status withdrawn, check who withdrew it",
        )
    if _DISPUTED.search(doc.text, a, b):
        return "disputed", "the text says the figure was denied or disputed: status disputed, check by whom"
    return "stated", ""


def _row(doc: Doc, fig: Figure, dataset: "Dataset | None") -> tuple[dict[str, Any], list[str]]:
    from qantar.qualifiers import bounds

    q = fig.quantity
    low, high = bounds(q.qualifier, q.value)
    as_of, precision, date_note = _as_of(doc, q.start)
    scope, scope_note = _scope(doc, q.start, dataset)
    src = sources_for(doc, q.start)
    status, status_note = claim_status(doc, q.start)
    row: dict[str, Any] = {
        "report_id": "",
        "reported_date": doc.published.isoformat(),
        "reported_date_basis": "document_date",
        "as_of_date": as_of,
        "as_of_precision": precision,
        "period": fig.period or period_of(doc, q.start),
        "scope_place_id": scope,
        "event_id": "",
        "group": fig.group,
        "measure": fig.measure,
        "qualifier": q.qualifier,
        "value": q.value,
        "low": low,
        "high": high,
        "stated_by": src.stated_by,
        "relayed_by": src.relayed_by,
        "status": status,
        "notes": "",
        "doc_id": doc.doc_id,
        "evidence": "",
    }
    notes = [*fig.notes, *src.notes, *(n for n in (date_note, scope_note, status_note) if n)]
    return row, notes


def _same_figure(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["measure"], row["group"], row["qualifier"], row["value"], row["scope_place_id"], row["as_of_date"])


_PAST_YEAR = re.compile(r"(?<!since )(?<!since the )\b(?:19[5-9]\d|20[01]\d|202[01])\b")


def other_unrest(doc: Doc, a: int, b: int, dataset: "Dataset | None") -> bool:
    """True when a sentence tells another country's unrest, whose figures are no figures of this one: "as in
    Belarus, where thousands were detained" (a place the place rules call background), "In Iran in 2019, more
    than 300 people were killed" (a past year and a foreign country, no Kazakh place)."""
    past = _PAST_YEAR.search(doc.text, a, b)
    if not past and not re.search(r"\b(?:as\s+in|like|unlike|recalled|reminiscent|compared)\b", doc.text[a:b], re.I):
        return False
    from qantar.extract import places

    ms = [m for m in places.mentions(Doc(doc.text[a:b], doc.published), dataset)]
    if any(m.role == "background" and (m.country_code or "").upper() not in ("", "KZ") for m in ms):
        return True
    if not past:
        return False
    foreign = [m for m in ms if m.role == "location" and m.country_code and m.country_code.upper() != "KZ"]
    home = [m for m in ms if m.country_code and m.country_code.upper() == "KZ"]
    return bool(foreign) and not home


_YEAR = re.compile(r"\b(?P<y>19[5-9]\d|20[01]\d|202[01])\b")
_NOT_THAT_YEAR = re.compile(
    r"\b(?:since|independence|worst|biggest|largest|first|decades?|ruled|rule|from|until|founded|capital)\b[^.;]{0,30}$",
    re.IGNORECASE,
)


def past_year(doc: Doc, pos: int) -> int | None:
    """The year of an earlier unrest a figure's sentence dates it to: "in 2011", "back in 2019", "the 2011
    Zhanaozen massacre, in which 14 were killed" (None for January 2022 figures, and for a year that only
    measures them: "the worst unrest since independence in 1991", "the largest protests since 1986")."""
    a, b = doc.sentence_of(pos)
    for m in _YEAR.finditer(doc.text, a, b):
        if not _NOT_THAT_YEAR.search(doc.text[max(a, m.start() - 40) : m.start()]):
            return int(m.group("y"))
    return None


def find(doc: Doc, dataset: "Dataset | None" = None) -> list[Candidate]:
    """casualty_reports candidates: one per figure, a figure the text repeats proposed once (with its source).

    Figures of another country's unrest (:func:`other_unrest`) are left out; a figure of an earlier year in
    Kazakhstan ("in 2011 police killed at least 14 oil workers") is kept, dated to that year."""
    out: list[Candidate] = []
    by_figure: dict[tuple[Any, ...], Candidate] = {}
    for a, b in doc.sentences:
        figs = _sentence_figures(doc, a, b)
        if figs and other_unrest(doc, a, b, dataset):
            continue
        for fig in figs:
            row, notes = _row(doc, fig, dataset)
            year = past_year(doc, fig.quantity.start)
            if year is not None:
                row["as_of_date"], row["as_of_precision"], row["period"] = f"{year}-01-01", "year", "unspecified"
                notes = [n for n in notes if not n.startswith("no date in the sentence")]
                notes.append(f"background: a figure of {year}, not of January 2022")
            conf = fig.confidence + (0.05 if row["stated_by"] != "unknown" else 0.0)
            key = _same_figure(row)
            earlier = by_figure.get(key)
            if earlier is not None:
                if earlier.row["stated_by"] == "unknown" and row["stated_by"] != "unknown":
                    earlier.row["stated_by"], earlier.row["relayed_by"] = row["stated_by"], row["relayed_by"]
                    earlier.notes.append("source from where the text repeats the figure")
                continue
            dup = duplicate_of(row, dataset)
            if dup:
                row["duplicate_of"] = dup
                notes.append(f"the dataset already has this figure as {dup}")
            cand = Candidate(TABLE, row, fig.start, fig.end, fig.rule, round(min(conf, 0.95), 2), notes=notes)
            by_figure[key] = cand
            out.append(cand)
    return out
