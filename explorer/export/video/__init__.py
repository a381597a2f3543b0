"""Video export: a presentation or a period as MP4 (H.264) or animated GIF, no window needed.

Frames are snapshot pages (``explorer.export.snapshot``): title, date stamp, legend, scale
bar, attribution and source footer, drawn by the same render layer as the window.
"""

from explorer.export.video.encode import VideoCancelled, VideoOptions
from explorer.export.video.plan import Frame, parse_step, period_frames, presentation_frames
from explorer.export.video.writer import export_video

__all__ = [
    "Frame",
    "VideoCancelled",
    "VideoOptions",
    "export_video",
    "parse_step",
    "period_frames",
    "presentation_frames",
]
