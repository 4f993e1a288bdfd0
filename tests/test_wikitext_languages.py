"""Arabic and French conflict infobox templates read through the same pipeline (names are table data).

The samples are written in the templates' documented parameter names (خصم1, قائد1, قوة1, خسائر1; combattants1,
commandant1, forces1, pertes1) with values from the Derna campaign pages."""

from __future__ import annotations

from conflictparse import parse

AR = """{{معلومات نزاع عسكري
| اسم_النزاع = حملة درنة
| جزء_من = الحرب الأهلية الليبية
| تاريخ = 5 أكتوبر 2014 – 21 أبريل 2016
| مكان = [[درنة]]، [[ليبيا]]
| نتيجة = انتصار مجلس شورى مجاهدي درنة
| خصم1 = مجلس النواب
| خصم2 = [[الدولة الإسلامية]]
| قائد1 = [[عبد الله الثني]]
| قائد2 = [[أبو نبيل الأنباري]] {{KIA}}
| قوة2 = 1,100 مقاتل
| خسائر2 = 83+ قتيل
}}
'''حملة درنة''' هي حملة عسكرية بدأت في 5 أكتوبر 2014.
"""

FR = """{{Infobox Conflit militaire
 | conflit     = Bataille de Derna
 | guerre      = Guerre civile libyenne
 | date        = du 5 octobre 2014 au 21 avril 2016
 | lieu        = [[Derna]]
 | issue       = Victoire du Conseil de la choura
 | combattants1 = {{Drapeau|Libye}} Chambre des représentants
 | combattants2 = [[État islamique (organisation)|État islamique]]
 | commandant1 = [[Abdullah al-Thani]]
 | commandant2 = [[Abou Nabil al-Anbari]] †
 | forces2     = 800 à 1 100 hommes
 | pertes2     = Au moins 83 morts
}}
La '''bataille de Derna''' commence le 5 octobre 2014.
"""


def test_arabic_template() -> None:
    r = parse(AR)
    assert (r.source.format, r.source.language, r.title) == ("wikitext", "ar", "حملة درنة")
    assert r.date is not None and r.date.start is not None and r.date.end is not None
    assert (r.date.start.value, r.date.end.value) == ("2014-10-05", "2016-04-21")
    assert r.location is not None and r.location.places == ["درنة", "ليبيا"]
    assert [b.name for b in r.sides[1].belligerents] == ["الدولة الإسلامية"]
    assert [(c.name, c.status) for c in r.sides[1].commanders] == [("أبو نبيل الأنباري", ["killed"])]
    (s,) = r.sides[1].strength
    assert (s.low, s.qualifier, s.unit) == (1100, "exact", "fighters")
    (k,) = r.sides[1].casualties[0].figures
    assert (k.category, k.low, k.qualifier) == ("killed", 83, "at_least")
    assert [e.date.start.value for e in r.events if e.date.start] == ["2014-10-05"]


def test_french_template() -> None:
    r = parse(FR)
    assert (r.source.format, r.source.language) == ("wikitext", "fr")
    assert r.date is not None and r.date.start is not None and r.date.end is not None
    assert (r.date.start.value, r.date.end.value) == ("2014-10-05", "2016-04-21")
    assert [b.name for b in r.sides[0].belligerents] == ["Chambre des représentants"]
    assert [(c.name, c.status) for c in r.sides[1].commanders] == [("Abou Nabil al-Anbari", ["killed"])]
    (s,) = r.sides[1].strength
    assert (s.low, s.high, s.qualifier, s.unit) == (800, 1100, "range", "men")
    (k,) = r.sides[1].casualties[0].figures
    assert (k.category, k.low, k.high, k.qualifier) == ("killed", 83, None, "at_least")
    assert [e.text for e in r.events] == ["La bataille de Derna commence le 5 octobre 2014."]
