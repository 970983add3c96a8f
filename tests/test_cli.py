from __future__ import annotations

import pytest

from medialens import cli


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--version"])
    assert exc.value.code == 0
    assert "medialens" in capsys.readouterr().out
