"""Drive the real explorer like a person, for the journey tests; prints the outcome as JSON.

Run as ``python driver.py SCENARIO`` with ``DISPLAY`` on an X server that has a window manager.
The app is started as ``explorer gui`` starts it (``run_gui``); input goes through the X server
with ``xdotool``, never by calling the app's methods, and the outcome is read from its state.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication, QWidget


def wait_until(predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Process events until ``predicate`` holds; False if it did not within ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        QApplication.processEvents()
        time.sleep(0.005)
    return True


def xdotool(*args: object) -> None:
    subprocess.run(["xdotool", *map(str, args)], check=True)


def name_of(widget: QWidget | None) -> str:
    if widget is None:
        return "(none)"
    return widget.accessibleName() or widget.objectName() or type(widget).__name__


def on_screen(widget: QWidget, pos: QPoint) -> tuple[int, int]:
    """Where ``pos`` of ``widget`` is on the X screen, in device pixels."""
    ratio = widget.devicePixelRatioF()
    g = widget.mapToGlobal(pos)
    return round(g.x() * ratio), round(g.y() * ratio)


def _watch(state) -> list:
    changes: list = []
    state.time_changed.connect(lambda d: changes.append(["time", d.isoformat()]))
    state.selection_changed.connect(lambda e: changes.append(["selection", e]))
    return changes


def tab_round(window) -> dict:
    """Tab forward through the whole window twice over, then back: nothing may change."""
    state = window.state
    before = [state.date.isoformat(), state.selected_id]
    changes = _watch(state)
    focused = []
    for key in ["Tab"] * 24 + ["shift+Tab"] * 12:
        previous = QApplication.focusWidget()
        xdotool("key", "--clearmodifiers", key)
        wait_until(lambda p=previous: QApplication.focusWidget() is not p, timeout=2)
        focused.append(name_of(QApplication.focusWidget()))
    return {
        "before": before,
        "after": [state.date.isoformat(), state.selected_id],
        "changes": changes,
        "focused": focused,
    }


def drag_cursor_over_bar(window) -> dict:
    """Press the time cursor where it crosses an event's bar and drag it; then click a bar."""
    state, timeline = window.state, window.timeline
    timeline.zoom_to(dt.date(2022, 11, 1), dt.date(2023, 11, 1))
    wait_until(lambda: timeline.isVisible() and timeline.width() > 300)
    cx = timeline.cursor_x()
    crossed = None
    for event in state.timeline:
        rect = timeline.event_rect(event.id)
        if rect is not None and rect.left() + 4 < cx < rect.right() - 40:
            crossed = (event.id, rect)
            break
    assert crossed is not None, "no bar under the cursor"
    event_id, rect = crossed
    before = [state.date.isoformat(), state.selected_id]
    changes = _watch(state)
    x, y = on_screen(timeline, QPoint(round(cx), round(rect.center().y())))
    dx = 120
    target = timeline.scale.date_at(cx + dx / timeline.devicePixelRatioF()).isoformat()
    xdotool("mousemove", x, y)
    xdotool("mousedown", 1)
    for step in (10, 40, 80, dx):
        xdotool("mousemove", x + step, y)
    xdotool("mouseup", 1)
    wait_until(lambda: state.date.isoformat() == target, timeout=3)
    after_drag = [state.date.isoformat(), state.selected_id]
    # A plain click on a bar away from the cursor selects its event.
    clicked = None
    for event in state.timeline:
        rect = timeline.event_rect(event.id)
        if (
            rect is not None
            and rect.width() > 12
            and abs(rect.center().x() - timeline.cursor_x()) > 30
        ):
            clicked = event.id
            cx_, cy_ = on_screen(timeline, rect.center().toPoint())
            xdotool("mousemove", cx_, cy_, "click", 1)
            break
    wait_until(lambda: state.selected_id == clicked, timeout=3)
    return {
        "crossed": event_id,
        "before": before,
        "after_drag": after_drag,
        "target": target,
        "changes": changes,
        "clicked": clicked,
        "selected": state.selected_id,
    }


def first_window(window) -> dict:
    """Where the first window landed on the screen, with its frame, and what it is called."""
    # The window manager has framed it once the frame is larger than the client area.
    wait_until(lambda: window.frameGeometry().height() > window.geometry().height(), timeout=5)
    screen = window.screen()
    timeline = window.timeline
    # The rows are shared out once the window is laid out (after show).
    wait_until(lambda: timeline.height() >= 0.18 * screen.geometry().height(), timeout=3)
    frame = window.frameGeometry()
    bottom_left = timeline.mapToGlobal(QPoint(0, timeline.height()))
    title = subprocess.run(
        ["xdotool", "getactivewindow", "getwindowname"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return {
        "screen": [
            screen.geometry().x(),
            screen.geometry().y(),
            screen.geometry().width(),
            screen.geometry().height(),
        ],
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "timeline_bottom": bottom_left.y(),
        "timeline_height": timeline.height(),
        "ratio": window.devicePixelRatioF(),
        "title": title,
    }


def filter_then_close(window) -> dict:
    """Filter the selected event away from a list of choices, close the list, tab on."""
    state = window.state
    button = window.filter_bar.categories
    selected = state.selected_id
    category = state.selected_event.category.value
    before_date = state.date.isoformat()
    xdotool("mousemove", *on_screen(button, button.rect().center()), "click", 1)
    popup = button.popup
    wait_until(popup.isVisible, timeout=3)
    other = next(k for k in popup.items if k != category)
    row = popup.list.visualItemRect(popup.items[other]).center()
    xdotool("mousemove", *on_screen(popup.list.viewport(), row), "click", 1)
    wait_until(lambda: state.selected_id is None, timeout=3)
    still_open = popup.isVisible()
    changes = _watch(state)
    xdotool("key", "--clearmodifiers", "Escape")
    wait_until(lambda: not popup.isVisible(), timeout=3)
    focused = []
    focused.append(name_of(QApplication.focusWidget()))
    for _ in range(4):  # on into the list, whose row 0 Qt makes current
        previous = QApplication.focusWidget()
        xdotool("key", "--clearmodifiers", "Tab")
        wait_until(lambda p=previous: QApplication.focusWidget() is not p, timeout=2)
        focused.append(name_of(QApplication.focusWidget()))
    return {
        "selected_before": selected,
        "filtered_to": other,
        "still_open_after_a_choice": still_open,
        "date_before": before_date,
        "after": [state.date.isoformat(), state.selected_id],
        "changes": changes,
        "focused": focused,
    }


def first_run_tour(window) -> dict:
    """A first start: the tour opens by itself without taking the keys; a click steps it, a
    key still works in the window, and Skip closes it."""
    from explorer.qt.window.tour import TourDialog

    state = window.state
    before = [state.date.isoformat(), state.selected_id]
    wait_until(lambda: isinstance(window.tour, TourDialog) and window.tour.isVisible(), 10)
    tour = window.tour
    assert tour is not None
    shown = tour.isVisible()
    previous = QApplication.focusWidget()
    xdotool("key", "--clearmodifiers", "Tab")  # typed at the window, not at the tour
    wait_until(lambda: QApplication.focusWidget() is not previous, timeout=3)
    keys_in_window = QApplication.activeWindow() is window
    xdotool("mousemove", *on_screen(tour.next, tour.next.rect().center()), "click", 1)
    wait_until(lambda: tour.step == 1, timeout=3)
    step = tour.step
    xdotool("mousemove", *on_screen(tour.skip, tour.skip.rect().center()), "click", 1)
    wait_until(lambda: not tour.isVisible(), timeout=3)
    wait_until(lambda: QApplication.activeWindow() is window, timeout=5)
    return {
        "shown": shown,
        "keys_in_window": keys_in_window,
        "step_after_next": step,
        "closed": not tour.isVisible(),
        "window_active_again": QApplication.activeWindow() is window,
        "before": before,
        "after": [state.date.isoformat(), state.selected_id],
    }


SCENARIOS: dict[str, tuple[dict, Callable[[Any], dict]]] = {
    "first_run_tour": ({"date": "2021-06-01", "first_run": True}, first_run_tour),
    "filter_then_close": ({"event": "azerbaijani-offensive-2023"}, filter_then_close),
    "tab_round": ({"date": "2021-06-01"}, tab_round),
    "drag_cursor_over_bar": ({"date": "2023-05-01"}, drag_cursor_over_bar),
    "first_window": ({}, first_window),
}


def main() -> int:
    start, scenario = SCENARIOS[sys.argv[1]]
    from explorer.qt.window import app as app_module
    from explorer.qt.window.main_window import MainWindow, default_settings

    qapp = app_module._application()
    if not start.get("first_run"):
        settings = default_settings()
        settings.setValue("tour/seen", True)  # a returning student: no first-run tour
        settings.sync()
    result: dict = {}

    def play() -> None:
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        try:
            if not wait_until(lambda: QApplication.activeWindow() is window, timeout=10):
                raise AssertionError("the window never became active")
            result.update(scenario(window))
        except Exception:  # reported to the test, which fails with it
            result["error"] = traceback.format_exc()
        finally:
            window.close()
            qapp.exit(0)

    QTimer.singleShot(0, play)
    app_module.run_gui(None, date=start.get("date"), event_id=start.get("event"))
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
