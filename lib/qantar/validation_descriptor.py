"""Validation of datapackage.json's shape: every table the lib needs, each with a CSV path and a sound schema.

Split out of :mod:`qantar.validation` (which re-exports these names).
"""

from __future__ import annotations

import re
from typing import Any

from qantar import contract
from qantar.problems import Problem


TABLES = ("sources", "places", "events", "casualty_reports", "reactions", "citations", "wordings")


WORKFLOW_TABLES = ("review_log",)  # needed by qantar accept and the review app, not loaded as a frame


TYPES = ("string", "integer", "number", "date", "boolean")


_RESOURCE_PATH = re.compile(r"[A-Za-z0-9_-]+\.csv")


def _check_constraints(name: str, fields: list[dict[str, Any]], foreign_keys: Any) -> list[Problem]:
    """Each field's constraints and the foreign keys must have the shapes Table Schema gives them."""
    fname = "datapackage.json"
    out: list[Problem] = []
    names = {f["name"] for f in fields}
    for f in fields:
        where = f"{name}.{f['name']}.constraints"
        cons = f.get("constraints", {})
        if not isinstance(cons, dict):
            out.append(Problem(fname, None, where, None, "constraints must be an object"))
            continue
        if "enum" in cons and not (isinstance(cons["enum"], list) and cons["enum"]):
            out.append(Problem(fname, None, f"{where}.enum", None, "enum must be a non-empty list"))
        for key in ("maxLength", "minLength"):
            if key in cons and (not isinstance(cons[key], int) or isinstance(cons[key], bool) or cons[key] < 0):
                out.append(Problem(fname, None, f"{where}.{key}", None, f"{key} must be a whole number"))
        for key in ("minimum", "maximum"):
            if key in cons and (not isinstance(cons[key], (int, float)) or isinstance(cons[key], bool)):
                out.append(Problem(fname, None, f"{where}.{key}", None, f"{key} must be a number"))
        if "pattern" in cons:
            try:
                re.compile(cons["pattern"]) if isinstance(cons["pattern"], str) else None
                if not isinstance(cons["pattern"], str):
                    raise re.error("not a string")
            except re.error as exc:
                out.append(
                    Problem(fname, None, f"{where}.pattern", None, f"pattern is not a valid regular expression ({exc})")
                )
        for key in ("required", "unique"):
            if key in cons and not isinstance(cons[key], bool):
                out.append(Problem(fname, None, f"{where}.{key}", None, f"{key} must be true or false"))
    if not isinstance(foreign_keys, list):
        return [*out, Problem(fname, None, f"{name}.schema.foreignKeys", None, "foreignKeys must be a list")]
    for i, fk in enumerate(foreign_keys):
        ok = (
            isinstance(fk, dict)
            and isinstance(fk.get("fields"), list)
            and len(fk["fields"]) == 1
            and fk["fields"][0] in names
            and isinstance(fk.get("reference"), dict)
            and isinstance(fk["reference"].get("resource"), str)
            and isinstance(fk["reference"].get("fields"), list)
            and len(fk["reference"]["fields"]) == 1
        )
        if not ok:
            out.append(
                Problem(
                    fname,
                    None,
                    f"{name}.schema.foreignKeys[{i}]",
                    None,
                    "each foreign key needs one declared field and a reference with a resource and one field",
                )
            )
    return out


def check_descriptor(descriptor: Any) -> list[Problem]:
    """Structural check of datapackage.json: every table the lib needs, each with a CSV path and a schema."""
    fname = "datapackage.json"
    if not isinstance(descriptor, dict):
        return [Problem(fname, None, None, None, f"expected a JSON object, found {type(descriptor).__name__}")]
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        return [Problem(fname, None, "resources", None, "expected a non-empty 'resources' list")]
    problems: list[Problem] = []
    names: list[str] = []
    sound: set[str] = set()
    for i, res in enumerate(resources, start=1):
        where = f"resources[{i - 1}]"
        if not isinstance(res, dict):
            problems.append(Problem(fname, None, where, None, "each resource must be a JSON object"))
            continue
        schema: Any  # a JSON value: the isinstance checks below narrow it
        name, path, schema = res.get("name"), res.get("path"), res.get("schema")
        if not isinstance(name, str) or not name:
            problems.append(Problem(fname, None, f"{where}.name", None, "every resource needs a 'name'"))
            continue
        names.append(name)
        before = len(problems)
        if not isinstance(path, str) or not _RESOURCE_PATH.fullmatch(path):
            problems.append(
                Problem(
                    fname,
                    None,
                    f"{name}.path",
                    None if path is None else str(path),
                    "every resource needs a 'path': a CSV file name in the data folder (no folders)",
                )
            )
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if (
            not isinstance(fields, list)
            or not fields
            or not all(
                isinstance(f, dict) and isinstance(f.get("name"), str) and f.get("type", "string") in TYPES
                for f in fields
            )
        ):
            problems.append(
                Problem(
                    fname,
                    None,
                    f"{name}.schema",
                    None,
                    f"every resource needs a schema whose fields each have a name and a type ({', '.join(TYPES)})",
                )
            )
        elif not (
            isinstance(schema.get("primaryKey"), list)
            and len(schema["primaryKey"]) == 1
            and schema["primaryKey"][0] in {f["name"] for f in fields}
        ):
            problems.append(
                Problem(
                    fname,
                    None,
                    f"{name}.schema.primaryKey",
                    None,
                    "expected a one-field primary key naming a declared field",
                )
            )
        else:
            shape = _check_constraints(name, fields, schema.get("foreignKeys", []))
            if not isinstance(schema.get("uniqueKeys", []), list):
                shape.append(Problem(fname, None, f"{name}.schema.uniqueKeys", None, "uniqueKeys must be a list"))
            problems += shape
            if len(problems) == before and names.count(name) == 1:
                sound.add(name)
    # What the lib needs (types, enums, keys, patterns), on the resources whose shape is sound.
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(Problem(fname, None, "resources", name, "resource declared more than once"))
    problems += contract.check(descriptor, sound)
    for table in (*TABLES, *WORKFLOW_TABLES):
        if table not in names:
            problems.append(
                Problem(fname, None, "resources", table, f"missing resource: the lib needs the '{table}' table")
            )
    return problems
