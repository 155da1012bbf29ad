"""Reaction rules (qantar.extract.reactions): stance cues, actors, channels, counterparts and CAMEO codes.

One test per phrase in each rule's docstring, on wire-style sentences written for these tests. Places and dates
come from qantar.extract.places and qantar.extract.dates; tests that need them replace them with small fakes.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from qantar.cameo import cameo_codes
from qantar.extract import dates, places, reactions
from qantar.extract.core import Doc

PUBLISHED = date(2022, 1, 8)
DESCRIPTOR = Path(__file__).resolve().parents[1] / "data" / "datapackage.json"

# (stance rule, sentence): a sentence per phrase in the rule's docstring
CUES = [
    (reactions.call_restraint, "The EU called for restraint from all sides."),
    (reactions.call_restraint, "Guterres urged all sides to show restraint."),
    (reactions.call_restraint, "Berlin called for de-escalation in Kazakhstan."),
    (reactions.call_restraint, "The OSCE asked everyone to avoid further violence."),
    (reactions.call_restraint, "The ministry urged both sides to refrain from violence."),
    (reactions.call_restraint, "Borrell asked all concerned to act responsibly."),
    (reactions.reject_talks, "Tokayev ruled out talks with the protesters."),
    (reactions.reject_talks, "There will be no negotiations with criminals, Tokayev said."),
    (reactions.reject_talks, "The president rejected dialogue with the crowd."),
    (reactions.reject_talks, "Talks are out of the question, the president said."),
    (reactions.call_dialogue, "Blinken called for a peaceful solution to the crisis."),
    (reactions.call_dialogue, "Beijing hoped for a peaceful resolution of the situation."),
    (reactions.call_dialogue, "Lavrov said the crisis should be resolved peacefully."),
    (reactions.call_dialogue, "Moscow wants the problems solved through dialogue."),
    (reactions.call_dialogue, "The EU called for dialogue between the parties."),
    (reactions.call_dialogue, "Zakharova said problems must be solved within the law."),
    (reactions.call_dialogue, "The US urged the parties to find a peaceful way out."),
    (reactions.call_calm, "Tokayev urged calm in a televised address."),
    (reactions.call_calm, "The mayor called for calm on Tuesday."),
    (reactions.call_calm, "Imams appealed for calm in the city."),
    (reactions.call_calm, "Tokayev asked people not to give in to provocations."),
    (reactions.call_calm, "The akim urged protesters to go home."),
    (reactions.call_calm, "Police asked people to disperse from the square."),
    (reactions.call_calm, "He asked citizens not to respond to calls to storm buildings."),
    (reactions.call_rights, "Amnesty urged the authorities to respect human rights."),
    (reactions.call_rights, "The State Department called for press freedom to be respected."),
    (reactions.call_rights, "Bachelet stressed freedom of expression."),
    (reactions.call_rights, "The EU reminded Kazakhstan of the right to peaceful assembly."),
    (reactions.call_rights, "Washington asked the government to restore internet access."),
    (reactions.call_rights, "Price asked for the internet to be restored."),
    (reactions.appeal_for_help, "Tokayev asked the CSTO for help on Wednesday."),
    (reactions.appeal_for_help, "Tokayev appealed to the Collective Security Treaty Organization."),
    (reactions.appeal_for_help, "Tokayev said he had appealed to the leaders of CSTO states for support."),
    (reactions.appeal_for_help, "He requested assistance from CSTO partners."),
    (reactions.appeal_for_help, "He turned to the Russian-led alliance for help."),
    (reactions.offer_assistance, "The council approved the decision to send peacekeepers, Pashinyan said."),
    (reactions.offer_assistance, "Lukashenko said Belarus was ready to help."),
    (reactions.offer_assistance, "Tashkent stands ready to assist its neighbour."),
    (reactions.offer_assistance, "Erdogan offered assistance to Kazakhstan."),
    (reactions.offer_assistance, "Pashinyan said the bloc would send peacekeepers."),
    (reactions.offer_assistance, "The CSTO agreed to send troops on Thursday."),
    (reactions.offer_assistance, "Moscow decided to dispatch a contingent."),
    (reactions.offer_assistance, "Rahmon voiced his readiness to participate in the mission."),
    (reactions.support_government, "Xi expressed support for the Kazakh authorities."),
    (reactions.support_government, "Lukashenko backed Tokayev in a phone call."),
    (reactions.support_government, "Ankara supports the Kazakh authorities, the ministry said."),
    (reactions.support_government, "Japarov voiced solidarity with Kazakhstan."),
    (reactions.support_government, "Mirziyoyev said Uzbekistan stands with Kazakhstan."),
    (reactions.rally_support, "Nazarbayev called on people to unite around the president."),
    (reactions.rally_support, "He urged Kazakhs to rally behind Tokayev."),
    (reactions.gratitude, "Tokayev thanked Putin for the quick response."),
    (reactions.gratitude, "Tokayev expressed gratitude to the CSTO leaders."),
    (reactions.gratitude, "The president said he was grateful for the help."),
    (reactions.gratitude, "He expressed appreciation for the deployment."),
    (reactions.deny_involvement, "Washington denied any involvement in the unrest."),
    (reactions.deny_involvement, "Psaki rejected claims that the US was behind the protests."),
    (reactions.deny_involvement, "The ministry dismissed accusations of foreign meddling."),
    (reactions.deny_involvement, "Claims that Washington stirred the unrest are false, Price said."),
    (reactions.deny_involvement, "Ankara said it had nothing to do with the unrest."),
    (reactions.accuse, "Tokayev blamed foreign-trained terrorists for the unrest."),
    (reactions.accuse, "The ministry accused foreign agents of organising the riots."),
    (reactions.accuse, "Tokayev said terrorist gangs had attacked the city."),
    (reactions.accuse, "He said bandits had seized buildings."),
    (reactions.accuse, "Tokayev said the attackers had been trained abroad."),
    (reactions.accuse, "Officials called it an attempted coup."),
    (reactions.accuse, "Moscow spoke of foreign interference."),
    (reactions.accuse, "The KNB said extremists were behind the attacks."),
    (reactions.threaten, "Tokayev said troops would fire without warning."),
    (reactions.threaten, "He spoke of a shoot-to-kill order."),
    (reactions.threaten, "Those who refuse to surrender will be destroyed, Tokayev said."),
    (reactions.threaten, "He vowed to eliminate the militants."),
    (reactions.threaten, "He promised to crush the unrest."),
    (reactions.threaten, "The fight will go on with all decisiveness, Tokayev said."),
    (reactions.threaten, "He said he would act as toughly as possible."),
    (reactions.threaten, "There will be no mercy, the president said."),
    (reactions.reassurance, "The situation is under control, the ministry said."),
    (reactions.reassurance, "Tokayev said the situation had stabilised."),
    (reactions.reassurance, "Ukibay denied rumours that Nazarbayev had fled."),
    (reactions.reassurance, "Rumours of his departure are untrue, the spokesman said."),
    (reactions.reassurance, "Order has been restored in Almaty, Tokayev said."),
    (reactions.assert_authority, "Tokayev took over as head of the Security Council."),
    (reactions.assert_authority, "Tokayev vowed to keep his grip on power."),
    (reactions.assert_authority, "He said he would remain in charge."),
    (reactions.condolences, "Michel offered condolences to the victims' families."),
    (reactions.condolences, "Guterres expressed sympathy to the injured."),
    (reactions.condolences, "Japarov extended condolences to the families."),
    (reactions.declare_mourning, "Tokayev declared a day of national mourning."),
    (reactions.declare_mourning, "Monday will be a national day of mourning."),
    (reactions.concern, "The EU expressed concern about the violence."),
    (reactions.concern, "Guterres is deeply concerned by the reports."),
    (reactions.concern, "Berlin said it was alarmed by the deaths."),
    (reactions.concern, "Russia is following the events closely, Peskov said."),
    (reactions.condemn, "Tokayev condemned the violence."),
    (reactions.condemn, "The ministry denounced the attacks on police."),
    (reactions.phone_call, "Putin spoke by phone with Tokayev on Saturday."),
    (reactions.phone_call, "In a phone call, Lukashenko backed Tokayev."),
    (reactions.phone_call, "The two leaders held a telephone conversation."),
    (reactions.phone_call, "Tokayev held talks by telephone with Mirziyoyev."),
    (reactions.phone_call, "Tokayev raised the issue in a call with Xi."),
]


@pytest.mark.parametrize(("rule", "sentence"), CUES, ids=[f"{r.__name__}:{s[:40]}" for r, s in CUES])
def test_stance_rule_finds_phrase(rule, sentence: str) -> None:
    assert rule(sentence)


NOT_CUES = [
    (reactions.call_dialogue, "Tokayev ruled out dialogue with the crowd."),  # a refusal: reject_talks
    (reactions.deny_involvement, "Ukibay denied rumours that Nazarbayev had fled."),  # reassurance
    (reactions.call_rights, "Human rights groups said 200 people were held."),  # groups named, no call
    (reactions.call_restraint, "The president called for calm."),
    (reactions.phone_call, "Tokayev spoke in parliament on Tuesday."),
]


@pytest.mark.parametrize(("rule", "sentence"), NOT_CUES, ids=[f"{r.__name__}:{s[:40]}" for r, s in NOT_CUES])
def test_stance_rule_leaves_sentence(rule, sentence: str) -> None:
    assert rule(sentence) == []


def test_lexicon_codes_and_stances_are_valid() -> None:
    """Every code is in the vendored CAMEO list and every stance in reactions.stance."""
    descriptor = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))
    fields = {f["name"]: f for r in descriptor["resources"] if r["name"] == "reactions" for f in r["schema"]["fields"]}
    stances = set(fields["stance"]["constraints"]["enum"])
    for st in reactions.LEXICON:
        assert st.code in cameo_codes(), st
        assert st.stance in stances, st
        assert st.rule.__doc__ and "Phrases:" in st.rule.__doc__


# ---------------------------------------------------------------- actors
ACTORS = [
    (
        "Russian President Vladimir Putin said on Friday the crisis was over.",
        "Vladimir Putin",
        "ru",
        "foreign_government",
    ),
    ("Foreign Minister Mukhtar Tileuberdi met envoys.", "Mukhtar Tileuberdi", "kz", "kazakh_government"),
    ("Uzbek Foreign Minister Abdulaziz Kamilov spoke on Thursday.", "Abdulaziz Kamilov", "uz", "foreign_government"),
    ("The Kremlin said the decision was a matter for the CSTO.", "Kremlin", "ru", "foreign_government"),
    ("The State Department said it was following events.", "US State Department", "us", "foreign_government"),
    ("The White House said it was watching closely.", "White House", "us", "foreign_government"),
    (
        "Russia's foreign ministry said the unrest was inspired from abroad.",
        "Russian Foreign Ministry",
        "ru",
        "foreign_government",
    ),
    (
        "The Chinese Foreign Ministry said Beijing backed Tokayev.",
        "Chinese Foreign Ministry",
        "cn",
        "foreign_government",
    ),
    (
        "The EU's foreign policy chief Josep Borrell urged restraint.",
        "Josep Borrell",
        "eu",
        "international_organisation",
    ),
    ("UN Secretary-General Antonio Guterres spoke on Friday.", "Antonio Guterres", "un", "international_organisation"),
    ("State Department spokesperson Ned Price spoke on Wednesday.", "Ned Price", "us", "foreign_government"),
    ("Kremlin spokesman Dmitry Peskov spoke to reporters.", "Dmitry Peskov", "ru", "foreign_government"),
    (
        "The presidential press office said the decree was signed.",
        "Presidential press office",
        "kz",
        "kazakh_government",
    ),
    ("Human Rights Watch said the order was unlawful.", "Human Rights Watch", "", "other"),
    ("The Russian-led alliance said troops would stay a week.", "CSTO", "csto", "international_organisation"),
    ("Nazarbayev spoke through his press secretary.", "Nursultan Nazarbayev", "kz", "kazakh_other"),
]


@pytest.mark.parametrize(("sentence", "name", "actor_for", "kind"), ACTORS, ids=[a[1] for a in ACTORS])
def test_actor_found(sentence: str, name: str, actor_for: str, kind: str) -> None:
    found = reactions.actors_in(sentence, 0, len(sentence), [], {})
    assert found, sentence
    first = found[0].actor
    assert (first.name, first.actor_for, first.kind) == (name, actor_for, kind)


def test_metonym_actor_through_places() -> None:
    """'Moscow said' is Russia speaking when places.mentions gives the mention the actor role."""
    moscow = places.PlaceMention(0, 6, "Moscow", "ru", "country", "Russia", "RU", role="actor")
    found = reactions.actors_in("Moscow urged restraint.", 0, 23, [moscow], {})
    assert [(a.actor.name, a.actor.actor_for, a.actor.kind) for a in found] == [("Russia", "ru", "foreign_government")]


# ---------------------------------------------------------------- channel
CHANNELS = [
    ("Putin spoke by phone with Tokayev.", "phone_call"),
    ("Tokayev said in a televised address that order was returning.", "televised_address"),
    ("Tokayev spoke in an address to the nation.", "televised_address"),
    ("Massrali wrote on Twitter that the EU was following events.", "social_media_post"),
    ("Ukibay said in a post on Telegram that Nazarbayev was in the capital.", "social_media_post"),
    ("Psaki told reporters at a briefing that the claims were false.", "press_briefing"),
    ("Peskov said at a news conference that the CSTO would decide.", "press_briefing"),
    ("The ministry said in a statement that it was concerned.", "statement"),
]


@pytest.mark.parametrize(("sentence", "channel"), CHANNELS, ids=[c for _, c in CHANNELS])
def test_channel(sentence: str, channel: str) -> None:
    assert reactions.channel_of(sentence) == channel


# ---------------------------------------------------------------- find(): whole candidates (dates faked)
def fake_date_for(doc: Doc, pos: int) -> dates.DateRef:
    """6 January for every statement."""
    return dates.DateRef(pos, pos, date(2022, 1, 6), date(2022, 1, 6), "day", "stated", "fake")


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "date_for", fake_date_for)
    monkeypatch.setattr(places, "mentions", lambda doc, dataset=None: [])


def rows(text: str) -> list[dict]:
    """The reactions candidates' rows for ``text``."""
    return [c.row for c in reactions.find(Doc(text, PUBLISHED, "900_test"))]


def test_find_phone_call_with_counterpart(fakes) -> None:
    (row,) = rows("Russian President Vladimir Putin spoke by phone with Tokayev on Thursday, the Kremlin said.")
    assert (row["actor"], row["actor_for"], row["channel"]) == ("Vladimir Putin", "ru", "phone_call")
    assert (row["counterpart"], row["counterpart_for"]) == ("Kassym-Jomart Tokayev", "kz")
    assert (row["stance"], row["cameo_code"], row["cameo_label"]) == ("informational", "041", "Discuss by telephone")
    assert (row["date_start"], row["date_precision"], row["doc_id"]) == ("2022-01-06", "day", "900_test")


def test_find_speaker_and_addressee_of_an_appeal(fakes) -> None:
    (restraint, dialogue) = rows(
        "UN Secretary-General Antonio Guterres urged all sides to refrain from violence and seek a peaceful solution."
    )
    assert restraint["actor"] == "Antonio Guterres" and restraint["actor_kind"] == "international_organisation"
    assert (restraint["stance"], restraint["cameo_code"]) == ("call_restraint", "0256")
    assert (dialogue["stance"], dialogue["cameo_code"]) == ("call_dialogue", "027")
    assert restraint["counterpart"] == "All sides" and restraint["counterpart_for"] == "kz"


def test_find_speaker_after_the_quote(fakes) -> None:
    """'..., Price said': the speaker comes after the cue."""
    (row,) = rows(
        "Washington wants the crisis resolved through dialogue, State Department spokesperson Ned Price said."
    )
    assert row["actor"] == "Ned Price" and row["cameo_code"] == "027"


def test_find_gratitude_counterpart(fakes) -> None:
    (row,) = rows("Tokayev thanked Putin for the swift deployment of the peacekeepers.")
    assert (row["actor"], row["stance"], row["cameo_code"], row["counterpart"]) == (
        "Kassym-Jomart Tokayev",
        "gratitude",
        "051",
        "Vladimir Putin",
    )


def test_find_appeal_for_help_addresses_csto(fakes) -> None:
    (row,) = rows("Tokayev asked the CSTO for help late on Wednesday.")
    assert (row["stance"], row["cameo_code"], row["counterpart"], row["counterpart_for"]) == (
        "appeal_for_help",
        "0234",
        "CSTO",
        "csto",
    )


def test_find_pronoun_takes_earlier_speaker(fakes) -> None:
    text = "Tokayev addressed the nation on Friday. He said the attackers would be destroyed."
    threats = [c for c in reactions.find(Doc(text, PUBLISHED)) if c.row["cameo_code"] == "137"]
    assert threats and threats[0].row["actor"] == "Kassym-Jomart Tokayev"
    assert threats[0].notes and threats[0].confidence < 0.6


def test_find_no_actor_no_candidate(fakes) -> None:
    assert rows("Calls for restraint grew louder on Thursday.") == []


def test_find_social_media_reported_via(fakes) -> None:
    (row,) = rows("EU spokesperson Nabila Massrali wrote on Twitter that all sides should show restraint.")
    assert (row["channel"], row["reported_via"], row["actor_for"]) == ("social_media_post", "Twitter", "eu")


def test_find_title_teaches_surname(fakes) -> None:
    """A person introduced by title is recognised by surname later in the text."""
    text = "Uzbek Foreign Minister Abdulaziz Kamilov met envoys on Thursday. Kamilov called for restraint."
    (row,) = rows(text)
    assert (row["actor"], row["actor_for"]) == ("Abdulaziz Kamilov", "uz")


def test_find_rows_have_only_reactions_columns(fakes) -> None:
    descriptor = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))
    columns = {f["name"] for r in descriptor["resources"] if r["name"] == "reactions" for f in r["schema"]["fields"]}
    text = " ".join(s for _, s in CUES)
    found = reactions.find(Doc(text, PUBLISHED))
    assert len(found) > 40
    for c in found:
        assert set(c.row) <= columns
        assert c.row["cameo_label"] == cameo_codes()[c.row["cameo_code"]]
        assert not re.search(r"\{\w+\}", c.row["summary"])
        assert 0 < c.confidence <= 1


def test_find_object_of_told_is_not_the_speaker(fakes) -> None:
    """'Tokayev told Putin ... and expressed his appreciation': Tokayev thanks, Putin is told."""
    found = rows("Tokayev told Putin the situation was improving and expressed his appreciation for the help.")
    assert [(r["actor"], r["stance"]) for r in found] == [("Kassym-Jomart Tokayev", "gratitude")]
