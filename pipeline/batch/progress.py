"""The progress bar of a batch run: articles, words per second and, when the input size is known, ETA."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.text import Text

from pipeline.ingest.readers import input_format

# Formats whose item count is known without parsing: one article per file, or per non-blank line.
ONE_PER_FILE = {"txt", "text", "html", "htm"}
ONE_PER_LINE = {"jsonl", "ndjson"}


def count_items(paths: list[str]) -> int | None:
    """How many stream items the inputs hold, when that is cheap to know; None otherwise."""
    total = 0
    for path in paths:
        fmt, compression = input_format(path)
        if path == "-" or compression or fmt not in ONE_PER_FILE | ONE_PER_LINE or not Path(path).is_file():
            return None
        if fmt in ONE_PER_FILE:
            total += 1
            continue
        try:
            with open(path, "rb") as handle:
                total += sum(1 for line in handle if line.strip())
        except OSError:  # unreadable: the reader reports it as an error line
            return None
    return total


class WordsPerSecondColumn(ProgressColumn):
    """Words analysed per second since the bar started."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        words = task.fields.get("words", 0)
        return Text(f"{words / elapsed:,.0f} words/s" if elapsed > 0 else "- words/s", style="progress.data.speed")


def run_progress(console: Console) -> Progress:
    """A progress bar on ``console``, drawn only when it is a terminal."""
    return Progress(
        TextColumn("[bold]newslens[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        WordsPerSecondColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal,
        transient=False,
    )
