"""`qantar export`: ACLED columns and values, the sqlite keys, the workbook, GeoJSON cities, and safe writing."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
from conftest import read_rows
from qantar import acled, settings
from qantar.cli import main

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
# ACLED codebook (2024) Table 2: event type -> sub-event types.
ACLED_TYPES = {
    "Battles": {"Government regains territory", "Non-state actor overtakes territory", "Armed clash"},
    "Protests": {"Excessive force against protesters", "Protest with intervention", "Peaceful protest"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}
TABLE_FILES = ("sources", "places", "events", "casualty_reports", "reactions", "citations", "wordings")


def _run(*args: str) -> int:
    return main(["export", *args])


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each format exported once from the shipped data, in process."""
    folder = tmp_path_factory.mktemp("exports")
    paths = {
        "acled": folder / "acled.csv",
        "xlsx": folder / "qantar.xlsx",
        "sqlite": folder / "qantar.sqlite",
        "geojson": folder / "cities.geojson",
    }
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
    try:
        for fmt, path in paths.items():
            assert _run("--format", fmt, "--out", str(path)) == 0
    finally:
        mp.undo()
    return paths


def _csv_rows(name: str) -> list[dict[str, str]]:
    return read_rows(settings.data_dir() / f"{name}.csv")[1]


def test_acled_columns_are_acleds_in_order(exports: dict[str, Path]) -> None:
    header, rows = read_rows(exports["acled"])
    assert header == ACLED_COLUMNS == acled.COLUMNS
    assert len(rows) > 20


def test_every_acled_value_is_allowed(exports: dict[str, Path]) -> None:
    _, rows = read_rows(exports["acled"])
    ids = [r["event_id_cnty"] for r in rows]
    assert len(ids) == len(set(ids)) and all(i.startswith("KAZQ") for i in ids)
    for r in rows:
        assert r["sub_event_type"] in ACLED_TYPES[r["event_type"]], r
        assert r["disorder_type"] in (
            "Political violence",
            "Demonstrations",
            "Strategic developments",
            "Political violence; Demonstrations",
        )
        if r["sub_event_type"] == "Excessive force against protesters":
            assert r["disorder_type"] == "Political violence; Demonstrations"
        inter1, inter2, inter = int(r["inter1"]), int(r["inter2"]), int(r["interaction"])
        assert 1 <= inter1 <= 8 and 0 <= inter2 <= 8
        assert inter == (inter1 * 10 if inter2 == 0 else min(inter1, inter2) * 10 + max(inter1, inter2))
        assert (inter2 == 0) == (r["actor2"] == "") and r["actor1"]
        assert r["time_precision"] in ("1", "2", "3") and r["geo_precision"] in ("1", "2", "3")
        assert r["civilian_targeting"] in ("", "Civilians targeted")
        assert date.fromisoformat(r["event_date"]).year == int(r["year"])
        assert (r["iso"], r["country"]) == ("398", "Kazakhstan")
        assert r["location"] and r["admin1"] and r["source"] and r["notes"]
        assert 40 <= float(r["latitude"]) <= 56 and 46 <= float(r["longitude"]) <= 88
        assert len(r["latitude"].split(".")[1]) == 4
        assert int(r["fatalities"]) >= 0 and r["timestamp"] == "1700000000"
        if r["event_type"] == "Riots":
            assert "Protesters" not in r["actor1"] + r["actor2"]  # rioters, in ACLED's naming
        if r["event_type"] == "Battles":
            assert {inter1, inter2} <= {1, 2, 3, 4, 8}


def test_every_events_row_is_exported_merged_or_excluded_with_a_reason(exports: dict[str, Path]) -> None:
    _, rows = read_rows(exports["acled"])
    _, others = read_rows(acled_excluded(exports["acled"]))
    events = {r["event_id"]: r for r in _csv_rows("events")}
    led = {r["notes"].split("Qantar row ")[1].split(";")[0].rstrip(".") for r in rows}
    assert sorted(r["event_id"] for r in others) == sorted(events)  # every events row, once
    assert led == {r["event_id"] for r in others if r["status"] == "exported"}
    assert all(r["reason"].strip() and r["status"] in ("exported", "aggregated", "merged", "excluded") for r in others)
    assert all(bool(r["basis"]) == (r["status"] == "exported") for r in others)
    reasons = {r["event_id"]: r["reason"] for r in others}
    for eid, ev in events.items():
        if ev["background"] == "true":
            assert "background" in reasons[eid]
        if not ev["actor1"]:
            assert "no actor1" in reasons[eid]
    inside = {r["event_id_cnty"] for r in others if r["status"] != "excluded"}
    assert inside == {r["event_id_cnty"] for r in rows}


def acled_excluded(path: Path) -> Path:
    return path.with_name(path.stem + ".excluded.csv")


def test_acled_rules() -> None:
    assert acled.interaction(7, 3) == 37 and acled.interaction(2, 0) == 20 and acled.interaction(1, 6) == 16
    d = date
    assert acled.time_precision(d(2022, 1, 5), d(2022, 1, 5), "day") == 1
    assert acled.time_precision(d(2022, 1, 2), d(2022, 1, 8), "range") == 2
    assert acled.time_precision(d(2022, 1, 2), d(2022, 1, 9), "range") == 3
    assert acled.time_precision(d(2021, 12, 1), d(2022, 1, 2), "range") is None  # 33 days: less than a month's info
    assert acled.reference_date(d(2022, 1, 2), d(2022, 1, 8), "range") == d(2022, 1, 5)
    assert acled.reference_date(d(2022, 1, 5), d(2022, 1, 6), "range") == d(2022, 1, 5)
    assert acled.inter_code("Protesters (Kazakhstan)") == 6 and acled.inter_code("Rioters (Kazakhstan)") == 5
    assert acled.inter_code("Police Forces of Kazakhstan (2019-)") == 1 and acled.inter_code("") == 0
    assert acled.inter_code("CSTO") == 8 and acled.inter_code("Unidentified Armed Group (Kazakhstan)") == 3
    assert acled.inter_code("Airlines") is None
    assert acled.acled_actor("Protesters (Kazakhstan)", 6, "Riots") == "Rioters (Kazakhstan)"
    assert acled.civilian_targeting("Protests", "Excessive force against protesters", 6) == "Civilians targeted"
    assert acled.civilian_targeting("Protests", "Peaceful protest", 0) == ""


def test_acled_exclusion_column_is_used(data_copy: Path, tmp_path: Path) -> None:
    header, rows = read_rows(data_copy / "events.csv")
    for r in rows:
        if r["event_id"] == "ev001":
            r["acled_exclusion"] = "test reason: not coded"
    with (data_copy / "events.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "a.csv"
    assert _run("--format", "acled", "--out", str(out), "--data-dir", str(data_copy)) == 0
    reasons = {r["event_id"]: r["reason"] for r in read_rows(acled_excluded(out))[1]}
    assert reasons["ev001"].startswith("test reason: not coded")
    assert "KAZQ001" not in out.read_text(encoding="utf-8")


def test_sqlite_keys_and_row_counts(exports: dict[str, Path]) -> None:
    con = sqlite3.connect(exports["sqlite"])
    try:
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        for name in TABLE_FILES:
            assert con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == len(_csv_rows(name)), name
        fks = {(r[3], r[2]) for r in con.execute("PRAGMA foreign_key_list(events)")}
        assert ("place_id", "places") in fks and ("doc_id", "sources") in fks
        pk = [r[1] for r in con.execute("PRAGMA table_info(events)") if r[5]]
        assert pk == ["event_id"]
        assert con.execute("SELECT typeof(geo_precision), typeof(date_start) FROM events LIMIT 1").fetchone() == (
            "integer",
            "text",
        )
        assert con.execute("SELECT typeof(latitude) FROM places WHERE place_id='almaty'").fetchone() == ("real",)
    finally:
        con.close()


def test_xlsx_sheets_match_the_csvs(exports: dict[str, Path]) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(exports["xlsx"])
    assert wb.sheetnames[0] == "README" and "data_dictionary" in wb.sheetnames
    for name in TABLE_FILES:
        header, rows = read_rows(settings.data_dir() / f"{name}.csv")
        sheet = wb[name]
        assert sheet.max_row - 1 == len(rows), name
        assert [c.value for c in sheet[1]] == header
    readme = {r[0]: r[1] for r in wb["README"].iter_rows(min_row=2, values_only=True)}
    assert "CC" in readme["Licence"] and "4.0" in readme["Licence"] and readme["Data version"]
    desc = json.loads((settings.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    n_fields = sum(len(r["schema"]["fields"]) for r in desc["resources"])
    assert wb["data_dictionary"].max_row - 1 == n_fields


def test_xlsx_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from qantar import load
    from qantar.export import export_xlsx

    ds = load()
    evil = ['=HYPERLINK("http://evil","x")', "+1+1", "-2", "@SUM(A1)"]
    for row, text in zip(ds.report.tables["events"], evil, strict=False):  # the first four events
        row["description"] = text
    out = tmp_path / "evil.xlsx"
    export_xlsx(ds, out)
    sheet = load_workbook(out)["events"]
    col = [c.value for c in sheet[1]].index("description")
    cells = [sheet.cell(row=i + 2, column=col + 1) for i in range(len(evil))]
    assert [c.value for c in cells] == evil
    assert all(c.data_type == "s" for c in cells)


def test_geojson_cities_equal_the_city_summary(exports: dict[str, Path], dataset) -> None:
    from qantar import derive

    collection = json.loads(exports["geojson"].read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    summary = derive.city_summary(dataset, None, None)
    features = collection["features"]
    assert [f["properties"]["place_id"] for f in features] == list(summary["city_id"])
    places = dataset.places.set_index("place_id")
    for f in features:
        lon, lat = f["geometry"]["coordinates"]
        p = places.loc[f["properties"]["place_id"]]
        assert f["geometry"]["type"] == "Point" and (lon, lat) == (p["longitude"], p["latitude"])  # RFC 7946: lon, lat
        props = f["properties"]
        assert props["n_events"] >= 1 and props["events"] and props["admin1"]
        assert all({"event_id", "date", "event_type", "description", "source"} <= set(e) for e in props["events"])


def test_refuses_to_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cities.geojson"
    out.write_text("keep me", encoding="utf-8")
    assert _run("--format", "geojson", "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert "exists; pass --force" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "keep me"
    assert _run("--format", "geojson", "--out", str(out), "--force") == 0
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cities.geojson"]  # no temporary file left behind


def test_acled_refuses_an_existing_excluded_file(tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    acled_excluded(out).write_text("mine", encoding="utf-8")
    assert _run("--format", "acled", "--out", str(out)) == 2
    assert not out.exists() and acled_excluded(out).read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("where", ["missing/out.sqlite", "."])
def test_unusable_out_is_a_message(tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("--format", "sqlite", "--out", str(tmp_path / where)) == 2
    err = capsys.readouterr().err
    assert err.startswith("qantar export: --out") and "Traceback" not in err


# --- what --out may be: a regular file or a new path, never an input, mode from the umask -------------------------


def _special_outs(tmp_path: Path) -> dict[str, Path]:
    """Existing paths that are not regular files: a FIFO, a symlink to a file, a dangling symlink, a socket."""
    import socket

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    target = tmp_path / "real.csv"
    target.write_text("mine", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "nowhere.csv")
    sock_path = tmp_path / "sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    sock.close()
    return {"fifo": fifo, "symlink": link, "dangling symlink": dangling, "socket": sock_path}


@pytest.mark.parametrize("kind", ["fifo", "symlink", "dangling symlink", "socket", "device"])
@pytest.mark.parametrize("fmt", ["geojson", "acled"])
def test_force_never_replaces_what_is_not_a_regular_file(
    tmp_path: Path, kind: str, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if kind == "device":
        # A device node of its own (never the machine's /dev/null: a regression would replace it for everyone).
        if os.geteuid() != 0:
            pytest.skip("creating a device node needs root; the FIFO and socket cases cover special files")
        out = tmp_path / "null"
        os.mknod(out, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    else:
        out = _special_outs(tmp_path)[kind]
    before = os.lstat(out)
    assert _run("--format", fmt, "--out", str(out), "--force") == 2
    err = capsys.readouterr().err
    assert "not a regular file" in err and str(out) in err and "Traceback" not in err, err
    after = os.lstat(out)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


def test_acled_refuses_a_special_excluded_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "acled.csv"
    os.mkfifo(acled_excluded(out))
    assert _run("--format", "acled", "--out", str(out), "--force") == 2
    assert "not a regular file" in capsys.readouterr().err
    assert not out.exists() and stat.S_ISFIFO(os.lstat(acled_excluded(out)).st_mode)


@pytest.mark.parametrize("name", ["sources.csv", "events.csv", "datapackage.json", "geo/new.geojson", "new.csv"])
def test_out_inside_the_dataset_is_refused(data_copy: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import snapshot

    before = snapshot(data_copy)
    out = data_copy / name
    assert _run("--format", "acled", "--out", str(out), "--force", "--data-dir", str(data_copy)) == 2
    err = capsys.readouterr().err
    assert "inside the dataset folder" in err and "Traceback" not in err, err
    assert snapshot(data_copy) == before


def test_out_inside_the_projects_data_folder_is_refused(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The project's data/ is refused even when another dataset is exported (a new name: a regression adds a file)."""
    from conftest import snapshot

    data = settings.project_root() / "data"
    before = snapshot(data)
    out = data / f".export-test-{os.getpid()}.csv"
    try:
        assert _run("--format", "acled", "--out", str(out), "--data-dir", str(data_copy)) == 2
        assert "inside the dataset folder" in capsys.readouterr().err
    finally:
        for path in (out, acled_excluded(out)):
            path.unlink(missing_ok=True)
    assert snapshot(data) == before


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
@pytest.mark.parametrize("fmt", ["geojson", "acled", "sqlite"])
def test_new_files_honour_the_umask(tmp_path: Path, umask: int, fmt: str) -> None:
    out = tmp_path / f"out.{'csv' if fmt == 'acled' else fmt}"
    old = os.umask(umask)
    try:
        assert _run("--format", fmt, "--out", str(out)) == 0
    finally:
        os.umask(old)
    written = [out, acled_excluded(out)] if fmt == "acled" else [out]
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask, (path, oct(path.stat().st_mode))


def test_force_keeps_the_replaced_files_mode(tmp_path: Path) -> None:
    out = tmp_path / "private.geojson"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    assert _run("--format", "geojson", "--out", str(out), "--force") == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.read_text(encoding="utf-8") != "old"


def test_xlsx_never_crashes_on_control_characters(data_copy: Path, tmp_path: Path) -> None:
    """Cells refuse control characters (validation); descriptor text may still hold them: the workbook shows U+FFFD."""
    from openpyxl import load_workbook

    path = data_copy / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    desc["description"] = "bell\x07 and vertical tab\x0b"
    desc["resources"][2]["schema"]["fields"][0]["description"] = "escape\x1b[31m"
    path.write_text(json.dumps(desc), encoding="utf-8")
    out = tmp_path / "q.xlsx"
    assert _run("--format", "xlsx", "--out", str(out), "--data-dir", str(data_copy)) == 0
    readme = {row[0]: row[1] for row in load_workbook(out)["README"].iter_rows(values_only=True)}
    assert readme["What this is"] == "bell\ufffd and vertical tab\ufffd"


@pytest.mark.parametrize("value", ["²", "١٢٣", "99999999999999999999", "253402300800", "-5", "1e9", "12.5", "now"])
@pytest.mark.parametrize("fmt", ["acled", "xlsx"])
def test_a_bad_source_date_epoch_is_a_message(tmp_path: Path, value: str, fmt: str) -> None:
    from cli import run_qantar

    out = tmp_path / ("a.csv" if fmt == "acled" else "a.xlsx")
    env = {**os.environ, "SOURCE_DATE_EPOCH": value}
    res = run_qantar("export", "--format", fmt, "--out", str(out), env=env)
    assert res.returncode == 2 and "SOURCE_DATE_EPOCH" in res.stderr and "internal error" not in res.stderr, res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and not out.exists()


def test_the_largest_source_date_epoch_is_accepted(tmp_path: Path) -> None:
    from cli import run_qantar

    out = tmp_path / "a.xlsx"
    res = run_qantar(
        "export", "--format", "xlsx", "--out", str(out), env={**os.environ, "SOURCE_DATE_EPOCH": "253402300799"}
    )
    assert res.returncode == 0, res.stderr
