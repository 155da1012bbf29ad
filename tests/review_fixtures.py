"""A document of our own for the review app's tests, its candidates, and a recording stand-in for the workflow.

The text is written for these tests in the style of a wire report (no source text is copied). It is
registered in a copy of the dataset; the candidates are built from its offsets, so every evidence snippet is
verbatim. ``install_fake_workflow`` stands in for ``qantar.workflow.accept_one`` and ``log_decision`` until
the workflow's own functions exist: each call is recorded in ``calls.jsonl`` and decisions are appended to the
data folder's ``review_log.csv`` with the columns of :class:`qantar.workflow.Decision`.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

DOC_ID = "900_" + "0123456789abcdef"
PUBLISHED = "2022-01-07"
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


def candidates() -> dict[str, list[dict[str, Any]]]:
    """A candidate file for TEXT: valid, invalid, duplicate and low-confidence candidates of every table."""

    def at(needle: str, **row: Any) -> dict[str, Any]:
        start, end, evidence = sentence(needle)
        return {**row, "doc_id": DOC_ID, "evidence": evidence, "start": start, "end": end}

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
                sub_event_type="Peaceful protest",
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


def register(data_src: Path, folder: Path) -> tuple[Path, Path]:
    """A copy of the dataset with TEXT registered, and a texts folder holding it: (data, texts)."""
    data, texts = folder / "data", folder / "texts"
    shutil.copytree(data_src, data, ignore=shutil.ignore_patterns("geo"))
    texts.mkdir()
    (texts / f"{DOC_ID}.txt").write_text(TEXT, encoding="utf-8", newline="")
    digest = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    with (data / "sources.csv").open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        header, rows = list(reader.fieldnames or []), list(reader)
    rows.append(
        {
            "doc_id": DOC_ID,
            "sha256": digest,
            "n_chars": str(len(TEXT)),
            "outlet": "Test Wire",
            "outlet_basis": "Written for the review app's tests.",
            "published_date": PUBLISHED,
            "published_date_basis": "stated",
            "language": "en",
            "translation_note": "",
            "headline": "Test report",
        }
    )
    with (data / "sources.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return data, texts


def write_candidates(folder: Path) -> Path:
    """The candidate file, written to ``folder``."""
    path = folder / "candidates.json"
    path.write_text(json.dumps(candidates(), indent=1), encoding="utf-8")
    return path


# --- a stand-in for the workflow's per-card functions ----------------------------------------------------------


def _record(data_dir: Path, entry: dict[str, Any]) -> None:
    with (Path(data_dir) / "calls.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, default=str) + "\n")


def fake_accept_one(candidate: dict[str, Any], decision: Any, reviewer: str, data_dir=None, texts_dir=None):  # noqa: ANN001
    """Record the call and log the decision as the real accept_one does; a new id per row, or a citation."""
    from qantar import settings, workflow

    data_dir = settings.data_dir(data_dir)
    word = decision.decision
    logged = dataclasses.asdict(decision)
    _record(
        data_dir,
        {"call": "accept_one", "candidate": candidate, "decision": word, "reviewer": reviewer, "logged": logged},
    )
    if candidate.get("duplicate_of"):
        result = workflow.AcceptResult(citations=["ci900"])
    else:
        n = sum(1 for _ in (data_dir / "calls.jsonl").open(encoding="utf-8"))
        result = workflow.AcceptResult(new_rows={str(candidate.get("table", "")): [f"new{n:03d}"]})
    record = (result.citations or [rid for ids in result.new_rows.values() for rid in ids])[0]
    _append_log(data_dir, {**logged, "record_id": record})
    return result


def _append_log(data_dir: Path, row: dict[str, Any]) -> None:
    """Append a decision to review_log.csv under the file's own header (the data package's columns)."""
    path = data_dir / "review_log.csv"
    new = not path.exists() or not path.read_text(encoding="utf-8").strip()
    header = list(row) if new else next(csv.reader(path.open(encoding="utf-8")))
    row = {k: row.get(k, "") for k in header}
    with path.open("w" if new else "a", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        if new:
            writer.writeheader()
        writer.writerow(row)
        fh.flush()


def fake_log_decision(decision: Any, data_dir=None) -> None:  # noqa: ANN001
    """Record the call and append the decision to review_log.csv (Decision's fields as columns)."""
    from qantar import settings

    data_dir = settings.data_dir(data_dir)
    row = dataclasses.asdict(decision)
    _record(data_dir, {"call": "log_decision", "decision": row})
    _append_log(data_dir, row)


def install_fake_workflow() -> bool:
    """Put the stand-ins into qantar.workflow where its own per-card functions are missing; True if installed."""
    from qantar import workflow

    workflow.accept_one = fake_accept_one
    workflow.log_decision = fake_log_decision
    return True


def calls(data_dir: Path) -> list[dict[str, Any]]:
    """Every recorded call, in order."""
    path = Path(data_dir) / "calls.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
