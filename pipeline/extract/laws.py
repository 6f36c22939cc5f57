"""Statutes, codes, bills, acts and constitutional provisions found by regex over the text.

:func:`find_laws` returns :class:`LawMatch` items (character offsets plus the record's
``normalized`` object ``{"kind", "citation", "title", "section", "subsection", "name"}``).
Citations are written one canonical way, e.g. ``8 U.S.C. § 1373(a)``, ``8 C.F.R. § 287.7``,
``Pub. L. No. 115-97``, ``Executive Order 13768``, ``H.R. 3004``, ``Civil Rights Act of 1964``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources

from pipeline.extract.textscan import finditer_near

ROMAN = r"[IVXLC]+"
SECTION_NUMBER = r"\d+[A-Za-z]?(?:[.:\-–]\d+[A-Za-z]?)*"
SUBSECTIONS = r"(?:\([A-Za-z0-9]{1,4}\))*"
SECTION_SIGN = r"(?:§§?|[Ss]ec(?:tion|s?\.)|[Ss]ections)"

# A word of a proper name: an initialism with dots, or a capitalized (possibly hyphenated) word.
NAME_WORD = r"(?!(?:Act|Code|Treaty|Bill|Charter|Amendment|Constitution)\b)(?:(?:[A-Z]\.){2,}|[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)"
NAME_CONNECTOR = r"(?:of|and|the|for|on|to|in|&|de)"
PROPER_NAME = rf"{NAME_WORD}(?:[ \t]+(?:{NAME_CONNECTOR}[ \t]+)*{NAME_WORD})*"

# Words that can start a capitalized run but never start a law's name.
LEADING_NON_NAME = frozenset(
    "The A An In Under Of By To For And On At With From If As That This These Those His Her Their "
    "Our Its But When While After Before Since Although Because Unlike Like Both Either Neither "
    "Amending Repealing Passing Signing Repeal Amend Pass Sign Violating Enforce Current "
    "Former Proposed Landmark Controversial Existing Senate House Congress Parliament "
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

PATTERNS: dict[str, re.Pattern] = {
    "usc": re.compile(
        rf"\b(?P<title>\d{{1,2}})\s*U\.?\s?S\.?\s?C\.?(?:\s?A\.?)?(?![A-Za-z])\s*(?P<sign>§§?)?\s*"
        rf"(?P<section>\d+[a-z]?(?:\s?[-–]\s?\d+[a-z]?)?)(?P<subsection>{SUBSECTIONS})"
        rf"(?:\s+et\s+seq\.)?"
    ),
    "usc_title_section": re.compile(
        rf"\b[Tt]itle\s+(?P<title>\d{{1,2}}),?\s+{SECTION_SIGN}\s*(?P<section>{SECTION_NUMBER})"
        rf"(?P<subsection>{SUBSECTIONS}),?\s+of\s+the\s+{US_CODE_NAME}"
    ),
    "usc_section_title": re.compile(
        rf"\b{SECTION_SIGN}\s*(?P<section>{SECTION_NUMBER})(?P<subsection>{SUBSECTIONS}),?\s+of\s+"
        rf"[Tt]itle\s+(?P<title>\d{{1,2}})(?:,?\s+of\s+the\s+{US_CODE_NAME})?"
    ),
    "usc_title": re.compile(rf"\b[Tt]itle\s+(?P<title>\d{{1,2}}),?\s+of\s+the\s+{US_CODE_NAME}"),
    "cfr": re.compile(
        rf"\b(?P<title>\d{{1,2}})\s*C\.?\s?F\.?\s?R\.?(?![A-Za-z])\s*(?:§§?\s*|[Pp]art\s+)?"
        rf"(?P<section>\d+(?:\.\d+)?[a-z]?)(?P<subsection>{SUBSECTIONS})"
    ),
    "public_law": re.compile(
        r"\b(?:Pub(?:lic)?\.?\s?L(?:aw)?\.?|P\.\s?L\.)\s*(?:No\.\s*)?(?P<congress>\d{1,3})\s?[-–]\s?(?P<number>\d{1,4})\b"
    ),
    "statutes_at_large": re.compile(r"\b(?P<volume>\d{1,3})\s+Stat\.\s+(?P<page>\d{1,3}(?:,\d{3})+|\d+)"),
    "federal_register": re.compile(
        r"\b(?P<volume>\d{1,3})\s+(?:Fed\.\s?Reg\.|FR)\s+(?P<page>\d{1,3}(?:,\d{3})+|\d+)"
    ),
    "executive_order": re.compile(
        r"\b(?:Executive\s+Order|[Ee]xecutive\s+[Oo]rder\s+(?:No\.|[Nn]umber)|E\.\s?O\.|EO)\s*(?:No\.\s*)?(?P<number>\d{4,5})\b"
    ),
    "bill": re.compile(
        r"\b(?P<chamber>H\.\s?R\.|H\.\s?J\.\s?Res\.|S\.\s?J\.\s?Res\.|H\.\s?Res\.|S\.\s?Res\.|"
        r"H\.\s?Con\.\s?Res\.|S\.\s?Con\.\s?Res\.|HR|S\.)\s?(?P<number>\d{1,5})\b(?![.,]\d)"
    ),
    "state_bill": re.compile(
        r"\b(?P<chamber>(?:Senate|House|Assembly)\s+Bill|(?:SB|HB|AB|S\.B\.|H\.B\.|A\.B\.))\s?(?P<number>\d{1,5})\b"
    ),
    "ballot_measure": re.compile(r"\b(?P<chamber>Proposition|Prop\.|Measure|Question|Initiative)\s+(?P<number>\d{1,4}[A-Z]?)\b"),
    "state_code": re.compile(
        rf"\b(?P<state>(?:{US_STATE_ABBREVIATIONS})\.?)\s+(?P<code>(?:[A-Z][A-Za-z'&.]*\s+){{0,4}}?"
        rf"(?:Code|Law|Laws|Stat\.|Stats\.|Statutes|R\.\s?S\.|Rev\.\s?Stat\.|Gen\.\s?Stat\.|Comp\.\s?Laws|Ann\.)"
        rf"(?:\s+Ann\.)?)\s*(?:§§?\s*|[Ss]ec(?:tion|\.)\s*)?(?P<section>{SECTION_NUMBER})(?P<subsection>{SUBSECTIONS})"
    ),
    # Any code cited with a section sign: "O.C.G.A. § 16-14-4", "Wis. Stat. § 940.01".
    "code_section": re.compile(
        rf"(?<![\w.])(?P<code>(?:(?:[A-Z]\.){{2,}}[A-Z]?|[A-Z][A-Za-z]{{0,9}}\.?)(?:\s+(?:[A-Z]\.){{2,}}[A-Z]?|\s+[A-Z][A-Za-z]{{0,9}}\.?){{0,4}})"
        rf"\s*§§?\s*(?P<section>{SECTION_NUMBER})(?P<subsection>{SUBSECTIONS})"
    ),
    "amendment": re.compile(
        rf"\b(?P<ordinal>{ORDINAL_WORD}|\d{{1,2}}(?:st|nd|rd|th))\s+Amendment\b|\bAmendment\s+(?P<number>\d{{1,3}}|{ROMAN})\b"
    ),
    "constitution": re.compile(
        r"\b(?P<owner>(?:U\.\s?S\.|US|United\s+States|American|Federal|[A-Z][a-z]+)\s+)?Constitution\b"
        r"(?:\s+of\s+the\s+United\s+States)?(?![ \t]+[A-Z])"
    ),
    "named": re.compile(
        rf"\b(?P<name>{PROPER_NAME})[ \t]+(?P<head>Act|Code|Treaty|Bill|Charter)\b(?![ \t]+[A-Z][a-z])"
        rf"(?P<year>(?:,?[ \t]+of[ \t]+|[ \t]+)(?:1[6-9]|20)\d\d\b)?"
    ),
    "possessive_law": re.compile(r"\b(?P<name>[A-Z][a-z]+['’]s)\s+Law\b"),
    "treaty_of": re.compile(rf"\b(?P<head>Treaty)\s+(?:of|on)\s+(?:the\s+)?(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})"),
    "section": re.compile(
        rf"(?:\bSection|\bSec\.|§)\s*(?P<section>\d+[A-Za-z]?(?:\.\d+)*)(?P<subsection>{SUBSECTIONS})(?![\w§])"
    ),
    "bare_subsection": re.compile(r"(?<![\w(§$£€.-])(?P<section>\d{2,4})(?P<subsection>\([a-z]\)(?:\(\d{1,2}\))?)(?![\w(])"),
    "title_or_article": re.compile(rf"\b(?P<head>Title|Article)\s+(?P<number>{ROMAN}|\d{{1,3}})\b(?!\s*[,:]?\s*(?:of|[Ss]ection|§))"),
}

KNOWN_LAW_NAMES = tuple(
    line.strip()
    for line in resources.files("pipeline").joinpath("data", "laws.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
PATTERNS["known_name"] = re.compile(rf"\b(?:{'|'.join(re.escape(n) for n in sorted(KNOWN_LAW_NAMES, key=len, reverse=True))})(?![\w-])")

# Per pattern: the literals one of which every match contains, and how far (characters) a match
# can reach before and after that literal.
ANCHORS: dict[str, tuple[tuple[str, ...], int, int]] = {
    "usc": (("U.S.C", "USC", "U.S. C", "U. S. C"), 8, 40),
    "usc_title_section": (("itle",), 2, 90),
    "usc_section_title": (("itle",), 40, 50),
    "usc_title": (("itle",), 2, 50),
    "cfr": (("C.F.R", "CFR", "C. F. R"), 8, 30),
    "public_law": (("Pub", "P.L", "P. L"), 2, 30),
    "statutes_at_large": (("Stat.",), 6, 15),
    "federal_register": (("Fed.", " FR "), 6, 20),
    "executive_order": (("xecutive", "E.O", "EO"), 2, 35),
    "bill": (("H.R", "HR", "S.", "H. R", "Res."), 14, 12),
    "state_bill": (("Bill", "SB", "HB", "AB", "S.B", "H.B", "A.B"), 12, 10),
    "ballot_measure": (("Prop", "Measure", "Question", "Initiative"), 2, 20),
    "state_code": (("Code", "Law", "Stat", "R.S", "R. S", "Ann."), 60, 35),
    "code_section": (("§",), 60, 30),
    "amendment": (("Amendment",), 25, 12),
    "constitution": (("Constitution",), 25, 40),
    "named": (("Act", "Code", "Treaty", "Bill", "Charter"), 200, 15),
    "possessive_law": (("Law",), 20, 5),
    "treaty_of": (("Treaty",), 2, 60),
    "section": (("Section", "Sec.", "§"), 2, 30),
    "bare_subsection": (("(",), 6, 10),
    "title_or_article": (("Title", "Article"), 2, 20),
    "known_name": (KNOWN_LAW_NAMES, 0, 40),
}

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
NOT_LAW_NAMES = frozenset({"Da Vinci", "Morse", "Zip", "ZIP", "Area", "Dress", "Bar", "Source", "Genetic", "QR"})
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


@dataclass(frozen=True)
class LawMatch:
    """A law found in the text: character offsets and its ``normalized`` record object."""

    start: int
    end: int
    normalized: dict = field(compare=False)


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


def match_named(m: re.Match) -> LawMatch | None:
    """A named act/code/treaty/bill, or None when the capitalized run is not a law's name."""
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


def match_to_law(kind: str, m: re.Match) -> LawMatch | None:
    """Turn one regex match of ``PATTERNS[kind]`` into a :class:`LawMatch` (None to reject it)."""
    g = m.groupdict()
    if kind == "named":
        return match_named(m)
    if kind.startswith("usc"):
        section = clean_section(g["section"]) if g.get("section") else None
        subsection = g.get("subsection") or None
        ranged = g.get("sign") == "§§"
        citation = usc_citation(g["title"], section, subsection, ranged)
        return LawMatch(m.start(), m.end(), law_normalized("usc", citation, g["title"], section, subsection, "United States Code"))
    if kind == "cfr":
        citation = f"{g['title']} C.F.R. § {g['section']}{g['subsection'] or ''}"
        return LawMatch(m.start(), m.end(), law_normalized("cfr", citation, g["title"], g["section"], g["subsection"], "Code of Federal Regulations"))
    if kind == "public_law":
        citation = f"Pub. L. No. {g['congress']}-{g['number']}"
        return LawMatch(m.start(), m.end(), law_normalized("public_law", citation, section=f"{g['congress']}-{g['number']}"))
    if kind == "statutes_at_large":
        page = g["page"].replace(",", "")
        return LawMatch(m.start(), m.end(), law_normalized("statutes_at_large", f"{g['volume']} Stat. {page}", g["volume"], page))
    if kind == "federal_register":
        page = g["page"].replace(",", "")
        return LawMatch(m.start(), m.end(), law_normalized("federal_register", f"{g['volume']} Fed. Reg. {page}", g["volume"], page))
    if kind == "executive_order":
        return LawMatch(m.start(), m.end(), law_normalized("executive_order", f"Executive Order {g['number']}", section=g["number"]))
    if kind in {"bill", "state_bill", "ballot_measure"}:
        chamber = re.sub(r"\s+", "", g["chamber"]) if kind == "bill" else squash(g["chamber"])
        if chamber == "HR":
            chamber = "H.R."
        return LawMatch(m.start(), m.end(), law_normalized("bill" if kind != "ballot_measure" else "ballot_measure", f"{chamber} {g['number']}", section=g["number"]))
    if kind == "state_code":
        code = squash(g["code"])
        section = g["section"]
        sign = "" if re.search(r"R\.\s?S\.|Stat", code) and "§" not in m.group(0) else "§ "
        citation = f"{squash(g['state'])} {code} {sign}{section}{g['subsection'] or ''}"
        return LawMatch(m.start(), m.end(), law_normalized("state_code", citation, section=section, subsection=g["subsection"], name=f"{squash(g['state'])} {code}"))
    if kind == "code_section":
        code, section, subsection = squash(g["code"]), g["section"], g["subsection"] or ""
        if code.split(" ")[0] in LEADING_NON_NAME:
            return None
        return LawMatch(m.start(), m.end(), law_normalized("code", f"{code} § {section}{subsection}", section=section, subsection=subsection, name=code))
    if kind == "known_name":
        name = squash(m.group(0))
        return LawMatch(m.start(), m.end(), law_normalized("act", name, name=name))
    if kind == "amendment":
        if g["ordinal"]:
            ordinal = g["ordinal"].lower()
            number = ORDINAL_WORDS.get(ordinal) or int(re.match(r"\d+", ordinal).group())
            name = f"{[w for w, n in ORDINAL_WORDS.items() if n == number][0].title() if number <= 27 else ordinal} Amendment"
            return LawMatch(m.start(), m.end(), law_normalized("amendment", f"U.S. Const. amend. {to_roman(number)}", section=str(number), name=name))
        return LawMatch(m.start(), m.end(), law_normalized("amendment", f"Amendment {g['number']}", section=g["number"], name=f"Amendment {g['number']}"))
    if kind == "constitution":
        owner = (g["owner"] or "").strip()
        if owner in LEADING_NON_NAME and owner not in {"Federal"}:
            start, owner = m.start("owner") + len(g["owner"]), ""
        else:
            start = m.start()
        if owner in {"U.S.", "US", "United States", "American", "Federal", ""} or "United States" in m.group(0):
            citation = "U.S. Const."
        else:
            citation = f"{owner} Const."
        return LawMatch(start, m.end(), law_normalized("constitution", citation, name=squash(m.string[start:m.end()])))
    if kind == "possessive_law":
        name = f"{m.group('name')} Law"
        return LawMatch(m.start(), m.end(), law_normalized("act", name, name=name))
    if kind == "treaty_of":
        name = squash(m.group(0))
        return LawMatch(m.start(), m.end(), law_normalized("treaty", name, name=name))
    if kind == "section":
        return LawMatch(m.start(), m.end(), law_normalized("section", f"§ {g['section']}{g['subsection'] or ''}", section=g["section"], subsection=g["subsection"]))
    if kind == "bare_subsection":
        if m.group(0) in BARE_SECTION_EXCLUDED or f"{g['section']}{g['subsection'][:3]}" in BARE_SECTION_EXCLUDED:
            return None
        return LawMatch(m.start(), m.end(), law_normalized("section", f"§ {g['section']}{g['subsection']}", section=g["section"], subsection=g["subsection"]))
    if kind == "title_or_article":
        head, number = g["head"], g["number"]
        return LawMatch(m.start(), m.end(), law_normalized(head.lower(), f"{head} {number}", title=number if head == "Title" else None, section=number if head == "Article" else None))
    raise ValueError(f"unknown law pattern {kind!r}")


def to_roman(number: int) -> str:
    """Roman numeral of a small positive integer (constitutional amendments)."""
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, letters in numerals:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


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


def find_laws(text: str) -> list[LawMatch]:
    """All laws in ``text``, longest first on overlaps, sorted by start."""
    found: list[LawMatch] = []
    for kind, pattern in PATTERNS.items():
        anchors, before, after = ANCHORS[kind]
        for m in finditer_near(pattern, text, anchors, before, after):
            law = match_to_law(kind, m)
            if law is None or law.end <= law.start:
                continue
            if kind in {"named", "treaty_of", "constitution", "amendment"}:
                law = extend_with_part(text, law)
            found.append(law)
    return drop_overlaps(found)


def drop_overlaps(laws: list[LawMatch]) -> list[LawMatch]:
    """Keep the longest of overlapping matches (the earlier one on ties), sorted by start."""
    kept: list[LawMatch] = []
    taken: list[tuple[int, int]] = []
    for law in sorted(laws, key=lambda l: (-(l.end - l.start), l.start)):
        if all(law.end <= s or law.start >= e for s, e in taken):
            kept.append(law)
            taken.append((law.start, law.end))
    return sorted(kept, key=lambda l: l.start)
