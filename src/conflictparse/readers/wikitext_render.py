"""MediaWiki markup -> lines of text with source spans; references numbered as MediaWiki numbers them.

The node tree comes from wikitextparser: templates, parser functions, wiki links, comments and
extension tags (`<ref>`, `<nowiki>`, ...), each with its character span in the page. Everything
between those nodes (HTML tags, bold/italic quotes, entities, external links, list and rule
markers, newlines) is read here by one linear tokenizer. The renderer writes into an `Out`,
which cuts lines at `<br>`, list items, `<hr>`/`----`, block tags and newlines (cell mode) or
joins them with spaces (paragraph mode). A line's span runs from the first to the last source
piece that contributed to it (text, a template, a flag icon), so it covers the markup it came from.

Templates are rendered by an action looked up by name: the reader's own table of MediaWiki
formatting templates below, extended (and overridden) by `LangTable.wiki_templates`;
`LangTable.wiki_markers` gives templates that render as fixed language text (` (KIA)`,
`[citation needed]`, `c. `). An unknown template renders its first positional argument when that
looks like text, else nothing; its name is recorded in `Renderer.unknown`. No template source
ever reaches the output.

References: `<ref>`, `{{efn}}`/`{{refn}}`/`{{NoteTag}}`, `{{sfn}}`, `{{r}}` and `{{#tag:ref}}`
get their number when first met in render order (the infobox in its layout order, then the page
in source order), per group: "1", "a" (lower-alpha), "note 1" (any other group name). A named
ref reused gets the same number; a name used before its definition resolves through a pre-pass
over the whole page (list-defined refs in `{{reflist|refs=}}` / `<references>` included).
Contents are rendered after the page, like MediaWiki's reference list, so refs nested in notes
are numbered after the body's refs. Nothing here knows about conflicts.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

import wikitextparser as wtp

from ..document import RefEntry, Seg
from ..lang.base import LangTable, per_table
from .wikitext_links import hide_plain_links

__all__ = ["Arg", "Node", "Out", "Page", "Refs", "Renderer", "clean", "gaps_between", "norm_name"]

EXT_TAGS = frozenset(
    {
        "ref",
        "references",
        "nowiki",
        "pre",
        "gallery",
        "math",
        "chem",
        "ce",
        "poem",
        "timeline",
        "imagemap",
        "syntaxhighlight",
        "source",
        "score",
        "graph",
        "mapframe",
        "maplink",
        "templatedata",
        "hiero",
        "inputbox",
        "categorytree",
        "section",
        "indicator",
        "templatestyles",
        "includeonly",
        "noinclude",
        "onlyinclude",
    }
)
"""Extension tags: their content is not ordinary markup (wikitextparser gives them as one span)."""
_LEAF_EXT = frozenset(
    {
        "nowiki",
        "pre",
        "math",
        "chem",
        "ce",
        "timeline",
        "syntaxhighlight",
        "source",
        "score",
        "graph",
        "templatedata",
        "hiero",
        "mapframe",
        "maplink",
        "inputbox",
        "categorytree",
        "templatestyles",
        "indicator",
        "section",
    }
)
_SHOWN_EXT = frozenset({"poem", "noinclude", "onlyinclude"})

BREAK_TAGS = frozenset(
    {
        "br",
        "hr",
        "div",
        "p",
        "li",
        "ul",
        "ol",
        "dl",
        "dd",
        "dt",
        "center",
        "blockquote",
        "table",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "caption",
    }
)
INLINE_TAGS = (
    frozenset(
        {
            "span",
            "small",
            "big",
            "sup",
            "sub",
            "s",
            "u",
            "i",
            "b",
            "em",
            "strong",
            "abbr",
            "font",
            "code",
            "tt",
            "var",
            "cite",
            "del",
            "ins",
            "q",
            "mark",
            "kbd",
            "samp",
            "bdi",
            "bdo",
            "rp",
            "rt",
            "ruby",
            "wbr",
            "strike",
            "dfn",
            "time",
            "data",
            "td",
            "th",
            "tbody",
            "thead",
        }
    )
    | EXT_TAGS
)
"""Tags whose markup renders as nothing (their inner text stays); orphan extension tags too."""

# Canonical MediaWiki namespaces (valid on every wiki, whatever its language).
FILE_NAMESPACES = frozenset({"file", "image", "media"})
CATEGORY_NAMESPACES = frozenset({"category"})

BASE_TEMPLATES: dict[str, str] = {
    # inline wrappers: the text argument
    "nowrap": "inner",
    "nobr": "inner",
    "nobreak": "inner",
    "no wrap": "inner",
    "small": "inner",
    "smaller": "inner",
    "big": "inner",
    "larger": "inner",
    "large": "inner",
    "midsize": "inner",
    "nobold": "inner",
    "noitalic": "inner",
    "nonitalic": "inner",
    "abbr": "inner",
    "abbrlink": "inner",
    "tooltip": "inner",
    "hover title": "inner",
    "font": "inner",
    "font color": "last",
    "color": "last",
    "resize": "last",
    "lang": "last",
    "lang-*": "inner",
    "transl": "last",
    "transliteration": "last",
    "sort": "last",
    "sortname": "sortname",
    "nihongo": "inner",
    "sic": "inner",
    "not a typo": "inner",
    "proper name": "inner",
    "mvar": "inner",
    "math": "inner",
    "em": "inner",
    "strong": "inner",
    "linktext": "inner",
    "keypress": "inner",
    "sup": "inner",
    "sub": "inner",
    "vanchor": "inner",
    "ill": "ill",
    "interlanguage link": "ill",
    "interlanguage link multi": "ill",
    "illm": "ill",
    "wikicite": "wikicite",
    "frac": "frac",
    "fraction": "frac",
    "'": "text:'",
    "'s": "text:'s",
    "!": "text:|",
    "=": "text:=",
    "snd": "text: – ",
    "snds": "text: – ",
    "spnd": "text: – ",
    "sndash": "text: – ",
    "spaced ndash": "text: – ",
    "spaced en dash": "text: – ",
    "ndash": "text:–",
    "nd": "text:–",
    "en dash": "text:–",
    "mdash": "text:—",
    "md": "text:—",
    "em dash": "text:—",
    "spaced mdash": "text: — ",
    "nbsp": "text: ",
    "thinsp": "text: ",
    "space": "text: ",
    "·": "text: · ",
    "dot": "text: · ",
    "middot": "text: · ",
    "break": "br",
    "crlf": "br",
    "hr": "br",
    "-": "drop",
    "clear": "drop",
    "clear left": "drop",
    "clear right": "drop",
    # lists: one line per item
    "ubl": "list",
    "unbulleted list": "list",
    "ublist": "list",
    "ubt": "list",
    "plainlist": "list",
    "plain list": "list",
    "flatlist": "list",
    "flat list": "list",
    "hlist": "list",
    "bulleted list": "list",
    "blist": "list",
    "bulletedlist": "list",
    "bullet list": "list",
    "unordered list": "list",
    "ordered list": "list",
    "collapsible list": "list",
    "hidden": "list",
    "hidden begin": "drop",
    "hidden end": "drop",
    "endplainlist": "drop",
    "endflatlist": "drop",
    "end plainlist": "drop",
    "startplainlist": "drop",
    "startflatlist": "drop",
    # flags: a name, or an icon whose country is a side hint
    "flag": "flag",
    "flagcountry": "flag",
    "flagu": "flag",
    "flaglink": "flag",
    "flagbig": "flag",
    "flag country": "flag",
    "coat of arms": "flag",
    "flagicon": "flagicon",
    "flag icon": "flagicon",
    "flagdeco": "flagicon",
    "flag deco": "flagicon",
    "flagicon image": "flagimage",
    "flag icon image": "flagimage",
    # references and notes
    "efn": "note:lower-alpha",
    "efn-la": "note:lower-alpha",
    "efn-ua": "note:upper-alpha",
    "efn-lr": "note:lower-roman",
    "efn-ur": "note:upper-roman",
    "efn-lg": "note:lower-greek",
    "notetag": "note:note",
    "refn": "note",
    "#tag:ref": "note",
    "sfn": "sfn",
    "sfnp": "sfn",
    "sfnm": "sfnm",
    "harvnb": "harv:nb",
    "harv": "harv:paren",
    "harvp": "harv:paren",
    "harvtxt": "harv:txt",
    "harvcoltxt": "harv:txt",
    "harvcol": "harv:paren",
    "harvcolnb": "harv:nb",
    "r": "r",
    "rp": "drop",
    "cite *": "cite",
    "cite": "cite",
    "citation": "cite",
    "vcite *": "cite",
    "london gazette": "cite",
    "eb1911": "cite",
    "harvid": "drop",
    "sfnref": "drop",
    "reflist": "drop",
    "notelist": "drop",
    "notelist-ua": "drop",
    "notelist-lr": "drop",
    "notefoot": "drop",
    "refbegin": "drop",
    "refend": "drop",
    "references": "drop",
    "cref2": "drop",
    "cnote2": "drop",
    "cnote2 begin": "drop",
    "cnote2 end": "drop",
    "ref label": "drop",
    "note label": "drop",
    "webarchive": "drop",
    "cbignore": "drop",
    "isbn": "prefix:ISBN ",
    "oclc": "prefix:OCLC ",
    "issn": "prefix:ISSN ",
    "doi": "prefix:doi:",
    # dates, places, numbers
    "start date": "date",
    "end date": "date",
    "start date and age": "date",
    "end date and age": "date",
    "birth date": "date",
    "death date": "date",
    "dts": "date",
    "start and end dates": "dates",
    "coord": "coord",
    "coor": "coord",
    "convert": "convert",
    "cvt": "convert",
    "hms": "ship",
    "sms": "ship",
    "uss": "ship",
    "hmas": "ship",
    "hmcs": "ship",
    "hmnzs": "ship",
    "rms": "ship",
    "ss": "ship",
    "hmhs": "ship",
    "hmt": "ship",
    "usat": "ship",
    "ins": "ship",
    "smu": "inner",
    "ship": "ship2",
    "sclass-": "ship2",
    "sclass": "ship2",
    # magic variables (never today's date) and page furniture: nothing
    "currentyear": "drop",
    "currentmonth": "drop",
    "currentmonthname": "drop",
    "currentday": "drop",
    "currenttime": "drop",
    "localyear": "drop",
    "pagename": "drop",
    "fullpagename": "drop",
    "basepagename": "drop",
    "namespace": "drop",
    "sitename": "drop",
    "!!": "text:||",
    "in lang": "drop",
    "age*": "drop",
    "ipa*": "drop",
    "ipac-*": "drop",
    "audio": "drop",
    "pp*": "drop",
    "use *": "drop",
    "engvar*": "drop",
    "campaignbox*": "drop",
    "infobox*": "drop",
    "portal*": "drop",
    "commons*": "drop",
    "anchor": "drop",
    "main": "drop",
    "main article": "drop",
    "further": "drop",
    "further information": "drop",
    "see also": "drop",
    "see": "drop",
    "about": "drop",
    "other uses": "drop",
    "for": "drop",
    "for2": "drop",
    "redirect": "drop",
    "distinguish": "drop",
    "short description": "drop",
    "toc limit": "drop",
    "toc": "drop",
    "authority control": "drop",
    "defaultsort": "drop",
    "featured article": "drop",
    "good article": "drop",
    "multiple image": "block",
    "legend": "drop",
    "legend-line": "drop",
    "inflation": "drop",
    "inflation/fn": "drop",
    "wikisource*": "drop",
    "sister project links": "drop",
    "external media": "drop",
    "externalimage": "drop",
    "refimprove*": "drop",
    "unreferenced*": "drop",
    "no footnotes": "drop",
    "more footnotes": "drop",
    "multiple issues": "drop",
    "expand section": "drop",
    "subject bar": "drop",
    "spoken wikipedia": "drop",
    "coord missing": "drop",
    "quote": "block",
    "quotation": "block",
    "bquote": "block",
    "blockquote": "block",
    "quote box": "block",
    "cquote": "block",
    "rquote": "block",
    "quote frame": "block",
}

INLINE_ACTIONS = frozenset(
    {
        "inner",
        "last",
        "flag",
        "flagicon",
        "flagimage",
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
        "text",
        "prefix",
        "marker",
    }
)
"""Template actions that belong to running text (a line of only these is still prose)."""
_REF_ACTIONS = frozenset({"note", "sfn", "sfnm", "r"})

_TOKEN = re.compile(
    r"(?P<nl>\n)"
    r"|(?P<tag><(?P<close>/?)(?P<tname>[A-Za-z][A-Za-z0-9]*)(?P<attrs>(?:[^<>A-Za-z0-9][^<>]*)?)>)"
    r"|(?P<q>'{2,})"
    r"|(?P<ent>&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});)"
    r"|(?P<xl>\[(?:(?:https?|ftp|irc|ircs|news|gopher|telnet|mms|sftp|svn|git):)?//[^\s\[\]<>\"{}|]*)"
    r"|(?P<rb>\])"
    r"|(?P<magic>__[A-Z]{2,20}__)"
)
_MARKERS_ONLY = re.compile(r"^(?:\[[^\[\]\n]{1,40}\])+$")
_MAX_DEPTH = 40
"""Nesting depth of templates/links/tags rendered; deeper markup is left out (and flagged)."""
_NEST_LIMIT = 40
"""Braces (brackets) open at once that wikitextparser sees, 20 levels of `{{` (the corpus's deepest
is 4); deeper ones are blanked for it, as its cost grows with depth times page length."""
_NEST_RUNS = tuple(re.compile(p) for p in (r"\{\{+", r"\}\}+", r"\[\[+", r"\]\]+"))
"""Runs of two or more of one bracket, a pattern for each: each finds its runs by a fast literal
search, where one alternation of the four tests every character of the page (twice the time)."""
_LINK_PIPES = 200
"""Pipes one link shows wikitextparser (its link pattern is quadratic in them); more are blanked."""
_UNCLOSED_LIMIT = 20
"""Unclosed extension tags of one name shown to wikitextparser (each one costs it a scan to the end)."""
_PARSER_EXT = sorted(EXT_TAGS | {"languages", "pagelist", "pagequality", "charinsert", "pages"}, key=len)
_PARSER_EXT.reverse()
_EXT_TAG = re.compile(r"<(/?)(" + "|".join(_PARSER_EXT) + r")(?=[\s>/])[^<>]*>", re.IGNORECASE)
_SPECIAL = re.compile(r"[\n<'&\[\]_]")
"""Characters a token of _TOKEN can start with (found fast, then matched)."""
_TAG_NAME = re.compile(r"<([A-Za-z]+)")
_LINE_START = re.compile(r"(?:[*#:;]+|-{4,})[ \t]*")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_WS = re.compile(r"\s+")
_EMPTY_PARENS = re.compile(r"\(\s*\)|\[\s*\]")
_INVISIBLE = re.compile("[\u200b\ufeff]")
_OPEN_BRACKET = re.compile(r"\([ ),;]|\[[ \]]")
"""An empty or space-opened bracket, once whitespace is folded: what _EMPTY_PARENS/_OPEN_PUNCT fix."""
_SPACE_PUNCT = re.compile(r" +([,;)])")
_DAGGER = re.compile(r"(?<=[^\s(\[])†")
_OPEN_PUNCT = re.compile(r"\( *(?:[,;] *)?")
_ATTR = re.compile(r"""([A-Za-z_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'/>]+))""")
_NUMBER = re.compile(r"^[-+−]?[0-9][0-9.,]*(?:e[0-9]+)?$")
_YEAR = re.compile(r"^(?:c\.\s*)?[0-9]{1,4}[a-z]?$|^n\.d\.$")
_HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{3,8}$")
_SIZE = re.compile(r"^[0-9]+(?:px|%|em)?$")
_INTERLANG = re.compile(r"^[a-z]{2,3}(?:-[a-z]{2,8}){0,2}$")
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_GREEK = "αβγδεζηθικλμνξοπρστυφχψω"
_LAYOUT_WORDS = frozenset(
    {"yes", "no", "left", "right", "center", "centre", "none", "inline", "auto", "y", "n"}
)
"""Template switch values (format syntax, not language): never rendered as an unknown template's text."""


def clean(text: str) -> str:
    """Rendered text as it reads: whitespace folded, empty brackets and zero-width marks removed."""
    if "\u200b" in text or "\ufeff" in text:
        text = _INVISIBLE.sub("", text)
    # every whitespace but " " is unprintable, so printable text without doubled or edge spaces is
    # already folded; the fold equals _WS.sub(" ", text).strip(), and the result is stripped anyway
    if not (text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "):
        text = " ".join(text.split())
    if ("(" in text or "[" in text) and _OPEN_BRACKET.search(text):
        text = _EMPTY_PARENS.sub("", text)
        text = _OPEN_PUNCT.sub("(", text)
        text = _WS.sub(" ", text)
    if " ," in text or " ;" in text or " )" in text:
        text = _SPACE_PUNCT.sub(r"\1", text)
    if "†" in text:
        text = _DAGGER.sub(" †", text)
    return text.strip()


def norm_name(raw: str) -> str:
    """Template name as looked up: lowercase, '_' as ' ', spaces folded, no 'Template:'/'subst:'."""
    name = " ".join(raw.replace("_", " ").split()).lower()
    if ":" not in name:
        return name
    for prefix in ("subst:", "safesubst:", "msgnw:", "msg:", "template:"):
        if name.startswith(prefix):
            name = name[len(prefix) :].strip()
    return name


def unescape(text: str) -> str:
    """Decode `&name;` / `&#n;` entities (semicolon required, so URLs like `?a=1&para=2` survive)."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


# --------------------------------------------------------------------------- tree


def _shallow(text: str) -> str:
    """`text` for wikitextparser, with the markup it cannot parse in linear time blanked to spaces.

    It finds nested spans one level per pass, so 50,000 nested `{{` take hours: braces and
    brackets open deeper than _NEST_LIMIT are blanked (markup that deep is past _MAX_DEPTH and never
    rendered anyway). Only runs of two or more count (`{{`, `]]`): a stray single brace never
    deepens the count. Pipes past _LINK_PIPES inside one link, and unclosed extension tags past
    _UNCLOSED_LIMIT, are blanked too. Same length, so every span is unchanged.
    """
    curly = square = 0  # braces and brackets open (in runs of two or more)
    limit = _NEST_LIMIT
    blank: list[tuple[int, int]] = []
    gap = 0  # where the text since the last run starts: its pipes belong to the open link, if any
    runs = [m.span() for p in _NEST_RUNS for m in p.finditer(text)]
    runs.sort()  # runs of different brackets never overlap: in page order, as one scan finds them
    for s, e in runs:
        if square >= 2 and text.count("|", gap, s) > _LINK_PIPES:
            _blank_pipes(text, gap, s, blank)
        gap = e
        c = text[s]
        if c == "{":
            if curly + e - s > limit:
                blank.append((s + max(0, limit - curly), e))
            curly += e - s
        elif c == "}":
            if curly > limit:
                blank.append((s, min(e, s + curly - limit)))
            curly = max(0, curly - (e - s))
        elif c == "[":
            if square + e - s > limit:
                blank.append((s + max(0, limit - square), e))
            square += e - s
        else:
            if square > limit:
                blank.append((s, min(e, s + square - limit)))
            square = max(0, square - (e - s))
    if square >= 2:
        _blank_pipes(text, gap, len(text), blank)
    blank.extend(_unclosed_tags(text))
    if not blank:
        return text
    parts: list[str] = []
    pos = 0
    for s, e in sorted(blank):
        parts.append(text[pos:s])
        parts.append(" " * (e - s))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def _blank_pipes(text: str, a: int, b: int, blank: list[tuple[int, int]]) -> None:
    """Each pipe of text[a:b] past the first _LINK_PIPES (a stretch inside one link)."""
    if text.count("|", a, b) <= _LINK_PIPES:
        return
    j, seen = text.find("|", a, b), 0
    while j >= 0:
        seen += 1
        if seen > _LINK_PIPES:
            blank.append((j, j + 1))
        j = text.find("|", j + 1, b)


def _unclosed_tags(text: str) -> list[tuple[int, int]]:
    """The `<` of each unclosed extension tag past the first _UNCLOSED_LIMIT of its name."""
    last_close: dict[str, int] = {}
    opens: list[tuple[str, int]] = []
    for m in _EXT_TAG.finditer(text):
        name = m.group(2).lower()
        if m.group(1):
            last_close[name] = m.start()
        elif not m.group(0).endswith("/>"):
            opens.append((name, m.start()))
    counts: dict[str, int] = {}
    out: list[tuple[int, int]] = []
    for name, pos in opens:
        if pos > last_close.get(name, -1):
            counts[name] = counts.get(name, 0) + 1
            if counts[name] > _UNCLOSED_LIMIT:
                out.append((pos, pos + 1))
    return out


def gaps_between(kids: list[Node], a: int, b: int) -> list[tuple[int, int]]:
    """The stretches of [a, b) between `kids`, the nodes lying inside it in order (Page.kids)."""
    found: list[tuple[int, int]] = []
    pos = a
    for c in kids:
        if c.start > pos:
            found.append((pos, c.start))
        pos = c.end
    if pos < b:
        found.append((pos, b))
    return found


@dataclass(init=False, eq=False, slots=True)
class Node:
    kind: str
    """root | template | link | comment | ext"""
    start: int
    end: int
    tag: str
    """Extension tag name (lowercase) for kind 'ext'."""
    children: list[Node]
    starts: list[int]
    parts: tuple[str, list[Arg]] | None
    name: str | None
    """A template's normalised name, once looked up (without splitting its arguments)."""
    pos: dict[int, Arg] | None
    """A template's positional arguments by index, once looked up."""
    link: tuple[str, tuple[int, int] | None] | None
    """A wiki link's target and shown-text span, once looked up."""
    attrs: dict[str, str] | None
    """An extension tag's attributes, once read."""

    def __init__(
        self,
        kind: str,
        start: int,
        end: int,
        tag: str = "",
        children: list[Node] | None = None,
        starts: list[int] | None = None,
        parts: tuple[str, list[Arg]] | None = None,
        name: str | None = None,
        pos: dict[int, Arg] | None = None,
        link: tuple[str, tuple[int, int] | None] | None = None,
        attrs: dict[str, str] | None = None,
    ) -> None:
        # written out, not generated: mypyc compiles this one, a page builds hundreds of nodes
        self.kind = kind
        self.start = start
        self.end = end
        self.tag = tag
        self.children = [] if children is None else children
        self.starts = [] if starts is None else starts
        self.parts = parts
        self.name = name
        self.pos = pos
        self.link = link
        self.attrs = attrs


@dataclass(init=False, slots=True)
class Arg:
    """One template argument as Page.split found it (read-only: not frozen only because a frozen
    dataclass is three times slower to build, and a page has hundreds)."""

    name: str
    """Lowercase parameter name; positional arguments carry their index ('1', '2', ...)."""
    positional: bool
    start: int
    """Value span (named values trimmed as MediaWiki trims them)."""
    end: int
    name_start: int
    name_end: int

    def __init__(
        self, name: str, positional: bool, start: int, end: int, name_start: int, name_end: int
    ) -> None:
        self.name = name
        self.positional = positional
        self.start = start
        self.end = end
        self.name_start = name_start
        self.name_end = name_end


_LEAF_CHILDREN: list[Node] = []
_LEAF_STARTS: list[int] = []
"""Shared by every leaf the tree builder makes (most nodes), which gives a node its own lists when
it gets a first child: fewer objects for the garbage collector to track. Never appended to."""


@dataclass(slots=True)
class _Span:
    """A span from an older wikitextparser, which keeps spans as lists."""

    start: int
    end: int


class Page:
    """The decoded page text and its node tree."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.root = Node("root", 0, len(text))
        self.nodes: list[Node] = []
        """Every node but comments, in document order (what walk() gives for the whole page)."""
        self.blanked = False
        """Set when markup the parser cannot take in linear time was read as plain text (_shallow)."""
        self._build()

    def _build(self) -> None:
        shallow = _shallow(self.text)
        self.blanked = shallow is not self.text
        hidden, links = hide_plain_links(shallow)
        parsed = wtp.parse(hidden)
        items = self._spans_fast(parsed)
        if items is None:
            items = self._spans_public(parsed)
        items.extend([(s, e, "link", "") for s, e in links])
        width = len(self.text) + 1
        items.sort(key=lambda x: x[0] * width - x[1])  # start, then longest first; an int key, no tuple
        root = top = self.root
        stack = [root]
        nodes = self.nodes
        for s, e, kind, name in items:
            while top is not root and top.end <= s:
                stack.pop()
                top = stack[-1]
            if e > top.end or (s == top.start and e == top.end and top is not root):
                continue  # overlapping or duplicate span: not a node of this tree
            if top.kind == "comment" or (top.kind == "ext" and top.tag in _LEAF_EXT):
                continue
            node = Node(kind, s, e, name, _LEAF_CHILDREN, _LEAF_STARTS)
            if top.children is _LEAF_CHILDREN:
                top.children, top.starts = [node], [s]
            else:
                top.children.append(node)
                top.starts.append(s)
            if kind != "comment":
                nodes.append(node)
            stack.append(node)
            top = node

    def _spans_fast(self, parsed: wtp.WikiText) -> list[tuple[int, int, str, str]] | None:
        """Node spans straight from wikitextparser's span table (no per-node objects), when present."""
        table = getattr(parsed, "_type_to_spans", None)
        if not isinstance(table, dict):
            return None
        kinds = {
            "Template": "template",
            "ParserFunction": "template",
            "WikiLink": "link",
            "Comment": "comment",
            "ExtensionTag": "ext",
            "Parameter": "param",
        }
        text = self.text
        items: list[tuple[int, int, str, str]] = []
        try:
            for key, kind in kinds.items():
                spans = table.get(key, ())
                # SpanData objects (wikitextparser 0.56+) or [start, end, ...] lists (older)
                if not (spans and hasattr(spans[0], "start")):
                    spans = [_Span(int(x[0]), int(x[1])) for x in spans]
                if kind != "ext":
                    items.extend([(x.start, x.end, kind, "") for x in spans])
                    continue
                for x in spans:
                    s, e = x.start, x.end
                    m = _TAG_NAME.match(text, s, min(e, s + 40))
                    name = m.group(1).lower() if m else ""
                    if name in EXT_TAGS:
                        items.append((s, e, kind, name))
        except (TypeError, IndexError, ValueError, AttributeError):
            return None
        return items

    def _spans_public(self, parsed: wtp.WikiText) -> list[tuple[int, int, str, str]]:
        items: list[tuple[int, int, str, str]] = []
        for t in parsed.templates:
            s, e = t.span
            items.append((s, e, "template", ""))
        for f in parsed.parser_functions:
            s, e = f.span
            items.append((s, e, "template", ""))
        for w in parsed.wikilinks:
            s, e = w.span
            items.append((s, e, "link", ""))
        for c in parsed.comments:
            s, e = c.span
            items.append((s, e, "comment", ""))
        for prm in parsed.parameters:
            s, e = prm.span
            items.append((s, e, "param", ""))
        text = self.text
        for tag in parsed.get_tags():
            s, e = tag.span
            m = _TAG_NAME.match(text, s, min(e, s + 40))
            name = m.group(1).lower() if m else ""
            if name in EXT_TAGS:
                items.append((s, e, "ext", name))
        return items

    # -- navigation
    def kids(self, node: Node, a: int, b: int) -> list[Node]:
        """Children of `node` lying inside [a, b), in order."""
        starts = node.starts
        i = bisect.bisect_left(starts, a)
        j = bisect.bisect_left(starts, b, i)
        if i == j:
            return []
        found = node.children[i:j]
        if found[-1].end > b:  # siblings are disjoint: only the last can run past b
            found.pop()
        return found

    def child_at(self, node: Node, pos: int) -> Node | None:
        """The child of `node` whose span contains `pos`."""
        i = bisect.bisect_right(node.starts, pos) - 1
        if i >= 0 and node.children[i].end > pos:
            return node.children[i]
        return None

    def gaps(self, node: Node, a: int, b: int) -> list[tuple[int, int]]:
        """The stretches of [a, b) not covered by a child of `node`."""
        return gaps_between(self.kids(node, a, b), a, b)

    def plain(self, node: Node, a: int, b: int) -> str:
        """Source text of [a, b) without the comments among `node`'s children."""
        if self.text.find("<!--", a, b) < 0:
            return self.text[a:b]
        out: list[str] = []
        pos = a
        for c in self.kids(node, a, b):
            if c.kind == "comment":
                out.append(self.text[pos : c.start])
                pos = c.end
        out.append(self.text[pos:b])
        return "".join(out)

    def _find_top(self, node: Node, ch: str, a: int, b: int) -> int:
        """The first `ch` in [a, b) outside the children of `node` lying inside [a, b), or -1."""
        text, starts, children = self.text, node.starts, node.children
        j = text.find(ch, a, b)
        while j >= 0:
            i = bisect.bisect_right(starts, j) - 1
            if i < 0:
                return j
            c = children[i]
            if c.end <= j or c.start < a or c.end > b:
                return j
            j = text.find(ch, c.end, b)
        return -1

    def split(self, node: Node) -> tuple[str, list[Arg]]:
        """A template's normalised name and its arguments (split at top-level pipes)."""
        if node.parts is not None:
            return node.parts
        text = self.text
        a, b = node.start + 2, node.end - 2
        # a node inside the template holds no top-level pipe, so it lies inside one argument, and
        # that argument's top-level "=" is outside it too: split and find on the masked view
        pieces = self._top_view(node, a, b).split("|")
        s = a + len(pieces[0])
        name = node.name if node.name is not None else norm_name(self.plain(node, a, s))
        args: list[Arg] = []
        index = 0
        for piece in pieces[1:]:
            s, e = s + 1, s + 1 + len(piece)
            k = piece.find("=")
            if k < 0:
                index += 1
                args.append(Arg(str(index), True, s, e, s, s))
                s = e
                continue
            eq = s + k
            source = text[s:eq]
            raw = self.plain(node, s, eq) if "<!--" in source else source
            pname = " ".join(raw.split()).lower()
            if raw == source:
                ns = s + (len(raw) - len(raw.lstrip()))
                ne = ns + len(raw.strip())
            else:
                ns, ne = s, eq
            vs, ve = eq + 1, e
            while vs < ve and text[vs].isspace():
                vs += 1
            while ve > vs and text[ve - 1].isspace():
                ve -= 1
            args.append(Arg(pname, pname.isdecimal(), vs, ve, ns, ne))
            s = e
        node.parts = (name, args)
        return node.parts

    def _top_view(self, node: Node, a: int, b: int) -> str:
        """text[a:b] with the children of `node` lying inside it masked (same length, no markup)."""
        kids = self.kids(node, a, b)
        if not kids:
            return self.text[a:b]
        parts: list[str] = []
        pos = a
        for c in kids:
            parts.append(self.text[pos : c.start])
            parts.append("\0" * (c.end - c.start))
            pos = c.end
        parts.append(self.text[pos:b])
        return "".join(parts)

    def template_name(self, node: Node) -> str:
        """A template's normalised name: `split(node)[0]`, without splitting the arguments."""
        if node.name is None:
            if node.parts is not None:
                node.name = node.parts[0]
            else:
                a, b = node.start + 2, node.end - 2
                bar = self._first_top(node, "|", a, b)
                node.name = norm_name(self.plain(node, a, b if bar is None else bar))
        return node.name

    def _first_top(self, node: Node, ch: str, a: int, b: int) -> int | None:
        j = self._find_top(node, ch, a, b)
        return None if j < 0 else j

    def link_parts(self, node: Node) -> tuple[str, tuple[int, int] | None]:
        """A wiki link's target (comments removed) and the span of its shown text, if any."""
        if node.link is None:
            a, b = node.start + 2, node.end - 2
            bar = self._find_top(node, "|", a, b)
            if bar < 0:
                node.link = (self.plain(node, a, b), None)
            else:
                node.link = (self.plain(node, a, bar), (bar + 1, b))
        return node.link

    def ext_content(self, node: Node) -> tuple[int, int] | None:
        """Content span of an extension tag; None when self-closing."""
        text = self.text
        gt = text.find(">", node.start, node.end)
        if gt < 0 or text[gt - 1] == "/":
            return None
        close = text.rfind("</", gt + 1, node.end)
        if close < 0:
            close = node.end
        return gt + 1, close

    def ext_attrs(self, node: Node) -> dict[str, str]:
        if node.attrs is None:
            node.attrs = self._ext_attrs(node)
        return node.attrs

    def _ext_attrs(self, node: Node) -> dict[str, str]:
        text = self.text
        gt = text.find(">", node.start, node.end)
        head = text[node.start + 1 + len(node.tag) : gt if gt >= 0 else node.end][:1000]
        attrs: dict[str, str] = {}
        for m in _ATTR.finditer(head):
            value = next((g for g in m.groups()[1:] if g is not None), "")
            attrs[m.group(1).lower()] = unescape(value).strip()
        return attrs

    def walk(self, node: Node | None = None) -> Iterator[Node]:
        """Every node under `node` (default the root) in document order, comments left out."""
        return iter(self.nodes) if node is None or node is self.root else self._walk(node)

    def _walk(self, node: Node) -> Iterator[Node]:
        stack = [iter(node.children)]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                stack.pop()
                continue
            if nxt.kind == "comment":
                continue
            yield nxt
            stack.append(iter(nxt.children))


# --------------------------------------------------------------------------- output


class Out:
    """Rendered text cut into lines; each line keeps the span of the source it came from."""

    def __init__(self, breaks: bool = True, discard: bool = False) -> None:
        self.breaks = breaks
        self.discard = discard
        self.lines: list[tuple[str, int | None, int | None]] = []
        self.hints: list[str] = []
        self._buf: list[str] = []
        self._start: int | None = None
        self._end: int | None = None
        self.in_extlink = False

    def text(self, s: str, start: int, end: int) -> None:
        if self.discard or not s:
            return
        self._buf.append(s)
        if not s.isspace():
            if self._start is None or start < self._start:
                self._start = start
            if self._end is None or end > self._end:
                self._end = end

    def touch(self, start: int, end: int) -> None:
        if self._start is None or start < self._start:
            self._start = start
        if self._end is None or end > self._end:
            self._end = end

    def hint(self, value: str) -> None:
        if value and value not in self.hints and not self.discard:
            self.hints.append(value)

    def brk(self) -> None:
        if self.discard:
            return
        if not self.breaks:
            self._buf.append(" ")
            return
        if self._buf or self._start is not None:
            self.lines.append(("".join(self._buf), self._start, self._end))
        self._buf = []
        self._start = self._end = None

    def segs(self) -> list[Seg]:
        """The non-empty lines, cleaned, as Segs over their source spans."""
        if self.breaks:
            self.brk()
        else:
            self._flush()
        out: list[Seg] = []
        for text, s, e in self.lines:
            t = clean(text)
            if not t:
                continue
            if out and _MARKERS_ONLY.match(t):
                # refs after a block (`<div>..</div><ref>`) cite the line above, not a line of their own
                prev = out[-1]
                starts = [x for x in (prev.start, s) if x is not None]
                ends = [x for x in (prev.end, e) if x is not None]
                out[-1] = Seg(prev.text + t, min(starts) if starts else None, max(ends) if ends else None)
                continue
            out.append(Seg(t, s, e, False))
        return out

    def _flush(self) -> None:
        self.lines.append(("".join(self._buf), self._start, self._end))
        self._buf = []
        self._start = self._end = None

    def seg(self) -> Seg:
        """Everything as one Seg (paragraph mode)."""
        if not self.breaks and not self.lines:
            # the usual case, one line: what segs() would give for it, without building a list
            self._flush()
            line, start, end = self.lines[0]
            t = clean(line)
            return Seg(t, start, end, False) if t else Seg("")
        segs = self.segs()
        if not segs:
            return Seg("")
        if len(segs) == 1:
            return segs[0]
        return Seg.join(segs, "", " ")


_NULL = Out(discard=True)


# --------------------------------------------------------------------------- references


@dataclass(init=False, eq=False)
class _Ref:
    group: str
    number: int
    label: str
    name: str | None
    content: tuple[Node, int, int] | None
    kind: str | None
    uses: int
    text: str | None
    span: tuple[int, int] | None
    fields: dict[str, str] | None
    seg: Seg | None

    def __init__(
        self,
        group: str,
        number: int,
        label: str,
        name: str | None,
        content: tuple[Node, int, int] | None,
        kind: str | None,
        uses: int = 1,
        text: str | None = None,
        span: tuple[int, int] | None = None,
        fields: dict[str, str] | None = None,
        seg: Seg | None = None,
    ) -> None:
        self.group = group
        self.number = number
        self.label = label
        self.name = name
        self.content = content
        self.kind = kind
        self.uses = uses
        self.text = text
        self.span = span
        self.fields = fields
        self.seg = seg


def _alpha(n: int, upper: bool = False) -> str:
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(ord("a") + r) + s
    return s.upper() if upper else s


def _roman(n: int) -> str:
    out = ""
    for value, sym in _ROMAN:
        while n >= value:
            out += sym
            n -= value
    return out


def group_label(group: str, n: int) -> str:
    """How MediaWiki shows ref number `n` of `group` inside its brackets."""
    if not group:
        return str(n)
    if group == "lower-alpha":
        return _alpha(n)
    if group == "upper-alpha":
        return _alpha(n, True)
    if group == "lower-roman":
        return _roman(n)
    if group == "upper-roman":
        return _roman(n).upper()
    if group == "lower-greek":
        return _GREEK[(n - 1) % len(_GREEK)] * ((n - 1) // len(_GREEK) + 1)
    return f"{group} {n}"


class Refs:
    """Reference numbering in render order, per group, with name reuse."""

    def __init__(self, renderer: Renderer) -> None:
        self._r: Renderer | None = renderer
        self.order: list[_Ref] = []
        self.by_key: dict[tuple[str, str], _Ref] = {}
        self.counts: dict[str, int] = {}
        self.defs: dict[tuple[str, str], tuple[Node, int, int]] = {}
        self.unresolved: list[str] = []

    @property
    def r(self) -> Renderer:
        """The renderer, until `finish`: then let go, so that the page's tree (which the renderer
        holds, and which holds these refs) is freed on return instead of by a garbage collection."""
        if self._r is None:
            raise RuntimeError("reference list used after finish()")
        return self._r

    def use(
        self,
        group: str,
        name: str | None,
        content: tuple[Node, int, int] | None,
        kind: str | None,
        text: str | None = None,
        span: tuple[int, int] | None = None,
        fields: dict[str, str] | None = None,
    ) -> str:
        """The label of this use: an existing ref's when the name is known, else a new number."""
        if content is not None and not self.r.page.text[content[1] : content[2]].strip():
            content = None
        key = (group, name) if name else None
        if key is not None and key in self.by_key:
            ref = self.by_key[key]
            ref.uses += 1
            if ref.content is None and ref.text is None and content is not None:
                ref.content = content
            return ref.label
        if key is not None and content is None and text is None:
            content = self.defs.get(key)
        n = self.counts.get(group, 0) + 1
        self.counts[group] = n
        ref = _Ref(group, n, group_label(group, n), name, content, kind, text=text, span=span, fields=fields)
        self.order.append(ref)
        if key is not None:
            self.by_key[key] = ref
        return ref.label

    def ref_tag(self, node: Node, out: Out) -> None:
        attrs = self.r.page.ext_attrs(node)
        span = self.r.page.ext_content(node)
        content = (node, span[0], span[1]) if span else None
        group = attrs.get("group", "")
        label = self.use(group, attrs.get("name") or None, content, None if not group else "note")
        out.text(f"[{label}]", node.start, node.end)

    def collect_definitions(self) -> None:
        """Named contents anywhere on the page, so a name used before its definition resolves."""
        page = self.r.page
        for node in page.walk():
            if node.kind == "ext" and node.tag == "ref":
                attrs = page.ext_attrs(node)
                span = page.ext_content(node)
                name = attrs.get("name")
                if name and span and page.text[span[0] : span[1]].strip():
                    self.defs.setdefault((attrs.get("group", ""), name), (node, span[0], span[1]))
            elif node.kind == "template":
                action = self.r.action(node)
                if action is not None and action.startswith("note"):
                    group, name, content = self.r.note_parts(node, action)
                    if name and content is not None:
                        self.defs.setdefault((group, name), content)

    def finish(self) -> list[RefEntry]:
        """Render every content (which may number nested refs) and return the entries by group;
        the last use of the list, which lets go of its renderer."""
        i = 0
        while i < len(self.order):
            ref = self.order[i]
            i += 1
            if ref.text is not None or ref.content is None:
                continue
            node, a, b = ref.content
            sink: list[dict[str, str]] = []
            saved = self.r.cite_sink
            self.r.cite_sink = sink
            out = Out(breaks=False)
            self.r.render_range(node, a, b, out)
            self.r.cite_sink = saved
            text = out.seg().text
            if not text:  # e.g. only a bracketed bare URL, which MediaWiki shows as a link number
                text = clean(unescape(self.r.page.plain(node, a, b))).strip("[] ")
            ref.seg = Seg(text, a, b, False)
            short = self.r.short_only(node, a, b)
            if sink:
                ref.fields = sink[0]
            if ref.kind is None:
                ref.kind = "short" if short is not None else "citation"
            if short is not None and not ref.fields:
                ref.fields = short
        groups: list[str] = [""]
        for ref in self.order:
            if ref.group not in groups:
                groups.append(ref.group)
        entries: list[RefEntry] = []
        for g in groups:
            for ref in self.order:
                if ref.group != g:
                    continue
                if ref.text is not None:
                    s = ref.span or (None, None)
                    seg: Seg | None = Seg(ref.text, s[0], s[1], False)
                else:
                    seg = ref.seg
                if seg is None or not seg.text:
                    self.unresolved.append(ref.name or ref.label)
                    continue
                kind = ref.kind if ref.kind in ("citation", "short", "note", "bibliography") else "citation"
                entries.append(RefEntry(ref.label, seg, kind, ref.uses, ref.fields))  # type: ignore[arg-type]
        self._r = None
        return entries


# --------------------------------------------------------------------------- renderer


@dataclass(frozen=True, slots=True)
class _LangTables:
    """A language's lookup tables as the renderer uses them (normalised names, lowercase keys)."""

    exact: dict[str, str]
    prefixes: list[tuple[str, str]]
    markers: dict[str, str]
    infoboxes: frozenset[str]
    namespaces: dict[str, str]
    aliases: dict[str, str]


@per_table
def _lang_tables(lang: LangTable) -> _LangTables:
    """The renderer's tables for `lang`, built on first use: they depend on the language only."""
    exact: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    for table in (BASE_TEMPLATES, lang.wiki_templates):
        for k, v in table.items():
            k = norm_name(k.rstrip("*")) + ("*" if k.endswith("*") else "")
            if k.endswith("*"):
                prefixes = [p for p in prefixes if p[0] != k[:-1]]
                prefixes.append((k[:-1], v))
            else:
                exact[k] = v
    prefixes.sort(key=lambda p: -len(p[0]))
    namespaces: dict[str, str] = {n: "file" for n in FILE_NAMESPACES}
    namespaces.update({n: "category" for n in CATEGORY_NAMESPACES})
    namespaces.update({k.lower(): v for k, v in lang.wiki_namespaces.items()})
    tables = _LangTables(
        exact,
        prefixes,
        {norm_name(k): v for k, v in lang.wiki_markers.items()},
        frozenset(norm_name(n) for n in lang.infobox_templates),
        namespaces,
        {k.lower(): v for k, v in lang.flag_aliases.items()},
    )
    return tables


class Renderer:
    """Renders ranges of a Page into an Out, numbering references as it goes."""

    def __init__(self, page: Page, lang: LangTable) -> None:
        self.page = page
        self.text = page.text
        self.lang = lang
        self.refs = Refs(self)
        self.unknown: dict[str, int] = {}
        self.cite_sink: list[dict[str, str]] | None = None
        tables = _lang_tables(lang)
        self._exact = tables.exact
        self._prefixes = tables.prefixes
        self._markers = tables.markers
        self._infoboxes = tables.infoboxes
        self._namespaces = tables.namespaces
        self._aliases = tables.aliases
        self._cache: dict[str, str | None] = {}
        self._harv: dict[Node, tuple[str, dict[str, str]]] = {}
        self._depth = 0
        self.overflow = False
        """Set when markup nested deeper than _MAX_DEPTH was left out."""
        self.refs.collect_definitions()

    # -- lookup
    def name(self, node: Node) -> str:
        return self.page.template_name(node)

    def is_infobox(self, node: Node) -> bool:
        return node.kind == "template" and self.name(node) in self._infoboxes

    def action(self, node: Node) -> str | None:
        """The render action of a template node: a table action, 'marker', or None (unknown)."""
        return self.action_of(self.name(node))

    def action_of(self, name: str) -> str | None:
        if name in self._cache:
            return self._cache[name]
        found: str | None
        if name in self._markers:
            found = "marker"
        elif name in self._exact:
            found = self._exact[name]
        elif name in self._infoboxes:
            found = "drop"
        elif name.endswith(" icon") and len(name) <= 10:
            found = "drop"  # language icons: {{ru icon}} -> "(in Russian)"
        elif name.startswith("#"):
            found = "drop"  # parser functions ({{#if:}}, {{#invoke:}}) other than #tag:ref
        else:
            found = next((v for p, v in self._prefixes if name.startswith(p)), None)
            if found is None and ":" in name:
                found = "drop"  # magic words with arguments: DEFAULTSORT:, DISPLAYTITLE:, #tag:x
        self._cache[name] = found
        return found

    def is_inline(self, node: Node) -> bool:
        """Whether a node belongs to running text (a line made only of such nodes is prose)."""
        if node.kind == "comment":
            return True
        if node.kind == "ext":
            return node.tag in ("ref", "nowiki")
        if node.kind == "link":
            return self.link_kind(node) == "link"
        action = self.action(node)
        return action is not None and action.split(":", 1)[0] in INLINE_ACTIONS

    def link_kind(self, node: Node) -> str:
        """'file', 'category', 'interlanguage' or 'link'."""
        target, shown = self.page.link_parts(node)
        target = target.strip()
        if target.startswith(":"):
            return "link"
        prefix, colon, _ = target.partition(":")
        if not colon:
            return "link"
        p = prefix.strip().lower().replace("_", " ")
        if p in self._namespaces:
            return self._namespaces[p]
        if shown is None and _INTERLANG.match(p):
            return "interlanguage"
        return "link"

    # -- rendering
    def render_range(self, parent: Node, a: int, b: int, out: Out, line_start: bool = False) -> None:
        pos = a
        for c in self.page.kids(parent, a, b):
            if c.start > pos:
                self.text_run(pos, c.start, out, line_start and pos == a)
            self.node(c, out)
            pos = c.end
        if pos < b:
            self.text_run(pos, b, out, line_start and pos == a)

    def text_run(self, a: int, b: int, out: Out, line_start: bool) -> None:
        text = self.text
        pos = a
        if line_start or (pos > 0 and text[pos - 1] == "\n"):
            pos = self._line_start(pos, b, out)
        scan = pos
        while pos < b:
            first = _SPECIAL.search(text, scan, b)
            m = _TOKEN.match(text, first.start(), b) if first is not None else None
            if first is None:
                out.text(text[pos:b], pos, b)
                return
            if m is None:
                scan = first.start() + 1
                continue
            if m.start() > pos:
                out.text(text[pos : m.start()], pos, m.start())
            pos = scan = m.end()
            kind = m.lastgroup
            if kind == "nl":
                out.brk()
                pos = self._line_start(pos, b, out)
            elif kind == "tag":
                name = m.group("tname").lower()
                if name in BREAK_TAGS:
                    out.brk()
                elif name not in INLINE_TAGS:
                    out.text(m.group(0), m.start(), m.end())
                else:
                    out.touch(m.start(), m.end())
            elif kind == "q":
                n = len(m.group(0))
                rest = "'" if n == 4 else "'" * (n - 5) if n > 5 else ""
                out.text(rest, m.start(), m.end()) if rest else out.touch(m.start(), m.end())
            elif kind == "ent":
                out.text(html.unescape(m.group(0)), m.start(), m.end())
            elif kind == "xl":
                if pos < b and text[pos] == "]":
                    pos += 1  # [http://x] renders as a bare number: nothing of the page's text
                else:
                    out.in_extlink = True
                    if pos < b and text[pos] == " ":
                        pos += 1
            elif kind == "rb":
                if out.in_extlink:
                    out.in_extlink = False
                else:
                    out.text("]", m.start(), m.end())
            # magic words (__NOTOC__) render as nothing
            scan = pos

    def _line_start(self, pos: int, b: int, out: Out) -> int:
        m = _LINE_START.match(self.text, pos, b)
        if m:
            out.brk()
            return m.end()
        return pos

    def node(self, c: Node, out: Out) -> None:
        if c.kind == "comment":
            return
        if self._depth > _MAX_DEPTH:
            self.overflow = True
            return
        self._depth += 1
        try:
            self._node(c, out)
        finally:
            self._depth -= 1

    def _node(self, c: Node, out: Out) -> None:
        if c.kind == "ext":
            self.ext(c, out)
        elif c.kind == "link":
            self.link(c, out)
        elif c.kind == "param":
            # {{{1|default}}} outside a template body: MediaWiki shows the default, else the markup
            bar = self.page._first_top(c, "|", c.start + 3, c.end - 3)
            if bar is not None:
                self.render_range(c, bar + 1, c.end - 3, out)
        else:
            self.template(c, out)

    def ext(self, c: Node, out: Out) -> None:
        tag = c.tag
        if tag == "ref":
            self.refs.ref_tag(c, out)
            return
        span = self.page.ext_content(c)
        if span is None or tag == "references":
            return
        if tag in ("nowiki", "pre"):
            out.text(unescape(self.text[span[0] : span[1]]), c.start, c.end)
        elif tag in _SHOWN_EXT:
            self.render_range(c, span[0], span[1], out, line_start=True)
        else:
            self.scan(c)

    def link(self, c: Node, out: Out) -> None:
        kind = self.link_kind(c)
        if kind == "file":
            self.scan(c)
            return
        if kind != "link":
            return
        target, shown = self.page.link_parts(c)
        if shown is not None and self.text[shown[0] : shown[1]].strip():
            self.render_range(c, shown[0], shown[1], out)
            return
        t = unescape(target).strip().lstrip(":").strip()
        if shown is not None:  # pipe trick: [[Page (disambiguation)|]]
            t = re.sub(r"\s*\([^()]*\)$", "", t.split(":", 1)[-1])
        out.text(t.replace("_", " "), c.start, c.end)

    # -- templates
    def pos_args(self, c: Node) -> dict[int, Arg]:
        if c.pos is None:
            c.pos = {int(a.name): a for a in self.page.split(c)[1] if a.positional and a.name.isdecimal()}
        return c.pos

    def named(self, c: Node, *names: str) -> Arg | None:
        for arg in self.page.split(c)[1]:
            if not arg.positional and arg.name in names and arg.end > arg.start:
                return arg
        return None

    def value(self, c: Node, arg: Arg | None) -> str:
        """An argument rendered as one line of plain text."""
        if arg is None:
            return ""
        a, b, text = arg.start, arg.end, self.text
        if self._bare(c, a, b):
            return clean(text[a:b])
        out = Out(breaks=False)
        self.render_range(c, a, b, out)
        return out.seg().text

    def _bare(self, c: Node, a: int, b: int) -> bool:
        """Whether [a, b) of `c` renders as its own text: no node, no markup, not at a line start."""
        if (a > 0 and self.text[a - 1] == "\n") or _SPECIAL.search(self.text, a, b) is not None:
            return False
        i = bisect.bisect_left(c.starts, a)
        return i == len(c.starts) or c.starts[i] >= b

    def raw(self, c: Node, arg: Arg | None) -> str:
        """An argument's source (comments removed, entities decoded), stripped."""
        if arg is None:
            return ""
        return unescape(self.page.plain(c, arg.start, arg.end)).strip()

    def template(self, c: Node, out: Out) -> None:
        name = self.name(c)
        action = self.action_of(name)
        if action is None:
            self._unknown(c, name, out)
            return
        verb, _, param = action.partition(":")
        if verb == "marker":
            out.text(self._markers[name], c.start, c.end)
            arg = self.pos_args(c).get(1)
            if arg is not None:  # {{circa|500}} -> "c. 500": the marker qualifies its argument
                self.render_range(c, arg.start, arg.end, out)
        elif verb == "drop":
            return
        elif verb == "block":
            self.scan(c)
        elif verb in ("inner", "last"):
            pos = self.pos_args(c)
            arg = pos[max(pos)] if pos and verb == "last" else pos.get(1) or self.named(c, "text")
            if arg is not None:
                self.render_range(c, arg.start, arg.end, out)
            out.touch(c.start, c.end)
        elif verb == "text":
            out.text(param, c.start, c.end)
        elif verb == "prefix":
            arg = self.pos_args(c).get(1)
            if arg is not None:
                out.text(param + self.raw(c, arg), c.start, c.end)
        elif verb == "br":
            out.brk()
        elif verb == "list":
            self._list(c, out)
        elif verb == "flag":
            self._flag(c, out)
        elif verb == "flagicon":
            arg = self.pos_args(c).get(1)
            if arg is not None:
                out.hint(self._alias(self.raw(c, arg)))
            out.touch(c.start, c.end)
        elif verb == "flagimage":
            arg = self.pos_args(c).get(1)
            if arg is not None:
                out.hint(self._flag_file(self.raw(c, arg)))
            out.touch(c.start, c.end)
        elif verb == "note":
            group, name_, content = self.note_parts(c, action)
            label = self.refs.use(group, name_, content, "note")
            out.text(f"[{label}]", c.start, c.end)
        elif verb == "r":
            self._r(c, out)
        elif verb in ("sfn", "sfnm"):
            self._sfn(c, out, verb == "sfnm")
        elif verb == "harv":
            text, _ = self.harv_text(c)
            if param == "paren":
                text = f"({text})"
            elif param == "txt":
                text = self._harv_txt(c)
            out.text(text, c.start, c.end)
        elif verb == "cite":
            self._cite(c, out, name)
        elif verb == "wikicite":
            arg = self.named(c, "reference")
            if arg is not None:
                self.render_range(c, arg.start, arg.end, out)
        else:
            text = self._formatted(c, verb)
            if text:
                out.text(text, c.start, c.end)

    def _formatted(self, c: Node, verb: str) -> str:
        pos = self.pos_args(c)
        vals = [self.value(c, pos[i]) for i in sorted(pos)]
        if verb == "date":
            return self.format_date(vals[:3])
        if verb == "dates":
            first, second = self.format_date(vals[:3]), self.format_date(vals[3:6])
            return f"{first} – {second}" if second else first
        if verb == "coord":
            return _coord(vals)
        if verb == "convert":
            return _convert(vals)
        if verb == "ship":
            return f"{self.name(c).upper()} {vals[0]}" if vals else ""
        if verb == "ship2":
            return " ".join(v for v in vals[:2] if v)
        if verb == "frac":
            if len(vals) >= 3:
                return f"{vals[0]} {vals[1]}/{vals[2]}"
            if len(vals) == 2:
                return f"{vals[0]}/{vals[1]}"
            return f"1/{vals[0]}" if vals else ""
        if verb == "sortname":
            return " ".join(v for v in vals[:2] if v)
        if verb == "ill":
            lt = self.named(c, "lt")
            return self.value(c, lt) if lt else (vals[0] if vals else "")
        return ""

    def format_date(self, parts: list[str]) -> str:
        """Year, month, day as the language writes them; no part that the page did not give."""
        parts = [p.strip() for p in parts]
        if not parts or not parts[0]:
            return ""
        year = parts[0]
        month = parts[1] if len(parts) > 1 else ""
        day = parts[2] if len(parts) > 2 else ""
        if not month:
            return year
        # len() first: int() of a digit run over 4300 digits raises ValueError
        if not (month.isdecimal() and len(month) <= 2 and 1 <= int(month) <= 12) or not self.lang.month_names:
            return "-".join(p for p in (year, month, day) if p)
        mname = self.lang.month_names[int(month) - 1]
        if day.isdecimal() and len(day) <= 2:
            return f"{int(day)} {mname} {year}"
        if day.isdecimal():
            return "-".join((year, month, day))
        return f"{mname} {year}"

    def _unknown(self, c: Node, name: str, out: Out) -> None:
        self.unknown[name] = self.unknown.get(name, 0) + 1
        arg = self.pos_args(c).get(1)
        if arg is not None and self._texty(self.raw(c, arg)):
            self.render_range(c, arg.start, arg.end, out)
            out.touch(c.start, c.end)
            self.scan(c, skip=(arg.start, arg.end))
        else:
            self.scan(c)

    def _texty(self, raw: str) -> bool:
        if not raw or not any(ch.isalpha() for ch in raw):
            return False
        low = raw.lower()
        if _HEX_COLOR.match(raw) or _SIZE.match(low) or low in _LAYOUT_WORDS:
            return False
        return not low.endswith(tuple(self.lang.image_suffixes))

    def _flag_file(self, name: str) -> str:
        """'Flag of Hesse.svg' -> 'Hesse' (image suffix and LangTable.flag_prefixes stripped, as the
        HTML reader does for a flag image's file name)."""
        name = _WS.sub(" ", name.replace("_", " ")).strip()
        if ":" in name:
            name = name.split(":", 1)[1].strip()
        low = name.lower()
        for suffix in self.lang.image_suffixes:
            if suffix and low.endswith(suffix.lower()):
                name = name[: -len(suffix)].rstrip()
                break
        low = name.lower()
        for prefix in sorted((p for p in self.lang.flag_prefixes if p), key=len, reverse=True):
            if low.startswith(prefix.lower()) and len(name) > len(prefix):
                name = name[len(prefix) :]
                break
        return name.strip()

    def _alias(self, value: str) -> str:
        return self._aliases.get(value.lower(), value)

    def _flag(self, c: Node, out: Out) -> None:
        name_arg = self.named(c, "name", "text")
        if name_arg is not None:
            self.render_range(c, name_arg.start, name_arg.end, out)
            out.touch(c.start, c.end)
            return
        arg = self.pos_args(c).get(1)
        if arg is not None:
            out.text(self._alias(self.raw(c, arg)), c.start, c.end)

    def _list(self, c: Node, out: Out) -> None:
        title = self.named(c, "title")
        if title is not None:
            out.brk()
            self.render_range(c, title.start, title.end, out, line_start=True)
        pos = self.pos_args(c)
        for i in sorted(pos):
            arg = pos[i]
            out.brk()
            self.render_range(c, arg.start, arg.end, out, line_start=True)
        out.brk()

    def note_parts(self, c: Node, action: str) -> tuple[str, str | None, tuple[Node, int, int] | None]:
        """Group, name and content span of a note template ({{efn}}, {{refn}}, {{#tag:ref}})."""
        _, _, group = action.partition(":")
        g = self.named(c, "group")
        if g is not None:
            group = self.raw(c, g)
        n = self.named(c, "name")
        name = self.raw(c, n) or None if n is not None else None
        # {{efn|text}}, {{refn|text}}; {{#tag:ref|text|name=..}} splits the same way ("#tag:ref" is the name)
        arg = self.pos_args(c).get(1)
        if arg is None or not self.text[arg.start : arg.end].strip():
            return group, name, None
        return group, name, (c, arg.start, arg.end)

    def _r(self, c: Node, out: Out) -> None:
        g = self.named(c, "group")
        group = self.raw(c, g) if g is not None else ""
        pos = self.pos_args(c)
        for i in sorted(pos):
            name = self.raw(c, pos[i])
            if name:
                out.text(f"[{self.refs.use(group, name, None, None)}]", c.start, c.end)

    # -- short citations
    def harv_text(self, c: Node) -> tuple[str, dict[str, str]]:
        """'Glantz 1995, p. 117' from {{sfn|Glantz|1995|p=117}} / {{harvnb|...}}, and its fields.

        Read once per node: a short ref's template is rendered, then read again for the ref's fields
        (short_only), and {{harvtxt}} reads it twice; rendering its arguments again would also count
        what they cite again."""
        found = self._harv.get(c)
        if found is None:
            found = self._harv[c] = self._harv_text(c)
        return found

    def _harv_text(self, c: Node) -> tuple[str, dict[str, str]]:
        pos = self.pos_args(c)
        vals = [self.value(c, pos[i]) for i in sorted(pos)]
        year = vals[-1] if len(vals) >= 2 and _YEAR.match(vals[-1]) else ""
        authors = vals[:-1] if year else vals
        authors = authors[:4]
        who = _join_authors(authors, self._et_al())
        text = f"{who} {year}".strip()
        label, loc = self._locator(c)
        fields = {
            "authors": "; ".join(authors),
            "date": year,
            "target": "CITEREF" + "".join(authors).replace(" ", "_") + year,
        }
        if loc:
            text += ", " + f"{label} {loc}".strip()
            fields["pages"] = loc
        return text, {k: v for k, v in fields.items() if v}

    def _harv_txt(self, c: Node) -> str:
        text, fields = self.harv_text(c)
        who = _join_authors(fields.get("authors", "").split("; "), self._et_al())
        rest = text[len(who) :].strip()
        return f"{who} ({rest})" if rest else who

    def _et_al(self) -> str:
        return self.lang.et_al[0] if self.lang.et_al else "et al."

    def _locator(self, c: Node, prefix: str = "") -> tuple[str, str]:
        """(label, value) of the page or location argument: ('p.', '117')."""
        labels = self.lang.cite_labels
        for key, label in (
            (f"{prefix}p", "page"),
            (f"{prefix}page", "page"),
            (f"{prefix}pp", "pages"),
            (f"{prefix}pages", "pages"),
            (f"{prefix}loc", ""),
        ):
            arg = self.named(c, key)
            if arg is not None:
                v = self.value(c, arg)
                if v:
                    return (labels.get(label, "") if label else ""), v
        return "", ""

    def _sfn(self, c: Node, out: Out, multi: bool) -> None:
        if multi:
            text, fields = self._sfnm_text(c)
        else:
            text, fields = self.harv_text(c)
        if not text:
            return
        key = "sfn " + text
        label = self.refs.use("", key, None, "short", text=text, span=(c.start, c.end), fields=fields)
        out.text(f"[{label}]", c.start, c.end)

    def _sfnm_text(self, c: Node) -> tuple[str, dict[str, str]]:
        pieces: list[str] = []
        for i in range(1, 10):
            authors = [self.value(c, self.named(c, f"{i}a{j}")) for j in range(1, 5)]
            authors = [a for a in authors if a]
            year = self.value(c, self.named(c, f"{i}y"))
            if not authors and not year:
                break
            piece = f"{_join_authors(authors, self._et_al())} {year}".strip()
            label, loc = self._locator(c, str(i))
            pieces.append(piece + (", " + f"{label} {loc}".strip() if loc else ""))
        return "; ".join(pieces), {}

    def short_only(self, node: Node, a: int, b: int) -> dict[str, str] | None:
        """Fields of the short citation when [a, b) holds only harv templates (a 'short' ref)."""
        fields: dict[str, str] | None = None
        for c in self.page.kids(node, a, b):
            if c.kind == "comment":
                continue
            action = self.action(c) if c.kind == "template" else None
            if action is None or not action.startswith("harv"):
                return None
            if fields is None:
                fields = self.harv_text(c)[1]
        if fields is None:
            return None
        for g0, g1 in self.page.gaps(node, a, b):
            if self.text[g0:g1].strip(" \t\n.,;:"):
                return None
        return fields

    # -- citation templates
    def _cite(self, c: Node, out: Out, name: str) -> None:
        params: dict[str, str] = {}
        for arg in self.page.split(c)[1]:
            if not arg.positional and arg.end > arg.start:
                v = self.value(c, arg)
                if v:
                    params[arg.name] = v
        text, fields = self.cite_text(params, name)
        if self.cite_sink is not None:
            self.cite_sink.append(fields)
        out.text(text, c.start, c.end)

    def cite_text(self, p: dict[str, str], template: str) -> tuple[str, dict[str, str]]:
        """A CS1-style rendering of a citation template and its fields (the HTML reader's keys)."""

        def get(*keys: str) -> str:
            for k in keys:
                if p.get(k):
                    return p[k]
            return ""

        authors: list[str] = []
        lasts: list[str] = []
        present = p.keys()
        for last_keys, first_keys, author_key, named in _AUTHOR_KEYS:
            if present.isdisjoint(named):
                continue
            last = get(*last_keys)
            first = get(*first_keys)
            if last:
                lasts.append(last)
                authors.append(f"{last}, {first}" if first else last)
            elif get(author_key):
                authors.append(get(author_key))
                lasts.append(get(author_key).split(",")[0])
        if not authors and get("authors"):
            authors = [get("authors")]
        date = get("date", "year")
        title = get("title", "script-title", "trans-title")
        chapter = get("chapter", "contribution", "entry", "article")
        work = get(
            "work",
            "website",
            "newspaper",
            "journal",
            "magazine",
            "periodical",
            "encyclopedia",
            "encyclopaedia",
            "dictionary",
        )
        labels = self.lang.cite_labels
        page = get("page", "p", "at")
        pages = get("pages", "pp")
        q0, q1 = self.lang.quote_pairs[0] if self.lang.quote_pairs else ('"', '"')
        fields: dict[str, str] = {
            "title": title,
            "chapter": chapter,
            "work": work,
            "date": date,
            "publisher": get("publisher", "agency", "institution"),
            "place": get("location", "place", "publication-place"),
            "isbn": get("isbn", "isbn13"),
            "pages": pages or page,
            "volume": get("volume"),
            "issue": get("issue", "number"),
            "series": get("series"),
            "url": get("url", "chapter-url", "chapterurl"),
            "archive_url": get("archive-url", "archiveurl"),
            "archive_date": get("archive-date", "archivedate"),
            "accessed": get("access-date", "accessdate"),
            "quote": get("quote"),
            "authors": "; ".join(authors),
            "template": template,
        }
        if lasts:
            fields["citeref"] = "CITEREF" + "".join(lasts[:4]).replace(" ", "_") + date[-4:] if date else ""
        parts: list[str] = []
        head = "; ".join(authors)
        if date:
            head = f"{head} ({date})" if head else date
        if head:
            parts.append(head)
        if chapter:
            parts.append(f"{q0}{chapter}{q1}")
        if title:
            parts.append(title if template.endswith("book") and not chapter else f"{q0}{title}{q1}")
        for key in ("work", "series", "place", "publisher"):
            if fields[key]:
                parts.append(fields[key])
        if fields["volume"]:
            parts.append(f"{labels.get('volume', '')} {fields['volume']}".strip())
        if fields["issue"]:
            parts.append(f"{labels.get('issue', '')} {fields['issue']}".strip())
        if pages or page:
            lab = labels.get("pages" if pages else "page", "")
            parts.append(f"{lab} {pages or page}".strip())
        if fields["isbn"]:
            parts.append(f"{labels.get('isbn', 'ISBN')} {fields['isbn']}")
        if fields["archive_date"] and self.lang.archived:
            parts.append(f"{self.lang.archived[0]} {fields['archive_date']}")
        if fields["accessed"] and self.lang.retrieved:
            parts.append(f"{self.lang.retrieved[0]} {fields['accessed']}")
        text = ". ".join(x.rstrip(".") for x in parts)
        if fields["quote"]:
            text += f". {q0}{fields['quote']}{q1}"
        return (text + "." if text and not text.endswith((".", q1)) else text), {
            k: v for k, v in fields.items() if v
        }

    # -- references in markup that is not shown as text
    def scan(self, node: Node, skip: tuple[int, int] | None = None) -> None:
        """Number the references inside `node` that MediaWiki would number (text not kept)."""
        if self._depth > _MAX_DEPTH:
            self.overflow = True
            return
        self._depth += 1
        try:
            self._scan(node, skip)
        finally:
            self._depth -= 1

    def _scan(self, node: Node, skip: tuple[int, int] | None) -> None:
        for c in node.children:
            if skip is not None and c.start >= skip[0] and c.end <= skip[1]:
                continue
            if c.kind == "comment":
                continue
            if c.kind == "ext":
                if c.tag == "ref":
                    self.refs.ref_tag(c, _NULL)
                elif c.tag != "references":
                    self.scan(c)
                continue
            if c.kind == "template":
                action = self.action(c)
                verb = action.split(":", 1)[0] if action else None
                if verb in _REF_ACTIONS:
                    self.template(c, _NULL)
                    continue
                if verb == "drop":
                    continue
            self.scan(c)

    def scan_range(self, parent: Node, a: int, b: int) -> None:
        for c in self.page.kids(parent, a, b):
            if c.kind == "comment":
                continue
            holder = Node("root", c.start, c.end, children=[c], starts=[c.start])
            self.scan(holder)


def _author_keys(i: str) -> tuple[tuple[str, ...], tuple[str, ...], str, frozenset[str]]:
    lasts = (f"last{i}", f"surname{i}", f"author{i}-last", f"author-last{i}")
    firsts = (f"first{i}", f"given{i}", f"author{i}-first", f"author-first{i}")
    return lasts, firsts, f"author{i}", frozenset((*lasts, f"author{i}"))


_AUTHOR_KEYS = tuple(_author_keys(i) for i in ("", "1", "2", "3", "4", "5", "6", "7", "8", "9"))
"""Per author number: citation parameters of the surname, the given name, the whole name, and
the names that make the author present at all (a given name alone does not)."""


def _join_authors(authors: list[str], et_al: str) -> str:
    authors = [a for a in authors if a]
    if len(authors) >= 4:
        return f"{authors[0]} {et_al}"
    if len(authors) >= 2:
        return ", ".join(authors[:-1]) + " & " + authors[-1]
    return authors[0] if authors else ""


def _convert(vals: list[str]) -> str:
    """{{convert|2|to|5|km|mi}} -> '2 to 5 km' (the value as given, its unit, no conversion)."""
    vals = [v for v in vals]
    if not vals or not _NUMBER.match(vals[0].replace(" ", "")):
        return " ".join(vals[:1])
    out = [vals[0]]
    i = 1
    while i + 1 < len(vals) and _NUMBER.match(vals[i + 1]) and not _NUMBER.match(vals[i]):
        joiner = vals[i]
        if joiner in ("-", "–"):
            out[-1] += "–" + vals[i + 1]
        else:
            out += [joiner, vals[i + 1]]
        i += 2
    unit = vals[i] if i < len(vals) and not _NUMBER.match(vals[i]) else ""
    return " ".join(out) + (f" {unit}" if unit else "")


def _coord(vals: list[str]) -> str:
    """{{coord|48|42|N|44|31|E}} -> '48°42′N 44°31′E'; {{coord|50.408|-4.667}} -> '50.408°N 4.667°W'."""
    vals = [v.strip() for v in vals if "=" not in v and ":" not in v]
    hem = [i for i, v in enumerate(vals) if v.upper() in ("N", "S", "E", "W")]
    if len(hem) >= 2 and 1 <= hem[0] <= 3 and hem[1] - hem[0] - 1 in (1, 2, 3):
        lat = vals[: hem[0]]
        lon = vals[hem[0] + 1 : hem[1]]
        return f"{_dms(lat)}{vals[hem[0]].upper()} {_dms(lon)}{vals[hem[1]].upper()}"
    nums = [v for v in vals if _NUMBER.match(v.replace("−", "-"))]
    if len(nums) >= 2:
        la, lo = nums[0].replace("−", "-"), nums[1].replace("−", "-")
        ns = "S" if la.startswith("-") else "N"
        ew = "W" if lo.startswith("-") else "E"
        return f"{la.lstrip('-+')}°{ns} {lo.lstrip('-+')}°{ew}"
    return ""


def _dms(parts: list[str]) -> str:
    marks = ("°", "′", "″")
    return "".join(p + marks[i] for i, p in enumerate(parts[:3]) if p)
