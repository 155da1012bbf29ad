"""The landing page: opening findings computed from the data, and a card sentence particular to each run."""

from __future__ import annotations

import html as htmllib
import itertools
import re
from pathlib import Path

import pytest

from qantar import settings
from qantar.report import load_config


def _runs() -> list[tuple[str, str, dict | None]]:
    return [(s.name, s.notebook, s.parameters) for s in load_config(settings.default_config())]


def test_card_sentences_differ_pairwise_and_state_their_parameters(dataset) -> None:
    from qantar.landing import card_findings, run_for, scope_words

    cards = card_findings(dataset, _runs())
    assert set(cards) == {name for name, _, _ in _runs()} and all(cards.values())
    for (a, ta), (b, tb) in itertools.combinations(cards.items(), 2):
        assert ta != tb, (a, b, ta)
    finding = {}
    for name, notebook, params in _runs():
        if notebook.startswith("06_"):
            finding[name] = cards[name]  # the ACLED card is the comparison's own month
            continue
        scope = scope_words(run_for(dataset, notebook, params))
        assert cards[name].startswith(scope + ": "), name
        finding[name] = cards[name][len(scope) + 2 :]
    # The finding sentences themselves differ too, not only the parameters before them.
    for (a, ta), (b, tb) in itertools.combinations(finding.items(), 2):
        assert ta != tb, (a, b, ta)


def test_casualty_card_names_every_groups_highest_killed_figure(dataset) -> None:
    """The all-groups card names the highest toll and each group's highest figure (words like 'dozens' too)."""
    from qantar import derive, display
    from qantar.landing import card_finding, highest_figures, run_for

    run = run_for(dataset, "03_casualties_over_time")
    card = card_finding(run)
    claims = derive.casualty_claims(dataset, start=run.window.start, end=run.window.end, **run.filters)
    top = highest_figures(derive.toll_periods(claims, derive.casualty_series(claims), run.window.start, run.window.end))
    killed = top[top["measure"].astype(str) == "killed"]
    assert len(killed) >= 3
    for _, row in killed.iterrows():
        words = display.claim_text(row["top_qualifier"], row["top_value"])
        group = str(row["group"])
        expect = "in all" if group == "unspecified" else display.GROUP_SHORT[group]
        assert re.search(re.escape(words) + r"( of)? " + re.escape(expect), card), (words, expect, card)
    assert f"highest killed {int(killed['_fig'].max()):,}" in card


def _edit_value(edit_table, report_id: str, new: int) -> Path:
    def mutate(header: list[str], rows: list[dict[str, str]]) -> None:
        row = next(r for r in rows if r["report_id"] == report_id)
        old = row["value"]
        for key in ("value", "low", "high"):
            if row[key] == old:
                row[key] = str(new)
        row["evidence"] = row["evidence"].replace(old, str(new))

    return edit_table("casualty_reports.csv", mutate)


def test_headline_findings_come_from_the_data(dataset, edit_table) -> None:
    """Change the highest toll in a copy of the data: the opening finding and the card follow it."""
    from qantar import load
    from qantar.landing import card_findings, headline_findings

    claims = dataset.casualty_reports
    top = claims[(claims["measure"] == "killed") & (claims["scope_place_id"] == "kz")]
    top = top[(top["as_of_date"] <= str(settings.CASUALTY_DEFAULT_END)) & top["value"].notna()]
    top = top.sort_values(["value", "as_of_date"]).iloc[-1]
    old, new = int(top["value"]), int(top["value"]) + 13
    before = headline_findings(dataset, _runs())
    assert len(before) in (3, 4) and {h["run"] for h in before} >= {"casualties", "overview", "map"}
    assert f" {old:,} " in before[0]["text"] and f"{new:,}" not in before[0]["text"]
    edited = load(_edit_value(edit_table, str(top["report_id"]), new))
    after = headline_findings(edited, _runs())
    assert f" {new:,} " in after[0]["text"] and f" {old:,} " not in after[0]["text"]
    # The map and the reactions do not depend on the toll (the disagreements may: 238 against a disputed 238).
    assert [h["text"] for h in after if h["run"] in ("map", "reactions")] == [
        h["text"] for h in before if h["run"] in ("map", "reactions")
    ]
    assert f"{new:,}" in card_findings(edited, _runs())["casualties"]


def test_reaction_and_spread_findings_follow_the_data(dataset, edit_table) -> None:
    from qantar import load
    from qantar.landing import headline_findings

    before = {h["run"]: h["text"] for h in headline_findings(dataset, _runs())}

    def drop_one(header: list[str], rows: list[dict[str, str]]) -> None:
        first = next(r for r in rows if r["date_start"] == "2022-01-06")
        rows.remove(first)

    after = {h["run"]: h["text"] for h in headline_findings(load(edit_table("reactions.csv", drop_one)), _runs())}
    n_before = int(re.search(r"in (\d+) statements", before["reactions"]).group(1))
    assert f"in {n_before - 1} statements" in after["reactions"]


@pytest.mark.slow
def test_landing_page_opens_with_findings_that_link_to_their_pages(report_set: Path) -> None:
    page = (report_set / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<section class="headline-findings".*?</section>', page, re.S)
    assert block and block.start() < page.index('class="lede"')
    links = re.findall(r'<li>(.*?) <a href="([^"]+)">See [^<]+</a></li>', block.group(0), re.S)
    assert 3 <= len(links) <= 4
    for text, href in links:
        target, _, anchor = href.partition("#")
        body = (report_set / target).read_text(encoding="utf-8")
        assert not anchor or f'id="{anchor}"' in body, href
        assert re.search(r"\d", text)
    cards = [htmllib.unescape(t) for t in re.findall(r'<p class="card-finding">(.*?)</p>', page, re.S)]
    assert len(cards) == len(_runs()) and len(set(cards)) == len(cards) and all(cards)


@pytest.mark.slow
def test_every_page_ends_with_cite_this(report_set: Path) -> None:
    """Plain text and BibTeX on every page and the dataset page, accessed on the build date."""
    import json

    built = json.loads((report_set / ".qantar-report-set").read_text(encoding="utf-8"))["built_at"][:10]
    pages = [report_set / "index.html", report_set / "dataset" / "index.html"]
    pages += [report_set / name / "index.html" for name, _, _ in _runs()]
    for path in pages:
        text = path.read_text(encoding="utf-8")
        block = re.search(r'<section class="cite-this".*?</section>', text, re.S)
        assert block, path
        assert "Qantar contributors" in block.group(0) and f"urldate = {{{built}}}" in block.group(0), path
        assert "@misc{" in block.group(0) and "How to cite:" not in text, path
        for href in re.findall(r'href="([^"#]+)"', block.group(0)):
            assert (path.parent / href).is_file(), (path, href)


def test_people_toll_caveat_follows_the_data(dataset, edit_table) -> None:
    """The caveat on protester deaths says 'dozens' while that is all the texts give, and a number once one is."""
    from qantar import load
    from qantar.prose import people_toll_caveat

    assert "protesters’ deaths only as “dozens”" in people_toll_caveat(dataset)
    report = dataset.casualty_reports
    rid = str(report[(report["group"] == "protesters") & (report["measure"] == "killed")]["report_id"].iloc[0])

    def to_number(header: list[str], rows: list[dict[str, str]]) -> None:
        row = next(r for r in rows if r["report_id"] == rid)
        row.update(qualifier="exact", value="41", low="41", high="41", scope_place_id="kz")

    text = people_toll_caveat(load(edit_table("casualty_reports.csv", to_number)))
    assert "protesters’ deaths as 41 nationwide at the highest" in text and "dozens" not in text
