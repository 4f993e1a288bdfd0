"""The shape of a language table: every word the parsers know, as data, checked on load.

Adding a language is writing one module with a `TABLE = LangTable(...)`; no parser changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import get_args

from ..models import Category, Qualifier, Status

INFOBOX_KEYS = frozenset(
    {
        "title",
        "part_of",
        "date",
        "place",
        "coordinates",
        "result",
        "status",
        "territory",
        "belligerents",
        "commanders",
        "units",
        "strength",
        "casualties",
    }
)
SECTION_KINDS = frozenset(
    {"lead", "body", "contents", "see_also", "references", "notes", "bibliography", "external", "other"}
)


class LangTableError(ValueError):
    """A language table names a key or value the parsers do not know."""


@dataclass(frozen=True)
class LangTable:
    code: str
    # --- page structure (readers) ---
    labels: dict[str, str]
    """Infobox label -> canonical key. Matched case-insensitively at the start of a line."""
    sites: dict[str, str] = field(default_factory=dict)
    """A line that names the site -> site name."""
    boilerplate: tuple[str, ...] = ()
    """Whole lines that are page chrome, skipped."""
    heading_suffixes: tuple[str, ...] = ()
    section_kinds: dict[str, str] = field(default_factory=dict)
    """Heading text (lowercase) -> section kind."""
    navbox_markers: tuple[str, ...] = ()
    """Lines after which the infobox is over (e.g. the v / t / e navbox links)."""
    # --- dates ---
    months: dict[str, int] = field(default_factory=dict)
    weekdays: tuple[str, ...] = ()
    seasons: dict[str, int] = field(default_factory=dict)
    """Season word -> month it starts in (approximate)."""
    date_modifiers: dict[str, str] = field(default_factory=dict)
    """early / mid / late -> 'early' | 'mid' | 'late'."""
    ongoing_words: tuple[str, ...] = ()
    range_words: tuple[str, ...] = ()
    """Words joining two dates into a range: to, until, and (after between)."""
    range_openers: tuple[str, ...] = ()
    """Words opening a range: from, between."""
    relative_dates: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Phrase -> (unit 'day'|'month'|'year'|'week', offset) relative to the last anchor."""
    duration_units: dict[str, str] = field(default_factory=dict)
    # --- figures ---
    qualifiers: dict[str, str] = field(default_factory=dict)
    """Phrase before a number -> qualifier."""
    qualifier_suffixes: dict[str, str] = field(default_factory=dict)
    """Phrase after a number ('+', 'or more') -> qualifier."""
    range_joiners: tuple[str, ...] = ()
    """Words between two numbers of a range: to, and, or."""
    number_words: dict[str, int] = field(default_factory=dict)
    vague_quantities: dict[str, int | None] = field(default_factory=dict)
    """Word -> defined floor (at_least) or None (unknown)."""
    unknown_words: tuple[str, ...] = ()
    units: dict[str, str] = field(default_factory=dict)
    """Counted noun -> canonical unit."""
    categories: dict[str, str] = field(default_factory=dict)
    """Casualty word -> category."""
    civilian_words: tuple[str, ...] = ()
    joint_words: tuple[str, ...] = ()
    """Words that mark a casualty row as not tied to one side (total, combined)."""
    # --- names ---
    status_markers: dict[str, str] = field(default_factory=dict)
    """Marker as written ('†', '(POW)') -> status."""
    ranks: tuple[str, ...] = ()
    opponent_markers: tuple[str, ...] = ()
    """Words before a name that make it the opponent, not the side ('against', 'by')."""
    function_words: tuple[str, ...] = ()
    """Lowercase words skipped when building initials (of, the, and)."""
    demonym_min_prefix: int = 5
    # --- references ---
    retrieved: tuple[str, ...] = ()
    archived: tuple[str, ...] = ()
    maintenance_tags: tuple[str, ...] = ()
    # --- articles ---
    article_boilerplate: tuple[str, ...] = ()
    """Phrases whose line, and what follows in the same block, is page chrome (comment forms)."""

    def __post_init__(self) -> None:
        bad = [v for v in self.labels.values() if v not in INFOBOX_KEYS]
        if bad:
            raise LangTableError(f"{self.code}: unknown infobox keys {bad}")
        bad = [v for v in self.section_kinds.values() if v not in SECTION_KINDS]
        if bad:
            raise LangTableError(f"{self.code}: unknown section kinds {bad}")
        _check(self.code, "qualifiers", self.qualifiers.values(), get_args(Qualifier))
        _check(self.code, "qualifier_suffixes", self.qualifier_suffixes.values(), get_args(Qualifier))
        _check(self.code, "categories", self.categories.values(), get_args(Category))
        _check(self.code, "status_markers", self.status_markers.values(), get_args(Status))
        _check(self.code, "months", [str(m) for m in self.months.values()], [str(i) for i in range(1, 13)])
        for phrase, (unit, _) in self.relative_dates.items():
            if unit not in ("day", "week", "month", "year"):
                raise LangTableError(f"{self.code}: relative date {phrase!r} has unit {unit!r}")


def _check(code: str, name: str, values: object, allowed: tuple[str, ...] | list[str]) -> None:
    bad = sorted({v for v in values if v not in allowed})  # type: ignore[attr-defined]
    if bad:
        raise LangTableError(f"{code}: {name} has unknown values {bad}")
