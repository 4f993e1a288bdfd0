"""The reference list and citation resolution: every cited id lands on an entry or is warned about."""

from __future__ import annotations

import re
from collections import Counter

from ..document import Document, Seg
from ..fields import citations
from ..lang.base import LangTable
from ..models import ConflictRecord, Reference, Span, Warning

_GROUPED = re.compile(r"^([A-Za-z][A-Za-z-]*) (\d{1,3})$")


def resolve(
    record: ConflictRecord,
    doc: Document,
    lang: LangTable,
    warnings: list[Warning],
    found: dict[str, list[citations.Marker]] | None = None,
) -> list[Reference]:
    """Parse the entries, count where each is cited, and warn on ids with no entry. The markers of
    each text read are left in `found` (when given), for a later pass over the same texts."""
    from ..fields.references import clear_memo, parse_reference

    clear_memo()  # dates recur within a page; each page is parsed as if it came first
    refs = [parse_reference(entry, lang) for entry in doc.references]
    cited: Counter[str] = Counter()
    first_at: dict[str, tuple[Seg, int, int]] = {}  # where each id is first cited, for a warning
    for seg in _citing_segs(doc):
        markers = citations.find(seg.text, lang)
        if found is not None:
            found[seg.text] = markers
        for mk in markers:
            if mk.kind == "ref":
                cited[mk.value] += 1
                if mk.value not in first_at:
                    first_at[mk.value] = (seg, mk.start, mk.end)
    _name_note_group(refs, cited)
    by_id = {r.id: r for r in refs}
    for ref, entry in zip(refs, doc.references, strict=True):
        # the citations of an id count on its last entry; "^ a b": the list's own back-links also
        # count places we do not read (a table, a caption). Set once: a model's setattr is costly
        n = max(cited[ref.id] if by_id[ref.id] is ref else 0, entry.backlinks)
        if n != ref.cited_by:
            ref.cited_by = n
    missing = [i for i in cited if i not in by_id]
    if missing and refs:
        for ref_id in missing:
            warnings.append(
                Warning(
                    code="unresolved-ref",
                    message=f"citation [{ref_id}] has no entry in the page's reference list",
                    span=_span(first_at, ref_id),
                )
            )
    elif missing:
        warnings.append(
            Warning(
                code="unresolved-ref",
                message=f"the page has no reference list; {len(missing)} cited ids stay unresolved: "
                + ", ".join(missing[:20]),
                span=_span(first_at, missing[0]),
            )
        )
    return refs


def _span(first_at: dict[str, tuple[Seg, int, int]], ref_id: str) -> Span | None:
    """The span of the first citation of `ref_id`, built only for the ids a warning names."""
    seg, start, end = first_at[ref_id]
    return seg.sub(start, end).span


def _name_note_group(refs: list[Reference], cited: Counter[str]) -> None:
    """A copied notes list loses its group name ("[nb 1]" in the text, a bare "^" in the list):
    when the page cites exactly one such group, the list's generic "note N" ids take its name."""
    groups = {m.group(1) for i in cited if (m := _GROUPED.match(i))}
    generic = [r for r in refs if r.kind == "note" and _GROUPED.match(r.id)]
    if len(groups) != 1 or not generic:
        return
    (group,) = groups
    taken = {r.id for r in refs}
    for ref in generic:
        m = _GROUPED.match(ref.id)
        assert m is not None
        new = f"{group} {m.group(2)}"
        if m.group(1) != group and new not in taken:
            ref.id = new


def _citing_segs(doc: Document) -> list[Seg]:
    out: list[Seg] = []
    if doc.title is not None:
        out.append(doc.title)
    for fld in (doc.infobox or {}).values():
        out.extend(fld.lines())
    for section in doc.sections:
        if section.kind in ("lead", "body"):
            out.extend(section.paragraphs)
    # an explanatory note cites sources of its own ("[c] ... Chandler, p. 328.[29]")
    out.extend(entry.seg for entry in doc.references if entry.kind == "note")
    return out
