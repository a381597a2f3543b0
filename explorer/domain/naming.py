"""Naming policy for contested places: the user picks; the app never picks for them."""

from __future__ import annotations

from enum import StrEnum

from explorer.domain.model import Place


class NamingPolicy(StrEnum):
    BOTH = "both"
    ENGLISH = "english"
    ARMENIAN = "armenian"
    AZERBAIJANI = "azerbaijani"

    @property
    def label(self) -> str:
        return {
            NamingPolicy.BOTH: "Both (Stepanakert / Khankendi)",
            NamingPolicy.ENGLISH: "English (conventional)",
            NamingPolicy.ARMENIAN: "Armenian usage (Stepanakert, Shushi)",
            NamingPolicy.AZERBAIJANI: "Azerbaijani usage (Khankendi, Shusha)",
        }[self]


def place_label(place: Place, policy: NamingPolicy) -> str:
    """The name to print for a place under a naming policy, in Latin script.

    Uncontested places keep their conventional English name under every policy. Under
    ``BOTH`` a contested place shows the conventional English name and every other
    romanised form that differs from it, so Stepanakert reads "Stepanakert / Khankendi" and
    Shusha reads "Shusha / Shushi".
    """
    english = place.name
    # Only contested places change with the policy: Yerevan stays Yerevan under any of them.
    if policy is NamingPolicy.ENGLISH or not place.romanized or not place.contested:
        return english
    if policy is NamingPolicy.ARMENIAN:
        return place.romanized.get("hy", english)
    if policy is NamingPolicy.AZERBAIJANI:
        return place.romanized.get("az", english)
    names = [english]
    for lang in ("hy", "az"):
        name = place.romanized.get(lang)
        if name and name not in names:
            names.append(name)
    return " / ".join(names)
