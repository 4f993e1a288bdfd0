"""Pinned robustness findings: inputs that crashed or hung the parser, one named test each.

Slow inputs are sized so that the old code takes minutes (it was quadratic, or worse) and run in a
fresh interpreter with a 20 s guard: a regression fails the test instead of blocking the suite.
Crashing inputs are small files in tests/regressions/ (`<name>.<format>`), every one of which must
give a record or a one-line InputError. Found by benchmarks of pathological inputs, a regex stress
scan of every pattern in src/, and the atheris targets in tests/fuzz/ (run.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conflictparse import InputError, parse
from conflictparse.schema import to_json, validation_errors

ROOT = Path(__file__).resolve().parent.parent
REGRESSIONS = Path(__file__).resolve().parent / "regressions"
GUARD_SECONDS = 20

# Each builder gives (page, format). The comment says what the old code did with it.
SLOW: dict[str, Callable[[], tuple[str, str]]] = {
    # assemble/sides.py _DEFINED_ALIAS started a match at every capital letter: 100k capitals > 15 s
    "capitals-run": lambda: (
        "Battle\nDate\t1 May 1990\nBelligerents\nA\tB\nCommanders and leaders\n" + "A" * 300_000 + "\n",
        "text",
    ),
    # fields/sentences.py _BOUNDARY matched `[.!?]+` from every mark of a run: 100k full stops > 15 s
    "full-stop-run": lambda: (
        "Battle\nDate\t1 May 1990\nHistory[edit]\nIt fell" + "." * 300_000 + " Then\n",
        "text",
    ),
    # readers/text.py stripped trailing markers with `(?:\[..\])+$`: 20k markers 11 s, 100k ~5 min
    "marker-run-line": lambda: ("Title\n" + "[a]" * 100_000 + "x\n", "text"),
    # fields/lines.py, the same pattern on a figure cell's line: 100k markers ~2.5 min
    "marker-run-cell": lambda: (
        "{{Infobox military conflict|combatant1=A|combatant2=B|casualties1="
        + "[a]" * 100_000
        + "x<br>5 killed}}",
        "wikitext",
    ),
    # wikitextparser finds nested templates one level per pass: 4,000 levels 19 s, 50,000 hours
    "nested-templates": lambda: (
        "{{Infobox military conflict|combatant1=" + "{{a|" * 50_000 + "x" + "}}" * 50_000 + "|combatant2=B}}",
        "wikitext",
    ),
    "nested-links": lambda: (
        "{{Infobox military conflict|combatant1=" + "[[a|" * 50_000 + "x" + "]]" * 50_000 + "|combatant2=B}}",
        "wikitext",
    ),
    # ... and its link pattern is quadratic in the pipes of one link: 200,000 pipes ~30 s
    "link-with-pipes": lambda: (
        "{{Infobox military conflict|combatant1=[[a" + "|a" * 200_000 + "]]}}",
        "wikitext",
    ),
    # ... and each unclosed extension tag scans to the end of the page: 40,000 `<ref>` 3 s, 200,000 80 s
    "unclosed-refs": lambda: ("'''Battle''' was." + "<ref>a" * 200_000, "wikitext"),
    # readers/html.py (_Box.add) and assemble/record.py (hints) scanned every column per column:
    # 10,000 columns 19 s
    "ten-thousand-columns": lambda: (
        '<table class="infobox"><tr><th>Belligerents</th></tr><tr>' + "<td>Egypt" * 10_000,
        "html",
    ),
    # fields/dates.py _DIGIT tried `\d(?!\d*\])` at every digit of a run before "]": 40k digits 8 s
    "digit-run-before-bracket": lambda: (
        "Battle\nDate\t1 May 1990\nHistory[edit]\nThe city fell after a siege ["
        + "1" * 300_000
        + "] and more.\n",
        "text",
    ),
    # readers/wikitext.py _STEM took `\d+`: `combatant999999999` asked for a billion sides
    "huge-column-number": lambda: (
        "{{Infobox military conflict|combatant1=A|combatant999999999=B|casualties999999999=5 killed}}",
        "wikitext",
    ),
}

_CHILD = """
import json, sys
from conflictparse import InputError, parse
from conflictparse.schema import to_json
from tests.test_regressions import SLOW
text, fmt = SLOW[sys.argv[1]]()
try:
    record = parse(text, fmt)
except InputError as exc:
    print(json.dumps({"error": str(exc)}))
else:
    print(to_json(record, compact=True))
"""


def run_guarded(name: str) -> dict[str, object]:
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _CHILD, name],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=GUARD_SECONDS,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: no answer within {GUARD_SECONDS} s (the quadratic path is back?)")
    assert proc.returncode == 0, proc.stderr[-2000:]
    data: dict[str, object] = json.loads(proc.stdout)
    return data


def _sides(data: dict[str, object]) -> list[dict[str, object]]:
    sides = data["sides"]
    assert isinstance(sides, list)
    return sides


def test_capitals_run() -> None:
    data = run_guarded("capitals-run")
    assert [p["name"] for s in _sides(data) for p in s["belligerents"]] == ["A", "B"]  # type: ignore[index]


def test_full_stop_run() -> None:
    assert run_guarded("full-stop-run")["source"]["format"] == "text"  # type: ignore[index]


def test_marker_run_line() -> None:
    assert run_guarded("marker-run-line")["source"]["format"] == "text"  # type: ignore[index]


def test_marker_run_cell() -> None:
    data = run_guarded("marker-run-cell")
    casualties = [c["raw"] for c in _sides(data)[0]["casualties"]]  # type: ignore[index, union-attr]
    assert casualties[-1] == "5 killed"


BLANKED = "markup too deep or long for the wikitext parser was read as plain text"


def _warnings(data: dict[str, object]) -> list[str]:
    return [w["message"] for w in data["warnings"] if w["code"] == "uninterpreted"]  # type: ignore[union-attr, index]


def test_nested_templates() -> None:
    data = run_guarded("nested-templates")
    # column 1 keeps its deep markup as raw text, and a warning says so
    assert [[p["name"] for p in s["belligerents"]] for s in _sides(data)] == [["{{a"], ["B"]]  # type: ignore[index]
    assert BLANKED in _warnings(data)


def test_nested_links() -> None:
    data = run_guarded("nested-links")
    assert _sides(data)[0]["belligerents"][0]["name"].startswith("[[a|[[a|")  # type: ignore[index]
    assert BLANKED in _warnings(data)


def test_link_with_pipes() -> None:
    data = run_guarded("link-with-pipes")
    assert len(_sides(data)) == 1
    assert BLANKED in _warnings(data)


def test_unclosed_refs() -> None:
    assert run_guarded("unclosed-refs")["source"]["format"] == "wikitext"  # type: ignore[index]


def test_ten_thousand_columns() -> None:
    data = run_guarded("ten-thousand-columns")
    assert len(_sides(data)) == 10_000
    assert {p["name"] for s in _sides(data) for p in s["belligerents"]} == {"Egypt"}  # type: ignore[index]


def test_digit_run_before_bracket() -> None:
    data = run_guarded("digit-run-before-bracket")
    assert data["date"]["raw"] == "1 May 1990"  # type: ignore[index]


def test_huge_column_number() -> None:
    data = run_guarded("huge-column-number")
    # the stray parameter is not a column: one side, not a billion
    assert [p["name"] for s in _sides(data) for p in s["belligerents"]] == ["A"]  # type: ignore[index]


def test_every_slow_input_has_a_test() -> None:
    tested = {n.removeprefix("test_").replace("_", "-") for n in globals() if n.startswith("test_")}
    assert set(SLOW) <= tested


# --------------------------------------------------------------------------- crashes (files)

FILES = sorted(p for p in REGRESSIONS.iterdir() if p.is_file() and p.suffix != ".md")


def _file(name: str) -> Path:
    return next(p for p in FILES if p.stem == name)


def _parse_file(path: Path) -> dict[str, object]:
    record = parse(path.read_bytes(), path.suffix.lstrip("."))
    data: dict[str, object] = json.loads(to_json(record))  # writing the JSON is part of the contract
    assert validation_errors(data) == []
    return data


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_regression_file(path: Path) -> None:
    """Every pinned input gives a valid record (or a one-line InputError)."""
    try:
        _parse_file(path)
    except InputError as exc:
        assert "\n" not in str(exc)


def test_there_are_regression_files() -> None:
    assert len(FILES) >= 4


def test_column_number_of_5000_digits() -> None:
    """readers/wikitext.py: int() of the column number raised ValueError (over 4300 digits)."""
    data = _parse_file(_file("column-number-5000-digits"))
    assert [p["name"] for s in _sides(data) for p in s["belligerents"]] == ["A"]  # type: ignore[index]


def test_start_date_month_of_5000_digits() -> None:
    """readers/wikitext_render.py format_date: int() of the month raised ValueError."""
    data = _parse_file(_file("start-date-month-5000-digits"))
    date = data["date"]
    assert isinstance(date, dict) and date["raw"].startswith("1990-1111")


def test_start_date_day_of_5000_digits() -> None:
    """readers/wikitext_render.py format_date: int() of the day raised ValueError."""
    data = _parse_file(_file("start-date-day-5000-digits"))
    date = data["date"]
    assert isinstance(date, dict) and date["raw"].startswith("1990-5-1111")


def test_portable_data_source_of_5000_digits() -> None:
    """readers/html.py _Labels.param: int() of a data-source number raised ValueError."""
    data = _parse_file(_file("portable-data-source-5000-digits"))
    assert [p["name"] for s in _sides(data) for p in s["belligerents"]] == ["Libya"]  # type: ignore[index]


def test_figure_of_5000_digits() -> None:
    """fields/figures.py: a 5000-digit count became an int that json.dumps cannot write (ValueError);
    a digit run over 15 digits is no count now, and the item keeps its raw text."""
    data = _parse_file(_file("figure-5000-digits"))
    strength = _sides(data)[0]["strength"]  # type: ignore[index]
    assert [(f["low"], f["raw"][-6:]) for f in strength] == [(None, "troops")]  # type: ignore[index]
    casualties = _sides(data)[1]["casualties"]  # type: ignore[index]
    assert [f["low"] for c in casualties for f in c["figures"]] == [5]  # type: ignore[index]


# --------------------------------------------------------------------------- wrong output


@pytest.mark.parametrize(
    "page",
    [
        "(DOW)\nCoordinates\n(DOW)\nLocation\n(DOW)\ncontents[edit]",  # hypothesis' find
        "Battle of X\nCoordinates\t32°11′N 22°16′E\nLocation\tMechili, Libya\nResult\tBritish victory\n",
    ],
    ids=["hypothesis", "coordinates-first"],
)
def test_location_span_with_coordinates_before_place(page: str) -> None:
    """document.Seg.join took the first part's start and the last part's end: with the coordinates
    line above the location line the span ran backwards (start > end) and `raw` was empty."""
    record = parse(page, "text", "en")
    loc = record.location
    assert loc is not None and loc.span is not None
    assert loc.span.start < loc.span.end
    assert loc.raw and loc.raw == page[loc.span.start : loc.span.end]
    assert validation_errors(json.loads(to_json(record))) == []


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("huit environ huit", "fr", [(0, 4, "exact"), (5, 17, "about")]),  # hypothesis' find
        ("eight about eight", "en", [(0, 5, "exact"), (6, 17, "about")]),
        ("2 à 3 environ huit", "fr", [(0, 5, "range"), (6, 18, "about")]),
        ("8 environ 8", "fr", [(0, 1, "exact"), (2, 11, "about")]),  # unchanged: a digit followed
    ],
)
def test_qualifier_between_two_numbers_is_taken_once(text: str, code: str, expected: list[object]) -> None:
    """fields/figures.py took 'environ' as the suffix of the first number and the prefix of the
    next: two matches overlapped (0-12 and 5-17). A qualifier before a number word is its prefix,
    as it already was before a digit."""
    from conflictparse import lang as langs
    from conflictparse.fields import figures

    found = figures.find_numbers(text, langs.get(code))
    assert [(x.start, x.end, x.qualifier) for x in found] == expected
