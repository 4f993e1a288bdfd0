"""Where the tests find the shared corpus: $CONFLICTPARSE_SHARED, else shared/ beside the checkout."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def _shared() -> Path:
    env = os.environ.get("CONFLICTPARSE_SHARED")
    candidates = [Path(env)] if env else []
    candidates += [ROOT.parent / "shared", Path("/work/shared")]
    for c in candidates:
        if (c / "corpus").is_dir():
            return c
    return ROOT.parent / "shared"


SHARED = _shared()
CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"
