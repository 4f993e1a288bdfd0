"""The three seed pages: what the issues name as 'done when', asserted value by value."""

from __future__ import annotations

from pathlib import Path

from conflictparse import ConflictRecord, parse, parse_file
from conflictparse.document import Seg
from conflictparse.fields.casualties import parse_casualty
from conflictparse.fields.figures import parse_figures
from conflictparse.lang import get

FIX = Path(__file__).resolve().parent.parent / "fixtures"


def seed() -> ConflictRecord:
    return parse_file(FIX / "en-militarywiki-derna-campaign" / "input.txt")


def figures(record: ConflictRecord) -> list[tuple[str, int | None, int | None, str]]:
    rows = [c for s in record.sides for c in s.casualties] + record.casualties_other
    return [(f.category, f.low, f.high, f.qualifier) for c in rows for f in c.figures]


def test_seed_sides_and_belligerents() -> None:
    r = seed()
    assert r.source.site == "Military Wiki" and r.source.format == "text" and r.source.language == "en"
    assert [[b.name for b in s.belligerents] for s in r.sides] == [
        ["Libyan parliament", "Egypt", "United States"],
        ["Islamic State of Iraq and the Levant"],
        ["Shura Council of Mujahideen in Derna"],
    ]
    assert r.part_of == ["Libyan Civil War (2014–present)", "Military intervention against ISIL"]


def test_seed_date_and_duration_mismatch() -> None:
    r = seed()
    assert r.date is not None and r.date.start is not None and r.date.end is not None
    assert (r.date.start.value, r.date.start.precision) == ("2014-10-05", "day")
    assert (r.date.end.value, r.date.end.precision) == ("2016-04-21", "day")
    assert r.date.note == "ISIL presence since early 2014" and r.date.refs == ["5"]
    assert [w.code for w in r.warnings].count("duration-mismatch") == 1


def test_seed_twelve_commanders() -> None:
    r = seed()
    cmds = {c.name: c for s in r.sides for c in s.commanders}
    assert len(cmds) == 12
    assert cmds["Saqr Geroushi"].rank == "Brig. Gen."
    assert cmds["Younes Hamed"].rank == "Air Mshl"
    assert cmds["Sofian Qumu"].status == ["captured"]
    assert cmds["Sofian Qumu"].role == "Senior ISIL commander"
    assert all(c.role for c in cmds.values())
    side_of = {c.name: s.index for s in r.sides for c in s.commanders}
    assert side_of["Abdullah al-Thani"] == 1 and side_of["Abu Bakr al-Baghdadi"] == 2
    assert side_of["Hassan al-Mansouri"] == 3 and side_of["Hussam al-Nawaisri"] == 3


def test_seed_casualties_and_strength() -> None:
    r = seed()
    figs = figures(r)
    assert ("executed", 14, 14, "exact") in figs
    assert ("casualties", 83, None, "at_least") in figs
    assert ("killed", 13, 13, "exact") in figs and ("wounded", 48, 48, "exact") in figs
    scmd = next(c for s in r.sides for c in s.casualties if c.raw.startswith("SCMD"))
    assert scmd.context == "Battle against LNA" and scmd.figures[0].low == 8
    assert [s.index for s in r.sides if scmd in s.casualties] == [3]
    (civ,) = r.casualties_other
    assert [(f.category, f.low, f.who) for f in civ.figures] == [("executed", 3, "civilians")]
    strength = [(f.low, f.high, f.qualifier) for s in r.sides for f in s.strength]
    assert (1100, 1100, "exact") in strength and (1100, None, "at_least") in strength


def test_seed_references_and_citations() -> None:
    r = seed()
    assert [ref.id for ref in r.references] == [str(i) for i in range(1, 52)]
    six = r.references[5]
    assert six.title == "ISIS comes to Libya"
    assert six.authors[:2] == ["Cruickshank, Paul", "Robertson, Nic"]
    assert six.date is not None and six.date.value == "2014-11-18"
    assert six.accessed is not None and six.accessed.value == "2014-11-19"
    four = r.references[3]
    assert (
        four.work == "Associated Press" and four.archived is not None and four.archived.value == "2015-06-10"
    )
    assert not [w for w in r.warnings if w.code == "unresolved-ref"]
    # "6. 6.0 6.1 ... 6.7": eight places cite it; the copy keeps five of their markers
    assert six.cited_by == 8
    # "1. 1.0 1.1": cited twice in the page, in a part the copy lost (no "[1]" in it)
    assert r.references[0].cited_by == 2
    tags = [w for w in r.warnings if w.code == "maintenance-tag"]
    assert len(tags) == 1 and "not in citation given" in tags[0].message
    assert all("[" not in e.text for e in r.events)


def test_seed_events() -> None:
    r = seed()
    by_start = {e.text[:25]: (e.date.start.value, e.date.start.precision) for e in r.events if e.date.start}
    assert by_start["On 5 October 2014, the IS"] == ("2014-10-05", "day")
    assert by_start["In March 2015, the Libyan"] == ("2015-03", "month")
    assert any(v == ("2014-10-30", "day") for v in by_start.values())  # "on 30 October", from its paragraph


def test_arabic_seed() -> None:
    r = parse_file(FIX / "ar-wikipedia-derna-campaign-fragment" / "input.txt")
    text = (FIX / "ar-wikipedia-derna-campaign-fragment" / "input.txt").read_text(encoding="utf-8")
    assert r.source.language == "ar" and len(r.sides) == 1
    cmds = r.sides[0].commanders
    assert [c.name for c in cmds] == ["أبو البراء الأزدي", "صلاح بن علي", "سفيان قمو"]
    assert cmds[0].role == "قاضي المحكمة الشؤعية بدرنة"
    assert cmds[1].status == ["killed"]
    assert cmds[2].status == ["captured"] and cmds[2].role == "قيادي بارز بالدولة الإسلامية"
    orphan = [w for w in r.warnings if w.code == "orphan-role"]
    assert len(orphan) == 1 and "خليفة الدولة الإسلامية" in orphan[0].message
    assert (
        orphan[0].span is not None
        and text[orphan[0].span.start : orphan[0].span.end] == "(خليفة الدولة الإسلامية)"
    )
    for c in cmds:  # spans are code-point offsets that slice the right-to-left input exactly
        assert c.span is not None and text[c.span.start : c.span.end].startswith(c.name)
    starts = {(e.date.start.value, e.date.start.precision) for e in r.events if e.date.start}
    assert {("2014-10", "month"), ("2014-10-05", "day"), ("2015-07-30", "day")} <= starts
    assert len(r.references) == 2
    assert all(ref.archived is not None and ref.accessed is not None for ref in r.references)
    assert r.references[0].accessed is not None and r.references[0].accessed.value == "2014-11-19"


def test_blog_seed() -> None:
    r = parse_file(FIX / "en-fr-blog-derna-liberated" / "input.txt")
    assert r.source.format == "article" and r.source.language == "en"
    assert r.title is not None and r.title.startswith("ISIS freaks forced to flee the Libyan city of Derna")
    dated = {(e.date.start.value, " ".join(e.date.raw.split())) for e in r.events if e.date.start}
    assert ("2016-04-21", "le mercredi 21 avril 2016") in dated
    assert ("2015-06", "last June") in dated
    # "since Wednesday", counted back from the article's date (the latest full date it states);
    # the page calls 21 April 2016 a Wednesday ("le mercredi 21 avril 2016"), the calendar a
    # Thursday: the page's date is kept as written, the weekday phrase resolves by the calendar
    assert ("2016-04-20", "Wednesday") in dated
    assert not any("comment" in e.text.lower() or "log in" in e.text.lower() for e in r.events)


def test_french_and_arabic_figures() -> None:
    fr, ar = get("fr"), get("ar")
    (f,) = parse_figures(Seg("3 000 à 12 000 hommes"), fr)
    assert (f.low, f.high, f.qualifier, f.unit) == (3000, 12000, "range", "men")
    (k,) = parse_casualty(Seg("Au moins 8000 morts"), fr).figures
    assert (k.category, k.low, k.high, k.qualifier) == ("killed", 8000, None, "at_least")
    (a,) = parse_figures(Seg("20،000–30،000"), ar)
    assert (a.low, a.high, a.qualifier) == (20000, 30000, "range")
    (b,) = parse_figures(Seg("13،000+"), ar)
    assert (b.low, b.high, b.qualifier) == (13000, None, "at_least")


def test_no_infobox_page_warns() -> None:
    r = parse(
        "Some notes\n\nThis page is a plain paragraph of running text that names no battle at all and has "
        "no infobox, written long enough to read as prose rather than a title or a label.\n",
        "text",
    )
    assert "no-infobox" in [w.code for w in r.warnings] and r.sides == []
