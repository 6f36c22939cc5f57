"""Issue 18's hostile inputs, each in a file between two good articles, through ``newslens batch``.

Prints what became of every article (good neighbours must all land; each hostile one is a record
or an error line), the run's wall time, the peak resident size of the largest process and of the
whole process tree, parent and workers together (sampled every 0.2 s), and whether any process
outlived the run. ``hostile_large.py`` runs a larger generated suite of the same kinds.

    .venv/bin/python benchmarks/hostile.py                      # default budgets, one worker
    .venv/bin/python benchmarks/hostile.py --workers 2 -- --article-memory 768
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from pipeline.batch.workers import resident_bytes

GOOD = ["Maria Lopez said on Tuesday that the Port Authority would spend $40 million on the harbour.",
        "\u201cWe cannot wait another year,\u201d John Whitfield told reporters in Baton Rouge."]
CASES = {
    "read_more_colons": "read more " + ": " * 25 + "x",
    "via_aaaa": "via " + "a" * 1_000,
    "more_trailer": "Prices rose." + "\nmore" * 20_000,
    "quote_marks_100k": '"' * 100_000,
    "unbalanced_marks": 'He said "yes and ' * 10_000,
    "said_200k": "said " * 200_000,
    "usc_100k": "8 U.S.C. " * 100_000,
    "no_punct_500k": ("word " * 100_000)[:500_000],
    "emoji_400kb": "\U0001F600" * 100_000,
    "dollars_300k": "$1 " * 300_000,
    "line_separators": "One.\u2028Two.\u0085Three.\x1cFour.",
}


def write_inputs(root: Path) -> list[str]:
    """One JSONL file per case (good, hostile, good), a deeply nested line, and a FIFO; the paths to pass."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in CASES.items():
        items = [{"id": f"{name}-good-1", "text": GOOD[0]}, {"id": f"{name}-hostile", "text": text}, {"id": f"{name}-good-2", "text": GOOD[1]}]
        (root / f"{name}.jsonl").write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    nested = '{"id": "nested-hostile", "text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    (root / "nested.jsonl").write_text("\n".join([json.dumps({"id": "nested-good-1", "text": GOOD[0]}), nested,
                                                  json.dumps({"id": "nested-good-2", "text": GOOD[1]})]) + "\n", encoding="utf-8")
    os.mkfifo(root.parent / "fifo.jsonl")
    return [str(root), str(root.parent / "fifo.jsonl")]


def tree_rss(pid: int) -> tuple[int, int]:
    """(largest, total) resident bytes of ``pid`` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parent = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    sizes, stack = [], [pid]
    while stack:
        current = stack.pop()
        if (size := resident_bytes(current)) is not None:
            sizes.append(size)
        stack.extend(children.get(current, []))
    return (max(sizes, default=0), sum(sizes))


def processes_with(marker: str) -> list[int]:
    """Processes whose environment holds ``marker`` (the run's workers inherit it, wherever they end up)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if marker.encode() in Path(f"/proc/{entry}/environ").read_bytes():
                    found.append(int(entry))
            except OSError:
                continue
    return found


def measured_batch(inputs: list[str], output: Path, workers: int, extra: list[str]) -> dict:
    """Run ``newslens batch`` on ``inputs`` into ``output``, sampling the memory of its process tree
    every 0.2 s: exit code, wall time, peak of the largest process and of the whole tree (parent and
    workers together, at the same moment), processes left behind, stderr."""
    command = [sys.executable, "-m", "pipeline", "batch", *inputs, "-o", str(output), "--workers", str(workers), *extra]
    started = time.monotonic()
    marker = f"NEWSLENS_HOSTILE_RUN={os.getpid()}-{time.time_ns()}"
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1]}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    peaks = [0, 0]

    def sample() -> None:
        while process.poll() is None:
            largest, total = tree_rss(process.pid)
            peaks[0], peaks[1] = max(peaks[0], largest), max(peaks[1], total)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    elapsed = time.monotonic() - started
    sampler.join()
    time.sleep(1)
    return {"exit_code": process.returncode, "seconds": elapsed, "largest": peaks[0], "tree": peaks[1],
            "left_behind": len(processes_with(marker)), "stderr": stderr}


def print_run(run: dict) -> None:
    print(f"exit code {run['exit_code']}; wall time {run['seconds']:.1f} s; largest process {run['largest'] / 2**20:,.0f} MB; "
          f"process tree (parent + workers) {run['tree'] / 2**20:,.0f} MB; processes left behind: {run['left_behind']}")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("extra", nargs="*", help="more `newslens batch` options, after --")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        inputs = write_inputs(Path(scratch) / "in")
        output = Path(scratch) / "out.jsonl"
        run = measured_batch(inputs, output, args.workers, args.extra)
        records, errors = read_jsonl(output), read_jsonl(output.with_name("out.errors.jsonl"))
    good = [r["id"] for r in records if "-good-" in (r["id"] or "")]
    expected_good = 2 * (len(CASES) + 1)
    print_run(run)
    print(f"good articles landed: {len(good)} of {expected_good}")
    for record in records:
        if "-good-" not in (record["id"] or ""):
            print(f"  record  {record['id']}: {len(record['text']):,} characters, {len(record['entities']):,} entities, {len(record['quotes']):,} quotes")
    for error in errors:
        print(f"  error   {error['id'] or error['source']['path']}: {error['error'][-110:]}")
    if run["exit_code"] not in (0, 1):
        print(run["stderr"][-2000:])


if __name__ == "__main__":
    main()
