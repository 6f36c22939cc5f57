"""No single article stops a run: per-article budgets, one writer per output, failed writes, safe JSON Lines."""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from pipeline.batch import Budget, run_batch
from pipeline.cli import app
from pipeline.write import dumps

runner = CliRunner()

GOOD = [
    ("good-1", "Maria Lopez said on Tuesday that the Port Authority would spend $40 million on the harbour."),
    ("good-2", "\u201cWe cannot wait another year,\u201d John Whitfield told reporters in Baton Rouge."),
]
# Thousands of short quoted sentences with a cue each: minutes of work for the quote stage.
SLOW = '"Hi," he said. ' * 6_000


def write_jsonl(path: Path, items: list[dict]) -> Path:
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    return path


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_an_article_over_its_time_budget_is_an_error_and_its_neighbours_land(tmp_path):
    items = [{"id": GOOD[0][0], "text": GOOD[0][1]}, {"id": "slow", "text": SLOW},
             {"id": "sep\u2028line\u0085next\x1cend", "text": GOOD[1][1]}]
    target = tmp_path / "out.jsonl"
    started = time.monotonic()
    # 0.5 s per 10,000 characters: SLOW takes ≈ 0.9 s per 10,000 on a quiet machine, so 1.0 did not always stop it.
    result = run_batch([str(write_jsonl(tmp_path / "in.jsonl", items))], target, workers=1, batch_size=8, budget=Budget(seconds=0.5))
    elapsed = time.monotonic() - started

    records = [json.loads(line) for line in read_lines(target)]
    (error,) = [json.loads(line) for line in read_lines(tmp_path / "out.errors.jsonl")]
    assert [r["id"] for r in records] == ["good-1", "sep\u2028line\u0085next\x1cend"]  # U+2028 and U+0085 round-trip
    assert error["id"] == "slow" and error["error"].startswith("article exceeded its time budget (4 s for 90,000 characters")
    assert error["source"] == {"path": str(tmp_path / "in.jsonl"), "line": 2}
    assert (result.tally.records, result.tally.errors) == (2, 1)
    # The batch's budget (5.5 s), then the slow article's alone (4.5 s), plus starting replacement workers.
    assert elapsed < 120
    assert multiprocessing.active_children() == []  # stopped workers were reaped, the rest shut down


def test_extract_keeps_each_article_within_its_budget(tmp_path):
    items = [{"id": GOOD[0][0], "text": GOOD[0][1]}, {"id": "slow", "text": SLOW}, {"id": GOOD[1][0], "text": GOOD[1][1]}]
    result = runner.invoke(app, ["extract", str(write_jsonl(tmp_path / "in.jsonl", items)), "--json", "--article-timeout", "0.5"])
    records = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert result.exit_code == 1
    assert [r["id"] for r in records] == ["good-1", "good-2"]
    assert "error: article exceeded its time budget (4 s for 90,000 characters; see --article-timeout)" in result.output
    assert multiprocessing.active_children() == []


def test_render_keeps_its_article_within_the_budget(tmp_path):
    output = tmp_path / "slow.html"
    result = runner.invoke(app, ["render", str(write_jsonl(tmp_path / "in.jsonl", [{"id": "slow", "text": SLOW}])), "-o", str(output), "--article-timeout", "0.5"])
    assert result.exit_code == 1
    assert "article exceeded its time budget (4 s for 90,000 characters; see --article-timeout)" in result.output
    assert not output.exists()
    assert multiprocessing.active_children() == []


def test_unsafe_line_separators_are_escaped_one_record_per_line():
    record = {"id": "x", "text": "one\u2028two\u2029three\u0085four\x1cfive\x7fsix\u009f"}
    line = dumps(record)
    assert line.splitlines() == [line] and json.loads(line) == record
    assert "\\u2028" in line and "\\u0085" in line and "\\u001c" in line


def test_two_runs_on_one_target_one_is_refused_the_other_completes(tmp_path):
    items = [{"id": f"a{n}", "text": f"{GOOD[n % 2][1]} Item {n}."} for n in range(60)]
    source = write_jsonl(tmp_path / "in.jsonl", items)
    target = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "pipeline", "batch", str(source), "-o", str(target), "--workers", "1"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    lock = tmp_path / ".out.jsonl.lock"
    deadline = time.monotonic() + 120
    while not lock.exists() and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.05)
    time.sleep(0.2)
    second = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    first_out, first_err = first.communicate(timeout=600)

    assert second.returncode == 2 and "being written by another newslens run" in second.stderr
    assert "Traceback" not in second.stderr
    assert first.returncode == 0, first_err
    assert [json.loads(line)["id"] for line in read_lines(target)] == [f"a{n}" for n in range(60)]


def test_a_full_disk_gives_one_line_and_leaves_no_temporary_files(tmp_path, monkeypatch):
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": name, "text": text} for name, text in GOOD])
    target = tmp_path / "out" / "run.jsonl"

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), "--workers", "1"])
    assert result.exit_code == 1
    message = [line for line in result.output.splitlines() if line.strip()]
    assert message == [f"error: cannot write {target}: No space left on device"] or (
        len(message) == 1 and "No space left on device" in message[0]), result.output
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


def test_an_unwritable_output_gives_one_line(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": name, "text": text} for name, text in GOOD])
    (tmp_path / "plain-file").write_text("not a directory", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "plain-file" / "run.jsonl"), "--workers", "1"])
    message = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 1 and len(message) == 1 and message[0].startswith("error: cannot write"), result.output
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


def test_an_article_over_the_memory_budget_is_an_error_and_its_neighbours_land(tmp_path):
    # ≈ 250,000 characters. The batch path analyses a long text in chunks, so it grows a worker by only
    # ≈ 150 MB at its peak, and by over 100 MB in about 4 polls of 10: a 100 MB budget let it through in two
    # CI runs of three. 50 MB is passed from half a second on; the short articles grow a worker by nothing.
    big = " ".join(f"Councillor{n} Lopez said the {n}th plan would cost ${n} million." for n in range(4_000))
    items = [{"id": GOOD[0][0], "text": GOOD[0][1]}, {"id": "big", "text": big}, {"id": GOOD[1][0], "text": GOOD[1][1]}]
    target = tmp_path / "out.jsonl"
    run_batch([str(write_jsonl(tmp_path / "in.jsonl", items))], target, workers=1, budget=Budget(seconds=60, memory_mb=50))
    assert [json.loads(line)["id"] for line in read_lines(target)] == ["good-1", "good-2"]
    (error,) = [json.loads(line) for line in read_lines(tmp_path / "out.errors.jsonl")]
    assert error["id"] == "big" and error["error"] == "article exceeded its memory budget (50 MB; see --article-memory)"
    assert multiprocessing.active_children() == []
