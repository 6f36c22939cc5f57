"""The article view: the text with entities (displaCy colours), quotes and claims marked, and a side panel."""

from __future__ import annotations

from collections import defaultdict
from html import escape

from pipeline.render.markup import Span, nest, paragraphs
from pipeline.render.page import page
from pipeline.render.values import (
    UNKNOWN_SPEAKER,
    amount_of,
    claimant_name,
    describe_normalized,
    entity_name,
    label_color,
    label_colors,
    speaker_name,
)

# Claims are sentences, quotes live inside or across them, attributions and entities inside quotes.
LAYER_CLAIM, LAYER_QUOTE, LAYER_ATTRIBUTION, LAYER_ENTITY = range(4)
PANEL_LABELS = (("PERSON", "People"), ("ORG", "Organizations"))
SNIPPET_CHARS = 160
CLAIM_TINT = (0.03, 0.12)  # a claim's background opacity: base + slope × score, so stronger claims stand out
EMPTY = '<p class="empty">None found.</p>'


def entity_title(entity: dict) -> str:
    """The tooltip of an entity: label, canonical name, normalized value, id."""
    parts = [entity["label"]]
    if entity.get("canonical") and entity["canonical"] != entity["text"]:
        parts.append(f"canonical: {entity['canonical']}")
    if described := describe_normalized(entity):
        parts.append(described)
    parts.append(entity["id"])
    return " · ".join(parts)


def entity_span(entity: dict, colors: dict[str, str]) -> Span:
    """The displaCy-style mark of one entity, its label shown after the text."""
    label = entity["label"]
    color = label_color(label, colors)
    return Span(
        entity["start"], entity["end"], LAYER_ENTITY, tag="mark",
        attrs={"class": "entity", "style": f"background: {color}", "data-label": label,
               "data-ref": entity["id"], "title": entity_title(entity)},
        anchor=entity["id"],
        tail=f'<span class="ent-label">{escape(label)}</span>',
    )


def quote_title(quote: dict) -> str:
    """The tooltip of a quote: id, type, speaker, cue, confidence."""
    parts = [quote["id"], f"{quote['type']} quote", f"speaker: {speaker_name(quote) or 'unknown'}"]
    if quote.get("cue"):
        parts.append(f"cue: {quote['cue']}")
    parts.append(f"confidence {quote['confidence']:.2f}")
    return " · ".join(parts)


def quote_spans(quote: dict) -> list[Span]:
    """The pieces of a quote (split around its attribution when ``spans`` says so), tagged with speaker and cue."""
    pieces = [tuple(piece) for piece in quote.get("spans") or []] or [(quote["start"], quote["end"])]
    speaker = speaker_name(quote) or UNKNOWN_SPEAKER
    cue = f" · {quote['cue']}" if quote.get("cue") else ""
    attrs = {"class": "quote", "data-ref": quote["id"], "data-speaker": speaker_name(quote) or "",
             "data-cue": quote.get("cue") or "", "data-type": quote["type"], "title": quote_title(quote)}
    spans = [Span(start, end, LAYER_QUOTE, attrs=attrs) for start, end in sorted(pieces)]
    spans[0].anchor = quote["id"]
    spans[-1].tail = f'<span class="tag quote-tag" data-for="{escape(quote["id"])}">— {escape(speaker)}{escape(cue)}</span>'
    return spans


def attribution_spans(quotes: list[dict]) -> list[Span]:
    """Speaker mentions and cues of the quotes, one mark per distinct range."""
    refs: dict[tuple[int, int, str], list[str]] = defaultdict(list)
    for quote in quotes:
        for role in ("speaker", "cue"):
            start, end = quote.get(f"{role}_start"), quote.get(f"{role}_end")
            if start is not None and end is not None:
                refs[(start, end, role)].append(quote["id"])
    return [
        Span(start, end, LAYER_ATTRIBUTION,
             attrs={"class": role, "data-ref": " ".join(ids), "title": f"{role} of {', '.join(ids)}"})
        for (start, end, role), ids in sorted(refs.items())
    ]


def claim_span(claim: dict) -> Span:
    """A claim, its score and kinds in a tag at its start."""
    kinds = ", ".join(claim["kinds"])
    tag = f"claim {claim['score']:.2f}" + (f" · {kinds}" if kinds else "")
    title = " · ".join(filter(None, [claim["id"], f"check-worthiness {claim['score']:.2f}", kinds and f"kinds: {kinds}",
                                     f"claimant: {claimant_name(claim) or 'the publication'}"]))
    return Span(
        claim["start"], claim["end"], LAYER_CLAIM,
        attrs={"class": "claim", "style": f"background: rgba(194, 65, 12, {CLAIM_TINT[0] + CLAIM_TINT[1] * claim['score']:.3f})",
               "data-ref": claim["id"], "data-score": f"{claim['score']:.4f}",
               "data-kinds": " ".join(claim["kinds"]), "title": title},
        anchor=claim["id"],
        head=f'<span class="tag claim-tag" data-for="{escape(claim["id"])}">{escape(tag)}</span>',
    )


def article_spans(record: dict, colors: dict[str, str]) -> list[Span]:
    """Every span to mark in the article: claims, quotes, attributions, entities."""
    spans = [claim_span(claim) for claim in record["claims"]]
    for quote in record["quotes"]:
        spans.extend(quote_spans(quote))
    spans.extend(attribution_spans(record["quotes"]))
    spans.extend(entity_span(entity, colors) for entity in record["entities"])
    return spans


def article_body(record: dict, colors: dict[str, str]) -> str:
    """The marked-up text, one ``<p>`` per paragraph; the first is the headline when the record has a title."""
    spans = article_spans(record, colors)
    out = []
    for number, (start, end) in enumerate(paragraphs(record["text"])):
        css = ' class="headline"' if number == 0 and record.get("title") else ""
        out.append(f"<p{css}>{nest(record['text'], spans, start, end)}</p>")
    return "\n".join(out)


def legend(record: dict, colors: dict[str, str]) -> str:
    """Toggle chips: one per entity label (with its count), one for quotes, one for claims."""
    counts: dict[str, int] = defaultdict(int)
    for entity in record["entities"]:
        counts[entity["label"]] += 1
    chips = [
        f'<span class="chip" data-label="{escape(label)}" style="background: {label_color(label, colors)}">'
        f"{escape(label)} {n}</span>"
        for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    chips.append(f'<span class="chip layer" data-layer="quotes" style="border-color: var(--quote); color: var(--quote)">quotes {len(record["quotes"])}</span>')
    chips.append(f'<span class="chip layer" data-layer="claims" style="border-color: var(--claim); color: var(--claim)">claims {len(record["claims"])}</span>')
    return f'<div class="legend">{"".join(chips)}<span class="hint">click to hide or show</span></div>'


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """``text`` cut to ``limit`` characters at a word boundary."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def panel_section(title: str, items: list[str], count: int | None = None) -> str:
    """One titled list of the side panel ('None found.' when empty)."""
    heading = f'<h3><span>{escape(title)}</span><span>{count if count is not None else len(items)}</span></h3>'
    body = f"<ul>{''.join(items)}</ul>" if items else EMPTY
    return f"<section>{heading}{body}</section>"


def entity_groups(entities: list[dict], label: str) -> list[tuple[str, list[dict]]]:
    """The entities of one label grouped by name, most mentioned first."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for entity in entities:
        if entity["label"] == label:
            groups[entity_name(entity)].append(entity)
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0].lower()))


def mention_item(name: str, mentions: list[dict], colors: dict[str, str], detail: str = "") -> str:
    """A panel row: swatch, name, optional detail, mention count; hovering it highlights the mentions."""
    refs = " ".join(m["id"] for m in mentions)
    color = label_color(mentions[0]["label"], colors)
    extra = f'<div class="small">{escape(detail)}</div>' if detail else ""
    return (f'<li data-ref="{escape(refs)}"><span class="swatch" style="background: {color}"></span>'
            f'<span class="grow">{escape(name)}{extra}</span><span class="count">{len(mentions)}×</span></li>')


def statute_items(entities: list[dict], colors: dict[str, str]) -> list[str]:
    """Statutes by name (canonical, else citation, else text) with their citation and law name when those differ."""
    items = []
    for name, mentions in entity_groups(entities, "LAW"):
        normalized = mentions[0].get("normalized") or {}
        details = dict.fromkeys(part for part in (normalized.get("citation"), normalized.get("name")) if part and part != name)
        items.append(mention_item(name, mentions, colors, " · ".join(details)))
    return items


def amount_items(entities: list[dict], colors: dict[str, str]) -> list[str]:
    """Amounts as written, with their normalized value, largest first (unparsed ones last)."""
    money = [e for e in entities if e["label"] == "MONEY"]
    money.sort(key=lambda e: (amount_of(e) is None, -(amount_of(e) or 0), e["start"]))
    items = []
    for entity in money:
        detail = describe_normalized(entity)
        items.append(mention_item(entity["text"], [entity], colors, detail if detail != entity["text"] else ""))
    return items


def quote_groups(quotes: list[dict]) -> str:
    """Quotes grouped by speaker, most quoted first, each with its cue."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for quote in quotes:
        groups[speaker_name(quote) or UNKNOWN_SPEAKER].append(quote)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] == UNKNOWN_SPEAKER, -len(kv[1]), kv[0].lower()))
    blocks = []
    for speaker, items in ordered:
        rows = "".join(
            f'<li data-ref="{escape(q["id"])}"><span class="grow"><span class="qtext">{escape(snippet(q["text"]))}</span>'
            f'<div class="small">{escape(q["id"])} · {escape(q["type"])}{escape(" · " + q["cue"]) if q.get("cue") else ""}</div></span></li>'
            for q in sorted(items, key=lambda q: q["start"])
        )
        blocks.append(f'<div class="speaker-group"><div class="who"><span>{escape(speaker)}</span>'
                      f'<span class="count">{len(items)}</span></div><ul>{rows}</ul></div>')
    heading = f'<h3><span>Quotes by speaker</span><span>{len(quotes)}</span></h3>'
    return f"<section>{heading}{''.join(blocks) or EMPTY}</section>"


def claim_items(claims: list[dict]) -> list[str]:
    """Claims ranked by score, with kinds and claimant."""
    rows = []
    for claim in sorted(claims, key=lambda c: (-c["score"], c["start"])):
        kinds = "".join(f'<span class="kind">{escape(kind)}</span>' for kind in claim["kinds"])
        who = claimant_name(claim)
        rows.append(
            f'<li data-ref="{escape(claim["id"])}"><span class="score">{claim["score"]:.2f}</span>'
            f'<span class="grow">{escape(snippet(claim["text"]))}<div class="small">{kinds}'
            f'{escape(who) if who else "publication’s voice"}</div></span></li>'
        )
    return rows


def side_panel(record: dict, colors: dict[str, str]) -> str:
    """People and organizations with mention counts, statutes, amounts, quotes by speaker, ranked claims."""
    entities = record["entities"]
    sections = []
    for label, title in PANEL_LABELS:
        groups = entity_groups(entities, label)
        sections.append(panel_section(title, [mention_item(name, ms, colors) for name, ms in groups]))
    sections.append(panel_section("Statutes", statute_items(entities, colors)))
    sections.append(panel_section("Amounts", amount_items(entities, colors)))
    sections.append(quote_groups(record["quotes"]))
    sections.append(panel_section("Claims, by check-worthiness", claim_items(record["claims"])))
    return f'<aside class="card">{"".join(sections)}</aside>'


def header(record: dict, back_link: str | None) -> str:
    """Title, source, url, date, counts and warnings of the article."""
    source = record["source"]
    where = source["path"] + (f":{source['line']}" if source.get("line") else "")
    meta = [f"<span>id <code>{escape(record['id'])}</code></span>", f"<span>{escape(where)}</span>"]
    if record.get("published"):
        meta.append(f"<span>published {escape(record['published'])}</span>")
    if record.get("url"):
        meta.append(f'<a href="{escape(record["url"], quote=True)}" rel="noopener noreferrer">{escape(record["url"])}</a>')
    meta.append(f"<span>{len(record['text'].split()):,} words · {len(record['entities'])} entities · "
                f"{len(record['quotes'])} quotes · {len(record['claims'])} claims</span>")
    if (record.get("meta") or {}).get("model"):
        meta.append(f"<span>model {escape(record['meta']['model'])}</span>")
    warnings = "".join(f'<div class="warning">⚠ {escape(w)}</div>' for w in (record.get("meta") or {}).get("warnings") or [])
    crumb = f'<a href="{escape(back_link, quote=True)}">← report</a> · ' if back_link else ""
    return (f'<header class="top"><div class="crumb">{crumb}newslens · article</div>'
            f"<h1>{escape(record.get('title') or record['id'])}</h1>"
            f'<div class="meta">{"".join(meta)}</div>{warnings}</header>')


def render_article(record: dict, back_link: str | None = None) -> str:
    """One self-contained HTML page showing what newslens found in a record."""
    colors = label_colors()
    body = (
        f"{header(record, back_link)}<main><div class=\"layout\">"
        f'<article class="card">{legend(record, colors)}<div class="doc">{article_body(record, colors)}</div></article>'
        f"{side_panel(record, colors)}</div></main>"
        '<footer>Made by newslens · entity colours from spaCy displaCy · works offline</footer>'
    )
    return page(record.get("title") or record["id"], body, script=True)
