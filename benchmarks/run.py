#!/usr/bin/env python
"""conflictparse benchmarks, stdlib timing only; prints a readable report (`make bench`).

    python benchmarks/run.py            the full run (batch throughput over >= 2,000 pages: a few minutes)
    python benchmarks/run.py --quick    a short run (180 pages, fewer repetitions)

a. batch throughput (pages/s, MB/s, peak RSS per process) with 1 and 2 workers, over the wikitext
   corpus (shared/corpus/wikitext: the .wiki pages and the JSONL sample) replicated;
b. cold start of `conflictparse parse <seed>`;
c. time per stage (decode+detect+read, assemble, serialise) on the largest corpus page;
d. the wikitext reader on Battle of Stalingrad;
e. events + references against dateparser's search_dates, timed and scored on two hand-keyed pages.

Every figure is measured on the machine it runs on; the load average is printed with them, since
another busy process on a 2-core machine halves what the 2-worker run can show.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
try:
    import conflictparse  # noqa: F401
except ImportError:  # run from a checkout that is not installed
    sys.path.insert(0, str(ROOT / "src"))


def _shared() -> Path:
    for cand in (ROOT.parent / "shared", Path("/work/shared")):
        if (cand / "corpus").is_dir():
            return cand
    sys.exit("benchmarks: the shared corpus (shared/corpus) is not beside the checkout")


SEED = ROOT / "fixtures" / "en-militarywiki-derna-campaign" / "input.txt"
EVENTS = ROOT / "tests" / "data" / "events"

TARGET_PAGES_S = 50.0
TARGET_SPEEDUP = 1.7
TARGET_RSS_MB = 250.0
TARGET_COLD_S = 0.6
TARGET_STALINGRAD_MS = 50.0
TARGET_DATEPARSER_RATIO = 50.0


def mark(ok: bool) -> str:
    return "ok  " if ok else "MISS"


def median_time(fn: Callable[[], object], n: int) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def build_kind() -> str:
    """Whether the hot modules run compiled (setup.py's mypyc build) or as plain Python."""
    import conflictparse

    package = Path(conflictparse.__file__).resolve().parent
    compiled = sorted(str(so.relative_to(package)).split(".", 1)[0] for so in package.rglob("*.so"))
    if not compiled:
        return "plain Python (no compiled modules; see setup.py)"
    return f"{len(compiled)} modules compiled with mypyc ({', '.join(compiled)})"


# --- a. batch throughput -------------------------------------------------------------------------


def corpus_pages(shared: Path) -> list[dict[str, Any]]:
    """The wikitext corpus: every .wiki page and every line of the JSONL sample, as JSONL objects."""
    wikitext = shared / "corpus" / "wikitext"
    pages = [
        {"title": p.stem, "model": "wikitext", "text": p.read_text(encoding="utf-8")}
        for p in sorted(wikitext.glob("*.wiki"))
    ]
    for sample in sorted(wikitext.glob("*.jsonl")):
        for line in sample.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                pages.append({"title": obj["title"], "model": "wikitext", "text": obj["text"]})
    return pages


def write_replicated(pages: list[dict[str, Any]], copies: int, path: Path) -> tuple[int, int]:
    n = size = 0
    with path.open("w", encoding="utf-8") as fh:
        for k in range(copies):
            for p in pages:
                line = json.dumps({**p, "title": f"{p['title']} (copy {k + 1})"}, ensure_ascii=False) + "\n"
                fh.write(line)
                n += 1
                size += len(p["text"].encode("utf-8"))
    return n, size


def child_batch(jsonl: str, out: str, jobs: int) -> None:
    """In a fresh process: one batch run, then its own peak RSS and its workers' (JSON on stdout)."""
    from conflictparse.batch.inputs import discover
    from conflictparse.batch.run import Options, run_batch

    stats = run_batch(discover([jsonl]), Path(out), None, Options(jobs=jobs), note=lambda m: None)
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "elapsed": stats.elapsed,
                "pages": stats.session_pages,
                "records": stats.records,
                "failed": stats.failed,
                "bytes": stats.session_bytes,
                "rss_main_mb": me.ru_maxrss / 1024,
                "rss_worker_mb": kids.ru_maxrss / 1024,
                "cpu_main": me.ru_utime + me.ru_stime,
                "cpu_workers": kids.ru_utime + kids.ru_stime,
            }
        )
    )


def bench_batch(shared: Path, quick: bool, tmp: Path) -> None:
    pages = corpus_pages(shared)
    copies = 4 if quick else -(-2000 // len(pages))
    jsonl = tmp / "corpus.jsonl"
    n, size = write_replicated(pages, copies, jsonl)
    print(
        f"a. batch throughput: {len(pages)} corpus pages x {copies} = {n} pages, "
        f"{size / 1e6:.1f} MB of wikitext"
    )
    from conflictparse import pipeline

    pipeline.parse(pages[0]["text"], "wikitext")
    t = time.perf_counter()
    for p in pages:
        pipeline.parse(p["text"], "wikitext")
    loop = time.perf_counter() - t
    print(
        f"   plain parse() loop over the {len(pages)} distinct pages, no batch machinery: "
        f"{len(pages) / loop:.1f} pages/s ({1e3 * loop / len(pages):.0f} ms a page on average)"
    )
    results: dict[int, dict[str, Any]] = {}
    for jobs in (1, 2):
        out = tmp / f"out{jobs}.jsonl"
        proc = subprocess.run(
            [sys.executable, __file__, "--child-batch", str(jsonl), str(out), str(jobs)],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(f"   --jobs {jobs}: failed\n{proc.stderr}")
            return
        r = json.loads(proc.stdout)
        results[jobs] = r
        rate = r["pages"] / r["elapsed"]
        print(
            f"   --jobs {jobs}: {r['pages']} pages ({r['failed']} failed) in {r['elapsed']:.1f} s = "
            f"{rate:.1f} pages/s, {r['bytes'] / 1e6 / r['elapsed']:.2f} MB/s; peak RSS main "
            f"{r['rss_main_mb']:.0f} MB, worker {r['rss_worker_mb']:.0f} MB; "
            f"CPU main {r['cpu_main']:.1f} s, workers {r['cpu_workers']:.1f} s "
            f"({r['cpu_workers'] / r['elapsed']:.2f} cores busy)"
        )
    if (tmp / "out1.jsonl").read_bytes() != (tmp / "out2.jsonl").read_bytes():
        print("   MISS the two runs' outputs differ")
    else:
        print("   ok   the two runs' outputs are byte-identical")
    one = results[1]["pages"] / results[1]["elapsed"]
    two = results[2]["pages"] / results[2]["elapsed"]
    rss = max(max(r["rss_main_mb"], r["rss_worker_mb"]) for r in results.values())
    print(f"   {mark(one >= TARGET_PAGES_S)} single process {one:.1f} pages/s (target >= {TARGET_PAGES_S:g})")
    print(
        f"   {mark(two / one >= TARGET_SPEEDUP)} --jobs 2 speed-up {two / one:.2f}x "
        f"(target >= {TARGET_SPEEDUP}; it needs both cores free: see the load average)"
    )
    print(f"   {mark(rss < TARGET_RSS_MB)} peak RSS per process {rss:.0f} MB (target < {TARGET_RSS_MB:g})")


# --- b. cold start -------------------------------------------------------------------------------


def bench_cold(quick: bool) -> None:
    n = 3 if quick else 7

    def run(args: list[str]) -> float:
        t = time.perf_counter()
        subprocess.run(args, capture_output=True, check=True)
        return time.perf_counter() - t

    base = statistics.median(run([sys.executable, "-c", "pass"]) for _ in range(n))
    cmd = [sys.executable, "-m", "conflictparse.cli", "parse", str(SEED), "--quiet"]
    run(cmd)  # the bytecode cache
    wall = statistics.median(run(cmd) for _ in range(n))
    print(
        f"b. cold start `conflictparse parse {SEED.relative_to(ROOT)}`: median of {n}: {wall:.3f} s "
        f"(bare interpreter {base:.3f} s)"
    )
    print(f"   {mark(wall < TARGET_COLD_S)} {wall:.3f} s (target < {TARGET_COLD_S} s)")


# --- c. stages -----------------------------------------------------------------------------------


def largest_page(shared: Path) -> tuple[str, bytes]:
    best: tuple[str, bytes] = ("", b"")
    for sub in ("text", "html", "wikitext"):
        for p in sorted((shared / "corpus" / sub).iterdir()):
            if p.suffix == ".jsonl":
                for line in p.read_text(encoding="utf-8").splitlines():
                    obj = json.loads(line)
                    data = obj["text"].encode("utf-8")
                    if len(data) > len(best[1]):
                        best = (f"{p.name}: {obj['title']}", data)
            elif p.is_file() and p.stat().st_size > len(best[1]):
                best = (p.name, p.read_bytes())
    return best


def bench_stages(shared: Path, quick: bool) -> None:
    import hashlib

    from conflictparse import lang as langs
    from conflictparse import pipeline
    from conflictparse.assemble.record import build
    from conflictparse.decode import decode
    from conflictparse.detect import detect_format
    from conflictparse.lang.detect import detect_language
    from conflictparse.models import Source
    from conflictparse.schema import to_json

    name, data = largest_page(shared)
    n = 3 if quick else 7
    rows: dict[str, list[float]] = {"decode+detect+read": [], "assemble (fields)": [], "serialise": []}
    first = 0.0
    for i in range(n + 1):
        t0 = time.perf_counter()
        dec = decode(data)
        fmt = detect_format(dec.text)
        table = langs.get(detect_language(dec.text[:100_000]))
        doc = pipeline.read(dec.text, fmt, table)
        t1 = time.perf_counter()
        source = Source(
            name=name,
            format=doc.format,
            language=doc.language,
            chars=len(dec.text),
            sha256=hashlib.sha256(dec.text.encode("utf-8")).hexdigest(),
            encoding=dec.encoding,
        )
        record = build(doc, table, source)
        t2 = time.perf_counter()
        to_json(record, True)
        t3 = time.perf_counter()
        if i == 0:
            first = t3 - t0
            continue
        for key, dt in zip(rows, (t1 - t0, t2 - t1, t3 - t2), strict=True):
            rows[key].append(dt)
    total = sum(statistics.median(v) for v in rows.values())
    whole = median_time(lambda: pipeline.parse(data), n)
    print(
        f"c. stages on the largest corpus page ({name}, {len(data) / 1e3:.0f} kB, {doc.format}), "
        f"median of {n} warm runs:"
    )
    for key, values in rows.items():
        med = statistics.median(values)
        print(f"   {key:<22} {1e3 * med:8.1f} ms  {100 * med / total:4.0f}%")
    print(
        f"   {'sum':<22} {1e3 * total:8.1f} ms (parse() as a whole {1e3 * whole:.1f} ms; "
        f"first call, imports included, {1e3 * first:.0f} ms)"
    )


# --- d. the wikitext reader ------------------------------------------------------------------------


def bench_stalingrad(shared: Path, quick: bool) -> None:
    from conflictparse import lang as langs
    from conflictparse import pipeline

    path = shared / "corpus" / "wikitext" / "en-wikitext-battle-of-stalingrad.wiki"
    text = path.read_text(encoding="utf-8")
    table = langs.get("en")
    t = time.perf_counter()
    pipeline.read(text, "wikitext", table)
    first = time.perf_counter() - t
    n = 5 if quick else 15
    med = median_time(lambda: pipeline.read(text, "wikitext", table), n)
    print(
        f"d. wikitext reader on Battle of Stalingrad ({len(text) / 1e3:.0f} kB): median of {n} "
        f"{1e3 * med:.1f} ms (first call {1e3 * first:.0f} ms)"
    )
    ok = med * 1e3 < TARGET_STALINGRAD_MS
    print(f"   {mark(ok)} {1e3 * med:.1f} ms (target < {TARGET_STALINGRAD_MS:g} ms)")


# --- e. events + references against dateparser -------------------------------------------------------


def sentence_bounds(text: str, prefix: str) -> tuple[int, int] | None:
    """Where the sentence that starts with `prefix` is: up to the first '.', '!' or '?' followed by a
    space and a capital letter, or the end of the line."""
    start = text.find(prefix)
    if start < 0:
        return None
    i = start + len(prefix)
    while i < len(text) and text[i] != "\n":
        if text[i] in ".!?" and i + 2 < len(text) and text[i + 1] == " " and text[i + 2].isupper():
            return start, i + 1
        i += 1
    return start, i


def at_precision(dt: datetime, precision: str) -> str:
    if precision == "year":
        return f"{dt.year:04d}"
    if precision == "month":
        return f"{dt.year:04d}-{dt.month:02d}"
    return f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}"


def score_dateparser(
    text: str, found: list[tuple[str, datetime]], want: list[dict[str, Any]]
) -> tuple[float, float]:
    """A found date is right when an expected event's sentence holds it and its start date, cut to the
    expected precision, is the found date at that precision; recall counts expected events with a right
    date found in their sentence."""
    bounds = [sentence_bounds(text, w["text_prefix"]) for w in want]
    right, hit = 0, set()
    cursor = 0
    for sub, dt in found:
        pos = text.find(sub, cursor)
        if pos < 0:
            pos = text.find(sub)
        cursor = pos + len(sub) if pos >= 0 else cursor
        ok = False
        for i, (w, b) in enumerate(zip(want, bounds, strict=True)):
            if b is not None and b[0] <= pos < b[1] and at_precision(dt, w["precision"]) == w["start"]:
                ok = True
                hit.add(i)
        right += ok
    return (right / len(found) if found else 0.0), len(hit) / len(want)


def score_ours(events: list[Any], want: list[dict[str, Any]]) -> tuple[float, float]:
    """tests/test_events.py's scoring: an event is right when it starts with an expected event's text
    and has its start, end and precision."""
    right, matched = 0, set()
    for w in want:
        hits = [i for i, e in enumerate(events) if e.text.startswith(w["text_prefix"]) and i not in matched]
        if not hits:
            continue
        matched.add(hits[0])
        d = events[hits[0]].date
        if (
            d.start is not None
            and d.start.value == w["start"]
            and d.start.precision == w["precision"]
            and (d.end.value if d.end else None) == w["end"]
        ):
            right += 1
    return (right / len(events) if events else 0.0), right / len(want)


def bench_events(shared: Path, quick: bool) -> None:
    from conflictparse import lang as langs
    from conflictparse import pipeline
    from conflictparse.fields.events import extract_events
    from conflictparse.fields.references import clear_memo, parse_reference

    t = time.perf_counter()
    import dateparser.search

    dp_import = time.perf_counter() - t
    print(
        f"e. events + references against dateparser.search.search_dates "
        f"(dateparser import {dp_import:.2f} s):"
    )
    pages = [
        ("seed", SEED, "derna-seed.json"),
        (
            "hardest day",
            shared / "corpus" / "text" / "en-text-innertext-the-hardest-day.txt",
            "hardest-day.json",
        ),
    ]
    n = 3 if quick else 7
    for label, path, key in pages:
        text = path.read_text(encoding="utf-8")
        want = json.loads((EVENTS / key).read_text(encoding="utf-8"))
        record = pipeline.parse(text)
        table = langs.get(record.source.language)
        doc = pipeline.read(text, record.source.format, table)

        def ours(doc: Any = doc, table: Any = table) -> None:
            clear_memo()  # no head start from the run before
            extract_events(doc.sections, table)
            for entry in doc.references:
                parse_reference(entry, table)

        t_ours = median_time(ours, n)
        t_whole = median_time(lambda text=text: pipeline.parse(text), n)  # type: ignore[misc]
        t = time.perf_counter()
        found = dateparser.search.search_dates(text, languages=["en"]) or []
        t_dp = time.perf_counter() - t
        p_o, r_o = score_ours(record.events, want)
        p_d, r_d = score_dateparser(text, found, want)
        print(f"   {label} ({path.name}, {len(text) / 1e3:.0f} kB, {len(want)} expected events):")
        print(
            f"     ours        events+refs {1e3 * t_ours:7.1f} ms (whole parse {1e3 * t_whole:6.1f} ms); "
            f"{len(record.events)} events, precision {p_o:.2f}, recall {r_o:.2f}"
        )
        print(
            f"     dateparser  search_dates {1e3 * t_dp:6.0f} ms; {len(found)} dates, "
            f"precision {p_d:.2f}, recall {r_d:.2f}"
        )
        ratio = t_dp / t_ours
        print(
            f"     {mark(ratio >= TARGET_DATEPARSER_RATIO)} ours is {ratio:.0f}x faster (whole parse: "
            f"{t_dp / t_whole:.0f}x; target >= {TARGET_DATEPARSER_RATIO:g}x)"
        )
        print(
            f"     {mark(p_o > p_d)} precision {p_o:.2f} vs {p_d:.2f}; "
            f"{mark(r_o >= r_d)} recall {r_o:.2f} vs {r_d:.2f}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a short run")
    ap.add_argument("--only", choices=["a", "b", "c", "d", "e"], action="append", help="run only these parts")
    ap.add_argument("--child-batch", nargs=3, metavar=("JSONL", "OUT", "JOBS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_batch:
        child_batch(args.child_batch[0], args.child_batch[1], int(args.child_batch[2]))
        return
    shared = _shared()
    parts = set(args.only or "abcde")
    load = os.getloadavg()
    print(
        f"conflictparse benchmarks{' (quick)' if args.quick else ''}: Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    print(f"build: {build_kind()}")
    with tempfile.TemporaryDirectory(prefix="conflictparse-bench-") as tmp:
        if "a" in parts:
            bench_batch(shared, args.quick, Path(tmp))
        if "b" in parts:
            bench_cold(args.quick)
        if "c" in parts:
            bench_stages(shared, args.quick)
        if "d" in parts:
            bench_stalingrad(shared, args.quick)
        if "e" in parts:
            bench_events(shared, args.quick)
    load = os.getloadavg()
    print(f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
