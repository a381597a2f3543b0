"""Map labels and symbols as a reader sees them (issue 10): every label beside its own point
or not at all, countries named as countries at every extent, context towns at NK scale, and
no selection ring before the selected event has happened."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTransform

from explorer.domain.state import AppState
from explorer.export.snapshot.page import fit_rect
from explorer.render.extent import extent_rect
from explorer.render.labels import label_distance
from explorer.render.markers import CountryMarkerItem
from explorer.render.scene import build_map_scene
from explorer.render.style import MapStyle

ROOT = Path(__file__).resolve().parents[1]
SIZES = [(520, 590), (1000, 700), (1280, 800)]


@pytest.fixture(autouse=True)
def _app(qapp):
    """Scenes and fonts need a QApplication (pytest-qt's, offscreen)."""
    return qapp


def laid_out(corpus, layers, extent="region", size=(1000, 700), date="2024-01-01", style=None):
    """A scene laid out for a ``size`` view of ``extent``: (scene, to_device, frame)."""
    state = AppState(corpus.timeline, dt.date.fromisoformat(date))
    scene = build_map_scene(state, corpus, layers, style or MapStyle())
    frame = QRectF(0, 0, *size)
    source = fit_rect(extent_rect(extent), frame)
    k = frame.width() / source.width()
    to_device = QTransform()
    to_device.scale(k, k)
    to_device.translate(-source.left(), -source.top())
    scene.layout(source, to_device, [])
    return scene, to_device, frame, state


def label_boxes(scene, to_device) -> dict[str, tuple[QRectF, QPointF]]:
    """Device box and anchor of each visible label."""
    out = {}
    for key, label in scene.visible_labels().items():
        anchor = to_device.map(label.pos())
        out[key] = (label.box().translated(anchor), anchor)
    return out


def point_symbols(scene, to_device) -> dict[str, tuple[QPointF, float]]:
    """Device centre and radius of every visible point: place symbols, towns, markers."""
    points = {}
    for key, item in [*scene.symbols.items(), *scene.town_symbols.items()]:
        if item.isVisible():
            points[key] = (to_device.map(item.pos()), item.radius())
    for key, marker in scene.events.markers.items():
        if marker.isVisible() and not isinstance(marker, CountryMarkerItem):
            centre, r = points.get(key, (to_device.map(marker.pos()), 0.0))
            points[key] = (centre, max(r, marker.radius()))
    return points


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("extent", ["region", "nk"])
def test_each_label_is_beside_its_own_point(corpus, layers, size, extent):
    scene, to_device, _frame, _state = laid_out(corpus, layers, extent, size)
    points = point_symbols(scene, to_device)
    checked = 0
    for key, (box, _anchor) in label_boxes(scene, to_device).items():
        if key not in points:
            continue  # area, country and sea names sit on their area
        centre, radius = points[key]
        own = label_distance(box, centre)
        # Beside it: no farther than its marker (with the count badge) reaches, plus a gap.
        marker = scene.events.markers.get(key)
        reach = radius
        if marker is not None and marker.isVisible():
            env = marker.envelope(marker.total)
            reach = max(abs(env.left()), env.right(), abs(env.top()), env.bottom())
        assert own <= reach + scene.map_style.px(8), f"{key}: {own:.0f} px from its point"
        # …and nearer to it than to any other point outside its own marker's disc; only a
        # capital or city that touches its own marker may lie nearer a neighbour's dot
        # (crowded region scale, where it would otherwise not show at all).
        touches = False
        if marker is not None and marker.isVisible():
            env = marker.envelope(marker.total).translated(centre)
            touches = env.adjusted(*(scene.map_style.px(5) * k for k in (-1, -1, 1, 1))).intersects(
                box
            )
        for other, (p, _r) in points.items():
            if other == key or math.dist(p.toTuple(), centre.toTuple()) <= radius:
                continue
            if label_distance(box, p) < own - 0.5:
                kind = scene._label_kinds[key]
                assert kind in ("capital", "city"), f"{key} reads as the label of {other}"
                assert touches, f"{key} reads as the label of {other}"
        checked += 1
    assert checked >= 5


def test_stepanakert_is_labelled_by_stepanakert_at_the_opening_view(corpus, layers):
    scene, to_device, _frame, _state = laid_out(corpus, layers, "region", (520, 590))
    box, anchor = label_boxes(scene, to_device)["stepanakert"]
    caspian = to_device.map(scene.labels["sea:Caspian Sea"].pos())
    assert label_distance(box, anchor) < label_distance(box, caspian) / 4


@pytest.mark.parametrize("extent", ["region", "nk", "corridor"])
def test_countries_are_named_at_every_extent(corpus, layers, extent):
    scene, to_device, frame, _state = laid_out(corpus, layers, extent)
    for place_id in ("armenia", "azerbaijan"):
        marker = scene.events.markers[place_id]
        assert isinstance(marker, CountryMarkerItem)
        assert marker.isVisible()
        rect = marker.envelope(marker.total).translated(to_device.map(marker.pos()))
        assert frame.contains(rect), (place_id, rect)
        # The country's name is drawn once: by its marker, not also by the basemap.
        assert not scene.labels[f"basemap:{marker.name}"].isVisible()


def test_a_country_event_is_drawn_as_the_country_not_a_dot(corpus, layers):
    scene, _t, _f, _state = laid_out(corpus, layers)
    marker = scene.events.markers["armenia"]
    assert marker.total > 0
    # As wide as the name, not a disc at a spot.
    env = marker.envelope(marker.total)
    assert env.width() > 3 * env.height()


CONTEXT = ["Hadrut", "Askeran", "Kalbajar", "Fuzuli", "Jabrayil", "Qubadli"]


def test_towns_around_nk_are_named_at_nk_scale_only(corpus, layers):
    scene, to_device, _frame, _state = laid_out(corpus, layers, "nk", (1000, 700))
    shown = {label.full_text.split(" / ")[0] for label in scene.visible_labels().values()}
    assert set(CONTEXT) <= shown
    scene, to_device, _frame, _state = laid_out(corpus, layers, "region", (1000, 700))
    assert not any(k.startswith("town:") for k in scene.visible_labels())


def test_the_towns_layer_records_its_source_and_licence():
    data = json.loads((ROOT / "geodata" / "towns.geojson").read_text(encoding="utf-8"))
    meta = data["metadata"]
    assert "GeoNames" in meta["source"]
    assert "CC BY" in meta["licence"]
    assert meta["script"] == "geodata/build_towns.py"
    names = {f["properties"]["name"] for f in data["features"]}
    # Each district centre is in the towns layer or, since it had events, the gazetteer.
    gazetteer = json.loads((ROOT / "geodata" / "places.geojson").read_text(encoding="utf-8"))
    names |= {f["properties"]["names"]["en"] for f in gazetteer["features"]}
    assert {*CONTEXT, "Zangilan"} <= names


def test_a_selected_event_is_not_ringed_before_it_happened(corpus, layers):
    scene, _t, _f, state = laid_out(corpus, layers, date="2024-01-01")
    countries = set(scene.events.country_markers())
    event = next(
        e
        for e in corpus.timeline.events
        if e.when.start.year == 2023
        and any(p.id in scene.events.markers and p.id not in countries for p in e.places)
    )
    state.select(event.id, move_time=False)
    scene.set_selection(state)
    assert scene.events.rings
    assert all(r.isVisible() for r in scene.events.rings)
    state.set_date(event.when.start - dt.timedelta(days=30))
    scene.set_date(state.date, state)
    assert not any(r.isVisible() for r in scene.events.rings)
    state.set_date(event.when.start)
    scene.set_date(state.date, state)
    assert all(r.isVisible() for r in scene.events.rings)


@pytest.mark.parametrize("size", [(400, 330), *SIZES])
def test_a_country_name_never_covers_an_event_marker(corpus, layers, size):
    scene, to_device, _frame, _state = laid_out(corpus, layers, "region", size)
    markers = scene.events.obstacle_map(to_device, countries=False)
    for place_id in scene.events.country_markers():
        marker = scene.events.markers[place_id]
        if not marker.isVisible():
            continue
        rect = marker.envelope(marker.total).translated(to_device.map(marker.pos()))
        for other, box in markers.items():
            assert not rect.intersects(box), f"{place_id} covers the {other} marker"
