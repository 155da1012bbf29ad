"""Validation: check the CSV tables against datapackage.json, the source register and the texts.

Every problem is collected (never only the first) and names the file, row, column,
value and the rule broken. Validation only reads files.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from qantar import paths
from qantar.cameo import CAMEO
from qantar.qualifiers import NUMERIC, WORD_ONLY, bounds
from qantar.texts import read_texts, sha256_file, snippet_in_text

REGISTER_COLUMNS = ("doc_id", "sha256", "n_chars", "outlet", "outlet_basis", "published_date",
                    "published_date_basis", "language", "translation_note", "headline")
EVIDENCE_MAX = 160


@dataclass(frozen=True)
class Problem:
    """One broken rule: where (file, row, column), what value, which rule."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            # Row numbers count data rows from 1; line numbers include the header line.
            where += f", row {self.row} (line {self.row + 1})"
        if self.column is not None:
            where += f", column '{self.column}'"
        if self.value is not None:
            shown = self.value if len(self.value) <= 80 else self.value[:77] + "..."
            where += f", value {shown!r}"
        return f"{where}: {self.rule}"


class DataValidationError(ValueError):
    """Raised when the dataset breaks one or more rules; carries every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the dataset:\n{lines}")


@dataclass
class Report:
    """Outcome of a validation run: problems plus the raw tables it read."""

    data_dir: Path
    descriptor: dict[str, Any]
    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    register: list[dict[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    texts_dir: Path | None = None
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no rule is broken."""
        return not self.problems

    @property
    def evidence_checked(self) -> bool:
        """True when the source texts were available and snippets/hashes were checked."""
        return self.texts_dir is not None


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Read a UTF-8 CSV into its header and a list of row dicts (all values as strings)."""
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = [dict(r) for r in reader]
        return list(reader.fieldnames or []), rows


def _parse(type_: str, raw: str) -> tuple[bool, Any]:
    """Parse a non-empty raw CSV value as a Table Schema type."""
    try:
        if type_ == "integer":
            if not re.fullmatch(r"-?\d+", raw):
                return False, None
            return True, int(raw)
        if type_ == "number":
            return True, float(raw)
        if type_ == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
                return False, None
            return True, date.fromisoformat(raw)
        if type_ == "boolean":
            if raw not in ("true", "false"):
                return False, None
            return True, raw == "true"
    except ValueError:
        return False, None
    return True, raw


def _check_field(fname: str, rownum: int, fdef: dict[str, Any], raw: str, out: list[Problem]) -> None:
    """Check one cell against its field definition (type and constraints)."""
    name, type_ = fdef["name"], fdef.get("type", "string")
    cons = fdef.get("constraints", {})
    if raw == "":
        if cons.get("required"):
            out.append(Problem(fname, rownum, name, raw, "required value is empty"))
        return
    ok, val = _parse(type_, raw)
    if not ok:
        expected = {"date": "a date YYYY-MM-DD", "integer": "a whole number", "number": "a number",
                    "boolean": "true or false"}.get(type_, type_)
        out.append(Problem(fname, rownum, name, raw, f"type: expected {expected}"))
        return
    if "enum" in cons and val not in cons["enum"]:
        valid = ", ".join(map(str, cons["enum"]))
        out.append(Problem(fname, rownum, name, raw, f"enum: not one of the allowed values ({valid})"))
    if "pattern" in cons and not re.fullmatch(cons["pattern"], raw):
        out.append(Problem(fname, rownum, name, raw, f"pattern: does not match {cons['pattern']}"))
    if "minimum" in cons and val < cons["minimum"]:
        rule = "negative count" if cons["minimum"] == 0 else "below minimum"
        out.append(Problem(fname, rownum, name, raw, f"{rule}: must be >= {cons['minimum']}"))
    if "maximum" in cons and val > cons["maximum"]:
        out.append(Problem(fname, rownum, name, raw, f"maximum: must be <= {cons['maximum']}"))
    if "minLength" in cons and len(raw) < cons["minLength"]:
        out.append(Problem(fname, rownum, name, raw, f"minLength: shorter than {cons['minLength']} characters"))
    if "maxLength" in cons and len(raw) > cons["maxLength"]:
        out.append(Problem(fname, rownum, name, raw,
                           f"maxLength: {len(raw)} characters, at most {cons['maxLength']} allowed"))


def _check_table(resource: dict[str, Any], header: list[str], rows: list[dict[str, str]], out: list[Problem]) -> None:
    """Check header, cells and uniqueness of one table."""
    fname = resource["path"]
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    for name in names:
        if name not in header:
            out.append(Problem(fname, None, name, None, "missing column: required by datapackage.json"))
    for name in header:
        if name not in names:
            out.append(Problem(fname, None, name, None, "unknown column: not declared in datapackage.json"))
    present = [f for f in fields if f["name"] in header]
    seen: dict[str, dict[str, int]] = {}
    pk = resource["schema"].get("primaryKey", [])
    unique_cols = {f["name"] for f in present if f.get("constraints", {}).get("unique")} | set(pk)
    for i, row in enumerate(rows, start=1):
        if None in row:  # csv.DictReader puts surplus cells under the key None
            out.append(Problem(fname, i, None, str(row[None]), "row has more cells than the header"))
        for fdef in present:
            raw = row.get(fdef["name"])
            if raw is None:
                out.append(Problem(fname, i, fdef["name"], None, "row has fewer cells than the header"))
                continue
            _check_field(fname, i, fdef, raw, out)
        for col in unique_cols & set(header):
            val = row.get(col) or ""
            if val == "":
                continue
            first = seen.setdefault(col, {}).get(val)
            if first is not None:
                out.append(Problem(fname, i, col, val, f"duplicate id: already used in row {first} (must be unique)"))
            else:
                seen[col][val] = i


def _keys(tables: dict[str, list[dict[str, str]]], resource: dict[str, Any]) -> set[str]:
    pk = resource["schema"]["primaryKey"][0]
    return {r.get(pk, "") for r in tables.get(resource["name"], [])}


def _check_foreign_keys(resources: list[dict[str, Any]], tables: dict[str, list[dict[str, str]]], out: list[Problem]) -> None:
    """Check every declared foreign key and the citations table's polymorphic record_id."""
    by_name = {r["name"]: r for r in resources}
    for res in resources:
        for fk in res["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"] or res["name"]
            (col,) = fk["fields"]
            valid = _keys(tables, by_name[target])
            for i, row in enumerate(tables.get(res["name"], []), start=1):
                val = row.get(col)
                if val and val not in valid:
                    out.append(Problem(res["path"], i, col, val,
                                       f"foreign key: unknown {target} id (no row in {by_name[target]['path']} has it)"))
    if "citations" in tables:
        keys = {name: _keys(tables, res) for name, res in by_name.items() if res["schema"].get("primaryKey")}
        for i, row in enumerate(tables["citations"], start=1):
            target = row.get("table", "")
            if target in keys and row.get("record_id") and row["record_id"] not in keys[target]:
                out.append(Problem("citations.csv", i, "record_id", row["record_id"],
                                   f"foreign key: no row with this id in {by_name[target]['path']}"))


def _check_rules(tables: dict[str, list[dict[str, str]]], out: list[Problem]) -> None:
    """Cross-field rules that Table Schema cannot express."""
    for tname in ("events", "reactions"):
        for i, row in enumerate(tables.get(tname, []), start=1):
            s, e = row.get("date_start", ""), row.get("date_end", "")
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s or "") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", e or "") and e < s:
                out.append(Problem(f"{tname}.csv", i, "date_end", e, f"date order: date_end is before date_start {s}"))
            if row.get("date_precision") == "day" and s and e and s != e:
                out.append(Problem(f"{tname}.csv", i, "date_end", e, "date precision: 'day' needs date_end == date_start"))
    for i, row in enumerate(tables.get("casualty_reports", []), start=1):
        q, raw = row.get("qualifier", ""), row.get("value", "")
        if q not in NUMERIC and q not in WORD_ONLY:
            continue  # already reported by the enum check
        if q in NUMERIC and raw == "":
            out.append(Problem("casualty_reports.csv", i, "value", raw, f"qualifier {q!r} needs a number in value"))
            continue
        if q in WORD_ONLY and raw != "":
            out.append(Problem("casualty_reports.csv", i, "value", raw, f"qualifier {q!r} is word-only; value must be empty"))
            continue
        if raw and not re.fullmatch(r"\d+", raw):
            continue  # type or sign problem already reported
        low, high = bounds(q, int(raw) if raw else None)
        for col, want in (("low", low), ("high", high)):
            got = row.get(col, "")
            if got != ("" if want is None else str(want)):
                out.append(Problem("casualty_reports.csv", i, col, got,
                                   f"bounds: qualifier {q!r} with value {raw or 'empty'} gives {col}={'' if want is None else want}"))
    for i, row in enumerate(tables.get("reactions", []), start=1):
        code = row.get("cameo_code", "")
        if code and code not in CAMEO:
            out.append(Problem("reactions.csv", i, "cameo_code", code, "CAMEO: code not in the lib's CAMEO table (qantar/cameo.py)"))
        elif code and row.get("cameo_label") != CAMEO[code]:
            out.append(Problem("reactions.csv", i, "cameo_label", row.get("cameo_label"), f"CAMEO: label for {code} is {CAMEO[code]!r}"))
    for i, row in enumerate(tables.get("places", []), start=1):
        if row.get("kind") == "city":
            for col in ("geonames_id", "latitude", "longitude"):
                if not row.get(col):
                    out.append(Problem("places.csv", i, col, "", "gazetteer: a city needs geonames_id, latitude and longitude (run `qantar gazetteer --write`)"))
        elif row.get("latitude") or row.get("longitude"):
            out.append(Problem("places.csv", i, "latitude", row.get("latitude"), "gazetteer: only cities carry coordinates"))


def _check_register(register: list[dict[str, str]], header: list[str], texts: dict[str, str] | None,
                    texts_dir: Path | None, out: list[Problem]) -> set[str]:
    """Check the source register and, with texts, each document's hash and presence."""
    fname = "seeds/sources.csv"
    for col in REGISTER_COLUMNS:
        if col not in header:
            out.append(Problem(fname, None, col, None, "missing column in the source register"))
    ids: set[str] = set()
    for i, row in enumerate(register, start=1):
        doc = row.get("doc_id", "")
        if doc in ids:
            out.append(Problem(fname, i, "doc_id", doc, "duplicate id in the source register"))
        ids.add(doc)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row.get("published_date", "")):
            out.append(Problem(fname, i, "published_date", row.get("published_date"), "type: expected a date YYYY-MM-DD"))
        if texts is None or texts_dir is None:
            continue
        path = texts_dir / f"{doc}.txt"
        if doc not in texts:
            out.append(Problem(fname, i, "doc_id", doc, f"document text not found: {path}"))
            continue
        digest = sha256_file(path)
        if digest != row.get("sha256"):
            out.append(Problem(fname, i, "sha256", row.get("sha256"), f"hash mismatch: {path.name} hashes to {digest}"))
    if texts is not None:
        for doc in sorted(set(texts) - ids):
            out.append(Problem(fname, None, "doc_id", doc, "text present in the texts folder but missing from the register"))
    return ids


def _check_evidence(resources: list[dict[str, Any]], tables: dict[str, list[dict[str, str]]], registered: set[str],
                    texts: dict[str, str] | None, out: list[Problem]) -> None:
    """Every (doc_id, evidence) pair: registered document, at most 160 chars, found verbatim in the text."""
    for res in resources:
        for i, row in enumerate(tables.get(res["name"], []), start=1):
            doc, ev = row.get("doc_id", ""), row.get("evidence", "")
            if doc and doc not in registered:
                out.append(Problem(res["path"], i, "doc_id", doc, "foreign key: document not in the source register"))
                continue
            if texts is not None and doc in texts and ev and not snippet_in_text(ev, texts[doc]):
                out.append(Problem(res["path"], i, "evidence", ev, f"snippet not in its document: not found verbatim in {doc}"))


def validate(data_dir: str | Path | None = None, texts_dir: str | Path | None = None) -> Report:
    """Validate the dataset and return a Report with every problem found (does not raise)."""
    ddir = paths.data_dir(data_dir)
    tdir = paths.texts_dir(texts_dir)
    problems: list[Problem] = []
    desc_path = ddir / "datapackage.json"
    try:
        descriptor = json.loads(desc_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        return Report(ddir, {}, problems=[Problem("datapackage.json", None, None, None, f"cannot read descriptor: {exc}")])
    report = Report(ddir, descriptor, texts_dir=tdir)
    resources = descriptor.get("resources", [])
    for res in resources:
        path = ddir / res["path"]
        if not path.is_file():
            problems.append(Problem(res["path"], None, None, None, "file missing"))
            continue
        header, rows = read_csv(path)
        report.tables[res["name"]] = rows
        _check_table(res, header, rows, problems)
    _check_foreign_keys([r for r in resources if r["name"] in report.tables], report.tables, problems)
    _check_rules(report.tables, problems)
    texts: dict[str, str] | None = None
    if tdir is not None:
        try:
            texts = read_texts(tdir)
        except FileNotFoundError as exc:
            problems.append(Problem(str(tdir), None, None, None, str(exc)))
            report.texts_dir = None
    report.texts = texts or {}
    reg_header, report.register = read_csv(paths.register_path())
    registered = _check_register(report.register, reg_header, texts, tdir, problems)
    _check_evidence(resources, report.tables, registered, texts, problems)
    report.problems = problems
    return report
