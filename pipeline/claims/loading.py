"""The shipped claims models and ``load_model``: a model by name or directory, loaded by its card's format."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pipeline.artifacts import shipped_models_root
from pipeline.claims import encoder, sparse  # noqa: F401  (each registers its format's loader)
from pipeline.claims.card import read_card
from pipeline.claims.registry import LOADERS, Scorer

# The models newslens ships, by the name ``--claims-model`` takes. The accurate one is the default: a
# four-layer student distilled from a six-layer encoder, behind a sparse first stage distilled from the
# six-layer teacher of the current labels that sends it ≈ 15 % of the sentences, headlines and each
# article's 3 best (news F1 0.82 vs the fast model's 0.73; docs/evaluation.md, "Claims", sixth, tenth
# and twelfth rounds). The six-layer teacher (models/claims-teacher) stays in the checkout, for
# distilling, not in the wheel.
SHIPPED_MODELS = {"accurate": "claims-encoder", "fast": "claims"}
DEFAULT_MODEL = "accurate"
# A card's key naming the model that scores sentences without an article around them — debate
# transcripts, sentence gold such as CheckThat! — in place of the card's own model: a directory
# beside the model's own (``models/claims-transcript``, the six-layer encoder fine-tuned on CT24
# alone, is the default's: on CT24 devtest the news-tuned cascade ranks at AP 0.88, the debate-tuned
# encoder at 0.96; F1 0.73 against 0.91, the encoder's at a threshold chosen on devtest itself, as
# the CT24 data's README advises; docs/evaluation.md, "Transcripts").
TRANSCRIPT_MODEL_KEY = "transcript_model"


def shipped_model_dir(name: str = DEFAULT_MODEL) -> Path:
    """The directory of a shipped model (``accurate`` or ``fast``)."""
    return shipped_models_root() / SHIPPED_MODELS[name]


def resolve_model_dir(choice: str | Path | None = None) -> Path:
    """The model directory of ``choice``: a shipped model's name, a directory, or ``None`` for the default."""
    if choice is None or str(choice) in SHIPPED_MODELS:
        return shipped_model_dir(str(choice) if choice is not None else DEFAULT_MODEL)
    return Path(choice).expanduser().resolve()


def check_model(choice: str | Path | None = None) -> Path:
    """The model directory of ``choice``, after checking its card names a known format (raises
    FileNotFoundError or ValueError with a message naming the directory)."""
    model_dir = resolve_model_dir(choice)
    read_card(transcript_model_dir(model_dir), LOADERS)  # reads the model's own card on the way
    return model_dir


def transcript_model_dir(model_dir: Path) -> Path:
    """The directory of the model that scores sentences without their article for the model in
    ``model_dir``: the directory its card's ``transcript_model`` names — beside the model (a saved
    pipeline carries it there), else the shipped one of that name (a copy of a shipped model) —
    else ``model_dir``."""
    name = read_card(model_dir, LOADERS).get(TRANSCRIPT_MODEL_KEY)
    if name is None:
        return model_dir
    if Path(name).name != name:
        raise ValueError(f"{model_dir}: {TRANSCRIPT_MODEL_KEY} must name a directory beside the model, not {name!r}")
    beside = model_dir.parent / name
    return beside if beside.is_dir() else shipped_models_root() / name


def load_model(choice: str | Path | None = None) -> Scorer:
    """Load a claims model (``choice`` as in ``resolve_model_dir``) as its card says; once per process and directory."""
    return _load(resolve_model_dir(choice))


@lru_cache(maxsize=4)
def _load(model_dir: Path) -> Scorer:
    card = read_card(model_dir, LOADERS)
    return LOADERS[card["format"]](model_dir, card)
