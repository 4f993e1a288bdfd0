"""Casualty items: '13 killed and\\n48 wounded', 'SCMD: 8 killed\\n(Battle against LNA)[14]'.

`parse_casualty(seg, lang)` reads one casualty item (one or more lines joined by "\\n") into a
`Casualty` of typed `CasualtyFigure`s, using the number grammar of `figures.py`:

- every quantity is one figure (bounds and qualifier from `find_numbers`);
- its category is the casualty word (`lang.categories`) after it in its clause, continuation lines
  included ('6 fighters\\nsentenced to death and executed' is executed 6); a number with no casualty
  word is 'casualties' (the row is a losses row), a number in parentheses with none takes its
  parent's ('202 captured (183 foreign laborers, 19 Japanese soldiers)' is three captured figures);
- one count given for several categories at once ('168 missing or wounded', '5,365
  captured/missing') is ONE figure with category 'casualties' and the categories in `covers`
  (['missing', 'wounded']): splitting it into one figure per category would repeat the count and
  double it in any sum, while 'casualties' is true of the whole count; `raw` keeps the wording;
  'total' and 'casualties' give way to a specific word ('43,633 total dead' is killed);
- `who` is the prefix before a colon on the figure's line ('SCMD: 8 killed' -> 'SCMD'), else the
  counted noun (canonical from `lang.units`: 'fighters', 'civilians', 'tanks'), else the bare words
  after the number when there is no casualty word ('41 Dakota' -> 'Dakota');
- a quantity word with no number ('Several militiamen deserted') is a figure with no bounds and
  qualifier 'unknown'; 'Unknown' or '?' alone gives no figure (raw keeps it, the caller warns),
  'unknown wounded' gives an unknown wounded figure;
- `context` holds what qualifies the whole item: parenthesised text with no number ('(Soviet est)',
  '(Battle against LNA)') and continuation lines with neither number nor casualty word ('in Sabha'),
  joined by '; '; refs are every citation id of the item, in order.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import get_args

from ..document import Seg
from ..lang.base import LangTable
from ..models import Casualty, CasualtyFigure, Category
from . import citations
from .figures import _GENERIC_CATEGORIES, Grammar, Layout, grammar, layout, norm, sub_bounds

_CATEGORIES: dict[str, Category] = {c: c for c in get_args(Category)}
_BULLETS = " \t\u00a0\u202f\x00•*·-–—▪◦|"
_LABEL_RE = re.compile(r"([^\d:\n]{1,40}?)\s*:\s*\Z")


def is_civilian(text: str, lang: LangTable) -> bool:
    """Does the row count civilians (a word of `lang.civilian_words`)?"""
    return grammar(lang).civilian.search(text) is not None


def is_joint(text: str, lang: LangTable) -> bool:
    """Is the row not tied to one side (a word of `lang.joint_words`: 'total', 'both sides')?

    A side's own 'Total: 8,852' matches too: route by this only rows outside a side column.
    """
    return grammar(lang).joint.search(text) is not None


def parse_casualty(seg: Seg, lang: LangTable, lay: Layout | None = None) -> Casualty:
    """One casualty item -> Casualty (see the module docstring for the rules); `lay`, where the
    caller already has it, is `layout(seg.text, lang)`."""
    lay = lay or layout(seg.text, lang)
    whole = seg.strip()
    labels = _labels(lay)
    own: list[Category | None] = []
    categories: list[Category] = []
    whos: list[str | None] = []
    covers: list[list[Category]] = []
    for i in range(len(lay.matches)):
        cat, joint = _category(lay, i)
        own.append(cat)
        label, label_cat = labels[i]
        p = lay.parent[i]
        final: Category = cat or (categories[p] if p is not None else None) or label_cat or "casualties"
        categories.append(final)
        whos.append(label or _who(lay, i, has_category=cat is not None))
        covers.append(joint)
    picked = [i for i, x in enumerate(lay.matches) if x.kind != "unknown" or own[i] is not None]
    figures: list[CasualtyFigure] = []
    for i in picked:
        x = lay.matches[i]
        if len(picked) == 1:
            raw = whole.text
        else:
            a, b = sub_bounds(lay, i, i == picked[0])
            raw = seg.text[a:b]
        figures.append(
            CasualtyFigure(
                raw=raw,
                category=categories[i],
                low=x.low,
                high=x.high,
                qualifier=x.qualifier,
                who=whos[i],
                covers=covers[i],
            )
        )
    if not lay.matches:
        figures.extend(_wordless(lay, whole.text))
    return Casualty(
        raw=seg.text,
        figures=figures,
        context=_context(lay),
        refs=lay.all_refs(),
        span=seg.span,
    )


def _category(lay: Layout, i: int) -> tuple[Category | None, list[Category]]:
    """Match i's own category, and the categories one joint count covers."""
    g = lay.grammar
    hits = lay.all(g.categories, lay.window_text(i, clause=True))
    cats: list[Category] = []
    kept: list[re.Match[str]] = []
    for h in hits:
        c = _CATEGORIES.get(g.category_map.get(norm(h.group()), ""))
        if c is not None and c not in cats:
            cats.append(c)
            kept.append(h)
    if len(cats) > 1:
        specific = [(c, h) for c, h in zip(cats, kept, strict=True) if c not in _GENERIC_CATEGORIES]
        if specific:
            cats = [c for c, _ in specific]
            kept = [h for _, h in specific]
    if not cats:
        return None, []
    if len(cats) == 1:
        return cats[0], []
    return "casualties", cats


def _labels(lay: Layout) -> list[tuple[str | None, Category | None]]:
    """Per match: the 'Label:' opening its line (as who, or as a category when it is one)."""
    g = lay.grammar
    out: list[tuple[str | None, Category | None]] = []
    by_line: dict[int, tuple[str | None, Category | None]] = {}
    for x in lay.matches:
        line_start = lay.line_start(x.start)
        if line_start not in by_line:
            lead = lay.masked[line_start : x.start].lstrip(_BULLETS)
            lm = _LABEL_RE.fullmatch(lead)
            found: tuple[str | None, Category | None] = (None, None)
            if lm:
                label = citations.cut(lm.group(1), g.lang).text.strip(" *'")
                cat = _CATEGORIES.get(g.category_map.get(norm(label), ""))
                if label:
                    found = (None, cat) if cat is not None else (label, None)
            by_line[line_start] = found
        out.append(by_line[line_start])
    return out


def _who(lay: Layout, i: int, *, has_category: bool) -> str | None:
    """The counted noun of match i: a unit word, else the bare words right after the number
    (up to its casualty word, its line end or a function word; casualty modifiers skipped)."""
    g = lay.grammar
    window = lay.window_text(i, clause=True)
    for hit in lay.all(g.units, window):
        if norm(hit.group()) not in g.category_map:
            return g.unit_map.get(norm(hit.group()))
    if not window or window[0][0] != lay.matches[i].end:
        return None
    a, b = window[0]
    if has_category:
        cat = g.categories.search(lay.masked, a, b)
        b = cat.start() if cat else b
    words: list[str] = []
    for w in lay.masked[a:b].split("\n", 1)[0].split():
        w = w.strip("\x00.,;:'\"")
        if not w or norm(w) in g.function_words or any(ch.isdecimal() for ch in w):
            break
        if norm(w) in g.modifiers:
            continue
        words.append(w)
        if len(words) == 4:
            break
    return " ".join(words) or None


def _wordless(lay: Layout, raw: str) -> list[CasualtyFigure]:
    """A line with no quantity at all but a casualty word: one figure without bounds."""
    g = lay.grammar
    spans = _outside_groups(lay)
    hit = lay.first(g.categories, spans)
    if hit is None:
        return []
    cat = _CATEGORIES.get(g.category_map.get(norm(hit.group()), ""))
    if cat is None:
        return []
    who: str | None = None
    for u in lay.all(g.units, spans):
        if norm(u.group()) not in g.category_map:
            who = g.unit_map.get(norm(u.group()))
            break
    return [CasualtyFigure(raw=raw, category=cat, qualifier="unknown", who=who)]


def _outside_groups(lay: Layout) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for o, c in lay.paren.pairs:
        if o < pos:
            continue
        if pos < o:
            out.append((pos, o))
        pos = c + 1
    if pos < len(lay.masked):
        out.append((pos, len(lay.masked)))
    return out


def _context(lay: Layout) -> str | None:
    g: Grammar = lay.grammar
    parts: dict[str, None] = {}
    starts = [x.start for x in lay.matches]
    pos = 0
    for o, c in lay.paren.pairs:
        if o < pos:
            continue  # nested in a group already handled
        pos = c + 1
        k = bisect_right(starts, o)
        if k < len(starts) and starts[k] < c:
            continue  # the group holds a quantity: not context
        inner = citations.cut(lay.text[o + 1 : c], g.lang).text
        if inner:
            parts.setdefault(inner)
    if lay.matches:
        first_line = lay.masked.count("\n", 0, starts[0])
        offset = 0
        for n, line in enumerate(lay.masked.split("\n")):
            a, b = offset, offset + len(line)
            offset = b + 1
            k = bisect_left(starts, a)
            if n <= first_line or (k < len(starts) and starts[k] < b):
                continue
            rest = _drop_groups(lay, a, b)
            if not rest or rest.endswith(":") or g.categories.search(rest):
                continue
            parts.setdefault(rest)
    return "; ".join(parts) or None


def _drop_groups(lay: Layout, a: int, b: int) -> str:
    """Line [a, b) without its parenthesised groups and markers, spaces folded."""
    pieces: list[str] = []
    pos = a
    pairs = lay.paren.pairs
    opens = [o for o, _ in pairs]
    for o, c in pairs[bisect_left(opens, a) : bisect_left(opens, b)]:
        if o < pos:
            continue
        pieces.append(lay.masked[pos:o])
        pos = min(b, c + 1)
    pieces.append(lay.masked[pos:b])
    text = "".join(pieces).replace("\x00", " ")
    return " ".join(text.split()).strip(" ,;.")


__all__ = ["is_civilian", "is_joint", "parse_casualty"]
