"""Figures at scale: large inputs draw a bounded, readable figure that says what it leaves out (no timings)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from qantar import derive, display  # noqa: E402
from qantar.figures import casualties, reactions, timeline  # noqa: E402
from qantar.notebook import frame_text  # noqa: E402
from qantar.params import check_window  # noqa: E402

WINDOW = check_window("2022-01-02", "2022-01-10")
pytestmark = pytest.mark.usefixtures("_close_figures")  # conftest: every figure a test drew is closed after it


def _figure_texts(fig) -> str:
    return "\n".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


def test_a_300_fact_coverage_matrix_draws_at_most_the_cap_and_says_how_many_are_left_out() -> None:
    docs = ["000_a", "001_b", "002_c"]
    matrix = pd.DataFrame(
        [[i % 2, (i // 2) % 2, int(i % 7 == 0)] for i in range(300)],
        index=[f"fact{i:03d}" for i in range(300)],
        columns=docs,
    )
    labels = {f: f"label {f}" for f in matrix.index}  # all different: nothing merges
    fig = timeline.plot_coverage(matrix, labels, {d: d for d in docs}, "C")
    ax = fig.axes[0]
    drawn = len(ax.get_yticklabels())
    assert drawn == timeline.MAX_COVERAGE_ROWS
    assert fig.get_size_inches()[1] < 25
    text = _figure_texts(fig)
    assert f"{300 - drawn} facts of 300 not drawn" in text and "source_coverage_matrix.csv" in text
    # The most-cited facts are the ones kept: every fact cited by 3 documents (i % 7 == 0, i % 4 == 3) is drawn.
    kept = {t.get_text() for t in ax.get_yticklabels()}
    assert all(f"label {f}" in kept for f in matrix.index[matrix.sum(axis=1) == 3])
    # One mark per filled cell, in one collection (not one text artist per cell).
    offsets = [c.get_offsets() for c in ax.collections]
    assert len(offsets) == 1 and len(offsets[0]) == int(timeline.coverage_rows(matrix, labels)[0].to_numpy().sum())
    assert not ax.texts


def test_identical_coverage_rows_are_one_row_with_a_count() -> None:
    matrix = pd.DataFrame([[1, 0], [1, 0], [0, 1]], index=["a", "a_r1", "b"], columns=["d1", "d2"])
    labels = {"a": "5 Jan · clash · Almaty", "a_r1": "5 Jan · clash · Almaty", "b": "6 Jan · clash · Almaty"}
    fig = timeline.plot_coverage(matrix, labels, {}, "C")
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks == ["5 Jan · clash · Almaty (×2)", "6 Jan · clash · Almaty"]
    assert "not drawn" not in _figure_texts(fig)  # merged, not left out


def _claims(dataset) -> tuple[pd.DataFrame, pd.DataFrame]:
    claims = derive.casualty_claims(dataset, measures=["killed"], start=WINDOW.start, end=WINDOW.end)
    return claims, derive.casualty_series(claims)


def _marks(ax) -> int:
    return sum(len(c.get_offsets()) for c in ax.collections if type(c).__name__ == "PathCollection")


def test_identical_claims_merge_into_one_mark(dataset) -> None:
    claims, series = _claims(dataset)
    plotted = claims[claims["acled"].notna()]
    tripled = pd.concat([claims, claims, claims], ignore_index=True)
    fig = casualties.plot_casualties(tripled, series, ["killed"], "C", WINDOW.days, {})
    ax = fig.axes[0]
    assert _marks(ax) == len(plotted)
    assert "18 · Interior Min. via Khabar 24 [004] ×3" in {t.get_text() for t in ax.texts}
    assert "×N: N identical records" in _figure_texts(fig)


def test_casualty_labels_are_capped_per_panel_and_the_rest_counted(dataset) -> None:
    claims, series = _claims(dataset)
    row = claims[claims["acled"].notna()].iloc[[0]]
    # 60 distinct figures (different values) on one day: more than the cap.
    many = pd.concat([row.assign(value=v, acled=v, low=v, high=v) for v in range(1, 61)], ignore_index=True)
    fig = casualties.plot_casualties(many, series.iloc[0:0], ["killed"], "C", WINDOW.days, {})
    ax = fig.axes[0]
    assert _marks(ax) == 60
    labels = [t for t in ax.texts if " · " in t.get_text()]
    # At most the cap; fewer where the panel has no free place for a label (labels never overlap or leave it).
    assert casualties.MAX_LABELS - 10 <= len(labels) <= casualties.MAX_LABELS
    assert f"{60 - len(labels)} marks not labelled" in _figure_texts(fig)


def test_scope_legend_uses_display_names(dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    claims, series = _claims(dataset)
    monkeypatch.setitem(display.SCOPE_LABELS, "kz", "whole country")
    fig = casualties.plot_casualties(claims, series, ["killed"], "C", WINDOW.days, {})
    legend = {t.get_text() for lg in fig.legends for t in lg.get_texts()}
    assert "whole country (filled)" in legend and "Almaty only (hollow)" in legend


def test_day_positions_match_the_slot_rule(dataset) -> None:
    claims, _ = _claims(dataset)
    plotted = claims[claims["acled"].notna()]
    x = casualties.day_positions(plotted, WINDOW.days)
    day = {pd.Timestamp(d): i for i, d in enumerate(WINDOW.days)}
    for d, grp in plotted.groupby("as_of_date"):
        keys = sorted(
            {
                (str(g), str(s), str(doc))
                for g, s, doc in zip(grp["group"], grp["scope_place_id"], grp["doc_id"], strict=True)
            }
        )
        width = casualties.SLOT_WIDTH / len(keys)
        for idx, r in grp.iterrows():
            slot = keys.index((str(r["group"]), str(r["scope_place_id"]), str(r["doc_id"])))
            assert x[idx] == pytest.approx(day[d] - casualties.SLOT_WIDTH / 2 + width * (slot + 0.5))


def test_repeated_reactions_are_one_mark_with_a_count_and_stay_in_their_row(dataset) -> None:
    rv = derive.reactions_view(dataset)
    single = reactions.plot_reaction_timeline(rv, "T")
    repeated = reactions.plot_reaction_timeline(pd.concat([rv] * 5, ignore_index=True), "T")
    ax1, ax5 = single.axes[0], repeated.axes[0]
    assert _marks(ax5) == _marks(ax1) < len(rv)  # merged, at 1x too (two pairs are alike)
    counts = {t.get_text() for t in ax5.texts}
    assert "×5" in counts and "×10" in counts
    n_rows = rv["speaks_for"].nunique()
    for c in ax5.collections:
        if type(c).__name__ == "PathCollection":
            ys = c.get_offsets()[:, 1]
            assert ((ys - np.floor(ys)) <= 0.8 + 1e-9).all() and ys.max() < n_rows


def test_frame_text_prints_small_frames_as_to_string_and_cuts_large_ones() -> None:
    small = pd.DataFrame({"a": range(100), "b": ["x"] * 100})
    assert frame_text(small, index=False) == small.to_string(index=False)
    big = pd.DataFrame({"a": range(250)})
    text = frame_text(big)
    assert text.splitlines()[:101] == big.head(100).to_string().splitlines()
    assert text.splitlines()[-1] == "… 250 rows in all; the first 100 are printed" and len(text.splitlines()) == 102


def test_interactive_casualties_merge_identical_claims_and_say_so_in_the_hover(dataset) -> None:
    claims, series = _claims(dataset)
    tripled = pd.concat([claims, claims, claims], ignore_index=True)
    fig = casualties.interactive_casualties(tripled, series, ["killed"], "C", WINDOW.days, {})
    points = sum(len(t.x) for t in fig.data if t.mode == "markers")
    assert points == int(claims["acled"].notna().sum())
    hover = " ".join(h for t in fig.data if t.hovertext for h in t.hovertext)
    assert "3 identical records of this figure" in hover
