"""One annotated map page: title, date stamp, filters and naming, the map, legend, scale
bar, north arrow, attribution and a footer citing the sources of what is shown.

Painted with a ``QPainter`` on any device (``QImage``, ``QSvgGenerator``, ``QPdfWriter``),
in that device's pixels; :class:`MapStyle` scales fonts and pens with the resolution and
the page size (:func:`page_factor`), so a page from 80 mm wide to A0 keeps its proportions.

What does not fit a small page is shortened by rule, never clipped: the title wraps to two
lines, the legend becomes a one-paragraph key under the map, edge badges without a free spot
are listed in the footer instead, and the footer cites as many sources as fit, then "and N
more sources". Each shortening is reported in :attr:`PageReport.omitted` (the writer prints
them on stderr).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import QAbstractGraphicsShapeItem

from explorer.domain.dates import format_day
from explorer.domain.model import Source
from explorer.domain.state import AppState
from explorer.render.decorations import (
    LegendEntry,
    flow_legend,
    grid_convergence_deg,
    legend_size,
    paint_legend,
    paint_north_arrow,
    paint_scale_bar,
)
from explorer.render.labels import LabelRequest
from explorer.render.legend import legend_entries
from explorer.render.scene import MapScene
from explorer.render.style import EVENT_RECENT, HALO, PAPER, TEXT, TEXT_MUTED, MapStyle

ATTRIBUTION = (
    "Basemap: Natural Earth (public domain); towns: GeoNames (CC BY 4.0); overlays: "
    "schematic, see geodata/README.md. Made with Karabakh Explorer."
)
# Page factor: A4 is 1; smaller pages never go below this (about 5 pt for the smallest
# type), larger ones grow less than the page (a poster is read from farther away).
MIN_PAGE_FACTOR = 0.7
PAGE_GROWTH = 0.7
A4_MM = (297.0, 210.0)


def page_factor(width_mm: float, height_mm: float) -> float:
    """How much larger than on A4 the page's type, symbols and margins are."""
    long_side, short_side = max(width_mm, height_mm), min(width_mm, height_mm)
    ratio = min(long_side / A4_MM[0], short_side / A4_MM[1])
    return max(MIN_PAGE_FACTOR, ratio**PAGE_GROWTH)


@dataclass
class PageContent:
    """What one page says besides the map."""

    title: str
    date: dt.date
    subtitle: str = ""
    notes: str = ""
    # Active filters and the naming policy, one line under the date stamp.
    filters: str = ""


@dataclass
class PageReport:
    """Where things went on a painted page, and what was shortened or left out."""

    omitted: list[str] = field(default_factory=list)
    frame: QRectF = field(default_factory=QRectF)
    legend: QRectF = field(default_factory=QRectF)
    legend_compact: bool = False
    north_arrow: QRectF = field(default_factory=QRectF)
    scale_bar: QRectF = field(default_factory=QRectF)
    badges: dict[str, QRectF] = field(default_factory=dict)
    markers: dict[str, QRectF] = field(default_factory=dict)
    footnotes: dict[str, str] = field(default_factory=dict)  # place -> "[1, 3]"
    footnote_boxes: dict[str, QRectF] = field(default_factory=dict)
    title_lines: list[str] = field(default_factory=list)
    sources_total: int = 0
    sources_listed: int = 0
    footer_text: str = ""


def fit_rect(source: QRectF, frame: QRectF) -> QRectF:
    """``source`` grown (about its centre) to the aspect ratio of ``frame``."""
    aspect = frame.width() / frame.height()
    w, h = source.width(), source.height()
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    c = source.center()
    return QRectF(c.x() - w / 2, c.y() - h / 2, w, h)


def long_date(day: dt.date) -> str:
    return format_day(day)


def visible_sources(scene: MapScene, state: AppState, source_rect: QRectF) -> list[Source]:
    """Sources of the selected event and of the events the markers in ``source_rect`` show."""
    events = []
    if state.selected_event is not None:
        events.append(state.selected_event)
    for place_id in scene.events.visible_places():
        point = scene.place_points.get(place_id)
        if point is not None and not source_rect.contains(point):
            continue
        events += state.timeline.events_at_place(place_id, state.date)
    seen: dict[str, Source] = {}
    for event in events:
        for source in event.sources:
            seen.setdefault(source.id, source)
    return sorted(seen.values(), key=lambda s: s.citation())


def wrap_words(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """Greedy word wrap of ``text`` into lines no wider than ``width``."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and metrics.horizontalAdvance(trial) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def _fit_lines(text: str, font: QFont, width: float, max_lines: int) -> tuple[list[str], bool]:
    """``text`` wrapped to at most ``max_lines``; True if the last line had to be elided."""
    metrics = QFontMetricsF(font)
    lines = wrap_words(text, metrics, width)
    if len(lines) <= max_lines and all(metrics.horizontalAdvance(x) <= width for x in lines):
        return lines, False
    kept = lines[:max_lines]
    rest = " ".join(lines[max_lines - 1 :])
    kept[-1] = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return kept, True


@dataclass
class _Header:
    title_font: QFont
    title: list[str]
    sub_font: QFont
    sub: list[str]
    notes_font: QFont
    notes: list[str]

    def height(self, style: MapStyle) -> float:
        h = len(self.title) * QFontMetricsF(self.title_font).height()
        h += style.px(2) + len(self.sub) * QFontMetricsF(self.sub_font).height()
        return h + len(self.notes) * QFontMetricsF(self.notes_font).height()


def _header(content: PageContent, style: MapStyle, width: float, omitted: list[str]) -> _Header:
    """The title (one line, a smaller size, or two lines), stamp, filters and notes."""
    title_font = style.font(22, bold=True)
    for size in (22, 20, 18):
        font = style.font(size, bold=True)
        if QFontMetricsF(font).horizontalAdvance(content.title) <= width:
            title_font, title = font, [content.title]
            break
    else:
        title, cut = _fit_lines(content.title, title_font, width, 2)
        if cut:
            omitted.append(f"title shortened to two lines: {content.title!r}")
    sub_font = style.font(11.5)
    stamp = f"Situation on {long_date(content.date)}"
    if content.subtitle:
        stamp += f"  ·  {content.subtitle}"
    sub, cut = _fit_lines(stamp, sub_font, width, 2)
    if content.filters:
        more, cut_filters = _fit_lines(content.filters, sub_font, width, 3)
        sub += more
        cut = cut or cut_filters
    if cut:
        omitted.append("date stamp or filter line shortened")
    notes_font = style.font(11, italic=True)
    notes: list[str] = []
    if content.notes:
        notes, cut = _fit_lines(content.notes, notes_font, width, 2)
        if cut:
            omitted.append("notes shortened to two lines")
    return _Header(title_font, title, sub_font, sub, notes_font, notes)


def _paint_header(painter: QPainter, inner: QRectF, style: MapStyle, header: _Header) -> None:
    y = inner.top()
    for font, lines, colour in (
        (header.title_font, header.title, TEXT),
        (header.sub_font, header.sub, TEXT_MUTED),
        (header.notes_font, header.notes, TEXT_MUTED),
    ):
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        painter.setPen(colour)
        for line in lines:
            painter.drawText(QPointF(inner.left(), y + metrics.ascent()), line)
            y += metrics.height()
        if font is header.title_font:
            y += style.px(2)


def _number_ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> "1–3, 5"."""
    out: list[str] = []
    numbers = sorted(set(numbers))
    i = 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        out.append(f"{numbers[i]}–{numbers[j]}" if j > i + 1 else
                   ", ".join(str(n) for n in numbers[i : j + 1]))  # fmt: skip
        i = j + 1
    return ", ".join(out)


def footnote_marks(scene: MapScene, state: AppState, numbers: dict[str, int]) -> dict[str, str]:
    """Per marker or edge badge shown, the footer numbers of its events' sources."""
    marks: dict[str, str] = {}
    items = [
        *((p, m) for p, m in scene.events.markers.items() if m.isVisible() and m.total),
        *((p, b) for p, b in scene.events.badges.items() if b.total),
    ]
    for place_id, _item in items:
        cited: list[int] = []
        for member in scene.events.members(place_id):
            for event in state.timeline.events_at_place(member, state.date):
                cited += [numbers[s.id] for s in event.sources if s.id in numbers]
        if cited:
            marks[place_id] = f"[{_number_ranges(cited)}]"
    return marks


def _footer_text(sources: list[Source], k: int, off_map: str) -> str:
    text = f"Not shown for lack of room: {off_map}. " if off_map else ""
    if not sources:
        return text + "No events shown."
    cites = "; ".join(f"[{i}] {s.citation()}" for i, s in enumerate(sources[:k], 1))
    if k == 0:
        return text + f"{len(sources)} sources of the events shown are not listed (page too small)."
    more = len(sources) - k
    tail = f"; and {more} more source{'s' if more != 1 else ''}" if more else ""
    return text + f"Sources of the events shown: {cites}{tail}."


def paint_page(
    painter: QPainter,
    page: QRectF,
    scene: MapScene,
    state: AppState,
    extent: QRectF,
    content: PageContent,
) -> PageReport:
    """Paint a whole page into ``page`` (device pixels); where things went, what was cut."""
    style = scene.map_style
    px = style.px
    report = PageReport()
    scene.paper = True
    painter.save()
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(page, PAPER)
    margin = min(px(30), 0.06 * min(page.width(), page.height()))
    inner = page.adjusted(margin, margin, -margin, -margin)
    header = _header(content, style, inner.width(), report.omitted)
    report.title_lines = header.title
    map_top = inner.top() + header.height(style) + px(8)
    footer_font = style.font(9)
    metrics = QFontMetricsF(footer_font)
    line_h = metrics.height()
    attribution = wrap_words(ATTRIBUTION, metrics, inner.width())
    attr_h = len(attribution) * line_h
    # The legend: boxed in the map's corner when it takes little of it, else a compact key.
    frame_guess = QRectF(
        inner.left(), map_top, inner.width(), inner.bottom() - attr_h - 3 * line_h - map_top
    )
    entries = legend_entries(scene, paper=True)
    legend_w = min(px(270), frame_guess.width() * 0.4)
    size = legend_size(entries, style, legend_w) if entries else QRectF()
    fits_inside = (
        size.height() <= frame_guess.height() * 0.45
        and size.width() * size.height() <= 0.2 * frame_guess.width() * frame_guess.height()
    )
    band_h = 0.0
    if entries and not fits_inside:
        entries = legend_entries(scene, paper=True, compact=True)
        report.legend_compact = True
        band_h = flow_legend(None, QRectF(0, 0, inner.width(), 0), entries, style) + px(6)
        report.omitted.append("legend shortened to a compact key under the map")
    # The sources: as many as fit in the footer, the map keeping half the inner height.
    min_map_h = 0.45 * inner.height()
    room = inner.bottom() - map_top - min_map_h - band_h - attr_h - px(14)
    max_sources_h = max(line_h, min(page.height() * 0.2, room))
    source_rect = fit_rect(extent, frame_guess)
    sources = visible_sources(scene, state, source_rect)
    report.sources_total = len(sources)

    def footer_for(off_map: str) -> tuple[str, int, float]:
        names = re.split(r"(?<=\)), ", off_map) if off_map else []
        # The places left out by name while they fit, else their number (stderr names them).
        forms = [off_map] + ([f"{len(names)} places ({names[0]}, …)"] if len(names) > 2 else [])
        for form in forms:
            for k in range(len(sources), -1, -1):
                text = _footer_text(sources, k, form)
                height = len(wrap_words(text, metrics, inner.width())) * line_h
                if height <= max_sources_h:
                    return text, k, height
        text = _footer_text(sources, 0, forms[-1])
        return text, 0, len(wrap_words(text, metrics, inner.width())) * line_h

    # Markers without room are named in the footer, which then takes more room: lay out
    # again with the longer footer until the list stops growing (it only grows).
    left_out: list[str] = []
    before = list(report.omitted)
    for _attempt in range(4):
        report.omitted = list(before)
        off_map = ", ".join(left_out)
        footer_text, listed, text_h = footer_for(off_map)
        footer_h = text_h + attr_h + px(6)
        footer_top = inner.bottom() - footer_h
        frame = QRectF(inner.left(), map_top, inner.width(), footer_top - band_h - px(8) - map_top)
        numbers = {s.id: i for i, s in enumerate(sources[:listed], 1)}
        _layout_map(frame, scene, state, fit_rect(extent, frame), entries, report, numbers)
        names = [
            f"{b.name} ({b.total})"
            for p, b in scene.events.badges.items()
            if p in scene.events.dropped and b.total
        ]
        names += [
            f"{scene.events.markers[p].name} ({scene.events.markers[p].total})"  # type: ignore[attr-defined]
            for p in scene.unplaced_countries
            if scene.events.markers[p].total
        ]
        new = [n for n in names if n not in left_out]
        if not new:
            break
        left_out += new
    if off_map:
        report.omitted.append(f"markers without room (noted in the footer): {off_map}")
    if listed < len(sources):
        report.omitted.append(
            f"{len(sources) - listed} of {len(sources)} sources not listed in the footer"
        )
    report.sources_listed, report.footer_text, report.frame = listed, footer_text, frame
    _paint_map(painter, frame, scene, fit_rect(extent, frame), entries, report)
    # SVG output ignores clipping: cover whatever the scene drew outside the frame.
    for band in (
        QRectF(page.left(), page.top(), page.width(), frame.top() - page.top()),
        QRectF(page.left(), frame.bottom(), page.width(), page.bottom() - frame.bottom()),
        QRectF(page.left(), frame.top(), frame.left() - page.left(), frame.height()),
        QRectF(frame.right(), frame.top(), page.right() - frame.right(), frame.height()),
    ):
        painter.fillRect(band, PAPER)
    _paint_header(painter, inner, style, header)
    painter.setPen(QPen(QColor(TEXT_MUTED), px(1)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(frame)
    if report.legend_compact:
        band = QRectF(inner.left(), frame.bottom() + px(6), inner.width(), band_h)
        flow_legend(painter, band, entries, style)
        report.legend = QRectF(band.left(), band.top(), band.width(), band_h - px(6))
    painter.setFont(footer_font)
    painter.setPen(TEXT)
    y = footer_top + px(6)
    for line in wrap_words(footer_text, metrics, inner.width()):
        painter.drawText(QPointF(inner.left(), y + metrics.ascent()), line)
        y += line_h
    painter.setPen(TEXT_MUTED)
    y = inner.bottom() - attr_h
    for line in attribution:
        painter.drawText(QPointF(inner.left(), y + metrics.ascent()), line)
        y += line_h
    painter.restore()
    return report


@contextmanager
def scene_unit_pens(scene: MapScene, metres_per_px: float) -> Iterator[None]:
    """Give the scene's line work plain pens as wide, in metres, as their pixels at this scale.

    On screen, borders and outlines use cosmetic pens (the same pixels at every zoom). An
    SVG writer keeps such a pen as ``vector-effect="non-scaling-stroke"`` under the tiny
    metres-to-page transform: renderers that do not know the effect (rsvg) draw it ~0.05 px
    wide, and those that do (browsers) scale it with the SVG's size, not the page's. A plain
    pen whose width is converted to scene units comes out the same in PNG, PDF and SVG.
    """
    swapped = []
    for item in scene.items():
        if isinstance(item, QAbstractGraphicsShapeItem) and item.pen().isCosmetic():
            pen = item.pen()
            plain = QPen(pen)
            plain.setCosmetic(False)
            plain.setWidthF(pen.widthF() * metres_per_px)
            item.setPen(plain)
            swapped.append((item, pen))
    try:
        yield
    finally:
        for item, pen in swapped:
            item.setPen(pen)


def _transform(frame: QRectF, source: QRectF) -> QTransform:
    k = frame.width() / source.width()
    to_device = QTransform()
    to_device.translate(frame.left(), frame.top())
    to_device.scale(k, k)
    to_device.translate(-source.left(), -source.top())
    return to_device


def _decoration_rects(frame: QRectF, source: QRectF, style: MapStyle) -> tuple[QRectF, QRectF]:
    """Where the scale bar and the north arrow go in ``frame``."""
    margin = style.px(12)
    k = frame.width() / source.width()
    bar = paint_scale_bar(
        None, QPointF(frame.left() + margin + style.px(6), frame.bottom() - margin), 1 / k, style
    )
    arrow = paint_north_arrow(
        None, QPointF(frame.right() - margin - style.px(20), frame.top() + margin + style.px(24)),
        style,
    )  # fmt: skip
    return bar, arrow


def _layout_map(
    frame: QRectF,
    scene: MapScene,
    state: AppState,
    source: QRectF,
    entries: list[LegendEntry],
    report: PageReport,
    numbers: dict[str, int],
) -> None:
    """Lay out badges, labels and footnote marks for ``frame``; fills ``report``."""
    style = scene.map_style
    px = style.px
    to_device = _transform(frame, source)
    margin = px(12)
    report.scale_bar, report.north_arrow = _decoration_rects(frame, source, style)
    reserved = [report.scale_bar, report.north_arrow]
    report.legend = QRectF()
    if entries and not report.legend_compact:
        width = min(px(270), frame.width() * 0.4)
        size = legend_size(entries, style, width)
        report.legend = QRectF(
            frame.right() - margin - width, frame.bottom() - margin - size.height(), width,
            size.height(),
        )  # fmt: skip
        reserved.append(report.legend)
    scene.cluster_markers(to_device)
    marks = footnote_marks(scene, state, numbers)
    # Only markers on this page's map (not those panned off it) get marks; a country's
    # marker is moved onto the map when the labels are placed.
    countries = set(scene.events.country_markers())
    marks = {
        p: t
        for p, t in marks.items()
        if p in scene.events.badges
        or p in countries
        or frame.contains(to_device.map(scene.events.markers[p].pos()))
    }
    for place_id, badge in scene.events.badges.items():
        badge.set_note(marks.get(place_id, ""))
    for place_id in countries:  # a country's marks go inside its name's frame
        scene.events.markers[place_id].set_note(marks.get(place_id, ""))  # type: ignore[attr-defined]
    font = _footnote_font(style)
    metrics = QFontMetricsF(font)
    obstacles = scene.events.obstacle_map(to_device)
    requests = []
    for place_id, text in marks.items():
        marker = scene.events.markers.get(place_id)
        if marker is None or place_id in countries:
            continue
        requests.append(
            LabelRequest(
                f"note:{place_id}",
                to_device.map(marker.pos()),
                metrics.horizontalAdvance(text) + px(2),
                metrics.height(),
                1,  # after capitals, with the cities: a mark must sit by its marker
                marker.radius() + px(2),
                own=obstacles.get(place_id),
                cover=marker.radius(),
            )
        )
    placed = scene.layout(source, to_device, reserved, requests)
    # A page may be laid out twice (again after something was shortened): start afresh.
    report.footnote_boxes = {}
    report.footnotes = {
        p: t
        for p, t in marks.items()
        if p in scene.events.badges or (p in countries and scene.events.markers[p].isVisible())
    }
    for request in requests:
        place_id = request.key.removeprefix("note:")
        if request.key in placed:
            report.footnotes[place_id] = marks[place_id]
            report.footnote_boxes[place_id] = placed[request.key]
    unplaced = [p for p in marks if p not in report.footnotes]
    if unplaced:
        report.omitted.append(f"footnote marks without room next to: {', '.join(unplaced)}")
    report.badges = {}
    for place_id, badge in scene.events.badges.items():
        if badge.isVisible():
            w, h = badge.size()
            report.badges[place_id] = QRectF(to_device.map(badge.pos()), QRectF(0, 0, w, h).size())
    report.markers = {
        p: obstacles[p] for p, m in scene.events.markers.items() if m.isVisible() and p in obstacles
    }


def _footnote_font(style: MapStyle) -> QFont:
    return style.font(9.5, bold=True)


def _paint_map(
    painter: QPainter,
    frame: QRectF,
    scene: MapScene,
    source: QRectF,
    entries: list[LegendEntry],
    report: PageReport,
) -> None:
    style = scene.map_style
    k = frame.width() / source.width()
    painter.save()
    painter.setClipRect(frame)
    painter.fillRect(frame, scene.backgroundBrush())
    with scene_unit_pens(scene, 1.0 / k):
        scene.render(painter, frame, source, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.restore()
    painter.save()
    painter.setClipRect(frame)
    _paint_footnotes(painter, report, style)
    margin = style.px(12)
    paint_scale_bar(
        painter,
        QPointF(frame.left() + margin + style.px(6), frame.bottom() - margin),
        1.0 / k,
        style,
    )
    centre = source.center()
    paint_north_arrow(
        painter,
        QPointF(frame.right() - margin - style.px(20), frame.top() + margin + style.px(24)),
        style,
        grid_convergence_deg(centre.x(), -centre.y()),
    )
    if entries and not report.legend_compact:
        paint_legend(painter, report.legend.topLeft(), entries, style, report.legend.width())
    painter.restore()


def _paint_footnotes(painter: QPainter, report: PageReport, style: MapStyle) -> None:
    """The footnote marks beside their markers: real text on a white halo."""
    font = _footnote_font(style)
    metrics = QFontMetricsF(font)
    painter.save()
    painter.setFont(font)
    for place_id, box in report.footnote_boxes.items():
        text = report.footnotes[place_id]
        origin = QPointF(box.left() + style.px(1), box.top() + metrics.ascent())
        path = QPainterPath()
        path.addText(origin, font, text)
        stroker = QPainterPathStroker()
        stroker.setWidth(style.px(3))
        stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(HALO)
        painter.drawPath(stroker.createStroke(path))
        painter.setPen(EVENT_RECENT.darker(115))
        painter.drawText(origin, text)
    painter.restore()
