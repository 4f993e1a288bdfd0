"""Side inference: names, page-defined acronyms, and the monotone placement."""

from __future__ import annotations

from conflictparse import lang
from conflictparse.assemble.sides import SideNames, initials, place

EN = lang.get("en")


def seed_names() -> SideNames:
    known = SideNames()
    for side, name in [
        (1, "Libyan parliament"),
        (1, "Egypt"),
        (1, "United States"),
        (2, "Islamic State of Iraq and the Levant"),
        (3, "Shura Council of Mujahideen in Derna"),
    ]:
        known.add(side, name, EN)
    known.add_defined_aliases("the self-declared Islamic State of Iraq and the Levant (ISIL) took control")
    return known


def test_initials() -> None:
    assert initials("Shura Council of Mujahideen in Derna", EN) == "SCMD"
    assert initials("Islamic State of Iraq and the Levant", EN) == "ISIL"
    assert initials("Egypt", EN) == ""


def test_match_roles_of_the_seed() -> None:
    known = seed_names()
    assert known.match("Prime Minister of Libya", EN) == 1
    assert known.match("Commander of the Egyptian Air Force", EN) == 1
    assert known.match("Leader of ISIL", EN) == 2
    assert known.match("SCMD", EN) == 3
    assert known.match("Commander of the Shura Council of Mujahideen in Derna", EN) == 3
    assert known.match("Shura Council of Islamic Youth leader in Derna", EN) is None


def test_opponent_is_not_evidence() -> None:
    known = seed_names()
    assert known.match("Battle against ISIL at Kurfat Sebaa", EN) is None
    assert known.match("3 civilians executed by ISIL forces", EN) is None


def test_place_fills_between_evidence_and_flags_the_unsure() -> None:
    ev = [1, None, 2, None, 2, None, 3]
    out = place(ev, [1.0] * 7, 3)
    assert [p.side for p in out][:5] == [1, 1, 2, 2, 2] or [p.side for p in out][:5] == [1, 2, 2, 2, 2]
    assert out[3].sure and out[3].side == 2
    assert not out[1].sure and not out[5].sure
    assert out[6].side == 3


def test_place_breaks_at_shape_change() -> None:
    # unlabelled rows then a labelled side-3 row: the cheap breaks (0.3, 0.6) are used, no side skipped
    out = place([None, None, None, None, 3], [1.0, 1.0, 0.3, 1.0, 0.6], 3)
    assert [p.side for p in out] == [1, 1, 2, 2, 3]
    assert [p.sure for p in out] == [False, False, False, False, True]
