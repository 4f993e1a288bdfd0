"""Fuzz the field parsers directly: python -m tests.fuzz.fuzz_fields [libFuzzer flags] [corpus dirs].

The first byte picks the parser and the language (parser * 3 + language, modulo); the rest, as
UTF-8, is the text. The checks are tests/fuzz/common.py's FIELD_CHECKS: spans inside the text,
low <= high, models that validate, sentences that lose no character.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["conflictparse", "tests.fuzz"]):
    from tests.fuzz.common import FIELD_CHECKS, LANGS, import_all, table, text_of

    import_all()

TABLES = [table(code) for code in LANGS]


def TestOneInput(data: bytes) -> None:
    if not data:
        return
    pick = data[0] % (len(FIELD_CHECKS) * len(LANGS))
    check = FIELD_CHECKS[pick // len(LANGS)]
    check(text_of(data[1:]), TABLES[pick % len(LANGS)])


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
