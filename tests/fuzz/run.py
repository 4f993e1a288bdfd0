"""Run every fuzz target for N seconds (default 60): python tests/fuzz/run.py [--seconds N] [targets...].

Each target runs in its own process from the repository root with libFuzzer's flags: `-timeout`
(default 2 s) saves an input that takes longer as `timeout-*`, a crash is saved as `crash-*`.
New corpus entries go to a scratch directory, never into the committed seeds under
tests/fuzz/corpus/<target>/. Findings are written under --artifacts (default: a temp directory);
pin each one as a named test in tests/test_regressions.py. Exit status 1 when any target found one.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TARGETS = ("text", "markdown", "html", "wikitext", "article", "fields")


def run(
    target: str, seconds: int, timeout: int, max_len: int, artifacts: Path, jobs_dir: Path
) -> tuple[int, str]:
    seeds = HERE / "corpus" / target
    scratch = jobs_dir / f"corpus-{target}"
    scratch.mkdir(parents=True, exist_ok=True)
    out = artifacts / target
    out.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        "-m",
        f"tests.fuzz.fuzz_{target}",
        f"-max_total_time={seconds}",
        f"-timeout={timeout}",
        f"-max_len={max_len}",
        "-rss_limit_mb=4096",
        "-print_final_stats=1",
        f"-artifact_prefix={out}/",
        str(scratch),
        str(seeds),
    ]
    log = jobs_dir / f"{target}.log"
    with log.open("w", encoding="utf-8") as fh:
        proc = subprocess.run(cmd, cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT, timeout=seconds + 600)
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    stats = [ln for ln in lines if ln.startswith(("stat::number_of_executed_units", "#")) and "DONE" in ln]
    stats += [ln for ln in lines if ln.startswith("stat::number_of_executed_units")]
    found = sorted(p.name for p in out.iterdir())
    stat = stats[-1] if stats else "no stats"
    summary = f"{target}: exit {proc.returncode}; {stat}; findings: {found or 'none'}"
    return (1 if found or proc.returncode else 0), summary + f"\n  log: {log}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("targets", nargs="*", help=f"any of {', '.join(TARGETS)} (default: all)")
    ap.add_argument("--seconds", type=int, default=60, help="how long each target runs (default 60)")
    ap.add_argument("--timeout", type=int, default=2, help="seconds after which one input is a finding (2)")
    ap.add_argument("--max-len", type=int, default=20000, help="largest input in bytes (20000)")
    ap.add_argument("--artifacts", type=Path, default=None, help="where findings go (default: a temp dir)")
    args = ap.parse_args(argv)
    unknown = [t for t in args.targets if t not in TARGETS]
    if unknown:
        ap.error(f"unknown targets {unknown}; use any of {', '.join(TARGETS)}")
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("atheris is not installed: pip install atheris", file=sys.stderr)
        return 2
    jobs_dir = Path(tempfile.mkdtemp(prefix="conflictparse-fuzz-"))
    artifacts = args.artifacts or jobs_dir / "artifacts"
    status = 0
    for target in args.targets or TARGETS:
        start = time.monotonic()
        code, summary = run(target, args.seconds, args.timeout, args.max_len, artifacts, jobs_dir)
        status |= code
        print(f"{summary}\n  {time.monotonic() - start:.0f} s", flush=True)
    print(f"artifacts: {artifacts}")
    return status


if __name__ == "__main__":
    sys.exit(main())
