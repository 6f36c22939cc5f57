"""A larger hostile suite than ``hostile.py``: new variants of each of issue 18's families, generated
from a seed, each hostile article in a file between two good ones, through ``newslens batch``.

Families: cleaning-rule bait (prompts, credits and trailers with other separators and cases), every
kind of quotation mark (repeated, unbalanced, alternating, one per line), repeated tokens (cues,
statutes, amounts in several currencies, numbers), long text without punctuation, symbols (emoji,
ZWJ sequences, right-to-left scripts, combining marks, control and separator characters, a lone
surrogate), and broken lines (deep nesting, huge integers, NUL and invalid UTF-8 bytes, non-string
text). Files are JSON Lines in UTF-8, UTF-8 with BOM, UTF-16 and UTF-32 (with BOMs), with LF, CRLF,
CR-only and mixed line ends, plus CSV and plain-text files; sizes run from 1,000 to 900,000
characters.

The run uses one article per batch and one per shard, so each shard's modification time tells when
its article was done: the gap to the previous one is that article's wall time (a stopped worker's
replacement included). Prints articles lost (neither a record nor an error line naming them), hangs
(the run outliving its deadline, or an article over its time budget plus a worker restart), the
largest wall time per article, peak memory (largest process, and parent + workers together),
processes left behind.

    .venv/bin/python benchmarks/hostile_large.py --seed 18
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

from hostile import GOOD, measured_batch, print_run, read_jsonl

SIZES = [1_000, 10_000, 50_000, 120_000]
HUGE = 900_000  # a few articles near the 1,000,000-character limit
LINE_ENDS = {"lf": "\n", "crlf": "\r\n", "cr": "\r", "mixed": None}
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-32"]
# Seconds to allow, beyond an article's time budget, for stopping its worker and loading a new one.
RESTART_ALLOWANCE = 60.0
BUDGET_SECONDS = 5.0  # --article-timeout's default: per 10,000 characters


def repeat_to(unit: str, size: int, prefix: str = "", suffix: str = "") -> str:
    return prefix + unit * max(1, (size - len(prefix) - len(suffix)) // len(unit)) + suffix


def cleaning_bait(rng: random.Random, size: int) -> str:
    prompt = rng.choice(["read more", "READ MORE", "Related", "Click here", "Follow us on", "Share this", "posted by", "Photo by",
                         "via", "h/t", "Source", "Featured image"])
    pump = rng.choice([": ", " :", "::", " - ", " | ", "a", ". ", "/ ", "* ", "\t"])
    if rng.random() < 0.3:
        return repeat_to(rng.choice(["\nmore", "\r\nMORE", "\n more", "\nREUTER", "\n Reuter\n", "\n^M"]), size, "Prices rose.")
    return repeat_to(pump, size, prompt + " ", rng.choice(["x", "!", "", "\n"]))


def quotation_marks(rng: random.Random, size: int) -> str:
    mark = rng.choice(['"', "\u201c", "\u201d", "\u201e", "\u201f", "\u00ab", "\u00bb", "''", "``", "\u2018", "\u2019", "'", "\u300c"])
    shape = rng.choice(["run", "unbalanced", "alternating", "lines"])
    if shape == "run":
        return repeat_to(mark, size)
    if shape == "unbalanced":
        return repeat_to(f"{rng.choice(['He said', 'She told reporters', 'Officials insisted'])} {mark}yes and ", size)
    if shape == "alternating":
        return repeat_to(f"{mark}a{mark} ", size)
    return repeat_to(f"{mark}It is over, said Smith.\n", size)


def repeated_tokens(rng: random.Random, size: int) -> str:
    token = rng.choice(["said ", "told reporters ", "according to ", "8 U.S.C. ", "\u00a7 1 ", "42 U.S.C. \u00a7 ", "H.R. 1 ",
                        "Section 2 of the Act ", "$1 ", "\u20ac2bn ", "\u00a33 million ", "US$ 4 ", "1,1,", "50 percent ",
                        "Mr. Smith said ", "he said. ", "Smith: ", "more than $5 billion ", "Department of ", "(AP) "])
    return repeat_to(token, size)


WORDS = ["the", "council", "voted", "on", "budget", "Smith", "Lopez", "New", "Orleans", "police", "plan", "Port", "Authority",
         "million", "said", "we", "will", "Trump", "Congress", "law", "Act", "water"]


def no_punctuation(rng: random.Random, size: int) -> str:
    words, length = [], 0
    while length < size:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    return " ".join(words)


def symbols(rng: random.Random, size: int) -> str:
    unit = rng.choice(["\U0001F600", "\U0001F469\u200d\U0001F469\u200d\U0001F467 ", "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645 ",
                       "\u05e9\u05dc\u05d5\u05dd ", "e\u0301", "\x01\x02 ", "a\u2028", "b\u0085", "\u200b", "\uff21\uff22 ", "\u202e abc ",
                       "\U0001F1FA\U0001F1F8", "\ufeff", "x\x1c", "\ud83d"])
    return repeat_to(unit, size)


FAMILIES = {"cleaning": cleaning_bait, "marks": quotation_marks, "tokens": repeated_tokens, "no_punct": no_punctuation, "symbols": symbols}
VARIANTS_PER_FAMILY = 10


def broken_lines(rng: random.Random) -> list[tuple[str, str]]:
    """Raw JSONL lines no reader can turn into an article: (name, line)."""
    depth = rng.choice([1_000, 10_000, 100_000])
    digits = rng.choice([4_500, 5_000, 50_000])
    return [
        ("nested", '{"id": "x", "text": ' + "[" * depth + "]" * depth + "}"),
        ("big_int", '{"id": "x", "text": "a", "n": ' + "9" * digits + "}"),
        ("nul_byte", '{"id": "nul", "text": "Mayor\x00 Smith said"}'),
        ("text_not_string", '{"id": "list", "text": [1, 2, 3]}'),
        ("not_json", "{id: nope"),
        ("truncated", '{"id": "cut", "text": "Maria said'),
    ]


def article_line(item: dict, raw: bool = False) -> str:
    """A JSON line; ``raw`` keeps non-ASCII characters (a lone surrogate included) unescaped."""
    return json.dumps(item, ensure_ascii=not raw)


def jsonl_bytes(lines: list[str], encoding: str, line_end: str | None, rng: random.Random) -> bytes:
    ends = [line_end or rng.choice(["\n", "\r\n", "\r"]) for _ in lines]
    text = "".join(line + end for line, end in zip(lines, ends))
    return text.encode(encoding, errors="surrogatepass")


def generate(root: Path, seed: int) -> tuple[list[str], dict]:
    """Write the suite under ``root``; return the inputs and what each article must become: id -> size."""
    rng = random.Random(seed)
    root.mkdir(parents=True)
    expected: dict[str, int] = {}
    huge_left = 3
    number = 0
    for family, make in FAMILIES.items():
        for variant in range(VARIANTS_PER_FAMILY):
            size = rng.choice(SIZES)
            if huge_left and family in ("tokens", "no_punct", "marks") and rng.random() < 0.15:
                size, huge_left = HUGE, huge_left - 1
            text = make(rng, size)
            number += 1
            ident = f"{family}-{variant}"
            good = [{"id": f"{ident}-good-1", "text": GOOD[0]}, {"id": f"{ident}-hostile", "text": text},
                    {"id": f"{ident}-good-2", "text": GOOD[1]}]
            kind = rng.choice(["jsonl"] * 6 + ["csv", "txt"])
            if kind == "txt" and "\ud83d" not in text:
                (root / f"{number:03d}-{ident}.txt").write_text(text, encoding="utf-8", newline="")
                expected[f"{number:03d}-{ident}.txt"] = len(text)
                for item in (good[0], good[2]):
                    (root / f"{number:03d}-{item['id']}.txt").write_text(item["text"], encoding="utf-8")
                    expected[f"{number:03d}-{item['id']}.txt"] = len(item["text"])
                continue
            if kind == "csv" and "\ud83d" not in text:
                import csv
                import io

                buffer = io.StringIO(newline="")
                writer = csv.writer(buffer, lineterminator=rng.choice(["\r\n", "\n"]))
                writer.writerow(["id", "text"])
                for item in good:
                    writer.writerow([item["id"], item["text"]])
                (root / f"{number:03d}-{ident}.csv").write_bytes(buffer.getvalue().encode("utf-8"))
            else:
                encoding = rng.choice(ENCODINGS)
                line_end = LINE_ENDS[rng.choice(list(LINE_ENDS))]
                raw = rng.random() < 0.5
                data = jsonl_bytes([article_line(item, raw) for item in good], encoding, line_end, rng)
                (root / f"{number:03d}-{ident}.{encoding}.jsonl").write_bytes(data)
            for item in good:
                expected[item["id"]] = len(item["text"])
    for name, line in broken_lines(rng):
        number += 1
        ident = f"broken-{name}"
        lines = [article_line({"id": f"{ident}-good-1", "text": GOOD[0]}), line, article_line({"id": f"{ident}-good-2", "text": GOOD[1]})]
        data = "\n".join(lines).encode("utf-8") + b"\n"
        (root / f"{number:03d}-{ident}.jsonl").write_bytes(data.replace(b'"text": "Maria said', b'"text": "Maria \xff\xfe said'))
        expected[f"{ident}-good-1"] = expected[f"{ident}-good-2"] = len(GOOD[0])
        expected[f"{number:03d}-{ident}.jsonl:2"] = 0  # the broken line: an error line naming its file and line
    return [str(root)], expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write the suite and the output here instead of a temporary directory")
    parser.add_argument("extra", nargs="*", help="more `newslens batch` options, after --")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        base = args.keep or Path(scratch)
        inputs, expected = generate(base / "in", args.seed)
        total_chars = sum(expected.values())
        output = base / "out"
        run = measured_batch(inputs, output, args.workers, ["--batch-size", "1", "--shard-size", "1", *args.extra])
        shards = sorted(output.glob("part-*[0-9].jsonl"))
        found: dict[str, tuple[str, float]] = {}  # key -> (record or error, finish time)
        finished = []
        for shard in shards:
            mtime = shard.stat().st_mtime
            items = [("record", item) for item in read_jsonl(shard)]
            errors = shard.with_name(shard.name.replace(".jsonl", ".errors.jsonl"))
            if errors.exists():
                mtime = max(mtime, errors.stat().st_mtime)
                items += [("error", item) for item in read_jsonl(errors)]
            for kind, item in items:
                path = Path((item.get("source") or {}).get("path") or "")
                keys = [item.get("id"), path.name, f"{path.name}:{(item.get('source') or {}).get('line')}"]
                for key in keys:
                    if key in expected:
                        found[key] = (kind, mtime)
                named = next((key for key in keys if key in expected), keys[0] or keys[2])
                finished.append((mtime, kind, named, item.get("error", "")[:90]))
    finished.sort()
    walls = [(later[0] - earlier[0], later[2], later[1], later[3]) for earlier, later in zip(finished, finished[1:])]
    lost = sorted(set(expected) - set(found))
    over = [(wall, key) for wall, key, *_ in walls if wall > BUDGET_SECONDS * max(1.0, expected.get(key, 0) / 10_000) + RESTART_ALLOWANCE]
    hostile = [key for key in expected if "-good-" not in key]
    print(f"seed {args.seed}: {len(expected)} articles ({len(hostile)} hostile, {total_chars:,} characters) in {len(list(Path(inputs[0]).iterdir()))} files")
    print_run(run)
    print(f"lost articles: {len(lost)} {lost[:10]}")
    print(f"hostile articles: {sum(found.get(k, ('',))[0] == 'record' for k in hostile)} records, "
          f"{sum(found.get(k, ('',))[0] == 'error' for k in hostile)} error lines; good articles landed: "
          f"{sum(found.get(k, ('',))[0] == 'record' for k in expected if '-good-' in k)} of {sum('-good-' in k for k in expected)}")
    print(f"hangs: {int(run['exit_code'] not in (0, 1))} runs unfinished, {len(over)} articles over budget + restart {over[:5]}")
    print("slowest articles (wall s, article, outcome):")
    for wall, key, kind, error in sorted(walls, reverse=True)[:8]:
        print(f"  {wall:7.1f}  {key}  {kind} {error}")
    if run["exit_code"] not in (0, 1):
        print(run["stderr"][-2000:], file=sys.stderr)


if __name__ == "__main__":
    main()
