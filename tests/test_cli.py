"""The CLI end to end: JSON on stdout, one-line errors on stderr, documented exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "en-militarywiki-derna-campaign" / "input.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "conflictparse.cli", *args], input=stdin, capture_output=True, timeout=120
    )


def one_line_error(proc: subprocess.CompletedProcess[bytes]) -> str:
    err = proc.stderr.decode()
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    return lines[0]


def test_parse_prints_valid_json() -> None:
    proc = run("parse", str(SEED), "--quiet")
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["title"] == "Derna campaign (2014–2016)"
    assert proc.stderr == b""


def test_warnings_go_to_stderr_and_strict_fails() -> None:
    proc = run("parse", str(SEED))
    assert proc.returncode == 0
    assert b"warning: duration-mismatch" in proc.stderr
    strict = run("parse", str(SEED), "--strict")
    assert strict.returncode == 1
    assert strict.stdout == b""
    assert b"duration-mismatch" in strict.stderr


def test_stdin_and_compact() -> None:
    proc = run("parse", "-", "--compact", "--quiet", stdin=SEED.read_bytes())
    assert proc.returncode == 0
    assert proc.stdout.count(b"\n") == 1


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b"   \n"), "empty"),
        (lambda d: _write(d / "bin.dat", b"\x00\x01\x02binary\x00" * 50), "binary"),
        (lambda d: _write(d / "bad.txt", bytes(range(128, 256)) * 5), "encoding"),
        (lambda d: _write(d / "big.txt", b"a" * 2000), "limit"),
    ],
    ids=["missing", "directory", "empty", "binary", "undecodable", "too-large"],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, make: object, needle: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    proc = run("parse", str(path), "--max-bytes", "1000")
    assert proc.returncode == 2
    assert needle in one_line_error(proc)


def test_output_never_overwrites_input(tmp_path: Path) -> None:
    page = _write(tmp_path / "page.txt", SEED.read_bytes())
    proc = run("parse", str(page), "-o", str(page), "--quiet")
    assert proc.returncode == 2
    assert page.read_bytes() == SEED.read_bytes()


def test_output_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    proc = run("parse", str(SEED), "-o", str(out), "--quiet")
    assert proc.returncode == 0 and proc.stdout == b""
    assert json.loads(out.read_text())["sides"]


def test_output_file_has_an_ordinary_mode(tmp_path: Path) -> None:
    """Not the private 0600 of the temporary file it is renamed from; a replaced file keeps its mode."""
    import os

    out = tmp_path / "r.json"
    umask = os.umask(0o022)
    try:
        assert run("parse", str(SEED), "-o", str(out), "--quiet").returncode == 0
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o644
    out.chmod(0o640)
    assert run("parse", str(SEED), "-o", str(out), "--quiet").returncode == 0
    assert out.stat().st_mode & 0o777 == 0o640


def test_validate_reports_pointer(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_bytes(run("parse", str(SEED), "--quiet").stdout)
    assert run("validate", str(good)).returncode == 0
    record = json.loads(good.read_text())
    record["sides"][0]["strength"] = [{"raw": "x", "qualifier": "roughly"}]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(record))
    proc = run("validate", str(bad))
    assert proc.returncode == 1
    assert b"/sides/0/strength/0/qualifier" in proc.stderr


def test_validate_not_json(tmp_path: Path) -> None:
    proc = run("validate", str(_write(tmp_path / "x.json", b"{not json")))
    assert proc.returncode == 2
    assert "not JSON" in one_line_error(proc)


def test_validate_checks_every_file_and_every_line(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.json", run("parse", str(SEED), "--quiet").stdout)
    not_json = _write(tmp_path / "x.json", b"{not json")
    line = json.dumps(json.loads(good.read_text()), separators=(",", ":"))
    lines_file = _write(tmp_path / "out.jsonl", f"{line}\n{line}\ngarbage\n{line}\n".encode())
    proc = run("validate", str(not_json), str(lines_file), str(good))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "Traceback" not in err  # an unreadable file: exit 2, the rest checked
    assert f"{not_json}: not JSON" in err
    assert f"{lines_file}: line 3: not JSON" in err
    assert f"{good}: valid" in err
    assert run("validate", str(lines_file), str(good)).returncode == 1


def test_schema_and_version() -> None:
    proc = run("schema")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["title"] == "ConflictRecord"
    assert run("--version").stdout.startswith(b"conflictparse, version")


def test_usage_error_exit_2() -> None:
    proc = run("parse", str(SEED), "--format", "pdf")
    assert proc.returncode == 2


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
