"""Sentence splitting with spans.

A sentence ends at a run of terminal punctuation, then any closing quotes or brackets, then any
citation markers ("...victory parade.[37] A second ..." ends after "[37]"), then white space,
when the next sentence does not start with a lowercase letter. A full stop does not end a
sentence after a word of the language's `abbreviations` ("Gen.", "Lt. Col.", "p.", "No.") or
after initials ("D.M. Glantz", "Sidney C. Kirkman", "U.S."), unless a citation marker follows it
("promoted to Lt Col.[1] In October 1953"); a decimal point has no space after it. A line break
ends a sentence unless the next line starts with a lowercase letter.
"""

from __future__ import annotations

import re

from ..document import Seg
from ..lang.base import LangTable

# Terminal marks of several scripts; closing quotes/brackets; short bracketed markers. Linear: the
# lookbehind starts a match only at the first mark of a run (else "....." is quadratic); the
# leading lookahead lets the engine skip every position that is neither a mark nor a line break
# (blanks before a line break are left to the caller's strip).
_BOUNDARY = re.compile(
    r"(?=[.!?؟。！？…\n])"
    r"(?:(?<![.!?؟。！？…])(?P<term>[.!?؟。！？…]+)[\"'”’»)]*(?:\[[^\[\]\n]{1,40}\])*(?P<ws>\s+)"
    r"|(?P<nl>\n\s*))"
)
_INITIALS = re.compile(r"^(?:[^\W\d_]\.)*[^\W\d_]\.$")
_OPENERS = "\"'“‘«([{"

_ABBR_CACHE: dict[int, tuple[LangTable, frozenset[str]]] = {}


def _abbreviations(lang: LangTable) -> frozenset[str]:
    hit = _ABBR_CACHE.get(id(lang))
    if hit is not None and hit[0] is lang:
        return hit[1]
    out = frozenset(a.casefold() for a in lang.abbreviations)
    _ABBR_CACHE[id(lang)] = (lang, out)
    return out


def _no_break_after(text: str, end: int, abbrs: frozenset[str]) -> bool:
    """The full stop at text[end - 1] belongs to an abbreviation or initial."""
    start = end - 1
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start:end].lstrip(_OPENERS)
    if not word:
        return False
    if word.casefold() in abbrs:
        return True
    # "D.M.", "C.", "U.S." (upper-case initials); "p.m." is not shielded
    return bool(_INITIALS.match(word)) and all(c.isupper() for c in word if c.isalpha())


def split(seg: Seg, lang: LangTable) -> list[Seg]:
    """The sentences of `seg`, each a sub-Seg (so spans stay exact), stripped of outer white space."""
    return [seg.sub(i, j) for i, j in bounds(seg.text, lang)]


def bounds(text: str, lang: LangTable) -> list[tuple[int, int]]:
    """Where each sentence of `text` starts and ends, stripped of outer white space: `split`'s
    pieces as offsets, so a caller can match them to what it found in the whole text."""
    abbrs = _abbreviations(lang)
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        nxt = m.end()
        if nxt >= len(text):
            break
        if not _starts_sentence(text[nxt]):
            continue
        term = m.group("term")
        if term is not None:
            cited = "[" in text[m.end("term") : m.start("ws")]
            if (
                term == "."
                and not cited  # "promoted to Lt Col.[1] In October 1953": a marker closes the sentence
                and "\n" not in m.group("ws")
                and _no_break_after(text, m.end("term"), abbrs)
            ):
                continue
            cut = m.start("ws")
        else:
            cut = m.start("nl")
        _add_stripped(out, text, pos, cut)
        pos = nxt
    _add_stripped(out, text, pos, len(text))
    return out


def _add_stripped(out: list[tuple[int, int]], text: str, i: int, j: int) -> None:
    """text[i:j] without its outer white space, when anything is left."""
    piece = text[i:j]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece.rstrip())
    if trail > lead:
        out.append((i + lead, i + trail))


def _starts_sentence(c: str) -> bool:
    """A sentence does not start with a lowercase letter (scripts without case always may)."""
    return not c.islower()


__all__ = ["bounds", "split"]
