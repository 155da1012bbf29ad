"""Gazetteer: cities carry GeoNames ids and coordinates within 5 km of GeoNames."""

from __future__ import annotations

from qantar.gazetteer import haversine_km, lookup

UNREST_CITIES = {
    "Zhanaozen",
    "Aktau",
    "Almaty",
    "Atyrau",
    "Aktobe",
    "Uralsk",
    "Taraz",
    "Shymkent",
    "Kyzylorda",
    "Karaganda",
    "Nur-Sultan",
    "Taldykorgan",
}


def test_haversine_known_distance() -> None:
    # Almaty to Nur-Sultan/Astana is about 970 km along the great circle.
    assert 950 < haversine_km(43.25249, 76.9115, 51.1801, 71.44598) < 990
    assert haversine_km(10, 10, 10, 10) == 0


def test_every_city_is_within_5_km_of_geonames(dataset) -> None:
    cities = dataset.places[dataset.places["kind"] == "city"]
    assert len(cities) >= 12
    for row in cities.itertuples():
        rec = lookup(int(row.geonames_id))
        d = haversine_km(row.latitude, row.longitude, float(rec["latitude"]), float(rec["longitude"]))
        assert d <= 5, f"{row.place_id}: {d:.1f} km from GeoNames {row.geonames_id}"


def test_geonames_ids_name_the_right_city(dataset) -> None:
    """A typo in an id would point at another town: its GeoNames names must include ours."""
    for row in dataset.places[dataset.places["kind"] == "city"].itertuples():
        rec = lookup(int(row.geonames_id))
        known = {rec["name"].casefold(), *(a.casefold() for a in rec.get("alternatenames") or [])}
        ours = {str(row.name_jan2022).casefold(), str(row.name_current).casefold()}
        assert ours & known, f"{row.place_id}: GeoNames {row.geonames_id} is {rec['name']}"


def test_twelve_unrest_cities_with_names_then_and_now(dataset) -> None:
    cities = dataset.places[dataset.places["kind"] == "city"].set_index("name_jan2022")
    assert UNREST_CITIES <= set(cities.index)
    assert cities.loc["Nur-Sultan", "name_current"] == "Astana"
    assert cities.loc["Uralsk", "name_current"] == "Oral"
    assert cities.loc["Karaganda", "name_current"] == "Karagandy"
    assert cities.loc["Taldykorgan", "admin1_jan2022"] == "Almaty Region"
    assert cities.loc["Taldykorgan", "admin1_current"] == "Jetisu Region"
    assert cities.loc[sorted(UNREST_CITIES), "admin1_jan2022"].notna().all()


def test_places_gdf_has_points_in_kazakhstan(dataset) -> None:
    gdf = dataset.places_gdf
    assert gdf.crs.to_epsg() == 4326
    kz = gdf[gdf["country_code"] == "KZ"]
    assert kz.geometry.x.between(46, 88).all() and kz.geometry.y.between(40, 56).all()


def test_fill_coordinates_restores_from_geonames_atomically(data_copy) -> None:
    import stat

    from conftest import read_rows, write_rows
    from qantar.gazetteer import fill_coordinates

    path = data_copy / "places.csv"
    header, rows = read_rows(path)
    almaty = next(r for r in rows if r["place_id"] == "almaty")
    almaty["latitude"], almaty["longitude"] = "0.0", "0.0"
    write_rows(path, header, rows)
    assert fill_coordinates(data_copy, write=False)[0].startswith("almaty: (0.0, 0.0) -> (43.25249, 76.9115)")
    assert "0.0,0.0" in path.read_text(encoding="utf-8")  # a dry run writes nothing
    changes = fill_coordinates(data_copy, write=True)
    assert len(changes) == 1 and fill_coordinates(data_copy) == []
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
