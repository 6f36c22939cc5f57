"""The ``newslens_entities`` component: named entities an article can be counted and joined on.

Each item of ``doc._.newslens_entities`` is
``{"id", "text", "label", "start", "end", "canonical", "cluster", "normalized"}`` with character
offsets into ``doc.text``, sorted by start. On top of the model's ``doc.ents`` it:

- finds statutes, codes, bills, acts, resolutions and court cases (``LAW``,
  :mod:`pipeline.extract.laws`), money amounts (``MONEY``, the amount without its qualifier,
  :mod:`pipeline.extract.money`) and social platforms and news outlets (``ORG``; an outlet only where
  the model found nothing), which win over the model's fragments inside them, LAW and MONEY each
  with a ``normalized`` object;
- drops what the model tags that is no entity of its label (a religious text as LAW, a call to
  share), relabels a platform or a news outlet tagged PERSON as ORG and trims qualifiers from the
  model's MONEY;
- trims possessives from every span, titles from person names, and a word the model glued before
  a person's name ("Injecting Clinton", "Billionaire Donald Trump");
- clusters PERSON/ORG/GPE mentions and gives each its cluster's id (``k1``, ``k2``…), canonical
  name and voted label, and adds mentions of a cluster's names the model missed
  (:mod:`pipeline.extract.names`).

``doc.ents`` is rewritten to match, so plain spaCy users see the same entities. With
``enhance = false`` the component only copies the model's ``doc.ents`` (the baseline).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Iterable, Optional

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.training import Example, validate_examples

from pipeline.extract.laws import (
    KNOWN_LAW_NAMES,
    NOT_LAWS,
    RULES,
    LawRule,
    find_laws,
    law_rules,
    names_a_law,
    parse_known_law_names,
    parse_not_laws,
)
from pipeline.extract.money import amount_start, find_money, is_percentage
from pipeline.extract.names import (
    CLUSTERED_LABELS,
    NOT_PEOPLE,
    COURTESY_TITLES,
    ORG_HEADS,
    Mention,
    TITLE_GENDERS,
    TITLES,
    best_name,
    canonical_form,
    cluster_aliases,
    contains_word,
    defined_acronym,
    find_aliases,
    find_news_outlets,
    find_platforms,
    is_acronym,
    is_name_with_possessive,
    is_name_word,
    is_news_outlet,
    is_platform,
    leading_title_words,
    link_mentions,
    parse_titles,
    placed_words,
    strip_possessive,
    vote_label,
)
from pipeline.extract.spans import doc_text
from pipeline.extract.textscan import paragraph_starts
from pipeline.extract.speakers import GIVEN_NAMES, name_gender, opens_its_sentence
from pipeline.extract.wordlists import ListFiles

POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’", "'S", "’S"})
# Words of a call to share or follow that the model sometimes takes for a name ("please SHARE this").
CALLS_TO_ACTION = frozenset({"share", "like", "follow", "comment", "subscribe", "tweet", "retweet", "click", "watch", "read", "more"})
# Last words of place names the model sometimes takes for a person's surname.
PLACE_HEADS = frozenset({"Parish", "County", "Township", "Borough", "City", "Province", "Prefecture"})
# First words of place names the model sometimes takes for a person's first name ("Fort Lee").
PLACE_FIRST_WORDS = frozenset({"Fort", "Mount", "Lake", "Port", "Cape"})
# Last words of sports clubs' names, which the model takes for a person or a place ("Manchester United").
CLUB_LAST_WORDS = frozenset({"United", "Rovers", "Wanderers", "Athletic", "Albion", "FC"})
# Last words of organization names the model sometimes takes for a person ("the Clinton
# Administration", "the Trump Foundation").
ORG_LAST_WORDS = frozenset(ORG_HEADS) | CLUB_LAST_WORDS | frozenset({
    "Administration", "Foundation", "Campaign",
    "Institute", "University", "College", "Party", "Group", "Inc", "Inc.", "Corp", "Corp.", "Ltd", "Ltd.",
    "Association", "Society", "Bank", "Fund", "Trust", "Club", "Center", "Centre",
})

# Endings of the nationality words that are also surnames ("English", "French", "Welsh", "Dutch",
# "Irish"): such a NORP tag is not taken for a person's surname. Not "-ian"/"-ean": surnames end so
# far more often ("Dorrian", "Bonjean") than a nationality is someone's surname.
DEMONYM_ENDINGS = ("ish", "ch", "sh")


@dataclass
class Found:
    """An entity span with what the layer knows about it."""

    span: Span
    normalized: dict | None = None
    canonical: str | None = None
    cluster: str | None = None
    # Character offsets when they are tighter than the span's tokens ("£17.5m" in the token "m.").
    char_range: tuple[int, int] | None = None
    # A name after a courtesy title ("Mr Doherty"): a person whatever the model said.
    titled: bool = False


def entity_item(index: int, found: Found) -> dict:
    """One entity in the record's shape; ``index`` numbers it within its article."""
    span = found.span
    start, end = found.char_range or (span.start_char, span.end_char)
    return {
        "id": f"e{index}",
        "text": span.text[start - span.start_char : end - span.start_char],
        "label": span.label_,
        "start": start,
        "end": end,
        "canonical": found.canonical,
        "cluster": found.cluster,
        "normalized": found.normalized,
    }


def model_entity_items(doc: Doc) -> list[dict]:
    """The model's ``doc.ents`` as entity items (no layer)."""
    return [entity_item(i, Found(span)) for i, span in enumerate(doc.ents, start=1)]


def doc_entities(doc: Doc) -> list[dict]:
    """The entity items of ``doc``: the entities component's, else the model's ``doc.ents``."""
    if doc._.newslens_entities is not None:
        return doc._.newslens_entities
    return model_entity_items(doc)


def keep_first_of_overlapping(found: list[Found]) -> list[Found]:
    """Drop every span that overlaps one earlier in the list (earlier = higher priority)."""
    kept: list[Found] = []
    taken = set()
    for item in found:
        tokens = range(item.span.start, item.span.end)
        if not any(t in taken for t in tokens):
            kept.append(item)
            taken.update(tokens)
    return kept


def trimmed(found: Found, titles: frozenset[str] = TITLES) -> Found:
    """The span cut before a blank line and a "(", without a trailing possessive (but "Moody's"), and a person without ``titles``.

    A person span starting or ending as place names do ("Fort Lee", "Jefferson Parish") is relabelled
    GPE, one ending as organization names do ("Clinton Administration") ORG, and a person or place
    ending as a club's name ("Manchester United") ORG.
    """
    span = found.span
    start, end = span.start, span.end
    doc = span.doc
    label = span.label_
    # No name runs across a blank line ("Trump Hit Over Not Releasing Tax Returns\n\nTrump", "September 27,
    # 2016\n\nLooks"): the model glued a heading or a line's end to the next paragraph's first words.
    end = next((t.i for t in doc[start + 1:end] if t.is_space and t.text.count("\n") >= 2), end)
    if label != "LAW" and label != "MONEY":
        end = next((t.i for t in doc[start + 1:end] if t.text == "("), end)
    while end - start > 1 and doc[end - 1].text in POSSESSIVE_TOKENS | {",", "-", "("} and not is_name_with_possessive(doc[start:end].text):
        end -= 1
    if label == "PERSON":
        start += leading_title_words([t.text for t in doc[start:end]], titles)
        if end - start > 1 and (doc[end - 1].text in PLACE_HEADS or doc[start].text in PLACE_FIRST_WORDS):
            label = "GPE"
        elif end - start > 1 and doc[end - 1].text in ORG_LAST_WORDS:
            label = "ORG"
    elif label == "GPE" and end - start > 1 and doc[end - 1].text in CLUB_LAST_WORDS:
        label = "ORG"
    if (start, end, label) == (span.start, span.end, span.label_):
        return found
    return respanned(found, Span(doc, start, end, label=label))


def opens_a_phrase(token: Token) -> bool:
    """True when ``token`` starts its sentence, a line or a quotation, where every word is capitalized."""
    if token.is_sent_start or token.i == 0:
        return True
    previous = token.doc[token.i - 1]
    return previous.is_quote or "\n" in previous.text or "\n" in previous.whitespace_


def without_lead_in(found: Found, person_names: set[str], stop_words: frozenset[str],
                    given_names: dict[str, str] = GIVEN_NAMES) -> Found:
    """A person span without a first word the model glued to the name, when that word is no given name:

    - a function word or an "-ing" word opening a sentence, line or quotation ("Neither Cruz",
      "Without Bloomberg", "Injecting Clinton", "Asserting Clinton"); "Will" stays, a given name as
      often as a verb ("Will Hurd");
    - any word before a name the article also writes without it ("Billionaire Donald Trump" beside
      "Donald Trump"; ``person_names``: the article's person spans).
    """
    span = found.span
    if span.label_ != "PERSON" or len(span) < 2 or span[0].text in given_names or not span[0].is_alpha:
        return found
    first = span[0].lower_
    lead_in = (opens_a_phrase(span[0]) and ((first in stop_words and first != "will") or (first.endswith("ing") and len(first) > 4))) \
        or (len(span[1:].text.split()) >= 2 and span[1].text in given_names and span[1:].text in person_names)
    if not lead_in:
        return found
    start = span.start + 1
    while start < span.end - 1 and not span.doc[start].is_alpha:
        start += 1  # the "’s" of "That’s Jeb Bush"
    return respanned(found, Span(span.doc, start, span.end, label="PERSON"))


def respanned(found: Found, span: Span) -> Found:
    """``found`` on another span, keeping what it knows; tight offsets are kept within the new span."""
    char_range = None
    if found.char_range:
        start, end = max(found.char_range[0], span.start_char), min(found.char_range[1], span.end_char)
        char_range = tight_range(span, start, end) if start < end else None
    return Found(span, found.normalized, found.canonical, found.cluster, char_range, found.titled)


def rule_spans(doc: Doc, text: str, model_ents: list[Span], law_rules: tuple[LawRule, ...] = RULES) -> list[Found]:
    """LAW (by ``law_rules``), MONEY, social-platform and news-outlet ORG spans found by rule in ``text`` (the
    doc's), with their exact offsets where tighter than tokens. A platform inside the model's ORG ("Facebook Inc")
    is left to it; an outlet is taken only where the model found nothing ("Andrew Breitbart" stays a person)."""
    found: list[Found] = []
    for law in find_laws(text, law_rules):
        span = doc.char_span(law.start, law.end, label="LAW", alignment_mode="expand")
        if span is not None:
            found.append(Found(span, law.normalized, char_range=tight_range(span, law.start, law.end)))
    model_orgs = [(e.start_char, e.end_char) for e in model_ents if e.label_ == "ORG"]
    for start, end in find_platforms(text):
        span = doc.char_span(start, end, label="ORG")
        if span is not None and not any(s <= start and end <= e for s, e in model_orgs):
            found.append(Found(span))
    model_starts = [e.start_char for e in model_ents]
    for start, end in find_news_outlets(text):
        span = doc.char_span(start, end, label="ORG")
        if span is not None and not overlaps_entity(model_ents, model_starts, start, end):
            found.append(Found(span))
    for money in find_money(text):
        span = doc.char_span(money.start, money.end, label="MONEY", alignment_mode="expand")
        if span is not None:
            found.append(Found(span, money.normalized, char_range=tight_range(span, money.start, money.end)))
    return found


def overlaps_entity(ents: list[Span], starts: list[int], start: int, end: int) -> bool:
    """True when one of ``ents`` (sorted, not overlapping; ``starts`` their start offsets) overlaps ``[start, end)``."""
    i = bisect_left(starts, end)
    return i > 0 and ents[i - 1].end_char > start


def tight_range(span: Span, start: int, end: int) -> tuple[int, int] | None:
    """``(start, end)`` when it is tighter than the span's tokens ("£17.5m" in the token "m."), else None."""
    return (start, end) if (start, end) != (span.start_char, span.end_char) else None


def joined_person_names(ents: list[Span]) -> list[Span]:
    """The model's entities with a person's name it split in two made one ("Amy Berman" + "Jackson").

    Two PERSON spans join when the second follows the first with nothing but a space between and is
    one capitalized word.
    """
    joined: list[Span] = []
    for ent in ents:
        previous = joined[-1] if joined else None
        if (
            previous is not None and ent.label_ == previous.label_ == "PERSON" and ent.start == previous.end
            and len(ent) == 1 and ent[0].is_alpha and ent[0].is_title and previous[-1].whitespace_ == " "
        ):
            joined[-1] = Span(ent.doc, previous.start, ent.end, label="PERSON")
        else:
            joined.append(ent)
    return joined


COURTESY_TITLE_IDS = frozenset(get_string_id(title) for title in COURTESY_TITLES)


def titled_people(doc: Doc, found: list[Found], titles: frozenset[str] = TITLES) -> list[Found]:
    """``found`` with every name after a courtesy title ("Mr Doherty", "Dame Judi Dench", "Sen. Paul")
    a PERSON: the model's entities inside the title and name become that person, and a name no
    entity covers is added. An entity reaching past the name ("Mr Brown's Finance Facility") is left."""
    titles_at = [i for i, orth in enumerate(doc.to_array("ORTH").tolist()) if orth in COURTESY_TITLE_IDS]  # no Token objects
    if not titles_at:
        return found
    covering = [-1] * len(doc)
    for index, f in enumerate(found):
        covering[f.span.start:f.span.end] = [index] * len(f.span)
    replaced: dict[int, Found | None] = {}  # None: dropped, inside a titled person kept at another index
    added: list[Found] = []
    for position in titles_at:
        title = doc[position]
        first = title.i + 1
        if first < len(doc) and doc[first].text == ".":
            first += 1  # "Mr ." split by the tokenizer
        if first >= len(doc):
            continue
        end = first
        while end < len(doc) and end - first < 3 and is_name_word(doc[end].text) and (end == first or not doc[end].is_sent_start):
            end += 1
        if end == first or doc[first].text.rstrip(".") in titles or f"{title.text.rstrip('.')} {doc[first].text}" in NOT_PEOPLE:
            continue
        inside = {covering[i] for i in range(title.i, end) if covering[i] != -1}
        if any(found[i].span.start < title.i or found[i].span.end > end for i in inside):
            continue
        person = Span(doc, first, end, label="PERSON")
        if inside:
            kept = next(iter(inside))
            for i in inside:
                replaced[i] = None
            replaced[kept] = Found(person, titled=True)
        else:
            added.append(Found(person, titled=True))
    kept_found = [replaced.get(i, f) for i, f in enumerate(found)]
    return [f for f in kept_found if f is not None] + added


def title_gender(span: Span) -> str | None:
    """The gender the courtesy title right before a name tells ("Mrs. Clinton": female; "Mr ." split by
    the tokenizer counts), or None."""
    before = span.start - 1
    if before >= 0 and span.doc[before].text == ".":
        before -= 1
    return TITLE_GENDERS.get(span.doc[before].text) if before >= 0 else None


def is_surname_as_noun(span: Span, surnames: set[str]) -> bool:
    """True for a one-word nationality tag that is the surname of a person the article names in full
    ("Jaynes amassed" beside "Peter Jaynes": the model's NORP for a surname it does not know), unless
    it is shaped like a nationality ("English", "French": Bill English's article also has English
    football) or follows "the"."""
    if len(span) != 1 or span.text not in surnames or span.text.endswith(DEMONYM_ENDINGS):
        return False
    return span.start == 0 or span.doc[span.start - 1].lower_ != "the"


def is_cased(text: str, sample: int = 2000) -> bool:
    """True unless ``text`` is written without capitals (some wire stories come all in lower case):
    at least one in a hundred of its first ``sample`` characters is a capital letter."""
    head = text[:sample]
    return sum(map(str.isupper, head)) * 100 >= len(head)


def model_found(span: Span, known_law_names: tuple[str, ...] = KNOWN_LAW_NAMES,
                not_laws: frozenset[str] = NOT_LAWS, cased: bool = True) -> Found | None:
    """The layer's view of one of the model's entities: None for what is no entity of its label.

    A social platform or a news outlet is never a person (it becomes ORG); a religious text or an adjective is never
    a law (``not_laws``; ``known_law_names`` are laws); a call to share or follow ("please SHARE, SHARE, SHARE") is nothing; a money span loses
    its qualifier ("about $4 billion" → "$4 billion"), and one in "per cent" is a percentage; a
    person, organization or place written without a capital ("marijuana brownies") is nothing in a
    ``cased`` text.
    """
    label = span.label_
    words = [t.lower_ for t in span if t.is_alpha]
    if words and all(word in CALLS_TO_ACTION for word in words):
        return None
    if label in CLUSTERED_LABELS and cased and span.text.islower():
        return None  # "marijuana brownies": no name is written without a capital
    if label == "PERSON" and (is_platform(span.text) or is_news_outlet(span.text)):
        return Found(Span(span.doc, span.start, span.end, label="ORG"))
    if label == "LAW" and not names_a_law(span.text, known_law_names, not_laws):
        return None
    if label == "MONEY" and is_percentage(span.text):
        return Found(Span(span.doc, span.start, span.end, label="PERCENT"))
    if label == "MONEY":
        skip = amount_start(span.text)
        if skip:
            start = span.start_char + skip
            trimmed_span = span.doc.char_span(start, span.end_char, label="MONEY", alignment_mode="expand")
            if trimmed_span is not None:
                return Found(trimmed_span, char_range=tight_range(trimmed_span, start, span.end_char))
    return Found(span)


class EntitiesComponent:
    """Writes ``doc._.newslens_entities`` (and rewrites ``doc.ents``) as described in the module.

    ``titles``, ``laws`` and ``not_laws`` are list files in the format of ``pipeline/data/titles.txt``,
    ``laws.txt`` and ``not_laws.txt`` (default: those files) that replace the shipped lists of person
    titles, law names found wherever written, and names the model tags LAW that are no law.
    ``to_disk`` saves the lists in use with the pipeline and ``from_disk`` restores them, so a saved
    pipeline keeps them on a machine where the original files are not.
    """

    def __init__(self, nlp: Language, name: str, enhance: bool = True, scorer: Optional[Callable] = None,
                 titles: Optional[str] = None, laws: Optional[str] = None, not_laws: Optional[str] = None) -> None:
        self.name = name
        self.enhance = enhance
        self.scorer = scorer
        self.stop_words = frozenset(nlp.Defaults.stop_words)
        self.lists = ListFiles({"titles.txt": titles, "laws.txt": laws, "not_laws.txt": not_laws})

    # Parsed on first use (a pipeline loaded from disk has its saved lists by then), then kept.
    @cached_property
    def titles(self) -> frozenset[str]:
        return parse_titles(self.lists.text("titles.txt"))

    @cached_property
    def known_law_names(self) -> tuple[str, ...]:
        return parse_known_law_names(self.lists.text("laws.txt"))

    @cached_property
    def not_laws(self) -> frozenset[str]:
        return parse_not_laws(self.lists.text("not_laws.txt"))

    @cached_property
    def law_rules(self) -> tuple[LawRule, ...]:
        return law_rules(self.known_law_names, self.not_laws)

    def to_disk(self, path, *, exclude: Iterable[str] = ()) -> None:
        """Save the lists in use as ``path/titles.txt``, ``laws.txt`` and ``not_laws.txt``."""
        self.lists.to_disk(path)

    def from_disk(self, path, *, exclude: Iterable[str] = ()) -> "EntitiesComponent":
        """Use the lists saved by :meth:`to_disk`."""
        self.lists.from_disk(path)
        for parsed in ("titles", "known_law_names", "not_laws", "law_rules"):
            self.__dict__.pop(parsed, None)
        return self

    def score(self, examples: Iterable[Example], **kwargs) -> dict:
        """The registered scorer's scores (``newslens_ents_p``, ``_r``, ``_f``, ``_per_type``)."""
        validate_examples(examples, "EntitiesComponent.score")
        return self.scorer(examples, **kwargs)

    def __call__(self, doc: Doc) -> Doc:
        if not self.enhance:
            doc._.newslens_entities = model_entity_items(doc)
            return doc
        text = doc_text(doc)
        model_ents = joined_person_names(list(doc.ents))
        ruled = rule_spans(doc, text, model_ents, self.law_rules)
        cased = is_cased(text)
        model = [f for f in (model_found(e, self.known_law_names, self.not_laws, cased) for e in model_ents) if f is not None]
        found = keep_first_of_overlapping(ruled + model)
        found = [trimmed(f, self.titles) for f in found]
        person_names = {f.span.text for f in found if f.span.label_ == "PERSON"}
        found = [without_lead_in(f, person_names, self.stop_words) for f in found]
        found = titled_people(doc, found, self.titles)
        found = self.cluster(doc, text, found)
        found.sort(key=lambda f: f.span.start)
        doc.ents = [f.span for f in found]
        doc._.newslens_entities = [entity_item(i, f) for i, f in enumerate(found, start=1)]
        return doc

    def cluster(self, doc: Doc, text: str, found: list[Found]) -> list[Found]:
        """Cluster PERSON/ORG/GPE mentions, vote labels, add missed mentions, set canonical and ids."""
        members, mentions = [], []
        # Surnames of full names on one line, in name words ("BBC Sport Wales" and "John Yob\n\nNevada"
        # are the model's mistakes): evidence that a lone NORP or place tag is a person.
        surnames = {name.split()[-1] for name in (canonical_form(f.span.text, "PERSON", self.titles) for f in found
                                                  if f.span.label_ == "PERSON" and "\n" not in f.span.text)
                    if len(name.split()) >= 2 and all(is_name_word(word) for word in name.split())}
        placed = placed_words(text) if any(f.span.label_ == "GPE" and f.span.text in surnames for f in found) else set()
        for i, f in enumerate(found):
            label = f.span.label_
            if label in CLUSTERED_LABELS or (label == "NORP" and (is_acronym(f.span.text) or is_surname_as_noun(f.span, surnames))):
                name = canonical_form(f.span.text, label, self.titles)
                if name:  # a span of punctuation or a lone "the" names nothing
                    acronym = defined_acronym(text, name, f.span.end_char) if label in {"ORG", "GPE"} else None
                    unplaced = label == "GPE" and name in surnames and strip_possessive(name) not in placed
                    members.append(i)
                    opens = label == "PERSON" and len(name.split()) >= 2 and opens_its_sentence(text, f.span.start_char)
                    mentions.append(Mention(f.span.start_char, label, name, acronym, f.titled, unplaced, title_gender(f.span), opens))
        roots = link_mentions(mentions, name_gender, paragraph_starts(text))
        groups: dict[int, list[int]] = {}
        for position, root in enumerate(roots):
            groups.setdefault(root, []).append(position)
        names_by_cluster: dict[str, tuple[str, list[str]]] = {}
        cluster_of: dict[int, str] = {}
        for root, positions in groups.items():
            label, outright = vote_label([(mentions[p].label, mentions[p].weight) for p in positions])
            if label not in CLUSTERED_LABELS:
                continue
            key = f"root{root}"
            names = [mentions[p].name for p in positions]
            names += [mentions[p].acronym_defined for p in positions if mentions[p].acronym_defined]
            names_by_cluster[key] = (label, names)
            for p in positions:
                index = members[p]
                span = found[index].span
                if span.label_ != label and outright:
                    found[index] = respanned(found[index], Span(doc, span.start, span.end, label=label))
                if found[index].span.label_ in CLUSTERED_LABELS:
                    cluster_of[index] = key
        found = found + self.missed_mentions(doc, text, found, names_by_cluster, cluster_of)
        return self.number_clusters(found, names_by_cluster, cluster_of)

    def missed_mentions(self, doc: Doc, text: str, found: list[Found], names_by_cluster: dict, cluster_of: dict[int, str]) -> list[Found]:
        """Mentions of a cluster's names in text no entity covers (registered in ``cluster_of``)."""
        aliases = cluster_aliases(names_by_cluster, lambda word: self.is_common_word(word, text), self.titles)
        if not aliases:
            return []
        covered = bytearray(len(text) + 1)
        for f in found:
            covered[f.span.start_char:f.span.end_char] = b"\x01" * (f.span.end_char - f.span.start_char)
        added: list[Found] = []
        for start, end, alias in find_aliases(text, aliases):
            if any(covered[start:end]):
                continue
            span = doc.char_span(start, end)
            if span is None or not self.is_standalone(doc, span):
                continue
            covered[start:end] = b"\x01" * (end - start)
            cluster = aliases[alias]
            cluster_of[len(found) + len(added)] = cluster
            added.append(Found(Span(doc, span.start, span.end, label=names_by_cluster[cluster][0])))
        return added

    def is_common_word(self, word: str, text: str) -> bool:
        """True for a stop word or a word the text also uses in lower case ("Department", "department")."""
        lower = word.lower()
        return lower in self.stop_words or contains_word(text, lower)

    def is_standalone(self, doc: Doc, span: Span) -> bool:
        """True when ``span`` is a name on its own, not part of a longer capitalized name."""
        if span.end < len(doc) and doc[span.end].is_alpha and doc[span.end].text[0].isupper():
            return False
        if span.start > 0 and not doc[span.start].is_sent_start:
            previous = doc[span.start - 1]
            if previous.is_alpha and previous.text[0].isupper() and previous.text.rstrip(".") not in self.titles:
                return False
        return True

    @staticmethod
    def number_clusters(found: list[Found], names_by_cluster: dict, cluster_of: dict[int, str]) -> list[Found]:
        """Give clusters ids k1, k2… in order of first mention, and every member its canonical name."""
        order = sorted(range(len(found)), key=lambda i: found[i].span.start)
        ids: dict[str, str] = {}
        canonical = {key: best_name(names, label) for key, (label, names) in names_by_cluster.items()}
        for i in order:
            key = cluster_of.get(i)
            if key is None:
                continue
            if key not in ids:
                ids[key] = f"k{len(ids) + 1}"
            found[i].cluster = ids[key]
            found[i].canonical = canonical[key]
        return found


@Language.factory(
    "newslens_entities",
    requires=["doc.ents", "token.is_sent_start"],
    assigns=["doc.ents", "doc._.newslens_entities"],
    default_config={"enhance": True, "titles": None, "laws": None, "not_laws": None,
                    "scorer": {"@scorers": "newslens.entities_scorer.v1"}},
    default_score_weights={"newslens_ents_f": 1.0, "newslens_ents_p": 0.0, "newslens_ents_r": 0.0, "newslens_ents_per_type": None},
)
def make_entities(nlp: Language, name: str, enhance: bool, titles: Optional[str], laws: Optional[str],
                  not_laws: Optional[str], scorer: Optional[Callable]) -> EntitiesComponent:
    """The entity layer; ``enhance = false`` copies the model's entities unchanged. ``titles``, ``laws``
    and ``not_laws`` override the shipped lists (files in their formats)."""
    return EntitiesComponent(nlp, name, enhance, scorer, titles, laws, not_laws)
