"""Colours, pens and fonts of the map: a calm atlas style whose tints take no side.

Every size here is in device pixels at screen resolution; :class:`MapStyle` multiplies them
by ``scale`` so that an export at 300 dpi looks like the screen, not like a thumbnail (items
that ignore the view's transformation and cosmetic pens are otherwise sized in device pixels).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen

FONT_FAMILY = "DejaVu Sans"

# The palette: paper land, a pale grey-blue sea, and tints for areas that are neither the
# colours of a flag nor the red/blue of "us and them" maps.
SEA = QColor("#d6e2e8")
LAND = QColor("#f5f2eb")
LAND_CONTEXT = QColor("#ebe7df")  # countries around the South Caucasus, one step darker
BORDER = QColor("#8e867c")
COAST = QColor("#7f9aa6")
RIVER = QColor("#86a9bb")
NK_OUTLINE = QColor("#5d554d")
TEXT = QColor("#2b2723")
TEXT_MUTED = QColor("#766d63")
HALO = QColor(255, 255, 255, 235)
# Control areas: a sand tone and a grey-blue, each hatched in a darker shade of itself.
HOLDER_TINTS = (QColor("#d9c594"), QColor("#9fb0c4"), QColor("#c4b7a6"))
HOLDER_HATCH = (QColor("#9c8453"), QColor("#5e7290"), QColor("#857563"))
CORRIDOR = QColor("#a38fb3")
CORRIDOR_ROAD = QColor("#5c4a6b")
# Events: an aubergine that belongs to no flag, strong for recent events, muted for older.
EVENT_RECENT = QColor("#6a3d78")
EVENT_OLD = QColor("#a597ad")
SELECTION = QColor("#1d1b19")
PAPER = QColor("#ffffff")

# Label priority by place kind: capitals first, then cities, towns and the rest.
KIND_PRIORITY = {
    "capital": 0,
    "city": 1,
    "town": 2,
    "airport": 4,
    "site": 4,
    "village": 3,
    "military-base": 5,
}
# Kinds drawn as areas (an italic, spaced name, no point symbol).
AREA_KINDS = frozenset({"region"})
# The smallest type the map draws at scale 1, in screen pixels (footer, count badges): the
# scale knobs below size everything from it.
MIN_TEXT_PX = 9.0


@dataclass(frozen=True)
class MapStyle:
    """Sizes of the map's pens, fonts and symbols for one output resolution.

    ``scale`` is 1 on screen and ``dpi / 96`` for an export, so that a 300-dpi page has the
    proportions of the screen.
    """

    scale: float = 1.0

    def scaled(self, factor: float) -> MapStyle:
        """This style with every type size, pen and symbol ``factor`` times as large."""
        if not factor > 0:
            raise ValueError(f"scale factor must be positive, not {factor!r}")
        return replace(self, scale=self.scale * factor)

    @classmethod
    def for_screen(cls, height_px: float, text_fraction: float = 1 / 80) -> MapStyle:
        """A style for a screen ``height_px`` (logical pixels) high, read from a distance.

        The smallest text (:data:`MIN_TEXT_PX` at scale 1) becomes ``text_fraction`` of the
        height, never smaller than on the desktop: 1/80 of 1080 px is 13.5 px, so labels are
        about 19 px and the legend 15 px. The presenter screen uses it; any value of
        ``text_fraction`` of 1/200 or more keeps map text legible from the back of a room.
        """
        if height_px <= 0 or text_fraction <= 0:
            raise ValueError("height and text fraction must be positive")
        return cls(scale=max(1.0, height_px * text_fraction / MIN_TEXT_PX))

    def smallest_text_px(self) -> float:
        """The smallest type this style draws, in its device pixels."""
        return self.px(MIN_TEXT_PX)

    def px(self, size: float) -> float:
        """``size`` screen pixels in this style's device pixels."""
        return size * self.scale

    def pen(
        self,
        colour: QColor,
        width: float,
        style: Qt.PenStyle = Qt.PenStyle.SolidLine,
    ) -> QPen:
        """A cosmetic pen (constant width whatever the zoom), ``width`` in screen pixels."""
        pen = QPen(colour, self.px(width), style)
        pen.setCosmetic(True)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        if style != Qt.PenStyle.SolidLine:
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        return pen

    def font(self, size: float, *, bold: bool = False, italic: bool = False) -> QFont:
        """The map's sans-serif at ``size`` screen pixels."""
        font = QFont(FONT_FAMILY)
        font.setPixelSize(max(1, round(self.px(size))))
        font.setBold(bold)
        font.setItalic(italic)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font

    def label_font(self, kind: str) -> QFont:
        """Label font by place kind: bold capitals, plain towns, spaced italic areas."""
        if kind in AREA_KINDS:
            font = self.font(11.5, italic=True)
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 112)
            font.setCapitalization(QFont.Capitalization.AllUppercase)
            return font
        if kind == "capital":
            return self.font(13, bold=True)
        if kind == "city":
            return self.font(12.5)
        if kind == "town-context":
            return self.font(10.5)
        return self.font(11.5)


def holder_tint(index: int, alpha: int = 120) -> QColor:
    """The fill of the ``index``-th distinct holder of a control area (semi-transparent)."""
    colour = QColor(HOLDER_TINTS[index % len(HOLDER_TINTS)])
    colour.setAlpha(alpha)
    return colour


def hatch_brush(colour: QColor, pattern: Qt.BrushStyle = Qt.BrushStyle.BDiagPattern) -> QBrush:
    """A hatching brush; items draw it in device space so it does not shrink with the zoom."""
    return QBrush(colour, pattern)
