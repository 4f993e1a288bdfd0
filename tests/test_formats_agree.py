"""The same page as saved HTML and as browser-copied text gives the same record (up to spans and
source): title, date, and every side's belligerents, commanders, units, strength and casualties."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictparse import ConflictRecord, parse_file
from tests.paths import CORPUS

PAGES = ["action-at-mechili-24-january-1941", "operation-fustian", "polotsk-offensive", "the-hardest-day"]


def comparable(r: ConflictRecord) -> dict[str, object]:
    return {
        "title": r.title,
        "date": r.date and (r.date.start, r.date.end, r.date.ongoing),
        "place": r.location and r.location.places,
        "sides": [
            {
                "belligerents": [b.name for b in s.belligerents],
                "commanders": [(c.name, c.rank, c.role, c.status) for c in s.commanders],
                "units": [u.name for u in s.units],
                "strength": [(f.low, f.high, f.qualifier, f.unit) for f in s.strength],
                "casualties": [
                    [(f.category, f.low, f.high, f.qualifier, f.who) for f in c.figures] for c in s.casualties
                ],
            }
            for s in r.sides
        ],
        "casualties_other": [[(f.category, f.low, f.high) for f in c.figures] for c in r.casualties_other],
        "references": sorted(ref.id for ref in r.references),
    }


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside the checkout")
@pytest.mark.parametrize("page", PAGES)
def test_html_and_text_agree(page: str) -> None:
    html = parse_file(CORPUS / "html" / f"en-html-{page}.html")
    text = parse_file(CORPUS / "text" / f"en-text-innertext-{page}.txt")
    assert html.source.format == "html" and text.source.format == "text"
    assert comparable(html) == comparable(text)
    assert html.sides and all(s.belligerents for s in html.sides)


def test_an_event_page_agrees_too() -> None:
    # Novi Sad raid (action=render copy, not in the corpus): an event infobox with no sides
    root = Path(__file__).resolve().parent.parent / "fixtures"
    html = parse_file(root / "en-wikipedia-novi-sad-raid-html" / "input.html")
    text = parse_file(root / "en-wikipedia-novi-sad-raid-innertext" / "input.txt")
    assert comparable(html) == comparable(text)
    assert (text.title, text.location and text.location.places) == ("Novi Sad raid", ["southern Bačka"])
    assert text.date is not None and text.date.start is not None and text.date.start.value == "1942-01"
    assert [e.text[:40] for e in html.events] == [e.text[:40] for e in text.events]
    for r in (html, text):
        labels = ("Also known as", "Cause", "Participants", "Deaths")
        assert [w.message for w in r.warnings if w.code == "unknown-label"] == [
            f"infobox label {x!r} is not a known label" for x in labels
        ]
