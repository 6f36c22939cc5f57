"""The model card: what a model directory holds, how it was made and how well it scores.

``card.json`` is read by the code (``format`` picks the loader, ``threshold`` cuts the claims);
``model-card.md`` renders it for people.
"""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone
from pathlib import Path

CARD_FILE = "card.json"
CARD_MARKDOWN_FILE = "model-card.md"


def read_card(model_dir: Path, known_formats) -> dict:
    """The card of a model directory, checked to name one of ``known_formats``."""
    card_path = model_dir / CARD_FILE
    if not card_path.is_file():
        raise FileNotFoundError(f"no claims model in {model_dir} (missing {CARD_FILE}): train one with `newslens train claims`")
    card = json.loads(card_path.read_text(encoding="utf-8"))
    known = tuple(sorted(known_formats))
    if card.get("format") not in known:
        raise ValueError(f"{card_path}: unsupported claims model format {card.get('format')!r} (expected one of {known})")
    return card


def model_card(model_format: str, method: str, data: dict, threshold: float, threshold_rule: str,
               features: dict, metrics: dict, started: float, **extra) -> dict:
    """The card of a model just trained (``started``: its ``time.perf_counter()`` start)."""
    now = datetime.now(timezone.utc)
    return {
        "format": model_format,
        "version": now.strftime("%Y.%m.%d"),
        "created": now.isoformat(timespec="seconds"),
        "method": method,
        "data": data,
        "threshold": threshold,
        "threshold_rule": threshold_rule,
        "features": features,
        "metrics": metrics,
        "training_seconds": round(time.perf_counter() - started, 1),
        **extra,
    }


def write_card(out: Path, card: dict) -> None:
    """Write the JSON card and its Markdown rendering to ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    (out / CARD_FILE).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    (out / CARD_MARKDOWN_FILE).write_text(card_markdown(card), encoding="utf-8")


def card_markdown(card: dict) -> str:
    """The model card as Markdown."""
    lines = [
        "# newslens claims model",
        "",
        f"- version: {card['version']} (created {card['created']}, format `{card['format']}`)",
        f"- method: {card['method']}",
        f"- threshold: {card['threshold']} — {card['threshold_rule']}",
        f"- training time: {card['training_seconds']} s",
    ]
    if card.get("transcript_model"):
        lines.append(f"- sentences without an article (transcripts, sentence gold): scored by `{card['transcript_model']}` beside this model")
    lines += [
        "",
        "## Data",
        "",
    ]
    for role, described in card["data"].items():
        if described:
            lines.append(f"- {role}: " + ", ".join(f"{k} {v}" for k, v in described.items()))
    lines += ["", "## Metrics (check-worthy class)", "", "| set | precision | recall | F1 | AP | n |", "|---|---|---|---|---|---|"]
    for name, m in card["metrics"].items():
        lines.append(f"| {name} | {m['precision']} | {m['recall']} | {m['f1']} | {m['average_precision']} | {m['n']} |")
    return "\n".join(lines) + "\n"
