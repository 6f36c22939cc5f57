"""What the clean stage does to a corpus: debris removed per rule, mojibake repaired, quotes kept.

Reads JSON Lines articles (``{"id", "title", "text"}``; ``text`` may be empty) and prints, for the
whole corpus: how many articles the cleaning changed, lines/matches removed by each rule of
``pipeline.clean.DEBRIS_RULES``, mojibake sequences before and after, curly quotation marks before
and after, and how many wrapped lines were re-joined. ``--show RULE`` prints a seeded random sample
of what that rule removed, for false-positive checks.

    .venv/bin/python benchmarks/cleaning_rules.py ../shared/data/bench/us_political.jsonl
    .venv/bin/python benchmarks/cleaning_rules.py ../shared/data/bench/reuters21578.jsonl --show reuters_ticker
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

from pipeline.clean import DEBRIS_RULES, fix_characters, remove_debris

# Typical UTF-8-read-as-cp1252 sequences: â€™ â€œ â€" Ã© Â  …
MOJIBAKE = re.compile("â€[\u2122\u0153\u009d\u02dc\u201c\u201d\u00a6\u00a2\u201e\u0161\u2013\u2014]|Ã[\u0080-\u00bf\u2018-\u203a\u0152-\u0178]|Â[\u00a0-\u00bf]")
CURLY_QUOTES = re.compile("[\u201c\u201d\u2018\u2019]")
HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.IGNORECASE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--show", metavar="RULE", help="Print a random sample of what this rule removed.")
    parser.add_argument("-n", type=int, default=30, help="Sample size for --show (default 30).")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    articles = changed = with_debris = 0
    per_rule: Counter[str] = Counter()
    removed_items: dict[str, list[tuple[str, str]]] = defaultdict(list)
    mojibake_before = mojibake_after = curly_before = curly_after = entities = crlf = replacement_chars = 0
    lines_in = paragraphs_out = 0
    with open(args.corpus, encoding="utf-8") as handle:
        for raw in handle:
            article = json.loads(raw)
            text = article.get("text") or ""
            articles += 1
            fixed = fix_characters(text)
            title = article.get("title") or ""
            mojibake_before += len(MOJIBAKE.findall(text)) + len(MOJIBAKE.findall(title))
            mojibake_after += len(MOJIBAKE.findall(fixed)) + len(MOJIBAKE.findall(fix_characters(title)))
            entities += len(HTML_ENTITY.findall(text))
            crlf += text.count("\r\n")
            replacement_chars += (text + title).count("\ufffd")
            curly_before += len(CURLY_QUOTES.findall(text))
            curly_after += len(CURLY_QUOTES.findall(fixed))
            paragraphs, debris = remove_debris(fixed, DEBRIS_RULES)
            for rule, item in debris:
                per_rule[rule.name] += 1
                removed_items[rule.name].append((article.get("id", "?"), item))
            with_debris += bool(debris)
            lines_in += sum(1 for line in fixed.split("\n") if line.strip())
            paragraphs_out += len(paragraphs) + sum(1 for rule, _ in debris if rule.scope in ("line", "repeat"))
            changed += fixed != text.replace("\r\n", "\n") or bool(debris)

    print(f"corpus: {args.corpus}")
    print(f"articles: {articles:,}  changed by cleaning: {changed:,}  with debris removed: {with_debris:,}")
    print(f"mojibake sequences (titles and texts): {mojibake_before:,} before, {mojibake_after:,} after; U+FFFD (unrepairable): {replacement_chars:,}")
    print(f"HTML entities decoded: {entities:,}  CRLF line ends normalised: {crlf:,}")
    print(f"curly quotation marks: {curly_before:,} before, {curly_after:,} after")
    print(f"non-empty lines: {lines_in:,} -> paragraphs (kept or removed as debris): {paragraphs_out:,} ({lines_in - paragraphs_out:,} lines re-joined or emptied)")
    print("removed per rule (paragraphs for line and repeat rules, matches for inline and tail rules):")
    for rule in dict.fromkeys(rule.name for rule in DEBRIS_RULES):
        print(f"  {rule:<26} {per_rule[rule]:>7,}")
    if args.show:
        items = removed_items[args.show]
        sample = random.Random(args.seed).sample(items, min(args.n, len(items)))
        print(f"\n{len(sample)} of {len(items):,} removed by {args.show}:")
        for article_id, item in sample:
            print(f"  {article_id}: {item[:160]!r}")


if __name__ == "__main__":
    main()
