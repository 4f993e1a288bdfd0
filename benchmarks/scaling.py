"""Bounded work: parse time as real page text doubles, and the time of each pathological input.

    python benchmarks/scaling.py [--max-mb 6.4] [--formats text html wikitext] [--no-pathological]

For each format, the corpus pages (shared/corpus/<format>/ and fixtures/*/input.<ext>) are joined
and repeated, cut at a line break, to 100 kB, 200 kB, ... 6.4 MB; each size is parsed once with the
format forced and the time printed with its ratio to the size before (linear work doubles: the
target is a ratio under 2.3). Then every input of tests/fuzz/inputs.py (1 MB without a newline,
100,000 `[`, 50,000 nested `{{`, ...) is timed in every format it is tested in; the tests only
guard those against hangs, the numbers live here. Asserts nothing: it is a benchmark.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzz.inputs import PATHOLOGICAL  # noqa: E402
from tests.paths import CORPUS, FIXTURES  # noqa: E402

from conflictparse import InputError, parse  # noqa: E402
from conflictparse import lang as langs  # noqa: E402

SOURCES = {"text": ("text", (".txt",)), "html": ("html", (".html",)), "wikitext": ("wikitext", (".wiki",))}
TARGET_RATIO = 2.3


def corpus_text(fmt: str) -> str:
    """Every page of the format, joined (each page starts on a line of its own)."""
    folder, exts = SOURCES[fmt]
    paths = sorted(p for p in (CORPUS / folder).glob("*") if p.suffix in exts)
    paths += sorted(p for p in FIXTURES.glob("*/input.*") if p.suffix in exts)
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    if not pages:
        raise SystemExit(f"no {fmt} pages under {CORPUS / folder} or {FIXTURES}")
    text = "\n".join(pages) + "\n"
    if fmt == "text":
        # the text reader stops at a page footer ("Retrieved from ..."): drop those lines, or only
        # the first page of the repeated text would be read
        footers = tuple(m.lower() for code in langs.LANGUAGES for m in langs.get(code).footer_markers)
        lines = text.splitlines(keepends=True)
        text = "".join(ln for ln in lines if not ln.strip().lower().startswith(footers))
    return text


def sized(base: str, size: int) -> str:
    text = base * (size // len(base) + 1)
    cut = text.rfind("\n", 0, size)
    return text[: cut + 1 if cut > size // 2 else size]


def timed(text: str, fmt: str) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        record = parse(text, fmt)
        what = f"record: {len(record.sides)} sides, {len(record.events)} events"
    except InputError as exc:
        what = f"InputError: {exc}"
    return time.perf_counter() - start, what


def scaling(formats: list[str], max_bytes: int) -> None:
    print(f"Doubling real page text (target ratio per doubling < {TARGET_RATIO})")
    for fmt in formats:
        base = corpus_text(fmt)
        print(f"\n{fmt}: {len(base) / 1e6:.2f} MB of pages repeated")
        print(f"  {'size':>8} {'seconds':>8} {'ratio':>6} {'MB/s':>6}")
        size, prev = 100_000, None
        while size <= max_bytes:
            text = sized(base, size)
            t, _ = timed(text, fmt)
            ratio = f"{t / prev:6.2f}" if prev else "     -"
            flag = "  over target" if prev and t / prev >= TARGET_RATIO else ""
            print(f"  {len(text) / 1e6:7.1f}M {t:8.2f} {ratio} {len(text) / 1e6 / t:6.2f}{flag}", flush=True)
            prev, size = t, size * 2


def pathological() -> None:
    print("\nPathological inputs (tests/test_robustness.py guards each against a hang at 20 s)")
    for name, (build, formats) in PATHOLOGICAL.items():
        text = build()
        for fmt in formats:
            t, what = timed(text, fmt)
            print(f"  {name:24} {fmt:9} {t:6.2f} s  {what[:70]}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--max-mb", type=float, default=6.4, help="largest size in MB (default 6.4)")
    ap.add_argument("--formats", nargs="*", default=list(SOURCES), choices=list(SOURCES))
    ap.add_argument("--no-pathological", action="store_true")
    args = ap.parse_args()
    scaling(args.formats, int(args.max_mb * 1_000_000) + 1)
    if not args.no_pathological:
        pathological()


if __name__ == "__main__":
    main()
