"""Property tests: for any text, parse never raises, the record validates, spans slice the input,
and the output is deterministic. Strategies build plausible infobox pages as well as noise."""

from __future__ import annotations

import json

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictparse import InputError, parse
from conflictparse.schema import record_schema, to_json
from tests.fuzz.common import spanned

VALIDATOR = jsonschema.Draft202012Validator(record_schema())

LABELS = [
    "Date",
    "Location",
    "Result",
    "Part of",
    "Belligerents",
    "Commanders and leaders",
    "Units involved",
    "Strength",
    "Casualties and losses",
    "Territorial changes",
    "References[edit]",
    "See also[]",
]
PIECES = [
    "5 October 2014 – 21 April 2016",
    "Egypt Egypt",
    "1,100 fighters[6]",
    "Over 1,100 fighters[10]",
    "83+ fighters",
    "13 killed and",
    "48 wounded",
    "(Battle against LNA)[14]",
    "Sofian Qumu\u00a0(POW)",
    "Brig. Gen.",
    "\t",
    "  • ",
    "†",
    "[citation needed]",
    "^ a b",
    "6. 6.0 6.1",
    "(6 years, 11 months)",
    "3 civilians executed",
    "SCMD: 8 killed",
    "? \t?",
    "In March 2015, the army began a siege.[42]",
    "[",
    "]",
    "(",
    ")",
    "{{",
    "<td>",
    "٣٬٠٠٠",
    "أكتوبر",
    "\u00a0",
    "\r\n",
]

page_line = st.one_of(
    st.sampled_from(LABELS),
    st.sampled_from(PIECES),
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map(" ".join),
    st.text(max_size=40),
)
pages = st.lists(page_line, min_size=1, max_size=40).map("\n".join)


def check(text: str, fmt: str | None = "text") -> None:
    try:
        record = parse(text, fmt)
    except InputError:
        return
    data = json.loads(to_json(record))
    VALIDATOR.validate(data)
    assert to_json(parse(text, fmt)) == to_json(record)
    decoded = text.lstrip("\ufeff")
    import unicodedata

    decoded = unicodedata.normalize("NFC", decoded)
    for item in (n for n in spanned(data) if isinstance(n.get("raw"), str)):
        piece = decoded[item["span"]["start"] : item["span"]["end"]]
        assert item["raw"].strip() in piece, (item["raw"], piece)
    for side in data["sides"]:
        for fig in side["strength"]:
            if fig["low"] is not None and fig["high"] is not None:
                assert fig["low"] <= fig["high"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages)
def test_plausible_pages(text: str) -> None:
    check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    check(text)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_random_text_auto_format(text: str) -> None:
    check(text, None)


MARKDOWN_PIECES = [
    "# Battle of Tilpat (1669)",
    "From Wikipedia, the free encyclopedia",
    "Battle of Tilpat  ",
    "---  ",
    "Part of The Jat Rebellion (1667–1723)  ",
    "| Date| 12 May 1669  ",
    "---|---  ",
    "Location| Tilpat  ",
    "Belligerents  ",
    "Mughal forces|  Jat chiefs of Tilpat  ",
    "| ",
    "Strength  ",
    "Unknown|  20,000  ",
    "4,000 killed|  5,000 killed  ",
    "The **Battle of Tilpat** was fought on 12 May 1669.[2][3]",
    "## Background",
    "[edit]",
    "## References",
    "  1. **^** Prasad, Ishvari (1974). _Mughal empire_. p. 585.",
    "  2. ^ _**a**_ _**b**_ Pande, Ram (1970). _Bharatpur_.",
    "  * item",
    "\\.",
    "**",
    "_",
    'Retrieved from "https://en.wikipedia.org/w/index.php?title=X"',
]
markdown_pages = st.lists(
    st.one_of(st.sampled_from(MARKDOWN_PIECES), st.sampled_from(PIECES), st.text(max_size=30)),
    min_size=1,
    max_size=40,
).map("\n".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_pages)
def test_plausible_markdown_pages(text: str) -> None:
    """Markdown copies: spans cover the markup the text lost, so they are checked for bounds only."""
    try:
        record = parse(text, "markdown")
    except InputError:
        return
    data = json.loads(to_json(record))
    VALIDATOR.validate(data)
    assert to_json(parse(text, "markdown")) == to_json(record)
    import unicodedata

    size = len(unicodedata.normalize("NFC", text.lstrip("\ufeff")))  # spans point into the decoded text
    for item in spanned(data):
        assert 0 <= item["span"]["start"] <= item["span"]["end"] <= size
