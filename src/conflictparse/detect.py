"""Which format a page is in, from its own markup; a text copy with a stray `<` or `{{` stays text."""

from __future__ import annotations

import re
from functools import cache

from .models import Format

_HTML_TAG = re.compile(
    r"</?(?:html|head|body|div|table|tr|td|th|p|span|a|ul|ol|li|h[1-6]|sup|aside|br)\b[^<>]{0,500}>", re.I
)
_WIKI_SIGNS = (
    re.compile(r"^\s*#redirect\s*\[\[", re.I),
    re.compile(r"\{\{\s*(?:infobox|warbox|cite|reflist|sfn|efn|main|flag)", re.I),
    re.compile(r"^={2,6}[^=\n]{1,200}={2,6}\s*$", re.M),
    re.compile(r"\[\[[^\[\]\n]{1,300}\]\]"),
    re.compile(r"'''[^'\n]{1,200}'''"),
    re.compile(r"<ref[ >/]", re.I),
)


_HTML_BLOCK = re.compile(r"<(?:table|div|body|p)\b[^<>]{0,300}>", re.I)


@cache
def _wiki_infobox() -> re.Pattern[str]:
    """`{{` and a conflict-infobox template name of any language table (names are data)."""
    from . import lang

    names = {n for code in lang.LANGUAGES for n in lang.get(code).infobox_templates}
    alts = "|".join(re.escape(n).replace(r"\ ", "[ _]") for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\{{\{{\s*(?:{alts}|infobox[ _]|warbox)", re.I)


def looks_like_jsonl(text: str) -> bool:
    """A JSON Lines collection (several objects, one a line, with a `text` field): not one page."""
    import json

    lines = [ln for ln in text[:200_000].splitlines()[:5] if ln.strip()]
    if len(lines) < 2 or not all(ln.lstrip().startswith("{") for ln in lines):
        return False
    try:
        first = json.loads(lines[0])
    except ValueError:
        return False
    return isinstance(first, dict) and "text" in first


_MD_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.M)
_MD_TABLE_RULE = re.compile(r"^[ \t]*(?:\|[ \t]*)?-{3,}[ \t]*\|[ \t]*-{3,}", re.M)
_MD_BOLD = re.compile(r"\*\*[^*\n]{1,200}\*\*")
_MD_ITALIC = re.compile(r"(?<![\w_])_[^_\n]{1,200}_(?![\w_])")


def looks_like_markdown(text: str) -> bool:
    """A markdown conversion of a rendered page (`## Heading` lines with a pipe table or emphasis),
    read by readers/markdown.py. An innerText copy has neither."""
    head = text[:200_000]
    if len(_MD_HEADING.findall(head)) < 2:
        return False
    if _MD_TABLE_RULE.search(head):
        return True
    return len(_MD_BOLD.findall(head)) + len(_MD_ITALIC.findall(head)) >= 3


def detect_format(text: str) -> Format:
    """html, wikitext, markdown or text (article detection is the article reader's job, asked by the
    caller)."""
    head = text[:200_000]
    stripped = head.lstrip()[:200].lower()
    if stripped.startswith(("<!doctype html", "<html", "<?xml")) and "<body" in head.lower():
        return "html"
    if _WIKI_SIGNS[0].search(head[:500]):
        return "wikitext"
    if _wiki_infobox().search(head) and not _HTML_BLOCK.search(head):
        # an infobox template with <br /> line breaks is still wikitext
        return "wikitext"
    tags = len(_HTML_TAG.findall(head))
    lines = head.count("\n") + 1
    if tags >= 20 and tags >= lines // 4:
        return "html"
    score = sum(1 for rx in _WIKI_SIGNS[1:] if rx.search(head))
    links = len(_WIKI_SIGNS[4].findall(head))
    if score >= 3 or (score >= 2 and links >= 5):
        return "wikitext"
    if stripped.startswith("<") and tags >= 3:
        return "html"
    return "markdown" if looks_like_markdown(head) else "text"
