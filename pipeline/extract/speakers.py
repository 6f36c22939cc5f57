"""Speakers: the mention a cue attributes a quote to, and the person or organization it stands for.

The mention is the noun phrase around the subject's head word without its appositions or relative
clauses ("Hugh Hill" in "Hugh Hill, a doctor in Leeds, said"), widened to a named entity that
overlaps it. What it stands for (:func:`resolve_speaker`):

- a name: the entity item at the mention's head word ("Trump" in "Donald Trump", not in "Trump's
  spokesman");
- a personal pronoun ("he said"): the earlier person (or, for "it"/"they", organization or group;
  for "they" also people named together, "Mr. Grassley and Mr. Leahy") that agrees with it —
  gender from honorifics ("Ms Khan") and given names (``pipeline/data/first_names.txt``), a
  mention's own before its person's (the entity stage files "Mr. Clinton" under Hillary Clinton; a
  bare surname it files under a namesake of the other gender stands for the namesake who agrees),
  number, person or organization — preferring the last compatible speaker when recent (journalists name a
  speaker, then write "he said") unless the narration names another compatible person since, and
  the person opening the sentence before ("Manafort's tone … was defiant. He declined …"), else
  the nearest compatible mention; a gender a resolved "he"/"she" showed holds for the rest of the
  article; after "One woman …" brings in someone unnamed, "she" is no one named; "As he spoke …,
  Trump became …" points ahead to the main clause's subject, and so does a "he"/"she" no one named
  before fits ("Serving notice that he intends …, Gov. Scott Walker …"); "it"/"they" look back only a
  sentence or two of narration (from their quote's start when the quote comes first: "“…,” it
  added"), passing over what is named only in passing (a group's adjective, "American workers"; a
  place after a preposition, "an ad in Indiana") unless nothing else fits;
- a relative pronoun ("Mr. Kamin, who emphasized"): the relative clause's head, resolved in turn
  (the last person of a list it follows; no one for "one of the few Republicans who"); when the
  head names no one ("economists who argue", "the study, which notes"), the quote's speaker
  mention runs from the head to the pronoun, so a reader is never shown a bare "who";
- a role ("the mayor", "the spokesman"): the nearest earlier person the article gives that role,
  as a title ("Mayor Mitch Landrieu", "spokesman Josh Earnest", "Sen. Ted Cruz") or in apposition
  ("Landrieu, the mayor"), whose title fits the mention's qualifiers: the same "former"/"vice"/"deputy",
  no other party ("the Democratic nominee"), and the place the mention names ("the Vermont senator":
  "Vermont Sen. …" or a tag "(I-Vt.)"); none when no titled person fits, since a wrong name is worse
  than none;
- the narrator's "I"/"we" outside quotation marks: the article's author, named by the record's
  byline when it has one (:func:`credit_narrator`), else by nobody.

No coreference model installs offline; these rules are scored on labelled referents
(``data/labels/polnear_dev_pronoun_referents.jsonl`` and ``polnear_train701_pronoun_referents.jsonl``,
see docs/evaluation.md).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Token

from pipeline.extract.names import leading_title_words
from pipeline.extract.quote_marks import MARK_PATTERN
from pipeline.extract.wordlists import list_entries, list_text

# Dependents that belong to a speaker's noun phrase (the rest: appositions, relative clauses,
# prepositional tails, are descriptions of the speaker, not the mention).
MENTION_DEPS = frozenset({"compound", "det", "amod", "poss", "nummod", "nmod", "case", "quantmod", "flat"})
# What each personal pronoun a speaker can be may refer to.
PRONOUN_LABELS = {
    **dict.fromkeys(("he", "she"), frozenset({"PERSON"})),
    "it": frozenset({"ORG", "GPE"}),
    "they": frozenset({"ORG", "NORP"}),
}
PRONOUN_GENDERS = {"he": "male", "she": "female"}
# "It"/"they" refer to an organization or group named this close before (in characters): further
# back they mostly mean a thing or an unnamed group ("the returns", "demonstrators").
ORGANIZATION_PRONOUN_REACH = 250
# The narrator's pronouns: outside quotation marks they are the article's author ("me"/"us": the
# person something seems so to, "seems credible to me"). "I" and "me" are one person.
NARRATOR_PRONOUNS = frozenset({"i", "we", "me", "us"})
SINGULAR_NARRATOR_PRONOUNS = frozenset({"i", "me"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Headline and section labels that are never speakers ("BREAKING: …", "WATCH: …").
HEADLINE_WORDS = frozenset({
    "breaking", "breaking news", "watch", "watch live", "update", "updated", "updates", "exclusive", "developing",
    "just in", "live", "listen", "alert", "urgent", "wow", "boom", "busted", "flashback", "must see", "must watch",
    "correction", "clarification", "editor's note", "editor’s note", "related", "trending", "bombshell",
    "opinion", "analysis", "editorial", "commentary", "the latest", "latest",
})
# Honorifics and gendered nouns that tell a person's gender, as they precede a name in news text
# ("Ms Khan", "9/11 widow Terry Strada", "her husband, Bill").
HONORIFIC_GENDERS = {
    **dict.fromkeys(("mr", "mr.", "sir", "lord", "king", "husband", "father", "son", "brother", "widower",
                     "congressman", "spokesman", "chairman", "businessman", "actor", "uncle", "grandfather"), "male"),
    **dict.fromkeys(("ms", "ms.", "mrs", "mrs.", "miss", "lady", "dame", "queen", "wife", "mother", "daughter",
                     "sister", "widow", "congresswoman", "spokeswoman", "chairwoman", "businesswoman", "actress",
                     "aunt", "grandmother", "first lady"), "female"),
}
# Between two people named together ("Mr. Grassley and Mr. Leahy", "Obama, Clinton and Kaine"): a
# comma or "and", then up to three words that may be the next one's titles.
COORDINATION_GAP = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+)((?:[A-Z][\w.]*\s+){0,3})")
# Words that open a subordinate clause whose subject pronoun may point ahead to the main clause's
# subject ("As he spoke …, Trump became …"), and how far ahead (characters) that clause's comma may be.
CATAPHORA_SUBORDINATORS = frozenset({"as", "while", "when", "although", "though", "after", "before", "because", "once", "until"})
CATAPHORA_REACH = 200
# Characters a subordinator and the space after it take at most ("although ").
SUBORDINATOR_WIDTH = max(map(len, CATAPHORA_SUBORDINATORS)) + 1
# How far back (characters) to look for the start of the sentence a group of people is named in.
SENTENCE_LOOKBACK = 80
# A "he"/"she" looks for people among this many named mentions (of any kind) before it: in news a
# person named only before them has been out of the text for paragraphs and loses to anyone named
# since, and the bound keeps resolving an article's speakers linear in its length on hostile text.
PERSON_PRONOUN_MENTIONS = 150
# Weights of a "he"/"she" candidate's score (see resolve_pronoun): characters of distance that cost
# as much as the log of its mention count; a turn as a speaker this close before (characters,
# about two paragraphs), more for the last such turn (a pronoun mostly continues the last speaker,
# even over a person the article names more often); a gender known to agree.
RECENCY_SCALE = 800
RECENT_SPEAKER_CHARS = 600
SPEAKER_BONUS = 1.0
LAST_SPEAKER_BONUS = 1.0
GENDER_BONUS = 0.5
# A person who opens the pronoun's sentence or the one before ("Manafort's tone … was defiant. He
# declined …"): the subject a "he"/"she" most often continues, even over a person named ten times
# more who spoke last (at 1.5, train 701–740 lost "Dan Fishman, the campaign's director, … “…,” he
# said" to the article's protagonist).
SUBJECT_BONUS = 2.5
# A subject's sentence starts at most SUBJECT_LOOKBACK characters before it, and it stands at most
# SUBJECT_REACH characters before the pronoun; an opening phrase before its comma ("At the news
# conference, Manafort …") has at most OPENING_PHRASE_WORDS words; the conjunctions that may stand
# before a subject ("But then Trump …").
SUBJECT_LOOKBACK = 200
SUBJECT_REACH = 1000
OPENING_PHRASE_WORDS = 4
CLAUSE_CONJUNCTIONS = frozenset({"and", "but", "or", "so", "yet", "then", "also"})
# A sentence that brings in an unnamed person ("One woman adopted from Iran …", "A father of three
# said …"): a "she"/"he" after it is that person, not someone named before; looked for this far back.
# A name in apposition ("One local woman, Karen Robison, …") names the person.
PERSON_NOUN = r"(?P<noun>woman|girl|mother|wife|daughter|sister|grandmother|widow|man|boy|father|husband|son|brother|grandfather)\b"
UNNAMED_PERSON = re.compile(
    r"(?:^|[.?!]\s+|\n)(?P<phrase>(?:One|A|An|Another)\s+(?:[\w-]+\s+){0,2}?" + PERSON_NOUN + r")(?!,\s+[A-Z])")
# A sentence opening with a definite phrase for a person the article does not name ("The homeless woman
# reveals …", "The young man said …"): what a "she"/"he" that finds no named person stands for.
DEFINITE_PERSON = re.compile(r"(?:^|[.?!]\s+|\n)(?P<phrase>The\s+(?:[\w-]+\s+){0,3}?" + PERSON_NOUN + r")(?!,\s+[A-Z])")
# A sentence opening with an unnamed person named by what they are, of either gender ("A neighbor of the
# victim said she heard …", "One unidentified officer … He is suggesting …"): the same for a "she"/"he".
UNNAMED_ROLE = re.compile(
    r"(?:^|[.?!]\s+|\n)(?P<phrase>(?:One|A|An|Another|The)\s+(?:[\w-]+\s+){0,3}?"
    r"(?P<noun>officer|neighbor|neighbour|witness|resident|voter|worker|student|teacher|nurse|doctor|veteran|"
    r"activist|supporter|protester|employee|official|source|relative|owner|customer|passenger|driver)\b)(?!,\s+[A-Z])")
UNNAMED_PERSON_GENDERS = {**dict.fromkeys(("woman", "girl", "mother", "wife", "daughter", "sister", "grandmother", "widow"), "female"),
                          **dict.fromkeys(("man", "boy", "father", "husband", "son", "brother", "grandfather"), "male")}
UNNAMED_PERSON_REACH = 1000
# Where a sentence ends, for counting the sentences between a subject and a pronoun (a paragraph
# break after a full stop is one end): not after an initial or a title's abbreviation ("Friends of Mr.
# Clinton's say …" is one sentence; the lookbehinds are fixed-width, so the scan stays linear).
SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Lt))(?<!\b(?:Mrs|Sen|Rep|Gov|Gen|Rev|Col|Sgt))(?<!\bProf)"
                          r"[.?!][\"”’)]*\s+|\n\s*")
# A bare surname stands for another person of that surname (:func:`as_compatible`) only when the
# article names at most this many in full: more are too many to tell apart, and the bound keeps each
# lookup constant on hostile text (a namesake list stops growing one past it).
MOST_NAMESAKES = 3
# Object forms a cue's subject can take ("heard him say", "let them know").
OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}
# Role nouns a speaker mention can be ("the mayor", "the Republican nominee", "the company's spokeswoman").
ROLE_WORDS = frozenset({
    "president", "mayor", "governor", "senator", "congressman", "congresswoman", "representative", "spokesman",
    "spokeswoman", "spokesperson", "secretary", "chairman", "chairwoman", "chair", "director", "chief",
    "nominee", "candidate", "minister", "judge", "justice", "attorney", "lawyer", "sheriff", "commissioner",
    "prosecutor", "ambassador", "speaker", "leader", "executive", "ceo", "founder", "manager", "adviser",
    "advisor", "aide", "official", "businessman", "billionaire", "host", "anchor", "author", "professor",
    "economist", "analyst", "pollster", "strategist", "general", "detective", "officer", "superintendent",
    "councilman", "councilwoman", "treasurer", "administrator", "chancellor", "premier", "king", "queen",
    "pope", "coach", "owner", "father", "mother", "widow", "husband", "wife", "son", "daughter", "president-elect",
})
# Title words that give one role, for the roles written more than one way ("Sen. Ted Cruz" is a senator).
ROLE_TITLE_FAMILIES = (
    frozenset({"senator", "sen.", "sen"}),
    frozenset({"governor", "gov.", "gov"}),
    frozenset({"congressman", "congresswoman", "representative", "rep.", "rep"}),
    frozenset({"general", "gen.", "gen"}),
    frozenset({"chair", "chairman", "chairwoman"}),
    frozenset({"spokesman", "spokeswoman", "spokesperson"}),
)
ROLE_TITLES = {word: family for family in ROLE_TITLE_FAMILIES for word in family}
# Words before a role that make it another role: "the former president" is not the president, nor is
# "the vice presidential nominee" the nominee.
ROLE_QUALIFIERS = frozenset({"former", "ex", "vice", "deputy", "assistant", "acting", "lieutenant", "associate", "interim"})
# Party words, by party: "the Democratic nominee" is not the Republican one.
PARTIES = {"republican": "R", "gop": "R", "democratic": "D", "democrat": "D", "independent": "I", "libertarian": "L"}
# Words a role in apposition may be followed by and still be the phrase's head ("Clinton, the former
# secretary of state,"; not "Chelsea, the mayor also said").
ROLE_HEAD_FOLLOWERS = frozenset({"of", "for", "at", "in", "on", "from", "to", "who", "and"})
# Capitalized words a title may carry that name no particular place or body ("U.S. Sen.").
NATIONAL_WORDS = frozenset({"u.s.", "us", "u.s", "american", "federal", "national", "state", "then", "now"})
# Words that end a title going back from its role ("named by Trump as an adviser, Page": no title words).
NOT_IN_TITLES = frozenset({"the", "a", "an", "as", "by", "of", "for", "to", "with", "and", "or", "but", "in", "on", "at",
                           "from", "that", "who", "said", "says", "told", "when", "while", "after", "before"})
# How many of a role's holders before a role mention are checked for one that fits it.
ROLE_HOLDERS_CHECKED = 25
# How many words a title before a name may have ("Republican vice presidential nominee Mike Pence").
TITLE_WORDS = 6
# A definite role phrase naming an unnamed person ("The head of the Teachers Union", "the rules
# committee's chairman"): "the", up to three words (no function word), a role (or "head"), and the
# organization's capitalized name after "of" unless a possessive ("the head of the RNC’s rules
# committee" is only "the head"; bounded repeats: linear).
ROLE_PHRASE = re.compile(r"\b[Tt]he\s+(?:(?!(?:the|a|an|as|and|or|of|to|in|on|at|by|for|with|that|who|which)\s)[\w'’.-]+\s+){0,3}?"
                         r"(?P<role>head|" + "|".join(sorted(ROLE_WORDS)) + r")\b"
                         r"(?:\s+of\s+(?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,5}\b(?![’']))?")
# How far around a person's mention a role that names them may stand (characters).
ROLE_WINDOW = 60
# Entity labels a named speaker can have.
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@dataclass
class Narration:
    """The entity items named in an article's narration, in text order (they do not overlap), with
    what resolving speakers looks up near a position: the items ending before it, a name's mention
    count so far, the people named together (:func:`people_named_together`: anywhere, and as
    ``groups`` at the head of a sentence, see :func:`leads_its_sentence`) and the holders of a
    role. Lookups bisect and walk a bounded stretch back, so resolving every speaker of an article
    is linear in its length, however many names and quotes it repeats."""

    text: str
    items: list[dict]
    starts: list[int] = field(init=False)
    ends: list[int] = field(init=False)
    person_ends: dict[str, list[int]] = field(init=False)
    namesakes: dict[str, list[str]] = field(init=False)
    groups: list[list[dict]] = field(init=False)
    group_ends: list[int] = field(init=False)
    named_together: list[list[dict]] = field(init=False)
    named_together_ends: list[int] = field(init=False)
    role_holders: dict[str, list[tuple[dict, list[str]]]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.starts = [item["start"] for item in self.items]
        self.ends = [item["end"] for item in self.items]
        self.person_ends = {}
        self.namesakes = {}
        for item in self.items:
            if item["label"] == "PERSON":
                name = canonical_name(item)
                self.person_ends.setdefault(name, []).append(item["end"])
                *given, surname = name.split() or [""]
                people = self.namesakes.setdefault(surname, []) if given else None
                if people is not None and name not in people and len(people) <= MOST_NAMESAKES:
                    people.append(name)
        self.named_together = people_named_together(self.text, self.items)
        self.named_together_ends = [group[-1]["end"] for group in self.named_together]
        self.groups = [group for group in self.named_together if leads_its_sentence(self.text, group[0]["start"])]
        self.group_ends = [group[-1]["end"] for group in self.groups]

    def ending_by(self, position: int) -> int:
        """How many items end at or before ``position`` (the index after the last of them)."""
        return bisect_right(self.ends, position)

    def last_within_reach(self, position: int, reach_from: int, fits: Callable[[dict], bool]) -> dict | None:
        """The last item ending by ``position`` that ``fits``, among those ending within
        ``ORGANIZATION_PRONOUN_REACH`` before ``reach_from`` (an "it"/"they"'s reach); else None."""
        for i in range(self.ending_by(position) - 1, -1, -1):
            item = self.items[i]
            if reach_from - item["end"] > ORGANIZATION_PRONOUN_REACH:
                return None
            if fits(item):
                return item
        return None

    def mentions_by(self, name: str, position: int) -> int:
        """How many times the person ``name`` is named by ``position``."""
        return bisect_right(self.person_ends.get(name, ()), position)

    def first_starting_after(self, position: int) -> dict | None:
        """The first item that starts after ``position``, or None."""
        i = bisect_right(self.starts, position)
        return self.items[i] if i < len(self.items) else None

    def overlapping(self, start: int, end: int) -> list[dict]:
        """The items that overlap ``[start, end)``."""
        i = bisect_left(self.starts, end)
        found = []
        while i > 0 and self.ends[i - 1] > start:
            i -= 1
            found.append(self.items[i])
        return found

    def last_holder(self, role: str, position: int, fits: Callable[[list[str]], bool]) -> dict | None:
        """The last person ending by ``position`` whom the text gives ``role`` with a description that
        ``fits`` (:func:`role_description`), among the ``ROLE_HOLDERS_CHECKED`` last holders of the role
        (so resolving every role mention stays linear); each role's holders are found once per article."""
        if role not in self.role_holders:
            described = ((item, role_description(self.text, role, item)) for item in self.items if item["label"] == "PERSON")
            self.role_holders[role] = [(item, description) for item, description in described if description is not None]
        holders = self.role_holders[role]
        last = bisect_right(holders, position, key=lambda holder: holder[0]["end"])
        for i in range(last - 1, max(-1, last - 1 - ROLE_HOLDERS_CHECKED), -1):
            if fits(holders[i][1]):
                return holders[i][0]
        return None


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
    """True for the personal pronouns a speaker can be (not the narrator's "I"/"we")."""
    return text.lower() in PRONOUN_LABELS or text.lower() in OBJECT_PRONOUNS


def is_unnamed(text: str) -> bool:
    """True for speaker mentions that name nobody by themselves: pronouns (personal, relative, the
    narrator's) and headline labels."""
    lowered = text.lower()
    return (lowered in PRONOUN_LABELS or lowered in NARRATOR_PRONOUNS or lowered in RELATIVE_PRONOUNS
            or lowered in HEADLINE_WORDS or lowered in ("him", "her", "his", "them", "me", "us", "you"))


def is_role(text: str) -> bool:
    """True for a common-noun mention that names a role ("the mayor", "the GOP nominee"), not a person."""
    words = text.split()
    return len(words) >= 2 and words[0].lower() == "the" and words[-1].lower() in ROLE_WORDS


def canonical_name(item: dict) -> str:
    """The name an entity item resolves to (its cluster's canonical form when known)."""
    return item.get("canonical") or item["text"]


def parse_given_names(text: str) -> dict[str, str]:
    """Gender of each given name, from a list's text (``gender name`` a line, ``#`` comments)."""
    names = {}
    for entry in list_entries(text):
        gender, name = entry.split()
        names[name] = gender
    return names


# The shipped given names (``pipeline/data/first_names.txt``); the quotes component can be given others.
GIVEN_NAMES = parse_given_names(list_text("first_names.txt"))


def parse_states(text: str) -> dict[str, str]:
    """Each state's name by its lowercase abbreviations and name, from a list's text (the name, a tab,
    the abbreviations without their periods)."""
    states = {}
    for entry in list_entries(text):
        name, abbreviations = entry.split("\t")
        states.update(dict.fromkeys([name.lower(), *abbreviations.lower().split()], name))
    return states


# The US states a lawmaker's party-and-state tag names (``pipeline/data/us_states.txt``).
US_STATES = parse_states(list_text("us_states.txt"))
# A lawmaker's party-and-state tag right after the name: "Sen. Ted Cruz (R-Texas)", "(D-N.Y.)".
PARTY_STATE_TAG = re.compile(r"\s*\((?P<party>[RDI])-(?P<state>[A-Z][A-Za-z. ]{1,14})\)")
TAG_PARTIES = {"R": "Republican", "D": "Democratic", "I": "Independent"}


def name_gender(name: str, given_names: dict[str, str] = GIVEN_NAMES) -> str | None:
    """The gender a person's name tells by its given name ("Hillary Clinton" → female, "Kevin" →
    male), or None."""
    words = name.split()
    words = words[leading_title_words(words):]
    return given_names.get(words[0]) if words else None


def mention_gender(text: str, item: dict, given_names: dict[str, str] = GIVEN_NAMES) -> str | None:
    """The gender a person's mention tells by itself: an honorific before it ("Ms Khan", "Mrs.
    Clinton"), else the given name of a mention of two words or more ("Hillary Clinton"; a lone word
    is a surname, and "Warren", "Henry" or "Russell" tell nothing of Elizabeth Warren); or None."""
    words = text[max(0, item["start"] - 16) : item["start"]].replace(",", " ").split()
    honorific = HONORIFIC_GENDERS.get(words[-1].lower()) if words else None
    return honorific or (name_gender(item["text"], given_names) if " " in item["text"].strip() else None)


def with_mention_genders(text: str, entities: list[dict], given_names: dict[str, str] = GIVEN_NAMES) -> list[dict]:
    """``entities`` with the people whose mention tells a gender (:func:`mention_gender`) carrying it as
    ``gender``: the entity stage files a namesake's bare surname under the person named in full
    ("Mr. Clinton" beside "Mrs. Clinton" under Hillary Clinton), so what a mention says of itself
    outweighs what its person's other mentions say (:func:`compatible`). A mention whose gender is
    not its canonical name's (by the given name) is that namesake: its canonical name is its own text,
    so a "he" it takes does not name, nor count the mentions of, Hillary Clinton."""
    found = []
    for item in entities:
        gender = mention_gender(text, item, given_names) if item["label"] == "PERSON" else None
        if not gender:
            found.append(item)
            continue
        by_name = name_gender(canonical_name(item), given_names)
        found.append(dict(item, gender=gender, canonical=item["text"]) if by_name and by_name != gender
                     else dict(item, gender=gender))
    return found


def gender_hints(entities: list[dict], given_names: dict[str, str] = GIVEN_NAMES) -> dict[str, str]:
    """Gender of the people among ``entities`` (with :func:`with_mention_genders`), keyed by canonical
    name: from their mentions' own hints, else from the given name (in ``given_names``) of the
    canonical name; people with conflicting hints are left out."""
    hints: dict[str, set[str]] = {}
    for item in entities:
        if item["label"] != "PERSON":
            continue
        gender = item.get("gender") or name_gender(canonical_name(item), given_names)
        if gender:
            hints.setdefault(canonical_name(item), set()).add(gender)
    return {name: genders.pop() for name, genders in hints.items() if len(genders) == 1}


def compatible(pronoun: str, item: dict, genders: dict[str, str]) -> bool:
    """True when an entity item can be what ``pronoun`` refers to: of a label it may refer to, not a
    mention in passing (``in_passing``, see :func:`with_mentions_in_passing`) and, for "he"/"she", of no other
    gender by the mention's own hint, else by its person's (``genders``)."""
    pronoun = OBJECT_PRONOUNS.get(pronoun.lower(), pronoun)
    if item["label"] not in PRONOUN_LABELS.get(pronoun.lower(), frozenset()) or item.get("in_passing"):
        return False
    wanted = PRONOUN_GENDERS.get(pronoun.lower())
    known = item.get("gender") or genders.get(canonical_name(item))
    return wanted is None or known is None or known == wanted


def as_compatible(pronoun: str, item: dict, narration: Narration, genders: dict[str, str]) -> dict | None:
    """The entity item as what ``pronoun`` may refer to: the item itself when :func:`compatible`; a
    bare surname whose person's gender disagrees as the one other person of that surname named in
    full who agrees (``narration.namesakes``: after "CLEVELAND - Donald Trump" and "Ivanka Trump", the
    entity stage may file every "Trump" under Ivanka, yet "Trump … he said" is Donald Trump); else None."""
    if compatible(pronoun, item, genders):
        return item
    if item["label"] != "PERSON" or item.get("gender") or " " in item["text"]:
        return None
    namesakes = narration.namesakes.get(item["text"], ())
    if len(namesakes) > MOST_NAMESAKES:
        return None
    others = [name for name in namesakes
              if name != canonical_name(item) and compatible(pronoun, dict(item, canonical=name), genders)]
    return dict(item, canonical=others[0]) if len(others) == 1 else None


def learn_gender(genders: dict[str, str], pronoun: str, person: dict) -> None:
    """Record the gender a resolved "he"/"she" tells of a person whose gender no honorific or given
    name told ("Monte Haines … he says" makes a later "she" skip Haines)."""
    gender = PRONOUN_GENDERS.get(OBJECT_PRONOUNS.get(pronoun.lower(), pronoun.lower()))
    if gender and person["label"] == "PERSON":
        genders.setdefault(canonical_name(person), gender)


def people_named_together(text: str, entities: list[dict]) -> list[list[dict]]:
    """Groups of two or more people named together ("Mr. Grassley and Mr. Leahy", "Obama, Clinton and
    Kaine"), in text order: person items separated by a comma or "and" and the next one's titles
    only, the last by "and" ("Donald Trump, Hillary Clinton's rival" is no group), each maybe followed
    by where they work ("Ann Cole of Acme and Tom Vale at the University of Oregon", see
    :func:`is_affiliation`). One pass over ``entities`` (in text order)."""
    groups: list[list[dict]] = []
    current: list[dict] = []
    joined = 0  # how many of ``current`` come up to its last "and"
    anchor = 0  # where the last of ``current`` ends, with its affiliation ("Ann Cole of Acme and Tom Vale")
    for item in entities:
        if item["label"] != "PERSON":
            if current and anchor == current[-1]["end"] and AFFILIATION_GAP.fullmatch(text, anchor, item["start"]):
                anchor = item["end"]
            continue
        gap = COORDINATION_GAP.fullmatch(text, anchor, item["start"]) if current else None
        titles = gap.group(1).split() if gap else []
        anchor = item["end"]
        if gap and leading_title_words(titles + [item["text"]]) == len(titles):
            current.append(item)
            if text[gap.start() : gap.start(1)].strip() != ",":  # "and", "&", ", and"
                joined = len(current)
            continue
        if joined >= 2:
            groups.append(current[:joined])
        current, joined = [item], 0
    if joined >= 2:
        groups.append(current[:joined])
    return groups


def in_ranges(position: int, ranges: list[tuple[int, int]]) -> bool:
    """True when ``position`` lies in one of ``ranges`` (sorted, not overlapping): a binary search."""
    i = bisect_right(ranges, (position, math.inf)) - 1
    return i >= 0 and ranges[i][1] > position


def leads_its_sentence(text: str, start: int) -> bool:
    """True when at most two words ("But", "And then") stand between ``start`` and the start of its
    sentence or clause: a group named there is what it is about ("But Mr. Grassley and Mr. Leahy
    say …", "After the surge, Obama and Clinton withdrew …"), not an object ("raised $3 million
    from A, B and C")."""
    before = text[max(0, start - SENTENCE_LOOKBACK) : start]
    opening = max(before.rfind(mark) for mark in (". ", "\n", "; ", ", ", "? ", "! ", "“", '"'))
    return (opening >= 0 or start < SENTENCE_LOOKBACK) and len(before[opening + 1 :].split()) <= 2


def opens_its_sentence(text: str, start: int) -> bool:
    """True when a mention at ``start`` opens its sentence, as its subject does: only conjunctions
    ("But", "and then"), capitalized words (its titles: "New Jersey Gov. Chris Christie", "Maricopa
    County (Ariz.) Sheriff Joe Arpaio") or a short phrase ending in a role ("Trump campaign
    spokesman Jason Miller") stand between it and the sentence's start, the comma of a short
    opening phrase ("At the news conference, Manafort") or of an opening subordinate clause ("As
    Obama spoke, Trump"). Not subjects: "vouched for Trump's", "a staunch Donald Trump ally", "the
    author of that boast, Muhammad Ali", "The Sanders campaign"."""
    before = text[max(0, start - SUBJECT_LOOKBACK) : start]
    title = before.split()[-1:]
    if title and title[0].endswith(".") and leading_title_words(title + ["Name"]) == 1:
        before = before[: before.rstrip().rfind(title[0])]  # "the parents of Capt. Khan": no sentence ends at "Capt."
    opening = max(before.rfind(mark) for mark in (". ", "\n", "; ", "? ", "! ", "“", '"'))
    if opening < 0 and start >= SUBJECT_LOOKBACK:
        return False
    intro, comma, words = before[opening + 1 :].partition(", ")
    if not comma:
        words = intro
    elif len(intro.split()) > OPENING_PHRASE_WORDS and intro.split()[0].lower() not in CATAPHORA_SUBORDINATORS:
        return False
    words = words.split()
    if words and words[-1].lower() in ("the", "a", "an"):
        return False
    return (all(word[0].isupper() or word[0] == "(" or word in CLAUSE_CONJUNCTIONS for word in words)
            or (len(words) <= 4 and words[-1] in ROLE_WORDS))


def role_phrase_in_sentence(text: str, position: int, gender: str) -> tuple[int, int] | None:
    """The character range of the first definite role phrase ("The head of the Teachers Union", "the
    spokesman") in the sentence of ``position``, before it, that tells no other gender than ``gender``:
    the unnamed person a "she"/"he" with no person named to refer to stands for ("The head of the
    Teachers Union is worried …, because she thinks …"); else None. Looks ``SUBJECT_LOOKBACK``
    characters back at most."""
    for m in ROLE_PHRASE.finditer(text, sentence_start(text, position, max(0, position - SUBJECT_LOOKBACK)), position):
        if HONORIFIC_GENDERS.get(m["role"].lower(), gender) == gender:
            return m.span()
    return None


def sentence_start(text: str, position: int, since: int = 0) -> int:
    """Where the sentence holding ``position`` starts: after the last sentence end (". ", "? ", "! ",
    a line break) between ``since`` and ``position``, else ``since``."""
    return max(since - 1, *(text.rfind(mark, since, position) for mark in (". ", "\n", "? ", "! "))) + 1


def unnamed_person_before(text: str, position: int, gender: str, since: int = 0,
                          pattern: re.Pattern = UNNAMED_PERSON) -> tuple[int, int] | None:
    """The character range of the last phrase bringing in an unnamed person of ``gender`` ("One
    woman", "A 29-year-old Berlin woman", "One woman adopted from Iran …"; or, with ``pattern``
    :data:`DEFINITE_PERSON`, "The homeless woman", or :data:`UNNAMED_ROLE`, "A neighbor") between
    ``since`` and ``position``, at most ``UNNAMED_PERSON_REACH`` characters back, or None."""
    found = None
    for m in pattern.finditer(text, max(since, position - UNNAMED_PERSON_REACH), position):
        if UNNAMED_PERSON_GENDERS.get(m["noun"], gender) == gender:  # UNNAMED_ROLE's nouns tell no gender
            found = m.span("phrase")
    return found


def recent_subject(text: str, position: int, candidates: list[dict], reported: list[tuple[int, int]]) -> dict | None:
    """The last of ``candidates`` (in text order) that opens the sentence of ``position`` or the one
    before it, sentence ends inside what someone is reported to say (``reported``) not counted; or None."""
    for item in reversed(candidates):
        if position - item["end"] > SUBJECT_REACH:
            return None
        if not opens_its_sentence(text, item["start"]):
            continue
        ends = [m.start() for m in SENTENCE_END.finditer(text, item["end"], position)]
        return item if sum(not in_ranges(end, reported) for end in ends) <= 1 else None
    return None


def main_clause_person(position: int, narration: Narration) -> dict | None:
    """The person named at the head of the main clause when the pronoun at ``position`` is the
    subject of an opening subordinate clause ("As he spoke to the delegates, Trump became …"): the
    narration's item right after the clause's comma, or None."""
    text = narration.text
    opening = text[sentence_start(text, position) : position].split()
    if not opening or len(opening) > 2 or opening[-1].lower() not in CATAPHORA_SUBORDINATORS:
        return None
    comma = text.find(",", position, position + CATAPHORA_REACH)
    if comma < 0 or "." in text[position:comma]:
        return None
    item = narration.first_starting_after(comma)
    if item is None:
        return None
    between = text[comma + 1 : item["start"]].split()
    named_next = len(between) <= 2 and all(word[:1].isupper() for word in between)
    return item if named_next else None


def resolve_pronoun(pronoun: str, position: int, narration: Narration, speakers: list[dict],
                    genders: dict[str, str] | None = None, reported: list[tuple[int, int]] = (),
                    quote_start: int | None = None) -> list[dict]:
    """The entity items a pronoun speaker at ``position`` most likely refers to (none, one, or for
    "they" several people named together).

    "It" and "they" take the nearest compatible organization or group within
    ``ORGANIZATION_PRONOUN_REACH`` characters of the narration before the pronoun, or before its
    quote when the quote comes first (``quote_start``: in "“…,” they said" the quote's words are not
    narration that takes the reader away from the group); for "they" that may be people named together
    (``narration.groups``) outside what someone is reported to say (``reported``: the sorted content
    ranges of the article's quotes: mentions there are what someone said, not whom the text is
    about). "He" and "she" weigh every compatible person among the ``narration``'s last
    ``PERSON_PRONOUN_MENTIONS`` mentions by salience (how often named so far), recency (the last mention's
    distance, ``RECENCY_SCALE`` characters costing one point), a recent turn as a speaker
    (``speakers``: entity items of named speakers so far, sorted by end, each with ``turn_end``,
    where its quote ends; journalists name a speaker, then write "he said"), more for the last of
    those turns unless the narration names another compatible person after it ("Christie said …
    Rubio disagreed. “…,” he said"), the person opening the pronoun's sentence or the one before
    (:func:`recent_subject`), and a gender known to agree; after a sentence that brings in an
    unnamed person of the pronoun's gender ("One woman …") it is no one named. A "he"/"she" opening
    a subordinate clause is the person the main clause then names ("As he spoke …, Trump became …";
    see :func:`main_clause_person`). A "he"/"she" no person named before fits is a recent speaker
    whose name the entity stage filed under another label (:func:`recent_speaker_named_like_a_person`),
    else the person its sentence names after it (:func:`person_named_ahead`).
    """
    genders = genders or {}
    text = narration.text
    lowered = OBJECT_PRONOUNS.get(pronoun.lower(), pronoun.lower())
    if lowered in ("it", "they"):
        return nearest_group(lowered, position, narration, genders, reported, quote_start)
    if lowered in PRONOUN_GENDERS:
        named_after = main_clause_person(position, narration)
        if named_after is not None and compatible(lowered, named_after, genders):
            return [named_after]
    last = narration.ending_by(position)
    window = narration.items[max(0, last - PERSON_PRONOUN_MENTIONS) : last]
    nearby = [fitting for item in window if (fitting := as_compatible(lowered, item, narration, genders)) is not None]
    if not nearby:
        speaker = (recent_speaker_named_like_a_person(position, speakers)
                   or person_named_ahead(lowered, position, narration, genders, reported))
        return [speaker] if speaker is not None else []
    last_mentions = {canonical_name(item): item for item in nearby}
    # canonical name -> [mentions so far, last mention, recent speaker]
    people = {name: [narration.mentions_by(name, position), item, False] for name, item in last_mentions.items()}
    last_speaker, last_turn = None, position
    recent = bisect_right(speakers, position - RECENT_SPEAKER_CHARS, key=lambda item: item["end"])
    for item in speakers[recent : bisect_right(speakers, position, key=lambda item: item["end"])]:
        name = canonical_name(item)
        if name in people:
            people[name][2] = True
            last_speaker, last_turn = name, item["turn_end"]
    if any(e["start"] >= last_turn and canonical_name(e) != last_speaker and not in_ranges(e["start"], reported)
           for e in nearby):
        last_speaker = None
    wanted = PRONOUN_GENDERS.get(lowered)
    subject = recent_subject(text, position, nearby, reported)
    subject_name = canonical_name(subject) if subject is not None else None

    def score(name: str) -> float:
        mentions, last, spoke = people[name]
        return (math.log(1 + mentions) - (position - last["end"]) / RECENCY_SCALE
                + SPEAKER_BONUS * spoke + LAST_SPEAKER_BONUS * (name == last_speaker)
                + GENDER_BONUS * (genders.get(name) == wanted) + SUBJECT_BONUS * (name == subject_name))

    best = people[max(people, key=score)][1]
    if wanted and unnamed_person_before(text, position, wanted, since=best["end"]) is not None:
        return []
    return [best]


def person_named_ahead(pronoun: str, position: int, narration: Narration, genders: dict[str, str],
                       reported: list[tuple[int, int]] = ()) -> dict | None:
    """The first person compatible with a "he"/"she" at ``position`` that the narration names after it in its
    sentence, at most ``CATAPHORA_REACH`` characters ahead, outside what someone is reported to say
    (``reported``: a name in the pronoun's own quote is whom it talks about): what a pronoun that no person
    named before can be points ahead to ("Serving notice that he intends to run, Gov. Tom Hale told …", an
    article's opening phrase); else None."""
    text = narration.text
    sentence_end = SENTENCE_END.search(text, position, position + CATAPHORA_REACH)
    limit = sentence_end.start() if sentence_end else position + CATAPHORA_REACH
    for i in range(bisect_right(narration.starts, position), len(narration.items)):
        item = narration.items[i]
        if item["start"] >= limit:
            return None
        if item["label"] == "PERSON" and compatible(pronoun, item, genders) and not in_ranges(item["start"], reported):
            return item
    return None


# A name the entity stage filed under another label that a he/she with no person to refer to may still
# be: one to three capitalized words, letters only ("Maryam Violet" ORG, then "Violet" ORG; not "NASA").
PERSON_LIKE_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}")


def recent_speaker_named_like_a_person(position: int, speakers: list[dict]) -> dict | None:
    """The last speaker before ``position`` (within ``RECENT_SPEAKER_CHARS``) whose name the entity stage
    filed under another label but reads as a person's ("Maryam Violet, an Iranian journalist, told the
    Guardian …. “…,” she said", a lone surname filed so: "“…,” Violet said. “…,” she said"): what a
    "he"/"she" that finds no person among the narration's mentions refers to; else None. ``speakers`` are sorted by end (see :func:`resolve_pronoun`)."""
    last = bisect_right(speakers, position, key=lambda item: item["end"])
    if not last:
        return None
    speaker = speakers[last - 1]
    if position - speaker["turn_end"] > RECENT_SPEAKER_CHARS or speaker["label"] not in MISFILED_NAME_LABELS \
            or not PERSON_LIKE_NAME.fullmatch(speaker["text"]):
        return None
    return dict(speaker, label="PERSON")


def nearest_group(pronoun: str, position: int, narration: Narration, genders: dict[str, str],
                  reported: list[tuple[int, int]], quote_start: int | None) -> list[dict]:
    """What an "it"/"they" at ``position`` refers to (see :func:`resolve_pronoun`): the last
    compatible item, or for "they" the last people named together, within
    ``ORGANIZATION_PRONOUN_REACH`` before the pronoun or its quote (the first named wins a tie).
    Right after a block of someone's words set off without quotation marks
    (:func:`introduced_block_before`), what the block names is not looked at and its length does not
    count: the reach starts where the block does, from the paragraph that introduces it."""
    reach_from = position if quote_start is None else min(position, quote_start)
    found = group_within_reach(pronoun, position, reach_from, narration, genders, reported, quote_start)
    block = introduced_block_before(narration.text, reach_from)
    if block is not None and (not found or block[0] <= found[-1]["start"] < block[1]):
        return group_within_reach(pronoun, block[0], block[0], narration, genders, reported, quote_start)
    return found


# A paragraph that ends with a word and a colon ("… gave Clinton a glowing endorsement:"; not a time
# stamp such as "4:40 p.m.:") introduces the paragraph after it.
INTRODUCING_COLON = re.compile(r"[^\W\d_]:[ \t\xa0]*$")
# The longest block of words set off after such a paragraph that a pronoun's reach skips, and how far
# into the next paragraph the pronoun may stand (characters): bounds that keep the look constant.
SET_OFF_BLOCK_LIMIT = 3000
AFTER_BLOCK_REACH = 200


def introduced_block_before(text: str, position: int) -> tuple[int, int] | None:
    """``(start, end)`` of the paragraph before the one of ``position`` when that paragraph is a block
    of someone's words set off without quotation marks — the paragraph before it ends with a colon
    ("During the primaries, the Times gave Clinton a glowing endorsement:", then the endorsement) — and
    ``position`` lies in its own paragraph's first sentence, at most ``AFTER_BLOCK_REACH`` characters
    in; else None. A block longer than ``SET_OFF_BLOCK_LIMIT`` is not looked for."""
    line_break = text.rfind("\n", max(0, position - AFTER_BLOCK_REACH), position)
    if line_break < 0 or SENTENCE_END.search(text, line_break + 1, position):
        return None
    window = max(0, line_break - SET_OFF_BLOCK_LIMIT)  # bounded: no copy of the text before it
    block_end = window + len(text[window:line_break].rstrip())
    block_break = text.rfind("\n", max(0, block_end - SET_OFF_BLOCK_LIMIT), block_end)
    if block_break < 0:
        return None
    block_start = block_break + 1
    introduction = text[max(0, block_start - AFTER_BLOCK_REACH) : block_start].rstrip()
    if not INTRODUCING_COLON.search(introduction) or MARK_PATTERN.search(text, block_start, block_end):
        return None
    return block_start, block_end


def group_within_reach(pronoun: str, position: int, reach_from: int, narration: Narration, genders: dict[str, str],
                       reported: list[tuple[int, int]], quote_start: int | None) -> list[dict]:
    """The last item compatible with an "it"/"they", or for "they" the last people named together,
    ending by ``position`` and within ``ORGANIZATION_PRONOUN_REACH`` before ``reach_from``; else none
    (see :func:`nearest_group`)."""
    last = narration.last_within_reach(position, reach_from, lambda item: compatible(pronoun, item, genders))
    found = [last] if last is not None else []
    if pronoun == "they":
        for i in range(bisect_right(narration.group_ends, position) - 1, -1, -1):
            group = narration.groups[i]
            if reach_from - group[-1]["end"] > ORGANIZATION_PRONOUN_REACH or (found and group[-1]["end"] <= found[-1]["end"]):
                break
            if not in_ranges(group[0]["start"], reported) or opens_its_quote_as_scene(narration.text, group, quote_start):
                return group
    return found


def mention_in_passing_before(pronoun: str, position: int, reach_from: int, narration: Narration) -> list[dict]:
    """The last organization, place or group of a label ``pronoun`` ("it"/"they") may refer to that is
    named only in passing (``in_passing``: "the Democratic chairs", "an ad in Indiana") before the
    pronoun at ``position`` and within ``ORGANIZATION_PRONOUN_REACH`` before ``reach_from`` (its
    quote's start when the quote comes first, as in :func:`nearest_group`), as a one-item list: what
    the pronoun stands for when nothing else fits (see :func:`with_mentions_in_passing`); else none."""
    labels = PRONOUN_LABELS[pronoun]
    last = narration.last_within_reach(position, reach_from, lambda item: item.get("in_passing") and item["label"] in labels)
    return [last] if last is not None else []


def people_named_together_before(position: int, narration: Narration, reported: list[tuple[int, int]]) -> list[dict]:
    """The last people named together anywhere in a sentence ("It contradicted what Trump and
    Lewandowski said. They had asserted …"), outside what someone is reported to say, within
    ``ORGANIZATION_PRONOUN_REACH`` before ``position``: what a "they" that finds nothing closer
    (no organization, people named at a sentence's head, nor common noun) stands for; else none."""
    last = bisect_right(narration.named_together_ends, position) - 1
    if last < 0:
        return []
    group = narration.named_together[last]
    if position - group[-1]["end"] > ORGANIZATION_PRONOUN_REACH or in_ranges(group[0]["start"], reported):
        return []
    return group


def opens_its_quote_as_scene(text: str, group: list[dict], quote_start: int | None) -> bool:
    """True when the people named together are the subject of a subordinate clause that opens the
    pronoun's own quote ("As Johnson and Weld stumped across New England, they were recognized …,
    they said"): the clause sets the scene its main clause's "they" continues, so they are who speak,
    though elsewhere a name inside what is said is what the speaker talks about, not the speaker."""
    if quote_start is None or not 0 <= group[0]["start"] - quote_start <= SUBORDINATOR_WIDTH:
        return False
    opening = text[quote_start : group[0]["start"]].split()
    return len(opening) == 1 and opening[0].lower() in CATAPHORA_SUBORDINATORS


# A lowercase word right after a group's name: the name is its adjective ("American workers").
GROUP_MODIFIER = re.compile(r" [a-z]")
# A preposition (and "the") right before a place's name, in the few characters before it: the place
# is where or whence ("an ad in Indiana", "the senator from Florida", "the province of Xinjiang").
PLACE_PREPOSITION = re.compile(r"\b(?:in|from|of|at|across|throughout)\s+(?:the\s+)?$")
PLACE_PREPOSITION_WIDTH = 16
# Between a person and the organization they belong to ("David Autor at the Massachusetts Institute
# of Technology", "Ann Cole and Tom Vale of the University of Oregon").
AFFILIATION_GAP = re.compile(r",?\s(?:of|at|from)\s(?:the\s)?")


# Labels the entity stage sometimes files a person's name under ("CLEVELAND - Donald Trump" ORG,
# "Ivanka Trump" PRODUCT), and a dateline it may run into a name ("CLEVELAND - ").
MISFILED_NAME_LABELS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "FAC"})
DATELINE = re.compile(r"[A-Z][A-Z.,'’ ]*\s[-—–]+\s+")


def as_person(item: dict, given_names: dict[str, str] = GIVEN_NAMES) -> dict:
    """The entity item as a person when the entity stage filed a person's name under another label
    ("Carly Fiorina" ORG, "Ivanka" PRODUCT, "CLEVELAND - Donald Trump" ORG, "Fox’s Megyn Kelly" ORG): one to
    three capitalized words after a dateline or an owner or title (:func:`owner_or_title_words`), the first a
    given name that tells a gender (the list leaves names common to places and both genders out: Jordan,
    Georgia). Its canonical name drops the dateline, owner or title. Any other item is returned as it is."""
    if item["label"] not in MISFILED_NAME_LABELS:
        return item
    dateline = DATELINE.match(item["text"])
    name = item["text"][dateline.end() :] if dateline else item["text"]
    words = name.split()
    owned = owner_or_title_words(words, given_names)
    words = words[owned:]
    if not 1 <= len(words) <= 3 or words[0] not in given_names \
            or not all(word[0].isupper() and word.replace("-", "").replace(".", "").isalpha() for word in words):
        return item
    return dict(item, label="PERSON", canonical=" ".join(words) if dateline or owned else item.get("canonical"))


def owner_or_title_words(words: list[str], given_names: dict[str, str] = GIVEN_NAMES) -> int:
    """How many leading words of an entity's text are an owner or a title the entity stage ran into a person's
    name ("Fox News’ Neil Cavuto", "The View’s Whoopi Goldberg", "RNC Chair Reince Priebus"): the words up
    to a possessive, or a title not after "the", right before a given name followed by one or two more
    words; 0 when there are none ("James Madison University", "The Charlotte Observer", "the King James
    Bible" keep every word)."""
    titled = bool(words) and words[0].lower() != "the"
    for i in range(1, len(words) - 1):
        before = words[i - 1]
        if words[i] in given_names and len(words) - i <= 3 \
                and (before.endswith(("’s", "'s", "’", "'")) or (titled and leading_title_words([before, words[i]]) == 1)):
            return i
    return 0


def with_misfiled_people(entities: list[dict], given_names: dict[str, str] = GIVEN_NAMES) -> list[dict]:
    """``entities`` with the people the entity stage filed under another label as people: names
    (:func:`as_person`), and a lone surname of exactly one person the article names in full
    ("Fiorina" ORG after "Carly Fiorina"), canonical that person's name."""
    entities = [as_person(item, given_names) for item in entities]
    full_names: dict[str, set[str]] = {}
    for item in entities:
        words = canonical_name(item).split()
        if item["label"] == "PERSON" and len(words) >= 2:
            full_names.setdefault(words[-1], set()).add(canonical_name(item))
    return [dict(item, label="PERSON", canonical=next(iter(full_names[item["text"]])))
            if item["label"] in MISFILED_NAME_LABELS and len(full_names.get(item["text"], ())) == 1 else item
            for item in entities]


def with_families(text: str, entities: list[dict]) -> list[dict]:
    """``entities`` with a family the entity stage filed as a person ("the Obamas", "the Clintons’")
    as a group (label ``NORP``): the plural of a surname the article gives a person, after "the". A
    "they" refers to a family, a "he"/"she" never does."""
    surnames = {word for item in entities if item["label"] == "PERSON" for word in canonical_name(item).split()[-1:]}
    return [dict(item, label="NORP") if item["label"] == "PERSON" and is_family(text, item, surnames) else item
            for item in entities]


def with_mentions_in_passing(text: str, entities: list[dict]) -> list[dict]:
    """``entities`` with what is named only in passing marked ``in_passing``: a group's adjective
    before a noun ("American workers", "Republican lawmakers"), a place after a preposition ("an
    ad in Indiana", "a victory in Iowa") and a person's organization right after them ("Ann Cole of
    the Harbour Board"). The noun phrase the group word describes is what
    a "they" stands for, and an "it" is mostly the thing done or written there
    (:func:`pipeline.extract.quotes.unnamed_antecedent`), not the group or place: those only when
    nothing else fits (:func:`mention_in_passing_before`). A plural ("Republicans said") names the
    group itself, a place as a subject ("Cleveland has raised") is no adjunct."""
    return [dict(item, in_passing=True) if (item["label"] == "NORP" and modifies_noun(text, item))
            or (item["label"] == "GPE" and follows_preposition(text, item))
            or (item["label"] == "ORG" and is_affiliation(text, before, item)) else item
            for before, item in zip([None, *entities], entities)]


def modifies_noun(text: str, item: dict) -> bool:
    """True when the entity item is a singular word (not ending in "s") followed by a lowercase word:
    an adjective before the noun it describes."""
    return not item["text"].endswith("s") and GROUP_MODIFIER.match(text, item["end"]) is not None


def is_affiliation(text: str, before: dict | None, item: dict) -> bool:
    """True when the entity item is an organization named right after a person (``before``, the item
    before it) as where they work or come from ("David Autor at the Massachusetts Institute of
    Technology"): the people are who a "they" stands for, not their university."""
    return before is not None and before["label"] == "PERSON" and AFFILIATION_GAP.fullmatch(text, before["end"], item["start"]) is not None


def follows_preposition(text: str, item: dict) -> bool:
    """True when a preposition (and "the") stands right before the entity item ("in Indiana", "of the
    United States")."""
    return PLACE_PREPOSITION.search(text[max(0, item["start"] - PLACE_PREPOSITION_WIDTH) : item["start"]]) is not None


def is_family(text: str, item: dict, surnames: set[str]) -> bool:
    """True when the entity item is "the" and the plural of one of ``surnames`` ("the Obamas", "the Bushes")."""
    name = item["text"]
    plural_of = name[:-2] if name.endswith("es") and name[:-2] in surnames else name[:-1]
    return name.endswith("s") and plural_of in surnames and text[max(0, item["start"] - 4) : item["start"]].lower() == "the "


def head_entity(narration: Narration, start: int, end: int) -> dict | None:
    """The person or organization a named mention ``[start, end)`` stands for: the narration's item
    at its end, where its head word is ("the mayor of New Orleans" is New Orleans' mayor, "Trump's
    spokesman" is not Trump); the longest when several cover it."""
    covering = [e for e in narration.overlapping(start, end) if end - 1 < e["end"] and e["label"] in SPEAKER_LABELS]
    return max(covering, key=lambda e: e["end"] - e["start"], default=None)


def role_description(text: str, role: str, person: dict) -> list[str] | None:
    """The words qualifying ``role`` where ``text`` gives it to ``person`` (:func:`title_before` or
    :func:`apposition_after`), with the party and state of a tag after the name ("Sen. Bernie Sanders
    (I-Vt.)"), or None when the text does not give the person that role."""
    tag = party_state_tag(text, person["end"])
    title = title_before(text, role, person["start"])
    description = title if title is not None else apposition_after(text, role, tag.end() if tag else person["end"])
    return description + tag_words(tag) if description is not None and tag else description


def party_state_tag(text: str, end: int) -> re.Match | None:
    """The party-and-state tag right after a name ending at ``end`` ("(I-Vt.)"), or None."""
    return PARTY_STATE_TAG.match(text, end, end + 20)


def tag_words(tag: re.Match) -> list[str]:
    """The party and the state a tag names, as words ("(I-Vt.)" → Independent, Vermont)."""
    state = US_STATES.get(tag["state"].replace(".", "").replace(" ", "").lower())
    return [TAG_PARTIES[tag["party"]], *(state.split() if state else ())]


def title_before(text: str, role: str, start: int) -> list[str] | None:
    """The words of a title naming ``role`` right before a name at ``start`` ("Republican presidential
    nominee Donald Trump", "Sen. Ted Cruz", "Secretary of State John Kerry", "the mayor, Bill de
    Blasio"), back to a punctuation mark or ``TITLE_WORDS`` words, without the role's own word; None
    when the title is not that role."""
    titles = role_titles(role)
    words = text[max(0, start - ROLE_WINDOW) : start].split("\n")[-1].split()[-TITLE_WORDS:]
    for i in range(len(words) - 1, -1, -1):
        word = words[i].lower()
        stripped = word.rstrip(",")
        if stripped in titles:
            after = words[i + 1 :]
            if after and (after[0] != "of" or len(after) > 4 or word != stripped):
                return None
            return title_modifiers(words[:i]) + after
        if word[-1] in ",;:":
            return None
    return None


def role_titles(role: str) -> frozenset[str]:
    """The title words that give ``role`` ("senator": "Sen.", "senator")."""
    return ROLE_TITLES.get(role, frozenset({role}))


def title_modifiers(words: list[str]) -> list[str]:
    """The words right before a title's role word that belong to the title, back to punctuation, a dash or a
    function word ("said Republican presidential" → Republican, presidential)."""
    for j in range(len(words) - 1, -1, -1):
        word = words[j]
        if (word[-1] in ",;:.)" and not is_title_abbreviation(word)) or word in ("--", "—", "-") or word.lower() in NOT_IN_TITLES:
            return words[j + 1 :]
    return words


def is_title_abbreviation(word: str) -> bool:
    """True for a short title or initial ending in a period ("Gov.", "Lt.", "U.S."): no sentence ends there."""
    return len(word) <= 4 and word[0].isupper()


def apposition_after(text: str, role: str, end: int) -> list[str] | None:
    """The words qualifying ``role`` in an apposition after a name ending at ``end`` ("Kaine, the
    Democratic vice presidential nominee," → Democratic, vice, presidential), without the article and the
    role's word; None unless the role heads the apposition ("Chelsea, the mayor also said" has none)."""
    after = text[end : end + ROLE_WINDOW].split("\n")[0]
    if not after.startswith(","):
        return None
    words = re.split(r"[.;,]", after[1:], maxsplit=1)[0].split()
    titles = role_titles(role)
    for i, word in enumerate(words):
        if word.lower() in titles and (i + 1 == len(words) or words[i + 1].lower() in ROLE_HEAD_FOLLOWERS) \
                and not (i and words[i - 1].lower() in ("for", "of", "to", "as")):  # "candidate for president"
            return [w for w in words[:i] if w.lower() not in ("the", "a", "an")] + words[i + 1 :]
    return None


def role_fit(qualifiers: list[str]) -> Callable[[list[str]], bool]:
    """Whether a role mention's ``qualifiers`` ("Democratic", "former", "Indiana" in "the former Democratic
    Indiana governor") can describe a person whose role the text qualified with a given description: the
    same qualifiers that make another role ("former", "vice"), no other party, no other role word
    ("attorney general" is not a general), and the mention's place or body, when it names one ("the
    Vermont senator" is not any senator). The mention's side is read once, the descriptions in turn."""
    lowered = {word.lower() for word in qualifiers}
    kinds = lowered & ROLE_QUALIFIERS
    parties = {PARTIES[w] for w in lowered if w in PARTIES}
    role_words = {word for word in lowered if word in ROLE_WORDS}
    places = place_words(qualifiers)

    def fits(description: list[str]) -> bool:
        described = {word.lower() for word in description}
        described_parties = {PARTIES[w] for w in described if w in PARTIES}
        return (kinds == described & ROLE_QUALIFIERS and not (parties and described_parties and parties != described_parties)
                and role_words <= described and (not places or bool(places & place_words(description))))

    return fits


def place_words(words: list[str]) -> set[str]:
    """The capitalized words of a role's qualifiers that name a place or body ("new", "york" of "New York
    Mayor"), lowercase: not a party, a qualifier, a title or a word any title may carry ("U.S.")."""
    lowered = (re.sub(r"['’]s$", "", word.lower()) for word in words if word[0].isupper())
    return {word for word in lowered if word not in PARTIES and word not in ROLE_QUALIFIERS and word not in ROLE_TITLES
            and word not in ROLE_WORDS and word not in NATIONAL_WORDS}


def resolve_role(mention: str, position: int, narration: Narration) -> dict | None:
    """The person a role mention ("the mayor", "the Democratic nominee") at ``position`` stands for:
    the nearest earlier person the article gives that role with qualifiers that fit the mention's
    (:func:`role_fit`), or None."""
    *qualifiers, role = mention.split()[1:]
    return narration.last_holder(role.lower(), position, role_fit(qualifiers))


def resolve_speaker(start: int, end: int, narration: Narration, speakers: list[dict], genders: dict[str, str],
                    antecedent: tuple[int, int] | None = None, reported: list[tuple[int, int]] = (),
                    quote_start: int | None = None) -> tuple[list[dict], str]:
    """The entity items the speaker mention ``narration.text[start:end]`` stands for (none, one, or
    several for a "they"), and how they were found: ``named``, ``pronoun``, ``relative``, ``role``,
    ``narrator`` or ``unnamed``. ``antecedent`` is the character range of a relative pronoun's head
    ("Kamin" for "who"); ``reported`` the sorted content ranges of the article's quotes and
    ``quote_start`` where the mention's own quote starts (see :func:`resolve_pronoun`)."""
    mention = narration.text[start:end]
    lowered = mention.lower()
    if lowered in NARRATOR_PRONOUNS:
        return [], "narrator"
    if is_pronoun(mention):
        return resolve_pronoun(mention, start, narration, speakers, genders, reported, quote_start), "pronoun"
    if lowered in RELATIVE_PRONOUNS:
        if antecedent is None or antecedent[0] >= start:
            return [], "relative"
        found, _ = resolve_speaker(*antecedent, narration, speakers, genders, reported=reported)
        return found, "relative"
    if is_unnamed(mention):
        return [], "unnamed"
    entity = head_entity(narration, start, end)
    if entity is not None:
        return [entity], "named"
    if is_role(mention):
        role_holder = resolve_role(mention, start, narration)
        return ([role_holder] if role_holder else []), "role"
    return [], "unnamed"


# What joins the names of a byline that names several people.
SEVERAL_NAMES = re.compile(r",|&|\band\b|;", re.IGNORECASE)


def is_narrator(quote: dict) -> bool:
    """True for a quote item whose speaker is the narrator's "I"/"we"/"me"/"us" (cues inside quotation marks
    are never attributed, so such a speaker stands in the narration)."""
    return quote["speaker"] is not None and quote["speaker"].lower() in NARRATOR_PRONOUNS


def credit_narrator(quotes: list[dict], claims: list[dict], byline: str | None) -> tuple[list[dict], list[dict]]:
    """The quote and claim items with the narrator's quotes credited to ``byline`` (the article's
    author): their ``speaker_canonical`` (and their speakers' ``canonical``) and their claims'
    ``claimant_canonical``. Unchanged without a byline: the narrator then names nobody. An "I"
    is one person: a byline naming several ("Kim Ray, Jane Roe") credits only the narrator's "we"."""
    if not byline:
        return quotes, claims
    several = bool(SEVERAL_NAMES.search(byline))
    narrated = {quote["id"] for quote in quotes
                if is_narrator(quote) and not (several and quote["speaker"].lower() in SINGULAR_NARRATOR_PRONOUNS)}
    if not narrated:
        return quotes, claims
    quotes = [dict(quote, speaker_canonical=byline,
                   speakers=[dict(speaker, canonical=byline) for speaker in quote["speakers"]])
              if quote["id"] in narrated else quote for quote in quotes]
    claims = [dict(claim, claimant_canonical=byline) if claim.get("quote_id") in narrated else claim for claim in claims]
    return quotes, claims
