"""The number grammar of strength and casualty lines.

`find_numbers(text, lang)` finds every quantity in a piece of text, in order:

- digits of any script (`unicodedata` decimal digits: `1100`, `١١٠٠`, `۱۱۰۰`), with the table's
  thousands separators between groups of exactly three digits (`1,100`, `1 100`, `١٬١٠٠`, `20،000`);
- a decimal only before a scale word (`1.5 million` is 1500000; `7.65` alone is not a count);
- number words and their compounds from `lang.number_words` (`eight`, `two hundred`, `twenty-five`);
- ranges joined by `lang.range_joiners` (`4,548–8,407`, `2,000 to 3,000`, `27[2]–34`), the joiners of
  `lang.opener_joiners` only after a range opener (`between 200 and 2,000`);
- qualifiers before (`lang.qualifiers`: `Over`, `c.`, `~`) and after (`lang.qualifier_suffixes`: `83+`);
- vague words (`lang.vague_quantities`: `dozens` has a floor, `Several` has none) and unknown words
  (`lang.unknown_words`: `Unknown`, `?`), only where no number shares their clause.

Citation markers (`[6]`, `[nb 1]`, `[citation needed]`) are masked first, keeping every offset, so a
marker never reads as a number and `27[2]–34` is still one range. Years in parentheses (`(1632)`,
`(1776–1780)`), day-month dates, ordinals (`4th`), model numbers (`B-17`, `Do 17Z`), ratios (`4:3`)
and percentages are not quantities.

`parse_figures` turns a strength line into `Figure`s (bounds, qualifier, canonical unit, refs, raw,
span); `looks_like_figure` tells a strength line from a name. Casualty lines are in `casualties.py`,
which reuses the layout helpers here.

All patterns are alternations of literal phrases or fixed character classes, so matching is linear.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from ..document import Seg
from ..lang.base import LangTable
from ..models import Figure, Qualifier
from . import citations

MatchKind = Literal["number", "vague", "unknown"]

_MASK = "\x00"
_GAP = r"[\s\x00]*"
_LETTER_CATS = frozenset({"Lu", "Ll", "Lt", "Lo"})
_CLAUSE_RE = re.compile(r"[,;\n()،؛、，；]")
_WINDOW_STOP_RE = re.compile(r"[,;،؛、，；]")
_PAREN_RE = re.compile(r"[()]")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_NOT_AFTER = frozenset("%°′″‰")
_BEFORE_DIGIT_PUNCT = frozenset("/:.")
_HYPHENS = frozenset("-‐‑")
_STRIP_TAIL = " \t\n\r\u00a0\u202f,;:(،؛"
_YEAR_MIN, _YEAR_MAX = 1000, 2199
_MAX_DIGITS = 15
"""A digit run longer than this is no count (int() of a huge one is quadratic and cannot be printed)."""
_GENERIC_CATEGORIES = frozenset({"total", "casualties"})


@dataclass(init=False, slots=True, unsafe_hash=True)
class NumberMatch:
    """One quantity: `text[start:end]` is its source (qualifier and suffix included).

    `low <= high` always; `swapped` says the page gave a range high-first and the bounds were
    swapped (the caller warns). `kind` is 'number' (digits or number words), 'vague' ('dozens',
    'Several') or 'unknown' ('Unknown', '?').

    Treated as immutable, hashed by value; not frozen, so that mypyc compiles the `__init__`
    (a frozen dataclass's generated one sets each field through `object.__setattr__`).
    """

    start: int
    end: int
    low: int | None
    high: int | None
    qualifier: Qualifier
    swapped: bool
    kind: MatchKind

    def __init__(
        self,
        start: int,
        end: int,
        low: int | None,
        high: int | None,
        qualifier: Qualifier,
        swapped: bool = False,
        kind: MatchKind = "number",
    ) -> None:
        self.start = start
        self.end = end
        self.low = low
        self.high = high
        self.qualifier = qualifier
        self.swapped = swapped
        self.kind = kind


# --------------------------------------------------------------------------- the grammar per table


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def phrase_alternation(words: Iterable[str], *, head: bool = False) -> str:
    """A regex alternation of literal phrases, longest first.

    A phrase that begins (ends) with a letter may not be preceded (followed) by a letter, so 'over'
    never matches inside 'moreover'; digits may touch it ('و48', 'over1000'). Inner spaces match
    any run of whitespace. With `head`, a phrase never matches after a hyphen-joined word ('tank'
    in 'anti-tank guns' is not the noun counted).
    """
    worded: list[str] = []
    other: list[str] = []
    for word in sorted({w.strip() for w in words if w.strip()}, key=lambda s: (-len(s), s)):
        body = r"\s+".join(re.escape(piece) for piece in word.split())
        if _is_word_char(word[-1]):
            body += r"(?![^\W\d_])"
        (worded if _is_word_char(word[0]) else other).append(body)
    parts: list[str] = []
    if worded:  # one lookbehind for all word-initial phrases (checked once per position)
        parts.append((r"(?<![^\W\d_][-‐])" if head else "") + r"(?<![^\W\d_])(?:" + "|".join(worded) + ")")
    parts.extend(other)
    return "|".join(parts) if parts else r"(?!)"


def norm(phrase: str) -> str:
    """Lowercase with whitespace runs folded: the key under which table phrases are looked up."""
    return " ".join(phrase.lower().split())


def _is_scale(word: str, value: int) -> bool:
    if " " in word.strip() or value < 100:
        return False
    while value % 10 == 0:
        value //= 10
    return value == 1


@dataclass(frozen=True)
class Grammar:
    lang: LangTable
    atom: re.Pattern[str]
    word_piece: re.Pattern[str]
    prefix: re.Pattern[str]
    suffix: re.Pattern[str]
    joiner_gap: re.Pattern[str]
    opener: re.Pattern[str]
    vague: re.Pattern[str]
    month_after: re.Pattern[str]
    month_before: re.Pattern[str]
    prefix_ends: frozenset[str]
    opener_ends: frozenset[str]
    month_ends: frozenset[str]
    units: re.Pattern[str]
    categories: re.Pattern[str]
    unit_or_category_after: re.Pattern[str]
    formation: re.Pattern[str]
    civilian: re.Pattern[str]
    joint: re.Pattern[str]
    qualifiers: dict[str, Qualifier]
    suffixes: dict[str, Qualifier]
    number_words: dict[str, int]
    scales: dict[str, int]
    vague_floor: dict[str, int | None]
    unknown: frozenset[str]
    unit_map: dict[str, str]
    category_map: dict[str, str]
    function_words: frozenset[str]
    modifiers: frozenset[str]
    opener_joiners: frozenset[str]
    thousands: str
    decimals: str


_GRAMMARS: dict[int, Grammar] = {}


def grammar(lang: LangTable) -> Grammar:
    """The compiled grammar of `lang` (cached per table object)."""
    cached = _GRAMMARS.get(id(lang))
    if cached is not None and cached.lang is lang:
        return cached
    g = _build(lang)
    _GRAMMARS[id(lang)] = g
    return g


def _last_chars(phrases: Iterable[str]) -> frozenset[str]:
    """Last characters of the phrases, both cases: a cheap test before a backwards search."""
    out: set[str] = set()
    for p in phrases:
        p = p.strip()
        if p:
            out.update((p[-1].lower(), p[-1].upper()))
    return frozenset(out)


def _last_before(m: str, pos: int) -> str:
    """The last character before `pos` that is not whitespace or a masked marker."""
    j = pos
    while j > 0 and pos - j < 64 and (m[j - 1].isspace() or m[j - 1] == _MASK):
        j -= 1
    return m[j - 1] if j > 0 else ""


def _qualifier(value: str) -> Qualifier:
    allowed: dict[str, Qualifier] = {
        "exact": "exact",
        "at_least": "at_least",
        "at_most": "at_most",
        "about": "about",
        "range": "range",
        "unknown": "unknown",
    }
    return allowed.get(value, "unknown")


def _build(lang: LangTable) -> Grammar:
    flags = re.IGNORECASE
    number_words = {norm(k): v for k, v in lang.number_words.items() if norm(k)}
    scales = {k: v for k, v in number_words.items() if _is_scale(k, v)}
    seps = "".join(sorted(set("".join(lang.thousands_separators))))
    decs = "".join(sorted(set("".join(lang.decimal_separators))))
    dec_part = rf"(?:[{re.escape(decs)}]\d+)?" if decs else ""
    grouped = rf"\d{{1,3}}(?:[{re.escape(seps)}]\d{{3}})+(?!\d){dec_part}|" if seps else ""
    num = rf"(?:{grouped}\d+{dec_part})"
    scale_alt = phrase_alternation(scales)
    word_alt = phrase_alternation(number_words)
    atom = re.compile(
        rf"(?P<num>{num})(?:[ \t\u00a0\u202f\u2009]*(?P<scale>{scale_alt}))?"
        rf"|(?P<words>(?:{word_alt})(?:[\s\-‐]+(?:{word_alt}))*)",
        flags,
    )
    qual_alt = phrase_alternation(lang.qualifiers)
    unknown = frozenset(norm(w) for w in lang.unknown_words if norm(w))
    vague_floor = {norm(k): v for k, v in lang.vague_quantities.items() if norm(k)}
    month_alt = phrase_alternation(lang.months)
    unit_alt = phrase_alternation(lang.units, head=True)
    cat_alt = phrase_alternation(lang.categories, head=True)
    return Grammar(
        lang=lang,
        atom=atom,
        word_piece=re.compile(word_alt, flags),
        prefix=re.compile(rf"(?:{qual_alt}){_GAP}\Z", flags),
        suffix=re.compile(rf"{_GAP}(?:{phrase_alternation(lang.qualifier_suffixes)})(?!{_GAP}\d)", flags),
        joiner_gap=re.compile(
            rf"{_GAP}(?P<j>{phrase_alternation(lang.range_joiners)}){_GAP}(?:(?:{qual_alt}){_GAP})?", flags
        ),
        opener=re.compile(rf"(?:{phrase_alternation(lang.range_openers)}){_GAP}\Z", flags),
        vague=re.compile(
            rf"(?P<u>{phrase_alternation(unknown)})|(?P<v>{phrase_alternation(vague_floor)})", flags
        ),
        month_after=re.compile(rf"{_GAP}(?:{month_alt})\.?(?={_GAP}(?:\d|\Z|[)\].,;]))", flags),
        month_before=re.compile(rf"(?:{month_alt})\.?[\s\x00]+\Z", flags),
        prefix_ends=_last_chars(lang.qualifiers),
        opener_ends=_last_chars(lang.range_openers),
        month_ends=_last_chars([*lang.months, "."]),
        units=re.compile(unit_alt, flags),
        categories=re.compile(cat_alt, flags),
        unit_or_category_after=re.compile(rf"{_GAP}(?:{unit_alt}|{cat_alt})", flags),
        formation=re.compile(phrase_alternation(lang.formation_words, head=True), flags),
        civilian=re.compile(phrase_alternation(lang.civilian_words), flags),
        joint=re.compile(phrase_alternation(lang.joint_words), flags),
        qualifiers={norm(k): _qualifier(v) for k, v in lang.qualifiers.items()},
        suffixes={norm(k): _qualifier(v) for k, v in lang.qualifier_suffixes.items()},
        number_words=number_words,
        scales=scales,
        vague_floor=vague_floor,
        unknown=unknown,
        unit_map={norm(k): v for k, v in lang.units.items()},
        category_map={norm(k): v for k, v in lang.categories.items()},
        function_words=frozenset(norm(w) for w in (*lang.function_words, *lang.range_joiners)),
        modifiers=frozenset(norm(w).strip(".") for w in lang.casualty_modifiers),
        opener_joiners=frozenset(norm(w) for w in lang.opener_joiners),
        thousands=seps,
        decimals=decs,
    )


# --------------------------------------------------------------------------- masking and atoms


def mask(text: str, lang: LangTable) -> tuple[str, list[citations.Marker]]:
    """`text` with every citation marker blanked to NULs (same length, so offsets stay exact)."""
    markers = citations.find(text, lang)
    if not markers:
        return text, markers
    parts: list[str] = []
    pos = 0
    for mk in markers:
        parts.append(text[pos : mk.start])
        parts.append(_MASK * (mk.end - mk.start))
        pos = mk.end
    parts.append(text[pos:])
    return "".join(parts), markers


@dataclass(init=False, slots=True)
class _Atom:
    start: int
    end: int
    base: Decimal
    scale: int
    plain: bool  # digits only: no separator, decimal or scale word
    digits: int  # digit count of a plain atom
    bare_scale: bool  # a lone scale word ('thousand')
    fraction: bool  # a decimal with no scale word: a count only as the low end of '1.5–2 million'
    skip: bool  # a year or a date part: not a quantity

    def __init__(
        self,
        start: int,
        end: int,
        base: Decimal,
        scale: int,
        plain: bool,
        digits: int,
        bare_scale: bool,
        fraction: bool = False,
        skip: bool = False,
    ) -> None:
        self.start = start
        self.end = end
        self.base = base
        self.scale = scale
        self.plain = plain
        self.digits = digits
        self.bare_scale = bare_scale
        self.fraction = fraction
        self.skip = skip

    @property
    def value(self) -> int:
        return int(self.base * self.scale)


def _ascii_digits(s: str) -> str:
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in s)


def _letter(ch: str) -> bool:
    return unicodedata.category(ch) in _LETTER_CATS


def _atoms(m: str, g: Grammar) -> list[_Atom]:
    out: list[_Atom] = []
    n = len(m)
    for am in g.atom.finditer(m):
        s, e = am.start(), am.end()
        if am.group("num") is not None:
            num_end = am.end("num")
            prev = m[s - 1] if s > 0 else ""
            prev2 = m[s - 2] if s > 1 else ""
            nxt = m[num_end] if num_end < n else ""
            nxt2 = m[num_end + 1] if num_end + 1 < n else ""
            if prev and _letter(prev) and not _attached_word(m, s, g):
                continue  # 'M4', 'Do17'; but Arabic 'و48' (and 48)
            if prev in _HYPHENS and prev2 and _letter(prev2):
                continue  # 'B-17', 'P-51'
            if prev in _BEFORE_DIGIT_PUNCT and prev2.isdecimal():
                continue  # second half of '4:3', '10/12', '1.000.000'
            if am.group("scale") is None and nxt and (_letter(nxt) or nxt in _NOT_AFTER):
                continue  # '4th', '17Z', '50mm', '38%'
            if nxt in (":", "/") and nxt2.isdecimal():
                continue  # '4:3', '10/12'
            raw = _ascii_digits(am.group("num"))
            int_part, _, frac = raw.partition(next((c for c in g.decimals if c in raw), "\uffff"))
            digits = "".join(ch for ch in int_part if ch.isdecimal())
            if len(digits) > _MAX_DIGITS:
                continue
            scale_word = am.group("scale")
            scale = g.scales.get(norm(scale_word), 1) if scale_word else 1
            try:
                base = Decimal(f"{digits}.{frac}" if frac else digits)
            except InvalidOperation:
                continue
            plain = not frac and not scale_word and len(digits) == len(int_part)
            out.append(_Atom(s, e, base, scale, plain, len(digits), False, bool(frac) and not scale_word))
        else:
            pieces = [norm(p.group()) for p in g.word_piece.finditer(am.group("words"))]
            value = _compose(pieces, g)
            if value is None:
                continue
            bare = len(pieces) == 1 and pieces[0] in g.scales
            out.append(_Atom(s, e, Decimal(value), 1, False, 0, bare))
    return out


def _attached_word(m: str, s: int, g: Grammar) -> bool:
    """Is the word glued before position s a joiner or function word ('و' in 'و48')?"""
    a = s
    while a > 0 and s - a < 12 and (_letter(m[a - 1]) or unicodedata.category(m[a - 1]) == "Mn"):
        a -= 1
    return (a == 0 or not _letter(m[a - 1])) and norm(m[a:s]) in g.function_words


def _compose(pieces: list[str], g: Grammar) -> int | None:
    """'two hundred thousand' -> 200000; 'twenty five' -> 25."""
    total = current = 0
    seen = False
    for p in pieces:
        v = g.number_words.get(p)
        if v is None:
            continue
        seen = True
        if p in g.scales:
            if current == 0:
                current = 1
            if v < 1000:
                current *= v
            else:
                total += current * v
                current = 0
        else:
            current += v
    return total + current if seen else None


# --------------------------------------------------------------------------- parentheses


@dataclass(init=False, slots=True)
class Parens:
    """Balanced parenthesis pairs of a text (unbalanced ones are plain characters). Not frozen, so
    that mypyc compiles the `__init__`; its lists were never hashable."""

    pairs: list[tuple[int, int]]  # (open, close), sorted by open
    close_of: dict[int, int]
    open_of: dict[int, int]

    def __init__(
        self, pairs: list[tuple[int, int]], close_of: dict[int, int], open_of: dict[int, int]
    ) -> None:
        self.pairs = pairs
        self.close_of = close_of
        self.open_of = open_of

    def depth_at(self, positions: list[int]) -> list[int]:
        """Paren depth at each of `positions` (sorted ascending)."""
        events = sorted([(o, 1) for o, _ in self.pairs] + [(c, -1) for _, c in self.pairs])
        out: list[int] = []
        depth = 0
        k = 0
        for p in positions:
            while k < len(events) and events[k][0] < p:
                depth += events[k][1]
                k += 1
            out.append(depth)
        return out


def parens(m: str) -> Parens:
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for pm in _PAREN_RE.finditer(m):
        if pm.group() == "(":
            stack.append(pm.start())
        elif stack:
            pairs.append((stack.pop(), pm.start()))
    pairs.sort()
    return Parens(pairs, dict(pairs), {c: o for o, c in pairs})


# --------------------------------------------------------------------------- find_numbers


def find_numbers(text: str, lang: LangTable) -> list[NumberMatch]:
    """Every quantity in `text`, in order (see the module docstring for the grammar)."""
    masked, _ = mask(text, lang)
    return numbers_in_masked(masked, grammar(lang))


def numbers_in_masked(m: str, g: Grammar) -> list[NumberMatch]:
    atoms = _atoms(m, g)
    if atoms:
        _mark_dates(m, atoms, g)
    numeric = _pair(m, atoms, g)
    out = numeric + _vague(m, numeric, atoms, g)
    out.sort(key=lambda x: (x.start, x.end))
    return out


def _mark_dates(m: str, atoms: list[_Atom], g: Grammar) -> None:
    depths = parens(m).depth_at([a.start for a in atoms])
    prev_date_end = -1
    for a, depth in zip(atoms, depths, strict=True):
        year_like = a.plain and a.digits == 4 and _YEAR_MIN <= a.value <= _YEAR_MAX
        day_like = a.plain and 1 <= a.value <= 31
        if year_like and depth > 0 and not g.unit_or_category_after.match(m, a.end):
            a.skip = True  # '(1632)', '(peak 1779)'
        elif (
            (day_like or year_like)
            and _last_before(m, a.start) in g.month_ends
            and g.month_before.search(m, max(0, a.start - 16), a.start)
        ):
            a.skip = True  # 'July 1', 'October 2014'
        elif day_like and g.month_after.match(m, a.end):
            a.skip = True  # '5 October'
        elif year_like and prev_date_end >= 0 and not m[prev_date_end : a.start].strip(" ,\t\x00"):
            a.skip = True  # the year after 'July 1–3,'
        if a.skip:
            prev_date_end = a.end


def _joined(m: str, a: _Atom, b: _Atom, g: Grammar) -> str | None:
    """The joiner between two atoms when they form a range, else None."""
    jm = g.joiner_gap.fullmatch(m, a.end, b.start)
    return norm(jm.group("j")) if jm else None


def _pair(m: str, atoms: list[_Atom], g: Grammar) -> list[NumberMatch]:
    out: list[NumberMatch] = []
    i, n = 0, len(atoms)
    while i < n:
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < n else None
        joiner = _joined(m, a, b, g) if b is not None else None
        if a.skip or (b is not None and b.skip and joiner is not None):
            i += 2 if joiner is not None else 1
            continue
        start = a.start
        qual: Qualifier | None = None
        pm = (
            g.prefix.search(m, max(0, a.start - 48), a.start)
            if _last_before(m, a.start) in g.prefix_ends
            else None
        )
        if pm:
            qual = g.qualifiers.get(norm(pm.group().strip(" \t\n\x00")))
            start = pm.start()
        if b is not None and joiner is not None:
            om = (
                g.opener.search(m, max(0, start - 24), start)
                if _last_before(m, start) in g.opener_ends
                else None
            )
            if joiner not in g.opener_joiners or om:
                if om:
                    start = om.start()
                lo_atom, hi = a, b.value
                lo = lo_atom.value
                if lo_atom.scale == 1 and b.scale > 1 and lo_atom.base <= b.base and not lo_atom.bare_scale:
                    lo = int(lo_atom.base * b.scale)  # '1.5–2 million'
                elif lo_atom.fraction or b.fraction:
                    i += 1  # '7.5–8.5': measures, not counts
                    continue
                swapped = lo > hi
                if swapped:
                    lo, hi = hi, lo
                end = b.end
                sm = g.suffix.match(m, end)
                c = atoms[i + 2] if i + 2 < n else None
                if sm and (c is None or m[sm.end() : c.start].strip(" \t\n\x00")):
                    end = sm.end()
                out.append(NumberMatch(start, end, lo, hi, "range", swapped))
                i += 2
                continue
        if a.fraction:
            i += 1  # '7.65': a measure, not a count
            continue
        end = a.end
        value = a.value
        if a.bare_scale:
            vm = _vague_before(m, start, g)
            if vm is not None:
                out.append(NumberMatch(vm, end, 2 * value, None, "at_least"))
                i += 1
                continue
        sm = g.suffix.match(m, end)
        if sm and b is not None and not m[sm.end() : b.start].strip(" \t\n\x00"):
            sm = None  # 'huit environ huit': the word qualifies the next number, as before a digit
        squal: Qualifier | None = None
        if sm:
            squal = g.suffixes.get(norm(sm.group().strip(" \t\n\x00")))
            end = sm.end()
        if qual is None and squal is None and a.plain and a.value < 1000 and _name_number(m, a, g):
            i += 1  # 'Luftflotte 4', 'Kampfgeschwader 76': part of a name
            continue
        q: Qualifier = qual or squal or "exact"
        if q == "at_least":
            out.append(NumberMatch(start, end, value, None, q))
        elif q == "at_most":
            out.append(NumberMatch(start, end, None, value, q))
        elif q in ("about", "exact"):
            out.append(NumberMatch(start, end, value, value, q))
        else:
            out.append(NumberMatch(start, end, value, value, "exact"))
        i += 1
    return out


def _name_number(m: str, a: _Atom, g: Grammar) -> bool:
    """A small bare number right after a capitalised word and closing its clause names something."""
    j = a.start
    while j > 0 and m[j - 1] in " \u00a0":
        j -= 1
    if j == a.start:
        return False
    words = list(_WORD_RE.finditer(m, max(0, j - 40), j))
    wm = words[-1] if words else None
    if wm is None or wm.end() != j or not wm.group()[:1].isupper():
        return False
    word = norm(wm.group())
    if word in g.function_words or word in g.unit_map or word in g.category_map or word in g.vague_floor:
        return False
    rest = m[a.end :].lstrip(" \t\u00a0\x00")
    return not rest or rest[0] in ")],;\n،؛"


def _vague_before(m: str, start: int, g: Grammar) -> int | None:
    """Start of a vague word right before `start` ('several thousand')."""
    lo = max(0, start - 32)
    best: int | None = None
    for vm in g.vague.finditer(m, lo, start):
        if vm.group("v") is not None and not m[vm.end() : start].strip(" \t\u00a0\x00"):
            best = vm.start()
    return best


def _vague(m: str, numeric: list[NumberMatch], atoms: list[_Atom], g: Grammar) -> list[NumberMatch]:
    covered = sorted((x.start, x.end) for x in numeric)
    starts = [c[0] for c in covered]
    excluded = _merge(sorted([(a.start, a.end) for a in atoms] + covered))
    seps = [s.start() for s in _CLAUSE_RE.finditer(m) if not _inside(excluded, s.start())]
    numeric_clauses = {bisect_right(seps, x.start) for x in numeric}
    out: list[NumberMatch] = []
    for vm in g.vague.finditer(m):
        s, e = vm.start(), vm.end()
        k = bisect_right(starts, s) - 1
        if (k >= 0 and covered[k][1] > s) or (k + 1 < len(starts) and starts[k + 1] < e):
            continue  # part of a number match ('several thousand')
        if bisect_right(seps, s) in numeric_clauses:
            continue  # '12 heavy tanks': the number is the quantity
        word = norm(vm.group())
        if vm.group("u") is not None:
            out.append(NumberMatch(s, e, None, None, "unknown", kind="unknown"))
            continue
        floor = g.vague_floor.get(word)
        if out and out[-1].kind == "vague" and not m[out[-1].end : s].strip(" \t\u00a0\x00"):
            prev = out.pop()  # 'Several thousands': one vague quantity
            floors = [f for f in (prev.low, floor) if f is not None]
            floor = max(floors) if floors else None
            s = prev.start
        if floor is None:
            out.append(NumberMatch(s, e, None, None, "unknown", kind="vague"))
        else:
            out.append(NumberMatch(s, e, floor, None, "at_least", kind="vague"))
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    k = bisect_right(spans, (pos, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


# --------------------------------------------------------------------------- layout of a line


@dataclass(init=False)
class Layout:
    """A line's quantities with their parenthesis nesting and the words that belong to each
    (`__init__` written out: a generated one stays interpreted under mypyc)."""

    text: str
    masked: str
    markers: list[citations.Marker]
    matches: list[NumberMatch]
    depth: list[int]
    parent: list[int | None]
    windows: list[list[tuple[int, int]]]
    """Per match: the intervals after it that hold its words (up to the next match at its level,
    skipping nested parentheses)."""
    paren: Parens
    grammar: Grammar
    line_starts: list[int]
    marker_starts: list[int]

    def __init__(
        self,
        text: str,
        masked: str,
        markers: list[citations.Marker],
        matches: list[NumberMatch],
        depth: list[int],
        parent: list[int | None],
        windows: list[list[tuple[int, int]]],
        paren: Parens,
        grammar: Grammar,
        line_starts: list[int],
        marker_starts: list[int],
    ) -> None:
        self.text = text
        self.masked = masked
        self.markers = markers
        self.matches = matches
        self.depth = depth
        self.parent = parent
        self.windows = windows
        self.paren = paren
        self.grammar = grammar
        self.line_starts = line_starts
        self.marker_starts = marker_starts

    def line_start(self, pos: int) -> int:
        """Start of the line holding `pos`."""
        return self.line_starts[bisect_right(self.line_starts, pos) - 1]

    def window_text(self, i: int, *, clause: bool) -> list[tuple[int, int]]:
        """Match i's window; with `clause`, cut at the first comma or semicolon."""
        if not clause:
            return self.windows[i]
        out: list[tuple[int, int]] = []
        for a, b in self.windows[i]:
            sm = _WINDOW_STOP_RE.search(self.masked, a, b)
            if sm:
                if sm.start() > a:
                    out.append((a, sm.start()))
                break
            out.append((a, b))
        return out

    def extent(self, i: int) -> int:
        """Where match i's own text ends: the end of its window, or its own end."""
        w = self.windows[i]
        return max(self.matches[i].end, w[-1][1]) if w else self.matches[i].end

    def refs_between(self, a: int, b: int) -> list[str]:
        """Ref ids of the markers starting in [a, b), in order, once each."""
        out: dict[str, None] = {}
        for k in range(bisect_left(self.marker_starts, a), bisect_left(self.marker_starts, b)):
            mk = self.markers[k]
            if mk.kind == "ref":
                out.setdefault(mk.value)
        return list(out)

    def all_refs(self) -> list[str]:
        return self.refs_between(0, len(self.text))

    def first(self, pattern: re.Pattern[str], spans: list[tuple[int, int]]) -> re.Match[str] | None:
        for a, b in spans:
            hit = pattern.search(self.masked, a, b)
            if hit:
                return hit
        return None

    def all(self, pattern: re.Pattern[str], spans: list[tuple[int, int]]) -> list[re.Match[str]]:
        return [hit for a, b in spans for hit in pattern.finditer(self.masked, a, b)]


def layout(text: str, lang: LangTable) -> Layout:
    """The quantities of a line and how they nest: what the figure and casualty readers start from."""
    g = grammar(lang)
    masked, markers = mask(text, lang)
    matches = numbers_in_masked(masked, g)
    par = parens(masked)
    starts = [x.start for x in matches]
    depth = par.depth_at(starts)
    parent: list[int | None] = []
    stack: list[int] = []
    for i, d in enumerate(depth):
        while stack and depth[stack[-1]] >= d:
            stack.pop()
        parent.append(stack[-1] if stack else None)
        stack.append(i)
    enclosing = _enclosing_close(par, starts)
    opens = [o for o, _ in par.pairs]
    windows = [
        _window(len(masked), starts, opens, par, matches[i].end, enclosing[i]) for i in range(len(matches))
    ]
    line_starts = [0] + [lm.end() for lm in re.finditer("\n", masked)]
    marker_starts = [mk.start for mk in markers]
    return Layout(text, masked, markers, matches, depth, parent, windows, par, g, line_starts, marker_starts)


def _enclosing_close(par: Parens, positions: list[int]) -> list[int]:
    """For each position (ascending), the close of the innermost pair holding it, else a sentinel."""
    events = sorted([(o, 0, c) for o, c in par.pairs] + [(c, 1, c) for _, c in par.pairs])
    out: list[int] = []
    stack: list[int] = []
    k = 0
    for p in positions:
        while k < len(events) and events[k][0] < p:
            pos, kind, close = events[k]
            if kind == 0:
                stack.append(close)
            elif stack and stack[-1] == pos:
                stack.pop()
            k += 1
        out.append(stack[-1] if stack else _FAR)
    return out


_FAR = 1 << 62


def _window(
    n: int, starts: list[int], opens: list[int], par: Parens, pos: int, close: int
) -> list[tuple[int, int]]:
    """Intervals from `pos` to the next match at this level (or the enclosing ')'), skipping groups."""
    out: list[tuple[int, int]] = []
    limit = min(n, close)
    seg_start = pos
    while pos < limit:
        k = bisect_left(starts, pos)
        next_match = starts[k] if k < len(starts) else n
        ko = bisect_left(opens, pos)
        next_open = opens[ko] if ko < len(opens) else n
        if next_open < min(next_match, limit):
            if seg_start < next_open:
                out.append((seg_start, next_open))
            pos = seg_start = par.close_of[next_open] + 1
            continue
        stop = min(next_match, limit)
        if seg_start < stop:
            out.append((seg_start, stop))
        return out
    return out


# --------------------------------------------------------------------------- strength figures


def clean_bounds(text: str, a: int, b: int, g: Grammar) -> tuple[int, int]:
    """Narrow [a, b) of `text` to its content: no trailing separators, joiners or stray ')'."""
    while a < b and text[a].isspace():
        a += 1
    for _ in range(8):
        before = b
        while b > a and text[b - 1] in _STRIP_TAIL:
            b -= 1
        piece = text[a:b]
        last = piece.rsplit(None, 1)[-1] if piece.split() else ""
        if last and norm(last) in g.function_words and len(piece) > len(last):
            b -= len(last)
        elif piece.endswith(")") and piece.count(")") > piece.count("("):
            b -= 1
        if b == before:
            break
    return a, max(a, b)


def sub_bounds(lay: Layout, i: int, first: bool) -> tuple[int, int]:
    """Match i's own sub-text, as [a, b) of the text.

    It starts at the text start (first figure); at its line start when it opens its line
    ('including only eight fighters'); after the clause separator before it ('..., and allied
    cavalry of 1,800'); else at the match. It ends where its words end, at the last clause
    separator before the next quantity, or before the line of the next quantity ('13 killed and').
    """
    m = lay.masked
    g = lay.grammar
    x = lay.matches[i]
    line_start = lay.line_start(x.start)
    prev_end = lay.matches[i - 1].end if i > 0 else 0
    if first:
        start = 0
    elif prev_end <= line_start:
        start = line_start
        while start < x.start and (m[start].isspace() or m[start] in "•*·▪◦|"):
            start += 1
        if m[start] == "(" and lay.paren.close_of.get(start, len(m)) >= lay.extent(i):
            start += 1
    else:
        start = x.start
        if lay.depth[i - 1] == lay.depth[i]:
            seps = list(_WINDOW_STOP_RE.finditer(m, prev_end, x.start))
            if seps and "(" not in m[seps[-1].end() : x.start]:
                start = _skip_leading(m, seps[-1].end(), x.start, g)
    end = lay.extent(i)
    if i + 1 < len(lay.matches):
        nxt = lay.matches[i + 1]
        next_line = m.rfind("\n", x.end, nxt.start)
        if next_line >= 0:
            end = min(end, next_line)
        if lay.depth[i + 1] == lay.depth[i]:
            stops = [
                sm.start() for a, b in lay.windows[i] for sm in _WINDOW_STOP_RE.finditer(m, a, min(b, end))
            ]
            if stops:
                end = min(end, stops[-1])
    return clean_bounds(lay.text, start, end, g)


def _skip_leading(m: str, a: int, limit: int, g: Grammar) -> int:
    """Past whitespace and function words ('and', 'of') at a, never beyond limit."""
    while a < limit:
        while a < limit and (m[a].isspace() or m[a] == _MASK):
            a += 1
        wm = _WORD_RE.match(m, a)
        if wm and wm.end() < limit and norm(wm.group()) in g.function_words:
            a = wm.end()
            continue
        break
    return a


def _unit(lay: Layout, i: int) -> str | None:
    """The first counted noun after match i in its clause; else, when nothing follows the number
    in its clause, the last one before it in the clause ('allied cavalry of 1,800')."""
    g = lay.grammar
    window = lay.window_text(i, clause=True)
    hit = lay.first(g.units, window)
    if hit is None and not "".join(lay.masked[a:b] for a, b in window).strip(" \t\u00a0\x00.)"):
        x = lay.matches[i]
        prev_end = lay.matches[i - 1].end if i > 0 else 0
        seps = list(_CLAUSE_RE.finditer(lay.masked, prev_end, x.start))
        a = seps[-1].end() if seps else prev_end
        before = list(g.units.finditer(lay.masked, a, x.start))
        hit = before[-1] if before else None
    return g.unit_map.get(norm(hit.group())) if hit else None


def parse_figures(seg: Seg, lang: LangTable, lay: Layout | None = None) -> list[Figure]:
    """A strength line -> one Figure per quantity (see `find_numbers`).

    `unit` is the canonical unit (`lang.units`) of the first counted noun after the number in its
    clause; a number in parentheses with no noun of its own takes its parent's unit
    ('770 – 900 aircraft (480 serviceable)'). `raw` is the whole line when there is one figure,
    else the figure's own sub-text; refs are the markers inside that text. A line with no quantity
    (or only 'Unknown') gives one Figure with qualifier 'unknown' and no bounds. `lay`, where the
    caller already has it, is `layout(seg.text, lang)`.
    """
    lay = lay or layout(seg.text, lang)
    picked = [i for i, x in enumerate(lay.matches) if x.kind != "unknown"]
    whole = seg.strip()
    if not picked:
        return [Figure(raw=whole.text, qualifier="unknown", refs=lay.all_refs(), span=whole.span)]
    units: dict[int, str | None] = {}
    for i in range(len(lay.matches)):
        unit = _unit(lay, i)
        p = lay.parent[i]
        if unit is None and p is not None:
            unit = units.get(p)
        units[i] = unit
    out: list[Figure] = []
    for i in picked:
        x = lay.matches[i]
        if len(picked) == 1:
            piece = whole
            refs = lay.all_refs()
        else:
            a, b = sub_bounds(lay, i, i == picked[0])
            piece = seg.sub(a, b)
            refs = lay.refs_between(a, b)
        out.append(
            Figure(
                raw=piece.text,
                low=x.low,
                high=x.high,
                qualifier=x.qualifier,
                unit=units[i],
                refs=refs,
                span=piece.span,
            )
        )
    return out


def looks_like_figure(text: str, lang: LangTable) -> bool:
    """Is this infobox line a strength/casualty figure rather than a name?

    True when its first quantity opens the line (after a bullet or a short 'Label:'), or is
    followed by a counted noun or casualty word, or closes the line; 'Unknown' and '?' alone are
    figures. A number before a capitalised formation word ('213 Coastal Division') or an ordinal
    ('4th Shock Army') is part of a name.
    """
    lay = layout(text, lang)
    g = lay.grammar
    m = lay.masked
    body_start = len(m) - len(m.lstrip(" \t\n\u00a0\u202f\x00•*·-–—▪◦|"))
    content_end = len(m.rstrip(" \t\n\u00a0\x00.)"))
    for x in lay.matches:
        if x.kind == "unknown":
            if len(lay.matches) == 1 and norm(m[body_start:content_end]) in g.unknown:
                return True
            continue
        if _formation_after(m, x.end, g):
            continue
        if x.start - body_start <= 64:
            lead = m[body_start : x.start].strip(" \t\u00a0\x00")
            if not lead or (lead.endswith(":") and len(lead) <= 40 and not any(c.isdecimal() for c in lead)):
                return True
        if x.kind == "number" and g.unit_or_category_after.match(m, x.end):
            return True
        if x.kind == "number" and x.end >= content_end and (x.qualifier != "exact" or (x.low or 0) >= 1000):
            return True  # 'Nazi Germany 400,000'; not 'Kampfgeschwader 76'

    return False


def _formation_after(m: str, pos: int, g: Grammar) -> bool:
    """A capitalised (or caseless-script) formation word later in the same clause."""
    limit = min(len(m), pos + 100)
    sm = _CLAUSE_RE.search(m, pos, limit)
    end = sm.start() if sm else limit
    for hit in g.formation.finditer(m, pos, end):
        word = hit.group()
        if word[:1].isupper() or word.lower() == word.upper():
            return True
    return False


__all__ = ["Layout", "NumberMatch", "find_numbers", "layout", "looks_like_figure", "parse_figures"]
