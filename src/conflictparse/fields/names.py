"""Names in infobox cells: belligerents and units (Party), commanders (rank, role, status).

Works on the lines of one cell as Segs, so each item keeps its span. Flag alt-text that doubles a
name ("Egypt Egypt"), citation markers and status markers never stay inside a name.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

from ..document import Seg
from ..lang.base import LangTable
from ..models import Commander, Party, Status
from . import citations

_SPACE = " \t\u00a0\u202f\u200b\ufeff"
_BULLET = re.compile(r"^[•*·▪‣◦\-–][\s\u00a0]+")
_SPACES = re.compile(r"[\s\u00a0\u202f\u200b]+")
_TRAILING_PAREN = re.compile(r"^(.*?)\s*\(([^()]{1,200})\)$")
_LABELLED = re.compile(r"^[^\s:]{1,20}:\s")
# a name starts again after a citation marker and a space: "ISIL[3] Shura Council ..."
_INLINE_SPLIT = re.compile(r"\][ \u00a0]+(?=[^\s\[(])")


@dataclass(init=False)
class Parsed:
    """One item read from a cell, with what side inference needs (`__init__` written out: a
    generated one stays interpreted under mypyc)."""

    value: Party | Commander
    seg: Seg
    evidence: str
    """Text that may name a side (role, prefix); never the opponent part ("against X")."""
    line: int
    """Index of the item's first line in the cell, for position-based side inference."""
    gap_before: bool
    inline_break: bool
    """The item shares a line with the previous one (a flattened column boundary)."""
    shape: str
    hints: list[str]

    def __init__(
        self,
        value: Party | Commander,
        seg: Seg,
        evidence: str,
        line: int,
        gap_before: bool = False,
        inline_break: bool = False,
        shape: str = "",
        hints: list[str] | None = None,
    ) -> None:
        self.value = value
        self.seg = seg
        self.evidence = evidence
        self.line = line
        self.gap_before = gap_before
        self.inline_break = inline_break
        self.shape = shape
        self.hints = [] if hints is None else hints


def clean_name(text: str) -> str:
    """Fold spaces, drop bullets and flag alt-text doubling ("Egypt Egypt" -> "Egypt")."""
    text = _SPACES.sub(" ", text).strip(" ,;")
    text = _BULLET.sub("", text).strip()
    words = text.split(" ")
    n = len(words)
    if n >= 2 and n % 2 == 0 and words[: n // 2] == words[n // 2 :]:
        text = " ".join(words[: n // 2])
    return text


def parse_parties(lines: list[Seg], lang: LangTable) -> list[Parsed]:
    """Belligerents or units: one Party per line, or per name where a line holds several."""
    out: list[Parsed] = []
    note: str | None = None
    gap = False
    for idx, line in enumerate(lines):
        if not line.text.strip(_SPACE):
            gap = True
            continue
        pieces = _split_inline(line)
        for n, piece in enumerate(pieces):
            cut = citations.cut(piece.text, lang)
            text = clean_name(cut.text)
            if not text:
                if cut.refs and out:
                    out[-1].value.refs.extend(r for r in cut.refs if r not in out[-1].value.refs)
                continue
            if text.endswith(":") and len(text) < 60:
                note = text.rstrip(":").strip()
                continue
            name, paren = _trailing_paren(text)
            if not name and paren and out:
                prev = out[-1].value
                if isinstance(prev, Party):
                    prev.note = paren if prev.note is None else f"{prev.note}; {paren}"
                continue
            party = Party(
                name=name or text,
                refs=cut.refs,
                note=paren if paren else note,
                span=piece.strip(_SPACE).span,
            )
            out.append(
                Parsed(
                    party,
                    piece.strip(_SPACE),
                    evidence=text,
                    line=idx,
                    gap_before=gap and n == 0,
                    inline_break=n > 0,
                    shape=_shape(line.text),
                )
            )
            gap = False
    return out


def _split_inline(line: Seg) -> list[Seg]:
    cuts = [m.start() + 1 for m in _INLINE_SPLIT.finditer(line.text)]
    if not cuts:
        return [line]
    bounds = [0, *cuts, len(line.text)]
    return [line.sub(a, b) for a, b in itertools.pairwise(bounds) if line.text[a:b].strip(_SPACE)]


def _trailing_paren(text: str) -> tuple[str, str | None]:
    m = _TRAILING_PAREN.match(text)
    if not m:
        return text, None
    return m.group(1).strip(), m.group(2).strip()


def _shape(text: str) -> str:
    """A coarse line shape: columns in a flattened copy often differ in it."""
    t = text.strip(_SPACE)
    return "".join(
        (
            "b" if _BULLET.match(t) else "",
            "p" if "(" in t and not t.startswith("(") else "",
            "o" if t.startswith("(") else "",
            "d" if t[:1].isdecimal() else "",
            "c" if _LABELLED.match(t) else "",
        )
    )


# --- commanders ------------------------------------------------------------------------------


@dataclass(init=False)
class _Token:
    kind: str  # "text" | "paren" | "ref" | "status" | "gap"
    start: int
    end: int
    value: str

    def __init__(self, kind: str, start: int, end: int, value: str = "") -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.value = value


@cache
def _status_regex(markers: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    alts = []
    for marker, _ in sorted(markers, key=lambda kv: -len(kv[0])):
        esc = re.escape(marker)
        alts.append(esc if not marker[:1].isalnum() else rf"\b{esc}\b")
    return re.compile("|".join(alts)) if alts else re.compile(r"(?!x)x")


@cache
def _rank_regex(ranks: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(r) for r in sorted(ranks, key=len, reverse=True))
    return re.compile(rf"^(?:{alts})(?=\s|$)") if alts else re.compile(r"(?!x)x")


def parse_commanders(lines: list[Seg], lang: LangTable, source: str = "") -> tuple[list[Parsed], list[Seg]]:
    """Commanders of one cell, and the orphan parentheticals that belong to no name.

    A parenthetical after a name (same line or the next) is its role, unless it is a status
    marker; a line holding only a rank ("Brig. Gen.") is the rank of the next name.
    """
    markers = tuple(lang.status_markers.items())
    status_of = {k.lower(): v for k, v in lang.status_markers.items()}
    status_rx = _status_regex(markers)
    rank_rx = _rank_regex(lang.ranks)
    out: list[Parsed] = []
    orphans: list[Seg] = []
    pending_rank: tuple[str, Seg] | None = None
    gap = False
    for idx, line in enumerate(lines):
        if not line.text.strip(_SPACE):
            gap = True
            continue
        new_on_line = 0
        for tok in _tokenise(line.text, lang, status_rx):
            piece = line.sub(tok.start, tok.end)
            cur = out[-1] if out and isinstance(out[-1].value, Commander) else None
            if tok.kind == "ref":
                if cur is not None and tok.value not in cur.value.refs:
                    cur.value.refs.append(tok.value)
                    cur.seg = _widen(cur.seg, piece, source)
                continue
            if tok.kind == "status":
                status = status_of.get(tok.value.lower())
                if cur is not None and status is not None:
                    _add_status(cur.value, status)  # type: ignore[arg-type]
                    cur.seg = _widen(cur.seg, piece, source)
                continue
            if tok.kind == "paren":
                inner = tok.value
                st = status_of.get(f"({inner})".lower())
                if cur is None or (pending_rank is not None):
                    orphans.append(piece)
                    continue
                cmd = cur.value
                assert isinstance(cmd, Commander)
                if st is not None:
                    _add_status(cmd, st)  # type: ignore[arg-type]
                else:
                    role = citations.cut(inner, lang).text
                    cmd.role = role if cmd.role is None else f"{cmd.role}; {role}"
                    cur.evidence = f"{cur.evidence} {role}"
                cur.seg = _widen(cur.seg, piece, source)
                continue
            # a run of name text
            text = clean_name(piece.text)
            if not text:
                continue
            rank_m = rank_rx.match(text)
            if rank_m and not text[rank_m.end() :].strip(" .,"):
                pending_rank = (rank_m.group(0), piece)
                continue
            rank: str | None = None
            seg = piece.strip(_SPACE)
            if pending_rank is not None:
                rank = pending_rank[0]
                seg = _widen(pending_rank[1].strip(_SPACE), seg, source)
                pending_rank = None
            elif rank_m:
                rank = rank_m.group(0)
                text = text[rank_m.end() :].strip()
            cmd = Commander(name=text, rank=rank, span=seg.span)
            out.append(
                Parsed(
                    cmd,
                    seg,
                    evidence=text,
                    line=idx,
                    gap_before=gap,
                    inline_break=new_on_line > 0,
                    shape=_shape(line.text),
                )
            )
            new_on_line += 1
            gap = False
    if pending_rank is not None:
        orphans.append(pending_rank[1])
    for item in out:
        item.value.span = item.seg.span
    return out, orphans


def _add_status(cmd: Commander, status: Status) -> None:
    if status not in cmd.status:
        cmd.status.append(status)


def _widen(a: Seg, b: Seg, source: str) -> Seg:
    """A Seg from the start of `a` to the end of `b` (exact where both are)."""
    if a.start is None or b.end is None:
        return a
    if a.exact and b.exact and source:
        return Seg(source[a.start : b.end], a.start, b.end, True)
    return Seg(a.text, a.start, max(a.end or b.end, b.end), False)


def _tokenise(text: str, lang: LangTable, status_rx: re.Pattern[str]) -> list[_Token]:
    """Split a commander line into name text, parentheticals, citation markers and status markers."""
    marks: list[_Token] = []
    for cm in citations.find(text, lang):
        marks.append(_Token("ref" if cm.kind == "ref" else "skip", cm.start, cm.end, cm.value))
    depth_start = -1
    for i, ch in enumerate(text):
        if ch == "(" and depth_start < 0:
            depth_start = i
        elif ch == ")" and depth_start >= 0:
            marks.append(_Token("paren", depth_start, i + 1, text[depth_start + 1 : i].strip()))
            depth_start = -1
    for m in status_rx.finditer(text):
        marks.append(_Token("status", m.start(), m.end(), m.group(0)))
    marks.sort(key=lambda t: (t.start, -(t.end - t.start)))
    tokens: list[_Token] = []
    pos = 0
    for mk in marks:
        if mk.start < pos:
            # a status marker written as a parenthetical, e.g. "(POW)": the status wins
            if mk.kind == "status" and tokens and tokens[-1].kind == "paren":
                prev = tokens[-1]
                if (prev.start, prev.end) == (mk.start, mk.end) or f"({prev.value})" == mk.value:
                    tokens[-1] = mk
            continue
        if mk.start > pos and text[pos : mk.start].strip(_SPACE):
            tokens.append(_Token("text", pos, mk.start))
        if mk.kind != "skip":
            tokens.append(mk)
        pos = mk.end
    if pos < len(text) and text[pos:].strip(_SPACE):
        tokens.append(_Token("text", pos, len(text)))
    return tokens
