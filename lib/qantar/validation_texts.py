"""Validation against the source texts: the register's hashes, evidence snippets and wordings found verbatim.

Split out of :mod:`qantar.validation` (which runs these checks and re-exports these names).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qantar.problems import Problem
from qantar.texts import normalise_ws, sha256_file


def _check_register(
    register: list[dict[str, str]],
    texts: dict[str, str] | None,
    texts_dir: Path | None,
    out: list[Problem],
    missing: list[str] | None = None,
) -> set[str]:
    """With texts, check each present registered document's hash (its columns are checked by the schema).

    A registered document whose text is absent is not a problem: its id goes to ``missing`` (the texts live
    outside the repository, and a copy of the dataset may hold only some of them).
    """
    fname = "sources.csv"
    ids: set[str] = set()
    for i, row in enumerate(register, start=1):
        doc = row.get("doc_id") or ""
        ids.add(doc)
        if texts is None or texts_dir is None:
            continue
        path = texts_dir / f"{doc}.txt"
        if doc not in texts:
            if not _is_file(path) and missing is not None:
                missing.append(doc)
            continue  # an unreadable text is reported by the text check
        digest = sha256_file(path)
        if digest != row.get("sha256"):
            out.append(Problem(fname, i, "sha256", row.get("sha256"), f"hash mismatch: {path.name} hashes to {digest}"))
    if texts is not None:
        for doc in sorted(set(texts) - ids):
            out.append(
                Problem(fname, None, "doc_id", doc, "text present in the texts folder but missing from the register")
            )
    return ids


def _check_evidence(
    resources: list[dict[str, Any]],
    tables: dict[str, list[dict[str, str]]],
    registered: set[str],
    texts: dict[str, str] | None,
    out: list[Problem],
    cols: dict[str, dict[str, tuple[str, ...]]] | None = None,
) -> None:
    """Every (doc_id, evidence) pair of a registered document is found verbatim in the text.

    A doc_id missing from the register is reported once, by the foreign-key check.
    """
    if texts is None:
        return
    normalised = {doc: normalise_ws(text) for doc, text in texts.items()}  # once per document, not per row
    found: dict[tuple[str, str], bool] = {}  # per distinct (document, snippet): replicated snippets are searched once
    for res in resources:
        table_cols = (cols or {}).get(res["name"], {})
        if "doc_id" in table_cols and "evidence" in table_cols:
            pairs = set(zip(table_cols["doc_id"], table_cols["evidence"], strict=True))
            if all(
                found.setdefault((doc, ev), normalise_ws(ev) in normalised[doc])
                for doc, ev in pairs
                if ev and doc in normalised and doc in registered
            ):
                continue  # every snippet is found: no row to name
        for i, row in enumerate(tables.get(res["name"], []), start=1):
            doc, ev = row.get("doc_id") or "", row.get("evidence") or ""
            if not ev or doc not in normalised or doc not in registered:
                continue
            hit = found.get((doc, ev))
            if hit is None:
                hit = found[(doc, ev)] = normalise_ws(ev) in normalised[doc]
            if not hit:
                out.append(
                    Problem(res["path"], i, "evidence", ev, f"snippet not in its document: not found verbatim in {doc}")
                )


def _check_words(
    rows: list[dict[str, str]], registered: set[str], texts: dict[str, str] | None, out: list[Problem]
) -> None:
    """Every wordings row's words occur in its document's text (ignoring case and runs of whitespace)."""
    if texts is None:
        return
    folded: dict[str, str] = {}
    for i, row in enumerate(rows, start=1):
        doc, words = row.get("doc_id") or "", row.get("words") or ""
        if not words or doc not in texts or doc not in registered:
            continue
        if doc not in folded:
            folded[doc] = normalise_ws(texts[doc]).casefold()
        if normalise_ws(words).casefold() not in folded[doc]:
            out.append(Problem("wordings.csv", i, "words", words, f"words not in their document: not found in {doc}"))


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False
