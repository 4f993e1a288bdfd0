"""Names in infobox cells, on real lines from the seed and the corpus pages."""

from __future__ import annotations

import pytest

from conflictparse import lang
from conflictparse.fields.names import clean_name, parse_commanders, parse_parties
from conflictparse.readers.text import split_lines

EN = lang.get("en")


def cmds(text: str) -> list[dict[str, object]]:
    parsed, _ = parse_commanders(split_lines(text), EN, text)
    return [p.value.model_dump(exclude={"span"}, exclude_defaults=True) for p in parsed]


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Egypt Egypt", "Egypt"),
        ("\u00a0Nazi Germany", "Nazi Germany"),
        ("  • 1,100 fighters", "1,100 fighters"),
        ("Islamic State of Iraq and the Levant", "Islamic State of Iraq and the Levant"),
        ("United Kingdom United Kingdom", "United Kingdom"),
    ],
)
def test_clean_name(raw: str, name: str) -> None:
    assert clean_name(raw) == name


def test_seed_commanders_with_rank_role_status() -> None:
    text = (
        "Brig. Gen.\nSaqr Geroushi\n(Commander of the Libyan Air Force)\n"
        "Air Mshl Younes Hamed\n(Commander of the Egyptian Air Force)\n"
        "Sofian Qumu\u00a0(POW) (Senior ISIL commander)[10]\n"
        "Salim Derby (Leader of the Abu Salim Martyrs Brigade)"
    )
    assert cmds(text) == [
        {"name": "Saqr Geroushi", "rank": "Brig. Gen.", "role": "Commander of the Libyan Air Force"},
        {"name": "Younes Hamed", "rank": "Air Mshl", "role": "Commander of the Egyptian Air Force"},
        {"name": "Sofian Qumu", "role": "Senior ISIL commander", "status": ["captured"], "refs": ["10"]},
        {"name": "Salim Derby", "role": "Leader of the Abu Salim Martyrs Brigade"},
    ]


def test_role_on_next_line_with_ref() -> None:
    assert cmds("Abu Nabil al-Anbari\n(ISIL commander of North Africa)[8]") == [
        {"name": "Abu Nabil al-Anbari", "role": "ISIL commander of North Africa", "refs": ["8"]}
    ]


def test_polotsk_commanders_units_as_roles() -> None:
    text = "Georg-Hans Reinhardt\n(Third Panzer Army)\nRolf Wuthmann\n(IX Corps)"
    assert cmds(text) == [
        {"name": "Georg-Hans Reinhardt", "role": "Third Panzer Army"},
        {"name": "Rolf Wuthmann", "role": "IX Corps"},
    ]


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("Friedrich Paulus (POW)", ["captured"]),
        ("Alexander Hamilton †", ["killed"]),
        ("Richard III (KIA)", ["killed"]),
        ("John Doe (WIA)", ["wounded"]),
        ("Jean Lannes (DOW)", ["died_of_wounds"]),
    ],
)
def test_status_markers(line: str, status: list[str]) -> None:
    (c,) = cmds(line)
    assert c["status"] == status
    assert "(" not in str(c["name"]) and "†" not in str(c["name"])


def test_orphan_parenthetical_is_reported_not_glued() -> None:
    text = "(Prime Minister)\nAbdullah al-Thani"
    parsed, orphans = parse_commanders(split_lines(text), EN, text)
    assert [p.value.name for p in parsed] == ["Abdullah al-Thani"]
    assert [o.text for o in orphans] == ["(Prime Minister)"]


def test_parties_split_after_citation_marker() -> None:
    text = "\u00a0Islamic State of Iraq and the Levant[3] Shura Council of Mujahideen in Derna[4]"
    parsed = parse_parties(split_lines(text), EN)
    assert [(p.value.name, p.value.refs, p.inline_break) for p in parsed] == [
        ("Islamic State of Iraq and the Levant", ["3"], False),
        ("Shura Council of Mujahideen in Derna", ["4"], True),
    ]
    for p in parsed:
        assert p.value.span is not None
        assert text[p.value.span.start : p.value.span.end].startswith(p.value.name)


def test_party_note_from_parenthetical_line() -> None:
    parsed = parse_parties(split_lines("Soviet Union\n(from 1941)"), EN)
    assert [(p.value.name, p.value.note) for p in parsed] == [("Soviet Union", "from 1941")]
