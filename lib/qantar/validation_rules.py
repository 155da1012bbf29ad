"""Validation's cross-field rules: what Table Schema cannot say (date order, casualty bounds, CAMEO, codes).

Split out of :mod:`qantar.validation` (which runs them and re-exports these names).
"""

from __future__ import annotations

import re
from operator import itemgetter

from qantar.problems import Problem
from qantar.qualifiers import NUMERIC, WORD_ONLY, bounds

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only, as in qantar.validation


# Codes of wordings.codes per aspect (datapackage.json describes them); aspect "area" takes place_ids instead.
WORDING_CODES: dict[str, tuple[str, ...]] = {
    "actor": ("crowd", "armed_group", "cabinet", "president"),
    "forces": ("police", "national_guard", "military"),
}


# The columns each cross-field rule reads; a row's problems depend on these values only.
RULE_COLUMNS = {
    "events": ("date_start", "date_end", "date_precision"),
    "reactions": ("date_start", "date_end", "date_precision", "cameo_code", "cameo_label"),
    "casualty_reports": ("qualifier", "value", "low", "high", "status", "notes"),
    "places": ("kind", "geonames_id", "latitude", "longitude"),
}


def _check_rules(tables: dict[str, list[dict[str, str]]], out: list[Problem]) -> None:
    """Cross-field rules that Table Schema cannot express.

    The rules are first run on each table's distinct combinations of the columns they read; only when
    one breaks a rule are they run row by row, so that every problem names its row.
    """
    distinct = {}
    for name, rows in tables.items():
        cols = RULE_COLUMNS.get(name)
        if cols is None:
            continue
        try:
            unique = set(map(itemgetter(*cols), rows))
        except KeyError:  # a short row: .get gives None for its missing cells, as the row-by-row rules see them
            unique = {tuple(row.get(c) for c in cols) for row in rows}
        distinct[name] = [{c: v for c, v in zip(cols, key, strict=True) if v is not None} for key in unique]
    scratch: list[Problem] = []
    _check_rules_rows(distinct, scratch)
    if scratch:
        _check_rules_rows(tables, out)
    _check_wording_codes(tables, out)  # reads place_ids, which the distinct combinations above do not keep


def _check_rules_rows(tables: dict[str, list[dict[str, str]]], out: list[Problem]) -> None:
    """Cross-field rules, row by row."""
    for tname in ("events", "reactions"):
        for i, row in enumerate(tables.get(tname, []), start=1):
            s, e = row.get("date_start", ""), row.get("date_end", "")
            if _DATE.fullmatch(s or "") and _DATE.fullmatch(e or "") and e < s:
                out.append(Problem(f"{tname}.csv", i, "date_end", e, f"date order: date_end is before date_start {s}"))
            if row.get("date_precision") in ("day", "before") and s and e and s != e:
                prec = row.get("date_precision")
                out.append(
                    Problem(f"{tname}.csv", i, "date_end", e, f"date precision: '{prec}' needs date_end == date_start")
                )
    for i, row in enumerate(tables.get("casualty_reports", []), start=1):
        status = row.get("status", "")
        if status in ("withdrawn", "disputed") and not (row.get("notes") or "").strip():
            # A reader must learn who took the figure back or contests it, and where the text says so.
            out.append(
                Problem("casualty_reports.csv", i, "notes", "", f"status {status!r} needs a note saying by whom")
            )
        q, raw = row.get("qualifier", ""), row.get("value", "")
        if q not in NUMERIC and q not in WORD_ONLY:
            continue  # already reported by the enum check
        if q in NUMERIC and raw == "":
            out.append(Problem("casualty_reports.csv", i, "value", raw, f"qualifier {q!r} needs a number in value"))
            continue
        if q in WORD_ONLY and raw != "":
            out.append(
                Problem("casualty_reports.csv", i, "value", raw, f"qualifier {q!r} is word-only; value must be empty")
            )
            continue
        if raw and not re.fullmatch(r"[0-9]{1,18}", raw):
            continue  # type or sign problem already reported
        low, high = bounds(q, int(raw) if raw else None)
        for col, want in (("low", low), ("high", high)):
            got = row.get(col, "")
            if got != ("" if want is None else str(want)):
                out.append(
                    Problem(
                        "casualty_reports.csv",
                        i,
                        col,
                        got,
                        f"bounds: qualifier {q!r} with value {raw or 'empty'}"
                        f" gives {col}={'' if want is None else want}",
                    )
                )
    _check_cameo(tables.get("reactions", []), out)
    for i, row in enumerate(tables.get("places", []), start=1):
        if row.get("kind") == "city":
            for col in ("geonames_id", "latitude", "longitude"):
                if not row.get(col):
                    out.append(
                        Problem(
                            "places.csv",
                            i,
                            col,
                            "",
                            "gazetteer: a city needs geonames_id, latitude and longitude"
                            " (run `qantar gazetteer --write`)",
                        )
                    )
        elif row.get("latitude") or row.get("longitude"):
            out.append(
                Problem("places.csv", i, "latitude", row.get("latitude"), "gazetteer: only cities carry coordinates")
            )


def _check_wording_codes(tables: dict[str, list[dict[str, str]]], out: list[Problem]) -> None:
    """Every wordings row's codes belong to its aspect's vocabulary (area: place_ids), each once."""
    places = {row.get("place_id") for row in tables.get("places", [])}
    for i, row in enumerate(tables.get("wordings", []), start=1):
        aspect, raw = row.get("aspect") or "", row.get("codes") or ""
        if aspect not in (*WORDING_CODES, "area") or not raw:
            continue  # reported by the enum and required checks
        codes = raw.split(";")
        valid = places if aspect == "area" else set(WORDING_CODES[aspect])
        bad = [c for c in codes if c not in valid]
        if bad:
            want = "place_ids of places.csv" if aspect == "area" else ", ".join(WORDING_CODES[aspect])
            out.append(
                Problem("wordings.csv", i, "codes", raw, f"codes: {', '.join(bad)} not valid for {aspect!r} ({want})")
            )
        elif len(set(codes)) != len(codes):
            out.append(Problem("wordings.csv", i, "codes", raw, "codes: a code is given twice"))


def _check_cameo(rows: list[dict[str, str]], out: list[Problem]) -> None:
    """Every reactions row's cameo_code is in the vendored CAMEO list and its cameo_label is the list's label."""
    from qantar.cameo import CODES_FILE, cameo_codes

    codes = cameo_codes()
    for i, row in enumerate(rows, start=1):
        code, label = row.get("cameo_code") or "", row.get("cameo_label")
        if not code:
            continue  # an empty code is reported as a required value
        if code not in codes:
            out.append(
                Problem(
                    "reactions.csv",
                    i,
                    "cameo_code",
                    code,
                    f"CAMEO: code not in the vendored CAMEO list (qantar/reference/{CODES_FILE.name})",
                )
            )
        elif label != codes[code]:
            out.append(
                Problem(
                    "reactions.csv",
                    i,
                    "cameo_label",
                    label,
                    f"CAMEO: label for {code} must be {codes[code]!r} (the vendored CAMEO list's wording)",
                )
            )
