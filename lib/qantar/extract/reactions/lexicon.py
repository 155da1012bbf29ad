"""The stance lexicon: each stance rule of :mod:`.stances` and :mod:`.stance_acts` with its CAMEO code and stance."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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
from qantar.extract.reactions.tables import Span


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
