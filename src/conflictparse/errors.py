"""Errors the user can act on, kept apart from our own bugs."""

from __future__ import annotations


class InputError(Exception):
    """The input cannot be read as a page: missing, empty, binary, undecodable or too large (exit 2)."""


class StrictError(Exception):
    """Warnings were raised and the caller asked for --strict (exit 1)."""

    def __init__(self, codes: list[str]) -> None:
        self.codes = codes
        super().__init__("warnings under --strict: " + ", ".join(codes))
