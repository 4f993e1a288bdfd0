"""The same page as saved HTML and as browser-copied text gives the same record (up to spans and
source): title, date, and every side's belligerents, commanders, units, strength and casualties."""

from __future__ import annotations

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
