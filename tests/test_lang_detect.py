"""Language detection from the tables: script first, then the tables' stopwords, months and labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictparse import lang
from conflictparse.lang.detect import detect_language, evidence, paragraph_languages
from tests.paths import CORPUS, SEEDS


def _read(path: Path) -> str:
    if not path.is_file():
        pytest.fail(f"{path} not found")
    return path.read_text(encoding="utf-8")


def _blog_paragraphs() -> list[str]:
    text = _read(SEEDS / "en-fr-blog-derna-liberated.txt")
    return [line for line in text.split("\n") if line.strip()]


@pytest.mark.parametrize(
    ("path", "code"),
    [
        (SEEDS / "ar-wikipedia-derna-campaign-fragment.txt", "ar"),
        (SEEDS / "en-militarywiki-derna-campaign.txt", "en"),
        (SEEDS / "en-fr-blog-derna-liberated.txt", "en"),  # 14 English paragraphs, then 3 French
        (CORPUS / "text" / "en-text-battle-of-austerlitz.md", "en"),
        (CORPUS / "text" / "en-text-innertext-polotsk-offensive.txt", "en"),
    ],
)
def test_whole_pages(path: Path, code: str) -> None:
    assert detect_language(_read(path)) == code


def test_arabic_page_with_english_references_is_arabic() -> None:
    text = _read(SEEDS / "ar-wikipedia-derna-campaign-fragment.txt")
    assert (
        "\"Islamic State 'province' advances in and around Libyan city of Sirte\". Long War Journal." in text
    )
    ev = evidence(text)
    assert ev.language == "ar" and ev.decided and ev.points == {}  # the script alone decided


def test_french_paragraph_scores_only_french_words() -> None:
    para = (
        "Il faut noter que Daech a pratiquement perdu le contrôle de la ville de Derna en juin 2015 "
        "après en avoir été chassé par d’autres islamistes."
    )
    assert para in _read(SEEDS / "en-fr-blog-derna-liberated.txt")
    ev = evidence(para)
    assert ev.language == "fr" and ev.decided
    assert ev.points["en"] == 0 and ev.points["fr"] >= 8


def test_french_news_and_arabic_news() -> None:
    # webdo.tn, 21 April 2016, "Libye : Derna totalement libérée de Daech"
    fr = (
        "Les combattants de l’organisation terroriste Daech se sont retirés mercredi 20 avril de "
        "positions qu'ils occupaient dans le secteur de la ville portuaire de Derna"
    )
    assert detect_language(fr) == "fr"
    # essabq.info: "وفي تصريح لبي بي سي، قال حافظ الضبع المتحدث باسم المجلس ..."
    assert detect_language("ويضم المجلس مجموعة من المسلحين المحليين.") == "ar"


def test_blog_paragraphs_english_then_french() -> None:
    paragraphs = _blog_paragraphs()
    langs = paragraph_languages(paragraphs)
    body = paragraphs.index(
        "BBC reports that militants from so-called Islamic State (IS) have been pushed out of "
        "the key eastern city of Derna, a rival Islamist group has said."
    )
    french = next(i for i, p in enumerate(paragraphs) if p.startswith("Dans un communiqué rendu public"))
    assert french - body == 14
    assert langs[body:french] == ["en"] * 14
    assert langs[french : french + 3] == ["fr"] * 3
    # Comment-form lines after the French paragraphs: one English word is enough when no French one competes.
    thanks = paragraphs.index("Thank you for your contribution")
    assert thanks > french and langs[thanks] == "en"


def test_paragraph_without_evidence_takes_its_neighbour() -> None:
    paragraphs = _blog_paragraphs()
    french = next(p for p in paragraphs if p.startswith("Dans un communiqué rendu public"))
    # "Google photo" (a comment-form line of the seed) has no word of any table.
    assert "Google photo" in paragraphs
    assert evidence("Google photo").points == {"en": 0, "fr": 0}
    assert paragraph_languages([french, "Google photo"]) == ["fr", "fr"]
    assert paragraph_languages(["Google photo", french]) == ["fr", "fr"]


def test_no_letters_gives_the_default() -> None:
    assert detect_language("") == "en"
    assert detect_language("2014–2016", default="fr") == "fr"


def test_scripts_and_words_come_from_the_tables() -> None:
    assert lang.get("ar").script == "Arabic"
    assert lang.get("fr").script == lang.get("en").script == "Latin"
    # A month name scores for its language: "avril" is French only.
    assert evidence("21 avril 2016").points == {"en": 0, "fr": 1}
