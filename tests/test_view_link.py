"""View links: written and read back, and refused with a reason when wrong."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer.domain.view_link import ViewLink, parse_day, parse_view


def test_a_link_reads_back_as_written():
    link = ViewLink(
        date=dt.date(2023, 9, 19),
        event="azerbaijani-offensive-2023",
        extent="45.9,39.2,47.6,40.4",
        naming="azerbaijani",
        actors=frozenset({"azerbaijan-government", "armenia-government"}),
        categories=frozenset({"military"}),
        sources=frozenset({"000_1b84e2d0042d7f4c.txt"}),
        text="ethnic cleansing & “quotes”",
    )
    assert parse_view(link.query()) == link
    assert parse_view(link.command()) == link  # the whole command pasted back


def test_the_command_is_readable_and_safe_in_double_quotes():
    link = ViewLink(date=dt.date(2021, 6, 1), event="x", text='a "b" $c `d`')
    command = link.command()
    assert command.startswith('explorer gui --view "date=2021-06-01&event=x&q=')
    inner = command.split('"', 1)[1].rsplit('"', 1)[0]
    assert not set(inner) & set('"$`\\ ')


def test_an_empty_link_changes_nothing():
    assert parse_view("") == ViewLink()
    assert ViewLink().query() == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date=2023-02-30", "not a real date"),
        ("date=19/09/2023", "YYYY-MM-DD"),
        ("colour=red", "unknown key 'colour'"),
        ("naming=french", "naming 'french'"),
        ("extent=1,2,3", "extent"),
        ("extent=50,40,45,41", "not a W,S,E,N box"),
        ("date=2023-09-19&date=2023-09-20", "twice"),
        ("hello", "unknown key .hello."),
    ],
)
def test_a_wrong_link_says_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=message):
        parse_view(text)


def test_named_extents_pass_through():
    assert parse_view("extent=NK").extent == "nk"


def test_go_to_date_takes_the_command_line_syntax():
    assert parse_day(" 2023-09-19 ") == dt.date(2023, 9, 19)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_day("Sept 2023")
