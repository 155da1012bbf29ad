"""Who speaks, to whom and how: channels and counterparts, quotes and their speakers, coordinated capitals, reporting
speakers, history left out, the party a call is for, embedded posts and announcing officials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from qantar.extract.core import Doc
from qantar.extract.reactions.actors import actors_in
from qantar.extract.reactions.lexicon import Stance
from qantar.extract.reactions.stance_acts import appeal
from qantar.extract.reactions.tables import KZ_GOV, OTHER, Actor, ActorMention, Span

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
    # set.add returns None: the filter adds each name as it keeps its first mention.
    return [g for g in group if not (g.actor.name in names or names.add(g.actor.name))]  # type: ignore[func-returns-value]


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
