"""Extraction rules for events: protests, riots, seizures, shootings, declarations, arrests and deployments.

Each rule is a small function ``rule(doc) -> list[Hit]`` with the phrases it handles in its docstring; a hit
names an ``event_kind`` (the project's vocabulary, events.event_kind in data/datapackage.json), and
:data:`KINDS` gives each kind its ACLED event and sub-event type and its default actors, following the codebook
rules the project quotes (docs/codebooks.md; actor names as the events table writes them, which the ACLED
export turns into ACLED's regime-dated forms).

:func:`find` turns hits into candidates. It leaves out what is no new happening of this unrest: a noun naming a
happening told elsewhere (:func:`is_reference`: "amid the protests", "injured in the clashes"), a denial
(:func:`is_negated`), a plan, threat, call or demand (:func:`is_future`; decisions are exempt), a finished
operation, a hit a more specific one in the same sentence tells (:func:`superseded`), a happening abroad or of
another year (background). It places each hit (:func:`_places_for`: each city of a protest sentence, not a region
named only to locate a city; the project's airport or building site for the kinds that act on one; "the city" as
the last city named; a country-wide decision such as a state of emergency in the country, as the events table
codes it) and dates it (:func:`event_date`: the place's clause, after a reporting verb, not a deadline or a
cause clause, "a day after ...", else the paragraph's or the story's last day, else the publication range). One
candidate per happening: mentions of one kind, place and description on overlapping days are merged. A
``happening_id`` hint points at an existing happening of the dataset.

Later texts (data 0.3.0): the end of a state of emergency (:func:`emergency_lifted`) and a court's verdict
(:func:`court_verdict`, dated by :func:`verdict_date`) have kinds of their own; an undated happening of the unrest does
not take a later sentence's date (:func:`borrowed_later_date`).

The modules, by job: :mod:`.kinds` (the vocabulary and the hit), the rules by what they find (:mod:`.crowd`,
:mod:`.state`, :mod:`.security`), :mod:`.dating` and :mod:`.placing` (the date and places of a hit) and
:mod:`.assemble` (the rule list, the filters and :func:`find`). This package re-exports the names used elsewhere.
"""

from __future__ import annotations

from qantar.extract.events.assemble import (
    RULES,
    find,
    happening_hint,
    is_future,
    is_negated,
    is_reference,
    superseded,
)
from qantar.extract.events.crowd import (
    aircraft_seizure,
    airport_retaken,
    airport_seizure,
    armed_clash,
    arms_seizure,
    arson,
    excessive_force,
    explosion,
    looting,
    protest,
    riot_clash,
    statue_toppled,
    storming,
    vehicle_seizure,
)
from qantar.extract.events.dating import borrowed_later_date, event_date, verdict_date
from qantar.extract.events.kinds import KINDS, KNB, POLICE, Hit, Kind
from qantar.extract.events.security import (
    arrest,
    csto_decision,
    csto_deployment,
    csto_request,
    flight_disruption,
    internet_blackout,
    media_shutdown,
    military_deployment,
    price_rise,
    shoot_to_kill_order,
    special_operation,
)
from qantar.extract.events.state import (
    appointment,
    court_verdict,
    emergency_lifted,
    government_resignation,
    mourning_declared,
    mourning_held,
    power_transfer,
    state_of_emergency,
)

__all__ = [
    "Hit",
    "KINDS",
    "KNB",
    "Kind",
    "POLICE",
    "RULES",
    "aircraft_seizure",
    "airport_retaken",
    "airport_seizure",
    "appointment",
    "armed_clash",
    "arms_seizure",
    "arrest",
    "arson",
    "borrowed_later_date",
    "court_verdict",
    "csto_decision",
    "csto_deployment",
    "csto_request",
    "emergency_lifted",
    "event_date",
    "excessive_force",
    "explosion",
    "find",
    "flight_disruption",
    "government_resignation",
    "happening_hint",
    "internet_blackout",
    "is_future",
    "is_negated",
    "is_reference",
    "looting",
    "media_shutdown",
    "military_deployment",
    "mourning_declared",
    "mourning_held",
    "power_transfer",
    "price_rise",
    "protest",
    "riot_clash",
    "shoot_to_kill_order",
    "special_operation",
    "state_of_emergency",
    "statue_toppled",
    "storming",
    "superseded",
    "vehicle_seizure",
    "verdict_date",
]
