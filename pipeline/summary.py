"""Human-readable views of records and runs for the terminal (rich)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from pipeline.record import is_failure


def entity_table(record: dict) -> Table:
    """Entities grouped by label and canonical name, with their mention counts."""
    # Imported here: batch workers import this module for RunTally, and pipeline.render loads pandas.
    from pipeline.render.values import describe_amount

    counts: Counter[tuple[str, str, str]] = Counter()
    for entity in record["entities"]:
        normalized = entity.get("normalized") or {}
        detail = normalized.get("citation") or (describe_amount(normalized) if normalized.get("amount") is not None else "")
        counts[(entity["label"], entity.get("canonical") or entity["text"], detail)] += 1
    table = Table(title="Entities", title_justify="left")
    for column in ("label", "name", "normalized", "mentions"):
        table.add_column(column, justify="right" if column == "mentions" else "left")
    for (label, name, detail), n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1])):
        table.add_row(label, Text(name), Text(detail), str(n))  # Text: an article's "[budget]" is not markup
    return table


def quote_table(record: dict) -> Table:
    """Quotes grouped by speaker, in text order."""
    table = Table(title="Quotes", title_justify="left", show_lines=True)
    for column in ("speaker", "type", "cue", "quote"):
        table.add_column(column, overflow="fold")
    quotes = sorted(record["quotes"], key=lambda q: (q.get("speaker_canonical") or q.get("speaker") or "~", q["start"]))
    for quote in quotes:
        speaker = quote.get("speaker_canonical") or quote.get("speaker") or "(unknown)"
        table.add_row(Text(speaker), quote["type"], Text(quote.get("cue") or ""), Text(quote["text"]))
    return table


def claim_table(record: dict) -> Table:
    """Claims ranked by score."""
    table = Table(title="Claims", title_justify="left", show_lines=True)
    for column in ("score", "kinds", "claimant", "claim"):
        table.add_column(column, overflow="fold")
    for claim in sorted(record["claims"], key=lambda c: -c["score"]):
        claimant = claim.get("claimant_canonical") or claim.get("claimant") or ""
        table.add_row(f"{claim['score']:.2f}", ", ".join(claim["kinds"]), Text(claimant), Text(claim["text"]))
    return table


def print_record(record: dict, console: Console) -> None:
    """Print one record as a heading and three tables."""
    console.rule(f"[bold]{escape(record['title'] or record['id'])}")
    source = record["source"]
    where = f"{source['path']}{':' + str(source['line']) if source['line'] else ''}"
    console.print(f"[dim]{escape(record['id'])} · {escape(where)} · {len(record['text'].split()):,} words[/dim]")
    for warning in record["meta"]["warnings"]:
        console.print(f"[yellow]warning:[/yellow] {escape(warning)}")
    console.print(entity_table(record))
    console.print(quote_table(record) if record["quotes"] else "[dim]No quotes.[/dim]")
    console.print(claim_table(record) if record["claims"] else "[dim]No claims.[/dim]")


@dataclass
class RunTally:
    """Counts of what a run produced."""

    records: int = 0
    errors: int = 0
    words: int = 0
    items: Counter[str] = field(default_factory=Counter)

    def add(self, item: dict) -> None:
        """Count one record or failure entry."""
        if is_failure(item):
            self.errors += 1
            return
        self.records += 1
        self.words += len(item["text"].split())
        for table in ("entities", "quotes", "claims"):
            self.items[table] += len(item[table])

    def merge(self, other: "RunTally") -> None:
        """Add another tally's counts to this one."""
        self.records += other.records
        self.errors += other.errors
        self.words += other.words
        self.items.update(other.items)

    def counts(self) -> dict:
        """The tally as plain JSON data (as stored in a batch manifest)."""
        return {"records": self.records, "errors": self.errors, "words": self.words, "items": dict(self.items)}

    @classmethod
    def from_counts(cls, counts: dict) -> "RunTally":
        """A tally from its :meth:`counts`."""
        return cls(counts["records"], counts["errors"], counts["words"], Counter(counts["items"]))

    @classmethod
    def merged(cls, tallies: Iterable["RunTally"]) -> "RunTally":
        """The sum of several tallies."""
        total = cls()
        for tally in tallies:
            total.merge(tally)
        return total


def print_run_summary(
    tally: RunTally,
    seconds: float,
    outputs: tuple[str, str | None],
    console: Console,
    session_words: int | None = None,
    resumed: int = 0,
    analysis_seconds: float | None = None,
) -> None:
    """Print the closing summary of a batch run.

    ``outputs`` names where the records and the failures are; ``session_words`` (default: all of
    the tally's words) is what this invocation analysed itself, for the words/s figure, and
    ``resumed`` how many articles an earlier, interrupted invocation had already finished;
    ``analysis_seconds`` (default: ``seconds``) the time words/s is measured over.
    """
    words = tally.words if session_words is None else session_words
    analysis_seconds = seconds if analysis_seconds is None else analysis_seconds
    table = Table(title="newslens run", title_justify="left", show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("articles", f"{tally.records + tally.errors:,}")
    if resumed:
        table.add_row("  done before resuming", f"{resumed:,}")
    table.add_row("records", f"{tally.records:,}")
    table.add_row("errors", f"{tally.errors:,}")
    for name in ("entities", "quotes", "claims"):
        table.add_row(name, f"{tally.items[name]:,}")
    table.add_row("wall time", f"{seconds:.1f} s")
    table.add_row("words/s", f"{words / analysis_seconds:,.0f}" if analysis_seconds > 0 and words else "-")
    console.print(table)
    records, errors = outputs
    console.print(f"records: {records}")
    if tally.errors and errors:
        console.print(f"[yellow]errors:[/yellow] {errors}")
