"""The interface every claims model offers, and the registry of loaders keyed by a model card's ``format``."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Protocol

import numpy as np


class Scorer(Protocol):
    """A loaded check-worthiness model."""

    threshold: float  # sentences scoring at least this are claims
    card: dict  # the model card (``card.json``)

    def scores(self, texts: list[str], headlines: np.ndarray | None = None, articles: np.ndarray | None = None) -> np.ndarray:
        """The probability that each sentence is check-worthy (``headlines``: which of them are an
        article's headline, for a model that treats headlines apart; ``articles``: the article of
        each, as numbers, for a model that treats an article's best sentences apart)."""


Loader = Callable[[Path, dict], Scorer]

# format (the card's ``format``) -> function building the model from its directory and card.
LOADERS: dict[str, Loader] = {}


def register(model_format: str) -> Callable[[Loader], Loader]:
    """Register the loader of the models whose card names ``model_format``."""

    def add(loader: Loader) -> Loader:
        LOADERS[model_format] = loader
        return loader

    return add
