"""Codes in words: the label tables of the dataset's codes (groups, measures, stances, event kinds...).

A leaf module (it imports nothing of qantar): qantar.display re-exports every name, which is where callers find them.
"""

from __future__ import annotations

from typing import Any, Mapping


# Casualty groups. The authorities' label is their word, not ours, so it keeps its quotation marks.
GROUP_LABELS = {
    "security_forces": "security forces",
    "protesters": "protesters",
    "armed_criminals": "“armed criminals” (the authorities’ term)",
    "civilians": "civilians",
    "unspecified": "unspecified (no group named)",
}


GROUP_SHORT = {
    "security_forces": "security forces",
    "protesters": "protesters",
    "armed_criminals": "“armed criminals”",
    "civilians": "civilians",
    "unspecified": "no group named",
}


MEASURE_LABELS = {
    "killed": "killed",
    "injured": "injured",
    "casualties": "killed or injured",
    "detained": "detained",
    "participants": "taking part",
}


# casualty_reports.status: whether a figure still stands. A withdrawn claim keeps its row; charts draw it as withdrawn.
CLAIM_STATUS_LABELS = {
    "stated": "stated",
    "withdrawn": "withdrawn (taken back by the body that gave it)",
    "disputed": "disputed (contested by another body)",
}


CLAIM_STATUS_SHORT = {"stated": "", "withdrawn": "withdrawn", "disputed": "disputed"}


# The periods of "How the toll evolved" (derive.TOLL_PERIODS), as a heading names them before their dates.
TOLL_PERIOD_LABELS = {
    "first_days": "First days",
    "late_january": "Mid and late January",
    "february_march": "February and March",
    "after_march": "After March",
}


SCOPE_LABELS = {"kz": "national", "almaty": "Almaty only"}


WHO = {
    "interior_ministry": "Interior Ministry",
    "almaty_commandants_office": "Almaty commandant’s office",
    "almaty_police_official": "an Almaty police official",
    "authorities": "the authorities",
    "khabar_24": "Khabar 24",
    "unknown": "unattributed",
    "kazakh_media": "Kazakh media",
    "sputnik": "Sputnik",
    "tass": "TASS",
    "state_media": "state media",
    "health_ministry": "Health Ministry",
    "president": "the president",
    "prosecutor_general": "Prosecutor General’s Office",
    "national_security_committee": "National Security Committee (KNB)",
    "police": "police",
    "rights_group": "rights groups",
    "interfax": "Interfax",
    "ria_novosti": "RIA Novosti",
    "reuters": "Reuters",
    "ap": "the Associated Press",
    "afp": "AFP",
    "rfe_rl": "RFE/RL",
    "news_reports": "unnamed news reports",
}


WHO_SHORT = {
    "interior_ministry": "Interior Min.",
    "almaty_commandants_office": "Almaty cmdt",
    "almaty_police_official": "Almaty police",
    "authorities": "authorities",
    "khabar_24": "Khabar 24",
    "unknown": "unattributed",
    "kazakh_media": "Kazakh media",
    "sputnik": "Sputnik",
    "tass": "TASS",
    "state_media": "state media",
    "health_ministry": "Health Min.",
    "president": "president",
    "prosecutor_general": "Prosecutor Gen.",
    "national_security_committee": "KNB",
    "police": "police",
    "rights_group": "rights groups",
    "interfax": "Interfax",
    "ria_novosti": "RIA Novosti",
    "reuters": "Reuters",
    "ap": "AP",
    "afp": "AFP",
    "rfe_rl": "RFE/RL",
    "news_reports": "news reports",
}


QUALIFIER_WORDS = {
    "exact": "{n}",
    "at_least": "at least {n}",
    "more_than": "more than {n}",
    "about": "about {n}",
    "some": "some {n}",
    "almost": "almost {n}",
    "up_to": "up to {n}",
    "dozens": "dozens",
    "hundreds": "hundreds",
    "thousands": "thousands",
    "unquantified": "no figure",
}


STANCE_LABELS = {
    "support_government": "supports the government",
    "offer_assistance": "offers help",
    "appeal_for_help": "asks for help",
    "call_restraint": "calls for restraint",
    "call_dialogue": "calls for a peaceful solution",
    "call_calm": "calls for calm",
    "call_rights": "calls for rights",
    "deny_involvement": "denies involvement",
    "hardline": "hardline",
    "gratitude": "thanks",
    "reassurance": "reassures",
    "assert_authority": "asserts authority",
    "commemoration": "commemorates",
    "informational": "informs",
}


CHANNEL_LABELS = {
    "phone_call": "phone call",
    "statement": "statement",
    "televised_address": "televised address",
    "social_media_post": "social-media post",
    "press_briefing": "press briefing",
}


ACTOR_KIND_LABELS = {
    "foreign_government": "foreign governments",
    "kazakh_government": "Kazakh government",
    "international_organisation": "international organisations",
    "kazakh_other": "other Kazakh voices",
    "other": "others",
}


# Why the ACLED export leaves an events row out (qantar.acled_reference.EXCLUSION_KINDS), as a reader reads it.
ACLED_EXCLUSION_LABELS = {
    "background": "background before the unrest",
    "noted_under": "a detail noted under another event",
    "outside": "outside Kazakhstan",
    "country_level": "placed only at country level",
    "no_town": "placed only to a region or area, no town",
    "no_actor": "no actor named",
    "actor_type": "actors that do not fit the event type",
    "vague_date": "dated too vaguely for ACLED (more than a month, or no start)",
    "sub_event": "a sub-event type ACLED does not list",
    "other": "not an event ACLED codes (the record's own note)",
}


# The columns of the ACLED comparison table, as its headers read.
ACLED_COMPARISON_COLUMNS = {
    "event_type": "ACLED event type",
    "acled_events": "ACLED events",
    "our_events": "this record's events",
    "acled_fatalities": "ACLED fatalities",
    "our_fatalities": "this record's fatalities",
    "our_rows_merged": "further reports merged",
    "our_rows_aggregated": "rows aggregated",
    "our_rows_excluded": "rows not coded",
}


# An actor kind as a sentence names it ("by the Kazakh government"); the others read as their labels.
ACTOR_KIND_PHRASES = {"kazakh_government": "the Kazakh government"}


def actor_kinds_phrase(kind: Any) -> str:
    """An actor kind as it reads after 'by': 'foreign governments', 'the Kazakh government'."""
    return ACTOR_KIND_PHRASES.get(str(kind), labelled(ACTOR_KIND_LABELS, kind))


# Annotations of the overview timeline: the first report of each of these kinds of event (derive.KEY_KINDS
# is this table's keys, so adding a key event kind is one entry here).
KEY_EVENT_LABELS = {
    "protest": "First protests",
    "state_of_emergency": "State of emergency",
    "government_resignation": "Government resigns",
    "airport_seizure": "Almaty airport seized",
    "csto_request": "Appeal to CSTO",
    "csto_decision": "CSTO decides to send troops",
    "internet_blackout": "Internet blackout",
    "shoot_to_kill_order": "“Kill without warning” order",
    "arrest": "Massimov detained",
    "mourning": "Day of mourning",
    "airport_retaken": "Airport retaken",
}


# events.event_kind as a label names it (the coverage matrix's rows, the records tables): lower case, a noun phrase.
EVENT_KIND_LABELS = {
    "aircraft_seizure": "aircraft seized",
    "airport_retaken": "airport retaken",
    "airport_seizure": "airport seized",
    "appointment": "appointment",
    "armed_clash": "armed clash",
    "arms_seizure": "weapons seized",
    "arrest": "arrest",
    "arson": "arson",
    "clash": "clash",
    "court_verdict": "court verdict",
    "csto_decision": "CSTO decides to send troops",
    "csto_deployment": "CSTO troops deployed",
    "csto_request": "appeal to the CSTO",
    "csto_withdrawal": "CSTO troops withdraw",
    "election": "election",
    "emergency_lifted": "state of emergency lifted",
    "excessive_force": "excessive force",
    "explosion": "explosion",
    "flight_disruption": "flights disrupted",
    "government_resignation": "government resigns",
    "internet_blackout": "internet blackout",
    "killing": "killing",
    "media_shutdown": "media off the air",
    "military_deployment": "troops deployed",
    "mourning": "day of mourning",
    "mourning_declared": "mourning declared",
    "power_transfer": "transfer of power",
    "price_rise": "price rise",
    "property_damage": "property damage",
    "protest": "protest",
    "renaming": "renaming",
    "resignation_of_president": "president resigns",
    "shoot_to_kill_order": "“kill without warning” order",
    "special_operation": "special operation",
    "state_of_emergency": "state of emergency",
    "statue_toppled": "statue toppled",
    "storming": "storming of a building",
    "unrest_onset": "start of the unrest",
    "vehicle_seizure": "vehicles seized",
}


def event_kind_label(kind: Any) -> str:
    """An event kind in words: 'csto_request' → 'appeal to the CSTO' (words of the code where no label exists)."""
    return labelled(EVENT_KIND_LABELS, kind)


def labelled(table: Mapping[str, str], code: Any) -> str:
    """A code's label from one of the tables above, or the code in words where the table has none."""
    return table.get(str(code), words(code))


def words(code: Any) -> str:
    """A code as words ('airport_seizure' → 'airport seizure') where no better label exists."""
    return str(code).replace("_", " ")
