"""page_type: the page-level features, the word model and metadata["page_type"]."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import cleaner
from cleaner.config import Config
from cleaner.document import Block
from cleaner.features import block_features
from cleaner.normalize import normalize_blocks
from cleaner.page_type import (
    _CUES,
    PAGE_FEATURE_NAMES,
    PAGE_TYPES,
    WORD_BUCKETS,
    WordModel,
    bag_of_words,
    cue_counts,
    page_type_features,
    page_type_url_path,
    page_type_words_path,
    url_bag,
    url_words,
)
from cleaner.segment import segment_text

EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "bbc-pakistan.txt"

PRODUCT = """\
Shop | Cart | Account
Trail Runner 3 Waterproof Shoe
$129.99
4.6 out of 5 stars (212 reviews)
In stock
Add to cart
Free shipping on orders over $50
Size guide
Product details
Waterproof membrane, recycled mesh upper, 8 mm drop.
SKU: TR3-WP-42
"""


def blocks_of(text: str) -> list:
    return normalize_blocks(segment_text(text), Config())


def test_bag_of_words_is_a_unit_vector() -> None:
    words = bag_of_words(blocks_of("Add to cart. Add to cart. In stock.\n"))
    assert words.shape == (WORD_BUCKETS,)
    assert float(words @ words) == pytest.approx(1.0)
    assert not bag_of_words([]).any()


def test_word_model_gives_probabilities() -> None:
    rng = np.random.default_rng(0)
    model = WordModel(rng.normal(size=(len(PAGE_TYPES), WORD_BUCKETS)).astype(np.float32),
                      np.zeros(len(PAGE_TYPES), dtype=np.float32))
    proba = model.predict_proba(bag_of_words(blocks_of(PRODUCT)))
    assert proba.shape == (len(PAGE_TYPES),)
    assert proba.sum() == pytest.approx(1.0)


def test_page_features_row() -> None:
    blocks = blocks_of(PRODUCT)
    proba = np.tile([0.5, 0.5, 0.0, 0.0], (len(blocks), 1))
    row = page_type_features(blocks, block_features(blocks, "en"), np.full(7, 1 / 7), proba)
    assert row.shape == (1, len(PAGE_FEATURE_NAMES))
    assert np.isfinite(row).all()
    cues = {name: row[0, i] for i, name in enumerate(PAGE_FEATURE_NAMES)}
    assert cues["cue_price"] > 0 and cues["cue_cart"] > 0 and cues["cue_rating"] > 0
    assert cues["cue_forum"] == 0


def body_summary(body: list[int], words: list[int]) -> dict[str, float]:
    """The ``body_*`` features of a page of blocks of ``words`` words, the model giving
    body to the blocks ``body`` marks."""
    blocks = [Block(" ".join(["word"] * n) + ".", 0, 0) for n in words]
    proba = np.array([[0.1, 0.9, 0.0, 0.0] if b else [0.9, 0.1, 0.0, 0.0] for b in body])
    row = page_type_features(blocks, block_features(blocks, "en"), np.full(7, 1 / 7), proba)
    return {name: float(row[0, i]) for i, name in enumerate(PAGE_FEATURE_NAMES)
            if name.startswith("body_")}


def test_the_body_summary_tells_one_long_run_from_many_short_ones() -> None:
    # an article: menu, then one run of paragraphs; a listing: items between furniture
    article = body_summary([0, 0, 1, 1, 1, 1, 0], [2, 3, 40, 60, 50, 30, 5])
    listing = body_summary([0, 1, 0, 1, 0, 1, 0, 1, 0], [2, 12, 3, 15, 3, 10, 3, 14, 5])
    assert article["body_log_runs"] == pytest.approx(np.log1p(1))
    assert listing["body_log_runs"] == pytest.approx(np.log1p(4))
    assert article["body_longest_run_share"] == pytest.approx(1.0)
    assert listing["body_longest_run_share"] == pytest.approx(15 / 51)
    assert article["body_start"] == pytest.approx(2 / 7)
    assert article["body_prose_share"] == 1.0 and listing["body_prose_share"] == 0.0
    nothing = body_summary([0, 0], [5, 5])
    assert nothing["body_log_blocks"] == 0.0 and nothing["body_start"] == 1.0


def test_every_document_has_a_page_type() -> None:
    doc = cleaner.clean(PRODUCT)
    assert doc.metadata["page_type"] in PAGE_TYPES
    assert 0.0 <= doc.metadata["page_type_probability"] <= 1.0
    assert "page_type" not in cleaner.clean("").metadata


#: A whole product page, as a renderer gives it: the shop's menus, the product, its
#: description, reviews, teasers and footer.
SHOP_PAGE = "\n".join([
    "Skip to content",
    "Free shipping on orders over $50 | 30-day returns",
    "Men | Women | Kids | Sale | Stores",
    "Search",
    "Account",
    "Cart (0)",
    "Home / Men / Running Shoes / Trail Runner 3 Waterproof",
    "Trail Runner 3 Waterproof Shoe",
    "$129.99",
    "4.6 out of 5 stars (212 reviews)",
    "Color: Slate Blue",
    "Size",
    "7",
    "8",
    "9",
    "10",
    "11",
    "12",
    "In stock",
    "Add to cart",
    "Add to wishlist",
    "Size guide",
    "Product details",
    ("Built for wet trails and long days, the Trail Runner 3 Waterproof keeps your "
     "feet dry with a breathable membrane while the grippy outsole bites into mud, "
     "rock and roots."),
    ("The recycled mesh upper is light and quick to dry, and a cushioned midsole "
     "with an 8 mm drop takes the sting out of long descents."),
    "Waterproof membrane",
    "Recycled mesh upper",
    "8 mm drop",
    "Weight: 310 g (size 9)",
    "SKU: TR3-WP-42",
    "Shipping & returns",
    "Free standard shipping on orders over $50. Free returns within 30 days.",
    "Customer reviews",
    "4.6 out of 5",
    "Great grip on wet rock. Ran a muddy 20k and my feet stayed dry.",
    "Sarah K. - Verified buyer",
    "Runs half a size small, order up.",
    "Mike T. - Verified buyer",
    "You may also like",
    "Trail Runner 3 - $119.99",
    "Ridge Hiker Mid - $149.99",
    "Sign up for our newsletter and get 10% off your first order",
    "Privacy policy | Terms of use | © 2025 Trailhead Outfitters",
]) + "\n"


def test_the_page_type_s_probabilities_name_it_and_reach_the_title_model() -> None:
    from cleaner.classify import (
        load_title_model,
        predict_page,
        reads_page_types,
        with_page_types,
    )
    from cleaner.features import (
        TITLE_CANDIDATE_FEATURE_NAMES,
        TITLE_PAGE_TYPE_FEATURE_NAMES,
        title_candidate_features,
    )
    from cleaner.page_type import likeliest_type, page_type_proba

    blocks = normalize_blocks(segment_text(SHOP_PAGE), Config())
    prediction = predict_page(blocks, Config())
    proba = page_type_proba(blocks, prediction.features, prediction.proba)
    assert proba.shape == (len(PAGE_TYPES),) and proba.sum() == pytest.approx(1.0, abs=1e-5)
    assert likeliest_type(proba) == ("product", pytest.approx(float(proba.max())))
    assert page_type_proba([], prediction.features[:0], prediction.proba[:0]) is None
    assert likeliest_type(None) is None
    # a title model trained with them reads them in PAGE_TYPES' order, after its columns
    assert TITLE_PAGE_TYPE_FEATURE_NAMES == tuple(f"type_{kind}" for kind in PAGE_TYPES)
    rows = title_candidate_features(blocks, prediction.proba, prediction.proba[:, 1], [7, 6],
                                    0.5)
    given = with_page_types(rows, proba)
    assert np.array_equal(given[:, :rows.shape[1]], rows)
    assert np.allclose(given[:, rows.shape[1]:], np.tile(proba, (2, 1)))
    assert not with_page_types(rows, None)[:, rows.shape[1]:].any()
    # the packaged title model reads none; one that lists them is given them
    assert not reads_page_types(load_title_model())
    names = (*TITLE_CANDIDATE_FEATURE_NAMES, *TITLE_PAGE_TYPE_FEATURE_NAMES)
    assert reads_page_types(replace(load_title_model(), feature_names=names))


def test_a_shop_page_is_a_product_page() -> None:
    # The whole page, not PRODUCT's eleven lines: since the page type reads what the block
    # model makes of the page (session 31), that stub, one body line, reads as a collection.
    assert cleaner.clean(SHOP_PAGE).metadata["page_type"] == "product"


def test_page_type_model_path_reads_the_trees_and_the_words_beside_them(tmp_path) -> None:
    """``Config.page_type_model_path`` (the out-of-fold benchmark's fold models) is the
    model used: the packaged pair copied elsewhere gives the same answer, a path with no
    word weights beside it is an error, not a silent fall back to the packaged model."""
    import shutil
    from importlib import resources

    data = resources.files("cleaner").joinpath("data")
    trees = tmp_path / "fold-page-type.npz"
    with data.joinpath("page_type.npz").open("rb") as src, trees.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    lone = tmp_path / "lone.npz"
    shutil.copy(trees, lone)
    with pytest.raises(FileNotFoundError):
        cleaner.clean(PRODUCT, Config(page_type_model_path=str(lone)))
    with (data.joinpath("page_type_words.npz").open("rb") as src,
          page_type_words_path(trees).open("wb") as dst):
        shutil.copyfileobj(src, dst)
    doc = cleaner.clean(SHOP_PAGE, Config(page_type_model_path=str(trees)))
    default = cleaner.clean(SHOP_PAGE)
    assert doc.metadata["page_type"] == default.metadata["page_type"] == "product"
    assert doc.metadata["page_type_probability"] == default.metadata["page_type_probability"]


@pytest.mark.skipif(not EXAMPLE.exists(), reason="needs ../shared/examples (the example page)")
def test_the_example_news_page_is_an_article() -> None:
    assert cleaner.clean(EXAMPLE.read_bytes()).metadata["page_type"] == "article"


@pytest.mark.parametrize("text", [
    "SKU: TR3", "\u017fku", "ADD TO CART", "add to wishlist", "\u0130n stock", "contact u\u017f",
    "KONTA\u212aT", "Book an appointment", "+1 (555) 123-4567", "\u0663\u0664\u0665 days ago",
    "4.5 out of 5", "\u2605\u2605\u2605", "f()", "<div>", "import os", "plain text only", "",
    "$5", "5 \u20ac", "3 hours ago", "vor 3 Tagen", "x = {", "a :: b",
])
def test_cue_counts_are_those_of_the_regexes(text: str) -> None:
    blocks = [Block(text, 0, len(text))]
    has_digit = np.array([any(map(str.isdigit, text))])
    expected = [int(pattern.search(text) is not None) for pattern in _CUES.values()]
    assert cue_counts(blocks, has_digit) == expected


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("https://www.ebay.com/itm/404928375058",
         ["p:itm", "depth:2", "first:itm", "last:number"]),
        ("HTTPS://Shop.Example.com/collections/mens-socks?page=2#grid",
         ["p:collections", "p:mens", "p:socks", "q:page", "depth:2", "first:collections",
          "last:words"]),
        ("https://forum.example.org/", ["depth:0", "root"]),
        ("www.example.com/docs/v2/intro", ["p:docs", "p:v2", "p:intro", "depth:3",
                                           "first:docs", "last:words"]),
        ("/t/whats-your-range/3275", ["p:t", "p:whats", "p:your", "p:range", "depth:3",
                                      "first:t", "last:number"]),
        ("not a url", []),
        ("", []),
    ],
)
def test_url_words(url: str, words: list[str]) -> None:
    assert url_words(url) == words


def test_url_bag_is_a_unit_vector_and_blank_without_words() -> None:
    bag = url_bag("https://shop.example.com/products/trail-runner-3")
    assert float(bag @ bag) == pytest.approx(1.0)
    assert not url_bag("not a url").any()
    assert page_type_url_path(Path("fold-0-of-3-page-type.npz")).name == \
        "fold-0-of-3-page-type_url.npz"


def test_the_url_names_the_page_type_where_the_text_is_unsure() -> None:
    # A page of two plain sentences reads as an article; under a shop's product URL the
    # model for pages with a URL calls it a product, and a URL it cannot read changes
    # nothing.
    text = ("Trail Runner 3\nA light shoe for long days on rough ground, with a grippy "
            "sole.\nIt comes in four colours and every size from 36 to 47.\n")
    plain = cleaner.clean(text)
    shop = cleaner.clean(text, url="https://shop.example.com/products/trail-runner-3")
    assert plain.metadata["page_type"] == "article"
    assert shop.metadata["page_type"] == "product"
    assert shop.metadata["source_url"] == "https://shop.example.com/products/trail-runner-3"
    unread = cleaner.clean(text, url="not a url")
    assert unread.metadata["page_type"] == "article"
    assert unread.metadata["page_type_probability"] == plain.metadata["page_type_probability"]
