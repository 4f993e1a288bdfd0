"""Side assignment on evidence.

Where the copy kept columns, the column decides. Where it lost them, the page itself decides:
belligerent names, the acronyms and aliases the page defines, and where those are silent, a
monotone walk through the items (columns are flattened in order) that breaks where the line
shape changes. Items placed without their own evidence get an `ambiguous-side` warning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..lang.base import LangTable, per_table

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
# a defined alias: "(ACRONYM)" after a space, the name before it up to ten words (`\w`, ' ’ -)
# joined by spaces, from its first capitalised one; the acronym is found first and the name read
# backwards from it (a regex tried at every capital before it cost 40 us an acronym)
_ALIAS_TAIL = re.compile(r"\([A-Z][A-Za-z-]{1,11}\)")
_ALIAS_REACH = 600  # ten words of a name before its "(ACRONYM)"
_ALIAS_WORDS = 10
_NAME_SPACE = " \u00a0"


@dataclass
class SideNames:
    """What names each side, for matching item text to a side."""

    names: dict[int, list[str]] = field(default_factory=dict)
    aliases: dict[int, set[str]] = field(default_factory=dict)
    stems: dict[int, set[str]] = field(default_factory=dict)

    def add(self, side: int, name: str, lang: LangTable) -> None:
        self.names.setdefault(side, []).append(name)
        aliases = self.aliases.setdefault(side, set())
        acronym = initials(name, lang)
        if len(acronym) >= 2:
            aliases.add(acronym)
        generic = set(lang.generic_name_words)
        heads = [w for w in _WORD.findall(name) if w[:1].isupper() and w.lower() not in generic]
        if len(heads) == 1 and len(heads[0]) >= lang.demonym_min_prefix:
            self.stems.setdefault(side, set()).add(heads[0][: lang.demonym_min_prefix].lower())

    def add_defined_aliases(self, text: str) -> None:
        """Aliases the page defines: "Islamic State of Iraq and the Levant (ISIL)"."""
        done = 0
        for tail in _ALIAS_TAIL.finditer(text):
            end = tail.end()
            if end <= done or tail.start() == 0 or text[tail.start() - 1] not in _NAME_SPACE:
                continue
            span = _name_before(text, max(done, end - _ALIAS_REACH), tail.start())
            if span is None:
                continue
            done = end
            full, alias = text[span[0] : span[1]], text[tail.start() + 1 : end - 1]
            for side, names in self.names.items():
                if any(full.endswith(n) or n.endswith(full) for n in names if len(n) >= 6):
                    self.aliases.setdefault(side, set()).add(alias)

    def match(self, text: str, lang: LangTable) -> int | None:
        """The one side `text` names, or None (no name, or names of two sides)."""
        text = _drop_opponents(text, lang)
        if not text:
            return None
        hits: set[int] = set()
        words = _WORD.findall(text)
        word_set = set(words)
        low = text.lower()
        for side, names in self.names.items():
            if any(len(n) >= 3 and _contains(low, n.lower()) for n in names):
                hits.add(side)
                continue
            if any(a in word_set for a in self.aliases.get(side, ())):
                hits.add(side)
                continue
            stems = self.stems.get(side, set())
            if stems and any(
                w[:1].isupper() and w[: lang.demonym_min_prefix].lower() in stems for w in words
            ):
                hits.add(side)
        return hits.pop() if len(hits) == 1 else None


def _name_before(text: str, lo: int, paren: int) -> tuple[int, int] | None:
    """(start, end) of the name that the spaces before `paren` close: the longest run of up to ten
    words joined by spaces, starting at or after `lo`, whose first word is capitalised; None if
    there is none. A name read so ends at this acronym, never an earlier one: an earlier acronym's
    name was taken then (and `lo` moved past it) or never stood in reach."""
    j = paren
    while j > lo and text[j - 1] in _NAME_SPACE:
        j -= 1
    end = j
    start = None
    for _ in range(_ALIAS_WORDS):
        k = j
        while k > lo and _name_char(text[k - 1]):
            k -= 1
        if k == j or (k > 0 and _name_char(text[k - 1])):
            break  # no word, or one that starts before lo
        if "A" <= text[k] <= "Z":
            start = k
        j = k
        while j > lo and text[j - 1] in _NAME_SPACE:
            j -= 1
        if j == k:
            break
    return None if start is None else (start, end)


def _name_char(c: str) -> bool:
    r"""`[\w'’-]`: str.isalnum is the test behind `\w`."""
    return c.isalnum() or c in "_'’-"


def _contains(hay: str, needle: str) -> bool:
    i = hay.find(needle)
    while i >= 0:
        before = hay[i - 1] if i else " "
        j = i + len(needle)
        after = hay[j] if j < len(hay) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        i = hay.find(needle, i + 1)
    return False


@per_table
def _opponent_pattern(lang: LangTable) -> re.Pattern[str] | None:
    """`lang.opponent_markers` as one pattern, built once per table (it is tried on every item)."""
    pattern = None
    if lang.opponent_markers:
        alts = "|".join(re.escape(m) for m in sorted(lang.opponent_markers, key=len, reverse=True))
        pattern = re.compile(rf"(?i)(?<![\w])(?:{alts})(?![\w])")
    return pattern


def _drop_opponents(text: str, lang: LangTable) -> str:
    """Cut the part of a text that names the opponent: "Battle against ISIL", "executed by ISIL"."""
    pattern = _opponent_pattern(lang)
    m = pattern.search(text) if pattern is not None else None
    return text[: m.start()] if m else text


def initials(name: str, lang: LangTable) -> str:
    """ "Shura Council of Mujahideen in Derna" -> "SCMD"; one-word names have none."""
    skip = {w.lower() for w in lang.function_words}
    words = [w for w in _WORD.findall(name) if w.lower() not in skip]
    if len(words) < 2:
        return ""
    return "".join(w[0].upper() for w in words if w[0].isalpha())


@dataclass(init=False)
class Placement:
    """Where an item goes (`__init__` written out: a generated one stays interpreted under mypyc)."""

    side: int
    sure: bool

    def __init__(self, side: int, sure: bool) -> None:
        self.side = side
        self.sure = sure


def place(
    evidence: Sequence[int | None],
    breaks: Sequence[float],
    sides: int,
) -> list[Placement]:
    """Monotone side placement of flattened items.

    `evidence[i]` is the side item i names (or None); `breaks[i]` the cost of a column break
    just before item i (low at a blank line or a change of line shape). Minimises evidence
    misses (weight 5) plus break costs; a jump over a side costs extra, so sides are not skipped
    without reason. An item is `sure` when it has its own evidence or sits between evidence for
    its side on both hands.
    """
    n = len(evidence)
    if n == 0 or sides <= 1:
        return [Placement(1, sides <= 1 or e == 1) for e in evidence]
    inf = float("inf")
    cost = [[inf] * (sides + 1) for _ in range(n)]
    back = [[0] * (sides + 1) for _ in range(n)]

    def jump(a: int, b: int, i: int) -> float:
        return 0.0 if a == b else (b - a) * breaks[i] + 0.5 * (b - a - 1)

    for s in range(1, sides + 1):
        cost[0][s] = jump(1, s, 0) + _miss(evidence[0], s)
    for i in range(1, n):
        for s in range(1, sides + 1):
            best, arg = inf, 1
            for p in range(1, s + 1):
                c = cost[i - 1][p] + jump(p, s, i)
                if c <= best + 1e-9:  # on a tie, break as early as the evidence allows
                    best, arg = min(c, best), p
            cost[i][s] = best + _miss(evidence[i], s)
            back[i][s] = arg
    s = min(range(1, sides + 1), key=lambda k: (cost[n - 1][k], k))
    path = [0] * n
    for i in range(n - 1, -1, -1):
        path[i] = s
        s = back[i][s] if i else s
    out: list[Placement] = []
    for i, side in enumerate(path):
        if evidence[i] == side:
            out.append(Placement(side, True))
            continue
        before = next((evidence[j] for j in range(i - 1, -1, -1) if evidence[j] is not None), None)
        after = next((evidence[j] for j in range(i + 1, n) if evidence[j] is not None), None)
        out.append(Placement(side, evidence[i] is None and before == side and after == side))
    return out


def _miss(ev: int | None, side: int) -> float:
    return 0.0 if ev is None or ev == side else 5.0


def break_cost(gap_before: bool, inline_break: bool, shape_changed: bool) -> float:
    if inline_break:
        return 0.1
    if gap_before:
        return 0.3
    if shape_changed:
        return 0.6
    return 1.0
