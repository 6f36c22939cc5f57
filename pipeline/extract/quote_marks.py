"""Pair quotation marks into quoted spans, robustly.

News text mixes curly (“ ”), straight ("), doubled-single ('') and guillemet (« ») marks, often
wrongly (a straight opener closed by a curly mark, a curly closer used as an opener). A mark's
direction is therefore read from its context first — whitespace or an opening bracket before it,
a letter after it — and from its glyph only when the context says nothing. Marks are paired within
a paragraph; a quote left open at a paragraph's end continues only when the next paragraph opens
with a mark (the newswire convention for quotes running over paragraphs); any other unclosed mark
is dropped, so a stray mark never swallows the rest of the article.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

# Double marks only: single curly marks are overwhelmingly apostrophes (’) or nested quotes. Of three apostrophes, a
# nested quote's single mark and the outer doubled one ("… 'a special case,''' Mr. Putin said"), the doubled mark is
# the last two when they close and the first two when they open (after a space, a bracket or the text's start).
MARK_PATTERN = re.compile(r"(?<![^\s(\[{—–-])''(?=')|''(?!')|``|[\"“”„‟«»]")
OPENING_GLYPHS = frozenset({"“", "„", "‟", "«", "``"})
CLOSING_GLYPHS = frozenset({"”", "»"})
OPEN, CLOSE = "open", "close"
# Characters after which a mark opens a quote / before which a mark closes one.
OPENING_CONTEXT = set(" \t\n\xa0([{—–-:/")
CLOSING_CONTEXT = set(" \t\n\xa0)]}.,;:!?—–-…/")


@dataclass(frozen=True)
class QuotedSpan:
    """A quoted stretch of text: ``start`` at its opening mark, ``end`` just after its closing mark."""

    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]  # one per paragraph the quote runs over


def mark_direction(text: str, start: int, end: int) -> str | None:
    """Whether the mark at ``text[start:end]`` opens or closes a quote (None: can't tell)."""
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    opens = (before in OPENING_CONTEXT or before in OPENING_GLYPHS) and not after.isspace()
    closes = (after in CLOSING_CONTEXT or after in CLOSING_GLYPHS or after == "’") and not before.isspace()
    if opens and not closes:
        return OPEN
    if closes and not opens:
        return CLOSE
    glyph = text[start:end]
    if glyph in OPENING_GLYPHS:
        return OPEN
    if glyph in CLOSING_GLYPHS:
        return CLOSE
    return None


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Character ranges of the text's non-empty lines (news paragraphs)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def pair_in_paragraph(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """Closed ``(open, close_end)`` pairs in one paragraph, and the offset of a mark left open at its end."""
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    for match in MARK_PATTERN.finditer(text, start, end):
        direction = mark_direction(text, match.start(), match.end())
        if direction is None:  # a mark between two spaces or two letters: toggle
            direction = CLOSE if open_at is not None else OPEN
        if direction == OPEN:
            # A second opener while one is open means the first was stray: restart at this one.
            open_at = match.start()
        elif open_at is not None:
            pairs.append((open_at, match.end()))
            open_at = None
    return pairs, open_at


def opens_with_mark(text: str, start: int, end: int) -> bool:
    """True when the paragraph's first non-space character is an opening quotation mark."""
    stripped = text[start:end].lstrip()
    match = MARK_PATTERN.match(stripped)
    if not match:
        return False
    offset = start + (len(text[start:end]) - len(stripped))
    return mark_direction(text, offset, offset + len(match.group())) != CLOSE


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quoted span of ``text``, in order, multi-paragraph quotes joined into one span."""
    spans: list[QuotedSpan] = []
    carried: list[tuple[int, int]] = []  # pieces of a quote still open from earlier paragraphs
    paragraphs = paragraph_bounds(text)
    for index, (start, end) in enumerate(paragraphs):
        if carried and not opens_with_mark(text, start, end):
            carried = []  # the open quote was not continued: it was a stray mark
        pairs, open_at = pair_in_paragraph(text, start, end)
        if carried:
            if pairs and pairs[0][0] == first_mark_offset(text, start, end):
                first = pairs.pop(0)
                pieces = tuple(carried + [first])
                spans.append(QuotedSpan(pieces[0][0], first[1], pieces))
                carried = []
            elif open_at is not None and not pairs:
                carried.append((open_at, end))  # the whole paragraph is inside the quote
                open_at = None
            else:
                carried = []
        spans.extend(QuotedSpan(s, e, ((s, e),)) for s, e in pairs)
        if open_at is not None:
            has_next = index + 1 < len(paragraphs)
            if has_next and opens_with_mark(text, *paragraphs[index + 1]):
                carried = [(open_at, end)]
    spans.sort(key=lambda span: span.start)
    return spans


def first_mark_offset(text: str, start: int, end: int) -> int | None:
    """Offset of the first quotation mark of a paragraph."""
    match = MARK_PATTERN.search(text, start, end)
    return match.start() if match else None


class MarkedStretches(Sequence):
    """One text's quoted spans (as :func:`quoted_spans` returns them: sorted by start, disjoint, so
    sorted by end too), with lookups by offset in logarithmic time: an article may hold thousands of
    marks, entities and cues, and comparing each with each is quadratic. Built once per Doc."""

    def __init__(self, spans: list[QuotedSpan]) -> None:
        self._spans = spans
        self._starts = [span.start for span in spans]
        self._ends = [span.end for span in spans]

    def __getitem__(self, index):
        return self._spans[index]

    def __len__(self) -> int:
        return len(self._spans)

    def covers(self, position: int) -> bool:
        """True when a character offset lies inside a span, after the first character of its opening mark."""
        i = bisect_left(self._starts, position) - 1  # the last span starting before ``position``
        return i >= 0 and self._ends[i] > position

    def holds(self, start: int, end: int) -> bool:
        """True when the stretch ``start:end`` lies within one span."""
        i = bisect_right(self._starts, start) - 1  # the last span starting at or before ``start``
        return i >= 0 and self._ends[i] >= end

    def overlapping(self, start: int, end: int) -> list[int]:
        """Indices, in order, of the spans that overlap the stretch ``start:end``."""
        return list(range(bisect_right(self._ends, start), bisect_left(self._starts, end)))

    def starting_between(self, low: int, high: int) -> range:
        """Indices, in order, of the spans starting at ``low`` … ``high`` (both included)."""
        return range(bisect_left(self._starts, low), bisect_right(self._starts, high))

    def last_ending_by(self, position: int) -> int | None:
        """Index of the last span ending at or before ``position``, or None."""
        i = bisect_right(self._ends, position) - 1
        return i if i >= 0 else None
