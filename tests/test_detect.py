"""Format detection from the page's own markup, on real inputs and on text that merely contains < or {{."""

from __future__ import annotations

import pytest

from conflictparse import parse
from conflictparse.detect import detect_format
from tests.golden import fixtures, meta
from tests.paths import CORPUS

EXPECTED = {
    "input.txt": {"text", "article"},
    "input.md": {"markdown"},
    "input.html": {"html"},
    "input.wiki": {"wikitext"},
}


@pytest.mark.parametrize("fixture", fixtures(), ids=[f.name for f in fixtures()])
def test_fixture_formats_are_detected(fixture: object) -> None:
    m = meta(fixture)  # type: ignore[arg-type]
    name = str(m["input"])
    text = (fixture / name).read_text(encoding="utf-8")  # type: ignore[operator]
    assert parse(text).source.format in EXPECTED[name]


def test_every_corpus_wikitext_page_is_wikitext() -> None:
    pages = sorted((CORPUS / "wikitext").glob("*.wiki"))
    if not pages:
        pytest.skip("shared/corpus is not beside the checkout")
    for p in pages:
        assert detect_format(p.read_text(encoding="utf-8")) == "wikitext", p.name


@pytest.mark.parametrize(
    "text",
    [
        "Battle of X\nDate\t1 May 1900\nResult\tA victory (casualties < 100)\nStrength\n<5,000\t>3,000\n",
        "Operation Y\nThe {{citation needed}} template was copied with the page text.\nDate 5 May 1945\n",
        "Notes on tags: a <br> in a quote is text here, as is <ref> in a sentence about wikitext markup.\n",
        "Result\n • a < b and b > c, so {{ and }} are just characters in this copy.\n",
    ],
)
def test_text_with_stray_markup_stays_text(text: str) -> None:
    assert detect_format(text) == "text"


def test_html_fragment_and_redirect() -> None:
    assert (
        detect_format(
            '<table class="infobox"><tr><th>Belligerents</th></tr><tr><td>A</td><td>B</td></tr></table>'
        )
        == "html"
    )
    assert detect_format("#REDIRECT [[Battle of the Nile]]") == "wikitext"


def test_high_first_range_is_swapped_and_warned() -> None:
    r = parse(
        "Battle of X\nDate\t1 May 1900\nBelligerents\nA\tB\n"
        "Casualties and losses\n3,000–2,000 killed\t5 killed\n",
        "text",
    )
    (fig,) = r.sides[0].casualties[0].figures
    assert (fig.low, fig.high) == (2000, 3000)
    assert [w.code for w in r.warnings] == ["low-above-high"]


def test_markdown_copies_are_markdown_and_text_copies_are_not() -> None:
    texts = sorted((CORPUS / "text").glob("*"))
    if not texts:
        pytest.skip("shared/corpus is not beside the checkout")
    for p in texts:
        want = "markdown" if p.suffix == ".md" else "text"
        assert detect_format(p.read_text(encoding="utf-8")) == want, p.name
