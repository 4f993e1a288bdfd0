"""Grouping the lines of a figure cell into items: a row may wrap over several lines."""

from __future__ import annotations

import re

from ..document import Seg

_SPACE = " \t\u00a0\u202f\u200b"
_JOINING_END = re.compile(r"(?:\b(?:and|or|of|in|at|by|from|with|including|et|ou|و)|[,;:–-])$", re.I)


def group_lines(lines: list[Seg], source: str) -> list[tuple[Seg, bool]]:
    """Items of a cell with whether a blank line came before each.

    A line continues the previous item when it starts in lower case or with "(", or when the
    previous line ends with a joining word ("13 killed and" / "48 wounded").
    """
    items: list[list[Seg]] = []
    gaps: list[bool] = []
    gap = False
    for line in lines:
        text = line.text.strip(_SPACE)
        if not text:
            gap = True
            continue
        if items and not gap and _continues(items[-1][-1].text.strip(_SPACE), text):
            items[-1].append(line.strip(_SPACE))
            continue
        items.append([line.strip(_SPACE)])
        gaps.append(gap)
        gap = False
    return [(Seg.join(group, source), g) for group, g in zip(items, gaps, strict=False)]


def _continues(prev: str, text: str) -> bool:
    first = text[:1]
    if first == "(" or (first.isalpha() and first.islower()):
        return True
    return bool(_JOINING_END.search(_strip_trailing_markers(prev).rstrip()))


# Trailing citation markers, matched on the reversed text: anchored there, so linear, where
# `(?:\[..\])+$` searched forward is quadratic on a long run of markers.
_TRAILING_MARKERS_REVERSED = re.compile(r"(?:\][^\[\]]{1,40}\[)+")


def _strip_trailing_markers(text: str) -> str:
    m = _TRAILING_MARKERS_REVERSED.match(text[::-1])
    return text[: len(text) - m.end()] if m else text
