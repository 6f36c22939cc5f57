"""Speakers: the mention a cue attributes a quote to, and the entity it stands for.

The mention is the noun phrase around the subject's head word without its appositions or relative
clauses ("Hugh Hill" in "Hugh Hill, a doctor in Leeds, said"), widened to a named entity that
overlaps it. Personal pronouns resolve to the nearest compatible earlier speaker or PERSON entity (compatible:
the right kind of entity, and for he/she no honorific of the other gender, "Ms Khan"):
there is no coreference model offline, and in news a "he said" almost always refers to the last
person quoted or named.
"""

from __future__ import annotations

from spacy.tokens import Token

# Dependents that belong to a speaker's noun phrase (the rest: appositions, relative clauses,
# prepositional tails, are descriptions of the speaker, not the mention).
MENTION_DEPS = frozenset({"compound", "det", "amod", "poss", "nummod", "nmod", "case", "quantmod", "flat"})
# What each pronoun a speaker can be may refer to.
ORGANIZATION_LABELS = frozenset({"ORG", "GPE", "NORP"})
PRONOUN_LABELS = {
    **dict.fromkeys(("he", "she", "i"), frozenset({"PERSON"})),
    "it": ORGANIZATION_LABELS,
    # A group of people ("Prosecutors … they said") has no entity: better unresolved than a wrong person.
    **dict.fromkeys(("we", "they"), ORGANIZATION_LABELS),
}
PRONOUN_GENDERS = {"he": "male", "she": "female"}
# Honorifics that tell a person's gender, as they precede a name in news text.
HONORIFIC_GENDERS = {"mr": "male", "mr.": "male", "sir": "male", "ms": "female", "ms.": "female",
                     "mrs": "female", "mrs.": "female", "miss": "female", "lady": "female"}
# A named speaker this close before a pronoun (in characters, about three paragraphs) is preferred.
RECENT_SPEAKER_CHARS = 1500


def mention_tokens(head: Token) -> tuple[int, int]:
    """Token range ``[start, end)`` of the noun phrase headed by ``head``, descriptions left out."""
    start = end = head.i
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ in MENTION_DEPS and child.i < head.i + 8:
                start, end = min(start, child.i), max(end, child.i)
                stack.append(child)
    return start, end + 1


def is_pronoun(text: str) -> bool:
    """True for the personal pronouns a speaker can be."""
    return text.lower() in PRONOUN_LABELS


def canonical_name(item: dict) -> str:
    """The name an entity item resolves to (its cluster's canonical form when known)."""
    return item.get("canonical") or item["text"]


def gender_hints(text: str, entities: list[dict]) -> dict[str, str]:
    """Gender of the people whose name follows an honorific somewhere in ``text`` ("Ms Khan"),
    keyed by canonical name; people with conflicting or no honorifics are left out."""
    hints: dict[str, set[str]] = {}
    for item in entities:
        if item["label"] != "PERSON":
            continue
        words = text[max(0, item["start"] - 6) : item["start"]].split()
        gender = HONORIFIC_GENDERS.get(words[-1].lower()) if words else None
        if gender:
            hints.setdefault(canonical_name(item), set()).add(gender)
    return {name: genders.pop() for name, genders in hints.items() if len(genders) == 1}


def compatible(pronoun: str, item: dict, genders: dict[str, str]) -> bool:
    """True when an entity item can be what ``pronoun`` refers to."""
    if item["label"] not in PRONOUN_LABELS.get(pronoun.lower(), frozenset()):
        return False
    wanted = PRONOUN_GENDERS.get(pronoun.lower())
    known = genders.get(canonical_name(item))
    return wanted is None or known is None or known == wanted


def resolve_pronoun(pronoun: str, position: int, entities: list[dict], speakers: list[dict],
                    genders: dict[str, str] | None = None) -> dict | None:
    """The entity item a pronoun speaker at ``position`` most likely refers to, or None.

    ``speakers`` are the entity items of named speakers found so far, in text order: the last
    compatible one wins when it is recent (journalists name a speaker, then write "he said"),
    else the nearest earlier compatible entity.
    """
    genders = genders or {}
    earlier_speakers = [s for s in speakers if s["end"] <= position and compatible(pronoun, s, genders)]
    if earlier_speakers and position - earlier_speakers[-1]["end"] < RECENT_SPEAKER_CHARS:
        return earlier_speakers[-1]
    earlier = [e for e in entities if e["end"] <= position and compatible(pronoun, e, genders)]
    return earlier[-1] if earlier else None
