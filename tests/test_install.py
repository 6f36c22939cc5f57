"""Installing like a library: the default claims model found as package data, `make clean` and the
manifest going with their output, a saved pipeline that survives a move."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from conftest import REPO, SAMPLE
from pipeline.claims.loading import DEFAULT_MODEL, SHIPPED_MODELS, shipped_model_dir
from pipeline.cli import app

runner = CliRunner()

BODY = "Governor John Bel Edwards signed the state budget in Baton Rouge on Friday, his office said."


def run_python(code: str, cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_an_installed_package_finds_its_claims_model_as_package_data(tmp_path):
    """The wheel's layout (pyproject maps models/DIR to pipeline/models/DIR), run from another directory."""
    site = tmp_path / "site-packages"
    shutil.copytree(REPO / "pipeline", site / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    for directory in SHIPPED_MODELS.values():
        shutil.copytree(REPO / "models" / directory, site / "pipeline" / "models" / directory)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("from pipeline.claims.loading import load_model, shipped_model_dir; m = load_model(); "
            "print(shipped_model_dir()); print(m.score('Taxes rose 40% in 2019.'))")
    result = run_python(code, elsewhere, site)
    assert result.returncode == 0, result.stderr
    found, score = result.stdout.split()
    assert Path(found) == site / "pipeline" / "models" / SHIPPED_MODELS[DEFAULT_MODEL]
    assert 0.0 <= float(score) <= 1.0


def test_a_checkout_finds_its_claims_model_under_models():
    for name, directory in SHIPPED_MODELS.items():
        assert shipped_model_dir(name) == REPO / "models" / directory
        assert (shipped_model_dir(name) / "card.json").is_file()


def test_make_clean_removes_outputs_with_their_manifests(tmp_path):
    processed = tmp_path / "data" / "processed"
    (processed / "shards").mkdir(parents=True)
    for name in (".gitkeep", "sample.jsonl", "sample.errors.jsonl", "sample.manifest.json", "shards/manifest.json", "shards/part-000000.jsonl"):
        (processed / name).write_text("", encoding="utf-8")
    result = subprocess.run(["make", "-f", str(REPO / "Makefile"), "clean"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in processed.iterdir()) == [".gitkeep"]


def test_a_manifest_whose_output_is_gone_is_not_complete(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": BODY}) + "\n", encoding="utf-8")
    for target in (tmp_path / "out" / "run.jsonl", tmp_path / "shards"):
        args = ["batch", str(source), "-o", str(target), "--workers", "1"]
        assert runner.invoke(app, args).exit_code == 0
        if target.suffix:
            target.unlink()  # what `rm data/processed/*.jsonl` did before `make clean` took the manifest too
        else:
            (target / "part-000000.jsonl").unlink()
        again = runner.invoke(app, args)
        assert again.exit_code == 0, again.output
        assert "already complete" not in again.output
        written = target if target.suffix else target / "part-000000.jsonl"
        assert [json.loads(line)["id"] for line in written.read_text(encoding="utf-8").splitlines()] == ["a"]
