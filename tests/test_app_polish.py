"""The explorer app's polish (issue 20, point 9), without a browser: what the widgets say and what the lib gives them.

The browser half (login with a share link, the Copy button, the map's box on a phone, the chart's ticks) is in
tests/test_browser_app.py, which drives the app in Chromium.
"""

from __future__ import annotations

import logging
from datetime import date

import pytest

from qantar.explorer import compute_view, day_ticks
from qantar.selection import Selection


def _texts(widget) -> list[str]:
    """Every text value (HTML, labels, descriptions) in a widget tree."""
    out = [str(getattr(widget, name, "") or "") for name in ("value", "description")]
    for child in getattr(widget, "children", ()):
        out += _texts(child)
    return out


def test_casualty_ticks_name_the_month(dataset) -> None:
    """The chart's day ticks read '5 Jan' (day over month), not a bare '5'."""
    ticks = day_ticks(compute_view(dataset, Selection()))
    assert ticks["ticktext"][0] == "2<br>Jan" and ticks["ticktext"][-1] == "10<br>Jan"
    assert all(text.endswith("<br>Jan") for text in ticks["ticktext"])


@pytest.mark.slow
def test_timings_go_to_the_log_not_the_page(dataset, caplog) -> None:
    from qantar.app import Explorer

    app = Explorer(dataset)
    with caplog.at_level(logging.INFO, logger="qantar.app"):
        app.set(cities=["Almaty"])
    shown = " ".join(str(t) for t in _texts(app.widget) if not isinstance(t, tuple))
    assert "loaded in" not in shown and "last change" not in shown
    assert any("last change" in r.getMessage() for r in caplog.records)


@pytest.mark.slow
def test_load_button_says_what_it_does_without_a_file_count(dataset) -> None:
    """ipywidgets writes '<description> (<files>)' on the upload button: its label comes from the CSS instead."""
    from qantar.app import CSS, LOAD_LABEL, Explorer

    app = Explorer(dataset)
    assert app.load.description == "" and app.load.tooltip == LOAD_LABEL
    assert f'.qantar-load::after {{ content: "{LOAD_LABEL}";' in CSS


@pytest.mark.slow
def test_share_link_has_a_copy_button_beside_it(dataset) -> None:
    from qantar.app import COPY_TEXTS, Explorer

    app = Explorer(dataset)
    assert 'class="qantar-copy' in app.copy.value and COPY_TEXTS["label"] in app.copy.value
    # Its messages sit inside a quoted script: no quote or backslash may end the string early.
    assert not any(c in text for text in COPY_TEXTS.values() for c in "'\"\\<>&")
    row = next(box for box in app.widget.children if app.share in getattr(box, "children", ()))
    assert app.copy in row.children


def test_share_link_keeps_the_selection_in_the_query() -> None:
    """The server never sees a #fragment, so the login's `next` could not carry it: the link's state is a query."""
    sel = Selection(date(2022, 1, 4), date(2022, 1, 6), cities=("Almaty", "Aktau"), q="gas station")
    query = sel.to_query()
    assert "#" not in query and "cities=Almaty" in query and "q=gas" in query


def test_site_search_lists_a_record_once_per_page() -> None:
    """The reactions page has the same statement under four figures: the search box listed it four times."""
    from types import SimpleNamespace

    from qantar.report.pages import search_index

    row = {"text": "5 Jan 2022 · Emomali Rahmon · informs", "anchor": "fig-stances_by_state"}
    page = SimpleNamespace(
        name="reactions",
        result=SimpleNamespace(title="Reactions"),
        meta={
            "search": [row, {**row, "anchor": "fig-stances_by_actor"}, {**row, "anchor": "fig-reaction_timeline"}]
            + [{"text": "another row", "anchor": "fig-stances_by_actor"}]
        },
    )
    other = SimpleNamespace(name="reactions-foreign", result=SimpleNamespace(title="Foreign"), meta={"search": [row]})
    entries = search_index([page, other])
    texts = [(e["url"].split("/")[0], e["text"]) for e in entries]
    assert texts.count(("reactions", row["text"])) == 1
    assert ("reactions", "another row") in texts and ("reactions-foreign", row["text"]) in texts
    first = next(e for e in entries if e["text"] == row["text"])
    assert first["url"] == "reactions/index.html#fig-stances_by_state"


def test_the_executed_notebook_is_a_labelled_download() -> None:
    """Opened in a browser, an .ipynb shows raw JSON: the page offers it as a download and says what it is."""
    import re
    from types import SimpleNamespace

    from qantar.html import render

    page = SimpleNamespace(
        result=SimpleNamespace(title="Reactions", notebook="04_reaction_summaries.ipynb"),
        notebook_title="Reactions",
        meta={"window_label": "2–10 January 2022", "filters": {}},
    )
    html = render(
        "site/page.html.j2",
        page=page,
        nav=SimpleNamespace(prev=None, next=None, variants=[]),
        body="",
        built_at="2026-01-01 00:00 UTC",
        root="../",
        notebook_file="reactions.ipynb",
        cite=None,
    )
    links = re.findall(r'<a href="reactions\.ipynb"([^>]*)>([^<]*)</a>', html)
    assert len(links) == 1, links
    attrs, text = links[0]
    assert " download" in attrs and "download" in text.lower() and ".ipynb" in text and "Jupyter" in text


def test_call_network_finding_and_evidence_count_the_same_things(dataset) -> None:
    """'5 phone calls' (pairs of people) sat above 'Evidence: 9 calls' (statements made in calls): the evidence now
    counts statements, and the finding says how many statements the calls carry."""
    import json

    from qantar import derive, prose, settings

    rv = derive.reactions_view(dataset, start=settings.DEFAULT_START, end=settings.DEFAULT_END)
    edges = derive.call_edges(derive.call_network(rv))
    behind = derive.call_records(rv, edges)
    findings = prose.network_findings(edges)
    assert findings[0].startswith(f"{len(edges)} phone calls")
    assert len(behind) > len(edges)  # the case that read wrong: several statements in one call
    assert f"The texts report {len(behind)} statements made in these calls" in findings[1]
    notebook = json.loads((settings.notebooks_dir() / "04_reaction_summaries.ipynb").read_text())
    cell = next("".join(c["source"]) for c in notebook["cells"] if '"phone_call_network"' in "".join(c["source"]))
    assert (
        "calls = derive.call_records(rv, edges)" in cell
        and 'records=records.reactions(calls), noun="statement"' in cell
    )


def test_ciede2000_matches_the_published_test_pairs() -> None:
    """Sharma, Wu and Dalal (2005), pairs 1, 3, 17 and 34 of their table."""
    from qantar.figures.colours import delta_e2000, lab_delta_e2000

    pairs = [
        ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
        ((50, -1.3802, -84.2814), (50, 0, -82.7485), 1.0),
        ((50, 2.5, 0), (73, 25, -18), 27.1492),
        ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
    ]
    for lab1, lab2, want in pairs:
        assert lab_delta_e2000(lab1, lab2) == pytest.approx(want, abs=1e-4)
    assert delta_e2000("#000000", "#ffffff") == pytest.approx(100, abs=0.01)


def test_stance_palette_has_no_two_colours_alike() -> None:
    """The 14 stance colours had two greys 5 apart (CIEDE2000): every pair must be at least 12 apart."""
    from qantar.figures.colours import closest_pair
    from qantar.figures.style import STANCE_COLOURS

    assert len(set(STANCE_COLOURS.values())) == len(STANCE_COLOURS) == 14
    difference, a, b = closest_pair(STANCE_COLOURS.values())
    assert difference >= 12, (a, b, difference)


def _trace_colours(fig) -> set[str]:
    out: set[str] = set()
    for t in fig.data:
        for c in (t.marker.color, getattr(getattr(t, "line", None), "color", None), t.marker.line.color):
            if isinstance(c, str):
                out.add(c)
            elif c is not None:
                out.update(str(x) for x in c)
    return out


def test_app_screen_gives_each_colour_one_meaning(dataset) -> None:
    """The map (days), the timeline (event types) and the casualty chart (groups) share the app's screen: blue meant
    protests in one and security forces in the other. No two colours of different meaning may be under 18 apart."""
    from qantar.explorer import build_figures
    from qantar.figures.colours import closest_pair, delta_e2000
    from qantar.figures.style import DAY_COLOURS, OTHER_DAY

    figs = build_figures(dataset, compute_view(dataset, Selection()), only=("timeline", "casualties"))
    types = {str(t.marker.color) for t in figs["timeline"].data}
    assert len(types) == len(figs["timeline"].data) == 6
    others = _trace_colours(figs["casualties"]) | {*DAY_COLOURS.values(), OTHER_DAY}
    assert "#0072B2" in others  # the security forces' blue is on the screen
    worst = min((delta_e2000(a, b), a, b) for a in types for b in others)
    assert worst[0] >= 18, worst
    assert closest_pair(types)[0] >= 18


@pytest.mark.slow
def test_export_holds_png_and_svg_of_each_figure(dataset) -> None:
    """The export had the figures as interactive HTML only: each is there as PNG and SVG too (matplotlib, offline)."""
    import io
    import zipfile

    from qantar.explorer import export_zip

    with zipfile.ZipFile(io.BytesIO(export_zip(dataset, Selection(cities=("Almaty",))))) as zf:
        names = set(zf.namelist())
        for figure in ("map", "timeline", "casualties"):
            png = zf.read(f"qantar-selection/figures/{figure}.png")
            svg = zf.read(f"qantar-selection/figures/{figure}.svg").decode("utf-8")
            assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000, figure
            assert "<svg" in svg and "Almaty" in svg, figure  # text stays text (svg.fonttype none): the title
        readme = zf.read("qantar-selection/README.txt").decode()
    assert {f"qantar-selection/figures/{f}.html" for f in ("map", "timeline", "casualties")} <= names
    for figure in ("map", "timeline", "casualties"):  # the README names each image file and says what it is
        assert f"figures/{figure}.png: the figure as an image" in readme, readme
        assert f"figures/{figure}.svg: the figure as a vector image" in readme, readme
