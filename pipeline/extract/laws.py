"""Statutes, codes, bills, acts, constitutional provisions, resolutions and court cases, as news writes them.

Each way of writing a law is one :class:`LawRule` in :data:`RULES`: its regex, the literals that
anchor it (the regex only runs near them), and its normalizer. :func:`find_laws` returns
:class:`LawMatch` items (character offsets plus the record's ``normalized`` object ``{"kind",
"citation", "title", "section", "subsection", "name"}``). Citations are written one canonical way,
e.g. ``8 U.S.C. § 1373(a)``, ``8 C.F.R. § 287.7``, ``Pub. L. No. 115-97``, ``Executive Order
13768``, ``H.R. 3004``, ``Civil Rights Act of 1964``, ``U.S. Const. amend. V``, ``Resolution 678``,
``425 U.S. 308`` (kind ``case_citation``).

Every regex runs in linear time: no nested quantifiers that can match the same text two ways, and
every repetition that could run long is bounded.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from pipeline.extract.textscan import finditer_near
from pipeline.extract.wordlists import list_entries, list_text

ROMAN = r"[IVXLC]+"
SECTION_NUMBER = r"\d+[A-Za-z]?(?:[.:\-–]\d+[A-Za-z]?)*"
SUBSECTIONS = r"(?:\([A-Za-z0-9]{1,4}\))*"
SECTION_SIGN = r"(?:§§?|[Ss]ec(?:tion|s?\.)|[Ss]ections)"

# A word of a proper name: an initialism with dots, or a capitalized (possibly hyphenated) word.
NAME_WORD = r"(?!(?:Act|Code|Treaty|Bill|Charter|Amendment|Clause|Constitution)\b)(?:(?:[A-Z]\.){2,}|[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)"
NAME_CONNECTOR = r"(?:of|and|the|for|on|to|in|&|de)"
PROPER_NAME = rf"{NAME_WORD}(?:[ \t]+(?:{NAME_CONNECTOR}[ \t]+)*{NAME_WORD})*"

# Words that can start a capitalized run but never start a law's name.
LEADING_NON_NAME = frozenset(
    "The A An In Under Of By To For And On At With From If As That This These Those His Her Their "
    "Our Its But When While After Before Since Although Because Unlike Like Both Either Neither "
    "Amending Repealing Passing Signing Repeal Amend Pass Sign Violating Enforce Current "
    "Former Proposed Landmark Controversial Existing Senate House Congress Parliament Regarding About "
    "President Mr Mrs Ms Dr Sen Rep Gov".split()
)

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22,
    "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26,
    "twenty-seventh": 27,
}
# "Fourteenth", "Twenty-first" and "Twenty-First".
ORDINAL_WORD = "|".join(
    sorted({w.capitalize() for w in ORDINAL_WORDS} | {"-".join(p.capitalize() for p in w.split("-")) for w in ORDINAL_WORDS}, key=len, reverse=True)
)

US_STATE_ABBREVIATIONS = (
    r"Ala|Alaska|Ariz|Ark|Cal|Calif|Colo|Conn|Del|D\.C|Fla|Ga|Haw|Idaho|Ill|Ind|Iowa|Kan|Ky|La|Me|Md|"
    r"Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|N\.H|N\.J|N\.M|N\.Y|N\.C|N\.D|Ohio|Okla|Or|Ore|Pa|R\.I|"
    r"S\.C|S\.D|Tenn|Tex|Utah|Vt|Va|Wash|W\.Va|Wis|Wyo"
)

US_CODE_NAME = r"(?:U\.\s?S\.|US|United\s+States)\s+Code"


# "Critics of the Patriot Act", "Parts of the Voting Rights Act": a plural noun, then the law.
PLURAL_OF_PREFIX = re.compile(r"^[A-Z][a-z]+s (?:of|in|for) (?:the )?")

# "Section 287(g) of", "Title VII of", "Article 50 of", "Chapter 7 of" before a named law.
PART_OF_PREFIX = re.compile(
    rf"(?:\b(?:[Ss]ection|[Ss]ec\.|§)\s*(?P<section>{SECTION_NUMBER})(?P<subsection>{SUBSECTIONS})"
    rf"|\b(?P<head>Title|Article|Chapter|Part|title|article|chapter|part)\s+(?P<number>{ROMAN}|\d{{1,3}}[A-Za-z]?))"
    rf",?\s+of\s+(?:the\s+)?$"
)
PART_PREFIX_WINDOW = 50
# The same prefix caught inside a capitalized run ("Title VII of the Civil Rights Act").
INNER_PART_PREFIX = re.compile(rf"(?:Title|Article|Chapter|Part|Section)\s+(?:{ROMAN}|\d+[A-Za-z]?),?\s+of\s+(?:the\s+)?")

# Named heads only a whole phrase makes a law ("Code" alone is a word, "the Da Vinci Code" a novel).
NOT_LAW_NAMES = frozenset({"Da Vinci", "Morse", "Zip", "ZIP", "Area", "Dress", "Bar", "Source", "Genetic", "QR", "Constitutional", "Santa", "Kill"})
# First words of award categories and idioms that end in "Act" ("Best Dance Act", "Balancing Act").
NOT_LAW_FIRST_WORDS = frozenset(
    "Best Double Solo Live Opening Support Supporting Headline Tribute Balancing Disappearing Vanishing "
    "Class Magic Circus Comedy Sister Final Next Novelty".split()
)
# A "Bill" preceded by one of these is a person's name ("President Bill").
BILL_NAME_BLOCKERS = frozenset(
    "President Sen Senator Rep Gov Governor Mayor Mr Dr Uncle Buffalo Wild Coach Judge Secretary Make Made Meet".split()
)
# "Bill" followed by a surname or a name particle is a first name ("Bill de Blasio", "Bill Gates").
BILL_AS_FIRST_NAME = re.compile(r"\s+(?:[A-Z]|(?:de|van|von|da|di|del|du|le|la|al|bin)\s)")
# `401(k)` is a retirement plan and `501(c)(3)` a tax status in news usage, not a citation.
BARE_SECTION_EXCLUDED = frozenset({"401(k)", "403(b)", "457(b)", "501(c)", "529(c)"})

# Court reporters: the Supreme Court's (U.S., S. Ct., L. Ed.) and the federal courts' (F., F. Supp., F. App'x).
REPORTER = (
    r"U\.\s?S\.(?!\s?C\b|\s?C\.)|S\.\s?Ct\.|L\.\s?Ed\.(?:\s?2d)?|F\.\s?Supp\.(?:\s?[23]d)?|F\.\s?App['’]x|F\.(?:\s?(?:2d|3d|4th))?"
)
# A party's name in a case caption: capitalized words joined by small words ("District of Columbia").
PARTY_WORD = r"[A-Z][A-Za-z'’.&-]*"
# A caption may end in an abbreviation's period ("U.S.", "Inc."), otherwise a final period ends the sentence.
CAPTION_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Inc|Co|Corp|Ltd|Bros|Assn|Dept)\.)$")
PARTY = rf"{PARTY_WORD}(?: (?:(?:of|the|and|for|de|ex rel\.) )*{PARTY_WORD}){{0,5}}"
# A title in quotation marks: a capital, then up to 160 characters without a quotation mark.
QUOTED_TITLE = r"(?P<open>[“\"])(?P<title>[A-Z][^\"“”\n]{3,160}?)[,.]?[”\"]"
# Words that say a quoted title is a law or a regulation, right after it or right before it.
LAW_WORDS = r"(?:laws?|rules?|regulations?|decrees?|ordinances?|statutes?|measures|provisions|directives?|bills?|acts?)"
SAYS_LAW_AFTER = re.compile(rf"\s*,?\s*(?:the\s+)?{LAW_WORDS}\b", re.IGNORECASE)
SAYS_LAW_BEFORE = re.compile(rf"\b{LAW_WORDS},?(?:\s+(?:called|titled|entitled|named|known\s+as))?\s*$", re.IGNORECASE)
# A title that names itself a law: a law word as one of its capitalized words ("Law on Cybersecurity").
TITLE_LAW_WORD = re.compile(r"\b(?:Law|Laws|Act|Code|Regulations?|Provisions|Measures|Rules|Decree|Ordinance|Directive|Statute)\b")
TITLE_SMALL_WORDS = frozenset("of on for the and to in a an with by at from concerning regarding".split())
# A title that opens as regulations do, in any case: "Temporary regulations on …", "Measures for …".
REGULATION_OPENING = re.compile(
    r"(?:\S+ ){0,2}(?:laws?|regulations?|provisions|measures|rules|decree|ordinance|directive|guidelines)"
    r" (?:on|for|of|concerning|regarding|governing)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LawMatch:
    """A law found in the text: character offsets and its ``normalized`` record object."""

    start: int
    end: int
    normalized: dict = field(compare=False)


@dataclass(frozen=True)
class LawRule:
    """One way of writing a law.

    ``pattern`` runs only near the ``anchors`` (literals every match contains), from ``before``
    characters ahead of an anchor to ``after`` characters past it. ``normalize`` turns a match into
    a :class:`LawMatch` (None rejects it). With ``part_prefix``, a "Section 287(g) of the" /
    "Title VII of the" written before the match joins it.
    """

    name: str
    pattern: re.Pattern
    anchors: tuple[str, ...]
    before: int
    after: int
    normalize: Callable[[re.Match], LawMatch | None]
    part_prefix: bool = False


def law_normalized(kind: str, citation: str, title=None, section=None, subsection=None, name=None) -> dict:
    """The record's ``normalized`` object for a LAW entity."""
    return {
        "kind": kind,
        "citation": citation,
        "title": title,
        "section": section,
        "subsection": subsection or None,
        "name": name,
    }


def squash(text: str) -> str:
    """Collapse runs of whitespace to one space."""
    return " ".join(text.split())


def clean_section(section: str) -> str:
    """A section number without inner spaces, with an ASCII hyphen for ranges."""
    return re.sub(r"\s*[-–]\s*", "-", section.strip())


def usc_citation(title: str, section: str | None, subsection: str | None, ranged: bool = False) -> str:
    """``8 U.S.C. § 1373(a)``; ``42 U.S.C. §§ 1981-1983`` for ranges; ``8 U.S.C.`` for a whole title."""
    if not section:
        return f"{title} U.S.C."
    sign = "§§" if ranged or "-" in section else "§"
    return f"{title} U.S.C. {sign} {section}{subsection or ''}"


def strip_leading_non_name(text: str) -> tuple[str, int]:
    """Drop leading words that cannot start a law's name; return the rest and the chars dropped."""
    words = text.split(" ")
    dropped = 0
    plural_of = PLURAL_OF_PREFIX.match(text)
    if plural_of and plural_of.end() < len(text):
        words, dropped = text[plural_of.end():].split(" "), plural_of.end()
    while len(words) > 1 and (words[0] in LEADING_NON_NAME or words[0].lower() in {"of", "and", "the", "for", "on", "to", "in", "&", "de"}):
        dropped += len(words[0]) + 1
        words = words[1:]
    return " ".join(words), dropped


def to_roman(number: int) -> str:
    """Roman numeral of a small positive integer (constitutional amendments)."""
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, letters in numerals:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


# The normalizers, one per rule (or family of rules).


def named_law(m: re.Match) -> LawMatch | None:
    """A named act/code/treaty/bill/amendment/clause, or None when the capitalized run is not a law's name."""
    raw_name = m.group("name")
    name, dropped = strip_leading_non_name(raw_name)
    joined = name.rfind(" and the ")
    if joined != -1:  # "the First Amendment and the Administrative Procedure Act": the last law only
        name, dropped = name[joined + len(" and the "):], dropped + joined + len(" and the ")
    part = INNER_PART_PREFIX.match(name)
    if part:
        name, dropped = name[part.end():], dropped + part.end()
    head = m.group("head")
    if name in LEADING_NON_NAME or name in NOT_LAW_NAMES or name.split(" ")[0] in NOT_LAW_FIRST_WORDS:
        return None
    if head == "Amendment" and name.split(" ")[-1].lower() in ORDINAL_WORDS:
        return None  # "Fifth Amendment": the amendment rule's
    if head == "Bill":
        following = m.string[m.end("head"):m.end("head") + 6]
        if BILL_AS_FIRST_NAME.match(following) or name.split(" ")[-1].rstrip(".") in BILL_NAME_BLOCKERS or len(name.split()) > 6:
            return None
    if len(name.split()) > 12:
        return None
    full = f"{name} {head}"
    year = m.group("year")
    if year:
        year_digits = year.strip(" ,\t")[-4:]
        full = f"{full} of {year_digits}" if "of" in year else f"{full} {year_digits}"
    kind = "act" if head in {"Act", "Bill"} else head.lower()
    if re.fullmatch(US_CODE_NAME, f"{name} {head}".replace("  ", " ")):
        return LawMatch(m.start("name") + dropped, m.end(), law_normalized("usc", "U.S.C.", name="United States Code"))
    return LawMatch(m.start("name") + dropped, m.end(), law_normalized(kind, squash(full), name=squash(full)))


def usc_law(m: re.Match) -> LawMatch:
    g = m.groupdict()
    section = clean_section(g["section"]) if g.get("section") else None
    subsection = g.get("subsection") or None
    citation = usc_citation(g["title"], section, subsection, g.get("sign") == "§§")
    return LawMatch(m.start(), m.end(), law_normalized("usc", citation, g["title"], section, subsection, "United States Code"))


def cfr_law(m: re.Match) -> LawMatch:
    g = m.groupdict()
    citation = f"{g['title']} C.F.R. § {g['section']}{g['subsection'] or ''}"
    return LawMatch(m.start(), m.end(), law_normalized("cfr", citation, g["title"], g["section"], g["subsection"], "Code of Federal Regulations"))


def public_law(m: re.Match) -> LawMatch:
    number = f"{m['congress']}-{m['number']}"
    return LawMatch(m.start(), m.end(), law_normalized("public_law", f"Pub. L. No. {number}", section=number))


def volume_page_law(kind: str, reporter: str) -> Callable[[re.Match], LawMatch]:
    """The normalizer of a ``volume reporter page`` citation (Statutes at Large, Federal Register)."""

    def normalize(m: re.Match) -> LawMatch:
        page = m["page"].replace(",", "")
        return LawMatch(m.start(), m.end(), law_normalized(kind, f"{m['volume']} {reporter} {page}", m["volume"], page))

    return normalize


def executive_order_law(m: re.Match) -> LawMatch:
    return LawMatch(m.start(), m.end(), law_normalized("executive_order", f"Executive Order {m['number']}", section=m["number"]))


def resolution_law(m: re.Match) -> LawMatch:
    return LawMatch(m.start(), m.end(), law_normalized("resolution", f"Resolution {m['number']}", section=m["number"]))


def bill_law(kind: str) -> Callable[[re.Match], LawMatch]:
    """The normalizer of a numbered bill or ballot measure ("H.R. 3004", "SB 54", "Proposition 8")."""

    def normalize(m: re.Match) -> LawMatch:
        chamber = re.sub(r"\s+", "", m["chamber"]) if "." in m["chamber"] or m["chamber"] == "HR" else squash(m["chamber"])
        chamber = "H.R." if chamber == "HR" else chamber
        return LawMatch(m.start(), m.end(), law_normalized(kind, f"{chamber} {m['number']}", section=m["number"]))

    return normalize


def state_code_law(m: re.Match) -> LawMatch:
    g = m.groupdict()
    code, section, state = squash(g["code"]), g["section"], squash(g["state"])
    sign = "" if re.search(r"R\.\s?S\.|Stat", code) and "§" not in m.group(0) else "§ "
    citation = f"{state} {code} {sign}{section}{g['subsection'] or ''}"
    return LawMatch(m.start(), m.end(), law_normalized("state_code", citation, section=section, subsection=g["subsection"], name=f"{state} {code}"))


def code_section_law(m: re.Match) -> LawMatch | None:
    code, section, subsection = squash(m["code"]), m["section"], m["subsection"] or ""
    if code.split(" ")[0] in LEADING_NON_NAME:
        return None
    return LawMatch(m.start(), m.end(), law_normalized("code", f"{code} § {section}{subsection}", section=section, subsection=subsection, name=code))


def known_name_law(m: re.Match) -> LawMatch:
    name = squash(m.group(0))
    return LawMatch(m.start(), m.end(), law_normalized("act", name, name=name))


def amendment_law(m: re.Match) -> LawMatch:
    if m["ordinal"]:
        ordinal = m["ordinal"].lower()
        number = ORDINAL_WORDS.get(ordinal) or int(re.match(r"\d+", ordinal).group())
        name = f"{[w for w, n in ORDINAL_WORDS.items() if n == number][0].title() if number <= 27 else ordinal} Amendment"
        return LawMatch(m.start(), m.end(), law_normalized("amendment", f"U.S. Const. amend. {to_roman(number)}", section=str(number), name=name))
    return LawMatch(m.start(), m.end(), law_normalized("amendment", f"Amendment {m['number']}", section=m["number"], name=f"Amendment {m['number']}"))


def constitution_law(m: re.Match) -> LawMatch:
    owner = (m["owner"] or "").strip()
    start = m.start()
    if owner in LEADING_NON_NAME and owner != "Federal":
        start, owner = m.start("owner") + len(m["owner"]), ""
    if owner in {"U.S.", "US", "United States", "American", "Federal", ""} or "United States" in m.group(0):
        citation = "U.S. Const."
    else:
        citation = f"{owner} Const."
    return LawMatch(start, m.end(), law_normalized("constitution", citation, name=squash(m.string[start:m.end()])))


def possessive_law(not_laws: frozenset[str]) -> Callable[[re.Match], LawMatch | None]:
    """The normalizer of "X's Law", rejecting the names in ``not_laws`` (adages: "Godwin's Law")."""

    def normalize(m: re.Match) -> LawMatch | None:
        name = f"{m['name']} Law"
        if name.lower() in not_laws:
            return None
        return LawMatch(m.start(), m.end(), law_normalized("act", name, name=name))

    return normalize


def treaty_of_law(m: re.Match) -> LawMatch:
    name = squash(m.group(0))
    return LawMatch(m.start(), m.end(), law_normalized("treaty", name, name=name))


def bare_subsection_law(m: re.Match) -> LawMatch | None:
    if m.group(0) in BARE_SECTION_EXCLUDED or f"{m['section']}{m['subsection'][:3]}" in BARE_SECTION_EXCLUDED:
        return None
    return section_law(m)


def section_law(m: re.Match) -> LawMatch:
    citation = f"§ {m['section']}{m['subsection'] or ''}"
    return LawMatch(m.start(), m.end(), law_normalized("section", citation, section=m["section"], subsection=m["subsection"]))


def title_or_article_law(m: re.Match) -> LawMatch:
    head, number = m["head"], m["number"]
    return LawMatch(m.start(), m.end(), law_normalized(head.lower(), f"{head} {number}", title=number if head == "Title" else None, section=number if head == "Article" else None))


def case_citation_law(m: re.Match) -> LawMatch:
    reporter = squash(m["reporter"]).replace("U. S.", "U.S.")
    citation = f"{m['volume']} {reporter} {m['page']}"
    return LawMatch(m.start(), m.end(), law_normalized("case_citation", citation, title=m["volume"], section=m["page"], name=reporter))


def case_name_law(m: re.Match) -> LawMatch | None:
    left, dropped = strip_leading_non_name(m["left"])
    if left in LEADING_NON_NAME:
        return None
    right, end = m["right"], m.end()
    if right.endswith(".") and not CAPTION_ABBREVIATION.search(right):
        right, end = right[:-1], end - 1  # the sentence's period
    start = m.start("left") + dropped
    name = f"{left} v. {right}"
    return LawMatch(start, end, law_normalized("case", name, name=name))


def quoted_law(m: re.Match) -> LawMatch | None:
    """A law or regulation named in quotation marks: a title that opens as regulations do ("Temporary
    regulations on …"), or a Title-Case title that has a law word or that the words around it call a
    law, a rule or a regulation. Quoted speech is not a title."""
    title = m["title"].rstrip(" ,.")
    words = title.split()
    if len(words) < 2 or len(words) > 25 or ". " in title or title[-1] in "?!":
        return None
    text = m.string
    says_law = SAYS_LAW_AFTER.match(text, m.end(), min(len(text), m.end() + 30)) or SAYS_LAW_BEFORE.search(text, max(0, m.start() - 40), m.start())
    title_case = all(w[0].isupper() or w in TITLE_SMALL_WORDS for w in words)
    if not (REGULATION_OPENING.match(title) or (title_case and (says_law or TITLE_LAW_WORD.search(title)))):
        return None  # quoted speech, or a title the sentence does not call a law
    start = m.start("title")
    kind = "regulation" if re.search(r"(?i)regulation|rule|measure|provision|decree|ordinance|directive", title + text[m.end():m.end() + 30]) else "act"
    return LawMatch(start, start + len(title), law_normalized(kind, title, name=title))


def parse_known_law_names(text: str) -> tuple[str, ...]:
    """Law names found wherever written ("Obamacare") from a law list's text (one a line, ``#`` comments)."""
    return tuple(list_entries(text))


def parse_not_laws(text: str) -> frozenset[str]:
    """Names the model tags LAW that are no statute, lower-cased, from a list's text (one a line, ``#`` comments)."""
    return frozenset(entry.lower() for entry in list_entries(text))


# The shipped lists (``pipeline/data/laws.txt``, ``not_laws.txt``); the entities component can be given others.
KNOWN_LAW_NAMES = parse_known_law_names(list_text("laws.txt"))
# What the model tags LAW that is no statute: religious texts, legal systems, adages, adjectives.
NOT_LAWS = parse_not_laws(list_text("not_laws.txt"))


def known_names_pattern(known_names: tuple[str, ...]) -> str:
    """A regex for any of ``known_names`` as a whole word, longest first."""
    return rf"\b(?:{'|'.join(re.escape(n) for n in sorted(known_names, key=len, reverse=True))})(?![\w-])"


def rule(name, pattern, anchors, before, after, normalize, part_prefix=False) -> LawRule:
    return LawRule(name, re.compile(pattern), tuple(anchors), before, after, normalize, part_prefix)


RULES: tuple[LawRule, ...] = (
    rule(
        "usc",
        rf"\b(?P<title>\d{{1,2}})\s*U\.?\s?S\.?\s?C\.?(?:\s?A\.?)?(?![A-Za-z])\s*(?P<sign>§§?)?\s*"
        rf"(?P<section>\d+[a-z]?(?:\s?[-–]\s?\d+[a-z]?)?)(?P<subsection>{SUBSECTIONS})(?:\s+et\s+seq\.)?",
        ("U.S.C", "USC", "U.S. C", "U. S. C"), 8, 40, usc_law,
    ),
    rule(
        "usc_title_section",
        rf"\b[Tt]itle\s+(?P<title>\d{{1,2}}),?\s+{SECTION_SIGN}\s*(?P<section>{SECTION_NUMBER})"
        rf"(?P<subsection>{SUBSECTIONS}),?\s+of\s+the\s+{US_CODE_NAME}",
        ("itle",), 2, 90, usc_law,
    ),
    rule(
        "usc_section_title",
        rf"\b{SECTION_SIGN}\s*(?P<section>{SECTION_NUMBER})(?P<subsection>{SUBSECTIONS}),?\s+of\s+"
        rf"[Tt]itle\s+(?P<title>\d{{1,2}})(?:,?\s+of\s+the\s+{US_CODE_NAME})?",
        ("itle",), 40, 50, usc_law,
    ),
    rule("usc_title", rf"\b[Tt]itle\s+(?P<title>\d{{1,2}}),?\s+of\s+the\s+{US_CODE_NAME}", ("itle",), 2, 50, usc_law),
    rule(
        "cfr",
        rf"\b(?P<title>\d{{1,2}})\s*C\.?\s?F\.?\s?R\.?(?![A-Za-z])\s*(?:§§?\s*|[Pp]art\s+)?"
        rf"(?P<section>\d+(?:\.\d+)?[a-z]?)(?P<subsection>{SUBSECTIONS})",
        ("C.F.R", "CFR", "C. F. R"), 8, 30, cfr_law,
    ),
    rule(
        "public_law",
        r"\b(?:Pub(?:lic)?\.?\s?L(?:aw)?\.?|P\.\s?L\.)\s*(?:No\.\s*)?(?P<congress>\d{1,3})\s?[-–]\s?(?P<number>\d{1,4})\b",
        ("Pub", "P.L", "P. L"), 2, 30, public_law,
    ),
    rule(
        "statutes_at_large", r"\b(?P<volume>\d{1,3})\s+Stat\.\s+(?P<page>\d{1,3}(?:,\d{3})+|\d+)",
        ("Stat.",), 6, 15, volume_page_law("statutes_at_large", "Stat."),
    ),
    rule(
        "federal_register", r"\b(?P<volume>\d{1,3})\s+(?:Fed\.\s?Reg\.|FR)\s+(?P<page>\d{1,3}(?:,\d{3})+|\d+)",
        ("Fed.", " FR "), 6, 20, volume_page_law("federal_register", "Fed. Reg."),
    ),
    rule(
        "executive_order",
        r"\b(?:Executive\s+Order|[Ee]xecutive\s+[Oo]rder\s+(?:No\.|[Nn]umber)|E\.\s?O\.|EO)\s*(?:No\.\s*)?(?P<number>\d{4,5})\b",
        ("xecutive", "E.O", "EO"), 2, 35, executive_order_law,
    ),
    # "resolution No. 678", "Resolution 2231" (U.N. Security Council and other numbered resolutions).
    rule(
        "resolution", r"\b[Rr]esolution\s+(?:[Nn]o\.\s?|[Nn]umber\s+)?(?P<number>\d{2,5})\b(?![-–,.:]\d)",
        ("esolution",), 2, 25, resolution_law,
    ),
    rule(
        "bill",
        r"(?<![\w.])(?P<chamber>H\.\s?R\.|H\.\s?J\.\s?Res\.|S\.\s?J\.\s?Res\.|H\.\s?Res\.|S\.\s?Res\.|"
        r"H\.\s?Con\.\s?Res\.|S\.\s?Con\.\s?Res\.|HR|S\.)\s?(?P<number>\d{1,5})\b(?![.,]\d)",
        ("H.R", "HR", "S.", "H. R", "Res."), 14, 12, bill_law("bill"),
    ),
    rule(
        "state_bill", r"\b(?P<chamber>(?:Senate|House|Assembly)\s+Bill|(?:SB|HB|AB|S\.B\.|H\.B\.|A\.B\.))\s?(?P<number>\d{1,5})\b",
        ("Bill", "SB", "HB", "AB", "S.B", "H.B", "A.B"), 12, 10, bill_law("bill"),
    ),
    rule(
        "ballot_measure", r"\b(?P<chamber>Proposition|Prop\.|Measure|Question|Initiative)\s+(?P<number>\d{1,4}[A-Z]?)\b",
        ("Prop", "Measure", "Question", "Initiative"), 2, 20, bill_law("ballot_measure"),
    ),
    rule(
        "state_code",
        rf"\b(?P<state>(?:{US_STATE_ABBREVIATIONS})\.?)\s+(?P<code>(?:[A-Z][A-Za-z'&.]*\s+){{0,4}}?"
        rf"(?:Code|Law|Laws|Stat\.|Stats\.|Statutes|R\.\s?S\.|Rev\.\s?Stat\.|Gen\.\s?Stat\.|Comp\.\s?Laws|Ann\.)"
        rf"(?:\s+Ann\.)?)\s*(?:§§?\s*|[Ss]ec(?:tion|\.)\s*)?(?P<section>{SECTION_NUMBER})(?P<subsection>{SUBSECTIONS})",
        ("Code", "Law", "Stat", "R.S", "R. S", "Ann."), 60, 35, state_code_law,
    ),
    # Any code cited with a section sign: "O.C.G.A. § 16-14-4", "Wis. Stat. § 940.01".
    rule(
        "code_section",
        rf"(?<![\w.])(?P<code>(?:(?:[A-Z]\.){{2,}}[A-Z]?|[A-Z][A-Za-z]{{0,9}}\.?)(?:\s+(?:[A-Z]\.){{2,}}[A-Z]?|\s+[A-Z][A-Za-z]{{0,9}}\.?){{0,4}})"
        rf"\s*§§?\s*(?P<section>{SECTION_NUMBER})(?P<subsection>{SUBSECTIONS})",
        ("§",), 60, 30, code_section_law,
    ),
    rule(
        "amendment",
        rf"\b(?P<ordinal>{ORDINAL_WORD}|\d{{1,2}}(?:st|nd|rd|th))\s+Amendment\b|\bAmendment\s+(?P<number>\d{{1,3}}|{ROMAN})\b",
        ("Amendment",), 25, 12, amendment_law, part_prefix=True,
    ),
    rule(
        "constitution",
        r"\b(?P<owner>(?:U\.\s?S\.|US|United\s+States|American|Federal|[A-Z][a-z]+)\s+)?Constitution\b"
        r"(?:\s+of\s+the\s+United\s+States)?(?![ \t]+[A-Z])",
        ("Constitution",), 25, 40, constitution_law, part_prefix=True,
    ),
    # "the Affordable Care Act", "Equal Rights Amendment", "the Supremacy Clause", "Prevention of Terrorism Bill".
    rule(
        "named",
        rf"\b(?P<name>{PROPER_NAME})[ \t]+(?P<head>Act|Code|Treaty|Bill|Charter|Amendment|Clause)\b(?![ \t]+[A-Z][a-z])"
        rf"(?P<year>(?:,?[ \t]+of[ \t]+|[ \t]+)(?:1[6-9]|20)\d\d\b)?",
        ("Act", "Code", "Treaty", "Bill", "Charter", "Amendment", "Clause"), 200, 15, named_law, part_prefix=True,
    ),
    rule("possessive_law", r"\b(?P<name>[A-Z][a-z]+['’]s)\s+Law\b", ("Law",), 20, 5, possessive_law(NOT_LAWS)),
    rule(
        "treaty_of", rf"\b(?P<head>Treaty)\s+(?:of|on)\s+(?:the\s+)?(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})",
        ("Treaty",), 2, 60, treaty_of_law, part_prefix=True,
    ),
    rule(
        "section", rf"(?:\bSection|\bSec\.|§)\s*(?P<section>\d+[A-Za-z]?(?:\.\d+)*)(?P<subsection>{SUBSECTIONS})(?![\w§])",
        ("Section", "Sec.", "§"), 2, 30, section_law,
    ),
    rule(
        "bare_subsection", r"(?<![\w(§$£€.-])(?P<section>\d{2,4})(?P<subsection>\([a-z]\)(?:\(\d{1,2}\))?)(?![\w(])",
        ("(",), 6, 10, bare_subsection_law,
    ),
    rule(
        "title_or_article", rf"\b(?P<head>Title|Article)\s+(?P<number>{ROMAN}|\d{{1,3}})\b(?!\s*[,:]?\s*(?:of|[Ss]ection|§))",
        ("Title", "Article"), 2, 20, title_or_article_law,
    ),
    # Court reporter citations: "425 U.S. 308", "531 F.3d 1033", "215 F. Supp. 3d 1".
    rule(
        "case_citation", rf"\b(?P<volume>\d{{1,4}})\s(?P<reporter>{REPORTER})\s(?P<page>\d{{1,5}})(?![\w-])",
        ("U.S.", "U. S.", "S. Ct", "S.Ct", "L. Ed", "L.Ed", "F."), 6, 20, case_citation_law,
    ),
    # Case captions: "Smith v. Maryland", "District of Columbia v. Heller".
    rule("case_name", rf"\b(?P<left>{PARTY}) v\. (?P<right>{PARTY})", (" v. ",), 80, 80, case_name_law),
    # Laws and regulations named in quotation marks ("the “Law on Cybersecurity”").
    rule("quoted", QUOTED_TITLE, ("“", '"'), 0, 170, quoted_law),
    rule("known_name", known_names_pattern(KNOWN_LAW_NAMES), KNOWN_LAW_NAMES, 0, 40, known_name_law),
)


def law_rules(known_names: tuple[str, ...] = KNOWN_LAW_NAMES, not_laws: frozenset[str] = NOT_LAWS) -> tuple[LawRule, ...]:
    """:data:`RULES` with other lists: ``known_names`` found wherever written (none: no such rule)
    and the "X's Law" names in ``not_laws`` rejected. Build once and pass to :func:`find_laws`."""
    if known_names == KNOWN_LAW_NAMES and not_laws == NOT_LAWS:
        return RULES
    swapped = {
        "possessive_law": lambda r: replace(r, normalize=possessive_law(not_laws)),
        "known_name": lambda r: replace(r, pattern=re.compile(known_names_pattern(known_names)), anchors=tuple(known_names)),
    }
    return tuple(swapped.get(r.name, lambda r: r)(r) for r in RULES if known_names or r.name != "known_name")

# Last words of a law's name ("Act", "Amendment", "Treaty" …), after any year ("Tariff Bill of 1857");
# plans, partnerships and pacts the model tags LAW are regulations and treaties ("the Clean Power Plan",
# "the Trans-Pacific Partnership").
LAW_HEADS = frozenset(
    "act acts amendment amendments constitution code bill law laws treaty treaties clause charter resolution "
    "statute statutes accord accords agreement convention protocol directive decree ordinance regulation "
    "regulations rule rules order plan partnership pact".split()
)
# First words of a numbered part of a law ("Article 12 of the Constitution", "Treaty of Versailles").
PART_HEADS = frozenset("Article Section Title Chapter Treaty Amendment Proposition Prop.".split())
# A year or number after the head ("Tariff Bill of 1857", "Executive Order 13769", "House Bill No. 2").
TRAILING_NUMBER = re.compile(r"(?:,? of| No\.)? \d[\d-]*$")
ACRONYM = re.compile(r"[A-Z][A-Z0-9&-]{1,7}")


def names_a_law(text: str, known_names: tuple[str, ...] = KNOWN_LAW_NAMES, not_laws: frozenset[str] = NOT_LAWS) -> bool:
    """True when a span the model tagged LAW names a law: an act, amendment, treaty, case … by its
    head word, a numbered part ("Article 12 of …"), a case caption, a known name or an acronym
    ("FISA"). False for religious texts, adages and adjectives ("the Holy Bible", "Sharia",
    "Godwin's Law", "Constitutional"), for spans across lines and for names of anything else
    ("the Trump Train", "Caption 1")."""
    name = " ".join(text.split())
    if "\n" in text or not name:
        return False
    name = name[4:] if name[:4] in {"the ", "The "} else name
    lower = name.lower()
    if any(lower == entry or lower.endswith(f" {entry}") for entry in not_laws):
        return False
    words = TRAILING_NUMBER.sub("", name).split(" ")
    if words[-1].lower().strip(",.;:") in LAW_HEADS and (len(words) > 1 or words[0][0].isupper()):
        return True
    parts = name.split(" ")  # the number kept: "Chapter 11", "Article 50"
    if parts[0] in PART_HEADS and len(parts) > 1 and (parts[1] in {"of", "on"} or re.fullmatch(rf"\d+[A-Za-z]?|{ROMAN}", parts[1])):
        return True
    return " v. " in name or name in known_names or ACRONYM.fullmatch(name) is not None


def extend_with_part(text: str, law: LawMatch) -> LawMatch:
    """Extend a named law leftwards over "Section 287(g) of the" / "Title VII of the"."""
    window_start = max(0, law.start - PART_PREFIX_WINDOW)
    prefix = PART_OF_PREFIX.search(text[window_start:law.start])
    if not prefix:
        return law
    norm = dict(law.normalized)
    name = norm["name"]
    if prefix.group("section"):
        norm["section"], norm["subsection"] = prefix.group("section"), prefix.group("subsection") or None
        if norm["kind"] == "usc":
            norm["citation"] = usc_citation(norm["title"] or "", norm["section"], norm["subsection"])
        else:
            norm["citation"] = f"{name} § {norm['section']}{norm['subsection'] or ''}"
    else:
        head, number = prefix.group("head").capitalize(), prefix.group("number")
        if head == "Title":
            norm["title"] = number
        else:
            norm["section"] = number
        norm["citation"] = f"{name}, {head} {number}"
    norm["kind"] = "section" if norm["kind"] != "usc" else "usc"
    return LawMatch(window_start + prefix.start(), law.end, norm)


def find_laws(text: str, rules: tuple[LawRule, ...] = RULES) -> list[LawMatch]:
    """All laws in ``text`` that ``rules`` find (see :func:`law_rules`), longest first on overlaps, sorted by start."""
    found: list[LawMatch] = []
    for law_rule in rules:
        for m in finditer_near(law_rule.pattern, text, law_rule.anchors, law_rule.before, law_rule.after):
            law = law_rule.normalize(m)
            if law is None or law.end <= law.start:
                continue
            if law_rule.part_prefix:
                law = extend_with_part(text, law)
            found.append(law)
    return drop_overlaps(found)


def drop_overlaps(laws: list[LawMatch]) -> list[LawMatch]:
    """Keep the longest of overlapping matches (the earlier one on ties), sorted by start."""
    kept: list[LawMatch] = []
    starts: list[int] = []  # the kept matches' starts and ends, sorted (they never overlap)
    ends: list[int] = []
    for law in sorted(laws, key=lambda l: (-(l.end - l.start), l.start)):
        i = bisect_left(starts, law.end)  # kept matches starting before this one ends: 0 … i-1
        if i == 0 or ends[i - 1] <= law.start:
            kept.append(law)
            starts.insert(i, law.start)
            ends.insert(i, law.end)
    return sorted(kept, key=lambda l: l.start)
