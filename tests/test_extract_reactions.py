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
    (reactions.call_dialogue, "Blinken called for a peaceful, rights-respecting resolution of the crisis."),
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
    (reactions.support_government, "Wang said China supported the measures taken by the Kazakh side."),
    (reactions.support_government, "Minsk backs the steps of its ally, Lukashenko said."),
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
    (reactions.condemn, "Blinken criticised the shoot-to-kill order."),
    (reactions.condemn, "Kyiv slammed the crackdown on Friday."),
    (reactions.condemn, "Vilnius called the shoot-to-kill order unacceptable."),
    (reactions.condemn, "Berlin said the use of force was disproportionate."),
    (reactions.disapprove, "Washington questioned the need for the deployment."),
    (reactions.disapprove, "Blinken questioned why Kazakhstan had turned to the bloc."),
    (reactions.disapprove, "The EU cast doubt on the official death toll."),
    (reactions.disapprove, "Washington has real questions about the mission."),
    (reactions.disapprove, "Analysts raised questions about the mission, Price said."),
    (reactions.appeal, "Human Rights Watch said the authorities should investigate every killing."),
    (reactions.appeal, "The UN said all sides must protect civilians."),
    (reactions.phone_call, "Aliyev also phoned the Kazakh president."),
    (reactions.phone_call, "Khan called Tokayev to express solidarity."),
    (reactions.phone_call, "Lavrov called his Kazakh counterpart on Friday."),
    (reactions.support_government, "Khan called Tokayev to express solidarity."),
    (reactions.praise, "Lukashenko praised the decisive measures taken by the Kazakh leader."),
    (reactions.praise, "The EU welcomed the decision to lift the curfew."),
    (reactions.praise, "Moscow welcomes the end of the violence."),
    (reactions.praise, "Shoigu commended the peacekeepers for their work."),
    (reactions.praise, "Beijing hailed the swift restoration of order."),
    (reactions.praise, "Erdogan congratulated Smailov on his appointment."),
    (reactions.praise, "Lavrov recognised Kazakhstan's request as legitimate."),
    (reactions.praise, "Zas said the request was fully legitimate under the treaty."),
    (reactions.pledge_support, "Mirziyoyev pledged support to his neighbour."),
    (reactions.pledge_support, "Japarov promised its full support."),
    (reactions.pledge_support, "Rahmon vowed to support the Kazakh leadership."),
    (reactions.call_release, "Amnesty called for the release of detained journalists."),
    (reactions.call_release, "The OSCE urged the authorities to free the activists held in Almaty."),
    (reactions.call_release, "Reporters Without Borders demanded the release of the reporters."),
    (reactions.consult, "Lavrov discussed the situation in Kazakhstan with Tileuberdi."),
    (reactions.consult, "The CSTO states held consultations on Thursday."),
    (reactions.consult, "Putin held talks with Lukashenko in Sochi."),
    (reactions.consult, "Tokayev consulted with the heads of the CSTO states."),
    (reactions.consult, "The leaders met by video conference on Monday."),
    (reactions.consult, "Tokayev addressed an extraordinary video summit of the bloc."),
    (reactions.consult, "Blinken spoke with his Kazakh counterpart on Thursday."),
    (reactions.consult, "Blinken spoke with Tileuberdi on Thursday."),
    (reactions.hope, "Mirziyoyev hoped the situation would stabilise soon."),
    (reactions.hope, "Tehran hoped calm would return soon."),
    (reactions.hope, "The Chinese ministry expressed hope that order would return."),
    (reactions.hope, "Peskov said Moscow was confident that its partners would cope."),
    (reactions.hope, "Ankara voiced optimism about the talks."),
    (reactions.hope, "The ministry expects the situation to normalise within days."),
    (reactions.warn, "Zakharova warned against outside interference."),
    (reactions.warn, "The Kremlin cautioned that the mission would be short."),
    (reactions.warn, "Blinken warned of consequences for human rights abuses."),
    (reactions.travel_advisory, "Berlin advised its citizens against travel to Kazakhstan."),
    (reactions.travel_advisory, "London issued a travel warning for Almaty."),
    (reactions.travel_advisory, "Washington raised its travel advisory to the highest level."),
    (reactions.travel_advisory, "The State Department ordered the departure of embassy family members."),
    (reactions.travel_advisory, "The US authorised the voluntary departure of consulate staff."),
    (reactions.travel_advisory, "Kyiv evacuated its citizens from Almaty by air."),
    (reactions.travel_advisory, "Beijing urged its nationals to leave the city."),
    (reactions.send_troops, "Russia sent paratroopers to Almaty overnight."),
    (reactions.send_troops, "Armenia dispatched a contingent of 100 servicemen."),
    (reactions.send_troops, "Belarus deployed troops to guard the airport."),
    (reactions.send_troops, "The defence ministry airlifted soldiers from Ivanovo."),
    (reactions.send_troops, "Kyrgyzstan began sending troops on Friday."),
    (reactions.send_aid, "Uzbekistan sent humanitarian aid by rail."),
    (reactions.send_aid, "Turkey delivered medical supplies to Almaty."),
    (reactions.send_aid, "China dispatched relief cargo on Sunday."),
    (reactions.demand, "Blinken demanded an explanation from Nur-Sultan."),
    (reactions.demand, "The EU demands clarification of the shoot-to-kill order."),
    (reactions.demand, "Bachelet insisted on an independent investigation."),
    (reactions.appeal, "The OSCE called for an investigation into the deaths."),
    (reactions.appeal, "Washington urged the government to lift the curfew."),
    (reactions.appeal, "The UN called on Kazakhstan to respect its obligations."),
    (reactions.appeal, "Bachelet appealed to the authorities to exercise caution."),
    (reactions.appeal, "Blinken asked for clarification about the mission."),
    (reactions.make_statement, "Peskov said the mission would end soon."),
    (reactions.make_statement, "Tokayev told reporters the mission would end soon."),
    (reactions.make_statement, "The ministry stated that the mission was temporary."),
    (reactions.make_statement, "The CSTO announced the end of its mission."),
    (reactions.make_statement, "Zas declared that the mission had been accomplished."),
    (reactions.make_statement, "Lavrov noted that the troops would leave."),
    (reactions.make_statement, "Zas stressed that the troops would leave."),
    (reactions.make_statement, "The troops will leave, Peskov added."),
    (reactions.make_statement, "Peskov insisted the troops would leave."),
    (reactions.make_statement, "According to the Kremlin, the troops will leave."),
    (reactions.make_statement, "The airport is back in government hands, local media said, citing Peskov."),
    (reactions.make_statement, "Rights groups reported mass detentions in the city."),
    (reactions.concern, "Ankara said it was worried by the reports."),
    (reactions.concern, "The Vatican is troubled by the violence."),
    (reactions.concern, "The EU is following closely developments in Kazakhstan."),
    (reactions.deny_involvement, "The Kremlin denied that Russian troops had fired on protesters."),
    (reactions.deny_involvement, "Beijing denied reports of a Chinese role in the unrest."),
    (reactions.accuse, "Lavrov said the unrest was inspired from outside."),
    (reactions.accuse, "Volodin called it a colour revolution."),
    (reactions.accuse, "Putin said the bloc would not allow color revolutions."),
    (reactions.offer_assistance, "Erdogan said Turkey was ready to share its experience."),
    (reactions.rally_support, "Nazarbayev appeared in a video, urging Kazakhs to support the president."),
    (reactions.make_statement, "State television quoted Smailov as saying prices would be capped."),
    (reactions.consult, "Tallinn summoned the Kazakh ambassador on Monday."),
    (reactions.travel_advisory, "The embassy said its citizens should avoid crowded places."),
    (reactions.accuse, "Beijing opposed attempts by external forces to stir up unrest."),
    (reactions.call_rights, "Blinken urged respect for the rights of peaceful protesters."),
    (reactions.call_release, "The bloc called for the release of people held for peaceful protest."),
    (reactions.call_restraint, "NATO called for an end to the violence."),
    (reactions.make_statement, "Civilians must be protected, Borrell wrote on Twitter."),
    (reactions.make_statement, "Massrali tweeted that the EU was following events."),
    (reactions.make_statement, "The embassy posted a notice for its citizens."),
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
    (reactions.warn, "Tokayev said troops would fire without warning."),  # a threat: threaten
    (reactions.warn, "Soldiers fired warning shots into the air."),  # no statement
    (reactions.warn, "Berlin warned its citizens against travel to Kazakhstan."),  # travel_advisory
    (reactions.consult, "Putin discussed the situation with Tokayev by phone."),  # a call: phone_call
    (reactions.demand, "The EU demanded the release of the detained journalists."),  # call_release
    (reactions.send_troops, "Moscow said it would send troops."),  # an intent: offer_assistance
    (reactions.praise, "Officials held a welcome ceremony for the troops."),  # an adjective, not praise
    (reactions.hope, "The hopeful crowd waited."),
    (reactions.phone_call, "Tokayev called it an attempted coup."),  # "called" + an object, no call
    (reactions.phone_call, "Tokayev called Kazakhstan a partner of the bloc."),
    (reactions.concern, "All concerned must act with restraint."),  # the addressees, not a worry
    (reactions.make_statement, "Tokayev declared a state of emergency in Almaty."),  # an event, not a statement
    (reactions.consult, "Blinken spoke with reporters on Thursday."),  # a press contact, no talks
    (reactions.call_rights, "The UN High Commissioner for Human Rights spoke on Friday."),  # a title
    (reactions.appeal, "Tokayev spoke amid calls for his resignation."),  # a noun
    (reactions.accuse, "The counter-terrorist operation goes on, the ministry said."),  # an operation's name
    (reactions.accuse, "He said the anti-terrorist operation was over."),
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
    ("A Russian diplomat told reporters the mission was short.", "Russia", "ru", "foreign_government"),
    ("A senior US official said the troops were a concern.", "United States", "us", "foreign_government"),
    ("EU officials said the bloc was watching.", "European Union", "eu", "international_organisation"),
    ("Kazakh officials blamed foreign-trained militants.", "Kazakh officials", "kz", "kazakh_government"),
    ("The Kazakh president urged calm.", "Kassym-Jomart Tokayev", "kz", "kazakh_government"),
    ("The Russian leader spoke on Monday.", "Vladimir Putin", "ru", "foreign_government"),
    ("The Kremlin leader spoke on Monday.", "Vladimir Putin", "ru", "foreign_government"),
    ("The Tajik leader spoke on Monday.", "Emomali Rahmon", "tj", "foreign_government"),
    ("The US secretary of state spoke on Sunday.", "Antony Blinken", "us", "foreign_government"),
    ("The UN chief urged restraint.", "Antonio Guterres", "un", "international_organisation"),
    (
        "Addressing deputies, the head of state said order was restored.",
        "Kassym-Jomart Tokayev",
        "kz",
        "kazakh_government",
    ),
    ("Stéphane Dujarric said the UN was concerned.", "Stephane Dujarric", "un", "international_organisation"),
    ("President Recep Tayyip Erdoğan spoke on Sunday.", "Recep Tayyip Erdogan", "tr", "foreign_government"),
    ("Stoltenberg urged restraint.", "Jens Stoltenberg", "nato", "international_organisation"),
    ("Uzbekistan's Foreign Minister Abdulaziz Kamilov spoke.", "Abdulaziz Kamilov", "uz", "foreign_government"),
    ("Kazakh President Tokaev addressed the nation.", "Kassym-Jomart Tokayev", "kz", "kazakh_government"),
    ("Pakistani Prime Minister Imran Khan spoke.", "Imran Khan", "pk", "foreign_government"),
    (
        "Lithuania's foreign minister Gabrielius Landsbergis spoke.",
        "Gabrielius Landsbergis",
        "lt",
        "foreign_government",
    ),
    (
        "The Committee to Protect Journalists urged officials to free him.",
        "Committee to Protect Journalists",
        "",
        "other",
    ),
    ("The head of state noted that order was returning.", "Kassym-Jomart Tokayev", "kz", "kazakh_government"),
    ("The former president urged people to stay calm.", "Nursultan Nazarbayev", "kz", "kazakh_other"),
    ("The first Kazakh president spoke in a video.", "Nursultan Nazarbayev", "kz", "kazakh_other"),
    ("Elbasy spoke in a video.", "Nursultan Nazarbayev", "kz", "kazakh_other"),
    ("In Aktobe, the regional akim said the situation was calm.", "regional akim", "kz", "kazakh_government"),
    ("Almaty's mayor urged residents to stay home.", "Almaty mayor", "kz", "kazakh_government"),
    ("The city mayor urged residents to stay home.", "city mayor", "kz", "kazakh_government"),
    ("The akim of Mangystau region met the strikers.", "Mangystau region akim", "kz", "kazakh_government"),
    ("The deputy mayor of Almaty, Yerlan Zhaksylykov, spoke.", "Yerlan Zhaksylykov", "kz", "kazakh_government"),
]


NOT_ACTORS = [
    "A Russian journalist said the city was quiet.",  # a reporter, not an official
    "The former Russian president spoke on Monday.",  # not Putin, who holds the office now
    "A Kazakh analyst said the protests were spontaneous.",
    "A US expert on Central Asia said the troops would stay.",
]


@pytest.mark.parametrize("sentence", NOT_ACTORS)
def test_no_actor_for_journalists_and_analysts(sentence: str) -> None:
    assert reactions.actors_in(sentence, 0, len(sentence), [], {}) == []


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
    """The caller named first gets the call; the other party gets a candidate of its own (coders differ)."""
    row, other = rows("Russian President Vladimir Putin spoke by phone with Tokayev on Thursday, the Kremlin said.")
    assert (other["actor"], other["counterpart"], other["cameo_code"]) == (
        "Kassym-Jomart Tokayev",
        "Vladimir Putin",
        "041",
    )
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


# ---------------------------------------------------------------- find(): speakers (coordination, quotes, spokespeople)
def test_find_coordinated_speakers_each_get_a_candidate(fakes) -> None:
    """'X and Y called for ...' gives X and Y, one candidate each."""
    found = rows("The European Union and the United Nations called for restraint on Thursday.")
    assert [(r["actor"], r["cameo_code"]) for r in found] == [("European Union", "0256"), ("United Nations", "0256")]


def test_find_three_coordinated_speakers(fakes) -> None:
    found = rows("Lukashenko, Japarov and Rahmon expressed concern about the violence.")
    assert [r["actor"] for r in found] == ["Alexander Lukashenko", "Sadyr Japarov", "Emomali Rahmon"]


def test_find_object_after_and_is_not_coordinated(fakes) -> None:
    """'Tokayev thanked Putin and Lukashenko': only Tokayev thanks."""
    found = rows("Tokayev thanked Putin and Lukashenko for the quick help.")
    assert [r["actor"] for r in found] == ["Kassym-Jomart Tokayev"]


def test_find_speaker_after_a_first_person_quote(fakes) -> None:
    """'"We are ready to help," the foreign ministry said': the body after the quote speaks."""
    (row,) = rows('"We are ready to help our Kazakh friends," the Russian foreign ministry said in a statement.')
    assert (row["actor"], row["cameo_code"]) == ("Russian Foreign Ministry", "0334")


def test_find_quote_speaker_not_a_name_inside_the_quote(fakes) -> None:
    """'"We support President Tokayev," Lukashenko said': Lukashenko, not Tokayev."""
    found = rows('"We fully support Tokayev and his efforts," Lukashenko said on Friday.')
    assert [r["actor"] for r in found] == ["Alexander Lukashenko"]


def test_find_said_before_the_speaker_after_a_quote(fakes) -> None:
    (row,) = rows('"The mission is temporary and we hope that it will end soon," said Kremlin spokesman Dmitry Peskov.')
    assert row["actor"] == "Dmitry Peskov" and row["cameo_code"] == "013"


def test_find_spokesman_for_a_body_after_a_quote(fakes) -> None:
    """'"...," a spokesman for the State Department told reporters': the State Department speaks."""
    (row,) = rows('"We urge restraint by all sides," a spokesman for the State Department told reporters.')
    assert (row["actor"], row["actor_for"], row["channel"]) == ("US State Department", "us", "press_briefing")


def test_find_spokesman_for_a_body_before_the_cue(fakes) -> None:
    (row,) = rows("A spokeswoman for the Chinese Foreign Ministry expressed concern on Friday.")
    assert (row["actor"], row["cameo_code"]) == ("Chinese Foreign Ministry", "012")


def test_find_bare_statement_next_to_the_speaker(fakes) -> None:
    """No stance cue, a speaker next to 'said': a bare statement (010), low confidence."""
    (row,) = rows("Kremlin spokesman Dmitry Peskov said on Monday the contingent would leave once its task was done.")
    assert (row["actor"], row["cameo_code"], row["stance"]) == ("Dmitry Peskov", "010", "informational")


def test_find_bare_statement_speaker_after_the_verb(fakes) -> None:
    (row,) = rows("The troops will go home within ten days, said Russian Foreign Minister Sergei Lavrov.")
    assert row["actor"] == "Sergei Lavrov" and row["cameo_code"] == "010"


def test_find_no_bare_statement_for_a_casualty_figure(fakes) -> None:
    """'The ministry said 26 people were killed' is a casualty report, not a reaction."""
    assert rows("Russia's foreign ministry said 26 people were killed.") == []
    assert rows("Kazakh officials said dozens of protesters were killed overnight.") == []


def test_find_no_bare_statement_when_speaker_far_from_verb(fakes) -> None:
    assert (
        rows("Putin, who has led Russia for over two decades and often spoke of the region, watched as crowds said no.")
        == []
    )


def test_find_no_bare_statement_from_a_kazakh_ministry(fakes) -> None:
    """A Kazakh ministry saying what happened is an event report; its stances are still found."""
    assert rows("The Kazakh interior ministry said police had cleared the square.") == []


def test_find_historical_statement_is_left_out(fakes) -> None:
    assert (
        rows("The State Department's 2018 human rights report urged Kazakhstan to respect the right to protest.") == []
    )
    assert rows("Nazarbayev said in 2011 that the Zhanaozen strikers were to blame.") == []


def test_find_since_a_year_is_not_historical(fakes) -> None:
    (row,) = rows("Tokayev blamed terrorists for the worst unrest since 1991.")
    assert row["cameo_code"] == "112"


def test_find_coordinated_capitals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Metonyms ('Moscow and Beijing') coordinate like names."""
    monkeypatch.setattr(dates, "date_for", fake_date_for)
    text = "Moscow and Beijing welcomed the decision on Friday."
    moscow = places.PlaceMention(0, 6, "Moscow", "ru", "country", "Russia", "RU", role="actor")
    beijing = places.PlaceMention(11, 18, "Beijing", "cn", "country", "China", "CN", role="actor")
    monkeypatch.setattr(places, "mentions", lambda doc, dataset=None: [moscow, beijing])
    found = [c.row for c in reactions.find(Doc(text, PUBLISHED, "900_test"))]
    assert [(r["actor"], r["cameo_code"]) for r in found] == [("Russia", "051"), ("China", "051")]


def test_find_appeal_only_without_a_specific_appeal(fakes) -> None:
    """'called for' alone is 020; with 'restraint' only the specific 0256 is proposed."""
    (row,) = rows("Bachelet called for an independent investigation into the deaths.")
    assert row["cameo_code"] == "020"
    codes = [r["cameo_code"] for r in rows("Bachelet called for restraint from all sides.")]
    assert codes == ["0256"]


def test_find_possessive_organisation_and_its_official(fakes) -> None:
    """'NATO's Stoltenberg urged restraint': the official speaks, not a second actor NATO."""
    assert [r["actor"] for r in rows("NATO's Stoltenberg urged restraint.")] == ["Jens Stoltenberg"]


def test_find_analysts_in_a_capital_do_not_speak_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """'Analysts in Moscow noted ...': Moscow is where they sit, not Russia speaking."""
    monkeypatch.setattr(dates, "date_for", fake_date_for)
    text = "Analysts in Moscow noted that the force had never been used before."
    moscow = places.PlaceMention(12, 18, "Moscow", "ru", "country", "Russia", "RU", role="actor")
    monkeypatch.setattr(places, "mentions", lambda doc, dataset=None: [moscow])
    assert reactions.find(Doc(text, PUBLISHED, "900_test")) == []


def test_statement_date_framing_the_verb_is_used() -> None:
    """'Peskov said on Monday ...': Monday dates the statement (published Tuesday 11 January)."""
    text = "Kremlin spokesman Dmitry Peskov said on Monday that the mission would end soon."
    (c,) = reactions.find(Doc(text, date(2022, 1, 11), "900_test"))
    assert (c.row["date_start"], c.row["date_end"]) == ("2022-01-10", "2022-01-10")


def test_statement_date_in_the_reported_clause_is_not_used() -> None:
    """'... said its paratroopers had guarded the plant since last Thursday': undated, so the range to publication."""
    text = (
        "The Russian Defence Ministry said its paratroopers continued to guard a power plant and the airport outside "
        "the city, where they have been stationed since last Thursday."
    )
    (c,) = reactions.find(Doc(text, date(2022, 1, 11), "900_test"))
    assert (c.row["date_end"], c.row["date_basis"]) == ("2022-01-11", "document_date")


def test_find_statement_through_citing(fakes) -> None:
    """'..., local media reported, citing the deputy mayor of Almaty, X': X made the statement."""
    (row,) = rows(
        "The main square has been cleared, local media reported, citing the deputy mayor of Almaty, Yerlan Zhaksylykov."
    )
    assert (row["actor"], row["actor_kind"], row["cameo_code"]) == ("Yerlan Zhaksylykov", "kazakh_government", "010")


def test_find_scene_set_in_an_earlier_year_is_historical(fakes) -> None:
    assert (
        rows("In 2011, when police fired on striking oil workers, Nazarbayev blamed hooligans for the violence.") == []
    )


def test_find_comparison_with_an_earlier_year_is_not_historical(fakes) -> None:
    """A year in a comparison does not date the statement that follows it."""
    (row,) = rows(
        "The scenes recalled the 2009 riots in Urumqi, though Kazakh officials blamed foreign-trained militants."
    )
    assert (row["actor"], row["cameo_code"]) == ("Kazakh officials", "112")


def test_find_coordinated_countries_making_a_bare_statement(fakes, monkeypatch: pytest.MonkeyPatch) -> None:
    """'Russia and Belarus said ...': both speak, though only the second stands right before the verb."""
    text = "Russia and Belarus said their troops would stay as long as needed."
    russia = places.PlaceMention(0, 6, "Russia", "ru", "country", "Russia", "RU", role="location")
    belarus = places.PlaceMention(11, 18, "Belarus", "by", "country", "Belarus", "BY", role="actor")
    monkeypatch.setattr(places, "mentions", lambda doc, dataset=None: [russia, belarus])
    found = [c.row for c in reactions.find(Doc(text, PUBLISHED, "900_test"))]
    assert [(r["actor"], r["cameo_code"]) for r in found] == [("Russia", "010"), ("Belarus", "010")]


def test_find_country_before_a_stance_verb_speaks(fakes, monkeypatch: pytest.MonkeyPatch) -> None:
    """'Germany advised its citizens against travel': a country right before a stance verb is the actor."""
    text = "Germany advised its citizens against all travel to Almaty."
    germany = places.PlaceMention(0, 7, "Germany", "de", "country", "Germany", "DE", role="location")
    monkeypatch.setattr(places, "mentions", lambda doc, dataset=None: [germany])
    (row,) = [c.row for c in reactions.find(Doc(text, PUBLISHED, "900_test"))]
    assert (row["actor"], row["actor_for"], row["cameo_code"]) == ("Germany", "de", "160")


def test_find_country_in_a_place_phrase_does_not_speak(fakes, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Troops from Germany were not involved, the report said."
    germany = places.PlaceMention(12, 19, "Germany", "de", "country", "Germany", "DE", role="location")
    monkeypatch.setattr(places, "mentions", lambda doc, dataset=None: [germany])
    assert reactions.find(Doc(text, PUBLISHED, "900_test")) == []


def test_find_embassy_orders_departure(fakes) -> None:
    (row,) = rows("The U.S. embassy in Nur-Sultan ordered the departure of family members of its staff.")
    assert (row["actor"], row["actor_for"], row["cameo_code"]) == ("US Embassy", "us", "160")


def test_find_rights_commissioner_title_is_no_call_for_rights(fakes) -> None:
    """'a spokesperson for the UN High Commissioner for Human Rights said ... concerned': concern, no rights call."""
    found = rows("A spokesperson for the UN High Commissioner for Human Rights said the office was deeply concerned.")
    assert [(r["actor"], r["cameo_code"]) for r in found] == [("Michelle Bachelet", "012")]


def test_find_counterpart_is_not_the_speaker(fakes) -> None:
    """'X spoke by phone with his Kazakh counterpart Y and offered condolences': X offers them."""
    found = rows(
        "Turkish Foreign Minister Mevlut Cavusoglu spoke by phone with his Kazakh counterpart Mukhtar Tileuberdi and "
        "offered condolences."
    )
    assert ("Mevlut Cavusoglu", "018") in [(r["actor"], r["cameo_code"]) for r in found]
    assert ("Mukhtar Tileuberdi", "018") not in [(r["actor"], r["cameo_code"]) for r in found]


def test_find_reported_appeal_for_help_is_not_the_speakers(fakes) -> None:
    """'Blinken asked why Kazakhstan had turned to the Russian-led bloc': Blinken did not appeal for help."""
    found = rows("Blinken asked why Kazakhstan had turned to the Russian-led bloc for help.")
    assert "0234" not in [r["cameo_code"] for r in found if r["actor"] == "Antony Blinken"]


def test_find_rejected_calls_are_no_appeal(fakes) -> None:
    found = rows("Tokayev rejected calls for talks with the protesters.")
    assert [r["cameo_code"] for r in found] == ["125"]


def test_find_comma_alone_is_no_coordination(fakes) -> None:
    """'According to Akorda, Tokayev thanked ...': Akorda reports, Tokayev thanks; only Tokayev gets the thanks."""
    found = rows("According to Akorda, Tokayev thanked the CSTO leaders for their quick support.")
    assert [(r["actor"], r["cameo_code"]) for r in found] == [("Kassym-Jomart Tokayev", "051")]


def test_find_phone_call_dated_by_the_day_after_the_counterpart() -> None:
    """'X held a telephone conversation with Y on Saturday': Saturday dates the call for both parties."""
    text = (
        "Kazakh President Kassym-Jomart Tokayev held a telephone conversation with Russian President Vladimir Putin "
        "on Saturday."
    )
    found = [c.row for c in reactions.find(Doc(text, date(2022, 1, 9), "900_test"))]
    assert {(r["actor"], r["date_start"], r["date_end"]) for r in found} == {
        ("Kassym-Jomart Tokayev", "2022-01-08", "2022-01-08"),
        ("Vladimir Putin", "2022-01-08", "2022-01-08"),
    }


def test_find_spokesman_of_a_foreign_ministry_by_title(fakes) -> None:
    """'Iran's foreign ministry spokesman Saeed Khatibzadeh': a person speaking for Iran."""
    found = reactions.actors_in("Iran's foreign ministry spokesman Saeed Khatibzadeh spoke.", 0, 56, [], {})
    assert [(a.actor.name, a.actor.actor_for, a.actor.kind) for a in found] == [
        ("Saeed Khatibzadeh", "ir", "foreign_government")
    ]


def test_find_urge_to_rally_is_not_also_a_generic_appeal(fakes) -> None:
    codes = [r["cameo_code"] for r in rows("Ukibay urged people to rally behind Tokayev.")]
    assert codes == ["053"]


def test_statement_date_from_an_earlier_sentence_runs_to_publication() -> None:
    """A date carried over from the previous sentence may be another event's: the range runs on to publication."""
    text = "Rioters toppled a statue in Taldykorgan last week. In Shymkent, the regional akim said all was calm."
    found = [c.row for c in reactions.find(Doc(text, date(2022, 1, 11), "900_test"))]
    assert [(r["actor"], r["date_end"], r["date_basis"]) for r in found] == [("regional akim", "2022-01-11", "context")]


POST = (
    "The EU was quick to respond.\n\n"
    "We call on all sides to show restraint and to refrain from violence. Our thoughts are with the victims.\n"
    "— Josep Borrell Fontelles (@JosepBorrellF) January 6, 2022\n\n"
    "A minor official of a small state also posted.\n"
    "Following events in Kazakhstan closely.\n"
    "— Jane Roe (@janeroe_mfa) January 7, 2022\n"
)


def test_find_embedded_post_speaker_and_day(fakes) -> None:
    """A post quoted with its signature line is its author's, dated by the signature, on social media."""
    found = rows(POST)
    borrell = [r for r in found if r["actor"] == "Josep Borrell"]
    assert [r["cameo_code"] for r in borrell] == ["0256"]
    assert (borrell[0]["date_start"], borrell[0]["channel"], borrell[0]["reported_via"]) == (
        "2022-01-06",
        "social_media_post",
        "Twitter",
    )


def test_find_embedded_post_of_an_unknown_author(fakes) -> None:
    """An author the lists do not know is kept by name (kind other, the reviewer completes it)."""
    roe = [r for r in rows(POST) if r["actor"] == "Jane Roe"]
    assert [(r["cameo_code"], r["date_start"], r["actor_kind"]) for r in roe] == [("012", "2022-01-07", "other")]


def test_find_skips_an_embedded_post_signed_before_the_unrest(fakes) -> None:
    """A quoted post signed in 2011 is background, not a reaction: no candidate (it used to crash find)."""
    old = POST.replace("January 7, 2022", "January 7, 2011")
    assert [r["actor"] for r in rows(old) if r["actor"] == "Jane Roe"] == []
    assert [r["actor"] for r in rows(old) if r["actor"] == "Josep Borrell"] == ["Josep Borrell"]


def test_no_embedded_post_without_a_signature(fakes) -> None:
    assert reactions.embedded_posts("Calm returned.\n— a witness, speaking on Friday\n", {}) == []


def test_find_post_with_a_cue_gives_no_bare_statement(fakes) -> None:
    text = (
        "The EU reacted.\n\nWe are watching Kazakhstan. We call for restraint.\n"
        "— Jane Roe (@janeroe_eu) January 5, 2022\n"
    )
    assert [r["cameo_code"] for r in rows(text)] == ["0256"]


def test_find_pronoun_statement_takes_the_last_speaker(fakes) -> None:
    """'He said ...' with no cue: a bare statement by the previous sentence's speaker, low confidence and noted."""
    text = "Putin spoke by phone with Tokayev on Saturday. He said the troops would leave within days."
    found = reactions.find(Doc(text, PUBLISHED, "900_test"))
    bare = [c for c in found if c.row["cameo_code"] == "010"]
    assert [c.row["actor"] for c in bare] == ["Vladimir Putin"]
    assert bare[0].notes and bare[0].confidence < 0.35


def test_find_pronoun_after_a_quote(fakes) -> None:
    text = 'Lukashenko spoke to state television on Friday. "Our soldiers will be home soon," he said.'
    assert [(r["actor"], r["cameo_code"]) for r in rows(text)] == [("Alexander Lukashenko", "010")]


def test_find_no_pronoun_statement_without_an_earlier_speaker(fakes) -> None:
    assert rows("He said the troops would leave within days.") == []


def test_find_new_clause_after_comma_and(fakes, monkeypatch: pytest.MonkeyPatch) -> None:
    """', and Germany advised ...': after a comma, 'and' opens a new clause whose subject speaks."""
    text = "The U.S. embassy ordered the departure of staff families, and Germany advised its citizens against travel."
    start = text.index("Germany")
    germany = places.PlaceMention(start, start + 7, "Germany", "de", "country", "Germany", "DE", role="location")
    monkeypatch.setattr(places, "mentions", lambda doc, dataset=None: [germany])
    found = [c.row for c in reactions.find(Doc(text, PUBLISHED, "900_test"))]
    assert [(r["actor"], r["cameo_code"]) for r in found] == [("US Embassy", "160"), ("Germany", "160")]


def test_find_condemned_order_is_no_threat(fakes) -> None:
    """A foreign minister calling the shoot-to-kill order unacceptable condemns it; he does not threaten."""
    found = rows("Lithuanian Foreign Minister Gabrielius Landsbergis called the shoot-to-kill order unacceptable.")
    assert [(r["actor"], r["cameo_code"]) for r in found] == [("Gabrielius Landsbergis", "111")]


def test_find_two_speakers_generic_and_specific_appeals(fakes) -> None:
    """A generic appeal by one group and a specific one by another in the same sentence: both kept."""
    found = rows(
        "Human Rights Watch said the authorities should investigate every killing, while Amnesty International "
        "called on Kazakhstan to restore internet access."
    )
    assert {(r["actor"], r["cameo_code"]) for r in found} == {
        ("Human Rights Watch", "020"),
        ("Amnesty International", "0243"),
    }


def test_find_bare_statement_of_a_second_speaker(fakes) -> None:
    """A sentence with one speaker's cue and another's bare statement gives both."""
    found = rows("The CSTO said its troops had begun to leave, and Stoltenberg said NATO was following events closely.")
    assert {(r["actor"], r["cameo_code"]) for r in found} >= {("CSTO", "010")}


def test_find_source_of_the_report_is_no_second_statement(fakes) -> None:
    """'X did Y, the Kremlin said': the Kremlin relays Putin's call; it makes no statement of its own."""
    found = rows("Putin thanked the CSTO leaders on Friday, the Kremlin said.")
    assert [r["actor"] for r in found] == ["Vladimir Putin"]


def test_find_embassy_in_a_city_speaks(fakes, monkeypatch: pytest.MonkeyPatch) -> None:
    """'The Russian Embassy in Nur-Sultan said ...': the embassy speaks; the city after 'in' does not."""
    text = "The Russian Embassy in Nur-Sultan said the consulate would reopen soon."
    start = text.index("Nur-Sultan")
    city = places.PlaceMention(start, start + 10, "Nur-Sultan", "kz", "country", "Kazakhstan", "KZ", role="actor")
    monkeypatch.setattr(places, "mentions", lambda doc, dataset=None: [city])
    found = [c.row for c in reactions.find(Doc(text, PUBLISHED, "900_test"))]
    assert [(r["actor"], r["cameo_code"]) for r in found] == [("Russian Embassy", "010")]


def test_statement_date_next_to_the_speaker_wins() -> None:
    """'X on Monday described last week's unrest as a coup': Monday dates the statement, not last week."""
    text = "Tokayev on Monday described last week's unrest as an attempted coup."
    (c,) = reactions.find(Doc(text, date(2022, 1, 11), "900_test"))
    assert (c.row["date_start"], c.row["date_end"]) == ("2022-01-10", "2022-01-10")


def test_find_person_reporting_on_his_own_state(fakes, monkeypatch: pytest.MonkeyPatch) -> None:
    """'Erdogan said Turkey was ready to help': Erdogan offers; 'Turkey' is his state in the reported clause."""
    text = "Erdogan, speaking after Friday prayers, said Turkey was ready to share its experience."
    start = text.index("Turkey")
    turkey = places.PlaceMention(start, start + 6, "Turkey", "tr", "country", "Turkey", "TR", role="actor")
    monkeypatch.setattr(places, "mentions", lambda doc, dataset=None: [turkey])
    found = [c.row for c in reactions.find(Doc(text, PUBLISHED, "900_test"))]
    assert [(r["actor"], r["cameo_code"]) for r in found] == [("Recep Tayyip Erdogan", "0334")]


def test_find_reported_subject_of_another_state_keeps_the_cue(fakes) -> None:
    found = rows("Peskov said Tokayev had asked the CSTO for help.")
    assert ("Kassym-Jomart Tokayev", "0234") in [(r["actor"], r["cameo_code"]) for r in found]


def test_find_country_before_any_past_tense_verb(fakes, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Estonia summoned the Kazakh ambassador on Monday."
    estonia = places.PlaceMention(0, 7, "Estonia", "ee", "country", "Estonia", "EE", role="location")
    monkeypatch.setattr(places, "mentions", lambda doc, dataset=None: [estonia])
    found = [c.row for c in reactions.find(Doc(text, PUBLISHED, "900_test"))]
    assert [(r["actor"], r["cameo_code"]) for r in found] == [("Estonia", "040")]


def test_find_country_after_a_preposition_is_no_speaker(fakes, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Protests in Kazakhstan erupted after the price rise, and calls for restraint followed."
    start = text.index("Kazakhstan")
    kz = places.PlaceMention(start, start + 10, "Kazakhstan", "kz", "country", "Kazakhstan", "KZ", role="location")
    monkeypatch.setattr(places, "mentions", lambda doc, dataset=None: [kz])
    assert reactions.find(Doc(text, PUBLISHED, "900_test")) == []


def test_find_person_in_the_reported_clause_keeps_the_cue(fakes) -> None:
    """'Ukibai said Nazarbayev had held phone calls': Nazarbayev called, his press secretary reports it."""
    found = rows("Ukibai said Nazarbayev had held several phone calls with leaders of friendly countries.")
    assert [(r["actor"], r["cameo_code"]) for r in found][0] == ("Nursultan Nazarbayev", "041")


def test_find_country_in_a_reported_clause_is_no_speaker(fakes, monkeypatch: pytest.MonkeyPatch) -> None:
    """'Blinken asked why Kazakhstan had turned to the bloc, and urged ... rights': Blinken urges, not Kazakhstan."""
    text = (
        "Blinken asked why Kazakhstan had turned to the bloc, and urged the authorities to respect the rights of "
        "protesters."
    )
    start = text.index("Kazakhstan")
    kz = places.PlaceMention(start, start + 10, "Kazakhstan", "kz", "country", "Kazakhstan", "KZ", role="location")
    monkeypatch.setattr(places, "mentions", lambda doc, dataset=None: [kz])
    found = [c.row for c in reactions.find(Doc(text, PUBLISHED, "900_test"))]
    assert [(r["actor"], r["cameo_code"]) for r in found] == [("Antony Blinken", "0243")]
