"""Accepting reviewed candidates: rows written, citations added, every decision logged, all or nothing.

Split out of :mod:`qantar.workflow` (which re-exports these names).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from qantar import contract, settings
from qantar.workflow_candidates import (
    CANDIDATE_TABLES,
    FILE_DECISIONS,
    ID_PREFIXES,
    META_KEYS,
    REFERENCE_COLUMNS,
    AcceptResult,
    CandidateFileError,
    CandidateProblem,
    Decision,
    _cell,
    _row_problems,
    fill_derived,
    slug,
)
from qantar.workflow_store import WorkflowError, _commit, _descriptor, _next_id, _now, _read_tables, _Table, locked


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
        pending: list[tuple[str, dict[str, Any], dict[str, str], str | None]] = []  # table, candidate, row, decision
        log_rows: list[tuple[str, dict[str, Any]]] = []  # (candidate id, log row) in file order
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
                log_row: dict[str, Any] = {
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
                    cite_key = (table, dup, doc, row.get("evidence", ""))
                    own = next(r for r in tables[table].rows if r[pk] == dup)
                    cited = {(r["table"], r["record_id"], r["doc_id"], r["evidence"]) for r in tables["citations"].rows}
                    cited |= {(c["table"], c["record_id"], c["doc_id"], c["evidence"]) for c in tables["citations"].new}
                    if cite_key in cited or (own["doc_id"], own["evidence"]) == (doc, cite_key[3]):
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
        tab = by_file.get(p.file)
        if tab is not None and p.row is not None and p.row > len(tab.rows):
            cid = tab.origin[p.row - len(tab.rows) - 1]
            out.append(CandidateProblem(source, tab.name, cid, p.column, p.value, p.rule))
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
        row: dict[str, Any] = {
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
