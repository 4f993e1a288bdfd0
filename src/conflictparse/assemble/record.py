"""From a Document to a ConflictRecord: field parsers, side inference, citations, checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..document import PROSE_KINDS, SIDE_KEYS, Cell, Document, InfoboxField, Seg
from ..fields import citations, lines, names, places
from ..lang.base import LangTable
from ..models import (
    Casualty,
    Commander,
    ConflictRecord,
    Event,
    Figure,
    InfoboxDate,
    Location,
    PartialDate,
    Party,
    Result,
    Side,
    Source,
    Span,
    Warning,
    WarningCode,
)
from . import references as refs_stage
from .sides import Placement, SideNames, break_cost, place

if TYPE_CHECKING:
    from ..fields.figures import Layout

_SPACE = " \t\u00a0\u202f\u200b"
_SINGULAR = {"commanders": "commander", "units": "unit", "strength": "strength", "casualties": "casualty row"}
_PREFIX = re.compile(r"^[^\s:]{1,20}:")


@dataclass(init=False)
class _Item:
    """One side item to place (`__init__` written out: a generated one stays interpreted under mypyc)."""

    kind: str
    value: Party | Commander | Figure | Casualty
    seg: Seg
    column: int | None
    evidence: str
    gap_before: bool
    inline_break: bool
    shape: str

    def __init__(
        self,
        kind: str,
        value: Party | Commander | Figure | Casualty,
        seg: Seg,
        column: int | None,
        evidence: str,
        gap_before: bool = False,
        inline_break: bool = False,
        shape: str = "",
    ) -> None:
        self.kind = kind
        self.value = value
        self.seg = seg
        self.column = column
        self.evidence = evidence
        self.gap_before = gap_before
        self.inline_break = inline_break
        self.shape = shape


@dataclass
class _Build:
    doc: Document
    lang: LangTable
    warnings: list[Warning] = field(default_factory=list)

    def warn(self, code: WarningCode, message: str, span: Span | None = None) -> None:
        self.warnings.append(Warning(code=code, message=message, span=span))


def build(doc: Document, lang: LangTable, source: Source) -> ConflictRecord:
    """Assemble the record of one page."""
    b = _Build(doc, lang, list(doc.warnings))
    box = _identify_unlabelled(b, dict(doc.infobox or {}))
    if not box and doc.format != "article" and not any(w.code == "redirect" for w in doc.warnings):
        b.warn("no-infobox", "the page has no conflict infobox; only prose and references were read")
    record = ConflictRecord(source=source)
    if doc.title is not None:
        record.title = citations.cut(doc.title.text, lang).text or None
    if record.title is None and "title" in box and box["title"].lines():
        # the page's own title names it; the infobox's conflict name is the fallback
        record.title = citations.cut(box["title"].lines()[0].text, lang).text or None
    record.part_of = _part_of(box.get("part_of"), lang)
    record.date = _date(b, box.get("date"))
    record.location = _location(b, box.get("place"), box.get("coordinates"))
    record.result = _result(b, box.get("result") or box.get("status"))
    terr = box.get("territory")
    if terr is not None and terr.lines():
        record.territory = citations.cut(" ".join(s.text for s in terr.lines()), lang).text or None
    record.sides, record.casualties_other = _sides(b, box)
    record.events = _events(b, record.date)
    markers: dict[str, list[citations.Marker]] = {}  # the markers of each text, found once
    record.references = refs_stage.resolve(record, doc, lang, b.warnings, markers)
    _scan_tags(b, record.events, markers)
    record.warnings = _dedupe(b.warnings)
    return record


def _identify_unlabelled(b: _Build, box: dict[str, InfoboxField]) -> dict[str, InfoboxField]:
    """A fragment's leading block is commanders when its names carry roles or status markers;
    otherwise it is warned about as uninterpreted (a ship's infobox, page furniture), never dropped."""
    block = box.pop("unlabelled", None)
    if block is None:
        return box
    parsed, _ = names.parse_commanders(block.lines(), b.lang, b.doc.text)
    if not any(isinstance(p.value, Commander) and (p.value.role or p.value.status) for p in parsed):
        lines = [seg for seg in block.lines() if seg.text.strip()]
        if lines:
            b.warn(
                "uninterpreted",
                f"the copy starts with {len(lines)} lines that are no conflict infobox (another kind of "
                f"infobox, or page furniture), left out: {lines[0].text.strip()[:60]!r} ...",
                Seg.join(lines, b.doc.text).span,
            )
        return box
    box["commanders"] = InfoboxField("commanders", block.cells)
    b.warn(
        "missing-header",
        "the copy starts inside the infobox; its first lines are read as commanders "
        "(names with roles and markers)",
        Seg.join(block.lines(), b.doc.text).span,
    )
    return box


# --- single-valued fields ---------------------------------------------------------------------


def _part_of(fld: InfoboxField | None, lang: LangTable) -> list[str]:
    if fld is None:
        return []
    out: list[str] = []
    for seg in fld.lines():
        text = citations.cut(seg.text, lang).text
        text = _strip_leading(text, lang)
        if text and text not in out:
            out.append(text)
    return out


def _strip_leading(text: str, lang: LangTable) -> str:
    """ "and the Military intervention against ISIL" -> "Military intervention against ISIL"."""
    text = text.lstrip(", ")
    for words in (lang.list_joiners, lang.articles):
        first, _, rest = text.partition(" ")
        if rest and first.casefold() in {w.casefold() for w in words}:
            text = rest.lstrip()
    return text.strip()


def _joined(fld: InfoboxField, doc: Document) -> Seg:
    return Seg.join([s for s in fld.lines() if s.text.strip(_SPACE)], doc.text)


def _date(b: _Build, fld: InfoboxField | None) -> InfoboxDate | None:
    from ..fields import dates

    if fld is None or not fld.lines():
        return None
    segs = [s for s in fld.lines() if s.text.strip(_SPACE)]
    if not segs:
        return None
    main = citations.cut(segs[0].text, b.lang)
    parsed = dates.parse_date_value(main.text, b.lang)
    value = InfoboxDate(raw=_joined(fld, b.doc).text, span=_joined(fld, b.doc).span, refs=list(main.refs))
    if parsed is not None:
        value.start, value.end, value.ongoing = parsed.start, parsed.end, parsed.ongoing
    else:
        b.warn("uninterpreted", f"date not understood: {main.text!r}", segs[0].span)
    notes: list[str] = []
    for seg in segs[1:]:
        cut = citations.cut(seg.text, b.lang)
        value.refs.extend(r for r in cut.refs if r not in value.refs)
        inner = cut.text.strip("() ")
        duration = dates.parse_duration(inner, b.lang)
        if duration is not None and value.duration is None:
            value.duration = inner
            if parsed is not None:
                msg = dates.duration_mismatch(parsed, duration)
                if msg:
                    b.warn("duration-mismatch", msg, seg.span)
        elif inner:
            notes.append(inner)
    value.note = "; ".join(notes) or None
    return value


def _location(b: _Build, fld: InfoboxField | None, coord_fld: InfoboxField | None) -> Location | None:
    if fld is None and coord_fld is None:
        return None
    segs = [s for f in (fld, coord_fld) if f is not None for s in f.lines() if s.text.strip(_SPACE)]
    if not segs:
        return None
    coord_segs = {id(s) for s in (coord_fld.lines() if coord_fld is not None else [])}
    joined = Seg.join(segs, b.doc.text)
    loc = Location(raw=joined.text, span=joined.span)
    for seg in segs:
        cut = citations.cut(seg.text, b.lang)
        loc.refs.extend(r for r in cut.refs if r not in loc.refs)
        if id(seg) in coord_segs or places.is_coordinate_text(cut.text):
            loc.coordinates = loc.coordinates or places.parse_coordinates(cut.text)
            rest = "" if id(seg) in coord_segs else places.strip_coordinates(cut.text)
            loc.places.extend(p for p in places.split_places(rest) if p not in loc.places)
            continue
        loc.places.extend(p for p in places.split_places(cut.text) if p not in loc.places)
    return loc


def _result(b: _Build, fld: InfoboxField | None) -> Result | None:
    if fld is None:
        return None
    segs = [s for s in fld.lines() if s.text.strip(_SPACE)]
    if not segs:
        return None
    joined = Seg.join(segs, b.doc.text)
    res = Result(raw=joined.text, span=joined.span)
    for n, seg in enumerate(segs):
        cut = citations.cut(seg.text, b.lang)
        res.refs.extend(r for r in cut.refs if r not in res.refs)
        text = names.clean_name(cut.text)
        if not text:
            continue
        if n == 0:
            res.outcome = text
        else:
            res.details.append(text)
    return res


# --- sides -----------------------------------------------------------------------------------


def _sides(b: _Build, box: dict[str, InfoboxField]) -> tuple[list[Side], list[Casualty]]:
    from ..fields import casualties, figures

    lang, doc = b.lang, b.doc
    other: list[Casualty] = []
    belligerents = _belligerent_columns(b, box.get("belligerents"))
    count = max(
        [
            len(belligerents),
            doc.columns or 0,
            *_columns_used(box),
            1 if any(k in box for k in SIDE_KEYS) else 0,
        ]
    )
    if count == 0:
        return [], _other_only(b, box)
    sides = [Side(index=i + 1) for i in range(count)]
    known = SideNames()
    for i, col in enumerate(belligerents):
        sides[i].belligerents = [p.value for p in col if isinstance(p.value, Party)]
        for p in col:
            known.add(i + 1, p.value.name, lang)
    hints_by_column: dict[int | None, list[str]] = {}  # one pass: a scan per column is quadratic
    for c in box.get("belligerents", InfoboxField("b", [])).cells:
        hints_by_column.setdefault(c.column, []).extend(c.hints)
    for i in range(count):
        for h in hints_by_column.get(i + 1, []):
            known.add(i + 1, h, lang)
    known.add_defined_aliases(doc.text[:200_000])

    items: dict[str, list[_Item]] = {k: [] for k in SIDE_KEYS if k != "belligerents"}
    for cell in _cells(box.get("commanders")):
        parsed, orphans = names.parse_commanders(cell.lines, lang, doc.text)
        items["commanders"].extend(_from_parsed("commanders", parsed, cell))
        for seg in orphans:
            b.warn(
                "orphan-role",
                f"a role or rank with no commander name before it: {seg.text.strip()!r}",
                seg.span,
            )
    strength_lost = "strength" not in box
    for cell in _cells(box.get("units")):
        figure_lines = [s for s in cell.lines if strength_lost and figures.looks_like_figure(s.text, lang)]
        unit_lines = [s for s in cell.lines if s not in figure_lines or not s.text.strip(_SPACE)]
        units = names.parse_parties(unit_lines, lang)
        _drop_flag_prefix(units, known)
        items["units"].extend(_from_parsed("units", units, cell))
        if figure_lines:
            b.warn(
                "missing-header",
                "strength figures read from the units block (the copy lost the Strength header)",
                Seg.join(figure_lines, doc.text).span,
            )
            items["strength"].extend(_figure_items(b, Cell(cell.column, figure_lines, cell.hints)))
    for cell in _cells(box.get("strength")):
        items["strength"].extend(_figure_items(b, cell))
    for cell in _cells(box.get("casualties")):
        for seg, gap in lines.group_lines(cell.lines, doc.text):
            lay = figures.layout(seg.text, lang)
            cas = casualties.parse_casualty(seg, lang, lay)
            _check_swapped(b, seg, lay)
            if not any(f.low is not None or f.high is not None for f in cas.figures):
                b.warn(
                    "no-figure", f"casualty row has no number, kept as text: {seg.text.strip()!r}", seg.span
                )
            # a known column decides; where columns were lost, civilian and total rows are not one side's
            lost = cell.column is None
            if cell.column == 0 or (
                lost and (casualties.is_civilian(seg.text, lang) or casualties.is_joint(seg.text, lang))
            ):
                other.append(cas)
                continue
            items["casualties"].append(
                _Item(
                    "casualties", cas, seg, cell.column, _casualty_evidence(cas, seg), gap, False, _shape(seg)
                )
            )

    for key, group in items.items():
        for item, placement in zip(group, _place(b, group, known, count), strict=False):
            side = sides[placement.side - 1]
            getattr(side, key).append(item.value)
            if not placement.sure:
                b.warn(
                    "ambiguous-side",
                    f"{_SINGULAR[key]} {_label(item)!r} placed in side {placement.side} "
                    "by position; the page gives no name that ties it to a side",
                    item.seg.span,
                )
    return sides, other


def _drop_flag_prefix(units: list[names.Parsed], known: SideNames) -> None:
    """A copied flag's alt text before a unit name is a belligerent's name: keep it as evidence only.

    "Islamic State of Iraq and the Levant Military of ISIL" -> unit "Military of ISIL".
    """
    for item in units:
        party = item.value
        for side_names in known.names.values():
            for name in side_names:
                rest = party.name[len(name) :]
                if party.name.startswith(name) and rest[:1] == " " and rest.strip():
                    party.name = rest.strip()
                    item.evidence = f"{name} {item.evidence}"
                    break


def _other_only(b: _Build, box: dict[str, InfoboxField]) -> list[Casualty]:
    from ..fields import casualties

    out: list[Casualty] = []
    for cell in _cells(box.get("casualties")):
        for seg, _ in lines.group_lines(cell.lines, b.doc.text):
            out.append(casualties.parse_casualty(seg, b.lang))
    return out


def _label(item: _Item) -> str:
    v = item.value
    if isinstance(v, (Party, Commander)):
        return v.name
    return v.raw.strip()


def _casualty_evidence(cas: Casualty, seg: Seg) -> str:
    whos = [f.who for f in cas.figures if f.who]
    return " ".join([*whos, cas.context or ""]) if whos else ""


def _shape(seg: Seg) -> str:
    t = seg.text.strip(_SPACE)
    colon = "c" if _PREFIX.match(t) else ""
    return ("d" if t[:1].isdecimal() else "w") + colon


def _figure_items(b: _Build, cell: Cell) -> list[_Item]:
    from ..fields import figures

    out: list[_Item] = []
    for seg, gap in lines.group_lines(cell.lines, b.doc.text):
        lay = figures.layout(seg.text, b.lang)
        figs = figures.parse_figures(seg, b.lang, lay)
        if all(f.low is None and f.high is None for f in figs):
            b.warn("no-figure", f"strength kept as text: {seg.text.strip()!r}", seg.span)
        _check_swapped(b, seg, lay)
        for n, fig in enumerate(figs):
            out.append(_Item("strength", fig, seg, cell.column, "", gap and n == 0, False, _shape(seg)))
    return out


def _check_swapped(b: _Build, seg: Seg, lay: Layout) -> None:
    """low <= high everywhere: a range the page wrote high-first is stored swapped, and said so."""
    for m in lay.matches:
        if m.swapped:
            b.warn(
                "low-above-high", f"range written high-first, bounds swapped: {seg.text.strip()!r}", seg.span
            )


def _from_parsed(kind: str, parsed: list[names.Parsed], cell: Cell) -> list[_Item]:
    return [
        _Item(kind, p.value, p.seg, cell.column, p.evidence, p.gap_before, p.inline_break, p.shape)
        for p in parsed
    ]


def _cells(fld: InfoboxField | None) -> list[Cell]:
    return list(fld.cells) if fld is not None else []


def _columns_used(box: dict[str, InfoboxField]) -> list[int]:
    return [c.column for k in SIDE_KEYS if k in box for c in box[k].cells if c.column]


def _belligerent_columns(b: _Build, fld: InfoboxField | None) -> list[list[names.Parsed]]:
    """Belligerents per side. Where columns were lost, a line holding several names marks
    the last columns, and a blank line or such a line starts a new column."""
    if fld is None:
        return []
    known = [c for c in fld.cells if c.column]
    if known:
        width = max(c.column or 0 for c in known)
        cols: list[list[names.Parsed]] = [[] for _ in range(width)]
        for cell in known:
            cols[(cell.column or 1) - 1].extend(names.parse_parties(cell.lines, b.lang))
        return cols
    parsed = [p for cell in fld.cells for p in names.parse_parties(cell.lines, b.lang)]
    if not parsed:
        return []
    split_lines = {p.line for p in parsed if p.inline_break}
    out: list[list[names.Parsed]] = [[]]
    for p in parsed:
        starts = (
            p.inline_break
            or p.gap_before
            or (p.line in split_lines and out[-1] and out[-1][-1].line != p.line)
        )
        if starts and out[-1]:
            out.append([])
        out[-1].append(p)
    if len(out) == 1 and len(parsed) > 1:
        b.warn(
            "ambiguous-side",
            "the copy lost the infobox columns and shows no boundary between belligerents; all are in side 1",
            fld.cells[0].lines[0].span if fld.cells and fld.cells[0].lines else None,
        )
    return out


def _place(b: _Build, group: list[_Item], known: SideNames, count: int) -> list[Placement]:
    out: list[Placement | None] = [None] * len(group)
    lost = [i for i, it in enumerate(group) if it.column is None]
    for i, it in enumerate(group):
        if it.column is not None:
            out[i] = Placement(min(max(it.column, 1), count), True)
    if lost:
        evidence = [known.match(group[i].evidence, b.lang) if group[i].evidence else None for i in lost]
        breaks = []
        prev_shape: str | None = None
        for i in lost:
            it = group[i]
            breaks.append(
                break_cost(it.gap_before, it.inline_break, prev_shape is not None and it.shape != prev_shape)
            )
            prev_shape = it.shape
        for i, p in zip(lost, place(evidence, breaks, count), strict=False):
            out[i] = p
    return [p if p is not None else Placement(1, False) for p in out]


# --- prose, tags -----------------------------------------------------------------------------


def _events(b: _Build, infobox_date: InfoboxDate | None) -> list[Event]:
    from .. import lang as langs
    from ..fields import dates, events

    tables = None
    if b.doc.format == "article":
        from ..readers.article import paragraph_langs

        tables = [langs.get(code) for code in paragraph_langs(b.doc)]
    anchor = year_anchor = None
    if b.doc.publication_date is not None:
        parsed = dates.parse_date_value(b.doc.publication_date.text, b.lang)
        anchor = parsed.start if parsed is not None else None
    elif b.doc.format == "article":
        anchor = _latest_day(b.doc, b.lang, tables)
    elif infobox_date is not None and infobox_date.start is not None:
        # a page about one year's events: "18 August" in its prose is in that year
        start, end = infobox_date.start, infobox_date.end or infobox_date.start
        year = _year_part(start.value)
        if year == _year_part(end.value):  # BC years too: "2 September 31 BC" is "-0030-09-02"
            year_anchor = PartialDate(value=year, precision="year")
    era = None
    if infobox_date is not None and infobox_date.start is not None:
        era = (
            int(infobox_date.start.value.split("-")[0])
            if not infobox_date.start.value.startswith("-")
            else None
        )
    period = None
    if infobox_date is not None and infobox_date.start is not None and not infobox_date.ongoing:
        period = (infobox_date.start, infobox_date.end or infobox_date.start)
    found, warns = events.extract_events(b.doc.sections, b.lang, anchor, tables, year_anchor, era, period)
    b.warnings.extend(warns)
    return found


def _year_part(value: str) -> str:
    """ "1805-12-02" -> "1805", "-0030-09-02" -> "-0030" (astronomical years keep their sign)."""
    sign = "-" if value.startswith("-") else ""
    return sign + value.lstrip("-").split("-")[0]


def _latest_day(doc: Document, lang: LangTable, tables: list[LangTable] | None) -> PartialDate | None:
    """An article with no dateline is written on or after the latest full date it states."""
    from ..fields.dates import find_dates

    best: PartialDate | None = None
    paragraphs = [p for s in doc.sections if s.kind in ("lead", "body") for p in s.paragraphs]
    for n, para in enumerate(paragraphs):
        table = tables[n] if tables is not None and n < len(tables) else lang
        for m in find_dates(para.text, table):
            start = m.date.start
            if m.relative is None and start is not None and start.precision == "day":
                if best is None or start.value > best.value:
                    best = start
    return best


def _scan_tags(b: _Build, events: list[Event], found: dict[str, list[citations.Marker]]) -> None:
    """Maintenance tags anywhere in the infobox, and in prose sentences that are no event (the events
    pass warns about its own). `found` holds the markers of texts already searched."""

    def find(text: str) -> list[citations.Marker]:
        hit = found.get(text)
        return hit if hit is not None else citations.find(text, b.lang)

    for fld in (b.doc.infobox or {}).values():
        for seg in fld.lines():
            for mk in find(seg.text):
                if mk.kind == "tag":
                    span = seg.sub(mk.start, mk.end).span
                    b.warn("maintenance-tag", f"[{mk.value}] in the infobox: {seg.text.strip()!r}", span)
    from ..fields.sentences import split

    dated = {ev.text for ev in events}
    for section in b.doc.sections:
        if section.kind not in PROSE_KINDS:
            continue
        for para in section.paragraphs:
            if "[" not in para.text or not any(mk.kind == "tag" for mk in find(para.text)):
                continue
            for sent in split(para, b.lang):
                if citations.cut(sent.text, b.lang).text in dated:
                    continue
                for mk in citations.find(sent.text, b.lang):
                    if mk.kind == "tag":
                        b.warn(
                            "maintenance-tag",
                            f"[{mk.value}] in the prose: {citations.cut(sent.text, b.lang).text[:80]!r}",
                            sent.sub(mk.start, mk.end).span,
                        )


def _dedupe(warnings: list[Warning]) -> list[Warning]:
    seen: set[tuple[str, str, int | None]] = set()
    out: list[Warning] = []
    for w in warnings:
        key = (w.code, w.message, w.span.start if w.span else None)
        if key not in seen:
            seen.add(key)
            out.append(w)
    return out
