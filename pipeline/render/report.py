"""The dump report: counts, top speakers, people, organizations, statutes, amounts and claims, with SVG charts.

``build_report`` computes the numbers from the DataFrames of ``pipeline.load`` (pure pandas);
``render_report`` turns them into one HTML page; ``write_report`` also writes the view of every
article the report links to into a folder beside it (``NAME_articles/``), so the report and its
links work from disk, offline.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html import escape
from pathlib import Path

import pandas as pd

from pipeline.frames import NewsFrames
from pipeline.render.article import render_article, snippet
from pipeline.render.frames import plain, records_from_frames
from pipeline.render.page import page
from pipeline.render.svg import bar_chart, column_chart
from pipeline.render.values import (
    claimant_name,
    entity_name,
    format_money,
    label_color,
    label_colors,
    speaker_name,
)

DEFAULT_TOP = 15
RANKED_LABELS = {"people": "PERSON", "organizations": "ORG", "statutes": "LAW"}
RANKED_CURRENCY = "USD"  # amounts in other currencies are counted, not ranked against dollars
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".parquet")
SCORE_BINS = 10


@dataclass
class Report:
    """Everything the report page shows, as plain data."""

    source: str
    articles: int
    words: int
    errors: int
    entities: int
    quotes: int
    claims: int
    speakers: list[tuple[str, int]]  # (speaker, quotes)
    unattributed_quotes: int
    ranked: dict[str, list[tuple[str, int]]]  # people/organizations/statutes: (name, articles mentioning)
    labels: list[tuple[str, int]]  # (label, mentions)
    amounts: list[dict]  # {amount, currency, text, article_id, title}
    other_currency_amounts: int
    top_claims: list[dict]  # {score, text, kinds, claimant, article_id, title}
    timeline: list[tuple[str, int]] = field(default_factory=list)  # (period, articles published)
    timeline_unit: str = ""
    score_histogram: list[tuple[str, int]] = field(default_factory=list)


def error_files(path: Path) -> list[Path]:
    """The errors files that go with a processed file (``NAME.errors.jsonl`` beside it) or directory."""
    if path.is_dir():
        return sorted(path.rglob("*.errors.jsonl"))
    name = path.name
    for suffix in RECORD_SUFFIXES:
        name = name.removesuffix(suffix)
    candidate = path.with_name(f"{name}.errors.jsonl")
    return [candidate] if candidate.exists() else []


def count_errors(path: Path) -> int:
    """The number of failure entries (non-blank lines) in the errors files of a processed dump."""
    total = 0
    for file in error_files(path):
        with open(file, encoding="utf-8") as lines:
            total += sum(1 for line in lines if line.strip())
    return total


def plain_rows(table: pd.DataFrame, columns: list[str] | None = None) -> list[dict]:
    """The rows of a table as dicts of plain values (nulls as None, whatever the storage format)."""
    table = table if columns is None else table[columns]
    return [{key: plain(value) for key, value in row.items()} for row in table.to_dict("records")]


def top_counts(counts: pd.Series, top: int) -> list[tuple[str, int]]:
    """The ``top`` largest counts, ties broken by name."""
    frame = counts.rename("n").rename_axis("name").reset_index()
    frame = frame.sort_values(["n", "name"], ascending=[False, True], kind="stable").head(top)
    return [(str(name), int(n)) for name, n in zip(frame["name"], frame["n"])]


def speaker_counts(quotes: pd.DataFrame) -> pd.Series:
    """Quotes per speaker (canonical name, else the mention); unattributed quotes left out."""
    names = pd.Series([speaker_name(q) for q in plain_rows(quotes, ["speaker", "speaker_canonical"])], dtype=object)
    return names.dropna().value_counts()


def articles_mentioning(entities: pd.DataFrame, label: str) -> pd.Series:
    """For one label, the number of distinct articles mentioning each entity name (canonical when present)."""
    subset = entities[entities["label"] == label]
    if subset.empty:
        return pd.Series(dtype=int)
    names = [entity_name(e) for e in plain_rows(subset, ["text", "label", "canonical", "normalized"])]
    return pd.DataFrame({"name": names, "article_id": subset["article_id"].to_numpy()}).groupby("name")["article_id"].nunique()


def money_amounts(frames: NewsFrames) -> pd.DataFrame:
    """One row per distinct normalized amount per article: amount, currency, text as written, article."""
    money = frames.entities[frames.entities["label"] == "MONEY"]
    found = []
    for entity in plain_rows(money, ["article_id", "text", "normalized"]):
        article_id, text, normalized = entity["article_id"], entity["text"], entity["normalized"]
        if isinstance(normalized, dict) and normalized.get("amount") is not None:
            found.append({"article_id": article_id, "text": text, "amount": float(normalized["amount"]),
                          "currency": normalized.get("currency")})
    amounts = pd.DataFrame(found, columns=["article_id", "text", "amount", "currency"])
    return amounts.drop_duplicates(["article_id", "amount", "currency"])


def largest_amounts(frames: NewsFrames, titles: dict[str, str], top: int) -> tuple[list[dict], int]:
    """The ``top`` largest dollar amounts with their article, and how many amounts are in other currencies."""
    amounts = money_amounts(frames)
    dollars = amounts[amounts["currency"] == RANKED_CURRENCY]
    dollars = dollars.sort_values(["amount", "article_id"], ascending=[False, True], kind="stable").head(top)
    ranked = [{**row, "title": titles.get(row["article_id"])} for row in plain_rows(dollars)]
    return ranked, int((amounts["currency"] != RANKED_CURRENCY).sum())


def highest_claims(frames: NewsFrames, titles: dict[str, str], top: int) -> list[dict]:
    """The ``top`` highest-scoring claims with claimant and article."""
    claims = frames.claims.sort_values(["score", "article_id", "start"], ascending=[False, True, True], kind="stable").head(top)
    return [
        {"score": float(c["score"]), "text": c["text"], "kinds": list(c["kinds"]), "claimant": claimant_name(c),
         "article_id": c["article_id"], "title": titles.get(c["article_id"]), "claim_id": c["id"]}
        for c in plain_rows(claims)
    ]


def publication_timeline(published: pd.Series) -> tuple[list[tuple[str, int]], str]:
    """Articles per day, month or year (whichever gives a readable axis) over the parsable ``published`` dates."""
    dates = pd.to_datetime(published.dropna().astype(str), errors="coerce", utc=True, format="mixed").dropna()
    if dates.empty:
        return [], ""
    days = (dates.max() - dates.min()).days
    unit, freq, fmt = ("day", "D", "%Y-%m-%d") if days <= 62 else ("month", "M", "%Y-%m") if days <= 6 * 366 else ("year", "Y", "%Y")
    periods = dates.dt.tz_localize(None).dt.to_period(freq)
    counts = periods.value_counts().sort_index()
    full = pd.period_range(counts.index.min(), counts.index.max(), freq=freq)
    counts = counts.reindex(full, fill_value=0)
    return [(period.strftime(fmt), int(n)) for period, n in counts.items()], unit


def score_histogram(scores: pd.Series) -> list[tuple[str, int]]:
    """Claims per score tenth (0.0–0.1, …, 0.9–1.0)."""
    if scores.empty:
        return []
    bins = (scores.astype(float).clip(0, 1) * SCORE_BINS).astype(int).clip(upper=SCORE_BINS - 1)
    counts = bins.value_counts()
    return [(f"{b / SCORE_BINS:.1f}", int(counts.get(b, 0))) for b in range(SCORE_BINS)]


def build_report(frames: NewsFrames, errors: int = 0, top: int = DEFAULT_TOP, source: str = "") -> Report:
    """Compute every number of the report from the four tables of a dump."""
    titles = dict(zip(frames.articles["article_id"], frames.articles["title"]))
    speakers = speaker_counts(frames.quotes)
    amounts, other_currency = largest_amounts(frames, titles, top)
    timeline, unit = publication_timeline(frames.articles["published"])
    labels = frames.entities["label"].value_counts()
    return Report(
        source=source,
        articles=len(frames.articles),
        words=int(frames.articles["words"].sum()),
        errors=errors,
        entities=len(frames.entities),
        quotes=len(frames.quotes),
        claims=len(frames.claims),
        speakers=top_counts(speakers, top),
        unattributed_quotes=len(frames.quotes) - int(speakers.sum()),
        ranked={key: top_counts(articles_mentioning(frames.entities, label), top) for key, label in RANKED_LABELS.items()},
        labels=top_counts(labels, len(labels)),
        amounts=amounts,
        other_currency_amounts=other_currency,
        top_claims=highest_claims(frames, titles, top),
        timeline=timeline,
        timeline_unit=unit,
        score_histogram=score_histogram(frames.claims["score"]),
    )


def article_file(article_id: str) -> str:
    """A safe, stable file name for an article's view."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", article_id).strip("-.")[:60]
    if safe != article_id:
        safe = f"{safe}-{hashlib.sha1(article_id.encode()).hexdigest()[:8]}"
    return f"{safe}.html"


def article_link(article_id: str, title: str | None, links: dict[str, str]) -> str:
    """The article's title, linked to its view when there is one."""
    text = escape(snippet(title or article_id, 90))
    href = links.get(article_id)
    return f'<a href="{escape(href, quote=True)}">{text}</a>' if href else text


def count_table(name: str, rows: list[tuple[str, int]], what: str, unit: str) -> str:
    """A ranked (name, count) table; every row carries its key and value as data attributes."""
    if not rows:
        return '<p class="empty">None found.</p>'
    body = "".join(
        f'<tr data-key="{escape(key, quote=True)}" data-value="{n}"><td class="num">{rank}</td><td>{escape(key)}</td><td class="num">{n:,}</td></tr>'
        for rank, (key, n) in enumerate(rows, 1)
    )
    return (f'<details><summary class="small">Table</summary><table data-table="{name}"><thead><tr><th class="num">#</th>'
            f'<th>{escape(what)}</th><th class="num">{escape(unit)}</th></tr></thead><tbody>{body}</tbody></table></details>')


def ranked_card(name: str, title: str, rows: list[tuple[str, int]], what: str, unit: str, color: str, note: str = "") -> str:
    """A card with a bar chart and its table."""
    chart = bar_chart(rows, color=color, title=title) if rows else ""
    note_html = f'<p class="small">{escape(note)}</p>' if note else ""
    return (f'<section class="card" data-card="{name}"><h2>{escape(title)}</h2>{note_html}'
            f'<div data-chart="{name}">{chart}</div>{count_table(name, rows, what, unit)}</section>')


def amounts_card(report: Report, links: dict[str, str]) -> str:
    """The largest dollar amounts with the article each comes from."""
    body = "".join(
        f'<tr data-key="{escape(a["article_id"], quote=True)}" data-value="{a["amount"]:.2f}">'
        f'<td class="num">{escape(format_money(a["amount"], a["currency"]))}</td><td>{escape(a["text"])}</td>'
        f'<td>{article_link(a["article_id"], a["title"], links)}</td></tr>'
        for a in report.amounts
    )
    note = (f"{report.other_currency_amounts:,} amounts in other currencies are not ranked."
            if report.other_currency_amounts else "")
    table = (f'<table data-table="amounts"><thead><tr><th class="num">amount</th><th>as written</th><th>article</th></tr></thead>'
             f"<tbody>{body}</tbody></table>" if body else '<p class="empty">No normalized dollar amounts.</p>')
    return f'<section class="card"><h2>Largest amounts (US dollars)</h2>{table}<p class="small">{escape(note)}</p></section>'


def claims_card(report: Report, links: dict[str, str]) -> str:
    """The highest-scoring claims with claimant, kinds and a link to the article's view."""
    lines = []
    for claim in report.top_claims:
        kinds = "".join(f'<span class="kind">{escape(kind)}</span>' for kind in claim["kinds"])
        href = links.get(claim["article_id"])
        text = escape(snippet(claim["text"], 300))
        if href:
            text = f'<a href="{escape(href + "#" + claim["claim_id"], quote=True)}">{text}</a>'
        lines.append(
            f'<tr data-key="{escape(claim["article_id"] + "/" + claim["claim_id"], quote=True)}" data-value="{claim["score"]:.4f}">'
            f'<td class="num"><span class="score">{claim["score"]:.2f}</span></td><td>{text}<div>{kinds}</div></td>'
            f'<td>{escape(claim["claimant"] or "publication’s voice")}</td>'
            f'<td>{article_link(claim["article_id"], claim["title"], links)}</td></tr>'
        )
    table = (f'<table data-table="claims"><thead><tr><th class="num">score</th><th>claim</th><th>claimant</th><th>article</th></tr></thead>'
             f'<tbody>{"".join(lines)}</tbody></table>' if lines else '<p class="empty">No claims.</p>')
    return f'<section class="card"><h2>Highest-scoring claims</h2>{table}</section>'


def stats(report: Report) -> str:
    """The headline counts."""
    cells = [("articles", report.articles), ("words", report.words), ("errors", report.errors),
             ("entities", report.entities), ("quotes", report.quotes), ("claims", report.claims)]
    return '<div class="stats">' + "".join(
        f'<div class="stat" data-stat="{name}" data-value="{n}"><div class="n">{n:,}</div><div class="what">{name}</div></div>'
        for name, n in cells) + "</div>"


def render_report(report: Report, links: dict[str, str] | None = None) -> str:
    """The report as one self-contained HTML page; ``links`` maps article ids to their views."""
    links = links or {}
    colors = label_colors()
    unattributed = f"{report.unattributed_quotes:,} quotes have no speaker." if report.unattributed_quotes else ""
    cards = [
        ranked_card("speakers", "Top speakers", report.speakers, "speaker", "quotes", "#2563eb", unattributed),
        ranked_card("people", "People", report.ranked["people"], "person", "articles", label_color("PERSON", colors),
                    "by number of articles mentioning them"),
        ranked_card("organizations", "Organizations", report.ranked["organizations"], "organization", "articles",
                    label_color("ORG", colors), "by number of articles mentioning them"),
        ranked_card("statutes", "Statutes", report.ranked["statutes"], "statute", "articles", label_color("LAW", colors),
                    "by number of articles mentioning them"),
    ]
    label_chart = bar_chart(report.labels, color={label: label_color(label, colors) for label, _ in report.labels}, title="mentions by label")
    cards.append(f'<section class="card" data-card="labels"><h2>Entity mentions by label</h2><div data-chart="labels">{label_chart}</div>'
                 f'{count_table("labels", report.labels, "label", "mentions")}</section>')
    if report.timeline:
        cards.append(f'<section class="card" data-card="timeline"><h2>Articles by {escape(report.timeline_unit)} published</h2>'
                     f'<div data-chart="timeline">{column_chart(report.timeline, title="articles published")}</div></section>')
    if report.score_histogram:
        cards.append(f'<section class="card" data-card="scores"><h2>Claims by check-worthiness score</h2>'
                     f'<div data-chart="scores">{column_chart(report.score_histogram, color="#c2410c", title="claim scores")}</div></section>')
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = (
        f'<header class="top"><div class="crumb">newslens · report</div><h1>{escape(report.source or "processed dump")}</h1>'
        f'<div class="meta"><span>generated {generated}</span>'
        f"<span>{len(links):,} linked article views</span></div></header>"
        f"<main>{stats(report)}<div class=\"grid2\">{''.join(cards)}</div>"
        f"{claims_card(report, links)}<div style=\"height: 20px\"></div>{amounts_card(report, links)}</main>"
        "<footer>Made by newslens · self-contained: no network needed</footer>"
    )
    return page(f"newslens report · {report.source}", body)


def linked_articles(report: Report) -> list[str]:
    """The ids of the articles the report links to (its claims and amounts), in first-seen order."""
    ids = [claim["article_id"] for claim in report.top_claims] + [amount["article_id"] for amount in report.amounts]
    return list(dict.fromkeys(ids))


def write_report(frames: NewsFrames, output: Path, errors: int = 0, top: int = DEFAULT_TOP, source: str = "") -> Report:
    """Write the report to ``output`` and the view of every linked article to ``NAME_articles/`` beside it."""
    report = build_report(frames, errors=errors, top=top, source=source)
    folder = output.with_name(f"{output.stem}_articles")
    links: dict[str, str] = {}
    ids = linked_articles(report)
    if ids:
        folder.mkdir(parents=True, exist_ok=True)
        for record in records_from_frames(frames, ids):
            name = article_file(record["id"])
            (folder / name).write_text(render_article(record, back_link=f"../{output.name}"), encoding="utf-8")
            links[record["id"]] = f"{folder.name}/{name}"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_report(report, links), encoding="utf-8")
    return report
