"""Finding the pages of a batch and reading them as one stream, in input order, in bounded memory.

An input is a page file, a directory (searched recursively for page files), a JSONL page sample (one
object a line with `title` and `text`) or a MediaWiki XML dump (`.xml`, `.xml.bz2`, `.xml.gz`), read
with a streaming parser that keeps only the current <page> in memory. Every item of the stream gets
the next index: a Page to parse, a Failure (an input item that cannot be read: a malformed JSONL
line, a truncated dump) or a Skipped page (a dump's redirect or non-article page), so that a resumed
run can skip exactly the items a previous run finished.
"""

from __future__ import annotations

import bz2
import gzip
import json
import os
import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal
from xml.etree import ElementTree as ET

from ..errors import InputError

PAGE_SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", ".wiki", ".wikitext", ".md")
JSONL_SUFFIXES: tuple[str, ...] = (".jsonl", ".ndjson", ".jsonl.bz2", ".jsonl.gz")
DUMP_SUFFIXES: tuple[str, ...] = (".xml", ".xml.bz2", ".xml.gz")

SourceKind = Literal["page", "jsonl", "dump"]
SkipReason = Literal["redirect", "namespace", "model"]


@dataclass(frozen=True)
class SourceFile:
    """One input file of the batch, as given or as found in a directory."""

    path: str
    kind: SourceKind
    size: int


@dataclass(frozen=True)
class Page:
    """A page to parse; `data` is None for a page file, which the worker reads itself."""

    index: int
    source: str
    name: str
    title: str | None
    line: int | None
    format: str
    data: str | None
    position: int


@dataclass(frozen=True)
class Failure:
    """An input item that could not be read as a page (it goes to the errors file)."""

    index: int
    source: str
    title: str | None
    line: int | None
    reason: str
    position: int


@dataclass(frozen=True)
class Skipped:
    """A dump page that is not an article: a redirect, another namespace, or not wikitext."""

    index: int
    source: str
    title: str | None
    why: SkipReason
    position: int


Item = Page | Failure | Skipped


def kind_of(path: str) -> SourceKind:
    """What an input file holds, from its name."""
    low = path.lower()
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if low.endswith(DUMP_SUFFIXES):
        return "dump"
    return "page"


def discover(args: Sequence[str], stdin: IO[str] | None = None) -> list[SourceFile]:
    """The input files named by `args` (`-`: paths read from `stdin`, one a line).

    InputError when an argument is missing (a typo: nothing is run); a missing path in the list on
    standard input is a page of its own that fails ("no such file") while the others run, as a
    generated list may name a file that has gone since.
    """
    out: list[SourceFile] = []
    seen_stdin = False
    for arg in args:
        if arg == "-":
            if seen_stdin:
                raise InputError("'-' (paths on standard input) can be given only once")
            seen_stdin = True
            if stdin is None:
                raise InputError("'-' given but there is no standard input")
            for line in stdin:
                path = line.rstrip("\r\n")
                if not path.strip():
                    continue
                if os.path.lexists(path):
                    out.extend(_resolve(path))
                else:
                    out.append(SourceFile(path, "page", 0))
        else:
            out.extend(_resolve(arg))
    return out


def _resolve(arg: str) -> list[SourceFile]:
    if not os.path.lexists(arg):
        raise InputError(f"{arg}: no such file or directory")
    if os.path.isdir(arg):
        return _walk(arg)
    try:
        size = os.stat(arg).st_size
    except OSError as exc:
        raise InputError(f"{arg}: cannot be read ({exc.strerror})") from exc
    return [SourceFile(arg, kind_of(arg), size)]


# A folder's own documentation ("README.md", "SOURCES.md" beside the pages) is not a page.
_NOT_PAGES = frozenset(
    {"readme", "sources", "license", "licence", "changelog", "changes", "contributing", "authors", "copying"}
)
_WALKED = (*PAGE_SUFFIXES, *JSONL_SUFFIXES, *DUMP_SUFFIXES)


def _walk(root: str) -> list[SourceFile]:
    """Page files, JSONL samples and dumps under `root` by extension, in sorted path order; hidden
    files and folders and a folder's documentation files (README, SOURCES, LICENSE ...) left out."""
    found: list[tuple[tuple[str, ...], str]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            low = name.lower()
            if name.startswith(".") or not low.endswith(_WALKED) or low.split(".", 1)[0] in _NOT_PAGES:
                continue
            path = os.path.join(dirpath, name)
            found.append((Path(os.path.relpath(path, root)).parts, path))
    found.sort()
    out = []
    for _, path in found:
        try:
            out.append(SourceFile(path, kind_of(path), os.stat(path).st_size))
        except OSError as exc:
            raise InputError(f"{path}: cannot be read ({exc.strerror})") from exc
    return out


def iter_items(sources: Sequence[SourceFile], fmt: str = "auto") -> Iterator[Item]:
    """Every item of every source, in order, numbered from 0; `fmt` is the forced format or "auto"."""
    index = 0
    base = 0
    for src in sources:
        if src.kind == "page":
            yield Page(index, src.path, src.path, None, None, fmt, None, base + src.size)
            index += 1
        else:
            reader = _jsonl(src, fmt) if src.kind == "jsonl" else _dump(src, fmt)
            for item in reader:
                yield _renumber(item, index, base)
                index += 1
        base += src.size


def _renumber(item: Item, index: int, base: int) -> Item:
    if isinstance(item, Page):
        return Page(
            index, item.source, item.name, item.title, item.line, item.format, item.data, base + item.position
        )
    if isinstance(item, Failure):
        return Failure(index, item.source, item.title, item.line, item.reason, base + item.position)
    return Skipped(index, item.source, item.title, item.why, base + item.position)


def _open(path: str) -> tuple[IO[bytes], IO[bytes]]:
    """(raw file, decompressed stream) for a possibly compressed file."""
    raw = open(path, "rb")  # closed by the caller
    low = path.lower()
    stream: IO[bytes] = raw
    if low.endswith(".bz2"):
        stream = bz2.BZ2File(raw)
    elif low.endswith(".gz"):
        stream = gzip.GzipFile(fileobj=raw)  # type: ignore[assignment]
    return raw, stream


_READ_ERRORS = (OSError, EOFError, zlib.error, ValueError)


# --- JSONL page samples --------------------------------------------------------------------------


def _jsonl(src: SourceFile, fmt: str) -> Iterator[Item]:
    try:
        raw, stream = _open(src.path)
    except OSError as exc:
        yield Failure(0, src.path, None, None, f"cannot be read ({exc.strerror})", src.size)
        return
    with raw, stream:
        lineno = 0
        while True:
            try:
                line = stream.readline()
            except _READ_ERRORS as exc:
                reason = f"file is truncated or corrupt: {_one_line(exc)}"
                yield Failure(0, src.path, None, lineno + 1, reason, raw.tell())
                return
            if not line:
                return
            lineno += 1
            if not line.strip():
                continue
            yield _jsonl_item(src.path, lineno, line, fmt, raw.tell())


def _jsonl_item(source: str, lineno: int, line: bytes, fmt: str, position: int) -> Item:
    def fail(reason: str, title: str | None = None) -> Failure:
        return Failure(0, source, title, lineno, f"line {lineno}: {reason}", position)

    try:
        obj = json.loads(line.strip())
    except UnicodeDecodeError:
        return fail("not UTF-8")
    except json.JSONDecodeError as exc:
        return fail(f"not JSON ({exc.msg}: column {exc.colno})")
    if not isinstance(obj, dict):
        return fail(f"a JSON {type(obj).__name__}, not an object with title and text")
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        return fail("'title' is not a string")
    text = obj.get("text")
    if not isinstance(text, str):
        return fail("no 'text' string" if text is None else "'text' is not a string", title)
    ns = obj.get("ns")
    prefix = title.split(":", 1)[0].strip().casefold() if title and ":" in title else ""
    if (ns is not None and str(ns) != "0") or prefix in _OTHER_NAMESPACES:
        return Skipped(0, source, title, "namespace", position)
    if _REDIRECT.match(text):
        return Skipped(0, source, title, "redirect", position)
    name = title if title is not None else f"{source}:{lineno}"
    return Page(0, source, name, title, lineno, _jsonl_format(obj, fmt), text, position)


# MediaWiki's canonical namespace names (every wiki accepts them): a sample page titled
# "Talk:Battle of X" is not an article, as a dump's <ns> would say.
_OTHER_NAMESPACES = frozenset(
    n.casefold()
    for base in (
        "",
        "User",
        "Wikipedia",
        "Project",
        "File",
        "Image",
        "MediaWiki",
        "Template",
        "Help",
        "Category",
        "Portal",
        "Draft",
        "Module",
        "TimedText",
        "Book",
        "Education Program",
        "Gadget",
    )
    for n in ((f"{base} talk" if base else "Talk"), base)
    if n
) | {"special", "media"}
_REDIRECT = re.compile(r"^\s*#redirect\b", re.IGNORECASE)


def _jsonl_format(obj: dict[str, object], fmt: str) -> str:
    """The forced format, else the sample's own content model (MediaWiki's `model`/`format`), else auto."""
    if fmt != "auto":
        return fmt
    if obj.get("model") == "wikitext" or obj.get("format") == "text/x-wiki":
        return "wikitext"
    declared = obj.get("format")
    if declared in ("text", "markdown", "html", "wikitext", "article"):
        return str(declared)
    return "auto"


# --- MediaWiki XML dumps -------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(elem: ET.Element, name: str) -> ET.Element | None:
    for c in elem:
        if _local(c.tag) == name:
            return c
    return None


def _dump(src: SourceFile, fmt: str) -> Iterator[Item]:
    """The pages of a dump, streamed: each <page> is dropped from the tree once read."""
    try:
        raw, stream = _open(src.path)
    except OSError as exc:
        yield Failure(0, src.path, None, None, f"cannot be read ({exc.strerror})", src.size)
        return
    namespaces: dict[str, int] = {}
    count = 0
    with raw, stream:
        root: ET.Element | None = None
        try:
            for event, elem in ET.iterparse(_Read1(stream), events=("start", "end")):
                if root is None:
                    root = elem
                    if _local(elem.tag) != "mediawiki":
                        yield Failure(
                            0,
                            src.path,
                            None,
                            None,
                            f"not a MediaWiki dump (root element <{_local(elem.tag)}>)",
                            raw.tell(),
                        )
                        return
                    continue
                if event != "end":
                    continue
                tag = _local(elem.tag)
                if tag == "namespace":
                    key = elem.get("key")
                    if key is not None and key.lstrip("-").isdigit() and elem.text:
                        namespaces[elem.text] = int(key)
                elif tag == "siteinfo":
                    root.clear()
                elif tag == "page":
                    count += 1
                    yield _dump_page(src.path, elem, namespaces, fmt, raw.tell())
                    root.clear()
        except (ET.ParseError, *_READ_ERRORS) as exc:
            yield Failure(
                0,
                src.path,
                None,
                None,
                f"dump is truncated or corrupt after {count} pages: {_one_line(exc)}",
                raw.tell(),
            )


class _Read1:
    """A stream read one decompressed block at a time, so that what precedes a truncation reaches the
    parser before the error does (a buffered read of 16 kB would drop it with the exception)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream

    def read(self, size: int = -1) -> bytes:
        read1 = getattr(self.stream, "read1", None)
        data = read1(size) if read1 is not None else self.stream.read(size)
        return bytes(data)


def _dump_page(source: str, page: ET.Element, namespaces: dict[str, int], fmt: str, position: int) -> Item:
    title_el = _child(page, "title")
    title = title_el.text if title_el is not None and title_el.text else None
    ns = _namespace(page, title, namespaces)
    if ns != 0:
        return Skipped(0, source, title, "namespace", position)
    if _child(page, "redirect") is not None:
        return Skipped(0, source, title, "redirect", position)
    revisions = [c for c in page if _local(c.tag) == "revision"]
    if not revisions:
        return Failure(0, source, title, None, "page has no revision", position)
    rev = revisions[-1]  # the latest, in a dump with history
    model = _child(rev, "model")
    if model is not None and model.text and model.text != "wikitext":
        return Skipped(0, source, title, "model", position)
    text_el = _child(rev, "text")
    text = text_el.text if text_el is not None and text_el.text is not None else ""
    name = title if title is not None else f"{source}#{position}"
    return Page(0, source, name, title, None, "wikitext" if fmt == "auto" else fmt, text, position)


def _namespace(page: ET.Element, title: str | None, namespaces: dict[str, int]) -> int:
    """The page's <ns>, or (old dumps without it) the namespace its title's prefix names."""
    ns_el = _child(page, "ns")
    if ns_el is not None and ns_el.text and ns_el.text.strip().lstrip("-").isdigit():
        return int(ns_el.text.strip())
    if title and ":" in title:
        return namespaces.get(title.split(":", 1)[0], 0)
    return 0


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"
