"""Citation markers inside text: `[6]`, `[a]`, `[note 1]`, `[nb 1]`, and maintenance tags.

`cut(text)` returns the text with markers removed, the reference ids in order, and the
maintenance tags found, so names and sentences never keep a `[6]` or `[citation needed]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang.base import LangTable, per_table

# A marker is short and bracketed; the body never holds brackets, so matching is linear.
# "[i]t was" is an editor's bracket inside a quote, not a marker: a marker is never followed by a letter
_MARKER = re.compile(r"\[([^\[\]\n]{1,40})\](?![^\W\d_])")
_REF_ID = re.compile(
    r"^(?:\d{1,4}|[a-z]|(?:note|nb|n|notes|lower-alpha|upper-alpha|Note|Notes|N|Nb)\s?\d{1,3}|[A-Z])$"
)
_EDIT = frozenset({"edit", "", "edit source"})


@dataclass(init=False, slots=True)
class Marker:
    """One marker found in a text (read-only: not frozen only because a frozen dataclass is several
    times slower to build, and a page has hundreds)."""

    start: int
    end: int
    kind: str  # "ref" | "tag" | "edit"
    value: str

    def __init__(self, start: int, end: int, kind: str, value: str) -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.value = value


@per_table
def _tags(lang: LangTable) -> tuple[frozenset[str], tuple[str, ...]]:
    """The maintenance tags lowercased, and those long enough to match as a prefix."""
    tags = frozenset(t.lower() for t in lang.maintenance_tags)
    return tags, tuple(t for t in tags if len(t) > 6)


def find(text: str, lang: LangTable) -> list[Marker]:
    """Every citation or maintenance marker in `text`, in order."""
    if "[" not in text:
        return []
    tags, prefixes = _tags(lang)
    out: list[Marker] = []
    for m in _MARKER.finditer(text):
        body = m.group(1).strip()
        if body.isdecimal() and len(body) <= 4:  # the usual `[6]`: what _REF_ID matches first
            out.append(Marker(m.start(), m.end(), "ref", body))
            continue
        if _REF_ID.match(body):
            out.append(Marker(m.start(), m.end(), "ref", normalise_id(body)))
            continue
        low = body.lower()
        if low in tags or low.rstrip("?") + "?" in tags or low.startswith(prefixes):
            out.append(Marker(m.start(), m.end(), "tag", body))
        elif low in _EDIT:
            out.append(Marker(m.start(), m.end(), "edit", body))
    return out


def normalise_id(body: str) -> str:
    """`note 1`, `nb 1`, `Notes 1` keep their words (they are distinct lists); spacing is folded."""
    return " ".join(body.split())


@dataclass(init=False, slots=True)
class Cut:
    """A text without its markers (read-only, not frozen for the reason Marker is not)."""

    text: str
    refs: list[str]
    tags: list[str]

    def __init__(self, text: str, refs: list[str], tags: list[str]) -> None:
        self.text = text
        self.refs = refs
        self.tags = tags


def cut(text: str, lang: LangTable) -> Cut:
    """Remove markers from `text`; return the clean text (spaces folded), ref ids and tags."""
    markers = find(text, lang)
    if not markers:
        return Cut(_fold(text), [], [])
    parts: list[str] = []
    refs: list[str] = []
    tags: list[str] = []
    pos = 0
    for mk in markers:
        parts.append(text[pos : mk.start])
        pos = mk.end
        if mk.kind == "ref":
            if mk.value not in refs:
                refs.append(mk.value)
        elif mk.kind == "tag":
            tags.append(mk.value)
    parts.append(text[pos:])
    return Cut(_fold("".join(parts)), refs, tags)


_FOLD = re.compile(r"[ \t\u00a0\u202f]+")
_FOLDED = ("  ", "\t", "\u00a0", "\u202f")
"""Text with none of these has nothing to fold: four substring tests are cheaper than the regex."""


def _fold(text: str) -> str:
    if not any(s in text for s in _FOLDED):
        return text.strip()
    return _FOLD.sub(" ", text).strip()
