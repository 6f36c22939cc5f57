"""The ``newslens_quotes`` component: quotes, their cues and their speakers.

How it works, in order:

1. Quotation marks are paired over the whole text (:mod:`pipeline.extract.quote_marks`).
2. Candidate sentences are picked cheaply: those holding a cue word form from
   ``pipeline/data/cue_verbs.txt`` not used as a noun or a passive, "according to", or a passive
   cue with an infinitive ("is expected to", see ``PASSIVE_CUES``), or a raising verb ("appears to",
   "seemed lost", see ``SEEMING_CUES``). Only they are parsed
   (:mod:`pipeline.extract.syntax`); a Doc that already has a parse is used as is.
3. Every cue (a reporting verb with a subject, or "according to X") yields a quote: its content
   is the verb's complement clause(s) — both pieces of ``"A," he said, "B."`` — or, when the
   parser made the reported clause the head (also "…, as X reported" and "…, said X" parsed as a
   conjunct), that clause without the attribution. A passive cue or a raising verb with an
   infinitive or a predicate attributes its whole clause to no named speaker, unless its subject is a person
   or organization it tells of ("He appeared to make a joke", "The Times is expected to endorse …": see
   :func:`acting_subject`). With the learned filter (:mod:`pipeline.extract.learned_cues`),
   verbs off the cue list that it keeps ("favors raising the tax", "preferred the Dominican Republic")
   and unmarked objects of listed cues that it keeps report too (only unmarked content, never
   removing a listed cue's quote); their sentences are candidates through the filter's triggers.
4. Content is snapped to the quotation marks it overlaps: all inside marks makes a ``direct``
   quote covering the whole marked stretch (over sentences and paragraphs), partly inside a
   ``mixed`` one, no marks an ``indirect`` one.
5. Marked stretches no cue claimed are attributed by position: ``X said: "…"`` and
   ``"…" — X`` forms, ``NAME: …`` labels (headlines, transcripts), a speech cue ending its paragraph on a
   colon ("Limbaugh added:") takes the next paragraph, marked or not, and a quote that follows its
   attributed sentence in the same paragraph continues that quote (a further piece). Marked
   stretches nothing claims (scare quotes, titles, nicknames) are not quotes.
6. Speakers (each of "A and B said") are resolved to entity items by
   :func:`pipeline.extract.speakers.resolve_speaker` (names, pronouns, relative pronouns, roles),
   and each quote gets a confidence (see :func:`confidence`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, takewhile
from typing import Callable, Iterable, NamedTuple, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.training import Example, validate_examples
from spacy.util import minibatch

from pipeline.extract.quote_marks import OPENING_GLYPHS, MarkedStretches, QuotedSpan, quoted_spans
from pipeline.extract.entities import doc_entities
from pipeline.extract.learned_cues import CueFilter, candidate_features, is_candidate_verb, shipped_model_path
from pipeline.extract.spans import QUOTES_KEY, doc_text, set_items
from pipeline.extract.names import find_entity
from pipeline.extract.speakers import (
    CATAPHORA_SUBORDINATORS,
    CLAUSE_CONJUNCTIONS,
    DATELINE,
    DEFINITE_PERSON,
    GIVEN_NAMES,
    HEADLINE_WORDS,
    Narration,
    OBJECT_PRONOUNS,
    PRONOUN_GENDERS,
    PRONOUN_LABELS,
    RECENT_SPEAKER_CHARS,
    RELATIVE_PRONOUNS,
    ROLE_WORDS,
    SENTENCE_END,
    SUBJECT_REACH,
    UNNAMED_ROLE,
    canonical_name,
    gender_hints,
    in_ranges,
    is_unnamed,
    learn_gender,
    mention_in_passing_before,
    mention_tokens,
    parse_given_names,
    people_named_together_before,
    resolve_speaker,
    role_phrase_in_sentence,
    unnamed_person_before,
    with_families,
    with_mentions_in_passing,
    with_mention_genders,
    with_misfiled_people,
)
from pipeline.extract.syntax import ParsedSpan, parse_spans, syntax_pipes
from pipeline.extract.wordlists import ListFiles, list_text

SPEECH, EVIDENCE, BELIEF, OBJECT, LABEL = "speech", "evidence", "belief", "object", "label"
LEARNED = "learned"  # a verb off the cue list that the learned filter kept (:mod:`pipeline.extract.learned_cues`)
CUES_FILE = "cue_verbs.txt"
FIRST_NAMES_FILE = "first_names.txt"
# Dependents of a cue verb that hold what was said.
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
SUBJECT_DEPS = frozenset({"nsubj"})
# Prepositions after a cue that introduce what was said ("spoke about", "warned of", "railed against").
# Not "to" (whom it was said to: "spoke to reporters") nor "for" ("spoke for five minutes"), except
# after cues that call for something.
TOPIC_PREPOSITIONS = frozenset({"about", "of", "on", "against", "over"})
CALL_CUES = frozenset({"call", "urge", "argue", "push", "press", "plead", "appeal"})
# Cues whose direct object, even without quotation marks, is what was said or shown ("announced a plan",
# "mentioned the devil", "polls show Clinton with a lead"): about three quarters of such objects are
# gold content on PolNeAR train (1–400), against under half for other cues ("told reporters", "spoke
# to", "wrote a book").
SAID_OBJECT_CUES = frozenset({"show", "announce", "mention", "say", "report", "propose", "confirm", "tweet", "remind",
                              "recall", "emphasize", "reveal", "note", "acknowledge", "reiterate", "disclose", "urge",
                              "deny", "declare", "suggest", "stress", "demand", "argue", "recommend", "estimate",
                              "predict", "repeat"})
# Objects that say nothing of what was said ("said little", "denied it").
EMPTY_OBJECTS = frozenset({"nothing", "little", "much", "more", "so", "something", "anything", "everything"})
# One-word answers a speech cue reports ("the governor said no", "half said so"): gold quotes them.
ANSWER_WORDS = frozenset({"yes", "no", "so"})
# Objects of a topic preposition that tell how or for whom someone spoke, not about what ("spoke on the
# condition of anonymity", "spoke on behalf of Clinton"): on PolNeAR train 1–700 3 of the 16 such quotes matched a gold one.
NOT_TOPICS = frozenset({"condition", "behalf"})
# Cues whose topic is not what their subject said: "does not ask about a person's status" (but
# "Asked about the deal, Clinton said …" is).
NO_TOPIC_CUES = frozenset({"ask"})
# Cues whose "to" names what they answer ("did not respond to a request for comment": a gold cue at 34 of the 86
# "respond(ed) to" in PolNeAR train 1–700 text, most others without a subject of their own).
ANSWERING_CUES = frozenset({"respond"})
ANSWER_MANNER_PREPOSITIONS = frozenset({"by", "with"})
# How an adverb or particle between a cue and its topic preposition hangs from the cue ("spoke briefly about").
TOPIC_MODIFIER_DEPS = frozenset({"advmod", "prt"})
# Cue forms whose "if"/"whether" clause is the question they report.
QUESTION_CUES = frozenset({"ask", "asks", "asked", "asking", "wonder", "wonders", "wondered", "wondering",
                           "inquire", "inquires", "inquired", "inquiring"})
# Dependents that make up a verb's object phrase.
OBJECT_DEPS = frozenset({"dobj", "dative", "oprd", "attr", "acomp", "prep", "ccomp", "xcomp", "npadvmod"})
# Prepositions that start an adjunct (when, where, despite what) after a cue's object, not part of it.
ADJUNCT_PREPOSITIONS = frozenset({"during", "after", "before", "since", "at", "in", "while", "amid", "despite",
                                  "following", "throughout", "until"})
# Dependents that complete a cue's object even after an adjunct ("called them in an article, “…”").
COMPLETING_DEPS = frozenset({"dobj", "oprd", "attr", "ccomp", "xcomp"})
# Words before a cue word form that make it a noun, or a passive participle: no cue there.
NOUN_MARKERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "these",
                          "those", "whose", "'s", "’s", "of", "no", "any", "every", "each"})
# Pronouns after which "'s" is "is" or "has" ("he's predicting"), not a possessive.
CONTRACTED_SUBJECTS = frozenset({"he", "she", "it", "who", "that", "there", "what"})
# A cue's base form is a verb after these ("will announce", "they claim", "many believe", "police announce",
# "voters who want"), usually a noun elsewhere. Not after adverbs: on PolNeAR train 1–700 "now seek", "still
# feel", "generally consider" matched gold 3 times in 7.
VERB_CONTEXT = frozenset({"to", "will", "would", "could", "can", "may", "might", "should", "must", "shall",
                          "did", "does", "do", "not", "n't", "never", "also", "i", "we", "you", "they",
                          "who", "many", "most", "few", "both", "some", "others", "people", "police"})
ALWAYS_VERBS = frozenset({"say", "tell", "according"})
PASSIVE_AUXILIARIES = frozenset({"is", "are", "was", "were", "be", "been", "being"})
# Predicate adjectives of belief whose clause PolNeAR attributes to the copula's subject ("Aides were adamant that …"):
# on train 1–700 a gold cue at 31 of the 51 "ADJ that" in the text, most others inside quotation marks ("sure": 1 of 19).
BELIEF_ADJECTIVES = frozenset({"adamant", "confident", "convinced", "worried", "hopeful", "concerned", "optimistic",
                               "fearful", "skeptical"})
# Words opening a that-clause of purpose or result ("so that the senator could peak", "such that …").
RESULT_OPENERS = frozenset({"so", "such"})
# Words opening the question an "asked" reports ("was asked whether …").
QUESTION_OPENERS = frozenset({"if", "whether", "what", "who", "whom", "which", "why", "how", "when", "where"})
# Passive cues with an infinitive and no named source ("she is expected to win", "he is said to be
# weighing a run"): the whole clause is what is attributed, to an unnamed speaker (but "Obama is reported to
# have called …", an infinitive cue, is the subject's: :func:`acting_subject`).
PASSIVE_CUES = {"expected": BELIEF, "believed": BELIEF, "thought": BELIEF, "said": SPEECH,
                "reported": SPEECH, "rumored": SPEECH, "alleged": SPEECH}
# Raising verbs with an infinitive ("the race appears to be tightening") or a predicate ("Cruz seemed
# lost"): PolNeAR attributes the whole clause, subject and verb included, to no one (their subject is
# no source) unless that subject is a person or organization (:func:`acting_subject`). On train 1–700
# the 109 infinitive clauses the stage finds match a gold quote 79 times (63 of them a quote without a
# source); predicates add 70 quotes, 40 of them right.
# A clause's finding "in" one of these is the poll's ("Trump leads in the latest CNN poll"): on PolNeAR
# train 1–700 gold attributes 48 clauses to an "in … poll/survey" source.
POLL_NOUNS = frozenset({"poll", "polls", "survey", "surveys", "polling"})
SEEMING_CUES = frozenset({"seem", "seems", "seemed", "appear", "appears", "appeared"})
# What a raising verb's predicate hangs as ("seemed lost", "seems a near certainty", "appeared headed for …").
SEEMING_PREDICATE_DEPS = frozenset({"acomp", "attr", "oprd", "xcomp"})
# Words that are a cue whenever "to" follows ("is expected to", "appears to").
INFINITIVE_CUES = frozenset(PASSIVE_CUES) | SEEMING_CUES
# Verbs that show their object doing what a gerund after it says ("left voters wondering", "found them arguing").
DEPICTING_VERBS = frozenset({"leave", "leaves", "left", "leaving", "find", "finds", "found", "keep", "keeps", "kept",
                             "see", "sees", "saw", "seen", "hear", "hears", "heard", "catch", "caught",
                             "seeing", "hearing", "watch", "watches", "watched", "watching"})
# Verbs that make their object do what an infinitive after it says, so a group there is its subject too
# ("has led some allies to worry", "leaving some to question"; unlike "used the comments to urge").
CAUSING_VERBS = frozenset({"lead", "leads", "led", "leading", "leave", "leaves", "left", "leaving", "drive", "drives",
                           "drove", "driven", "driving", "prompt", "prompts", "prompted", "prompting", "cause", "causes",
                           "caused", "causing", "spur", "spurs", "spurred", "spurring"})
# Subjects that never name a speaker ("as you know", "there is said", "let's say").
NON_SPEAKERS = frozenset({"you", "there", "what", "'s", "’s"})
# Documents whose sender speaks through them ("sent a letter … urging the feds to …"), and occasions
# whose speaker speaks at them ("said at a news conference announcing …").
DOCUMENT_NOUNS = frozenset({"letter", "statement", "memo", "email", "note", "message", "tweet", "op-ed", "post",
                            "resolution", "ad", "advert", "advertisement", "commercial", "video", "release",
                            "robocall", "article", "website", "petition", "documentary", "mailer", "flyer", "report",
                            "conference", "briefing", "interview", "speech", "address", "appearance", "rally", "pitch"})
# Verbs whose subject made the text their object names ("released data that …", "launched an ad campaign that …").
PUBLISHING_VERBS = frozenset({"release", "releases", "released", "releasing", "publish", "publishes", "published",
                              "publishing", "issue", "issues", "issued", "issuing", "launch", "launches", "launched",
                              "launching", "unveil", "unveils", "unveiled", "unveiling", "post", "posts", "posted",
                              "posting", "produce", "produces", "produced", "producing"})
# What a text cites by who made it ("according to a tally by the AP", "according to calculations by
# Ames"): who made it is the speaker (but "a poll by Acme showed" is the poll's).
AUTHORED_NOUNS = DOCUMENT_NOUNS | frozenset({"document", "analysis", "tally", "audio", "calculation", "study", "survey",
                                             "poll", "data", "estimate", "count", "review", "filing", "transcript",
                                             "recording", "footage", "research", "figure", "record"})
# Texts an "it" speaker may stand for though they are named as an object or inside what someone said
# ("Salceda cited a 2001 memorandum …. It says …", "On his website, … “…,” it now says"): what a
# document says is what it says, whoever brought it up; a label or term describes ("“centrist” as a label. While
# it does describe …").
SPEAKING_TEXTS = frozenset({"letter", "statement", "memo", "memorandum", "email", "note", "message", "post", "op-ed",
                            "resolution", "ad", "advertisement", "commercial", "video", "release", "article", "website",
                            "site", "page", "petition", "documentary", "mailer", "flyer", "report", "document", "study",
                            "survey", "poll", "review", "filing", "affidavit", "lawsuit", "indictment", "ruling", "bill",
                            "plan", "proposal", "platform", "book", "column", "editorial", "guidance", "analysis",
                            "transcript", "label", "term", "slogan", "headline"})
# Groups of people a "they" speaker may stand for though they are named as an object ("To her
# supporters, … they say", "hit by the hawks in his party for what they characterize as …"): plural
# nouns that name people, by these words or by an agent's ending (not the things in NOT_PEOPLE).
PEOPLE_NOUNS = frozenset({"people", "officials", "critics", "allies", "aides", "experts", "women", "men", "police",
                          "parents", "students", "residents", "citizens", "friends", "colleagues", "families",
                          "delegates", "hawks", "doves", "hoodlums", "staffers", "insiders", "advocates",
                          "millennials", "members", "americans", "conservatives", "liberals", "progressives",
                          "audiences", "candidates", "nominees", "immigrants", "refugees", "veterans",
                          "adults", "employees", "opponents", "rivals", "fans", "agents"})
PEOPLE_ENDINGS = ("ers", "ors", "ists", "ians")
NOT_PEOPLE = frozenset({"numbers", "letters", "papers", "orders", "powers", "matters", "answers", "borders",
                        "centers", "waters", "chambers", "corners", "dollars", "errors", "factors",
                        "sectors", "doors", "floors", "colors", "rumors", "favors", "honors", "shoulders", "offers",
                        "tears", "years", "computers", "markers", "parameters", "quarters", "headquarters"})
# Singular nouns naming a group of people ("his team does see …. They believe …", "the under-35
# generation says …. They endorse …"): a "they" may stand for them as for a plural.
COLLECTIVE_NOUNS = frozenset({"team", "group", "generation", "staff", "panel", "committee", "campaign", "crowd",
                              "audience", "couple", "pair", "duo", "trio", "family", "jury", "coalition"})
# Number words that stand alone, after "the", for people named before ("The two squabbled over
# immigration. They argued …"): a plural that names people, like "the pair".
COUNTED_GROUP_WORDS = frozenset({"two", "three", "four", "five"})
# A "they"/"it" that no close subject explains may stand for a subject naming people (a "they") or a
# text (an "it") this many sentences back, inside what someone is reported to say or not ("It was
# clear … that campaign officials were acting …. They distributed …, and they boldly reminded …").
LOOSE_ANTECEDENT_SENTENCES = 4
# How many sentences before an "it"/"they" speaker's are parsed when the candidates left them out.
PARSED_SENTENCES_BEFORE = 2
# Characters a sentence's opening conjunction and pronoun take at most ("But they ").
OPENING_CHARS = 12
# Prepositions after a document noun that name who made it ("a report from Acme", "a tally by the AP").
AUTHOR_PREPOSITIONS = frozenset({"by", "from"})
# Words opening an adverbial clause ("When Clinton noted …, Trump boasted"): such a clause before a cue
# says when or despite what, not what was said.
SUBORDINATORS = frozenset({"when", "while", "whilst", "although", "though", "because", "after", "before", "once", "since", "if", "unless"})
# Subordinators of a clause happening at the same moment as the one it hangs on ("as he spoke", "while").
SIMULTANEITY_SUBORDINATORS = frozenset({"as", "while", "whilst", "when"})
# Relative pronouns opening a clause that describes its noun (not "that", whose clause restricts it).
DESCRIBING_RELATIVES = frozenset({"which", "who"})
# Conjunctions that may open a sentence before its subordinator ("And although …", "But when …").
LEADING_CONJUNCTIONS = frozenset({"and", "but"})
# Words opening a contrasting clause after a reported clause ("most said A, while others said B", "even though
# he found …", "A, whereas Ames acknowledged B"): its own attribution is not part of what was reported. Not
# "because", "if", "when", "after": on PolNeAR train (1–320) such clauses were as often part of what was said.
ATTRIBUTED_CLAUSE_MARKS = frozenset({"while", "whilst", "although", "though", "whereas"})
# Prepositions before a cue's gerund whose subject is the enclosing verb's ("began by saying", "before
# asking"); not "for" or "of", whose gerund is often its object's ("held Pagliano in contempt for refusing").
SUBJECT_GERUND_PREPOSITIONS = frozenset({"by", "before", "after", "while", "without", "in", "upon", "on", "despite", "since"})
EDGE_PUNCT = frozenset(",.;:—–-()[]…")
# What a piece of content loses at its edges, as characters: that punctuation and white space.
EDGE_CHARACTERS = "".join(EDGE_PUNCT) + " \n\t\xa0"
# The most words of an attribution set off by commas inside a clause, on either side of its cue: its subject
# ("He hoped, the mayor's aide said, that …") and what follows the cue ("…, he said in an interview, …":
# :func:`inserted_attribution`).
INSERTED_SUBJECT_WORDS = 6
# Punctuation that ends a clause a reporting verb after it cannot take as its complement.
CLAUSE_BREAKS = frozenset({";", "."})
# What sets a participle clause off from the clause before it ("…, saying …", "… — asserting …").
CLAUSE_SETTERS = frozenset({",", "—", "–", "-", "--"})
# Dashes that set an inserted attribution off ("… - “…,” she said - and …"), and how many tokens such an
# insertion may span.
DASHES = frozenset({"—", "–", "-", "--"})
INSERTION_TOKENS = 60
# A paragraph-initial ``NAME:`` label: a few capitalized words (or ALL CAPS) then a colon.
LABEL_PATTERN = re.compile(r"[\"“]?((?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*):\s+(?=\S)")
# How many marked stretches right before a quote's continuation may be titles in its attribution, and how
# long a title may be (:func:`is_title`).
TITLES_IN_GAP = 2
TITLE_WORDS = 6
# Between an attribution and a quote that continues it: the rest of the attribution's sentence, then perhaps
# "But"/"And" ('“…,” he said outside. But “…”'), or only "but" or "and" ('… is “a big problem” but “nobody has
# the guts to talk about it.”').
CONTINUATION_GAP = re.compile(r"[^\"“”«»\n]{0,300}?[.:,]\s+(?:(?:[Bb]ut|[Aa]nd)\s+)?|\s+(?:but|and)\s+")
# The first letter of the words after a marked stretch on its line: its sentence goes on after it.
OWN_ATTRIBUTION_AFTER = re.compile(r"[^\S\n]+(\w)")
# Only a paragraph break between a quote ending its paragraph and a paragraph all in marks ('Ames stated: “…”¶“…”'):
# the paragraph goes on with the same speaker's words (one with words after its marks, '“…,” added Ames.', has an
# attribution of its own).
PARAGRAPH_BREAK = re.compile(r"[^\S\n]*\n\s*")
CLOSING_MARKS = frozenset("\"”»'")
# Closing quotation mark tokens, with the two apostrophes some newswire writes for one.
CLOSING_MARK_TOKENS = CLOSING_MARKS | {"''"}
# A quote's end right before an attribution in the same sentence ("“…,” he said", "“…?” she asked", "“…”,
# said Ames"): a closing mark after a comma, question or exclamation mark or dash, or before a comma (not
# after a full stop, nor across a line break: "“… live.” Police have said …" starts a new sentence);
# looked for this many characters back.
CLOSED_QUOTE_BEFORE = re.compile(r"(?:[,?!—–-](?:[”\"]|'')|(?:[”\"]|'')[^\S\n]*,)[^\S\n]*$")
ATTRIBUTION_AFTER_MARK = 6
# The punctuation a quotation that an attribution follows ends on, before its closing mark (as in
# ``CLOSED_QUOTE_BEFORE``: "“…,” Gene Sperling said", "“…?” Hannity pressed").
QUOTATION_END_PUNCTUATION = frozenset({",", "?", "!", "—", "–", "-", "--"})
# A colon or a sentence end right before an opening mark: what precedes it is not part of that quote.
NARRATION_BEFORE_QUOTE = re.compile(r"[.:!?]\s*$")
# A dash opening an aside right before a marked stretch ("… Mexico — “I love Oreos,” he said — and …").
DASH_BEFORE = re.compile(r"\s(?:[—–]|-{1,2})[^\S\n]*$")
# A colon (or a comma) right before a closing quote that ends the content introduces it.
INTRODUCED_QUOTE = re.compile(r"[:,]\s*$")
# Paragraph labels that introduce something other than a speaker's words.
NOT_SPEAKER_LABELS = frozenset({"update", "updated", "photo", "photos", "video", "watch", "note", "related",
                                "read more", "editor's note", "editor’s note", "correction", "source", "sources"})
# What may stand between a reported clause and its attribution: commas, dashes, quotation marks.
ATTRIBUTION_GAP = re.compile(r"[\s,”\"'’“—–-]*")
# How far after its attribution a marked stretch may open and still be the quote of a cue without content.
ATTRIBUTION_REACH = 40
# The rest of an attribution's sentence ending on a colon and its paragraph: "The governor added:", "X made
# the following comment:". Bounded so that matching stays linear.
INTRODUCING_COLON = re.compile(r"[^\n.!?\"“”]{0,80}:[ \t\xa0]*\n\s*")
# What a quotation mark token is made of (some newswire writes two apostrophes or two backquotes).
QUOTATION_MARK_CHARACTERS = "\"“”«»'`‘’"
QUOTE_CHARACTERS = frozenset("\"“”«»")
DASH_PATTERN = re.compile(r"\s*[—―–]\s*|\s+-{1,2}\s+")
# The name after such a dash: up to five capitalized words (initials allowed), ending the line or sentence.
DASH_NAME = re.compile(r"(?:[A-Z][\w.'’-]*\s){0,4}[A-Z][\w'’-]*(?=[\s,.]*(?:\n|$))")


def load_cues(text: str | None = None) -> dict[str, tuple[str, str, str | None]]:
    """Map each cue word form to ``(kind, lemma, particle)`` from a cue list's text (``kind lemma
    form form_particle …`` a line, ``#`` comments; default: the shipped list). A verb with a particle
    is also keyed ``form_particle``, so one form can take several particles ("pointed out", "pointed
    to"): the bare form keeps its first line's entry."""
    text = list_text(CUES_FILE) if text is None else text
    forms: dict[str, tuple[str, str, str | None]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, lemma, *words = line.split()
        for word in words:
            verb, _, particle = word.partition("_")
            forms.setdefault(verb, (kind, lemma, particle or None))
            if particle:
                forms.setdefault(word, (kind, lemma, particle))
    return forms


def is_plain_cue_form(word: str, cue_forms: dict) -> bool:
    """True when a word form is a cue by itself, not only with a particle ("said", not "fired" of "fired back"):
    a form listed only with a particle stays free for the learned filter ("fired an aide")."""
    return word in cue_forms and cue_forms[word][2] is None


def is_purpose_participle(verb: Token) -> bool:
    """True for a passive participle with an infinitive after a noun ("rules intended to rein in lending", "a proposal
    intended to embarrass them"): the noun is what is meant, not who means it, and no one in the phrase intends."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.tag_.startswith("NN") \
        and any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                for c in verb.children)


def is_cue_word(token: Token, cue_forms: dict) -> bool:
    """True when ``token`` is a cue word form by itself, or one listed with a particle that it has here ("made" in
    "made it clear", not in "made a joke"; "pointed" in "pointed out", not in "pointed a gun")."""
    return is_plain_cue_form(token.lower_, cue_forms) \
        or (token.lower_ in cue_forms and cue_of(token, cue_forms) is not None)


# The most tokens between a verb and its particle ("pointed this out").
PARTICLE_REACH = 3
# How the parser hangs a cue's particle from its verb.
PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "ccomp", "acomp", "oprd"})


def has_particle_after(sentence: Span, index: int, cue_forms: dict) -> bool:
    """True when one of the next :data:`PARTICLE_REACH` words of ``sentence`` after the verb form at ``index`` is a
    particle that form takes as a cue ("shot back", "pointed to"), judged without tags."""
    word = sentence[index].lower_
    return any(f"{word}_{token.lower_}" in cue_forms for token in sentence[index + 1 : index + 1 + PARTICLE_REACH])


@dataclass
class Quote:
    """A quote being built: character ranges of its content, its cue and its speaker."""

    pieces: list[tuple[int, int]]
    cue: tuple[int, int] | None
    cue_kind: str
    speaker: tuple[int, int] | None
    type: str = "indirect"
    needs_marks: bool = False  # content taken from a verb's object: a quote only if it quotes
    antecedent: tuple[int, int] | None = None  # what a relative-pronoun speaker ("who said") stands for
    speakers: list[tuple[int, int]] = field(default_factory=list)  # each of "A and B said"; the first is ``speaker``
    features: tuple[str, ...] = ()  # a learned cue's features (:func:`pipeline.extract.learned_cues.candidate_features`)
    borrowed_speaker: bool = False  # the speaker is another clause's pronoun (:func:`borrowed_pronoun`)

    @property
    def speaker_ranges(self) -> list[tuple[int, int]]:
        """The character range of each of its speakers (none when it has none)."""
        return self.speakers or ([self.speaker] if self.speaker else [])

    @property
    def start(self) -> int:
        return min(s for s, _ in self.pieces)

    @property
    def end(self) -> int:
        return max(e for _, e in self.pieces)

    @property
    def attribution(self) -> tuple[int, int]:
        """The character range of its cue and speaker together (both set)."""
        return min(self.cue[0], self.speaker[0]), max(self.cue[1], self.speaker[1])


class NounPhrase(NamedTuple):
    """A noun phrase's character range, whether its head is plural, whether it is its clause's
    subject, and whether it names a text (:data:`SPEAKING_TEXTS`) or people (:func:`names_people`)
    that may speak wherever it stands, and whether its singular head names a group of people
    (:data:`COLLECTIVE_NOUNS`) a "they" may stand for."""

    start: int
    end: int
    plural: bool = False
    subject: bool = True
    speaks: bool = False
    collective: bool = False


# ---------------------------------------------------------------------------------------------
# Candidate sentences


def is_plural_noun(word: str) -> bool:
    """True when a lowercased word looks like a plural noun ("officials", "records"), judged without tags."""
    return len(word) > 3 and word.isalpha() and word.endswith("s") and not word.endswith("ss")


def is_trigger(sentence: Span, index: int, cue_forms: dict) -> bool:
    """True when the word at ``index`` (within ``sentence``) can be a cue, judged without tags:
    a cue word form not used as a noun ("the report", "his comments") nor as a passive
    ("is expected", "was found"), one of ``INFINITIVE_CUES`` before "to", a raising verb (``SEEMING_CUES``)
    or "according"."""
    word = sentence[index].lower_
    if word == "according":
        return True
    before = sentence[index - 1].lower_ if index > 0 else ""
    if word in SEEMING_CUES or (word in INFINITIVE_CUES and index + 1 < len(sentence) and sentence[index + 1].lower_ == "to"):
        return True  # "appears to", "seemed lost": :func:`seeming_clause`
    if word in BELIEF_ADJECTIVES:
        return True  # "were adamant that": :func:`believed_clause`
    if word not in cue_forms:
        return False
    if before in NOUN_MARKERS and not (before in ("'s", "’s") and index > 1 and sentence[index - 2].lower_ in CONTRACTED_SUBJECTS):
        return False
    _, lemma, particle = cue_forms[word]
    if particle and not has_particle_after(sentence, index, cue_forms):
        return False  # "shot the video", "hit the road": only "shot back", "hit back" are cues
    if word == lemma and word not in ALWAYS_VERBS:  # "state", "report", "call": mostly nouns
        return before in VERB_CONTEXT or is_plural_noun(before)  # "records show", "officials insist"
    participle = not word.endswith(("s", "ing"))
    if word == "asked" and index + 1 < len(sentence) and sentence[index + 1].lower_ in QUESTION_OPENERS:
        return True  # "was asked whether …": :func:`asked_question`
    return not (before in PASSIVE_AUXILIARIES and participle)


# The longest attribution after a quotation that a verb off the cue list may end ("…,” Toomey fumed on Tuesday."), in tokens.
ATTRIBUTION_SLOT_TOKENS = 12


def is_attribution_slot(sentence: Span, index: int, marked: MarkedStretches) -> bool:
    """True when the quotation mark at ``index`` (within ``sentence``) closes a quotation that ends as an attributed
    one does (:data:`QUOTATION_END_PUNCTUATION`: a comma, a question, an exclamation, a dash) and is followed,
    unmarked, by a short rest of its sentence that starts with a word: the place of an attribution ("“…,” Trump
    answered."). Judged without tags, a bounded look ahead."""
    if index < 1 or sentence[index - 1].text not in QUOTATION_END_PUNCTUATION or not marked.covers(sentence[index - 1].idx):
        return False
    rest = sentence[index + 1 : index + 2 + ATTRIBUTION_SLOT_TOKENS]
    words = list(takewhile(lambda t: t.text not in (".", "!", "?") and t.text not in OPENING_MARK_TOKENS, rest))
    return 2 <= len(words) <= ATTRIBUTION_SLOT_TOKENS and len(words) < len(rest) and words[0].text[:1].isalpha()


def is_candidate(sentence: Span, cue_forms: dict, marked: MarkedStretches, triggers: frozenset[str] = frozenset()) -> bool:
    """True when a sentence can hold a cue, so is worth parsing: a cue word, or one of the learned
    filter's ``triggers`` not used as a noun. A cue word inside quotation marks ("I think …" within
    a quote) does not count: it is part of what was said. Quotation marks alone are not enough
    either: a marked sentence without a cue is attributed by position."""
    for i, token in enumerate(sentence):
        if token.text in CLOSING_MARK_TOKENS and is_attribution_slot(sentence, i, marked):
            return True  # "“…,” Trump answered.": :func:`subject_after_quotation`
        word = token.lower_  # most words are no cue: look at neighbours only for those that may be
        if word in POLL_NOUNS and i > 1 and not marked.covers(token.idx):
            return True  # "… in the latest poll": :func:`poll_finding`
        if word in triggers and not is_plain_cue_form(word, cue_forms):
            if (i == 0 or sentence[i - 1].lower_ not in NOUN_MARKERS) and not marked.covers(token.idx):
                return True
        elif (word == "according" or word in cue_forms or word in INFINITIVE_CUES or word in BELIEF_ADJECTIVES) \
                and is_trigger(sentence, i, cue_forms) \
                and not marked.covers(token.idx):
            return True
    return False


# A "sentence" longer than this is text without sentence ends (a list, a table, hostile input): it
# is parsed in pieces of this length, since each cue's subtree can span the whole of it and the
# work on a piece grows with cues × length.
MAX_PIECE_TOKENS = 256


def ends_sentence_before(space: Token) -> bool:
    """True for a whitespace token between a sentence's end and a capital ('recruiter.”\\xa0She also said'):
    the sentence recognizer reads a no-break space as no sentence break, so a cue after it took the
    sentence before as its own clause ("…, saying" hung on the previous sentence's "said")."""
    if space.i < 1 or space.i + 1 >= len(space.doc) or not space.doc[space.i + 1].text[:1].isupper():
        return False
    end = space.doc[space.i - 1]
    if end.text in CLOSING_MARK_TOKENS and end.i >= 1:
        end = space.doc[end.i - 1]
    return end.text in (".", "?", "!")


def line_pieces(sentence: Span) -> list[Span]:
    """A sentence cut at line breaks (the sentence recognizer sometimes runs over paragraphs) and at
    whitespace after a sentence's end (:func:`ends_sentence_before`), and into pieces of at most
    :data:`MAX_PIECE_TOKENS` tokens."""
    pieces, start = [], sentence.start
    for token in sentence:
        if token.is_space and ("\n" in token.text or ends_sentence_before(token)):
            if token.i > start:
                pieces.append(sentence.doc[start : token.i])
            start = token.i + 1
        elif token.i - start >= MAX_PIECE_TOKENS:
            pieces.append(sentence.doc[start : token.i])
            start = token.i
    if sentence.end > start:
        pieces.append(sentence.doc[start : sentence.end])
    return pieces


# Words that open a sentence of its own, not an attribution, after a quotation ("“…?” When asked for comment, …").
CLAUSE_OPENERS = SUBORDINATORS | LEADING_CONJUNCTIONS | {"as", "or", "so", "until", "then", "yet", "still", "instead"}


def opens_after_asked_quotation(sentence: Span) -> bool:
    """True when a sentence opens with a word right after a quotation that closes on a question or exclamation, on
    the same line: the sentence recognizer cut the attribution from its quotation ("“… the 11 million?” | Hannity
    pressed."). Not a sentence that opens with a conjunction or a subordinator (:data:`CLAUSE_OPENERS`)."""
    doc, first = sentence.doc, sentence.start
    return first >= 2 and doc[first - 1].text in CLOSING_MARK_TOKENS and doc[first - 2].text in ("?", "!") \
        and "\n" not in doc[first - 1].whitespace_ and sentence[0].text[:1].isalpha() \
        and sentence[0].lower_ not in CLAUSE_OPENERS


def rejoined_attributions(doc: Doc) -> list[Span]:
    """The sentences of ``doc``, each that opens after a question's or exclamation's quotation
    (:func:`opens_after_asked_quotation`) joined to the one before, so the parse sees the attribution with its quotation."""
    sentences: list[Span] = []
    for sentence in doc.sents:
        if sentences and opens_after_asked_quotation(sentence):
            sentences[-1] = doc[sentences[-1].start : sentence.end]
        else:
            sentences.append(sentence)
    return sentences


def candidate_sentences(doc: Doc, cue_forms: dict, marked: MarkedStretches, triggers: frozenset[str] = frozenset()) -> list[Span]:
    """The sentences (cut at line breaks) of ``doc`` that need a parse."""
    return [piece for sentence in rejoined_attributions(doc) for piece in line_pieces(sentence)
            if is_candidate(piece, cue_forms, marked, triggers)]


# ---------------------------------------------------------------------------------------------
# Cues, speakers and content in a parsed stretch


def is_discourse_marker(subject: Token, cue: Token) -> bool:
    """True for "That said, …" opening a clause: a discourse marker ("however"), not an attribution
    (its "quote" would swallow the sentence and the attribution inside it: "That said, Millennials
    say …")."""
    doc = cue.doc
    return (subject.lower_ == "that" and cue.lower_ == "said" and subject.i == cue.i - 1
            and cue.i + 1 < len(doc) and doc[cue.i + 1].text == ","
            and (subject.i == 0 or subject.is_sent_start or doc[subject.i - 1].is_punct))


def is_denying_inversion(cue: Token) -> bool:
    """True for a cue after a fronted "little" and an auxiliary ("Little did they know what …",
    "little does she realize"): the narrator says the subject did not know or think it, so the
    clause is attributed to no one."""
    lefts = list(cue.lefts)
    return len(lefts) >= 2 and lefts[0].lower_ == "little" and lefts[0].dep_ == "advmod" \
        and lefts[1].dep_ == "aux" and lefts[1].lower_ in ("did", "does", "do")


# Forms of the verbs of speaking: in an "as" clause they tell when, not who reported what.
SPEAKING_FORMS = frozenset({"speak", "speaks", "spoke", "speaking", "talk", "talks", "talked", "talking"})
# Demonstratives a subject can be ("That suggests …"), and the forms of the verbs through which an empty
# "it" tells what something amounts to ("It means acknowledging …", "It took him a day to … calling …"):
# candidate sentences are parsed without a lemmatizer, so forms, not lemmas.
DEMONSTRATIVES = frozenset({"that", "this"})
MEANING_VERBS = frozenset({"mean", "means", "meant", "meaning", "take", "takes", "took", "taken", "taking"})


def borrowed_pronoun(subject: Token, cue: Token) -> bool:
    """True when a pronoun subject is another clause's, not the cue's speaker, or names no one: the
    cue is passive with its own subject ("Although the plan is intended to …, it leaves"), the
    pronoun is an empty "it" ("it's impossible to evaluate … without knowing", "it is difficult to
    predict", "It means acknowledging"), or it is a demonstrative standing for what the text just
    told ("That suggests …", "That’s not to suggest …"; a relative "that" is tagged otherwise). Its
    quote keeps no speaker: PolNeAR marks most such clauses as reported with no source, and a reader
    would be shown a bare pronoun."""
    if subject.lower_ in DEMONSTRATIVES and subject.tag_ == "DT":
        return True
    if subject.head.i == cue.i or not is_unnamed(subject.text):
        return False
    if any(child.dep_ in ("nsubjpass", "auxpass") for child in cue.children):
        return True
    verb = subject.head
    return subject.lower_ == "it" and (subject.dep_ == "expl" or verb.lower_ in MEANING_VERBS
                                       or any(child.dep_ in ("acomp", "attr") for child in verb.children))


def cue_of(token: Token, cue_forms: dict) -> tuple[str, int] | None:
    """``(kind, last token index)`` when ``token`` starts an active cue, else None (a passive cue
    with an infinitive is :func:`passive_clause`'s)."""
    if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
        return SPEECH, token.i + 1
    entry = cue_forms.get(token.lower_)
    if entry is None or not (token.tag_.startswith("VB") or mistagged_final_cue(token) or mistagged_cue_with_subject(token)):
        return None
    kind, _, particle = entry
    if particle:
        # "shot back" hangs "back" as an adverb, "pointed to" "to" as a preposition, "made it clear" "clear" as a
        # complement
        found = [c for c in token.children if c.dep_ in PARTICLE_DEPS and c.i - token.i <= PARTICLE_REACH
                 and f"{token.lower_}_{c.lower_}" in cue_forms]
        return (cue_forms[f"{token.lower_}_{found[0].lower_}"][0], found[0].i) if found else None
    return kind, token.i


def passive_clause(token: Token) -> tuple[int, int] | None:
    """Token range of the clause a passive cue with an infinitive attributes ("the bank is
    expected to raise rates"): from its passive subject to the end of the infinitive, or None."""
    if token.lower_ not in PASSIVE_CUES or token.tag_ != "VBN":
        return None
    subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
    infinitives = [c for c in token.rights if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.lefts)]
    if not subjects or not infinitives or subjects[0].lower_ in NON_SPEAKERS:
        return None
    return trimmed(list(token.doc[subjects[0].left_edge.i : infinitives[0].right_edge.i + 1]))


def seeming_clause(token: Token, cue_forms: dict, triggers: frozenset[str]) -> tuple[int, int] | None:
    """Token range of the clause a raising verb attributes: with an infinitive ("the race appears to
    be tightening") or a predicate ("Cruz seemed lost", see :func:`seeming_complement`), from its
    subject (or the verb, when it has none: "there appears to be …") to the end of the complement;
    after an empty "it", only the clause it stands for ("It appears, though, that the game was …").
    None otherwise, and when a cue or one of the learned filter's ``triggers`` is a verb in the clause: in "she appeared to imply that …" and "as several states have
    rejected …" that verb attributes, with its subject as the source (gold's reading), and in "Sanders,
    who sees himself as …, appears" the subject holds an attribution of its own."""
    if token.lower_ not in SEEMING_CUES or not token.tag_.startswith("VB"):
        return None
    complement = seeming_complement(token)
    if complement is None:
        return None
    clause_verb = complement if complement.i == token.head.i else token  # "seemed rattled" parsed as an auxiliary
    subjects = [c for c in clause_verb.lefts if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects and subjects[0].tag_ in ("WDT", "WP"):
        return None  # "what appears to be her success", "an economy that seems to reward …": part of a noun phrase
    if not subjects and clause_verb.dep_ == "xcomp":
        return None  # "want to appear flustered": what the subject of "want" wants
    end = complement.right_edge.i + 1
    if complement.dep_ == "ccomp":
        start = complement.left_edge.i
    elif subjects and subjects[0].lower_ not in ("it", "there"):
        start = subjects[0].left_edge.i
    else:
        start = token.i
    if any((is_cue_word(t, cue_forms) or t.lower_ in triggers) and t.tag_.startswith("VB") and t.i != token.i
           for t in token.doc[start:end]):
        return None
    return trimmed(list(token.doc[start:end]))


def seeming_experiencer(verb: Token) -> Token | None:
    """Whom a raising verb says something seems so to, the source of the impression ("nothing about
    them seems credible to me", "the plan appeared reckless to Ms. Ortiz"): the person or pronoun after
    "to" on the verb or its predicate (gold gives that source), else None."""
    complement = seeming_complement(verb)
    holders = [verb] if complement is None else [verb, complement]
    for holder in holders:
        for child in holder.rights:
            if child.dep_ == "prep" and child.lower_ == "to":
                people = [p for p in child.children if p.dep_ == "pobj"
                          and (p.tag_ == "PRP" or p.ent_type_ in ("PERSON", "ORG", "NORP"))]
                if people:
                    return people[0]
    return None


def acting_subject(verb: Token) -> Token | None:
    """The person or organization a raising verb or a passive cue with an infinitive cue says something of,
    named, a "he"/"she" or a plural ("He appeared to make an off-color joke", "The Times is expected to endorse …",
    "Obama is reported to have called …", "Voters seem to care more about …"): PolNeAR credits it as the source
    (train 1–700). None for any other subject: "the race appears to be tightening" is no one's."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    if not subjects:
        # "She also suggested …, but appeared to betray …": a conjunct shares its verb's subject
        return acting_subject(verb.head) if verb.dep_ == "conj" and verb.head.i < verb.i else None
    subject = subjects[0]
    return subject if subject.ent_type_ in ("PERSON", "ORG", "NORP") or subject.lower_ in PRONOUN_GENDERS or subject.tag_ in ("NNS", "NNPS") else None


def seeming_complement(verb: Token) -> Token | None:
    """What a raising verb says of its subject: an infinitive right after it ("appears to be
    tightening"), a predicate ("seemed lost", "seems a near certainty", "appeared headed for …"; on
    PolNeAR train 1–700 gold attributes such clauses to no one as it does the infinitive's), or,
    after an empty "it", a clause ("it seems the Democrats have …"). None when it has none:
    "appeared at a rally", "appeared on Sunday shows to tout …" tell where someone showed up. The
    parser makes some such verbs the auxiliary of the participle they introduce ("seemed rattled by …",
    "appeared headed for …"): that participle is the predicate."""
    if verb.dep_ in ("aux", "auxpass") and verb.head.tag_ == "VBN" and verb.head.i > verb.i:
        return verb.head
    for child in verb.rights:
        infinitive = any(a.lower_ == "to" for a in child.lefts if a.dep_ == "aux")
        if child.dep_ == "xcomp" and infinitive:
            return child if any(a.lower_ == "to" and a.i == verb.i + 1 for a in child.lefts) else None
        if child.dep_ in SEEMING_PREDICATE_DEPS:
            return child
        if child.dep_ == "ccomp" and any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in verb.lefts):
            return child
    return None


def poll_finding(token: Token, cue_forms: dict) -> tuple[list[tuple[int, int]], tuple[int, int]] | None:
    """``(content ranges, source range)`` when ``token`` is the "in" of a poll a clause reports
    ("Trump leads in the latest CNN poll", "In a Register poll, Cruz had a lead"): the clause,
    without the "in …" phrase, is what the poll found. None otherwise, or when the clause has no
    subject or is not a main clause (checked on PolNeAR train 1–700: such clauses were mostly not gold's),
    when the phrase lies in an adjunct ("Despite his low standing in the polls, Clinton …") and when the
    clause cites its source "according to" someone (PolNeAR credits that source). What the poll found is
    its own clause: not a clause joined to it with a subject of its own ("…, but in Iowa a survey had him at
    4 percent"), a contrasting clause with its own attribution ("…, although history says …") or a
    description set off at its end (:func:`finding_tokens`)."""
    if token.lower_ != "in" or token.dep_ != "prep":
        return None
    polls = [child for child in token.children if child.dep_ == "pobj" and child.lower_ in POLL_NOUNS]
    if not polls:
        return None
    verb = token.head
    for _ in range(3):  # "held a lead … in a CNN poll": the phrase may hang from the verb's object
        if verb.tag_.startswith("VB") or verb.head.i == verb.i or verb.lower_ in ADJUNCT_PREPOSITIONS:
            break
        verb = verb.head
    if not verb.tag_.startswith("VB") or own_subject(verb) is None or verb.dep_ not in ("ROOT", "conj"):
        return None  # "who leads in the polls", "while he trails in surveys": a relative or adverbial clause says too little
    if any(child.lower_ == "according" for child in verb.children):
        return None
    doc = token.doc
    tokens = finding_tokens(verb, cue_forms, opening=token.i < verb.i)
    before = trimmed([t for t in tokens if t.i < token.left_edge.i])
    after = trimmed([t for t in tokens if t.i > token.right_edge.i])
    if after is not None:
        after = without_trailing_description(after, doc)
    pieces = [r for r in (before, after) if r]
    return (pieces, (polls[0].left_edge.i, polls[0].right_edge.i + 1)) if pieces else None


def finding_tokens(verb: Token, cue_forms: dict, opening: bool) -> list[Token]:
    """The tokens of ``verb``'s clause up to a clause joined to it with a subject of its own and, unless the
    poll ``opening`` the clause frames all of it ("In a CNN poll, 38 percent said …, while 60 percent said …"),
    without a contrasting clause that carries its own attribution (:func:`without_attributed_clause`)."""
    end = verb.right_edge.i + 1
    for child in verb.rights:
        if child.dep_ == "conj" and own_subject(child) is not None:
            end = min(end, child.left_edge.i)
    tokens = list(verb.doc[verb.left_edge.i : end])
    return tokens if opening else without_attributed_clause(verb, tokens, cue_forms)


def mistagged_final_cue(token: Token) -> bool:
    """True for a sentence-final cue the tagger took for a noun ("…, records show."): the root,
    after the clause it reports and a noun the parser made its compound."""
    return (token.dep_ == "ROOT" and any(c.dep_ == "ccomp" and c.i < token.i for c in token.children)
            and mistagged_subject(token) is not None)


def mistagged_cue_with_subject(token: Token) -> bool:
    """True for a cue the tagger took for a plural noun but the parser gave a subject ("Trump charges
    that …", "Trump questions the fairness of …")."""
    return token.tag_ == "NNS" and any(c.dep_ in SUBJECT_DEPS for c in token.children)


def mistagged_subject(token: Token) -> Token | None:
    """The plural noun right before a mistagged cue, parsed as its compound ("records" in "records show")."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.head.i == token.i and before.dep_ == "compound" and before.tag_ == "NNS":
        return before
    return None


# Tokens that may open a quotation: the opening glyphs and the straight marks ('"', the NYT's "''"), which open as
# well as close.
OPENING_MARK_TOKENS = OPENING_GLYPHS | {"\"", "''"}


def is_in_marks(noun: Token) -> bool:
    """True when a noun's phrase opens right after an opening quotation mark (a title: "“Fox and Friends.”")."""
    return noun.left_edge.i > 0 and noun.doc[noun.left_edge.i - 1].text in OPENING_MARK_TOKENS


def own_subject(verb: Token) -> Token | None:
    """A verb's own nominal subject: the one nearest the verb when the parser gave it several (in
    "“…, it will happen,” said James Acton" the quoted clause's "it" hangs from "said" too; "made
    public ― Trump boasted")."""
    subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
    # "he’s said", "who’ve said": the parser may make a contracted auxiliary a subject, beside the pronoun or over it
    words = [child for child in subjects if child.text[0] not in "'’"] \
        or [c for child in subjects for c in child.children if c.dep_ in SUBJECT_DEPS] or subjects
    # "Republican figures — whose party … — both suggested": a floating "both" the parser made a second subject repeats the noun
    words = [child for child in words if child.lower_ not in FLOATING_QUANTIFIERS] or words
    # "“…,” Flynn, a party strategist, said on Fox News’s “Fox and Friends.”": a title in marks after the verb the
    # parser made a second subject names no one
    words = [child for child in words if not (child.i > verb.i and is_in_marks(child))] or words
    if words:
        return min(words, key=lambda child: abs(verb.i - child.i))
    if not verb.tag_.startswith("VB"):
        return mistagged_subject(verb)
    before = verb.doc[verb.i - 1] if verb.i > 1 else None
    if before is not None and before.head.i == verb.i and before.dep_ == "compound" and before.ent_type_ in ("PERSON", "ORG") \
            and set(verb.doc[verb.i - 2].text) <= CLOSING_MARKS:
        return before  # "“…,” Bozell notes": the parser may hang the name after a quote as its cue's compound
    # "About 4 in 10 say …": the parser hangs a share that is the subject as the verb's number
    shares = [child for child in verb.children if child.dep_ == "nummod" and child.i < verb.i]
    return shares[0] if shares else None


def passive_gerund_subject(gerund: Token) -> Token | None:
    """Who a passive verb is about, for a cue's gerund after a preposition under it ("While voters are united in
    supporting the levy, …", "was fired after saying …"): the passive has no subject of its own to pass on, so
    climbing past it would reach another clause's. None otherwise, and after "by", which names the means of
    whoever acted ("the hostility is justified by arguing …")."""
    preposition = gerund.head
    verb = preposition.head
    if gerund.dep_ != "pcomp" or gerund.tag_ != "VBG" or own_subject(gerund) is not None \
            or preposition.lower_ == "by" or preposition.lower_ not in SUBJECT_GERUND_PREPOSITIONS \
            or not verb.tag_.startswith("VB") or own_subject(verb) is not None:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def contracted_perfect_subject(verb: Token) -> Token | None:
    """The pronoun before a contracted "has" the parser read as a passive "is" ("While he's said he'll fight …"):
    "said" with a clause of its own is active, so "he" is its subject. None otherwise, and for a passive with an
    infinitive ("he's said to be …")."""
    if verb.lower_ != "said" or any(c.dep_ == "xcomp" for c in verb.children) \
            or not any(c.dep_ == "auxpass" and c.text in ("'s", "’s") for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ in ("he", "she")), None)


def controlling_object(verb: Token) -> Token | None:
    """The person or group named as the object of the verb a cue complements, who is the cue's
    subject ("led the journalist Dainis Ivans to fear", "forced Stumpf to admit", "urged them to
    say", and after a verb of causing any noun: "has led some allies to worry", "left the party's wing to wonder",
    which the parser may hang as a clause of purpose: "drove thousands of villagers to demand", unless a comma sets
    it off as one: "leading the integration, to tell them"), or None. Other objects are not ("issued a statement
    calling", "used footage of her asking", "used the comments to urge")."""
    causing = verb.head.lower_ in CAUSING_VERBS
    purpose = verb.dep_ == "advcl" and any(c.lower_ == "to" for c in verb.children) and not is_set_off(verb.left_edge)
    if not (verb.dep_ == "xcomp" or (causing and purpose)):
        return None
    objects = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
    if not objects:
        return None
    start, end = mention_tokens(objects[-1])
    noun = objects[-1].tag_.startswith("NN") or objects[-1].lower_ in GROUP_MEMBER_WORDS
    if any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in verb.doc[start:end]) or objects[-1].lower_ in OBJECT_PRONOUNS \
            or (noun and causing and objects[-1].ent_type_ not in ("DATE", "TIME")):
        return objects[-1]
    # "uses footage of Hillary Clinton asking": the person the object shows, named right before the cue
    shown = [p for c in objects[-1].children if c.dep_ == "prep" and c.lower_ == "of"
             for p in c.children if p.dep_ == "pobj" and p.ent_type_ == "PERSON" and p.i == verb.i - 1]
    return shown[0] if shown else None


def depicted_object(verb: Token) -> Token | None:
    """The person or group a verb of leaving or finding, or "with", shows doing a cue's gerund ("has left
    62 percent of voters saying …", "left many Republicans, including his supporters, wondering …",
    "ended with Maddow asking …"): the object right before the gerund, which the parser hung on the
    verb as an adjunct; else None. Only people can be: "left no doubt of his commitment, saying" is
    the subject's."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl":
        return None
    objects = [c for c in verb.head.children if c.dep_ == "dobj" and c.right_edge.i < verb.i] \
        if verb.head.lower_ in DEPICTING_VERBS else []
    # "with X asking" has no comma between: "the future with Iran, remarking" is the subject's
    objects += [p for c in verb.head.children if c.dep_ == "prep" and c.lower_ == "with"
                for p in c.children if p.dep_ == "pobj" and p.right_edge.i + 1 == verb.i]
    objects.sort(key=lambda t: t.i)
    if not objects or not all(t.text == "," for t in verb.doc[objects[-1].right_edge.i + 1 : verb.i]):
        return None
    shown = objects[-1]
    people = shown.ent_type_ in ("PERSON", "ORG", "NORP", "PERCENT", "CARDINAL") or shown.tag_ in ("NNS", "NNP", "NNPS") \
        or shown.lower_ in ROLE_WORDS  # "hearing a leading candidate acknowledging"
    return shown if people or shown.lower_ in OBJECT_PRONOUNS else None


def is_document(noun: Token) -> bool:
    """True when a noun names a document or an occasion to speak (:data:`DOCUMENT_NOUNS`), singular
    or plural (candidate sentences are parsed without a lemmatizer)."""
    word = noun.lower_
    return word in DOCUMENT_NOUNS or (noun.tag_ == "NNS" and word[:-1] in DOCUMENT_NOUNS)


def document_sender(noun: Token) -> Token | None:
    """The verb whose subject sent a document or spoke at an occasion the noun names ("sent a letter
    … urging", "unleashed a series of tweets criticizing", "said at a news conference announcing"):
    the verb the noun is the object or complement of, through "of" phrases and conjuncts ("called for a
    voice vote, and then a standing vote"; also the verb whose subject a participle set off after any such
    noun speaks for, see :func:`subject_of`); None when there is none."""
    token = noun
    for _ in range(4):
        if token.dep_ not in ("dobj", "pobj", "prep", "conj", "attr") or token.head.i == token.i:
            return None
        token = token.head
        if token.tag_.startswith("VB"):
            return token
    return None


def opens_the_clause(noun: Token) -> bool:
    """True when a noun is the object of a preposition put before the subject of the verb it hangs from
    ("In a statement defending Lewandowski, Trump's campaign said …"): a document named there speaks for
    itself (PolNeAR credits "a statement", train 1–700), unlike one after the verb ("said at a news
    conference announcing …", "sent a letter urging …"), which its sender speaks through."""
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.dep_ != "prep":
        return False
    subject = own_subject(preposition.head)
    return subject is not None and preposition.i < subject.i


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# Verbs whose "on" object may be the subject of an infinitive after it ("rely on users to report").
RELYING_VERBS = frozenset({"rely", "relies", "relied", "relying", "count", "counts", "counted", "counting", "depend",
                           "depends", "depended", "depending"})
# A verb's dependents that may stand between it and its subject ("NBC News will accuse", "Trump always hoped"),
# and how the parser may have hung a subject it took for something else (:func:`stranded_subject`).
VERB_MODIFIER_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
# Quantifiers that may float after the subject they repeat ("the senators both said", "the aides all agreed").
FLOATING_QUANTIFIERS = frozenset({"both", "all", "each"})
STRANDED_DEPS = frozenset({"conj", "appos", "pobj"})
# The links inside a noun phrase that ends on a prepositional object or a clause ("sources privy to the
# negotiations", "Republicans clamoring for less federal involvement in education", "a woman who had been a
# student in Montana"): :func:`phrase_head` climbs them to the noun the phrase is about.
PHRASE_TAIL_DEPS = frozenset({"pobj", "prep", "acl", "relcl", "amod", "attr"})


def is_on_record(noun: Token) -> bool:
    """True for the "record" of "on record" or "on the record" ("are on record opposing …", "went on the record
    endorsing …"): it says how someone spoke, never who."""
    return noun.lower_ == "record" and noun.head.lower_ == "on" and all(t.lower_ == "the" for t in noun.lefts)


def finite_verb_coordinated_with(verb: Token) -> Token | None:
    """The finite verb a subjectless finite cue really coordinates with when the parser made it the
    conjunct of a base-form verb under "to" or a modal, or of a later conjunct of one ("Putin forecast
    that the economy would rebound and praised …", "Romney ran on his ability to jolt the recovery and
    accused …", "Ames says he'd sit them down and tell them off and tells the crowd …", "He said that he
    would offer help but did not suggest …"): a past or present form, or one with its own "did" or "has",
    cannot share that verb's subject, so it shares the subject of the nearest finite verb above it. None
    otherwise."""
    finite = verb.tag_ in ("VBD", "VBZ") \
        or (verb.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ in FINITE_TAGS for c in verb.children))
    if verb.dep_ != "conj" or not finite or own_subject(verb) is not None:
        return None
    head = verb.head
    while head.dep_ == "conj" and head.tag_ == "VB" and head.head.i != head.i:
        head = head.head  # "sit them down and tell them off and tells": the first conjunct carries the modal
    if head.tag_ != "VB" or not any(c.dep_ == "aux" and c.tag_ in ("MD", "TO") for c in head.children):
        return None
    token = head
    for _ in range(EMBEDDING_STEPS):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.tag_ in FINITE_TAGS and own_subject(token) is not None:
            return token
    return None


def past_conjunct_of_present_relative(verb: Token) -> Token | None:
    """The verb a subjectless past-tense cue really continues when the parser joined it to a present-tense
    relative clause before it ("He has called on them to attack the oil that funds the group and proposed a
    safe zone …"): a relative clause in the present does not go on in the past, so the cue shares the subject
    of the nearest verb with one above the relative clause's noun. None otherwise."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VBD" or own_subject(verb) is not None or head.dep_ != "relcl" \
            or head.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in head.children):
        return None
    token = head.head
    for _ in range(EMBEDDING_STEPS):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.tag_.startswith("VB") and own_subject(token) is not None:
            return token
    return None


def subject_of(verb: Token) -> Token | None:
    """The speaker's head word for a cue verb: its subject, or one it shares with the verbs it hangs from.

    "He stood and said", "went on to say", "…, saying", "began by saying", "sent a letter … urging",
    "missed an opportunity to remind" all take the subject of an enclosing verb; "forced Stumpf to
    admit" and "footage of Clinton asking" take the person made to speak or shown speaking; "officials speaking on condition of anonymity"
    takes the noun, but "hid them, in many cases reporting" the clause's subject (an adjunct's noun names nobody);
    "Asked by Stephanopoulos to respond" takes the passive's agent (:func:`passive_agent`), "“…?” asked
    the boy" the speaker the parser made an object (:func:`inverted_object_speaker`).
    """
    agent = passive_agent(verb) or depicted_object(verb) or inverted_object_speaker(verb) or infinitive_subject(verb)
    if agent is not None:
        return agent
    token = finite_verb_coordinated_with(verb) or past_conjunct_of_present_relative(verb) or verb
    # "…, vowing to act, and suggesting …": a participle joined to another shares where that one hangs
    participle = verb.head if verb.tag_ == "VBG" and verb.dep_ == "conj" and verb.head.tag_ == "VBG" else verb
    if participle.tag_ == "VBG" and participle.dep_ == "advcl" and participle.head.dep_ in COMPLEMENT_DEPS \
            and is_set_off(participle) and participle.head.head.i < participle.i \
            and own_subject(participle.head.head) is not None and not is_inserted_clause(participle.head):
        # "X said they lost, arguing that …": the parser hangs the gerund inside what X said (not a verb after the
        # gerund: in "He has called China …, accusing it …. “…,” he said" the parser ran into the next sentence)
        token = participle.head.head
    for _ in range(4):
        subject = own_subject(token) or contracted_perfect_subject(token) or controlling_object(token) or stranded_subject(token) \
            or listed_clause_subject(token) or relative_clause_holder(token) or continued_relative_clause(token) \
            or passive_conjunct_subject(token) or auxiliary_subject(token) or modal_taken_name(token)
        if subject is not None:
            return subject
        head = token.head
        if head.i == token.i:
            return None
        if token.dep_ == "acl" and head.tag_.startswith("NN") and not is_document(head) and head.dep_ == "pobj" \
                and (head.head.lower_ in ADJUNCT_PREPOSITIONS or is_on_record(head)) and head.head.head.tag_.startswith("VB") \
                and head.ent_type_ not in ("PERSON", "ORG", "NORP"):
            token = head.head.head  # "hid them, in many cases reporting …": the adjunct's noun says nothing
            continue
        holder = head.head if head.dep_ == "dobj" else head.head.head \
            if head.dep_ == "pobj" and head.head.dep_ == "prep" and not any(c.dep_ == "poss" for c in head.children) else head
        # (not "from his proposal to deport": the possessor is who proposes)
        if token.dep_ == "acl" and head.tag_.startswith("NN") and holder.tag_.startswith("VB") \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
                and head.ent_type_ not in ("PERSON", "ORG", "NORP") and head.lower_ not in ROLE_WORDS:
            # "never missed an opportunity to remind", "has a rare chance to show", "invoked the attacks as a cudgel
            # to repeat", "were under pressure to pledge": the verb's subject's
            token = holder
            continue
        if is_free_gerund(token) and head.dep_ == "dobj" and head.head.tag_.startswith("VB") \
                and own_subject(head.head) is not None and not is_unnamed(own_subject(head.head).text):
            token = head.head  # "has drawn huge crowds describing …", "entered the talks believing …": the clause's subject's
            continue
        sender = addressing_verb(token)
        if sender is not None:
            token = sender  # "made a pitch to voters saying …": who is addressed does not speak
            continue
        if token.dep_ == "acl" and head.tag_.startswith("NN"):
            agent = gerund_agent(token)
            if agent is not None:
                return agent
            sender = document_sender(head) if is_document(head) and not opens_the_clause(head) else None
            listed = any(c.dep_ == "acl" and c.tag_ == "VBG" and c.i < token.i for c in head.children)
            if sender is None and is_set_off(token) and token.tag_ == "VBG" and not listed \
                    and head.ent_type_ not in ("PERSON", "ORG", "NORP"):
                # "ended the debate with a reference to the film, remarking …": a participle set off by a comma
                # tells what the clause's subject did, though the parser hung it on the noun before the comma
                # (not one of a list: "precedents restricting class actions, limiting damages")
                sender = document_sender(head)
            if sender is None:
                return head
            token = sender
            continue
        relative = own_subject(head) if token.tag_ == "VBG" and token.dep_ == "advcl" and head.dep_ == "relcl" else None
        if relative is not None and relative.lower_ in ("that", "which") and is_set_off(token.left_edge) \
                and document_sender(head.head) is not None:
            token = document_sender(head.head)  # "had a strong moment that could play big, denouncing …": the clause's subject's
            continue
        if token.dep_ == "pcomp" and head.lower_ in SUBJECT_GERUND_PREPOSITIONS and head.head.tag_.startswith(("VB", "MD")):
            token = head.head  # "began by saying", "sings to Clinton before asking her"
            continue
        if token.dep_ not in ("conj", "xcomp", "advcl") and not is_eager_predicate(token):
            return None
        token = head
    return None


# Subjects of a copula that name no one ("it is important to note that …").
EMPTY_SUBJECTS = frozenset({"it", "this", "that", "there", "what"})


def is_eager_predicate(adjective: Token) -> bool:
    """True for a predicate adjective after a copula whose subject names someone ("Advisers are quick to point out
    that …", "the mayor was happy to announce …"): the subject speaks through the infinitive cue the parser hangs
    from the adjective, unlike "it is important to note that …"."""
    subject = own_subject(adjective.head)
    return adjective.dep_ == "acomp" and adjective.tag_ == "JJ" and subject is not None \
        and subject.lower_ not in EMPTY_SUBJECTS


# How a cue's clause may hang inside a clause whose subject the cue's pronoun repeats ("he made it clear
# that he felt", "provided no details about how he planned", "pointed at what they called"). Not
# adverbial clauses ("…, when he said") nor relative clauses of a noun ("an agenda that he plans"):
# PolNeAR credits those to the pronoun (train 1–700).
EMBEDDING_DEPS = frozenset({"ccomp", "pcomp", "pobj", "prep", "acl", "dobj", "attr", "xcomp"})
# How far up (dependency steps) the enclosing clause's verb may be.
EMBEDDING_STEPS = 6


def agrees_with_pronoun(pronoun: Token, noun: Token) -> bool:
    """True when ``noun`` can be what a "he"/"she"/"they" repeats: the same pronoun, a person for
    "he"/"she", a group, a plural or people named together for "they"."""
    word = pronoun.lower_
    if noun.lower_ == word:
        return True
    if word in PRONOUN_GENDERS:
        return noun.ent_type_ == "PERSON" or (noun.tag_ == "NN" and not noun.ent_type_)
    coordinated = any(c.dep_ == "conj" for c in noun.children)  # "Trump and other Republicans"
    return noun.ent_type_ in ("ORG", "NORP") or noun.tag_ in ("NNS", "NNPS") or coordinated


def enclosing_subject(cue: Token, subject: Token, cue_forms: dict) -> Token | None:
    """The subject of the clause a cue with a "he"/"she"/"they" subject is embedded in, when it agrees
    with the pronoun ("Sanders has made clear that he expects …", "Trump …, telling reporters that he
    thinks …"): the journalist attributes the whole to that subject, who is also the pronoun's person
    (PolNeAR credits the outer mention). The way up may pass a that-clause the parser made adverbial
    ("made it clear that he felt …") and, above the cue, a verb joined to one with the subject
    ("Weaver appeared on MSNBC and outlined how he thinks …"). None otherwise, and when the
    enclosing verb is a cue: its own quote holds the pronoun's.

    A cue that shares the pronoun with a verb above it (a participle the parser hung on an embedded
    clause: "Clinton made it clear that she has their backs, touting …") goes up from that verb, to a
    subject that is a name: the participle tells what the named person did (a common noun there is
    mostly a thing the pronoun does not repeat). A verb joined to another clause with its own pronoun
    subject ("Clinton made a reference … - but she continued to suggest …") starts a new sentence's
    worth: its pronoun stays the speaker."""
    verb = subject.head
    if subject.lower_ not in ("he", "she", "they") or not (verb.i == cue.i or verb.is_ancestor(cue)):
        return None
    token = verb
    for _ in range(EMBEDDING_STEPS):
        free_relative = token.dep_ == "relcl" and token.head.lower_ == "what"  # "what he called"
        if not (token.dep_ in EMBEDDING_DEPS or free_relative or is_that_clause(token)
                or (token.dep_ == "conj" and token.i != verb.i)) or token.head.i == token.i \
                or token.head.lower_ in CATAPHORA_SUBORDINATORS:  # "learned that after he expressed doubts": adverbial
            return None
        token = token.head
        outer = own_subject(token) if token.tag_.startswith("VB") else None
        if outer is not None:
            named = verb.i == cue.i or outer.ent_type_ in ("PERSON", "ORG", "NORP")
            return outer if outer.i < subject.i and named and cue_of(token, cue_forms) is None and agrees_with_pronoun(subject, outer) else None
    return None


def is_that_clause(verb: Token) -> bool:
    """True for a clause opened by "that" that the parser hung as an adverbial clause ("made it clear
    that he felt …"): a complement, not a clause of time or cause."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)


def is_framing_clause(clause: Token, main: Token) -> bool:
    """True when ``clause`` is an adverbial clause of the same moment ("as", "while", "when") with its own
    subject before it, and a participle set off right after it tells what that subject did: PolNeAR credits
    that subject ("Ames nods as a waiter walks by, saying …": the waiter; "Ames conceded the point even as
    he defended the plan, saying …": "he"). A "he"/"she"/"they" there counts only when it can repeat the
    subject of ``main``, the verb above the clause ("apologized when they came out, saying": not the
    columns)."""
    subject = own_subject(clause)
    if clause.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in SIMULTANEITY_SUBORDINATORS for c in clause.children) \
            or subject is None or subject.i > clause.i or subject.lower_ in RELATIVE_PRONOUNS:
        return False
    if not is_unnamed(subject.text):
        return True
    outer = own_subject(main)
    # (a name the model filed as an organization may still be a "he": "Donald Trump" ORG after a dateline)
    misfiled = subject.lower_ != "they" and outer is not None and outer.tag_ == "NNP" and outer.ent_type_ == "ORG"
    return subject.lower_ in ("he", "she", "they") and outer is not None and outer.i < clause.i \
        and (agrees_with_pronoun(subject, outer) or misfiled)


def is_inserted_clause(verb: Token) -> bool:
    """True when a verb and its subject follow a comma or closing quotation mark, as an attribution put
    after the words it reports does ("Comey cannot say that “…,” Lewandowski added, saying …"): a
    gerund after it is that attribution's, though the parser made the verb the reported clause."""
    subject = own_subject(verb)
    if subject is None or subject.i > verb.i or subject.left_edge.i == 0:
        return False
    return verb.doc[subject.left_edge.i - 1].text in (",", "”", '"', "''", "’")


def agent_of(verb: Token) -> Token | None:
    """The noun of a passive verb's "by" phrase ("was told by aides": "aides"), or None."""
    return next((p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)


def infinitive_subject(verb: Token) -> Token | None:
    """Who does what an infinitive cue says when "for" or "on" names them right before its "to" ("a natural
    opening for Clinton to highlight …", "the pressure on her to say …", "rely on users to report …"): in
    English that object is the infinitive's subject. Only people, groups and pronouns; None otherwise."""
    to = verb.doc[verb.i - 1] if verb.i > 1 else None
    if to is None or to.lower_ != "to" or to.head.i != verb.i or to.dep_ != "aux":
        return None
    noun = verb.doc[to.i - 1]
    people = noun.ent_type_ in ("PERSON", "ORG", "NORP") or noun.tag_ in ("NNS", "NNPS") or noun.lower_ in OBJECT_PRONOUNS
    preposition = noun.head
    # "on" only after a noun or a verb of relying: in "went on CNN to declare" it tells where
    subject_preposition = preposition.lower_ == "for" or (preposition.lower_ == "on" and (
        preposition.head.tag_.startswith("NN") or preposition.head.lower_ in RELYING_VERBS))
    return noun if people and noun.dep_ == "pobj" and subject_preposition and noun.ent_type_ not in ("DATE", "TIME") else None


def passive_agent(verb: Token) -> Token | None:
    """Who speaks through a passive cue that reports a clause: its agent ("Asked by Stephanopoulos to
    respond …", "was told by aides that …"; not "was appointed by Obama to the court"), or None."""
    if verb.tag_ != "VBN" or not any(c.dep_ in COMPLEMENT_DEPS or is_indirect_question(c) for c in verb.children):
        return None
    agent = agent_of(verb)
    return agent if agent is not None and agent.lower_ not in NON_SPEAKERS else None


def reporting_agent(cue: Token, cue_forms: dict) -> Token | None:
    """Who reports the clause a passive cue opened by "as" hangs on: its agent ("The council will vote next
    week, as first reported by the Ledger"), unless that clause has a cue of its own ("Carson noted …, as
    reported by BuzzFeed": PolNeAR credits Carson), or None."""
    if cue.tag_ != "VBN" or cue.dep_ != "advcl" or cue_of(cue.head, cue_forms) is not None \
            or not any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        return None
    agent = agent_of(cue)
    return agent if agent is not None and agent.lower_ not in NON_SPEAKERS and agent.ent_type_ not in ("DATE", "TIME") else None


# Punctuation that ends a speaker's phrase after an inverted cue.
CLAUSE_ENDS = frozenset({",", ".", "!", "?", ";"})


def inverted_object_speaker(verb: Token) -> Token | None:
    """Who speaks in "“How big is that wall?” asked the boy", "“It’s his to lose,” added another Democrat",
    "“…,” tweeted another": the parser makes the speaker the object of a cue put right after a closing
    quotation mark, with no subject. None otherwise ("asked him about it" asks him; in "called it “a disgrace,”
    telling Fox 35 …" a gerund's object is whom it was said to)."""
    if verb.i < 2 or not verb.tag_.startswith("VB") or verb.tag_ == "VBG" or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    mark, before_mark = verb.doc[verb.i - 1], verb.doc[verb.i - 2]
    if not set(mark.text) <= CLOSING_MARKS or before_mark.text not in ("?", ",", "!"):
        return None
    objects = [c for c in verb.rights if c.dep_ == "dobj"]
    if not objects or objects[0].lower_ in NON_SPEAKERS:
        return None
    # The speaker's name ends the sentence or a comma sets it off ("asked the boy, who …"); in "summed Clinton up
    # as “terrible,” denounced her record as …" the object is what the verb is about.
    ends = [t.i + 1 for t in (objects[0], objects[0].right_edge)]
    return objects[0] if any(i == len(verb.doc) or verb.doc[i].text in CLAUSE_ENDS for i in ends) else None


def asked_question(verb: Token) -> tuple[tuple[int, int], Token | None] | None:
    """``(question range, asker)`` for a passive "asked" with the question it reports ("Asked if he was ever
    bullied, Trump said no", "Blumenthal was asked whether …"): the if/whether/wh- clause, asked by the passive's
    agent or by no one named (who answers is not who asked). None otherwise."""
    if verb.lower_ != "asked" or verb.tag_ != "VBN" or own_subject(verb) is not None:
        return None
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "advcl") and c.i > verb.i
               and (c.left_edge.lower_ in ("if", "whether") or c.left_edge.tag_ in ("WDT", "WP", "WRB"))]
    clause = trimmed(subtree_range(clauses[0])) if clauses else None
    if clause is None:
        return None
    return clause, agent_of(verb)


def believed_clause(adjective: Token) -> tuple[Token, Token] | None:
    """``(clause head, holder)`` for a predicate adjective of belief and the clause it holds ("Aides were adamant
    that the bridge would reopen", "The governor is confident the bill will pass"; the parser hangs the clause
    from the adjective or from the copula): PolNeAR attributes the clause to the copula's subject. None
    otherwise, and for a subject that names no one ("it", ``EMPTY_SUBJECTS``) or a relative word."""
    if adjective.lower_ not in BELIEF_ADJECTIVES or adjective.dep_ != "acomp":
        return None
    holder = own_subject(adjective.head)
    if holder is None or holder.lower_ in EMPTY_SUBJECTS | RELATIVE_PRONOUNS:
        return None
    clauses = [c for c in (*adjective.children, *adjective.head.children) if c.dep_ == "ccomp" and c.i > adjective.i]
    return (clauses[0], holder) if clauses else None


def gerund_agent(verb: Token) -> Token | None:
    """Who speaks in a gerund the parser hung on a noun although the "of" phrase right before it names
    the speaker ("the proportion of GOP voters saying …", "the spectacle of Mr. Netanyahu denouncing …"):
    that phrase's person, group or plural noun, or None. A document there speaks through its sender
    ("a series of tweets saying": :func:`document_sender`)."""
    if verb.dep_ != "acl" or verb.tag_ != "VBG":
        return None
    agents = [p for c in verb.head.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj" and p.right_edge.i + 1 == verb.i]
    if not agents or is_authored(agents[0]):
        return None
    agent = agents[0]
    return agent if agent.ent_type_ in ("PERSON", "ORG", "NORP") or agent.tag_ == "NNS" else None


def is_free_gerund(verb: Token) -> bool:
    """True for a cue's gerund the parser hung on an object noun that names no speaker ("has drawn huge
    crowds describing …"): such a participle clause tells what the clause's subject did (taken only
    when that subject is named: on PolNeAR dev a pronoun there lowered pronoun resolution)."""
    head = verb.head
    return (verb.dep_ == "acl" and verb.tag_ == "VBG" and head.tag_ in ("NN", "NNS") and not head.ent_type_
            and head.lower_ not in ROLE_WORDS and not is_document(head))


def addressing_verb(verb: Token) -> Token | None:
    """The verb whose subject sends a message to the people a cue's gerund hangs on ("his campaign sent a text
    message to supporters saying …", "Cruz is making a pitch to New York voters saying …", "put it in his memo
    to employees explaining …"): the gerund tells what the message said to them, and its sender, the subject
    of the nearest verb above, speaks (PolNeAR credits the sender, train 1–700). None otherwise: people
    something is given to may speak ("gave $3 million to a group backing …")."""
    head = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or head.dep_ != "pobj" or head.head.lower_ != "to" \
            or head.ent_type_ == "PERSON":
        return None
    token = head.head.head
    message = token if is_document(token) else next((c for c in token.children if c.dep_ == "dobj" and is_document(c)), None)
    if message is None:
        return None
    for _ in range(3):
        if token.tag_.startswith("VB"):
            subject = own_subject(token)
            return token if subject is not None and not is_unnamed(subject.text) else None
        token = token.head
    return None


def person_meant(subject: Token) -> Token:
    """The person or organization a speaker's head word that names none stands for: a person in
    apposition to it ("WASHINGTON -- President Obama, dedicating …, said": the parser took the
    dateline for the subject; after a dateline, whoever is in apposition to it), who made the document it names ("according to a speech Mrs.
    Clinton delivered"), or who sent the document a relative pronoun stands for ("Trump released a
    video that said …") or published the authored text it stands for (:func:`publishing_verb`); else the
    head word itself. A role keeps its mention ("the company's chief
    executive, John Ferriola")."""
    dateline = subject.i == 0 and len(subject.text) > 1 and subject.text.isupper()
    described = [c for c in subject.children if c.dep_ == "appos"] if dateline else []
    if described:
        return person_meant(described[-1])  # "RANGOON, Burma - Suu Kyi's allies on Monday predicted …"
    if subject.ent_type_ in ("PERSON", "ORG") or subject.lower_ in ROLE_WORDS:
        return subject
    # Not after a comma: in "Pence's press release, which notes …" the release speaks for itself.
    if subject.lower_ in RELATIVE_PRONOUNS and subject.head.dep_ == "relcl" \
            and subject.i > 0 and subject.doc[subject.i - 1].text != ",":
        noun = subject.head.head
        sender = document_sender(noun) if is_document(noun) else publishing_verb(noun)
        sent_by = subject_of(sender) if sender is not None else None
        if sent_by is not None and sent_by.lower_ not in RELATIVE_PRONOUNS | NON_SPEAKERS:
            return person_meant(sent_by)
    for child in subject.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            return child
        if child.dep_ == "relcl" and is_document(subject):
            authors = [c for c in child.children if c.dep_ == "nsubj" and c.ent_type_ in ("PERSON", "ORG")]
            if authors:
                return authors[0]
    return subject


def is_authored(noun: Token) -> bool:
    """True when a noun names something made by someone a text can cite (:data:`AUTHORED_NOUNS`)."""
    word = noun.lower_
    return word in AUTHORED_NOUNS or (noun.tag_ == "NNS" and word[:-1] in AUTHORED_NOUNS)


def publishing_verb(noun: Token) -> Token | None:
    """The verb that put out what a noun names, when the noun names an authored text other than a document
    ("released data that suggest …", :func:`is_authored`) or a thing a document word qualifies ("launched an ad
    campaign that attacked …") and the verb is one of publishing (:data:`PUBLISHING_VERBS`): its subject made the
    text. None otherwise: "highlighted polls that show …" cites the polls, it did not make them."""
    if not (is_authored(noun) or any(c.dep_ in ("compound", "nmod") and is_document(c) for c in noun.children)):
        return None
    verb = document_sender(noun)
    return verb if verb is not None and verb.lower_ in PUBLISHING_VERBS else None


def document_author(noun: Token) -> Token | None:
    """The person or organization a document noun says made it, by a preposition ("a report from
    Acme", "calculations by Ames") or a passive's agent ("a court document filed by Ames", "audio
    provided by Acme Radio"), or None."""
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            by = [c for c in child.children if c.dep_ == "agent"]
        elif child.dep_ == "prep" and child.lower_ in AUTHOR_PREPOSITIONS:
            by = [child]
        else:
            continue
        authors = [p for b in by for p in b.children if p.dep_ == "pobj" and p.ent_type_ in ("PERSON", "ORG")]
        if authors:
            return authors[0]
    return None


# Cues a speaker may follow between commas ("…, said Doyle, …"): they name no addressee, so a name after
# them is who speaks ("told Reuters", "accusing Sanders" name someone else).
INVERTED_CUES = frozenset({"said", "says", "say", "added", "adds"})


def inverted_speaker(cue: Token, entities_by_token: dict[int, tuple[int, int]]) -> Token | None:
    """The person or organization named right after a cue between commas inside the sentence it
    reports ("The contrast with Trump, said Doyle and others, would be clear": the parser took the
    clause's subject for the cue's), as the head word of its name; else None. A comma must close the
    name's phrase: in "Ames, a lawyer, said Trump could …" the name begins what was said."""
    doc = cue.doc
    if cue.lower_ not in INVERTED_CUES or cue.i == 0 or cue.i + 1 >= len(doc) or doc[cue.i - 1].text != "," \
            or doc[cue.i + 1].ent_type_ not in ("PERSON", "ORG"):
        return None
    start, end = entities_by_token[cue.i + 1]
    name = doc[start:end].root
    last = name.right_edge.i  # the parser may hang the closing comma on the name
    return name if doc[last].text == "," or (last + 1 < len(doc) and doc[last + 1].text == ",") else None


def inverted_content(cue: Token, name: Token) -> list[tuple[int, int]]:
    """Token ranges of what a cue between commas with its speaker after it (:func:`inverted_speaker`)
    reports: its parsed sentence without the attribution, from the comma before the cue to the end
    of the speaker's phrase ("The contrast with Trump | , said Doyle and others, | would be clear");
    empty when nothing follows the attribution."""
    doc = cue.doc
    after = trimmed(list(doc[name.right_edge.i + 1 :]))
    before = trimmed(list(doc[: cue.i - 1]))
    return [piece for piece in (before, after) if piece] if after else []


def parenthetical_speaker(cue: Token, subject: Token) -> Token | None:
    """The noun right before a cue set off by commas inside the sentence it reports when the parser took
    the reported clause's subject, before the comma opening the attribution, for the cue's ("The source
    of the attraction, union members and leaders say, is manifold": "source" is no speaker); else None.
    Scans one parsed piece (at most ``MAX_PIECE_TOKENS``)."""
    doc = cue.doc
    if cue.dep_ != "parataxis" or cue.i < 2 or cue.i + 1 >= len(doc) or doc[cue.i + 1].text != "," or subject.i >= cue.i:
        return None
    comma = next((t.i for t in reversed(doc[subject.i : cue.i]) if t.text == ","), None)
    noun = doc[cue.i - 1]
    if comma is None or comma >= cue.i - 1 or noun.tag_ not in ("NN", "NNS", "NNP", "NNPS") \
            or any(t.tag_.startswith("VB") for t in doc[comma + 1 : cue.i]):
        return None
    return noun


def parenthetical_content(cue: Token, noun: Token) -> list[tuple[int, int]]:
    """Token ranges of what a cue set off by commas with its speaker before it (:func:`parenthetical_speaker`)
    reports: its parsed sentence without the attribution ("The source of the attraction | , union members
    and leaders say, | is manifold"); empty when nothing follows the attribution."""
    doc = cue.doc
    comma = next(t.i for t in reversed(doc[: noun.i]) if t.text == ",")
    after = trimmed(list(doc[cue.i + 2 :]))
    before = trimmed(list(doc[:comma]))
    return [piece for piece in (before, after) if piece] if after else []


def adjoining_apposition(subject: Token, cue: Token) -> Token | None:
    """The name or role the parser hung as an apposition of a cue's subject although it stands right before
    the cue with no comma ("To understand the real Dred Scott, Chief Justice Roberts said, …": Roberts said
    it, not Scott; "Clinton, a top aide said, “is very confident”"; unlike "Hugh Hill, a doctor in Leeds,
    said"), or a name it joined to the subject with no "and" ("… from Fiorina to Rubio to, now, Cruz, Wilkin
    said": Wilkin said it). None otherwise."""
    listed = not any(c.dep_ == "cc" for c in subject.children)
    for child in subject.children:
        if child.dep_ == "appos" and child.right_edge.i + 1 == cue.i \
                and (child.ent_type_ in ("PERSON", "ORG") or child.lower_ in ROLE_WORDS and child.i + 1 == cue.i):
            return child
        if child.dep_ == "conj" and listed and child.i + 1 == cue.i and child.ent_type_ in ("PERSON", "ORG"):
            return child
    return None


def is_aside_mark(token: Token) -> bool:
    """True for a bracket or a dash standing apart from the words around it (not the hyphen of "Nevada-Reno")."""
    return token.text in ("(", ")") or (token.text in DASHES and token.tag_ != "HYPH" and bool(token.whitespace_))


def marks_around(token: Token, is_mark: Callable[[Token], bool]) -> tuple[Token, Token] | None:
    """The nearest tokens for which ``is_mark`` holds on either side of ``token`` within ``INSERTION_TOKENS``
    tokens, or None when a side has none."""
    doc = token.doc
    before = next((t for t in reversed(doc[max(0, token.i - INSERTION_TOKENS) : token.i]) if is_mark(t)), None)
    after = next((t for t in doc[token.i + 1 : token.i + 1 + INSERTION_TOKENS] if is_mark(t)), None)
    return (before, after) if before is not None and after is not None else None


def aside_around(subject: Token, cue: Token) -> tuple[int, int, bool] | None:
    """Token indices of the brackets or dashes that enclose a subject and close before its cue ("… (although he
    conceded that …) and promised", "Marsh — who’s pushed for … — attacking"), and whether they are brackets;
    None otherwise (:func:`marks_around`)."""
    marks = marks_around(subject, is_aside_mark)
    if marks is None or marks[1].i >= cue.i:
        return None
    opening, closing = marks
    bracketed = opening.text == "(" and closing.text == ")"
    return (opening.i, closing.i, bracketed) if bracketed or opening.text in DASHES and closing.text in DASHES else None


def subject_outside_aside(subject: Token, cue: Token) -> Token | None:
    """Who speaks through a cue after the end of an aside in brackets or dashes when the parser gave it the
    aside's own subject: the noun a relative clause there describes ("with Senator Marsh — who’s pushed for a
    levy — attacking …": Marsh attacks), or, for brackets, the subject of the clause the aside interrupts, the
    clause of the words right before it ("Ames called them “heroes” (although he conceded that …) and promised
    …": Ames promised). Not through dashes: they also set off attributions ("his ''negatives,'' he called them -
    but invoked …"), whose subject PolNeAR credits with what follows (train 1–700). None when the subject is in
    no aside that closes before the cue (:func:`aside_around`)."""
    aside = aside_around(subject, cue) if subject.i < cue.i else None
    if aside is None:
        return None
    opening, closing, bracketed = aside
    clause = subject.head
    if clause.dep_ == "relcl" and subject.lower_ in RELATIVE_PRONOUNS and clause.head.i < opening:
        return clause.head
    token = cue.doc[opening - 1] if opening > 0 and bracketed else None
    for _ in range(EMBEDDING_STEPS if token is not None else 0):
        outer = own_subject(token) if token.tag_.startswith("VB") else None
        if outer is not None:
            return outer if outer.i < opening else None
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def relative_clause_sender(cue: Token) -> Token | None:
    """Who a document speaks for when a cue's participle follows, with no comma, a relative clause without a
    relative word that names who made or sent it ("a letter the union sent the council on Friday alleging …"):
    that clause's subject, though the parser hung the participle on the main verb. None otherwise. Climbs at
    most ``EMBEDDING_STEPS`` links."""
    if cue.tag_ != "VBG" or cue.dep_ not in ("advcl", "acl") or cue.i < 2 or is_set_off(cue):
        return None
    token = cue.doc[cue.i - 1]
    for _ in range(EMBEDDING_STEPS):
        if token.dep_ == "relcl" or token.head.i == token.i:
            break
        token = token.head
    if token.dep_ != "relcl" or token.right_edge.i != cue.i - 1 or not is_document(token.head):
        return None
    maker = own_subject(token)
    return maker if maker is not None and token.head.i < maker.i < token.i and maker.lower_ not in RELATIVE_PRONOUNS else None


def conjunct_after_own_clause(subject: Token) -> Token | None:
    """The last conjunct of a coordinated subject when the parser hung a finite verb on the first noun as its
    clause ("a group of rabbis called for a boycott, and the league denounced …": a past or present form is no
    participle, so the first noun spoke in a clause of its own, and the verb after the last noun is that noun's
    alone); None otherwise."""
    clauses = [c.i for c in subject.children if c.dep_ == "acl" and c.tag_ in FINITE_TAGS]
    conjuncts = [c for c in subject.children if c.dep_ == "conj" and clauses and c.i > clauses[0]]
    return conjuncts[-1] if conjuncts else None


def conjunct_after_object(subject: Token, cue: Token) -> Token | None:
    """The person or group named last in a cue's coordinated subject when that subject's first noun stands right
    after a verb above the cue ("Neither Kasich nor Rubio has won a state and Cruz strongly suggested …"): the
    parser took that verb's object and the next clause's subject for one subject, and the name after "and" speaks
    alone. None otherwise."""
    if subject.ent_type_ or subject.left_edge.i == 0:
        return None
    verb = subject.doc[subject.left_edge.i - 1]
    if not verb.tag_.startswith("VB") or not verb.is_ancestor(cue):
        return None
    names = [c for c in subject.children if c.dep_ == "conj" and c.ent_type_ in ("PERSON", "ORG", "NORP") and c.i < cue.i]
    return names[-1] if names else None


def named_subject_before(subject: Token) -> Token | None:
    """The person named right before a common-noun subject that the parser made a second subject of the same verb
    ("Obama the realist knows that …"): the phrase describes that person, who is the speaker. None otherwise."""
    if subject.ent_type_ or subject.left_edge.i == 0:
        return None
    name = subject.doc[subject.left_edge.i - 1]
    same_verb = name.head.i == subject.head.i and name.dep_ == subject.dep_
    return name if same_verb and name.ent_type_ == "PERSON" else None


def cleft_subject(subject: Token, cue: Token) -> Token | None:
    """The subject of the relative clause inside a copula's subject when the cue is what that copula names ("all
    she could do was shout …", "the meanest he ever got was to label …"): the clause's subject does the saying.
    None otherwise."""
    copula = subject.head
    if subject.ent_type_ or copula.lower_ not in PASSIVE_AUXILIARIES or cue.head.i != copula.i \
            or cue.dep_ not in ("xcomp", "ccomp", "attr"):
        return None
    clauses = [c for c in subject.children if c.dep_ == "relcl" and c.i < copula.i]
    doer = own_subject(clauses[0]) if clauses else None
    return doer if doer is not None and doer.lower_ not in RELATIVE_PRONOUNS else None


def named_apposition_before_cue(subject: Token, cue: Token) -> Token | None:
    """The person named in apposition right before the comma that opens a cue (a name the entity stage
    may have missed: a proper noun of no other label) when the parser hung the name on a noun inside the
    subject's description, not on the common-noun subject ("One pastor
    supporting Mr. Cruz, Darran Whiting of Liberty Baptist Church, said": the pastor is Whiting, not
    Cruz), or None. Scans the subject's phrase, within one parsed piece."""
    if subject.ent_type_ or subject.tag_ not in ("NN", "NNS") or cue.i < 2 or cue.doc[cue.i - 1].text != ",":
        return None
    for token in subject.subtree:
        if token.dep_ == "appos" and (token.ent_type_ == "PERSON" or token.tag_ == "NNP" and not token.ent_type_) \
                and token.head.i != subject.i \
                and token.right_edge.i + 2 == cue.i:
            return token
    return None


def stranded_name(cue: Token) -> Token | None:
    """The person or organization named, with its description, right before the comma of a subjectless
    finite cue the parser joined to an earlier clause, when the parser hung the name as an apposition of
    that clause's words ("And it wasn't an accident — Brendan Buck, a spokesman for Ryan, told POLITICO
    that …": Buck told it, not the clause's "it"); None otherwise. Walks a bounded stretch before the cue."""
    doc = cue.doc
    if cue.dep_ != "conj" or cue.tag_ not in FINITE_TAGS or cue.i < 2 or doc[cue.i - 1].text != "," \
            or own_subject(cue) is not None:
        return None
    names = [t for t in doc[max(0, cue.i - 20) : cue.i - 1] if t.dep_ == "appos" and t.ent_type_ in ("PERSON", "ORG")
             and t.right_edge.i in (cue.i - 1, cue.i - 2)]
    # A name inside a subject's description ("Voters who see …, Hillary Clinton, argue") describes that subject.
    return names[-1] if names and not any(a.dep_ in SUBJECT_DEPS for a in names[-1].ancestors) else None


# What a speaker's noun phrase is made of when the parser hung it nowhere ("said Oversight ranking Democrat
# Elijah Cummings", "said retired neurosurgeon Ben Carson", "said the woman"), and how many words it may take.
NAME_PHRASE_TAGS = frozenset({"NNP", "NNPS", "NN", "NNS", "JJ", "DT", "VBG", "VBN", "HYPH", "POS"})
NAME_PHRASE_REACH = 8
# The longest apposition set off by commas between a name and its cue ("Col. Steven H. Warren, a military
# spokesman in Baghdad, said"), in tokens.
APPOSITION_REACH = 12
# How far back from a closing mark its opening mark is looked for, in tokens.
QUOTATION_REACH = 200


def is_name_token(word: Token) -> bool:
    """True for a proper noun, or a word of a person's or organization's name the tagger took for something else
    ("said Skelly" tagged an adverb)."""
    return (word.tag_ in ("NNP", "NNPS") and word.ent_type_ not in ("DATE", "TIME")) \
        or word.ent_type_ in ("PERSON", "ORG")


def is_noun_word(word: Token) -> bool:
    """True for a common or proper noun, or a word of a name (:func:`is_name_token`)."""
    return word.tag_ in ("NN", "NNS", "NNP", "NNPS") or is_name_token(word)


def is_phrase_word(word: Token) -> bool:
    """True for a word a speaker's noun phrase can be made of (:data:`NAME_PHRASE_TAGS`, or a name's)."""
    return word.tag_ in NAME_PHRASE_TAGS or is_name_token(word)


def is_participle(word: Token) -> bool:
    """True for a participle, or an "-ing" word the tagger took for a noun ("an activist camping out")."""
    return word.tag_ in ("VBG", "VBN") or (word.tag_ == "NN" and word.lower_.endswith("ing"))


def noun_phrase_head(words: list[Token]) -> Token | None:
    """The head of the noun phrase ``words`` open with: its last noun, the phrase ending at a participle after a
    noun ("a senior Clinton advisor granted anonymity" → advisor) unless a name follows it ("Oversight ranking
    Democrat Elijah Cummings" → Cummings); None without a noun."""
    end = len(words)
    for i, word in enumerate(words):
        if i and any(is_noun_word(w) for w in words[:i]) and is_participle(word) \
                and not any(is_name_token(w) for w in words[i + 1 :]):
            end = i
            break
    nouns = [w for w in words[:end] if is_noun_word(w)]
    return nouns[-1] if nouns else None


def attribution_after_quotation(cue: Token) -> int | None:
    """Where the attribution of a speech cue starts when it follows a quotation that closes right before it: at
    the cue ("“…,” said Ames") or at the noun phrase before it ("“…,” screenwriter Cole Haddon wrote"); else None."""
    doc = cue.doc
    if follows_closing_mark(doc.text, cue.idx):
        return cue.i
    end = apposition_start(doc, cue.i)
    start = end
    while start > 0 and end - start < NAME_PHRASE_REACH and is_phrase_word(doc[start - 1]):
        start -= 1
    return start if start < end and follows_closing_mark(doc.text, doc[start].idx) else None


def apposition_start(doc: Doc, position: int) -> int:
    """Where an apposition set off by commas right before token ``position`` opens — its opening comma, with no verb
    or quotation mark between the commas ("Ramos, 58, told", "Col. Steven H. Warren, a military spokesman in
    Baghdad, said") — else ``position`` (no such apposition)."""
    if position < 2 or doc[position - 1].text != ",":
        return position
    for k in range(position - 2, max(0, position - 2 - APPOSITION_REACH) - 1, -1):
        if doc[k].tag_.startswith("VB") or doc[k].text in OPENING_MARK_TOKENS or doc[k].text in CLOSING_MARK_TOKENS:
            break
        if doc[k].text == ",":
            return k
    return position


def named_beside_quotation(cue: Token) -> Token | None:
    """The speaker of a speech cue attributing a quotation that closes right before it
    (:func:`attribution_after_quotation`), named in the noun phrase after the cue ("“…,” said Oversight ranking
    Democrat Elijah Cummings") or between the quotation and the cue ("“…,” screenwriter Cole Haddon wrote"): the
    parser hung the name elsewhere. None otherwise."""
    start = attribution_after_quotation(cue)
    if start is None:
        return None
    phrase = cue.doc[start : cue.i] if start < cue.i else cue.doc[cue.i + 1 : cue.i + 1 + NAME_PHRASE_REACH]
    return noun_phrase_head(list(takewhile(is_phrase_word, phrase)))


# What may follow a verb that attributes the quotation before it, the clause ending there ("…,” Toomey fumed on
# Tuesday", "…,” the crowd cried out, booing"): no object, no clause it reports.
ATTRIBUTION_TAIL_DEPS = frozenset({"prep", "advmod", "npadvmod", "prt", "punct", "advcl"})
# Finite forms that never attribute a quotation by themselves ("“…,” came the reply": who replied is not said).
NOT_ATTRIBUTING = frozenset({"is", "was", "are", "were", "'s", "’s", "has", "had", "have", "does", "did", "do", "came", "comes"})
# The fewest words of a quotation a verb off the cue list attributes: shorter ones are mostly titles and terms.
QUOTATION_MIN_WORDS = 3


def quotation_before(doc: Doc, start: int) -> tuple[int, int]:
    """Token indexes of the opening and the closing mark of the quotation that closes right before token ``start``
    (:func:`attribution_after_quotation`); the opening mark is looked for a bounded stretch back, and is -1 (the
    quotation holds all before it) when none is there."""
    close = start - 1 if doc[start - 1].text in CLOSING_MARK_TOKENS else start - 2
    before = doc[max(0, close - QUOTATION_REACH) : close]
    return next((t.i for t in reversed(before) if t.text in OPENING_MARK_TOKENS), -1), close


def quoted_words_before(doc: Doc, start: int) -> int:
    """The words of the quotation that closes right before token ``start``, counted no further back than its
    opening mark is looked for (a quotation with no opening mark in reach would otherwise be counted from the
    start of ``doc``)."""
    opening, close = quotation_before(doc, start)
    return sum(t.is_alpha for t in doc[max(opening + 1, close - QUOTATION_REACH) : close])


def subject_after_quotation(verb: Token, cue_forms: dict) -> Token | None:
    """The speaker of a finite verb off the cue list that attributes the quotation closing right before its
    subject or itself, its clause ending after it ("“I would say this,” Trump answered.", "“…,” Hannity pressed
    on.", "“…,” opined Cleveland's Plain Dealer.", the parse having taken that name for an object): in that slot any
    verb reports the quotation. None otherwise: a verb with an object or a clause of its own ("“…,” and Trump won
    the state"). A listed cue form the tagger took for a plural noun ending the sentence counts as a verb ("“…,”
    Conway notes.")."""
    mistagged = verb.tag_ == "NNS" and verb.dep_ == "ROOT" and is_plain_cue_form(verb.lower_, cue_forms)
    if (verb.tag_ not in FINITE_TAGS and not mistagged) or verb.dep_ in ("aux", "auxpass") or verb.lower_ in NOT_ATTRIBUTING:
        return None
    start = attribution_after_quotation(verb)
    if start is None or quoted_words_before(verb.doc, start) < QUOTATION_MIN_WORDS:
        return None  # "“Scandal,” Obama thanked …": a title, not something said
    subject = own_subject(verb)
    if start == verb.i or subject is None or subject.i > verb.i or is_quoted_subject(subject, verb):
        subject = named_beside_quotation(verb)
    if subject is None or any(c.dep_ not in ATTRIBUTION_TAIL_DEPS and not c.left_edge.i <= subject.i <= c.right_edge.i
                              for c in verb.rights):
        return None
    return subject


def is_quoted_subject(subject: Token, cue: Token) -> bool:
    """True when the subject the parse gave a speech cue lies inside the quotation the cue attributes ("“Meh,” wrote
    a supporter who runs the account": the parser took a quoted word for the subject of "wrote")."""
    start = attribution_after_quotation(cue)
    if start is None or subject.i >= start:
        return False
    opening, close = quotation_before(cue.doc, start)
    return opening < subject.i < close


def named_before_quotation(cue: Token) -> Token | None:
    """The person or organization named right before a subjectless speech cue that opens a quotation after a comma
    or colon ("…, Jake Sullivan, said: “…”"), or before an apposition set off by commas with no verb in it ("Col.
    Steven H. Warren, a military spokesman in Baghdad, said, ''I mean …''"), as the name's last word; else None."""
    doc = cue.doc
    if cue.i < 2 or cue.i + 2 >= len(doc) or doc[cue.i + 1].text not in (",", ":") \
            or doc[cue.i + 2].text not in OPENING_MARK_TOKENS:
        return None
    candidates = [cue.i - 1]
    if doc[cue.i - 1].text == ",":  # the name, or an apposition set off by commas after it
        opening = apposition_start(doc, cue.i)
        candidates = [cue.i - 2] + ([opening - 1] if opening < cue.i else [])
    names = [doc[j] for j in candidates if j >= 0 and doc[j].ent_type_ in ("PERSON", "ORG")
             and (j + 1 == len(doc) or doc[j + 1].ent_iob_ != "I")]
    return names[0] if names else None


def object_conjunct_subject(cue: Token) -> Token | None:
    """The person or group the parser joined with "and" to the object of the verb a subjectless finite cue hangs
    on ("McCain supported it and Cruz, as he has in the past, opposed the measure"): that name opens the cue's
    own clause and is its subject. None otherwise (a named object is no such slip: "met Ames and Vale")."""
    if cue.tag_ not in FINITE_TAGS or cue.dep_ not in ("advcl", "conj") or own_subject(cue) is not None:
        return None
    objects = [c for c in cue.head.children if c.dep_ == "dobj" and not c.ent_type_ and c.i < cue.i]
    names = [c for o in objects[-1:] for c in o.children if c.dep_ == "conj" and c.ent_type_ in ("PERSON", "ORG", "NORP")
             and c.i < cue.i and any(cc.dep_ == "cc" and cc.lower_ == "and" for cc in o.children)]
    return names[-1] if names else None


def is_finite(verb: Token) -> bool:
    """True for a verb in a finite form, or one whose auxiliary is finite or a modal ("has dismissed", "will say")."""
    return verb.tag_ in FINITE_TAGS or any(c.dep_ == "aux" and c.tag_ in FINITE_TAGS | {"MD"} for c in verb.children)


def is_passive(verb: Token) -> bool:
    """True for a verb with a passive auxiliary or a passive subject."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def modifiers_start(verb: Token) -> int:
    """The index where a verb starts with the auxiliaries and adverbs of its own right before it ("has long
    dismissed")."""
    start = verb.i
    while start > 0 and verb.doc[start - 1].head.i == verb.i and verb.doc[start - 1].dep_ in VERB_MODIFIER_DEPS:
        start -= 1
    return start


def stranded_subject(verb: Token) -> Token | None:
    """The noun right before a finite verb with no subject of its own (its auxiliaries and adverbs aside) when
    the parser hung that noun elsewhere, as a conjunct, an apposition or an object ("the Post will brand you a
    liar and NBC News will accuse you …", "and Emanuel fired his chief, acknowledging …", "the best friend Donald
    J. Trump always hoped to have", "huddled with other party leaders announced …"): a finite verb needs a
    subject, and the noun it follows is that subject. None otherwise: in "charged him with murder and fired …" an
    "and" stands before the verb, in "has throughout his campaign boasted" the noun is the verb's own adjunct,
    and a passive's subject is no speaker ("the issue was referred to the FBI")."""
    if not is_finite(verb) or is_passive(verb) or own_subject(verb) is not None:
        return None
    start = modifiers_start(verb)
    noun = verb.doc[start - 1] if start > 0 else None
    if noun is not None and noun.text in (",", ")"):
        named = name_set_off_before(verb.doc, start)
        if named is not None:
            return named
    if noun is not None and noun.text == ",":
        before = before_set_off_adjunct(noun)  # "since Vale, at last week's debate, accused …"
        return subordinator_object(before) if before is not None else None
    subordinate = subordinator_object(noun) if noun is not None else None
    named_apposition = noun is not None and noun.dep_ == "appos" and noun.ent_type_ in ("PERSON", "ORG")
    if noun is None or (verb.is_ancestor(noun) and subordinate is None and not named_apposition) \
            or noun.dep_ not in STRANDED_DEPS \
            or noun.right_edge.i != noun.i or noun.ent_type_ in ("DATE", "TIME") \
            or not (noun.tag_ in ("NN", "NNS", "NNP", "NNPS") or noun.ent_type_ in ("PERSON", "ORG", "NORP")):
        return None
    return subordinate or phrase_head(noun)


def name_set_off_before(doc: Doc, position: int) -> Token | None:
    """The last word of a person's or organization's name that stands before an apposition set off by commas with no
    verb in it ("Marcel Lazar, 44, said", "Senator Harry Reid, the minority leader, said") or before a parenthesis
    ("Sen. Elizabeth Warren (D-MA) said"), both ending right before token ``position``; None otherwise. The parser
    hung the name elsewhere, leaving the verb after it without a subject."""
    if doc[position - 1].text == ",":
        opening = apposition_start(doc, position)
        end = opening if opening < position else None
    else:
        end = next((t.i for t in reversed(doc[max(0, position - APPOSITION_REACH) : position - 1]) if t.text == "("), None)
    if end is None or end < 1:
        return None
    name = doc[end - 1]
    return name if name.ent_type_ in ("PERSON", "ORG") else None


# Prepositions that also open clauses, which the parser may take for prepositions with the clause's subject as their
# object ("as Ohio and Indiana support", "since Vale, at last week's debate, accused").
SUBORDINATING_PREPOSITIONS = frozenset({"as", "since", "after", "before", "until"})
# How long a prepositional phrase set off by commas between a subject and its verb may be (:func:`before_set_off_adjunct`).
ADJUNCT_TOKENS = 12


def subordinator_object(noun: Token) -> Token | None:
    """The first noun of the phrase after a subordinator (:data:`SUBORDINATING_PREPOSITIONS`) that ends on ``noun``,
    when the parser took the subordinator for a preposition although it opens a clause ("with Acme backing the bonds
    as Ohio and Indiana support a toll": the parser hangs the states on "as" and "support" above them, and they are
    its subject); None otherwise. Climbs at most ``EMBEDDING_STEPS`` conjuncts."""
    token = noun
    for _ in range(EMBEDDING_STEPS):
        if token.dep_ != "conj":
            break
        token = token.head
    preposition = token.head
    return token if token.dep_ == "pobj" and preposition.lower_ in SUBORDINATING_PREPOSITIONS \
        and preposition.right_edge.i == noun.i else None


def before_set_off_adjunct(comma: Token) -> Token | None:
    """The token before a prepositional phrase set off by commas that ends on ``comma`` ("Vale" in "since Vale, at
    last week's debate, accused"), or None. Looks back at most ``ADJUNCT_TOKENS`` tokens."""
    doc = comma.doc
    opening = next((t for t in reversed(doc[max(0, comma.i - ADJUNCT_TOKENS) : comma.i]) if t.text == ","), None)
    if opening is None or opening.i < 1 or opening.i + 1 >= comma.i:
        return None
    preposition = doc[opening.i + 1]
    return doc[opening.i - 1] if preposition.dep_ == "prep" and preposition.right_edge.i == comma.i - 1 else None


def listed_clause_subject(verb: Token) -> Token | None:
    """The subject of the clause right before a comma when a subjectless finite verb after that comma continues
    a list of clauses the parser hung side by side on one verb ("the only time she came up was when Kelly
    speculated about her wardrobe, referred to her divisiveness and considered …": Kelly referred to it, not
    the main clause's subject); None otherwise, and for a verb opened by its own "when" or "as"."""
    if verb.dep_ != "advcl" or verb.tag_ not in FINITE_TAGS or own_subject(verb) is not None or verb.left_edge.i == 0 \
            or verb.doc[verb.left_edge.i - 1].text != "," or any(c.i < verb.i and c.dep_ in ("mark", "advmod") for c in verb.children):
        return None
    comma = verb.left_edge.i - 1
    listed = [c for c in verb.head.children if c.dep_ == "advcl" and c.right_edge.i in (comma - 1, comma) and c.i < comma]
    subject = own_subject(listed[0]) if listed and listed[0].tag_ in FINITE_TAGS else None
    return subject if subject is not None and subject.i < listed[0].i else None


def relative_clause_holder(verb: Token) -> Token | None:
    """The noun a relative clause set off by commas describes when the parser hung a subjectless finite verb
    after the clause's closing comma on a noun inside it ("Mr. Buchanan, who had failed to win his party's
    nomination, called for …": a past or present form is no participle, so Buchanan called for it, not the
    nomination); None otherwise. Climbs at most ``EMBEDDING_STEPS`` links."""
    if verb.dep_ != "acl" or verb.tag_ not in FINITE_TAGS or own_subject(verb) is not None or not is_set_off(verb):
        return None
    token = verb.head
    for _ in range(EMBEDDING_STEPS):
        if token.dep_ == "relcl":
            opener, subject = token.left_edge, own_subject(token)
            set_off = opener.i > 0 and token.doc[opener.i - 1].text == "," and token.head.i < opener.i
            return token.head if set_off and subject is not None and subject.lower_ in RELATIVE_PRONOUNS else None
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def auxiliary_subject(verb: Token) -> Token | None:
    """The subject the parser hung on a verb's auxiliary instead of the verb when words stand between them ("Trump
    wasn't so much saying that …", "Cruz did hope to …", "the billionaire has throughout his campaign boasted …"): an
    auxiliary has no subject of its own, so it is the verb's. None otherwise, and after a contracted auxiliary ("the
    one that's most telling": the parser's auxiliary there is a copula before an adjective)."""
    if own_subject(verb) is not None:
        return None
    return next((s for c in verb.children if c.dep_ == "aux" and c.i < verb.i and c.text[0] not in "'’"
                 for s in c.children if s.dep_ in SUBJECT_DEPS), None)


def modal_taken_name(verb: Token) -> Token | None:
    """A capitalized "Will" (or "May") inside a sentence that the parser took for the modal of a finite verb ("While
    Will acknowledges Trump's appeal, he …"): a modal takes a verb's base form, so before "acknowledges" the word is
    a name, the verb's subject. None otherwise ("Trump will say", "Will Trump say …?")."""
    if own_subject(verb) is not None or verb.tag_ not in ("VBZ", "VBD"):
        return None
    return next((c for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD" and c.i < verb.i and c.text[:1].isupper()
                 and not c.is_sent_start and c.i > 0 and c.nbor(-1).text not in EDGE_PUNCT), None)


# Words that join a verb to the clause it continues in a list ("who fights …, claims …, and asserts …").
LIST_JOINERS = frozenset({",", ";", "and", "but", "or"})


def finite_form(verb: Token) -> str:
    """The tag of a verb's finite part: its first auxiliary's ("has dismissed": VBZ), else its own."""
    return next((c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i), verb.tag_)


def continued_relative_clause(verb: Token) -> Token | None:
    """The relative pronoun of the relative clause a subjectless finite verb continues as the next item of a list
    ("This was the mayor who mocks the governor, who fights with reporters, claims that …, and insists that …",
    "Cole was interviewed by the host, who is backing Vale, but has dismissed …"), when the parser joined the verb
    to a verb before the clause's noun in another tense: after a comma or "and" that follows the clause's last
    word, a verb in the clause's finite form (present with present, past with past) but not in that of the verb
    it hangs on cannot continue the latter. None otherwise: in "The law aimed to protect savers who deposited
    money, and ordered …" both are past, and the law ordered it; "Buchanan, who had failed to win, called for …"
    hangs its verb on the noun (:func:`relative_clause_holder`)."""
    if not is_finite(verb) or verb.dep_ in ("ROOT", "relcl") or own_subject(verb) is not None or is_passive(verb):
        return None
    start = verb.i  # back over the verb's auxiliaries, adverbs and the joining words ("…, but has long dismissed")
    while start > 0 and (verb.doc[start - 1].lower_ in LIST_JOINERS or (
            verb.doc[start - 1].head.i == verb.i and verb.doc[start - 1].dep_ in VERB_MODIFIER_DEPS | {"cc", "punct"})):
        start -= 1
    if start == 0 or not any(t.lower_ in LIST_JOINERS for t in verb.doc[start : verb.i]):
        return None
    last = verb.doc[start - 1]
    for clause in (last, *last.ancestors):
        if clause.dep_ != "relcl" or clause.right_edge.i != last.i:
            continue
        pronoun = own_subject(clause)
        if pronoun is not None and pronoun.lower_ in RELATIVE_PRONOUNS and verb.head.i < clause.head.i \
                and finite_form(clause) == finite_form(verb) != finite_form(verb.head):
            return pronoun
    return None


# Past forms of verbs whose active use names the listener ("told reporters"): without one after a passive they
# are passive too ("were met by lawyers and told that …").
TELLING_FORMS = frozenset({"told", "asked", "informed", "notified", "advised", "instructed", "assured", "reminded"})


def follows_coordinator(verb: Token) -> bool:
    """True when the word before ``verb``, past its auxiliaries and adverbs, is a coordinating conjunction ("… and
    later predicted"), not a comma or a noun the parser left between two clauses."""
    start = modifiers_start(verb)
    return start > 0 and verb.doc[start - 1].dep_ == "cc"


# Subject pronouns that stand for people.
PEOPLE_PRONOUNS = frozenset({"i", "we", "he", "she", "they"})


def passive_conjunct_subject(verb: Token) -> Token | None:
    """The subject of the passive verb an active, finite, subjectless cue is joined to, when it names people
    ("Silverman was booed off the stage and joked …", "FBI officials were angered by the deal and predicted …"):
    who underwent the first verb does the second. None otherwise, for a passive conjunct ("was booed and
    shouted down by …"), for a thing ("The case was brought by the group and seeks …": PolNeAR credits the
    group), for a verb not right after its "and"/"but" ("was blocked by the Senate after a deputy, Thomas Figures,
    accused him": the parser's join), after a verb with a subject of its own in between, and for a telling verb
    without its listener ("were met by lawyers and told that …": told, a passive too)."""
    finite = verb.tag_ in FINITE_TAGS or any(c.dep_ == "aux" for c in verb.children)
    if verb.dep_ != "conj" or not finite or own_subject(verb) is not None \
            or is_passive(verb) or any(c.dep_ == "agent" for c in verb.children):
        return None
    if not follows_coordinator(verb) or (verb.lower_ in TELLING_FORMS and not any(c.dep_ in ("dobj", "dative") for c in verb.children)):
        return None
    first = verb.head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if any(own_subject(t) is not None for t in verb.doc[first.i + 1 : verb.i] if t.tag_.startswith("VB")):
        return None  # "poll workers had been notified and one of them pretended … and asked": another subject since
    subject = next((c for c in first.children if c.dep_ == "nsubjpass"), None) if own_subject(first) is None else None
    people = subject is not None and (subject.ent_type_ in ("PERSON", "ORG", "NORP") or subject.tag_ in ("NNS", "NNPS")
                                      or subject.lower_ in PEOPLE_PRONOUNS or subject.lower_ in ROLE_WORDS)
    return subject if people else None


def phrase_head(noun: Token) -> Token:
    """The noun the noun phrase ending on ``noun`` is about: the nearest noun above it through a prepositional
    object, a participle or a relative clause ("involvement" in "Republicans clamoring for less involvement in
    education support …"), and through "of" the noun above that ("the average of polls shows": "average"; "a
    majority of voters do not want": "majority", not a noun an "as" the parser took for a preposition hangs on);
    ``noun`` itself when it ends no longer phrase. Climbs at most ``EMBEDDING_STEPS`` links."""
    head = token = noun
    for _ in range(EMBEDDING_STEPS):
        if token.dep_ not in PHRASE_TAIL_DEPS or token.head.i == token.i or token.head.right_edge.i != noun.i \
                or (token.i == head.i != noun.i and token.head.lower_ != "of"):
            break
        token = token.head
        if token.tag_.startswith("NN"):
            head = token
    return head


def interrupted_clause(cue: Token) -> Token | None:
    """The clause an attribution set off by dashes interrupts, when the parser made that clause the
    attribution's content and the subjectless cue after the closing dash the attribution's conjunct
    ("Ames suggested the plan was unserious - “…,” she said - and charged that …": Ames charged it, and
    PolNeAR credits Ames, train 1–700): the verb heading the words before the opening dash, when the
    parser hung it inside the attribution; None otherwise. Walks a bounded stretch of the parsed piece."""
    doc, attribution = cue.doc, cue.head
    subject = own_subject(attribution) if cue.dep_ == "conj" and own_subject(cue) is None else None
    if subject is None or subject.i > attribution.i or not any(t.text in DASHES for t in doc[attribution.i + 1 : cue.i]):
        return None
    opening = next((t.i for t in reversed(doc[max(0, subject.i - INSERTION_TOKENS) : subject.i]) if t.text in DASHES), None)
    if opening is None or opening == 0:
        return None
    token = doc[opening - 1]
    for _ in range(INSERTION_TOKENS):
        if token.head.i >= opening or token.head.i == token.i:
            break
        token = token.head
    inside = opening < token.head.i < cue.i
    return token if inside and token.tag_.startswith("VB") and own_subject(token) is not None else None


def governed_noun(subject: Token) -> Token | None:
    """The noun a preposition the parser made a cue's subject governs ("Of Carson, Levine, who …, said": a
    preposition names no one, the noun after it is who speaks), or None for any other subject."""
    if subject.tag_ != "IN":
        return None
    objects = [c for c in subject.children if c.dep_ == "pobj" and c.tag_.startswith("NN")]
    return objects[-1] if objects else None


def brackets_around(token: Token) -> tuple[int, int] | None:
    """Token indices of the round brackets that enclose ``token`` (:func:`marks_around`), or None."""
    marks = marks_around(token, lambda t: t.text in ("(", ")"))
    if marks is None or marks[0].text != "(" or marks[1].text != ")":
        return None
    return marks[0].i, marks[1].i


def within_brackets(pieces: list[tuple[int, int]], brackets: tuple[int, int], doc: Doc) -> list[tuple[int, int]]:
    """The parts of a content's token ranges inside a cue's brackets: a cue in an aside reports nothing outside
    it ("white states like Iowa (93 percent of voters there were white, according to exit polls)": exit polls
    report the aside; "members (“I want my dues back,” wrote Ames)": Ames wrote the words in the brackets; gold
    on train 1–700 at each such cue)."""
    opening, closing = brackets
    inside = [trimmed(list(doc[max(start, opening + 1) : min(end, closing)])) for start, end in pieces]
    return [piece for piece in inside if piece]


def object_before_bracketed_clause(cue: Token, pieces: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """The token range of a cue's object when the parser made a clause in brackets after it, with a subject of its
    own, the cue's whole content ("grocers want rules that keep prices low (they want fewer tariffs …)": grocers
    want the rules; the aside says what they want); None otherwise."""
    doc = cue.doc
    if len(pieces) != 1 or pieces[0][0] < 1 or doc[pieces[0][0] - 1].text != "(" or pieces[0][0] < cue.i:
        return None
    opening = pieces[0][0] - 1
    if not any(t.dep_ in SUBJECT_DEPS for t in doc[pieces[0][0] : pieces[0][1]]):
        return None
    objects = [c for c in cue.children if c.dep_ == "dobj" and c.right_edge.i < opening]
    object_range = trimmed(list(objects[0].subtree)) if objects else None
    return [object_range] if object_range else None


def content_by_brackets(cue: Token, subject: Token, pieces: list[tuple[int, int]],
                        cue_last: int) -> list[tuple[int, int]] | None:
    """A cue's content token ranges as round brackets decide them: for a cue inside brackets, only the words inside
    (:func:`within_brackets`; when the parser made the aside the complement of a verb outside it, "(they want lower
    rates and argue …)", the words after the cue up to the closing bracket), and None when nothing is left there
    ("(think college administrators)": an aside's verb with nothing of its own to report: no quote); for a cue
    outside brackets, its object when the content was a bracketed clause with its own subject
    (:func:`object_before_bracketed_clause`), else the pieces as they were."""
    brackets = brackets_around(cue)
    if brackets is None:
        return object_before_bracketed_clause(cue, pieces) or pieces
    inside = within_brackets(pieces, brackets, cue.doc)
    if not inside and brackets[0] < subject.i < cue.i:
        inside = within_brackets([(cue_last + 1, brackets[1])], brackets, cue.doc)
    return inside or None


def trimmed(tokens: list[Token]) -> tuple[int, int] | None:
    """Token range of ``tokens`` without edge punctuation and a trailing coordinator ("… is honest, and"
    before a second attribution), or None when nothing is left."""
    words = [t for t in tokens if not (t.is_space)]
    while words and (words[0].text in EDGE_PUNCT):
        words.pop(0)
    while words and (words[-1].text in EDGE_PUNCT or words[-1].dep_ == "cc"):
        words.pop()
    if not words:
        return None
    return words[0].i, words[-1].i + 1


def without_trailing_cue(head: Token, tokens: list[Token], cue_forms: dict) -> list[Token]:
    """``tokens`` (the subtree of ``head``) cut before a cue's participle clause set off by a comma after
    ``head`` ("he didn't believe it hurt him, arguing that …", "…, saying that …"): the parser hangs it
    inside the reported clause, but it is a cue of its own."""
    for n, token in enumerate(tokens):
        if n and token.i > head.i and token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp") and is_cue_word(token, cue_forms) \
                and is_set_off(token, tokens[0].i):
            return tokens[:n]
    return tokens


def is_set_off(token: Token, start: int = 0) -> bool:
    """True when the tokens before ``token`` (from index ``start`` on) end on a comma or a dash, closing
    quotation marks aside: the clause it opens is set off ("… “expanded the party,” claiming …", "…
    nothing wrong with that” — asserting …")."""
    words = [t for t in token.doc[max(start, token.i - 3) : token.i] if t.text not in CLOSING_MARK_TOKENS]
    return bool(words) and words[-1].text in CLAUSE_SETTERS


def is_speech_cue(token: Token, cue_forms: dict) -> bool:
    """True when ``token`` starts an active cue of speech (:func:`cue_of`)."""
    found = cue_of(token, cue_forms)
    return found is not None and found[0] == SPEECH


def opens_second_attribution(token: Token, cue: Token, cue_forms: dict) -> bool:
    """True for a finite cue verb (not ``cue``) that the parser hung inside ``cue``'s content as a conjunct or a
    relative clause: "called on the US to act and proposed a safe zone", "said A and said B", "A, and more than
    4 in 10 said B", "the nomination, which he declared “a disaster”", an answer after "to which"
    (:func:`is_answering_relative`), or one opening a sentence the parser ran into
    the cue's ("Cox says … in the U.S. He says …": :func:`opens_run_on_sentence`). PolNeAR makes each its own quote, with
    its own cue and speaker, not part of the first one's content; not in what "according to X" reports, which
    it credits to X whole ("According to the union, the plant closed and the owners said …")."""
    if token.i == cue.i or cue.lower_ == "according" or not is_speech_cue(token, cue_forms):
        return False
    if opens_run_on_sentence(token):
        return True
    answering = is_answering_relative(token)
    if token.dep_ not in ("conj", "relcl") and not answering:
        return False
    finite = token.tag_ in FINITE_TAGS or any(c.dep_ == "aux" and c.tag_ in FINITE_TAGS for c in token.children)
    return finite and (token.dep_ == "conj" or is_object_relative(token) or answering)


def inserted_attribution(verb: Token, cue_forms: dict) -> Token | None:
    """A speech cue with its own subject set off by commas right after ``verb`` ("He hoped, he said, that the
    vote would fail", "The records indicate, she said in an interview, that …"), which the parser hangs as a
    parataxis or makes the head of ``verb``'s clause: PolNeAR credits the clause, ``verb`` included, to that
    attribution, not to ``verb``'s subject (train 1–700). None when there is none. Looks at most
    ``INSERTED_SUBJECT_WORDS`` words past the comma."""
    doc = verb.doc
    comma = verb.i + 1
    if comma >= len(doc) or doc[comma].text != ",":
        return None
    for token in doc[comma + 1 : comma + 2 + INSERTED_SUBJECT_WORDS]:
        subject = own_subject(token) if token.dep_ == "parataxis" or token.i == verb.head.i else None
        if subject is not None and subject.left_edge.i == comma + 1 and is_speech_cue(token, cue_forms) \
                and is_set_off_after(token):
            return token
    return None


def is_set_off_after(cue: Token) -> bool:
    """True when a comma closes a cue's attribution within ``INSERTED_SUBJECT_WORDS`` words and no verb
    comes before it ("he said in an interview, that …"; not "As Ames revealed, the board agreed to …")."""
    for token in cue.doc[cue.i + 1 : cue.i + 1 + INSERTED_SUBJECT_WORDS]:
        if token.text == ",":
            return True
        if token.tag_.startswith(("VB", "MD")) or token.is_punct:
            return False
    return False


def opens_run_on_sentence(verb: Token) -> bool:
    """True when ``verb``'s subject comes first in a sentence that the parse ran into the one before: the word
    before the subject ends on a full stop, question or exclamation mark (a closing quotation mark aside) and the
    subject starts with a capital ("… terrorist attacks in the U.S. He says Americans …", "… at 7 p.m. He says
    “…”": the abbreviation hid the sentence end from the sentence splitter)."""
    subject = own_subject(verb)
    if subject is None or subject.i > verb.i or not subject.left_edge.text[:1].isupper():
        return False
    before = subject.left_edge.i - 1
    if before >= 0 and set(verb.doc[before].text) <= CLOSING_MARKS:
        before -= 1  # "… in the U.S.” He says"
    return before >= 0 and verb.doc[before].text[-1] in ".!?"


def is_object_relative(verb: Token) -> bool:
    """True for a relative clause opened by a relative word that is not its subject ("which he declared …",
    "a finish that he said defied …"), unlike "a general who suggested …" (what the general suggested is
    part of the clause around it on PolNeAR) or "every time he thinks" (no relative word)."""
    subject = own_subject(verb)
    opener = verb.left_edge
    return subject is not None and subject.lower_ not in RELATIVE_PRONOUNS \
        and (opener.tag_ in ("WDT", "WP") or opener.lower_ == "that")


def is_answering_relative(verb: Token) -> bool:
    """True for a clause with a subject of its own opened by "to which" or "to whom" ("…, to which Vale replied:
    “…”"; the parser may hang it as an adverbial clause): an answer in its own words, not part of what was said
    before it. Not "in which": "posted messages in which the group urged …" tells what the messages say."""
    subject = own_subject(verb)
    opener = verb.left_edge
    return subject is not None and subject.lower_ not in RELATIVE_PRONOUNS and opener.lower_ == "to" \
        and opener.head.i == verb.i and any(c.dep_ == "pobj" and is_relative_word(c) for c in opener.children)


def coordinating_cue(verb: Token, cue_forms: dict) -> Token | None:
    """The speech cue whose speaker a subjectless cue inside that cue's content shares: a finite conjunct
    (:func:`opens_second_attribution`) or a participle set off by a comma or a dash
    (:func:`without_trailing_cue`). In "He said the attacks have given momentum and said that …" the parser
    hangs the second "said" from "given", but its subject is the first one's ("He"), not "the attacks"; in
    "Cardin stressed that “the way is …,” suggesting …" the suggestion is Cardin's; in "Lazar said he
    welcomed extradition and added …" it is Lazar's, not that of the object cue between them; a participle
    after a cue inside what another cue reports is the outer one's ("Starr said the case reminds him of a
    book, explaining …"), unless that cue is inserted after the words ("…,” Vale added, saying …"). None when
    there is no such cue above it, and for a conjunct of a relative clause's verb ("a pollster who
    cooperated with him and called him …": the relative's person speaks)."""
    conjunct = verb.dep_ == "conj" and verb.tag_ in FINITE_TAGS
    participle = verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp") \
        and is_set_off(verb)
    if not (conjunct or participle) or own_subject(verb) is not None or finite_verb_coordinated_with(verb) is not None:
        return None  # "Kasich says he'd sit Putin down and tell him … and tells the crowd": the finite verb's subject
    shared = own_subject(verb.head)
    if shared is not None and shared.lower_ in RELATIVE_PRONOUNS:
        return None
    token = verb.head
    for _ in range(EMBEDDING_STEPS):
        if is_speech_cue(token, cue_forms):
            reported_by = token.head if participle and token.dep_ == "ccomp" and not is_inserted_clause(token) else None
            # "Starr said the case reminds him of a book, explaining …": the one reporting that cue explains
            return reported_by if reported_by is not None and is_speech_cue(reported_by, cue_forms) else token
        if token.head.i == token.i or (token.dep_ == "conj" and (own_subject(token) or stranded_subject(token)) is not None) \
                or opens_run_on_sentence(token) or (participle and token.i == verb.head.i and is_framing_clause(token, token.head)):
            # "prosecutors charged … and Emanuel fired his chief, acknowledging …", "She said “…” A campaign official
            # later walked back the comments, saying …": a clause of its own; "Ames asks as a waiter walks by, saying
            # …": the participle hangs on a clause of the same moment, whose subject it tells of (is_framing_clause)
            return None
        token = token.head
    return None


def nearer_clause(verb: Token) -> Token | None:
    """The clause right before a participle set off by a comma when the parser hung the participle on the verb
    of an earlier clause: a conjunct, adverbial or prepositional clause below that verb with its own named
    subject, ending at the participle's comma ("Clinton asks as a maintenance guy walks in front of her,
    saying …"), or a relative clause whose subject is not its relative word ("which Trump called “a disgrace,”
    blaming …", "a charge that party leaders denied, noting …", "when protesters interrupted her, shouting …"), or a
    pronoun repeating the main subject in a clause of the same moment ("even as he defended the plan, saying …",
    :func:`is_framing_clause`): the participle tells what the nearer clause's subject did (PolNeAR credits it, train
    1–700). Walks up from
    the word before the comma (a bounded number of steps); None otherwise, and when that word closes an aside
    in brackets ("sent a letter to the chairman (where Oz works), calling for …": the letter's senders call)."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp") or not is_set_off(verb):
        return None
    before = verb.doc[verb.i - 2] if verb.i > 1 else None
    if before is not None and before.text in (")", "]"):
        return None
    words = [t for t in verb.doc[max(0, verb.i - 4) : verb.i] if not t.is_punct and t.text not in CLOSING_MARK_TOKENS]
    token, found = (words[-1] if words else verb.head), None
    for _ in range(EMBEDDING_STEPS):
        if token.i == verb.head.i or token.head.i == token.i:
            break
        # (a relative clause's subject names someone only when it is not the relative word: "which Trump called")
        subject = own_subject(token) if token.tag_ in FINITE_TAGS and token.dep_ in ("conj", "advcl", "pcomp", "relcl") else None
        if subject is not None and subject.i < token.i \
                and (not is_unnamed(subject.text) or is_framing_clause(token, verb.head)):
            found = token
        token = token.head
    return found if token.i == verb.head.i else None


def without_second_attributions(piece: tuple[int, int], cue: Token, cue_forms: dict) -> list[tuple[int, int]]:
    """A content piece (token range) of ``cue`` without the clauses of other attributions inside it
    (:func:`opens_second_attribution`): the words around each such clause, trimmed, as pieces. Nor does a cue
    whose subject opens a sentence the parse ran into the one before (:func:`opens_run_on_sentence`) report
    that earlier sentence."""
    doc = cue.doc
    first = own_subject(cue).left_edge.i if opens_run_on_sentence(cue) else piece[0]
    pieces = []
    start = index = max(piece[0], first)
    while index < piece[1]:
        token = doc[index]
        if opens_second_attribution(token, cue, cue_forms):
            pieces.append(trimmed(list(doc[start : token.left_edge.i])))
            start = index = max(token.right_edge.i + 1, index + 1)
            continue
        index += 1
    pieces.append(trimmed(list(doc[start : piece[1]])))
    return [p for p in pieces if p]


def without_trailing_description(piece: tuple[int, int], doc: Doc) -> tuple[int, int]:
    """A content piece (token range) without a description set off by a comma or dash that ends it
    (:func:`is_description`: "Reyes praised the harbor commissioner, who had fought the dam for a decade",
    "said the council would pick Dana Ortiz, a lawyer from the river district"). The journalist adds it; it is
    not what was reported (indirect gold quotes of PolNeAR train 1–700 end right before ", which" 123 times and
    hold one 57 times)."""
    start, end = piece
    cut = end
    for token in doc[start + 1 : end]:
        if token.right_edge.i + 1 >= end and token.left_edge.i > start and is_description(token) \
                and is_set_off(token.left_edge, start):
            cut = min(cut, token.left_edge.i)
    return (trimmed(list(doc[start:cut])) or piece) if cut < end else piece


def without_next_clauses_subject(piece: tuple[int, int], doc: Doc) -> tuple[int, int]:
    """A content piece (token range) without the subordinator and subject of the clause whose verb follows it, when
    the parser took the subordinator for a preposition and hung its object inside the content ("backing the bonds |
    as Ohio and Indiana | support a toll": :func:`subordinator_object`)."""
    start, end = piece
    verb = doc[end] if end < len(doc) else None
    subject = stranded_subject(verb) if verb is not None and verb.tag_.startswith(("VB", "MD")) else None
    if subject is None or not start < subject.i < end or subordinator_object(doc[end - 1]) is None:
        return piece
    return trimmed(list(doc[start : subject.head.i])) or piece


def is_description(token: Token) -> bool:
    """True for a relative clause or an apposition of a noun, not an item of a list the parser made an
    apposition (its "and" after a comma: "“cooperation,” a “deep” bond, and a “close” relationship"; not "two
    towns, Ames and Troy") nor a clause holding what was reported that the parser hung inside it ("told KTV,
    where he is a contributor, that …")."""
    if token.dep_ not in ("relcl", "appos") or not token.head.tag_.startswith(("NN", "PRP")):
        return False
    if token.dep_ == "appos" and any(c.dep_ == "cc" and token.doc[c.i - 1].text == ","
                                     for c in (*token.children, *token.head.children)):
        return False
    return not any(c.dep_ == "ccomp" and c.left_edge.lower_ == "that" for c in token.children)


def without_attributed_clause(head: Token, tokens: list[Token], cue_forms: dict) -> list[Token]:
    """``tokens`` (what a cue reports, headed by ``head``) cut before an adverbial clause after ``head`` that
    carries an attribution of its own ("The state admitted it made a mistake | when a local pediatrician
    reported …", "… even though he found “evidence” …"): that clause says when or despite what, and its
    cue has its own speaker and quote."""
    for token in tokens:
        if token.i > head.i and token.dep_ == "advcl" and is_cue_word(token, cue_forms) and token.tag_.startswith("VB") \
                and own_subject(token) is not None \
                and any(c.dep_ in ("mark", "advmod") and opens_contrast(c) for c in token.children):
            return [t for t in tokens if t.i < token.left_edge.i]
    return tokens


def opens_contrast(word: Token) -> bool:
    """True for a word that opens a contrasting clause: one of ``ATTRIBUTED_CLAUSE_MARKS`` or the "as" of "even as"
    ("hopes they do not make the mistake, even as he understands how hard …": a clause of its own, not the hope)."""
    return word.lower_ in ATTRIBUTED_CLAUSE_MARKS or (word.lower_ == "as" and word.i > 0 and word.nbor(-1).lower_ == "even")


def opens_adverbial_clause(first: Token) -> bool:
    """True for the first word of a stretch opened by a subordinator ("When Clinton noted …, Trump
    boasted", "While he conceded …, Ham noted"): the parser may hang it from the cue as part of a
    complement, but such a stretch before the cue says when or despite what, not what was said. A conjunction
    joining it to the sentence before may come first ("And although Ames lamented …, Democrats said …")."""
    if first.lower_ in LEADING_CONJUNCTIONS and first.i + 1 < len(first.doc):
        first = first.nbor()
    return first.lower_ in SUBORDINATORS and first.dep_ in ("mark", "advmod")


def is_main_clause_before(clause: Token, cue: Token) -> bool:
    """True for a clause with its own subject and no subordinator that the parser hung before a cue as an
    adverbial clause ("As Trump was preparing to speak, a girl was pepper-sprayed, police said"): it is what
    was said, unlike "When Clinton noted …, Trump boasted". Not when the cue has an object or a complement
    after it ("Where the Republicans sought …, the Democrats stressed the need …": that is what was said)."""
    return (clause.dep_ == "advcl" and clause.i < cue.i and clause.tag_.startswith("VB") and own_subject(clause) is not None
            and not any(c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB") or c.lower_ in SUBORDINATORS
                        for c in clause.children)
            and not any(c.dep_ in COMPLETING_DEPS for c in cue.rights))


def subtree_range(token: Token) -> list[Token]:
    """The tokens from ``token``'s left edge to its right edge."""
    return list(token.doc[token.left_edge.i : token.right_edge.i + 1])


def is_opening_mark(token: Token) -> bool:
    """True for a quotation mark token the parser hung from a verb with a word after it ("called her ''the first
    lady …''", "calling it “absurd.”")."""
    return token.dep_ == "punct" and not token.text.strip(QUOTATION_MARK_CHARACTERS) \
        and token.i + 1 < len(token.doc) and not token.nbor().is_punct and not token.nbor().is_space


def object_range(cue: Token, cue_last: int) -> tuple[int, int] | None:
    """Token range of a cue's object and what completes it ("called him “a genius”", "… as
    “provocative” and a “grave threat”"), stopping at the first comma, verb conjunct, adverbial
    clause (", saying …" is a cue of its own) or adjunct after the object ("during a stop in Flint")."""
    end = cue_last
    rights = [child for child in cue.rights if child.i > cue_last]
    for n, child in enumerate(rights):
        adjunct = (child.dep_ == "prep" and child.lower_ in ADJUNCT_PREPOSITIONS) or \
            (child.dep_ == "npadvmod" and child.ent_type_ in ("DATE", "TIME"))
        if adjunct and end > cue_last and not any(later.dep_ in COMPLETING_DEPS or completes_adjective(later, rights[:n])
                                                  for later in rights[n + 1 :]):
            # "… as a “crazy system” during a campaign stop in Flint", "… as a “disgrace” Wednesday on
            # a radio show": when and where, not what
            break
        if is_opening_mark(child) and (end > cue_last or cue.dep_ != "acl"):
            # "called her ''the first lady …''", "declared “What a night!”": the parser hangs the opening mark
            # from the cue (not in "a class called “Perception”", where a participle names its noun)
            continue
        if child.dep_ not in OBJECT_DEPS and not (child.dep_ in ("cc", "conj") and not child.tag_.startswith("VB")):
            break
        end = child.right_edge.i
    while end > cue_last and cue.doc[end].dep_ == "cc":
        end -= 1
    return trimmed(list(cue.doc[cue_last + 1 : end + 1])) if end > cue_last else None


def completes_adjective(later: Token, before: list[Token]) -> bool:
    """True for a "to" phrase after an adjunct that completes an adjective object before it ("pleaded guilty in May
    to one count of fraud": what was pleaded to, not when)."""
    return later.dep_ == "prep" and later.lower_ == "to" and any(t.dep_ in ("acomp", "oprd") and t.tag_ == "JJ" for t in before)


def relative_object(cue: Token) -> Token | None:
    """The relative pronoun that is a cue's object when the cue heads a relative clause ("which Mr. Ames called
    ''a disgrace''", "whom he described as “volatile”"), or None."""
    pronouns = [c for c in cue.lefts if c.dep_ == "dobj" and c.lower_ in RELATIVE_PRONOUNS] if cue.dep_ == "relcl" else []
    return pronouns[0] if pronouns else None


def with_relative_object(cue: Token, piece: tuple[int, int] | None) -> list[tuple[int, int]]:
    """A cue's object piece, and its relative pronoun object (:func:`relative_object`): PolNeAR's content is the
    pronoun and what follows the cue. Empty without an object piece."""
    if piece is None:
        return []
    pronoun = relative_object(cue)
    return [piece] + ([(pronoun.i, pronoun.i + 1)] if pronoun is not None else [])


def particle_object_range(cue: Token, cue_last: int) -> tuple[int, int] | None:
    """Token range of the object of a cue's preposition particle ("…,” he said, referring to the two
    resorts": what "referring to" points at hangs from "to", not from the verb), or None. None too
    when a participle borrows a pronoun subject ("he said, referring to …"): on PolNeAR dev such quotes
    lowered pronoun resolution, as the learned cues' did; a finite verb with its own pronoun ("She pointed
    to the jobs report", "they referred to …") was a gold cue 10 times in 12 on train 1–700."""
    particle = cue.doc[cue_last]
    if cue_last == cue.i or particle.dep_ != "prep":
        return None
    subject = subject_of(cue)
    if subject is None or (is_unnamed(subject.text) and own_subject(cue) is None):
        return None
    objects = [child for child in particle.children if child.dep_ == "pobj"]
    return trimmed(subtree_range(objects[0])) if objects else None


def content_ranges(cue: Token, cue_last: int, kind: str, cue_forms: dict) -> tuple[list[tuple[int, int]], bool]:
    """Token ranges of what a cue (one of ``cue_forms``) reports (one or two pieces, possibly none), and whether they
    come from the verb's object (then they count only when they hold quotation marks)."""
    doc = cue.doc
    lemma = cue_forms.get(cue.lower_, (None, cue.lower_))[1]
    if kind == OBJECT:
        return with_relative_object(cue, object_range(cue, cue_last) or particle_object_range(cue, cue_last)), False
    if cue.lower_ == "according":
        head = cue.head
        sentence = cue.sent
        attribution = (cue.left_edge.i, cue.right_edge.i + 1)
        before = trimmed(list(doc[sentence.start : attribution[0]]))
        before = (before and vouched_relative_clause(before, doc, cue_forms)) or before
        after = trimmed(list(doc[attribution[1] : sentence.end]))
        if head.i == cue.i:
            # "According to X, the move reeks of fear": the parser may make "According" the root and
            # hang the clause from X; the clause is what follows the comma after X.
            comma = next((t.i for t in doc[cue_last + 1 : sentence.end] if t.text == ","), None)
            after = trimmed(list(doc[comma + 1 : sentence.end])) if comma is not None else None
            return ([after] if after and after[1] - after[0] >= 3 else []), False
        return [r for r in (before, after) if r], False
    ranges = []
    # A topic right after the cue is what it reports, not a that-clause further on ("called for an inquiry following
    # news that …": the clause tells of the news)
    misattached = misattached_that_clauses(cue) if topic_range(cue, cue_last, lemma) is None else []
    for child in (*cue.children, *particle_clauses(cue, cue_last), *misattached):
        if (child.dep_ in COMPLEMENT_DEPS or child.head.i != cue.i or is_main_clause_before(child, cue)
                or is_indirect_question(child) or is_reported_that_clause(child, cue)) and child.i != cue_last:
            if child.dep_ == "xcomp" and kind not in (SPEECH, BELIEF):
                continue
            if coordinated_attribution(child, cue_forms):
                continue
            piece = trimmed(without_attributed_clause(child, without_trailing_cue(child, subtree_range(child), cue_forms), cue_forms))
            # "Landrieu has pushed against …; Landrieu said he …": a clause before the attribution
            # is what was said only when commas, dashes or quotation marks separate them.
            if piece and not (piece[1] <= cue.i and CLAUSE_BREAKS & {t.text for t in doc[piece[1] : cue.i]}) \
                    and not (piece[1] <= cue.i and opens_adverbial_clause(doc[piece[0]]) and doc[piece[0]].head.i == child.i):
                ranges.append(piece)
    if any(start > cue.i for start, _ in ranges):
        # "While not everything Trump says is true, Jamieson said Trump is …": with a clause after the cue,
        # one before it opened by a subordinator says when or despite what.
        ranges = [(start, end) for start, end in ranges if start > cue.i or not opens_adverbial_clause(doc[start])]
    if any(start > cue.i and doc[start].lower_ == "that" for start, _ in ranges):
        # "Claiming …, Trump told Fox that …": a cue with a that-clause after it reports nothing before it.
        ranges = [(start, end) for start, end in ranges if start > cue.i]
    if ranges:
        return ranges, False
    # "The economy is strong, Smith said" and "“A,” he said, “B.”": the parser may make the
    # reported clause the head. Only commas or quotation marks may separate it from the attribution.
    head = cue.head
    # "…, said the company's chief executive": an inverted cue may be parsed as the clause's conjunct.
    subject = own_subject(cue)
    inverted_conjunct = cue.dep_ == "conj" and subject is not None and subject.i > cue.i
    # "…, as The Times reported": an "as" clause attributes the clause it hangs from; with a verb of
    # speaking it says when ("… in Iowa as we speak", "as he spoke, the crowd left").
    as_clause = cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children) \
        and cue.lower_ not in SPEAKING_FORMS
    closing = closes_sentence_after_comma(cue, subject)
    if (cue.dep_ in ("ccomp", "parataxis") or inverted_conjunct or as_clause or closing) and head.i != cue.i:
        before = trimmed(list(doc[head.left_edge.i : cue.left_edge.i]))
        after = trimmed(list(doc[cue.right_edge.i + 1 : head.right_edge.i + 1]))
        pieces = []
        # "it upset her to hear them speak": a subject in the object case makes the cue a small clause of
        # the verb before, whose words are not what the cue reports
        small_clause = subject is not None and subject.lower_ in OBJECT_PRONOUNS
        if before and not small_clause and ATTRIBUTION_GAP.fullmatch(doc[before[1] : cue.left_edge.i].text) \
                and not opens_adverbial_clause(doc[before[0]]) \
                and doc[before[1] - 1].dep_ != "cc" \
                and not ends_cue(head, before[1] - 1, cue_forms):
            # "A said X, and B said the same": B's words are not A's; "Ames said she had spoken with …": the
            # words before the cue are the attribution whose content holds it, not what it reports
            pieces.append(before)
        if after and not closing and ATTRIBUTION_GAP.fullmatch(doc[cue.right_edge.i + 1 : after[0]].text):
            pieces.append(after)
        if pieces:
            return pieces, False
    closing_root = final_attribution_content(cue, subject)  # "…, the Ledger reported." with the clause hung elsewhere
    if closing_root is not None:
        return [closing_root], False
    if has_adjective_particle(cue, cue_last):
        return [], True  # "makes this clear in her film": "made clear" reports a clause, not the phrase after it
    topic = topic_range(cue, cue_last, lemma)  # "talked about the economy", "warned of a recession"
    if topic:
        return [topic], False
    following = doc[cue_last + 1] if cue_last + 1 < len(doc) else None
    if kind == SPEECH and following is not None and following.lower_ in ANSWER_WORDS and following.head.i == cue.i \
            and following.dep_ in ("intj", "advmod", "dobj") and own_subject(cue) is not None:
        return [(following.i, following.i + 1)], False  # "the governor said no", "half said so"
    piece = object_range(cue, cue_last)  # "said of Clinton, “…”"
    return with_relative_object(cue, piece), not (piece and lemma in SAID_OBJECT_CUES and is_said_object(cue, piece))


def vouched_relative_clause(piece: tuple[int, int], doc: Doc, cue_forms: dict) -> tuple[int, int] | None:
    """What an "according to" after ``piece`` (a token range) vouches for when the range ends on a relative clause
    set off by a comma and opened by "which" or "who" and the words before that clause hold a cue verb with its own
    subject: the relative clause alone ("Weaver says his streak … closes the gap in delegates, which stood at 263,
    according to the AP": the count is the AP's, the claim Weaver's; PolNeAR train 1–700). None otherwise."""
    start, end = piece
    for token in doc[start + 1 : end]:
        opener = token.left_edge
        if token.dep_ == "relcl" and token.right_edge.i + 1 >= end and opener.i > start \
                and opener.lower_ in DESCRIBING_RELATIVES and is_set_off(opener, start):
            attributed = any(is_cue_word(t, cue_forms) and t.tag_.startswith("VB") and own_subject(t) is not None
                             for t in doc[start : opener.i])
            return trimmed(list(doc[opener.i : end])) if attributed else None
    return None


def ends_cue(token: Token, index: int, cue_forms: dict) -> bool:
    """True when ``token`` starts a cue whose last word (the verb, or its particle: "made clear") is at ``index``."""
    found = cue_of(token, cue_forms)
    return found is not None and index in (token.i, found[1])


def has_adjective_particle(cue: Token, cue_last: int) -> bool:
    """True for a cue whose particle (its last word, at ``cue_last``) is an adjective ("made it clear")."""
    return cue_last != cue.i and cue.doc[cue_last].tag_.startswith("JJ")


def particle_clauses(cue: Token, cue_last: int) -> list[Token]:
    """The clauses after a cue's adjective particle that the parser hung from it, not from the verb ("made it clear
    that …" hangs the that-clause from "clear"): what the cue reports. Empty for other cues."""
    if not has_adjective_particle(cue, cue_last):
        return []
    return [child for child in cue.doc[cue_last].rights if child.dep_ in ("advcl", "ccomp")]


def closes_sentence_after_comma(cue: Token, subject: Token | None) -> bool:
    """True for an attribution after a comma that the parser hung from the clause before it as a conjunct or an
    adverbial clause ("A six-year trend … will end, the Budget Office reported on Tuesday", "Sanders remains
    committed …, his top aide told The Huffington Post"): the cue's own subject opens it right after the
    comma. What follows it is not what was said ("… reported on Tuesday -- a development that …")."""
    return (cue.dep_ in ("conj", "advcl") and cue.tag_ in ("VBD", "VBZ", "VBP") and subject is not None and subject.i < cue.i and subject.left_edge.i > 0
            and cue.doc[subject.left_edge.i - 1].text == ",")


def final_attribution_content(cue: Token, subject: Token | None) -> tuple[int, int] | None:
    """Token range of what a root cue ending its sentence reports when its attribution opens right after a comma
    or closing mark ("Voss marched in the parade, the Ledger reported.", "…, police said.", "… signals “the
    beginning of the end” for the EU, said Geert Wilders, founder of …"): the sentence before that comma, which
    the parser hung somewhere other than the cue (in "Presumptive nominee … marched" it may take "Presumptive" for
    a verb; a quoted phrase may make it read a verb as a noun). None otherwise, and when anything but punctuation
    (not a colon), or after the cue its subject's phrase, follows the cue."""
    doc = cue.doc
    if cue.dep_ != "ROOT" or subject is None:
        return None
    opens = subject.left_edge.i if subject.i < cue.i else cue.i  # the attribution's first token
    if opens < 2:
        return None
    opening = doc[opens - 1].text
    rest = [t for t in doc[cue.i + 1 : cue.sent.end] if subject.i < cue.i or not (t == subject or subject.is_ancestor(t))]
    if (opening != "," and opening not in CLOSING_MARK_TOKENS) or not all((t.is_punct and t.text != ":") or t.is_space for t in rest):
        return None  # "In a speech, he said:" introduces what follows
    piece = trimmed(list(doc[cue.sent.start : opens - 1]))
    # "When the mayor noted the deficit, the governor boasted": a clause of time or cause says when, not what
    return None if piece is None or opens_adverbial_clause(doc[piece[0]]) else piece


def is_reported_that_clause(clause: Token, cue: Token) -> bool:
    """True for a that-clause after a cue that the parser hung as an adverbial clause past an adjunct ("recalled
    in 2008 that …", "complained soon after that …", "repeated his contention that …"): what the cue reports
    (PolNeAR train 1–700: +5 speakers, none lost). Not a clause of purpose or result ("sought to … so that …")."""
    return clause.i > cue.i and is_that_clause(clause) and clause.left_edge.lower_ not in RESULT_OPENERS


# Dependencies leading from a noun up through the phrase of a preposition it sits in ("during a visit to Ohio",
# "in one of a series of posts", "at a popular Ohio breakfast spot").
ADJUNCT_PHRASE_DEPS = frozenset({"pobj", "prep", "appos", "compound"})


def misattached_that_clauses(cue: Token) -> list[Token]:
    """The clauses opened by a "that" that the parser hung as relative clauses from a noun in an adjunct phrase after a
    cue with no complement clause of its own ("told reporters during a visit to Ohio that he thinks …", "said in one of a
    series of posts that …", "told her at a debate that …", also hung as a noun's clause: "said in a statement that …"):
    what the cue reports (PolNeAR train 1–700: at 18 of the 19 such cues the cue's gold quote holds the clause, at the
    19th another gold quote does). A relative clause's "that" is its subject or object, not a mark as here. Empty
    otherwise."""
    if any(child.dep_ in COMPLEMENT_DEPS for child in cue.children):
        return []
    adjuncts = [child for child in cue.rights if child.dep_ == "prep" and child.lower_ in ADJUNCT_PREPOSITIONS]
    return [token for adjunct in adjuncts for token in adjunct.subtree
            if token.dep_ in ("relcl", "acl") and is_opened_by_that(token) and reaches_through_phrase(token.head, adjunct)]


def is_opened_by_that(clause: Token) -> bool:
    """True when a clause's first word is a "that" it holds as its mark ("that he thinks …")."""
    first = clause.left_edge
    return first.lower_ == "that" and first.dep_ == "mark" and first.head.i == clause.i


def reaches_through_phrase(noun: Token, adjunct: Token) -> bool:
    """True when ``noun`` hangs from ``adjunct`` through nouns and prepositions only (``ADJUNCT_PHRASE_DEPS``)."""
    token = noun
    while token.i != adjunct.i:
        if token.dep_ not in ADJUNCT_PHRASE_DEPS or token.head.i == token.i:
            return False
        token = token.head
    return True


def is_indirect_question(clause: Token) -> bool:
    """True when a clause opening with "if"/"whether" is the question a cue of asking reports, though the
    parser hung it as an adverbial clause ("asked workers if they planned to attend …", "When asked by a
    host if …")."""
    return (clause.head.lower_ in QUESTION_CUES and clause.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ in ("if", "whether") and c.i == clause.left_edge.i for c in clause.children))


def coordinated_attribution(clause: Token, cue_forms: dict) -> bool:
    """True when a cue's complement is another attribution joined to it by "and"/"but" ("Six in 10
    said A, and three-quarters said the same": the parser may hang the second "said" from the first)."""
    before = clause.left_edge.i - 1
    return (is_cue_word(clause, cue_forms) and clause.tag_.startswith("VB") and own_subject(clause) is not None
            and before >= 0 and clause.doc[before].dep_ == "cc")


def learned_content(verb: Token, cue_forms: dict) -> list[tuple[int, int]]:
    """Token ranges of what a verb off the cue list reports, for the learned filter to judge: its
    complement clauses after it ("figures that …", "wants to …"), else its topic ("argued over
    health care"), else its object ("preferred the Dominican Republic")."""
    ranges = [trimmed(without_trailing_cue(child, subtree_range(child), cue_forms)) for child in verb.children
              if child.dep_ in COMPLEMENT_DEPS and child.i > verb.i]
    ranges = [r for r in ranges if r]
    if ranges:
        return ranges
    if verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].lower_ == "against":
        return []  # "pushed against Trump's plans", "fought against the bill": an action, not what was said
    topic = topic_range(verb, verb.i, verb.lower_)
    if topic:
        return [topic]
    piece = object_range(verb, verb.i)
    return [piece] if piece else []


def is_said_object(cue: Token, piece: tuple[int, int]) -> bool:
    """True when a cue's object range starts with its direct object and that object is a noun phrase
    saying something: not a preposition ("said in an interview"), a pronoun ("denied it") or an
    empty quantity ("said little")."""
    first = cue.doc[piece[0]]
    objects = [c for c in cue.children if c.dep_ == "dobj" and c.left_edge.i == first.i]
    return bool(objects) and objects[0].tag_ not in ("PRP", "PRP$") and objects[0].lower_ not in EMPTY_OBJECTS


def answers_in_words(cue: Token) -> bool:
    """True when an answering cue says how it answered ("responded to a mother by saying …", "responds to Ames with,
    “…”"): what it reports is those words, not what it responded to."""
    return any(child.dep_ == "prep" and child.lower_ in ANSWER_MANNER_PREPOSITIONS for child in cue.children)


def topic_range(cue: Token, cue_last: int, lemma: str) -> tuple[int, int] | None:
    """Token range of what a cue is about when a topic preposition follows it directly or after one adverb or
    particle of the cue ("spoke about the budget", "called for a recount", "spoke highly of her", "has spoken out
    against the plan", "did not respond to a request for comment"), or None."""
    after = cue_last + 1
    if after < len(cue.doc) and cue.doc[after].dep_ in TOPIC_MODIFIER_DEPS and cue.doc[after].head.i == cue.i:
        after += 1
    if after >= len(cue.doc):
        return None
    preposition = cue.doc[after]
    allowed = preposition.lower_ in TOPIC_PREPOSITIONS or (preposition.lower_ == "for" and lemma in CALL_CUES) \
        or (preposition.lower_ == "to" and lemma in ANSWERING_CUES and not answers_in_words(cue))
    if preposition.head.i != cue.i or not allowed or (lemma in NO_TOPIC_CUES and cue.tag_ != "VBN"):
        return None
    objects = [child for child in preposition.children if child.dep_ in ("pobj", "pcomp")]
    if not objects or objects[0].ent_type_ in ("DATE", "TIME") or objects[0].lower_ in NOT_TOPICS:
        return None  # "said on Tuesday": when, not what about; "spoke on condition of anonymity": how
    return trimmed(list(cue.doc[preposition.i + 1 : preposition.right_edge.i + 1]))


def named_apposition(subject: Token) -> Token | None:
    """The person or organization a common-noun speaker names in apposition after it ("the other
    candidate on the stage, former Secretary of State Ann Voss, said"), or None."""
    if subject.ent_type_:
        return None
    named = [c for c in subject.children if c.dep_ == "appos" and c.i > subject.i and c.ent_type_ in ("PERSON", "ORG")]
    return named[0] if named else None


def exemplified_name(subject: Token) -> Token | None:
    """The person or organization a common-noun speaker gives as its example right after it ("someone like
    Ms. Ames", "proponents like Ames"): the name is who is meant. None otherwise."""
    if subject.ent_type_:
        return None
    named = [p for c in subject.children if c.dep_ == "prep" and c.lower_ == "like" and c.i == subject.i + 1
             for p in c.children if p.dep_ == "pobj" and p.ent_type_ in ("PERSON", "ORG")]
    return named[0] if named else None


def speaker_range(subject: Token, entities_by_token: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """Token range of the speaker mention headed by ``subject``, widened to an overlapping entity and,
    for a common noun, to the name in apposition after it (:func:`named_apposition`) or given as its
    example (:func:`exemplified_name`): PolNeAR marks either the noun or the name as the source, and
    the name is who it is."""
    start, end = after_quotation_end(subject.doc, *mention_tokens(subject), subject.i)
    entity = entities_by_token.get(subject.i)
    if entity:
        start, end = min(start, entity[0]), max(end, entity[1])
    named = named_apposition(subject) or exemplified_name(subject)
    if named is not None:
        end = max(end, entities_by_token.get(named.i, (named.i, named.i + 1))[1])
    return start, end


def after_quotation_end(doc: Doc, start: int, end: int, head: int) -> tuple[int, int]:
    """A mention's token range ``[start, end)`` without the words before the end of a quotation ahead of its head
    (``head``): in "“… is hunky-dory,” Gene Sperling said" the parser may hang the quotation's last words on the
    name. A closing mark after a word, a nickname's ("C.L. “Butch” Otter"), is no such end."""
    for k in range(head - 1, start, -1):
        if doc[k].text in CLOSING_MARK_TOKENS and doc[k - 1].text in QUOTATION_END_PUNCTUATION:
            return k + 1, end
    return start, end


def coordinated_speakers(subject: Token) -> list[tuple[int, int]]:
    """Token ranges of each person or organization a coordinated subject names ("Landrieu and NOPD
    Chief Michael Harrison", "Clinton and her running mate, Tim Kaine"), in order; empty unless it
    names two or more. Names that only modify another word ("NOPD" in "NOPD Chief"), possessors and
    prepositional objects are not speakers, nor are the people an apposition lists after a common noun
    ("four Democratic senators claim …: Sens. Manchin, Casey and Heitkamp": the senators speak, as a group)."""
    doc = subject.doc
    described = set() if subject.ent_type_ else {t.i for child in subject.children if child.dep_ == "appos" for t in child.subtree}
    phrase = [t for t in subject.subtree if t.i not in described and (t.i <= subject.i or not any(
        a.dep_ in ("relcl", "acl") for a in t.ancestors if a.i > subject.i or a == subject))]
    if not any(t.dep_ == "cc" and t.lower_ in ("and", "&") for t in phrase):
        return []
    inside = {t.i for t in phrase}
    names = [(e.start, e.end) for e in doc.ents if e.label_ in ("PERSON", "ORG")
             and all(i in inside for i in range(e.start, e.end)) and e.root.dep_ not in ("compound", "poss", "pobj")]
    return names if len(names) >= 2 else []


def without_headline_label(start: int, end: int, doc: Doc) -> tuple[int, int]:
    """A speaker's token range without a leading headline label ("BREAKING:", "WATCH")."""
    while start < end and (doc[start].lower_ in HEADLINE_WORDS or doc[start].text in (":", "|", "-", "—")):
        start += 1
    if start < end and not any(ch.isalpha() for ch in doc[start:end].text) and "%" not in doc[start:end].text:
        return start, start  # "'s", "--": no speaker at all; "42%" (who say …) is a share of people
    return start, end


# Words for members of a group a relative clause can be about ("one of the few senators who …").
GROUP_MEMBER_WORDS = frozenset({"one", "some", "many", "few", "several", "most", "all", "none", "each", "any"})


def relative_head(head: Token, pronoun: Token) -> Token:
    """The person a relative clause's head stands for: the name it describes or is described by
    ("John Bentel, a tech staffer who told …" and "his wife, Laura, who spoke …"), the last of a
    list the pronoun follows ("Will Smith, Patti LaBelle and Stevie Wonder, who joked": the parser
    hangs the clause on the first), and for "who" after a prepositional phrase naming no person,
    the noun it modifies ("Democrats on Capitol Hill, who have argued …", "the chief executive of
    Acme, who said …"); for a clause about one member of a group ("one of the few Republicans who
    has refused …") the member, whom no name stands for."""
    if (pronoun.lower_ == "who" and head.dep_ == "pobj" and head.ent_type_ != "PERSON" and head.head.dep_ == "prep"
            and head.head.lower_ in ("of", "on", "in", "at", "from") and head.head.head.tag_.startswith("NN")):
        head = head.head.head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in GROUP_MEMBER_WORDS:
        return head.head.head
    counted = counted_among(head)
    if counted is not None:
        return counted
    head = dated_object(head) or head
    last = head
    while True:
        later = [c for c in last.children if c.dep_ == "conj" and c.i < pronoun.i]
        if not later:
            break
        last = later[-1]
    if last is not head and all(t.is_punct for t in pronoun.doc[last.i + 1 : pronoun.i]):
        return last
    while head.dep_ == "appos" and head.head.i != head.i:
        head = head.head
    if not head.ent_type_:
        named = [c for c in head.children if c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ORG")]
        if named:
            return named[0]
    return head


def counted_among(head: Token) -> Token | None:
    """Who a copula counts among the group a relative clause describes ("Ames, a nurse, is among those who say …"):
    that subject is who speaks. None otherwise."""
    preposition = head.head
    copula = preposition.head
    # the forms of "be" (PASSIVE_AUXILIARIES) are the copulas
    if head.dep_ != "pobj" or preposition.lower_ != "among" or copula.lower_ not in PASSIVE_AUXILIARIES:
        return None
    return own_subject(copula)


def dated_object(head: Token) -> Token | None:
    """The object a relative clause is about when the parser hung the clause on the date right after that object
    ("released her medical records in July, which showed …", "posted a comment in August that compared …"): a
    date says nothing, the verb's object before it does. None otherwise."""
    verb = head.head.head
    if head.ent_type_ not in ("DATE", "TIME") or head.dep_ != "pobj" or not verb.tag_.startswith("VB"):
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < head.i]
    return objects[-1] if objects else None


def relative_clause(pronoun: Token) -> Token | None:
    """The verb heading the relative clause a relative pronoun subject opens, or the first of the
    clauses it is joined to ("Ted Cruz, who threatened …, and who has been hoping"), or None."""
    if pronoun.lower_ not in RELATIVE_PRONOUNS:
        return None
    verb = pronoun.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb if verb.dep_ == "relcl" else None


def noun_before_relative(pronoun: Token) -> Token | None:
    """The noun right before a relative pronoun whose clause the parser did not hang on it as a relative
    clause ("releasing a statement that, while condemning violence, accused …", "a super PAC that only
    attacks …", "the City Police Department which reported …" made an adverbial clause): the head the
    pronoun stands for; None for anything else (the tagger may take the relative "that" for a
    preposition, but a demonstrative "that" is tagged DT)."""
    if pronoun.tag_ not in ("WDT", "WP", "IN") or pronoun.lower_ not in RELATIVE_PRONOUNS or pronoun.i == 0:
        return None
    before = pronoun.doc[pronoun.i - 1]
    return before if before.tag_ in ("NN", "NNS", "NNP", "NNPS") else None


def noun_joined_to_relative(pronoun: Token) -> Token | None:
    """The noun a relative pronoun subject stands for when the parser joined its clause to that noun as
    a conjunct ("People … who are inclined to believe …, and who believe the media are …": the second
    "believe" hung on "People"), or None."""
    verb = pronoun.head
    if pronoun.dep_ != "nsubj" or verb.dep_ != "conj" or verb.head.i > pronoun.i:
        return None
    return verb.head if verb.head.tag_ in ("NN", "NNS", "NNP", "NNPS") else None


def is_relative_word(token: Token) -> bool:
    """True for a relative or interrogative pronoun ("which", "who", the relative "that"), not the
    demonstrative "that" (tagged DT)."""
    return token.lower_ in RELATIVE_PRONOUNS and token.tag_ in ("WDT", "WP")


def cue_quotes(parsed: ParsedSpan, cue_forms: dict, cue_filter: CueFilter | None = None) -> list[Quote]:
    """Quotes from the cues of one parsed stretch, in the article's character offsets; with a
    ``cue_filter``, also from the verbs off the cue list it keeps."""
    doc, base = parsed.doc, parsed.char_offset

    def chars(start: int, end: int) -> tuple[int, int]:
        """The article's character range of tokens ``start``…``end - 1``."""
        return doc[start].idx + base, doc[end - 1].idx + len(doc[end - 1]) + base

    entities_by_token = {t.i: (ent.start, ent.end) for ent in doc.ents for t in ent}
    triggers = (cue_filter.triggers if cue_filter is not None else None) or frozenset()
    quotes = []
    for token in doc:
        clause = passive_clause(token)
        if clause is not None:
            actor = acting_subject(token) if any(is_cue_word(t, cue_forms) for t in token.rights if t.dep_ == "xcomp") else None
            quotes.append(Quote(pieces=[chars(*clause)], cue=chars(token.i, token.i + 1), cue_kind=PASSIVE_CUES[token.lower_],
                                speaker=chars(*speaker_range(actor, entities_by_token)) if actor is not None else None))
            continue
        clause = seeming_clause(token, cue_forms, triggers)
        if clause is not None:
            clause_verb = token.head if token.dep_ in ("aux", "auxpass") else token  # "seemed rattled" parsed as an auxiliary
            experiencer = seeming_experiencer(token) or acting_subject(clause_verb)
            quotes.append(Quote(pieces=[chars(*clause)], cue=chars(token.i, token.i + 1), cue_kind=BELIEF,
                                speaker=chars(*speaker_range(experiencer, entities_by_token)) if experiencer is not None else None))
            continue
        finding = poll_finding(token, cue_forms)
        if finding is not None:
            quotes.append(Quote(pieces=[chars(*piece) for piece in finding[0]], cue=chars(token.i, token.i + 1),
                                cue_kind=EVIDENCE, speaker=chars(*finding[1])))
            continue
        question = asked_question(token)
        if question is not None:
            clause, asker = question
            quotes.append(Quote(pieces=[chars(*clause)], cue=chars(token.i, token.i + 1), cue_kind=SPEECH,
                                speaker=chars(*speaker_range(asker, entities_by_token)) if asker is not None else None))
            continue
        believed = believed_clause(token)
        clause = trimmed(without_trailing_cue(believed[0], subtree_range(believed[0]), cue_forms)) if believed else None
        if clause is not None:
            quotes.append(Quote(pieces=[chars(*clause)], cue=chars(token.i, token.i + 1), cue_kind=BELIEF,
                                speaker=chars(*speaker_range(believed[1], entities_by_token))))
            continue
        found = cue_of(token, cue_forms)
        quoting = subject_after_quotation(token, cue_forms) if found is None else None
        if quoting is not None:
            quotes.append(Quote(pieces=[], cue=chars(token.i, token.i + 1), cue_kind=SPEECH,
                                speaker=chars(*speaker_range(person_meant(quoting), entities_by_token))))
            continue  # adjacent_quotes gives it the quotation before its attribution
        learned = found is None and cue_filter is not None and not is_plain_cue_form(token.lower_, cue_forms) \
            and is_candidate_verb(token, cue_filter.triggers)
        if found is None and not learned:
            continue
        kind, cue_last = found or (LEARNED, token.i)
        if inserted_attribution(token, cue_forms) is not None:
            continue  # "He hoped, he said, that …": the inserted speech cue reports the whole clause
        beside = None  # a speaker read beside the quotation the cue attributes, the parse having given none
        if token.lower_ == "according":
            objects = [c for c in doc[cue_last].children if c.dep_ == "pobj"]
            subject = objects[0] if objects else None
            if subject is not None and is_authored(subject):
                subject = document_author(subject) or subject  # "according to a tally by the AP"
        else:
            coordinated = interrupted_clause(token) or nearer_clause(token) or coordinating_cue(token, cue_forms)
            subject = reporting_agent(token, cue_forms) or stranded_name(token) or object_conjunct_subject(token) \
                or relative_clause_sender(token) or passive_gerund_subject(token) \
                or subject_of(coordinated if coordinated is not None else token)
            if subject is None and kind == SPEECH:
                subject = beside = named_beside_quotation(token) or named_before_quotation(token)
            elif kind == SPEECH and is_finite(token) and is_quoted_subject(subject, token) \
                    and (named := named_beside_quotation(token)) is not None:
                subject = beside = named
        if subject is None or subject.lower_ in NON_SPEAKERS or is_discourse_marker(subject, token) \
                or (kind == BELIEF and is_purpose_participle(token)) or is_denying_inversion(token):
            continue
        inverted = inverted_speaker(token, entities_by_token)
        parenthetical = parenthetical_speaker(token, subject) if inverted is None else None
        subject = person_meant(inverted or parenthetical or subject_outside_aside(subject, token)
                               or adjoining_apposition(subject, token) or governed_noun(subject)
                               or conjunct_after_own_clause(subject) or conjunct_after_object(subject, token)
                               or named_subject_before(subject) or cleft_subject(subject, token)
                               or named_apposition_before_cue(subject, token)
                               or enclosing_subject(token, subject, cue_forms) or subject)
        speaker = without_headline_label(*speaker_range(subject, entities_by_token), doc)
        if speaker[0] <= token.i < speaker[1]:  # a parse that hangs the cue inside the speaker's phrase
            speaker = (cue_last + 1, speaker[1]) if subject.i > cue_last else (speaker[0], token.i)
        if speaker[0] >= speaker[1]:
            continue
        features: tuple[str, ...] = ()
        if learned:
            pieces, needs_marks = learned_content(token, cue_forms), False
            if not pieces or is_unnamed(subject.text):
                continue  # a pronoun subject: on PolNeAR dev such quotes lowered pronoun resolution and showed more pronouns
            features = tuple(candidate_features(token, subject, pieces))
            if not cue_filter.accepts(features):
                continue
        else:
            pieces, needs_marks = content_ranges(token, cue_last, kind, cue_forms)
            pieces = [without_trailing_description(part, doc) for piece in pieces
                      for part in without_second_attributions(piece, token, cue_forms)]
            if beside is not None:
                pieces = []  # a parse that lost the subject lost the content: adjacent_quotes takes the quotation
            elif inverted is not None:
                pieces = inverted_content(token, inverted) or pieces
            elif parenthetical is not None:
                pieces = parenthetical_content(token, parenthetical) or pieces
            if needs_marks and pieces and cue_filter is not None and is_said_object(token, pieces[0]) \
                    and not is_unnamed(subject.text):
                # "Israel disputes the claim", "read the words he had come to deliver": an unmarked noun
                # phrase object of a listed cue counts only when it quotes, unless the filter keeps it.
                features = (*candidate_features(token, subject, pieces), "listed")
                needs_marks = not cue_filter.accepts(features)
        pieces = content_by_brackets(token, subject, pieces, cue_last)
        if pieces is None:
            continue
        pieces = [without_next_clauses_subject(piece, doc) for piece in pieces]
        antecedent = None
        relative_verb = relative_clause(subject)
        if relative_verb is not None:
            antecedent = chars(*speaker_range(relative_head(relative_verb.head, subject), entities_by_token))
        elif (noun := noun_before_relative(subject) or noun_joined_to_relative(subject)) is not None:
            antecedent = chars(*speaker_range(noun, entities_by_token))
        elif is_relative_word(subject):
            continue  # "…, which helps explain", "who is to blame": a clause or a question, no one who speaks
        speakers = [chars(a, b) for a, b in coordinated_speakers(subject)]
        quotes.append(Quote(
            pieces=[chars(a, b) for a, b in pieces],
            cue=chars(token.i, cue_last + 1),
            cue_kind=kind,
            needs_marks=needs_marks,
            antecedent=antecedent,
            speaker=speakers[0] if speakers else chars(*speaker),
            speakers=speakers,
            features=features,
            borrowed_speaker=borrowed_pronoun(subject, token),
        ))
    return quotes


# ---------------------------------------------------------------------------------------------
# Snapping content to quotation marks


def alnum_in(text: str, start: int, end: int) -> int:
    """Letters and digits in ``text[start:end]``."""
    return sum(ch.isalnum() for ch in text[start:end])


def snap_to_marks(text: str, quote: Quote, marked: MarkedStretches, used: set[int]) -> None:
    """Widen a quote's pieces to the marked stretches they overlap and set its type."""
    pieces, kinds = [], []
    for start, end in quote.pieces:
        if quote.cue is not None and quote.cue[0] < start:  # a quote before its cue may be the cue's own ("“…,” he said")
            end = before_attributed_quote(text, start, end, marked)
        hits = marked.overlapping(start, end)
        if not hits:
            pieces.append((start, end))
            kinds.append("plain")
            continue
        aside = next((i for i in hits if opens_dashed_aside(text, quote, marked[i])), None)
        if aside is not None:
            start, hits = marked[aside].start, hits[hits.index(aside):]
        first = marked[hits[0]]
        if alnum_in(text, start, first.start) and NARRATION_BEFORE_QUOTE.search(text, max(start, first.start - 3), first.start):
            # "Sen. Ames scolded him: “…,” she said", "He has changed his tune. “…,” he said": what ends
            # on a colon or a full stop before the quote is narration, not what the speaker said.
            start = first.start
        last = marked[hits[-1]]
        attribution_before = any(start <= a < last.start for a in (quote.cue or (-1,))[:1] + (quote.speaker or (-1,))[:1])
        if INTRODUCED_QUOTE.search(text, max(start, last.start - 3), last.start) and alnum_in(text, last.end, end) == 0 \
                and (attribution_before or text[max(start, last.start - 3) : last.start].strip().startswith(":")):
            # "… Kall said: “…”", "…, saying, “…”": the quote alone is the content (not in "With
            # thousands of systems, “there is no single point of failure”", where the words before
            # the comma are part of it)
            start = last.start
            hits = hits[-1:]
        outside = alnum_in(text, start, end) - sum(
            alnum_in(text, max(start, marked[i].start), min(end, marked[i].end)) for i in hits)
        if outside <= 0:
            pieces.extend((marked[i].start, marked[i].end) for i in hits)
            kinds.extend("marked" for _ in hits)
        else:
            pieces.append((min(start, marked[hits[0]].start), max(end, marked[hits[-1]].end)))
            kinds.append("partly")
        used.update(hits)
    if "marked" in kinds and "plain" in kinds:
        # "“Here comes Big Daddy,” she said, clapping": a short unmarked piece beside a marked one
        # is a stray dependent, not part of the quote; a relative pronoun object is not ("which X called “…”").
        kept = [(p, k) for p, k in zip(pieces, kinds)
                if k != "plain" or word_count(text[p[0]:p[1]]) > 3 or text[p[0]:p[1]].lower() in RELATIVE_PRONOUNS]
        # "Experts expect news. Said Ellis: “…”", "X said: “…”": a cue introducing a marked quote with a
        # colon says nothing before itself.
        if quote.cue and text[quote.cue[1] : quote.cue[1] + 2].lstrip().startswith(":") \
                and any(k == "marked" and p[0] >= quote.cue[1] for p, k in kept):
            kept = [(p, k) for p, k in kept if k != "plain" or p[0] >= quote.cue[1]]
        # "“Come with me,” Ortiz said, and the children walked behind her": after a marked quote
        # and its attribution, unmarked words are narration.
        elif quote.cue and any(k == "marked" and p[1] <= quote.cue[0] for p, k in kept):
            kept = [(p, k) for p, k in kept if k != "plain" or p[1] <= quote.cue[0]]
        pieces, kinds = [p for p, _ in kept], [k for _, k in kept]
    quote.pieces = merge_touching(pieces)
    if all(k == "marked" for k in kinds):
        quote.type = "direct"
    elif any(k != "plain" for k in kinds):
        quote.type = "mixed"
    else:
        quote.type = "indirect"


def opens_dashed_aside(text: str, quote: Quote, stretch: QuotedSpan) -> bool:
    """True when a dash opens the marked ``stretch`` and the quote's attribution follows right after its closing
    mark: in "He railed against the plan — “I love Oreos,” he said, “…” — and vowed …" the words before the dash
    are the writer's, though the parser hung them from the cue."""
    if quote.cue is None or quote.speaker is None:
        return False
    left = quote.attribution[0]
    return stretch.end <= left <= stretch.end + ATTRIBUTION_AFTER_MARK and follows_closing_mark(text, left) \
        and DASH_BEFORE.search(text, max(0, stretch.start - ATTRIBUTION_AFTER_MARK), stretch.start) is not None


def before_attributed_quote(text: str, start: int, end: int, marked: MarkedStretches) -> int:
    """``end``, or where a marked stretch begins when ``start``…``end`` touches only its opening mark and the
    stretch has its own attribution (:func:`has_own_attribution`): the sentence splitter often leaves a quote's
    opening mark at the end of the sentence before ("The nostalgia, he noted, may be … viewers'. ''There's nothing
    …,'' he said"), and that sentence's content must not take the quote from its attribution."""
    hits = marked.overlapping(start, end)
    if not hits:
        return end
    stretch = marked[hits[-1]]  # only the last stretch can begin in the range's last characters
    if stretch.start > start and alnum_in(text, stretch.start, end) == 0 and has_own_attribution(text, stretch):
        return start + len(text[start : stretch.start].rstrip())
    return end


def merge_touching(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted pieces with overlapping ones merged."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(pieces)):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# ---------------------------------------------------------------------------------------------
# Marked stretches no cue claimed


def word_count(text: str) -> int:
    """Whitespace-separated words in ``text``."""
    return len(text.split())


def adjacent_quotes(text: str, quotes: list[Quote], marked: MarkedStretches, used: set[int]) -> None:
    """Give cues without content the marked stretch right before or after their attribution."""
    # Stretches are disjoint and sorted: only the last one ending before the attribution can touch it
    # from the left, and only those opening within ATTRIBUTION_REACH after it can follow it. Looking
    # those up by bisection keeps the scan linear in the number of marks.
    for quote in quotes:
        if quote.pieces or quote.cue is None or quote.speaker is None:
            continue
        left, right = quote.attribution
        # "Caddell continued:" introduces what follows, never the quote before it.
        introduces = text[right : right + 3].lstrip().startswith(":")
        before = marked.last_ending_by(left)
        after = marked.starting_between(right, right + ATTRIBUTION_REACH)
        for i in ((before,) if before is not None and not introduces else ()) + tuple(after):
            if i in used:
                continue
            m = marked[i]
            between_after = text[right : m.start]
            between_before = text[m.end : left]
            if (m.start >= right and re.fullmatch(r"[^\n\"“”.]*[:,]\s*", between_after)) or (
                    m.end <= left and re.fullmatch(r"[ \t\xa0,—–-]*", between_before)):  # not a quote ending the paragraph before
                quote.pieces = [(m.start, m.end)]
                quote.type = "direct"
                used.add(i)
                break


def introduced_paragraphs(text: str, quotes: list[Quote], marked: MarkedStretches, used: set[int]) -> None:
    """Give a speech cue without content whose sentence ends its paragraph on a colon ("Limbaugh added:") the
    next paragraph: a block quote, in marks or not, often with marks a writer mis-paired ("“… 51 percent.“").
    Only that paragraph: a journalist draws the quote it introduces, not the narration after it. Not other
    cues: in "The bias begins to show in how it rated this statement:" the subject says nothing."""
    for quote in quotes:
        if quote.pieces or quote.cue is None or quote.speaker is None or quote.cue_kind != SPEECH:
            continue
        colon = INTRODUCING_COLON.match(text, max(quote.cue[1], quote.speaker[1]))
        if not colon or colon.end() >= len(text):
            continue
        start = colon.end()
        end = text.find("\n", start)
        end = len(text) if end < 0 else len(text[start:end].rstrip()) + start
        hits = marked.overlapping(start, end)
        if any(i in used for i in hits) or word_count(text[start:end]) < 3:
            continue
        quote.pieces = [(start, end)]
        quote.type = "direct" if text[start] in QUOTE_CHARACTERS and text[end - 1] in QUOTE_CHARACTERS else "indirect"
        used.update(hits)


def opening_pieces(text: str, quotes: list[Quote], marked: MarkedStretches, used: set[int]) -> None:
    """Give a direct quote that follows its attribution the marked stretch ending on a comma right before
    that attribution, when no cue took it: the first piece of ``“A,” he told the host, “B.”`` (the parser
    often hangs "A" elsewhere)."""
    for quote in quotes:
        if quote.type != "direct" or quote.cue is None or quote.speaker is None:
            continue
        left, right = quote.attribution
        i = marked.last_ending_by(left)  # the last stretch ending before the attribution
        if quote.start < right or i is None:
            continue
        end = marked[i].end
        if i not in used and left - end <= 2 and not text[end:left].strip() and "," in text[end - 3 : end]:
            quote.pieces.insert(0, (marked[i].start, end))
            used.add(i)


def is_title(text: str, stretch: QuotedSpan) -> bool:
    """True when a marked stretch is a short name (a show, a book, a slogan: "“Meet the Press.”"), not a
    sentence: at most :data:`TITLE_WORDS` words, each capitalized or a short function word."""
    words = text[stretch.start : stretch.end].strip("\"“”«»'` .,:;!?").split()
    return 0 < len(words) <= TITLE_WORDS and words[0][0].isupper() \
        and all(word[0].isupper() or word[0].isdigit() or len(word) <= 3 for word in words)


def without_titles(text: str, start: int, end: int, marked: MarkedStretches, candidates: range) -> str:
    """``text[start:end]`` with each title (:func:`is_title`) among the ``candidates`` stretches inside it
    replaced by a placeholder word, keeping a full stop or comma that ends the title ("… said on “Meet the
    Press.” “…”"): a title in an attribution does not break the quote it continues."""
    pieces, position = [], start
    for k in candidates:
        stretch = marked[k]
        if stretch.start < position or stretch.end > end or not is_title(text, stretch):
            continue
        inner = text[stretch.start : stretch.end].rstrip("\"“”«»'`")
        pieces += [text[position : stretch.start], "T" + (inner[-1] if inner[-1] in ".,:" else "")]
        position = stretch.end
    return "".join(pieces) + text[position:end]


def continuation_quotes(text: str, quotes: list[Quote], marked: MarkedStretches, used: set[int]) -> None:
    """Append a marked sentence that directly follows an attributed quote (direct, or mixed ending on a mark)."""
    # A mixed quote continues only when it ends on a closing mark ('… accomplished "too little," he added. "…"')
    # or its attribution follows it ('“A” of the plans, Smith said. “B.”': the speaker goes on).
    by_end = sorted((q for q in quotes if q.pieces and (q.type == "direct" or (q.type == "mixed" and (
                        text[q.end - 1] in CLOSING_MARKS or (q.cue is not None and q.cue[0] >= q.end))))),
                    key=lambda q: q.end)
    sorted_ends = [q.end for q in by_end]  # a quote only grows: one ending after a stretch never comes before it

    def attribution_end_of(quote: Quote) -> int:
        return max(quote.end, quote.cue[1] if quote.cue else 0, quote.speaker[1] if quote.speaker else 0)

    for i, m in enumerate(marked):
        if i in used:
            continue
        # The last quote (in end order) wholly before the stretch, looked for backwards from the bisection.
        k = bisect_right(sorted_ends, m.start) - 1
        while k >= 0 and attribution_end_of(by_end[k]) > m.start:
            k -= 1
        if k < 0:
            continue
        quote = by_end[k]
        attribution_end = attribution_end_of(quote)
        gap = without_titles(text, attribution_end, m.start, marked, range(max(0, i - TITLES_IN_GAP), i))
        if not (CONTINUATION_GAP.fullmatch(gap) or (PARAGRAPH_BREAK.fullmatch(gap) and ends_paragraph(text, m.end))) \
                or has_own_attribution(text, m):
            continue
        quote.pieces.append((m.start, m.end))
        used.add(i)


def has_own_attribution(text: str, stretch: QuotedSpan) -> bool:
    """True when a marked stretch's sentence goes on after it with what must be its own attribution: it ends on a
    comma ("“…,” Bennett shot back"), or on a question or exclamation mark before a lowercase word ("“…?” he
    asked"). Such a stretch is no continuation of the quote before it, even when no cue of ours claimed it."""
    inner = text[stretch.start : stretch.end].rstrip(QUOTATION_MARK_CHARACTERS)
    following = OWN_ATTRIBUTION_AFTER.match(text, stretch.end)
    if not inner or following is None:
        return False
    return inner[-1] == "," or (inner[-1] in "?!" and following.group(1).islower())


def ends_paragraph(text: str, position: int) -> bool:
    """True when only spaces stand between ``position`` and the end of its paragraph (a line break or the text's end)."""
    line_end = text.find("\n", position)
    return not text[position : len(text) if line_end < 0 else line_end].strip()


def label_quotes(text: str, marked: MarkedStretches, used: set[int], entities: list[dict]) -> list[Quote]:
    """Quotes of the ``NAME: …`` label form at a paragraph's start (headlines, transcripts)."""
    quotes = []
    for paragraph in re.finditer(r"[^\n]+", text):
        match = LABEL_PATTERN.match(paragraph.group())
        if not match:
            continue
        name_start, name_end = paragraph.start() + match.start(1), paragraph.start() + match.end(1)
        name = match.group(1)
        entity = find_entity(entities, name_start, name_end)
        headline = paragraph.start() == 0
        named = entity is not None and entity["label"] in ("PERSON", "ORG")
        if not (headline or named or (name.isupper() and len(name) > 2)) or name.lower() in NOT_SPEAKER_LABELS \
                or name.lower() in HEADLINE_WORDS:
            continue
        content_start = paragraph.start() + match.end()
        content_end = paragraph.end()
        if word_count(text[content_start:content_end]) < 3:
            continue
        quote = Quote(pieces=[(content_start, content_end)], cue=(name_end, name_end + 1), cue_kind=LABEL,
                      speaker=(name_start, name_end))
        snap_to_marks(text, quote, marked, used)
        quotes.append(quote)
    return quotes


def heads_own_attribution(text: str, label: Quote, by_cue: list[Quote], cue_starts: list[int]) -> bool:
    """True when a ``NAME: …`` label's paragraph holds the cue and speaker of a quote (of ``by_cue``, sorted by cue,
    whose cue starts are ``cue_starts``) naming the label's person again, same last word: "Dana Ames: Housing. Last
    year, Senator Dana Ames proposed that …" is a section heading over narration, and the attribution inside it
    speaks (PolNeAR train 1–700). A binary search finds the quotes whose cue lies in the paragraph."""
    start, end = label.start, label.end
    named = text[slice(*label.speaker)].split()[-1]
    return any(quote.speaker is not None and start <= quote.speaker[0] < end
               and text[slice(*quote.speaker)].split()[-1] == named
               for quote in by_cue[bisect_left(cue_starts, start) : bisect_left(cue_starts, end)])


def dash_quotes(text: str, marked: MarkedStretches, used: set[int]) -> list[Quote]:
    """Quotes of the ``"…" — Name`` form: a dash and a capitalized name right after the closing mark."""
    quotes = []
    for i, m in enumerate(marked):
        if i in used:
            continue
        dash = DASH_PATTERN.match(text, m.end)
        name = DASH_NAME.match(text, dash.end()) if dash else None
        if not name or name.group().lower() in HEADLINE_WORDS:
            continue
        dash_text = dash.group()
        cue_start = dash.start() + len(dash_text) - len(dash_text.lstrip())
        cue_end = dash.end() - (len(dash_text) - len(dash_text.rstrip()))
        quotes.append(Quote(pieces=[(m.start, m.end)], cue=(cue_start, cue_end), cue_kind=LABEL,
                            speaker=(name.start(), name.end()), type="direct"))
        used.add(i)
    return quotes


# ---------------------------------------------------------------------------------------------
# Items


def confidence(quote: Quote, named: bool, pronoun_resolved: bool | None) -> float:
    """A 0–1 score: direct quotes with named speakers high, reported beliefs low.

    Starts from the quote type (direct 0.9, mixed 0.85, indirect 0.7), then lowers it for weaker
    cues (evidence verbs −0.1, object verbs −0.15, belief verbs −0.35, label and dash forms −0.1, verbs
    off the cue list kept by the learned filter −0.25) and weaker speakers
    (unresolved pronoun −0.15, common noun −0.05), raises it for named speakers (+0.05).
    """
    score = {"direct": 0.9, "mixed": 0.85, "indirect": 0.7}[quote.type]
    score += {SPEECH: 0.0, EVIDENCE: -0.1, BELIEF: -0.35, OBJECT: -0.15, LABEL: -0.1, LEARNED: -0.25}[quote.cue_kind]
    if named:
        score += 0.05
    elif pronoun_resolved is False:
        score -= 0.15
    elif pronoun_resolved is None:
        score -= 0.05
    return round(min(max(score, 0.05), 0.99), 2)


def speaker_item(text: str, span: tuple[int, int], entity: dict | None) -> dict:
    """One entry of a quote's ``speakers``: the mention and the entity it stands for."""
    return {"text": text[span[0] : span[1]], "start": span[0], "end": span[1],
            "canonical": canonical_name(entity) if entity else None, "entity": entity["id"] if entity else None}


def narration_entities(entities: list[dict], marked: MarkedStretches) -> list[dict]:
    """The entity items named outside quotation marks (in the narration), in order, and those that
    fill their marks: a name in quotation marks is a title the narration names ("as “The Wall Street
    Journal” wrote, it shows …"), not something someone said."""
    return [e for e in entities if not marked.holds(e["start"], e["end"]) or fills_its_marks(e, marked)]


def fills_its_marks(entity: dict, marked: MarkedStretches) -> bool:
    """True when the marked stretch holding ``entity`` is the entity alone: its marks and at most a
    comma or full stop beside it."""
    return any(marked[i].start >= entity["start"] - 1 and marked[i].end <= entity["end"] + 2
               for i in marked.overlapping(entity["start"], entity["end"]))


def unnamed_subjects(parsed: list[ParsedSpan], marked: MarkedStretches, cue_forms: dict) -> list[NounPhrase]:
    """The subjects of the parsed sentences that a common noun heads ("the report says", "Former
    prosecutors said"), and the singular texts (:data:`SPEAKING_TEXTS`: "cited a 2001 memorandum")
    and plural people (:func:`names_people`: "praise from her supporters") wherever they stand,
    outside quotation marks, in text order, without a leading dateline ("NEW YORK - "): what an
    "it"/"they" naming no person or organization may stand for. A cue's form standing alone is a
    verb the tagger took for a noun ("the survey shows, is …")."""
    subjects = []
    for p in parsed:
        doc, base = p.doc, p.char_offset
        for token in doc:
            counted = is_counted_group(token)  # "The two": a number the entity stage tags CARDINAL
            common_noun = token.tag_ in ("NN", "NNS") and not token.ent_type_
            if not (common_noun or counted) or (token.lower_ in cue_forms and not list(token.children)):
                continue
            if token.dep_ == "conj" and token.head.tag_ in ("NN", "NNS"):
                continue  # its first conjunct's phrase covers it ("the hawks and doves")
            later = [c for c in token.conjuncts if c.i > token.i and c.tag_ in ("NN", "NNS")]
            plural = token.tag_ == "NNS" or bool(later) or counted
            subject = token.dep_ in ("nsubj", "nsubjpass") and token.head.tag_.startswith(("VB", "MD"))
            speaks = counted or (token.lower_ in SPEAKING_TEXTS if not plural else
                                 any(names_people(noun.lower_) for noun in [token, *later]))
            if not (subject or speaks):
                continue
            start, end = mention_tokens(token)
            end = mention_tokens(later[-1])[1] if later else end
            dateline = DATELINE.match(doc[start:end].text)
            span = doc[start].idx + base + (dateline.end() if dateline else 0), doc[end - 1].idx + len(doc[end - 1]) + base
            if not marked.overlapping(*span):
                collective = not plural and token.lower_ in COLLECTIVE_NOUNS
                subjects.append(NounPhrase(*span, plural=plural, subject=subject, speaks=speaks, collective=collective))
    return sorted(subjects)


def is_counted_group(token: Token) -> bool:
    """True for a number word heading its own noun phrase after "the" (:data:`COUNTED_GROUP_WORDS`: "The
    two squabbled …"): the people the text has just named, a group a "they" may stand for."""
    return token.tag_ == "CD" and token.lower_ in COUNTED_GROUP_WORDS \
        and any(child.dep_ == "det" and child.lower_ == "the" for child in token.children)


def names_people(plural: str) -> bool:
    """True when a plural noun names people (:data:`PEOPLE_NOUNS`, an agent's ending: "supporters")."""
    return plural in PEOPLE_NOUNS or (plural.endswith(PEOPLE_ENDINGS) and plural not in NOT_PEOPLE)


def unnamed_antecedent(text: str, pronoun: str, position: int, subjects: list[NounPhrase],
                       reported: list[tuple[int, int]], loose: bool = False) -> NounPhrase | None:
    """The common noun phrase an "it"/"they" at ``position`` (its quote's start when the quote comes
    first) stands for, among ``subjects`` of its number ("it": singular, "they": plural) in its
    sentence or the one before (at most ``SUBJECT_REACH`` characters back): the last subject outside
    what someone is reported to say (``reported``: "The review says the tender broke the rules. It
    also points out …" is the review's "it"), else the last text or people that may speak wherever
    they stand ("Salceda cited a 2001 memorandum …. It says …", "To her supporters, …, they say"),
    people not inside what was reported. Sentence ends in what was reported are not counted, nor
    those before an earlier sentence that opens with the same pronoun (:func:`opens_with`). A "they"
    may also stand for a group named by a singular noun (:data:`COLLECTIVE_NOUNS`: "his team").
    ``loose``: the last subject that names people (for a "they") or a text (for an "it") up to
    ``LOOSE_ANTECEDENT_SENTENCES`` sentences back, reported or not (:func:`loosely_fits`), what is
    left when nothing closer explains the pronoun."""
    plural = pronoun.lower() == "they"
    speaking_text = None
    for index in range(bisect_left(subjects, NounPhrase(position, position)) - 1, -1, -1):
        phrase = subjects[index]
        if position - phrase.end > SUBJECT_REACH:
            break
        if phrase.end > position:
            continue
        ends = list(SENTENCE_END.finditer(text, phrase.end, position))
        # the last end opens the pronoun's own sentence, which does not continue an earlier one
        sentences_back = sum(not in_ranges(end.start(), reported) and (end is ends[-1] or not opens_with(text, end, pronoun))
                             for end in ends)
        if sentences_back > (LOOSE_ANTECEDENT_SENTENCES if loose else 1):
            break
        if phrase.plural != plural and not (plural and phrase.collective):
            continue
        if loose:
            if loosely_fits(phrase):
                return phrase
            continue
        if phrase.subject and not in_ranges(phrase.start, reported):
            return phrase
        if phrase.speaks and speaking_text is None and not (plural and in_ranges(phrase.start, reported)):
            speaking_text = phrase
    return speaking_text


def unresolved_pronoun_stand_in(text: str, pronoun: str, position: int, quote_start: int, narration: Narration,
                                subjects: list[NounPhrase], reported: list[tuple[int, int]]
                                ) -> tuple[list[dict], tuple[int, int] | None]:
    """What a pronoun speaker at ``position`` that names no one the narration names nearby stands
    for: people named together, or the character range of the phrase a reader is shown. For a
    "she"/"he", the phrase bringing in an unnamed person ("One woman …"), else a role phrase in its
    sentence ("The head of the Teachers Union … because she thinks"), else a sentence opening with a
    definite phrase for a person (:data:`pipeline.extract.speakers.DEFINITE_PERSON`: "The homeless
    woman reveals …. She says …") or one of either gender (:data:`pipeline.extract.speakers.UNNAMED_ROLE`:
    "A neighbor … said she heard"); for an "it"/"they" (looked
    up from its quote's start when the quote comes first), the close common-noun subject
    (:func:`unnamed_antecedent`), else for a "they" people named together anywhere in a sentence
    (:func:`pipeline.extract.speakers.people_named_together_before`), else a far subject that names
    people or a text (``loose``), else (and first for a "them") what the narration names in passing
    (:func:`pipeline.extract.speakers.mention_in_passing_before`: "the Democratic chairs", "an ad in
    Indiana"). Nothing found: no people, no phrase."""
    if pronoun in PRONOUN_GENDERS:
        gender = PRONOUN_GENDERS[pronoun]
        return [], unnamed_person_before(text, position, gender) or role_phrase_in_sentence(text, position, gender) \
            or unnamed_person_before(text, position, gender, pattern=DEFINITE_PERSON) \
            or unnamed_person_before(text, position, gender, pattern=UNNAMED_ROLE)
    reach_from = min(position, quote_start)
    if pronoun == "them":  # no phrase stands in for an object pronoun ("heard them say"), a group's adjective may
        return mention_in_passing_before("they", position, reach_from, narration), None
    if pronoun not in ("it", "they"):
        return [], None
    close = unnamed_antecedent(text, pronoun, reach_from, subjects, reported)
    group = people_named_together_before(reach_from, narration, reported) if close is None and pronoun == "they" else []
    if close is not None or group:
        return group, close
    far = unnamed_antecedent(text, pronoun, reach_from, subjects, reported, loose=True)
    if far is None:
        return mention_in_passing_before(pronoun, position, reach_from, narration), None
    return [], far


def loosely_fits(phrase: NounPhrase) -> bool:
    """True when a subject of the pronoun's number may be what a far "it"/"they" stands for: it names
    people ("campaign officials", "his team") or a text that may speak ("his current plan")."""
    return phrase.subject and (phrase.speaks or phrase.collective)


def opens_with(text: str, sentence_end: re.Match, pronoun: str) -> bool:
    """True when the sentence after ``sentence_end`` opens with ``pronoun``, after a conjunction or
    not: a run of sentences opening "They …" ("Activists are frustrated. They want more. But they
    dwell on …, they say") keeps talking about the same group, so each does not take a later "they"
    further from what it stands for."""
    words = text[sentence_end.end() : sentence_end.end() + OPENING_CHARS].lower().split()[:2]
    if words and words[0] in CLAUSE_CONJUNCTIONS:  # "But they see …"
        words = words[1:]
    return bool(words) and words[0] == pronoun.lower()


def quote_items(text: str, quotes: list[Quote], entities: list[dict], marked: MarkedStretches,
                given_names: dict[str, str] = GIVEN_NAMES, subjects: list[NounPhrase] = ()) -> list[dict]:
    """The record's quote items, in text order, with speakers resolved to entities (see
    :func:`pipeline.extract.speakers.resolve_speaker`). Pronouns refer to people named in the
    narration, not to those named inside quotation marks, nor to names the entity stage filed under
    another label (:func:`pipeline.extract.speakers.with_misfiled_people`). An "it"/"they" naming no
    one named is shown as the common-noun subject it stands for (``subjects``), a "they" may stand for
    people named together inside a sentence, a "she"/"he" after "One woman …" for that phrase (see
    :func:`unresolved_pronoun_stand_in`): a phrase shown is the ``canonical``, its entity none."""
    items = []
    speakers_seen: list[dict] = []  # sorted by end (resolve_pronoun looks up the recent ones)
    entities = with_mentions_in_passing(text, with_families(text, with_misfiled_people(entities, given_names)))
    entities = with_mention_genders(text, entities, given_names)
    genders = gender_hints(entities, given_names)
    narration = Narration(text, narration_entities(entities, marked))
    reported = merge_touching([piece for quote in quotes for piece in quote.pieces])
    last_they: tuple[int, list[dict]] | None = None  # the last "they" speaker's quote end and speakers
    for number, quote in enumerate(sorted(quotes, key=lambda q: q.start), start=1):
        speakers, how = [], None
        for span in quote.speaker_ranges:
            found, found_by = resolve_speaker(*span, narration, speakers_seen, genders, quote.antecedent, reported,
                                              quote.start)
            if found_by == "relative" and not found and quote.antecedent:
                # "economists who argue", "the study, which notes": the pronoun names no one, the
                # noun phrase it stands for is the mention a reader is shown
                span = (quote.antecedent[0], span[1])
            how = how or found_by
            if found_by == "pronoun" and len(found) == 1:
                learn_gender(genders, text[span[0] : span[1]], found[0])
            if found_by == "named" and not quote.features:  # what the learned filter keeps is seldom a turn to speak
                turn_end = max(quote.end, span[1], quote.cue[1] if quote.cue else 0)
                for entity in found:
                    insort(speakers_seen, dict(entity, turn_end=turn_end), key=lambda item: item["end"])
            # "they" for people named together stands for each of them
            items_found = [speaker_item(text, span, entity) for entity in found or [None]]
            pronoun = text[span[0] : span[1]].lower()
            described = None
            if found_by == "pronoun" and not found:
                group, described = unresolved_pronoun_stand_in(text, pronoun, span[0], quote.start, narration,
                                                               subjects, reported)
                if group:  # "what Trump and Lewandowski said. They had asserted …": each of them
                    items_found = [speaker_item(text, span, entity) for entity in group]
            if described is not None:  # "the report says. It also points out …", "One woman …": shown as that phrase
                items_found[0]["canonical"] = text[described[0] : described[1]]
            if found_by == "pronoun" and pronoun == "they":
                items_found = continued_they(span, quote.start, items_found, last_they)
                last_they = (max(quote.end, span[1]), items_found)
            speakers.extend(items_found)
        first = speakers[0] if speakers else dict.fromkeys(("text", "start", "end", "canonical", "entity"))
        pieces = [[s, e] for s, e in quote.pieces]
        start, end = quote.start, quote.end
        items.append({
            "id": f"q{number}",
            "text": text[start:end],
            "start": start,
            "end": end,
            "spans": pieces,
            "type": quote.type,
            "cue": text[quote.cue[0] : quote.cue[1]] if quote.cue else None,
            "cue_start": quote.cue[0] if quote.cue else None,
            "cue_end": quote.cue[1] if quote.cue else None,
            "speaker": first["text"],
            "speaker_start": first["start"],
            "speaker_end": first["end"],
            "speaker_canonical": first["canonical"],
            "speaker_entity": first["entity"],
            "speakers": speakers,
            "confidence": confidence(quote, how == "named" and first["entity"] is not None,
                                     None if how in (None, "named", "unnamed") else first["entity"] is not None),
        })
    return items


def continued_they(span: tuple[int, int], quote_start: int, items_found: list[dict],
                   last_they: tuple[int, list[dict]] | None) -> list[dict]:
    """The speakers of a "they" mention ``span``: ``items_found`` when they name someone, else the people
    named together the last "they" speaker stood for (``last_they``: where its quote ended, its speakers)
    when that quote ended at most ``RECENT_SPEAKER_CHARS`` before this one (or before the pronoun): a
    run of "they argue …, they write …" about co-authors named once, paragraphs back, keeps meaning
    them. Not an organization or a phrase: carried on, a wrong one spread (train and
    ``us_political.jsonl``: 2 of 2 wrong); nor an "it", which further than
    ``ORGANIZATION_PRONOUN_REACH`` from what it named is mostly a thing."""
    if any(item["canonical"] for item in items_found) or last_they is None:
        return items_found
    ended, before = last_they
    if min(span[0], quote_start) - ended > RECENT_SPEAKER_CHARS or sum(bool(item["entity"]) for item in before) < 2:
        return items_found
    return [dict(item, text=items_found[0]["text"], start=span[0], end=span[1]) for item in before]


def drop_duplicates(quotes: list[Quote], text: str) -> list[Quote]:
    """Quotes with distinct content: of those with the same content, the first found whose attribution follows it
    right after its closing mark (:func:`attributed_after`), else the first found. In "Ames responded by explaining
    …: “Trust me. … email it,” Ames wrote" both cues took a sentence of the quote and so all of it, and the quote
    is what "wrote" reports."""
    kept: dict[tuple, Quote] = {}
    for quote in quotes:
        key = tuple(quote.pieces)
        if key not in kept or (attributed_after(text, quote) and not attributed_after(text, kept[key])):
            kept[key] = quote
    return list(kept.values())


def attributed_after(text: str, quote: Quote) -> bool:
    """True when a quote's attribution comes right after its content's closing mark ("“…,” Ames wrote")."""
    return quote.cue is not None and quote.speaker is not None and quote.attribution[0] >= quote.end \
        and follows_closing_mark(text, quote.attribution[0])


def is_inside(position: int, quote: Quote) -> bool:
    """True when a character ``position`` lies in one of ``quote``'s pieces."""
    return any(start <= position < end for start, end in quote.pieces)


def same_speaker(quote: Quote, other: Quote) -> bool:
    """True when two quotes' speaker mentions open on the same word: one subject, however far each parse took
    its phrase ("Marco Rubio" and "Marco Rubio Responds To", two cues of one headline)."""
    return quote.speaker is not None and other.speaker is not None and quote.speaker[0] == other.speaker[0]


def drop_nested(quotes: list[Quote], text: str) -> list[Quote]:
    """Quotes without those whose cue lies inside another quote's content and whose speaker is the
    outer one's or lies inside that content too: in "declined to comment on the audit" the inner cue
    shares the outer subject, and in "insisted the policies allow communities to report crimes" the
    inner "communities … report" is part of what is reported, not a second attribution. When two
    quotes each hold the other's cue, one of them took the wrong clause: neither is dropped. In the
    article's ``text``, an attribution right after a closing quotation mark ("“…,” he told advisers,
    according to X", "“…,” said Ames") is a quote of its own: it stays, and the other's content ends
    before it (the marked words then go to the first of them found). So is a speech attribution in a bracketed aside
    (:func:`bracketed_attribution`) or in a relative clause set off by a comma (:func:`described_speaker`): the
    other's content leaves the aside or the clause out."""

    def holds(inner: Quote, outer: Quote) -> bool:
        return (inner.speaker is not None and is_inside(inner.cue[0], outer)
                and (same_speaker(inner, outer) or is_inside(inner.speaker[0], outer)))

    def marked_attribution(inner: Quote, outer: Quote) -> bool:
        # "“…,” Walker said, according to an AP account": PolNeAR credits the words to the account (train 1–700)
        return (not same_speaker(inner, outer) and follows_closing_mark(text, min(inner.cue[0], inner.speaker[0]))
                and not is_according(text, outer))

    def vouched_clause(inner: Quote, outer: Quote) -> bool:
        # "X announced that it hired Ames, who has been outspoken, according to Politico": the source vouches for
        # the relative clause (:func:`vouched_relative_clause`), which ends what X announced
        return is_according(text, inner) and inner.end <= inner.cue[0] \
            and not same_speaker(inner, outer) and outer.cue[0] < inner.start and is_inside(inner.start, outer)

    def nested(inner: Quote, outer: Quote) -> bool:
        return holds(inner, outer) and not marked_attribution(inner, outer) and not opens_content(text, inner, outer) \
            and not vouched_clause(inner, outer) and bracketed_attribution(text, inner, outer) is None \
            and not described_speaker(text, inner, outer)

    # Only quotes with a piece around the cue can hold it: find them through the pieces sorted by
    # start (a scan back stops where no earlier piece reaches the cue), not by comparing all pairs.
    pieces = sorted((start, end, index) for index, q in enumerate(quotes) for start, end in q.pieces)
    starts = [start for start, _, _ in pieces]
    reach = list(accumulate((end for _, end, _ in pieces), max))

    def holders(position: int) -> set[int]:
        found = set()
        i = bisect_right(starts, position) - 1
        while i >= 0 and reach[i] > position:
            if pieces[i][1] > position:
                found.add(pieces[i][2])
            i -= 1
        return found

    others_holding = [holders(q.cue[0]) - {index} if q.speaker is not None else set() for index, q in enumerate(quotes)]
    kept = [q for q, others in zip(quotes, others_holding)
            if not any(nested(q, quotes[other]) and not nested(quotes[other], q) for other in others)]
    for inner, others in zip(quotes, others_holding):
        for outer in (quotes[other] for other in others):
            if holds(inner, outer) and marked_attribution(inner, outer):
                attribution = min(inner.cue[0], inner.speaker[0])
                outer.pieces = [(start, min(end, attribution)) for start, end in outer.pieces if start < attribution]
            elif holds(inner, outer) and opens_content(text, inner, outer):
                outer.pieces = pieces_after(text, outer.pieces, extent(inner)[1])
            elif holds(inner, outer) and vouched_clause(inner, outer):
                outer.pieces = pieces_before(text, outer.pieces, inner.start)
            elif holds(inner, outer) and (aside := bracketed_attribution(text, inner, outer)) is not None:
                outer.pieces = pieces_before(text, outer.pieces, aside[0] - 1) + pieces_after(text, outer.pieces, aside[1] + 1)
            elif holds(inner, outer) and described_speaker(text, inner, outer):
                outer.pieces = pieces_before(text, outer.pieces, inner.antecedent[1]) \
                    + pieces_after(text, outer.pieces, extent(inner)[1])
    return kept


def is_set_off_relative(text: str, quote: Quote) -> bool:
    """True when ``quote``'s speaker is a relative word a comma sets off from the noun it stands for ("Ann Cole, who
    argued …"): the clause describes that noun and reports its words."""
    return quote.antecedent is not None and "," in text[quote.antecedent[1] : quote.speaker[0]]


def described_speaker(text: str, inner: Quote, outer: Quote) -> bool:
    """True when ``inner`` is a speech cue's that-clause in a relative clause set off by a comma
    (:func:`is_set_off_relative`) that ``outer``'s cue lies outside of: "A jury found Ames, who argued that he had
    acted in self-defense, not guilty" reports Ames's words, not the jury's (PolNeAR train 1–700; a noun phrase after
    the cue, "who argued a number of cases", reports no words)."""
    return inner.cue_kind == SPEECH and bool(inner.pieces) and is_set_off_relative(text, inner) \
        and text.startswith(("that ", "that\xa0"), inner.start) and not inner.antecedent[0] <= outer.cue[0] < extent(inner)[1]


def bracketed_attribution(text: str, inner: Quote, outer: Quote) -> tuple[int, int] | None:
    """The bracketed aside (:func:`enclosing_aside`) holding ``inner``'s speech cue and speaker when ``outer``'s cue lies
    outside it and ``outer``'s content reaches outside it too: "He tells crowds she may be charged over her email server
    (the use of which, many Democrats say, was a blunder)" — the aside is the Democrats' words, not part of what he
    tells. None otherwise."""
    aside = enclosing_aside(text, inner.cue[0]) if inner.cue_kind == SPEECH else None
    if aside is None or not aside[0] <= inner.speaker[0] < aside[1] or aside[0] <= outer.cue[0] <= aside[1] \
            or all(aside[0] <= start and end <= aside[1] for start, end in outer.pieces):
        return None
    return aside


def extent(quote: Quote) -> tuple[int, int]:
    """The character range of a quote's content and attribution together."""
    return min(quote.start, quote.attribution[0]), max(quote.end, quote.attribution[1])


def opens_content(text: str, inner: Quote, outer: Quote) -> bool:
    """True when ``inner``, a speech cue's quote with content and attribution, opens ``outer``'s content, and
    ``outer``'s attribution after it names the same speaker again ("Tyler said that … “…,” he said", "Clinton
    suggested that … — “…,” she said —") or ``inner``'s own attribution follows its content
    (:func:`attributed_after_content`). The parser hung the first attribution's clause from the later cue;
    the first speaker keeps it and the later cue what follows (PolNeAR train 1–700). Only an opening phrase set
    off by a comma ("In a memo on Tuesday, Mook acknowledged …") may come first."""
    if inner.speaker is None or inner.cue_kind != SPEECH or not inner.pieces or outer.speaker is None \
            or outer.cue[0] < extent(inner)[1] \
            or not (restates_speaker(text, inner, outer) or attributed_after_content(text, inner, outer)):
        return False
    opening = text[outer.start : extent(inner)[0]].strip()
    return not opening or opening.endswith(",")


def restates_speaker(text: str, inner: Quote, outer: Quote) -> bool:
    """True when ``outer``'s speaker is ``inner``'s named again: a personal pronoun ("he", "she", "they") or the
    same last word ("Mr. Biden suggested … Mr. Biden said")."""
    named, again = text[slice(*inner.speaker)].split(), text[slice(*outer.speaker)].split()
    return bool(named and again) and (again[-1].lower() in PRONOUN_LABELS or again[-1] == named[-1])


def is_according(text: str, quote: Quote) -> bool:
    """True when ``quote``'s cue is an "according to", whose source PolNeAR credits with what it reports."""
    return text.startswith(("according", "According"), quote.cue[0])


def attributed_after_content(text: str, inner: Quote, outer: Quote) -> bool:
    """True when ``inner``'s attribution follows its content and ``outer``'s cue is no "according to" (which PolNeAR
    credits with what it reports): "In Denver, volunteers …, a local station reported, while in Boise …, the Herald
    reported"."""
    return inner.start < inner.attribution[0] and not is_according(text, outer)


def pieces_after(text: str, pieces: list[tuple[int, int]], position: int) -> list[tuple[int, int]]:
    """The parts of ``pieces`` after character ``position``, without the punctuation and spaces at their edges;
    none left when no letter or digit remains."""
    kept = []
    for start, end in ((max(s, position), e) for s, e in pieces if e > position):
        words = text[start:end]
        left = len(words) - len(words.lstrip(EDGE_CHARACTERS))
        right = len(words.rstrip(EDGE_CHARACTERS))
        if any(c.isalnum() for c in words[left:right]):
            kept.append((start + left, start + right))
    return kept


def pieces_before(text: str, pieces: list[tuple[int, int]], position: int) -> list[tuple[int, int]]:
    """The parts of ``pieces`` before character ``position``, without the punctuation and spaces at their edges
    (:func:`pieces_after` from the start)."""
    return pieces_after(text, [(start, min(end, position)) for start, end in pieces if start < position], 0)


def follows_closing_mark(text: str, position: int) -> bool:
    """True when a quote ends right before ``position`` as it does before an attribution (``CLOSED_QUOTE_BEFORE``:
    "“…,” ", "“…?” ", "“…”, "), spaces aside."""
    return CLOSED_QUOTE_BEFORE.search(text, max(0, position - ATTRIBUTION_AFTER_MARK), position) is not None


# The most words of a phrase after a cue that tells where or of what a quote before it was said.
TOPIC_WORDS = 4


def attributes_quote_before(text: str, quote: Quote, marked: MarkedStretches) -> bool:
    """True when a quote's cue and speaker, side by side, follow a closed quote that is no title and its content is
    a short phrase after its cue ("“…,” another supporter wrote on Reddit", "“…?” Ames said of the company"): that
    phrase is where or of what it was said, and the quote before is what was said (but in "Its “wall,” he said, is a
    fantasy" the clause is; in "“…,” Ames said, referring to Jones" the gerund has its own content)."""
    if quote.speaker is None or quote.cue is None or quote.start < quote.cue[1] or len(quote.pieces) > 1 \
            or word_count(text[quote.start : quote.end]) > TOPIC_WORDS:
        return False
    left, right = quote.attribution
    before = marked.last_ending_by(left)
    return before is not None and follows_closing_mark(text, left) and not is_title(text, marked[before]) \
        and not text[min(quote.cue[1], quote.speaker[1]) : max(quote.cue[0], quote.speaker[0])].strip()


def reports_clause_inside(outer: Quote, inner: Quote, text: str) -> bool:
    """True when ``inner``'s cue and speaker both lie inside ``outer``'s content, in a restrictive clause:
    PolNeAR credits the outer source ("Sanders highlighted polls that show him ahead", "trumpeting what he
    called his self-funded campaign"). Not a relative clause set off by a comma, which reports its
    antecedent's words ("thanked Ann Cole, who argued that …"), nor a text's, which speaks for itself
    ("releasing a statement that accused …"). The relative clause's span is one sentence's at most."""
    if inner.speaker is None or not (is_inside(inner.cue[0], outer) and is_inside(inner.speaker[0], outer)):
        return False
    named = text[slice(*(inner.antecedent or inner.speaker))].split()
    return named[-1].lower() not in SPEAKING_TEXTS and not is_set_off_relative(text, inner)


def without_nested(quotes: list[Quote], text: str) -> list[Quote]:
    """:func:`drop_nested` for the cue list's quotes, then the learned cues' quotes that neither nest in
    one of them nor hold a listed cue ("unleashed a series of tweets saying that …": "saying" tells
    what was said), after them: a learned cue removes a listed cue's quote only when it reports it
    (:func:`reports_clause_inside`), and the listed cues' quotes win marked stretches and duplicates."""
    listed = drop_nested([q for q in quotes if q.cue_kind != LEARNED], text)
    by_cue = sorted(listed, key=lambda q: q.cue[0])
    listed_cues = [q.cue[0] for q in by_cue]

    def held_listed(learned: Quote) -> list[Quote]:
        return [q for s, e in learned.pieces for q in by_cue[bisect_left(listed_cues, s) : bisect_left(listed_cues, e)]]

    # A learned cue holding a listed cue's restrictive clause reports it; any other listed cue inside keeps it out.
    learned, held = [], set()
    for quote in drop_nested(quotes, text):
        inner = held_listed(quote) if quote.cue_kind == LEARNED else None
        if inner is not None and all(reports_clause_inside(quote, q, text) for q in inner):
            learned.append(quote)
            held.update(id(q) for q in inner)
    return [q for q in listed if id(q) not in held] + learned


def without_nested_seeming(quotes: list[Quote], text: str) -> list[Quote]:
    """Quotes without the raising verbs' clauses (:func:`seeming_clause`) and the sourceless passive cues' ("is
    expected to", ``PASSIVE_CUES``) lying inside the content of a quote with a speaker: "X charged that the files
    appeared to contradict …" attributes the clause to X (on PolNeAR train 1–700 such raising clauses matched a
    gold quote of their own once in 12), "… is expected to …, they say" to "they"."""
    attributed = merge_touching([piece for q in quotes if q.speaker is not None for piece in q.pieces])
    return [q for q in quotes if not (q.speaker is None and text[q.cue[0]:q.cue[1]].lower() in INFINITIVE_CUES
                                      and in_ranges(q.cue[0], attributed))]


# How far each way from a cue to look for the round brackets of an aside holding it (characters).
ASIDE_REACH = 400


def enclosing_aside(text: str, position: int) -> tuple[int, int] | None:
    """The character range inside the round brackets around ``position`` on its line, at most ``ASIDE_REACH``
    characters away each way; None when no such pair encloses it (or another bracket opens between)."""
    opening = text.rfind("(", max(0, position - ASIDE_REACH), position)
    if opening < 0 or any(c in text[opening + 1 : position] for c in "()\n"):
        return None
    closing = text.find(")", position, position + ASIDE_REACH)
    if closing < 0 or any(c in text[position:closing] for c in "(\n"):
        return None
    return opening + 1, closing


def unparsed_sentences_before(doc: Doc, positions: list[int], parsed: list[ParsedSpan]) -> list[Span]:
    """The pieces (:func:`line_pieces`) of the ``PARSED_SENTENCES_BEFORE`` sentences before the one
    holding each character position in ``positions`` that no span of ``parsed`` covers, once each:
    where an "it"/"they" may find the common noun it stands for ("Workers objected to the plan. They
    also said …": the first sentence has no cue, so the candidate parse left it out; "Women sat
    together. They watched …. They also applauded …" reaches over a sentence opening "They"). One
    pass over the sentences, then lookups by bisection: linear in the article's length however many
    pronouns it holds."""
    sentences = list(doc.sents)
    sentence_starts = [sentence.start_char for sentence in sentences]
    covered = sorted((p.token_offset, p.token_offset + len(p.doc)) for p in parsed)
    covered_starts = [start for start, _ in covered]
    before = sorted({index for position in positions for back in range(2, PARSED_SENTENCES_BEFORE + 2)
                     if (index := bisect_right(sentence_starts, position) - back) >= 0})
    found = []
    for piece in (piece for index in before for piece in line_pieces(sentences[index])):
        i = bisect_right(covered_starts, piece.start) - 1
        if not (i >= 0 and covered[i][1] > piece.start):
            found.append(piece)
    return found


def extract_quotes(doc: Doc, marked: MarkedStretches, parsed: list[ParsedSpan], cue_forms: dict,
                   entities: list[dict], given_names: dict[str, str] = GIVEN_NAMES,
                   cue_filter: CueFilter | None = None, pipes: list = ()) -> list[dict]:
    """All quote items of ``doc``, given its marked stretches, parsed candidate sentences, entity items,
    the given names that tell a speaker's gender and the learned filter of verbs off the cue list;
    ``pipes`` (the syntax components) parse the sentence before an "it"/"they" speaker's when the
    candidates left it out (:func:`unparsed_sentences_before`)."""
    text = doc_text(doc)
    used: set[int] = set()
    # A cue inside quotation marks ("I think …" within a quote) is part of what was said.
    quotes = [q for p in parsed for q in cue_quotes(p, cue_forms, cue_filter) if not marked.covers(q.cue[0])]
    quotes = without_nested_seeming(without_nested(quotes, text), text)
    for quote in quotes:
        # "it's hard to know whether …" is reported by no one the clause names; in "''That makes me
        # smart'' -- and, when questioned …" the pronoun inside quotation marks is what was said.
        if quote.borrowed_speaker or quote.speaker and is_unnamed(text[quote.speaker[0] : quote.speaker[1]]) \
                and marked.covers(quote.speaker[0]):
            quote.speaker, quote.speakers = None, []
    # A learned cue's content is reported speech, never marked (its quotes with marks were mostly wrong on PolNeAR train).
    quotes = [q for q in quotes if q.cue_kind != LEARNED or not any(marked.overlapping(s, e) for s, e in q.pieces)]
    for quote in quotes:
        if quote.pieces:
            snap_to_marks(text, quote, marked, used)
    for quote in quotes:
        if quote.pieces and quote.type == "indirect" and (quote.needs_marks or attributes_quote_before(text, quote, marked)):
            # "said in a phone interview": the object quotes nothing, so the cue is free to take
            # the marked stretch beside its attribution ("“…,” X said in a phone interview.").
            quote.pieces = []
    adjacent_quotes(text, quotes, marked, used)
    introduced_paragraphs(text, quotes, marked, used)
    quotes = [q for q in quotes if q.pieces]
    opening_pieces(text, quotes, marked, used)
    continuation_quotes(text, quotes, marked, used)
    by_cue = sorted(quotes, key=lambda q: q.cue[0])
    cue_starts = [q.cue[0] for q in by_cue]
    quotes += [label for label in label_quotes(text, marked, used, entities)
               if not heads_own_attribution(text, label, by_cue, cue_starts)]
    quotes += dash_quotes(text, marked, used)
    quotes = drop_duplicates(quotes, text)
    # Only an "it"/"they" speaker can stand for a common-noun subject: most articles have none, and
    # finding the subjects walks every parsed token.
    pronoun_positions = [min(s, q.start) for q in quotes for s, e in q.speaker_ranges if text[s:e].lower() in ("it", "they")]
    if pronoun_positions and pipes:
        parsed = parsed + parse_spans(unparsed_sentences_before(doc, pronoun_positions, parsed), pipes)
    subjects = unnamed_subjects(parsed, marked, cue_forms) if pronoun_positions else []
    return quote_items(text, quotes, entities, marked, given_names, subjects)


class QuotesComponent:
    """Sets ``doc._.newslens_quotes`` and its spans ``doc.spans["newslens_quotes"]``, parsing
    only the sentences that can hold a quote.

    ``cues`` is a cue list file in the format of ``pipeline/data/cue_verbs.txt``, ``first_names`` a
    list of given names and their gender in the format of ``pipeline/data/first_names.txt`` (default:
    those files). ``to_disk`` saves the lists in use with the pipeline and ``from_disk`` restores
    them, so a saved pipeline keeps them on a machine where the original files are not.
    ``learned_cues`` adds the quotes of the shipped learned filter (``models/quote-cues``, read once).
    """

    def __init__(self, nlp: Language, name: str, cues: Optional[str] = None, scorer: Optional[Callable] = None,
                 first_names: Optional[str] = None, learned_cues: bool = True) -> None:
        self.name = name
        self.scorer = scorer
        self.learned_cues = learned_cues
        self.pipes = syntax_pipes(nlp)
        if not self.pipes:
            raise ValueError(
                f"'{name}' needs a dependency parser: add it to a pipeline with a 'parser' component, "
                "such as en_core_web_sm (the parser may be disabled; it is run on candidate sentences)."
            )
        self.lists = ListFiles({CUES_FILE: cues, FIRST_NAMES_FILE: first_names})

    # Parsed on first use (a pipeline loaded from disk has its saved lists by then), then kept.
    @cached_property
    def cue_forms(self) -> dict:
        return load_cues(self.lists.text(CUES_FILE))

    @cached_property
    def given_names(self) -> dict[str, str]:
        return parse_given_names(self.lists.text(FIRST_NAMES_FILE))

    @cached_property
    def cue_filter(self) -> CueFilter | None:
        return CueFilter.from_json(shipped_model_path()) if self.learned_cues else None

    def to_disk(self, path, *, exclude: Iterable[str] = ()) -> None:
        """Save the lists in use as ``path/cue_verbs.txt`` and ``path/first_names.txt``."""
        self.lists.to_disk(path)

    def from_disk(self, path, *, exclude: Iterable[str] = ()) -> "QuotesComponent":
        """Use the lists saved by :meth:`to_disk`."""
        self.lists.from_disk(path)
        for parsed in ("cue_forms", "given_names"):
            self.__dict__.pop(parsed, None)
        return self

    def score(self, examples: Iterable[Example], **kwargs) -> dict:
        """The registered scorer's scores (``newslens_quotes_p``, ``_r``, ``_f``)."""
        validate_examples(examples, "QuotesComponent.score")
        return self.scorer(examples, **kwargs)

    def __call__(self, doc: Doc) -> Doc:
        return self.process_batch([doc])[0]

    def pipe(self, docs, batch_size: int = 32):
        """Process a stream of Docs, parsing the candidate sentences of a whole batch together."""
        for batch in minibatch(docs, size=batch_size):
            yield from self.process_batch(list(batch))

    def process_batch(self, docs: list[Doc]) -> list[Doc]:
        """Annotate ``docs``, with one call per syntax component for all their candidate sentences."""
        marks = [MarkedStretches(quoted_spans(doc_text(doc))) for doc in docs]
        # A Doc that already carries a parse (a user's full pipeline) is used as it is.
        parsed_already = [doc.has_annotation("DEP") for doc in docs]
        triggers = self.cue_filter.triggers if self.cue_filter else frozenset()
        sentences = [[] if done else candidate_sentences(doc, self.cue_forms, marked, triggers)
                     for doc, marked, done in zip(docs, marks, parsed_already)]
        parsed = iter(parse_spans([s for doc_sentences in sentences for s in doc_sentences], self.pipes))
        for doc, marked, doc_sentences, done in zip(docs, marks, sentences, parsed_already):
            if done:
                doc_parsed = [ParsedSpan(doc, 0, 0)]
            else:
                doc_parsed = [next(parsed) for _ in doc_sentences]
            set_items(doc, QUOTES_KEY, extract_quotes(doc, marked, doc_parsed, self.cue_forms, doc_entities(doc), self.given_names,
                                                      self.cue_filter, [] if done else self.pipes),
                      label=lambda quote: quote["type"])
        return docs


@Language.factory(
    "newslens_quotes",
    requires=["doc._.newslens_entities", "token.is_sent_start"],
    assigns=["doc.spans", "doc._.newslens_quotes"],
    default_config={"cues": None, "first_names": None, "learned_cues": True, "scorer": {"@scorers": "newslens.quotes_scorer.v1"}},
    default_score_weights={"newslens_quotes_f": 1.0, "newslens_quotes_p": 0.0, "newslens_quotes_r": 0.0},
)
def make_quotes(nlp: Language, name: str, cues: Optional[str], first_names: Optional[str], learned_cues: bool,
                scorer: Optional[Callable]) -> QuotesComponent:
    """The quotes component; ``cues`` and ``first_names`` override the shipped cue list and given names
    (files in their formats); ``learned_cues`` adds the verbs off the cue list that the shipped
    learned filter keeps (``models/quote-cues``)."""
    return QuotesComponent(nlp, name, cues, scorer, first_names, learned_cues)
