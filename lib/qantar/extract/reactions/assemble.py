"""From stance cues to reaction candidates: :func:`find`, one statement per actor and cue, the date of a statement
and the candidate row.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Sequence

from qantar import settings
from qantar.cameo import cameo_label
from qantar.extract import dates, places
from qantar.extract.core import Candidate, Doc
from qantar.extract.reactions.actors import actors_in
from qantar.extract.reactions.lexicon import LEXICON, STATEMENT, Stance
from qantar.extract.reactions.speakers import (
    ANNOUNCER_RULE,
    FIGURE_SENTENCE,
    PRONOUN,
    PRONOUN_SAID,
    Post,
    _announcer_of,
    _counterpart,
    _statement_speaker,
    announcing_officials,
    call_party,
    channel_of,
    coordinated,
    embedded_posts,
    historical,
    more_specific,
    quote_spans,
    reported_requester,
    reported_via,
    speakers,
)
from qantar.extract.reactions.stance_acts import appeal, make_statement, phone_call
from qantar.extract.reactions.stances import appeal_for_help, condemn, disapprove, threaten
from qantar.extract.reactions.tables import HISTORY_BEFORE, KZ_GOV, Actor, ActorMention, Span

if TYPE_CHECKING:  # pragma: no cover - typing only
    from qantar.dataset import Dataset


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
            for sur, official in announcers.items():
                if not any(m.actor.name == official.name for m in actors):
                    for hit in re.finditer(rf"\b{re.escape(sur)}\b", doc.text[a:b]):
                        actors.append(ActorMention(a + hit.start(), a + hit.end(), official, ANNOUNCER_RULE, 0.6))
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
                    cand = _candidate(doc, a, sentence, s, e, st, post.author, [], st.confidence, note, post)
                    if cand is not None:  # None: a post signed before the unrest
                        out.append(cand)
            continue
        if not cues and not actors and last is not None and not FIGURE_SENTENCE.search(sentence):
            pron = PRONOUN_SAID.search(sentence)
            if pron and (last.actor.name, STATEMENT.code) not in seen:
                seen.add((last.actor.name, STATEMENT.code))
                note = [f"speaker taken from an earlier sentence ({last.actor.name})"]
                cand = _candidate(doc, a, sentence, pron.start(), pron.end(), STATEMENT, last, [], 0.25, note)
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
            spoken = [c for c in out[before:] if "the other party of the call" not in " ".join(c.notes)]
            first = next((m for m in actors if spoken and m.actor.name == spoken[0].row["actor"]), None)
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
    doc: Doc, a: int, b: int, s: int, e: int, actor: ActorMention, actors: Sequence[ActorMention] = ()
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
