"""A readable terminal view of an attributed document: who said what, and the rest.

Plain text, no colours, so it reads the same in a terminal, a pipe or a log. The
helpers here are shared by every command that prints for people: :func:`escape_controls`
makes text from an article safe to show (an article can hold terminal escape
sequences), :func:`plural` counts in words, :func:`fit` keeps lines inside the
terminal's width, and :func:`describe_rebuttal` says who disputes whom.
"""

import re
import shutil
import textwrap

from ..model import AttributedDocument, Claim, Rebuttal, Source

__all__ = [
    "claim_speaker",
    "clip",
    "describe_rebuttal",
    "describe_source",
    "escape_controls",
    "fit",
    "plural",
    "render_table",
    "terminal_width",
]

# C0 and C1 controls, DEL, the bidirectional overrides and isolates (they reorder what a
# reader sees), and lone surrogates (they cannot be written as UTF-8).
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_CONTROLS_AND_NEWLINE = re.compile(_CONTROLS.pattern.replace("\x09\x0b", "\x0a\x0b"))


def _escaped(match: "re.Match[str]") -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with every control character shown as an escape (``ESC`` as ``\\x1b``).

    Terminal escape sequences in an article (``ESC]0;title BEL`` sets the window
    title, ``ESC[2J`` clears the screen) are then printed, not obeyed; so are
    bidirectional overrides, and lone surrogates become ``\\ud800`` instead of an
    encoding error. Newlines stay unless ``keep_newlines`` is False.
    """
    pattern = _CONTROLS if keep_newlines else _CONTROLS_AND_NEWLINE
    return pattern.sub(_escaped, text)


def clip(text: str, width: int) -> str:
    """``text`` with white space folded, cut to ``width`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """``count`` and ``noun`` in agreement: ``1 rebuttal``, ``2 rebuttals``."""
    return f"{count} {noun if count == 1 else plural_noun or noun + 's'}"


def terminal_width(width: int | None = None, *, most: int = 120) -> int:
    """``width``, else the terminal's width (100 when unknown), at most ``most``."""
    if width is not None:
        return max(width, 20)
    return max(min(shutil.get_terminal_size((100, 24)).columns, most), 20)


def fit(line: str, width: int) -> list[str]:
    """``line`` wrapped to ``width`` columns; continuation lines are indented deeper."""
    if len(line) <= width:
        return [line]
    indent = " " * (len(line) - len(line.lstrip(" ")) + 5)
    return textwrap.wrap(line, width=width, subsequent_indent=indent, break_on_hyphens=False) or [line]


def describe_source(source: Source) -> str:
    """A one-line description: kind, anonymity, group size and descriptors.

    A source is ``anonymous`` when the text withholds who it is, ``named`` when it
    has a name, and ``not anonymous, no name given`` otherwise (an organisation the
    text identifies without naming, say).
    """
    if source.anonymous:
        standing = "anonymous"
    elif source.name:
        standing = "named"
    else:
        standing = "not anonymous, no name given"
    parts = [source.kind.value, standing]
    if source.count is not None and source.count_qualifier is not None:
        qualifier = {"exact": "", "at_least": "at least ", "at_most": "at most ", "about": "about "}
        parts.append(f"{qualifier[source.count_qualifier.value]}{plural(source.count, 'member')}")
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


def claim_speaker(claim: Claim, sources: dict[str, Source]) -> str:
    """Who made ``claim``: its source's label, else the words naming the speaker."""
    if claim.source and claim.source in sources:
        return sources[claim.source].label
    if claim.source_mention is not None:
        return " ".join(claim.source_mention.text.split())
    return "(unattributed)"


_REBUTS = {
    "denial": "denies",
    "dispute": "disputes",
    "cannot_verify": "cannot verify",
    "counterclaim": "counters",
    "response": "responds to",
}


def describe_rebuttal(rebuttal: Rebuttal, document: AttributedDocument, *, width: int = 100) -> list[str]:
    """Who disputes whom, and in which words: a head line and one line per claim.

    ``"CIA (c8) denies Pakistani officials (c6)"``, then each claim's clipped text,
    then the evidence words and the confidence when below 1.
    """
    sources = {s.id: s for s in document.sources}
    claims = {c.id: c for c in document.claims}
    verb = _REBUTS.get(rebuttal.kind.value, rebuttal.kind.value.replace("_", " "))

    def who(claim_id: str) -> str:
        claim = claims.get(claim_id)
        return f"{clip(claim_speaker(claim, sources), 40)} ({claim_id})" if claim else claim_id

    lines = [f"  {rebuttal.id:<4} {who(rebuttal.claim)} {verb} {who(rebuttal.target)}"]
    room = max(width - 16, 20)
    for claim_id in (rebuttal.claim, rebuttal.target):
        if claim_id in claims:
            lines.append(f"         {claim_id}: \u201c{clip(claims[claim_id].words, room)}\u201d")
    details = []
    if rebuttal.evidence is not None:
        details.append(f"evidence \u201c{clip(rebuttal.evidence.text, 50)}\u201d")
    if rebuttal.confidence < 1:
        details.append(f"confidence {rebuttal.confidence:.2f}")
    if details:
        lines.append(f"         {', '.join(details)}")
    return lines


def _claim_lines(claim: Claim, sources: dict[str, Source], width: int) -> list[str]:
    speaker = clip(claim.source_mention.text, 40) if claim.source_mention else clip(claim_speaker(claim, sources), 40)
    head = f"  {claim.id:<4} {claim.mode.value:<8} {claim.source or '-':<4} {speaker}"
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
        " ".join(claim.words.split()), width=max(width - 8, 20), initial_indent="       ", subsequent_indent="       "
    )
    return [head, *body[:4], *(["       …"] if len(body) > 4 else [])]


def render_table(document: AttributedDocument, *, width: int | None = None) -> str:
    """Render ``document`` as plain text for a terminal.

    Sections: sources (with descriptors and anonymity), claims (mode, speaker, cue,
    recipient, content), rebuttals (who disputes whom, with both claims' words),
    anonymity conditions and non-responses; empty sections are left out. Every line
    fits ``width`` (default: the terminal's, at most 120 columns), and control
    characters from the article are shown escaped (see :func:`escape_controls`).
    """
    width = terminal_width(width)
    sources = {s.id: s for s in document.sources}
    lines = [f"== {document.id} =="]
    author = document.metadata.get("author")
    if author:
        lines.append(f"author: {author}")
    lines.append(
        ", ".join(
            [
                plural(len(document.sources), "source"),
                plural(len(document.claims), "claim"),
                plural(len(document.rebuttals), "rebuttal"),
                plural(len(document.anonymity_conditions), "anonymity condition"),
                plural(len(document.non_responses), "non-response"),
            ]
        )
    )
    if document.sources:
        lines += ["", "Sources"]
        for source in document.sources:
            lines.append(f"  {source.id:<4} {clip(source.label, 44):<44} {describe_source(source)}")
            claims = [c.id for c in document.claims if c.source == source.id]
            if claims:
                lines.append(f"       claims: {', '.join(claims)}")
    if document.claims:
        lines += ["", "Claims   (id, mode, source, speaker — cue → recipient)"]
        for claim in document.claims:
            lines += _claim_lines(claim, sources, width)
    if document.rebuttals:
        lines += ["", "Rebuttals   (who disputes whom, and the words of both claims)"]
        for r in document.rebuttals:
            lines += describe_rebuttal(r, document, width=width)
    if document.anonymity_conditions:
        lines += ["", "Anonymity"]
        for a in document.anonymity_conditions:
            reason = f"; reason: {clip(a.reason.text, 50)}" if a.reason else ""
            lines.append(f"  {a.id:<4} {a.kind.value}: {', '.join(a.sources)}  \"{clip(a.evidence.text, 60)}\"{reason}")
    if document.non_responses:
        lines += ["", "Non-responses"]
        for n in document.non_responses:
            who = sources[n.source].label if n.source in sources else n.source
            lines.append(f"  {n.id:<4} {n.source} {clip(who, 40)}: {n.kind.value}  \"{clip(n.evidence.text, 50)}\"")
    shown = [part for line in lines for part in fit(escape_controls(str(line), keep_newlines=False), width)]
    return "\n".join(shown) + "\n"
