"""One name per person across a dump: the ``name`` / ``speaker_name`` / ``claimant_name`` columns.

Each article resolves its own mentions ("Trump" → "Donald Trump" when the article names him in
full); a dump still holds several names for one person ("Donald J. Trump" in one outlet, "Donald
Trump" in another, a bare "Trump" in a third). These functions give every person one name over
the whole dump, in one pass over the frames and without a model:

- full names that differ only by titles, middle names or initials ("Donald J. Trump", "Donald
  Trump", "President Donald Trump") share a key (given name, surname, suffix) and the key's most
  frequent form names them all; a suffix keeps people apart ("Donald Trump Jr.");
- a bare surname ("Trump", "Obama") takes the full name of the person the dump gives that surname
  to, when one person holds at least ``SURNAME_SHARE`` of the full-name mentions with it; two
  people who share a surname about equally ("Bill Clinton", "Hillary Clinton") keep a bare
  "Clinton" apart from both; a bare given name ("Bernie") or a nickname on one ("Crooked
  Hillary") likewise takes the person the dump gives that given name to
  (``pipeline/data/first_names.txt`` tells given names);
- a two-word name that is the end of a longer full name and does not start with a given name is
  that person's double surname ("Wasserman Schultz" → "Debbie Wasserman Schultz"); a hyphen inside a
  surname counts as a space ("Wasserman-Schultz");
- a "name" of more than ``MAX_NAME_WORDS`` words is a headline the tagger took for one ("Trump Hit
  Over Not Releasing Tax Returns Trump"): it counts as the bare surname it ends on;
- a quote's speaker the tagger labelled an organization but which is a bare surname the dump gives
  to one person ("Trump said", tagged ORG) is that person;
- a group's singular ("a Nevada Democrat", tagged NORP "Democrat") takes the group's plural name
  when the dump has it ("Democrats");
- organizations and places keep their article-level canonical name otherwise.

>>> import pipeline
>>> frames = pipeline.load("data/processed/")
>>> frames.quotes.groupby("speaker_name").size().sort_values()
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from pipeline.extract.names import leading_title_words, strip_possessive
from pipeline.extract.speakers import GIVEN_NAMES, NARRATOR_PRONOUNS, is_unnamed

# Share of a surname's full-name mentions one person needs before a bare surname is taken for them.
SURNAME_SHARE = 0.75
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# More words than this (titles and suffix aside) make no person's name but a headline run together.
MAX_NAME_WORDS = 5


def name_words(name: str) -> tuple[list[str], tuple[str, ...]]:
    """The words of a person's name without titles and possessive (a hyphen inside a surname counts as
    a space), and its suffix as a 0- or 1-tuple ("President Joseph R. Biden Jr." → (["Joseph", "R.",
    "Biden"], ("jr",)))."""
    words = strip_possessive(" ".join(name.split())).replace(",", " ").split()
    words = words[leading_title_words(words):]
    suffix = ()
    if len(words) > 1 and words[-1].lower().rstrip(".") in SUFFIXES:
        suffix, words = (words[-1].lower().rstrip("."),), words[:-1]
    if len(words) > 1:
        words = [part for word in words for part in word.split("-") if part]
    return words, suffix


def person_key(name: str) -> tuple[str, ...] | None:
    """``(given name, surname[, suffix])`` of a person's name without titles, middle names and
    initials ("President Donald J. Trump" → ("donald", "trump")); ``(surname,)`` for a single word,
    and for a headline of more than ``MAX_NAME_WORDS`` words, the surname it ends on."""
    words, suffix = name_words(name)
    if not words:
        return None
    if len(words) == 1 or len(words) > MAX_NAME_WORDS:
        return (words[-1].lower(), *suffix)
    return (words[0].lower(), words[-1].lower(), *suffix)


def person_names(names: Counter) -> dict[str, str]:
    """The dump-level name of each person name in ``names`` (name → mention count), as a mapping."""
    keys = {name: person_key(name) for name in names}
    forms: dict[tuple, Counter] = {}
    for name, key in keys.items():
        if key is not None and len(key) >= 2:
            forms.setdefault(key, Counter())[name] += names[name]
    best = {key: max(counts, key=lambda n: (counts[n], -len(n))) for key, counts in forms.items()}
    known_given = {name.lower() for name in GIVEN_NAMES}

    def nickname(key: tuple) -> bool:
        return len(key) == 2 and key[0] not in known_given and key[1] in known_given

    by_surname: dict[str, Counter] = {}
    by_given: dict[str, Counter] = {}
    for key, counts in forms.items():
        if len(key) == 2 and not nickname(key):  # no suffix: "Trump" never stands for "Donald Trump Jr."
            by_surname.setdefault(key[1], Counter())[key] += sum(counts.values())
            by_given.setdefault(key[0], Counter())[key] += sum(counts.values())
    surname_owner, given_owner = dominant(by_surname, best), dominant(by_given, best)
    # Full names of three words or more by their last two ("wasserman", "schultz"): a double surname's owners.
    by_last_two: dict[tuple[str, str], Counter] = {}
    for name, key in keys.items():
        words, suffix = name_words(name)
        if key is not None and len(key) >= 2 and not suffix and 3 <= len(words) <= MAX_NAME_WORDS:
            by_last_two.setdefault((words[-2].lower(), words[-1].lower()), Counter())[key] += names[name]
    double_surname_owner = dominant(by_last_two, best)
    mapping = {}
    for name, key in keys.items():
        if key is None:
            mapping[name] = name
        elif nickname(key) and key[1] in given_owner:
            mapping[name] = given_owner[key[1]]  # "Crooked Hillary": a nickname on a given name
        elif len(key) == 2 and key[0] not in known_given and key in double_surname_owner:
            mapping[name] = double_surname_owner[key]  # "Wasserman Schultz": a double surname alone
        elif len(key) >= 2:
            mapping[name] = best[key]
        else:
            # "Hillary" is a given name before it is anyone's surname; "Trump" the other way round
            owner = given_owner.get(key[0]) if key[0] in known_given else None
            mapping[name] = owner or surname_owner.get(key[0]) or name
    return mapping


def dominant(people_by_word: dict, best: dict[tuple, str]) -> dict:
    """For each surname (or given name, or last two words of a name), the name of the person holding at
    least ``SURNAME_SHARE`` of the dump's full-name mentions with it, where one does."""
    owners = {}
    for word, people in people_by_word.items():
        key, count = people.most_common(1)[0]
        if count >= SURNAME_SHARE * sum(people.values()):
            owners[word] = best[key]
    return owners


# The columns `pipeline.load` adds to the record's own, per table: names need the whole dump, so no
# single record holds them.
DUMP_COLUMNS = {"entities": ("name",), "quotes": ("speaker_name",), "claims": ("claimant_name",)}


def with_dump_names(frames):
    """``frames`` (a :class:`pipeline.frames.NewsFrames`) with the dump-level name columns added."""
    add_dump_names(frames.entities, frames.quotes, frames.claims)
    return frames


def add_dump_names(entities: pd.DataFrame, quotes: pd.DataFrame, claims: pd.DataFrame) -> None:
    """Add ``entities.name``, ``quotes.speaker_name`` and ``claims.claimant_name`` in place.

    A quote's speaker name is its speaker entity's name (pronouns and roles resolved by the quote
    stage), else its ``speaker_canonical``'s when the mention names someone ("Bo Chan", a name the
    entity stage missed) or is a narrator's "I"/"we" (the byline); a quote whose pronoun stays
    unnamed (an unresolved "he", a "who" with no named head, an "it" shown as the common noun it
    stands for: "the report" names no one across a dump, a narrator's "I" without a byline) has none.
    A claim's claimant name is its quote's speaker name.
    """
    canonical = entities["canonical"].where(entities["canonical"].notna(), entities["text"])
    # A statute's one name across a dump is its citation ("8 U.S.C. § 1373" however the text wrote it).
    citations = [n.get("citation") if label == "LAW" and isinstance(n, dict) else None
                 for label, n in zip(entities["label"], entities["normalized"])]
    canonical = canonical.where([c is None for c in citations], citations)
    people = entities["label"] == "PERSON"
    names = Counter(canonical[people])
    # A one-word speaker tagged as an organization ("Trump said", tagged ORG) is named like a bare surname.
    speaking = set(zip(quotes["article_id"], quotes["speaker_entity"]))
    one_word_speakers = [label == "ORG" and isinstance(c, str) and len(c.split()) == 1 and key in speaking
                         for c, label, key in zip(canonical, entities["label"], zip(entities["article_id"], entities["id"]))]
    names.update(dict.fromkeys(set(canonical[one_word_speakers]) - set(names), 0))  # no weight in who owns a surname
    mapping = person_names(names)
    groups = set(canonical[entities["label"] == "NORP"])
    entities["name"] = [mapping[c] if person or one_word_speaker
                        else c + "s" if label == "NORP" and c + "s" in groups  # "Democrat" → "Democrats"
                        else c for c, person, one_word_speaker, label in zip(canonical, people, one_word_speakers, entities["label"])]
    by_entity = dict(zip(zip(entities["article_id"], entities["id"]), entities["name"]))
    quotes["speaker_name"] = [
        by_entity.get((article, entity))
        or (mapping.get(name, name) if isinstance(name, str) and isinstance(speaker, str)
            and (speaker.lower() in NARRATOR_PRONOUNS or not is_unnamed(speaker)) else None)
        for article, entity, name, speaker in zip(quotes["article_id"], quotes["speaker_entity"], quotes["speaker_canonical"],
                                                  quotes["speaker"])
    ]
    by_quote = dict(zip(zip(quotes["article_id"], quotes["id"]), quotes["speaker_name"]))
    claims["claimant_name"] = [
        by_quote.get((article, quote)) if isinstance(quote, str) else None
        for article, quote in zip(claims["article_id"], claims["quote_id"])
    ]
