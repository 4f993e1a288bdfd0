"""The text reader on a copy without edit links: headings from the page's Contents block, and infobox
rows of labels the table does not know. The page is the Novi Sad raid innerText fixture (a
Wikipedia `action=render` copy: no "[edit]", no title line)."""

from __future__ import annotations

from pathlib import Path

from conflictparse.lang import get
from conflictparse.readers.text import read

EN = get("en")
PAGE = Path(__file__).resolve().parent.parent / "fixtures/en-wikipedia-novi-sad-raid-innertext/input.txt"


def test_headings_come_from_the_contents_block() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert "\nContents\n1 The Raid\n" in text and "[edit]" not in text
    doc = read(text, EN)
    assert [(s.heading, s.kind) for s in doc.sections] == [
        (None, "lead"),
        ("The Raid", "body"),
        ("Novi Sad", "body"),
        ("Casualties", "body"),
        ("Causes and initiators", "body"),
        ("Responsibility", "body"),
        ("Aftermath", "body"),
        ("See also", "see_also"),
        ("References", "references"),
        ("Literature", "bibliography"),
        ("External links", "external"),
    ]
    paragraphs = [p.text for s in doc.sections for p in s.paragraphs]
    # captions right under a heading are not prose, and no longer headings of their own
    assert "Monument to the Victims of the Raid in Novi Sad" not in paragraphs
    assert not any(p.startswith("Map of places affected by the raid") for p in paragraphs)
    for s in doc.sections:
        if s.heading_seg is not None:
            assert text[s.heading_seg.start : s.heading_seg.end] == s.heading


def test_an_unknown_row_ends_the_field_above_it() -> None:
    # "Location<TAB>southern Bačka" is followed by "Also known as<TAB>1942 raid in southern Bačka"
    doc = read(PAGE.read_text(encoding="utf-8"), EN)
    assert doc.infobox is not None
    assert [s.text for s in doc.infobox["place"].lines()] == ["southern Bačka"]
    assert [w.message for w in doc.warnings if w.code == "unknown-label"] == [
        "infobox label 'Also known as' is not a known label",
        "infobox label 'Cause' is not a known label",
        "infobox label 'Participants' is not a known label",
        "infobox label 'Deaths' is not a known label",
    ]
    assert all(w.span is not None for w in doc.warnings)


T21 = Path(__file__).resolve().parent.parent / "fixtures/en-wikipedia-type-21-frigate-innertext/input.txt"


def test_a_copy_that_starts_with_an_image_caption() -> None:
    # Type 21 frigate (action=render copy): line 1 is the caption "HMS Antelope was sunk in the
    # Falklands War", the infobox is a ship class's, a caption sits above the lead, a navbox at the end
    text = T21.read_text(encoding="utf-8")
    assert text.startswith("HMS Antelope was sunk in the Falklands War\n")
    doc = read(text, EN)
    assert doc.title is None  # the lead does not name it: a caption, not the title
    assert doc.sections[0].kind == "lead" and doc.sections[0].heading is None
    assert doc.sections[0].paragraphs[0].text.startswith("The Type 21 frigate, or Amazon-class frigate")
    development = next(s for s in doc.sections if s.heading == "Development")
    # a section's short last paragraph, right above the next heading, is prose, not a caption
    assert (
        development.paragraphs[-1].text
        == "The first of the eight built, Amazon, entered service in May 1974."
    )
    raws = [r.seg.text for r in doc.references]
    assert not any(r.startswith(("Preceded by", "Followed by", "List of frigates")) for r in raws)


def test_a_person_infobox_is_no_commanders() -> None:
    # John B. England: "Born<TAB>January 15, 1923", "Rank<TAB>Lt Col" ... (a military person's infobox)
    path = Path(__file__).resolve().parent.parent / "fixtures/en-wikipedia-john-b-england-innertext/input.txt"
    doc = read(path.read_text(encoding="utf-8"), EN)
    assert not doc.infobox
    (w,) = [w for w in doc.warnings if w.code == "uninterpreted"]
    assert "'Born', 'Died', 'Allegiance'" in w.message and w.span is not None


FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EAGLE = FIXTURES / "en-wikipedia-eagle-class-patrol-craft-innertext/input.txt"


def test_a_ship_infobox_with_colon_labels_is_no_commanders() -> None:
    # Eagle-class patrol craft: "Name:<TAB>Eagle", "Displacement:<TAB>615 long tons (625 t)": a ship
    # class's infobox; its "(625 t)" had made a role and "General characteristics" a rank
    doc = read(EAGLE.read_text(encoding="utf-8"), EN)
    assert not doc.infobox
    (w,) = [w for w in doc.warnings if w.code == "uninterpreted" and "infobox" in w.message]
    assert "'Name', 'Operators', 'Completed'" in w.message and w.span is not None


def test_a_line_after_the_reference_list_is_warned_not_joined() -> None:
    # Eagle: "^ Sears, David, ... pg. 16", a blank line, then "This article incorporates text from the
    # public domain Dictionary of American Naval Fighting Ships. See here for text"
    doc = read(EAGLE.read_text(encoding="utf-8"), EN)
    assert doc.references[-1].seg.text.endswith("NAL Caliber 2005 pg. 16")
    (w,) = [w for w in doc.warnings if w.code == "uninterpreted" and "References" in w.message]
    assert "'This article incorporates text" in w.message and w.span is not None
