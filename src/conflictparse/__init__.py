"""conflictparse: wiki-style conflict pages in, typed and validated conflict records out."""

from __future__ import annotations

__version__ = "0.1.0"
