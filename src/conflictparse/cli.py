"""The command line: a thin layer over the library. JSON on stdout, everything else on stderr."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import click

from . import __version__
from .decode import DEFAULT_MAX_BYTES
from .errors import InputError
from .models import ConflictRecord

EXIT_OK, EXIT_INVALID, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3

_EXAMPLES = """
\b
Examples:
  conflictparse parse page.txt                   record of a browser-copied page
  conflictparse parse page.html -o record.json   saved HTML, written atomically
  curl -s ... | conflictparse parse - --format wikitext --compact
  conflictparse parse page.txt --strict          exit 1 if the parser had to warn
  conflictparse validate record.json             check records against the schema
  conflictparse schema > conflict-record.schema.json

\b
Exit codes: 0 ok; 1 invalid record, or warnings under --strict;
2 usage or input error; 3 an internal error (a bug: please report it).
"""


@click.group(epilog=_EXAMPLES)
@click.version_option(__version__, prog_name="conflictparse")
def main() -> None:
    """Turn wiki-style conflict pages (text copies, saved HTML, wikitext) into typed JSON records."""


@main.command(epilog=_EXAMPLES)
@click.argument("file", type=str)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the JSON here.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "text", "markdown", "html", "wikitext", "article"]),
    default="auto",
    show_default=True,
)
@click.option("--lang", type=click.Choice(["auto", "en", "ar", "fr"]), default="auto", show_default=True)
@click.option("--compact", is_flag=True, help="One line of JSON instead of indented.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) when the parser warns, listing every warning.")
@click.option("--quiet", "-q", is_flag=True, help="Do not print warnings on stderr.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True)
def parse(
    file: str,
    output: Path | None,
    fmt: str,
    lang: str,
    compact: bool,
    strict: bool,
    quiet: bool,
    max_bytes: int,
) -> None:
    """Parse FILE (or - for standard input) and print its record as JSON."""
    from .pipeline import parse as parse_text
    from .pipeline import parse_file
    from .schema import to_json

    try:
        if file == "-":
            record = parse_text(sys.stdin.buffer.read(), fmt, lang, name=None, max_bytes=max_bytes)
        else:
            record = parse_file(file, fmt, lang, max_bytes=max_bytes)
        if output is not None and file != "-" and _same_file(output, Path(file)):
            raise InputError(f"{output}: refusing to write the record over its own input")
    except InputError as exc:
        _fail(str(exc), EXIT_INPUT)
    except Exception as exc:  # our bug, not the user's input
        _fail(f"internal error on {file}: {type(exc).__name__}: {exc} (a bug; please report it)", EXIT_BUG)
    _report(record, quiet and not strict)
    if strict and record.warnings:
        codes = sorted({w.code for w in record.warnings})
        _fail(f"{len(record.warnings)} warnings under --strict: {', '.join(codes)}", EXIT_INVALID)
    text = to_json(record, compact)
    if output is None:
        click.echo(text, nl=False)
    else:
        _write_atomic(output, text)


@main.command()
@click.argument("files", nargs=-1, required=True, type=str)
def validate(files: tuple[str, ...]) -> None:
    """Check record files (JSON, or JSON Lines from `batch`) against the schema; print each violation
    with its JSON pointer."""
    from .schema import validation_errors

    status = EXIT_OK
    for name in files:
        try:
            items = _load_records(Path(name))
        except FileNotFoundError:
            problem = "no such file"
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            problem = f"not JSON ({exc})"
        except OSError as exc:
            problem = f"cannot be read ({exc.strerror})"
        else:
            errors = [
                f"line {n}: {e}" if n else e
                for n, inst, not_json in items
                for e in ([not_json] if not_json else validation_errors(inst))
            ]
            for err in errors:
                click.echo(f"{name}: {err}", err=True)
            if errors:
                status = max(status, EXIT_INVALID)
            else:
                click.echo(f"{name}: valid", err=True)
            continue
        click.echo(f"conflictparse: {name}: {problem}", err=True)  # the other files are still checked
        status = EXIT_INPUT
    sys.exit(status)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the record."""
    from .schema import schema_text

    click.echo(schema_text(), nl=False)


def _load_records(path: Path) -> list[tuple[int, object, str | None]]:
    """One record (a JSON file: line 0) or many (JSON Lines, as `batch` writes), each with its line
    number in the file and, for a line that is not JSON, why."""
    text = path.read_text(encoding="utf-8")
    try:
        return [(0, json.loads(text), None)]
    except json.JSONDecodeError:
        numbered = [(n, ln) for n, ln in enumerate(text.splitlines(), 1) if ln.strip()]
        if len(numbered) < 2:
            raise
        out: list[tuple[int, object, str | None]] = []
        for n, line in numbered:
            try:
                out.append((n, json.loads(line), None))
            except json.JSONDecodeError as exc:
                out.append((n, None, f"not JSON ({exc.msg} at column {exc.colno})"))
        return out


def _report(record: ConflictRecord, quiet: bool) -> None:
    if quiet:
        return
    for w in record.warnings:
        where = f" @{w.span.start}" if w.span else ""
        click.echo(f"warning: {w.code}{where}: {w.message}", err=True)


def _fail(message: str, code: int) -> None:
    click.echo(f"conflictparse: {message}", err=True)
    sys.exit(code)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _file_mode(path: Path) -> int:
    """The mode of the file being replaced, else what the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename: never a half-written record."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        mode = _file_mode(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, mode)  # mkstemp makes it private; the output is an ordinary file
        os.replace(tmp, path)
    except OSError as exc:
        _fail(f"{path}: cannot write ({exc.strerror})", EXIT_INPUT)


from .batch.cli import batch  # noqa: E402 - the batch command lives in its own package

main.add_command(batch)


if __name__ == "__main__":  # pragma: no cover
    main()
