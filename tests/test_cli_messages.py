"""Bad arguments and unwritable targets get one clear line and a non-zero exit."""

from __future__ import annotations

import tempfile

import pytest

from explorer.cli import main
from explorer.export.files import OutputError, write_atomic


def test_a_target_the_system_refuses_is_an_output_error(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError, match="cannot write here: No such file or directory"):
        write_atomic(tmp_path / "x.csv", "a,b\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--extent", "atlantis"], "explorer: --extent: expected a name"),
        (["--date", "2023-02-30"], "--date '2023-02-30' is not a real date: day is out of range"),
        (["--event", "no-such-event"], "unknown event 'no-such-event'"),
    ],
)
def test_snapshot_argument_errors(tmp_path, capsys, args, message):
    out = tmp_path / "x.png"
    assert main(["snapshot", *args, "--format", "png", "--dpi", "40", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not out.exists()


def test_snapshot_before_the_first_event_warns(tmp_path, capsys):
    out = tmp_path / "x.png"
    assert main(["snapshot", "--date", "1700-01-01", "--format", "png", "--dpi", "40",
                 "-o", str(out)]) == 0  # fmt: skip
    assert "warning: --date 1700-01-01 is before the first event" in capsys.readouterr().err
    assert out.exists()
