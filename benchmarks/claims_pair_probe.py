"""Does the claims encoder separate check-worthy sentences better with their context? A frozen probe (issue 12).

    python benchmarks/claims_pair_probe.py                      # base MiniLM and the teacher: ≈ 20 min at load 5, ≈ 3 min from the cache
    python benchmarks/claims_pair_probe.py --encoders base --repeats 10
    python benchmarks/claims_pair_probe.py --cost 300           # also ms per sentence, alone and as a pair

The encoder reads each sentence alone. This embeds every labelled sentence of the training labels
(``data/labels/claims_news_train.jsonl``), the calibration split (``claims_news_calibration.jsonl``,
both joined to the shared corpora as ``make eval-claims-calibration`` does) and news_dev with a
frozen encoder, in the variants of :data:`VARIANTS`:

- ``alone``: ``[CLS] sentence [SEP]``, the mean of the last layer over its pieces (what the
  shipped encoder's head reads);
- ``+headline`` / ``+previous``: ``[CLS] sentence [SEP] context [SEP]`` (the context as segment B),
  the mean over all pieces (what a pair fine-tune's head would read) and, ``…, sentence part``,
  over the sentence's pieces only (the sentence as the context colours it);
- ``alone ‖ previous alone``: the sentence's and the previous sentence's own embeddings side by
  side (does the neighbour carry anything, whatever the attention makes of it).

The headline is the article's title (news_dev: the text before its first blank line); the previous
sentence is the labelled sentence before it in the article (the headline for the first, nothing for
the headline). Encoders: ``base``, the packaged all-MiniLM-L6-v2 the teacher starts from, and
``teacher``, ``models/claims-teacher``'s weights (int8, dequantized). Then a logistic regression
(standardised, C chosen by grouped 5-fold CV on the training rows) is

1. fitted on the training rows and scored on the calibration split and news_dev: F1 at the best
   threshold of the pipeline's grid, AP, the top-3 precision per article at that threshold, and
   that of each article's best 3 sentences without a threshold ("best 3": the ranking alone);
2. cross-validated on the calibration split, 5 folds of articles, averaged over ``--repeats``
   random partitions (min–max of F1).

The teacher was fine-tuned on the training rows, so its features there are over-fitted: for it only
the cross-validation on the calibration split (which it never trained on) is a fair comparison. The
held-out split is never read. Embeddings are cached in ``--cache``. Needs the ``train`` extra.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
sys.path[:0] = [str(REPO), str(REPO / "benchmarks")]

from claims_context import best_threshold_f1, fit, grouped_folds, top3_precision  # noqa: E402  (shared with the thirteenth round's stacker)

LABELS = REPO / "data" / "labels"
NEWS_DEV = SHARED / "claims" / "news_dev.jsonl", SHARED / "claims" / "news_dev_articles.jsonl"
# Pieces of the sentence (as the shipped encoder cuts it) and of sentence and context together.
SENTENCE_PIECES = 64
PAIR_PIECES = 128
VARIANTS = ("alone", "+headline", "+headline, sentence part", "+previous", "+previous, sentence part", "alone ‖ previous alone")
C_GRID = (0.003, 0.01, 0.03, 0.1)


def labelled_rows(path: Path) -> list[dict]:
    """The rows of a label file without text (article id + offsets) with ``text``, ``headline``,
    ``previous`` and ``article`` filled in from the shared corpora."""
    from pipeline.claims.training import article_fields

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    fields = article_fields(SHARED, {(row["corpus"], row["article_id"]) for row in rows})
    for row in rows:
        article = fields[row["corpus"], row["article_id"]]
        row["text"] = article[row["field"]][row["start"] : row["end"]]
        row["headline"] = article["title"]
        row["article"] = f'{row["corpus"]}/{row["article_id"]}'
    rows.sort(key=lambda row: (row["article"], int(row["sid"].rsplit("#", 1)[1])))
    return with_previous(rows)


def news_dev_rows() -> list[dict]:
    """news_dev's rows (text given) with ``headline`` (the article's text before its first blank line), ``previous``, ``article``."""
    from pipeline.extract.claims import headline_end

    gold, articles = NEWS_DEV
    texts = {a["id"]: a["text"] for a in map(json.loads, articles.read_text(encoding="utf-8").splitlines())}
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        text = texts[row["article_id"]]
        row["headline"], row["article"] = text[: headline_end(text)].strip(), row["article_id"]
    rows.sort(key=lambda row: (row["article"], row["start"]))
    return with_previous(rows)


def with_previous(rows: list[dict]) -> list[dict]:
    """Set each row's ``previous``: the text of the row before it in the same article ("" for the first); rows in article order."""
    for i, row in enumerate(rows):
        row["previous"] = rows[i - 1]["text"] if i and rows[i - 1]["article"] == row["article"] else ""
    return rows


def open_encoder(name: str):
    """A frozen BertModel: the packaged MiniLM (``base``) or the teacher's dequantized weights (``teacher``)."""
    from pipeline.claims.encoder_training import base_model_dir, base_scoring_module, weights_of_encoder_model

    module = base_scoring_module(base_model_dir())
    if name == "teacher":
        module.load_state_dict(weights_of_encoder_model(REPO / "models" / "claims-teacher"))
    return module.bert.eval()


def embed(bert, tokenizer, sentences: list[str], contexts: list[str] | None, batch: int = 64) -> tuple[np.ndarray, np.ndarray]:
    """Mean of the last layer over all real pieces, and over the sentence's (segment A) pieces only, of each
    sentence — or sentence and context as a pair. Batches of similar length."""
    import torch

    pairs = [(s, c) for s, c in zip(sentences, contexts)] if contexts is not None else None
    encodings = tokenizer.encode_batch(pairs if pairs is not None else sentences)
    whole, sentence_part = np.zeros((len(sentences), 384), np.float32), np.zeros((len(sentences), 384), np.float32)
    order = np.argsort([len(e.ids) for e in encodings], kind="stable")
    with torch.no_grad():
        for start in range(0, len(order), batch):
            rows = order[start : start + batch]
            length = max(len(encodings[i].ids) for i in rows)
            ids, types, mask = (torch.zeros((len(rows), length), dtype=torch.long) for _ in range(3))
            for r, i in enumerate(rows):
                e = encodings[i]
                ids[r, : len(e.ids)], types[r, : len(e.ids)], mask[r, : len(e.ids)] = (torch.tensor(e.ids), torch.tensor(e.type_ids), 1)
            hidden = bert(input_ids=ids, attention_mask=mask, token_type_ids=types).last_hidden_state
            for weights, out in ((mask, whole), (mask * (types == 0), sentence_part)):
                w = weights.unsqueeze(-1).float()
                out[rows] = ((hidden * w).sum(1) / w.sum(1)).numpy()
    return whole, sentence_part


def features_of(encoder_name: str, splits: dict[str, list[dict]], cache: Path) -> dict[str, dict[str, np.ndarray]]:
    """Each split's features per variant of :data:`VARIANTS` under ``encoder_name``, cached as npz."""
    from pipeline.claims.encoder import open_tokenizer
    from pipeline.claims.encoder_training import base_model_dir

    path = cache / f"pair_probe_{encoder_name}.npz"
    if path.exists():
        stored = np.load(path)
        return {split: {v: stored[f"{split}|{v}"] for v in VARIANTS} for split in splits}
    import torch

    torch.set_num_threads(2)
    bert = open_encoder(encoder_name)
    single = open_tokenizer(base_model_dir() / "tokenizer.json", SENTENCE_PIECES)
    pair = open_tokenizer(base_model_dir() / "tokenizer.json", PAIR_PIECES)
    out: dict[str, dict[str, np.ndarray]] = {}
    for split, rows in splits.items():
        started = time.perf_counter()
        sentences = [r["text"] for r in rows]
        alone, _ = embed(bert, single, sentences, None)
        headline, headline_part = embed(bert, pair, sentences, [r["headline"] for r in rows])
        previous, previous_part = embed(bert, pair, sentences, [r["previous"] for r in rows])
        index = {r["text"]: i for i, r in enumerate(rows)}  # the previous row's own embedding
        previous_alone = np.array([alone[index[r["previous"]]] if r["previous"] else np.zeros(384, np.float32) for r in rows])
        out[split] = dict(zip(VARIANTS, (alone, headline, headline_part, previous, previous_part, np.c_[alone, previous_alone])))
        print(f"  {encoder_name} {split}: {len(rows)} sentences embedded in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    cache.mkdir(parents=True, exist_ok=True)
    np.savez(path, **{f"{split}|{v}": x for split, per in out.items() for v, x in per.items()})
    return out


def balanced_fit(features: np.ndarray, labels: np.ndarray, c: float):
    """:func:`claims_context.fit` with classes weighted by their ratio (the labels are 39 % positive)."""
    return fit(features, labels, c, class_weight="balanced", epsilon=1e-6)


def out_of_fold(features: np.ndarray, labels: np.ndarray, articles: np.ndarray, c: float, seed: int) -> np.ndarray:
    """Out-of-fold probabilities, 5 folds of articles."""
    folds, out = grouped_folds(articles, seed), np.zeros(len(labels))
    for fold in range(5):
        out[folds == fold] = balanced_fit(features[folds != fold], labels[folds != fold], c)(features[folds == fold])
    return out


def judged(labels: np.ndarray, scores: np.ndarray, articles: np.ndarray) -> dict[str, float]:
    """F1 at the best threshold of the pipeline's grid, AP, the top-3 precision at that threshold (the
    eval's: each article's flagged sentences) and of each article's 3 best sentences, flagged or not.
    The second is the ranking alone: the first also moves with how many an article flags, and an
    article that flags one right sentence scores 1.0."""
    from sklearn.metrics import average_precision_score

    from pipeline.claims.metrics import top_k_precision

    f1, best = best_threshold_f1(labels, scores)
    return {"f1": f1, "ap": average_precision_score(labels, scores), "top3": top3_precision(labels, scores, articles, best),
            "top3_all": top_k_precision([(labels[articles == a], scores[articles == a]) for a in np.unique(articles)], 3)}


def encoder_cost(texts: list[str], contexts: list[str]) -> tuple[float, float]:
    """ms per sentence of the teacher's ONNX encoder (int8, one thread) alone and with its context's
    pieces appended (the graph has no segment input: only the length counts), alternated."""
    from pipeline.claims.encoder import open_tokenizer
    from pipeline.claims.loading import load_model

    model = load_model(REPO / "models" / "claims-teacher")
    pair = open_tokenizer(REPO / "models" / "claims-teacher" / "tokenizer.json", PAIR_PIECES)
    inputs = [(np.array([model.tokenizer.encode(t).ids]), np.array([pair.encode(t, c).ids])) for t, c in zip(texts, contexts)]
    spent = [0.0, 0.0]
    for both in inputs:
        for k, ids in enumerate(both):
            started = time.perf_counter()
            model.session.run(None, {"input_ids": ids})
            spent[k] += time.perf_counter() - started
    return spent[0] * 1000 / len(texts), spent[1] * 1000 / len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--encoders", nargs="+", default=["base", "teacher"], choices=["base", "teacher"])
    parser.add_argument("--repeats", type=int, default=5, help="random partitions of the calibration split's articles")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claims6"))
    parser.add_argument("--cost", type=int, default=0, help="also time the ONNX teacher on this many news_dev sentences")
    args = parser.parse_args()

    splits = {"train": labelled_rows(LABELS / "claims_news_train.jsonl"), "calibration": labelled_rows(LABELS / "claims_news_calibration.jsonl"),
              "news_dev": news_dev_rows()}
    labels = {name: np.array([int(r["label"]) for r in rows]) for name, rows in splits.items()}
    articles = {name: np.array([r["article"] for r in rows]) for name, rows in splits.items()}
    print("| encoder | variant | C | calibration F1 / AP / top-3 / best 3 (fit on train) | news_dev F1 / AP / top-3 / best 3 (fit on train) | "
          "calibration CV F1 (min–max) / AP / top-3 / best 3 |")
    print("|---|---|---|---|---|---|")
    for encoder_name in args.encoders:
        features = features_of(encoder_name, splits, args.cache)
        for variant in VARIANTS:
            x = {name: per[variant] for name, per in features.items()}
            # C by grouped CV (AP) on the training rows: chosen on data no figure below is measured on.
            c = max(C_GRID, key=lambda c: judged(labels["train"], out_of_fold(x["train"], labels["train"], articles["train"], c, 0),
                                                 articles["train"])["ap"])
            model = balanced_fit(x["train"], labels["train"], c)
            held = {name: judged(labels[name], model(x[name]), articles[name]) for name in ("calibration", "news_dev")}
            cv = [judged(labels["calibration"], out_of_fold(x["calibration"], labels["calibration"], articles["calibration"], c, seed),
                         articles["calibration"]) for seed in range(args.repeats)]
            f1s = [m["f1"] for m in cv]
            print(f"| {encoder_name} | {variant} | {c} | " + " | ".join(f'{m["f1"]:.3f} / {m["ap"]:.3f} / {m["top3"]:.3f} / {m["top3_all"]:.3f}' for m in held.values())
                  + f' | {np.mean(f1s):.3f} ({min(f1s):.3f}–{max(f1s):.3f}) / {np.mean([m["ap"] for m in cv]):.3f} / '
                  f'{np.mean([m["top3"] for m in cv]):.3f} / {np.mean([m["top3_all"] for m in cv]):.3f} |', flush=True)
    if args.cost:
        rows = splits["news_dev"][: args.cost]
        for context in ("headline", "previous"):
            alone, paired = encoder_cost([r["text"] for r in rows], [r[context] for r in rows])
            print(f"teacher ONNX, {len(rows)} news_dev sentences: alone {alone:.2f} ms, +{context} {paired:.2f} ms per sentence")


if __name__ == "__main__":
    main()
