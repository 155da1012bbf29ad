"""ACLED's own country-month totals (the vendored reference) and this record's ACLED export set beside them."""

from __future__ import annotations

import csv
import json
import shutil
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any, Callable

import pytest

from conftest import read_rows, write_rows
from qantar import acled, prose
from qantar import acled_reference as R
from qantar.acled_types import EVENT_TYPES
from qantar.params import Window
from qantar.problems import ParameterError, QantarError

Edit = Callable[[str, Callable[[list[str], list[dict[str, str]]], list[str] | None]], Path]
# Read on 5 December 2026 from sbgraves237/acledr @ f5d1257c200c798b6389d6dc4153a0f710b8411f,
# inst/extdata/acled_aggregated_2021events.csv and ..._2021fat.csv, rows Kazakhstan, 2022-01-01.
VERIFIED = {
    "Battles": (0, 0),
    "Protests": (107, 24),
    "Riots": (9, 184),
    "Explosions/Remote violence": (0, 0),
    "Violence against civilians": (89, 14),
    "Strategic developments": (9, 5),
}


def _reference_copy(tmp_path: Path, edit: Callable[[list[dict[str, str]]], None] | None = None) -> Path:
    """A copy of the reference CSV (and its provenance record) with ``edit`` applied to its rows."""
    header, rows = read_rows(R.REFERENCE_CSV)
    if edit:
        edit(rows)
    path = tmp_path / R.REFERENCE_CSV.name
    write_rows(path, header, rows)
    shutil.copy(R.PROVENANCE_JSON, tmp_path / R.PROVENANCE_JSON.name)
    return path


def _load(path: Path) -> R.Reference:
    return R.load_reference(path, path.with_name(R.PROVENANCE_JSON.name))


def test_the_shipped_reference_holds_the_verified_numbers() -> None:
    ref = R.load_reference()
    assert (ref.country, ref.month, ref.start, ref.end) == (
        "Kazakhstan",
        date(2022, 1, 1),
        date(2022, 1, 1),
        date(2022, 1, 31),
    )
    got = {r.event_type: (r.events, r.fatalities) for r in ref.table.itertuples()}
    assert got == VERIFIED and list(got) == list(EVENT_TYPES)
    assert (ref.total_events, ref.total_fatalities) == (214, 227)
    assert ref.provenance["read_from"]["commit"] == "f5d1257c200c798b6389d6dc4153a0f710b8411f"


def _set(event_type: str, column: str, value: str) -> Callable[[list[dict[str, str]]], None]:
    def edit(rows: list[dict[str, str]]) -> None:
        next(r for r in rows if r["event_type"] == event_type)[column] = value

    return edit


@pytest.mark.parametrize(
    "edit,fragments",
    [
        (_set(R.TOTAL, "events", "215"), ["column events", "'215'", "does not equal the sum of the types (214)"]),
        (_set(R.TOTAL, "fatalities", "226"), ["column fatalities", "(227)"]),
        (_set("Riots", "event_type", "Riot"), ["row 4", "column event_type", "'Riot'", "not an ACLED event type"]),
        (_set("Protests", "events", "-107"), ["row 3", "column events", "'-107'", "whole number of 0 or more"]),
        (_set("Protests", "fatalities", "24.5"), ["row 3", "column fatalities", "whole number"]),
        (_set("Riots", "event_type", "Protests"), ["row 4", "'Protests'", "appears twice"]),
        (lambda rows: rows.pop(), ["no total row"]),
        (lambda rows: rows.pop(0), ["no row for Battles"]),
        (_set("Battles", "month", "2022-02"), ["one country and one month only"]),
    ],
    ids=[
        "total-events",
        "total-fatalities",
        "type-name",
        "negative",
        "fraction",
        "duplicate",
        "no-total",
        "no-type",
        "months",
    ],
)
def test_a_tampered_reference_is_refused(tmp_path: Path, edit, fragments: list[str]) -> None:
    path = _reference_copy(tmp_path, edit)
    with pytest.raises(QantarError) as err:
        _load(path)
    message = str(err.value)
    assert R.REFERENCE_CSV.name in message
    for fragment in fragments:
        assert fragment in message, message


def test_a_provenance_record_without_its_commit_is_refused(tmp_path: Path) -> None:
    path = _reference_copy(tmp_path)
    record = json.loads(R.PROVENANCE_JSON.read_text(encoding="utf-8"))
    del record["read_from"]["commit"]
    path.with_name(R.PROVENANCE_JSON.name).write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(QantarError, match=r"read_from\.commit.*missing"):
        _load(path)


def test_the_window_must_be_the_reference_month() -> None:
    from qantar.notebook import setup
    from qantar.params import spec

    namespace = {p.name: p.default for p in spec("06_acled_comparison")}
    assert setup("06_acled_comparison", namespace).window == Window(date(2022, 1, 1), date(2022, 1, 31))
    with pytest.raises(ParameterError) as err:
        setup("06_acled_comparison", {**namespace, "start_date": "2022-01-02", "end_date": "2022-01-10"})
    assert (
        "'start_date'" in str(err.value)
        and "2022-01-02" in str(err.value)
        and "2022-01-01 to 2022-01-31" in str(err.value)
    )


def test_exclusion_kinds_read_the_exports_reasons() -> None:
    reason = (
        "no actor1: every ACLED event names Actor 1; located only to the whole country and not a national authority's"
    )
    assert R.exclusion_kinds(reason) == ["country_level", "no_actor"]
    assert R.exclusion_kinds("located only to area 'Western Kazakhstan': no town is named") == ["no_town"]
    assert R.exclusion_kinds("commemoration: not a political-violence event") == [R.OTHER_EXCLUSION]


# ---------------------------------------------------------------- the comparison, counted again


def _counted_again(ds: Any, ref: R.Reference) -> tuple[Counter, Counter, int, int]:
    """Per type, our ACLED events and their fatalities in the month, counted in plain Python from acled.build."""
    rows, side = acled.build(ds, 0)
    month = [r for r in rows if r["country"] == ref.country and r["event_date"].startswith(f"{ref.month:%Y-%m}")]
    events = Counter(r["event_type"] for r in month)
    fatalities: Counter = Counter()
    for r in month:
        fatalities[r["event_type"]] += r["fatalities"]
    cnty = {r["event_id_cnty"] for r in month}
    in_events = sum(1 for s in side if s["status"] != "excluded" and s["event_id_cnty"] in cnty)
    return events, fatalities, in_events, len(month)


def test_the_comparison_counts_our_export_per_type(dataset: Any) -> None:
    ref = R.load_reference()
    cmp = R.compare(dataset, ref)
    events, fatalities, in_events, n = _counted_again(dataset, ref)
    table = cmp.table.set_index("event_type")
    assert list(table.index) == list(EVENT_TYPES)
    for t in EVENT_TYPES:
        assert table.loc[t, "our_events"] == events.get(t, 0), t
        assert table.loc[t, "our_fatalities"] == fatalities.get(t, 0), t
        assert (table.loc[t, "acled_events"], table.loc[t, "acled_fatalities"]) == VERIFIED[t]
    assert cmp.ours_total == n and cmp.facts["rows_in_events"] == in_events
    assert len(cmp.events) == in_events and set(cmp.events["event_id_cnty"]) <= {f"KAZQ{i:03d}" for i in range(1000)}
    with R.REFERENCE_CSV.open(newline="", encoding="utf-8") as fh:
        (total,) = [r for r in csv.DictReader(fh) if r["event_type"] == R.TOTAL]
    assert int(table["acled_events"].sum()) == int(total["events"])


def test_the_comparison_follows_the_data_and_the_reference(edit_table: Edit, tmp_path: Path) -> None:
    """Move the one Violence against civilians row out of January, and give ACLED five battles: both show."""
    from qantar import load

    def to_february(header: list[str], rows: list[dict[str, str]]) -> None:
        row = next(r for r in rows if r["event_type"] == "Violence against civilians")
        row["date_start"], row["date_end"] = "2022-02-01", "2022-02-28"

    def five_battles(rows: list[dict[str, str]]) -> None:
        for r in rows:
            if r["event_type"] in ("Battles", R.TOTAL):
                r["events"] = str(int(r["events"]) + 5)

    ds = load(edit_table("events.csv", to_february))
    (tmp_path / "ref").mkdir()
    ref = _load(_reference_copy(tmp_path / "ref", five_battles))
    cmp = R.compare(ds, ref)
    table = cmp.table.set_index("event_type")
    assert table.loc["Violence against civilians", "our_events"] == 0
    assert table.loc["Battles", "acled_events"] == 5 and ref.total_events == 219
    events, _, _, n = _counted_again(ds, ref)
    assert cmp.ours_total == n and "Violence against civilians" not in events
    can = " ".join(prose.acled_can_conclude(cmp))
    assert "That this record codes no Violence against civilians event, where ACLED counts 89." in can
    assert "Battles event where ACLED counts none" not in can
    assert prose.acled_findings(cmp)[0].startswith("ACLED counts 219 events in Kazakhstan in January 2022;")
