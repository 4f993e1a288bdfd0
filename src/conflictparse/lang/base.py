"""The shape of a language table: every word the parsers know, as data, checked on load.

Adding a language is writing one module with a `TABLE = LangTable(...)`; no parser changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import TypeVar, get_args

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

WIKI_TEMPLATE_ACTIONS = frozenset(
    {
        "drop",
        "inner",
        "last",
        "flag",
        "flagicon",
        "flagimage",
        "list",
        "note",
        "sfn",
        "sfnm",
        "harv",
        "r",
        "cite",
        "wikicite",
        "date",
        "dates",
        "coord",
        "convert",
        "ship",
        "ship2",
        "frac",
        "sortname",
        "ill",
        "br",
        "text",
        "prefix",
        "block",
    }
)
"""Render actions of wikitext templates (readers/wikitext_render.py); 'note:<group>', 'harv:<style>',
'text:<literal>' and 'prefix:<literal>' carry an argument after the colon."""


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
    hatnotes: tuple[str, ...] = ()
    """Line prefixes of hatnotes above the article ('For other uses, see')."""
    footer_markers: tuple[str, ...] = ()
    """Line prefixes after which the page is site chrome ('Retrieved from "', 'Categories:')."""
    image_suffixes: tuple[str, ...] = (".jpg", ".jpeg", ".png", ".svg", ".gif", ".tif", ".tiff", ".webp")
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
    """Phrase -> (unit 'day'|'month'|'year'|'week', offset) relative to the last anchor; unit 'days'
    is a vague number of days ("the next few days"), placed like a week: to the month at best."""
    duration_units: dict[str, str] = field(default_factory=dict)
    weekday_numbers: dict[str, int] = field(default_factory=dict)
    """Weekday name -> 0 (Monday) .. 6 (Sunday), for "on Wednesday" in an article."""
    month_prepositions: tuple[str, ...] = ()
    """Words before a month named alone ("in July", "the rest of August"): a date whose year
    comes from the anchor."""
    month_relative_prefixes: dict[str, int] = field(default_factory=dict)
    """Word before a month name that makes it relative to the anchor: "last June" -> -1."""
    month_relative_suffixes: dict[str, int] = field(default_factory=dict)
    """Word after a month name: "juin dernier", "يونيو الماضي" -> -1."""
    dates_capitalized: bool = False
    """Month and weekday names are written with a capital ('May' is a month, 'may' a verb)."""
    ordinal_suffixes: tuple[str, ...] = ()
    """Written right after a day number: '5th', '1er'."""
    day_month_links: tuple[str, ...] = ()
    """Words between day and month or season and year: '5th of October', 'summer of 1944'."""
    day_prepositions: tuple[str, ...] = ()
    """Words before an article and an ordinal day with no month ("on the 27th", "by the 3rd"): a day
    of the anchor's month. Empty where such a day cannot be told from a unit's name."""
    date_articles: tuple[str, ...] = ()
    """Articles before a weekday or day: 'the 5th of October', 'le mercredi 21 avril'."""
    eras_bc: tuple[str, ...] = ()
    """Era markers of years before year 1: 'BC', 'BCE' (stored as astronomical years, 1 BC = 0)."""
    eras_ad: tuple[str, ...] = ()
    year_prepositions: tuple[str, ...] = ()
    """Words before a bare number that make it a year ('in 800'); 3-digit bare years need one."""
    not_year_before: tuple[str, ...] = ()
    """Words before a number that make it not a year: 'p.', 'pp.', 'No.', 'ISBN', 'at'."""
    not_year_after: tuple[str, ...] = ()
    """Words after a number that make it not a year ('hours', 'km'); units and categories count too."""
    relative_suffixes: dict[str, int] = field(default_factory=dict)
    """'<N> <duration unit> <word>' is relative: 'later' -> +1, 'earlier' -> -1 ('two days later')."""
    source_verbs: tuple[str, ...] = ()
    """Verbs of a writer after a sentence's date ("In 2005, Barr wrote ..."): the date is when a
    source was written, so it dates its sentence but anchors no later year-less date."""
    plan_prepositions: tuple[str, ...] = ()
    """Words right before a relative date that make it a plan's ("For the following year the Duke
    proposed a campaign"): the date dates its sentence but does not move the story."""
    abbreviations: tuple[str, ...] = ()
    """Words ending in a full stop that do not end a sentence (matched case-insensitively)."""
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
    thousands_separators: tuple[str, ...] = (",",)
    """Characters between 3-digit groups of one number ('1,100', '1 100', '١٬١٠٠'); a group is
    always exactly 3 digits, so '20, 30' or '2014 120' stay two numbers."""
    decimal_separators: tuple[str, ...] = (".",)
    """Decimal mark; a decimal counts only before a scale word ('1.5 million')."""
    opener_joiners: tuple[str, ...] = ()
    """Range joiners that make a range only after a range opener ('between 200 and 2,000'),
    so that '64 and 20' alone is two numbers."""
    formation_words: tuple[str, ...] = ()
    """Singular names of military formations ('division', 'army'): a number before a capitalised
    one ('213 Coastal Division') is a unit name, not a figure."""
    casualty_modifiers: tuple[str, ...] = ()
    """Words between a number and its casualty word that qualify the casualty, not who is counted
    ('8 lightly wounded': who is None; '169 knights killed': who is 'knights')."""
    # --- names ---
    status_markers: dict[str, str] = field(default_factory=dict)
    """Marker as written ('†', '(POW)') -> status."""
    ranks: tuple[str, ...] = ()
    opponent_markers: tuple[str, ...] = ()
    """Words before a name that make it the opponent, not the side ('against', 'by')."""
    function_words: tuple[str, ...] = ()
    """Lowercase words skipped when building initials (of, the, and)."""
    demonym_min_prefix: int = 5
    generic_name_words: tuple[str, ...] = ()
    """Lowercase words too common in names to tie an item to a side alone ('state', 'army')."""
    list_joiners: tuple[str, ...] = ()
    """Words that continue a list on the next line ('and the Military intervention ...')."""
    articles: tuple[str, ...] = ()
    """Leading articles dropped from 'Part of the X' values."""
    # --- references ---
    retrieved: tuple[str, ...] = ()
    archived: tuple[str, ...] = ()
    maintenance_tags: tuple[str, ...] = ()
    backlink_labels: tuple[str, ...] = ()
    """Back-link labels of a reference cited several times, in order ('a', 'b', 'c' / 'أ', 'ب', 'ج');
    matched ignoring combining marks, so 'أ' also matches a page's 'ا'."""
    author_separators: tuple[str, ...] = ()
    """Characters between authors of one citation: ';' (Arabic pages also '؛')."""
    name_joiners: tuple[str, ...] = ()
    """Words joining the last two authors: 'and', '&' (matched as whole words)."""
    et_al: tuple[str, ...] = ()
    """'et al.' and its spellings: dropped from author lists."""
    page_markers: tuple[str, ...] = ()
    """Words before a page number in a citation: 'p.', 'pp.' (longest is tried first)."""
    isbn_labels: tuple[str, ...] = ()
    """Labels before an ISBN: 'ISBN' (Arabic 'ردمك')."""
    no_date_words: tuple[str, ...] = ()
    """What a citation says instead of a year: 'n.d.', 'no date'."""
    quote_pairs: tuple[tuple[str, str], ...] = (('"', '"'),)
    """Opening and closing marks around a citation's title or quote."""
    editor_markers: tuple[str, ...] = ()
    """Marks after an editor's name in a citation: '(ed.)', '(eds.)'."""
    # --- articles ---
    article_boilerplate: tuple[str, ...] = ()
    """Phrases whose line, and what follows in the same block, is page chrome (comment forms)."""
    published_markers: tuple[str, ...] = ()
    """Line prefixes before an article's publication date ('Posted on', 'Publié le', 'نشر في')."""
    updated_markers: tuple[str, ...] = ()
    """Line prefixes before a last-updated date ('Updated', 'آخر تحديث'): a publication date only
    when the article gives no other."""
    flag_prefixes: tuple[str, ...] = ()
    """Flag alt-text prefixes copied before a country name ('Drapeau de la ' + 'Syrie', 'علم ' + 'العراق')."""
    infobox_params: dict[str, str] = field(default_factory=dict)
    """Infobox template parameter name, lowercase, digits stripped -> canonical key ('combatant' from
    'combatant1'): Fandom's data-source attributes (and wikitext parameters)."""
    # --- wikitext (page source) ---
    infobox_templates: tuple[str, ...] = ()
    """Names of the conflict infobox template and its redirects, lowercase, '_' as ' '."""
    wiki_markers: dict[str, str] = field(default_factory=dict)
    """Template name (lowercase) -> the text it renders as: status markers ('kia' -> ' (KIA)'),
    maintenance tags ('cn' -> '[citation needed]'), 'circa' -> 'c. '."""
    wiki_templates: dict[str, str] = field(default_factory=dict)
    """Template name (lowercase; a trailing '*' matches a prefix) -> render action (one of
    WIKI_TEMPLATE_ACTIONS, 'text:<literal>' or 'prefix:<literal>'); added to the reader's own."""
    wiki_namespaces: dict[str, str] = field(default_factory=dict)
    """Localised namespace name (lowercase) -> 'file' | 'category' (canonical names are built in)."""
    redirect_words: tuple[str, ...] = ()
    """Magic words of a redirect page, lowercase: '#redirect'."""
    month_names: tuple[str, ...] = ()
    """The twelve month names as a rendered date writes them, January first."""
    flag_aliases: dict[str, str] = field(default_factory=dict)
    """Flag template country code (lowercase) -> the name it displays: 'usa' -> 'United States'."""
    cite_labels: dict[str, str] = field(default_factory=dict)
    """Labels of a rendered citation: 'page' -> 'p.', 'pages' -> 'pp.', 'volume', 'issue'."""
    clitic_prefixes: tuple[str, ...] = ()
    """Prefixes written glued to a word ('و' and, 'ب' by, 'ال' the: 'وجرح', 'بـ800', 'المصابين'):
    a lookup that misses a word may retry it without one (longest first)."""
    # --- language detection ---
    script: str = "Latin"
    """Unicode script of the language's letters (a `regex` \\p{...} name): 'Latin', 'Arabic'."""
    stopwords: tuple[str, ...] = ()
    """Frequent lowercase words of running text, scored by language detection."""

    def __post_init__(self) -> None:
        bad = [v for v in self.labels.values() if v not in INFOBOX_KEYS]
        if bad:
            raise LangTableError(f"{self.code}: unknown infobox keys {bad}")
        bad = [v for v in self.infobox_params.values() if v not in INFOBOX_KEYS]
        if bad:
            raise LangTableError(f"{self.code}: unknown infobox keys in infobox_params {bad}")
        bad = [v for v in self.wiki_templates.values() if v.split(":", 1)[0] not in WIKI_TEMPLATE_ACTIONS]
        if bad:
            raise LangTableError(f"{self.code}: unknown wiki template actions {bad}")
        bad = [v for v in self.wiki_namespaces.values() if v not in ("file", "category")]
        if bad:
            raise LangTableError(f"{self.code}: unknown wiki namespaces {bad}")
        if self.month_names and len(self.month_names) != 12:
            raise LangTableError(f"{self.code}: month_names must list 12 months")
        bad = [v for v in self.section_kinds.values() if v not in SECTION_KINDS]
        if bad:
            raise LangTableError(f"{self.code}: unknown section kinds {bad}")
        _check(self.code, "qualifiers", self.qualifiers.values(), get_args(Qualifier))
        _check(self.code, "qualifier_suffixes", self.qualifier_suffixes.values(), get_args(Qualifier))
        _check(self.code, "categories", self.categories.values(), get_args(Category))
        _check(self.code, "status_markers", self.status_markers.values(), get_args(Status))
        _check(self.code, "months", [str(m) for m in self.months.values()], [str(i) for i in range(1, 13)])
        if any(not 0 <= n <= 6 for n in self.weekday_numbers.values()):
            raise LangTableError(f"{self.code}: weekday_numbers must be 0 (Monday) .. 6 (Sunday)")
        for phrase, (unit, _) in self.relative_dates.items():
            if unit not in ("day", "days", "week", "month", "year"):
                raise LangTableError(f"{self.code}: relative date {phrase!r} has unit {unit!r}")


def _check(code: str, name: str, values: object, allowed: tuple[str, ...] | list[str]) -> None:
    bad = sorted({v for v in values if v not in allowed})  # type: ignore[attr-defined]
    if bad:
        raise LangTableError(f"{code}: {name} has unknown values {bad}")


_T = TypeVar("_T")


def per_table(build: Callable[[LangTable], _T]) -> Callable[[LangTable], _T]:
    """`build(lang)` once per table object: the patterns and word sets a module derives from a table.

    Tables hold lists, so they are not hashable: the cache is keyed by identity and keeps the table
    beside its value, so an id is never reused for another table while its entry lives.
    """
    cache: dict[int, tuple[LangTable, _T]] = {}

    @wraps(build)
    def get(lang: LangTable) -> _T:
        hit = cache.get(id(lang))
        if hit is not None and hit[0] is lang:
            return hit[1]
        value = build(lang)
        cache[id(lang)] = (lang, value)
        return value

    return get
