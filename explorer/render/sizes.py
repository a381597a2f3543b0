"""The size rule of event markers, shared by the window, the snapshot and the web map.

Pure Python (no Qt), so the exports can use it without a display: a marker's radius in
device-independent pixels grows with the square root of the events it stands for.
"""

from __future__ import annotations

import math

MARKER_MIN_RADIUS = 5.0
MARKER_MAX_RADIUS = 15.0


def event_marker_radius(total: int) -> float:
    """The radius, in pixels at scale 1, of a marker for ``total`` events (0 for none)."""
    if total <= 0:
        return 0.0
    return min(MARKER_MIN_RADIUS + 2.2 * math.sqrt(total - 1), MARKER_MAX_RADIUS)
