"""ACLED's codebook in this kit: its quoted words (``Q_*``), its inter codes (Table 3) and the rules read from them.

Split out of :mod:`qantar.acled` (which builds the export with them and re-exports every name); the module
docstring there says which rule comes from which quote.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from qantar.acled_types import EVENT_TYPES

COUNTRY = "Kazakhstan"
CIVILIANS_TARGETED = "Civilians targeted"
# The regime-dated names ("Military Forces of State (Year-Year)"): Tokayev's presidency began in March 2019. The
# year ACLED itself uses for Kazakhstan's current regime is not confirmed.
REGIME_SINCE = {"Kazakhstan": 2019}

# ---------------------------------------------------------------- the codebook's words
# ACLED Codebook (knowledge base), "Event Time" / "Time precision codes".
Q_TP1 = "If the source material includes an actual date of an event, a Time precision code of 1 is recorded."
Q_TP2 = (
    "If the source material indicates that an event happened sometime during the week or within a similar period "
    "of time (i.e., during the weekend), a Time precision code of 2 is recorded and the middle of the period is "
    "used as the reference date"
)
Q_TP3 = (
    "If the source material only indicates that an event took place sometime during a month (i.e., in the past two "
    "or three weeks, or in January), without reference to the particular date, the month midpoint is chosen. [...] "
    "a Time precision code of 3 is recorded. ACLED does not include events with less temporal information."
)
# "Spatial precision codes".
Q_GEO3 = (
    "If a larger region is mentioned, the closest natural location noted in reporting [...] — or a provincial "
    "capital is used if no other information at all is available — is chosen to represent the region, and "
    "Geo-precision code 3 is recorded."
)
Q_COUNTRYWIDE = (
    "Barring some Strategic developments events, ACLED does not record events that are imprecise to the country "
    "level — meaning reports that mention 1,000 conflict fatalities “across the country” will be investigated "
    "until they can be recorded as a set of more specific events and will not be recorded as a single countrywide "
    "event."
)
# ACLED knowledge base, "How are events disaggregated?" (last updated 1 November 2023).
Q_AGGREGATE = (
    "two incidents that occur on the same day and place, involving the same actors and type of activity, will be "
    "aggregated into a single event"
)
# Codebook, "Event aggregation", with its second example.
Q_AGGREGATE_TYPES = (
    "If two different types of interactions between the same actors in the same location on the same day are "
    "reported, they are typically noted as a single aggregate event. [...] On the same day, demonstrators hold "
    "peaceful protests that progress into violent clashes with security forces. In this case, a single Riots event "
    "is recorded, instead of one Protests event and another Riots event."
)
Q_HIERARCHY = "The event types and sub-event types noted in Table 2 above are presented in hierarchical order."
# Codebook, "Reported fatalities" and Table 1.
Q_LOWEST = (
    "If the source material differs or a vague estimate is provided, the lowest number of reported fatalities is "
    "recorded in the Fatalities column until a more reliable or corroborated estimate becomes available."
)
Q_WORDS = (
    "If a report mentions “dozens,” this is recorded as 12 reported fatalities. If a report mentions “hundreds,” "
    "this is recorded as 100 reported fatalities."
)
Q_FEW = (
    "If reports mention “several,” “many,” “few,” or plural “fatalities,” yet the exact number is unknown, either "
    "3 or 10 is recorded as the total, depending on the scale and context of the attack"
)
Q_NO_INFO = "No information on fatalities is recorded as 0 reported fatalities."
Q_CASUALTIES = (
    "if it is unclear whether fatalities occurred at all (for example, when only “casualties” are mentioned [...]), "
    "0 reported fatalities are recorded."
)
Q_SUMMARIZED = (
    "When summarized fatalities are reported, but events occur across several days or in multiple locations "
    "simultaneously [...], the total number of reported fatalities is divided and that fraction is recorded for "
    "each day of the event"
)
# ACLED knowledge base, "Fatalities" (last updated 7 May 2024).
Q_NO_GROUPS = "ACLED does not collect data on injuries, nor are fatalities attributed to specific groups"
Q_DISPUTE = (
    "If source reports differ or a vague estimate is provided, ACLED uses the most conservative estimate available "
    "and seeks to note in the ‘Notes’ column when there has been a dispute."
)
# Codebook, "Actor names, types, and Inter codes".
Q_STATE_NAMES = (
    "As militaries and police forces are a direct arm of the government, these actors are noted as Military Forces "
    "of State (Year-Year) or Police Forces of State (Year-Year)."
)

# ---------------------------------------------------------------- Table 2 and Table 3
# Table 2 (event and sub-event types) lives in qantar.acled_types.

# Different event types the codebook itself merges, the first winning: its two "Event aggregation" examples
# (a battle with artillery strikes is one Battles event; a protest turning into clashes is one Riots event).
MERGED_TYPES = (("Battles", "Explosions/Remote violence"), ("Riots", "Protests"))

STATE, REBEL, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = range(1, 9)
INTER_LABELS = {
    0: "",
    STATE: "State forces",
    REBEL: "Rebel group",
    POLITICAL_MILITIA: "Political militia",
    IDENTITY_MILITIA: "Identity militia",
    RIOTERS: "Rioters",
    PROTESTERS: "Protesters",
    CIVILIANS: "Civilians",
    EXTERNAL: "External/Other forces",
}
ARMED = {STATE, REBEL, POLITICAL_MILITIA, IDENTITY_MILITIA, EXTERNAL}  # organised armed groups (Battles need two)

# Actor name -> inter code, first match wins. Reads the events table's names and ACLED's forms of them.
_INTER_RULES: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"^Protesters\b", re.IGNORECASE), PROTESTERS),
    (re.compile(r"^Rioters\b", re.IGNORECASE), RIOTERS),
    (re.compile(r"^Civilians\b", re.IGNORECASE), CIVILIANS),
    (re.compile(r"\bCSTO\b|Collective Security Treaty|Military Forces of (?!Kazakhstan)", re.IGNORECASE), EXTERNAL),
    (re.compile(r"unidentified|terrorist|criminal|armed group|attackers", re.IGNORECASE), POLITICAL_MILITIA),
    (
        re.compile(
            r"\b(police|military|security forces|government of|national security committee|national guard|"
            r"officials?)\b",
            re.IGNORECASE,
        ),
        STATE,
    ),
]
UNIDENTIFIED = "Unidentified Armed Group ({country})"
# Armed forces acting on the ground, as opposed to the governing bodies that decide (national_authority).
_FORCES = re.compile(r"\b(military|police|security forces|national guard|army|troops|soldiers)\b", re.IGNORECASE)
# The codebook's forms for state forces and regimes (Q_STATE_NAMES), from the events table's plain names. A unit in
# brackets ("(paratroopers)") is not an official unit name, so it is left to the description in the notes.
_ACLED_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Military forces of (?P<c>[A-Z][\w-]*(?: [A-Z][\w-]*)*)(?: \([^)]*\))?$"), "Military Forces of {c}"),
    (re.compile(r"^Police \((?P<c>[^)]+)\)$"), "Police Forces of {c}"),
    (re.compile(r"^Police forces of (?P<c>[A-Z][\w-]*(?: [A-Z][\w-]*)*)$", re.IGNORECASE), "Police Forces of {c}"),
    (re.compile(r"^Government of (?P<c>[A-Z][\w-]*(?: [A-Z][\w-]*)*)$"), "Government of {c}"),
]
# State forces the texts do not name a branch of ("security forces", "the authorities"): no ACLED form.
_GENERIC_STATE = re.compile(r"^Security forces of ", re.IGNORECASE)
# Ids of the data's records (the descriptor's patterns ^ev[0-9]{3,}$ and ^cr[0-9]{3,}$) named in an exclusion reason.
_RECORD_ID = re.compile(r"\b(?:ev|cr)[0-9]{3,}\b")


def inter_code(actor: str | None) -> int | None:
    """ACLED inter code of an actor name (0 for no actor); None when the name fits no ACLED actor type."""
    if actor is None or not str(actor).strip():
        return 0
    for pattern, code in _INTER_RULES:
        if pattern.search(str(actor)):
            return code
    return None


def acled_actor(actor: str | None, inter: int | None, event_type: str) -> str:
    """The actor as ACLED names it: rioters in a Riots event, regime-dated state forces, ACLED's unidentified group."""
    if actor is None or not str(actor).strip():
        return ""
    name = str(actor)
    if event_type == "Riots" and name.startswith("Protesters ("):
        return "Rioters (" + name[len("Protesters (") :]  # "Riots … Rioters (Country)"; protesters are peaceful
    if inter == POLITICAL_MILITIA and re.search(r"unidentified|terrorist|criminal|attackers", name, re.IGNORECASE):
        return UNIDENTIFIED.format(country=COUNTRY)  # ACLED allows no "terrorists" or "insurgents" as agents
    for pattern, form in _ACLED_FORMS:
        m = pattern.match(name)
        if m and m["c"] in REGIME_SINCE:
            return form.format(c=m["c"]) + f" ({REGIME_SINCE[m['c']]}-)"
    return name


def national_authority(actor: str | None) -> bool:
    """True for a body that decides for the whole state (a government, a national agency, an international
    organisation), False for forces acting on the ground and for everyone else."""
    code = inter_code(actor)
    return bool(actor) and code in (STATE, EXTERNAL) and not _FORCES.search(str(actor))


def interaction(inter1: int, inter2: int) -> int:
    """ACLED interaction: the two inter codes, smaller first; a one-sided event is inter1 followed by 0."""
    if inter2 == 0:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def time_precision(start: date, end: date, precision: str) -> int | None:
    """ACLED time_precision of a date span: 1 a day, 2 up to a week, 3 up to a month; None when vaguer."""
    if precision in ("year", "before"):  # 'before' has no start: less temporal information than ACLED's threshold
        return None
    days = (end - start).days + 1
    if precision == "day" or days == 1:
        return 1
    if precision == "month":
        return 3
    if days <= 7:
        return 2
    return 3 if days <= 31 else None


def reference_date(start: date, end: date, precision: str) -> date:
    """ACLED's event_date for a span: the day itself, the month's 15th, or the middle day (the earlier of two)."""
    if precision == "month":
        return start.replace(day=15)
    return start + timedelta(days=(end - start).days // 2)


def civilian_targeting(event_type: str, sub_event_type: str, inter2: int) -> str:
    """'Civilians targeted' where ACLED's codebook says civilians were the main or only target, else blank."""
    if event_type == "Violence against civilians" or sub_event_type == "Excessive force against protesters":
        return CIVILIANS_TARGETED
    if event_type in ("Riots", "Explosions/Remote violence") and inter2 == CIVILIANS:
        return CIVILIANS_TARGETED
    return ""


def sub_event_fits(event_type: str, sub_event_type: str) -> bool:
    """True when the sub-event type belongs to the event type in ACLED's Table 2."""
    return sub_event_type in EVENT_TYPES.get(event_type, {})


def actor_rule_problem(event_type: str, sub_event_type: str, inter1: int, inter2: int) -> str | None:
    """Why an actor pair breaks an ACLED event-type rule, or None when it fits."""
    if event_type == "Battles" and not (inter1 in ARMED and inter2 in ARMED):
        return (
            "Battles need two organised armed groups (ACLED: 'a violent interaction between two organized armed "
            f"groups'); here {INTER_LABELS.get(inter1, inter1) or 'none'}"
            f" vs {INTER_LABELS.get(inter2, inter2) or 'none'}"
        )
    if event_type == "Violence against civilians" and inter2 != CIVILIANS:
        return (
            "Violence against civilians needs civilians as actor2 (ACLED: 'the target is always recorded as Actor 2')"
        )
    if event_type == "Protests" and PROTESTERS not in (inter1, inter2):
        return "a Protests event needs protesters among its actors"
    if event_type == "Riots" and RIOTERS not in (inter1, inter2):
        return "a Riots event needs rioters among its actors"
    return None
