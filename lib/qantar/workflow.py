"""From a new text to cited records: register a text, accept reviewed candidates, log every decision (issue 18).

The interface ``qantar add-text``, ``qantar accept`` and the review app share. A person decides every
candidate; nothing here decides for them. Every write is all or nothing:

- one writer at a time: a lock file in the data folder (``fcntl.flock``); a second writer waits
  :data:`~qantar.settings.LOCK_WAIT_S` seconds, then is refused with a message. Each writer re-reads the
  tables under the lock, so ids never collide;
- nothing is written before the result passes the same validator as ``qantar validate`` (on a staged copy);
- a write that changes several files writes each to a temporary file beside it, records the renames in a
  journal, then renames them all. A crash between renames leaves the journal: ``qantar validate`` reports
  it, and the next add-text, accept or ``qantar recover`` finishes the renames (roll forward).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from qantar import atomic, contract, settings
from qantar.problems import QantarError
from qantar.tables import read_table, rows_text

DECISIONS = contract.REVIEW_DECISIONS  # review_log.decision: as proposed, changed, refused, by hand
# What a candidate file's "decision" may say, and the review-log word for it (the log's own words are accepted too).
FILE_DECISIONS = {"accept": "accepted", "edit": "edited", "reject": "rejected", "add": "added"}
FILE_DECISIONS.update({d: d for d in DECISIONS})
CANDIDATE_TABLES = contract.RECORD_TABLES  # the candidate file's top-level keys
# Keys of a candidate that are not columns of its table: where and how it was found, and what the reviewer decided.
META_KEYS = frozenset(
    {
        "candidate_id",
        "start",
        "end",
        "rule",
        "confidence",
        "review_notes",
        "notes",
        "decision",
        "reason",
        "duplicate_of",
        "seconds",
    }
)
ID_PREFIXES = {"events": "ev", "casualty_reports": "cr", "reactions": "re", "citations": "ci", "review_log": "lg"}
# Columns that hold the id of another record: a candidate may give a candidate_id of the same file instead.
REFERENCE_COLUMNS = {
    "places": ("parent_id",),
    "events": ("place_id",),
    "casualty_reports": ("scope_place_id", "event_id"),
    "reactions": ("actor_for", "counterpart_for"),
}
DOC_ID = re.compile(r"[0-9]{3}_[0-9a-f]{16}")
_URL = re.compile(contract.URL_PATTERN)
_TMP_TAG = ".wf-"  # temporary files of a workflow write: .<name>.wf-XXXX.tmp beside their target
BINARY_SHARE = 0.10  # a text with more than this share of non-printable characters is refused as binary
# The first bytes of files people save an article as instead of a text (a PDF may hold no NUL byte near its start).
SIGNATURES = {
    b"%PDF-": "binary file: a PDF document",
    b"PK\x03\x04": "binary file: a ZIP archive (a .docx or .odt file is one)",
    b"\xd0\xcf\x11\xe0": "binary file: an old Word or Excel file",
    b"{\\rtf": "an RTF document (text with formatting codes)",
    b"\x89PNG": "binary file: a PNG image",
    b"\xff\xd8\xff": "binary file: a JPEG image",
    b"GIF8": "binary file: a GIF image",
    b"\x1f\x8b": "binary file: a gzip archive",
}
CYRILLIC_SHARE = 0.3  # non-ASCII bytes among a non-UTF-8 text's letters above this: Cyrillic (CP1251), else CP1252


class WorkflowError(QantarError):
    """A refused add-text or accept: the message says why; nothing was written."""


@dataclass(frozen=True)
class CandidateProblem:
    """One broken rule in a candidate file: where (file, table, candidate, column), what value, which rule."""

    file: str
    table: str | None
    candidate_id: str | None
    column: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = self.file
        if self.table:
            where += f", table {self.table}"
        if self.candidate_id:
            where += f", candidate {self.candidate_id!r}"
        if self.column:
            where += f", column '{self.column}'"
        if self.value is not None:
            shown = self.value if len(self.value) <= 80 else self.value[:77] + "..."
            where += f", value {shown!r}"
        return f"{where}: {self.rule}"


class CandidateFileError(WorkflowError):
    """A candidate file that cannot be accepted; carries every problem found (nothing was written)."""

    def __init__(self, problems: list[CandidateProblem]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s); nothing was written:\n{lines}")


@dataclass(frozen=True)
class Decision:
    """One reviewer decision on one candidate (a row of the review log)."""

    doc_id: str
    table: str
    candidate_id: str
    decision: str  # one of DECISIONS
    reviewer: str
    seconds: float
    reason: str = ""  # required for rejected
    record_id: str = ""  # the row written or cited (accepted, edited, added)
    rule: str = ""  # the extractor rule that proposed it ("" for added)


@dataclass
class AcceptResult:
    """What an accept wrote: new rows per table, citations added to existing rows, decisions logged."""

    new_rows: dict[str, list[str]] = field(default_factory=dict)
    citations: list[str] = field(default_factory=list)
    logged: int = 0
    notes: list[str] = field(default_factory=list)  # what accept filled in or left alone, for the person


# ---------------------------------------------------------------------------------------------------------------
# Lock, journal, atomic multi-file commit


@contextlib.contextmanager
def locked(data_dir: Path, wait: float | None = None) -> Iterator[list[str]]:
    """Hold the data folder's writer lock (waiting up to ``wait`` seconds), finishing any interrupted write first.

    Yields the files that interrupted write renamed (usually none).
    """
    wait = settings.LOCK_WAIT_S if wait is None else wait
    path = data_dir / settings.LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
                    raise WorkflowError(
                        f"another add-text or accept is writing to {data_dir} (lock {path.name}"
                        f"{', held by process ' + holder if holder else ''}); waited {wait:g} s: try again when "
                        "it has finished"
                    ) from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield recover(data_dir, _locked=True)
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def recover(data_dir: Path | None = None, _locked: bool = False) -> list[str]:
    """Finish a write interrupted between its renames (roll forward from the journal); the files renamed.

    Temporary files of a write that stopped before its journal was written are removed: that write never began.
    """
    ddir = settings.data_dir(data_dir)
    if not _locked:
        with locked(ddir) as done:
            return done
    journal = ddir / settings.JOURNAL_NAME
    done: list[str] = []
    if journal.exists():
        entries = json.loads(journal.read_text(encoding="utf-8"))["renames"]
        for tmp, final in entries:
            if Path(tmp).exists():
                os.replace(tmp, final)
                done.append(final)
        for folder in {Path(final).parent for _, final in entries}:
            atomic.fsync_dir(folder)
        journal.unlink()
        atomic.fsync_dir(ddir)
    for stale in ddir.glob(f".*{_TMP_TAG}*.tmp"):
        stale.unlink(missing_ok=True)
    return done


def _stage_file(final: Path, data: bytes) -> Path:
    """Write ``data`` to a synced temporary file beside ``final`` with the mode ``final`` has or would get."""
    return atomic.stage(final, lambda tmp: tmp.write_bytes(data), sync=True, tag=_TMP_TAG)


def _rename(tmp: Path, final: Path) -> None:
    """One step of a commit (a function of its own so a test can stop the process between two steps)."""
    os.replace(tmp, final)


def _commit(data_dir: Path, files: dict[Path, bytes]) -> None:
    """Replace every file in ``files`` with its new bytes, all or nothing (under the lock).

    Temporary files first; then the journal of renames (written atomically); then the renames; then the journal
    goes. A crash before the journal leaves only temporary files (removed by :func:`recover`); after it,
    :func:`recover` finishes the renames.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for final, data in files.items():
            staged.append((_stage_file(final, data), final))
        journal = data_dir / settings.JOURNAL_NAME
        body = json.dumps({"renames": [[str(t), str(f)] for t, f in staged]}, indent=1).encode()
        _rename(_stage_file(journal, body), journal)
        atomic.fsync_dir(data_dir)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in staged:
        _rename(tmp, final)
    for folder in {f.parent for _, f in staged}:
        atomic.fsync_dir(folder)
    journal.unlink()
    atomic.fsync_dir(data_dir)


# ---------------------------------------------------------------------------------------------------------------
# Tables


@dataclass
class _Table:
    name: str
    path: Path
    header: list[str]
    rows: list[dict[str, str]]
    fields: list[dict[str, Any]]
    new: list[dict[str, str]] = field(default_factory=list)
    origin: list[str] = field(default_factory=list)  # the candidate_id each new row comes from

    def csv_bytes(self) -> bytes:
        """The table with its new rows, as CSV bytes (values exactly as given: the validator judges them)."""
        # Not neutralised: a cell that starts a formula is refused by the validator rather than silently changed.
        rows = ({k: row.get(k, "") for k in self.header} for row in [*self.rows, *self.new])
        return rows_text(self.header, rows, safe=False).encode("utf-8")


def _descriptor(data_dir: Path) -> dict[str, Any]:
    path = data_dir / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WorkflowError(f"{path}: not found: is {data_dir} a Qantar data folder?") from None
    except ValueError as exc:
        raise WorkflowError(f"{path}: cannot read the descriptor ({exc}); run qantar validate") from None


def _read_tables(data_dir: Path, names: tuple[str, ...]) -> dict[str, _Table]:
    """Read the named tables as the descriptor declares them; an unreadable one stops the write."""
    resources = {r["name"]: r for r in _descriptor(data_dir).get("resources", []) if isinstance(r, dict)}
    out: dict[str, _Table] = {}
    for name in names:
        res = resources.get(name)
        if res is None:
            raise WorkflowError(f"datapackage.json declares no '{name}' table; this data folder predates issue 18")
        path = data_dir / res["path"]
        header, rows, problems, _ = read_table(path, res["path"])
        if problems or not path.is_file():
            detail = "; ".join(map(str, problems)) or "file missing"
            raise WorkflowError(f"{res['path']}: {detail}; run qantar validate")
        out[name] = _Table(name, path, header, rows, res["schema"]["fields"])
    return out


def _next_id(prefix: str, taken: list[str]) -> str:
    numbers = [int(t[len(prefix) :]) for t in taken if t.startswith(prefix) and t[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------------------------------------------------------
# add-text


def check_text(data: bytes, name: str) -> str:
    """The text of a file's bytes, or a WorkflowError saying why it is not a text the kit can register."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise WorkflowError(f"{name}: encoding: the text is UTF-16; save it as UTF-8")
    if not data.strip():
        raise WorkflowError(f"{name}: empty text (no characters, or only whitespace)")
    kind = next((what for magic, what in SIGNATURES.items() if data.startswith(magic)), None)
    if kind:
        raise WorkflowError(f"{name}: {kind}, not a plain text; save the article's text as a UTF-8 .txt file")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise WorkflowError(f"{name}: binary file: NUL byte on line {line}; expected a UTF-8 text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex().upper()
        high = sum(1 for b in data if b >= 0x80)
        letters = high + sum(1 for b in data if 65 <= b <= 90 or 97 <= b <= 122)
        label, code = (
            ("Windows-1251 (Cyrillic)", "CP1251")
            if high > CYRILLIC_SHARE * letters
            else ("Latin-1 or Windows-1252 (Western European)", "CP1252")
        )
        raise WorkflowError(
            f"{name}: encoding: byte 0x{byte} on line {line} is not UTF-8; the text looks like {label}: convert it "
            f"to UTF-8 (iconv -f {code} -t UTF-8 {name} > converted.txt) and use the result"
        ) from None
    if not text.replace("\ufeff", "").strip():
        raise WorkflowError(f"{name}: empty text (only whitespace)")
    odd = sum(1 for c in text if not c.isprintable() and c not in "\n\r\t")
    if odd > BINARY_SHARE * len(text):
        raise WorkflowError(f"{name}: binary file: {odd} of {len(text)} characters are not printable; expected a text")
    return text


def guess_language(text: str) -> str:
    """A crude ISO 639-1 guess from the letters: kk or ru for Cyrillic, en for Latin (the reviewer checks it)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "en"
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff") / len(letters)
    if cyrillic > 0.5:
        return "kk" if any(c in "әғқңөұүһі" for c in text.lower()) else "ru"
    return "en"


def register_text(
    path: Path,
    published: date,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
    data_dir: Path | None = None,
    texts_dir: Path | None = None,
    excerpt: bool = False,
    retrieved: date | None = None,
    today: date | None = None,
    wait: float | None = None,
) -> str:
    """Copy a text into the texts folder under its content-derived doc id and add its sources.csv row; the doc id.

    The text is copied byte for byte and never edited. Refused, with nothing written: a missing, empty, binary
    or non-UTF-8 file; a publication date in the future or before the unrest; a text already registered; a
    changed text under a registered id. ``today`` (default: the system date) bounds the publication date.
    """
    ddir = settings.data_dir(data_dir)
    tdir = settings.texts_dir(texts_dir)
    if tdir is None:
        raise WorkflowError(f"no texts folder: set {settings.TEXTS_ENV} or pass --texts-dir")
    if not tdir.is_dir():
        raise WorkflowError(f"{tdir}: the texts folder does not exist (create it, or set {settings.TEXTS_ENV})")
    path = Path(path)
    try:
        if not path.is_file():
            raise WorkflowError(f"{path}: {'not a regular file' if path.exists() else 'no such file'}")
        data = path.read_bytes()
    except OSError as exc:
        raise WorkflowError(f"{path}: cannot read: {exc.strerror or exc}") from None
    text = check_text(data, str(path))
    today = today or date.today()
    if published > today:
        raise WorkflowError(f"--published {published}: a date in the future (today is {today})")
    if published < settings.UNREST_START:
        raise WorkflowError(
            f"--published {published}: before the events (the unrest began on {settings.UNREST_START}); "
            "a text published earlier cannot report them"
        )
    if retrieved is not None and (retrieved > today or retrieved < published):
        raise WorkflowError(f"--retrieved {retrieved}: must lie between the publication date and today")
    if url is not None and (not _URL.fullmatch(url) or len(url) > 2000):
        raise WorkflowError(f"--url {url!r}: expected an http:// or https:// address without spaces")
    digest = hashlib.sha256(data).hexdigest()
    with locked(ddir, wait):
        table = _read_tables(ddir, ("sources",))["sources"]
        by_sha = {r.get("sha256"): r.get("doc_id") for r in table.rows}
        if digest in by_sha:
            raise WorkflowError(f"{path}: already registered as {by_sha[digest]} (same SHA-256); nothing to do")
        registered = {r.get("doc_id"): r for r in table.rows}
        if path.stem in registered:
            raise WorkflowError(
                f"{path}: a changed text under registered id {path.stem}: it hashes to {digest[:16]}…, the register "
                f"says {str(registered[path.stem].get('sha256'))[:16]}…. Texts are never edited: restore the "
                "original, or register the new version under another file name (it gets an id of its own)"
            )
        stems = [d for d in registered if d and DOC_ID.fullmatch(d)]
        stems += [p.stem for p in tdir.glob("*.txt") if DOC_ID.fullmatch(p.stem)]
        number = max((int(s[:3]) for s in stems), default=-1) + 1
        if number > 999:
            raise WorkflowError("the register is full: doc ids have three digits (000-999)")
        doc_id = f"{number:03d}_{digest[:16]}"
        target = tdir / f"{doc_id}.txt"
        if target.exists():
            raise WorkflowError(f"{target}: already exists in the texts folder but is not registered; remove it first")
        row = {
            "doc_id": doc_id,
            "sha256": digest,
            "n_chars": str(len(text)),
            "outlet": outlet.strip() if outlet else "unknown",
            "outlet_basis": (
                "Given by the person who registered the text (qantar add-text --outlet); not checked against it."
                if outlet
                else "No outlet given at registration; not yet identified."
            ),
            "published_date": published.isoformat(),
            "published_date_basis": "given at registration (qantar add-text --published); check it against the text.",
            "language": guess_language(text),
            "translation_note": "Not assessed at registration.",
            "headline": (title.strip() if title else f"Text registered on {today.isoformat()}; headline to be written"),
            "url": url or "",
            "retrieved": (retrieved or today).isoformat(),
            "excerpt": "true" if excerpt else "false",
        }
        problems = _row_problems(table, row, "sources.csv")
        if problems:
            raise WorkflowError("the sources row would break the schema:\n" + "\n".join(f"  - {p}" for p in problems))
        table.new.append(row)
        _commit(ddir, {target: data, table.path: table.csv_bytes()})
    return doc_id


def _row_problems(table: _Table, row: dict[str, str], fname: str) -> list[str]:
    """The schema problems of one new row (the validator's own field check)."""
    from qantar.validation import _check_field

    out: list = []
    for fdef in table.fields:
        _check_field(fname, len(table.rows) + 1, fdef, row.get(fdef["name"], ""), out)
    return [str(p) for p in out]


# ---------------------------------------------------------------------------------------------------------------
# accept


def _cell(value: Any) -> str | None:
    """A JSON value as a CSV cell (None when it cannot be one)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return value
    return None


def slug(name: str) -> str:
    """A place id from a name: ASCII, lower case, words joined by underscores ("Almaty Region" -> almaty_region)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")[:64]
    return out if out[:1].isalpha() else f"p_{out}"[:64]


def fill_derived(table: str, row: dict[str, str]) -> list[str]:
    """Fill, where left empty, the columns accept derives from others; the names filled.

    A figure's ``low``/``high`` from its qualifier and value (both empty only: given bounds are the reviewer's),
    a reaction's ``cameo_label`` from its code, and a figure's ``status`` as ``stated`` (candidate files written
    before data 0.3.0 have no status; withdrawn and disputed are a reviewer's decision, never a default).
    The review app's live check fills the same (one definition).
    """
    filled: list[str] = []
    if table == "casualty_reports" and not row.get("status"):
        row["status"] = "stated"
        filled.append("status")
    if table == "casualty_reports" and not row.get("low") and not row.get("high"):
        from qantar.qualifiers import NUMERIC, WORD_ONLY, bounds

        q, value = row.get("qualifier", ""), row.get("value", "")
        if q in WORD_ONLY or (q in NUMERIC and re.fullmatch(r"[0-9]{1,18}", value)):
            low, high = bounds(q, int(value) if value else None)
            row["low"], row["high"] = _cell(low), _cell(high)
            filled += [k for k in ("low", "high") if row[k]]
    if table == "reactions" and row.get("cameo_code") and not row.get("cameo_label"):
        from qantar.cameo import cameo_codes

        label = cameo_codes().get(row["cameo_code"], "")
        if label:
            row["cameo_label"] = label
            filled.append("cameo_label")
    return filled


def load_candidates(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Read a candidate file (JSON), or raise a CandidateFileError naming the file and what is wrong with it."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise CandidateFileError(
            [CandidateProblem(name, None, None, None, None, f"cannot read: {exc.strerror}")]
        ) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise CandidateFileError(
            [CandidateProblem(name, None, None, None, None, f"encoding: not UTF-8 (byte {exc.start})")]
        ) from None
    except (ValueError, RecursionError) as exc:
        raise CandidateFileError([CandidateProblem(name, None, None, None, None, f"bad JSON: {exc}")]) from None
    return data


def accept(
    candidates: dict[str, list[dict[str, Any]]],
    reviewer: str,
    data_dir: Path | None = None,
    texts_dir: Path | None = None,
    source: str = "candidate file",
    doc_id: str | None = None,
    wait: float | None = None,
) -> AcceptResult:
    """Write every candidate marked accept/edit as a new row (or a citation of the row it duplicates), log every
    decision, all or nothing; a candidate file with an undecided or invalid candidate is refused whole.

    ``source`` names the file in messages; ``doc_id`` fills the doc_id of candidates that have none.
    """
    ddir = settings.data_dir(data_dir)
    tdir = settings.texts_dir(texts_dir)
    problems: list[CandidateProblem] = []

    def problem(table: str | None, cid: str | None, column: str | None, value: Any, rule: str) -> None:
        problems.append(CandidateProblem(source, table, cid, column, None if value is None else str(value), rule))

    if not isinstance(candidates, dict):
        problem(None, None, None, None, f"expected a JSON object with the keys {', '.join(CANDIDATE_TABLES)}")
        raise CandidateFileError(problems)
    for key in candidates:
        if key not in CANDIDATE_TABLES:
            problem(str(key), None, None, None, f"unknown table key: expected {', '.join(CANDIDATE_TABLES)}")
        elif not isinstance(candidates[key], list):
            problem(key, None, None, None, "expected a list of candidates")
    reviewer = (reviewer or "").strip()
    if not reviewer or len(reviewer) > 80 or not reviewer.isprintable():
        problem(None, None, "reviewer", reviewer, "a reviewer name of 1-80 printable characters is required")
    if tdir is None or not tdir.is_dir():
        problem(
            None,
            None,
            None,
            None,
            f"no texts folder: accept checks every evidence against its text (set {settings.TEXTS_ENV} or pass "
            "--texts-dir)",
        )
    if problems:
        raise CandidateFileError(problems)
    result = AcceptResult()
    with locked(ddir, wait):
        names = ("sources", *CANDIDATE_TABLES, "citations", "review_log")
        tables = _read_tables(ddir, names)
        registered = {r["doc_id"] for r in tables["sources"].rows}
        logged = {(r["doc_id"], r["candidate_id"]): r for r in tables["review_log"].rows}
        ids = {t: [r[contract.PRIMARY_KEYS[t]] for r in tables[t].rows] for t in names}
        existing = {t: set(v) for t, v in ids.items()}  # records on disk (what duplicate_of may name)
        decided_at = _now()
        by_cid: dict[str, str | None] = {}  # candidate_id -> the record it became (None: rejected)
        pending: list[tuple[str, dict[str, Any], dict[str, str], str]] = []  # table, candidate, row, decision
        log_rows: list[tuple[str, dict[str, str]]] = []  # (candidate id, log row) in file order
        seen: set[tuple[str, str]] = set()
        for table in CANDIDATE_TABLES:
            tab = tables[table]
            pk = contract.PRIMARY_KEYS[table]
            columns = set(tab.header)
            for n, cand in enumerate(candidates.get(table) or [], start=1):
                if not isinstance(cand, dict):
                    problem(table, f"#{n}", None, None, "a candidate must be a JSON object")
                    continue
                cid = cand.get("candidate_id")
                if not isinstance(cid, str) or not cid.strip() or len(cid) > 64:
                    problem(table, f"#{n}", "candidate_id", cid, "required: a text of 1-64 characters")
                    continue
                before = len(problems)
                doc = cand.get("doc_id") or doc_id or ""
                if not isinstance(doc, str) or doc not in registered:
                    problem(table, cid, "doc_id", doc, "not a registered document (qantar add-text it first)")
                elif tdir is not None and not (tdir / f"{doc}.txt").is_file():
                    problem(
                        table,
                        cid,
                        "doc_id",
                        doc,
                        f"text not in {tdir}: its evidence cannot be checked, so not accepted",
                    )
                if (doc, cid) in seen:
                    problem(table, cid, "candidate_id", cid, "given twice in this file")
                seen.add((doc, cid))
                if (doc, cid) in logged:
                    prior = logged[(doc, cid)]
                    problem(
                        table,
                        cid,
                        "candidate_id",
                        cid,
                        f"already decided ({prior['decision']}, {prior['log_id']} in review_log.csv): a candidate "
                        "file is accepted once",
                    )
                raw_decision = cand.get("decision")
                decision = FILE_DECISIONS.get(raw_decision) if isinstance(raw_decision, str) else None
                if decision is None:
                    problem(
                        table,
                        cid,
                        "decision",
                        raw_decision,
                        "every candidate needs an explicit decision: accept, edit (accepted after changes) or "
                        "reject (with a reason)",
                    )
                reason = cand.get("reason") or ""
                if not isinstance(reason, str) or len(reason) > 400 or not reason.isprintable():
                    problem(table, cid, "reason", reason, "a reason is a line of at most 400 printable characters")
                    reason = ""
                if decision == "rejected" and not reason.strip():
                    problem(table, cid, "reason", reason, "a rejected candidate needs a reason")
                seconds = cand.get("seconds")
                if seconds is not None and (
                    isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not 0 <= seconds < 1e7
                ):
                    problem(table, cid, "seconds", seconds, "seconds must be a number of 0 or more")
                    seconds = None
                rule = cand.get("rule") or ""
                if not isinstance(rule, str) or len(rule) > 160:
                    problem(table, cid, "rule", rule, "a rule name is a text of at most 160 characters")
                    rule = ""
                row: dict[str, str] = {}
                for key, value in cand.items():
                    if key in META_KEYS and key not in columns:
                        continue
                    if key not in columns:
                        problem(table, cid, key, value, f"unknown column: {table}.csv has no such column")
                        continue
                    cell = _cell(value)
                    if cell is None:
                        problem(table, cid, key, value, "a cell holds a text, a number, true/false or null")
                        continue
                    row[key] = cell
                row["doc_id"] = doc if isinstance(doc, str) else ""
                dup = cand.get("duplicate_of") or ""
                if dup and (not isinstance(dup, str) or dup not in existing[table]):
                    problem(table, cid, "duplicate_of", dup, f"not an existing {table} record")
                if table != "places" and row.get(pk) and decision != "rejected":
                    problem(table, cid, pk, row[pk], "leave the id empty: accept assigns the next free id")
                if len(problems) > before:
                    continue
                log_row = {
                    "doc_id": doc,
                    "table": table,
                    "candidate_id": cid,
                    "rule": "" if decision == "added" else rule,
                    "decision": decision,
                    "reason": reason,
                    "record_id": "",
                    "reviewer": reviewer,
                    "seconds": "" if seconds is None else _cell(float(round(seconds, 1))),
                    "decided_at": decided_at,
                }
                log_rows.append((cid, log_row))
                if decision == "rejected":
                    by_cid[cid] = None
                    continue
                if dup:
                    log_row["record_id"] = by_cid[cid] = dup
                    key = (table, dup, doc, row.get("evidence", ""))
                    own = next(r for r in tables[table].rows if r[pk] == dup)
                    cited = {(r["table"], r["record_id"], r["doc_id"], r["evidence"]) for r in tables["citations"].rows}
                    cited |= {(c["table"], c["record_id"], c["doc_id"], c["evidence"]) for c in tables["citations"].new}
                    if key in cited or (own["doc_id"], own["evidence"]) == (doc, key[3]):
                        result.notes.append(f"{cid}: {dup} already cites this evidence; only the decision is logged")
                        continue
                    new_id = _next_id("ci", ids["citations"])
                    ids["citations"].append(new_id)
                    note = f"Added by qantar accept from candidate {cid}" + (f" ({rule})" if rule else "") + "."
                    tables["citations"].new.append(
                        {
                            "citation_id": new_id,
                            "table": table,
                            "record_id": dup,
                            "doc_id": doc,
                            "evidence": row.get("evidence", ""),
                            "note": note,
                        }
                    )
                    tables["citations"].origin.append(cid)
                    result.citations.append(new_id)
                    continue
                if table == "places":
                    new_id = row.get("place_id") or slug(row.get("name") or cid)
                    if new_id in ids["places"]:
                        problem(
                            table,
                            cid,
                            "place_id",
                            new_id,
                            f"place {new_id} exists: set duplicate_of to cite it, or give another place_id",
                        )
                        continue
                else:
                    new_id = _next_id(ID_PREFIXES[table], ids[table])
                ids[table].append(new_id)
                row[pk] = new_id
                filled = fill_derived(table, row)
                if filled:
                    result.notes.append(f"{cid}: {', '.join(filled)} derived ({table})")
                log_row["record_id"] = by_cid[cid] = new_id
                pending.append((table, cand, row, decision))
        # References to other candidates of the same file become the ids those candidates received.
        for table, cand, row, _ in pending:
            for col in REFERENCE_COLUMNS[table]:
                value = row.get(col, "")
                if value in by_cid:
                    if by_cid[value] is None:
                        problem(table, cand["candidate_id"], col, value, "refers to a candidate that was rejected")
                    else:
                        row[col] = by_cid[value]  # type: ignore[assignment]
            if table == "events" and not row.get("happening_id"):
                # A new event of its own: its own happening (a match to an existing one is the reviewer's call).
                row["happening_id"] = slug(f"{row.get('event_kind') or 'event'}_{row.get('place_id') or ''}")
                row["happening_id"] = f"{row['happening_id']}_{row['event_id']}"[:64]
                result.notes.append(f"{cand['candidate_id']}: happening_id set to {row['happening_id']} (a new one)")
            tables[table].new.append(row)
            tables[table].origin.append(cand["candidate_id"])
            result.new_rows.setdefault(table, []).append(row[contract.PRIMARY_KEYS[table]])
        for cid, log_row in log_rows:
            log_row["log_id"] = _next_id("lg", ids["review_log"])
            ids["review_log"].append(log_row["log_id"])
            tables["review_log"].new.append(log_row)
            tables["review_log"].origin.append(cid)
        if problems:
            again = [p for p in problems if p.rule.endswith("a candidate file is accepted once")]
            if again and len(again) == len(problems) == sum(len(v or []) for v in candidates.values()):
                problems = [
                    CandidateProblem(
                        source,
                        None,
                        None,
                        None,
                        None,
                        f"already accepted: all {len(again)} of its candidates are decided in review_log.csv "
                        "(a candidate file is accepted once)",
                    )
                ]
            raise CandidateFileError(problems)
        changed = {name: t for name, t in tables.items() if t.new}
        if not changed:
            return result
        problems += _staged_problems(ddir, tdir, tables, changed, source)
        if problems:
            raise CandidateFileError(problems)
        _commit(ddir, {t.path: t.csv_bytes() for t in changed.values()})
    result.logged = len(log_rows)
    return result


def _staged_problems(
    ddir: Path, tdir: Path | None, tables: dict[str, _Table], changed: dict[str, _Table], source: str
) -> list[CandidateProblem]:
    """Validate the dataset with the new rows on a staged copy (the validator of ``qantar validate``)."""
    from qantar.validation import validate

    stage = Path(tempfile.mkdtemp(prefix="qantar-accept-"))
    try:
        descriptor = _descriptor(ddir)
        shutil.copyfile(ddir / "datapackage.json", stage / "datapackage.json")
        for res in descriptor["resources"]:
            src = ddir / res["path"]
            if src.is_file():
                shutil.copyfile(src, stage / res["path"])
        for t in changed.values():
            (stage / t.path.name).write_bytes(t.csv_bytes())
        report = validate(stage, tdir)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    by_file = {t.path.name: t for t in tables.values()}
    out = []
    for p in report.problems:
        t = by_file.get(p.file)
        if t is not None and p.row is not None and p.row > len(t.rows):
            cid = t.origin[p.row - len(t.rows) - 1]
            out.append(CandidateProblem(source, t.name, cid, p.column, p.value, p.rule))
        else:
            out.append(CandidateProblem(source, None, None, p.column, p.value, f"the dataset itself: {p}"))
    return out


def accept_one(
    candidate: dict[str, Any],
    decision: Decision,
    reviewer: str | None = None,
    data_dir: Path | None = None,
    texts_dir: Path | None = None,
) -> AcceptResult:
    """Write one reviewed candidate (its row or citation, and its log entry) atomically: the review app's step.

    ``decision`` gives the table, candidate id, decision, reason and seconds; the candidate's own keys give the
    row (as edited). A rejected candidate is only logged.
    """
    item = {
        **candidate,
        "candidate_id": decision.candidate_id,
        "decision": decision.decision,
        "reason": decision.reason,
        "seconds": decision.seconds,
        "doc_id": candidate.get("doc_id") or decision.doc_id,
    }
    if decision.rule and not item.get("rule"):
        item["rule"] = decision.rule
    return accept(
        {decision.table: [item]},
        decision.reviewer or reviewer or settings.reviewer(),
        data_dir,
        texts_dir,
        source=f"candidate {decision.candidate_id}",
    )


def log_decision(decision: Decision, data_dir: Path | None = None) -> str:
    """Append one decision that writes no row (a rejection, a note) to the review log, atomically; its log id.

    A decision already logged for the same document and candidate is refused (one decision per candidate).
    """
    ddir = settings.data_dir(data_dir)
    with locked(ddir):
        tables = _read_tables(ddir, ("sources", "review_log"))
        log = tables["review_log"]
        if decision.doc_id not in {r["doc_id"] for r in tables["sources"].rows}:
            raise WorkflowError(f"doc_id {decision.doc_id!r}: not a registered document")
        for r in log.rows:
            if (r["doc_id"], r["candidate_id"]) == (decision.doc_id, decision.candidate_id):
                raise WorkflowError(
                    f"{decision.candidate_id} of {decision.doc_id}: already decided ({r['decision']}, {r['log_id']})"
                )
        word = FILE_DECISIONS.get(decision.decision, decision.decision)
        if word == "rejected" and not decision.reason.strip():
            raise WorkflowError(f"{decision.candidate_id}: a rejected candidate needs a reason")
        row = {
            "log_id": _next_id("lg", [r["log_id"] for r in log.rows]),
            "doc_id": decision.doc_id,
            "table": decision.table,
            "candidate_id": decision.candidate_id,
            "rule": decision.rule,
            "decision": word,
            "reason": decision.reason,
            "record_id": decision.record_id,
            "reviewer": decision.reviewer or settings.reviewer(),
            "seconds": _cell(float(round(decision.seconds, 1))) if decision.seconds is not None else "",
            "decided_at": _now(),
        }
        problems = _row_problems(log, row, "review_log.csv")
        if problems:
            raise WorkflowError("the decision would break the review log's schema:\n" + "\n".join(problems))
        log.new.append(row)
        _commit(ddir, {log.path: log.csv_bytes()})
    return row["log_id"]
