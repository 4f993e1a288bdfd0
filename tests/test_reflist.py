"""readers/reflist.py: cutting real reference blocks into entries (ids, kinds, back-links, spans).

Pages: the Military Wiki seed (numbered list with `6.0 6.1` back-links), the four Wikipedia
innerText copies (`^`-style lists, notes groups, bibliographies) and the Arabic seed fragment
(`^ ابجد` back-links fused to the text, `^"Title"` with no space).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictparse.document import Seg
from conflictparse.lang.ar import TABLE as AR
from conflictparse.lang.en import TABLE as EN
from conflictparse.readers.reflist import note_hint, split_block, split_entries
from tests.paths import SEEDS

ROOT = Path(__file__).resolve().parent.parent / "fixtures"
SEED = ROOT / "en-militarywiki-derna-campaign" / "input.txt"
MECHILI = ROOT / "en-wikipedia-action-at-mechili-innertext" / "input.txt"
FUSTIAN = ROOT / "en-wikipedia-operation-fustian-innertext" / "input.txt"
POLOTSK = ROOT / "en-wikipedia-polotsk-offensive-innertext" / "input.txt"
HARDEST = ROOT / "en-wikipedia-the-hardest-day-innertext" / "input.txt"
AR_SEED = SEEDS / "ar-wikipedia-derna-campaign-fragment.txt"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _lines(text: str) -> list[Seg]:
    out: list[Seg] = []
    pos = 0
    for line in text.split("\n"):
        out.append(Seg(line, pos, pos + len(line), True))
        pos += len(line) + 1
    return out


def _block(text: str, after: str, stop: str | None = None, nth: int = 1) -> list[Seg]:
    """The exact lines after the `nth` line equal to `after`, up to (not including) a line equal to `stop`."""
    lines = _lines(text)
    seen = 0
    start = None
    for i, seg in enumerate(lines):
        if seg.text == after:
            seen += 1
            if seen == nth:
                start = i + 1
                break
    assert start is not None, after
    end = len(lines)
    if stop is not None:
        end = next(i for i in range(start, len(lines)) if lines[i].text == stop)
    return lines[start:end]


# --- numbered list with numbered back-links (Military Wiki seed) ----------------------------------


def test_seed_has_51_numbered_entries_with_back_links() -> None:
    text = _read(SEED)
    block = split_block(_block(text, "See also[]"), EN, source=text)
    entries = block.entries
    assert [e.id for e in entries] == [str(i) for i in range(1, 52)]
    assert {e.kind for e in entries} == {"citation"}
    by_id = {e.id: e for e in entries}
    # "  6. 6.0 6.1 6.2 6.3 6.4 6.5 6.6 6.7 Cruickshank, Paul; ..."
    assert by_id["6"].backlinks == 8
    assert by_id["6"].seg.text.startswith("Cruickshank, Paul; Robertson, Nic; Lister, Tim; Karadsheh, Jomana")
    assert by_id["10"].backlinks == 4
    assert by_id["1"].backlinks == 2
    assert by_id["5"].backlinks == 1  # "  5. "ISIS Now Has ..." (no back-link tokens)
    for e in entries:  # every entry is an exact slice of the input, without number and back-links
        assert e.seg.exact and e.seg.start is not None and e.seg.end is not None
        assert text[e.seg.start : e.seg.end] == e.seg.text
        assert not e.seg.text.startswith((f"{e.id}.", "^"))
        assert e.seg.text[:1] == '"' or e.seg.text[:1].isupper()  # a title or an author
    assert (
        by_id["23"].seg.text
        == '"". International Business Times. 18 February 2015. Retrieved 18 February 2015.'
    )
    # the licence line after the list is not an entry, and it is reported
    assert [s.text for s in block.skipped] == [
        "This page uses Creative Commons Licensed content from Wikipedia (view authors)."
    ]


def test_seed_entry_20_and_44_keep_their_odd_text() -> None:
    text = _read(SEED)
    by_id = {e.id: e for e in split_entries(_block(text, "See also[]"), EN)}
    assert by_id["20"].seg.text == (
        '"ISIS Fighters Kill 14 Soldiers in Southern Libya". News From Retrieved 29 January 2015.'
    )
    assert by_id["44"].seg.text.endswith(
        "16 February 2015.,7340,L-4627076,00.html. Retrieved 16 February 2015."
    )


def test_wrapped_entry_is_joined_into_one_exact_seg() -> None:
    # entry 6 of the seed, as a plain-text copy that wraps it onto an indented second line
    line = _lines(_read(SEED))[107].text
    cut = line.index(' "ISIS comes to Libya"')
    text = line[:cut] + "\n      " + line[cut + 1 :] + "\n  7. 7.0 7.1 " + '"Islamic State in retreat".'
    lines = _lines(text)
    entries = split_entries(lines, EN, source=text)
    assert [e.id for e in entries] == ["6", "7"]
    seg = entries[0].seg
    assert seg.exact and seg.text == text[seg.start : seg.end]
    assert seg.text.startswith("Cruickshank, Paul;") and seg.text.endswith("Retrieved 19 November 2014.")
    assert "\n" in seg.text
    # without the source the join is not exact but keeps both lines and the span
    loose = split_entries(lines, EN)[0].seg
    assert not loose.exact
    assert loose.text.split("\n")[1].startswith('"ISIS comes to Libya"')
    assert (loose.start, loose.end) == (seg.start, seg.end)


# --- caret lists (Wikipedia innerText copies) -----------------------------------------------------


def test_mechili_footnotes_are_numbered_short_footnotes() -> None:
    text = _read(MECHILI)
    entries = split_entries(_block(text, "Footnotes[edit]", "References[edit]"), EN, "note", source=text)
    assert [e.id for e in entries] == [str(i) for i in range(1, 12)]
    kinds = [e.kind for e in entries]
    assert kinds == ["short"] * 8 + ["citation", "short", "short"]  # "^ Mechili & Derna Fall"
    assert entries[0].seg.text == "Macksey 1972, pp.\u00a0121–123."
    assert [e.backlinks for e in entries[:3]] == [1, 2, 1]  # "^ a b Playfair 1954, p. 353."
    assert entries[9].seg.text == "Parri nd."


def test_back_links_after_z_run_on_in_pairs() -> None:
    # Type 21 frigate: "^ a b c ... x y z aa ab ac ad ae af Lippiett, John Modern Combat Ships 5, ..."
    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    path = fixtures / "en-wikipedia-type-21-frigate-innertext/input.txt"
    line = next(ln for ln in path.read_text(encoding="utf-8").splitlines() if "Lippiett, John Modern" in ln)
    assert line.startswith("^ a b c d e f g h i j k l m n o p q r s t u v w x y z aa ab ac ad ae af Lippiett")
    (entry,) = split_entries([Seg(line, 0, len(line), True)], EN)
    assert entry.backlinks == 32
    assert entry.seg.text.startswith("Lippiett, John Modern Combat Ships 5")
    # a short run stops at the first word: "about" is text, not the pair "ab"
    (entry,) = split_entries([Seg("^ a b about the war", 0, 19, True)], EN)
    assert (entry.backlinks, entry.seg.text) == (2, "about the war")


def test_mechili_references_are_a_bibliography_with_sub_headings_skipped() -> None:
    text = _read(MECHILI)
    block = split_block(_block(text, "References[edit]", "Further reading[edit]"), EN, source=text)
    assert [e.id for e in block.entries] == ["bib-1", "bib-2", "bib-3", "bib-4", "bib-5"]
    assert {e.kind for e in block.entries} == {"bibliography"}
    assert block.entries[0].seg.text.startswith("Long, Gavin (1952). To Benghazi (PDF).")
    assert block.entries[4].seg.text.startswith('Parri, M. "Storia del 32° Rgt.')
    assert [s.text for s in block.skipped] == ["Books", "Websites"]
    # the next block of the page numbered on, as the HTML reader numbers a page's lists
    more = split_entries(
        _block(text, "Further reading[edit]", "External links[edit]"), EN, "bibliography", first_bib=6
    )
    assert [e.id for e in more] == ["bib-6", "bib-7", "bib-8", "bib-9", "bib-10"]
    assert more[3].seg.text.startswith("Christie, H. R. (1999). Fallen Eagles:")


def test_fustian_notes_group_read_from_the_prose_markers() -> None:
    # "Notes[edit]" / "Footnotes" (4 notes cited as [nb 1]..[nb 4]) / "Citations" (57 numbered)
    text = _read(FUSTIAN)
    lines = _block(text, "Notes[edit]", "References[edit]")
    block = split_block(lines, EN, "note", source=text)
    ids = [e.id for e in block.entries]
    assert ids == ["nb 1", "nb 2", "nb 3", "nb 4"] + [str(i) for i in range(1, 58)]
    assert [e.kind for e in block.entries[:4]] == ["note"] * 4
    assert block.entries[0].seg.text == (
        "The troop casualties for the parachute brigade only, the aircrew losses are not known."
    )
    assert [s.text for s in block.skipped] == ["Footnotes", "Citations"]
    cit = {e.id: e for e in block.entries}
    assert cit["5"].seg.text == "Reynolds, p.37" and cit["5"].backlinks == 9  # "^ a b c d e f g h i"
    assert cit["49"].seg.text == "Shrader p. 69" and cit["49"].kind == "short"
    # an explicit group needs no source; no group and no source gives the generic "note N"
    assert [e.id for e in split_entries(lines, EN, "note:nb")[:4]] == ["nb 1", "nb 2", "nb 3", "nb 4"]
    assert [e.id for e in split_entries(lines, EN, "note")[:2]] == ["note 1", "note 2"]
    assert [e.id for e in split_entries(lines, EN, "note:lower-alpha")[:3]] == ["a", "b", "c"]


def test_hardest_day_note_before_citations() -> None:
    # "Notes[edit]" / "^ The laurels ..." (cited as [Notes 1]) / "Citations" / 139 numbered
    text = _read(HARDEST)
    lines = _block(text, "Notes[edit]", "References[edit]", nth=2)
    entries = split_entries(lines, EN, "note", source=text)
    assert [e.id for e in entries] == ["Notes 1"] + [str(i) for i in range(1, 140)]
    assert entries[0].kind == "note"
    assert entries[0].seg.text.startswith("The laurels for the day’s action went to the defenders.")
    assert entries[3].seg.text == "Bungay 2000, p. 231." and entries[3].backlinks == 10
    assert entries[-1].seg.text == "Price 2010, pp. 239–240."
    # the same block with no hint: the part before "Citations" is still a notes part
    assert [e.id for e in split_entries(lines, EN, source=text)[:2]] == ["Notes 1", "1"]


def test_polotsk_bibliography_and_footnotes() -> None:
    text = _read(POLOTSK)
    bib = split_entries(_block(text, "References[edit]", "Footnotes[edit]"), EN, source=text)
    assert [(e.id, e.kind) for e in bib] == [("bib-1", "bibliography"), ("bib-2", "bibliography")]
    assert bib[0].seg.text == "Glantz, D.M. Belorussia 1944 - The Soviet General Staff Study"
    notes = split_entries(_block(text, "Footnotes[edit]", ""), EN, "note", source=text)
    assert [(e.id, e.kind, e.seg.text) for e in notes] == [
        ("1", "short", "Glantz, p.117"),
        ("2", "short", "Glantz, p.112"),
        ("3", "short", "Glantz, p.113"),
        ("4", "short", "Account of Armin Scheiderbauer in Rogers and Williams, p.71"),
        ("5", "short", "Glantz, p.114"),
    ]


# --- Arabic: fused back-link letters, "^" with no space -------------------------------------------


def test_arabic_fused_back_links_and_caret_without_space() -> None:
    text = _read(AR_SEED)
    lines = _lines(text)
    refs = [seg for seg in lines if seg.text.startswith("^")]
    entries = split_entries(refs, AR, source=text)
    assert [(e.id, e.backlinks) for e in entries] == [("1", 4), ("2", 1)]
    assert entries[0].seg.text.startswith("Cruickshank، Paul؛ Robertson، Nic؛")
    assert entries[1].seg.text.startswith("\"Islamic State 'province' advances")
    assert text[entries[0].seg.start : entries[0].seg.end] == entries[0].seg.text


# --- hints ----------------------------------------------------------------------------------------


def test_note_hint_from_marker_ids() -> None:
    assert note_hint(["1", "2", "nb 1", "nb 2"]) == "note:nb"
    assert note_hint(["Notes 1", "3"]) == "note:Notes"
    assert note_hint(["a", "b", "12"]) == "note:lower-alpha"
    assert note_hint(["1", "2", "3"]) is None


def test_unknown_kind_hint_is_an_error() -> None:
    with pytest.raises(ValueError):
        split_entries(_lines("^ Glantz, p.117"), EN, "footnote")
