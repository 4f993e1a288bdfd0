"""Language tables, one module per language; `get(code)` loads and validates one."""

from __future__ import annotations

import importlib
from functools import cache

from .base import LangTable, LangTableError

LANGUAGES: tuple[str, ...] = ("en", "ar", "fr")


@cache
def get(code: str) -> LangTable:
    """The table for `code`; English where no table exists yet for that language."""
    try:
        module = importlib.import_module(f"{__name__}.{code}")
    except ModuleNotFoundError:
        module = importlib.import_module(f"{__name__}.en")
    table = module.TABLE
    if not isinstance(table, LangTable):
        raise LangTableError(f"{code}: TABLE is not a LangTable")
    return table


__all__ = ["LANGUAGES", "LangTable", "LangTableError", "get"]
