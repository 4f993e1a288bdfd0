"""The reference list and citation resolution: every cited id lands on an entry or is warned about."""

from __future__ import annotations

from collections import Counter

from ..document import Document, Seg
from ..fields import citations
from ..lang.base import LangTable
from ..models import ConflictRecord, Reference, Span, Warning


def resolve(record: ConflictRecord, doc: Document, lang: LangTable, warnings: list[Warning]) -> list[Reference]:
    """Parse the entries, count where each is cited, and warn on ids with no entry."""
    from ..fields.references import parse_reference

    refs = [parse_reference(entry, lang) for entry in doc.references]
    cited: Counter[str] = Counter()
    first_at: dict[str, Span | None] = {}
    for seg in _citing_segs(doc):
        for mk in citations.find(seg.text, lang):
            if mk.kind == "ref":
                cited[mk.value] += 1
                first_at.setdefault(mk.value, seg.sub(mk.start, mk.end).span)
    by_id = {r.id: r for r in refs}
    for ref_id, n in cited.items():
        if ref_id in by_id:
            by_id[ref_id].cited_by = n
    missing = [i for i in cited if i not in by_id]
    if missing and refs:
        for ref_id in missing:
            warnings.append(
                Warning(
                    code="unresolved-ref",
                    message=f"citation [{ref_id}] has no entry in the page's reference list",
                    span=first_at.get(ref_id),
                )
            )
    elif missing:
        warnings.append(
            Warning(
                code="unresolved-ref",
                message=f"the page has no reference list; {len(missing)} cited ids stay unresolved: "
                + ", ".join(missing[:20]),
                span=first_at.get(missing[0]),
            )
        )
    return refs


def _citing_segs(doc: Document) -> list[Seg]:
    out: list[Seg] = []
    if doc.title is not None:
        out.append(doc.title)
    for fld in (doc.infobox or {}).values():
        out.extend(fld.lines())
    for section in doc.sections:
        if section.kind in ("lead", "body"):
            out.extend(section.paragraphs)
    return out
