"""The dump report: counts, top speakers and their quotes, people, organizations, statutes, amounts and claims.

``build_report`` computes the numbers from the DataFrames of ``pipeline.load`` (pure pandas) as
plain data; ``render_report`` renders them through the ``report.html.j2`` template;
``write_report`` also writes the view of every article the report links to into a folder beside
it (``NAME_articles/``), so the report and its links work from disk, offline. Every chart bar
links to the rows behind it; identical claim and quote texts across articles are one row with a count.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from pipeline.frames import NewsFrames
from pipeline.render.article import render_article
from pipeline.render.frames import plain, records_from_frames
from pipeline.render.templating import render_template, safe_url, snippet
from pipeline.render.values import (
    PUBLICATION,
    UNKNOWN_SPEAKER,
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
BEHIND = 5  # items listed behind one chart row (articles, claims, names) before "and N more"
SPEAKER_QUOTES = 6  # distinct quotes shown under each top speaker
FRAGMENT_WORDS = 4  # quotes shorter than this are listed after the others
SPLIT_GROUPS = 6  # values of --by FIELD shown as their own columns; the rest are "(other)"
NO_VALUE = "(none)"
OTHER = "(other)"


@dataclass
class Report:
    """Everything the report page shows, as plain data."""

    title: str
    articles: int
    words: int
    errors: int
    entities: int
    quotes: int
    claims: int
    speakers: list[dict]  # rows: name, count, anchor, by
    speaker_quotes: list[dict]  # per top speaker: name, anchor, count, quotes (folded: text, count, occurrences)
    unattributed_quotes: int
    ranked: dict[str, list[dict]]  # people/organizations/statutes rows: name, count (articles mentioning), behind
    labels: list[dict]  # rows: name (label), count (mentions), behind (top names)
    amounts: list[dict]  # amount, currency, text, article_id
    other_currency_amounts: int
    top_claims: list[dict]  # folded: text, score, count, kinds, claimants, occurrences
    titles: dict[str, str | None] = field(default_factory=dict)  # of the articles the report names
    timeline: list[dict] = field(default_factory=list)  # rows: name (period), count, behind (articles)
    timeline_unit: str = ""
    score_histogram: list[dict] = field(default_factory=list)  # rows: name (bin), count, behind (claims)
    split: dict | None = None  # --by FIELD: field, groups, rows


# ---- inputs ---------------------------------------------------------------------------------


def error_files(path: Path) -> list[Path]:
    """The errors files that go with a processed file (``NAME.errors.jsonl`` beside it) or directory."""
    if path.is_dir():
        return sorted(path.rglob("*.errors.jsonl"))
    candidate = path.with_name(f"{dump_name(path)}.errors.jsonl")
    return [candidate] if candidate.exists() else []


def count_errors(path: Path) -> int:
    """The number of failure entries (non-blank lines) in the errors files of a processed dump."""
    total = 0
    for file in error_files(path):
        with open(file, encoding="utf-8") as lines:
            total += sum(1 for line in lines if line.strip())
    return total


def dump_name(path: Path) -> str:
    """A dump's name without its records suffix: ``news`` for ``news.jsonl``."""
    name = path.name
    for suffix in RECORD_SUFFIXES:
        name = name.removesuffix(suffix)
    return name


def manifest_title(path: Path) -> str | None:
    """The input name the batch manifest beside (or in) a processed dump records: ``us_political``, ``a + 2 more``."""
    if path.is_dir():  # a shard directory holds manifest.json; data/processed/ may hold one NAME.manifest.json
        found = [path / "manifest.json"] if (path / "manifest.json").exists() else sorted(path.glob("*.manifest.json"))
        candidate = found[0] if len(found) == 1 else path / "manifest.json"
    else:
        candidate = path.with_name(f"{dump_name(path)}.manifest.json")
    try:
        inputs = json.loads(candidate.read_text(encoding="utf-8"))["config"]["inputs"]
        names = [Path(str(item[0] if isinstance(item, list) else item)).name.split(".")[0] for item in inputs]
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None
    names = [name for name in names if name]
    return names[0] + (f" + {len(names) - 1} more" if len(names) > 1 else "") if names else None


def default_title(path: Path) -> str:
    """The report's title when ``--title`` is not given: the manifest's input name, else the dump's name."""
    return manifest_title(path) or dump_name(path) or str(path)


# ---- counting ---------------------------------------------------------------------------------


def plain_rows(table: pd.DataFrame, columns: list[str] | None = None) -> list[dict]:
    """The rows of a table as dicts of plain values (nulls as None, whatever the storage format)."""
    if columns is not None:
        table = table[[c for c in columns if c in table.columns]]
    return [{key: plain(value) for key, value in row.items()} for row in table.to_dict("records")]


def anchor(prefix: str, index: int) -> str:
    """The element id of row ``index`` of a list (ids from names could collide or carry odd characters)."""
    return f"{prefix}-{index + 1}"


def fold_key(text: str | None) -> str:
    """The text two claims or quotes must share to be one row: whitespace collapsed."""
    return " ".join((text or "").split())


def top_rows(counts: Counter, top: int, prefix: str) -> list[dict]:
    """The ``top`` largest counts as rows (name, count, anchor), ties broken by name."""
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [{"name": name, "count": n, "anchor": anchor(prefix, i), "behind": [], "more": 0, "by": {}}
            for i, (name, n) in enumerate(ordered)]


def extra_fields(value) -> dict:
    """An article's ``extra`` cell as a dict (a Parquet export may keep it as JSON text)."""
    value = plain(value)
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    return value if isinstance(value, dict) else {}


def article_values(articles: pd.DataFrame, field_name: str) -> dict[str, str] | None:
    """The value of ``field_name`` for every article: a column (``published``, ``source_path`` …) or a key of the
    input's own fields kept in ``extra`` (``extra.outlet``, or plain ``outlet`` when no column has that name).

    None when no article has such a field. Lists and dicts count as their JSON text; missing values as "(none)".
    """
    key = field_name.removeprefix("extra.")
    if field_name in articles.columns and field_name != "extra":
        values = [plain(v) for v in articles[field_name]]
    elif "extra" in articles.columns:
        values = [extra_fields(extra).get(key) for extra in articles["extra"]]
    elif f"extra.{key}" in articles.columns:
        values = [plain(v) for v in articles[f"extra.{key}"]]
    else:
        return None
    if all(v is None for v in values):
        return None
    shown = [NO_VALUE if v is None or v == "" else v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in values]
    return dict(zip(articles["article_id"], shown))


def split_of(frames: NewsFrames, field_name: str) -> dict:
    """Articles, words, entities, quotes and claims per value of ``field_name`` (the largest groups first)."""
    values = article_values(frames.articles, field_name)
    if values is None:
        raise ValueError(f"no article has a field {field_name!r} (fields: {', '.join(map(str, frames.articles.columns))})")
    sizes = Counter(values.values())
    named = [value for value, _ in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))[:SPLIT_GROUPS]]
    group = {article: value if value in named else OTHER for article, value in values.items()}
    groups = named + ([OTHER] if OTHER in group.values() else [])
    words = dict(zip(frames.articles["article_id"], frames.articles["words"]))
    rows = []
    for value in groups:
        ids = {a for a, g in group.items() if g == value}
        rows.append({"name": value, "articles": len(ids), "words": int(sum(words[a] for a in ids)),
                     **{table: int(getattr(frames, table)["article_id"].isin(ids).sum()) for table in ("entities", "quotes", "claims")}})
    return {"field": field_name, "groups": groups, "group_of": group, "rows": rows}


def by_groups(article_ids: list[str], split: dict | None) -> dict[str, int]:
    """Counts of ``article_ids`` (one per item) per split group."""
    if split is None:
        return {}
    counts = Counter(split["group_of"].get(a, OTHER) for a in article_ids)
    return {g: counts.get(g, 0) for g in split["groups"]}


def quote_names(quotes: pd.DataFrame) -> list[str | None]:
    """The speaker of every quote: the loader's ``speaker_name`` when it has one, else canonical, else the mention."""
    return [speaker_name(q) for q in plain_rows(quotes, ["speaker_name", "speaker", "speaker_canonical"])]


def speaker_lists(frames: NewsFrames, top: int, split: dict | None) -> tuple[list[dict], list[dict], int]:
    """Top speakers (quotes each), their quotes folded by text, and the number of unattributed quotes."""
    names = quote_names(frames.quotes)
    rows = plain_rows(frames.quotes, ["article_id", "id", "text", "type"])
    counts = Counter(name for name in names if name)
    speakers = top_rows(counts, top, "speaker")
    articles_of: dict[str, list[str]] = defaultdict(list)
    folded: dict[str, dict] = {}
    for name, row in zip(names, rows):
        if name:
            articles_of[name].append(row["article_id"])
        entry = folded.setdefault(fold_key(row["text"]), {"text": row["text"], "count": 0, "speakers": Counter(), "occurrences": []})
        entry["count"] += 1
        entry["speakers"][name or UNKNOWN_SPEAKER] += 1
        entry["occurrences"].append({"article_id": row["article_id"], "item_id": row["id"]})
    # Each distinct text is listed once, under the speaker it is most often credited to.
    by_speaker: dict[str, list[dict]] = defaultdict(list)
    for entry in folded.values():
        (speaker, _), *others = entry["speakers"].most_common()
        by_speaker[speaker].append({"text": entry["text"], "count": entry["count"], "occurrences": entry["occurrences"][:BEHIND],
                                    "also": [name for name, _ in others if name != UNKNOWN_SPEAKER]})
    blocks = []
    for row in speakers:
        row["href"] = f"#{row['anchor']}"
        row["by"] = by_groups(articles_of[row["name"]], split)
        # Most repeated first, but fragments of a few words ("this", "Here's") after the real quotes.
        quotes = sorted(by_speaker.get(row["name"], []),
                        key=lambda q: (len(q["text"].split()) < FRAGMENT_WORDS, -q["count"], -len(q["text"])))
        blocks.append({"name": row["name"], "anchor": row["anchor"], "count": row["count"], "by": row["by"],
                       "quotes": quotes[:SPEAKER_QUOTES], "more": max(0, len(quotes) - SPEAKER_QUOTES)})
    return speakers, blocks, len(names) - sum(counts.values())


def mentions_by_name(entities: pd.DataFrame, label: str) -> dict[str, list[str]]:
    """For one label, the distinct articles mentioning each name (the loader's ``name``, canonical, citation or text)."""
    subset = entities[entities["label"] == label]
    found: dict[str, list[str]] = defaultdict(list)
    for entity in plain_rows(subset, ["article_id", "text", "label", "name", "canonical", "normalized"]):
        articles = found[entity_name(entity)]
        if entity["article_id"] not in articles:
            articles.append(entity["article_id"])
    return found


def ranked_entities(frames: NewsFrames, label: str, prefix: str, top: int, split: dict | None) -> list[dict]:
    """The names of one label by number of articles mentioning them, each with the first articles behind it."""
    found = mentions_by_name(frames.entities, label)
    rows = top_rows(Counter({name: len(ids) for name, ids in found.items()}), top, prefix)
    for row in rows:
        ids = found[row["name"]]
        row["behind"] = [{"article_id": a} for a in ids[:BEHIND]]
        row["more"] = len(ids) - len(row["behind"])
        row["by"] = by_groups(ids, split)
    return rows


def label_rows(entities: pd.DataFrame) -> list[dict]:
    """Mentions per label, each with the label's most mentioned names behind it."""
    counts = Counter(entities["label"])
    rows = top_rows(counts, len(counts), "labels")
    names: dict[str, Counter] = defaultdict(Counter)
    for entity in plain_rows(entities, ["text", "label", "name", "canonical", "normalized"]):
        names[entity["label"]][entity_name(entity)] += 1
    for row in rows:
        common = names[row["name"]].most_common(BEHIND)
        row["behind"] = [{"text": f"{name} ({n:,})"} for name, n in common]
        row["more"] = len(names[row["name"]]) - len(common)
    return rows


def money_amounts(frames: NewsFrames) -> pd.DataFrame:
    """One row per distinct normalized amount per article: amount, currency, text as written, article."""
    money = frames.entities[frames.entities["label"] == "MONEY"]
    found = []
    for entity in plain_rows(money, ["article_id", "id", "text", "normalized"]):
        normalized = entity["normalized"]
        if isinstance(normalized, dict) and normalized.get("amount") is not None:
            found.append({"article_id": entity["article_id"], "item_id": entity["id"], "text": entity["text"],
                          "amount": float(normalized["amount"]), "currency": normalized.get("currency")})
    amounts = pd.DataFrame(found, columns=["article_id", "item_id", "text", "amount", "currency"])
    return amounts.drop_duplicates(["article_id", "amount", "currency"])


def largest_amounts(frames: NewsFrames, top: int) -> tuple[list[dict], int]:
    """The ``top`` largest dollar amounts with their article, and how many amounts are in other currencies."""
    amounts = money_amounts(frames)
    dollars = amounts[amounts["currency"] == RANKED_CURRENCY]
    dollars = dollars.sort_values(["amount", "article_id"], ascending=[False, True], kind="stable").head(top)
    ranked = [{**row, "formatted": format_money(row["amount"], row["currency"])} for row in plain_rows(dollars)]
    return ranked, int((amounts["currency"] != RANKED_CURRENCY).sum())


def folded_claims(claims: pd.DataFrame) -> list[dict]:
    """Claims folded by text (a syndicated sentence is one row with its count), highest score first."""
    folded: dict[str, dict] = {}
    rows = plain_rows(claims.sort_values(["score", "article_id", "start"], ascending=[False, True, True], kind="stable"),
                      ["article_id", "id", "text", "score", "kinds", "claimant", "claimant_canonical", "claimant_name"])
    for claim in rows:
        entry = folded.setdefault(fold_key(claim["text"]), {
            "text": claim["text"], "score": float(claim["score"]), "kinds": list(claim["kinds"] or []),
            "claimants": [], "count": 0, "occurrences": [], "key": f"{claim['article_id']}/{claim['id']}"})
        entry["count"] += 1
        who = claimant_name(claim) or PUBLICATION
        if who not in entry["claimants"]:
            entry["claimants"].append(who)
        if len(entry["occurrences"]) < BEHIND:
            entry["occurrences"].append({"article_id": claim["article_id"], "item_id": claim["id"]})
    return list(folded.values())


def publication_timeline(articles: pd.DataFrame) -> tuple[list[dict], str]:
    """Articles per day, month or year (whichever gives a readable axis), each period with its first articles."""
    published = articles["published"].map(plain)
    dates = pd.to_datetime(published.dropna().astype(str), errors="coerce", utc=True, format="mixed").dropna()
    if dates.empty:
        return [], ""
    days = (dates.max() - dates.min()).days
    unit, freq, fmt = ("day", "D", "%Y-%m-%d") if days <= 62 else ("month", "M", "%Y-%m") if days <= 6 * 366 else ("year", "Y", "%Y")
    periods = dates.dt.tz_localize(None).dt.to_period(freq)
    ids = articles.loc[periods.index, "article_id"]
    members: dict = defaultdict(list)
    for period, article_id in zip(periods, ids):
        members[period].append(article_id)
    full = pd.period_range(periods.min(), periods.max(), freq=freq)
    rows = []
    for i, period in enumerate(full):
        found = members.get(period, [])
        rows.append({"name": period.strftime(fmt), "count": len(found), "anchor": anchor("timeline", i),
                     "behind": [{"article_id": a} for a in found[:BEHIND]], "more": max(0, len(found) - BEHIND), "by": {}})
    return rows, unit


def score_histogram(claims: list[dict]) -> list[dict]:
    """Claims per score tenth (0.0–0.1, …, 0.9–1.0), each bin with its highest distinct claims behind it."""
    if not claims:
        return []
    bins: dict[int, list[dict]] = defaultdict(list)
    for claim in claims:
        bins[min(SCORE_BINS - 1, int(max(0.0, min(1.0, claim["score"])) * SCORE_BINS))].append(claim)
    rows = []
    for b in range(SCORE_BINS):
        members = bins.get(b, [])
        rows.append({"name": f"{b / SCORE_BINS:.1f}", "count": sum(c["count"] for c in members), "anchor": anchor("scores", b),
                     "behind": [{"text": snippet(c["text"], 120), **c["occurrences"][0]} for c in members[:3]],
                     "more": max(0, len(members) - 3), "by": {}})
    return rows


def build_report(frames: NewsFrames, errors: int = 0, top: int = DEFAULT_TOP, title: str = "", by: str | None = None) -> Report:
    """Compute every number of the report from the four tables of a dump (``by``: a field to split counts by)."""
    split = split_of(frames, by) if by else None
    speakers, speaker_quotes, unattributed = speaker_lists(frames, top, split)
    amounts, other_currency = largest_amounts(frames, top)
    timeline, unit = publication_timeline(frames.articles)
    claims = folded_claims(frames.claims)
    report = Report(
        title=title,
        articles=len(frames.articles),
        words=int(frames.articles["words"].sum()),
        errors=errors,
        entities=len(frames.entities),
        quotes=len(frames.quotes),
        claims=len(frames.claims),
        speakers=speakers,
        speaker_quotes=speaker_quotes,
        unattributed_quotes=unattributed,
        ranked={key: ranked_entities(frames, label, key, top, split) for key, label in RANKED_LABELS.items()},
        labels=label_rows(frames.entities),
        amounts=amounts,
        other_currency_amounts=other_currency,
        top_claims=claims[:top],
        timeline=timeline,
        timeline_unit=unit,
        score_histogram=score_histogram(claims),
        split=split,
    )
    titles = {a: plain(t) for a, t in zip(frames.articles["article_id"], frames.articles["title"])}
    report.titles = {a: titles.get(a) for a in named_articles(report)}
    return report


def named_articles(report: Report) -> list[str]:
    """The ids of the articles the report names (claims, quotes, amounts, rows behind the charts), first-seen order."""
    ids = [o["article_id"] for claim in report.top_claims for o in claim["occurrences"]]
    ids += [amount["article_id"] for amount in report.amounts]
    ids += [o["article_id"] for block in report.speaker_quotes for q in block["quotes"] for o in q["occurrences"]]
    for rows in (*report.ranked.values(), report.timeline, report.score_histogram):
        ids += [item["article_id"] for row in rows for item in row["behind"] if "article_id" in item]
    return list(dict.fromkeys(ids))


# ---- rendering ------------------------------------------------------------------------------------


def article_file(article_id: str) -> str:
    """A safe, stable file name for an article's view."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", article_id).strip("-.")[:60]
    if safe != article_id:
        safe = f"{safe}-{hashlib.sha1(article_id.encode()).hexdigest()[:8]}"
    return f"{safe}.html"


def bars(rows: list[dict], color: str | dict[str, str]) -> list[dict]:
    """Chart bars of ranked rows: each links to its row, its length relative to the largest."""
    largest = max((row["count"] for row in rows), default=0) or 1
    return [{"label": row["name"], "value": row["count"], "href": row.get("href") or f"#{row['anchor']}",
             "percent": max(1.0, 100 * row["count"] / largest) if row["count"] else 0.0,  # a one next to a thousand still shows
             "color": color.get(row["name"], "#4f7fd8") if isinstance(color, dict) else color} for row in rows]


def render_report(report: Report, links: dict[str, str] | None = None) -> str:
    """The report as one self-contained HTML page; ``links`` maps article ids to their views."""
    links = links or {}
    colors = label_colors()

    def article(article_id: str, item_id: str | None = None) -> dict:
        """An article as the page names it: its title (or id) and the link to its view, at an item when given."""
        href = links.get(article_id)
        return {"title": snippet(report.titles.get(article_id) or article_id, 90),
                "href": f"{href}#{item_id}" if href and item_id else href}

    charts = {
        "speakers": bars(report.speakers, "#2563eb"),
        **{key: bars(rows, label_color(RANKED_LABELS[key], colors)) for key, rows in report.ranked.items()},
        "labels": bars(report.labels, {row["name"]: label_color(row["name"], colors) for row in report.labels}),
        "timeline": bars(report.timeline, "#4f7fd8"),
        "scores": bars(report.score_histogram, "#b45309"),
    }
    return render_template(
        "report.html.j2", report=report, charts=charts, article=article, links=links, safe_url=safe_url,
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), publication=PUBLICATION,
    )


def write_report(frames: NewsFrames, output: Path, errors: int = 0, top: int = DEFAULT_TOP, title: str = "",
                 by: str | None = None) -> Report:
    """Write the report to ``output`` and the view of every article it names to ``NAME_articles/`` beside it."""
    report = build_report(frames, errors=errors, top=top, title=title, by=by)
    folder = output.with_name(f"{output.stem}_articles")
    links: dict[str, str] = {}
    ids = named_articles(report)
    if ids:
        folder.mkdir(parents=True, exist_ok=True)
        for record in records_from_frames(frames, ids):
            name = article_file(record["id"])
            (folder / name).write_text(render_article(record, back_link=f"../{output.name}"), encoding="utf-8")
            links[record["id"]] = f"{folder.name}/{name}"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_report(report, links), encoding="utf-8")
    return report
