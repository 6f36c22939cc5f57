"""The clean stage: repair encoding, remove scraper debris, and lay text out as paragraphs.

``clean_article(article)`` returns ``{"text", "title", "body", "byline", "cleaning", "warnings"}`` where
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
from typing import Callable, Literal

import ftfy

# `uncurl_quotes=False`: ftfy's default straightens curly quotes, and curly quotes tell the quote
# stage where a quote opens and closes.
FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, unescape_html=False, explain=False)


Scope = Literal["line", "inline", "title", "tail", "repeat"]


@dataclass(frozen=True)
class DebrisRule:
    """A named pattern of scraper debris.

    ``scope`` says what the pattern is matched against: ``"line"`` drops a whole paragraph that
    matches (``fullmatch``, after hard-wrapped lines are re-joined, so a line of debris is a
    paragraph of its own), ``"inline"`` replaces each match inside the body and the title,
    ``"title"`` replaces each match inside the title only, ``"tail"`` strips repeated matches of a
    ``\\Z``-anchored pattern from the end of the body (one removal, however many units), and
    ``"repeat"`` drops a paragraph equal to an earlier one of the same body when the pattern
    fullmatches it. A match is replaced by ``replacement`` (a ``re`` template; empty: deleted).

    Every pattern runs in linear time on any input (``tests/test_robust_regex.py`` times each on
    adversarial strings): no two quantifiers may compete for the same characters unless one is
    possessive (``*+``, ``++``), and an ``inline`` pattern searched from every position has bounded
    repeats or an anchor (a lookbehind) that lets a run of characters start a match only once.
    """

    name: str
    scope: Scope
    pattern: re.Pattern[str]
    replacement: str = ""


def _rule(name: str, scope: Scope, pattern: str, replacement: str = "") -> DebrisRule:
    return DebrisRule(name, scope, re.compile(pattern, re.IGNORECASE), replacement)


# Seen in the bundled sample, in `us_political.jsonl` (FakeNewsNet scrapes), in Reuters-21578 and in
# the WARC sample; docs/cleaning.md lists what each rule removes there. Line rules must match the
# WHOLE line, so a sentence that merely mentions "Twitter" or "advertisement" is never touched.
# `(?-i:...)` marks the parts whose case is evidence (SHARES counters, REUTER trailers, tickers).
_SHARE_BUTTONS = r"share this story|share|facebook|twitter|google(?: plus)?|pinterest|email|reddit|stumbleupon|digg|linkedin|print|delicious|pocket|tumblr|whatsapp"
_PHOTO_AGENCIES = r"getty images|ap photo|ap|afp|reuters|epa|bloomberg"
# A photo credit inside a caption paragraph: "(Jane Roe/AP)", "… 2016. Jon Doe / AP", "| Ann Lee/AFP via
# Getty Images", "(Photo: Ann Lee, AFP/Getty Images)", a line "Ann Lee via Getty Images.". Names are
# capitalized (case-sensitive part).
_CREDIT_AGENCY = r"(?:AP(?: Photo)?|Associated Press|Getty(?: Images)?|Reuters|AFP|EPA|Bloomberg|NurPhoto|Sipa(?: USA)?|Shutterstock|Pool)"
_CREDIT_NAME = r"[A-Z][\w.'’&-]{0,30}(?: [A-Z][\w.'’&-]{0,30}){0,4}"
_CREDIT_TAIL = rf"{_CREDIT_AGENCY}(?: ?/ ?[A-Z][\w.'’-]{{0,30}}(?: [A-Z][\w.'’-]{{0,30}})?)?"
_CREDIT = rf"(?-i:(?:(?:Photo(?:graph)?|Image|Credit)s?: ?)?(?:{_CREDIT_NAME}(?:, | ?/ ?| via )){{1,4}}{_CREDIT_TAIL}\.?)"
_CREDIT_AFTER_BAR = rf"(?-i:(?:{_CREDIT_NAME}(?:, | ?/ ?| via )){{0,4}}{_CREDIT_TAIL})"
DEBRIS_RULES: tuple[DebrisRule, ...] = (
    _rule("image_size_suffix", "title", r"_(?:lowres|hires|highres|thumb|thumbnail|large|small)\s*$"),
    _rule("bracket_placeholder", "inline", r"\[(?:jump|content-\d+|ad|advertisement|embed|related|image|photo|video|caption)\] *"),
    _rule("advertisement", "line", r"(?:advertisement|advertisment|sponsored)(?:\s*[-–—:]\s*(?:story|article) continues below)?"),
    _rule("ad_placeholder", "line", r"your ads will be inserted here by.*|easy plugin for adsense\..*|paste your ad code(?: or)?"),
    _rule("story_continues", "line", r"(?:↓\s*)?(?:story|article) continued below|(?:↓\s*)?continue reading(?: below| the main story)?"),
    _rule("share_counter", "line", rf"[\d.,]++(?:\s*+k)?\s++(?-i:SHARES?)(?:\s*+(?:{_SHARE_BUTTONS}))*+"),
    _rule("share_counter", "inline", r"\b[\d.,]{1,12}(?:\s{0,3}k)?\s{1,3}(?-i:SHARES?\s{1,3}SHARE THIS STORY)\b *"),
    _rule("share_buttons", "line", rf"share (?:this|on)[^.!?]{{0,60}}?(?:facebook|twitter|email|linkedin|whatsapp)(?:\s*:\s*\w+)?|(?:{_SHARE_BUTTONS}|tweet)(?:\s+(?:{_SHARE_BUTTONS}|tweet))*"),
    _rule("share_prompt", "line", r"(?-i:Share|SHARE) (?:this|it|on|if)\b[^\n]{0,150}|like (?:us|our page) on facebook\W*"),
    _rule("tweet_link", "inline", r" ?(?:https?://t\.co/\w{10}|pic\.twitter\.com/\w{10})"),
    _rule("social_counts", "line", r"[\d,.]++\s*+(?:[\d,.]++\s*+)?retweets?\s++[\d,.]++\s*+(?:[\d,.]++\s*+)?likes?|\d{1,2}:\d{2}\s*[AP]M\s*-\s*\d{1,2}\s+\w{3}\s+\d{4}"),
    _rule("video_widget", "line", r"play video|modal trigger|close dialog|full ?screen|add to favorites|watch full screen to skip ads|watch the latest video at \S+|play\b.{1,200}\bfacebook twitter google plus embed|(?:like this: like )?loading\.\.\."),
    _rule("featured_image_credit", "line", r"(?:featured|header|top|feature) image\s*(?:via|by|credit|courtesy|from|:)\b.*|(?:featured|header|top|feature) image:.*"),
    _rule("image_credit", "line", r"(?:image caption|image copyright|photo credit|getty images|ap photo|reuters/[\w ]+)"),
    _rule("photo_credit", "line", rf"\(?(?:photo|image|picture)s? (?:by|via|courtesy of|credit)\s*+:?\s*+[^!?]{{1,80}}?\)?|(?:[^\s/]+ ){{0,5}}[^\s/]+ ?/ ?(?:[^/]{{1,40}}/ ?)?(?:{_PHOTO_AGENCIES})|[^.!?]{{1,80}}\bvia (?:ap photo|getty images)"),
    _rule("caption_credit", "inline", rf"(?<![ \t])[ \t]+\|[ \t]+{_CREDIT_AFTER_BAR}(?=\s|$)", "\n\n"),
    _rule("caption_credit", "inline", rf"(?<![ \t])[ \t]*\({_CREDIT}\)|(?-i:(?<=[a-z0-9][.!?])|(?<=[.!?][”\"’)]))[ \t]+{_CREDIT}[ \t]*(?=\n|$)"),
    _rule("caption_credit", "line", _CREDIT),
    _rule("share_widget", "line", r"(?:[^\n]{0,200}?\s)?(?-i:Facebook Twitter Google Plus Embed)|[^\n]{0,200}?[\d.,]+k? (?-i:SHARES(?: SHARE ON (?:FACEBOOK|TWITTER))+)"),
    _rule("posted_by", "line", r"(?:originally )?posted by [^.!?|]{1,40}?(?: on [\w ,]{1,20}|\s*\|.{0,80})?"),
    _rule("source_credit", "line", r"(?:h/t|hat tip)\b\s*:?.{0,60}|via\b\s*+:?\s*+[^\s:]++(?:\s[^\s:]++){0,3}|sources?\s*(?::|\().{1,80}"),
    _rule("empty_label", "line", r"(?:authors?|sources?|image|photo|video|watch|quote|more|tags|topics|filed under)\s*:?"),
    _rule("read_more", "line", r"(?:read more|related(?: stories| articles| coverage)?|learn more|trending(?: stories| now)?|don['’]t miss)(?:\s*+(?:about|:|here|»|>>|\.\.\.))*+|see also\s*:.*"),
    _rule("click_prompt", "line", r"click (?:here|to)\b.{0,100}"),
    _rule("follow_prompt", "line", r"follow(?: us)?(?: on (?:twitter|facebook|instagram))?(?: @\w+)?|comments?|sign up(?: now| here)?|sign up for .*newsletter.*|subscribe(?: now| here)?"),
    _rule("separator", "line", r"(?:[*_=\-~•·]\s*){3,}"),
    # A wall of 100+ marks, emoji or symbols is never news, and spaCy's tokenizer is quadratic in
    # such a run (it strips one prefix at a time): 4,096 quotation marks take 2.6 s, 100,000 hours.
    _rule("symbol_run", "inline", r"(?<![^\w\s])[^\w\s]{100,}"),
    _rule("reuters_trailer", "tail", r"(?:(?<=[.)\d\"])[ \t]++(?-i:REUTER|Reuter)|\n[ \t]*+(?:reuters?|more))(?:\s*+\^M|\.{3})*+\s*+\Z"),
    _rule("reuters_ticker", "inline", r"(?:(?<=\w) |(?m:^))(?-i:<[A-Z][A-Z0-9.]{0,9}(?: [A-Z]{1,2})?>)(?=[\s,.;:)\-]|$)"),
    _rule("reuters_company_brackets", "inline", r"(?-i:<([A-Z][^<>@]{0,80}?)>)", r"\1"),
    _rule("copyright_line", "line", r"(?:copyright\s*)?©.*|all rights reserved\.?"),
    # A source that repeats its body (or a paragraph of it) scrapes into the same text twice. Only
    # sentences of some length count: a table header, a heading or a caption ("Former United States
    # trade representative", under two people) may legitimately recur.
    _rule("repeated_paragraph", "repeat", r"(?s:.{39,}[.!?\"”’])"),
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
        "byline": byline_in_text(body),
        "cleaning": {"encoding": article.get("encoding", "utf-8"), "removed": {name: n for name, n in sorted(removed.items()) if n}},
        "warnings": warnings,
    }


# A byline at the top of a body: "By Jane Roe", "BY JANE ROE AND JOHN DOE", "By: Ann Lee, Associated
# Press", "By Ann Lee | Staff writer": names of two or three capitalized words, then nothing, a
# separator or a number (a date, a view count) and what follows it. Only the first lines are looked
# at, each at most BYLINE_LINE_CHARS long and not ending a sentence ("By 2025, 40% of homes …").
_BYLINE_NAME = r"[A-Z][\w'’.-]{0,30}(?:[ \t]+[A-Z][\w'’.-]{0,30}){1,2}"
BYLINE = re.compile(rf"(?i:by):?[ \t]+({_BYLINE_NAME}(?:(?:[ \t]*,[ \t]*|[ \t]+(?i:and|&)[ \t]+){_BYLINE_NAME}){{0,3}})"
                    r"(?:[ \t]*[,|·•—–-][^\n]*|[ \t]+\d[^\n]*)?")
BYLINE_LINES = 3
BYLINE_LINE_CHARS = 120


def byline_in_text(body: str) -> str | None:
    """The author(s) a "By NAME" line among the body's first ``BYLINE_LINES`` lines names, or None.
    The line stays in the text (offsets are unchanged)."""
    lines = [line.strip() for line in body[: BYLINE_LINES * (BYLINE_LINE_CHARS + 2)].split("\n") if line.strip()]
    for line in lines[:BYLINE_LINES]:
        if len(line) > BYLINE_LINE_CHARS or line.endswith((".", "!", "?")):
            continue
        found = BYLINE.fullmatch(line)
        if found:
            return " ".join(found.group(1).split())
    return None


def fix_characters(text: str) -> str:
    """Repair mojibake and HTML entities, normalise line ends, drop control and zero-width characters."""
    text = ftfy.fix_text(text, config=FTFY_CONFIG)
    text = html.unescape(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\t", "    ").replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return CONTROL_CHARS.sub("", text)


CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]")


def clean_title(title: str, rules: tuple[DebrisRule, ...], removed: Counter[str]) -> str:
    """Clean a title: fix characters, apply the title and inline rules, collapse whitespace to one line."""
    title = fix_characters(title)
    for rule in rules:
        if rule.scope in ("title", "inline"):
            title, count = rule.pattern.subn(rule.replacement, title)
            removed[rule.name] += count
    return " ".join(title.split())


def clean_body(text: str, rules: tuple[DebrisRule, ...], removed: Counter[str]) -> str:
    """Clean a body: fix characters, re-join hard-wrapped lines into paragraphs, remove debris."""
    paragraphs, debris = remove_debris(fix_characters(text), rules)
    removed.update(rule.name for rule, _ in debris)
    return "\n\n".join(paragraphs)


def remove_debris(text: str, rules: tuple[DebrisRule, ...]) -> tuple[list[str], list[tuple[DebrisRule, str]]]:
    """Split a body into paragraphs without debris; return them and each (rule, removed text) pair.

    Inline and tail rules run on the text; line rules then match whole paragraphs, after
    hard-wrapped lines are re-joined, so the tail of a wrapped sentence ("share on sales of 40 mln
    dlrs.") is never mistaken for a line of debris; repeat rules drop a paragraph seen before.
    """
    debris: list[tuple[DebrisRule, str]] = []

    def note_and_replace(rule: DebrisRule) -> Callable[[re.Match], str]:
        def replace(match: re.Match) -> str:
            debris.append((rule, match.group()))
            return match.expand(rule.replacement)

        return replace

    for rule in rules:
        if rule.scope == "inline":
            text = rule.pattern.sub(note_and_replace(rule), text)
        elif rule.scope == "tail":
            end = tail_start(rule.pattern, text)
            if end < len(text):
                debris.append((rule, text[end:]))
                text = text[:end]
    line_rules = [rule for rule in rules if rule.scope == "line"]
    repeat_rules = [rule for rule in rules if rule.scope == "repeat"]
    paragraphs: list[str] = []
    seen: set[str] = set()
    for block in BLANK_LINE.split(text):
        for paragraph in paragraphs_of_block(block):
            matched = next((rule for rule in line_rules if rule.pattern.fullmatch(paragraph)), None)
            if matched is None and paragraph in seen:
                matched = next((rule for rule in repeat_rules if rule.pattern.fullmatch(paragraph)), None)
            if matched:
                debris.append((matched, paragraph))
            else:
                paragraphs.append(paragraph)
                seen.add(paragraph)
    return paragraphs, debris


BLANK_LINE = re.compile(r"\n\s*\n")
# How far from the end a ``tail`` unit may start: a Reuters sign-off is a few characters long, and
# a bounded window keeps stripping n units linear (an unanchored ``\Z`` search would scan the text).
TAIL_WINDOW = 200


def tail_start(pattern: re.Pattern[str], text: str) -> int:
    """Where the run of ``pattern`` units at the end of ``text`` starts (``len(text)``: none)."""
    end = len(text)
    while end and (match := pattern.search(text, max(0, end - TAIL_WINDOW), end)) and match.start() < end:
        end = match.start()
    return end


TERMINAL = re.compile(r"[.!?:;\"'”’)\]]$")
# Hard-wrapped text (newswire, e-mail, plain-text archives) is cut at a fixed width; a block whose
# longest line is outside this range is not wrapped text but one paragraph (or heading) per line.
WRAP_WIDTHS = range(40, 101)
# In wrapped text every line but a paragraph's last is nearly as long as the wrap width.
FULL_LINE_SHARE = 0.6
# Newswire indents each paragraph (Reuters: 4 spaces; a tab counts as 4); scraped HTML often
# leaves a single stray space, which is not a paragraph mark.
INDENT = re.compile(r" {2,}")
# A table row (columns aligned with runs of spaces) stays a line of its own; a list item starts one.
TABLE_ROW = re.compile(r"\S {3,}\S")
LIST_ITEM = re.compile(r"\s*(?:[-–—•*·]|\d{1,2}[.)])\s")


def paragraphs_of_block(block: str) -> list[str]:
    """Split a block of consecutive lines into paragraphs, re-joining hard-wrapped lines.

    Lines are kept apart (scrapers often write one paragraph per line) unless the block is
    wrapped text. In wrapped newswire, where an indented line starts each paragraph, every other
    line continues the paragraph above it; in other wrapped text a line that does not end a
    sentence is joined to the next one when it fills the wrap width (and is not a headline) or
    when the next line starts in lower case. Table rows and list items are never joined.
    """
    lines = [line.rstrip() for line in block.split("\n") if line.strip()]
    if not lines:
        return []
    stripped = [line.lstrip() for line in lines]
    table_rows = [TABLE_ROW.search(line) is not None for line in stripped]
    width = max(len(line) for line in stripped)
    wrapped = len(lines) > 1 and width in WRAP_WIDTHS
    newswire = any(INDENT.match(line) for line in lines[1:])
    paragraphs = [[stripped[0]]]  # lists of lines, joined at the end: growing a string is quadratic
    for i in range(1, len(lines)):
        line, previous = lines[i], stripped[i - 1]
        if not wrapped or INDENT.match(line) or LIST_ITEM.match(line) or table_rows[i - 1] or table_rows[i]:
            joins = False
        elif newswire:
            joins = True
        elif TERMINAL.search(previous):
            joins = False
        else:
            joins = stripped[i][:1].islower() or (len(previous) >= FULL_LINE_SHARE * width and not looks_like_title(previous))
        if joins:
            paragraphs[-1].append(stripped[i])
        else:
            paragraphs.append([stripped[i]])
    return [" ".join(" ".join(p).split()) for p in paragraphs]


def looks_like_title(line: str) -> bool:
    """True for a headline-style line: most of its longer words are capitalised."""
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) * 3 >= len(words) * 2
