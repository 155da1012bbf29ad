"""Who stated a figure and who relayed it: official bodies and outlets, "X said", named people and their titles, the
paragraph's speaker, a dateline's agency and a state outlet named in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from qantar.extract.core import Doc
from qantar.extract.figures.numbers import _UNIT_RE

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
            # _TITLE_TAIL matches the empty string: "Deputy Prosecutor" + " General"
            title_end = _TITLE_TAIL.match(text, m.end()).end()  # type: ignore[union-attr]
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
