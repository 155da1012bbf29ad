"""The interactive map draws its boundaries and markers in headless Chromium with no network."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from browser import screenshot
from qantar import derive, geo
from qantar.figures import maps, style
from qantar.params import check_window


def _pixels(png: Path) -> tuple[int, int]:
    """Count marker-coloured (plasma purples) and boundary-grey pixels in a screenshot."""
    rgb = np.asarray(Image.open(png).convert("RGB")).astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    markers = (b > 120) & (g < 90) & (r > 40)
    # Boundary lines are neutral greys darker than the map's light fills (#f2f2f2, #fbfaf5).
    grey = (abs(r - g) < 10) & (abs(g - b) < 10) & (r < 215)
    return int(markers.sum()), int(grey.sum())


@pytest.fixture(scope="module")
def map_html(tmp_path_factory, dataset) -> Path:
    out = tmp_path_factory.mktemp("map")
    w = check_window("2022-01-02", "2022-01-10")
    fig = maps.interactive_protest_map(derive.city_events(dataset, w.start, w.end), geo.load_regions(), geo.load_countries(),
                                       w.days, "Spread of unrest", geo.MAP_BOUNDS)
    return style.save_html(fig, out, "protest_cities_map_interactive")


def test_map_renders_offline_with_boundaries_and_markers(map_html: Path, tmp_path: Path) -> None:
    png = screenshot(map_html.as_uri(), tmp_path / "map.png")
    markers, boundary = _pixels(png)
    assert markers > 800, f"markers not drawn ({markers} marker pixels)"
    assert boundary > 1500, f"boundaries not drawn ({boundary} dark pixels)"


def test_without_plotly_js_the_same_check_fails(map_html: Path, tmp_path: Path) -> None:
    """Negative control: the pixel check does detect a blank map."""
    broken = tmp_path / "broken"
    broken.mkdir()
    shutil.copy(map_html, broken / map_html.name)  # plotly.min.js deliberately not copied
    png = screenshot((broken / map_html.name).as_uri(), tmp_path / "blank.png")
    markers, boundary = _pixels(png)
    assert markers < 50 and boundary < 200
