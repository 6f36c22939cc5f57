"""The dump report: its tables and charts match counts computed directly from the records."""

from __future__ import annotations

import json
import re
from collections import Counter
from html import unescape
from itertools import islice
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.ingest import read_articles
from pipeline.runner import process
from pipeline.write import JsonlWriter
from tests.conftest import shared_file
from tests.test_render import budget_record, claim, entity, money, quote, record

TOP = 5
ARTICLES = [
    {"id": "water-1", "title": "Senate passes water bill", "published": "2024-03-01", "url": "https://example.org/water",
     "text": 'Senator Maria Lopez said the bill "will protect every family in Ohio." The Environmental Protection '
             "Agency estimated the cleanup at $12 million. Lopez cited the Clean Water Act and the Safe Drinking Water Act."},
    {"id": "budget-2", "title": "Governor signs budget", "published": "2024-03-05",
     "text": 'Governor Tom Reed signed a $3.2 billion budget on Tuesday. "This budget keeps our promises," Reed said. '
             "The Department of Education will receive $400 million, and the Environmental Protection Agency $15 million."},
    {"id": "union-3", "title": "Union talks stall", "published": "2024-03-20",
     "text": "Talks between the United Auto Workers and Ford Motor Company stalled on Friday, union president Ann Miles "
             'said. "We are not going back to the table until Ford makes a real offer," Miles told reporters.'},
    {"id": "empty-4", "title": "Nothing here", "text": "   "},
]


def school_record() -> dict:
    """A hand-built record with two speakers, an amount larger than the others, and claims."""
    rec = record("schools-5", "School funding", 'Principal Ann Miles said "we need $50 million to fix the roofs." '
                 'Superintendent Bo Chan said "the roofs can wait." Miles said "the roofs cannot wait."',
                 published="2024-03-05")
    t = rec["text"]
    rec["entities"] = [entity(t, "e1", "Ann Miles", "PERSON", canonical="Ann Miles"),
                       entity(t, "e2", "$50 million", "MONEY", normalized=money(50_000_000)),
                       entity(t, "e3", "Bo Chan", "PERSON", canonical="Bo Chan"),
                       entity(t, "e4", "Miles", "PERSON", t.index("Miles said"), canonical="Ann Miles")]
    rec["quotes"] = [
        quote(t, "q1", '"we need $50 million to fix the roofs."', ("Ann Miles", "e1", 0), ("said", 0), canonical="Ann Miles"),
        quote(t, "q2", '"the roofs can wait."', ("Bo Chan", "e3", 0), ("said", t.index("Chan said")), canonical="Bo Chan"),
        quote(t, "q3", '"the roofs cannot wait."', ("Miles", "e4", t.index("Miles said")), ("said", t.index("Miles said")),
              canonical="Ann Miles"),
        quote(t, "q4", '"the roofs can wait."', None, None, qtype="direct"),  # unattributed
    ]
    rec["claims"] = [claim(t, "c1", "we need $50 million to fix the roofs.", 0.88, ["numeric", "quote"], "Ann Miles", "q1", ["e2"])]
    return rec


def write_dump(folder: Path, records_and_failures: list[dict]) -> Path:
    """Write records and failure entries as newslens does: NAME.jsonl and NAME.errors.jsonl."""
    output = folder / "news.jsonl"
    with JsonlWriter(output, append=False) as writer:
        for item in records_and_failures:
            writer.write(item)
    return output


def entity_name(entity: dict) -> str:
    """The name the report ranks an entity under: canonical, else a statute's citation, else the text."""
    normalized = entity["normalized"] or {}
    return entity["canonical"] or (normalized.get("citation") if entity["label"] == "LAW" else None) or entity["text"]


def ranked(counts: Counter, top: int) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]


def expected_report(records: list[dict], errors: int, top: int) -> dict:
    """Every number of the report, computed straight from the records."""
    speakers = Counter(q["speaker_canonical"] or q["speaker"] for r in records for q in r["quotes"]
                       if q["speaker_canonical"] or q["speaker"])
    mentioning = {}
    for key, label in (("people", "PERSON"), ("organizations", "ORG"), ("statutes", "LAW")):
        mentioning[key] = ranked(Counter(name for r in records for name in
                                         {entity_name(e) for e in r["entities"] if e["label"] == label}), top)
    labels = Counter(e["label"] for r in records for e in r["entities"])
    amounts = {(r["id"], e["normalized"]["amount"]) for r in records for e in r["entities"]
               if e["label"] == "MONEY" and e["normalized"] and e["normalized"].get("amount") is not None
               and e["normalized"].get("currency") == "USD"}
    claims, seen = [], set()
    for score, article, _, cid, text in sorted(((c["score"], r["id"], c["start"], c["id"], " ".join(c["text"].split()))
                                                for r in records for c in r["claims"]), key=lambda c: (-c[0], c[1], c[2])):
        if text not in seen:  # identical sentences are one row, keyed by their highest-scoring occurrence
            seen.add(text)
            claims.append((score, article, None, cid))
    claims = claims[:top]
    return {
        "stats": {"articles": len(records), "words": sum(len(r["text"].split()) for r in records), "errors": errors,
                  "entities": sum(len(r["entities"]) for r in records), "quotes": sum(len(r["quotes"]) for r in records),
                  "claims": sum(len(r["claims"]) for r in records)},
        "speakers": ranked(speakers, top),
        "all_speakers": ranked(speakers, len(speakers)),
        **mentioning,
        "labels": ranked(labels, len(labels)),
        "amounts": sorted(amounts, key=lambda a: (-a[1], a[0]))[:top],
        "claims": [(f"{article}/{cid}", score) for score, article, _, cid in claims],
    }


def table(html: str, name: str) -> list[tuple[str, str]]:
    """The (data-key, data-value) rows of one report table."""
    match = re.search(rf'<table (?:class="[^"]*" )?data-table="{name}">(.*?)</table>', html, re.S)
    assert match, f"no {name} table"
    return [(unescape(k), v) for k, v in re.findall(r'<tr(?: id="[^"]*")? data-key="([^"]*)" data-value="([^"]*)"', match.group(1))]


def chart(html: str, name: str) -> list[tuple[str, float]]:
    """The (label, value) bars of one report chart."""
    start = html.find(f'data-chart="{name}"')
    assert start >= 0, f"no {name} chart"
    section = html[start:html.index("</section>", start)]
    return [(unescape(k), float(v)) for k, v in re.findall(r'<a class="bar[^"]*" href="[^"]*" data-label="([^"]*)" data-value="([^"]*)"', section)]


def bar_targets(html: str) -> list[str]:
    """The href of every chart bar."""
    return [unescape(h) for h in re.findall(r'<a class="bar[^"]*" href="([^"]*)"', html)]


def assert_report_matches(html: str, expected: dict) -> None:
    """The report's stats, tables and charts equal the counts computed from the records."""
    stats = {k: int(v) for k, v in re.findall(r'data-stat="(\w+)" data-value="(\d+)"', html)}
    assert stats == expected["stats"]
    assert [(k, int(v)) for k, v in chart(html, "speakers")] == expected["speakers"]
    for name in ("people", "organizations", "statutes", "labels"):
        rows = [(key, int(value)) for key, value in table(html, name)] if expected[name] else []
        assert rows == expected[name], name
        assert [(k, int(v)) for k, v in chart(html, name)] == expected[name], name
    for href in bar_targets(html):  # every bar leads to the rows behind it
        assert href.startswith("#") and f'id="{href[1:]}"' in html, href
    if expected["amounts"]:
        assert [(k, float(v)) for k, v in table(html, "amounts")] == expected["amounts"]
    if expected["claims"]:
        assert [(k, pytest.approx(float(v), abs=1e-4)) for k, v in table(html, "claims")] == expected["claims"]
    unattributed = expected["stats"]["quotes"] - sum(n for _, n in expected["all_speakers"])
    assert (f"{unattributed:,} quotes have no speaker" in html) == (unattributed > 0)


@pytest.fixture(scope="module")
def dump(tmp_path_factory, nlp):
    """A processed dump: pipeline records of articles written here, hand-built records, and a failure."""
    folder = tmp_path_factory.mktemp("dump")
    raw = folder / "raw.jsonl"
    raw.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    items = list(process(read_articles([raw]), nlp)) + [budget_record(), school_record()]
    processed = folder / "processed"
    write_dump(processed, items)
    return processed, [i for i in items if "error" not in i], sum("error" in i for i in items)


def test_report_matches_records(dump, tmp_path):
    processed, records, errors = dump
    assert errors == 1 and len(records) == 5
    output = tmp_path / "out" / "report.html"
    result = CliRunner().invoke(app, ["report", str(processed), "-o", str(output), "--top", str(TOP)])
    assert result.exit_code == 0, result.output
    html = output.read_text(encoding="utf-8")
    expected = expected_report(records, errors, TOP)
    assert dict(expected["all_speakers"])["Ann Miles"] >= 2 and ("schools-5", 50_000_000) in expected["amounts"]
    assert_report_matches(html, expected)
    # the published dates span three weeks: one column per day, the dated articles counted on their day
    timeline = dict(chart(html, "timeline"))
    assert len(timeline) == 20
    assert timeline == {day: float(sum(r["published"] == day for r in records)) for day in timeline}
    assert sum(timeline.values()) == sum(1 for r in records if r["published"])


def test_report_links_open_article_views(dump, tmp_path):
    processed, records, _ = dump
    output = tmp_path / "report.html"
    assert CliRunner().invoke(app, ["report", str(processed), "-o", str(output)]).exit_code == 0
    html = output.read_text(encoding="utf-8")
    links = re.findall(r'<a href="(report_articles/[^"#]+)(#c\d+)?">', html)
    assert links
    claimed = {r["id"] for r in records if r["claims"]}
    assert len({href for href, _ in links}) >= len(claimed)
    for href, anchor in links:
        view = (tmp_path / unescape(href)).read_text(encoding="utf-8")
        assert '<a href="../report.html">' in view
        if anchor:
            assert f'id="{anchor[1:]}"' in view
    assert not re.search(r"\bsrc\s*=", html) and "<link" not in html and "url(" not in html


def test_report_on_empty_item_tables(tmp_path):
    processed = tmp_path / "bare"
    write_dump(processed, [record("bare-1", "Calm", "Nothing happened today.")])
    output = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(processed / "news.jsonl"), "-o", str(output)])
    assert result.exit_code == 0, result.output
    html = output.read_text(encoding="utf-8")
    assert 'data-stat="articles" data-value="1"' in html and "No claims." in html
    assert not (tmp_path / "report_articles").exists()


@pytest.mark.slow
def test_report_on_us_political_slice(nlp, tmp_path):
    source = shared_file("data/bench/us_political.jsonl")
    items = list(process(islice(read_articles([source]), 40), nlp))
    processed = tmp_path / "political"
    write_dump(processed, items)
    records = [i for i in items if "error" not in i]
    output = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(processed), "-o", str(output), "--top", "10"])
    assert result.exit_code == 0, result.output
    assert_report_matches(output.read_text(encoding="utf-8"), expected_report(records, len(items) - len(records), 10))


def test_parquet_export_gives_the_same_views(tmp_path):
    pytest.importorskip("pyarrow")
    from pipeline.export import export_parquet
    from pipeline.frames import load
    from pipeline.render import build_report, render_article, records_from_frames, render_report

    write_dump(tmp_path / "jsonl", [budget_record(), school_record()])
    export_parquet(tmp_path / "jsonl", tmp_path / "parquet")
    from_jsonl, from_parquet = load(tmp_path / "jsonl"), load(tmp_path / "parquet")
    for a, b in zip(records_from_frames(from_jsonl), records_from_frames(from_parquet), strict=True):
        assert render_article(a) == render_article(b)
    reports = [re.sub(r"generated [^<]*", "", render_report(build_report(frames))) for frames in (from_jsonl, from_parquet)]
    assert reports[0] == reports[1]
