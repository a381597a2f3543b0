"""Snapshots at any page size, 80 mm wide to A0 (issue 12): type and decorations scale with
the page, what does not fit is shortened by rule and told on stderr, never clipped or
drawn over; labels are real text in PDF and SVG; the page states filters and naming and
ties the footer's source numbers to the map."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from itertools import combinations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from explorer.cli import main
from explorer.domain.model import Category
from explorer.export.snapshot import page as snapshot_page
from explorer.export.snapshot.writer import SnapshotOptions, _page, export_snapshot

SIZES = [(85, 70), (180, 120), (297, 210), (1189, 841)]


def render(corpus, layers, width_mm, height_mm, dpi=60, **options):
    """Paint one page onto an image; its report and the page's style."""
    opts = SnapshotOptions(format="png", width_mm=width_mm, height_mm=height_mm, dpi=dpi,
                           **options)  # fmt: skip
    scene, state, extent, content = _page(corpus, opts, layers)
    w, h = opts.pixel_size
    image = QImage(w, h, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        report = snapshot_page.paint_page(painter, QRectF(0, 0, w, h), scene, state, extent,
                                          content)  # fmt: skip
    finally:
        painter.end()
    return report, scene, content


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_badges_never_cover_markers_decorations_or_each_other(qapp, corpus, layers, width, height):
    report, _scene, _content = render(corpus, layers, width, height)
    badges = list(report.badges.items())
    assert badges or report.omitted
    for place_id, box in badges:
        assert report.frame.contains(box), f"{place_id} badge leaves the map"
        for thing, rect in (("north arrow", report.north_arrow), ("scale bar", report.scale_bar),
                            ("legend", report.legend)):  # fmt: skip
            assert not box.intersects(rect), f"{place_id} badge covers the {thing}"
        for marker_id, rect in report.markers.items():
            assert not box.intersects(rect), f"{place_id} badge covers the {marker_id} marker"
    for (a, box_a), (b, box_b) in combinations(badges, 2):
        assert not box_a.intersects(box_b), f"{a} and {b} badges overlap"


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_legend_is_whole_and_the_title_is_not_cut(qapp, corpus, layers, width, height):
    report, _scene, content = render(corpus, layers, width, height)
    assert not report.legend.isEmpty()
    if report.legend_compact:
        assert width < 200, "A4 and larger keep the boxed legend"
        assert report.legend.top() >= report.frame.bottom()
    else:
        assert report.frame.contains(report.legend)
    shown = " ".join(report.title_lines)
    assert shown == content.title or any("title" in o for o in report.omitted)


def test_type_scales_with_the_page_and_stays_legible(qapp, corpus, layers):
    scales = {}
    for width, height in SIZES:
        _report, scene, _content = render(corpus, layers, width, height, dpi=72)
        scales[width] = scene.map_style.scale
        smallest_pt = scene.map_style.smallest_text_px() / 72 * 72  # 72 dpi: px are points
        assert smallest_pt >= 4.5, f"{width} mm: {smallest_pt:.1f} pt"
    assert scales[85] < scales[297] < scales[1189]
    assert scales[1189] / scales[297] > 2  # an A0 poster is read from farther away


def test_a_small_page_shortens_by_rule_and_warns_on_stderr(tmp_path, corpus, capsys):
    out = tmp_path / "small.pdf"
    code = main(["snapshot", "-f", "pdf", "--width-mm", "85", "--height-mm", "70",
                 "-o", str(out)])  # fmt: skip
    assert code == 0
    err = capsys.readouterr().err
    assert "warning" in err
    assert "legend shortened" in err
    assert re.search(r"sources? (of the events shown )?(are )?not listed", err)
    report, _scene, _content = render(corpus, None, 85, 70)
    assert "not listed" in report.footer_text or "more source" in report.footer_text
    # What a badge could not show is named (or counted) in the footer, not silently dropped.
    for message in report.omitted:
        if message.startswith("markers without room"):
            names = re.split(r"(?<=\)), ", message.split(": ", 1)[1])
            assert all(n in report.footer_text for n in names) or (
                f"{len(names)} places ({names[0]}, …)" in report.footer_text
            )


def test_a_large_page_leaves_nothing_out(qapp, corpus, layers):
    report, _scene, _content = render(corpus, layers, 1189, 841, dpi=30)
    assert report.sources_listed == report.sources_total > 0
    assert not [o for o in report.omitted if "without room" in o and "footnote" not in o]


def test_footer_cites_as_many_sources_as_fit_then_and_n_more():
    sources = [type("S", (), {"citation": lambda self, i=i: f"Source {i}"})() for i in range(7)]
    text = snapshot_page._footer_text(sources, 3, "")
    assert "[3] Source 2" in text
    assert "[4]" not in text
    assert "and 4 more sources" in text


def test_footnote_marks_sit_by_their_markers(qapp, corpus, layers):
    report, scene, _content = render(corpus, layers, 297, 210)
    assert len(report.footnote_boxes) >= 5
    for place_id, box in report.footnote_boxes.items():
        numbers = [int(n) for n in re.findall(r"\d+", report.footnotes[place_id])]
        assert numbers
        assert max(numbers) <= report.sources_listed
        marker = report.markers[place_id]
        gap = box.center() - marker.center()
        reach = (marker.width() + box.width()) / 2 + scene.map_style.px(14)
        assert abs(gap.x()) <= reach, place_id
        assert abs(gap.y()) <= (marker.height() + box.height()) / 2 + scene.map_style.px(14)


def test_the_page_states_filters_and_naming(qapp, corpus, layers):
    _report, _scene, content = render(corpus, layers, 297, 210)
    assert content.filters.startswith("Filters: none")
    assert "Place names: Both" in content.filters
    _report, _scene, content = render(
        corpus, layers, 297, 210, categories=frozenset({Category.MILITARY}), naming="azerbaijani"
    )
    assert "categories military" in content.filters
    assert re.search(r"\(\d+ of \d+ events\)", content.filters)
    assert "Azerbaijani usage" in content.filters


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_pdf_labels_are_real_text(tmp_path, corpus, layers):
    path = export_snapshot(corpus, SnapshotOptions(format="pdf", dpi=150), tmp_path / "a4.pdf",
                           layers)  # fmt: skip
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    for name in ("Stepanakert", "Yerevan", "Baku", "Gyumri", "Moscow"):
        assert name in text
    assert "GEORGIA" in text.upper()
    assert "Filters: none" in text
    assert "see tooltips" not in text
    assert re.search(r"\[\d", text), "footnote marks on the map"


def test_svg_labels_are_text_elements_and_render(tmp_path, corpus, layers):
    path = export_snapshot(corpus, SnapshotOptions(format="svg", dpi=96), tmp_path / "a4.svg",
                           layers)  # fmt: skip
    texts = " ".join(
        "".join(el.itertext()) for el in ET.parse(path).iter() if el.tag.endswith("text")
    )
    assert "Stepanakert" in texts
    assert "Yerevan" in texts
    if shutil.which("rsvg-convert"):
        png = tmp_path / "a4.png"
        subprocess.run(["rsvg-convert", "-o", str(png), str(path)], check=True)
        assert QImage(str(png)).width() > 500
