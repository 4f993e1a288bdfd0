"""News and blog articles (no infobox): title, publication date, body paragraphs, page chrome.

The reader knows text layout and nothing about conflicts. What it decides:

- title: the first non-blank line that is not page chrome, unless that line is already a long
  sentence of running text (then the article has no title line);
- publication date: only where the text presents one as such, never from a date inside a body
  sentence. In order of preference: a short line near the top that starts with a
  `published_markers` phrase ("Posted on", "Publié le", "نشر في"); a short line that is only a
  date ("21 April, 2016", "10/06/2015"); a dateline opening the first long paragraph
  ("TRIPOLI, April 21, 2016 — ..."); a line with an `updated_markers` phrase ("آخر تحديث:").
  `Document.publication_date` is the Seg of the date itself. A date in the middle of a paragraph
  ("... se sont retirés le mercredi 21 avril 2016 ...") is an event date, left to the events pass;
- body: one Section(kind="body"); a paragraph is a line, or several lines of one block when a
  full-width line does not end a sentence and the next one goes on in lower case (hard-wrapped
  text). Every Seg is an exact slice of the input;
- chrome: the title repeated above the body is chrome, and so is a line that starts with an
  `article_boilerplate` phrase of any language table ("3 thoughts on", "Thank you for your
  contribution", "Laisser un commentaire", "اترك تعليقاً"), or a short line that contains one.
  Chrome after the first body paragraph starts the page footer (comment forms, share and login
  links, copyright lines): everything after it is footer. Chrome is not dropped: it is kept, with
  exact spans and with the date lines, in a Section(kind="other", heading=None) after the body,
  which the prose passes do not read.

`paragraph_langs(doc)` gives the language of each prose paragraph (a blog may be English then
French), so that the events pass can read each paragraph with its own table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import regex

from ..document import PROSE_KINDS, Document, Section, Seg
from ..lang import LANGUAGES, get
from ..lang.base import LangTable
from ..lang.detect import paragraph_languages
from ..models import Language
from .text import split_lines

_SPACES = " \t\u00a0\u202f\u200b\ufeff"
_SENTENCE_END = (".", "!", "?", ":", "»", "”", '"', "’", ")", "…", "؟", "۔")
_CHROME_CONTAINS_MAX = 60
"""A line this short is chrome when it merely contains a boilerplate phrase ('Log in')."""
_CHROME_PREFIX_MAX = 240
"""A line this long is body text even when it starts with a boilerplate phrase ('Related to ...')."""
_TITLE_PROSE = 200
_WRAP_WIDTH = 50
"""Hard-wrapped text fills its lines; a shorter line ends a paragraph or is a menu item."""
_OPENERS = "\"'“‘«(`"
_LONG_PARAGRAPH = 150
_HEADER_LINES = 8
_DATE_LINE_MAX = 80
_DATELINE_PREFIX = 80
_COUNT_PREFIX = re.compile(r"^\d{1,6}\s+")
_WORD = regex.compile(r"\w+(?:['’]\w+)?")
_NUMERIC_DATE = regex.compile(r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")
_DATE_PRIORITY = ("published", "bare", "dateline", "updated")
"""Which date a page gives counts as its publication date, when it gives several."""
_DATELINE = regex.compile(r"^(?P<head>[^\n]{3,80}?)[ \u00a0]+[—–-][ \u00a0]+")
_MARKUP = regex.compile(r"\{\{|\[\[|<ref[ >/]|</?(?:div|table|p|span|li|td)\b[^<>\n]{0,300}>", regex.I)
"""Wikitext and HTML signs: such a page is read by its own reader, never as an article."""
_CITATION = regex.compile(r"\[\d{1,3}\]")
_REF_LINE = regex.compile(r"^[ \t\u00a0]*\^")
_DAY_AND_SUFFIX = regex.compile(r"^(\d{1,2})(\p{L}+)$")
_TIME = regex.compile(r"\b\d{1,2}[:h]\d{2}\b(?:[ \u00a0]?[AaPp]\.?[Mm]\.?)?")


def read(text: str, lang: LangTable) -> Document:
    """Read a news or blog article into a Document (format "article")."""
    return _Reader(text, lang).read()


def looks_like_article(text: str) -> bool:
    """A news or blog article rather than a wiki page: several long paragraphs, no infobox.

    A wiki page, even a fragment without its labels, shows itself by citation markers `[6]`,
    `^` reference lines, reference phrases ('Retrieved', 'اطلع عليه بتاريخ') or infobox labels;
    markup (`{{`, `[[`, `<ref>`, `<div>`) means wikitext or HTML.
    """
    sample = text[:200_000]
    if len(_MARKUP.findall(sample)) >= 10:
        return False
    lines = sample.split("\n")
    long_paragraphs = sum(1 for line in lines if len(line.strip(_SPACES)) >= _LONG_PARAGRAPH)
    if long_paragraphs < 2:
        return False
    if len(_CITATION.findall(sample)) >= 3:
        return False
    if sum(1 for line in lines if _REF_LINE.match(line)) >= 2:
        return False
    tables = _tables(None)
    phrases = {p.lower() for t in tables for p in (*t.retrieved, *t.archived) if len(p) > 4}
    low = sample.lower()
    if sum(low.count(p) for p in phrases) >= 2:
        return False
    return len(_infobox_keys(lines, tables)) < 2


def paragraph_langs(doc: Document) -> list[str]:
    """The language of every prose paragraph of `doc`, in order over its prose sections.

    Aligned with `[p for s in doc.sections if s.kind in PROSE_KINDS for p in s.paragraphs]`.
    """
    paragraphs = [p.text for s in doc.sections if s.kind in PROSE_KINDS for p in s.paragraphs]
    return paragraph_languages(paragraphs, default=None)


# --- internals ---------------------------------------------------------------------------------


@cache
def _tables(first: str | None) -> tuple[LangTable, ...]:
    """Every language table, `first` (the document's) leading; a code without a table is skipped."""
    codes = ((first,) if first else ()) + LANGUAGES
    out: list[LangTable] = []
    for code in codes:
        table = get(code)
        if table.code == code and table not in out:
            out.append(table)
    return tuple(out)


def _norm(text: str) -> str:
    """Lower case, one kind of apostrophe and space, for phrase matching."""
    low = text.lower().replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(low.split())


def _infobox_keys(lines: list[str], tables: tuple[LangTable, ...]) -> set[str]:
    """Infobox keys whose label opens a line alone, before a tab or colon, or fused to a digit."""
    labels = sorted(((k.lower(), v) for t in tables for k, v in t.labels.items()), key=lambda kv: -len(kv[0]))
    keys: set[str] = set()
    for line in lines:
        low = line.strip(_SPACES).lower()
        if not low or len(low) > 200:
            continue
        for label, key in labels:
            if low.startswith(label):
                rest = low[len(label) :]
                if not rest or rest[0] in "\t:" or rest[0].isdecimal():
                    keys.add(key)
                break
    return keys


class _Reader:
    def __init__(self, text: str, lang: LangTable) -> None:
        self.text = text
        self.lang = lang
        self.tables = _tables(lang.code)
        self.prefixes = tuple(dict.fromkeys(_norm(p) for t in self.tables for p in t.article_boilerplate))
        self.whole_lines = frozenset(_norm(p) for t in self.tables for p in (*t.boilerplate, *t.sites))
        self.published = _longest_first(_norm(p) for t in self.tables for p in t.published_markers)
        self.updated = _longest_first(_norm(p) for t in self.tables for p in t.updated_markers)
        self.months = {_norm(m) for t in self.tables for m in t.months}
        self.weekdays = {_norm(d) for t in self.tables for d in t.weekdays}
        self.ordinals = {_norm(o) for t in self.tables for o in t.ordinal_suffixes}

    def read(self) -> Document:
        doc = Document(text=self.text, format="article", language=_language(self.lang))
        lines = split_lines(self.text)
        body: list[Seg] = []
        chrome: list[Seg] = []
        dates: dict[str, Seg] = {}
        i = self._read_title(doc, lines, chrome)
        in_footer = False
        first_long = True
        for para in self._paragraphs(lines[i:]):
            if _same_text(para, doc.title):
                chrome.append(para)  # the headline again: chrome, but the article goes on
                continue
            if in_footer or self._is_chrome(para.text):
                chrome.append(para)
                in_footer = in_footer or bool(body)
                continue
            if len(body) < _HEADER_LINES:
                found = self._date_line(para)
                if found is not None:
                    dates.setdefault(found[0], found[1])
                    chrome.append(para)
                    continue
                if first_long and len(para.text) >= _LONG_PARAGRAPH:
                    first_long = False
                    dateline = self._dateline(para)
                    if dateline is not None:
                        dates.setdefault("dateline", dateline)
            body.append(para)
        doc.publication_date = next((dates[k] for k in _DATE_PRIORITY if k in dates), None)
        doc.sections.append(Section(heading=None, kind="body", paragraphs=body))
        if chrome:
            chrome.sort(key=lambda seg: seg.start or 0)
            doc.sections.append(Section(heading=None, kind="other", paragraphs=chrome))
        return doc

    def _read_title(self, doc: Document, lines: list[Seg], chrome: list[Seg]) -> int:
        """Set the title from the first meaningful line; return the index of the line after it."""
        for i, line in enumerate(lines):
            seg = line.strip(_SPACES)
            if not seg.text:
                continue
            if self._is_chrome(seg.text):
                chrome.append(seg)
                continue
            if len(seg.text) >= _TITLE_PROSE and seg.text.endswith(_SENTENCE_END):
                return i  # running text from the first line: no title line
            doc.title = seg
            return i + 1
        return len(lines)

    def _paragraphs(self, lines: list[Seg]) -> list[Seg]:
        """Non-blank lines as paragraphs; a hard-wrapped line joins the next one."""
        out: list[Seg] = []
        current: Seg | None = None
        for line in lines:
            seg = line.strip(_SPACES)
            if not seg.text:
                if current is not None:
                    out.append(current)
                current = None
                continue
            if current is not None and _continues(current.text, seg.text):
                current = Seg.join([current, seg], self.text)
                continue
            if current is not None:
                out.append(current)
            current = seg
        if current is not None:
            out.append(current)
        return out

    def _is_chrome(self, text: str) -> bool:
        norm = _norm(text)
        if norm in self.whole_lines:
            return True
        counted = _COUNT_PREFIX.sub("", norm)
        for phrase in self.prefixes:
            if len(norm) <= _CHROME_PREFIX_MAX and (norm.startswith(phrase) or counted.startswith(phrase)):
                return True
            if len(norm) <= _CHROME_CONTAINS_MAX and _contains_word(norm, phrase):
                return True
        return False

    def _date_line(self, para: Seg) -> tuple[str, Seg] | None:
        """A short line near the top that is a date: ('published', 'Posted on 22 April 2016'),
        ('updated', 'آخر تحديث: 2017/12/11 ...') or ('bare', '21 April, 2016'); the Seg is the date."""
        if len(para.text) > _DATE_LINE_MAX:
            return None
        norm = _norm(para.text)
        for kind, markers in (("published", self.published), ("updated", self.updated)):
            marker = next((m for m in markers if norm.startswith(m)), None)
            if marker is not None:
                rest = para.sub(_marker_end(para.text, marker)).strip(_SPACES + ":")
                extent = self._date_extent(rest)
                return (kind, extent) if extent is not None else None
        extent = self._date_extent(para)
        if extent is None:
            return None
        others = [w for w in _WORD.findall(para.text) if not self._is_date_word(w)]
        return ("bare", extent) if len(others) <= 2 else None

    def _dateline(self, para: Seg) -> Seg | None:
        """'DERNA, Libya, April 21, 2016 — ...': the date of a dateline opening the first paragraph."""
        m = _DATELINE.match(para.text[: _DATELINE_PREFIX + 8])
        if m is None:
            return None
        return self._date_extent(para.sub(0, m.end("head")))

    def _date_extent(self, seg: Seg) -> Seg | None:
        """The stretch of `seg` from its first to its last date word, when it reads as a date."""
        numeric = _NUMERIC_DATE.search(seg.text)
        if numeric is not None:
            return seg.sub(numeric.start(), numeric.end())
        times = [(m.start(), m.end()) for m in _TIME.finditer(seg.text)]
        words = [m for m in _WORD.finditer(seg.text) if not any(a <= m.start() < b for a, b in times)]
        spans: list[tuple[int, int]] = []
        has_month = has_number = False
        for k, m in enumerate(words):
            w = _norm(m.group())
            pair = _norm(f"{w} {words[k + 1].group()}") if k + 1 < len(words) else ""
            if w in self.months or pair in self.months:
                has_month = True
                spans.append((m.start(), words[k + 1].end() if pair in self.months else m.end()))
            elif w in self.weekdays:
                spans.append((m.start(), m.end()))
            elif w.isdecimal() or self._is_ordinal_day(w):
                has_number = True
                spans.append((m.start(), m.end()))
        if not (has_month and has_number):
            return None
        return seg.sub(spans[0][0], max(end for _, end in spans))

    def _is_date_word(self, word: str) -> bool:
        w = _norm(word)
        return w in self.months or w in self.weekdays or w.isdecimal() or self._is_ordinal_day(w)

    def _is_ordinal_day(self, word: str) -> bool:
        """'1er', '5th': a day number and an ordinal suffix of a table."""
        m = _DAY_AND_SUFFIX.match(word)
        return m is not None and m.group(2) in self.ordinals


def _longest_first(phrases: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(phrases), key=lambda p: (-len(p), p)))


def _continues(previous: str, line: str) -> bool:
    """A hard-wrapped line: the previous one is a full-width line that stops mid-sentence, and this
    one goes on in lower case or with an opening quote ('International' above 'print' is two lines
    of a menu; a line opening with a bullet or a capital starts a new paragraph)."""
    last = previous.rsplit("\n", 1)[-1].rstrip()
    if len(last) < _WRAP_WIDTH or last.endswith(_SENTENCE_END):
        return False
    return line[:1].islower() or line[:1] in _OPENERS


def _same_text(para: Seg, title: Seg | None) -> bool:
    """The title repeated as a line of the page (a headline above the body)."""
    return title is not None and _norm(para.text) == _norm(title.text)


def _contains_word(norm: str, phrase: str) -> bool:
    at = norm.find(phrase)
    while at >= 0:
        before = norm[at - 1] if at > 0 else " "
        end = at + len(phrase)
        after = norm[end] if end < len(norm) else " "
        if not before.isalnum() and not (after.isalnum() and phrase[-1:].isalnum()):
            return True
        at = norm.find(phrase, at + 1)
    return False


def _marker_end(text: str, marker: str) -> int:
    """Where `marker` (normalised) ends in `text`: normalising never changes the length of a prefix
    without spaces, so walk the words."""
    want = len(marker.split())
    words = list(_WORD.finditer(text))
    if want <= len(words):
        return words[want - 1].end()
    return len(text)


def _language(lang: LangTable) -> Language:
    return lang.code if lang.code in ("en", "ar", "fr") else "en"  # type: ignore[return-value]
