"""Every wikitext corpus page with a conflict infobox: sides match the template's combatantN
parameters, no empty belligerent list where the template has a value, {{KIA}}/{{POW}} become
status, and every casualtiesN value is typed figures or kept as raw text with a warning."""

from __future__ import annotations

import html
import json
import re

import pytest
import wikitextparser as wtp

from conflictparse import parse
from tests.paths import CORPUS as SHARED_CORPUS

CORPUS = SHARED_CORPUS / "wikitext"
_BOX = re.compile(r"^\s*(infobox[ _]military[ _]conflict|warbox|infobox[ _]battle)\s*$", re.I)


def _pages() -> list[tuple[str, str]]:
    if not CORPUS.is_dir():
        return []
    out = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.wiki"))]
    for line in (CORPUS / "enwiki-battle-pages-2017.jsonl").read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        out.append((obj["title"], obj["text"]))
    return out


PAGES = _pages()


def _infobox(text: str) -> wtp.Template | None:
    for t in wtp.parse(html.unescape(text)).templates:
        if _BOX.match(t.name):
            return t
    return None


def _args(box: wtp.Template, stem: str) -> dict[int, str]:
    out: dict[int, str] = {}
    for a in box.arguments:
        m = re.fullmatch(rf"\s*{stem}(\d)[a-d]?\s*", a.name)
        if m and re.sub(r"<!--.*?-->", "", a.value, flags=re.S).strip():
            n = int(m.group(1))
            out[n] = (out.get(n, "") + "\n" + a.value).strip()
    return out


@pytest.mark.skipif(not PAGES, reason="shared/corpus is not beside the checkout")
@pytest.mark.parametrize(("name", "text"), PAGES, ids=[p[0] for p in PAGES])
def test_wikitext_page(name: str, text: str) -> None:
    record = parse(text, "wikitext", name=name)
    box = _infobox(text)
    if box is None:
        assert not record.sides
        assert {w.code for w in record.warnings} & {"no-infobox", "redirect"}
        return
    combatants = _args(box, "combatant")
    assert len(record.sides) == max(combatants), name
    for n in combatants:
        assert record.sides[n - 1].belligerents, f"{name}: side {n} has no belligerents"
    commanders = _args(box, "commander")
    for n, value in commanders.items():
        side = record.sides[n - 1] if n <= len(record.sides) else None
        statuses = {s for c in (side.commanders if side else []) for s in c.status}
        if re.search(r"\{\{\s*KIA\s*\}\}", value, re.I):
            assert "killed" in statuses, f"{name}: commander{n} has {{{{KIA}}}}"
        if re.search(r"\{\{\s*POW\s*\}\}", value, re.I):
            assert "captured" in statuses, f"{name}: commander{n} has {{{{POW}}}}"
    casualties = _args(box, "casualties")
    warned = {w.span.start for w in record.warnings if w.code == "no-figure" and w.span}
    for n in casualties:
        rows = record.sides[n - 1].casualties if n <= len(record.sides) else record.casualties_other
        if n > len(record.sides):
            rows = record.casualties_other
        for row in rows:
            typed = any(f.low is not None or f.high is not None for f in row.figures)
            assert typed or (row.span and row.span.start in warned), (
                f"{name}: {row.raw!r} neither typed nor warned"
            )
