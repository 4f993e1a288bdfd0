"""Every fixture's output equals its reviewed expected.json byte for byte, and validates."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.fuzz.common import spanned
from tests.golden import ROOT, fixtures, meta, render

SCHEMA = json.loads((ROOT.parent / "schemas" / "conflict-record.schema.json").read_text(encoding="utf-8"))
FIXTURES = fixtures()


def test_there_are_fixtures() -> None:
    assert len(FIXTURES) >= 5


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_golden(fixture: Path) -> None:
    expected = (fixture / "expected.json").read_text(encoding="utf-8")
    assert render(fixture) == expected


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_expected_validates_with_jsonschema(fixture: Path) -> None:
    instance = json.loads((fixture / "expected.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(instance)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_provenance_recorded(fixture: Path) -> None:
    m = meta(fixture)
    assert m.get("origin") and m.get("license") and (fixture / str(m["input"])).is_file()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_spans_slice_the_input(fixture: Path) -> None:
    """Text inputs: every span slices the decoded input to text containing the item's raw."""
    record = json.loads((fixture / "expected.json").read_text(encoding="utf-8"))
    if record["source"]["format"] not in ("text", "article"):  # markdown, html, wikitext
        pytest.skip("spans of rendered formats point into markup")
    text = (fixture / str(meta(fixture)["input"])).read_bytes().decode("utf-8-sig")
    checked = 0
    for item in (n for n in spanned(record) if isinstance(n.get("raw"), str)):
        span = item["span"]
        piece = text[span["start"] : span["end"]]
        assert item["raw"].strip() in piece or item["raw"] == piece, (item["raw"], piece)
        checked += 1
    assert checked > 0 or not (record["sides"] or record["references"])
