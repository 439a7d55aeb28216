"""The README's example session runs as written (a doctest of its ``>>>`` lines), so the
front page cannot drift from what ``cleaner`` returns."""

from __future__ import annotations

import doctest
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT.parent / "shared" / "examples" / "bbc-pakistan.txt"


def _example_session() -> str:
    """The README's Python block that opens with ``>>> import cleaner``."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    return next(block for block in blocks if block.startswith(">>> import cleaner"))


def test_the_readme_example_session_runs_as_written() -> None:
    if not EXAMPLE.exists():
        pytest.skip(f"{EXAMPLE} is absent (the shared examples are not checked out here)")
    test = doctest.DocTestParser().get_doctest(_example_session(), {}, "README", "README.md", 0)
    assert test.examples, "the README's example session has no >>> lines"
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    cwd = os.getcwd()
    os.chdir(ROOT)  # the example opens ../shared/examples/... from the repository root
    try:
        runner.run(test)
    finally:
        os.chdir(cwd)
    failed, attempted = runner.summarize(verbose=False)
    assert attempted == len(test.examples)
    assert failed == 0, "the README's example session does not match cleaner's output"
