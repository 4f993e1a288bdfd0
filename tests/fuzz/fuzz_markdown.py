"""Fuzz the markdown page reader through `parse(..., format="markdown")`.

Run: python -m tests.fuzz.fuzz_markdown [libFuzzer flags] [corpus dirs]
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["conflictparse", "tests.fuzz"]):
    from tests.fuzz.common import check_page, import_all, text_of

    import_all()


def TestOneInput(data: bytes) -> None:
    check_page(text_of(data), "markdown")


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
