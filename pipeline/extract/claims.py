"""The ``newslens_claims`` component: the sentences worth checking, with their kind and claimant.

Each item of ``doc._.newslens_claims`` is
``{"id", "text", "start", "end", "score", "rank", "kinds", "claimant", "claimant_canonical",
"quote_id", "entity_ids"}`` with character offsets into ``doc.text``, sorted by start; ``rank`` 1
is the article's most check-worthy claim (highest score; the earlier one on a tie), and a
sentence repeated nearly word for word (syndicated copy) is a claim once, where it first occurs.

1. The article is cut into sentence units: the headline (the text before the first blank line) is
   one unit, and the model's sentences are split again at paragraph breaks. A **transcript** — most
   lines open with a speaker label, ``TRUMP: …``, ``Lester Holt: …`` (:func:`is_transcript`) — has
   no headline: its sentences are split at every line break and leave the speaker label out.
2. Every unit that can assert something (four words or more, not a question) is scored by the
   check-worthiness model (:mod:`pipeline.claims`: the accurate cascade by default, whose encoder
   also sees every headline and each article's best units, or the fast sparse model), all the
   units of a batch of articles at once; those scoring at least the threshold are claims. A
   transcript's units are scored by the model's arm for sentences without an article (its card's
   ``transcript_model``: for the default, the encoder fine-tuned on debate transcripts), at that
   arm's threshold.
3. ``kinds`` come from the entity items inside the claim and small lexical rules on its tokens
   (the main pass has no tags or parse): ``numeric``, ``legal``, ``causal``, ``comparison``,
   ``prediction``, and ``quote`` when the claim overlaps a quote's content — whose speaker is then
   the claimant. A claim outside every quote is the publication's own (claimant ``null``).
"""

from __future__ import annotations

import math
import re
import shutil
from bisect import bisect_left, bisect_right
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Optional

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example, validate_examples
from spacy.util import minibatch

from pipeline.claims.loading import load_model, resolve_model_dir, transcript_model_dir
from pipeline.claims.registry import Scorer
from pipeline.extract.entities import doc_entities
from pipeline.extract.money import SYMBOL
from pipeline.extract.spans import CLAIMS_KEY, doc_text, set_items
from pipeline.extract.textscan import PARAGRAPH_BREAK
from pipeline.extract.speakers import in_ranges

ALNUM = re.compile(r"\w")
# The words a unit needs to assert something: letters, or a figure with its unit ("2.6%", "$28,000"),
# which says as much as a word ("Fares rose 4%." asserts a figure). A figure is tried first, so
# "US$5" is one word, not "US" and a figure; a run of digits is read once, from its first digit (the
# lookbehind; possessive repeats), so a long run without a "%" costs linear time.
WORD = re.compile(rf"(?:{SYMBOL})\s?\d++(?:[.,]\d++)*+|(?<![\d.,])\d++(?:[.,]\d++)*+\s?%|[^\W\d_]{{2,}}")
QUESTION_END = re.compile(r"\?[\s\"'”’)\]]*$")
# Datelines, times, captions and line-ups ("1300 GMT", "Saturday 20 November") are not claims.
MIN_WORDS = 4

NUMERIC_LABELS = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY"})
# Entities whose digits are not a figure to check (dates, ranks, statute numbers).
NON_FIGURE_LABELS = frozenset({"DATE", "TIME", "ORDINAL", "LAW"})
LEGAL_LABELS = frozenset({"LAW"})

# Statute-like citations: "8 U.S.C. 1373", "42 USC § 1983", "Section 230", "Title IX", "§ 2".
STATUTE_PATTERN = re.compile(
    r"\b\d+\s+U\.?\s?S\.?\s?C\.?(?:\s*§+)?\s*\d+"
    r"|§+\s*\d+"
    r"|\b(?:Section|Sec\.|Article|Title|Amendment)\s+(?:\d+[A-Za-z]?|[IVXL]+)\b"
    r"|\b(?:H\.?R\.?|S\.)\s?\d{1,5}\b"
)

# Lexical cues of each kind, as lower-cased token sequences; one place for all of them.
KIND_CUES: dict[str, tuple[str, ...]] = {
    "legal": (
        "illegal", "illegally", "unlawful", "unlawfully", "lawful", "lawfully", "legal", "legally",
        "unconstitutional", "constitutional", "violate", "violates", "violated", "violating", "violation",
        "violations", "compliant", "noncompliant", "non-compliant", "comply", "complies", "compliance",
        "statute", "statutes", "law", "laws", "legislation", "prohibited", "prohibits", "banned", "outlawed",
        "indicted", "convicted", "guilty", "sentenced", "charged with", "sued", "lawsuit", "ruled",
        "court ruling", "regulation", "regulations", "executive order", "treaty",
    ),
    "causal": (
        "because", "because of", "due to", "caused", "causes", "causing", "cause of", "led to", "leads to",
        "lead to", "leading to", "result of", "as a result", "resulted in", "results in", "resulting in",
        "thanks to", "blamed", "blames", "responsible for", "contributed to", "contributes to",
        "driven by", "fuelled", "fueled", "triggered", "so that", "therefore", "consequently",
    ),
    "comparison": (
        "than", "compared", "compared with", "compared to", "comparison", "more", "less", "fewer",
        "most", "least", "fewest", "higher", "lower", "highest", "lowest", "largest", "biggest",
        "smallest", "greatest", "worst", "best", "record high", "record low", "all-time", "doubled", "tripled", "twice", "half",
        "increase", "increased", "increases", "decrease", "decreased", "decreases", "rise", "rose",
        "risen", "fell", "fallen", "drop", "dropped", "grew", "growth", "declined", "decline",
        "up from", "down from", "times as", "outpaced", "surged", "plunged", "reduced", "slashed",
    ),
    "prediction": (
        "will", "wo n't", "won't", "'ll", "’ll", "going to", "plans to", "plan to", "planned to",
        "expects", "expected to", "expect", "forecast", "forecasts", "forecasting", "projected",
        "predicts", "predicted", "predict", "promise", "promised", "promises", "pledge", "pledged",
        "pledges", "vowed", "vows", "intends to", "aims to", "set to", "on track to", "by 2030",
    ),
}
# Word sequences that contain a cue but do not signal its kind.
KIND_EXCEPTIONS: dict[str, tuple[str, ...]] = {
    "legal": ("law enforcement", "legal team", "son-in-law", "in-law", "in-laws", "law firm", "law school"),
    "comparison": ("rather than", "more or less", "no more", "any more", "once more", "most of all"),
}


def cue_index(cues: tuple[str, ...]) -> dict[str, list[tuple[str, ...]]]:
    """Cue phrases as tuples of lower-cased tokens (split the way spaCy's tokenizer splits them), by first token."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for cue in cues:
        sequence = tuple(cue.replace("n't", " n't").replace("'ll", " 'll").replace("’ll", " ’ll").split())
        index.setdefault(sequence[0], []).append(sequence)
    return index


KIND_INDEX = {kind: cue_index(cues) for kind, cues in KIND_CUES.items()}
EXCEPTION_INDEX = {kind: cue_index(cues) for kind, cues in KIND_EXCEPTIONS.items()}


def find_sequences(words: list[str], index: dict[str, list[tuple[str, ...]]]) -> list[tuple[int, int]]:
    """Token ranges of ``words`` where one of the indexed sequences occurs."""
    found = []
    for i, word in enumerate(words):
        for sequence in index.get(word, ()):
            if tuple(words[i : i + len(sequence)]) == sequence:
                found.append((i, i + len(sequence)))
    return found


def has_cue(words: list[str], kind: str) -> bool:
    """True when a cue of ``kind`` occurs outside that kind's exception phrases."""
    excepted = {i for start, end in find_sequences(words, EXCEPTION_INDEX.get(kind, {})) for i in range(start, end)}
    return any(not excepted.intersection(range(start, end)) for start, end in find_sequences(words, KIND_INDEX[kind]))


# A transcript turn: a line opening with a speaker label — one to four capitalised words, then a
# colon ("TRUMP:", "Lester Holt:", "Q:") — and what was said. Group 1 is the label with its colon
# and the spaces after it.
TURN_LABEL = re.compile(r"^[ \t]*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}[ \t]*:[ \t]+)(?=\S)", re.MULTILINE)
LINE_BREAK = re.compile(r"\n")
# A text is a transcript when at least this many lines, and at least this share of its non-blank
# lines, are turns: a news story's "Photo: AP" or "Q:" lines stay a minority.
MIN_TURNS = 3
TURN_SHARE = 0.5


def is_transcript(text: str) -> bool:
    """True when the text reads as a transcript: most of its lines are turns opening with a speaker label."""
    turns = sum(1 for _ in TURN_LABEL.finditer(text))
    return turns >= MIN_TURNS and turns >= TURN_SHARE * sum(1 for line in text.splitlines() if line.strip())


def headline_end(text: str) -> int:
    """Where the headline — the text before the first blank line — ends (0: no headline)."""
    first_break = PARAGRAPH_BREAK.search(text)
    return first_break.start() if first_break else 0


def sentence_units(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Character ranges of the units scored (``text`` is ``doc.text``): the headline paragraph whole,
    then sentences split at paragraph breaks."""
    end_of_headline = headline_end(text)
    ranges = [(0, end_of_headline)] if end_of_headline else []
    for start, end in joined_sentences(doc, text):
        ranges.extend(split_at_breaks(text, max(start, end_of_headline), end))
    return [trimmed for r in ranges if (trimmed := strip_range(text, *r)) is not None]


def turn_units(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Character ranges of a transcript's units (``text`` is ``doc.text``): sentences split at every
    line break, the speaker label that opens a turn left out (a unit that is only a label is dropped)."""
    label_end = {found.start(1): found.end(1) for found in TURN_LABEL.finditer(text)}
    units = []
    for start, end in joined_sentences(doc, text):
        for piece in split_at_breaks(text, start, end, LINE_BREAK):
            trimmed = strip_range(text, *piece)
            if trimmed is not None and trimmed[0] in label_end:
                trimmed = strip_range(text, label_end[trimmed[0]], trimmed[1]) if label_end[trimmed[0]] < trimmed[1] else None
            if trimmed is not None:
                units.append(trimmed)
    return units


def joined_sentences(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Sentence ranges, re-joining the sentence model's false splits: inside brackets, or before a lower-case word."""
    joined: list[tuple[int, int]] = []
    open_brackets = (0, 0)  # of the last joined range, kept as it grows: recounting it is quadratic
    for sentence in doc.sents:
        start, end = sentence.start_char, sentence.end_char
        balance = bracket_balance(text, start, end)
        if joined and same_paragraph(text, joined[-1][1], start) and (max(open_brackets) > 0 or text[start : start + 1].islower()):
            joined[-1] = (joined[-1][0], end)
            open_brackets = (open_brackets[0] + balance[0], open_brackets[1] + balance[1])
        else:
            joined.append((start, end))
            open_brackets = balance
    return joined


def same_paragraph(text: str, end: int, start: int) -> bool:
    """True when no paragraph break lies between two offsets."""
    return PARAGRAPH_BREAK.search(text, end - 1 if end else 0, start + 1) is None


def bracket_balance(text: str, start: int, end: int) -> tuple[int, int]:
    """How many more "[" than "]", and "(" than ")", ``text[start:end]`` holds (positive: some left open)."""
    return text.count("[", start, end) - text.count("]", start, end), text.count("(", start, end) - text.count(")", start, end)


def is_assertion(text: str) -> bool:
    """True for a unit that can assert something: enough words, and not a question."""
    return len(WORD.findall(text)) >= MIN_WORDS and not QUESTION_END.search(text)


def split_at_breaks(text: str, start: int, end: int, breaks: re.Pattern = PARAGRAPH_BREAK) -> list[tuple[int, int]]:
    """Pieces of ``text[start:end]`` between paragraph breaks (or the other ``breaks``)."""
    if start >= end:
        return []
    pieces, cursor = [], start
    for found in breaks.finditer(text, start, end):
        pieces.append((cursor, found.start()))
        cursor = found.end()
    pieces.append((cursor, end))
    return pieces


def strip_range(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The range without surrounding whitespace, or None when it holds no word character."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if ALNUM.search(text, start, end) else None


def non_figure_ranges(entities: list[dict]) -> list[tuple[int, int]]:
    """The character ranges of the date, time, ordinal and statute entities (sorted, not overlapping, as
    entity items are), whose digits are no figure."""
    return [(e["start"], e["end"]) for e in entities if e["label"] in NON_FIGURE_LABELS]


def figures_outside_entities(span: Span, non_figures: list[tuple[int, int]]) -> bool:
    """True when a token with a digit lies in the span but outside the ``non_figures`` ranges."""
    return any(any(ch.isdigit() for ch in token.text) and not in_ranges(token.idx, non_figures) for token in span)


def entities_within(entities: list[dict], starts: list[int], start: int, end: int) -> list[dict]:
    """The entity items lying within ``[start, end)``, found by binary search in ``starts`` (their
    sorted start offsets): an article holds thousands of claims and entities on hostile input."""
    return [e for e in entities[bisect_left(starts, start) : bisect_left(starts, end)] if e["end"] <= end]


def quotes_by_unit(units: list[tuple[int, int]], quotes: list[dict]) -> list[list[dict]]:
    """For each unit (sorted, not overlapping), the quotes whose content overlaps it, in quote order:
    each piece is placed by binary search among the units, so the work follows the overlaps found."""
    ends = [end for _, end in units]
    found: list[list[dict]] = [[] for _ in units]
    for quote in quotes:
        for start, end in quote.get("spans") or [[quote["start"], quote["end"]]]:
            i = bisect_right(ends, start)
            while i < len(units) and units[i][0] < end:
                if not found[i] or found[i][-1] is not quote:
                    found[i].append(quote)
                i += 1
    return found


def claim_kinds(doc: Doc, text: str, start: int, end: int, entities: list[dict], non_figures: list[tuple[int, int]],
                quote: dict | None) -> list[str]:
    """The kinds of the claim in ``text[start:end]`` (``text`` is ``doc.text``; ``entities``: the entity
    items within it; ``non_figures``: :func:`non_figure_ranges`), in a fixed order."""
    labels = {e["label"] for e in entities}
    span = doc.char_span(start, end, alignment_mode="expand")
    words = [t.lower_ for t in span]
    claim_text = text[start:end]
    kinds = []
    if labels & NUMERIC_LABELS or figures_outside_entities(span, non_figures):
        kinds.append("numeric")
    if labels & LEGAL_LABELS or STATUTE_PATTERN.search(claim_text) or has_cue(words, "legal"):
        kinds.append("legal")
    kinds.extend(kind for kind in ("causal", "comparison", "prediction") if has_cue(words, kind))
    if quote is not None:
        kinds.append("quote")
    return kinds


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters two ranges share."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def quote_of(start: int, end: int, quotes: list[dict]) -> dict | None:
    """The quote a claim ``[start, end)`` reports: among the quotes whose content overlaps it, the one
    whose speaker opens the claim ("Citizens for Tax Justice advocates rules … that allow companies
    to tell “…”" is the group's, not the companies'), else the one overlapping it most."""
    best, best_overlap = None, 0
    for quote in quotes:
        pieces = quote.get("spans") or [[quote["start"], quote["end"]]]
        shared = sum(overlap(start, end, s, e) for s, e in pieces)
        if shared and quote["speaker_start"] == start:
            return quote
        if shared > best_overlap:
            best, best_overlap = quote, shared
    return best


def scored_units(doc: Doc, text: str, transcript: bool = False) -> list[tuple[int, int]]:
    """Character ranges of the units of ``doc`` the model scores (``text`` is ``doc.text``; ``transcript``:
    it is one, see :func:`is_transcript`): those that can assert something. (Their text goes to the
    model as it is, line breaks included: both models ignore whitespace.)"""
    units = turn_units(doc, text) if transcript else sentence_units(doc, text)
    return [(start, end) for start, end in units if is_assertion(text[start:end])]


def claims_of(doc: Doc, text: str, units: list[tuple[int, int]], scores: np.ndarray, threshold: float) -> list[dict]:
    """The claim items of ``doc`` (``text`` is ``doc.text``) from its scored units (``scores[i]`` is the
    score of ``units[i]``): in text order, near-identical sentences once, ranked by score."""
    entities = doc_entities(doc)
    entity_starts = [e["start"] for e in entities]
    non_figures = non_figure_ranges(entities)
    unit_quotes = quotes_by_unit(units, doc._.newslens_quotes or [])
    flagged = [i for i, score in enumerate(scores.tolist()) if score >= threshold]
    repeats = RepeatFinder([claim_words(text[start:end]) for start, end in (units[i] for i in flagged)])
    claims: list[dict] = []
    for i, words in zip(flagged, repeats.word_sets):
        (start, end), score = units[i], float(scores[i])
        if repeats.repeats_one_seen(words):
            continue
        quote = quote_of(start, end, unit_quotes[i])
        within = entities_within(entities, entity_starts, start, end)
        claims.append({
            "id": f"c{len(claims) + 1}",
            "text": text[start:end],
            "start": start,
            "end": end,
            "score": round(score, 4),
            "rank": 0,
            "kinds": claim_kinds(doc, text, start, end, within, non_figures, quote),
            "claimant": quote["speaker"] if quote else None,
            "claimant_canonical": quote["speaker_canonical"] if quote else None,
            "quote_id": quote["id"] if quote else None,
            "entity_ids": [e["id"] for e in within],
        })
    for rank, claim in enumerate(sorted(claims, key=lambda c: -c["score"]), start=1):
        claim["rank"] = rank
    return claims


# Two claims whose word sets overlap this much (Jaccard) are one sentence repeated: syndicated
# copy, a summary line restated in the body.
NEAR_IDENTICAL = 0.85
CLAIM_WORD = re.compile(r"\w+")


def claim_words(text: str) -> frozenset[str]:
    """The lower-cased words of a claim, as a set."""
    return frozenset(CLAIM_WORD.findall(text.lower()))


def near_identical(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when two claims' word sets overlap by at least ``NEAR_IDENTICAL`` (Jaccard)."""
    return bool(a) and bool(b) and len(a & b) / len(a | b) >= NEAR_IDENTICAL


class RepeatFinder:
    """Tells, claim by claim in text order, whether a claim is :func:`near_identical` to one kept before
    it, comparing it only with the kept claims that share a word of its *prefix* — its rarest words
    in the article, as many as a set can lose and still reach the Jaccard bound. Two sets that
    reach the bound share a word of their prefixes (prefix filtering, as in set-similarity joins),
    so no repeat is missed, and an article of thousands of distinct claims is not compared pair by pair."""

    def __init__(self, word_sets: list[frozenset[str]]) -> None:
        self.word_sets = word_sets
        counts = Counter(word for words in word_sets for word in words)
        self.rank = {word: (count, word) for word, count in counts.items()}  # rarest first, ties by spelling
        self.kept_by_word: dict[str, list[frozenset[str]]] = {}

    def prefix(self, words: frozenset[str]) -> list[str]:
        """The words of ``words`` that any set near-identical to it shares at least one of."""
        size = len(words) - math.ceil(NEAR_IDENTICAL * len(words) - 1e-9) + 1
        return sorted(words, key=self.rank.__getitem__)[:size]

    def repeats_one_seen(self, words: frozenset[str]) -> bool:
        """True when ``words`` repeat a claim kept before; else ``words`` are kept, and False."""
        prefix = self.prefix(words)
        if any(near_identical(words, kept) for word in prefix for kept in self.kept_by_word.get(word, ())):
            return True
        for word in prefix:
            self.kept_by_word.setdefault(word, []).append(words)
        return False


class ClaimsComponent:
    """Sets ``doc._.newslens_claims`` and its spans ``doc.spans["newslens_claims"]``: the
    article's check-worthy sentences.

    The claims model is loaded when first needed, so that a saved pipeline loads its own copy
    (``from_disk``) without looking for the directory it was built from; its arm for transcripts
    only when a transcript comes. (Not as ``.model``: ``spacy.load`` reads every component's
    ``model`` before ``from_disk`` runs.)"""

    MODEL_SUBDIR = "model"

    def __init__(self, name: str, model_dir: str | None, threshold: float | None, scorer: Optional[Callable] = None) -> None:
        self.name = name
        self.model_dir = model_dir
        self.threshold_override = threshold
        self.scorer = scorer
        self._claims_model: Scorer | None = None
        self._source: Path | None = None  # the directory the model was loaded from
        self._transcript_model: Scorer | None = None

    @property
    def claims_model(self) -> Scorer:
        if self._claims_model is None:
            self._load(resolve_model_dir(self.model_dir))
        return self._claims_model

    @property
    def transcript_model(self) -> Scorer:
        """The model's arm for sentences without an article (transcripts): its card's ``transcript_model``, else the model."""
        if self._transcript_model is None:
            self._transcript_model = load_model(transcript_model_dir(self._source or resolve_model_dir(self.model_dir)))
        return self._transcript_model

    def _load(self, directory: Path) -> None:
        self._claims_model, self._source, self._transcript_model = load_model(directory), directory, None

    @property
    def threshold(self) -> float:
        return self.claims_model.threshold if self.threshold_override is None else self.threshold_override

    @property
    def transcript_threshold(self) -> float:
        return self.transcript_model.threshold if self.threshold_override is None else self.threshold_override

    def score(self, examples: Iterable[Example], **kwargs) -> dict:
        """The registered scorer's scores (``newslens_claims_p``, ``_r``, ``_f``)."""
        validate_examples(examples, "ClaimsComponent.score")
        return self.scorer(examples, **kwargs)

    def to_disk(self, path, *, exclude=tuple()) -> None:
        """Copy the model directory into ``path``, so the saved pipeline carries it, and its arm for
        transcripts beside it, where the copied card finds it."""
        source = self._source or resolve_model_dir(self.model_dir)
        target = Path(path) / self.MODEL_SUBDIR
        if target.resolve() != source.resolve():
            shutil.copytree(source, target, dirs_exist_ok=True)
        arm = transcript_model_dir(source)
        if arm != source and (target.parent / arm.name).resolve() != arm.resolve():
            shutil.copytree(arm, target.parent / arm.name, dirs_exist_ok=True)

    def from_disk(self, path, *, exclude=tuple()) -> "ClaimsComponent":
        """Load the model copied by ``to_disk``."""
        self._load(Path(path) / self.MODEL_SUBDIR)
        return self

    def __call__(self, doc: Doc) -> Doc:
        return self.process_batch([doc])[0]

    def pipe(self, docs, batch_size: int = 32):
        """Process a stream of Docs, scoring the units of a whole batch with one call to the model
        (the sparse model vectorises them together; a unit's score never depends on its batch)."""
        for batch in minibatch(docs, size=batch_size):
            yield from self.process_batch(list(batch))

    def process_batch(self, docs: list[Doc]) -> list[Doc]:
        """Annotate ``docs`` with one call to the model for all the articles' units (and one to its
        transcript arm for the transcripts' units)."""
        texts = [doc_text(doc) for doc in docs]
        transcripts = [is_transcript(text) for text in texts]
        units = [scored_units(doc, text, transcript) for doc, text, transcript in zip(docs, texts, transcripts)]
        scores: list[np.ndarray] = [np.zeros(0)] * len(docs)
        for transcript in (False, True):
            chosen = [i for i, is_one in enumerate(transcripts) if is_one is transcript]
            if not chosen:
                continue
            unit_texts = [texts[i][start:end] for i in chosen for start, end in units[i]]
            if transcript:
                flat = self.transcript_model.scores(unit_texts)
            else:
                ends = {i: headline_end(texts[i]) for i in chosen}
                headlines = np.array([end <= ends[i] for i in chosen for _, end in units[i]], dtype=bool)
                articles = np.repeat(np.arange(len(chosen)), [len(units[i]) for i in chosen])
                flat = self.claims_model.scores(unit_texts, headlines, articles)
            offset = 0
            for i in chosen:
                scores[i] = flat[offset : offset + len(units[i])]
                offset += len(units[i])
        for doc, text, doc_units, doc_scores, transcript in zip(docs, texts, units, scores, transcripts):
            threshold = self.transcript_threshold if transcript else self.threshold
            set_items(doc, CLAIMS_KEY, claims_of(doc, text, doc_units, doc_scores, threshold), label=lambda claim: "CLAIM")
        return docs


@Language.factory(
    "newslens_claims",
    # Without the quotes stage every claim is the publication's own (no claimant): say so in analyze_pipes().
    requires=["doc._.newslens_quotes", "doc._.newslens_entities", "token.is_sent_start"],
    assigns=["doc.spans", "doc._.newslens_claims"],
    default_config={"model_dir": None, "threshold": None, "scorer": {"@scorers": "newslens.claims_scorer.v1"}},
    default_score_weights={"newslens_claims_f": 1.0, "newslens_claims_p": 0.0, "newslens_claims_r": 0.0},
)
def make_claims(nlp: Language, name: str, model_dir: Optional[str], threshold: Optional[float],
                scorer: Optional[Callable]) -> ClaimsComponent:
    """The claims component; ``model_dir`` is a shipped model's name (``accurate``, the default, or
    ``fast``) or a model directory; ``threshold`` defaults to the model card's."""
    return ClaimsComponent(name, model_dir, threshold, scorer)
