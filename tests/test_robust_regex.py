"""Every regular expression applied to input text runs in linear time.

Each rule is timed, the way the pipeline applies it, on adversarial strings of growing length: a
prefix that gets the pattern going, a "pump" repeated n and 8n times, and a suffix that makes it
fail late. A linear pattern takes about 8× as long on the longer string, a quadratic one about 64×,
a backtracking one far more. On a shared, noisy machine wall time means little (a long run is
preempted, a short one is not), so each string is timed in this thread's CPU time, best of
several, a suspicious ratio is timed again before it counts, and very short timings are not judged. The old rules failed this test: a 60-byte
``read more : : : …`` line, ``via aaaa…``, ``\\nmore`` repeated, ``1,1,1,…``.
"""

from __future__ import annotations

import gc
import re
import time
from typing import Callable

import pytest
import spacy

from pipeline.clean import BYLINE, CONTROL_CHARS, DEBRIS_RULES, byline_in_text, INDENT, LIST_ITEM, TABLE_ROW, TERMINAL, fix_characters, remove_debris, tail_start
from pipeline.extract import claims, laws, money, names, quote_marks, quotes, speakers, textscan

# A blank English pipeline that only cuts sentences (the quote stage's candidates are chosen per sentence).
SENTENCIZED = spacy.blank("en")
SENTENCIZED.add_pipe("sentencizer")
CUE_FORMS = quotes.load_cues()

SMALL = 200  # pump repetitions; the long string has 8× as many
GROWTH = 8
# A linear pattern grows ≈ 8×, a quadratic one ≈ 64×: 24× leaves room for noise and still fails n².
MAX_RATIO = 24.0
# Below this (seconds, on the long string) a timing is noise, not a trend.
FLOOR = 0.004

PUMPS = [" ", "a", "A ", "1", "1,", "1 ", ": ", "\n", " \n", "<A", "* ", ". ", "...", "a/", "(", "»", "\"", "“", "’", "-",
         "$1 ", "8 U.S.C. ", "§ ", "said ", "\nmore", " Reuter", "^M", "share ", "😀", '"a" ']
SUFFIXES = ["", "!", "."]


def best_time(apply: Callable[[str], object], text: str, repeats: int = 3) -> float:
    """The best of ``repeats`` CPU timings of ``apply(text)``, with the garbage collector off: a full
    collection walks every object the test session holds (the loaded pipelines among them), so one
    landing in the long run's timing would measure the heap, not the rule."""
    best = float("inf")
    gc.disable()
    try:
        for _ in range(repeats):
            start = time.thread_time()
            apply(text)
            best = min(best, time.thread_time() - start)
    finally:
        gc.enable()
    return best


def super_linear_cases(apply: Callable[[str], object], prefixes: list[str], pumps: list[str] = PUMPS) -> list[str]:
    """The adversarial strings on which ``apply`` grows faster than linearly (re-timed before they count)."""
    slow = []
    for prefix in prefixes:
        for pump in pumps:
            for suffix in SUFFIXES:
                make = lambda n: prefix + pump * n + suffix  # noqa: E731
                small, large = best_time(apply, make(SMALL), 1), best_time(apply, make(SMALL * GROWTH), 1)
                if large < FLOOR or large < MAX_RATIO * small:
                    continue
                small, large = best_time(apply, make(SMALL), 5), best_time(apply, make(SMALL * GROWTH), 5)
                if large >= FLOOR and large >= MAX_RATIO * small:
                    slow.append(f"{prefix!r} + {pump!r} × n + {suffix!r}: {small * 1e3:.2f} ms → {large * 1e3:.2f} ms")
    return slow


def applier(rule) -> Callable[[str], object]:
    """How the clean stage applies a rule of each scope."""
    if rule.scope in ("line", "repeat"):
        return rule.pattern.fullmatch
    if rule.scope == "tail":
        return lambda text: tail_start(rule.pattern, text)
    return lambda text: rule.pattern.sub(rule.replacement, text)


# Words that get each rule going, so the pumps reach the pattern's inner loops.
RULE_PREFIXES = {
    "share_counter": ["9 ", "1.2k SHARES "], "share_buttons": ["share this ", "facebook "], "share_prompt": ["Share this "],
    "social_counts": ["1 retweets ", "9:35 PM - "], "video_widget": ["play "], "featured_image_credit": ["featured image "],
    "photo_credit": ["photo by ", "a / "], "posted_by": ["posted by "], "source_credit": ["via ", "h/t ", "source "],
    "read_more": ["read more", "related "], "click_prompt": ["click here "], "follow_prompt": ["follow us "],
    "reuters_trailer": ["said.", "x. REUTER"], "reuters_ticker": ["Inc <"], "reuters_company_brackets": ["<A"],
    "copyright_line": ["©"], "bracket_placeholder": ["[content-"], "symbol_run": ["a"],
}


@pytest.mark.parametrize("index", range(len(DEBRIS_RULES)), ids=[f"{r.name}-{r.scope}" for r in DEBRIS_RULES])
def test_cleaning_rule_is_linear(index):
    rule = DEBRIS_RULES[index]
    assert super_linear_cases(applier(rule), ["", *RULE_PREFIXES.get(rule.name, [])]) == []


@pytest.mark.parametrize("name", ["remove_debris", "fix_characters", "control_chars", "terminal", "indent", "table_row", "list_item"])
def test_cleaning_steps_are_linear(name):
    apply = {
        "remove_debris": lambda text: remove_debris(text, DEBRIS_RULES),
        "fix_characters": fix_characters,
        "control_chars": lambda text: CONTROL_CHARS.sub("", text),
        "terminal": TERMINAL.search,
        "indent": INDENT.match,
        "table_row": TABLE_ROW.search,
        "list_item": LIST_ITEM.match,
    }[name]
    assert super_linear_cases(apply, [""]) == []


@pytest.mark.parametrize("name", ["BYLINE", "byline_in_text"])
def test_byline_scan_is_linear(name):
    apply = {"BYLINE": BYLINE.fullmatch, "byline_in_text": byline_in_text}[name]
    assert super_linear_cases(apply, ["", "By ", "By Ann Lee", "By Ann Lee, ", "By Ann Lee and Kim "]) == []


def finditer_all(pattern: re.Pattern) -> Callable[[str], object]:
    """The harshest way to apply a pattern: searched from every position of the whole text (as
    :func:`textscan.finditer_near` does when anchors are everywhere, say ``8 U.S.C. `` × 100,000)."""
    return lambda text: sum(1 for _ in pattern.finditer(text))


def near_anchors(rule: laws.LawRule) -> Callable[[str], object]:
    """A statute rule's pattern as :func:`laws.find_laws` applies it: only in windows around its anchor words."""
    return lambda text: sum(1 for _ in textscan.finditer_near(rule.pattern, text, rule.anchors, rule.before, rule.after))


def word_entities(text: str) -> list[dict]:
    """Every word of ``text`` as an entity item (as many entities as an article can hold)."""
    return [{"start": m.start(), "end": m.end()} for m in re.finditer(r"\w+", text)]


def word_people(text: str) -> list[dict]:
    """Every capitalized word of ``text`` as a PERSON item (as many people as an article can name)."""
    return [{"start": m.start(), "end": m.end(), "label": "PERSON", "text": m.group()} for m in re.finditer(r"[A-Z]\w*", text)]


def word_subjects(text: str) -> list[quotes.NounPhrase]:
    """Every word of ``text`` as a singular subject (none a plural "they" can take: the scan goes on)."""
    return [quotes.NounPhrase(m.start(), m.end()) for m in re.finditer(r"\w+", text)]


def marked_stretches(text: str) -> quote_marks.MarkedStretches:
    return quote_marks.MarkedStretches(quote_marks.quoted_spans(text))


def quote_scan(scan: Callable) -> Callable[[str], object]:
    """A scan of :mod:`pipeline.extract.quotes` over marked stretches, as ``extract_quotes`` runs it: one
    direct quote per marked stretch of the text, attributed just before it."""
    def apply(text: str) -> object:
        marked = marked_stretches(text)
        found = [quotes.Quote(pieces=[(m.start, m.end)], cue=(m.start, m.start), cue_kind=quotes.SPEECH,
                              speaker=(m.start, m.start), type="direct") for m in marked]
        return scan(text, found, marked, set())
    return apply


def cue_scan(scan: Callable) -> Callable[[str], object]:
    """A scan of :mod:`pipeline.extract.quotes` over cues without content: one at every marked stretch's
    opening mark, as many as the text has marks."""
    def apply(text: str) -> object:
        marked = marked_stretches(text)
        found = [quotes.Quote(pieces=[], cue=(m.start, m.start), cue_kind=quotes.SPEECH,
                              speaker=(m.start, m.start), type="direct") for m in marked]
        return scan(text, found, marked, set())
    return apply


def colon_scan(scan: Callable) -> Callable[[str], object]:
    """A scan of :mod:`pipeline.extract.quotes` over cues without content: one right before every colon
    of the text (each may introduce the paragraph after it)."""
    def apply(text: str) -> object:
        found = [quotes.Quote(pieces=[], cue=(m.start(), m.start()), cue_kind=quotes.SPEECH,
                              speaker=(m.start(), m.start())) for m in re.finditer(":", text)]
        return scan(text, found, marked_stretches(text), set())
    return apply


def seeming_scan(text: str) -> object:
    """:func:`quotes.without_nested_seeming` with, for every word of ``text``, a quote with a speaker
    whose content runs from that word to the end (all nested) and a raising verb's clause at it."""
    count = len(text.split())
    body = "seems " * count
    found = [q for i in range(count) for q in (
        quotes.Quote(pieces=[(6 * i, len(body))], cue=(6 * i, 6 * i + 5), cue_kind=quotes.SPEECH, speaker=(6 * i, 6 * i + 5)),
        quotes.Quote(pieces=[(6 * i, 6 * i + 5)], cue=(6 * i, 6 * i + 5), cue_kind=quotes.BELIEF, speaker=None))]
    return quotes.without_nested_seeming(found, body)


def speaker_scan(text: str) -> object:
    """Every speaker of an article resolved, as :func:`quotes.quote_items` does: each word of ``text``
    the speaker of the one-character quote after it, every capitalized word a person (a name and a
    "she" said thousands of times each)."""
    found = [quotes.Quote(pieces=[(m.end(), m.end() + 1)], cue=(m.start(), m.start()), cue_kind=quotes.SPEECH,
                          speaker=m.span()) for m in re.finditer(r"\w+", text)]
    people = [dict(item, id=f"e{number}") for number, item in enumerate(word_people(text))]
    return quotes.quote_items(text, found, people, marked_stretches(text))


BLANK_ENGLISH = None


def claim_scan(text: str) -> object:
    """The claims of an article in which every sentence is flagged, every word is an entity (numbers
    dates, the rest people) and every sentence is a quote opened by its speaker; each "#" becomes a
    new number, so that no two sentences repeat each other."""
    global BLANK_ENGLISH
    import numpy as np
    import spacy

    if BLANK_ENGLISH is None:
        BLANK_ENGLISH = spacy.blank("en")
        BLANK_ENGLISH.add_pipe("sentencizer")
    numbers = iter(range(10**9))
    text = re.sub("#", lambda _: str(next(numbers)), text)
    doc = BLANK_ENGLISH(text)
    doc._.newslens_entities = [{"id": f"e{n}", "start": m.start(), "end": m.end(), "label": "DATE" if m.group().isdigit() else "PERSON"}
                               for n, m in enumerate(re.finditer(r"\w+", text))]
    doc._.newslens_quotes = [{"id": f"q{n}", "start": s.start_char, "end": s.end_char, "spans": [[s.start_char, s.end_char]],
                              "speaker": s[0].text, "speaker_start": s.start_char, "speaker_canonical": None}
                             for n, s in enumerate(doc.sents)]
    units = claims.scored_units(doc, text)
    return claims.claims_of(doc, text, units, np.ones(len(units)), 0.5)


EXTRACT_PATTERNS = {
    **{f"laws.{rule.name}": (near_anchors(rule), ["", "Title 8 of the ", "Section 1", "H.R. "]) for rule in laws.RULES},
    "laws.find_laws": (laws.find_laws, ["", "A Act "]),
    "money.MONEY_PATTERN": (finditer_all(money.MONEY_PATTERN), ["", "$", "US$ ", "1 "]),
    "money.find_money": (money.find_money, ["", "$"]),
    "claims.PARAGRAPH_BREAK": (finditer_all(claims.PARAGRAPH_BREAK), [""]),
    "claims.WORD": (claims.WORD.findall, [""]),
    "claims.QUESTION_END": (claims.QUESTION_END.search, ["?"]),
    "claims.TURN_LABEL": (finditer_all(claims.TURN_LABEL), ["", "A", "A ", "A A A ", "A:", "\nA "]),
    "claims.is_transcript": (claims.is_transcript, ["", "A: b\n", "A A A "]),
    "claims.STATUTE_PATTERN": (claims.STATUTE_PATTERN.search, [""]),
    "quote_marks.MARK_PATTERN": (finditer_all(quote_marks.MARK_PATTERN), [""]),
    "quote_marks.quoted_spans": (quote_marks.quoted_spans, ["", "He said "]),
    "quotes.narration_entities": (lambda text: quotes.narration_entities(word_entities(text), marked_stretches(text)), ["", "He said "]),
    "quotes.LABEL_PATTERN": (quotes.LABEL_PATTERN.match, ["", "Smith"]),
    "quotes.CONTINUATION_GAP": (quotes.CONTINUATION_GAP.fullmatch, [""]),
    "quotes.INTRODUCED_QUOTE": (quotes.INTRODUCED_QUOTE.search, [":"]),
    "quotes.ATTRIBUTION_GAP": (quotes.ATTRIBUTION_GAP.fullmatch, [""]),
    "quotes.DASH_PATTERN": (quotes.DASH_PATTERN.match, [""]),
    "quotes.DASH_NAME": (quotes.DASH_NAME.match, ["", "John "]),
    "speakers.COORDINATION_GAP": (speakers.COORDINATION_GAP.fullmatch, ["", "Ann"]),
    "speakers.people_named_together": (lambda text: speakers.people_named_together(text, word_people(text)), ["", "Ann and "]),
    "speakers.SENTENCE_END": (finditer_all(speakers.SENTENCE_END), ["", "a."]),
    "speakers.UNNAMED_PERSON": (finditer_all(speakers.UNNAMED_PERSON), ["", "One ", ". A "]),
    "speakers.SEVERAL_NAMES": (speakers.SEVERAL_NAMES.search, ["", "an", "Ann "]),
    "speakers.DATELINE": (speakers.DATELINE.match, ["", "A", "AB -"]),
    "quotes.unnamed_antecedent": (lambda text: quotes.unnamed_antecedent(text, "they", len(text), word_subjects(text), []),
                                  ["", "a "]),
    "speakers.resolve_pronoun": (lambda text: speakers.resolve_pronoun("she", len(text), speakers.Narration(text, word_people(text)), []),
                                 ["", "Ann ", ". One "]),
    "quotes.opening_pieces": (quote_scan(quotes.opening_pieces), ["", "“a,” "]),
    "quotes.continuation_quotes": (quote_scan(quotes.continuation_quotes), ["", "“a.” "]),
    "quotes.adjacent_quotes": (cue_scan(quotes.adjacent_quotes), ["", "“a” x "]),
    "quotes.without_nested_seeming": (seeming_scan, [""]),
    "quotes.INTRODUCING_COLON": (quotes.INTRODUCING_COLON.match, ["", "a"]),
    "quotes.follows_closing_mark": (lambda text: quotes.follows_closing_mark(text, len(text)), ["", "“a”"]),
    "quotes.introduced_paragraphs": (colon_scan(quotes.introduced_paragraphs), ["", "He added:\n\n", "a:\n“"]),
    "names.REORDERED_ORG": (names.REORDERED_ORG.match, ["Department of "]),
    "names.HEAD_LAST_ORG": (names.HEAD_LAST_ORG.match, [""]),
    "names.POSSESSIVE": (lambda text: names.POSSESSIVE.sub("", text), [""]),
    "names.ACRONYM_DEFINITION": (names.ACRONYM_DEFINITION.match, ["("]),
    "names.NAME_WORD": (names.NAME_WORD.fullmatch, ["", "O'", "Kilroy-"]),
    "names.placed_words": (names.placed_words, ["", "in ", "in A"]),
    # one cluster whose member names are the text's words: a name said thousands of times
    "names.cluster_aliases": (lambda text: names.cluster_aliases({"c": ("PERSON", text.split())}, lambda word: False), [""]),
    "money.PER_CENT": (money.PER_CENT.search, ["", "1.5 "]),
    "textscan.anchor_windows": (lambda text: textscan.anchor_windows(text, ["$", "U.S.C.", "said"], 60, 70), [""]),
}


@pytest.mark.parametrize("name", sorted(EXTRACT_PATTERNS))
def test_extract_pattern_is_linear(name):
    apply, prefixes = EXTRACT_PATTERNS[name]
    assert super_linear_cases(apply, prefixes) == []


def test_speakers_are_resolved_in_linear_time():
    """Resolving every speaker of an article is linear in its length when names, pronouns and roles
    come thousands of times (each "she" was once compared with every person named before it)."""
    assert super_linear_cases(speaker_scan, ["", "As "], ["Ann she ", "A ", "Ann, the mayor "]) == []


def test_they_speakers_are_resolved_in_linear_time():
    """Resolving "they" speakers is linear in the article's length when families ("the Anns") and
    people named together in an opening clause ("As Ann and Bo …, they") come thousands of times."""
    assert super_linear_cases(speaker_scan, ["", "Ann "], ["the Anns they ", "As Ann and Bo they "]) == []


def namesake_scan(text: str) -> object:
    """Every speaker of an article resolved (as :func:`speaker_scan`) when each "Smith" is a bare surname
    the entity stage filed under another woman named in full ("Ann 1 Smith", "Ann 2 Smith", …), so every
    "he" looks for the namesake who agrees among thousands of people of that surname."""
    found = [quotes.Quote(pieces=[(m.end(), m.end() + 1)], cue=(m.start(), m.start()), cue_kind=quotes.SPEECH,
                          speaker=m.span()) for m in re.finditer(r"\w+", text)]
    people = [{"id": f"e{n}", "start": m.start(), "end": m.end(), "label": "PERSON", "text": m.group(),
               "canonical": f"Ann {n} Smith"} for n, m in enumerate(re.finditer(r"Smith", text))]
    return quotes.quote_items(text, found, people, marked_stretches(text))


def test_namesakes_are_looked_up_in_linear_time():
    """A bare surname's namesakes are looked up in bounded time however many people of that surname an
    article names in full."""
    assert super_linear_cases(namesake_scan, [""], ["Smith he "]) == []


def surname_links(text: str) -> object:
    """The entity stage's name linking when each word of ``text`` from "Ann" on is a person's name: full names
    ("Ann Smith", "Ann B Smith") and bare surnames ("Smith") thousands of times in one article."""
    mentions = [names.Mention(m.start(), "PERSON", m.group()) for m in re.finditer(r"(?:Ann (?:B )?)?Smith", text)]
    return names.link_mentions(mentions)


def test_surnames_are_linked_in_linear_time():
    """Each bare surname or three-word name finds its nearest full name by binary search, not by a scan of
    every full name in the article."""
    assert super_linear_cases(surname_links, [""], ["Ann Smith Smith ", "Ann Smith Ann B Smith "]) == []


def surname_links_across_paragraphs(text: str) -> object:
    """:func:`surname_links` with a paragraph break wherever the text has one, so that bare surnames weigh
    how often each namesake is named."""
    mentions = [names.Mention(m.start(), "PERSON", m.group()) for m in re.finditer(r"(?:(?:Ann|Bob) )?Smith", text)]
    return names.link_mentions(mentions, paragraph_starts=textscan.paragraph_starts(text))


def test_surnames_far_from_their_namesakes_are_linked_in_linear_time():
    """How often each namesake is named is counted once per surname, not once per bare surname."""
    assert super_linear_cases(surname_links_across_paragraphs, [""], ["Ann Smith Bob Smith\n\nSmith\n\n"]) == []


def test_claims_are_built_in_linear_time():
    """Building the claims of an article is linear in its length when it holds thousands of distinct
    check-worthy sentences, entities and quotes, or one bracket left open over thousands of sentences
    (each claim was once compared with every entity, quote and earlier claim of the article: 22 s for
    1,600 sentences, 32× the time of 200)."""
    assert super_linear_cases(claim_scan, ["", "Ann said ("], ["Ann # said # rose by # in #. ", "and # more. ", "( a. "]) == []


def candidate_scan(text: str) -> object:
    """The quote stage's choice of sentences to parse, on sentences a sentencizer cuts: every closing mark is
    looked at for an attribution after it, and every sentence after a question's quotation is joined back."""
    doc = SENTENCIZED(text)
    return quotes.candidate_sentences(doc, CUE_FORMS, marked_stretches(text))


def test_candidate_sentences_are_found_in_linear_time():
    """Attributions after quotations thousands of times ("“…?” Ann pressed.", each joined to the sentence before),
    or quotation ends with nothing after them, keep the choice linear."""
    pumps = ["“a?” Ann pressed. ", "“a,” Ann fumed on Tuesday ", "“a?” ", "?” ", "“b c d,” ", "'''a "]
    assert super_linear_cases(candidate_scan, ["", "“"], pumps) == []


def test_three_apostrophes_are_read_in_linear_time():
    assert super_linear_cases(finditer_all(quote_marks.MARK_PATTERN), ["", "a"], ["'", "''", "'''", " '''", ",'''"]) == []
