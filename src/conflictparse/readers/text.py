"""Plain text copied from a browser: line-oriented segmentation into a Document.

Two shapes are read: a Wikipedia copy (TAB between infobox columns, `[edit]` after headings) and a
flattened copy such as Military Wiki's (labels fused to values, columns merged, header rows lost).
Every Seg is an exact slice of the input, so spans are never null.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..document import SIDE_KEYS, Cell, Document, InfoboxField, Section, Seg
from ..lang.base import LangTable
from ..models import Language

if TYPE_CHECKING:
    from .reflist import RefBlock

_SINGLE_KEYS = ("part_of", "date", "place", "coordinates", "result", "status", "territory", "title")
_BULLET = re.compile(r"^[\s\u00a0]*[•*·▪‣◦-][\s\u00a0]+")
_REF_LINE = re.compile(r"^[ \t\u00a0]{0,6}(?:\d{1,4}\.[ \t\u00a0]|\^)")
_CONTENTS_LINE = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,4}[ \t]+\S")
_CAPTION_CHARS = 90
_ROW_LABEL_CHARS = 30
_PROSE_WORDS = 22
_PROSE_CHARS = 170


def split_lines(text: str) -> list[Seg]:
    """Every line of `text` as an exact Seg (without its line break)."""
    out: list[Seg] = []
    pos = 0
    for raw in text.split("\n"):
        body = raw[:-1] if raw.endswith("\r") else raw
        out.append(Seg(body, pos, pos + len(body), True))
        pos += len(raw) + 1
    return out


# Trailing citation markers, matched on the reversed text: anchored there, so linear, where
# `(?:\[..\])+$` searched forward is quadratic on a long run of markers.
_TRAILING_MARKERS_REVERSED = re.compile(r"(?:\][^\[\]\n]{1,40}\[)+")


def _strip_trailing_markers(text: str) -> str:
    m = _TRAILING_MARKERS_REVERSED.match(text[::-1])
    return text[: len(text) - m.end()] if m else text


def is_sentence(text: str) -> bool:
    """A full sentence on its own line (starts a lead even when it is short)."""
    stripped = _strip_trailing_markers(text.strip())
    return len(stripped.split()) >= 8 and stripped.endswith((".", "!", "?", '."', ".”"))


def _ends_sentence(text: str) -> bool:
    stripped = _strip_trailing_markers(text.strip(" \t\u00a0"))
    return stripped.endswith((".", "!", "?", "؟", '."', ".”", ":"))


def _title_like(text: str) -> bool:
    """A page title: short, not a parenthetical, no citation marker, not running text."""
    stripped = text.strip(" \t\u00a0")
    return not is_prose(stripped) and not stripped.startswith("(") and not re.search(r"\[\d{1,4}\]", stripped)


def is_blank(seg: Seg) -> bool:
    return not seg.text.strip(" \t\u00a0\u202f\u200b\ufeff")


def is_prose(text: str) -> bool:
    """A paragraph of running text rather than an infobox value."""
    stripped = text.strip()
    return len(stripped) >= _PROSE_CHARS or len(stripped.split()) >= _PROSE_WORDS


@dataclass
class _Label:
    key: str
    value: Seg
    seg: Seg


@dataclass
class _Labels:
    lang: LangTable
    items: list[tuple[str, str]] = field(init=False)

    def __post_init__(self) -> None:
        self.items = sorted(((k.lower(), v) for k, v in self.lang.labels.items()), key=lambda kv: -len(kv[0]))

    def match(self, line: Seg) -> _Label | None:
        """The label a line starts with, and its value: `Date5 October`, `Date\\t...`, `Result Derna`."""
        seg = line.strip(" \u00a0")
        low = seg.text.lower()
        for label, key in self.items:
            if not low.startswith(label):
                continue
            rest = seg.text[len(label) :]
            if key in SIDE_KEYS:
                if rest.strip(" \t\u00a0:"):
                    continue
                return _Label(key, seg.sub(len(seg.text)), seg)
            if not rest or rest[0] in "\t:":
                return _Label(key, seg.sub(len(label)).strip(" \t\u00a0:"), seg)
            first = rest[0]
            if first in " \u00a0":
                nxt = rest.lstrip(" \u00a0")[:1]
                if key == "part_of" or (nxt and (nxt.isupper() or nxt.isdecimal() or not nxt.isascii())):
                    return _Label(key, seg.sub(len(label)).strip(" \t\u00a0"), seg)
                continue
            if first.isdecimal() or (first.isupper() and key != "part_of"):
                return _Label(key, seg.sub(len(label)), seg)
        return None


class _Reader:
    def __init__(self, text: str, lang: LangTable) -> None:
        self.text = text
        self.lang = lang
        self.labels = _Labels(lang)
        self.lines = split_lines(text)
        self.doc = Document(text=text, format="text", language=_lang_code(lang))
        self.boiler = {b.lower() for b in lang.boilerplate}
        self.navbox = tuple(m.lower() for m in lang.navbox_markers)
        self.toc: set[str] = set()
        """The headings the page's "Contents" block lists (numbering dropped)."""
        self.heading_lines: set[int] = set()
        """Indices of the lines read as headings (a caption may sit right under one)."""

    # --- page top -----------------------------------------------------------------------------
    def read(self) -> Document:
        i = self._read_top()
        start = self._find_infobox(i)
        if start is None:
            self.doc.infobox = None
            i = self._read_fragment(i)
            self._read_prose(i)
        else:
            end = self._read_infobox(start)
            self._read_prose(end)
        self._check_title()
        return self.doc

    def _check_title(self) -> None:
        """A copy with no site line above its first line (an `action=render` body) may start with an
        image caption ("HMS Antelope was sunk in the Falklands War"), not the title: a first line
        the lead's opening does not name is no title."""
        title = self.doc.title
        if title is None or self.doc.site is not None:
            return
        lead = next((s for s in self.doc.sections if s.kind == "lead" and s.paragraphs), None)
        if lead is None:
            return
        if title.text.strip().casefold() not in lead.paragraphs[0].text[:400].casefold():
            self.doc.title = None

    def _read_top(self) -> int:
        """Site, hatnotes and title; returns the first line index after them."""
        sites = {k.lower(): v for k, v in self.lang.sites.items()}
        hatnotes = tuple(h.lower() for h in self.lang.hatnotes)
        for line in self.lines[:12]:
            low = line.text.strip().lower()
            if low in sites and self.doc.site is None:
                self.doc.site = sites[low]
        i = 0
        while i < len(self.lines) and i < 40:
            line = self.lines[i]
            low = line.text.strip().lower()
            if is_blank(line) or low in self.boiler or low.startswith(hatnotes):
                i += 1
                continue
            if self.doc.title is None and _title_like(line.text) and not self.labels.match(line):
                self.doc.title = line.strip(" \t\u00a0")
                i += 1
                continue
            break
        return i

    def _read_fragment(self, i: int) -> int:
        """A copy that starts inside the infobox: its leading non-prose lines, before any
        heading or prose, form one unlabelled field that the assembler identifies by content."""
        block: list[Seg] = []
        j = i
        while j < len(self.lines) and j < i + 40:
            line = self.lines[j]
            if _ends_sentence(line.text) or (is_prose(line.text) and "(" not in line.text):
                break
            block.append(line)
            j += 1
        if j >= len(self.lines) or not any(not is_blank(s) for s in block):
            return i
        rows = [ln for ln in block if self._unknown_row(ln, colon=True) is not None]
        if len(rows) >= 2:
            # "Born<TAB>January 15, 1923", "Rank<TAB>Lt Col": an infobox of another kind (a person's,
            # a ship's), with labels no conflict infobox has; said, not read as commanders
            kept = [ln for ln in block if not is_blank(ln)]
            self.doc.warn(
                "uninterpreted",
                f"the copy starts with an infobox of another kind ({len(kept)} lines, labels such as "
                f"{', '.join(repr(self._unknown_row(r, colon=True)) for r in rows[:3])}), left out",
                Seg.join(kept, self.text),
            )
            return j
        if self.doc.title is None or len(block) > 1:
            self.doc.infobox = {"unlabelled": InfoboxField("unlabelled", [Cell(None, block)])}
            return j
        return i

    def _find_infobox(self, i: int) -> int | None:
        """The first label line near the top, before any prose."""
        for j in range(i, min(len(self.lines), i + 60)):
            line = self.lines[j]
            if self.labels.match(line):
                return j
            if is_prose(line.text):
                return None
        return None

    # --- infobox ------------------------------------------------------------------------------
    def _read_infobox(self, start: int) -> int:
        lines = self.lines
        region_end = self._region_end(start)
        tabbed = any("\t" in ln.text for ln in lines[start:region_end])
        has_header = {
            key: any(
                (m := self.labels.match(ln)) is not None and m.key == key for ln in lines[start:region_end]
            )
            for key in SIDE_KEYS
        }
        fields: dict[str, InfoboxField] = {}
        title_key = self.doc.title.text.strip().lower() if self.doc.title else None
        key: str | None = None
        columns = 0
        col = 1
        bullets_seen = False
        i = start
        while i < region_end:
            line = lines[i]
            label = self.labels.match(line)
            if label is not None:
                key = label.key
                col = 1
                bullets_seen = False
                fld = fields.setdefault(key, InfoboxField(key, [], label.seg))
                if key not in SIDE_KEYS and not is_blank(label.value):
                    _cell(fld, None).lines.append(label.value)
                elif key in SIDE_KEYS and not tabbed:
                    _cell(fld, None)
                i += 1
                continue
            if tabbed and key not in SIDE_KEYS:
                unknown = self._unknown_row(line)
                if unknown is not None:
                    # "Also known as<TAB>1942 raid": a row of a label this table does not know ends
                    # the field above it instead of running into it
                    self.doc.warn("unknown-label", f"infobox label {unknown!r} is not a known label", line)
                    key = None
                    i += 1
                    continue
            if key is None:
                i += 1
                continue
            if key in SIDE_KEYS:
                if tabbed:
                    if is_blank(line):
                        if col >= max(columns, 2):
                            key = None
                        i += 1
                        continue
                    col = self._tab_pieces(fields[key], line, col)
                    if key == "belligerents":
                        columns = max(columns, col)
                else:
                    _cell(fields[key], None).lines.append(line)
                i += 1
                continue
            # single-valued fields
            fld = fields[key]
            text = line.text.strip(" \t\u00a0")
            if is_blank(line):
                i += 1
                continue
            if title_key is not None and text.lower() == title_key:
                i += 1
                continue
            accepted = self._continues(key, fld, line, has_header["belligerents"], bullets_seen)
            if accepted:
                if _BULLET.match(line.text):
                    bullets_seen = True
                _cell(fld, None).lines.append(line.strip(" \t\u00a0"))
            elif key == "result" and not has_header["belligerents"]:
                key = "belligerents"
                has_header["belligerents"] = True
                fld = fields.setdefault(key, InfoboxField(key, []))
                _cell(fld, None).lines.append(line)
                self.doc.warn("missing-header", "belligerents read from the lines after the result", line)
            i += 1
        self.doc.infobox = fields
        self.doc.columns = columns if tabbed and columns else None
        if tabbed and not columns:
            self.doc.columns = (
                max((c.column or 0 for f in fields.values() for c in f.cells), default=0) or None
            )
        return region_end

    def _unknown_row(self, line: Seg, colon: bool = False) -> str | None:
        """The label of a `Label<TAB>value` row whose label is not a known one, else None; with
        `colon`, a `Label:<TAB>value` row too (a ship's infobox renders "Name:<TAB>Eagle")."""
        label, tab, value = line.text.strip(" \u00a0").partition("\t")
        label = label.strip()
        if colon and label.endswith(":"):
            label = label[:-1].rstrip()
        if not tab or not value.strip() or not label or len(label) > _ROW_LABEL_CHARS:
            return None
        if not label[:1].isupper() or label[-1:] in ".,;:)" or any(ch.isdigit() for ch in label):
            return None
        return label

    def _continues(self, key: str, fld: InfoboxField, line: Seg, header_later: bool, bullets: bool) -> bool:
        text = line.text.strip(" \t\u00a0")
        has_value = bool(fld.cells and fld.cells[0].lines)
        if text.lower().endswith(self.lang.image_suffixes):
            return False
        if key == "part_of":
            joiners = tuple(f"{j} " for j in self.lang.list_joiners)
            return text.startswith((*joiners, ",")) or not has_value
        if key == "date":
            return text.startswith("(") or not has_value
        if key == "coordinates":
            return not has_value
        if key == "result":
            if not has_value or header_later:
                return True
            return bool(_BULLET.match(line.text))
        return True

    def _tab_pieces(self, fld: InfoboxField, line: Seg, col: int) -> int:
        pos = 0
        for n, piece in enumerate(line.text.split("\t")):
            if n:
                col += 1
            seg = line.sub(pos, pos + len(piece)).strip(" \u00a0\u200b")
            pos += len(piece) + 1
            if seg.text:
                _cell(fld, col).lines.append(seg)
        return col

    def _navbox_at(self, j: int) -> bool:
        """Lines j.. are a navigation box's "v / t / e" links."""
        n = len(self.navbox)
        lines = self.lines
        return (
            bool(n)
            and j + n <= len(lines)
            and all(lines[j + k].text.strip().lower() == self.navbox[k] for k in range(n))
        )

    def _region_end(self, start: int) -> int:
        """Where the infobox stops: a navbox (v / t / e), running prose, or a heading."""
        lines = self.lines
        suffixes = self.lang.heading_suffixes
        values_seen = False
        for j in range(start, len(lines)):
            text = lines[j].text.strip()
            label = self.labels.match(lines[j])
            if label is not None and label.key != "part_of":
                values_seen = True
            if self._navbox_at(j):
                return j
            if values_seen and is_prose(lines[j].text) and not _BULLET.match(lines[j].text):
                return j
            if text.endswith(suffixes) and len(text) < 120:
                return j
        return len(lines)

    # --- prose, headings, references ---------------------------------------------------------
    def _read_prose(self, start: int) -> None:
        lines = self.lines
        suffixes = tuple(s for s in self.lang.heading_suffixes)
        kinds = {k.lower(): v for k, v in self.lang.section_kinds.items()}
        footer = tuple(f.lower() for f in self.lang.footer_markers)
        has_suffix = any(ln.text.rstrip().endswith(suffixes) for ln in lines[start:])
        if not has_suffix:
            # the contents name the headings, so read them before the lead: a caption above the
            # lead ("HMS Amazon during Exercise RIMPAC 86") is then no heading
            for j in range(start, len(lines)):
                if kinds.get(lines[j].text.strip(" \t\u00a0").lower()) == "contents":
                    self._skip_contents(j + 1)
                    break
        section = Section(None, "lead", [])
        sections = [section]
        prose_started = False
        ref_block: list[Seg] = []
        i = start
        while i < len(lines):
            line = lines[i]
            text = line.text.strip(" \t\u00a0")
            low = text.lower()
            if low.startswith(footer) or (prose_started and self._navbox_at(i)):
                break  # the page's end: its footer, or the navigation boxes above it ("v t e")
            if is_blank(line):
                if ref_block:
                    ref_block.append(line)  # a blank line ends a reference entry: the list reads it
                i += 1
                continue
            heading = self._heading(line, text, suffixes, has_suffix, kinds, i)
            if heading is not None:
                self._flush_refs(section, ref_block)
                name, seg = heading
                kind = kinds.get(name.lower(), "body")
                section = Section(name, kind, [], seg)  # type: ignore[arg-type]
                sections.append(section)
                prose_started = True
                self.heading_lines.add(i)
                i += 1
                continue
            if low in kinds and kinds[low] == "contents" and not has_suffix_heading(text, suffixes):
                i = self._skip_contents(i + 1)
                continue
            if section.kind in ("references", "notes", "bibliography") or (
                section.kind not in ("lead", "body") and _REF_LINE.match(line.text)
            ):
                ref_block.append(line)
                i += 1
                continue
            if _REF_LINE.match(line.text) and line.text.lstrip().startswith("^"):
                ref_block.append(line)
                i += 1
                continue
            self._flush_refs(section, ref_block)
            if section.kind in ("lead", "body"):
                if not prose_started and not (is_prose(text) or is_sentence(text)):
                    i += 1
                    continue
                prose_started = True
                if not self._caption_or_table(i, text):
                    section.paragraphs.append(line.strip(" \t\u00a0"))
            i += 1
        self._flush_refs(section, ref_block)
        self.doc.sections = [s for s in sections if s.paragraphs or s.heading]

    def _heading(
        self, line: Seg, text: str, suffixes: tuple[str, ...], has_suffix: bool, kinds: dict[str, str], i: int
    ) -> tuple[str, Seg] | None:
        if len(text) > 150:
            return None
        for suffix in suffixes:
            if text.endswith(suffix) and len(text) > len(suffix):
                seg = line.strip(" \t\u00a0")
                seg = seg.sub(0, len(seg.text) - len(suffix)).strip()
                return seg.text, seg
        if has_suffix:
            return None
        if self.toc:
            # a copy without edit links but with its table of contents: the contents name every
            # heading, and a short line they do not name is a caption ("Monument to the Victims ...")
            if text in self.toc:
                seg = line.strip(" \t\u00a0")
                return seg.text, seg
            return None
        # a short title-like line followed by prose, in a copy without edit links
        if (
            len(text) < 70
            and text[:1].isupper()
            and text[-1:] not in '.:;,!?"”)'
            and text.lower() not in self.boiler
        ):
            nxt = self._next_nonblank(i + 1)
            if nxt is not None and (is_prose(nxt.text) or nxt.text.strip().lower() in kinds):
                if not self.labels.match(line):
                    seg = line.strip(" \t\u00a0")
                    return seg.text, seg
        return None

    def _caption_or_table(self, i: int, text: str) -> bool:
        """A table row (TABs between cells), or a caption: a line without an end stop that
        stands alone between blank lines or sits right above a table."""
        if "\t" in self.lines[i].text:
            return True
        prev = self.lines[i - 1] if i else None
        prev_blank = (
            prev is None
            or is_blank(prev)
            or prev.text.rstrip().endswith(self.lang.heading_suffixes)
            or i - 1 in self.heading_lines
        )
        nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
        isolated = prev_blank and (nxt is None or is_blank(nxt))
        if nxt is not None and "\t" in nxt.text and not _ends_sentence(text) and len(text) <= 200:
            return True  # a table's caption
        if isolated and self._before_heading(i):
            # a section's short last paragraph ("... entered service in May 1974."): a thumbnail's
            # caption comes before the prose it illustrates, not right before the next heading
            return False
        # an image caption: one short line alone between blank lines (body paragraphs run longer)
        return isolated and len(text) < _CAPTION_CHARS and text.count(". ") == 0

    def _before_heading(self, i: int) -> bool:
        """The next non-blank line after line i is a heading the page marks (edit link or contents)."""
        nxt = self._next_nonblank(i + 1)
        if nxt is None:
            return False
        text = nxt.text.strip(" \t\u00a0")
        return text in self.toc or (len(text) < 150 and text.endswith(tuple(self.lang.heading_suffixes)))

    def _next_nonblank(self, i: int) -> Seg | None:
        while i < len(self.lines):
            if not is_blank(self.lines[i]):
                return self.lines[i]
            i += 1
        return None

    def _skip_contents(self, i: int) -> int:
        while i < len(self.lines):
            text = self.lines[i].text.strip()
            m = _CONTENTS_LINE.match(text)
            if m is not None:
                self.toc.add(text[m.end() - 1 :].strip())
            elif not is_blank(self.lines[i]):
                break
            i += 1
        return i

    def _flush_refs(self, section: Section, block: list[Seg]) -> None:
        if not block:
            return
        hint = {"notes": "note", "bibliography": "bibliography"}.get(section.kind)
        first_bib = 1 + sum(1 for r in self.doc.references if r.kind == "bibliography")
        read = _split_block(list(block), self.lang, hint, self.text, first_bib)
        entries = read.entries
        if hint == "note" and entries and all(e.kind != "note" for e in entries):
            # a notes section of its own (no "Citations" sub-heading): its entries are the notes the
            # prose cites as [a] or [nb 1] when that group has exactly as many ids
            group = self._note_group(len(entries))
            if group is not None:
                entries = _split_block(list(block), self.lang, group, self.text, first_bib).entries
        self.doc.references.extend(entries)
        if read.dropped:
            n = len(read.dropped)
            self.doc.warn(
                "uninterpreted",
                f"{n} {'line' if n == 1 else 'lines'} of the {section.heading or 'reference'} section "
                f"{'is no reference entry' if n == 1 else 'are no reference entries'}, left out: "
                f"{read.dropped[0].text.strip()[:60]!r}",
                Seg.join(read.dropped, self.text),
            )
        block.clear()

    def _note_group(self, count: int) -> str | None:
        """The `note:GROUP` hint of the page's one group of non-numeric citation ids with `count` ids."""
        from ..fields import citations
        from .reflist import note_hint

        ids = {m.value for m in citations.find(self.text, self.lang) if m.kind == "ref"}
        named = {i for i in ids if not i.isdecimal()}
        hint = note_hint(named)
        return hint if hint is not None and len(named) == count else None


def has_suffix_heading(text: str, suffixes: tuple[str, ...]) -> bool:
    return text.endswith(suffixes)


def _split_block(
    lines: list[Seg], lang: LangTable, hint: str | None, source: str, first_bib: int
) -> RefBlock:
    from .reflist import split_block

    return split_block(lines, lang, hint, source=source, first_bib=first_bib)


def _cell(fld: InfoboxField, column: int | None) -> Cell:
    for cell in fld.cells:
        if cell.column == column:
            return cell
    cell = Cell(column, [])
    fld.cells.append(cell)
    fld.cells.sort(key=lambda c: -1 if c.column is None else c.column)
    return cell


def _lang_code(lang: LangTable) -> Language:
    return lang.code if lang.code in ("en", "ar", "fr") else "en"  # type: ignore[return-value]


def read(text: str, lang: LangTable) -> Document:
    """Read a browser-copied page into a Document."""
    return _Reader(text, lang).read()
