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

The modules, by job: :mod:`.tables` (nations, people, bodies), :mod:`.actors` (actor rules), the stance rules
(:mod:`.stances`, :mod:`.stance_acts`) and their :mod:`.lexicon`, :mod:`.speakers` (who speaks, to whom, how) and
:mod:`.assemble` (:func:`find` and the candidate row). This package re-exports the names used elsewhere.
"""

from __future__ import annotations

from qantar.extract.reactions.actors import (
    actors_in,
    body_actor,
    local_official_actor,
    metonym_actor,
    office_holder_actor,
    org_actor,
    person_actor,
    titled_actor,
    unnamed_official_actor,
)
from qantar.extract.reactions.assemble import find, statement_date
from qantar.extract.reactions.lexicon import LEXICON, Stance
from qantar.extract.reactions.speakers import announcing_officials, channel_of, embedded_posts
from qantar.extract.reactions.stance_acts import (
    appeal,
    call_release,
    consult,
    demand,
    hope,
    make_statement,
    phone_call,
    pledge_support,
    send_aid,
    send_troops,
    travel_advisory,
    warn,
)
from qantar.extract.reactions.stances import (
    accuse,
    appeal_for_help,
    assert_authority,
    call_calm,
    call_dialogue,
    call_restraint,
    call_rights,
    concern,
    condemn,
    condolences,
    declare_mourning,
    deny_involvement,
    disapprove,
    gratitude,
    offer_assistance,
    praise,
    rally_support,
    reassurance,
    reject_talks,
    support_government,
    threaten,
)
from qantar.extract.reactions.tables import Actor, ActorMention

__all__ = [
    "Actor",
    "ActorMention",
    "LEXICON",
    "Stance",
    "accuse",
    "actors_in",
    "announcing_officials",
    "appeal",
    "appeal_for_help",
    "assert_authority",
    "body_actor",
    "call_calm",
    "call_dialogue",
    "call_release",
    "call_restraint",
    "call_rights",
    "channel_of",
    "concern",
    "condemn",
    "condolences",
    "consult",
    "declare_mourning",
    "demand",
    "deny_involvement",
    "disapprove",
    "embedded_posts",
    "find",
    "gratitude",
    "hope",
    "local_official_actor",
    "make_statement",
    "metonym_actor",
    "offer_assistance",
    "office_holder_actor",
    "org_actor",
    "person_actor",
    "phone_call",
    "pledge_support",
    "praise",
    "rally_support",
    "reassurance",
    "reject_talks",
    "send_aid",
    "send_troops",
    "statement_date",
    "support_government",
    "threaten",
    "titled_actor",
    "travel_advisory",
    "unnamed_official_actor",
    "warn",
]
