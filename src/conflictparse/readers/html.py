"""HTML reader: a rendered wiki page (a whole saved page or a fragment) -> Document.

It knows HTML and MediaWiki/Fandom markup, nothing about conflicts: it cuts the page into
infobox cells (one Seg per visual line), prose sections and reference entries, and leaves
figures, names and dates to the field parsers. Every word it matches (infobox labels, section
headings, site names, flag alt-text prefixes, status markers) comes from the LangTable.

What it reads:
- Wikipedia `table.infobox` (and Fandom's classic copy of it): the first one with a conflict
  layout. Header rows (one `th` across the table) whose label maps to a side key open a
  section; the following rows hold one `td` per side. `colspan` counts: a lone cell spanning
  every column of a multi-column box is `Cell(column=0)`; otherwise sides are 1-based columns
  (a cell spanning some but not all columns takes the first column it covers). Label rows
  (`th` + `td`) give single-valued fields (`Cell(column=None)`); a full-width row starting with
  a label ("Part of ...") gives that field; the caption or first unlabelled header is the title.
  Nested tables holding label rows (the 2019 date/location/result block) are read in place.
  `span.geo` (decimal coordinates) adds a `coordinates` field when no label row gave one.
- Fandom `aside.portable-infobox`: items with `data-source`. The key comes from the item's
  label, else its parameter name without digits (`LangTable.infobox_params`, then labels), else
  the group header; side columns from the parameter's digits (`combatant2` -> column 2). A side
  item numbered above the number of belligerent columns (e.g. `casualties3` with two sides)
  spans all sides: column 0.
- Cell lines: split at `br`, `li`, `p`, `div`, `hr` and other blocks. Flags (`span.flagicon`, a
  small leading `img`) emit no text; their country (alt text, link title or file name, with
  `LangTable.flag_prefixes` and image suffixes stripped) goes to `Cell.hints`. `sup.reference`
  stays as rendered (`[1]`, `[nb 1]`); maintenance tags keep their bracketed text. A status image
  whose alt/title is a `LangTable.status_markers` key renders as that marker (` (KIA)`).
  Dropped: edit links, style/script, inline-hidden elements, `geo-nondefault`, sort keys.
- Prose: `#mw-content-text` (else `body`, else the whole fragment); `h2`-`h6` open sections
  (kind via `LangTable.section_kinds`, else "body"; text before the first heading is "lead");
  paragraphs are `p`, `li`, `dt`/`dd` and loose inline text. Navboxes, hatnotes, the table of
  contents, infoboxes, thumbnails, tables, reference lists, catlinks, footers are left out.
- References: `ol.references > li`. The id is the text the page's citation marker shows inside
  its brackets, found through the `sup.reference` links that point at the li's `id`
  (`cite_note-...`): "6", "nb 1", "Notes 1", "a". An entry no marker points at gets its ordinal
  in its list (with the list's id prefix when its other ids share one, e.g. "nb 3"). The seg is
  the `span.reference-text`; backlinks count the back-link anchors; fields come from the `cite`
  element and its COinS span (`title`, `url`, `authors` ("; "-joined), `work`, `date`, `publisher`,
  `place`, `series`, `isbn`, `pages`, `volume`, `accessed`, `archive_url`, `citeref` = the cite's
  own anchor, `target` = the `#CITEREF` anchor a short reference links to). An id already taken
  (a page pasted twice) becomes "L<list>-<ordinal>". Kind: "note" for non-numeric ids, "short"
  for entries that only link to a `#CITEREF` anchor, else "citation". List items of bibliography/reference
  sections and `div.refbegin` lists are `RefEntry(kind="bibliography", id="bib-1", ...)`.
- Spans: bs4 with lxml gives no source offsets, so Segs are `exact=False` with no span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast
from urllib.parse import parse_qs, unquote, urlsplit

from bs4 import BeautifulSoup
from bs4.element import (
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    PageElement,
    ProcessingInstruction,
    Tag,
)

from ..document import SIDE_KEYS, Cell, Document, InfoboxField, RefEntry, Section, SectionKind, Seg
from ..lang.base import LangTable
from ..models import Language

__all__ = ["read"]

_WS = re.compile(r"[ \t\n\r\f\v]+")
_EDGE = " \t\n\r\f\v\u00a0\u202f\u2009\ufeff\u200b"
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_DIGITS_END = re.compile(r"^(.*?)(\d{1,4})$")  # bounded: linear, and no int() of a huge digit run
_THUMB_PREFIX = re.compile(r"^\d+px-")
_QUOTED = re.compile(r"[\"“«]([^\"“”«»]{1,500})[\"”»]")
_ID_PREFIX = re.compile(r"^(\D*?)\s?(\d+)$")
_ARCHIVE_HOSTS = (
    "archive.org",
    "archive.today",
    "archive.is",
    "archive.ph",
    "webcitation.org",
    "arquivo.pt",
    "archive-it.org",
)

_DROP_TAGS = frozenset({"style", "script", "noscript", "template", "link", "meta", "head", "title", "iframe"})
_DROP_CLASSES = frozenset(
    {
        "mw-editsection",
        "geo-nondefault",
        "geo-multi-punct",
        "sortkey",
        "cs1-maint",
        "cs1-hidden-error",
        "shortdescription",
        "Z3988",
    }
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "center",
        "section",
        "figure",
        "figcaption",
        "caption",
        "pre",
        "hr",
        "aside",
        "header",
        "footer",
        "nav",
        "article",
        "main",
        "form",
        "fieldset",
        "address",
        "details",
        "summary",
    }
)
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_LISTS = frozenset({"ul", "ol", "dl"})
# Page parts that are not prose (classes, ids, tags), left out by the section walker.
_PROSE_SKIP_CLASSES = frozenset(
    {
        "navbox",
        "vertical-navbox",
        "navbox-styles",
        "hatnote",
        "dablink",
        "toc",
        "infobox",
        "portable-infobox",
        "thumb",
        "thumbinner",
        "gallery",
        "references",
        "reflist",
        "mw-references-wrap",
        "mw-empty-elt",
        "catlinks",
        "sidebar",
        "metadata",
        "ambox",
        "mbox-small",
        "sistersitebox",
        "noprint",
        "navbar",
        "printfooter",
        "mw-jump-link",
        "portal",
        "geo",
        "geo-default",
        "mw-authority-control",
        "authority-control",
        "mw-indicators",
        "toccolours",
        "wikia-gallery",
        "page-header",
        "rail-module",
        "global-navigation",
        "mw-cite-backlink",
    }
)
_PROSE_SKIP_IDS = frozenset(
    {"toc", "catlinks", "footer", "coordinates", "siteSub", "contentSub", "jump-to-nav", "mw-navigation"}
)
_PROSE_SKIP_TAGS = frozenset({"table", "figure", "footer", "nav", "header", "h1", "aside", "form"})
_MEDIA_CLASSES = frozenset({"thumb", "thumbinner", "locmap", "noviewer", "infobox-image", "navbar", "image"})
_FLAG_MAX_WIDTH = 40
_MAX_NEST = 4


# --------------------------------------------------------------------------- small helpers


def _classes(el: Tag) -> frozenset[str]:
    v = el.get("class")
    if v is None:
        return frozenset()
    if isinstance(v, str):
        return frozenset(v.split())
    return frozenset(v)


def _attr(el: Tag, name: str) -> str:
    v = el.get(name)
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    return " ".join(v)


def _fold(s: str) -> str:
    return _WS.sub(" ", s).strip(_EDGE)


def _norm(s: str) -> str:
    """Label form: whitespace folded, lowercase, trailing colon dropped."""
    return _fold(s.replace("\u00a0", " ")).lower().rstrip(":：").strip()


def _int(s: str, default: int) -> int:
    m = re.match(r"\s*(\d{1,4})", s)
    return int(m.group(1)) if m else default


def _is_text(el: PageElement) -> bool:
    return isinstance(el, NavigableString) and not isinstance(
        el, Comment | Declaration | Doctype | ProcessingInstruction
    )


def _hidden(el: Tag) -> bool:
    style = _attr(el, "style")
    return bool(style) and _HIDDEN.search(style) is not None


def _dropped(el: Tag) -> bool:
    if el.name in _DROP_TAGS:
        return True
    if _classes(el) & _DROP_CLASSES:
        return True
    return _hidden(el)


def _own(el: Tag, names: frozenset[str]) -> list[Tag]:
    return [c for c in el.children if isinstance(c, Tag) and c.name in names]


# --------------------------------------------------------------------------- rendering


@dataclass
class _Lines:
    """Collects the visual lines of a piece of HTML and the side hints of its flags."""

    lines: list[str] = field(default_factory=list)
    buf: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)

    def add(self, s: str) -> None:
        if s:
            self.buf.append(s)

    def brk(self) -> None:
        if self.buf:
            self.lines.append("".join(self.buf))
            self.buf = []

    def at_line_start(self) -> bool:
        return not any(s.strip(_EDGE) for s in self.buf)

    def hint(self, h: str) -> None:
        if h and h not in self.hints:
            self.hints.append(h)

    def finish(self) -> list[str]:
        self.brk()
        return [t for t in (_fold(line) for line in self.lines) if t]


class _Renderer:
    """Turns elements into lines as a browser shows them (iterative: pages can nest deeply)."""

    def __init__(self, lang: LangTable) -> None:
        self.lang = lang
        self.flag_prefixes = sorted((p.lower() for p in lang.flag_prefixes if p), key=len, reverse=True)
        self.suffixes = tuple(s.lower() for s in lang.image_suffixes)
        self.markers = {k.lower(): k for k in lang.status_markers}

    def render(self, nodes: list[PageElement], out: _Lines, *, skip_lists: bool = False) -> None:
        stack: list[tuple[PageElement, bool]] = [(n, False) for n in reversed(nodes)]
        while stack:
            el, closing = stack.pop()
            if closing:
                out.brk()
                continue
            if not isinstance(el, Tag):
                if _is_text(el):
                    out.add(str(el))
                continue
            if _dropped(el) or _attr(el, "id") == "coordinates":
                continue
            name = el.name
            cls = _classes(el)
            if name in ("br", "hr"):
                out.brk()
                continue
            if name == "img":
                self._img(el, out)
                continue
            if "flagicon" in cls:
                out.hint(self._flag_of(el))
                continue
            if name == "sup" and "reference" in cls and el.find(_BLOCK | {"td", "th", "img"}) is None:
                out.add(_WS.sub(" ", el.get_text()).strip())
                continue
            if skip_lists and name in _LISTS:
                continue
            if name in _BLOCK:
                out.brk()
                stack.append((el, True))
            elif name in ("td", "th"):
                out.add(" ")
            stack.extend((c, False) for c in reversed(el.contents))

    def lines(self, el: Tag, *, skip_lists: bool = False) -> _Lines:
        out = _Lines()
        self.render(list(el.contents), out, skip_lists=skip_lists)
        out.brk()
        return out

    def text(self, el: Tag, sep: str = " ", *, skip_lists: bool = False) -> str:
        return sep.join(self.lines(el, skip_lists=skip_lists).finish())

    # --- images and flags

    def _img(self, el: Tag, out: _Lines) -> None:
        for word in (_fold(_attr(el, "alt")), _fold(_attr(el, "title"))):
            marker = self._status(word)
            if marker:
                out.add(marker)
                return
        if out.at_line_start() and self._is_flag(el):
            out.hint(self._flag_name(el))

    def _status(self, word: str) -> str:
        if not word:
            return ""
        key = self.markers.get(word.lower()) or self.markers.get(f"({word.lower()})")
        if key is None:
            return ""
        if not any(ch.isalnum() for ch in key):
            return key  # a symbol such as "†" renders as itself
        if key.startswith("("):
            return " " + key
        status = self.lang.status_markers[key]
        paren = f"({key})"
        if paren not in self.lang.status_markers:
            paren = next(
                (k for k, v in self.lang.status_markers.items() if v == status and k.startswith("(")), paren
            )
        return " " + paren

    def _is_flag(self, el: Tag) -> bool:
        if "thumbborder" in _classes(el):
            return True
        width = _int(_attr(el, "width"), 0)
        if 0 < width <= _FLAG_MAX_WIDTH:
            return True
        name = self._strip_suffixes(_fold(_attr(el, "alt"))).lower()
        return any(name.startswith(p) for p in self.flag_prefixes)

    def _flag_of(self, span: Tag) -> str:
        img = span.find("img")
        if isinstance(img, Tag):
            return self._flag_name(img)
        link = span.find("a", title=True)
        return self._clean_flag(_attr(link, "title")) if isinstance(link, Tag) else ""

    def _flag_name(self, img: Tag) -> str:
        alt = self._clean_flag(_attr(img, "alt"))
        if alt:
            return alt
        link = img.find_parent("a")
        if isinstance(link, Tag) and "image" not in _classes(link) and _attr(link, "title"):
            return self._clean_flag(_attr(link, "title"))
        for attr in ("data-image-name", "data-src", "src"):
            value = _attr(img, attr)
            if value and not value.startswith("data:"):
                return self._clean_flag(self._file_name(value))
        return ""

    def _file_name(self, url: str) -> str:
        """The image's file name: the last path segment holding an image suffix (Fandom URLs end
        in `/revision/latest/scale-to-width-down/23`), without a `23px-` thumbnail prefix."""
        parts = [unquote(p) for p in url.split("?", 1)[0].split("/") if p]
        named = [p for p in parts if any(suf and suf in p.lower() for suf in self.suffixes)]
        last = (named or parts or [""])[-1]
        if ":" in last and "/wiki/" in url:
            last = last.split(":", 1)[1]
        return _THUMB_PREFIX.sub("", last)

    def _strip_suffixes(self, s: str) -> str:
        changed = True
        while changed and s:
            changed = False
            for suf in self.suffixes:
                if suf and s.lower().endswith(suf):
                    s = s[: -len(suf)].rstrip()
                    changed = True
        return s

    def _clean_flag(self, s: str) -> str:
        s = self._strip_suffixes(_fold(s.replace("_", " ")))
        low = s.lower()
        for p in self.flag_prefixes:
            if low.startswith(p) and len(s) > len(p):
                s = s[len(p) :]
                break
        return _fold(s)


# --------------------------------------------------------------------------- infobox


@dataclass
class _Box:
    fields: dict[str, InfoboxField] = field(default_factory=dict)
    columns: int | None = None
    warnings: list[str] = field(default_factory=list)
    _by_column: dict[tuple[str, int], Cell] = field(default_factory=dict)

    def is_conflict(self) -> bool:
        return any(k in self.fields for k in SIDE_KEYS)

    def is_event(self) -> bool:
        """Dated and placed, with no sides: an event infobox (Date, Location, Deaths ...)."""
        return "date" in self.fields and "place" in self.fields

    def add(self, key: str, label: str | None, cell: Cell) -> None:
        f = self.fields.get(key)
        if f is None:
            self.fields[key] = InfoboxField(key, [cell], label=Seg(label) if label else None)
            if cell.column is not None:
                self._by_column[(key, cell.column)] = cell
            return
        if cell.column is not None:
            old = self._by_column.get((key, cell.column))  # a dict: a scan per cell is quadratic
            if old is not None:
                old.lines.extend(cell.lines)
                for h in cell.hints:
                    if h not in old.hints:
                        old.hints.append(h)
                return
            self._by_column[(key, cell.column)] = cell
        f.cells.append(cell)


class _Labels:
    def __init__(self, lang: LangTable) -> None:
        self.map = {_norm(k): v for k, v in lang.labels.items()}
        self.by_len = sorted(self.map, key=len, reverse=True)
        self.params = {_norm(k): v for k, v in lang.infobox_params.items()}

    def key(self, text: str) -> str | None:
        return self.map.get(_norm(text))

    def prefix(self, text: str) -> tuple[str, str, int] | None:
        """(key, label, length) of the label `text` starts with, followed by a non-word char."""
        low = text.lower()
        for lab in self.by_len:
            if low.startswith(lab) and (len(low) == len(lab) or not low[len(lab)].isalnum()):
                return self.map[lab], text[: len(lab)], len(lab)
        return None

    def param(self, name: str) -> tuple[str | None, int | None]:
        m = _DIGITS_END.match(name.strip())
        base, num = (m.group(1), int(m.group(2))) if m else (name, None)
        base = _norm(base.replace("_", " ")).rstrip(" -")
        key = self.params.get(base) or self.map.get(base)
        return key, num


def _cells(tr: Tag) -> list[Tag]:
    return _own(tr, frozenset({"th", "td"}))


def _own_rows(table: Tag) -> list[Tag]:
    rows: list[Tag] = []
    for c in table.children:
        if isinstance(c, Tag):
            if c.name == "tr":
                rows.append(c)
            elif c.name in ("thead", "tbody", "tfoot"):
                rows.extend(_own(c, frozenset({"tr"})))
    return rows


def _rows(table: Tag, depth: int = 0) -> list[Tag]:
    """The table's rows in order; a single-cell row holding a table of label rows is read in place."""
    out: list[Tag] = []
    for tr in _own_rows(table):
        cells = _cells(tr)
        nested = cells[0].find("table") if len(cells) == 1 and depth < _MAX_NEST else None
        if isinstance(nested, Tag) and nested.find("th") is not None and not _media(tr):
            out.extend(_rows(nested, depth + 1))
        else:
            out.append(tr)
    return out


def _media(tr: Tag) -> bool:
    for el in [tr, *tr.find_all(True)]:
        if isinstance(el, Tag) and _classes(el) & _MEDIA_CLASSES:
            if "image" in _classes(el) and el.name == "a" and el.find_parent(class_="flagicon") is not None:
                continue
            if el.name == "a" and "image" in _classes(el):
                img = el.find("img")
                if isinstance(img, Tag) and 0 < _int(_attr(img, "width"), 0) <= _FLAG_MAX_WIDTH:
                    continue  # a flag image, not a picture
            return True
    return False


def _table_box(table: Tag, r: _Renderer, labels: _Labels) -> _Box:
    box = _Box()
    section: str | None = None
    section_label: str | None = None
    side_rows: list[tuple[str, str | None, list[tuple[Tag, int]]]] = []
    caption = table.find("caption")
    if isinstance(caption, Tag) and caption.find_parent("table") is table:
        title = r.text(caption)
        if title:
            box.add("title", None, Cell(None, [Seg(title)]))
    for tr in _rows(table):
        cells = _cells(tr)
        if not cells:
            continue
        names = [c.name for c in cells]
        if names == ["th"]:
            text = r.text(cells[0])
            key = labels.key(text)
            if key in SIDE_KEYS:
                section, section_label = key, text
            elif key is not None:
                section = None
                box.add(key, text, Cell(None, []))
            elif not text:
                continue
            elif section is None and "title" not in box.fields and "part_of" not in box.fields:
                box.add("title", None, Cell(None, [Seg(text)]))
            elif not _prefixed(box, cells[0], r, labels):
                if section is not None:
                    box.warnings.append(f"infobox header {text!r} is not a known label")
                section = None
            continue
        if names[0] == "th" and len(cells) >= 2:
            label = r.text(cells[0])
            key = labels.key(label)
            section = None
            if key is None:
                if label:
                    box.warnings.append(f"infobox label {label!r} is not a known label")
                continue
            if len(cells) == 2:
                out = r.lines(cells[1])
                box.add(key, label, Cell(None, [Seg(t) for t in out.finish()], out.hints))
            else:
                side_rows.append((key, label, [(c, _int(_attr(c, "colspan"), 1)) for c in cells[1:]]))
            continue
        if section is not None and not (len(cells) == 1 and _media(tr)):
            side_rows.append((section, section_label, [(c, _int(_attr(c, "colspan"), 1)) for c in cells]))
            continue
        if len(cells) == 1 and not _media(tr):
            _prefixed(box, cells[0], r, labels)
    _assign_columns(box, side_rows, r)
    return box


def _prefixed(box: _Box, cell: Tag, r: _Renderer, labels: _Labels) -> bool:
    """A full-width row that starts with a label ("Part of ..."): that field, the rest its value."""
    out = r.lines(cell)
    lines = out.finish()
    if not lines:
        return False
    hit = labels.prefix(lines[0])
    if hit is None or hit[0] in SIDE_KEYS or hit[0] in box.fields:
        return False
    key, label, n = hit
    rest = _fold(lines[0][n:].lstrip(":： "))
    values = ([rest] if rest else []) + lines[1:]
    box.add(key, label, Cell(None, [Seg(t) for t in values], out.hints))
    return True


def _assign_columns(
    box: _Box, rows: list[tuple[str, str | None, list[tuple[Tag, int]]]], r: _Renderer
) -> None:
    if not rows:
        return
    multi = any(len(cells) > 1 for _, _, cells in rows)
    total = max(sum(max(1, min(span, 50)) for _, span in cells) for _, _, cells in rows) if multi else 1
    box.columns = total
    for key, label, cells in rows:
        pos = 1
        for td, span in cells:
            span = max(1, min(span, 50))
            column = 0 if multi and len(cells) == 1 and span >= total else (pos if multi else 1)
            pos += span
            out = r.lines(td)
            box.add(key, label, Cell(column, [Seg(t) for t in out.finish()], out.hints))


def _has_source(el: Tag) -> bool:
    return el.has_attr("data-source")


def _has_source_parent(el: Tag) -> bool:
    return any(p.has_attr("data-source") for p in el.parents)


def _portable_box(aside: Tag, r: _Renderer, labels: _Labels) -> _Box:
    box = _Box()
    title = aside.find(class_="pi-title")
    if isinstance(title, Tag):
        text = r.text(title)
        if text:
            box.add("title", None, Cell(None, [Seg(text)]))
    items: list[tuple[str, str | None, int | None, Tag]] = []
    group_order: dict[int, int] = {}
    for item in aside.find_all(_has_source):
        cls = _classes(item)
        if cls & {"pi-title", "pi-image", "pi-smart-data-label", "pi-data-label"} or item.name == "figure":
            continue
        if _has_source_parent(item):
            continue
        value = (
            item if cls & {"pi-data-value", "pi-horizontal-group-item"} else item.find(class_="pi-data-value")
        )
        if not isinstance(value, Tag):
            continue
        smart = bool(cls & {"pi-smart-data-value", "pi-horizontal-group-item"})
        label_el = None if smart else item.find(class_="pi-data-label")
        label = r.text(label_el) if isinstance(label_el, Tag) else None
        pkey, num = labels.param(_attr(item, "data-source"))
        group = item.find_parent("section", class_="pi-group")
        header = group.find(class_="pi-header") if isinstance(group, Tag) else None
        hkey = labels.key(r.text(header)) if isinstance(header, Tag) else None
        if smart:
            key = (hkey if hkey in SIDE_KEYS else None) or pkey
        else:
            key = labels.key(label) if label else None
        key = key or pkey or hkey
        if key is None:
            if label:
                box.warnings.append(f"infobox label {label!r} is not a known label")
            continue
        if key in SIDE_KEYS and num is None and smart and isinstance(group, Tag):
            gid = id(group)
            group_order[gid] = group_order.get(gid, 0) + 1
            num = group_order[gid]
        items.append((key, label or (r.text(header) if isinstance(header, Tag) else None), num, value))
    side_nums = [n for k, _, n, _ in items if k in SIDE_KEYS and n is not None]
    bell = [n for k, _, n, _ in items if k == "belligerents" and n is not None]
    columns = max(bell) if bell else (max(side_nums) if side_nums else None)
    box.columns = columns
    for key, label, num, value in items:
        out = r.lines(value)
        lines = [Seg(t) for t in out.finish()]
        if key in SIDE_KEYS:
            column = None if num is None else (0 if columns is not None and num > columns else num)
        else:
            column = None
        box.add(key, label, Cell(column, lines, out.hints))
    return box


def _infobox(soup: BeautifulSoup, r: _Renderer, labels: _Labels, doc: Document) -> None:
    found: list[_Box] = []
    event: tuple[_Box, Tag] | None = None
    other: Tag | None = None
    geo: Tag | None = None
    for el in soup.find_all(["table", "aside"]):
        if not isinstance(el, Tag):
            continue
        cls = _classes(el)
        if el.name == "table" and "infobox" in cls:
            box = _table_box(el, r, labels)
        elif el.name == "aside" and "portable-infobox" in cls:
            box = _portable_box(el, r, labels)
        else:
            continue
        if box.is_conflict():
            if not found:
                g = el.find(class_="geo")
                geo = g if isinstance(g, Tag) else None
            found.append(box)
            if len(found) > 1:
                break
        elif event is None and box.is_event():
            event = (box, el)
        elif other is None:
            other = el
    if not found and event is not None:
        # no belligerents, but the page's own event infobox (a raid, a massacre): its date and place
        # are the record's, as the text reader reads them from the same rows
        box, el = event
        g = el.find(class_="geo")
        geo = g if isinstance(g, Tag) else None
        found.append(box)
    if not found:
        if other is not None:
            # a ship's or a person's infobox: said, as the text reader says it, not dropped silently
            doc.warn(
                "uninterpreted",
                "the page's infobox is of another kind, not a conflict's; left out: "
                f"{_fold(other.get_text(' '))[:60]!r} ...",
            )
        return
    box = found[0]
    if len(found) > 1:
        doc.warn("multiple-infoboxes", "the page has more than one conflict infobox; the first is read")
    if geo is not None and "coordinates" not in box.fields:
        text = _fold(geo.get_text())
        if text:
            box.add("coordinates", None, Cell(None, [Seg(text)]))
    for w in box.warnings:
        doc.warn("unknown-label", w)
    doc.infobox = box.fields
    doc.columns = box.columns


# --------------------------------------------------------------------------- prose


def _prose_skip(el: Tag) -> bool:
    if el.name in _PROSE_SKIP_TAGS or _attr(el, "id") in _PROSE_SKIP_IDS:
        return True
    return bool(_classes(el) & _PROSE_SKIP_CLASSES)


@dataclass
class _Walk:
    r: _Renderer
    lang: LangTable
    kinds: dict[str, str]
    suffixes: tuple[str, ...]
    sections: list[Section] = field(default_factory=list)
    bib: list[RefEntry] = field(default_factory=list)
    run: _Lines = field(default_factory=_Lines)

    def flush(self) -> None:
        text = "\n".join(self.run.finish())
        self.run = _Lines()
        if text:
            self.para(text)

    def para(self, text: str) -> None:
        if not self.sections:
            self.sections.append(Section(None, "lead"))
        self.sections[-1].paragraphs.append(Seg(text))

    def heading(self, el: Tag) -> None:
        text = self.r.text(el)
        low = text.lower()
        for suf in self.suffixes:
            if suf and low.endswith(suf):
                text = text[: -len(suf)].rstrip()
                low = text.lower()
        if not text:
            return
        kind = cast(SectionKind, self.kinds.get(_norm(text), "body"))
        self.sections.append(Section(text, kind, heading_seg=Seg(text)))

    def kind(self) -> str:
        return self.sections[-1].kind if self.sections else "lead"

    def walk(self, root: Tag) -> None:
        stack: list[PageElement] = list(reversed(root.contents))
        in_refbegin: set[int] = set()
        while stack:
            el = stack.pop()
            if not isinstance(el, Tag):
                if _is_text(el):
                    self.run.add(str(el))
                continue
            if _dropped(el) or _prose_skip(el):
                if el.name in _BLOCK or el.name in _PROSE_SKIP_TAGS:
                    self.run.brk()
                continue
            name = el.name
            if name in _HEADINGS:
                self.flush()
                self.heading(el)
                continue
            if name in ("p", "li", "dt", "dd", "blockquote") and not (
                name == "blockquote" and el.find(["p", "ul", "ol"]) is not None
            ):
                self.flush()
                nested = name in ("li", "dd")
                text = "\n".join(self.r.lines(el, skip_lists=nested).finish())
                if text:
                    self.para(text)
                    if name == "li" and (
                        self.kind() in ("bibliography", "references") or id(el) in in_refbegin
                    ):
                        self.bib.append(_bib_entry(el, text, len(self.bib) + 1))
                if nested:
                    lists = [c for c in el.children if isinstance(c, Tag) and c.name in _LISTS]
                    stack.extend(reversed(lists))
                continue
            if name in _BLOCK:
                self.flush()
                if "refbegin" in _classes(el):
                    in_refbegin.update(id(li) for li in el.find_all("li"))
                stack.extend(reversed(el.contents))
                continue
            self.r.render([el], self.run)
        self.flush()


def _content_root(soup: BeautifulSoup) -> Tag:
    for el in (soup.find(id="mw-content-text"), soup.find(class_="mw-parser-output"), soup.find("body")):
        if isinstance(el, Tag):
            return el
    return soup


# --------------------------------------------------------------------------- references


def _markers(soup: BeautifulSoup) -> dict[str, str]:
    """cite_note id -> the marker text inside its brackets ("6", "nb 1")."""
    out: dict[str, str] = {}
    for sup in soup.find_all("sup", class_="reference"):
        if not isinstance(sup, Tag):
            continue
        a = sup.find("a", href=True)
        if not isinstance(a, Tag):
            continue
        href = _attr(a, "href")
        if "#" not in href:
            continue
        target = unquote(href.split("#", 1)[1])
        text = _fold(a.get_text())
        if text.startswith("[") and text.endswith("]"):
            text = text[1:-1]
        text = _fold(text)
        if text and target not in out:
            out[target] = text
    return out


def _cite_fields(el: Tag) -> dict[str, str] | None:
    fields: dict[str, str] = {}
    cite = el.find("cite")
    coins = el.find("span", class_="Z3988")
    if isinstance(coins, Tag):
        q = parse_qs(_attr(coins, "title"))

        def first(*keys: str) -> str:
            for k in keys:
                if q.get(k):
                    return _fold(q[k][0])
            return ""

        for name, keys in (
            ("title", ("rft.atitle", "rft.btitle", "rft.title")),
            ("work", ("rft.jtitle",)),
            ("date", ("rft.date",)),
            ("publisher", ("rft.pub",)),
            ("place", ("rft.place",)),
            ("isbn", ("rft.isbn",)),
            ("pages", ("rft.pages", "rft.spage")),
            ("volume", ("rft.volume",)),
            ("series", ("rft.series",)),
        ):
            v = first(*keys)
            if v:
                fields[name] = v
        authors = [_fold(a) for a in q.get("rft.au", [])]
        if q.get("rft.aulast"):
            last = _fold(q["rft.aulast"][0])
            given = first("rft.aufirst")
            authors.insert(0, f"{last}, {given}" if given else last)
        if authors:
            fields["authors"] = "; ".join(authors)
        urls = [u for u in q.get("rft_id", []) if u.startswith(("http://", "https://"))]
        if urls:
            fields["url"] = urls[0]
    if isinstance(cite, Tag):
        if "title" not in fields:
            text = _fold(cite.get_text())
            m = _QUOTED.search(text)
            italic = cite.find("i")
            if m:
                fields["title"] = _fold(m.group(1))
            elif isinstance(italic, Tag) and _fold(italic.get_text()):
                fields["title"] = _fold(italic.get_text())
        links = [_attr(a, "href") for a in cite.find_all("a", class_="external")]
        links = [("https:" + h if h.startswith("//") else h) for h in links]
        archive = [h for h in links if _is_archive(h)]
        plain = [h for h in links if not _is_archive(h)]
        if "url" not in fields and plain:
            fields["url"] = plain[0]
        if archive:
            fields["archive_url"] = archive[0]
        acc = cite.find(class_="reference-accessdate")
        if isinstance(acc, Tag):
            fields["accessed"] = _fold(acc.get_text()).lstrip(".,; ")
        if _attr(cite, "id"):
            fields["citeref"] = _attr(cite, "id")
    for a in el.find_all("a", href=True):
        href = _attr(a, "href")
        if href.startswith("#CITEREF") and "citeref" not in fields:
            fields["target"] = unquote(href[1:])
            break
    return fields or None


def _is_archive(url: str) -> bool:
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return False
    return any(host == h or host.endswith("." + h) for h in _ARCHIVE_HOSTS)


def _bib_entry(li: Tag, text: str, n: int) -> RefEntry:
    return RefEntry(f"bib-{n}", Seg(text), kind="bibliography", fields=_cite_fields(li))


def _references(soup: BeautifulSoup, r: _Renderer) -> list[RefEntry]:
    markers = _markers(soup)
    out: list[RefEntry] = []
    used: set[str] = set()
    for list_no, ol in enumerate(soup.find_all("ol", class_="references"), 1):
        if not isinstance(ol, Tag) or ol.find_parent(class_=["navbox", "vertical-navbox"]) is not None:
            continue
        items = _own(ol, frozenset({"li"}))
        ids = [markers.get(unquote(_attr(li, "id"))) for li in items]
        prefix = ""
        for i in ids:
            m = _ID_PREFIX.match(i) if i else None
            if m and m.group(1):
                prefix = i[: len(i) - len(m.group(2))] if i else ""
                break
        for ordinal, (li, rid) in enumerate(zip(items, ids, strict=True), 1):
            if rid is None or rid in used:
                rid = f"{prefix}{ordinal}" if rid is None else rid
                if rid in used:
                    rid = f"L{list_no}-{ordinal}"
            used.add(rid)
            body = li.find(class_="reference-text")
            if isinstance(body, Tag):
                text = r.text(body)
            else:
                text = " ".join(r.lines(li).finish())
            back = li.find(class_="mw-cite-backlink")
            backlinks = 0
            if isinstance(back, Tag):
                backlinks = len([a for a in back.find_all("a", href=True) if "#" in _attr(a, "href")])
            fields = _cite_fields(body if isinstance(body, Tag) else li)
            if not rid.isdecimal():
                kind = "note"
            elif fields is not None and "target" in fields and not isinstance(li.find("cite"), Tag):
                kind = "short"
            else:
                kind = "citation"
            out.append(RefEntry(rid, Seg(text), kind=kind, backlinks=backlinks, fields=fields))  # type: ignore[arg-type]
    return out


# --------------------------------------------------------------------------- title and site


def _meta(soup: BeautifulSoup, prop: str) -> str:
    el = soup.find("meta", attrs={"property": prop}) or soup.find("meta", attrs={"name": prop})
    return _fold(_attr(el, "content")) if isinstance(el, Tag) else ""


def _site(soup: BeautifulSoup, lang: LangTable, head_title: str) -> str | None:
    og = _meta(soup, "og:site_name")
    if og:
        return og
    names = {k.lower(): v for k, v in lang.sites.items()}
    values = {v.lower(): v for v in lang.sites.values()}
    for sep in (" - ", " | ", " — ", " – "):
        if sep in head_title:
            for part in head_title.split(sep)[1:]:
                hit = values.get(part.strip().lower())
                if hit:
                    return hit
    for el_id in ("siteSub", "tagline", "footer-places", "footer"):
        el = soup.find(id=el_id)
        if isinstance(el, Tag):
            low = _fold(el.get_text()).lower()
            for key, value in names.items():
                if key in low:
                    return value
    return None


def _title(soup: BeautifulSoup, head_title: str, site: str | None, doc: Document) -> str | None:
    h1 = soup.find("h1", id="firstHeading") or soup.find("h1", class_="page-header__title")
    if isinstance(h1, Tag):
        text = _fold(h1.get_text())
        if text:
            return text
    if head_title:
        if site:
            for sep in (" - ", " | ", " — ", " – "):
                cut = head_title.find(sep + site)
                if cut > 0:
                    return head_title[:cut].strip()
        return head_title
    if doc.infobox and "title" in doc.infobox:
        lines = doc.infobox["title"].lines()
        if lines:
            return lines[0].text
    return None


# --------------------------------------------------------------------------- entry point


def read(text: str, lang: LangTable) -> Document:
    """Read a rendered wiki page (whole saved page or fragment) into a Document."""
    doc = Document(text=text, format="html", language=cast(Language, lang.code))
    if not text.strip():
        return doc
    soup = BeautifulSoup(text, "lxml")
    r = _Renderer(lang)
    labels = _Labels(lang)
    _infobox(soup, r, labels, doc)
    head = soup.find("title")
    head_title = _fold(head.get_text()) if isinstance(head, Tag) else ""
    doc.site = _site(soup, lang, head_title)
    title = _title(soup, head_title, doc.site, doc)
    doc.title = Seg(title) if title else None
    walk = _Walk(
        r,
        lang,
        {_norm(k): v for k, v in lang.section_kinds.items()},
        tuple(s.lower() for s in lang.heading_suffixes),
    )
    walk.walk(_content_root(soup))
    doc.sections = walk.sections
    doc.references = _references(soup, r) + walk.bib
    return doc
