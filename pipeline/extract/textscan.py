"""Run a regex only near the literal words it needs: scanning a whole article with a pattern that
starts with optional parts costs several milliseconds, finding a literal with ``str.find`` almost
nothing, and most articles hold no statute or money at all. Also where an article's paragraphs
break."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


def occurrences(text: str, literal: str) -> Iterator[int]:
    """Every start offset of ``literal`` in ``text`` (overlapping ones too)."""
    position = text.find(literal)
    while position != -1:
        yield position
        position = text.find(literal, position + 1)


# How far a window's edge moves to reach a word boundary.
WORD_REACH = 100


def anchor_windows(text: str, anchors: Iterable[str], before: int, after: int) -> list[tuple[int, int]]:
    """Merged ``(start, end)`` windows around every occurrence of an anchor, cut at spaces."""
    hits = [position for anchor in anchors for position in occurrences(text, anchor)]
    windows: list[tuple[int, int]] = []
    for position in sorted(hits):
        start = max(0, position - before)
        if start:  # back to the word's start, looking no further than WORD_REACH (linear on text without spaces)
            reach = max(0, start - WORD_REACH)
            start = max(text.rfind(" ", reach, start), text.rfind("\n", reach, start), reach - 1) + 1
        end = text.find(" ", position + after, position + after + WORD_REACH) if position + after < len(text) else -1
        end = min(len(text), position + after + WORD_REACH) if end == -1 else end
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def finditer_near(pattern: re.Pattern, text: str, anchors: Iterable[str], before: int, after: int) -> Iterator[re.Match]:
    """``pattern.finditer`` over the windows of :func:`anchor_windows` only."""
    for start, end in anchor_windows(text, anchors, before, after):
        yield from pattern.finditer(text, start, end)


# A blank line: what ends a paragraph.
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph after the first begins: after a blank line."""
    return [match.end() for match in PARAGRAPH_BREAK.finditer(text)]
