"""Explorer logic: compute_view filters events, cities and claims; the widgets only call it."""
from __future__ import annotations

from datetime import date

import pytest

from qantar.explorer import Explorer, compute_view, plotly_bundle

JAN = lambda d: date(2022, 1, d)  # noqa: E731


def test_default_view_counts(dataset) -> None:
    view = compute_view(dataset, JAN(2), JAN(10))
    assert view.n_events == dataset.events[~dataset.events["background"].astype(bool)]["happening_id"].nunique()
    assert len(view.cities) == 12
    assert set(view.claims["measure"]) == {"killed", "injured", "detained"}
    assert view.label().startswith("2 Jan – 10 Jan 2022: ")


@pytest.mark.parametrize("kwargs,cities,n_min", [
    (dict(event_types=["Riots"]), {"Almaty", "Aktobe", "Taldykorgan"}, 10),
    (dict(cities=["Zhanaozen"]), {"Zhanaozen"}, 1),
    (dict(event_types=["Protests"], cities=["Almaty", "Aktau"]), {"Almaty", "Aktau"}, 3),
])
def test_filters(dataset, kwargs, cities, n_min) -> None:
    view = compute_view(dataset, JAN(2), JAN(10), **kwargs)
    assert set(view.cities["city"]) == cities
    assert view.n_events >= n_min
    if "event_types" in kwargs:
        assert set(view.events["event_type"].astype(str)) <= set(kwargs["event_types"])


def test_day_window_and_groups(dataset) -> None:
    view = compute_view(dataset, JAN(2), JAN(3), groups=["security_forces"])
    assert set(view.cities["city"]) == {"Zhanaozen", "Aktau", "Taldykorgan"}
    assert view.claims.empty  # no casualty figure is dated 2-3 January
    later = compute_view(dataset, JAN(7), JAN(7), groups=["security_forces"])
    assert set(later.claims["value"].dropna().astype(int)) == {18, 748}


def test_none_means_all_in_the_lib_and_an_empty_widget_selection_means_none_given(dataset) -> None:
    everything = compute_view(dataset, JAN(2), JAN(10), None, None, None)
    assert everything.label() == compute_view(dataset, JAN(2), JAN(10)).label() and everything.n_events > 0
    assert compute_view(dataset, JAN(2), JAN(10), []).n_events == 0  # an empty list selects nothing
    explorer = Explorer(dataset, JAN(2), JAN(10))
    explorer.set(types=[])  # nothing selected in a widget list means all
    assert explorer.view.label() == everything.label()


def test_explorer_widgets_drive_the_view(dataset) -> None:
    explorer = Explorer(dataset, JAN(2), JAN(10))
    base = explorer.view.n_events
    assert explorer.set(types=["Riots"]) == compute_view(dataset, JAN(2), JAN(10), ["Riots"]).label()
    assert explorer.view.n_events < base
    explorer.set(types=[], days=(JAN(4), JAN(5)))
    assert explorer.view.start == JAN(4) and explorer.view.end == JAN(5)
    assert "qantar-count" in explorer.count._dom_classes and explorer.view.label() in explorer.count.value


def test_plotly_bundle_has_mimetype_and_text() -> None:
    import plotly.graph_objects as go

    bundle = plotly_bundle(go.Figure(go.Scatter(x=[1], y=[2])), "one point")
    assert bundle["text/plain"] == "one point"
    assert bundle["application/vnd.plotly.v1+json"]["data"][0]["x"] == [1]
