"""Output hygiene: CSVs cannot run formulas, hover text is escaped once, and '$' in data never starts mathtext."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from conftest import read_rows, write_rows
from qantar import settings
from qantar.tables import neutralise, write_csv


def test_csv_writer_neutralises_formulas(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "text": ['=HYPERLINK("http://evil","x")', "@SUM(1+1)", "+33 phone", "-minus", "\tTAB", "plain", None],
            "count": [-1, 2, 3, 4, 5, 6, 7],
        }
    )
    path = write_csv(frame, tmp_path / "out.csv")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert [r["text"] for r in rows] == [
        '\'=HYPERLINK("http://evil","x")',
        "'@SUM(1+1)",
        "'+33 phone",
        "'-minus",
        "'\tTAB",
        "plain",
        "",
    ]
    assert rows[0]["count"] == "-1"  # numbers are numbers, never prefixed
    assert neutralise(-5) == -5 and neutralise("ok") == "ok"


def test_no_published_csv_bypasses_the_safe_writer() -> None:
    """Every CSV the notebooks and the lib publish goes through qantar.tables (one definition)."""
    offenders = []
    for path in [*settings.notebooks_dir().glob("*.ipynb"), *(settings.project_root() / "lib").rglob("*.py")]:
        if path.name == "tables.py":
            continue
        if re.search(r"\.to_csv\(|csv\.writer\(|csv\.DictWriter\(", path.read_text(encoding="utf-8")):
            offenders.append(path.name)
    assert offenders == []


DOLLARS = r"$\undefinedcommand{x}$ costs $5$"


def _poisoned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A dataset copy whose names carry mathtext-breaking '$' text (evidence unchecked: no texts)."""
    import shutil

    from qantar import load

    data = tmp_path / "data"
    shutil.copytree(settings.data_dir(), data)
    for name, column in (("places.csv", "name"), ("reactions.csv", "actor")):
        header, rows = read_rows(data / name)
        for row in rows:
            row[column] = f"{row[column]} {DOLLARS}"[:80]
        write_rows(data / name, header, rows)
    monkeypatch.delenv(settings.TEXTS_ENV, raising=False)
    return load(data_dir=data)


@pytest.mark.slow
def test_dollar_signs_reach_matplotlib_literally(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib

    from qantar import derive, geo
    from qantar.figures import maps, reactions, style
    from qantar.params import Window

    ds = _poisoned(tmp_path, monkeypatch)
    w = Window(settings.DEFAULT_START, settings.DEFAULT_END)
    rv = derive.reactions_view(ds)
    figures = {
        "map": maps.static_protest_map(
            derive.city_summary(ds, w.start, w.end),
            geo.load_regions(),
            geo.load_countries(),
            f"Cities {DOLLARS}",
            geo.MAP_BOUNDS,
        ),
        "stances": reactions.plot_stance_bars(derive.stance_counts(rv, by="actor"), "Stances", "actor"),
        "timeline": reactions.plot_reaction_timeline(rv, "Statements"),
        "network": reactions.plot_call_network(derive.call_network(rv), "Calls"),
    }
    for name, fig in figures.items():
        path = style.save_png(fig, tmp_path, name)  # raised ValueError in mathtext before the fix
        assert path.stat().st_size > 1000
        texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
        assert any("$" in t for t in texts), name  # the text is there, drawn as typed
    # Control: with mathtext on, the same text does break a figure, so this test can fail.
    fig = figures["stances"]
    with matplotlib.rc_context({"text.parse_math": True}):
        broken = matplotlib.figure.Figure()
        broken.text(0.5, 0.5, DOLLARS)
        with pytest.raises(ValueError):
            broken.savefig(tmp_path / "control.png")
    assert fig is not None


@pytest.mark.browser
def test_hover_text_is_escaped_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A quotation mark shows as typed in the browser (not &quot;), and markup stays text."""
    from pw import offline_context
    from qantar import derive
    from qantar.figures import casualties, style

    shutil_data = tmp_path / "data"
    import shutil

    from qantar import load

    shutil.copytree(settings.data_dir(), shutil_data)
    header, rows = read_rows(shutil_data / "casualty_reports.csv")
    typed = 'He said "stop" & <b>left</b>'
    for row in rows:
        row["evidence"] = typed
    write_rows(shutil_data / "casualty_reports.csv", header, rows)
    monkeypatch.delenv(settings.TEXTS_ENV, raising=False)
    ds = load(data_dir=shutil_data)
    from qantar.display import source_labels
    from qantar.params import Window

    claims = derive.casualty_claims(ds, measures=["killed"], scopes=["kz"], groups=["security_forces"])
    days = Window(settings.DEFAULT_START, settings.DEFAULT_END).days
    fig = casualties.interactive_casualties(
        claims, derive.casualty_series(claims), ["killed"], "Killed", days, source_labels(ds)
    )
    path = style.save_standalone_html(fig, tmp_path / "fig", "claims")
    with offline_context() as (context, blocked):
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_selector(".scatterlayer .point")
        page.locator(".scatterlayer .point").first.hover(force=True)
        page.wait_for_selector(".hovertext")
        shown = page.locator(".hovertext").first.text_content()
    assert blocked == []
    assert typed in shown and "&quot;" not in shown and "&amp;" not in shown
