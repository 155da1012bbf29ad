"""Label placement for matplotlib scatter plots: one label per point, none overlapping labels or markers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

# The type size of every text on a phone variant: a figure settings.PHONE_FIG_WIDTH_IN wide shown
# settings.PHONE_CONTENT_WIDTH_PX wide shows a capital-letter text of 10.5 pt about 10.3 px tall (>= MIN_TEXT_PX).
PHONE_PT = 10.5

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from matplotlib.axes import Axes
    from matplotlib.text import Text


def place_labels(
    ax: "Axes",
    xs: Sequence[float],
    ys: Sequence[float],
    texts: Sequence[str],
    radii_pt: Sequence[float],
    fontsize: float = 8,
    avoid: tuple[Sequence[float], Sequence[float], Sequence[float]] | None = None,
    obstacles: Sequence["Text"] = (),
    inside: bool = False,
) -> list:
    """Place one label per point so that no label overlaps another label or any marker; returns the annotations.

    Greedy: labels are placed in the given order, each at the first candidate offset whose box is free.
    If none is free, a label is set farther out with a leader line, at the first free place on rings around
    its point (the least crowded one if none is free). ``avoid`` gives more markers (x, y, radius in points)
    that labels keep clear of but that get no label; ``obstacles`` are texts already drawn (place names) that
    labels keep clear of; with ``inside`` a label stays inside the axes.
    """
    import numpy as np

    fig = ax.figure
    # What placement needs from a draw, without drawing the whole figure (a full draw per call cost about
    # 0.2 s per panel): current data limits and the aspect-adjusted axes position, and a renderer for text sizes.
    ax.get_xlim()  # brings autoscaled limits up to date
    ax.apply_aspect()
    renderer = fig.canvas.get_renderer()
    to_px = fig.dpi / 72.0
    # Boxes taken by markers and placed labels, as one array: testing a candidate against all of them is one
    # vectorised comparison instead of a Python loop over every marker and label.
    vx, vy, vr = avoid or ((), (), ())
    mx = np.concatenate([np.asarray(xs, float), np.asarray(vx, float)])
    my = np.concatenate([np.asarray(ys, float), np.asarray(vy, float)])
    pts = ax.transData.transform(np.column_stack([mx, my]).reshape(-1, 2))
    rp = np.concatenate([np.asarray(radii_pt, float), np.asarray(vr, float)]) * to_px
    occupied = np.empty((len(pts) + len(obstacles) + len(texts), 4))
    occupied[: len(pts)] = np.column_stack([pts[:, 0] - rp, pts[:, 1] - rp, pts[:, 0] + rp, pts[:, 1] + rp])
    n_occupied = len(pts)
    for t in obstacles:
        bb = t.get_window_extent(renderer)
        occupied[n_occupied] = (bb.x0 - 1, bb.y0 - 1, bb.x1 + 1, bb.y1 + 1)
        n_occupied += 1
    frame = ax.get_window_extent(renderer) if inside else None

    def in_frame(box: tuple) -> bool:
        return frame is None or (
            frame.x0 <= box[0] and box[2] <= frame.x1 and frame.y0 <= box[1] and box[3] <= frame.y1
        )

    def free(box: tuple) -> bool:
        return in_frame(box) and not _overlaps_any(box, occupied[:n_occupied])

    directions = [(1, 0.4), (1, -0.6), (-1, 0.4), (-1, -0.6), (0, 1), (0, -1.3), (1, 1), (-1, 1), (1, -1.2), (-1, -1.2)]
    placed = []
    for x, y, text, r in zip(xs, ys, texts, radii_pt, strict=True):
        chosen = None
        for scale in (1.0, 1.8, 2.8):
            for dx, dy in directions:
                off = ((r + 3) * dx * scale, (r + 3) * dy * scale)
                ha = "left" if dx > 0 else "right" if dx < 0 else "center"
                ann = ax.annotate(
                    text,
                    (x, y),
                    xytext=off,
                    textcoords="offset points",
                    fontsize=fontsize,
                    ha=ha,
                    va="center",
                    zorder=6,
                )
                bb = text_extent(ann, renderer)
                box = (bb.x0 - 1, bb.y0 - 1, bb.x1 + 1, bb.y1 + 1)
                if free(box):
                    chosen = (ann, box)
                    break
                ann.remove()
            if chosen:
                break
        if chosen is None:  # a leader line to the first free place on rings farther out, else the least crowded
            best = None
            for ring in (3.2, 4.5, 6.0):
                for dx, dy in directions:
                    off = ((r + 3) * ring * dx, (r + 3) * ring * dy * 0.7)
                    ann = ax.annotate(
                        text,
                        (x, y),
                        xytext=off,
                        textcoords="offset points",
                        fontsize=fontsize,
                        ha="left" if dx > 0 else "right" if dx < 0 else "center",
                        va="center",
                        arrowprops=dict(arrowstyle="-", lw=0.5, color="#555555", shrinkA=0, shrinkB=0),
                        zorder=6,
                    )
                    bb = text_extent(ann, renderer)
                    box = (bb.x0 - 1, bb.y0 - 1, bb.x1 + 1, bb.y1 + 1)
                    crowding = _overlap_area(box, occupied[:n_occupied]) + (0 if in_frame(box) else 1e6)
                    if best is None or crowding < best[2]:
                        if best is not None:
                            best[0].remove()
                        best = (ann, box, crowding)
                    else:
                        ann.remove()
                    if crowding == 0:
                        break
                if best[2] == 0:
                    break
            chosen = (best[0], best[1])
        placed.append(chosen[0])
        occupied[n_occupied] = chosen[1]
        n_occupied += 1
    return placed


def text_extent(text: "Text", renderer: object) -> object:
    """The window extent of a label's text alone (an annotation's own extent includes its leader line)."""
    from matplotlib.text import Annotation, Text

    if isinstance(text, Annotation):
        text.update_positions(renderer)  # the text's own transform follows the annotation's point and offset
    return Text.get_window_extent(text, renderer)


def _overlaps_any(a: tuple, boxes: "np.ndarray") -> bool:
    return bool(((a[0] < boxes[:, 2]) & (boxes[:, 0] < a[2]) & (a[1] < boxes[:, 3]) & (boxes[:, 1] < a[3])).any())


def _overlap_area(a: tuple, boxes: "np.ndarray") -> float:
    import numpy as np

    w = np.clip(np.minimum(a[2], boxes[:, 2]) - np.maximum(a[0], boxes[:, 0]), 0, None)
    h = np.clip(np.minimum(a[3], boxes[:, 3]) - np.maximum(a[1], boxes[:, 1]), 0, None)
    return float((w * h).sum())


def wrap_text(text: str, fontsize: float, width_in: float | None = None) -> str:
    """``text`` broken into lines that fit ``width_in`` inches (default: a phone figure's width) at ``fontsize`` pt."""
    import textwrap

    from qantar import settings

    width_in = settings.PHONE_FIG_WIDTH_IN if width_in is None else width_in
    chars = max(12, int(width_in * 72 / (0.56 * fontsize)))  # DejaVu Sans averages ~0.55 em per character
    return "\n".join(textwrap.wrap(text, chars)) or text
