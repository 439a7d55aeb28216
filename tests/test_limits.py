"""Size, time and safety limits: linear time on hostile input, a clear size limit, and HTML
that is parsed without fetching or executing anything.

The hostile inputs (``benchmarks.scaling.adversarial_lines`` and the ones below) each took
minutes, hours or forever before (a regex that backtracked quadratically or exponentially),
or lost text (libxml2 giving up on deep nesting). The wall-clock guards are generous,
several times what the inputs take now on a busy 2-core machine, so they only fail on a
regression to superlinear time; ``python -m benchmarks.scaling`` prints the timings.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest

import cleaner
from benchmarks.scaling import adversarial_lines, repeat_to
from cleaner import Config, Document, InputError
from cleaner.html import render_html
from cleaner.lexicon import is_caption_marker, match_furniture, split_credit
from cleaner.normalize import strip_markdown
from cleaner.segment import segment_text

MB = 1_000_000
#: Wall-clock guard for one clean() of a 1 MB line (they take 0.1-4 s on a shared 2-core box).
GUARD_1MB = 20.0


def _repeat(unit: str, size: int = MB) -> str:
    return repeat_to(unit, size)


def timed(function: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def _visible(text: str) -> str:
    return "".join(ch for ch in text if not (ch.isspace() or ch in "\u00a0\u200b\ufeff\u3000"))


def assert_covers_source(doc: Document) -> None:
    """The blocks hold every visible character of the source (see test_properties)."""
    assert _visible("".join(doc.source[b.start:b.end] for b in doc.blocks)) == _visible(doc.source)


# -- 1 MB adversarial lines through clean() --------------------------------------------

ADVERSARIAL_LINES = adversarial_lines(MB)


@pytest.mark.parametrize("text", list(ADVERSARIAL_LINES.values()), ids=list(ADVERSARIAL_LINES))
def test_adversarial_1mb_line_is_cleaned_in_linear_time(text: str) -> None:
    doc, seconds = timed(cleaner.clean, text)
    assert seconds < GUARD_1MB
    assert_covers_source(doc)


# -- the regexes that were superlinear, one by one (each took minutes to forever) ------


def test_byline_pattern_does_not_backtrack_exponentially() -> None:
    """"By JandJand…" with a failing end: "and" inside a name could split it anywhere."""
    for text in ("By " + "Jand" * 40 + " !", "By " + "A E " * 5 + "!", "By " + "A.and " * 5 + "!"):
        result, seconds = timed(match_furniture, text)
        assert seconds < 1.0
        assert result is None
    byline = "By Jane Doe and John Smith"
    assert match_furniture(byline) == ("metadata", byline)
    assert match_furniture("BY JANE DOE AND JOHN SMITH") is not None
    assert match_furniture("By Jane E. Doe, March 3, 2020") is not None


@pytest.mark.parametrize("separators", ["-" * 100_000, "- " * 100_000, " | " * 50_000,
                                        "\u2013 " * 100_000])
def test_credit_pattern_is_linear_in_separator_runs(separators: str) -> None:
    """The caption part of the credit regex could end anywhere inside a run of separators."""
    text = "Floods in Kerala AFP x" + separators + "x"
    (caption, credit), seconds = timed(split_credit, text)
    assert seconds < 2.0
    assert credit is None and caption == text
    assert split_credit("Floods in Kerala. - - Photo: Reuters") == ("Floods in Kerala.", "Reuters")


def test_markdown_is_linear() -> None:
    for text in (_repeat("[a]("), _repeat("!["), _repeat("*a "), _repeat("_a_ ")):
        _, seconds = timed(strip_markdown, text)
        assert seconds < 5.0
        blocks, seconds = timed(segment_text, text)
        assert seconds < 5.0
        assert len(blocks) == 1
    assert strip_markdown("[![alt](i.png)](http://x) *so* _very_ my_var") == "alt so very my_var"


def test_lexicon_checks_on_a_1mb_block_are_fast() -> None:
    for text in ADVERSARIAL_LINES.values():
        for check in (match_furniture, split_credit, is_caption_marker):
            _, seconds = timed(check, text)
            assert seconds < 5.0, check.__name__


# -- size ---------------------------------------------------------------------------------

PROSE = ("The city council voted on Tuesday to build four new protected cycle lanes through the "
         "centre, after two years of consultation with residents and shop owners. ")


def test_a_10mb_line() -> None:
    text = _repeat(PROSE, 10 * MB)
    doc, seconds = timed(cleaner.clean, text)
    assert seconds < 120.0  # about 10 s
    assert len(doc.blocks) == 1 and doc.blocks[0].span == (0, len(text.rstrip()))


def test_200k_short_lines() -> None:
    """A million lines take about three minutes (benchmarks/scaling.py); 200,000 here."""
    text = "".join(f"Item {i} of the list\n" if i % 4 else "Share on Facebook\r\n"
                   for i in range(200_000))
    doc, seconds = timed(cleaner.clean, text)
    assert seconds < 300.0  # about 35 s
    assert len(doc.blocks) == 200_000
    assert doc.blocks[-1].text == "Item 199999 of the list"


def test_200k_lines_that_all_join_are_segmented_in_linear_time() -> None:
    """Every line goes on with the sentence of the one before (a comma, then a short word):
    one block, built once, not copied at every join."""
    from cleaner.segment import segment_text

    text = "A sentence that goes on and on\n" + "x y\n,\n" * 100_000
    blocks, seconds = timed(segment_text, text)
    assert seconds < 30.0  # about 1.5 s
    (block,) = blocks
    assert block.span == (0, len(text) - 1)
    assert block.text == "A sentence that goes on and on" + " x y," * 100_000


def test_20000_deep_nested_html_keeps_all_its_text() -> None:
    """libxml2 stops at 2,048 levels and drops the rest: the reader falls back to tags."""
    markup = ("<html><head><title>Deep</title></head><body><p>Text before the nest.</p>"
              + "<div><span>" * 20_000 + "Text deep inside." + "</span></div>" * 20_000
              + "<p>Text after the nest.</p></body></html>")
    doc, seconds = timed(cleaner.clean, markup)
    assert seconds < 60.0
    assert doc.metadata["input_format"] == "html"
    for sentence in ("Text before the nest.", "Text deep inside.", "Text after the nest."):
        assert sentence in doc.source
    assert "<div>" not in doc.source


def test_unclosed_script_tags_are_linear() -> None:
    for markup in ("<html><body>" + "<script>" * 100_000,
                   "<html><body>" + "<script>x" * 50_000 + "<p>visible?</p>"):
        rendering, seconds = timed(render_html, markup)
        text = rendering.text
        assert seconds < 10.0
        assert text == ""  # an unclosed <script> runs to the end of the page


# -- the size limit -----------------------------------------------------------------------


def test_size_limit_for_str() -> None:
    limit = Config(max_input_chars=1000)
    assert isinstance(cleaner.clean("x" * 1000, limit), Document)
    with pytest.raises(InputError, match=r"1,001 characters .* limit of 1,000 .*max_input_chars"):
        cleaner.clean("x" * 1001, limit)


def test_size_limit_for_bytes() -> None:
    limit = Config(max_input_chars=1000)
    assert isinstance(cleaner.clean(b"x" * 1000, limit), Document)
    # decoded characters count...
    with pytest.raises(InputError, match=r"1,001 characters .*max_input_chars"):
        cleaner.clean(b"x" * 1001, limit)
    # ...and more than 4 bytes per allowed character is refused before decoding
    with pytest.raises(InputError, match=r"4,001 bytes .*max_input_chars=1,000"):
        cleaner.clean(b"x" * 4001, limit)
    assert cleaner.clean(("\U0001f600" * 1000).encode("utf-8"), limit).source == "\U0001f600" * 1000


def test_size_limit_error_is_a_value_error_and_zero_disables_it() -> None:
    with pytest.raises(ValueError):
        cleaner.clean("x" * 11, Config(max_input_chars=10))
    assert cleaner.clean("word " * 20_000, Config(max_input_chars=0)).source == "word " * 20_000
    assert Config().max_input_chars > 10 * MB  # the default takes the 10 MB line above


# -- HTML is parsed, never fetched or executed ----------------------------------------------


class _Recorder(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        _Recorder.requests.append(self.path)
        body = b"<!ENTITY leak 'FETCHED-OVER-HTTP'>"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def http_server() -> Iterator[str]:
    """A local HTTP server that records every request made to it."""
    _Recorder.requests = []
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("LOCAL-FILE-SECRET\n", encoding="utf-8")
    return path


def _hostile_pages(server: str, secret: Path) -> dict[str, str]:
    body = "<p>The council voted on Tuesday to build four new cycle lanes.</p>"
    return {
        "entity-file": (f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
                        f"<html><body>{body}<p>&xxe;</p></body></html>"),
        "entity-passwd": ('<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
                          f"<html><body>{body}<p>&xxe;</p></body></html>"),
        "entity-http": (f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{server}/entity">]>\n'
                        f"<html><body>{body}<p>&xxe;</p></body></html>"),
        "parameter-entity": (f'<!DOCTYPE html [<!ENTITY % ext SYSTEM "{server}/dtd"> %ext;]>\n'
                             f"<html><body>{body}<p>&leak;</p></body></html>"),
        "doctype-system-file": (f'<!DOCTYPE html SYSTEM "file://{secret}">\n'
                                f"<html><body>{body}</body></html>"),
        "doctype-system-http": (f'<!DOCTYPE html PUBLIC "-//X//DTD X//EN" "{server}/doctype">\n'
                                f"<html><body>{body}</body></html>"),
        "xml-declaration": (f'<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM '
                            f'"file://{secret}">]>\n<html><body>{body}<p>&xxe;</p></body></html>'),
        "xinclude": (f'<html xmlns:xi="http://www.w3.org/2001/XInclude"><body>{body}'
                     f'<xi:include href="file://{secret}" parse="text"/>'
                     f'<xi:include href="{server}/xinclude" parse="text"/></body></html>'),
        "stylesheet-pi": (f'<?xml-stylesheet type="text/xsl" href="{server}/xsl"?>\n'
                          f"<html><body>{body}</body></html>"),
        "subresources": (f'<html><head><link rel="stylesheet" href="{server}/css">'
                         f'<script src="{server}/js"></script></head><body>{body}'
                         f'<img src="{server}/img" alt="A protest">'
                         f'<iframe src="file://{secret}"></iframe>'
                         f'<iframe src="{server}/frame"></iframe>'
                         f'<object data="file://{secret}"></object></body></html>'),
    }


def test_html_never_fetches_or_reads_files(http_server: str, secret_file: Path) -> None:
    passwd = Path("/etc/passwd")
    passwd_line = passwd.read_text().splitlines()[0] if passwd.exists() else "root:x:0:0"
    for name, page in _hostile_pages(http_server, secret_file).items():
        for config in (None, Config(input_format="html")):
            doc = cleaner.clean(page, config)
            out = doc.to_json()
            assert "LOCAL-FILE-SECRET" not in out, name
            assert passwd_line not in out and "root:x:0" not in out, name
            assert "FETCHED-OVER-HTTP" not in out, name
            assert "The council voted on Tuesday" in doc.source, name
    assert _Recorder.requests == []


SCRIPTED_PAGE = """<!DOCTYPE html>
<html><head><title>Council approves new cycle lanes</title>
<script>var leaked = "SCRIPT-CONTENT-LEAK"; document.write("WRITTEN-BY-SCRIPT");</script>
<style>body::after { content: "STYLE-CONTENT-LEAK"; }</style></head>
<body onload="document.body.innerHTML='ONLOAD-LEAK'">
<p>The city council voted on Tuesday to build four new protected cycle lanes through the
centre, after two years of consultation with residents and shop owners.</p>
<script type="text/javascript">
  window.dataLayer = ["SCRIPT-CONTENT-LEAK"];
</script>
<noscript>NOSCRIPT-TEXT</noscript>
<template><p>TEMPLATE-CONTENT-LEAK</p></template>
<svg><text>SVG-TEXT-LEAK</text><script>SCRIPT-CONTENT-LEAK</script></svg>
<p onclick="alert('HANDLER-LEAK')">Work is expected to begin in the spring and to last about
eighteen months, the council said in a statement published after the vote.</p>
<a href="javascript:alert('JS-URL-LEAK')">Read more</a>
</body></html>
"""
#: What scripts, styles, templates and event handlers hold: never text, whichever reader.
CODE_LEAKS = ("SCRIPT-CONTENT-LEAK", "WRITTEN-BY-SCRIPT", "STYLE-CONTENT-LEAK", "ONLOAD-LEAK",
              "TEMPLATE-CONTENT-LEAK", "HANDLER-LEAK", "JS-URL-LEAK")
#: What the full reader drops as well (the tag-stripping fallback keeps it as text).
HIDDEN_LEAKS = ("SVG-TEXT-LEAK",)


@pytest.mark.parametrize(
    ("page", "full_reader"),
    [(SCRIPTED_PAGE, True),
     (SCRIPTED_PAGE.replace("</body></html>", "<script>var x = 'SCRIPT-CONTENT-LEAK';"), True),
     # nested past libxml2's depth limit: the tag-stripping fallback must drop scripts too
     (SCRIPTED_PAGE.replace("<p>The city", "<div>" * 3000 + "<p>The city", 1), False)],
    ids=["page", "unclosed-script", "too-deep-for-libxml2"],
)
def test_script_and_style_content_never_reach_the_text(page: str, full_reader: bool) -> None:
    doc = cleaner.clean(page)
    assert doc.metadata["input_format"] == "html"
    assert "The city council voted on Tuesday" in doc.source
    assert "Work is expected to begin in the spring" in doc.source
    for leak in CODE_LEAKS + (HIDDEN_LEAKS if full_reader else ()):
        assert leak not in doc.source
        assert leak not in doc.body
    # <noscript> is text, as a crawler sees it (forums serve their posts there)
    assert "NOSCRIPT-TEXT" in doc.source
