"""``export_video``: render the planned frames as snapshot pages and encode them atomically.

A cancelled (``progress`` returned False) or failed export leaves nothing behind: the video
is written to a temporary file beside the target and renamed only when ffmpeg is done.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import replace
from pathlib import Path
from typing import Any

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


class FramePainter:
    """Draws frames as snapshot pages, on scenes and states of its own.

    ``ends`` holds each page's own extent and text (:func:`page_ends`). A page's frames are
    drawn on a scene built as its snapshot is, so a held frame is that snapshot; the frames
    on the way to it use a second scene with nothing selected (the map never rings an event
    at a date before it happened). Neither scene ever changes its selection, so a frame
    does not depend on the frames drawn before it. Consecutive equal frames are drawn once.
    """

    def __init__(self, corpus, pages: list[SnapshotOptions], ends: list, video: VideoOptions,
                 layers=None) -> None:  # fmt: skip
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QImage

        self.corpus, self.pages, self.ends = corpus, pages, ends
        self.video, self.layers = video, layers
        self.frame_rect = QRectF(0, 0, video.width, video.height)
        # A 32-bit image: Qt's raster engine paints it fastest; ffmpeg reads it as BGRA.
        self.image = QImage(video.width, video.height, QImage.Format.Format_RGB32)
        self._key: tuple[int, bool] | None = None
        self._page: Any = None
        self._last_key: Any = None
        self._last_bytes = b""

    def close(self) -> None:
        self._page = None

    def _scene(self, page: int, arrived: bool):
        from explorer.export.snapshot.writer import _page

        if self._key != (page, arrived):
            self._page = None
            options = page_options(self.pages[page], self.video)
            if not arrived:
                options = replace(options, event_id=None)
            self._page = _page(self.corpus, options, self.layers)
            self._key = (page, arrived)
        return self._page[0], self._page[1]

    def paint(self, frame: Frame) -> bytes:
        from PySide6.QtGui import QPainter

        from explorer.export.snapshot.page import fit_rect, paint_page

        arrived = frame.towards >= 1.0 or frame.page == 0
        scene, state = self._scene(frame.page, arrived)
        extent, content = self.ends[frame.page]
        if not arrived:
            # Interpolate what is seen, at the frame's aspect, so no zoom jumps at the end.
            extent = _lerp_rect(
                fit_rect(self.ends[frame.page - 1][0], self.frame_rect),
                fit_rect(extent, self.frame_rect),
                frame.towards,
            )
        if frame.date != state.date:
            state.set_date(frame.date)
            scene.set_date(frame.date, state)
        key = (frame.page, arrived, frame.date, extent.getRect())
        if key != self._last_key:
            painter = QPainter(self.image)
            try:
                page_content = replace(content, date=frame.date)
                paint_page(painter, self.frame_rect, scene, state, extent, page_content)
            finally:
                painter.end()
            self._last_bytes = _packed_bytes(self.image)
            self._last_key = key
        return self._last_bytes


def corpus_layers(corpus):
    """The map layers a snapshot of ``corpus`` uses (its own geodata, if it has overlays)."""
    from explorer.data.geo import load_map_layers

    has_geodata = (Path(corpus.root) / "geodata" / "overlays.geojson").is_file()
    return load_map_layers(corpus.root if has_geodata else None)


def page_ends(corpus, pages: list[SnapshotOptions], video: VideoOptions, layers=None) -> list:
    """Each page's own extent and text, as its snapshot has them (the ends of transitions)."""
    from PySide6.QtCore import QRectF

    from explorer.export.snapshot.writer import _page

    ends = []
    for options in pages:
        _scene, _state, extent, content = _page(corpus, page_options(options, video), layers)
        ends.append((QRectF(extent), content))
    return ends


def render_frames(
    corpus,
    pages: list[SnapshotOptions],
    frames: list[Frame],
    video: VideoOptions,
    layers=None,
) -> Generator[bytes, None, None]:
    """The BGRA bytes of each frame, in order, drawn as snapshot pages.

    In this thread, one frame after the other, while ffmpeg encodes the previous ones in its
    own process. Not in worker threads (a ``QGraphicsScene`` registers itself with the
    application, which is not thread-safe) nor in worker processes: the render layer keeps
    labels where they were on the frame before, so frames drawn by different workers
    would make the labels jump; and on a busy 2-core machine two workers were no faster.
    """
    from explorer.export.snapshot.writer import ensure_qt_app

    ensure_qt_app()  # a scene without an application crashes the interpreter
    if layers is None:
        layers = corpus_layers(corpus)  # once, not once per page
    ends = page_ends(corpus, pages, video, layers)
    painter = FramePainter(corpus, pages, ends, video, layers)
    try:
        for frame in frames:
            yield painter.paint(frame)
    finally:
        painter.close()


def _packed_bytes(image) -> bytes:
    """The image's pixels with no row padding (32-bit rows never have any)."""
    row = image.width() * image.depth() // 8
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
        rendered = render_frames(corpus, pages, frames, video, layers)
        try:
            for done, data in enumerate(rendered, 1):
                encoder.write(data)
                if progress is not None and progress(done, total) is False:
                    raise VideoCancelled(f"{path}: cancelled after {done} of {total} frames")
        except BaseException:
            rendered.close()
            encoder.kill()
            raise
        encoder.close()

    return write_atomic(path, produce, force=video.force)
