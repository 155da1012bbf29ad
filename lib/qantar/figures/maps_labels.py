"""Where the interactive map puts each city's name: clear of every marker and name at a phone's width."""

from __future__ import annotations

import math
from typing import Sequence

# The maps' aspect: both maps draw lon/lat with it, and the name boxes here are measured with it.
LAT_SCALE = 1 / math.cos(math.radians(48))  # equirectangular aspect at Kazakhstan's mid-latitude
# The interactive map's city names are placed so that they do not overlap when the map is drawn this narrow (CSS px
# of the plot area, a phone's): farther apart on wider screens, they stay apart there too (tested at 1280 and 390).
MAP_LABEL_PLOT_WIDTH_PX = 350
MAP_LABEL_FONT_PX = 10
# Where plotly may put a marker's text, in the order tried: (textposition, x direction, y direction).
TEXT_POSITIONS = (
    ("top center", 0, 1),
    ("bottom center", 0, -1),
    ("middle right", 1, 0),
    ("middle left", -1, 0),
    ("top right", 1, 1),
    ("top left", -1, 1),
    ("bottom right", 1, -1),
    ("bottom left", -1, -1),
)


def text_positions(
    lon: Sequence[float],
    lat: Sequence[float],
    texts: Sequence[str],
    sizes_px: Sequence[float],
    bounds: tuple[float, float, float, float],
) -> list[str]:
    """Plotly textposition of each city name: greedy, largest marker first, the first place clear of every marker
    and every name placed so far at MAP_LABEL_PLOT_WIDTH_PX (the least crowded place if none is clear)."""
    import numpy as np

    px = MAP_LABEL_PLOT_WIDTH_PX / (bounds[2] - bounds[0])  # CSS px per degree of longitude
    xs = (np.asarray(lon, float) - bounds[0]) * px
    ys = (np.asarray(lat, float) - bounds[1]) * px * LAT_SCALE
    r = np.asarray(sizes_px, float) / 2
    boxes = [np.column_stack([xs - r, ys - r, xs + r, ys + r])]
    h = MAP_LABEL_FONT_PX * 1.3
    out = ["top center"] * len(texts)
    for i in sorted(range(len(texts)), key=lambda k: -r[k]):
        w = 0.62 * MAP_LABEL_FONT_PX * len(texts[i]) + 2  # a generous width: plotly's sans-serif at this size
        taken = np.concatenate(boxes)
        best = None
        for name, dx, dy in TEXT_POSITIONS:
            cx = xs[i] + dx * (r[i] + 2 + w / 2)
            cy = ys[i] + dy * (r[i] + 1 + h / 2)
            box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            ow = np.clip(np.minimum(box[2], taken[:, 2]) - np.maximum(box[0], taken[:, 0]), 0, None)
            oh = np.clip(np.minimum(box[3], taken[:, 3]) - np.maximum(box[1], taken[:, 1]), 0, None)
            outside = max(0.0, -box[0]) + max(0.0, box[2] - MAP_LABEL_PLOT_WIDTH_PX)
            crowding = float((ow * oh).sum()) - ow[i] * oh[i] + 100 * outside  # its own marker is not in the way
            if best is None or crowding < best[0]:
                best = (crowding, name, box)
            if crowding == 0:
                break
        assert best is not None
        out[i] = best[1]
        boxes.append(np.asarray([best[2]]))
    return out
