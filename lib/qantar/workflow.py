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

import hashlib
import re
from datetime import date
from pathlib import Path

from qantar import contract, settings

# The workflow is four modules by job; every name stays importable from here, where the CLI, the review app
# and the tests found it. (The store's _rename is patched by tests as qantar.workflow_store._rename.)
from qantar.workflow_accept import accept, accept_one, log_decision
from qantar.workflow_candidates import (
    CANDIDATE_TABLES,
    DECISIONS,
    FILE_DECISIONS,
    ID_PREFIXES,
    META_KEYS,
    REFERENCE_COLUMNS,
    AcceptResult,
    CandidateFileError,
    CandidateProblem,
    Decision,
    _row_problems,
    fill_derived,
    load_candidates,
    slug,
)
from qantar.workflow_store import WorkflowError, _commit, _read_tables, locked, recover

__all__ = [
    "CANDIDATE_TABLES",
    "DECISIONS",
    "FILE_DECISIONS",
    "ID_PREFIXES",
    "META_KEYS",
    "REFERENCE_COLUMNS",
    "AcceptResult",
    "CandidateFileError",
    "CandidateProblem",
    "Decision",
    "WorkflowError",
    "accept",
    "accept_one",
    "check_text",
    "fill_derived",
    "guess_language",
    "load_candidates",
    "locked",
    "log_decision",
    "recover",
    "register_text",
    "slug",
]

DOC_ID = re.compile(r"[0-9]{3}_[0-9a-f]{16}")
_URL = re.compile(contract.URL_PATTERN)
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
