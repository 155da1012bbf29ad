"""Label placement for matplotlib scatter plots: one label per point, none overlapping labels or markers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

# The type size of every text on a phone variant: a figure settings.PHONE_FIG_WIDTH_IN wide shown
# settings.PHONE_CONTENT_WIDTH_PX wide shows a capital-letter text of 10.5 pt about 10.3 px tall (>= MIN_TEXT_PX).
PHONE_PT = 10.5

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.text import Text
    from matplotlib.transforms import Bbox


def place_labels(
    ax: "Axes",
    xs: Sequence[float],
    ys: Sequence[float],
    texts: Sequence[str],
    radii_pt: Sequence[float],
    fontsize: float = 8,
    avoid: tuple[Sequence[float], Sequence[float], Sequence[float]] | None = None,
    *,
    inside: bool = False,
    avoid_boxes: Sequence[tuple[float, float, float, float]] = (),
    directions: Sequence[tuple[float, float]] | None = None,
    offsets_pt: Sequence[tuple[float, float]] | None = None,
    backdrop: bool = False,
    **text_kw: object,
) -> list:
    """Place one label per point so that no label overlaps another label or any marker; returns the annotations.

    Greedy: labels are placed in the given order, each at the first free candidate: first next to its point
    (``directions``, at three distances), then farther out on rings around it with a leader line. ``avoid``
    gives more markers (x, y, radius in points) that labels keep clear of but that get no label; ``avoid_boxes``
    rectangles in display pixels (bars, a legend). With ``inside`` a label must also lie inside the axes, and a
    label with no free place inside them is left out (the list returned is then shorter than ``texts``); without
    it, such a label goes at the farthest candidate with a leader line. ``offsets_pt`` replaces the candidates
    with these offsets (points; a leader line past 12 points); ``backdrop`` draws labels on white, over the
    leader lines of other labels. Call it once the figure's layout is final
    (after ``tight_layout``): offsets are in points, and a later layout change moves the points under the labels.
    """
    import math

    import numpy as np

    fig = ax.figure
    # What placement needs from a draw, without drawing the whole figure (a full draw per call cost about
    # 0.2 s per panel): current data limits and the aspect-adjusted axes position, and a renderer for text sizes.
    ax.get_xlim()  # brings autoscaled limits up to date
    ax.apply_aspect()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # the Agg canvas has it; FigureCanvasBase does not declare it
    to_px = fig.dpi / 72.0
    frame = ax.bbox
    # Boxes taken by markers and placed labels, as one array: testing a candidate against all of them is one
    # vectorised comparison instead of a Python loop over every marker and label.
    vx, vy, vr = avoid or ((), (), ())
    mx = np.concatenate([np.asarray(xs, float), np.asarray(vx, float)])
    my = np.concatenate([np.asarray(ys, float), np.asarray(vy, float)])
    pts = ax.transData.transform(np.column_stack([mx, my]).reshape(-1, 2))
    rp = np.concatenate([np.asarray(radii_pt, float), np.asarray(vr, float)]) * to_px
    occupied = np.empty((len(pts) + len(avoid_boxes) + len(texts), 4))
    occupied[: len(pts)] = np.column_stack([pts[:, 0] - rp, pts[:, 1] - rp, pts[:, 0] + rp, pts[:, 1] + rp])
    n_occupied = len(pts)
    for box in avoid_boxes:
        occupied[n_occupied] = box
        n_occupied += 1
    near = list(
        directions
        or [(1, 0.4), (1, -0.6), (-1, 0.4), (-1, -0.6), (0, 1), (0, -1.3), (1, 1), (-1, 1), (1, -1.2), (-1, -1.2)]
    )
    angles = [math.radians(a) for a in (90, 60, 120, 30, 150, 0, 180, 270, 240, 300, 210, 330, 45, 135, 225, 315)]
    ha_of = {1: "left", -1: "right", 0: "center"}
    placed = []
    for (x, y, text, r), (px, py) in zip(zip(xs, ys, texts, radii_pt, strict=True), pts[: len(texts)], strict=True):
        # Why the type: ignore below: text_kw holds Text properties (typed object), which annotate types one by one
        probe = ax.annotate(text, (x, y), fontsize=fontsize, ha="left", va="center", **text_kw)  # type: ignore[arg-type]
        bb = probe.get_window_extent(renderer)
        probe.remove()
        w, h = bb.width, bb.height
        candidates: list[tuple[float, float, int, bool]] = []  # offset in points, side (1 left-aligned), leader
        for ox, oy in offsets_pt or ():
            candidates.append((ox, oy, 0, math.hypot(ox, oy) > 12))
        for scale in (1.0, 1.8, 2.8) if offsets_pt is None else ():
            for dx, dy in near:
                candidates.append(((r + 3) * dx * scale, (r + 3) * dy * scale, int(np.sign(dx)), False))
        for dist in (
            ()
            if offsets_pt is not None
            else (r + 18, r + 30, r + 45, r + 65, r + 90, r + 120, r + 160, r + 210, r + 270)
        ):
            for a in angles:
                c, sn = math.cos(a), math.sin(a)
                side = 1 if c > 0.3 else -1 if c < -0.3 else 0
                candidates.append((dist * c, dist * sn, side, True))
        chosen = None
        for ox, oy, side, leader in candidates:
            cx, cy = px + ox * to_px, py + oy * to_px
            x0 = cx if side == 1 else cx - w if side == -1 else cx - w / 2
            box = (x0 - 1, cy - h / 2 - 1, x0 + w + 1, cy + h / 2 + 1)
            if inside and (box[0] < frame.x0 or box[2] > frame.x1 or box[1] < frame.y0 or box[3] > frame.y1):
                continue
            if not _overlaps_any(box, occupied[:n_occupied]):
                chosen = (ox, oy, side, leader, box)
                break
        if chosen is None:
            if inside:
                continue
            ox, oy, side, leader = (r + 3) * 3.2, (r + 3) * 2.2, 1, True
            cx, cy = px + ox * to_px, py + oy * to_px
            chosen = (ox, oy, side, leader, (cx, cy - h / 2, cx + w, cy + h / 2))
        ox, oy, side, leader, box = chosen
        line = dict(arrowstyle="-", lw=0.5, color="#555555", shrinkA=1, shrinkB=r * 0.6) if leader else None
        if backdrop and line:  # the leader on its own, under every label
            ax.annotate("", (x, y), xytext=(ox, oy), textcoords="offset points", zorder=5, arrowprops=line)
        ann = ax.annotate(
            text,
            (x, y),
            xytext=(ox, oy),
            textcoords="offset points",
            fontsize=fontsize,
            ha=ha_of[side],
            va="center",
            zorder=6,
            arrowprops=None if backdrop else line,
            bbox=dict(boxstyle="square,pad=0.1", fc="white", ec="none") if backdrop else None,
            **text_kw,  # type: ignore[arg-type]  # Text properties, as above
        )
        placed.append(ann)
        occupied[n_occupied] = box
        n_occupied += 1
    return placed


def thin_tick_labels(ax: "Axes", gap_px: float = 4.0) -> int:
    """Hide x tick labels that would touch the last label kept to their left; returns how many were hidden.

    For a final layout: a narrow figure keeps every tick (and its grid line) but only labels that fit.
    """
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]  # the Agg canvas has it; FigureCanvasBase does not declare it
    labels = sorted(
        (t for t in ax.get_xticklabels() if t.get_text().strip() and t.get_visible()),
        key=lambda t: t.get_window_extent(renderer).x0,
    )
    hidden, right = 0, -float("inf")
    for t in labels:
        box = t.get_window_extent(renderer)
        if box.x0 < right + gap_px:
            t.set_visible(False)
            hidden += 1
        else:
            right = box.x1
    return hidden


def _overlaps_any(a: tuple, boxes: "np.ndarray") -> bool:
    return bool(((a[0] < boxes[:, 2]) & (boxes[:, 0] < a[2]) & (a[1] < boxes[:, 3]) & (boxes[:, 1] < a[3])).any())


def text_boxes(fig: "Figure") -> list[tuple["Text", "Bbox"]]:
    """Every text a draw of ``fig`` draws, with its box on the canvas (display pixels)."""
    from qantar.figures.style import visible_texts

    from matplotlib.text import Text

    texts = visible_texts(fig)  # draws the figure, so the boxes below are those of the final layout
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # the Agg canvas has it; FigureCanvasBase does not declare it
    # Text's own extent: an annotation's would include its leader line, which may cross other lines.
    return [(t, Text.get_window_extent(t, renderer)) for t in texts]


def overlapping_texts(fig: "Figure", pad_px: float = 0.0) -> list[tuple[str, str]]:
    """Pairs of texts on ``fig`` whose boxes intersect (each grown by ``pad_px``): none means no text covers another."""
    boxes = text_boxes(fig)
    out = []
    for i, (ta, a) in enumerate(boxes):
        for tb, b in boxes[i + 1 :]:
            if a.x0 - pad_px < b.x1 and b.x0 - pad_px < a.x1 and a.y0 - pad_px < b.y1 and b.y0 - pad_px < a.y1:
                out.append((ta.get_text(), tb.get_text()))
    return out


def labels_outside(fig: "Figure") -> list[str]:
    """Annotations (labels placed at a point) whose box leaves their axes.

    Other texts (titles, notes, legends) may sit outside the axes and the canvas: figures are saved with
    ``bbox_inches="tight"``, which grows the image to hold every text.
    """
    from matplotlib.text import Annotation

    out = []
    for t, b in text_boxes(fig):
        if not isinstance(t, Annotation) or t.axes is None:
            continue
        inside = t.axes.bbox
        if b.x0 < inside.x0 - 0.5 or b.x1 > inside.x1 + 0.5 or b.y0 < inside.y0 - 0.5 or b.y1 > inside.y1 + 0.5:
            out.append(t.get_text())
    return out


def text_extent(text: "Text", renderer: "RendererBase") -> "Bbox":
    """The window extent of a label's text alone (an annotation's own extent includes its leader line)."""
    from matplotlib.text import Annotation, Text

    if isinstance(text, Annotation):
        text.update_positions(renderer)  # the text's own transform follows the annotation's point and offset
    return Text.get_window_extent(text, renderer)


def extent_boxes(texts: Sequence["Text"], pad_px: float = 1.0) -> list[tuple[float, float, float, float]]:
    """Boxes (display pixels) of texts already drawn, such as place names, for place_labels(avoid_boxes=...)."""
    out = []
    for t in texts:
        bb = text_extent(t, t.figure.canvas.get_renderer())  # type: ignore[attr-defined]  # the Agg canvas has it; FigureCanvasBase does not declare it
        out.append((bb.x0 - pad_px, bb.y0 - pad_px, bb.x1 + pad_px, bb.y1 + pad_px))
    return out


def wrap_text(text: str, fontsize: float, width_in: float | None = None) -> str:
    """``text`` broken into lines that fit ``width_in`` inches (default: a phone figure's width) at ``fontsize`` pt."""
    import textwrap

    from qantar import settings

    width_in = settings.PHONE_FIG_WIDTH_IN if width_in is None else width_in
    chars = max(12, int(width_in * 72 / (0.56 * fontsize)))  # DejaVu Sans averages ~0.55 em per character
    return "\n".join(textwrap.wrap(text, chars)) or text
