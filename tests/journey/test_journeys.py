"""A student's first minutes, on a real X server with a window manager, by keys and mouse."""

from __future__ import annotations


def _ok(result: dict) -> dict:
    assert "error" not in result, result.get("error")
    return result


def test_tabbing_through_the_whole_window_changes_nothing(laptop, journey):
    result = _ok(journey(laptop, "tab_round"))
    assert result["changes"] == []
    assert result["after"] == result["before"] == ["2021-06-01", None]
    for stop in ("Search events", "Event list", "Map", "Event details text", "Timeline"):
        assert stop in result["focused"], result["focused"]


def test_dragging_the_cursor_over_bars_moves_time_not_the_selection(laptop, journey):
    result = _ok(journey(laptop, "drag_cursor_over_bar"))
    assert result["after_drag"] == [result["target"], None], result
    assert all(kind == "time" for kind, _ in result["changes"][:-1])
    assert result["clicked"] is not None
    assert result["selected"] == result["clicked"]  # a click on a bar still selects


def test_closing_a_filter_list_that_dropped_the_selection_moves_nothing(laptop, journey):
    result = _ok(journey(laptop, "filter_then_close"))
    assert result["still_open_after_a_choice"]
    assert result["changes"] == []
    assert result["after"] == [result["date_before"], None]
    assert result["focused"][0] == "Categories filter"  # back on the list's button
    assert "Event list" in result["focused"]


def test_the_first_run_tour_leaves_the_keys_to_the_window_and_can_be_skipped(laptop, journey):
    result = _ok(journey(laptop, "first_run_tour"))
    assert result["shown"]
    assert result["keys_in_window"]  # F5 or Ctrl+F at start still reach the window
    assert result["step_after_next"] == 1
    assert result["closed"]
    assert result["window_active_again"]
    assert result["after"] == result["before"] == ["2021-06-01", None]


def _fits(result: dict) -> None:
    sx, sy, sw, sh = result["screen"]
    fx, fy, fw, fh = result["frame"]
    assert sx <= fx, result
    assert sy <= fy, result
    assert fx + fw <= sx + sw, result
    assert fy + fh <= sy + sh, result
    assert result["timeline_bottom"] <= sy + sh
    # The timeline keeps about a quarter of the rows, not a fixed height the screen lacks.
    assert result["timeline_height"] >= 0.18 * sh


def test_the_first_window_fits_a_1280x720_laptop(laptop, journey):
    result = _ok(journey(laptop, "first_window"))
    _fits(result)
    assert result["title"] == "Karabakh Explorer"


def test_the_first_window_fits_1920x1080_at_200_percent(full_hd, journey):
    result = _ok(journey(full_hd, "first_window", scale="2"))
    assert result["ratio"] == 2
    assert result["screen"][2:] == [960, 540]
    _fits(result)
