"""The mypyc build (setup.py): compiled modules never shadow newer sources, and the list is real."""

from __future__ import annotations

import importlib
import os
import re
from pathlib import Path

import pytest

import conflictparse

PACKAGE = Path(conflictparse.__file__).resolve().parent
SETUP = PACKAGE.parent.parent / "setup.py"


def _compiled_list() -> list[str]:
    return re.findall(r'^    "(.+\.py)",$', SETUP.read_text(encoding="utf-8"), re.MULTILINE)


def test_compiled_modules_are_not_older_than_their_source() -> None:
    """An edited .py beside an older .so would be silently ignored: `make install` recompiles."""
    stale = [
        str(so.relative_to(PACKAGE))
        for so in PACKAGE.rglob("*.so")
        if so.stat().st_mtime < so.with_name(so.name.split(".", 1)[0] + ".py").stat().st_mtime
    ]
    assert stale == [], f"compiled modules older than their source (run `make install`): {stale}"


def test_every_compiled_module_exists_and_imports() -> None:
    listed = _compiled_list()
    assert len(listed) >= 10
    for rel in listed:
        assert (PACKAGE / rel).is_file(), rel
        importlib.import_module("conflictparse." + rel.removesuffix(".py").replace("/", "."))


def test_a_pure_run_imports_no_compiled_module() -> None:
    """`make test-pure` sets CONFLICTPARSE_PURE=1: then every module must be the plain Python one."""
    if os.environ.get("CONFLICTPARSE_PURE", "") in ("", "0"):
        pytest.skip("only under CONFLICTPARSE_PURE=1 (make test-pure)")
    for rel in _compiled_list():
        module = importlib.import_module("conflictparse." + rel.removesuffix(".py").replace("/", "."))
        assert str(module.__file__).endswith(".py"), module.__file__
