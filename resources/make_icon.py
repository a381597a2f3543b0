"""Draw the application icon: ``resources/icons/karabakh-explorer.svg`` and its PNG sizes.

Run from the repository root after changing the drawing::

    .venv/bin/python resources/make_icon.py

The drawing: a map tile (pale sea, paper land with a ridge of hills), a dashed outline of
a region, one event marker, and a timeline along the bottom with its cursor: map, time and
sources, in the app's own palette. No flags, no side's colours.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAME = "karabakh-explorer"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <title>Karabakh Explorer</title>
  <defs>
    <clipPath id="tile"><rect x="16" y="16" width="224" height="224" rx="40"/></clipPath>
  </defs>
  <rect x="16" y="16" width="224" height="224" rx="40" fill="#d6e2e8"/>
  <g clip-path="url(#tile)">
    <path d="M16 70 C60 52 92 78 128 66 C170 52 200 40 240 58 L240 240 L16 240 Z"
          fill="#f6f5f2"/>
    <path d="M38 128 L70 98 L92 120 L120 86 L150 118 L172 100 L206 134"
          fill="none" stroke="#a19e97" stroke-width="7" stroke-linejoin="round"
          stroke-linecap="round"/>
    <path d="M96 150 C104 128 142 122 166 134 C188 146 182 176 160 184
             C136 192 104 186 98 170 Z"
          fill="#e7e4dd" stroke="#33302c" stroke-width="5" stroke-dasharray="11 7"
          stroke-linejoin="round"/>
    <rect x="16" y="198" width="224" height="42" fill="#33302c"/>
    <g stroke="#f6f5f2" stroke-width="4" stroke-linecap="round">
      <line x1="44" y1="214" x2="44" y2="224"/>
      <line x1="76" y1="214" x2="76" y2="224"/>
      <line x1="108" y1="214" x2="108" y2="224"/>
      <line x1="172" y1="214" x2="172" y2="224"/>
      <line x1="204" y1="214" x2="204" y2="224"/>
    </g>
    <rect x="132" y="204" width="12" height="30" rx="4" fill="#e69f00"/>
  </g>
  <circle cx="138" cy="156" r="17" fill="#d55e00" stroke="#ffffff" stroke-width="6"/>
</svg>
"""


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    folder = HERE / "icons"
    folder.mkdir(exist_ok=True)
    (folder / f"{NAME}.svg").write_text(SVG, encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(SVG.encode()))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(folder / f"{NAME}-{size}.png"))
    print(f"wrote {folder}/{NAME}.svg and {len(SIZES)} PNG sizes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
