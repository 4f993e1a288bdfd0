"""Golden fixtures: fixtures/<slug>/ holds an input, source.json (provenance, parse args) and expected.json.

`python -m tests.golden --write` rewrites every expected.json for review (make golden);
read the diff before committing it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from conflictparse import parse
from conflictparse.schema import to_json

ROOT = Path(__file__).resolve().parent.parent / "fixtures"


def fixtures() -> list[Path]:
    return sorted(p for p in ROOT.iterdir() if (p / "source.json").is_file())


def meta(fixture: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((fixture / "source.json").read_text(encoding="utf-8"))
    return data


def render(fixture: Path) -> str:
    m = meta(fixture)
    args = m.get("args") or {}
    assert isinstance(args, dict)
    data = (fixture / str(m["input"])).read_bytes()
    record = parse(data, args.get("format"), args.get("lang"), name=fixture.name)
    return to_json(record)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--write", action="store_true", help="rewrite expected.json files")
    opts = ap.parse_args()
    for fx in fixtures():
        out = render(fx)
        target = fx / "expected.json"
        old = target.read_text(encoding="utf-8") if target.exists() else None
        if old != out:
            print(f"{'wrote' if opts.write else 'differs'}: {target}")
            if opts.write:
                target.write_text(out, encoding="utf-8")


if __name__ == "__main__":
    main()
