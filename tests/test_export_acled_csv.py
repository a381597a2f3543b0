"""The ACLED-style CSV filled as ACLED fills it (issue 12 item 5; issue 15 item 12's CSV part)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re

import pytest
from builders import _excerpt, _place, _source, tiny_events

from explorer import cli
from explorer.domain.dates import DateSpan, Precision
from explorer.domain.model import Actor, ActorKind, Category, Event, Source
from explorer.export.data import acled_csv
from explorer.export.data.acled_csv import (
    event_fatalities,
    event_rows,
    events_to_csv,
    excerpt_fatalities,
    time_precision,
)
from explorer.export.data.countries import country_at


def with_sides(event: Event, a: tuple[Actor, ...], b: tuple[Actor, ...]) -> Event:
    return dataclasses.replace(event, sides=(a, b))


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def _event(ident="e", title="Something", summary="It happened.", places=(), days=1, **kw) -> Event:
    start = dt.date(2023, 9, 19)
    precision = Precision.DAY if days == 1 else Precision.RANGE
    return Event(
        ident,
        title,
        summary,
        kw.pop("when", DateSpan(start, start + dt.timedelta(days=days - 1), precision)),
        kw.pop("category", Category.MILITARY),
        tuple(places),
        kw.pop("actors", ()),
        kw.pop("excerpts", (_excerpt(_source(), "a ceasefire was agreed in 1994"),)),
        **kw,
    )


MOSCOW = _place("moscow", 37.6173, 55.7558, "Moscow")
KYIV = _place("kyiv", 30.5234, 50.4501, "Kyiv")
WASHINGTON = _place("washington", -77.0369, 38.9072, "Washington")
STEPANAKERT = _place("stepanakert", 46.7519, 39.8153, "Stepanakert", "Stepanakert", "Khankendi")
BAKU = _place("baku", 49.8822, 40.3953, "Baku")


# -- country, iso, region -------------------------------------------------------------------


def test_country_iso_and_region_are_filled_from_the_place():
    """Before: country and iso empty in every row, region 'Caucasus and Central Asia' for all."""
    event = _event(places=(STEPANAKERT, MOSCOW, KYIV, WASHINGTON))
    got = {r["location"]: r for r in rows_of(events_to_csv([event]))}
    assert (got["Stepanakert"]["country"], got["Stepanakert"]["iso"]) == ("Azerbaijan", "31")
    assert got["Stepanakert"]["region"] == "Caucasus and Central Asia"
    assert (got["Moscow"]["country"], got["Moscow"]["iso"], got["Moscow"]["region"]) == (
        "Russia",
        "643",
        "Europe",
    )
    assert (got["Kyiv"]["country"], got["Kyiv"]["iso"], got["Kyiv"]["region"]) == (
        "Ukraine",
        "804",
        "Europe",
    )
    assert got["Washington"]["country"] == "United States"
    assert got["Washington"]["iso"] == "840"
    assert got["Washington"]["region"] == "North America"


def test_acled_regions_of_the_neighbours():
    assert country_at(44.5126, 40.1811).region == "Caucasus and Central Asia"  # Yerevan
    assert country_at(32.8597, 39.9334).region == "Middle East"  # Ankara
    assert country_at(51.389, 35.6892).region == "Middle East"  # Tehran
    assert country_at(4.3517, 50.8503).region == "Europe"  # Brussels
    assert country_at(50.377, 39.937).name == "Azerbaijan"  # Shah Deniz, offshore


def test_admin1_comes_from_the_gazetteer(tmp_path):
    (tmp_path / "places.geojson").write_text(
        '{"type": "FeatureCollection", "features": ['
        '{"type": "Feature", "properties": {"id": "baku", "admin1": "Baku"}, "geometry": null},'
        '{"type": "Feature", "properties": {"id": "moscow"}, "geometry": null}]}',
        encoding="utf-8",
    )
    admin1 = acled_csv.gazetteer_admin1(tmp_path)
    assert admin1 == {"baku": "Baku"}
    got = {
        r["location"]: r["admin1"]
        for r in rows_of(events_to_csv([_event(places=(BAKU, MOSCOW))], admin1=admin1))
    }
    assert got == {"Baku": "Baku", "Moscow": ""}
    assert acled_csv.gazetteer_admin1(tmp_path / "missing") == {}


# -- one row per place, stable ids ----------------------------------------------------------


def test_one_row_per_place_of_an_event():
    """Before: a multi-place event was one row at its first place."""
    rows = rows_of(events_to_csv([_event(places=(BAKU, STEPANAKERT, MOSCOW))]))
    assert [r["location"] for r in rows] == ["Baku", "Stepanakert", "Moscow"]
    assert len({r["event_id_cnty"] for r in rows}) == 3


def test_event_id_cnty_is_country_code_and_a_stable_number():
    """Before: event_id_cnty was the event's slug."""
    events = tiny_events()
    first = rows_of(events_to_csv(events))
    again = rows_of(events_to_csv(list(reversed(events))))
    for row in first:
        assert re.fullmatch(r"[A-Z]{3}\d{1,7}", row["event_id_cnty"]), row["event_id_cnty"]
    by_place = {(r["tags"], r["location"]): r["event_id_cnty"] for r in first}
    assert by_place == {(r["tags"], r["location"]): r["event_id_cnty"] for r in again}
    assert len(set(by_place.values())) == len(first)
    assert {r["event_id_cnty"][:3] for r in first if r["location"] == "Baku"} == {"AZE"}


# -- time precision -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "precision", "code"),
    [
        ("2023-09-19", "2023-09-19", Precision.DAY, 1),
        ("2023-09-19", "2023-09-20", Precision.RANGE, 2),
        ("2023-09-19", "2023-09-25", Precision.RANGE, 2),
        ("2023-09-19", "2023-09-28", Precision.RANGE, 3),  # 10 days: was 2
        ("2020-09-27", "2020-11-09", Precision.RANGE, 3),  # 44 days: was 2
        ("2023-09-01", "2023-09-30", Precision.MONTH, 3),  # a month: was 2
        ("2022-12-01", "2023-02-28", Precision.SEASON, 3),
        ("1994-01-01", "1994-12-31", Precision.YEAR, 3),
    ],
)
def test_time_precision(start, end, precision, code):
    span = DateSpan(dt.date.fromisoformat(start), dt.date.fromisoformat(end), precision)
    event = _event(when=span)
    assert time_precision(event) == code
    assert (
        rows_of(events_to_csv([event]))[0]["time_precision"] == str(code) if event.places else True
    )


# -- actors ---------------------------------------------------------------------------------


def test_actors_come_from_the_sides_only():
    """Before: actor1/actor2 were the first two actors in list order, publications included."""
    aze = Actor("azerbaijan", "Azerbaijan", ActorKind.STATE)
    arm = Actor("armenia", "Armenia", ActorKind.STATE)
    nk = Actor("nk-forces", "Karabakh Armenian forces", ActorKind.ARMED_FORCE)
    outlet = Actor("meduza", "Meduza", ActorKind.ORGANISATION)
    event = _event(places=(STEPANAKERT,), actors=(outlet, aze, arm, nk))
    row = rows_of(events_to_csv([event]))[0]
    assert (row["actor1"], row["actor2"], row["assoc_actor_1"], row["assoc_actor_2"]) == (
        "",
        "",
        "",
        "",
    )
    sided = with_sides(event, (aze,), (nk, arm))
    row = rows_of(events_to_csv([sided]))[0]
    assert row["actor1"] == "Azerbaijan"
    assert row["actor2"] == "Karabakh Armenian forces"
    assert row["assoc_actor_2"] == "Armenia"
    assert "Meduza" not in (
        row["actor1"],
        row["actor2"],
        row["assoc_actor_1"],
        row["assoc_actor_2"],
    )


# -- types ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "category", "expected"),
    [
        ("Landmine explosions kill six people", Category.MILITARY,
         ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("Azerbaijani military operation in Nagorno-Karabakh", Category.MILITARY,
         ("Political violence", "Battles", "Armed clash")),
        ("Trilateral ceasefire ends the 2020 war", Category.DIPLOMATIC,
         ("Strategic developments", "Strategic developments", "Agreement")),
        ("Protests in Armenia demand Pashinyan's impeachment", Category.POLITICAL,
         ("Demonstrations", "Protests", "Peaceful protest")),
        ("Lavrov warns Armenia against relying on the United States", Category.DIPLOMATIC,
         ("", "", "")),
        ("Turkish support for Azerbaijan in the 2020 war", Category.MILITARY, ("", "", "")),
        ("Azerbaijan–Russia trade grows", Category.ECONOMIC, ("", "", "")),
        ("EU and Azerbaijan agree to double gas imports", Category.ECONOMIC, ("", "", "")),
    ],
)  # fmt: skip
def test_event_types_map_to_acled_or_stay_empty(title, category, expected):
    """Before: event_type was the app's category ('military'), which is not an ACLED type."""
    assert acled_csv.acled_type(_event(title=title, category=category)) == expected


# -- fatalities -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("resulting in well over 6,000 fatalities.", 6000),
        ("Conveniently, on cue, 4 soldiers and 2 civilians were blasted to smithereens", 6),
        ("six people were killed", 6),
        ("the shelling killed 12 and wounded more", 12),
        ("Thousands are internally displaced and hundreds killed.", None),
        ("resulting in the deaths of several soldiers.", None),
        ("In 2020, the war resumed", None),
    ],
)
def test_fatalities_from_excerpts(text, number):
    assert excerpt_fatalities(text) == number


def test_fatalities_column_and_the_excerpt_in_notes():
    """Before: fatalities was empty even where the excerpt gives a number."""
    quote = "4 soldiers and 2 civilians were blasted"
    text = f"Intro. {quote}. The end."
    source = Source(
        "s.txt",
        "T",
        (),
        "Outlet",
        "en",
        "news",
        DateSpan(dt.date(2023, 9, 19), dt.date(2023, 9, 19), Precision.DAY),
        "",
        text,
    )
    event = _event(places=(STEPANAKERT, BAKU), excerpts=(_excerpt(source, quote),))
    assert event_fatalities(event)[0] == 6
    rows = event_rows(event)
    assert rows[0]["fatalities"] == 6
    assert quote in str(rows[0]["notes"])
    assert "s.txt[7:46]" in str(rows[0]["notes"])
    assert rows[1]["fatalities"] == ""  # counted once, in the first row
    assert rows_of(events_to_csv([_event(places=(BAKU,))]))[0]["fatalities"] == ""


# -- spreadsheets ---------------------------------------------------------------------------


def test_excel_gets_a_bom_and_curly_quotes_survive(tmp_path, monkeypatch):
    """Before: no BOM, so Excel on Windows read the UTF-8 as a code page and garbled “…”."""
    from builders import tiny_corpus

    corpus = tiny_corpus(tmp_path)
    monkeypatch.setattr("explorer.data.corpus.load_corpus", lambda root=None: corpus)
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    assert cli.main(["export", "events", "--format", "csv", "-o", str(plain)]) == 0
    assert cli.main(["export", "events", "--format", "csv", "--excel", "-o", str(excel)]) == 0
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    data = excel.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "“" in text
    assert rows_of(text) == rows_of(plain.read_text(encoding="utf-8"))


def test_formula_cells_are_neutralised():
    """Before: a cell starting with = + - @ was written as it is, and ran as a formula."""
    hostile = _place("h", 46.75, 39.81, "@SUM(A1:A9)")
    event = _event(
        title="-2+3",
        summary='=HYPERLINK("http://x","click")',
        places=(hostile, WASHINGTON),
    )
    rows = rows_of(events_to_csv([event]))
    assert rows[0]["notes"].startswith("'=HYPERLINK")
    assert rows[0]["location"] == "'@SUM(A1:A9)"
    assert rows[1]["longitude"] == "-77.0369"  # numbers stay numbers
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@")), value
            assert not value.startswith("-") or re.fullmatch(r"-\d+(\.\d+)?", value), value


def test_control_characters_and_lone_surrogates_are_stripped():
    """Before: a lone surrogate in a place name broke the CSV export."""
    bad = _place("bad", 46.75, 39.81, "Bad\ud800 na\x00me\x1b[31m")
    text = events_to_csv([_event(summary="line\x0bbreak", places=(bad,))])
    text.encode("utf-8")  # would raise UnicodeEncodeError on a lone surrogate
    row = rows_of(text)[0]
    assert row["location"] == "Bad name[31m"
    assert row["notes"].startswith("linebreak")


# -- the embedded corpus --------------------------------------------------------------------


def test_real_corpus(corpus):
    text = events_to_csv(corpus.timeline, actors=corpus.actors)
    rows = rows_of(text)
    events = list(corpus.timeline)
    assert len(rows) == sum(max(1, len(e.places)) for e in events)
    for row in rows:
        assert row["country"], row
        assert row["iso"].isdigit(), row
        assert row["region"], row
        assert row["event_id_cnty"][:3].isupper()
    publications = {s.outlet for s in corpus.sources.values() if s.outlet}
    authors = {a for s in corpus.sources.values() for a in s.authors}
    for row in rows:
        for column in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
            assert row[column] not in publications | authors, (column, row[column])
    moscow = [r for r in rows if r["location"] == "Moscow"]
    assert moscow
    assert {r["region"] for r in moscow} == {"Europe"}
    assert any(r["fatalities"] == "6000" for r in rows)
