"""HTML reader on the four saved Wikipedia pages of the corpus, their innerText twins, and hand-made markup.

Real pages: /work/shared/corpus/html/*.html (saved from a browser in 2019, Casyfill/wikiwwii_original),
their text twins /work/shared/corpus/text/en-text-innertext-*.txt. The Fandom portable-infobox page and
the modern-Wikipedia-markup fragment below are hand-built (no such HTML is in the corpus).
"""
# ruff: noqa: E501  (the HTML fixtures keep their tags on one line, as the sites render them)

from __future__ import annotations

from pathlib import Path

import pytest

from conflictparse.document import SIDE_KEYS, Document
from conflictparse.lang import get
from conflictparse.readers.html import read
from tests.paths import CORPUS

PAGES = (
    "action-at-mechili-24-january-1941",
    "operation-fustian",
    "polotsk-offensive",
    "the-hardest-day",
)
EN = get("en")
_CACHE: dict[str, Document] = {}


def page(name: str) -> Document:
    if name not in _CACHE:
        _CACHE[name] = read((CORPUS / "html" / f"en-html-{name}.html").read_text(encoding="utf-8"), EN)
    return _CACHE[name]


def cells(doc: Document, key: str) -> dict[int | None, list[str]]:
    assert doc.infobox is not None
    return {c.column: [s.text for s in c.lines] for c in doc.infobox[key].cells}


def hints(doc: Document, key: str) -> dict[int | None, list[str]]:
    assert doc.infobox is not None
    return {c.column: c.hints for c in doc.infobox[key].cells}


def single(doc: Document, key: str) -> list[str]:
    assert doc.infobox is not None
    (cell,) = doc.infobox[key].cells
    assert cell.column is None
    return [s.text for s in cell.lines]


def paragraphs(doc: Document) -> list[str]:
    return [p.text for s in doc.sections for p in s.paragraphs]


def refs(doc: Document) -> dict[str, str]:
    return {r.id: r.seg.text for r in doc.references}


# --------------------------------------------------------------------------- Polotsk Offensive


def test_polotsk_document_basics() -> None:
    doc = page("polotsk-offensive")
    assert doc.format == "html" and doc.language == "en"
    assert doc.title is not None and doc.title.text == "Polotsk Offensive"
    assert doc.site == "Wikipedia"
    assert doc.columns == 2
    assert single(doc, "title") == ["Polotsk Offensive"]
    assert single(doc, "part_of") == ["Operation Bagration"]
    assert single(doc, "date") == ["June 29, 1944 – July 4, 1944"]
    assert single(doc, "place") == ["Belorussian SSR"]
    assert single(doc, "result") == ["Soviet Victory"]
    assert doc.infobox is not None and doc.infobox["date"].label is not None
    assert doc.infobox["date"].label.text == "Date"


def test_polotsk_side_cells() -> None:
    doc = page("polotsk-offensive")
    assert cells(doc, "belligerents") == {1: ["Nazi Germany"], 2: ["Soviet Union"]}
    # column 1 has a leading flag <img alt="Flag of Germany (1935–1945).svg">, column 2 a span.flagicon
    assert hints(doc, "belligerents") == {1: ["Germany (1935–1945)"], 2: ["Soviet Union"]}
    assert cells(doc, "commanders") == {
        1: ["Georg-Hans Reinhardt", "(Third Panzer Army)", "Rolf Wuthmann", "(IX Corps)"],
        2: ["Hovhannes Bagramyan", "(1st Baltic Front)"],
    }
    assert cells(doc, "strength") == {1: ["?"], 2: ["?"]}
    assert cells(doc, "casualties") == {1: ["37,000 dead, 7,000 POW (Soviet est)[1]"], 2: ["?"]}
    assert doc.infobox is not None and "units" not in doc.infobox


def test_polotsk_references_and_sections() -> None:
    doc = page("polotsk-offensive")
    cites = [r for r in doc.references if r.kind != "bibliography"]
    assert [r.id for r in cites] == ["1", "2", "3", "4", "5"]
    assert refs(doc)["1"] == "Glantz, p.117"
    assert cites[0].backlinks == 1
    bib = [r for r in doc.references if r.kind == "bibliography"]
    assert [r.id for r in bib] == ["bib-1", "bib-2"]
    assert bib[0].seg.text == "Glantz, D.M. Belorussia 1944 - The Soviet General Staff Study"
    assert [(s.heading, s.kind) for s in doc.sections] == [
        (None, "lead"),
        ("Planning", "body"),
        ("Operational goals", "body"),
        ("Deployments", "body"),
        ("Wehrmacht", "body"),
        ("Red Army", "body"),
        ("The offensive", "body"),
        ("References", "references"),
        ("Footnotes", "notes"),
    ]
    lead = doc.sections[0].paragraphs
    assert len(lead) == 3
    assert lead[0].text.startswith(
        "The Polotsk Offensive (Russian: Полоцкая наступательная операция) was part"
    )
    assert lead[0].exact is False and lead[0].start is None
    wehrmacht = next(s for s in doc.sections if s.heading == "Wehrmacht")
    assert (
        wehrmacht.paragraphs[0].text == "Remnants of Third Panzer Army (Colonel-General Georg-Hans Reinhardt)"
    )
    assert any("was reached by 1 July." in p for p in paragraphs(doc))
    # the table of contents is not prose
    assert "1 Planning" not in "\n".join(paragraphs(doc))


# --------------------------------------------------------------------------- Action at Mechili


def test_mechili_infobox() -> None:
    doc = page("action-at-mechili-24-january-1941")
    assert doc.title is not None and doc.title.text == "Action at Mechili, 24 January 1941"
    assert single(doc, "title") == ["Action at Mechili"]
    assert single(doc, "part_of") == ["Operation Compass, during the Second World War"]
    assert single(doc, "date") == ["24 January 1941"]
    # geo-nondefault (decimal) and the #coordinates duplicate are dropped, the DMS line stays
    assert single(doc, "place") == ["Mechili, Libya", "32°11′00″N 22°16′00″E"]
    assert single(doc, "coordinates") == ["32.18333; 22.26667"]
    assert single(doc, "result") == ["British victory"]
    assert cells(doc, "belligerents") == {1: ["United Kingdom"], 2: ["Italy"]}
    # <span class="flagicon"><img alt=""> : the country comes from the flag's file name
    assert hints(doc, "belligerents") == {1: ["United Kingdom"], 2: ["Italy"]}
    assert cells(doc, "commanders") == {
        1: ["Richard O'Connor", "Michael O'Moore Creagh"],
        2: ["Rodolfo Graziani", "Giuseppe Tellera", "Valentino Babini"],
    }
    assert cells(doc, "strength") == {
        1: ["145 tanks"],
        2: ["5,000 men", "129 tanks", "25 tankettes", "6 armoured cars", "84 guns"],
    }
    # the location-map row after the casualties is a picture, not a column-0 casualty cell
    assert cells(doc, "casualties") == {
        1: ["4 killed", "3 captured", "7 tanks destroyed"],
        2: ["9 tanks destroyed"],
    }


def test_mechili_references() -> None:
    doc = page("action-at-mechili-24-january-1941")
    cites = [r for r in doc.references if r.kind != "bibliography"]
    assert len(cites) == 11
    assert [r.kind for r in cites].count("short") == 10
    first = cites[0]
    assert (first.id, first.seg.text, first.kind) == ("1", "Macksey 1972, pp.\u00a0121–123.", "short")
    assert first.fields == {"target": "CITEREFMacksey1972"}
    assert cites[1].backlinks == 2  # "^ a b Playfair 1954, p. 353."
    bib = {r.id: r for r in doc.references if r.kind == "bibliography"}
    assert len(bib) == 10  # 5 under References (div.refbegin) + 5 under Further reading
    long52 = bib["bib-1"]
    assert long52.seg.text.startswith("Long, Gavin (1952). To Benghazi (PDF).")
    assert long52.fields is not None
    assert long52.fields["title"] == "To Benghazi"
    assert long52.fields["authors"] == "Long, Gavin"
    assert long52.fields["date"] == "1952"
    assert long52.fields["url"] == "https://www.awm.gov.au/collection/RCDIG1070200/"
    assert long52.fields["accessed"] == "Retrieved 15 July 2015"
    assert long52.fields["citeref"] == "CITEREFLong1952"
    assert bib["bib-10"].fields is not None and "archive_url" not in bib["bib-10"].fields
    # the hatnote and the navbox are not prose
    text = "\n".join(paragraphs(doc))
    assert "For other uses, see Battle of Derna" not in text
    assert "Beda Fomm\nKufra" not in text and "Twin Pimples" not in text
    assert doc.sections[-1].heading == "External links" and doc.sections[-1].kind == "external"


# --------------------------------------------------------------------------- Operation Fustian


def test_fustian_infobox() -> None:
    doc = page("operation-fustian")
    assert single(doc, "part_of") == ["the Allied invasion of Sicily"]
    assert single(doc, "date") == ["13–16 July 1943"]
    assert single(doc, "result") == [
        "British victory",
        "Initial operational failure",
        "Bridge captured with advancing 8th Army",
    ]
    assert cells(doc, "belligerents") == {1: ["United Kingdom"], 2: ["Germany", "Italy"]}
    assert hints(doc, "belligerents") == {
        1: ["United Kingdom"],
        2: ["Germany (1935–1945)", "Kingdom of Italy"],
    }
    assert cells(doc, "units") == {
        1: ["50th Infantry Division", "1st Parachute Brigade"],
        2: ["1st Fallschirmjäger Division", "213 Coastal Division"],
    }
    assert cells(doc, "casualties") == {
        1: ["141 dead[nb 1]", "168 missing or wounded", "41 Dakota", "1 Albemarle", "5 Waco gliders"],
        2: ["Unknown"],
    }


def test_fustian_note_group_ids() -> None:
    doc = page("operation-fustian")
    notes = [r for r in doc.references if r.kind == "note"]
    assert [r.id for r in notes] == ["nb 1", "nb 2", "nb 3", "nb 4"]
    assert (
        notes[0].seg.text
        == "The troop casualties for the parachute brigade only, the aircrew losses are not known."
    )
    # a note citing a reference keeps its marker
    assert notes[1].seg.text.endswith("were not killed out of hand, but were allowed to surrender.[23]")
    cites = [r for r in doc.references if r.kind == "citation"]
    assert len(cites) == 57 and cites[0].id == "1" and cites[0].seg.text == "Tugwell, p.156"
    assert cites[0].backlinks == 3


# --------------------------------------------------------------------------- The Hardest Day


def test_hardest_day_infobox() -> None:
    doc = page("the-hardest-day")
    assert single(doc, "part_of") == ["the Battle of Britain"]
    assert single(doc, "place") == ["Southern England and English Channel"]
    assert single(doc, "result") == [
        "Inconclusive",
        "Casualty rates in the British favour",
        "Unsustainable attrition for both sides[Notes 1]",
    ]
    assert hints(doc, "commanders")[2] == ["Nazi Germany"]
    cas = cells(doc, "casualties")
    assert cas[1][0] == "27[2]–34 fighters destroyed[3]"
    assert cas[1][-1] == "11 severely wounded[5]"
    assert cas[2] == [
        "69[3]–71[2] aircraft destroyed",
        "31 aircraft damaged[3]",
        "94 killed[6]",
        "40 captured[6]",
        "25 wounded[6]",
    ]


def test_hardest_day_references_and_prose() -> None:
    doc = page("the-hardest-day")
    cites = [r for r in doc.references if r.kind != "bibliography"]
    assert len(cites) == 140
    by_id = {r.id: r for r in cites}
    assert by_id["Notes 1"].kind == "note"
    assert by_id["Notes 1"].seg.text.startswith("The laurels for the day’s action went to the defenders.")
    assert by_id["3"].seg.text == "Bungay 2000, p. 231." and by_id["3"].backlinks == 10
    text = "\n".join(paragraphs(doc))
    assert "[clarification needed]" in text  # sup.noprint maintenance tag kept as rendered
    assert doc.sections[0].paragraphs[0].text.startswith("The Hardest Day[3] is a name given to")
    assert "Phoney War" not in text  # navbox
    assert "Albert Kesselring, commander of Luftflotte 2" not in text  # thumbnail caption
    assert "Main article: Confirmation and overclaiming" not in text  # hatnote
    assert not any(s.heading and "[edit]" in s.heading for s in doc.sections)


# --------------------------------------------------------------------------- text twins


def _text_twin_lines(name: str) -> list[str]:
    """Infobox side lines of the innerText copy: from 'Belligerents' to the navbox 'v' line, TABs split."""
    lines = (CORPUS / "text" / f"en-text-innertext-{name}.txt").read_text(encoding="utf-8").split("\n")
    i = lines.index("Belligerents")
    j = i
    while lines[j] not in ("v", ""):
        j += 1
    out = [part.strip(" \u00a0") for line in lines[i:j] for part in line.split("\t")]
    headers = {
        "Belligerents",
        "Commanders and leaders",
        "Units involved",
        "Strength",
        "Casualties and losses",
    }
    return [x for x in out if x and x not in headers]


@pytest.mark.parametrize("name", PAGES)
def test_side_lines_match_text_twin(name: str) -> None:
    doc = page(name)
    assert doc.infobox is not None
    html_lines = [
        s.text for k in SIDE_KEYS if k in doc.infobox for c in doc.infobox[k].cells for s in c.lines
    ]
    assert html_lines == _text_twin_lines(name)


@pytest.mark.parametrize("name", PAGES)
def test_every_marker_resolves(name: str) -> None:
    doc = page(name)
    ids = {r.id for r in doc.references}
    assert doc.infobox is not None
    for field in doc.infobox.values():
        for line in field.lines():
            for part in line.text.split("[")[1:]:
                marker = part.split("]")[0]
                assert marker in ids, (field.key, line.text)


@pytest.mark.parametrize("name", PAGES)
def test_read_twice_is_identical(name: str) -> None:
    """Deterministic: the same page read twice gives the same cells (speed: benchmarks/)."""
    text = (CORPUS / "html" / f"en-html-{name}.html").read_text(encoding="utf-8")
    a, b = read(text, EN), read(text, EN)
    assert a.infobox is not None and b.infobox is not None
    assert {k: [ln.text for ln in f.lines()] for k, f in a.infobox.items()} == {
        k: [ln.text for ln in f.lines()] for k, f in b.infobox.items()
    }


# --------------------------------------------------------------------------- hand-built markup

# Fandom portable infobox, as Fandom renders {{Infobox military conflict}} ports (hand-made fixture).
FANDOM = """<!DOCTYPE html>
<html lang="en" dir="ltr"><head><meta charset="UTF-8">
<title>Battle of Verdun | Military Wiki | Fandom</title>
<meta property="og:site_name" content="Military Wiki">
<meta property="og:title" content="Battle of Verdun"></head>
<body class="mediawiki skin-fandomdesktop">
<div class="page-header"><h1 class="page-header__title" id="firstHeading">Battle of Verdun</h1></div>
<div id="mw-content-text" lang="en" dir="ltr" class="mw-content-ltr"><div class="mw-parser-output">
<aside role="region" class="portable-infobox pi-background pi-border-color pi-theme-wikia pi-layout-default">
<h2 class="pi-item pi-item-spacing pi-title pi-secondary-background" data-source="conflict">Battle of Verdun</h2>
<figure class="pi-item pi-image" data-source="image"><a href="https://static.wikia.nocookie.net/military/images/3/3b/Verdun.jpg/revision/latest?cb=20100101" class="image image-thumbnail" title=""><img src="https://static.wikia.nocookie.net/military/images/3/3b/Verdun.jpg/revision/latest/scale-to-width-down/268?cb=20100101" class="pi-image-thumbnail" alt="" width="268" height="180" data-image-key="Verdun.jpg" data-image-name="Verdun.jpg"></a>
<figcaption class="pi-item-spacing pi-caption">French infantry near Verdun, 1916</figcaption></figure>
<div class="pi-item pi-data pi-item-spacing pi-border-color" data-source="partof">
<h3 class="pi-data-label pi-secondary-font">Part of</h3>
<div class="pi-data-value pi-font">the <a href="/wiki/Western_Front_(World_War_I)">Western Front</a> of <a href="/wiki/World_War_I">World War I</a></div></div>
<div class="pi-item pi-data pi-item-spacing pi-border-color" data-source="date">
<h3 class="pi-data-label pi-secondary-font">Date</h3>
<div class="pi-data-value pi-font">21 February – 18 December 1916</div></div>
<div class="pi-item pi-data pi-item-spacing pi-border-color" data-source="place">
<h3 class="pi-data-label pi-secondary-font">Location</h3>
<div class="pi-data-value pi-font"><a href="/wiki/Verdun">Verdun-sur-Meuse</a>, France</div></div>
<div class="pi-item pi-data pi-item-spacing pi-border-color" data-source="result">
<h3 class="pi-data-label pi-secondary-font">Result</h3>
<div class="pi-data-value pi-font">French victory</div></div>
<section class="pi-item pi-group pi-border-color">
<h2 class="pi-item pi-header pi-secondary-font pi-item-spacing pi-secondary-background">Belligerents</h2>
<section class="pi-item pi-smart-group pi-border-color"><section class="pi-smart-group-body">
<div class="pi-smart-data-value pi-data-value pi-font pi-item-spacing pi-border-color" data-source="combatant1" style="width: calc(1 / 2 * 100%)"><img alt="Flag of France" src="https://static.wikia.nocookie.net/military/images/c/c3/Flag_of_France.svg/revision/latest/scale-to-width-down/23?cb=20090101" width="23" height="15" data-image-name="Flag of France.svg"> <a href="/wiki/French_Third_Republic">France</a></div>
<div class="pi-smart-data-value pi-data-value pi-font pi-item-spacing pi-border-color" data-source="combatant2" style="width: calc(1 / 2 * 100%)"><img alt="" src="https://static.wikia.nocookie.net/military/images/b/b4/Flag_of_the_German_Empire.svg/revision/latest/scale-to-width-down/23?cb=20090101" width="23" height="14"> <a href="/wiki/German_Empire">German Empire</a></div>
</section></section></section>
<section class="pi-item pi-group pi-border-color">
<h2 class="pi-item pi-header pi-secondary-font pi-item-spacing pi-secondary-background">Commanders and leaders</h2>
<section class="pi-item pi-smart-group pi-border-color"><section class="pi-smart-group-body">
<div class="pi-smart-data-value pi-data-value pi-font pi-item-spacing pi-border-color" data-source="commander1" style="width: calc(1 / 2 * 100%)"><a href="/wiki/Joseph_Joffre">Joseph Joffre</a><br><a href="/wiki/Philippe_P%C3%A9tain">Philippe Pétain</a><br>Robert Nivelle</div>
<div class="pi-smart-data-value pi-data-value pi-font pi-item-spacing pi-border-color" data-source="commander2" style="width: calc(1 / 2 * 100%)"><a href="/wiki/Erich_von_Falkenhayn">Erich von Falkenhayn</a><br>Crown Prince Wilhelm</div>
</section></section></section>
<section class="pi-item pi-group pi-border-color">
<h2 class="pi-item pi-header pi-secondary-font pi-item-spacing pi-secondary-background">Casualties and losses</h2>
<section class="pi-item pi-smart-group pi-border-color"><section class="pi-smart-group-body">
<div class="pi-smart-data-value pi-data-value pi-font pi-item-spacing pi-border-color" data-source="casualties1" style="width: calc(1 / 2 * 100%)">377,231<br>(161,000 killed)<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup></div>
<div class="pi-smart-data-value pi-data-value pi-font pi-item-spacing pi-border-color" data-source="casualties2" style="width: calc(1 / 2 * 100%)">337,000<br>(143,000 killed)</div>
</section></section>
<div class="pi-item pi-data pi-item-spacing pi-border-color" data-source="casualties3">
<div class="pi-data-value pi-font">Several villages destroyed</div></div>
</section>
</aside>
<p>The <b>Battle of Verdun</b> was fought from 21 February to 18 December 1916.<sup id="cite_ref-1b" class="reference"><a href="#cite_note-1">[1]</a></sup></p>
<h2><span class="mw-headline" id="Background">Background</span><span class="editsection">[<a href="/wiki/Battle_of_Verdun?action=edit&amp;section=1">edit</a>]</span></h2>
<p>In 1915 the front had stagnated.</p>
<h2><span class="mw-headline" id="References">References</span></h2>
<ol class="references"><li id="cite_note-1"><span class="mw-cite-backlink">↑ <a href="#cite_ref-1">1.0</a> <a href="#cite_ref-1b">1.1</a></span> <span class="reference-text">Horne, Alistair. <i>The Price of Glory</i>, p. 327.</span></li></ol>
</div></div>
<footer class="global-footer">Military Wiki is a Fandom Lifestyle Community.</footer>
</body></html>"""


def test_fandom_portable_infobox() -> None:
    doc = read(FANDOM, EN)
    assert doc.site == "Military Wiki"
    assert doc.title is not None and doc.title.text == "Battle of Verdun"
    assert single(doc, "title") == ["Battle of Verdun"]
    assert single(doc, "part_of") == ["the Western Front of World War I"]
    assert single(doc, "date") == ["21 February – 18 December 1916"]
    assert single(doc, "place") == ["Verdun-sur-Meuse, France"]
    assert single(doc, "result") == ["French victory"]
    assert doc.columns == 2
    assert cells(doc, "belligerents") == {1: ["France"], 2: ["German Empire"]}
    # column 1 from the alt "Flag of France", column 2 (alt="") from the file name in the Fandom image URL
    assert hints(doc, "belligerents") == {1: ["France"], 2: ["German Empire"]}
    assert cells(doc, "commanders") == {
        1: ["Joseph Joffre", "Philippe Pétain", "Robert Nivelle"],
        2: ["Erich von Falkenhayn", "Crown Prince Wilhelm"],
    }
    # casualties3 with two belligerent columns spans both sides
    assert cells(doc, "casualties") == {
        1: ["377,231", "(161,000 killed)[1]"],
        2: ["337,000", "(143,000 killed)"],
        0: ["Several villages destroyed"],
    }
    assert [(s.heading, s.kind) for s in doc.sections] == [
        (None, "lead"),
        ("Background", "body"),
        ("References", "references"),
    ]
    assert doc.sections[0].paragraphs[0].text == (
        "The Battle of Verdun was fought from 21 February to 18 December 1916.[1]"
    )
    (ref,) = doc.references
    assert (ref.id, ref.seg.text, ref.backlinks) == ("1", "Horne, Alistair. The Price of Glory, p. 327.", 2)


# Current Wikipedia markup (infobox-* classes, div.mw-heading, cite-bracket spans, a totals row
# spanning both sides, a status image, a hidden span): hand-made fragment.
MODERN = """<div class="mw-content-ltr mw-parser-output" lang="en" dir="ltr">
<table class="infobox vevent"><tbody>
<tr><th colspan="2" class="infobox-above summary">Battle of Example Ridge</th></tr>
<tr><td colspan="2" class="infobox-subheader">Part of the <a href="/wiki/X">Example War</a></td></tr>
<tr><td colspan="2" class="infobox-full-data"><table class="infobox-subbox"><tbody>
<tr><th scope="row" class="infobox-label">Date</th><td class="infobox-data">3–5 May 1917</td></tr>
<tr><th scope="row" class="infobox-label">Location</th><td class="infobox-data">Example Ridge</td></tr>
</tbody></table></td></tr>
<tr><th colspan="2" class="infobox-header">Belligerents</th></tr>
<tr><td class="infobox-data infobox-data-a"><span class="flagicon"><span class="mw-image-border" typeof="mw:File"><span><img alt="" src="//upload.wikimedia.org/wikipedia/en/thumb/a/ae/Flag_of_the_United_Kingdom.svg/23px-Flag_of_the_United_Kingdom.svg.png" width="23" height="12" class="mw-file-element"></span></span>&nbsp;</span><a href="/wiki/UK">United Kingdom</a></td>
<td class="infobox-data infobox-data-b"><span class="flagicon"><span class="mw-image-border" typeof="mw:File"><a href="/wiki/German_Empire" title="German Empire"><img alt="" src="//x/Flag_of_the_German_Empire.svg.png" width="23" height="14"></a></span>&nbsp;</span><a href="/wiki/German_Empire">Germany</a></td></tr>
<tr><th colspan="2" class="infobox-header">Commanders and leaders</th></tr>
<tr><td class="infobox-data">John Doe <span typeof="mw:File"><span title="Killed in action"><img alt="KIA" src="//x/KIA.svg.png" width="10" height="10"></span></span></td>
<td class="infobox-data">Hans Roe&nbsp;<abbr title="Prisoner of war">(POW)</abbr><span style="display:none">hidden</span></td></tr>
<tr><th colspan="2" class="infobox-header">Casualties and losses</th></tr>
<tr><td class="infobox-data">1,200 killed<sup id="cite_ref-a_1-0" class="reference"><a href="#cite_note-a-1"><span class="cite-bracket">&#91;</span>1<span class="cite-bracket">&#93;</span></a></sup></td>
<td class="infobox-data">800 killed<sup class="noprint Inline-Template Template-Fact">[<i><a href="/wiki/Wikipedia:Citation_needed"><span title="This claim needs references">citation needed</span></a></i>]</sup></td></tr>
<tr><td colspan="2" class="infobox-data" style="text-align:center">2,000 total<sup class="reference"><a href="#cite_note-note-a-2"><span class="cite-bracket">&#91;</span>a<span class="cite-bracket">&#93;</span></a></sup></td></tr>
</tbody></table>
<p>The battle began on 3 May 1917.</p>
<div class="mw-heading mw-heading2"><h2 id="Notes">Notes</h2><span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="#">edit</a><span class="mw-editsection-bracket">]</span></span></div>
<div class="reflist reflist-lower-alpha"><div class="mw-references-wrap"><ol class="references">
<li id="cite_note-note-a-2"><span class="mw-cite-backlink"><a href="#cite_ref-note-a_2-0">^</a></span> <span class="reference-text">Both sides.</span></li></ol></div></div>
<div class="mw-heading mw-heading2"><h2 id="References">References</h2></div>
<div class="reflist"><div class="mw-references-wrap"><ol class="references">
<li id="cite_note-a-1"><span class="mw-cite-backlink"><b><a href="#cite_ref-a_1-0">^</a></b></span> <span class="reference-text"><cite class="citation news cs1">Smith, J. (4 May 1917). <a rel="nofollow" class="external text" href="https://example.org/a">"Ridge taken"</a>. <i>The Times</i>. <a rel="nofollow" class="external text" href="https://web.archive.org/web/2020/https://example.org/a">Archived</a> from the original.</cite></span></li>
</ol></div></div>
</div>"""


def test_modern_markup_fragment() -> None:
    doc = read(MODERN, EN)
    assert doc.site is None
    assert doc.title is not None and doc.title.text == "Battle of Example Ridge"
    assert single(doc, "part_of") == ["the Example War"]
    assert single(doc, "date") == ["3–5 May 1917"]
    assert cells(doc, "belligerents") == {1: ["United Kingdom"], 2: ["Germany"]}
    assert hints(doc, "belligerents") == {1: ["United Kingdom"], 2: ["German Empire"]}
    assert cells(doc, "commanders") == {1: ["John Doe (KIA)"], 2: ["Hans Roe\u00a0(POW)"]}
    assert cells(doc, "casualties") == {
        1: ["1,200 killed[1]"],
        2: ["800 killed[citation needed]"],
        0: ["2,000 total[a]"],
    }
    assert doc.columns == 2
    assert [(s.heading, s.kind) for s in doc.sections] == [
        (None, "lead"),
        ("Notes", "notes"),
        ("References", "references"),
    ]
    by_id = {r.id: r for r in doc.references}
    assert set(by_id) == {"a", "1"}
    assert by_id["a"].kind == "note" and by_id["a"].seg.text == "Both sides."
    cite = by_id["1"]
    assert cite.kind == "citation" and cite.fields is not None
    assert cite.fields["title"] == "Ridge taken"
    assert cite.fields["url"] == "https://example.org/a"
    assert cite.fields["archive_url"] == "https://web.archive.org/web/2020/https://example.org/a"


# --------------------------------------------------------------------------- no infobox, broken input


def test_page_without_conflict_infobox() -> None:
    html = (
        "<html><head><title>Jane Doe - Wikipedia</title></head><body><div id='mw-content-text'>"
        "<table class='infobox vcard'><tr><th colspan=2>Jane Doe</th></tr>"
        "<tr><th>Born</th><td>1900</td></tr></table><p>Jane Doe was a writer.</p></div></body></html>"
    )
    doc = read(html, EN)
    assert doc.infobox is None and doc.columns is None
    assert doc.site == "Wikipedia" and doc.title is not None and doc.title.text == "Jane Doe"
    assert paragraphs(doc) == ["Jane Doe was a writer."]


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<b>Hello <i>world",
        "<table class='infobox'><tr><th colspan=2>Belligerents<tr><td>A<br>B<td>C<tr><td colspan=2>x",
        "<div>" * 30000 + "deep",
        "<p>a<sup class='reference'><a href='#x'>[1]",
        "\x00<html><body><p>a\ufffdb</p><script>var x='<p>';</script>",
        "<ol class='references'><li>no id</li><li id='cite_note-9'>orphan</li></ol>",
        "<aside class='portable-infobox'><div data-source='combatant1'></div><div data-source='x'>?</div></aside>",
    ],
)
def test_broken_html_does_not_raise(html: str) -> None:
    doc = read(html, EN)
    assert doc.format == "html"


def test_unclosed_infobox_rows() -> None:
    doc = read(
        "<table class='infobox'><tr><th colspan=2>Belligerents<tr><td>A<br>B<td>C"
        "<tr><th colspan=2>Strength<tr><td>5 men<td>6 men</table>",
        EN,
    )
    assert doc.columns == 2
    assert cells(doc, "belligerents") == {1: ["A", "B"], 2: ["C"]}
    assert cells(doc, "strength") == {1: ["5 men"], 2: ["6 men"]}


def test_fragment_prose_and_deep_nesting() -> None:
    doc = read("<div>" * 30000 + "deep text", EN)
    assert paragraphs(doc) == ["deep text"]
    assert doc.infobox is None


def test_an_event_infobox_without_sides_is_read() -> None:
    # Novi Sad raid: Date / Location / Also known as / Cause / Participants / Deaths, no belligerents
    path = Path(__file__).resolve().parent.parent / "fixtures/en-wikipedia-novi-sad-raid-html/input.html"
    doc = read(path.read_text(encoding="utf-8"), EN)
    assert doc.infobox is not None and sorted(doc.infobox) == ["date", "place", "title"]
    assert [s.text for s in doc.infobox["place"].lines()] == ["southern Bačka"]
    assert doc.title is not None and doc.title.text == "Novi Sad raid"  # the caption: no <h1>, no <title>


@pytest.mark.parametrize(
    ("fixture", "start"),
    [
        ("en-wikipedia-eagle-class-patrol-craft-html", "'Eagle 35 and Eagle 58 Class overview Name: Eagle"),
        ("en-wikipedia-john-b-england-html", "'John Brooke England Nickname(s)"),
    ],
)
def test_an_infobox_of_another_kind_is_warned_not_dropped(fixture: str, start: str) -> None:
    # a ship class's and a fighter ace's infobox: no sides, no event date and place
    path = Path(__file__).resolve().parent.parent / "fixtures" / fixture / "input.html"
    doc = read(path.read_text(encoding="utf-8"), EN)
    assert doc.infobox is None or not doc.infobox
    (w,) = [w for w in doc.warnings if w.code == "uninterpreted"]
    assert w.message.startswith("the page's infobox is of another kind") and start in w.message
