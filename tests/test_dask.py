"""The Dask engine on a LocalCluster of two worker processes writes exactly what the local engine
writes, and keeps each article within its budget as the local engine does."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("distributed")

from pipeline.batch import Budget, run_batch  # noqa: E402
from pipeline.batch.dask_engine import local_cluster  # noqa: E402
from conftest import read_jsonl, write_articles  # noqa: E402


@pytest.fixture(scope="module")
def scheduler():
    """The address of a LocalCluster of two single-threaded worker processes, shared by this module's tests."""
    with local_cluster(2) as cluster:
        yield cluster.scheduler_address


def test_dask_engine_output_equals_local_engine_output(tmp_path, scheduler):
    source = tmp_path / "in.jsonl"
    write_articles(source, 14, bad_lines=(6,))
    local = run_batch([str(source)], tmp_path / "local", workers=1, batch_size=2, shard_size=4)
    on_dask = run_batch([str(source)], tmp_path / "dask", workers=2, batch_size=2, shard_size=4, engine="dask", scheduler=scheduler)

    assert on_dask.tally == local.tally and local.tally.records == 13 and local.tally.errors == 1
    local_files = sorted(p.name for p in (tmp_path / "local").glob("part-*"))
    assert local_files == sorted(p.name for p in (tmp_path / "dask").glob("part-*"))
    for name in local_files:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
    manifests = [json.loads((tmp_path / run / "manifest.json").read_text()) for run in ("local", "dask")]
    assert manifests[0] == manifests[1]
    ids = [r["id"] for p in sorted((tmp_path / "dask").glob("part-*[0-9].jsonl")) for r in read_jsonl(p)]
    assert ids == [f"art-{n:03d}" for n in range(14) if n != 6]


def test_a_run_started_locally_resumes_on_dask(tmp_path, scheduler):
    source = tmp_path / "in.jsonl"
    write_articles(source, 9)
    target = tmp_path / "out"
    run_batch([str(source)], target, workers=1, batch_size=2, shard_size=4)
    manifest = json.loads((target / "manifest.json").read_text())
    reference = {p.name: p.read_bytes() for p in target.glob("part-*")}
    # Pretend the run was killed after its first shard: drop the rest from the manifest.
    manifest["shards"], manifest["complete"] = manifest["shards"][:1], False
    (target / "manifest.json").write_text(json.dumps(manifest))
    resumed = run_batch([str(source)], target, workers=2, batch_size=2, shard_size=4, engine="dask", scheduler=scheduler)
    assert resumed.resumed_items == 4 and resumed.tally.records == 9
    assert {p.name: p.read_bytes() for p in target.glob("part-*")} == reference


def test_an_article_over_its_budget_on_dask_is_an_error_and_its_neighbours_land(tmp_path, scheduler):
    source = tmp_path / "in.jsonl"
    items = [{"id": "good-1", "text": "Maria Lopez said on Tuesday that the Port Authority would spend $40 million on the harbour."},
             {"id": "slow", "text": '"Hi," he said. ' * 6_000},  # minutes of work for the quote stage
             {"id": "good-2", "text": "John Whitfield told reporters in Baton Rouge that the levee would hold."}]
    source.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    result = run_batch([str(source)], tmp_path / "out.jsonl", workers=2, engine="dask", scheduler=scheduler, budget=Budget(seconds=0.5))
    assert [r["id"] for r in read_jsonl(tmp_path / "out.jsonl")] == ["good-1", "good-2"]
    (error,) = read_jsonl(tmp_path / "out.errors.jsonl")
    assert error["id"] == "slow" and error["error"].startswith("article exceeded its time budget (4 s for 90,000 characters")
    assert (result.tally.records, result.tally.errors) == (2, 1)
