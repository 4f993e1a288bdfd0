"""Robustness (issue 7): any input gives a valid record or a one-line InputError, fast, and nothing
the infobox holds is lost.

- Properties (hypothesis, bounded): every reader and every field parser on plausible pages built
  from the language tables (TAB infobox lines, HTML infobox tables, `{{Infobox military conflict}}`
  with refs and status templates, reference lines) and on random text: never raises, the record
  validates, text spans slice the input, output is deterministic. (tests/test_properties.py covers
  `parse` on text pages; these go reader by reader and parser by parser.)
- Pathological inputs (tests/fuzz/inputs.py): each runs in a subprocess with a 20 s guard, so a hang
  fails the test; their real timings are in benchmarks/scaling.py, never asserted here.
- Encodings: UTF-8 with/without BOM, UTF-16 with BOM, Windows-1256 Arabic, Windows-1252 and Latin-1
  French decode to the right text with `source.encoding` set; undecodable bytes are InputError.
- Nothing lost: every non-blank infobox line of every text fixture is covered by a span of the record.
"""

from __future__ import annotations

import bz2
import gzip
import json
import subprocess
import sys
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictparse import InputError, parse
from conflictparse.assemble.record import build
from conflictparse.decode import decode
from conflictparse.lang.base import LangTable
from conflictparse.models import Source
from conflictparse.readers import article as article_reader
from conflictparse.readers import html as html_reader
from conflictparse.readers import text as text_reader
from conflictparse.readers import wikitext as wikitext_reader
from conflictparse.schema import record_schema, to_json, validation_errors
from tests.fuzz import common
from tests.fuzz.inputs import PATHOLOGICAL
from tests.golden import fixtures, meta, render

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "fixtures"
LANGS = common.LANGS
READERS = {"text": text_reader, "html": html_reader, "wikitext": wikitext_reader, "article": article_reader}
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(record_schema())


def schema_errors(data: Any) -> list[str]:
    """validation_errors with the validator built once (the same schema; 60 ms a call saved)."""
    return [e.message for e in _validator().iter_errors(data)]


def test_cached_validator_agrees_with_validation_errors() -> None:
    bad = json.loads(to_json(parse("Date\t5 October 2014\n", "text")))
    bad["sides"] = [{"index": 0, "belligerents": [{"name": 5}]}]
    assert len(schema_errors(bad)) == len(validation_errors(bad)) == 2


# --------------------------------------------------------------------------- strategies


def _words(t: LangTable) -> list[str]:
    """Words of the language that the parsers react to, straight from its table."""
    out = [*t.labels, *t.months, *t.units, *t.categories, *t.qualifiers, *t.number_words, *t.ranks]
    out += [*t.status_markers, *t.retrieved, *t.archived, *t.range_words, *t.opponent_markers, *t.et_al]
    return sorted({w for w in out if w.strip()})


WORDS = {code: _words(common.table(code)) for code in LANGS}
PIECES = [
    "1,100",
    "83+",
    "2,000–3,000",
    "٣٬٠٠٠",
    "5 000",
    "[6]",
    "[a]",
    "[note 1]",
    "[citation needed]",
    "(POW)",
    "(KIA)",
    "†",
    "Egypt Egypt",
    "(ISIL)",
    "5 October 2014",
    "– 21 April 2016",
    "c. 1450",
    "(6 years, 11 months)",
    "Over",
    "and",
    ":",
    ";",
    "•",
    "\u00a0",
    "?",
    "(",
    ")",
    "[",
    "]",
]


def phrase(code: str) -> st.SearchStrategy[str]:
    word = st.one_of(st.sampled_from(WORDS[code]), st.sampled_from(PIECES), st.text(max_size=8))
    return st.lists(word, min_size=1, max_size=6).map(" ".join)


lang_codes = st.sampled_from(LANGS)


@st.composite
def text_page(draw: st.DrawFn) -> tuple[str, str]:
    """A browser copy: title, label lines (some TAB-separated columns), prose, a reference list."""
    code = draw(lang_codes)
    t = common.table(code)
    labels = sorted(t.labels)
    lines = [draw(phrase(code))]
    for _ in range(draw(st.integers(1, 8))):
        label = draw(st.sampled_from(labels))
        cols = draw(st.lists(phrase(code), min_size=1, max_size=3))
        if draw(st.booleans()):
            lines.append(label.capitalize() + "\t" + "\t".join(cols))
        else:
            lines += [label.capitalize(), "\t".join(cols)]
        if draw(st.booleans()):
            lines.append("")
    lines += draw(st.lists(phrase(code), max_size=3))
    heading = next(iter(t.section_kinds), "References") + (t.heading_suffixes[:1] or ("",))[0]
    lines.append(heading)
    for n in range(1, draw(st.integers(0, 4)) + 1):
        lines.append(f"{n}. ^ " + draw(phrase(code)) + ". Retrieved 5 May 2016.")
    return "\n".join(lines), code


@st.composite
def html_page(draw: st.DrawFn) -> tuple[str, str]:
    code = draw(lang_codes)
    labels = sorted(common.table(code).labels)
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        rows.append(f"<tr><th>{draw(st.sampled_from(labels)).capitalize()}</th></tr>")
        cells = draw(st.lists(phrase(code), min_size=1, max_size=3))
        sep = draw(st.sampled_from(["<br>", "<br />", " ", "</td><td>"]))
        rows.append("<tr>" + "".join(f"<td>{c.replace(' ', sep, 1)}</td>" for c in cells) + "</tr>")
    ref = '<sup class="reference"><a href="#cite_note-1">[1]</a></sup>'
    body = f"<p>{draw(phrase(code))}{ref}</p>"
    refs = f'<ol class="references"><li id="cite_note-1">{draw(phrase(code))}</li></ol>'
    page = f'<html><body><table class="infobox">{"".join(rows)}</table>{body}{refs}</body></html>'
    return page, code


@st.composite
def wikitext_page(draw: st.DrawFn) -> tuple[str, str]:
    code = draw(lang_codes)
    t = common.table(code)
    params = sorted(t.infobox_params)
    template = (t.infobox_templates or ("Infobox military conflict",))[0]
    status = [f"{{{{{m}}}}}" for m in sorted(t.wiki_markers)[:8]]
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        suffix = draw(st.sampled_from(["", "1", "2", "1a", "3"]))
        name = draw(st.sampled_from(params)).replace(" ", "_") + suffix
        value = draw(phrase(code))
        if draw(st.booleans()):
            value += draw(st.sampled_from(status))
        if draw(st.booleans()):
            value += "<ref>{{cite news |title=" + draw(phrase(code)) + " |date=5 May 2016}}</ref>"
        if draw(st.booleans()):
            value = "{{flagicon|" + draw(st.sampled_from(["USA", "UK", "Egypt"])) + "}} " + value + "<br>"
        parts.append(f"| {name} = {value}\n")
    prose = draw(phrase(code)) + "<ref name=a>" + draw(phrase(code)) + "</ref> " + draw(phrase(code))
    page = "{{" + template + "\n" + "".join(parts) + "}}\n'''Battle''' " + prose
    page += "\n\n== References ==\n{{reflist}}\n"
    return page, code


@st.composite
def reference_lines(draw: st.DrawFn) -> tuple[str, str]:
    code = draw(lang_codes)
    shapes = [
        "{n}. ^ {p}",
        "^ a b {p}",
        "{n}. {n}.0 {n}.1 {p}",
        "• {p}",
        "{p}",
        "^ {p}, p. 12.",
        '{n}. ^ "{p}". {p}',
    ]
    lines = []
    for n in range(1, draw(st.integers(1, 5)) + 1):
        lines.append(draw(st.sampled_from(shapes)).format(n=n, p=draw(phrase(code))))
    return "\n".join(lines), code


random_text = st.tuples(st.text(max_size=200), lang_codes)
PAGES = {"text": text_page(), "html": html_page(), "wikitext": wikitext_page(), "article": text_page()}


# --------------------------------------------------------------------------- readers


def _reader_check(text: str, fmt: str, code: str) -> None:
    """The reader alone: its Document's spans are sane (text: every Seg exact); then the record."""
    table = common.table(code)
    doc = READERS[fmt].read(text, table)
    seen = common.check_document(doc, all_exact=fmt == "text")
    assert common.check_document(READERS[fmt].read(text, table), all_exact=fmt == "text") == seen
    source = Source(format=doc.format, language=doc.language, sha256="0" * 64, chars=len(text))
    assert schema_errors(json.loads(to_json(build(doc, table, source)))) == []
    out = common.check_page(text, fmt, code)
    if not out.startswith("InputError"):
        assert schema_errors(json.loads(out)) == []
        assert common.check_page(text, fmt, code) == out  # deterministic, byte for byte


@pytest.mark.parametrize("fmt", list(READERS))
@SETTINGS
@given(data=st.data())
def test_reader_on_plausible_pages(fmt: str, data: st.DataObject) -> None:
    text, code = data.draw(PAGES[fmt])
    _reader_check(text, fmt, code)


@pytest.mark.parametrize("fmt", list(READERS))
@SETTINGS
@given(case=random_text)
def test_reader_on_random_text(fmt: str, case: tuple[str, str]) -> None:
    text, code = case
    if not text.strip():
        with pytest.raises(InputError):
            parse(text, fmt, code)
        return
    _reader_check(text, fmt, code)


@pytest.mark.parametrize("fmt", ["html", "wikitext"])
@SETTINGS
@given(data=st.data())
def test_markup_readers_on_other_formats(fmt: str, data: st.DataObject) -> None:
    """A text page forced through the HTML or wikitext reader (and the reverse) is still read."""
    other = {"html": "wikitext", "wikitext": "html"}[fmt]
    text, code = data.draw(st.one_of(PAGES["text"], PAGES[other]))
    _reader_check(text, fmt, code)


# --------------------------------------------------------------------------- field parsers


FIELD_TEXT = st.one_of(
    st.tuples(st.sampled_from(LANGS).flatmap(lambda c: st.tuples(phrase(c), st.just(c)))),
    st.tuples(random_text),
).map(lambda t: t[0])
MULTILINE = lang_codes.flatmap(
    lambda c: st.tuples(
        st.lists(st.one_of(phrase(c), st.text(max_size=30)), min_size=1, max_size=6).map("\n".join),
        st.just(c),
    )
)


@pytest.mark.parametrize("check", common.FIELD_CHECKS, ids=lambda f: f.__name__)
@settings(max_examples=40, deadline=None)
@given(case=st.one_of(FIELD_TEXT, MULTILINE))
def test_field_parser(check: Any, case: tuple[str, str]) -> None:
    text, code = case
    table = common.table(code)
    first = check(text, table)
    assert repr(check(text, table)) == repr(first)  # deterministic


@settings(max_examples=40, deadline=None)
@given(case=reference_lines())
def test_reference_lines(case: tuple[str, str]) -> None:
    text, code = case
    table = common.table(code)
    refs = common.check_references(text, table)  # every line is in an entry or a skipped sub-heading
    assert repr(common.check_references(text, table)) == repr(refs)


@settings(max_examples=40, deadline=None)
@given(case=st.one_of(FIELD_TEXT, reference_lines()))
def test_parse_reference_on_any_entry(case: tuple[str, str]) -> None:
    text, code = case
    ref = common.check_reference_entry(text, common.table(code))
    assert ref.raw == text


def test_sentence_check_can_fail() -> None:
    """The sentence property is not vacuous: dropping a character breaks it."""
    from conflictparse.fields import sentences

    text = "He left. Gen. Smith stayed.[3] Then D.M. Glantz wrote."
    pieces = [p.text for p in sentences.split(common.exact(text), common.table("en"))]
    assert pieces == ["He left.", "Gen. Smith stayed.[3]", "Then D.M. Glantz wrote."]
    common.check_sentences(text, common.table("en"))


# --------------------------------------------------------------------------- pathological inputs

GUARD_SECONDS = 20
_CHILD = """
import json, sys
from conflictparse import InputError, parse
from conflictparse.schema import to_json, validation_errors
from tests.fuzz.inputs import PATHOLOGICAL
text = PATHOLOGICAL[sys.argv[1]][0]()
try:
    record = parse(text, sys.argv[2])
except InputError as exc:
    print("InputError: " + str(exc))
else:
    print("record " + json.dumps(validation_errors(json.loads(to_json(record)))))
"""


def guarded(code: str, *args: str, timeout: float = GUARD_SECONDS) -> str:
    """Run `code` in a fresh interpreter (repo root on the path); a hang fails, not blocks, the test."""
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"no answer within {timeout} s: {args}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout.strip()


CASES = [(name, fmt) for name, (_, fmts) in PATHOLOGICAL.items() for fmt in fmts]


@pytest.mark.parametrize(("name", "fmt"), CASES, ids=[f"{n}-{f}" for n, f in CASES])
def test_pathological_input(name: str, fmt: str) -> None:
    out = guarded(_CHILD, name, fmt)
    assert "\n" not in out  # one line: a record, or one InputError line
    assert out == "record []" or (out.startswith("InputError: ") and len(out) < 300), out


def test_pathological_inputs_are_what_they_say() -> None:
    sizes = {name: len(build_()) for name, (build_, _) in PATHOLOGICAL.items()}
    assert sizes["1MB-no-newline"] == 1_000_000 and "\n" not in PATHOLOGICAL["1MB-no-newline"][0]()
    assert PATHOLOGICAL["100k-open-brackets"][0]().count("[") == 100_000
    assert PATHOLOGICAL["50k-nested-braces"][0]().count("{{") == 50_001
    assert PATHOLOGICAL["10k-unclosed-td"][0]().count("<td>") == 10_000
    assert PATHOLOGICAL["100k-pipes-in-cell"][0]().count("|") == 100_001
    assert len(PATHOLOGICAL["100k-digits-and-commas"][0]().split("\n")[1]) == 100_000


def test_guard_catches_a_hang() -> None:
    with pytest.raises(pytest.fail.Exception, match="no answer within"):
        guarded("import time; time.sleep(5)", timeout=0.5)


# --------------------------------------------------------------------------- encodings

AR = (FIX / "ar-wikipedia-derna-campaign-fragment" / "input.txt").read_text(encoding="utf-8")
AR_1256 = "".join(c for c in AR if c.encode("cp1256", "ignore"))  # '⚔' has no Windows-1256 byte
BLOG = (FIX / "en-fr-blog-derna-liberated" / "input.txt").read_text(encoding="utf-8")
FR = BLOG[BLOG.index("La ville de Derna") :]
FR_LATIN1 = FR.translate(str.maketrans("–’“”", '-\'""'))  # the four characters Latin-1 lacks


def test_arabic_seed_loses_only_the_crossed_swords_in_windows_1256() -> None:
    assert sorted(set(AR) - set(AR_1256)) == ["⚔"]
    assert "سفيان قمو(أ.ح)" in AR_1256


def test_french_text_is_the_blog_half() -> None:
    assert FR.startswith("La ville de Derna en Libye totalement liberée par les djihadistes de Daesh")
    assert sorted({c for c in FR if not c.encode("latin-1", "ignore")}) == ["–", "’", "“", "”"]
    assert all(c.encode("latin-1", "ignore") for c in FR_LATIN1)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (AR.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + AR.encode("utf-8"), "utf-8-sig"),
        (AR.encode("utf-16"), "utf-16"),
        (FR.encode("utf-16-le").join([b"\xff\xfe", b""]), "utf-16"),
        (FR.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-bom", "utf16be-bom"],
)
def test_unicode_encodings(data: bytes, encoding: str) -> None:
    d = decode(data)
    assert d.encoding == encoding
    assert d.text in (unicodedata.normalize("NFC", AR), unicodedata.normalize("NFC", FR))
    assert parse(data).source.encoding == encoding


@pytest.mark.parametrize("codec", ["cp1256", "iso8859_6"])
def test_arabic_legacy_code_page(codec: str) -> None:
    data = AR_1256.encode(codec, "ignore")
    text = data.decode(codec)
    d = decode(data)
    assert (d.encoding, d.text) == (codec, unicodedata.normalize("NFC", text))
    record = parse(data)
    assert (record.source.encoding, record.source.language) == (codec, "ar")
    assert "أبو البراء الأزدي" in d.text


@pytest.mark.parametrize("n", [60, 200, 1000])
def test_arabic_windows_1256_short_pieces(n: int) -> None:
    piece = AR_1256[:n]
    assert decode(piece.encode("cp1256")).encoding == "cp1256"
    assert decode(piece.encode("cp1256")).text == piece


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
@pytest.mark.parametrize("n", [80, 300, None])
def test_french_legacy_code_page(codec: str, n: int | None) -> None:
    text = (FR if codec == "cp1252" else FR_LATIN1)[:n]
    d = decode(text.encode(codec))
    # without bytes 0x80-0x9F the two code pages decode alike, so either name is right
    assert d.encoding in ("cp1252", "latin_1")
    assert d.text == unicodedata.normalize("NFC", text)
    assert "liberée" in d.text


def test_windows_1252_only_characters() -> None:
    text = "L’armée « libère » Derna – 13 morts et 48 blessés, selon l’ANL."
    d = decode(text.encode("cp1252"))  # ’ and – are bytes 0x92 and 0x96: Windows-1252, not Latin-1
    assert (d.encoding, d.text) == ("cp1252", text)
    assert parse(text.encode("cp1252"), "article").source.encoding == "cp1252"


@pytest.mark.parametrize(
    "data",
    [
        AR.encode("utf-8")[:3000] + b"\xff" + AR.encode("utf-8")[3000:],  # UTF-8 with one broken byte
        FR.encode("utf-8")[:200] + b"\xe9" + FR.encode("utf-8")[200:],  # not a Windows-1252 page: refused
        bz2.compress(b"<mediawiki><page><title>A</title></page></mediawiki>"),
        gzip.compress(b"<mediawiki><page><title>A</title></page></mediawiki>"),
        b'<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/">\n<page><title>A</title></page>',
        "德尔纳战役是利比亚的一场战役。".encode("gb18030") * 20,
        "東京都の戦い。日本軍は勝利した。".encode("shift_jis") * 20,
        bytes(range(1, 32)) * 50,
        b"\xff\xfe" + b"\x00\xd8A\x00",  # UTF-16 BOM, then a lone surrogate
        b"\x00\x01\x02 binary",
        b"",
        b"   \n\t  ",
    ],
    ids=[
        "utf8-broken",
        "utf8-latin-broken",
        "bz2",
        "gzip",
        "xml-dump",
        "gb18030",
        "shift-jis",
        "control-chars",
        "utf16-surrogate",
        "nul",
        "empty",
        "blank",
    ],
)
def test_undecodable_is_input_error(data: bytes) -> None:
    with pytest.raises(InputError) as exc:
        parse(data)
    assert "\n" not in str(exc.value)


@pytest.mark.xfail(strict=True, reason="charset-normalizer maps KOI8-R bytes to Arabic letters (iso8859_6)")
def test_koi8_r_is_not_read_as_arabic() -> None:
    data = "Битва при Дерне была в Ливии.".encode("koi8_r") * 20
    with pytest.raises(InputError):
        decode(data)


# --------------------------------------------------------------------------- nothing lost


def _format(fx: Path) -> str:
    return str(json.loads((fx / "expected.json").read_text(encoding="utf-8"))["source"]["format"])


# text-format fixtures (the blog post, format article, has no infobox to lose)
TEXT_FIXTURES = [fx for fx in fixtures() if _format(fx) == "text"]


def _spans(data: dict[str, Any]) -> list[tuple[int, int]]:
    return [(n["span"]["start"], n["span"]["end"]) for n in common.spanned(data)]


def _uncovered(fx: Path) -> tuple[int, list[tuple[str, str]]]:
    """(infobox lines, [(key, line)] covered by no span of the record and by no spanless value)."""
    data = json.loads(render(fx))
    assert data == json.loads((fx / "expected.json").read_text(encoding="utf-8"))
    text = decode((fx / str(meta(fx)["input"])).read_bytes()).text
    doc = text_reader.read(text, common.table(data["source"]["language"]))
    spans = _spans(data)
    spanless = " ".join([*data["part_of"], data["title"] or "", data["territory"] or ""])
    lines = [(k, ln) for k, f in (doc.infobox or {}).items() for ln in f.lines() if ln.text.strip()]
    bad = []
    for key, ln in lines:
        assert ln.start is not None and ln.end is not None
        if any(s < ln.end and e > ln.start for s, e in spans):
            continue
        if key in ("part_of", "title", "territory") and _bare(ln.text) in _bare(spanless):
            continue  # the model keeps these as plain strings, without a span
        bad.append((key, ln.text))
    return len(lines), bad


def _bare(s: str) -> str:
    return " ".join(s.replace("\u00a0", " ").split()).removeprefix("the ").removeprefix("and the ")


def test_there_are_text_fixtures() -> None:
    assert len(TEXT_FIXTURES) >= 6


@pytest.mark.parametrize("fx", TEXT_FIXTURES, ids=lambda p: p.name)
def test_nothing_in_the_infobox_is_lost(fx: Path) -> None:
    count, bad = _uncovered(fx)
    assert bad == []
    if count == 0:
        # no conflict infobox at all: the one the page has (a person's) is warned about, with a span
        data = json.loads((fx / "expected.json").read_text(encoding="utf-8"))
        assert any(w["code"] == "uninterpreted" and w["span"] for w in data["warnings"]), fx.name


def test_nothing_lost_counts() -> None:
    """148 infobox lines over the text fixtures; each one reaches the record."""
    counts = {fx.name: _uncovered(fx)[0] for fx in TEXT_FIXTURES}
    assert counts["en-militarywiki-derna-campaign"] == 56
    assert counts["en-wikipedia-action-at-mechili-innertext"] == 22
