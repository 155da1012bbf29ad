"""A document of our own for the review app's tests, registered in a copy of the dataset, and its candidates.

The text is written for these tests in the style of a wire report (no source text is copied). It is
registered with the workflow's own ``register_text`` (what ``qantar add-text`` runs) in a temporary copy of the
data package and a temporary texts folder; the candidates are built from its offsets, so every evidence snippet is
verbatim. Decisions go through the real ``qantar.workflow``: tests read the CSVs and the review log on disk.
"""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

PUBLISHED = date(2022, 1, 7)
TEXT = (
    "ALMATY, Jan 7 (Test Wire) - Security forces said on Friday that at least 26 armed criminals "
    "had been killed in clashes in Almaty.\n\n"
    "The interior ministry said more than 3,000 people had been detained across the country since the "
    "unrest began.\n\n"
    "In Kokshetau, hundreds of people gathered outside the regional administration on Wednesday. "
    "Protesters also gathered in Taraz.\n\n"
    "Russian President Vladimir Putin spoke by phone with President Kassym-Jomart Tokayev on Thursday, "
    'the Kremlin said. <script>alert(1)</script> & "quoted"\n'
)


def sentence(needle: str) -> tuple[int, int, str]:
    """Start and end of ``needle`` in TEXT and the sentence around it (the evidence, verbatim)."""
    start = TEXT.index(needle)
    a = max(TEXT.rfind("\n", 0, start), TEXT.rfind(". ", 0, start) + 1, 0)
    b = min(x for x in (TEXT.find(".", start), len(TEXT)) if x >= 0)
    return start, start + len(needle), TEXT[a:b].strip()


def candidates(doc_id: str) -> dict[str, list[dict[str, Any]]]:
    """A candidate file for TEXT registered as ``doc_id``: valid, invalid, duplicate and low-confidence candidates."""

    def at(needle: str, **row: Any) -> dict[str, Any]:
        start, end, evidence = sentence(needle)
        return {**row, "doc_id": doc_id, "evidence": evidence, "start": start, "end": end}

    return {
        "places": [
            at(
                "Kokshetau",
                kind="city",
                name="Kokshetau",
                name_jan2022="Kokshetau",
                name_current="Kokshetau",
                geonames_id=1524325,
                latitude=53.28,
                longitude=69.39,
                country_code="KZ",
                rule="places.gazetteer_city",
                confidence=0.95,
                candidate_id="places:1",
            ),
            at(
                "Taraz",
                kind="city",
                name="Taraz",
                name_jan2022="Taraz",
                name_current="Taraz",
                geonames_id=1516905,
                latitude=42.9,
                longitude=71.36667,
                country_code="KZ",
                duplicate_of="taraz",
                rule="places.gazetteer_city",
                confidence=0.97,
                candidate_id="places:2",
            ),
            at(
                "Almaty",
                kind="city",
                name="Almaty",
                name_jan2022="Almaty",
                name_current="Almaty",
                rule="places.gazetteer_city",
                confidence=0.6,
                candidate_id="places:3",
                review_notes="no coordinates: the gazetteer had two matches",
            ),
        ],
        "events": [
            at(
                "hundreds of people gathered",
                happening_id="",
                date_start="2022-01-05",
                date_end="2022-01-05",
                date_precision="day",
                date_basis="weekday_resolved",
                place_id="taraz",
                geo_precision=1,
                event_type="Protests",
                sub_event_type="Protest with intervention",  # the text says no such thing: the reviewer changes it
                event_kind="protest",
                background="false",
                description="Crowd gathered outside the regional administration.",
                rule="events.gathered_crowd",
                confidence=0.7,
                candidate_id="events:1",
            )
        ],
        "casualty_reports": [
            at(
                "at least 26 armed criminals",
                reported_date="2022-01-07",
                reported_date_basis="weekday_resolved",
                as_of_date="2022-01-07",
                as_of_precision="day",
                period="cumulative",
                scope_place_id="almaty",
                group="armed_criminals",
                measure="killed",
                qualifier="at_least",
                value=26,
                stated_by="authorities",
                rule="figures.killed_number_phrase",
                confidence=0.85,
                candidate_id="casualty_reports:1",
            ),
            at(
                "more than 3,000 people",
                reported_date="2022-01-07",
                reported_date_basis="document_date",
                as_of_date="2022-01-07",
                as_of_precision="day",
                period="cumulative",
                scope_place_id="kz",
                group="unspecified",
                measure="detained",
                qualifier="more_than",
                value="",  # the rule missed the number: a card that breaks a rule until edited
                stated_by="interior_ministry",
                rule="figures.detained_number_phrase",
                confidence=0.8,
                candidate_id="casualty_reports:2",
            ),
        ],
        "reactions": [
            at(
                "spoke by phone",
                date_start="2022-01-06",
                date_end="2022-01-06",
                date_precision="day",
                date_basis="weekday_resolved",
                actor="Vladimir Putin",
                actor_role="President of Russia",
                actor_kind="foreign_government",
                actor_for="ru",
                channel="phone_call",
                counterpart="Kassym-Jomart Tokayev",
                counterpart_for="kz",
                stance="support_government",
                cameo_code="041",
                summary="Phone call with Tokayev.",
                rule="reactions.phone_call",
                confidence=0.75,
                candidate_id="reactions:1",
            )
        ],
    }


def copy_data(data_src: Path, folder: Path) -> tuple[Path, Path]:
    """A private copy of the data package (without the bulky gazetteer folder) and an empty texts folder."""
    data, texts = folder / "data", folder / "texts"
    shutil.copytree(data_src, data, ignore=shutil.ignore_patterns("geo"))
    texts.mkdir()
    return data, texts


def write_text(folder: Path) -> Path:
    """TEXT as a UTF-8 file a person would register (``report.txt`` in ``folder``)."""
    path = folder / "report.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    return path


def register(data_src: Path, folder: Path) -> tuple[Path, Path, str]:
    """A copy of the dataset with TEXT registered by the workflow (as ``qantar add-text`` does): (data, texts, id)."""
    from qantar.workflow import register_text

    data, texts = copy_data(data_src, folder)
    doc_id = register_text(
        write_text(folder), PUBLISHED, outlet="Test Wire", title="Test report", data_dir=data, texts_dir=texts
    )
    return data, texts, doc_id


def write_candidates(folder: Path, doc_id: str) -> Path:
    """The candidate file of ``doc_id``, written to ``folder``."""
    path = folder / "candidates.json"
    path.write_text(json.dumps(candidates(doc_id), indent=1), encoding="utf-8")
    return path


def rows(data: Path, table: str) -> list[dict[str, str]]:
    """A table of the data folder as it is on disk now."""
    with (Path(data) / f"{table}.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def decisions(data: Path, doc_id: str) -> dict[str, dict[str, str]]:
    """The review log's rows of ``doc_id`` on disk, by candidate id."""
    return {r["candidate_id"]: r for r in rows(data, "review_log") if r["doc_id"] == doc_id}


def vocabulary(table: str, column: str, data: Path) -> list[str]:
    """A coded column's choices as the data package declares them."""
    descriptor = json.loads((Path(data) / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in descriptor["resources"] if r["name"] == table)
    return [str(v) for v in next(f for f in res["schema"]["fields"] if f["name"] == column)["constraints"]["enum"]]
