"""The output contract: one typed ConflictRecord per page (see DESIGN.md).

Every closed vocabulary is a Literal so the JSON Schema lists its values; every model forbids
unknown keys so a typo in the code is a validation error, not a silent extra field.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Literal["1"] = "1"

Format = Literal["text", "markdown", "html", "wikitext", "article"]
Language = Literal["en", "ar", "fr"]
Precision = Literal["day", "month", "year"]
Qualifier = Literal["exact", "at_least", "at_most", "about", "range", "unknown"]
Category = Literal[
    "killed",
    "wounded",
    "captured",
    "missing",
    "executed",
    "deserted",
    "displaced",
    "surrendered",
    "destroyed",
    "damaged",
    "casualties",
    "total",
]
Status = Literal[
    "killed",
    "died",
    "died_of_wounds",
    "captured",
    "wounded",
    "missing",
    "executed",
    "surrendered",
    "defected",
]
WarningCode = Literal[
    "ambiguous-side",
    "duration-mismatch",
    "low-above-high",
    "no-infobox",
    "multiple-infoboxes",
    "redirect",
    "missing-header",
    "orphan-role",
    "uninterpreted",
    "no-figure",
    "unknown-label",
    "unresolved-ref",
    "maintenance-tag",
    "unresolved-date",
    "empty-field",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """Half-open code-point offsets into the decoded input: input[start:end] is the source."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class PartialDate(_Model):
    """A date at the precision the page gave; a missing day or month is never filled in."""

    value: str = Field(pattern=r"^-?\d{1,4}(-\d{2}(-\d{2})?)?$")
    precision: Precision
    approximate: bool = False


class DateRange(_Model):
    raw: str
    start: PartialDate | None = None
    end: PartialDate | None = None
    ongoing: bool = False


class InfoboxDate(DateRange):
    """The infobox date: a DateRange plus the page's stated duration and notes beside it."""

    duration: str | None = None
    note: str | None = None
    refs: list[str] = []
    span: Span | None = None


class Coordinates(_Model):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Location(_Model):
    raw: str
    places: list[str] = []
    coordinates: Coordinates | None = None
    refs: list[str] = []
    span: Span | None = None


class Result(_Model):
    raw: str
    outcome: str | None = None
    details: list[str] = []
    refs: list[str] = []
    span: Span | None = None


class Party(_Model):
    name: str
    refs: list[str] = []
    note: str | None = None
    span: Span | None = None


class Commander(_Model):
    name: str
    rank: str | None = None
    role: str | None = None
    status: list[Status] = []
    refs: list[str] = []
    span: Span | None = None


class Figure(_Model):
    """One number as the page states it: bounds, how sure, and what is counted."""

    raw: str
    low: int | None = None
    high: int | None = None
    qualifier: Qualifier = "unknown"
    unit: str | None = None
    refs: list[str] = []
    span: Span | None = None


class CasualtyFigure(_Model):
    raw: str
    category: Category
    low: int | None = None
    high: int | None = None
    qualifier: Qualifier = "unknown"
    who: str | None = None
    covers: list[Category] = []
    """The categories one joint count is given for ("168 missing or wounded": missing, wounded); the
    figure is counted once, under category 'casualties'."""


class Casualty(_Model):
    raw: str
    figures: list[CasualtyFigure] = []
    context: str | None = None
    refs: list[str] = []
    span: Span | None = None


class Side(_Model):
    index: int = Field(ge=1)
    belligerents: list[Party] = []
    commanders: list[Commander] = []
    units: list[Party] = []
    strength: list[Figure] = []
    casualties: list[Casualty] = []


class Event(_Model):
    date: DateRange
    text: str
    section: str | None = None
    refs: list[str] = []
    span: Span | None = None


ReferenceKind = Literal["citation", "short", "bibliography", "note"]


class Reference(_Model):
    id: str
    kind: ReferenceKind = "citation"
    title: str | None = None
    authors: list[str] = []
    editors: list[str] = []
    work: str | None = None
    date: PartialDate | None = None
    accessed: PartialDate | None = None
    archived: PartialDate | None = None
    quote: str | None = None
    pages: str | None = None
    isbn: str | None = None
    url: str | None = None
    cited_by: int = Field(default=0, ge=0)
    raw: str
    span: Span | None = None


class Warning(_Model):
    code: WarningCode
    message: str
    span: Span | None = None


class Source(_Model):
    name: str | None = None
    format: Format
    language: Language
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    chars: int = Field(ge=0)
    encoding: str = "utf-8"
    site: str | None = None


class ConflictRecord(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    source: Source
    title: str | None = None
    part_of: list[str] = []
    date: InfoboxDate | None = None
    location: Location | None = None
    result: Result | None = None
    territory: str | None = None
    sides: list[Side] = []
    casualties_other: list[Casualty] = []
    events: list[Event] = []
    references: list[Reference] = []
    warnings: list[Warning] = []
