"""clean() end to end: the lossless partition, decoding, bad input, determinism, the API."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import numpy as np
import pytest

import cleaner
from cleaner import Config, InputError, Label

PAGE = (
    "Home | News | Sport\n"
    "Council approves new cycle lanes for the city centre\n"
    "The city council voted on Tuesday to build four new protected cycle lanes through the "
    "centre, after two years of consultation with residents and shop owners.\n"
    "Work is expected to begin in the spring and to last about eighteen months, the council "
    "said in a statement published after the vote.\n"
    "Share on Facebook\n"
    "\u00a9 2024 Example News. All rights reserved.\n"
)


def test_public_names_are_pinned() -> None:
    assert sorted(cleaner.__all__) == sorted([
        "Block", "Caption", "Config", "Document", "Failure", "InputError", "Kind", "Label",
        "__version__", "clean", "clean_many",
    ])


@pytest.mark.parametrize(
    "text",
    [PAGE, "", "   \n\n", "one line", "a\r\nb\rc\u2028d", "x" * 5000, "word " * 3000,
     "caf\u00c3\u00a9 and &amp; entities&nbsp;here", "**[link](http://x.y)** and text"],
    ids=["page", "empty", "blank", "one-line", "line-ends", "long-word", "long-line",
         "mojibake", "markdown"],
)
def test_blocks_partition_the_input(text: str) -> None:
    doc = cleaner.clean(text)
    covered = "".join(doc.source[b.start:b.end] for b in doc.blocks)
    assert re.sub(r"\s+", "", covered) == re.sub(r"\s+", "", doc.source.replace("\ufeff", ""))
    starts = [b.start for b in doc.blocks]
    assert starts == sorted(starts)
    assert all(b.start < b.end for b in doc.blocks)


def test_every_block_is_labelled_with_a_reason() -> None:
    doc = cleaner.clean(PAGE)
    assert all(isinstance(b.label, Label) and b.reason for b in doc.blocks)
    assert all(b.kind is not None for b in doc.furniture)


def test_output_is_deterministic() -> None:
    assert cleaner.clean(PAGE).to_dict() == cleaner.clean(PAGE).to_dict()


STABLE = Config()  # the stable body is the default
FIRST_LOOK = Config(stable_body=False)


def test_a_stable_body_is_stable_under_recleaning() -> None:
    body = cleaner.clean(PAGE, STABLE).body
    assert body
    assert cleaner.clean(body, STABLE).body == body


def test_a_body_cleaned_again_reads_clean_and_is_kept_whole() -> None:
    doc = cleaner.clean(cleaner.clean(PAGE, STABLE).body, STABLE)
    assert all(b.label in (Label.BODY, Label.HEADING) for b in doc.blocks)
    assert doc.title is None


def test_a_page_dump_with_furniture_does_not_read_clean() -> None:
    """A short dump (menu, headline, two paragraphs, share line, copyright) keeps its first
    look: the clean-page model learnt such crops of real pages as not clean."""
    assert cleaner.clean(PAGE, STABLE).to_dict() == cleaner.clean(PAGE, FIRST_LOOK).to_dict()


def test_a_second_look_drops_what_it_is_surest_of_first() -> None:
    """Blocks leave a body that does not read clean one at first, then doubling: the least
    likely to be body among those the look does not keep."""
    from cleaner.classify import SecondLook
    from cleaner.document import Block

    blocks = [Block(t, 0, 1, label) for t, label in
              (("a", Label.BODY), ("b", Label.FURNITURE), ("c", Label.FURNITURE),
               ("d", Label.TITLE))]
    look = SecondLook(blocks, [0.9, 0.3, 0.05, 0.2])
    assert look.drops(1) == [False, False, True, False]
    assert look.drops(2) == [False, False, True, True]
    assert look.drops(8) == [False, True, True, True]


@pytest.mark.parametrize("lines, first_drop", [(600, 1), (5000, 4)])
def test_a_huge_body_drops_more_at_its_first_look(
    monkeypatch: pytest.MonkeyPatch, lines: int, first_drop: int
) -> None:
    """A body of n blocks drops n // 1024 of them (at least one) at its first look that
    does not read clean, then twice as many each look: a huge body settles in few looks."""
    import cleaner.classify
    from cleaner.pipeline import BODY_BLOCKS_PER_FIRST_DROP, settle_body

    assert BODY_BLOCKS_PER_FIRST_DROP == 1024
    counts: list[int] = []

    class Look:  # the second look's answer: the first 20 blocks are furniture
        def __init__(self, blocks: list[cleaner.Block]) -> None:
            self.blocks = blocks

        def drops(self, count: int) -> list[bool]:
            counts.append(count)
            left = [i for i, b in enumerate(self.blocks) if b.text.startswith("menu")]
            return [i in left[:count] for i in range(len(self.blocks))]

    def look_again(blocks: list[cleaner.Block], config: Config) -> Look | None:
        return Look(blocks) if any(b.text.startswith("menu") for b in blocks) else None

    monkeypatch.setattr(cleaner.classify, "look_again", look_again)
    texts = [f"menu {i}" for i in range(20)] + [f"line {i}" for i in range(lines - 20)]
    blocks, start = [], 0
    for text in texts:
        blocks.append(cleaner.Block(text, start, start + len(text), Label.BODY))
        start += len(text) + 1
    settled = settle_body(blocks, STABLE)
    assert [b.label for b in settled] == [Label.FURNITURE] * 20 + [Label.BODY] * (lines - 20)
    assert counts[0] == first_drop
    assert counts == [first_drop * 2 ** k for k in range(len(counts))]
    assert sum(counts[:-1]) < 20 <= sum(counts)


def test_the_first_look_alone_without_the_stable_body() -> None:
    body = cleaner.clean(PAGE, FIRST_LOOK).body
    reasons = {b.reason for b in cleaner.clean(body, FIRST_LOOK).blocks}
    assert not any(r == "page:clean" or r.startswith("second-look:") for r in reasons)


def test_text_repairs_are_explained() -> None:
    doc = cleaner.clean("The caf\u00c3\u00a9 served fish &amp; chips\u00a0today.\n")
    (block,) = doc.blocks
    assert block.text == "The caf\u00e9 served fish & chips today."
    assert set(block.fixes) == {"encoding", "entities", "whitespace"}


def test_documentation_headings_lose_their_permalink_marks() -> None:
    """Sphinx and MkDocs end every heading with a "¶" link; a text dump keeps it."""
    text = ("Quickstart\u00b6\n"
            "Eager to get started? This page gives a good introduction to the framework and "
            "shows how to write a small application in a few lines of code.\n"
            "A Minimal Application \u00b6\n"
            "A minimal application looks something like this, and it runs on any machine "
            "that has the framework installed, with no configuration at all.\n"
            "The pilcrow \u00b6 marks a paragraph in old manuscripts.\n")
    doc = cleaner.clean(text)
    assert "Quickstart" in (doc.title, *doc.headings)
    assert [b.text for b in doc.blocks if "permalink" in b.fixes] == [
        "Quickstart", "A Minimal Application"]
    assert "The pilcrow \u00b6 marks a paragraph" in doc.body
    assert "\u00b6" not in doc.body.replace("pilcrow \u00b6", "")


@pytest.mark.parametrize("entity", ["&#10;", "&#13;", "&#8232;", "&#8233;"])
def test_a_line_break_from_an_entity_stays_inside_its_block(entity: str) -> None:
    """A block is one line of the body: an unescaped line break becomes a space, so the
    body's blocks read back as the same blocks."""
    doc = cleaner.clean(f"Launch your business,{entity}not your stress levels.\n")
    (block,) = doc.blocks
    assert block.text == "Launch your business, not your stress levels."
    assert [b.text for b in cleaner.clean(block.text).blocks] == [block.text]


def test_glued_caption_marker_is_split() -> None:
    text = "Protesters in Lahore on January 5, 2018.Image copyright AFP\n"
    doc = cleaner.clean(text)
    assert [b.text for b in doc.blocks] == [
        "Protesters in Lahore on January 5, 2018.", "Image copyright AFP"]


#: A paragraph as BeautifulSoup's ``get_text("\\n")`` writes it: a line break at every
#: link and emphasis, blank lines between paragraphs.
_BROKEN_AT_INLINES = (
    "Ford toiled away at a colossal work, over 140,000 words long, titled\n"
    "Aspects\n"
    ". Beth Meacham described it as a romance. It ran to\n"
    "three volumes\n"
    ", and Tor will publish it (\n"
    "in 2021\n"
    ").\n"
    "\n"
    "A second paragraph follows after a blank line, and it says a little more.\n"
)


def test_the_pieces_of_a_sentence_broken_at_inline_elements_are_joined() -> None:
    from cleaner.segment import segment_text

    blocks = segment_text(_BROKEN_AT_INLINES)
    assert [b.text for b in blocks] == [
        "Ford toiled away at a colossal work, over 140,000 words long, titled Aspects. Beth "
        "Meacham described it as a romance. It ran to three volumes, and Tor will publish "
        "it (in 2021).",
        "A second paragraph follows after a blank line, and it says a little more.",
    ]
    assert [b.fixes for b in blocks] == [("joined",), ()]
    first = blocks[0]
    assert _BROKEN_AT_INLINES[first.start:first.end].startswith("Ford toiled")
    assert _BROKEN_AT_INLINES[first.start:first.end].endswith("in 2021\n).")
    doc = cleaner.clean(_BROKEN_AT_INLINES)
    assert "joined" in doc.blocks[0].fixes  # normalize adds its own fixes after it
    assert cleaner.clean(doc.body).body == doc.body  # the body's blocks stay whole


@pytest.mark.parametrize("text", [
    "A sentence that ends here.\n, and a line that starts with a comma",  # a closed sentence
    "A sentence that goes on over\n\n, a blank line",  # a paragraph break between them
    "Home\nabout us\nContact",  # menu entries, whatever their case
    "A heading without a stop\nfollowed by a line in lower case",  # not a sure piece
    "Short one\nLink\nMore text",  # no line that goes on with a sentence
])
def test_lines_that_are_not_pieces_of_one_sentence_stay_apart(text: str) -> None:
    from cleaner.segment import segment_text

    blocks = segment_text(text)
    assert [b.text for b in blocks] == [line for line in text.splitlines() if line]
    assert all(b.fixes == () for b in blocks)


def test_on_a_page_broken_at_its_inline_elements_lower_case_lines_join_too() -> None:
    from cleaner.segment import segment_text

    lines = ("In seiner ersten Studie\nMelancholie\nuntersucht er ein paradoxes Gefühl.\n"
             "Dort heißt es, die Trauer sei\nauch eine Form der Freude.")
    # alone, nothing says these lines were broken at inline elements: lower case is no proof
    assert [b.text for b in segment_text(lines)] == lines.splitlines()
    page = _BROKEN_AT_INLINES + "\n" + lines  # three lines and more joined for sure above
    assert [b.text for b in segment_text(page)][-2:] == [
        "In seiner ersten Studie Melancholie untersucht er ein paradoxes Gefühl.",
        "Dort heißt es, die Trauer sei auch eine Form der Freude."]


def test_the_lines_of_an_html_page_are_not_joined() -> None:
    html = ("<html><body><p>An opening paragraph that runs on for a while, and then</p>"
            "<p>, a second paragraph that starts with a comma.</p></body></html>")
    doc = cleaner.clean(html)
    assert [b.text for b in doc.blocks if "comma" in b.text or "opening" in b.text] == [
        "An opening paragraph that runs on for a while, and then",
        ", a second paragraph that starts with a comma."]


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + PAGE.encode("utf-8"),
        codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + PAGE.encode("utf-16-be"),
        PAGE.replace("\u00a9", "(c)").encode("utf-16-le"),
        PAGE.encode("cp1252"),
    ],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-no-bom", "cp1252"],
)
def test_bytes_are_decoded(data: bytes) -> None:
    doc = cleaner.clean(data)
    assert "Council approves new cycle lanes" in doc.source
    assert "\ufffd" not in doc.source


def test_cp1252_accents_survive() -> None:
    text = "Les \u00e9lus ont vot\u00e9 mardi soir pour la cr\u00e9ation de pistes cyclables."
    assert cleaner.clean(text.encode("cp1252")).source == text


@pytest.mark.parametrize(
    "data", [bytes(range(256)) * 40, b"\x89PNG\r\n\x1a\n" + b"\x00" * 2000,
             "\x00\x01\x02\x03" * 500],
    ids=["all-bytes", "png", "control-str"],
)
def test_binary_input_is_refused_clearly(data: bytes | str) -> None:
    with pytest.raises(InputError):
        cleaner.clean(data)


def test_size_limit() -> None:
    with pytest.raises(InputError, match="max_input_chars"):
        cleaner.clean("word " * 100, Config(max_input_chars=50))


def test_wrong_type() -> None:
    with pytest.raises(TypeError, match="url"):
        cleaner.clean("Some text.", url=b"https://example.com/")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        cleaner.clean(123)  # type: ignore[arg-type]


def test_config_overrides_are_checked() -> None:
    assert Config().with_overrides(context_weight=0.0).context_weight == 0.0
    with pytest.raises(TypeError, match="no_such_field"):
        Config().with_overrides(no_such_field=1)
    with pytest.raises(ValueError, match="input_format must be"):
        Config(input_format="xml")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="input_format must be"):
        Config().with_overrides(input_format="HTML")


@pytest.mark.parametrize(("overrides", "error"), [
    ({"min_body_probability": None}, ValueError), ({"min_body_probability": "0.5"}, ValueError),
    ({"context_weight": float("nan")}, ValueError), ({"min_caption_probability": 1.5}, ValueError),
    ({"max_input_chars": -1}, ValueError), ({"max_input_chars": "10"}, ValueError),
    ({"stable_body": 1}, TypeError), ({"model_path": 3}, TypeError),
])
def test_config_values_are_checked_when_made(overrides: dict[str, object],
                                              error: type[Exception]) -> None:
    """A wrong value failed deep inside ``clean()`` (or, -1 characters, refused every
    input), and in a batch as an "internal error" on every page."""
    with pytest.raises(error, match=next(iter(overrides))):
        Config(**overrides)  # type: ignore[arg-type]
    assert Config(min_body_probability=1, min_clean_block_probability=0, max_input_chars=0)


def test_document_json_round_trip() -> None:
    import json

    doc = cleaner.clean(PAGE)
    data = json.loads(doc.to_json())
    assert data["body"] == doc.body
    assert len(data["blocks"]) == len(doc.blocks)
    assert {"title", "captions", "metadata", "furniture"} <= set(data)


def test_document_json_keeps_the_structure_of_blocks() -> None:
    """A JSON user sees what Markdown output shows: which blocks are headings of which
    level and which are list items (read from the input, whatever their labels)."""
    import json

    text = ("## What we packed\n- A stove that folds flat\n- Two litres of water each\n"
            "We walked for three days along the ridge and slept in the huts.\n")
    blocks = json.loads(cleaner.clean(text).to_json())["blocks"]
    assert [(b["text"], b["heading_level"], b["list_item"]) for b in blocks] == [
        ("What we packed", 2, False),
        ("A stove that folds flat", 0, True),
        ("Two litres of water each", 0, True),
        ("We walked for three days along the ridge and slept in the huts.", 0, False),
    ]


def _scores_rounded(doc: cleaner.Document) -> cleaner.Document:
    """``doc`` with each block's score as JSON keeps it (4 decimal places)."""
    from dataclasses import replace

    return replace(doc, blocks=tuple(
        b if b.score is None else replace(b, score=round(b.score, 4)) for b in doc.blocks))


@pytest.mark.parametrize("html", [False, True], ids=["text", "html"])
def test_document_from_dict_rebuilds_what_to_dict_wrote(html: bool) -> None:
    """``from_dict`` rebuilds what ``to_dict(source=True)`` wrote, every block field with
    it (the scores as JSON rounds them), so stored documents can be read back, relabelled
    across a site or rendered again."""
    import json

    if html:
        lines = PAGE.splitlines()
        source = (f"<html><head><title>{lines[1]}</title></head><body><nav><a href='/'>Home"
                  f"</a> <a href='/n'>News</a></nav><h1>{lines[1]}</h1><figure><img "
                  "src='a.jpg' alt='A cycle lane'><figcaption>A new lane. Photo: AFP"
                  f"</figcaption></figure><p>{lines[2]}</p><ul><li>{lines[3]}</li><li>The "
                  "lanes will connect the station with the university and the hospital."
                  "</li></ul></body></html>")
    else:
        source = ("[Home](/) | [News](/n)\n" + PAGE
                  + "Image copyright AFP\nImage caption A cycle lane in the centre\n")
    doc = cleaner.clean(source)
    assert doc.captions and doc.metadata["input_format"] == ("html" if html else "text")
    assert any(b.list_item for b in doc.blocks) if html else any(b.link_chars for b in doc.blocks)
    data = json.loads(doc.to_json(source=True))
    again = cleaner.Document.from_dict(data)
    assert again == _scores_rounded(doc)
    assert again.to_dict(source=True) == data
    assert "source" not in doc.to_dict()


def test_document_from_dict_says_what_it_lacks() -> None:
    data = cleaner.clean(PAGE).to_dict(source=True)
    with pytest.raises(ValueError, match="'source'.*to_dict\\(source=True\\)"):
        cleaner.Document.from_dict({k: v for k, v in data.items() if k != "source"})
    with pytest.raises(ValueError, match="'blocks' and 'source'"):
        cleaner.Document.from_dict({"title": "A page", "body": "Text"})
    broken = {**data, "blocks": [{**data["blocks"][0], "label": "sidebar"}]}
    with pytest.raises(ValueError, match="block 0 is not a Block's to_dict"):
        cleaner.Document.from_dict(broken)
    with pytest.raises(ValueError, match="block 0 .*'span'"):
        cleaner.Document.from_dict({**data, "blocks": [{"text": "x", "label": "body"}]})
    with pytest.raises(ValueError, match="a caption is not a Caption's to_dict"):
        cleaner.Document.from_dict({**data, "captions": [{"credit": "AFP"}]})
    data["source"] = data["source"][:40]
    with pytest.raises(ValueError, match="does not fit a source of 40 characters"):
        cleaner.Document.from_dict(data)


def test_document_pickle_round_trip() -> None:
    """Documents cross process boundaries (``clean_many`` workers) by pickle."""
    import pickle

    doc = cleaner.clean(PAGE)
    assert any(b.kind is not None for b in doc.blocks)
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(doc, protocol)) == doc


DEV_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


@pytest.mark.skipif(not (DEV_DATA / "articles" / "gold.jsonl").is_file()
                    or not (DEV_DATA / "wcxb" / "gold.jsonl").is_file(),
                    reason=f"benchmark data not found at {DEV_DATA} (../shared/data)")
@pytest.mark.parametrize("renderer", ["html_text", "html2text", "resiliparse", None])
def test_dev_page_bodies_cleaned_again_come_back_unchanged(renderer: str | None) -> None:
    """The stable body on real pages (every 40th articles page, every 60th WCXB page), text
    renderings and (``None``) the original HTML bytes, under the default Config."""
    from benchmarks.data import load_pages

    pages = [*load_pages("articles", renderer, DEV_DATA, subset=40),
             *load_pages("wcxb", renderer, DEV_DATA, subset=60)]
    assert len(pages) > 40
    changed = []
    for page in pages:
        body = cleaner.clean(page.text if renderer else page.load_html()).body
        if cleaner.clean(body).body != body:
            changed.append(page.id)
    assert changed == []


def test_a_text_model_that_reads_the_prose_core_is_given_its_columns(tmp_path) -> None:
    # A hand-built model over TEXT_CORE_FEATURE_NAMES that calls a block body exactly when it
    # lies in the page's prose core (core_depth >= 0): the runtime must hand it those columns.
    from cleaner.classify import CLASSES, TEXT_CORE_FEATURE_NAMES, load_model, reads_prose_core
    from cleaner.trees import TreeEnsemble

    depth = TEXT_CORE_FEATURE_NAMES.index("core_depth")
    inf = np.inf
    model = TreeEnsemble(
        feature_names=TEXT_CORE_FEATURE_NAMES,
        class_names=CLASSES,
        feature=np.array([0, depth, 0, 0], dtype=np.int32),
        threshold=np.array([inf, -0.5, inf, inf], dtype=np.float32),
        left=np.array([0, 2, 2, 3], dtype=np.int32),
        value=np.array([0.0, 0.0, -5.0, 5.0]),
        roots=np.array([0, 1], dtype=np.int32),
        tree_class=np.array([0, 1], dtype=np.int32),
        max_depth=1,
    )
    path = tmp_path / "core-model.npz"
    model.save(path)
    assert reads_prose_core(load_model(str(path)))
    prose = ("The council voted on Tuesday to build four new cycle lanes through the centre of "
             "the city after a long consultation with residents.")
    paragraphs = [prose.replace("four", count) for count in ("two", "three", "four")]
    text = ("Home\nNews\nSport\n" + "".join(p + "\n" for p in paragraphs)
            + "".join(f"Link {i}\n" for i in range(8)))
    doc = cleaner.clean(text, Config(model_path=str(path), stable_body=False))
    assert doc.body.split("\n\n") == paragraphs


def test_no_lone_surrogate_reaches_the_metadata_or_an_html_rendering() -> None:
    """The body went through the text fixes, but ``source_url`` was read from the raw text
    and kept a lone surrogate (``to_json().encode()`` and Arrow output then failed), a
    ``url`` with one raised from the page-type model, and HTML read one as three U+FFFD."""
    text = ("Why taxes rise\nThe minister said on Monday that taxes rise next year.\n"
            "View the original article: http://www.bbc.co.uk/news/\udcffworld-asia-42664019")
    doc = cleaner.clean(text)
    assert doc.metadata["source_url"] == "http://www.bbc.co.uk/news/\ufffdworld-asia-42664019"
    doc.to_json().encode("utf-8")
    given = cleaner.clean("Why taxes rise\nSome text.", url="http://example.com/\udcff")
    assert given.metadata["source_url"] == "http://example.com/\ufffd"
    assert cleaner.clean("Why taxes rise\nSome text.", url="   ").metadata["source_url"] is None
    page = "<html><body><h1>Taxes\udcff</h1><p>" + "Some words of the page. " * 8 + "</p>"
    assert cleaner.clean(page).source.startswith("# Taxes\ufffd\n")


def test_a_metadata_line_that_fills_no_field_is_listed_as_furniture() -> None:
    """A second byline or a comment's date was labelled metadata, fed no field of
    ``doc.metadata`` and so was in no part of ``to_dict(blocks=False)``."""
    from cleaner.document import Block, Kind, Label
    from cleaner.pipeline import assemble_document

    lines = ["Why taxes rise", "By Jane Doe", "The minister said on Monday that taxes rise.",
             "By John Roe"]
    text = "\n".join(lines)
    starts = [text.index(line) for line in lines]
    labels = [Label.TITLE, Label.METADATA, Label.BODY, Label.METADATA]
    blocks = [Block(line, at, at + len(line), label, reason="lexicon:metadata",
                    kind=Kind.METADATA if label is Label.METADATA else None)
              for line, at, label in zip(lines, starts, labels, strict=True)]
    doc = assemble_document(text, blocks, "en")
    assert all(b.label is not Label.METADATA or b.reason.startswith("metadata:")
               for b in doc.blocks)
    assert [(b.text, b.label, b.kind) for b in doc.blocks if "Roe" in b.text] == [
        ("By John Roe", Label.FURNITURE, Kind.METADATA)]
    assert {"text": "By John Roe", "kind": "metadata", "reason": "lexicon:metadata"} in \
        doc.to_dict(blocks=False)["furniture"]


def test_new_block_is_the_constructor() -> None:
    """``document.new_block`` (the fast constructor ``relabel`` and ``segment`` use) sets
    every field of a Block, in the dataclass's order: it makes the Block ``Block(...)``
    makes, equal, hashing alike, frozen."""
    import dataclasses

    from cleaner.document import Block, Kind, Label, new_block

    values = ("text", 3, 7, Label.CAPTION, Kind.SHARE, "why", 0.25, ("encoding",), 2, True,
              4, True, 8)
    assert len(values) == len(dataclasses.fields(Block))
    made, fast = Block(*values), new_block(*values)
    assert fast == made and hash(fast) == hash(made)
    assert [getattr(fast, f.name) for f in dataclasses.fields(Block)] == list(values)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.text = "other"  # type: ignore[misc]
