"""Places and actors named in a text, matched against the gazetteer and ``actors.yaml``.

A place is found by any of its names in any language and by each side's romanised form
(Khankendi finds Stepanakert). Transliterations that differ by a letter or two (Khankendy,
Susha, Agdam) are matched fuzzily with ``rapidfuzz`` on accent-folded forms. Actors are
found by their name, by the ``aliases`` an ``actors.yaml`` entry may list, and by forms
derived from the name (a person's surname, an acronym in brackets, "the Kremlin" without
"the", a state's demonym: "Azerbaijani", "Russian").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from explorer.domain.model import Place

# A state's adjective, as news texts use it for the state itself.
DEMONYMS = {
    "Russia": ["Russian", "Russians"], "Armenia": ["Armenian", "Armenians"],
    "Azerbaijan": ["Azerbaijani", "Azerbaijanis", "Azeri", "Azeris"],
    "Turkey": ["Turkish", "Türkiye"], "Iran": ["Iranian"], "France": ["French"],
    "United States": ["US", "U.S.", "USA", "American", "Washington"],
    "Ukraine": ["Ukrainian"], "Soviet Union": ["Soviet", "USSR"],
    "European Union": ["EU"],
}  # fmt: skip
FORCE_WORDS = ("troops", "forces", "army", "military", "soldiers")
_FOLD = str.maketrans({"ə": "e", "Ə": "E", "ı": "i", "İ": "I", "ß": "ss", "’": "'"})


def fold(text: str) -> str:
    """Lower-case, accents off: 'Xankəndi' → 'xankendi', 'Şuşa' → 'susa'."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


@dataclass(frozen=True, slots=True)
class NameMatch:
    """``text[begin:stop]`` names the place or actor ``id``."""

    begin: int
    stop: int
    phrase: str
    kind: str  # "place" or "actor"
    id: str
    name: str  # the canonical (English) name
    how: str  # "name", "alias" or "fuzzy (score)"


def actor_entries(seeds: Path) -> list[dict[str, Any]]:
    """The raw ``actors.yaml`` entries (with any ``aliases``), read without line tracking."""
    import yaml

    path = seeds / "actors.yaml"
    if not path.is_file():
        return []
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text("utf-8"), Loader=loader) or {}  # noqa: S506
    return [a for a in data.get("actors") or [] if isinstance(a, dict) and a.get("id")]


def actor_aliases(entry: dict[str, Any]) -> set[str]:
    name = str(entry.get("name") or "")
    forms = {name, *(str(a) for a in entry.get("aliases") or [])}
    bracket = re.search(r"\(([^)]+)\)", name)
    if bracket:
        forms.add(bracket.group(1))
        forms.add(name[: bracket.start()].strip())
    if name.lower().startswith("the "):
        forms.add(name[4:])
    kind = entry.get("kind")
    words = name.split()
    if kind == "person" and len(words) >= 2:
        forms.add(words[-1])
    if kind == "state":
        forms.update(DEMONYMS.get(name, []))
    if kind == "armed_force" and words:
        adjective = words[0]
        if "peacekeep" in name.lower():
            forms.update({f"{adjective} peacekeepers", f"{adjective} peacekeeping forces"})
        elif adjective[:1].isupper() and adjective not in ("United",):
            forms.update(f"{adjective} {w}" for w in FORCE_WORDS)
    match = re.match(r"(?:Government|Ministry of Foreign Affairs) of (.+)$", name)
    if match:
        state = match.group(1)
        adjectives = DEMONYMS.get(state, [state])[:1]
        head = "government" if name.startswith("Government") else "Foreign Ministry"
        forms.update(
            {f"{state}'s {head}", f"{state}’s {head}", *(f"{a} {head}" for a in adjectives)}
        )
    if kind == "organisation" and len(name) > 4:
        forms.add(name)
    return {f for f in forms if len(f) >= 2}


class Matcher:
    """Finds gazetteer places and actors in text: exact names first, then fuzzy ones."""

    def __init__(
        self,
        places: Iterable[Place],
        actors: Iterable[dict[str, Any]] = (),
        *,
        fuzzy_cutoff: float = 86,
    ) -> None:
        self.fuzzy_cutoff = fuzzy_cutoff
        self._by_form: dict[str, tuple[str, str, str, str]] = {}  # form → kind, id, name, how
        for place in places:
            for form in place.all_names():
                self._add(form, "place", place.id, place.name, "name")
        for entry in actors:
            for form in actor_aliases(entry):
                # A place already known by this name (Armenia, Azerbaijan) stays a place too.
                self._add(form, "actor", str(entry["id"]), str(entry.get("name")), "alias")
        forms = sorted(self._by_form, key=len, reverse=True)
        self._exact = re.compile(
            r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])"
            if forms
            else r"(?!)"
        )
        self._folded: dict[str, str] = {}
        for form, (kind, _, _, _) in self._by_form.items():
            if kind == "place" and len(form) >= 4 and ":" not in form:
                self._folded.setdefault(fold(form), form)
        self._folded_keys = list(self._folded)

    def _add(self, form: str, kind: str, ident: str, name: str, how: str) -> None:
        key = f"{kind}:{form}"
        self._by_form.setdefault(form, (kind, ident, name, how))
        self._by_form.setdefault(key, (kind, ident, name, how))

    def kinds_of(self, form: str) -> list[tuple[str, str, str, str]]:
        return [v for k in (f"place:{form}", f"actor:{form}") if (v := self._by_form.get(k))]

    def find(self, text: str, offset: int = 0) -> list[NameMatch]:
        """Every place and actor named in ``text``; offsets shifted by ``offset``."""
        matches: list[NameMatch] = []
        taken: list[tuple[int, int]] = []
        for m in self._exact.finditer(text):
            form = m.group(1)
            if form.startswith(("place:", "actor:")):
                continue
            taken.append((m.start(), m.end()))
            for kind, ident, name, how in self.kinds_of(form):
                matches.append(
                    NameMatch(m.start() + offset, m.end() + offset, form, kind, ident, name, how)
                )
        if self._folded_keys:
            for m in re.finditer(r"\b[A-ZÀ-ÖØ-Þ][\w'’-]{3,}(?:\s[A-Z][\w'’-]+)?", text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                phrase = m.group(0)
                hit = process.extractOne(
                    fold(phrase),
                    self._folded_keys,
                    scorer=fuzz.ratio,
                    score_cutoff=self.fuzzy_cutoff,
                )
                if hit is None and " " in phrase:
                    phrase = phrase.split(" ")[0]
                    hit = process.extractOne(
                        fold(phrase), self._folded_keys, scorer=fuzz.ratio,
                        score_cutoff=self.fuzzy_cutoff,
                    )  # fmt: skip
                if hit is None:
                    continue
                form = self._folded[hit[0]]
                kind, ident, name, _ = self._by_form[f"place:{form}"]
                stop = m.start() + len(phrase)
                matches.append(
                    NameMatch(m.start() + offset, stop + offset, phrase, kind, ident, name,
                              f"fuzzy ({form}, {hit[1]:.0f})")
                )  # fmt: skip
        matches.sort(key=lambda x: (x.begin, x.kind))
        return matches
