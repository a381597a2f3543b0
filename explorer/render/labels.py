"""Place labels: haloed text items and a greedy placement that never lets two overlap.

Labels are laid out in device pixels (they ignore the view's scale), so the placement runs
again when the zoom changes and not on time steps. Each label tries candidate positions
around its point in cartographic order of preference; labels are placed by priority
(capitals before cities before towns) and a label with no free position is hidden.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPixmap,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem

from explorer.render.style import HALO, TEXT, MapStyle

# Offsets of a label box from its point, as multiples of (gap, gap): the top-right first,
# as atlas convention has it, then right, bottom-right, the left side, above and below.
_CANDIDATES = (
    ("top-right", 1, -1),
    ("right", 1, 0),
    ("bottom-right", 1, 1),
    ("top-left", -1, -1),
    ("left", -1, 0),
    ("bottom-left", -1, 1),
    ("top", 0, -1),
    ("bottom", 0, 1),
)


@dataclass
class LabelRequest:
    """One label to place: its anchor point and box size in device pixels.

    ``sizes`` lists the (width, height) of shorter forms of the text, tried in order when
    the full text finds no room ("Metsamor NPP" for the plant's full name). A ``must_show``
    label (a capital at region scale) tries a wider ring of positions and, failing that,
    may cover point obstacles; it still never covers another label or leaves ``bounds``.
    """

    key: str
    anchor: QPointF
    width: float
    height: float
    priority: int
    gap: float = 4.0
    centered: bool = False  # area names sit on their point, with no alternative
    sizes: tuple[tuple[float, float], ...] = ()
    must_show: bool = False
    # The place's own marker (device rect, at its largest): the label hugs it, never
    # covers it, and is not kept off by it as by other obstacles.
    own: QRectF | None = None
    # A country's name (and its events): may sit anywhere near its point, tried outwards,
    # its centre where ``within(centre)`` holds (inside the country) unless nothing is free.
    spread: bool = False
    within: Callable[[QPointF], bool] | None = None
    # Other points within this distance of the anchor are under its own marker's disc.
    cover: float = 0.0


def candidate_boxes(request: LabelRequest, width=None, height=None, gap=None) -> list[QRectF]:
    """The boxes a label may take around its anchor, best first."""
    w = request.width if width is None else width
    h = request.height if height is None else height
    g = request.gap if gap is None else gap
    x, y = request.anchor.x(), request.anchor.y()
    if request.spread:
        offsets = [(i * 0.6 * w, j * 1.3 * h) for i in range(-2, 3) for j in range(-3, 4)]
        offsets.sort(key=lambda o: math.hypot(o[0] / 2, o[1]))
        return [QRectF(x - w / 2 + dx, y - h / 2 + dy, w, h) for dx, dy in offsets]
    if request.centered:
        # Area names: on their point, else just above or below it, else clear of a marker
        # standing on the same point (events "in Nagorno-Karabakh" sit at its centre).
        boxes = [QRectF(x - w / 2, y - h / 2 + k * h * 1.3, w, h) for k in (0, -1, 1)]
        return [*boxes, QRectF(x - w / 2, y - g - h, w, h), QRectF(x - w / 2, y + g, w, h)]
    boxes = []
    for _name, dx, dy in _CANDIDATES:
        left = x + g if dx > 0 else x - g - w if dx < 0 else x - w / 2
        if dy == 0:
            top = y - h / 2
        else:
            # Diagonal positions hug the point: the box's near corner sits at the gap.
            top = y - g * 0.4 - h if dy < 0 else y + g * 0.4
            if dx == 0:
                top = y - g - h if dy < 0 else y + g
        boxes.append(QRectF(left, top, w, h))
    if request.own is not None and not request.own.isEmpty():
        boxes = [_clear_of(box, request.own, dx, dy) for box, (_n, dx, dy) in zip(
            boxes, _CANDIDATES, strict=True)]  # fmt: skip
    return boxes


def _clear_of(box: QRectF, own: QRectF, dx: int, dy: int) -> QRectF:
    """``box`` moved outwards along (dx, dy) just far enough not to cover ``own``.

    Diagonal boxes move along the axis that needs the smaller move, so a label beside a
    marker with a count badge on its top right slides right of the badge, not far above.
    """
    if not box.intersects(own):
        return box
    moves = []
    if dx > 0:
        moves.append((own.right() - box.left(), 0.0))
    elif dx < 0:
        moves.append((own.left() - box.right(), 0.0))
    if dy > 0:
        moves.append((0.0, own.bottom() - box.top()))
    elif dy < 0:
        moves.append((0.0, own.top() - box.bottom()))
    mx, my = min(moves, key=lambda m: abs(m[0]) + abs(m[1]))
    return box.translated(mx + (1 if mx > 0 else -1 if mx < 0 else 0),
                          my + (1 if my > 0 else -1 if my < 0 else 0))  # fmt: skip


def label_distance(box: QRectF, point: QPointF) -> float:
    """Distance in device pixels from ``point`` to the nearest point of ``box``."""
    dx = max(box.left() - point.x(), 0.0, point.x() - box.right())
    dy = max(box.top() - point.y(), 0.0, point.y() - box.bottom())
    return (dx * dx + dy * dy) ** 0.5


def _edges(rect: QRectF) -> tuple[float, float, float, float]:
    return rect.left(), rect.top(), rect.right(), rect.bottom()


def _meets(box: tuple, others: list[tuple]) -> bool:
    # Plain tuples: this runs thousands of times per layout, and calls into Qt cost more.
    left, top, right, bottom = box
    return any(left < o[2] and o[0] < right and top < o[3] and o[1] < bottom for o in others)


def place_labels(
    requests: list[LabelRequest],
    obstacles: list[QRectF] | None = None,
    bounds: QRectF | None = None,
    chosen: dict[str, int] | None = None,
    points: list[QPointF] | None = None,
    hard: list[QRectF] | None = None,
) -> dict[str, QRectF]:
    """Greedy placement: the box each placed label takes, by key; missing keys are hidden.

    Requests are taken by ascending ``priority`` (then in the given order); each takes the
    first candidate box that lies inside ``bounds`` (the visible frame: a label cut by the
    edge reads as another word) and meets neither a placed label nor an obstacle (point
    symbols, markers, badges, the legend). ``chosen``, if given, receives the index of the
    size each placed label took: 0 for the full text, 1… for ``sizes``.

    ``points`` are the map's point symbols and markers: a label never takes a box that is
    nearer to another point than to its own (points under its own marker aside), so
    "Stepanakert" never reads as the name of the town dot beside it. ``hard`` obstacles
    (decorations, edge badges) are never covered, not even by a ``must_show`` label.
    """
    all_points = [(p.x(), p.y()) for p in points or ()]
    placed: dict[str, QRectF] = {}
    taken: list[tuple] = [_edges(h) for h in hard or []]
    blocked = [_edges(o) for o in obstacles or []]
    frame = _edges(bounds) if bounds is not None else None

    def inside(box: tuple) -> bool:
        return frame is None or (
            box[0] >= frame[0] and box[1] >= frame[1] and box[2] <= frame[2] and box[3] <= frame[3]
        )

    for request in sorted(requests, key=lambda r: r.priority):
        sizes = ((request.width, request.height), *request.sizes)
        # Tiers: clear of everything and nearest its own point; then, for a label that must
        # show, clear of markers but possibly nearer a labelled neighbour's dot; last, over
        # point symbols (never over labels, badges or decorations).
        # A country's marker would rather stray over its border than cover a marker.
        tiers: list[float] = [2]
        if request.must_show or request.within is not None:
            tiers.append(1)
        if request.within is not None:
            tiers.append(0.5)
        if request.must_show:
            tiers.append(0)
        tries = [(i, w, h, tier) for tier in tiers for i, (w, h) in enumerate(sizes)]
        own = _edges(request.own) if request.own is not None else None
        # An area name keeps off the marker on its point too; a point's label only hugs it.
        hugging = own is not None and not request.centered
        others = [b for b in blocked if b != own] if hugging else blocked
        rivals = [] if request.centered else _rivals(request, own, all_points)
        found = None
        for index, w, h, tier in tries:
            strict = tier >= 0.5
            for box in candidate_boxes(request, w, h, request.gap):
                edges = _edges(box)
                if not inside(edges) or _meets(edges, taken):
                    continue
                if strict and _meets(edges, others):
                    continue
                within = request.within
                if tier >= 1 and within is not None and not within(box.center()):
                    continue
                if tier == 2 and rivals and _nearer_to_another(edges, request.anchor, rivals):
                    continue
                found = (index, box, edges)
                break
            if found:
                break
        if found is None:
            continue
        index, box, edges = found
        placed[request.key] = box
        taken.append(edges)
        if chosen is not None:
            chosen[request.key] = index
    return placed


# Haloed label sprites for raster exports, by text, font, colour and scale (bounded).
_LABEL_SPRITES: dict[tuple, tuple[QImage, QPointF]] = {}


def _rivals(request: LabelRequest, own: tuple | None, points: list[tuple]) -> list[tuple]:
    """The points a label of ``request`` must stay nearer to its anchor than to."""
    ax, ay = request.anchor.x(), request.anchor.y()
    out = []
    for x, y in points:
        if abs(x - ax) < 0.5 and abs(y - ay) < 0.5:
            continue
        if (x - ax) ** 2 + (y - ay) ** 2 <= request.cover**2:
            continue  # under the label's own marker disc (a cluster's members)
        out.append((x, y))
    return out


def _box_distance(edges: tuple, x: float, y: float) -> float:
    dx = max(edges[0] - x, 0.0, x - edges[2])
    dy = max(edges[1] - y, 0.0, y - edges[3])
    return (dx * dx + dy * dy) ** 0.5


def _nearer_to_another(edges: tuple, anchor: QPointF, rivals: list[tuple]) -> bool:
    mine = _box_distance(edges, anchor.x(), anchor.y())
    return any(_box_distance(edges, x, y) < mine - 0.5 for x, y in rivals)


def short_form(text: str) -> str | None:
    """A shorter name for a long facility label, for small scales; None if there is none.

    The gazetteer has no short names yet, so common long words are abbreviated and a name
    in brackets leads: "Armenian Nuclear Power Plant (Metsamor)" → "Metsamor NPP",
    "Russian 102nd Military Base" → "102nd Base". The full name stays in the tooltip.
    """
    short = text
    for long, abbreviation in _ABBREVIATIONS:
        short = short.replace(long, abbreviation)
    if "(" in short and short.endswith(")"):
        head, _, inner = short[:-1].partition("(")
        kind = head.split()[-1] if head.split() else ""
        short = f"{inner.strip()} {kind}".strip()
    words = short.split()
    if len(words) > 2 and words[0] in _ADJECTIVES:
        short = " ".join(words[1:])
    return short if short != text else None


_ABBREVIATIONS = (
    ("Nuclear Power Plant", "NPP"),
    ("Military Base", "Base"),
    ("International Airport", "Airport"),
)
# Adjectives of nationality that a short form may drop (the tooltip keeps them).
_ADJECTIVES = frozenset({"Russian", "Armenian", "Azerbaijani", "Turkish", "Iranian"})


class LabelItem(QGraphicsItem):
    """A place name with a white halo, drawn at a device-pixel offset from its point."""

    def __init__(self, text: str, font: QFont, style: MapStyle, colour=TEXT) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # Capitals are written out (not left to the font), so the text of a PDF or SVG is
        # what the outline shows: SVG renderers ignore Qt's capitalization flag.
        self._upper = font.capitalization() == QFont.Capitalization.AllUppercase
        if self._upper:
            font = QFont(font)
            font.setCapitalization(QFont.Capitalization.MixedCase)
        self._font = font
        self._style = style
        self._colour = colour
        self._offset = QPointF(0, 0)  # top-left of the text box relative to the anchor
        self._text = ""
        self._path = QPainterPath()
        self._halo = QPainterPath()
        self._size = (0.0, 0.0)
        self._ascent = 0.0
        self._bounds = QRectF()  # boundingRect(), asked for many times per paint
        self._full = text
        self._short = short_form(text)
        self.set_text(text)

    @property
    def text(self) -> str:
        """The text shown now (the full name, or its short form at small scales)."""
        return self._text

    @property
    def full_text(self) -> str:
        return self._full

    def set_name(self, text: str) -> None:
        """A new full name (naming policy); its short form is worked out again."""
        self._full = text
        self._short = short_form(text)
        self.set_text(text)

    def full_size(self) -> tuple[float, float]:
        """Width and height of the full name's box in device pixels."""
        full = self._full.upper() if self._upper else self._full
        if self._text == full:
            return self._size
        metrics = QFontMetricsF(self._font)
        return metrics.horizontalAdvance(full), metrics.height()

    def sizes(self) -> tuple[tuple[float, float], ...]:
        """Sizes of the shorter forms of the name, for :class:`LabelRequest`."""
        if self._short is None:
            return ()
        metrics = QFontMetricsF(self._font)
        short = self._short.upper() if self._upper else self._short
        return ((metrics.horizontalAdvance(short), metrics.height()),)

    def use_form(self, index: int) -> None:
        """Show the full name (0) or the short form (1)."""
        self.set_text(self._short if index and self._short else self._full)

    def text_size(self) -> tuple[float, float]:
        """Width and height of the text box in device pixels."""
        return self._size

    def set_text(self, text: str) -> None:
        """Change the text (naming policy); the caller re-runs the placement."""
        if self._upper:
            text = text.upper()
        if text == self._text:
            return
        self.prepareGeometryChange()
        self._text = text
        metrics = QFontMetricsF(self._font)
        path = QPainterPath()
        path.addText(0, metrics.ascent(), self._font, text)
        self._ascent = metrics.ascent()
        self._path = path
        self._size = (metrics.horizontalAdvance(text), metrics.height())
        stroker = QPainterPathStroker()
        stroker.setWidth(self._style.px(3.2))
        stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
        self._halo = stroker.createStroke(path)
        self._bounds = self._bounding_rect()
        self.update()  # the view keeps a device-pixel cache of the label

    def set_offset(self, offset: QPointF) -> None:
        if offset != self._offset:
            self.prepareGeometryChange()
            self._offset = QPointF(offset)
            self._bounds = self._bounding_rect()
            self.update()

    def box(self) -> QRectF:
        """The text box in item (device-pixel) coordinates."""
        w, h = self._size
        return QRectF(self._offset.x(), self._offset.y(), w, h)

    def _sprite(self) -> tuple[QImage, QPointF]:
        key = (self._text, self._font.key(), QColor(self._colour).rgba(), self._style.scale)
        found = _LABEL_SPRITES.get(key)
        if found is None:
            if len(_LABEL_SPRITES) > 2048:
                _LABEL_SPRITES.clear()
            bounds = self._halo.boundingRect().united(self._path.boundingRect())
            rect = bounds.adjusted(-1, -1, 1, 1).toAlignedRect()
            image = QImage(rect.width(), rect.height(), QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(0)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            origin = QPointF(rect.left(), rect.top())
            painter.translate(-origin)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(HALO)
            painter.drawPath(self._halo)
            painter.setBrush(self._colour)
            painter.drawPath(self._path)
            painter.end()
            found = (image, origin)
            _LABEL_SPRITES[key] = found
        return found

    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def _bounding_rect(self) -> QRectF:
        m = self._style.px(2)
        return self.box().adjusted(-m, -m, m, m)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        device = painter.device()
        if (
            isinstance(device, QImage)
            and painter.worldTransform().isAffine()
            and (
                painter.worldTransform().type().value
                <= QTransform.TransformationType.TxTranslate.value
            )
        ):
            # PNG snapshots and video frames: the haloed name is a raster anyway; blit a
            # sprite made once per text (a video draws the same names on every frame).
            sprite, origin = self._sprite()
            painter.drawImage(self._offset + origin, sprite)
            return
        painter.translate(self._offset)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(HALO)
        painter.drawPath(self._halo)
        if isinstance(painter.device(), QPixmap):
            # The view's item cache: the outline is what the halo was made from.
            painter.setBrush(self._colour)
            painter.drawPath(self._path)
            return
        # PDF, SVG and image exports: real text, selectable and searchable (pdftotext
        # finds "Stepanakert"); the halo stays an outline under it.
        painter.setPen(QPen(self._colour))
        painter.setFont(self._font)
        painter.drawText(QPointF(0, self._ascent), self._text)
