"""Parsing a stream of pages in worker processes: input order kept, slow pages killed, runs resumable.

Each worker is a child process fed one page at a time (two queued, so it never waits on the parent);
a page that runs past the timeout gets its worker killed and replaced, and goes to the errors. Results
come back in any order and are written in input order from a bounded window, so the output is the same
bytes whatever the number of workers. The output and the errors are written to hidden partial files
beside their targets, with a journal that records, after every item, how far both files are complete;
`resume=True` truncates the partial files to the last journal entry and goes on from the next item.
At the end both partial files are renamed onto their targets and the journal is removed.
"""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import os
import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from .inputs import Failure, Page, Skipped, SourceFile, iter_items

JOURNAL_VERSION = 1
_QUEUE_PER_WORKER = 2  # one parsing, one waiting in the pipe (when small: see _fits_pipe)
_QUEUED_CHARS = 24_000 if sys.platform.startswith("linux") else 0  # socket buffers are smaller elsewhere
_WINDOW_PER_WORKER = 64
_BUFFER_CAP = 64 * 1024 * 1024  # bytes of page text and records held between reading and writing
_JOURNAL_COMPACT = 1 << 20
_GC_GEN0 = 1_000_000
"""A worker's young-generation threshold, a safety net only: the worker collects the young
generations itself after each page (`gc.collect(1)`), when a page's garbage is all there is. Left to
the default (700), collections ran every few hundred allocations mid-page, about 4% of the time. The
warmed-up caches are frozen out of every collection (`gc.freeze`)."""

# messages from a worker: ("ready",) | ("ok", index, json_line, warning_codes, nbytes)
#                                      | ("fail", index, kind, reason, nbytes)
Outcome = tuple[Any, ...]


@dataclass(frozen=True)
class Options:
    fmt: str = "auto"
    lang: str = "auto"
    jobs: int = 1
    page_timeout: float = 10.0
    max_bytes: int = 20 * 1024 * 1024
    kill_after: int | None = None  # a test hook: SIGKILL this process after writing that many items


@dataclass
class Stats:
    """What a run did; the counts carry over a resume, the rate is of this session."""

    records: int = 0
    failed: int = 0
    timeouts: int = 0
    redirects: int = 0
    other_skipped: int = 0
    bytes: int = 0
    warnings: Counter[str] = field(default_factory=Counter)
    resumed_at: int = 0
    session_pages: int = 0
    session_bytes: int = 0
    elapsed: float = 0.0

    @property
    def pages(self) -> int:
        return self.records + self.failed

    @property
    def pages_per_s(self) -> float:
        return self.session_pages / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.session_bytes / 1e6 / self.elapsed if self.elapsed > 0 else 0.0

    def saved(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "failed": self.failed,
            "timeouts": self.timeouts,
            "redirects": self.redirects,
            "other_skipped": self.other_skipped,
            "bytes": self.bytes,
            "warnings": dict(sorted(self.warnings.items())),
        }

    @classmethod
    def restored(cls, data: dict[str, Any]) -> Stats:
        s = cls()
        for key in ("records", "failed", "timeouts", "redirects", "other_skipped", "bytes"):
            setattr(s, key, int(data.get(key, 0)))
        s.warnings = Counter({str(k): int(v) for k, v in dict(data.get("warnings", {})).items()})
        return s


Progress = Callable[[int, int], None]  # (pages done, input bytes consumed)


def partial_paths(out: Path, errors: Path | None) -> tuple[Path, Path | None, Path]:
    """(partial output, partial errors, journal): hidden files beside the targets."""
    return (
        out.with_name(f".{out.name}.partial"),
        errors.with_name(f".{errors.name}.partial") if errors is not None else None,
        out.with_name(f".{out.name}.journal"),
    )


def fingerprint(sources: Sequence[SourceFile], opts: Options, errors: Path | None) -> str:
    """What must not change between an interrupted run and its resumption."""
    data = {
        "v": JOURNAL_VERSION,
        "sources": [[s.path, s.kind, s.size] for s in sources],
        "format": opts.fmt,
        "lang": opts.lang,
        "max_bytes": opts.max_bytes,
        "errors": str(errors) if errors is not None else None,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


# --- the worker process --------------------------------------------------------------------------


_WARM_PAGES = (
    (
        "wikitext",
        "{{Infobox military conflict\n|conflict=A\n|date=1 May 1900\n|place=B\n|result=C\n"
        "|combatant1=D\n|combatant2=E\n|strength1=1,000\n|casualties1=10 killed\n}}\n"
        "'''A''' was a battle.<ref>F, G (1901). ''H''. p. 2.</ref>\n\n== Battle ==\nOn 1 May 1900, D won.\n",
    ),
    (
        "text",
        "A\nDate\t1 May 1900\nLocation\tB\nResult\tC\nBelligerents\nD\tE\nStrength\n1,000\t2,000\n"
        "Casualties and losses\n10 killed\t20 killed\n\nA was a battle on 1 May 1900 in B, won by D.[1]\n"
        "References\n1. F, G (1901). H. p. 2.\n",
    ),
)


def warm() -> None:
    """Import what parsing needs and fill its caches, once (in the parent before forking, so workers
    start warm): a first parse costs some 0.1 s more than the next ones."""
    from .. import pipeline, schema
    from ..readers import article, html, text, wikitext  # noqa: F401

    for fmt, page in _WARM_PAGES:
        try:
            schema.to_json(pipeline.parse(page, fmt, "en"), True)
        except Exception:  # a warm-up only: the real pages report their own errors
            pass


def parse_page(page: Page, lang: str, max_bytes: int) -> Outcome:
    """Parse one page into ("ok", index, compact JSON line, warning codes, bytes) or ("fail", ...)."""
    from ..pipeline import parse
    from ..schema import to_json

    nbytes = 0
    try:
        if page.data is None:
            try:
                size = os.stat(page.source).st_size
                if size > max_bytes:
                    raise InputError(
                        f"input is {size} bytes, over the limit of {max_bytes} bytes (--max-bytes)"
                    )
                data: str | bytes = Path(page.source).read_bytes()
            except OSError as exc:
                raise InputError(f"cannot be read ({exc.strerror})") from exc
            nbytes = len(data)
        else:
            data = page.data
            nbytes = len(data.encode("utf-8", "surrogatepass"))
        record = parse(data, page.format, lang, name=page.name, max_bytes=max_bytes)
        return ("ok", page.index, to_json(record, True), [w.code for w in record.warnings], nbytes)
    except InputError as exc:
        return ("fail", page.index, "input", _one_line(str(exc)), nbytes)
    except Exception as exc:  # a bug of ours on this page: recorded, and the batch goes on
        reason = _one_line(f"internal error: {type(exc).__name__}: {exc}")
        return ("fail", page.index, "error", reason, nbytes)


def _one_line(text: str) -> str:
    return " ".join(text.split())[:2000]


def _worker_main(conn: Connection, other: Connection | None, lang: str, max_bytes: int, parent: int) -> None:
    if other is not None:
        other.close()  # the parent's end, inherited through fork
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    warm()
    gc.freeze()
    gc.set_threshold(_GC_GEN0, *gc.get_threshold()[1:])
    try:
        conn.send(("ready",))
        while True:
            while not conn.poll(1.0):
                if os.getppid() != parent:  # the parent was killed: nobody will read our results
                    return
            page = conn.recv()
            if page is None:
                return
            conn.send(parse_page(page, lang, max_bytes))
            gc.collect(1)
    except (EOFError, OSError):  # the parent is gone (killed): a broken pipe is no news to report
        return


class _Worker:
    def __init__(self, ctx: BaseContext, lang: str, max_bytes: int) -> None:
        parent_end, child_end = ctx.Pipe(duplex=True)
        forked = ctx.get_start_method() == "fork"
        self.proc: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=_worker_main,
            args=(child_end, parent_end if forked else None, lang, max_bytes, os.getpid()),
            daemon=True,
        )
        self.proc.start()
        child_end.close()
        self.conn = parent_end
        self.ready = False
        self.tasks: deque[Page] = deque()
        self.since = 0.0  # when the task at the head of `tasks` started

    def send(self, page: Page) -> None:
        if not self.tasks:
            self.since = time.monotonic()
        self.tasks.append(page)
        self.conn.send(page)

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()


def _fits_pipe(page: Page) -> bool:
    """Small enough to wait in the pipe's buffer (Linux: about 200 kB) while the worker is busy."""
    return page.data is None or len(page.data) <= _QUEUED_CHARS


def _context() -> BaseContext:
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


# --- the run -------------------------------------------------------------------------------------


class _Writer:
    """The partial output, the partial errors and the journal, always consistent at each checkpoint."""

    def __init__(self, out: Path, errors: Path | None, fp: str, resume: bool, note: Callable[[str], None]):
        self.out, self.errors = out, errors
        self.out_part, self.err_part, self.journal = partial_paths(out, errors)
        self.fp = fp
        self.done, self.stats = 0, Stats()
        state = self._load() if resume else None
        if resume and state is None:
            note("nothing to resume: starting from the first page")
        elif not resume and self.journal.exists():
            note(f"discarding an interrupted run's partial output (--resume continues it): {self.out_part}")
        if state is not None:
            self.done, out_size, err_size, self.stats = state
            self.out_fh = self._reopen(self.out_part, out_size)
            self.err_fh = self._reopen(self.err_part, err_size) if self.err_part is not None else None
            self.stats.resumed_at = self.done
            self.jfh = self.journal.open("ab")
        else:
            self.out_fh = self.out_part.open("wb")
            self.err_fh = self.err_part.open("wb") if self.err_part is not None else None
            self.jfh = self.journal.open("wb")
            self.jfh.write(json.dumps({"version": JOURNAL_VERSION, "fingerprint": fp}).encode() + b"\n")
            self.checkpoint()

    def _load(self) -> tuple[int, int, int, Stats] | None:
        if not self.journal.exists() or not self.out_part.exists():
            return None
        lines = self.journal.read_bytes().split(b"\n")
        try:
            header = json.loads(lines[0])
        except ValueError:
            return None
        if header.get("version") != JOURNAL_VERSION or header.get("fingerprint") != self.fp:
            raise InputError(
                f"cannot resume: the inputs or options differ from the interrupted run ({self.journal}); "
                "run without --resume to start over"
            )
        last: dict[str, Any] | None = None
        for raw in lines[1:]:
            try:
                last = json.loads(raw)
            except ValueError:
                continue  # a line torn by the kill
        if last is None:
            return None
        out_size, err_size = int(last["out"]), int(last["err"])
        if self.err_part is not None and not self.err_part.exists():
            if err_size:
                return None
            self.err_part.touch()
        if self.out_part.stat().st_size < out_size or (
            self.err_part is not None and self.err_part.stat().st_size < err_size
        ):
            return None  # the files lost what the journal says they hold: start over
        return int(last["done"]), out_size, err_size, Stats.restored(last["stats"])

    @staticmethod
    def _reopen(path: Path, size: int) -> IO[bytes]:
        fh = path.open("r+b")
        fh.truncate(size)
        fh.seek(size)
        return fh

    def checkpoint(self) -> None:
        self.out_fh.flush()
        if self.err_fh is not None:
            self.err_fh.flush()
        entry = {
            "done": self.done,
            "out": self.out_fh.tell(),
            "err": self.err_fh.tell() if self.err_fh is not None else 0,
            "stats": self.stats.saved(),
        }
        line = json.dumps(entry, separators=(",", ":")).encode() + b"\n"
        if self.jfh.tell() > _JOURNAL_COMPACT:  # keep the journal small: its header and this entry
            self.jfh.close()
            tmp = self.journal.with_name(self.journal.name + ".tmp")
            header = json.dumps({"version": JOURNAL_VERSION, "fingerprint": self.fp}).encode() + b"\n"
            tmp.write_bytes(header + line)
            os.replace(tmp, self.journal)
            self.jfh = self.journal.open("ab")
        else:
            self.jfh.write(line)
            self.jfh.flush()

    def close(self) -> None:
        for fh in (self.out_fh, self.err_fh, self.jfh):
            if fh is not None:
                fh.close()

    def finish(self) -> None:
        self.out_fh.flush()
        os.fsync(self.out_fh.fileno())
        if self.err_fh is not None:
            self.err_fh.flush()
            os.fsync(self.err_fh.fileno())
        self.close()
        os.replace(self.out_part, self.out)
        if self.err_part is not None and self.errors is not None:
            os.replace(self.err_part, self.errors)
        self.journal.unlink(missing_ok=True)


def run_batch(
    sources: Sequence[SourceFile],
    out: Path,
    errors: Path | None = None,
    opts: Options | None = None,
    *,
    resume: bool = False,
    progress: Progress | None = None,
    note: Callable[[str], None] | None = None,
) -> Stats:
    """Parse every page of `sources` into `out` (one compact record a line, in input order).

    Failures go to `errors` (JSONL) or, without it, to `note`. InputError when the run cannot start
    (an unwritable output, a resume whose inputs differ).
    """
    opts = opts or Options()
    say = note or (lambda msg: print(f"conflictparse batch: {msg}", file=sys.stderr))
    try:
        writer = _Writer(out, errors, fingerprint(sources, opts, errors), resume, say)
    except OSError as exc:
        raise InputError(f"{exc.filename}: cannot write ({exc.strerror})") from exc
    try:
        _Run(sources, writer, opts, progress, say).loop()
    except BaseException:
        writer.close()  # the partial files and the journal stay for --resume
        raise
    writer.finish()
    return writer.stats


class _Run:
    def __init__(
        self,
        sources: Sequence[SourceFile],
        writer: _Writer,
        opts: Options,
        progress: Progress | None,
        say: Callable[[str], None],
    ) -> None:
        self.items = iter_items(sources, opts.fmt)
        self.w, self.opts, self.progress, self.say = writer, opts, progress, say
        self.start = writer.done
        self.next_emit = writer.done
        self.fetched = writer.done
        self.exhausted = False
        self.pending: deque[Page] = deque()
        self.results: dict[int, Failure | Skipped | Outcome] = {}
        self.buffered = 0
        self.window = max(32, _WINDOW_PER_WORKER * opts.jobs)
        self.ctx = _context()
        self.workers: list[_Worker] = []
        self.emitted = 0
        self._meta: dict[int, Page] = {}  # the pages out with workers, without their text
        self.stillborn = 0

    def loop(self) -> None:
        t0 = time.monotonic()
        try:
            while True:
                self._fetch()
                self._dispatch()
                self._emit()
                if self.exhausted and not self.pending and not self.results and not self._busy():
                    break
                self._wait()
        except BaseException:
            for wk in self.workers:
                wk.kill()
            raise
        finally:
            self.w.stats.elapsed = time.monotonic() - t0
        for wk in self.workers:
            wk.stop()

    # -- reading ahead, within the window and the memory cap
    def _fetch(self) -> None:
        while not self.exhausted:
            # when both limits are reached with no page out, all that was read is ready to be written
            if self.fetched - self.next_emit >= self.window or self.buffered >= _BUFFER_CAP:
                return
            item = next(self.items, None)
            if item is None:
                self.exhausted = True
                return
            if item.index < self.start:
                continue  # finished by the interrupted run
            self.fetched = item.index + 1
            if isinstance(item, Page):
                self.pending.append(item)
                self.buffered += len(item.data or "")
            else:
                self.results[item.index] = item

    def _busy(self) -> bool:
        return any(wk.tasks for wk in self.workers)

    def _dispatch(self) -> None:
        if self.pending and not self.workers:
            self._start_workers()
        for wk in list(self.workers):
            while wk.ready and len(wk.tasks) < _QUEUE_PER_WORKER and self.pending:
                if wk.tasks and not _fits_pipe(self.pending[0]):
                    break  # sent to a busy worker it would block the parent, timeouts and all
                page = self.pending.popleft()
                self.buffered -= len(page.data or "")
                self._meta[page.index] = replace(page, data=None)
                try:
                    wk.send(page)
                except OSError:  # the worker is gone: this page was never delivered
                    wk.tasks.pop()
                    self.pending.appendleft(page)
                    self.buffered += len(page.data or "")
                    self._died(wk)
                    break

    def _start_workers(self) -> None:
        if self.ctx.get_start_method() == "fork":
            warm()  # once here, shared by every forked worker
        for _ in range(self.opts.jobs):
            self.workers.append(self._new_worker())

    def _new_worker(self) -> _Worker:
        self.w.out_fh.flush()
        if self.w.err_fh is not None:
            self.w.err_fh.flush()
        return _Worker(self.ctx, self.opts.lang, self.opts.max_bytes)

    # -- waiting for results, timeouts and crashes
    def _wait(self) -> None:
        live = [wk for wk in self.workers if wk.tasks or not wk.ready]
        if not live:
            return
        now = time.monotonic()
        deadlines = [wk.since + self.opts.page_timeout for wk in live if wk.ready and wk.tasks]
        timeout = max(0.0, min(deadlines) - now) if deadlines else None
        handles: list[Any] = [wk.conn for wk in live] + [wk.proc.sentinel for wk in live]
        ready = set(wait(handles, timeout))
        for wk in live:
            if wk.conn in ready or wk.proc.sentinel in ready:
                self._receive(wk)
        now = time.monotonic()
        for wk in list(self.workers):
            if wk.ready and wk.tasks and now - wk.since > self.opts.page_timeout:
                self._replace(wk, "timeout", f"timed out after {self.opts.page_timeout:g} s")

    def _receive(self, wk: _Worker) -> None:
        try:
            while wk.conn.poll():
                msg = wk.conn.recv()
                if msg[0] == "ready":
                    wk.ready = True
                    continue
                page = wk.tasks.popleft()
                if page.index != msg[1]:
                    raise RuntimeError(f"worker answered page {msg[1]} for page {page.index}")
                self.results[page.index] = msg
                self.buffered += len(msg[2]) if msg[0] == "ok" else 0
                wk.since = time.monotonic()
        except (EOFError, OSError):
            pass
        if not wk.proc.is_alive() and wk in self.workers:
            self._died(wk)

    def _died(self, wk: _Worker) -> None:
        wk.proc.join(5)
        code = wk.proc.exitcode
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        if not wk.ready:
            self.stillborn += 1
            if self.stillborn >= 3:
                raise RuntimeError(f"worker processes die before their first page ({how})")
        self._replace(wk, "crash", f"the worker process died ({how})")

    def _replace(self, wk: _Worker, kind: str, reason: str) -> None:
        wk.kill()
        if wk.tasks:
            head = wk.tasks.popleft()
            self.results[head.index] = ("fail", head.index, kind, reason, len((head.data or "").encode()))
            for page in reversed(wk.tasks):  # queued behind it, never started: to another worker
                self.pending.appendleft(page)
                self.buffered += len(page.data or "")
        self.workers[self.workers.index(wk)] = self._new_worker()

    # -- writing in input order
    def _emit(self) -> None:
        while self.next_emit in self.results:
            res = self.results.pop(self.next_emit)
            self._write(res)
            self.next_emit += 1
            self.w.done = self.next_emit
            self.w.checkpoint()
            self.emitted += 1
            if self.opts.kill_after is not None and self.emitted >= self.opts.kill_after:
                os.kill(os.getpid(), signal.SIGKILL)

    def _write(self, res: Failure | Skipped | Outcome) -> None:
        st = self.w.stats
        if isinstance(res, Skipped):
            if res.why == "redirect":
                st.redirects += 1
            else:
                st.other_skipped += 1
            position = res.position
        elif isinstance(res, Failure):
            self._error(res.source, res.index, res.title, res.line, "input", res.reason)
            st.session_pages += 1
            position = res.position
        else:
            page = self._page_of(res[1])
            if res[0] == "ok":
                self.buffered -= len(res[2])
                self.w.out_fh.write(res[2].encode("utf-8"))
                st.records += 1
                st.warnings.update(res[3])
            else:
                kind, reason = res[2], res[3]
                if kind == "timeout":
                    st.timeouts += 1
                self._error(page.source, page.index, page.title, page.line, kind, reason)
            st.bytes += res[4]
            st.session_bytes += res[4]
            st.session_pages += 1
            position = page.position
        if self.progress is not None:
            self.progress(st.pages, position)

    def _page_of(self, index: int) -> Page:
        return self._meta.pop(index)

    def _error(
        self, source: str, index: int, title: str | None, line: int | None, kind: str, reason: str
    ) -> None:
        st = self.w.stats
        st.failed += 1
        entry = {
            "source": source,
            "index": index,
            "title": title,
            "line": line,
            "kind": kind,
            "reason": reason,
        }
        if self.w.err_fh is not None:
            self.w.err_fh.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")
        else:
            where = source + (f":{line}" if line is not None else "") + (f" [{title}]" if title else "")
            self.say(f"failed: {where}: {reason}")
