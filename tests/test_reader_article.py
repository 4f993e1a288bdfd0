"""The article reader on the blog seed and on the opening lines of real news pages (quoted verbatim
from the cited pages, blank lines as the copies have them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictparse import lang
from conflictparse.document import Document, Seg
from conflictparse.readers.article import looks_like_article, paragraph_langs, read
from tests.paths import CORPUS, SEEDS

EN, FR, AR = lang.get("en"), lang.get("fr"), lang.get("ar")


def _read(path: Path) -> str:
    if not path.is_file():
        pytest.fail(f"{path} not found")
    return path.read_text(encoding="utf-8")


def _exact(doc: Document, seg: Seg | None) -> None:
    assert seg is not None and seg.exact and seg.start is not None and seg.end is not None
    assert doc.text[seg.start : seg.end] == seg.text


def _body(doc: Document) -> list[Seg]:
    (body,) = [s for s in doc.sections if s.kind == "body"]
    return body.paragraphs


def _chrome(doc: Document) -> list[str]:
    return [p.text for s in doc.sections if s.kind == "other" for p in s.paragraphs]


@pytest.fixture(scope="module")
def blog() -> Document:
    return read(_read(SEEDS / "en-fr-blog-derna-liberated.txt"), EN)


def test_blog_title(blog: Document) -> None:
    assert blog.format == "article" and blog.language == "en"
    assert blog.title is not None
    assert blog.title.text == (
        "ISIS freaks forced to flee the Libyan city of Derna// La ville de Derna en Libye totalement "
        "liberée par les djihadistes de Daesh"
    )
    assert (blog.title.start, blog.title.end) == (0, 128)
    _exact(blog, blog.title)


def test_blog_body_paragraphs_are_exact(blog: Document) -> None:
    body = _body(blog)
    assert len(body) == 17
    for p in body:
        _exact(blog, p)
    assert body[0].text == (
        "BBC reports that militants from so-called Islamic State (IS) have been pushed out of the key "
        "eastern city of Derna, a rival Islamist group has said."
    )
    assert body[13].text.startswith(
        "But the government has yet to win approval from Libya’s eastern parliament"
    )
    assert body[14].text.startswith("Dans un communiqué rendu public,")
    assert body[-1].text == (
        "Il faut noter que Daech a pratiquement perdu le contrôle de la ville de Derna en juin 2015 "
        "après en avoir été chassé par d’autres islamistes."
    )


def test_blog_comment_form_is_chrome_not_body(blog: Document) -> None:
    body = "\n".join(p.text for p in _body(blog))
    for phrase in (
        "thoughts on",
        "Thank you for your contribution",
        "You are commenting",
        "Connecting to %s",
    ):
        assert phrase not in body
    chrome = _chrome(blog)
    assert chrome[0].startswith("3 thoughts on “ISIS freaks forced to flee the Libyan city of Derna")
    assert "Google photo" in chrome  # no boilerplate phrase of its own: it is inside the footer
    assert chrome[-1] == "Connecting to %s"
    assert len(chrome) == 11
    for s in blog.sections:
        for p in s.paragraphs:
            _exact(blog, p)


def test_blog_event_date_is_not_the_publication_date(blog: Document) -> None:
    # "... se sont retirés  le  mercredi  21 avril 2016, des positions ..." is what happened, inside
    # a body sentence; the post itself gives no publication date.
    assert any("mercredi \u00a021 avril 2016" in p.text for p in _body(blog))
    assert blog.publication_date is None


def test_blog_paragraph_languages(blog: Document) -> None:
    assert paragraph_langs(blog) == ["en"] * 14 + ["fr"] * 3


def test_looks_like_article() -> None:
    assert looks_like_article(_read(SEEDS / "en-fr-blog-derna-liberated.txt"))
    # A wiki infobox fragment and prose with [17] markers and "^ ابجد" references: not an article.
    assert not looks_like_article(_read(SEEDS / "ar-wikipedia-derna-campaign-fragment.txt"))
    assert not looks_like_article(_read(SEEDS / "en-militarywiki-derna-campaign.txt"))


@pytest.mark.parametrize(
    "path",
    sorted((CORPUS / "text").glob("*"))
    + sorted((CORPUS / "html").glob("*"))
    + sorted((CORPUS / "wikitext").glob("*.wiki")),
    ids=lambda p: p.name,
)
def test_wiki_pages_are_not_articles(path: Path) -> None:
    assert not looks_like_article(_read(path))


def test_arabic_fragment_still_reads_with_exact_spans() -> None:
    text = _read(SEEDS / "ar-wikipedia-derna-campaign-fragment.txt")
    doc = read(text, AR)
    assert doc.language == "ar"
    for s in doc.sections:
        for p in s.paragraphs:
            _exact(doc, p)
    assert any(p.text.startswith("في أكتوبر 2014، قامت جماعات") for p in _body(doc))


# --- publication dates on real news pages -----------------------------------------------------

# timesofoman.com/article/7186-is-militants-on-retreat-around-east-libyan-city-of-derna
TIMES_OF_OMAN = (
    "IS militants on retreat around east Libyan city of Derna\n\n"
    "World Wednesday 20/April/2016 21:15 PM\n"
    "By: Times News Service\n"
    "IS militants on retreat around east Libyan city of Derna\n\n"
    "Benghazi: Military forces in eastern Libya said IS militants had retreated from long-held positions "
    "around the city of Derna on Wednesday, and were engaged in clashes with troops to the south.\n"
)
# libyaobserver.ly/inbrief/derna-free-militants
LIBYA_OBSERVER = (
    "Derna is Free of IS Militants\n\nNews In Brief\n\nDerna is Free of IS Militants\n\n"
    "April 20, 2016 - 19:10\nWritten by: AbdulkaderAssad\n\n"
    "Derna Shura Council Revolutionaries have announced that their city and its suburbs are now "
    "completely free of IS terrorists.\n"
)
# newarab.com/news/islamic-state-group-militants-retreat-libyan-stronghold
NEW_ARAB = (
    "Islamic State group militants retreat from Libyan stronghold\n\n"
    "Islamic State group militants retreat from Libyan stronghold\n"
    "IS fighters have withdrawn from bases in and around a Libyan coastal city, following clashes with "
    "eastern security forces, marking major setback for the group after recent victories.\n"
    "2 min read\n21 April, 2016\n"
    "The retreat comes following recent strikes by eastern security forces [Anadolu]\n"
)
# aljazeera.net/reportslibrary/pages/2e635214-4f91-4dd6-bb7f-7ba2b740739b
AL_JAZEERA = (
    "مقتل قياديين في مجلس شورى مجاهدي درنة شرقي ليبيا\n"
    "آخر تحديث: 2017/12/11 الساعة 07:47 (مكة المكرمة) الموافق 1439/3/23 هـ\n"
    "اغلاق\n"
    "آخر تحديث: 2017/12/11 الساعة 07:47 (مكة المكرمة) الموافق 1439/3/23 هـ\n\n"
    "مقتل قياديين في مجلس شورى مجاهدي درنة شرقي ليبيا\n\n"
    "10/06/2015\n"
    "مواجهات مسلحة هي الأولى من نوعها بين تنظيم الدولة الإسلامية ومجلس شورى مجاهدي مدينة درنة بشرقي "
    "ليبيا أسفرت بحسب مصادر متطابقة عن مقتل خمسة عشرة من قوات التنظيم\n"
)
# webdo.tn/2016/04/21/libye-derna-totalement-liberee-de-daech/
WEBDO = (
    "Libye : Derna totalement libérée de Daech\n\nLibye : Derna totalement libérée de Daech\n"
    "International\nprint\n\n\n\n"
    "Les combattants de l’organisation terroriste Daech se sont retirés mercredi 20 avril de positions "
    "qu'ils occupaient dans le secteur de la ville portuaire de Derna, ont indiqué les forces militaires "
    "présentes dans l'est de la Libye.\n\nKJ\n\n\n\n\n"
    "Fusillade dans une crèche en Thaïlande : 32 morts dont 23 enfants\n\nPrécédent\n\n"
    "L'Iran offre-t-il une deuxième chance à Israël ?\n\nSuivant"
)
# francetvinfo.fr/monde/afrique/libye/libye-al-qaida-chasse-definitivement-daech-de-derna-...
FRANCE_TV = (
    "Cet article date de plus de huit ans.\n\n"
    "Libye: al-Qaïda chasse définitivement Daech de Derna, qui se replie vers Syrte\n\n"
    "L’organisation djihadiste Etat islamique s’est définitivement retirée de Derna et des quartiers "
    "périphériques. Bombardé depuis le ciel par l’aviation du Parlement de Tobrouk et combattu au sol par "
    "les militants d’al-Qaïda, Daech s’est replié vers son fief à Syrte.\n"
    "Article rédigé par Mohamed Berkani\n"
    "Publié Mis à jour\n"
)


@pytest.mark.parametrize(
    ("text", "table", "date"),
    [
        (TIMES_OF_OMAN, EN, "Wednesday 20/April/2016"),  # the time 21:15 is not part of the date
        (LIBYA_OBSERVER, EN, "April 20, 2016"),
        (NEW_ARAB, EN, "21 April, 2016"),  # after a long standfirst paragraph
        (AL_JAZEERA, AR, "10/06/2015"),  # the page's date, not its "آخر تحديث" (last updated) line
    ],
)
def test_publication_date_lines(text: str, table: object, date: str) -> None:
    doc = read(text, table)  # type: ignore[arg-type]
    assert doc.publication_date is not None
    assert doc.publication_date.text == date
    _exact(doc, doc.publication_date)
    assert all(date not in p.text for p in _body(doc))


def test_headline_repeated_above_the_body_is_chrome() -> None:
    doc = read(AL_JAZEERA, AR)
    assert doc.title is not None and doc.title.text == "مقتل قياديين في مجلس شورى مجاهدي درنة شرقي ليبيا"
    (para,) = _body(doc)
    assert para.text.startswith("مواجهات مسلحة هي الأولى من نوعها")
    assert "اغلاق" in _chrome(doc)


def test_french_news_page() -> None:
    doc = read(WEBDO, FR)
    assert doc.title is not None and doc.title.text == "Libye : Derna totalement libérée de Daech"
    assert doc.publication_date is None  # "mercredi 20 avril" is inside the body sentence
    body = [p.text for p in _body(doc)]
    assert body[:2] == ["International", "print"]  # menu lines are not joined as a hard wrap
    assert body[2].startswith("Les combattants de l’organisation terroriste Daech se sont retirés")
    assert _chrome(doc) == [
        "Libye : Derna totalement libérée de Daech",
        "Précédent",
        "L'Iran offre-t-il une deuxième chance à Israël ?",
        "Suivant",
    ]
    assert set(paragraph_langs(doc)) == {"fr"}


def test_notice_above_the_headline_is_not_the_title() -> None:
    doc = read(FRANCE_TV, FR)
    assert doc.title is not None
    assert doc.title.text == "Libye: al-Qaïda chasse définitivement Daech de Derna, qui se replie vers Syrte"
    assert _chrome(doc) == ["Cet article date de plus de huit ans."]
    # "Publié Mis à jour" names a date the copy lost: no publication date, and the line stays.
    assert doc.publication_date is None
    assert [p.text for p in _body(doc)][-1] == "Publié Mis à jour"


def test_hard_wrapped_paragraph_is_one_seg() -> None:
    text = _read(SEEDS / "README.md")
    doc = read(text, EN)
    first = _body(doc)[0]
    _exact(doc, first)
    assert first.text.startswith("The three documents the project was created from.")
    assert first.text.endswith("are exactly what real copies look like).")
    assert first.text.count("\n") == 3
