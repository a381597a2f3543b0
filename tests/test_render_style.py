"""The render style's scale knob: one factor sizes the map's type, symbols and legend."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer.domain.state import AppState
from explorer.render.style import MIN_TEXT_PX, TEXT, MapStyle


def test_scaled_multiplies_type_and_pens():
    base = MapStyle()
    big = base.scaled(2.0)
    assert big.scale == pytest.approx(2.0)
    assert big.font(10).pixelSize() == 2 * base.font(10).pixelSize()
    assert big.pen(TEXT, 1.5).widthF() == pytest.approx(3.0)
    assert big.scaled(0.5) == base
    with pytest.raises(ValueError, match="positive"):
        base.scaled(0)


@pytest.mark.parametrize("height", [720, 1080, 1440, 2160])
def test_for_screen_keeps_the_smallest_text_legible(height):
    style = MapStyle.for_screen(height)
    assert style.smallest_text_px() >= height / 80 - 1e-9
    # Legible from the back of a room: never below 1/200 of the screen height.
    assert style.font(MIN_TEXT_PX).pixelSize() >= height / 200
    strict = MapStyle.for_screen(height, text_fraction=1 / 50)
    assert strict.smallest_text_px() >= height / 50 - 1e-9
    # Never smaller than the desktop map.
    assert MapStyle.for_screen(200).scale == 1.0


def test_map_view_draws_with_a_given_style(qtbot, corpus, layers):
    from explorer.qt.map.canvas import MapView

    state = AppState(corpus.timeline, dt.date(2023, 9, 20))
    big = MapStyle.for_screen(1080)
    view = MapView(state, corpus, layers, style=big)
    qtbot.addWidget(view)
    view.resize(1600, 1000)
    view.show()
    qtbot.waitExposed(view)
    label = view.map_scene.labels["yerevan"]
    assert label._font.pixelSize() == big.label_font("capital").pixelSize()
    marker = next(m for m in view.map_scene.events.markers.values() if m.isVisible())
    assert marker.radius() >= big.px(5) - 1e-6
    small_legend = view.legend_rect()
    view.set_map_style(MapStyle())
    assert (
        view.map_scene.labels["yerevan"]._font.pixelSize()
        == MapStyle().label_font("capital").pixelSize()
    )
    assert view.legend_rect().height() < small_legend.height()
    view.set_map_style(big)
    assert view.legend_rect().height() == pytest.approx(small_legend.height())
