"""Score the check-worthiness model against gold sentences (see docs/evaluation.md, "Claims").

The gold file holds ``{"id", "text", "label"}`` sentences, ``label`` 1 for check-worthy. Each
sentence is scored by the model alone (no article context); a sentence is predicted check-worthy
when its score reaches the model's threshold. Reported: precision, recall and F1 of the
check-worthy class, and average precision (threshold-free ranking quality).
"""

from __future__ import annotations

from pathlib import Path

from rich.table import Table

from pipeline.claims_model import binary_metrics, load_model, read_labelled, resolve_model_dir


def evaluate(gold_path: Path, model_dir: Path | None = None) -> dict:
    """Metrics of the check-worthy class of the model in ``model_dir`` (default: the shipped model) on ``gold_path``."""
    model = load_model(model_dir)
    texts, labels = read_labelled(gold_path)
    metrics = binary_metrics(labels, model.scores(texts), model.threshold)
    return {"gold": str(gold_path), "model": str(resolve_model_dir(model_dir)), "model_version": model.card.get("version"), **metrics}


def metrics_table(metrics: dict) -> Table:
    """The metrics as a rich table."""
    table = Table(title=f"Check-worthy claims ({metrics['n']} sentences, {metrics['positives']} check-worthy)")
    for column in ("precision", "recall", "F1", "avg precision", "threshold"):
        table.add_column(column, justify="right")
    table.add_row(*(f"{metrics[key]:.3f}" for key in ("precision", "recall", "f1", "average_precision", "threshold")))
    return table
