"""Numbers and the words around them: digits, number words and scales, vague quantities ("dozens"), and the
measure and group words (killed, injured, detained; police, civilians) that say what a number counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
