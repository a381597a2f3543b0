"""The context towns layer is a corpus file like the others: read safely, checked feature by
feature, its problems reported by `explorer check` with their line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from explorer.data.corpus import load_corpus
from explorer.data.towns import TOWNS_FILE, load_towns
from explorer.domain.naming import NamingPolicy

ROOT = Path(__file__).resolve().parents[1]


def test_the_embedded_towns_load_with_both_names():
    problems: list = []
    towns = {t.name: t for t in load_towns(ROOT, problems)}
    assert problems == []
    assert {"Askeran", "Jabrayil", "Qubadli", "Zangilan"} <= set(towns)
    jabrayil = towns["Jabrayil"]
    assert jabrayil.label(NamingPolicy.BOTH) == "Jabrayil / Jrakan"
    assert jabrayil.label(NamingPolicy.ARMENIAN) == "Jrakan"
    assert jabrayil.label(NamingPolicy.AZERBAIJANI) == "Jabrayil"


def test_a_broken_town_is_reported_with_its_line_and_the_others_kept(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "geodata", tmp_path / "geodata")
    path = tmp_path / TOWNS_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    count = len(data["features"])
    data["features"][1]["properties"].pop("name")
    data["features"][2]["geometry"] = "nowhere"
    path.write_text(
        '{"type": "FeatureCollection", "features": [\n'
        + ",\n".join(json.dumps(f) for f in data["features"])
        + "\n]}\n",
        encoding="utf-8",
    )
    problems: list = []
    assert len(load_towns(tmp_path, problems)) == count - 2
    messages = [str(p).replace(str(tmp_path) + "/", "") for p in problems]
    assert messages[0].startswith("geodata/towns.geojson:3: town")
    assert messages[1].startswith("geodata/towns.geojson:4: ")
    checked = [str(p) for p in load_corpus(tmp_path).problems]
    assert any("towns.geojson:3:" in m for m in checked), checked
