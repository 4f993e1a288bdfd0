"""Dated events from the prose: one Event per sentence that carries a date.

For each prose section (document.PROSE_KINDS) the paragraphs are split into sentences. A
sentence's date is its first absolute date (a range when that date is a range); failing that,
its first year-less date ("on 30 October"), then its first relative one ("the next day"),
resolved. Anchors, in page order:
- a relative phrase ("the following month", "two days later") resolves against the previous
  date of the same paragraph, else the caller's `anchor` (e.g. an article's publication date);
- a day and month without a year ("on 30 October") takes the year of the previous date of the same
  paragraph, else of the same section, else of `anchor`.
What cannot be resolved gives an `unresolved-date` warning. Dates that only name something, the
whole content of a parenthesis and a span of years ("Libyan Civil War (2014–present)",
"Kingdom of Italy (1861–1946)"), are neither events nor anchors.
Citation markers are cut from the event text (their ids become refs); a maintenance tag
("[citation needed]") is cut too, with a `maintenance-tag` warning.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..document import PROSE_KINDS, Section, Seg
from ..lang.base import LangTable
from ..models import DateRange, Event, PartialDate, Warning
from . import citations
from .dates import DateMatch, find_dates, may_hold_date, resolve_match
from .sentences import split


def _names_something(text: str, m: DateMatch) -> bool:
    """A span of years is all there is inside a parenthesis: "(2014–present)", "(1914–1918)".

    A single date in a parenthesis ("the next day (28 November)") still dates the sentence.
    """
    before = text[: m.start].rstrip()
    after = text[m.end :].lstrip()
    if not (before.endswith("(") and after.startswith(")")):
        return False
    d = m.date
    if d.ongoing:
        return True
    return d.start is not None and d.end is not None and d.start != d.end and d.start.precision == "year"


def _aside(text: str, m: DateMatch) -> bool:
    """A date inside a parenthetical remark with words of its own, "(demolished 1836)": an aside
    about something else, neither the sentence's date nor an anchor. "(28 November)" alone is not."""
    open_at = text.rfind("(", 0, m.start)
    if open_at < 0 or text.rfind(")", open_at, m.start) >= 0:
        return False
    close_at = text.find(")", m.end)
    if close_at < 0:
        return False
    inside = text[open_at + 1 : m.start] + text[m.end : close_at]
    return any(ch.isalpha() for ch in inside)


def _last_point(r: DateRange) -> PartialDate | None:
    return r.end or r.start


def extract_events(
    sections: list[Section],
    lang: LangTable,
    anchor: PartialDate | None = None,
    paragraph_langs: Sequence[LangTable] | None = None,
    year_anchor: PartialDate | None = None,
    era: int | None = None,
) -> tuple[list[Event], list[Warning]]:
    """Events of the prose sections, in page order, and the warnings found on the way.

    `paragraph_langs`, where given, is the table of each prose paragraph in order (a page that
    mixes languages); otherwise every paragraph is read with `lang`. `year_anchor` (the page's
    own single year) supplies the year of "on 18 August" only; relative phrases ("the following
    day") need a date of their own paragraph or `anchor`.
    """
    events: list[Event] = []
    warnings: list[Warning] = []
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
            if not may_hold_date(para.text, table):
                continue  # none of its sentences can hold one: not worth splitting
            for sent in split(para, table):
                principal: DateRange | None = None
                yearless: DateRange | None = None
                relative: DateRange | None = None
                for m in find_dates(sent.text, table, era):
                    if _names_something(sent.text, m) or _aside(sent.text, m):
                        continue
                    if m.relative is None:
                        resolved: DateRange | None = m.date
                    elif m.relative[0] == "weekday":
                        # "on Wednesday" in a news text counts back from its date; a story's
                        # weekdays run forward, so without the page's own date it stays unresolved
                        resolved = resolve_match(m, anchor)
                    elif m.relative[0] == "month_name":
                        # "last June" counts from when the page was written, not from the story
                        resolved = resolve_match(m, anchor or para_anchor)
                    elif m.yearless is not None:
                        # the caller's anchor (the page's own single year) beats an earlier section's
                        resolved = resolve_match(m, para_anchor or anchor or year_anchor or section_anchor)
                    else:
                        resolved = resolve_match(m, para_anchor or anchor)
                    if resolved is None or resolved.start is None:
                        warnings.append(
                            Warning(
                                code="unresolved-date",
                                message=f"no earlier date to resolve {m.date.raw!r} against",
                                span=sent.sub(m.start, m.end).span,
                            )
                        )
                        continue
                    if m.relative is None:
                        principal = principal or resolved
                    elif m.yearless is not None:
                        yearless = yearless or resolved
                    else:
                        relative = relative or resolved
                    point = _last_point(resolved)
                    if point is not None:
                        para_anchor = section_anchor = point
                date = principal or yearless or relative
                if date is None:
                    continue
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
