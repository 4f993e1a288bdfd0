"""Markdown conversions of rendered Wikipedia pages (readers/markdown.py) on the two corpus pages.

corpus/text/en-text-battle-of-tilpat-1669.md and en-text-battle-of-austerlitz.md (provenance in
corpus/SOURCES.md). Expected values are quoted from the pages; comments show the markdown lines.
Events are not scored here.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache

import pytest

from conflictparse import lang, parse
from conflictparse.decode import decode
from conflictparse.detect import looks_like_markdown
from conflictparse.document import Document
from conflictparse.models import ConflictRecord
from conflictparse.readers import markdown
from tests.fuzz.common import check_document, spanned
from tests.paths import CORPUS, FIXTURES, SEEDS

EN = lang.get("en")
TEXT = CORPUS / "text"
TILPAT = TEXT / "en-text-battle-of-tilpat-1669.md"
AUSTERLITZ = TEXT / "en-text-battle-of-austerlitz.md"
pytestmark = pytest.mark.skipif(not TILPAT.is_file(), reason="corpus not available")


@cache
def source(name: str) -> str:
    return decode((TEXT / name).read_bytes()).text


@cache
def doc(name: str) -> Document:
    return markdown.read(source(name), EN)


@cache
def record(name: str) -> ConflictRecord:
    return parse((TEXT / name).read_bytes(), name=name)


T, A = TILPAT.name, AUSTERLITZ.name


def cleaned(s: str) -> str:
    return markdown._text(s, markdown.inline_pieces(s, 0, len(s)))


# --- detection ------------------------------------------------------------------------------


def test_both_pages_are_markdown_and_stay_format_text() -> None:
    for name in (T, A):
        assert looks_like_markdown(source(name))
        assert record(name).source.format == "markdown"
        assert record(name).source.site == "Wikipedia"


def test_innertext_copies_and_seeds_are_not_markdown() -> None:
    pages = sorted(TEXT.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
    pages += sorted(FIXTURES.glob("*/input.txt"))
    assert len(pages) >= 10
    for p in pages:
        assert not looks_like_markdown(p.read_text(encoding="utf-8")), p


# --- inline markup (lines quoted from the pages) -----------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "The **Battle of Tilpat** was fought between Jats",
            "The Battle of Tilpat was fought between Jats",
        ),
        ("  2. ^ _**a**_ _**b**_ Pande, Ram (1970).", "  2. ^ a b Pande, Ram (1970)."),
        (
            "  1. **^** Prasad, Ishvari (1974). _Mughal empire_. Allahabad",
            "  1. ^ Prasad, Ishvari (1974). Mughal empire. Allahabad",
        ),
        ("**Total** : 8,852", "Total: 8,852"),
        (
            " _Battle of Austerlitz, 2 December 1805_ , romanticized painting",
            " Battle of Austerlitz, 2 December 1805, romanticized painting",
        ),
        (
            "from the _Hofkriegsrat_ , the military-political council",
            "from the Hofkriegsrat, the military-political council",
        ),
        (
            "Leiden: Brill. pp. 221–248\\. ISBN 978-90-04310-03-2.",
            "Leiden: Brill. pp. 221–248. ISBN 978-90-04310-03-2.",
        ),
        (
            '"_Ontdek Utrecht_ [_Discover Utrecht_] (in Dutch)',
            '"Ontdek Utrecht [Discover Utrecht] (in Dutch)',
        ),
        # an underscore inside a word is a letter
        ("title=Battle_of_Tilpat_(1669)&oldid=1293062598", "title=Battle_of_Tilpat_(1669)&oldid=1293062598"),
    ],
)
def test_inline_markup_is_dropped(line: str, expected: str) -> None:
    assert cleaned(line) == expected


def test_inline_pass_is_linear_on_unpaired_runs() -> None:
    import time

    start = time.perf_counter()
    cleaned("**a_" * 50_000)
    cleaned("_a **b" * 50_000)
    assert time.perf_counter() - start < 5


# --- the rewrite -------------------------------------------------------------------------------


def test_tilpat_rewrite_has_the_innertext_shape() -> None:
    conv = markdown.convert(source(T), EN)
    lines = conv.text.split("\n")
    assert lines[:2] == ["Battle of Tilpat (1669)", "From Wikipedia, the free encyclopedia"]
    for line in (
        "Date\t12 May 1669",  # | Date| 12 May 1669
        "Mughal forces\tJat chiefs of Tilpat",  # Mughal forces|  Jat chiefs of Tilpat
        "Hasan Ali Khan\tGokula Jat",
        "4,000 killed\t5,000 killed",
        "Background[edit]",  # ## Background / [edit]
        "2. ^ a b Pande, Ram (1970). Bharatpur Upto 1826: A Social and Political History of the Jats. "
        "Rama Publishing House.",
    ):
        assert line in lines
    assert "Main menu" not in lines and "Jump to content" not in lines
    assert "---" not in lines and "---|---" not in lines
    # every character maps back into the input
    src = source(T)
    assert len(conv.offsets) == len(conv.text)
    for n, ch in enumerate(conv.text):
        if ch not in "\n\t":
            assert src[conv.offsets[n]] == ch, n


def test_austerlitz_rewrite_joins_cells_and_wrapped_labels() -> None:
    lines = markdown.convert(source(A), EN).text.split("\n")
    # Territorial  / changes|  Dissolution of the Holy Roman Empire ...
    assert (
        "Territorial changes\tDissolution of the Holy Roman Empire and creation of the Confederation of "
        "the Rhine" in lines
    )
    # "  * Kingdom of Italy" / "| " / "  * Russian Empire": one row, a TAB between the columns
    assert "Kingdom of Italy\tRussian Empire" in lines
    assert "Dominique Vandamme\tAlexander I" in lines
    assert "Royal Guard[1]\tRussian Imperial Guard" in lines
    assert "573 captured[7]\tTotal: 27,000–36,000" in lines
    # an image caption between headings and prose is not prose
    assert "Map of the landscape monument zone Pyramid of Austerlitz near Utrecht" not in lines


def test_headings_without_edit_lines_still_are_headings() -> None:
    text = source(T).replace("\n\n[edit]\n", "\n")
    assert "[edit]" not in text
    names = [s.heading for s in markdown.read(text, EN).sections if s.heading]
    assert names == ["Background", "Battle", "References"]


# --- the Document: spans into the original input -----------------------------------------------


@pytest.mark.parametrize("name", [T, A])
def test_document_spans_point_into_the_input(name: str) -> None:
    d = doc(name)
    assert d.text == source(name)
    check_document(d)  # exact Segs are the input slices they claim
    segs = [s for sec in d.sections for s in sec.paragraphs]
    assert segs and all(s.start is not None for s in segs)
    for s in segs:
        if not s.exact:  # markup was dropped: the span still covers the markdown line
            assert s.start is not None and s.end is not None
            assert cleaned(d.text[s.start : s.end]).strip() == s.text


def test_title_and_labels_are_exact() -> None:
    d = doc(T)
    assert d.title is not None and d.title.exact and d.title.text == "Battle of Tilpat (1669)"
    assert d.infobox is not None
    date = d.infobox["date"].lines()[0]
    assert date.exact and date.text == "12 May 1669"


def test_paragraphs_have_no_markup_and_no_page_chrome() -> None:
    for name in (T, A):
        paras = [p.text for s in doc(name).sections for p in s.paragraphs]
        for p in paras:
            assert "**" not in p and "\\." not in p
            assert not p.startswith(("  * ", "> ", "Retrieved from", "Main menu", "Jump to content"))
        assert not any(p.startswith(("Napoleon accepts the surrender", "French cuirassiers")) for p in paras)
    lead = doc(T).sections[0].paragraphs[0]
    assert lead.text.startswith(
        "The Battle of Tilpat was fought between Jats and Mughal Subahdars on 12 May 1669."
    )
    assert not lead.exact


# --- the record: Tilpat ------------------------------------------------------------------------


def test_tilpat_infobox() -> None:
    r = record(T)
    assert r.title == "Battle of Tilpat (1669)"
    assert r.part_of == ["Jat Rebellion (1667–1723)"]  # Part of The Jat Rebellion (1667–1723)
    assert r.date is not None and r.date.start is not None and r.date.start.value == "1669-05-12"
    assert r.location is not None and r.location.places == ["Tilpat"]
    assert r.result is not None and r.result.outcome == "Mughal victory" and r.result.refs == ["1"]
    s1, s2 = r.sides
    assert [p.name for p in s1.belligerents] == ["Mughal forces"]
    assert [p.name for p in s2.belligerents] == ["Jat chiefs of Tilpat"]
    assert [c.name for c in s1.commanders] == ["Hasan Ali Khan"]
    assert [c.name for c in s2.commanders] == ["Gokula Jat", "Uday Singh Jat"]
    assert [(f.raw, f.low, f.qualifier) for f in s1.strength] == [("Unknown", None, "unknown")]
    assert [(f.low, f.high) for f in s2.strength] == [(20000, 20000)]
    assert [(c.figures[0].category, c.figures[0].low) for c in s1.casualties] == [("killed", 4000)]
    assert [(c.figures[0].category, c.figures[0].low) for c in s2.casualties] == [("killed", 5000)]


def test_tilpat_references() -> None:
    r = record(T)
    assert [x.id for x in r.references] == [str(n) for n in range(1, 9)]
    by_id = {x.id: x for x in r.references}
    # 1. **^** Prasad, Ishvari (1974). _Mughal empire_. Allahabad: Chugh Publications. p. 585. ...
    assert (by_id["1"].title, by_id["1"].authors) == ("Mughal empire", ["Prasad, Ishvari"])
    assert by_id["1"].date is not None and by_id["1"].date.value == "1974"
    # 3. ^ _**a**_ _**b**_ Awrangābādī, ... (1979). _The Maāt̲h̲ir-ul-umarā: ... 1780 A.D._ Janaki Prakashan.
    assert by_id["3"].title is not None and by_id["3"].title.endswith("from 1500 to about 1780 A.D.")
    assert by_id["4"].authors == ["Dwivedi, Girish Chandra", "Prasad, Ishwari"]
    assert by_id["8"].title == "The Great Mughals and Their India"
    # [2][3][4] in the lead and the rest resolve; "a b" back-links are counted
    assert not [w for w in r.warnings if w.code in ("unresolved-ref", "no-infobox")]
    assert by_id["2"].cited_by == 2
    assert [w.code for w in r.warnings] == ["no-figure"]


def test_tilpat_warning_span_points_into_the_input() -> None:
    w = record(T).warnings[0]
    assert w.span is not None
    assert source(T)[w.span.start : w.span.end] == "Unknown"  # Unknown|  20,000


# --- the record: Austerlitz --------------------------------------------------------------------


def test_austerlitz_infobox() -> None:
    r = record(A)
    assert r.title == "Battle of Austerlitz"
    assert r.part_of == ["War of the Third Coalition"]
    assert r.date is not None and r.date.start is not None and r.date.start.value == "1805-12-02"
    assert r.location is not None and r.location.places[:2] == ["Austerlitz", "Moravia"]
    assert r.location.coordinates is not None and r.location.coordinates.lat == pytest.approx(49.12806)
    assert r.result is not None and r.result.outcome == "French victory"
    assert (
        r.territory == "Dissolution of the Holy Roman Empire and creation of the Confederation of the Rhine"
    )


def test_austerlitz_places_without_coordinates() -> None:
    loc = record(A).location
    assert loc is not None and loc.places == ["Austerlitz", "Moravia", "Austrian Empire"]


def test_austerlitz_sides() -> None:
    s1, s2 = record(A).sides
    assert [p.name for p in s1.belligerents] == ["French Empire", "Kingdom of Italy"]
    assert [p.name for p in s2.belligerents] == ["Russian Empire", "Austrian Empire"]
    c1, c2 = [c.name for c in s1.commanders], [c.name for c in s2.commanders]
    assert (len(c1), c1[0], c1[-1]) == (12, "Napoleon I", "Dominique Vandamme")
    assert (len(c2), c2[0], c2[-1]) == (12, "Alexander I", "Johann I Joseph")
    u1, u2 = [u.name for u in s1.units], [u.name for u in s2.units]
    assert (len(u1), u1[0], u1[-1]) == (8, "Imperial Guard", "Royal Guard")
    assert (len(u2), u2[0], u2[-1]) == (8, "Russian Imperial Guard", "Fifth Cavalry Column")
    # 65,000–75,000[a]|  73,000–89,000[b]
    assert [(f.low, f.high, f.qualifier, f.refs) for f in s1.strength] == [(65000, 75000, "range", ["a"])]
    assert [(f.low, f.high, f.qualifier, f.refs) for f in s2.strength] == [(73000, 89000, "range", ["b"])]
    cas1 = [(c.figures[0].category, c.figures[0].low, c.figures[0].high) for c in s1.casualties]
    assert cas1 == [
        ("total", 8852, 8852),
        ("killed", 1288, 1288),
        ("wounded", 6991, 6991),
        ("captured", 573, 573),
    ]
    cas2 = [(c.figures[0].category, c.figures[0].low, c.figures[0].high) for c in s2.casualties]
    assert cas2[0] == ("total", 27000, 36000) and cas2[-1] == ("captured", 12000, 20000)
    assert s2.casualties[-1].refs == ["7", "8"]  # 12,000–20,000 captured[7][8]


def test_austerlitz_references() -> None:
    r = record(A)
    # the page: 3 explanatory notes, 110 citations, 46 general references
    assert len(r.references) == 159
    assert Counter(x.kind for x in r.references)["note"] == 3
    assert [x.id for x in r.references if x.kind == "note"] == ["a", "b", "c"]
    assert len([x for x in r.references if x.id.isdecimal()]) == 110
    assert len([x for x in r.references if x.id.startswith("bib-")]) == 46
    by_id = {x.id: x for x in r.references}
    # 1. **^** _37e bulletin de la Grande Armée_ , Schönbrunn, 26 December 1805.
    assert by_id["1"].title == "37e bulletin de la Grande Armée"
    # 2. ^ _**a**_ _**b**_ _**c**_ Chandler 1966, p. 416.
    assert (by_id["2"].kind, by_id["2"].authors, by_id["2"].pages) == ("short", ["Chandler"], "416")
    # 9. ^ _**a**_ _**b**_ "Why the Battle of Austerlitz was Napoleon's greatest triumph". _History Skills_.
    assert by_id["9"].title == "Why the Battle of Austerlitz was Napoleon's greatest triumph"
    assert by_id["9"].work == "History Skills"
    assert by_id["9"].accessed is not None and by_id["9"].accessed.value == "2024-03-19"
    # * Roberts, Andrew (2014). _Napoleon, A Life_. New York: Penguin Group. ISBN 978-0-670-02532-9.
    roberts = [x for x in r.references if x.kind == "bibliography" and x.authors == ["Roberts, Andrew"]]
    assert [x.title for x in roberts] == ["Napoleon, A Life"]
    # [a], [b], [c] and the numbered citations in the prose all resolve
    assert not [w for w in r.warnings if w.code == "unresolved-ref"]
    assert by_id["a"].cited_by == 1
    # the notes cite sources too: "... David G. Chandler claims 85,000.[4] Scott Bowden writes ...[5]"
    # (note b) and "... strained relations between the two.[29]" (note c); nothing else cites 4, 5, 29
    assert [by_id[i].cited_by for i in ("4", "5", "29")] == [1, 1, 1]


def test_austerlitz_sections() -> None:
    sections = doc(A).sections
    names = [s.heading for s in sections]
    assert names[:3] == [None, "Background", "Third Coalition"]
    assert '"One sharp blow and the war is over"' in names  # ### "One sharp blow and the war is over"
    kinds = {s.heading: s.kind for s in sections}
    assert kinds["Explanatory notes"] == "notes" and kinds["Citations"] == "references"
    assert kinds["General references"] == "bibliography" and kinds["External links"] == "external"
    assert len(sections[0].paragraphs) == 4
    first = sections[0].paragraphs[0].text
    assert first.startswith(
        "The Battle of Austerlitz (2 December 1805/11 Frimaire An XIV FRC), also known as the Battle"
    )
    bib = next(s for s in sections if s.heading == "General references")
    assert bib.paragraphs == []


@pytest.mark.parametrize("name", [T, A])
def test_record_spans_and_determinism(name: str) -> None:
    text = source(name)
    data = json.loads(record(name).model_dump_json())
    items = spanned(data)
    assert items
    for item in items:
        start, end = item["span"]["start"], item["span"]["end"]
        assert 0 <= start <= end <= len(text)
    again = parse((TEXT / name).read_bytes(), name=name, format="markdown")
    assert again.model_dump_json() == record(name).model_dump_json()
