"""Bytes to text: BOM-aware UTF-8/UTF-16, a fallback for legacy encodings, NFC, and input checks.

NBSPs are kept (spans point into this text), only the BOM is removed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .errors import InputError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Unicode category Cc (C0, DEL, C1) less TAB, LF, VT, FF and CR
_BAD_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode(data: bytes | str, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Decode and check input; raise InputError with a one-line reason where it is not a page."""
    if isinstance(data, str):
        if len(data.encode("utf-8", "surrogatepass")) > max_bytes:
            raise InputError(f"input is larger than the limit of {max_bytes} bytes")
        text, encoding = data.lstrip("\ufeff"), "utf-8"
    else:
        if len(data) > max_bytes:
            raise InputError(f"input is {len(data)} bytes, over the limit of {max_bytes} bytes (--max-bytes)")
        text, encoding = _decode_bytes(data)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise InputError("input is empty")
    if text.lstrip()[:200].startswith("<mediawiki"):
        raise InputError("input is a MediaWiki XML dump of many pages; use `conflictparse batch`")
    _check_not_binary(text)
    return Decoded(text, encoding)


def _decode_bytes(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", "utf-8-sig"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", "utf-16"), "utf-16"
    if data.startswith(_COMPRESSED):
        raise InputError("input is compressed (bzip2/gzip); decompress it, or give a dump to `batch`")
    if b"\x00" in data[:4096]:
        raise InputError("input is binary (NUL bytes), not a text page")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        _check_not_broken_utf8(data, exc)
    guess = _guess_legacy(data)
    if guess is None:
        raise InputError("input is neither UTF-8 nor a detectable text encoding")
    return guess


_COMPRESSED = (b"BZh", b"\x1f\x8b")
_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")


def _check_not_broken_utf8(data: bytes, exc: UnicodeDecodeError) -> None:
    """UTF-8 with a few bad bytes is refused, not read as a legacy code page (which would turn every
    accented letter of the page into mojibake): it holds more well-formed multi-byte sequences than
    bad bytes, which a real single-byte page almost never does."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(_NON_ASCII.findall(text))
    if good > bad:
        raise InputError(
            f"input is UTF-8 with {bad} invalid byte(s), the first 0x{data[exc.start]:02X} at offset "
            f"{exc.start}; fix or re-save the file as UTF-8"
        )


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"input starts with a {name} byte-order mark but does not decode as {name}") from exc


def _guess_legacy(data: bytes) -> tuple[str, str] | None:
    """A legacy single-byte page (Windows-1256 Arabic, Windows-1252 French), via charset-normalizer."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1256", "cp1252", "latin_1", "iso8859_6"]).best()
    if best is None or best.encoding is None:
        return None
    return str(best), best.encoding


def _check_not_binary(text: str) -> None:
    sample = text[:8192]
    bad = len(_BAD_CONTROL.findall(sample))
    if bad > max(8, len(sample) // 100):
        raise InputError("input looks binary (control characters), not a text page")
