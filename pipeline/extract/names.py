"""One name per person, organization and place within an article, by rules (no coreference model).

Mentions are clustered when they share a canonical name (accents aside), when a surname repeats a full name
("Landrieu" → "Mitch Landrieu"; of two namesakes, the one named near it, else the one named more often; a place tag of it only when the article also tags the word alone as
a person or never writes it as a place: "in Davenport"), when an acronym matches an expansion (defined in parentheses or
by initials: "NOPD" ↔ "New Orleans Police Department"), or when an organization name is reordered
("Justice Department" ↔ "Department of Justice"). Each cluster's label is voted by its members.

:func:`find_entity` maps a character span (a quote's speaker, say) to the entity item covering it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.textscan import occurrences
from pipeline.extract.wordlists import list_entries, list_text

CLUSTERED_LABELS = frozenset({"PERSON", "ORG", "GPE"})
# Words skipped when an acronym is read off a name's initials ("Immigration and Customs Enforcement").
ACRONYM_SKIPPED = frozenset({"of", "and", "the", "for", "on", "in", "to", "&", "at", "de"})
COUNTRY_PREFIXES = ("U.S. ", "US ", "United States ", "Federal ", "federal ", "American ", "UK ", "U.K. ", "British ")
ORG_HEADS = ("Department", "Ministry", "Office", "Bureau", "Agency", "Administration", "Commission", "Committee", "Council", "Board", "Service")
REORDERED_ORG = re.compile(rf"^(?P<head>{'|'.join(ORG_HEADS)}) (?:of|for) (?:the )?(?P<core>.+)$")
HEAD_LAST_ORG = re.compile(rf"^(?P<core>.+) (?P<head>{'|'.join(ORG_HEADS)})$")
POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
ACRONYM_DEFINITION = re.compile(r"\s*\(\s*(?P<acronym>[A-Z][A-Za-z.&]{1,9})\s*\)")


# Social platforms as news writes them: organizations the model sometimes takes for people
# ("Twitter"), found as written (case matters).
PLATFORM_NAMES = (
    "Twitter", "Facebook", "Instagram", "YouTube", "TikTok", "Snapchat", "Reddit", "WhatsApp", "LinkedIn",
    "Pinterest", "Tumblr", "WeChat", "Weibo", "Parler", "Truth Social",
)
# Platforms that are never a person but are not looked for in the text: words ("gab", "telegram")
# or names the model already knows as organizations ("Google").
PLATFORMS = frozenset(
    {name.lower() for name in PLATFORM_NAMES}
    | {"google", "google plus", "google+", "telegram", "gab", "periscope", "myspace", "bluesky", "tweetdeck", "facebook messenger"}
)


def listed_form(name: str) -> str:
    """A name as the platform and outlet lists hold it: one space between words, no possessive, lower case."""
    return strip_possessive(" ".join(name.split())).lower()


def is_platform(name: str) -> bool:
    """True for a social platform's name ("Twitter", "Google Plus"), possessive or not."""
    return listed_form(name) in PLATFORMS


# News outlets and fact-checkers as news writes them, organizations the model sometimes takes for people
# ("Politico reported …", "according to Breitbart", "Politifact dinged her answer") or misses; found as
# written (case matters). Outlets named after a person in the news under the same word ("Bloomberg",
# "Forbes", "Drudge", "Fox") are left out: alone, the word is as often the person.
NEWS_OUTLET_NAMES = (
    "PolitiFact", "Politifact", "FactCheck.org", "Snopes", "Breitbart", "Breitbart News", "Politico", "POLITICO",
    "Gawker", "Infowars", "InfoWars", "Mediaite", "Raw Story", "Mother Jones", "Conservative Tribune",
    "Western Journal", "Yahoo News", "CNN", "MSNBC", "CNBC", "NPR", "PBS", "BBC", "Reuters", "Axios", "BuzzFeed",
    "BuzzFeed News", "HuffPost", "Huffington Post", "Daily Caller", "Daily Beast", "TheBlaze", "Daily Kos",
    "Talking Points Memo", "ThinkProgress", "Media Matters", "Twitchy", "Zero Hedge", "ZeroHedge", "Daily Wire",
    "Fox News", "Fox Business", "Newsweek", "Newsmax", "Drudge Report", "WikiLeaks", "Wikileaks",
)
# Outlets that are never a person but are not looked for in the text: common words ("Salon", "Slate")
# or names also written in other senses ("Yahoo").
NEWS_OUTLETS = frozenset({name.lower() for name in NEWS_OUTLET_NAMES} | {"salon", "slate", "vox", "yahoo"})


def is_news_outlet(name: str) -> bool:
    """True for a news outlet's or fact-checker's name ("Politifact", "Breitbart’s", "The Daily Caller"),
    possessive or not."""
    return listed_form(name).removeprefix("the ") in NEWS_OUTLETS


def find_news_outlets(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every whole-word mention of a news outlet in ``text``, the longest name where
    two start together ("BuzzFeed News", not "BuzzFeed")."""
    found: list[tuple[int, int]] = []
    for start, end, _ in find_aliases(text, NEWS_OUTLET_NAMES):
        if not found or start >= found[-1][1]:
            found.append((start, end))
    return found


def find_platforms(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every whole-word mention of a social platform in ``text``."""
    return sorted((p, p + len(name)) for name in PLATFORM_NAMES for p in occurrences(text, name) if is_word_at(text, p, p + len(name)))


def parse_titles(text: str) -> frozenset[str]:
    """Person titles from a title list's text (one a line, ``#`` comments), without trailing periods."""
    return frozenset(" ".join(word.rstrip(".") for word in entry.split()) for entry in list_entries(text))


# The shipped titles (``pipeline/data/titles.txt``); the entities component can be given others.
TITLES = parse_titles(list_text("titles.txt"))


@lru_cache(maxsize=8)
def title_lengths(known: frozenset[str]) -> tuple[int, ...]:
    """Word counts of the titles, longest first (multi-word titles are tried before their parts)."""
    return tuple(sorted({len(t.split()) for t in known}, reverse=True))


def leading_title_words(words: list[str], known: frozenset[str] = TITLES) -> int:
    """How many leading words of a person mention are titles ("U.S. Attorney General Jeff Sessions" → 3)."""
    lengths = title_lengths(known)
    count = 0
    while count < len(words) - 1:
        for n in lengths:
            candidate = " ".join(w.rstrip(".") for w in words[count:count + n])
            if count + n < len(words) and candidate in known:
                count += n
                break
        else:
            return count
    return count


# Titles written only before a person's name; "Sen.", "Rep." and "Gov." only with their period.
COURTESY_TITLES = frozenset({"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Mx", "Mx.", "Dr", "Dr.", "Prof.", "Sir", "Dame",
                             "Lord", "Lady", "Baroness", "Sen.", "Rep.", "Gov."})
# The gender a courtesy title tells ("Mrs. Clinton" is not Bill Clinton).
TITLE_GENDERS = {**dict.fromkeys(("Mr", "Mr.", "Sir", "Lord"), "male"),
                 **dict.fromkeys(("Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dame", "Lady", "Baroness"), "female")}
# A courtesy title and a word that make a brand or a title, not a person.
NOT_PEOPLE = frozenset({"Dr Pepper", "Dr Martens", "Dr Who", "Mr Men", "Lord Chancellor", "Lady Chapel", "Sir Galahad"})
NAME_WORD = re.compile(r"[A-Z][A-Za-z]*(?:['’-][A-Za-z]+)*\.?")


def is_name_word(word: str) -> bool:
    """True for a capitalized word of a name ("Doherty", "Kilroy-Silk", "O'Neil"), not a word in capitals."""
    return NAME_WORD.fullmatch(word) is not None and not (len(word) > 1 and word.isupper())


# Names whose "'s" is their own, not a possessive ("Moody's", "Sotheby's").
NAMES_WITH_POSSESSIVE = frozenset({
    "Moody's", "McDonald's", "Sotheby's", "Christie's", "Macy's", "Kellogg's", "Sainsbury's", "Dillard's",
    "Wendy's", "Lloyd's", "Domino's", "Standard & Poor's", "Hardee's", "Denny's", "Applebee's", "Ben & Jerry's",
    "Levi's", "Kohl's", "Lowe's", "Trader Joe's", "Walgreen's", "Hershey's", "Campbell's", "Dick's", "Carl's Jr.",
})


def is_name_with_possessive(text: str) -> bool:
    """True for a name whose "'s" is its own ("Moody's", "Sotheby’s"), with or without "the"."""
    name = text.replace("’", "'")
    return (name[4:] if name[:4] in {"the ", "The "} else name) in NAMES_WITH_POSSESSIVE


def strip_possessive(text: str) -> str:
    """Drop a trailing possessive ("Donald Trump's" → "Donald Trump", "Sessions'" → "Sessions"),
    not the "'s" of a name ("Moody's")."""
    return text if is_name_with_possessive(text) else POSSESSIVE.sub("", text)


def canonical_form(text: str, label: str, titles: frozenset[str] = TITLES) -> str:
    """The mention's own clean name: no leading "the", possessive, or (for people) title."""
    name = strip_possessive(" ".join(text.split()))
    if name[:4] in {"the ", "The "}:
        name = name[4:]
    if label == "PERSON":
        words = name.split(" ")
        name = " ".join(words[leading_title_words(words, titles):])
    return name


def compact(acronym: str) -> str:
    """An acronym without dots ("U.S." → "US")."""
    return acronym.replace(".", "")


def is_acronym(name: str) -> bool:
    """True for all-capital short names like NOPD, ICE, U.S., FBI."""
    letters = compact(name)
    return 2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha() and " " not in name


def initials(name: str) -> set[str]:
    """Acronyms a multi-word name can go by, with and without its small words ("DOJ", "DJ")."""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    if len(words) < 2:
        return set()
    with_small = "".join(w[0].upper() for w in words if w[0].isalpha())
    without_small = "".join(w[0] for w in words if w[0].isupper() and w.lower() not in ACRONYM_SKIPPED)
    stripped = name
    for prefix in COUNTRY_PREFIXES:
        if stripped.startswith(prefix):
            stripped = stripped[len(prefix):]
    found = {with_small, without_small}
    if stripped != name:
        found |= initials(stripped)
    return {a for a in found if len(a) >= 2}


def org_key(name: str) -> str:
    """A key equal for reorderings of an organization's name ("Justice Department" = "Department of Justice")."""
    for prefix in COUNTRY_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix):]
    match = REORDERED_ORG.match(name) or HEAD_LAST_ORG.match(name)
    if match:
        return f"{match.group('head').lower()}:{match.group('core').lower()}"
    return name.lower()


def org_core(name: str) -> str | None:
    """The distinctive part of a department-style name ("Homeland Security"), if it has one."""
    key = org_key(name)
    return key.split(":", 1)[1] if ":" in key else None


@dataclass
class Mention:
    """A clusterable mention: its label, clean name and position (for nearest-antecedent choice);
    ``titled`` when a courtesy title says it is a person ("Mr Doherty")."""

    start: int
    label: str
    name: str
    acronym_defined: str | None = None
    titled: bool = False
    # A one-word GPE the article never writes after "in", "at", "from" or "near": may be a surname.
    unplaced: bool = False
    # The gender its courtesy title tells ("Mrs. Clinton": female), if any.
    gender: str | None = None
    # It opens its sentence, as a subject does ("Homeland Security Secretary Jeh Johnson says …").
    opens_sentence: bool = False

    @property
    def weight(self) -> int:
        """Its words, for the label vote: a titled name counts as a full name."""
        words = len(self.name.split())
        return max(words, 2) if self.titled else words


class UnionFind:
    """Disjoint sets over mention indexes."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def defined_acronym(text: str, name: str, end: int) -> str | None:
    """The acronym defined in parentheses right after ``name`` ending at ``end`` ("… (ICE)"); it starts
    with the name's first letter, so a dateline's agency ("Washington (CNN)") defines nothing."""
    match = ACRONYM_DEFINITION.match(text, end)
    if match and is_acronym(match.group("acronym")) and match.group("acronym")[0] == name[:1].upper():
        return match.group("acronym")
    return None


def link_mentions(mentions: list[Mention], gender_of: Callable[[str], str | None] = lambda name: None,
                  paragraph_starts: Sequence[int] = ()) -> list[int]:
    """A cluster root per mention: same name, surname of a full name, acronym, or reordered name.

    A bare surname goes with the full name of that surname nearest before it (else the first after it),
    unless that name is neither in its paragraph (by ``paragraph_starts``, sorted offsets; none: the
    text is one paragraph) nor opening a sentence of the paragraph before (``opens_sentence``) and the
    article names another person of that surname more often (:func:`named_counts`): after "Ted Cruz",
    "Sen. Ted Cruz" and, a paragraph earlier, "a photo of Heidi Cruz", "Cruz said" is Ted Cruz. One
    whose courtesy title tells a gender looks only at the full names that ``gender_of`` (the gender its
    given name tells) does not contradict ("Mrs. Clinton" beside "Bill Clinton" and "Hillary Clinton"),
    and with none goes with the article's other bare mentions of that surname and gender."""
    uf = UnionFind(len(mentions))
    titled_surnames: dict[tuple[str, str], int] = {}
    by_key: dict[str, int] = {}
    # Full person names (two words or more) by surname and by first and last word, sorted by position below.
    full_by_surname: dict[str, list[int]] = {}
    full_by_ends: dict[tuple[str, str], list[int]] = {}
    # Those a courtesy title's gender does not contradict, by surname and that gender.
    full_by_surname_and_gender: dict[tuple[str, str], list[int]] = {}
    acronyms: dict[str, int] = {}
    cores: dict[str, int] = {}
    # Courtesy-titled bare surnames ("Mrs. Clinton") by surname and the gender the title tells.
    titled_genders: dict[str, Counter] = {}
    named_counts_of: dict[tuple[str, str | None], tuple[dict, int]] = {}  # by surname and courtesy-title gender
    surnames = {m.name.split()[-1] for m in mentions if m.label == "PERSON" and len(m.name.split()) >= 2}
    lone_people = {m.name for m in mentions if m.label == "PERSON" and len(m.name.split()) == 1}
    # A lone place name is a surname only when the article also has it alone as a person ("Davenport"
    # GPE three times, PERSON once, beside "Lindsay Davenport") or never writes it as a place ("in
    # Davenport"); "Washington" beside "George Washington" stays a place.
    surname_labels = {"PERSON", "ORG", "NORP"}  # NORP mentions here are surnames (entities.is_surname_as_noun)

    def may_be_surname(m: Mention) -> bool:
        return m.label in surname_labels or (m.label == "GPE" and (m.name in lone_people or m.unplaced))

    for i, m in enumerate(mentions):
        if m.name in surnames and may_be_surname(m):
            if m.gender:
                titled_genders.setdefault(m.name, Counter())[m.gender] += 1
            continue  # a bare surname goes with its nearest full name below, not with every namesake
        key = org_key(m.name) if m.label != "PERSON" else without_accents(m.name.lower())
        key = compact(key) if is_acronym(m.name) else key
        if key in by_key:
            uf.union(by_key[key], i)
        else:
            by_key[key] = i
        words = m.name.split()
        if m.label == "PERSON" and len(words) >= 2:
            full_by_surname.setdefault(words[-1], []).append(i)
            full_by_ends.setdefault((words[0], words[-1]), []).append(i)
            gender = gender_of(m.name)
            for title_gender in ("male", "female"):
                if gender in (None, title_gender):
                    full_by_surname_and_gender.setdefault((words[-1], title_gender), []).append(i)
        if m.label in {"ORG", "GPE"} and len(m.name.split()) >= 2:
            for acronym in initials(m.name):
                acronyms.setdefault(acronym, i)
            core = org_core(m.name)
            if core:
                cores.setdefault(core, i)
        if m.acronym_defined:
            acronyms[compact(m.acronym_defined)] = i
    for fitting in (*full_by_surname.values(), *full_by_ends.values(), *full_by_surname_and_gender.values()):
        fitting.sort(key=lambda j: mentions[j].start)  # rule-found spans come before the model's
    for i, m in enumerate(mentions):
        words = m.name.split()
        if len(words) == 1 and may_be_surname(m):
            fitting = full_by_surname_and_gender.get((m.name, m.gender), []) if m.gender else full_by_surname.get(m.name, [])
            antecedent = nearest_full_name(mentions, fitting, i)
            if antecedent is not None and not is_recent_namesake(mentions[antecedent], m, paragraph_starts):
                if (m.name, m.gender) not in named_counts_of:
                    named_counts_of[m.name, m.gender] = named_counts(mentions, fitting, titled_genders.get(m.name, Counter()), gender_of)
                counts, most = named_counts_of[m.name, m.gender]
                if counts[person_of(mentions[most])] > counts[person_of(mentions[antecedent])]:
                    antecedent = most
            if antecedent is not None:
                uf.union(antecedent, i)
                continue
            if m.gender:
                uf.union(titled_surnames.setdefault((m.name, m.gender), i), i)
                continue
        if m.label == "PERSON" and len(words) >= 3:
            antecedent = nearest_full_name(mentions, full_by_ends.get((words[0], words[-1]), []), i)
            if antecedent is not None:
                uf.union(antecedent, i)
        if is_acronym(m.name) and compact(m.name) in acronyms:
            uf.union(acronyms[compact(m.name)], i)
        if m.label == "ORG" and m.name.lower() in cores:
            uf.union(cores[m.name.lower()], i)
    return [uf.find(i) for i in range(len(mentions))]


LOCATIVE = re.compile(r"\b(?:in|at|from|near|In|At|From|Near) ([A-Z][A-Za-z]*(?:['’-][A-Za-z]+)*)")


def placed_words(text: str) -> set[str]:
    """Capitalized words the text writes after "in", "at", "from" or "near" ("in Dallas" → "Dallas")."""
    return {match.group(1) for match in LOCATIVE.finditer(text)}


def is_recent_namesake(full: Mention, bare: Mention, paragraph_starts: Sequence[int]) -> bool:
    """True when the full name comes before the bare surname in its paragraph, or opens a sentence of
    the paragraph before (``paragraph_starts``: sorted offsets)."""
    if full.start >= bare.start:
        return False
    paragraphs_apart = bisect_right(paragraph_starts, bare.start) - bisect_right(paragraph_starts, full.start)
    return paragraphs_apart == 0 or (paragraphs_apart == 1 and full.opens_sentence)


def person_of(mention: Mention) -> tuple[str, str]:
    """A full name's person: its first and last word, without accents ("Donald J. Trump" is "Donald
    Trump", "François Hollande" is "Francois Hollande")."""
    words = without_accents(mention.name).split()
    return words[0], words[-1]


def without_accents(text: str) -> str:
    """``text`` without its accents ("François" → "Francois"): a name is written both ways."""
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


def named_counts(mentions: list[Mention], fitting: list[int], titled_genders: Counter,
                 gender_of: Callable[[str], str | None]) -> tuple[dict[tuple[str, str], int], int]:
    """How often the article names each person of ``fitting`` (full names of one surname, in text
    order), and the first full name of the one named most often (of two named as often, the one named
    first: the article's subject comes first). A courtesy-titled bare surname counts for the people its
    gender fits (``titled_genders``: such mentions by gender; ``gender_of``: a name's gender by its
    given name), so "Mrs. Clinton" named ten times makes Hillary Clinton the article's Clinton."""
    counts: dict[tuple[str, str], int] = {}
    first: dict[tuple[str, str], int] = {}
    for j in fitting:
        person = person_of(mentions[j])
        if person not in counts:
            first[person] = j
            gender = gender_of(mentions[j].name)
            counts[person] = titled_genders[gender] if gender else 0
        counts[person] += 1
    most = max(counts, key=lambda person: (counts[person], -mentions[first[person]].start))
    return counts, first[most]


def nearest_full_name(mentions: list[Mention], fitting: list[int], i: int) -> int | None:
    """The closest preceding (else the first following) of ``fitting`` (indexes of the full person names
    that fit mention ``i``, in text order) other than ``i`` itself, or None. A binary search: an article
    that names one person a thousand times would otherwise compare every mention with every full name."""
    after = bisect_right(fitting, mentions[i].start, key=lambda j: mentions[j].start)
    # ``i`` appears at most once, so two places on either side of the cut are enough.
    before = [j for j in fitting[max(0, after - 2) : after] if j != i]
    if before:
        return before[-1]
    return next((j for j in fitting[: after + 2] if j != i), None)


def vote_label(labels_and_words: list[tuple[str, int]]) -> tuple[str, bool]:
    """The majority label of a cluster's mentions, given as (label, words in the name), and
    whether it won outright.

    Multi-word mentions outvote single words when there are any (the model is surer of "Donald
    Trump" than of a bare "Trump"); ties go to PERSON, then ORG, then GPE. A label wins outright
    with at least twice the votes of the next: a narrow majority ("BT" 7 × GPE, 6 × ORG) is the
    model hesitating, and each mention keeps its own label.
    """
    longest = max(words for _, words in labels_and_words)
    totals: dict[str, int] = {}
    for label, words in labels_and_words:
        if words > 1 or longest <= 1:
            totals[label] = totals.get(label, 0) + 1
    order = {"PERSON": 0, "ORG": 1, "GPE": 2}
    ranked = sorted(totals, key=lambda label: (-totals[label], order.get(label, 3)))
    outright = len(ranked) == 1 or totals[ranked[0]] >= 2 * totals[ranked[1]]
    return ranked[0], outright


def best_name(names: list[str], label: str) -> str:
    """A cluster's canonical name: its fullest proper name (most words, then longest; acronyms last)."""
    return max(names, key=lambda n: (not is_acronym(n), not n.isupper(), len(n.split()), len(n), -names.index(n)))


MONTHS_AND_DAYS = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)


def cluster_aliases(names_by_cluster: dict[str, tuple[str, list[str]]], is_common_word,
                    titles: frozenset[str] = TITLES) -> dict[str, str]:
    """Names that point to one cluster only: full names, surnames, acronyms, names said twice.

    ``names_by_cluster`` maps a cluster id to (label, member names). Single words for which
    ``is_common_word`` is true (a word the article also uses in lower case, say), months, days
    and titles are left out.
    """
    aliases: dict[str, set[str]] = {}
    for cluster, (label, names) in names_by_cluster.items():
        said = Counter(names)
        forms = {n for n in said if len(n.split()) > 1 or is_acronym(n) or said[n] > 1}
        if label == "PERSON":
            forms |= {n.split()[-1] for n in names if len(n.split()) >= 2}
        if label == "ORG":
            forms |= {a for n in names for a in initials(n) if len(a) >= 3}
        for form in forms:
            if " " not in form and (
                len(form) < 2 or not form[0].isupper() or form in MONTHS_AND_DAYS or form in titles or is_common_word(form)
            ):
                continue
            aliases.setdefault(form, set()).add(cluster)
    return {form: next(iter(clusters)) for form, clusters in aliases.items() if len(clusters) == 1}


def is_word_at(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is not part of a longer word (or of "U.S.", "Jean-Luc", "O'Neil")."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in ".-'’_") and not (after.isalnum() or after in "-_")


def contains_word(text: str, word: str) -> bool:
    """True when ``word`` occurs in ``text`` as a whole word."""
    return any(is_word_at(text, position, position + len(word)) for position in occurrences(text, word))


def find_aliases(text: str, aliases) -> list[tuple[int, int, str]]:
    """Whole-word occurrences ``(start, end, alias)`` of ``aliases``, by start, longer first."""
    hits = [(position, position + len(alias), alias) for alias in aliases for position in occurrences(text, alias)
            if is_word_at(text, position, position + len(alias))]
    return sorted(hits, key=lambda hit: (hit[0], hit[0] - hit[1]))


def find_entity(entities: list[dict], start: int, end: int) -> dict | None:
    """The entity item covering or overlapping the character span [start, end), preferring PERSON/ORG."""
    best, best_rank = None, None
    for entity in entities:
        overlap = min(end, entity["end"]) - max(start, entity["start"])
        if overlap <= 0:
            continue
        rank = (entity["label"] in {"PERSON", "ORG"}, entity["label"] in CLUSTERED_LABELS, overlap)
        if best_rank is None or rank > best_rank:
            best, best_rank = entity, rank
    return best
