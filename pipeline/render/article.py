"""The article view: the text with entities (displaCy style), quotes and top claims marked, and a side panel.

The view opens calm: entities as displaCy marks, quotes underlined with their speaker, and only
the article's top-ranked claims marked in the text (the others on demand). The panel starts with
the claims ranked by check-worthiness. Every mark opens a small popover with its details on
click or tap; its data travel as one JSON object, never as markup.
"""

from __future__ import annotations

from collections import defaultdict
from math import inf

from pipeline.render.markup import Node, Span, events, nest, paragraphs
from pipeline.render.templating import render_template, safe_url, snippet
from pipeline.render.values import (
    PUBLICATION,
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
MARKED_CLAIMS = 3  # claims ranked this high are marked in the text from the start; the rest on demand
PANEL_CLAIMS = 3  # claims listed before "all claims", so people, statutes and amounts show at first sight too
PANEL_SNIPPET = 120
SPEAKER_LABEL = 40  # characters of a speaker's name after a quote
# Bare numbers and times add colour without meaning to most readers: their marks start switched off (chips turn them on).
QUIET_LABELS = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "TIME"})
SHOWN_PILLS, SHOWN_ROWS = 12, 8  # panel entries shown before "all N"


def ranked_claims(claims: list[dict]) -> list[tuple[int, dict]]:
    """The claims with their rank in the article: the record's ``rank`` when present, else by score (1 = first to check)."""
    order = sorted(claims, key=lambda c: (c.get("rank") if c.get("rank") is not None else inf, -(c.get("score") or 0), c["start"]))
    return [(claim.get("rank") or position, claim) for position, claim in enumerate(order, 1)]


def entity_span(entity: dict, colors: dict[str, str]) -> Span:
    """The displaCy-style mark of one entity, its label after the text."""
    label = entity["label"]
    return Span(
        entity["start"], entity["end"], LAYER_ENTITY, tag="mark",
        attrs={"class": "entity off" if label in QUIET_LABELS else "entity", "style": f"background: {label_color(label, colors)}", "data-label": label,
               "data-ref": entity["id"]},
        anchor=entity["id"],
        tail=Node("span", {"class": "ent-label"}, [label]),
    )


def quote_spans(quote: dict) -> list[Span]:
    """The pieces of a quote (split around its attribution when ``spans`` says so); the last ends with the speaker."""
    pieces = [tuple(piece) for piece in quote.get("spans") or []] or [(quote["start"], quote["end"])]
    attrs = {"class": "quote", "data-ref": quote["id"], "data-speaker": speaker_name(quote), "data-cue": quote.get("cue")}
    spans = [Span(start, end, LAYER_QUOTE, attrs=attrs) for start, end in sorted(pieces)]
    spans[0].anchor = quote["id"]
    label = f"— {snippet(speaker_name(quote) or UNKNOWN_SPEAKER, SPEAKER_LABEL)}"  # the popover has the whole name
    spans[-1].tail = Node("span", {"class": "who", "data-for": quote["id"]}, [label])
    return spans


def attribution_spans(quotes: list[dict]) -> list[Span]:
    """Speaker mentions of the quotes, one mark per distinct range (cues stay plain: the popover names them)."""
    refs: dict[tuple[int, int], list[str]] = defaultdict(list)
    for quote in quotes:
        start, end = quote.get("speaker_start"), quote.get("speaker_end")
        if start is not None and end is not None:
            refs[(start, end)].append(quote["id"])
    return [Span(start, end, LAYER_ATTRIBUTION, attrs={"class": "speaker", "data-ref": " ".join(ids)})
            for (start, end), ids in sorted(refs.items())]


def claim_span(rank: int, claim: dict) -> Span:
    """A claim with its rank; marked from the start only when it ranks in the article's top."""
    marked = "claim marked" if rank <= MARKED_CLAIMS else "claim"
    return Span(
        claim["start"], claim["end"], LAYER_CLAIM,
        attrs={"class": marked, "data-ref": claim["id"], "data-rank": str(rank), "data-score": f"{claim['score']:.4f}",
               "data-kinds": " ".join(claim.get("kinds") or [])},
        anchor=claim["id"],
        head=Node("button", {"class": "rank", "type": "button", "data-ref": claim["id"],
                             "aria-label": f"claim ranked {rank}"}, [str(rank)]),
    )


def article_spans(record: dict, colors: dict[str, str]) -> list[Span]:
    """Every span to mark: claims, quotes, attributions, entities."""
    spans = [claim_span(rank, claim) for rank, claim in ranked_claims(record["claims"])]
    for quote in record["quotes"]:
        spans.extend(quote_spans(quote))
    spans.extend(attribution_spans(record["quotes"]))
    spans.extend(entity_span(entity, colors) for entity in record["entities"])
    return spans


def article_body(record: dict, colors: dict[str, str]) -> list[dict]:
    """The paragraphs as trees of marks; the first is the headline when the record has a title."""
    text, spans = record["text"], article_spans(record, colors)
    return [{"headline": number == 0 and bool(record.get("title")), "steps": events(nest(text, spans, start, end))}
            for number, (start, end) in enumerate(paragraphs(text))]


def details(record: dict) -> dict[str, dict]:
    """What the popover shows for each mark, by item id: plain text rows, no markup."""
    found: dict[str, dict] = {}
    for entity in record["entities"]:
        rows = [["name", entity_name(entity)]] if entity_name(entity) != entity["text"] else []
        if described := describe_normalized(entity):
            rows.append(["value", described])
        found[entity["id"]] = {"kind": entity["label"], "title": entity["text"], "rows": rows}
    for quote in record["quotes"]:
        rows = [["speaker", speaker_name(quote) or "unknown"], ["type", quote.get("type") or ""]]
        if quote.get("cue"):
            rows.append(["cue", quote["cue"]])
        if quote.get("confidence") is not None:
            rows.append(["confidence", f"{quote['confidence']:.2f}"])
        found[quote["id"]] = {"kind": "quote", "title": snippet(quote["text"], 140), "rows": rows}
    for rank, claim in ranked_claims(record["claims"]):
        rows = [["rank", f"{rank} of {len(record['claims'])}"], ["check-worthiness", f"{claim['score']:.2f}"],
                ["claimant", claimant_name(claim) or PUBLICATION]]
        if claim.get("kinds"):
            rows.append(["kinds", ", ".join(claim["kinds"])])
        found[claim["id"]] = {"kind": "claim", "title": snippet(claim["text"], 140), "rows": rows}
    return found


def legend(record: dict, colors: dict[str, str]) -> list[dict]:
    """One chip per entity label, with its count and colour, most frequent first."""
    counts: dict[str, int] = defaultdict(int)
    for entity in record["entities"]:
        counts[entity["label"]] += 1
    return [{"label": label, "count": n, "color": label_color(label, colors), "on": label not in QUIET_LABELS}
            for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def entity_groups(entities: list[dict], label: str) -> list[tuple[str, list[dict]]]:
    """The entities of one label grouped by name, most mentioned first."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for entity in entities:
        if entity["label"] == label:
            groups[entity_name(entity)].append(entity)
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0].lower()))


def mention_row(name: str, mentions: list[dict], colors: dict[str, str], detail: str = "") -> dict:
    """A panel entry: name, detail, mention count, colour; it links to the first mention and marks them all."""
    return {"name": name, "detail": detail, "count": len(mentions), "color": label_color(mentions[0]["label"], colors),
            "href": f"#{mentions[0]['id']}", "refs": " ".join(m["id"] for m in mentions)}


def statute_rows(entities: list[dict], colors: dict[str, str]) -> list[dict]:
    """Statutes by name, with their citation and law name when those differ from it."""
    rows = []
    for name, mentions in entity_groups(entities, "LAW"):
        normalized = mentions[0].get("normalized") or {}
        parts = dict.fromkeys(p for p in (normalized.get("citation"), normalized.get("name")) if p and p != name)
        rows.append(mention_row(name, mentions, colors, " · ".join(parts)))
    return rows


def amount_rows(entities: list[dict], colors: dict[str, str]) -> list[dict]:
    """Amounts as written with their normalized value, largest first (unparsed ones last)."""
    money = sorted((e for e in entities if e["label"] == "MONEY"),
                   key=lambda e: (amount_of(e) is None, -(amount_of(e) or 0), e["start"]))
    rows = []
    for entity in money:
        detail = describe_normalized(entity)
        rows.append(mention_row(entity["text"], [entity], colors, detail if detail != entity["text"] else ""))
    return rows


def quote_groups(quotes: list[dict]) -> list[dict]:
    """Quotes grouped by speaker, most quoted first, in text order within a speaker."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for quote in quotes:
        groups[speaker_name(quote) or UNKNOWN_SPEAKER].append(quote)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] == UNKNOWN_SPEAKER, -len(kv[1]), kv[0].lower()))
    return [{"speaker": speaker,
             "quotes": [{"id": q["id"], "text": snippet(q["text"]), "type": q.get("type"), "cue": q.get("cue")}
                        for q in sorted(items, key=lambda q: q["start"])]}
            for speaker, items in ordered]


def claim_rows(record: dict) -> list[dict]:
    """The claims in rank order, for the top of the panel."""
    return [{"id": claim["id"], "rank": rank, "score": claim["score"], "text": snippet(claim["text"], PANEL_SNIPPET),
             "kinds": claim.get("kinds") or [], "claimant": claimant_name(claim) or PUBLICATION, "marked": rank <= MARKED_CLAIMS}
            for rank, claim in ranked_claims(record["claims"])]


def panel(record: dict, colors: dict[str, str]) -> dict:
    """The side panel: ranked claims first, then people, statutes, amounts, organizations, quotes by speaker."""
    entities = record["entities"]
    people, organizations = ([mention_row(name, ms, colors) for name, ms in entity_groups(entities, label)] for label in ("PERSON", "ORG"))
    lists = [{"title": "People", "rows": people, "pills": True, "shown": SHOWN_PILLS},
             {"title": "Statutes", "rows": statute_rows(entities, colors), "pills": False, "shown": SHOWN_ROWS},
             {"title": "Amounts", "rows": amount_rows(entities, colors), "pills": False, "shown": SHOWN_ROWS},
             {"title": "Organizations", "rows": organizations, "pills": True, "shown": SHOWN_PILLS}]
    return {"claims": claim_rows(record), "shown_claims": PANEL_CLAIMS, "lists": lists,
            "quote_groups": quote_groups(record["quotes"]), "quotes": len(record["quotes"])}


def header(record: dict, back_link: str | None) -> dict:
    """Title, source, link, date, counts and warnings of the article; only an http(s) URL becomes a link."""
    source = record.get("source") or {}
    meta = record.get("meta") or {}
    where = (source.get("path") or "") + (f":{source['line']}" if source.get("line") else "")
    return {"title": record.get("title") or record["id"], "id": record["id"], "where": where,
            "published": record.get("published"), "url": record.get("url"), "href": safe_url(record.get("url")),
            "words": len(record["text"].split()), "entities": len(record["entities"]), "quotes": len(record["quotes"]),
            "claims": len(record["claims"]), "model": meta.get("model"), "warnings": meta.get("warnings") or [],
            "back_link": back_link}


def render_article(record: dict, back_link: str | None = None) -> str:
    """One self-contained HTML page showing what newslens found in a record."""
    colors = label_colors()
    record = {**record, **{key: record.get(key) or [] for key in ("entities", "quotes", "claims")}}
    return render_template(
        "article.html.j2", header=header(record, back_link), legend=legend(record, colors),
        paragraphs=article_body(record, colors), panel=panel(record, colors), details=details(record),
        marked_claims=MARKED_CLAIMS,
    )
