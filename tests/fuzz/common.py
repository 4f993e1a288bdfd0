"""The invariants every fuzz target and every robustness test checks, kept in one place.

A check raises AssertionError (or whatever the parser raised) when an invariant breaks; each
returns a plain value of what it saw so that a caller can compare two runs (determinism).
InputError is an accepted answer for whole pages, as long as its message is one line.
This module imports no fuzzing library: tests/test_robustness.py uses it too.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import unicodedata
from typing import Any

import conflictparse
from conflictparse import InputError, parse
from conflictparse import lang as langs
from conflictparse.document import Document, RefEntry, Section, Seg
from conflictparse.fields import casualties, dates, events, figures, names, references, sentences
from conflictparse.lang.base import LangTable
from conflictparse.models import Casualty, DateRange, Event, Figure, Reference, Span
from conflictparse.readers import reflist
from conflictparse.schema import to_json, validation_errors

LANGS = ("en", "ar", "fr")
_MARKER_ONLY = re.compile(r"[\s\u00a0]*(?:\d{1,4}\.|[\^↑])[\s\u00a0^↑a-z0-9.,]*")
"""A reference-list line that is only its number and backlinks ("1. ", "6. ^ a b"): chrome."""


def import_all() -> None:
    """Import every conflictparse module (readers load lazily) so atheris instruments them all."""
    for mod in pkgutil.walk_packages(conflictparse.__path__, "conflictparse."):
        importlib.import_module(mod.name)


def text_of(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def exact(text: str) -> Seg:
    return Seg(text, 0, len(text), True)


def line_segs(text: str) -> list[Seg]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append(Seg(line, pos, pos + len(line), True))
        pos += len(line) + 1
    return out


def _inside(text: str, start: int | None, end: int | None, raw: str | None = None) -> None:
    if start is None or end is None:
        return
    assert 0 <= start <= end <= len(text), (start, end, len(text))
    if raw is not None:
        assert raw.strip() in text[start:end], (raw, text[start:end])


def _in_span(text: str, span: Span | None, raw: str | None = None) -> None:
    if span is not None:
        _inside(text, span.start, span.end, raw)


# --------------------------------------------------------------------------- whole pages


def spanned(node: Any, out: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Every JSON object of a record that has a span."""
    out = [] if out is None else out
    if isinstance(node, dict):
        if isinstance(node.get("span"), dict):
            out.append(node)
        for v in node.values():
            spanned(v, out)
    elif isinstance(node, list):
        for v in node:
            spanned(v, out)
    return out


def check_page(text: str, fmt: str | None, lang: str | None = None, *, validate: bool = False) -> str:
    """Parse one page and check the record; the JSON (or the InputError line) is returned."""
    try:
        record = parse(text, fmt, lang)
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc), repr(str(exc))
        return f"InputError: {exc}"
    out = to_json(record)
    data = json.loads(out)
    if validate:
        assert validation_errors(data) == []
    decoded = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    for item in spanned(data):
        start, end = item["span"]["start"], item["span"]["end"]
        assert 0 <= start <= end <= len(decoded), (start, end, len(decoded))
        if record.source.format == "text" and isinstance(item.get("raw"), str):
            assert item["raw"].strip() in decoded[start:end], (item["raw"], decoded[start:end])
    for side in record.sides:
        for fig in side.strength:
            assert fig.low is None or fig.high is None or fig.low <= fig.high, fig
    return out


def document_segs(doc: Document) -> list[Seg]:
    segs: list[Seg] = [s for s in (doc.title, doc.publication_date) if s is not None]
    for fld in (doc.infobox or {}).values():
        segs.extend(fld.lines())
        if fld.label is not None:
            segs.append(fld.label)
    for sec in doc.sections:
        segs.extend(sec.paragraphs)
        if sec.heading_seg is not None:
            segs.append(sec.heading_seg)
    segs.extend(r.seg for r in doc.references)
    return segs


def check_document(doc: Document, *, all_exact: bool = False) -> list[tuple[str, int | None, int | None]]:
    """Spans of a reader's Document stay inside its text; an exact Seg is the slice it claims."""
    seen = []
    for seg in document_segs(doc):
        if seg.start is not None and seg.end is not None:
            assert 0 <= seg.start <= seg.end <= len(doc.text), (seg, len(doc.text))
        if all_exact:
            assert seg.exact and seg.start is not None, seg
        if seg.exact:
            assert doc.text[seg.start : seg.end] == seg.text, (seg, doc.text[seg.start : seg.end])
        seen.append((seg.text, seg.start, seg.end))
    for w in doc.warnings:
        if w.span is not None:
            assert 0 <= w.span.start <= w.span.end <= len(doc.text), w
    return seen


# --------------------------------------------------------------------------- field parsers


def check_figures(text: str, lang: LangTable) -> list[Figure]:
    out = figures.parse_figures(exact(text), lang)
    for f in out:
        Figure.model_validate(f.model_dump())
        assert f.low is None or f.high is None or f.low <= f.high, f
        _in_span(text, f.span, f.raw)
    return out


def check_numbers(text: str, lang: LangTable) -> list[figures.NumberMatch]:
    last = 0
    out = figures.find_numbers(text, lang)
    for m in out:
        assert last <= m.start <= m.end <= len(text), (last, m)
        assert m.low is None or m.high is None or m.low <= m.high, m
        last = m.end
    return out


def check_casualty(text: str, lang: LangTable) -> Casualty:
    c = casualties.parse_casualty(exact(text), lang)
    Casualty.model_validate(c.model_dump())
    _in_span(text, c.span, c.raw)
    for f in c.figures:
        assert f.low is None or f.high is None or f.low <= f.high, f
    return c


def check_dates(text: str, lang: LangTable) -> tuple[list[tuple[int, int, DateRange]], DateRange | None]:
    last = 0
    found = []
    for m in dates.find_dates(text, lang):
        assert last <= m.start <= m.end <= len(text), (last, m.start, m.end)
        DateRange.model_validate(m.date.model_dump())
        found.append((m.start, m.end, m.date))
        last = m.end
    value = dates.parse_date_value(text, lang)
    if value is not None:
        DateRange.model_validate(value.model_dump())
    return found, value


def check_names(text: str, lang: LangTable) -> list[tuple[str, int | None, int | None]]:
    lines = line_segs(text)
    found, orphans = names.parse_commanders(lines, lang, text)
    parties = names.parse_parties(lines, lang)
    out = []
    for p in [*found, *parties]:
        _inside(text, p.seg.start, p.seg.end)
        if p.seg.exact:
            assert text[p.seg.start : p.seg.end] == p.seg.text
        assert p.value.name.strip(), p
        out.append((p.value.model_dump_json(), p.seg.start, p.seg.end))
    for o in orphans:
        _inside(text, o.start, o.end)
        out.append((o.text, o.start, o.end))
    return out


def check_references(text: str, lang: LangTable) -> list[Reference]:
    """Entries of a reference block, each parsed; every non-blank line is in an entry or skipped."""
    out = []
    lines = line_segs(text)
    block = reflist.split_block(lines, lang, None, source=text)
    assert [e.id for e in block.entries] == [
        e.id for e in reflist.split_entries(lines, lang, None, source=text)
    ]
    covered = [(e.seg.start, e.seg.end) for e in block.entries] + [(s.start, s.end) for s in block.skipped]
    for ln in lines:
        if ln.text.strip():
            assert ln.start is not None and ln.end is not None
            # an entry with empty content ("1. ^") has an empty span at the end of its marker
            hit = any(s is not None and e is not None and s <= ln.end and e >= ln.start for s, e in covered)
            assert hit or _MARKER_ONLY.fullmatch(ln.text), ln
    for entry in block.entries:
        _inside(text, entry.seg.start, entry.seg.end)
        ref = references.parse_reference(entry, lang)
        Reference.model_validate(ref.model_dump())
        _in_span(text, ref.span, ref.raw)
        out.append(ref)
    return out


def check_reference_entry(text: str, lang: LangTable) -> Reference:
    ref = references.parse_reference(RefEntry("1", exact(text)), lang)
    Reference.model_validate(ref.model_dump())
    return ref


def check_sentences(text: str, lang: LangTable) -> list[Seg]:
    pieces = sentences.split(exact(text), lang)
    last = 0
    for p in pieces:
        assert p.start is not None and p.end is not None and text[p.start : p.end] == p.text
        assert last <= p.start and p.text.strip() == p.text and p.text, (last, p)
        last = p.end
    # nothing lost: sentences cut only at white space
    assert "".join(text.split()) == "".join("".join(p.text.split()) for p in pieces)
    return pieces


def check_events(text: str, lang: LangTable) -> tuple[list[Event], list[Any]]:
    paragraphs = [s for s in line_segs(text) if s.text.strip()]
    evs, warnings = events.extract_events([Section(None, "lead", paragraphs)], lang)
    for e in evs:
        Event.model_validate(e.model_dump())
        _in_span(text, e.span)
    return evs, warnings


FIELD_CHECKS = (
    check_figures,
    check_numbers,
    check_casualty,
    check_dates,
    check_names,
    check_references,
    check_sentences,
    check_events,
)


def table(code: str) -> LangTable:
    return langs.get(code)
