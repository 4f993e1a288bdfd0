"""The number grammar (fields/figures.py) on real strength lines.

Every case names its source and quotes the page's string verbatim:
- derna: fixtures/en-militarywiki-derna-campaign/input.txt (the seed, /work/shared/seeds/)
- mechili, polotsk, hardest: fixtures/en-wikipedia-*-innertext/input.txt (/work/shared/corpus/text/)
- austerlitz, tilpat: /work/shared/corpus/text/en-text-battle-of-*.md (one cell of the pipe table)
- the others: the visible text of a strength parameter of /work/shared/corpus/wikitext/<page>.wiki
  (markup, <ref>s and {{efn}}s removed; `dump` = enwiki-battle-pages-2017.jsonl). `test_source`
  checks that each quoted string (text pages) or each of its numbers (wikitext) is in the file.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictparse.document import Seg
from conflictparse.fields.figures import NumberMatch, find_numbers, looks_like_figure, parse_figures
from conflictparse.lang import get
from tests.paths import SHARED

EN = get("en")
AR = get("ar")
ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = next((p for p in (ROOT.parent / "shared", SHARED) if p.is_dir()), ROOT.parent / "shared")
SOURCES = {
    "derna": FIXTURES / "en-militarywiki-derna-campaign" / "input.txt",
    "mechili": FIXTURES / "en-wikipedia-action-at-mechili-innertext" / "input.txt",
    "fustian": FIXTURES / "en-wikipedia-operation-fustian-innertext" / "input.txt",
    "polotsk": FIXTURES / "en-wikipedia-polotsk-offensive-innertext" / "input.txt",
    "hardest": FIXTURES / "en-wikipedia-the-hardest-day-innertext" / "input.txt",
    "austerlitz": SHARED / "corpus/text/en-text-battle-of-austerlitz.md",
    "tilpat": SHARED / "corpus/text/en-text-battle-of-tilpat-1669.md",
    "bosworth": SHARED / "corpus/wikitext/en-wikitext-battle-of-bosworth-field.wiki",
    "gettysburg": SHARED / "corpus/wikitext/en-wikitext-battle-of-gettysburg.wiki",
    "peleliu": SHARED / "corpus/wikitext/en-wikitext-battle-of-peleliu.wiki",
    "pharsalus": SHARED / "corpus/wikitext/en-wikitext-battle-of-pharsalus.wiki",
    "stalingrad": SHARED / "corpus/wikitext/en-wikitext-battle-of-stalingrad.wiki",
    "swiecino": SHARED / "corpus/wikitext/en-wikitext-battle-of-swiecino.wiki",
    "alamein": SHARED / "corpus/wikitext/en-wikitext-second-battle-of-el-alamein.wiki",
    "adwa": SHARED / "corpus/wikitext/en-wikitext-battle-of-adwa.wiki",
    "thirty": SHARED / "corpus/wikitext/en-wikitext-thirty-years-war.wiki",
    "arw": SHARED / "corpus/wikitext/en-wikitext-american-revolutionary-war-infobox.wiki",
    "dump": SHARED / "corpus/wikitext/enwiki-battle-pages-2017.jsonl",
}
_NUMBER = re.compile(r"\d[\d,]*\d|\d")


def check_source(source: str, text: str) -> None:
    """The quoted string is on the page (text copies) or its numbers are (wikitext)."""
    path = SOURCES[source]
    if not path.exists():
        pytest.skip(f"{path} not available")
    page = path.read_text(encoding="utf-8")
    if path.suffix in (".txt", ".md"):
        assert text in page, f"{text!r} not verbatim in {path.name}"
    else:
        for n in _NUMBER.findall(text):
            assert n in page, f"{n!r} of {text!r} not in {path.name}"


# (source, line, [(low, high, qualifier, unit)], refs of the first figure)
F = tuple[int | None, int | None, str, str | None]
STRENGTH: list[tuple[str, str, list[F], list[str]]] = [
    ("derna", "  • 1,100 fighters[6]", [(1100, 1100, "exact", "fighters")], ["6"]),
    ("derna", "Over 1,100 fighters[10]", [(1100, None, "at_least", "fighters")], ["10"]),
    ("mechili", "145 tanks", [(145, 145, "exact", "tanks")], []),
    ("mechili", "5,000 men", [(5000, 5000, "exact", "men")], []),
    ("mechili", "129 tanks", [(129, 129, "exact", "tanks")], []),
    ("mechili", "25 tankettes", [(25, 25, "exact", "tankettes")], []),
    ("mechili", "6 armoured cars", [(6, 6, "exact", "armoured cars")], []),
    ("mechili", "84 guns", [(84, 84, "exact", "guns")], []),
    ("polotsk", "?", [(None, None, "unknown", None)], []),
    ("austerlitz", "65,000–75,000[a]", [(65000, 75000, "range", None)], ["a"]),
    ("austerlitz", "73,000–89,000[b]", [(73000, 89000, "range", None)], ["b"]),
    ("tilpat", "Unknown", [(None, None, "unknown", None)], []),
    ("tilpat", "20,000", [(20000, 20000, "exact", None)], []),
    ("bosworth", "7,500–12,000", [(7500, 12000, "range", None)], []),
    ("bosworth", "5,000–8,000", [(5000, 8000, "range", None)], []),
    ("bosworth", "4,000–6,000", [(4000, 6000, "range", None)], []),
    ("gettysburg", '104,256 ("present for duty")', [(104256, 104256, "exact", None)], []),
    ("gettysburg", "71,000–75,000 (estimated)", [(71000, 75000, "range", None)], []),
    ("peleliu", "47,561", [(47561, 47561, "exact", None)], []),
    ("peleliu", "17 tanks", [(17, 17, "exact", "tanks")], []),
    (
        "pharsalus",
        "Approximately 22,000 legionaries (elements of 9 legions), 5,000–10,000 auxiliaries and allies, "
        "and allied cavalry of 1,800",
        [
            (22000, 22000, "about", None),
            (9, 9, "exact", None),
            (5000, 10000, "range", None),
            (1800, 1800, "exact", "cavalry"),
        ],
        [],
    ),
    (
        "pharsalus",
        "Approximately 40,000–45,000 legionaries (12 legions), 4,200 auxiliaries and allies, "
        "and allied cavalry of 5,000–8,000",
        [
            (40000, 45000, "range", None),
            (12, 12, "exact", None),
            (4200, 4200, "exact", None),
            (5000, 8000, "range", "cavalry"),
        ],
        [],
    ),
    ("stalingrad", "270,000 personnel", [(270000, 270000, "exact", "personnel")], []),
    ("stalingrad", "3,000 artillery pieces", [(3000, 3000, "exact", "guns")], []),
    (
        "stalingrad",
        "600 aircraft, 1,600 by mid-September (Luftflotte 4)",
        [(600, 600, "exact", "aircraft"), (1600, 1600, "exact", None)],
        [],
    ),
    (
        "stalingrad",
        "c.\u00a01,040,000 men (400,000+ Germans, 220,000 Italians, 200,000 Hungarians, 143,296 Romanians, "
        "40,000 Hiwi)",
        [
            (1040000, 1040000, "about", "men"),
            (400000, None, "at_least", "men"),
            (220000, 220000, "exact", "men"),
            (200000, 200000, "exact", "men"),
            (143296, 143296, "exact", "men"),
            (40000, 40000, "exact", "men"),
        ],
        [],
    ),
    (
        "stalingrad",
        "732 (402 operational) aircraft",
        [(732, 732, "exact", "aircraft"), (402, 402, "exact", "aircraft")],
        [],
    ),
    ("stalingrad", "1,143,000", [(1143000, 1143000, "exact", None)], []),
    ("stalingrad", "13,451 artillery pieces", [(13451, 13451, "exact", "guns")], []),
    ("stalingrad", "1,115 aircraft", [(1115, 1115, "exact", "aircraft")], []),
    ("swiecino", "2,700", [(2700, 2700, "exact", None)], []),
    ("alamein", "116,000 men", [(116000, 116000, "exact", "men")], []),
    ("alamein", "192 armoured cars", [(192, 192, "exact", "armoured cars")], []),
    (
        "alamein",
        "770 – 900 aircraft (480 serviceable)",
        [(770, 900, "range", "aircraft"), (480, 480, "exact", "aircraft")],
        [],
    ),
    (
        "alamein",
        "730 – 750 aircraft (530 serviceable)",
        [(730, 750, "range", "aircraft"), (530, 530, "exact", "aircraft")],
        [],
    ),
    ("alamein", "892 – 908 artillery pieces", [(892, 908, "range", "guns")], []),
    ("alamein", "1,451 anti-tank guns", [(1451, 1451, "exact", "guns")], []),
    ("adwa", "80,000 armed with rifles", [(80000, 80000, "exact", None)], []),
    ("adwa", "42 artillery pieces", [(42, 42, "exact", "guns")], []),
    ("thirty", "149,000 Swedes (1632)", [(149000, 149000, "exact", None)], []),
    ("thirty", "Over 150,000 Imperial (1635)", [(150000, None, "at_least", None)], []),
    ("thirty", "Up to 300,000 Spanish", [(None, 300000, "at_most", None)], []),
    ("thirty", "About 20,000 Hungarian and Croatian cavalry", [(20000, 20000, "about", "cavalry")], []),
    ("arw", "5,000 sailors (peak 1779)", [(5000, 5000, "exact", "sailors")], []),
    ("arw", "94 ships-of-the-line (1782)", [(94, 94, "exact", "ships")], []),
    ("arw", "121,000 (global 1781)", [(121000, 121000, "exact", None)], []),
    ("dump", "100,000+ armed oarsmen and sailors", [(100000, None, "at_least", "sailors")], []),
    ("dump", "1,000+ artillery pieces", [(1000, None, "at_least", "guns")], []),
    ("dump", "~500 planes", [(500, 500, "about", "aircraft")], []),
    ("dump", "Modern estimates range from 6,000 to 9,000", [(6000, 9000, "range", None)], []),
    ("dump", "Several thousands Turks, and Vlachs", [(2000, None, "at_least", None)], []),
    ("dump", "Total: 73,000", [(73000, 73000, "exact", None)], []),
    (
        "dump",
        "96,000 troops (40,000 German, 56,000 Italian)",
        [
            (96000, 96000, "exact", "troops"),
            (40000, 40000, "exact", "troops"),
            (56000, 56000, "exact", "troops"),
        ],
        [],
    ),
]


@pytest.mark.parametrize(("source", "line", "expected", "refs"), STRENGTH, ids=[c[1][:40] for c in STRENGTH])
def test_strength(source: str, line: str, expected: list[F], refs: list[str]) -> None:
    check_source(source, line)
    figs = parse_figures(Seg(line, 0, len(line), True), EN)
    assert [(f.low, f.high, f.qualifier, f.unit) for f in figs] == expected
    assert figs[0].refs == refs
    for f in figs:
        assert f.span is not None and line[f.span.start : f.span.end] == f.raw
    if len(figs) == 1:
        assert figs[0].raw == line.strip()


@pytest.mark.xfail(strict=True, reason="a unit noun between the two ends of a range splits it")
def test_range_around_unit() -> None:
    line = "496 anti-tank guns – 1,063"  # alamein strength1, efn removed
    check_source("alamein", line)
    figs = parse_figures(Seg(line), EN)
    assert [(f.low, f.high, f.qualifier, f.unit) for f in figs] == [(496, 1063, "range", "guns")]


def test_refs_and_spans_in_the_seed() -> None:
    """Figures of the seed's strength lines point back into the page."""
    page = SOURCES["derna"].read_text(encoding="utf-8")
    for line, ref in (("  • 1,100 fighters[6]", "6"), ("Over 1,100 fighters[10]", "10")):
        start = page.index(line)
        seg = Seg(line, start, start + len(line), True)
        (fig,) = parse_figures(seg, EN)
        assert fig.refs == [ref]
        assert fig.span is not None
        assert page[fig.span.start : fig.span.end] == fig.raw == line.strip()


def test_sub_figures_keep_exact_spans() -> None:
    line = "770[3] – 900 aircraft (480 serviceable)[5]"
    page = "Strength\n" + line + "\n"
    seg = Seg(line, 9, 9 + len(line), True)
    figs = parse_figures(seg, EN)
    assert [f.raw for f in figs] == [line, "480 serviceable"]
    assert figs[0].refs == ["3", "5"] and figs[1].refs == []
    for f in figs:
        assert f.span is not None and page[f.span.start : f.span.end] == f.raw


# --------------------------------------------------------------------------- find_numbers grammar

N = tuple[int | None, int | None, str]
GRAMMAR: list[tuple[str, list[N]]] = [
    # real strings (hardest, polotsk, fustian, derna) ...
    ("27[2]–34 fighters destroyed[3]", [(27, 34, "range")]),
    ("69[3]–71[2] aircraft destroyed", [(69, 71, "range")]),
    ("37,000 dead, 7,000 POW (Soviet est)[1]", [(37000, 37000, "exact"), (7000, 7000, "exact")]),
    ("including only eight fighters[4]", [(8, 8, "exact")]),
    ("83+ fighters", [(83, None, "at_least")]),
    ("Several militiamen deserted[21]", [(None, None, "unknown")]),
    ("sentenced to death[24] and executed[25]", []),
    (
        "(6 years,\u00a011 months,\u00a01 week\u00a0and\u00a06 days)",
        [(6, 6, "exact"), (11, 11, "exact"), (1, 1, "exact"), (6, 6, "exact")],
    ),
    ("Date5 October 2014 – 21 April 2016", []),
    ("1,835 ships (1626–34)", [(1835, 1835, "exact")]),
    ("18,500 died of disease (1776–1780)", [(18500, 18500, "exact")]),
    ("332–c. 500 tanks", [(332, 500, "range")]),
    (
        "Modern estimates range from 12,000 (outnumbering the English 4:3) to 36,000",
        [(12000, 12000, "exact"), (36000, 36000, "exact")],
    ),
    ("less than 1,000 killed", [(None, 1000, "at_most")]),
    ("Around 600 dead, unknown wounded", [(600, 600, "about"), (None, None, "unknown")]),
    ("64 German and 20 Italian aircraft", [(64, 64, "exact"), (20, 20, "exact")]),
    # ... and the grammar the brief names
    ("1 100", [(1100, 1100, "exact")]),
    ("1\u00a0100 men", [(1100, 1100, "exact")]),
    ("1\u202f100 men", [(1100, 1100, "exact")]),
    ("1 10 men", [(1, 1, "exact"), (10, 10, "exact")]),
    ("2014 120 fighters", [(2014, 2014, "exact"), (120, 120, "exact")]),
    ("4,548–8,407", [(4548, 8407, "range")]),
    ("2,000 to 3,000", [(2000, 3000, "range")]),
    ("2,000-3,000", [(2000, 3000, "range")]),
    ("between 200 and 2,000", [(200, 2000, "range")]),
    ("13,000+", [(13000, None, "at_least")]),
    ("6,000 or more", [(6000, None, "at_least")]),
    ("More than 300", [(300, None, "at_least")]),
    ("At least 40", [(40, None, "at_least")]),
    ("Up to 500", [(None, 500, "at_most")]),
    ("c. 5,000", [(5000, 5000, "about")]),
    ("~230", [(230, 230, "about")]),
    ("about 300", [(300, 300, "about")]),
    ("approximately 300", [(300, 300, "about")]),
    ("dozens", [(24, None, "at_least")]),
    ("tens of thousands", [(20000, None, "at_least")]),
    ("several thousand", [(2000, None, "at_least")]),
    ("Unknown", [(None, None, "unknown")]),
    ("?", [(None, None, "unknown")]),
    ("1.5 million", [(1500000, 1500000, "exact")]),
    ("1.5–2 million", [(1500000, 2000000, "range")]),
    ("two hundred", [(200, 200, "exact")]),
    ("twenty-five", [(25, 25, "exact")]),
    ("12 heavy tanks", [(12, 12, "exact")]),
    ("4th Shock Army", []),
    ("B-17 bombers", []),
    ("7.65 cm guns", []),
    ("38% of the force", []),
    ("[12] 300 men [2014]", [(300, 300, "exact")]),
    ("5 October", []),
]


@pytest.mark.parametrize(("text", "expected"), GRAMMAR, ids=[c[0][:40] for c in GRAMMAR])
def test_find_numbers(text: str, expected: list[N]) -> None:
    got = find_numbers(text, EN)
    assert [(m.low, m.high, m.qualifier) for m in got] == expected
    for m in got:
        assert text[m.start : m.end].strip() == text[m.start : m.end]


def test_match_spans_include_qualifiers() -> None:
    text = "Over 1,100 fighters[10]"
    (m,) = find_numbers(text, EN)
    assert text[m.start : m.end] == "Over 1,100"
    text = "27[2]–34 fighters destroyed[3]"
    (m,) = find_numbers(text, EN)
    assert text[m.start : m.end] == "27[2]–34"
    assert (m.kind, m.swapped) == ("number", False)


def test_reversed_range_is_swapped() -> None:
    (m,) = find_numbers("3,000–2,000 killed", EN)
    assert (m.low, m.high, m.qualifier, m.swapped) == (2000, 3000, "range", True)


def test_arabic_digits_and_separators() -> None:
    """Digits of any script; the separators come from the table (Arabic: '٬' and '،')."""
    assert [(m.low, m.high) for m in find_numbers("١٬١٠٠ مقاتل", AR)] == [(1100, 1100)]
    assert [(m.low, m.high) for m in find_numbers("20،000", AR)] == [(20000, 20000)]
    assert [(m.low, m.high) for m in find_numbers("۲۰۰ قتيل", AR)] == [(200, 200)]
    assert [(m.low, m.high, m.qualifier) for m in find_numbers("أكثر من ١٬١٠٠ مقاتل", AR)] == [
        (1100, None, "at_least")
    ]
    # 'و' (and) glued to the digits still leaves a number
    assert [(m.low, m.high) for m in find_numbers("13 قتيلاً و48 جريحاً", AR)] == [(13, 13), (48, 48)]
    # English has no Arabic separators: '١٬١٠٠' is two numbers there, and ١١٠٠ one
    assert [(m.low, m.high) for m in find_numbers("١١٠٠", EN)] == [(1100, 1100)]
    assert len(find_numbers("١٬١٠٠", EN)) == 2


def test_separators_are_table_data() -> None:
    no_space = dataclasses.replace(EN, thousands_separators=(",",))
    assert [m.low for m in find_numbers("1 100", no_space)] == [1, 100]
    assert [m.low for m in find_numbers("1 100", EN)] == [1100]


# --------------------------------------------------------------------------- looks_like_figure

LOOKS: list[tuple[str, str, bool]] = [
    ("derna", "  • 1,100 fighters[6]", True),
    ("derna", "Over 1,100 fighters[10]", True),
    ("derna", "83+ fighters", True),
    ("derna", "Several militiamen deserted[21]", True),
    ("derna", "SCMD: 8 killed", True),
    ("derna", "Egypt Egypt", False),
    ("derna", "Wilayat Barqa[6][9][17] Abu Salim Martyrs Brigade[18]", False),
    ("derna", "Islamic State of Iraq and the Levant Military of ISIL", False),
    ("derna", "(6 years,\u00a011 months,\u00a01 week\u00a0and\u00a06 days)", False),
    ("derna", "Sofian Qumu\u00a0(POW) (Senior ISIL commander)[10]", False),
    ("derna", "Air Mshl Younes Hamed", False),
    ("polotsk", "4th Shock Army", False),
    ("polotsk", "Reserve: 201st Security Division, 221st Security Division", False),
    ("polotsk", "?", True),
    ("mechili", "145 tanks", True),
    ("mechili", "7 tanks destroyed", True),
    ("fustian", " 213 Coastal Division", False),
    ("fustian", " 1st Parachute Brigade", False),
    ("fustian", " 50th Infantry Division", False),
    ("fustian", "Unknown", True),
    ("hardest", "27[2]–34 fighters destroyed[3]", True),
    ("hardest", " Hugh Dowding", False),
    ("dump", "Total: 73,000", True),
    ("dump", "Kampfgeschwader 76", False),
]


@pytest.mark.parametrize(("source", "line", "expected"), LOOKS, ids=[c[1][:40] for c in LOOKS])
def test_looks_like_figure(source: str, line: str, expected: bool) -> None:
    if source != "dump":
        check_source(source, line)
    assert looks_like_figure(line, EN) is expected


# --------------------------------------------------------------------------- robustness


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789١٢٠,. -–+~()[]?abcdeorstx\n\u00a0")), max_size=80))
def test_find_numbers_never_raises_and_orders_bounds(text: str) -> None:
    for lang in (EN, AR):
        prev = -1
        for m in find_numbers(text, lang):
            assert isinstance(m, NumberMatch)
            assert 0 <= m.start < m.end <= len(text) and m.start >= prev
            prev = m.start
            if m.low is not None and m.high is not None:
                assert m.low <= m.high
        for f in parse_figures(Seg(text, 0, len(text), True), lang):
            if f.low is not None and f.high is not None:
                assert f.low <= f.high
            assert f.span is not None and text[f.span.start : f.span.end] == f.raw


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_any_text(text: str) -> None:
    for m in find_numbers(text, EN):
        assert m.low is None or m.high is None or m.low <= m.high
    parse_figures(Seg(text), EN)
    looks_like_figure(text, EN)


def test_long_adversarial_input() -> None:
    """Megabyte-scale input gives bounded figures (speed: benchmarks/scaling.py)."""
    text = ("1,000,000,000 " * 2000) + ("1" * 50_000) + (" (" * 5000) + ("over 5 to 6 " * 5000)
    found = find_numbers(text, EN)
    assert found and all(m.low is None or m.high is None or m.low <= m.high for m in found)
    assert parse_figures(Seg(text), EN)
