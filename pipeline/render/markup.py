"""Properly nested HTML markup for overlapping character spans (entity inside quote inside claim).

Spans may overlap in any way. The text is cut at every span boundary; each segment knows which
spans cover it, and elements are opened and closed like a stack, so a span that crosses another
is emitted as several pieces. Outer layers (lower ``layer``) open first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass
class Span:
    """One highlighted range of the text and the element that marks it."""

    start: int
    end: int
    layer: int
    tag: str = "span"
    attrs: dict[str, str] = field(default_factory=dict)
    anchor: str | None = None  # the element id, given to the first piece only
    head: str = ""  # markup put inside the first piece, before the text
    tail: str = ""  # markup put inside the last piece, after the text


def attributes(attrs: dict[str, str]) -> str:
    """Escaped ``name="value"`` pairs, skipping empty values."""
    return "".join(f' {name}="{escape(str(value), quote=True)}"' for name, value in attrs.items() if value not in (None, ""))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the text's paragraphs (separated by blank lines)."""
    ranges, start = [], 0
    for gap in PARAGRAPH_BREAK.finditer(text):
        ranges.append((start, gap.start()))
        start = gap.end()
    ranges.append((start, len(text)))
    return [(s, e) for s, e in ranges if s < e]


def nest(text: str, spans: list[Span], start: int = 0, end: int | None = None) -> str:
    """HTML of ``text[start:end]`` with every span marked, elements properly nested."""
    end = len(text) if end is None else end
    inside = [s for s in spans if s.start < s.end and s.start < end and s.end > start]
    order = {id(span): rank for rank, span in enumerate(sorted(inside, key=lambda s: (s.layer, s.start, -s.end)))}
    cuts = sorted({start, end, *(max(s.start, start) for s in inside), *(min(s.end, end) for s in inside)})
    out: list[str] = []
    stack: list[Span] = []
    for a, b in zip(cuts, cuts[1:]):
        wanted = sorted((s for s in inside if s.start <= a and s.end >= b), key=lambda s: order[id(s)])
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] is wanted[keep]:
            keep += 1
        close(stack, keep, a, out)
        for span in wanted[keep:]:
            out.append(open_tag(span, first=a == span.start))
            stack.append(span)
        out.append(escape(text[a:b], quote=False))
    close(stack, 0, end, out)
    return "".join(out)


def close(stack: list[Span], keep: int, position: int, out: list[str]) -> None:
    """Close the stack's elements down to ``keep``, adding a span's tail where it really ends."""
    while len(stack) > keep:
        span = stack.pop()
        out.append(f"{span.tail if position == span.end else ''}</{span.tag}>")


def open_tag(span: Span, first: bool) -> str:
    """The opening tag of one piece of a span (its head and anchor on the first piece only)."""
    attrs = dict(span.attrs)
    if first and span.anchor:
        attrs = {"id": span.anchor, **attrs}
    if not first:
        attrs["class"] = f"{attrs.get('class', '')} cont".strip()
    return f"<{span.tag}{attributes(attrs)}>{span.head if first else ''}"
