"""Dated events from the prose: one Event per sentence that carries a date.

For each prose section (document.PROSE_KINDS) the paragraphs are split into sentences. A
sentence's date is its first date in text order that resolves (a range when that date is a range);
a relative phrase its anchor can place only coarsely ("the day after" counted from a year) gives
way to a later date of the sentence. Anchors, in page order:
- within a sentence, each date anchors the next one;
- the next sentences of the paragraph count from the sentence's last date that does not look back
  before the sentence's own date (a background date, "Emperor since December of the previous
  year", anchors nothing; "by 12 August" after "During 11 August" moves the story on);
- a sentence whose date is a source's ("In 2005, Barr wrote ...", `lang.source_verbs`), a plan's
  ("For the following year the Duke proposed ...", `lang.plan_prepositions`) or a less
  precise look back ("at the end of 1941" after 4 January 1942) dates itself but moves no anchor;
- a relative phrase ("the following month", "two days later") resolves against the anchor of its
  paragraph, else the caller's `anchor` (e.g. an article's publication date); "that year" and the
  other year phrases name the last year the paragraph stated, background or not; a vague number of
  days ("the next few days") is placed to the month, and a vague step back inside a clause ("wiped
  out ... a few days earlier") is background;
- a day and month without a year ("on 30 October") takes the year of that anchor, else of the
  caller's `anchor` or `year_anchor`, else of the section's last anchor; where that year puts it
  outside the conflict's own dates (`period`) and the year before or after puts it inside, no
  further from the anchor, it takes that year.
What cannot be resolved gives an `unresolved-date` warning. Dates that only name something (a span
of years opening a parenthesis: "Libyan Civil War (2014–present)", "Kingdom of Italy (1861–1946)")
and asides (a date after words inside a parenthesis: "(demolished 1836)") are neither events nor
anchors; a parenthesis that opens with a single date ("the fall of Bardia (5 January 1941)") dates
its sentence.
Citation markers are cut from the event text (their ids become refs); a maintenance tag
("[citation needed]") is cut too, with a `maintenance-tag` warning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..document import PROSE_KINDS, Section, Seg
from ..lang.base import LangTable, per_table
from ..models import DateRange, Event, PartialDate, Warning
from . import citations
from .dates import WEEKLIKE, DateMatch, date_hints, resolve_match, scan_dates, shift_year, sort_key
from .sentences import bounds


def _names_something(text: str, m: DateMatch) -> bool:
    """A span of years opens a parenthesis: "(2014–present)", "(1914–1918)", "(1861–1946, a kingdom)".

    A single date in a parenthesis ("the next day (28 November)") still dates the sentence.
    """
    if not text[: m.start].rstrip().endswith("("):
        return False
    d = m.date
    if d.ongoing:
        return True
    return d.start is not None and d.end is not None and d.start != d.end and d.start.precision == "year"


def _aside(text: str, m: DateMatch) -> bool:
    """A date after words of a parenthetical remark, "(demolished 1836)": an aside about something
    else, neither the sentence's date nor an anchor. A parenthesis that opens with its date is an
    apposition dating what precedes it: "the fall of Bardia (5 January 1941)", "The Battle of
    Austerlitz (2 December 1805/11 Frimaire An XIV FRC)"."""
    open_at = text.rfind("(", 0, m.start)
    if open_at < 0 or text.rfind(")", open_at, m.start) >= 0:
        return False
    if text.find(")", m.end) < 0:
        return False
    return any(ch.isalpha() for ch in text[open_at + 1 : m.start])


def _looks_back(text: str, m: DateMatch) -> bool:
    """A vague step back inside a clause, "the corps wiped out ... a few days earlier": background,
    not the sentence's date. Opening the sentence ("Some days earlier the lawmakers ...") it is."""
    if m.relative is None or m.relative[0] != "days" or m.relative[1] >= 0:
        return False
    return len(text[: m.start].split()) > 1


def _last_point(r: DateRange) -> PartialDate | None:
    return r.end or r.start


_RANK = {"year": 0, "month": 1, "week": 1, "days": 1, "day": 2}


def _coarse(m: DateMatch, start: PartialDate) -> bool:
    """A relative phrase its anchor could place only coarsely: "the day after" counted from a year,
    "over the next few days" (a month at best)."""
    if m.relative is None or m.yearless is not None:
        return False
    return _RANK[start.precision] < _RANK.get(m.relative[0], 0) or (
        start.approximate and m.relative[0] in WEEKLIKE
    )


@per_table
def _source_pattern(lang: LangTable) -> re.Pattern[str] | None:
    pattern = None
    if lang.source_verbs:
        verbs = "|".join(re.escape(v) for v in sorted(lang.source_verbs, key=len, reverse=True))
        pattern = re.compile(rf"\s*,?\s*(?:[^\s,.;:()]+\s+){{0,3}}?(?:{verbs})(?!\w)")
    return pattern


def _source_date(text: str, m: DateMatch, lang: LangTable) -> bool:
    """The date is when a source was written: "In 2005, Barr wrote that ..."."""
    pattern = _source_pattern(lang)
    return pattern is not None and pattern.match(text, m.end, min(len(text), m.end + 80)) is not None


def _planned(text: str, m: DateMatch, lang: LangTable) -> bool:
    """A relative date is a plan's: "For the following year the Duke proposed ..."
    (`lang.plan_prepositions`). A stated one still gives the year: "planned for late May 1942"."""
    if m.relative is None:
        return False
    before = text[max(0, m.start - 24) : m.start].split()
    return bool(before) and before[-1].casefold() in {w.casefold() for w in lang.plan_prepositions}


def _background(date: PartialDate, anchor: PartialDate | None) -> bool:
    """A sentence that looks back, less precisely, from where the paragraph stands: "(on 4 January
    1942 ...) Due to the weak condition of the resistance at the end of 1941, ..." leaves the story
    at 4 January 1942. A jump back to an equally precise date ("On 2 May ...") moves it."""
    if anchor is None:
        return False
    return _RANK[date.precision] < _RANK[anchor.precision] and sort_key(date) < sort_key(anchor)


_Day = tuple[int, int, int]
_Days = tuple[_Day, _Day]
"""The first and last day of a span, as (year, month, day)."""


def _within(
    m: DateMatch,
    anchor: PartialDate | None,
    resolved: DateRange | None,
    period: _Days | None,
) -> DateRange | None:
    """A day and month the anchor's year puts outside the conflict's dates takes the year before or
    after instead when that puts it inside and no further from the anchor: on a page about 23 August
    1942 – 2 February 1943, "In February 1943 only 10,000 civilians were still alive." then "A massive
    German air raid on 23 August" is 1942, six months back, not 1943, six months on."""
    if period is None or anchor is None or resolved is None or resolved.start is None:
        return resolved
    if _overlaps(resolved, period):
        return resolved
    here = _month_index(anchor)
    away = abs(_month_index(resolved.start) - here)
    for k in (-1, 1):
        alt = resolve_match(m, shift_year(anchor, k))
        if (
            alt is not None
            and alt.start is not None
            and _overlaps(alt, period)
            and abs(_month_index(alt.start) - here) <= away
        ):
            return alt
    return resolved


def _bounds(p: PartialDate) -> _Days:
    """The first and last day a date at its precision can be."""
    y, m, d = sort_key(p)
    return (y, m or 1, d or 1), (y, m or 12, d or 31)


def _span(period: tuple[PartialDate, PartialDate] | None) -> _Days | None:
    """The first and last day of the conflict's dates, worked out once for all its sentences."""
    if period is None:
        return None
    return _bounds(period[0])[0], _bounds(period[1])[1]


def _overlaps(r: DateRange, period: _Days) -> bool:
    assert r.start is not None
    return _bounds(r.start)[0] <= period[1] and _bounds(r.end or r.start)[1] >= period[0]


def _month_index(p: PartialDate) -> int:
    y, m, _ = sort_key(p)
    return 12 * y + (m or 1)


def _sentence_date(found: list[tuple[DateRange, PartialDate, bool]]) -> tuple[DateRange, PartialDate]:
    """The sentence's date and the anchor it leaves for the next sentences.

    The date is the first in text order ("... on 20 October ... the following day ... in November"
    is 21 October); a relative phrase placed only coarsely gives way to a later date that is not
    ("over the next few days, and cleared it by 4 July"), but not to one that looks back before it
    ("Some days earlier the lawmakers condemned the massacre in 1944-45" is June 2013).
    The next sentences count from the last date that does not look back before the sentence's own:
    "by 12 August" moves the story on, "Emperor since December of the previous year" does not.
    """
    keys = [sort_key(f[1]) for f in found]  # each start's, read once
    head = keys[0]
    k = next((k for k, f in enumerate(found) if not f[2] and (not found[0][2] or keys[k] >= head)), 0)
    date, start, _ = found[k]
    since = keys[k]
    onward = start
    for (d, s, _), key in zip(found, keys, strict=True):
        point = _last_point(d)
        if point is not None and (key if point is s else sort_key(point)) >= since:
            onward = point
    return date, onward


def extract_events(
    sections: list[Section],
    lang: LangTable,
    anchor: PartialDate | None = None,
    paragraph_langs: Sequence[LangTable] | None = None,
    year_anchor: PartialDate | None = None,
    era: int | None = None,
    period: tuple[PartialDate, PartialDate] | None = None,
) -> tuple[list[Event], list[Warning]]:
    """Events of the prose sections, in page order, and the warnings found on the way.

    `paragraph_langs`, where given, is the table of each prose paragraph in order (a page that
    mixes languages); otherwise every paragraph is read with `lang`. `year_anchor` (the page's
    own single year) supplies the year of "on 18 August" only; relative phrases ("the following
    day") need a date of their own paragraph or `anchor`. `period`, the conflict's own first and
    last day (its infobox date), settles the year of a day and month the anchor leaves in doubt.
    """
    events: list[Event] = []
    warnings: list[Warning] = []
    span = _span(period)
    n_para = -1
    for section in sections:
        if section.kind not in PROSE_KINDS:
            continue
        section_anchor: PartialDate | None = None
        for para in section.paragraphs:
            n_para += 1
            table = lang
            if paragraph_langs is not None and n_para < len(paragraph_langs):
                table = paragraph_langs[n_para]
            para_anchor: PartialDate | None = None
            mentioned: PartialDate | None = None  # the last date stated, background or not
            hints = date_hints(para.text, table)
            if hints is None:
                continue  # none of its sentences can hold one: not worth splitting
            for i, j in bounds(para.text, table):
                if not hints.may_hold(i, j):
                    continue  # no date in it: nothing found, no anchor moved
                sent = para.sub(i, j)
                found: list[tuple[DateRange, PartialDate, bool]] = []  # (date, start, coarse), in text order
                matches: list[DateMatch] = []  # the match of each entry of `found`
                chain = para_anchor  # within a sentence, each date anchors the next one
                said = mentioned
                for m in scan_dates(sent.text, table, era):
                    if _names_something(sent.text, m) or _aside(sent.text, m) or _looks_back(sent.text, m):
                        continue
                    if m.relative is None:
                        resolved: DateRange | None = m.date
                    elif m.relative[0] == "weekday":
                        # "on Wednesday" in a news text counts back from its date; a story's
                        # weekdays run forward, so without the page's own date it stays unresolved
                        resolved = resolve_match(m, anchor)
                    elif m.relative[0] == "month_name":
                        # "last June" counts from when the page was written, not from the story
                        resolved = resolve_match(m, anchor or chain)
                    elif m.yearless is not None:
                        # the caller's anchor (the page's own single year) beats an earlier section's
                        base = chain or anchor or year_anchor or section_anchor
                        resolved = _within(m, base, resolve_match(m, base), span)
                    elif m.relative[0] == "year":
                        # "that year", "the following year" name the last year the text stated,
                        # even a background one ("... in 1705. Although the Allies had captured
                        # Barcelona that year")
                        resolved = resolve_match(m, said or anchor)
                    else:
                        resolved = resolve_match(m, chain or anchor)
                    if resolved is None or resolved.start is None:
                        warnings.append(
                            Warning(
                                code="unresolved-date",
                                message=f"no earlier date to resolve {m.date.raw!r} against",
                                span=sent.sub(m.start, m.end).span,
                            )
                        )
                        continue
                    found.append((resolved, resolved.start, _coarse(m, resolved.start)))
                    matches.append(m)
                    chain = _last_point(resolved) or chain
                    said = _last_point(resolved) or said
                if not found:
                    continue
                date, onward = _sentence_date(found)
                mentioned = onward
                principal = next(m for f, m in zip(found, matches, strict=True) if f[0] is date)
                if not (
                    _source_date(sent.text, principal, table)
                    or _planned(sent.text, principal, table)
                    or _background(onward, para_anchor)
                ):
                    para_anchor = section_anchor = onward
                events.append(_event(sent, date, section.heading, table, warnings))
    return events, warnings


def _event(
    sent: Seg, date: DateRange, heading: str | None, lang: LangTable, warnings: list[Warning]
) -> Event:
    cut = citations.cut(sent.text, lang)
    if cut.tags:
        for mk in citations.find(sent.text, lang):
            if mk.kind == "tag":
                warnings.append(
                    Warning(
                        code="maintenance-tag",
                        message=f"maintenance tag [{mk.value}] removed from an event",
                        span=sent.sub(mk.start, mk.end).span,
                    )
                )
    return Event(date=date, text=cut.text, section=heading, refs=cut.refs, span=sent.span)


__all__ = ["extract_events"]
