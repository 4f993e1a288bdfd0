"""Wikitext reader: MediaWiki page source -> Document.

It knows the wikitext format and nothing about conflicts: it finds the conflict infobox, renders
its cells into lines, cuts the prose into sections and paragraphs and numbers the references as
MediaWiki would show them; figures, names and dates are left to the field parsers.

Decoding and spans: a page taken from an XML dump without unescaping (`&lt;ref&gt;`, `&quot;`,
detected when escaped tags outnumber real ones) is decoded first (semicolon-terminated HTML
entities, one pass). `Document.text` is the decoded text and every span is a code-point offset
into it, so `doc.text[seg.start:seg.end]` is the markup a line or paragraph came from. Rendered
text is not a slice of the source, so every Seg is `exact=False`.

What it reads:
- Infobox: the first template named in `LangTable.infobox_templates` (name compared lowercase,
  '_' as ' '); more than one gives a `multiple-infoboxes` warning. Parameters map to canonical
  keys through `LangTable.infobox_params`: a whole name (`partof`, `date`) or, for side keys, the
  stem before the column number (`combatant2`, `commander1a`; letters a-z add lines to that
  column). `doc.columns` is the highest numbered non-empty belligerent column; a side parameter
  numbered above it (`casualties3` on a two-sided page) goes to `Cell(column=0)`. Single-valued
  keys give one `Cell(column=None)`; an empty parameter gives a cell with no lines. The
  infobox's `status` parameter keeps the key `status` (as the text reader's label does).
  Cells are rendered by wikitext_render: one Seg per visual line, flag icons as `Cell.hints`.
- Title: the infobox title parameter, else the first bold text of the lead, else None.
- Prose: `=` headings at top level (any level) open sections; their kind comes from
  `LangTable.section_kinds`, and an unknown sub-heading inherits a non-prose parent kind
  (`=== Primary sources ===` under `== Bibliography ==`). Text before the first heading is the lead.
  A paragraph is a run of text lines up to a blank line; each list item is a paragraph of its own.
  Tables, galleries, files, categories, interlanguage links and lines made only of box templates
  (`{{Reflist}}`, `{{main}}`, campaign boxes, quotes) are not prose (their refs still get numbers).
- References: one RefEntry per distinct ref (see wikitext_render), ids as the page shows them in
  brackets. List items of bibliography/reference sections are `RefEntry("bib-N", kind="bibliography")`
  with the fields of their citation template, like the HTML reader's.
- Redirects (`#REDIRECT [[X]]`, words from `LangTable.redirect_words`) give a Document with no
  infobox and a `redirect` warning. No conflict infobox: `doc.infobox` is None.
"""

from __future__ import annotations

import re
from typing import cast

from ..document import SIDE_KEYS, Cell, Document, InfoboxField, RefEntry, Section, SectionKind, Seg
from ..lang.base import LangTable
from ..models import Language
from .wikitext_render import Arg, Node, Out, Page, Renderer, clean, unescape

__all__ = ["decode_dump", "read"]

_ESCAPED_TAG = re.compile(
    r"&lt;(?:/?(?:ref|br|small|div|span|references|sup|nowiki|gallery|center|big)\b|!--)", re.IGNORECASE
)
_RAW_TAG = re.compile(
    r"<(?:/?(?:ref|br|small|div|span|references|sup|nowiki|gallery|center|big)\b|!--)", re.IGNORECASE
)
_REDIRECT = re.compile(r"\s*(#[^\s\[:]+)\s*:?\s*\[\[([^\]|\n]*)")
# bounded digits: a long digit run is neither quadratic nor an int() too long to convert
_STEM = re.compile(r"^(.*?)\s*(\d{1,4})\s*([a-z]?)$")
_ITEM = re.compile(r"[*#:;]+[ \t]*")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_MAGIC = re.compile(r"__[A-Z]{2,20}__")
_QUOTES = re.compile(r"'{3,}")
_TABLE_START = re.compile(r"[ \t]*\{\|")

_SINGLE_ORDER = ("title", "part_of", "date", "place", "coordinates", "result", "status", "territory")


def decode_dump(text: str) -> str:
    """Undo a dump's XML escaping when the page is escaped (escaped tags outnumber real ones)."""
    escaped = len(_ESCAPED_TAG.findall(text))
    if escaped and escaped > len(_RAW_TAG.findall(text)):
        return unescape(text)
    return text


def read(text: str, lang: LangTable) -> Document:
    """Read MediaWiki page source. Spans point into `Document.text`, the decoded source."""
    source = decode_dump(text)
    doc = Document(text=source, format="wikitext", language=cast(Language, lang.code))
    m = _REDIRECT.match(source)
    if m and m.group(1).lower() in {w.lower() for w in lang.redirect_words}:
        target = m.group(2).strip()
        doc.warn("redirect", f"redirect to {target}", Seg(target, m.start(2), m.end(2), False))
        return doc
    page = Page(source)
    r = Renderer(page, lang)
    boxes = [n for n in page.walk() if r.is_infobox(n)]
    if boxes:
        _read_infobox(r, boxes[0], doc)
        if len(boxes) > 1:
            second = boxes[1]
            doc.warn(
                "multiple-infoboxes",
                f"{len(boxes)} conflict infoboxes; the first is read",
                Seg("", second.start, second.end, False),
            )
    done = {id(boxes[0])} if boxes else set()
    bib: list[RefEntry] = []
    doc.sections = _sections(r, done, bib)
    if doc.title is None and doc.sections and doc.sections[0].kind == "lead":
        head = doc.sections[1].heading_seg if len(doc.sections) > 1 else None
        lead_end = head.start if head is not None and head.start is not None else len(source)
        doc.title = _bold_title(r, 0, lead_end)
    doc.references = r.refs.finish() + bib
    if r.overflow:
        doc.warn("uninterpreted", "markup nested too deep to render was left out")
    if page.blanked:
        doc.warn("uninterpreted", "markup too deep or long for the wikitext parser was read as plain text")
    if r.refs.unresolved:
        doc.warn("unresolved-ref", "references cited but never defined: " + ", ".join(r.refs.unresolved))
    return doc


# --------------------------------------------------------------------------- infobox


def _read_infobox(r: Renderer, box: Node, doc: Document) -> None:
    page, lang = r.page, r.lang
    params = {k.lower(): v for k, v in lang.infobox_params.items()}
    single: dict[str, list[Arg]] = {}
    side: dict[str, dict[tuple[int, str], Arg]] = {}
    other: list[Arg] = []
    for arg in page.split(box)[1]:
        if arg.positional:
            other.append(arg)
            continue
        name = arg.name.replace("_", " ")
        key = params.get(arg.name) or params.get(name)
        if key is not None and key not in SIDE_KEYS:
            single.setdefault(key, []).append(arg)
            continue
        m = _STEM.match(arg.name)
        stem_key = params.get(m.group(1).strip().replace("_", " ")) if m else None
        if m and stem_key in SIDE_KEYS:
            side.setdefault(stem_key, {})[(int(m.group(2)), m.group(3))] = arg
        elif key in SIDE_KEYS:
            side.setdefault(key, {})[(1, "")] = arg
        else:
            other.append(arg)
    before_unknown = dict(r.unknown)
    fields: dict[str, InfoboxField] = {}
    # MediaWiki's layout order, so reference numbers match the rendered page.
    for key in _SINGLE_ORDER[:2]:
        _single_field(r, box, key, single, fields)
    for arg in other:
        r.scan_range(box, arg.start, arg.end)
    for key in _SINGLE_ORDER[2:]:
        _single_field(r, box, key, single, fields)
    for key in single:
        if key not in _SINGLE_ORDER:
            _single_field(r, box, key, single, fields)
    belligerents = side.get("belligerents", {})
    filled = [n for (n, _), a in belligerents.items() if page.plain(box, a.start, a.end).strip()]
    all_cols = [n for cells in side.values() for (n, _) in cells]
    columns = max(filled) if filled else (max(all_cols) if all_cols else None)
    for key in SIDE_KEYS:
        cells = side.get(key)
        if not cells:
            continue
        by_col: dict[int, Cell] = {}
        first_label: Seg | None = None
        for suffix in sorted({s for (_, s) in cells}):
            for n in sorted(n for (n, s) in cells if s == suffix):
                arg = cells[(n, suffix)]
                lines, hints = _render_arg(r, box, arg)
                col = n if columns is None or n <= columns else 0
                cell = by_col.setdefault(col, Cell(col, []))
                cell.lines.extend(lines)
                cell.hints.extend(h for h in hints if h not in cell.hints)
                if first_label is None:
                    first_label = _label(page, arg)
        ordered = [by_col[c] for c in sorted(by_col, key=lambda c: (c == 0, c))]
        fields[key] = InfoboxField(key, ordered, first_label)
    doc.infobox = {k: fields[k] for k in (*_SINGLE_ORDER, *SIDE_KEYS) if k in fields}
    doc.infobox.update({k: v for k, v in fields.items() if k not in doc.infobox})
    doc.columns = columns
    title = fields.get("title")
    if title is not None and title.lines():
        lines = title.lines()
        doc.title = Seg(" ".join(s.text for s in lines), lines[0].start, lines[-1].end, False)
    seen = sorted(k for k, n in r.unknown.items() if n > before_unknown.get(k, 0))
    if seen:
        doc.warn(
            "uninterpreted",
            "infobox templates read by their first argument or left out: " + ", ".join(seen),
            Seg("", box.start, box.end, False),
        )


def _single_field(
    r: Renderer, box: Node, key: str, single: dict[str, list[Arg]], fields: dict[str, InfoboxField]
) -> None:
    for arg in single.get(key, ()):
        lines, hints = _render_arg(r, box, arg)
        f = fields.setdefault(key, InfoboxField(key, [], label=_label(r.page, arg)))
        f.cells.append(Cell(None, lines, hints))


def _render_arg(r: Renderer, box: Node, arg: Arg) -> tuple[list[Seg], list[str]]:
    out = Out(breaks=True)
    r.render_range(box, arg.start, arg.end, out, line_start=True)
    return out.segs(), out.hints


def _label(page: Page, arg: Arg) -> Seg:
    return Seg(page.text[arg.name_start : arg.name_end], arg.name_start, arg.name_end, True)


# --------------------------------------------------------------------------- prose


def _headings(r: Renderer) -> list[tuple[int, int, int, int, int]]:
    """(line start, line end, level, inner start, inner end) of every top-level heading line."""
    page, text = r.page, r.text
    out: list[tuple[int, int, int, int, int]] = []
    for s, e in _lines_starting(text, "="):
        if page.child_at(page.root, s) is not None:
            continue
        end = e
        while True:
            while end > s and text[end - 1] in " \t\r":
                end -= 1
            c = page.child_at(page.root, end - 1) if end > s else None
            if c is not None and c.kind == "comment" and c.start > s:
                end = c.start
                continue
            break
        lead = len(text[s:end]) - len(text[s:end].lstrip("="))
        trail = len(text[s:end]) - len(text[s:end].rstrip("="))
        level = min(lead, trail, 6)
        if level == 0 or end - s <= 2 * level:
            continue
        out.append((s, e, level, s + level, end - level))
    return out


def _lines_starting(text: str, ch: str) -> list[tuple[int, int]]:
    """(start, end) of every line (without its newline) that starts with `ch` (found with str.find,
    which is many times faster here than a multiline `^` pattern)."""
    found: list[tuple[int, int]] = []
    j = text.find("\n" + ch)
    s = 0 if text.startswith(ch) else j + 1 if j >= 0 else -1
    while s >= 0:
        e = text.find("\n", s)
        if e < 0:
            found.append((s, len(text)))
            break
        found.append((s, e))
        j = text.find("\n" + ch, e)
        s = j + 1 if j >= 0 else -1
    return found


def _sections(r: Renderer, done: set[int], bib: list[RefEntry]) -> list[Section]:
    lang = r.lang
    kinds = {k.lower(): v for k, v in lang.section_kinds.items()}
    heads = _headings(r)
    sections: list[Section] = []
    first = heads[0][0] if heads else len(r.text)
    sections.append(Section(None, "lead", _prose(r, 0, first, done, "lead", bib)))
    stack: list[tuple[int, str]] = []
    for i, (s, e, level, a, b) in enumerate(heads):
        out = Out(breaks=False)
        r.render_range(r.page.root, a, b, out)
        heading = out.seg().text
        while stack and stack[-1][0] >= level:
            stack.pop()
        kind = kinds.get(heading.lower().strip())
        if kind is None:
            parent = stack[-1][1] if stack else "body"
            kind = parent if parent not in ("lead", "body") else "body"
        stack.append((level, kind))
        end = heads[i + 1][0] if i + 1 < len(heads) else len(r.text)
        paragraphs = _prose(r, e + 1, end, done, kind, bib)
        sections.append(
            Section(heading, cast(SectionKind, kind), paragraphs, heading_seg=Seg(heading, s, e, False))
        )
    return sections


def _root_newline(r: Renderer, pos: int, b: int) -> int:
    """The next newline at top level (not inside a template, link, tag or comment), or b."""
    page, text = r.page, r.text
    while True:
        j = text.find("\n", pos, b)
        if j < 0:
            return b
        c = page.child_at(page.root, j)
        if c is None:
            return j
        pos = c.end


def _classify(r: Renderer, s: int, e: int) -> tuple[str, int]:
    """What a top-level line is (blank, ignore, text, item, rule, table, block); where its text starts."""
    page, text = r.page, r.text
    nodes = page.kids(page.root, s, e)
    kids = [c for c in nodes if c.kind != "comment"] if nodes else nodes
    if not (kids and kids[0].start == s):
        head = text[s : min(e, s + 1)]
        if head in ("*", "#", ":", ";"):
            m = _ITEM.match(text, s, e)
            return "item", m.end() if m else s
        if text.startswith("----", s, e):
            return "rule", e
        if _TABLE_START.match(text, s, e):
            return "table", s
    pos = s
    for c in nodes:
        if c.start > pos and _shows_text(text[pos : c.start]):
            return "text", s
        pos = c.end
    if pos < e and _shows_text(text[pos:e]):
        return "text", s
    if not kids:
        return ("ignore" if nodes else "blank"), s
    if all(r.is_inline(c) for c in kids):
        return "text", s
    return "block", s


def _shows_text(gap: str) -> bool:
    """Whether source between a line's nodes shows something: more than spaces, tags, magic words."""
    if not gap.strip():
        return False
    return not (("<" in gap or "__" in gap) and not _MAGIC.sub("", _HTML_TAG.sub("", gap)).strip())


def _prose(r: Renderer, a: int, b: int, done: set[int], kind: str, bib: list[RefEntry]) -> list[Seg]:
    page = r.page
    paragraphs: list[Seg] = []
    lines: list[tuple[int, int]] = []
    listed = kind in ("bibliography", "references")

    def flush() -> None:
        if not lines:
            return
        out = Out(breaks=False)
        for i, (s, e) in enumerate(lines):
            if i:
                out.text(" ", s, s)
            r.render_range(page.root, s, e, out)
        seg = out.seg()
        if seg.text:
            paragraphs.append(seg)
        lines.clear()

    def scan(s: int, e: int) -> None:
        for c in page.kids(page.root, s, e):
            if id(c) not in done:
                r.scan_range(page.root, c.start, c.end)

    pos = a
    while pos < b:
        e = _root_newline(r, pos, b)
        what, start = _classify(r, pos, e)
        if what == "text":
            lines.append((pos, e))
        elif what == "ignore":
            pass
        elif what == "item":
            flush()
            out = Out(breaks=False)
            sink: list[dict[str, str]] = []
            if listed:
                r.cite_sink = sink
            r.render_range(page.root, start, e, out)
            r.cite_sink = None
            seg = out.seg()
            if seg.text:
                paragraphs.append(seg)
                if listed:
                    fields = sink[0] if sink else None
                    bib.append(RefEntry(f"bib-{len(bib) + 1}", seg, "bibliography", 0, fields))
        elif what == "table":
            flush()
            e = _table_end(r, pos, b)
            scan(pos, e)
        else:
            flush()
            if what == "block":
                scan(pos, e)
        pos = e + 1
    flush()
    return paragraphs


def _table_end(r: Renderer, pos: int, b: int) -> int:
    text = r.text
    depth = 0
    while pos < b:
        e = _root_newline(r, pos, b)
        line = text[pos:e].lstrip(" \t")
        if line.startswith("{|"):
            depth += 1
        elif line.startswith("|}"):
            depth -= 1
            if depth <= 0:
                return e
        pos = e + 1
    return b


def _bold_title(r: Renderer, a: int, b: int) -> Seg | None:
    """The first bold text of the lead: '''Battle of X'''."""
    page, text = r.page, r.text
    pos = a
    while pos < b:
        e = _root_newline(r, pos, b)
        what, _ = _classify(r, pos, e)
        if what == "text":
            runs = [m for g0, g1 in page.gaps(page.root, pos, e) for m in _QUOTES.finditer(text, g0, g1)]
            if len(runs) >= 2:
                start, end = runs[0].end(), runs[1].start()
                out = Out(breaks=False)
                r.render_range(page.root, start, end, out)
                title = clean(out.seg().text)
                if title:
                    return Seg(title, start, end, False)
        pos = e + 1
    return None
