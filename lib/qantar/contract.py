"""What the lib needs from datapackage.json: the one definition of the tables, fields, keys and rules it relies on.

Table Schema lets a descriptor say many things the lib would misread: a boolean typed as string
(every "false" is then true), an enum value no label or rule knows, a dropped foreign key that lets
dangling ids through, a regular expression that takes hours on one cell, a CSV dialect or date format
the reader ignores. :func:`check` compares a descriptor with the needs below and returns one problem
per mismatch, before any table is read. A descriptor may be stricter than the lib (a shorter
maxLength, fewer enum values, an extra field or table), never looser or different.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from qantar.problems import Problem

FILE = "datapackage.json"
EVIDENCE_MAX = 160  # a verbatim snippet is at most this long (the texts are not ours to republish)
EVIDENCE_MIN = 3
RECORD_TABLES = ("places", "events", "casualty_reports", "reactions")  # the tables citations.csv may point at
PLACE_KINDS = ("country", "organisation", "region", "area", "city", "site")
DATE_PRECISIONS = ("day", "range", "month", "year", "before")  # before: only a latest day is known
AS_OF_PRECISIONS = ("day", "range", "year")
PERIODS = ("cumulative", "single_day", "unspecified")
WORDING_ASPECTS = ("actor", "area", "forces")  # what a wordings row words (qantar.disagree compares each)
# review_log.decision: as proposed, accepted after changes, refused, added by hand (no candidate proposed it)
REVIEW_DECISIONS = ("accepted", "edited", "rejected", "added")
URL_PATTERN = r"^https?://[^\s]+$"
DECIDED_AT_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"
GEO_PRECISIONS = (1, 2, 3)  # ACLED's geo_precision codes
CONSTRAINTS = ("required", "unique", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum")
_ID = "^[a-z][a-z0-9_]*$"


@dataclass(frozen=True)
class Need:
    """What the lib needs of one field: its type, whether every row fills it, and the bounds of its rules.

    ``values``: the field must declare an enum, within these (the values a label, colour or rule exists for);
    ``pattern``: the only pattern it may carry (None: none). Lengths and bounds may be tightened, not loosened.
    """

    type: str = "string"
    required: bool = False
    values: tuple[Any, ...] | None = None
    pattern: str | None = None
    max_length: int | None = None
    min_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None


def _record_id(prefix: str) -> Need:
    return Need(required=True, pattern=f"^{prefix}[0-9]{{3,}}$", max_length=64)


def _text(max_length: int, required: bool = False) -> Need:
    return Need(required=required, max_length=max_length)


EVIDENCE = Need(required=True, max_length=EVIDENCE_MAX, min_length=EVIDENCE_MIN)
DOC_REF = Need(required=True, max_length=64)
DATE = Need("date", required=True)
COUNT = Need("integer", minimum=0)


@functools.cache
def fields() -> dict[str, dict[str, Need]]:
    """Every table's fields the lib reads, with what it needs of each (enums from the lib's own label maps)."""
    from qantar import acled_types, display, qualifiers

    def enum(values: Any, required: bool = True, type_: str = "string") -> Need:
        return Need(type_, required=required, values=tuple(values))

    sub_event_types = tuple(s for subs in acled_types.EVENT_TYPES.values() for s in subs)
    return {
        "sources": {
            "doc_id": Need(required=True, pattern="^[0-9]{3}_[0-9a-f]{16}$"),
            "sha256": Need(required=True, pattern="^[0-9a-f]{64}$"),
            "n_chars": Need("integer", required=True, minimum=1),
            "outlet": _text(80, True),
            "outlet_basis": _text(400, True),
            "published_date": DATE,
            "published_date_basis": _text(400, True),
            "language": _text(8, True),
            "translation_note": _text(400),
            "headline": _text(160, True),
            "url": Need(pattern=URL_PATTERN, max_length=2000),
            "retrieved": Need("date"),
            "excerpt": Need("boolean", required=True),
        },
        "places": {
            "place_id": Need(required=True, pattern=_ID, max_length=64),
            "kind": enum(PLACE_KINDS),
            "name": _text(80, True),
            "name_jan2022": _text(80, True),
            "name_current": _text(80, True),
            "alternate_names": _text(160),
            "geonames_id": Need("integer", minimum=1),
            "latitude": Need("number", minimum=-90, maximum=90),
            "longitude": Need("number", minimum=-180, maximum=180),
            "country_code": Need(pattern="^[A-Z]{2}$"),
            "iso_a3": Need(pattern="^[A-Z]{3}$"),
            "admin1_jan2022": _text(80),
            "admin1_current": _text(80),
            "parent_id": _text(64),
            "doc_id": DOC_REF,
            "evidence": EVIDENCE,
            "notes": _text(400),
        },
        "events": {
            "event_id": _record_id("ev"),
            "happening_id": Need(required=True, pattern=_ID, max_length=64),
            "date_start": DATE,
            "date_end": DATE,
            "date_precision": enum(DATE_PRECISIONS),
            "date_basis": Need(required=True),
            "place_id": DOC_REF,
            "geo_precision": enum(GEO_PRECISIONS, type_="integer"),
            "event_type": enum(acled_types.EVENT_TYPES),
            "sub_event_type": enum(sub_event_types),
            "event_kind": Need(required=True),
            "actor1": _text(80),
            "actor2": _text(80),
            "background": Need("boolean", required=True),
            "description": _text(400, True),
            "variant_note": _text(400),
            "acled_exclusion": _text(160),
            "doc_id": DOC_REF,
            "evidence": EVIDENCE,
        },
        "casualty_reports": {
            "report_id": _record_id("cr"),
            "reported_date": DATE,
            "reported_date_basis": Need(required=True),
            "as_of_date": DATE,
            "as_of_precision": enum(AS_OF_PRECISIONS),
            "period": enum(PERIODS),
            "scope_place_id": DOC_REF,
            "event_id": Need(pattern="^ev[0-9]{3,}$", max_length=64),
            "group": enum(display.GROUP_LABELS),
            "measure": enum(display.MEASURE_LABELS),
            "qualifier": enum(qualifiers.QUALIFIERS),
            "value": COUNT,
            "low": COUNT,
            "high": COUNT,
            "stated_by": enum(display.WHO),
            "relayed_by": enum(display.WHO, required=False),
            "status": enum(display.CLAIM_STATUS_LABELS),
            "notes": _text(400),
            "doc_id": DOC_REF,
            "evidence": EVIDENCE,
        },
        "reactions": {
            "reaction_id": _record_id("re"),
            "date_start": DATE,
            "date_end": DATE,
            "date_precision": enum(DATE_PRECISIONS),
            "date_basis": Need(required=True),
            "actor": _text(80, True),
            "actor_role": _text(160),
            "actor_kind": enum(display.ACTOR_KIND_LABELS),
            "actor_for": _text(64),
            "channel": enum(display.CHANNEL_LABELS),
            "counterpart": _text(80),
            "counterpart_for": _text(64),
            "stance": enum(display.STANCE_LABELS),
            "cameo_code": Need(required=True, pattern="^[0-9]{3,4}$"),
            "cameo_label": _text(160, True),
            "summary": _text(400, True),
            "reported_via": _text(160),
            "doc_id": DOC_REF,
            "evidence": EVIDENCE,
        },
        "citations": {
            "citation_id": _record_id("ci"),
            "table": enum(RECORD_TABLES),
            "record_id": DOC_REF,
            "doc_id": DOC_REF,
            "evidence": EVIDENCE,
            "note": _text(400),
        },
        "wordings": {
            "wording_id": _record_id("wd"),
            "topic": Need(required=True, pattern=_ID, max_length=64),
            "aspect": enum(WORDING_ASPECTS),
            "table": enum(RECORD_TABLES[1:]),
            "record_id": DOC_REF,
            "doc_id": DOC_REF,
            "words": Need(required=True, max_length=EVIDENCE_MAX, min_length=2),
            "codes": Need(required=True, pattern="^[a-z][a-z0-9_]*(;[a-z][a-z0-9_]*)*$", max_length=200),
            "stated_by": Need(required=True),
            "evidence": EVIDENCE,
            "note": _text(400),
        },
        "review_log": {
            "log_id": Need(required=True, pattern="^lg[0-9]{3,}$", max_length=64),
            "doc_id": DOC_REF,
            "table": enum(RECORD_TABLES),
            "candidate_id": _text(64, True),
            "rule": _text(160),
            "decision": enum(REVIEW_DECISIONS),
            "reason": _text(400),
            "record_id": _text(64),
            "reviewer": _text(80, True),
            "seconds": Need("number", minimum=0),
            "decided_at": Need(required=True, pattern=DECIDED_AT_PATTERN),
        },
    }


PRIMARY_KEYS = {
    "sources": "doc_id",
    "places": "place_id",
    "events": "event_id",
    "casualty_reports": "report_id",
    "reactions": "reaction_id",
    "citations": "citation_id",
    "wordings": "wording_id",
    "review_log": "log_id",
}
# (column, table, column): every id the lib joins on must exist (checked whatever the descriptor declares).
_TO_REGISTER = ("doc_id", "sources", "doc_id")
FOREIGN_KEYS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "places": (("parent_id", "places", "place_id"), _TO_REGISTER),
    "events": (("place_id", "places", "place_id"), _TO_REGISTER),
    "casualty_reports": (("scope_place_id", "places", "place_id"), ("event_id", "events", "event_id"), _TO_REGISTER),
    "reactions": (("actor_for", "places", "place_id"), ("counterpart_for", "places", "place_id"), _TO_REGISTER),
    "citations": (_TO_REGISTER,),
    "wordings": (_TO_REGISTER,),
    "review_log": (_TO_REGISTER,),
}
UNIQUE_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "citations": (("table", "record_id", "doc_id", "evidence"),),
    "review_log": (("doc_id", "candidate_id"),),  # one decision per candidate: a file accepted twice is refused
}
# Table Schema options the lib's reader does not implement: only their defaults (or absence) are accepted.
_READING = {
    "encoding": ("utf-8", "the lib reads UTF-8"),
    "format": ("csv", "the lib reads CSV"),
    "mediatype": ("text/csv", "the lib reads CSV"),
}
_FIELD_OPTIONS = {
    "trueValues": (["true"], "the lib reads only 'true' and 'false' for booleans"),
    "falseValues": (["false"], "the lib reads only 'true' and 'false' for booleans"),
    "missingValues": ([""], "the lib reads only an empty cell as missing"),
    "bareNumber": (True, "the lib reads only bare numbers"),
    "decimalChar": (".", "the lib reads only '.' as the decimal mark"),
    "groupChar": (None, "the lib reads numbers without group separators"),
}


def _problem(where: str, value: Any, rule: str) -> Problem:
    return Problem(FILE, None, where, None if value is None else str(value)[:200], rule)


def _type_ok(type_: str, value: Any) -> bool:
    """True when an enum value has the field's type (as JSON gives it)."""
    if type_ == "string":
        return isinstance(value, str)
    if type_ == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if type_ == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if type_ == "boolean":
        return isinstance(value, bool)
    return False


_TYPE_WORDS = {"string": "a string", "integer": "an integer", "number": "a number", "boolean": "true or false"}


def check_field(table: str, fdef: dict[str, Any], need: Need | None) -> list[Problem]:
    """A field's definition against what the lib needs of it (``need`` None: a field the lib does not read)."""
    out: list[Problem] = []
    name, type_ = fdef["name"], fdef.get("type", "string")
    where = f"{table}.{name}"
    cons = fdef.get("constraints", {})
    if need is not None and type_ != need.type:
        out.append(_problem(f"{where}", type_, f"type '{type_}'; the lib reads it as '{need.type}'"))
    fmt = fdef.get("format", "default")
    if fmt != "default":
        out.append(_problem(f"{where}.format", fmt, f"format {fmt!r}; the lib reads only ISO dates and plain values"))
    for key, (default, why) in _FIELD_OPTIONS.items():
        if key in fdef and fdef[key] != default:
            out.append(_problem(f"{where}.{key}", fdef[key], why))
    for key in cons:
        if key not in CONSTRAINTS:
            out.append(_problem(f"{where}.constraints.{key}", None, "a constraint the lib does not check"))
    if "enum" in cons:
        enum = cons["enum"]
        if type_ == "date":
            out.append(_problem(f"{where}.constraints.enum", None, "the lib checks no enum on dates"))
        elif not all(_type_ok(type_, v) for v in enum):
            out.append(
                _problem(f"{where}.constraints.enum", None, f"every value must be {_TYPE_WORDS.get(type_, type_)}")
            )
        elif need is not None and need.values is not None:
            for value in enum:
                if value not in need.values:
                    known = ", ".join(map(str, need.values))
                    out.append(
                        _problem(
                            f"{where}.constraints.enum",
                            None,
                            f"{value!r} is not a value the lib knows (no label or rule for it); known: {known}",
                        )
                    )
    elif need is not None and need.values is not None:
        known = ", ".join(map(str, need.values))
        out.append(_problem(f"{where}.constraints", None, f"needs an enum (the lib knows only: {known})"))
    for key in ("minimum", "maximum"):
        if key in cons and type_ not in ("integer", "number"):
            out.append(_problem(f"{where}.constraints.{key}", cons[key], f"{key} applies to numbers only"))
    if need is None:
        if "pattern" in cons:
            out.append(
                _problem(f"{where}.constraints.pattern", None, "the lib checks no pattern on this field; remove it")
            )
        return out
    if need.required and cons.get("required") is not True:
        out.append(_problem(f"{where}.constraints.required", None, "the lib needs every row to fill it; keep it true"))
    pattern = cons.get("pattern")
    if pattern != need.pattern:
        if need.pattern is None:
            rule = "the lib checks no pattern on this field; remove it"
        elif pattern is None:
            rule = f"missing; the lib needs {need.pattern}"
        else:
            rule = f"differs from the lib's {need.pattern} (patterns are fixed: the lib knows how long they take)"
        out.append(_problem(f"{where}.constraints.pattern", None, rule))
    for key, bound, looser, word in (
        ("maxLength", need.max_length, lambda v, b: v > b, "at most"),
        ("minLength", need.min_length, lambda v, b: v < b, "at least"),
        ("minimum", need.minimum, lambda v, b: v < b, "at least"),
        ("maximum", need.maximum, lambda v, b: v > b, "at most"),
    ):
        if bound is None:
            continue
        if key not in cons:
            out.append(_problem(f"{where}.constraints.{key}", None, f"missing; the lib needs {word} {bound}"))
        elif looser(cons[key], bound):
            out.append(_problem(f"{where}.constraints.{key}", None, f"{cons[key]} is looser than the lib's {bound}"))
    return out


def _declared_fks(res: dict[str, Any]) -> set[tuple[str, str, str]]:
    """(column, table, column) of each foreign key a resource declares ('' as the resource means itself)."""
    return {
        (fk["fields"][0], fk["reference"]["resource"] or res["name"], fk["reference"]["fields"][0])
        for fk in res["schema"].get("foreignKeys", [])
    }


def check(descriptor: dict[str, Any], sound: set[str] | None = None) -> list[Problem]:
    """Every way ``descriptor`` differs from what the lib needs, one problem each.

    ``sound`` names the resources whose shape was checked (the others are already reported); None: all.
    """
    out: list[Problem] = []
    needs = fields()
    resources = {
        r["name"]: r
        for r in descriptor["resources"]
        if isinstance(r, dict) and (r.get("name") in sound if sound is not None else True)
    }
    for name, res in resources.items():
        for key, (allowed, why) in _READING.items():
            if key in res and str(res[key]).lower().replace("utf8", "utf-8") != allowed:
                out.append(_problem(f"{name}.{key}", None, f"{res[key]!r}; {why}"))
        for key in ("dialect", "compression"):
            if key in res:
                out.append(_problem(f"{name}.{key}", None, "the lib reads plain comma-separated CSV; remove it"))
        if name in needs and res["path"] != f"{name}.csv":
            out.append(_problem(f"{name}.path", None, f"{res['path']!r}; the lib reads {name}.csv"))
        schema = res["schema"]
        if "missingValues" in schema and schema["missingValues"] != [""]:
            out.append(_problem(f"{name}.schema.missingValues", None, "the lib reads only an empty cell as missing"))
        declared = [f["name"] for f in schema["fields"]]
        for field_name in sorted({n for n in declared if declared.count(n) > 1}):
            out.append(_problem(f"{name}.schema.fields", None, f"{field_name!r} is declared more than once"))
        table_needs = needs.get(name, {})
        for fdef in schema["fields"]:
            out += check_field(name, fdef, table_needs.get(fdef["name"]))
        if name in PRIMARY_KEYS and schema["primaryKey"] != [PRIMARY_KEYS[name]]:
            out.append(
                _problem(
                    f"{name}.schema.primaryKey", None, f"{schema['primaryKey']}; the lib needs {[PRIMARY_KEYS[name]]}"
                )
            )
        fks = _declared_fks(res)
        for col, target, ref in FOREIGN_KEYS.get(name, ()):
            if (col, target, ref) not in fks:
                out.append(
                    _problem(
                        f"{name}.schema.foreignKeys",
                        None,
                        f"missing {col} → {target}.{ref}; the lib joins on it, so every value must exist there",
                    )
                )
        for col, target, ref in sorted(fks):
            other = resources.get(target)
            if target not in {r.get("name") for r in descriptor["resources"] if isinstance(r, dict)}:
                out.append(
                    _problem(
                        f"{name}.schema.foreignKeys",
                        None,
                        f"{col} refers to resource {target!r}, which the descriptor does not declare",
                    )
                )
            elif other is not None and other["schema"]["primaryKey"] != [ref]:
                out.append(
                    _problem(
                        f"{name}.schema.foreignKeys",
                        None,
                        f"{col} refers to {target}.{ref}; a foreign key must name the primary key of {target}",
                    )
                )
        unique = [tuple(k) if isinstance(k, list) else (k,) for k in schema.get("uniqueKeys", [])]
        for ukey in unique:
            if not all(isinstance(c, str) and c in declared for c in ukey):
                out.append(_problem(f"{name}.schema.uniqueKeys", None, f"{list(ukey)} must name declared fields"))
        for ukey in UNIQUE_KEYS.get(name, ()):
            if ukey not in unique:
                out.append(
                    _problem(
                        f"{name}.schema.uniqueKeys",
                        None,
                        f"missing {list(ukey)}; the lib relies on each combination appearing once",
                    )
                )
        missing = set(table_needs) - set(declared)
        if missing:
            out.append(
                Problem(
                    FILE,
                    None,
                    f"{name}.schema.fields",
                    ", ".join(sorted(missing)),
                    "missing field(s) the lib reads; the table must keep them",
                )
            )
    return out
