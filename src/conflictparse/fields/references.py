"""One reference-list entry -> a Reference (field knowledge; no format knowledge).

The text of an entry is read the way Wikipedia's citation templates (CS1) print it, and hand-written
bibliography lines are read the way they are usually written:

    Authors (Date). "Title". Work. Date. Archived from the original on X. Retrieved Y. "Quote"
    "Title". Work. Date. Retrieved Y.
    Last, First (Year). Book Title. Series. Place: Publisher. ISBN 978-...
    Last, F. and Last, G. Book Title, Publisher, 2005, ISBN ...
    Glantz, p.117            Macksey 1972, pp. 121–123.            (kind "short")

Every phrase and word comes from the LangTable: `retrieved`, `archived`, `page_markers`,
`isbn_labels`, `author_separators`, `name_joiners`, `et_al`, `no_date_words`, `quote_pairs`, months
(through fields/dates.py). Decisions:

- title: the first quoted span whose closing mark is followed by `.`/`,` and a space (or ends the
  text, or is followed by ` [` / ` (`), so quotes inside a title (`"Abu Nabil Al-Anbari "not killed"
  in US Derna attack"`) stay in it; an empty title (`"".`) is None. With no quoted title the first
  sentence after the authors is the title (books).
- authors: the text before the title, less a trailing `(date)`, split on the separators and joiners;
  `et al.` is dropped. Organisations stay whole ("SPIEGEL ONLINE, Hamburg, Germany").
- work: the first sentence after a quoted title that is not a date, page, ISBN or URL fragment; a
  trailing `(in Italian)` is dropped. Books (unquoted titles) have no work.
- date: `(date)` after the authors, else the first sentence that is a date, else (books) a year
  closing the publisher sentence ("London: Pimlico, 2000").
- accessed / archived: the date after a `retrieved` / `archived` phrase, where ever the phrase
  stands ("News From Retrieved 29 January 2015" gives work "News From"); a phrase with no date after
  it is not taken.
- quote: what follows the last retrieved/archived date (CS1 prints the quote last), its quote
  marks removed; in a short footnote, a quoted sentence after the pages.
- pages: the page numbers without the marker ("117", "121–123", "250–253, 255–256").
- notes (kind "note") are explanatory text: only `raw` is kept.
- `entry.fields` (cite-template or HTML cite fields) win over the text, field by field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..document import RefEntry
from ..lang.base import LangTable, per_table
from ..models import PartialDate, Reference, ReferenceKind
from . import citations
from .dates import find_dates, lone_year, may_open_date

_URL = re.compile(r"https?://[^\s<>\"”]+")
_URLISH = re.compile(r"https?://|/|\.(?:html?|php|aspx?|cms|shtml)\b|^,")
_SENTENCE_END = re.compile(r"\.(?:\s|$)")
_TRAILING_YEAR = re.compile(r"[,\s]\s*(\d{4})\s*$")
_PUBLISHER_YEAR = re.compile(r",\s*([^,]{1,40}),\s*(\d{4})\s*$")
_INITIAL_END = re.compile(r"(?:^|[\s.])\w\.$")
_YEAR_END = re.compile(r"(?:^|\s)(\d{4})[a-z]?$")
_FILE_FORMAT = re.compile(r"\s*[(\[](?:PDF|DOC|DOCX|XLS|XLSX|PPT|RTF|PS)[)\]]$", re.IGNORECASE)
_TRANSLATION = re.compile(r"\s*\[[^\[\]]{1,300}\]$")
_YEAR_ANY = re.compile(r"(?<![\d–-])(1\d{3}|20\d{2})(?![\d–-])")
_VOLUME = re.compile(r"\s+\d{1,4}\s?(?:\(\d{1,4}\))?\s?:\s?\d+(?:\s?[–—-]\s?\d+)?$")
_PAREN_YEAR_END = re.compile(r"\s*\([^()]*\b(\d{4})\)[\s.,]*$")
_PLACE_PUBLISHER = re.compile(r",\s+([^\W\d][\w .'’-]{0,30}):\s+[^,:]{2,60}$")
_COMMA_YEAR_END = re.compile(r",\s*\d{4}$")
_DECIMAL = re.compile(r"\d")
_STOP_SPACE = re.compile(r"\.\s")
_EDITOR_KEY = re.compile(r"editor(\d*)(?:-(?:last|surname))?(\d*)")
_AUTHOR_KEY = re.compile(r"(last|surname|author)(\d*)")
_AUTHOR_STEMS = ("last", "surname", "author")
_MAX_SHORT = 160
_WORK_KEYS = ("work", "newspaper", "website", "journal", "magazine", "periodical", "encyclopedia", "agency")


# --- compiled table phrases ----------------------------------------------------------------------


@dataclass
class _Rx:
    retrieved: _Bounded | None
    archived: _Bounded | None
    page: _Bounded | None
    isbn: _Bounded | None
    joiners: re.Pattern[str] | None
    et_al: _Bounded | None
    separators: str
    nodate: _Bounded | None
    name_year: re.Pattern[str]
    pairs: dict[str, str]
    joiner_words: frozenset[str]
    date_joiners: frozenset[str]
    """Casefolded words that join two dates ("7 and 14 March", "5 to 9 May")."""
    editors: tuple[str, ...]
    editor_tail: re.Pattern[str] | None
    """An editor mark closing the names before a title: "Brooks, Richard, ed.", "(eds.)"."""
    abbreviations: frozenset[str]


class _Bounded:
    r"""`(?<!\w)` + `body`: a pattern that must not follow a word character. re tries a pattern that
    opens with a lookbehind at every index; the body alone lets it jump to where the body can start
    (twice as fast over a reference), so searches run the body and test the character before here.
    The body never matches the empty string."""

    def __init__(self, body: str, flags: int = 0) -> None:
        self.full = re.compile(r"(?<!\w)" + body, flags)
        self.bare = re.compile(body, flags)

    def search(self, t: str, pos: int = 0) -> re.Match[str] | None:
        while (m := self.bare.search(t, pos)) is not None:
            i = m.start()
            if i == 0 or not _WORD.match(t, i - 1):
                return m
            pos = i + 1
        return None

    def finditer(self, t: str, pos: int = 0) -> Iterator[re.Match[str]]:
        while (m := self.search(t, pos)) is not None:
            yield m
            pos = m.end()

    def match(self, t: str) -> re.Match[str] | None:
        return self.full.match(t)

    def fullmatch(self, t: str) -> re.Match[str] | None:
        return self.full.fullmatch(t)

    def sub(self, repl: str, t: str) -> str:
        """`full.sub` for a plain `repl` (no group references)."""
        parts: list[str] = []
        pos = 0
        for m in self.finditer(t):
            parts += (t[pos : m.start()], repl)
            pos = m.end()
        if not parts:
            return t
        parts.append(t[pos:])
        return "".join(parts)


_WORD = re.compile(r"\w")


def _phrases(words: tuple[str, ...], flags: int = re.IGNORECASE) -> _Bounded | None:
    items = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    if not items:
        return None
    alts = [r"\s+".join(re.escape(part) for part in w.split()) for w in items]
    return _Bounded(r"(?:" + "|".join(alts) + r")(?!\w)", flags)


@per_table
def _rx(lang: LangTable) -> _Rx:
    markers = sorted((m for m in lang.page_markers if m), key=len, reverse=True)
    page = None
    if markers:
        num = r"[\dIVXLCivxlc]+(?:\s?[–—-]\s?[\dIVXLCivxlc]+)?(?:ff?\.?)?"
        page = _Bounded(
            r"(?:"
            + "|".join(re.escape(m) for m in markers)
            + r")\s?(?P<spec>"
            + num
            + r"(?:,\s?"
            + num
            + r")*)(?!\w)"
        )
    isbn = None
    labels = sorted((x for x in lang.isbn_labels if x), key=len, reverse=True)
    if labels:
        isbn = _Bounded(
            r"(?:"
            + "|".join(re.escape(x) for x in labels)
            + r"):?\s*(?P<n>[\dXx][\d\-‐‑ Xx]{7,20}[\dXx])(?!\w)",
            re.IGNORECASE,
        )
    joiners = None
    jw = sorted((w for w in lang.name_joiners if w), key=len, reverse=True)
    if jw:
        joiners = re.compile(r"\s+(?:" + "|".join(re.escape(w) for w in jw) + r")\s+")
    nodate_words = sorted((w for w in lang.no_date_words if w), key=len, reverse=True)
    alts = [r"\d{4}[a-z]?"] + [re.escape(w.rstrip(".")) for w in nodate_words]
    name_year = re.compile(r"([^\d,.;:()\"“”«»\[\]]{1,60}?)[ \u00a0](?:" + "|".join(alts) + r")\.?")
    tails = {v for e in lang.editor_markers if e for v in (e, e.rstrip("."))}
    editor_tail = None
    if tails:
        tail_alts = "|".join(re.escape(v) for v in sorted(tails, key=len, reverse=True))
        editor_tail = re.compile(rf"(?:^|(?<=[\s,;]))(?:{tail_alts})[\s.]*$", re.IGNORECASE)
    rx = _Rx(
        retrieved=_phrases(lang.retrieved),
        archived=_phrases(lang.archived),
        page=page,
        isbn=isbn,
        joiners=joiners,
        et_al=_phrases(lang.et_al),
        separators="".join(lang.author_separators),
        nodate=_phrases(lang.no_date_words),
        name_year=name_year,
        pairs=dict(lang.quote_pairs),
        joiner_words=frozenset(jw),
        date_joiners=frozenset(w.casefold() for w in (*lang.list_joiners, *lang.range_words)),
        editors=tuple(sorted((e for e in lang.editor_markers if e), key=len, reverse=True)),
        editor_tail=editor_tail,
        abbreviations=frozenset(
            a.lower()
            for a in (*lang.abbreviations, *lang.page_markers, *lang.editor_markers)
            if a.endswith(".")
        ),
    )
    return rx


# --- public --------------------------------------------------------------------------------------


def looks_short(text: str, lang: LangTable) -> bool:
    """A short footnote: `Glantz, p.117`, `Macksey 1972, pp. 121–123.`, `Roberts 2014.`, `Parri nd.`"""
    rx = _rx(lang)
    t = text.strip()
    if not t or len(t) > _MAX_SHORT or t.startswith(tuple(rx.pairs)):
        return False
    if rx.page is not None:
        m = rx.page.search(t)
        if m:
            before = t[: m.start()]
            return (
                len(before.split()) <= 10
                and not any(q in before for q in rx.pairs)
                and "(" not in before
                and ": " not in before
            )
    m2 = rx.name_year.fullmatch(t)
    return m2 is not None and len(m2.group(1).split()) <= 5


def parse_reference(entry: RefEntry, lang: LangTable) -> Reference:
    """The fields of one reference-list entry; `raw` is the entry's text, `cited_by` is left 0."""
    raw = entry.seg.text
    rx = _rx(lang)
    kind: ReferenceKind = entry.kind or "citation"
    text = "" if kind == "note" else _plain(raw, lang)  # a note's text is not read
    if kind == "citation" and not (entry.fields and entry.fields.get("title")) and looks_short(text, lang):
        kind = "short"
    out = _Out()
    if kind == "short":
        _parse_short(text, rx, lang, out)
    elif kind != "note":
        _parse_full(text, rx, lang, out)
    _move_editors(out, rx)
    if entry.fields:
        _apply_fields(entry.fields, rx, lang, out)
    placed = _memo(lang).placed
    return Reference(
        id=entry.id,
        kind=kind,
        title=out.title or None,
        authors=out.authors,
        editors=out.editors,
        work=out.work or None,
        date=_own(out.date, placed),
        accessed=_own(out.accessed, placed),
        archived=_own(out.archived, placed),
        quote=out.quote or None,
        pages=out.pages or None,
        isbn=out.isbn or None,
        url=out.url or None,
        cited_by=0,
        raw=raw,
        span=entry.seg.span,
    )


def _plain(raw: str, lang: LangTable) -> str:
    """The entry's text without citation markers, every run of white space one space: what
    `citations.cut` gives with its spaces folded, in one pass of `str.split` instead of two regex
    substitutions (each a replacement per space)."""
    markers = citations.find(raw, lang)
    if markers:
        parts: list[str] = []
        pos = 0
        for mk in markers:
            parts.append(raw[pos : mk.start])
            pos = mk.end
        parts.append(raw[pos:])
        raw = "".join(parts)
    return " ".join(raw.split())


@dataclass(init=False)
class _Out:
    """The fields read so far (`__init__` written out: a generated one stays interpreted under mypyc)."""

    title: str | None
    authors: list[str]
    editors: list[str]
    work: str | None
    date: PartialDate | None
    accessed: PartialDate | None
    archived: PartialDate | None
    quote: str | None
    pages: str | None
    isbn: str | None
    url: str | None

    def __init__(
        self,
        title: str | None = None,
        authors: list[str] | None = None,
        editors: list[str] | None = None,
        work: str | None = None,
        date: PartialDate | None = None,
        accessed: PartialDate | None = None,
        archived: PartialDate | None = None,
        quote: str | None = None,
        pages: str | None = None,
        isbn: str | None = None,
        url: str | None = None,
    ) -> None:
        self.title = title
        self.authors = [] if authors is None else authors
        self.editors = [] if editors is None else editors
        self.work = work
        self.date = date
        self.accessed = accessed
        self.archived = archived
        self.quote = quote
        self.pages = pages
        self.isbn = isbn
        self.url = url


# --- full citations ------------------------------------------------------------------------------


def _parse_full(t: str, rx: _Rx, lang: LangTable, out: _Out) -> None:
    url = _URL.search(t)
    if url:
        out.url = url.group(0).rstrip(".,;)")
    isbn = rx.isbn.search(t) if rx.isbn is not None else None
    if isbn:
        out.isbn = isbn.group("n").strip()
    title = _find_title(t, rx.pairs) or _lone_pair(t, rx.pairs)
    after = title[1] + 1 if title else 0
    body_end, out.archived, out.accessed, quote = _tail(t, after, rx, lang)
    if quote:
        out.quote = quote
    body = t[:body_end]
    if title is not None:
        ts, te = title
        title_text = t[ts:te].strip()
        if title_text.endswith((".", ",")) and not _INITIAL_END.search(title_text):
            title_text = title_text[:-1]
        out.title = _cut_bracket_end(_FILE_FORMAT, title_text)
        out.authors, out.date = _prefix(t[: ts - 1], rx, lang)
        _after_title(_pieces(body[te + 1 :], rx), rx, lang, out)
    else:
        # the body is t cut before its archived/retrieved part: with no ISBN in t it holds none,
        # unless the cut frees a number that a word character followed ("ISBN 0-19-1Retrieved")
        isbn_in_body = isbn is not None or (body_end < len(t) and _WORD.match(t, body_end) is not None)
        _book(body, rx, lang, out, isbn_in_body)


def _find_title(t: str, pairs: dict[str, str]) -> tuple[int, int] | None:
    """(start, end) of the title inside its quote marks, or None. The first opening mark with a
    closing one after it wins, so closing marks are tested only from an opening mark on, and a mark
    with none left after one opening mark has none after a later one either."""
    spent: set[str] = set()
    for i in sorted(i for c in pairs for i in _positions(t, c)):
        if i > 0 and t[i - 1] not in " \t([^":
            continue
        c = pairs[t[i]]
        if c in spent:
            continue
        j = _next_close(t, c, i + 1, c in pairs)
        if j >= 0:
            return i + 1, j
        spent.add(c)
    return None


def _next_close(t: str, c: str, pos: int, ambiguous: bool) -> int:
    """The first index from pos where the mark c closes a title, or -1."""
    j = t.find(c, pos)
    while j >= 0 and not _closes(t, j, ambiguous):
        j = t.find(c, j + 1)
    return j


def _lone_pair(t: str, pairs: dict[str, str]) -> tuple[int, int] | None:
    """A title in the only two marks of a kind that both opens and closes, opening the entry or right
    after a full stop or colon (the authors'), closed before a space or the end: `Cianflone, Frank A.
    "The Eagle Boats of World War I" United States Naval Institute Proceedings June 1973` (the strict
    rule wants "Title." or "Title",). After a comma the marks quote inside a title ("The Glory Years")."""
    for c in pairs:
        if pairs[c] != c or t.count(c) != 2:
            continue
        i = t.find(c)
        j = t.find(c, i + 1)
        before = t[:i].rstrip()
        if (not before or before[-1] in ".:([") and j > i + 1 and t[j + 1 : j + 2] in ("", " "):
            return i + 1, j
    return None


def _positions(t: str, c: str) -> list[int]:
    """Every index of the character c in t (str.find is C speed; a Python scan of t is not)."""
    out: list[int] = []
    j = t.find(c)
    while j >= 0:
        out.append(j)
        j = t.find(c, j + 1)
    return out


def _closes(t: str, j: int, ambiguous: bool) -> bool:
    """Whether the mark at j can close a title (`ambiguous`: it also opens one, like `"`)."""
    if not ambiguous:
        return True
    nxt, nxt2 = t[j + 1 : j + 2], t[j + 2 : j + 3]
    if not nxt:
        return True
    if nxt in ".,;" and (not nxt2 or nxt2.isspace()):
        return True
    if t[j + 1 : j + 3] in (" [", " ("):
        return True
    return j > 0 and t[j - 1] in ".,!?" and nxt.isspace()


def _tail(
    t: str, start: int, rx: _Rx, lang: LangTable
) -> tuple[int, PartialDate | None, PartialDate | None, str]:
    """Where the archived/retrieved part starts, its two dates, and the quote after it."""
    hits: list[tuple[int, int, str, PartialDate]] = []
    for name, pat in (("archived", rx.archived), ("retrieved", rx.retrieved)):
        if pat is None:
            continue
        for m in pat.finditer(t, start):
            got = _date_after(t, m.end(), lang)
            if got is not None:
                hits.append((m.start(), got[1], name, got[0]))
    if not hits:
        return len(t), None, None, ""
    hits.sort(key=lambda h: h[0])
    taken = [hits[0]]
    for h in hits[1:]:
        gap = t[taken[-1][1] : h[0]]
        if gap.strip(" .,;()") and not _only_brackets(gap.strip(" .,;")):
            break
        taken.append(h)
    archived = next((h[3] for h in taken if h[2] == "archived"), None)
    accessed = next((h[3] for h in taken if h[2] == "retrieved"), None)
    return taken[0][0], archived, accessed, _unquote(t[taken[-1][1] :], rx)


def _date_after(t: str, pos: int, lang: LangTable) -> tuple[PartialDate, int] | None:
    """The date right after a phrase ("on" and spaces skipped by the phrase itself) and where it ends."""
    while pos < len(t) and t[pos] in " :":
        pos += 1
    end = pos
    limit = min(len(t), pos + 80)  # a date is short: never look further (keeps this linear)
    for _ in range(3):  # a date may hold a full stop: "Nov. 5, 2014"
        m = _SENTENCE_END.search(t, end, limit)
        stop, after = (m.start(), m.end()) if m else (limit, limit)
        d = _whole_date(t[pos:stop], lang)
        if d is not None:
            return d, after
        if not m:
            break
        end = m.end()
    return None


def _prefix(p: str, rx: _Rx, lang: LangTable) -> tuple[list[str], PartialDate | None]:
    """Authors and date from the text before a quoted title: `Authors (date). `."""
    s = p.strip()
    core = s.rstrip(" .,:")
    if core.endswith(")"):
        i = core.rfind("(")
        if i >= 0:
            d = _whole_date(core[i + 1 : -1], lang)
            if d is not None:
                return _split_authors(core[:i], rx), d
    return _split_authors(s, rx), None


def _after_title(pieces: list[str], rx: _Rx, lang: LangTable, out: _Out) -> None:
    for piece in pieces:
        s = piece.strip(" ,;:")
        if not s or _only_brackets(s) or _is_nodate(s, rx):
            continue
        if rx.isbn is not None and rx.isbn.match(s):
            continue
        pm = rx.page.match(s) if rx.page is not None else None
        if pm:
            out.pages = out.pages or pm.group("spec")
            continue
        d = _whole_date(s, lang)
        if d is not None:
            out.date = out.date or d
            continue
        if _URLISH.search(s) or _is_editor(s, rx):
            continue
        # "United States Naval Institute Proceedings June 1973 pp.76–80": a work with no full stops
        pm = _last_match(rx.page, s)
        if pm is not None and pm.start() > 0 and not s[pm.end() :].strip(" .,;"):
            out.pages = out.pages or pm.group("spec")
            s = s[: pm.start()].rstrip(" ,;:")
        s, d = _trailing_date(s, rx, lang)
        if d is not None:
            out.date = out.date or d
        if out.work is None:
            out.work = _VOLUME.sub("", _drop_trailing_brackets(s)).strip() or None


def _last_match(pattern: _Bounded | None, s: str) -> re.Match[str] | None:
    last = None
    if pattern is not None:
        for last in pattern.finditer(s):  # noqa: B007 - the last one is wanted
            pass
    return last


def _trailing_date(s: str, rx: _Rx, lang: LangTable) -> tuple[str, PartialDate | None]:
    """A date closing a piece that has words before it: "Proceedings June 1973" -> June 1973."""
    words = s.split()
    joiners = rx.date_joiners
    for n in (3, 2, 1):
        if len(words) > n + 1:
            d = _whole_date(" ".join(words[-n:]), lang)
            if d is None:
                continue
            if words[-n - 1].casefold() in joiners or words[-n - 1][:1].isdigit():
                return s, None  # "7 and 14 March 1997": part of a longer date
            return " ".join(words[:-n]).rstrip(" ,;:"), d
    return s, None


def _book(body: str, rx: _Rx, lang: LangTable, out: _Out, isbn_in_body: bool) -> None:
    """A citation with no quoted title: `Last, First (Year). Title. ...`, `Last, F. Title. ...`,
    `First Last, Title (Place: Publisher, Year), p. N` or `First Last, Title, Publisher, Year`."""
    if rx.isbn is not None and isbn_in_body:
        body = rx.isbn.sub("", body)
    if rx.page is not None:
        pm = rx.page.search(body)
        if pm and pm.start() > 0:
            out.pages = pm.group("spec")
            body = body[: pm.start()].rstrip(" ,;:")
    rest = body
    paren = _paren_date(body[:200], lang)
    ended = _author_end(body[:200], rx, lang) if paren is not None else None
    if (
        paren is not None
        and ended is not None
        and ended < paren[0]
        and ", " in body[ended : paren[0]]
        and not all(_name_like(a, rx) for a in _split_authors(body[: paren[0]], rx))
    ):
        # "Silverstone, Paul H. U.S. Warships of World War II, Doubleday & Company (1968)": the year
        # closes the title and publisher, it does not end the authors
        i, j, pdate = paren
        out.date, body, paren = pdate, (body[:i].rstrip() + " " + body[j:].lstrip(" .,")).strip(), None
        rest = body
    if paren is not None:
        i, j, pdate = paren
        out.authors, out.date, rest = _split_authors(body[:i], rx), pdate, body[j:]
    else:
        b = _author_end(body[:200], rx, lang)
        if b is not None:
            out.authors, rest = _split_authors(body[: b + 1], rx), body[b + 1 :]
        elif _comma_style(body, rx, lang, out):
            return
    comma_style = rest.lstrip(" ")[:1] == ","
    pieces = [
        p
        for p in _pieces(rest.lstrip(" .,:;"), rx)
        if p.strip(" ,;:") and not _only_brackets(p.strip(" ,;:")) and not _is_editor(p, rx)
    ]
    if not pieces:
        return
    title = pieces[0].strip(" ,;:")
    m = _PUBLISHER_YEAR.search(title)
    if m and out.date is None:
        d = _whole_date(m.group(2), lang)
        if d is not None:
            title, out.date = title[: m.start()].strip(), d
    if comma_style:
        m2 = _PLACE_PUBLISHER.search(title)
        if m2:
            title = title[: m2.start()].strip()
    out.title = _clean_book_title(title)
    for piece in pieces[1:]:
        s = piece.strip(" ,;:")
        pm = rx.page.match(s) if rx.page is not None else None
        if pm:
            out.pages = out.pages or pm.group("spec")
            continue
        if out.date is None:
            d = _whole_date(s, lang)
            if d is None:
                y = _TRAILING_YEAR.search(s)
                d = _whole_date(y.group(1), lang) if y else None
            if d is not None:
                out.date = d


def _comma_style(body: str, rx: _Rx, lang: LangTable, out: _Out) -> bool:
    """`First Last, Title (Place: Publisher, Year)` and `First Last, Title, Publisher, Place, Year`."""
    i = body.find(" (")
    while 0 <= i < 300:
        j = body.find(")", i)
        if j < 0:
            break
        inner = body[i + 2 : j]
        y = _TRAILING_YEAR.search(inner)
        if ":" in inner and y:
            head = body[:i].rstrip(" ,")
            parts = head.split(", ", 1)
            if len(parts) == 2 and _name_like(parts[0], rx):
                out.authors, head = [parts[0]], parts[1]
            out.title = _clean_book_title(head, year_last=True)
            out.date = _whole_date(y.group(1), lang)
            return True
        i = body.find(" (", i + 2)
    closing = _PAREN_YEAR_END.search(body)
    tail: list[str] = []
    if closing is not None and closing.start() > 0:
        # "Winfield, Rif, British Warships in the Age of Sail: 1714–1792 (Seaforth Publishing, 2007)":
        # the closing parenthesis is one part, the publisher and year
        tail, body = [closing.group(0).strip(" .,()")], body[: closing.start()]
    parts = [p.strip() for p in body.split(", ")] + tail
    if (
        len(parts) >= 4
        and len(parts[0].split()) == 1
        and _given_name(parts[1])
        and len(parts[2].split()) > len(parts[1].split())
        and parts[2][:1].isupper()
    ):
        # "Sears, David, The Last Epic Naval Battle: Voices from Leyte Gulf, NAL Caliber 2005"
        parts = [f"{parts[0]}, {parts[1]}", *parts[2:]]
    if len(parts) >= 3 and _name_like(parts[0], rx) and parts[1][:1].isupper():
        out.authors, out.title = [parts[0]], _clean_book_title(parts[1])
        years = _YEAR_ANY.findall(", ".join(parts[2:]))
        if years:
            out.date = _whole_date(years[-1], lang)
        return True
    return False


def _given_name(s: str) -> bool:
    """ "David", "Paul H.", "J. R.": a capitalised word and initials ("Manfred Stalingrad" is not one)."""
    words = s.split()
    if not 0 < len(words) <= 2 or not all(w[:1].isupper() and w.rstrip(".").isalpha() for w in words):
        return False
    return len(words) == 1 or len(words[1].rstrip(".")) == 1


def _name_like(s: str, rx: _Rx) -> bool:
    words = s.split()
    return 0 < len(words) <= 5 and ":" not in s and _name_words(s, rx) and any(len(w) > 2 for w in words)


def _clean_book_title(title: str, year_last: bool = False) -> str:
    """Drop a trailing translation `[...]` and file format `(PDF)`; with `year_last`, a trailing
    `, 1975` (the first edition's year in `Title, 1975 (Place: Publisher, 1995)`)."""
    title = title.strip(" ,;:")
    m = _COMMA_YEAR_END.search(title) if year_last else None
    if m:
        title = title[: m.start()]
    title = _cut_bracket_end(_TRANSLATION, title).strip() or title
    return _cut_bracket_end(_FILE_FORMAT, title).strip() or title


def _cut_bracket_end(pattern: re.Pattern[str], s: str) -> str:
    """`pattern.sub("", s)` for a pattern closing with ")" or "]" at the end: re would try it at
    every index of a string that does not end so."""
    return pattern.sub("", s) if s.rstrip("\n").endswith((")", "]")) else s


def _paren_date(s: str, lang: LangTable) -> tuple[int, int, PartialDate] | None:
    """The first `(date)` of `s`: (index of "(", index after ")", date)."""
    pos = 0
    while True:
        i = s.find("(", pos)
        if i < 0:
            return None
        j = s.find(")", i)
        if j < 0:
            return None
        d = _whole_date(s[i + 1 : j], lang)
        if d is not None:
            return i, j + 1, d
        pos = i + 1


def _author_end(s: str, rx: _Rx, lang: LangTable) -> int | None:
    """Index of the full stop ending a `Last, First.` author list at the start of `s`, or None."""
    for m in _STOP_SPACE.finditer(s):
        b = m.start()
        nxt = s[m.end() : m.end() + 1]
        if not nxt or not (nxt.isupper() or nxt.isdecimal() or nxt in rx.pairs):
            continue
        prefix = s[:b]
        if not _name_words(prefix, rx):
            return None
        if "," not in prefix:
            continue
        tail = prefix
        for sep in rx.separators:
            tail = tail.rsplit(sep, 1)[-1]
        if rx.joiners is not None:
            tail = rx.joiners.split(tail)[-1]
        parts = tail.split(",")
        if len(parts) == 2:
            return b
        last = parts[-1].split()
        if last and len(last[-1].strip(".")) >= 2:
            return b
    return None


def _name_words(prefix: str, rx: _Rx) -> bool:
    words = prefix.split()
    if not words or len(words) > 12 or _DECIMAL.search(prefix):  # no word of a name holds a digit
        return False
    for w in words:
        core = w.strip(",.;")
        if not core:
            continue
        if core[0].isupper() or core in rx.joiner_words or (core.islower() and len(core) <= 3):
            continue
        if rx.et_al is not None and rx.et_al.fullmatch(core):
            continue
        return False
    return True


# --- short footnotes -----------------------------------------------------------------------------


def _parse_short(t: str, rx: _Rx, lang: LangTable, out: _Out) -> None:
    name = t
    rest = ""
    if rx.page is not None:
        m = rx.page.search(t)
        if m:
            out.pages = m.group("spec")
            name, rest = t[: m.start()], t[m.end() :]
    name = name.strip(" ,.;:")
    if rx.nodate is not None:
        nd = rx.nodate.search(name)
        if nd and not name[nd.end() :].strip(" .,"):
            name = name[: nd.start()].strip(" ,.;:")
    y = _YEAR_END.search(name)
    if y:
        out.date = _whole_date(y.group(1), lang)
        name = name[: y.start()].strip(" ,.;:")
    if "," in name:
        name = name.split(",", 1)[0]  # "Prouty, Empress Taytu": author, short title
    authors = _split_authors(name, rx)
    out.authors = [] if any(len(a.split()) > 4 for a in authors) else authors
    rest = rest.strip(" .,;")
    if rest[:1] in rx.pairs:
        out.quote = _unquote(rest, rx) or None


# --- structured fields ---------------------------------------------------------------------------


def _apply_fields(fields: dict[str, str], rx: _Rx, lang: LangTable, out: _Out) -> None:
    f = {_key(k): s for k, v in fields.items() if v and (s := v.strip())}
    if "title" in f:
        out.title = f["title"]
    authors = _field_authors(f, rx)
    if authors:
        out.authors = authors
    editors = _field_editors(f)
    if editors:
        out.editors = editors
        if not authors:  # what the text parse took for authors may be these editors
            out.authors = [a for a in out.authors if a not in editors]
    work = next((f[k] for k in _WORK_KEYS if k in f), None)
    if work:
        out.work = work
    for key, attr in (
        ("date", "date"),
        ("year", "date"),
        ("access-date", "accessed"),
        ("archive-date", "archived"),
    ):
        if key in f:
            d = _whole_date(f[key], lang)
            if d is not None and (key != "year" or "date" not in f):
                setattr(out, attr, d)
    if "quote" in f:
        out.quote = _unquote(f["quote"], rx) or None
    if "url" in f:
        out.url = f["url"]
    pages = f.get("pages") or f.get("page") or f.get("at")
    if pages:
        out.pages = pages
    if "isbn" in f:
        out.isbn = f["isbn"]


def _key(k: str) -> str:
    if not (k.isalpha() and k.islower()):  # most keys are one lower-case word already: "title"
        k = k.strip().lower().replace("_", "-").replace(" ", "-")
    return _KEY_ALIASES.get(k, k)


_KEY_ALIASES = {"accessdate": "access-date", "archivedate": "archive-date", "archiveurl": "archive-url"}


def _move_editors(out: _Out, rx: _Rx) -> None:
    """Names closed by an editor mark ("Rose, J. Holland; Reginald L. Poole, eds.") are editors."""
    if not out.authors or rx.editor_tail is None:
        return
    m = rx.editor_tail.search(out.authors[-1])
    if m is None:
        return
    last = out.authors[-1][: m.start()].strip(" ,;:(")
    names = [*out.authors[:-1], *([last] if last else [])]
    out.editors, out.authors = names, []


def _field_editors(f: dict[str, str]) -> list[str]:
    """`editor-last` / `editor1-last` / `editor-first` / `editor` fields of a citation template."""
    out: list[tuple[int, str]] = []
    for k, v in f.items():
        m = _EDITOR_KEY.fullmatch(k) if k.startswith("editor") else None
        if not m:
            continue
        n = m.group(1) or m.group(2)
        first = f.get(f"editor{n}-first") or f.get(f"editor-first{n}") or f.get(f"editor{n}-given")
        out.append((int(n or "1"), f"{v}, {first}" if first else v))
    return [e for _, e in sorted(out, key=lambda x: x[0])]


def _field_authors(f: dict[str, str], rx: _Rx) -> list[str]:
    out: list[tuple[int, str]] = []
    for k, v in f.items():
        m = _AUTHOR_KEY.fullmatch(k) if k.startswith(_AUTHOR_STEMS) else None
        if not m:
            continue
        n = int(m.group(2) or "1")
        if m.group(1) == "author":
            if f"last{m.group(2)}" in f or (not m.group(2) and "last1" in f):
                continue
            out.append((n, v))
        else:
            first = f.get(f"first{m.group(2)}") or f.get(f"given{m.group(2)}")
            if not first and not m.group(2):
                first = f.get("first1")
            out.append((n, f"{v}, {first}" if first else v))
    if not out and "authors" in f:
        return _split_authors(f["authors"], rx)
    return [a for _, a in sorted(out, key=lambda x: x[0])]


# --- small helpers -------------------------------------------------------------------------------


def _split_authors(s: str, rx: _Rx) -> list[str]:
    s = s.strip(" ,;:")
    if not s:
        return []
    parts = [s]
    for sep in rx.separators:
        parts = [q for p in parts for q in p.split(sep)]
    if rx.joiners is not None:
        parts = [q for p in parts for q in rx.joiners.split(p)]
    out: list[str] = []
    for p in parts:
        if rx.et_al is not None:
            m = rx.et_al.search(p)
            if m:
                p = p[: m.start()]
        p = p.strip(" ,;:")
        if p.endswith(".."):
            p = p[:-1]
        if p.endswith(".") and not _INITIAL_END.search(p):
            p = p.rstrip(".").strip()
        if p:
            out.append(p)
    return out


def _pieces(s: str, rx: _Rx) -> list[str]:
    """Cut at full stops followed by a space, a comma or the end; not after an initial or an
    abbreviation of the table ("p.", "Vol."), not inside brackets."""
    out: list[str] = []
    depth = 0
    start = 0
    n = len(s)
    for m in _PIECE_MARK.finditer(s):  # only brackets and full stops matter: skip the rest
        i = m.start()
        ch = s[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            word_start = i
            while word_start > start and not s[word_start - 1].isspace() and s[word_start - 1] != ".":
                word_start -= 1
            if i - word_start == 1 and s[word_start].isupper():
                continue  # an initial: "U.S. News", "Williams, S."
            if i + 1 < n and s[word_start : i + 1].lower().lstrip("([") in rx.abbreviations:
                continue
            out.append(s[start:i])
            start = i + 1
    out.append(s[start:])
    return [p.strip() for p in out if p.strip()]


_PIECE_MARK = re.compile(r"[(\[)\]]|\.(?=[\s,]|\Z)")


def _whole_date(s: str, lang: LangTable) -> PartialDate | None:
    """A date when `s` is one date and nothing else (brackets and punctuation around it allowed).
    The date is the memo's own: one kept in a Reference is taken with `_own`."""
    core = s.strip(" .,;:()[]")
    if not core or len(core) > 60:
        return None
    # the same few access and publication dates recur across a page's references
    memo = _memo(lang)
    dates = memo.dates
    if core in dates:
        return dates[core]
    if len(dates) >= _WHOLE_DATES_MAX:
        dates.clear()
        memo.placed.clear()
    found = dates[core] = _whole_date_uncached(core, lang)
    return found


class _Memo:
    """The whole dates parsed so far for one table, and which of them a Reference holds."""

    def __init__(self, lang: LangTable) -> None:
        self.lang = lang
        self.dates: dict[str, PartialDate | None] = {}
        self.placed: set[int] = set()
        """ids of the memo's dates a Reference holds (the memo keeps them alive)."""


def _memo(lang: LangTable) -> _Memo:
    memo = _WHOLE_DATES.get(id(lang))
    if memo is None or memo.lang is not lang:
        memo = _WHOLE_DATES[id(lang)] = _Memo(lang)
    return memo


def _own(d: PartialDate | None, placed: set[int]) -> PartialDate | None:
    """`d` to keep in a Reference: the memo's date the first time, a copy after that, so that no
    date object stands twice in a record (copying only these, not every memo hit, halves the copies)."""
    if d is None:
        return None
    if id(d) in placed:
        return d.model_copy()
    placed.add(id(d))
    return d


_WHOLE_DATES: dict[int, _Memo] = {}
_WHOLE_DATES_MAX = 4096


def clear_memo() -> None:
    """Forget the dates parsed so far, so a benchmark run starts as a fresh process would."""
    _WHOLE_DATES.clear()


def _whole_date_uncached(core: str, lang: LangTable) -> PartialDate | None:
    # most reference dates are lone years ("2005", "(1999)"), and most other pieces publishers and
    # works ("New York: Macmillan"): both settled without tokenising (20 times cheaper)
    if len(core) == 4 and core.isdigit() and core.isascii():
        return lone_year(core)
    if not may_open_date(core, lang):
        return None  # core opens with no date, and nothing may stand before a whole date
    found = find_dates(core, lang)
    if len(found) != 1:
        return None
    m = found[0]
    if core[: m.start].strip(" ,") or core[m.end :].strip(" .,"):
        return None
    return m.date.start


def _is_editor(s: str, rx: _Rx) -> bool:
    t = s.strip(" ,;:")
    if not t.endswith(rx.editors):  # one C-level test settles most pieces
        return False
    return any(t.endswith(e) and len(t) > len(e) and t[-len(e) - 1] in " ." for e in rx.editors)


def _is_nodate(s: str, rx: _Rx) -> bool:
    return rx.nodate is not None and rx.nodate.fullmatch(s.strip(" .")) is not None


def _only_brackets(s: str) -> bool:
    s = s.strip()
    return (
        len(s) >= 2
        and ((s[0] == "(" and s[-1] == ")") or (s[0] == "[" and s[-1] == "]"))
        and s.count(s[0]) == 1
    )


def _drop_trailing_brackets(s: str) -> str:
    s = s.strip()
    if s.endswith(")") and "(" in s:
        head = s[: s.rfind("(")].strip()
        if head:
            return head
    return s


def _unquote(s: str, rx: _Rx) -> str:
    s = s.strip().rstrip(" ").strip()
    if s.endswith(".") and len(s) > 1 and s[-2] in rx.pairs.values():
        s = s[:-1]
    if len(s) >= 2 and s[0] in rx.pairs and s[-1] == rx.pairs[s[0]]:
        s = s[1:-1].strip()
    return s
