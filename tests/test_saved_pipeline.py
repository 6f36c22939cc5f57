"""A saved pipeline travels: `nlp.to_disk`, move the folder (its claims model gone from where it
was), `spacy.load` in a fresh process: the same entities, quotes and claims."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from conftest import REPO, SAMPLE
from pipeline.claims.loading import shipped_model_dir
from pipeline.ingest import read_articles
from pipeline.nlp import load_nlp
from pipeline.runner import process

FIELDS = ("entities", "quotes", "claims")

# Runs in a fresh process, so nothing loaded before the move (the claims model is cached per
# process) can stand in for what the saved folder holds.
LOAD_AND_EXTRACT = """
import json, sys
import spacy
from pipeline.ingest import read_articles
from pipeline.runner import process
nlp = spacy.load(sys.argv[1])
(record,) = process(read_articles([sys.argv[2]]), nlp)
print(json.dumps({field: record[field] for field in %r}))
""" % (FIELDS,)


def test_a_saved_pipeline_gives_the_same_output_after_a_move(tmp_path, sample_record):
    # A claims model of our own with a lower threshold, so its claims differ from the default model's.
    own_model = tmp_path / "own-claims"
    shutil.copytree(shipped_model_dir(), own_model)
    card = json.loads((own_model / "card.json").read_text(encoding="utf-8"))
    card["threshold"] = round(card["threshold"] * 0.6, 4)
    (own_model / "card.json").write_text(json.dumps(card), encoding="utf-8")

    nlp = load_nlp(claims_model=str(own_model))
    (before,) = process(read_articles([SAMPLE]), nlp)
    assert len(before["claims"]) > len(sample_record["claims"])  # the own model is the one in use
    nlp.to_disk(tmp_path / "saved")

    moved = tmp_path / "another" / "machine" / "pipeline"
    shutil.move(tmp_path / "saved", moved)
    shutil.rmtree(own_model)  # the model must travel inside the saved pipeline
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", LOAD_AND_EXTRACT, str(moved), str(SAMPLE)], cwd=elsewhere, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    after = json.loads(result.stdout.splitlines()[-1])
    for field in FIELDS:
        assert after[field] == before[field], field
