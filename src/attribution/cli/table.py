"""A readable terminal view of an attributed document: who said what, and the rest.

Plain text, no colours, so it reads the same in a terminal, a pipe or a log.
"""

import shutil
import textwrap

from ..model import AttributedDocument, Claim, Source

__all__ = ["clip", "describe_source", "render_table", "source_label"]


def clip(text: str, width: int) -> str:
    """``text`` with white space folded, cut to ``width`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"


def describe_source(source: Source) -> str:
    """A one-line description: kind, anonymity, group size and descriptors."""
    parts = [source.kind.value, "anonymous" if source.anonymous else "named"]
    if source.count is not None and source.count_qualifier is not None:
        qualifier = {"exact": "", "at_least": "at least ", "at_most": "at most ", "about": "about "}
        parts.append(f"{qualifier[source.count_qualifier.value]}{source.count} members")
    if source.member_of:
        parts.append(f"member of {source.member_of}")
    d = source.descriptors
    for label, value in (
        ("role", d.role),
        ("seniority", d.seniority),
        ("affiliation", d.affiliation),
        ("nationality", d.nationality),
    ):
        if value:
            parts.append(f"{label} {value}")
    return ", ".join(parts)


def source_label(source: Source) -> str:
    """A readable name: the source's name, else its first mention, else its id."""
    if source.name:
        return source.name
    if source.mentions:
        return " ".join(source.mentions[0].text.split())
    return source.id


def _claim_lines(claim: Claim, sources: dict[str, Source], width: int) -> list[str]:
    who = sources[claim.source] if claim.source else None
    speaker = claim.source_mention.text if claim.source_mention else (source_label(who) if who else "(unattributed)")
    head = f"  {claim.id:<4} {claim.mode.value:<8} {claim.source or '-':<4} {clip(speaker, 40)}"
    if claim.cue is not None:
        head += f" — {clip(claim.cue.text, 24)}"
    if claim.recipient is not None:
        head += f" → {clip(claim.recipient.text, 30)}"
    extras = [f"medium {claim.medium}"] if claim.medium else []
    if claim.parent:
        extras.append(f"inside {claim.parent}")
    if claim.confidence < 1:
        extras.append(f"confidence {claim.confidence:.2f}")
    if extras:
        head += f" ({', '.join(extras)})"
    body = textwrap.wrap(
        " ".join(claim.content.text.split()), width=max(width - 8, 20), initial_indent="       ", subsequent_indent="       "
    )
    return [head, *body[:4], *(["       …"] if len(body) > 4 else [])]


def render_table(document: AttributedDocument, *, width: int | None = None) -> str:
    """Render ``document`` as plain text for a terminal.

    Sections: sources (with descriptors and anonymity), claims (mode, speaker, cue,
    recipient, content), rebuttals, anonymity conditions and non-responses; empty
    sections are left out.
    """
    width = width or min(shutil.get_terminal_size((100, 24)).columns, 120)
    sources = {s.id: s for s in document.sources}
    lines = [f"== {document.id} =="]
    author = document.metadata.get("author")
    if author:
        lines.append(f"author: {author}")
    lines.append(
        f"{len(document.sources)} sources, {len(document.claims)} claims, {len(document.rebuttals)} rebuttals, "
        f"{len(document.anonymity_conditions)} anonymity conditions, {len(document.non_responses)} non-responses"
    )
    if document.sources:
        lines += ["", "Sources"]
        for source in document.sources:
            lines.append(f"  {source.id:<4} {clip(source_label(source), 44):<44} {describe_source(source)}")
            claims = [c.id for c in document.claims if c.source == source.id]
            if claims:
                lines.append(f"       claims: {', '.join(claims)}")
    if document.claims:
        lines += ["", "Claims   (id, mode, source, speaker — cue → recipient)"]
        for claim in document.claims:
            lines += _claim_lines(claim, sources, width)
    if document.rebuttals:
        lines += ["", "Rebuttals   (rebutting claim → target)"]
        for r in document.rebuttals:
            evidence = f'  "{clip(r.evidence.text, 50)}"' if r.evidence else ""
            confidence = f"  confidence {r.confidence:.2f}" if r.confidence < 1 else ""
            lines.append(f"  {r.id:<4} {r.claim} → {r.target}  {r.kind.value}{evidence}{confidence}")
    if document.anonymity_conditions:
        lines += ["", "Anonymity"]
        for a in document.anonymity_conditions:
            reason = f"; reason: {clip(a.reason.text, 50)}" if a.reason else ""
            lines.append(f"  {a.id:<4} {a.kind.value}: {', '.join(a.sources)}  \"{clip(a.evidence.text, 60)}\"{reason}")
    if document.non_responses:
        lines += ["", "Non-responses"]
        for n in document.non_responses:
            who = source_label(sources[n.source])
            lines.append(f"  {n.id:<4} {n.source} {clip(who, 40)}: {n.kind.value}  \"{clip(n.evidence.text, 50)}\"")
    return "\n".join(lines) + "\n"
