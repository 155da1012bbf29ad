"""The interactive map draws its boundaries and markers in headless Chromium with no network."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from browser import screenshot
from qantar import derive, geo
from qantar.figures import maps, style
from qantar.params import check_window

pytestmark = pytest.mark.browser


def _pixels(png: Path) -> tuple[int, int]:
    """Count marker-coloured pixels (the fixed day colours) and boundary-grey pixels in a screenshot."""
    from qantar.figures.style import DAY_COLOURS

    rgb = np.asarray(Image.open(png).convert("RGB")).astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    markers = np.zeros(r.shape, dtype=bool)
    for colour in set(DAY_COLOURS.values()):
        cr, cg, cb = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        markers |= (abs(r - cr) < 12) & (abs(g - cg) < 12) & (abs(b - cb) < 12)
    # Boundary lines are neutral greys darker than the map's light fills (#f2f2f2, #fbfaf5).
    grey = (abs(r - g) < 10) & (abs(g - b) < 10) & (r < 215)
    return int(markers.sum()), int(grey.sum())


@pytest.fixture(scope="module")
def map_html(tmp_path_factory, dataset) -> Path:
    from qantar.display import source_labels

    out = tmp_path_factory.mktemp("map")
    w = check_window("2022-01-02", "2022-01-10")
    fig = maps.interactive_protest_map(
        derive.city_frames(dataset, w.days),
        derive.city_events(dataset, w.start, w.end),
        geo.load_regions(),
        geo.load_countries(),
        w.days,
        "Spread of unrest",
        geo.MAP_BOUNDS,
        source_labels(dataset),
    )
    fig.update_layout(showlegend=False)  # the pixel counts below look for marker colours, not legend swatches
    html = style.save_standalone_html(fig, out, "protest_cities_map_interactive")
    # A copy that loads plotly.js from a missing file: the negative control.
    broken = html.read_text(encoding="utf-8")
    scripts = [
        (m.start(), broken.index("</script>", m.start()) + len("</script>")) for m in re.finditer(r"<script", broken)
    ]
    start, end = max(scripts, key=lambda se: se[1] - se[0])  # the inline plotly.js bundle
    (out / "broken.html").write_text(
        broken[:start] + '<script src="missing-plotly.js"></script>' + broken[end:], encoding="utf-8"
    )
    return html


def test_map_renders_offline_with_boundaries_and_markers(map_html: Path, tmp_path: Path) -> None:
    png = screenshot(map_html.as_uri(), tmp_path / "map.png")
    markers, boundary = _pixels(png)
    assert markers > 800, f"markers not drawn ({markers} marker pixels)"
    assert boundary > 1500, f"boundaries not drawn ({boundary} dark pixels)"


def test_without_plotly_js_the_same_check_fails(map_html: Path, tmp_path: Path) -> None:
    """Negative control: the pixel check does detect a blank map."""
    png = screenshot((map_html.parent / "broken.html").as_uri(), tmp_path / "blank.png")
    markers, boundary = _pixels(png)
    assert markers < 50 and boundary < 200
