"""Label placement for matplotlib scatter plots: one label per point, none overlapping labels or markers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from matplotlib.axes import Axes


def place_labels(
    ax: "Axes",
    xs: Sequence[float],
    ys: Sequence[float],
    texts: Sequence[str],
    radii_pt: Sequence[float],
    fontsize: float = 8,
    avoid: tuple[Sequence[float], Sequence[float], Sequence[float]] | None = None,
) -> list:
    """Place one label per point so that no label overlaps another label or any marker; returns the annotations.

    Greedy: labels are placed in the given order, each at the first candidate offset whose box is free.
    If none is free, the farthest candidate is used with a leader line. ``avoid`` gives more markers
    (x, y, radius in points) that labels keep clear of but that get no label.
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
    occupied = np.empty((len(pts) + len(texts), 4))
    occupied[: len(pts)] = np.column_stack([pts[:, 0] - rp, pts[:, 1] - rp, pts[:, 0] + rp, pts[:, 1] + rp])
    n_occupied = len(pts)
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
                bb = ann.get_window_extent(renderer)
                box = (bb.x0 - 1, bb.y0 - 1, bb.x1 + 1, bb.y1 + 1)
                if not _overlaps_any(box, occupied[:n_occupied]):
                    chosen = (ann, box)
                    break
                ann.remove()
            if chosen:
                break
        if chosen is None:
            ann = ax.annotate(
                text,
                (x, y),
                xytext=((r + 3) * 3.2, (r + 3) * 2.2),
                textcoords="offset points",
                fontsize=fontsize,
                arrowprops=dict(arrowstyle="-", lw=0.5, color="#555555"),
                zorder=6,
            )
            bb = ann.get_window_extent(renderer)
            chosen = (ann, (bb.x0, bb.y0, bb.x1, bb.y1))
        placed.append(chosen[0])
        occupied[n_occupied] = chosen[1]
        n_occupied += 1
    return placed


def _overlaps_any(a: tuple, boxes: "np.ndarray") -> bool:
    return bool(((a[0] < boxes[:, 2]) & (boxes[:, 0] < a[2]) & (a[1] < boxes[:, 3]) & (boxes[:, 1] < a[3])).any())
