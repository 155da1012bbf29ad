"""Validation: check the CSV tables against datapackage.json, the source register and the texts.

Every problem is collected (never only the first) and names the file, row, column,
value and the rule broken. Validation only reads files, and it never raises on bad
input: a descriptor, table or text it cannot read becomes a problem too, so that a
dataset that validates can always be loaded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from operator import eq, itemgetter, methodcaller
from os import PathLike
from pathlib import Path
from typing import Any

from qantar import settings
from qantar.problems import DataValidationError, Problem
from qantar.tables import FORMULA_START, read_table
from qantar.texts import read_texts

# The checks live by job in three modules; their names stay importable from here, where callers found them.
from qantar.validation_descriptor import TABLES, TYPES, WORKFLOW_TABLES, check_descriptor
from qantar.validation_rules import RULE_COLUMNS, WORDING_CODES, _check_cameo, _check_rules, _check_rules_rows
from qantar.validation_texts import _check_evidence, _check_register, _check_words

__all__ = [
    "DataValidationError",
    "Problem",
    "Report",
    "RULE_COLUMNS",
    "TABLES",
    "TYPES",
    "WORDING_CODES",
    "WORKFLOW_TABLES",
    "check_descriptor",
    "columns",
    "validate",
    "_check_cameo",
    "_check_rules_rows",
]

# ASCII only: Python's \d also matches Arabic-Indic and full-width digits.
_INTEGER = re.compile(r"-?[0-9]{1,18}")  # 18 digits: beyond that Python's int() has limits; no count is that big
_NUMBER = re.compile(r"-?[0-9]{1,18}(\.[0-9]{1,18})?")  # no exponent, nan, inf or underscores
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Characters no cell may hold: C0 and C1 controls (tab and line breaks included: a cell is one line), DEL, line and
# paragraph separators, bidirectional overrides (text that reads differently from how it is stored), a stray
# byte-order mark and lone surrogates. Spreadsheets and XML (the xlsx export) cannot hold most of them.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


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
    # Registered documents whose text is not in the texts folder (their evidence was not re-checked), and how many
    # rows of each table cite them: reported per source, not as a failure (texts live outside the repository).
    missing_texts: list[str] = field(default_factory=list)
    cites_missing: dict[str, int] = field(default_factory=dict)
    # Each evenly shaped table's columns (name -> values in row order), for checks and frames built a column at a time.
    columns: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        """True when no rule is broken."""
        return not self.problems

    @property
    def evidence_checked(self) -> bool:
        """True when the source texts were available and snippets/hashes were checked."""
        return self.texts_dir is not None

    def resource(self, name: str) -> dict[str, Any]:
        """The descriptor's resource of that name."""
        return next(r for r in self.descriptor["resources"] if r["name"] == name)


def _parse(type_: str, raw: str) -> tuple[bool, Any]:
    """Parse a non-empty raw CSV value as a Table Schema type (strictly, ASCII digits only)."""
    if type_ == "integer":
        return (True, int(raw)) if _INTEGER.fullmatch(raw) else (False, None)
    if type_ == "number":
        return (True, float(raw)) if _NUMBER.fullmatch(raw) else (False, None)
    if type_ == "date":
        if not _DATE.fullmatch(raw):
            return False, None
        try:
            return True, date.fromisoformat(raw)
        except ValueError:
            return False, None
    if type_ == "boolean":
        return (True, raw == "true") if raw in ("true", "false") else (False, None)
    return True, raw


def _check_field(fname: str, rownum: int, fdef: dict[str, Any], raw: str, out: list[Problem]) -> None:
    """Check one cell against its field definition (type and constraints)."""
    name, type_ = fdef["name"], fdef.get("type", "string")
    cons = fdef.get("constraints", {})
    if raw.strip() == "":
        if cons.get("required"):
            rule = "required value is empty" if raw == "" else "required value is blank (only whitespace)"
            out.append(Problem(fname, rownum, name, raw, rule))
        elif raw:
            out.append(Problem(fname, rownum, name, raw, "whitespace only: leave the cell empty instead"))
        return
    if raw != raw.strip():
        out.append(Problem(fname, rownum, name, raw, "leading or trailing whitespace"))
        return
    ok, val = _parse(type_, raw)
    if not ok:
        expected = {
            "date": "a date YYYY-MM-DD",
            "integer": "a whole number (digits 0-9)",
            "number": "a decimal number such as 43.25 (digits 0-9)",
            "boolean": "true or false",
        }.get(type_, type_)
        out.append(Problem(fname, rownum, name, raw, f"type: expected {expected}"))
        return
    if type_ == "string" and (bad := _CONTROL.search(raw)):
        char = bad.group()
        out.append(
            Problem(
                fname,
                rownum,
                name,
                raw,
                f"control character U+{ord(char):04X} at position {bad.start() + 1}: text cells hold printable "
                "characters on one line (remove it)",
            )
        )
    if type_ == "string" and raw.startswith(FORMULA_START):
        out.append(
            Problem(
                fname,
                rownum,
                name,
                raw,
                "formula: text must not start with = + - @ (spreadsheets would run it as a formula)",
            )
        )
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
    if "maxLength" in cons and len(raw) > cons["maxLength"]:
        out.append(
            Problem(fname, rownum, name, raw, f"maxLength: {len(raw)} characters, at most {cons['maxLength']} allowed")
        )
    if "minLength" in cons and len(raw) < cons["minLength"]:
        out.append(
            Problem(fname, rownum, name, raw, f"minLength: {len(raw)} characters, at least {cons['minLength']} needed")
        )


def _check_table(
    resource: dict[str, Any],
    header: list[str],
    rows: list[dict[str, Any]],
    out: list[Problem],
    cols: dict[str, tuple[str, ...]] | None = None,
) -> None:
    """Check header, cells and uniqueness of one table.

    A table whose distinct values all pass (the usual case) is cleared column by column, each distinct
    value checked once; any doubt falls back to the row-by-row check, which words and orders the problems.
    """
    if cols is None or not _table_is_clean(resource, header, cols):
        _check_table_rows(resource, header, rows, out)


def _table_is_clean(resource: dict[str, Any], header: list[str], cols: dict[str, tuple[str, ...]]) -> bool:
    """True when the row-by-row check would find nothing: every distinct cell value passes, ids are unique.

    ``cols`` are the table's columns, which exist only when every row has the header's width.
    """
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    if sorted(names) != sorted(header):
        return False
    pk = resource["schema"].get("primaryKey", [])
    for fdef in fields:
        values = cols[fdef["name"]]
        distinct = set(values)
        if not _values_pass(fdef, distinct):
            return False
        if fdef.get("constraints", {}).get("unique") or fdef["name"] in pk:
            filled = len(values) - values.count("")
            if len(distinct - {""}) != filled:
                return False
    return True


def columns(rows: list[dict[str, Any]], names: list[str]) -> list[tuple[Any, ...]]:
    """The values of each named column, in row order (every row must have every name)."""
    if not rows:
        return [() for _ in names]
    if len(names) == 1:
        return [tuple(row[names[0]] for row in rows)]
    # itemgetter and zip transpose in C: a list comprehension per column costs several times more
    return list(zip(*map(itemgetter(*names), rows), strict=True))


_FAST_STRING_RULES = {"required", "unique", "pattern", "maxLength", "enum", "minLength"}


def _values_pass(fdef: dict[str, Any], values: set[str]) -> bool:
    """True when no value breaks the field's rules (what _check_field checks); plain strings are checked inline."""
    cons = fdef.get("constraints", {})
    if fdef.get("type", "string") != "string" or not set(cons) <= _FAST_STRING_RULES:
        scratch: list[Problem] = []
        for raw in values:
            _check_field("", 0, fdef, raw, scratch)
            if scratch:
                return False
        return True
    if "" in values:
        if cons.get("required"):
            return False
        values = values - {""}
    if not values:
        return True
    # Each rule over all values with map(), which loops in C; a non-empty value equal to its strip() is not blank.
    if not all(map(eq, values, map(str.strip, values))) or any(map(methodcaller("startswith", FORMULA_START), values)):
        return False
    if any(map(_CONTROL.search, values)):
        return False
    if "enum" in cons and not values <= set(cons["enum"]):
        return False
    if "pattern" in cons and not all(map(re.compile(cons["pattern"]).fullmatch, values)):
        return False
    if "minLength" in cons and min(map(len, values)) < cons["minLength"]:
        return False
    return "maxLength" not in cons or max(map(len, values)) <= cons["maxLength"]


def _check_table_rows(
    resource: dict[str, Any], header: list[str], rows: list[dict[str, Any]], out: list[Problem]
) -> None:
    """Check header, cells and uniqueness of one table, row by row, naming every problem in file order."""
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
    unique_cols = {f["name"] for f in present if f.get("constraints", {}).get("unique")} | (set(pk) & set(header))
    for i, row in enumerate(rows, start=1):
        if None in row:  # surplus cells are kept under the key None
            out.append(Problem(fname, i, None, str(row[None]), "row has more cells than the header"))  # type: ignore[index]  # csv's None key
        for fdef in present:
            raw = row.get(fdef["name"])
            if raw is None:
                out.append(Problem(fname, i, fdef["name"], None, "row has fewer cells than the header"))
                continue
            _check_field(fname, i, fdef, raw, out)
        for col in unique_cols:
            val = row.get(col) or ""
            if val == "":
                continue
            first = seen.setdefault(col, {}).get(val)
            if first is not None:
                out.append(Problem(fname, i, col, val, f"duplicate id: already used in row {first} (must be unique)"))
            else:
                seen[col][val] = i


def _check_unique_keys(
    resource: dict[str, Any], header: list[str], rows: list[dict[str, Any]], out: list[Problem]
) -> None:
    """Each declared uniqueKeys combination appears once (rows with every one of its cells empty are skipped)."""
    for key in resource["schema"].get("uniqueKeys", []):
        key = [key] if isinstance(key, str) else list(key)
        if not all(c in header for c in key):
            continue  # a missing column is reported by the table check
        seen: dict[tuple[str, ...], int] = {}
        for i, row in enumerate(rows, start=1):
            values = tuple(row.get(c) or "" for c in key)
            if not any(values):
                continue
            first = seen.setdefault(values, i)
            if first != i:
                cols = ", ".join(key)
                words = ", ".join(key[:-1]) + f" and {key[-1]}" if len(key) > 1 else key[0]
                out.append(
                    Problem(
                        resource["path"], i, cols, " | ".join(values), f"duplicate: the same {words} as row {first}"
                    )
                )


def _keys(
    tables: dict[str, list[dict[str, str]]],
    resource: dict[str, Any],
    cols: dict[str, dict[str, tuple[str, ...]]] | None = None,
) -> set[str]:
    pk = resource["schema"]["primaryKey"][0]
    return _distinct(tables, resource["name"], pk, cols, "")


def _distinct(
    tables: dict[str, list[dict[str, str]]],
    name: str,
    col: str,
    cols: dict[str, dict[str, tuple[str, ...]]] | None,
    default: str | None = None,
) -> set[Any]:
    """The distinct values of one column of a table (``default`` for a row without the cell)."""
    table_cols = (cols or {}).get(name)
    if table_cols is not None and col in table_cols:
        return set(table_cols[col])
    return {r.get(col, default) for r in tables.get(name, [])}


def _check_foreign_keys(
    resources: list[dict[str, Any]],
    tables: dict[str, list[dict[str, str]]],
    out: list[Problem],
    cols: dict[str, dict[str, tuple[str, ...]]] | None = None,
) -> None:
    """Check every declared foreign key and the citations table's polymorphic record_id."""
    by_name = {r["name"]: r for r in resources}
    for res in resources:
        for fk in res["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"] or res["name"]
            (col,) = fk["fields"]
            if target not in by_name:
                continue  # reported by the descriptor check
            valid = _keys(tables, by_name[target], cols)
            if all(not v or v in valid for v in _distinct(tables, res["name"], col, cols)):
                continue  # every distinct value is a key: no row to name
            for i, row in enumerate(tables.get(res["name"], []), start=1):
                val = row.get(col)
                if val and val not in valid:
                    out.append(
                        Problem(
                            res["path"],
                            i,
                            col,
                            val,
                            f"foreign key: unknown {target} id (no row in {by_name[target]['path']} has it)",
                        )
                    )
    for name in ("citations", "wordings"):  # tables whose (table, record_id) points at a row of another table
        if name not in tables:
            continue
        keys = {t: _keys(tables, res, cols) for t, res in by_name.items() if res["schema"].get("primaryKey")}
        for i, row in enumerate(tables[name], start=1):
            target = row.get("table", "")
            if target in keys and row.get("record_id") and row["record_id"] not in keys[target]:
                out.append(
                    Problem(
                        by_name[name]["path"],
                        i,
                        "record_id",
                        row["record_id"],
                        f"foreign key: no row with this id in {by_name[target]['path']}",
                    )
                )


def validate(data_dir: str | PathLike[str] | None = None, texts_dir: str | PathLike[str] | None = None) -> Report:
    """Validate the dataset and return a Report with every problem found (does not raise)."""
    ddir = settings.data_dir(data_dir)
    tdir = settings.texts_dir(texts_dir)
    desc_path = ddir / "datapackage.json"
    try:
        if desc_path.exists() and not desc_path.is_file():
            return Report(ddir, {}, problems=[Problem(str(desc_path), None, None, None, "not a regular file")])
        descriptor = json.loads(desc_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Report(
            ddir,
            {},
            problems=[
                Problem(str(desc_path), None, None, None, "datapackage.json not found: is this a Qantar data folder?")
            ],
        )
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        return Report(
            ddir,
            {},
            problems=[
                Problem(
                    str(desc_path), None, None, None, f"cannot read descriptor: {str(exc)[:200] or type(exc).__name__}"
                )
            ],
        )
    structural = check_descriptor(descriptor)
    if structural:
        return Report(ddir, {}, problems=structural)
    problems: list[Problem] = []
    if (ddir / settings.JOURNAL_NAME).exists():
        problems.append(
            Problem(
                settings.JOURNAL_NAME,
                None,
                None,
                None,
                "an add-text or accept was interrupted between its renames: run `qantar recover` to finish it",
            )
        )
    report = Report(ddir, descriptor, texts_dir=tdir)
    resources = descriptor["resources"]
    for res in resources:
        path = ddir / res["path"]
        if not path.is_file():
            problems.append(
                Problem(res["path"], None, None, None, "not a regular file" if path.exists() else "file missing")
            )
            continue
        header, rows, read_problems, cols = read_table(path, res["path"])
        problems += read_problems
        if read_problems:
            continue
        report.tables[res["name"]] = rows
        if cols is not None:
            report.columns[res["name"]] = dict(zip(header, cols, strict=True))
        _check_table(res, header, rows, problems, report.columns.get(res["name"]))
        _check_unique_keys(res, header, rows, problems)
    _check_foreign_keys([r for r in resources if r["name"] in report.tables], report.tables, problems, report.columns)
    _check_rules(report.tables, problems)
    texts: dict[str, str] | None = None
    if tdir is not None:
        texts, text_problems = read_texts(tdir)
        problems += text_problems
        if texts is None:
            report.texts_dir = None
    report.texts = texts or {}
    report.register = report.tables.get("sources", [])
    registered = _check_register(report.register, texts, tdir, problems, report.missing_texts)
    if report.missing_texts:
        absent = set(report.missing_texts)
        for name, rows in report.tables.items():
            if name != "sources":
                n = sum(1 for row in rows if row.get("doc_id") in absent)
                if n:
                    report.cites_missing[name] = n
    _check_evidence(resources, report.tables, registered, texts, problems, report.columns)
    _check_words(report.tables.get("wordings", []), registered, texts, problems)
    report.problems = problems
    return report
