"""The committed schema is the one the models generate; the models are closed (extra=forbid)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from conflictparse.models import ConflictRecord, Figure
from conflictparse.schema import record_schema, schema_text

COMMITTED = Path(__file__).resolve().parent.parent / "schemas" / "conflict-record.schema.json"


def test_committed_schema_is_generated_one() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), "run `make schemas` and commit the result"


def test_closed_vocabularies_are_enums() -> None:
    defs = record_schema()["$defs"]
    assert set(defs["Figure"]["properties"]["qualifier"]["enum"]) == {
        "exact",
        "at_least",
        "at_most",
        "about",
        "range",
        "unknown",
    }
    assert "killed" in defs["Commander"]["properties"]["status"]["items"]["enum"]
    assert set(defs["PartialDate"]["properties"]["precision"]["enum"]) == {"day", "month", "year"}
    formats = {"text", "markdown", "html", "wikitext", "article"}
    assert set(defs["Source"]["properties"]["format"]["enum"]) == formats


def test_unknown_field_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Figure(raw="x", lows=3)  # type: ignore[call-arg]


def test_bad_vocabulary_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Figure(raw="x", qualifier="roughly")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        ConflictRecord.model_validate(
            {"source": {"format": "pdf", "language": "en", "sha256": "0" * 64, "chars": 1}}
        )
