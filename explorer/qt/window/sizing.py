"""The window's size and title: fit the screen it opens on; name the app once.

Pure functions over Qt's geometry types, so they are tested without a window.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect

from explorer.data.corpus import Corpus
from explorer.data.embedded import is_embedded

APPLICATION = "Karabakh Explorer"  # also the application's display name (app.py)

# Room a window manager's title bar and borders take around the window, before the window
# is shown and the real frame is known.
FRAME_ALLOWANCE = QMargins(4, 32, 4, 4)


def window_title(corpus: Corpus) -> str:
    """The window's own title. Qt appends the application's display name ("— Karabakh
    Explorer") to any other title, so the embedded corpus is just the name and another corpus
    is only its folder's name."""
    if is_embedded(corpus.root):  # its folder's name means nothing to users
        return APPLICATION
    root = corpus.root.resolve()
    return root.name or str(root)


def fit_rect(want: QRect, available: QRect, frame: QMargins = FRAME_ALLOWANCE) -> QRect:
    """``want`` shrunk and moved so that, with its ``frame``, it lies inside ``available``."""
    room = available.marginsRemoved(frame)
    w, h = min(want.width(), room.width()), min(want.height(), room.height())
    x = min(max(want.x(), room.left()), room.right() + 1 - w)
    y = min(max(want.y(), room.top()), room.bottom() + 1 - h)
    return QRect(x, y, w, h)
