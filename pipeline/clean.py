"""The clean stage: repair encoding, remove scraper debris, and lay text out as paragraphs.

``clean_article(article)`` returns ``{"text", "title", "body", "cleaning", "warnings"}`` where
``text`` is the cleaned title, a blank line, then the cleaned body (paragraphs separated by one
blank line). Every offset in a record indexes this ``text``. Quotation marks are kept as they are
(curly or straight): the quote stage reads them as evidence.

Scraper debris is removed by the named rules in :data:`DEBRIS_RULES`, the one place they live;
the record counts what each rule removed in ``meta.cleaning.removed``.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

import ftfy

# `uncurl_quotes=False`: ftfy's default straightens curly quotes, and curly quotes tell the quote
# stage where a quote opens and closes.
FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, unescape_html=False, explain=False)


@dataclass(frozen=True)
class DebrisRule:
    """A named pattern of scraper debris.

    ``scope`` says what the pattern is matched against: ``"line"`` drops a whole line that matches
    (``fullmatch`` on the stripped line), ``"inline"`` deletes each match inside the text, and
    ``"title"`` deletes each match inside the title.
    """

    name: str
    scope: Literal["line", "inline", "title"]
    pattern: re.Pattern[str]


def _rule(name: str, scope: Literal["line", "inline", "title"], pattern: str) -> DebrisRule:
    return DebrisRule(name, scope, re.compile(pattern, re.IGNORECASE))


# Seen in the bundled sample, in `us_political.jsonl` (FakeNewsNet scrapes) and in Reuters-21578.
DEBRIS_RULES: tuple[DebrisRule, ...] = (
    _rule("image_size_suffix", "title", r"_(?:lowres|hires|highres|thumb|thumbnail|large|small)\s*$"),
    _rule("bracket_placeholder", "inline", r"\[(?:jump|content-\d+|ad|advertisement|embed|related|image|photo|video|caption)\]\s*"),
    _rule("advertisement", "line", r"(?:advertisement|advertisment|sponsored)(?:\s*[-–—:]\s*(?:story|article) continues below)?"),
    _rule("story_continues", "line", r"(?:↓\s*)?(?:story|article) continued below|(?:↓\s*)?continue reading(?: below| the main story)?"),
    _rule("share_counter", "line", r"[\d.,]+\s*k?\s+shares?(?:\s+(?:share this story|facebook|twitter|pinterest|email))*"),
    _rule("share_counter", "inline", r"\b[\d.,]+\s*k?\s+SHARES?\s+SHARE THIS STORY\b\s*"),
    _rule("share_buttons", "line", r"share (?:this|on)[^.!?]{0,60}?(?:facebook|twitter|email|linkedin|whatsapp)(?:\s*:\s*\w+)?|(?:facebook|twitter|pinterest|email|whatsapp|linkedin|share|tweet)(?:\s+(?:facebook|twitter|pinterest|email|whatsapp|linkedin|share|tweet))*"),
    _rule("featured_image_credit", "line", r"(?:featured|header|top|feature) image (?:via|by|credit|courtesy)\b.*"),
    _rule("image_credit", "line", r"(?:image caption|image copyright|photo credit|getty images|ap photo|reuters/[\w ]+)"),
    _rule("read_more", "line", r"(?:read more|related|learn more|click here)(?:\s*(?:about|:|here|»|>>|\.\.\.)\s*)*:?"),
    _rule("follow_prompt", "line", r"follow(?: us)?(?: on (?:twitter|facebook|instagram))?(?: @\w+)?|comments?|sign up for .*newsletter.*|subscribe(?: now| here)?"),
    _rule("social_counts", "line", r"(?:[\d,.]+\s*){1,2}retweets?\s+(?:[\d,.]+\s*){1,2}likes?|\d{1,2}:\d{2}\s*[AP]M\s*-\s*\d{1,2}\s+\w{3}\s+\d{4}"),
    _rule("separator", "line", r"(?:[*_=\-~•·]\s*){3,}"),
    _rule("reuters_trailer", "line", r"reuter"),
    _rule("reuters_ticker", "inline", r"(?<=\w) <[A-Z][A-Z0-9.]{0,9}>(?=[\s,.;)])"),
    _rule("copyright_line", "line", r"(?:copyright\s*)?©.*|all rights reserved\.?"),
)


def clean_article(article: dict, rules: tuple[DebrisRule, ...] = DEBRIS_RULES) -> dict:
    """Clean an article's title and text into the record's ``text`` and report what changed."""
    removed: Counter[str] = Counter()
    title = clean_title(article.get("title") or "", rules, removed)
    body = clean_body(article["text"], rules, removed)
    text = f"{title}\n\n{body}" if title and body else (title or body)
    warnings = []
    if article.get("encoding") == "cp1252":
        warnings.append("input was not valid UTF-8; it was decoded as cp1252")
    if not body:
        warnings.append("the body is empty after cleaning")
    return {
        "text": text,
        "title": title or None,
        "body": body,
        "cleaning": {"encoding": article.get("encoding", "utf-8"), "removed": {name: n for name, n in sorted(removed.items()) if n}},
        "warnings": warnings,
    }


def fix_characters(text: str) -> str:
    """Repair mojibake and HTML entities, normalise line ends, drop control and zero-width characters."""
    text = ftfy.fix_text(text, config=FTFY_CONFIG)
    text = html.unescape(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\t", " ").replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return CONTROL_CHARS.sub("", text)


CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]")


def clean_title(title: str, rules: tuple[DebrisRule, ...], removed: Counter[str]) -> str:
    """Clean a title: fix characters, apply the title rules, collapse whitespace to one line."""
    title = fix_characters(title)
    for rule in rules:
        if rule.scope in ("title", "inline"):
            title, count = rule.pattern.subn("", title)
            removed[rule.name] += count
    return " ".join(title.split())


def clean_body(text: str, rules: tuple[DebrisRule, ...], removed: Counter[str]) -> str:
    """Clean a body: fix characters, remove debris, and re-join hard-wrapped lines into paragraphs."""
    text = fix_characters(text)
    for rule in rules:
        if rule.scope == "inline":
            text, count = rule.pattern.subn("", text)
            removed[rule.name] += count
    line_rules = [rule for rule in rules if rule.scope == "line"]
    kept: list[str] = []
    for line in text.split("\n"):
        matched = next((rule for rule in line_rules if line.strip() and rule.pattern.fullmatch(line.strip())), None)
        if matched:
            removed[matched.name] += 1
            kept.append("")  # a removed line still separates what was around it
        else:
            kept.append(line.rstrip())
    blocks = re.split(r"\n\s*\n", "\n".join(kept))
    paragraphs = [p for block in blocks for p in paragraphs_of_block(block)]
    return "\n\n".join(paragraphs)


TERMINAL = re.compile(r"[.!?:;\"'”’)\]]$")


def paragraphs_of_block(block: str) -> list[str]:
    """Split a block of consecutive lines into paragraphs, re-joining hard-wrapped lines.

    Indented lines start a new paragraph (newswire style). Otherwise a block whose lines mostly
    stop mid-sentence is wrapped text and becomes one paragraph; any other block has one
    paragraph per line (scrapers often write each paragraph on its own line).
    """
    lines = [line for line in block.split("\n") if line.strip()]
    if not lines:
        return []
    if len(lines) == 1:
        return [" ".join(lines[0].split())]
    if any(line[:1].isspace() for line in lines[1:]):
        groups: list[list[str]] = []
        for line in lines:
            if line[:1].isspace() or not groups:
                groups.append([line])
            else:
                groups[-1].append(line)
        return [" ".join(" ".join(group).split()) for group in groups]
    open_ended = sum(1 for line in lines[:-1] if not TERMINAL.search(line.strip()))
    if open_ended * 2 >= len(lines) - 1:
        return [" ".join(" ".join(lines).split())]
    return [" ".join(line.split()) for line in lines]
