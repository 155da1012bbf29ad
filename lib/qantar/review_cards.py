"""The review's material: candidate files and their cards, a card's live check, and the review log read back.

Split out of :mod:`qantar.review` (whose :class:`~qantar.review.Session` works on these, and which re-exports
every name).
"""

from __future__ import annotations

import csv
import getpass
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qantar import settings
from qantar.problems import QantarError

if TYPE_CHECKING:  # pragma: no cover - typing only
    from qantar.dataset import Dataset
    from qantar.problems import Problem

TABLES = ("places", "events", "casualty_reports", "reactions")  # the candidate file's keys, in the cards' order
TABLE_TITLES = {
    "places": "Places",
    "events": "Events",
    "casualty_reports": "Casualty figures",
    "reactions": "Reactions",
}
PRIMARY_KEYS = {"places": "place_id", "events": "event_id", "casualty_reports": "report_id", "reactions": "reaction_id"}
# What a card shows in its summary line, per table (the edit form shows every column).
SUMMARY_FIELDS = {
    "places": ("name", "kind", "geonames_id", "country_code"),
    "events": ("date_start", "event_type", "sub_event_type", "event_kind", "place_id"),
    "casualty_reports": ("measure", "qualifier", "value", "group", "as_of_date", "stated_by", "status"),
    "reactions": ("actor", "actor_kind", "channel", "stance", "cameo_code", "date_start"),
}
# Fields of a candidate that are the extractor's, not the table's.
EXTRACTION_FIELDS = (
    "candidate_id",
    "start",
    "end",
    "rule",
    "confidence",
    "review_notes",
    "duplicate_of",
    "decision",
    "reason",
)
REJECT_REASONS = (
    "not about the January 2022 unrest",
    "not what the text says",
    "wrong place",
    "already recorded (duplicate)",
    "background, not an event",
    "not a fact (opinion or rumour)",
)
STATES = ("open", "accepted", "edited", "rejected")  # a card's state; the last three are workflow.DECISIONS
# The keys the app answers (the help panel lists them; the browser maps each keydown to one of these).
KEYS = {
    "j": "next card",
    "ArrowDown": "next card",
    "k": "previous card",
    "ArrowUp": "previous card",
    "a": "accept the card as proposed",
    "e": "edit the card (Enter accepts the edited card)",
    "r": "reject the card, with a reason (Enter rejects)",
    "A": "accept every open place at least {threshold:.0%} sure (shift+A)",
    "Escape": "close the form",
    "?": "show or hide this help",
}


def reviewer_name(env: dict[str, str] | None = None) -> str:
    """The reviewer written with every decision: ``QANTAR_REVIEWER``, else the login name."""
    given = (os.environ if env is None else env).get(settings.REVIEWER_ENV, "").strip()
    if given:
        return given
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "unknown"


@lru_cache(maxsize=4)
def _descriptor(data_dir: Path) -> dict[str, Any]:
    return json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))


def schema_fields(table: str, data_dir: Path | None = None) -> list[dict[str, Any]]:
    """The table's field definitions from the data package (``data/datapackage.json``)."""
    desc = _descriptor(settings.data_dir(data_dir))
    res = next((r for r in desc["resources"] if r["name"] == table), None)
    if res is None:
        raise QantarError(f"datapackage.json has no resource {table!r}")
    return list(res["schema"]["fields"])


def vocabularies(table: str, data_dir: Path | None = None) -> dict[str, list[str]]:
    """The project's vocabularies for a table: each coded column's enum from the data package, as strings."""
    return {
        f["name"]: [str(v) for v in f["constraints"]["enum"]]
        for f in schema_fields(table, data_dir)
        if "enum" in f.get("constraints", {})
    }


# --- candidates ------------------------------------------------------------------------------------------------


def read_candidate_file(path: Path) -> dict[str, list[dict[str, Any]]]:
    """A candidate file (``qantar extract --format json``): one key per table, each a list of objects; or refuse."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise QantarError(f"--candidates {path}: no such file") from None
    except UnicodeDecodeError:
        raise QantarError(f"--candidates {path}: not UTF-8 text") from None
    except ValueError as exc:
        raise QantarError(f"--candidates {path}: not JSON ({exc})") from None
    problems = []
    if not isinstance(raw, dict):
        raise QantarError(f"--candidates {path}: not a candidate file (an object with keys {', '.join(TABLES)})")
    unknown = sorted(set(raw) - set(TABLES))
    if unknown:
        problems.append(f"unknown keys {', '.join(unknown)} (a candidate file has {', '.join(TABLES)})")
    for table in TABLES:
        items = raw.get(table, [])
        if not isinstance(items, list):
            problems.append(f"{table}: not a list")
            continue
        for i, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                problems.append(f"{table}[{i}]: not an object")
            elif not all(isinstance(item.get(k), int) for k in ("start", "end")):
                problems.append(f"{table}[{i}]: start and end must be whole numbers (offsets into the text)")
    if problems:
        raise QantarError(f"--candidates {path}: " + "; ".join(problems))
    return {table: list(raw.get(table, [])) for table in TABLES}


def document(doc_id: str, data_dir: Path | None = None, texts_dir: Path | None = None) -> tuple[str, date]:
    """A registered document's text (from the texts folder) and publication date (from sources.csv)."""
    register = settings.register_path(data_dir)
    with register.open(newline="", encoding="utf-8") as fh:
        row = next((r for r in csv.DictReader(fh) if r.get("doc_id") == doc_id), None)
    if row is None:
        raise QantarError(f"{doc_id!r} is not in {register}: register the text first (`qantar add-text`)")
    folder = settings.texts_dir(texts_dir)
    if folder is None:
        raise QantarError(f"no texts folder: set {settings.TEXTS_ENV} or pass --texts-dir (the text of {doc_id})")
    path = folder / f"{doc_id}.txt"
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except FileNotFoundError:
        raise QantarError(f"the text of {doc_id} is not in {folder} ({path.name} not found)") from None
    except UnicodeDecodeError:
        raise QantarError(f"{path}: not UTF-8 text") from None
    digest = hashlib.sha256(raw).hexdigest()
    if row.get("sha256") and digest != row["sha256"]:
        # Every accept would be refused (the validator checks the hash): say so before anyone reviews.
        raise QantarError(
            f"{path}: changed since it was registered: it hashes to {digest[:16]}…, {register.name} (doc_id "
            f"{doc_id}, column sha256) says {row['sha256'][:16]}…. Texts are never edited: restore the original, or "
            "register the new version with `qantar add-text` (it gets an id of its own)"
        )
    try:
        published = date.fromisoformat(row.get("published_date") or "")
    except ValueError:
        raise QantarError(
            f"{register}, doc_id {doc_id}: published_date {row.get('published_date')!r} is not a date"
        ) from None
    return text, published


def candidates_for(
    doc_id: str,
    candidates_path: Path | None = None,
    data_dir: Path | None = None,
    texts_dir: Path | None = None,
    dataset: "Dataset | None" = None,
) -> tuple[str, dict[str, list[dict[str, Any]]]]:
    """The document's text and its candidates: from ``candidates_path`` when given, else from the extractor."""
    text, published = document(doc_id, data_dir, texts_dir)
    if candidates_path is not None:
        found = read_candidate_file(candidates_path)
        other = sorted(
            {str(c["doc_id"]) for t in TABLES for c in found[t] if c.get("doc_id") not in (None, "", doc_id)}
        )
        if other:
            raise QantarError(f"--candidates {candidates_path}: candidates of {', '.join(other)}, not of {doc_id}")
        # `qantar extract PATH` names no document: reviewed under doc_id, they are its (as `accept --doc-id` does).
        found = {t: [{**c, "doc_id": c.get("doc_id") or doc_id} for c in found[t]] for t in TABLES}
    else:
        from qantar.extract import extract

        found = extract(text, published, doc_id, dataset)
    return text, found


# --- cards -----------------------------------------------------------------------------------------------------


@dataclass
class Card:
    """One candidate under review: what was proposed, the row as edited, its state, and what the validator says."""

    table: str
    candidate: dict[str, Any]
    row: dict[str, Any]
    index: int = 0  # position in the session's list (the key the page and the keyboard use)
    state: str = "open"  # one of STATES
    reason: str = ""
    record_id: str = ""
    reviewer: str = ""
    problems: list[str] = field(default_factory=list)  # broken rules, each naming the column and the rule
    message: str = ""  # the last thing the app told the reviewer about this card
    shown_at: float | None = None  # when the card last became the current one (for seconds taken)

    @property
    def candidate_id(self) -> str:
        """The candidate's id in its file (``places:3``)."""
        return str(self.candidate.get("candidate_id", ""))

    @property
    def confidence(self) -> float:
        """The extractor's confidence, 0-1 (0 when the file gives none)."""
        try:
            return float(self.candidate.get("confidence") or 0.0)
        except (TypeError, ValueError):
            return 0.0

    @property
    def decided(self) -> bool:
        """True once accepted, edited or rejected."""
        return self.state != "open"

    @property
    def edited(self) -> bool:
        """True when a column differs from the proposal."""
        return any(_text(self.row.get(k)) != _text(self.candidate.get(k)) for k in self.row)

    def changes(self) -> dict[str, tuple[str, str]]:
        """Columns changed by the reviewer: name -> (proposed, now)."""
        return {
            k: (_text(self.candidate.get(k)), _text(v))
            for k, v in self.row.items()
            if _text(v) != _text(self.candidate.get(k))
        }


def _text(value: Any) -> str:
    """A cell as the CSV holds it ('' for None; whole floats without .0; booleans as true/false)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def make_cards(candidates: dict[str, list[dict[str, Any]]], data_dir: Path | None = None) -> list[Card]:
    """One card per candidate, grouped by table in the file's order; each row holds the table's columns."""
    cards: list[Card] = []
    for table in TABLES:
        names = [f["name"] for f in schema_fields(table, data_dir)]
        for i, cand in enumerate(candidates.get(table, []), start=1):
            cand = dict(cand)
            cand.setdefault("candidate_id", f"{table}:{i}")
            row = {name: _text(cand.get(name)) for name in names}
            cards.append(Card(table, cand, row, index=len(cards)))
    return cards


# --- validation ------------------------------------------------------------------------------------------------


class Checker:
    """Checks one card's row with the dataset's own validator, on a scratch copy of the tables holding that row.

    The scratch copy is refreshed when a table of the dataset changes (an accept wrote a row), so a card is
    checked against the dataset as it is now. Only the problems of the card's own row are the card's.
    """

    def __init__(self, data_dir: Path | None = None, texts_dir: Path | None = None):
        self.data_dir = settings.data_dir(data_dir)
        self.texts_dir = settings.texts_dir(texts_dir)
        self._scratch = Path(tempfile.mkdtemp(prefix="qantar-review-"))
        self._stamp: tuple[Any, ...] | None = None
        self._tables: dict[str, tuple[list[str], list[dict[str, str]]]] = {}

    def close(self) -> None:
        """Remove the scratch copy."""
        shutil.rmtree(self._scratch, ignore_errors=True)

    def _paths(self) -> dict[str, str]:
        return {r["name"]: r["path"] for r in _descriptor.__wrapped__(self.data_dir)["resources"]}

    def _refresh(self) -> None:
        paths = self._paths()
        files = ["datapackage.json", *paths.values()]
        stamp = tuple((f, (self.data_dir / f).stat().st_mtime_ns) for f in files if (self.data_dir / f).is_file())
        if stamp == self._stamp:
            return
        for f in files:
            src = self.data_dir / f
            if src.is_file():
                shutil.copyfile(src, self._scratch / f)
        self._tables = {}
        for name, path in paths.items():
            with (self._scratch / path).open(newline="", encoding="utf-8") as fh:
                reader = csv.DictReader(fh)
                self._tables[name] = (list(reader.fieldnames or []), list(reader))
        self._stamp = stamp

    def table(self, name: str) -> list[dict[str, str]]:
        """The dataset's rows of a table as they are now."""
        self._refresh()
        return self._tables.get(name, ([], []))[1]

    def check(self, card: Card) -> list[str]:
        """The rules the card's row would break if accepted now: '<column>: <rule>' each (empty: it may be accepted)."""
        from qantar.tables import write_rows
        from qantar.validation import validate

        self._refresh()
        duplicate = _text(card.candidate.get("duplicate_of"))
        if duplicate:  # accepted as a citation of the existing row
            target, row = (
                "citations",
                {
                    "citation_id": "",
                    "table": card.table,
                    "record_id": duplicate,
                    "doc_id": card.row.get("doc_id", ""),
                    "evidence": card.row.get("evidence", ""),
                    "note": "",
                },
            )
            existing = {r.get(PRIMARY_KEYS[card.table]) for r in self.table(card.table)}
            missing = [] if duplicate in existing else [f"duplicate_of: {duplicate} is not a row of {card.table}"]
        else:
            target, row, missing = card.table, dict(card.row), []
            if card.table == "places" and not _text(row.get("place_id")):
                from qantar.workflow import slug

                # accept names a new place by its name (workflow.slug) and refuses a name already taken
                pid = slug(_text(row.get("name")) or card.candidate_id)
                if pid in {r.get("place_id") for r in self.table("places")}:
                    missing.append(
                        f"place_id: place {pid} exists: set duplicate_of to cite it, or give another place_id"
                    )
        header, rows = self._tables[target]
        row = provisional(target, row, rows)
        paths = self._paths()
        path = self._scratch / paths[target]
        write_rows(path, header, [*rows, row], safe=False)
        try:
            report = validate(self._scratch, self.texts_dir)
        finally:
            write_rows(path, header, rows, safe=False)
        mine = [p for p in report.problems if p.file == paths[target] and p.row == len(rows) + 1]
        return missing + [_problem_text(p) for p in mine]


def _problem_text(p: "Problem") -> str:
    """A problem of the card's row, without the scratch file's row number (the row does not exist yet)."""
    shown = "" if p.value is None else f" (value {p.value if len(p.value) <= 60 else p.value[:57] + '...'!r})"
    return f"{p.column or 'row'}: {p.rule}{shown}"


def provisional(table: str, row: dict[str, Any], rows: list[dict[str, str]]) -> dict[str, str]:
    """The row as ``accept`` would write it, for checking: a free id where none is given, derived columns filled."""
    out = {k: _text(v) for k, v in row.items()}
    key = PRIMARY_KEYS.get(table, "citation_id")
    if not out.get(key):
        out[key] = _free_id(table, out, rows, key)
    if table == "events" and not out.get("happening_id"):
        out["happening_id"] = "new_happening"  # accept gives an event without a hint a new happening
    from qantar.workflow import fill_derived

    fill_derived(table, out)  # low/high, cameo_label: what accept derives, derived the same way
    return out


def _free_id(table: str, row: dict[str, str], rows: list[dict[str, str]], key: str) -> str:
    taken = {r.get(key, "") for r in rows}
    if table == "places":
        from qantar.workflow import slug

        base = slug(row.get("name") or "place")
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}_{n}", n + 1
        return candidate
    prefix = {"events": "ev", "casualty_reports": "cr", "reactions": "re", "citations": "ci"}[table]
    numbers = [int(m.group(1)) for v in taken if (m := re.fullmatch(rf"{prefix}([0-9]+)", v or ""))]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


# --- the review log --------------------------------------------------------------------------------------------


def review_log_path(data_dir: Path | None = None) -> Path:
    """Where decisions are logged: the data package's ``review_log`` resource (``review_log.csv`` by default)."""
    ddir = settings.data_dir(data_dir)
    try:
        desc = _descriptor.__wrapped__(ddir)
    except (OSError, ValueError):
        desc = {}
    res = next((r for r in desc.get("resources", []) if r.get("name") == "review_log"), None)
    return ddir / (res["path"] if res else "review_log.csv")


def logged_decisions(doc_id: str, data_dir: Path | None = None) -> dict[tuple[str, str], dict[str, str]]:
    """The last logged decision per (table, candidate_id) of a document (an empty dict before any)."""
    path = review_log_path(data_dir)
    if not path.is_file():
        return {}
    out: dict[tuple[str, str], dict[str, str]] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row.get("doc_id") == doc_id:
                out[(row.get("table", ""), row.get("candidate_id", ""))] = row
    return out
