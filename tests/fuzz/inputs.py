"""Pathological pages, built on demand: each must give a record or a one-line InputError, fast.

Shared by tests/test_robustness.py (which runs each under a hang guard) and
benchmarks/scaling.py (which times them). `PATHOLOGICAL[name]` is (builder, formats): the
formats in which the input makes sense to force.
"""

from __future__ import annotations

from collections.abc import Callable

MB = 1_000_000


def no_newline() -> str:
    """1 MB of running text with no line break at all."""
    sentence = "In March 2015 the army of 1,100 fighters[6] advanced on Derna (Libya) and 13 were killed. "
    return (sentence * (MB // len(sentence) + 1))[:MB]


def open_brackets() -> str:
    return "[" * 100_000


def nested_braces() -> str:
    """50,000 nested template openings, closed again."""
    return "{{Infobox military conflict|combatant1=" + "{{a|" * 50_000 + "x" + "}}" * 50_000 + "}}"


def unclosed_braces() -> str:
    return "{{" * 50_000


def unclosed_td() -> str:
    return '<table class="infobox"><tr><th>Belligerents</th></tr><tr>' + "<td>Egypt" * 10_000


def pipes_in_cell() -> str:
    return "{{Infobox military conflict|casualties1=" + "|" * 100_000 + "}}"


def digits_and_commas() -> str:
    """One line of 100,000 characters: digits and commas (`1,234,567,...`)."""
    return "Casualties and losses\n" + ("1,234," * 16_667)[:100_000] + "\n"


def digit_run() -> str:
    return "Strength\n" + "1" * 100_000 + " troops\n"


_MD_HEAD = "## A\n\n## B\n\nx | y\n---|---\n"


def emphasis_runs() -> str:
    """A markdown page whose body is 100,000 unclosed bold and italic openings."""
    return _MD_HEAD + "**a _b " * 100_000


def markdown_headings() -> str:
    """50,000 headings, each with its edit link."""
    return "".join(f"## H{i}\n[edit]\n" for i in range(50_000))


def markdown_rules() -> str:
    """100,000 table separator lines under one infobox row."""
    return _MD_HEAD + "---|---\n" * 100_000


PATHOLOGICAL: dict[str, tuple[Callable[[], str], tuple[str, ...]]] = {
    "1MB-no-newline": (no_newline, ("text", "markdown", "html", "wikitext", "article")),
    "100k-open-brackets": (open_brackets, ("text", "markdown", "html", "wikitext", "article")),
    "50k-nested-braces": (nested_braces, ("text", "html", "wikitext")),
    "50k-unclosed-braces": (unclosed_braces, ("text", "html", "wikitext")),
    "10k-unclosed-td": (unclosed_td, ("text", "html", "wikitext")),
    "100k-pipes-in-cell": (pipes_in_cell, ("text", "markdown", "html", "wikitext")),
    "100k-digits-and-commas": (digits_and_commas, ("text", "markdown", "html", "wikitext", "article")),
    "100k-digit-run": (digit_run, ("text", "html", "wikitext")),
    "100k-emphasis-runs": (emphasis_runs, ("markdown",)),
    "50k-markdown-headings": (markdown_headings, ("markdown",)),
    "100k-markdown-rules": (markdown_rules, ("markdown",)),
}
