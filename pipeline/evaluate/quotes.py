"""Score the quote stage against PolNeAR-style gold (see docs/evaluation.md, "Quotes").

A predicted and a gold quote match when the letters and digits they share cover at least T of the
gold quote's letters and digits AND at least T of the predicted one's (T = 0.3 lenient, 0.8
strict), counting every piece of a quote split around its attribution. Matching is one-to-one and
greedy: candidate pairs are taken in order of decreasing shared letters and digits.
"""

from __future__ import annotations

import json
from itertools import accumulate, islice
from pathlib import Path

from rich.table import Table
from spacy.language import Language

from pipeline.extract.quotes import is_plain_cue_form, load_cues
from pipeline.extract.speakers import is_narrator, is_unnamed

THRESHOLDS = {"lenient": 0.3, "strict": 0.8}
SUBSETS = {"direct+mixed": frozenset({"direct", "mixed"}), "all": frozenset({"direct", "mixed", "indirect"})}
SPEAKER_SETTING = ("all", "lenient")
# The gold's fields of a quote's source and of its cue (text, offsets, pieces).
SOURCE_FIELDS = ("speaker", "speaker_start", "speaker_end", "speaker_spans")
CUE_FIELDS = ("cue", "cue_start", "cue_end", "cue_spans")
PERSONAL_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they"})
# A claim lies inside a gold attribution when this share of its letters and digits is inside the content.
CLAIM_INSIDE = 0.8


def alnum_prefix(text: str) -> list[int]:
    """Prefix sums of letters and digits: ``p[e] - p[s]`` counts them in ``text[s:e]``."""
    return [0, *accumulate(1 if ch.isalnum() else 0 for ch in text)]


def merge_pieces(pieces: list[list[int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping character ranges covering ``pieces``."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((s, e) for s, e in pieces if e > s):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def alnum_count(ranges: list[tuple[int, int]], prefix: list[int]) -> int:
    """Letters and digits inside ``ranges``."""
    return sum(prefix[e] - prefix[s] for s, e in ranges)


def shared_alnum(a: list[tuple[int, int]], b: list[tuple[int, int]], prefix: list[int]) -> int:
    """Letters and digits inside both ``a`` and ``b``."""
    total = 0
    for sa, ea in a:
        for sb, eb in b:
            start, end = max(sa, sb), min(ea, eb)
            if end > start:
                total += prefix[end] - prefix[start]
    return total


def match_quotes(gold: list[list[tuple[int, int]]], pred: list[list[tuple[int, int]]],
                 prefix: list[int], threshold: float) -> list[tuple[int, int]]:
    """One-to-one ``(gold_index, pred_index)`` matches, greedy by shared letters and digits."""
    gold_sizes = [alnum_count(g, prefix) for g in gold]
    pred_sizes = [alnum_count(p, prefix) for p in pred]
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            shared = shared_alnum(g, p, prefix)
            if shared and shared >= threshold * gold_sizes[gi] and shared >= threshold * pred_sizes[pi]:
                candidates.append((-shared, gi, pi))
    candidates.sort()
    used_gold, used_pred, matches = set(), set(), []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            matches.append((gi, pi))
    return matches


def overlaps(a_start, a_end, b_start, b_end) -> bool:
    """True when two character ranges (None-safe) share at least one character."""
    if None in (a_start, a_end, b_start, b_end):
        return False
    return max(a_start, b_start) < min(a_end, b_end)


def gold_speaker_ranges(quote: dict) -> list[tuple[int, int]]:
    """The gold speaker mention's character ranges (empty when the gold has no speaker)."""
    spans = quote.get("speaker_spans") or []
    if not spans and quote.get("speaker_start") is not None:
        spans = [[quote["speaker_start"], quote["speaker_end"]]]
    return [(s, e) for s, e in spans]


def has_swapped_source_and_cue(quote: dict, cue_forms: dict) -> bool:
    """True when a gold quote's source span holds the reporting words and its cue span the one reporting:
    "according to" with the cue what follows it, or a lowercase cue verb, alone or opening a lowercase phrase in an
    inflected form ("said in a statement"; not "state officials"), with the cue a name or a personal pronoun
    ("“…,” said Hester" annotated with source "said" and cue "Hester"). The annotator swapped the two spans:
    PolNeAR has 6 such quotes on dev and 11 on train 1–740. (A source that is a capitalized word which can be a cue,
    "State", "Report", is a name, not a swap.)"""
    source = " ".join((quote.get("speaker") or "").split())
    cue = (quote.get("cue") or "").strip()
    if not source or not cue:
        return False
    if source.lower() == "according to":
        return True
    verb = source.split()[0]
    reporting = is_plain_cue_form(source, cue_forms) or (is_plain_cue_form(verb, cue_forms) and verb != cue_forms[verb][1])
    return source.islower() and reporting and (cue[0].isupper() or cue.lower() in PERSONAL_PRONOUNS)


def with_source_and_cue_unswapped(quotes: list[dict], cue_forms: dict) -> tuple[list[dict], int]:
    """The gold quotes with swapped source and cue spans (:func:`has_swapped_source_and_cue`) put back, and
    how many were: a speaker is scored against who spoke, not against the verb."""
    repaired, count = [], 0
    for quote in quotes:
        if has_swapped_source_and_cue(quote, cue_forms):
            count += 1
            quote = {**quote, **{source: quote.get(cue) for source, cue in zip(SOURCE_FIELDS, CUE_FIELDS)},
                     **{cue: quote.get(source) for source, cue in zip(SOURCE_FIELDS, CUE_FIELDS)}}
        repaired.append(quote)
    return repaired, count


def score_article(text: str, gold: list[dict], pred: list[dict], counts: dict) -> None:
    """Add one article's true positives, gold and predicted totals, and speaker hits to ``counts``."""
    prefix = alnum_prefix(text)
    for subset, types in SUBSETS.items():
        gold_sub = [q for q in gold if q["type"] in types]
        pred_sub = [q for q in pred if q["type"] in types]
        gold_ranges = [merge_pieces(q.get("quote_spans") or [[q["quote_start"], q["quote_end"]]]) for q in gold_sub]
        pred_ranges = [merge_pieces(q["spans"]) for q in pred_sub]
        for level, threshold in THRESHOLDS.items():
            cell = counts[subset][level]
            matches = match_quotes(gold_ranges, pred_ranges, prefix, threshold)
            cell["tp"] += len(matches)
            cell["gold"] += len(gold_sub)
            cell["pred"] += len(pred_sub)
            for gi, pi in matches:
                speaker = gold_speaker_ranges(gold_sub[gi])
                if not speaker:
                    continue
                cell["speaker_total"] += 1
                p = pred_sub[pi]
                if any(overlaps(s, e, p["speaker_start"], p["speaker_end"]) for s, e in speaker):
                    cell["speaker_correct"] += 1


def finish(counts: dict) -> dict:
    """Precision, recall, F1 and speaker accuracy from raw counts."""
    metrics: dict = {}
    for subset, levels in counts.items():
        metrics[subset] = {}
        for level, c in levels.items():
            p = c["tp"] / c["pred"] if c["pred"] else 0.0
            r = c["tp"] / c["gold"] if c["gold"] else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            acc = c["speaker_correct"] / c["speaker_total"] if c["speaker_total"] else 0.0
            metrics[subset][level] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                                      "speaker_accuracy": round(acc, 4), **c}
    subset, level = SPEAKER_SETTING
    metrics["speaker_accuracy"] = metrics[subset][level]["speaker_accuracy"]
    metrics["speaker_accuracy_on"] = f"{subset} types, {level} matches"
    return metrics


def claims_in_attributions(text: str, gold: list[dict], quotes: list[dict], claims: list[dict], counts: dict) -> None:
    """Count the claims lying inside a gold attribution that has a source (at least ``CLAIM_INSIDE`` of
    the claim's letters and digits inside its content) and, of those, the ones whose claimant is
    that source: the claim's quote has a speaker mention overlapping the gold source mention."""
    prefix = alnum_prefix(text)
    by_id = {q["id"]: q for q in quotes}
    for claim in claims:
        size = prefix[claim["end"]] - prefix[claim["start"]]
        if not size:
            continue
        sources = []
        for quote in gold:
            pieces = merge_pieces(quote.get("quote_spans") or [[quote["quote_start"], quote["quote_end"]]])
            inside = alnum_count([(max(s, claim["start"]), min(e, claim["end"])) for s, e in pieces
                                  if min(e, claim["end"]) > max(s, claim["start"])], prefix)
            if inside >= CLAIM_INSIDE * size:
                sources += gold_speaker_ranges(quote)
        if not sources:
            continue
        counts["claims_in_attributions"] += 1
        quote = by_id.get(claim.get("quote_id"))
        if quote is None:
            counts["claims_without_claimant"] += 1
        elif any(overlaps(s, e, quote["speaker_start"], quote["speaker_end"]) for s, e in sources):
            counts["claims_with_source"] += 1


def referent_hits(quotes: list[dict], labels: list[dict], counts: dict) -> None:
    """Count labelled pronoun speakers the stage found as a quote's speaker (``covered``) and, of those,
    the ones resolved right: ``speaker_canonical`` (or any of ``speakers``' ``canonical``) holds a
    labelled referent's name, or, when the label has no named referent, no speaker names an entity
    (a canonical without one is the common noun an "it"/"they" stands for: "the report")."""
    for label in labels:
        found = [q for q in quotes if overlaps(q["speaker_start"], q["speaker_end"], label["speaker_start"], label["speaker_end"])]
        counts["referents_total"] += 1
        if not found:
            continue
        counts["referents_covered"] += 1
        quote = found[0]
        speakers = quote.get("speakers") or [{"canonical": quote["speaker_canonical"], "entity": quote["speaker_entity"]}]
        names = {s["canonical"] for s in speakers} - {None}
        wanted = [r["name"].lower() for r in label["referents"]]
        if (not wanted and not any(s["entity"] for s in speakers)) or any(w in name.lower() for w in wanted for name in names):
            counts["referents_correct"] += 1


def shown_speaker_is_pronoun(quote: dict) -> bool:
    """True when the speaker a reader is shown (``speaker_canonical``, else ``speaker``) is a pronoun or a headline word."""
    return not quote["speaker_canonical"] and quote["speaker"] is not None and is_unnamed(quote["speaker"])


def read_gold(gold_path: Path, limit: int | None = None) -> list[dict]:
    """The gold articles of a JSON Lines file (the first ``limit`` when given)."""
    with open(gold_path, encoding="utf-8") as handle:
        return [json.loads(line) for line in islice((l for l in handle if l.strip()), limit)]


def evaluate(gold_path: Path, nlp: Language, limit: int | None = None, referents: Path | None = None) -> dict:
    """Run ``nlp`` over each gold article's text as is and score its quotes against the gold ones.

    Also counts quotes whose shown speaker is a pronoun or headline word (and, of those, the narrator's
    "I"/"we" in an article without a byline: gold texts have none), the claims inside gold
    attributions that name their source (when ``nlp`` has the claims stage), and, given a
    ``referents`` label file (``data/labels/polnear_dev_pronoun_referents.jsonl``), how often a
    pronoun speaker resolves to the labelled person or organization. Gold quotes whose source and cue
    spans were swapped are scored put back (:func:`with_source_and_cue_unswapped`; counted as
    ``gold_sources_unswapped``)."""
    articles = read_gold(Path(gold_path), limit)
    cue_forms = load_cues()
    counts = {subset: {level: dict.fromkeys(("tp", "gold", "pred", "speaker_correct", "speaker_total"), 0)
                       for level in THRESHOLDS} for subset in SUBSETS}
    extra = dict.fromkeys(("gold_sources_unswapped", "shown_pronoun_speakers", "shown_narrator_speakers", "claims_in_attributions", "claims_with_source",
                           "claims_without_claimant", "referents_total", "referents_covered", "referents_correct"), 0)
    labels: dict[str, list[dict]] = {}
    if referents is not None:
        for label in read_gold(Path(referents)):
            labels.setdefault(label["article_id"], []).append(label)
    docs = nlp.pipe((article["text"] for article in articles), batch_size=32)
    for article, doc in zip(articles, docs):
        quotes = doc._.newslens_quotes or []
        gold, unswapped = with_source_and_cue_unswapped(article["quotes"], cue_forms)
        extra["gold_sources_unswapped"] += unswapped
        score_article(article["text"], gold, quotes, counts)
        extra["shown_pronoun_speakers"] += sum(shown_speaker_is_pronoun(q) for q in quotes)
        extra["shown_narrator_speakers"] += sum(shown_speaker_is_pronoun(q) and is_narrator(q) for q in quotes)
        if doc.has_extension("newslens_claims") and doc._.newslens_claims is not None:
            claims_in_attributions(article["text"], gold, quotes, doc._.newslens_claims, extra)
        referent_hits(quotes, labels.get(article["id"], []), extra)
    metrics = finish(counts)
    metrics.update(extra)
    if extra["claims_in_attributions"]:
        metrics["claimant_accuracy"] = round(extra["claims_with_source"] / extra["claims_in_attributions"], 4)
    if extra["referents_covered"]:
        metrics["resolution_accuracy"] = round(extra["referents_correct"] / extra["referents_covered"], 4)
    metrics["articles"] = len(articles)
    return metrics


def metrics_table(metrics: dict) -> Table:
    """The metrics as a rich table, one row per subset and strictness level."""
    table = Table(title=f"Quotes ({metrics.get('articles', '?')} articles)")
    for column in ("subset", "match", "P", "R", "F1", "gold", "pred", "speaker"):
        table.add_column(column, justify="left" if column in ("subset", "match") else "right", no_wrap=True)
    for subset in SUBSETS:
        for level in THRESHOLDS:
            m = metrics[subset][level]
            table.add_row(subset, level, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}",
                          str(m["gold"]), str(m["pred"]), f"{m['speaker_accuracy']:.3f}")
    lines = [f"speaker accuracy (headline): {metrics['speaker_accuracy']:.3f} on {metrics['speaker_accuracy_on']}",
             f"quotes whose shown speaker is a pronoun or headline word: {metrics.get('shown_pronoun_speakers', 0)}"
             f" (the narrator's I/we without a byline: {metrics.get('shown_narrator_speakers', 0)})"]
    if metrics.get("gold_sources_unswapped"):
        lines.append(f"gold quotes scored with their swapped source and cue put back: {metrics['gold_sources_unswapped']}")
    if "claimant_accuracy" in metrics:
        lines.append(f"claims inside a sourced gold attribution whose claimant is that source: {metrics['claimant_accuracy']:.3f}"
                     f" ({metrics['claims_with_source']}/{metrics['claims_in_attributions']},"
                     f" {metrics['claims_without_claimant']} without claimant)")
    if "resolution_accuracy" in metrics:
        lines.append(f"pronoun speakers resolved right: {metrics['resolution_accuracy']:.3f}"
                     f" ({metrics['referents_correct']}/{metrics['referents_covered']} found of {metrics['referents_total']} labelled)")
    table.caption = "\n".join(lines)
    return table
