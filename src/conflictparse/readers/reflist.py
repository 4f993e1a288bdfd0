"""Cutting a plain-text reference block into entries (text-format knowledge, no field parsing).

The shapes real copies have, one entry per list item:

- numbered, with numbered back-links (Fandom / Military Wiki copies)::

      6. 6.0 6.1 6.2 6.3 Cruickshank, Paul; Robertson, Nic (18 November 2014). "ISIS comes to Libya". ...

  id "6"; back-links are the `6.k` tokens (k counted from 0), 1 when there are none. A Firefox copy of a
  Wikipedia list (`1. ^ a b Text`) is read the same way, its letters counted as back-links.
- caret (Wikipedia innerText copies)::

      ^ a b Author (date). "Title". Work. Archived from the original on X. Retrieved Y.
      ^ Glantz, p.117
      ^ ابجدCruickshank، Paul؛ ...        ^"Islamic State 'province' advances ..."

  Wikipedia numbers the list, the copy drops the numbers: ids are 1, 2, 3 in order. The letters after
  `^` are back-links (the table's `backlink_labels`, in order from the first, spaced or fused; a run
  that runs on into a word is not taken); a lone `^` is one back-link.
- plain lines (a bibliography): one line per entry, kind "bibliography", id "bib-1", "bib-2", ...
  in order, from `first_bib` (default 1; a caller with several bibliography blocks on one page
  passes the next free number, as the HTML reader numbers a page's lists through);
  `kind_hint="bibliography:further"` makes them "further-1", ....

Kinds: "note" for entries of a notes group (below), "short" for short footnotes (`Glantz, p.117`,
`Macksey 1972, pp. 121–123.`, `Roberts 2014.`), "bibliography" for plain lines, else "citation".

Notes groups. Explanatory notes are cited in the prose as `[nb 1]`, `[Notes 1]`, `[a]`, not `[1]`, and
their list is a separate numbering (innerText copies show it under a "Footnotes" or "Notes"
sub-heading, next to a "Citations" sub-heading holding the numbered list). Decisions:

- `kind_hint="note:GROUP"` says the block holds the notes of group GROUP: ids are "GROUP 1",
  "GROUP 2" (as `citations.normalise_id` writes `[nb 1]`), or "a", "b", ... for GROUP
  "lower-alpha" ("A" for "upper-alpha", "i" for "lower-roman"). `note_hint(ids)` turns the ids of the
  markers seen in the prose into that hint.
- A sub-heading line inside the block whose text the table's `section_kinds` maps to "notes"
  starts a notes part, one mapped to "references" or "bibliography" a numbered part. The entries
  before the first sub-heading are a notes part when the hint is a notes hint and either it names
  the group or a "references" sub-heading follows (Hardest Day: one note, then "Citations");
  otherwise they are numbered (a "Footnotes" section holding the `[1]`..`[11]` list is numbered).
- Without a group name, the group is read from the note markers in `source` (when given), choosing
  the group whose distinct ids are as many as the notes; failing that, ids are "note 1", "note 2".
- Sub-headings the table does not know ("Books", "Websites": a short line with no digits or
  punctuation) and lines after an "external"/"see_also"/"other" sub-heading are not entries; they
  are returned in `RefBlock.skipped`, as are lines after a marker list that do not look like a
  citation (page chrome such as a licence line).

Wrapping: a line that is not an entry start continues the entry above it when it follows it
directly (marker lists) or is indented deeper than the entry's first line (any list). With `source`
(the decoded input the lines are exact slices of) joined entries are exact slices; without it the
joined Seg is not exact and its text is the lines joined by a newline.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from ..document import RefEntry, Seg
from ..fields import citations
from ..fields.references import looks_short
from ..lang.base import LangTable

Kind = Literal["citation", "short", "bibliography", "note"]
_KINDS: frozenset[str] = frozenset({"citation", "short", "bibliography", "note"})

_SP = " \t\u00a0\u202f\u2007\u2009"
_NUMBERED = re.compile(rf"[{_SP}]*(\d{{1,4}})\.(?=[{_SP}])")
_CARET = re.compile(rf"[{_SP}]*[\^↑]")
_BULLET = re.compile(rf"[{_SP}]*[*•·▪‣◦–-][{_SP}]+")
_SUBLINK = re.compile(r"(\d{1,4})\.(\d{1,3})")
_GROUPED_ID = re.compile(r"(\S.{0,30}?) (\d{1,3})")
_SUBHEAD_BAD = re.compile(r"[\d.,;:\"“”«»()\[\]/]")


@dataclass
class RefBlock:
    entries: list[RefEntry]
    skipped: list[Seg] = field(default_factory=list)
    """Lines that are not entries: sub-headings, page chrome after the list."""
    dropped: list[Seg] = field(default_factory=list)
    """The skipped lines that are no sub-heading: for the caller to warn about."""


@dataclass
class _Hint:
    kind: str | None = None
    group: str | None = None


@dataclass
class _Pending:
    part_role: str  # "notes" | "main" | "bib"
    number: int | None
    backlinks: int
    kind: Kind
    indent: int
    segs: list[Seg]
    marker: bool


def split_entries(
    lines: list[Seg],
    lang: LangTable,
    kind_hint: str | None = None,
    source: str | None = None,
    first_bib: int = 1,
) -> list[RefEntry]:
    """The entries of a plain-text reference block (see the module doc for shapes, ids and kinds).

    `kind_hint`: None, "note", "note:GROUP", "bibliography", "bibliography:PREFIX", "citation" or
    "short" (the last two force the kind of every marker entry). `source`: the decoded input, for
    exact joins of wrapped entries and for reading the notes group from the prose markers.
    `first_bib`: the number of the first plain-line entry ("bib-1"), so that a page's several
    bibliography blocks can be numbered through as the HTML reader numbers them.
    """
    return split_block(lines, lang, kind_hint, source, first_bib).entries


def split_block(
    lines: list[Seg],
    lang: LangTable,
    kind_hint: str | None = None,
    source: str | None = None,
    first_bib: int = 1,
) -> RefBlock:
    """Like `split_entries`, also returning the lines that are not entries."""
    hint = _parse_hint(kind_hint)
    labels = tuple(_fold(lab) for lab in lang.backlink_labels if lab)
    label_chars = frozenset(c for lab in labels for c in lab)

    # pass 1: what each line is
    kinds: list[tuple[str, object]] = []
    for seg in lines:
        text = seg.text
        if not text.strip():
            kinds.append(("blank", None))
            continue
        head = _marker_head(text, labels, label_chars)
        if head is not None:
            kinds.append(("marker", head))
            continue
        sub = _subheading(text, lang)
        if sub is not None:
            kinds.append(("sub", sub))
            continue
        kinds.append(("other", None))

    # the role of the part before the first sub-heading
    later_refs = any(k == "sub" and v == "references" for k, v in kinds)
    if hint.kind == "note" and (hint.group is not None or later_refs):
        role = "notes"
    elif hint.kind is None and later_refs and _first_sub_index(kinds) > _first_marker_index(kinds):
        role = "notes"
    else:
        role = "main"

    block = RefBlock(entries=[])
    pending: list[_Pending] = []
    cur: _Pending | None = None
    counters = {"notes": 0, "main": 0}
    stopped = False
    prev_blank = True
    for seg, (what, info) in zip(lines, kinds, strict=True):
        if what == "blank":
            prev_blank = True
            continue
        if stopped:
            block.skipped.append(seg)
            block.dropped.append(seg)
            continue
        if what == "sub":
            block.skipped.append(seg)
            cur = None
            if info == "notes":
                role = "notes"
            elif info in ("references", "bibliography"):
                role = "main"
            elif info != "":
                stopped = True
            prev_blank = False
            continue
        if what == "marker":
            assert isinstance(info, tuple)
            number, backlinks, offset = info
            key = "notes" if role == "notes" else "main"
            # the first number of a part may be any; later ones run on (a gap of two is tolerated)
            if number is None or counters[key] == 0 or counters[key] < number <= counters[key] + 3:
                counters[key] = number if number is not None else counters[key] + 1
                content = seg.sub(offset).strip()
                kind: Kind
                if role == "notes":
                    kind = "note"
                elif hint.kind in ("citation", "short"):
                    kind = "citation" if hint.kind == "citation" else "short"
                else:
                    kind = "short" if looks_short(content.text, lang) else "citation"
                cur = _Pending(key, counters[key], backlinks, kind, _indent(seg.text), [content], True)
                pending.append(cur)
                prev_blank = False
                continue
        # a line that does not start an entry
        indent = _indent(seg.text)
        if cur is not None and ((cur.marker and not prev_blank) or indent > cur.indent):
            cur.segs.append(seg.strip())
        elif cur is not None and cur.marker and not _citation_like(seg.text, lang):
            block.skipped.append(seg)
            block.dropped.append(seg)
        else:
            b = _BULLET.match(seg.text)
            content = seg.sub(b.end() if b else 0).strip()
            cur = _Pending("bib", None, 0, "bibliography", indent, [content], False)
            pending.append(cur)
        prev_blank = False

    group = hint.group
    n_notes = sum(1 for p in pending if p.part_role == "notes")
    if n_notes and group is None and source is not None:
        group = _infer_group(source, lang, n_notes)
    prefix = hint.group if hint.kind == "bibliography" and hint.group else "bib"
    n_bib = first_bib - 1
    for p in pending:
        if p.part_role == "notes":
            ref_id = _group_id(group, p.number or 0)
        elif p.part_role == "main":
            ref_id = str(p.number)
        else:
            n_bib += 1
            ref_id = f"{prefix}-{n_bib}"
        block.entries.append(
            RefEntry(id=ref_id, seg=_join(p.segs, source), kind=p.kind, backlinks=p.backlinks)
        )
    return block


def note_hint(ids: Iterable[str]) -> str | None:
    """The `kind_hint` for a notes list, from the ids of the markers in the prose.

    `["1", "nb 1", "nb 2"]` -> "note:nb"; `["Notes 1"]` -> "note:Notes"; `["a", "b"]` ->
    "note:lower-alpha"; only numeric ids -> None. Several groups: the most frequent.
    """
    groups = _groups(ids)
    if not groups:
        return None
    return "note:" + groups.most_common(1)[0][0]


# --- line shapes ---------------------------------------------------------------------------------


def _marker_head(
    text: str, labels: tuple[str, ...], label_chars: frozenset[str]
) -> tuple[int | None, int, int] | None:
    """(list number or None, back-links, offset of the citation text) of an entry's first line."""
    number: int | None = None
    caret = False
    m = _NUMBERED.match(text)
    if m:
        number = int(m.group(1))
        pos = _skip_ws(text, m.end())
        c = _CARET.match(text, pos)
        if c:
            caret = True
            pos = c.end()
    else:
        c = _CARET.match(text)
        if not c:
            return None
        caret = True
        pos = c.end()
    pos = _skip_ws(text, pos)
    k, end = _sublinks(text, pos, number)
    if k:
        return number, k, end
    k, end = _letter_links(text, pos, labels, label_chars)
    if k:
        return number, k, end
    return number, 1 if (caret or number is not None) else 0, pos


def _sublinks(text: str, pos: int, number: int | None) -> tuple[int, int]:
    """Count `6.0 6.1 6.2` back-links of entry 6 from `pos`."""
    if number is None:
        return 0, pos
    k = 0
    while True:
        m = _SUBLINK.match(text, pos)
        if not m or int(m.group(1)) != number or int(m.group(2)) != k:
            break
        if m.end() < len(text) and not text[m.end()].isspace():
            break
        k += 1
        pos = _skip_ws(text, m.end())
    return k, pos


def _letter_links(
    text: str, pos: int, labels: tuple[str, ...], label_chars: frozenset[str]
) -> tuple[int, int]:
    """Count back-link labels (`a b c`, `ابجد`) in order from the first; 0 unless at least two. After
    the last label come pairs, as MediaWiki writes them: "... y z aa ab ac"."""
    k = 0
    p = pos
    fused_last = False
    n = len(labels)
    while k < n + n * n:
        lab = labels[k] if k < n else labels[(k - n) // n] + labels[(k - n) % n]
        piece = text[p : p + len(lab)]
        if len(piece) < len(lab) or _fold(piece) != lab:
            break
        q = p + len(lab)
        k += 1
        if q < len(text) and text[q].isspace():
            p = _skip_ws(text, q)
            fused_last = False
        else:
            p = q
            fused_last = True
    if k < 2:
        return 0, pos
    if fused_last and p < len(text) and _fold(text[p]) in label_chars:
        return 0, pos  # the letters run on into a word: not back-links
    return k, p


def _subheading(text: str, lang: LangTable) -> str | None:
    """The section kind of a sub-heading line, "" for a sub-heading the table does not know, else None."""
    t = text.strip(_SP)
    for suffix in lang.heading_suffixes:
        if suffix and t.endswith(suffix):
            t = t[: -len(suffix)].rstrip(_SP)
    t = t.rstrip(":").strip(_SP)
    low = t.lower()
    if low in lang.section_kinds:
        return lang.section_kinds[low]
    words = t.split()
    if 0 < len(words) <= 4 and len(t) <= 40 and t[:1].isalpha() and not _SUBHEAD_BAD.search(t):
        return ""
    return None


def _citation_like(text: str, lang: LangTable) -> bool:
    if any(ch.isdecimal() for ch in text):
        return True
    return any(o in text for o, _ in lang.quote_pairs)


# --- ids -----------------------------------------------------------------------------------------


def _parse_hint(kind_hint: str | None) -> _Hint:
    if not kind_hint:
        return _Hint()
    kind, _, group = kind_hint.partition(":")
    kind = kind.strip()
    if kind not in _KINDS:
        raise ValueError(f"unknown reference kind hint {kind_hint!r}")
    return _Hint(kind, group.strip() or None)


def _groups(ids: Iterable[str]) -> Counter[str]:
    found: dict[str, set[str]] = {}
    for ref_id in ids:
        if ref_id.isdecimal():
            continue
        m = _GROUPED_ID.fullmatch(ref_id)
        if m:
            found.setdefault(m.group(1), set()).add(ref_id)
        elif len(ref_id) == 1 and ref_id.isalpha():
            found.setdefault("lower-alpha" if ref_id.islower() else "upper-alpha", set()).add(ref_id)
    return Counter({g: len(v) for g, v in found.items()})


def _infer_group(source: str, lang: LangTable, n_notes: int) -> str | None:
    groups = _groups(_cited_ids(source, lang))
    if not groups:
        return None
    exact = [g for g, n in groups.items() if n == n_notes]
    if len(exact) == 1:
        return exact[0]
    return groups.most_common(1)[0][0]


_LAST_CITED: list[tuple[str, LangTable, list[str]]] = []


def _cited_ids(source: str, lang: LangTable) -> list[str]:
    """The ref ids cited in `source`, kept for the page's next notes list: a scan of the whole page
    per list is quadratic on a page with many lists."""
    if _LAST_CITED and _LAST_CITED[0][0] is source and _LAST_CITED[0][1] is lang:
        return _LAST_CITED[0][2]
    ids = [mk.value for mk in citations.find(source, lang) if mk.kind == "ref"]
    _LAST_CITED[:] = [(source, lang, ids)]
    return ids


def _group_id(group: str | None, n: int) -> str:
    if group is None:
        return f"note {n}"
    g = group.lower()
    if g in ("lower-alpha", "lower-latin"):
        return _alpha(n)
    if g in ("upper-alpha", "upper-latin"):
        return _alpha(n).upper()
    if g == "lower-roman":
        return _roman(n).lower()
    if g == "upper-roman":
        return _roman(n)
    return f"{group} {n}"


def _alpha(n: int) -> str:
    """CSS lower-alpha: a..z, aa, ab, ..."""
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def _roman(n: int) -> str:
    vals: list[tuple[int, str]] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")]
    vals += [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


# --- helpers -------------------------------------------------------------------------------------


def _join(segs: list[Seg], source: str | None) -> Seg:
    segs = [s for s in segs if s.text] or segs[:1]
    if len(segs) == 1:
        return segs[0]
    if source is not None:
        return Seg.join(segs, source)
    starts = [s.start for s in segs if s.start is not None]
    ends = [s.end for s in segs if s.end is not None]
    return Seg("\n".join(s.text for s in segs), min(starts) if starts else None, max(ends) if ends else None)


def _fold(s: str) -> str:
    """Drop combining marks (so 'أ' matches 'ا')."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(_SP))


def _first_sub_index(kinds: list[tuple[str, object]]) -> int:
    return next((i for i, (k, _) in enumerate(kinds) if k == "sub"), len(kinds))


def _first_marker_index(kinds: list[tuple[str, object]]) -> int:
    return next((i for i, (k, _) in enumerate(kinds) if k == "marker"), len(kinds))
