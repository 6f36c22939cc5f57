"""The ingest stage: every format, compression, directories, globs, stdin, encodings, ids, bad input."""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import itertools
import json
import lzma
import os
import sys
from pathlib import Path

import pytest

from pipeline.ingest import Limits, is_failure, read_articles
from pipeline.ingest.readers import format_of

SHARED = Path(__file__).resolve().parents[2] / "shared"

TITLE = "Levee board approves flood wall"
BODY = (
    "The Southeast Louisiana Flood Protection Authority approved $80 million for the Gentilly flood wall on Thursday.\n\n"
    "\u201cThis is the last gap in the system,\u201d board president Ann Marie Leblanc said after the vote."
)
PAGE = (
    f"<html><head><title>{TITLE}</title></head><body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
    f"<article><h1>{TITLE}</h1>" + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n")) + "</article>"
    "<footer>Contact us</footer></body></html>"
)
OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}


def read(*paths, limits: Limits | None = None) -> list[dict]:
    return list(read_articles([str(p) for p in paths], *([limits] if limits else [])))


def articles(items: list[dict]) -> list[dict]:
    return [item for item in items if not is_failure(item)]


def failures(items: list[dict]) -> list[dict]:
    return [item for item in items if is_failure(item)]


def write(path: Path, data: str | bytes) -> Path:
    """Write text or bytes, compressed when the name ends in .gz, .bz2 or .xz."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    opener = OPENERS.get(path.suffix)
    if opener:
        with opener(path, "wb") as handle:
            handle.write(raw)
    else:
        path.write_bytes(raw)
    return path


def csv_text(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def warc_bytes(records: list[tuple[str, str, str]], gzipped: bool) -> bytes:
    """A WARC of (url, content type, payload) response records, plus a request record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for url, content_type, payload in records:
        writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload.encode()), http_headers=headers))
    return out.getvalue()


# --- one test per format ----------------------------------------------------------------------


def test_txt_first_line_is_the_title_when_a_blank_line_follows(tmp_path):
    (article,) = read(write(tmp_path / "a.txt", f"{TITLE}\n\n{BODY}\n"))
    assert article["title"] == TITLE and article["text"].startswith("The Southeast Louisiana")
    assert article["source"] == {"path": str(tmp_path / "a.txt"), "line": 1}
    (untitled,) = read(write(tmp_path / "b.txt", BODY.replace("\n\n", "\n")))
    assert untitled["title"] is None and untitled["text"].startswith("The Southeast Louisiana")


def test_json_object_and_list(tmp_path):
    one = {"id": "nola-7", "headline": TITLE, "body": BODY, "link": "https://example.org/wall", "date": "2019-05-02"}
    (article,) = read(write(tmp_path / "one.json", json.dumps(one, indent=2)))
    assert (article["id"], article["title"], article["text"], article["url"], article["published"]) == (
        "nola-7", TITLE, BODY, "https://example.org/wall", "2019-05-02")
    items = read(write(tmp_path / "list.json", json.dumps([one, {"title": "No body"}, "stray string"])))
    assert [item["source"]["line"] for item in items] == [1, 2, 3]
    assert len(articles(items)) == 1
    assert "has no text" in items[1]["error"] and "found str" in items[2]["error"]


@pytest.mark.parametrize("text_field", ["text", "content", "body", "maintext", "article"])
@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson"])
def test_jsonl_tolerates_field_names(tmp_path, text_field, suffix):
    lines = [json.dumps({"article_id": 41, "heading": TITLE, text_field: BODY, "canonical_url": "https://example.org/a"}), "",
             json.dumps({"guid": "g-2", "title": "Second", text_field: ["First paragraph.", "Second paragraph."]})]
    first, second = read(write(tmp_path / f"in{suffix}", "\n".join(lines) + "\n"))
    assert (first["id"], first["title"], first["text"], first["url"]) == ("41", TITLE, BODY, "https://example.org/a")
    assert (second["id"], second["source"]["line"], second["text"]) == ("g-2", 3, "First paragraph.\n\nSecond paragraph.")


def test_csv_multiline_field_reports_the_rows_first_line(tmp_path):
    rows = [
        {"id": "r1", "headline": TITLE, "content": BODY},  # BODY spans three lines
        {"id": "r2", "headline": "Second", "content": "Council meets on Monday."},
    ]
    first, second = read(write(tmp_path / "in.csv", csv_text(rows)))
    assert (first["id"], first["source"]["line"], first["text"]) == ("r1", 2, BODY)
    assert (second["id"], second["source"]["line"]) == ("r2", 5)


def test_csv_malformed_row_is_a_failure_and_reading_goes_on(tmp_path):
    runaway = "\n".join(["a line of a runaway quoted field"] * 40)
    rows = [{"id": "r1", "text": "First body."}, {"id": "r2", "text": runaway}, {"id": "r3", "text": "Third body."}]
    items = read(write(tmp_path / "in.csv", csv_text(rows)), limits=Limits(max_line_bytes=200))
    assert [a["id"] for a in articles(items)] == ["r1", "r3"]
    bad = failures(items)[0]  # the rest of the runaway field comes out as rows without text: errors too
    assert bad["source"]["line"] == 3 and "malformed CSV row (field larger than field limit (200))" in bad["error"]


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_html_main_text_without_navigation(tmp_path, suffix):
    (article,) = read(write(tmp_path / f"page{suffix}", PAGE))
    assert article["title"] == TITLE
    assert article["text"] == BODY  # one paragraph per <p>, the repeated headline dropped
    assert "Home" not in article["text"] and "Contact" not in article["text"]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_reads_html_responses_only(tmp_path, name):
    records = [("https://example.org/wall", "text/html; charset=utf-8", PAGE), ("https://example.org/logo.png", "image/png", "PNG")]
    (tmp_path / name).write_bytes(warc_bytes(records, gzipped=name.endswith(".gz")))
    (article,) = read(tmp_path / name)
    assert (article["url"], article["title"], article["text"]) == ("https://example.org/wall", TITLE, BODY)
    assert article["source"]["line"] == 2  # the request record is number 1
    assert len(article["id"]) == 36  # the WARC-Record-ID


# --- compression, directories, globs, stdin ---------------------------------------------------


@pytest.mark.parametrize("compression", [".gz", ".bz2", ".xz"])
@pytest.mark.parametrize("fmt", ["txt", "json", "jsonl", "csv", "html"])
def test_every_format_reads_compressed(tmp_path, fmt, compression):
    content = {
        "txt": f"{TITLE}\n\n{BODY}\n",
        "json": json.dumps({"title": TITLE, "text": BODY}),
        "jsonl": json.dumps({"title": TITLE, "text": BODY}) + "\n",
        "csv": csv_text([{"title": TITLE, "text": BODY}]),
        "html": PAGE,
    }[fmt]
    plain = read(write(tmp_path / f"plain.{fmt}", content))
    packed = read(write(tmp_path / f"packed.{fmt}{compression}", content))
    assert [(a["title"], a["text"].strip()) for a in packed] == [(a["title"], a["text"].strip()) for a in plain] == [(TITLE, BODY)]


def test_warc_compressed_as_bz2(tmp_path):
    records = [("https://example.org/wall", "text/html", PAGE)]
    (article,) = read(write(tmp_path / "crawl.warc.bz2", warc_bytes(records, gzipped=False)))
    assert article["title"] == TITLE


def test_directory_is_read_recursively_skipping_hidden_and_unknown_files(tmp_path):
    write(tmp_path / "b.txt", f"Second\n\n{BODY}")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "a.jsonl", json.dumps({"id": "deep", "text": BODY}) + "\n")
    write(tmp_path / "sub" / ".draft.txt", BODY)
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git" / "notes.txt", BODY)
    write(tmp_path / "sub" / "logo.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    items = read(tmp_path)
    assert [Path(a["source"]["path"]).relative_to(tmp_path).as_posix() for a in items] == ["b.txt", "sub/a.jsonl"]


def test_directory_without_article_files_is_reported(tmp_path):
    write(tmp_path / "logo.png", b"\x89PNG")
    (item,) = read(tmp_path)
    assert item["error"].startswith(f"{tmp_path}: no article file in this directory (looked for csv, htm, html, json")


def test_glob_pattern_and_a_pattern_matching_nothing(tmp_path):
    for name in ("one.jsonl", "two.jsonl", "three.txt"):
        write(tmp_path / name, json.dumps({"text": BODY}) + "\n")
    items = read(tmp_path / "*.jsonl", tmp_path / "*.csv")
    assert [Path(i["source"]["path"]).name for i in articles(items)] == ["one.jsonl", "two.jsonl"]
    (nothing,) = failures(items)
    assert "no file matches this pattern" in nothing["error"] and "*.csv" in nothing["error"]


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (json.dumps({"id": "s1", "text": BODY}).encode() + b"\n" + json.dumps({"id": "s2", "text": "Short body."}).encode() + b"\n", ["s1", "s2"]),
        (json.dumps({"id": "s3", "text": BODY}, indent=2).encode(), ["s3"]),
        (json.dumps([{"id": "s4", "text": BODY}]).encode(), ["s4"]),
        (gzip.compress(json.dumps({"id": "s5", "text": BODY}).encode() + b"\n"), ["s5"]),
        (f"{TITLE}\n\n{BODY}\n".encode(), [None]),
        (PAGE.replace("<html>", "<!DOCTYPE html><html>").encode(), [None]),
    ],
    ids=["jsonl", "pretty-json", "json-list", "gzipped-jsonl", "text", "html"],
)
def test_stdin_format_is_sniffed(monkeypatch, data, expected):
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    items = read("-")
    assert [a["id"] if a["id"].startswith("s") else None for a in articles(items)] == expected
    assert all(a["source"]["path"] == "-" for a in items)


def test_format_of_first_bytes():
    assert format_of(b'{"text": "x"}\n{"text": "y"}') == "jsonl"
    assert format_of(b'{\n  "text": "x"\n}') == "json"
    assert format_of(b"  [\n{}") == "json"
    assert format_of(b"WARC/1.1\r\n") == "warc"
    assert format_of(b"<!DOCTYPE html>\n<html>") == "html"
    assert format_of(b"A headline\n\nA body.") == "txt"


# --- encodings and ids ------------------------------------------------------------------------


def test_cp1252_bytes_are_decoded_and_reported(tmp_path):
    data = "\u201cWe are ready,\u201d the caf\u00e9 owner said.".encode("cp1252")
    (article,) = read(write(tmp_path / "a.txt", data))
    assert article["text"] == "\u201cWe are ready,\u201d the caf\u00e9 owner said." and article["encoding"] == "cp1252"
    line = b'{"text": "' + "Caf\u00e9 owners met on Monday.".encode("cp1252") + b'"}\n'
    good, legacy = read(write(tmp_path / "b.jsonl", json.dumps({"text": BODY}).encode() + b"\n" + line))
    assert (good["encoding"], legacy["encoding"], legacy["text"]) == ("utf-8", "cp1252", "Caf\u00e9 owners met on Monday.")


def test_ids_are_own_or_stable(tmp_path):
    path = write(tmp_path / "in.jsonl", "\n".join(json.dumps(r) for r in [{"uuid": "u-1", "text": BODY}, {"text": BODY}, {"text": "Other body."}]) + "\n")
    first, second = read(path), read(path)
    assert [a["id"] for a in first] == [a["id"] for a in second]
    own, hashed, other = first
    assert own["id"] == "u-1" and hashed["id"].startswith("nl-") and other["id"] != hashed["id"]


# --- bad input ----------------------------------------------------------------------------------


def test_bad_inputs_each_give_one_clear_message_and_the_rest_lands(tmp_path):
    good = write(tmp_path / "good.jsonl", "\n".join([
        json.dumps({"id": "a", "text": BODY}),
        "{not json",
        json.dumps({"id": "b", "title": "No text here"}),
        json.dumps({"id": "c", "text": "x" * 10_000_000}),
        json.dumps({"id": "d", "text": "Council meets on Monday."}),
    ]) + "\n")
    empty = write(tmp_path / "empty.jsonl", "")
    binary = write(tmp_path / "photo.txt", bytes(range(256)) * 40)
    not_warc = write(tmp_path / "crawl.warc", "this is not a web archive\n")
    no_pages = tmp_path / "images.warc.gz"
    no_pages.write_bytes(warc_bytes([("https://example.org/a.png", "image/png", "PNG")], gzipped=True))
    missing = tmp_path / "missing.jsonl"
    items = read(good, empty, binary, not_warc, no_pages, missing)
    assert [a["id"] for a in articles(items)] == ["a", "d"]
    messages = {(Path(f["source"]["path"]).name, f["source"]["line"]): f["error"] for f in failures(items)}
    assert messages == {
        ("good.jsonl", 2): f"{good}:2: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        ("good.jsonl", 3): f"{good}:3: article has no text (looked for fields: text, content, body, maintext, article)",
        ("good.jsonl", 4): f"{good}:4: article text is 10,000,000 characters, over the limit of 1,000,000",
        ("empty.jsonl", None): f"{empty}: file is empty",
        ("photo.txt", None): f"{binary}: file is binary, not text",
        ("crawl.warc", None): f"{not_warc}: not a WARC file (it does not start with a WARC/1.x record header)",
        ("images.warc.gz", None): f"{no_pages}: no HTML response record among the WARC's 2 records",
        ("missing.jsonl", None): f"{missing}: cannot read the file (No such file or directory)",
    }
    assert failures(items)[2]["id"] == "c"  # the article's own id is kept on its failure


def test_truncated_gzip_keeps_what_was_read(tmp_path):
    lines = "".join(json.dumps({"id": f"t{n}", "text": f"Article number {n} says the council met {os.urandom(24).hex()}."}) + "\n" for n in range(2000))
    whole = gzip.compress(lines.encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    items = read(tmp_path / "cut.jsonl.gz")
    assert 0 < len(articles(items)) < 2000
    (cut,) = failures(items)
    assert cut == items[-1] and "truncated or corrupt" in cut["error"] and "cut.jsonl.gz" in cut["error"]


def test_oversized_line_is_skipped_without_reading_it_whole(tmp_path):
    path = write(tmp_path / "in.jsonl", json.dumps({"text": "y" * 5000}) + "\n" + json.dumps({"id": "ok", "text": BODY}) + "\n")
    too_long, ok = read(path, limits=Limits(max_line_bytes=1000))
    assert "line is longer than the limit of 1,000 bytes" in too_long["error"] and too_long["source"]["line"] == 1
    assert ok["id"] == "ok"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads a chmod 000 file")
def test_permission_denied(tmp_path):
    path = write(tmp_path / "locked.txt", BODY)
    path.chmod(0)
    try:
        (item,) = read(path)
    finally:
        path.chmod(0o644)
    assert item["error"] == f"{path}: cannot read the file (Permission denied)"


@pytest.mark.slow
def test_shared_warc_sample_reads_every_page():
    warc = SHARED / "data" / "bench" / "aeb_sample.warc.gz"
    if not warc.exists():
        pytest.skip(f"shared data set not available: {warc}")
    items = list(itertools.islice(read_articles([warc]), 25))  # trafilatura takes ≈ 0.3 s a page
    assert not failures(items) and len(items) == 25
    assert all(a["url"].startswith("http") and len(a["text"]) > 200 for a in items)
