"""The instruction-count benchmark's command line (``benchmarks.instructions``); the counting
itself needs valgrind and the dev data and is run by hand (README, "Speed")."""

from __future__ import annotations

import pytest

from benchmarks import instructions


def test_a_subset_below_two_is_refused() -> None:
    # the warm-up reads the pages half a subset on, which must be other pages
    with pytest.raises(SystemExit) as exit_info:
        instructions.main(["--subset", "1"])
    assert exit_info.value.code == 2


def test_without_valgrind_it_says_so_and_fails(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(instructions.shutil, "which", lambda name: None)
    assert instructions.main(["--systems", "trafilatura"]) == 1
    assert "valgrind is not installed" in capsys.readouterr().err


def test_a_failed_child_is_an_error_not_a_count(monkeypatch: pytest.MonkeyPatch) -> None:
    class Done:
        returncode = 1
        stderr = "==1== valgrind: cannot start"

    monkeypatch.setattr(instructions.subprocess, "run", lambda *a, **k: Done())
    with pytest.raises(RuntimeError, match="callgrind run of cleaner-text failed"):
        instructions.count("cleaner-text", 72, True, None)
