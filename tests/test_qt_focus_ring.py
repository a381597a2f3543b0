"""The list, the map and the details show where the keyboard is, without moving."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from explorer.qt.window.style import FOCUS


@pytest.mark.parametrize("name", ["details", "map_view", "event_list"])
def test_the_focused_pane_has_a_ring_and_keeps_its_size(demo_window, qtbot, name):
    pane = getattr(demo_window, name)
    widget = pane.browser if name == "details" else pane
    demo_window.filter_bar.search.setFocus()
    qtbot.waitUntil(lambda: demo_window.filter_bar.search.hasFocus(), timeout=2000)
    size = widget.size()
    edge = widget.grab().toImage().pixelColor(0, widget.height() // 2)
    assert edge != QColor(FOCUS)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)
    image = widget.grab().toImage()
    assert image.pixelColor(0, widget.height() // 2) == QColor(FOCUS)
    assert widget.size() == size
