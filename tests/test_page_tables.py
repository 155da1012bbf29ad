"""Records tables as a page renders them: human column headings, cell classes for the card order, one-line short
cells and the printed evidence, and a printed note instead of the same evidence twice."""

from __future__ import annotations

import html as html_mod
import re
from types import SimpleNamespace

import pandas as pd

from qantar import display


def _page(dataset, tmp_path, monkeypatch):
    from qantar import page as page_mod

    shown: list[str] = []
    monkeypatch.setattr(page_mod.Page, "_show", lambda self, html, text: shown.append(html))
    page = page_mod.Page(SimpleNamespace(ds=dataset, out_dir=tmp_path))  # type: ignore[arg-type]
    return page, shown


def _records(dataset) -> pd.DataFrame:
    doc = dataset.sources["doc_id"].iloc[0]
    return pd.DataFrame(
        {
            "as_of": pd.to_datetime(["2022-01-05", "2022-01-06"]),
            "acled_figure": [8, 12],
            "stated_by": ["Interior Ministry via Khabar 24", "the authorities"],
            "doc_id": [doc, doc],
            "evidence": ["eight killed", "a sentence of the text that is long enough to wrap as a paragraph " * 2],
        }
    )


def test_columns_read_as_words_and_cells_carry_their_card_role(dataset, tmp_path, monkeypatch) -> None:
    page, shown = _page(dataset, tmp_path, monkeypatch)
    page.figure("f", title="F", caption="c", alt="a", data=_records(dataset), records=_records(dataset), noun="figure")
    html = html_mod.unescape(shown[-1])
    heads = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', html)
    assert heads == ["as of", display.column_label("acled_figure"), "given by", "source", "the text's words"]
    assert "acled figure" not in heads and display.column_label("acled_figure") != "acled figure"
    row = re.findall(r'<td data-label="([^"]+)"(?: class="([^"]*)")?>', html)[:5]
    classes = {label: set(cls.split()) for label, cls in row}
    assert classes["as of"] == {"short", "lead-date"}
    assert classes[display.column_label("acled_figure")] == {"num", "short"}
    assert classes["given by"] == set()  # neither short (one cell is long) nor a paragraph
    assert "lead-source" in classes["source"] and "lead-sentence" in classes["the text's words"]
    assert "long" in classes["the text's words"]


def test_the_same_evidence_prints_once_per_page(dataset, tmp_path, monkeypatch) -> None:
    page, shown = _page(dataset, tmp_path, monkeypatch)
    rec = _records(dataset)
    page.figure("one", title="First chart", caption="c", alt="a", data=rec, records=rec, noun="figure")
    page.figure("two", title="Second chart", caption="c", alt="a", data=rec, records=rec, noun="figure")
    page.figure("three", title="Third chart", caption="c", alt="a", data=rec, records=rec.head(1), noun="figure")
    first, second, third = shown[-3:]
    assert "evidence-print repeat" not in first and "Evidence: 2 figures behind this figure" in first
    assert "evidence-print repeat" in second and "the same 2 figures as under \u201cFirst chart\u201d" in second
    assert "evidence-print repeat" not in third and "Evidence: 1 figure behind this figure" in third
    page.figure(
        "four", title="Fourth", caption="c", alt="a", data=rec, records=rec.drop(columns="evidence"), noun="row"
    )
    assert "Evidence: 2 rows behind this figure." in shown[-1]  # no sentence to print, so none is promised


def test_a_sentence_printed_above_is_not_printed_again(dataset, tmp_path, monkeypatch) -> None:
    page, shown = _page(dataset, tmp_path, monkeypatch)
    rec = _records(dataset)
    page.figure("one", title="First chart", caption="c", alt="a", data=rec, records=rec.head(1), noun="figure")
    twice = pd.concat([rec, rec.tail(1).assign(acled_figure=99)], ignore_index=True)  # a sentence read twice
    page.figure("two", title="Second chart", caption="c", alt="a", data=rec, records=twice, noun="figure")
    first, second = shown[-2:]
    assert 'data-print="seen"' not in first
    rows = re.findall(r"<tr( data-print=\"seen\")?><td", second)
    assert rows == [' data-print="seen"', "", ' data-print="seen"']  # printed in the first chart; new; a repeat
    assert "3 figures behind this figure; printed here: the 1 sentence not printed above" in second
    page.figure("three", title="Third chart", caption="c", alt="a", data=rec, records=rec.tail(1), noun="figure")
    assert "the sentences they rest on are printed above" in shown[-1]
