"""Compile the hot modules with mypyc where a C compiler and the Python headers are present.

The code is plain typed Python (mypy --strict clean); mypyc turns the modules a page spends its time
in into C extensions, which read a wikitext page in about four fifths of the time. Where no compiler
or no headers are found, or CONFLICTPARSE_PURE=1 is set, the same modules install as plain Python.
Everything else about the package is in pyproject.toml.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path

from setuptools import setup

COMPILED = [
    "document.py",
    "fields/casualties.py",
    "fields/citations.py",
    "fields/dates.py",
    "fields/events.py",
    "fields/figures.py",
    "fields/lines.py",
    "fields/names.py",
    "fields/places.py",
    "fields/references.py",
    "fields/sentences.py",
    "lang/detect.py",
    "readers/wikitext.py",
    "readers/wikitext_links.py",
    "readers/wikitext_render.py",
    "assemble/record.py",
    "assemble/references.py",
    "assemble/sides.py",
]
"""The modules a page spends its time in (benchmarks/run.py, section c), relative to the package."""


def _why_pure() -> str | None:
    if os.environ.get("CONFLICTPARSE_PURE", "") not in ("", "0"):
        return "CONFLICTPARSE_PURE is set"
    if sys.implementation.name != "cpython":
        return f"{sys.implementation.name} is not CPython"
    cc = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(cc) is None:
        return f"no C compiler ({cc})"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file():
        return "no Python headers (Python.h)"
    try:
        import mypyc.build  # noqa: F401
    except ImportError:
        return "mypyc is not installed"
    return None


def _ext_modules() -> list[object]:
    why = _why_pure()
    if why is not None:
        print(f"conflictparse: installing as plain Python ({why})", file=sys.stderr)
        return []
    from mypyc.build import mypycify

    paths = [f"src/conflictparse/{m}" for m in COMPILED]
    # The build environment has no dependencies installed (pydantic and the others read as Any), and
    # a newer mypy may be stricter than the one `make typecheck` runs: so no strict config here.
    flags = [f"--config-file={os.devnull}", "--ignore-missing-imports"]
    try:
        return list(mypycify([*flags, *paths], opt_level="3"))
    except (Exception, SystemExit) as exc:  # mypy's errors end in SystemExit
        print(f"conflictparse: installing as plain Python (mypyc failed: {exc})", file=sys.stderr)
        return []


setup(ext_modules=_ext_modules())
