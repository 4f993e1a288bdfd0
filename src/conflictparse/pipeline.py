"""The stages in one direction: decode, detect, read, assemble."""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import lang as langs
from .assemble.record import build
from .decode import DEFAULT_MAX_BYTES, decode
from .detect import detect_format, looks_like_jsonl
from .document import Document
from .errors import InputError
from .lang.base import LangTable
from .models import ConflictRecord, Format, Source

FORMATS: tuple[str, ...] = ("text", "markdown", "html", "wikitext", "article")


def parse(
    data: str | bytes,
    format: str | None = None,
    lang: str | None = None,
    *,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ConflictRecord:
    """Parse one page (text or bytes) into a ConflictRecord; InputError where it is not a page."""
    decoded = decode(data, max_bytes)
    text = decoded.text
    if looks_like_jsonl(text):
        raise InputError("input is a JSON Lines collection of pages, not one page; use `conflictparse batch`")
    fmt = _format(text, format)
    code = _language(text, lang)
    table = langs.get(code)
    doc = read(text, fmt, table)
    source = Source(
        name=name,
        format=doc.format,
        language=doc.language,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        chars=len(text),
        encoding=decoded.encoding,
        site=doc.site,
    )
    return build(doc, table, source)


def parse_file(
    path: str | Path, format: str | None = None, lang: str | None = None, **kw: int
) -> ConflictRecord:
    """Parse a file; InputError for a missing file, a directory or unreadable bytes."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, not a page")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror})") from exc
    try:
        return parse(data, format, lang, name=p.name, **kw)
    except InputError as exc:
        raise InputError(f"{p}: {exc}") from exc


def read(text: str, fmt: Format, table: LangTable) -> Document:
    """The reader for a format."""
    if fmt == "html":
        from .readers import html

        return html.read(text, table)
    if fmt == "wikitext":
        from .readers import wikitext

        return wikitext.read(text, table)
    if fmt == "article":
        from .readers import article

        return article.read(text, table)
    if fmt == "markdown":
        from .readers import markdown

        return markdown.read(text, table)
    from .readers import text as text_reader

    doc = text_reader.read(text, table)
    if doc.infobox is None and _looks_like_article(text):
        from .readers import article

        return article.read(text, table)
    return doc


def _format(text: str, forced: str | None) -> Format:
    if forced in (None, "auto"):
        return detect_format(text)
    if forced not in FORMATS:
        raise InputError(f"unknown format {forced!r}; use one of auto, {', '.join(FORMATS)}")
    return forced  # type: ignore[return-value]


def _language(text: str, forced: str | None) -> str:
    if forced not in (None, "auto"):
        if forced not in langs.LANGUAGES:
            raise InputError(f"unknown language {forced!r}; use one of auto, {', '.join(langs.LANGUAGES)}")
        return forced
    try:
        from .lang.detect import detect_language
    except ImportError:
        return "en"
    return detect_language(text[:8_000])


def _looks_like_article(text: str) -> bool:
    try:
        from .readers.article import looks_like_article
    except ImportError:
        return False
    return looks_like_article(text)
