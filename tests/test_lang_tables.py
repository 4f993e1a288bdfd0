"""The Arabic and French tables: they load, cover every field English fills, and hold the words
real pages use (every string below is quoted from a seed or a cited public page)."""

from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path

import pytest

from conflictparse import lang
from conflictparse.document import Seg
from conflictparse.fields import citations
from conflictparse.fields.casualties import parse_casualty
from conflictparse.fields.dates import find_dates
from conflictparse.fields.figures import parse_figures
from conflictparse.fields.names import parse_commanders
from conflictparse.lang.base import LangTable, LangTableError
from conflictparse.models import Commander
from tests.paths import SEEDS

AR = lang.get("ar")
FR = lang.get("fr")
EN = lang.get("en")

# Fields English fills that another language rightly leaves at the default.
NOT_APPLICABLE = {
    # no capitals; no "1st"-style suffixes; "last June" is written "يونيو الماضي" (a suffix)
    # "جرحى بجروح خطيرة": Arabic puts casualty modifiers after the casualty word
    # the article "ال" is a prefix of the word, not a separate word; so is the "for" of a plan
    # ("للعام التالي", for the following year)
    "ar": {
        "dates_capitalized",
        "ordinal_suffixes",
        "month_relative_prefixes",
        "casualty_modifiers",
        "articles",
        "day_prepositions",
        "plan_prepositions",
    },
    # "avril", "mercredi" are lower case; "juin dernier" (a suffix); "le 27" has no ordinal suffix
    # to tell a day from a count ("le 27e" is a unit), so a day with no month is not read
    "fr": {"dates_capitalized", "month_relative_prefixes", "day_prepositions"},
}


def _seed(name: str) -> str:
    local = Path(__file__).resolve().parent.parent / "fixtures"
    for path in (*sorted(local.glob(f"*/{name}")), SEEDS / name):
        if path.is_file():
            return path.read_text(encoding="utf-8")
    pytest.fail(f"seed {name} not found")


def _default(f: dataclasses.Field[object]) -> object:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return None


def seg(text: str) -> Seg:
    return Seg(text, 0, len(text), True)


@pytest.mark.parametrize("code", ["en", "ar", "fr"])
def test_tables_load_with_their_code(code: str) -> None:
    table = lang.get(code)
    assert isinstance(table, LangTable)
    assert table.code == code


@pytest.mark.parametrize("code", ["ar", "fr"])
def test_every_field_english_fills_is_filled(code: str) -> None:
    table = lang.get(code)
    missing = [
        f.name
        for f in dataclasses.fields(LangTable)
        if getattr(EN, f.name) != _default(f) and getattr(table, f.name) == _default(f)
    ]
    assert sorted(set(missing) - NOT_APPLICABLE[code]) == []


def test_validation_rejects_unknown_values() -> None:
    with pytest.raises(LangTableError):
        dataclasses.replace(AR, labels={"المتحاربون": "fighters"})
    with pytest.raises(LangTableError):
        dataclasses.replace(FR, status_markers={"(mort au combat)": "dead"})


# --- Arabic -----------------------------------------------------------------------------------


def test_arabic_labels() -> None:
    for label, key in [
        ("المتحاربون", "belligerents"),
        ("الخصوم", "belligerents"),
        ("القادة والزعماء", "commanders"),
        ("الوحدات المشاركة", "units"),
        ("القوة", "strength"),
        ("الخسائر والإصابات", "casualties"),
        ("التاريخ", "date"),
        ("الموقع", "place"),
        ("النتيجة", "result"),
        ("جزء من", "part_of"),
        ("التغيرات الإقليمية", "territory"),
    ]:
        assert AR.labels[label] == key


def test_arabic_wikitext_params_from_a_real_page() -> None:
    # ar.m.wikipedia.org diff of معركة مرج راهط (634): "| خصم1 = ... | قائد1 = ... | قوة1 = 9,000 |
    # خسائر1 = قليل | نتيجة = ... | مكان = [[سوريا]]"
    params = {"خصم": "belligerents", "قائد": "commanders", "قوة": "strength", "خسائر": "casualties"}
    for name, key in {**params, "نتيجة": "result", "مكان": "place", "جزء من": "part_of"}.items():
        assert AR.infobox_params[name] == key
    assert "معلومات نزاع عسكري" in AR.infobox_templates
    assert AR.vague_quantities["قليل"] is None


def test_arabic_months_all_three_calendars() -> None:
    text = _seed("ar-wikipedia-derna-campaign-fragment.txt")
    for quoted, month in [
        ("15 يونيو 2015", 6),
        ("30 يوليو 2015", 7),
        ("5 أكتوبر 2014", 10),
        ("18 نوفمبر 2014", 11),
    ]:
        assert quoted in text
        assert AR.months[quoted.split()[1]] == month
    assert AR.months["كانون الثاني"] == 1 and AR.months["كانون الأول"] == 12
    assert AR.months["آذار"] == AR.months["اذار"] == 3
    assert AR.months["أبريل"] == AR.months["ابريل"] == 4
    assert AR.months["آب"] == AR.months["أغسطس"] == AR.months["اغسطس"] == 8
    assert AR.months["تشرين الأول"] == AR.months["تشرين الاول"] == 10
    assert len(AR.month_names) == 12 and AR.months[AR.month_names[4]] == 5


def test_arabic_dates_in_seed_prose() -> None:
    text = "واضطر من تبقى منهم للخروج بحلول 30 يوليو 2015.[5]"
    assert text in _seed("ar-wikipedia-derna-campaign-fragment.txt")
    (m,) = find_dates(text, AR)
    assert m.date.start is not None and m.date.start.value == "2015-07-30"
    same_day = "في نفس اليوم، تمكنت قوات الحكومة من السيطرة على الضاحية الغربية من درنة"
    assert same_day in _seed("ar-wikipedia-derna-campaign-fragment.txt")
    (rel,) = find_dates(same_day, AR)
    assert rel.relative == ("day", 0)


def test_arabic_levantine_month_in_a_news_sentence() -> None:
    # A news sentence kept as test data in a public repository (found with find_string).
    text = "وحتى خلال الهبة -التي تشهدها الأراضي الفلسطينية منذ أكتوبر/تشرين الأول 2015- في الضفة الغربية"
    values = [m.date.start.value for m in find_dates(text, AR) if m.date.start]
    assert values == ["2015-10"]


def test_hijri_year_is_not_a_gregorian_year() -> None:
    # hmak.org, "أعظم 10 معارك للمسلمين": the Hijri date is followed by its Gregorian equivalent.
    text = "في يوم السبت 25 ربيع الثاني 583 هـ الموافق 4 يوليو 1187 م، بالقرب من قرية المجاودة"
    values = [m.date.start.value for m in find_dates(text, AR) if m.date.start]
    assert values == ["1187-07-04"]


def test_arabic_thousands_separator_inside_a_number() -> None:
    # hmak.org: "– تعداد جيش المسلمين: 25،000 مقاتلاً"
    assert "،" in AR.thousands_separators
    (fig,) = parse_figures(seg("تعداد جيش المسلمين: 25،000 مقاتلاً"), AR)
    assert (fig.low, fig.high, fig.qualifier, fig.unit) == (25000, 25000, "exact", "fighters")
    (more,) = parse_figures(seg("أكثر من 60 شاحنة محملة بمقاتلين"), AR)
    assert (more.low, more.high, more.qualifier, more.unit) == (60, None, "at_least", "vehicles")


def test_arabic_qualifiers_and_casualty_words() -> None:
    for phrase, qualifier in [
        ("أكثر من", "at_least"),
        ("حوالي", "about"),
        ("نحو", "about"),
        ("ما يقارب", "about"),
        ("على الأقل", "at_least"),
        ("قرابة", "about"),
        ("أقل من", "at_most"),
    ]:
        assert AR.qualifiers[phrase] == qualifier
    assert AR.qualifier_suffixes["على الأقل"] == "at_least"  # "50 قتيلاً على الأقل": after the number
    for word, category in [
        ("قتلى", "killed"),
        ("جرحى", "wounded"),
        ("أسرى", "captured"),
        ("نازح", "displaced"),
    ]:
        assert AR.categories[word] == category
    assert AR.vague_quantities["العشرات"] == 20  # seed: "العشرات من مقاتلي الدولة الإسلامية قتلوا"
    assert "مدنيين" in AR.civilian_words


def test_arabic_status_markers_on_the_seed_commanders() -> None:
    line = _seed("ar-wikipedia-derna-campaign-fragment.txt").split("\n", 1)[0]
    assert AR.status_markers["⚔"] == "killed"
    assert AR.status_markers["(أ.ح)"] == "captured"
    parsed, _ = parse_commanders([seg(line)], AR, line)
    status = {p.value.name: p.value.status for p in parsed if isinstance(p.value, Commander)}
    assert status["صلاح بن علي"] == ["killed"]
    assert status["سفيان قمو"] == ["captured"]


def test_arabic_reference_phrases_and_backlinks() -> None:
    text = _seed("ar-wikipedia-derna-campaign-fragment.txt")
    ref = next(line for line in text.splitlines() if line.startswith("^ ابجد"))
    assert any(p in ref for p in AR.retrieved) and "اطلع عليه بتاريخ 2014-11-19" in ref
    assert any(p in ref for p in AR.archived) and "مؤرشف من الأصل في 2018-06-12" in ref
    # "^ ابجد": the first four back-link labels, hamza ignored.
    bare = "".join(
        "".join(c for c in unicodedata.normalize("NFD", label) if not unicodedata.combining(c))
        for label in AR.backlink_labels[:4]
    )
    assert bare == "ابجد"
    authors = ref[len("^ ابجد") :].split("(", 1)[0]
    assert authors.count(AR.author_separators[0]) == 3  # Cruickshank، Paul؛ Robertson، Nic؛ ...


def test_arabic_table_knows_the_english_tag_of_the_seed() -> None:
    text = "لطرد عناصر الدولة الإسلامية والجماعات المسلحة من المدينة.[29][not in citation given]"
    assert text in _seed("ar-wikipedia-derna-campaign-fragment.txt")
    kinds = [(m.kind, m.value) for m in citations.find(text, AR)]
    assert kinds == [("ref", "29"), ("tag", "not in citation given")]


def test_arabic_sections_and_flags() -> None:
    assert AR.section_kinds["المراجع"] == "references"
    assert AR.section_kinds["وصلات خارجية"] == "external"
    assert AR.section_kinds["انظر أيضًا"] == "see_also"
    assert AR.flag_prefixes == ("علم ",)
    assert AR.script == "Arabic"


# --- French -----------------------------------------------------------------------------------

# franco.wiki/fr/Bataille_de_Khoucham.html, the French Wikipedia infobox as a browser renders it.
KHOUCHAM = [
    ("Date 7 -", "date"),
    ("Lieu Khoucham, près de Deir ez-Zor", "place"),
    ("Issue Victoire des FDS et de la coalition", "result"),
    ("Forces en présence", "strength"),
    ("Pertes", "casualties"),
    ("Coordonnées 35° 17′ 55″ nord, 40° 17′ 36″ est", "coordinates"),
]


@pytest.mark.parametrize(("line", "key"), KHOUCHAM)
def test_french_labels_of_a_rendered_infobox(line: str, key: str) -> None:
    low = line.lower()
    found = [k for label, k in sorted(FR.labels.items(), key=lambda kv: -len(kv[0])) if low.startswith(label)]
    assert found[0] == key


def test_french_labels_named_in_the_brief() -> None:
    for label, key in [
        ("belligérants", "belligerents"),
        ("commandants", "commanders"),
        ("forces engagées", "strength"),
        ("changements territoriaux", "territory"),
        ("conflit", "part_of"),
    ]:
        assert FR.labels[label] == key
    assert "informations générales" in FR.boilerplate


def test_french_figures_from_the_khoucham_infobox() -> None:
    (fig,) = parse_figures(seg("300 à 700 hommes[1] - [2] - [3] - [4]"), FR)
    assert (fig.low, fig.high, fig.qualifier, fig.unit) == (300, 700, "range", "men")
    (tanks,) = parse_figures(seg("27 chars et blindés[5]"), FR)
    assert (tanks.low, tanks.unit) == (27, "tanks")
    killed = parse_casualty(seg("100 à 300 morts[5] - [8] - [9] - [10]"), FR)
    assert [(f.category, f.low, f.high) for f in killed.figures] == [("killed", 100, 300)]
    wounded = parse_casualty(seg("150 à 400 blessés[11] - [9] - [4] - [12]"), FR)
    assert [(f.category, f.low, f.high) for f in wounded.figures] == [("wounded", 150, 400)]


def test_french_thousands_separators() -> None:
    # djazairess.com (L'Expression): "cette ville située à plus de 1.000 km à l'est de la capitale"
    assert {" ", "\u00a0", "\u202f", "."} <= set(FR.thousands_separators)
    nums = parse_figures(seg("plus de 1.000 km"), FR)
    assert [(f.low, f.qualifier) for f in nums] == [(1000, "at_least")]


def test_french_months_weekdays_and_dates_from_the_blog() -> None:
    blog = _seed("en-fr-blog-derna-liberated.txt")
    quoted = "le \u00a0mercredi \u00a021 avril 2016"
    assert quoted in blog
    assert "mercredi" in FR.weekdays and FR.months["avril"] == 4
    assert FR.months["août"] == FR.months["aout"] == 8
    assert FR.months["décembre"] == FR.months["decembre"] == 12
    assert "sept" not in FR.months  # the number seven
    (m,) = find_dates("perdu le contrôle de la ville de Derna en juin 2015 après", FR)
    assert m.date.start is not None and m.date.start.value == "2015-06"
    (first,) = find_dates("du 1er au 5 février 1945", FR)
    assert first.date.start is not None and first.date.start.value == "1945-02-01"


def test_french_relative_dates_and_ongoing() -> None:
    assert FR.relative_dates["le lendemain"] == ("day", 1)
    assert FR.relative_dates["hier"] == ("day", -1)
    assert FR.relative_dates["le mois suivant"] == ("month", 1)
    assert FR.relative_dates["l'année suivante"] == ("year", 1)
    assert FR.date_modifiers["début"] == "early" and FR.date_modifiers["fin"] == "late"
    assert "en cours" in FR.ongoing_words and "présent" in FR.ongoing_words


def test_french_qualifiers_markers_and_references() -> None:
    for phrase, qualifier in [
        ("plus de", "at_least"),
        ("au moins", "at_least"),
        ("environ", "about"),
        ("près de", "about"),
        ("jusqu'à", "at_most"),
        ("moins de", "at_most"),
    ]:
        assert FR.qualifiers[phrase] == qualifier
    assert FR.status_markers["(mort au combat)"] == "killed"
    assert FR.status_markers["(prisonnier)"] == "captured"
    assert FR.categories["déplacés"] == "displaced" and FR.units["soldats"] == "soldiers"
    assert "Consulté le" in FR.retrieved
    assert FR.section_kinds["notes et références"] == "references"
    assert FR.section_kinds["liens externes"] == "external"


def test_french_flag_prefix_strips_the_alt_text() -> None:
    line = "Drapeau de la Syrie Drapeau de la Russie"  # Khoucham infobox, "Forces en présence"
    prefix = next(p for p in FR.flag_prefixes if line.startswith(p))
    assert line[len(prefix) :].split(" ")[0] == "Syrie"


def test_article_boilerplate_of_each_language() -> None:
    blog = _seed("en-fr-blog-derna-liberated.txt").lower()
    assert (
        "thank you for your contribution" in EN.article_boilerplate
        and "thank you for your contribution" in blog
    )
    assert "laisser un commentaire" in FR.article_boilerplate
    assert "اترك تعليقاً" in AR.article_boilerplate
    # arabstoday.net ends its article with the comment-form line "أرسل تعليقك".
    assert "أرسل تعليقك" in AR.article_boilerplate


def test_stopwords_for_detection() -> None:
    assert {"the", "of", "and"} <= set(EN.stopwords)
    assert {"le", "la", "les", "de"} <= set(FR.stopwords)
    assert {"في", "من", "على"} <= set(AR.stopwords)
    assert not set(EN.stopwords) & set(FR.stopwords)
