"""ACLED's own country-month totals for Kazakhstan, and this record's ACLED export set beside them, per event type.

The reference (``reference/acled_kaz_2022_01.csv``, provenance in ``reference/acled_kaz_2022_01.json`` and
``reference/PROVENANCE.md``) holds ACLED's events and fatalities per event type for one country and month, read
from the ACLED Explorer export that the acledr package shipped. :func:`load_reference` refuses a table whose
types, numbers or totals do not hold. :func:`compare` counts this record's ACLED-coded events (the rows
``qantar export --format acled`` writes, :func:`qantar.acled.frames`) in that month per type, and computes what
explains the difference: the events rows the export leaves out and why, the reports merged into one happening or
aggregated into one event, the texts coded, and the killed figures linked to no event.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qantar.acled_types import EVENT_TYPES
from qantar.problems import ParameterError, QantarError

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd

    from qantar.dataset import Dataset
    from qantar.params import Window

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
REFERENCE_CSV = REFERENCE_DIR / "acled_kaz_2022_01.csv"
PROVENANCE_JSON = REFERENCE_DIR / "acled_kaz_2022_01.json"
COLUMNS = ["country", "month", "event_type", "events", "fatalities"]
TOTAL = "All event types"  # the ACLED Explorer's name for every type together: the stored total row
PROVENANCE_KEYS = ("publisher", "attribution", "read_from", "retrieved", "counting_rule", "licence_note")
READ_FROM_KEYS = ("repository", "commit", "events_path", "fatalities_path")

# Why the export leaves an events row out, by the words of its reason (qantar.acled), first match per kind; a row
# may have several kinds. Labels for readers are display.ACLED_EXCLUSION_LABELS.
EXCLUSION_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("background", re.compile(r"^background:|; background:")),
    ("noted_under", re.compile(r"noted in the notes of")),
    ("outside", re.compile(r"located outside Kazakhstan")),
    ("country_level", re.compile(r"located only to the whole country")),
    ("no_town", re.compile(r"located only to (?!the whole country)|has no town")),
    ("no_actor", re.compile(r"no actor1")),
    ("actor_type", re.compile(r"is not an ACLED actor type|need[s]? (two organised|civilians|protesters|rioters)")),
    ("vague_date", re.compile(r"date known only to a span|more than a month")),
    ("sub_event", re.compile(r"sub_event_type .* is not one of")),
)
OTHER_EXCLUSION = "other"  # only the data's own acl_exclusion note gives the reason


@dataclass(frozen=True)
class Reference:
    """ACLED's totals for one country and month: per event type (Table 2's order) and the stored total row."""

    country: str
    month: date
    table: "pd.DataFrame"  # event_type, events, fatalities
    total_events: int
    total_fatalities: int
    provenance: dict[str, Any]

    @property
    def start(self) -> date:
        """The first day of the month."""
        return self.month

    @property
    def end(self) -> date:
        """The last day of the month."""
        following = (self.month.replace(day=28) + timedelta(days=4)).replace(day=1)
        return following - timedelta(days=1)


def _fail(path: Path, line: int | None, column: str | None, value: Any, rule: str) -> QantarError:
    where = f"{path.name}" + (f", row {line}" if line else "") + (f", column {column}" if column else "")
    shown = f" value {value!r}:" if value is not None else ""
    return QantarError(f"ACLED reference {where}:{shown} {rule}")


def _count(path: Path, line: int, column: str, raw: Any) -> int:
    text = "" if raw is None else str(raw).strip()
    if not (text.isascii() and text.isdigit()):
        raise _fail(path, line, column, raw, "must be a whole number of 0 or more")
    return int(text)


def load_reference(csv_path: Path = REFERENCE_CSV, provenance_path: Path = PROVENANCE_JSON) -> Reference:
    """Read and check ACLED's country-month totals: six known types once each, whole numbers, totals that add up."""
    import pandas as pd

    from qantar.tables import read_csv

    header, rows, problems = read_csv(csv_path, csv_path.name)
    if problems:
        raise _fail(csv_path, None, None, None, f"unreadable: {problems[0]}")
    if header != COLUMNS:
        raise _fail(csv_path, 1, None, ",".join(header), f"header must be {','.join(COLUMNS)}")
    per_type: dict[str, tuple[int, int]] = {}
    total: tuple[int, int] | None = None
    total_line = 0
    countries, months = set(), set()
    for line, row in enumerate(rows, start=2):
        countries.add(str(row["country"] or ""))
        months.add(str(row["month"] or ""))
        kind = str(row["event_type"] or "")
        counts = (
            _count(csv_path, line, "events", row["events"]),
            _count(csv_path, line, "fatalities", row["fatalities"]),
        )
        if kind == TOTAL:
            if total is not None:
                raise _fail(csv_path, line, "event_type", kind, "the total row appears twice")
            total, total_line = counts, line
        elif kind not in EVENT_TYPES:
            raise _fail(csv_path, line, "event_type", kind, f"not an ACLED event type ({', '.join(EVENT_TYPES)})")
        elif kind in per_type:
            raise _fail(csv_path, line, "event_type", kind, "appears twice")
        else:
            per_type[kind] = counts
    missing = [t for t in EVENT_TYPES if t not in per_type]
    if missing:
        raise _fail(csv_path, None, "event_type", None, f"no row for {', '.join(missing)}")
    if total is None:
        raise _fail(csv_path, None, "event_type", None, f"no total row ({TOTAL!r})")
    if len(countries) != 1 or len(months) != 1:
        raise _fail(csv_path, None, "country/month", sorted(countries | months), "one country and one month only")
    (country,), (month_text,) = countries, months
    try:
        month = date.fromisoformat(month_text + "-01")
    except ValueError:
        raise _fail(csv_path, 2, "month", month_text, "must be a month YYYY-MM") from None
    for i, column in enumerate(("events", "fatalities")):
        added = sum(v[i] for v in per_type.values())
        if added != total[i]:
            raise _fail(
                csv_path,
                total_line,
                column,
                str(total[i]),
                f"the total row does not equal the sum of the types ({added:,})",
            )
    provenance = _provenance(provenance_path)
    table = pd.DataFrame(
        [(t, *per_type[t]) for t in EVENT_TYPES], columns=["event_type", "events", "fatalities"]
    ).astype({"events": "int64", "fatalities": "int64"})
    return Reference(country, month, table, total[0], total[1], provenance)


def _provenance(path: Path) -> dict[str, Any]:
    """The reference's provenance record; every key the page and the README rely on must be there."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise _fail(path, None, None, None, f"unreadable provenance record ({err})") from None
    if not isinstance(record, dict):
        raise _fail(path, None, None, None, "the provenance record must be a JSON object")
    for key in PROVENANCE_KEYS:
        if not record.get(key):
            raise _fail(path, None, key, None, "is missing from the provenance record")
    read_from = record["read_from"]
    for key in READ_FROM_KEYS:
        if not isinstance(read_from, dict) or not read_from.get(key):
            raise _fail(path, None, f"read_from.{key}", None, "is missing from the provenance record")
    if not re.fullmatch(r"[0-9a-f]{40}", str(read_from["commit"])):
        raise _fail(path, None, "read_from.commit", read_from["commit"], "must be a full 40-digit commit id")
    return record


def check_window(window: "Window", reference: Reference | None = None) -> None:
    """Refuse a window that is not the reference's whole month (a part of a month is not comparable with its total)."""
    ref = reference or load_reference()
    if (window.start, window.end) != (ref.start, ref.end):
        raise ParameterError(
            f"parameters 'start_date' to 'end_date': {window.start.isoformat()} to {window.end.isoformat()}; "
            f"valid: the month ACLED's reference totals cover, {ref.start.isoformat()} to {ref.end.isoformat()}"
        )


# ---------------------------------------------------------------- comparison


@dataclass
class Comparison:
    """This record's ACLED-coded events beside ACLED's totals for one month, and what explains the difference."""

    reference: Reference
    table: "pd.DataFrame"  # per type: ACLED's and our events and fatalities, and our rows by fate
    events: "pd.DataFrame"  # our ACLED events in the month, one row per events row in them (with doc_id)
    excluded: "pd.DataFrame"  # our events rows in the month the export leaves out, with their reasons and kinds
    exclusion_counts: "pd.Series"  # rows per exclusion kind (a row may count under several)
    tolls: "pd.DataFrame"  # national killed figures of the month linked to no event
    facts: dict[str, int] = field(default_factory=dict)

    @property
    def ours_total(self) -> int:
        """Our ACLED events in the month."""
        return int(self.table["our_events"].sum())

    @property
    def our_fatalities(self) -> int:
        """The fatalities of our ACLED events in the month."""
        return int(self.table["our_fatalities"].sum())


def exclusion_kinds(reason: str) -> list[str]:
    """The kinds of an exclusion reason (EXCLUSION_KINDS), or ['other'] when only the data's own note gives it."""
    kinds = [key for key, pattern in EXCLUSION_KINDS if pattern.search(reason)]
    return kinds or [OTHER_EXCLUSION]


def compare(ds: "Dataset", reference: Reference | None = None, timestamp: int = 0) -> Comparison:
    """Our ACLED export for the reference's country and month, per event type, beside ACLED's own totals."""
    import pandas as pd

    from qantar import acled

    ref = reference or load_reference()
    rows, side = acled.frames(ds, timestamp)
    days = pd.to_datetime(rows["event_date"])
    mine = rows[(rows["country"] == ref.country) & (days >= pd.Timestamp(ref.start)) & (days <= pd.Timestamp(ref.end))]
    ev = ds.events.set_index("event_id")
    side = side.assign(
        doc_id=side["event_id"].map(ev["doc_id"].astype(str)),
        row_type=side["event_id"].map(ev["event_type"].astype(str)),
        date_start=side["event_id"].map(ev["date_start"]),
        date_end=side["event_id"].map(ev["date_end"]),
    )
    in_events = side[side["status"] != "excluded"].merge(
        mine[["event_id_cnty", "event_date", "event_type", "location", "fatalities"]], on="event_id_cnty"
    )
    overlaps = (side["date_end"] >= pd.Timestamp(ref.start)) & (side["date_start"] <= pd.Timestamp(ref.end))
    excluded = side[(side["status"] == "excluded") & overlaps].copy()
    excluded["kinds"] = excluded["reason"].map(exclusion_kinds)
    kinds = [k for k, _ in EXCLUSION_KINDS] + [OTHER_EXCLUSION]
    exclusion_counts = pd.Series(
        {k: int(excluded["kinds"].map(lambda ks, k=k: k in ks).sum()) for k in kinds}, dtype="int64"
    )

    table = ref.table.rename(columns={"events": "acled_events", "fatalities": "acled_fatalities"})
    by_type = mine.groupby("event_type")
    table["our_events"] = table["event_type"].map(by_type.size()).fillna(0).astype("int64")
    table["our_fatalities"] = table["event_type"].map(by_type["fatalities"].sum()).fillna(0).astype("int64")
    for status in ("merged", "aggregated"):
        counts = in_events[in_events["status"] == status].groupby("event_type").size()
        table[f"our_rows_{status}"] = table["event_type"].map(counts).fillna(0).astype("int64")
    table["our_rows_excluded"] = table["event_type"].map(excluded.groupby("row_type").size()).fillna(0).astype("int64")
    table.insert(0, "country", ref.country)
    table = table[
        [
            "country",
            "event_type",
            "acled_events",
            "our_events",
            "acled_fatalities",
            "our_fatalities",
            "our_rows_merged",
            "our_rows_aggregated",
            "our_rows_excluded",
        ]
    ]

    tolls = _unlinked_killed(ds, ref)
    linked_killed = _linked_killed(ds, ref, set(in_events["event_id"]))
    facts = {
        "texts_coded": int(in_events["doc_id"].nunique()),
        "texts_in_record": int(len(ds.sources)),
        "rows_in_month": int(len(in_events) + len(excluded)),
        "rows_in_events": int(len(in_events)),
        "rows_excluded": int(len(excluded)),
        "rows_merged": int((in_events["status"] == "merged").sum()),
        "rows_aggregated": int((in_events["status"] == "aggregated").sum()),
        "killed_linked": linked_killed,
        "killed_unlinked_national": int(len(tolls)),
        "largest_national_toll": int(tolls["value"].max()) if len(tolls) else 0,
    }
    events = in_events[
        ["event_id_cnty", "event_date", "event_type", "location", "fatalities", "event_id", "status", "doc_id"]
    ].sort_values(["event_date", "event_id_cnty", "event_id"], ignore_index=True)
    excluded = excluded[["event_id", "row_type", "date_start", "date_end", "kinds", "reason", "doc_id"]]
    return Comparison(ref, table, events, excluded.reset_index(drop=True), exclusion_counts, tolls, facts)


def _killed_in_month(ds: "Dataset", ref: Reference) -> "pd.DataFrame":
    """Killed figures as of a day in the month, vague words included (withdrawn figures left out)."""
    import pandas as pd

    cr = ds.casualty_reports
    keep = cr["measure"].astype(str) == "killed"
    if "status" in cr.columns:
        keep &= cr["status"].astype(str) != "withdrawn"
    as_of = pd.to_datetime(cr["as_of_date"])
    keep &= (as_of >= pd.Timestamp(ref.start)) & (as_of <= pd.Timestamp(ref.end))
    return cr[keep]


def _unlinked_killed(ds: "Dataset", ref: Reference) -> "pd.DataFrame":
    """National death tolls of the month (scope: the whole country) that no events row carries."""
    killed = _killed_in_month(ds, ref)
    national = killed[
        (killed["scope_place_id"].astype(str) == "kz") & killed["event_id"].isna() & killed["value"].notna()
    ]
    out = national[["report_id", "as_of_date", "group", "qualifier", "value", "doc_id"]].copy()
    out["value"] = out["value"].astype("int64")
    return out.sort_values(["as_of_date", "report_id"], ignore_index=True)


def _linked_killed(ds: "Dataset", ref: Reference, event_ids: set[str]) -> int:
    """Killed figures of the month linked to one of our ACLED events' rows (the only ones the export counts)."""
    killed = _killed_in_month(ds, ref)
    return int(killed["event_id"].astype(str).isin(event_ids).sum())
