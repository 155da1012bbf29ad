"""Actor rules: a named person, a titled official, a body or organisation, a metonym ("Moscow said"), an unnamed or
local official and an office holder; :func:`actors_in` gathers them.
"""

from __future__ import annotations

import re

from qantar.extract import places
from qantar.extract.reactions.tables import (
    ADJECTIVES,
    BODIES,
    BODY_NATION,
    COUNTRY_NAMES,
    FOREIGN,
    INTL,
    KZ_GOV,
    NATIONS,
    ORGANISATIONS,
    ORGS,
    OTHER,
    PEOPLE,
    PERSON,
    _ADJ,
    _PEOPLE_RE,
    _TITLED_RE,
    Actor,
    ActorMention,
)


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
