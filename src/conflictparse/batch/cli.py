"""The `batch` command: many pages in, one record a line out. Light at import: the work is imported on use."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

if TYPE_CHECKING:
    from .run import Stats

EXIT_OK, EXIT_FAILED, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3
KILL_AFTER_ENV = "CONFLICTPARSE_BATCH_KILL_AFTER"  # a test hook: SIGKILL after that many items

_EPILOG = """
\b
INPUT is a page file, a directory (searched recursively for .txt .html .htm
.wiki .wikitext .md), a JSONL page sample (.jsonl: one object a line with
"title" and "text"), a MediaWiki XML dump (.xml, .xml.bz2, .xml.gz: main
namespace only, redirects skipped), or - to read such paths from stdin.

\b
Examples:
  conflictparse batch pages/ -o records.jsonl --errors errors.jsonl
  conflictparse batch enwiki-pages.xml.bz2 -o records.jsonl --jobs 4
  find . -name '*.html' | conflictparse batch - -o records.jsonl
  conflictparse batch pages/ -o records.jsonl --resume   after an interruption

\b
Records come out in input order, the same bytes whatever --jobs is.
Exit codes: 0 every page gave a record; 1 some pages failed (see --errors);
2 usage or input error (a missing input, an unwritable output); 3 a bug.
"""


@click.command(epilog=_EPILOG)
@click.argument("inputs", nargs=-1, required=True, type=str)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The records, one compact JSON object a line (written to a temporary file, renamed at the end).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes.  [default: the number of CPUs]",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "text", "markdown", "html", "wikitext", "article"]),
    default="auto",
    show_default=True,
    help="Force the format of every page (JSONL samples and dumps otherwise say wikitext).",
)
@click.option("--lang", type=click.Choice(["auto", "en", "ar", "fr"]), default="auto", show_default=True)
@click.option(
    "--errors",
    "errors",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Failed pages here, one JSON object a line (source, index, title, line, kind, reason); "
    "without it they are listed on stderr.",
)
@click.option("--resume", is_flag=True, help="Continue an interrupted run with the same inputs and options.")
@click.option(
    "--page-timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=10.0,
    show_default=True,
    help="Seconds one page may take; a slower page is stopped and counted as failed.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=20 * 1024 * 1024,
    show_default=True,
    help="Largest page accepted.",
)
@click.option("--quiet", "-q", is_flag=True, help="No summary and no progress bar on stderr.")
def batch(
    inputs: tuple[str, ...],
    output: Path,
    jobs: int | None,
    fmt: str,
    lang: str,
    errors: Path | None,
    resume: bool,
    page_timeout: float,
    max_bytes: int,
    quiet: bool,
) -> None:
    """Parse many pages (files, directories, JSONL samples, XML dumps) into OUTPUT, one record a line."""
    from ..errors import InputError
    from .inputs import discover
    from .run import Options, run_batch

    try:
        sources = discover(inputs, sys.stdin if "-" in inputs else None)
        if not sources:
            raise InputError("no pages found in the inputs")
        _check_outputs(output, errors, [s.path for s in sources])
    except InputError as exc:
        _fail(str(exc), EXIT_INPUT)
    kill_after = os.environ.get(KILL_AFTER_ENV)
    opts = Options(
        fmt=fmt,
        lang=lang,
        jobs=jobs or os.cpu_count() or 1,
        page_timeout=page_timeout,
        max_bytes=max_bytes,
        kill_after=int(kill_after) if kill_after else None,
    )
    bar = _Bar(sum(s.size for s in sources), sys.stderr) if not quiet and sys.stderr.isatty() else None
    try:
        stats = run_batch(
            sources, output, errors, opts, resume=resume, progress=bar, note=lambda msg: _note(msg, bar)
        )
    except InputError as exc:
        _fail(str(exc), EXIT_INPUT)
    except KeyboardInterrupt:
        if bar is not None:
            bar.clear()
        _fail("interrupted; run again with --resume to continue", 130)
    except Exception as exc:  # our bug, not the input's: the partial output stays for --resume
        if bar is not None:
            bar.clear()
        _fail(f"internal error: {type(exc).__name__}: {exc} (a bug; please report it)", EXIT_BUG)
    if bar is not None:
        bar.clear()
    if not quiet:
        click.echo(summary(stats), err=True)
    sys.exit(EXIT_FAILED if stats.failed else EXIT_OK)


def summary(stats: Stats) -> str:
    """The end-of-run report: counts, warnings by code, speed."""
    resumed = f" (resumed at item {stats.resumed_at})" if stats.resumed_at else ""
    timeouts = f" ({stats.timeouts} timed out)" if stats.timeouts else ""
    lines = [
        f"conflictparse batch: {stats.pages} pages{resumed}: {stats.records} records, "
        f"{stats.failed} failed{timeouts}; skipped {stats.redirects} redirects and "
        f"{stats.other_skipped} non-article pages",
        f"  {stats.session_pages} pages in {stats.elapsed:.1f} s: {stats.pages_per_s:.1f} pages/s, "
        f"{stats.mb_per_s:.2f} MB/s",
    ]
    if stats.warnings:
        ranked = sorted(stats.warnings.items(), key=lambda x: (-x[1], x[0]))
        codes = ", ".join(f"{code} {n}" for code, n in ranked)
        lines.append(f"  warnings: {codes}")
    return "\n".join(lines)


def _check_outputs(output: Path, errors: Path | None, inputs: list[str]) -> None:
    from ..errors import InputError

    if errors is not None and os.path.abspath(errors) == os.path.abspath(output):
        raise InputError(f"{output}: --errors must be another file than the output")
    for target in (output, errors):
        if target is None:
            continue
        parent = target.parent if str(target.parent) else Path(".")
        if not parent.is_dir():
            raise InputError(f"{target}: its folder does not exist")
        if target.exists():
            for path in inputs:
                try:
                    if os.path.samefile(path, target):
                        raise InputError(f"{target}: refusing to write over an input")
                except OSError:
                    continue


class _Bar:
    """pages done, pages/s and (from the input bytes read) an ETA, redrawn at most 5 times a second."""

    def __init__(self, total_bytes: int, stream: TextIO) -> None:
        self.total, self.stream = total_bytes, stream
        self.t0 = time.monotonic()
        self.last = 0.0
        self.first: tuple[int, int] | None = None
        self.shown = False

    def __call__(self, pages: int, position: int) -> None:
        now = time.monotonic()
        if self.first is None:
            self.first = (pages, position)
        if now - self.last < 0.2:
            return
        self.last = now
        elapsed = now - self.t0
        done = pages - self.first[0]
        rate = done / elapsed if elapsed > 0 else 0.0
        line = f"{pages} pages  {rate:.1f} pages/s"
        read = position - self.first[1]
        if self.total and read > 0 and position <= self.total:
            eta = elapsed * (self.total - position) / read
            line += f"  {100 * position / self.total:.0f}%  ETA {int(eta) // 60}:{int(eta) % 60:02d}"
        self.stream.write("\r" + line.ljust(60))
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()
            self.shown = False


def _note(message: str, bar: _Bar | None) -> None:
    if bar is not None:
        bar.clear()
    click.echo(f"conflictparse batch: {message}", err=True)


def _fail(message: str, code: int) -> None:
    click.echo(f"conflictparse: {message}", err=True)
    sys.exit(code)
