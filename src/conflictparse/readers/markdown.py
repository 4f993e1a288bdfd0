"""Markdown conversions of rendered wiki pages, read by rewriting them into the text reader's shape.

A crawler's HTML-to-markdown conversion of a Wikipedia page is a third kind of browser-copied
text: site menus and a "Contents" list above the page's site line ("From Wikipedia, the free
encyclopedia"), the title as `# Title`, the infobox as a pipe table (`Date| 12 May 1669  `,
header rows alone on a line, `| ` alone between the two cells of a multi-line row, list items
as `  * `), prose with `**bold**`, `_italic_` and `\\.` escapes, headings `## Background`
followed by a line `[edit]`, and a numbered reference list `  2. ^ _**a**_ _**b**_ Pande ...`.

`convert` rewrites the page into the shape of an innerText copy (the title line, the site line,
TAB between infobox columns, `Background[edit]`, `2. ^ a b Pande ...`, no emphasis, no menus),
keeping for every character of the rewrite the input offset it came from. The text reader (or
the article reader) reads the rewrite; `Converted.restore` then points every Seg of its
Document back into the input: a Seg whose text is the input slice stays exact, one whose text
lost markup (emphasis, a `|` that became a TAB) keeps the whole input span with exact=False.
Format knowledge only: the words (site line, heading suffixes, infobox labels, section names)
come from the language table.
"""

from __future__ import annotations

import unicodedata
from array import array
from dataclasses import dataclass, field

from ..document import Document, Seg
from ..lang.base import LangTable
from ..models import Span
from .text import is_prose, is_sentence, split_lines

Piece = tuple[int, int, str | None]
"""(start, end, None): the input slice start:end; (anchor, anchor, text): text put in, mapped to anchor."""

_SP = " \t"
_RULE_CHARS = frozenset("-*_:|")
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_CLOSE_GAP = frozenset(",.;:!?)]")
"""Punctuation that a converter parts from a closing emphasis by a space (`**Total** :`)."""
_PROSE_ENDS = (".", "!", "?", ":", ";", ",", '"', "”", "’", "'", "»", "…", "؟")
_CAPTION_MAX = 200
_MAX_RUN = 3
"""A longer run of `*` or `_` is text (a rule, a blank to fill in), not emphasis."""
_HEADING_MAX = 200
_TOP_LINES = 5000


@dataclass
class Converted:
    """The rewrite of a markdown page, and where each of its characters came from."""

    text: str
    source: str
    offsets: array[int] = field(repr=False)
    quotes: tuple[str, ...] = ()
    """Opening quote marks of the language: a citation with a quoted title keeps it."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The input span of the rewrite's start:end."""
        n = len(self.offsets)
        if n == 0:
            return 0, 0
        if end <= start:
            pos = self.offsets[start] if start < n else len(self.source)
            return pos, pos
        a = self.offsets[min(start, n - 1)]
        b = min(len(self.source), self.offsets[min(end, n) - 1] + 1)
        return a, max(a, b)

    def seg(self, seg: Seg) -> Seg:
        """A Seg of the rewrite as a Seg of the input: exact where its text is the input slice, else
        spanning the markdown it came from, emphasis markers at its ends included."""
        if seg.start is None or seg.end is None:
            return Seg(seg.text, None, None, False)
        a, b = self.span(seg.start, seg.end)
        if self.source[a:b] == seg.text:
            return Seg(seg.text, a, b, True)
        while a > 0 and self.source[a - 1] in "*_":  # the emphasis the text lost stays in its span
            a -= 1
        while b < len(self.source) and self.source[b] in "*_":
            b += 1
        return Seg(seg.text, a, b, False)

    def restore(self, doc: Document) -> Document:
        """Point a Document read from the rewrite back into the input (in place)."""
        doc.text = self.source
        if doc.title is not None:
            doc.title = self.seg(doc.title)
        if doc.publication_date is not None:
            doc.publication_date = self.seg(doc.publication_date)
        for fld in (doc.infobox or {}).values():
            if fld.label is not None:
                fld.label = self.seg(fld.label)
            for cell in fld.cells:
                cell.lines = [self.seg(s) for s in cell.lines]
        for section in doc.sections:
            section.paragraphs = [self.seg(s) for s in section.paragraphs]
            if section.heading_seg is not None:
                section.heading_seg = self.seg(section.heading_seg)
        for ref in doc.references:
            ref.seg = self.seg(ref.seg)
            if ref.fields is None and ref.kind in ("citation", "bibliography"):
                ref.fields = self._italic_title(ref.seg)
        for n, warning in enumerate(doc.warnings):
            if warning.span is not None:
                a, b = self.span(warning.span.start, warning.span.end)
                doc.warnings[n] = warning.model_copy(update={"span": Span(start=a, end=b)})
        return doc

    def _italic_title(self, seg: Seg) -> dict[str, str] | None:
        """A citation's title where the page set it in italics (a book, a report) and quoted none
        before it, as the HTML reader takes a `cite`'s `<i>`."""
        if seg.start is None or seg.end is None:
            return None
        start, end = seg.start, seg.end
        for a, b in italic_spans(self.source, start, end):
            if any(q in self.source[start:a] for q in self.quotes):
                return None
            title = _text(self.source, inline_pieces(self.source, a, b)).strip()
            return {"title": title} if title else None
        return None


def read(text: str, lang: LangTable) -> Document:
    """Read a markdown page: the text reader on its rewrite (the article reader where the rewrite has
    no infobox and reads as an article), every span pointing into `text`."""
    from . import article
    from . import text as text_reader

    conv = convert(text, lang)
    doc = text_reader.read(conv.text, lang)
    if doc.infobox is None and article.looks_like_article(conv.text):
        doc = article.read(conv.text, lang)
    elif doc.format == "text":
        doc.format = "markdown"  # spans cover the markup the text lost, as in the rendered formats
    return conv.restore(doc)


def convert(text: str, lang: LangTable) -> Converted:
    """Rewrite a markdown page into the text reader's shape (see the module doc)."""
    return _Converter(text, lang).run()


# --- inline markup ---------------------------------------------------------------------------


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def inline_pieces(src: str, start: int, end: int) -> list[Piece]:
    """src[start:end] without emphasis markers and backslash escapes, as input slices."""
    cut, _ = _emphasis(src, start, end)
    pieces: list[Piece] = []
    pos = start
    for a, b in cut:
        if a > pos:
            pieces.append((pos, a, None))
        pos = max(pos, b)
    if pos < end:
        pieces.append((pos, end, None))
    return pieces


def italic_spans(src: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of the text inside each single `_`/`*` emphasis of src[start:end], in order."""
    _, pairs = _emphasis(src, start, end)
    return sorted((a, b) for width, a, b in pairs if width == 1)


def _emphasis(src: str, start: int, end: int) -> tuple[list[tuple[int, int]], list[tuple[int, int, int]]]:
    """The ranges to cut (markers, escapes) and the emphasis pairs (marker width, inner start, end).

    Delimiter runs of `*` or `_` pair as CommonMark's flanking rules say (an `_` inside a word is
    a letter), a closer with the nearest open run of the same character and width; unpaired
    runs, and runs opened inside a pair, stay text. One pass with a stack per character and
    width: linear in the length of the line.
    """
    cut: list[tuple[int, int]] = []
    pairs: list[tuple[int, int, int]] = []
    stacks: dict[tuple[str, int], list[tuple[int, int]]] = {}
    """Open runs by character and width: a closer looks at one stack, so the pass stays linear."""
    i = start
    while i < end:
        ch = src[i]
        if ch == "\\" and i + 1 < end and src[i + 1] in _ESCAPABLE:
            cut.append((i, i + 1))
            i += 2
            continue
        if ch not in "*_":
            i += 1
            continue
        j = i
        while j < end and src[j] == ch:
            j += 1
        if j - i > _MAX_RUN:
            i = j
            continue
        prev = src[i - 1] if i > start else " "
        nxt = src[j] if j < end else " "
        left = not nxt.isspace() and (not _is_punct(nxt) or prev.isspace() or _is_punct(prev))
        right = not prev.isspace() and (not _is_punct(prev) or nxt.isspace() or _is_punct(nxt))
        if ch == "_":
            can_open = left and (not right or _is_punct(prev))
            can_close = right and (not left or _is_punct(nxt))
        else:
            can_open, can_close = left, right
        stack = stacks.setdefault((ch, j - i), [])
        if can_close and stack:
            a, b = stack.pop()
            for other in stacks.values():  # runs opened inside the pair stay text
                while other and other[-1][0] > a:
                    other.pop()
            cut.append((a, b))
            cut.append((i, j))
            pairs.append((j - i, b, i))
            if j + 1 < end and src[j] == " " and src[j + 1] in _CLOSE_GAP:
                cut.append((j, j + 1))
        elif can_open:
            stack.append((i, j))
        i = j
    cut.sort()
    return cut, pairs


# --- line shapes -----------------------------------------------------------------------------


def _bounds(src: str, line: Seg) -> tuple[int, int]:
    """The line's start and end without surrounding spaces (markdown's hard breaks are spaces)."""
    assert line.start is not None and line.end is not None
    a, b = line.start, line.end
    while a < b and src[a] in _SP:
        a += 1
    while b > a and src[b - 1] in _SP:
        b -= 1
    return a, b


def _is_rule(text: str) -> bool:
    """`---`, `---|---`, `* * *`: a table's header separator or a thematic break."""
    marks = [c for c in text if c not in _SP]
    return len(marks) >= 3 and all(c in _RULE_CHARS for c in marks) and any(c in "-*_" for c in marks)


def _heading(src: str, a: int, b: int) -> tuple[int, int, int] | None:
    """(level, start, end) of an ATX heading's text."""
    level = 0
    while a + level < b and src[a + level] == "#":
        level += 1
    if not 1 <= level <= 6 or a + level >= b or src[a + level] not in _SP:
        return None
    s, e = a + level, b
    while s < e and src[s] in _SP:
        s += 1
    t = e
    while t > s and src[t - 1] == "#":
        t -= 1
    if t < e and (t == s or src[t - 1] in _SP):
        e = t
    while e > s and src[e - 1] in _SP:
        e -= 1
    return (level, s, e) if e > s and e - s <= _HEADING_MAX else None


def _block_start(src: str, a: int, b: int) -> tuple[int, bool]:
    """Where a line's text starts after blockquote marks and a list bullet; whether it had a bullet."""
    pos = a
    while pos < b and src[pos] == ">":
        pos += 1
        while pos < b and src[pos] in _SP:
            pos += 1
    if pos + 1 < b and src[pos] in "*+-" and src[pos + 1] in _SP:
        pos += 2
        while pos < b and src[pos] in _SP:
            pos += 1
        return pos, True
    return pos, False


def _text(src: str, pieces: list[Piece]) -> str:
    return "".join(src[a:b] if t is None else t for a, b, t in pieces)


# --- the rewrite -----------------------------------------------------------------------------


class _Converter:
    def __init__(self, text: str, lang: LangTable) -> None:
        self.src = text
        self.lang = lang
        self.lines = split_lines(text)
        self.labels = {k.lower() for k in lang.labels}
        self.kinds = {k.lower(): v for k, v in lang.section_kinds.items()}
        self.suffixes = tuple(s for s in lang.heading_suffixes if s)
        self.parts: list[str] = []
        self.offsets: array[int] = array("q")

    # output
    def _emit(self, pieces: list[Piece], eol: int) -> None:
        for a, b, t in pieces:
            if t is None:
                self.parts.append(self.src[a:b])
                self.offsets.extend(range(a, b))
            else:
                self.parts.append(t)
                self.offsets.extend([self._anchor(a)] * len(t))
        self.parts.append("\n")
        self.offsets.append(self._anchor(eol))

    def _anchor(self, pos: int) -> int:
        return max(0, min(pos, len(self.src) - 1))

    def run(self) -> Converted:
        site = self._site_line()
        title = self._title_line(site)
        if title is not None:
            _, a, b = title
            self._emit(inline_pieces(self.src, a, b), b)
        start = site if site is not None else (title[0] + 1 if title is not None else 0)
        i = self._infobox(start)
        self._prose(i)
        quotes = tuple(o for o, _ in self.lang.quote_pairs if o)
        return Converted("".join(self.parts), self.src, self.offsets, quotes)

    def _site_line(self) -> int | None:
        sites = {k.lower() for k in self.lang.sites}
        for n, line in enumerate(self.lines[:_TOP_LINES]):
            if line.text.strip(_SP).lower() in sites:
                return n
        return None

    def _title_line(self, site: int | None) -> tuple[int, int, int] | None:
        """(line, start, end) of the page title: the last `# ` heading above the site line, else the
        first one that is not an address."""
        found: tuple[int, int, int] | None = None
        stop = site if site is not None else min(len(self.lines), _TOP_LINES)
        for n in range(stop):
            a, b = _bounds(self.src, self.lines[n])
            h = _heading(self.src, a, b)
            if h is None or h[0] != 1 or "://" in self.src[h[1] : h[2]]:
                continue
            found = (n, h[1], h[2])
            if site is None:
                break
        return found

    def _label(self, text: str) -> bool:
        return text.strip(_SP).rstrip(":").lower() in self.labels

    # infobox: the lines from the site line to the first heading or prose after a label
    def _infobox(self, start: int) -> int:
        src, lines = self.src, self.lines
        out: list[tuple[list[Piece], int]] = []
        tab: int | None = None
        seen_label = False
        i = start
        while i < len(lines):
            line = lines[i]
            a, b = _bounds(src, line)
            assert line.end is not None
            if a == b:
                if line.text:  # a line of spaces ends a table row; an empty one is inside a cell
                    out.append(([], line.end))
                i += 1
                continue
            if _heading(src, a, b) is not None:
                break
            if _is_rule(src[a:b]):
                i += 1
                continue
            if src[a:b] == "|":
                tab = a
                i += 1
                continue
            pieces = self._row(a, b)
            text = _text(src, pieces)
            if seen_label and (is_prose(text) or is_sentence(text)) and "\t" not in text:
                break
            first = text.split("\t", 1)[0]
            if "\t" not in text and not self._label(text) and i + 1 < len(lines):
                na, nb = _bounds(src, lines[i + 1])
                nxt = self._row(na, nb) if na < nb else []
                head = _text(src, nxt).split("\t", 1)[0]
                if nxt and self._label(f"{first} {head}"):
                    pieces = [*pieces, (b, b, " "), *nxt]
                    text = _text(src, pieces)
                    first = text.split("\t", 1)[0]
                    i += 1
                    b = nb
            seen_label = seen_label or self._label(first)
            if tab is not None:
                prev = out[-1] if out else None
                tab_piece: Piece = (tab, tab, "\t")
                if prev is not None and prev[0] and not self._label(_text(src, prev[0])):
                    prev[0].extend([tab_piece, *pieces])
                    out[-1] = (prev[0], b)
                else:
                    out.append(([tab_piece, *pieces], b))
                tab = None
            else:
                out.append((pieces, b))
            i += 1
        for pieces, eol in out:
            self._emit(pieces, eol)
        return i

    def _row(self, a: int, b: int) -> list[Piece]:
        """One table line: its cells (bullets and emphasis dropped) joined by TABs."""
        src = self.src
        pieces: list[Piece] = []
        pos = a
        first = True
        while pos <= b:
            bar = src.find("|", pos, b)
            cell_end = b if bar < 0 else bar
            s, e = pos, cell_end
            while s < e and src[s] in _SP:
                s += 1
            while e > s and src[e - 1] in _SP:
                e -= 1
            s, _ = _block_start(src, s, e)
            if not (first and s == e and bar >= 0):  # a leading `| ` opens the row
                if pieces:
                    pieces.append((pos - 1, pos - 1, "\t"))
                pieces.extend(inline_pieces(src, s, e))
            first = False
            if bar < 0:
                break
            pos = bar + 1
        return pieces

    # prose: headings with their edit link, paragraphs, lists, quotes, reference lists
    def _prose(self, start: int) -> None:
        src, lines = self.src, self.lines
        kind = "lead"
        skip: set[int] = set()
        footer = tuple(f.lower() for f in self.lang.footer_markers if f)
        for i in range(start, len(lines)):
            line = lines[i]
            assert line.start is not None and line.end is not None
            if i in skip:
                continue
            a, b = _bounds(src, line)
            if footer and src[a:b].lower().startswith(footer):
                self._emit([(a, b, None)], line.end)
                break  # the page footer: site chrome from here on
            if a == b or _is_rule(src[a:b]):
                self._emit([], line.end)
                continue
            h = _heading(src, a, b)
            if h is not None:
                _, s, e = h
                pieces = inline_pieces(src, s, e)
                kind = self.kinds.get(_text(src, pieces).strip().lower(), "body")
                pieces.append(self._suffix(i, e, skip))
                self._emit(pieces, line.end)
                continue
            s, listed = _block_start(src, a, b)
            pieces = inline_pieces(src, s, b)
            if kind in ("lead", "body") and not listed and self._caption(i, _text(src, pieces)):
                continue
            self._emit(pieces, line.end)

    def _suffix(self, i: int, end: int, skip: set[int]) -> Piece:
        """The heading's edit link: the `[edit]` line below it (taken), else the table's first suffix."""
        j = i + 1
        while j < len(self.lines) and j <= i + 3:
            a, b = _bounds(self.src, self.lines[j])
            if a < b:
                if self.src[a:b] in self.suffixes:
                    skip.add(j)
                    return (a, b, None)
                break
            j += 1
        return (end, end, self.suffixes[0] if self.suffixes else "")

    def _caption(self, i: int, text: str) -> bool:
        """An image caption: a short line between blank lines, without citations, that does not end as
        prose does (prose that runs on into a quotation ends in `,` or `:`)."""
        if len(text) > _CAPTION_MAX or text.rstrip().endswith(_PROSE_ENDS) or "[" in text:
            return False
        before = i == 0 or not self.lines[i - 1].text.strip()
        after = i + 1 >= len(self.lines) or not self.lines[i + 1].text.strip()
        return before and after
