"""Context towns: the district centres and towns around Nagorno-Karabakh, for orientation.

They come from ``geodata/towns.geojson`` (GeoNames, CC BY 4.0, built by
``geodata/build_towns.py`` from data shipped in PyPI packages; nothing is fetched). They
are not places of events: muted, small and named only where room is left, and only at
scales where they help (Nagorno-Karabakh and closer).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from explorer.domain.naming import NamingPolicy

TOWNS_FILE = Path("geodata") / "towns.geojson"
# Shown when the map is at least this detailed (metres per device pixel at style scale 1):
# the NK view in a window is ~300 m/px, the region view ~1,500 m/px.
MAX_METRES_PER_PX = 650.0


@dataclass(frozen=True)
class Town:
    id: str
    name: str
    lon: float
    lat: float
    kind: str = "town"  # "town" | "district-centre"
    romanized: dict[str, str] = field(default_factory=dict)

    def label(self, policy: NamingPolicy) -> str:
        """The name under a naming policy, like the gazetteer's contested places."""
        hy = self.romanized.get("hy")
        if policy == NamingPolicy.ARMENIAN and hy:
            return hy
        if policy == NamingPolicy.BOTH and hy and hy != self.name:
            return f"{self.name} / {hy}"
        return self.name


def load_towns(root: Path | None) -> list[Town]:
    """The towns layer of the corpus at ``root``; empty if it has none."""
    if root is None:
        return []
    path = Path(root) / TOWNS_FILE
    if not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    towns = []
    for feature in data.get("features", []):
        props = feature.get("properties", {})
        lon, lat = feature["geometry"]["coordinates"][:2]
        name = str(props["name"])
        towns.append(
            Town(
                id="town:" + name.lower().replace(" ", "-"),
                name=name,
                lon=float(lon),
                lat=float(lat),
                kind=str(props.get("kind", "town")),
                romanized=dict(props.get("romanized") or {}),
            )
        )
    return towns


def near_any(town: Town, places: Iterable, km: float = 4.0) -> bool:
    """Whether a gazetteer place (with ``lon``, ``lat``) lies within ``km`` of ``town``."""
    k = math.cos(math.radians(town.lat))
    return any(math.hypot((p.lon - town.lon) * k, p.lat - town.lat) * 111.2 < km for p in places)
