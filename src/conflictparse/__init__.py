"""conflictparse: wiki-style conflict pages in, typed and validated conflict records out.

>>> import conflictparse
>>> record = conflictparse.parse_file("page.txt")
>>> record.sides[0].belligerents[0].name
"""

from __future__ import annotations

from .errors import InputError, StrictError
from .models import ConflictRecord
from .pipeline import parse, parse_file

__version__ = "0.1.0"

__all__ = ["ConflictRecord", "InputError", "StrictError", "__version__", "parse", "parse_file"]
