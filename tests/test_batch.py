"""`conflictparse batch`: directories, JSONL samples, XML dumps (plain, bz2, truncated), ordering
whatever --jobs is, timeouts, resume after a kill, exit codes. Inputs are the repository's own fixtures."""

from __future__ import annotations

import bz2
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from conflictparse import parse
from conflictparse.batch.cli import KILL_AFTER_ENV, _Bar, batch
from conflictparse.batch.inputs import Failure, Page, Skipped, discover, iter_items
from conflictparse.schema import to_json

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "fixtures"
LOSTWITHIEL = FIX / "en-wikitext-battle-of-lostwithiel" / "input.wiki"
STALINGRAD = FIX / "en-wikitext-battle-of-stalingrad" / "input.wiki"
DERNA_BLOG = FIX / "en-fr-blog-derna-liberated" / "input.txt"
POLOTSK = FIX / "en-wikipedia-polotsk-offensive-innertext" / "input.txt"
ENWIKI = (
    "enwiki-2017-battle-of-abritus",
    "enwiki-2017-battle-of-aboukir-bay",
    "enwiki-2017-battle-of-adrianople-disambiguation",
    "enwiki-2017-talk-battle-of-swiecino",
)


def _wiki(name: str) -> tuple[str, str]:
    """(title, text) of an enwiki-2017 fixture: a line of the corpus JSONL sample."""
    meta = json.loads((FIX / name / "source.json").read_text(encoding="utf-8"))
    return meta["title"], (FIX / name / "input.wiki").read_text(encoding="utf-8")


def cli(*args: str, stdin: str | None = None) -> Result:
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        runner = CliRunner()
    return runner.invoke(batch, list(args), input=stdin, catch_exceptions=False)


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def record_line(data: str | bytes, name: str, fmt: str | None = None) -> str:
    return to_json(parse(data, fmt, name=name), True)


@pytest.fixture()
def pages_dir(tmp_path: Path) -> Path:
    d = tmp_path / "pages"
    (d / "b-sub").mkdir(parents=True)
    (d / ".hidden").mkdir()
    shutil.copy(LOSTWITHIEL, d / "a-lostwithiel.wiki")
    shutil.copy(DERNA_BLOG, d / "b-sub" / "derna-blog.txt")
    shutil.copy(POLOTSK, d / "c-polotsk.TXT")
    (d / "notes.csv").write_text("not,a,page\n", encoding="utf-8")
    (d / "SOURCES.md").write_text("# Corpus\n\n| file | source |\n|---|---|\n", encoding="utf-8")
    (d / "b-sub" / "README.txt").write_text("Pages saved from a browser.\n", encoding="utf-8")
    shutil.copy(LOSTWITHIEL, d / ".hidden" / "copy.wiki")
    return d


def test_directory_input_gives_one_record_per_page_in_path_order(pages_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    res = cli(str(pages_dir), "-o", str(out), "--jobs", "2")
    assert res.exit_code == 0, res.stderr
    got = out.read_text(encoding="utf-8").splitlines(keepends=True)
    files = [
        pages_dir / "a-lostwithiel.wiki",
        pages_dir / "b-sub" / "derna-blog.txt",
        pages_dir / "c-polotsk.TXT",
    ]
    assert got == [record_line(p.read_bytes(), str(p)) for p in files]  # what the library gives, in order
    assert json.loads(got[0])["title"] == "Battle of Lostwithiel"
    assert "3 pages: 3 records, 0 failed" in res.stderr
    assert "pages/s" in res.stderr and "\r" not in res.stderr  # no progress bar when stderr is not a TTY
    assert not list(tmp_path.glob(".out.jsonl*"))  # partial file and journal are gone


def test_discover_order_and_kinds(pages_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "s.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "d.xml.bz2").write_bytes(b"")
    found = discover([str(tmp_path / "s.jsonl"), str(pages_dir), str(tmp_path / "d.xml.bz2")])
    assert [(Path(s.path).name, s.kind) for s in found] == [
        ("s.jsonl", "jsonl"),
        ("a-lostwithiel.wiki", "page"),
        ("derna-blog.txt", "page"),
        ("c-polotsk.TXT", "page"),
        ("d.xml.bz2", "dump"),
    ]


def test_a_directory_walk_takes_samples_and_dumps_by_extension(tmp_path: Path) -> None:
    d = tmp_path / "corpus"
    (d / "wikitext").mkdir(parents=True)
    (d / "wikitext" / "sample.jsonl").write_text("", encoding="utf-8")
    (d / "wikitext" / "dump.xml.bz2").write_bytes(b"")
    (d / "LICENSE").write_text("CC BY-SA\n", encoding="utf-8")
    found = discover([str(d)])
    assert [(Path(s.path).name, s.kind) for s in found] == [
        ("dump.xml.bz2", "dump"),
        ("sample.jsonl", "jsonl"),
    ]


def test_paths_on_stdin(pages_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    stdin = f"{pages_dir / 'c-polotsk.TXT'}\n\n{LOSTWITHIEL}\n"
    res = cli("-", "-o", str(out), "--jobs", "1")
    assert res.exit_code == 2  # '-' with nothing on stdin: no pages
    res = cli("-", "-o", str(out), "--jobs", "1", stdin=stdin)
    assert res.exit_code == 0, res.stderr
    assert [r["source"]["name"] for r in lines(out)] == [str(pages_dir / "c-polotsk.TXT"), str(LOSTWITHIEL)]


def test_a_missing_path_on_stdin_fails_alone(pages_dir: Path, tmp_path: Path) -> None:
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    gone = tmp_path / "gone.txt"
    stdin = f"{gone}\n{LOSTWITHIEL}\n"
    res = cli("-", "-o", str(out), "--errors", str(errors), "--jobs", "1", stdin=stdin)
    assert res.exit_code == 1, res.stderr
    assert [r["source"]["name"] for r in lines(out)] == [str(LOSTWITHIEL)]
    (failure,) = lines(errors)
    assert "No such file" in json.dumps(failure)


# --- JSONL page samples ----------------------------------------------------------------------


def _jsonl(tmp_path: Path) -> Path:
    rows = []
    for i, name in enumerate(ENWIKI):
        title, text = _wiki(name)
        rows.append(
            json.dumps(
                {"id": i, "title": title, "model": "wikitext", "format": "text/x-wiki", "text": text},
                ensure_ascii=False,
            )
        )
    rows.insert(2, '{"id": 99, "title": "Battle of Broken", "text": "cut short')  # malformed
    rows.insert(4, '{"id": 98, "title": "Battle of Nothing"}')  # no text
    path = tmp_path / "sample.jsonl"
    path.write_text("\n".join(rows) + "\n\n", encoding="utf-8")
    return path


def test_jsonl_sample_with_a_malformed_line(tmp_path: Path) -> None:
    sample, out, errors = _jsonl(tmp_path), tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    res = cli(str(sample), "-o", str(out), "--errors", str(errors), "--jobs", "2")
    assert res.exit_code == 1, res.stderr  # some pages failed
    records = lines(out)
    # as in a dump, the redirect (Battle of Aboukir Bay) and the talk page are skipped and counted
    assert [r["source"]["name"] for r in records] == [
        "Battle of Abritus",
        "Battle of Adrianople (disambiguation)",
    ]
    assert "skipped 1 redirects and 1 non-article pages" in res.stderr
    assert {r["source"]["format"] for r in records} == {"wikitext"}  # the sample's own model
    title, text = _wiki("enwiki-2017-battle-of-abritus")
    first = out.read_text(encoding="utf-8").splitlines(keepends=True)[0]
    assert first == record_line(text, title, "wikitext")
    assert records[0]["title"] == "Battle of Abrittus"  # the infobox's "|conflict=Battle of Abrittus"
    assert [w["code"] for w in records[1]["warnings"]] == ["no-infobox"]  # a disambiguation page
    errs = lines(errors)
    assert [(e["index"], e["line"], e["kind"], e["title"]) for e in errs] == [
        (2, 3, "input", None),
        (4, 5, "input", "Battle of Nothing"),
    ]
    assert errs[0]["reason"] == "line 3: not JSON (Unterminated string starting at: column 49)"
    assert errs[1]["reason"] == "line 5: no 'text' string"
    assert errs[0]["source"] == str(sample)
    assert "4 pages: 2 records, 2 failed" in res.stderr
    assert "no-infobox 1" in res.stderr  # warnings by code


# --- MediaWiki XML dumps -----------------------------------------------------------------------

_HEAD = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" xml:lang="en">
  <siteinfo>
    <sitename>Wikipedia</sitename>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="1" case="first-letter">Talk</namespace>
    </namespaces>
  </siteinfo>
"""


def _xml_page(title: str, ns: int, text: str, redirect: str | None = None) -> str:
    from xml.sax.saxutils import escape, quoteattr

    red = f"    <redirect title={quoteattr(redirect)} />\n" if redirect else ""
    return (
        f"  <page>\n    <title>{escape(title)}</title>\n    <ns>{ns}</ns>\n    <id>1</id>\n{red}"
        f"    <revision>\n      <id>2</id>\n      <model>wikitext</model>\n"
        f"      <format>text/x-wiki</format>\n"
        f'      <text bytes="{len(text.encode())}" xml:space="preserve">{escape(text)}</text>\n'
        f"    </revision>\n  </page>\n"
    )


def _dump_parts() -> list[str]:
    abritus, aboukir, talk = (_wiki(n) for n in (ENWIKI[0], ENWIKI[1], ENWIKI[3]))
    return [
        _HEAD + _xml_page("Battle of Lostwithiel", 0, LOSTWITHIEL.read_text(encoding="utf-8")),
        _xml_page(aboukir[0], 0, aboukir[1], redirect="Battle of the Nile"),
        _xml_page(talk[0], 1, talk[1]),
        _xml_page(abritus[0], 0, abritus[1]),
        "</mediawiki>\n",
    ]


def test_xml_dump_plain_and_bz2(tmp_path: Path) -> None:
    xml = tmp_path / "dump.xml"
    xml.write_text("".join(_dump_parts()), encoding="utf-8")
    bz = tmp_path / "dump.xml.bz2"
    bz.write_bytes(bz2.compress(xml.read_bytes()))
    items = list(iter_items(discover([str(xml)])))
    assert [(type(i).__name__, i.title) for i in items] == [
        ("Page", "Battle of Lostwithiel"),
        ("Skipped", "Battle of Aboukir Bay"),
        ("Skipped", "Talk:Battle of Świecino"),
        ("Page", "Battle of Abritus"),
    ]
    assert [i.why for i in items if isinstance(i, Skipped)] == ["redirect", "namespace"]
    outs = []
    for src in (xml, bz):
        out = tmp_path / f"{src.name}.jsonl"
        res = cli(str(src), "-o", str(out), "--jobs", "2")
        assert res.exit_code == 0, res.stderr
        assert "2 pages: 2 records, 0 failed; skipped 1 redirects and 1 non-article pages" in res.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    records = [json.loads(x) for x in outs[0].splitlines()]
    assert [(r["source"]["name"], r["title"], r["source"]["format"]) for r in records] == [
        ("Battle of Lostwithiel", "Battle of Lostwithiel", "wikitext"),
        ("Battle of Abritus", "Battle of Abrittus", "wikitext"),
    ]
    title, text = _wiki(ENWIKI[0])
    assert outs[0].decode().splitlines(keepends=True)[1] == record_line(text, title, "wikitext")


def test_truncated_bz2_dump_keeps_the_pages_before_the_cut(tmp_path: Path) -> None:
    # a multistream dump (as Wikipedia publishes): one bz2 stream per part, cut inside the fourth part
    streams = [bz2.compress(p.encode()) for p in _dump_parts()]
    cut = sum(map(len, streams[:3])) + len(streams[3]) // 2
    dump = tmp_path / "cut.xml.bz2"
    dump.write_bytes(b"".join(streams)[:cut])
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    res = cli(str(dump), "-o", str(out), "--errors", str(errors), "--jobs", "1")
    assert res.exit_code == 1
    assert [r["source"]["name"] for r in lines(out)] == ["Battle of Lostwithiel"]
    (err,) = lines(errors)
    assert err["source"] == str(dump) and err["kind"] == "input" and err["index"] == 3
    assert err["reason"] == (
        "dump is truncated or corrupt after 3 pages: EOFError: Compressed file ended "
        "before the end-of-stream marker was reached"
    )
    assert "1 pages: 0 records" not in res.stderr and "2 pages: 1 records, 1 failed" in res.stderr


def test_truncated_plain_xml_and_a_non_dump(tmp_path: Path) -> None:
    cut = tmp_path / "cut.xml"
    cut.write_text("".join(_dump_parts()[:2]), encoding="utf-8")  # no closing </mediawiki>
    other = tmp_path / "feed.xml"
    other.write_text("<rss><channel><title>x</title></channel></rss>\n", encoding="utf-8")
    items = list(iter_items(discover([str(cut), str(other)])))
    assert [type(i) for i in items] == [Page, Skipped, Failure, Failure]
    assert isinstance(items[2], Failure) and items[2].reason.startswith(
        "dump is truncated or corrupt after 2 pages: ParseError: no element found"
    )
    assert isinstance(items[3], Failure) and items[3].reason == "not a MediaWiki dump (root element <rss>)"


# --- ordering, timeouts, resume ----------------------------------------------------------------


def _mixed(tmp_path: Path, pages_dir: Path) -> list[str]:
    xml = tmp_path / "dump.xml"
    xml.write_text("".join(_dump_parts()), encoding="utf-8")
    return [str(_jsonl(tmp_path)), str(pages_dir), str(xml), str(LOSTWITHIEL)]


def test_jobs_1_and_2_give_the_same_bytes(tmp_path: Path, pages_dir: Path) -> None:
    inputs = _mixed(tmp_path, pages_dir)
    got = []
    for jobs in ("1", "2"):
        out, errors = tmp_path / f"out{jobs}.jsonl", tmp_path / f"err{jobs}.jsonl"
        res = cli(*inputs, "-o", str(out), "--errors", str(errors), "--jobs", jobs)
        assert res.exit_code == 1  # the two bad JSONL lines
        got.append((out.read_bytes(), errors.read_bytes()))
    assert got[0] == got[1]
    assert len(got[0][0].splitlines()) == 4 + 3 + 2 + 1 - 2  # the sample's redirect and talk page are skipped


def _slow_page(tmp_path: Path) -> Path:
    slow = tmp_path / "d-slow.wiki"  # Battle of Stalingrad twelve times over: about a second to parse
    slow.write_text(STALINGRAD.read_text(encoding="utf-8") * 12, encoding="utf-8")
    return slow


def test_a_page_over_the_timeout_is_stopped_and_the_rest_go_on(tmp_path: Path, pages_dir: Path) -> None:
    shutil.copy(_slow_page(tmp_path), pages_dir / "b-slow.wiki")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    t0 = time.monotonic()
    res = cli(str(pages_dir), "-o", str(out), "--errors", str(errors), "--jobs", "1", "--page-timeout", "0.3")
    assert time.monotonic() - t0 < 30
    assert res.exit_code == 1
    assert [Path(r["source"]["name"]).name for r in lines(out)] == [
        "a-lostwithiel.wiki",
        "derna-blog.txt",
        "c-polotsk.TXT",
    ]  # the page queued behind it was re-sent
    (err,) = lines(errors)
    assert (Path(err["source"]).name, err["index"], err["kind"], err["reason"]) == (
        "b-slow.wiki",
        1,
        "timeout",
        "timed out after 0.3 s",
    )
    assert "(1 timed out)" in res.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the patch reaches workers through fork")
def test_a_worker_that_dies_or_a_bug_costs_one_page(
    tmp_path: Path, pages_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conflictparse.batch import run

    real = run.parse_page

    def flaky(page: Page, lang: str, max_bytes: int) -> tuple[Any, ...]:
        if page.source.endswith("a-lostwithiel.wiki"):
            os._exit(7)  # as a segfault or the OOM killer would
        if page.source.endswith("derna-blog.txt"):
            raise AssertionError("never reached: parse_page catches what parsing raises")
        return real(page, lang, max_bytes)

    monkeypatch.setattr(run, "parse_page", flaky)
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    res = cli(str(pages_dir), "-o", str(out), "--errors", str(errors), "--jobs", "1")
    assert res.exit_code == 1
    assert [Path(r["source"]["name"]).name for r in lines(out)] == ["c-polotsk.TXT"]
    got = [(Path(e["source"]).name, e["kind"], e["reason"]) for e in lines(errors)]
    assert got[0] == ("a-lostwithiel.wiki", "crash", "the worker process died (exit code 7)")
    assert got[1][:2] == ("derna-blog.txt", "crash")  # the exception killed that worker too
    monkeypatch.setattr(run, "parse_page", real)

    def broken(*args: Any, **kw: Any) -> Any:
        raise KeyError("sides")

    monkeypatch.setattr("conflictparse.pipeline.parse", broken)
    res = cli(str(LOSTWITHIEL), "-o", str(out), "--errors", str(errors))
    assert res.exit_code == 1
    (err,) = lines(errors)
    assert (err["kind"], err["reason"]) == ("error", "internal error: KeyError: 'sides'")


def _run(args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "conflictparse.cli", "batch", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )


def test_resume_after_a_kill_gives_the_same_bytes(tmp_path: Path, pages_dir: Path) -> None:
    inputs = _mixed(tmp_path, pages_dir)
    ref, ref_err = tmp_path / "ref.jsonl", tmp_path / "ref-errors.jsonl"
    assert cli(*inputs, "-o", str(ref), "--errors", str(ref_err), "--jobs", "2").exit_code == 1
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    args = [*inputs, "-o", str(out), "--errors", str(errors), "--jobs", "2"]
    proc = _run(args, {KILL_AFTER_ENV: "5"})  # SIGKILLs itself once 5 items are written
    proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    assert not out.exists()
    partial = tmp_path / ".out.jsonl.partial"
    # items 0 and 3; 1 is a redirect (skipped), 2 and 4 are the bad JSONL lines
    assert len(partial.read_bytes().splitlines()) == 2
    assert len((tmp_path / ".errors.jsonl.partial").read_bytes().splitlines()) == 2
    res = cli(*args, "--resume")
    assert res.exit_code == 1
    assert "(resumed at item 5)" in res.stderr
    assert out.read_bytes() == ref.read_bytes()
    assert errors.read_bytes() == ref_err.read_bytes()
    assert not partial.exists() and not (tmp_path / ".out.jsonl.journal").exists()


def test_resume_after_an_outside_sigkill_mid_page(tmp_path: Path, pages_dir: Path) -> None:
    shutil.copy(_slow_page(tmp_path), pages_dir / "d-slow.wiki")
    shutil.copy(LOSTWITHIEL, pages_dir / "e-after.wiki")
    ref = tmp_path / "ref.jsonl"
    assert cli(str(pages_dir), "-o", str(ref), "--jobs", "2").exit_code == 0
    out = tmp_path / "out.jsonl"
    proc = _run([str(pages_dir), "-o", str(out), "--jobs", "2"])
    partial = tmp_path / ".out.jsonl.partial"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # the three small pages are out: the slow one is being parsed
        if partial.exists() and partial.read_bytes().count(b"\n") >= 3:
            break
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL and not out.exists()
    assert partial.read_bytes().count(b"\n") == 3
    res = cli(str(pages_dir), "-o", str(out), "--jobs", "2", "--resume")
    assert res.exit_code == 0, res.stderr
    assert "(resumed at item 3)" in res.stderr
    assert out.read_bytes() == ref.read_bytes()


def test_resume_refuses_other_inputs_and_starts_over_without_a_journal(
    tmp_path: Path, pages_dir: Path
) -> None:
    out = tmp_path / "out.jsonl"
    proc = _run([str(pages_dir), "-o", str(out), "--jobs", "1"], {KILL_AFTER_ENV: "1"})
    proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    res = cli(str(pages_dir), str(LOSTWITHIEL), "-o", str(out), "--resume")
    assert res.exit_code == 2
    assert "cannot resume: the inputs or options differ" in res.stderr
    res = cli(str(LOSTWITHIEL), "-o", str(tmp_path / "new.jsonl"), "--resume")
    assert res.exit_code == 0 and "nothing to resume" in res.stderr


# --- exit codes and the progress bar --------------------------------------------------------------


def test_usage_and_input_errors_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    res = cli(str(tmp_path / "missing.txt"), "-o", str(out))
    assert res.exit_code == 2
    assert res.stderr.strip() == f"conflictparse: {tmp_path / 'missing.txt'}: no such file or directory"
    assert not out.exists()
    assert cli(str(LOSTWITHIEL)).exit_code == 2  # no -o
    assert cli(str(LOSTWITHIEL), "-o", str(out), "--jobs", "0").exit_code == 2
    assert cli(str(LOSTWITHIEL), "-o", str(tmp_path / "no" / "out.jsonl")).exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    res = cli(str(empty), "-o", str(out))
    assert res.exit_code == 2 and "no pages found" in res.stderr


def test_a_page_that_is_not_a_page_fails_alone(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "zz.wiki").write_bytes(LOSTWITHIEL.read_bytes())
    out = tmp_path / "out.jsonl"
    res = cli(str(tmp_path / "empty.txt"), str(tmp_path / "zz.wiki"), "-o", str(out))
    assert res.exit_code == 1
    assert f"failed: {tmp_path / 'empty.txt'}: input is empty" in res.stderr  # no --errors: on stderr
    assert len(lines(out)) == 1


def test_progress_bar_shows_rate_and_eta() -> None:
    stream = io.StringIO()
    bar = _Bar(1000, stream)
    bar(0, 0)
    bar.t0 -= 2.0  # two seconds in
    bar.last = 0.0
    bar(50, 250)
    assert stream.getvalue().split("\r")[-1].startswith("50 pages  25.0 pages/s  25%  ETA 0:06")
    bar.clear()
    assert stream.getvalue().endswith("\r")
