"""The view state (layers, legend, extent requests) lives in the app state, and every view and
every snapshot taken from the window follows it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction

from explorer.domain.view import LAYERS, ExtentRequest, ViewState


def test_view_state_emits_only_on_real_changes():
    view = ViewState()
    seen: list[tuple] = []
    view.layer_changed.connect(lambda *a: seen.append(("layer", *a)))
    view.legend_changed.connect(lambda *a: seen.append(("legend", *a)))
    view.set_layer_visible("control", True)  # already on
    view.set_layer_visible("control", False)
    view.set_layer_visible("control", False)
    view.set_legend_expanded(True)  # already open
    view.set_legend_expanded(False)
    assert seen == [("layer", "control", False), ("legend", False)]
    assert view.hidden_layers == frozenset({"control"})
    with pytest.raises(KeyError, match="unknown map layer"):
        view.set_layer_visible("tiles", False)


WATER = {"lake-sevan", "aras-river"}


def _snapshot_scene(window, monkeypatch, tmp_path):
    """Export a snapshot from the window's menu; the map scene the export drew."""
    from explorer.qt.window import snapshot_dialog
    from explorer.render import scene as scene_module

    built = []
    real = scene_module.build_map_scene

    def spy(*args, **kwargs):
        built.append(real(*args, **kwargs))
        return built[-1]

    monkeypatch.setattr(scene_module, "build_map_scene", spy)
    monkeypatch.setattr(
        snapshot_dialog.SnapshotDialog,
        "ask",
        classmethod(
            lambda cls, parent, title: {
                "format": "png", "dpi": 72, "width_mm": 200, "height_mm": 150, "title": title,
            }
        ),
    )  # fmt: skip
    out = tmp_path / f"snap{len(list(tmp_path.iterdir()))}.png"
    monkeypatch.setattr(snapshot_dialog, "ask_save_path", lambda *a: str(out))
    window.findChild(QAction, "export_snapshot").trigger()
    assert out.is_file()
    assert len(built) == 1
    return built[0]


def test_snapshot_from_the_window_follows_its_layer_switches(demo_window, monkeypatch, tmp_path):
    window = demo_window
    window.state.set_date(window.state.date_range[1])
    before = _snapshot_scene(window, monkeypatch, tmp_path)
    # Water (Lake Sevan, the Aras) belongs to the basemap and has no switch.
    assert set(before.overlays.visible_ids()) - WATER, "control areas are shown at the last date"
    assert before.events.visible_places()

    actions = {a.data(): a for a in window.layers_menu.actions()}
    assert set(LAYERS) | {"legend"} == set(actions)
    actions["control"].trigger()
    actions["corridor"].trigger()
    actions["nk_outline"].trigger()
    actions["events"].trigger()
    assert window.state.view.hidden_layers == {"control", "corridor", "nk_outline", "events"}
    assert set(window.map_view.inspect.visible_overlay_ids()) <= WATER
    assert window.map_view.inspect.visible_marker_event_ids() == set()

    after = _snapshot_scene(window, monkeypatch, tmp_path)
    assert set(after.overlays.visible_ids()) <= WATER
    assert after.events.visible_places() == []


def test_layer_actions_follow_the_state_back(demo_window):
    window = demo_window
    action = next(a for a in window.layers_menu.actions() if a.data() == "events")
    window.state.view.set_layer_visible("events", False)
    assert not action.isChecked()
    window.map_view.state.view.set_legend_expanded(False)
    legend = next(a for a in window.layers_menu.actions() if a.data() == "legend")
    assert not legend.isChecked()
    assert not window.map_view.legend.expanded


def test_reset_view_and_place_links_are_requests_the_map_answers(demo_window, qtbot):
    window = demo_window
    view = window.map_view
    requests: list[ExtentRequest] = []
    window.state.view.extent_requested.connect(requests.append)
    view.navigator.zoom_to_extent("nk")
    nk = view.visible_scene_rect()
    window.findChild(QAction, "reset_view").trigger()
    assert requests
    assert requests[-1].extent == "region"
    assert view.visible_scene_rect().width() > nk.width() * 2
    assert window.state.view.shown_bounds is not None
