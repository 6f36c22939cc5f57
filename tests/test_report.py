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

import pipeline
from pipeline.cli import app
from pipeline.ingest import read_articles
from pipeline.record import is_failure
from pipeline.runner import process
from pipeline.write import JsonlWriter
from conftest import budget_record, claim, entity, money, quote, record, shared_file

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


def expected_report(records: list[dict], errors: int, top: int, processed: Path) -> dict:
    """Every number of the report, computed straight from the records and, for the names people,
    organizations and speakers are counted under, the loader's dump-level names of ``processed``."""
    frames = pipeline.load(processed)
    names = dict(zip(zip(frames.entities["article_id"], frames.entities["id"]), frames.entities["name"]))
    speaker_names = dict(zip(zip(frames.quotes["article_id"], frames.quotes["id"]), frames.quotes["speaker_name"]))
    speakers = Counter(speaker_names[r["id"], q["id"]] for r in records for q in r["quotes"]
                       if isinstance(speaker_names[r["id"], q["id"]], str))
    mentioning = {}
    for key, label in (("people", "PERSON"), ("organizations", "ORG"), ("statutes", "LAW")):
        mentioning[key] = ranked(Counter(name for r in records for name in
                                         {names[r["id"], e["id"]] if isinstance(names[r["id"], e["id"]], str) else entity_name(e) for e in r["entities"] if e["label"] == label}), top)
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
    return processed, [i for i in items if not is_failure(i)], sum(map(is_failure, items))


def test_report_matches_records(dump, tmp_path):
    processed, records, errors = dump
    assert errors == 1 and len(records) == 5
    output = tmp_path / "out" / "report.html"
    result = CliRunner().invoke(app, ["report", str(processed), "-o", str(output), "--top", str(TOP)])
    assert result.exit_code == 0, result.output
    html = output.read_text(encoding="utf-8")
    expected = expected_report(records, errors, TOP, processed)
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
    records = [i for i in items if not is_failure(i)]
    output = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(processed), "-o", str(output), "--top", "10"])
    assert result.exit_code == 0, result.output
    assert_report_matches(output.read_text(encoding="utf-8"), expected_report(records, len(items) - len(records), 10, processed))


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


def syndicated_records() -> list[dict]:
    """Two articles carrying the same sentence and the same quote (syndication), and a third with none of it."""
    body = 'Senator Ann Miles said "the bridge will cost $40 million." The bridge will cost $40 million by 2026.'
    records = []
    for rid, source in (("wire-1", "outlet-a.jsonl"), ("wire-2", "outlet-b.jsonl")):
        rec = record(rid, f"Bridge story {rid}", body, published="2024-05-01")
        rec["source"]["path"] = source
        t = rec["text"]
        rec["entities"] = [entity(t, "e1", "Ann Miles", "PERSON", canonical="Ann Miles")]
        rec["quotes"] = [quote(t, "q1", '"the bridge will cost $40 million."', ("Ann Miles", "e1", 0), ("said", 0), canonical="Ann Miles")]
        rec["claims"] = [claim(t, "c1", "The bridge will cost $40 million by 2026.", 0.91, ["numeric"])]
        records.append(rec)
    other = record("local-3", "Council meets", 'Mayor Bo Chan said "we will vote on Friday."')
    other["source"]["path"] = "outlet-a.jsonl"
    t = other["text"]
    other["quotes"] = [quote(t, "q1", '"we will vote on Friday."', ("Bo Chan", None, 0), ("said", 0), canonical="Bo Chan")]
    other["claims"] = [claim(t, "c1", 'Mayor Bo Chan said "we will vote on Friday."', 0.35, ["quote"], "Bo Chan", "q1")]
    return records + [other]


def test_report_folds_identical_claims_and_quotes_into_one_row_with_a_count(tmp_path):
    processed = write_dump(tmp_path / "dump", syndicated_records())
    output = tmp_path / "report.html"
    assert CliRunner().invoke(app, ["report", str(processed), "-o", str(output)]).exit_code == 0
    html = output.read_text(encoding="utf-8")
    claims = re.search(r'<table class="stack" data-table="claims">(.*?)</table>', html, re.S).group(1)
    assert re.findall(r'data-count="(\d+)"', claims) == ["2", "1"]
    assert claims.count("The bridge will cost $40 million by 2026.") == 1 and "×2" in claims
    quotes = html[html.index('data-card="quotes"'):]
    quotes = quotes[:quotes.index("</section>")]
    assert quotes.count("the bridge will cost $40 million.") == 1
    assert re.search(r'<li data-count="2">.*?the bridge will cost \$40 million\.', quotes)


def test_speakers_and_every_chart_bar_link_to_the_rows_behind_them(tmp_path):
    processed = write_dump(tmp_path / "dump", syndicated_records())
    output = tmp_path / "report.html"
    assert CliRunner().invoke(app, ["report", str(processed), "-o", str(output)]).exit_code == 0
    html = output.read_text(encoding="utf-8")
    speaker_bars = re.findall(r'data-chart="speakers".*?</ol>', html, re.S)[0]
    targets = dict((unescape(label), href) for href, label in re.findall(r'href="(#[^"]+)" data-label="([^"]*)"', speaker_bars))
    assert set(targets) == {"Ann Miles", "Bo Chan"}
    for speaker, href in targets.items():
        block = re.search(rf'<div class="speaker-block" id="{href[1:]}" data-key="([^"]*)">(.*?)</div>', html, re.S)
        assert block and unescape(block.group(1)) == speaker
        quoted = {"Ann Miles": "the bridge will cost $40 million.", "Bo Chan": "we will vote on Friday."}[speaker]
        assert quoted in block.group(2)
        # the quote links to its place in an article view written beside the report
        link = unescape(re.search(r'<a href="([^"]+)">', block.group(2)).group(1))
        view, anchor = link.split("#")
        assert f'id="{anchor}"' in (tmp_path / view).read_text(encoding="utf-8")
    for href in bar_targets(html):
        assert re.search(rf'id="{re.escape(href[1:])}"', html), href
    # a people bar leads to a table row listing the articles behind its count
    row = re.search(r'<tr id="people-1" data-key="Ann Miles" data-value="2">(.*?)</tr>', html, re.S).group(1)
    assert "Bridge story wire-1" in row and "Bridge story wire-2" in row


def test_report_over_records_with_null_titles_dates_urls_and_speakers(tmp_path):
    records = syndicated_records()
    for rec in records:
        rec["title"] = rec["published"] = rec["url"] = None
        for q in rec["quotes"]:
            q["speaker"] = q["speaker_canonical"] = q["speaker_entity"] = q["cue"] = None
            q["speaker_start"] = q["speaker_end"] = q["cue_start"] = q["cue_end"] = None
        for c in rec["claims"]:
            c["claimant"] = c["claimant_canonical"] = None
    records[0]["url"] = "javascript:alert(1)"
    processed = write_dump(tmp_path / "dump", records)
    output = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(processed), "-o", str(output)])
    assert result.exit_code == 0, result.output
    html = output.read_text(encoding="utf-8")
    assert 'data-stat="articles" data-value="3"' in html and "3 quotes have no speaker" in html
    assert "wire-1" in html  # an article without a title is named by its id
    views = list((tmp_path / "report_articles").glob("*.html"))
    assert views
    for view in views:
        text = view.read_text(encoding="utf-8")
        assert "javascript:" not in re.findall(r'href="([^"]*)"', text.lower()).__str__()
    assert '<span class="url">javascript:alert(1)</span>' in (tmp_path / "report_articles" / "wire-1.html").read_text(encoding="utf-8")


def test_report_title_defaults_to_the_manifest_input_name(tmp_path):
    processed = write_dump(tmp_path / "dump", syndicated_records())
    runner = CliRunner()
    output = tmp_path / "report.html"
    assert runner.invoke(app, ["report", str(processed), "-o", str(output)]).exit_code == 0
    assert "<h1>news</h1>" in output.read_text(encoding="utf-8")  # no manifest: the dump's name
    manifest = {"format": "newslens-batch-manifest/1", "config": {"inputs": [["../data/us_political.jsonl", 1, 2]]}}
    (processed.parent / "news.manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert runner.invoke(app, ["report", str(processed), "-o", str(output)]).exit_code == 0
    assert "<h1>us_political</h1>" in output.read_text(encoding="utf-8")
    assert runner.invoke(app, ["report", str(processed), "-o", str(output), "--title", "Bridges & <b>tolls</b>"]).exit_code == 0
    assert "<h1>Bridges &amp; &lt;b&gt;tolls&lt;/b&gt;</h1>" in output.read_text(encoding="utf-8")


def test_report_splits_counts_by_a_record_field(tmp_path):
    processed = write_dump(tmp_path / "dump", syndicated_records())
    output = tmp_path / "report.html"
    runner = CliRunner()
    result = runner.invoke(app, ["report", str(processed), "-o", str(output), "--by", "source_path"])
    assert result.exit_code == 0, result.output
    html = output.read_text(encoding="utf-8")
    assert [(k, int(v)) for k, v in table(html, "split")] == [("outlet-a.jsonl", 2), ("outlet-b.jsonl", 1)]
    row = re.search(r'<tr id="people-1" data-key="Ann Miles" data-value="2">(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r'<td class="num">(\d*)</td>', row)[2:] == ["1", "1"]  # one article of each outlet mentions her
    result = runner.invoke(app, ["report", str(processed), "-o", str(output), "--by", "no_such_field"])
    assert result.exit_code == 2 and "no_such_field" in result.output


def test_split_by_the_inputs_own_fields_and_dump_level_speaker_names():
    from pipeline.frames import frames_from_records
    from pipeline.render.report import build_report

    frames = frames_from_records(iter(syndicated_records()))
    outlets = {"wire-1": {"outlet": "Daily", "label": "real"}, "wire-2": {"outlet": "Weekly", "label": "fake"},
               "local-3": {"outlet": "Daily"}}
    frames.articles["extra"] = [outlets[a] for a in frames.articles["article_id"]]
    for by in ("extra.outlet", "outlet"):
        report = build_report(frames, by=by)
        assert [(row["name"], row["articles"], row["quotes"]) for row in report.split["rows"]] == [("Daily", 2, 2), ("Weekly", 1, 1)]
        assert report.speakers[0]["by"] == {"Daily": 1, "Weekly": 1}
    assert [row["name"] for row in build_report(frames, by="label").split["rows"]] == ["(none)", "fake", "real"]
    # the loader's dump-level speaker name wins over the record's own speaker fields; a null one is a
    # speaker the dump could not name (an unresolved "he", a narrator's "I"): not listed
    frames.quotes["speaker_name"] = ["Senator Ann Miles", "Senator Ann Miles", None]
    assert [(row["name"], row["count"]) for row in build_report(frames).speakers] == [("Senator Ann Miles", 2)]


def test_split_reads_extra_kept_as_json_text():
    from pipeline.frames import frames_from_records
    from pipeline.render.report import build_report

    frames = frames_from_records(iter(syndicated_records()))
    frames.articles["extra"] = ['{"outlet": "Daily"}', None, '{"outlet": "Weekly"}']
    assert [(row["name"], row["articles"]) for row in build_report(frames, by="outlet").split["rows"]] == [
        ("(none)", 1), ("Daily", 1), ("Weekly", 1)]


def test_report_by_an_input_field_through_the_command_line(tmp_path):
    from pipeline.frames import load

    records = syndicated_records()
    for rec, outlet in zip(records, ("Daily", "Weekly", "Daily")):
        rec["extra"] = {"outlet": outlet}
    processed = write_dump(tmp_path / "dump", records)
    if "extra" not in load(processed).articles.columns:
        pytest.skip("this loader does not keep the input's own fields (extra)")
    output = tmp_path / "report.html"
    for by in ("extra.outlet", "outlet"):
        result = CliRunner().invoke(app, ["report", str(processed), "-o", str(output), "--by", by])
        assert result.exit_code == 0, result.output
        assert [(k, int(v)) for k, v in table(output.read_text(encoding="utf-8"), "split")] == [("Daily", 2), ("Weekly", 1)]
