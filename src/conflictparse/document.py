"""What a reader hands to the field parsers: the page cut into labelled pieces with their spans.

Readers know formats and nothing about conflicts; they produce a Document. Field parsers know
conflicts and nothing about formats; they read Segs. A Seg is text plus where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, cast

from .models import Format, Language, Span, Warning, WarningCode

SIDE_KEYS = ("belligerents", "commanders", "units", "strength", "casualties")
"""Infobox keys that hold one cell per side column."""

SectionKind = Literal[
    "lead", "body", "contents", "see_also", "references", "notes", "bibliography", "external", "other"
]
PROSE_KINDS: frozenset[str] = frozenset({"lead", "body"})

_SPAN = Span.__pydantic_validator__
"""Span's own validator: called directly it builds the same validated Span in under half the time
of `Span(start=.., end=..)`, whose BaseModel.__init__ wraps it (a page reads about 175 spans)."""


@dataclass(init=False, slots=True)
class Seg:
    """A piece of page text and its source span; never changed once built.

    `exact` means `text == input[start:end]` char for char, so a slice of the text maps to a
    slice of the input; otherwise (rendered wikitext, HTML) a sub-piece keeps the whole span.
    Not frozen only because a frozen dataclass's __init__ is several times slower to run (a page
    builds hundreds); nothing hashes a Seg.
    """

    text: str
    start: int | None
    end: int | None
    exact: bool

    def __init__(
        self, text: str, start: int | None = None, end: int | None = None, exact: bool = False
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.exact = exact

    def sub(self, i: int, j: int | None = None) -> Seg:
        n = len(self.text)
        j = n if j is None else j
        i, j = max(0, min(i, n)), max(0, min(j, n))
        if j < i:
            j = i
        if self.exact and self.start is not None:
            return Seg(self.text[i:j], self.start + i, self.start + j, True)
        return Seg(self.text[i:j], self.start, self.end, False)

    def strip(self, chars: str | None = None) -> Seg:
        lead = len(self.text) - len(self.text.lstrip(chars))
        trail = len(self.text.rstrip(chars))
        return self.sub(lead, max(lead, trail))

    @property
    def span(self) -> Span | None:
        """A new Span over start..end, or None where either is unknown."""
        if self.start is None or self.end is None:
            return None
        return cast(Span, _SPAN.validate_python({"start": self.start, "end": self.end}))

    @staticmethod
    def join(segs: list[Seg], source: str, sep: str = "\n") -> Seg:
        """One Seg over several: an exact slice of `source` when every part is exact."""
        if not segs:
            return Seg("")
        if len(segs) == 1:
            return segs[0]
        if all(s.exact and s.start is not None and s.end is not None for s in segs):
            # min/max, not first/last: parts out of page order (coordinates before place) still span
            start = min(s.start for s in segs if s.start is not None)
            end = max(s.end for s in segs if s.end is not None)
            return Seg(source[start:end], start, end, True)
        starts = [s.start for s in segs if s.start is not None]
        ends = [s.end for s in segs if s.end is not None]
        return Seg(
            sep.join(s.text for s in segs),
            min(starts) if starts else None,
            max(ends) if ends else None,
            False,
        )


@dataclass(init=False)
class Cell:
    """One infobox cell: the lines of one side column (column None where the copy lost columns)."""

    column: int | None
    lines: list[Seg]
    hints: list[str]
    """Side hints that are not names, e.g. the country of a flag icon."""

    def __init__(self, column: int | None, lines: list[Seg], hints: list[str] | None = None) -> None:
        self.column = column
        self.lines = lines
        self.hints = [] if hints is None else hints


@dataclass(init=False)
class InfoboxField:
    key: str
    cells: list[Cell]
    label: Seg | None

    def __init__(self, key: str, cells: list[Cell], label: Seg | None = None) -> None:
        self.key = key
        self.cells = cells
        self.label = label

    def lines(self) -> list[Seg]:
        return [line for cell in self.cells for line in cell.lines]


@dataclass(init=False)
class Section:
    heading: str | None
    kind: SectionKind
    paragraphs: list[Seg]
    heading_seg: Seg | None

    def __init__(
        self,
        heading: str | None,
        kind: SectionKind,
        paragraphs: list[Seg] | None = None,
        heading_seg: Seg | None = None,
    ) -> None:
        self.heading = heading
        self.kind = kind
        self.paragraphs = [] if paragraphs is None else paragraphs
        self.heading_seg = heading_seg


RefKind = Literal["citation", "short", "bibliography", "note"]


@dataclass(init=False)
class RefEntry:
    """One entry of the page's reference list, as the reader found it."""

    id: str
    seg: Seg
    kind: RefKind | None
    backlinks: int
    fields: dict[str, str] | None
    """Structured citation fields where the format has them (cite templates, HTML cite)."""

    def __init__(
        self,
        id: str,
        seg: Seg,
        kind: RefKind | None = None,
        backlinks: int = 0,
        fields: dict[str, str] | None = None,
    ) -> None:
        self.id = id
        self.seg = seg
        self.kind = kind
        self.backlinks = backlinks
        self.fields = fields


@dataclass
class Document:
    text: str
    format: Format
    language: Language
    site: str | None = None
    title: Seg | None = None
    infobox: dict[str, InfoboxField] | None = None
    columns: int | None = None
    """How many side columns the reader saw; None where the copy lost them."""
    sections: list[Section] = field(default_factory=list)
    references: list[RefEntry] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    publication_date: Seg | None = None

    def warn(self, code: WarningCode, message: str, seg: Seg | None = None) -> None:
        self.warnings.append(Warning(code=code, message=message, span=seg.span if seg else None))
