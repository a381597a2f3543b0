"""How the context towns (:mod:`explorer.data.towns`) are drawn: muted, small, named only
where room is left, and only at scales where they help (Nagorno-Karabakh and closer)."""

from __future__ import annotations

# Shown when the map is at least this detailed (metres per device pixel at style scale 1):
# the NK view in a window is ~300 m/px, the region view ~1,500 m/px.
MAX_METRES_PER_PX = 650.0
