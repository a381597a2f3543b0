"""Map snapshots: pixel size, content, formats, atomic writes and the command line."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest

from explorer.cli import main
from explorer.data.demo_corpus import make_corpus
from explorer.domain.presentation import Presentation
from explorer.domain.presentation import Step as PresentationStep
from explorer.export.presentation import PresentationError, load_presentation, save_presentation
from explorer.export.snapshot import page as snapshot_page
from explorer.export.snapshot.writer import SnapshotOptions, export_presentation, export_snapshot


@pytest.fixture(scope="module")
def small_corpus():
    return make_corpus()


def test_a4_png_at_300_dpi_has_the_right_size_and_content(tmp_path, small_corpus, layers):
    from PySide6.QtGui import QColor, QImage

    from explorer.render.style import SEA

    options = SnapshotOptions(format="png", event_id="offensive-2023", extent="region")
    path = export_snapshot(small_corpus, options, tmp_path / "map.png", layers)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (3508, 2480)
    colours = {image.pixel(x, y) for x in range(0, 3508, 37) for y in range(0, 2480, 37)}
    assert len(colours) > 40
    assert QColor(SEA).rgb() in colours
    title_band = {image.pixel(x, y) for x in range(130, 1500, 5) for y in range(130, 200, 3)}
    assert len(title_band) > 5, "the title is drawn"


def test_svg_is_valid_xml_and_renders(tmp_path, small_corpus, layers):
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    options = SnapshotOptions(format="svg", dpi=96, date=dt.date(2023, 10, 6), extent="nk")
    path = export_snapshot(small_corpus, options, tmp_path / "map.svg", layers)
    ET.parse(path)
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    image = QImage(800, 566, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    colours = {image.pixel(x, y) for x in range(0, 800, 9) for y in range(0, 566, 9)}
    assert len(colours) > 20


def test_presentation_pdf_has_one_page_per_step(tmp_path, small_corpus, layers):
    pres = Presentation(
        "Test deck",
        [
            PresentationStep("ceasefire-1994", "region", "The ceasefire."),
            PresentationStep("blockade", (46.0, 39.3, 47.5, 40.5), ""),
            PresentationStep("offensive-2023", None, "Shown around its places."),
        ],
    )
    options = SnapshotOptions(format="pdf", dpi=100)
    path = export_presentation(small_corpus, pres, options, tmp_path / "deck.pdf", layers)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    assert pages == 3


def test_a_failing_export_leaves_no_file(tmp_path, small_corpus, layers, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(snapshot_page, "paint_page", broken)
    for fmt in ("png", "pdf", "svg"):
        with pytest.raises(RuntimeError):
            export_snapshot(
                small_corpus, SnapshotOptions(format=fmt, dpi=50), tmp_path / f"x.{fmt}", layers
            )
    assert list(tmp_path.iterdir()) == []


def test_cli_unknown_event_fails_with_a_message(tmp_path, capsys):
    out = tmp_path / "x.png"
    rc = main(["snapshot", "--event", "no-such-event", "--format", "png", "-o", str(out)])
    assert rc != 0
    assert "unknown event 'no-such-event'" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2023-02-30"], "not a real date"),
        (["--extent", "atlantis"], "expected a name"),
        (["--extent", "50,40,45,41"], "W,S,E,N"),
    ],
)
def test_cli_bad_arguments_fail_cleanly(tmp_path, capsys, args, message):
    rc = main(["snapshot", *args, "--format", "png", "-o", str(tmp_path / "x.png")])
    err = capsys.readouterr().err
    assert rc == 2
    assert message in err
    assert "Traceback" not in err


def test_cli_refuses_to_overwrite_without_force(tmp_path, capsys):
    out = tmp_path / "x.png"
    out.write_bytes(b"keep me")
    rc = main(["snapshot", "--format", "png", "--dpi", "40", "-o", str(out)])
    assert rc == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_bytes() == b"keep me"
    rc = main(["snapshot", "--format", "png", "--dpi", "40", "--force", "-o", str(out)])
    assert rc == 0
    assert out.read_bytes().startswith(b"\x89PNG")


def test_cli_presentation_pdf(tmp_path, corpus):
    event_ids = [e.id for e in corpus.timeline][:2]
    deck = tmp_path / "deck.json"
    deck.write_text(
        json.dumps({"title": "T", "steps": [{"event": i, "extent": "nk"} for i in event_ids]})
    )
    out = tmp_path / "deck.pdf"
    rc = main(
        ["snapshot", "--presentation", str(deck), "--format", "pdf", "--dpi", "60", "-o", str(out)]
    )
    assert rc == 0
    data = out.read_bytes()
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") == len(event_ids)


def test_presentation_round_trip_and_errors(tmp_path):
    pres = Presentation(
        "Deck", [PresentationStep("a", "nk", "n"), PresentationStep("b", (1.0, 2.0, 3.0, 4.0))]
    )
    path = save_presentation(tmp_path / "p.json", pres)
    assert load_presentation(path) == pres
    path.write_text(json.dumps({"steps": [{"event": "a"}, {"event": "b", "extent": "moon"}]}))
    with pytest.raises(PresentationError, match=r"p\.json: steps\[1\]\.extent"):
        load_presentation(path)
    path.write_text("{not json")
    with pytest.raises(PresentationError, match="not valid JSON"):
        load_presentation(path)


def _stroked_map_groups(path) -> list[tuple[float, float, set[str]]]:
    """(stroke width, transform scale, vector effects) of each stroked group of the map."""
    import re

    ns = "{http://www.w3.org/2000/svg}"
    out = []
    for group in ET.parse(path).iter(f"{ns}g"):
        stroke, transform = group.get("stroke"), group.get("transform", "")
        match = re.match(r"matrix\(([-\d.e+]+),", transform)
        if stroke in (None, "none") or match is None:
            continue
        scale = float(match.group(1))
        paths = list(group.iter(f"{ns}path"))
        if scale < 0.5 and paths:  # metres to page: the basemap and the overlays
            effects = {p.get("vector-effect", "none") for p in paths}
            out.append((float(group.get("stroke-width", "1")), scale, effects))
    return out


@pytest.mark.parametrize("dpi", [96, 300])
def test_svg_lines_are_as_wide_as_in_the_png(tmp_path, corpus, layers, dpi):
    # Borders, rivers, the NK outline and the corridor road must not vanish in renderers
    # without non-scaling strokes (rsvg) nor swell in those with them (browsers).
    options = SnapshotOptions(format="svg", dpi=dpi, date=dt.date(2023, 9, 20), extent="nk")
    path = export_snapshot(corpus, options, tmp_path / "map.svg", layers)
    groups = _stroked_map_groups(path)
    assert len(groups) >= 4, "countries, rivers, NK outline and corridor are stroked"
    for width, scale, effects in groups:
        assert "non-scaling-stroke" not in effects
        device_px = width * scale * 96 / dpi  # in screen pixels, like the style's sizes
        assert 0.3 <= device_px <= 5, (width, scale, device_px)
