"""The casualty chart across months (issue 19, point 3): a broken time axis, a series that never steps down,
withdrawn claims drawn as withdrawn and kept out of the line, hovers with outlet, date and sentence, and one
finding per period computed from the claims."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from qantar import derive, params, prose  # noqa: E402
from qantar.figures import casualties  # noqa: E402

WINDOW = params.Window(date(2022, 1, 2), date(2022, 8, 31))
LABELS = {"d1": "Outlet One, 15 Jan 2022", "d2": "Outlet Two, 17 Jan 2022", "d3": "Outlet Three, 14 Mar 2022"}


def _frame(rows: list[tuple]) -> pd.DataFrame:
    cols = ["report_id", "doc_id", "as_of_date", "group", "value", "stated_by", "status", "evidence"]
    f = pd.DataFrame(rows, columns=cols)
    f["as_of_date"] = pd.to_datetime(f["as_of_date"])
    f["value"] = f["value"].astype("Int64")
    return f.assign(
        scope_place_id="kz",
        measure="killed",
        period="cumulative",
        qualifier="exact",
        acled=f["value"],
        low=f["value"],
        high=f["value"],
        relayed_by=None,
    )


@pytest.fixture
def claims() -> pd.DataFrame:
    """8 (5 Jan), 225 (15 Jan), a withdrawn 164 (16 Jan), a lower 200 from another speaker (17 Jan), 230 (14 Mar),
    232 (30 Jun) with a part of it, 6, the same day, 238 (16 Aug)."""
    return _frame(
        [
            ("r0", "d1", "2022-01-05", "unspecified", 8, "interior_ministry", "stated", "eight were killed"),
            ("r1", "d1", "2022-01-15", "unspecified", 225, "prosecutor_general", "stated", "225 people died"),
            ("r2", "d2", "2022-01-16", "unspecified", 164, "health_ministry", "withdrawn", "164 people died"),
            ("r3", "d2", "2022-01-17", "unspecified", 200, "authorities", "stated", "some 200 died"),
            ("r4", "d3", "2022-03-14", "unspecified", 230, "prosecutor_general", "stated", "230 people died"),
            ("r5", "d3", "2022-06-30", "unspecified", 232, "prosecutor_general", "stated", "232 in June"),
            ("r6", "d3", "2022-08-16", "unspecified", 238, "authorities", "stated", "238 people died"),
            ("r7", "d3", "2022-06-30", "unspecified", 6, "prosecutor_general", "stated", "six died in custody"),
        ]
    )


def test_series_never_steps_down_and_leaves_withdrawn_claims_out(claims: pd.DataFrame) -> None:
    series = derive.casualty_series(claims)
    assert series["series"].tolist() == [8, 225, 225, 230, 232, 238]  # no point for the withdrawn 164 of 16 January
    assert "r2" not in set(series["report_id"]) | set(series["series_report_id"])
    assert series["series"].is_monotonic_increasing
    assert series.set_index("report_id").loc["r3", "carried"]  # the later, lower 200 is a point, not a drop
    assert series["series_stated_by"].tolist()[-3:] == ["prosecutor_general", "prosecutor_general", "authorities"]


def _step_ys(ax) -> set[float]:
    return {float(y) for line in ax.get_lines() if line.get_alpha() == 0.35 for y in line.get_ydata()}


def test_withdrawn_claim_is_a_crossed_grey_mark_never_on_the_line(claims: pd.DataFrame) -> None:
    series = derive.casualty_series(claims)
    fig = casualties.plot_casualties(claims, series, ["killed"], "T", WINDOW.days, LABELS)
    ax = fig.axes[0]
    marks = [c for c in ax.collections if type(c).__name__ == "PathCollection"]
    assert sum(len(c.get_offsets()) for c in marks) == len(claims)  # every claim is a mark, the withdrawn one too
    grey = [c for c in marks if matplotlib.colors.to_hex(c.get_edgecolor()[0]) == casualties.WITHDRAWN_COLOUR]
    assert len(grey) == 1 and grey[0].get_offsets()[:, 1].tolist() == [164.0]
    assert 164.0 not in _step_ys(ax) and {8.0, 225.0, 230.0} <= _step_ys(ax)
    assert any(t.get_text().endswith("· withdrawn") and t.get_text().startswith("164") for t in ax.texts)
    legend = {t.get_text() for lg in fig.legends for t in lg.get_texts()}
    assert casualties.LINE_LABEL in legend and "withdrawn (not in the line)" in legend
    interactive = casualties.interactive_casualties(claims, series, ["killed"], "T", WINDOW.days, LABELS)
    withdrawn = [t for t in interactive.data if t.name == "withdrawn (not in the line)"]
    assert len(withdrawn) == 1 and list(withdrawn[0].y) == [164.0] and withdrawn[0].marker.symbol == "circle-x-open"
    lines = [t for t in interactive.data if t.mode == "lines"]
    assert lines and all(164.0 not in list(t.y) for t in lines)


def test_every_hover_has_outlet_date_and_evidence(claims: pd.DataFrame) -> None:
    fig = casualties.interactive_casualties(
        claims, derive.casualty_series(claims), ["killed"], "T", WINDOW.days, LABELS
    )
    by_value = {int(v): r for v, r in zip(claims["value"], claims.itertuples(), strict=True)}
    checked = 0
    for trace in fig.data:
        if trace.mode != "markers":
            continue
        assert trace.hoverinfo == "text" and len(trace.hovertext) == len(trace.y)
        for y, text in zip(trace.y, trace.hovertext, strict=True):
            r = by_value[int(y)]
            assert f"source: {LABELS[r.doc_id]}" in text
            assert f"as of {r.as_of_date.day} {r.as_of_date:%B %Y}" in text
            assert f"“{r.evidence}”" in text
            assert ("WITHDRAWN" in text) == (r.status == "withdrawn")
            checked += 1
    assert checked == len(claims)


def test_broken_axis_keeps_the_first_week_apart_and_reaches_august(claims: pd.DataFrame) -> None:
    axis = casualties.time_axis(WINDOW.days)
    assert axis.broken and axis.n_daily == 9  # 2-10 January by day
    lo, hi = axis.limits
    x_start, x_aug = axis.x(date(2022, 1, 2)), axis.x(date(2022, 8, 16))
    assert lo < x_start < axis.break_x < x_aug < hi
    # At the report's size (the PNG is saved at 150 dpi), in pixels of the drawn axes, from the positions.
    fig = casualties.plot_casualties(claims, derive.casualty_series(claims), ["killed"], "T", WINDOW.days, LABELS)
    fig.set_dpi(150)
    fig.canvas.draw()
    ax = fig.axes[0]
    px = [ax.transData.transform((axis.x(d), 0))[0] for d in WINDOW.days[:9]]
    gaps = [b - a for a, b in zip(px, px[1:], strict=False)]
    assert min(gaps) >= 40, gaps
    bbox = ax.get_window_extent()
    p_aug = ax.transData.transform((x_aug, 0))[0]
    assert bbox.x0 < px[0] < px[-1] + 60 < p_aug < bbox.x1
    # Mid-January tolls a day apart stay distinct; the months after March are narrower than February.
    assert axis.x(date(2022, 1, 15)) - axis.x(date(2022, 1, 14)) > 0.2
    feb = axis.x(date(2022, 3, 1)) - axis.x(date(2022, 2, 1))
    jul = axis.x(date(2022, 8, 1)) - axis.x(date(2022, 7, 1))
    assert feb > jul > 0
    labels = [t for _, t in axis.ticks()]
    assert "1 Apr" in labels and any("10 Jan" in t for t in labels)


def test_claims_of_one_day_after_the_break_sit_side_by_side(claims: pd.DataFrame) -> None:
    same_day = pd.concat([claims, claims.assign(doc_id="d9", report_id=claims["report_id"] + "b")], ignore_index=True)
    axis = casualties.time_axis(WINDOW.days)
    x, centres = casualties.claim_positions(same_day, axis)
    march = same_day.index[same_day["as_of_date"] == pd.Timestamp("2022-03-14")]
    xs = sorted(x[march])
    assert xs[1] - xs[0] == pytest.approx(casualties.COMPRESSED_SLOT)
    assert centres[pd.Timestamp("2022-03-14")] == pytest.approx(sum(xs) / 2)
    # 15, 16 and 17 January: their slots never overlap, in date order.
    jan = [sorted(x[same_day.index[same_day["as_of_date"] == pd.Timestamp(f"2022-01-{d}")]]) for d in (15, 16, 17)]
    for a, b in zip(jan, jan[1:], strict=False):
        assert b[0] - a[-1] >= casualties.COMPRESSED_SLOT - 1e-9


def test_short_windows_keep_one_column_per_day() -> None:
    axis = casualties.time_axis(params.Window(date(2022, 1, 2), date(2022, 1, 10)).days)
    assert not axis.broken and [axis.x(date(2022, 1, d)) for d in (2, 3, 10)] == [0.0, 1.0, 8.0]


def test_toll_findings_one_per_period(claims: pd.DataFrame) -> None:
    series = derive.casualty_series(claims)
    table = derive.toll_periods(claims, series, WINDOW.start, WINDOW.end)
    assert table["period"].tolist() == ["first_days", "late_january", "february_march", "after_march"]
    jan = table.set_index("period").loc["late_january"]
    assert (jan["top_figure"], jan["before_figure"], jan["low_figure"]) == (225, 8, 200)
    assert jan["withdrawn_report_ids"] == "r2"
    run = SimpleNamespace(window=WINDOW)
    found = prose.toll_findings(run, table, claims, LABELS)
    assert len(found) == 4
    assert found[0].startswith("First days (2–10 January 2022): ") and "highest 8 (Interior Ministry" in found[0]
    assert "highest 225 (Prosecutor General’s Office, as of 15 January; Outlet One)" in found[1]
    assert "replacing 8 (Interior Ministry, as of 5 January)" in found[1]
    assert "another speaker's highest was 200 (the authorities, as of 17 January" in found[1]
    assert "The figure of 164 killed (national; Health Ministry, as of 16 January; Outlet Two)" in found[1]
    assert "never joins the line" in found[1]
    assert "highest 230" in found[2] and "replacing 225 (Prosecutor General’s Office, as of 15 January)" in found[2]
    assert "highest 238 (the authorities, as of 16 August" in found[3]
    assert (
        "replacing 230 (Prosecutor General’s Office, as of 14 March) "
        "by way of 232 (Prosecutor General’s Office, as of 30 June)" in found[3]
    )
    # The spread is between speakers' highest figures: the prosecutors' part of the toll (6) is not their toll.
    assert "6 (" not in found[3] and "another speaker" not in found[3]
    # A period with no claim says so.
    early = claims[claims["as_of_date"] < "2022-04-01"]
    table = derive.toll_periods(early, derive.casualty_series(early), WINDOW.start, WINDOW.end)
    found = prose.toll_findings(run, table, early, LABELS)
    assert found[3] == "After March (1 April – 31 August 2022): no figure in the record matches these parameters."
    # A shorter window has fewer periods, and no sentence about days outside it.
    short = SimpleNamespace(window=params.Window(date(2022, 1, 2), date(2022, 1, 10)))
    table = derive.toll_periods(claims, series, date(2022, 1, 2), date(2022, 1, 10))
    assert len(prose.toll_findings(short, table, claims, LABELS)) == 1


def test_casualties_notebook_reads_january_to_august_by_default() -> None:
    spec = {p.name: p for p in params.spec("03_casualties_over_time")}
    assert (spec["start_date"].default, spec["end_date"].default) == ("2022-01-02", "2022-08-31")
    params.check_window("2022-01-02", "2022-08-31", max_days=spec["end_date"].max_days)
    with pytest.raises(params.ParameterError, match="at most 92 days"):
        params.check_window("2022-01-02", "2022-08-31")  # the day-by-day notebooks keep their limit
