"""Which language a text is in, from the language tables alone.

Two kinds of evidence, both read from the tables so that adding a language is adding a table:
1. script: letters are counted per `LangTable.script` (`\\p{Arabic}`, `\\p{Latin}`); the script with
   most letters wins, and a language that is alone in its script is decided there;
2. words: among languages that share the winning script, each word of the text that is a stopword,
   month or weekday of exactly one of them scores a point for it, and a line that starts with an
   infobox label of exactly one of them scores two. Words several candidates share score nothing.

`paragraph_languages` decides each paragraph on its own and lets a paragraph with too little
evidence (a short line, a name) take the language of its nearest decided neighbour.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from . import LANGUAGES, get
from .base import LangTable

_WORD = regex.compile(r"\p{L}+")
_SCAN_LIMIT = 200_000
"""Characters looked at: evidence is plentiful long before that, and inputs can be megabytes."""
_LABEL_WEIGHT = 2
_MIN_EVIDENCE = 2
"""Word points a paragraph needs, and its lead over the runner-up, to be decided on its own."""


@dataclass(frozen=True)
class _Lexicon:
    code: str
    script: regex.Pattern[str]
    """Runs of the script's letters (counted by their lengths: far fewer matches than letters)."""
    script_name: str
    words: frozenset[str]
    labels: tuple[str, ...]


@cache
def _lexicons() -> tuple[_Lexicon, ...]:
    out: list[_Lexicon] = []
    for code in LANGUAGES:
        table = get(code)
        if table.code != code:  # no table yet: `get` fell back to another language
            continue
        out.append(_lexicon(table))
    return tuple(out)


def _lexicon(table: LangTable) -> _Lexicon:
    words = {w.lower() for w in table.stopwords}
    words |= {m.lower() for m in table.months if " " not in m and len(m) > 2}
    words |= {d.lower() for d in table.weekdays}
    return _Lexicon(
        code=table.code,
        script=regex.compile(rf"\p{{{table.script}}}+"),
        script_name=table.script,
        words=frozenset(words),
        labels=tuple(sorted({label.lower() for label in table.labels}, key=len, reverse=True)),
    )


@dataclass(frozen=True)
class Evidence:
    """What `detect_language` saw: the winning script and each candidate's points."""

    language: str
    script: str
    points: dict[str, int]
    decided: bool
    """True when the script alone decided, or the best word score is clear of the runner-up."""


def evidence(text: str, default: str = "en") -> Evidence:
    """The language of `text` and how sure the choice is."""
    lexicons = _lexicons()
    sample = text[:_SCAN_LIMIT]
    script = _winning_script(sample, lexicons)
    if script is None:
        return Evidence(default, "", {}, False)
    candidates = [lex for lex in lexicons if lex.script_name == script]
    if len(candidates) == 1:
        return Evidence(candidates[0].code, script, {}, True)
    points = _word_points(sample, candidates)
    ranked = sorted(candidates, key=lambda lex: -points[lex.code])  # stable: table order breaks ties
    best = points[ranked[0].code]
    second = points[ranked[1].code]
    decided = best >= _MIN_EVIDENCE and best - second >= _MIN_EVIDENCE
    if best == 0:
        code = default if any(lex.code == default for lex in candidates) else ranked[0].code
        return Evidence(code, script, points, False)
    return Evidence(ranked[0].code, script, points, decided)


def _winning_script(sample: str, lexicons: tuple[_Lexicon, ...]) -> str | None:
    """The script with most letters in `sample` (the first in table order on a tie), None when it
    has none. Letters are counted only when several scripts are present: most pages have one."""
    scripts: dict[str, regex.Pattern[str]] = {}
    for lex in lexicons:
        if lex.script_name not in scripts and lex.script.search(sample) is not None:
            scripts[lex.script_name] = lex.script
    if len(scripts) <= 1:
        return next(iter(scripts), None)
    counts = {name: sum(map(len, rx.findall(sample))) for name, rx in scripts.items()}
    return max(counts, key=lambda name: counts[name])  # first script wins a tie (dicts keep order)


@cache
def _owners(candidates: tuple[_Lexicon, ...]) -> dict[str, str]:
    """Each word that only one candidate language uses -> that language."""
    owners: dict[str, list[str]] = {}
    for lex in candidates:
        for w in lex.words:
            owners.setdefault(w, []).append(lex.code)
    return {w: codes[0] for w, codes in owners.items() if len(codes) == 1}


def _word_points(text: str, candidates: list[_Lexicon]) -> dict[str, int]:
    points = {lex.code: 0 for lex in candidates}
    owners = _owners(tuple(candidates))
    for w in _WORD.findall(text.lower()):
        own = owners.get(w)
        if own is not None:
            points[own] += 1
    for line in text.splitlines():
        low = line.strip().lower()
        if not low:
            continue
        hits = [lex.code for lex in candidates if low.startswith(lex.labels)]
        if len(hits) == 1:
            points[hits[0]] += _LABEL_WEIGHT
    return points


def detect_language(text: str, default: str = "en") -> str:
    """ "en", "ar" or "fr" (any code with a table): by script, then by the tables' words."""
    return evidence(text, default).language


def paragraph_languages(paragraphs: list[str], default: str | None = None) -> list[str]:
    """The language of each paragraph, aligned with `paragraphs`.

    A paragraph keeps its own language when it is decided or when only one language scored in
    it at all ("Thank you for your contribution" between French paragraphs stays English); one
    with no evidence of its own takes the language of the nearest decided paragraph before it,
    else after it, else that of all paragraphs together.
    """
    found = [evidence(p) for p in paragraphs]
    whole = default or detect_language("\n".join(paragraphs))
    out: list[str] = []
    for i, ev in enumerate(found):
        if ev.decided or _uncontested(ev):
            out.append(ev.language)
            continue
        before = next((found[j].language for j in range(i - 1, -1, -1) if found[j].decided), None)
        after = next((found[j].language for j in range(i + 1, len(found)) if found[j].decided), None)
        out.append(before or after or whole)
    return out


def _uncontested(ev: Evidence) -> bool:
    """Some points, all for one language."""
    own = ev.points.get(ev.language, 0)
    return own > 0 and sum(ev.points.values()) == own
