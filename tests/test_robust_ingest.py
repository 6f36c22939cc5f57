"""Every input line is accounted for: one bad line, row or record is an error for itself, never for its file."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import socket
import sys

import pytest

from pipeline.ingest import Limits, read_articles

BODY = "The council voted 7-2 on Tuesday to fund the new flood wall along the lake."


def line(n: int) -> str:
    return json.dumps({"id": f"a{n}", "text": f"{BODY} Item {n}."})


def read(*paths, limits: Limits | None = None) -> list[dict]:
    return list(read_articles([str(p) for p in paths], limits) if limits else read_articles([str(p) for p in paths]))


def ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items if "error" not in item]


def errors(items: list[dict]) -> list[dict]:
    return [item for item in items if "error" in item]


@pytest.mark.parametrize("bad", ['{"id": "x", "text": ' + "[" * 100_000 + "]" * 100_000 + "}", '{"id": "x", "n": ' + "7" * 5_000 + ', "text": "t"}'],
                         ids=["nested-100000-deep", "5000-digit-integer"])
def test_jsonl_third_line_that_cannot_be_parsed_keeps_the_others(tmp_path, bad):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([line(1), line(2), bad, *(line(n) for n in range(4, 104))]) + "\n", encoding="utf-8")
    items = read(path)
    assert ids(items) == ["a1", "a2", *(f"a{n}" for n in range(4, 104))]
    (error,) = errors(items)
    assert error["source"] == {"path": str(path), "line": 3} and error["error"].startswith(f"{path}:3: ")


def test_nul_in_one_jsonl_line_is_that_lines_error(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join([line(1).encode(), b'{"id": "x", "text": "a\x00b"}', line(3).encode()]) + b"\n")
    items = read(path)
    assert ids(items) == ["a1", "a3"] and [e["source"]["line"] for e in errors(items)] == [2]


@pytest.mark.parametrize("ending", [b"\r", b"\r\n", b"mixed"])
def test_cr_only_and_mixed_line_ends_split_lines(tmp_path, ending):
    lines = [line(n).encode() for n in range(1, 6)]
    data = b"\r".join(lines[:2]) + b"\n" + b"\r\n".join(lines[2:]) + b"\r" if ending == b"mixed" else ending.join(lines) + ending
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    items = read(path)
    assert ids(items) == [f"a{n}" for n in range(1, 6)]
    assert [item["source"]["line"] for item in items] == [1, 2, 3, 4, 5]


def test_cr_only_csv_rows_all_land(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(b"id,text\r" + b"\r".join(f"c{n},{BODY}".encode() for n in range(3)) + b"\r")
    assert ids(read(path)) == ["c0", "c1", "c2"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_byte_order_marks_are_detected_and_stripped(tmp_path, encoding):
    text = "\n".join(line(n) for n in range(1, 6)) + "\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    if encoding == "utf-32-be":
        data = codecs.BOM_UTF32_BE + data
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    assert ids(read(path)) == [f"a{n}" for n in range(1, 6)]


def test_utf8_bom_on_stdin_jsonl(monkeypatch):
    data = codecs.BOM_UTF8 + ("\n".join(line(n) for n in range(1, 6)) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert ids(read("-")) == [f"a{n}" for n in range(1, 6)]


def test_csv_row_with_an_oversized_field_is_its_error_and_the_others_land(tmp_path):
    path = tmp_path / "in.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "notes"])
        writer.writerow(["r1", BODY, "short"])
        writer.writerow(["r2", BODY, "x" * 5_000])
        writer.writerow(["r3", BODY, "short"])
    items = read(path, limits=Limits(max_line_bytes=1_000))
    assert ids(items) == ["r1", "r3"]
    (error,) = errors(items)
    assert error["source"]["line"] == 3 and "longer than the limit" in error["error"]


def test_truncated_warc_record_is_an_error(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for n in range(3):
        page = f"<html><head><title>Page {n}</title></head><body><article><p>{BODY * 6}</p></article></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(f"https://example.org/{n}", "response", payload=io.BytesIO(page), http_headers=headers))
    path = tmp_path / "cut.warc"
    path.write_bytes(buffer.getvalue()[:-200])
    items = read(path)
    assert len(ids(items)) == 2
    (error,) = errors(items)
    assert error["source"]["line"] == 3 and "truncated" in error["error"]


def test_fifo_is_refused_without_being_opened(tmp_path):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    (error,) = read(fifo)  # opening it would block for ever: no writer
    assert "named pipe" in error["error"] and error["source"]["path"] == str(fifo)


def test_socket_and_device_are_refused(tmp_path):
    path = tmp_path / "s.jsonl"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        items = read(path, "/dev/zero")
    assert ["socket" in items[0]["error"], "character device" in items[1]["error"]] == [True, True]


def test_unreadable_file_is_an_error_line(tmp_path, monkeypatch):
    path = tmp_path / "locked.jsonl"
    path.write_text(line(1) + "\n", encoding="utf-8")
    real_open = open

    def refusing_open(file, *args, **kwargs):  # root reads anything: refuse the way a non-root user is refused
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing_open)
    (error,) = read(path)
    assert "Permission denied" in error["error"] and error["source"]["path"] == str(path)
