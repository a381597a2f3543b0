"""Shared colours: muted neutrals for the chrome and Okabe–Ito hues for event categories.

Okabe–Ito is distinguishable under the common colour-vision deficiencies. Colours encode
*categories* only, never sides of the conflict: no red-versus-blue, no flag colours.
Plain hex strings, so the map and the exports can use them without Qt.
"""

from __future__ import annotations

from explorer.domain.model import Category

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}

CATEGORY_COLOURS: dict[Category, str] = {
    Category.MILITARY: OKABE_ITO["vermillion"],
    Category.DIPLOMATIC: OKABE_ITO["blue"],
    Category.POLITICAL: OKABE_ITO["reddish_purple"],
    Category.HUMANITARIAN: OKABE_ITO["bluish_green"],
    Category.ECONOMIC: OKABE_ITO["orange"],
}

# Neutrals for the window, panels and text: warm greys, like paper and ink.
PAPER = "#F6F5F2"
PANEL = "#FFFFFF"
RULE = "#D8D5CE"
GRID = "#E7E4DD"
INK = "#2A2A2A"
INK_MUTED = "#6A6864"
INK_FAINT = "#A19E97"
# The time cursor and the selection ring: dark ink, so they never read as a side's colour.
CURSOR = "#33302C"
SELECTION = "#111111"
HIGHLIGHT = "#FBE7A1"  # the highlighted passage in a source: a soft marker yellow


def category_colour(category: Category) -> str:
    """The hex colour of an event category."""
    return CATEGORY_COLOURS.get(category, INK_MUTED)
