"""Plain wiki links, found before wikitextparser reads the page and hidden from it.

wikitextparser finds links with a reverse regex pass, then parses each link's inside again: about a
third of its time on a battle page goes to the 200 or so plain links (`[[Target]]`,
`[[Target|text]]`) that hold no markup at all. Those are found here in one forward pass instead,
and blanked to spaces in the text wikitextparser reads (same length, so every other span stays put).

A link is taken only where wikitextparser would give it the same span and where its bytes cannot
change how the markup around it reads:
- a target with no `:` (so never an external link's scheme, a file or a category) and no markup or
  control character, an optional text after one pipe with none either;
- not inside a comment or an unparsed extension tag (`<nowiki>`, `<pre>`, `<math>`...), where
  wikitextparser finds nothing; not inside an HTML tag (its attributes are not markup);
- outside every `{{` and `[[` still open: a template name cannot hold a link, but a name followed by
  the blanked spaces would read as one (`{{name [[x]]}}`);
- with neither `[`, `>` nor a NUL just before it (a run of brackets, or a comment, which
  wikitextparser turns into NULs that its bracket counting reads through) nor `]` or `<` after it.
tests/test_wikitext_links.py checks on generated markup that the spans are exactly wikitextparser's.
"""

from __future__ import annotations

import re

UNPARSED_TAGS: frozenset[str] = frozenset(
    {
        "ce", "charinsert", "chem", "graph", "hiero", "languages", "mapframe", "maplink", "math",
        "nowiki", "pagelist", "pagequality", "pages", "pre", "score", "source", "syntaxhighlight",
        "templatedata", "templatestyles", "timeline",
    }
)  # fmt: skip
"""Extension tags whose content wikitextparser leaves unparsed (its `_unparsable_tag_extensions`,
which a test checks this holds)."""

_PLAIN = r"[^\[\]{}|<>\x00-\x1f\x7f"
_TAG = re.compile(r"<(?:!--|(/?)([A-Za-z][A-Za-z0-9]*))")
"""A comment's or a tag's opening."""
_RUNS = (
    re.compile(r"\{\{+"),
    re.compile(r"\}\}+"),
    re.compile(rf"\[\[(?:{_PLAIN}:]+(?:\|{_PLAIN}]*)?\]\]|\[*)"),  # a plain link, or a run of brackets
    re.compile(r"\]\]+"),
)
"""One pattern per bracket, each opening with its literal (found by a fast search, where one
alternation would test every character of the page)."""


def hide_plain_links(text: str) -> tuple[str, list[tuple[int, int]]]:
    """`text` with its plain links blanked to spaces, and their spans (in order)."""
    tags = {m.start(): m for m in _TAG.finditer(text)}
    tokens = [m.span() for rx in _RUNS for m in rx.finditer(text)]
    tokens.extend(m.span() for m in tags.values())
    tokens.sort()
    found: list[tuple[int, int]] = []
    curly = square = 0
    pos, n = 0, len(text)
    for s, e in tokens:
        if s < pos:  # inside a comment, a tag or a link already read
            if e - pos < 2 or text[s] != "]":
                continue
            s = pos  # the part of a run of "]" past a link's end: a run of its own
        tok = text[s]
        pos = e
        if tok == "<":
            pos = _skip_tag(text, tags[s], n)
        elif tok == "{":
            curly += e - s
        elif tok == "}":
            curly = max(0, curly - (e - s))
        elif tok == "[" and text[e - 1] == "]":  # a plain link
            if (
                curly == 0
                and square == 0
                and (s == 0 or text[s - 1] not in "[>\x00")
                and (e == n or text[e] not in "]<")
            ):
                found.append((s, e))
        elif tok == "[":
            square += e - s
        else:
            square = max(0, square - (e - s))
    if not found:
        return text, found
    parts: list[str] = []
    last = 0
    for s, e in found:
        parts.append(text[last:s])
        parts.append(" " * (e - s))
        last = e
    parts.append(text[last:])
    return "".join(parts), found


def _skip_tag(text: str, m: re.Match[str], n: int) -> int:
    """Where scanning resumes after the comment or tag that `m` opens: the comment's end, an
    unparsed tag's closing tag, or the tag's `>` (everything up to there is no place for a link).
    Without an end, the rest of the text."""
    s = m.start()
    if m.group(2) is None:  # a comment
        end = text.find("-->", s + 4)
        return n if end < 0 else end + 3
    gt = text.find(">", m.end())
    if gt < 0:
        return n
    name = m.group(2).lower()
    if m.group(1) or name not in UNPARSED_TAGS or text[gt - 1] == "/":
        return gt + 1
    close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(text, gt + 1)
    return n if close is None else close.end()
