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

    result = runner.invoke(app, ["batch", str(inputs), "-o", str(output), "--workers", "1"])

    assert result.exit_code == 1, result.output  # some inputs failed; the records that worked are written
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
        ("fake.warc", None), ("cut.jsonl.gz", None),
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


# Exit codes: 0 every input gave a record, 1 some failed (the rest written), 2 a usage error in one line naming the path.

def write_article(path: Path, article_id: str, body: str = BODY) -> Path:
    path.write_text(json.dumps({"id": article_id, "text": body}) + "\n", encoding="utf-8")
    return path


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("error:")]


def assert_usage_error(result, *named: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    (line,) = error_lines(result.output)
    for text in named:
        assert text in line, line


def test_batch_exits_0_when_every_input_gives_a_record(tmp_path):
    source = write_article(tmp_path / "a.jsonl", "a")
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.jsonl"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in lines_of(tmp_path / "out.jsonl")] == ["a"]


def test_batch_exits_1_when_some_inputs_fail_and_keeps_the_records(tmp_path):
    good = write_article(tmp_path / "a.jsonl", "a")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(good), str(tmp_path / "empty.txt"), "-o", str(tmp_path / "out.jsonl"), "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert [r["id"] for r in lines_of(tmp_path / "out.jsonl")] == ["a"]
    (failure,) = lines_of(tmp_path / "out.errors.jsonl")
    assert "empty.txt" in failure["error"]


def test_batch_usage_errors_exit_2_naming_the_path_and_write_nothing(tmp_path):
    good = write_article(tmp_path / "a.jsonl", "a")
    (tmp_path / "empty-dir").mkdir()
    (tmp_path / "notes-only").mkdir()
    (tmp_path / "notes-only" / "photo.png").write_bytes(b"\x89PNG")
    output = tmp_path / "out" / "run.jsonl"
    cases = {
        str(tmp_path / "missing.txt"): "no such file or directory",
        str(tmp_path / "*.csv"): "no file matches this pattern",
        str(tmp_path / "empty-dir"): "no article file in this directory",
        str(tmp_path / "notes-only"): "no article file in this directory",
    }
    for argument, reason in cases.items():
        result = runner.invoke(app, ["batch", str(good), argument, "-o", str(output), "--workers", "1"])
        assert_usage_error(result, argument, reason)
    assert not (tmp_path / "out").exists()


def test_batch_and_extract_refuse_an_unknown_output_suffix(tmp_path):
    good = write_article(tmp_path / "a.jsonl", "a")
    result = runner.invoke(app, ["batch", str(good), "-o", str(tmp_path / "out.csv"), "--workers", "1"])
    assert_usage_error(result, "out.csv", "unknown output suffix")
    result = runner.invoke(app, ["extract", str(good), "-o", str(tmp_path / "out.csv")])
    assert_usage_error(result, "out.csv", "unknown output suffix")
    assert not (tmp_path / "out.csv").exists()
    shards = runner.invoke(app, ["batch", str(good), "-o", str(tmp_path / "shards"), "--workers", "1"])
    assert shards.exit_code == 0 and (tmp_path / "shards" / "part-000000.jsonl").is_file()


def test_extract_takes_several_files_one_record_each_in_order(tmp_path):
    first = write_article(tmp_path / "first.jsonl", "first")
    second = tmp_path / "second.txt"
    second.write_text("Budget signed\n\nMayor Mitch Landrieu said the city would not change its policy.\n", encoding="utf-8")
    third = write_article(tmp_path / "third.jsonl", "third", "Senator Maria Lopez voted against the bill on Tuesday.")
    result = runner.invoke(app, ["extract", str(first), str(second), str(third), "--json"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [r["source"]["path"] for r in records] == [str(first), str(second), str(third)]
    assert records[0]["id"] == "first" and records[2]["id"] == "third"
    assert "Mitch Landrieu" in {e["text"] for e in records[1]["entities"]}


def test_extract_exits_1_when_one_of_its_files_fails_and_shows_the_others(tmp_path):
    good = write_article(tmp_path / "good.jsonl", "good")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(good), str(tmp_path / "empty.txt"), "--json"])
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.output.splitlines() if line.startswith("{")] == ["good"]
    (line,) = error_lines(result.output)
    assert "empty.txt" in line


def test_extract_of_a_missing_file_is_a_usage_error(tmp_path):
    good = write_article(tmp_path / "good.jsonl", "good")
    result = runner.invoke(app, ["extract", str(good), str(tmp_path / "typo.txt")])
    assert_usage_error(result, "typo.txt", "no such file or directory")


def test_report_and_export_of_an_empty_dump_exit_2(tmp_path):
    (tmp_path / "dump").mkdir()
    (tmp_path / "dump" / "run.jsonl").write_text("", encoding="utf-8")
    for dump in (tmp_path / "dump", tmp_path / "dump" / "run.jsonl"):
        report = runner.invoke(app, ["report", str(dump), "-o", str(tmp_path / "report.html")])
        assert_usage_error(report, str(dump), "no records")
        export = runner.invoke(app, ["export", str(dump), "-o", str(tmp_path / "parquet")])
        assert_usage_error(export, str(dump), "no records")
    assert not (tmp_path / "report.html").exists() and not (tmp_path / "parquet").exists()


def test_missing_extras_name_the_extra_in_one_line(tmp_path, monkeypatch):
    """A missing optional package (simulated: ``sys.modules[name] = None`` makes it unimportable
    and unfindable) ends in one line naming the extra, with no traceback."""
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"id": "x"}) + "\n", encoding="utf-8")
    source = write_article(tmp_path / "a.jsonl", "a")
    train = tmp_path / "train.jsonl"
    train.write_text(json.dumps({"text": BODY, "label": 1}) + "\n", encoding="utf-8")
    cases = [
        ("pyarrow", ["export", str(dump), "-o", str(tmp_path / "parquet")], "newslens[parquet]"),
        ("distributed", ["batch", str(source), "-o", str(tmp_path / "out.jsonl"), "--engine", "dask"], "newslens[dask]"),
        ("sklearn", ["train", "claims", "--data", str(train), "--out", str(tmp_path / "model")], "newslens[train]"),
        ("torch", ["train", "claims", "--method", "encoder", "--data", str(train), "--dev", str(train), "--out", str(tmp_path / "m")],
         "newslens[train]"),
    ]
    for module, args, extra in cases:
        with monkeypatch.context() as patch:
            patch.setitem(sys.modules, module, None)
            result = runner.invoke(app, args)
        assert_usage_error(result, f"pip install '{extra}'")
    assert not (tmp_path / "parquet").exists() and not (tmp_path / "out.jsonl").exists() and not (tmp_path / "model").exists()
