"""``export_video``: render the planned frames as snapshot pages and encode them atomically.

A cancelled (``progress`` returned False) or failed export leaves nothing behind: the video
is written to a temporary file beside the target and renamed only when ffmpeg is done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from explorer.export.files import check_writable, write_atomic
from explorer.export.snapshot.writer import SnapshotOptions
from explorer.export.video.encode import Encoder, VideoCancelled, VideoOptions
from explorer.export.video.plan import Frame

SCREEN_DPI = 96.0
# A 720-line frame has the proportions of the screen; larger frames scale up from there.
REFERENCE_HEIGHT = 720.0

Progress = Callable[[int, int], bool]


def page_options(base: SnapshotOptions, video: VideoOptions) -> SnapshotOptions:
    """Snapshot options whose page is exactly the video frame, with type scaled to its height.

    A snapshot taken with these options is the frame of the same step, pixel for pixel.
    """
    dpi = max(30, round(SCREEN_DPI * video.height / REFERENCE_HEIGHT))
    return replace(
        base,
        format="png",
        dpi=dpi,
        width_mm=video.width / dpi * 25.4,
        height_mm=video.height / dpi * 25.4,
    )


def _lerp_rect(a, b, t: float):
    """The extent ``t`` of the way from ``a`` to ``b``: centre linear, size geometric (a zoom)."""
    from PySide6.QtCore import QPointF, QRectF

    ca, cb = a.center(), b.center()
    centre = QPointF(ca.x() + (cb.x() - ca.x()) * t, ca.y() + (cb.y() - ca.y()) * t)
    w = a.width() * (b.width() / a.width()) ** t
    h = a.height() * (b.height() / a.height()) ** t
    return QRectF(centre.x() - w / 2, centre.y() - h / 2, w, h)


def render_frames(
    corpus, pages: list[SnapshotOptions], frames: list[Frame], video: VideoOptions, layers=None
) -> Iterator[bytes]:
    """The RGB24 bytes of each frame, drawn as snapshot pages (consecutive equal frames are
    drawn once)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from explorer.export.snapshot.page import fit_rect, paint_page
    from explorer.export.snapshot.writer import _page

    w, h = video.width, video.height
    frame_rect = QRectF(0, 0, w, h)
    image = QImage(w, h, QImage.Format.Format_RGB888)
    current = -1
    page = None
    previous_extent = None
    last_key = None
    last_bytes = b""
    for frame in frames:
        if frame.page != current:
            if page is not None:
                previous_extent = page[2]
            page = _page(corpus, page_options(pages[frame.page], video), layers)
            current = frame.page
        assert page is not None
        scene, state, extent, content = page
        if frame.towards < 1.0 and previous_extent is not None:
            # Interpolate what is seen, at the frame's aspect, so no zoom jumps at the end.
            extent = _lerp_rect(
                fit_rect(previous_extent, frame_rect), fit_rect(extent, frame_rect), frame.towards
            )
        if frame.date != state.date:
            state.set_date(frame.date)
            scene.set_date(frame.date, state)
        # On the way to a step its event is not yet selected: the map never rings an event
        # at a date before it happened.
        selected = pages[frame.page].event_id if frame.towards >= 1.0 else None
        if selected != state.selected_id:
            state.select(selected, move_time=False)
            scene.set_selection(state)
        key = (frame.page, frame.date, extent.getRect(), selected)
        if key != last_key:
            painter = QPainter(image)
            try:
                paint_page(
                    painter, frame_rect, scene, state, extent, replace(content, date=frame.date)
                )
            finally:
                painter.end()
            last_bytes = _rgb_bytes(image)
            last_key = key
        yield last_bytes


def _rgb_bytes(image) -> bytes:
    """Tightly packed RGB24 rows (QImage pads each row to 4 bytes)."""
    row = image.width() * 3
    stride = image.bytesPerLine()
    data = bytes(image.constBits())
    if stride == row:
        return data[: row * image.height()]
    return b"".join(data[y * stride : y * stride + row] for y in range(image.height()))


def export_video(
    corpus,
    pages: list[SnapshotOptions],
    frames: list[Frame],
    video: VideoOptions,
    path: Path | str,
    *,
    layers=None,
    progress: Progress | None = None,
) -> Path:
    """Render and encode ``frames`` to ``path``; returns the path written.

    ``progress(done, total)`` is called after each frame; returning False cancels the
    export (:class:`VideoCancelled`). Raises ValueError for bad options and OutputError when
    the file cannot be written; in every failure nothing is left behind.
    """
    from explorer.export.snapshot.writer import ensure_qt_app

    video.check()
    if not frames:
        raise ValueError("the video has no frames")
    path = Path(path)
    check_writable(path, force=video.force)
    ensure_qt_app()
    total = len(frames)

    def produce(tmp: Path) -> None:
        encoder = Encoder(video, tmp)
        try:
            for done, rgb in enumerate(render_frames(corpus, pages, frames, video, layers), 1):
                encoder.write(rgb)
                if progress is not None and progress(done, total) is False:
                    raise VideoCancelled(f"{path}: cancelled after {done} of {total} frames")
        except BaseException:
            encoder.kill()
            raise
        encoder.close()

    return write_atomic(path, produce, force=video.force)
