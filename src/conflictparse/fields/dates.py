"""Dates in prose and in infobox cells, read by a small token grammar driven by the language table.

The text is cut into tokens (runs of digits of any script, runs of letters, single other
characters); every word the grammar knows (months, weekdays, seasons, early/mid/late, range and
era words, relative phrases) is a phrase of the LangTable, tokenised the same way, so multi-word
months ("كانون الثاني") and dotted eras ("B.C.") need no special code.

Conventions:
- A missing day or month is never filled in: `precision` says what the page gave.
- A single date gives `start == end`; a range gives both ends; "2014–present" gives
  `end=None, ongoing=True`. "from June 30" without an end is a single date (span without "from").
- "early/mid/late 2014", "mid-2015", "c. 1669" and seasons ("spring of 1943", "summer 1944") keep
  the precision the page gave (year for "spring of 1943"; month for "late July 2015") and set
  `approximate=True`; a season is never turned into a month.
- Years before year 1 use astronomical numbering: 1 BC is year 0, 48 BC is -47, so
  "9 August 48 BC" -> "-0047-08-09".
- A day and month with no year ("30 October") or a relative phrase ("the following month") needs
  an anchor: the DateMatch has `date.start=None` and `relative=(unit, offset)`; for a year-less day
  `relative=("year", 0)` and `yearless` holds the month and day. `resolve_match` resolves both.
- A bare number is a year only in a date-like context (see `_bare_year_ok`).
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..lang.base import LangTable, per_table
from ..models import DateRange, PartialDate

# Letters with their combining marks; digits of any script; any other single character. Each kind
# is its own group (the token's kind is the match's `lastindex`); possessive runs, not a class
# alternation tried per character, where `re` has them (Python 3.11+): the tokens are the same.
_MARKS = r"\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
try:
    _TOKEN = re.compile(rf"((?:[^\W\d_]++|[{_MARKS}]++)++)|(\d+)|(\S)")
except re.error:  # Python 3.10
    _TOKEN = re.compile(rf"((?:[^\W\d_]|[{_MARKS}])+)|(\d+)|(\S)")
_WORD, _NUM, _PUNCT = 1, 2, 3
_KIND = operator.attrgetter("lastindex")
_DASHES = frozenset("-–—‒―−")
_COMMAS = frozenset(",،、")
_SLASH = frozenset("/")
_MAX_YEAR = 2100
_FAR_AHEAD = 300
"""A bare four-digit number this many years after the page's own year that opens its text or follows
a sign, with no range word, is a count ("- 2050 cossacks" on a page about 1651)."""
_UNITS = ("day", "week", "month", "year")

V = TypeVar("V")


@dataclass(init=False)
class MonthDay:
    """A date without its year: month, and day when given. Never changed once built (a hand-written
    __init__, which mypyc compiles, in place of a frozen dataclass's)."""

    month: int
    day: int | None
    approximate: bool

    def __init__(self, month: int, day: int | None = None, approximate: bool = False) -> None:
        self.month = month
        self.day = day
        self.approximate = approximate

    def __hash__(self) -> int:
        return hash((self.month, self.day, self.approximate))


@dataclass(init=False)
class DateMatch:
    """One date expression in a text: [start, end) character offsets into that text. Never changed
    once built (a hand-written __init__, which mypyc compiles, in place of a frozen dataclass's)."""

    start: int
    end: int
    date: DateRange
    relative: tuple[str, int] | None
    yearless: tuple[MonthDay, MonthDay] | None
    """For `relative == ("year", 0)`: the month (and day) of the start and end, year to be supplied."""

    def __init__(
        self,
        start: int,
        end: int,
        date: DateRange,
        relative: tuple[str, int] | None,
        yearless: tuple[MonthDay, MonthDay] | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.date = date
        self.relative = relative
        self.yearless = yearless

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.date, self.relative, self.yearless))


# --------------------------------------------------------------------------- tokens and phrases


@dataclass(init=False, slots=True)
class _Toks:
    text: str
    kind: list[int]
    raw: list[str]
    low: list[str]
    start: list[int]
    end: list[int]
    n: int
    """How many tokens: read on every step of the grammar, cheaper than len()."""

    def __init__(
        self, text: str, kind: list[int], raw: list[str], low: list[str], start: list[int], end: list[int]
    ) -> None:
        self.text = text
        self.kind = kind
        self.raw = raw
        self.low = low
        self.start = start
        self.end = end
        self.n = len(kind)

    def __len__(self) -> int:
        return self.n

    def adjacent(self, a: int, b: int) -> bool:
        """Tokens a and b (b = a + 1) touch, with no space between."""
        return 0 <= a < self.n and 0 <= b < self.n and self.end[a] == self.start[b]


def _tokens(text: str) -> _Toks:
    ms = list(_TOKEN.finditer(text))
    raw = list(map(re.Match.group, ms))
    return _Toks(
        text,
        list(map(_KIND, ms)),
        raw,
        list(map(str.casefold, raw)),
        list(map(re.Match.start, ms)),
        list(map(re.Match.end, ms)),
    )


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(m.group().casefold() for m in _TOKEN.finditer(phrase))


class _Phrases(Generic[V]):
    """Phrases of a table as token tuples; longest match first."""

    def __init__(self, items: Iterable[tuple[str, V]]) -> None:
        self.d: dict[tuple[str, ...], V] = {}
        for phrase, value in items:
            key = _phrase_key(phrase)
            if key and key not in self.d:
                self.d[key] = value
        self.lengths = sorted({len(k) for k in self.d}, reverse=True)
        by_first: dict[str, set[int]] = {}
        for k in self.d:
            by_first.setdefault(k[0], set()).add(len(k))
        self.by_first = {w: sorted(ns, reverse=True) for w, ns in by_first.items()}
        """The lengths of the phrases each word opens, longest first: only those are tried."""
        self.first = frozenset(self.by_first)

    def match(self, t: _Toks, i: int) -> tuple[V, int] | None:
        if i >= t.n:
            return None
        lengths = self.by_first.get(t.low[i])
        if lengths is None:
            return None
        for n in lengths:
            if i + n <= t.n:
                key = tuple(t.low[i : i + n])
                if key in self.d:
                    return self.d[key], i + n
        return None

    def ends_at(self, t: _Toks, j: int) -> bool:
        """A phrase ends right before token j."""
        for n in self.lengths:
            if j - n >= 0 and tuple(t.low[j - n : j]) in self.d:
                return True
        return False


def _words(items: Iterable[str]) -> _Phrases[bool]:
    return _Phrases((w, True) for w in items)


@dataclass
class _Tables:
    months: _Phrases[int]
    weekdays: _Phrases[bool]
    seasons: _Phrases[int]
    modifiers: _Phrases[str]
    ongoing: _Phrases[bool]
    range_words: _Phrases[bool]
    openers: _Phrases[bool]
    relative: _Phrases[tuple[str, int]]
    duration_units: _Phrases[str]
    rel_suffixes: _Phrases[int]
    number_words: _Phrases[int]
    bc: _Phrases[bool]
    ad: _Phrases[bool]
    ordinals: _Phrases[bool]
    links: _Phrases[bool]
    articles: _Phrases[bool]
    year_preps: _Phrases[bool]
    not_before: _Phrases[bool]
    not_after: _Phrases[bool]
    capitalized: bool
    weekday_nums: _Phrases[int] = field(default_factory=lambda: _Phrases(()))
    month_preps: _Phrases[bool] = field(default_factory=lambda: _words(()))
    day_preps: _Phrases[bool] = field(default_factory=lambda: _words(()))
    month_rel_pre: _Phrases[int] = field(default_factory=lambda: _Phrases(()))
    month_rel_suf: _Phrases[int] = field(default_factory=lambda: _Phrases(()))
    starters: frozenset[str] = field(default_factory=frozenset)
    atom_firsts: frozenset[str] = field(default_factory=frozenset)
    """Words an expression can start with other than an article ("the 5th"): see `_Parser.scan`."""
    mrel_firsts: frozenset[str] = field(default_factory=frozenset)
    rel_firsts: frozenset[str] = field(default_factory=frozenset)
    era_firsts: frozenset[str] = field(default_factory=frozenset)
    """Words an era (BC or AD) starts with: most numbers have none next to them (`_Parser._year`)."""


@per_table
def _tables(lang: LangTable) -> _Tables:
    not_after = [*lang.not_year_after, *lang.units, *lang.categories, *lang.civilian_words]
    tb = _Tables(
        months=_Phrases(lang.months.items()),
        weekdays=_words(lang.weekdays),
        seasons=_Phrases(lang.seasons.items()),
        modifiers=_Phrases(lang.date_modifiers.items()),
        ongoing=_words(lang.ongoing_words),
        range_words=_words(lang.range_words),
        openers=_words(lang.range_openers),
        relative=_Phrases(lang.relative_dates.items()),
        duration_units=_Phrases((k, v) for k, v in lang.duration_units.items() if v in _UNITS),
        rel_suffixes=_Phrases(lang.relative_suffixes.items()),
        number_words=_Phrases(lang.number_words.items()),
        bc=_words(lang.eras_bc),
        ad=_words(lang.eras_ad),
        ordinals=_words(lang.ordinal_suffixes),
        links=_words(lang.day_month_links),
        articles=_words(lang.date_articles),
        year_preps=_words(lang.year_prepositions),
        not_before=_words(lang.not_year_before),
        not_after=_words(not_after),
        capitalized=lang.dates_capitalized,
        month_preps=_words(lang.month_prepositions),
        day_preps=_words(lang.day_prepositions),
        weekday_nums=_Phrases(lang.weekday_numbers.items()),
        month_rel_pre=_Phrases(lang.month_relative_prefixes.items()),
        month_rel_suf=_Phrases(lang.month_relative_suffixes.items()),
    )
    tb.starters = frozenset().union(
        tb.months.first,
        tb.weekdays.first,
        tb.seasons.first,
        tb.modifiers.first,
        tb.openers.first,
        tb.relative.first,
        tb.number_words.first,
        tb.articles.first,
        tb.bc.first,
        tb.ad.first,
        tb.ongoing.first,
        tb.month_rel_pre.first,
    )
    tb.atom_firsts = frozenset().union(
        tb.openers.first,
        tb.weekdays.first,
        tb.modifiers.first,
        tb.months.first,
        tb.seasons.first,
        tb.bc.first,
        tb.ad.first,
    )
    tb.mrel_firsts = tb.month_rel_pre.first | tb.months.first
    tb.rel_firsts = tb.relative.first | tb.number_words.first
    tb.era_firsts = tb.bc.first | tb.ad.first
    return tb


# --------------------------------------------------------------------------- the grammar


@dataclass(init=False)
class _Atom:
    i: int
    j: int
    day: int | None
    month: int | None
    year: int | None
    """As written (positive), see `bc`."""
    year_digits: int
    bc: bool
    era: bool
    approx: bool
    season: bool
    ongoing: bool
    weekday: bool
    decade: bool
    """ "the 1960s": the year is the decade's first; the date runs to its last."""

    def __init__(
        self,
        i: int,
        j: int,
        day: int | None = None,
        month: int | None = None,
        year: int | None = None,
        year_digits: int = 0,
        bc: bool = False,
        era: bool = False,
        approx: bool = False,
        season: bool = False,
        ongoing: bool = False,
        weekday: bool = False,
        decade: bool = False,
    ) -> None:
        self.i = i
        self.j = j
        self.day = day
        self.month = month
        self.year = year
        self.year_digits = year_digits
        self.bc = bc
        self.era = era
        self.approx = approx
        self.season = season
        self.ongoing = ongoing
        self.weekday = weekday
        self.decade = decade

    @property
    def astro(self) -> int | None:
        if self.year is None:
            return None
        return 1 - self.year if self.bc else self.year

    def key(self) -> tuple[int, int, int]:
        return (self.astro or 0, self.month or 0, self.day or 0)


class _Parser:
    def __init__(self, text: str, lang: LangTable, cell: bool = False, era: int | None = None) -> None:
        self.t = _tokens(text)
        self.tb = _tables(lang)
        self.cell = cell
        self.era = era

    # -- small matchers

    def _cap_ok(self, i: int) -> bool:
        if not self.tb.capitalized:
            return True
        c = self.t.raw[i][0]
        return c.isupper() or c.lower() == c.upper()

    def _month(self, i: int) -> tuple[int, int] | None:
        m = self.tb.months.match(self.t, i)
        if m is None or not self._cap_ok(i):
            return None
        month, j = m
        # "Oct. 5" / "5 Oct. 2014": an abbreviation's full stop, only when a number follows
        t = self.t
        if j + 1 < t.n and t.raw[j] == "." and t.adjacent(j - 1, j) and t.kind[j + 1] == _NUM:
            j += 1
        return month, j

    def _is(self, i: int, chars: frozenset[str]) -> bool:
        return i < self.t.n and self.t.raw[i] in chars

    def _day(self, i: int) -> tuple[int, int] | None:
        t = self.t
        if i >= t.n or t.kind[i] != _NUM or len(t.raw[i]) > 2:
            return None
        d = int(t.raw[i])
        if not 1 <= d <= 31:
            return None
        j = i + 1
        if j < t.n and t.adjacent(i, j):
            o = self.tb.ordinals.match(t, j)
            if o is not None:
                j = o[1]
            elif t.kind[j] != _PUNCT or (
                t.raw[j] in ".,:" and t.adjacent(j, j + 1) and t.kind[j + 1] == _NUM
            ):
                return None  # "5a", "5,000", "5.5", "5:30"
        return d, j

    def _year(self, i: int, min_digits: int, require4: bool = False) -> _Year | None:
        """The year at token i, with its era before or after it."""
        t, tb = self.t, self.tb
        bc = era = False
        k = i
        if k < t.n and t.low[k] in tb.era_firsts:
            pre = tb.bc.match(t, k)
            if pre is not None:
                bc, era, k = True, True, pre[1]
            else:
                pre_ad = tb.ad.match(t, k)
                if pre_ad is not None:
                    era, k = True, pre_ad[1]
        if k >= t.n or t.kind[k] != _NUM or len(t.raw[k]) > 4:
            return None
        if k > 0 and t.adjacent(k - 1, k) and t.kind[k - 1] != _PUNCT:
            return None  # "Ju87"
        digits = len(t.raw[k])
        y = int(t.raw[k])
        j = k + 1
        if not era and j < t.n and t.low[j] in tb.era_firsts:
            post = tb.bc.match(t, j)
            if post is not None:
                bc, era, j = True, True, post[1]
            else:
                post_ad = tb.ad.match(t, j)
                if post_ad is not None:
                    era, j = True, post_ad[1]
        if era:
            return _Year(y, bc, True, j, digits) if y >= 1 else None
        if digits < min_digits or (require4 and digits < 4) or y > _MAX_YEAR or (digits == 4 and y < 1000):
            return None
        if digits == 4 and y % 10 == 0 and j < t.n and t.adjacent(k, j) and t.low[j] == "s":
            # "the 1960s", "mid-1960s": a decade, unless a count follows ("1940s aircraft" is still one)
            return _Year(y, False, False, j + 1, digits, decade=True)
        if not self._right_ok(k):
            return None
        return _Year(y, False, False, j, digits)

    def _right_ok(self, k: int) -> bool:
        """What follows number token k does not make it a quantity: 1,100 / 83+ / 1940s / 1300 hours."""
        t = self.t
        j = k + 1
        if j < t.n and t.adjacent(k, j):
            r = t.raw[j]
            if t.kind[j] != _PUNCT:
                return False
            if r in "+%" or (r in ".,:" and t.adjacent(j, j + 1) and t.kind[j + 1] == _NUM):
                return False
        return self.tb.not_after.match(t, j) is None

    def _left_ok(self, i: int) -> bool:
        """What precedes number token i does not make it a page, a count, a citation or an ISBN part."""
        t = self.t
        if i > 0 and t.adjacent(i - 1, i):
            p = t.raw[i - 1]
            if t.kind[i - 1] != _PUNCT:
                return False
            if i > 1 and t.adjacent(i - 2, i - 1) and t.kind[i - 2] == _NUM:
                return False  # 1,100 / 3.1944 / 7006-1413
            if p == "[" and i + 1 < t.n and t.raw[i + 1] == "]":
                return False
            if p in "$£€¥#№":
                return False
        return not self.tb.not_before.ends_at(t, i)

    def _bare_year_ok(self, a: _Atom, opener: bool) -> bool:
        """A number standing alone is a year only in a date-like context."""
        if a.era:
            return True
        if a.year_digits < 3:
            return False
        # on a page about 1863, "in 154 flights", "from 150 to 170 guns" and "c. 500" tanks are counts
        count_era = a.year_digits < 4 and not self.cell and self.era is not None and self.era >= 1000
        if a.season or (a.approx and not count_era):
            return True
        if not self._left_ok(a.i):
            return False
        if self.cell:
            return True
        if a.year_digits >= 4:
            # on a page about 1651, "Vinnytsya Regiment - 2050 cossacks": centuries on, after a dash
            # or opening the line; "Olivier's 1955 film", "her 2005 book" follow a word
            far = self.era is not None and a.year is not None and a.year - self.era > _FAR_AHEAD
            return not far or opener or (a.i > 0 and self.t.kind[a.i - 1] != _PUNCT)
        if count_era:
            return False
        return opener or self.tb.year_preps.ends_at(self.t, a.i)

    @staticmethod
    def _set_year(a: _Atom, yr: _Year) -> None:
        a.year, a.bc, a.era, a.j, a.year_digits = yr.value, yr.bc, yr.era, yr.end, yr.digits
        a.decade = yr.decade

    # -- one date, possibly partial

    def atom(self, i: int, right: bool = False) -> _Atom | None:
        t, tb = self.t, self.tb
        if i >= t.n:
            return None
        a = _Atom(i, i)
        j = i
        number = t.kind[i] == _NUM  # a number starts no article, weekday or modifier phrase
        art = None if number else tb.articles.match(t, j)
        if art is not None and not right:
            k = art[1]
            if tb.weekdays.match(t, k) is not None or self._day(k) is not None:
                j = k
        wd = None if number else tb.weekdays.match(t, j)
        if wd is not None and self._cap_ok(j):
            a.weekday = True
            j = wd[1]
            if self._is(j, _COMMAS):
                j += 1
        mod = None if (a.weekday or number) else tb.modifiers.match(t, j)
        if mod is not None:
            a.approx = True
            j = mod[1]
            if self._is(j, _DASHES) and t.adjacent(j - 1, j):
                j += 1
        iso = None if a.approx else self._iso(j)
        if iso is not None:  # 1944-06-29
            a.year, a.month, a.day, a.j = iso
            a.year_digits = 4
            return a
        day = self._day(j)
        if day is not None:  # D [of] M [,] [Y]
            d, k = day
            link = tb.links.match(t, k)
            mk = (self._month(link[1]) if link else None) or self._month(k)
            if mk is not None:
                a.day, a.month, a.j = d, mk[0], mk[1]
                k = mk[1] + (1 if self._is(mk[1], _COMMAS) else 0)
                yr = self._year(k, 3)
                if yr is not None:
                    self._set_year(a, yr)
                return a
            if a.weekday or a.approx:
                return None
            a.day, a.j = d, k
            return a  # day only: the left end of "5–7 May 1945", the right end of "July 13–16"
        mk = self._month(j)
        if mk is not None:  # M [D] [,] [Y]
            a.month, k = mk
            a.j = k
            day = self._day(k)
            if day is not None:
                a.day, a.j = day
                k2 = a.j + (1 if self._is(a.j, _COMMAS) else 0)
                yr = self._year(k2, 4, require4=True)
                if yr is not None:
                    self._set_year(a, yr)
                return a
            if a.weekday:
                return None
            link = tb.links.match(t, k)
            k2 = link[1] if link else k
            k2 += 1 if self._is(k2, _COMMAS) else 0
            yr = self._year(k2, 3)
            if yr is not None:
                self._set_year(a, yr)
            return a  # month only when no year: the left end of "between June and July 2015"
        if a.weekday:
            return None
        ss = tb.seasons.match(t, j)
        if ss is not None:  # season [of] Y
            a.season = a.approx = True
            a.j = ss[1]
            link = tb.links.match(t, a.j)
            yr = self._year(link[1] if link else a.j, 3)
            if yr is not None:
                self._set_year(a, yr)
            return a
        yr = self._year(j, 1)
        if yr is not None:
            self._set_year(a, yr)
            return a
        if a.approx:
            return None
        if right:
            og = tb.ongoing.match(t, j)
            if og is not None:
                a.ongoing, a.j = True, og[1]
                return a
        return None

    def _iso(self, j: int) -> tuple[int, int, int, int] | None:
        t = self.t
        if j + 4 >= t.n or t.kind[j] != _NUM or len(t.raw[j]) != 4:
            return None
        if not (
            t.raw[j + 1] == "-" and t.raw[j + 3] == "-" and t.kind[j + 2] == _NUM and t.kind[j + 4] == _NUM
        ):
            return None
        if not all(t.adjacent(k, k + 1) for k in range(j, j + 4)):
            return None
        if len(t.raw[j + 2]) != 2 or len(t.raw[j + 4]) != 2:
            return None
        y, m, d = int(t.raw[j]), int(t.raw[j + 2]), int(t.raw[j + 4])
        if not (1 <= m <= 12 and 1 <= d <= _month_len(y, m)) or not 1000 <= y <= _MAX_YEAR:
            return None
        return y, m, d, j + 5

    # -- whole expressions

    def parse_at(self, i: int) -> _Expr | None:
        """The date expression starting at token i, if any."""
        t, tb = self.t, self.tb
        op = tb.openers.match(t, i)
        first = op[1] if op else i
        left = self.atom(first)
        if left is None:
            return None
        k = left.j
        joined = False
        if left.day is not None and left.month is None and left.year is None:
            # "on 15, 16 and 17 August": a list of days is the range of its first and last
            while self._is(k, _COMMAS) and self._day(k + 1) is not None:
                nxt = self._day(k + 1)
                assert nxt is not None
                k = nxt[1]
        if self._is(k, _DASHES):
            k += 1
            joined = True
        elif (
            self._is(k, _SLASH)
            and t.adjacent(k - 1, k)
            and t.adjacent(k, k + 1)
            and left.month is None
            and (left.day is not None or left.year is not None)
        ):  # "the night of 28/29 January", "winter 1941/42"
            k += 1
            joined = True
        elif op is not None or (left.year is None and (left.day is None or left.month is None)):
            # without "from"/"between", only a partial left end joins by word: "5 and 6 June 1944"
            rw = tb.range_words.match(t, k)
            if rw is not None:
                k, joined = rw[1], True
        elif self._next_year_by_word(left, k):
            # two consecutive years are one span however they are joined: "spent 1804 and 1805"
            k, joined = k + 1, True
        if joined:
            right = self.atom(k, right=True)
            if right is not None and right.day is not None and right.month is None and right.year is None:
                # "July 13–16, 1943"
                k2 = right.j + (1 if self._is(right.j, _COMMAS) else 0)
                yr = self._year(k2, 4, require4=True)
                if yr is not None:
                    self._set_year(right, yr)
                    right.month = None
            if right is not None and self._combine(left, right, op is not None):
                return _Expr(
                    left, None if right.ongoing else right, i if op else first, right.j, right.ongoing
                )
        if self._standalone(left, False):
            return _Expr(left, None, first, left.j, False)
        return None

    def _next_year_by_word(self, left: _Atom, k: int) -> bool:
        """A bare four-digit year, a one-word range word, and the year after it."""
        t = self.t
        if left.month is not None or left.season or left.era or left.year is None or left.year_digits != 4:
            return False
        rw = self.tb.range_words.match(t, k)
        if rw is None or rw[1] != k + 1 or rw[1] >= t.n:
            return False
        j = rw[1]
        return t.kind[j] == _NUM and t.raw[j] == str(left.year + 1) and self._right_ok(j)

    def _combine(self, a: _Atom, b: _Atom, opener: bool) -> bool:
        if b.ongoing:
            return self._standalone(a, opener)
        if (
            a.year is not None
            and a.month is None
            and not a.season
            and b.day is not None
            and b.month is None
            and b.year is None
            and b.j == b.i + 1
        ):
            # after a bare year, "18" in "1914–18" and "5" in "1984/5" end a year, not a month
            b.year, b.year_digits, b.day = b.day, len(self.t.raw[b.i]), None
        if b.weekday and b.day is None:
            return False
        if a.day is not None and a.month is None:  # "5–7 May 1945"
            if b.day is None or b.month is None:
                return False
            a.month = b.month
        if b.day is not None and b.month is None:  # "July 13–16"
            if a.month is None or a.day is None:
                return False
            b.month = a.month
        if a.month is None and a.year is None and not a.season:
            return False
        if b.month is None and b.year is None:
            return False
        if b.month is not None and a.month is None and b.day is not None:
            return False  # "1943 – 5 May": not a range this grammar knows
        if a.year is not None and b.year is not None and not b.era and b.year_digits <= 2:
            # short right year: 1943–44, 1618–48
            if a.month is not None or b.month is not None or a.era or a.year_digits < 3:
                return False
            base = 10**b.year_digits  # "1943–44", "1984/5"
            b.year = a.year // base * base + b.year
            b.year_digits = 4
            b.approx = b.approx or a.season
        elif b.year is not None and b.year_digits < 3 and not b.era:
            return False
        # year and era flow from one end to the other
        if a.year is None and b.year is not None:
            a.year, a.bc, a.era, a.year_digits = b.year, b.bc, b.era, b.year_digits
            if a.key() > b.key():
                a.year = a.year + 1 if a.bc else a.year - 1
        elif b.year is None and a.year is not None:
            b.year, b.bc, b.era, b.year_digits = a.year, a.bc, a.era, a.year_digits
            if a.key() > b.key():
                b.year = b.year - 1 if b.bc else b.year + 1
        elif a.year is not None and b.year is not None and b.era and not a.era:
            a.bc, a.era = b.bc, True
        if a.year is None and (a.month is None or b.month is None):
            return False
        if a.year is not None and a.key() > b.key():
            return False
        if not (_valid(a) and _valid(b)):
            return False
        if a.year is not None and a.month is None:
            # a bare-year range must sit in a date-like context: not "pp. 112–14"
            return self._bare_year_ok(a, opener)
        return True

    def _standalone(self, a: _Atom, opener: bool) -> bool:
        if a.ongoing or not _valid(a):
            return False
        if a.day is not None:
            return a.month is not None
        if a.month is not None:
            # a month alone ("in July", "the rest of August") needs a preposition; its year comes
            # from the anchor, like a day and month without a year
            return a.year is not None or a.approx or self.tb.month_preps.ends_at(self.t, a.i)
        if a.year is None:
            return False
        return self._bare_year_ok(a, opener)

    def relative_at(self, i: int) -> tuple[tuple[str, int], int] | None:
        t, tb = self.t, self.tb
        rel = tb.relative.match(t, i)
        if rel is not None:
            return rel
        # "two days later", "3 weeks earlier"
        count: int | None = None
        k = i
        if t.kind[i] == _NUM and len(t.raw[i]) <= 3:
            count, k = int(t.raw[i]), i + 1
        else:
            nw = tb.number_words.match(t, i)
            if nw is not None:
                count, k = nw
        if count is None:
            return None
        unit = tb.duration_units.match(t, k)
        if unit is None:
            return None
        suf = tb.rel_suffixes.match(t, unit[1])
        if suf is None:
            return None
        return (unit[0], count * suf[0]), suf[1]

    def month_relative_at(self, i: int) -> tuple[int, int, int] | None:
        """ "last June" / "juin dernier": (month, offset, end token), resolved against the anchor."""
        tb = self.tb
        pre = tb.month_rel_pre.match(self.t, i)
        if pre is not None:
            m = self._month(pre[1])
            if m is not None and (m[1] >= self.t.n or self.t.kind[m[1]] != _NUM):
                return m[0], pre[0], m[1]
            return None
        m = self._month(i)
        if m is not None:
            suf = tb.month_rel_suf.match(self.t, m[1])
            if suf is not None:
                return m[0], suf[0], suf[1]
        return None

    def day_of_month_at(self, i: int) -> tuple[int, int] | None:
        """ "on the 27th," : (day, end token). The day needs its ordinal suffix and a preposition
        before it, and ends a clause: "the 27th Division" and "the 27th of May" are not this."""
        t, tb = self.t, self.tb
        art = tb.articles.match(t, i)
        if art is None or not tb.day_preps.ends_at(t, i):
            return None
        k = art[1]
        day = self._day(k)
        if day is None or day[1] == k + 1 or not t.adjacent(k, k + 1):
            return None  # no ordinal suffix: "on the 27 ..." is a count
        d, j = day
        if j < t.n and t.raw[j] not in _CLAUSE_END:
            return None
        return d, j

    def _cannot_start(self, i: int) -> bool:
        """A number no date starts with: five digits or more, or a group inside "3,000" / "1.5"."""
        t = self.t
        if len(t.raw[i]) >= 5:
            return True
        return (
            i >= 2
            and t.raw[i - 1] in ",."
            and t.kind[i - 2] == _NUM
            and t.adjacent(i - 2, i - 1)
            and t.adjacent(i - 1, i)
        )

    def _may_start(self, i: int) -> bool:
        """Whether `parse_at(i)` can find anything: a number, a word some expression starts with,
        or an article before a number or a weekday. Most starter words ("the", "a") are not."""
        t, tb = self.t, self.tb
        if t.kind[i] == _NUM or t.low[i] in tb.atom_firsts:
            return True
        art = tb.articles.match(t, i)
        if art is None:
            return False
        k = art[1]
        return k < t.n and (t.kind[k] == _NUM or t.low[k] in tb.weekdays.first)

    def scan(self) -> list[DateMatch]:
        t, tb = self.t, self.tb
        out: list[DateMatch] = []
        i = 0
        n = t.n
        while i < n:
            if t.kind[i] != _NUM and t.low[i] not in tb.starters:
                i += 1
                continue
            if t.kind[i] == _NUM and self._cannot_start(i):
                i += 1
                continue
            number = t.kind[i] == _NUM
            w = t.low[i]
            # each matcher below starts only at words of its own sets: checked here, not called
            mrel = None if number or w not in tb.mrel_firsts else self.month_relative_at(i)
            if mrel is not None:
                month, off, j = mrel
                s, e = t.start[i], t.end[j - 1]
                md = MonthDay(month)
                out.append(DateMatch(s, e, DateRange(raw=t.text[s:e]), ("month_name", off), (md, md)))
                i = j
                continue
            if number:
                rel = self.relative_at(i) if i + 1 < n and t.low[i + 1] in tb.duration_units.first else None
            else:
                rel = self.relative_at(i) if w in tb.rel_firsts else None
            if rel is not None:
                (unit, off), j = rel
                s, e = t.start[i], t.end[j - 1]
                out.append(DateMatch(s, e, DateRange(raw=t.text[s:e]), (unit, off)))
                i = j
                continue
            ex = self.parse_at(i) if self._may_start(i) else None
            if ex is None:
                wd = tb.weekday_nums.match(t, i) if w in tb.weekday_nums.first and self._cap_ok(i) else None
                dm = (
                    self.day_of_month_at(i)
                    if w in tb.articles.first and i + 1 < n and t.kind[i + 1] == _NUM and tb.day_preps.d
                    else None
                )
                if dm is not None:  # "on the 27th": a day of the anchor's month
                    day, j = dm
                    s, e = t.start[i], t.end[j - 1]
                    out.append(DateMatch(s, e, DateRange(raw=t.text[s:e]), ("day_of_month", day)))
                    i = j
                    continue
                if wd is not None:  # "on Wednesday": the last such day, counted from the anchor
                    s, e = t.start[i], t.end[wd[1] - 1]
                    out.append(DateMatch(s, e, DateRange(raw=t.text[s:e]), ("weekday", wd[0])))
                    i = wd[1]
                    continue
                i += 1
                continue
            s, e = t.start[ex.first], t.end[ex.last - 1]
            out.append(_to_match(s, e, t.text[s:e], ex))
            i = ex.last
        return out


_CLAUSE_END = frozenset(",.;:)!?")


@dataclass(init=False)
class _Year:
    value: int
    bc: bool
    era: bool
    end: int
    digits: int
    decade: bool

    def __init__(self, value: int, bc: bool, era: bool, end: int, digits: int, decade: bool = False) -> None:
        self.value = value
        self.bc = bc
        self.era = era
        self.end = end
        self.digits = digits
        self.decade = decade


@dataclass(init=False)
class _Expr:
    left: _Atom
    right: _Atom | None
    first: int
    last: int
    ongoing: bool

    def __init__(self, left: _Atom, right: _Atom | None, first: int, last: int, ongoing: bool) -> None:
        self.left = left
        self.right = right
        self.first = first
        self.last = last
        self.ongoing = ongoing


# --------------------------------------------------------------------------- building values


def _leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _month_len(y: int | None, m: int) -> int:
    if m == 2:
        return 29 if y is None or _leap(y) else 28
    return 30 if m in (4, 6, 9, 11) else 31


def _valid(a: _Atom) -> bool:
    if a.month is not None and not 1 <= a.month <= 12:
        return False
    if a.day is not None and a.month is not None:
        return 1 <= a.day <= _month_len(a.astro, a.month)
    return True


def _fmt(y: int, m: int | None = None, d: int | None = None) -> str:
    s = f"-{-y:04d}" if y < 0 else f"{y:04d}"
    if m is not None:
        s += f"-{m:02d}"
        if d is not None:
            s += f"-{d:02d}"
    return s


def _partial(a: _Atom) -> PartialDate:
    y = a.astro
    assert y is not None
    if a.month is None:
        return PartialDate(value=_fmt(y), precision="year", approximate=a.approx)
    if a.day is None:
        return PartialDate(value=_fmt(y, a.month), precision="month", approximate=a.approx)
    return PartialDate(value=_fmt(y, a.month, a.day), precision="day", approximate=a.approx)


def _to_match(s: int, e: int, raw: str, ex: _Expr) -> DateMatch:
    left, right = ex.left, ex.right
    if left.year is None:
        assert left.month is not None
        md_l = MonthDay(left.month, left.day, left.approx)
        md_r = (
            md_l if right is None or right.month is None else MonthDay(right.month, right.day, right.approx)
        )
        return DateMatch(s, e, DateRange(raw=raw, ongoing=ex.ongoing), ("year", 0), (md_l, md_r))
    start = _partial(left)
    last = right if right is not None else left
    end = None if ex.ongoing else (_partial(right) if right is not None else start)
    if end is not None and last.decade and last.month is None:
        assert last.year is not None
        end = PartialDate(value=_fmt(last.year + 9), precision="year", approximate=last.approx)
    return DateMatch(s, e, DateRange(raw=raw, start=start, end=end, ongoing=ex.ongoing), None)


# --------------------------------------------------------------------------- public API


def find_dates(text: str, lang: LangTable, era: int | None = None) -> list[DateMatch]:
    """Every date expression of `text`, non-overlapping, in order.

    `era`, the page's own year where known: on a page about a year after 1000, a bare number of
    fewer than four digits with no era word ("154 flights") is a count, not a year.
    """
    if not _trigger(lang).search(text):
        return []  # no digit and no date word: most sentences, skipped before tokenising
    return _Parser(text, lang, era=era).scan()


_LETTERS = re.compile(r"[^\W\d_]+")


@per_table
def _trigger(lang: LangTable) -> _Trigger:
    """What every date expression holds: a 3- or 4-digit number outside a citation marker ("[123]"
    is not one), a month, season, weekday or era word, or a whole relative phrase ("the following
    month"). A sentence with none of them is never tokenised."""
    phrases = [
        p
        for p in {
            *lang.months,
            *lang.seasons,
            *lang.weekdays,
            *lang.relative_dates,
            *lang.relative_suffixes,
            *lang.eras_bc,
            *lang.eras_ad,
        }
        if p
    ]
    toks = [_tokens(p).low for p in phrases]
    singles = {t[0] for t in toks if len(t) == 1}
    multis = {p.casefold() for p, t in zip(phrases, toks, strict=True) if len(t) > 1}
    # a one-token word counts as a whole run of letters, a one-character sign anywhere; a longer
    # phrase anywhere in the casefolded text
    words = {w for w in singles if _LETTERS.fullmatch(w)}
    signs = {w for w in singles if len(w) == 1 and not _LETTERS.fullmatch(w)}
    ordinal_day = None
    if lang.day_prepositions and lang.ordinal_suffixes and lang.date_articles:
        preps, arts, sufs = (
            "|".join(_token_pattern(p) for p in sorted(ws, key=len, reverse=True))
            for ws in (lang.day_prepositions, lang.date_articles, lang.ordinal_suffixes)
        )
        ordinal_day = re.compile(rf"(?:{preps})\s*(?:{arts})\s*(?<!\d)\d{{1,2}}(?:{sufs})")
    trig = _Trigger(
        re.compile(_grouped((w, r"(?![^\W\d_])") for w in words)) if words else None,
        _anchored(words, multis | signs),
        ordinal_day,
    )
    return trig


def _token_pattern(phrase: str) -> str:
    """A phrase's casefolded tokens, any white space between them."""
    return r"\s*".join(re.escape(w) for w in _tokens(phrase).low)


def _anchored(words: set[str], phrases: set[str]) -> re.Pattern[str] | None:
    """A character other than a letter, then a whole word after it or the rest of a phrase it is in.

    Every word opens after such a character (or at the text's start) and every phrase holds one,
    so the engine jumps over the letters and tries only there. A phrase is matched from its first
    character other than a letter, what comes before that checked by a look-behind."""
    tails = [(w, r"(?![^\W\d_])") for w in words]
    for p in phrases:
        k = next(k for k, ch in enumerate(p) if not _LETTERS.fullmatch(ch))
        tails.append((p[k + 1 :], f"(?<={re.escape(p)})"))
    if not tails:
        return None
    return re.compile(rf"[\W\d_](?:{_grouped(tails)})")


def _grouped(items: Iterable[tuple[str, str]]) -> str:
    """An alternation of literals, each followed by its own check, with one alternative per first
    character that opens with that character: the engine then tries only the one that fits (a flat
    alternation tries each literal in turn)."""
    groups: dict[str, list[str]] = {}
    for lit, check in sorted(items, key=lambda it: (-len(it[0]), it)):
        groups.setdefault(lit[:1], []).append(re.escape(lit[1:]) + check)
    return "|".join(f"{re.escape(first)}(?:{'|'.join(alts)})" for first, alts in sorted(groups.items()))


# A run of three or four digits, tried at a run's first digit only (linear), that is neither a
# citation marker ("[123]", "[note 12]": never a date, `_Parser._left_ok`) nor a group of
# "1,100" / "3.250" (no date starts there, `_Parser._cannot_start`). A year has three or four
# digits; a day (one or two) always comes with a month name, and "48 BC" with an era word, both
# in the word sets. It opens with the digit itself (the lookbehinds include it) so that the engine
# jumps from digit to digit.
_DIGIT = re.compile(
    r"\d(?<!\d\d)(?<!\d[,.]\d)(?!(?<=\[\d)\d{2,3}\])(?!(?<=\[note \d)\d{2,3}\])\d{2,3}(?!\d)"
)


@dataclass(frozen=True)
class _Trigger:
    """In the casefolded text: a date word as a whole run of letters, a longer phrase or a sign
    anywhere, or a preposition, an article and a day with its ordinal suffix ("on the 27th")
    where a day of the month can stand alone (not a bare "21st", mostly a unit's name)."""

    opening: re.Pattern[str] | None
    """A date word at the text's start."""
    anchored: re.Pattern[str] | None
    """A date word after a character other than a letter, or a phrase or sign (`_anchored`)."""
    ordinal_day: re.Pattern[str] | None

    def search(self, text: str) -> bool:
        return _DIGIT.search(text) is not None or self.has_word(text)

    def has_word(self, text: str) -> bool:
        """The test after the digits: a date word or phrase."""
        low = text.casefold()
        return (
            (self.opening is not None and self.opening.match(low) is not None)
            or (self.anchored is not None and self.anchored.search(low) is not None)
            or (
                self.ordinal_day is not None
                and _ANY_DIGIT.search(low) is not None  # the day's: cheaper to look for first
                and self.ordinal_day.search(low) is not None
            )
        )


_ANY_DIGIT = re.compile(r"\d")


def may_hold_date(text: str, lang: LangTable) -> bool:
    """False when `text` cannot hold a date expression of `lang` (then find_dates finds none); a
    cheap test to skip whole paragraphs."""
    return _trigger(lang).search(text)


@dataclass(init=False)
class _Hits:
    """Where one pattern matched in a text, in order: each match's start and end."""

    starts: list[int]
    ends: list[int]

    def __init__(self, starts: list[int], ends: list[int]) -> None:
        self.starts = starts
        self.ends = ends

    @staticmethod
    def of(found: Iterable[re.Match[str]]) -> _Hits:
        spans = [m.span() for m in found]
        return _Hits([s for s, _ in spans], [e for _, e in spans])

    def within(self, start: int, end: int) -> bool | None:
        """Whether a match lies inside [start, end); None when one straddles its start or end, so
        that matching the span alone could differ (an overlapping match was never tried)."""
        k = bisect_left(self.starts, start)
        if k and self.ends[k - 1] > start:
            return None
        if k < len(self.starts) and self.starts[k] < end:
            return True if self.ends[k] <= end else None
        return False


@dataclass(init=False)
class DateHints:
    """Where a paragraph's numbers may be years, found in one pass over it, so that its sentences
    are not searched for them again: `may_hold(start, end)` answers as `may_hold_date(text[start:
    end])` for a span with white space (or the text's end) on both sides, as a sentence has. Such a
    span sees the same context as the text alone, but for a "[note " before it (`_DIGIT`'s
    look-behind), tested again like a span a match straddles.

    The words are then looked for in the paragraph casefolded once, each pattern bounded to the
    span (when casefolding keeps every character in its place, else in the span casefolded alone):
    the look-behinds of `trigger.anchored`'s phrases need letters before them, and find the white
    space before the span as they find nothing before a text's start."""

    text: str
    trigger: _Trigger
    digits: _Hits
    low: str | None
    """The casefolded text, None where casefolding moves characters ("ß" becomes "ss")."""

    def __init__(self, text: str, trigger: _Trigger, digits: _Hits) -> None:
        self.text = text
        self.trigger = trigger
        self.digits = digits
        low = text.casefold()
        self.low = low if len(low) == len(text) else None

    def may_hold(self, start: int, end: int) -> bool:
        inside = self.digits.within(start, end)
        if inside:
            return True
        if inside is None or self.text.endswith("[note ", 0, start):
            return self.trigger.search(self.text[start:end])
        return self.has_word(start, end)

    def has_word(self, start: int, end: int) -> bool:
        """`trigger.has_word(text[start:end])` without casefolding the span again."""
        low = self.low
        trig = self.trigger
        if low is None or not (start == 0 or low[start - 1].isspace()):
            return trig.has_word(self.text[start:end])
        return (
            (trig.opening is not None and trig.opening.match(low, start, end) is not None)
            or (trig.anchored is not None and trig.anchored.search(low, start, end) is not None)
            or (
                trig.ordinal_day is not None
                and _ANY_DIGIT.search(low, start, end) is not None
                and trig.ordinal_day.search(low[start:end]) is not None
            )
        )


def date_hints(text: str, lang: LangTable) -> DateHints | None:
    """The trigger's numbers in `text`, or None where it cannot hold a date (as `may_hold_date`)."""
    hints = DateHints(text, _trigger(lang), _Hits.of(_DIGIT.finditer(text)))
    if not hints.digits.starts and not hints.has_word(0, len(text)):
        return None
    return hints


def may_open_date(text: str, lang: LangTable) -> bool:
    """Whether a date can start at the first token of `text`: a number or one of the table's date
    starters, the only tokens `_Parser.scan` starts a date at. False settles that no date opens it."""
    m = _TOKEN.search(text)
    return m is not None and (m.lastindex == _NUM or m.group().casefold() in _tables(lang).starters)


def lone_year(digits: str) -> PartialDate | None:
    """What `find_dates` makes of four ASCII digits standing alone, in every table (no word is near
    them to make them a day, a count or an era year): a year from 1000 to _MAX_YEAR, else nothing."""
    if 1000 <= int(digits) <= _MAX_YEAR:
        return PartialDate(value=digits, precision="year", approximate=False)
    return None


def scan_dates(text: str, lang: LangTable, era: int | None = None) -> list[DateMatch]:
    """`find_dates` without its trigger, for a text known to pass it (`DateHints.may_hold`)."""
    return _Parser(text, lang, era=era).scan()


def parse_date_value(text: str, lang: LangTable) -> DateRange | None:
    """An infobox date cell: the first absolute date or range in it (raw is the whole cell)."""
    for m in _Parser(text, lang, cell=True).scan():
        if m.date.start is not None:
            return DateRange(raw=text.strip(), start=m.date.start, end=m.date.end, ongoing=m.date.ongoing)
    return None


def sort_key(p: PartialDate) -> tuple[int, int, int]:
    """Sort key of a date: a month sorts before its days ("August 1805" < "25 August 1805")."""
    y, m, d = _ymd(p)
    return y, m or 0, d or 0


def _ymd(p: PartialDate) -> tuple[int, int | None, int | None]:
    neg = p.value.startswith("-")
    parts = p.value.lstrip("-").split("-")
    y = -int(parts[0]) if neg else int(parts[0])
    m = int(parts[1]) if len(parts) > 1 else None
    d = int(parts[2]) if len(parts) > 2 else None
    return y, m, d


def _days(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 in the proleptic Gregorian calendar (any year, astronomical)."""
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _civil(z: int) -> tuple[int, int, int]:
    z += 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + (3 if mp < 10 else -9)
    return y + (m <= 2), m, d


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


WEEKLIKE = frozenset({"week", "days"})
"""Relative units placed to the month at best: a week, a vague number of days ("the next few days")."""


def resolve_relative(anchor: PartialDate, unit: str, offset: int) -> PartialDate:
    """The date `offset` units after `anchor`, never finer than the anchor nor than the unit.

    Where the coarser precision cannot say which month or year it lands in (the day after a month,
    the week after a day), the result keeps the coarser value and is marked approximate.
    """
    y, m, d = _ymd(anchor)
    approx = anchor.approximate
    if unit == "year":
        return PartialDate(value=_fmt(y + offset), precision="year", approximate=approx)
    if m is None:  # a year anchor: finer shifts stay in that year, approximately
        return PartialDate(value=_fmt(y), precision="year", approximate=approx or offset != 0)
    if unit == "month":
        y2, m2 = _add_months(y, m, offset)
        return PartialDate(value=_fmt(y2, m2), precision="month", approximate=approx)
    days = offset * (7 if unit in WEEKLIKE else 1)
    if d is None:
        return PartialDate(value=_fmt(y, m), precision="month", approximate=approx or offset != 0)
    y2, m2, d2 = _civil(_days(y, m, d) + days)
    if unit in WEEKLIKE:
        return PartialDate(value=_fmt(y2, m2), precision="month", approximate=True)
    return PartialDate(value=_fmt(y2, m2, d2), precision="day", approximate=approx)


def resolve_yearless(md: MonthDay, anchor: PartialDate) -> PartialDate:
    """A day and month without a year, in the anchor's year; precision is what the page gave."""
    y = _ymd(anchor)[0]
    if md.day is not None and md.day > _month_len(y, md.month):
        md = MonthDay(md.month, None, md.approximate)
    if md.day is None:
        return PartialDate(value=_fmt(y, md.month), precision="month", approximate=md.approximate)
    return PartialDate(value=_fmt(y, md.month, md.day), precision="day", approximate=md.approximate)


_ROLL_OVER = 9
"""A day and month this many months or more before its anchor's month is in the next year."""


def shift_year(p: PartialDate, k: int) -> PartialDate:
    """The same day (month, year) k years later; precision and approximation kept."""
    y, m, d = _ymd(p)
    return p.model_copy(update={"value": _fmt(y + k, m, d)})


def resolve_match(m: DateMatch, anchor: PartialDate | None) -> DateRange | None:
    """The absolute DateRange of a match, resolving a relative or year-less one against `anchor`."""
    if m.relative is None:
        return m.date
    if anchor is None:
        return None
    if m.relative[0] == "weekday":
        y, mo, d = _ymd(anchor)
        if mo is None or d is None:
            return None
        z = _days(y, mo, d)
        back = ((z + 3) % 7 - m.relative[1]) % 7  # 1970-01-01 was a Thursday (3)
        p = PartialDate(value=_fmt(*_civil(z - back)), precision="day")
        return DateRange(raw=m.date.raw, start=p, end=p)
    if m.yearless is not None and m.relative[0] == "month_name":
        month, off = m.yearless[0].month, m.relative[1]
        y, am, _ = _ymd(anchor)
        if am is None:
            return None
        year = (y if month < am else y - 1) if off < 0 else (y if month > am else y + 1)
        p = PartialDate(value=_fmt(year, month), precision="month")
        return DateRange(raw=m.date.raw, start=p, end=p)
    if m.yearless is not None:
        a, b = m.yearless
        am = _ymd(anchor)[1]
        if am is not None and am - a.month >= _ROLL_OVER:
            # "On 28 December ... On 2 January": the story crossed the new year, it did not go
            # back eleven months
            anchor = shift_year(anchor, 1)
        start = resolve_yearless(a, anchor)
        end = resolve_yearless(b, anchor) if b != a else start
        if (b.month, b.day or 0) < (a.month, a.day or 0):  # "29 December – 3 January"
            end = shift_year(end, 1)
        return DateRange(
            raw=m.date.raw, start=start, end=None if m.date.ongoing else end, ongoing=m.date.ongoing
        )
    if m.relative[0] == "day_of_month":
        y, mo, d = _ymd(anchor)
        if mo is None:
            return None
        day = m.relative[1]
        if d is not None and day < d:  # "on 30 November ... on the 2nd": the next month
            y, mo = _add_months(y, mo, 1)
        if day > _month_len(y, mo):
            return None
        p = PartialDate(value=_fmt(y, mo, day), precision="day", approximate=anchor.approximate)
        return DateRange(raw=m.date.raw, start=p, end=p)
    unit, off = m.relative
    p = resolve_relative(anchor, unit, off)
    return DateRange(raw=m.date.raw, start=p, end=p)


def parse_duration(text: str, lang: LangTable) -> tuple[int, int, int, int] | None:
    """(years, months, weeks, days) of a stated duration, "(6 years, 11 months, 1 week and 6 days)"."""
    t = _tokens(text)
    tb = _tables(lang)
    acc = dict.fromkeys(_UNITS, 0)
    found = False
    i = 0
    while i < len(t):
        count: int | None = None
        k = i
        if t.kind[i] == _NUM:
            count, k = int(t.raw[i]), i + 1
        else:
            nw = tb.number_words.match(t, i)
            if nw is not None:
                count, k = nw
        if count is not None:
            u = tb.duration_units.match(t, k)
            if u is not None:
                acc[u[0]] += count
                found = True
                i = u[1]
                continue
        i += 1
    if not found:
        return None
    return acc["year"], acc["month"], acc["week"], acc["day"]


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def duration_mismatch(date: DateRange, duration: tuple[int, int, int, int]) -> str | None:
    """A message when the stated duration disagrees with start..end (one day of slack), else None.

    Only dates given to the day are checked; an ongoing or open range cannot be (no today's date).
    """
    if date.start is None or date.end is None or date.ongoing:
        return None
    if date.start.precision != "day" or date.end.precision != "day":
        return None
    y, m, d = _ymd(date.start)
    ye, me, de = _ymd(date.end)
    assert m is not None and d is not None and me is not None and de is not None
    years, months, weeks, days = duration
    y2, m2 = _add_months(y, m, years * 12 + months)
    d2 = min(d, _month_len(y2, m2))
    expected = _days(y2, m2, d2) + weeks * 7 + days
    actual = _days(ye, me, de)
    if abs(expected - actual) <= 1:
        return None
    # what the page should have said, for the message
    span = actual - _days(y, m, d)
    return (
        f"stated duration {_plural(years, 'year')}, {_plural(months, 'month')}, {_plural(weeks, 'week')}, "
        f"{_plural(days, 'day')} does not match "
        f"{date.start.value} to {date.end.value} ({span} days; the stated duration ends on "
        f"{_fmt(*_civil(expected))})"
    )


__all__ = [
    "DateHints",
    "DateMatch",
    "MonthDay",
    "date_hints",
    "duration_mismatch",
    "find_dates",
    "parse_date_value",
    "parse_duration",
    "resolve_match",
    "resolve_relative",
    "resolve_yearless",
    "scan_dates",
]
