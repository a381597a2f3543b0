"""Place labels: haloed text items and a greedy placement that never lets two overlap.

Labels are laid out in device pixels (they ignore the view's scale), so the placement runs
again when the zoom changes and not on time steps. Each label tries candidate positions
around its point in cartographic order of preference; labels are placed by priority
(capitals before cities before towns) and a label with no free position is hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem

from explorer.qt.map_style import HALO, TEXT, MapStyle

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
    """One label to place: its anchor point and box size in device pixels."""

    key: str
    anchor: QPointF
    width: float
    height: float
    priority: int
    gap: float = 4.0
    centered: bool = False  # area names sit on their point, with no alternative


def candidate_boxes(request: LabelRequest) -> list[QRectF]:
    """The boxes a label may take around its anchor, best first."""
    w, h, g = request.width, request.height, request.gap
    x, y = request.anchor.x(), request.anchor.y()
    if request.centered:
        # Area names: on their point, else just above or below it.
        return [QRectF(x - w / 2, y - h / 2 + k * h * 1.3, w, h) for k in (0, -1, 1)]
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
    return boxes


def place_labels(
    requests: list[LabelRequest], obstacles: list[QRectF] | None = None
) -> dict[str, QRectF]:
    """Greedy placement: the box each placed label takes, by key; missing keys are hidden.

    Requests are taken by ascending ``priority`` (then in the given order); each takes the
    first candidate box that meets neither a placed label nor an obstacle (point symbols).
    """
    placed: dict[str, QRectF] = {}
    taken: list[QRectF] = []
    blocked = list(obstacles or [])
    for request in sorted(requests, key=lambda r: r.priority):
        for box in candidate_boxes(request):
            if any(box.intersects(other) for other in taken):
                continue
            if any(box.intersects(other) for other in blocked):
                continue
            placed[request.key] = box
            taken.append(box)
            break
    return placed


class LabelItem(QGraphicsItem):
    """A place name with a white halo, drawn at a device-pixel offset from its point."""

    def __init__(self, text: str, font: QFont, style: MapStyle, colour=TEXT) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._font = font
        self._style = style
        self._colour = colour
        self._offset = QPointF(0, 0)  # top-left of the text box relative to the anchor
        self._text = ""
        self._path = QPainterPath()
        self._halo = QPainterPath()
        self._size = (0.0, 0.0)
        self._bounds = QRectF()  # boundingRect(), asked for many times per paint
        self.set_text(text)

    @property
    def text(self) -> str:
        return self._text

    def text_size(self) -> tuple[float, float]:
        """Width and height of the text box in device pixels."""
        return self._size

    def set_text(self, text: str) -> None:
        """Change the text (naming policy); the caller re-runs the placement."""
        if text == self._text:
            return
        self.prepareGeometryChange()
        self._text = text
        metrics = QFontMetricsF(self._font)
        path = QPainterPath()
        path.addText(0, metrics.ascent(), self._font, text)
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

    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def _bounding_rect(self) -> QRectF:
        m = self._style.px(2)
        return self.box().adjusted(-m, -m, m, m)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(self._offset)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(HALO)
        painter.drawPath(self._halo)
        painter.setBrush(self._colour)
        painter.drawPath(self._path)
        painter.setPen(QPen(Qt.PenStyle.NoPen))
