"""Display text: how dates, figures, groups, places and sources are written for readers, defined once.

Everything a reader sees as words rather than codes comes from here: derive returns plain
frames of codes and numbers, and figures, tables, prose and pages turn them into text with
these functions.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from qantar.dataset import Dataset

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


# Date formats: the kit's one set. Month names come from this table, not strftime's %b/%B, so a reader's
# locale never changes a label and no platform-only directive (%-d) is needed.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ISO_DAY = "%Y-%m-%d"  # a day in data files and exports
ISO_STAMP = "%Y-%m-%dT%H:%M:%SZ"  # a UTC time in machine-read records
BUILT_STAMP = "%Y-%m-%d %H:%M UTC"  # a UTC build time as a reader sees it
PLOTLY_DAY_TICK = "%-d %b"  # plotly's tick format (d3-time-format, English, not strftime): '5 Jan'


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def weekday_short(day: Any) -> str:
    """A date's weekday as a tick names it: 'Wed'."""
    return WEEKDAYS[day.weekday()]


def month_label(day: Any, short: bool = False) -> str:
    """A date's month in words: 'January', or short 'Jan'."""
    name = MONTHS[day.month - 1]
    return name[:3] if short else name


def month_short(day: Any) -> str:
    """A date's month as a tick names it: 'Feb'."""
    return month_label(day, short=True)


def month_year(day: Any, short: bool = False) -> str:
    """A date's month and year: 'January 2022' (short 'Jan 2022')."""
    return f"{month_label(day, short)} {day.year}"


def day_month(day: Any, short: bool = True, year: bool = False) -> str:
    """A day with its month: '5 Jan' (long '5 January'; with the year '5 Jan 2022')."""
    return f"{day.day} {month_year(day, short) if year else month_label(day, short)}"


def window_label(start: date, end: date) -> str:
    """A date window as readers write it: '2–10 January 2022', '30 December 2021 – 2 January 2022'."""
    if start == end:
        return day_month(start, short=False, year=True)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day_month(end, short=False, year=True)}"
    if start.year == end.year:
        return f"{day_month(start, short=False)} – {day_month(end, short=False, year=True)}"
    return f"{day_month(start, short=False, year=True)} – {day_month(end, short=False, year=True)}"


def day_label(day: Any, year: bool | None = None, short: bool = False) -> str:
    """One day: '5 January' (or '5 January 2022', or short '5 Jan'); by default the year is said only outside the
    kit's year (2022)."""
    from qantar import settings

    if year is None:
        year = day.year != settings.DEFAULT_START.year
    return day_month(day, short=short, year=year)


def span_label(start: Any, end: Any, precision: Any, year: bool = False) -> str:
    """A happening's date: '5 Jan' when day-precise, else the range '2–8 Jan' (with the year if asked)."""
    suffix = f" {end.year}" if year else ""
    if str(precision) == "before":  # only a latest day is known; date_start repeats it and claims nothing
        return f"by {day_month(end)}{suffix}"
    if str(precision) == "day" or start == end:
        return f"{day_month(start)}{suffix}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day_month(end)}{suffix}"
    if start.year == end.year:
        return f"{day_month(start)} – {day_month(end)}{suffix}"
    return f"{day_month(start, year=True)} – {day_month(end, year=True)}"


def happening_span_label(start: Any, end: Any, dating: Any, year: bool = False) -> str:
    """A happening's date by the one rule (qantar.dating): '5 Jan', '2–8 Jan', '4–6 Jan (dates differ)'."""
    label = span_label(start, end, "day" if str(dating) == "day" else "range", year)
    return f"{label} (dates differ)" if str(dating) == "disputed" else label


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """'1 city', '2 cities', '0 events': a count with its noun in the right number."""
    word = singular if n == 1 else (plural_form or singular + "s")
    return f"{n:,} {word}"


def event_count_label(n_events: int, n_reports: int, n_may: int = 0) -> str:
    """'3 events', '17 events in 19 reports' when some happenings are reported more than once, and
    '1 event and 3 that may fall in this period, in 4 reports' when some are known only to a range reaching outside it.
    """
    n_events, n_reports, n_may = int(n_events), int(n_reports), int(n_may)
    events = plural(n_events, "event") + (f" and {n_may:,} that may fall in this period" if n_may else "")
    if n_reports == n_events + n_may:
        return events
    return f"{events}{',' if n_may else ''} in {plural(n_reports, 'report')}"


def count_with_may(n: int, n_may: int) -> str:
    """A count and how many more may fall in the period, for short labels: '17', '1 + 3 may'."""
    return f"{int(n):,}" + (f" + {int(n_may):,} may" if n_may else "")


def leaders(names: list[str], n: int) -> str:
    """The name or names with the largest count, ties kept: 'Almaty (17)', 'Tajikistan and United States (5 each)'."""
    return f"{join(sorted(names))} ({n:,}{' each' if len(names) > 1 else ''})"


def join(items: list[str], conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C'."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _opt_int(value: Any) -> int | None:
    import pandas as pd

    return None if value is None or pd.isna(value) else int(value)


def claim_text(qualifier: Any, value: Any, coded: Any = None) -> str:
    """A figure as the text words it: 'at least 8', 'about 5,000', 'dozens'; the one wording of a figure everywhere.

    With ``coded`` (ACLED's figure, qualifiers.acled_figure) a figure given only in words also says the
    number it is coded as: 'dozens (coded 12 under ACLED's rule)'. A stated number is never replaced.
    """
    n = _opt_int(value)
    text = QUALIFIER_WORDS[str(qualifier)].format(n=None if n is None else f"{n:,}")
    code = _opt_int(coded)
    if code is not None and n is None:
        text += f" (coded {code:,} under ACLED's rule)"
    return text


def attribution(stated_by: Any, relayed_by: Any, short: bool = False) -> str:
    """'Interior Ministry via Khabar 24': who the text says gave a figure, and who passed it on."""
    names = WHO_SHORT if short else WHO
    who = labelled(names, stated_by)
    if relayed_by is None or str(relayed_by) in ("", "nan", "<NA>", "None"):
        return who
    return f"{who} via {labelled(names, relayed_by)}"


def speaker_text(stated_by: Any, relayed_by: Any) -> str:
    """'stated by the Interior Ministry via Khabar 24', or 'no speaker named' when the text names none."""
    if str(stated_by) in ("unknown", "", "nan", "None", "<NA>"):
        return "no speaker named"
    return f"stated by {attribution(stated_by, relayed_by)}"


def bounds_text(low: Any, high: Any) -> str:
    """The range a figure is read as: '8', '171–209', '8 or more' (no upper bound)."""
    lo, hi = _opt_int(low), _opt_int(high)
    if lo is None:
        return "no figure"
    if hi is None:
        return f"{lo:,} or more"
    return f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}"


# Column headings of the explorer's records and reactions tables (and its sort menu).
EVENT_TABLE_COLUMNS = {
    "date": "Date",
    "city": "City",
    "event_type": "Event type",
    "description": "What happened",
    "evidence": "Evidence",
    "source": "Source",
}
REACTION_TABLE_COLUMNS = {
    "date_label": "Date",
    "actor": "Who",
    "speaks_for": "For",
    "stance": "Stance",
    "summary": "What",
    "evidence": "Evidence",
    "source": "Source",
}

# Column headings of the report's records tables (qantar.records names the columns; page.Page shows them with
# these words). Unlisted columns read as their words ('event_type' → 'event type').
TABLE_COLUMN_LABELS = {
    "evidence": "the text's words",
    "source": "source",
    "as_of": "as of",
    "wording": "figure as worded",
    "acled_figure": "counted as",
    "project_low": "at least",
    "project_high": "at most",
    "period": "period counted",
    "stated_by": "given by",
    "report_id": "record",
    "series_value_coded": "series value counted as",
    "kept_earlier_figure": "earlier figure kept",
    "claims_that_day": "figures that day",
    "sub_event_type": "sub-event type",
    "cameo": "CAMEO code",
    "record_row": "events row",
    "acled_event": "ACLED event",
    "fate": "what became of it",
}


def column_label(column: Any) -> str:
    """A records table's column heading in words: 'acled_figure' → 'counted as', 'event_type' → 'event type'."""
    return labelled(TABLE_COLUMN_LABELS, column)


DISAGREEMENT_LABELS = {
    "event_date": "dates of one happening that do not overlap",
    "event_place": "places of one happening (two places, or in and near a town)",
    "figure_conflict": "figures that cannot both be true",
    "toll_conflict": "tolls naming no group that cannot both be true",
    "status": "a figure one text gives as standing and another as withdrawn or disputed",
    "part_exceeds_whole": "a city's figure above the national one",
    "actor": "who did it",
    "area": "the area a decree covers",
    "forces": "which forces the dead or injured belonged to",
    "commodity": "which price rise set it off",
    "label": "dead or injured named as protesters or as \u201carmed criminals\u201d",
}
# What each kind asks, after the topic in a disagreement's subject ("State of emergency: the area").
DISAGREEMENT_QUESTIONS = {
    "event_date": "the date",
    "event_place": "the place",
    "actor": "who did it",
    "area": "the area",
    "forces": "which forces",
    "commodity": "which commodity",
}
# wordings.codes in words (qantar.validation.WORDING_CODES; area codes are place_ids, named from places.csv).
WORDING_CODE_LABELS = {
    "crowd": "a crowd or protesters",
    "armed_group": "an armed group",
    "cabinet": "the government itself",
    "president": "the president",
    "police": "police",
    "national_guard": "National Guard",
    "military": "military",
}
# Whose words a wording gives (wordings.stated_by); casualty speakers are in WHO.
WORDING_SPEAKERS = {
    "document": "in its own words",
    "president": "quoting the president",
    "interior_ministry": "quoting the Interior Ministry",
    "almaty_commandants_office": "quoting the Almaty commandant\u2019s office",
    "authorities": "quoting the authorities",
    "kazakh_media": "citing Kazakh media",
    "local_media": "citing local media",
    "media": "citing the media",
}
DATE_BASIS_WORDS = {
    "stated": "a date in the text",
    "weekday_resolved": "a weekday, resolved",
    "relative_resolved": "a relative date, resolved",
    "announcement": "only its announcement dated",
    "context": "placed by context",
    "document_date": "the document's date",
}


def disagreement_label(kind: Any) -> str:
    """A kind of disagreement in words."""
    return labelled(DISAGREEMENT_LABELS, kind)


class DisagreementContext:
    """What disagreement sentences need from the dataset: each document's outlet and date, and each place's name."""

    def __init__(self, outlets: dict[str, str], places: dict[str, str], sources: dict[str, str] | None = None):
        self.outlets = outlets
        self.places = places
        self.sources = sources or {}

    @classmethod
    def of(cls, ds: "Dataset") -> "DisagreementContext":
        """The context of a loaded dataset (source register and places)."""
        outlets = dict(zip(ds.sources["doc_id"].astype(str), ds.sources["outlet"].astype(str), strict=True))
        sources = {str(r["doc_id"]): source_short(r) for _, r in ds.sources.iterrows()}
        return cls(outlets, place_names(ds), sources)

    def topic(self, topic: str) -> str:
        """A topic key in words, place names capitalised: 'battle_almaty' → 'battle Almaty'."""
        names = {name.lower(): name for name in self.places.values()}
        return " ".join(names.get(w, w) for w in words(topic).split())

    def document(self, doc_id: str) -> str:
        """'CNN (probable), 8 Jan': a document as a reader knows it (its outlet and date, from the register)."""
        if doc_id in self.sources:
            return self.sources[doc_id]
        outlet = outlet_name(self.outlets.get(doc_id))
        return f"{outlet}, doc {short_id(doc_id)}" if outlet == "unknown outlet" else outlet

    def plain(self, text: str) -> str:
        """Free text from the data with document numbers as outlets: a leading '001: ' goes (the sentence names the
        document), '002's words' reads 'Al Mayadeen English (probable)'s words'."""
        import re

        numbers = {short_id(d): d for d in self.outlets}
        text = re.sub(r"^\d{3}: ", "", text)

        def outlet(m: "re.Match[str]") -> str:
            doc = numbers.get(m.group(0))
            if doc is None:
                return m.group(0)
            name = outlet_name(self.outlets.get(doc))
            return f"{name} (doc {m.group(0)})" if name == "unknown outlet" else name

        return re.sub(r"(?<![\d,.])0\d\d(?![\d,])", outlet, text)


def source_short(row: Any) -> str:
    """A document in a sentence: 'Asia-Plus (probable), 6 Jan'; the year only outside 2022 ('CNN, 3 Jan 2023')."""
    published = row["published_date"]
    outlet = outlet_name(row["outlet"])
    if outlet == "unknown outlet":
        outlet = f"{outlet}, doc {short_id(row['doc_id'])}"
    return f"{outlet}, {day_label(published, short=True)}"


def _note(version: dict[str, Any], ctx: "DisagreementContext | None" = None) -> str:
    """A version's note from the data, in brackets after its value ('' when it has none); document numbers in it
    ('001: in the city', 'the names of 001 and 002') read as their outlets."""
    note = (version.get("note") or "").strip().rstrip(".")
    if ctx is not None:
        note = ctx.plain(note)
    return f" ({note})" if note else ""


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


# Who gave a figure, when the text names no one: the outlet alone is the source ("CNN (probable), 8 Jan: dozens").
NO_SPEAKER = frozenset({"unknown", "", "nan", "None"})


def _figure_said(v: dict[str, Any], differ: set[str]) -> str:
    """A figure's value, with the group, scope and as-of day only where the versions differ in them."""
    x = v["value"]
    text = claim_text(x["qualifier"], x["value"])
    if "group" in differ:
        text += f"{'' if _opt_int(x['value']) is not None else ' of'} {GROUP_SHORT.get(x['group'], words(x['group']))}"
    extra = []
    if "scope" in differ:
        extra.append(scope_label(x["scope_place_id"]))
    if "as_of" in differ:
        extra.append(f"as of {day_label(x['as_of_date'], short=True)}")
    return text + (f" ({', '.join(extra)})" if extra else "")


def disagreement_versions(kind: Any, versions: list[dict[str, Any]], ctx: DisagreementContext) -> list[dict[str, str]]:
    """Each document's version as a reader reads it: who said it, in which outlet and when, and what it says.

    Items: ``who`` (a speaker the text names, '' when none), ``source`` ('CNN (probable), 8 Jan'), ``said``
    (the value, with the project's note from the data) and ``record`` (the record it rests on, for links only).
    """
    kind = str(kind)
    out: list[dict[str, str]] = []
    differ: set[str] = set()
    if versions and "measure" in versions[0]["value"]:
        for key, field in (("group", "group"), ("scope", "scope_place_id"), ("as_of", "as_of_date")):
            if len({str(v["value"][field]) for v in versions}) > 1:
                differ.add(key)
    for v in versions:
        x = v["value"]
        who = ""
        if "measure" in x:
            who = "" if str(v["stated_by"]) in NO_SPEAKER else attribution(v["stated_by"], x["relayed_by"])
            said = _figure_said(v, differ)
            if kind == "status":
                status = str(x["status"])
                said += f", {CLAIM_STATUS_SHORT.get(status) or 'standing'}"
        elif kind == "event_date":
            said = span_label(x["date_start"], x["date_end"], x["date_precision"]) + _note(v, ctx)
        elif kind == "event_place":
            near = "near" if x["geo_precision"] == 2 else "in"
            said = f"{near} {ctx.places.get(x['place_id'], words(x['place_id']))}{_note(v, ctx)}"
        elif kind == "commodity":
            said = f"\u201c{x['words']}\u201d"
        else:  # wordings: whose words, the words, and what the project reads them as
            speaker = labelled(WORDING_SPEAKERS, v["stated_by"])
            codes = join([WORDING_CODE_LABELS.get(c, ctx.places.get(c, words(c))) for c in x["codes"]])
            said = f"{speaker}, \u201c{x['words']}\u201d ({codes}){_note(v, ctx)}"
        out.append(dict(who=who, source=ctx.document(v["doc_id"]), said=said, record=str(v["record_ids"][0])))
    return out


def version_text(item: dict[str, str]) -> str:
    """One version in words: 'Interior Ministry, in Asia-Plus (probable), 6 Jan: 8'; the outlet alone if no speaker."""
    if not item["who"]:
        return f"{item['source']}: {item['said']}"
    return f"{item['who']}, in {item['source']}: {item['said']}"


def disagreement_detail(kind: Any, versions: list[dict[str, Any]], ctx: DisagreementContext) -> str:
    """Each document's version in one plain sentence: who said it, in which outlet and when, and what it says."""
    text = "; ".join(version_text(i) for i in disagreement_versions(kind, versions, ctx))
    return text + (" \u2014 possibly the same dead under two labels." if str(kind) == "label" else ".")


def disagreement_subject(kind: Any, topic: str, versions: list[dict[str, Any]], ctx: DisagreementContext) -> str:
    """What a disagreement is about, in words: 'State of emergency: the area', 'Security forces killed (national)…'."""
    kind = str(kind)
    if kind == "status":
        x = versions[0]["value"]
        figure = f"{claim_text(x['qualifier'], x['value'])} {MEASURE_LABELS.get(x['measure'], words(x['measure']))}"
        return f"{_sentence_start(figure)} ({scope_label(x['scope_place_id'])}): standing, withdrawn or disputed?"
    if kind == "toll_conflict":
        a, b = versions[0]["value"], versions[-1]["value"]
        measure = MEASURE_LABELS.get(a["measure"], words(a["measure"]))
        day = day_label(max(a["as_of_date"], b["as_of_date"]))
        scope = scope_label(a["scope_place_id"])
        return f"{_sentence_start(measure)}, all groups ({scope}) as of {day}: tolls that cannot both be true"
    if kind in ("figure_conflict", "part_exceeds_whole", "label"):
        a, b = versions[0]["value"], versions[-1]["value"]
        if kind == "label":
            measure = MEASURE_LABELS.get(a["measure"], words(a["measure"]))
            return f"{_sentence_start(measure)}: protesters or \u201carmed criminals\u201d?"
        series = _sentence_start(series_label(a["scope_place_id"], a["group"], a["measure"]))
        if kind == "part_exceeds_whole":
            return f"{series} above {scope_label(b['scope_place_id'])}, in texts of one day"
        return f"{series} as of {day_label(max(a['as_of_date'], b['as_of_date']))}: figures that cannot both be true"
    return f"{_sentence_start(ctx.topic(topic))}: {DISAGREEMENT_QUESTIONS.get(kind, disagreement_label(kind))}"


RECORD_REF = r"\b(?:ev|cr|re|wd)\d{3,}\b"  # a record id as free text in the data names it ("as for ev055")


def record_labels(ds: "Dataset") -> dict[str, str]:
    """Every event and casualty figure as a reader can find it: 'the protest in Zhanaozen, 2 Jan', 'the figure of
    12 security forces killed (Almaty only, 6 Jan)', by record id (for free text that cites records by id)."""
    names = place_names(ds)
    ev = ds.events
    out = {
        str(i): f"the {event_kind_label(k)} in {labelled(names, pl)}, {span_label(a, b, p)}"
        for i, k, pl, a, b, p in zip(
            ev["event_id"],
            ev["event_kind"],
            ev["place_id"],
            ev["date_start"],
            ev["date_end"],
            ev["date_precision"],
            strict=True,
        )
    }
    cr = ds.casualty_reports
    for i, q, v, g, m, sc, day in zip(
        cr["report_id"],
        cr["qualifier"],
        cr["value"],
        cr["group"],
        cr["measure"],
        cr["scope_place_id"],
        cr["as_of_date"],
        strict=True,
    ):
        group = "" if str(g) == "unspecified" else f" {labelled(GROUP_SHORT, g)}"
        out[str(i)] = (
            f"the figure of {claim_text(q, v)}{group} {labelled(MEASURE_LABELS, m)} "
            f"({scope_label(sc)}, {day_label(day, short=True)})"
        )
    return out


def plain_refs(text: str, labels: dict[str, str]) -> str:
    """Free text with its record ids as the records read ('as for ev055' → 'as for the riot in Taldykorgan, 4 Jan')."""
    import re

    return re.sub(RECORD_REF, lambda m: labels.get(m.group(0), "another record"), text)


def short_id(doc_id: Any) -> str:
    """The document's number, as cited in compact labels: '000_0ab9…' → '000'."""
    return str(doc_id).split("_", 1)[0]


def outlet_name(outlet: Any) -> str:
    """The register's outlet as readers see it ('unknown' is 'unknown outlet')."""
    text = str(outlet or "").strip()
    return "unknown outlet" if text in ("", "unknown") else text


def source_label(row: Any) -> str:
    """A document as a reader knows it: 'CNN (probable), 8 Jan 2022' (from a register row).

    Documents whose outlet is unknown also carry their number ('unknown outlet, doc 001, 6 Jan 2022'):
    three of them were published the same day, and a reader must be able to tell them apart.
    """
    published = row["published_date"]
    outlet = outlet_name(row["outlet"])
    if outlet == "unknown outlet":
        outlet = f"{outlet}, doc {short_id(row['doc_id'])}"
    # A date the register calls doubtful is said to be so, as an inferred outlet is "(probable)".
    doubtful = "doubtful" in str(row.get("published_date_basis", "") or "")
    return f"{outlet}, {day_month(published, year=True)}" + (" (date probable)" if doubtful else "")


def source_labels(ds: "Dataset") -> dict[str, str]:
    """Source label of every document in the register, by doc_id."""
    return {str(r["doc_id"]): source_label(r) for _, r in ds.sources.iterrows()}


def sources_table(ds: "Dataset", doc_ids: list[str] | None = None) -> "pd.DataFrame":
    """The register rows a page rests on, with reader-facing columns (number, source, headline, language note)."""
    src = ds.sources if doc_ids is None else ds.sources[ds.sources["doc_id"].astype(str).isin(doc_ids)]
    return src.assign(
        document=src["doc_id"].map(short_id),
        source=[source_label(r) for _, r in src.iterrows()],
        outlet_basis=src["outlet_basis"],
    )[["document", "doc_id", "source", "headline", "language", "translation_note", "outlet_basis"]].reset_index(
        drop=True
    )


def scope_label(scope_id: Any) -> str:
    """Casualty-figure scope in words: 'national', 'Almaty only'."""
    # Scopes other than the country and Almaty (a region, a town) read as the place's name: "Taraz only".
    return SCOPE_LABELS.get(str(scope_id), f"{words(scope_id).title()} only")


def series_label(scope: Any, group: Any, measure: Any) -> str:
    """'security forces killed (national)'."""
    return f"{labelled(GROUP_SHORT, group)} {labelled(MEASURE_LABELS, measure)} ({scope_label(scope)})"


def citation(data_version: str, built: str | None = None) -> str:
    """How to cite the dataset (its data version, from datapackage.json), from CITATION.cff (qantar.cite)."""
    from datetime import date

    from qantar import cite

    accessed = date.fromisoformat(built[:10]) if built else None
    return cite.citation(data_version, accessed).plain()


def place_names(ds: "Dataset") -> dict[str, str]:
    """Display name of every place, by place_id."""
    return dict(zip(ds.places["place_id"].astype(str), ds.places["name"].astype(str), strict=True))


def fact_labels(ds: "Dataset", coverage: "pd.DataFrame") -> dict[str, str]:
    """Labels of derive.coverage's facts: '2 Jan · protest · Zhanaozen', '5 Jan · protesters killed (national)'."""
    import pandas as pd

    from qantar.dating import happening_dates

    names = place_names(ds)
    events = ds.events.sort_values(["date_start", "event_id"]).drop_duplicates("happening_id")
    # A happening's date is the one rule's (all its versions), not its first version's.
    dates = happening_dates(ds.events).set_index("happening_id")
    events = events.assign(_hid=events["happening_id"].astype(str)).join(
        dates[["date_start", "date_end", "dating"]].rename(columns=lambda c: f"h_{c}"), on="_hid"
    )
    # One label per happening, built in one pass: a .loc lookup per fact made this quadratic-looking at scale.
    event_labels = {
        str(h): f"{happening_span_label(s, e, p)} · {event_kind_label(k)} · {names.get(str(pl), pl)}"
        for h, s, e, p, k, pl in zip(
            events["happening_id"],
            events["h_date_start"],
            events["h_date_end"],
            events["h_dating"],
            events["event_kind"],
            events["place_id"],
            strict=True,
        )
    }
    out: dict[str, str] = {}
    for kind, fact in zip(coverage["fact_kind"], coverage["fact"], strict=True):
        if fact in out:
            continue
        if kind == "event" and fact in event_labels:
            out[fact] = event_labels[fact]
        elif kind == "figure":
            measure, group, scope, day = fact.split("|")
            d = pd.Timestamp(day)
            out[fact] = f"{day_month(d)} · {series_label(scope, group, measure)}"
        else:
            out[fact] = words(fact)
    return out


def times_label(big: int, small: int) -> str:
    """'6.7 times', a ratio of two counts to one decimal (an empty string when the smaller count is 0)."""
    return f"{big / small:.1f} times" if small else ""
