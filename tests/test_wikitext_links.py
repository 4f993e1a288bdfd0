"""Plain links found before wikitextparser (readers/wikitext_links.py): the spans it takes are the
ones wikitextparser gives, and blanking them changes no other span."""

from __future__ import annotations

import wikitextparser as wtp
import wikitextparser._config as wtp_config
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictparse.readers.wikitext_links import UNPARSED_TAGS, hide_plain_links

Spans = dict[str, list[tuple[int, int]]]


def _spans(text: str) -> Spans:
    table = wtp.parse(text)._type_to_spans
    return {str(kind): sorted((s.start, s.end) for s in spans) for kind, spans in table.items()}


def _spans_with_hiding(text: str) -> Spans:
    hidden, found = hide_plain_links(text)
    assert len(hidden) == len(text)
    spans = _spans(hidden)
    spans["WikiLink"] = sorted(spans.get("WikiLink", []) + found)
    return spans


def _taken(text: str) -> list[str]:
    return [text[s:e] for s, e in hide_plain_links(text)[1]]


def test_prose_links_are_taken_with_wikitextparsers_spans() -> None:
    # Battle of Bosworth Field (corpus wikitext), lead
    text = (
        "The '''Battle of Bosworth''' or '''Bosworth Field''' was the last significant battle of the "
        "[[Wars of the Roses]], the civil war between the [[House of Lancaster|Houses of Lancaster]] "
        "and [[House of York|York]] that extended across England in the latter half of the "
        "[[England in the Middle Ages|15th century]]."
    )
    assert _taken(text) == [
        "[[Wars of the Roses]]",
        "[[House of Lancaster|Houses of Lancaster]]",
        "[[House of York|York]]",
        "[[England in the Middle Ages|15th century]]",
    ]
    assert _spans_with_hiding(text) == _spans(text)
    hidden, _ = hide_plain_links(text)
    assert "[[" not in hidden and hidden.startswith("The '''Battle of Bosworth'''")


def test_links_whose_bytes_matter_are_left_to_wikitextparser() -> None:
    text = (
        "{{Infobox military conflict|commander1=[[Henry VII of England|Henry Tudor]]}} "  # inside a template
        "[[File:Bosworth.jpg|thumb|[[Richard III]] falls]] "  # a file, and a link inside another
        "<!-- not [[John Morton (archbishop)|John Morton]] --> "  # a comment (Bosworth Field)
        "<nowiki>[[a]]</nowiki> <span title=\"[[b]]\">c</span> [[[d]]] [[e]]] [[f|g|h]] [[:fr:x]]"
    )
    assert _taken(text) == []
    assert _spans_with_hiding(text) == _spans(text)


def test_a_bracket_before_a_comment_or_nul_still_counts() -> None:
    # wikitextparser reads a comment as NULs, and counts brackets through them: "[" + "[[a]]" is no link
    for text in ("[<!---->[[a]]", "x[<!-- c -->[[a]] y", "[\x00[[a]]"):
        assert _taken(text) == []
        assert _spans(text)["WikiLink"] == []


def test_a_link_inside_a_reference_is_taken() -> None:
    text = "Stanley's men charged.<ref>See [[Thomas Stanley, 1st Earl of Derby|Lord Stanley]].</ref>"
    assert _taken(text) == ["[[Thomas Stanley, 1st Earl of Derby|Lord Stanley]]"]
    assert _spans_with_hiding(text) == _spans(text)


def test_unparsed_tags_cover_wikitextparsers() -> None:
    assert set(wtp_config._unparsable_tag_extensions) <= UNPARSED_TAGS


_FRAGMENTS = [
    "[[", "]]", "[", "]", "{{", "}}", "{", "}", "{{{", "}}}", "|", "=", ":", "'", "''", ">", "<", " ",
    "\n", "\t", "\x00", "é", "a", "b", "#if:", "File:", "http://", "[http://x y]", "&amp;",
    "[[a]]", "[[b|c]]", "[[ ]]", "[[a", "b]]", "[[x|", "y]]", "[[[", "]]]",
    "<!--", "-->", "<!-- [[a]] -->", "<nowiki>", "</nowiki>", "<NOWIKI >", "</nowiki >", "<math>",
    "</math>", "<pre>", "</pre>", "<ref>", "</ref>", "<ref name=x/>", "<ref>[[a]]</ref>", "<gallery>",
    "</gallery>", '<span title="', '">', "</span>", "<br/>", "{{x|[[a]]}}", "{{a [[b]]}}",
    "[[File:x|[[a]]]]",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=30))
def test_hiding_changes_no_span(parts: list[str]) -> None:
    text = "".join(parts)
    assert _spans_with_hiding(text) == _spans(text)
