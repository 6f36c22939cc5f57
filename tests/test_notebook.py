"""notebooks/explore.ipynb runs top to bottom on the sample's processed output."""

from __future__ import annotations

import json
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from pipeline.write import JsonlWriter
from conftest import REPO

NOTEBOOK = REPO / "notebooks" / "explore.ipynb"
KERNEL = "newslens-test"


def text_outputs(cell) -> str:
    """Everything a cell printed or displayed, as text."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.append(output.get("data", {}).get("text/plain", ""))
    return "".join(parts)


def output_of(notebook, marker: str) -> str:
    """The text output of the code cell whose source contains ``marker``."""
    (cell,) = [c for c in notebook.cells if c.cell_type == "code" and marker in c.source]
    return text_outputs(cell)


@pytest.fixture
def this_python_kernel(tmp_path, monkeypatch):
    """A kernel spec running this interpreter (the venv's), found before any other through JUPYTER_PATH."""
    spec = tmp_path / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "newslens test", "language": "python",
    }))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    return KERNEL


def test_notebook_is_committed_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_notebook_runs_on_the_sample(sample_record, tmp_path, monkeypatch, this_python_kernel):
    processed = tmp_path / "processed"
    with JsonlWriter(processed / "sample.jsonl", append=False) as writer:
        writer.write(sample_record)
    monkeypatch.setenv("NEWSLENS_PROCESSED", str(processed))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, kernel_name=this_python_kernel, timeout=300,
                   resources={"metadata": {"path": str(REPO)}}).execute()
    assert f"1 articles, {len(sample_record['entities'])} entities, {len(sample_record['quotes'])} quotes" in output_of(notebook, "frames = pipeline.load(")
    assert sample_record["id"] in output_of(notebook, "frames.articles[")
    speakers = {q["speaker_canonical"] or q["speaker"] for q in sample_record["quotes"]} - {None}
    quoted = output_of(notebook, "quoted_most =")
    assert all(name in quoted for name in speakers)
    money_in_claims = {e["text"] for c in sample_record["claims"] for e in sample_record["entities"]
                       if e["label"] == "MONEY" and c["start"] <= e["start"] and e["end"] <= c["end"]}
    with_money = output_of(notebook, "claims_with_money =")
    assert all(text in with_money for text in money_in_claims)
    assert ("Empty DataFrame" in with_money) == (not money_in_claims)
    figures = [o for cell in notebook.cells for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(figures) == 1
