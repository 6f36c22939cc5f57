"""Money amounts found by regex over the text, with their value in units of an ISO currency.

:func:`find_money` returns :class:`MoneyMatch` items: the span and the record's ``normalized``
object ``{"amount", "currency", "qualifier", "min", "max", "per"}``. The span is the amount as
OntoNotes marks it: currency, number, scale and currency words ("$1.5 billion", "100 million US
dollars", "35 to 75 cents"), without a qualifier ("more than $80 million" → span "$80 million",
``qualifier`` "more than"), without the "between"/"from" of a range and without a rate's unit
("$72 a barrel" → "$72", ``per`` "barrel"). For a range, ``amount`` is its lower bound and
``min``/``max`` its bounds; for a single amount ``min`` and ``max`` are null.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.extract.textscan import finditer_near

# Longest first, so "US$" wins over "$".
CURRENCY_SYMBOLS = {
    "US$": "USD", "U.S.$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD",
    "HK$": "HKD", "S$": "SGD", "R$": "BRL", "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR",
    "₩": "KRW", "₽": "RUB", "₪": "ILS",
}
CURRENCY_CODES = ("USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "CNY", "RMB", "INR", "HKD", "SEK", "NOK", "DKK", "MXN", "BRL", "ZAR", "RUB", "KRW", "SGD")
# Currency words after a number; the value is (ISO code, factor to the main unit).
CURRENCY_WORDS = {
    "u.s. dollars": ("USD", 1.0), "us dollars": ("USD", 1.0), "american dollars": ("USD", 1.0),
    "canadian dollars": ("CAD", 1.0), "australian dollars": ("AUD", 1.0), "hong kong dollars": ("HKD", 1.0),
    "new zealand dollars": ("NZD", 1.0), "singapore dollars": ("SGD", 1.0),
    "dollars": ("USD", 1.0), "dollar": ("USD", 1.0), "bucks": ("USD", 1.0), "cents": ("USD", 0.01), "cent": ("USD", 0.01),
    "euros": ("EUR", 1.0), "euro": ("EUR", 1.0), "euro cents": ("EUR", 0.01),
    "pounds sterling": ("GBP", 1.0), "pounds": ("GBP", 1.0), "pound": ("GBP", 1.0), "sterling": ("GBP", 1.0),
    "pence": ("GBP", 0.01), "p": ("GBP", 0.01),
    "yen": ("JPY", 1.0), "yuan": ("CNY", 1.0), "renminbi": ("CNY", 1.0), "rupees": ("INR", 1.0),
    "swiss francs": ("CHF", 1.0), "francs": ("CHF", 1.0), "pesos": ("MXN", 1.0), "roubles": ("RUB", 1.0),
    "rubles": ("RUB", 1.0), "won": ("KRW", 1.0), "shekels": ("ILS", 1.0), "reais": ("BRL", 1.0),
    # Wire-service abbreviations and the currencies of older wire copy (Reuters: "15 mln dlrs", "90 cts").
    "dlrs": ("USD", 1.0), "dlr": ("USD", 1.0), "u.s. dlrs": ("USD", 1.0), "us dlrs": ("USD", 1.0),
    "canadian dlrs": ("CAD", 1.0), "australian dlrs": ("AUD", 1.0), "n.z. dlrs": ("NZD", 1.0),
    "new zealand dlrs": ("NZD", 1.0), "hong kong dlrs": ("HKD", 1.0), "h.k. dlrs": ("HKD", 1.0),
    "singapore dlrs": ("SGD", 1.0), "taiwan dlrs": ("TWD", 1.0), "cts": ("USD", 0.01), "stg": ("GBP", 1.0),
    "marks": ("DEM", 1.0), "guilders": ("NLG", 1.0), "lire": ("ITL", 1.0), "french francs": ("FRF", 1.0),
    "belgian francs": ("BEF", 1.0), "pesetas": ("ESP", 1.0), "riyals": ("SAR", 1.0), "forints": ("HUF", 1.0),
    "rand": ("ZAR", 1.0), "swedish crowns": ("SEK", 1.0), "danish crowns": ("DKK", 1.0),
    "norwegian crowns": ("NOK", 1.0), "kronor": ("SEK", 1.0), "ecus": ("XEU", 1.0), "ecu": ("XEU", 1.0),
}
# Currency words that are also other units or words: money only with a scale word before them.
AMBIGUOUS_UNIT_WORDS = frozenset({"pound", "pounds", "won"})
SCALES = {
    "thousand": 1e3, "k": 1e3, "K": 1e3, "grand": 1e3,
    "million": 1e6, "millions": 1e6, "m": 1e6, "M": 1e6, "mn": 1e6, "mln": 1e6, "MM": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9, "B": 1e9, "bln": 1e9,
    "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "half a": 0.5, "several": None, "a few": None, "hundreds of": None,
}
QUALIFIERS = (
    "more than", "less than", "fewer than", "greater than", "nearly", "almost", "about", "around",
    "approximately", "roughly", "some", "up to", "at least", "at most", "as much as", "as little as",
    "as many as", "an estimated", "an additional", "over", "under", "just over", "just under",
    "well over", "close to", "upwards of", "in excess of", "no more than", "no less than", "below",
    "above", "an extra", "a further", "another",
)
# Qualifiers that say something about the amount's precision or bound (the others only count it).
VALUE_QUALIFIERS = frozenset(q for q in QUALIFIERS if q not in {"an additional", "an extra", "a further", "another"})
PER_UNITS = (
    "share", "barrel", "hour", "day", "week", "month", "year", "gallon", "litre", "liter", "ton",
    "tonne", "ounce", "pound", "kilo", "kilogram", "head", "person", "night", "ticket", "unit",
    "household", "student", "patient", "pupil", "seat", "vote", "annum", "capita", "mile", "minute",
    "square foot", "acre", "kilowatt-hour", "megawatt-hour",
)


def alternation(words) -> str:
    """A regex alternation of ``words``, longest first, each escaped."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def shortest_forms(words: set[str]) -> list[str]:
    """The ``words`` that contain none of the others ("dollar" of "dollar", "dollars")."""
    return sorted(word for word in words if not any(other != word and other in word for other in words))


DIGITS = r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
LONG_SCALES = [s for s in SCALES if len(s) > 3]
SPACED_ABBREVIATIONS = [s for s in SCALES if 2 <= len(s) <= 3]
ATTACHED_ABBREVIATIONS = [s for s in SCALES if len(s) == 1]
# Number words count money before a scale word ("a billion euros") or, but for "a"/"an", before a
# currency word ("three cts", "five dollars"; "a yen for" is no amount).
COUNTING_WORDS = [w for w, v in NUMBER_WORDS.items() if v is not None and w not in {"a", "an", "half a"}]
NUMBER = (
    rf"(?:{DIGITS}|\b(?i:{alternation(w for w, v in NUMBER_WORDS.items() if v is not None)})(?=\s+(?i:{alternation(LONG_SCALES)})\b)"
    rf"|\b(?i:{alternation(COUNTING_WORDS)})(?=\s+(?i:{alternation(w for w in CURRENCY_WORDS if w != 'p')})(?![\w-])))"
)
# Spelled and spaced scales in any case (wire headlines: "250 MLN RUPEES"), one-letter ones as written.
SCALE_WORD = (
    rf"(?:(?:{alternation(ATTACHED_ABBREVIATIONS)})\b|\s?(?i:{alternation(SPACED_ABBREVIATIONS)})\b"
    rf"|\s+(?i:{alternation(LONG_SCALES)})\b)"
)
SYMBOL = alternation(CURRENCY_SYMBOLS)
CODE = alternation(CURRENCY_CODES)
# Currency words in any case ("US dollars", "Canadian dollars"), but pence's "p" in lower case only.
WORD = rf"(?i:{alternation(w for w in CURRENCY_WORDS if w != 'p')})|p"

# One amount, currency first ("$1.5 billion", "USD 10 million") or last ("2.5 million euros").
AMOUNT_SYMBOL_FIRST = rf"(?P<cur@>{SYMBOL}|\b(?:{CODE})\s?)\s?(?P<num@>{NUMBER})(?P<scale@>{SCALE_WORD})?"
AMOUNT_WORD_LAST = rf"(?P<num@>{NUMBER})(?P<scale@>{SCALE_WORD})?\s*(?P<cur@>(?:{WORD})(?![\w-])|(?:{CODE})\b)"
# "and" joins a range only after "between" ("between $2 and $3"; "$5 and £8" are two amounts).
RANGE_JOINER = r"\s*(?(between)(?:-|–|—|to|and)|(?:-|–|—|to))\s*"

MONEY_PATTERN = re.compile(
    rf"(?:(?P<qualifier>\b(?:{alternation(QUALIFIERS)}))\s+)?"
    rf"(?P<between>(?:between|from)\s+)?"
    rf"(?P<core>"
    rf"{AMOUNT_SYMBOL_FIRST.replace('@', '1')}(?:{RANGE_JOINER}(?:(?P=cur1)\s?)?(?P<num2>{DIGITS})(?P<scale2>{SCALE_WORD})?)?"
    rf"|(?P<num3>{DIGITS})(?P<scale3>{SCALE_WORD})?{RANGE_JOINER}(?P<num4>{NUMBER})(?P<scale4>{SCALE_WORD})?\s*(?P<cur4>(?:{WORD})(?![\w-]))"
    rf"|{AMOUNT_WORD_LAST.replace('@', '5')}"
    rf")"
    rf"(?P<per>\s+(?:a|an|per|each)\s+(?P<unit>{alternation(PER_UNITS)})\b)?",
)


# The shortest forms of the currency words' last words ("dollar" finds "dollars" too), written in lower
# case, capitalized ("N.Z. Dlrs") and in capitals (headlines): derived, so a new currency word is never
# left without its anchor.
CURRENCY_ANCHOR_WORDS = shortest_forms({entry.split()[-1] for entry in CURRENCY_WORDS if entry != "p"})
# Literals every amount contains: a symbol, a code, a currency word, or pence's "p" after a digit.
MONEY_ANCHORS = (
    *"$£€¥₹₩₽₪", *CURRENCY_CODES, *{form for word in CURRENCY_ANCHOR_WORDS for form in (word, word.title(), word.upper())},
    *(f"{digit}p" for digit in "0123456789"),
)


@dataclass(frozen=True)
class MoneyMatch:
    """A money amount found in the text: the amount's offsets (no qualifier) and its ``normalized`` object."""

    start: int
    end: int
    normalized: dict = field(compare=False)


def parse_number(text: str) -> float | None:
    """A number written with digits (commas allowed) or as a small number word."""
    text = text.strip().lower()
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def scale_value(text: str | None) -> float:
    """The multiplier of a scale word or abbreviation ("bn" → 1e9); 1 when absent."""
    if not text:
        return 1.0
    word = text.strip()
    return SCALES.get(word) or SCALES.get(word.lower()) or SCALES.get(word.upper(), 1.0)


def currency_of(text: str) -> tuple[str, float]:
    """The ISO code and unit factor of a currency symbol, code or word."""
    token = text.strip()
    if token in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[token], 1.0
    if token.upper() in CURRENCY_CODES:
        return ("CNY" if token.upper() == "RMB" else token.upper()), 1.0
    return CURRENCY_WORDS[" ".join(token.lower().split())]


def money_normalized(m: re.Match) -> dict | None:
    """The ``normalized`` object of one :data:`MONEY_PATTERN` match (None if it is not money)."""
    g = m.groupdict()
    if g["num1"] is not None:
        currency, factor = currency_of(g["cur1"])
        low = (parse_number(g["num1"]), scale_value(g["scale1"]))
        high = (parse_number(g["num2"]), scale_value(g["scale2"] or g["scale1"])) if g["num2"] else None
        if high and not g["scale2"] and g["scale1"] is not None:
            high = (high[0], scale_value(g["scale1"]))
        if high and g["scale2"] and not g["scale1"]:
            low = (low[0], scale_value(g["scale2"]))
    elif g["num3"] is not None:
        if g["cur4"].lower() in AMBIGUOUS_UNIT_WORDS and not g["scale4"]:
            return None
        currency, factor = currency_of(g["cur4"])
        shared_scale = scale_value(g["scale4"])
        low = (parse_number(g["num3"]), scale_value(g["scale3"]) if g["scale3"] else shared_scale)
        high = (parse_number(g["num4"]), shared_scale)
        if None not in (low[0], high[0]) and low[0] * low[1] > high[0] * high[1]:
            return None  # no range: "Feb 25 to 4.1 billion dlrs", "in 1986 to 16 billion dlrs"
    else:
        if g["cur5"].lower() in AMBIGUOUS_UNIT_WORDS and not g["scale5"]:
            return None  # "300 pounds" is a weight, "5 million pounds" money
        if g["cur5"] == "p" and (m.start("cur5") != m.end("num5") or re.match(r"\.[a-z]", m.string[m.end("cur5"):m.end("cur5") + 2])):
            return None  # "50p" is pence; "5 p.m." is not
        currency, factor = currency_of(g["cur5"])
        low = (parse_number(g["num5"]), scale_value(g["scale5"]))
        high = None
    if low[0] is None or (high and high[0] is None):
        return None
    low_amount = low[0] * low[1] * factor
    high_amount = high[0] * high[1] * factor if high else None
    qualifier = " ".join(g["qualifier"].lower().split()) if g["qualifier"] else None
    return {
        "amount": low_amount,
        "currency": currency,
        "qualifier": qualifier if qualifier in VALUE_QUALIFIERS else None,
        "min": low_amount if high else None,
        "max": high_amount,
        "per": g["unit"],
    }


def find_money(text: str) -> list[MoneyMatch]:
    """All money amounts in ``text``, sorted by start; each span is the amount alone (see the module)."""
    found = []
    for m in finditer_near(MONEY_PATTERN, text, MONEY_ANCHORS, 60, 70):
        normalized = money_normalized(m)
        if normalized is None and m.group("num4"):  # not a range after all: the amount is its second half
            m = MONEY_PATTERN.match(text, m.start("num4"), m.end())
            normalized = money_normalized(m) if m else None
        if normalized is not None:
            found.append(MoneyMatch(m.start("core"), m.end("core"), normalized))
    return found


QUALIFIER_PREFIX = re.compile(rf"(?:(?:{alternation(QUALIFIERS)}|between|from)\s+)+", re.IGNORECASE)


def amount_start(text: str) -> int:
    """How many leading characters of a money span are qualifiers ("about $4 billion" → 6)."""
    match = QUALIFIER_PREFIX.match(text)
    return match.end() if match and match.end() < len(text) else 0


PER_CENT = re.compile(r"\bper\s?cent$", re.IGNORECASE)


def is_percentage(text: str) -> bool:
    """True for a span in "per cent" ("1.5 per cent"), which the model sometimes takes for money."""
    return PER_CENT.search(text.rstrip()) is not None
