"""Reporting verbs beyond the cue list, kept or dropped by a learned filter.

PolNeAR attributes far more than speech: what people want, plan, support, see, offer or discuss
("Kasich has taken to urging voters to …", "The Clintons preferred the Dominican Republic"), a
long tail no hand-written list covers without losing precision. The quote stage therefore also
makes a candidate of every verb whose form is one of the filter's ``triggers`` (verbs seen
attributing something in the training articles) when the verb has a subject and something it
reports (a complement clause, a topic, an object); a logistic regression over a few features of the
verb, its subject and its content (:func:`candidate_features`) keeps those scoring at least the
filter's threshold.

The filter is a plain JSON file (``models/quote-cues/model.json``: feature weights, bias,
threshold, triggers), trained on PolNeAR train articles 1–700 by ``newslens train quote-cues``
(:mod:`pipeline.extract.learned_cues_training`).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from pipeline.artifacts import shipped_models_root

MODEL_NAME = "quote-cues"
MODEL_FILE = "model.json"
# Verb forms that never report anything themselves: auxiliaries and copulas.
NOT_CUES = frozenset({"be", "is", "are", "was", "were", "been", "being", "am", "'s", "’s", "'re", "'m",
                      "have", "has", "had", "having", "'ve", "do", "does", "did", "doing", "get", "gets", "got"})
# Words opening a content piece that say what kind of content it is.
CONTENT_OPENERS = frozenset({"that", "to", "if", "whether", "how", "why", "what", "who", "when", "for", "about", "of", "on"})
QUOTE_CHARACTERS = frozenset("\"“”«»")


def shipped_model_path() -> Path:
    """The shipped filter (``models/quote-cues`` of the checkout, or inside the installed package)."""
    return shipped_models_root() / MODEL_NAME / MODEL_FILE


@dataclass(frozen=True)
class CueFilter:
    """A logistic regression over feature strings: ``weights`` per feature, ``bias``, and the
    ``threshold`` a candidate's probability must reach; ``triggers`` are the verb forms that make
    candidates at all."""

    weights: dict[str, float]
    bias: float
    threshold: float
    triggers: frozenset[str] | None  # None (training only): every verb

    @classmethod
    def from_json(cls, path: Path | str) -> "CueFilter":
        """Read a filter written by :meth:`to_json`."""
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                   float(data["threshold"]), frozenset(str(t) for t in data["triggers"]))

    def to_json(self, path: Path | str, card: dict | None = None) -> None:
        """Write the filter (and a ``card`` of how it was trained) as plain JSON."""
        data = {"card": card or {}, "bias": self.bias, "threshold": self.threshold,
                "triggers": sorted(self.triggers), "weights": dict(sorted(self.weights.items()))}
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=0, ensure_ascii=False)
            handle.write("\n")

    def probability(self, features: list[str]) -> float:
        """The probability that a candidate with these features is a gold attribution."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def accepts(self, features: list[str]) -> bool:
        """True when a candidate with these features is kept."""
        return self.probability(features) >= self.threshold


def is_candidate_verb(token: Token, triggers: frozenset[str] | None) -> bool:
    """True when ``token`` is a verb that may report something and not an auxiliary; with
    ``triggers``, only those forms."""
    word = token.lower_
    return (token.tag_.startswith("VB") and token.dep_ not in ("aux", "auxpass") and word not in NOT_CUES
            and (triggers is None or word in triggers))


def length_bucket(n: int) -> str:
    """A coarse length class of a content of ``n`` tokens."""
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8-15" if n <= 15 else "16+"


def content_kind(verb: Token, first: int) -> str:
    """How a content piece starting at token ``first`` hangs from the verb: its dependency, or
    "before" for a reported clause ahead of the verb."""
    if first < verb.i:
        return "before"
    for child in verb.children:
        if child.left_edge.i == first or child.i == first:
            return child.dep_
    return "other"


def candidate_features(verb: Token, subject: Token, pieces: list[tuple[int, int]]) -> list[str]:
    """The feature strings of a candidate: the verb's form, tag and dependency, how its content hangs
    from it (with the form), the word opening the content, the content's length and quotation
    marks, the subject's kind, negation, a modal, a person told."""
    doc = verb.doc
    word = verb.lower_
    first = pieces[0][0]
    kind = content_kind(verb, first)
    opener = doc[first].lower_ if doc[first].lower_ in CONTENT_OPENERS else "-"
    size = sum(end - start for start, end in pieces)
    text = "".join(doc[start:end].text for start, end in pieces)
    if subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        subject_kind = subject.ent_type_
    elif subject.tag_ in ("PRP", "WP", "WDT") or subject.lower_ == "that":
        subject_kind = subject.lower_
    else:
        subject_kind = subject.tag_
    features = [f"w={word}", f"tag={verb.tag_}", f"dep={verb.dep_}", f"c={kind}", f"w|c={word}|{kind}",
                f"open={opener}", f"w|open={word}|{opener}", f"len={length_bucket(size)}", f"subj={subject_kind}",
                f"w|subj={word}|{subject_kind}", f"w|tag={word}|{verb.tag_}", f"opentag={doc[first].tag_}",
                f"head={verb.head.lower_ if verb.dep_ in ('xcomp', 'ccomp', 'conj', 'advcl') else '-'}"]
    if not subject.ent_type_ and subject.tag_.startswith("NN"):
        features.append(f"subjw={subject.lower_}")
    if QUOTE_CHARACTERS & set(text):
        features.append("marks")
    children = list(verb.children)
    if any(c.dep_ == "neg" for c in children):
        features.append("neg")
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in children):
        features.append("modal")
    if any(c.dep_ in ("dobj", "dative") and (c.ent_type_ in ("PERSON", "ORG") or c.tag_ == "PRP") for c in children):
        features.append("person_object")
    if verb.i + 1 < len(doc) and doc[verb.i + 1].text == ":":
        features.append("colon")
    return features
