"""The backbone on real input: ingest → clean → spaCy → record, through the CLI and the loader."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.schema import record_schema
from conftest import SAMPLE

runner = CliRunner()

ARTICLE_TITLE = "Council approves flood wall funding"
ARTICLE_BODY = (
    "Mayor LaToya Cantrell said the city council approved $12 million for the Lake Pontchartrain flood wall on Tuesday.\n\n"
    "\u201cThis protects every family in Gentilly,\u201d Cantrell told reporters after the vote at City Hall."
)


def validate(record: dict) -> None:
    jsonschema.validate(record, record_schema())
    for table in ("entities", "quotes", "claims"):
        for item in record[table]:
            assert record["text"][item["start"]:item["end"]] == item["text"]


def test_sample_record_is_valid_and_clean(sample_record):
    validate(sample_record)
    text = sample_record["text"]
    for debris in ("[jump]", "[content-1]", "_lowres"):
        assert debris not in text
    assert text.startswith('Landrieu: New Orleans is "fully compliant" under Jeff Sessions\' "sanctuary" definition\n\n')
    assert sample_record["meta"]["cleaning"]["removed"] == {"bracket_placeholder": 2, "image_size_suffix": 1}
    people = {e["text"] for e in sample_record["entities"] if e["label"] == "PERSON"}
    assert {"Mitch Landrieu", "Jeff Sessions", "Michael Harrison"} <= people


def test_extract_prints_people_and_organizations(tmp_path):
    result = runner.invoke(app, ["extract", str(SAMPLE), "--table"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for name in ("Mitch Landrieu", "Jeff Sessions", "Immigration and Customs Enforcement"):
        assert name in result.output


def test_extract_tables_show_article_text_verbatim_and_amounts_as_figures():
    result = runner.invoke(app, ["extract", str(SAMPLE), "--table"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "Administration’s [budget] includes" in result.output  # brackets in an article are not markup
    assert "$1,500,000,000" in result.output and "more than $80,000,000" in result.output


def _write_inputs(directory: Path) -> dict[str, Path]:
    article = {"id": "nola-1", "title": ARTICLE_TITLE, "body": ARTICLE_BODY, "url": "https://example.org/flood"}
    paths = {
        "jsonl": directory / "articles.jsonl",
        "csv": directory / "articles.csv",
        "html": directory / "article.html",
        "warc": directory / "crawl.warc.gz",
    }
    paths["jsonl"].write_text(json.dumps(article) + "\n", encoding="utf-8")
    import csv

    with open(paths["csv"], "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "headline", "content"])
        writer.writeheader()
        writer.writerow({"id": "nola-1", "headline": ARTICLE_TITLE, "content": ARTICLE_BODY})
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE_BODY.split("\n\n"))
    page = (
        f"<html><head><title>{ARTICLE_TITLE}</title></head><body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
        f"<article><h1>{ARTICLE_TITLE}</h1>{paragraphs}</article><footer>Contact us</footer></body></html>"
    )
    paths["html"].write_text(page, encoding="utf-8")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(paths["warc"], "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record("https://example.org/flood", "response", payload=io.BytesIO(page.encode()), http_headers=headers)
        writer.write_record(record)
    return paths


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "html", "warc"])
def test_extract_reads_every_format(tmp_path, fmt):
    path = _write_inputs(tmp_path)[fmt]
    result = runner.invoke(app, ["extract", str(path), "--json"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    validate(record)
    assert record["title"] == ARTICLE_TITLE
    assert "This protects every family in Gentilly" in record["text"]
    assert "Home" not in record["text"]  # navigation is not article text
    people = {e["text"] for e in record["entities"] if e["label"] == "PERSON"}
    assert "LaToya Cantrell" in people


def test_batch_keeps_every_article_as_record_or_error(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = inputs / "good.jsonl"
    lines = [
        json.dumps({"id": "a", "title": "First", "text": "Senator Bill Cassidy said the bill would pass."}),
        "{not json",
        json.dumps({"id": "b", "title": "No body here"}),
        json.dumps({"id": "c", "text": "x" * 1_100_000}),
        json.dumps({"id": "d", "text": "Governor John Bel Edwards signed the budget on Friday."}),
    ]
    good.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    (inputs / "photo.txt").write_bytes(bytes(range(256)) * 40)
    with gzip.open(inputs / "more.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "e", "text": "The Louisiana Legislature met in Baton Rouge."}) + "\n")
    output = tmp_path / "out" / "run.jsonl"
    result = runner.invoke(app, ["batch", str(inputs), "-o", str(output)])
    assert result.exit_code == 1, result.output  # some inputs failed; the records that worked are written
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    errors = [json.loads(line) for line in (tmp_path / "out" / "run.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in records) == ["a", "d", "e"]
    for record in records:
        validate(record)
    messages = {(Path(e["source"]["path"]).name, e["source"]["line"]): e["error"] for e in errors}
    assert set(messages) == {("good.jsonl", 2), ("good.jsonl", 3), ("good.jsonl", 4), ("empty.txt", None), ("photo.txt", None)}
    assert "good.jsonl:2: not valid JSON" in messages[("good.jsonl", 2)]
    assert "has no text" in messages[("good.jsonl", 3)]
    assert "over the limit of 1,000,000" in messages[("good.jsonl", 4)]
    assert "file is empty" in messages[("empty.txt", None)]
    assert "binary" in messages[("photo.txt", None)]
    assert all(e["stage"] == "ingest" for e in errors)


def test_loader_gives_four_tables(tmp_path, sample_record):
    import pandas as pd

    import pipeline

    path = tmp_path / "sample.jsonl"
    path.write_text(json.dumps(sample_record) + "\n", encoding="utf-8")
    frames = pipeline.load(tmp_path)
    assert len(frames.articles) == 1 and frames.articles.loc[0, "article_id"] == sample_record["id"]
    assert len(frames.entities) == len(sample_record["entities"])
    assert set(frames.entities["article_id"]) == {sample_record["id"]}
    assert list(frames.quotes.columns[:2]) == ["article_id", "id"]
    assert len(pd.read_json(path, lines=True)) == 1


def test_missing_model_is_one_clear_sentence():
    result = runner.invoke(app, ["extract", str(SAMPLE), "--model", "en_core_web_nonexistent"])
    assert result.exit_code == 2
    assert "is not installed" in result.output and "Traceback" not in result.output
