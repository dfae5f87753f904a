"""A self-contained HTML view of attributed documents: who said what, in the article itself.

:func:`render_html` turns one document, or several, into one HTML page with inline CSS
and JavaScript and no network access. Each claim's content is highlighted in its
speaker's colour (a solid bar for a direct quotation, a dashed one for an indirect, a
dash-dot one for a mixed), its cue is underlined and its speaker's mention boxed; a
nested claim's bar sits below its parent's and its tag is outlined. A side panel lists
the sources (name or description, anonymity, descriptors, group and members, the
anonymity condition and its reason, non-responses) and the rebuttals as links both ways.
Clicking a source, or pressing Enter on it, highlights exactly its claims (its members'
claims more lightly); Escape clears; the arrow keys move between sources.

Like :mod:`attribution.model`, this module imports neither spaCy nor anything that
does I/O beyond reading its own CSS and JavaScript from the package.
"""

import html
import importlib.resources
import re
from collections.abc import Iterable, Sequence

import attrs

from ..model import AttributedDocument, Claim, ClaimMode, Source

__all__ = ["PALETTE", "render_html"]

#: Source colours, in order of first appearance; dark enough for white text.
PALETTE = (
    "#0b6fb0", "#c8501a", "#0a8a64", "#b0367f", "#8a6500", "#5a4fcf",
    "#3d7a1c", "#a8323e", "#227c8c", "#7a4b2a", "#6b5b95", "#55606e",
)  # fmt: skip
_UNATTRIBUTED = "#777777"
_BAR = 4  # pixels per nesting level
_MODE_MARK = {ClaimMode.DIRECT: "\u201c\u201d", ClaimMode.INDIRECT: "\u2248", ClaimMode.MIXED: "\u201c\u2248"}
_PARAGRAPHS = re.compile(r"\n+")


def _asset(name: str) -> str:
    return importlib.resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _rgba(colour: str, alpha: float) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


@attrs.frozen
class _Mark:
    """One stretch of text with a role: a claim's content, a cue, a mention, evidence."""

    start: int
    end: int
    role: str  # claim, cue, mention, ev-anon, ev-nr, ev-reb
    key: str  # the claim id for claim/cue/mention; the object id otherwise
    title: str


class _Page:
    """Renders one document; ids are prefixed so several documents share a page."""

    def __init__(self, document: AttributedDocument, prefix: str) -> None:
        self.doc = document
        self.prefix = prefix
        self.sources = {s.id: s for s in document.sources}
        self.colours = {s.id: PALETTE[i % len(PALETTE)] for i, s in enumerate(document.sources)}
        self.claims = {c.id: c for c in document.claims}
        self.lanes = _lanes(document.claims)

    # -- helpers -----------------------------------------------------------------------

    def anchor(self, claim_id: str) -> str:
        return f"{self.prefix}claim-{claim_id}"

    def colour(self, claim: Claim) -> str:
        return self.colours.get(claim.source, _UNATTRIBUTED) if claim.source else _UNATTRIBUTED

    def speaker(self, claim: Claim) -> str:
        if claim.source is None or claim.source not in self.sources:
            return "unattributed"
        return self.sources[claim.source].label

    def claim_title(self, claim: Claim) -> str:
        parts = [f"{claim.id}: {claim.mode.value} claim by {self.speaker(claim)}"]
        if claim.cue:
            parts.append(f"cue \u201c{claim.cue.text}\u201d")
        if claim.parent:
            parts.append(f"inside {claim.parent}")
        return "; ".join(parts)

    # -- the text ----------------------------------------------------------------------

    def marks(self) -> list[_Mark]:
        found: list[_Mark] = []
        for claim in self.doc.claims:
            title = self.claim_title(claim)
            for part in claim.content_parts or (claim.content,):
                found.append(_Mark(part.start, part.end, "claim", claim.id, title))
            if claim.cue:
                found.append(_Mark(claim.cue.start, claim.cue.end, "cue", claim.id, title))
            if claim.source_mention:
                who = f"speaker of {claim.id}: {self.speaker(claim)}"
                found.append(_Mark(claim.source_mention.start, claim.source_mention.end, "mention", claim.id, who))
        for condition in self.doc.anonymity_conditions:
            who = ", ".join(self.sources[s].label for s in condition.sources if s in self.sources)
            title = f"anonymity ({condition.kind.value.replace('_', ' ')}) for {who}"
            found.append(_Mark(condition.evidence.start, condition.evidence.end, "ev-anon", condition.id, title))
            if condition.reason:
                found.append(_Mark(condition.reason.start, condition.reason.end, "ev-anon", condition.id, title))
        for response in self.doc.non_responses:
            who = self.sources[response.source].label if response.source in self.sources else response.source
            title = f"{who}: {response.kind.value.replace('_', ' ')}"
            found.append(_Mark(response.evidence.start, response.evidence.end, "ev-nr", response.id, title))
        for rebuttal in self.doc.rebuttals:
            if rebuttal.evidence:
                title = f"{rebuttal.claim} {rebuttal.kind.value.replace('_', ' ')} {rebuttal.target}"
                found.append(_Mark(rebuttal.evidence.start, rebuttal.evidence.end, "ev-reb", rebuttal.id, title))
        return [m for m in found if m.end > m.start]

    def text_html(self) -> str:
        text = self.doc.text
        marks = self.marks()
        starts: dict[int, list[Claim]] = {}
        ends: dict[int, list[str]] = {}
        for claim in sorted(self.doc.claims, key=lambda c: (c.content.start, -c.content.end)):
            starts.setdefault(claim.content.start, []).append(claim)
        for rebuttal in self.doc.rebuttals:
            for own, other, verb in ((rebuttal.claim, rebuttal.target, _verb(rebuttal.kind.value)),
                                     (rebuttal.target, rebuttal.claim, _passive(rebuttal.kind.value))):
                if own in self.claims and other in self.claims:
                    label = f"{verb} {other}"
                    ends.setdefault(self.claims[own].content.end, []).append(
                        f'<a class="rlink" href="#{_e(self.anchor(other))}" data-label="{_e(label)}" '
                        f'title="{_e(self.speaker(self.claims[own]))} {_e(verb)} {_e(self.speaker(self.claims[other]))}">'
                        f"{_e(label)}</a>"
                    )
        cuts = {0, len(text)}
        for mark in marks:
            cuts.update((mark.start, mark.end))
        cuts.update(starts)
        cuts.update(ends)
        for match in _PARAGRAPHS.finditer(text):
            cuts.update(match.span())
        bounds = sorted(c for c in cuts if 0 <= c <= len(text))
        out = ["<p>"]
        for a, b in zip(bounds, bounds[1:]):
            out.extend(ends.pop(a, ()))
            for claim in starts.pop(a, ()):
                out.append(self.tag(claim))
            piece = text[a:b]
            if _PARAGRAPHS.fullmatch(piece):
                out.append("</p>\n<p>")
                continue
            out.append(self.segment(piece, [m for m in marks if m.start <= a and b <= m.end]))
        for position in sorted(set(ends) | set(starts)):  # at the very end (or an empty text)
            out.extend(ends.pop(position, ()))
            out.extend(self.tag(claim) for claim in starts.pop(position, ()))
        out.append("</p>")
        return "".join(out).replace("<p></p>", "")

    def tag(self, claim: Claim) -> str:
        nested = " nested" if claim.parent else ""
        return (
            f'<button type="button" class="ctag{nested}" id="{_e(self.anchor(claim.id))}" '
            f'data-claim="{_e(claim.id)}" data-source="{_e(claim.source or "")}" data-mode="{claim.mode.value}" '
            f'style="--c:{self.colour(claim)}" title="{_e(self.claim_title(claim))}">'
            f'<span class="mode" aria-hidden="true">{_MODE_MARK[claim.mode]}</span>'
            f"{_e(claim.id)} {_e(_clip(self.speaker(claim), 28))}</button>"
        )

    def segment(self, piece: str, covering: Sequence[_Mark]) -> str:
        if not covering:
            return _e(piece)
        claims = sorted(
            {self.claims[m.key] for m in covering if m.role == "claim"},
            key=lambda c: self.lanes[c.id],
        )
        classes = ["seg"]
        style: list[str] = []
        attributes = ""
        titles = [m.title for m in covering if m.role != "claim"]
        if claims:
            classes.append("claim")
            images, positions = [], []
            for claim in claims:
                colour = self.colour(claim)
                images.append(_bar(claim.mode, colour))
                positions.append(f"0 calc(100% - {self.lanes[claim.id] * _BAR}px)")
            inner = claims[-1]
            images.append(f"linear-gradient({_rgba(self.colour(inner), 0.16)},{_rgba(self.colour(inner), 0.16)})")
            positions.append("0 0")
            sizes = [f"100% {3 if c.mode is ClaimMode.DIRECT else 2}px" for c in claims] + ["100% 100%"]
            depth = max(self.lanes[c.id] for c in claims) + 1
            style += [
                f"background-image:{','.join(images)}",
                f"background-position:{','.join(positions)}",
                f"background-size:{','.join(sizes)}",
                f"padding-bottom:{2 + depth * _BAR}px",
            ]
            attributes = f' data-claims="{_e(" ".join(c.id for c in claims))}"'
            titles.insert(0, self.claim_title(inner))
        for role in ("cue", "mention", "ev-anon", "ev-nr", "ev-reb"):
            if any(m.role == role for m in covering):
                classes.append(role)
        mention = next((m for m in covering if m.role == "mention"), None)
        if mention is not None:
            style.append(f"--mc:{self.colour(self.claims[mention.key])}")
        style_attribute = f' style="{_e(";".join(style))}"' if style else ""
        title = _e(" | ".join(dict.fromkeys(titles)))
        return f'<span class="{" ".join(classes)}"{attributes}{style_attribute} title="{title}">{_e(piece)}</span>'

    # -- the panel ---------------------------------------------------------------------

    def source_card(self, source: Source) -> str:
        doc = self.doc
        own = [c.id for c in doc.claims if c.source == source.id]
        member_claims = [c.id for c in doc.claims_by(source.id) if c.source != source.id]
        members = [s for s in doc.sources if s.member_of == source.id]
        badges = []
        badges.append('<span class="badge anon">anonymous</span>' if source.anonymous else '<span class="badge">named</span>')
        badges.append(f'<span class="badge">{_e(source.kind.value)}</span>')
        facts = []
        d = source.descriptors
        for key, value in (("role", d.role), ("seniority", d.seniority), ("affiliation", d.affiliation),
                           ("nationality", d.nationality)):
            if value:
                facts.append(f'<span class="k">{key}</span> {_e(value)}')
        if source.count is not None:
            qualifier = {"exact": "", "at_least": "at least ", "at_most": "at most ", "about": "about "}
            facts.append(f'<span class="k">group of</span> {qualifier[source.count_qualifier.value]}{source.count}')  # type: ignore[union-attr]
        if members:
            names = ", ".join(f"{_e(m.label)} ({_e(m.id)})" for m in members)
            facts.append(f'<span class="k">members</span> {names}')
        if source.member_of and source.member_of in self.sources:
            facts.append(f'<span class="k">member of</span> {_e(self.sources[source.member_of].label)}')
        if source.on_behalf_of and source.on_behalf_of in self.sources:
            facts.append(f'<span class="k">speaks for</span> {_e(self.sources[source.on_behalf_of].label)}')
        if len(source.mentions) > 1:
            facts.append('<span class="k">mentions</span> ' + "; ".join(_e(_clip(m.text, 40)) for m in source.mentions))
        for condition in doc.anonymity_conditions:
            if source.id in condition.sources:
                reason = f"; reason: \u201c{_e(condition.reason.text)}\u201d" if condition.reason else ""
                facts.append(
                    f'<span class="k">anonymity</span> {_e(condition.kind.value.replace("_", " "))}: '
                    f"\u201c{_e(condition.evidence.text)}\u201d{reason}"
                )
        for response in doc.non_responses:
            if response.source == source.id:
                badges.append(f'<span class="badge nr">{_e(response.kind.value.replace("_", " "))}</span>')
                facts.append(f'<span class="k">no answer</span> \u201c{_e(response.evidence.text)}\u201d')
        count = f"{len(own)} claim{'s' if len(own) != 1 else ''}"
        if member_claims:
            count += f" + {len(member_claims)} by members"
        member_class = " member" if source.member_of else ""
        return (
            f'<li class="source-card{member_class}" style="--c:{self.colours[source.id]}">'
            f'<button type="button" class="source" aria-pressed="false" data-source="{_e(source.id)}" '
            f'data-label="{_e(source.label)}" data-claims="{_e(" ".join(own))}" '
            f'data-member-claims="{_e(" ".join(member_claims))}">'
            f'<span class="name">{_e(source.label)}</span><span class="n">{count}</span></button>'
            f'<div class="facts">{"".join(badges)}'
            + "".join(f"<div>{fact}</div>" for fact in facts)
            + "</div></li>"
        )

    def conflicts_html(self) -> str:
        items = []
        for rebuttal in self.doc.rebuttals:
            claim, target = self.claims.get(rebuttal.claim), self.claims.get(rebuttal.target)
            if claim is None or target is None:
                continue
            items.append(
                f'<li><strong>{_e(self.speaker(claim))}</strong> {_e(_verb(rebuttal.kind.value))} '
                f"<strong>{_e(self.speaker(target))}</strong>: "
                f'<a href="#{_e(self.anchor(claim.id))}">{_e(claim.id)} \u201c{_e(_clip(claim.words, 70))}\u201d</a>'
                f' \u2192 <a href="#{_e(self.anchor(target.id))}">{_e(target.id)} \u201c{_e(_clip(target.words, 70))}\u201d</a>'
                + (f' <span class="badge">\u201c{_e(rebuttal.evidence.text)}\u201d</span>' if rebuttal.evidence else "")
                + "</li>"
            )
        body = "".join(items) or '<li class="empty">No rebuttals found.</li>'
        return f'<h3>Who disputes whom</h3><ol class="conflicts">{body}</ol>'

    def key_html(self) -> str:
        colour = PALETTE[0]
        rows = [
            (f'<span class="k-bar" style="background:{colour}"></span> \u201c\u201d', "direct quotation"),
            (f'<span class="k-bar" style="background:{_dash(colour, 6, 3)}"></span> \u2248', "indirect (paraphrase)"),
            (f'<span class="k-bar" style="background:{_dash(colour, 10, 3, 2)}"></span> \u201c\u2248', "mixed: paraphrase with a quoted fragment"),
            ('<span class="seg cue">said</span>', "the cue (reporting verb)"),
            (f'<span class="seg mention" style="--mc:{colour}">the speaker</span>', "the speaker's mention"),
            ('<span class="ctag nested" style="--c:#555">c2</span>', "a claim nested inside another; its bar sits lower"),
            ('<span class="seg ev-anon">on condition</span>', "anonymity condition"),
            ('<span class="seg ev-nr">declined</span>', "non-response"),
            ('<span class="rlink">disputes c1</span>', "a rebuttal, linked both ways"),
        ]
        return '<h3>Key</h3><dl class="key">' + "".join(f"<dt>{a}</dt><dd>{b}</dd>" for a, b in rows) + "</dl>"

    def article(self, heading: str) -> str:
        doc = self.doc
        counts = " \u00b7 ".join(
            f"{len(items)} {noun if len(items) == 1 else noun + 's'}"
            for items, noun in (
                (doc.claims, "claim"),
                (doc.sources, "source"),
                (doc.rebuttals, "rebuttal"),
                (doc.non_responses, "non-response"),
                (doc.anonymity_conditions, "anonymity condition"),
            )
        )
        author = doc.metadata.get("author")
        byline = f"By {_e(author)} \u00b7 " if isinstance(author, str) and author else ""
        ordered = _grouped(doc.sources)
        cards = "".join(self.source_card(s) for s in ordered) or '<li class="empty">No sources found.</li>'
        return (
            f'<article class="doc" id="{_e(self.prefix)}doc" data-document="{_e(doc.id)}">'
            f"<header><h2>{_e(heading)}</h2><p class=\"summary\">{byline}{counts}</p></header>"
            '<div class="layout">'
            f'<section class="text" aria-label="Article text">{self.text_html()}</section>'
            '<aside class="panel" aria-label="Sources and conflicts">'
            "<h3>Sources</h3>"
            '<p class="hint">Click a source, or press Enter on it, to highlight its claims; '
            "Esc clears, \u2191/\u2193 move between sources.</p>"
            '<p class="status hint" role="status" aria-live="polite">No source selected.</p>'
            f'<ul class="sources">{cards}</ul>'
            f"{self.conflicts_html()}{self.key_html()}"
            "</aside></div></article>"
        )


def _grouped(sources: Iterable[Source]) -> list[Source]:
    """Sources in document order, each group followed by its members."""
    sources = list(sources)
    ids = {s.id for s in sources}
    ordered: list[Source] = []

    def add(source: Source) -> None:
        ordered.append(source)
        for member in sources:
            if member.member_of == source.id and member not in ordered:
                add(member)

    for source in sources:
        if source not in ordered and (source.member_of is None or source.member_of not in ids):
            add(source)
    ordered += [s for s in sources if s not in ordered]  # members of a cycle-free chain left over
    return ordered


def _lanes(claims: Sequence[Claim]) -> dict[str, int]:
    """A nesting level per claim: the lowest level free of every overlapping claim."""
    lanes: dict[str, int] = {}
    placed: list[tuple[int, int, int]] = []
    for claim in sorted(claims, key=lambda c: (c.content.start, -c.content.end)):
        start, end = claim.content.start, claim.content.end
        taken = {lane for s, e, lane in placed if s < end and start < e}
        lane = next(i for i in range(len(taken) + 1) if i not in taken)
        lanes[claim.id] = lane
        placed.append((start, end, lane))
    return lanes


def _dash(colour: str, on: int, off: int, dot: int = 0) -> str:
    if dot:
        stops = f"{colour} 0 {on}px,transparent {on}px {on + off}px,{colour} {on + off}px {on + off + dot}px,transparent {on + off + dot}px {on + 2 * off + dot}px"
        return f"repeating-linear-gradient(90deg,{stops})"
    return f"repeating-linear-gradient(90deg,{colour} 0 {on}px,transparent {on}px {on + off}px)"


def _bar(mode: ClaimMode, colour: str) -> str:
    if mode is ClaimMode.DIRECT:
        return f"linear-gradient({colour},{colour})"
    if mode is ClaimMode.INDIRECT:
        return _dash(colour, 6, 3)
    return _dash(colour, 10, 3, 2)


_VERBS = {
    "denial": ("denies", "denied by"),
    "dispute": ("disputes", "disputed by"),
    "cannot_verify": ("cannot verify", "not verified by"),
    "counterclaim": ("counters", "countered by"),
    "response": ("responds to", "answered by"),
}


def _verb(kind: str) -> str:
    return _VERBS[kind][0]


def _passive(kind: str) -> str:
    return _VERBS[kind][1]


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def render_html(
    documents: AttributedDocument | Iterable[AttributedDocument], *, title: str | None = None
) -> str:
    """One self-contained HTML page showing who said what in ``documents``.

    The page has inline CSS and JavaScript and loads nothing from the network, so it can
    be mailed or archived as one file. Several documents share one page, after a table
    of contents.

    Args:
        documents: One document, or several.
        title: The page title; by default the document's id, or "N documents".

    Returns:
        The HTML text (UTF-8 when written to a file).

    Example:
        >>> from attribution.model import AttributedDocument
        >>> page = render_html(AttributedDocument(id="d1", text="Nothing was said."))
        >>> page.startswith("<!doctype html>") and "Nothing was said." in page
        True
    """
    docs = [documents] if isinstance(documents, AttributedDocument) else list(documents)
    if title is None:
        title = docs[0].id if len(docs) == 1 else f"{len(docs)} documents"
    pages = [_Page(doc, f"d{i}-" if len(docs) > 1 else "") for i, doc in enumerate(docs)]
    toc = ""
    if len(docs) > 1:
        entries = "".join(
            f'<li><a href="#{_e(page.prefix)}doc">{_e(doc.id)}</a> '
            f"({len(doc.claims)} claims, {len(doc.sources)} sources)</li>"
            for page, doc in zip(pages, docs)
        )
        toc = f'<nav class="toc" aria-label="Documents"><ol>{entries}</ol></nav>'
    articles = "\n".join(page.article(doc.id) for page, doc in zip(pages, docs))
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="attribution">'
        '<link rel="icon" href="data:,">'
        f"<title>{_e(title)} \u2014 who said what</title>"
        f"<style>{_asset('view.css')}</style></head>\n<body>"
        f'<header class="page"><h1>Who said what: {_e(title)}</h1>'
        f"<p>{len(docs)} document{'s' if len(docs) != 1 else ''}; made by attribution</p>{toc}</header>"
        f"<main>{articles}</main>"
        f"<script>{_asset('view.js')}</script></body></html>\n"
    )
