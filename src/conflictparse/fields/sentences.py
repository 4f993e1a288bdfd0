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
from ..lang.base import LangTable, per_table

# Terminal marks of several scripts; closing quotes/brackets; short bracketed markers. Linear: the
# lookbehind starts a match only at the first mark of a run (else "....." is quadratic); the
# leading lookahead lets the engine skip every position that is neither a mark nor a line break
# (blanks before a line break are left to the caller's strip).
_BOUNDARY = re.compile(
    r"(?=[.!?؟。！？…\n])"
    r"(?:(?<![.!?؟。！？…])(?P<term>[.!?؟。！？…]+)[\"'”’»)]*(?:\[[^\[\]\n]{1,40}\])*(?P<ws>\s+)"
    r"|(?P<nl>\n\s*))"
)
_TERM, _WS, _NL = 1, 2, 3
"""_BOUNDARY's groups by number (cheaper than by name)."""
_INITIALS = re.compile(r"^(?:[^\W\d_]\.)*[^\W\d_]\.$")
_OPENERS = "\"'“‘«([{"


@per_table
def _abbreviations(lang: LangTable) -> frozenset[str]:
    out = frozenset(a.casefold() for a in lang.abbreviations)
    return out


def _no_break_after(text: str, end: int, abbrs: frozenset[str]) -> bool:
    """The full stop at text[end - 1] belongs to an abbreviation or initial."""
    # the run of non-space characters ending there: after the last blank, then any other space
    word = text[text.rfind(" ", 0, end) + 1 : end]
    if not word.isprintable():  # white space other than a blank is not printable
        word = word.split()[-1]
    word = word.lstrip(_OPENERS)
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
    size = len(text)
    for m in _BOUNDARY.finditer(text):
        nxt = m.end()
        if nxt >= size:
            break
        if text[nxt].islower():  # no sentence starts with a lowercase letter
            continue
        term_end = m.end(_TERM)
        if term_end >= 0:
            cut = m.start(_WS)
            if (
                term_end - m.start(_TERM) == 1
                and text[term_end - 1] == "."
                # "promoted to Lt Col.[1] In October 1953": a marker closes the sentence
                and text.find("[", term_end, cut) < 0
                and text.find("\n", cut, nxt) < 0
                and _no_break_after(text, term_end, abbrs)
            ):
                continue
        else:
            cut = m.start(_NL)
        _add_stripped(out, text, pos, cut)
        pos = nxt
    _add_stripped(out, text, pos, size)
    return out


def _add_stripped(out: list[tuple[int, int]], text: str, i: int, j: int) -> None:
    """text[i:j] without its outer white space, when anything is left."""
    if i < j and not text[i].isspace() and not text[j - 1].isspace():
        out.append((i, j))  # most pieces: cut between white space and a sentence's ends
        return
    piece = text[i:j]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece.rstrip())
    if trail > lead:
        out.append((i + lead, i + trail))


__all__ = ["bounds", "split"]
