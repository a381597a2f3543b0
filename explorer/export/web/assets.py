"""Leaflet inlined from ``xstatic-leaflet``, and the check that an HTML file fetches nothing.

folium's default page loads ten files from CDNs; offline that is a blank page. The web map
instead inlines Leaflet 1.9.3 (the version folium 0.20 targets; BSD-2, from the PyPI package
``xstatic-leaflet``), with the stylesheet's images as ``data:`` URIs, and uses only plain
vector layers, so jQuery, Bootstrap and the icon fonts are not needed at all.
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from pathlib import Path

from explorer.export.files import OutputError

# XML namespace names look like URLs but are never fetched.
NAMESPACE_URIS = (
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/1999/xlink",
)

_FETCHING = (
    # src=, href=, poster=, action=, data= pointing at http(s) or a protocol-relative URL
    re.compile(
        r"""\b(?:src|href|poster|action|data|srcset)\s*=\s*["']?\s*((?:https?:)?//[^\s"'<>)]+)""",
        re.IGNORECASE,
    ),
    re.compile(r"""url\(\s*["']?\s*((?:https?:)?//[^\s"')]+)""", re.IGNORECASE),
    re.compile(r"""@import\s+["']((?:https?:)?//[^"']+)""", re.IGNORECASE),
)
_ANY_URL = re.compile(r"""https?://[^\s"'<>)\\`]+""", re.IGNORECASE)


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as leaflet

    return Path(leaflet.BASE_DIR)


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


@lru_cache(maxsize=1)
def leaflet_js() -> str:
    """leaflet.js, with its attribution prefix as plain text rather than a link."""
    js = (_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")
    # The licence banner keeps its words; only the scheme goes, so it is not a live URL.
    js = js.replace("interactive maps. https://leafletjs.com", "interactive maps. leafletjs.com")
    js = js.replace(
        '\'<a href="https://leafletjs.com" title="A JavaScript library for interactive maps">\'',
        "'<span>'",
    ).replace('"Leaflet</a>"', '"Leaflet</span>"')
    # A script element must not be closed early by anything inside the code.
    return js.replace("</script", "<\\/script")


@lru_cache(maxsize=1)
def leaflet_css() -> str:
    """leaflet.css with ``url(images/x.png)`` turned into ``data:`` URIs."""
    images = _leaflet_dir() / "images"
    css = (_leaflet_dir() / "leaflet.css").read_text(encoding="utf-8")
    # Comments go: one of them cites a bug tracker URL, and none is needed in the page.
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return re.sub(
        r"url\((?:images/)([\w.-]+\.png)\)",
        lambda m: f"url({_data_uri(images / m.group(1))})",
        css,
    )


@lru_cache(maxsize=1)
def default_icon_js() -> str:
    """Point Leaflet's default marker icon at data: URIs (it would look for images/ beside
    the stylesheet, which does not exist in a single-file page)."""
    images = _leaflet_dir() / "images"
    return (
        "L.Icon.Default.imagePath = '';\n"
        "L.Icon.Default.mergeOptions({"
        f"iconUrl: '{_data_uri(images / 'marker-icon.png')}', "
        f"iconRetinaUrl: '{_data_uri(images / 'marker-icon-2x.png')}', "
        f"shadowUrl: '{_data_uri(images / 'marker-shadow.png')}'"
        "});"
    )


def external_references(page: str) -> list[str]:
    """Every URL in ``page`` a browser could fetch or follow, in order of appearance.

    That is any ``http(s)://`` or ``//`` target of src/href/url()/@import, and any other
    ``http(s)://`` text except XML namespace names: even a plain-text URL in a script could
    be turned into a request, and a page meant for offline use has no reason to hold one.
    """
    found: list[str] = []
    for pattern in _FETCHING:
        found += [m.group(1) for m in pattern.finditer(page)]
    for match in _ANY_URL.finditer(page):
        url = match.group(0)
        if not url.startswith(NAMESPACE_URIS) and url not in found:
            found.append(url)
    return found


def assert_self_contained(page: str) -> None:
    """Raise :class:`OutputError` naming the first external reference, if there is one."""
    refs = external_references(page)
    if refs:
        more = f" (and {len(refs) - 1} more)" if len(refs) > 1 else ""
        raise OutputError(
            f"refusing to write a web map that refers to an external URL: {refs[0]}{more}; "
            "the map must open offline"
        )
