"""Inputs through the command line: `newslens batch` with bad inputs, `newslens extract -`, `python -m pipeline`."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()

REPO = Path(__file__).resolve().parents[1]
BODY = "Governor John Bel Edwards signed the state budget in Baton Rouge on Friday, his office said."


def lines_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_batch_turns_every_input_into_a_record_or_one_error_line(tmp_path):
    inputs = tmp_path / "in"
    (inputs / "nested").mkdir(parents=True)
    (inputs / "good.jsonl").write_text(
        json.dumps({"id": "a", "text": BODY}) + "\n{broken\n" + json.dumps({"id": "b", "headline": "No body"}) + "\n", encoding="utf-8")
    (inputs / "nested" / "big.json").write_text(json.dumps({"id": "c", "text": "word " * 2_100_000}), encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    (inputs / "blob.csv").write_bytes(bytes(range(256)) * 40)
    (inputs / "fake.warc").write_text("GET / HTTP/1.1\n", encoding="utf-8")
    padded = ({"id": f"t{n}", "text": BODY, "notes": "p" * 300} for n in range(100))  # ≈ 40 KB, the cut loses < 8 KB
    whole = gzip.compress("".join(json.dumps(item) + "\n" for item in padded).encode())
    (inputs / "cut.jsonl.gz").write_bytes(whole[:-12])
    (inputs / "legacy.txt").write_bytes("Caf\u00e9 owner Marie Dupre said the \u201cbudget\u201d was fair.".encode("cp1252"))
    output = tmp_path / "out" / "run.jsonl"

    result = runner.invoke(app, ["batch", str(inputs), str(tmp_path / "nowhere.jsonl"), "-o", str(output), "--workers", "1"])

    assert result.exit_code == 0, result.output
    records, errors = lines_of(output), lines_of(output.with_name("run.errors.jsonl"))
    ids = [r["id"] for r in records]
    from_cut = [i for i in ids if i.startswith("t")]
    assert "a" in ids and 60 < len(from_cut) < 100  # what the cut gzip held before its last block lands
    legacy = next(r for r in records if r["source"]["path"].endswith("legacy.txt"))
    assert legacy["meta"]["cleaning"]["encoding"] == "cp1252" and any("cp1252" in w for w in legacy["meta"]["warnings"])
    assert "\u201cbudget\u201d" in legacy["text"]
    assert all(set(e) >= {"source", "stage", "error"} for e in errors)
    by_file = {(Path(e["source"]["path"]).name, e["source"]["line"]): e["error"] for e in errors}
    assert set(by_file) == {
        ("good.jsonl", 2), ("good.jsonl", 3), ("big.json", 1), ("empty.txt", None), ("blob.csv", None),
        ("fake.warc", None), ("cut.jsonl.gz", None), ("nowhere.jsonl", None),
    }
    for (name, line), message in by_file.items():
        assert message.startswith(str(Path(message.split(":")[0]))) and name in message  # names the file …
        if line is not None:
            assert f"{name}:{line}:" in message  # … and the line
    assert "not valid JSON" in by_file[("good.jsonl", 2)]
    assert "over the limit" in by_file[("big.json", 1)]
    assert "truncated" in by_file[("cut.jsonl.gz", None)]
    assert "not a WARC" in by_file[("fake.warc", None)]
    assert len(records) == 1 + len(from_cut) + 1  # a, the cut gzip's articles, legacy.txt


def test_extract_reads_jsonl_from_stdin():
    data = json.dumps({"id": "stdin-1", "title": "Budget signed", "text": BODY}) + "\n"
    result = runner.invoke(app, ["extract", "-", "--json"], input=data)
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert record["id"] == "stdin-1" and record["source"] == {"path": "-", "line": 1}
    assert "John Bel Edwards" in {e["text"] for e in record["entities"] if e["label"] == "PERSON"}


def test_extract_reads_plain_text_from_stdin_and_reports_bad_stdin():
    result = runner.invoke(app, ["extract", "-", "--json"], input=f"Budget signed\n\n{BODY}\n")
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert record["title"] == "Budget signed" and record["text"].startswith("Budget signed\n\nGovernor")
    bad = runner.invoke(app, ["extract", "-", "--json"], input='{"id": "x", "text": \n')
    assert bad.exit_code == 1 and "<stdin>:1: not valid JSON" in bad.output


def test_python_dash_m_pipeline_help():
    result = subprocess.run([sys.executable, "-m", "pipeline", "--help"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "extract" in result.stdout and "batch" in result.stdout
