"""Batch runs: shards and manifest, resume after SIGKILL, refusal on changed arguments, worker pools."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import pipeline
from conftest import read_jsonl, write_articles
from pipeline.batch import run_batch, shard_batches
from pipeline.runner import batched
from pipeline.cli import app

runner = CliRunner()

def batch_cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "batch", *args]


def test_shard_batches_cut_depends_only_on_the_input():
    items = [{"n": n} for n in range(11)]
    cut = [(tag, [i["n"] for i in batch]) for tag, batch in shard_batches(items, 0, shard_size=5, batch_size=2)]
    assert cut == [
        ((0, 2, False), [0, 1]), ((0, 4, False), [2, 3]), ((0, 5, True), [4]),
        ((1, 2, False), [5, 6]), ((1, 4, False), [7, 8]), ((1, 5, True), [9]),
        ((2, 1, True), [10]),
    ]
    resumed = [tag for tag, _ in shard_batches(items[5:], 1, shard_size=5, batch_size=2)]
    assert resumed == [tag for tag, _ in cut[3:]]


def test_batches_are_bounded_in_characters_as_well_as_articles():
    lengths = [300, 300, 300, 900, 200, 2500, 100, 100, 100, 100, 100]
    items = [{"id": str(n), "title": "", "text": "x" * length} for n, length in enumerate(lengths)]
    items.insert(4, {"id": "bad", "error": "not JSON", "stage": "ingest"})  # failures cost no characters
    cut = [[item["id"] for item in batch] for batch in batched(items, size=4, max_chars=1000)]
    # 300+300+300 then 900 would pass 1,000; the 2,500-character article goes alone; four is the count limit
    assert cut == [["0", "1", "2"], ["3", "bad"], ["4"], ["5"], ["6", "7", "8", "9"], ["10"]]
    assert [item["id"] for batch in batched(items, 4, 1000) for item in batch] == [item["id"] for item in items]


def test_words_of_a_batch_stay_cached_after_its_memory_zone_up_to_the_bound(tmp_path, monkeypatch):
    """A batch runs in spaCy's memory zone, which frees every string made inside it (and caches no
    tokenization): newslens tokenizes the batch's words outside it first, so the next batches find
    them ready; never more than MAX_CACHED_CHUNKS words over a pipeline's life."""
    from pipeline import nlp as nlp_stage
    from pipeline.ingest import read_articles
    from pipeline.runner import process

    nlp = nlp_stage.load_nlp(components=())
    monkeypatch.setattr(nlp_stage, "MAX_CACHED_CHUNKS", 3)
    words = ["Zuvrelka", "Pondamire", "Quastelbrot", "Yimbrax", "Oolvendi"]
    (tmp_path / "made-up.txt").write_text(" ".join(words) + " met on Tuesday.\n", encoding="utf-8")
    (record,) = process(read_articles([tmp_path / "made-up.txt"]), nlp)
    assert "error" not in record
    assert [word in nlp.vocab.strings for word in words] == [True, True, True, False, False]


def test_shard_batches_respect_the_character_bound_inside_shards():
    items = [{"n": n, "title": "", "text": "x" * 400} for n in range(7)]
    cut = [(tag, [i["n"] for i in batch]) for tag, batch in shard_batches(items, 0, shard_size=4, batch_size=3, batch_chars=1000)]
    assert cut == [((0, 2, False), [0, 1]), ((0, 4, True), [2, 3]), ((1, 2, False), [4, 5]), ((1, 3, True), [6])]


def test_jsonl_target_is_assembled_and_a_rerun_is_a_no_op(tmp_path):
    source = tmp_path / "in.jsonl"
    write_articles(source, 7, bad_lines=(3,))
    output = tmp_path / "out" / "news.jsonl"
    args = ["batch", str(source), "-o", str(output), "--workers", "1", "--shard-size", "3", "--batch-size", "2"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output  # one input line failed; the records that worked are written
    records, errors = read_jsonl(output), read_jsonl(tmp_path / "out" / "news.errors.jsonl")
    assert [r["id"] for r in records] == ["art-000", "art-001", "art-002", "art-004", "art-005", "art-006"]
    assert [e["source"]["line"] for e in errors] == [4]
    assert not (tmp_path / "out" / "news.parts").exists()  # shards are assembled, then removed
    manifest = json.loads((tmp_path / "out" / "news.manifest.json").read_text())
    assert manifest["complete"] and [s["items"] for s in manifest["shards"]] == [3, 3, 1]
    assert len(pd.read_json(output, lines=True)) == 6
    assert len(pipeline.load(tmp_path / "out").articles) == 6

    again = runner.invoke(app, args)
    assert again.exit_code == 1 and "already complete" in again.output
    assert read_jsonl(output) == records


def test_changed_arguments_are_refused_and_overwrite_starts_afresh(tmp_path):
    source = tmp_path / "in.jsonl"
    write_articles(source, 4)
    output = tmp_path / "shards"
    first = runner.invoke(app, ["batch", str(source), "-o", str(output), "--workers", "1", "--shard-size", "2"])
    assert first.exit_code == 0, first.output
    assert sorted(p.name for p in output.iterdir()) == ["manifest.json", "part-000000.jsonl", "part-000001.jsonl"]

    changed = runner.invoke(app, ["batch", str(source), "-o", str(output), "--workers", "1", "--shard-size", "3"])
    assert changed.exit_code == 2
    assert "different settings (shard_size changed)" in changed.output and "--overwrite" in changed.output

    write_articles(source, 5)  # the input itself changed
    edited = runner.invoke(app, ["batch", str(source), "-o", str(output), "--workers", "1", "--shard-size", "2"])
    assert edited.exit_code == 2 and "inputs changed" in edited.output

    fresh = runner.invoke(app, ["batch", str(source), "-o", str(output), "--workers", "1", "--shard-size", "3", "--overwrite"])
    assert fresh.exit_code == 0, fresh.output
    assert sorted(p.name for p in output.iterdir()) == ["manifest.json", "part-000000.jsonl", "part-000001.jsonl"]
    assert [len(read_jsonl(p)) for p in sorted(output.glob("part-*.jsonl"))] == [3, 2]


def test_a_resume_with_another_claims_model_is_refused(tmp_path):
    source = tmp_path / "in.jsonl"
    write_articles(source, 2)
    output = tmp_path / "shards"
    first = runner.invoke(app, ["batch", str(source), "-o", str(output), "--workers", "1"])
    assert first.exit_code == 0, first.output
    other = runner.invoke(app, ["batch", str(source), "-o", str(output), "--workers", "1", "--claims-model", "fast"])
    assert other.exit_code == 2 and "claims_model changed" in other.output


def test_ten_megabyte_article_is_refused_and_the_run_goes_on(tmp_path):
    source = tmp_path / "in.jsonl"
    write_articles(source, 2)
    with open(source, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "huge", "text": "word " * 2_000_000}) + "\n")  # 10 MB of text
    write_articles(tmp_path / "more.jsonl", 1)
    output = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["batch", str(source), str(tmp_path / "more.jsonl"), "-o", str(output), "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert [r["id"] for r in read_jsonl(output)] == ["art-000", "art-001", "art-000"]
    (error,) = read_jsonl(tmp_path / "out.errors.jsonl")
    assert error["id"] == "huge" and "10,000,000 characters, over the limit of 1,000,000" in error["error"]


def test_sigkill_then_resume_on_two_workers_equals_an_uninterrupted_run(tmp_path):
    """Killed mid-way, resumed with a pool of two workers: the same shards as one uninterrupted worker writes."""
    source = tmp_path / "in.jsonl"
    write_articles(source, 60, bad_lines=(17, 40))
    settings = ["--shard-size", "3", "--batch-size", "2"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}

    reference = tmp_path / "reference"
    run_batch([str(source)], reference, workers=1, shard_size=3, batch_size=2)

    interrupted = tmp_path / "interrupted"
    manifest_path = interrupted / "manifest.json"
    victim = subprocess.Popen(batch_cli(str(source), "-o", str(interrupted), "--workers", "1", *settings), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    finished_before_kill = None
    while time.monotonic() < deadline and victim.poll() is None:
        if manifest_path.exists():
            manifest = json.loads(manifest_path.read_text())
            if manifest["shards"]:
                victim.send_signal(signal.SIGKILL)
                finished_before_kill = len(manifest["shards"])
                break
        time.sleep(0.01)
    victim.wait()
    assert victim.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert 0 < finished_before_kill < 20

    resumed = subprocess.run(batch_cli(str(source), "-o", str(interrupted), "--workers", "2", *settings), env=env, capture_output=True, text=True)
    assert resumed.returncode == 1, resumed.stderr  # the two bad lines failed
    assert "done before resuming" in resumed.stderr

    def listing(directory: Path) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.name != "manifest.json"}

    assert listing(interrupted) == listing(reference)  # same shards, byte for byte: nothing redone differently
    records = [r for p in sorted(interrupted.glob("part-*[0-9].jsonl")) for r in read_jsonl(p)]
    errors = [e for p in sorted(interrupted.glob("part-*.errors.jsonl")) for e in read_jsonl(p)]
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)) == 58
    assert sorted(ids + [f"line {e['source']['line']}" for e in errors]) == sorted(
        [f"art-{n:03d}" for n in range(60) if n not in (17, 40)] + ["line 18", "line 41"]
    )
    reference_manifest = json.loads((reference / "manifest.json").read_text())
    assert json.loads(manifest_path.read_text())["shards"] == reference_manifest["shards"]


def test_a_run_from_stdin_is_never_taken_for_a_finished_one(tmp_path):
    source = tmp_path / "in.jsonl"
    write_articles(source, 2)
    output = tmp_path / "stdin.jsonl"
    first = runner.invoke(app, ["batch", "-", "-o", str(output), "--workers", "1"], input=source.read_text())
    assert first.exit_code == 0, first.output
    assert [r["source"]["path"] for r in read_jsonl(output)] == ["-", "-"]
    again = runner.invoke(app, ["batch", "-", "-o", str(output), "--workers", "1"], input=source.read_text())
    assert again.exit_code == 2 and "read stdin" in again.output and "--overwrite" in again.output
