"""Readable names and values of record items, shared by the article view and the report."""

from __future__ import annotations

from spacy import registry
from spacy.displacy.render import DEFAULT_ENTITY_COLOR, DEFAULT_LABEL_COLORS

CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
UNKNOWN_SPEAKER = "(unattributed)"
PUBLICATION = "publication’s voice"  # who a claim with no claimant speaks for


def label_colors() -> dict[str, str]:
    """displaCy's entity colours, with any colours registered in ``spacy.registry.displacy_colors``."""
    colors = dict(DEFAULT_LABEL_COLORS)
    for registered in registry.displacy_colors.get_all().values():
        colors.update(registered() if callable(registered) else registered)
    return {label.upper(): color for label, color in colors.items()}


def label_color(label: str, colors: dict[str, str]) -> str:
    """The colour of one label (displaCy's grey for labels it does not know)."""
    return colors.get(label.upper(), DEFAULT_ENTITY_COLOR)


def entity_name(entity: dict) -> str:
    """The name an entity is listed under: the loader's ``name``, its canonical name, a statute's citation, else its text."""
    normalized = entity.get("normalized") or {}
    if entity.get("name"):
        return entity["name"]
    if entity.get("canonical"):
        return entity["canonical"]
    if entity["label"] == "LAW" and normalized.get("citation"):
        return normalized["citation"]
    return entity["text"]


def speaker_name(quote: dict) -> str | None:
    """The speaker a quote is credited to: the loader's ``speaker_name``, the canonical name, the mention, else None."""
    if "speaker_name" in quote:  # the loader's dump-level name: null for a pronoun or narrator it could not resolve
        return quote["speaker_name"] if isinstance(quote["speaker_name"], str) else None
    return quote.get("speaker_canonical") or quote.get("speaker") or None


def claimant_name(claim: dict) -> str | None:
    """The claimant of a claim: the loader's ``claimant_name``, canonical, mention (None: the publication's own voice)."""
    if "claimant_name" in claim:
        return claim["claimant_name"] if isinstance(claim["claimant_name"], str) else None
    return claim.get("claimant_canonical") or claim.get("claimant") or None


def amount_of(entity: dict) -> float | None:
    """The normalized amount of a MONEY entity, or None."""
    normalized = entity.get("normalized") or {}
    return normalized.get("amount") if entity["label"] == "MONEY" else None


def format_money(value: float, currency: str | None) -> str:
    """``$1,500,000,000`` / ``2,500,000 EUR``: an amount with its currency, cents only when there are any."""
    digits = f"{value:,.2f}" if value != int(value) else f"{value:,.0f}"
    sign = CURRENCY_SIGNS.get(currency or "")
    if sign:
        return f"{sign}{digits}"
    return f"{digits} {currency}" if currency else digits


def describe_amount(normalized: dict) -> str:
    """A normalized MONEY value in words: qualifier, amount or range, currency, rate."""
    currency = normalized.get("currency")
    if normalized.get("min") is not None and normalized.get("max") is not None:
        text = f"{format_money(normalized['min'], currency)}–{format_money(normalized['max'], currency)}"
    else:
        text = format_money(normalized["amount"], currency)
    if normalized.get("qualifier"):
        text = f"{normalized['qualifier']} {text}"
    if normalized.get("per"):
        text = f"{text} per {normalized['per']}"
    return text


def describe_law(normalized: dict) -> str:
    """A normalized LAW value in words: its citation and, when it adds something, its name."""
    citation = normalized.get("citation") or ""
    name = normalized.get("name") or ""
    if name and name not in citation:
        return f"{citation} ({name})" if citation else name
    return citation or name


def describe_normalized(entity: dict) -> str:
    """The normalized value of an entity in words ('' when there is none)."""
    normalized = entity.get("normalized")
    if not normalized:
        return ""
    if entity["label"] == "MONEY" and normalized.get("amount") is not None:
        return describe_amount(normalized)
    if entity["label"] == "LAW":
        return describe_law(normalized)
    return ", ".join(f"{key}: {value}" for key, value in normalized.items() if value is not None)
