"""The first window fits the screen it opens on, whatever the default or the saved size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QRect, QSettings

from explorer.data.demo_corpus import make_corpus
from explorer.qt.window.main_window import MainWindow
from explorer.qt.window.sizing import FRAME_ALLOWANCE, fit_rect


@pytest.mark.parametrize(
    ("screen", "want"),
    [
        (QRect(0, 0, 1280, 720), QRect(0, 0, 1280, 800)),  # a small laptop
        (QRect(0, 0, 960, 540), QRect(0, 0, 1280, 800)),  # 1920×1080 at 200 %
        (QRect(0, 0, 1024, 700), QRect(300, 200, 1280, 800)),
        (QRect(1920, 0, 1280, 720), QRect(40, 40, 2560, 1600)),  # saved on another monitor
    ],
)
def test_fit_rect_keeps_the_window_and_its_frame_on_the_screen(screen, want):
    got = fit_rect(want, screen)
    framed = got.marginsAdded(FRAME_ALLOWANCE)
    assert screen.contains(framed), (got, framed)
    assert got.width() <= want.width()
    assert got.height() <= want.height()


def test_fit_rect_leaves_a_window_that_fits_alone():
    want = QRect(100, 100, 1280, 800)
    assert fit_rect(want, QRect(0, 0, 3840, 2160)) == want


def test_a_window_restored_larger_than_the_screen_is_brought_back(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "explorer.ini"), QSettings.Format.IniFormat)
    big = MainWindow(make_corpus(), settings)
    qtbot.addWidget(big)
    big.setGeometry(50, 50, 2560, 1600)
    big.save_settings()
    window = MainWindow(make_corpus(), settings)  # restores 2560×1600
    qtbot.addWidget(window)
    window.fit_to_screen()
    available = window.screen().availableGeometry()
    assert window.width() <= available.width()
    assert window.height() <= available.height()
    assert isinstance(settings.value("window/geometry"), QByteArray)


def test_the_title_never_names_the_application_twice(corpus, corpus_copy):
    from explorer.qt.window.sizing import APPLICATION, window_title

    # Qt appends " — Karabakh Explorer" to any title but the display name itself.
    assert window_title(corpus) == APPLICATION
    from explorer.data.corpus import load_corpus

    other = window_title(load_corpus(corpus_copy))
    assert other == corpus_copy.name
    assert APPLICATION not in other


def test_on_a_short_screen_the_timeline_keeps_a_share_of_the_height(qtbot, tmp_path):
    from explorer.qt.window.main_window import DEFAULT_ROWS, TIMELINE_SHARE

    settings = QSettings(str(tmp_path / "explorer.ini"), QSettings.Format.IniFormat)
    window = MainWindow(make_corpus(), settings)
    qtbot.addWidget(window)
    window.resize(1280, 1400)  # taller than the offscreen screen (800)
    window.fit_to_screen()
    window.show()
    qtbot.waitExposed(window)
    rows = window.rows.height()
    want = min(DEFAULT_ROWS[1], max(100, round(rows * TIMELINE_SHARE)))
    qtbot.waitUntil(lambda: abs(window.timeline.height() - want) <= 2, timeout=3000)
    assert window.panes.height() > window.timeline.height()
